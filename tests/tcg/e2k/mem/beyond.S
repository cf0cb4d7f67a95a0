! beyond.S -- accesses at and beyond the end of the guest address space
! (-R 1G: guest addresses 0..0x3fffffff).  No guest page can be there,
! and the host may have its own memory at that distance from the guest
! space, so the access must not reach the host: each one is SIGSEGV with
! si_code SEGV_MAPERR (1) and si_addr the address, as the kernel gives
! for an address nothing is mapped at, and the wide instruction changes
! nothing.  A load just below the end faults the same way (an unmapped
! guest page), and one from a mapped page works.
! qemu-args: -R 1G
! expect-exit: 0
! expect-stdout: mem-beyond: ok

	.include "../sig/sig.inc"
	.include "../lib/report.inc"

	.macro	resume_at label
	{
	  addd,0	0, resume, %r15
	  addd,1	0, \label, %r16
	}
	{
	  std,2	%r16, [ %r15 + 0 ]
	}
	.endm

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20
	  addd,1	0, 0x55, %r31
	}
	sys	174, 11, act, 0, 8		! rt_sigaction(SIGSEGV, ...)
	check	%r8, 0
	{
	  addd,0	0, _f32s 0x40000000, %r1	! the end of the guest space
	  addd,1	0, _f64 0x7fff00000000, %r2
	}
	{
	  subd,0	0, 1, %r3
	  addd,1	0, _f32s 0x3ffff000, %r4	! the last guest page
	}
	resume_at 1f
	{
	  ldd,0	[ %r1 + 0 ], %r31
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
1:	resume_at 2f
	{
	  std,2	%r31, [ %r2 + 0 ]
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
2:	resume_at 3f
	{
	  ldb,0	[ %r3 + 0 ], %r31
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
3:	resume_at 4f
	{
	  ldd,0	[ %r4 + 0 ], %r31
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
4:	check	%r31, 0x55			! no load wrote it
	ldcheck	count, 4
	ldcheck	log+0, 1
	ldcheck	log+8, 0x40000000
	ldcheck	log+16, 1
	ldcheck	log+24, 0x7fff00000000
	ldcheck	log+32, 1
	ldcheck	log+40, -1
	ldcheck	log+48, 1
	ldcheck	log+56, 0x3ffff000
	{
	  addd,0	0, word, %r5
	}
	{
	  ldd,0	[ %r5 + 0 ], %r31		! a mapped page: no fault
	}
	{
	  nop	3
	}
	check	%r31, 0x1234
	ldcheck	count, 4
	report	%r20, msg, msg_len
	.size	_start, . - _start

! handler: log { si_code, si_addr }, resume at *resume
	.type	handler, @function
handler:
	{
	  setwd	wsz=12, nfx=1
	  addd,0	0, count, %r4
	}
	{
	  ldd,0	[ %r4 + 0 ], %r5
	  ldw,2	[ %r1 + 8 ], %r6
	  ldd,3	[ %r1 + 16 ], %r7
	  nop	3
	}
	{
	  shld,0	%r5, 4, %r3
	  addd,1	%r5, 1, %r5
	}
	{
	  addd,0	%r3, log, %r3
	  std,2	%r5, [ %r4 + 0 ]
	}
	{
	  std,2	%r6, [ %r3 + 0 ]
	  std,5	%r7, [ %r3 + 8 ]
	}
	{
	  ldd,0	[ %r4 + 8 ], %r5		! resume address
	  nop	3
	}
	{
	  std,2	%r5, [ %r2 + 48 ]		! uc_mcontext.cr0_hi
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	handler, . - handler

	.data
	.align	8
act:
	.quad	handler, 4, 0, 0
count:
	.quad	0
resume:
	.quad	0
log:
	.fill	64, 1, 0xff
word:
	.quad	0x1234
msg:
	.ascii	"mem-beyond: ok\n"
	msg_len = . - msg
