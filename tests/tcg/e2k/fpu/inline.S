! inline.S -- the inline SSE path and its guard on PFPFR: flags raised
! inline reach PFPFR across a system call (the TB run ends) and are
! dropped by a later rws; a rounding mode, flush-to-zero or an unmasked
! exception set by rws takes effect on the next wide instruction of the
! same TB (the guard sends it to the helpers) and the default mode
! brings the inline path back.  Expected values: IEEE double arithmetic
! (Python), MXCSR.FZ rules for flush-to-zero.
! expect-exit: 0
! expect-stdout: fpu inline: ok

	.macro	check reg, val
	{
	  cmpedb,0	\reg, _f64 \val, %pred0
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred0
	}
	.endm

	.macro	rdflags reg
	{
	  rrs,0	%pfpfr, \reg
	  nop	4
	}
	.endm

	.include "../lib/report.inc"

	.text
	.global _start
_start:
	{
	  setwd	wsz=16, nfx=1
	  addd,0	0, 0, %dr20
	}
	{
	  addd,0	0, _f64 0x3ff0000000000000, %dr1	! 1.0
	  addd,1	0, _f64 0x4008000000000000, %dr2	! 3.0
	}
	{
	  addd,0	0, _f64 0x0010000000000000, %dr5	! smallest normal
	  addd,1	0, _f64 0x3fe0000000000000, %dr6	! 0.5
	}
	! 1. inexact 1/3, then getpid: the flag is in PFPFR afterwards
	{
	  rws,0	0x1f80, %pfpfr
	}
	{
	  fdivd,5	%dr1, %dr2, %dr3
	  nop	7
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 20, %r24			! getpid
	  nop	2
	}
	{
	  call	%ctpr1, wbs=12
	}
	rdflags	%r4
	check	%dr4, 0x1fa0
	check	%dr3, 0x3fd5555555555555
	! 2. a flag raised before rws is overwritten by it
	{
	  fdivd,5	%dr1, %dr2, %dr3
	  nop	7
	}
	{
	  rws,0	0x1f80, %pfpfr
	}
	rdflags	%r4
	check	%dr4, 0x1f80
	! 3. round up, then nearest again, in one TB
	{
	  rws,0	0x5f80, %pfpfr
	}
	{
	  fdivd,5	%dr1, %dr2, %dr3
	  nop	7
	}
	check	%dr3, 0x3fd5555555555556
	{
	  rws,0	0x1f80, %pfpfr
	}
	{
	  fdivd,5	%dr1, %dr2, %dr3
	  nop	7
	}
	check	%dr3, 0x3fd5555555555555
	! 3b. the same right after an inline operation (no label between:
	! the rws alone must make the next operation check PFPFR again)
	{
	  faddd,0	%dr1, %dr2, %dr7
	}
	{
	  rws,0	0x5f80, %pfpfr
	}
	{
	  fdivd,5	%dr1, %dr2, %dr3
	  nop	7
	}
	{
	  rws,0	0x1f80, %pfpfr
	}
	check	%dr3, 0x3fd5555555555556
	! 4. flush to zero: smallest normal * 0.5 gives +0 with UE and PE;
	! without it the exact denormal and no flag
	{
	  rws,0	0x9f80, %pfpfr
	}
	{
	  fmuld,0	%dr5, %dr6, %dr7
	  nop	5
	}
	rdflags	%r4
	check	%dr7, 0x0
	check	%dr4, 0x9fb0
	{
	  rws,0	0x1f80, %pfpfr
	}
	{
	  fmuld,0	%dr5, %dr6, %dr7
	  nop	5
	}
	rdflags	%r4
	check	%dr7, 0x0008000000000000
	check	%dr4, 0x1f80
	! 5. invalid unmasked: an operation that raises nothing runs as usual
	{
	  rws,0	0x1f00, %pfpfr
	}
	{
	  faddd,0	%dr1, %dr2, %dr7
	  fcmpltdb,1	%dr1, %dr2, %pred1
	  nop	5
	}
	{
	  rws,0	0x1f80, %pfpfr
	}
	check	%dr7, 0x4010000000000000
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred1
	}

	report	%dr20, msg, msg_len

	.section .rodata
msg:
	.ascii	"fpu inline: ok\n"
	msg_len = . - msg
