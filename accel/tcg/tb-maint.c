/*
 * The translation-block cache: lookup by (guest pc, flags) through the
 * per-CPU jump cache and then a hash table, translation of missing TBs,
 * direct chaining of goto_tb slots, and invalidation of the TBs of a
 * guest page (self-modifying code) or of everything (code buffer full).
 *
 * Invariants: a TB in the hash table is valid and its pages are
 * write-protected (page_protect); a chained jump always leads to a valid
 * TB (invalidation unchains every jump into the TB first).  Translation
 * and cache updates happen under tb_lock, taken after the mmap lock
 * (accel/tcg/page-flags.c) when both are needed.  Lookups take no lock:
 * a TB is published with a release store and found with acquire loads,
 * and TBs are freed only by a flush, which runs in an exclusive section
 * when the process has more than one guest thread (exec/cpu-list.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <glib.h>

#include "qemu/log.h"
#include "exec/guest-memory.h"
#include "tcg/tcg.h"
#include "accel/tcg/tb-internal.h"
#include "exec/cpu-list.h"
#include "target/e2k/translate.h"
#include "target/e2k/disas.h"

#define TB_HASH_BITS   16
#define TB_HASH_SIZE   (1u << TB_HASH_BITS)
#define TB_MAX_BUNDLES 64

static TranslationBlock *tb_hash[TB_HASH_SIZE];
static GHashTable *tb_pages;        /* guest page -> first TB */
static GPtrArray *tb_all;           /* every TB since the last flush */
static GRecMutex tb_lock;
unsigned tb_flush_count;
TBStats tb_stats;

static inline unsigned tb_hash_func(uint64_t pc, uint32_t flags)
{
    uint64_t h = (pc >> 3) ^ ((uint64_t)flags * 0x9e3779b97f4a7c15ULL);

    h ^= h >> 29;
    return (unsigned)(h ^ (h >> TB_HASH_BITS)) & (TB_HASH_SIZE - 1);
}

static TranslationBlock **jmp_cache(CPUE2KState *env)
{
    if (!env->tb_jmp_cache) {
        env->tb_jmp_cache = g_new0(TranslationBlock *, TB_JMP_CACHE_SIZE);
    }
    return env->tb_jmp_cache;
}

void tb_cache_init(void)
{
    if (!tb_pages) {
        tb_pages = g_hash_table_new(g_direct_hash, g_direct_equal);
        tb_all = g_ptr_array_new();
    }
}

TranslationBlock *tb_lookup_slow(CPUE2KState *env, uint64_t pc,
                                 uint32_t flags)
{
    TranslationBlock **jc = jmp_cache(env);
    unsigned j = tb_jmp_cache_hash(pc);
    TranslationBlock *tb;
    /* Without the lock: a TB is published complete (release store in
       tb_gen_code) and freed only by a flush, which runs while no other
       thread executes (exclusive section). */
    for (tb = __atomic_load_n(&tb_hash[tb_hash_func(pc, flags)],
                              __ATOMIC_ACQUIRE);
         tb; tb = __atomic_load_n(&tb->hash_next, __ATOMIC_ACQUIRE)) {
        if (tb->pc == pc && tb->flags == flags &&
            !__atomic_load_n(&tb->invalid, __ATOMIC_ACQUIRE)) {
            break;
        }
    }
    if (tb) {
        jc[j] = tb;
    }
    return tb;
}

static void jmp_cache_clear(CPUE2KState *env, void *unused)
{
    if (env->tb_jmp_cache) {
        memset(env->tb_jmp_cache, 0,
               TB_JMP_CACHE_SIZE * sizeof(TranslationBlock *));
    }
}

/* Drop every TB and all generated code.  With more than one guest thread
   the caller is in an exclusive section, so no thread runs the code this
   frees, and every thread's jump cache is cleared. */
static void tb_flush_locked(CPUE2KState *env)
{
    guint i;

    for (i = 0; i < tb_all->len; i++) {
        g_free(g_ptr_array_index(tb_all, i));
    }
    g_ptr_array_set_size(tb_all, 0);
    memset(tb_hash, 0, sizeof(tb_hash));
    g_hash_table_remove_all(tb_pages);
    if (env) {
        jmp_cache_clear(env, NULL);
    }
    cpu_list_foreach(jmp_cache_clear, NULL);
    tcg_code_buffer_reset();
    tb_flush_count++;
    tb_stats.flushes++;
}

