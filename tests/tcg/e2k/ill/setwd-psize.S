! setwd-psize.S -- a callee may not shrink its window below the parameter
! area its caller passed (caller's window minus wbs): the hardware raises
! an illegal-operation exception, which Linux delivers as SIGILL.
! expect-exit: 132
! expect-stdout:

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1		! 16 registers
	  disp	%ctpr1, callee
	}
	{
	  call	%ctpr1, wbs=2		! the callee inherits 12 of them
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 1, %r8
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start

	.type	callee, @function
callee:
	{
	  setwd	wsz=4, nfx=1		! 8 < 12: illegal
	  return	%ctpr3
	}
	{
	  ct	%ctpr3
	}
	.size	callee, . - callee
