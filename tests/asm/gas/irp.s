! .irp values separated by commas or blanks; an empty list expands once;
! .irpc over characters; nested .rept inside .irp.
!> .data 010203040506070809e1e2e2111212
        .data
        .irp v, 1 2, 3
        .byte \v
        .endr
        .irp v
        .byte 4\v
        .endr
        .irp v 5,6
        .byte \v
        .endr
        .irpc c, 789
        .byte \c
        .endr
        .irp n, 1, 2
        .rept \n
        .byte 0xe\n
        .endr
        .endr
        .irep v, 0x11; .byte \v; .endr
        .rep 2; .byte 0x12; .endr
