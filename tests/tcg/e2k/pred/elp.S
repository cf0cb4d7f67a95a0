! elp.S -- condition sources: %lcntex in a PLS ELP (true while
! LSR.lcnt is 0), %pcntN as a CDS guard (true once LSR.pcnt <= N), and
! the ELP encoding 0x40|N, which in a PLS is %rndpredN, not %pcntN (see
! ill/rndpred.S).
! expect-exit: 0
! expect-stdout: elp: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  addd,0	0, 0, %r20		! failure count
	}
	{
	  pass	%lcntex, @p0		! lcnt = 0 at start: true
	  pass	%lcntex, @p1
	  andp	@p0, @p1, @p4
	  pass	@p4, %pred0
	}
	{
	  rwd,0	5 | (3 << 48), %lsr	! lcnt 5, pcnt 3
	}
	{
	  nop	4
	}
	{
	  pass	%lcntex, @p0		! lcnt = 5: false
	  pass	%lcntex, @p1
	  landp	~@p0, ~@p1, @p4		! true
	  pass	@p4, %pred1
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred0
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred1
	}
	{
	  addd,0	0, 1, %r1 ? %pcnt2	! pcnt 3 > 2: not executed
	  addd,1	0, 1, %r2 ? %pcnt3	! pcnt 3 <= 3: executed
	}
	{
	  cmpedb,0	%r1, 0, %pred2
	  cmpedb,1	%r2, 1, %pred3
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred3
	}
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"elp: ok\n"
	msg_len = . - msg
