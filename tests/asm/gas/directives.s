! Section, symbol and data directives a compiler emits: .file, .ident
! (.comment), .type/.size, .cfi_* (accepted; no .eh_frame is written, see
! docs/user/e2k-asm.md), .section with flags and types, .org, .incbin,
! .pushsection/.popsection, .previous, visibility, .comm/.lcomm, .weak.
!? sym f
!? sym h
!? sym p
!? sym i
!? sym l
!? sym c
!? sym c2
!? sym c3
!? sym d
!> .text 8000000000000000
!> .data 00000000000000000000000000000000
!> .bss nobits 4
!> .rodata.x 01eeeeeeeeeeeeee026364656804060000
!> .data.y 03
!> .bss.n nobits 5
!> rela .data 0 50 c2 0
!> rela .data 8 50 d 0
!> sym f GLOBAL FUNC DEFAULT .text 0 8
!> sym h LOCAL NOTYPE HIDDEN .rodata.x 11 0
!> sym p LOCAL NOTYPE PROTECTED .rodata.x 11 0
!> sym i LOCAL NOTYPE INTERNAL .rodata.x 11 0
!> sym l LOCAL OBJECT DEFAULT .bss 0 4
!> sym c GLOBAL OBJECT DEFAULT COM 8 16
!> sym c2 GLOBAL OBJECT DEFAULT COM 4 3
!> sym c3 GLOBAL OBJECT DEFAULT COM 10 64
!> sym d WEAK NOTYPE DEFAULT .data 8 0
        .file "d.c"
        .ident "GCC: test"
        .text
        .globl f
        .type f, @function
f:
        .cfi_startproc
        { nop 1 }
        .cfi_endproc
        .size f, . - f
        .section .rodata.x, "a", @progbits
        .byte 1
        .org 8, 0xee
        .byte 2
        .incbin "incbin.dat", 2, 3
        .incbin "incbin.dat", 7
        .pushsection .data.y, "aw"
        .byte 3
        .popsection
        .byte 4
        .section .note.z, "", @note
        .byte 5
        .previous
        .byte 6
        .org . + 2
        .hidden h
h:      .protected p
p:      .internal i
i:
        .comm c, 16, 8
        .comm c2, 3
        .comm c3, 64
        .lcomm l, 4, 8
        .data
        .quad c2
        .weak d
d:      .quad d
        .section .bss.n, "aw", @nobits
        .skip 5
        .ident "second"
