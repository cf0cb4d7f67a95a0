! puttagqp.S (v5) -- puttagqp gives a 128-bit %qpr a tag of 8 bits,
! bits 3:0 for its lower 64 bits and 7:4 for its upper ones.  A packed
! operation on a %qpr whose upper half is diagnostic is SIGILL
! ILL_ILLOPN like one whose lower half is; with tag 0 it is a number.
! Source: OpenE2K/qemu-e2k (E2K_TAG_MASK_128, puttagqp's operands).
! expect-exit: 0
! expect-stdout: tags-puttagqp: ok

	.include "tags.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=28, nfx=1
	  addd,0	0, 0, %r20			! failures
	  addd,1	0, 0x11, %dr10			! upper half
	  addd,2	0, 0x22, %dr11			! lower half
	  addd,3	0, 0x50, %dr3
	  addd,4	0, 0x05, %dr2
	  addd,5	0, 0, %dr1
	}
	{
	  qppackdl,0	%dr10, %dr11, %qpr4
	}
	catch	4
	{
	  puttagqp,0	%qpr4, %r1, %qpr6		! twin: a number
	}
	{
	  qpand,0	%qpr6, %qpr6, %qpr8
	}
	{
	  addd,0	%dr8, 0, %dr21
	}
	check	%r21, 0x22
	{
	  puttagqp,0	%qpr4, %r3, %qpr6		! upper half diagnostic
	}
	{
	  gettagd,2	%dr6, %r21			! the lower half's tag
	  addd,0	0, 0, %dr8
	}
	check	%r21, 0
	resume_at hi_done
hi_at:
	{
	  qpand,0	%qpr6, %qpr6, %qpr8
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
hi_done:
	faulted	0, 4, 2, hi_at
	check	%r8, 0
	{
	  puttagqp,0	%qpr4, %r2, %qpr6		! lower half diagnostic
	}
	{
	  gettagd,2	%dr6, %r21
	}
	check	%r21, 5
	resume_at lo_done
lo_at:
	{
	  qpand,0	%qpr6, %qpr6, %qpr8
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
lo_done:
	faulted	1, 4, 2, lo_at
	check	%r8, 0
	report	%r20, msg, msg_len
	.size	_start, . - _start

	fault_handler
	fault_data
msg:
	.ascii	"tags-puttagqp: ok\n"
	msg_len = . - msg
