! families.S -- new system call families through the CPU: socketpair,
! epoll (e2k's 16-byte struct epoll_event: data at offset 8), getrandom,
! statx, each with an EFAULT case.  Exit status: the failed check.
! expect-exit: 0
! expect-stdout: families ok

	.include "../user/dyn.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=20, nfx=1
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 414, %dr8		! socketpair(AF_UNIX, SOCK_STREAM, 0, sv)
	  addd,1	0, 1, %dr9
	  addd,2	0, 1, %dr10
	  addd,3	0, 0, %dr11
	  addd,4	0, sv, %dr12
	}
	{
	  call	%ctpr1, wbs=4
	}
	check_eq %dr8, 0, 1
	{
	  ldw,0	[ sv + 0 ], %dr20
	}
	{
	  ldw,0	[ sv + 4 ], %dr21
	  nop	3
	}
	syscall	4, %dr20, msg, 2		! write(sv[0], "hi", 2)
	check_eq %dr8, 2, 2
	syscall	360, 0				! epoll_create1(0)
	{
	  addd,0	%dr8, 0, %dr22
	}
	check_ne %dr8, -1, 3
	{
	  addd,0	0, 1, %dr23			! EPOLLIN
	}
	{
	  stw,2	%dr23, [ ev + 0 ]
	}
	{
	  addd,0	0, 0x1234, %dr23
	}
	{
	  std,2	%dr23, [ ev + 8 ]
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 303, %dr8			! epoll_ctl(ep, ADD, sv[1], &ev)
	  addd,1	0, %dr22, %dr9
	  addd,2	0, 1, %dr10
	  addd,3	0, %dr21, %dr11
	  addd,4	0, ev, %dr12
	}
	{
	  call	%ctpr1, wbs=4
	}
	check_eq %dr8, 0, 4
	syscall	304, %dr22, out, 4		! epoll_wait(ep, out, 4, ...)
	check_eq %dr8, 1, 5
	{
	  ldw,0	[ out + 0 ], %dr24
	}
	{
	  ldd,0	[ out + 8 ], %dr25
	  nop	3
	}
	check_eq %dr24, 1, 6
	check_eq %dr25, 0x1234, 7
	syscall	304, %dr22, 16, 4		! a bad events pointer
	check_eq %dr8, -14, 8
	syscall	3, %dr21, buf, 16		! read(sv[1], buf, 16)
	check_eq %dr8, 2, 9
	{
	  ldb,0	[ buf + 1 ], %dr24
	  nop	3
	}
	check_eq %dr24, 0x69, 10
	syscall	385, buf, 16, 0			! getrandom(buf, 16, 0)
	check_eq %dr8, 16, 11
	syscall	385, 16, 16, 0
	check_eq %dr8, -14, 12
	{
	  addd,0	0, root, %dr10
	  addd,1	0, stx, %dr13
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 402, %dr8			! statx(AT_FDCWD, "/", 0, ...)
	  addd,1	0, -100, %dr9
	  addd,3	0, 0, %dr11
	  addd,4	0, 0xfff, %dr12
	}
	{
	  call	%ctpr1, wbs=4
	}
	check_eq %dr8, 0, 13
	{
	  ldh,0	[ stx + 28 ], %dr24		! stx_mode
	  nop	3
	}
	{
	  andd,0	%dr24, 0xf000, %dr24
	}
	check_eq %dr24, 0x4000, 14		! S_IFDIR
	syscall	4, 1, okmsg, okmsg_len
	syscall	1, 0
.Lfail:
	syscall	1, %dr30
	.size	_start, . - _start

	.section .rodata
msg:	.ascii	"hi"
root:	.asciz	"/"
okmsg:	.ascii	"families ok\n"
	okmsg_len = . - okmsg

	.bss
	.align	16
sv:	.skip	8
ev:	.skip	16
out:	.skip	64
buf:	.skip	16
stx:	.skip	256
