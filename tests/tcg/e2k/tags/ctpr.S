! ctpr.S -- a diagnostic value written to a %ctpr (movtd keeps its tag):
! a transfer through it is exc_diag_instr_addr, SIGILL ILL_ILLADR (3)
! with si_addr = the transfer's wide instruction.  The twin: movtd of a
! number (a code address) to the %ctpr, and the transfer goes there.
! expect-exit: 0
! expect-stdout: tags-ctpr: ok

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
	  addd,2	0, twin_there, %r5
	}
	catch	4
	{
	  ldd,0,sm	[ %r1 + 0 ], %r3		! diagnostic
	  nop	3
	}
	{
	  movtd,0	%dr5, %ctpr1			! twin: a number
	}
	{
	  nop	3
	}
	{
	  ct	%ctpr1
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
twin_there:
	ldcheck	fault_count, 0
	resume_at ct_done
	{
	  movtd,0	%dr3, %ctpr2
	}
	{
	  nop	3
	}
ct_at:
	{
	  ct	%ctpr2
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
ct_done:
	faulted	0, 4, 3, ct_at
	report	%r20, msg, msg_len
	.size	_start, . - _start

	fault_handler
	fault_data
msg:
	.ascii	"tags-ctpr: ok\n"
	msg_len = . - msg
