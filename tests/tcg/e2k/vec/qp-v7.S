! qp-v7.S -- qp-v6.S on the v7 model under the name the e2k Linux
! kernel and other e2k emulators use for it (e48c): v7 runs the v6
! packed operations (docs/devel/e2k-isa.md, "ISA v7").
! expect-exit: 0
! expect-stdout: vec qp-v6: ok
! qemu-args: -cpu e48c

	.include "qp-v6.S"
