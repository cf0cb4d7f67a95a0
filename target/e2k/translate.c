/*
 * e2k translator: the TB loop, the bundle loop (read phase, then commit
 * at the end of the wide instruction) and register/operand access.
 *
 * Units live in their own files: translate-alu.c (integer ALU),
 * translate-mem.c (loads/stores), translate-plu.c (predicates, PLS, CDS
 * conditions), translate-ctl.c (CS0/CS1/SS: disp, ct, call, return,
 * ibranch, setwd/setbn/setbp, loops and rotation).  See translate.h for
 * the two-phase model.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <string.h>

#include "qemu/log.h"
#include "exec/guest-memory.h"
#include "target/e2k/translate.h"

#define REG_OFF(n) ((intptr_t)(n) << E2K_REG_SHIFT)

int e2k_breg_index(uint32_t br, int n)
{
    int rbs = (br >> BR_RBS_SHIFT) & 0x3f;
    int rsz = (br >> BR_RSZ_SHIFT) & 0x3f;
    int rcur = (br >> BR_RCUR_SHIFT) & 0x3f;
    int size = (rsz + 1) * 2;

    return rbs * 2 + (rcur * 2 + n) % size;
}

int e2k_pred_index(uint32_t br, int n)
{
    int psz = (br >> BR_PSZ_SHIFT) & 0x1f;
    int pcur = (br >> BR_PCUR_SHIFT) & 0x1f;

    if (n <= psz) {
        return (pcur + n) % (psz + 1);
    }
    return n;
}

void e2k_gen_call_helper(void *fn, TCGTemp *ret, int nargs, ...)
{
    TCGTemp *args[TCG_MAX_CALL_ARGS];
    va_list ap;
    int i;

    va_start(ap, nargs);
    for (i = 0; i < nargs; i++) {
        args[i] = va_arg(ap, TCGTemp *);
    }
    va_end(ap);
    tcg_gen_callN(fn, 0, ret, nargs, args);
}

void e2k_gen_exception(DisasContext *dc, int sig, int code)
{
    e2k_gen_store_br(dc);
    e2k_gen_call_helper((void *)helper_raise, NULL, 4, tcg_temp(tcg_env),
                        tcg_temp(tcg_constant_i32(sig)),
                        tcg_temp(tcg_constant_i32(code)),
                        tcg_temp(tcg_constant_i64(dc->pc)));
    tcg_gen_exit_tb(NULL, 0);
    dc->ended = true;
}

/* Is global register @idx rotated by a BGR unknown when translating? */
static bool greg_dynamic(DisasContext *dc, int idx)
{
    return idx >= E2K_GREG_ROT_FIRST && dc->bgr_cur < 0;
}

/* Where register operand @op lives; @br addresses %b[]. */
static bool reg_location_br(DisasContext *dc, const E2KOperand *op,
                            uint32_t br, bool *base_env, intptr_t *off)
{
    int idx;

    switch (op->kind) {
    case E2K_OPND_WREG:
        *base_env = false;
        *off = REG_OFF(op->index);
        return true;
    case E2K_OPND_BREG:
        *base_env = false;
        *off = REG_OFF(e2k_breg_index(br, op->index));
        return true;
    case E2K_OPND_GREG:
        /* %g24..%g31 rotate with BGR.cur; when it is unknown here the
           offset names the logical register and gen_reg_base() adds the
           rotation at run time */
        idx = op->index;
        if (idx >= E2K_GREG_ROT_FIRST && dc->bgr_cur > 0) {
            idx = E2K_GREG_ROT_FIRST +
                  ((idx - E2K_GREG_ROT_FIRST + dc->bgr_cur) & 7);
        }
        *base_env = true;
        *off = offsetof(CPUE2KState, gregs) + REG_OFF(idx);
        return true;
    default:
        return false;
    }
}

/* The bit of the register at @base_env/@off in dc->tag_zero (false: not
   tracked: a global rotated by a BGR unknown here). */
static bool tag_zero_bit(DisasContext *dc, bool base_env, intptr_t off,
                         int *word, uint64_t *bit)
{
    intptr_t n;

    if (!base_env) {
        n = off / (intptr_t)sizeof(E2KReg);
        if (n < 0 || n >= E2K_MAX_WINDOW) {
            return false;
        }
        *word = n / 64;
        *bit = 1ULL << (n % 64);
        return true;
    }
    n = (off - (intptr_t)offsetof(CPUE2KState, gregs)) /
        (intptr_t)sizeof(E2KReg);
    if (n < 0 || n >= E2K_NR_GREGS || greg_dynamic(dc, n)) {
        return false;
    }
    *word = E2K_MAX_WINDOW / 64;
    *bit = 1ULL << n;
    return true;
}

static bool tag_known_zero(DisasContext *dc, bool base_env, intptr_t off)
{
    uint64_t bit;
    int w;

    return tag_zero_bit(dc, base_env, off, &w, &bit) &&
           (dc->tag_zero[w] & bit);
}

static void tag_set_known_zero(DisasContext *dc, bool base_env, intptr_t off,
                               bool zero)
{
    uint64_t bit;
    int w;

    if (tag_zero_bit(dc, base_env, off, &w, &bit)) {
        dc->tag_zero[w] = zero ? dc->tag_zero[w] | bit
                               : dc->tag_zero[w] & ~bit;
    }
}

void e2k_tag_zero_forget(DisasContext *dc)
{
    memset(dc->tag_zero, 0, sizeof(dc->tag_zero));
}

/* Destinations: a bundle with setbn writes its %b[] results through the
   new BR (br_dst). */
bool e2k_reg_location(DisasContext *dc, const E2KOperand *op,
                      bool *base_env, intptr_t *off)
{
    return reg_location_br(dc, op, dc->br_dst, base_env, off);
}

/*
 * The host base pointer for a register at env/wptr-relative @off, and
 * the offset to use with it.  Only a rotated global whose rotation is
 * not known when translating needs code: env + 32 * ((N - 24 + cur) % 8)
 * with cur read from env->bgr.
 */
static TCGv_ptr gen_reg_base(DisasContext *dc, bool base_env, intptr_t *off)
{
    intptr_t g0 = offsetof(CPUE2KState, gregs);
    int idx = (int)((*off - g0) >> E2K_REG_SHIFT);
    TCGv_i64 t;
    TCGv_ptr p;

    if (!base_env) {
        /* a fresh load of env->wptr: the optimizer keeps the first one
           of a stretch without labels or helper calls and turns the
           others into moves, so nothing lives across labels or needs a
           stack slot, and a helper that moves the window (setwd's
           spill) is followed by a new load */
        p = tcg_temp_new_ptr();
        tcg_gen_ld_ptr(p, tcg_env, offsetof(CPUE2KState, wptr));
        return p;
    }
    if (idx >= E2K_NR_GREGS || !greg_dynamic(dc, idx)) {
        return tcg_env;
    }
    t = tcg_temp_new_i64();
    p = tcg_temp_new_ptr();
    tcg_gen_ld32u_i64(t, tcg_env, offsetof(CPUE2KState, bgr));
    tcg_gen_shri_i64(t, t, BGR_CUR_SHIFT);
    tcg_gen_addi_i64(t, t, idx - E2K_GREG_ROT_FIRST);
    tcg_gen_andi_i64(t, t, 7);
    tcg_gen_shli_i64(t, t, E2K_REG_SHIFT);
    tcg_gen_ext_i64_ptr(p, t);
    tcg_gen_add_ptr(p, p, tcg_env);
    *off = g0 + REG_OFF(E2K_GREG_ROT_FIRST);
    return p;
}

