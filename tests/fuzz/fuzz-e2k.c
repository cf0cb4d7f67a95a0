/*
 * Fuzz target for the e2k front end: the input bytes are e2k code, placed
 * after a setwd wide instruction in executable guest pages otherwise
 * filled with invalid wide instructions, and run through the real
 * decoder, translator, TB cache and TCG backend until the guest faults
 * or the code runs out (the invalid instruction after it), twice: once
 * without chaining, where every TB comes back to the loop and 2000 TBs
 * are the limit, and once with chaining and loops inside TBs, where a
 * watchdog thread stops the guest after 2 ms through
 * e2k_cpu_exit_request.  System calls return -ENOSYS.  Any host crash,
 * abort, hang or sanitizer report is a bug; guest signals are the
 * expected outcome.
 *
 * fuzz-e2k (fast) runs the unchained mode only, with a budget of 64 TBs,
 * so every input costs a bounded amount of translation and execution;
 * fuzz-e2k-deep (-DFUZZ_DEEP) runs both modes as above.
 *
 * Built with --enable-fuzzing, -DFUZZ_LIBFUZZER selects libFuzzer's entry
 * point.  Otherwise it is a replayer: fuzz-e2k FILE... runs the code of
 * each file (the executable segment of an ELF file, else the raw bytes)
 * in both modes; with --mutate N, also N mutations of each.  Backend: the
 * QEMU_TCG_BACKEND environment variable.
 *
 * fuzz-e2k --random N [--seed S] [--from I] [--isa V] [FILE...] runs
 * random wide
 * instructions instead (make fuzz-bundles) on a CPU of ISA version V
 * (2..7, default 4; the well-formed ones use that version's opcode
 * table): batch I (from 0, or from I)
 * holds 1-8 bundles drawn from a generator seeded by (S, I), so a
 * failing batch reruns alone with --from I --random <its bundle count>.
 * Most are well-formed (HS fields consistent with the syllables they
 * announce, random syllables), some are real bundles of the ELF FILEs
 * with bits flipped, some are raw random words.  Each batch runs
 * unchained for at most 64 TBs; every 16th also chained under the 2 ms
 * watchdog.  The guest may only stop with SIGILL, SIGSEGV, SIGBUS,
 * SIGFPE or SIGTRAP, the budget or the watchdog; a batch that takes more
 * than 10 s (a host hang) aborts with its number.  It fails too if fewer
 * than 1% of the bundles run to their end (the generator would then test
 * little but the decoder's refusals).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "qemu.h"
#include "qemu/bswap.h"
#include "exec/guest-memory.h"
#include "target/e2k/cpu.h"
#include "accel/tcg/tb-internal.h"
#include "tcg/tcg.h"
#include "target/e2k/isa.h"

#define CODE_SIZE  (64 * 1024)
/*
 * The prologue starts 64 bytes before the end of the first page, so that
 * the code of an input longer than 48 bytes crosses into the second: the
 * translator ends a TB at a page boundary and lets a bundle straddle one.
 */
#define CODE_START (TARGET_PAGE_SIZE - 64)
#define MAX_CODE   (CODE_SIZE - CODE_START - 64)

/* { sdisp %ctpr1, 0x3 ; setwd wsz=0x8, nfx=0x1 } */
static const uint8_t prologue[16] = {
    0x12, 0xc0, 0x00, 0x00, 0x03, 0x00, 0x00, 0x60,
    0x00, 0x00, 0x00, 0x00, 0x10, 0x01, 0x00, 0x00,
};

static CPUE2KState *env;
static int64_t code, stacks;
/*
 * What the code page holds around the input: invalid wide instructions
 * (reserved HS bit 11) at every 8-byte boundary.  With zeros instead
 * (empty wide instructions, nops), code that jumps past its end or hides
 * the terminator in a long bundle would run on through the page, and
 * translating up to the TB budget of nops was most of an input's time.
 */
