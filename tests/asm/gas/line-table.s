! .file N / .loc -> .debug_line (version 3), as MCST gas makes it: the
! row of a .loc is written where the next .loc is (tc-e2k.c reports no
! instructions to gas's line machinery), the last .loc makes no row, a
! row of line 0 none; column, is_stmt and isa carry over, basic_block,
! prologue_end, epilogue_begin and discriminator do not; one sequence
! per section in the order of its first row, subsections in number
! order; DW_LNE_set_address is an R_E2K_64_ABS.  The source has its own
! .debug_info (as compiler output does), so gas adds no unit sections.
! The bytes and relocations are MCST gas's (checked identical).
!> shdr .debug_line 1 0 0 1
!> .debug_line 980000000300390000000101fb0e0d00010101010000000100000173726300696e6300006c696e652e6300010000646566732e68000200006d6f72652e630001000000000902000000000000000003090105030af3040206037a82040105000002040206032302c0020107035a8204030c010b02900111040188040303d4008200010104030c01000902000000000000000003e30001037682000101
!> rela .debug_line 46 50 .text 8
!> rela .debug_line 8a 50 .text.other 8
        .file "line.c"
        .file 1 "src/line.c"
        .file 2 "inc/defs.h"
        .file 3 "src/more.c"
        .text
        .globl f
f:
        .loc 1 10 0
        { nop 1 }
        .loc 1 11 3 prologue_end
        { nop 1 }
        { nop 1 }
        .loc 2 5 3 is_stmt 0
        { nop 1 }
        .loc 1 40 0 is_stmt 1 discriminator 2
        .rept 40
        { nop 1 }
        .endr
        .loc 1 0
        .loc 1 2 basic_block
        { nop 1 }
        .loc 3 1 epilogue_begin isa 1
        .rept 18
        { nop 1 }
        .endr
        .loc 3 100
        .section .text.other, "ax"
        { nop 1 }
        .loc 3 90
        { nop 1 }
        .loc 3 91
        .text 1
        { nop 1 }
        .loc 1 7
        .text
        { nop 1 }
        .loc 1 8
        .section .debug_info, "", @progbits
        .word 0
