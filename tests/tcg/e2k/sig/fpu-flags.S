! fpu-flags.S -- a fault in translated code keeps the FP flags raised
! before it in the same run of translated code: 1/3 sets inexact (run
! inline by the host's SSE, which leaves the flag in the host MXCSR),
! the next wide instruction loads from an unmapped page; the SIGSEGV
! handler resumes elsewhere, and PFPFR read after the handler returns
! still has the inexact flag (0x20) and nothing else.
! expect-exit: 0
! expect-stdout: sig-fpu-flags: ok

	.include "sig.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20
	}
	sys	174, 11, act, 0, 8		! rt_sigaction(SIGSEGV, ...)
	check	%r8, 0
	{
	  addd,0	0, _f64 0x3ff0000000000000, %dr1	! 1.0
	  addd,1	0, _f64 0x4008000000000000, %dr2	! 3.0
	}
	{
	  addd,0	0, 0x1008, %r30
	}
	{
	  rws,0	0x1f80, %pfpfr			! no flags
	}
	{
	  fdivd,5	%dr1, %dr2, %dr3		! inexact
	}
	{
	  ldd,0	[ %r30 + 0 ], %r31		! unmapped: the handler skips it
	}
	{
	  addd,0	%r20, 100, %r20		! must not run
	}
recover:
	{
	  rrs,0	%pfpfr, %r4
	  nop	4
	}
	check	%r4, 0x1fa0
	ldcheck	count, 1
	report	%r20, msg, msg_len
	.size	_start, . - _start

! handler(sig, info, uc): count, then resume at recover.
	.type	handler, @function
handler:
	{
	  setwd	wsz=12, nfx=1
	  addd,0	0, count, %r4
	}
	{
	  ldd,0	[ %r4 + 0 ], %r5
	  addd,1	0, recover, %r16
	  nop	3
	}
	{
	  addd,1	%r5, 1, %r5
	}
	{
	  std,2	%r5, [ %r4 + 0 ]
	  std,5	%r16, [ %r2 + 48 ]		! uc_mcontext.cr0_hi
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
	.size	handler, . - handler

	.data
	.align	8
act:
	.quad	handler, 4, 0, 0		! SA_SIGINFO
count:
	.quad	0
msg:
	.ascii	"sig-fpu-flags: ok\n"
	msg_len = . - msg
