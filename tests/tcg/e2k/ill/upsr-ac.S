! upsr-ac.S -- misaligned accesses and UPSR.ac.  Linux starts a user
! thread with UPSR.ac clear (OpenE2K/linux E2K_USER_INITIAL_UPSR), so a
! misaligned load or store just works; we do not model the trap that
! UPSR.ac = 1 would arm, so `rws %upsr' of a value with ac (bit 2) set
! is SIGILL ILL_ILLOPC at its wide instruction, before that wide
! instruction's store.  The twin: the same write without ac goes through
! (rrs reads it back) and misaligned accesses still work after it.
! expect-exit: 0
! expect-stdout: ill-upsr-ac: ok

	.include "../tags/tags.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20			! failures
	  addd,1	0, buf + 3, %r21		! misaligned
	}
	{
	  addd,2	0, 0x1122334455667788, %r22
	  addd,3	0, cell, %r23
	}
	catch	4
	{
	  std,2	%r22, [ %r21 + 0 ]
	}
	{
	  ldd,0	[ %r21 + 0 ], %r17
	  ldw,2	[ %r21 + 4 ], %r18
	  nop	3
	}
	check	%r17, 0x1122334455667788
	check	%r18, 0x11223344
	{
	  rws,0	0x21, %upsr			! twin: fe and ie, no ac
	}
	{
	  rrs,0	%upsr, %r17
	  nop	3
	}
	check	%r17, 0x21
	{
	  addd,0	%r21, 2, %r21
	}
	{
	  std,2	%r22, [ %r21 + 0 ]
	}
	{
	  ldd,0	[ %r21 + 0 ], %r17
	  nop	3
	}
	check	%r17, 0x1122334455667788
	ldcheck	fault_count, 0
	resume_at .Ldone
.Lset_ac:
	{
	  rws,0	0x25, %upsr			! ac: refused
	  std,2	%r22, [ %r23 + 0 ]
	}
.Ldone:
	faulted	0, 4, 1, .Lset_ac
	ldcheck	cell, 0
	{
	  rrs,0	%upsr, %r17
	  nop	3
	}
	check	%r17, 0x21
	report	%r20, msg, msg_len
	.size	_start, . - _start

	fault_handler
	fault_data
	.align	8
cell:
	.quad	0
buf:
	.fill	32, 1, 0
msg:
	.ascii	"ill-upsr-ac: ok\n"
	msg_len = . - msg
