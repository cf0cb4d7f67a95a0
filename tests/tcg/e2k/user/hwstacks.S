! hwstacks.S -- access_hw_stacks from inside a function: the chain stack
! it reports ends with the current function's frame, whose return
! address is the caller's next instruction; and reading it does not
! disturb the return.
! expect-exit: 0
! expect-stdout: hwstacks: ok

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  disp	%ctpr1, probe
	}
	{
	  call	%ctpr1, wbs=4		! probe's %r0 is our %r8
	}
ret_here:
	{
	  cmpedb,0	%r8, 0, %pred0
	  sdisp	%ctpr2, 0x3
	}
	{
	  addd,0	0, 4, %r8
	  addd,1	0, 1, %r9
	  addd,2	0, msg, %r10
	  addd,3	0, msg_len, %r11
	  nop	2
	}
	{
	  addd,3	0, 0, %r11 ? ~%pred0	! nothing printed on failure
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
	  addd,1	0, 1, %r9 ? ~%pred0
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start

! long probe(void): 0 when the chain stack looks right
	.type	probe, @function
probe:
	{
	  setwd	wsz=12, nfx=1
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 254, %r16		! access_hw_stacks(
	  addd,1	0, 4, %r17		!   E2K_GET_CHAIN_STACK_SIZE,
	  addd,2	0, 0, %r18		!   NULL, NULL, 0,
	  addd,3	0, 0, %r19
	  addd,4	0, 0, %r20
	  addd,5	0, size, %r21		!   &size)
	}
	{
	  call	%ctpr1, wbs=8
	}
	{
	  addd,0	0, size, %r1
	}
	{
	  nop	1
	}
	{
	  ldd,0	[ %r1 + 0 ], %r2		! chain stack bytes
	}
	{
	  nop	3
	}
	{
	  addd,2	0, zero, %r18		!   &offset_0,
	}
	{
	  addd,3	0, chain, %r19		!   buf,
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 254, %r16		! access_hw_stacks(
	  addd,1	0, 6, %r17		!   E2K_READ_CHAIN_STACK_EX,
	  addd,4	0, %r2, %r20		!   size, NULL)
	  addd,5	0, 0, %r21
	}
	{
	  call	%ctpr1, wbs=8
	}
	{
	  addd,0	0, chain, %r3
	  addd,1	0, %r16, %r6		! the result
	}
	{
	  addd,0	%r3, %r2, %r3		! end of the copy
	}
	{
	  subd,0	%r3, 24, %r3		! last frame's cr0.hi: return ip
	}
	{
	  ldd,0	[ %r3 + 0 ], %r4
	}
	{
	  nop	3
	}
	{
	  andd,0	%r4, -8, %r4
	  cmpedb,1	%r6, 0, %pred1
	}
	{
	  cmpedb,0	%r4, ret_here, %pred0
	  addd,1	0, 1, %r0
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  addd,1	0, 0, %r0 ? %pred0
	}
	{
	  addd,1	0, 2, %r0 ? ~%pred1
	}
	{
	  ct	%ctpr3
	}
	.size	probe, . - probe

	.section .data
msg:
	.ascii	"hwstacks: ok\n"
	msg_len = . - msg
	.align	8
zero:
	.quad	0
size:
	.quad	0
chain:
	.zero	4096
