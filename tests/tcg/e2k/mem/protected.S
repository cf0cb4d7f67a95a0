! protected.S -- loads through protected-mode descriptors (here ldcudw,
! relative to the compilation-unit descriptor) have no meaning in a
! non-protected 64-bit process: SIGILL before the wide instruction does
! anything.
! expect-exit: 132
! expect-stdout: mem-protected: ok

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, msg, %dr1		! a readable address
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 4, %r8		! write(1, msg, len)
	  addd,1	0, 1, %r9
	  addd,2	0, msg, %r10
	  addd,3	0, msg_len, %r11
	}
	{
	  call	%ctpr2, wbs=4
	}
	{
	  ldcudw,0	%r1, 0, %dr5		! SIGILL
	}
	{
	  sdisp	%ctpr3, 0x3
	  addd,0	0, 1, %r8		! exit(0): not reached
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr3, wbs=4
	}
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"mem-protected: ok\n"
	msg_len = . - msg
