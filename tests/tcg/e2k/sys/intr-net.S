! intr-net.S -- blocking socket calls and a SIGALRM handler: accept,
! connect (a full listen backlog), recvfrom, recvmsg and sendto (a full
! socket buffer) fail with EINTR when the handler has no SA_RESTART, and
! are restarted when it has (the handler then does what lets the call
! finish: connects, accepts, writes, reads), except a receive on a
! socket with SO_RCVTIMEO set.  AF_UNIX stream sockets, the listener
! autobound to an abstract name.
! expect-exit: 0
! expect-stdout: intr-net: ok

	.include "../sig/sig.inc"
	.include "intr.inc"
	.include "../lib/report.inc"

	.macro	new_socket reg
	sys	403, 1, 1, 0			! socket(AF_UNIX, SOCK_STREAM, 0)
	{
	  addd,0	%r8, 0, \reg
	}
	.endm

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20
	}
	new_socket %r21				! L: the listener
	sys	410, %r21, name, 2		! bind(L, {AF_UNIX}, 2): autobind
	check	%r8, 0
	sys	411, %r21, 0			! listen(L, 0)
	check	%r8, 0
	sys	412, %r21, name, namelen	! getsockname
	check	%r8, 0
	{
	  ldw,0	[ namelen + 0 ], %r22
	  nop	3
	}
	new_socket %r23				! C: the client

	! accept: EINTR, then restarted: the handler connects C
	arm	intr_norestart
	sys	405, %r21, 0, 0
	check	%r8, -4
	count_is 1
	then	404, %r23, name, %r22		! connect(C, name, len)
	arm	intr_restart
	sys	405, %r21, 0, 0
	{
	  addd,0	%r8, 0, %r19			! A: the accepted end
	}
	count_is 2
	sys	4, %r19, bang, 1		! A -> C works
	check	%r8, 1
	sys	3, %r23, buf, 8
	check	%r8, 1

	! recvfrom on A: EINTR, then restarted: the handler writes to C
	then	20
	arm	intr_norestart
	sys	407, %r19, buf, 8, 0, 0, 0
	check	%r8, -4
	count_is 3
	then	4, %r23, bang, 1
	arm	intr_restart
	sys	407, %r19, buf, 8, 0, 0, 0
	check	%r8, 1
	count_is 4

	! recvmsg on A, the same
	then	20
	arm	intr_norestart
	sys	409, %r19, mhdr, 0
	check	%r8, -4
	count_is 5
	then	4, %r23, bang, 1
	arm	intr_restart
	sys	409, %r19, mhdr, 0
	check	%r8, 1
	count_is 6
	ldcheck	buf, 0x21

	! sendto C once its buffer is full: EINTR, then restarted: the
	! handler reads A empty
	sys	406, %r23, big, 0x100000, 0x40, 0, 0	! MSG_DONTWAIT: fills it
	sys	406, %r23, big, 1, 0x40, 0, 0
	check	%r8, -11			! EAGAIN
	then	20
	arm	intr_norestart
	sys	406, %r23, big, 1, 0, 0, 0
	check	%r8, -4
	count_is 7
	then	3, %r19, big, 0x100000		! read(A, big, 1 MiB)
	arm	intr_restart
	sys	406, %r23, big, 1, 0, 0, 0
	check	%r8, 1
	count_is 8

	! connect with L's backlog (0) full: EINTR, then restarted: the
	! handler accepts the connection that fills it
	new_socket %r17
	sys	404, %r17, name, %r22		! queued
	check	%r8, 0
	new_socket %r18
	then	20
	arm	intr_norestart
	sys	404, %r18, name, %r22
	check	%r8, -4
	count_is 9
	then	405, %r21, 0, 0			! accept(L)
	arm	intr_restart
	sys	404, %r18, name, %r22
	check	%r8, 0
	count_is 10

	! with SO_RCVTIMEO set (5 s), recvfrom fails with EINTR also with
	! SA_RESTART (the kernel's -EINTR, not -ERESTARTSYS)
	sys	415, %r19, 1, 20, tv5, 16	! setsockopt(A, SOL_SOCKET, ...)
	check	%r8, 0
	sys	3, %r19, buf, 8			! the byte sendto left
	check	%r8, 1
	then	20
	arm	intr_restart
	sys	407, %r19, buf, 8, 0, 0, 0
	check	%r8, -4
	count_is 11

	! EFAULT
	sys	407, %r19, 8, 8, 0x40, 0, 0
	check	%r8, -14
	sys	409, %r19, 8, 0
	check	%r8, -14
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.data
	.align	8
name:
	.long	1, 0				! AF_UNIX; the rest by getsockname
	.fill	120, 1, 0
namelen:
	.long	128, 0
iov:
	.quad	buf, 8
mhdr:
	.quad	0, 0, iov, 1, 0, 0, 0		! name, namelen, iov, iovlen, ...
buf:
	.quad	0
tv5:
	.quad	5, 0
bang:
	.ascii	"!"
msg:
	.ascii	"intr-net: ok\n"
	msg_len = . - msg

	.bss
	.align	8
big:
	.skip	0x100000
