! bounds.S -- register operands at the edges of the window that are
! legal: %r(WD.size-1) in a TB that learns WD.size only at run time, a
! result of a setwd bundle in a register the setwd adds, the last %b[]
! of the rotating area, and the result of a setbn bundle, which goes
! through the new BR (%b[2] of rbs=2 is %r6, not %r0 as with the old
! BR; see docs/devel/e2k-translator.md).
! expect-exit: 0
! expect-stdout: bounds: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  addd,0	0, 7, %r7		! initial window: 8 registers
	  addd,1	0, 9, %r0
	  ibranch	.Lrun_time
	}
.Lrun_time:
	{
	  addd,0	%r7, 1, %r7		! WD.size not known here: checked
	}
	{
	  setwd	wsz=16, nfx=1		! 32 registers
	  addd,0	0, 31, %r31		! beyond the old window, inside the new
	  addd,1	0, 0, %r20		! failure count
	  setbn	rsz=3, rbs=2, rcur=0	! %b[0..7] = %r4..%r11
	  addd,2	0, 62, %b[2]		! through the new BR: %r6
	}
	{
	  addd,0	0, 77, %b[7]		! the last based register: %r11
	}
	{
	  cmpedb,0	%r7, 8, %pred0
	  cmpedb,1	%r31, 31, %pred1
	  cmpedb,3	%r6, 62, %pred2
	  cmpedb,4	%r0, 9, %pred3
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
	  cmpedb,0	%r11, 77, %pred0
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred0
	}
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"bounds: ok\n"
	msg_len = . - msg