/*
 * The loop register cache.  In a TB that may loop inside itself (loop
 * copies, translate-ctl.c), the low 64 bits of the first E2K_RCACHE_REGS
 * registers its wide instructions access are also kept in pinned TB
 * temps (tcg_temp_pin_i64: a callee-saved host register each for the
 * whole TB), loaded once before the loop head.  Reads take the temp
 * instead of loading from env each trip; every write still stores to
 * env as well (write-through), so env is exact wherever it was before:
 * at faults, helper calls and exits nothing needs writing back.  The
 * cache is used only by wide instructions that keep the window, BR and
 * BGR as the TB's start has them (e2k_bundle_keeps_state); a bundle
 * that does not also ends the loop copies (no back edge follows it), so
 * the stale cache is never read again.  No helper called by such a
 * bundle writes the register file (spill/fill move the window: setwd,
 * call and return only).  A register rotated by a BGR unknown when
 * translating is not cached.  The loads are emitted at the TB's start
 * with no register yet (rcache_end fills in the ones used and turns the
 * rest into nops), since the registers are known only at the end.
 */
#define E2K_RCACHE_REGS 4

static struct {
    int nslots;             /* preload ops at the TB's start (0: none) */
    int n;                  /* registers cached */
    TCGv_ptr wptr;          /* env->wptr, loaded before the preloads */
    struct {
        bool base_env;
        bool env32;         /* a 32-bit env field (e2k_rcache_env32) */
        intptr_t off;       /* reg_location_br's offset, or the field's */
        TCGv_i64 val;
        int op;             /* index of its preload op */
    } e[E2K_RCACHE_REGS];
} rcache;

/*
 * The %ctpr compare of a loop's back edge, once per TB entry instead of
 * once per trip.  The TB ends at its first wide instruction with a ct;
 * when that ct goes through a %ctpr that held a disp to the TB's start
 * when translating, and no wide instruction up to it (its own included,
 * for the next trip) has a CS0 (disp), a call or an operation that may
 * write a %ctpr (writes_ctpr; e2k_gen_ctl_commit also wants the loop
 * copies still allowed there: no setwd/... before it), the %ctpr still holds
 * at the ct what it held at the entry.  So the entry compares it once;
 * on a mismatch the TB leaves before doing anything and is translated
 * again in its exact form (E2K_TBFLAG_WIN_EXACT, which also makes the
 * window checks per wide instruction), which compares at the ct.
 */
static size_t code_avail(uint64_t pc);

/* Leave the TB at its start, before it did anything, to be translated
   again in its exact form (E2K_TBFLAG_WIN_EXACT). */
static void gen_exit_to_exact(DisasContext *dc)
{
    TCGv_i32 f = tcg_temp_new_i32();

    tcg_gen_ld_i32(f, tcg_env, offsetof(CPUE2KState, tbflags_extra));
    tcg_gen_ori_i32(f, f, E2K_TBFLAG_WIN_EXACT);
    tcg_gen_st_i32(f, tcg_env, offsetof(CPUE2KState, tbflags_extra));
    tcg_gen_st_i64(tcg_constant_i64(dc->tb->pc), tcg_env,
                   offsetof(CPUE2KState, ip));
    tcg_gen_exit_tb(NULL, 0);
}

/* Whether an operation of @b may write a %ctpr: an ALU result into
   %ctpr1..3 (dst 0xd1..0xd3, e.g. movtd of a computed target) or a state
   register write (rws/rwd); anything undecodable counts as a write. */
static bool writes_ctpr(const E2KBundle *b, int isa)
{
    for (int chan = 0; chan < 6; chan++) {
        const E2KOpDesc *d;
        unsigned dst;

        if (!(b->als_mask & (1 << chan))) {
            continue;
        }
        d = e2k_bundle_alu_op(b, chan, isa);
        dst = b->als[chan] & 0xff;
        if (!d || d->alopf == E2K_ALOPF15 || (dst >= 0xd1 && dst <= 0xd3)) {
            return true;
        }
    }
    return false;
}

/*
 * The entry checks look ahead at the wide instructions the TB will hold:
 * decode the one at @pc into @b and return its length, or -1 when there
 * is none to look at (no readable code, an undecodable one, or @pc past
 * the TB's first page, where translation stops too).
 */
static int tb_bundle_at(DisasContext *dc, uint64_t pc, E2KBundle *b)
{
    size_t avail;

    if ((pc & TARGET_PAGE_MASK) != (dc->tb->pc & TARGET_PAGE_MASK)) {
        return -1;
    }
    avail = code_avail(pc);
    if (avail == 0) {
        return -1;
    }
    return e2k_decode_bundle(g2h(pc), avail, dc->isa, b, NULL);
}

static void gen_ctpr_entry_check(DisasContext *dc)
{
    uint64_t pc = dc->tb->pc, expect;
    TCGLabel *ok;
    TCGv_i64 t;
    int n, k = -1;

    if (dc->tb->flags & E2K_TBFLAG_WIN_EXACT) {
        return;
    }
    for (n = 0; n < dc->max_bundles; n++) {
        E2KBundle b;
        int len = tb_bundle_at(dc, pc, &b);

        if (len < 0 || (b.has_cs1 && (b.cs1 >> 28) == 5 /* call */)) {
            return;
        }
        if (b.has_cs0 || writes_ctpr(&b, dc->isa)) {
            return;             /* (in the ct's own: for the next trip) */
        }
        if (b.has_ss && ((b.ss >> 10) & 3)) {
            k = ((b.ss >> 10) & 3) - 1;
            break;              /* the ct */
        }
        pc += len;
    }
    if (n == dc->max_bundles) {
        return;
    }
    expect = dc->env->ctpr[k];
    if (ctpr_tag(expect) != CTPR_TAG_DISP ||
        (expect & CTPR_BASE_MASK) != dc->tb->pc) {
        return;
    }
    ok = gen_new_label();
    t = tcg_temp_new_i64();
    tcg_gen_ld_i64(t, tcg_env, offsetof(CPUE2KState, ctpr) + 8 * k);
    tcg_gen_brcondi_i64(TCG_COND_EQ, t, expect, ok);
    gen_exit_to_exact(dc);
    tcg_gen_set_label(ok);
    dc->ctpr_entry = k + 1;
}

/*
 * The area formats of the movas, once per TB entry instead of once per
 * mova.  The per-area fields a mova reads (area_fmt, area_base,
 * area_step) change only by bap and aaurw (e2k_aau_refresh_areas).  When
 * no wide instruction of the TB up to its first ct (the ct's own
 * included, for the next trip) has either, they hold at every mova of
 * the TB, every trip, what they held at the entry.  So the entry tests
 * once that each area a mova reads inline has the format that mova needs
 * (the test gen_mova_inline would make, and which an am's "area loaded"
 * test implies); on a mismatch the TB leaves before doing anything and
 * is translated again in its exact form, which tests per mova.  Areas
 * that do not pass at translation time are not assumed (their movas keep
 * the test), so a TB is not built to leave at every entry.
 */
static void gen_aau_entry_check(DisasContext *dc)
{
    uint8_t need[E2K_AAU_AREAS] = { 0 };
    uint64_t pc = dc->tb->pc, fixed = 0;
    TCGLabel *bad = NULL, *ok;
    int n;

    if (dc->tb->flags & E2K_TBFLAG_WIN_EXACT) {
        return;
    }
    for (n = 0; n < dc->max_bundles; n++) {
        E2KBundle b;
        int len = tb_bundle_at(dc, pc, &b);

        if (len < 0) {
            break;
        }
        if (!e2k_aau_entry_bundle(&b, dc->isa, need)) {
            return;
        }
        pc += len;
        if ((b.has_ss && ((b.ss >> 10) & 3)) ||
            (b.has_cs1 && (b.cs1 >> 28) == 5)) {
            break;              /* a ct or call ends the TB */
        }
    }
    /* nothing in the TB writes the AAU registers (but the inline
       increments and area advances, e2k_gen_st_env32) */
    dc->aau_fixed_end = pc;
    for (n = 0; n < E2K_AAU_AREAS; n++) {
        TCGv_i32 t;

        if (!need[n] || dc->env->aau.area_fmt[n] < need[n]) {
            continue;
        }
        if (!bad) {
            bad = gen_new_label();
        }
        t = tcg_temp_new_i32();
        tcg_gen_ld8u_i32(t, tcg_env, offsetof(CPUE2KState, aau.area_fmt) + n);
        tcg_gen_brcondi_i32(TCG_COND_LTU, t, need[n], bad);
        fixed |= 1ULL << n;
    }
    if (!bad) {
        return;
    }
    ok = gen_new_label();
    tcg_gen_br(ok);
    tcg_gen_set_label(bad);
    gen_exit_to_exact(dc);
    tcg_gen_set_label(ok);
    dc->aau_fixed = fixed;
}

