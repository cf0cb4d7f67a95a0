! sigfpe.S -- an unmasked FP exception raises SIGFPE: with every
! exception masked 1/0 gives +inf and sets ZE; after rws unmasks ZE
! (PFPFR.zm, bit 9), the same division kills the program with SIGFPE
! before anything of its wide instruction commits.
! expect-exit: 136
! expect-stdout: masked: ok

	.text
	.global _start
_start:
	{
	  setwd	wsz=8, nfx=1
	  addd,0	0, _f64 0x3ff0000000000000, %dr1	! 1.0
	  addd,1	0, 0, %dr2				! +0.0
	  sdisp	%ctpr1, 0x3
	}
	{
	  rws,0	0x1f80, %pfpfr
	}
	{
	  fdivd,5	%dr1, %dr2, %dr3
	  nop	7
	}
	{
	  rrs,0	%pfpfr, %r4
	  nop	4
	}
	{
	  cmpedb,0	%dr3, _f64 0x7ff0000000000000, %pred0
	  cmpedb,1	%dr4, 0x1f84, %pred1
	  nop	2
	}
	{
	  addd,0	0, 4, %r8
	  addd,1	0, 1, %r9
	  addd,2	0, msg, %r10
	  addd,3	0, msg_len, %r11
	}
	{
	  addd,3	0, 0, %r11 ? ~%pred0
	}
	{
	  addd,3	0, 0, %r11 ? ~%pred1
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  rws,0	0x1d80, %pfpfr
	}
	{
	  fdivd,5	%dr1, %dr2, %dr3
	  nop	7
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 1, %r8
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr2, wbs=4
	}

	.section .rodata
msg:
	.ascii	"masked: ok\n"
	msg_len = . - msg
