! Misused .cfi_* directives: each is refused with a message, nothing is
! silently dropped.
        .text
        .cfi_offset 1, -8
        .cfi_endproc
        .cfi_startproc
        .cfi_startproc
        .cfi_offset 1, -12
        .cfi_def_cfa -8, 16
        .cfi_def_cfa %r64, 16
        .cfi_def_cfa 1
        .cfi_restore_state
        .cfi_personality 0x1, pers
        .cfi_lsda 0x1b
        .cfi_sections .debug_frame, .bogus
        .data
        .cfi_def_cfa_offset 8
        .text
        .cfi_return_column 300
        .cfi_personality 0x1b, 5
        .cfi_lsda 0x40, x
        .cfi_endproc
        .cfi_startproc
        { nop 1 }
!> error err-cfi.s:4: error: .cfi_offset without .cfi_startproc in this section
!> error err-cfi.s:5: error: .cfi_endproc without .cfi_startproc in this section
!> error err-cfi.s:7: error: .cfi_startproc: the previous one is not closed with .cfi_endproc
!> error err-cfi.s:8: error: register save offset -12 is not a multiple of 8
!> error err-cfi.s:9: error: bad register `-8' (a DWARF register number or an e2k register name)
!> error err-cfi.s:10: error: bad register `%r64' (a DWARF register number or an e2k register name)
!> error err-cfi.s:11: error: .cfi_def_cfa takes 2 operands
!> error err-cfi.s:12: error: .cfi_restore_state without a .cfi_remember_state
!> error err-cfi.s:13: error: .cfi_personality: encoding 0x1 is not supported (absolute or pc-relative, 2, 4 or 8 bytes)
!> error err-cfi.s:14: error: .cfi_lsda takes an encoding and a symbol
!> error err-cfi.s:15: error: .cfi_sections: `.bogus' is not .eh_frame or .debug_frame
!> error err-cfi.s:17: error: .cfi_def_cfa_offset without .cfi_startproc in this section
!> error err-cfi.s:19: error: return column 300 does not fit in a version 1 CIE (0..255)
!> error err-cfi.s:20: error: .cfi_personality: `5' must be a symbol (plus a constant)
!> error err-cfi.s:21: error: .cfi_lsda: encoding 0x40 is not supported (absolute or pc-relative, 2, 4 or 8 bytes)
!> error err-cfi.s:23: error: .cfi_startproc is never closed with .cfi_endproc
