! `.loc 1' without a line is line 0, as in gas: its row is dropped and the
! next .loc goes on.  Bytes and relocations are MCST gas's.
!> shdr .debug_line 1 0 0
!> .debug_line 3000000003001a0000000101fb0e0d00010101010000000100000100612e630000000000000902000000000000000016f4000101
!> rela .debug_line 27 50 .text 8
        .section .debug_info, "", @progbits
        .word 0
.file 1 "a.c"
.text
.loc 1 5
{ nop 1 }
.loc 1
{ nop 1 }
.loc 1 7
{ nop 1 }
.loc 1 8
