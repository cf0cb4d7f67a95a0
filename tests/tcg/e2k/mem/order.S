! order.S -- memory operations of one wide instruction take effect in
! channel order: a load in a later channel than a store of the same wide
! instruction sees the stored value, a load in an earlier channel sees
! the old one.  (lcc relies on it: glibc's __brk stores __curbrk in ALS2
! and reads it back in ALS5 of one wide instruction.)  Register results
! still commit at the end of the wide instruction.
! %dr20 counts failed checks.
! expect-exit: 0
! expect-stdout: mem-order: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, cell, %dr1
	  addd,1	0, 0x11, %dr2
	  addd,2	0, 0, %dr20
	  addd,3	0, 0x22, %dr3
	}
	! ALS2 store, ALS5 load of the same address: the new value
	{
	  std,2	%dr2, [ %dr1 + 0 ]
	  ldd,5	%dr1, 0, %dr8
	}
	! ALS0 load, ALS2 store: the old value (0x11); ALS3 load: the new
	{
	  ldd,0	%dr1, 0, %dr9
	  std,2	%dr3, [ %dr1 + 0 ]
	  ldd,3	%dr1, 0, %dr10
	}
	! ALS3 load, ALS5 store: the old value (0x22)
	{
	  ldd,3	%dr1, 0, %dr11
	  addd,0	0, 0x33, %dr4
	}
	{
	  ldd,3	%dr1, 0, %dr12
	  std,5	%dr4, [ %dr1 + 0 ]
	}
	! two stores: ALS5 load after both sees the later one (ALS5 writes
	! last); a narrower store in ALS2 is merged into what ALS3 reads
	{
	  stb,2	%dr2, [ %dr1 + 8 ]
	  ldd,3	%dr1, 8, %dr13
	  std,5	%dr3, [ %dr1 + 16 ]
	}
	{
	  ldd,0	%dr1, 16, %dr14
	  nop	2
	}
	{
	  cmpedb,0	%dr8, 0x11, %pred0
	  cmpedb,1	%dr9, 0x11, %pred1
	  cmpedb,3	%dr10, 0x22, %pred2
	  cmpedb,4	%dr11, 0x22, %pred3
	}
	{
	  cmpedb,0	%dr12, 0x22, %pred4
	  cmpedb,1	%dr13, _f64 0xa5a5a5a5a5a5a511, %pred5
	  cmpedb,3	%dr14, 0x22, %pred6
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
	! the stored memory: the ALS5 store of 0x33 happened
	{
	  ldd,0	%dr1, 0, %dr15
	  nop	2
	}
	{
	  cmpedb,0	%dr15, 0x33, %pred0
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred0
	}
	report	%dr20, msg, 14

	.data
	.align	8
cell:
	.quad	0, 0xa5a5a5a5a5a5a5a5, 0
msg:
	.ascii	"mem-order: ok\n"
