/*
 * The e2k kernel's struct ucontext (64-bit), as the guest sees it in a
 * signal frame and as glibc's getcontext/makecontext/swapcontext fill
 * it: byte offsets.  Used by the signal frames (signal.c) and the
 * context calls (context.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef LINUX_USER_E2K_TARGET_UCONTEXT_H
#define LINUX_USER_E2K_TARGET_UCONTEXT_H

/* struct ucontext */
#define UC_FLAGS            0
#define UC_LINK             8
#define UC_STACK            16      /* ss_sp 0, ss_flags 8, ss_size 16 */
#define UC_MCONTEXT         40
#define UC_SIGMASK          1616
#define UC_EXTRA            1744
#define UC_SIZE             1792
/* struct sigcontext (uc_mcontext) */
#define SC_CR0_LO           0
#define SC_CR0_HI           8
#define SC_CR1_LO           16
#define SC_CR1_HI           24
#define SC_SBR              32      /* context calls: the stack's key */
#define SC_USD_LO           40
#define SC_USD_HI           48
#define SC_PSP_LO           56
#define SC_PSP_HI           64
#define SC_PCSP_LO          72
#define SC_PCSP_HI          80
#define SC_UPSR             1568
/* struct extra_ucontext (uc_extra) */
#define EX_SIZEOF           0
#define EX_CURR_CNT         4
#define EX_TC_COUNT         8
#define EX_FPCR             12
#define EX_FPSR             16
#define EX_PFPFR            20
#define EX_CTPR1            24
#define EX_SIZE             48

#endif
