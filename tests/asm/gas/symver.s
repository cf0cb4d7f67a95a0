! .symver: another name of a symbol, with its value and binding; an
! unreferenced .weak name is left out of an object, a .globl one kept.
!? sym foo
!? sym foo@VERS_1
!? sym foo2@@VERS_2
!? sym bar
!? sym bar@VERS_1
!? sym g_unref
!> shdr .text 1 6 0
!> .text 80000000000000000001000000000000
!> shdr .data 1 3 0
!> shdr .bss 8 3 0
!> sym foo GLOBAL NOTYPE DEFAULT .text 0 0
!> sym foo@VERS_1 GLOBAL NOTYPE DEFAULT .text 0 0
!> sym foo2@@VERS_2 GLOBAL NOTYPE DEFAULT .text 0 0
!> sym bar LOCAL NOTYPE DEFAULT .text 8 0
!> sym bar@VERS_1 LOCAL NOTYPE DEFAULT .text 8 0
!> sym g_unref GLOBAL NOTYPE DEFAULT UND 0 0
        .globl g_unref
        .weak w_unref
        .text
foo:    { nop 1 }
        .globl foo
        .symver foo, foo@VERS_1
        .symver foo, foo2@@VERS_2
bar:    { nop 2 }
        .symver bar, bar@VERS_1
