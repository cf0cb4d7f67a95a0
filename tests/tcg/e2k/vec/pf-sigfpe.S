! pf-sigfpe.S -- an unmasked exception raised by one lane of a packed
! float operation: overflow unmasked in PFPFR, pfmuls overflows in its
! high lane only (the low lane is exact), and the program dies of
! SIGFPE at that wide instruction.
! expect-exit: 136

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	}
	{
	  addd,0	0, _f64 0x7f7fffff3f800000, %dr1
	  addd,1	0, _f64 0x400000003f800000, %dr2
	}
	{
	  rws,0	0x1f80 & ~0x400, %pfpfr
	}
	{
	  pfmuls,0	%dr1, %dr2, %dr3
	  nop	7
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r8
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr1, wbs=4
	}
