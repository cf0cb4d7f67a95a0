! calls: deep recursive calls, the twin of calls.c: fib(35), every call
! with its own register window.  Exit status: the low byte of the result.

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

! uint64_t fib(uint64_t n): n in %dr0, result in %dr0.
!
! gcc -O2 compiles calls.c's fib(n - 1) + fib(n - 2) into one recursive
! call in a loop (the second call becomes an accumulator):
!     acc = 0; m = n; do { acc += fib(m - 1); m -= 2; } while (m > 1);
!     return acc + m;
! This function has the same shape, so both sides make the same number
! of calls (about 1.5 * fib(35)) and the ratio compares like with like.
	.type	fib, @function
fib:
	{
	  setwd	wsz=4, nfx=1
	  return	%ctpr3
	}
	{
	  cmpbdb,0	%dr0, 2, %pred0		! n < 2: fib(n) = n
	  addd,1	0, 0, %dr1			! acc
	  subd,2	%dr0, 1, %dr4			! callee's m - 1
	  disp	%ctpr1, fib
	}
	{
	  ct	%ctpr3 ? %pred0
	}
.Lloop:
	{
	  call	%ctpr1, wbs=2
	}
	{
	  addd,0	%dr1, %dr4, %dr1		! acc += fib(m - 1)
	  subd,1	%dr0, 2, %dr0			! m -= 2
	  cmpbedb,3	%dr0, 3, %pred0		! new m <= 1: done
	  subd,4	%dr0, 3, %dr4			! next callee's m - 1
	  disp	%ctpr1, fib
	}
	{
	  ibranch	.Lloop ? ~%pred0
	}
	{
	  addd,0	%dr1, %dr0, %dr0
	  return	%ctpr3
	}
	{
	  ct	%ctpr3
	}
	.size	fib, . - fib
