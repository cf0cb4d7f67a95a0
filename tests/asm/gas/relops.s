! gas's relocation operators (sym@GOT, ... any case; @ABS is a plain
! reference) and _GLOBAL_OFFSET_TABLE_ in a literal, in data and in
! literals: the relocation types, literal sizes and addends gas chooses.
!> shdr .text 1 6 0
!> .text 80000000000000001100000481d8c01100000000000000001100000481d8c01100000000000000001100000481d8c01100000000000000001100000481d8c01100000000000000001100000481d8c01100000000000000001100000481d8c01100000000000000001100000481d8c01100000000000000001100000481dcc01100000000040000001100000481d8c01000000000000000001100000481dcc01100000000000000001100000481dcc01100000000020000001100000481dcc01100000000000000001100000481d8806700000000000000002200000c81dac01081dcc0110000000000000000000000001100000481d8c0110000000000000000
!> shdr .data 1 3 0
!> .data 000000000400000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
!> shdr .bss 8 3 0
!> rela .text 14 108 s 4
!> rela .text 24 114 s 0
!> rela .text 34 74 s 0
!> rela .text 44 70 s 0
!> rela .text 54 71 s -4
!> rela .text 64 12 s 0
!> rela .text 74 118 s 0
!> rela .text 80 256 s 4
!> rela .text 94 108 s 0
!> rela .text a0 76 s 0
!> rela .text b0 51 s 2
!> rela .text c0 54 _GLOBAL_OFFSET_TABLE_ 12
!> rela .text d4 108 s 0
!> rela .text e4 108 s 0
!> rela .text e8 256 t 0
!> rela .text fc 108 .text 240
!> rela .data 0 108 s 4
!> rela .data 4 109 s 4
!> rela .data 8 81 s 0
!> rela .data c 12 s 0
!> rela .data 10 13 s 0
!> rela .data 14 69 s 4
!> rela .data 1c 83 s 0
!> rela .data 24 68 s 8
!> rela .data 2c 257 s 0
!> rela .data 34 50 s 0
        .text
        { nop 1 }
        { addd,0 0x0, s@GOT+4, %dr1 }
        { addd,0 0x0, s@GOTPLT, %dr1 }
        { addd,0 0x0, s@TLS_IE, %dr1 }
        { addd,0 0x0, s@TLS_GDMOD, %dr1 }
        { addd,0 0x0, s@TLS_GDREL - 4, %dr1 }
        { addd,0 0x0, s@SIZE, %dr1 }
        { addd,0 0x0, s@ISLOCAL32, %dr1 }
        { addd,0 0x0, s@GOTOFF+4, %dr1 }
        { adds,0 0x0, s@got, %r1 }
        { addd,0 0x0, s@TLS_LE, %dr1 }
        { addd,0 0x0, s@ABS+2, %dr1 }
        { addd,0 0x0, _GLOBAL_OFFSET_TABLE_+4, %dr1 }
        { ldd,0 %dr0, [ s@GOT ], %dr1 }
        { adds,0 0x0, s@GOT, %r1 ; addd,1 0x0, t@GOTOFF, %dr1 }
l:      { addd,0 0x0, l@GOT, %dr1 }
        .data
        .word s@GOT+4, s@GOTOFF+4, s@TLS_DTPREL, s@SIZE, s@DYNOPT
        .quad s@GOTOFF+4, s@TLS_DTPREL, s@SIZE+8, s@DYNOPT, s@ABS
