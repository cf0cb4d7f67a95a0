! pfloat.S -- packed f32/f64 operations on 64-bit registers (elbrus-v2
! and later): two f32 lanes, each rounded in the current mode, the lane
! order of the horizontal and add-subtract forms (src1's lanes give the
! low result), a compare into lane masks, conversions, a combined form
! (src3 + src1 * src2), and the IEEE flags of the lanes gathered in
! PFPFR (one lane overflowing, the other invalid).
! %dr20 counts failed checks.
! expect-exit: 0
! expect-stdout: vec pfloat: ok

	.include "../lib/report.inc"

	! check OP CH A B WANT: "OP,CH A, B" must give WANT
	.macro	check op, ch, a, b, want
	{
	  addd,0	0, _f64 \a, %dr1
	  addd,1	0, _f64 \b, %dr2
	}
	{
	  \op,\ch	%dr1, %dr2, %dr3
	  nop	7
	}
	{
	  cmpedb,0	%dr3, _f64 \want, %pred0
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred0
	}
	.endm

	! check1 OP CH A WANT: one source
	.macro	check1 op, ch, a, want
	{
	  addd,0	0, _f64 \a, %dr1
	}
	{
	  \op,\ch	%dr1, %dr3
	  nop	7
	}
	{
	  cmpedb,0	%dr3, _f64 \want, %pred0
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
	! (2, 1) + (1, 1) = (3, 2), lanes high:low
	check	pfadds, 0, 0x400000003f800000, 0x3f8000003f800000, 0x4040000040000000
	check	pfsubs, 1, 0x400000003f800000, 0x3f8000003f800000, 0x3f80000000000000
	check	pfmuls, 3, 0x400000003f800000, 0x4040000040400000, 0x40c0000040400000
	! low = src1 low + high, high = src2 low + high
	check	pfhadds, 0, 0x400000003f800000, 0x3f80000040400000, 0x4080000040400000
	! low = a0 - b0, high = a1 + b1
	check	pfaddsubs, 0, 0x400000003f800000, 0x3f8000003f800000, 0x4040000000000000
	! lane masks: low 1 < 1 false, high 1 < 2 true
	check	pfcmplts, 0, 0x3f8000003f800000, 0x400000003f800000, 0xffffffff00000000
	check	pfmins, 0, 0xbf8000003f800000, 0x3f800000bf800000, 0xbf800000bf800000
	! one f64 lane
	check	pfaddd, 0, 0x3ff8000000000000, 0x3ff8000000000000, 0x4008000000000000
	! round to nearest even: 1.5 -> 2, -2.5 -> -2
	check1	pfstois, 0, 0xc02000003fc00000, 0xfffffffe00000002
	check1	pfstoistr, 0, 0xc02000003fc00000, 0xfffffffe00000001
	check1	pistofs, 0, 0xffffffff00000003, 0xbf80000040400000
	check1	pfstofd, 0, 0x000000003fc00000, 0x3ff8000000000000
	! src3 + src1 * src2, lane by lane
	{
	  addd,0	0, _f64 0x400000003f800000, %dr1
	  addd,1	0, _f64 0x4040000040000000, %dr2
	  addd,2	0, _f64 0x3f800000bf800000, %dr4
	}
	{
	  pfmul_adds,0	%dr1, %dr2, %dr4, %dr3
	  nop	7
	}
	{
	  cmpedb,0	%dr3, _f64 0x40e000003f800000, %pred0
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred0
	}
	! flags: max * 2 overflows in the high lane (OE | PE), 0 * inf is
	! invalid in the low one (IE, the default NaN)
	{
	  addd,0	0, _f64 0x7f7fffff00000000, %dr1
	  addd,1	0, _f64 0x400000007f800000, %dr2
	}
	{
	  rws,0	0x1f80, %pfpfr
	}
	{
	  pfmuls,0	%dr1, %dr2, %dr3
	  nop	7
	}
	{
	  rrs,0	%pfpfr, %r4
	  nop	4
	}
	{
	  cmpedb,0	%dr4, 0x1f80 + 0x29, %pred0
	  cmpedb,1	%dr3, _f64 0x7f800000ffc00000, %pred1
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred0
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred1
	}
	report	%dr20, msg, msg_len

	.section .rodata
msg:
	.ascii	"vec pfloat: ok\n"
	msg_len = . - msg
