! isa-gate-qp.S -- a 128-bit packed operation (qpaddw, elbrus-v5) run
! on the e2s model (v3), which has no %qpr registers: SIGILL.
! expect-exit: 132
! qemu-args: -cpu e2s

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	}
	{
	  qpaddw,0	%qpr1, %qpr2, %qpr3
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r8
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr1, wbs=4
	}
