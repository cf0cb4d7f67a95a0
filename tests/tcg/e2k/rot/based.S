! based.S -- rotating registers and predicates outside loops.
! setbn maps %b[0..7] onto %r4..%r11; abn rotates the area down by one
! quad register, so what was %b[k] is then %b[k+2] (mod 8).  setbp makes
! %pred0..%pred1 rotating; abp rotates them by one.
! expect-exit: 0
! expect-stdout: based: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  setbn	rsz=3, rbs=2, rcur=0	! %b[0..7] = %r4..%r11
	  setbp	psz=1			! %pred0, %pred1 rotate
	}
	{
	  addd,0	0, 10, %b[0]
	  addd,1	0, 11, %b[1]
	  addd,2	0, 16, %b[6]
	  addd,3	0, 17, %b[7]
	  addd,4	0, 0, %r20		! failure count
	}
	{
	  cmpedb,0	%r4, 10, %pred0		! %b[0] is %r4
	  cmpedb,1	%r11, 17, %pred1	! %b[7] is %r11
	  nop	2
	}
	{
	  abn	abnf=1, abnt=1
	  addd,0	%r20, 1, %r20 ? ~%pred0
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred1
	}
	{
	  cmpedb,0	%b[2], 10, %pred2
	  cmpedb,1	%b[3], 11, %pred3
	  cmpedb,3	%b[0], 16, %pred4
	  cmpedb,4	%b[1], 17, %pred5
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred3
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred4
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred5
	}
	! predicates: %pred0 = 1, %pred1 = 0, then rotate by one
	{
	  cmpedb,0	%r4, %r4, %pred0
	  cmpedb,1	%r4, %r5, %pred1
	  nop	2
	}
	{
	  abp	abpf=1, abpt=1
	}
	{
	  addd,0	%r20, 1, %r20 ? %pred0	! now the old %pred1 (0)
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred1	! now the old %pred0 (1)
	}
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"based: ok\n"
	msg_len = . - msg
