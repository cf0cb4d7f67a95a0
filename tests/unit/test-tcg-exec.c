/*
 * TCG execution machinery on both backends: guest and host memory ops,
 * helper calls and their global-sync flags, branches and loops, register
 * pressure, TB chaining (goto_tb patching and reset), goto_ptr and
 * lookup_and_goto_ptr, precise faults (host pc -> insn_start data from a
 * SIGSEGV, an alignment hook and a helper's GETPC), the code buffer
 * limits, and -d op/op_opt/out_asm logging.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "qemu/log.h"
#include "tcg/tcg-internal.h"
#include "test-tcg-common.h"

static uint8_t *guest_mem;          /* 2 pages: RW then PROT_NONE */
#define GUEST_PAGE 4096

static void setup_guest_memory(void)
{
    guest_mem = mmap(NULL, 2 * GUEST_PAGE, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert(guest_mem != MAP_FAILED);
    g_assert_cmpint(mprotect(guest_mem + GUEST_PAGE, GUEST_PAGE, PROT_NONE),
                    ==, 0);
    guest_base = (uintptr_t)guest_mem;
}

/* ------------------------------------------------------------------ */
/* Guest memory                                                        */

static uint64_t ref_load(const uint8_t *p, MemOp mop)
{
    int n = 1 << (mop & MO_SIZE);
    uint64_t v = 0;

    for (int i = 0; i < n; i++) {
        int byte = (mop & MO_BSWAP) ? n - 1 - i : i;
        v |= (uint64_t)p[byte] << (8 * i);
    }
    if ((mop & MO_SIGN) && n < 8 && (v >> (8 * n - 1)) & 1) {
        v |= ~0ull << (8 * n);
    }
    return v;
}

static void test_guest_memory(void)
{
    static const MemOp mops[] = {
        MO_UB, MO_SB, MO_LEUW, MO_LESW, MO_LEUL, MO_LESL, MO_LEUQ,
        MO_BEUW, MO_BESW, MO_BEUL, MO_BESL, MO_BEUQ,
    };

    for (int be = 0; be < 2; be++) {
        use_backend(be);
        for (size_t m = 0; m < G_N_ELEMENTS(mops); m++) {
            MemOp mop = mops[m];
            int n = 1 << (mop & MO_SIZE);
            bool has32 = n <= 4;
            const void *code;

            tb_begin();
            tcg_gen_qemu_ld_i64(g_out[0], g_in[0], mop);
            tcg_gen_qemu_st_i64(g_in[2], g_in[1], mop);
            if (has32) {
                tcg_gen_qemu_ld_i32(g_out32[0], g_in[0], mop);
                tcg_gen_qemu_st_i32(g_in32[2], g_in[3], mop);
            }
            /* an address computed in a temp, stored from a constant */
            {
                TCGv_i64 a = tcg_temp_new_i64();
                tcg_gen_addi_i64(a, g_in[0], 64);
                tcg_gen_qemu_st_i64(tcg_constant_i64(0x1122334455667788ll),
                                    a, mop);
            }
            code = tb_finish();
            for (int ofs = 0; ofs < 9; ofs++) {
                TestEnv env = { 0 };
                uint64_t val = 0x8182838485868788ull ^ (uint64_t)ofs * 0x0101;
                uint8_t expect[8];

                for (int i = 0; i < 256; i++) {
                    guest_mem[i] = (uint8_t)(i * 37 + 0x80);
                }
                env.in[0] = ofs;
                env.in[1] = 128 + ofs;
                env.in[2] = val;
                env.in[3] = 192 + ofs;
                env.in32[2] = (uint32_t)val;
                tb_run(code, &env);
                g_assert_cmphex(env.out[0], ==, ref_load(guest_mem + ofs, mop));
                if (has32) {
                    g_assert_cmphex(env.out32[0], ==,
                                    (uint32_t)ref_load(guest_mem + ofs, mop));
                }
                for (int i = 0; i < n; i++) {
                    int byte = (mop & MO_BSWAP) ? n - 1 - i : i;
                    expect[byte] = (uint8_t)(val >> (8 * i));
                }
                g_assert_cmpmem(guest_mem + 128 + ofs, n, expect, n);
                if (has32) {
                    g_assert_cmpmem(guest_mem + 192 + ofs, n, expect, n);
                }
                g_assert_cmphex(ref_load(guest_mem + 64 + ofs, mop & ~MO_SIGN),
                                ==, 0x1122334455667788ull
                                    & (n == 8 ? ~0ull : (1ull << (8 * n)) - 1));
                /* neighbours untouched */
                g_assert_cmphex(guest_mem[128 + ofs + n], ==,
                                (uint8_t)((128 + ofs + n) * 37 + 0x80));
            }
        }

        /* 128-bit, both byte orders */
        for (int bs = 0; bs < 2; bs++) {
            MemOp mop = MO_128 | (bs ? MO_BE : MO_LE);
            const void *code;
            TestEnv env = { 0 };
            tb_begin();
            tcg_gen_qemu_ld_i128(g_out[0], g_out[1], g_in[0], mop);
            tcg_gen_qemu_st_i128(g_in[2], g_in[3], g_in[1], mop);
            code = tb_finish();
            for (int i = 0; i < 256; i++) {
                guest_mem[i] = (uint8_t)i;
            }
            env.in[0] = 16;
            env.in[1] = 96;
            env.in[2] = 0x0706050403020100ull;
            env.in[3] = 0x0f0e0d0c0b0a0908ull;
            tb_run(code, &env);
            if (!bs) {
                g_assert_cmphex(env.out[0], ==, 0x1716151413121110ull);
                g_assert_cmphex(env.out[1], ==, 0x1f1e1d1c1b1a1918ull);
                for (int i = 0; i < 16; i++) {
                    g_assert_cmpint(guest_mem[96 + i], ==, i);
                }
            } else {
                /* big-endian: the high half comes first in memory */
                g_assert_cmphex(env.out[0], ==, 0x18191a1b1c1d1e1full);
                g_assert_cmphex(env.out[1], ==, 0x1011121314151617ull);
                for (int i = 0; i < 16; i++) {
                    g_assert_cmpint(guest_mem[96 + i], ==, 15 - i);
                }
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Host memory relative to env                                         */

static void test_host_memory(void)
{
    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        const void *code;
        intptr_t s0 = offsetof(TestEnv, scratch[0]);
        use_backend(be);
        tb_begin();
        tcg_gen_ld8u_i64(g_out[0], tcg_env, s0 + 1);
        tcg_gen_ld8s_i64(g_out[1], tcg_env, s0 + 1);
        tcg_gen_ld16u_i64(g_out[2], tcg_env, s0 + 2);
        tcg_gen_ld16s_i64(g_out[3], tcg_env, s0 + 2);
        tcg_gen_ld32u_i64(g_out[4], tcg_env, s0 + 4);
        tcg_gen_ld32s_i64(g_out[5], tcg_env, s0 + 4);
        tcg_gen_ld_i64(g_out[6], tcg_env, s0);
        tcg_gen_ld8s_i32(g_out32[0], tcg_env, s0 + 1);
        tcg_gen_ld16s_i32(g_out32[1], tcg_env, s0 + 2);
        tcg_gen_ld_i32(g_out32[2], tcg_env, s0 + 4);
        tcg_gen_st8_i64(g_in[0], tcg_env, s0 + 8);
        tcg_gen_st16_i64(g_in[0], tcg_env, s0 + 10);
        tcg_gen_st32_i64(g_in[0], tcg_env, s0 + 12);
        tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);        /* a full fence runs */
        tcg_gen_st_i64(g_in[0], tcg_env, s0 + 16);
        tcg_gen_st_i32(g_in32[0], tcg_env, s0 + 24);
        tcg_gen_st_i64(tcg_constant_i64(-5), tcg_env, s0 + 32);
        tcg_gen_st8_i32(tcg_constant_i32(0x1ab), tcg_env, s0 + 40);
        tcg_gen_st16_i32(tcg_constant_i32(0x1abcd), tcg_env, s0 + 42);
        {
            /* a pointer temp loaded from env and dereferenced */
            TCGv_ptr p = tcg_temp_new_ptr();
            tcg_gen_ld_ptr(p, tcg_env, s0 + 48);
            tcg_gen_ld_i64(g_out[7], p, 8);
        }
        code = tb_finish();
        env.scratch[0] = 0x89abcdef8899aa80ull;
        env.scratch[6] = (uintptr_t)&env.in[0];
        env.in[0] = 0x0102030405060708ull;
        env.in[1] = 0x4242;
        env.in32[0] = 0xdeadbeef;
        tb_run(code, &env);
        g_assert_cmphex(env.out[0], ==, 0xaa);
        g_assert_cmphex(env.out[1], ==, 0xffffffffffffffaaull);
        g_assert_cmphex(env.out[2], ==, 0x8899);
        g_assert_cmphex(env.out[3], ==, 0xffffffffffff8899ull);
        g_assert_cmphex(env.out[4], ==, 0x89abcdef);
        g_assert_cmphex(env.out[5], ==, 0xffffffff89abcdefull);
        g_assert_cmphex(env.out[6], ==, 0x89abcdef8899aa80ull);
        g_assert_cmphex(env.out32[0], ==, 0xffffffaa);
        g_assert_cmphex(env.out32[1], ==, 0xffff8899);
        g_assert_cmphex(env.out32[2], ==, 0x89abcdef);
        g_assert_cmphex(env.scratch[1], ==, 0x0506070807080008ull);
        g_assert_cmphex(env.scratch[2], ==, 0x0102030405060708ull);
        g_assert_cmphex(env.scratch[3], ==, 0xdeadbeef);
        g_assert_cmphex(env.scratch[4], ==, (uint64_t)-5);
        g_assert_cmphex(env.scratch[5], ==, 0xabcd00ab);
        g_assert_cmphex(env.out[7], ==, 0x4242);
    }
}

/* ------------------------------------------------------------------ */
/* Helper calls                                                        */

static int helper_calls;

static uint64_t helper_sum8(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                            uint64_t e, uint64_t f, uint64_t g, uint64_t h)
{
    helper_calls++;
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h;
}

/* Writes a global behind TCG's back (allowed: default flags). */
static uint32_t helper_poke(TestEnv *env, uint32_t x, uint64_t y)
{
    helper_calls++;
    env->in[3] = env->in[2] * 2 + x;
    return (uint32_t)(x * 3 + y);
}

/* Reads a global: it must have been written back (NO_WG). */
static uint64_t helper_peek(TestEnv *env)
{
    helper_calls++;
    return env->in[2] + 1;
}

static void test_calls(void)
{
    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        const void *code;
        TCGv_i64 t;
        TCGv_i64 args[8];
        TCGv_i32 r32;

        use_backend(be);
        tb_begin();
        t = tcg_temp_new_i64();
        /* a value live across every call, in whatever register */
        tcg_gen_muli_i64(t, g_in[0], 3);
        for (int i = 0; i < 8; i++) {
            args[i] = tcg_temp_new_i64();
            tcg_gen_addi_i64(args[i], g_in[1], i * 100);
        }
        tcg_gen_call(helper_sum8, TCG_CALL_NO_RWG_SE, tcg_temp(g_out[0]), 8,
                     tcg_temp(args[0]), tcg_temp(args[1]), tcg_temp(args[2]),
                     tcg_temp(args[3]), tcg_temp(args[4]), tcg_temp(args[5]),
                     tcg_temp(args[6]), tcg_temp(args[7]));
        /* global written just before a reading helper */
        tcg_gen_addi_i64(g_in[2], g_in[2], 5);
        tcg_gen_call(helper_peek, TCG_CALL_NO_WG, tcg_temp(g_out[1]), 1,
                     tcg_temp(tcg_env));
        /* helper that writes in[3]: the TB must see the new value */
        tcg_gen_mov_i64(g_in[3], tcg_constant_i64(1));
        r32 = tcg_temp_new_i32();
        tcg_gen_call(helper_poke, 0, tcg_temp(r32), 3, tcg_temp(tcg_env),
                     tcg_temp(g_in32[0]), tcg_temp(tcg_constant_i64(1000)));
        tcg_gen_addi_i64(g_out[2], g_in[3], 1);
        tcg_gen_extu_i32_i64(g_out[3], r32);
        tcg_gen_addi_i64(g_out[4], t, 1);
        /* unused result of a side-effect-free helper: removed */
        tcg_gen_call(helper_sum8, TCG_CALL_NO_RWG_SE,
                     tcg_temp(tcg_temp_new_i64()), 8,
                     tcg_temp(args[0]), tcg_temp(args[1]), tcg_temp(args[2]),
                     tcg_temp(args[3]), tcg_temp(args[4]), tcg_temp(args[5]),
                     tcg_temp(args[6]), tcg_temp(args[7]));
        code = tb_finish();

        helper_calls = 0;
        env.in[0] = 11;
        env.in[1] = 1000;
        env.in[2] = 40;
        env.in32[0] = 7;
        tb_run(code, &env);
        g_assert_cmpint(helper_calls, ==, 3);
        {
            uint64_t want = 0;
            for (int i = 0; i < 8; i++) {
                want += (uint64_t)(i + 1) * (1000 + i * 100);
            }
            g_assert_cmphex(env.out[0], ==, want);
        }
        g_assert_cmphex(env.in[2], ==, 45);
        g_assert_cmphex(env.out[1], ==, 46);
        g_assert_cmphex(env.in[3], ==, 45 * 2 + 7);
        g_assert_cmphex(env.out[2], ==, 45 * 2 + 7 + 1);
        g_assert_cmphex(env.out[3], ==, 7 * 3 + 1000);
        g_assert_cmphex(env.out[4], ==, 34);
    }
}

/* ------------------------------------------------------------------ */
/* Branches, loops, register pressure                                  */

static void test_loops(void)
{
    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        const void *code;
        TCGv_i64 i, j, sum, x;
        TCGLabel *outer, *inner, *skip;

        use_backend(be);
        tb_begin();
        i = tcg_temp_new_i64();
        j = tcg_temp_new_i64();
        sum = tcg_temp_new_i64();
        x = tcg_temp_new_i64();
        outer = gen_new_label();
        inner = gen_new_label();
        skip = gen_new_label();
        tcg_gen_movi_i64(sum, 0);
        tcg_gen_movi_i64(i, 0);
        tcg_gen_set_label(outer);
        tcg_gen_movi_i64(j, 0);
        tcg_gen_set_label(inner);
        /* sum += (i * j) ^ in0, skipping odd j */
        tcg_gen_andi_i64(x, j, 1);
        tcg_gen_brcondi_i64(TCG_COND_NE, x, 0, skip);
        tcg_gen_mul_i64(x, i, j);
        tcg_gen_xor_i64(x, x, g_in[0]);
        tcg_gen_add_i64(sum, sum, x);
        tcg_gen_addi_i64(g_out[1], g_out[1], 1);
        tcg_gen_set_label(skip);
        tcg_gen_addi_i64(j, j, 1);
        tcg_gen_brcond_i64(TCG_COND_LTU, j, g_in[2], inner);
        tcg_gen_addi_i64(i, i, 1);
        tcg_gen_brcond_i64(TCG_COND_LT, i, g_in[1], outer);
        tcg_gen_mov_i64(g_out[0], sum);
        code = tb_finish();

        env.in[0] = 0x5a5a;
        env.in[1] = 37;
        env.in[2] = 23;
        tb_run(code, &env);
        {
            uint64_t want = 0, cnt = 0;
            for (uint64_t a = 0; a < 37; a++) {
                for (uint64_t b = 0; b < 23; b++) {
                    if (!(b & 1)) {
                        want += (a * b) ^ 0x5a5a;
                        cnt++;
                    }
                }
            }
            g_assert_cmphex(env.out[0], ==, want);
            g_assert_cmphex(env.out[1], ==, cnt);
        }
    }
}

/*
 * Pinned TB temps (tcg_temp_pin_i64): values carried around a loop in
 * their own host registers.  The loop body puts them through every kind
 * of operand the allocator treats specially: a shift count (RCX), a
 * multiply (RAX/RDX), an in-place op with the pinned temp as the tied
 * input, a mov from a constant and from another pinned temp, a helper
 * argument and a helper result (with a call that clobbers every
 * caller-saved register in between), a forward branch around an update,
 * pinned outputs of ops reading the same pinned temp (written straight
 * into the pinned register) and a dozen ordinary temps live across the
 * back edge.  A fifth pin is
 * refused and the temp stays an ordinary one.
 */
static uint64_t helper_mix(uint64_t a, uint64_t b)
{
    helper_calls++;
    return (a ^ (b << 7)) + 0x9e37;
}

static void test_pinned(void)
{
    enum { N = 12 };

    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        const void *code;
        TCGv_i64 acc, cnt, prod, tmp, extra, x, t[N];
        TCGLabel *head, *skip;

        use_backend(be);
        tb_begin();
        acc = tcg_temp_new_i64();
        cnt = tcg_temp_new_i64();
        prod = tcg_temp_new_i64();
        tmp = tcg_temp_new_i64();
        extra = tcg_temp_new_i64();
        x = tcg_temp_new_i64();
        g_assert_true(tcg_temp_pin_i64(acc));
        g_assert_true(tcg_temp_pin_i64(cnt));
        g_assert_true(tcg_temp_pin_i64(prod));
        g_assert_true(tcg_temp_pin_i64(tmp));
        g_assert_true(tcg_temp_pin_i64(tmp));   /* again: no new pin */
        g_assert_false(tcg_temp_pin_i64(extra));
        for (int i = 0; i < N; i++) {
            t[i] = tcg_temp_new_i64();
            tcg_gen_addi_i64(t[i], g_in[i % NB_TEST_REGS], i * 3);
        }
        tcg_gen_mov_i64(acc, g_in[0]);
        tcg_gen_movi_i64(cnt, 0);
        tcg_gen_movi_i64(prod, 1);
        tcg_gen_movi_i64(extra, 5);
        head = gen_new_label();
        skip = gen_new_label();
        tcg_gen_set_label(head);
        /* acc = rotl(acc, cnt & 63) + t[cnt % N]-ish (a shift by a
           pinned count), prod *= (cnt | 1) */
        tcg_gen_andi_i64(x, cnt, 63);
        tcg_gen_rotl_i64(acc, acc, x);
        tcg_gen_shl_i64(x, g_in[1], cnt);
        tcg_gen_xor_i64(acc, acc, x);
        tcg_gen_ori_i64(x, cnt, 1);
        tcg_gen_mul_i64(prod, prod, x);
        tcg_gen_add_i64(acc, acc, t[0]);
        tcg_gen_add_i64(acc, acc, t[N - 1]);
        tcg_gen_andi_i64(x, cnt, 3);
        tcg_gen_brcondi_i64(TCG_COND_NE, x, 0, skip);
        tcg_gen_call(helper_mix, 0, tcg_temp(tmp), 2, tcg_temp(acc),
                     tcg_temp(prod));
        tcg_gen_mov_i64(acc, tmp);
        tcg_gen_addi_i64(extra, extra, 1);
        tcg_gen_set_label(skip);
        tcg_gen_muluh_i64(x, prod, acc);
        tcg_gen_add_i64(acc, acc, x);
        /* a pinned output straight into its register, with the same
           pinned temp as an input in every position */
        tcg_gen_ext32u_i64(tmp, acc);
        tcg_gen_sub_i64(tmp, x, tmp);
        tcg_gen_add_i64(tmp, tmp, tmp);
        tcg_gen_setcond_i64(TCG_COND_GTU, tmp, tmp, acc);
        tcg_gen_add_i64(acc, acc, tmp);
        tcg_gen_addi_i64(cnt, cnt, 1);
        tcg_gen_brcond_i64(TCG_COND_LTU, cnt, g_in[2], head);
        for (int i = 1; i < N - 1; i++) {
            tcg_gen_add_i64(acc, acc, t[i]);
        }
        tcg_gen_mov_i64(g_out[0], acc);
        tcg_gen_mov_i64(g_out[1], prod);
        tcg_gen_mov_i64(g_out[2], extra);
        tcg_gen_mov_i64(g_out[3], cnt);
        tcg_gen_movi_i64(tmp, 77);
        tcg_gen_mov_i64(g_out[4], tmp);
        code = tb_finish();

        for (int i = 0; i < NB_TEST_REGS; i++) {
            env.in[i] = 0x9e3779b97f4a7c15ull * (i + 7);
        }
        env.in[2] = 301;
        helper_calls = 0;
        tb_run(code, &env);
        {
            uint64_t acc_w = env.in[0], prod_w = 1, extra_w = 5;
            uint64_t tv[N];

            for (int i = 0; i < N; i++) {
                tv[i] = env.in[i % NB_TEST_REGS] + i * 3;
            }
            for (uint64_t c = 0; c < 301; c++) {
                int r = c & 63;

                acc_w = r ? (acc_w << r) | (acc_w >> (64 - r)) : acc_w;
                acc_w ^= env.in[1] << (c & 63);
                prod_w *= c | 1;
                acc_w += tv[0] + tv[N - 1];
                if ((c & 3) == 0) {
                    acc_w = (acc_w ^ (prod_w << 7)) + 0x9e37;
                    extra_w++;
                }
                {
                    uint64_t xw = (uint64_t)(((unsigned __int128)prod_w *
                                              acc_w) >> 64), tw;

                    acc_w += xw;
                    tw = (uint32_t)acc_w;
                    tw = xw - tw;
                    tw += tw;
                    acc_w += tw > acc_w;
                }
            }
            for (int i = 1; i < N - 1; i++) {
                acc_w += tv[i];
            }
            g_assert_cmphex(env.out[0], ==, acc_w);
            g_assert_cmphex(env.out[1], ==, prod_w);
            g_assert_cmphex(env.out[2], ==, extra_w);
            g_assert_cmphex(env.out[3], ==, 301);
            g_assert_cmphex(env.out[4], ==, 77);
            g_assert_cmpint(helper_calls, ==, (301 + 3) / 4);
        }
    }
}

