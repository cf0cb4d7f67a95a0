! Relocation operators gas has no relocation for in these places (found
! when the relocations are made).
        .data
        .quad s@GOT
        .word s@TLS_LE
        .byte s@GOTOFF
        .quad _GLOBAL_OFFSET_TABLE_
        .text
        { disp %ctpr1, s@GOT }
!> error err-relops-place.s:9: error: @GOT cannot be used in a control transfer
!> error err-relops-place.s:4: error: @GOT cannot be used in data of this size
!> error err-relops-place.s:5: error: @TLS_LE cannot be used in data of this size
!> error err-relops-place.s:6: error: @GOTOFF cannot be used in data of this size
!> error err-relops-place.s:7: error: _GLOBAL_OFFSET_TABLE_ cannot be used in data of this size
