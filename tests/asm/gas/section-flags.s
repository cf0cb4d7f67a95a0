! .section flags and types a compiler writes: M (merge, with an entity
! size), S (strings), T (TLS), note, init_array/fini_array/preinit_array,
! an empty flag string.
!> shdr .text 1 6 0
!> shdr .data 1 3 0
!> shdr .bss 8 3 0
!> shdr .rodata.str1.1 1 32 1
!> .rodata.str1.1 6d65726765206d6500
!> shdr .rodata.cst8 1 12 8
!> .rodata.cst8 8877665544332211
!> shdr .tdata 1 403 0
!> .tdata 0700000000000000
!> shdr .tbss 8 403 0
!> .tbss nobits 16
!> shdr .note.test 7 2 0
!> .note.test 0400000004000000010000006162630044332211
!> shdr .init_array 14 3 8
!> .init_array 0000000000000000
!> shdr .fini_array 15 3 8
!> .fini_array 0000000000000000
!> shdr .preinit_array 16 3 8
!> .preinit_array 0000000000000000
!> shdr .note.GNU-stack 1 0 0
!> shdr .comment.x 1 30 1
!> .comment.x 7800
        .section .rodata.str1.1, "aMS", @progbits, 1
        .string "merge me"
        .section .rodata.cst8, "aM", @progbits, 8
        .quad 0x1122334455667788
        .section .tdata, "awT", @progbits
        .quad 7
        .section .tbss, "awT", @nobits
        .skip 16
        .section .note.test, "a", @note
        .word 4, 4, 1
        .ascii "abc\0"
        .word 0x11223344
        .section .init_array, "aw", @init_array
        .quad 0
        .section .fini_array, "aw", %fini_array
        .quad 0
        .section .preinit_array, "aw", @preinit_array
        .quad 0
        .section .note.GNU-stack, "", @progbits
        .section .comment.x, "MS", @progbits, 1
        .string "x"
