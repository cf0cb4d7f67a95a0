! enosys.S -- an unknown system call number returns -ENOSYS (-38) and
! the program goes on.
! expect-exit: 0
! expect-stdout: enosys: ok

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 9999, %r8
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  addd,0	%r8, 38, %r12
	}
	{
	  sdisp	%ctpr2, 0x3
	  cmpedb,0	%r12, 0, %pred0
	}
	{
	  addd,0	0, 4, %r8		! write(1, msg, len)
	  addd,1	0, 1, %r9
	  addd,2	0, msg, %r10
	  addd,3	0, msg_len, %r11
	  nop	2
	}
	{
	  addd,3	0, 0, %r11 ? ~%pred0	! nothing printed if it failed
	}
	{
	  call	%ctpr2, wbs=4
	}
	{
	  sdisp	%ctpr3, 0x3
	  addd,0	0, 1, %r8		! exit(0)
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr3, wbs=4
	}
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"enosys: ok\n"
	msg_len = . - msg
