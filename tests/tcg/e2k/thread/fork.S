! fork.S -- fork makes a second process with its own copy of memory:
! the child sees 0, changes a variable and exits with 7; the parent sees
! the child's pid, waits for it with wait4 (status 7 << 8, the same pid)
! and still sees its own value of the variable.
! expect-exit: 0
! expect-stdout: thread-fork: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=32, nfx=1
	  addd,1	0, 0, %dr20
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 2, %r24		! fork()
	}
	{
	  call	%ctpr1, wbs=12
	}
	{
	  cmpedb,0	%dr24, 0, %pred0
	  cmpledb,1	%dr24, 0, %pred1
	  addd,2	0, %dr24, %dr10		! the child's pid
	}
	{
	  nop	2
	}
	{
	  ibranch	child ? %pred0
	}
	{
	  addd,0	%dr20, 1, %dr20 ? %pred1	! fork failed
	}
	{
	  addd,0	0, status, %dr11
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 114, %r24		! wait4(
	  addd,1	0, -1, %r25		!   any child,
	  addd,2	0, %dr11, %r26		!   &status,
	  addd,3	0, 0, %r27		!   0,
	  addd,4	0, 0, %r28		!   NULL)
	}
	{
	  call	%ctpr1, wbs=12
	}
	{
	  addd,0	0, var, %dr12
	  ldw,2	%dr11, 0, %dr13
	}
	{
	  ldw,0	%dr12, 0, %dr14
	  nop	2
	}
	{
	  cmpedb,0	%dr24, %dr10, %pred2
	  cmpedb,1	%dr13, 0x700, %pred3
	  cmpedb,3	%dr14, 1, %pred4
	  nop	2
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
	report	%dr20, msg, 16

child:
	{
	  addd,0	0, var, %dr12
	  addd,1	0, 99, %dr15
	}
	{
	  stw,2	%dr15, [ %dr12 + 0 ]
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r24		! exit(7)
	  addd,1	0, 7, %r25
	}
	{
	  call	%ctpr1, wbs=12
	}

	.data
	.align	4
var:
	.word	1
status:
	.word	0
msg:
	.ascii	"thread-fork: ok\n"
