! abort.S -- what glibc's abort() does: tgkill(getpid(), gettid(),
! SIGABRT).  A signal a program sends itself goes through its signal
! dispositions; the default kills it (status 128 + 6).
! expect-exit: 134

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=12, nfx=1
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 20, %r8		! getpid
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, %r8, %r16		! pid
	  addd,1	0, 244, %r8		! gettid
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, %r8, %r10		! tid
	  addd,1	0, %r16, %r9		! pid
	  addd,2	0, 6, %r11		! SIGABRT
	  addd,3	0, 308, %r8		! tgkill
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 1, %r8		! exit(0): must not be reached
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start
