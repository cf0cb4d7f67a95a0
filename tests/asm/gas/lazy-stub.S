! A lazy-binding stub in the style of e2k ports of shim libraries
! (a template expanded per symbol): find a table slot through the GOT,
! jump to it when it is set, else call a resolver and retry.  cpp
! comments, %function, .hidden, .p2align, braceless operations,
! _GLOBAL_OFFSET_TABLE_ and @GOTOFF literals, [base + offset]
! addresses, a predicated control transfer and CFI around it all.
!> shdr .text 1 6 0
!> .text 118000000000000000000000100100002200100ce0c0813fe1dcc0110000c001000000000000000001000004e0e1e01111000004e0dce011000000000000000011000004e0d4e06700000000000010001200000cd2e0c06140c0e0200000000001100000600800c011000004e0d4c0110000000000000200014000000000004012900000200400c0080000500000000012500000200000c0f0ffff0f00000000118000000000000000000000300000000100000480e0c011014000000000004012900000200400c0000000500000000001400000000000f001100000200c00c0
!> shdr .data 1 3 0
!> .data 0000000000000000000000000000000000000000000000000000000000000000
!> shdr .eh_frame 1 2 0 8
!> .eh_frame 1000000000000000017a5200017800011b000000100000001800000000000000a000000000000000140000002c00000000000000400000000000000000000000
!> rela .text 20 54 _GLOBAL_OFFSET_TABLE_ 16
!> rela .text 38 256 stub_table 0
!> rela .text 7c 110 stub_save_and_resolve 4
!> rela .text bc 110 stub_resolve 4
!> rela .eh_frame 1c 2 .text 0
!> rela .eh_frame 30 2 .text 160
  .data
  .globl stub_table
  .hidden stub_table
  .p2align 3
stub_table:
  .zero 32

  .text
  .globl stub_resolve
  .hidden stub_resolve

  .globl stub_open
  .p2align 3
  .ignore strict_delay
  .type stub_open, %function
  .hidden stub_open
stub_open:
  .cfi_startproc
  setwd wsz = 0x8, nfx = 0x1
1:
  {
    rrd %ip, %g0
    addd 0x0, [ _f64 _GLOBAL_OFFSET_TABLE_ ], %g1
  }
  addd %g0, %g1, %g0
  addd %g0, [ _f64 stub_table@GOTOFF ], %g0
  ldd [%g0 + 16], %g0            // slot 2
  {
    cmpesb %g0, 0x0, %pred0
    movtd %g0, %ctpr2
  }
  ct %ctpr2 ? ~%pred0
2:
  addd 0x0, _f16s 2, %g0
  disp  %ctpr1, stub_save_and_resolve
  call %ctpr1, wbs = 0x8
  ibranch 1b
  .cfi_endproc
  .size stub_open, . - stub_open

  .globl stub_save_and_resolve
  .hidden stub_save_and_resolve
  .type stub_save_and_resolve, %function
stub_save_and_resolve:
  .cfi_startproc
  setwd wsz = 0x1, nfx = 1
  addd 0x0, %g0, %r0
  disp  %ctpr1, stub_resolve
  call %ctpr1, wbs = 0
  return %ctpr3
  ct %ctpr3
  .cfi_endproc
