/*
 * TCG benchmark driver: three IR workloads (an arithmetic loop, a guest
 * memory loop, a branchy Collatz loop) run on the x86-64 backend and on
 * the interpreter, and the same loops written in C and compiled by the
 * host compiler.  Prints ns per iteration and the time ratios
 * native-backend/interpreter and native-backend/C.  Run by tcg.sh.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "tcg/tcg-op.h"

#define MEM_SIZE (64 * 1024)
#define C1 6364136223846793005ull
#define C2 1442695040888963407ull

typedef struct BenchEnv {
    uint64_t n;
    uint64_t x, y, s;
} BenchEnv;

static TCGv_i64 g_n, g_x, g_y, g_s;
static uint8_t *mem;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* --- IR workloads ---------------------------------------------------- */

static void gen_arith(void)
{
    TCGv_i64 x = tcg_temp_new_i64(), y = tcg_temp_new_i64();
    TCGv_i64 i = tcg_temp_new_i64(), t = tcg_temp_new_i64();
    TCGLabel *loop = gen_new_label();

    tcg_gen_mov_i64(x, g_x);
    tcg_gen_mov_i64(y, g_y);
    tcg_gen_movi_i64(i, 0);
    tcg_gen_set_label(loop);
    tcg_gen_muli_i64(x, x, C1);
    tcg_gen_addi_i64(x, x, C2);
    tcg_gen_shri_i64(t, x, 17);
    tcg_gen_xor_i64(y, y, t);
    tcg_gen_rotli_i64(y, y, 5);
    tcg_gen_add_i64(y, y, i);
    tcg_gen_addi_i64(i, i, 1);
    tcg_gen_brcond_i64(TCG_COND_LTU, i, g_n, loop);
    tcg_gen_mov_i64(g_x, x);
    tcg_gen_mov_i64(g_y, y);
}

static void gen_memory(void)
{
    TCGv_i64 s = tcg_temp_new_i64(), i = tcg_temp_new_i64();
    TCGv_i64 a = tcg_temp_new_i64(), v = tcg_temp_new_i64();
    TCGLabel *loop = gen_new_label();

    tcg_gen_movi_i64(s, 0);
    tcg_gen_movi_i64(i, 0);
    tcg_gen_set_label(loop);
    tcg_gen_shli_i64(a, i, 3);
    tcg_gen_andi_i64(a, a, MEM_SIZE - 8);
    tcg_gen_qemu_ld_i64(v, a, MO_LEUQ);
    tcg_gen_add_i64(s, s, v);
    tcg_gen_xor_i64(v, v, s);
    tcg_gen_qemu_st_i64(v, a, MO_LEUQ);
    tcg_gen_addi_i64(i, i, 1);
    tcg_gen_brcond_i64(TCG_COND_LTU, i, g_n, loop);
    tcg_gen_mov_i64(g_s, s);
}

static void gen_branches(void)
{
    TCGv_i64 x = tcg_temp_new_i64(), i = tcg_temp_new_i64();
    TCGv_i64 t = tcg_temp_new_i64(), odd = tcg_temp_new_i64();
    TCGLabel *loop = gen_new_label(), *even = gen_new_label();
    TCGLabel *next = gen_new_label(), *skip = gen_new_label();

    tcg_gen_movi_i64(x, 27);
    tcg_gen_movi_i64(i, 0);
    tcg_gen_movi_i64(odd, 0);
    tcg_gen_set_label(loop);
    tcg_gen_andi_i64(t, x, 1);
    tcg_gen_brcondi_i64(TCG_COND_EQ, t, 0, even);
    tcg_gen_muli_i64(x, x, 3);
    tcg_gen_addi_i64(x, x, 1);
    tcg_gen_addi_i64(odd, odd, 1);
    tcg_gen_br(next);
    tcg_gen_set_label(even);
    tcg_gen_shri_i64(x, x, 1);
    tcg_gen_set_label(next);
    tcg_gen_brcondi_i64(TCG_COND_NE, x, 1, skip);
    tcg_gen_addi_i64(x, i, 27);
    tcg_gen_set_label(skip);
    tcg_gen_addi_i64(i, i, 1);
    tcg_gen_brcond_i64(TCG_COND_LTU, i, g_n, loop);
    tcg_gen_mov_i64(g_x, x);
    tcg_gen_mov_i64(g_s, odd);
}

/* --- the same in C ----------------------------------------------------- */

static __attribute__((noinline)) void c_arith(BenchEnv *e)
{
    uint64_t x = e->x, y = e->y;

    for (uint64_t i = 0; i < e->n; i++) {
        x = x * C1 + C2;
        y ^= x >> 17;
        y = (y << 5) | (y >> 59);
        y += i;
    }
    e->x = x;
    e->y = y;
}

static __attribute__((noinline)) void c_memory(BenchEnv *e)
{
    uint64_t s = 0;

    for (uint64_t i = 0; i < e->n; i++) {
        uint64_t a = (i << 3) & (MEM_SIZE - 8), v;
        memcpy(&v, mem + a, 8);
        s += v;
        v ^= s;
        memcpy(mem + a, &v, 8);
    }
    e->s = s;
}

