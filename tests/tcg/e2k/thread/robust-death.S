! robust-death.S -- a process that dies of a signal releases the robust
! futexes its threads hold, as the kernel does for every exiting thread:
! a forked child takes a robust futex in memory it shares with its
! parent (MAP_SHARED), registers it with set_robust_list and kills
! itself with SIGTERM; the parent, after wait4 (status: killed by 15),
! finds the word FUTEX_OWNER_DIED with no owner.
! expect-exit: 0
! expect-stdout: thread-robust-death: ok

	.include "../sig/sig.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20
	}
	sys	90, 0, 4096, 3, 0x11, -1, 0	! mmap(shared, anonymous)
	{
	  addd,0	0, %r8, %r16		! the futex word
	}
	sys	2				! fork
	{
	  cmpedb,0	%r8, 0, %pred1
	  nop	2
	}
	{
	  ibranch	child ? %pred1
	}
	{
	  addd,0	0, %r8, %r17
	}
	sys	114, %r17, status, 0, 0		! wait4(child)
	check	%r8, %r17
	ldcheck	status, 15			! killed by SIGTERM
	{
	  ldw,0	[ %r16 + 0 ], %r18
	}
	{
	  nop	3
	}
	check	%r18, 0x40000000		! OWNER_DIED, no owner
	report	%r20, msg, msg_len

child:
	sys	244				! gettid: we hold the lock
	{
	  stw,2	%r8, [ %r16 + 0 ]
	  addd,0	0, rhead, %r15
	  subd,1	%r16, rentry, %r14
	}
	{
	  std,2	%r14, [ %r15 + 8 ]		! futex_offset
	}
	sys	366, rhead, 24			! set_robust_list
	sys	20
	sys	37, %r8, 15			! kill(getpid(), SIGTERM)
	sys	1, 99				! not reached
	.size	_start, . - _start

	.data
	.align	8
rhead:
	.quad	rentry, 0, 0
rentry:
	.quad	rhead
status:
	.quad	0
msg:
	.ascii	"thread-robust-death: ok\n"
	msg_len = . - msg