void e2k_gen_loop_entry(DisasContext *dc)
{
    int i;

    gen_ctpr_entry_check(dc);
    gen_aau_entry_check(dc);

    rcache.wptr = tcg_temp_new_ptr();
    tcg_gen_ld_ptr(rcache.wptr, tcg_env, offsetof(CPUE2KState, wptr));
    for (i = 0; i < E2K_RCACHE_REGS; i++) {
        rcache.e[i].val = tcg_temp_new_i64();
        tcg_gen_ld_i64(rcache.e[i].val, tcg_env, 0);  /* (filled in later) */
        rcache.e[i].op = tcg_ctx->nb_ops - 1;
    }
    rcache.nslots = E2K_RCACHE_REGS;
}

static void rcache_end(void)
{
    int i;

    for (i = 0; i < rcache.nslots; i++) {
        TCGOp *op = &tcg_ctx->ops[rcache.e[i].op];

        if (i >= rcache.n) {
            op->opc = INDEX_op_nop;
            op->nb_oargs = op->nb_iargs = 0;
            continue;
        }
        op->args[1] = temp_arg(tcg_temp(rcache.e[i].base_env ? tcg_env
                                                             : rcache.wptr));
        if (rcache.e[i].env32) {
            op->opc = INDEX_op_ld32u;
            op->args[2] = (TCGArg)rcache.e[i].off;
        } else {
            op->args[2] = (TCGArg)(rcache.e[i].off + offsetof(E2KReg, lo));
        }
        tcg_temp_pin_i64(rcache.e[i].val);
    }
    rcache.nslots = 0;
    rcache.n = 0;
}

/* The cached value of the register at @base_env/@off (see
   reg_location_br), or NULL: the register goes through env only. */
static TCGv_i64 rcache_get(DisasContext *dc, bool base_env, intptr_t off)
{
    int i;

    if (!dc->rcache_on) {
        return NULL;
    }
    if (base_env) {
        int idx = (int)((off - (intptr_t)offsetof(CPUE2KState, gregs)) >>
                        E2K_REG_SHIFT);

        if (idx < 0 || idx >= E2K_NR_GREGS || greg_dynamic(dc, idx)) {
            return NULL;
        }
    }
    for (i = 0; i < rcache.n; i++) {
        if (rcache.e[i].base_env == base_env && !rcache.e[i].env32 &&
            rcache.e[i].off == off) {
            return rcache.e[i].val;
        }
    }
    if (rcache.n == rcache.nslots) {
        return NULL;
    }
    rcache.e[i].base_env = base_env;
    rcache.e[i].env32 = false;
    rcache.e[i].off = off;
    rcache.n++;
    return rcache.e[i].val;
}

static TCGv_i64 rcache_find_env32(intptr_t off)
{
    int i;

    for (i = 0; i < rcache.n; i++) {
        if (rcache.e[i].env32 && rcache.e[i].off == off) {
            return rcache.e[i].val;
        }
    }
    return NULL;
}

TCGv_i64 e2k_rcache_env32(DisasContext *dc, intptr_t off, bool add)
{
    TCGv_i64 c = rcache_find_env32(off);
    int i = rcache.n;

    if (!dc->loop_copies_ok) {
        return NULL;            /* (a bundle before may have broken it) */
    }
    if (c || !add || rcache.n == rcache.nslots) {
        return c;
    }
    rcache.e[i].base_env = true;
    rcache.e[i].env32 = true;
    rcache.e[i].off = off;
    rcache.n++;
    return rcache.e[i].val;
}

void e2k_gen_add_env32(DisasContext *dc, intptr_t off, TCGv_i64 v)
{
    TCGv_i64 c = rcache_find_env32(off);

    if (c) {
        /* in the pinned register itself (regalloc.c, pinned_in_place) */
        tcg_gen_add_i64(c, c, v);
        tcg_gen_ext32u_i64(c, c);
        tcg_gen_st32_i64(c, tcg_env, off);
        return;
    }
    c = tcg_temp_new_i64();
    tcg_gen_ld32u_i64(c, tcg_env, off);
    tcg_gen_add_i64(c, c, v);
    tcg_gen_st32_i64(c, tcg_env, off);
}

void e2k_gen_st_env32(DisasContext *dc, intptr_t off, TCGv_i64 v)
{
    TCGv_i64 c = rcache_find_env32(off);

    tcg_gen_st32_i64(v, tcg_env, off);
    if (c) {
        tcg_gen_ext32u_i64(c, v);
    }
}

/* Read a source register: its value (and with @tag its tag); sources
   are addressed with the BR in force at the start of the bundle. */
static TCGv_i64 gen_src_reg_read(DisasContext *dc, const E2KOperand *op,
                                 TCGv_i64 *tag)
{
    TCGv_i64 v, c;
    TCGv_ptr base;
    bool base_env;
    intptr_t off;

    if (op->kind == E2K_OPND_LIT) {
        return tcg_constant_i64(op->value);
    }
    if (!reg_location_br(dc, op, dc->br, &base_env, &off)) {
        return NULL;
    }
    if (tag && tag_known_zero(dc, base_env, off)) {
        tag = NULL;
    }
    c = rcache_get(dc, base_env, off);
    base = gen_reg_base(dc, base_env, &off);
    v = tcg_temp_new_i64();
    if (c) {
        /* a copy: the bundle's results may overwrite c before the
           bundle's last use of its sources */
        tcg_gen_mov_i64(v, c);
    } else {
        tcg_gen_ld_i64(v, base, off + offsetof(E2KReg, lo));
    }
    if (tag) {
        *tag = tcg_temp_new_i64();
        tcg_gen_ld_i64(*tag, base, off + offsetof(E2KReg, tag));
    }
    return v;
}

TCGv_i64 e2k_gen_reg_read(DisasContext *dc, const E2KOperand *op)
{
    return gen_src_reg_read(dc, op, NULL);
}

TCGv_i64 e2k_gen_reg_read_hi(DisasContext *dc, const E2KOperand *op)
{
    TCGv_i64 v;
    TCGv_ptr base;
    bool base_env;
    intptr_t off;

    if (op->kind == E2K_OPND_LIT) {
        return tcg_constant_i64(0);
    }
    if (!reg_location_br(dc, op, dc->br, &base_env, &off)) {
        return NULL;
    }
    base = gen_reg_base(dc, base_env, &off);
    v = tcg_temp_new_i64();
    tcg_gen_ld_i64(v, base, off + offsetof(E2KReg, hi));
    return v;
}

void e2k_gen_add_src_tag(DisasContext *dc, int chan, TCGv_i64 tag)
{
    if (!dc->src_tag[chan]) {
        dc->src_tag[chan] = tcg_temp_new_i64();
        tcg_gen_mov_i64(dc->src_tag[chan], tag);
    } else {
        tcg_gen_or_i64(dc->src_tag[chan], dc->src_tag[chan], tag);
    }
}

void e2k_gen_check_tag(DisasContext *dc, TCGv_i64 tag)
{
    if (!dc->tag_defer) {
        e2k_gen_check_tag_now(dc, tag);
    } else if (!dc->tag_fault) {
        dc->tag_fault = tcg_temp_new_i64();
        tcg_gen_mov_i64(dc->tag_fault, tag);
    } else {
        tcg_gen_or_i64(dc->tag_fault, dc->tag_fault, tag);
    }
}

