! f80.S -- the f80 unit through the translator: f32 -> f80 conversion
! into a register pair of significand and sign/exponent (read back with
! movfi), f80 + f80, f80 / f64 -> f64, f80 -> f64, an f80 compare into a
! predicate, movxc/movxa on the sign, and FPSR: rws clears it, the
! inexact division sets PE, and flags left from operations whose flags
! were moot (FPSR full) do not reappear after FPSR is cleared.
! Expected values worked out by hand from the x87 80-bit format (1.5 is
! 3fff:c000000000000000, 3.0 is 4000:c000000000000000) and host doubles.
! expect-exit: 0
! expect-stdout: fpu f80: ok

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
	  addd,1	0, 0x3fc00000, %dr1		! 1.5f
	  addd,2	0, _f64 0x4008000000000000, %dr2	! 3.0
	}
	{
	  rws,0	0, %fpsr
	}
	{
	  fstofx,0	%r1, %dr3			! 1.5 as f80
	  nop	5
	}
	{
	  fxaddxx,0	%dr3, %dr3, %dr4		! 3.0 as f80
	  nop	5
	}
	{
	  movfi,0	%dr3, %r5
	  movfi,1	%dr4, %r6
	  fxtofd,3	%dr4, %dr7			! 3.0 as f64
	  nop	5
	}
	{
	  rrs,0	%fpsr, %r8
	  nop	4
	}
	check	%dr3, 0xc000000000000000
	check	%dr5, 0x3fff
	check	%dr4, 0xc000000000000000
	check	%dr6, 0x4000
	check	%dr7, 0x4008000000000000
	check	%dr8, 0x0				! all exact so far
	! 1.5 / 3.0 = 0.5 exactly; then an inexact f80 / f64 -> f64
	{
	  fxdivdd,5	%dr3, %dr2, %dr9
	  nop	7
	}
	check	%dr9, 0x3fe0000000000000
	{
	  fstofx,0	%r10, %dr11
	  addd,1	0, 0x3f800000, %dr10		! 1.0f
	}
	{
	  fstofx,0	%r10, %dr11
	  nop	5
	}
	{
	  fxdivdd,5	%dr11, %dr2, %dr12		! 1/3
	  nop	7
	}
	{
	  rrs,0	%fpsr, %r13
	  nop	4
	}
	check	%dr12, 0x3fd5555555555555
	check	%dr13, 0x20				! PE
	! movxc/movxa: the sign of an f80, flipped and cleared
	{
	  movxc,0	%dr3, %dr21
	  nop	2
	}
	{
	  movxa,0	%dr21, %dr22
	  movfi,1	%dr21, %r23
	  nop	2
	}
	{
	  movfi,0	%dr22, %r24
	  nop	2
	}
	check	%dr21, 0xc000000000000000
	check	%dr23, 0xbfff
	check	%dr24, 0x3fff
	! f80 compares into predicates
	{
	  fxcmpltxb,0	%dr3, %dr4, %pred1		! 1.5 < 3.0
	  fxcmpeqdb,1	%dr4, %dr2, %pred2		! 3.0 == 3.0
	  fxcmpltxb,3	%dr4, %dr3, %pred3		! 3.0 < 1.5: no
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred1
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? %pred3
	}
	! With every FPSR flag set (and FPCR masking all) the helpers skip
	! the status word and may leave flags in the host's: an inexact
	! 1/3 there, then FPSR cleared, then an exact 1.5 + 1.5 must
	! report nothing, and an inexact conversion to f32 PE alone.
	{
	  rws,0	0x3f, %fpsr
	}
	{
	  fxdivxx,5	%dr11, %dr4, %dr15		! 1/3, PE moot
	  nop	7
	}
	{
	  rws,0	0, %fpsr
	}
	{
	  fxaddxx,0	%dr3, %dr3, %dr4		! 3.0: exact
	  nop	5
	}
	{
	  rrs,0	%fpsr, %r13
	  nop	4
	}
	check	%dr13, 0x0
	{
	  fxtofs,0	%dr15, %r14			! 1/3 to f32: inexact
	  nop	5
	}
	{
	  rrs,0	%fpsr, %r13
	  nop	4
	}
	check	%dr13, 0x20				! PE

	report	%dr20, msg, msg_len

	.section .rodata
msg:
	.ascii	"fpu f80: ok\n"
	msg_len = . - msg
