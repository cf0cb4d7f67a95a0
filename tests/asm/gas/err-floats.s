! Floating-point operands: only numbers, in range.
        .data
        .float 1+1
        .double 0x1p3
        .float 1e39
        .double -1e309
        .float abc
        .float 1 .5
!> error err-floats.s:3: error: junk `+1' after floating-point number
!> error err-floats.s:4: error: junk `p3' after floating-point number
!> error err-floats.s:5: error: floating-point number `1e39' is out of range for .float
!> error err-floats.s:6: error: floating-point number `-1e309' is out of range for .double
!> error err-floats.s:7: error: bad floating-point number `abc'
!> error err-floats.s:8: error: junk ` .5' after floating-point number
