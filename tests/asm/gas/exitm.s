! .exitm leaves a macro (and .if levels opened in it); .purgem undefines
!> shdr .text 1 6 0
!> shdr .data 1 3 0
!> .data 0101020304
!> shdr .bss 8 3 0
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
