! rewrite.S -- AAU registers written after bap take effect on the next
! mova without a new bap: the translated mova and am read what bap and
! aaurw derive for each area (area_base, area_step, area_fmt in
! cpu.h), so this pins that every write they depend on refreshes them.
! A new AAD moves the area to another array at the same index; a new
! AAINCR changes the step of am; AALDV = 0 unloads the area (its mova
! gives 0, its am neither steps nor sets AALDM) and AALDV = 1 loads it
! again; a new
! AALDI moves the index.  Then a loop-mode sum over the area that was
! rewritten (AAD, AAINCR) after its bap.  Run with tags=off, where an
! unloaded area's 0 is a plain number.
! expect-exit: 0
! expect-stdout: aau-rewrite: ok
! qemu-args: -cpu ,tags=off

	.include "../lib/report.inc"
	.include "check.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %dr20
	  addd,1	0, arra, %dr1
	}
	{
	  addd,2	0, arrb, %dr2
	}
	{
	  ldisp	%ctpr2, apb
	  addd,0	0, 1, %dr3
	  addd,1	0, 2, %dr4
	  addd,2	0, 0, %dr5
	}
	{
	  aaurwd,2	%dr1, %aadr2
	  aaurw,5	%r3, %aaincr1
	}
	{
	  bap
	  nop	4
	}
	! area 0: double words of arra at AAD2, step AAINCR1 = 1 element
	{
	  movad,0	area=0, ind=0, am=1, %dr8
	}
	{
	  movad,0	area=0, ind=0, am=0, %dr9
	}
	chk	%dr8, 0x100
	chk	%dr9, 0x101
	! AAD2 = arrb: the same index (1) in the other array
	{
	  aaurwd,2	%dr2, %aadr2
	}
	{
	  movad,0	area=0, ind=0, am=1, %dr8
	}
	{
	  movad,0	area=0, ind=0, am=0, %dr9
	}
	chk	%dr8, 0x201
	chk	%dr9, 0x202
	! AAINCR1 = 2: am steps two elements
	{
	  aaurw,2	%r4, %aaincr1
	}
	{
	  movad,0	area=0, ind=0, am=1, %dr8
	}
	{
	  movad,0	area=0, ind=0, am=0, %dr9
	}
	chk	%dr8, 0x202
	chk	%dr9, 0x204
	! the ams so far set AALDM bit 0
	{
	  aaurrd,2	%aaldm, %dr11
	}
	chk	%dr11, 1
	! AALDV = 0 (and AALDM = 0): nothing loaded, 0, and am leaves the
	! index and AALDM
	{
	  aaurw,2	%r5, %aaldv
	}
	{
	  aaurw,2	%r5, %aaldm
	}
	{
	  movad,0	area=0, ind=0, am=1, %dr8
	}
	{
	  aaurrd,2	%aaldi0, %dr10
	}
	{
	  aaurrd,2	%aaldm, %dr11
	}
	chk	%dr8, 0
	chk	%dr10, 32
	chk	%dr11, 0
	! AALDV = 1: loaded again where it was
	{
	  aaurw,2	%r3, %aaldv
	}
	{
	  movad,0	area=0, ind=0, am=1, %dr8
	}
	{
	  aaurrd,2	%aaldi0, %dr10
	}
	{
	  aaurrd,2	%aaldm, %dr11
	}
	chk	%dr8, 0x204
	chk	%dr10, 48
	chk	%dr11, 1
	! AALDI0 = 8 and AAD2 = arra: element 1 of arra
	{
	  addd,0	0, 8, %dr6
	}
	{
	  aaurw,2	%r6, %aaldi0
	  aaurwd,5	%dr1, %aadr2
	}
	{
	  movad,0	area=0, ind=0, am=0, %dr8
	}
	chk	%dr8, 0x101
	! a loop over that area: AALDI0 = 0, AAD2 = arrb, AAINCR1 = 1;
	! four trips (and one more to drain), arrb[0..3] = 0x200..0x203
	{
	  setbn	rsz=3, rbs=16, rcur=0
	  disp	%ctpr1, .Lbody
	  addd,0	0, 0, %dr10
	}
	{
	  aaurw,2	%r5, %aaldi0
	  aaurwd,5	%dr2, %aadr2
	  addd,0	0, 0, %b[2]
	}
	{
	  aaurw,2	%r3, %aaincr1
	  rwd,0	4 | (1 << 32) | (1 << 37) | (1 << 48), %lsr
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
	  eap
	}
	chk	%dr10, 0x806
	report	%dr20, msg, 16
	.size	_start, . - _start

	.balign	16
apb:
	{
	  fapb	ct=1, d=2, fmt=4, incr=1, ind=0, disp=0 ; fapb dpl=0, fmt=0, disp=0
	}

	.data
	.balign	8
arra:
	.dword	0x100, 0x101, 0x102, 0x103, 0x104, 0x105, 0x106, 0x107
arrb:
	.dword	0x200, 0x201, 0x202, 0x203, 0x204, 0x205, 0x206, 0x207
	.dword	0x208, 0x209
msg:
	.ascii	"aau-rewrite: ok\n"
