! qp-v6.S -- the packed operations elbrus-v6 adds: fused multiply-add
! on %qpr lanes (qpfmas; qpfmass subtracts in the odd lanes), 128-bit
! compares into a predicate (any lane: *op, every lane: *ap), merges by
! a predicate (qpmrgp, pmrgp: src2 where it holds), the 64-bit
! arithmetic shift qpsrad and the constant extension qpcext.
! %dr20 counts failed checks.
! expect-exit: 0
! expect-stdout: vec qp-v6: ok

	.include "../lib/report.inc"

	.macro	qpset qpr, hi, lo
	{
	  addd,0	0, _f64 \hi, %dr10
	  addd,1	0, _f64 \lo, %dr11
	}
	{
	  qppackdl,0	%dr10, %dr11, \qpr
	}
	.endm

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

	! fails unless %pred2 is VALUE (0 or 1)
	.macro	predwant value
	{
	  addd,0	0, 0, %dr13
	}
	{
	  addd,0	0, 1, %dr13 ? %pred2
	}
	{
	  cmpedb,0	%dr13, \value, %pred0
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred0
	}
	.endm

	.text
	.global _start
_start:
	{
	  setwd	wsz=28, nfx=1
	  addd,0	0, 0, %dr20
	}
	! (1, 2, 3, 4) * (1, 2, 3, 4) + (1, 1, 1, 1): (2, 5, 10, 17)
	qpset	%qpr1, 0x4080000040400000, 0x400000003f800000
	qpset	%qpr2, 0x3f8000003f800000, 0x3f8000003f800000
	{
	  qpfmas,0	%qpr1, %qpr1, %qpr2, %qpr4
	  nop	7
	}
	qpwant	%qpr4, 0x4188000041200000, 0x40a0000040000000, %dr4
	! odd lanes subtract: (2, 3, 10, 15)
	{
	  qpfmass,0	%qpr1, %qpr1, %qpr2, %qpr4
	  nop	7
	}
	qpwant	%qpr4, 0x4170000041200000, 0x4040000040000000, %dr4
	! a byte equal only in the high half: "any" holds, "all" does not
	qpset	%qpr1, 0x00000000000000ff, 0x0101010101010101
	qpset	%qpr2, 0x11111111111111ff, 0x2222222222222222
	{
	  qpcmpeqbop,0	%qpr1, %qpr2, %pred2
	}
	predwant 1
	{
	  qpcmpeqbap,0	%qpr1, %qpr2, %pred2
	}
	predwant 0
	{
	  qpcmpeqbap,0	%qpr1, %qpr1, %pred2
	}
	predwant 1
	! qpmrgp: src2 where the condition holds (%pred3 true), else src1
	{
	  cmpedb,0	%dr20, %dr20, %pred3
	  cmpedb,1	%dr20, 1, %pred5
	  nop	2
	}
	{
	  qpmrgp,0	%qpr1, %qpr2, %qpr4, %pred3
	  nop	2
	}
	qpwant	%qpr4, 0x11111111111111ff, 0x2222222222222222, %dr4
	{
	  qpmrgp,1	%qpr1, %qpr2, %qpr4, %pred5
	  pmrgp,0	%dr10, %dr11, %dr5, %pred3
	  nop	2
	}
	qpwant	%qpr4, 0x00000000000000ff, 0x0101010101010101, %dr4
	{
	  cmpedb,0	%dr5, %dr11, %pred0
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred0
	}
	! qpsrad: both 64-bit lanes, arithmetic
	qpset	%qpr1, 0x8000000000000000, 0x4000000000000000
	{
	  addd,0	0, 62, %dr2
	}
	{
	  qpsrad,0	%qpr1, %dr2, %qpr4
	  nop	2
	}
	qpwant	%qpr4, 0xfffffffffffffffe, 0x0000000000000001, %dr4
	! qpcext_0x80: the source in the low half, bytes 0x80 above it
	{
	  addd,0	0, _f64 0x0123456789abcdef, %dr1
	}
	{
	  qpcext_0x80,0	%dr1, %qpr4
	  nop	2
	}
	qpwant	%qpr4, 0x8080808080808080, 0x0123456789abcdef, %dr4
	report	%dr20, msg, msg_len

	.section .rodata
msg:
	.ascii	"vec qp-v6: ok\n"
	msg_len = . - msg
