! intr-ipc.S -- IPC waits and a SIGALRM handler.  System V msgrcv (an
! empty queue), msgsnd (a full one), semop and semtimedop (a semaphore
! at 0) fail with EINTR also with SA_RESTART, as the kernel never
! restarts them after a handler, also through ipc(); POSIX mq_timedreceive (empty) and
! mq_timedsend (full) fail with EINTR without SA_RESTART and are
! restarted with it (the handler sends or receives a message).
! expect-exit: 0
! expect-stdout: intr-ipc: ok

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
	sys	270, 0, 0x380			! msgget(IPC_PRIVATE, IPC_CREAT|0600)
	{
	  addd,0	%r8, 0, %r21
	}
	arm	intr_norestart
	sys	272, %r21, big, 8192, 0, 0	! msgrcv
	check	%r8, -4
	count_is 1
	arm	intr_restart
	sys	272, %r21, big, 8192, 0, 0
	check	%r8, -4
	count_is 2
	{
	  addd,0	0, 1, %r16
	}
	{
	  std,2	%r16, [ big + 0 ]		! mtype 1
	}
	sys	273, %r21, big, 8192, 0x800	! msgsnd IPC_NOWAIT: 16 KiB fill it
	check	%r8, 0
	sys	273, %r21, big, 8192, 0x800
	check	%r8, 0
	sys	273, %r21, big, 8192, 0x800
	check	%r8, -11
	arm	intr_restart
	sys	273, %r21, big, 8192, 0	! msgsnd
	check	%r8, -4
	count_is 3
	arm	intr_restart
	sys	117, 11, %r21, 8192, 0, big	! ipc(MSGSND): the same
	check	%r8, -4
	count_is 4
	sys	271, %r21, 0, 0			! msgctl(IPC_RMID)
	check	%r8, 0

	sys	274, 0, 1, 0x380		! semget(IPC_PRIVATE, 1, ...)
	{
	  addd,0	%r8, 0, %r22
	}
	arm	intr_norestart
	sys	277, %r22, sop, 1		! semop: -1 on 0 waits
	check	%r8, -4
	count_is 5
	arm	intr_restart
	sys	277, %r22, sop, 1
	check	%r8, -4
	count_is 6
	arm	intr_restart
	sys	276, %r22, sop, 1, ts10		! semtimedop, 10 s
	check	%r8, -4
	count_is 7
	arm	intr_restart
	sys	117, 1, %r22, 1, 0, sop		! ipc(SEMOP)
	check	%r8, -4
	count_is 8
	sys	276, %r22, sop, 1, ts10+16	! 1 ms: EAGAIN
	check	%r8, -11
	sys	276, %r22, 8, 1, 0		! EFAULT
	check	%r8, -14
	sys	275, %r22, 0, 0, 0		! semctl(IPC_RMID)
	check	%r8, 0

	! mq_open("e2k-intr-<pid in letters>", O_RDWR|O_CREAT|O_EXCL,
	! 0600, { maxmsg 1, msgsize 8 }), unlinked at once (the system call
	! takes the name without the C library's leading slash)
	sys	20
	{
	  addd,0	%r8, 0, %r16
	  addd,1	0, 0, %r17
	}
	{
	  addd,0	0, mqname+9, %r18
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
	sys	315, mqname, 194, 0x180, mqattr
	{
	  addd,0	%r8, 0, %r23
	}
	sys	316, mqname
	check	%r8, 0
	then	20
	arm	intr_norestart
	sys	318, %r23, buf, 8, 0, 0		! mq_timedreceive
	check	%r8, -4
	count_is 9
	then	317, %r23, bang, 1		! mq_timedsend(mq, "!", 1, 0, NULL)
	arm	intr_restart
	sys	318, %r23, buf, 8, 0, 0
	check	%r8, 1
	count_is 10
	ldcheck	buf, 0x21
	sys	317, %r23, bang, 1, 0, 0		! the queue (1) is full
	check	%r8, 0
	then	20
	arm	intr_norestart
	sys	317, %r23, bang, 1, 0, 0
	check	%r8, -4
	count_is 11
	then	318, %r23, buf+8, 8		! mq_timedreceive(mq, ...)
	arm	intr_restart
	sys	317, %r23, bang, 1, 0, 0
	check	%r8, 0
	count_is 12
	sys	318, %r23, 8, 8, 0, 0		! EFAULT
	check	%r8, -14
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.data
	.align	8
sop:
	.long	0xffff0000, 0			! sem_num 0, sem_op -1, sem_flg 0
ts10:
	.quad	10, 0, 0, 1000000
mqattr:
	.quad	0, 1, 8, 0, 0, 0, 0, 0		! flags, maxmsg, msgsize, curmsgs
buf:
	.quad	0, 0
mqname:
	.ascii	"e2k-intr-abcdefgh"
	.long	0
bang:
	.ascii	"!"
msg:
	.ascii	"intr-ipc: ok\n"
	msg_len = . - msg

	.bss
	.align	8
big:
	.skip	8200
