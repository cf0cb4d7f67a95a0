! search-loop.S -- vmemchr's loop shape (tests/bench/e2k/vmemchr.S): two
! ldd of one register at +0 and +8 (one 16-byte access), pcmpeqb,
! pmovmskb, and the pointer step guarded by the predicate the loop's ct
! branches on (a branch, not a cmov, on the native backend).  A 0xff byte
! at offset 75 of a 128-byte buffer of zeros must be found at pointer
! buf + 64 with mask bit 11.  A second loop steps under the negation of
! its ct predicate and a third under another predicate (the cmov form):
! each stops at its own count.
! expect-exit: 0
	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  disp	%ctpr1, .Lsearch
	  addd,0	0, buf, %dr2			! p
	}
	{
	  addd,1	0, _f64 0xffffffffffffffff, %dr7
	}
	{
	  stb,2	%dr7, [ %dr2 + 75 ]
	}
.Lsearch:
	{
	  ldd,0	%dr2, 0, %dr9
	  ldd,3	%dr2, 8, %dr10
	}
	{
	  pcmpeqb,0	%dr9, %dr7, %dr9
	  pcmpeqb,3	%dr10, %dr7, %dr10
	}
	{
	  pmovmskb,1	%dr10, %dr9, %dr11
	}
	{
	  cmpedb,0	%dr11, 0, %pred0
	  addd,1	%dr2, 16, %dr12
	}
	{
	  addd,0	%dr12, 0, %dr2 ? %pred0
	  ct	%ctpr1 ? %pred0
	}
	! %dr20 = (p - buf - 64) | (mask ^ 0x800)
	{
	  subd,0	%dr2, buf + 64, %dr20
	  xord,1	%dr11, 0x800, %dr21
	  disp	%ctpr1, .Lneg
	  addd,2	0, 0, %dr1
	}
	{
	  ord,0	%dr20, %dr21, %dr20
	}
.Lneg:
	{
	  cmpedb,0	%dr1, 100, %pred1
	  addd,1	%dr1, 1, %dr3
	}
	{
	  addd,0	%dr3, 0, %dr1 ? ~%pred1
	  ct	%ctpr1 ? ~%pred1
	}
	{
	  disp	%ctpr1, .Lother
	  xord,0	%dr1, 100, %dr21
	  addd,1	0, 0, %dr4
	  addd,2	0, 0, %dr5
	}
	{
	  ord,0	%dr20, %dr21, %dr20
	}
.Lother:
	! %dr5 counts the trips with %dr4 odd (pred2), under pred2 alone
	{
	  andd,0	%dr4, 1, %dr6
	  addd,1	%dr4, 1, %dr4
	  addd,2	%dr5, 1, %dr13
	}
	{
	  cmpedb,0	%dr6, 1, %pred2
	  cmpbdb,1	%dr4, 9, %pred3
	}
	{
	  addd,0	%dr13, 0, %dr5 ? %pred2
	  ct	%ctpr1 ? %pred3
	}
	{
	  xord,0	%dr5, 4, %dr21
	  xord,1	%dr4, 9, %dr22
	}
	{
	  ord,0	%dr20, %dr21, %dr20
	}
	{
	  ord,0	%dr20, %dr22, %dr20
	}
	! exit status: 0 when %dr20 is 0, else 1
	{
	  subd,0	0, %dr20, %dr10
	}
	{
	  ord,0	%dr20, %dr10, %dr20
	}
	{
	  shrd,0	%dr20, 63, %dr9
	  sdisp	%ctpr3, 0x3
	  addd,1	0, 1, %dr8
	}
	{
	  call	%ctpr3, wbs=4
	}
	.size	_start, . - _start

	.bss
	.balign	16
buf:
	.skip	128
