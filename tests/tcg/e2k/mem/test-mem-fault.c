/*
 * Faulting loads and stores leave the state as before their wide
 * instruction, checked by driving the CPU directly (a guest that dies
 * from the fault cannot look): 16-byte loads and stores that straddle
 * into an unmapped page, a 16-byte store next to a plain one, stmqp with
 * and without mask bits, segment/%gd forms (SIGSEGV, SEGV_BNDERR = 3, at
 * the 32-bit offset) and their speculative forms, loads whose predicate
 * is false, and the register halves ldqp/ldq write.
 *
 * Each case assembles one bundle for elbrus-v5 with our encoder, follows
 * it with an invalid wide instruction (execution stops there with
 * SIGILL), runs it on an e8c2 CPU through the real translator and
 * backend, and inspects guest memory and registers afterwards.
 *
 * usage: test-mem-fault [-b native|interp] [GTest options]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <glib.h>

#include "qemu.h"
#include "qemu/bswap.h"
#include "exec/guest-memory.h"
#include "tcg/tcg.h"
#include "target/e2k/cpu.h"
#include "bundle-harness.h"

#define PAGE HARNESS_PAGE
#define FILL 0x5aULL

static CPUE2KState *env;
/* LSR.pcnt for the next run (loop-mode prologue when nonzero) */
static uint32_t next_pcnt;
/* data: pages 0 and 1 writable, page 2 unmapped, page 3 read-only */
static uint64_t data;

typedef struct Run {
    int excp;
    uint64_t slot;      /* address of the bundle under test */
    int len;
} Run;

/* Registers set before a run: %dr1..%dr7 from regs[], %r8..%r11 (lo and
   hi) = PRESET_LO/HI + N, so a register a fault must not write is known. */
#define PRESET_LO 0x1000000000000000ULL
#define PRESET_HI 0x2000000000000000ULL

static Run run_bundle(const char *text, const uint64_t regs[7])
{
    uint64_t at[2];
    Run r;
    int i;

    r.slot = harness_assemble(5, &text, 1, at);
    r.len = at[1] - at[0];
    harness_reset(r.slot);
    env->wd_size = 32;
    env->pf = 1ULL << 2;                    /* %pred0 = 0, %pred1 = 1 */
    for (i = 0; i < 7; i++) {
        env->wptr[1 + i].lo = regs[i];
    }
    for (i = 8; i < 12; i++) {
        env->wptr[i].lo = PRESET_LO + i;
        env->wptr[i].hi = PRESET_HI + i;
    }
    env->lsr_pcnt = next_pcnt;
    next_pcnt = 0;
    r.excp = e2k_cpu_exec(env);
    return r;
}

/* the wide instruction under test faulted, with nothing done */
static void assert_faulted_at(const Run *r, int sig, int code, uint64_t addr)
{
    harness_assert_signal(r->excp, r->slot, sig, code, addr);
}

/* it completed: execution stopped at the invalid one behind it */
static void assert_completed(const Run *r)
{
    harness_assert_signal(r->excp, r->slot + r->len, 4, -1, 0);
}

/* %rN still holds what run_bundle put there */
static void assert_preset(int n)
{
    g_assert_cmphex(env->wptr[n].lo, ==, PRESET_LO + n);
    g_assert_cmphex(env->wptr[n].hi, ==, PRESET_HI + n);
}

static void fill_data(void)
{
    memset(g2h(data), (int)FILL, 2 * PAGE);
}

static uint64_t peek(uint64_t addr)
{
    return ldq_le_p(g2h(addr));
}

/* all @len bytes at @addr still FILL */
static void assert_untouched(uint64_t addr, size_t len)
{
    const uint8_t *p = g2h(addr);
    size_t i;

    for (i = 0; i < len; i++) {
        g_assert_cmphex(p[i], ==, FILL);
    }
}

