! thread.S -- contexts and threads: a second thread swaps to a context
! made by makecontext and ends (exit) while running on its stacks; the
! thread's own stacks go with it and the context is free again, so the
! main thread (after the join through CHILD_CLEARTID) can freecontext
! it, make a new one on the same user stack and swap to it.
! expect-exit: 0
! expect-stdout: ctx-thread: ok

	.include "../sig/sig.inc"
	.include "../lib/report.inc"

	STACK = 0x8000
	CLONE_FLAGS = 0x3d0f00		! VM FS FILES SIGHAND THREAD SYSVSEM
					! SETTLS PARENT_SETTID CHILD_CLEARTID

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,1	0, 0, %r20
	}
	{
	  addd,0	0, co_uc, %r15
	  addd,1	0, co_stack, %r17
	}
	{
	  addd,0	0, STACK, %r18
	}
	{
	  std,2	%r17, [ %r15 + 16 ]
	  std,5	%r18, [ %r15 + 32 ]
	}
	{
	  addd,0	0, t_stack + STACK, %r26	!   stack top,
	  addd,1	0, tid, %r27			!   &tid (parent),
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 120, %r24			! clone(
	  addd,1	0, CLONE_FLAGS, %r25		!   flags,
	  addd,4	0, tid, %r28			!   &tid (child),
	  addd,5	0, 0x100, %r29			!   tls)
	}
	{
	  call	%ctpr1, wbs=12
	}
	{
	  cmpedb,0	%r24, 0, %pred0
	  nop	2
	}
	{
	  ibranch	child ? %pred0
	}
	! join: wait until tid is 0
	{
	  addd,0	0, tid, %r11
	}
.Lwait:
	{
	  ldw,0	%r11, 0, %r14
	  nop	2
	}
	{
	  cmpedb,0	%r14, 0, %pred3
	  nop	2
	}
	{
	  ibranch	.Ljoined ? %pred3
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 248, %r24			! futex(&tid, FUTEX_WAIT, tid)
	  addd,1	0, %r11, %r25
	  addd,2	0, 0, %r26
	  addd,3	0, %r14, %r27
	  addd,4	0, 0, %r28
	}
	{
	  call	%ctpr1, wbs=12
	}
	{
	  ibranch	.Lwait
	}
.Ljoined:
	ldcheck	mk_ret, 0
	ldcheck	cohits, 1
	ldcheck	bad, 0
	sys	372, co_uc			! freecontext: not busy now
	check	%r8, 0
	{
	  addd,0	0, co_uc, %r15
	  addd,1	0, main_uc, %r16
	}
	{
	  std,2	%r16, [ %r15 + 8 ]		! uc_link
	}
	sys	370, co_uc, coro2, 0, 0, 8
	check	%r8, 0
	{
	  disp	%ctpr2, swapcontext
	  addd,0	0, main_uc, %r40
	  addd,1	0, co_uc, %r41
	}
	{
	  call	%ctpr2, wbs=20
	}
	check	%r40, 0
	ldcheck	co2hits, 1
	report	%r20, msg, msg_len
	.size	_start, . - _start

! The second thread, in the window of the clone call.
child:
	sys	370, co_uc, coro, 0, 0, 8
	{
	  addd,0	0, mk_ret, %r15
	}
	{
	  std,2	%r8, [ %r15 + 0 ]
	  disp	%ctpr2, swapcontext
	  addd,0	0, t_uc, %r40
	  addd,1	0, co_uc, %r41
	}
	{
	  call	%ctpr2, wbs=20
	}
	{
	  addd,0	0, bad, %r15			! not reached
	  addd,1	0, 1, %r16
	}
	{
	  std,2	%r16, [ %r15 + 0 ]
	}
	sys	1, 0

! coro: cohits += 1, then exit (the thread ends on this context)
	.type	coro, @function
coro:
	{
	  setwd	wsz=12, nfx=1
	  addd,0	0, cohits, %r4
	}
	{
	  ldd,0	[ %r4 + 0 ], %r5
	  nop	2
	}
	{
	  addd,0	%r5, 1, %r5
	}
	{
	  std,2	%r5, [ %r4 + 0 ]
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r8
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr1, wbs=4
	}
	.size	coro, . - coro

! coro2: co2hits += 1, return (to uc_link)
	.type	coro2, @function
coro2:
	{
	  setwd	wsz=12, nfx=1
	  addd,0	0, co2hits, %r4
	}
	{
	  ldd,0	[ %r4 + 0 ], %r5
	  nop	2
	}
	{
	  addd,0	%r5, 1, %r5
	}
	{
	  std,2	%r5, [ %r4 + 0 ]
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	coro2, . - coro2

	.include "ctx.inc"

	.data
	.align	8
tid:
	.quad	0
mk_ret:
	.quad	-1
cohits:
	.quad	0
co2hits:
	.quad	0
bad:
	.quad	0
msg:
	.ascii	"ctx-thread: ok\n"
	msg_len = . - msg
	.align	16
main_uc:
	.fill	UC_SIZE, 1, 0
t_uc:
	.fill	UC_SIZE, 1, 0
co_uc:
	.fill	UC_SIZE, 1, 0
	.bss
	.align	16
co_stack:
	.fill	STACK, 1, 0
t_stack:
	.fill	STACK, 1, 0
