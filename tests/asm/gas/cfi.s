! .cfi_* directives -> .eh_frame: CIE "zR" version 1, code alignment
! 1, data alignment -8, return column 0, FDE addresses pcrel sdata4
! (R_E2K_32_PC against the section, addend the function's offset,
! contents zero); CIEs and FDEs padded with DW_CFA_nop to 4 bytes, the
! last FDE to 8.  A CIE is shared when the next FDE starts with the same
! instructions; a new one is made for other initial instructions, the
! `S' augmentation or another return column.
! The bytes and relocations are MCST gas's (checked identical).
!> shdr .eh_frame 1 2 0 8
!> .eh_frame 1000000000000000017a5200017800011b0c01102000000018000000000000005000000000480e208202830302400ac2c3078101480b2e10240000003c00000000000000080000000048120202130305e3010315027f09040508460d80012d001000000000000000017a525300017803011b00001000000018000000000000000800000000480664
!> rela .eh_frame 1c 2 .text 0
!> rela .eh_frame 40 2 .text 80
!> rela .eh_frame 7c 2 .text 88
        .text
        .globl f
f:      .cfi_startproc
        .cfi_def_cfa 1, 16
        { nop 1 }
        .cfi_def_cfa_offset 32
        .cfi_offset 2, -16
        .cfi_rel_offset 3, 8
        .rept 8
        { nop 1 }
        .endr
        .cfi_remember_state
        .cfi_restore 2, 3
        .cfi_undefined %r1
        { nop 1 }
        .cfi_restore_state
        .cfi_escape 0x2e, 0x10
        .cfi_endproc
g:      .cfi_startproc
        .cfi_def_cfa 1, 16
        { nop 1 }
        .cfi_def_cfa 2, -16
        .cfi_adjust_cfa_offset -8
        .cfi_offset %g3, -24
        .cfi_val_offset %b[2], 8
        .cfi_register 4, 5
        .cfi_same_value 70
        .cfi_def_cfa_register %dr0
        .cfi_window_save
        .cfi_endproc
h:      .cfi_startproc simple
        .cfi_signal_frame
        .cfi_return_column 3
        { nop 1 }
        .cfi_restore 100
        .cfi_endproc
