! Subsections: .text N / .data N / .bss N, .subsection, .previous between
! subsections, .pushsection name, N; parts joined in number order; labels
! and `.' inside parts; references across parts.
!> shdr .text 1 6 0
!> .text 800000000000000080020000000000008001000000000000000100000000000001400000feffff4f0002000000000000
!> shdr .data 1 3 0
!> .data 010203040506070800000000000000004400000000000000000000000000000000000000000000000000000000000000093300000000000000
!> shdr .bss 8 3 0
!> .bss nobits 11
!> rela .data 8 50 .data 0
!> rela .data 18 50 .data 24
!> rela .data 20 50 .data 32
!> rela .data 28 50 .text 24
        .text
a0:     { nop 1 }
        .text 2
a2:     { nop 2 }
        { disp %ctpr1, a1 }
        .text 1
a1:     { nop 3 }
        .previous
        { nop 4 }
        .subsection 0
        { nop 5 }
        .data 1
d1:     .quad d1, . , a2
        .data
d0:     .byte 1, 2, 3, 4, 5, 6, 7, 8
        .quad d0
        .pushsection .data, 3
        .quad 0x33
        .popsection
        .quad 0x44
        .bss 1
        .skip 3
        .bss
        .skip 8
        .data 2
        .byte d1 - d1 + 9
