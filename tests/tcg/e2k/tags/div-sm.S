! div-sm.S -- integer division by zero: udivd,sm gives a diagnostic
! value (the first one of the process, so tag checks start there), the
! non-speculative form is SIGFPE FPE_INTDIV (1) with si_addr = the wide
! instruction, which writes nothing; a division by a non-zero number is
! a number either way.  sdivx,sm (32-bit divisor) the same.
! expect-exit: 0
! expect-stdout: tags-div-sm: ok

	.include "tags.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20			! failures
	  addd,1	0, 100, %r1
	  addd,2	0, 0, %r2
	  addd,3	0, 4, %r3
	  addd,4	0, 0x77, %r7
	}
	catch	8
	{
	  udivd,5,sm	%dr1, %dr3, %dr4		! twin: a number
	}
	{
	  gettagd,2	%dr4, %r6
	}
	check	%r4, 25
	check	%r6, 0
	{
	  udivd,5,sm	%dr1, %dr2, %dr4		! diagnostic
	}
	{
	  gettagd,2	%dr4, %r6
	}
	check	%r6, 5
	ldcheck	fault_count, 0
	resume_at div_done
div_at:
	{
	  udivd,5	%dr1, %dr2, %dr7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
div_done:
	faulted	0, 8, 1, div_at
	check	%r7, 0x77
	{
	  sdivx,5,sm	%dr1, %r2, %r8
	}
	{
	  gettags,2	%r8, %r6
	}
	check	%r6, 1
	report	%r20, msg, msg_len
	.size	_start, . - _start

	fault_handler
	fault_data
msg:
	.ascii	"tags-div-sm: ok\n"
	msg_len = . - msg
