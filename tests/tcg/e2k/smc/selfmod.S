! selfmod.S -- self-modifying code: copy a function into an executable
! anonymous mapping, call it, overwrite it with another one, call again.
! The second copy writes to a page that holds translated code, so the old
! translation must be thrown away.
! expect-exit: 0
! expect-stdout: smc: ok

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 90, %r24		! __NR_mmap
	  addd,1	0, 0, %r25
	  addd,2	0, 4096, %r26
	  addd,3	0, 7, %r27		! PROT_READ | PROT_WRITE | PROT_EXEC
	  addd,4	0, 0x12, %r28		! MAP_PRIVATE | MAP_ANONYMOUS
	}
	{
	  subd,0	0, 1, %r29		! fd -1
	  addd,1	0, 0, %r30
	}
	{
	  call	%ctpr1, wbs=12
	}
	{
	  addd,0	%r24, 0, %r20		! the code page
	  addd,1	0, f1, %r2
	}
	{
	  ldd,0	%r2, 0, %r3
	  ldd,2	%r2, 8, %r4
	  ldd,3	%r2, 16, %r5
	  ldd,5	%r2, 24, %r6
	}
	{
	  std,2	%r3, [ %r20 + 0 ]
	  std,5	%r4, [ %r20 + 8 ]
	}
	{
	  std,2	%r5, [ %r20 + 16 ]
	  std,5	%r6, [ %r20 + 24 ]
	}
	{
	  movtd,0	%r20, %ctpr1
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  addd,0	%r8, 0, %r21		! first result
	  addd,1	0, f2, %r2
	}
	{
	  ldd,0	%r2, 0, %r3
	  ldd,2	%r2, 8, %r4
	  ldd,3	%r2, 16, %r5
	  ldd,5	%r2, 24, %r6
	}
	{
	  std,2	%r3, [ %r20 + 0 ]
	  std,5	%r4, [ %r20 + 8 ]
	}
	{
	  std,2	%r5, [ %r20 + 16 ]
	  std,5	%r6, [ %r20 + 24 ]
	}
	{
	  movtd,0	%r20, %ctpr1
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  cmpedb,0	%r21, 1, %pred0
	  cmpedb,1	%r8, 2, %pred1
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
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r24
	  addd,1	0, 0, %r25
	}
	{
	  addd,1	0, 1, %r25 ? ~%pred2
	}
	{
	  call	%ctpr1, wbs=12
	}
	.size	_start, . - _start

! Two functions of the same size that return 1 and 2 in %r0.
	.balign	32
f1:
	{
	  return	%ctpr3
	  addd,0	0, 1, %r0
	}
	{
	  ct	%ctpr3
	}
	.balign	32
f2:
	{
	  return	%ctpr3
	  addd,0	0, 2, %r0
	}
	{
	  ct	%ctpr3
	}
	.balign	32

	.section .rodata
msg:
	.ascii	"smc: ok\n"
	msg_len = . - msg
