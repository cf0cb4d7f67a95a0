! bad-bundle.S -- an invalid wide instruction (reserved header bit 11
! set) is an illegal instruction for the guest (SIGILL), not a crash.
! expect-exit: 132
! expect-stdout:

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	}
	.long	0x00000800, 0
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 1, %r8
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start
