! Generated case (from a random generator of .cfi_* directives), kept
! as a regression test: the bytes and relocations are MCST gas's.
!> shdr .eh_frame 1 2 0
!> .eh_frame 1000000000000000017a5200017800011b0000001000000018000000000000001800000000500e101000000000000000017a5200017801011bc000001c000000180000000000000000000000000a0e8020080382fe030c3f100a00001400000000000000017a5200017800011b11037e13031301140000001c000000000000001000000000501302073f82641400000000000000017a5200017800011b064611037d0000180000001c0000000000000008000000000a09010100000000000000
!> rela .eh_frame 1c 2 .text 0
!> rela .eh_frame 44 2 .text 24
!> rela .eh_frame 7c 2 .text 24
!> rela .eh_frame ac 2 .text 48
.text
f0:
.cfi_startproc
{ nop 1 }
{ nop 1 }
.cfi_adjust_cfa_offset 16
{ nop 1 }
.cfi_endproc
f1:
.cfi_startproc
.cfi_return_column 1
.cfi_restore 0
.cfi_remember_state
.cfi_def_cfa_offset 4096
.cfi_same_value 3
.cfi_rel_offset 2, 16
.cfi_def_cfa 63, 16
.cfi_remember_state
.cfi_endproc
f2:
.cfi_startproc
.cfi_rel_offset %b[3], 16
.cfi_def_cfa_offset -24
.cfi_adjust_cfa_offset 16
{ nop 1 }
{ nop 1 }
.cfi_adjust_cfa_offset -8
.cfi_undefined 63
.cfi_offset 2, -800
.cfi_endproc
{ nop 1 }
f3:
.cfi_startproc
.cfi_restore 70
.cfi_rel_offset 3, 24
.cfi_remember_state
.cfi_register 1, 1
{ nop 1 }
.cfi_endproc
