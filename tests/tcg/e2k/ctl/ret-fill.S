! ret-fill.S -- a return whose caller's window cannot come back.  The
! callee rewrites its chain-stack frame (which only a program that
! writes the chain stack can do) so that the caller's window (CR1.lo.wbs)
! claims 254 registers, more than the register cache and the procedure
! stack below the callee's window hold: the return is SIGSEGV SEGV_MAPERR
! (si_addr 0) at its wide instruction, whose store and addition are
! undone.  The twin: with the frame put back, the same kind of wide
! instruction (store, addition, return) returns, with its effects.
! expect-exit: 0
! expect-stdout: ctl-ret-fill: ok

	.include "../tags/tags.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20			! failures
	}
	catch	11
	{
	  disp	%ctpr2, callee
	}
	{
	  call	%ctpr2, wbs=12
	}
	ldcheck	cell, 2				! the twin's store
	ldcheck	fault_count, 1
	report	%r20, msg, msg_len
	.size	_start, . - _start

	! callee: %r0 = the caller's %r24 (failures go to its %r20 at the
	! end: the caller checks them through the cell and fault log)
	.type	callee, @function
callee:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20
	  addd,1	0, cell, %r23
	  addd,2	0, 0, %r22
	}
	{
	  rrd,0	%pcsp.lo, %r17
	}
	{
	  rrd,0	%pcsp.hi, %r18
	  nop	2
	}
	{
	  andd,0	%r17, 0xffffffffffff, %r17	! PCSP.lo.base
	  andd,1	%r18, 0xffffffff, %r18		! PCSP.hi.ind
	}
	{
	  addd,0	%r17, %r18, %r17
	}
	{
	  ldd,0	[ %r17 + 16 ], %r19		! the frame's CR1.lo
	  nop	3
	}
	{
	  ord,0	%r19, 0x7f << 33, %r16		! wbs = 127 quads
	}
	{
	  std,2	%r16, [ %r17 + 16 ]
	}
	resume_at .Lresume
	{
	  return	%ctpr3
	  addd,0	0, 1, %r21
	}
	{
	  nop	3
	}
.Lret:
	{
	  std,2	%r21, [ %r23 + 0 ]
	  addd,0	%r22, 1, %r22
	  ct	%ctpr3
	}
	{
	  addd,0	%r20, 100, %r20			! never reached
	}
.Lresume:
	faulted	0, 11, 1, 0
	ldcheck	cell, 0
	check	%r22, 0
	{
	  std,2	%r19, [ %r17 + 16 ]		! the frame back
	  addd,0	0, 2, %r21
	}
	{
	  return	%ctpr3
	}
	{
	  nop	3
	}
	{
	  std,2	%r21, [ %r23 + 0 ]		! twin: happens
	  addd,0	%r22, 1, %r22
	  cmpedb,1	%r20, 0, %pred0
	  ct	%ctpr3 ? %pred0
	}
	{
	  addd,0	0, 0, %r21			! a failed check: store 3
	}
	{
	  addd,0	0, 3, %r21
	}
	{
	  std,2	%r21, [ %r23 + 0 ]
	  return	%ctpr3
	}
	{
	  nop	3
	}
	{
	  ct	%ctpr3
	}
	.size	callee, . - callee

	fault_handler
	fault_data
	.align	8
cell:
	.quad	0
msg:
	.ascii	"ctl-ret-fill: ok\n"
	msg_len = . - msg
