/*
 * e2k translator: loads and stores.
 *
 * A load is one inline host access at guest_base + address (the TCG
 * backend adds guest_base); a fault in it is turned into the guest's
 * SIGSEGV by accel/tcg with the state as before the wide instruction.  A
 * speculative load (,sm) must not fault: it goes through helper_ld_spec,
 * which checks the page flags and yields 0 for an unreadable address.
 *
 * Stores are prepared in the read phase (address and value) and issued
 * after every load and check of the wide instruction, in channel order.
 * With two or more stores, every store is probed for writability before
 * the first one is performed, so a fault leaves memory as before the
 * wide instruction (all or nothing).
 * In loop mode, stores are suppressed while the prologue counter runs
 * (LSR.pcnt != 0) and, on the last trip, when the store-mask counter
 * strmd is exhausted.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "exec/guest-memory.h"
#include "target/e2k/translate.h"

static int mem_size_log2(const E2KOpDesc *d)
{
    switch (d->id) {
    case E2K_OP_LDB: case E2K_OP_STB:
        return 0;
    case E2K_OP_LDH: case E2K_OP_STH:
        return 1;
    case E2K_OP_LDW: case E2K_OP_STW:
        return 2;
    case E2K_OP_LDD: case E2K_OP_STD:
        return 3;
    default:
        return -1;
    }
}

bool e2k_op_is_load(const E2KOpDesc *d)
{
    return (d->flags & E2K_OPF_LOAD) || !strncmp(d->name, "ld", 2);
}

bool e2k_gen_load(DisasContext *dc, int chan, const E2KOpDesc *d,
                  TCGv_i64 ret, bool sm, TCGv_i64 a, TCGv_i64 b)
{
    int sz = mem_size_log2(d);
    TCGv_i64 addr;

    if (sz < 0) {
        return false;
    }
    addr = tcg_temp_new_i64();
    tcg_gen_add_i64(addr, a, b);
    if (sm && (dc->spec_safe || dc->tags)) {
        e2k_gen_call_helper((void *)helper_ld_spec, tcg_temp(ret), 3,
                            tcg_temp(tcg_env), tcg_temp(addr),
                            tcg_temp(tcg_constant_i32(sz)));
        if (dc->tags) {
            /* a failed speculative load yields a diagnostic value */
            TCGv_i64 t = tcg_temp_new_i64();

            tcg_gen_ld_i64(t, tcg_env, offsetof(CPUE2KState, spec_diag));
            e2k_gen_add_src_tag(dc, chan, t);
        }
    } else if (sm) {
        /* A plain load; if it faults, the bundle is rerun with safe
           loads (see cpu.h).  An address beyond the guest space is
           replaced by page 0, which faults the same way. */
        tcg_gen_movcond_i64(TCG_COND_GEU, addr, addr,
                            tcg_constant_i64(guest_space_size - 8),
                            tcg_constant_i64(0), addr);
        tcg_gen_qemu_ld_i64(ret, addr, MO_LE | sz);
    } else {
        tcg_gen_qemu_ld_i64(ret, addr, MO_LE | sz);
    }
    return true;
}

bool e2k_gen_store_prepare(DisasContext *dc, int chan, const E2KOpDesc *d)
{
    int sz = mem_size_log2(d);
    TCGv_i64 a, b, v;

    if (sz < 0 || d->alopf != E2K_ALOPF3) {
        return false;
    }
    a = e2k_gen_src(dc, chan, e2k_op_src1_field(&dc->b, chan, d),
                    E2K_ROLE_SRC1);
    b = e2k_gen_src(dc, chan, e2k_op_src2_field(&dc->b, chan, d),
                    E2K_ROLE_SRC2);
    v = e2k_gen_src(dc, chan, e2k_op_src3_field(&dc->b, chan, d),
                    E2K_ROLE_SRC3);
    if (!a || !b || !v) {
        return false;
    }
    if (dc->tags && dc->src_tag[chan]) {
        /* storing or addressing with a diagnostic value traps */
        e2k_gen_check_tag(dc, dc->src_tag[chan]);
    }
    dc->st_addr[chan] = tcg_temp_new_i64();
    tcg_gen_add_i64(dc->st_addr[chan], a, b);
    dc->st_val[chan] = v;
    dc->st_mop[chan] = MO_LE | sz;
    dc->st_guard[chan] = e2k_gen_chan_guard(dc, chan);
    dc->has_store[chan] = true;
    return true;
}

