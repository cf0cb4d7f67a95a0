! counter.S -- guest threads: the main thread starts NTHREADS threads
! with clone (the flags glibc's pthread_create uses: shared memory,
! handlers and thread group, a TLS pointer, PARENT_SETTID and
! CHILD_CLEARTID), waits for a common start, adds 1 to a shared
! counter NINCR times with the
! e2k atomic sequence glibc uses (locking load, conditional store, retry
! on %MLOCK), then exits; the main thread waits for each thread's id
! word to be cleared (futex wait on it), then checks that the counter is
! exactly NTHREADS * NINCR and that every thread saw its own %g13.
! expect-exit: 0
! expect-stdout: thread-counter: ok

	.include "../lib/report.inc"

	NTHREADS = 8
	NINCR = 200000
	STACK = 0x4000
	CLONE_FLAGS = 0x3d0f00		! VM FS FILES SIGHAND THREAD SYSVSEM
					! SETTLS PARENT_SETTID CHILD_CLEARTID

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=32, nfx=1
	  addd,0	0, 0, %dr10		! thread index
	  addd,1	0, 0, %dr20		! failed checks
	}
spawn:
	{
	  shld,0	%dr10, 2, %dr11		! tids[i]
	  muld,1	%dr10, STACK, %dr12
	}
	{
	  addd,0	%dr11, tids, %dr11
	}
	{
	  addd,1	%dr12, stacks + STACK, %dr12	! top of stack i
	}
	{
	  addd,2	%dr10, 0x100, %dr13		! its TLS value
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 120, %r24		! clone(
	  addd,1	0, CLONE_FLAGS, %r25	!   flags,
	  addd,2	0, %dr12, %r26		!   stack top,
	  addd,3	0, %dr11, %r27		!   &tids[i] (parent),
	  addd,4	0, %dr11, %r28		!   &tids[i] (child),
	  addd,5	0, %dr13, %r29		!   tls)
	}
	{
	  call	%ctpr1, wbs=12
	}
	{
	  cmpedb,0	%dr24, 0, %pred0
	  cmpldb,1	%dr24, 0, %pred1
	}
	{
	  nop	2
	}
	{
	  ibranch	child ? %pred0
	}
	{
	  addd,0	%dr20, 1, %dr20 ? %pred1	! clone failed
	  addd,1	%dr10, 1, %dr10
	}
	{
	  cmpldb,0	%dr10, NTHREADS, %pred2
	  nop	2
	}
	{
	  ibranch	spawn ? %pred2
	}

	! all started: let them go at once, so they really contend
	{
	  addd,0	0, go, %dr18
	  addd,1	0, 1, %dr19
	}
	{
	  stw,2	%dr19, [ %dr18 + 0 ]
	}
	! join: wait until every tids[i] is 0
	{
	  addd,0	0, 0, %dr10
	}
join:
	{
	  shld,0	%dr10, 2, %dr11
	}
	{
	  addd,0	%dr11, tids, %dr11
	}
wait:
	{
	  ldw,0	%dr11, 0, %dr14
	  nop	2
	}
	{
	  cmpedb,0	%dr14, 0, %pred3
	  nop	2
	}
	{
	  ibranch	joined ? %pred3
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 248, %r24		! futex(
	  addd,1	0, %dr11, %r25		!   &tids[i],
	  addd,2	0, 0, %r26		!   FUTEX_WAIT,
	  addd,3	0, %dr14, %r27		!   the id we saw,
	  addd,4	0, 0, %r28		!   no timeout)
	}
	{
	  call	%ctpr1, wbs=12
	}
	{
	  ibranch	wait
	}
joined:
	{
	  addd,0	%dr10, 1, %dr10
	}
	{
	  cmpldb,0	%dr10, NTHREADS, %pred2
	  nop	2
	}
	{
	  ibranch	join ? %pred2
	}

	! the counter and the TLS checks
	{
	  addd,0	0, counter, %dr15
	}
	{
	  ldw,0	%dr15, 0, %dr16
	  ldw,3	%dr15, 4, %dr17			! bad TLS count
	  nop	2
	}
	{
	  cmpedb,0	%dr16, NTHREADS * NINCR, %pred4
	  cmpedb,1	%dr17, 0, %pred5
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred4
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred5
	}
	report	%dr20, msg, 19

! A new thread resumes here, in the window of the clone call, with
! %dr10 = its index.
child:
	{
	  addd,0	0, counter, %dr6
	}
	{
	  addd,1	0, NINCR, %dr8
	  addd,2	%dr10, 0x100, %dr13
	}
	{
	  cmpedb,0	%dg13, %dr13, %pred6	! our own thread pointer
	  nop	2
	}
	{
	  ibranch	incr ? %pred6
	}
	! a wrong %g13: count it (atomically enough: one thread at a time
	! is not guaranteed, so use the same lock sequence)
tlsbad:
	{
	  ldw,0	%dr6, 4, %dr5, mas=0x7
	  nop	2
	}
	{
	  adds,0	%r5, 1, %r7
	}
	{
	  stw,2	%r7, %dr6, 4, mas=0x2
	  ibranch	tlsbad ? %MLOCK
	}
	{
	  addd,0	0, go, %dr18
	}
start:
	{
	  ldw,0	%dr18, 0, %dr19
	  nop	2
	}
	{
	  cmpedb,0	%dr19, 0, %pred6
	  nop	2
	}
	{
	  ibranch	start ? %pred6
	}
incr:
	{
	  ldw,0	%dr6, 0, %dr5, mas=0x7
	  nop	2
	}
	{
	  adds,0	%r5, 1, %r7
	}
	{
	  stw,2	%r7, %dr6, 0, mas=0x2
	  ibranch	incr ? %MLOCK
	}
	{
	  subd,0	%dr8, 1, %dr8
	}
	{
	  cmpedb,0	%dr8, 0, %pred7
	  nop	2
	}
	{
	  ibranch	incr ? ~%pred7
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r24		! exit(0): this thread only
	  addd,1	0, 0, %r25
	}
	{
	  call	%ctpr1, wbs=12
	}

	.data
	.align	8
counter:
	.word	0, 0
go:
	.word	0
tids:
	.fill	NTHREADS, 4, 0
msg:
	.ascii	"thread-counter: ok\n"
	.bss
	.align	16
stacks:
	.skip	NTHREADS * STACK
