! segv.S -- a fault in a second guest thread reaches the guest as its
! SIGSEGV (here uncaught: the process dies of it, and qemu-e2k says so),
! not as a host signal that kills qemu-e2k silently: the new host thread
! must not keep the host signals blocked once it runs guest code.
! expect-exit: 139

	CLONE_FLAGS = 0x3d0f00
	STACK = 0x4000

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=32, nfx=1
	  addd,0	0, tid, %dr11
	}
	{
	  addd,1	0, stack + STACK, %dr12
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 120, %r24		! clone
	  addd,1	0, CLONE_FLAGS, %r25
	  addd,2	0, %dr12, %r26
	  addd,3	0, %dr11, %r27
	  addd,4	0, %dr11, %r28
	  addd,5	0, 0, %r29
	}
	{
	  call	%ctpr1, wbs=12
	}
	{
	  cmpedb,0	%dr24, 0, %pred0
	  nop	2
	}
	{
	  ibranch	child ? %pred0
	}
wait:
	{
	  ldw,0	%dr11, 0, %dr14
	  nop	2
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 248, %r24		! futex wait on the tid: forever
	  addd,1	0, %dr11, %r25
	  addd,2	0, 0, %r26
	  addd,3	0, %dr14, %r27
	  addd,4	0, 0, %r28
	}
	{
	  call	%ctpr1, wbs=12
	}
	{
	  ibranch	wait
	}
child:
	{
	  addd,0	0, 0x10, %dr1
	}
	{
	  ldd,0	%dr1, 0, %dr2		! page 0 is never mapped
	}
	{
	  ibranch	child
	}

	.data
	.align	4
tid:
	.word	0
	.bss
	.align	16
stack:
	.skip	STACK
