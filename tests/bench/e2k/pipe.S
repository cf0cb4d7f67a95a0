! pipe: a software-pipelined loop, the twin of pipe.c: dst[i] = src[i]
! * 3 + 7 over 64 Ki words, 1000 times.  One wide instruction is the loop
! body, four stages deep: ldd,sm (trip t), muld (t+1), addd (t+2), std
! (t+3); values move between stages through rotating registers (abn),
! loop_mode suppresses the stores of the three prologue trips, %lsr
! counts lcnt = N trips plus ecnt = 4 drain trips.  Exit status: the low
! byte of a checksum.

	N = 1 << 16
	R = 1000

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  disp	%ctpr1, .Linit
	  addd,0	0, 0, %dr2			! i
	}
	{
	  addd,0	0, src, %dr0
	  addd,1	0, dst, %dr1
	}
	{
	  addd,0	0, _f64 0x9e3779b9, %dr3
	  addd,1	0, src, %dr4			! p
	}
.Linit:
	{
	  muld,0	%dr2, %dr3, %dr7
	  addd,1	%dr2, 1, %dr2
	}
	{
	  std,2	%dr7, [ %dr4 + 0 ]
	  addd,0	%dr4, 8, %dr4
	  cmpedb,1	%dr2, N, %pred0
	}
	{
	  ct	%ctpr1 ? ~%pred0
	}
	{
	  addd,0	0, 0, %dr5			! s
	  addd,1	0, 0, %dr6			! r
	}
.Louter:
	{
	  setbn	rsz=5, rbs=4, rcur=0		! %b[0..11] = %r8..%r19
	  disp	%ctpr1, .Lbody
	}
	{
	  rwd,0	N | (4 << 32) | (1 << 37) | (3 << 48), %lsr
	  addd,4	0, 0, %b[2]			! offset of element 0
	}
	{
	  nop	4
	}
.Lbody:
	{
	  loop_mode
	  alc	alcf=1, alct=1
	  abn	abnf=1, abnt=1
	  ldd,0,sm	%dr0, %b[2], %b[1]
	  muld,1	%b[3], 3, %b[5]
	  addd,3	%b[7], 7, %b[9]
	  std,2	%b[11], [ %dr1 + %b[8] ]
	  addd,4	%b[2], 8, %b[0]
	  ct	%ctpr1 ? %NOT_LOOP_END
	}
	{
	  shld,0	%dr6, 3, %dr7			! r * 8
	  disp	%ctpr2, .Louter
	}
	{
	  ldd,0	%dr1, %dr7, %dr8		! dst[r]
	}
	{
	  addd,0	%dr5, %dr8, %dr5
	  addd,1	%dr6, 1, %dr6
	}
	{
	  std,2	%dr5, [ %dr0 + %dr7 ]		! src[r] = s
	  cmpedb,0	%dr6, R, %pred0
	}
	{
	  ct	%ctpr2 ? ~%pred0
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 1, %dr24
	  addd,1	%dr5, 0, %dr25
	}
	{
	  call	%ctpr2, wbs=12
	}
	.size	_start, . - _start

	.bss
	.balign	8
src:
	.skip	(N + 8) * 8
dst:
	.skip	(N + 8) * 8
