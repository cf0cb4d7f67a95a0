! .cfi_personality / .cfi_lsda: "zPLR" CIEs with the personality
! encoding and pointer (pc-relative indirect, absolute 8 bytes,
! pc-relative 4 bytes), the LSDA encoding, and the LSDA pointer in each
! FDE's augmentation data; a CIE is shared only with the same personality
! and encodings; 0xff drops a pointer.  Bytes and relocations are MCST
! gas's.
!> shdr .eh_frame 1 2 0 8
!> .eh_frame 1800000000000000017a504c5200017800079b000000001b1b000000140000002000000000000000080000000400000000480e101400000038000000000000000800000004000000000000001c00000000000000017a504c52000178000b000000000000000000031b0000001400000024000000000000000800000004000000000000001400000000000000017a5052000178000613000000001b00100000001c0000000000000008000000000000001000000000000000017a4c5200017800021b1b0018000000180000000000000008000000040000000000000000000000
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
