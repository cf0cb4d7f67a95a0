! arith.S -- scalar FP through the translator: operand routing and result
! write-back of each form (ALOPF1/2/7/11/12, f32 and f64, compare into a
! predicate and into a register, conversions, the two-step square root,
! movif/movfi), PFPFR: rws sets the rounding mode, rrs reads the sticky
! flags back, and combined multiply-add rounding twice.  Expected values
! computed with the host's IEEE double arithmetic (Python), not with our
! helpers.
! expect-exit: 0
! expect-stdout: fpu arith: ok

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
	  addd,0	0, _f64 0x3ff0000000000000, %dr1	! 1.0
	  addd,1	0, _f64 0x4008000000000000, %dr2	! 3.0
	}
	{
	  addd,0	0, _f64 0x4000000000000000, %dr5	! 2.0
	  addd,1	0, _f64 0xbffc000000000000, %dr11	! -1.75
	}
	! round to nearest, all masked, no flags
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
	check	%dr3, 0x3fd5555555555555
	check	%dr4, 0x1fa0			! PE set
	! round up: the last bit of 1/3 goes up
	{
	  rws,0	0x5f80, %pfpfr
	}
	{
	  fdivd,5	%dr1, %dr2, %dr3
	  nop	7
	}
	check	%dr3, 0x3fd5555555555556
	{
	  rws,0	0x1f80, %pfpfr
	}
	! f32 add (ALOPF1), f64 multiply
	{
	  addd,0	0, 0x3fc00000, %dr6		! 1.5f
	  addd,1	0, 0x40100000, %dr7		! 2.25f
	}
	{
	  fadds,0	%r6, %r7, %r8
	  fmuld,1	%dr2, %dr2, %dr9
	  nop	5
	}
	check	%dr8, 0x40700000
	check	%dr9, 0x4022000000000000
	! two-step square root of 2
	{
	  fsqrtid,5	%dr5, %dr10
	  nop	7
	}
	{
	  fsqrttd,5	%dr5, %dr10, %dr10
	  nop	7
	}
	check	%dr10, 0x3ff6a09e667f3bcd
	! conversions: truncating and current-mode f64 -> i32, i32 -> f64
	{
	  fdtoistr,0	%dr11, %r12
	  fdtois,1	%dr11, %r13
	  addd,4	0, 7, %dr14
	  nop	5
	}
	{
	  istofd,3	%r14, %dr14
	  nop	5
	}
	check	%dr12, 0xffffffff		! -1
	check	%dr13, 0xfffffffe		! -2
	check	%dr14, 0x401c000000000000	! 7.0
	! compares: into a predicate and into a register
	{
	  fcmpltdb,0	%dr1, %dr2, %pred1
	  fcmpltdb,1	%dr2, %dr1, %pred2
	  fcmpeqd,3	%dr1, %dr1, %dr15
	  fcmpeqs,4	%r6, %r7, %r16
	  nop	2
	}
	{
	  fcmplts,0	%r6, %r7, %r19
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred1
	  addd,1	%dr20, 1, %dr20 ? %pred2
	}
	check	%dr15, 0xffffffffffffffff
	check	%dr16, 0x0
	check	%dr19, 0xffffffff
	! movif/movfi: the sign/exponent half of an f80 register
	{
	  movif,0	%dr1, 0x3fff, %dr17
	  nop	2
	}
	{
	  movfi,0	%dr17, %r18
	  nop	2
	}
	check	%dr18, 0x3fff
	check	%dr17, 0x3ff0000000000000
	! Combined multiply-add rounds twice: (1 + 2^-30)^2 = 1 + 2^-29 +
	! 2^-60 rounds to 1 + 2^-29 before src3 = -(1 + 2^-29) is added, so
	! fmul_addd gives +0 (a fused one would give 2^-60); the f32 twin
	! (1 + 2^-12)^2 ties to 1 + 2^-11 and gives +0, not 2^-24.  Once
	! inline (default PFPFR), once through the helpers (FZ set, which
	! changes nothing here, fails the inline guard).
	{
	  addd,0	0, _f64 0x3ff0000000400000, %dr21	! 1 + 2^-30
	  addd,1	0, _f64 0xbff0000000800000, %dr22	! -(1 + 2^-29)
	}
	{
	  addd,0	0, 0x3f800800, %dr23			! 1 + 2^-12 (f32)
	  addd,1	0, 0xbf801000, %dr24			! -(1 + 2^-11)
	}
	{
	  rws,0	0x1f80, %pfpfr
	}
	{
	  fmul_addd,0	%dr21, %dr21, %dr22, %dr25
	  fmul_adds,1	%r23, %r23, %r24, %r26
	  nop	7
	}
	check	%dr25, 0x0
	check	%dr26, 0x0
	{
	  rws,0	0x9f80, %pfpfr
	}
	{
	  fmul_addd,0	%dr21, %dr21, %dr22, %dr25
	  fmul_adds,1	%r23, %r23, %r24, %r26
	  nop	7
	}
	{
	  rws,0	0x1f80, %pfpfr
	}
	check	%dr25, 0x0
	check	%dr26, 0x0

	report	%dr20, msg, msg_len

	.section .rodata
msg:
	.ascii	"fpu arith: ok\n"
	msg_len = . - msg