/* The deferred tag checks of the bundle, before its first effect. */
static void gen_tag_checks_flush(DisasContext *dc)
{
    dc->tag_defer = false;
    if (dc->tag_fault) {
        e2k_gen_check_tag_now(dc, dc->tag_fault);
        dc->tag_fault = NULL;
    }
}

void e2k_gen_check_tag_now(DisasContext *dc, TCGv_i64 tag)
{
    TCGLabel *ok = gen_new_label();

    tcg_gen_brcondi_i64(TCG_COND_EQ, tag, 0, ok);
    e2k_gen_store_br(dc);
    e2k_gen_call_helper((void *)helper_raise, NULL, 4, tcg_temp(tcg_env),
                        tcg_temp(tcg_constant_i32(E2K_SIGILL)),
                        tcg_temp(tcg_constant_i32(E2K_ILL_ILLOPN)),
                        tcg_temp(tcg_constant_i64(dc->pc)));
    tcg_gen_set_label(ok);
}

void e2k_gen_tags_begin(DisasContext *dc, TCGv_i64 nonzero)
{
    TCGLabel *skip = NULL;

    if (nonzero) {
        skip = gen_new_label();
        tcg_gen_brcondi_i64(TCG_COND_EQ, nonzero, 0, skip);
    }
    e2k_gen_store_br(dc);
    e2k_gen_call_helper((void *)helper_tags_begin, NULL, 2,
                        tcg_temp(tcg_env), tcg_temp(tcg_constant_i64(dc->pc)));
    if (skip) {
        tcg_gen_set_label(skip);
    }
}

/*
 * The ISA checks the tag of the part of a register an operation reads:
 * a 32-bit operand the lower half's pair, a 64-bit one both pairs of the
 * 64 bits.  So a register whose upper half alone is diagnostic (puttagd
 * 4, or a 128-bit puttagqp) is a number to a 32-bit read.
 */
TCGv_i64 e2k_gen_src_fmt(DisasContext *dc, int chan, uint8_t field,
                         E2KOperandRole role, int fmt)
{
    E2KOperand op;
    TCGv_i64 tag = NULL, v;

    if (!e2k_decode_operand(&dc->b, chan, field, role, &op)) {
        return NULL;
    }
    v = gen_src_reg_read(dc, &op, dc->tags ? &tag : NULL);
    if (tag) {
        if (fmt == E2K_FMT_S) {
            tcg_gen_andi_i64(tag, tag, 0x3);        /* bits 1:0 */
        } else if (fmt == E2K_FMT_D) {
            tcg_gen_andi_i64(tag, tag, 0xf);        /* bits 3:0 */
        }
        e2k_gen_add_src_tag(dc, chan, tag);
    }
    return v;
}

/* A source whose whole tag counts (no format narrows it). */
TCGv_i64 e2k_gen_src(DisasContext *dc, int chan, uint8_t field,
                     E2KOperandRole role)
{
    return e2k_gen_src_fmt(dc, chan, field, role, E2K_FMT_NONE);
}

TCGv_i64 e2k_gen_src_tagged(DisasContext *dc, int chan, uint8_t field,
                            E2KOperandRole role, TCGv_i64 *tag)
{
    E2KOperand op;

    *tag = NULL;
    if (!e2k_decode_operand(&dc->b, chan, field, role, &op)) {
        return NULL;
    }
    return gen_src_reg_read(dc, &op, dc->tags ? tag : NULL);
}

/* Did the ops emitted since op number @mark run straight through (no
   label, no helper call), so that their temps still hold? */
static bool ops_straight_since(int mark)
{
    int i;

    for (i = mark; i < tcg_ctx->nb_ops; i++) {
        TCGOpcode opc = tcg_ctx->ops[i].opc;

        if (opc == INDEX_op_set_label || opc == INDEX_op_call) {
            return false;
        }
    }
    return true;
}

TCGv_i32 e2k_gen_pred_read(DisasContext *dc, int n)
{
    TCGv_i64 pf = tcg_temp_new_i64();
    TCGv_i32 v = tcg_temp_new_i32();
    int bit = 2 * e2k_pred_index(dc->br, n);
    TCGv_i64 known = dc->pred_val[bit / 2];

    if (known && ops_straight_since(dc->pred_mark[bit / 2])) {
        /* written by an earlier wide instruction just before: its value
           is still in a temp (a compare's result, which the branch on
           it can then test directly) */
        tcg_gen_extrl_i64_i32(v, known);
        return v;
    }

    tcg_gen_ld_i64(pf, tcg_env, offsetof(CPUE2KState, pf));
    if (dc->tags) {
        /* a diagnostic predicate may not decide anything */
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_andi_i64(t, pf, 2ULL << bit);
        e2k_gen_check_tag(dc, t);
    }
    tcg_gen_extract_i64(pf, pf, bit, 1);
    tcg_gen_extrl_i64_i32(v, pf);
    return v;
}

static void bundle_reset(DisasContext *dc)
{
    memset(dc->res, 0, sizeof(dc->res));
    memset(dc->pres, 0, sizeof(dc->pres));
    dc->npres = 0;
    memset(dc->ctpr_new, 0, sizeof(dc->ctpr_new));
    dc->ct_cond = NULL;
    dc->ct_always = false;
    memset(dc->has_store, 0, sizeof(dc->has_store));
    memset(dc->st_base, 0, sizeof(dc->st_base));
    memset(dc->ld_paired, 0, sizeof(dc->ld_paired));
    memset(dc->ld_kind, 0, sizeof(dc->ld_kind));
    memset(dc->st_kind, 0, sizeof(dc->st_kind));
    dc->mlock_val = NULL;
    memset(dc->st_guard, 0, sizeof(dc->st_guard));
    dc->st_enable = NULL;
    memset(dc->src_tag, 0, sizeof(dc->src_tag));
    dc->tag_defer = dc->tags;
    dc->tag_fault = NULL;
    memset(dc->getsp_delta, 0, sizeof(dc->getsp_delta));
    memset(dc->getsp_guard, 0, sizeof(dc->getsp_guard));
    dc->loop_end = NULL;
    dc->rcache_on = false;
    dc->ct_late = 0;
    dc->mlock = false;
    memset(dc->cmp_val, 0, sizeof(dc->cmp_val));
    memset(dc->clp_val, 0, sizeof(dc->clp_val));
    memset(&dc->aau, 0, sizeof(dc->aau));
}

/*
 * A guarded register result without the tag code: the register gets
 * guard ? value : its old value, without a branch.  A label here would
 * end the basic block in the middle of the commit, so every temp the
 * rest of the bundle uses (its branch condition, the %ctpr it goes
 * through) would go through the frame, and the next bundles would
 * reload the registers the optimizer still knows.
 */
static void commit_reg_select(DisasContext *dc, Result *r)
{
    TCGv_i64 c = rcache_get(dc, r->base_env, r->off);
    TCGv_ptr base = gen_reg_base(dc, r->base_env, &r->off);
    TCGv_i64 g = tcg_temp_new_i64(), old = tcg_temp_new_i64();
    TCGv_i64 v = tcg_temp_new_i64();

    tcg_gen_extu_i32_i64(g, r->guard);
    if (c) {
        tcg_gen_mov_i64(old, c);
    } else {
        tcg_gen_ld_i64(old, base, r->off + offsetof(E2KReg, lo));
    }
    if (r >= dc->res && r < dc->res + 6 &&
        e2k_guard_follows_ct(dc, r - dc->res)) {
        /* e.g. a loop's induction step under the loop's own predicate:
           no cmov chaining every trip to the previous one's compare */
        tcg_gen_movcond_predictable_i64(TCG_COND_NE, v, g,
                                        tcg_constant_i64(0), r->val, old);
    } else {
        tcg_gen_movcond_i64(TCG_COND_NE, v, g, tcg_constant_i64(0), r->val,
                            old);
    }
    tcg_gen_st_i64(v, base, r->off + offsetof(E2KReg, lo));
    if (c) {
        tcg_gen_mov_i64(c, v);
    }
    if (r->hi) {
        TCGv_i64 oh = tcg_temp_new_i64(), h = tcg_temp_new_i64();

        tcg_gen_ld_i64(oh, base, r->off + offsetof(E2KReg, hi));
        tcg_gen_movcond_i64(TCG_COND_NE, h, g, tcg_constant_i64(0), r->hi,
                            oh);
        tcg_gen_st_i64(h, base, r->off + offsetof(E2KReg, hi));
    }
}

