! .exitm leaves a macro (and .if levels opened in it); .purgem undefines
!> .data 0101020304
        .data
        .macro e x
        .byte 1
        .ifeq \x
        .exitm
        .endif
        .byte 2
        .endm
        e 0; e 1; .byte 3
        .purgem e
        .macro e; .byte 4; .endm
        e
