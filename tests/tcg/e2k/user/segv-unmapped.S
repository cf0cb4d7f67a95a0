! segv-unmapped.S -- a store to an unmapped page: the host fault in
! translated code becomes the guest's SIGSEGV, which kills it like Linux.
! expect-exit: 139

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  addd,0	0, 0x1000, %r1
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
