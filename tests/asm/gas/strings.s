! .ascii/.asciz/.string with adjacent literals (each gets its own zero in
! .asciz/.string, as in gas), <N> bytes, empty items, gas's escapes.
!> .data 616263780079007000710072006e0a6d417374080c0a0d090b5c222761657a41413209414200213b7b7d
        .data
        .ascii "a" "b", "c"
        .asciz "x" "y"
        .string "p"  "q" , "r"
        .ascii "n"<10>"m", <0x41>
        .ascii "s",,"t",
        .ascii "\b\f\n\r\t\v\\\"\'\a\e\z"
        .ascii "\101\1012\9\x41\x4142\x"
        .ascii "!;{}"           ! separators and `!' inside a string
        .asciz
