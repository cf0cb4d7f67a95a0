! v2.S (elbrus-v2) -- the %MLOCK || %cmp/%clp conditions (SS ctcond
! type 9) came with v3: on a v2 CPU the wide instruction is SIGILL
! ILL_ILLOPC; the v2 condition %MLOCK alone (type 8) runs.  decode/ctl.S
! runs the same type-9 bundle on v3.  gettsd (v3+) and fillr/fillc
! (v6+) are ILL_ILLOPC here too.
! expect-exit: 0
! expect-stdout: decode-v2: ok

	.include "decode.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	decode_start
	good	1, 0x0c005024, 0xc0000100, 0x20818141, 0x11c0c187, 3, 0
	bad	0, 1, 0x0c005024, 0xc0000120, 0x20818141, 0x11c0c187, 3, 0
	! gettsd (CS0 %ctpr, operation 3, type 1) came with v3 (twin:
	! return %ctpr3, type 0)
	good	1, 0x04004012, 0x11c0c187, 0xf0000000, 0
	bad	1, 1, 0x04004012, 0x11c0c187, 0x70000001, 0
	! fillr and fillc (CS1 7, bits 2 and 3) came with v6 (twin: flushc)
	good	1, 0x04008012, 0x11c0c187, 0x70000002, 0
	bad	2, 1, 0x04008012, 0x11c0c187, 0x70000004, 0
	bad	3, 1, 0x04008012, 0x11c0c187, 0x70000008, 0
	ldcheck	fault_count, 4
	report	%r20, msg, msg_len
	.size	_start, . - _start

	decode_data
msg:
	.ascii	"decode-v2: ok\n"
	msg_len = . - msg
