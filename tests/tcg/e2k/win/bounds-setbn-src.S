! bounds-setbn-src.S -- a source %b[4] in the wide instruction whose setbn makes
! the area 8 registers long: sources use the old BR (rsz=0: 2 registers).
! The hardware raises exc_illegal_operand, which Linux delivers as
! SIGILL; nothing of the bundle happens (the line printed before it is
! all the output).
! expect-exit: 132
! expect-stdout: before

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1		! 16 registers
	  sdisp	%ctpr1, 0x3
	}
	{
	  addd,0	0, 4, %r8
	  addd,1	0, 1, %r9
	  addd,2	0, msg, %r10
	  addd,3	0, msg_len, %r11
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  setbn	rsz=3, rbs=2, rcur=0
	  addd,0	%b[4], 1, %r1
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 4, %r8
	  addd,1	0, 1, %r9
	  addd,2	0, bad, %r10
	  addd,3	0, bad_len, %r11
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r8
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr1, wbs=4
	}
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"before\n"
	msg_len = . - msg
bad:
	.ascii	"not reached\n"
	bad_len = . - bad