static void test_stqp_straddles(void)
{
    uint64_t regs[7] = { data + 2 * PAGE - 8 };
    Run r;

    fill_data();
    r = run_bundle("stqp,2 %qpr8, %dr1, 0", regs);
    assert_faulted_at(&r, 11, 1, data + 2 * PAGE);
    assert_untouched(data + 2 * PAGE - 8, 8);
}

static void test_stq_straddles(void)
{
    uint64_t regs[7] = { data + 2 * PAGE - 12 };
    Run r;

    fill_data();
    r = run_bundle("stq,2 %qr8, %dr1, 0", regs);
    assert_faulted_at(&r, 11, 1, data + 2 * PAGE);
    assert_untouched(data + 2 * PAGE - 12, 12);
}

static void test_ldqp_straddles(void)
{
    uint64_t regs[7] = { data + 2 * PAGE - 8 };
    Run r;

    fill_data();
    r = run_bundle("ldqp,0 %dr1, 0, %qpr8", regs);
    assert_faulted_at(&r, 11, 1, data + 2 * PAGE);
    assert_preset(8);
}

static void test_ldq_straddles(void)
{
    uint64_t regs[7] = { data + 2 * PAGE - 4 };
    Run r;

    fill_data();
    r = run_bundle("ldq,3 %dr1, 0, %qr8", regs);
    assert_faulted_at(&r, 11, 1, data + 2 * PAGE);
    assert_preset(8);
    assert_preset(9);
}

static void test_quad_values(void)
{
    uint64_t regs[7] = { data + 3, data + 64 + 5 };
    int i;
    Run r;

    for (i = 0; i < 64; i++) {
        *(uint8_t *)g2h(data + i) = 0x80 + i;
    }
    r = run_bundle("ldqp,0 %dr1, 0, %qpr8 ; ldq,3 %dr1, 16, %qr10", regs);
    assert_completed(&r);
    g_assert_cmphex(env->wptr[8].lo, ==, 0x8a89888786858483ULL);
    g_assert_cmphex(env->wptr[8].hi, ==, 0x9291908f8e8d8c8bULL);
    g_assert_cmphex(env->wptr[10].lo, ==, 0x9a99989796959493ULL);
    g_assert_cmphex(env->wptr[11].lo, ==, 0xa2a1a09f9e9d9c9bULL);
    /* ldq writes only the low halves of the pair */
    g_assert_cmphex(env->wptr[10].hi, ==, PRESET_HI + 10);

    /* stqp stores lo then hi, unaligned */
    memset(g2h(data + 64), (int)FILL, 32);
    r = run_bundle("stqp,5 %qpr9, %dr2, 0", regs);
    assert_completed(&r);
    g_assert_cmphex(peek(data + 69), ==, PRESET_LO + 9);
    g_assert_cmphex(peek(data + 77), ==, PRESET_HI + 9);
    assert_untouched(data + 64, 5);
    assert_untouched(data + 85, 11);
}

static void test_plain_store_then_quad_fault(void)
{
    /* std to a good page, stqp to the read-only one: neither is done */
    uint64_t regs[7] = { 0x1122334455667788ULL, data + 64,
                         data + 3 * PAGE + 32 };
    Run r;

    fill_data();
    r = run_bundle("std,2 %dr1, [ %dr2 + 0 ] ; stqp,5 %qpr8, %dr3, 0", regs);
    assert_faulted_at(&r, 11, 2, data + 3 * PAGE + 32);
    assert_untouched(data + 64, 8);
}

/* Two stores within one page skip the probes (translate-mem.c): both
   done on a writable page, the first faulting with nothing done on a
   read-only one; the same pair with the second store in the next,
   unmapped page is probed and neither is done. */
