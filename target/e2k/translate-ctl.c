/*
 * e2k translator: the control unit.  CS0 (disp/ldisp/sdisp/return,
 * ibranch, pref), CS1 (setwd/setbn/setbp, call, wait, flushr), SS
 * (control-transfer condition, alc/abn/abp loop advances), and the TB
 * exits that perform the transfer.
 *
 * Chaining: an ibranch and the fall-through path use goto_tb slots
 * directly.  A ct through a %ctpr is dynamic, but the target is almost
 * always the value a disp put there; we compare the %ctpr with the value
 * it had when translating (or that a disp earlier in this TB gave it)
 * and chain to that target when it matches, otherwise look the target
 * up.  Calls and returns run in translated code in the common case
 * (gen_inline_call, gen_inline_return: window shift, chain-stack frame,
 * an inline jump-cache probe for the caller's TB) and through the
 * helpers otherwise.  Loops run inside their TB (loop_edge and the
 * e2k_loop_* functions: copies of a one-bundle body per BR, a shortcut
 * translation for the middle trips of a loop-mode loop, and the
 * exit-request test at the TB and loop head).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "qemu/log.h"
#include "target/e2k/translate.h"

/* SS fields */
#define SS_PSRC(ss)   ((ss) & 0x1f)
#define SS_CTCOND(ss) (((ss) >> 5) & 0xf)
#define SS_CTOP(ss)   (((ss) >> 10) & 3)
#define SS_ALCT(ss)   (((ss) >> 16) & 1)
#define SS_ALCF(ss)   (((ss) >> 17) & 1)
#define SS_ABPT(ss)   (((ss) >> 18) & 1)
#define SS_ABPF(ss)   (((ss) >> 19) & 1)
#define SS_ABNT(ss)   (((ss) >> 21) & 1)
#define SS_ABNF(ss)   (((ss) >> 22) & 1)
#define SS_ABG(ss)    (((ss) >> 23) & 3)
#define SS_VFDI(ss)   (((ss) >> 26) & 1)

enum { CS1_SETR0, CS1_SETR1, CS1_SETEI, CS1_WAIT, CS1_SETBR, CS1_CALL,
       CS1_MAS, CS1_FLUSH, CS1_BG };

/* What this bundle's control unit does, decoded in the read phase. */
typedef struct CtlInfo {
    int ctop;               /* 1..3: %ctpr of ct/call, 0 none */
    bool ibranch;
    uint64_t ibranch_target;
    bool call;
    int wbs;                /* registers */
    bool setwd;
    int wsz, nfx, dbl;
    bool setbn, setbp;
    uint32_t cs1;
    bool flushr;
    TCGv_i64 ctpr_val;      /* %ctpr value used by ct (as at bundle start) */
    uint64_t ctpr_checked;  /* what gen_ctpr_bundle_check found in it, or 0 */
} CtlInfo;

static CtlInfo ctl;          /* translation runs under one lock */

void e2k_gen_store_br(DisasContext *dc)
{
    if (dc->br_dirty) {
        tcg_gen_st_i32(tcg_constant_i32(dc->br), tcg_env,
                       offsetof(CPUE2KState, br));
    }
}

static void set_br(DisasContext *dc, uint32_t br)
{
    if (br != dc->br) {
        dc->br = br;
        dc->br_dirty = true;
        e2k_gen_store_br(dc);
    }
}

/* Does this bundle change what the code at the start of the TB takes
   for granted (window and its pointer, BR, BGR, state registers)? */
static bool bundle_breaks_loop(DisasContext *dc)
{
    uint32_t ss = dc->b.has_ss ? dc->b.ss : 0;
    int i;

    if (ctl.call || ctl.setwd || ctl.setbn || ctl.setbp || ctl.flushr ||
        SS_ABG(ss)) {
        return true;
    }
    for (i = 0; i < 6; i++) {
        if (dc->res[i].kind == RES_SREG) {
            return true;
        }
    }
    return false;
}

bool e2k_bundle_keeps_state(DisasContext *dc, const E2KOpDesc *const ops[6])
{
    uint32_t ss = dc->b.has_ss ? dc->b.ss : 0;
    int i;

    if (ctl.call || ctl.setwd || ctl.setbn || ctl.setbp || ctl.flushr ||
        SS_ABG(ss)) {
        return false;
    }
    for (i = 0; i < 6; i++) {
        if (ops[i] && (ops[i]->id == E2K_OP_RWS || ops[i]->id == E2K_OP_RWD)) {
            return false;
        }
    }
    return true;
}

/* Loops inside a TB.  A branch back to the start of the TB with the BR
   the TB started with becomes a branch inside it: no exit, chaining or
   reload of the window pointer per trip.  A loop body of one wide
   instruction whose BR rotates gets a copy of the bundle for each BR it
   steps through (BR is fixed per copy, so %b[] and the rotating
   predicates stay translation-time offsets), the taken edge of each copy
   leading to the next.  Bundles that change the window, BR or BGR
   otherwise end the chance: such loops keep the plain TB-per-BR scheme. */
/* The back edge to copy @i: a middle trip (the copies are of this same
   bundle, so the copy has the same test) goes past its LSR.pcnt test. */
static void loop_edge_to(DisasContext *dc, int i)
{
    tcg_gen_br(dc->lsr_steady ? dc->copy_steady[i] : dc->copy_label[i]);
}

static bool loop_edge(DisasContext *dc, uint64_t pc)
{
    int i;

    if (!dc->loop_copies_ok || pc != dc->tb->pc || bundle_breaks_loop(dc)) {
        return false;
    }
    /* back edges go to copies 1.. (entered only from a back edge, see
       back_edge_only) and to copy 0 only when no more copies fit or the
       body has more than one bundle */
    for (i = 1; i < dc->ncopies; i++) {
        if (dc->copy_br[i] == dc->br) {
            loop_edge_to(dc, i);
            return true;
        }
    }
    if (dc->pc != dc->tb->pc || dc->ncopies == E2K_LOOP_COPIES ||
        tcg_op_buf_full()) {
        /* copies are of the first bundle only */
        if (dc->copy_br[0] == dc->br) {
            loop_edge_to(dc, 0);
            return true;
        }
        return false;
    }
    dc->copy_br[i] = dc->br;
    dc->copy_label[i] = gen_new_label();
    dc->copy_steady[i] = gen_new_label();
    dc->ncopies++;
    loop_edge_to(dc, i);
    return true;
}

/* A stop request (e2k_cpu_exit_request) is honoured at the start of
   every TB and once per turn of a loop inside one (at the head and the
   middle-trip entry of copy 0 and of its twin, the copy of the same BR
   that back edges lead to), so a guest
   spinning in a loop can always be stopped; the exit itself is out of
   line, at the end of the TB (e2k_loop_copies_end). */
static void gen_exit_request_test(DisasContext *dc)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_ld_i32(t, tcg_env, offsetof(CPUE2KState, exit_request));
    tcg_gen_brcondi_i32(TCG_COND_NE, t, 0, dc->exit_stub);
}

void e2k_loop_copies_begin(DisasContext *dc)
{
    if (dc->env->no_chain || dc->env->single_step || dc->spec_safe) {
        return;     /* every TB returns to the loop, which checks */
    }
    dc->loop_copies_ok = true;
    dc->ncopies = 1;
    dc->copy_br[0] = dc->br;
    dc->copy_label[0] = gen_new_label();
    dc->copy_steady[0] = gen_new_label();
    e2k_gen_loop_entry(dc);
    tcg_gen_set_label(dc->copy_label[0]);
    dc->exit_stub = gen_new_label();
    gen_exit_request_test(dc);
}

/*
 * Is the bundle being translated a copy that only the taken transfer
 * of an earlier trip of this loop reaches?  Copies 1.. are (copy 0 is
 * also the TB's entry).  What that transfer tested then still holds
 * now unless the trip between changed it: the %ctpr it went through
 * (a disp in the bundle would), and after an alc on the taken path
 * LSR.over is (lcnt == 0), i.e. 0 on a middle trip.
 */
