! robust.S -- a thread that exits holding a robust futex releases it the
! way the kernel does (linux-user/thread.c walks the guest's list): the
! thread registers a robust list (set_robust_list) whose one entry's
! futex word holds its tid, then exits without unlocking while the main
! thread waits on the word (FUTEX_WAITERS set).  The main thread is
! woken, and the word is FUTEX_OWNER_DIED | FUTEX_WAITERS with no owner.
! get_robust_list reads the thread's list from the main thread, and the
! main thread's own (none).
! expect-exit: 0
! expect-stdout: thread-robust: ok

	.include "../sig/sig.inc"
	.include "../lib/report.inc"

	STACK = 0x4000
	CLONE_FLAGS = 0x3d0f00		! VM FS FILES SIGHAND THREAD SYSVSEM
					! SETTLS PARENT_SETTID CHILD_CLEARTID

	.macro	waitnz addr, label
\label:
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
	sys	365, %r18, got_head, got_len	! get_robust_list(child)
	check	%r8, 0
	ldcheck	got_head, rhead
	ldcheck	got_len, 24
	sys	365, 0, got_head, got_len	! get_robust_list(self): none
	check	%r8, 0
	ldcheck	got_head, 0
	sys	366, rhead, 23			! a wrong size: EINVAL
	check	%r8, -22

	{					! mark a waiter, let the child go
	  addd,0	0, rword, %r15
	  ors,1	%r18, 0x80000000, %r19
	}
	{
	  stw,2	%r19, [ %r15 + 0 ]
	  addd,0	0, go, %r14
	  addd,1	0, 1, %r13
	}
	{
	  std,2	%r13, [ %r14 + 0 ]
	}
	sys	248, rword, 0, %r19, 0		! futex wait while the word stays
	{
	  cmpedb,0	%r8, 0, %pred2		! woken,
	  cmpedb,1	%r8, -11, %pred3	! or the word changed first
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred2
	}
	{
	  addd,0	%r20, -1, %r20 ? %pred3
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
	sys	248, ctid, 0, %r19, 0
	{
	  ibranch	join
	}
joined:
	{
	  addd,0	0, rword, %r15
	}
	{
	  ldw,0	[ %r15 + 0 ], %r19
	}
	{
	  nop	3
	}
	check	%r19, 0xc0000000		! OWNER_DIED | WAITERS, no tid
	report	%r20, msg, msg_len

child:
	sys	244				! gettid
	{
	  addd,0	0, rword, %r15
	}
	{
	  stw,2	%r8, [ %r15 + 0 ]		! "locked" by us
	}
	sys	366, rhead, 24			! set_robust_list
	check	%r8, 0
	{
	  addd,0	0, ready, %r15
	  addd,1	0, 1, %r14
	}
	{
	  std,2	%r14, [ %r15 + 0 ]
	}
	waitnz	go, wait_go
	sys	1, 0				! exit, still holding it
	.size	_start, . - _start

	.data
	.align	8
! struct robust_list_head: first entry, futex offset, pending op
rhead:
	.quad	rentry, rword - rentry, 0
! the one entry: its next pointer leads back to the head
rentry:
	.quad	rhead
rword:
	.word	0, 0
ready:
	.quad	0
go:
	.quad	0
got_head:
	.quad	0
got_len:
	.quad	0
ctid:
	.word	0
msg:
	.ascii	"thread-robust: ok\n"
	msg_len = . - msg
	.bss
	.align	16
stack:
	.skip	STACK
