! sizes.S -- loads and stores of 1, 2, 4 and 8 bytes: loads zero-extend
! (0x80.. bytes must not sign-extend), any alignment works, a store
! writes exactly its size, and an operation whose predicate is false
! neither faults (unmapped address) nor writes its register or memory.
! %dr20 counts failed checks; each check is one bundle.
! expect-exit: 0
! expect-stdout: mem-sizes: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, src, %dr1
	  addd,2	0, 0, %dr20
	}
	{
	  addd,1	0, dst, %dr2
	  addd,3	0, 0x10, %dr3		! page 0 is never mapped
	  addd,4	0, 0x55, %dr5
	}
	! loads: byte i of src is 0x80 + i
	{
	  ldb,0	%dr1, 0, %dr8
	  ldh,2	%dr1, 1, %dr9
	  ldw,3	%dr1, 5, %dr10
	  ldd,5	%dr1, 7, %dr11
	}
	{
	  ldb,0	%dr1, 63, %dr12
	  ldw,2	%dr1, 60, %dr13
	}
	{
	  addd,3	0, _f64 0x8e8d8c8b8a898887, %dr30
	}
	{
	  addd,4	0, _f64 0x88878685, %dr31
	}
	{
	  nop	3
	}
	{
	  cmpedb,0	%dr8, 0x80, %pred0
	  cmpedb,1	%dr9, 0x8281, %pred1
	  cmpedb,3	%dr10, %dr31, %pred2
	  cmpedb,4	%dr11, %dr30, %pred3
	}
	{
	  addd,3	0, _f64 0xbfbebdbc, %dr31
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred0
	  cmpedb,1	%dr12, 0xbf, %pred4
	  cmpedb,3	%dr13, %dr31, %pred5
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
	! stores: dst is filled with 0x11; each store writes only its bytes
	{
	  addd,0	0, _f64 0xfedcba9876543280, %dr6
	}
	{
	  stb,2	%dr6, [ %dr2 + 0 ]
	  sth,5	%dr6, [ %dr2 + 9 ]
	}
	{
	  stw,2	%dr6, [ %dr2 + 18 ]
	}
	{
	  std,5	%dr6, [ %dr2 + 29 ]
	}
	{
	  ldd,0	%dr2, 0, %dr8
	  ldd,2	%dr2, 8, %dr9
	  ldd,3	%dr2, 16, %dr10
	  ldd,5	%dr2, 24, %dr11
	}
	{
	  ldd,0	%dr2, 32, %dr12
	  addd,1	0, _f64 0x1111111111111180, %dr30
	}
	{
	  addd,2	0, _f64 0x1111111111328011, %dr31
	}
	{
	  addd,3	0, _f64 0x1111765432801111, %dr32
	}
	{
	  addd,4	0, _f64 0x5432801111111111, %dr33
	}
	{
	  addd,0	0, _f64 0x111111fedcba9876, %dr34
	  nop	2
	}
	{
	  cmpedb,0	%dr8, %dr30, %pred0
	  cmpedb,1	%dr9, %dr31, %pred1
	  cmpedb,3	%dr10, %dr32, %pred2
	  cmpedb,4	%dr11, %dr33, %pred3
	}
	{
	  cmpedb,0	%dr12, %dr34, %pred4
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
	! predicated off: %pred6 false, %pred7 true
	{
	  cmpedb,0	%dr3, 0, %pred6
	  cmpedb,1	%dr3, 0x10, %pred7
	}
	{
	  nop	2
	}
	{
	  ldd,0	%dr3, 0, %dr5 ? %pred6		! would fault
	  std,2	%dr6, [ %dr3 + 8 ] ? %pred6	! would fault
	  ldb,3	%dr1, 2, %dr7 ? %pred7
	}
	{
	  std,5	%dr6, [ %dr2 + 40 ] ? ~%pred7	! not written
	}
	{
	  ldd,0	%dr2, 40, %dr8
	  nop	3
	}
	{
	  cmpedb,0	%dr5, 0x55, %pred0
	  cmpedb,1	%dr7, 0x82, %pred1
	  cmpedb,3	%dr8, _f64 0x1111111111111111, %pred2
	}
	{
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

	.section .rodata
	.align	8
src:
	.byte	0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87
	.byte	0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f
	.byte	0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97
	.byte	0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f
	.byte	0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7
	.byte	0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf
	.byte	0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7
	.byte	0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf
msg:
	.ascii	"mem-sizes: ok\n"
	msg_len = . - msg

	.data
	.align	8
dst:
	.fill	64, 1, 0x11
