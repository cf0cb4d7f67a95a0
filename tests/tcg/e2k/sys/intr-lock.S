! intr-lock.S -- file locks that wait and a SIGALRM handler: flock,
! fcntl F_SETLKW and F_OFD_SETLKW fail with EINTR without SA_RESTART and
! are restarted with it (the handler releases the lock that blocks
! them).  One memfd opened twice (again through /proc/self/fd): A holds
! the lock, B waits; flock and OFD locks of two open files conflict in
! one process, and a POSIX lock conflicts with an OFD lock.
! expect-exit: 0
! expect-stdout: intr-lock: ok

	.include "../sig/sig.inc"
	.include "intr.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20
	}
	sys	386, mname, 0			! memfd_create
	{
	  addd,0	%r8, 0, %r21			! A
	  addd,1	%r8, 0x30, %r16			! its digit (fd < 10)
	}
	{
	  stb,2	%r16, [ path + 14 ]
	}
	sys	5, path, 2			! open("/proc/self/fd/N", O_RDWR)
	{
	  addd,0	%r8, 0, %r22			! B
	}
	sys	4, %r21, path, 8		! some bytes to lock
	check	%r8, 8

	! flock
	sys	143, %r21, 2			! LOCK_EX on A
	check	%r8, 0
	sys	143, %r22, 6			! LOCK_EX|LOCK_NB on B
	check	%r8, -11
	arm	intr_norestart
	sys	143, %r22, 2
	check	%r8, -4
	count_is 1
	then	143, %r21, 8			! LOCK_UN on A
	arm	intr_restart
	sys	143, %r22, 2
	check	%r8, 0
	count_is 2
	sys	143, %r22, 8
	check	%r8, 0

	! F_SETLKW on B while A holds an OFD write lock
	sys	55, %r21, 37, wrlck		! F_OFD_SETLK
	check	%r8, 0
	sys	55, %r22, 6, wrlck		! F_SETLK: EAGAIN
	check	%r8, -11
	then	20
	arm	intr_norestart
	sys	55, %r22, 7, wrlck		! F_SETLKW
	check	%r8, -4
	count_is 3
	then	55, %r21, 37, unlck
	arm	intr_restart
	sys	55, %r22, 7, wrlck
	check	%r8, 0
	count_is 4
	sys	55, %r22, 6, unlck
	check	%r8, 0

	! F_OFD_SETLKW the same
	sys	55, %r21, 37, wrlck
	check	%r8, 0
	then	20
	arm	intr_norestart
	sys	55, %r22, 38, wrlck		! F_OFD_SETLKW
	check	%r8, -4
	count_is 5
	then	55, %r21, 37, unlck
	arm	intr_restart
	sys	55, %r22, 38, wrlck
	check	%r8, 0
	count_is 6

	sys	55, %r22, 38, 8			! EFAULT
	check	%r8, -14
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.data
	.align	8
wrlck:
	.long	0x00000001, 0			! F_WRLCK, SEEK_SET
	.quad	0, 0				! the whole file
	.long	0, 0				! l_pid (0 for OFD locks)
unlck:
	.long	0x00000002, 0			! F_UNLCK
	.quad	0, 0
	.long	0, 0
path:
	.ascii	"/proc/self/fd/N"
	.long	0
mname:
	.ascii	"intr-lock"
	.long	0
msg:
	.ascii	"intr-lock: ok\n"
	msg_len = . - msg
