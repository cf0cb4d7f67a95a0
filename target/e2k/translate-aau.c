/*
 * e2k translator: the array access unit (AAU).
 *
 * ldaa/staa (ALU channels 2 and 5) address memory at AAD[aad].base +
 * AASTI[ind] (+ a 32-bit literal); with `incr' the AASTI moves on by
 * AAINCR[n] elements at the end of the wide instruction (under its own
 * CDS condition, mask bit 3; for staa only when loop mode lets the
 * store happen).  The access itself is an ordinary load or store of the
 * channel (translate-mem.c does the stores: guards, loop-mode
 * suppression, probing, channel order).  aaurr/aaurw read and write the
 * AAU registers (aau_helper.c).  mova (AAS syllables, SS.aa) read an
 * element of a prefetch area, bap (SS bit 28) loads the prefetch
 * program at %ctpr2 and eap (bit 29) stops it.  The model and its
 * sources: docs/devel/e2k-translator.md, "The array access unit".
 *
 * Read phase: addresses, loads, movas, aaurr, the bap program check.
 * Commit phase (e2k_gen_aau_commit): aaurw, increments, area advances,
 * bap/eap; the mova results are written with the ALU results.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "exec/guest-memory.h"
#include "target/e2k/translate.h"
#include "target/e2k/aau_helper.h"

/* ldaa/staa/aaurr/aaurw: ALS bits 23:8 */
#define AA_LIT(als)   (((als) >> 8) & 3)      /* 0: none, k: LTS k-1 */
#define AA_INC(als)   (((als) >> 10) & 1)
#define AA_INCR(als)  (((als) >> 12) & 7)
#define AA_IND(als)   (((als) >> 15) & 0xf)
#define AA_AAD(als)   (((als) >> 19) & 0x1f)
#define AA_REG(als)   (((als) >> 8) & 0xffff)

/* mova: an AAS2..5 half */
#define MOVA_AM(aas)    ((aas) & 1)
#define MOVA_IND(aas)   (((aas) >> 1) & 0x1f)
#define MOVA_AREA(aas)  (((aas) >> 6) & 0x3f)
#define MOVA_OPC(aas)   (((aas) >> 12) & 7)   /* 1 b, 2 h, 3 w, 4 d, 5 q,
                                                 7 qp */
#define MOVA_BE(aas)    (((aas) >> 15) & 1)

#define SS_BAP(ss)  (((ss) >> 28) & 1)
#define SS_EAP(ss)  (((ss) >> 29) & 1)

#define AAU_OFF(f) offsetof(CPUE2KState, aau.f)

bool e2k_aau_is_op(const E2KOpDesc *d)
{
    return d->alopf == E2K_ALOPF10 || d->alopf == E2K_ALOPF19 ||
           d->alopf == E2K_ALOPF_AAURR || d->alopf == E2K_ALOPF_AAURW;
}

unsigned e2k_aau_operand_mask(const E2KOpDesc *d)
{
    switch (d->alopf) {
    case E2K_ALOPF10: case E2K_ALOPF_AAURW:
        return 0x4;             /* the value, in the dst field */
    case E2K_ALOPF19: case E2K_ALOPF_AAURR:
        return 0x8;
    default:
        return 0;
    }
}

/* The destination field of mova channel @i: AAS0 holds channels 0 and 1,
   AAS1 channels 2 and 3, the even channel in the high byte. */
static uint8_t mova_dst_field(const E2KBundle *b, int i)
{
    return (b->aas[i / 2] >> ((i & 1) ? 0 : 8)) & 0xff;
}

static bool mova_present(const E2KBundle *b, int i)
{
    return (b->aas_mask & (1 << (i + 2))) && MOVA_OPC(b->aas[i + 2]) != 0;
}

int e2k_aau_mova_dsts(const E2KBundle *b, uint8_t fields[4])
{
    int i, n = 0;

    for (i = 0; i < 4; i++) {
        if (mova_present(b, i)) {
            fields[n++] = mova_dst_field(b, i);
        }
    }
    return n;
}

