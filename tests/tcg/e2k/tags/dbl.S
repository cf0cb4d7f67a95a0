! dbl.S -- the tag a 32-bit result leaves in its 64-bit register: in a
! window set with dbl=1 a diagnostic 32-bit result makes the whole
! register diagnostic (gettagd 5), without dbl only its lower half
! (gettagd 1; the upper half is zero).  movts sets the lower half's tag
! only, in either mode; puttags' tag is kept as given without dbl.
! Source: OpenE2K/qemu-e2k (is_alop_affected_by_dbl).
! expect-exit: 0
! expect-stdout: tags-dbl: ok

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
	}
	{
	  sdivx,5,sm	%dr1, %r2, %r8			! diagnostic, 32-bit
	}
	{
	  movts,0	%r8, %r9
	  puttags,2	%r1, 2, %r10
	  adds,3	%r1, 1, %r11			! a number
	}
	{
	  gettagd,2	%dr8, %r5
	  gettagd,5	%dr9, %r6
	}
	{
	  gettagd,2	%dr10, %r7
	  gettagd,5	%dr11, %r12
	}
	check	%r5, 1
	check	%r6, 1
	check	%r7, 2
	check	%r12, 0
	{
	  setwd	wsz=24, nfx=1, dbl=1
	}
	{
	  sdivx,5,sm	%dr1, %r2, %r8
	}
	{
	  movts,0	%r8, %r9
	  puttags,2	%r1, 2, %r10
	  adds,3	%r1, 1, %r11
	}
	{
	  gettagd,2	%dr8, %r5
	  gettagd,5	%dr9, %r6
	}
	{
	  gettagd,2	%dr10, %r7
	  gettagd,5	%dr11, %r12
	}
	check	%r5, 5
	check	%r6, 1
	check	%r7, 5
	check	%r12, 0
	{
	  setwd	wsz=24, nfx=1, dbl=0
	}
	report	%r20, msg, msg_len
	.size	_start, . - _start

msg:
	.ascii	"tags-dbl: ok\n"
	msg_len = . - msg
