! Relocation operators against global, hidden and local labels: gas keeps
! the global (and hidden global) symbol in the relocation and makes a
! local one section-relative, except with @SIZE, which always names the
! symbol (its size would be lost).
!> shdr .text 1 6 0
!> .text 11000004e0dcc011000000000800000011000004e0dcc011000000000c00000011000004e0dcc011000000001000000011000004e0dcc01100000000180000001100000480d8c01000000000000000001100000480d8c01000000000000000001100000480d8c01000000000000000001100000480d8c01000000000000000001100000480d8c0100000000000000000
!> shdr .data 1 3 0
!> .data 0000000000000000010000000000000002000000000000000300000000000000080000001000000000000000000000000000000000000000000000000000000000000000000000000000000000000000b8ffffffbcffffff
!> rela .text 8 256 gt 0
!> rela .text 18 256 gt 4
!> rela .text 28 256 .data 16
!> rela .text 38 256 gw 0
!> rela .text 4c 108 gw 0
!> rela .text 5c 108 .data 16
!> rela .text 6c 114 gt 0
!> rela .text 7c 12 lt 0
!> rela .text 8c 12 gt 0
!> rela .data 20 109 gt 0
!> rela .data 24 109 .data 16
!> rela .data 28 108 gt 0
!> rela .data 2c 108 .data 16
!> rela .data 30 69 gt 0
!> rela .data 38 69 .data 16
!> rela .data 40 68 gt 0
!> rela .data 48 68 lt 0
        .data
        .quad 0
        .globl gt
        .hidden gt
gt:     .quad 1
lt:     .quad 2
        .globl gw
gw:     .quad 3
        .text
        { addd 0x0, [ _f64 gt@GOTOFF ], %g0 }
        { addd 0x0, [ _f64 gt@GOTOFF + 4 ], %g0 }
        { addd 0x0, [ _f64 lt@GOTOFF ], %g0 }
        { addd 0x0, [ _f64 gw@GOTOFF ], %g0 }
        { adds 0x0, [ _f32s gw@GOT ], %r0 }
        { adds 0x0, [ _f32s lt@GOT ], %r0 }
        { adds 0x0, [ _f32s gt@GOTPLT ], %r0 }
        { adds 0x0, [ _f32s lt@SIZE ], %r0 }
        { adds 0x0, [ _f32s gt@SIZE ], %r0 }
        .data
        .word gt@GOTOFF, lt@GOTOFF, gt@GOT, lt@GOT
        .quad gt@GOTOFF, lt@GOTOFF, gt@SIZE, lt@SIZE
        .word gt - ., lt - .
