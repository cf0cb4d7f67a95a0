! regs.S -- every kind of AAU register written with aaurw/aaurwd/aaurwq
! and read back with aaurr/aaurrd/aaurrq: an AAD becomes a read/write
! descriptor of the pointer written (rw = 3 in bits 60:59, bits 58:57
! kept from a 64-bit value, AAD.hi keeps the size half), index registers
! hold 32 bits, AAIND0 reads 0 and AAINCR0 reads 1 whatever is written,
! AALDI/AALDA/AALDV/AALDM reach the left areas on channel 2 and the
! right ones on channel 5, AASR keeps stb/iab/lds.  %dr20 counts
! failed checks.
! expect-exit: 0
! expect-stdout: aau-regs: ok

	.include "../lib/report.inc"
	.include "check.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %dr20
	  addd,1	0, _f64 0xff00123456789abc, %dr1
	}
	{
	  addd,0	0, _f64 0x00007fff00001000, %dr4
	  addd,1	0, _f64 0xdeadbeef12345678, %dr5
	}
	! AADs
	{
	  aaurwd,2	%dr1, %aadr5
	}
	{
	  aaurwq,2	%qr4, %aadr7
	}
	{
	  aaurw,5	%r1, %aadr6
	}
	{
	  aaurrd,2	%aadr5, %dr10
	}
	{
	  aaurrq,2	%aadr7, %qr12
	}
	{
	  aaurr,5	%aadr6, %r14
	}
	{
	  aaurrd,2	%aadr6, %dr15
	}
	chk	%dr10, 0x1e00123456789abc
	chk	%dr12, 0x18007fff00001000
	chk	%dr13, 0xdeadbeef00000000
	chk	%dr14, 0x56789abc
	chk	%dr15, 0x1800000056789abc
	! the same descriptor through its other name, %aadN
	{
	  aaurrd,5	%aad5, %dr10
	}
	chk	%dr10, 0x1e00123456789abc
	! index registers: 32 bits
	{
	  aaurwd,2	%dr5, %aasti3
	}
	{
	  aaurw,5	%r1, %aaind9
	}
	{
	  aaurw,2	%r1, %aaind0
	}
	{
	  aaurwd,5	%dr5, %aaincr7
	}
	{
	  aaurw,2	%r1, %aaincr0
	}
	{
	  aaurrd,2	%aasti3, %dr10
	}
	{
	  aaurrd,5	%aaind9, %dr11
	}
	{
	  aaurrd,2	%aaind0, %dr12
	}
	{
	  aaurrd,5	%aaincr7, %dr13
	}
	{
	  aaurrd,2	%aaincr0, %dr14
	}
	chk	%dr10, 0x12345678
	chk	%dr11, 0x56789abc
	chk	%dr12, 0
	chk	%dr13, 0x12345678
	chk	%dr14, 1
	! prefetch-area registers: channel 2 the left half, 5 the right
	{
	  addd,0	0, 0x111, %dr6
	  addd,1	0, 0x222, %dr7
	}
	{
	  aaurw,2	%r6, %aaldi3
	  aaurw,5	%r7, %aaldi3
	}
	{
	  aaurrd,2	%aaldi3, %dr10
	  aaurrd,5	%aaldi3, %dr11
	}
	chk	%dr10, 0x111
	chk	%dr11, 0x222
	{
	  addd,0	0, _f64 0xf0f0f0f0, %dr6
	  addd,1	0, _f64 0x0f0f0f0f, %dr7
	}
	{
	  aaurw,2	%r6, %aaldv
	  aaurw,5	%r7, %aaldv
	}
	{
	  aaurw,2	%r7, %aaldm
	  aaurw,5	%r6, %aaldm
	}
	{
	  aaurrd,2	%aaldv, %dr10
	  aaurrd,5	%aaldv, %dr11
	}
	{
	  aaurrd,2	%aaldm, %dr12
	  aaurrd,5	%aaldm, %dr13
	}
	chk	%dr10, 0xf0f0f0f0
	chk	%dr11, 0x0f0f0f0f
	chk	%dr12, 0x0f0f0f0f
	chk	%dr13, 0xf0f0f0f0
	{
	  addd,0	0, _f64 0x04030201, %dr6
	  addd,1	0, _f64 0x0d0c0b0a, %dr7
	}
	{
	  aaurw,2	%r6, %aalda4
	  aaurw,5	%r7, %aalda4
	}
	{
	  aaurrd,2	%aalda4, %dr10
	  aaurrd,5	%aalda4, %dr11
	}
	chk	%dr10, 0x04030201
	chk	%dr11, 0x0d0c0b0a
	! status registers and tag masks
	{
	  addd,0	0, _f64 0xffffffff, %dr6
	}
	{
	  aaurw,2	%r6, %aasr
	  aaurw,5	%r1, %aafstr
	}
	{
	  aaurw,2	%r6, %aasti_tag
	  aaurw,5	%r6, %aaincr_tag
	}
	{
	  aaurrd,2	%aasr, %dr10
	  aaurrd,5	%aafstr, %dr11
	}
	{
	  aaurrd,2	%aasti_tag, %dr12
	  aaurrd,5	%aaincr_tag, %dr13
	}
	chk	%dr10, 0x3e0
	chk	%dr11, 0x56789abc
	chk	%dr12, 0xffff
	chk	%dr13, 0xfe
	! a predicated-off aaurw writes nothing
	{
	  cmpedb,0	%dr20, 0x7777, %pred1	! false
	  nop	2
	}
	{
	  aaurw,2	%r6, %aasti3 ? %pred1
	}
	{
	  aaurrd,2	%aasti3, %dr10
	}
	chk	%dr10, 0x12345678

	report	%dr20, msg, 13
	.size	_start, . - _start

	.data
msg:
	.ascii	"aau-regs: ok\n"
