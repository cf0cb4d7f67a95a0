/*
 * e2k FPU control and status state: the layout of PFPFR (the f32/f64
 * unit: flags, masks, rounding, flush-to-zero) and of FPCR/FPSR (the
 * x87-style control and status of the f80 unit), and the values a new
 * process starts with.  Field layouts and initial values follow the
 * e2k Linux kernel headers (see docs/devel/e2k-fpu.md).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_E2K_FPU_H
#define TARGET_E2K_FPU_H

#include <stdint.h>

/* IEEE exception bits, in the order all three registers use them (the
   flags at bits 5:0, the masks of PFPFR at 12:7, those of FPCR at 5:0). */
#define E2K_FP_IE   0x01    /* invalid operation */
#define E2K_FP_DE   0x02    /* denormal operand */
#define E2K_FP_ZE   0x04    /* division by zero */
#define E2K_FP_OE   0x08    /* overflow */
#define E2K_FP_UE   0x10    /* underflow */
#define E2K_FP_PE   0x20    /* inexact (precision) */
#define E2K_FP_ALL  0x3f

/* PFPFR (%pfpfr, state register 0x84), 32 bits. */
#define PFPFR_FLAGS_SHIFT   0       /* sticky flags, bits 5:0 */
#define PFPFR_MASKS_SHIFT   7       /* exception masks, bits 12:7 */
#define PFPFR_RC_SHIFT      13      /* rounding control, bits 14:13 */
#define PFPFR_RC_MASK       (3u << PFPFR_RC_SHIFT)
#define PFPFR_FZ            (1u << 15)  /* flush tiny results to zero */
#define PFPFR_DFLAGS_SHIFT  26      /* bits 31:26: die dde dze doe due dpe */
/* Bits that hold state; 6 and 25:16 read as zero. */
#define PFPFR_WRITABLE      0xfc00ffbfu

/* The PFPFR control bits under which translated code runs f32/f64
   operations as inline SSE with the host's default MXCSR (0x1f80):
   every exception masked, round to nearest, no flush-to-zero. */
#define PFPFR_INLINE_MASK   0x0000ff80u
#define PFPFR_INLINE_VALUE  0x00001f80u
#define E2K_MXCSR_DEFAULT   0x00001f80u

/* Rounding control values (PFPFR.rc and FPCR.rc). */
#define E2K_RC_NEAREST  0
#define E2K_RC_DOWN     1
#define E2K_RC_UP       2
#define E2K_RC_ZERO     3

/* FPCR (%fpcr, 0x85): x87 control word layout. */
#define FPCR_MASKS_SHIFT    0       /* exception masks, bits 5:0 */
#define FPCR_PC_SHIFT       8       /* precision control, bits 9:8 */
#define FPCR_RC_SHIFT       10      /* rounding control, bits 11:10 */
#define FPCR_WRITABLE       0x1f7fu /* 5:0, bit 6 (reads 1), 12:8 */

/* FPSR (%fpsr, 0x86): x87 status word subset. */
#define FPSR_FLAGS_SHIFT    0       /* sticky flags, bits 5:0 */
#define FPSR_ES             (1u << 7)
#define FPSR_C1             (1u << 9)
#define FPSR_BF             (1u << 15)
#define FPSR_WRITABLE       0x82bfu

/*
 * What the kernel loads for a new process (GET_FPU_DEFAULTS in the e2k
 * Linux sources): every exception masked, round to nearest, FPCR
 * precision control 3 (64-bit significand), and -- marked "NEEDSWORK"
 * there -- every sticky flag of PFPFR and FPSR already set.
 */
#define PFPFR_INIT  0x00001fbfu
#define FPCR_INIT   0x0000033fu
#define FPSR_INIT   0x0000003fu

typedef struct E2KFpuState {
    uint32_t pfpfr;
    uint32_t fpcr;
    uint32_t fpsr;
    /* Helper scratch: nonzero when a speculative (,sm) operation's
       helper met an unmasked exception and gave up (fpu_helper.h). */
    uint32_t spec_fail;
    /* Helper scratch: the sign/exponent half of an f80 result a helper
       returned (helpers return one 64-bit value). */
    uint64_t ret_hi;
} E2KFpuState;

#endif
