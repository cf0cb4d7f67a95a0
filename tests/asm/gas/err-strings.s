! String operands.
        .data
        .ascii "a" b
        .asciz "unterminated
        .ascii "x"<1
!> error err-strings.s:3: error: expected a string in quotes at b
!> error err-strings.s:4: error: unterminated string
!> error err-strings.s:5: error: expected <nn>
