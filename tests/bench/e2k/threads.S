! threads.S -- NTHREADS guest threads share WORK iterations of an
! independent integer loop (an LCG per thread, no shared data); the main
! thread joins them through CHILD_CLEARTID and exits with the low byte of
! the sum of their results.  Assembled with -DNTHREADS=1 and =2 by
! tests/bench/e2k-threads.sh to measure how the emulator scales.

#ifndef NTHREADS
#define NTHREADS 2
#endif
#ifndef WORK
#define WORK 400000000
#endif
#define STACK 0x4000
#define CLONE_FLAGS 0x3d0f00

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=32, nfx=1
	  addd,0	0, 0, %dr10
	}
spawn:
	{
	  shld,0	%dr10, 2, %dr11
	  muld,1	%dr10, STACK, %dr12
	}
	{
	  addd,0	%dr11, tids, %dr11
	}
	{
	  addd,1	%dr12, stacks + STACK, %dr12
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 120, %r24
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
	{
	  addd,1	%dr10, 1, %dr10
	}
	{
	  cmpldb,0	%dr10, NTHREADS, %pred2
	  nop	2
	}
	{
	  ibranch	spawn ? %pred2
	}
	{
	  addd,0	0, 0, %dr10
	}
join:
	{
	  shld,0	%dr10, 2, %dr11
	}
	{
	  addd,0	%dr11, tids, %dr11
	}
wait:
	{
	  ldw,0	%dr11, 0, %dr14
	  nop	2
	}
	{
	  cmpedb,0	%dr14, 0, %pred3
	  nop	2
	}
	{
	  ibranch	joined ? %pred3
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 248, %r24
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
joined:
	{
	  addd,0	%dr10, 1, %dr10
	}
	{
	  cmpldb,0	%dr10, NTHREADS, %pred2
	  nop	2
	}
	{
	  ibranch	join ? %pred2
	}
	! exit status: the low byte of the sum of the results
	{
	  addd,0	0, results, %dr15
	  addd,1	0, 0, %dr16
	  addd,2	0, 0, %dr10
	}
sum:
	{
	  ldd,0	%dr15, 0, %dr17
	  addd,1	%dr15, 8, %dr15
	  addd,2	%dr10, 1, %dr10
	  nop	2
	}
	{
	  addd,0	%dr16, %dr17, %dr16
	  cmpldb,1	%dr10, NTHREADS, %pred4
	  nop	2
	}
	{
	  ibranch	sum ? %pred4
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 300, %r24		! exit_group
	  andd,1	%dr16, 0xff, %r25
	}
	{
	  call	%ctpr1, wbs=12
	}

child:
	{
	  addd,0	0, WORK / NTHREADS, %dr8
	  addd,1	%dr10, 12345, %dr7		! the thread's seed
	}
loop:
	{
	  muld,0	%dr7, 6364136223846793005, %dr7
	  subd,1	%dr8, 1, %dr8
	}
	{
	  addd,0	%dr7, 1442695040888963407, %dr7
	  cmpedb,1	%dr8, 0, %pred7
	  nop	2
	}
	{
	  ibranch	loop ? ~%pred7
	}
	{
	  shld,0	%dr10, 3, %dr9
	}
	{
	  addd,0	%dr9, results, %dr9
	}
	{
	  std,2	%dr7, [ %dr9 + 0 ]
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r24
	  addd,1	0, 0, %r25
	}
	{
	  call	%ctpr1, wbs=12
	}

	.data
	.align	8
results:
	.fill	8, 8, 0
tids:
	.fill	8, 4, 0
	.bss
	.align	16
stacks:
	.skip	8 * STACK
