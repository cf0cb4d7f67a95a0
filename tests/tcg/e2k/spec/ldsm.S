! ldsm.S -- a speculative load (,sm) from an unmapped address does not
! fault; a normal load from the same address raises SIGSEGV.
! expect-exit: 139
! expect-stdout: ldsm: ok

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  addd,0	0, 0x10, %r1		! page 0 is never mapped
	  sdisp	%ctpr1, 0x3
	}
	{
	  ldd,0,sm	%r1, 8, %r2
	  ldw,3,sm	%r1, 0, %r3
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
	  ldd,0	%r1, 8, %r2
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
	.ascii	"ldsm: ok\n"
	msg_len = . - msg
