! .loc's is_stmt, isa and discriminator with no value: gas reads an
! absent absolute expression, which is 0 (`isa discriminator' is refused:
! err-line.s).
!> .debug_line 4000000003001a0000000101fb0e0d00010101010000000100000100612e6300000000000002040300090200000000000000001683050206830500830c02068383000101
!> rela .debug_line 2b 50 .text 8
        .file 1 "a.c"
        .text
        .loc 1 5 0 discriminator 3
        { nop 1 }
        .loc 1 6 0 discriminator
        { nop 1 }
        .loc 1 7 2 is_stmt
        { nop 1 }
        .loc 1 8 0 isa
        { nop 1 }
        .loc 1 9 0 is_stmt 1 isa 2
        { nop 1 }
        .loc 1 10 0 discriminator
        { nop 1 }
        .loc 1 11
