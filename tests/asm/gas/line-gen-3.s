! Generated case (from a random generator of .file/.loc directives), kept
! as a regression test: the bytes and relocations are MCST gas's.
! (.debug_info relocations and .debug_str depend on the current directory)
!> shdr .debug_line 1 0 0
!> .debug_line 6c0000000300370000000101fb0e0d00010101010000000100000161002f7573722f696e636c7564650000622e6300010000632e6800000000642e680002000000050100090200000000000000000309010403038827f20309010402061304010500010403071304021a02a002000101
!> shdr .debug_info 1 0 0
!> .debug_info 2a000000030000000000080100000000000000000000000000000000000000000000000000000000000000000180
!> shdr .debug_abbrev 1 0 0
!> .debug_abbrev 011100100611011201030e1b0e250e1305000000
!> shdr .debug_aranges 1 0 0
!> .debug_aranges 2c0000000200000000000800000000000000000000000000300100000000000000000000000000000000000000000000
!> rela .debug_line 46 50 .text 0
!> rela .debug_aranges 6 0 .debug_info 0
!> rela .debug_aranges 10 50 .text 0
.file 1 "a/b.c"
.file 2 "c.h"
.file 3 "/usr/include/d.h"
.text
.loc 1 10 1
.loc 3 5010
{ nop 1 }
{ nop 1 }
.loc 3 5019 1
.loc 2 5020 is_stmt 0
.loc 1 5020 0 is_stmt 0
.loc 3 5021 0 basic_block
.loc 2 5029
.loc 3 5029 200 is_stmt 0
{ nop 1 }
{ nop 1 }
{ nop 1 }
.text
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
{ nop 1 }
