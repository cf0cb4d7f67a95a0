! altstack.S -- the alternate signal stack belongs to a thread, as the
! kernel keeps it per task.  The main thread sets one (altmain) and
! starts a thread, which:
! - finds no alternate stack of its own (sigaltstack reports SS_DISABLE:
!   CLONE_VM without CLONE_VFORK drops it), then sets another (altchild);
! The main thread still reports altmain.  Then SIGUSR1 (SA_ONSTACK) sent
! with tgkill to each thread runs its handler on that thread's own
! alternate stack, where sigaltstack reports SS_ONSTACK and that stack;
! both threads take it at once (each handler waits for the other's),
! so neither stack can be borrowed.  fork keeps the caller's stack: a
! process forked by the main thread runs its handler on altmain, one
! forked by the second thread on altchild (each checks and exits with
! its count of failures, which wait4 collects).
! The handler records, per thread (slot 0: the main thread's tid),
! its stack pointer and what sigaltstack(NULL, &oss) says.
! expect-exit: 0
! expect-stdout: thread-altstack: ok

	.include "../sig/sig.inc"
	.include "../lib/report.inc"

	STACK = 0x4000
	ALT = 0x4000
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

! Store VAL (a register or a literal) at label ADDR (uses %r15, %r14).
	.macro	put addr, val
	{
	  addd,0	0, \addr, %r15
	  addd,1	0, \val, %r14
	}
	{
	  std,2	%r14, [ %r15 + 0 ]
	}
	.endm

! Count a failure unless BASE < the word at ADDR <= BASE + ALT.
	.macro	onstack addr, base
	{
	  addd,0	0, \addr, %r15
	}
	{
	  ldd,0	[ %r15 + 0 ], %r15
	  nop	3
	}
	{
	  cmpbedb,0	%r15, \base, %pred1		! sp <= base: bad
	  cmpbedb,1	%r15, \base + ALT, %pred2	! sp <= top: good
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? %pred1
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred2
	}
	.endm

! What the handler of slot SLOT saw: on BASE, SS_ONSTACK, ss_sp BASE.
	.macro	saw slot, base
	onstack	seen_sp + \slot * 8, \base
	ldcheck	seen_flags + \slot * 8, 1
	ldcheck	seen_ss + \slot * 8, \base
	.endm

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20
	}
	sys	186, ss_main, 0			! sigaltstack(altmain)
	check	%r8, 0
	sys	174, 10, act, 0, 8		! SIGUSR1: SA_SIGINFO | SA_ONSTACK
	check	%r8, 0
	sys	20				! getpid
	{
	  addd,0	0, %r8, %r16
	}
	sys	244				! gettid
	{
	  addd,0	0, %r8, %r17
	}
	put	main_tid, %r17
	sys	120, CLONE_FLAGS, stack + STACK, ctid, ctid, 0
	{
	  cmpedb,0	%r8, 0, %pred1
	  nop	2
	}
	{
	  ibranch	child ? %pred1
	}
	{
	  addd,0	0, %r8, %r18		! the thread's tid
	}
	waitnz	ready, wait_ready
	ldcheck	child_first + 8, 2		! it started with none: SS_DISABLE
	ldcheck	child_first + 16, 0
	sys	186, 0, oss			! ours is still altmain
	ldcheck	oss + 0, altmain
	ldcheck	oss + 8, 0
	ldcheck	oss + 16, ALT

	! SIGUSR1 to both threads; each handler waits for the other's
	sys	308, %r16, %r18, 10		! tgkill(thread, SIGUSR1)
	check	%r8, 0
	sys	308, %r16, %r17, 10		! tgkill(main, SIGUSR1)
	check	%r8, 0
	waitnz	seen_sp + 8, wait_thread
	saw	0, altmain
	saw	1, altchild
	sys	186, 0, oss			! off the alternate stack again
	ldcheck	oss + 8, 0

	! fork from the main thread: the child process has altmain
	put	seen_sp + 8, 0
	put	go, 1
	sys	2				! fork
	{
	  cmpedb,0	%r8, 0, %pred1
	  nop	2
	}
	{
	  ibranch	forked ? %pred1
	}
	{
	  addd,0	0, %r8, %r19
	}
	sys	114, %r19, status, 0, 0		! wait4
	check	%r8, %r19
	ldcheck	status, 0			! exit status 0: its checks passed

	! fork from the second thread: the child process has altchild
	put	fork_go, 1
	waitnz	fork_done, wait_fork
	ldcheck	fork_status, 0

	put	done, 1				! let the thread go, then join
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

! A forked process (one thread: slot 1, as its tid is not main_tid)
! checks that it kept BASE, then exits with its failures.
	.macro	forked_checks base
	{
	  addd,0	0, 0, %r20
	}
	sys	186, 0, oss
	ldcheck	oss + 0, \base
	ldcheck	oss + 8, 0
	ldcheck	oss + 16, ALT
	sys	20				! getpid
	{
	  addd,0	0, %r8, %r16
	}
	sys	37, %r16, 10			! kill(self, SIGUSR1)
	saw	1, \base
	sys	300, %r20			! exit_group(failures)
	.endm

forked:
	forked_checks altmain
	.size	_start, . - _start

! the second thread
child:
	sys	186, 0, child_first		! what it starts with
	sys	186, ss_child, 0		! sigaltstack(altchild)
	check	%r8, 0
	put	ready, 1
	waitnz	fork_go, wait_fork_go
	sys	2				! fork
	{
	  cmpedb,0	%r8, 0, %pred1
	  nop	2
	}
	{
	  ibranch	forked_child ? %pred1
	}
	{
	  addd,0	0, %r8, %r19
	}
	sys	114, %r19, fork_status, 0, 0	! wait4
	put	fork_done, 1
	waitnz	done, wait_done
	sys	1, 0				! exit (this thread)
forked_child:
	forked_checks altchild

	.type	handler, @function
handler:
	{
	  setwd	wsz=12, nfx=1
	  getsp,0	0, %r5
	}
	sys	244				! gettid
	{
	  addd,0	0, main_tid, %r4
	}
	{
	  ldd,0	[ %r4 + 0 ], %r4
	  nop	3
	}
	{
	  cmpedb,0	%r8, %r4, %pred0
	  addd,1	0, 8, %r6			! slot 1
	  nop	2
	}
	{
	  addd,1	0, 0, %r6 ? %pred0		! slot 0: the main thread
	}
	{
	  addd,0	%r6, seen_sp, %r4
	}
	{
	  std,2	%r5, [ %r4 + 0 ]
	}
	{
	  shld,0	%r6, 1, %r4
	}
	{
	  addd,0	%r4, %r6, %r4			! slot * 24
	}
	{
	  addd,0	%r4, hoss, %r4
	}
	sys	186, 0, %r4			! sigaltstack(NULL, &hoss[slot])
	{
	  ldd,0	[ %r4 + 0 ], %r5
	  ldw,2	[ %r4 + 8 ], %r7
	  nop	3
	}
	{
	  addd,0	%r6, seen_ss, %r4
	}
	{
	  std,2	%r5, [ %r4 + 0 ]
	}
	{
	  addd,0	%r6, seen_flags, %r4
	}
	{
	  std,2	%r7, [ %r4 + 0 ]
	}
	! while go is 0, wait for the other thread's handler
	{
	  xord,0	%r6, 8, %r3			! the other slot
	}
.Lhwait:
	{
	  addd,0	0, go, %r4
	  addd,1	%r3, seen_sp, %r5
	}
	{
	  ldd,0	[ %r4 + 0 ], %r4
	  ldd,2	[ %r5 + 0 ], %r5
	  nop	3
	}
	{
	  ord,0	%r4, %r5, %r4
	}
	{
	  cmpedb,0	%r4, 0, %pred0
	  nop	2
	}
	{
	  ibranch	.Lhdone ? ~%pred0
	}
	sys	158				! sched_yield
	{
	  ibranch	.Lhwait
	}
.Lhdone:
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
ss_main:
	.quad	altmain, 0, ALT
ss_child:
	.quad	altchild, 0, ALT
act:
	.quad	handler, 0x08000004, 0, 0	! SA_SIGINFO | SA_ONSTACK
main_tid:
	.quad	0
ready:
	.quad	0
go:
	.quad	0
done:
	.quad	0
fork_go:
	.quad	0
fork_done:
	.quad	0
status:
	.quad	0xffffffff			! wait4 writes 4 bytes
fork_status:
	.quad	0xffffffff
seen_sp:
	.quad	0, 0
seen_ss:
	.quad	0, 0
seen_flags:
	.quad	0xff, 0xff
child_first:
	.quad	-1, 0xff, 0xff
oss:
	.quad	0, 0xff, 0
hoss:
	.quad	0, 0xff, 0, 0, 0xff, 0
ctid:
	.word	0
msg:
	.ascii	"thread-altstack: ok\n"
	msg_len = . - msg
	.bss
	.align	16
stack:
	.skip	STACK
altmain:
	.skip	ALT
altchild:
	.skip	ALT