/* log2 of the bytes an ldaa/staa moves: 4 for the 16-byte forms, the
   pairs ldaaq/staaq (channels 2 and 5, a 64-bit register each) and the
   v5 ldaaqp/staaqp (one 128-bit register). */
static int aa_size(const E2KOpDesc *d)
{
    switch (d->id) {
    case E2K_OP_LDAAB: case E2K_OP_STAAB:
        return 0;
    case E2K_OP_LDAAH: case E2K_OP_STAAH:
        return 1;
    case E2K_OP_LDAAW: case E2K_OP_STAAW:
        return 2;
    case E2K_OP_LDAAD: case E2K_OP_STAAD:
        return 3;
    default:
        return 4;
    }
}

/* Does nothing but this TB's inline code write AALDI and AASTI while
   the bundle being translated runs (see aau_fixed_end)? */
static bool aau_idx_fixed(DisasContext *dc)
{
    return dc->pc < dc->aau_fixed_end;
}

/* The AALDI or AASTI at @off, zero-extended: the loop cache's copy when
   it may have one. */
static TCGv_i64 gen_ld_aau32(DisasContext *dc, intptr_t off)
{
    TCGv_i64 t = aau_idx_fixed(dc) ? e2k_rcache_env32(dc, off, true) : NULL;

    if (!t) {
        t = tcg_temp_new_i64();
        tcg_gen_ld32u_i64(t, tcg_env, off);
    }
    return t;
}

/* AAD[aad].base + AASTI[ind] (zero-extended) + the literal (sign-
   extended).  false: the literal syllable is missing. */
static bool gen_aa_addr(DisasContext *dc, int chan, TCGv_i64 addr)
{
    uint32_t als = dc->b.als[chan];
    int lit = AA_LIT(als);

    if (lit > dc->b.lts_count) {
        return false;
    }
    tcg_gen_ld_i64(addr, tcg_env, AAU_OFF(aad_base) + 8 * AA_AAD(als));
    tcg_gen_add_i64(addr, addr, gen_ld_aau32(dc, AAU_OFF(aasti) +
                                                 4 * AA_IND(als)));
    if (lit) {
        tcg_gen_addi_i64(addr, addr, (int32_t)dc->b.lts[lit - 1]);
    }
    return true;
}

/* The condition of the incr of channel @chan (2 or 5): an RLP whose mask
   has bit 3.  NULL: unconditional; false on an unsupported source. */
static bool gen_incr_guard(DisasContext *dc, int chan, TCGv_i32 *out)
{
    const E2KBundle *b = &dc->b;
    unsigned want_opc = chan >= 3 ? 1 : 0;
    int i;

    *out = NULL;
    for (i = 0; i < 2 * b->cds_count; i++) {
        uint16_t h = (i & 1) ? (b->cds[i / 2] & 0xffff) : (b->cds[i / 2] >> 16);
        TCGv_i32 v;

        if ((unsigned)(h >> 14) != want_opc || !((h >> 10) & 8)) {
            continue;
        }
        v = e2k_gen_cond(dc, h & 0x7f);
        if (!v) {
            return false;
        }
        if (*out) {
            TCGv_i32 t = tcg_temp_new_i32();

            tcg_gen_and_i32(t, *out, v);
            v = t;
        }
        *out = v;
    }
    return true;
}

static bool gen_incr_prepare(DisasContext *dc, int chan, int size, bool st)
{
    uint32_t als = dc->b.als[chan];
    E2KAauBundle *a = &dc->aau;

    if (!AA_INC(als)) {
        return true;
    }
    if (!gen_incr_guard(dc, chan, &a->incr_guard[chan])) {
        return false;
    }
    a->has_incr[chan] = true;
    a->incr_store[chan] = st;
    a->incr_sti[chan] = AA_IND(als);
    a->incr_n[chan] = AA_INCR(als);
    a->incr_size[chan] = size;
    return true;
}

/* The second channel of an ldaaq/staaq pair: the first does the work
   (both channels encode the same address and incr; the pair's
   registers are the halves of the 16 bytes, as for ldq/stq). */