static bool back_edge_only(DisasContext *dc)
{
    return dc->copy > 0 && dc->pc == dc->tb->pc;
}

void e2k_loop_copies_end(DisasContext *dc)
{
    if (dc->exit_stub) {
        tcg_gen_set_label(dc->exit_stub);
        tcg_gen_st_i64(tcg_constant_i64(dc->tb->pc), tcg_env,
                       offsetof(CPUE2KState, ip));
        tcg_gen_exit_tb(NULL, 0);
    }
}

/* A loop-mode trip with LSR.pcnt == 0 and LSR.lcnt >= 2 neither ends
   the loop nor suppresses stores, and its advance only counts lcnt down:
   such trips (nearly all of a long loop) get their own translation of
   the bundle without that bookkeeping; the others take the full one. */
void e2k_loop_bundle(DisasContext *dc, void (*translate)(DisasContext *dc))
{
    DisasContext full;
    TCGLabel *other;
    TCGv_i32 t;
    TCGv_i64 lcnt;
    int chan;

    if (!dc->loop_copies_ok || !dc->b.loop_mode || !dc->b.has_ss ||
        !SS_CTOP(dc->b.ss) || !(SS_ALCT(dc->b.ss) || SS_ALCF(dc->b.ss))) {
        /* (with a ct the bundle ends the TB, so the two translations
           need not meet again) */
        translate(dc);
        return;
    }
    for (chan = 0; chan < 6; chan++) {
        const E2KOpDesc *d = (dc->b.als_mask & (1 << chan)) ?
                             e2k_bundle_alu_op(&dc->b, chan, dc->isa) : NULL;

        if (d && (d->id == E2K_OP_RWS || d->id == E2K_OP_RWD)) {
            translate(dc);      /* it may write LSR itself */
            return;
        }
    }
    other = gen_new_label();
    t = tcg_temp_new_i32();
    tcg_gen_ld_i32(t, tcg_env, offsetof(CPUE2KState, lsr_pcnt));
    tcg_gen_brcondi_i32(TCG_COND_NE, t, 0, other);
    tcg_gen_set_label(dc->copy_steady[dc->copy]);
    if (dc->copy_br[dc->copy] == dc->copy_br[0]) {
        /* middle trips come here, past the copy's head */
        gen_exit_request_test(dc);
    }
    lcnt = e2k_rcache_env32(dc, offsetof(CPUE2KState, lsr_lcnt), true);
    if (lcnt) {
        tcg_gen_brcondi_i64(TCG_COND_LTU, lcnt, 2, other);
    } else {
        t = tcg_temp_new_i32(); /* (one temp across the label would
                                   live in the frame) */
        tcg_gen_ld_i32(t, tcg_env, offsetof(CPUE2KState, lsr_lcnt));
        tcg_gen_brcondi_i32(TCG_COND_LTU, t, 2, other);
    }

    e2k_tag_zero_forget(dc);
    full = *dc;
    dc->lsr_steady = true;
    translate(dc);
    /* the full translation starts from the same context; what the
       first one allocated for the whole TB stays */
    full.ncopies = dc->ncopies;
    memcpy(full.copy_br, dc->copy_br, sizeof(full.copy_br));
    memcpy(full.copy_label, dc->copy_label, sizeof(full.copy_label));
    memcpy(full.copy_steady, dc->copy_steady, sizeof(full.copy_steady));
    full.slot1_used = dc->slot1_used;
    *dc = full;
    tcg_gen_set_label(other);
    translate(dc);
    e2k_tag_zero_forget(dc);
}

void e2k_loop_copies_emit(DisasContext *dc, bool sm,
                          void (*translate)(DisasContext *dc))
{
    int i;

    for (i = 1; i < dc->ncopies; i++) {
        tcg_gen_set_label(dc->copy_label[i]);
        e2k_tag_zero_forget(dc);
        dc->copy = i;
        dc->br = dc->copy_br[i];
        dc->br_dirty = false;       /* stored by the edge that led here */
        dc->ended = false;
        if (dc->copy_br[i] == dc->copy_br[0]) {
            gen_exit_request_test(dc);
        }
        tcg_gen_insn_start2(dc->pc, sm);
        e2k_loop_bundle(dc, translate);
    }
}

void e2k_gen_goto_pc(DisasContext *dc, int slot, uint64_t pc)
{
    if (slot == 1 && loop_edge(dc, pc)) {
        return;
    }
    if (slot == 1 ? dc->slot1_used : (dc->copy > 0 || dc->lsr_steady)) {
        /* a goto_tb slot chains one exit to the TB of one BR: the first
           exit through slot 1, and the slot-0 exit of the first copy's
           full translation, have them; the others look theirs up */
        tcg_gen_st_i64(tcg_constant_i64(pc), tcg_env,
                       offsetof(CPUE2KState, ip));
        tcg_gen_lookup_and_goto_ptr();
        return;
    }
    if (slot == 1) {
        dc->slot1_used = true;
    }
    if (!dc->env->no_chain) {
        tcg_gen_goto_tb(slot);
        tcg_gen_st_i64(tcg_constant_i64(pc), tcg_env,
                       offsetof(CPUE2KState, ip));
        tcg_gen_exit_tb(dc->tb, slot);
    } else {
        tcg_gen_st_i64(tcg_constant_i64(pc), tcg_env,
                       offsetof(CPUE2KState, ip));
        tcg_gen_exit_tb(NULL, 0);
    }
}

static uint64_t ctpr_make(int tag, uint64_t base)
{
    return (base & CTPR_BASE_MASK) | ((uint64_t)tag << CTPR_TAG_SHIFT);
}

/* BR after abn/abp rotation. */
static uint32_t br_rotate(uint32_t br, bool abn, bool abp)
{
    if (abn) {
        int rsz = (br >> BR_RSZ_SHIFT) & 0x3f;
        int rcur = (br >> BR_RCUR_SHIFT) & 0x3f;

        rcur = (rcur + rsz) % (rsz + 1);     /* one quad down, wrapping */
        br = (br & ~(0x3fu << BR_RCUR_SHIFT)) | (rcur << BR_RCUR_SHIFT);
    }
    if (abp) {
        int psz = (br >> BR_PSZ_SHIFT) & 0x1f;
        int pcur = (br >> BR_PCUR_SHIFT) & 0x1f;

        pcur = (pcur + psz) % (psz + 1);
        br = (br & ~(0x1fu << BR_PCUR_SHIFT)) | (pcur << BR_PCUR_SHIFT);
    }
    return br;
}

/*
 * abg (SS.abg: bit 0 abgd, bit 1 abgi): rotate the global registers
 * %g24..%g31 by one, BGR.cur - 1 or + 1 (mod 8), at the end of the wide
 * instruction, whether or not its transfer is taken.  It also sets
 * E2K_TBFLAG_BGR_ROT in env->tbflags_extra, and that flag stays set, so
 * every exit of this TB leaves the same flags (chaining stays valid):
 * the TBs after it resolve %g24..%g31 at run time.
 */
static void gen_abg(DisasContext *dc, int abg)
{
    int delta = abg == 2 ? 1 : 7;
    TCGv_i32 bgr = tcg_temp_new_i32(), cur = tcg_temp_new_i32();
    TCGv_i32 fl = tcg_temp_new_i32();

    tcg_gen_ld_i32(bgr, tcg_env, offsetof(CPUE2KState, bgr));
    if (dc->bgr_cur >= 0) {
        dc->bgr_cur = (dc->bgr_cur + delta) & 7;
        tcg_gen_movi_i32(cur, dc->bgr_cur << BGR_CUR_SHIFT);
    } else {
        tcg_gen_shri_i32(cur, bgr, BGR_CUR_SHIFT);
        tcg_gen_addi_i32(cur, cur, delta);
        tcg_gen_andi_i32(cur, cur, 7);
        tcg_gen_shli_i32(cur, cur, BGR_CUR_SHIFT);
    }
    tcg_gen_andi_i32(bgr, bgr, BGR_VAL_MASK);
    tcg_gen_or_i32(bgr, bgr, cur);
    tcg_gen_st_i32(bgr, tcg_env, offsetof(CPUE2KState, bgr));
    tcg_gen_ld_i32(fl, tcg_env, offsetof(CPUE2KState, tbflags_extra));
    tcg_gen_ori_i32(fl, fl, E2K_TBFLAG_BGR_ROT);
    tcg_gen_st_i32(fl, tcg_env, offsetof(CPUE2KState, tbflags_extra));
}

