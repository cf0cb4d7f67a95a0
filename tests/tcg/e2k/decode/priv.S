! priv.S -- privileged operations in user mode are exc_priv_action,
! which the e2k kernel delivers as SIGILL ILL_PRVOPC (5) (OpenE2K/linux,
! arch/e2k/kernel/traps.c, do_priv_action): done, puttsd, a write of a
! privileged state register.  The v6 transfers (iret, hret, glaunch,
! hcall) are not operations of this ISA (v4): ILL_ILLOPC.  Each beside
! its nearest legal twin; nothing of a refused wide instruction is done.
! decode/priv-v6.S runs the v6 ones on a v6 CPU.
! expect-exit: 0
! expect-stdout: decode-priv: ok

	.include "decode.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	decode_start
	! done (CS0 ctpr 0, operation 3) (twin: ibranch .+16 ? %pred3)
	good	1, 0x04005013, 0xc0000043, 0x11c0c187, 0x00000002
	bad	0, 5, 0x04005013, 0xc0000020, 0x11c0c187, 0x30000000
	! ... also under a false condition
	bad	1, 5, 0x04005013, 0xc0000043, 0x11c0c187, 0x30000000
	! puttsd (CS0 ctpr 0, operation 2) (twin: pref, operation 1)
	good	1, 0x04004012, 0x11c0c187, 0x10000000, 0
	bad	2, 5, 0x04004012, 0x11c0c187, 0x20000000, 0
	! iret, hret, glaunch (done with type 2, 3, 4) came with v6
	bad	3, 1, 0x04005013, 0xc0000020, 0x11c0c187, 0x30000002
	bad	4, 1, 0x04005013, 0xc0000020, 0x11c0c187, 0x30000003
	bad	5, 1, 0x04005013, 0xc0000020, 0x11c0c187, 0x30000004
	! so did hcall (CS1 call of kind 2 without a %ctpr) (twin: a call
	! through %ctpr1 to a procedure that returns at once)
	{
	  disp	%ctpr1, ret_now
	}
	good	1, 0x04009013, 0xc0000420, 0x11c0c187, 0x50000004
	bad	6, 1, 0x0400d024, 0xc0000020, 0x11c0c187, 0x00000002, 0x50000104, 0
	! rwd of a privileged state register (%psr) (twin: rwd %lsr)
	{
	  addd,0	0, 0, %dr7
	}
	{
	  rwd,0	%dr1, %lsr
	  addd,1	0, 1, %dr7
	}
	check	%r7, 1
	{
	  addd,0	0, 0, %dr7
	}
	resume_at rwd_done
rwd_at:
	{
	  rwd,0	%dr1, %psr
	  addd,1	0, 1, %dr7
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
rwd_done:
	faulted	7, 4, 5, rwd_at
	check	%r7, 0
	ldcheck	fault_count, 8
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.type	ret_now, @function
ret_now:
	{
	  return	%ctpr3
	}
	{
	  ct	%ctpr3
	}
	.size	ret_now, . - ret_now

	decode_data
msg:
	.ascii	"decode-priv: ok\n"
	msg_len = . - msg
