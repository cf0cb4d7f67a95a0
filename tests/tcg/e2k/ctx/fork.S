! fork.S -- fork in a coroutine: both processes go on in the coroutine
! and return from it through uc_link into the main program (each with
! its own copy of the contexts); the child exits with 42, the parent
! waits for it (status 42 << 8) and then swaps to a second coroutine.
! expect-exit: 0
! expect-stdout: ctx-fork: ok

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
	sys	370, co_uc, coro, 0, 0, 8
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
	{
	  addd,0	0, pid, %r15
	}
	{
	  ldd,0	[ %r15 + 0 ], %r21
	  nop	2
	}
	{
	  cmpedb,0	%r21, 0, %pred1
	  nop	2
	}
	{
	  ibranch	.Lparent ? ~%pred1
	}
	! the child: 42 when every check passed
	{
	  cmpedb,0	%r20, 0, %pred2
	  nop	2
	}
	{
	  addd,0	0, 42, %r20 ? %pred2
	}
	sys	1, %r20
.Lparent:
	{
	  cmpldb,0	%r21, 0, %pred2
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? %pred2		! fork failed
	}
	sys	114, %r21, status, 0, 0
	check	%r8, %r21
	ldcheck	status, 42 << 8
	! the parent's contexts still work: a second coroutine
	{
	  addd,0	0, co_uc, %r15
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

! coro: pid = fork(), return (into uc_link)
	.type	coro, @function
coro:
	{
	  setwd	wsz=12, nfx=1
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 2, %r8
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  addd,0	0, pid, %r4
	}
	{
	  std,2	%r8, [ %r4 + 0 ]
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	coro, . - coro

	.type	coro2, @function
coro2:
	{
	  setwd	wsz=12, nfx=1
	  addd,0	0, co2hits, %r4
	  addd,1	0, 1, %r5
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
pid:
	.quad	-1
status:
	.quad	0
co2hits:
	.quad	0
msg:
	.ascii	"ctx-fork: ok\n"
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
