! dyn-prog.S -- a position-independent program (e2k-asm -pie) with an
! interpreter (dyn-interp.S) for the loader tests.  It reaches its
! message through a pointer in .data that only the interpreter's
! R_E2K_64_RELATIVE relocation makes right (status 30 otherwise), checks
! that its .bss, which starts in the middle of a page whose file bytes
! are the symbol table, reads as zero (status 31), finds the message
! through its GOT slot (another relative relocation, status 32) and as
! _GLOBAL_OFFSET_TABLE_ + msg@GOTOFF (status 33), and prints the message.

	.include "dyn.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=20, nfx=1
	  rrd	%ip, %dr2
	}
	{
	  addd,0	%dr2, ptr - _start, %dr3
	}
	{
	  addd,0	%dr2, msg - _start, %dr4
	}
	{
	  addd,0	%dr2, zeros - _start, %dr5
	}
	{
	  ldd,0	[ %dr3 + 0 ], %dr6
	  ldd,2	[ %dr5 + 0 ], %dr10
	  ldd,3	[ %dr5 + 8 ], %dr11
	  ldd,5	[ %dr5 + 56 ], %dr12
	  nop	3
	}
	check_eq %dr6, %dr4, 30
	check_eq %dr10, 0, 31
	check_eq %dr11, 0, 31
	check_eq %dr12, 0, 31
	{
	  rrd	%ip, %dr13
	  addd,3	0, [ _f64 _GLOBAL_OFFSET_TABLE_ ], %dr14
	}
	{
	  addd,0	%dr13, %dr14, %dr13		! _GLOBAL_OFFSET_TABLE_
	}
	{
	  ldd,0	[ %dr13 + _f32s msg@GOT ], %dr15	! msg's GOT slot
	  addd,1	%dr13, [ _f64 msg@GOTOFF ], %dr16
	  nop	3
	}
	check_eq %dr15, %dr4, 32
	check_eq %dr16, %dr4, 33
	syscall	4, 1, %dr6, msg_len
	syscall	1, 0
.Lfail:
	syscall	1, %dr30
	.size	_start, . - _start

	.section .rodata
msg:	.ascii	"dyn-prog: relocated by its interpreter\n"
	msg_len = . - msg

	.data
	.align	8
ptr:	.quad	msg
	.byte	1

	.bss
zeros:	.skip	64
