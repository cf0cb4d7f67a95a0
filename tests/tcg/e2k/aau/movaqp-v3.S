! movaqp-v3.S -- the assembler accepts movaqp before elbrus-v5 (into a
! 64-bit register), but no public source says what it does there: it is
! SIGILL with the unimplemented-operation report, never a guess.
! expect-exit: 132
! expect-stderr: qemu-e2k: unimplemented e2k operation 'movaqp' at 0x10088

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %dr1
	}
	{
	  movaqp,0	area=0, ind=0, %dr12
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
