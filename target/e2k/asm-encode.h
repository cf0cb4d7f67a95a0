/*
 * e2k assembler back end: encodes the operations of one source wide
 * instruction (reference assembler syntax) into bundle bytes, choosing
 * channels and literal slots the way the reference assembler does.
 * The assembler front end (tools/e2k-asm) owns lexing, directives,
 * expressions, symbols and object files; it calls e2k_asm_encode() once
 * per wide instruction and patches fixups with e2k_asm_apply_fixup().
 *
 * Copyright (c) the qemu-e2k project authors.  GPL-2.0-or-later.
 */
#ifndef TARGET_E2K_ASM_ENCODE_H
#define TARGET_E2K_ASM_ENCODE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "qemu/error.h"

typedef struct E2KAsmEnv {
    int isa;                       /* 2..7 */
    uint64_t pc;                   /* address of this bundle */
    bool objdump_store_order;      /* after `.ignore ld_st_style` */
    /*
     * Evaluate expression text (numbers, symbols, ., + - etc.).
     * 0: *val set, an absolute constant.  1: the value is an address or
     * not known yet (labels, `.', forward or undefined symbols): the
     * encoder then uses the 64-bit literal form (as the reference assembler
     * does for any symbol) or a 0 displacement, and records a fixup.
     * 2: like 1, but the value goes into a 32-bit literal (relocations
     * such as gas's sym@GOT, which are 32 bits wide).
     * -1: error, errp set.
     * May be NULL: then only plain integer constants are accepted.
     */
    int (*eval)(void *opaque, const char *expr, int64_t *val, Error **errp);
    /* Bytes at @offset (from the start of @out of this call) must later
       receive the value of @expr encoded as @kind (E2K_FIX_*). */
    void (*add_fixup)(void *opaque, unsigned offset, int kind, const char *expr);
    void *opaque;
} E2KAsmEnv;

/* Fixup kinds.  @offset always points at the first byte to patch. */
enum {
    /* CS0 displacement field (bits 27:0, signed, units of 8 bytes) of
       disp/ldisp/ibranch: value = target address; the field receives
       (target - pc) / 8 where pc is the bundle address. */
    E2K_FIX_DISP = 1,
    /* 32-bit literal in one LTS syllable (absolute value, truncated). */
    E2K_FIX_LIT32,
    /* 64-bit literal in two LTS syllables: @offset is the syllable holding
       the high 32 bits, the low 32 bits follow it (LTS order). */
    E2K_FIX_LIT64,
    /* 32-bit pc-relative literal (value - pc of the bundle). */
    E2K_FIX_LIT32_PCREL,
};

#define E2K_ASM_MAX_OUT 256   /* a braceless op may expand to more than one bundle */

/*
 * Encode one source wide instruction: @ops are its operation texts, already
 * split on ';' and newlines, trimmed, comments removed; @braced says whether
 * the source used { }.  Returns the number of bytes written to @out (at
 * most E2K_ASM_MAX_OUT), or -1 with errp saying what is wrong (the caller
 * prefixes file:line).  An empty braced group gives an empty bundle.
 */
int e2k_asm_encode(const E2KAsmEnv *env, const char *const *ops, int nops,
                   bool braced, uint8_t *out, Error **errp);

/* Patch a recorded fixup once the value is known (pc = address of the
   fixup's bundle). */
bool e2k_asm_apply_fixup(uint8_t *out, unsigned offset, int kind, int64_t value,
                         uint64_t pc, Error **errp);

/* "elbrus-v3", "elbrus-8c" ... -> 2..7; -1 if unknown. */
int e2k_isa_from_cpu_name(const char *mcpu);

#endif /* TARGET_E2K_ASM_ENCODE_H */
