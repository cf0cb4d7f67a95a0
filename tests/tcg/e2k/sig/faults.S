! faults.S -- handlers for the other synchronous faults: an integer
! division by zero gives SIGFPE with si_code FPE_INTDIV (1), a write to a
! privileged state register SIGILL with ILL_PRVOPC (5); si_addr is the
! faulting wide instruction each time.  The handler resumes after it by
! setting uc_mcontext.cr0_hi, and the registers of the interrupted
! window are intact.
! expect-exit: 0
! expect-stdout: sig-faults: ok

	.include "sig.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20
	}
	sys	174, 8, act, 0, 8		! SIGFPE
	check	%r8, 0
	sys	174, 4, act, 0, 8		! SIGILL
	check	%r8, 0
	{
	  addd,0	0, 100, %r1
	  addd,1	0, 0, %r2
	  addd,2	0, 0x55, %r3
	}
	{
	  addd,3	0, resume, %r15
	  addd,4	0, fpe_done, %r16
	}
	{
	  std,2	%r16, [ %r15 + 0 ]
	}
fpe_at:
	{
	  udivd,5	%r1, %r2, %r3
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
fpe_done:
	check	%r3, 0x55			! the division wrote nothing
	check	%r1, 100
	{
	  addd,0	0, resume, %r15
	  addd,1	0, ill_done, %r16
	}
	{
	  std,2	%r16, [ %r15 + 0 ]
	}
ill_at:
	{
	  rwd,0	%r1, %psr
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
ill_done:
	ldcheck	log+0, 8
	ldcheck	log+8, 1
	ldcheck	log+16, fpe_at
	ldcheck	log+24, 4
	ldcheck	log+32, 5
	ldcheck	log+40, ill_at
	ldcheck	count, 2
	report	%r20, msg, msg_len
	.size	_start, . - _start

! handler: log { sig, si_code, si_addr }, resume at *resume
	.type	handler, @function
handler:
	{
	  setwd	wsz=12, nfx=1
	  addd,0	0, count, %r4
	}
	{
	  ldd,0	[ %r4 + 0 ], %r5
	  ldw,2	[ %r1 + 8 ], %r6
	  ldd,3	[ %r1 + 16 ], %r7
	  nop	3
	}
	{
	  shld,0	%r5, 4, %r3			! 16 * count
	  addd,2	%r5, 1, %r16
	}
	{
	  shld,0	%r5, 3, %r17			! 8 * count
	  std,2	%r16, [ %r4 + 0 ]
	}
	{
	  addd,0	%r3, %r17, %r3			! 24 * count
	}
	{
	  addd,0	%r3, log, %r3
	}
	{
	  std,2	%r0, [ %r3 + 0 ]
	  std,5	%r6, [ %r3 + 8 ]
	}
	{
	  std,2	%r7, [ %r3 + 16 ]
	  ldd,0	[ %r4 + 8 ], %r5		! resume address
	  nop	3
	}
	{
	  std,2	%r5, [ %r2 + 48 ]		! uc_mcontext.cr0_hi
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	handler, . - handler

	.data
	.align	8
act:
	.quad	handler, 4, 0, 0
count:
	.quad	0
resume:
	.quad	0
log:
	.fill	48, 1, 0xff
msg:
	.ascii	"sig-faults: ok\n"
	msg_len = . - msg
