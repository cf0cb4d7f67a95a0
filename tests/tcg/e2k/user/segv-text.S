! segv-text.S -- a store into the program's own read-only text segment
! is a SIGSEGV (the page is mapped, so it is not a missing page).
! expect-exit: 139

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  addd,0	0, _start, %r1
	  addd,1	0, 7, %r2
	}
	{
	  std,2	%r2, [ %r1 + 0 ]
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 1, %r8		! exit(0): must not be reached
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start
