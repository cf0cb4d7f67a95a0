! Suffixes gas does not take are junk, as in gas.
        .data
        .byte 1LU
        .byte 1ul
        .word 0U
        .byte 1uu
!> error err-suffix.s:3: error: junk 'U' after a number
!> error err-suffix.s:4: error: junk 'u' after a number
!> error err-suffix.s:5: error: junk 'U' after a number
!> error err-suffix.s:6: error: junk 'u' after a number
