! fp: a floating-point loop, the twin of fp.c -- the logistic map
! x = 3.9 * (x * (1 - x)), the cubic ((c3 x + c2) x + c1) x + c0 in
! Horner form, a running sum, a compare into a predicate, and a final
! truncating conversion; then a dot product and a daxpy over two arrays
! filled by integer -> double conversion (combined multiply-adds).  Exit
! status: the low byte of (long)sum ^ count ^ (long)dot.

	N = 20000000
	M = 512
	R = 20000

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  disp	%ctpr1, .Lloop
	  addd,0	0, _f64 0x3fe0000000000000, %dr1	! x = 0.5
	  addd,1	0, 0, %dr2				! s = 0.0
	  addd,2	0, N, %dr3				! i
	}
	{
	  addd,0	0, _f64 0x3fc0000000000000, %dr6	! c3 = 0.125
	  addd,1	0, _f64 0xbfd8000000000000, %dr7	! c2 = -0.375
	}
	{
	  addd,0	0, _f64 0x3fe6666666666666, %dr8	! c1 = 0.7
	  addd,1	0, _f64 0x3fb999999999999a, %dr9	! c0 = 0.1
	}
	{
	  addd,0	0, _f64 0x3ff0000000000000, %dr11	! 1.0
	  addd,1	0, _f64 0x400f333333333333, %dr12	! 3.9
	}
	{
	  addd,0	0, _f64 0x3fe0000000000000, %dr13	! 0.5
	  addd,1	0, 0, %dr10				! count
	}
.Lloop:
	{
	  fsubd,0	%dr11, %dr1, %dr14		! t = 1 - x
	  fmuld,1	%dr6, %dr1, %dr15		! p = c3 * x
	  subd,3	%dr3, 1, %dr3
	}
	{
	  fmuld,0	%dr1, %dr14, %dr16		! u = x * t
	  faddd,1	%dr15, %dr7, %dr15		! p += c2
	  cmpedb,3	%dr3, 0, %pred0
	}
	{
	  fmuld,0	%dr16, %dr12, %dr17		! xn = u * 3.9
	  fmuld,1	%dr15, %dr1, %dr15		! p *= x
	}
	{
	  faddd,0	%dr15, %dr8, %dr15		! p += c1
	}
	{
	  fmuld,0	%dr15, %dr1, %dr15		! p *= x
	}
	{
	  faddd,0	%dr15, %dr9, %dr15		! p += c0
	}
	{
	  faddd,0	%dr2, %dr15, %dr2		! s += p
	  fcmpltdb,1	%dr15, %dr13, %pred1		! p < 0.5
	  addd,3	%dr17, 0, %dr1			! x = xn
	}
	{
	  addd,0	%dr10, 1, %dr10 ? %pred1
	  ct	%ctpr1 ? ~%pred0
	}
	! a[i] = (double)i, b[i] = 0.5 * a[i]
	{
	  disp	%ctpr1, .Lfill
	  addd,0	0, 0, %dr19			! i
	}
	{
	  addd,0	0, arr_a, %dr20
	  addd,1	0, arr_b, %dr21
	}
.Lfill:
	{
	  idtofd,0	%dr19, %dr22
	  addd,1	%dr19, 1, %dr19
	}
	{
	  fmuld,0	%dr22, %dr13, %dr23
	  cmpedb,1	%dr19, M, %pred0
	}
	{
	  std,2	%dr22, [ %dr20 + 0 ]
	  std,5	%dr23, [ %dr21 + 0 ]
	  addd,0	%dr20, 8, %dr20
	  addd,1	%dr21, 8, %dr21
	  ct	%ctpr1 ? ~%pred0
	}
	! R times over the arrays: a dot product d += a[i] * b[i] and a
	! daxpy b[i] += alpha * a[i], as combined multiply-adds
	{
	  addd,0	0, R, %dr24
	  addd,1	0, 0, %dr25				! d = 0.0
	  addd,2	0, _f64 0x3f50000000000000, %dr26	! alpha = 2^-10
	}
	{
	  disp	%ctpr2, .Ldot
	}
	{
	  disp	%ctpr3, .Lrep
	}
.Lrep:
	{
	  addd,0	0, arr_a, %dr20
	  addd,1	0, arr_b, %dr21
	}
	{
	  addd,0	0, M, %dr19
	}
.Ldot:
	{
	  ldd,0	%dr20, 0, %dr22
	  ldd,2	%dr21, 0, %dr23
	  subd,1	%dr19, 1, %dr19
	}
	{
	  fmul_addd,0	%dr22, %dr23, %dr25, %dr25	! d = d + a * b
	  fmul_addd,1	%dr26, %dr22, %dr23, %dr23	! b = b + alpha * a
	  cmpedb,3	%dr19, 0, %pred0
	}
	{
	  std,2	%dr23, [ %dr21 + 0 ]
	  addd,0	%dr20, 8, %dr20
	  addd,1	%dr21, 8, %dr21
	  ct	%ctpr2 ? ~%pred0
	}
	{
	  subd,0	%dr24, 1, %dr24
	}
	{
	  cmpedb,0	%dr24, 0, %pred0
	}
	{
	  ct	%ctpr3 ? ~%pred0
	}
	{
	  fdtoidtr,0	%dr2, %dr18
	  fdtoidtr,1	%dr25, %dr27
	  sdisp	%ctpr2, 0x3
	}
	{
	  xord,0	%dr18, %dr10, %dr18
	}
	{
	  xord,0	%dr18, %dr27, %dr18
	}
	{
	  addd,0	0, 1, %dr8
	  andd,1	%dr18, 0xff, %dr9
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start

	.bss
	.balign	8
arr_a:
	.skip	M * 8
arr_b:
	.skip	M * 8