static bool pair_second(const E2KOpDesc *d, int chan, int *second)
{
    int first;

    *second = -1;
    if (!(d->flags & E2K_OPF_PAIR)) {
        return false;
    }
    return !e2k_op_pair(d, chan, &first, second) || chan == *second;
}

static bool gen_ldaa(DisasContext *dc, int chan, const E2KOpDesc *d,
                     int size)
{
    bool sm = E2K_ALS_SM(dc->b.als[chan]);
    TCGv_i32 guard = e2k_gen_chan_guard(dc, chan);
    TCGv_i64 addr = tcg_temp_new_i64(), r = tcg_temp_new_i64();
    TCGv_i64 hi = size == 4 ? tcg_temp_new_i64() : NULL;
    int second;

    if (pair_second(d, chan, &second)) {
        return second == chan;
    }
    if (!gen_aa_addr(dc, chan, addr) || !gen_incr_prepare(dc, chan, size,
                                                          false)) {
        return false;
    }
    e2k_gen_aa_load(dc, chan, sm, r, hi, addr,
                    MO_LE | (size < 4 ? size : MO_128));
    if (!e2k_alu_set_result(dc, chan, e2k_op_dst_field(&dc->b, chan, d),
                            r, guard)) {
        return false;
    }
    if (second < 0) {
        dc->res[chan].hi = hi;          /* ldaaqp: a 128-bit register */
        return true;
    }
    /* ldaaq: the upper half goes to the second channel's register, with
       the same diagnostic tag as the lower one */
    dc->src_tag[second] = dc->src_tag[chan];
    return e2k_alu_set_result(dc, second,
                              e2k_op_dst_field(&dc->b, second, d), hi, guard);
}

static bool gen_staa(DisasContext *dc, int chan, const E2KOpDesc *d,
                     int size)
{
    TCGv_i64 addr = tcg_temp_new_i64(), v, hi = NULL;
    uint8_t field = E2K_ALS_DST(dc->b.als[chan]);
    int second;

    if (pair_second(d, chan, &second)) {
        return second == chan;
    }
    v = e2k_gen_src(dc, chan, field, E2K_ROLE_SRC3);
    if (!v || !gen_aa_addr(dc, chan, addr) ||
        !gen_incr_prepare(dc, chan, size, true)) {
        return false;
    }
    if (second >= 0) {
        /* staaq: the second channel's register is the upper half */
        hi = e2k_gen_src(dc, second, E2K_ALS_DST(dc->b.als[second]),
                         E2K_ROLE_SRC3);
    } else if (size == 4) {
        E2KOperand op;

        if (e2k_decode_operand(&dc->b, chan, field, E2K_ROLE_SRC3, &op)) {
            hi = e2k_gen_reg_read_hi(dc, &op);
        }
    }
    if (size == 4 && !hi) {
        return false;
    }
    if (dc->tags && dc->src_tag[chan]) {
        e2k_gen_check_tag(dc, dc->src_tag[chan]);
    }
    if (dc->tags && second >= 0 && dc->src_tag[second]) {
        e2k_gen_check_tag(dc, dc->src_tag[second]);
    }
    /* an ordinary store from here on (translate-mem.c) */
    dc->st_addr[chan] = addr;
    dc->st_val[chan] = v;
    dc->st_val_hi[chan] = hi;
    dc->st_mask[chan] = NULL;
    dc->st_mop[chan] = MO_LE | (size < 4 ? size : MO_128);
    dc->st_fault[chan] = false;
    dc->st_kind[chan] = ST_PLAIN;
    dc->st_guard[chan] = e2k_gen_chan_guard(dc, chan);
    dc->has_store[chan] = true;
    return true;
}

/* The channels an aaurrq/aaurwq (pair) or a single operation covers. */
static int aau_reg_chans(DisasContext *dc, int chan, const E2KOpDesc *d,
                         int chans[2])
{
    int first, second;

    if ((d->flags & E2K_OPF_PAIR) && e2k_op_pair(d, chan, &first, &second)) {
        chans[0] = first;
        chans[1] = second;
        return 2;
    }
    chans[0] = chan;
    return 1;
}

