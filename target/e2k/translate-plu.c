/*
 * e2k translator: predicate conditions, the predicate logic unit (PLS:
 * ELP evaluation, CLP/MLP andp/landp/movep, results into the predicate
 * file), channel guards from CDS, and the control-transfer conditions
 * that depend on this wide instruction's own results (%MLOCK forms).
 *
 * Two encodings of a 7-bit condition source:
 *   CDS (RLP guards, MRGC merge conditions): 0x60|N %predN, 0x40|N
 *   %pcntN, 0 %lcntex.
 *   PLS ELP: 0x60|N %predN, 0 %lcntex, 0x01..0x3f %spredMASK, 0x40
 *   %bgrpred, 0x41..0x4f %rndpredN (v3+), 0x50..0x5f reserved.
 * %spred, %bgrpred and %rndpred are decoded but make the wide
 * instruction illegal (SIGILL): what they compute is defined by state we
 * do not model and no public source describes (see elp_supported()).
 *
 * Every condition a bundle names is checked when translating, before any
 * code of the bundle is generated (e2k_conds_supported), so an
 * unsupported one raises SIGILL instead of silently never (or always)
 * executing the guarded operation.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qemu/log.h"
#include "target/e2k/translate.h"

/* SS ctcond (bits 8:0): type in 8:5, sub-condition in 4:0. */
#define CT_TYPE(c)  (((c) >> 5) & 0xf)
#define CT_PSRC(c)  ((c) & 0x1f)

/* A CDS condition source (RLP guard or MRGC) we can evaluate. */
static bool cds_cond_supported(uint8_t psrc)
{
    return psrc == 0 || (psrc & 0x60) == 0x60 || (psrc & 0x60) == 0x40;
}

/*
 * A PLS ELP source we can evaluate: %predN and %lcntex.  Not modelled:
 * %spredMASK (a predicate over the state of the ALCs named by the mask),
 * %bgrpred (derived from BGR.val, whose rules are not public) and
 * %rndpredN (taken from the hardware random-predicate generator, which
 * reading also advances; the generator is not documented).  0x50..0x5f
 * is reserved.
 */
static bool elp_supported(uint8_t elp)
{
    return elp == 0 || (elp & 0x60) == 0x60;
}

static TCGv_i32 gen_lcntex(void)
{
    TCGv_i32 lcnt = tcg_temp_new_i32();
    TCGv_i32 v = tcg_temp_new_i32();

    tcg_gen_ld_i32(lcnt, tcg_env, offsetof(CPUE2KState, lsr_lcnt));
    tcg_gen_setcondi_i32(TCG_COND_EQ, v, lcnt, 0);
    return v;
}

TCGv_i32 e2k_gen_cond(DisasContext *dc, uint8_t psrc)
{
    TCGv_i32 v;

    if (psrc & 0x80 || !cds_cond_supported(psrc)) {
        return NULL;
    }
    if (psrc == 0) {
        return gen_lcntex();
    }
    if ((psrc & 0x60) == 0x60) {
        return e2k_gen_pred_read(dc, psrc & 0x1f);
    }
    /* %pcntN: the prologue counter has reached N */
    {
        TCGv_i32 pcnt = tcg_temp_new_i32();

        v = tcg_temp_new_i32();
        tcg_gen_ld_i32(pcnt, tcg_env, offsetof(CPUE2KState, lsr_pcnt));
        tcg_gen_setcondi_i32(TCG_COND_LEU, v, pcnt, psrc & 0x1f);
        return v;
    }
}

/* Predicate @n as the predicate file holds it: bit 0 the value, bit 1
   the diagnostic tag (read without the check a guard makes). */
static TCGv_i32 gen_pred_read_tagged(DisasContext *dc, int n)
{
    TCGv_i64 pf = tcg_temp_new_i64();
    TCGv_i32 v = tcg_temp_new_i32();

    tcg_gen_ld_i64(pf, tcg_env, offsetof(CPUE2KState, pf));
    tcg_gen_extract_i64(pf, pf, 2 * e2k_pred_index(dc->br, n), 2);
    tcg_gen_extrl_i64_i32(v, pf);
    return v;
}

/* An ELP of the PLS; NULL when not supported (see elp_supported).  With
   the tag code its bit 1 is the diagnostic tag (a pass of a diagnostic
   predicate passes it on). */
static TCGv_i32 gen_elp(DisasContext *dc, uint8_t elp)
{
    if (!elp_supported(elp)) {
        return NULL;
    }
    if (elp == 0) {
        return gen_lcntex();
    }
    if (dc->tags) {
        return gen_pred_read_tagged(dc, elp & 0x1f);
    }
    return e2k_gen_pred_read(dc, elp & 0x1f);
}

