! getsp.S -- stack allocation: getsp moves the user stack pointer (%usd)
! down by the (16-byte aligned) amount and returns the new one; the
! allocated area is usable memory.
! expect-exit: 0
! expect-stdout: getsp: ok

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  rrd,0	%usd.lo, %dr1
	}
	{
	  getsp,0	_f32s 0xffffffb8, %dr2	! -72, aligned down to -80
	}
	{
	  getsp,0	_f32s 0xffffffc0, %dr4	! -64
	  andd,1	%dr1, _f64 0xffffffffffff, %dr1
	}
	{
	  subd,0	%dr1, %dr2, %dr3
	  subd,1	%dr2, %dr4, %dr5
	  addd,2	0, 0x5a5a, %dr6
	}
	{
	  std,2	%dr6, [ %dr4 + 8 ]
	}
	{
	  ldd,0	%dr4, 8, %dr7
	}
	{
	  cmpedb,0	%dr3, 80, %pred0	! -72 & ~15 = -80
	  cmpedb,1	%dr5, 64, %pred1
	  cmpedb,3	%dr7, 0x5a5a, %pred2
	  sdisp	%ctpr1, 0x3
	  nop	2
	}
	{
	  pass	%pred0, @p0
	  pass	%pred1, @p1
	  andp	@p0, @p1, @p4
	  pass	@p4, %pred3
	}
	{
	  pass	%pred3, @p0
	  pass	%pred2, @p1
	  andp	@p0, @p1, @p4
	  pass	@p4, %pred4
	}
	{
	  addd,0	0, 4, %r24
	  addd,1	0, 1, %r25
	  addd,2	0, msg, %r26
	  addd,3	0, msg_len, %r27
	}
	{
	  addd,3	0, 0, %r27 ? ~%pred4
	}
	{
	  call	%ctpr1, wbs=12
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r24
	  addd,1	0, 0, %r25
	}
	{
	  addd,1	0, 1, %r25 ? ~%pred4
	}
	{
	  call	%ctpr1, wbs=12
	}
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"getsp: ok\n"
	msg_len = . - msg
