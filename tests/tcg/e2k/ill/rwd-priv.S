! rwd-priv.S -- user code may not write privileged state registers
! (here %psr): SIGILL.  %lsr and %upsr are writable and %psr readable.
! expect-exit: 132
! expect-stdout: rrd: ok

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  rwd,0	5, %lsr
	  sdisp	%ctpr1, 0x3
	}
	{
	  rrd,0	%lsr, %r1
	}
	{
	  rrd,0	%psr, %r2
	}
	{
	  cmpedb,0	%r1, 5, %pred0
	  nop	2
	}
	{
	  addd,0	0, 4, %r8
	  addd,1	0, 1, %r9
	  addd,2	0, msg, %r10
	  addd,3	0, msg_len, %r11
	}
	{
	  addd,3	0, 0, %r11 ? ~%pred0
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  rwd,0	0, %psr
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 1, %r8
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"rrd: ok\n"
	msg_len = . - msg
