! ct-garbage.S -- a ct through a %ctpr that held a disp target when its
! wide instruction was translated but holds something else when it runs.
! The wide instruction at .Lct_w (a store, an addition and `ct %ctpr2')
! is translated on its first run, with %ctpr2 = disp .Lfirst, in one TB
! with the wide instruction before it (which counts the runs in %r19),
! and then run twice more from the same translation:
! - the twin: %ctpr2 holds another jump target (movtd of a number): the
!   store and the addition happen and the ct goes to .Lsecond;
! - %ctpr2 holds a diagnostic value (movtd keeps its tag): SIGILL
!   ILL_ILLADR (3) at .Lct_w, and the wide instruction leaves memory and
!   registers as they were (the store of 3 and the addition are undone),
!   while the one before it ran once, as on each run.
! expect-exit: 0
! expect-stdout: ctl-ct-garbage: ok

	.include "../tags/tags.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20			! failures
	  addd,1	0, 0x10, %r1			! page 0 is never mapped
	  addd,2	0, .Lsecond, %r5
	}
	catch	4
	{
	  disp	%ctpr2, .Lfirst
	  addd,0	0, 1, %r21			! the value .Lct stores
	  addd,1	0, 0, %r22			! .Lct_w adds 1 to it
	  addd,2	0, cell, %r23
	  addd,3	0, 0, %r19			! runs of .Lct
	}
	{
	  ldd,0,sm	[ %r1 + 0 ], %r3		! diagnostic
	  nop	3
	}
	{
	  ibranch	.Lct
	}
.Lct:
	{
	  addd,1	%r19, 1, %r19
	}
.Lct_w:
	{
	  std,2	%r21, [ %r23 + 0 ]
	  addd,0	%r22, 1, %r22
	  ct	%ctpr2
	}
	{
	  addd,0	%r20, 100, %r20			! never reached
	}
.Lfirst:
	ldcheck	cell, 1
	check	%r22, 1
	check	%r19, 1
	{
	  movtd,0	%dr5, %ctpr2			! twin: a number
	  addd,1	0, 2, %r21
	}
	{
	  nop	3
	}
	{
	  ibranch	.Lct
	}
.Lsecond:
	ldcheck	cell, 2
	check	%r22, 2
	check	%r19, 2
	ldcheck	fault_count, 0
	resume_at .Ldone
	{
	  movtd,0	%dr3, %ctpr2			! garbage
	  addd,1	0, 3, %r21
	}
	{
	  nop	3
	}
	{
	  ibranch	.Lct
	}
.Ldone:
	faulted	0, 4, 3, .Lct_w
	ldcheck	cell, 2
	check	%r22, 2
	check	%r19, 3
	report	%r20, msg, msg_len
	.size	_start, . - _start

	fault_handler
	fault_data
	.align	8
cell:
	.quad	0
msg:
	.ascii	"ctl-ct-garbage: ok\n"
	msg_len = . - msg
