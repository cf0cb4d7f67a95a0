! Misused relocation operators (found while reading the source).
        .data
        .word s@NOSUCH
        .quad s@GOT * 2
        .quad 5@GOT
        .text
        { addd,0 0x0, s@TLS_DTPREL, %dr1 }
        { addd,0 0x0, s@GOT + t@GOT, %dr1 }
!> error err-relops.s:3: error: unknown relocation `@NOSUCH'
!> error err-relops.s:4: error: a @GOT reference can only be offset by a constant
!> error err-relops.s:5: error: junk '@GOT' after expression
!> error err-relops.s:7: error: @TLS_DTPREL cannot be used in an instruction
!> error err-relops.s:8: error: a @GOT reference can only be offset by a constant
