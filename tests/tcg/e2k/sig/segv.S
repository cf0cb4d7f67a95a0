! segv.S -- SIGSEGV handlers.  A load from an unmapped page: si_code
! SEGV_MAPERR (1) and si_addr the address; the handler resumes elsewhere
! by changing uc_mcontext.cr0_hi.  A store to a PROT_NONE page: si_code
! SEGV_ACCERR (2); the handler makes the page writable with mprotect and
! returns, so the store is retried and lands.
! expect-exit: 0
! expect-stdout: sig-segv: ok

	.include "sig.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20
	}
	sys	174, 11, act, 0, 8		! rt_sigaction(SIGSEGV, ...)
	check	%r8, 0
	{
	  addd,0	0, 0x1008, %r30
	  addd,1	0, 0x77, %r31
	}
	{
	  ldd,0	[ %r30 + 0 ], %r31		! unmapped: the handler skips it
	}
	{
	  addd,0	%r20, 100, %r20		! must not run
	}
recover:
	check	%r31, 0x77			! the load did not happen
	sys	90, 0, 4096, 0, 0x12, -1, 0	! mmap(0, 4096, PROT_NONE, ...)
	{
	  addd,0	0, %r8, %r32
	  addd,1	0, 0x1234, %r33
	}
	{
	  std,2	%r33, [ %r32 + 8 ]		! faults once, then lands
	}
	{
	  ldd,0	[ %r32 + 8 ], %r34
	}
	{
	  nop	3
	}
	check	%r34, 0x1234
	ldcheck	count, 2
	ldcheck	log+0, 1
	ldcheck	log+8, 0x1008
	ldcheck	log+16, 2
	{
	  addd,0	0, log+24, %r15
	}
	{
	  ldd,0	[ %r15 + 0 ], %r15
	}
	{
	  nop	3
	}
	{
	  subd,0	%r15, %r32, %r15
	}
	check	%r15, 8
	report	%r20, msg, msg_len
	.size	_start, . - _start

! handler(sig, info, uc): log { si_code, si_addr }; MAPERR: resume at
! recover; otherwise mprotect the page read-write and retry.
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
	  cmpedb,0	%r6, 1, %pred1
	  addd,1	0, recover, %r16
	  andd,3	%r7, _f32s 0xfffff000, %r17
	}
	{
	  nop	2
	}
	{
	  std,2	%r16, [ %r2 + 48 ] ? %pred1	! uc_mcontext.cr0_hi
	}
	sys	125, %r17, 4096, 3		! mprotect(page, 4096, RW)
	{
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
	.quad	handler, 4, 0, 0		! SA_SIGINFO
count:
	.quad	0
log:
	.fill	64, 1, 0xff
msg:
	.ascii	"sig-segv: ok\n"
	msg_len = . - msg
