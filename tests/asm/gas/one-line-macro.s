! Statements separated by `;' everywhere: a macro defined on one line,
! .endm followed by more statements, .rept/.irp closed mid-line; a label
! before .endm belongs to the body (gas defines lbl where body expands).
!> shdr .text 1 6 0
!> .text 00010000000000008001000000000000
!> shdr .data 1 3 0
!> .data aa01020304057709090a0b0c0d0e0f10
!> shdr .bss 8 3 0
!> sym lbl LOCAL NOTYPE DEFAULT .data f 0
        .data
.macro pair a, b; .byte \a; .byte \b; .endm; .byte 0xaa
        pair 1, 2; pair 3 4 ; .byte 5
.macro outer x; .macro inner_\x; .byte 0x\x\x; .endm; .endm
        outer 7; inner_7
.rept 2; .byte 9; .endr; .byte 10
.irp v, 11, 12; .byte \v; .endr; .byte 13
        .macro body
        .byte 14 ; .byte 15
lbl:    .endm
        body; .byte 16
        .text
{ nop 1 ; nop 2 } ; { nop 3 }
