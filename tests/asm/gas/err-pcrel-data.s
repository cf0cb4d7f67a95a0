! A pc-relative datum to another section must be 4 bytes.
        .text
t:      { nop 1 }
        .data
        .quad t - .
        .short t - .
!> error err-pcrel-data.s:5: error: a pc-relative datum in another section must be 4 bytes (R_E2K_32_PC)
!> error err-pcrel-data.s:6: error: a pc-relative datum in another section must be 4 bytes (R_E2K_32_PC)
