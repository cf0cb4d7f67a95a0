! bgrpred.S -- a PLS that uses %bgrpred: what it computes (from BGR) is not
! public, so the wide instruction is illegal (SIGILL) rather than guessed.
! expect-exit: 132
! expect-stdout: before
! qemu-args: -d unimp
! expect-stderr: e2k: 0x100c0: %spred, %bgrpred and %rndpred are not supported

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  sdisp	%ctpr1, 0x3
	}
	{
	  addd,0	0, 4, %r8
	  addd,1	0, 1, %r9
	  addd,2	0, msg, %r10
	  addd,3	0, msg_len, %r11
	}
	{
	  call	%ctpr1, wbs=4
	}
	! { pass %bgrpred, @p0; pass %pred0, @p1; andp @p0, @p1, @p4;
	!   pass @p4, %pred1 } (ELP 0x40, which our assembler, like the
	! reference one, does not write)
	.long	0x00040000, 0x40600061
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 4, %r8
	  addd,1	0, 1, %r9
	  addd,2	0, bad, %r10
	  addd,3	0, bad_len, %r11
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r8
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr1, wbs=4
	}
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"before\n"
	msg_len = . - msg
bad:
	.ascii	"not reached\n"
	bad_len = . - bad
