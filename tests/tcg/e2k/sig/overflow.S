! overflow.S -- a runaway recursion exhausts the user stack; the fault
! (SIGSEGV at the first address below the stack) is handled on the
! alternate stack (SA_ONSTACK: the normal stack has no room left for a
! frame), and the handler siglongjmps back to _start, where the chain
! stack is back at _start's depth and the stack pointer at its value.
! expect-exit: 0
! expect-stdout: sig-overflow: ok

	.include "sig.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,1	0, 0, %r20
	  getsp,0	0, %r31
	}
	sys	186, ss, 0			! sigaltstack(&ss, NULL)
	check	%r8, 0
	sys	174, 11, act, 0, 8		! SIGSEGV, SA_ONSTACK
	check	%r8, 0
	{
	  disp	%ctpr2, setjmp
	}
	{
	  addd,0	0, jbuf, %r40
	  call	%ctpr2, wbs=20
	}
	{
	  cmpedb,0	%r40, 0, %pred1
	  disp	%ctpr2, recurse
	  nop	2
	}
	{
	  call	%ctpr2, wbs=20 ? %pred1		! never returns
	}
	check	%r40, 11
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
	ldcheck	seen_onstack, 1
	ldcheck	depth_ok, 1
	report	%r20, msg, msg_len
	.size	_start, . - _start

! recurse(): take 4 KiB of stack, touch it, count the depth, again
	.type	recurse, @function
recurse:
	{
	  setwd	wsz=4, nfx=1
	  getsp,0	_f32s 0xfffff000, %r0
	  addd,1	0, depth, %r1
	}
	{
	  std,2	%r1, [ %r0 + 0 ]
	  ldd,0	[ %r1 + 0 ], %r2
	  nop	3
	}
	{
	  addd,0	%r2, 1, %r2
	  disp	%ctpr2, recurse
	}
	{
	  std,2	%r2, [ %r1 + 0 ]
	}
	{
	  call	%ctpr2, wbs=2
	}
	.size	recurse, . - recurse

! handler: on the alternate stack?  Then siglongjmp(jbuf, sig).
	.type	handler, @function
handler:
	{
	  setwd	wsz=12, nfx=1
	  getsp,0	0, %r5
	  addd,1	0, depth, %r6
	}
	{
	  cmpbedb,0	%r5, altbuf, %pred1		! sp <= base: bad
	  cmpbedb,1	%r5, altbuf+16384, %pred2	! sp <= top: good
	  ldd,2	[ %r6 + 0 ], %r7
	  nop	3
	}
	{
	  cmpbdb,0	%r7, 100, %pred3		! at least 100 deep
	  addd,1	0, 1, %r8
	  addd,2	0, 0, %r9
	  nop	2
	}
	{
	  addd,1	0, 0, %r8 ? %pred1
	}
	{
	  addd,1	0, 0, %r8 ? ~%pred2
	  addd,2	0, 1, %r9 ? ~%pred3
	}
	{
	  std,2	%r8, [ %r6 + 8 ]		! seen_onstack
	  std,5	%r9, [ %r6 + 16 ]		! depth_ok
	}
	{
	  disp	%ctpr2, longjmp
	  addd,0	0, jbuf, %r16
	  addd,1	0, %r0, %r17
	}
	{
	  call	%ctpr2, wbs=8
	}
	.size	handler, . - handler

	.type	setjmp, @function
setjmp:
	{
	  setwd	wsz=4, nfx=1
	  rrd,0	%cr0.hi, %r3
	}
	{
	  std,2	%r3, [ %r0 + 8 ]
	  rrd,0	%pcsp.hi, %r3
	}
	{
	  std,2	%r3, [ %r0 + 32 ]
	  rrd,0	%pcshtp, %r3
	}
	{
	  stw,2	%r3, [ %r0 + 40 ]
	  rrd,0	%wd, %r3
	}
	{
	  std,2	%r3, [ %r0 + 56 ]
	  rrd,0	%cr1.lo, %r3
	}
	{
	  std,2	%r3, [ %r0 + 16 ]
	  rrd,0	%cr1.hi, %r3
	}
	{
	  stw,2	%r3, [ %r0 + 44 ]
	  rrd,0	%usd.lo, %r3
	}
	{
	  std,2	%r3, [ %r0 + 48 ]
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

	.type	longjmp, @function
longjmp:
	{
	  setwd	wsz=8, nfx=1
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 230, %r8			! e2k_longjmp2
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

	.data
	.align	8
ss:
	.quad	altbuf, 0, 16384
act:
	.quad	handler, 0x08000004, 0, 0	! SA_SIGINFO | SA_ONSTACK
depth:
	.quad	0
seen_onstack:
	.quad	0
depth_ok:
	.quad	0
jbuf:
	.fill	80, 1, 0
msg:
	.ascii	"sig-overflow: ok\n"
	msg_len = . - msg
	.align	16
altbuf:
	.fill	16384, 1, 0
