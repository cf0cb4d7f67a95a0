! dtal-notags.S -- %MLOCK || %dt_alN needs the tags: without tags=on a failed
! speculative load is not marked, so the condition cannot be evaluated and
! the wide instruction raises SIGILL instead of never branching.
! expect-exit: 132
! expect-stdout: before
! qemu-args: -cpu e8c,tags=off
	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  sdisp	%ctpr1, 0x3
	}
	{
	  addd,0	0, 4, %r8
	  addd,1	0, 1, %r9
	  addd,2	0, msg, %r10
	  addd,3	0, msg_len, %r11
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  addd,0	0, 0x10, %r1
	}
	{
	  ldd,0,sm	%r1, 8, %r3
	  ibranch	.Lnext ? %MLOCK || %dt_al0
	}
.Lnext:
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 4, %r8
	  addd,1	0, 1, %r9
	  addd,2	0, bad, %r10
	  addd,3	0, bad_len, %r11
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r8
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr1, wbs=4
	}
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"before\n"
	msg_len = . - msg
bad:
	.ascii	"not reached\n"
	bad_len = . - bad
