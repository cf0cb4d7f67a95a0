! ill-movaq.S -- movaq moves 16-byte elements: from an area of double
! words (fapb fmt=4) it is SIGILL (ILL_ILLOPN, as a mova wider than its
! area's elements), before the wide instruction changes anything.
! Assembled with -mcpu=elbrus-v5.
! expect-exit: 132

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, src, %dr1
	}
	{
	  aaurwd,2	%dr1, %aadr0
	  ldisp	%ctpr2, .Lapb
	}
	{
	  bap
	  nop	4
	}
	{
	  movaq,0	area=0, ind=0, am=1, %qr12
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r8		! exit(0): must not get here
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr1, wbs=4
	}
	.size	_start, . - _start

	.balign	16
.Lapb:
	{
	  fapb	ct=1, d=0, fmt=4, incr=0, ind=0, disp=0 ; fapb dpl=0, fmt=0, disp=0
	}

	.data
	.balign	16
src:
	.fill	64, 1, 0x5a
