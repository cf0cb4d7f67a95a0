! getsp-commit.S -- getsp moves %usd when its wide instruction commits:
! a later channel of the same wide instruction (a getsp by 0, which
! returns the stack pointer) sees the old %usd, the next wide instruction
! the new one.
! expect-exit: 0
! expect-stdout: getsp-commit: ok

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  rrd,0	%usd.lo, %dr1
	}
	{
	  getsp,0	_f32s 0xffffffc0, %dr2	! -64
	  getsp,3	0, %dr3			! same bundle: the old %usd
	}
	{
	  rrd,0	%usd.lo, %dr5		! next bundle: the new one
	}
	{
	  andd,0	%dr1, _f64 0xffffffffffff, %dr1
	  andd,1	%dr3, _f64 0xffffffffffff, %dr3
	  andd,2	%dr5, _f64 0xffffffffffff, %dr5
	}
	{
	  subd,0	%dr1, %dr2, %dr6
	}
	{
	  cmpedb,0	%dr3, %dr1, %pred0
	  cmpedb,1	%dr5, %dr2, %pred1
	  cmpedb,3	%dr6, 64, %pred2
	  sdisp	%ctpr1, 0x3
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
	.ascii	"getsp-commit: ok\n"
	msg_len = . - msg
