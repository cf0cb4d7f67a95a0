! mlock.S -- control transfers on %MLOCK and on results of the same wide
! instruction: %MLOCK alone (a single-threaded process loses no lock: never
! taken), %MLOCK || [~]%cmpN (the compare of ALC N in this instruction),
! %MLOCK || %cmp0 || %cmp1 and %cmp3 || %cmp4, %MLOCK || [~]%clpN (CLP N
! of this instruction's PLS).  A check load (MAS mod 3) in ALC2 or ALC5
! always reports %MLOCK (the compensation code redoes the load); in other
! channels MAS mod 3 is not a check.
! expect-exit: 0
! expect-stdout: mlock: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  addd,0	0, 5, %r1
	  addd,1	0, 6, %r2
	  addd,2	0, 0, %r20		! failure count
	}
	{
	  ibranch	.Lbad1 ? %MLOCK
	}
	{
	  ibranch	.Lok1
	}
.Lbad1:
	{
	  addd,0	%r20, 1, %r20
	}
.Lok1:
	{
	  cmpedb,0	%r1, 5, %pred0		! true
	  ibranch	.Lok2 ? %MLOCK || %cmp0
	}
	{
	  addd,0	%r20, 1, %r20
	}
.Lok2:
	{
	  cmpedb,1	%r1, %r2, %pred1	! false
	  ibranch	.Lbad3 ? %MLOCK || %cmp1
	}
	{
	  ibranch	.Lok3
	}
.Lbad3:
	{
	  addd,0	%r20, 1, %r20
	}
.Lok3:
	{
	  cmpedb,3	%r1, %r2, %pred2	! false, negated
	  ibranch	.Lok4 ? %MLOCK || ~%cmp3
	}
	{
	  addd,0	%r20, 1, %r20
	}
.Lok4:
	{
	  cmpedb,0	%r1, %r2, %pred0	! false
	  cmpedb,1	%r2, 6, %pred1		! true
	  ibranch	.Lok5 ? %MLOCK || %cmp0 || %cmp1
	}
	{
	  addd,0	%r20, 1, %r20
	}
.Lok5:
	{
	  cmpedb,3	%r1, %r2, %pred0	! false
	  cmpedb,4	%r2, %r1, %pred1	! false
	  ibranch	.Lbad6 ? %MLOCK || %cmp3 || %cmp4
	}
	{
	  ibranch	.Lok6
	}
.Lbad6:
	{
	  addd,0	%r20, 1, %r20
	}
.Lok6:
	{
	  cmpedb,3	%r1, %r2, %pred0	! false
	  cmpedb,4	%r2, %r1, %pred1	! false
	  ibranch	.Lok7 ? %MLOCK || ~%cmp3 || %cmp4
	}
	{
	  addd,0	%r20, 1, %r20
	}
.Lok7:
	{
	  cmpedb,0	%r1, 5, %pred7		! 1
	  cmpedb,1	%r1, %r2, %pred8	! 0
	  nop	2
	}
	{
	  pass	%pred7, @p0
	  pass	%pred8, @p1
	  andp	@p0, ~@p1, @p4			! 1
	  ibranch	.Lok8 ? %MLOCK || %clp0
	}
	{
	  addd,0	%r20, 1, %r20
	}
.Lok8:
	{
	  pass	%pred7, @p0
	  pass	%pred8, @p1
	  andp	@p0, @p1, @p4			! 0
	  ibranch	.Lbad9 ? %MLOCK || %clp0
	}
	{
	  ibranch	.Lok9
	}
.Lbad9:
	{
	  addd,0	%r20, 1, %r20
	}
.Lok9:
	{
	  pass	%pred7, @p0
	  pass	%pred8, @p1
	  andp	@p0, @p1, @p4			! 0, negated
	  ibranch	.Lok10 ? %MLOCK || ~%clp0
	}
	{
	  addd,0	%r20, 1, %r20
	}
.Lok10:
	{
	  addd,0	0, word, %r3
	}
	{
	  ldd,2	%r3, 0, %r5, mas=0x3
	  ibranch	.Lok11 ? %MLOCK
	}
	{
	  addd,0	%r20, 1, %r20
	}
.Lok11:
	{
	  ldd,3	%r3, 0, %r6, mas=0x3
	  ibranch	.Lbad12 ? %MLOCK
	}
	{
	  ibranch	.Lok12
	}
.Lbad12:
	{
	  addd,0	%r20, 1, %r20
	}
.Lok12:
	{
	  cmpedb,0	%r5, 77, %pred0		! the check load did load
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred0
	}
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.section .rodata
	.align	8
word:
	.dword	77
msg:
	.ascii	"mlock: ok\n"
	msg_len = . - msg
