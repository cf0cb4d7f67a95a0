! vmac: a 16-bit multiply-accumulate, the twin of vmac.c (elbrus-v5):
! 20000 times the dot product of two 4096-element int16 arrays, 8
! products at a time (qpmaddh into four 32-bit sums, qpaddw).  Exit
! status: bits 23..16 of the four sums added (32-bit).

	N = 4096
	R = 20000

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  disp	%ctpr1, .Lfill
	  addd,0	0, 0, %dr1			! i
	}
.Lfill:
	{
	  muls,0	%r1, 7, %r3
	  muls,1	%r1, 13, %r4
	  shld,3	%dr1, 1, %dr5
	}
	{
	  ands,0	%r3, 0xff, %r3
	  ands,1	%r4, 0x1ff, %r4
	}
	{
	  subs,0	%r3, 128, %r3
	  subs,1	%r4, 256, %r4
	  addd,3	%dr1, 1, %dr1
	}
	{
	  sth,2	%dr3, [ %dr5 + x ]
	  sth,5	%dr4, [ %dr5 + y ]
	}
	{
	  cmpedb,0	%dr1, N, %pred0
	}
	{
	  ct	%ctpr1 ? ~%pred0
	}
	{
	  disp	%ctpr2, .Lround
	  qppackdl,0	0, 0, %qpr8			! acc
	  addd,1	0, 0, %dr6			! r
	}
.Lround:
	{
	  disp	%ctpr1, .Ldot
	  addd,0	0, x, %dr2
	  addd,1	0, y, %dr3
	}
.Ldot:
	{
	  ldqp,0	%dr2, 0, %qpr9
	  ldqp,3	%dr3, 0, %qpr10
	  addd,1	%dr2, 16, %dr2
	  addd,4	%dr3, 16, %dr3
	}
	{
	  qpmaddh,1	%qpr9, %qpr10, %qpr11
	  cmpedb,0	%dr2, x + 2 * N, %pred0
	}
	{
	  qpaddw,0	%qpr8, %qpr11, %qpr8
	  ct	%ctpr1 ? ~%pred0
	}
	{
	  addd,0	%dr6, 1, %dr6
	}
	{
	  cmpedb,0	%dr6, R, %pred1
	}
	{
	  ct	%ctpr2 ? ~%pred1
	}
	! the four 32-bit sums: two in %dr8 (the low half), two above
	{
	  qpswitchd,0	%qpr8, %qpr12
	  shrd,1	%dr8, 32, %dr13
	}
	{
	  shrd,0	%dr12, 32, %dr14
	  adds,1	%r8, %r13, %r13
	}
	{
	  adds,0	%r12, %r14, %r14
	}
	{
	  adds,0	%r13, %r14, %r14
	}
	{
	  shrs,0	%r14, 16, %r14
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 1, %dr8
	  andd,1	%dr14, 0xff, %dr9
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start

	.bss
	.balign	16
x:
	.skip	2 * N
y:
	.skip	2 * N
