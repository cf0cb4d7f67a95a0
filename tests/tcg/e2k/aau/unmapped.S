! unmapped.S -- an array-prefetch loop whose area runs into an unmapped
! page: the movas past the end of the mapped page give 0 instead of a
! fault (a prefetch never faults), the loop completes.  Memory from
! mmap(8192) with its second page unmapped again.  Run with tags=off,
! where those 0s are plain numbers (aau/mova-tags.S: the diagnostic ones).
! expect-exit: 0
! expect-stdout: aau-unmapped: ok
! qemu-args: -cpu ,tags=off

	.include "../lib/report.inc"
	.include "check.inc"
	.include "loops.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 0, %dr20
	}
	{
	  addd,0	0, 90, %r8		! mmap(0, 8192, RW, PRIVATE|ANON, -1, 0)
	  addd,1	0, 0, %r9
	  addd,2	0, 8192, %r10
	  addd,3	0, 3, %r11
	  addd,4	0, 0x12, %r12
	  addd,5	0, -1, %r13
	}
	{
	  addd,0	0, 0, %r14
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  addd,0	0, %dr8, %dr5
	  sdisp	%ctpr1, 0x3
	}
	{
	  addd,0	0, 91, %r8		! munmap(addr + 4096, 4096)
	  addd,1	%dr5, 4096, %r9
	  addd,2	0, 4096, %r10
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  addd,0	%dr5, 4096 - 32, %dr6
	  addd,1	0, 1, %dr7
	}
	{
	  std,2	%dr7, %dr6, 0
	  addd,0	0, 2, %dr7
	}
	{
	  std,2	%dr7, %dr6, 8
	  addd,0	0, 3, %dr7
	}
	{
	  std,2	%dr7, %dr6, 16
	  addd,0	0, 4, %dr7
	}
	{
	  std,2	%dr7, %dr6, 24
	}
	! eight double words from 32 bytes before the hole
	sum	8, movad, 4, %dr6, 0, 0
	chk	%dr10, 10
	! bytes: 16 from 8 before the hole
	{
	  addd,0	%dr5, 4096 - 8, %dr6
	}
	sum	16, movab, 1, %dr6, 0, 0
	chk	%dr10, 4
	report	%dr20, msg, 17
	.size	_start, . - _start

	.data
msg:
	.ascii	"aau-unmapped: ok\n"
