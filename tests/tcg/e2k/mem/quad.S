! quad.S -- 16-byte loads and stores (elbrus-v5): ldq/stq move a register
! pair (first register at the lower address), ldqp/stqp one 128-bit
! register, stmqp only the bytes its mask selects (a zero mask touches
! nothing, not even an unmapped address); any alignment.
! Assembled with -mcpu=elbrus-v5.  %dr20 counts failed checks.
! expect-exit: 0
! expect-stdout: mem-quad: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, src, %dr1
	  addd,2	0, 0, %dr20
	}
	{
	  addd,1	0, dst, %dr2
	  addd,3	0, 0x10, %dr3		! page 0 is never mapped
	}
	! ldq: aligned and at offset 3; byte i of src is 0x80 + i
	{
	  ldq,0	%dr1, 0, %qr8
	  ldq,3	%dr1, 3, %qr10
	}
	{
	  addd,0	0, _f64 0x8786858483828180, %dr30
	}
	{
	  addd,0	0, _f64 0x8f8e8d8c8b8a8988, %dr31
	}
	{
	  addd,0	0, _f64 0x8a89888786858483, %dr32
	}
	{
	  addd,0	0, _f64 0x9291908f8e8d8c8b, %dr33
	}
	{
	  cmpedb,0	%dr8, %dr30, %pred0
	  cmpedb,1	%dr9, %dr31, %pred1
	  cmpedb,3	%dr10, %dr32, %pred2
	  cmpedb,4	%dr11, %dr33, %pred3
	}
	{
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
	! stq of that pair at dst+48 (aligned) and dst+65 (odd)
	{
	  stq,2	%qr10, %dr2, 48
	}
	{
	  stq,2	%qr8, %dr2, 65
	}
	{
	  ldd,0	%dr2, 48, %dr12
	  ldd,2	%dr2, 56, %dr13
	  ldd,3	%dr2, 65, %dr14
	  ldd,5	%dr2, 73, %dr15
	}
	{
	  ldb,0	%dr2, 64, %dr16
	  ldb,2	%dr2, 81, %dr17
	  nop	3
	}
	{
	  cmpedb,0	%dr12, %dr32, %pred0
	  cmpedb,1	%dr13, %dr33, %pred1
	  cmpedb,3	%dr14, %dr30, %pred2
	  cmpedb,4	%dr15, %dr31, %pred3
	}
	{
	  cmpedb,0	%dr16, 0x11, %pred4
	  cmpedb,1	%dr17, 0x11, %pred5
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
	! ldqp at offset 3 into one register; stqp it to dst+5; the bytes
	! around are untouched
	{
	  ldqp,0	%dr1, 3, %qpr12
	  ldqp,3	%dr1, 16, %qpr13
	}
	{
	  stqp,2	%qpr12, %dr2, 5
	}
	{
	  ldd,0	%dr2, 5, %dr12
	  ldd,2	%dr2, 13, %dr14
	  ldb,3	%dr2, 4, %dr15
	  ldb,5	%dr2, 21, %dr16
	}
	{
	  nop	3
	}
	{
	  cmpedb,0	%dr12, %dr32, %pred0
	  cmpedb,1	%dr14, %dr33, %pred1
	  cmpedb,3	%dr15, 0x11, %pred2
	  cmpedb,4	%dr16, 0x11, %pred3
	}
	{
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
	! stmqp: mask 0x8001 stores bytes 0 and 15 of %qpr13 (0x90, 0x9f) at
	! dst+24; mask 0 at an unmapped address does nothing
	{
	  addd,0	%dr2, 24, %dr4
	  addd,1	0, 0x8001, %dr5
	}
	{
	  stmqp,2	%qpr13, %dr4, %dr5
	}
	{
	  stmqp,5	%qpr13, %dr3, 0
	}
	{
	  ldd,0	%dr2, 24, %dr12
	  ldd,2	%dr2, 32, %dr13
	}
	{
	  addd,0	0, _f64 0x1111111111111190, %dr30
	}
	{
	  addd,0	0, _f64 0x9f11111111111111, %dr31
	}
	{
	  cmpedb,0	%dr12, %dr30, %pred0
	  cmpedb,1	%dr13, %dr31, %pred1
	}
	{
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred0
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred1
	}
	report	%dr20, msg, msg_len
	.size	_start, . - _start

	.section .rodata
	.align	16
src:
	.byte	0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87
	.byte	0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f
	.byte	0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97
	.byte	0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f
msg:
	.ascii	"mem-quad: ok\n"
	msg_len = . - msg

	.data
	.align	16
dst:
	.fill	96, 1, 0x11
