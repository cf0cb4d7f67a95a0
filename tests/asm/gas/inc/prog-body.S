/* A whole test program: header macros, cpp constants, ISA conditions. */
#include "testlib.h"

        .text
        .global _start
_start:
        { setwd wsz = 0x8, nfx = 0x1; setbn rsz = 0x3, rbs = 0x4, rcur = 0x0 }
        { addd,0 0x0, MAGIC, %dr0; addd,1 0x0, 28U, %dr1 }
        { addd,0 0x0, BIG, %dr2 }
        CHECK cmpedb, %dr0, %dr1
        MSG msg_hello, "hello"
#if __iset__ >= 5
        MSG msg_iset, "iset v5 or later"
        { addd,0 %dr1, 0x7fU, %dr3 }
#else
        MSG msg_iset, "iset before v5"
        { addd,0 %dr1, 0x3fU, %dr3 }
#endif
        SYSCALL3 SYS_WRITE, 1, [ msg_hello ], msg_hello_len
        SYSCALL3 SYS_WRITE, 1, [ msg_iset ], msg_iset_len
        SYSCALL1 SYS_EXIT, 0
        .data
        TABLE 1UL, 2; TABLE 3U, 0x10
        QUOTED; QUOTED "a \"word\""; QUOTED s="kw"
        .float 1.5; .double 0.1
