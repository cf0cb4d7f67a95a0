! mem.S -- brk and anonymous mmap/munmap from a guest: memory handed out
! is usable, and munmap succeeds.  %r20 counts failed checks.
! expect-exit: 0
! expect-stdout: mem: ok

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=12, nfx=1
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 45, %r8		! brk(0): the current break
	  addd,1	0, 0, %r9
	  addd,2	0, 0, %r20
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, %r8, %r16		! old break
	  addd,1	%r8, 8192, %r9		! brk(old + 8192)
	  addd,2	%r8, 8192, %r17
	  addd,3	0, 45, %r8
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  cmpedb,0	%r8, %r17, %pred0	! moved?
	  addd,1	0, 0x55, %r2
	}
	{
	  std,2	%r2, [ %r16 + 100 ]
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred0
	  ldd,3	[ %r16 + 100 ], %r3
	}
	{
	  nop	3
	}
	{
	  cmpedb,0	%r3, 0x55, %pred1
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 90, %r8		! mmap(0, 4096, RW, PRIVATE|ANON, -1, 0)
	  addd,1	0, 0, %r9
	  addd,2	0, 4096, %r10
	  addd,3	0, 3, %r11
	  addd,4	0, 0x12, %r12
	  addd,5	0, -1, %r13
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred1
	  addd,1	0, 0, %r14
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  addd,0	0, %r8, %r18		! the new mapping
	  addd,1	0, 0x77, %r2
	}
	{
	  std,2	%r2, [ %r18 + 4088 ]
	}
	{
	  ldd,3	[ %r18 + 4088 ], %r3
	}
	{
	  nop	3
	}
	{
	  cmpedb,0	%r3, 0x77, %pred0
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 91, %r8		! munmap(addr, 4096)
	  addd,1	0, %r18, %r9
	  addd,2	0, 4096, %r10
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred0
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  cmpedb,0	%r8, 0, %pred0
	}
	{
	  sdisp	%ctpr2, 0x3
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred0
	}
	{
	  cmpedb,0	%r20, 0, %pred1
	}
	{
	  addd,0	0, 4, %r8		! write(1, msg, len) or nothing
	  addd,1	0, 1, %r9
	  addd,2	0, msg, %r10
	  addd,3	0, msg_len, %r11
	  nop	2
	}
	{
	  addd,3	0, 0, %r11 ? ~%pred1
	}
	{
	  call	%ctpr2, wbs=4
	}
	{
	  sdisp	%ctpr3, 0x3
	  addd,0	0, 1, %r8		! exit(failures)
	  addd,1	0, %r20, %r9
	}
	{
	  call	%ctpr3, wbs=4
	}
	.size	_start, . - _start

	.section .rodata
msg:
	.ascii	"mem: ok\n"
	msg_len = . - msg