/*
 * The CLP/MLP operations on tagged predicates (bit 0 value, bit 1
 * diagnostic; @p0, @p1 already negated as the CLP says, which flips the
 * value only).  A diagnostic input makes the result diagnostic (value
 * 0, tag 1), with one exception: landp of a first operand that is a
 * plain false is false whatever the second.  movep takes p1 where p0 is
 * true, keeps @old where p0 is false, and is diagnostic where p0 is.
 * Nothing raises here: a diagnostic predicate traps only where it
 * decides something (a guard, a branch; e2k_gen_pred_read).  Source:
 * OpenE2K/qemu-e2k, target/e2k/translate.c, gen_plu (the andp/landp
 * tables and movep with tags enabled).
 */
static TCGv_i32 gen_clp_tagged(int opc, TCGv_i32 p0, TCGv_i32 p1,
                               TCGv_i32 old)
{
    TCGv_i32 r = tcg_temp_new_i32();
    TCGv_i32 diag = tcg_constant_i32(2);

    if (opc == 3) {
        /* movep */
        tcg_gen_movcond_i32(TCG_COND_EQ, r, p0, tcg_constant_i32(0),
                            old, p1);
        tcg_gen_movcond_i32(TCG_COND_GEU, r, p0, diag, diag, r);
        return r;
    } else {
        TCGv_i32 any = tcg_temp_new_i32();

        tcg_gen_and_i32(r, p0, p1);
        tcg_gen_andi_i32(r, r, 1);
        tcg_gen_or_i32(any, p0, p1);
        tcg_gen_andi_i32(any, any, 2);
        tcg_gen_movcond_i32(TCG_COND_NE, r, any, tcg_constant_i32(0),
                            diag, r);
        if (opc == 1) {
            /* landp: a plain false first operand decides */
            tcg_gen_movcond_i32(TCG_COND_EQ, r, p0, tcg_constant_i32(0),
                                p0, r);
        }
        return r;
    }
}

/* Which local predicates (bit i: @p i, 0..6) the PLS needs: those
   written by a CLP with vdst, the ones they read, recursively, and
   those a control-transfer condition names (bit 4 + N for %clpN). */
static unsigned pls_needed(const E2KBundle *b, unsigned need)
{
    int i, pass;

    for (i = 0; i < b->pls_count; i++) {
        if (b->pls[i] & 0x20) {
            need |= 1u << (4 + i);
        }
    }
    /* a CLP reads only earlier ones: two passes back to front suffice */
    for (pass = 0; pass < 2; pass++) {
        for (i = b->pls_count - 1; i >= 0; i--) {
            uint32_t clp = b->pls[i] & 0xffff;

            if (need & (1u << (4 + i))) {
                need |= 1u << ((clp >> 10) & 7);
                need |= 1u << ((clp >> 6) & 7);
            }
        }
    }
    return need;
}

/* Local predicates the SS control-transfer condition needs. */
static unsigned ct_needs_clp(const E2KBundle *b)
{
    uint32_t c = b->has_ss ? b->ss & 0x1ff : 0;

    if (CT_TYPE(c) == 9 && ((CT_PSRC(c) >> 3) & 3) == 2) {
        return 1u << (4 + ((CT_PSRC(c) >> 1) & 3));
    }
    return 0;
}

static bool ct_cond_supported(DisasContext *dc, const E2KOpDesc *const ops[6])
{
    uint32_t c = dc->b.has_ss ? dc->b.ss & 0x1ff : 0;
    int psrc = CT_PSRC(c);

    switch (CT_TYPE(c)) {
    case 8:
        /* %MLOCK || %dt_al[0][1][3][4]: bit 4 has no defined meaning */
        if (psrc & 0x10) {
            return false;
        }
        /* the diagnostic state of a result exists only with tags=on */
        return (psrc & 0xf) == 0 || dc->tags || dc->tags_lazy;
    case 9: {
        static const int cmp_alc[4] = { 0, 1, 3, 4 };
        int type = (psrc >> 3) & 3;
        int j, k;

        switch (type) {
        case 0:     /* %MLOCK || [~]%cmpN */
            j = cmp_alc[(psrc >> 1) & 3];
            return ops[j] && ops[j]->alopf == E2K_ALOPF7;
        case 1:     /* %MLOCK || [~]%cmp0 || [~]%cmp1 (or cmp3, cmp4) */
            j = (psrc & 4) ? 3 : 0;
            k = j + 1;
            return ops[j] && ops[j]->alopf == E2K_ALOPF7 &&
                   ops[k] && ops[k]->alopf == E2K_ALOPF7;
        case 2:     /* %MLOCK || [~]%clpN */
            return ((psrc >> 1) & 3) < 3 &&
                   ((psrc >> 1) & 3) < dc->b.pls_count;
        default:
            return false;
        }
    }
    default:
        return true;        /* translate-ctl.c decides */
    }
}

