! copies.S -- software-pipelined loops of one wide instruction, as
! pipeline.S, with rotation periods that fit the translator's copies of a
! loop body in one TB (rsz=3: 4 BR values) and that do not (rsz=9: 10
! values, more than the 8 copies a TB holds, so the loop leaves the TB
! and continues in the one for the next BR), and trip counts on both
! sides of the middle-of-the-loop shortcut (LSR.pcnt == 0, lcnt >= 2):
! 12, 2, 1 and 40 elements.  Each loop adds 1 to every byte of its
! source; the program writes each result.
! expect-exit: 0
! expect-stdout: Hello,world
! expect-stdout: Hello,world
! expect-stdout: O
! expect-stdout:
! expect-stdout: abcdefghijklmnopqrstuvwxyz0123456789ABC
	.text

! pipeline N, RSZ, SRC, DST: dst[i] = src[i] + 1 for N bytes in a
! three-stage loop of one wide instruction, then write(1, dst, N).
	.macro	pipeline n, rsz, src, dst
	{
	  setbn	rsz=\rsz, rbs=4, rcur=0
	  disp	%ctpr1, .Lbody\@
	}
	{
	  rwd,0	\n | (3 << 32) | (1 << 37) | (2 << 48), %lsr
	  addd,1	0, \src, %r0
	  addd,4	0, 0, %b[2]
	}
	{
	  addd,2	0, \dst, %r1
	  nop	4
	}
.Lbody\@:
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
	  setbn	rsz=0, rbs=0, rcur=0
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 4, %r24
	  addd,1	0, 1, %r25
	  addd,2	0, \dst, %r26
	  addd,3	0, \n, %r27
	}
	{
	  nop	3
	}
	{
	  call	%ctpr2, wbs=12
	}
	.endm

	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	}
	pipeline	12, 3, srca, dsta
	pipeline	12, 9, srcb, dstb
	pipeline	2, 3, srcc, dstc
	pipeline	1, 9, srcd, dstd
	pipeline	40, 9, srce, dste
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
srca:
	.ascii	"Gdkkn+vnqkc\t"
	.fill	16, 1, 0
srcb:
	.ascii	"Gdkkn+vnqkc\t"
	.fill	16, 1, 0
srcc:
	.ascii	"N\t"
	.fill	16, 1, 0
srcd:
	.ascii	"\t"
	.fill	16, 1, 0
srce:
	.ascii	"`abcdefghijklmnopqrstuvwxy/012345678@AB\t"
	.fill	16, 1, 0
dsta:
	.fill	32, 1, 0
dstb:
	.fill	32, 1, 0
dstc:
	.fill	32, 1, 0
dstd:
	.fill	32, 1, 0
dste:
	.fill	64, 1, 0
