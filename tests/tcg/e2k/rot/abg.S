! abg.S -- rotation of the global registers %g24..%g31 through BGR.cur:
! abgi (abg 2) adds one to BGR.cur, abgd (abg 1) subtracts one, mod 8;
! %gN (N >= 24) is then the physical global 24 + (N - 24 + cur) % 8.
! %g0..%g23 never rotate.  Checked in the TB that rotates (BGR.cur known
! while translating), after an ibranch (BGR resolved at run time), and
! in a loop that rotates once per trip.
! expect-exit: 0
! expect-stdout: abg: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  addd,0	0, 0, %r20		! failure count
	  addd,1	23, 0, %dg23
	  addd,2	24, 0, %dg24
	  addd,3	25, 0, %dg25
	  addd,4	26, 0, %dg26
	  addd,5	27, 0, %dg27
	}
	{
	  addd,0	28, 0, %dg28
	  addd,1	29, 0, %dg29
	  addd,2	30, 0, %dg30
	  addd,3	31, 0, %dg31
	}
	{
	  abg	2			! abgi: cur 0 -> 1
	  addd,0	%dg24, 0, %r1		! still the old mapping: 24
	}
	{
	  cmpedb,0	%dg24, 25, %pred0
	  cmpedb,1	%dg31, 24, %pred1
	  cmpedb,3	%dg23, 23, %pred2
	  cmpedb,4	%r1, 24, %pred3
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred0
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred1
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred3
	}
	{
	  addd,0	0, 100, %dg24		! physical %g25
	  ibranch	.Lnew_tb
	}
.Lnew_tb:
	{
	  abg	1			! abgd: cur 1 -> 0
	}
	{
	  cmpedb,0	%dg25, 100, %pred0
	  cmpedb,1	%dg24, 24, %pred1
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred0
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred1
	  abg	1			! cur 0 -> 7
	}
	{
	  ibranch	.Lnew_tb2
	}
.Lnew_tb2:
	{
	  cmpedb,0	%dg24, 31, %pred0	! physical %g31
	  cmpedb,1	%dg25, 24, %pred1	! physical %g24
	  cmpedb,3	%dg31, 30, %pred2	! physical %g30
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred0
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred1
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred2
	  addd,1	0, 8, %r1		! trips
	  addd,2	0, 0, %r2		! sum
	}
	! eight trips, each adds %g24 and rotates by one: every physical
	! register once, 23..31 without 25 (now 100): 24+100+26+...+31
.Lloop:
	{
	  addd,0	%r2, %dg24, %r2
	  subd,1	%r1, 1, %r1
	  abg	2
	}
	{
	  cmpedb,0	%r1, 0, %pred3
	  nop	2
	}
	{
	  ibranch	.Lloop ? ~%pred3
	}
	{
	  cmpedb,0	%r2, 295, %pred0
	  cmpedb,1	%dg24, 31, %pred1	! cur is 7 again
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred0
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred1
	}
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"abg: ok\n"
	msg_len = . - msg
