! first-puttag.S -- the first diagnostic value of the process made by
! puttagd (tag checks start there, the wide instruction is rerun with
! them): a puttagd of tag 0 changes nothing, one of tag 5 makes a value
! whose non-speculative use is SIGILL ILL_ILLOPN; a speculative use
! passes it on.
! expect-exit: 0
! expect-stdout: tags-first-puttag: ok

	.include "tags.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20			! failures
	  addd,1	0, 40, %r1
	  addd,2	0, 0, %r2
	  addd,3	0, 5, %r3
	  addd,4	0, 0x77, %r7
	}
	catch	4
	{
	  puttagd,2	%dr1, %r2, %dr4			! twin: tag 0
	}
	{
	  addd,0	%r4, 2, %r5
	  gettagd,2	%dr4, %r6
	}
	check	%r5, 42
	check	%r6, 0
	ldcheck	fault_count, 0
	{
	  puttagd,5	%dr1, %r3, %dr4			! tag 5: diagnostic
	}
	{
	  gettagd,2	%dr4, %r6
	  addd,0,sm	%r4, 2, %r8
	}
	{
	  gettagd,5	%dr8, %r9
	}
	check	%r6, 5
	check	%r9, 5
	resume_at add_done
add_at:
	{
	  addd,0	%r4, 2, %r7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
add_done:
	faulted	0, 4, 2, add_at
	check	%r7, 0x77
	report	%r20, msg, msg_len
	.size	_start, . - _start

	fault_handler
	fault_data
msg:
	.ascii	"tags-first-puttag: ok\n"
	msg_len = . - msg
