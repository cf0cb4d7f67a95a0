! pls.S -- predicate logic: compares into predicates, pass/andp/landp/
! movep in the PLS, predicated operations (? %predN / ? ~%predN, and two
! guards at once), merged with a merge condition, conditional ct and
! ibranch.
! expect-exit: 0
! expect-stdout: pls: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  addd,0	0, 5, %r1
	  addd,1	0, 6, %r2
	  addd,2	0, 0, %r20		! failure count
	}
	{
	  cmpedb,0	%r1, 5, %pred0		! 1
	  cmpedb,1	%r1, %r2, %pred1	! 0
	  cmpbdb,3	%r1, %r2, %pred7	! 1
	  nop	2
	}
	{
	  pass	%pred0, @p0
	  pass	%pred1, @p1
	  andp	@p0, ~@p1, @p4			! 1 & ~0 = 1
	  pass	@p4, %pred2
	}
	{
	  pass	%pred0, @p0
	  pass	%pred1, @p1
	  landp	~@p0, @p1, @p4			! 0
	  pass	@p4, %pred3
	}
	{
	  pass	%pred1, @p0
	  pass	%pred0, @p1
	  movep	@p0, @p1, @p4			! p0 = 0: %pred7 unchanged (1)
	  pass	@p4, %pred7
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred2
	}
	{
	  addd,0	%r20, 1, %r20 ? %pred3
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred7
	}
	! merged picks src2 when the condition holds, else src1
	{
	  merged,0	%r1, %r2, %r3, %pred0	! 6
	  merged,1	%r1, %r2, %r4, %pred1	! 5
	}
	{
	  cmpedb,0	%r3, 6, %pred4
	  cmpedb,1	%r4, 5, %pred5
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred4
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred5
	}
	! all operations of a wide instruction read the old values
	{
	  addd,0	%r2, 0, %r1		! swap %r1 and %r2
	  addd,1	%r1, 0, %r2
	}
	{
	  cmpedb,0	%r1, 6, %pred4
	  cmpedb,1	%r2, 5, %pred5
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred4
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred5
	}
	! two guards (a predicate and a loop prologue counter) must both hold;
	! %pcntN holds while lsr.pcnt <= N, and pcnt is 3 here
	{
	  addd,3	0, 0, %r5
	  addd,1	0, 0, %r6
	  rwd,0	3 << 48, %lsr
	}
	{
	  addd,0	0, 1, %r5 ? %pred0, %pcnt4	! both true
	  addd,1	0, 1, %r6 ? %pred0, %pcnt2	! %pcnt2 false
	}
	{
	  rwd,0	0, %lsr
	}
	{
	  cmpedb,0	%r5, 1, %pred4
	  cmpedb,1	%r6, 0, %pred5
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred4
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred5
	}
	! conditional transfers
	{
	  disp	%ctpr1, .Lskip
	}
	{
	  ct	%ctpr1 ? %pred0		! taken
	}
	{
	  addd,0	%r20, 1, %r20
	}
.Lskip:
	{
	  ibranch	.Lbad ? %pred1		! not taken
	}
	{
	  ibranch	.Lgood
	}
.Lbad:
	{
	  addd,0	%r20, 1, %r20
	}
.Lgood:
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"pls: ok\n"
	msg_len = . - msg
