! Generated case (from a random generator of .cfi_* directives), kept
! as a regression test: the bytes and relocations are MCST gas's.
!> shdr .eh_frame 1 2 0
!> .eh_frame 2000000000000000017a5200017800011b0e100e180c3f0808400de2010c02e80700000010000000280000000000000008000000000000001400000000000000017a52000178c8011b0540010e802000140000001c0000000000000000000000002e850d020785011000000000000000017a5200017800011b00000014000000180000000000000008000000002ef00e080000001000000000000000017a5200017800011b0de20114000000180000000000000020000000000a600a07030000
!> rela .eh_frame 2c 2 .text 0
!> rela .eh_frame 58 2 .text 8
!> rela .eh_frame 84 2 .text 8
!> rela .eh_frame b0 2 .text 24
.text
f0:
.cfi_startproc
.cfi_adjust_cfa_offset 16
.cfi_adjust_cfa_offset 8
.cfi_def_cfa 63, 8
.cfi_same_value 64
.cfi_def_cfa_register %g2
.cfi_def_cfa 2, 1000
{ nop 1 }
.cfi_endproc
f1:
.cfi_startproc
.cfi_return_column 200
.cfi_offset 64, -8
.cfi_def_cfa_offset 4096
.cfi_escape 0x2e, 0x85
.cfi_def_cfa_register 2
.cfi_undefined %dr5
.cfi_endproc
f2:
.cfi_startproc
.cfi_escape 0x2e, 0xf0
.cfi_def_cfa_offset 8
{ nop 1 }
.cfi_endproc
{ nop 1 }
f3:
.cfi_startproc
.cfi_def_cfa_register %g2
.cfi_remember_state
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
.cfi_remember_state
.cfi_undefined %b[3]
.cfi_endproc
