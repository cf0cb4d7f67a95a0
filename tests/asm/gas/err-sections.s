! Section directive errors.
        .section .a, "aG", @progbits, grp, comdat
        .section .b, "aM", @progbits
        .section .c, "q"
        .section .d, "a", @weird
        .text 8192
        .subsection -1
        .section .e, "a", @progbits, 4
!> error err-sections.s:2: error: section flag `G' (section groups, linked-to sections) is not supported
!> error err-sections.s:2: error: junk `grp' after the section type
!> error err-sections.s:3: error: section .b with flag M needs an entity size after its type
!> error err-sections.s:4: error: unknown section flag `q'
!> error err-sections.s:5: error: unknown section type `@weird'
!> error err-sections.s:6: error: subsection 8192 is out of range (0..8191)
!> error err-sections.s:7: error: subsection -1 is out of range (0..8191)
!> error err-sections.s:8: error: junk `4' after the section type
