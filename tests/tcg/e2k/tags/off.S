! off.S -- tags=off is honoured: what makes a diagnostic value with tags
! (a failed speculative load or division, an FP division by zero under
! ,sm with the exception unmasked, puttag) gives a plain number,
! gettag reads 0, and using the result faults nowhere.  The twin of
! ops.S, first-puttag.S and div-sm.S.
! qemu-args: -cpu ,tags=off
! expect-exit: 0
! expect-stdout: tags-off: ok

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
	  addd,2	0, 0, %r2
	  addd,3	0, 40, %r5
	}
	catch	4
	catch	8
	{
	  ldd,0,sm	[ %r1 + 0 ], %r3		! 0, a number
	  udivd,5,sm	%dr5, %dr2, %dr4		! 0, a number
	  nop	3
	}
	{
	  puttagd,2	%dr5, 5, %dr6			! no tag kept
	}
	{
	  gettagd,2	%dr3, %r7
	  gettagd,5	%dr6, %r8
	  addd,0	%r3, 1, %r9
	  addd,1	%r4, 2, %r10
	  addd,3	%r6, 2, %r11
	}
	check	%r7, 0
	check	%r8, 0
	check	%r9, 1
	check	%r10, 2
	check	%r11, 42
	{
	  rws,0	0x1d80, %pfpfr			! division by zero unmasked
	}
	{
	  addd,0	0, _f64 0x3ff0000000000000, %dr21	! 1.0
	  addd,1	0, 0, %dr22
	}
	{
	  fdivd,5,sm	%dr21, %dr22, %dr23		! 0, a number
	}
	{
	  gettagd,2	%dr23, %r24
	  addd,1	%r23, 3, %r25
	  rrs,0	%pfpfr, %r26
	  nop	4
	}
	check	%r24, 0
	check	%r25, 3
	check	%r26, 0x1d80				! no flag
	ldcheck	fault_count, 0
	report	%r20, msg, msg_len
	.size	_start, . - _start

	fault_handler
	fault_data
msg:
	.ascii	"tags-off: ok\n"
	msg_len = . - msg
