! Generated case (from a random generator of .file/.loc directives), kept
! as a regression test: the bytes and relocations are MCST gas's.
!> shdr .debug_line 1 0 0
!> .debug_line 820000000300370000000101fb0e0d00010101010000000100000161002f7573722f696e636c7564650000622e6300010000632e6800000000642e680002000000040205c801070009020000000000000000030901040105010b1104030505037a028801010402050003e40082040303e400010402039c7f0104011305010b039c7f01000101
!> rela .debug_line 4a 50 .text 24
.file 1 "a/b.c"
.file 2 "c.h"
.file 3 "/usr/include/d.h"
.text
.loc 2 10 200 basic_block
{ nop 1 }
{ nop 1 }
{ nop 1 }
.loc 1 9 1 epilogue_begin is_stmt 1
.loc 3 3 5
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
.text 1
.loc 2 103 0
{ nop 1 }
.loc 3 203
.loc 2 103
.loc 1 104
.loc 1 4 1 epilogue_begin
.loc 2 0
.text
.loc 2 0 is_stmt 0
.loc 3 10 200
.section .debug_info,"",@progbits
.word 0
