! longjmp.S -- longjmp out of a coroutine: _start calls setjmp (saving
! %pcsp.lo as glibc's does) and swaps to a coroutine made by makecontext,
! which longjmps to that buffer; as under the kernel, the jump first
! switches back to the main program's stacks, then unwinds there: setjmp
! returns 5 in _start with its registers, stack pointer and chain stack,
! and the coroutine's context is free again (freecontext succeeds).
! expect-exit: 0
! expect-stdout: ctx-longjmp: ok

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
	  getsp,0	0, %r31
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
	sys	370, co_uc, coro, 0, 0, 8
	check	%r8, 0
	{
	  disp	%ctpr2, setjmp
	  addd,0	0, jbuf, %r40
	}
	{
	  call	%ctpr2, wbs=20
	}
	{
	  cmpedb,0	%r40, 0, %pred1
	  nop	2
	}
	{
	  ibranch	.Lback ? ~%pred1
	}
	{
	  disp	%ctpr2, swapcontext
	  addd,0	0, main_uc, %r40
	  addd,1	0, co_uc, %r41
	}
	{
	  call	%ctpr2, wbs=20
	}
	{
	  addd,0	%r20, 100, %r20			! not reached
	}
.Lback:
	check	%r40, 5
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
	{
	  rrd,0	%pcsp.lo, %r33
	  addd,1	0, jbuf, %r15
	  nop	2
	}
	{
	  ldd,0	[ %r15 + 0x18 ], %r34
	  nop	2
	}
	check	%r33, %r34
	sys	372, co_uc			! not busy any more
	check	%r8, 0
	report	%r20, msg, msg_len
	.size	_start, . - _start

! coro: longjmp(jbuf, 5)
	.type	coro, @function
coro:
	{
	  setwd	wsz=8, nfx=1
	  disp	%ctpr2, longjmp
	  addd,0	0, jbuf, %r4
	  addd,1	0, 5, %r5
	}
	{
	  call	%ctpr2, wbs=2
	}
	.size	coro, . - coro

! int setjmp(jmp_buf *buf), filled the way glibc fills it
	.type	setjmp, @function
setjmp:
	{
	  setwd	wsz=4, nfx=1
	  rrd,0	%cr0.hi, %r3
	  addd,1	0, 0, %r2
	}
	{
	  std,2	%r3, [ %r0 + 8 ]		! ip
	  rrd,0	%pcsp.lo, %r3
	}
	{
	  std,2	%r3, [ %r0 + 0x18 ]
	  rrd,0	%pcsp.hi, %r3
	}
	{
	  std,2	%r3, [ %r0 + 0x20 ]
	  rrd,0	%pcshtp, %r3
	}
	{
	  stw,2	%r3, [ %r0 + 0x28 ]
	  rrd,0	%wd, %r3
	}
	{
	  std,2	%r3, [ %r0 + 0x38 ]		! (psize in the high half)
	  rrd,0	%cr1.lo, %r3
	}
	{
	  std,2	%r3, [ %r0 + 0x10 ]
	  rrd,0	%cr1.hi, %r3
	}
	{
	  stw,2	%r3, [ %r0 + 0x2c ]		! br (low 28 bits)
	  rrd,0	%usd.lo, %r3
	}
	{
	  std,2	%r3, [ %r0 + 0x30 ]
	  stw,5	%r2, [ %r0 + 0x38 ]
	  return	%ctpr3
	}
	{
	  addd,0	0, 0, %r0
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	setjmp, . - setjmp

! void longjmp(jmp_buf *buf, long val): e2k_longjmp2, then return
	.type	longjmp, @function
longjmp:
	{
	  setwd	wsz=8, nfx=1
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 230, %r8
	  addd,1	0, %r0, %r9
	  addd,2	0, %r1, %r10
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  addd,0	0, %r8, %r0
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	longjmp, . - longjmp

	.include "ctx.inc"

	.data
	.align	8
jbuf:
	.fill	80, 1, 0
msg:
	.ascii	"ctx-longjmp: ok\n"
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
