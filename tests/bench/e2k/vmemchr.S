! vmemchr: a packed byte search, the twin of vmemchr.c: 20000 times, put
! 0xff at a pseudo-random place of a 64 KiB buffer of bytes 0..7 and
! find it 16 bytes at a time (pcmpeqb on two 64-bit words, pmovmskb of
! the pair).  Exit status: the low byte of the sum of the positions.

	N = 65536
	R = 20000

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  disp	%ctpr1, .Lfill
	  addd,0	0, 0, %dr1			! i
	  addd,1	0, buf, %dr2			! p
	}
	{
	  addd,0	0, _f64 0x0706050403020100, %dr3
	}
.Lfill:
	{
	  std,2	%dr3, [ %dr2 + 0 ]
	  addd,0	%dr2, 8, %dr2
	  addd,1	%dr1, 8, %dr1
	}
	{
	  cmpedb,0	%dr1, N, %pred0
	}
	{
	  ct	%ctpr1 ? ~%pred0
	}
	{
	  disp	%ctpr2, .Lround
	  addd,0	0, 0, %dr5			! sum
	  addd,1	0, 0, %dr6			! r
	  addd,2	0, _f64 0xffffffffffffffff, %dr7
	}
.Lround:
	{
	  muls,0	%r6, 40503, %r8
	  disp	%ctpr1, .Lsearch
	}
	{
	  andd,0	%dr8, N - 1, %dr8		! pos
	  addd,1	0, buf, %dr2			! p
	}
	{
	  stb,2	%dr7, [ %dr8 + buf ]
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
	! found: position = p - buf + ctz(m), ctz(m) = popcount((m & -m) - 1)
	{
	  subd,0	0, %dr11, %dr13
	  subd,1	%dr2, buf, %dr14
	}
	{
	  andd,0	%dr11, %dr13, %dr13
	}
	{
	  subd,0	%dr13, 1, %dr13
	}
	{
	  popcntd,1	%dr13, %dr13
	}
	{
	  addd,0	%dr14, %dr13, %dr14
	  andd,1	%dr8, 7, %dr15
	}
	{
	  addd,0	%dr5, %dr14, %dr5
	  stb,2	%dr15, [ %dr8 + buf ]
	  addd,1	%dr6, 1, %dr6
	}
	{
	  cmpedb,0	%dr6, R, %pred1
	}
	{
	  ct	%ctpr2 ? ~%pred1
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 1, %dr8
	  andd,1	%dr5, 0xff, %dr9
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start

	.bss
	.balign	16
buf:
	.skip	N
