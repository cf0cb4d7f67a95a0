! ops.S -- tagged values with the default tags=on: a failed speculative
! load gives a diagnostic value (tag 5: both halves), a speculative
! operation passes it on, gettagd reads it, puttagd sets and clears a
! tag, movtd moves it; a non-speculative add, compare or store of it, or
! a load or division with it as address or divisor, is SIGILL ILL_ILLOPN
! (2) with si_addr = the wide instruction, which changes nothing.  Each fault has a twin on a number that must not
! fault.
! expect-exit: 0
! expect-stdout: tags-ops: ok

	.include "tags.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20			! failures
	}
	catch	4
	{
	  addd,0	0, 0x10, %r1			! page 0 is never mapped
	  addd,1	0, word, %r2
	  addd,2	0, 0x77, %r7
	}
	{
	  ldd,0,sm	[ %r1 + 8 ], %r3		! diagnostic
	  ldd,3,sm	[ %r2 + 0 ], %r5		! its twin: a number
	  nop	3
	}
	{
	  gettagd,2	%dr3, %r4
	  gettagd,5	%dr5, %r6
	}
	check	%r4, 5
	check	%r6, 0
	check	%r5, 0x1234
	{
	  addd,0,sm	%r3, 1, %r17			! passed on, no fault
	}
	{
	  gettagd,2	%dr17, %r4
	}
	check	%r4, 5
	ldcheck	fault_count, 0

	! a diagnostic source of a non-speculative add: SIGILL
	resume_at add_done
add_at:
	{
	  addd,0	%r3, 1, %r7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
add_done:
	faulted	0, 4, 2, add_at
	check	%r7, 0x77			! not written
	{
	  addd,0	%r5, 1, %r7			! twin
	}
	check	%r7, 0x1235
	ldcheck	fault_count, 1

	! puttagd makes a diagnostic value out of a number, and back
	{
	  puttagd,2	%dr5, 5, %dr8
	}
	{
	  gettagd,2	%dr8, %r4
	  puttagd,5	%dr8, 0, %dr9
	}
	{
	  gettagd,2	%dr9, %r6
	  movtd,0	%dr8, %dr10			! the value and its tag
	}
	{
	  gettagd,5	%dr10, %r17
	  puttagd,2	%dr10, 0, %dr11
	}
	check	%r4, 5
	check	%r6, 0
	check	%r9, 0x1234
	check	%r17, 5
	check	%r11, 0x1234
	{
	  gettags,2	%r8, %r4			! the low half's tag
	}
	check	%r4, 1

	! a compare of a diagnostic value: SIGILL
	resume_at cmp_done
cmp_at:
	{
	  cmpedb,0	%dr10, 0, %pred1
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
cmp_done:
	faulted	1, 4, 2, cmp_at
	{
	  cmpedb,0	%dr11, 0x1234, %pred1		! twin
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred1
	}

	! a store of a diagnostic value: SIGILL, memory untouched
	resume_at st_done
st_at:
	{
	  std,2	%dr8, [ %r2 + 8 ]
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
st_done:
	faulted	2, 4, 2, st_at
	ldcheck	word + 8, 0x5555
	{
	  std,2	%dr9, [ %r2 + 8 ]		! twin
	}
	ldcheck	word + 8, 0x1234
	ldcheck	fault_count, 3

	! a diagnostic address of a load: SIGILL, not the SIGSEGV of the
	! access (the value of %r3 is 0)
	resume_at ld_done
ld_at:
	{
	  ldd,0	[ %r3 + 8 ], %r7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
ld_done:
	faulted	3, 4, 2, ld_at
	check	%r7, 0x1235
	! and a diagnostic divisor: SIGILL, not SIGFPE
	resume_at div_done
div_at:
	{
	  udivd,5	%dr5, %dr3, %dr7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
div_done:
	faulted	4, 4, 2, div_at
	check	%r7, 0x1235
	{
	  ldd,0	[ %r2 + 0 ], %r7		! twins
	  udivd,5	%dr5, %dr5, %dr17
	  nop	3
	}
	check	%r7, 0x1234
	check	%r17, 1
	ldcheck	fault_count, 5

	! the tags of the caller's registers survive a call and return
	{
	  disp	%ctpr2, leaf
	}
	{
	  call	%ctpr2, wbs=12
	}
	{
	  gettagd,2	%dr3, %r4
	  gettagd,5	%dr9, %r6
	}
	check	%r4, 5
	check	%r6, 0
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.type	leaf, @function
leaf:
	{
	  setwd	wsz=12, nfx=1
	  addd,0	0, 1, %r3			! the callee's own %r3
	}
	{
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	leaf, . - leaf

	fault_handler
	fault_data
	.align	8
word:
	.quad	0x1234, 0x5555
msg:
	.ascii	"tags-ops: ok\n"
	msg_len = . - msg
