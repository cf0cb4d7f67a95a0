! Misused .file N / .loc: each is refused with a message.
        .file 0 "a.c"
        .file 1 "a.c" "b.c"
        .file 1 "a.c"
        .file 1 "b.c"
        .loc 2 1
        .loc 0 1
        .loc
        .loc 1 1 0 is_stmt 2
        .loc 1 1 0 view 0
        .loc 1 1 0 isa discriminator
        .loc 1 1 0 bogus
        .file 3 "c.c"
        .text
        .loc 1 1
        { nop 1 }
        .loc 1 2
!> error err-line.s:2: error: .file: file number 0 is less than one
!> error err-line.s:3: error: junk `"b.c"' after .file (a directory and MD5 sum are DWARF 5, which gas writes only with --gdwarf-5)
!> error err-line.s:5: error: .file 1 is already a.c
!> error err-line.s:6: error: .loc: file number 2 has no .file
!> error err-line.s:7: error: .loc: file number 0 is less than one
!> error err-line.s:8: error: .loc needs a file number and a line
!> error err-line.s:9: error: .loc: is_stmt must be 0 or 1
!> error err-line.s:10: error: .loc: unknown option `view' (views are not supported)
!> error err-line.s:11: error: expression uses `discriminator', which is not defined yet
!> error err-line.s:12: error: .loc: unknown option `bogus'
!> error err-line.s:13: error: .file 2 is missing (file numbers must have no gaps)
