! An 8-byte `X - .' with X in another section or undefined: gas writes
! R_E2K_64_PC_LIT (54; e2k has no other 64-bit pc-relative type), in code
! sections too, contents zero; within the section it is a constant.
!> shdr .data 1 3 0 16
!> .text 800000000000000080000000000000000000000000000000
!> .data 0000000000000000000000000000000000000000000000000500000000000000
!> .rodata 000000000000000000000000
!> rela .text 10 54 .data 0
!> rela .data 8 54 .text 8
!> rela .data 10 54 ext 4
!> rela .rodata 0 54 .data 8
!> rela .rodata 8 2 .text 8
        .text
t0:     { nop 1 }
t:      { nop 1 }
        .quad d - .
        .data
d:      .quad d - .
        .quad t - .
        .quad ext + 4 - .
        .quad 5
        .section .rodata
        .quad d + 8 - .
        .word t - .
