! syscalls.S -- the system call gate: write, getpid (a positive pid),
! an unknown number (-ENOSYS), then exit_group with status 7.  Values in
! the caller's window around the call area must survive.
! expect-exit: 7
! expect-stdout: syscalls: ok

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 20, %r8		! __NR_getpid
	  addd,1	0, 0x77, %r7		! must survive
	  addd,2	0, 0, %r6		! failure count
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  cmpledb,0	%r8, 0, %pred0		! pid <= 0: bad
	  cmpedb,1	%r7, 0x77, %pred1
	  sdisp	%ctpr1, 0x3
	  nop	2
	}
	{
	  addd,0	%r6, 1, %r6 ? %pred0
	}
	{
	  addd,0	%r6, 1, %r6 ? ~%pred1
	  addd,1	0, 9999, %r8		! not a system call
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  cmpedb,0	%r8, -38, %pred0	! -ENOSYS
	  sdisp	%ctpr1, 0x3
	  nop	2
	}
	{
	  addd,0	%r6, 1, %r6 ? ~%pred0
	}
	{
	  cmpedb,0	%r6, 0, %pred2
	  addd,1	0, 4, %r8		! __NR_write
	  addd,2	0, 1, %r9
	  addd,3	0, msg, %r10
	  addd,4	0, msg_len, %r11
	  nop	2
	}
	{
	  addd,4	0, 0, %r11 ? ~%pred2
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 300, %r8		! __NR_exit_group (e2k: 300)
	  addd,1	0, 7, %r9
	}
	{
	  addd,1	0, 1, %r9 ? ~%pred2
	}
	{
	  call	%ctpr1, wbs=4
	}
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"syscalls: ok\n"
	msg_len = . - msg
