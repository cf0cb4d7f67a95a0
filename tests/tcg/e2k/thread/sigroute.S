! sigroute.S -- signal masks are per thread, and signals find the right
! thread.  The main thread blocks SIGUSR1 and starts a thread (which
! inherits that mask and unblocks SIGUSR1 for itself only).  Then:
! - kill(pid, SIGUSR1), sent to the process, runs the handler in the
!   thread that does not block it (the child);
! - tgkill(child, SIGUSR2) and tgkill(child, 32) (a signal the host's C
!   library keeps, queued by qemu-e2k itself) run it in the child;
! - the child's rt_sigprocmask left the main thread's mask alone;
! - tgkill(main, SIGUSR1) waits for the main thread (the child, which
!   does not block SIGUSR1, must not take it): pending in the main
!   thread only, taken there by rt_sigtimedwait with si_code SI_TKILL.
! The handler records which thread ran it (gettid) per signal.
! expect-exit: 0
! expect-stdout: thread-sigroute: ok

	.include "../sig/sig.inc"
	.include "../lib/report.inc"

	STACK = 0x4000
	CLONE_FLAGS = 0x3d0f00		! VM FS FILES SIGHAND THREAD SYSVSEM
					! SETTLS PARENT_SETTID CHILD_CLEARTID

! Wait until the 64-bit word at ADDR is not zero, yielding the CPU on
! each trip (a system call: also where ThreadSanitizer, which holds back
! asynchronous signals, delivers them); LABEL names the loop.
	.macro	waitnz addr, label
\label:
	sys	158				! sched_yield
	{
	  addd,0	0, \addr, %r15
	}
	{
	  ldd,0	[ %r15 + 0 ], %r15
	}
	{
	  nop	3
	}
	{
	  cmpedb,0	%r15, 0, %pred0
	  nop	2
	}
	{
	  ibranch	\label ? %pred0
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
	sys	174, 10, act, 0, 8		! handlers for SIGUSR1, SIGUSR2, 32
	check	%r8, 0
	sys	174, 12, act, 0, 8
	sys	174, 32, act, 0, 8
	check	%r8, 0
	sys	175, 0, set_usr1, 0, 8		! main: block SIGUSR1
	sys	20				! getpid
	{
	  addd,0	0, %r8, %r16
	}
	sys	244				! gettid
	{
	  addd,0	0, %r8, %r17
	}
	sys	120, CLONE_FLAGS, stack + STACK, ctid, ctid, 0
	{
	  cmpedb,0	%r8, 0, %pred1
	  nop	2
	}
	{
	  ibranch	child ? %pred1
	}
	{
	  addd,0	0, %r8, %r18		! the child's tid
	}
	waitnz	ready, wait_ready

	sys	37, %r16, 10			! kill(pid, SIGUSR1)
	waitnz	seen + 10 * 8, wait_usr1
	check	%r15, %r18			! the child took it
	sys	308, %r16, %r18, 12		! tgkill(child, SIGUSR2)
	check	%r8, 0
	waitnz	seen + 12 * 8, wait_usr2
	check	%r15, %r18
	sys	308, %r16, %r18, 32		! tgkill(child, 32)
	check	%r8, 0
	waitnz	seen + 32 * 8, wait_32
	check	%r15, %r18

	sys	175, 0, 0, cur, 8
	ldcheck	cur, 0x200			! main's mask: its own
	sys	176, pend, 8
	ldcheck	pend, 0

	{
	  addd,0	0, seen + 10 * 8, %r15
	  addd,1	0, 0, %r14
	}
	{
	  std,2	%r14, [ %r15 + 0 ]		! clear seen[SIGUSR1]
	}
	sys	308, %r16, %r17, 10		! tgkill(main, SIGUSR1)
	check	%r8, 0
	sys	162, sleep_ts, 0		! time for a wrong thread to take it
	ldcheck	seen + 10 * 8, 0		! nobody did
	sys	176, pend, 8
	ldcheck	pend, 0x200			! it waits for the main thread
	sys	177, set_usr1, info, 0, 8	! rt_sigtimedwait(SIGUSR1)
	check	%r8, 10
	{
	  addd,0	0, info, %r15
	}
	{
	  ldw,0	[ %r15 + 8 ], %r15
	  nop	3
	}
	{
	  sxt,0	2, %r15, %r15
	}
	check	%r15, -6			! SI_TKILL
	ldcheck	seen + 10 * 8, 0		! no handler ran

	{					! let the child go, then join
	  addd,0	0, done, %r15
	  addd,1	0, 1, %r14
	}
	{
	  std,2	%r14, [ %r15 + 0 ]
	}
join:
	{
	  addd,0	0, ctid, %r15
	}
	{
	  ldw,0	[ %r15 + 0 ], %r19
	}
	{
	  nop	3
	}
	{
	  cmpedb,0	%r19, 0, %pred2
	  nop	2
	}
	{
	  ibranch	joined ? %pred2
	}
	sys	248, ctid, 0, %r19, 0		! futex wait while the id stays
	{
	  ibranch	join
	}
joined:
	report	%r20, msg, msg_len

child:
	sys	175, 1, set_usr1, 0, 8		! unblock SIGUSR1, here only
	{
	  addd,0	0, ready, %r15
	  addd,1	0, 1, %r14
	}
	{
	  std,2	%r14, [ %r15 + 0 ]
	}
	waitnz	done, wait_done
	sys	1, 0				! exit (this thread)
	.size	_start, . - _start

! handler: seen[sig] = gettid()
	.type	handler, @function
handler:
	{
	  setwd	wsz=12, nfx=1
	  shld,0	%r0, 3, %r4
	}
	{
	  addd,0	%r4, seen, %r4
	}
	sys	244				! gettid
	{
	  std,2	%r8, [ %r4 + 0 ]
	}
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
set_usr1:
	.quad	0x200
ready:
	.quad	0
done:
	.quad	0
cur:
	.quad	0
pend:
	.quad	0
sleep_ts:
	.quad	0, 20000000
seen:
	.skip	65 * 8
info:
	.skip	128
ctid:
	.word	0
msg:
	.ascii	"thread-sigroute: ok\n"
	msg_len = . - msg
	.bss
	.align	16
stack:
	.skip	STACK
