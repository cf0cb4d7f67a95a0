! pred-guard.S -- a guarded predicate write in a loop inside one TB
! (translated as a select, not a branch around the store): the guard
! %pred3 is true on even trips only.  On even trips %pred4 = (%r1 == 6);
! on odd trips it keeps its value, so it is true on trips 6 and 7 and
! %r5 counts 2 (1 if the guard were ignored, 0 if the write never
! happened).  A second guarded write in the same wide instruction, to
! %pred5 with the guard negated, makes %pred5 = (%r1 == 9) on odd trips:
! true on trips 9 and 10, %r6 counts 2.
! expect-exit: 0
! expect-stdout: pred-guard: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  addd,0	0, 0, %r1			! trip
	  addd,1	0, 0, %r5
	  addd,2	0, 0, %r6
	  disp	%ctpr1, .Lloop
	}
	{
	  addd,0	0, 0, %r20			! failed checks
	  cmpedb,1	%r1, 1, %pred4		! 0
	  cmpedb,3	%r1, 1, %pred5		! 0
	}
.Lloop:
	{
	  andd,0	%r1, 1, %r2
	}
	{
	  cmpedb,0	%r2, 0, %pred3		! even trip
	  nop	2
	}
	{
	  cmpedb,0	%r1, 6, %pred4 ? %pred3
	  cmpedb,1	%r1, 9, %pred5 ? ~%pred3
	  addd,2	%r1, 1, %r1
	}
	{
	  addd,0	%r5, 1, %r5 ? %pred4
	}
	{
	  addd,0	%r6, 1, %r6 ? %pred5
	  cmpbdb,1	%r1, 20, %pred0
	  nop	2
	}
	{
	  ct	%ctpr1 ? %pred0
	}
	{
	  cmpedb,0	%r5, 2, %pred1
	  cmpedb,1	%r6, 2, %pred2
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred1
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred2
	}
	report	%r20, msg, 16
	.size	_start, . - _start

	.data
msg:
	.ascii	"pred-guard: ok\n"
