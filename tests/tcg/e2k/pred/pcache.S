! pcache.S -- a predicate read right after the wide instruction that
! wrote it (the translator then reads the written value from a temp):
! an unconditional compare followed by a ct on it, a guarded compare
! whose guard is false (the old value stays) and true (the new one
! counts), a write through a rotated predicate read after the rotation
! moved, and a predicate written and read across a helper call (getsp).
! %r20 counts failed checks.
! expect-exit: 0
! expect-stdout: pcache: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  addd,0	0, 5, %r1
	  addd,1	0, 0, %r20
	  disp	%ctpr1, .Lbad1
	}
	{
	  cmpedb,0	%r1, 5, %pred0		! 1
	  cmpedb,1	%r1, 6, %pred1		! 0
	}
	{
	  ct	%ctpr1 ? ~%pred0		! not taken
	}
	{
	  disp	%ctpr1, .Lbad2
	}
	{
	  cmpedb,0	%r1, 6, %pred0 ? %pred1	! guard false: %pred0 stays 1
	}
	{
	  ct	%ctpr1 ? ~%pred0		! not taken
	}
	{
	  disp	%ctpr1, .Lbad3
	}
	{
	  cmpedb,0	%r1, 6, %pred0 ? %pred0	! guard true: %pred0 = 0
	}
	{
	  ct	%ctpr1 ? %pred0			! not taken
	}
	{
	  setbp	psz=1				! %pred0..1 rotate
	  disp	%ctpr1, .Lbad4
	}
	{
	  cmpedb,0	%r1, 5, %pred0		! physical pcur+0 = 1
	  cmpedb,1	%r1, 6, %pred1		! 0
	  abp	abpf=1, abpt=1
	}
	{
	  ct	%ctpr1 ? %pred0			! now the old %pred1: 0
	}
	{
	  disp	%ctpr1, .Lbad5
	  cmpedb,0	%r1, 5, %pred2		! 1
	}
	{
	  getsp,0	0, %r2			! a helper call in between
	}
	{
	  ct	%ctpr1 ? ~%pred2		! not taken
	}
	{
	  disp	%ctpr1, .Ldone
	}
	{
	  ct	%ctpr1
	}
.Lbad1:
	{
	  addd,0	%r20, 1, %r20
	}
.Lbad2:
	{
	  addd,0	%r20, 1, %r20
	}
.Lbad3:
	{
	  addd,0	%r20, 1, %r20
	}
.Lbad4:
	{
	  addd,0	%r20, 1, %r20
	}
.Lbad5:
	{
	  addd,0	%r20, 1, %r20
	}
.Ldone:
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"pcache: ok\n"
	msg_len = . - msg
