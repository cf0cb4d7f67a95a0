! TLS operators on what cannot be thread-local: a label of an ordinary
! section (gas: "Accessing `.data' as thread-local object"), a function
! (gas: "Accessing function `f' as thread-local object"); @TLS_DTPREL
! does not make its target thread-local, so gas accepts it on anything.
!> error err-tls.s:16: error: @TLS_IE of `d', which is in .data: only a symbol of a thread-local section (flag T) or an undefined one can be
!> error err-tls.s:17: error: @TLS_LE of `g', which is in .data: only a symbol of a thread-local section (flag T) or an undefined one can be
!> error err-tls.s:18: error: @TLS_GDMOD of function `f': a function is not a thread-local object
!> error err-tls.s:19: error: @TLS_GDREL of `.Ll', which is in .text: only a symbol of a thread-local section (flag T) or an undefined one can be
        .data
d:      .quad 0
        .globl g
g:      .quad 0
        .quad d@TLS_DTPREL
        .text
        .type f, @function
f:      { addd,0 0x0, d@TLS_IE, %dr1 }
        { addd,0 0x0, g@TLS_LE, %dr1 }
        { addd,0 0x0, f@TLS_GDMOD, %dr1 }
        { addd,0 0x0, .Ll@TLS_GDREL, %dr1 }
.Ll:    { nop }
