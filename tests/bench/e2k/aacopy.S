! aacopy: the twin of aacopy.c as lcc compiles such a loop: an
! array-prefetch loop (bap, mova and staa with incr in a
! software-pipelined loop-mode wide instruction, eap) copies 64 Ki
! 32-bit words, 3000 times, one element changed before each copy.  Exit
! status: the low byte of a checksum of the copies.

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
	  addd,1	0, src, %dr2			! p
	}
.Lfill:
	{
	  muld,0	%dr1, _f64 2654435761, %dr3
	  addd,1	%dr1, 1, %dr4
	}
	{
	  cmpedb,1	%dr4, N, %pred0
	}
	{
	  stw,2	%dr3, [ %dr2 + 0 ]
	  addd,0	%dr2, 4, %dr2
	  addd,1	%dr4, 0, %dr1
	  ct	%ctpr1 ? ~%pred0
	}
	{
	  addd,0	0, src, %dr1
	  ldisp	%ctpr2, apb
	}
	{
	  addd,0	0, dst, %dr2
	}
	{
	  aaurwd,2	%dr1, %aadr0
	  aaurwd,5	%dr2, %aadr1
	  addd,0	0, 0, %dr5			! s
	  addd,1	0, 0, %dr6			! r
	  addd,3	0, 0, %dr7
	}
	{
	  disp	%ctpr3, .Lround
	}
.Lround:
	{
	  andd,0	%dr6, N - 1, %dr3
	  setbn	rsz=3, rbs=16, rcur=0
	  disp	%ctpr1, .Lbody
	}
	{
	  shld,0	%dr3, 2, %dr3
	}
	{
	  ldw,0	%dr1, %dr3, %dr4
	  nop	2
	}
	{
	  xors,0	%r4, %r6, %r4
	  aaurw,2	%r7, %aasti1
	}
	{
	  stw,2	%dr4, [ %dr1 + %dr3 ]
	  rwd,0	N | (2 << 32) | (1 << 37) | (1 << 48), %lsr
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
	  movaw,0	area=0, ind=0, am=1, %b[0]
	  staaw,2	%b[2], %aad1 [ %aasti1 ]
	  incr,2	%aaincr0
	  ct	%ctpr1 ? %NOT_LOOP_END
	}
	{
	  eap
	  muld,0	%dr6, 7, %dr3
	}
	{
	  andd,0	%dr3, N - 1, %dr3
	}
	{
	  shld,0	%dr3, 2, %dr3
	}
	{
	  ldw,0	%dr2, %dr3, %dr4
	  addd,1	%dr6, 1, %dr6
	  nop	2
	}
	{
	  addd,0	%dr5, %dr4, %dr5
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
	  fapb	ct=1, d=0, fmt=3, incr=0, ind=0, disp=0 ; fapb dpl=0, fmt=0, disp=0
	}

	.bss
	.balign	8
src:
	.fill	N * 4, 1, 0
dst:
	.fill	N * 4, 1, 0
