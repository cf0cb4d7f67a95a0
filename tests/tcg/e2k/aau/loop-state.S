! loop-state.S -- the AAU indexes and the loop counter a translated loop
! keeps in host registers (the loop cache, translate.c: LSR.lcnt, AALDI
! and AASTI, written through to the CPU state) are exact after the loop
! and reloaded at every entry: the same copy loop (one TB) runs twice
! from different store indexes, and after each round the store index,
! the area index, AALDM (bap cleared it; the loop's ams set it), LSR.lcnt
! and the copied elements are checked.  Then a
! loop of two wide instructions whose second rewrites the AASTI the
! first's staa and incr use (aaurw): its staa must see each new value
! (no cached copy), so the stores land 16 bytes apart, not 8 as the
! incr alone would put them.
! expect-exit: 0
! expect-stdout: aau-loop-state: ok
! qemu-args: -cpu ,tags=off

	.include "../lib/report.inc"
	.include "check.inc"

	N = 20

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %dr20			! failed checks
	  addd,1	0, src, %dr1
	}
	{
	  addd,2	0, dst, %dr2
	}
	{
	  aaurwd,2	%dr1, %aadr0
	  aaurwd,5	%dr2, %aadr1
	  addd,0	0, 0, %dr12			! round
	  disp	%ctpr3, .Lround
	}
.Lround:
	{
	  setbn	rsz=3, rbs=32, rcur=0
	  disp	%ctpr1, .Lbody
	  shld,0	%dr12, 3, %dr3			! the first store index
	}
	{
	  ldisp	%ctpr2, apb
	  aaurw,2	%r3, %aasti1
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
	  aaurrd,2	%aasti1, %dr4
	  rrd,0	%lsr, %dr5
	  addd,1	%dr3, N * 4, %dr6
	}
	{
	  aaurrd,2	%aaldm, %dr15
	}
	{
	  aaurrd,2	%aaldi0, %dr7
	  andd,0	%dr5, 0xffffffff, %dr5		! lcnt
	  cmpedb,1	%dr4, %dr6, %pred1
	  addd,3	%dr2, %dr6, %dr9
	}
	{
	  cmpedb,0	%dr5, 0, %pred2
	  cmpedb,1	%dr7, (N + 2) * 4, %pred3
	  ldw,2	%dr9, -4, %dr10			! the last element copied
	  ldw,3	%dr9, 0, %dr11			! the one after: untouched
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred1
	  cmpedb,1	%dr10, 1000 + N - 1, %pred4
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred2
	  cmpedb,1	%dr11, 0, %pred5
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred3
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred4
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred5
	  addd,1	%dr12, 1, %dr12
	  cmpedb,3	%dr15, 1, %pred6
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred6
	}
	{
	  cmpedb,0	%dr12, 2, %pred0
	  nop	2
	}
	{
	  ct	%ctpr3 ? ~%pred0
	}
	! the loop of two wide instructions: trip k stores k at AASTI2,
	! then sets AASTI2 = 16 * (k + 1), which overrides the incr
	{
	  addd,0	0, 0, %dr13			! k
	  addd,1	0, 0, %dr14			! 16 * k
	  addd,2	0, dst2, %dr2
	  disp	%ctpr1, .Lloop2
	}
	{
	  aaurwd,5	%dr2, %aadr3
	  aaurw,2	%r14, %aasti2
	}
.Lloop2:
	{
	  staad,2	%dr13, %aad3 [ %aasti2 ]
	  incr,2	%aaincr0
	  addd,0	%dr13, 1, %dr13
	  addd,1	%dr14, 16, %dr14
	}
	{
	  aaurw,2	%r14, %aasti2
	  cmpedb,0	%dr13, 6, %pred0
	  nop	2
	}
	{
	  ct	%ctpr1 ? ~%pred0
	}
	chk	%dr13, 6
	{
	  addd,0	0, dst2, %dr2
	}
	{
	  ldd,0	%dr2, 80, %dr8
	  nop	2
	}
	chk	%dr8, 5
	{
	  ldd,0	%dr2, 32, %dr8
	  nop	2
	}
	chk	%dr8, 2
	{
	  ldd,0	%dr2, 40, %dr8
	  nop	2
	}
	chk	%dr8, 0
	report	%dr20, msg, 19
	.size	_start, . - _start

	.balign	16
apb:
	{
	  fapb	ct=1, d=0, fmt=3, incr=0, ind=0, disp=0 ; fapb dpl=0, fmt=0, disp=0
	}

	.data
	.balign	8
src:
	.rept	N + 8
	.word	1000 + (. - src) / 4
	.endr
dst:
	.fill	(N + 8) * 4, 1, 0
dst2:
	.fill	128, 1, 0
msg:
	.ascii	"aau-loop-state: ok\n"
