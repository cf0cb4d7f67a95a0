! seg-load.S -- segment- and %gd-relative loads in a 64-bit process: the
! kernel leaves %cs..%ss and %gd unset (base 0, size 0), so every access
! is out of bounds: SIGSEGV.  The speculative form yields 0 instead, and
! a form whose predicate is false does nothing.  Run with tags=off, where
! that 0 is a plain number (tags/ checks the diagnostic value).
! expect-exit: 139
! expect-stdout: mem-seg-load: ok
! qemu-args: -cpu ,tags=off

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, msg, %dr1		! a readable address
	  addd,1	0, 0x55, %dr5
	  addd,2	0, 0x66, %dr6
	  addd,3	0, 0, %dr20
	}
	{
	  cmpedb,0	%dr20, 1, %pred0	! false
	}
	{
	  nop	2
	}
	{
	  ldcsw,0,sm	%r1, 0, %dr5
	  ldgdw,3	%r1, 4, %dr6 ? %pred0
	  ldssd,5	%r1, 8, %dr7 ? %pred0
	}
	{
	  nop	3
	}
	{
	  cmpedb,0	%dr5, 0, %pred1
	  cmpedb,1	%dr6, 0x66, %pred2
	}
	{
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred1
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred2
	}
	{
	  cmpedb,0	%dr20, 0, %pred1
	  sdisp	%ctpr2, 0x3
	}
	{
	  addd,0	0, 4, %r8		! write(1, msg, len) or nothing
	  addd,1	0, 1, %r9
	  addd,2	0, msg, %r10
	  addd,3	0, msg_len, %r11
	  nop	2
	}
	{
	  addd,3	0, 0, %r11 ? ~%pred1
	}
	{
	  call	%ctpr2, wbs=4
	}
	{
	  ldgdw,0	%r1, 0, %dr5		! SIGSEGV
	}
	{
	  sdisp	%ctpr3, 0x3
	  addd,0	0, 1, %r8		! exit(failures): not reached
	  addd,1	0, %r20, %r9
	}
	{
	  call	%ctpr3, wbs=4
	}
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"mem-seg-load: ok\n"
	msg_len = . - msg