static void tb_page_add(TranslationBlock *tb, int n, uint64_t page)
{
    gpointer key = GSIZE_TO_POINTER((gsize)page);

    tb->page_addr[n] = page;
    tb->page_next[n] = g_hash_table_lookup(tb_pages, key);
    g_hash_table_insert(tb_pages, key, tb);
    page_protect(page);
}

/* -d in_asm: the guest code of a new TB, disassembled. */
static void log_tb_in_asm(CPUE2KState *env, TranslationBlock *tb)
{
    GString *s = g_string_new(NULL);
    uint64_t pc = tb->pc, end = tb->pc + tb->size;

    qemu_log("IN: pc 0x%" PRIx64 " size %u bundles %u flags 0x%x\n",
             tb->pc, tb->size, tb->icount, tb->flags);
    while (pc < end && page_check_range(pc, 8, PAGE_READ)) {
        size_t avail = end - pc;
        int len;

        g_string_truncate(s, 0);
        len = e2k_disas_bundle(g2h(pc), avail, pc, env->isa, s);
        qemu_log("0x%08" PRIx64 ":\n%s\n", pc, s->str);
        if (len <= 0) {
            break;
        }
        pc += len;
    }
    g_string_free(s, true);
}

TranslationBlock *tb_gen_code(CPUE2KState *env, uint64_t pc, uint32_t flags)
{
    TranslationBlock *tb;
    int max = env->single_step || (flags & E2K_TBFLAG_SPEC_SAFE) ? 1 :
              TB_MAX_BUNDLES;
    int size;
    uint64_t last;

    /* Lock order: the mmap lock, then the translation lock.  Holding the
       first keeps the code pages' flags stable while the translator
       reads them and tb_page_add write-protects them. */
    mmap_lock();
    g_rec_mutex_lock(&tb_lock);
    for (;;) {
        tb = g_new0(TranslationBlock, 1);
        tb->pc = pc;
        tb->flags = flags;
        tb->page_addr[0] = tb->page_addr[1] = (uint64_t)-1;
        tb->jmp_reset_offset[0] = tb->jmp_reset_offset[1] =
            TB_JMP_OFFSET_INVALID;
        tb->jmp_insn_offset[0] = tb->jmp_insn_offset[1] =
            TB_JMP_OFFSET_INVALID;
        tcg_func_start(tcg_ctx);
        e2k_gen_intermediate_code(env, tb, max);
        if (qemu_loglevel_mask(CPU_LOG_TB_IN_ASM)) {
            /* before OP and OUT, as QEMU prints them */
            log_tb_in_asm(env, tb);
        }
        if (qemu_loglevel_mask(CPU_LOG_TB_OP)) {
            qemu_log("OP: pc 0x%" PRIx64 " flags 0x%x\n", pc, flags);
            tcg_dump_ops(tcg_ctx, qemu_log_file());
        }
        size = tcg_gen_code(tcg_ctx, tb);
        if (size >= 0) {
            break;
        }
        g_free(tb);
        if (size == -1 && cpu_list_count() > 1) {
            /* The code buffer is full and other threads may be running
               code in it: flush with all of them stopped. */
            g_rec_mutex_unlock(&tb_lock);
            mmap_unlock();
            cpu_exec_end(env);
            start_exclusive();
            tb_flush(env);
            end_exclusive();
            cpu_exec_start(env);
            mmap_lock();
            g_rec_mutex_lock(&tb_lock);
        } else if (size == -1) {
            tb_flush_locked(env);
        } else if (max > 1) {
            max /= 2;
        } else {
            g_rec_mutex_unlock(&tb_lock);
            mmap_unlock();
            error_report("qemu-e2k: cannot translate the wide instruction "
                         "at 0x%" PRIx64, pc);
            abort();
        }
    }
    g_ptr_array_add(tb_all, tb);
    tb_stats.translations++;

    /* publish: everything about the TB is written before it is found */
    tb->hash_next = tb_hash[tb_hash_func(pc, flags)];
    __atomic_store_n(&tb_hash[tb_hash_func(pc, flags)], tb,
                     __ATOMIC_RELEASE);
    tb_page_add(tb, 0, pc & TARGET_PAGE_MASK);
    last = (pc + (tb->size ? tb->size : 1) - 1) & TARGET_PAGE_MASK;
    if (last != (pc & TARGET_PAGE_MASK)) {
        tb_page_add(tb, 1, last);
    }
    tcg_tb_insert(tb);
    g_rec_mutex_unlock(&tb_lock);
    mmap_unlock();
    return tb;
}

