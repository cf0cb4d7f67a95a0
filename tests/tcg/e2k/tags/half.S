! half.S -- a 32-bit operand is checked by its own half's tag: in a
! register whose upper half alone is diagnostic (puttagd 4: tag pair
! 01 in bits 3:2) a 32-bit read (%rN) finds a number, a 64-bit read
! (%drN) a diagnostic value.  With the lower half diagnostic (puttagd 1)
! both trap.  Each fault is SIGILL ILL_ILLOPN at the wide instruction,
! which changes nothing; each has a twin that must not fault.
! expect-exit: 0
! expect-stdout: tags-half: ok

	.include "tags.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20			! failures
	  addd,1	0, 0x1234, %r1
	  addd,2	0, 0x77, %r7
	  addd,3	0, scratch, %r2
	}
	catch	4
	{
	  puttagd,2	%dr1, 4, %dr3			! upper half diagnostic
	  puttagd,5	%dr1, 1, %dr5			! lower half diagnostic
	}
	{
	  gettagd,2	%dr3, %r4
	  gettagd,5	%dr5, %r6
	}
	check	%r4, 4
	check	%r6, 1

	! upper half only: 32-bit operations see a number
	{
	  adds,0	%r3, 1, %r7
	  stw,2	%r3, [ %r2 + 0 ]
	  cmpesb,1	%r3, 0x1234, %pred2
	}
	check	%r7, 0x1235
	ldcheck	scratch, 0x1234
	{
	  adds,0	0, 1, %r17 ? %pred2
	}
	check	%r17, 1
	{
	  adds,0,sm	%r3, 2, %r18			! a number, not passed on
	}
	{
	  gettagd,2	%dr18, %r4
	}
	check	%r4, 0
	check	%r18, 0x1236
	ldcheck	fault_count, 0

	! ... a 64-bit read of it traps
	resume_at add64_done
add64_at:
	{
	  addd,0	%dr3, 1, %dr7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
add64_done:
	faulted	0, 4, 2, add64_at
	check	%r7, 0x1235			! not written
	{
	  addd,0,sm	%dr3, 1, %dr19		! passed on
	}
	{
	  gettagd,2	%dr19, %r4
	}
	check	%r4, 5

	! ... so does a 64-bit store of it
	resume_at std_done
std_at:
	{
	  std,2	%dr3, [ %r2 + 8 ]
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
std_done:
	faulted	1, 4, 2, std_at
	ldcheck	scratch + 8, 0x5555

	! lower half diagnostic: a 32-bit read traps too
	resume_at add32_done
add32_at:
	{
	  adds,0	%r5, 1, %r7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
add32_done:
	faulted	2, 4, 2, add32_at
	check	%r7, 0x1235
	resume_at stw_done
stw_at:
	{
	  stw,2	%r5, [ %r2 + 8 ]
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
stw_done:
	faulted	3, 4, 2, stw_at
	ldcheck	scratch + 8, 0x5555
	{
	  adds,0,sm	%r5, 1, %r21			! passed on
	}
	{
	  gettagd,2	%dr21, %r4
	}
	check	%r4, 1
	ldcheck	fault_count, 4
	report	%r20, msg, msg_len
	.size	_start, . - _start

	fault_handler
msg:
	.ascii	"tags-half: ok\n"
	msg_len = . - msg
	fault_data
scratch:
	.quad	0, 0x5555
