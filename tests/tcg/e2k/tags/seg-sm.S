! seg-sm.S -- a speculative segment-relative load (always outside its
! segment in a 64-bit process, see mem/seg-load.S) is the first
! diagnostic value of the process: the wide instruction is rerun with
! the tag code and the result is diagnostic; its use is SIGILL
! ILL_ILLOPN.  The twin: the same load under a false predicate leaves
! its destination, a number, alone.
! expect-exit: 0
! expect-stdout: tags-seg-sm: ok

	.include "tags.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20			! failures
	  addd,1	0, msg, %r1			! a readable address
	}
	{
	  addd,2	0, 0x55, %r5
	  addd,3	0, 0x66, %r6
	  addd,4	0, 0x77, %r7
	}
	catch	4
	{
	  cmpedb,0	%r20, 1, %pred0			! false
	  nop	2
	}
	{
	  ldcsw,0,sm	%r1, 0, %r6 ? %pred0		! twin: not done
	}
	{
	  gettagd,2	%dr6, %r8
	}
	check	%r6, 0x66
	check	%r8, 0
	{
	  ldcsw,0,sm	%r1, 0, %r5			! diagnostic
	}
	{
	  gettagd,2	%dr5, %r8
	}
	check	%r8, 5
	resume_at add_done
add_at:
	{
	  addd,0	%r5, 1, %r7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
add_done:
	faulted	0, 4, 2, add_at
	check	%r7, 0x77
	{
	  addd,0	%r6, 1, %r7			! twin
	}
	check	%r7, 0x67
	report	%r20, msg, msg_len
	.size	_start, . - _start

	fault_handler
	fault_data
msg:
	.ascii	"tags-seg-sm: ok\n"
	msg_len = . - msg