/* The condition of the control transfer, from SS.  NULL if the
   condition is not supported. */
bool e2k_guard_follows_ct(DisasContext *dc, int chan)
{
    uint8_t p[2];
    bool neg[2];
    int type = SS_CTCOND(dc->b.ss);

    return dc->b.has_ss && dc->ct_cond && !dc->ct_always &&
           (type == 2 || type == 3) &&
           e2k_bundle_chan_preds(&dc->b, chan, false, p, neg) == 1 &&
           (p[0] & 0x60) == 0x60 && (p[0] & 0x1f) == SS_PSRC(dc->b.ss);
}

static TCGv_i32 gen_ct_cond(DisasContext *dc, uint32_t ss, bool *always)
{
    int type = SS_CTCOND(ss);
    int psrc = SS_PSRC(ss);
    TCGv_i32 p = NULL, l = NULL, r;

    *always = false;
    switch (type) {
    case 1:
        *always = true;
        return tcg_constant_i32(1);
    case 2: case 3: case 6: case 7: case 0xe: case 0xf:
        p = e2k_gen_pred_read(dc, psrc);
        if (type == 3 || type == 7 || type == 0xe) {
            /* (a comparison, not a xor: the branch on it then tests the
               predicate's own value) */
            TCGv_i32 n = tcg_temp_new_i32();

            tcg_gen_setcondi_i32(TCG_COND_EQ, n, p, 0);
            p = n;
        }
        break;
    case 4: case 5:
        break;
    case 8: case 9:
        /* %MLOCK [|| %dt_al / %cmp / %clp]: results of this same wide
           instruction decide; translate-plu.c fills the condition once
           the ALU channels and the PLS ran */
        dc->ct_late = ss & 0x1ff;
        return tcg_temp_new_i32();
    default:
        return NULL;
    }
    if (type >= 4 && dc->lsr_steady) {
        /* a middle trip (pcnt == 0, lcnt >= 2): never the loop end, so
           the condition is known here, which spares a temp that would
           live across the bundle's labels and a branch on it */
        bool not_end = type == 5 || type == 7 || type == 0xf;

        switch (type) {
        case 4: case 5:
            *always = not_end;
            return tcg_constant_i32(not_end);
        case 6: case 0xe:
            return p;                   /* p || false */
        default:
            return p;                   /* p && true */
        }
    }
    if (type >= 4) {
        l = tcg_temp_new_i32();
        tcg_gen_mov_i32(l, e2k_gen_is_loop_end(dc));
        if (type == 5 || type == 7 || type == 0xf) {
            tcg_gen_xori_i32(l, l, 1);
        }
    }
    switch (type) {
    case 2: case 3:
        return p;
    case 4: case 5:
        return l;
    default: {
        /* combined with the loop condition; during the prologue
           (pcnt != 0) only the loop part counts */
        TCGv_i32 pcnt = tcg_temp_new_i32();

        r = tcg_temp_new_i32();
        if (type == 6 || type == 0xe) {
            tcg_gen_or_i32(r, p, l);
        } else {
            tcg_gen_and_i32(r, p, l);
        }
        tcg_gen_ld_i32(pcnt, tcg_env, offsetof(CPUE2KState, lsr_pcnt));
        tcg_gen_movcond_i32(TCG_COND_EQ, r, pcnt, tcg_constant_i32(0), r, l);
        return r;
    }
    }
}

static void gen_setwd_helper(DisasContext *dc, int size)
{
    e2k_gen_call_helper((void *)helper_setwd, NULL, 5, tcg_temp(tcg_env),
                        tcg_temp(tcg_constant_i32(size)),
                        tcg_temp(tcg_constant_i32(ctl.nfx)),
                        tcg_temp(tcg_constant_i32(ctl.dbl)),
                        tcg_temp(tcg_constant_i64(dc->pc)));
}

static void gen_ctpr_bundle_check(DisasContext *dc);

