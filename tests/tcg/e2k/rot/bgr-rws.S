! bgr-rws.S -- rws/rrs %bgr: writing BGR.cur rotates %g24..%g31 from the
! next wide instruction on (%gN, N >= 24, is the physical global
! 24 + (N - 24 + cur) % 8), rrs reads back what was written (11 bits),
! and a 128-bit source (stqp) reads both halves of the rotated register.
! Assembled with -mcpu=elbrus-v5.  %dr20 counts failed checks.
! expect-exit: 0
! expect-stdout: bgr: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  addd,0	0, 0, %dr20
	  addd,1	0, src, %dr1
	}
	{
	  addd,0	0, dst, %dr2
	}
	{
	  ldqp,0	%dr1, 0, %qpg24		! physical 24: 0x24 / 0x9924
	  ldqp,3	%dr1, 16, %qpg25	! physical 25: 0x25 / 0x9925
	}
	{
	  addd,0	0, 0x29, %dg29
	  addd,1	0, 0x31, %dg31
	}
	{
	  rws,0	0x1ff, %bgr		! cur 1
	  addd,1	%dg24, 0, %dr3		! still physical 24
	}
	{
	  rrs,0	%bgr, %r4
	  addd,1	%dg24, 0, %dr5		! physical 25
	  addd,3	%dg28, 0, %dr6		! physical 29
	  addd,4	%dg31, 0, %dr7		! physical 24
	  stqp,2	%qpg24, %dr2, 0		! physical 25, both halves
	}
	{
	  ldd,0	%dr2, 0, %dr8
	  ldd,3	%dr2, 8, %dr9
	}
	{
	  cmpedb,0	%dr3, 0x24, %pred0
	  cmpedb,1	%dr4, 0x1ff, %pred1
	  cmpedb,3	%dr5, 0x25, %pred2
	  cmpedb,4	%dr6, 0x29, %pred3
	}
	{
	  cmpedb,0	%dr7, 0x24, %pred4
	  cmpedb,1	%dr8, 0x25, %pred5
	  cmpedb,3	%dr9, 0x9925, %pred6
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
	  rws,0	0xfff, %bgr		! 11 bits kept: cur 7
	}
	{
	  rrs,0	%bgr, %r4
	  addd,1	%dg25, 0, %dr5		! physical 24
	}
	{
	  rws,0	0xff, %bgr		! back to cur 0
	}
	{
	  cmpedb,0	%dr4, 0x7ff, %pred0
	  cmpedb,1	%dr5, 0x24, %pred1
	  cmpedb,3	%dg24, 0x24, %pred2
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
	report	%dr20, msg, msg_len
	.size	_start, . - _start

	.data
	.balign	16
src:
	.quad	0x24, 0x9924, 0x25, 0x9925
dst:
	.quad	0, 0

	.section .rodata
msg:
	.ascii	"bgr: ok\n"
	msg_len = . - msg
