/* A header in the style of public e2k test suites: C constants with
 * suffixes, one-line macros closed by `; .endm', strings built by the
 * preprocessor (adjacent literals). */
#define SYS_EXIT        1U
#define SYS_WRITE       4U
#define TRAP64          0x3U
#define MAGIC           0x12345678UL
#define BIG             0x123456789abcdefULL
#define STR(x)          #x
#define XSTR(x)         STR(x)
#define WHERE           __FILE__ ":" XSTR(__LINE__)

.macro SYSCALL1 nr, a; { sdisp %ctpr1, TRAP64; addd,0 0x0, \nr, %b[0]; addd,1 0x0, \a, %b[1] }; { call %ctpr1, wbs = 0x4 }; .endm
.macro SYSCALL3 nr, a, b, c; { sdisp %ctpr1, TRAP64; addd,0 0x0, \nr, %b[0]; addd,1 0x0, \a, %b[1]; addd,2 0x0, \b, %b[2]; addd,3 0x0, \c, %b[3] }; { call %ctpr1, wbs = 0x4 }; .endm
.macro CHECK op, x, y; { \op,0 \x, \y, %pred0 }; .endm
.macro MSG name, text; .section .rodata; \name: .ascii WHERE ": " "\text" "\n"; \name\()_len = . - \name; .previous; .endm
.macro TABLE from, to; .irp v, \from, \to; .quad \v; .endr; .endm
.macro QUOTED s="default text"; .ascii "\s"; .irp q, "x y", z; .ascii "<\q>"; .endr; .endm
