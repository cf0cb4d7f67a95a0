! opnd.S -- operand fields and condition sources the hardware rejects
! (exc_illegal_operand, SIGILL ILL_ILLOPN), and a reserved CLP
! operation (ILL_ILLOPC), each beside its legal twin (docs/devel/e2k-isa.md, "Illegal wide
! instructions").
! expect-exit: 0
! expect-stdout: decode-opnd: ok

	.include "decode.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	decode_start
	! src2 0xd0..0xd7 (16-bit literal): bit 1 is reserved
	! (twin: 0xd4, the high half of LTS0)
	good	0x1234, 0x04000011, 0x1181d487, 0, 0x12340000
	bad	0, 2, 0x04000011, 0x1181d687, 0, 0x12340000
	! a 32-bit literal from an LTS the wide instruction does not have
	! (LTS0 and LTS1 here; twin: LTS1)
	good	0x1234, 0x04000011, 0x1181d987, 0x1234, 0x12340000
	bad	1, 2, 0x04000011, 0x1181da87, 0x1234, 0x12340000
	! a 64-bit literal needs LTSn and LTSn+1 (twin: LTS0 + LTS1)
	good	0x123412340000, 0x04000011, 0x1181dc87, 0x1234, 0x12340000
	bad	2, 2, 0x04000011, 0x1181dd87, 0x1234, 0x12340000
	! dst 0xc0..0xdf: only %tst %tc %tcd %ctpr1..3 %empty exist
	! (twin: %empty)
	good	0, 0x04000001, 0x11c0c1df
	bad	3, 2, 0x04000001, 0x11c0c1d0
	! a store's value (src3) cannot be a literal (twin: std %dr7)
	good	0, 0x10000001, 0x2782c887
	bad	4, 2, 0x10000001, 0x2782c8c5
	! CDS condition sources: %predN (0x60|N), %pcntN (0x40|N), %lcntex
	! (0); 0x01..0x3f are reserved (twin: ? %pred1, true)
	good	1, 0x04010011, 0x11c0c187, 0, 0x04610000
	bad	5, 2, 0x04010011, 0x11c0c187, 0, 0x04210000
	! PLS ELP sources 0x50..0x5f are reserved (twin: %pred1)
	good	1, 0x04040011, 0x11c0c187, 0, 0x61610062
	bad	6, 2, 0x04040011, 0x11c0c187, 0, 0x55610062
	! CLP operation 2 is reserved (0 andp, 1 landp, 3 movep)
	bad	7, 1, 0x04040011, 0x11c0c187, 0, 0x61618062
	ldcheck	fault_count, 8
	report	%r20, msg, msg_len
	.size	_start, . - _start

	decode_data
msg:
	.ascii	"decode-opnd: ok\n"
	msg_len = . - msg
