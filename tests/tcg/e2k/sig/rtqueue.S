! rtqueue.S -- real-time signals queue, standard ones do not.  With
! SIGUSR1 and signal 36 blocked, three rt_sigqueueinfo(36) with values
! 1, 2, 3 and two kill(SIGUSR1) are sent; rt_sigpending shows both.
! Unblocking delivers 36 three times in order, then SIGUSR1 once: the
! frames stack (SIGUSR1's first, 36's on top) and each 36 waits for the
! previous handler's rt_sigreturn, so the handlers run (36,1) (36,2)
! (36,3) (10) -- the order an x86-64 Linux host gives for the same C
! program.
! expect-exit: 0
! expect-stdout: sig-rtqueue: ok

	.include "sig.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20
	}
	sys	174, 10, act, 0, 8
	sys	174, 36, act, 0, 8
	check	%r8, 0
	sys	175, 0, set, 0, 8		! block SIGUSR1 and 36
	sys	20				! getpid
	{
	  addd,0	0, %r8, %r16
	  addd,1	0, qinfo, %r15
	}
	{
	  stw,2	%r16, [ %r15 + 16 ]		! si_pid
	  addd,0	0, 1, %r17
	}
	{
	  std,2	%r17, [ %r15 + 24 ]		! si_value = 1
	}
	sys	178, %r16, 36, qinfo		! rt_sigqueueinfo
	check	%r8, 0
	{
	  addd,0	0, 2, %r17
	  addd,1	0, qinfo, %r15
	}
	{
	  std,2	%r17, [ %r15 + 24 ]
	}
	sys	178, %r16, 36, qinfo
	{
	  addd,0	0, 3, %r17
	  addd,1	0, qinfo, %r15
	}
	{
	  std,2	%r17, [ %r15 + 24 ]
	}
	sys	178, %r16, 36, qinfo
	sys	37, %r16, 10
	sys	37, %r16, 10
	ldcheck	count, 0
	sys	176, pend, 8
	ldcheck	pend, _f64 0x800000200
	sys	175, 1, set, 0, 8		! unblock: all delivered
	ldcheck	count, 4
	ldcheck	log+0, 36
	ldcheck	log+8, 1
	ldcheck	log+16, 36
	ldcheck	log+24, 2
	ldcheck	log+32, 36
	ldcheck	log+40, 3
	ldcheck	log+48, 10
	sys	176, pend, 8
	ldcheck	pend, 0
	report	%r20, msg, msg_len
	.size	_start, . - _start

! handler: log { sig, si_value }
	.type	handler, @function
handler:
	{
	  setwd	wsz=12, nfx=1
	  addd,0	0, count, %r4
	}
	{
	  ldd,0	[ %r4 + 0 ], %r5
	  ldd,2	[ %r1 + 24 ], %r6
	  nop	3
	}
	{
	  shld,0	%r5, 4, %r3
	  addd,1	%r5, 1, %r5
	}
	{
	  addd,0	%r3, log, %r3
	  std,2	%r5, [ %r4 + 0 ]
	}
	{
	  std,2	%r0, [ %r3 + 0 ]
	  std,5	%r6, [ %r3 + 8 ]
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	handler, . - handler

	.data
	.align	8
act:
	.quad	handler, 4, 0, 0
set:
	.quad	0x800000200
qinfo:
	.long	36, 0, -1, 0			! signo, errno, SI_QUEUE
	.long	0, 0				! pid, uid
	.quad	0				! si_value
	.fill	96, 1, 0
count:
	.quad	0
pend:
	.quad	0
log:
	.fill	80, 1, 0xff
msg:
	.ascii	"sig-rtqueue: ok\n"
	msg_len = . - msg
