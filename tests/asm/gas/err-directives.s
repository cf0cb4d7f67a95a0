! Directive errors.
        .data
        .byte 1, 2
        .org 1
        .org undefined_later
        .incbin "no-such-file.bin"
        .incbin "incbin.dat", 9
        .incbin "incbin.dat", 2, 7
        .incbin incbin.dat
        .comm x, -1
        .text
        .org 0x10
        .data
        .org .text_label
!> error err-directives.s:4: error: .org 0x1 would move backwards (the section is at 0x2)
!> error err-directives.s:5: error: .org needs a constant or a label of this section defined before it
!> error err-directives.s:6: error: .incbin: file `no-such-file.bin' not found
!> error err-directives.s:7: error: .incbin: skip 9 is outside `./incbin.dat' (8 bytes)
!> error err-directives.s:8: error: .incbin: 7 bytes from offset 2 are more than `./incbin.dat' has (8 bytes)
!> error err-directives.s:9: error: .incbin takes "file"[, skip[, count]]
!> error err-directives.s:10: error: bad size or alignment
!> error err-directives.s:14: error: .org needs a constant or a label of this section defined before it
