! .cfi_sections .eh_frame, .debug_frame: both sections.  .debug_frame has
! CIE id 0xffffffff, no augmentation (only `S'), 8-byte padding, FDEs with
! the CIE's offset (R_E2K_32_ABS) and an absolute 8-byte address and
! length (R_E2K_64_ABS); personality and LSDA are not in it.  Bytes and
! relocations are MCST gas's.
!> shdr .eh_frame 1 2 0 8
!> .eh_frame 1800000000000000017a504c5200017800079b000000001b1b000000140000002000000000000000080000000400000000480e101400000038000000000000000800000004000000000000001c00000000000000017a504c52000178000b000000000000000000031b0000001400000024000000000000000800000004000000000000001400000000000000017a5052000178000613000000001b00100000001c0000000000000008000000000000001000000000000000017a4c5200017800021b1b0018000000180000000000000008000000040000000000000000000000
!> shdr .debug_frame 1 0 0 8
!> .debug_frame 0c000000ffffffff01000178000000001c0000000000000000000000000000000800000000000000480e100000000000140000000000000000000000000000000800000000000000140000000000000000000000000000000800000000000000140000000000000000000000000000000800000000000000140000000000000000000000000000000800000000000000
!> rela .eh_frame 13 2 DW.ref.__gxx_personality_v0 0
!> rela .eh_frame 24 2 .text 0
!> rela .eh_frame 2d 2 .gcc_except_table 0
!> rela .eh_frame 3c 2 .text 8
!> rela .eh_frame 45 2 .gcc_except_table 8
!> rela .eh_frame 5f 50 pers_abs 0
!> rela .eh_frame 74 2 .text 16
!> rela .eh_frame 7d 0 .gcc_except_table 8
!> rela .eh_frame 96 2 .text 40
!> rela .eh_frame a4 2 .text 24
!> rela .eh_frame cc 2 .text 32
!> rela .eh_frame d5 2 .gcc_except_table 4
!> rela .debug_frame 14 0 .debug_frame 0
!> rela .debug_frame 18 50 .text 0
!> rela .debug_frame 34 0 .debug_frame 0
!> rela .debug_frame 38 50 .text 8
!> rela .debug_frame 4c 0 .debug_frame 0
!> rela .debug_frame 50 50 .text 16
!> rela .debug_frame 64 0 .debug_frame 0
!> rela .debug_frame 68 50 .text 24
!> rela .debug_frame 7c 0 .debug_frame 0
!> rela .debug_frame 80 50 .text 32
.cfi_sections .eh_frame, .debug_frame
        .text
        .globl f, g
f:      .cfi_startproc
        .cfi_personality 0x9b, DW.ref.__gxx_personality_v0
        .cfi_lsda 0x1b, .LLSDA1
        { nop 1 }
        .cfi_def_cfa_offset 16
        .cfi_endproc
g:      .cfi_startproc
        .cfi_personality 0x9b, DW.ref.__gxx_personality_v0
        .cfi_lsda 0x1b, .LLSDA2
        { nop 1 }
        .cfi_endproc
h:      .cfi_startproc
        .cfi_personality 0x0, pers_abs
        .cfi_lsda 0x3, .LLSDA2
        { nop 1 }
        .cfi_endproc
i:      .cfi_startproc
        .cfi_personality 0x13, local_pers
        .cfi_lsda 0xff
        { nop 1 }
        .cfi_endproc
j:      .cfi_startproc
        .cfi_personality 0x9b, DW.ref.__gxx_personality_v0
        .cfi_personality 0xff
        .cfi_lsda 0x1b, .LLSDA1 + 4
        { nop 1 }
        .cfi_endproc
local_pers: { nop 1 }
        .section .gcc_except_table,"a",@progbits
.LLSDA1: .byte 1, 2, 3, 4, 5, 6, 7, 8
.LLSDA2: .byte 9
        .hidden DW.ref.__gxx_personality_v0
        .weak DW.ref.__gxx_personality_v0
        .section .data.rel.local.DW.ref.__gxx_personality_v0,"aw",@progbits
        .align 8
DW.ref.__gxx_personality_v0:
        .quad __gxx_personality_v0
