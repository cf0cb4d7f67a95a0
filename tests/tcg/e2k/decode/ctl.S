! ctl.S -- the decoder rejects the control syllables the hardware
! rejects (docs/devel/e2k-isa.md, "Illegal wide instructions"): each
! illegal wide instruction is SIGILL ILL_ILLOPC before any of it runs,
! its twin with the nearest legal encoding runs.
! expect-exit: 0
! expect-stdout: decode-ctl: ok

	.include "decode.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	decode_start
	! SS ctcond type 0xa..0xd is reserved (twin: ct ? %pred3, false)
	good	1, 0x04001012, 0xc0000443, 0x11c0c187, 0
	bad	0, 1, 0x04001012, 0xc0000543, 0x11c0c187, 0
	! type 8 (%MLOCK || %dt_alN): psrc bit 4 is reserved
	good	1, 0x04005013, 0xc0000100, 0x11c0c187, 0x00000002
	bad	1, 1, 0x04005013, 0xc0000110, 0x11c0c187, 0x00000002
	! type 9 (%MLOCK || %cmp/%clp): sub-type 3 is reserved
	good	1, 0x0c005024, 0xc0000120, 0x20818141, 0x11c0c187, 3, 0
	bad	2, 1, 0x0c005024, 0xc0000138, 0x20818141, 0x11c0c187, 3, 0
	! CS1 operations 9..15 are reserved (twin: wait ma_c=1)
	good	1, 0x04008012, 0x11c0c187, 0x30000020, 0
	bad	3, 1, 0x04008012, 0x11c0c187, 0x90000000, 0
	! setwd takes its window from LTS0: without one it is illegal
	! (twin: the same setwd, with LTS0 = wsz 24, nfx 1)
	good	1, 0x04008012, 0x11c0c187, 0x00000000, 0x00000310
	bad	4, 1, 0x04048012, 0x11c0c187, 0x00000000, 0x00000000
	! ldisp loads only %ctpr2 (twin: ldisp %ctpr2)
	good	1, 0x04004012, 0x11c0c187, 0x90000010, 0
	bad	5, 1, 0x04004012, 0x11c0c187, 0x50000010, 0
	! CS0 with a %ctpr and operation 3: return (%ctpr3, 0) and gettsd (1)
	! only (twin: return %ctpr3)
	good	1, 0x04004012, 0x11c0c187, 0xf0000000, 0
	bad	6, 1, 0x04004012, 0x11c0c187, 0xf0000002, 0
	! ibranch needs an SS (twin: ibranch .+16 ? %pred3)
	good	1, 0x04005013, 0xc0000043, 0x11c0c187, 0x00000002
	bad	7, 1, 0x04004012, 0x11c0c187, 0x00000002, 0
	! ... and no ct of SS in the same wide instruction
	bad	8, 1, 0x04005013, 0xc0000443, 0x11c0c187, 0x00000002
	! call (CS1 5) without a %ctpr in SS is icall/hcall, which needs a
	! CS0 disp; with none it is illegal (twin: a call through %ctpr1 to
	! a procedure that returns at once)
	{
	  disp	%ctpr1, ret_now
	}
	good	1, 0x04009013, 0xc0000420, 0x11c0c187, 0x50000004
	bad	9, 1, 0x04008012, 0x11c0c187, 0x50000004, 0
	! SS format 1 (bit 20): its fields have no public meaning; not
	! implemented, SIGILL (-d unimp) rather than a guess (twin: the
	! first good case above, format 0)
	bad	10, 1, 0x04001012, 0xc0100443, 0x11c0c187, 0
	ldcheck	fault_count, 11
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
	.ascii	"decode-ctl: ok\n"
	msg_len = . - msg
