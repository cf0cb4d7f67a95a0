! set-return.S -- fast system call 5, set_return(ip, 0), as the e2k
! kernel's fast_sys_set_return: the procedure that makes it returns to
! ip instead of to its caller; nothing else changes.
! - _start calls one: its return lands at `landed', past the bundle a
!   plain return would run (which counts a failure), in _start's window
!   with _start's registers and stack pointer, the call's result 0;
! - outer calls inner, inner redirects its own return to a spot inside
!   outer; outer's own return still goes back to _start (only the top
!   frame is rewritten);
! - afterwards a call and return work as before (the chain stack depth
!   is _start's again).
! expect-exit: 0
! expect-stdout: ctx-set-return: ok

	.include "../sig/sig.inc"
	.include "../lib/report.inc"

! fast NR, A1, A2: through entry 6, result in %r8
	.macro	fast nr, a1=0, a2=0
	{
	  sdisp	%ctpr1, 0x6
	  addd,0	0, \nr, %r8
	  addd,1	0, \a1, %r9
	  addd,2	0, \a2, %r10
	}
	{
	  call	%ctpr1, wbs=4
	}
	.endm

! count a failure in memory (any window)
	.macro	fail
	{
	  addd,0	0, bad, %r4
	}
	{
	  ldd,0	[ %r4 + 0 ], %r5
	  nop	3
	}
	{
	  addd,0	%r5, 1, %r5
	}
	{
	  std,2	%r5, [ %r4 + 0 ]
	}
	.endm

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,1	0, 0, %r20
	  addd,3	0, 0x5151, %r21
	  getsp,0	0, %r31
	}
	{
	  disp	%ctpr2, redirect
	}
	{
	  call	%ctpr2, wbs=12
	}
	! a plain return would land here
	{
	  addd,0	%r20, 1, %r20
	}
landed:
	check	%r21, 0x5151
	ldcheck	result, 0
	{
	  getsp,0	0, %r32
	}
	check	%r32, %r31
	{
	  disp	%ctpr2, outer
	}
	{
	  call	%ctpr2, wbs=12
	}
	! outer returns here, as usual
	ldcheck	outer_steps, 3
	{
	  rrd,0	%pcsp.hi, %r33
	  nop	2
	}
	{
	  shld,0	%r33, 32, %r33			! PCSP.hi.ind
	}
	{
	  shrd,0	%r33, 32, %r33
	}
	check	%r33, 0
	{
	  disp	%ctpr2, leaf
	}
	{
	  call	%ctpr2, wbs=16
	}
	check	%r32, 7
	ldcheck	bad, 0
	report	%r20, msg, msg_len
	.size	_start, . - _start

! redirect: set_return(landed), then an ordinary return
	.type	redirect, @function
redirect:
	{
	  setwd	wsz=12, nfx=1
	  getsp,0	-64, %r6			! a frame of its own
	}
	fast	5, landed, 0
	{
	  addd,0	0, result, %r4
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
	.size	redirect, . - redirect

! outer: steps 1 (before), 2 (where inner lands); a plain return from
! inner would count a failure
	.type	outer, @function
outer:
	{
	  setwd	wsz=12, nfx=1
	  addd,0	0, 1, %r3
	  addd,1	0, outer_steps, %r2
	}
	{
	  std,2	%r3, [ %r2 + 0 ]
	  disp	%ctpr2, inner
	}
	{
	  call	%ctpr2, wbs=8
	}
	fail
.Linner_back:
	{
	  addd,0	0, outer_steps, %r2
	}
	{
	  ldd,0	[ %r2 + 0 ], %r3
	  nop	3
	}
	{
	  addd,0	%r3, 2, %r3			! 1 -> 3
	}
	{
	  std,2	%r3, [ %r2 + 0 ]
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	outer, . - outer

	.type	inner, @function
inner:
	{
	  setwd	wsz=8, nfx=1
	}
	fast	5, .Linner_back, 0
	{
	  cmpedb,0	%r8, 0, %pred0
	  nop	2
	}
	{
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3 ? %pred0
	}
	fail
	{
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	inner, . - inner

	.type	leaf, @function
leaf:
	{
	  setwd	wsz=8, nfx=1
	  addd,0	0, 7, %r0
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	leaf, . - leaf

	.data
	.align	8
result:
	.quad	-1
outer_steps:
	.quad	0
bad:
	.quad	0
msg:
	.ascii	"ctx-set-return: ok\n"
	msg_len = . - msg
