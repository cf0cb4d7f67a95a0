! Integer forms: decimal, 0x/0X hex, 0b/0B binary, leading-0 octal,
! character constants 'c and 'c' (escapes \b \f \n \r \t; others are the
! character itself), numeric local labels next to binary numbers (0b1
! is binary, 0b alone the label).
!> .data 0a1f1f05030f0061620a09305c273b216201ff0b0300ffffffffffffffff0000000000000080
        .data
        .byte 10, 0x1F, 0X1f, 0b101, 0B11, 017, 0
        .byte 'a, 'b', '\n, '\t', '\0, '\\, '\'', ';', '!', 'a'+1
0:      .byte 0b1, 0b - ., 0x0b
1:      .byte 1b - 0b, 0b0
        .quad 18446744073709551615, -9223372036854775808
