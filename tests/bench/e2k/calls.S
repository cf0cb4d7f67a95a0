! calls: deep recursive calls, the twin of calls.c: fib(35) the naive
! way, every call with its own register window.  Exit status: the low
! byte of the result.

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=4, nfx=1
	  disp	%ctpr1, fib
	  addd,0	0, 35, %dr4
	}
	{
	  call	%ctpr1, wbs=2
	}
	{
	  setwd	wsz=8, nfx=1
	  sdisp	%ctpr2, 0x3
	}
	{
	  addd,0	0, 1, %dr8
	  addd,1	%dr4, 0, %dr9
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start

! uint64_t fib(uint64_t n): n in %dr0, result in %dr0
	.type	fib, @function
fib:
	{
	  setwd	wsz=4, nfx=1
	  return	%ctpr3
	}
	{
	  cmpbdb,0	%dr0, 2, %pred0		! n < 2: fib(n) = n
	  subd,1	%dr0, 1, %dr4			! callee's n
	  disp	%ctpr1, fib
	}
	{
	  ct	%ctpr3 ? %pred0
	}
	{
	  call	%ctpr1, wbs=2
	}
	{
	  addd,0	%dr4, 0, %dr2			! fib(n - 1)
	  subd,1	%dr0, 2, %dr4
	  disp	%ctpr1, fib
	}
	{
	  call	%ctpr1, wbs=2
	}
	{
	  addd,0	%dr2, %dr4, %dr0
	  return	%ctpr3
	}
	{
	  ct	%ctpr3
	}
	.size	fib, . - fib
