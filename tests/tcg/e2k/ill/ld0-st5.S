! ld0-st5.S -- the hardware rejects a wide instruction with a load on
! channel 0 and a store on channel 5: it is an illegal instruction
! (SIGILL) before any of its effects.  A load on channel 0 with a store
! on channel 2, or a load on channel 3 with a store on channel 5, is
! fine.
! expect-exit: 132
! expect-stdout: ld0-st5: ok

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  addd,1	0, 0x77, %dr6
	}
	{
	  getsp,0	_f32s 0xffffffc0, %dr4	! 64 bytes of stack
	}
	{
	  std,2	%dr6, [ %dr4 + 8 ]
	}
	{
	  ldd,0	%dr4, 8, %dr7
	  std,2	%dr6, [ %dr4 + 16 ]
	}
	{
	  ldd,3	%dr4, 16, %dr8
	  std,5	%dr7, [ %dr4 + 24 ]
	}
	{
	  ldd,0	%dr4, 24, %dr9
	}
	{
	  cmpedb,0	%dr8, 0x77, %pred0
	  cmpedb,1	%dr9, 0x77, %pred1
	  sdisp	%ctpr1, 0x3
	}
	{
	  pass	%pred0, @p0
	  pass	%pred1, @p1
	  andp	@p0, @p1, @p4
	  pass	@p4, %pred2
	}
	{
	  addd,0	0, 4, %r24
	  addd,1	0, 1, %r25
	  addd,2	0, msg, %r26
	  addd,3	0, msg_len, %r27
	}
	{
	  addd,3	0, 0, %r27 ? ~%pred2
	}
	{
	  call	%ctpr1, wbs=12
	}
	{
	  ldd,0	%dr4, 8, %dr7
	  std,5	%dr6, [ %dr4 + 32 ]
	}
	! not reached: prints a second line
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 4, %r24
	  addd,1	0, 1, %r25
	  addd,2	0, msg, %r26
	  addd,3	0, msg_len, %r27
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
	  call	%ctpr1, wbs=12
	}
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"ld0-st5: ok\n"
	msg_len = . - msg
