! A pc-relative datum to another section must be 4 or 8 bytes.
        .text
t:      { nop 1 }
        .data
        .short t - .
        .byte t - .
!> error err-pcrel-data.s:5: error: a pc-relative datum in another section must be 4 bytes (R_E2K_32_PC) or 8 (R_E2K_64_PC_LIT)
!> error err-pcrel-data.s:6: error: a pc-relative datum in another section must be 4 bytes (R_E2K_32_PC) or 8 (R_E2K_64_PC_LIT)
