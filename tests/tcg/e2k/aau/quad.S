! quad.S -- the 16-byte AAU forms (elbrus-v5): ldaaq/staaq move a
! register pair through channels 2 and 5 (first register at the lower
! address), ldaaqp/staaqp one 128-bit register; an incr moves the index
! on by AAINCR 16-byte elements.  movaq moves a 16-byte element of a
! quad area (fapb fmt=5) into a register pair, one half per channel;
! movaqp (v5) into one 128-bit register, be=1 reversing all 16 bytes;
! am steps the area on by 16 bytes.
! Assembled with -mcpu=elbrus-v5.  %dr20 counts failed checks.
! expect-exit: 0
! expect-stdout: aau-quad: ok

	.include "../lib/report.inc"
	.include "check.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %dr20
	  addd,1	0, src, %dr1
	}
	{
	  addd,2	0, dst, %dr2
	  addd,3	0, 0, %dr3
	  addd,4	0, 3, %dr4
	}
	{
	  aaurwd,2	%dr1, %aadr0
	  aaurwd,5	%dr2, %aadr1
	}
	{
	  aaurw,2	%r3, %aasti1
	  aaurw,5	%r3, %aasti2
	}
	{
	  aaurw,2	%r3, %aasti3
	  aaurw,5	%r4, %aaincr1
	}
	! ldaaq with AAINCR0: src[0..15], then src[16..31]; the index is 32
	{
	  ldaaq,2	%aad0 [ %aasti1 ], %qr8
	  incr,2	%aaincr0
	}
	{
	  ldaaq,2	%aad0 [ %aasti1 ], %qr10
	}
	{
	  aaurrd,2	%aasti1, %dr12
	}
	chk	%dr8, 0x8786858483828180
	chk	%dr9, 0x8f8e8d8c8b8a8988
	chk	%dr10, 0x9796959493929190
	chk	%dr11, 0x9f9e9d9c9b9a9998
	chk	%dr12, 16
	! a literal offset, and AAINCR1 = 3 elements (48 bytes)
	{
	  ldaaq,5	%aad0 [ %aasti3 + _f32s 4 ], %qr8
	  incr,5	%aaincr1
	}
	{
	  aaurrd,2	%aasti3, %dr12
	}
	chk	%dr8, 0x8b8a898887868584
	chk	%dr9, 0x939291908f8e8d8c
	chk	%dr12, 48
	! staaq of the pair %qr10 to dst[0..15], index + 16
	{
	  staaq,2	%qr10, %aad1 [ %aasti2 ]
	  incr,2	%aaincr0
	}
	{
	  ldd,0	%dr2, 0, %dr13
	  ldd,2	%dr2, 8, %dr14
	  nop	3
	}
	{
	  aaurrd,2	%aasti2, %dr12
	}
	chk	%dr13, 0x9796959493929190
	chk	%dr14, 0x9f9e9d9c9b9a9998
	chk	%dr12, 16
	! ldaaqp into one register (src + 4) and staaqp of it to dst[16..31]
	{
	  addd,0	0, 4, %dr5
	}
	{
	  aaurw,2	%r5, %aasti4
	}
	{
	  ldaaqp,2	%aad0 [ %aasti4 ], %qpr6
	}
	{
	  staaqp,5	%qpr6, %aad1 [ %aasti2 ]
	  incr,5	%aaincr0
	}
	{
	  ldd,0	%dr2, 16, %dr13
	  ldd,2	%dr2, 24, %dr14
	  nop	3
	}
	{
	  aaurrd,2	%aasti2, %dr12
	}
	chk	%dr13, 0x8b8a898887868584
	chk	%dr14, 0x939291908f8e8d8c
	chk	%dr12, 32
	! movaq / movaqp from a quad area (left half of entry 0): AAD0 = src
	{
	  ldisp	%ctpr2, .Lapb
	}
	{
	  bap
	  nop	4
	}
	{
	  movaq,0	area=0, ind=0, am=1, %qr12
	}
	{
	  movaq,0	area=0, ind=0, am=0, %qr14
	}
	{
	  movaqp,1	area=0, ind=0, am=1, %qpr8
	}
	{
	  movaqp,0	area=0, ind=0, am=0, be=1, %qpr9
	}
	{
	  eap
	}
	chk	%dr12, 0x8786858483828180
	chk	%dr13, 0x8f8e8d8c8b8a8988
	chk	%dr14, 0x9796959493929190
	chk	%dr15, 0x9f9e9d9c9b9a9998
	{
	  staaqp,2	%qpr8, %aad1 [ %aasti2 ]
	  incr,2	%aaincr0
	}
	{
	  staaqp,2	%qpr9, %aad1 [ %aasti2 ]
	}
	{
	  ldd,0	%dr2, 32, %dr13
	  ldd,2	%dr2, 40, %dr14
	  nop	3
	}
	chk	%dr13, 0x9796959493929190
	chk	%dr14, 0x9f9e9d9c9b9a9998
	{
	  ldd,0	%dr2, 48, %dr13
	  ldd,2	%dr2, 56, %dr14
	  nop	3
	}
	chk	%dr13, 0xa8a9aaabacadaeaf
	chk	%dr14, 0xa0a1a2a3a4a5a6a7

	report	%dr20, msg, 13
	.size	_start, . - _start

	.balign	16
.Lapb:
	{
	  fapb	ct=1, d=0, fmt=5, incr=0, ind=0, disp=0 ; fapb dpl=0, fmt=0, disp=0
	}

	.data
	.balign	16
src:
	.byte	0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87
	.byte	0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f
	.byte	0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97
	.byte	0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f
	.byte	0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7
	.byte	0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf
	.byte	0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7
dst:
	.fill	64, 1, 0
msg:
	.ascii	"aau-quad: ok\n"