bool e2k_gen_ctl_read(DisasContext *dc)
{
    const E2KBundle *b = &dc->b;
    uint32_t ss = b->has_ss ? b->ss : 0;

    memset(&ctl, 0, sizeof(ctl));
    dc->ctl_ill_code = E2K_ILL_ILLOPC;
    if (ss & E2K_SS_TYPE1) {
        /* its fields (puttsd conditions, ...) have no public meaning */
        qemu_log_mask(LOG_UNIMP, "e2k: %#" PRIx64 ": SS format 1 is not "
                      "implemented\n", dc->pc);
        return false;
    }
    if (SS_ABG(ss) == 3 || SS_VFDI(ss)) {
        return false;           /* abgd and abgi at once; vfdi */
    }
    ctl.ctop = SS_CTOP(ss);

    if (b->has_cs1) {
        uint32_t cs1 = b->cs1;
        int opc = cs1 >> 28;

        ctl.cs1 = cs1;
        switch (opc) {
        case CS1_SETR0: case CS1_SETR1: case CS1_SETBR:
            if (opc != CS1_SETBR) {
                uint32_t lts0;

                if (b->lts_count < 1) {
                    return false;
                }
                lts0 = b->lts[0];
                ctl.setwd = true;
                ctl.wsz = (lts0 >> 5) & 0x7f;
                ctl.nfx = (lts0 >> 4) & 1;
                ctl.dbl = (lts0 >> 3) & 1;
            }
            ctl.setbn = (cs1 >> 26) & 1;
            ctl.setbp = (cs1 >> 27) & 1;
            break;
        case CS1_CALL:
            if (!ctl.ctop) {
                if (((cs1 >> 7) & 7) == 2) {
                    /* hcall: exc_priv_action in user mode */
                    dc->ctl_ill_code = E2K_ILL_PRVOPC;
                } else {
                    qemu_log_mask(LOG_UNIMP, "e2k: %#" PRIx64 ": icall is "
                                  "not implemented\n", dc->pc);
                }
                return false;
            }
            ctl.call = true;
            ctl.wbs = (cs1 & 0x7f) * 2;
            break;
        case CS1_FLUSH:
            ctl.flushr = cs1 & 1;
            break;
        case CS1_WAIT:
            /* ma_c, ld_c, st_c, all_c: earlier memory accesses complete
               before later ones; x86-64 needs a fence for store->load
               order, and other host threads may be watching */
            if (cs1 & 0x2d) {
                tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);
            }
            break;
        case CS1_SETEI: case CS1_MAS: case CS1_BG:
            break;
        default:
            return false;
        }
    }

    if (b->has_cs0) {
        uint32_t cs0 = b->cs0;
        int ctpr = cs0 >> 30;
        int opc = (cs0 >> 28) & 3;
        int64_t disp = (int64_t)((int32_t)(cs0 << 4) >> 4) * 8;

        if (ctpr) {
            switch (opc) {
            case 0: /* disp */
            case 1: /* ldisp */
                if (opc == 1 && ctpr != 2) {
                    return false;
                }
                dc->ctpr_new[ctpr - 1] =
                    tcg_constant_i64(ctpr_make(CTPR_TAG_DISP, dc->pc + disp));
                break;
            case 2: /* sdisp */
                dc->ctpr_new[ctpr - 1] = tcg_constant_i64(
                    ctpr_make(CTPR_TAG_SDISP, (uint64_t)(cs0 & 0x0fffffff)
                              << 11));
                break;
            case 3:
                if ((cs0 & 7) == 0 && ctpr == 3) {      /* return */
                    /* %ctpr3 = the return ip in the chain stack's top
                       frame (CR0.hi), tagged as a return target */
                    TCGv_i64 v = tcg_temp_new_i64();
                    TCGv_i64 ind = tcg_temp_new_i64();
                    TCGv_i64 a = tcg_temp_new_i64();

                    tcg_gen_ld_i64(ind, tcg_env,
                                   offsetof(CPUE2KState, pcsp_ind));
                    tcg_gen_ld_i64(a, tcg_env,
                                   offsetof(CPUE2KState, pcsp_base));
                    tcg_gen_add_i64(a, a, ind);
                    tcg_gen_addi_i64(a, a, 8);
                    tcg_gen_qemu_ld_i64(v, a, MO_LEUQ);
                    tcg_gen_andi_i64(v, v, CTPR_BASE_MASK & ~7ULL);
                    tcg_gen_ori_i64(v, v, (uint64_t)CTPR_TAG_RETURN <<
                                    CTPR_TAG_SHIFT);
                    /* nothing to return to: an empty %ctpr3 */
                    tcg_gen_movcond_i64(TCG_COND_LTU, v, ind,
                                        tcg_constant_i64(E2K_CRS_SIZE),
                                        tcg_constant_i64(0), v);
                    dc->ctpr_new[2] = v;
                } else {
                    /* gettsd: the protected-mode stack descriptor */
                    qemu_log_mask(LOG_UNIMP, "e2k: %#" PRIx64 ": gettsd is "
                                  "not implemented\n", dc->pc);
                    return false;
                }
                break;
            }
        } else {
            switch (opc) {
            case 0: /* ibranch */
                if (ctl.ctop || ctl.call) {
                    return false;
                }
                ctl.ibranch = true;
                ctl.ibranch_target = dc->pc + disp;
                break;
            case 1: /* pref */
                break;
            default:
                /* puttsd (2), done/iret/hret/glaunch (3): privileged,
                   exc_priv_action in user mode */
                dc->ctl_ill_code = E2K_ILL_PRVOPC;
                return false;
            }
        }
    }

    if (ctl.ctop || ctl.ibranch) {
        if (!b->has_ss || SS_CTCOND(ss) == 0) {
            /* no condition: no transfer */
            ctl.ctop = 0;
            ctl.ibranch = false;
            ctl.call = false;
        } else {
            if (ctl.ctop) {
                gen_ctpr_bundle_check(dc);  /* before any temp is live */
            }
            dc->ct_cond = gen_ct_cond(dc, ss, &dc->ct_always);
            if (!dc->ct_cond) {
                return false;
            }
        }
    }
    if (ctl.setwd) {
        /* The new window size is checked (SIGILL below the parameter
           area) before anything of this wide instruction commits; its
           results may already go to the registers it adds.  Inline when
           the size is legal and the window fits the register cache;
           the helper raises SIGILL or spills. */
        int size = ctl.wsz * 2;

        if (size == 0 || size > E2K_MAX_WINDOW) {
            gen_setwd_helper(dc, size);
        } else {
            TCGLabel *slow = gen_new_label(), *done = gen_new_label();
            TCGv_i32 t = tcg_temp_new_i32();

            tcg_gen_ld_i32(t, tcg_env, offsetof(CPUE2KState, wd_psize));
            tcg_gen_brcondi_i32(TCG_COND_GTU, t, size, slow);
            tcg_gen_ld_i32(t, tcg_env, offsetof(CPUE2KState, wd_base));
            tcg_gen_brcondi_i32(TCG_COND_GTU, t,
                                E2K_RF_REGS - E2K_MAX_WINDOW, slow);
            tcg_gen_st_i32(tcg_constant_i32(size), tcg_env,
                           offsetof(CPUE2KState, wd_size));
            tcg_gen_st_i32(tcg_constant_i32(!ctl.nfx), tcg_env,
                           offsetof(CPUE2KState, wd_fx));
            tcg_gen_st_i32(tcg_constant_i32(ctl.dbl), tcg_env,
                           offsetof(CPUE2KState, wdbl));
            tcg_gen_br(done);
            tcg_gen_set_label(slow);
            gen_setwd_helper(dc, size);
            tcg_gen_set_label(done);
        }
    }
    if (ctl.ctop) {
        ctl.ctpr_val = tcg_temp_new_i64();
        tcg_gen_ld_i64(ctl.ctpr_val, tcg_env,
                       offsetof(CPUE2KState, ctpr) + 8 * (ctl.ctop - 1));
    }
    return true;
}

#define LCNT_OFF offsetof(CPUE2KState, lsr_lcnt)

/* LSR advance for alc: pcnt, lcnt count down (saturating); once lcnt
   is zero with a valid count, the epilogue counter counts down. */
static void gen_advance_loop(DisasContext *dc)
{
    TCGv_i32 pcnt = tcg_temp_new_i32(), lcnt = tcg_temp_new_i32();
    TCGv_i32 ecnt = tcg_temp_new_i32(), vlc = tcg_temp_new_i32();
    TCGv_i32 t = tcg_temp_new_i32(), z = tcg_constant_i32(0);
    TCGv_i32 over = tcg_temp_new_i32();

    if (dc->lsr_steady) {
        /* pcnt stays 0, lcnt >= 2 goes down by one (so not over), ecnt
           does not move */
        TCGv_i64 c = e2k_rcache_env32(dc, LCNT_OFF, false);

        if (c) {
            /* (in place, the pinned register; no wrap from >= 2) */
            tcg_gen_subi_i64(c, c, 1);
            tcg_gen_st32_i64(c, tcg_env, LCNT_OFF);
        } else {
            tcg_gen_ld_i32(lcnt, tcg_env, LCNT_OFF);
            tcg_gen_subi_i32(lcnt, lcnt, 1);
            tcg_gen_st_i32(lcnt, tcg_env, LCNT_OFF);
        }
        if (!(back_edge_only(dc) && SS_ALCT(dc->b.ss))) {
            tcg_gen_st_i32(tcg_constant_i32(0), tcg_env,
                           offsetof(CPUE2KState, lsr_over));
        }
        return;
    }

    tcg_gen_ld_i32(pcnt, tcg_env, offsetof(CPUE2KState, lsr_pcnt));
    tcg_gen_subi_i32(t, pcnt, 1);
    tcg_gen_movcond_i32(TCG_COND_EQ, pcnt, pcnt, z, pcnt, t);
    tcg_gen_st_i32(pcnt, tcg_env, offsetof(CPUE2KState, lsr_pcnt));

    tcg_gen_ld_i32(lcnt, tcg_env, offsetof(CPUE2KState, lsr_lcnt));
    tcg_gen_subi_i32(t, lcnt, 1);
    tcg_gen_movcond_i32(TCG_COND_EQ, lcnt, lcnt, z, lcnt, t);
    if (e2k_rcache_env32(dc, LCNT_OFF, false)) {
        TCGv_i64 l = tcg_temp_new_i64();

        tcg_gen_extu_i32_i64(l, lcnt);
        e2k_gen_st_env32(dc, LCNT_OFF, l);
    } else {
        tcg_gen_st_i32(lcnt, tcg_env, LCNT_OFF);
    }
    tcg_gen_setcondi_i32(TCG_COND_EQ, over, lcnt, 0);
    tcg_gen_st_i32(over, tcg_env, offsetof(CPUE2KState, lsr_over));

    tcg_gen_ld_i32(vlc, tcg_env, offsetof(CPUE2KState, lsr_vlc));
    tcg_gen_and_i32(over, over, vlc);
    tcg_gen_ld_i32(ecnt, tcg_env, offsetof(CPUE2KState, lsr_ecnt));
    tcg_gen_subi_i32(t, ecnt, 1);
    tcg_gen_movcond_i32(TCG_COND_EQ, t, ecnt, z, ecnt, t);
    tcg_gen_movcond_i32(TCG_COND_NE, ecnt, over, z, t, ecnt);
    tcg_gen_st_i32(ecnt, tcg_env, offsetof(CPUE2KState, lsr_ecnt));
}

static void gen_ctprs_commit(DisasContext *dc)
{
    int i;

    for (i = 0; i < 3; i++) {
        if (dc->ctpr_new[i]) {
            tcg_gen_st_i64(dc->ctpr_new[i], tcg_env,
                           offsetof(CPUE2KState, ctpr) + 8 * i);
        }
    }
}

#define ENV_OFF(f) offsetof(CPUE2KState, f)

