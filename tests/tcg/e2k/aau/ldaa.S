! ldaa.S -- ldaa/staa of every size through an AAD and an AASTI: the
! address is AAD.base + AASTI (+ a 32-bit literal); `incr' moves the
! AASTI on by AAINCR elements at the end of the wide instruction (AAINCR0
! is 1; negative and zero increments), so an ldaa in the same wide
! instruction still sees the old index; the incr has its own condition;
! an ldaa whose predicate is false does not touch memory.  %dr20 counts
! failed checks.
! expect-exit: 0
! expect-stdout: aau-ldaa: ok

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
	  addd,0	0, _f64 0xffffffff, %dr5	! -1
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
	  aaurw,2	%r4, %aaincr1
	  aaurw,5	%r5, %aaincr2
	}
	{
	  aaurw,2	%r3, %aaincr3			! 0
	  aaurw,5	%r3, %aasti3
	}
	! bytes with AAINCR0 (one element): src[0], src[1], src[2]
	{
	  ldaab,2	%aad0 [ %aasti1 ], %dr8
	  incr,2	%aaincr0
	}
	{
	  ldaab,5	%aad0 [ %aasti1 ], %dr9
	  incr,5	%aaincr0
	}
	{
	  ldaab,2	%aad0 [ %aasti1 ], %dr10
	}
	chk	%dr8, 0x80
	chk	%dr9, 0x81
	chk	%dr10, 0x82
	! halfwords with AAINCR1 = 3 (6 bytes): at 2, then 8
	{
	  ldaah,2	%aad0 [ %aasti1 ], %dr8
	  incr,2	%aaincr1
	}
	{
	  ldaah,5	%aad0 [ %aasti1 ], %dr9
	}
	chk	%dr8, 0x8382
	chk	%dr9, 0x8988
	! words with AAINCR2 = -1 (back 4 bytes): at 8, then 4; a literal
	{
	  ldaaw,2	%aad0 [ %aasti1 ], %dr8
	  incr,2	%aaincr2
	}
	{
	  ldaaw,2	%aad0 [ %aasti1 ], %dr9
	  ldaaw,5	%aad0 [ %aasti1 + _f32s 0x10 ], %dr10
	}
	chk	%dr8, 0x8b8a8988
	chk	%dr9, 0x87868584
	chk	%dr10, 0x97969594
	! double words with AAINCR3 = 0: the index stays
	{
	  ldaad,2	%aad0 [ %aasti3 ], %dr8
	  incr,2	%aaincr3
	}
	{
	  ldaad,5	%aad0 [ %aasti3 ], %dr9
	}
	chk	%dr8, 0x8786858483828180
	chk	%dr9, 0x8786858483828180
	! two in one wide instruction: both read the old index
	{
	  ldaad,2	%aad0 [ %aasti3 ], %dr8
	  incr,2	%aaincr0
	  ldaad,5	%aad0 [ %aasti3 ], %dr9
	}
	{
	  ldaad,2	%aad0 [ %aasti3 ], %dr10
	}
	chk	%dr8, 0x8786858483828180
	chk	%dr9, 0x8786858483828180
	chk	%dr10, 0x8f8e8d8c8b8a8988
	! the incr's own condition: false, the index stays (8)
	{
	  cmpedb,0	%dr3, 1, %pred1		! false
	  cmpedb,1	%dr3, 0, %pred2		! true
	  nop	2
	}
	{
	  ldaad,2	%aad0 [ %aasti3 ], %dr8
	  incr,2	%aaincr0 ? %pred1
	}
	{
	  aaurrd,2	%aasti3, %dr9
	}
	chk	%dr8, 0x8f8e8d8c8b8a8988
	chk	%dr9, 8
	{
	  ldaad,2	%aad0 [ %aasti3 ], %dr8
	  incr,2	%aaincr0 ? %pred2
	}
	{
	  aaurrd,2	%aasti3, %dr9
	}
	chk	%dr9, 16
	! a false predicate: no access (AAD2 = 0, page 0 unmapped), no write
	{
	  addd,0	0, 0x1234, %dr8
	}
	{
	  ldaad,2	%aad2 [ %aasti3 ], %dr8 ? %pred1
	}
	chk	%dr8, 0x1234
	! stores: b, h, w, d with increments; AASTI2 walks dst
	{
	  addd,0	0, _f64 0x1122334455667788, %dr8
	}
	{
	  staab,2	%dr8, %aad1 [ %aasti2 ]
	  incr,2	%aaincr0
	}
	{
	  staah,5	%dr8, %aad1 [ %aasti2 ]
	  incr,5	%aaincr0
	}
	{
	  staaw,2	%dr8, %aad1 [ %aasti2 ]
	  incr,2	%aaincr0
	}
	{
	  staad,5	%dr8, %aad1 [ %aasti2 + _f32s 1 ]
	}
	{
	  aaurrd,2	%aasti2, %dr9
	}
	chk	%dr9, 7
	{
	  ldd,0	%dr2, 0, %dr10
	  ldd,2	%dr2, 8, %dr11
	  ldd,3	%dr2, 16, %dr12
	  nop	3
	}
	chk	%dr10, 0x0055667788778888
	chk	%dr11, 0x1122334455667788
	chk	%dr12, 0

	report	%dr20, msg, 13
	.size	_start, . - _start

	.data
src:
	.byte	0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87
	.byte	0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f
	.byte	0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97
	.byte	0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f
dst:
	.fill	32, 1, 0
msg:
	.ascii	"aau-ldaa: ok\n"
