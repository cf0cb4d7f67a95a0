/*
 * e2k translator: predicate conditions (%predN, %pcntN, %lcntex), the
 * predicate logic unit (PLS: ELP evaluation, CLP/MLP andp/landp/movep,
 * results into the predicate file) and channel guards from CDS.
 *
 * A condition source ("psrc", 7 bits) is: 0 %lcntex, 0x40|N %pcntN,
 * 0x60|N %predN; other values (%spred, %rndpred, %bgrpred) are not
 * supported and make the wide instruction illegal.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/e2k/translate.h"

TCGv_i32 e2k_gen_cond(DisasContext *dc, uint8_t psrc)
{
    TCGv_i32 v;

    if (psrc & 0x80) {
        return NULL;
    }
    if (psrc == 0) {
        TCGv_i32 lcnt = tcg_temp_new_i32();

        v = tcg_temp_new_i32();
        tcg_gen_ld_i32(lcnt, tcg_env, offsetof(CPUE2KState, lsr_lcnt));
        tcg_gen_setcondi_i32(TCG_COND_EQ, v, lcnt, 0);
        return v;
    }
    if ((psrc & 0x60) == 0x60) {
        return e2k_gen_pred_read(dc, psrc & 0x1f);
    }
    if ((psrc & 0x60) == 0x40) {
        TCGv_i32 pcnt = tcg_temp_new_i32();

        v = tcg_temp_new_i32();
        tcg_gen_ld_i32(pcnt, tcg_env, offsetof(CPUE2KState, lsr_pcnt));
        tcg_gen_setcondi_i32(TCG_COND_LEU, v, pcnt, psrc & 0x1f);
        return v;
    }
    return NULL;
}

TCGv_i32 e2k_gen_is_loop_end(DisasContext *dc)
{
    TCGv_i32 ecnt, lcnt, vlc, t, r;

    /* computed once per wide instruction (the LSR it reads only changes
       at the commit) */
    if (dc->loop_end) {
        return dc->loop_end;
    }
    if (dc->lsr_steady) {
        return tcg_constant_i32(0);     /* lcnt >= 2 */
    }
    ecnt = tcg_temp_new_i32();
    lcnt = tcg_temp_new_i32();
    vlc = tcg_temp_new_i32();
    t = tcg_temp_new_i32();
    r = tcg_temp_new_i32();

    tcg_gen_ld_i32(ecnt, tcg_env, offsetof(CPUE2KState, lsr_ecnt));
    tcg_gen_ld_i32(lcnt, tcg_env, offsetof(CPUE2KState, lsr_lcnt));
    tcg_gen_ld_i32(vlc, tcg_env, offsetof(CPUE2KState, lsr_vlc));
    tcg_gen_setcondi_i32(TCG_COND_EQ, r, ecnt, 0);
    tcg_gen_setcondi_i32(TCG_COND_LTU, t, lcnt, 2);
    tcg_gen_and_i32(r, r, t);
    tcg_gen_and_i32(r, r, vlc);
    dc->loop_end = r;
    return r;
}

TCGv_i32 e2k_gen_chan_guard(DisasContext *dc, int chan)
{
    uint8_t p[2];
    bool neg[2];
    TCGv_i32 g = NULL;
    int n, i;

    /* `? %predN' or `? %predN, %pcntM': every condition must hold */
    n = e2k_bundle_chan_preds(&dc->b, chan, false, p, neg);
    for (i = 0; i < n; i++) {
        TCGv_i32 v = e2k_gen_cond(dc, p[i]);
        TCGv_i32 t = tcg_temp_new_i32();

        if (!v) {
            /* unsupported condition: never execute rather than guess */
            return tcg_constant_i32(0);
        }
        tcg_gen_xori_i32(t, v, neg[i]);
        if (g) {
            tcg_gen_and_i32(g, g, t);
        } else {
            g = t;
        }
    }
    return g;
}

bool e2k_gen_plu(DisasContext *dc)
{
    TCGv_i32 lp[7] = { NULL };
    int i;

    if (!dc->b.pls_count) {
        return true;
    }
    /* ELPs: PLS0 feeds lp0/lp1, PLS1 lp2/lp3 (PLS2 has none). */
    for (i = 0; i < dc->b.pls_count && i < 2; i++) {
        uint32_t pls = dc->b.pls[i];

        lp[2 * i] = e2k_gen_cond(dc, (pls >> 24) & 0x7f);
        lp[2 * i + 1] = e2k_gen_cond(dc, (pls >> 16) & 0x7f);
    }
    for (i = 0; i < dc->b.pls_count; i++) {
        uint32_t clp = dc->b.pls[i] & 0xffff;
        int opc = (clp >> 14) & 3;
        int i0 = (clp >> 10) & 7, i1 = (clp >> 6) & 7;
        TCGv_i32 p0, p1, r;

        if (i0 >= 4 + i || i1 >= 4 + i || !lp[i0] || !lp[i1]) {
            /* only earlier results may be used; unused CLPs are fine */
            if (!(clp & 0x20)) {
                continue;
            }
            return false;
        }
        p0 = tcg_temp_new_i32();
        p1 = tcg_temp_new_i32();
        r = tcg_temp_new_i32();
        tcg_gen_xori_i32(p0, lp[i0], (clp >> 13) & 1);
        tcg_gen_xori_i32(p1, lp[i1], (clp >> 9) & 1);
        tcg_gen_and_i32(r, p0, p1);
        lp[4 + i] = r;
        if (clp & 0x20) {
            TCGv_i64 v = tcg_temp_new_i64();
            Result *res = &dc->pres[dc->npres++];
            int pdst = clp & 0x1f;

            if (opc == 3) {
                /* movep: p0 ? p1 : unchanged */
                TCGv_i32 old = e2k_gen_pred_read(dc, pdst);
                TCGv_i32 m = tcg_temp_new_i32();

                tcg_gen_movcond_i32(TCG_COND_NE, m, p0, tcg_constant_i32(0),
                                    p1, old);
                tcg_gen_extu_i32_i64(v, m);
            } else if (opc <= 1) {
                tcg_gen_extu_i32_i64(v, r);
            } else {
                return false;
            }
            res->kind = RES_PRED;
            res->off = pdst;
            res->val = v;
            res->guard = NULL;
        }
    }
    return true;
}
