! qp.S -- 128-bit packed operations on %qpr registers (elbrus-v5 and
! later): both halves of every source are read and both halves of the
! result written.  Integer lanes across the halves, a pack (src2's lanes
! give the low half), qpshufb (each half of the result from one source's
! 16 bytes), f32 lanes, the horizontal f32 add and a conversion.  The
! high half is read back through qpswitchd.  %dr20 counts failed checks.
! expect-exit: 0
! expect-stdout: vec qp: ok

	.include "../lib/report.inc"

	! qpset QPR, HI, LO: build a %qpr from two 64-bit constants
	.macro	qpset qpr, hi, lo
	{
	  addd,0	0, _f64 \hi, %dr10
	  addd,1	0, _f64 \lo, %dr11
	}
	{
	  qppackdl,0	%dr10, %dr11, \qpr
	}
	.endm

	! qpwant QPR, HI, LO: count a failure unless QPR holds HI:LO
	.macro	qpwant qpr, hi, lo, lo64
	{
	  qpswitchd,0	\qpr, %qpr12
	  nop	2
	}
	{
	  cmpedb,0	\lo64, _f64 \lo, %pred0
	  cmpedb,1	%dr12, _f64 \hi, %pred1
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred0
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred1
	}
	.endm

	.text
	.global _start
_start:
	{
	  setwd	wsz=28, nfx=1
	  addd,0	0, 0, %dr20
	}
	! qpaddw: four 32-bit lanes, wrapping
	qpset	%qpr1, 0x0000000100000002, 0x7fffffffffffffff
	qpset	%qpr2, 0x0000000300000004, 0x0000000100000001
	{
	  qpaddw,0	%qpr1, %qpr2, %qpr4
	  nop	2
	}
	qpwant	%qpr4, 0x0000000400000006, 0x8000000000000000, %dr4
	! qpacksshb: src2's halfwords saturated to the low 8 bytes
	qpset	%qpr1, 0x80000000ffffffff, 0x80000000ffffffff
	qpset	%qpr2, 0x0000000000000001, 0x8000800080008000
	{
	  qpacksshb,1	%qpr1, %qpr2, %qpr4
	  nop	2
	}
	qpwant	%qpr4, 0x8000ffff8000ffff, 0x0000000180808080, %dr4
	! qpshufb: control bytes 0x3x invert and bit-reverse the byte
	qpset	%qpr3, 0x0706050403020100, 0x2322212030313233
	{
	  qpshufb,0	%qpr1, %qpr2, %qpr3, %qpr4
	  nop	2
	}
	qpwant	%qpr4, 0x80000000ffffffff, 0x01000100fffefffe, %dr4
	! qpfadds: (1, 2, 3, 4) + (1, 2, 3, 4)
	qpset	%qpr1, 0x4080000040400000, 0x400000003f800000
	{
	  qpfadds,0	%qpr1, %qpr1, %qpr4
	  nop	7
	}
	qpwant	%qpr4, 0x4100000040c00000, 0x4080000040000000, %dr4
	! qpfhadds: low = (1 + 2, 3 + 4) of src1, high the same of src2
	{
	  qpfhadds,0	%qpr1, %qpr1, %qpr4
	  nop	7
	}
	qpwant	%qpr4, 0x40e0000040400000, 0x40e0000040400000, %dr4
	! qpfstofd: the two f32 lanes of a 64-bit source as two f64
	{
	  addd,0	0, _f64 0xbf8000003fc00000, %dr1
	}
	{
	  qpfstofd,0	%dr1, %qpr4
	  nop	7
	}
	qpwant	%qpr4, 0xbff0000000000000, 0x3ff8000000000000, %dr4
	report	%dr20, msg, msg_len

	.section .rodata
msg:
	.ascii	"vec qp: ok\n"
	msg_len = . - msg
