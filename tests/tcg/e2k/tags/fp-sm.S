! fp-sm.S -- an FP exception unmasked in PFPFR (FPCR for f80) under
! ,sm: the operation gives a diagnostic value (tag 5; 1 for a 32-bit
! result) instead of SIGFPE and leaves no flag at all (our rule, see
! docs/devel/e2k-fpu.md), while its twin without ,sm is SIGFPE with the
! exception's si_code at its wide instruction, which writes nothing.
! Cases: fdivd and fdivs by zero (ZE unmasked), fdivd 0/0 (IE
! unmasked), fxdivdd (f80 / f64) by zero, pfdivd by zero, and fdivd,sm
! by a diagnostic operand (whose value is 0).  A ,sm operation that
! raises only masked exceptions is a number and accrues its flags.
! expect-exit: 0
! expect-stdout: tags-fp-sm: ok

	.include "tags.inc"
	.include "../lib/report.inc"

	.macro	pfpfr_is val
	{
	  rrs,0	%pfpfr, %r23
	  nop	4
	}
	check	%r23, \val
	.endm

	.macro	tag_is reg, val
	{
	  gettagd,2	\reg, %r23
	}
	check	%r23, \val
	.endm

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20			! failures
	  addd,1	0, 0x10, %r1			! page 0 is never mapped
	  addd,2	0, 0x77, %r7
	  addd,3	0, _f64 0x3ff0000000000000, %dr2	! 1.0
	  addd,4	0, 0, %dr4				! +0.0
	}
	{
	  addd,0	0, 0x3f800000, %r5		! 1.0f
	  addd,1	0, 0, %r6			! +0.0f
	  addd,2	0, _f64 0x4008000000000000, %dr3	! 3.0
	}
	catch	4
	catch	8

	! ---- division by zero unmasked, flags clear
	{
	  rws,0	0x1d80, %pfpfr
	}
	{
	  fdivd,5,sm	%dr2, %dr4, %dr21		! the first diagnostic value
	}
	tag_is	%dr21, 5
	{
	  fdivs,5,sm	%r5, %r6, %r22
	}
	{
	  gettags,2	%r22, %r23
	}
	check	%r23, 1
	pfpfr_is 0x1d80					! no ZE, no other flag
	{
	  fdivd,5,sm	%dr2, %dr2, %dr21		! 1/1: a number
	}
	tag_is	%dr21, 0
	check	%dr21, 0x3ff0000000000000
	{
	  pfdivd,5,sm	%dr2, %dr4, %dr21
	}
	tag_is	%dr21, 5
	pfpfr_is 0x1d80
	{
	  ldd,0,sm	[ %r1 + 0 ], %dr24		! diagnostic, value 0
	  nop	3
	}
	{
	  fdivd,5,sm	%dr2, %dr24, %dr21		! no SIGILL, no SIGFPE
	}
	tag_is	%dr21, 5
	pfpfr_is 0x1d80
	ldcheck	fault_count, 0

	resume_at d_done
d_at:
	{
	  fdivd,5	%dr2, %dr4, %dr7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
d_done:
	faulted	0, 8, 3, d_at
	check	%r7, 0x77
	resume_at s_done
s_at:
	{
	  fdivs,5	%r5, %r6, %r7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
s_done:
	faulted	1, 8, 3, s_at
	check	%r7, 0x77
	resume_at p_done
p_at:
	{
	  pfdivd,5	%dr2, %dr4, %dr7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
p_done:
	faulted	2, 8, 3, p_at
	check	%r7, 0x77
	pfpfr_is 0x1d80

	! ---- invalid operation unmasked
	{
	  rws,0	0x1f00, %pfpfr
	}
	{
	  fdivd,5,sm	%dr4, %dr4, %dr21		! 0/0
	}
	tag_is	%dr21, 5
	pfpfr_is 0x1f00
	{
	  fdivd,5,sm	%dr2, %dr3, %dr21		! 1/3: inexact is masked
	}
	tag_is	%dr21, 0
	check	%dr21, 0x3fd5555555555555
	pfpfr_is 0x1f20
	resume_at i_done
i_at:
	{
	  fdivd,5	%dr4, %dr4, %dr7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
i_done:
	faulted	3, 8, 7, i_at
	check	%r7, 0x77
	pfpfr_is 0x1f20

	! ---- f80: division by zero unmasked in FPCR
	{
	  rws,0	0x1f80, %pfpfr
	}
	{
	  rws,0	0x33b, %fpcr
	}
	{
	  rws,0	0, %fpsr
	}
	{
	  fstofx,0	%r5, %dr26			! 1.0 as f80
	  nop	5
	}
	{
	  fxdivdd,5,sm	%dr26, %dr4, %dr21
	}
	tag_is	%dr21, 5
	{
	  rrs,0	%fpsr, %r23
	  nop	4
	}
	check	%r23, 0
	resume_at x_done
x_at:
	{
	  fxdivdd,5	%dr26, %dr4, %dr7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
x_done:
	faulted	4, 8, 3, x_at
	check	%r7, 0x77
	{
	  rws,0	0x33f, %fpcr
	}
	report	%r20, msg, msg_len
	.size	_start, . - _start

	fault_handler
	fault_data
msg:
	.ascii	"tags-fp-sm: ok\n"
	msg_len = . - msg
