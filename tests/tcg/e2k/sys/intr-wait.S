! intr-wait.S -- sleeps and waits and a SIGALRM handler.  clock_nanosleep
! fails with EINTR also with SA_RESTART (the time left in *rem), pause
! always; readv on an empty pipe, open of a FIFO no one writes and
! waitid for a child that is still running fail with EINTR without
! SA_RESTART and are restarted with it (the handler writes into the
! pipe, opens the FIFO read-write, which never waits and makes a
! writer; the child exits after 300 ms).
! expect-exit: 0
! expect-stdout: intr-wait: ok

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
	! clock_nanosleep(CLOCK_MONOTONIC, 0, 10 s, &rem)
	arm	intr_restart
	sys	269, 1, 0, ts10, rem
	check	%r8, -4
	count_is 1
	ldcheck	rem, 9
	sys	269, 1, 0, 8, rem		! EFAULT
	check	%r8, -14
	! pause
	arm	intr_restart
	sys	29
	check	%r8, -4
	count_is 2

	! readv
	sys	42, fds
	check	%r8, 0
	{
	  ldw,0	[ fds + 0 ], %r21
	  ldw,2	[ fds + 4 ], %r22
	  nop	3
	}
	arm	intr_norestart
	sys	145, %r21, iov, 1
	check	%r8, -4
	count_is 3
	then	4, %r22, bang, 1
	arm	intr_restart
	sys	145, %r21, iov, 1
	check	%r8, 1
	count_is 4
	ldcheck	buf, 0x21

	! open("/tmp/e2k-intr-<pid in letters>", O_RDONLY) of a FIFO
	sys	20
	{
	  addd,0	%r8, 0, %r16
	  addd,1	0, 0, %r17
	}
	{
	  addd,0	0, fifo+14, %r18
	}
pidloop:
	{
	  andd,0	%r16, 15, %r19
	  shrd,1	%r16, 4, %r16
	  cmpedb,3	%r17, 7, %pred1
	}
	{
	  addd,0	%r19, 0x61, %r19
	  nop	2
	}
	{
	  stb,2	%r19, [ %r18 + 0 ]
	  addd,0	%r18, 1, %r18
	  addd,1	%r17, 1, %r17
	  ibranch	pidloop ? ~%pred1
	}
	sys	14, fifo, 0x1180, 0		! mknod(S_IFIFO | 0600)
	check	%r8, 0
	then	20
	arm	intr_norestart
	sys	5, fifo, 0			! open: EINTR
	check	%r8, -4
	count_is 5
	then	5, fifo, 0x802			! open(O_RDWR | O_NONBLOCK): a writer
	arm	intr_restart
	sys	5, fifo, 0
	{
	  cmpldb,0	%r8, 0, %pred1		! a descriptor, not an error
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? %pred1
	}
	count_is 6
	sys	10, fifo			! unlink
	check	%r8, 0

	! waitid(P_ALL, 0, &info, WEXITED, NULL) for a child that sleeps
	then	20
	sys	2				! fork
	{
	  cmpedb,0	%r8, 0, %pred1
	  nop	2
	}
	{
	  ibranch	child ? %pred1
	}
	arm	intr_norestart
	sys	322, 0, 0, info, 4, 0
	check	%r8, -4
	count_is 7
	arm	intr_restart
	sys	322, 0, 0, info, 4, 0
	check	%r8, 0
	count_is 8
	{
	  ldw,0	[ info + 0 ], %r16		! si_signo SIGCHLD
	  ldw,2	[ info + 8 ], %r17		! si_code CLD_EXITED
	}
	{
	  ldw,0	[ info + 24 ], %r18		! si_status
	  nop	3
	}
	check	%r16, 17
	check	%r17, 1
	check	%r18, 5
	sys	322, 0, 0, 8, 4, 0		! ECHILD first: no child left
	check	%r8, -10
	report	%r20, msg, msg_len

child:
	sys	162, ts300, 0			! nanosleep 300 ms
	sys	1, 5				! exit(5)
	.size	_start, . - _start

	.data
	.align	8
ts10:
	.quad	10, 0
ts300:
	.quad	0, 300000000
rem:
	.quad	0, 0
fds:
	.long	-1, -1
iov:
	.quad	buf, 8
buf:
	.quad	0
info:
	.fill	128, 1, 0
fifo:
	.ascii	"/tmp/e2k-intr-abcdefgh"
	.long	0
bang:
	.ascii	"!"
msg:
	.ascii	"intr-wait: ok\n"
	msg_len = . - msg