static void commit_result(DisasContext *dc, Result *r)
{
    TCGLabel *skip = NULL;

    if (r->kind == RES_NONE) {
        return;
    }
    if (r->kind == RES_REG && r->guard && !dc->tags) {
        commit_reg_select(dc, r);
        return;
    }
    if (r->guard) {
        skip = gen_new_label();
        tcg_gen_brcondi_i32(TCG_COND_EQ, r->guard, 0, skip);
    }
    switch (r->kind) {
    case RES_REG: {
        bool was_zero = tag_known_zero(dc, r->base_env, r->off);
        intptr_t key = r->off;
        TCGv_i64 c = rcache_get(dc, r->base_env, r->off);
        TCGv_ptr base = gen_reg_base(dc, r->base_env, &r->off);

        tcg_gen_st_i64(r->val, base, r->off + offsetof(E2KReg, lo));
        if (c) {
            tcg_gen_mov_i64(c, r->val);
        }
        if (r->hi) {
            tcg_gen_st_i64(r->hi, base, r->off + offsetof(E2KReg, hi));
        }
        if (r->tag) {
            tcg_gen_st_i64(r->tag, base, r->off + offsetof(E2KReg, tag));
        } else if (dc->tags && !was_zero) {
            tcg_gen_st_i64(tcg_constant_i64(0), base,
                           r->off + offsetof(E2KReg, tag));
        }
        /* a guarded write keeps a zero tag zero, but proves nothing */
        tag_set_known_zero(dc, r->base_env, key,
                           !r->tag && (!r->guard || was_zero));
        break;
    }
    case RES_CTPR: {
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_andi_i64(t, r->val, CTPR_BASE_MASK);
        if (r->tag) {
            /* a diagnostic target (see CTPR_TAG_DIAG) */
            TCGv_i64 k = tcg_temp_new_i64();

            tcg_gen_movcond_i64(TCG_COND_NE, k, r->tag, tcg_constant_i64(0),
                                tcg_constant_i64((uint64_t)CTPR_TAG_DIAG <<
                                                 CTPR_TAG_SHIFT),
                                tcg_constant_i64((uint64_t)CTPR_TAG_DISP <<
                                                 CTPR_TAG_SHIFT));
            tcg_gen_or_i64(t, t, k);
        } else {
            tcg_gen_ori_i64(t, t, (uint64_t)CTPR_TAG_DISP << CTPR_TAG_SHIFT);
        }
        tcg_gen_st_i64(t, tcg_env, offsetof(CPUE2KState, ctpr) +
                       8 * r->off);
        dc->ctpr_known[r->off] = 0;
        break;
    }
    case RES_SREG:
        if (r->off == 0x89) {
            /* rws %bgr: BGR.cur is unknown from here on (the helper
               keeps the TB flag in step, see e2k_bgr_write) */
            dc->bgr_cur = -1;
        }
        e2k_gen_store_br(dc);
        e2k_gen_call_helper((void *)helper_rwd, NULL, 4,
                            tcg_temp(tcg_env),
                            tcg_temp(tcg_constant_i32(r->off)),
                            tcg_temp(r->val),
                            tcg_temp(tcg_constant_i64(dc->pc)));
        break;
    default:
        break;
    }
    if (skip) {
        tcg_gen_set_label(skip);
    }
}

static void commit_results(DisasContext *dc)
{
    int i;

    for (i = 0; i < 6; i++) {
        commit_result(dc, &dc->res[i]);
    }
    for (i = 0; i < 4; i++) {
        commit_result(dc, &dc->aau.mova[i]);  /* mova (translate-aau.c) */
    }
    for (i = 0; i < 6; i++) {
        TCGLabel *skip = NULL;

        if (!dc->getsp_delta[i]) {
            continue;
        }
        if (dc->getsp_guard[i]) {
            skip = gen_new_label();
            tcg_gen_brcondi_i32(TCG_COND_EQ, dc->getsp_guard[i], 0, skip);
        }
        e2k_gen_call_helper((void *)helper_getsp, NULL, 2,
                            tcg_temp(tcg_env), tcg_temp(dc->getsp_delta[i]));
        if (skip) {
            tcg_gen_set_label(skip);
        }
    }
    for (i = 0; i < dc->npres; i++) {
        Result *r = &dc->pres[i];
        TCGv_i64 pf = tcg_temp_new_i64(), old = tcg_temp_new_i64();
        int bit = 2 * e2k_pred_index(dc->br, r->off);

        /* value (and tag) into the two bits of the predicate */
        tcg_gen_ld_i64(old, tcg_env, offsetof(CPUE2KState, pf));
        tcg_gen_andi_i64(pf, old, ~(3ULL << bit));
        if (bit) {
            TCGv_i64 v = tcg_temp_new_i64();

            tcg_gen_shli_i64(v, r->val, bit);
            tcg_gen_or_i64(pf, pf, v);
        } else {
            tcg_gen_or_i64(pf, pf, r->val);
        }
        if (r->guard) {
            /* a guarded write is a select, not a branch around the
               store (a guard that changes from trip to trip would be
               a mispredicted branch) */
            TCGv_i64 g = tcg_temp_new_i64();

            tcg_gen_extu_i32_i64(g, r->guard);
            tcg_gen_movcond_i64(TCG_COND_NE, pf, g, tcg_constant_i64(0),
                                pf, old);
        }
        tcg_gen_st_i64(pf, tcg_env, offsetof(CPUE2KState, pf));
        /* (r->tag: the value may be diagnostic, which a read checks) */
        dc->pred_val[bit / 2] = r->guard || r->tag ? NULL : r->val;
        dc->pred_mark[bit / 2] = tcg_ctx->nb_ops;
    }
}

/* Are the register sources of channel @chan (op @d) known to hold
   numbers (tag 0) here? */
static bool srcs_known_numbers(DisasContext *dc, int chan, const E2KOpDesc *d)
{
    unsigned mask = e2k_op_operand_mask(d);
    int k;

    for (k = 0; k < 3; k++) {
        static const E2KOperandRole roles[3] = {
            E2K_ROLE_SRC1, E2K_ROLE_SRC2, E2K_ROLE_SRC3
        };
        E2KOperand op;
        bool base_env;
        intptr_t off;
        uint8_t f;

        if (!(mask & (1u << k))) {
            continue;
        }
        f = k == 0 ? e2k_op_src1_field(&dc->b, chan, d) :
            k == 1 ? e2k_op_src2_field(&dc->b, chan, d) :
                     e2k_op_src3_field(&dc->b, chan, d);
        if (!e2k_decode_operand(&dc->b, chan, f, roles[k], &op)) {
            return false;
        }
        if (op.kind == E2K_OPND_LIT) {
            continue;
        }
        if (!reg_location_br(dc, &op, dc->br, &base_env, &off) ||
            !tag_known_zero(dc, base_env, off)) {
            return false;
        }
    }
    return true;
}

/*
 * Operations that can neither fault at run time nor fail to translate:
 * they may be generated after the stores of their wide instruction, so
 * their values need not survive the branches around the stores (which
 * would cost a spill and a reload each).  Everything else (loads, stores,
 * divisions, state registers) comes first; with the tag code, so does an
 * operation with a source whose tag is not known to be 0 (its check must
 * come before the stores).
 */