/*
 * A 32-bit counter kept zero-extended in a pinned temp: `add p, p, x;
 * ext32u p, p' (emitted as one 32-bit add by the x86-64 allocator) must
 * wrap at 2^32 and ignore the upper half of a 64-bit addend, with a
 * register addend and with a constant, and a plain 64-bit add of the
 * same pin (not followed by ext32u) must keep its carry.
 */
static void test_pinned_add32(void)
{
    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        const void *code;
        TCGv_i64 p, q, n, x;
        TCGLabel *head;

        use_backend(be);
        tb_begin();
        p = tcg_temp_new_i64();
        q = tcg_temp_new_i64();
        n = tcg_temp_new_i64();
        x = tcg_temp_new_i64();
        g_assert_true(tcg_temp_pin_i64(p));
        g_assert_true(tcg_temp_pin_i64(q));
        tcg_gen_ext32u_i64(p, g_in[0]);
        tcg_gen_mov_i64(q, g_in[0]);
        tcg_gen_movi_i64(n, 0);
        head = gen_new_label();
        tcg_gen_set_label(head);
        tcg_gen_add_i64(p, p, g_in[1]);
        tcg_gen_ext32u_i64(p, p);
        tcg_gen_add_i64(p, p, tcg_constant_i64(0x700000005ull));
        tcg_gen_ext32u_i64(p, p);
        tcg_gen_add_i64(q, q, g_in[1]);
        tcg_gen_xor_i64(x, p, q);
        tcg_gen_add_i64(q, q, x);
        tcg_gen_addi_i64(n, n, 1);
        tcg_gen_brcondi_i64(TCG_COND_LTU, n, 100, head);
        tcg_gen_mov_i64(g_out[0], p);
        tcg_gen_mov_i64(g_out[1], q);
        code = tb_finish();

        env.in[0] = 0x12345678fffffff0ull;
        env.in[1] = 0xabcdef0100000007ull;
        tb_run(code, &env);
        {
            uint64_t pw = (uint32_t)env.in[0], qw = env.in[0];

            for (int k = 0; k < 100; k++) {
                pw = (uint32_t)(pw + env.in[1]);
                pw = (uint32_t)(pw + 0x700000005ull);
                qw += env.in[1];
                qw += pw ^ qw;
            }
            g_assert_cmphex(env.out[0], ==, pw);
            g_assert_cmphex(env.out[1], ==, qw);
        }
    }
}

