! ill-aabf.S -- an aaurw of an AAU register we do not model (%aabf0) is
! SIGILL, not a silent no-op.
! expect-exit: 132

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  addd,0	0, 1, %dr1
	}
	{
	  aaurw,2	%r1, %aabf0
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r8		! exit(0): must not get here
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr1, wbs=4
	}
	.size	_start, . - _start
