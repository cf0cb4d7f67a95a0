/*
 * A faulting wide instruction leaves the architectural state exactly as
 * before it: memory (a bundle whose second store faults must not have
 * done its first), %usd (getsp commits at the end of the bundle), and
 * registers.  Also: a load in ALS0 with a store in ALS5 is rejected with
 * SIGILL before any effect.
 *
 * The guest dies from such a fault (nothing catches it), so the effects
 * cannot be checked from a guest program; this test drives the CPU
 * directly.  Each case assembles one bundle with our encoder, follows it
 * with an invalid wide instruction (execution stops there with SIGILL),
 * runs it through the real translator and backend, and inspects guest
 * memory and the CPU state afterwards.
 *
 * usage: test-bundle-atomic [-b native|interp] [GTest options]
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

static CPUE2KState *env;
/* data: page 0 and 1 writable, page 2 unmapped, page 3 read-only */
static uint64_t data;

typedef struct Run {
    int excp;
    uint64_t slot;      /* address of the bundle under test */
    int len;            /* its length */
} Run;

/* Assemble @text ("a ; b ; c") at a fresh code slot and run it with
   %dr1..%dr7 = @regs[0..6]. */
static Run run_bundle(const char *text, const uint64_t regs[7])
{
    uint64_t at[2];
    Run r;
    int i;

    r.slot = harness_assemble(3, &text, 1, at);
    r.len = at[1] - at[0];
    harness_reset(r.slot);
    env->wd_size = 16;
    env->pf = 1ULL << 2;                    /* %pred0 = 0, %pred1 = 1 */
    for (i = 0; i < 7; i++) {
        env->wptr[1 + i].lo = regs[i];
    }
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

static void clear_data(void)
{
    memset(g2h(data), 0, 2 * PAGE);
}

static uint64_t peek(uint64_t addr)
{
    return ldq_le_p(g2h(addr));
}

static void test_second_store_unmapped(void)
{
    uint64_t regs[7] = { 0x1122334455667788ULL, data + 64, data + 2 * PAGE };
    Run r;

    clear_data();
    r = run_bundle("std,2 %dr1, [ %dr2 + 0 ] ; std,5 %dr1, [ %dr3 + 0 ]",
                   regs);
    assert_faulted_at(&r, 11, 1, data + 2 * PAGE);
    g_assert_cmphex(peek(data + 64), ==, 0);
}

static void test_first_store_unmapped(void)
{
    uint64_t regs[7] = { 0x1122334455667788ULL, data + 2 * PAGE + 8,
                         data + 64 };
    Run r;

    clear_data();
    r = run_bundle("std,2 %dr1, [ %dr2 + 0 ] ; std,5 %dr1, [ %dr3 + 0 ]",
                   regs);
    assert_faulted_at(&r, 11, 1, data + 2 * PAGE + 8);
    g_assert_cmphex(peek(data + 64), ==, 0);
}

static void test_second_store_readonly(void)
{
    uint64_t regs[7] = { 0xabcdULL, data + 128, data + 3 * PAGE + 16 };
    Run r;

    clear_data();
    r = run_bundle("stw,2 %r1, [ %dr2 + 0 ] ; stb,5 %r1, [ %dr3 + 0 ]",
                   regs);
    assert_faulted_at(&r, 11, 2, data + 3 * PAGE + 16);
    g_assert_cmphex(peek(data + 128), ==, 0);
}

static void test_second_store_straddles(void)
{
    /* the second store's first half is writable, its second is not */
    uint64_t regs[7] = { 0x5555aaaa5555aaaaULL, data + 8,
                         data + 2 * PAGE - 4 };
    Run r;

    clear_data();
    r = run_bundle("std,2 %dr1, [ %dr2 + 0 ] ; std,5 %dr1, [ %dr3 + 0 ]",
                   regs);
    assert_faulted_at(&r, 11, 1, data + 2 * PAGE);
    g_assert_cmphex(peek(data + 8), ==, 0);
    g_assert_cmphex(peek(data + 2 * PAGE - 8), ==, 0);
}

static void test_both_stores_done(void)
{
    uint64_t regs[7] = { 0x0102030405060708ULL, data + 16, data + PAGE + 24 };
    Run r;

    clear_data();
    r = run_bundle("std,2 %dr1, [ %dr2 + 0 ] ; std,5 %dr1, [ %dr3 + 8 ]",
                   regs);
    assert_completed(&r);
    g_assert_cmphex(peek(data + 16), ==, regs[0]);
    g_assert_cmphex(peek(data + PAGE + 32), ==, regs[0]);
}

/*
 * Stores addressing one register plus constants are checked as one span
 * (translate-mem.c): the span's last byte decides, wherever it is.
 */
static void test_same_base_second_store_unmapped(void)
{
    uint64_t regs[7] = { 0x1122334455667788ULL, data + 2 * PAGE - 8 };
    Run r;

    clear_data();
    r = run_bundle("std,2 %dr1, [ %dr2 + 0 ] ; std,5 %dr1, [ %dr2 + 8 ]",
                   regs);
    assert_faulted_at(&r, 11, 1, data + 2 * PAGE);
    g_assert_cmphex(peek(data + 2 * PAGE - 8), ==, 0);
}

static void test_same_base_lower_store_readonly(void)
{
    /* the later channel has the lower address, in a read-only page */
    uint64_t regs[7] = { 0x99ULL, data + PAGE - 8 };
    Run r;

    clear_data();
    g_assert_cmpint(target_mprotect(data, PAGE, TARGET_PROT_READ), ==, 0);
    r = run_bundle("std,2 %dr1, [ %dr2 + 16 ] ; std,5 %dr1, [ %dr2 + 0 ]",
                   regs);
    g_assert_cmpint(target_mprotect(data, PAGE, TARGET_PROT_READ |
                                    TARGET_PROT_WRITE), ==, 0);
    assert_faulted_at(&r, 11, 2, data + PAGE - 8);
    g_assert_cmphex(peek(data + PAGE + 8), ==, 0);
}

static void test_same_base_stores_done(void)
{
    /* in one page, and across two writable pages */
    uint64_t regs[7] = { 0x0a0b0c0d01020304ULL, data + PAGE - 16 };
    Run r;

    clear_data();
    r = run_bundle("std,2 %dr1, [ %dr2 + 0 ] ; std,5 %dr1, [ %dr2 + 8 ]",
                   regs);
    assert_completed(&r);
    g_assert_cmphex(peek(data + PAGE - 16), ==, regs[0]);
    g_assert_cmphex(peek(data + PAGE - 8), ==, regs[0]);
    regs[1] = data + PAGE - 8;
    clear_data();
    r = run_bundle("std,2 %dr1, [ %dr2 + 0 ] ; std,5 %dr1, [ %dr2 + 8 ]",
                   regs);
    assert_completed(&r);
    g_assert_cmphex(peek(data + PAGE - 8), ==, regs[0]);
    g_assert_cmphex(peek(data + PAGE), ==, regs[0]);
}

/*
 * Two ldd of one register at +0 and +8 are one 16-byte access
 * (translate-mem.c): the values, a fault in the upper half, and a load
 * in a channel between them that must fault first.
 */
static void test_ldd_pair_values(void)
{
    uint64_t regs[7] = { 0, data + PAGE - 8 };
    Run r;

    clear_data();
    stq_le_p(g2h(data + PAGE - 8), 0x1111222233334444ULL);
    stq_le_p(g2h(data + PAGE), 0x5555666677778888ULL);
    r = run_bundle("ldd,0 %dr2, 0x0, %dr4 ; ldd,3 %dr2, 0x8, %dr5", regs);
    assert_completed(&r);
    g_assert_cmphex(env->wptr[4].lo, ==, 0x1111222233334444ULL);
    g_assert_cmphex(env->wptr[5].lo, ==, 0x5555666677778888ULL);
}

static void test_ldd_pair_upper_unmapped(void)
{
    uint64_t regs[7] = { 0, data + 2 * PAGE - 8, 0, 0x44, 0x55 };
    Run r;

    r = run_bundle("ldd,0 %dr2, 0x0, %dr4 ; ldd,3 %dr2, 0x8, %dr5", regs);
    assert_faulted_at(&r, 11, 1, data + 2 * PAGE);
    g_assert_cmphex(env->wptr[4].lo, ==, 0x44);
    g_assert_cmphex(env->wptr[5].lo, ==, 0x55);
}

static void test_ldd_pair_load_between_faults_first(void)
{
    uint64_t regs[7] = { 0, data + 2 * PAGE - 8, data + 2 * PAGE + 0x100 };
    Run r;

    r = run_bundle("ldd,0 %dr2, 0x0, %dr4 ; ldd,2 %dr3, 0x0, %dr6 ; "
                   "ldd,3 %dr2, 0x8, %dr5", regs);
    assert_faulted_at(&r, 11, 1, data + 2 * PAGE + 0x100);
}

static void test_guarded_store_not_probed(void)
{
    /* a store whose condition is false neither faults nor writes */
    uint64_t regs[7] = { 0x77ULL, data + 40, data + 2 * PAGE };
    Run r;

    clear_data();
    r = run_bundle("std,2 %dr1, [ %dr2 + 0 ] ; "
                   "std,5 %dr1, [ %dr3 + 0 ] ? %pred0", regs);
    assert_completed(&r);
    g_assert_cmphex(peek(data + 40), ==, 0x77);
}

/* A call whose chain stack is full faults before its wide instruction
   stores or writes a register; with room, the same wide instruction
   stores, adds and calls (the callee is the stop instruction). */
static void test_call_fault_before_stores(void)
{
    const char *text = "std,2 %dr1, [ %dr2 + 0 ] ; addd,0 %dr1, 1, %dr3 ; "
                       "call %ctpr1, wbs=4";
    uint64_t at[2], slot;
    int excp, room;

    slot = harness_assemble(3, &text, 1, at);
    for (room = 0; room < 2; room++) {
        clear_data();
        harness_reset(slot);
        env->wd_size = 16;
        env->wptr[1].lo = 0x77;
        env->wptr[2].lo = data + 8;
        env->wptr[3].lo = 0x3333;
        env->ctpr[0] = ((uint64_t)CTPR_TAG_DISP << CTPR_TAG_SHIFT) | at[1];
        env->pcsp_ind = room ? 0 : env->pcsp_size - E2K_CRS_SIZE;
        excp = e2k_cpu_exec(env);
        if (!room) {
            harness_assert_signal(excp, slot, 11, 1,
                                  env->pcsp_base + env->pcsp_size);
            g_assert_cmphex(peek(data + 8), ==, 0);
            g_assert_cmphex(env->wptr[3].lo, ==, 0x3333);
            g_assert_cmphex(env->pcsp_ind, ==,
                            env->pcsp_size - E2K_CRS_SIZE);
        } else {
            harness_assert_signal(excp, at[1], 4, -1, 0);
            g_assert_cmphex(peek(data + 8), ==, 0x77);
            g_assert_cmphex(env->pcsp_ind, ==, E2K_CRS_SIZE);
            g_assert_cmphex(env->wptr[-8 + 3].lo, ==, 0x78);
        }
    }
}

/* A return with nothing to return to (`return' then leaves %ctpr3
   empty), and a ct through an empty %ctpr, fault before their wide
   instruction stores or writes a register. */
static void test_ct_fault_before_stores(void)
{
    static const char *const progs[2][2] = {
        { "return %ctpr3",
          "std,2 %dr1, [ %dr2 + 0 ] ; addd,0 %dr1, 1, %dr3 ; ct %ctpr3" },
        { "nop",
          "std,2 %dr1, [ %dr2 + 0 ] ; addd,0 %dr1, 1, %dr3 ; ct %ctpr2" },
    };
    int i;

    for (i = 0; i < 2; i++) {
        uint64_t at[3], slot = harness_assemble(3, progs[i], 2, at);
        int excp;

        clear_data();
        harness_reset(slot);
        env->wd_size = 16;
        env->wptr[1].lo = 0x77;
        env->wptr[2].lo = data + 8;
        env->wptr[3].lo = 0x3333;
        env->ctpr[1] = 0;
        env->pcsp_ind = 0;
        excp = e2k_cpu_exec(env);
        harness_assert_signal(excp, at[1], 4, 1, 0);
        g_assert_cmphex(peek(data + 8), ==, 0);
        g_assert_cmphex(env->wptr[3].lo, ==, 0x3333);
    }
}

static void test_getsp_fault_keeps_usd(void)
{
    uint64_t regs[7] = { 0x99ULL, data + 48, data + 2 * PAGE, 0x4444 };
    uint64_t usd_lo, usd_hi;
    Run r;

    clear_data();
    /* the reset in run_bundle sets %usd; compare with a clean run of a
       bundle that does not touch it */
    r = run_bundle("addd,1 0, 0, %dr5", regs);
    assert_completed(&r);
    usd_lo = env->usd_lo;
    usd_hi = env->usd_hi;

    r = run_bundle("getsp,0 _f32s 0xffffffc0, %dr4 ; "
                   "std,2 %dr1, [ %dr2 + 0 ] ; std,5 %dr1, [ %dr3 + 0 ]",
                   regs);
    assert_faulted_at(&r, 11, 1, data + 2 * PAGE);
    g_assert_cmphex(env->usd_lo, ==, usd_lo);
    g_assert_cmphex(env->usd_hi, ==, usd_hi);
    g_assert_cmphex(env->wptr[4].lo, ==, 0x4444);
    g_assert_cmphex(peek(data + 48), ==, 0);

    /* without the fault, %usd moves by 64 and %dr4 is the new pointer */
    r = run_bundle("getsp,0 _f32s 0xffffffc0, %dr4 ; "
                   "std,2 %dr1, [ %dr2 + 0 ]", regs);
    assert_completed(&r);
    g_assert_cmphex(env->usd_lo & CTPR_BASE_MASK, ==,
                    (usd_lo & CTPR_BASE_MASK) - 64);
    g_assert_cmphex(env->wptr[4].lo, ==, (usd_lo & CTPR_BASE_MASK) - 64);
    g_assert_cmphex(peek(data + 48), ==, 0x99);
}

static void test_load0_store5_rejected(void)
{
    uint64_t regs[7] = { 0x1234ULL, data + 96, 0, 0, 0x5555 };
    Run r;

    clear_data();
    *(uint64_t *)g2h(data + 96) = 0;
    r = run_bundle("ldd,0 %dr2, 0, %dr5 ; std,5 %dr1, [ %dr2 + 8 ]", regs);
    assert_faulted_at(&r, 4, 1, 0);
    g_assert_cmphex(peek(data + 104), ==, 0);
    g_assert_cmphex(env->wptr[5].lo, ==, 0x5555);

    /* the same pair on channels 3 and 5 is fine */
    r = run_bundle("ldd,3 %dr2, 0, %dr5 ; std,5 %dr1, [ %dr2 + 8 ]", regs);
    assert_completed(&r);
    g_assert_cmphex(peek(data + 104), ==, 0x1234);
    g_assert_cmphex(env->wptr[5].lo, ==, 0);
}

int main(int argc, char **argv)
{
    data = harness_init(&argc, &argv, "e2s", 3, 4);
    env = harness_env;
    if (target_munmap(data + 2 * PAGE, PAGE) < 0 ||
        target_mprotect(data + 3 * PAGE, PAGE, TARGET_PROT_READ) < 0) {
        g_printerr("cannot set up guest memory\n");
        return 2;
    }

    g_test_add_func("/e2k/bundle/store2-unmapped",
                    test_second_store_unmapped);
    g_test_add_func("/e2k/bundle/store1-unmapped", test_first_store_unmapped);
    g_test_add_func("/e2k/bundle/store2-readonly",
                    test_second_store_readonly);
    g_test_add_func("/e2k/bundle/store2-straddles",
                    test_second_store_straddles);
    g_test_add_func("/e2k/bundle/both-stores", test_both_stores_done);
    g_test_add_func("/e2k/bundle/same-base-store2-unmapped",
                    test_same_base_second_store_unmapped);
    g_test_add_func("/e2k/bundle/same-base-lower-readonly",
                    test_same_base_lower_store_readonly);
    g_test_add_func("/e2k/bundle/same-base-stores",
                    test_same_base_stores_done);
    g_test_add_func("/e2k/bundle/ldd-pair", test_ldd_pair_values);
    g_test_add_func("/e2k/bundle/ldd-pair-upper-unmapped",
                    test_ldd_pair_upper_unmapped);
    g_test_add_func("/e2k/bundle/ldd-pair-load-between",
                    test_ldd_pair_load_between_faults_first);
    g_test_add_func("/e2k/bundle/guarded-store",
                    test_guarded_store_not_probed);
    g_test_add_func("/e2k/bundle/getsp-fault", test_getsp_fault_keeps_usd);
    g_test_add_func("/e2k/bundle/call-fault", test_call_fault_before_stores);
    g_test_add_func("/e2k/bundle/ct-fault", test_ct_fault_before_stores);
    g_test_add_func("/e2k/bundle/ld0-st5", test_load0_store5_rejected);
    return g_test_run();
}
