! call-disp.S -- a call reads its %ctpr as it was at the start of the
! wide instruction: a disp to the same %ctpr in the call's own wide
! instruction prepares the next transfer, not this one.  The exit status
! is what the called function returned.
! expect-exit: 1
! expect-stdout:

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  disp	%ctpr1, one
	}
	{
	  call	%ctpr1, wbs=4
	  disp	%ctpr1, two
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,1	%r8, 0, %r9		! status = the result
	}
	{
	  addd,0	0, 1, %r8
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start

	.type	one, @function
one:
	{
	  return	%ctpr3
	  addd,0	0, 1, %r0
	}
	{
	  ct	%ctpr3
	}
	.size	one, . - one

	.type	two, @function
two:
	{
	  return	%ctpr3
	  addd,0	0, 2, %r0
	}
	{
	  ct	%ctpr3
	}
	.size	two, . - two
