! fx: an f80 loop, the twin of fx.c -- the logistic map
! x = (x * (1 - x)) * 3.9 and the cubic ((c3 x + c2) x + c1) x + c0 in
! Horner form with a running sum, all in the x87-style f80 unit (the
! shape of libm's sin/cos polynomials), then f80 -> f64 and a truncating
! conversion.  Exit status: the low byte of (long)(s * 1024).

	N = 5000000

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  disp	%ctpr1, .Lloop
	  addd,0	0, _f64 0x3fe0000000000000, %dr21	! 0.5
	  addd,1	0, N, %dr3				! i
	}
	{
	  addd,0	0, _f64 0x3ff0000000000000, %dr22	! 1.0
	  addd,1	0, _f64 0x400f333333333333, %dr23	! 3.9
	}
	{
	  addd,0	0, _f64 0x3fc0000000000000, %dr24	! c3 = 0.125
	}
	{
	  addd,0	0, _f64 0xbfd8000000000000, %dr25	! c2 = -0.375
	  addd,1	0, _f64 0x3fe6666666666666, %dr26	! c1 = 0.7
	}
	{
	  addd,0	0, _f64 0x3fb999999999999a, %dr27	! c0 = 0.1
	  addd,1	0, 0, %dr28				! 0.0
	}
	{
	  fdtofx,0	%dr21, %dr1			! x = 0.5
	  fdtofx,1	%dr22, %dr11			! one
	  fdtofx,3	%dr23, %dr12			! k = 3.9
	  fdtofx,4	%dr24, %dr6			! c3
	}
	{
	  fdtofx,0	%dr25, %dr7			! c2
	  fdtofx,1	%dr26, %dr8			! c1
	  fdtofx,3	%dr27, %dr9			! c0
	  fdtofx,4	%dr28, %dr2			! s = 0
	  nop	5
	}
.Lloop:
	{
	  fxsubxx,0	%dr11, %dr1, %dr14		! t = 1 - x
	  fxmulxx,1	%dr6, %dr1, %dr15		! p = c3 * x
	  subd,3	%dr3, 1, %dr3
	}
	{
	  fxmulxx,0	%dr1, %dr14, %dr16		! u = x * t
	  fxaddxx,1	%dr15, %dr7, %dr15		! p += c2
	  cmpedb,3	%dr3, 0, %pred0
	}
	{
	  fxmulxx,0	%dr16, %dr12, %dr17		! xn = u * 3.9
	  fxmulxx,1	%dr15, %dr1, %dr15		! p *= x
	}
	{
	  fxaddxx,0	%dr15, %dr8, %dr15		! p += c1
	}
	{
	  fxmulxx,0	%dr15, %dr1, %dr15		! p *= x
	}
	{
	  fxaddxx,0	%dr15, %dr9, %dr15		! p += c0
	}
	{
	  fxaddxx,0	%dr2, %dr15, %dr2		! s += p
	  movx,1	%dr17, %dr1			! x = xn
	  ct	%ctpr1 ? ~%pred0
	}
	{
	  fxmuldx,0	%dr2, _f64 0x4090000000000000, %dr2	! s * 1024
	  sdisp	%ctpr2, 0x3
	}
	{
	  fxtofd,0	%dr2, %dr4
	  nop	5
	}
	{
	  fdtoidtr,0	%dr4, %dr18
	  nop	5
	}
	{
	  addd,0	0, 1, %dr8
	  andd,1	%dr18, 0xff, %dr9
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start
