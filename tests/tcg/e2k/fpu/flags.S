! flags.S -- each IEEE exception sets its own sticky flag in PFPFR (all
! masked): for every case rws clears the flags, one operation runs, rrs
! reads PFPFR back.  Expected flags follow IEEE 754 and x86 (tininess
! after rounding: an exact tiny result raises no underflow).
! expect-exit: 0
! expect-stdout: fpu flags: ok

	! flagcase OP CH A B FLAGS: run "OP,CH A, B" with cleared flags,
	! check that PFPFR then holds 0x1f80 | FLAGS.
	.macro	flagcase op, ch, a, b, flags
	{
	  addd,0	0, _f64 \a, %dr1
	  addd,1	0, _f64 \b, %dr2
	}
	{
	  rws,0	0x1f80, %pfpfr
	}
	{
	  \op,\ch	%dr1, %dr2, %dr3
	  nop	7
	}
	{
	  rrs,0	%pfpfr, %r4
	  nop	4
	}
	{
	  cmpedb,0	%dr4, 0x1f80 + \flags, %pred0
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
	! IE: 0 / 0
	flagcase fdivd, 5, 0x0, 0x0, 0x01
	! DE (+ PE): smallest denormal + 1.0
	flagcase faddd, 0, 0x1, 0x3ff0000000000000, 0x22
	! ZE: 1 / 0
	flagcase fdivd, 5, 0x3ff0000000000000, 0x0, 0x04
	! OE (+ PE): largest normal * 2
	flagcase fmuld, 0, 0x7fefffffffffffff, 0x4000000000000000, 0x28
	! UE (+ PE): smallest normal * (0.5 + ulp), tiny and inexact
	flagcase fmuld, 0, 0x0010000000000000, 0x3fe0000000000001, 0x30
	! no UE: smallest normal * 0.5 is an exact denormal
	flagcase fmuld, 0, 0x0010000000000000, 0x3fe0000000000000, 0x00
	! PE: 1 / 3
	flagcase fdivd, 5, 0x3ff0000000000000, 0x4008000000000000, 0x20
	! none: 1.5 + 1.5
	flagcase faddd, 0, 0x3ff8000000000000, 0x3ff8000000000000, 0x00
	! IE: signaling NaN operand of a quiet compare
	flagcase fcmpeqd, 0, 0x7ff4000000000000, 0x3ff0000000000000, 0x01
	! no IE: quiet NaN operand of a quiet compare
	flagcase fcmpeqd, 0, 0x7ff8000000000000, 0x3ff0000000000000, 0x00
	! IE: quiet NaN operand of an ordered compare
	flagcase fcmpltd, 0, 0x7ff8000000000000, 0x3ff0000000000000, 0x01

	report	%dr20, msg, msg_len

	.section .rodata
msg:
	.ascii	"fpu flags: ok\n"
	msg_len = . - msg
