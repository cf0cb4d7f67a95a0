! tags.S -- with tags=on, a speculative load from an unmapped address
! yields a diagnostic value instead of faulting, a speculative operation
! passes it on, and the first non-speculative use raises SIGILL.
! qemu-args: -cpu e2s,tags=on
! expect-exit: 132
! expect-stdout: tags: ok

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
	  ldd,0,sm	%r1, 8, %r2		! diagnostic value
	}
	{
	  addd,0,sm	%r2, 1, %r3		! still diagnostic, no trap
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
	  addd,0	%r3, 1, %r4		! a real use: SIGILL
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
	.ascii	"tags: ok\n"
	msg_len = . - msg
