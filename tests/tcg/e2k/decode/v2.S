! v2.S (elbrus-v2) -- the %MLOCK || %cmp/%clp conditions (SS ctcond
! type 9) came with v3: on a v2 CPU the wide instruction is SIGILL
! ILL_ILLOPC; the v2 condition %MLOCK alone (type 8) runs.  decode/ctl.S
! runs the same type-9 bundle on v3.
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
	ldcheck	fault_count, 1
	report	%r20, msg, msg_len
	.size	_start, . - _start

	decode_data
msg:
	.ascii	"decode-v2: ok\n"
	msg_len = . - msg