static uint8_t code_fill[CODE_SIZE];
/* the ISA version of the guest CPU (--isa; the libFuzzer targets: 4) */
static int fuzz_isa = 4;

/* The watchdog: stops the guest once the deadline (monotonic time, 0:
   none) has passed. */
static GMutex watch_lock;
static gint64 watch_deadline;

#if !defined(FUZZ_LIBFUZZER) || defined(FUZZ_DEEP)
/* --random: a batch still running at stall_deadline is a host hang */
static gint64 stall_deadline;
static uint64_t stall_batch;

static gpointer watchdog(gpointer opaque)
{
    for (;;) {
        g_usleep(500);
        g_mutex_lock(&watch_lock);
        if (watch_deadline && g_get_monotonic_time() > watch_deadline) {
            e2k_cpu_exit_request(env);
            watch_deadline = 0;
        }
        if (stall_deadline && g_get_monotonic_time() > stall_deadline) {
            fprintf(stderr, "fuzz-e2k: batch %" PRIu64 " still runs after "
                    "10 s: host hang\n", stall_batch);
            abort();
        }
        g_mutex_unlock(&watch_lock);
    }
    return NULL;
}
#endif

static void watch_set(gint64 deadline)
{
    g_mutex_lock(&watch_lock);
    watch_deadline = deadline;
    if (!deadline) {
        env->exit_request = 0;      /* one that came too late */
    }
    g_mutex_unlock(&watch_lock);
}

static void fuzz_init(void)
{
    Error *err = NULL;

    if (env) {
        return;
    }
    for (size_t i = 0; i < CODE_SIZE; i += 8) {
        stl_le_p(code_fill + i, 0x00000800);
    }
    if (!guest_memory_init((uint64_t)1 << 32, 0, &err)) {
        error_report_err(err);
        abort();
    }
    signal_init();
    code = target_mmap(0x400000, CODE_SIZE, TARGET_PROT_READ | TARGET_PROT_WRITE |
                       TARGET_PROT_EXEC,
                       TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS, -1, 0);
    stacks = target_mmap(0x1000000, 4 << 20, TARGET_PROT_READ | TARGET_PROT_WRITE,
                         TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS, -1, 0);
    env = e2k_cpu_new(NULL, fuzz_isa, &err);
    if (code < 0 || stacks < 0 || !env) {
        abort();
    }
    thread_cpu = env;
#if !defined(FUZZ_LIBFUZZER) || defined(FUZZ_DEEP)
    /* (only the chained mode needs it; a second thread makes every leak
       check libFuzzer runs stop the world) */
    g_thread_new("watchdog", watchdog, NULL);
#endif
}

/* Returns what stopped the guest: an EXCP_* value. */
static int run_code_once(const uint8_t *data, size_t len, bool chained,
                         int tb_budget)
{
    uint64_t a;
    uint8_t *p;
    int steps, excp = EXCP_NONE;

    fuzz_init();
    p = g2h(code);
    if (len > MAX_CODE - sizeof(prologue)) {
        len = MAX_CODE - sizeof(prologue);
    }
    /* translated code write-protected the pages: open them again (this
       drops the old translations, as a guest store would) */
    for (a = code; a < (uint64_t)code + CODE_SIZE; a += TARGET_PAGE_SIZE) {
        if (!(page_get_flags(a) & PAGE_WRITE)) {
            page_unprotect(a, 0);
        }
    }
    memcpy(p, code_fill, CODE_SIZE);
    p += CODE_START;
    memcpy(p, prologue, sizeof(prologue));
    memcpy(p + sizeof(prologue), data, len);
    /* an invalid wide instruction (reserved HS bit 11) ends the code */
    stl_le_p(p + sizeof(prologue) + len, 0x00000800);

    e2k_cpu_reset_for_exec(env, code + CODE_START, stacks + (1 << 20),
                           stacks, 1 << 20, stacks + (1 << 20), 2 << 20,
                           stacks + (3 << 20), 1 << 20);
    env->no_chain = !chained;
    env->tb_budget = tb_budget;
    if (chained) {
        watch_set(g_get_monotonic_time() + 2000);
    }
    for (steps = 0; steps < 100; steps++) {
        excp = e2k_cpu_exec(env);

        if (excp != EXCP_SYSCALL) {
            break;          /* a guest signal, the budget, the watchdog */
        }
        e2k_syscall_return(env, -38);       /* ENOSYS */
    }
    if (chained) {
        watch_set(0);
    }
    return excp;
}

