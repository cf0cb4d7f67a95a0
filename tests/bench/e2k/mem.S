! mem: a memory walk, the twin of mem.c: fill 1 Mi 64-bit words, then
! sum them 200 times.  Exit status: the low byte of the sum.

	N = 1 << 20
	R = 200

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  disp	%ctpr1, .Lfill
	  addd,0	0, 0, %dr1			! i
	  addd,1	0, array, %dr2			! p
	}
.Lfill:
	{
	  shrd,0	%dr1, 3, %dr3
	  addd,1	%dr1, 1, %dr4
	}
	{
	  xord,0	%dr1, %dr3, %dr3
	  cmpedb,1	%dr4, N, %pred0
	}
	{
	  std,2	%dr3, [ %dr2 + 0 ]
	  addd,0	%dr2, 8, %dr2
	  addd,1	%dr4, 0, %dr1
	  ct	%ctpr1 ? ~%pred0
	}
	{
	  disp	%ctpr2, .Lround
	}
	{
	  disp	%ctpr1, .Lsum
	  addd,0	0, 0, %dr5			! s
	  addd,1	0, 0, %dr6			! r
	}
.Lround:
	{
	  addd,0	0, array, %dr2
	  addd,1	0, N, %dr1
	}
.Lsum:
	{
	  ldd,0	%dr2, 0, %dr3
	  subd,1	%dr1, 1, %dr1
	  addd,3	%dr2, 8, %dr2
	}
	{
	  addd,0	%dr5, %dr3, %dr5
	  cmpedb,1	%dr1, 0, %pred0
	}
	{
	  ct	%ctpr1 ? ~%pred0
	}
	{
	  xord,0	%dr5, %dr6, %dr5
	  addd,1	%dr6, 1, %dr6
	}
	{
	  cmpedb,0	%dr6, R, %pred1
	}
	{
	  ct	%ctpr2 ? ~%pred1
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 1, %dr8
	  addd,1	%dr5, 0, %dr9
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start

	.bss
	.balign	8
array:
	.skip	N * 8
