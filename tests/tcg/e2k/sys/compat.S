! compat.S -- the older calls of e2k's 64-bit table through the CPU:
! getuid32 (the plain getuid), _llseek (the 64-bit result stored),
! sigprocmask/sgetmask/ssetmask (one 64-bit mask word), the ipc()
! multiplexer (MSGGET, MSGSND, MSGRCV version 1, MSGCTL) and waitpid,
! each with an error or EFAULT case.
! expect-exit: 0
! expect-stdout: compat: ok

	.include "../sig/sig.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20
	}
	sys	24				! getuid
	{
	  addd,0	%r8, 0, %r21
	}
	sys	199				! getuid32
	check	%r8, %r21

	! _llseek on a memfd holding 10 bytes
	sys	386, mname, 0			! memfd_create
	{
	  addd,0	%r8, 0, %r21
	}
	sys	4, %r21, mname, 10
	check	%r8, 10
	sys	140, %r21, 0, 3, res, 0		! _llseek(fd, 0, 3, &res, SEEK_SET)
	check	%r8, 0
	ldcheck	res, 3
	sys	140, %r21, 0, 7, res, 1		! SEEK_CUR: 10
	check	%r8, 0
	ldcheck	res, 10
	sys	140, %r21, 0, 0, 8, 0		! EFAULT
	check	%r8, -14
	sys	140, %r21, 0, 0, res, 77	! bad whence
	check	%r8, -22

	! the old mask calls
	sys	126, 0, usr1, old		! sigprocmask(SIG_BLOCK, ...)
	check	%r8, 0
	ldcheck	old, 0
	sys	68				! sgetmask
	check	%r8, 0x200
	sys	69, 0				! ssetmask(0): the old mask
	check	%r8, 0x200
	sys	68
	check	%r8, 0
	sys	126, 0, 8, old			! EFAULT
	check	%r8, -14

	! ipc(): a message through MSGSND and MSGRCV (version 1)
	sys	117, 13, 0, 0x380		! MSGGET(IPC_PRIVATE, IPC_CREAT|0600)
	{
	  addd,0	%r8, 0, %r22
	}
	sys	117, 11, %r22, 2, 0, msg	! MSGSND(id, 2 bytes, 0, msg)
	check	%r8, 0
	sys	117, 0x1000c, %r22, 8, 0x800, buf, 0	! MSGRCV v1, any type
	check	%r8, 2
	ldcheck	buf, 5
	sys	117, 11, %r22, 2, 0, 8		! EFAULT
	check	%r8, -14
	sys	117, 14, %r22, 0, 0, 0		! MSGCTL(id, IPC_RMID)
	check	%r8, 0
	sys	117, 99, 0, 0, 0, 0		! no such call
	check	%r8, -38

	! waitpid for a child that exits with 4
	sys	2				! fork
	{
	  cmpedb,0	%r8, 0, %pred1
	  addd,1	%r8, 0, %r23
	  nop	2
	}
	{
	  ibranch	child ? %pred1
	}
	sys	7, -1, status, 0		! waitpid(-1, &status, 0)
	check	%r8, %r23
	{
	  ldw,0	[ status + 0 ], %r16
	  nop	3
	}
	check	%r16, 0x400
	sys	7, -1, status, 0		! no child left
	check	%r8, -10
	report	%r20, msgok, msgok_len

child:
	sys	1, 4
	.size	_start, . - _start

	.data
	.align	8
res:
	.quad	0
old:
	.quad	-1
usr1:
	.quad	0x200
status:
	.quad	0
msg:
	.quad	5				! mtype 5, then "hi"
	.ascii	"hi"
	.align	8
buf:
	.quad	0, 0
mname:
	.ascii	"compat-ok"
	.long	0
msgok:
	.ascii	"compat: ok\n"
	msgok_len = . - msgok