static TCGv_i64 gen_ld_env32(intptr_t off)
{
    TCGv_i64 v = tcg_temp_new_i64();

    tcg_gen_ld32u_i64(v, tcg_env, off);
    return v;
}

static TCGv_i64 gen_ld_env64(intptr_t off)
{
    TCGv_i64 v = tcg_temp_new_i64();

    tcg_gen_ld_i64(v, tcg_env, off);
    return v;
}

static void gen_ctprs_reset(DisasContext *dc)
{
    int i;

    /* a call or return empties the %ctprs; a disp in the same wide
       instruction still wins */
    for (i = 0; i < 3; i++) {
        tcg_gen_st_i64(dc->ctpr_new[i] ? dc->ctpr_new[i]
                                       : tcg_constant_i64(0),
                       tcg_env, ENV_OFF(ctpr) + 8 * i);
    }
}

/* v |= (x & (2^len - 1)) << shift, for a field of v known to be 0 */
static void gen_or_field(TCGv_i64 v, TCGv_i64 x, int shift, int len)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_andi_i64(t, x, (1ULL << len) - 1);
    tcg_gen_shli_i64(t, t, shift);
    tcg_gen_or_i64(v, v, t);
}

/* Move the window pointer by @wbs registers (negative: down). */
static void gen_wptr_shift(TCGv_i64 wbs_regs, bool down)
{
    TCGv_ptr w = tcg_temp_new_ptr();
    TCGv_i64 bytes = tcg_temp_new_i64();
    TCGv_ptr b = tcg_temp_new_ptr();

    tcg_gen_muli_i64(bytes, wbs_regs, sizeof(E2KReg));
    if (down) {
        tcg_gen_neg_i64(bytes, bytes);
    }
    tcg_gen_ext_i64_ptr(b, bytes);
    tcg_gen_ld_ptr(w, tcg_env, ENV_OFF(wptr));
    tcg_gen_add_ptr(w, w, b);
    tcg_gen_st_ptr(w, tcg_env, ENV_OFF(wptr));
}

/*
 * A call to a known callee without anything unusual (the window holds
 * wbs, the chain stack has room, the register cache needs no spill)
 * done in translated code: push the chain-stack frame as helper_call
 * does and chain to the callee.  Anything else branches to @slow, where
 * the helper does the whole job.
 */
static void gen_inline_call(DisasContext *dc, uint64_t target,
                            TCGLabel *slow)
{
    TCGv_i64 t = tcg_temp_new_i64(), frame = tcg_temp_new_i64();
    TCGv_i64 ind = gen_ld_env64(ENV_OFF(pcsp_ind));
    TCGv_i64 base = gen_ld_env32(ENV_OFF(wd_base));
    TCGv_i64 size = gen_ld_env32(ENV_OFF(wd_size));
    TCGv_i64 v = tcg_temp_new_i64();

    if (dc->ct_late) {
        /* (otherwise e2k_gen_transfer_checks made sure of these two) */
        tcg_gen_brcondi_i64(TCG_COND_LTU, size, ctl.wbs, slow);
        tcg_gen_addi_i64(t, ind, 2 * E2K_CRS_SIZE);
        tcg_gen_brcond_i64(TCG_COND_GTU, t,
                           gen_ld_env64(ENV_OFF(pcsp_size)), slow);
    }
    tcg_gen_brcondi_i64(TCG_COND_GTU, base,
                        E2K_RF_REGS - E2K_MAX_WINDOW - ctl.wbs, slow);

    /* the frame: predicates, return ip, CR1.lo, CR1.hi */
    tcg_gen_addi_i64(ind, ind, E2K_CRS_SIZE);
    tcg_gen_add_i64(frame, gen_ld_env64(ENV_OFF(pcsp_base)), ind);
    tcg_gen_qemu_st_i64(gen_ld_env64(ENV_OFF(pf)), frame, MO_LEUQ);
    tcg_gen_addi_i64(t, frame, 8);
    tcg_gen_qemu_st_i64(tcg_constant_i64(dc->next_pc), t, MO_LEUQ);

    tcg_gen_shri_i64(v, gen_ld_env32(ENV_OFF(wd_psize)), 1);
    tcg_gen_shli_i64(v, v, CR1_LO_WPSZ_SHIFT);
    tcg_gen_ori_i64(v, v, (uint64_t)(ctl.wbs / 2) << CR1_LO_WBS_SHIFT);
    gen_or_field(v, gen_ld_env32(ENV_OFF(wd_fx)), CR1_LO_WFX_BIT, 1);
    gen_or_field(v, gen_ld_env64(ENV_OFF(psr)), CR1_LO_PSR_SHIFT, 7);
    tcg_gen_addi_i64(t, frame, 16);
    tcg_gen_qemu_st_i64(v, t, MO_LEUQ);

    v = tcg_temp_new_i64();
    tcg_gen_shri_i64(v, gen_ld_env64(ENV_OFF(usd_hi)), 36);
    tcg_gen_shli_i64(v, v, CR1_HI_USSZ_SHIFT);
    tcg_gen_ori_i64(v, v, dc->br & BR_MASK);
    gen_or_field(v, gen_ld_env32(ENV_OFF(wdbl)), CR1_HI_WDBL_BIT, 1);
    tcg_gen_addi_i64(t, frame, 24);
    tcg_gen_qemu_st_i64(v, t, MO_LEUQ);

    /* the callee's window */
    tcg_gen_st_i64(ind, tcg_env, ENV_OFF(pcsp_ind));
    tcg_gen_addi_i64(base, base, ctl.wbs);
    tcg_gen_st32_i64(base, tcg_env, ENV_OFF(wd_base));
    tcg_gen_subi_i64(size, size, ctl.wbs);
    tcg_gen_st32_i64(size, tcg_env, ENV_OFF(wd_size));
    tcg_gen_st32_i64(size, tcg_env, ENV_OFF(wd_psize));
    tcg_gen_st32_i64(tcg_constant_i64(1), tcg_env, ENV_OFF(wd_fx));
    gen_wptr_shift(tcg_constant_i64(ctl.wbs), false);
    gen_ctprs_reset(dc);
    e2k_gen_goto_pc(dc, 1, target);
}

/*
 * Jump to the TB for env->ip = @ip and the flags (BR @br and the extra
 * flags in env) through the jump cache, as e2k_next_tb_ptr would, without
 * the call: a miss, an invalidated TB or an exit request take the lookup.
 */
static void gen_goto_cached_tb(TCGv_i64 ip, TCGv_i64 br)
{
    TCGLabel *miss = gen_new_label();
    TCGv_i64 t = tcg_temp_new_i64(), tb = tcg_temp_new_i64();
    TCGv_ptr p = tcg_temp_new_ptr(), code = tcg_temp_new_ptr();

    tcg_gen_ld32u_i64(t, tcg_env, ENV_OFF(exit_request));
    tcg_gen_brcondi_i64(TCG_COND_NE, t, 0, miss);
    tcg_gen_ld_i64(tb, tcg_env, ENV_OFF(tb_jmp_cache));
    tcg_gen_brcondi_i64(TCG_COND_EQ, tb, 0, miss);
    tcg_gen_shri_i64(t, ip, 3);
    tcg_gen_andi_i64(t, t, TB_JMP_CACHE_SIZE - 1);
    tcg_gen_shli_i64(t, t, 3);
    tcg_gen_add_i64(tb, tb, t);
    tcg_gen_ext_i64_ptr(p, tb);
    tcg_gen_ld_i64(tb, p, 0);
    tcg_gen_brcondi_i64(TCG_COND_EQ, tb, 0, miss);
    tcg_gen_ext_i64_ptr(p, tb);
    tcg_gen_ld_i64(t, p, offsetof(TranslationBlock, pc));
    tcg_gen_brcond_i64(TCG_COND_NE, t, ip, miss);
    tcg_gen_ld32u_i64(t, p, offsetof(TranslationBlock, invalid));
    tcg_gen_brcondi_i64(TCG_COND_NE, t, 0, miss);
    tcg_gen_ld32u_i64(t, tcg_env, ENV_OFF(tbflags_extra));
    tcg_gen_or_i64(t, t, br);
    tcg_gen_ld32u_i64(tb, p, offsetof(TranslationBlock, flags));
    tcg_gen_brcond_i64(TCG_COND_NE, t, tb, miss);
    tcg_gen_ld_ptr(code, p, offsetof(TranslationBlock, tc.ptr));
    tcg_gen_goto_ptr(code);
    tcg_gen_set_label(miss);
    tcg_gen_lookup_and_goto_ptr();
}

