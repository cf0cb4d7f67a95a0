/*
 * The array access unit where a guest program cannot look, by driving
 * the CPU directly (bundle-harness.c): a faulting ldaa or staa leaves
 * its destination, memory and the AASTI it would have moved as before
 * the wide instruction; a loop-mode prologue suppresses an staa and its
 * increment without probing; a mova whose area runs from mapped memory
 * into an unmapped page reads the mapped elements and gives 0 after
 * that (diagnostic with tags on) without a fault, still stepping on; so
 * does one beyond the guest address space.
 *
 * usage: test-aau-fault [-b native|interp] [GTest options]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <glib.h>

#include "qemu.h"
#include "qemu/bswap.h"
#include "exec/guest-memory.h"
#include "target/e2k/cpu.h"
#include "target/e2k/aau_helper.h"
#include "bundle-harness.h"

#define PAGE HARNESS_PAGE
#define FILL 0x5aULL
#define PRESET 0x1000000000000000ULL

static CPUE2KState *env;
/* data: pages 0 and 1 writable, page 2 unmapped */
static uint64_t data;

typedef struct Run {
    int excp;
    uint64_t slot;
    int len;
} Run;

/* Run one wide instruction with %dr8..%dr11 = PRESET + N, AAD0/AAD1 =
   descriptors of @aad0/@aad1, AASTI1 = @sti, AAINCR1 = 2, LSR.pcnt =
   @pcnt; the area state is left to the caller (set after the reset). */
static Run run_aau(const char *text, uint64_t aad0, uint64_t aad1,
                   uint32_t sti, uint32_t pcnt, const E2KAauState *aau)
{
    uint64_t at[2];
    Run r;
    int i;

    r.slot = harness_assemble(5, &text, 1, at);
    r.len = at[1] - at[0];
    harness_reset(r.slot);
    env->wd_size = 32;
    for (i = 8; i < 12; i++) {
        env->wptr[i].lo = PRESET + i;
    }
    if (aau) {
        env->aau = *aau;
    } else {
        memset(&env->aau, 0, sizeof(env->aau));
    }
    env->aau.aad_lo[0] = aad0 | (3ULL << E2K_AAD_RW_SHIFT);
    env->aau.aad_lo[1] = aad1 | (3ULL << E2K_AAD_RW_SHIFT);
    env->aau.aasti[1] = sti;
    env->aau.aaincr[1] = 2;
    e2k_aau_refresh_areas(&env->aau);   /* as aaurw and bap do */
    env->lsr_pcnt = pcnt;
    r.excp = e2k_cpu_exec(env);
    return r;
}

static void assert_completed(const Run *r)
{
    harness_assert_signal(r->excp, r->slot + r->len, 4, -1, 0);
}

static void fill_data(void)
{
    memset(g2h(data), (int)FILL, 2 * PAGE);
}

static uint64_t peek(uint64_t addr)
{
    return ldq_le_p(g2h(addr));
}

static void test_ldaa_fault(void)
{
    Run r;

    fill_data();
    /* the element is the first dword of the unmapped page */
    r = run_aau("ldaad,2 %aad0 [ %aasti1 ], %dr8 ; incr,2 %aaincr1",
                data + PAGE, 0, PAGE, 0, NULL);
    harness_assert_signal(r.excp, r.slot, 11, 1, data + 2 * PAGE);
    g_assert_cmphex(env->wptr[8].lo, ==, PRESET + 8);
    g_assert_cmpuint(env->aau.aasti[1], ==, PAGE);

    /* the same one page lower completes and moves the index on */
    r = run_aau("ldaad,2 %aad0 [ %aasti1 ], %dr8 ; incr,2 %aaincr1",
                data, 0, PAGE - 8, 0, NULL);
    assert_completed(&r);
    g_assert_cmphex(env->wptr[8].lo, ==, 0x5a5a5a5a5a5a5a5aULL);
    g_assert_cmpuint(env->aau.aasti[1], ==, PAGE - 8 + 16);
}

static void test_staa_fault(void)
{
    Run r;

    /* the staa of channel 2 faults: the one of channel 5 is not done,
       AASTI1 stays */
    fill_data();
    r = run_aau("staad,2 %dr9, %aad0 [ %aasti1 ] ; incr,2 %aaincr1 ; "
                "staad,5 %dr10, %aad1 [ %aasti2 ]",
                data + 2 * PAGE, data, 0, 0, NULL);
    harness_assert_signal(r.excp, r.slot, 11, 1, data + 2 * PAGE);
    g_assert_cmphex(peek(data), ==, 0x5a5a5a5a5a5a5a5aULL);
    g_assert_cmpuint(env->aau.aasti[1], ==, 0);

    /* the one of channel 5 faults: channel 2 wrote nothing, its index
       stays */
    r = run_aau("staad,2 %dr9, %aad0 [ %aasti1 ] ; incr,2 %aaincr1 ; "
                "staad,5 %dr10, %aad1 [ %aasti2 ]",
                data, data + 2 * PAGE, 64, 0, NULL);
    harness_assert_signal(r.excp, r.slot, 11, 1, data + 2 * PAGE);
    g_assert_cmphex(peek(data + 64), ==, 0x5a5a5a5a5a5a5a5aULL);
    g_assert_cmpuint(env->aau.aasti[1], ==, 64);

    /* alone it stores and steps on by AAINCR1 = 2 double words */
    r = run_aau("staad,2 %dr9, %aad0 [ %aasti1 ] ; incr,2 %aaincr1",
                data, 0, 64, 0, NULL);
    assert_completed(&r);
    g_assert_cmphex(peek(data + 64), ==, PRESET + 9);
    g_assert_cmpuint(env->aau.aasti[1], ==, 80);
}

