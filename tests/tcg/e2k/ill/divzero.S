! divzero.S -- integer division by zero: a speculative (,sm) division
! yields a value without trapping, a normal one raises SIGFPE.
! expect-exit: 136
! expect-stdout: sm: ok

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  addd,0	0, 100, %r1
	  addd,1	0, 0, %r2
	  sdisp	%ctpr1, 0x3
	}
	{
	  udivd,5,sm	%r1, %r2, %r3
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
	  udivd,5	%r1, %r2, %r3
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 1, %r8
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"sm: ok\n"
	msg_len = . - msg
