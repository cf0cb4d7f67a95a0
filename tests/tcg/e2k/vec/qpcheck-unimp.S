! qpcheck-unimp.S -- qpcheckd (v6) has an encoding in the public opcode
! tables but no public definition of what it computes, so it is decoded
! and raises SIGILL naming itself, never a guessed result.
! expect-exit: 132
! expect-stderr: qemu-e2k: unimplemented e2k operation 'qpcheckd' at 0x10088
! qemu-args: -cpu e16c

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	}
	{
	  qpcheckd,0	%dr1, %dr2, %dr3
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 0, %r8
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr1, wbs=4
	}
