! Structure errors name the line of the offending statement.
        .data
        .byte 1; .endr
        .exitm
        .irp ; .byte 1; .endr
        .purgem nosuch
        .rept 1; .byte 1; .endm; .endr; .endm
!> error err-structure.s:3: error: .endr without a matching .rept/.irp
!> error err-structure.s:4: error: .exitm outside a macro
!> error err-structure.s:5: error: .irp needs a parameter name
!> error err-structure.s:6: error: .purgem: macro `nosuch' is not defined
!> error err-structure.s:7: error: .endm without a matching .macro
!> error err-structure.s:7: error: .endm without a matching .macro
