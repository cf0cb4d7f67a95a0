! seg-store.S -- a segment-relative store in a 64-bit process is out of
! its (unset) segment: SIGSEGV before the wide instruction does anything.
! One whose predicate is false does nothing.
! expect-exit: 139
! expect-stdout: mem-seg-store: ok

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, buf, %dr1
	  addd,1	0, 0x77, %dr5
	  addd,3	0, 0, %dr20
	}
	{
	  cmpedb,0	%dr20, 1, %pred0	! false
	}
	{
	  nop	2
	}
	{
	  stesw,2	%r5, [ %r1 + 0 ] ? %pred0
	  stgdd,5	%dr5, [ %r1 + 8 ] ? %pred0
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 4, %r8		! write(1, msg, len)
	  addd,1	0, 1, %r9
	  addd,2	0, msg, %r10
	  addd,3	0, msg_len, %r11
	}
	{
	  call	%ctpr2, wbs=4
	}
	{
	  stfsd,2	%dr5, [ %r1 + 0 ]	! SIGSEGV
	}
	{
	  sdisp	%ctpr3, 0x3
	  addd,0	0, 1, %r8		! exit(0): not reached
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr3, wbs=4
	}
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"mem-seg-store: ok\n"
	msg_len = . - msg

	.data
	.align	8
buf:
	.fill	16, 1, 0
