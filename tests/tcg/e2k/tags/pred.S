! pred.S -- diagnostic predicates: a speculative compare of a diagnostic
! value gives a diagnostic predicate (no fault); a guard or a branch on
! it is SIGILL ILL_ILLOPN with si_addr = the wide instruction, which
! changes nothing.  The twins: the same on a compare of a number, also
! right after the compare (the predicate cached in the translation).
! expect-exit: 0
! expect-stdout: tags-pred: ok

	.include "tags.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20			! failures
	  addd,1	0, 0x10, %r1			! page 0 is never mapped
	  addd,2	0, 0x77, %r7
	  addd,3	0, 3, %r5
	}
	catch	4
	{
	  ldd,0,sm	[ %r1 + 0 ], %r3		! diagnostic
	  nop	3
	}
	{
	  cmpedb,0,sm	%dr3, 0, %pred1			! diagnostic predicate
	  cmpedb,1,sm	%dr5, 3, %pred2			! twin: true
	}
	{
	  addd,0	%r5, 1, %r6 ? %pred2		! twin: runs
	}
	check	%r6, 4
	ldcheck	fault_count, 0

	! a guard on a diagnostic predicate
	resume_at guard_done
guard_at:
	{
	  addd,0	%r5, 1, %r7 ? %pred1
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
guard_done:
	faulted	0, 4, 2, guard_at
	check	%r7, 0x77

	! a branch on it, right after the compare that made it
	{
	  disp	%ctpr2, br_taken
	}
	resume_at br_done
	{
	  cmpedb,0,sm	%dr3, 0, %pred3
	}
br_at:
	{
	  ct	%ctpr2 ? %pred3
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
br_taken:
	{
	  addd,0	%r20, 100, %r20			! not taken either
	}
br_done:
	faulted	1, 4, 2, br_at

	! twin: a branch on a number predicate made just before
	{
	  disp	%ctpr2, twin_taken
	}
	{
	  cmpedb,0,sm	%dr5, 3, %pred3
	}
	{
	  ct	%ctpr2 ? %pred3
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
twin_taken:
	ldcheck	fault_count, 2
	report	%r20, msg, msg_len
	.size	_start, . - _start

	fault_handler
	fault_data
msg:
	.ascii	"tags-pred: ok\n"
	msg_len = . - msg
