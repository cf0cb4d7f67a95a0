! dtal.S -- %MLOCK || %dt_alN: taken when the (speculative) operation of
! ALC N in the same wide instruction produced a diagnostic value, so the
! program can branch to code that redoes the load non-speculatively.
! Needs the tags (tags=on).  The last case: a speculative add of a
! diagnostic source in ALC1.
! qemu-args: -cpu e8c,tags=on
! expect-exit: 0
! expect-stdout: dtal: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  addd,0	0, 0x10, %r1		! page 0 is never mapped
	  addd,1	0, word, %r2
	  addd,2	0, 0, %r20		! failure count
	}
	{
	  ldd,0,sm	%r1, 8, %r3		! fails: diagnostic
	  ibranch	.Lok1 ? %MLOCK || %dt_al0
	}
	{
	  addd,0	%r20, 1, %r20
	}
.Lok1:
	{
	  ldd,3,sm	%r2, 0, %r4		! succeeds
	  ibranch	.Lbad2 ? %MLOCK || %dt_al3
	}
	{
	  ibranch	.Lok2
	}
.Lbad2:
	{
	  addd,0	%r20, 1, %r20
	}
.Lok2:
	{
	  ldd,0,sm	%r2, 0, %r5		! succeeds
	  addd,1,sm	%r3, 1, %r6		! passes %r3's diagnostic on
	  ibranch	.Lok3 ? %MLOCK || %dt_al01
	}
	{
	  addd,0	%r20, 1, %r20
	}
.Lok3:
	{
	  cmpedb,0	%r4, 1234, %pred0
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
	.dword	1234
msg:
	.ascii	"dtal: ok\n"
	msg_len = . - msg