/* e2k_restore_usd in translated code: the caller's user stack back. */
static void gen_restore_usd(TCGv_i64 cr1_hi)
{
    TCGv_i64 size = tcg_temp_new_i64(), lo = tcg_temp_new_i64();
    TCGv_i64 hi = gen_ld_env64(ENV_OFF(usd_hi));
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_extract_i64(size, cr1_hi, CR1_HI_USSZ_SHIFT, 28);
    tcg_gen_shli_i64(size, size, 4);
    tcg_gen_mov_i64(lo, gen_ld_env64(ENV_OFF(usd_lo)));
    /* base += size - old size, within the base field */
    tcg_gen_shri_i64(t, hi, 32);
    tcg_gen_sub_i64(t, size, t);
    tcg_gen_add_i64(t, lo, t);
    tcg_gen_andi_i64(t, t, CTPR_BASE_MASK);
    tcg_gen_andi_i64(lo, lo, ~CTPR_BASE_MASK);
    tcg_gen_or_i64(lo, lo, t);
    tcg_gen_st_i64(lo, tcg_env, ENV_OFF(usd_lo));
    tcg_gen_deposit_i64(hi, hi, size, 32, 32);
    tcg_gen_st_i64(hi, tcg_env, ENV_OFF(usd_hi));
}

/*
 * `ct %ctpr3' holding a return target, in translated code: pop the
 * chain-stack frame as helper_return does and look the caller's TB up.
 * A frame whose window is not in the register cache (a fill), an empty
 * chain stack or another %ctpr3 go to @slow.
 */
static void gen_inline_return(DisasContext *dc, TCGLabel *slow)
{
    TCGv_i64 t = tcg_temp_new_i64(), frame = tcg_temp_new_i64();
    TCGv_i64 ind = gen_ld_env64(ENV_OFF(pcsp_ind));
    TCGv_i64 base = gen_ld_env32(ENV_OFF(wd_base));
    TCGv_i64 cr0_lo = tcg_temp_new_i64(), cr0_hi = tcg_temp_new_i64();
    TCGv_i64 cr1_lo = tcg_temp_new_i64(), cr1_hi = tcg_temp_new_i64();
    TCGv_i64 wbs = tcg_temp_new_i64(), v = tcg_temp_new_i64();

    tcg_gen_shri_i64(t, ctl.ctpr_val, CTPR_TAG_SHIFT);
    tcg_gen_andi_i64(t, t, 7);
    tcg_gen_brcondi_i64(TCG_COND_NE, t, CTPR_TAG_RETURN, slow);
    tcg_gen_brcondi_i64(TCG_COND_LTU, ind, E2K_CRS_SIZE, slow);

    tcg_gen_add_i64(frame, gen_ld_env64(ENV_OFF(pcsp_base)), ind);
    tcg_gen_qemu_ld_i64(cr0_lo, frame, MO_LEUQ);
    tcg_gen_addi_i64(t, frame, 8);
    tcg_gen_qemu_ld_i64(cr0_hi, t, MO_LEUQ);
    tcg_gen_addi_i64(t, frame, 16);
    tcg_gen_qemu_ld_i64(cr1_lo, t, MO_LEUQ);
    tcg_gen_addi_i64(t, frame, 24);
    tcg_gen_qemu_ld_i64(cr1_hi, t, MO_LEUQ);
    tcg_gen_extract_i64(wbs, cr1_lo, CR1_LO_WBS_SHIFT, 7);
    tcg_gen_shli_i64(wbs, wbs, 1);
    tcg_gen_brcond_i64(TCG_COND_LTU, base, wbs, slow);

    tcg_gen_subi_i64(ind, ind, E2K_CRS_SIZE);
    tcg_gen_st_i64(ind, tcg_env, ENV_OFF(pcsp_ind));
    tcg_gen_sub_i64(base, base, wbs);
    tcg_gen_st32_i64(base, tcg_env, ENV_OFF(wd_base));
    tcg_gen_add_i64(v, gen_ld_env32(ENV_OFF(wd_psize)), wbs);
    tcg_gen_st32_i64(v, tcg_env, ENV_OFF(wd_size));
    v = tcg_temp_new_i64();
    tcg_gen_extract_i64(v, cr1_lo, CR1_LO_WPSZ_SHIFT, 7);
    tcg_gen_shli_i64(v, v, 1);
    tcg_gen_st32_i64(v, tcg_env, ENV_OFF(wd_psize));
    v = tcg_temp_new_i64();
    tcg_gen_extract_i64(v, cr1_lo, CR1_LO_WFX_BIT, 1);
    tcg_gen_st32_i64(v, tcg_env, ENV_OFF(wd_fx));
    v = tcg_temp_new_i64();
    tcg_gen_extract_i64(v, cr1_hi, CR1_HI_WDBL_BIT, 1);
    tcg_gen_st32_i64(v, tcg_env, ENV_OFF(wdbl));
    gen_restore_usd(cr1_hi);
    tcg_gen_extract_i64(cr1_hi, cr1_hi, CR1_HI_BR_SHIFT, 28);
    tcg_gen_st32_i64(cr1_hi, tcg_env, ENV_OFF(br));
    tcg_gen_st_i64(cr0_lo, tcg_env, ENV_OFF(pf));
    gen_wptr_shift(wbs, true);
    gen_ctprs_reset(dc);
    tcg_gen_andi_i64(cr0_hi, cr0_hi, ~7ULL);
    tcg_gen_st_i64(cr0_hi, tcg_env, ENV_OFF(ip));
    if (dc->env->no_chain || dc->env->single_step) {
        tcg_gen_exit_tb(NULL, 0);
    } else {
        gen_goto_cached_tb(cr0_hi, cr1_hi);
    }
}

/* What %ctpr @k most likely holds at run time: what a disp earlier in
   this TB put there, else what it held when translating. */
static uint64_t ctpr_expected(DisasContext *dc, int k)
{
    return dc->ctpr_known[k] ? dc->ctpr_known[k] : dc->env->ctpr[k];
}

/* Whether the ct of this wide instruction through %ctpr @k is known to
   find there the disp target @expect, so that the transfer need not
   compare: the trip that led here went through it, or the TB's entry
   found it there (e2k_gen_loop_entry: no wide instruction before this
   one has a disp, rws or rwd), and nothing changed it since. */
static bool ctpr_proven(DisasContext *dc, int k, uint64_t expect)
{
    return ctpr_tag(expect) == CTPR_TAG_DISP &&
           (back_edge_only(dc) ||
            (dc->ctpr_entry == k + 1 && dc->loop_copies_ok)) &&
           (expect & CTPR_BASE_MASK) == dc->tb->pc && !dc->ctpr_new[k];
}

/* A return: the caller's window must be in the register cache or come
   back from the procedure stack (helper_return's fill); test that
   before the stores as well.  The common case is a window still in the
   cache (WD.base >= the frame's wbs); helper_return_check decides the
   rest. */
static void gen_return_fill_check(DisasContext *dc, TCGLabel *fine)
{
    TCGv_i64 a = tcg_temp_new_i64(), wbs = tcg_temp_new_i64();

    tcg_gen_ld_i64(a, tcg_env, offsetof(CPUE2KState, pcsp_base));
    tcg_gen_add_i64(a, a, gen_ld_env64(ENV_OFF(pcsp_ind)));
    tcg_gen_addi_i64(a, a, 16);
    tcg_gen_qemu_ld_i64(wbs, a, MO_LEUQ);           /* the frame's CR1.lo */
    tcg_gen_extract_i64(wbs, wbs, CR1_LO_WBS_SHIFT, 7);
    tcg_gen_shli_i64(wbs, wbs, 1);
    tcg_gen_brcond_i64(TCG_COND_GEU, gen_ld_env32(ENV_OFF(wd_base)), wbs,
                       fine);
    e2k_gen_store_br(dc);
    e2k_gen_call_helper((void *)helper_return_check, NULL, 2,
                        tcg_temp(tcg_env),
                        tcg_temp(tcg_constant_i64(dc->pc)));
    tcg_gen_br(fine);
}

