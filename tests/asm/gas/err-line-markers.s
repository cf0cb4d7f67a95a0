# 41 "source.c"
        .data
        .byte 1LU
# 7 "header.h" 1
        .byte 0x
# 43 "source.c" 2
        .byte 1 +
#line 90 "ignored.c"
# 12
        .byte 2 +
!> error source.c:42: error: junk 'U' after a number
!> error header.h:7: error: bad hexadecimal number
!> error source.c:43: error: missing expression
!> error source.c:46: error: missing expression