#if !defined(FUZZ_LIBFUZZER) || defined(FUZZ_DEEP)
static void run_code(const uint8_t *data, size_t len)
{
    /* (run_code_once drops the translations of the previous run, so
       the two modes never share a TB) */
    run_code_once(data, len, false, 2000);
    run_code_once(data, len, true, 2000);
}
#endif

#ifndef FUZZ_LIBFUZZER
/* The executable PT_LOAD segment of an ELF64 file, else the whole file. */
static void code_of(const uint8_t *data, size_t len, const uint8_t **out,
                    size_t *out_len)
{
    *out = data;
    *out_len = len;
    if (len >= 64 && !memcmp(data, "\x7f" "ELF", 4) && data[4] == 2) {
        uint64_t phoff = ldq_le_p(data + 32);
        unsigned phnum = lduw_le_p(data + 56), i;

        for (i = 0; i < phnum && phoff + 56 * (uint64_t)(i + 1) <= len;
             i++) {
            const uint8_t *ph = data + phoff + 56 * i;
            uint64_t off = ldq_le_p(ph + 8), fsz = ldq_le_p(ph + 32);

            if (ldl_le_p(ph) == 1 && (ldl_le_p(ph + 4) & 1) &&
                off <= len && fsz <= len - off) {
                /* skip the ELF and program headers in the segment */
                uint64_t entry = ldq_le_p(data + 24);
                uint64_t vaddr = ldq_le_p(ph + 16);
                uint64_t skip = entry >= vaddr && entry - vaddr < fsz ?
                                entry - vaddr : 0;

                *out = data + off + skip;
                *out_len = fsz - skip;
                return;
            }
        }
    }
}

/* --- random wide instructions (--random) --------------------------- */

/* splitmix64: a small generator whose whole state is one seed, so that
   batch I is reproducible on its own */
static uint64_t rnd_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static unsigned rnd_below(uint64_t *state, unsigned n)
{
    return rnd_next(state) % n;
}

/* Real bundles (of the ELF files given) to mutate: offsets and lengths. */
typedef struct RealBundles {
    GArray *code;               /* uint8_t: every bundle, back to back */
    GArray *start;              /* guint: offset of each in code */
} RealBundles;

static void real_bundles_add(RealBundles *rb, const uint8_t *c, size_t len)
{
    size_t off = 0;

    while (off + 8 <= len) {
        size_t blen = (((ldl_le_p(c + off) >> 4) & 7) + 1) * 8;
        guint at = rb->code->len;

        if (off + blen > len) {
            break;
        }
        g_array_append_vals(rb->code, c + off, blen);
        g_array_append_val(rb->start, at);
        off += blen;
    }
}

/* An operand byte: mostly the window registers setwd gave (%r0..%r15),
   then short literals (sources) or %empty (destinations), globals,
   sometimes anything (rotating registers, long literal references...). */
static uint8_t gen_operand(uint64_t *rs, bool dst)
{
    unsigned k = rnd_below(rs, 20);

    if (k < 14) {
        return 0x80 + rnd_below(rs, 16);
    } else if (k < 17) {
        return dst ? 0xdf : 0xc0 + rnd_below(rs, 16);
    } else if (k < 19) {
        return 0xe0 + rnd_below(rs, 8);
    }
    return rnd_next(rs);
}

