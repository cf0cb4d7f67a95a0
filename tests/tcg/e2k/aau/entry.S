! entry.S -- the area formats a loop TB's movas need are tested once at
! the TB's entry (translate.c, gen_aau_entry_check), not per mova.  The
! same loop-mode mova loop (one TB, entered from the same BR) runs in
! three rounds: with its area loaded, with AALDV = 0 (the area unloaded
! between two entries: the entry test must fail and the movas give 0
! and leave AALDI alone), and loaded again.  Each round sums 12
! elements and checks the sum and the AALDI the ams left.  Run with tags=off,
! where an unloaded area's 0 is a plain number.
! expect-exit: 0
! expect-stdout: aau-entry: ok
! qemu-args: -cpu ,tags=off

	.include "../lib/report.inc"
	.include "check.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %dr20			! failed checks
	  addd,1	0, arr, %dr1
	}
	{
	  ldisp	%ctpr2, apb
	  addd,0	0, 1, %dr3
	  addd,1	0, 0, %dr5
	  addd,2	0, 0, %dr12			! round
	}
	{
	  aaurwd,2	%dr1, %aadr2
	  aaurw,5	%r3, %aaincr1
	}
	{
	  bap
	  nop	4
	}
	{
	  disp	%ctpr3, .Lround
	  addd,0	0, tab, %dr8
	}
.Lround:
	{
	  setbn	rsz=3, rbs=32, rcur=0
	  disp	%ctpr1, .Lbody
	  addd,0	0, 0, %dr10			! sum
	  shld,1	%dr12, 5, %dr7			! 32 bytes a round
	}
	{
	  ldd,0	%dr8, %dr7, %dr6		! AALDV
	  addd,1	%dr7, 8, %dr9
	  nop	2
	}
	{
	  aaurw,2	%r6, %aaldv
	  addd,1	0, 0, %b[2]
	}
	{
	  aaurw,2	%r5, %aaldi0
	}
	{
	  rwd,0	12 | (1 << 32) | (1 << 37) | (1 << 48), %lsr
	}
.Lbody:
	{
	  loop_mode
	  alc	alcf=1, alct=1
	  abn	abnf=1, abnt=1
	  movad,0	area=0, ind=0, am=1, %b[0]
	  addd,0	%dr10, %b[2], %dr10
	  ct	%ctpr1 ? %NOT_LOOP_END
	}
	{
	  aaurrd,2	%aaldi0, %dr11
	  ldd,0	%dr8, %dr9, %dr13		! the sum expected
	  addd,1	%dr9, 8, %dr9
	  nop	2
	}
	{
	  ldd,0	%dr8, %dr9, %dr14		! the AALDI expected
	  nop	2
	}
	{
	  cmpedb,0	%dr10, %dr13, %pred1
	  cmpedb,1	%dr11, %dr14, %pred2
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred1
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred2
	  addd,1	%dr12, 1, %dr12
	}
	{
	  cmpedb,0	%dr12, 3, %pred3
	  nop	2
	}
	{
	  ct	%ctpr3 ? ~%pred3
	}
	{
	  eap
	}
	report	%dr20, msg, 14
	.size	_start, . - _start

	.balign	16
apb:
	{
	  fapb	ct=1, d=2, fmt=4, incr=1, ind=0, disp=0 ; fapb dpl=0, fmt=0, disp=0
	}

	.data
	.balign	8
	! per round: AALDV, the sum, the AALDI after the loop, (unused)
tab:
	.dword	1, 78, 13 * 8, 0
	.dword	0, 0, 0, 0
	.dword	1, 78, 13 * 8, 0
arr:
	.dword	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
msg:
	.ascii	"aau-entry: ok\n"
