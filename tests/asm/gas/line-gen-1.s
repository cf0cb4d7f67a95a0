! Generated case (from a random generator of .file/.loc directives), kept
! as a regression test: the bytes and relocations are MCST gas's.
!> shdr .debug_line 1 0 0
!> .debug_line 8e0000000300370000000101fb0e0d00010101010000000100000161002f7573722f696e636c7564650000622e6300010000632e6800000000642e68000200000004020b000902000000000000000003e4000103e40001040305050c020309010500030a08740401061400010104020c02070a000902000000000000000003b5020104010a030a0288010104020701000101
!> rela .debug_line 47 50 .text.x 0
!> rela .debug_line 76 50 .data 0
.file 1 "a/b.c"
.file 2 "c.h"
.file 3 "/usr/include/d.h"
.text
.loc 2 101 epilogue_begin
.section .text.x,"ax"
.loc 2 201
.loc 3 210 5 isa 2
.loc 2 310 0 basic_block prologue_end
.data
.loc 1 320 0 prologue_end is_stmt 1
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
.loc 2 320 basic_block
.loc 3 220
.section .text.x,"ax"
{ nop 1 }
{ nop 1 }
{ nop 1 }
.loc 1 222 is_stmt 0
.section .text.x,"ax"
.loc 1 230 0
.section .debug_info,"",@progbits
.word 0
