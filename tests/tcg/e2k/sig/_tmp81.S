! suspend.S -- blocked signals stay pending; rt_sigpending,
! rt_sigsuspend, rt_sigtimedwait, unblocking with rt_sigprocmask.
! - SIGUSR1 sent while blocked is not delivered but pending;
!   rt_sigsuspend(empty) delivers it (the handler runs with the suspend
!   mask plus SIGUSR1 blocked, its frame saves the old mask) and returns
!   EINTR with the old mask back in force.
! - SIGALRM from a timer while blocked waits through a nanosleep and is
!   delivered as soon as rt_sigprocmask unblocks it.
! - rt_sigtimedwait takes a blocked pending SIGUSR2 without running a
!   handler (si_code SI_TKILL), and times out with EAGAIN.
! expect-exit: 0
! expect-stdout: sig-suspend: ok

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
	sys	174, 12, act, 0, 8
	sys	174, 14, act, 0, 8
	sys	20				! getpid
	{
	  addd,0	0, %r8, %r16
	}
	sys	244				! gettid
	{
	  addd,0	0, %r8, %r17
	}
	sys	175, 0, set_usr1, 0, 8		! block SIGUSR1
	check	%r8, 0
	sys	37, %r16, 10			! kill(pid, SIGUSR1)
	check	%r8, 0
	ldcheck	count, 0			! not delivered
	sys	176, pend, 8			! rt_sigpending
	check	%r8, 0
	ldcheck	pend, 0x200
	sys	179, set_none, 8		! rt_sigsuspend(empty)
	check	%r8, -4
	ldcheck	count, 1
	ldcheck	last_sig, 10
	ldcheck	hmask, 0x200			! in the handler
	ldcheck	ucmask, 0x200			! saved in its frame
	sys	175, 0, 0, cur, 8
	ldcheck	cur, 0x200			! back after sigsuspend
	sys	176, pend, 8
	ldcheck	pend, 0

	sys	175, 0, set_alrm, 0, 8		! block SIGALRM
	sys	104, 0, itv, 0			! setitimer: 10 ms
	sys	162, sleep_ts, 0		! nanosleep(50 ms): not interrupted
	check	%r8, 0
	ldcheck	count, 1
	sys	176, pend, 8
	ldcheck	pend, 0x2000
	sys	175, 1, set_alrm, 0, 8		! unblock: delivered now
	check	%r8, 0
	ldcheck	count, 2
	ldcheck	last_sig, 14

	sys	175, 0, set_usr2, 0, 8		! block SIGUSR2
	sys	308, %r16, %r17, 12		! tgkill(pid, tid, SIGUSR2)
	sys	177, set_usr2, info, 0, 8	! rt_sigtimedwait(SIGUSR2)
	check	%r8, 12
	ldcheck	count, 2			! no handler ran
	{
	  addd,0	0, info, %r15
	}
	{
	  ldw,0	[ %r15 + 8 ], %r15
	  nop	3
	}
	{
	  sxt,0	2, %r15, %r15
	report	%r20, msg, msg_len
	}
	check	%r15, -6			! SI_TKILL
	sys	177, set_usr2, info, zero_ts, 8	! nothing pending: EAGAIN
	check	%r8, -11
	report	%r20, msg, msg_len
	.size	_start, . - _start

! handler: count++, last_sig = sig, hmask = current mask, ucmask
	.type	handler, @function
handler:
	{
	  setwd	wsz=12, nfx=1
	  addd,0	0, count, %r4
	}
	{
	  ldd,0	[ %r4 + 0 ], %r5
	  ldd,2	[ %r2 + 1616 ], %r6		! uc_sigmask
	  nop	3
	}
	{
	  addd,0	%r5, 1, %r5
	}
	{
	  std,2	%r5, [ %r4 + 0 ]
	  std,5	%r0, [ %r4 + 8 ]
	}
	{
	  std,2	%r6, [ %r4 + 24 ]
	}
	sys	175, 0, 0, hmask, 8
	{
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
count:
	.quad	0
last_sig:
	.quad	0
hmask:
	.quad	0
ucmask:
	.quad	0
set_none:
	.quad	0
set_usr1:
	.quad	0x200
set_usr2:
	.quad	0x800
set_alrm:
	.quad	0x2000
pend:
	.quad	0
cur:
	.quad	0
itv:
	.quad	0, 0, 0, 10000
sleep_ts:
	.quad	0, 50000000
zero_ts:
	.quad	0, 0
info:
	.fill	128, 1, 0
msg:
	.ascii	"sig-suspend: ok\n"
	msg_len = . - msg
