! priv-v6.S (elbrus-v6) -- the v6 privileged transfers in user mode:
! iret, hret, glaunch and hcall are exc_priv_action, SIGILL ILL_PRVOPC
! (OpenE2K/linux, arch/e2k/kernel/traps.c, do_priv_action), before any
! of the wide instruction is done; so is done.  decode/priv.S runs the
! same words on v4, where the v6 ones are ILL_ILLOPC.
! expect-exit: 0
! expect-stdout: decode-priv-v6: ok

	.include "decode.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	decode_start
	good	1, 0x04005013, 0xc0000043, 0x11c0c187, 0x00000002
	bad	0, 5, 0x04005013, 0xc0000020, 0x11c0c187, 0x30000000
	bad	1, 5, 0x04005013, 0xc0000020, 0x11c0c187, 0x30000002
	bad	2, 5, 0x04005013, 0xc0000020, 0x11c0c187, 0x30000003
	bad	3, 5, 0x04005013, 0xc0000020, 0x11c0c187, 0x30000004
	{
	  disp	%ctpr1, ret_now
	}
	good	1, 0x04009013, 0xc0000420, 0x11c0c187, 0x50000004
	bad	4, 5, 0x0400d024, 0xc0000020, 0x11c0c187, 0x00000002, 0x50000104, 0
	! fillr, fillc: v6 operations, no fault (decode/v2.S: SIGILL there)
	good	1, 0x04008012, 0x11c0c187, 0x70000004, 0
	good	1, 0x04008012, 0x11c0c187, 0x70000008, 0
	ldcheck	fault_count, 5
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
	.ascii	"decode-priv-v6: ok\n"
	msg_len = . - msg
