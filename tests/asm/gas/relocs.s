! Relocations in an object: the addend of a literal relocation is also
! written into the literal, a displacement's addend counts from the
! syllable (wide instruction start + 4 for CS0), relocations in address
! order; data relocations.  References to global and weak labels stay
! relocations against the symbol (also displacements in the same
! section), as gas keeps them; local labels become section-relative.
!> .text 80000000000000001100000481dcc01100000000030000001100000481dcc0100000000005000000014000000000004012500000200000c0000000000000000001400000000000902340000c81c1c01182dcc011000000c000000000000000001100000481dcc011000000000700000080000000000000001100000481dcc0110000000074000000014000000000004001400000fdffff4f
!> .data 00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
!> .rodata 01
!> rela .text 10 51 ext 3
!> rela .text 20 51 ext 5
!> rela .text 2c 110 ext 20
!> rela .text 38 110 ext 16
!> rela .text 44 110 ext 4
!> rela .text 54 110 ext 12
!> rela .text 58 51 ext2 0
!> rela .text 68 51 .rodata 7
!> rela .text 80 51 g 4
!> rela .text 8c 110 g 4
!> rela .data 0 50 ext 8
!> rela .data 8 0 ext 4
!> rela .data c 50 .rodata 9
!> rela .data 14 50 g 0
!> rela .data 1c 50 .text 120
!> rela .data 24 50 w 0
!> rela .data 2c 50 h -2
        .text
        { nop 1 }
        { addd,0 0x0, ext+3, %dr1 }
        { adds,0 0x0, ext+5, %r1 }
        { disp %ctpr1, ext+16 }
        { ibranch ext+8 }
        { ldisp %ctpr2, ext }
        { addd,0 0x0, 0x1, %dr1; disp %ctpr3, ext; addd,1 0x0, ext2, %dr2 }
        { addd,0 0x0, loc+7, %dr1 }
        .data
        .quad ext+8
        .word ext+4
        .quad loc+9
        .text
        .globl g
g:      { nop 1 }
l:      { addd,0 0x0, g+4, %dr1 }
        { disp %ctpr1, g }
        { disp %ctpr1, l }
        .data
        .quad g, l
        .weak w
w:      .quad w
        .hidden h
        .globl h
h:      .quad h - 2
        .section .rodata
loc:    .byte 1
