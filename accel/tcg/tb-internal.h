/*
 * accel/tcg internals shared by the execution loop and the TB cache.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef ACCEL_TCG_TB_INTERNAL_H
#define ACCEL_TCG_TB_INTERNAL_H

#include "exec/translation-block.h"
#include "target/e2k/cpu.h"


typedef struct TBStats {
    uint64_t translations;
    uint64_t chains;
    uint64_t invalidations;
    uint64_t flushes;
} TBStats;

extern TBStats tb_stats;
/* Bumped by every flush: TB pointers from before it are dead. */
extern unsigned tb_flush_count;

void tb_cache_init(void);
/* The hash-table part of tb_lookup (fills the jump cache). */
TranslationBlock *tb_lookup_slow(CPUE2KState *env, uint64_t pc,
                                 uint32_t flags);
TranslationBlock *tb_gen_code(CPUE2KState *env, uint64_t pc, uint32_t flags);
void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *dest);
void tb_flush(CPUE2KState *env);
/* The CPU executing on this thread (NULL outside e2k_cpu_exec). */
CPUE2KState *tb_current_env(void);

static inline uint32_t e2k_tb_flags(const CPUE2KState *env)
{
    return (env->br & E2K_TBFLAG_BR_MASK) | env->tbflags_extra;
}

/* The TB for (pc, flags) or NULL.  The per-CPU jump cache is checked
   inline: every indirect branch, call and return of the guest comes
   through here. */
static inline TranslationBlock *tb_lookup(CPUE2KState *env, uint64_t pc,
                                          uint32_t flags)
{
    TranslationBlock **jc = env->tb_jmp_cache;

    if (jc) {
        TranslationBlock *tb = jc[tb_jmp_cache_hash(pc)];

        if (tb && tb->pc == pc && tb->flags == flags && !tb->invalid) {
            return tb;
        }
    }
    return tb_lookup_slow(env, pc, flags);
}

#endif
