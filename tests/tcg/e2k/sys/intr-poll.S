! intr-poll.S -- the waits on descriptors end with EINTR when a SIGALRM
! handler runs, SA_RESTART or not (the kernel never restarts them after a
! handler): poll, ppoll, select, pselect6, epoll_wait, epoll_pwait, each
! on the empty read end of a pipe.  The mask of ppoll, pselect6 and
! epoll_pwait is the thread's for the wait only: a SIGALRM pending
! (blocked) before the call and unblocked by that mask ends the wait at
! once and its handler runs; SIGALRM blocked by the call's mask and
! arriving during the wait waits until the call is over.  select and
! pselect6 write the time left back.
! expect-exit: 0
! expect-stdout: intr-poll: ok

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
	sys	42, fds				! pipe(fds)
	check	%r8, 0
	{
	  ldw,0	[ fds + 0 ], %r21		! the read end
	  nop	3
	}
	{
	  stw,2	%r21, [ pfd + 0 ]
	  addd,0	%r21, 1, %r22			! select's n
	  addd,1	0, 1, %r23
	}
	{
	  shld,0	%r23, %r21, %r23		! its bit in an fd_set
	}
	sys	360, 0				! epoll_create1(0)
	{
	  addd,0	%r8, 0, %r19
	}
	sys	303, %r19, 1, %r21, ev		! EPOLL_CTL_ADD, EPOLLIN
	check	%r8, 0

	! poll
	arm	intr_norestart
	sys	168, pfd, 1, -1
	check	%r8, -4
	count_is 1
	arm	intr_restart
	sys	168, pfd, 1, -1
	check	%r8, -4
	count_is 2

	! ppoll without and with a mask (all open)
	arm	intr_restart
	sys	368, pfd, 1, 0, 0, 8
	check	%r8, -4
	count_is 3
	arm	intr_norestart
	sys	368, pfd, 1, 0, intr_no_set, 8
	check	%r8, -4
	count_is 4

	! select (a timeval: 10 s, the time left written back)
	{
	  std,2	%r23, [ rset + 0 ]
	}
	arm	intr_restart
	sys	142, %r22, rset, 0, 0, tv10
	check	%r8, -4
	count_is 5
	ldcheck	tv10, 9				! 9.98 s left
	! pselect6 without a mask, then a timeout of 30 ms: 0 left
	arm	intr_norestart
	sys	367, %r22, rset, 0, 0, 0, 0
	check	%r8, -4
	count_is 6
	sys	367, %r22, rset, 0, 0, ts30, 0
	check	%r8, 0
	ldcheck	ts30, 0
	ldcheck	ts30+8, 0
	count_is 6

	! epoll_wait, epoll_pwait
	arm	intr_restart
	sys	304, %r19, out, 1, -1
	check	%r8, -4
	count_is 7
	arm	intr_norestart
	sys	346, %r19, out, 1, -1, intr_no_set, 8
	check	%r8, -4
	count_is 8

	! A pending SIGALRM the call's mask unblocks: EINTR at once, the
	! handler runs, and the mask is back after it.
	block_alrm
	raise_alrm
	count_is 8
	sys	368, pfd, 1, 0, intr_no_set, 8		! ppoll
	check	%r8, -4
	count_is 9
	raise_alrm
	{
	  std,2	%r23, [ rset + 0 ]
	}
	sys	367, %r22, rset, 0, 0, 0, sigdata	! pselect6
	check	%r8, -4
	count_is 10
	raise_alrm
	sys	346, %r19, out, 1, -1, intr_no_set, 8	! epoll_pwait
	check	%r8, -4
	count_is 11
	sys	175, 0, 0, oldmask, 8			! still blocked
	check	%r8, 0
	ldcheck	oldmask, 0x2000

	! SIGALRM blocked by the call's mask arrives during the wait: the
	! wait times out (0), then the handler runs.
	unblock_alrm
	arm	intr_norestart
	sys	368, pfd, 1, ts100, intr_alrm_set, 8	! ppoll, 100 ms
	check	%r8, 0
	count_is 12

	! EFAULT: the mask, the descriptors
	sys	368, pfd, 1, 0, 8, 8
	check	%r8, -14
	sys	168, 8, 1, 0
	check	%r8, -14
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.data
	.align	8
fds:
	.long	-1, -1
pfd:
	.long	-1, 1				! fd, POLLIN (revents 0)
ev:
	.long	1, 0				! EPOLLIN
	.quad	0
out:
	.quad	0, 0
rset:
	.quad	0
tv10:
	.quad	10, 0
ts30:
	.quad	0, 30000000
ts100:
	.quad	0, 100000000
sigdata:
	.quad	intr_no_set, 8
oldmask:
	.quad	0
msg:
	.ascii	"intr-poll: ok\n"
	msg_len = . - msg
