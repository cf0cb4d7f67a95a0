! vcopy: a 128-bit copy, the twin of vcopy.c (elbrus-v5): 20000 times
! copy 64 KiB 32 bytes per trip (two ldqp, two stqp), changing one source
! word between rounds.  Exit status: the low byte of the sum of the
! destination's 64-bit words.

	N = 65536
	R = 20000

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  disp	%ctpr1, .Lfill
	  addd,0	0, 0, %dr1			! i
	  addd,1	0, src, %dr2
	}
.Lfill:
	{
	  muld,0	%dr1, _f64 0x9e3779b97f4a7c15, %dr3
	  addd,1	%dr1, 1, %dr1
	}
	{
	  std,2	%dr3, [ %dr2 + 0 ]
	  addd,0	%dr2, 8, %dr2
	  cmpedb,1	%dr1, N / 8, %pred0
	}
	{
	  ct	%ctpr1 ? ~%pred0
	}
	{
	  disp	%ctpr2, .Lround
	  addd,0	0, 0, %dr6			! r
	}
.Lround:
	{
	  disp	%ctpr1, .Lcopy
	  addd,0	0, src, %dr2
	  addd,1	0, dst, %dr3
	}
.Lcopy:
	{
	  ldqp,0	%dr2, 0, %qpr8
	  ldqp,3	%dr2, 16, %qpr9
	  addd,1	%dr2, 32, %dr2
	}
	{
	  stqp,2	%qpr8, %dr3, 0
	  stqp,5	%qpr9, %dr3, 16
	  addd,0	%dr3, 32, %dr3
	  cmpedb,1	%dr2, src + N, %pred0
	}
	{
	  ct	%ctpr1 ? ~%pred0
	}
	! src[r & (N / 8 - 1)] += r
	{
	  andd,0	%dr6, N / 8 - 1, %dr4
	}
	{
	  shld,0	%dr4, 3, %dr4
	}
	{
	  ldd,0	%dr4, src, %dr5
	}
	{
	  addd,0	%dr5, %dr6, %dr5
	  addd,1	%dr6, 1, %dr6
	}
	{
	  std,2	%dr5, [ %dr4 + src ]
	  cmpedb,0	%dr6, R, %pred1
	}
	{
	  ct	%ctpr2 ? ~%pred1
	}
	{
	  disp	%ctpr1, .Lsum
	  addd,0	0, dst, %dr2
	  addd,1	0, 0, %dr7			! sum
	}
.Lsum:
	{
	  ldd,0	%dr2, 0, %dr5
	  addd,1	%dr2, 8, %dr2
	}
	{
	  addd,0	%dr7, %dr5, %dr7
	  cmpedb,1	%dr2, dst + N, %pred0
	}
	{
	  ct	%ctpr1 ? ~%pred0
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 1, %dr8
	  andd,1	%dr7, 0xff, %dr9
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start

	.bss
	.balign	16
src:
	.skip	N
dst:
	.skip	N