static bool gen_aaurr(DisasContext *dc, int chan, const E2KOpDesc *d)
{
    TCGv_i32 guard = e2k_gen_chan_guard(dc, chan);
    E2KAauRegKind kind;
    int chans[2], n, i, idx;

    n = aau_reg_chans(dc, chan, d, chans);
    for (i = 0; i < n; i++) {
        uint32_t reg = AA_REG(dc->b.als[chans[i]]);
        TCGv_i64 r = tcg_temp_new_i64();

        if (!e2k_aau_reg_decode(reg, &kind, &idx) ||
            (n == 2 && kind != E2K_AAU_REG_AAD)) {
            return false;
        }
        e2k_gen_call_helper((void *)helper_aaurr, tcg_temp(r), 4,
                            tcg_temp(tcg_env),
                            tcg_temp(tcg_constant_i32(reg)),
                            tcg_temp(tcg_constant_i32(chans[i])),
                            tcg_temp(tcg_constant_i32(i)));
        if (d->id == E2K_OP_AAURR) {
            tcg_gen_ext32u_i64(r, r);
        }
        if (!e2k_alu_set_result(dc, chans[i],
                                E2K_ALS_DST(dc->b.als[chans[i]]), r, guard)) {
            return false;
        }
    }
    return true;
}

static bool gen_aaurw(DisasContext *dc, int chan, const E2KOpDesc *d)
{
    E2KAauBundle *a = &dc->aau;
    TCGv_i32 guard = e2k_gen_chan_guard(dc, chan);
    E2KAauRegKind kind;
    int chans[2], n, i, idx;

    n = aau_reg_chans(dc, chan, d, chans);
    for (i = 0; i < n; i++) {
        int c = chans[i];
        uint32_t reg = AA_REG(dc->b.als[c]);
        TCGv_i64 v;

        if (!e2k_aau_reg_decode(reg, &kind, &idx) ||
            (n == 2 && kind != E2K_AAU_REG_AAD)) {
            return false;
        }
        v = e2k_gen_src(dc, c, E2K_ALS_DST(dc->b.als[c]), E2K_ROLE_SRC3);
        if (!v) {
            return false;
        }
        if (dc->tags && dc->src_tag[c]) {
            e2k_gen_check_tag(dc, dc->src_tag[c]);
        }
        a->has_aaurw[c] = true;
        a->aaurw_reg[c] = reg;
        a->aaurw_size[c] = d->id == E2K_OP_AAURW || d->id == E2K_OP_AAURWS
                           ? 2 : 3;
        a->aaurw_hi[c] = i == 1;
        a->aaurw_val[c] = v;
        a->aaurw_guard[c] = guard;
    }
    return true;
}

bool e2k_gen_aau_op(DisasContext *dc, int chan, const E2KOpDesc *d)
{
    switch (d->alopf) {
    case E2K_ALOPF19:
        return gen_ldaa(dc, chan, d, aa_size(d));
    case E2K_ALOPF10:
        return gen_staa(dc, chan, d, aa_size(d));
    case E2K_ALOPF_AAURR:
        return gen_aaurr(dc, chan, d);
    case E2K_ALOPF_AAURW:
        return gen_aaurw(dc, chan, d);
    default:
        return false;
    }
}

/* Did the TB's entry check the format of area @n (gen_aau_entry_check)? */
static bool area_fixed(DisasContext *dc, int n)
{
    return aau_idx_fixed(dc) && (dc->aau_fixed >> n) & 1;
}

/*
 * mova of mova channel @i (descriptor @desc for the helper) from area
 * @n: inline, a plain host load at area_base[n] + AALDI[n] + @ind (the
 * per-area fields e2k_aau_refresh_areas keeps).  The helper takes over
 * for an area that is not loaded (area_fmt 0) and a size wider than its
 * elements.  An unreadable element faults the host load (an address
 * beyond the guest space the load's check); the wide instruction
 * (marked as speculative in its insn_start data) is then rerun with
 * spec_safe, where every mova goes through the helper.
 */
