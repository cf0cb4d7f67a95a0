! isa-gate.S -- an operation of a later ISA is SIGILL on an earlier
! CPU: pmullw (elbrus-v5) assembled for v5 and run on the e2s model (v3).
! The decoder only matches table rows valid on the CPU's ISA, so the
! operation is not recognised at all.
! expect-exit: 132
! qemu-args: -cpu e2s

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  addd,0	0, 3, %dr1
	  addd,1	0, 5, %dr2
	}
	{
	  pmullw,1	%dr1, %dr2, %dr3
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r8
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr1, wbs=4
	}