static bool op_is_pure(DisasContext *dc, int chan, const E2KOpDesc *d)
{
    unsigned mask = e2k_op_operand_mask(d);
    E2KOperand op;

    if (dc->tags && !srcs_known_numbers(dc, chan, d)) {
        return false;
    }
    switch (d->id) {
    case E2K_OP_ADDS: case E2K_OP_ADDD: case E2K_OP_SUBS: case E2K_OP_SUBD:
    case E2K_OP_ANDS: case E2K_OP_ANDD: case E2K_OP_ANDNS: case E2K_OP_ANDND:
    case E2K_OP_ORS: case E2K_OP_ORD: case E2K_OP_ORNS: case E2K_OP_ORND:
    case E2K_OP_XORS: case E2K_OP_XORD: case E2K_OP_XORNS: case E2K_OP_XORND:
    case E2K_OP_SHLS: case E2K_OP_SHLD: case E2K_OP_SHRS: case E2K_OP_SHRD:
    case E2K_OP_SARS: case E2K_OP_SARD: case E2K_OP_SCLS: case E2K_OP_SCLD:
    case E2K_OP_SCRS: case E2K_OP_SCRD: case E2K_OP_MULS: case E2K_OP_MULD:
    case E2K_OP_UMULX: case E2K_OP_SMULX: case E2K_OP_SXT:
    case E2K_OP_GETFS: case E2K_OP_GETFD:
        break;
    default:
        if (d->alopf != E2K_ALOPF7 || !strncmp(d->name, "cmpand", 6)) {
            return false;
        }
        break;
    }
    /* every operand must decode, or translating it would fail late */
    if (((mask & 1) && !e2k_decode_operand(&dc->b, chan,
                                           e2k_op_src1_field(&dc->b, chan, d),
                                           E2K_ROLE_SRC1, &op)) ||
        ((mask & 2) && !e2k_decode_operand(&dc->b, chan,
                                           e2k_op_src2_field(&dc->b, chan, d),
                                           E2K_ROLE_SRC2, &op)) ||
        ((mask & 8) && !e2k_decode_operand(&dc->b, chan,
                                           e2k_op_dst_field(&dc->b, chan, d),
                                           E2K_ROLE_DST, &op))) {
        return false;
    }
    return true;
}

/* CS1 setwd: the new window size in registers, or -1 if none. */
static int bundle_setwd_size(const E2KBundle *b)
{
    int opc = b->has_cs1 ? (int)(b->cs1 >> 28) : -1;

    if ((opc != 0 && opc != 1) || b->lts_count < 1) {
        return -1;
    }
    return ((b->lts[0] >> 5) & 0x7f) * 2;
}

/* The BR after this bundle's setbn (before any abn rotation). */
static uint32_t bundle_br_after_setbn(const E2KBundle *b, uint32_t br)
{
    int opc = b->has_cs1 ? (int)(b->cs1 >> 28) : -1;

    if ((opc == 0 || opc == 1 || opc == 4) && ((b->cs1 >> 26) & 1)) {
        br = (br & ~0x3ffffu) | (b->cs1 & 0x3ffff);
    }
    return br;
}

static int br_based_size(uint32_t br)
{
    return (((br >> BR_RSZ_SHIFT) & 0x3f) + 1) * 2;
}

/*
 * Window bounds, as the hardware checks them (exc_illegal_operand, SIGILL
 * ILL_ILLOPN for a user process): %rN needs N < WD.size and %b[N] needs
 * N < the rotating area's size, (BR.rsz + 1) * 2.  Sources are checked
 * against the window and BR at the start of the bundle; results of a
 * bundle with setwd against the new window size, results of a bundle
 * with setbn against the new area.  BR is part of the TB flags, so %b[]
 * is checked while translating; WD.size is known after a setwd in this
 * TB, else one run-time comparison covers the largest %rN used so far
 * in the TB (WD.size changes only by setwd, calls and returns, and calls
 * and returns end the TB).  false: the bundle is illegal whatever the
 * state (the exception is generated).
 */
/* The largest register numbers (-1: none) the ALU channels @ops of
   bundle @b read and write: %rN and %b[N]. */
static void bundle_reg_max(const E2KBundle *b, const E2KOpDesc *const ops[6],
                           int *max_r_src, int *max_r_dst,
                           int *max_b_src, int *max_b_dst)
{
    int chan;

    *max_r_src = *max_r_dst = *max_b_src = *max_b_dst = -1;
    for (chan = 0; chan < 6; chan++) {
        const E2KOpDesc *d = ops[chan];
        unsigned mask;
        int k;

        if (!d) {
            continue;
        }
        mask = e2k_op_operand_mask(d) | e2k_aau_operand_mask(d);
        for (k = 0; k < 4; k++) {
            static const E2KOperandRole roles[4] = {
                E2K_ROLE_SRC1, E2K_ROLE_SRC2, E2K_ROLE_SRC3, E2K_ROLE_DST
            };
            E2KOperand op;
            uint8_t f;
            int *m;

            if (!(mask & (1u << k))) {
                continue;
            }
            f = k == 0 ? e2k_op_src1_field(b, chan, d) :
                k == 1 ? e2k_op_src2_field(b, chan, d) :
                k == 2 ? (e2k_aau_is_op(d) ? E2K_ALS_DST(b->als[chan])
                                           : e2k_op_src3_field(b, chan, d)) :
                         e2k_op_dst_field(b, chan, d);
            if (!e2k_decode_operand(b, chan, f, roles[k], &op)) {
                continue;       /* the channel itself will fail */
            }
            if (op.kind == E2K_OPND_WREG) {
                m = k == 3 ? max_r_dst : max_r_src;
            } else if (op.kind == E2K_OPND_BREG) {
                m = k == 3 ? max_b_dst : max_b_src;
            } else {
                continue;
            }
            if (op.index > *m) {
                *m = op.index;
            }
        }
    }
    /* the registers the movas write */
    {
        uint8_t f[4];
        int i, n = e2k_aau_mova_dsts(b, f);

        for (i = 0; i < n; i++) {
            E2KOperand op;

            if (!e2k_decode_operand(b, 0, f[i], E2K_ROLE_DST, &op)) {
                continue;
            }
            if (op.kind == E2K_OPND_WREG && op.index > *max_r_dst) {
                *max_r_dst = op.index;
            } else if (op.kind == E2K_OPND_BREG && op.index > *max_b_dst) {
                *max_b_dst = op.index;
            }
        }
    }
}

/* The operations of the ALU channels of @b (NULL: none or unknown). */
static void bundle_ops(const E2KBundle *b, int isa, const E2KOpDesc *ops[6])
{
    int chan;

    for (chan = 0; chan < 6; chan++) {
        ops[chan] = NULL;
        if (!(b->als_mask & (1 << chan)) || e2k_chan_is_pair_tail(ops, chan)) {
            continue;
        }
        ops[chan] = e2k_bundle_alu_op(b, chan, isa);
    }
}

