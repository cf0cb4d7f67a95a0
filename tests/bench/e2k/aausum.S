! aausum: the twin of aausum.c as lcc compiles such a loop: an
! array-prefetch loop (bap, mova in a software-pipelined loop-mode wide
! instruction, eap) sums 64 Ki 64-bit words, 3000 times.  Exit status:
! the low byte of the sum.

	N = 1 << 16
	R = 3000

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  disp	%ctpr1, .Lfill
	  addd,0	0, 0, %dr1			! i
	}
	{
	  addd,1	0, array, %dr2			! p
	}
.Lfill:
	{
	  muld,0	%dr1, _f64 0x9e3779b9, %dr3
	  addd,1	%dr1, 1, %dr4
	}
	{
	  cmpedb,1	%dr4, N, %pred0
	}
	{
	  std,2	%dr3, [ %dr2 + 0 ]
	  addd,0	%dr2, 8, %dr2
	  addd,1	%dr4, 0, %dr1
	  ct	%ctpr1 ? ~%pred0
	}
	{
	  addd,0	0, array, %dr1
	  ldisp	%ctpr2, apb
	}
	{
	  aaurwd,2	%dr1, %aadr0
	  addd,0	0, 0, %dr5			! s
	  addd,1	0, 0, %dr6			! r
	  disp	%ctpr3, .Lround
	}
.Lround:
	{
	  setbn	rsz=3, rbs=16, rcur=0
	  disp	%ctpr1, .Lbody
	  addd,0	0, 0, %b[2]
	}
	{
	  rwd,0	N | (1 << 32) | (1 << 37) | (1 << 48), %lsr
	}
	{
	  bap
	  nop	4
	}
.Lbody:
	{
	  loop_mode
	  alc	alcf=1, alct=1
	  abn	abnf=1, abnt=1
	  movad,0	area=0, ind=0, am=1, %b[0]
	  addd,0	%dr5, %b[2], %dr5
	  ct	%ctpr1 ? %NOT_LOOP_END
	}
	{
	  eap
	  xord,0	%dr5, %dr6, %dr5
	  addd,1	%dr6, 1, %dr6
	}
	{
	  muld,0	%dr5, 3, %dr5
	  cmpedb,1	%dr6, R, %pred1
	}
	{
	  ct	%ctpr3 ? ~%pred1
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

	.balign	16
apb:
	{
	  fapb	ct=1, d=0, fmt=4, incr=0, ind=0, disp=0 ; fapb dpl=0, fmt=0, disp=0
	}

	.bss
	.balign	8
array:
	.fill	N * 8, 1, 0