static void test_quad_pair_one_page(void)
{
    uint64_t regs[7] = { data + PAGE + 32, data + PAGE + 4000 };
    uint64_t ro = data + 3 * PAGE + 48, before = peek(ro);
    Run r;

    fill_data();
    r = run_bundle("stqp,2 %qpr8, %dr1, 0 ; stqp,5 %qpr9, %dr2, 0", regs);
    assert_completed(&r);
    g_assert_cmphex(peek(data + PAGE + 32), ==, PRESET_LO + 8);
    g_assert_cmphex(peek(data + PAGE + 40), ==, PRESET_HI + 8);
    g_assert_cmphex(peek(data + PAGE + 4000), ==, PRESET_LO + 9);
    g_assert_cmphex(peek(data + PAGE + 4008), ==, PRESET_HI + 9);

    regs[0] = ro;
    regs[1] = ro + 16;
    r = run_bundle("stqp,2 %qpr8, %dr1, 0 ; stqp,5 %qpr9, %dr2, 0", regs);
    assert_faulted_at(&r, 11, 2, ro);
    g_assert_cmphex(peek(ro), ==, before);

    fill_data();
    regs[0] = data + PAGE + 4064;
    regs[1] = data + 2 * PAGE + 16;
    r = run_bundle("stqp,2 %qpr8, %dr1, 0 ; stqp,5 %qpr9, %dr2, 0", regs);
    assert_faulted_at(&r, 11, 1, data + 2 * PAGE + 16);
    assert_untouched(data + PAGE + 4064, 16);
}

static void test_stmqp(void)
{
    uint64_t regs[7] = { data + 3 * PAGE, 0x0102, data + 256, 0 };
    Run r;

    /* mask bits set and a read-only page: SIGSEGV, nothing written */
    fill_data();
    r = run_bundle("stmqp,2 %qpr8, %dr1, %dr2", regs);
    assert_faulted_at(&r, 11, 2, data + 3 * PAGE);

    /* no mask bits: no access at all, even to the unmapped page */
    regs[0] = data + 2 * PAGE;
    r = run_bundle("stmqp,2 %qpr8, %dr1, %dr4", regs);
    assert_completed(&r);

    /* mask 0x0102: byte 1 of lo and byte 0 of hi */
    r = run_bundle("stmqp,5 %qpr8, %dr3, %dr2", regs);
    assert_completed(&r);
    g_assert_cmphex(peek(data + 256), ==,
                    (FILL * 0x0101010101010101ULL & ~0xff00ULL) |
                    ((PRESET_LO + 8) & 0xff00ULL));
    g_assert_cmphex(peek(data + 264), ==,
                    (FILL * 0x0101010101010101ULL & ~0xffULL) |
                    ((PRESET_HI + 8) & 0xffULL));
}

static void test_segment_store(void)
{
    /* the offset is the low 32 bits of src1 + src2 */
    uint64_t regs[7] = { data + 8, 0x77 };
    Run r;

    fill_data();
    r = run_bundle("std,2 %dr2, [ %dr1 + 0 ] ; stesw,5 %r2, [ %r1 + 16 ]",
                   regs);
    assert_faulted_at(&r, 11, 3, (uint32_t)(data + 24));
    assert_untouched(data + 8, 24);

    r = run_bundle("stgdd,2 %dr2, [ %r1 + 0 ] ? %pred0", regs);
    assert_completed(&r);
    assert_untouched(data + 8, 8);
}

static void test_segment_load(void)
{
    uint64_t regs[7] = { data, 4 };
    Run r;

    fill_data();
    r = run_bundle("ldgdd,0 %r1, %r2, %dr8", regs);
    assert_faulted_at(&r, 11, 3, (uint32_t)(data + 4));
    assert_preset(8);

    r = run_bundle("lddsw,3 %r1, %r2, %dr8 ? %pred0 ; "
                   "ldcsqp,0,sm %dr1, %dr2, %qpr9", regs);
    assert_completed(&r);
    assert_preset(8);
    g_assert_cmphex(env->wptr[9].lo, ==, 0);
    g_assert_cmphex(env->wptr[9].hi, ==, 0);
}

