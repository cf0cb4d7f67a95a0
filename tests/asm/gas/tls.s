! Thread-local symbols as MCST gas writes them: .type @tls_object, and
! every label of a T section is STT_TLS; so is the target of @TLS_IE,
! @TLS_LE, @TLS_GDMOD and @TLS_GDREL (an undefined one too, but not of
! @TLS_DTPREL); relocations against a label of a T section keep the
! label (a local or .L one too), never the section.
!> shdr .text 1 6 0 8
!> .text 80000000000000001100000481d8c01100000000000000001100000481d8c01100000000000000001100000481d8806700000000000000001100000481d8806700000000000000001100000481dcc01100000000000000001100000481dcc01100000000000000001100000481dcc01100000000000000002200000c81d8c01182d9c0110000000000000000000000002200000c81d8c01182d9c0110000000000000000000000002200000c81d8c01182d9c0110000000000000000000000001100000481d8c0110000000000000000
!> shdr .data 1 3 0 16
!> .data 00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
!> shdr .tdata 1 403 0 8
!> .tdata 050000000000000006000000000000000700000000000000
!> shdr .tbss 8 403 0 4
!> .tbss nobits 16
!> sym tv GLOBAL TLS DEFAULT .tdata 0 8
!> sym tb GLOBAL TLS DEFAULT .tbss 0 4
!> sym lv LOCAL TLS DEFAULT .tdata 8 0
!> sym lb LOCAL TLS DEFAULT .tbss 4 0
!> sym .Lq LOCAL TLS DEFAULT .tdata 10 0
!> sym ext GLOBAL TLS DEFAULT UND 0 0
!> sym dt GLOBAL NOTYPE DEFAULT UND 0 0
!> rela .text 14 74 tv 0
!> rela .text 24 74 lv 0
!> rela .text 34 74 tb 0
!> rela .text 44 74 ext 0
!> rela .text 50 76 tv 0
!> rela .text 60 76 lb 4
!> rela .text 70 76 tb 0
!> rela .text 88 71 tv 0
!> rela .text 8c 70 tv 0
!> rela .text a0 71 lv 8
!> rela .text a4 70 lv 0
!> rela .text b8 71 ext 0
!> rela .text bc 70 ext 0
!> rela .text cc 74 .Lq 0
!> rela .data 0 81 tv 0
!> rela .data 4 81 lv 2
!> rela .data 8 81 tb 0
!> rela .data c 81 ext 0
!> rela .data 10 83 tv 0
!> rela .data 18 83 lb 4
!> rela .data 20 83 ext 0
!> rela .data 28 83 dt 0
!> rela .data 30 50 lv 0
!> rela .data 38 50 .Lq 8
        .section .tdata,"awT",@progbits
        .align 8
        .globl tv
        .type tv, @tls_object
        .size tv, 8
tv:     .quad 5
lv:     .quad 6
.Lq:    .quad 7
        .section .tbss,"awT",@nobits
        .align 4
        .globl tb
        .type tb, STT_TLS
        .size tb, 4
tb:     .zero 4
lb:     .zero 12
        .text
        { nop 1 }
        { addd,0 0x0, tv@TLS_IE, %dr1 }
        { addd,0 0x0, lv@TLS_IE, %dr1 }
        { ldd,0 %dr0, [ tb@TLS_IE ], %dr1 }
        { ldd,0 %dr0, [ ext@TLS_IE ], %dr1 }
        { addd,0 0x0, tv@TLS_LE, %dr1 }
        { addd,0 0x0, lb@TLS_LE + 4, %dr1 }
        { addd,0 0x0, [ _f64 tb@TLS_LE ], %dr1 }
        { addd,0 0x0, tv@TLS_GDMOD, %dr1 ; addd,1 0x0, tv@TLS_GDREL, %dr2 }
        { addd,0 0x0, lv@TLS_GDMOD, %dr1 ; addd,1 0x0, lv@TLS_GDREL + 8, %dr2 }
        { addd,0 0x0, ext@tls_gdmod, %dr1 ; addd,1 0x0, ext@Tls_GdRel, %dr2 }
        { addd,0 0x0, .Lq@TLS_IE, %dr1 }
        .data
        .word tv@TLS_DTPREL, lv@TLS_DTPREL + 2, tb@TLS_DTPREL, ext@TLS_DTPREL
        .quad tv@TLS_DTPREL, lb@TLS_DTPREL + 4, ext@TLS_DTPREL, dt@TLS_DTPREL
        .quad lv, .Lq + 8
