! fp-sm-qp.S -- the 128-bit twin of fp-sm.S (elbrus-v5): with invalid
! operation unmasked, qpfaddd,sm of inf + -inf in both f64 lanes gives a
! diagnostic value in both halves (gettagd sees the lower half's tag,
! 5; tags/test-fp-sm.c checks the whole 0x55) and no flag; without ,sm
! it is SIGFPE
! FPE_FLTINV (7) at its wide instruction, which writes nothing.
! expect-exit: 0
! expect-stdout: tags-fp-sm-qp: ok

	.include "tags.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20			! failures
	  addd,1	0, _f64 0x7ff0000000000000, %dr21	! +inf
	}
	{
	  addd,2	0, _f64 0xfff0000000000000, %dr22	! -inf
	}
	{
	  qppackdl,0	%dr21, %dr21, %qpr1
	  qppackdl,1	%dr22, %dr22, %qpr2
	}
	{
	  qppackdl,0	%dr22, %dr22, %qpr3		! the sentinel
	}
	catch	8
	{
	  rws,0	0x1f00, %pfpfr			! invalid operation unmasked
	}
	{
	  qpfaddd,0,sm	%qpr1, %qpr2, %qpr4
	  nop	7
	}
	{
	  gettagd,2	%dr4, %r23
	  rrs,0	%pfpfr, %r24
	  nop	4
	}
	check	%r23, 5
	check	%r24, 0x1f00
	ldcheck	fault_count, 0
	resume_at q_done
q_at:
	{
	  qpfaddd,0	%qpr1, %qpr2, %qpr3
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
q_done:
	faulted	0, 8, 7, q_at
	{
	  qpswitchd,0	%qpr3, %qpr5		! the high half, low in %dr5
	  nop	2
	}
	check	%dr3, 0xfff0000000000000
	check	%dr5, 0xfff0000000000000
	{
	  rrs,0	%pfpfr, %r24
	  nop	4
	}
	check	%r24, 0x1f00
	report	%r20, msg, msg_len
	.size	_start, . - _start

	fault_handler
	fault_data
msg:
	.ascii	"tags-fp-sm-qp: ok\n"
	msg_len = . - msg