static void test_guarded_loads(void)
{
    /* a load whose predicate is false does not touch memory */
    uint64_t regs[7] = { data + 2 * PAGE };
    Run r;

    r = run_bundle("ldd,0 %dr1, 0, %dr8 ? %pred0 ; "
                   "ldqp,3 %dr1, 0, %qpr9 ? %pred0", regs);
    assert_completed(&r);
    assert_preset(8);
    assert_preset(9);

    r = run_bundle("ldd,0 %dr1, 0, %dr8 ? %pred1", regs);
    assert_faulted_at(&r, 11, 1, data + 2 * PAGE);
    assert_preset(8);
}

static void test_spec_quad(void)
{
    /* ,sm from the unmapped page: no fault, 0 in both halves */
    uint64_t regs[7] = { data + 2 * PAGE - 8 };
    Run r;

    r = run_bundle("ldqp,0,sm %dr1, 0, %qpr8 ; ldq,3,sm %dr1, 8, %qr10",
                   regs);
    assert_completed(&r);
    g_assert_cmphex(env->wptr[8].lo, ==, 0);
    g_assert_cmphex(env->wptr[8].hi, ==, 0);
    g_assert_cmphex(env->wptr[10].lo, ==, 0);
    g_assert_cmphex(env->wptr[11].lo, ==, 0);
}

static void test_loop_prologue_suppresses(void)
{
    /* in a loop-mode prologue (LSR.pcnt != 0) 16-byte and masked stores
       are suppressed: neither probed (the page is unmapped) nor done */
    uint64_t regs[7] = { data + 2 * PAGE, 0xffff, data + 512 };
    Run r;

    fill_data();
    next_pcnt = 2;
    r = run_bundle("stqp,2 %qpr8, %dr1, 0 ; stmqp,5 %qpr9, %dr1, %dr2 ; "
                   "loop_mode", regs);
    assert_completed(&r);

    next_pcnt = 2;
    r = run_bundle("stqp,2 %qpr8, %dr3, 0 ; loop_mode", regs);
    assert_completed(&r);
    assert_untouched(data + 512, 16);

    /* after the prologue the same store is done */
    r = run_bundle("stqp,2 %qpr8, %dr3, 0 ; loop_mode", regs);
    assert_completed(&r);
    g_assert_cmphex(peek(data + 512), ==, PRESET_LO + 8);
    g_assert_cmphex(peek(data + 520), ==, PRESET_HI + 8);
}

int main(int argc, char **argv)
{
    data = harness_init(&argc, &argv, "e8c2", 5, 4);
    env = harness_env;
    if (target_munmap(data + 2 * PAGE, PAGE) < 0 ||
        target_mprotect(data + 3 * PAGE, PAGE, TARGET_PROT_READ) < 0) {
        g_printerr("cannot set up guest memory\n");
        return 2;
    }

    g_test_add_func("/e2k/mem/stqp-straddles", test_stqp_straddles);
    g_test_add_func("/e2k/mem/stq-straddles", test_stq_straddles);
    g_test_add_func("/e2k/mem/ldqp-straddles", test_ldqp_straddles);
    g_test_add_func("/e2k/mem/ldq-straddles", test_ldq_straddles);
    g_test_add_func("/e2k/mem/quad-values", test_quad_values);
    g_test_add_func("/e2k/mem/std-then-stqp-fault",
                    test_plain_store_then_quad_fault);
    g_test_add_func("/e2k/mem/quad-pair-one-page", test_quad_pair_one_page);
    g_test_add_func("/e2k/mem/stmqp", test_stmqp);
    g_test_add_func("/e2k/mem/segment-store", test_segment_store);
    g_test_add_func("/e2k/mem/segment-load", test_segment_load);
    g_test_add_func("/e2k/mem/guarded-loads", test_guarded_loads);
    g_test_add_func("/e2k/mem/spec-quad", test_spec_quad);
    g_test_add_func("/e2k/mem/loop-prologue", test_loop_prologue_suppresses);
    return g_test_run();
}