/* Does the bundle hold a check load (MAS mod 3) in ALC2 or ALC5?  Such
   a load always reports %MLOCK (the disambiguation hardware that could
   prove the earlier advanced load still valid is not modelled), so the
   compensation code runs; it redoes the load and is always correct. */
static bool bundle_has_check_load(const E2KBundle *b,
                                  const E2KOpDesc *const ops[6])
{
    static const int chans[2] = { 2, 5 };
    int i;

    for (i = 0; i < 2; i++) {
        int c = chans[i];

        if (ops[c] && e2k_op_is_load(ops[c]) &&
            (e2k_bundle_mas(b, c) & 7) == 3) {
            return true;
        }
    }
    return false;
}

bool e2k_conds_supported(DisasContext *dc, const E2KOpDesc *const ops[6])
{
    const E2KBundle *b = &dc->b;
    unsigned need;
    int i, chan;

    /* CDS: the guards (RLP) and merge conditions (MRGC) of each channel */
    for (chan = 0; chan < 6; chan++) {
        uint8_t p[2];
        bool neg[2];
        int merge, n;

        for (merge = 0; merge < 2; merge++) {
            n = e2k_bundle_chan_preds(b, chan, merge, p, neg);
            for (i = 0; i < n; i++) {
                if (!cds_cond_supported(p[i])) {
                    qemu_log_mask(LOG_UNIMP | LOG_GUEST_ERROR,
                                  "e2k: %#" PRIx64 ": unsupported CDS "
                                  "condition %#x\n", dc->pc, p[i]);
                    return false;
                }
            }
        }
    }
    /* PLS: every ELP whose value is used */
    need = pls_needed(b, ct_needs_clp(b));
    for (i = 0; i < b->pls_count && i < 2; i++) {
        uint8_t e0 = (b->pls[i] >> 24) & 0x7f, e1 = (b->pls[i] >> 16) & 0x7f;

        if (((need & (1u << (2 * i))) && !elp_supported(e0)) ||
            ((need & (1u << (2 * i + 1))) && !elp_supported(e1))) {
            qemu_log_mask(LOG_UNIMP | LOG_GUEST_ERROR,
                          "e2k: %#" PRIx64 ": %%spred, %%bgrpred and "
                          "%%rndpred are not supported\n", dc->pc);
            return false;
        }
    }
    if (!ct_cond_supported(dc, ops)) {
        qemu_log_mask(LOG_UNIMP | LOG_GUEST_ERROR,
                      "e2k: %#" PRIx64 ": unsupported control transfer "
                      "condition %#x\n", dc->pc, b->ss & 0x1ff);
        return false;
    }
    dc->mlock = bundle_has_check_load(b, ops);
    return true;
}

/*
 * %MLOCK says that a memory lock this wide instruction checks was lost
 * (a conditional store with MAS mod 2 that did not store, or a check
 * load with MAS mod 3 that found its advanced load invalidated).  The
 * conditional stores compute it at run time (translate-mem.c,
 * helper_st_cond: a compare-and-swap against what the locking load
 * read); a check load always sets it (bundle_has_check_load).  %dt_alN: the result of ALC N in this
 * instruction is diagnostic (a speculative operation failed); it needs
 * the tags (tags=on, checked in ct_cond_supported).  %cmpN is the
 * compare of ALC N and %clpN CLP N of this same instruction.
 */