/* A random row of the opcode table legal in channel @chan of ISA @isa,
   one syllable wide (no channel pairs), with no ALES in channels 2 and 5
   (they would need the shared ALES2/5 word); NULL after a few misses. */
static const E2KOpDesc *gen_op_row(uint64_t *rs, int chan, int isa)
{
    int tries;

    for (tries = 0; tries < 64; tries++) {
        const E2KOpDesc *d = &e2k_op_table[rnd_below(rs, e2k_op_table_size)];

        if (e2k_op_valid_on(d, isa) && (d->chan_mask & (1u << chan)) &&
            !(d->flags & E2K_OPF_PAIR) &&
            !(d->ales_opc2 && (chan == 2 || chan == 5))) {
            return d;
        }
    }
    return NULL;
}

/*
 * A well-formed wide instruction: HS flags pick the syllables, mdl and
 * lng agree with them (see docs/devel/e2k-isa.md, "Wide instruction
 * layout").  With @table, the channel operations are rows of the opcode
 * table with random operands (so that most bundles get past the decoder
 * into the translator); otherwise every syllable is random.  Returns the
 * length in bytes (8..64).
 */
static size_t gen_wellformed(uint64_t *rs, uint8_t *out, bool table)
{
    uint32_t first[16], halves[16], tail[16], hs;
    unsigned nfirst = 1, nhalves = 0, ntail = 0, total, i, chan;
    /* mostly one or two channels: a bundle with an invalid operation in
       any channel stops at its first bundle */
    unsigned al = rnd_below(rs, 4) ? 1u << rnd_below(rs, 6) |
                                     1u << rnd_below(rs, 6)
                                   : rnd_below(rs, 64);
    unsigned ale = 0, ss = rnd_below(rs, table ? 4 : 2) == 0;
    unsigned c = rnd_below(rs, table ? 6 : 2) == 0 ? rnd_below(rs, 4) : 0;
    unsigned pl = rnd_below(rs, table ? 8 : 2) == 0 ? rnd_below(rs, 4) : 0;
    unsigned cd = rnd_below(rs, table ? 8 : 2) == 0 ? rnd_below(rs, 3) : 0;
    unsigned lts = rnd_below(rs, 3);
    uint16_t ales[4];

    if (ss) {
        first[nfirst++] = (uint32_t)rnd_next(rs);
    }
    for (chan = 0; chan < 6; chan++) {
        const E2KOpDesc *d;
        uint32_t als;

        if (!(al & (1u << chan))) {
            continue;
        }
        als = (uint32_t)rnd_next(rs);
        d = table ? gen_op_row(rs, chan, fuzz_isa) : NULL;
        if (d) {
            bool fixed_src1 = d->alopf == E2K_ALOPF2 ||
                              d->alopf == E2K_ALOPF8 ||
                              d->alopf == E2K_ALOPF12 ||
                              d->alopf == E2K_ALOPF22;
            uint8_t dst = gen_operand(rs, true);

            if (d->alopf == E2K_ALOPF7 || d->alopf == E2K_ALOPF17) {
                dst = d->opce << 5 | rnd_below(rs, 32);   /* %predN */
            }
            als = (uint32_t)(rnd_below(rs, 8) == 0) << 31 |
                  (uint32_t)d->opc << 24 |
                  (fixed_src1 ? d->opce : gen_operand(rs, false)) << 16 |
                  gen_operand(rs, false) << 8 | dst;
        }
        first[nfirst++] = als;
        if (chan != 2 && chan != 5 &&
            (d ? d->ales_opc2 != 0 : rnd_below(rs, 4) == 0)) {
            /* ALES bits 7:0: src3 (ALOPF21), a literal (LIT8), else
               the row's fixed opce */
            bool src3 = d && (d->alopf == E2K_ALOPF21 ||
                              d->alopf == E2K_ALOPF21_MERGE ||
                              d->alopf == E2K_ALOPF11_LIT8 ||
                              d->ales_opce == 0xc0);
            uint8_t lo = src3 || !d ? gen_operand(rs, false) : d->ales_opce;

            ale |= 1u << chan;
            ales[nhalves++] = d ? (uint16_t)(d->ales_opc2 << 8 | lo)
                                : (uint16_t)rnd_next(rs);
        }
    }
    if (c & 1) {
        first[nfirst++] = (uint32_t)rnd_next(rs);
    }
    if (c & 2) {
        first[nfirst++] = (uint32_t)rnd_next(rs);
    }
    /* halves fill 32-bit words, high half first */
    for (i = 0; i < nhalves; i += 2) {
        halves[i / 2] = (uint32_t)ales[i] << 16 |
                        (i + 1 < nhalves ? ales[i + 1] : 0);
    }
    nhalves = (nhalves + 1) / 2;
    /* tail, in memory order: LTS(n-1)..LTS0, PLS(pl-1)..PLS0, CDS */
    for (i = 0; i < lts + pl + cd; i++) {
        tail[ntail++] = (uint32_t)rnd_next(rs);
    }
    total = nfirst + nhalves + ntail;
    if (total & 1) {
        halves[nhalves++] = 0;      /* the pad before the LTS */
        total++;
    }
    if (total > 16) {
        return gen_wellformed(rs, out, table);      /* too long: again */
    }
    hs = (nfirst - 1) | ((total / 2 - 1) << 4) |
         (rnd_below(rs, 4) ? 0 : rnd_below(rs, 8)) << 7 |
         (rnd_below(rs, 16) == 0) << 10 | ss << 12 |
         (rnd_below(rs, 8) == 0) << 13 | c << 14 | cd << 16 | pl << 18 |
         ale << 20 | al << 26;
    first[0] = hs;
    for (i = 0; i < nfirst; i++) {
        stl_le_p(out + 4 * i, first[i]);
    }
    for (i = 0; i < nhalves; i++) {
        stl_le_p(out + 4 * (nfirst + i), halves[i]);
    }
    for (i = 0; i < ntail; i++) {
        stl_le_p(out + 4 * (nfirst + nhalves + i), tail[i]);
    }
    return total * 4;
}