static void test_register_pressure(void)
{
    enum { N = 40 };

    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        const void *code;
        TCGv_i64 t[N];
        TCGv_i32 u[N];
        TCGv_i64 sum;
        TCGv_i32 sum32;
        TCGLabel *l;

        use_backend(be);
        tb_begin();
        for (int i = 0; i < N; i++) {
            t[i] = tcg_temp_new_i64();
            u[i] = tcg_temp_new_i32();
            tcg_gen_muli_i64(t[i], g_in[i % NB_TEST_REGS], i + 1);
            tcg_gen_addi_i64(t[i], t[i], i);
            tcg_gen_xori_i32(u[i], g_in32[i % NB_TEST_REGS], i * 0x01010101);
        }
        /* a branch in the middle forces everything through memory */
        l = gen_new_label();
        tcg_gen_brcondi_i64(TCG_COND_EQ, g_in[0], 12345, l);
        tcg_gen_set_label(l);
        sum = tcg_temp_new_i64();
        sum32 = tcg_temp_new_i32();
        tcg_gen_movi_i64(sum, 0);
        tcg_gen_movi_i32(sum32, 0);
        for (int i = N - 1; i >= 0; i--) {
            tcg_gen_rotli_i64(sum, sum, 3);
            tcg_gen_add_i64(sum, sum, t[i]);
            tcg_gen_mul_i32(sum32, sum32, u[i]);
            tcg_gen_add_i32(sum32, sum32, u[i]);
        }
        tcg_gen_mov_i64(g_out[0], sum);
        tcg_gen_mov_i32(g_out32[0], sum32);
        code = tb_finish();
        for (int i = 0; i < NB_TEST_REGS; i++) {
            env.in[i] = 0x9e3779b97f4a7c15ull * (i + 1);
            env.in32[i] = 0x85ebca6bu * (i + 3);
        }
        tb_run(code, &env);
        {
            uint64_t want = 0;
            uint32_t want32 = 0;
            for (int i = N - 1; i >= 0; i--) {
                uint64_t ti = env.in[i % NB_TEST_REGS] * (i + 1) + i;
                uint32_t ui = env.in32[i % NB_TEST_REGS] ^ (uint32_t)(i * 0x01010101);
                want = (want << 3) | (want >> 61);
                want += ti;
                want32 = want32 * ui + ui;
            }
            g_assert_cmphex(env.out[0], ==, want);
            g_assert_cmphex(env.out32[0], ==, want32);
        }
    }
}