/* A ct through a %ctpr that held no disp target when translating (a
   return, mostly): its faults, as helper_ct_check raises them. */
static void gen_ct_checks(DisasContext *dc, TCGLabel *fine, TCGLabel *fault)
{
    int k = ctl.ctop - 1;
    TCGv_i64 tag = tcg_temp_new_i64();

    tcg_gen_extract_i64(tag, ctl.ctpr_val, CTPR_TAG_SHIFT, 3);
    if (k == 2) {
        /* a return (the common case) first; `return' leaves %ctpr3
           empty when there is nothing to return to */
        TCGLabel *other = gen_new_label();

        tcg_gen_brcondi_i64(TCG_COND_NE, tag, CTPR_TAG_RETURN, other);
        gen_return_fill_check(dc, fine);
        tcg_gen_set_label(other);
    }
    tcg_gen_brcondi_i64(TCG_COND_EQ, tag, CTPR_TAG_DISP, fine);
    tcg_gen_set_label(fault);
    e2k_gen_store_br(dc);
    e2k_gen_call_helper((void *)helper_ct_check, NULL, 4,
                        tcg_temp(tcg_env), tcg_temp(tcg_constant_i32(k)),
                        tcg_temp(ctl.ctpr_val),
                        tcg_temp(tcg_constant_i64(dc->pc)));
}

/* The mismatch exits of gen_ctpr_bundle_check, out of line at the end
   of the TB (e2k_gen_ctpr_exits) so that a match falls through; more
   than CTPR_EXITS_MAX in one TB keep the compare at the transfer. */
#define CTPR_EXITS_MAX 8

static struct {
    int n;
    struct {
        TCGLabel *label;
        uint64_t pc;
        uint32_t br;        /* BR to store, or -1 when env has it */
    } e[CTPR_EXITS_MAX];
} ctpr_exits;

void e2k_ctpr_exits_begin(void)
{
    ctpr_exits.n = 0;
}

void e2k_gen_ctpr_exits(void)
{
    int i;

    for (i = 0; i < ctpr_exits.n; i++) {
        TCGv_i32 f = tcg_temp_new_i32();

        tcg_gen_set_label(ctpr_exits.e[i].label);
        if (ctpr_exits.e[i].br != (uint32_t)-1) {
            tcg_gen_st_i32(tcg_constant_i32(ctpr_exits.e[i].br), tcg_env,
                           offsetof(CPUE2KState, br));
        }
        tcg_gen_ld_i32(f, tcg_env, offsetof(CPUE2KState, tbflags_extra));
        tcg_gen_ori_i32(f, f, E2K_TBFLAG_WIN_EXACT);
        tcg_gen_st_i32(f, tcg_env, offsetof(CPUE2KState, tbflags_extra));
        tcg_gen_st_i64(tcg_constant_i64(ctpr_exits.e[i].pc), tcg_env,
                       offsetof(CPUE2KState, ip));
        tcg_gen_exit_tb(NULL, 0);
    }
    ctpr_exits.n = 0;
}

/*
 * A ct through a %ctpr that held a disp target when translating.  Where
 * that target is not known to be there (a disp earlier in the TB put it
 * there, or ctpr_proven), the %ctpr is compared with it at the start of
 * the wide instruction, before it does anything and with no temp yet
 * live: a match proves the target for the transfer, which then chains
 * without comparing again; a mismatch (another target, a return,
 * garbage) leaves the TB there, nothing done, to be translated again in
 * its exact form (E2K_TBFLAG_WIN_EXACT), whose gen_ct_disp_check tests
 * the %ctpr before the stores.  A call has its own tests.
 */
static void gen_ctpr_bundle_check(DisasContext *dc)
{
    int k = ctl.ctop - 1;
    uint64_t expect = ctpr_expected(dc, k);
    TCGv_i64 t;
    int n = ctpr_exits.n;

    if (ctl.call || (dc->tb->flags & E2K_TBFLAG_WIN_EXACT) ||
        ctpr_tag(expect) != CTPR_TAG_DISP || dc->ctpr_known[k] ||
        ctpr_proven(dc, k, expect) || n == CTPR_EXITS_MAX) {
        return;
    }
    ctpr_exits.e[n].label = gen_new_label();
    ctpr_exits.e[n].pc = dc->pc;
    ctpr_exits.e[n].br = dc->br_dirty ? dc->br : (uint32_t)-1;
    ctpr_exits.n++;
    t = tcg_temp_new_i64();
    tcg_gen_ld_i64(t, tcg_env, offsetof(CPUE2KState, ctpr) + 8 * k);
    tcg_gen_brcondi_i64(TCG_COND_NE, t, expect, ctpr_exits.e[n].label);
    ctl.ctpr_checked = expect;
}

/* The same in the exact form (or where gen_ctpr_bundle_check could not
   leave early): only a mismatch pays for testing the tag. */
static void gen_ct_disp_check(DisasContext *dc)
{
    int k = ctl.ctop - 1;
    uint64_t expect = ctpr_expected(dc, k);
    TCGLabel *fine, *fault;

    if (ctl.ctpr_checked || dc->ctpr_known[k] ||
        ctpr_proven(dc, k, expect)) {
        return;
    }
    fine = gen_new_label();
    fault = gen_new_label();
    tcg_gen_brcondi_i64(TCG_COND_EQ, ctl.ctpr_val, expect, fine);
    if (!dc->ct_always) {
        tcg_gen_brcondi_i32(TCG_COND_EQ, dc->ct_cond, 0, fine);
    }
    gen_ct_checks(dc, fine, fault);
    tcg_gen_set_label(fine);
}

/*
 * The faults a transfer can raise are tested before the wide instruction
 * stores or commits anything, so the state is as before it, as for
 * every other fault; the helpers of the transfer itself then find
 * nothing wrong.  For a call: a %ctpr that is not a call target, a
 * window smaller than wbs, a full chain stack.  For a ct through a %ctpr
 * that held no disp target when translating (returns): no jump target,
 * nothing to return to; one whose %ctpr held a disp target:
 * gen_ct_disp_check.  A transfer decided only after the stores (%MLOCK
 * conditions) is left to the transfer.  The tests are inline, the
 * helpers that raise out of the way.
 */
void e2k_gen_transfer_checks(DisasContext *dc)
{
    TCGLabel *fine, *fault;
    TCGv_i64 t, tag;
    int k = ctl.ctop - 1;

    if (!ctl.ctop || ctl.ibranch || dc->ct_late) {
        return;
    }
    if (!ctl.call && ctpr_tag(ctpr_expected(dc, k)) == CTPR_TAG_DISP) {
        gen_ct_disp_check(dc);
        return;
    }
    fine = gen_new_label();
    fault = gen_new_label();
    if (!dc->ct_always) {
        tcg_gen_brcondi_i32(TCG_COND_EQ, dc->ct_cond, 0, fine);
    }
    if (!ctl.call) {
        gen_ct_checks(dc, fine, fault);
        tcg_gen_set_label(fine);
        return;
    }
    t = tcg_temp_new_i64();
    tag = tcg_temp_new_i64();
    tcg_gen_ld32u_i64(t, tcg_env, ENV_OFF(wd_size));
    tcg_gen_brcondi_i64(TCG_COND_LTU, t, ctl.wbs, fault);
    tcg_gen_extract_i64(tag, ctl.ctpr_val, CTPR_TAG_SHIFT, 3);
    tcg_gen_brcondi_i64(TCG_COND_EQ, tag, CTPR_TAG_SDISP, fine);
    tcg_gen_brcondi_i64(TCG_COND_NE, tag, CTPR_TAG_DISP, fault);
    tcg_gen_ld_i64(t, tcg_env, ENV_OFF(pcsp_ind));
    tcg_gen_addi_i64(t, t, 2 * E2K_CRS_SIZE);
    tcg_gen_brcond_i64(TCG_COND_LEU, t, gen_ld_env64(ENV_OFF(pcsp_size)),
                       fine);
    tcg_gen_set_label(fault);
    e2k_gen_store_br(dc);
    e2k_gen_call_helper((void *)helper_call_check, NULL, 4,
                        tcg_temp(tcg_env), tcg_temp(ctl.ctpr_val),
                        tcg_temp(tcg_constant_i32(ctl.wbs)),
                        tcg_temp(tcg_constant_i64(dc->pc)));
    tcg_gen_set_label(fine);
}