static bool gen_window_checks(DisasContext *dc, const E2KOpDesc *const ops[6])
{
    int max_r_src, max_r_dst, max_b_src, max_b_dst;
    int setwd = bundle_setwd_size(&dc->b);
    int need;

    bundle_reg_max(&dc->b, ops, &max_r_src, &max_r_dst, &max_b_src,
                   &max_b_dst);
    if (max_b_src >= br_based_size(dc->br) ||
        max_b_dst >= br_based_size(dc->br_dst) ||
        (setwd >= 0 && max_r_dst >= setwd)) {
        qemu_log_mask(LOG_GUEST_ERROR, "e2k: %#" PRIx64 ": register "
                      "operand outside the window\n", dc->pc);
        e2k_gen_exception(dc, E2K_SIGILL, E2K_ILL_ILLOPN);
        return false;
    }
    need = max_r_src;
    if (setwd < 0 && max_r_dst > need) {
        need = max_r_dst;
    }
    if (need >= 0 && dc->wd_known >= 0) {
        if (need >= dc->wd_known) {
            qemu_log_mask(LOG_GUEST_ERROR, "e2k: %#" PRIx64 ": %%r%d is "
                          "outside the window\n", dc->pc, need);
            e2k_gen_exception(dc, E2K_SIGILL, E2K_ILL_ILLOPN);
            return false;
        }
    } else if (need >= dc->wd_checked) {
        TCGLabel *ok = gen_new_label();
        TCGv_i32 t = tcg_temp_new_i32();

        tcg_gen_ld_i32(t, tcg_env, offsetof(CPUE2KState, wd_size));
        tcg_gen_brcondi_i32(TCG_COND_GTU, t, need, ok);
        e2k_gen_store_br(dc);
        e2k_gen_call_helper((void *)helper_raise, NULL, 4, tcg_temp(tcg_env),
                            tcg_temp(tcg_constant_i32(E2K_SIGILL)),
                            tcg_temp(tcg_constant_i32(E2K_ILL_ILLOPN)),
                            tcg_temp(tcg_constant_i64(dc->pc)));
        tcg_gen_set_label(ok);
        dc->wd_checked = need + 1;
    }
    if (setwd > 0 && setwd <= E2K_MAX_WINDOW) {
        /* from the next bundle on (an illegal size raises in setwd) */
        dc->wd_known = setwd;
    }
    return true;
}

/*
 * The tag of a 32-bit result in the register it goes to.  The value is
 * written zero-extended; in a window with WD.dbl (setwd dbl=1) a
 * diagnostic 32-bit result makes the whole 64-bit register diagnostic
 * (tag 5), without dbl only its lower half (its tag's low pair: 1
 * for a diagnostic value, what puttags put).  movts and its
 * variants set the lower half's tag only, in either mode.  Source:
 * OpenE2K/qemu-e2k, target/e2k/translate.c (is_alop_affected_by_dbl,
 * gen_al_result_commit_reg).
 */
static void gen_tag_32bit_result(DisasContext *dc, Result *r,
                                 const E2KOpDesc *d)
{
    TCGv_i64 dbl, lo = tcg_temp_new_i64(), both, t;

    tcg_gen_andi_i64(lo, r->tag, 3);
    switch (d->id) {
    case E2K_OP_MOVTS: case E2K_OP_MOVTCS: case E2K_OP_MOVTRS:
    case E2K_OP_MOVTRCS:
        r->tag = lo;
        return;
    default:
        break;
    }
    dbl = tcg_temp_new_i64();
    both = tcg_temp_new_i64();
    t = tcg_temp_new_i64();
    tcg_gen_movcond_i64(TCG_COND_NE, both, r->tag, tcg_constant_i64(0),
                        tcg_constant_i64(E2K_TAG_DIAG64), tcg_constant_i64(0));
    tcg_gen_ld32u_i64(dbl, tcg_env, offsetof(CPUE2KState, wdbl));
    tcg_gen_movcond_i64(TCG_COND_NE, t, dbl, tcg_constant_i64(0), both, lo);
    r->tag = t;
}

static void translate_bundle(DisasContext *dc)
{
    const E2KOpDesc *ops[6] = { NULL };
    bool pure[6] = { false };
    int chan, pass;

    bundle_reset(dc);
    dc->br_dst = bundle_br_after_setbn(&dc->b, dc->br);
    {
        /* the encoding rules come before everything else */
        Error *err = NULL;
        E2KBundleFault f = e2k_bundle_check(&dc->b, dc->isa, &err);

        if (f != E2K_BUNDLE_OK) {
            qemu_log_mask(LOG_GUEST_ERROR, "e2k: %#" PRIx64 ": illegal wide "
                          "instruction: %s\n", dc->pc, error_get_pretty(err));
            error_free(err);
            e2k_gen_exception(dc, E2K_SIGILL, f == E2K_BUNDLE_ILLOPN
                                              ? E2K_ILL_ILLOPN
                                              : E2K_ILL_ILLOPC);
            return;
        }
    }
    for (chan = 0; chan < 6; chan++) {
        const E2KOpDesc *d;

        if (!(dc->b.als_mask & (1 << chan))) {
            continue;
        }
        if (e2k_chan_is_pair_tail(ops, chan)) {
            continue;           /* second half of a channel pair */
        }
        d = e2k_bundle_alu_op(&dc->b, chan, dc->isa);
        if (!d) {
            qemu_log_mask(LOG_UNIMP | LOG_GUEST_ERROR,
                          "e2k: %#" PRIx64 ": no operation in ALS%d "
                          "(0x%08x)\n", dc->pc, chan, dc->b.als[chan]);
            e2k_gen_exception(dc, E2K_SIGILL, E2K_ILL_ILLOPC);
            return;
        }
        ops[chan] = d;
    }
    /* Everything that makes the bundle illegal whatever the state, and
       the run-time window check, come before any code of the bundle
       (setwd in CS1 already changes the window in the read phase). */
    if (!e2k_conds_supported(dc, ops)) {
        e2k_gen_exception(dc, E2K_SIGILL, E2K_ILL_ILLOPN);
        return;
    }
    if (!gen_window_checks(dc, ops)) {
        return;
    }
    if (!e2k_gen_aau_read(dc)) {
        qemu_log_mask(LOG_UNIMP | LOG_GUEST_ERROR, "e2k: %#" PRIx64 ": "
                      "unsupported mova\n", dc->pc);
        e2k_gen_exception(dc, E2K_SIGILL, E2K_ILL_ILLOPC);
        return;
    }
    if (!e2k_gen_ctl_read(dc)) {
        e2k_gen_exception(dc, E2K_SIGILL, dc->ctl_ill_code);
        return;
    }
    dc->rcache_on = rcache.nslots && dc->loop_copies_ok &&
                    e2k_bundle_keeps_state(dc, ops);
    for (chan = 0; chan < 6; chan++) {
        if (ops[chan]) {
            pure[chan] = op_is_pure(dc, chan, ops[chan]);
        }
    }
    if (ops[0] && ops[5] && e2k_op_is_load(ops[0]) &&
        (ops[5]->alopf == E2K_ALOPF3 || ops[5]->alopf == E2K_ALOPF13 ||
         (ops[5]->flags & E2K_OPF_STORE))) {
        /* the hardware rejects a load on channel 0 together with a store
           on channel 5 in one wide instruction */
        qemu_log_mask(LOG_GUEST_ERROR, "e2k: %#" PRIx64 ": load in ALS0 "
                      "with a store in ALS5\n", dc->pc);
        e2k_gen_exception(dc, E2K_SIGILL, E2K_ILL_ILLOPC);
        return;
    }
    /* pass 0: everything that may fault; pass 1 (after the stores): the
       rest */
    for (pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            gen_tag_checks_flush(dc);
            if (!e2k_gen_plu(dc)) {
                e2k_gen_exception(dc, E2K_SIGILL, E2K_ILL_ILLOPC);
                return;
            }
            e2k_gen_transfer_checks(dc);
            e2k_gen_stores(dc);
        }
        for (chan = 0; chan < 6; chan++) {
            int npres = dc->npres;

            if (!ops[chan] || pure[chan] != (pass == 1)) {
                continue;
            }
            if (!(e2k_aau_is_op(ops[chan])
                  ? e2k_gen_aau_op(dc, chan, ops[chan])
                  : e2k_gen_alu(dc, chan, ops[chan]))) {
                qemu_log_mask(LOG_UNIMP, "e2k: %#" PRIx64 ": %s,%d is not "
                              "implemented\n", dc->pc, ops[chan]->name, chan);
                e2k_gen_store_br(dc);
                e2k_gen_call_helper((void *)helper_unimp, NULL, 3,
                                    tcg_temp(tcg_env),
                                    tcg_temp(tcg_constant_i64(
                                        (uintptr_t)ops[chan]->name)),
                                    tcg_temp(tcg_constant_i64(dc->pc)));
                tcg_gen_exit_tb(NULL, 0);
                dc->ended = true;
                return;
            }
            if (dc->res[chan].tag && dc->res[chan].kind == RES_REG &&
                ops[chan]->fmt[3] == E2K_FMT_S) {
                gen_tag_32bit_result(dc, &dc->res[chan], ops[chan]);
            }
            if (ops[chan]->alopf == E2K_ALOPF7 && dc->npres > npres) {
                /* %cmpN of a control-transfer condition */
                dc->cmp_val[chan] = dc->pres[dc->npres - 1].val;
            }
        }
    }
    if (dc->ct_late) {
        e2k_gen_ct_late(dc);
    }
    commit_results(dc);
    e2k_gen_aau_commit(dc);
    e2k_gen_ctl_commit(dc);
}

