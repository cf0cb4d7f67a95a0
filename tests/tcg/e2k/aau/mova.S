! mova.S -- array-prefetch loops the way lcc writes them: the AADs, the
! start index (AAIND) and the APB program (fapb, reached with ldisp
! %ctpr2) are set up before the loop, bap starts the prefetch, a
! software-pipelined loop-mode loop of one wide instruction moves one
! element per trip into a rotating register with mova (am=1 steps the
! area on) and stores it with staa (incr steps the store index) or adds
! it up, eap stops the prefetch.  Copies and sums of bytes, halfwords,
! words and double words for 1, 2 and many trips; a loop that never
! runs (bap and eap alone) loads the areas up to the entry with ct; a
! big-endian mova (be=1); an area that starts at AAIND + disp; two areas
! (left and right) read by one wide instruction.
! %dr20 counts failed checks.
! expect-exit: 0
! expect-stdout: aau-mova: ok

	.include "../lib/report.inc"
	.include "check.inc"
	.include "loops.inc"

! sum2 N: %dr10 = the sum of N words of srcw and N halfwords of srch,
! read by two movas of one wide instruction from the two halves of one
! program entry (left: channel 0, right: channel 2).
	.macro	sum2 n
	{
	  setbn	rsz=3, rbs=16, rcur=0
	  disp	%ctpr1, .Lbody\@
	  addd,0	0, srcw, %dr1
	  addd,2	0, 0, %dr10
	}
	{
	  ldisp	%ctpr2, .Lapb\@
	  addd,1	0, srch, %dr4
	}
	{
	  aaurwd,2	%dr1, %aadr4
	  aaurwd,5	%dr4, %aadr9
	  addd,0	0, 0, %b[2]
	  addd,1	0, 0, %b[3]
	}
	{
	  rwd,0	\n | (1 << 32) | (1 << 37) | (1 << 48), %lsr
	}
	{
	  bap
	  nop	4
	}
.Lbody\@:
	{
	  loop_mode
	  alc	alcf=1, alct=1
	  abn	abnf=1, abnt=1
	  movaw,0	area=0, ind=0, am=1, %b[0]
	  movah,2	area=0, ind=0, am=1, %b[1]
	  addd,0	%dr10, %b[2], %dr10
	  addd,1	%dr11, %b[3], %dr11
	  ct	%ctpr1 ? %NOT_LOOP_END
	}
	{
	  eap
	  addd,0	%dr10, %dr11, %dr10
	  ibranch	.Lend\@
	}
	.balign	16
.Lapb\@:
	{
	  fapb	ct=1, d=4, fmt=3, incr=0, ind=0, disp=0 ; fapb dpl=0, d=9, fmt=2, incr=0, ind=0, disp=0
	}
.Lend\@:
	.endm

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %dr20
	}
	! copies
	copy	40, movab, 1, staab, srcb, dst
	{
	  addd,0	0, dst, %dr7
	}
	{
	  ldd,0	%dr7, 0, %dr8
	  ldd,2	%dr7, 32, %dr9
	  ldd,3	%dr7, 40, %dr11
	  nop	3
	}
	chk	%dr8, 0x0706050403020100
	chk	%dr9, 0x2726252423222120
	chk	%dr11, 0
	copy	2, movah, 2, staah, srch, dst + 64
	{
	  ldd,0	%dr7, 64, %dr8
	  nop	3
	}
	chk	%dr8, 0x0000000010021001
	copy	1, movaw, 3, staaw, srcw, dst + 128
	{
	  ldd,0	%dr7, 128, %dr8
	  nop	3
	}
	chk	%dr8, 0x0000000010000004
	copy	9, movad, 4, staad, srcd, dst + 192
	{
	  ldd,0	%dr7, 192, %dr8
	  ldd,2	%dr7, 192 + 64, %dr9
	  ldd,3	%dr7, 192 + 72, %dr11
	  nop	3
	}
	chk	%dr8, 0x8000000000000001
	chk	%dr9, 0x8000000000000009
	chk	%dr11, 0
	! sums
	sum	40, movab, 1, srcb, 0, 0
	chk	%dr10, 780
	sum	3, movah, 2, srch, 2, 0
	chk	%dr10, 0x1002 + 0x1003 + 0x1004
	sum	2, movaw, 3, srcw, 4, 4
	chk	%dr10, 0x1000000c + 0x10000010
	sum	9, movad, 4, srcd, 0, 0
	chk	%dr10, 0x800000000000002d
	sum	1, movad, 4, srcd, 8, 0
	chk	%dr10, 0x8000000000000002
	! big endian: the bytes of each halfword swapped
	sum	2, movah, 2, srch, 0, 0, 1
	chk	%dr10, 0x0110 + 0x0210
	! after the loop: the area moved on by its 3 trips, the prefetch
	! stopped (AASR.lds = 5)
	{
	  aaurrd,5	%aaldi5, %dr8
	  aaurrd,2	%aasr, %dr9
	}
	chk	%dr8, 6
	chk	%dr9, 0x280
	{
	  addd,1	0, 0, %dr11
	}
	sum2	4
	chk	%dr10, 0x10000004 + 0x10000008 + 0x1000000c + 0x10000010 + 0x1001 + 0x1002 + 0x1003 + 0x1004
	! a loop that never runs: bap and eap alone load and stop the areas
	{
	  ldisp	%ctpr2, apb0
	}
	{
	  bap
	}
	{
	  eap
	  aaurrd,2	%aaldv, %dr8
	  aaurrd,5	%aaldv, %dr9
	}
	{
	  aaurrd,2	%aaldi1, %dr12
	}
	chk	%dr8, 0x2
	chk	%dr9, 0
	chk	%dr12, 0x10
	report	%dr20, msg, 13
	.size	_start, . - _start

	.balign	16
apb0:
	{
	  fapb	ct=0, fmt=0, disp=0 ; fapb dpl=0, fmt=0, disp=0
	}
	{
	  fapb	ct=1, d=1, fmt=4, ind=0, disp=16 ; fapb dpl=0, fmt=0, disp=0
	}
	{
	  fapb	ct=1, d=1, fmt=4, ind=0, disp=32 ; fapb dpl=0, d=1, fmt=4, disp=8
	}

	.data
	.balign	8
srcb:
	.byte	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	.byte	16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	.byte	32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47
srch:
	.short	0x1001, 0x1002, 0x1003, 0x1004, 0x1005, 0x1006, 0x1007, 0x1008
srcw:
	.word	0x10000004, 0x10000008, 0x1000000c, 0x10000010
	.word	0x10000014, 0x10000018, 0x1000001c, 0x10000020
srcd:
	.dword	0x8000000000000001, 0x8000000000000002, 3, 4, 5, 6, 7, 8
	.dword	0x8000000000000009, 10, 11, 12
dst:
	.fill	512, 1, 0
msg:
	.ascii	"aau-mova: ok\n"
