! pipeline.S -- a three-stage software-pipelined loop in one wide
! instruction: load (trip t), add 1 (trip t+1), store (trip t+2).
! %lsr: lcnt = N element-starting trips, ecnt = 3 drain trips, pcnt = 2
! prologue trips whose stores loop_mode suppresses.  Values travel
! between stages through the rotating %b[] registers (abn), the loop
! branch is `ct ? %NOT_LOOP_END', the counters advance with alc.
! expect-exit: 0
! expect-stdout: Hello,world

	N = 12

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  setbn	rsz=3, rbs=4, rcur=0	! %b[0..7] = %r8..%r15
	  disp	%ctpr1, .Lbody
	}
	{
	  rwd,0	N | (3 << 32) | (1 << 37) | (2 << 48), %lsr
	  addd,1	0, src, %r0
	  addd,4	0, 0, %b[2]		! the first index (new BR from here)
	}
	{
	  addd,2	0, dst, %r1
	  nop	4			! let %lsr and %ctpr1 settle
	}
.Lbody:
	{
	  loop_mode
	  alc	alcf=1, alct=1
	  abn	abnf=1, abnt=1
	  ldb,0,sm	%r0, %b[2], %b[1]
	  adds,1	%b[3], 1, %b[5]
	  stb,2	%b[7], [ %r1 + %b[6] ]
	  addd,3	%b[2], 1, %b[0]
	  ct	%ctpr1 ? %NOT_LOOP_END
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 4, %r24
	  addd,1	0, 1, %r25
	  addd,2	0, dst, %r26
	  addd,3	0, N, %r27
	  nop	3
	}
	{
	  call	%ctpr2, wbs=12
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 1, %r24
	  addd,1	0, 0, %r25
	  nop	3
	}
	{
	  call	%ctpr2, wbs=12
	}
	.size	_start, . - _start

	.data
src:
	.ascii	"Gdkkn+vnqkc\t"		! + 1 = "Hello,world\n"
	.fill	16, 1, 0
dst:
	.fill	N + 16, 1, 0		! the drain trip stores one past N
