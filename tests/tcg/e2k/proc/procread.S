! procread.S -- the guest side of the /proc tests (test-proc.sh):
!
!   procread PATH        write the bytes of file PATH to standard output
!   procread -l PATH     write the target of symbolic link PATH
!   procread -u          write uname()'s machine field
!
! and exit 0, or exit with the errno of the failed open, read or
! readlink.  Everything is checked by the script, which knows what the
! e2k kernel would show.

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=12, nfx=1
	  rrd	%usd.lo, %dr1
	}
	{
	  andd,0	%dr1, 0xffffffffffff, %dr1	! USD.lo base: &argc
	}
	{
	  ldd,0	[ %dr1 + 0 ], %dr2		! argc
	  ldd,2	[ %dr1 + 16 ], %dr3		! argv[1]
	  ldd,3	[ %dr1 + 24 ], %dr4		! argv[2] (the NULL when argc is 2)
	}
	{
	  nop	3
	}
	{
	  ldb,0	[ %dr3 + 1 ], %dr7		! 'l' or 'u' after the '-'
	  cmpedb,1	%dr2, 3, %pred0		! procread -l PATH
	  nop	2
	}
	{
	  cmpedb,0	%dr7, 0x75, %pred3	! 'u'
	  nop	2
	}
	{
	  ibranch	.Llink ? %pred0
	}
	{
	  ibranch	.Luname ? %pred3
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 5, %dr8			! open(argv[1], O_RDONLY)
	  addd,1	0, %dr3, %dr9
	  addd,2	0, 0, %dr10
	  addd,3	0, 0, %dr11
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  cmpldb,0	%dr8, 0, %pred1
	  addd,1	0, %dr8, %dr5		! the descriptor
	  nop	2
	}
	{
	  ibranch	.Lfail ? %pred1
	}
.Lread:
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 3, %dr8			! read(fd, buf, sizeof(buf))
	  addd,1	0, %dr5, %dr9
	  addd,2	0, buf, %dr10
	  addd,3	0, 65536, %dr11
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  cmpldb,0	%dr8, 0, %pred1		! an error
	  cmpedb,1	%dr8, 0, %pred2		! the end of the file
	  addd,2	0, %dr8, %dr6
	  nop	2
	}
	{
	  ibranch	.Lfail ? %pred1
	}
	{
	  ibranch	.Ldone ? %pred2
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 4, %dr8			! write(1, buf, n)
	  addd,1	0, 1, %dr9
	  addd,2	0, buf, %dr10
	  addd,3	0, %dr6, %dr11
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  ibranch	.Lread
	}
.Llink:
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 85, %dr8			! readlink(argv[2], buf, size)
	  addd,1	0, %dr4, %dr9
	  addd,2	0, buf, %dr10
	  addd,3	0, 65536, %dr11
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  cmpldb,0	%dr8, 0, %pred1
	  addd,1	0, %dr8, %dr6
	  nop	2
	}
	{
	  ibranch	.Lfail ? %pred1
	}
.Lwrite:
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 4, %dr8			! write(1, buf, n)
	  addd,1	0, 1, %dr9
	  addd,2	0, buf, %dr10
	  addd,3	0, %dr6, %dr11
	}
	{
	  call	%ctpr1, wbs=4
	}
.Ldone:
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %dr8			! exit(0)
	  addd,1	0, 0, %dr9
	}
	{
	  call	%ctpr1, wbs=4
	}
.Luname:
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 122, %dr8		! uname(buf)
	  addd,1	0, buf, %dr9
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  cmpldb,0	%dr8, 0, %pred1
	  nop	2
	}
	{
	  ibranch	.Lfail ? %pred1
	}
	{
	  addd,0	0, buf + 4 * 65, %dr3	! machine[]: print up to its NUL
	  addd,1	0, 0, %dr6
	}
.Lstrlen:
	{
	  ldb,0	[ %dr3 + 0 ], %dr7
	  nop	2
	}
	{
	  cmpedb,0	%dr7, 0, %pred2
	  nop	2
	}
	{
	  ibranch	.Lmachine ? %pred2
	}
	{
	  addd,0	%dr3, 1, %dr3
	  addd,1	%dr6, 1, %dr6
	}
	{
	  ibranch	.Lstrlen
	}
.Lmachine:
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 4, %dr8			! write(1, machine, len)
	  addd,1	0, 1, %dr9
	  addd,2	0, buf + 4 * 65, %dr10
	  addd,3	0, %dr6, %dr11
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  ibranch	.Ldone
	}
.Lfail:
	{
	  sdisp	%ctpr1, 0x3
	  subd,0	0, %dr8, %dr9		! exit(-result): the errno
	  addd,1	0, 1, %dr8
	}
	{
	  call	%ctpr1, wbs=4
	}
	.size	_start, . - _start

	.section .data
	.align	8
buf:
	.zero	65536