/*
 * The env pointer under register pressure.  Regression test for an
 * allocator bug: an env-based ld/st made the allocator move tcg_env out
 * of its fixed register into an allocatable one (RBX) and keep it there;
 * the next op that needed a register (the copy of the constant mode 6
 * into an in-place operand, "mov ebx, 6") overwrote it, and every later
 * env access crashed.  The IR is the generic mode-selected extension
 * e2k's sxt used to emit, between env-based loads and stores, with a
 * dozen values live across it, a copy of env in a temp, and the mode as
 * a constant; it runs with and without the optimizer (unoptimized, the
 * constant-operand ops survive as they did before the optimizer existed).
 */
static void gen_sxt_generic(TCGv_i64 ret, TCGv_i64 mode, TCGv_i64 v)
{
    void (*const ext[6])(TCGv_i64, TCGv_i64) = {
        tcg_gen_ext8s_i64, tcg_gen_ext16s_i64, tcg_gen_ext32s_i64,
        tcg_gen_ext8u_i64, tcg_gen_ext16u_i64, tcg_gen_ext32u_i64,
    };
    TCGv_i64 x[6], sz = tcg_temp_new_i64(), zx = tcg_temp_new_i64();
    TCGv_i64 sres = tcg_temp_new_i64(), ures = tcg_temp_new_i64();

    for (int i = 0; i < 6; i++) {
        x[i] = tcg_temp_new_i64();
        ext[i](x[i], v);
    }
    tcg_gen_and_i64(sz, mode, tcg_constant_i64(3));
    tcg_gen_and_i64(zx, mode, tcg_constant_i64(4));
    tcg_gen_movcond_i64(TCG_COND_EQ, sres, sz, tcg_constant_i64(0), x[0],
                        x[2]);
    tcg_gen_movcond_i64(TCG_COND_EQ, sres, sz, tcg_constant_i64(1), x[1],
                        sres);
    tcg_gen_movcond_i64(TCG_COND_EQ, ures, sz, tcg_constant_i64(0), x[3],
                        x[5]);
    tcg_gen_movcond_i64(TCG_COND_EQ, ures, sz, tcg_constant_i64(1), x[4],
                        ures);
    tcg_gen_movcond_i64(TCG_COND_NE, ret, zx, tcg_constant_i64(0), ures,
                        sres);
}

