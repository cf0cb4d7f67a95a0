! movtq.S -- movtq moves a %qr (two %dr registers, one per channel of
! the pair) with the tag of each half: a diagnostic lower half stays
! diagnostic, the number in the upper half stays a number.  An
! operation in ALS2 beside a movtq in ALS0+1 still runs.  The first
! channel must name the even register of each pair, the second the
! odd one: swapped, the wide instruction is SIGILL ILL_ILLOPC and
! writes nothing (OpenE2K/qemu-e2k, gen_qpair_check).
! expect-exit: 0
! expect-stdout: tags-movtq: ok

	.include "tags.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20			! failures
	  addd,1	0, 0x55, %dr1
	  addd,2	0, 0x66, %dr5
	  addd,3	0, 0, %dr6
	  addd,4	0, 0, %dr7
	}
	{
	  puttagd,2	%dr1, 5, %dr4			! diagnostic lower half
	}
	catch	4
	{
	  movtq,0	%qr4, %qr6
	  addd,2	0, 7, %dr10
	}
	{
	  gettagd,2	%dr6, %r11
	  gettagd,5	%dr7, %r12
	}
	check	%r11, 5
	check	%r12, 0
	check	%r7, 0x66
	check	%r10, 7
	{
	  movtd,0	%dr6, %dr13			! still diagnostic
	}
	{
	  gettagd,2	%dr13, %r11
	  addd,0	0, 0, %dr6
	  addd,1	0, 0, %dr7
	}
	check	%r11, 5
	resume_at bad_done
bad_at:
	! movtq,0 %qr4, %qr6 with the destinations of the two channels
	! swapped (%dr7 in ALS0, %dr6 in ALS1)
	.long	0x0c300012, 0x57c08487, 0x57c08586, 0x01c001c0
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
bad_done:
	faulted	0, 4, 1, bad_at
	check	%r6, 0
	check	%r7, 0
	report	%r20, msg, msg_len
	.size	_start, . - _start

	fault_handler
	fault_data
msg:
	.ascii	"tags-movtq: ok\n"
	msg_len = . - msg
