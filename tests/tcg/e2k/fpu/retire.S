! retire.S -- a program that keeps an exception unmasked fails the PFPFR
! guard of inline SSE at every FP wide instruction; after 10000 such
! failures qemu-e2k retranslates everything with the FP helpers (and
! says so under -d unimp).  The results stay exact throughout.
! qemu-args: -d unimp
! expect-exit: 0
! expect-stdout: fpu retire: ok
! expect-stderr: e2k: 10000 FP mode guard failures: inline SSE off, all code retranslated

	.macro	check reg, val
	{
	  cmpedb,0	\reg, _f64 \val, %pred0
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred0
	}
	.endm

	.include "../lib/report.inc"

	.text
	.global _start
_start:
	{
	  setwd	wsz=16, nfx=1
	  addd,0	0, 0, %dr20
	}
	{
	  rws,0	0x1f00, %pfpfr			! invalid unmasked
	}
	{
	  disp	%ctpr1, .Lloop
	  addd,0	0, 0, %dr1			! sum = 0.0
	  addd,1	0, 30000, %dr3
	}
	{
	  addd,0	0, _f64 0x3ff0000000000000, %dr2	! 1.0
	}
.Lloop:
	{
	  faddd,0	%dr1, %dr2, %dr1
	  subd,1	%dr3, 1, %dr3
	}
	{
	  cmpedb,0	%dr3, 0, %pred0
	}
	{
	  ct	%ctpr1 ? ~%pred0
	}
	check	%dr1, 0x40dd4c0000000000	! 30000.0
	{
	  rws,0	0x1f80, %pfpfr
	}
	{
	  addd,0	0, _f64 0x4008000000000000, %dr4	! 3.0
	}
	{
	  fdivd,5	%dr2, %dr4, %dr5
	  nop	7
	}
	check	%dr5, 0x3fd5555555555555
	{
	  rrs,0	%pfpfr, %r6
	  nop	4
	}
	check	%dr6, 0x1fa0

	report	%dr20, msg, msg_len

	.section .rodata
msg:
	.ascii	"fpu retire: ok\n"
	msg_len = . - msg
