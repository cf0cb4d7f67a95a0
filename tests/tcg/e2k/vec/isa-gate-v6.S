! isa-gate-v6.S -- a packed operation elbrus-v6 adds (qpfmas) run on the
! e8c2 model (v5): SIGILL.
! expect-exit: 132
! qemu-args: -cpu e8c2

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	}
	{
	  qpfmas,0	%qpr1, %qpr2, %qpr3, %qpr4
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r8
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr1, wbs=4
	}