/* One random bundle of any kind into out (64 bytes); returns its length. */
static size_t gen_bundle(uint64_t *rs, const RealBundles *rb, uint8_t *out)
{
    unsigned kind = rnd_below(rs, 100), i;
    size_t len;

    if (kind < 40 || (kind < 85 && !rb->start->len)) {
        return gen_wellformed(rs, out, kind < 30);
    }
    if (kind < 85) {
        /* a real one with one to four bits flipped: anywhere, or (from
           40 to 70) only in operand bytes, never the HS or the top byte
           of a syllable, so that the operations mostly stay valid */
        guint k = rnd_below(rs, rb->start->len);
        guint at = g_array_index(rb->start, guint, k);
        guint end = k + 1 < rb->start->len ?
                    g_array_index(rb->start, guint, k + 1) : rb->code->len;

        len = end - at;
        memcpy(out, &g_array_index(rb->code, uint8_t, at), len);
        for (i = rnd_below(rs, 4) + 1; i > 0; i--) {
            unsigned byte = rnd_below(rs, len);

            if (kind < 70) {
                byte = 4 + rnd_below(rs, len / 4 - 1) * 4 + rnd_below(rs, 3);
            }
            out[byte] ^= 1u << rnd_below(rs, 8);
        }
        return len;
    }
    /* random words; lng is all that says where the next one starts */
    len = (rnd_below(rs, 8) + 1) * 8;
    for (i = 0; i < len; i += 4) {
        stl_le_p(out + i, (uint32_t)rnd_next(rs));
    }
    if (kind < 95) {
        stl_le_p(out, (ldl_le_p(out) & ~0x870u) | (len / 8 - 1) << 4);
    }
    return len;
}