void e2k_gen_ct_late(DisasContext *dc)
{
    static const int alc[4] = { 0, 1, 3, 4 };
    int psrc = CT_PSRC(dc->ct_late);
    TCGv_i32 c = dc->ct_cond;
    TCGv_i32 t = tcg_temp_new_i32();
    int i;

    if (dc->mlock_val) {
        tcg_gen_mov_i32(c, dc->mlock_val);      /* conditional stores */
    } else {
        tcg_gen_movi_i32(c, dc->mlock);
    }
    if (CT_TYPE(dc->ct_late) == 8) {
        for (i = 0; i < 4; i++) {
            Result *r = &dc->res[alc[i]];
            TCGv_i64 nz;

            if (!(psrc & (1 << i)) || r->kind != RES_REG || !r->tag) {
                continue;
            }
            nz = tcg_temp_new_i64();
            tcg_gen_setcondi_i64(TCG_COND_NE, nz, r->tag, 0);
            tcg_gen_extrl_i64_i32(t, nz);
            tcg_gen_or_i32(c, c, t);
        }
        return;
    }
    switch ((psrc >> 3) & 3) {
    case 0:
    case 1: {
        int js[2], negs[2], n, k;

        if (((psrc >> 3) & 3) == 0) {
            js[0] = alc[(psrc >> 1) & 3];
            negs[0] = psrc & 1;
            n = 1;
        } else {
            js[0] = (psrc & 4) ? 3 : 0;
            js[1] = js[0] + 1;
            negs[0] = (psrc >> 1) & 1;
            negs[1] = psrc & 1;
            n = 2;
        }
        for (k = 0; k < n; k++) {
            TCGv_i64 v = dc->cmp_val[js[k]];

            if (!v) {
                continue;   /* checked in ct_cond_supported */
            }
            tcg_gen_extrl_i64_i32(t, v);
            tcg_gen_andi_i32(t, t, 1);
            tcg_gen_xori_i32(t, t, negs[k]);
            tcg_gen_or_i32(c, c, t);
        }
        break;
    }
    case 2: {
        TCGv_i32 v = dc->clp_val[(psrc >> 1) & 3];

        if (v) {
            tcg_gen_xori_i32(t, v, psrc & 1);
            tcg_gen_or_i32(c, c, t);
        }
        break;
    }
    default:
        break;
    }
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
            /* e2k_conds_supported() rejects the bundle before this */
            e2k_gen_call_helper((void *)helper_raise, NULL, 4,
                                tcg_temp(tcg_env),
                                tcg_temp(tcg_constant_i32(E2K_SIGILL)),
                                tcg_temp(tcg_constant_i32(E2K_ILL_ILLOPN)),
                                tcg_temp(tcg_constant_i64(dc->pc)));
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
    unsigned need;
    int i;

    if (!dc->b.pls_count) {
        return true;
    }
    need = pls_needed(&dc->b, ct_needs_clp(&dc->b));
    /* ELPs: PLS0 feeds lp0/lp1, PLS1 lp2/lp3 (PLS2 has none). */
    for (i = 0; i < dc->b.pls_count && i < 2; i++) {
        uint32_t pls = dc->b.pls[i];

        if (need & (1u << (2 * i))) {
            lp[2 * i] = gen_elp(dc, (pls >> 24) & 0x7f);
        }
        if (need & (1u << (2 * i + 1))) {
            lp[2 * i + 1] = gen_elp(dc, (pls >> 16) & 0x7f);
        }
    }
    for (i = 0; i < dc->b.pls_count; i++) {
        uint32_t clp = dc->b.pls[i] & 0xffff;
        int opc = (clp >> 14) & 3;
        int i0 = (clp >> 10) & 7, i1 = (clp >> 6) & 7;
        TCGv_i32 p0, p1, r;

        if (i0 >= 4 + i || i1 >= 4 + i || !lp[i0] || !lp[i1]) {
            /* only earlier results may be used; unused CLPs are fine */
            if (!(need & (1u << (4 + i)))) {
                continue;
            }
            return false;
        }
        p0 = tcg_temp_new_i32();
        p1 = tcg_temp_new_i32();
        r = tcg_temp_new_i32();
        tcg_gen_xori_i32(p0, lp[i0], (clp >> 13) & 1);
        tcg_gen_xori_i32(p1, lp[i1], (clp >> 9) & 1);
        if (dc->tags) {
            if (opc == 2) {
                return false;
            }
            /* movep's own result for a later CLP is its andp */
            r = gen_clp_tagged(opc == 3 ? 0 : opc, p0, p1, NULL);
            lp[4 + i] = r;
            dc->clp_val[i] = tcg_temp_new_i32();
            tcg_gen_andi_i32(dc->clp_val[i], r, 1);
            if (ct_needs_clp(&dc->b) & (1u << (4 + i))) {
                /* a branch on it: exc_diag_ct_cond when diagnostic,
                   checked before the stores */
                TCGv_i64 t = tcg_temp_new_i64();

                tcg_gen_extu_i32_i64(t, r);
                tcg_gen_andi_i64(t, t, 2);
                e2k_gen_check_tag(dc, t);
            }
            if (clp & 0x20) {
                TCGv_i64 v = tcg_temp_new_i64();
                Result *res = &dc->pres[dc->npres++];
                int pdst = clp & 0x1f;

                if (opc == 3) {
                    r = gen_clp_tagged(3, p0, p1,
                                       gen_pred_read_tagged(dc, pdst));
                }
                tcg_gen_extu_i32_i64(v, r);
                res->kind = RES_PRED;
                res->off = pdst;
                res->val = v;
                res->tag = v;       /* may be diagnostic */
                res->guard = NULL;
            }
            continue;
        }
        tcg_gen_and_i32(r, p0, p1);
        lp[4 + i] = r;
        dc->clp_val[i] = r;
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
