! .symver errors.
        .text
foo:    { nop 1 }
        .symver foo
        .symver foo, plain
        .symver foo, foo@
        .symver foo, foo@V1
        .symver foo, foo@V1
!> error err-symver.s:4: error: .symver takes a symbol and name@version
!> error err-symver.s:5: error: expected name@version, not `plain'
!> error err-symver.s:6: error: expected name@version, not `foo@'
!> error err-symver.s:8: error: symbol `foo@V1' is already defined
