! A one-line macro whose .endm is missing swallows the rest of the file.
        .data
        .macro m a; .byte \a; .byte 2
        .byte 3
!> error err-macro-unclosed.s:3: error: .macro without a matching .endm
