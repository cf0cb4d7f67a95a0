! smc.S -- self-modifying code: run a bundle, patch its literal, run it
! again; the second run must see the new literal (the page holding the
! translation is write-protected; the guest's store invalidates it).
! expect-exit: 0
! expect-stdout: smc: ok

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 125, %r8		! mprotect(patchme page, 4096, RWX)
	  addd,1	0, patchme, %r9
	  addd,2	0, 4096, %r10
	  addd,3	0, 7, %r11
	}
	{
	  andd,0	%r9, -4096, %r9
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  addd,0	0, 0, %r2		! pass counter
	  disp	%ctpr1, patchme
	}
	{
	  ct	%ctpr1
	}
after:
	{
	  addd,1	%r2, 1, %r2
	  cmpedb,0	%r2, 0, %pred0		! first pass?
	  disp	%ctpr1, first
	}
	{
	  cmpedb,0	%r1, 0x11111, %pred1
	  cmpedb,1	%r1, 0x22222, %pred2
	  nop	2
	}
	{
	  ct	%ctpr1 ? %pred0
	}
	! second pass: the patched literal must have been used
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 4, %r8
	  addd,1	0, 1, %r9
	  addd,2	0, msg, %r10
	  addd,3	0, msg_len, %r11
	}
	{
	  addd,3	0, 0, %r11 ? ~%pred2
	}
	{
	  call	%ctpr2, wbs=4
	}
	{
	  sdisp	%ctpr3, 0x3
	  addd,0	0, 1, %r8
	  addd,1	0, 0, %r9
	}
	{
	  addd,1	0, 1, %r9 ? ~%pred2
	}
	{
	  call	%ctpr3, wbs=4
	}
first:
	{
	  addd,0	0, patchme, %r5
	  addd,1	0, 0x22222, %r6
	  disp	%ctpr1, patchme
	}
	{
	  stw,2	%r6, [ %r5 + 12 ]
	}
	{
	  ct	%ctpr1
	}
	.size	_start, . - _start

	.section .smc, "awx", @progbits
patchme:
	{
	  addd,0	0, 0x11111, %r1
	  disp	%ctpr2, after
	}
	{
	  ct	%ctpr2
	}
msg:
	.ascii	"smc: ok\n"
	msg_len = . - msg
