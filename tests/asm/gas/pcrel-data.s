! A 4-byte `X - .' with X in another section or undefined stays an
! R_E2K_32_PC relocation (contents zero, addend the offset of X in its
! section); within the section it is a constant.
!> shdr .data 1 3 0
!> .data 00000000000000000000000005000000
!> rela .data 4 2 .text 8
!> rela .data 8 2 ext 0
        .text
t0:     { nop 1 }
t:      { nop 1 }
        .data
d:      .word d - .
        .word t - .
        .word ext - .
        .word 5