static uint64_t ref_sxt(uint64_t mode, uint64_t v)
{
    static const int bits[4] = { 8, 16, 32, 32 };
    int w = bits[mode & 3];
    uint64_t m = ~0ull >> (64 - w);

    if (mode & 4) {
        return v & m;
    }
    return (uint64_t)((int64_t)(v << (64 - w)) >> (64 - w));
}

static void test_env_pressure(void)
{
    enum { N = 12 };

    for (int be = 0; be < 2; be++) {
        for (int opt = 0; opt < 2; opt++) {
            for (uint64_t mode = 0; mode < 8; mode++) {
                TestEnv env = { 0 };
                TCGv_i64 t[N], r, x, sum;
                TCGv_ptr ec;
                const void *code;
                uint64_t want_sum = 0, want;

                use_backend(be);
                tb_begin();
                for (int i = 0; i < N; i++) {
                    t[i] = tcg_temp_new_i64();
                    tcg_gen_addi_i64(t[i], g_in[i % NB_TEST_REGS], i);
                }
                ec = tcg_temp_new_ptr();
                tcg_gen_mov_ptr(ec, tcg_env);
                x = tcg_temp_new_i64();
                r = tcg_temp_new_i64();
                tcg_gen_ld_i64(x, tcg_env, offsetof(TestEnv, scratch[0]));
                gen_sxt_generic(r, tcg_constant_i64((int64_t)mode), x);
                tcg_gen_st_i64(r, tcg_env, offsetof(TestEnv, scratch[1]));
                gen_sxt_generic(x, tcg_constant_i64((int64_t)mode ^ 5), r);
                tcg_gen_st_i64(x, ec, offsetof(TestEnv, scratch[2]));
                tcg_gen_ld_i64(x, ec, offsetof(TestEnv, scratch[3]));
                tcg_gen_mov_i64(g_out[0], x);
                sum = tcg_temp_new_i64();
                tcg_gen_movi_i64(sum, 0);
                for (int i = 0; i < N; i++) {
                    tcg_gen_rotli_i64(sum, sum, 5);
                    tcg_gen_xor_i64(sum, sum, t[i]);
                }
                tcg_gen_st_i64(sum, tcg_env, offsetof(TestEnv, scratch[4]));
                tcg_optimize_disabled = !opt;
                code = tb_finish();
                tcg_optimize_disabled = false;
                for (int i = 0; i < NB_TEST_REGS; i++) {
                    env.in[i] = 0x9e3779b97f4a7c15ull * (i + 1);
                }
                env.scratch[0] = 0x8877665544332211ull + mode * 0x80;
                env.scratch[3] = 0x5a5a5a5a5a5a5a5aull;
                tb_run(code, &env);
                want = ref_sxt(mode, env.scratch[0]);
                g_assert_cmphex(env.scratch[1], ==, want);
                g_assert_cmphex(env.scratch[2], ==, ref_sxt(mode ^ 5, want));
                g_assert_cmphex(env.out[0], ==, 0x5a5a5a5a5a5a5a5aull);
                for (int i = 0; i < N; i++) {
                    want_sum = (want_sum << 5) | (want_sum >> 59);
                    want_sum ^= env.in[i % NB_TEST_REGS] + i;
                }
                g_assert_cmphex(env.scratch[4], ==, want_sum);
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Chaining                                                            */

static const void *lookup_result;

static const void *test_lookup(void *env)
{
    return (const void *)(uintptr_t)((TestEnv *)env)->scratch[1];
}

static void test_chaining(void)
{
    for (int be = 0; be < 2; be++) {
        TranslationBlock a, b, c;
        TestEnv env = { 0 };
        uintptr_t ret;

        use_backend(be);
        tcg_code_buffer_reset();
        tcg_set_lookup_tb_ptr(test_lookup);

        /* A: out0 += 1; goto_tb 0 / exit_tb(A, 0) */
        tcg_func_start(tcg_ctx);
        tcg_gen_insn_start2(0xa000, 0);
        tcg_gen_addi_i64(g_out[0], g_out[0], 1);
        tcg_gen_goto_tb(0);
        tcg_gen_exit_tb(&a, 0);
        memset(&a, 0, sizeof(a));
        g_assert_cmpint(tcg_gen_code(tcg_ctx, &a), >, 0);
        g_assert_cmpint(a.jmp_insn_offset[0], !=, TB_JMP_OFFSET_INVALID);
        g_assert_cmpint(a.jmp_insn_offset[1], ==, TB_JMP_OFFSET_INVALID);

        /* B: out1 += 10; exit_tb(B, TB_EXIT_REQUESTED) */
        tcg_func_start(tcg_ctx);
        tcg_gen_insn_start2(0xb000, 0);
        tcg_gen_addi_i64(g_out[1], g_out[1], 10);
        tcg_gen_exit_tb(&b, TB_EXIT_REQUESTED);
        memset(&b, 0, sizeof(b));
        g_assert_cmpint(tcg_gen_code(tcg_ctx, &b), >, 0);

        /* C: out2 += 100; lookup_and_goto_ptr */
        tcg_func_start(tcg_ctx);
        tcg_gen_insn_start2(0xc000, 0);
        tcg_gen_addi_i64(g_out[2], g_out[2], 100);
        tcg_gen_lookup_and_goto_ptr();
        memset(&c, 0, sizeof(c));
        g_assert_cmpint(tcg_gen_code(tcg_ctx, &c), >, 0);

        ret = tcg_qemu_tb_exec(&env, a.tc.ptr);
        g_assert_cmphex(ret, ==, (uintptr_t)&a);
        g_assert_cmpint(env.out[0], ==, 1);

        tb_set_jmp_target(&a, 0, (uintptr_t)b.tc.ptr);
        g_assert_cmphex(a.jmp_target_addr[0], ==, (uintptr_t)b.tc.ptr);
        ret = tcg_qemu_tb_exec(&env, a.tc.ptr);
        g_assert_cmphex(ret, ==, (uintptr_t)&b | TB_EXIT_REQUESTED);
        g_assert_cmpint(env.out[0], ==, 2);
        g_assert_cmpint(env.out[1], ==, 10);

        tb_reset_jump(&a, 0);
        ret = tcg_qemu_tb_exec(&env, a.tc.ptr);
        g_assert_cmphex(ret, ==, (uintptr_t)&a);
        g_assert_cmpint(env.out[0], ==, 3);
        g_assert_cmpint(env.out[1], ==, 10);

        /* lookup finds A (chained to B again) */
        tb_set_jmp_target(&a, 0, (uintptr_t)b.tc.ptr);
        env.scratch[1] = (uintptr_t)a.tc.ptr;
        ret = tcg_qemu_tb_exec(&env, c.tc.ptr);
        g_assert_cmphex(ret, ==, (uintptr_t)&b | TB_EXIT_REQUESTED);
        g_assert_cmpint(env.out[2], ==, 100);
        g_assert_cmpint(env.out[0], ==, 4);
        g_assert_cmpint(env.out[1], ==, 20);
        /* lookup finds nothing: return 0 */
        env.scratch[1] = 0;
        ret = tcg_qemu_tb_exec(&env, c.tc.ptr);
        g_assert_cmphex(ret, ==, 0);
        g_assert_cmpint(env.out[2], ==, 200);
        tcg_set_lookup_tb_ptr(NULL);
    }
    (void)lookup_result;
}

/* Another thread runs A while this one chains and unchains it. */
typedef struct ChainRace {
    TranslationBlock *a, *b;
    bool stop;
    long runs, via_b, bad;
} ChainRace;

static gpointer chain_race_thread(gpointer opaque)
{
    ChainRace *r = opaque;
    TestEnv env = { 0 };

    for (int n = 0; n < 200000; n++) {
        uintptr_t ret = tcg_qemu_tb_exec(&env, r->a->tc.ptr);
        __atomic_store_n(&r->runs, r->runs + 1, __ATOMIC_RELAXED);
        if (ret == ((uintptr_t)r->b | TB_EXIT_REQUESTED)) {
            r->via_b++;
        } else if (ret != (uintptr_t)r->a) {
            r->bad++;
        }
    }
    /* every run passed A once, and B exactly when it returned through B */
    if (env.out[0] != (uint64_t)r->runs || env.out[1] != (uint64_t)r->via_b * 10) {
        r->bad++;
    }
    __atomic_store_n(&r->stop, true, __ATOMIC_RELEASE);
    return NULL;
}

static void test_chaining_race(void)
{
    for (int be = 0; be < 2; be++) {
        TranslationBlock a, b;
        ChainRace r = { &a, &b };
        GThread *th;

        use_backend(be);
        tcg_code_buffer_reset();
        tcg_func_start(tcg_ctx);
        tcg_gen_insn_start2(0xa000, 0);
        tcg_gen_addi_i64(g_out[0], g_out[0], 1);
        tcg_gen_goto_tb(0);
        tcg_gen_exit_tb(&a, 0);
        memset(&a, 0, sizeof(a));
        g_assert_cmpint(tcg_gen_code(tcg_ctx, &a), >, 0);
        tcg_func_start(tcg_ctx);
        tcg_gen_insn_start2(0xb000, 0);
        tcg_gen_addi_i64(g_out[1], g_out[1], 10);
        tcg_gen_exit_tb(&b, TB_EXIT_REQUESTED);
        memset(&b, 0, sizeof(b));
        g_assert_cmpint(tcg_gen_code(tcg_ctx, &b), >, 0);

        th = g_thread_new("tb-runner", chain_race_thread, &r);
        /* the runner stops by itself after a fixed number of runs */
        for (long i = 0; !__atomic_load_n(&r.stop, __ATOMIC_RELAXED); i++) {
            if (i & 1) {
                tb_reset_jump(&a, 0);
            } else {
                tb_set_jmp_target(&a, 0, (uintptr_t)b.tc.ptr);
            }
        }
        __atomic_store_n(&r.stop, true, __ATOMIC_RELAXED);
        g_thread_join(th);
        g_assert_cmpint(r.bad, ==, 0);
        /* which path each run took depends on scheduling; that the
         * counters agree with the returned exits is what matters */
        g_assert_cmpint(r.runs, >, 0);
        g_test_message("%s: %ld runs, %ld chained", test_backends[be], r.runs,
                       r.via_b);
    }
}

/* ------------------------------------------------------------------ */
/* Precise faults                                                      */

static sigjmp_buf fault_jmp;
static uint64_t fault_data[2];
static bool fault_found;

static void restore_from(uintptr_t search_pc)
{
    TranslationBlock *tb = tcg_tb_lookup(search_pc);

    fault_found = tb && tcg_restore_state_from_host_pc(tb, search_pc,
                                                       fault_data, 2);
}

static void segv_handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];

    restore_from(tcg_signal_search_pc(pc));
    siglongjmp(fault_jmp, 1);
}

static void align_hook_jump(void *env, uint64_t addr, MemOp mop,
                            uintptr_t host_pc)
{
    restore_from(host_pc);
    fault_data[1] |= addr << 8;
    siglongjmp(fault_jmp, 2);
}

static int align_hook_count;

static void align_hook_return(void *env, uint64_t addr, MemOp mop,
                              uintptr_t host_pc)
{
    align_hook_count++;
}

static void helper_touch_unmapped(void *env)
{
    *(volatile uint8_t *)(guest_mem + GUEST_PAGE) = 1;
}

static void helper_fault(void *env)
{
    restore_from(GETPC());
    siglongjmp(fault_jmp, 3);
}

/* Guest insns 0x100.., the third one faults on in[2]. */
static void gen_fault_tb(TranslationBlock *tb, int how)
{
    tcg_code_buffer_reset();
    tcg_func_start(tcg_ctx);
    tcg_gen_insn_start2(0x100, 11);
    tcg_gen_qemu_ld_i64(g_out[0], g_in[0], MO_LEUQ);
    tcg_gen_insn_start2(0x108, 22);
    tcg_gen_qemu_ld_i64(g_out[1], g_in[1], MO_LEUQ | MO_ALIGN);
    tcg_gen_insn_start2(0x110, 33);
    /* completed before the faulting access: must be visible in env */
    tcg_gen_addi_i64(g_out[3], g_in[0], 5);
    if (how == 3) {
        tcg_gen_call(helper_fault, TCG_CALL_NO_RETURN, NULL, 1,
                     tcg_temp(tcg_env));
    } else if (how == 4) {
        tcg_gen_call(helper_touch_unmapped, 0, NULL, 1, tcg_temp(tcg_env));
    } else {
        tcg_gen_qemu_st_i64(g_out[1], g_in[2], MO_LEUL);
    }
    tcg_gen_insn_start2(0x118, 44);
    tcg_gen_addi_i64(g_out[2], g_out[1], 1);
    tcg_gen_addi_i64(g_out[3], g_out[3], 1);    /* would hide the write */
    tcg_gen_exit_tb(NULL, 0);
    memset(tb, 0, sizeof(*tb));
    g_assert_cmpint(tcg_gen_code(tcg_ctx, tb), >, 0);
    tcg_tb_insert(tb);
}

static void test_faults(void)
{
    struct sigaction sa = { 0 }, old;

    sa.sa_sigaction = segv_handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, &old);

    for (int be = 0; be < 2; be++) {
        TranslationBlock tb;
        TestEnv env = { 0 };
        volatile int r;

        use_backend(be);

        /* SIGSEGV on a guest store into the PROT_NONE page */
        gen_fault_tb(&tb, 0);
        env.in[0] = 8;
        env.in[1] = 16;
        env.in[2] = GUEST_PAGE + 8;
        fault_found = false;
        r = sigsetjmp(fault_jmp, 1);
        if (r == 0) {
            tcg_qemu_tb_exec(&env, tb.tc.ptr);
            g_assert_not_reached();
        }
        g_assert_cmpint(r, ==, 1);
        g_assert_true(fault_found);
        g_assert_cmphex(fault_data[0], ==, 0x110);
        g_assert_cmphex(fault_data[1], ==, 33);
        g_assert_cmphex(env.out[3], ==, 8 + 5);

        /* alignment hook that raises: the second insn */
        tcg_unaligned_access_hook = align_hook_jump;
        env.in[1] = 17;
        env.in[2] = 8;
        fault_found = false;
        r = sigsetjmp(fault_jmp, 1);
        if (r == 0) {
            tcg_qemu_tb_exec(&env, tb.tc.ptr);
            g_assert_not_reached();
        }
        g_assert_cmpint(r, ==, 2);
        g_assert_true(fault_found);
        g_assert_cmphex(fault_data[0], ==, 0x108);
        g_assert_cmphex(fault_data[1], ==, 22 | (17 << 8));

        /* alignment hook that returns: the access happens unaligned */
        tcg_unaligned_access_hook = align_hook_return;
        align_hook_count = 0;
        memset(guest_mem, 0, 64);
        guest_mem[17] = 0x5a;
        tcg_qemu_tb_exec(&env, tb.tc.ptr);
        g_assert_cmpint(align_hook_count, ==, 1);
        g_assert_cmphex(env.out[1], ==, 0x5a);
        g_assert_cmphex(env.out[2], ==, 0x5b);
        env.in[1] = 24;
        tcg_qemu_tb_exec(&env, tb.tc.ptr);
        g_assert_cmpint(align_hook_count, ==, 1);
        tcg_unaligned_access_hook = NULL;

        /* a helper finds its guest insn through GETPC */
        gen_fault_tb(&tb, 3);
        fault_found = false;
        r = sigsetjmp(fault_jmp, 1);
        if (r == 0) {
            tcg_qemu_tb_exec(&env, tb.tc.ptr);
            g_assert_not_reached();
        }
        g_assert_cmpint(r, ==, 3);
        g_assert_true(fault_found);
        g_assert_cmphex(fault_data[0], ==, 0x110);
        g_assert_cmphex(fault_data[1], ==, 33);

        /* a signal inside a helper is not a fault of translated code */
        gen_fault_tb(&tb, 4);
        fault_found = true;
        r = sigsetjmp(fault_jmp, 1);
        if (r == 0) {
            tcg_qemu_tb_exec(&env, tb.tc.ptr);
            g_assert_not_reached();
        }
        g_assert_cmpint(r, ==, 1);
        g_assert_false(fault_found);

        /* pcs outside any TB are rejected */
        g_assert_false(tcg_restore_state_from_host_pc(
                           &tb, (uintptr_t)tb.tc.ptr + tb.tc.size, fault_data,
                           2));
        tcg_tb_remove(&tb);
        g_assert_null(tcg_tb_lookup((uintptr_t)tb.tc.ptr));
    }
    sigaction(SIGSEGV, &old, NULL);
}

/* ------------------------------------------------------------------ */
/* Limits and logging                                                  */

static void test_limits(void)
{
    for (int be = 0; be < 2; be++) {
        TranslationBlock tb;
        int n, count = 0;

        use_backend(be);
        /* too many ops for one TB */
        tb_begin();
        for (int i = 0; i < TCG_MAX_OPS + 10; i++) {
            tcg_gen_addi_i64(g_out[0], g_out[0], 1);
        }
        tcg_gen_exit_tb(NULL, 0);
        g_assert_cmpint(tcg_gen_code(tcg_ctx, &tb), ==, -2);

        /* fill the buffer, flush, continue (start nearly full) */
        tcg_code_buffer_reset();
        tcg_ctx->code_used = tcg_ctx->code_size - 256 * 1024;
        do {
            tcg_func_start(tcg_ctx);
            tcg_gen_insn_start2(0, 0);
            for (int i = 0; i < 1000; i++) {
                tcg_gen_addi_i64(g_out[i % 8], g_in[(i * 3) % 8], i);
            }
            tcg_gen_exit_tb(NULL, 0);
            n = tcg_gen_code(tcg_ctx, &tb);
            count++;
        } while (n > 0 && count < 100000);
        g_assert_cmpint(n, ==, -1);
        g_assert_cmpint(count, >, 5);
        tb_begin();
        tcg_gen_movi_i64(g_out[0], 42);
        {
            TestEnv env = { 0 };
            tb_run(tb_finish(), &env);
            g_assert_cmpint(env.out[0], ==, 42);
        }
    }
}

static void test_logging(void)
{
    char *path = NULL;
    int fd = g_file_open_tmp("tcg-log-XXXXXX", &path, NULL);
    char *text = NULL;

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    g_assert_true(qemu_set_log_filename(path, &error_abort));
    qemu_set_log(CPU_LOG_TB_OP | CPU_LOG_TB_OP_OPT | CPU_LOG_TB_OUT_ASM);
    for (int be = 0; be < 2; be++) {
        TestEnv env = { 0 };
        use_backend(be);
        tb_begin();
        tcg_gen_add_i64(g_out[0], g_in[0], g_in[1]);
        tb_run(tb_finish(), &env);
    }
    qemu_set_log(0);
    qemu_log_close();
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_assert_nonnull(strstr(text, "OP:\n"));
    g_assert_nonnull(strstr(text, "OP after optimization"));
    g_assert_nonnull(strstr(text, " add_i64 out0,in0,in1"));
    g_assert_nonnull(strstr(text, "(native)"));
    g_assert_nonnull(strstr(text, "(interp)"));
    unlink(path);
    g_free(path);
    g_free(text);
    g_assert_true(qemu_set_log_filename(NULL, &error_abort));
}

static void test_backend_select(void)
{
    Error *err = NULL;

    g_assert_false(tcg_backend_select("bogus", &err));
    g_assert_nonnull(err);
    error_free(err);
    use_backend(1);
    g_assert_true(tcg_backend_is_interp());
    g_assert_cmpstr(tcg_backend_name(), ==, "interp");
    use_backend(0);
    g_assert_false(tcg_backend_is_interp());
    g_assert_cmpstr(tcg_backend_name(), ==, "native");
}

/*
 * tcg_gen_movcond_predictable_i64 (a branch around a move on the native
 * backend) gives movcond's result for every condition, both outcomes,
 * a constant second comparand and a result register that is also a
 * source; a loop of it counts like the cmov form.
 */
static bool cond_holds(TCGCond c, uint64_t a, uint64_t b)
{
    switch (c) {
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return (int64_t)a < (int64_t)b;
    case TCG_COND_GE: return (int64_t)a >= (int64_t)b;
    case TCG_COND_LE: return (int64_t)a <= (int64_t)b;
    case TCG_COND_GT: return (int64_t)a > (int64_t)b;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    default: g_assert_not_reached();
    }
}

static void test_movcond_predictable(void)
{
    static const TCGCond conds[] = {
        TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GE, TCG_COND_LE,
        TCG_COND_GT, TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
    };
    static const uint64_t vals[] = { 0, 1, 7, -1ull, 1ull << 63 };

    for (int be = 0; be < 2; be++) {
        use_backend(be);
        for (int k = 0; k < (int)G_N_ELEMENTS(conds); k++) {
            TestEnv env = { 0 };
            const void *code;

            tb_begin();
            tcg_gen_movcond_predictable_i64(conds[k], g_out[0], g_in[0],
                                            g_in[1], g_in[2], g_in[3]);
            tcg_gen_movcond_predictable_i64(conds[k], g_out[1], g_in[0],
                                            tcg_constant_i64(7), g_in[2],
                                            g_in[3]);
            tcg_gen_mov_i64(g_out[2], g_in[3]);
            tcg_gen_movcond_predictable_i64(conds[k], g_out[2], g_in[0],
                                            g_in[1], g_in[2], g_out[2]);
            code = tb_finish();
            for (int i = 0; i < (int)G_N_ELEMENTS(vals); i++) {
                for (int j = 0; j < (int)G_N_ELEMENTS(vals); j++) {
                    uint64_t a = vals[i], b = vals[j];

                    env.in[0] = a;
                    env.in[1] = b;
                    env.in[2] = 0x1111;
                    env.in[3] = 0x2222;
                    tb_run(code, &env);
                    g_assert_cmphex(env.out[0], ==,
                                    cond_holds(conds[k], a, b) ? 0x1111
                                                               : 0x2222);
                    g_assert_cmphex(env.out[1], ==,
                                    cond_holds(conds[k], a, 7) ? 0x1111
                                                               : 0x2222);
                    g_assert_cmphex(env.out[2], ==, env.out[0]);
                }
            }
        }
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    test_tcg_setup();
    setup_guest_memory();
    g_test_add_func("/tcg/exec/guest-memory", test_guest_memory);
    g_test_add_func("/tcg/exec/host-memory", test_host_memory);
    g_test_add_func("/tcg/exec/calls", test_calls);
    g_test_add_func("/tcg/exec/loops", test_loops);
    g_test_add_func("/tcg/exec/movcond-predictable",
                    test_movcond_predictable);
    g_test_add_func("/tcg/exec/pinned", test_pinned);
    g_test_add_func("/tcg/exec/pinned-add32", test_pinned_add32);
    g_test_add_func("/tcg/exec/register-pressure", test_register_pressure);
    g_test_add_func("/tcg/exec/env-pressure", test_env_pressure);
    g_test_add_func("/tcg/exec/chaining", test_chaining);
    g_test_add_func("/tcg/exec/chaining-race", test_chaining_race);
    g_test_add_func("/tcg/exec/faults", test_faults);
    g_test_add_func("/tcg/exec/limits", test_limits);
    g_test_add_func("/tcg/exec/logging", test_logging);
    g_test_add_func("/tcg/exec/backend-select", test_backend_select);
    return g_test_run();
}