static void test_staa_prologue(void)
{
    Run r;

    /* a loop-mode prologue: neither the store (not even probed: the
       address is unmapped) nor the increment happens */
    r = run_aau("staad,2 %dr9, %aad0 [ %aasti1 ] ; incr,2 %aaincr1 ; "
                "loop_mode",
                data + 2 * PAGE, 0, 0, 1, NULL);
    assert_completed(&r);
    g_assert_cmpuint(env->aau.aasti[1], ==, 0);

    /* an ldaa's increment does happen in the prologue */
    fill_data();
    r = run_aau("ldaad,2 %aad0 [ %aasti1 ], %dr8 ; incr,2 %aaincr1 ; "
                "loop_mode",
                data, 0, 0, 1, NULL);
    assert_completed(&r);
    g_assert_cmpuint(env->aau.aasti[1], ==, 16);
}

/* A right-channel area (mova channel 2, area 3 = area 35) of double
   words at AAD2 with AAINCR0, loaded as bap would. */
static void set_area(E2KAauState *aau, uint64_t base, uint32_t index)
{
    memset(aau, 0, sizeof(*aau));
    aau->aad_lo[2] = base | (3ULL << E2K_AAD_RW_SHIFT);
    aau->apb[35] = (2ULL << 15) | (4ULL << 25);     /* d = 2, fmt = 4 */
    aau->aaldv = 1ULL << 35;
    aau->aaldi[35] = index;
}

static void test_mova_unmapped(void)
{
    E2KAauState aau;
    Run r;

    fill_data();
    *(uint64_t *)g2h(data + 2 * PAGE - 8) = 0x0102030405060708ULL;
    /* the last mapped element */
    set_area(&aau, data, 2 * PAGE - 8);
    r = run_aau("movad,2 area=3, ind=0, am=1, %dr8", 0, 0, 0, 0, &aau);
    assert_completed(&r);
    g_assert_cmphex(env->wptr[8].lo, ==, 0x0102030405060708ULL);
    g_assert_cmpuint(env->aau.aaldi[35], ==, 2 * PAGE);
    g_assert_true(env->aau.aaldm[35]);

    /* the next one is in the unmapped page: 0, no fault, still steps */
    set_area(&aau, data, 2 * PAGE);
    r = run_aau("movad,2 area=3, ind=0, am=1, %dr8", 0, 0, 0, 0, &aau);
    assert_completed(&r);
    g_assert_cmphex(env->wptr[8].lo, ==, 0);
    g_assert_cmpuint(env->aau.aaldi[35], ==, 2 * PAGE + 8);

    /* one straddling the page end, through the mova's byte offset */
    set_area(&aau, data, 2 * PAGE - 16);
    r = run_aau("movad,2 area=3, ind=12, am=0, %dr8", 0, 0, 0, 0, &aau);
    assert_completed(&r);
    g_assert_cmphex(env->wptr[8].lo, ==, 0);
    g_assert_cmpuint(env->aau.aaldi[35], ==, 2 * PAGE - 16);

    /* an area beyond the guest space (the inline mova hands it to the
       helper without touching the host there): 0, and it steps on;
       also one whose index carries it past the end */
    set_area(&aau, guest_space_size, 8);
    r = run_aau("movad,2 area=3, ind=0, am=1, %dr8", 0, 0, 0, 0, &aau);
    assert_completed(&r);
    g_assert_cmphex(env->wptr[8].lo, ==, 0);
    g_assert_cmpuint(env->aau.aaldi[35], ==, 16);
    set_area(&aau, E2K_AAD_BASE_MASK & ~7ULL, 0xfffffff8);
    r = run_aau("movad,2 area=3, ind=31, am=0, %dr8", 0, 0, 0, 0, &aau);
    assert_completed(&r);
    g_assert_cmphex(env->wptr[8].lo, ==, 0);

    /* an area that bap did not load gives 0 and does not step */
    set_area(&aau, data, 0);
    aau.aaldv = 0;
    r = run_aau("movad,2 area=3, ind=0, am=1, %dr8", 0, 0, 0, 0, &aau);
    assert_completed(&r);
    g_assert_cmphex(env->wptr[8].lo, ==, 0);
    g_assert_cmpuint(env->aau.aaldi[35], ==, 0);

    /* wider than the area's elements (a word area): SIGILL */
    set_area(&aau, data, 0);
    aau.apb[35] = (2ULL << 15) | (3ULL << 25);
    r = run_aau("movad,2 area=3, ind=0, am=1, %dr8", 0, 0, 0, 0, &aau);
    harness_assert_signal(r.excp, r.slot, 4, 2, 0);
    g_assert_cmphex(env->wptr[8].lo, ==, PRESET + 8);
}

int main(int argc, char **argv)
{
    data = harness_init(&argc, &argv, "e8c2", 5, 3);
    env = harness_env;
    if (target_munmap(data + 2 * PAGE, PAGE) < 0) {
        g_printerr("cannot set up guest memory\n");
        return 2;
    }
    g_test_add_func("/e2k/aau/ldaa-fault", test_ldaa_fault);
    g_test_add_func("/e2k/aau/staa-fault", test_staa_fault);
    g_test_add_func("/e2k/aau/staa-prologue", test_staa_prologue);
    g_test_add_func("/e2k/aau/mova-unmapped", test_mova_unmapped);
    return g_test_run();
}
