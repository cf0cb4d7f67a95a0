! getset.S -- getcontext, then setcontext back into its frame: from two
! calls deeper (a long jump down the chain stack), twice, and then from
! the procedure that called getcontext; each time getcontext "returns" 0 again
! in _start with its registers, stack pointer and chain-stack depth,
! and the signal mask getcontext saw (SIGUSR1 blocked in between).
! expect-exit: 0
! expect-stdout: ctx-getset: ok

	.include "../sig/sig.inc"
	.include "../lib/report.inc"

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
	{
	  disp	%ctpr2, getcontext
	  addd,0	0, uc, %r40
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
	  rrd,0	%pcsp.hi, %r33
	  nop	2
	}
	{
	  shld,0	%r33, 32, %r33
	}
	{
	  shrd,0	%r33, 32, %r33
	}
	check	%r33, 0
	sys	175, 0, 0, cur, 8
	ldcheck	cur, 0
	! counter += 1; below 3: block SIGUSR1, deep(2) -> setcontext(uc)
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
	  cmpldb,0	%r16, 3, %pred1
	  nop	2
	}
	{
	  ibranch	.Lsame ? ~%pred1
	}
	sys	175, 0, set_usr1, 0, 8
	{
	  disp	%ctpr2, deep
	  addd,0	0, 2, %r40
	}
	{
	  call	%ctpr2, wbs=20
	}
	{
	  addd,0	%r20, 100, %r20			! not reached
	}
.Lsame:
	ldcheck	counter, 3
	! the same from _start itself
	{
	  disp	%ctpr2, getcontext
	  addd,0	0, uc2, %r40
	}
	{
	  call	%ctpr2, wbs=20
	}
	check	%r40, 0
	{
	  addd,0	0, counter2, %r15
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
	  cmpldb,0	%r16, 2, %pred1
	  nop	2
	}
	{
	  ibranch	.Ldone ? ~%pred1
	}
	{
	  disp	%ctpr2, setcontext
	  addd,0	0, uc2, %r40
	}
	{
	  call	%ctpr2, wbs=20
	}
	{
	  addd,0	%r20, 100, %r20			! not reached
	}
.Ldone:
	ldcheck	counter2, 2
	check	%r30, 0x3030
	{
	  getsp,0	0, %r32
	}
	check	%r32, %r31
	report	%r20, msg, msg_len
	.size	_start, . - _start

! deep(n): n > 0: deep(n - 1) with some stack in use; n == 0:
! setcontext(uc)
	.type	deep, @function
deep:
	{
	  setwd	wsz=12, nfx=1
	  getsp,0	_f32s 0xffffff00, %r5
	  cmpedb,1	%r0, 0, %pred1
	  subd,3	%r0, 1, %r8
	}
	{
	  disp	%ctpr2, deep
	  nop	2
	}
	{
	  call	%ctpr2, wbs=4 ? ~%pred1
	}
	{
	  disp	%ctpr2, setcontext
	  addd,0	0, uc, %r8
	}
	{
	  call	%ctpr2, wbs=4
	}
	{
	  addd,0	0, 0xbad, %r0			! never returns here
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	deep, . - deep

	.include "ctx.inc"

	.data
	.align	8
counter:
	.quad	0
counter2:
	.quad	0
set_usr1:
	.quad	0x200
cur:
	.quad	0xff
msg:
	.ascii	"ctx-getset: ok\n"
	msg_len = . - msg
	.align	16
uc:
	.fill	UC_SIZE, 1, 0
uc2:
	.fill	UC_SIZE, 1, 0