/* How the guest stopped, over a run. */
typedef struct Outcomes {
    uint64_t by_signal[32];
    uint64_t budget, syscalls_only;
    uint64_t passed;            /* bundles run to their end */
} Outcomes;

static void outcome_count(Outcomes *o, int excp, uint64_t batch)
{
    if (excp == EXCP_SIGNAL) {
        int sig = env->exc_signal;

        if (sig != 4 && sig != 5 && sig != 7 && sig != 8 && sig != 11) {
            fprintf(stderr, "fuzz-e2k: batch %" PRIu64 ": guest signal %d "
                    "(only SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV expected)"
                    "\n", batch, sig);
            abort();
        }
        o->by_signal[sig]++;
    } else if (excp == EXCP_INTERRUPT) {
        o->budget++;
    } else if (excp == EXCP_SYSCALL || excp == EXCP_EXIT) {
        o->syscalls_only++;
    } else {
        fprintf(stderr, "fuzz-e2k: batch %" PRIu64 ": e2k_cpu_exec returned "
                "%d\n", batch, excp);
        abort();
    }
}

/* Guest address of the first byte after the prologue. */
static uint64_t code_base(void)
{
    return code + CODE_START + sizeof(prologue);
}

static int run_random(uint64_t count, uint64_t seed, uint64_t from,
                      const RealBundles *rb)
{
    uint8_t code[8 * 64];
    uint64_t done = 0, batch, batches = 0;
    Outcomes o = { { 0 } };
    gint64 t0 = g_get_monotonic_time();
    double secs;

    for (batch = from; done < count; batch++, batches++) {
        uint64_t rs = seed ^ (batch * 0xd1342543de82ef95ull);
        unsigned n = rnd_below(&rs, 8) + 1, i;
        size_t len = 0, starts[8];

        for (i = 0; i < n && done < count; i++, done++) {
            starts[i] = len;
            len += gen_bundle(&rs, rb, code + len);
        }
        n = i;
        g_mutex_lock(&watch_lock);
        stall_batch = batch;
        stall_deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;
        g_mutex_unlock(&watch_lock);
        outcome_count(&o, run_code_once(code, len, false, 64), batch);
        /* (a branch may have left the batch: then nothing is counted) */
        for (i = 0; i < n; i++) {
            o.passed += env->ip > code_base() + starts[i] &&
                        env->ip <= code_base() + len;
        }
        if (batch % 16 == 0) {
            outcome_count(&o, run_code_once(code, len, true, 2000), batch);
        }
    }
    g_mutex_lock(&watch_lock);
    stall_deadline = 0;
    g_mutex_unlock(&watch_lock);
    secs = (g_get_monotonic_time() - t0) / 1e6;
    printf("fuzz-e2k: %" PRIu64 " random bundles in %" PRIu64 " batches "
           "(%" PRIu64 "..%" PRIu64 ", seed %" PRIu64 ", ISA v%d) on %s: "
           "%.1f s, %.0f bundles/s, no host fault\n",
           count, batches, from, batch - 1, seed, env->isa,
           tcg_backend_name(), secs,
           secs > 0 ? count / secs : 0.0);
    printf("fuzz-e2k: guest stops: SIGILL %" PRIu64 ", SIGSEGV %" PRIu64
           ", SIGBUS %" PRIu64 ", SIGFPE %" PRIu64 ", SIGTRAP %" PRIu64
           ", TB budget/watchdog %" PRIu64 ", other %" PRIu64 "; "
           "%" PRIu64 " bundles ran to their end\n",
           o.by_signal[4], o.by_signal[11], o.by_signal[7], o.by_signal[8],
           o.by_signal[5], o.budget, o.syscalls_only, o.passed);
    if (o.passed * 100 < count) {
        /* then the generator stopped reaching the translator's depths */
        fprintf(stderr, "fuzz-e2k: fewer than 1%% of the bundles ran to "
                "their end: the generator is broken\n");
        return 1;
    }
    return 0;
}