/* Does any ALU channel of @b run speculatively (,sm), or a mova? */
static bool bundle_has_sm(const E2KBundle *b)
{
    int chan;

    for (chan = 0; chan < 6; chan++) {
        if ((b->als_mask & (1 << chan)) && E2K_ALS_SM(b->als[chan])) {
            return true;
        }
    }
    /* a mova must not fault either (translate-aau.c) */
    return b->has_ss && (b->ss & (0xf << 12));
}

/* How many bytes of code at @pc may be read (0: not executable). */
static size_t code_avail(uint64_t pc)
{
    uint64_t page_end = (pc & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE;
    size_t avail;

    if (!(page_get_flags(pc) & PAGE_EXEC)) {
        return 0;
    }
    avail = page_end - pc;
    if (avail < E2K_BUNDLE_MAX_BYTES &&
        (page_get_flags(page_end) & PAGE_EXEC)) {
        avail += E2K_BUNDLE_MAX_BYTES;
    }
    return avail;
}

/*
 * The window check of a whole TB at its entry.  WD.size is not known at
 * translation time, but it changes only by setwd, call and return; so
 * one comparison at the entry covers every %rN the TB's wide
 * instructions use up to its first setwd or control transfer (looked up
 * by decoding ahead; after a setwd the size is known, a transfer ends the
 * TB).  When it fails, some bundle of the TB is illegal, but the ones
 * before it must still run: the TB leaves (nothing done yet) with
 * E2K_TBFLAG_WIN_EXACT set and is retranslated with a check per bundle.
 * A loop through the TB pays one comparison per trip, a one-bundle loop
 * running inside the TB none.
 */
static void gen_window_entry_check(DisasContext *dc, int max_bundles)
{
    uint64_t pc = dc->tb->pc;
    int need = -1, n;

    if (dc->tb->flags & E2K_TBFLAG_WIN_EXACT) {
        /* the exact translation; later TBs are normal again */
        TCGv_i32 t = tcg_temp_new_i32();

        tcg_gen_ld_i32(t, tcg_env, offsetof(CPUE2KState, tbflags_extra));
        tcg_gen_andi_i32(t, t, ~E2K_TBFLAG_WIN_EXACT);
        tcg_gen_st_i32(t, tcg_env, offsetof(CPUE2KState, tbflags_extra));
        return;
    }
    if (max_bundles <= 1) {
        return;
    }
    for (n = 0; n < max_bundles; n++) {
        const E2KOpDesc *ops[6];
        E2KBundle b;
        int len = tb_bundle_at(dc, pc, &b);
        int rs, rd, bs, bd, setwd;

        if (len < 0) {
            break;
        }
        bundle_ops(&b, dc->isa, ops);
        bundle_reg_max(&b, ops, &rs, &rd, &bs, &bd);
        setwd = bundle_setwd_size(&b);
        need = rs > need ? rs : need;
        if (setwd < 0 && rd > need) {
            need = rd;
        }
        if (setwd >= 0 || (b.has_ss && (b.ss & 0x1ff)) ||
            (b.has_cs1 && (b.cs1 >> 28) == 5)) {
            break;
        }
        pc += len;
    }
    if (need >= 0) {
        TCGLabel *ok = gen_new_label();
        TCGv_i32 t = tcg_temp_new_i32();

        tcg_gen_ld_i32(t, tcg_env, offsetof(CPUE2KState, wd_size));
        tcg_gen_brcondi_i32(TCG_COND_GTU, t, need, ok);
        gen_exit_to_exact(dc);
        tcg_gen_set_label(ok);
        dc->wd_checked = need + 1;
    }
}

void e2k_gen_intermediate_code(CPUE2KState *env, TranslationBlock *tb,
                               int max_bundles)
{
    DisasContext dc;
    uint64_t pc = tb->pc;
    int n = 0;

    memset(&dc, 0, sizeof(dc));
    rcache.nslots = rcache.n = 0;
    dc.env = env;
    dc.tb = tb;
    dc.isa = env->isa;
    dc.tags = (tb->flags & E2K_TBFLAG_TAGS) != 0;
    dc.tags_lazy = env->tags_on && !dc.tags;
    dc.spec_safe = (tb->flags & E2K_TBFLAG_SPEC_SAFE) != 0;
    if (dc.spec_safe) {
        max_bundles = 1;
    }
    dc.br = tb->flags & E2K_TBFLAG_BR_MASK;
    dc.max_bundles = max_bundles;
    dc.wd_known = -1;
    dc.bgr_cur = (tb->flags & E2K_TBFLAG_BGR_ROT) ? -1 : 0;
    e2k_ctpr_exits_begin();
    gen_window_entry_check(&dc, max_bundles);
    if (max_bundles > 1) {
        /* (a TB too big to generate is retried with fewer bundles,
           finally one without copies) */
        e2k_loop_copies_begin(&dc);
    }

    for (;;) {
        size_t avail = code_avail(pc);
        Error *err = NULL;
        int len;

        dc.pc = pc;
        if (avail == 0) {
            if (n > 0) {
                e2k_gen_goto_pc(&dc, 0, pc);
                break;
            }
            tcg_gen_insn_start2(pc, 0);
            n++;
            e2k_gen_store_br(&dc);
            e2k_gen_call_helper((void *)helper_raise, NULL, 4,
                                tcg_temp(tcg_env),
                                tcg_temp(tcg_constant_i32(E2K_SIGSEGV)),
                                tcg_temp(tcg_constant_i32(E2K_SEGV_MAPERR)),
                                tcg_temp(tcg_constant_i64(pc)));
            tcg_gen_exit_tb(NULL, 0);
            pc += 8;
            break;
        }
        len = e2k_decode_bundle(g2h(pc), avail, dc.isa, &dc.b, &err);
        tcg_gen_insn_start2(pc, len > 0 && bundle_has_sm(&dc.b));
        n++;
        if (len < 0) {
            qemu_log_mask(LOG_GUEST_ERROR, "e2k: %#" PRIx64 ": %s\n", pc,
                          error_get_pretty(err));
            error_free(err);
            e2k_gen_exception(&dc, E2K_SIGILL, E2K_ILL_ILLOPC);
            pc += 8;
            break;
        }
        dc.next_pc = pc + len;
        if (n == 1) {
            e2k_loop_bundle(&dc, translate_bundle);
            e2k_loop_copies_emit(&dc, bundle_has_sm(&dc.b), translate_bundle);
        } else {
            translate_bundle(&dc);
        }
        pc += len;
        if (dc.ended) {
            break;
        }
        if (n >= max_bundles || tcg_op_buf_full() ||
            (pc & TARGET_PAGE_MASK) != (tb->pc & TARGET_PAGE_MASK)) {
            e2k_gen_goto_pc(&dc, 0, pc);
            break;
        }
    }
    e2k_loop_copies_end(&dc);
    e2k_gen_ctpr_exits();
    rcache_end();
    tb->size = pc - tb->pc;
    tb->icount = n;
}