/* Loop mode: may this trip store?  Returns an i32 that is nonzero when
   stores are enabled and sets *@strmd_out to the new strmd (the last
   trip uses up one unit), stored by the caller after the stores so that
   a faulting store leaves LSR as before the wide instruction. */
static TCGv_i32 gen_loop_store_enable(DisasContext *dc, TCGv_i32 *strmd_out)
{
    TCGv_i32 en = tcg_temp_new_i32();
    TCGv_i32 pcnt = tcg_temp_new_i32();
    TCGv_i32 strmd = tcg_temp_new_i32();
    TCGv_i32 left = tcg_temp_new_i32();
    TCGv_i32 last = tcg_temp_new_i32();
    TCGv_i32 end = e2k_gen_is_loop_end(dc);

    /* en = pcnt == 0 && (!end || strmd != 0); the last trip uses up one
       unit of strmd.  Without branches: the values stay in registers. */
    tcg_gen_ld_i32(pcnt, tcg_env, offsetof(CPUE2KState, lsr_pcnt));
    tcg_gen_ld_i32(strmd, tcg_env, offsetof(CPUE2KState, lsr_strmd));
    tcg_gen_setcondi_i32(TCG_COND_EQ, en, pcnt, 0);
    tcg_gen_and_i32(last, en, end);
    tcg_gen_setcondi_i32(TCG_COND_NE, left, strmd, 0);
    tcg_gen_and_i32(left, left, last);
    tcg_gen_sub_i32(strmd, strmd, left);
    *strmd_out = strmd;
    /* en &= !last || left */
    tcg_gen_xori_i32(last, last, 1);
    tcg_gen_or_i32(last, last, left);
    tcg_gen_and_i32(en, en, last);
    return en;
}

/* Branch to a new label (returned) when channel @chan's store is
   disabled this time; NULL when it always happens. */
static TCGLabel *gen_skip_disabled_store(DisasContext *dc, int chan,
                                         TCGv_i32 en)
{
    TCGLabel *skip = NULL;

    if (en || dc->st_guard[chan]) {
        skip = gen_new_label();
    }
    if (en) {
        tcg_gen_brcondi_i32(TCG_COND_EQ, en, 0, skip);
    }
    if (dc->st_guard[chan]) {
        tcg_gen_brcondi_i32(TCG_COND_EQ, dc->st_guard[chan], 0, skip);
    }
    return skip;
}

void e2k_gen_stores(DisasContext *dc)
{
    TCGv_i32 en = NULL, strmd = NULL;
    int chan, nstores = 0;

    for (chan = 0; chan < 6; chan++) {
        nstores += dc->has_store[chan];
    }
    if (nstores == 0) {
        return;
    }
    if (dc->b.loop_mode) {
        en = gen_loop_store_enable(dc, &strmd);
    }
    if (nstores > 1) {
        /* All or nothing: probe every store that will happen before the
           first one writes, so a fault in a later store cannot leave an
           earlier one done.  A single store needs no probe (its own host
           fault leaves the state as before the wide instruction). */
        e2k_gen_store_br(dc);
        for (chan = 0; chan < 6; chan++) {
            TCGLabel *skip;

            if (!dc->has_store[chan]) {
                continue;
            }
            skip = gen_skip_disabled_store(dc, chan, en);
            e2k_gen_call_helper((void *)helper_probe_store, NULL, 4,
                                tcg_temp(tcg_env),
                                tcg_temp(dc->st_addr[chan]),
                                tcg_temp(tcg_constant_i32(
                                    dc->st_mop[chan] & MO_SIZE)),
                                tcg_temp(tcg_constant_i64(dc->pc)));
            if (skip) {
                tcg_gen_set_label(skip);
            }
        }
    }
    for (chan = 0; chan < 6; chan++) {
        TCGLabel *skip;

        if (!dc->has_store[chan]) {
            continue;
        }
        skip = gen_skip_disabled_store(dc, chan, en);
        tcg_gen_qemu_st_i64(dc->st_val[chan], dc->st_addr[chan],
                            dc->st_mop[chan]);
        if (skip) {
            tcg_gen_set_label(skip);
        }
    }
    if (strmd) {
        tcg_gen_st_i32(strmd, tcg_env, offsetof(CPUE2KState, lsr_strmd));
    }
}
