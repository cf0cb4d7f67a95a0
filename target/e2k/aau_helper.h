/*
 * e2k array access unit (AAU): the register file behind aaurr/aaurw, the
 * array prefetch program (bap/eap) and the mova element reads.
 *
 * Owns: which AAU register an aaurr/aaurw names (decoded from the names
 * of the one register table, e2k_aau_regs) and the helpers translated
 * code calls for the rare AAU operations and for mova.  Does not own the
 * translation (translate-aau.c) or the state layout (cpu.h).  The model
 * and its sources are in docs/devel/e2k-translator.md, "The array access
 * unit".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_E2K_AAU_HELPER_H
#define TARGET_E2K_AAU_HELPER_H

#include <stdbool.h>
#include <stdint.h>

#include "target/e2k/cpu.h"

typedef enum E2KAauRegKind {
    E2K_AAU_REG_AAD,
    E2K_AAU_REG_AASTI,
    E2K_AAU_REG_AAIND,
    E2K_AAU_REG_AAINCR,
    E2K_AAU_REG_AASTI_TAG,
    E2K_AAU_REG_AAIND_TAG,
    E2K_AAU_REG_AAINCR_TAG,
    E2K_AAU_REG_AALDI,
    E2K_AAU_REG_AALDA,
    E2K_AAU_REG_AALDV,
    E2K_AAU_REG_AALDM,
    E2K_AAU_REG_AASR,
    E2K_AAU_REG_AAFSTR,
} E2KAauRegKind;

/*
 * The register an aaurr/aaurw with ALS bits 23:8 = @opce1 names.  false
 * for an encoding that names no register we model (%aabfN, %aaincr8..15,
 * an %aaldaN not a multiple of 4): the operation is illegal.
 */
bool e2k_aau_reg_decode(uint16_t opce1, E2KAauRegKind *kind, int *index);

/*
 * Recompute the fields translated code reads (aad_base, area_base,
 * area_step, area_fmt) from the registers they are derived from.  Every
 * write of apb, aaldv, aad_lo or aaincr is followed by this (aaurw, bap;
 * a copy of the whole E2KAauState carries them along).
 */
void e2k_aau_refresh_areas(E2KAauState *aau);

/* aaurr{,d,q}: the value of register @opce1 as channel @chan reads it;
   @hi: the second channel of aaurrq (AAD bits 127:64). */
uint64_t helper_aaurr(CPUE2KState *env, uint32_t opce1, uint32_t chan,
                      uint32_t hi);
/* aaurw{,s,d,q}: write @val (@size_log2 2: 32 bits, 3: 64 bits); @hi as
   for helper_aaurr. */
void helper_aaurw(CPUE2KState *env, uint32_t opce1, uint32_t chan,
                  uint32_t hi, uint32_t size_log2, uint64_t val);

/* bap, before its wide instruction commits: raise what loading the
   program at %ctpr2 would raise (SIGILL: %ctpr2 holds no ldisp target,
   a secondary-index or bad-format entry; SIGSEGV: unreadable). */
void helper_aau_bap_check(CPUE2KState *env, uint64_t pc);
/* bap, in the commit phase: load the program into the areas. */
void helper_aau_bap(CPUE2KState *env);
/* eap: stop the prefetch. */
void helper_aau_eap(CPUE2KState *env);

/* mova descriptor bits (the AAS fields the helper needs). */
#define E2K_MOVA_CHAN_SHIFT  0     /* 2 bits: mova channel 0..3 */
#define E2K_MOVA_AREA_SHIFT  2     /* 5 bits */
#define E2K_MOVA_IND_SHIFT   8     /* 5 bits: byte offset */
#define E2K_MOVA_SIZE_SHIFT  13    /* 2 bits: log2 of the bytes */
#define E2K_MOVA_BE_BIT      16
#define E2K_MOVA_Q_BIT       17    /* movaq/movaqp: the area holds quads */
#define E2K_MOVA_QP_BIT      18    /* movaqp: 16 bytes, upper half in
                                      env->aau.mova_hi */

/* mova: the element @desc names (zero-extended), or 0 with
   env->aau.mova_diag = 1 when the area is not loaded or the element is
   unreadable.  SIGILL when the element is wider than the area's format
   (for movaq/movaqp, when the area's elements are not 16 bytes). */
uint64_t helper_mova(CPUE2KState *env, uint32_t desc, uint64_t pc);

#endif
