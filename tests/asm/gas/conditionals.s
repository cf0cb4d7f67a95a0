! The .if family, .elseif chains and nesting.
!> .data 0102030405060708090a0b0c0d0e0f100b11
        .data
        A = 3
        .ifdef A; .byte 1; .else; .byte 0; .endif
        .ifndef B; .byte 2; .endif
        .ifnotdef A; .byte 0; .else; .byte 3; .endif
        .ifc abc, abc; .byte 4; .endif
        .ifc "a b", "a b"; .byte 5; .endif
        .ifnc abc, abd; .byte 6; .endif
        .ifeq A - 3; .byte 7; .endif
        .ifne A; .byte 8; .endif
        .ifgt A; .byte 9; .endif
        .ifge 0; .byte 10; .endif
        .iflt -1; .byte 11; .endif
        .ifle 0; .byte 12; .endif
        .ifgt 0; .byte 0; .elseif A == 2; .byte 0; .elseif A == 3; .byte 13; .else; .byte 0; .endif
        .ifb; .byte 14; .endif
        .ifnb x; .byte 15; .endif
        .if 0
          .if 1; .byte 0; .else; .byte 0; .endif
        .else
          .if 1; .byte 16; .endif
        .endif
        .macro m x; .ifb \x; .byte 0xb; .else; .byte \x; .endif; .endm
        m; m 17
