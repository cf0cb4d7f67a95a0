! recurse.S -- deep recursion: sum(n) = n + sum(n - 1), 3000 levels deep.
! Every level shifts the register window by wbs=2 (4 registers), so the
! register stack outgrows any register file and must be spilled to the
! procedure stack and filled back on the way out; values kept in the
! caller's window across the calls must survive that.
! expect-exit: 0
! expect-stdout: recurse: ok

	N = 3000

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=4, nfx=1		! %r0..%r7; a callee gets %r4..%r7
	  disp	%ctpr1, sum
	  addd,0	0, N, %r4		! argument
	  addd,1	0, 0x55, %r2		! must survive the calls
	}
	{
	  call	%ctpr1, wbs=2
	}
	! sum(3000) = 3000 * 3001 / 2 = 4501500; %r2 still 0x55
	{
	  cmpedb,0	%r4, 4501500, %pred0
	  cmpedb,1	%r2, 0x55, %pred1
	  sdisp	%ctpr2, 0x3
	}
	{
	  setwd	wsz=8, nfx=1
	  pass	%pred0, @p0
	  pass	%pred1, @p1
	  andp	@p0, @p1, @p4
	  pass	@p4, %pred2
	}
	{
	  addd,0	0, 4, %r8
	  addd,1	0, 1, %r9
	  addd,2	0, msg, %r10
	  addd,3	0, msg_len, %r11
	}
	{
	  addd,3	0, 0, %r11 ? ~%pred2	! print nothing on failure
	}
	{
	  call	%ctpr2, wbs=4
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 1, %r8
	  addd,1	0, 0, %r9
	}
	{
	  addd,1	0, 1, %r9 ? ~%pred2
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start

! long sum(long n): n in %r0, result in %r0
	.type	sum, @function
sum:
	{
	  setwd	wsz=4, nfx=1
	  return	%ctpr3
	}
	{
	  disp	%ctpr1, sum
	  cmpedb,0	%r0, 0, %pred0
	  subd,1	%r0, 1, %r4		! the callee's n
	  addd,2	%r0, 0, %r3		! keep n across the call
	  nop	2
	}
	{
	  ct	%ctpr3 ? %pred0		! sum(0) = 0: %r0 already holds it
	}
	{
	  call	%ctpr1, wbs=2
	}
	{
	  addd,0	%r3, %r4, %r0
	  return	%ctpr3			! ctprs do not survive a call
	}
	{
	  ct	%ctpr3
	}
	.size	sum, . - sum

	.section .rodata
msg:
	.ascii	"recurse: ok\n"
	msg_len = . - msg
