/*
 * TranslationBlock: one translated run of guest code.  Owned jointly:
 * the TCG backend (tcg/) fills the host-code fields below in
 * tcg_gen_code; the front end (accel/tcg) owns pc/flags/size and adds
 * its cache and list fields at the end of the struct.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EXEC_TRANSLATION_BLOCK_H
#define EXEC_TRANSLATION_BLOCK_H

#include <stdint.h>
#include <stddef.h>

#define TB_JMP_OFFSET_INVALID 0xffff    /* goto_tb slot not used */

/* Low bits of the value returned by tcg_qemu_tb_exec. */
#define TB_EXIT_MASK      3
#define TB_EXIT_IDX0      0             /* exit_tb(tb, 0) after goto_tb(0) */
#define TB_EXIT_IDX1      1
#define TB_EXIT_REQUESTED 2

typedef struct TranslationBlock TranslationBlock;

/*
 * The per-CPU jump cache: TB pointers indexed by a hash of the guest pc
 * (accel/tcg fills it; translated code of returns probes it inline).
 */
#define TB_JMP_CACHE_SIZE 4096

static inline unsigned tb_jmp_cache_hash(uint64_t pc)
{
    return (pc >> 3) & (TB_JMP_CACHE_SIZE - 1);
}

struct TranslationBlock {
    /* --- front end: what was translated --- */
    uint64_t pc;            /* guest address of the first instruction */
    uint32_t flags;         /* translation-relevant CPU state */
    uint32_t cflags;        /* compile flags */
    uint32_t size;          /* bytes of guest code */
    uint32_t icount;        /* guest instructions */

    /* --- TCG: host code (filled by tcg_gen_code) --- */
    struct {
        const void *ptr;    /* entry point (executable view) */
        size_t size;        /* bytes of host code (interp: bytecode) */
    } tc;
    /*
     * goto_tb slot n: jmp_insn_offset[n] locates the patchable jump and
     * jmp_reset_offset[n] the code that follows it (its unchained
     * target), both relative to tc.ptr; TB_JMP_OFFSET_INVALID if the TB
     * has no goto_tb(n).  jmp_target_addr[n] is the current target.
     */
    uint16_t jmp_reset_offset[2];
    uint16_t jmp_insn_offset[2];
    uintptr_t jmp_target_addr[2];
    /* insn_start table (host end offset + words per guest insn),
     * stored in the code buffer after the code. */
    const void *insn_data;
    uint32_t insn_data_count;

    /* --- front end: cache and chaining lists (accel/tcg) --- */
    TranslationBlock *hash_next;    /* TB hash table bucket chain */
    uint64_t page_addr[2];          /* guest pages of the code (-1: none) */
    TranslationBlock *page_next[2]; /* per-page TB lists */
    /*
     * Direct jumps.  jmp_dest[n] is the TB slot n is chained to (0 if
     * none).  The TBs that jump to this one form a list: jmp_list_head
     * holds (source TB | slot) of the first, and the source's
     * jmp_list_next[slot] the next one.
     */
    uintptr_t jmp_dest[2];
    uintptr_t jmp_list_head;
    uintptr_t jmp_list_next[2];
    int invalid;                    /* removed from the cache */
};

#endif