static __attribute__((noinline)) void c_branches(BenchEnv *e)
{
    uint64_t x = 27, odd = 0;

    for (uint64_t i = 0; i < e->n; i++) {
        if (x & 1) {
            x = x * 3 + 1;
            odd++;
        } else {
            x >>= 1;
        }
        if (x == 1) {
            x = i + 27;
        }
    }
    e->x = x;
    e->s = odd;
}

/* --- driver ------------------------------------------------------------ */

typedef struct Workload {
    const char *name;
    void (*gen)(void);
    void (*c)(BenchEnv *);
} Workload;

static const Workload workloads[] = {
    { "arith", gen_arith, c_arith },
    { "memory", gen_memory, c_memory },
    { "branches", gen_branches, c_branches },
};

static TranslationBlock bench_tb;

static const void *translate(const Workload *w, const char *backend)
{
    tcg_backend_select(backend, &error_abort);
    tcg_code_buffer_reset();
    tcg_func_start(tcg_ctx);
    tcg_gen_insn_start(0);
    w->gen();
    tcg_gen_exit_tb(NULL, 0);
    memset(&bench_tb, 0, sizeof(bench_tb));
    if (tcg_gen_code(tcg_ctx, &bench_tb) < 0) {
        fprintf(stderr, "tcg-bench: code generation failed\n");
        exit(1);
    }
    return bench_tb.tc.ptr;
}

static void reset_env(BenchEnv *e, uint64_t n)
{
    memset(e, 0, sizeof(*e));
    e->n = n;
    e->x = 1;
    e->y = 2;
    for (int i = 0; i < MEM_SIZE; i++) {
        mem[i] = (uint8_t)(i * 31);
    }
}

static double run_once(const Workload *w, const void *code, uint64_t n,
                       BenchEnv *e)
{
    double t0;

    reset_env(e, n);
    t0 = now();
    if (code) {
        tcg_qemu_tb_exec(e, code);
    } else {
        w->c(e);
    }
    return now() - t0;
}

/* ns per iteration: grow n until a run takes at least @min_s seconds,
 * then keep the best of three runs (the host may be busy). */
static double time_run(const Workload *w, const void *code, double min_s,
                       BenchEnv *out)
{
    uint64_t n = 1000;
    double t, best;

    for (;;) {
        t = run_once(w, code, n, out);
        if (t >= min_s || n >= (1ull << 34)) {
            break;
        }
        n = t < min_s / 16 ? n * 8 : (uint64_t)(n * (min_s * 1.3 / t));
    }
    best = t;
    for (int i = 0; i < 2; i++) {
        t = run_once(w, code, n, out);
        best = t < best ? t : best;
    }
    return best * 1e9 / (double)n;
}

int main(int argc, char **argv)
{
    double min_s = argc > 1 ? atof(argv[1]) : 0.2;

    mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    guest_base = (uintptr_t)mem;
    tcg_init(16 << 20, 1, &error_fatal);
    g_n = tcg_global_mem_new_i64(tcg_env, offsetof(BenchEnv, n), "n");
    g_x = tcg_global_mem_new_i64(tcg_env, offsetof(BenchEnv, x), "x");
    g_y = tcg_global_mem_new_i64(tcg_env, offsetof(BenchEnv, y), "y");
    g_s = tcg_global_mem_new_i64(tcg_env, offsetof(BenchEnv, s), "s");

    printf("%-9s %12s %12s %12s %14s %12s\n", "workload", "native ns/it",
           "interp ns/it", "C ns/it", "native/interp", "native/C");
    for (size_t i = 0; i < G_N_ELEMENTS(workloads); i++) {
        const Workload *w = &workloads[i];
        BenchEnv en, ei, ec;
        double tn, ti, tc;

        tn = time_run(w, translate(w, "native"), min_s, &en);
        ti = time_run(w, translate(w, "interp"), min_s, &ei);
        tc = time_run(w, NULL, min_s, &ec);
        /* same n gives the same answer everywhere: check on a short run */
        {
            BenchEnv a, b, c;
            const void *code = translate(w, "native");
            reset_env(&a, 100000);
            tcg_qemu_tb_exec(&a, code);
            code = translate(w, "interp");
            reset_env(&b, 100000);
            tcg_qemu_tb_exec(&b, code);
            reset_env(&c, 100000);
            w->c(&c);
            if (memcmp(&a, &b, sizeof(a)) || memcmp(&a, &c, sizeof(a))) {
                fprintf(stderr, "tcg-bench: %s: results differ\n", w->name);
                return 1;
            }
        }
        printf("%-9s %12.2f %12.2f %12.2f %14.4f %12.2f\n", w->name, tn, ti,
               tc, tn / ti, tn / tc);
        (void)en; (void)ei; (void)ec;
    }
    return 0;
}
