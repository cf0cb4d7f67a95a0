! int: a tight integer loop (64-bit LCG, shift, accumulate), the twin of
! int.c.  Exit status: the low byte of the sum.

	N = 100000000

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  disp	%ctpr1, .Lloop
	  addd,0	0, 1, %dr1			! x
	  addd,1	0, 0, %dr2			! s
	  addd,2	0, N, %dr3			! n
	}
	{
	  addd,0	0, _f64 6364136223846793005, %dr4
	  addd,1	0, _f64 1442695040888963407, %dr5
	}
.Lloop:
	{
	  muld,0	%dr1, %dr4, %dr6
	  subd,1	%dr3, 1, %dr3
	}
	{
	  addd,0	%dr6, %dr5, %dr1
	  cmpedb,1	%dr3, 0, %pred0
	}
	{
	  shrd,0	%dr1, 33, %dr7
	}
	{
	  addd,0	%dr2, %dr7, %dr2
	  ct	%ctpr1 ? ~%pred0
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 1, %dr8
	  addd,1	%dr2, 0, %dr9
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start