static void gen_mova_inline(DisasContext *dc, TCGv_i64 v, int n, int size,
                            int elem, bool be, int ind, uint32_t desc)
{
    TCGv_i64 t = tcg_temp_new_i64(), addr = tcg_temp_new_i64();
    TCGLabel *slow = NULL, *done = NULL;

    if (!area_fixed(dc, n)) {
        /* (else the TB's entry checked it: e2k_aau_entry_bundle) */
        slow = gen_new_label();
        done = gen_new_label();
        tcg_gen_ld8u_i64(t, tcg_env, AAU_OFF(area_fmt) + n);
        tcg_gen_brcondi_i64(TCG_COND_LEU, t, elem, slow); /* fmt-1 < elem */
    }
    tcg_gen_ld_i64(addr, tcg_env, AAU_OFF(area_base) + 8 * n);
    tcg_gen_add_i64(addr, addr, gen_ld_aau32(dc, AAU_OFF(aaldi) + 4 * n));
    if (ind) {
        tcg_gen_addi_i64(addr, addr, ind);
    }
    /* beyond the guest space, the load's own check calls the
       bad-address hook, whose SIGSEGV reruns this (speculative) wide
       instruction with spec_safe, as a host fault does */
    tcg_gen_qemu_ld_i64(v, addr, (be ? MO_BE : MO_LE) | size);
    if (dc->tags) {
        tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, AAU_OFF(mova_diag));
    }
    if (!slow) {
        return;
    }
    tcg_gen_br(done);
    tcg_gen_set_label(slow);
    e2k_gen_call_helper((void *)helper_mova, tcg_temp(v), 3,
                        tcg_temp(tcg_env), tcg_temp(tcg_constant_i32(desc)),
                        tcg_temp(tcg_constant_i64(dc->pc)));
    tcg_gen_set_label(done);
}

/* The am of area @n: when the area is loaded (area_fmt not 0), AALDI[n]
   += area_step[n] (AAINCR[incr] << (fmt - 1)) and its AALDM bit. */
static void gen_mova_advance(DisasContext *dc, int n)
{
    TCGv_i64 t = tcg_temp_new_i64(), step = tcg_temp_new_i64();
    TCGLabel *skip = NULL;
    intptr_t off = AAU_OFF(aaldi) + 4 * n;

    if (!area_fixed(dc, n)) {
        skip = gen_new_label();
        tcg_gen_ld8u_i64(t, tcg_env, AAU_OFF(area_fmt) + n);
        tcg_gen_brcondi_i64(TCG_COND_EQ, t, 0, skip);
    }
    tcg_gen_ld32u_i64(step, tcg_env, AAU_OFF(area_step) + 4 * n);
    if (aau_idx_fixed(dc)) {
        e2k_gen_add_env32(dc, off, step);
    } else {
        tcg_gen_add_i64(t, gen_ld_aau32(dc, off), step);
        tcg_gen_st32_i64(t, tcg_env, off);
    }
    if (!(area_fixed(dc, n) && dc->copy > 0 && dc->pc == dc->tb->pc)) {
        /* (a copy reached only by the back edge: the first trip, this
           same bundle with this same unconditional am, set the bit, and
           nothing in the TB clears it, see aau_fixed_end) */
        tcg_gen_st8_i32(tcg_constant_i32(1), tcg_env, AAU_OFF(aaldm) + n);
    }
    if (skip) {
        tcg_gen_set_label(skip);
    }
}

