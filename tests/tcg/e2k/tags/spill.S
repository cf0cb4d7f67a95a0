! spill.S -- tags survive the register stack's spill to the procedure
! stack and the fill on the way back: a diagnostic %dr2 and a number
! %dr3 of the outer window, then 3000 levels of recursion (wbs=2 each,
! far beyond the register cache), then their tags again; the number
! still adds without a fault, the diagnostic value is still SIGILL.
! expect-exit: 0
! expect-stdout: tags-spill: ok

	.include "tags.inc"
	.include "../lib/report.inc"

	N = 3000

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20			! failures
	  addd,1	0, 0x10, %r1			! page 0 is never mapped
	  addd,2	0, 0x77, %r7
	}
	catch	4
	{
	  ldd,0,sm	[ %r1 + 0 ], %r2		! diagnostic
	  addd,1	0, 9, %r3
	  disp	%ctpr1, sum
	  nop	3
	}
	{
	  addd,0	0, N, %r44			! argument
	}
	{
	  call	%ctpr1, wbs=22			! the callee's %r0 = %r44
	}
	check	%r44, 4501500
	{
	  gettagd,2	%dr2, %r4
	  gettagd,5	%dr3, %r5
	}
	check	%r4, 5
	check	%r5, 0
	{
	  addd,0	%r3, 1, %r6			! twin: a number
	}
	check	%r6, 10
	resume_at add_done
add_at:
	{
	  addd,0	%r2, 1, %r7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
add_done:
	faulted	0, 4, 2, add_at
	check	%r7, 0x77
	report	%r20, msg, msg_len
	.size	_start, . - _start

! long sum(long n): n in %r0, result in %r0
	.type	sum, @function
sum:
	{
	  setwd	wsz=4, nfx=1
	  return	%ctpr3
	}
	{
	  disp	%ctpr1, sum
	  cmpedb,0	%r0, 0, %pred0
	  subd,1	%r0, 1, %r4
	  addd,2	%r0, 0, %r3
	  nop	2
	}
	{
	  ct	%ctpr3 ? %pred0
	}
	{
	  call	%ctpr1, wbs=2
	}
	{
	  addd,0	%r3, %r4, %r0
	  return	%ctpr3
	}
	{
	  ct	%ctpr3
	}
	.size	sum, . - sum

	fault_handler
	fault_data
msg:
	.ascii	"tags-spill: ok\n"
	msg_len = . - msg