#endif

#ifdef FUZZ_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#ifdef FUZZ_DEEP
    run_code(data, size);
#else
    run_code_once(data, size, false, 64);
    /* drop this input's translations now: libFuzzer counts what an input
       leaves allocated as a suspected leak and scans the heap for it */
    tb_flush(env);
#endif
    return 0;
}
#else
int main(int argc, char **argv)
{
    int first = 1, mutations = 0, i, m;
    GRand *rand = g_rand_new_with_seed(0xe2c);

    if (argc > 2 && strcmp(argv[1], "--mutate") == 0) {
        mutations = atoi(argv[2]);
        first = 3;
    }
    if (argc > 2 && strcmp(argv[1], "--random") == 0) {
        uint64_t count = g_ascii_strtoull(argv[2], NULL, 0);
        uint64_t seed = 1, from = 0;
        RealBundles rb = { g_array_new(FALSE, FALSE, 1),
                           g_array_new(FALSE, FALSE, sizeof(guint)) };
        int ret;

        for (i = 3; i + 1 < argc && argv[i][0] == '-'; i += 2) {
            if (!strcmp(argv[i], "--seed")) {
                seed = g_ascii_strtoull(argv[i + 1], NULL, 0);
            } else if (!strcmp(argv[i], "--from")) {
                from = g_ascii_strtoull(argv[i + 1], NULL, 0);
            } else if (!strcmp(argv[i], "--isa")) {
                fuzz_isa = atoi(argv[i + 1]);
                if (fuzz_isa < 2 || fuzz_isa > 7) {
                    fprintf(stderr, "fuzz-e2k: --isa %s: not an ISA "
                            "version (2..7)\n", argv[i + 1]);
                    return 2;
                }
            } else {
                break;
            }
        }
        if (!count || (i < argc && argv[i][0] == '-')) {
            fprintf(stderr, "usage: fuzz-e2k --random N [--seed S] "
                    "[--from BATCH] [--isa 2..7] [ELF...]\n");
            return 2;
        }
        for (; i < argc; i++) {
            gchar *data;
            gsize len;
            const uint8_t *c;
            size_t clen;
            GError *gerr = NULL;

            if (!g_file_get_contents(argv[i], &data, &len, &gerr)) {
                fprintf(stderr, "fuzz-e2k: %s\n", gerr->message);
                return 1;
            }
            code_of((const uint8_t *)data, len, &c, &clen);
            real_bundles_add(&rb, c, clen);
            g_free(data);
        }
        fuzz_init();
        ret = run_random(count, seed, from, &rb);
        g_array_free(rb.code, TRUE);
        g_array_free(rb.start, TRUE);
        g_rand_free(rand);
        return ret;
    }
    for (i = first; i < argc; i++) {
        gchar *data;
        gsize len;
        const uint8_t *c;
        size_t clen;
        GError *gerr = NULL;

        if (!g_file_get_contents(argv[i], &data, &len, &gerr)) {
            fprintf(stderr, "fuzz-e2k: %s\n", gerr->message);
            return 1;
        }
        code_of((const uint8_t *)data, len, &c, &clen);
        run_code(c, clen);
        for (m = 0; m < mutations && clen; m++) {
            uint8_t *copy = g_memdup2(c, clen);
            int k;

            for (k = g_rand_int_range(rand, 1, 8); k > 0; k--) {
                copy[g_rand_int_range(rand, 0, clen)] ^=
                    1u << g_rand_int_range(rand, 0, 8);
            }
            run_code(copy, clen);
            g_free(copy);
        }
        g_free(data);
    }
    g_rand_free(rand);
    printf("fuzz-e2k: %d inputs, %d mutations each: no crash\n",
           argc - first, mutations);
    return 0;
}
#endif