void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *dest)
{
    if (tb->jmp_insn_offset[n] == TB_JMP_OFFSET_INVALID || tb->invalid ||
        dest->invalid) {
        return;
    }
    g_rec_mutex_lock(&tb_lock);
    if (!tb->jmp_dest[n] && !tb->invalid && !dest->invalid) {
        tb_set_jmp_target(tb, n, (uintptr_t)dest->tc.ptr);
        tb->jmp_dest[n] = (uintptr_t)dest;
        tb->jmp_list_next[n] = dest->jmp_list_head;
        dest->jmp_list_head = (uintptr_t)tb | n;
        tb_stats.chains++;
    }
    g_rec_mutex_unlock(&tb_lock);
}

/* Remove (src, n) from dest's incoming list. */
static void tb_remove_incoming(TranslationBlock *dest, TranslationBlock *src,
                               int n)
{
    uintptr_t *pp = &dest->jmp_list_head;

    while (*pp) {
        TranslationBlock *s = (TranslationBlock *)(*pp & ~(uintptr_t)3);
        int sn = *pp & 3;

        if (s == src && sn == n) {
            *pp = s->jmp_list_next[sn];
            return;
        }
        pp = &s->jmp_list_next[sn];
    }
}

static void tb_invalidate(TranslationBlock *tb, CPUE2KState *env)
{
    TranslationBlock **pp;
    uintptr_t e;
    int n;

    if (tb->invalid) {
        return;
    }
    __atomic_store_n(&tb->invalid, 1, __ATOMIC_RELEASE);
    /* out of the hash table (a lookup walking past it still finds the
       rest of the chain: hash_next stays as it was) */
    for (pp = &tb_hash[tb_hash_func(tb->pc, tb->flags)]; *pp;
         pp = &(*pp)->hash_next) {
        if (*pp == tb) {
            __atomic_store_n(pp, tb->hash_next, __ATOMIC_RELEASE);
            break;
        }
    }
    /* outgoing jumps */
    for (n = 0; n < 2; n++) {
        if (tb->jmp_dest[n]) {
            tb_remove_incoming((TranslationBlock *)tb->jmp_dest[n], tb, n);
            tb->jmp_dest[n] = 0;
        }
    }
    /* incoming jumps: send them back to their exits */
    for (e = tb->jmp_list_head; e;) {
        TranslationBlock *src = (TranslationBlock *)(e & ~(uintptr_t)3);
        int sn = e & 3;

        e = src->jmp_list_next[sn];
        tb_reset_jump(src, sn);
        src->jmp_dest[sn] = 0;
        src->jmp_list_next[sn] = 0;
    }
    tb->jmp_list_head = 0;
    if (env && env->tb_jmp_cache) {
        TranslationBlock **jc = env->tb_jmp_cache;
        unsigned j = tb_jmp_cache_hash(tb->pc);

        if (jc[j] == tb) {
            jc[j] = NULL;
        }
    }
    tb_stats.invalidations++;
}

void tb_invalidate_guest_page(uint64_t guest_page)
{
    uint64_t page = guest_page & TARGET_PAGE_MASK;
    TranslationBlock *tb, *next;
    CPUE2KState *env = tb_current_env();

    if (!tb_pages) {
        return;
    }
    g_rec_mutex_lock(&tb_lock);
    tb = g_hash_table_lookup(tb_pages, GSIZE_TO_POINTER((gsize)page));
    g_hash_table_remove(tb_pages, GSIZE_TO_POINTER((gsize)page));
    for (; tb; tb = next) {
        int n = tb->page_addr[0] == page ? 0 : 1;

        next = tb->page_next[n];
        tb_invalidate(tb, env);
    }
    g_rec_mutex_unlock(&tb_lock);
}

void tb_flush(CPUE2KState *env)
{
    g_rec_mutex_lock(&tb_lock);
    tb_flush_locked(env);
    g_rec_mutex_unlock(&tb_lock);
}

bool cpu_restore_state_from_host_pc(CPUE2KState *env, uintptr_t host_pc)
{
    uintptr_t spc = tcg_signal_search_pc(host_pc);
    TranslationBlock *tb;
    uint64_t data[2];

    if (!spc) {
        return false;
    }
    tb = tcg_tb_lookup(spc);
    if (!tb || !tcg_restore_state_from_host_pc(tb, spc, data, 2)) {
        return false;
    }
    env->ip = data[0];
    /* a fault in a wide instruction with ,sm loads may be one of them */
    env->fault_in_spec = data[1] && !(tb->flags & E2K_TBFLAG_SPEC_SAFE);
    return true;
}
