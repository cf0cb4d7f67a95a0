! packed.S -- packed integer operations on 64-bit registers, one wide
! instruction each, with lanes at the edges: saturation (packsshb,
! pmaddubsh, phaddsh), the e2k operand orders that differ from x86
! (pack and unpack put src2 in the low lanes, pandnd = src1 & ~src2,
! pmaddubsh's src1 is the signed one), shift counts past the lane width,
! rounding (pmulhrsh) and the sum of absolute differences.  The expected
! values are the results of another e2k emulator for the same inputs
! (the rows of vec/semantics-v3.tsv.gz with src1 = 0x7fffffff80000000,
! src2 = 0x00010203fffefdfc, and psrah's 0x80000000ffffffff, 0x80).
! %dr20 counts failed checks.
! expect-exit: 0
! expect-stdout: vec-packed: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=28, nfx=1
	  addd,2	0, 0, %dr20
	}
	{
	  addd,0	0, _f64 0x7fffffff80000000, %dr1
	  addd,1	0, _f64 0x00010203fffefdfc, %dr2
	}
	{
	  addd,3	0, _f64 0x80000000ffffffff, %dr3
	  addd,4	0, 0x80, %dr4
	}
	{
	  packsshb,1	%dr1, %dr2, %dr5
	  pmaddubsh,4	%dr1, %dr2, %dr6
	  psrah,0	%dr3, %dr4, %dr7
	  pandnd,3	%dr1, %dr2, %dr8
	}
	{
	  punpcklbh,1	%dr1, %dr2, %dr9
	  pmulhrsh,4	%dr1, %dr2, %dr10
	  phaddsh,0	%dr1, %dr2, %dr11
	}
	{
	  psadbw,1	%dr1, %dr2, %dr12
	  nop	2
	}
	{
	  cmpedb,0	%dr5, _f64 0x7fff8000017ffe80, %pred0
	  cmpedb,1	%dr6, _f64 0xfffffffb80800000, %pred1
	}
	{
	  cmpedb,0	%dr7, _f64 0xffff0000ffffffff, %pred2
	  cmpedb,1	%dr8, _f64 0x7ffefdfc00000000, %pred3
	}
	{
	  cmpedb,0	%dr9, _f64 0x80ff00fe00fd00fc, %pred4
	  cmpedb,1	%dr10, _f64 0x0001000000020000, %pred5
	}
	{
	  cmpedb,0	%dr11, _f64 0x0204fdfa7ffe8000, %pred6
	  cmpedb,1	%dr12, 0x6ec, %pred7
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred0
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred1
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred3
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred4
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred5
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred6
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred7
	}
	report	%dr20, msg, 15

	.data
msg:
	.ascii	"vec-packed: ok\n"