bool e2k_gen_aau_read(DisasContext *dc)
{
    const E2KBundle *b = &dc->b;
    uint32_t ss = b->has_ss ? b->ss : 0;
    E2KAauBundle *a = &dc->aau;
    bool stored_br = false;
    int i;

    for (i = 0; i < 4; i++) {
        uint16_t aas = b->aas[i + 2];
        int opc = MOVA_OPC(aas), area = MOVA_AREA(aas), size, elem;
        uint32_t desc;
        E2KOperand op;
        Result *r = &a->mova[i];
        TCGv_i64 v;

        if (!mova_present(b, i)) {
            continue;
        }
        /* 6 is undefined; an area beyond the 32 of a side does not
           exist */
        if (opc == 6 || area >= 32) {
            return false;
        }
        if (opc == 7 && dc->isa < 5) {
            /* the assembler accepts movaqp before v5 (into a 64-bit
               register); what it does there has no public source */
            e2k_gen_store_br(dc);
            e2k_gen_call_helper((void *)helper_unimp, NULL, 3,
                                tcg_temp(tcg_env),
                                tcg_temp(tcg_constant_i64(
                                    (uintptr_t)"movaqp")),
                                tcg_temp(tcg_constant_i64(dc->pc)));
            return true;
        }
        if (!e2k_decode_operand(b, 0, mova_dst_field(b, i), E2K_ROLE_DST,
                                &op)) {
            return false;
        }
        if (!stored_br) {
            e2k_gen_store_br(dc);       /* helper_mova may raise */
            stored_br = true;
        }
        /* movaq: each channel moves 8 bytes of a 16-byte element (the
           assembler puts the upper half, ind + 8, on the next channel) */
        size = opc >= 5 ? 3 : opc - 1;
        elem = opc >= 5 ? 4 : size;
        desc = (uint32_t)i << E2K_MOVA_CHAN_SHIFT |
               (uint32_t)area << E2K_MOVA_AREA_SHIFT |
               (uint32_t)MOVA_IND(aas) << E2K_MOVA_IND_SHIFT |
               (uint32_t)size << E2K_MOVA_SIZE_SHIFT |
               (uint32_t)MOVA_BE(aas) << E2K_MOVA_BE_BIT |
               (uint32_t)(opc >= 5) << E2K_MOVA_Q_BIT |
               (uint32_t)(opc == 7) << E2K_MOVA_QP_BIT;
        v = tcg_temp_new_i64();
        if (dc->spec_safe || opc == 7) {
            e2k_gen_call_helper((void *)helper_mova, tcg_temp(v), 3,
                                tcg_temp(tcg_env),
                                tcg_temp(tcg_constant_i32(desc)),
                                tcg_temp(tcg_constant_i64(dc->pc)));
        } else {
            gen_mova_inline(dc, v, area + (i >= 2 ? 32 : 0), size, elem,
                            MOVA_BE(aas), MOVA_IND(aas), desc);
        }
        memset(r, 0, sizeof(*r));
        if (op.kind == E2K_OPND_WREG || op.kind == E2K_OPND_BREG ||
            op.kind == E2K_OPND_GREG) {
            r->kind = RES_REG;
            r->val = v;
            if (opc == 7) {
                r->hi = tcg_temp_new_i64();
                tcg_gen_ld_i64(r->hi, tcg_env, AAU_OFF(mova_hi));
            }
            if (!e2k_reg_location(dc, &op, &r->base_env, &r->off)) {
                return false;
            }
            if (dc->tags) {
                TCGv_i64 diag = tcg_temp_new_i64();

                r->tag = tcg_temp_new_i64();
                tcg_gen_ld_i64(diag, tcg_env, AAU_OFF(mova_diag));
                tcg_gen_movcond_i64(TCG_COND_NE, r->tag, diag,
                                    tcg_constant_i64(0),
                                    tcg_constant_i64(E2K_TAG_DIAG64),
                                    tcg_constant_i64(0));
            }
        } else if (op.kind != E2K_OPND_SPECIAL) {
            return false;
        }
        if (MOVA_AM(aas)) {
            a->advance |= 1ULL << (area + (i >= 2 ? 32 : 0));
        }
    }
    if (SS_BAP(ss)) {
        if (!stored_br) {
            e2k_gen_store_br(dc);
        }
        e2k_gen_call_helper((void *)helper_aau_bap_check, NULL, 2,
                            tcg_temp(tcg_env),
                            tcg_temp(tcg_constant_i64(dc->pc)));
        a->bap = true;
    }
    a->eap = SS_EAP(ss);
    return true;
}

