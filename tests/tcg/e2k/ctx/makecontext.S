! makecontext.S -- a function started by makecontext on its own stack
! gets its ten arguments (eight in %r0..%r7, all of them at the bottom
! of its frame, which is the top of the context's stack) and returns
! through uc_link into the swapcontext that started it, which returns 0;
! a second function, started with setcontext and no uc_link, ends the
! program with status 0 when it returns.  Also the errors: a sigset size
! other than 8 (EINVAL), a context nobody made (ESRCH), freecontext of
! a context twice (0, then ENOENT).
! expect-exit: 0
! expect-stdout: ctx-makecontext: ok

	.include "../sig/sig.inc"
	.include "../lib/report.inc"

	STACK = 0x4000

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
	  addd,0	0, uc1, %r15
	  addd,1	0, main_uc, %r16
	}
	{
	  addd,0	0, stack1, %r17
	  addd,1	0, STACK, %r18
	}
	{
	  std,2	%r16, [ %r15 + 8 ]		! uc_link
	  std,5	%r17, [ %r15 + 16 ]		! ss_sp
	}
	{
	  std,2	%r18, [ %r15 + 32 ]		! ss_size
	}
	sys	370, uc1, sum10, 80, args, 4	! sigset size 4
	check	%r8, -22
	sys	370, uc1, sum10, 80, args, 8
	check	%r8, 0
	{
	  disp	%ctpr2, swapcontext
	  addd,0	0, main_uc, %r40
	  addd,1	0, uc1, %r41
	}
	{
	  call	%ctpr2, wbs=20
	}
	check	%r40, 0
	check	%r30, 0x3030
	ldcheck	result, 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10
	ldcheck	wsum, 1*1 + 2*2 + 3*3 + 4*4 + 5*5 + 6*6 + 7*7 + 8*8 + 9*9 + 10*10
	ldcheck	fsp, stack1 + STACK - 80
	! a context nobody made: its key (uc_mcontext.sbr) is 0
	{
	  disp	%ctpr2, swapcontext
	  addd,0	0, main_uc, %r40
	  addd,1	0, nobody, %r41
	}
	{
	  call	%ctpr2, wbs=20
	}
	check	%r40, -3
	sys	372, uc1				! freecontext
	check	%r8, 0
	sys	372, uc1
	check	%r8, -2
	! the last one: no uc_link
	{
	  addd,0	0, fails, %r15
	  addd,1	0, uc2, %r16
	}
	{
	  std,2	%r20, [ %r15 + 0 ]
	}
	{
	  addd,0	0, stack2, %r17
	  addd,1	0, STACK, %r18
	}
	{
	  std,2	%r17, [ %r16 + 16 ]
	  std,5	%r18, [ %r16 + 32 ]
	}
	sys	370, uc2, last, 0, 0, 8
	check	%r8, 0
	{
	  addd,0	0, fails, %r15
	}
	{
	  std,2	%r20, [ %r15 + 0 ]
	  disp	%ctpr2, setcontext
	  addd,0	0, uc2, %r40
	}
	{
	  call	%ctpr2, wbs=20
	}
	! not reached
	{
	  addd,0	%r20, 100, %r20
	}
	report	%r20, msg, 0
	.size	_start, . - _start

! sum10(a1..a10): the sum and the weighted sum of its arguments, the
! last two read from its frame; the first eight also compared with
! their copies in the frame.  Records its stack pointer.
	.type	sum10, @function
sum10:
	{
	  setwd	wsz=12, nfx=1
	  getsp,0	0, %r8
	}
	{
	  ldd,0	[ %r8 + 64 ], %r9
	  ldd,2	[ %r8 + 72 ], %r10
	  nop	2
	}
	{
	  addd,0	%r0, %r1, %r11
	  addd,1	%r2, %r3, %r12
	  addd,3	%r4, %r5, %r13
	  addd,4	%r6, %r7, %r14
	}
	{
	  addd,0	%r11, %r12, %r11
	  addd,1	%r13, %r14, %r13
	  addd,3	%r9, %r10, %r14
	}
	{
	  addd,0	%r11, %r13, %r11
	}
	{
	  addd,0	%r11, %r14, %r11
	  muld,1	%r1, 2, %r12
	  muld,3	%r2, 3, %r13
	  muld,4	%r3, 4, %r14
	}
	{
	  addd,0	%r0, %r12, %r12
	  addd,1	%r13, %r14, %r13
	  muld,3	%r4, 5, %r14
	  muld,4	%r5, 6, %r15
	}
	{
	  addd,0	%r12, %r13, %r12
	  addd,1	%r14, %r15, %r14
	  muld,3	%r6, 7, %r13
	  muld,4	%r7, 8, %r15
	}
	{
	  addd,0	%r12, %r14, %r12
	  addd,1	%r13, %r15, %r13
	  muld,3	%r9, 9, %r14
	  muld,4	%r10, 10, %r15
	}
	{
	  addd,0	%r12, %r13, %r12
	  addd,1	%r14, %r15, %r14
	}
	{
	  addd,0	%r12, %r14, %r12
	  ldd,2	[ %r8 + 56 ], %r15		! a8's copy
	  addd,1	0, result, %r16
	  nop	2
	}
	{
	  cmpedb,0	%r15, %r7, %pred0
	  nop	2
	}
	{
	  addd,0	0, 0, %r12 ? ~%pred0
	}
	{
	  std,2	%r11, [ %r16 + 0 ]
	  std,5	%r12, [ %r16 + 8 ]
	}
	{
	  std,2	%r8, [ %r16 + 16 ]
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	sum10, . - sum10

! last(): exit(fails) if any check failed, else print the message and
! return (no uc_link: the program ends with status 0)
	.type	last, @function
last:
	{
	  setwd	wsz=12, nfx=1
	  addd,0	0, fails, %r15
	}
	{
	  ldd,0	[ %r15 + 0 ], %r16
	  nop	2
	}
	{
	  cmpedb,0	%r16, 0, %pred0
	  nop	2
	}
	{
	  ibranch	.Lok ? %pred0
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r8
	  addd,1	0, %r16, %r9
	}
	{
	  call	%ctpr1, wbs=4
	}
.Lok:
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 4, %r8
	  addd,1	0, 1, %r9
	  addd,2	0, msg, %r10
	  addd,3	0, msg_len, %r11
	}
	{
	  call	%ctpr1, wbs=4
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
	.size	last, . - last

	.include "ctx.inc"

	.data
	.align	8
args:
	.quad	1, 2, 3, 4, 5, 6, 7, 8, 9, 10
result:
	.quad	0
wsum:
	.quad	0
fsp:
	.quad	0
fails:
	.quad	0
msg:
	.ascii	"ctx-makecontext: ok\n"
	msg_len = . - msg
	.align	16
main_uc:
	.fill	UC_SIZE, 1, 0
uc1:
	.fill	UC_SIZE, 1, 0
uc2:
	.fill	UC_SIZE, 1, 0
nobody:
	.fill	UC_SIZE, 1, 0
	.bss
	.align	16
stack1:
	.fill	STACK, 1, 0
stack2:
	.fill	STACK, 1, 0
