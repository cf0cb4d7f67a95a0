! pingpong.S -- swapcontext between the main program and a coroutine
! made by makecontext on its own stack: the main program swaps to it
! 5000 times, the coroutine swaps back 4999 times and then returns,
! which resumes the main program through uc_link: 10^4 switches.  Each
! side adds 1 to a counter before each switch (exactly 9999 at the end);
! every swapcontext returns 0, each side's registers and stack pointer
! are its own after every switch, and the coroutine runs on its stack.
! expect-exit: 0
! expect-stdout: ctx-pingpong: ok

	.include "../sig/sig.inc"
	.include "../lib/report.inc"

	N = 4999
	STACK = 0x10000

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,1	0, 0, %r20
	  addd,2	0, 0x3030, %r30
	  getsp,0	0, %r31
	}
	! co_uc: uc_link = &main_uc, uc_stack = { co_stack, STACK }
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
	sys	370, co_uc, coroutine, 8, co_args, 8	! makecontext
	check	%r8, 0
	{
	  addd,0	0, N + 1, %r21
	}
.Lloop:
	{
	  addd,0	0, counter, %r15
	}
	{
	  ldd,0	[ %r15 + 0 ], %r16
	  nop	2
	}
	{
	  addd,0	%r16, 1, %r16
	}
	{
	  std,2	%r16, [ %r15 + 0 ]
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
	  getsp,0	0, %r32
	}
	check	%r32, %r31
	{
	  subd,0	%r21, 1, %r21
	}
	{
	  cmpedb,0	%r21, 0, %pred1
	  nop	2
	}
	{
	  ibranch	.Lloop ? ~%pred1
	}
	ldcheck	counter, 2 * N + 1
	ldcheck	cofail, 0
	ldcheck	codone, 1
	report	%r20, msg, msg_len
	.size	_start, . - _start

! coroutine(n): n times: counter += 1, swapcontext(co_uc, main_uc);
! then return (into uc_link).  Failed checks go to cofail.
	.type	coroutine, @function
coroutine:
	{
	  setwd	wsz=12, nfx=1
	  addd,3	0, 0x7777, %r5
	  addd,1	0, %r0, %r6
	  addd,2	0, 0, %r4
	}
	{
	  getsp,0	0, %r7
	}
	{
	  subd,0	%r7, co_stack, %r7
	}
	{
	  cmpbdb,0	%r7, STACK, %pred0
	  nop	2
	}
	{
	  addd,0	%r4, 1, %r4 ? ~%pred0		! not on its own stack
	}
.Lco_loop:
	{
	  cmpedb,0	%r6, 0, %pred0
	  nop	2
	}
	{
	  ibranch	.Lco_done ? %pred0
	}
	{
	  addd,0	0, counter, %r8
	}
	{
	  ldd,0	[ %r8 + 0 ], %r9
	  nop	2
	}
	{
	  addd,0	%r9, 1, %r9
	}
	{
	  std,2	%r9, [ %r8 + 0 ]
	  disp	%ctpr2, swapcontext
	  addd,0	0, co_uc, %r8
	  addd,1	0, main_uc, %r9
	}
	{
	  call	%ctpr2, wbs=4
	}
	{
	  cmpedb,0	%r8, 0, %pred1
	  cmpedb,1	%r5, 0x7777, %pred2
	  nop	2
	}
	{
	  addd,0	%r4, 1, %r4 ? ~%pred1
	}
	{
	  addd,0	%r4, 1, %r4 ? ~%pred2
	  subd,1	%r6, 1, %r6
	}
	{
	  ibranch	.Lco_loop
	}
.Lco_done:
	{
	  addd,0	0, cofail, %r8
	  addd,1	0, 1, %r9
	}
	{
	  std,2	%r4, [ %r8 + 0 ]
	  std,5	%r9, [ %r8 + 8 ]		! codone
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	coroutine, . - coroutine

	.include "ctx.inc"

	.data
	.align	8
co_args:
	.quad	N
counter:
	.quad	0
cofail:
	.quad	0
codone:
	.quad	0
cur:
	.quad	0
msg:
	.ascii	"ctx-pingpong: ok\n"
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
