! longjmp.S -- e2k_longjmp2, the system call behind glibc's longjmp and
! siglongjmp.  setjmp (written like glibc's: rrd of %cr0.hi, %cr1.lo,
! %cr1.hi, %pcsp.hi, %pcshtp, %wd, %usd.lo into the jmp_buf) is called
! from _start; three calls deeper, longjmp(buf, 42) makes the system
! call and returns, which lands after the setjmp call in _start with 42
! as setjmp's result, _start's registers and stack pointer intact, and
! the chain stack back at _start's depth (a call and return still work).
! Then siglongjmp out of a SIGSEGV handler, with the mask saved by
! "sigsetjmp" (bit SIGKILL set as the marker) restored.
! expect-exit: 0
! expect-stdout: sig-longjmp: ok

	.include "sig.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,3	0, 0, %r20
	  addd,1	0, 0x3030, %r30
	  addd,2	0, 0x4545, %r19
	  getsp,0	0, %r31
	}
	{
	  addd,0	0, 0, %r21			! pass
	  disp	%ctpr2, setjmp
	}
	{
	  addd,0	0, jbuf, %r40			! setjmp's %r0
	  call	%ctpr2, wbs=20
	}
	! setjmp returns here twice: 0, then 42 from the long jump
	{
	  cmpedb,0	%r21, 0, %pred1
	  addd,1	%r21, 1, %r21
	  nop	2
	}
	{
	  disp	%ctpr2, deep
	}
	{
	  addd,0	0, 3, %r40 ? %pred1		! deep(3)
	  call	%ctpr2, wbs=20 ? %pred1
	}
	! only after the long jump
	check	%r21, 2
	check	%r40, 42
	check	%r30, 0x3030
	check	%r19, 0x4545
	{
	  getsp,0	0, %r32
	}
	check	%r32, %r31
	{
	  rrd,0	%pcsp.hi, %r33
	  nop	2
	}
	{
	  shld,0	%r33, 32, %r33			! PCSP.hi.ind: bits 31:0
	}
	{
	  shrd,0	%r33, 32, %r33
	}
	check	%r33, 0				! _start's depth
	{
	  disp	%ctpr2, leaf
	}
	{
	  call	%ctpr2, wbs=20
	}
	check	%r40, 7
	check	%r30, 0x3030

	! siglongjmp out of a SIGSEGV handler
	sys	174, 11, act, 0, 8
	{
	  disp	%ctpr2, setjmp
	}
	{
	  addd,0	0, jbuf2, %r40
	  call	%ctpr2, wbs=20
	}
	{
	  cmpedb,0	%r40, 0, %pred1
	  nop	2
	}
	{
	  disp	%ctpr2, .Lafter
	}
	{
	  ct	%ctpr2 ? ~%pred1
	}
	! first return: save mask 0 with the marker, block SIGUSR1, fault
	{
	  addd,0	0, jbuf2, %r15
	  addd,1	0, 0x100, %r16			! sigmask: marker only
	}
	{
	  std,2	%r16, [ %r15 + 0 ]
	}
	sys	175, 0, set_usr1, 0, 8		! block SIGUSR1
	{
	  addd,0	0, 0x1000, %r15
	}
	{
	  ldd,0	[ %r15 + 0 ], %r15		! SIGSEGV
	}
	{
	  addd,0	%r20, 100, %r20			! not reached
	}
.Lafter:
	check	%r40, 11			! the handler's longjmp value
	check	%r30, 0x3030
	sys	175, 0, 0, cur, 8
	ldcheck	cur, 0				! the mask saved in jbuf2
	{
	  rrd,0	%pcsp.hi, %r33
	  nop	2
	}
	{
	  shld,0	%r33, 32, %r33			! PCSP.hi.ind: bits 31:0
	}
	{
	  shrd,0	%r33, 32, %r33
	}
	check	%r33, 0
	report	%r20, msg, msg_len
	.size	_start, . - _start

! int setjmp(jmp_buf *buf), the way glibc fills the buffer
	.type	setjmp, @function
setjmp:
	{
	  setwd	wsz=4, nfx=1
	  rrd,0	%cr0.hi, %r3
	  addd,1	0, 0, %r2
	}
	{
	  std,2	%r3, [ %r0 + 8 ]		! ip
	  std,5	%r2, [ %r0 + 64 ]
	}
	{
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
	  std,2	%r3, [ %r0 + 56 ]		! (psize in the high half)
	  rrd,0	%cr1.lo, %r3
	}
	{
	  std,2	%r3, [ %r0 + 16 ]
	  rrd,0	%cr1.hi, %r3
	}
	{
	  stw,2	%r3, [ %r0 + 44 ]		! br (low 28 bits)
	  rrd,0	%usd.lo, %r3
	}
	{
	  std,2	%r3, [ %r0 + 48 ]
	  stw,5	%r2, [ %r0 + 56 ]
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

! void longjmp(jmp_buf *buf, long val): the system call, then return
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

! deep(n): n > 0: deep(n - 1) with some registers and stack in use;
! n == 0: longjmp(jbuf, 42)
	.type	deep, @function
deep:
	{
	  setwd	wsz=12, nfx=1
	  getsp,0	_f32s 0xffffff00, %r5		! 256 bytes of stack
	  cmpedb,1	%r0, 0, %pred1
	  subd,3	%r0, 1, %r8
	  addd,4	0, 0x6666, %r6
	}
	{
	  disp	%ctpr2, deep
	  nop	2
	}
	{
	  call	%ctpr2, wbs=4 ? ~%pred1
	}
	{
	  disp	%ctpr2, longjmp
	  addd,0	0, jbuf, %r8
	  addd,1	0, 42, %r9
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

	.type	leaf, @function
leaf:
	{
	  setwd	wsz=4, nfx=1
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

! SIGSEGV handler: longjmp(jbuf2, sig)
	.type	handler, @function
handler:
	{
	  setwd	wsz=8, nfx=1
	  disp	%ctpr2, longjmp
	  addd,0	0, jbuf2, %r4
	  addd,1	0, %r0, %r5
	}
	{
	  call	%ctpr2, wbs=2
	}
	.size	handler, . - handler

	.data
	.align	8
act:
	.quad	handler, 4, 0, 0
set_usr1:
	.quad	0x200
cur:
	.quad	0xff
jbuf:
	.fill	80, 1, 0
jbuf2:
	.fill	80, 1, 0
msg:
	.ascii	"sig-longjmp: ok\n"
	msg_len = . - msg
