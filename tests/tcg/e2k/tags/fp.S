! fp.S -- an FP operation with a diagnostic operand is SIGILL
! ILL_ILLOPN (exc_diag_operand) at its wide instruction, even where the
! value would make the FP unit raise: with division by zero unmasked
! (PFPFR.zm clear), fdivd by a diagnostic divisor (whose value is 0) is
! SIGILL, not SIGFPE; its twin, fdivd by a plain 0, is SIGFPE
! FPE_FLTDIV (3).  Neither changes anything.
! expect-exit: 0
! expect-stdout: tags-fp: ok

	.include "tags.inc"
	.include "../lib/report.inc"

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
	catch	4
	catch	8
	{
	  ldd,0,sm	[ %r1 + 0 ], %dr3		! diagnostic, value 0
	  nop	3
	}
	{
	  rws,0	0x1d80, %pfpfr			! division by zero unmasked
	}
	resume_at diag_done
diag_at:
	{
	  fdivd,5	%dr2, %dr3, %dr7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
diag_done:
	faulted	0, 4, 2, diag_at
	check	%r7, 0x77
	resume_at zero_done
zero_at:
	{
	  fdivd,5	%dr2, %dr4, %dr7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
zero_done:
	faulted	1, 8, 3, zero_at
	check	%r7, 0x77
	{
	  rws,0	0x1f80, %pfpfr
	}
	{
	  fdivd,5	%dr2, %dr2, %dr7		! 1.0, no fault
	}
	check	%r7, 0x3ff0000000000000
	ldcheck	fault_count, 2
	report	%r20, msg, msg_len
	.size	_start, . - _start

	fault_handler
	fault_data
msg:
	.ascii	"tags-fp: ok\n"
	msg_len = . - msg
