! C integer suffixes MCST's gas skips: U, UL, ULL, Ul, ull, uLL, llu, L, ll
!> .text 1100000482d481110000000000001c001100000482d881110000000078563412
!> .data 1c0101010101010203101f0f050002ffffffffffffffffcb04fb711f010000
        .data
        .byte 28U, 1UL, 1ULL, 1Ul, 1ull, 1uLL, 1llu, 2L, 3ll
        .byte 0x10u, 0x1fULL, 017U, 0b101u, 00U, 1U+1
        .quad 0xffffffffffffffffUL, 1234567890123ULL
        .text
        { addd,0 %dr1, 28U, %dr2 }
        { addd,0 %dr1, 0x12345678UL, %dr2 }