/* The taken path of the control transfer. */
static void gen_transfer(DisasContext *dc)
{
    int k = ctl.ctop - 1;

    if (ctl.ibranch) {
        e2k_gen_goto_pc(dc, 1, ctl.ibranch_target);
        return;
    }
    if (ctl.call) {
        uint64_t expect = ctpr_expected(dc, k);

        if (ctpr_tag(expect) == CTPR_TAG_DISP) {
            TCGLabel *slow = gen_new_label();

            tcg_gen_brcondi_i64(TCG_COND_NE, ctl.ctpr_val, expect, slow);
            gen_inline_call(dc, expect & CTPR_BASE_MASK, slow);
            tcg_gen_set_label(slow);
        }
        e2k_gen_call_helper((void *)helper_call, NULL, 5, tcg_temp(tcg_env),
                            tcg_temp(ctl.ctpr_val),
                            tcg_temp(tcg_constant_i32(ctl.wbs)),
                            tcg_temp(tcg_constant_i64(dc->next_pc)),
                            tcg_temp(tcg_constant_i64(dc->pc)));
        gen_ctprs_reset(dc);
        if (ctpr_tag(expect) == CTPR_TAG_DISP) {
            /* chain to the callee this %ctpr held when translating */
            TCGLabel *slow = gen_new_label();
            TCGv_i64 ip = tcg_temp_new_i64();

            tcg_gen_ld_i64(ip, tcg_env, offsetof(CPUE2KState, ip));
            tcg_gen_brcondi_i64(TCG_COND_NE, ip, expect & CTPR_BASE_MASK,
                                slow);
            e2k_gen_goto_pc(dc, 1, expect & CTPR_BASE_MASK);
            tcg_gen_set_label(slow);
        }
        tcg_gen_lookup_and_goto_ptr();
        return;
    }
    /* ct through %ctpr: the ctpr_val read at bundle start is what the
       hardware uses; the new value (if any) is already committed, so
       restore the old one around the helper when they differ. */
    {
        uint64_t expect = ctpr_expected(dc, k);
        TCGLabel *slow = gen_new_label();
        TCGv_ptr next;
        int i;

        if (ctpr_proven(dc, k, expect)) {
            e2k_gen_goto_pc(dc, 1, dc->tb->pc);
            return;
        }
        if (ctl.ctpr_checked) {
            e2k_gen_goto_pc(dc, 1, ctl.ctpr_checked & CTPR_BASE_MASK);
            return;
        }
        if (ctpr_tag(expect) == CTPR_TAG_DISP) {
            tcg_gen_brcondi_i64(TCG_COND_NE, ctl.ctpr_val, expect, slow);
            e2k_gen_goto_pc(dc, 1, expect & CTPR_BASE_MASK);
        } else if (k == 2) {
            gen_inline_return(dc, slow);
        }
        tcg_gen_set_label(slow);
        next = tcg_temp_new_ptr();
        if (dc->ctpr_new[k]) {
            tcg_gen_st_i64(ctl.ctpr_val, tcg_env,
                           offsetof(CPUE2KState, ctpr) + 8 * k);
        }
        /* the transfer and the lookup of its target in one helper call:
           returns go this way on every call of the guest */
        e2k_gen_call_helper((void *)helper_ct_goto, tcgv_ptr_temp(next), 3,
                            tcg_temp(tcg_env),
                            tcg_temp(tcg_constant_i32(k)),
                            tcg_temp(tcg_constant_i64(dc->pc)));
        for (i = 0; i < 3; i++) {
            if (dc->ctpr_new[i]) {
                /* the helper may have reset the ctprs (return); a disp
                   in the same bundle still wins */
                tcg_gen_st_i64(dc->ctpr_new[i], tcg_env,
                               offsetof(CPUE2KState, ctpr) + 8 * i);
            }
        }
        tcg_gen_goto_ptr(next);
    }
}

void e2k_gen_ctl_commit(DisasContext *dc)
{
    uint32_t ss = dc->b.has_ss ? dc->b.ss : 0;
    bool has_ct = ctl.ctop || ctl.ibranch;
    uint32_t br = dc->br;
    uint32_t br_t, br_nt;
    int i;

    if (ctl.setbn) {
        br = (br & ~0x3ffffu) | (ctl.cs1 & 0x3ffff);
    }
    if (ctl.setbp) {
        br = (br & ~(0x3ffu << BR_PSZ_SHIFT)) |
             (((ctl.cs1 >> 18) & 0x1f) << BR_PSZ_SHIFT);
    }
    if (ctl.flushr) {
        e2k_gen_call_helper((void *)helper_flushr, NULL, 1,
                            tcg_temp(tcg_env));
    }
    gen_ctprs_commit(dc);
    for (i = 0; i < 3; i++) {
        if (dc->ctpr_new[i] && !ctl.ctop) {
            /* remember disp targets for chaining later in this TB */
            dc->ctpr_known[i] = 0;
        }
    }
    if (dc->b.has_cs0 && (dc->b.cs0 >> 30) && ((dc->b.cs0 >> 28) & 3) == 0) {
        int c = (dc->b.cs0 >> 30) - 1;
        int64_t disp = (int64_t)((int32_t)(dc->b.cs0 << 4) >> 4) * 8;

        dc->ctpr_known[c] = ctpr_make(CTPR_TAG_DISP, dc->pc + disp);
    }

    /* Loop advance and rotation depend on whether the transfer is taken:
       the *t flags act when it is, the *f flags when it is not. */
    if (SS_ALCT(ss) || SS_ALCF(ss)) {
        if (!has_ct || dc->ct_always || (SS_ALCT(ss) && SS_ALCF(ss))) {
            bool go = (has_ct && dc->ct_always) ? SS_ALCT(ss) : SS_ALCF(ss);

            if (SS_ALCT(ss) && SS_ALCF(ss)) {
                go = true;
            }
            if (go) {
                gen_advance_loop(dc);
            }
        } else {
            TCGLabel *skip = gen_new_label();

            tcg_gen_brcondi_i32(SS_ALCT(ss) ? TCG_COND_EQ : TCG_COND_NE,
                                dc->ct_cond, 0, skip);
            gen_advance_loop(dc);
            tcg_gen_set_label(skip);
        }
    }
    if (SS_ABG(ss)) {
        gen_abg(dc, SS_ABG(ss));
    }
    br_t = br_rotate(br, SS_ABNT(ss), SS_ABPT(ss));
    br_nt = br_rotate(br, SS_ABNF(ss), SS_ABPF(ss));

    if (!has_ct) {
        set_br(dc, br_nt);
        if (bundle_breaks_loop(dc)) {
            dc->loop_copies_ok = false;
        }
        return;
    }
    dc->ended = true;
    if (dc->ct_always) {
        set_br(dc, br_t);
        gen_transfer(dc);
        return;
    }
    {
        TCGLabel *nt = gen_new_label();
        uint32_t br0 = dc->br;
        bool dirty0 = dc->br_dirty;

        tcg_gen_brcondi_i32(TCG_COND_EQ, dc->ct_cond, 0, nt);
        set_br(dc, br_t);
        gen_transfer(dc);
        tcg_gen_set_label(nt);
        dc->br = br0;
        dc->br_dirty = dirty0;
        set_br(dc, br_nt);
        e2k_gen_goto_pc(dc, 0, dc->next_pc);
    }
}
