! signal.S -- a signal in a coroutine, and each context's signal mask:
! the main program blocks SIGUSR2 and swaps to a coroutine made by
! makecontext, which runs with the mask makecontext gave it (empty);
! there it sends itself SIGUSR1, whose handler runs on the coroutine's
! stack and returns into it with its registers intact; back in the main
! program (through uc_link) SIGUSR2 is blocked again.
! expect-exit: 0
! expect-stdout: ctx-signal: ok

	.include "../sig/sig.inc"
	.include "../lib/report.inc"

	STACK = 0x8000

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,1	0, 0, %r20
	  addd,2	0, 0x3030, %r30
	}
	sys	174, 10, act, 0, 8		! SIGUSR1 handler
	check	%r8, 0
	sys	175, 0, set_usr2, 0, 8		! block SIGUSR2
	check	%r8, 0
	{
	  addd,0	0, co_uc, %r15
	  addd,1	0, main_uc, %r16
	}
	{
	  addd,0	0, co_stack, %r17
	  addd,1	0, STACK, %r18
	}
	{
	  std,2	%r16, [ %r15 + 8 ]
	  std,5	%r17, [ %r15 + 16 ]
	}
	{
	  std,2	%r18, [ %r15 + 32 ]
	}
	sys	370, co_uc, coroutine, 0, 0, 8
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
	check	%r30, 0x3030
	sys	175, 0, 0, cur, 8
	ldcheck	cur, 0x800			! SIGUSR2 blocked again
	ldcheck	comask, 0			! the coroutine's mask
	ldcheck	hits, 1
	ldcheck	coregs, 0x7777
	{
	  addd,0	0, hsp, %r15
	}
	{
	  ldd,0	[ %r15 + 0 ], %r15
	  nop	2
	}
	{
	  subd,0	%r15, co_stack, %r15
	}
	{
	  cmpbdb,0	%r15, STACK, %pred0	! the handler's stack
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred0
	}
	report	%r20, msg, msg_len
	.size	_start, . - _start

! coroutine(): records its mask, kill(getpid(), SIGUSR1), records a
! register it set before, returns (into uc_link)
	.type	coroutine, @function
coroutine:
	{
	  setwd	wsz=12, nfx=1
	  addd,0	0, 0x7777, %r5
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 175, %r8
	  addd,1	0, 0, %r9
	  addd,2	0, 0, %r10
	  addd,3	0, comask, %r11
	}
	{
	  addd,0	0, 8, %r12
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 20, %r8			! getpid
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,1	0, %r8, %r9
	  addd,0	0, 37, %r8			! kill(pid, SIGUSR1)
	  addd,2	0, 10, %r10
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  addd,0	0, coregs, %r8
	}
	{
	  std,2	%r5, [ %r8 + 0 ]
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	coroutine, . - coroutine

	.type	handler, @function
handler:
	{
	  setwd	wsz=8, nfx=1
	  getsp,0	0, %r4
	  addd,1	0, hsp, %r5
	}
	{
	  std,2	%r4, [ %r5 + 0 ]
	  ldd,0	[ %r5 + 8 ], %r6		! hits
	  nop	2
	}
	{
	  addd,0	%r6, 1, %r6
	}
	{
	  std,2	%r6, [ %r5 + 8 ]
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	handler, . - handler

	.include "ctx.inc"

	.data
	.align	8
act:
	.quad	handler, 4, 0, 0
set_usr2:
	.quad	0x800
cur:
	.quad	0xff
comask:
	.quad	0xff
coregs:
	.quad	0
hsp:
	.quad	0
hits:
	.quad	0
msg:
	.ascii	"ctx-signal: ok\n"
	msg_len = . - msg
	.align	16
main_uc:
	.fill	UC_SIZE, 1, 0
co_uc:
	.fill	UC_SIZE, 1, 0
	.bss
	.align	16
co_stack:
	.fill	STACK, 1, 0