bool e2k_aau_entry_bundle(const E2KBundle *b, int isa, uint8_t need[64])
{
    int i;

    if (b->has_ss && SS_BAP(b->ss)) {
        return false;
    }
    for (i = 0; i < 6; i++) {
        const E2KOpDesc *d = (b->als_mask & (1 << i))
                             ? e2k_bundle_alu_op(b, i, isa) : NULL;

        if (d && d->alopf == E2K_ALOPF_AAURW) {
            return false;
        }
    }
    for (i = 0; i < 4; i++) {
        uint16_t aas = b->aas[i + 2];
        int opc = MOVA_OPC(aas), area = MOVA_AREA(aas), n;

        if (!mova_present(b, i) || opc >= 6 || area >= 32) {
            continue;           /* (the helper, or SIGILL) */
        }
        /* the inline path's condition: fmt - 1 >= the element's log2 */
        n = area + (i >= 2 ? 32 : 0);
        if (need[n] < (opc >= 5 ? 5 : opc)) {
            need[n] = opc >= 5 ? 5 : opc;
        }
    }
    return true;
}

static void gen_incr_commit(DisasContext *dc, int chan)
{
    E2KAauBundle *a = &dc->aau;
    TCGLabel *skip = NULL;
    TCGv_i32 en = a->incr_store[chan] ? dc->st_enable : NULL;
    TCGv_i64 sti = tcg_temp_new_i64(), step = tcg_temp_new_i64();
    intptr_t off = AAU_OFF(aasti) + 4 * a->incr_sti[chan];

    if (a->incr_guard[chan] || en) {
        skip = gen_new_label();
    }
    if (a->incr_guard[chan]) {
        tcg_gen_brcondi_i32(TCG_COND_EQ, a->incr_guard[chan], 0, skip);
    }
    if (en) {
        tcg_gen_brcondi_i32(TCG_COND_EQ, en, 0, skip);
    }
    if (a->incr_n[chan] == 0) {
        step = tcg_constant_i64(1 << a->incr_size[chan]);     /* AAINCR0 */
    } else {
        tcg_gen_ld32u_i64(step, tcg_env,
                          AAU_OFF(aaincr) + 4 * a->incr_n[chan]);
        tcg_gen_shli_i64(step, step, a->incr_size[chan]);
    }
    if (aau_idx_fixed(dc)) {
        e2k_gen_add_env32(dc, off, step);
    } else {
        tcg_gen_add_i64(sti, gen_ld_aau32(dc, off), step);
        tcg_gen_st32_i64(sti, tcg_env, off);
    }
    if (skip) {
        tcg_gen_set_label(skip);
    }
}

void e2k_gen_aau_commit(DisasContext *dc)
{
    E2KAauBundle *a = &dc->aau;
    int chan, n;

    for (chan = 0; chan < 6; chan++) {
        TCGLabel *skip = NULL;

        if (!a->has_aaurw[chan]) {
            continue;
        }
        if (a->aaurw_guard[chan]) {
            skip = gen_new_label();
            tcg_gen_brcondi_i32(TCG_COND_EQ, a->aaurw_guard[chan], 0, skip);
        }
        e2k_gen_call_helper((void *)helper_aaurw, NULL, 6,
                            tcg_temp(tcg_env),
                            tcg_temp(tcg_constant_i32(a->aaurw_reg[chan])),
                            tcg_temp(tcg_constant_i32(chan)),
                            tcg_temp(tcg_constant_i32(a->aaurw_hi[chan])),
                            tcg_temp(tcg_constant_i32(a->aaurw_size[chan])),
                            tcg_temp(a->aaurw_val[chan]));
        if (skip) {
            tcg_gen_set_label(skip);
        }
    }
    for (chan = 0; chan < 6; chan++) {
        if (a->has_incr[chan]) {
            gen_incr_commit(dc, chan);
        }
    }
    for (n = 0; n < E2K_AAU_AREAS; n++) {
        if (a->advance & (1ULL << n)) {
            gen_mova_advance(dc, n);
        }
    }
    if (a->bap) {
        e2k_gen_call_helper((void *)helper_aau_bap, NULL, 1,
                            tcg_temp(tcg_env));
    }
    if (a->eap) {
        e2k_gen_call_helper((void *)helper_aau_eap, NULL, 1,
                            tcg_temp(tcg_env));
    }
}
