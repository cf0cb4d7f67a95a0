/*
 * e2k translator: the read phase of ALU channel operations (integer and
 * logical operations, shifts, bit fields, multiplication and division,
 * compares into predicates, combined three-source operations, state
 * register access).  Memory operations are handed to translate-mem.c.
 *
 * All values are computed in 64-bit temporaries; a 32-bit operation
 * (format S) uses the low halves of its sources and writes its result
 * zero-extended.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "target/e2k/translate.h"
#include "target/e2k/opsem.h"

typedef enum BinOp {
    BO_NONE,
    BO_ADD, BO_SUB, BO_RSUB, BO_AND, BO_ANDN, BO_OR, BO_ORN, BO_XOR,
    BO_XORN, BO_SHL, BO_SHR, BO_SAR, BO_SCL, BO_SCR, BO_MUL, BO_GETF,
    BO_MERGE,
} BinOp;

/* Name of a combined operation's stage -> BinOp. */
static BinOp binop_from_name(const char *s, size_t n)
{
    static const struct {
        const char *name;
        BinOp op;
    } names[] = {
        { "add", BO_ADD }, { "sub", BO_SUB }, { "rsub", BO_RSUB },
        { "and", BO_AND }, { "andn", BO_ANDN }, { "or", BO_OR },
        { "orn", BO_ORN }, { "xor", BO_XOR }, { "xorn", BO_XORN },
        { "shl", BO_SHL }, { "shr", BO_SHR }, { "sar", BO_SAR },
        { "scl", BO_SCL }, { "scr", BO_SCR }, { "getf", BO_GETF },
        { "merge", BO_MERGE },
    };
    size_t i;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strlen(names[i].name) == n && !strncmp(names[i].name, s, n)) {
            return names[i].op;
        }
    }
    return BO_NONE;
}

/*
 * The common part of getf and insf: from the field descriptor in @b take
 * the offset (bits 5:0, 4:0 for 32-bit) and length (bits 11:6, 10:6),
 * rotate @a right by the offset within the operand width, and build the
 * mask of the low len bits.
 */
static void gen_field_rotate(bool is64, TCGv_i64 rot, TCGv_i64 mask,
                             TCGv_i64 off, TCGv_i64 len, TCGv_i64 a,
                             TCGv_i64 b)
{
    tcg_gen_andi_i64(off, b, is64 ? 63 : 31);
    tcg_gen_extract_i64(len, b, 6, is64 ? 6 : 5);
    if (is64) {
        tcg_gen_rotr_i64(rot, a, off);
    } else {
        TCGv_i32 a32 = tcg_temp_new_i32();
        TCGv_i32 o32 = tcg_temp_new_i32();

        tcg_gen_extrl_i64_i32(a32, a);
        tcg_gen_extrl_i64_i32(o32, off);
        tcg_gen_rotr_i32(a32, a32, o32);
        tcg_gen_extu_i32_i64(rot, a32);
    }
    tcg_gen_shl_i64(mask, tcg_constant_i64(1), len);
    tcg_gen_subi_i64(mask, mask, 1);
}

/*
 * getf: rotate src1 right by the offset (src2 bits 5:0, 4:0 for 32-bit),
 * keep len bits (bits 11:6; 0 gives 0); with bit 12 set the bits above
 * the field take the value of a sign bit that is not the field's top bit
 * but bit ((offset + len - 1) & 7) of byte `byte' (bits 15:13) of src1.
 */
static void gen_getf(bool is64, TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    TCGv_i64 off = tcg_temp_new_i64();
    TCGv_i64 len = tcg_temp_new_i64();
    TCGv_i64 rot = tcg_temp_new_i64();
    TCGv_i64 mask = tcg_temp_new_i64();
    TCGv_i64 pos = tcg_temp_new_i64();
    TCGv_i64 t = tcg_temp_new_i64();
    TCGv_i64 sgn = tcg_temp_new_i64();

    gen_field_rotate(is64, rot, mask, off, len, a, b);
    tcg_gen_and_i64(rot, rot, mask);
    /* sign bit position: byte * 8 + ((off + len - 1) & 7) */
    tcg_gen_add_i64(pos, off, len);
    tcg_gen_subi_i64(pos, pos, 1);
    tcg_gen_andi_i64(pos, pos, 7);
    tcg_gen_extract_i64(t, b, 13, is64 ? 3 : 2);
    tcg_gen_shli_i64(t, t, 3);
    tcg_gen_add_i64(pos, pos, t);
    tcg_gen_shr_i64(sgn, a, pos);
    tcg_gen_andi_i64(sgn, sgn, 1);
    tcg_gen_extract_i64(t, b, 12, 1);
    tcg_gen_and_i64(sgn, sgn, t);
    /* ext = sgn ? ~mask : 0 */
    tcg_gen_neg_i64(sgn, sgn);
    tcg_gen_andc_i64(sgn, sgn, mask);
    tcg_gen_or_i64(ret, rot, sgn);
    if (!is64) {
        tcg_gen_ext32u_i64(ret, ret);
    }
}

static void gen_binop(BinOp op, bool is64, TCGv_i64 ret, TCGv_i64 a,
                      TCGv_i64 b)
{
    TCGv_i64 t = tcg_temp_new_i64();

    switch (op) {
    case BO_ADD:
        tcg_gen_add_i64(ret, a, b);
        break;
    case BO_SUB:
        tcg_gen_sub_i64(ret, a, b);
        break;
    case BO_RSUB:
        tcg_gen_sub_i64(ret, b, a);
        break;
    case BO_AND:
        tcg_gen_and_i64(ret, a, b);
        break;
    case BO_ANDN:
        tcg_gen_andc_i64(ret, a, b);
        break;
    case BO_OR:
        tcg_gen_or_i64(ret, a, b);
        break;
    case BO_ORN:
        tcg_gen_orc_i64(ret, a, b);
        break;
    case BO_XOR:
        tcg_gen_xor_i64(ret, a, b);
        break;
    case BO_XORN:
        tcg_gen_eqv_i64(ret, a, b);
        break;
    case BO_MUL:
        tcg_gen_mul_i64(ret, a, b);
        break;
    case BO_SHL:
        tcg_gen_andi_i64(t, b, is64 ? 63 : 31);
        tcg_gen_shl_i64(ret, a, t);
        break;
    case BO_SHR:
        tcg_gen_andi_i64(t, b, is64 ? 63 : 31);
        if (is64) {
            tcg_gen_shr_i64(ret, a, t);
        } else {
            TCGv_i64 u = tcg_temp_new_i64();

            tcg_gen_ext32u_i64(u, a);
            tcg_gen_shr_i64(ret, u, t);
        }
        break;
    case BO_SAR:
        tcg_gen_andi_i64(t, b, is64 ? 63 : 31);
        if (is64) {
            tcg_gen_sar_i64(ret, a, t);
        } else {
            TCGv_i64 s = tcg_temp_new_i64();

            tcg_gen_ext32s_i64(s, a);
            tcg_gen_sar_i64(ret, s, t);
        }
        break;
    case BO_SCL:
    case BO_SCR:
        if (is64) {
            if (op == BO_SCL) {
                tcg_gen_rotl_i64(ret, a, b);
            } else {
                tcg_gen_rotr_i64(ret, a, b);
            }
        } else {
            TCGv_i32 a32 = tcg_temp_new_i32();
            TCGv_i32 b32 = tcg_temp_new_i32();

            tcg_gen_extrl_i64_i32(a32, a);
            tcg_gen_extrl_i64_i32(b32, b);
            if (op == BO_SCL) {
                tcg_gen_rotl_i32(a32, a32, b32);
            } else {
                tcg_gen_rotr_i32(a32, a32, b32);
            }
            tcg_gen_extu_i32_i64(ret, a32);
        }
        break;
    case BO_GETF:
        gen_getf(is64, ret, a, b);
        break;
    default:
        g_assert_not_reached();
    }
    if (!is64) {
        tcg_gen_ext32u_i64(ret, ret);
    }
}

/* tags=on: a speculative operation passes a diagnostic source on as a
   diagnostic result; any other operation traps on one.  Returns the tag
   for the result (NULL: a number). */
static TCGv_i64 result_tag(DisasContext *dc, int chan)
{
    TCGv_i64 tag = dc->src_tag[chan];

    if (!dc->tags || !tag) {
        return NULL;
    }
    if (E2K_ALS_SM(dc->b.als[chan])) {
        TCGv_i64 r = tcg_temp_new_i64();

        tcg_gen_movcond_i64(TCG_COND_NE, r, tag, tcg_constant_i64(0),
                            tcg_constant_i64(E2K_TAG_DIAG64),
                            tcg_constant_i64(0));
        return r;
    }
    e2k_gen_check_tag(dc, tag);
    return NULL;
}

/* Record the result of channel @chan for the commit phase. */
static bool set_result(DisasContext *dc, int chan, uint8_t field,
                       TCGv_i64 val, TCGv_i32 guard)
{
    E2KOperand op;
    Result *r = &dc->res[chan];

    r->tag = result_tag(dc, chan);
    if (!e2k_decode_operand(&dc->b, chan, field, E2K_ROLE_DST, &op)) {
        return false;
    }
    r->val = val;
    r->guard = guard;
    if (op.kind == E2K_OPND_SPECIAL) {
        if (field >= 0xd1 && field <= 0xd3) {
            r->kind = RES_CTPR;
            r->off = field - 0xd1;
        } else {
            r->kind = RES_NONE;       /* %empty, %tst, %tc, %tcd */
        }
        return true;
    }
    r->kind = RES_REG;
    return e2k_reg_location(dc, &op, &r->base_env, &r->off);
}

static void add_pred_result(DisasContext *dc, int chan, int pred,
                            TCGv_i64 val, TCGv_i32 guard)
{
    Result *r = &dc->pres[dc->npres++];
    TCGv_i64 tag = result_tag(dc, chan);

    if (tag) {
        /* a diagnostic predicate: bit 1 of the predicate byte */
        TCGv_i64 v = tcg_temp_new_i64();

        tcg_gen_shri_i64(v, tag, 1);
        tcg_gen_andi_i64(v, v, 2);
        tcg_gen_or_i64(v, v, val);
        val = v;
    }
    r->kind = RES_PRED;
    r->off = pred;
    r->val = val;
    r->tag = tag;
    r->guard = guard;
}

bool e2k_alu_set_result(DisasContext *dc, int chan, uint8_t field,
                        TCGv_i64 val, TCGv_i32 guard)
{
    return set_result(dc, chan, field, val, guard);
}

void e2k_alu_add_pred_result(DisasContext *dc, int chan, int pred,
                             TCGv_i64 val, TCGv_i32 guard)
{
    add_pred_result(dc, chan, pred, val, guard);
}

/* x86-style parity: 1 when the low byte has an even number of ones. */
static void gen_parity8(TCGv_i64 ret, TCGv_i64 v)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_ext8u_i64(t, v);
    tcg_gen_ctpop_i64(t, t);
    tcg_gen_andi_i64(t, t, 1);
    tcg_gen_xori_i64(ret, t, 1);
}

/* Compare into a predicate: ALOPF7 (cmpopce in als bits 7:5). */
static bool gen_cmp(DisasContext *dc, int chan, const E2KOpDesc *d,
                    TCGv_i64 a, TCGv_i64 b, TCGv_i32 guard)
{
    bool is64 = d->fmt[0] == E2K_FMT_D;
    bool is_and = !strncmp(d->name, "cmpand", 6);
    int cond = (dc->b.als[chan] >> 5) & 7;
    TCGv_i64 x = tcg_temp_new_i64();
    TCGv_i64 y = tcg_temp_new_i64();
    TCGv_i64 r = tcg_temp_new_i64();
    TCGv_i64 diff = tcg_temp_new_i64();
    int w = is64 ? 64 : 32;

    if (is64) {
        tcg_gen_mov_i64(x, a);
        tcg_gen_mov_i64(y, b);
    } else {
        tcg_gen_ext32s_i64(x, a);
        tcg_gen_ext32s_i64(y, b);
    }
    if (is_and) {
        tcg_gen_and_i64(diff, x, y);
        switch (cond) {
        case 2:     /* e: (a & b) == 0 */
            tcg_gen_setcondi_i64(TCG_COND_EQ, r, diff, 0);
            break;
        case 4:     /* s: sign of (a & b) */
            tcg_gen_setcondi_i64(TCG_COND_LT, r, diff, 0);
            break;
        case 5:     /* p: parity */
            gen_parity8(r, diff);
            break;
        case 7:     /* le: (a & b) <= 0 signed */
            tcg_gen_setcondi_i64(TCG_COND_LE, r, diff, 0);
            break;
        default:
            return false;
        }
    } else {
        tcg_gen_sub_i64(diff, x, y);
        switch (cond) {
        case 0: {   /* o: signed overflow of a - b */
            TCGv_i64 t1 = tcg_temp_new_i64();
            TCGv_i64 t2 = tcg_temp_new_i64();

            if (is64) {
                tcg_gen_xor_i64(t1, x, y);
                tcg_gen_xor_i64(t2, x, diff);
                tcg_gen_and_i64(t1, t1, t2);
                tcg_gen_shri_i64(r, t1, 63);
            } else {
                /* 32-bit: the 64-bit difference leaves the 32-bit range */
                tcg_gen_ext32s_i64(t1, diff);
                tcg_gen_setcond_i64(TCG_COND_NE, r, t1, diff);
            }
            break;
        }
        case 1:     /* b: unsigned below */
            if (!is64) {
                tcg_gen_ext32u_i64(x, x);
                tcg_gen_ext32u_i64(y, y);
            }
            tcg_gen_setcond_i64(TCG_COND_LTU, r, x, y);
            break;
        case 2:     /* e */
            tcg_gen_setcond_i64(TCG_COND_EQ, r, x, y);
            break;
        case 3:     /* be: unsigned below or equal */
            if (!is64) {
                tcg_gen_ext32u_i64(x, x);
                tcg_gen_ext32u_i64(y, y);
            }
            tcg_gen_setcond_i64(TCG_COND_LEU, r, x, y);
            break;
        case 4:     /* s: sign of the difference */
            tcg_gen_shri_i64(r, diff, w - 1);
            tcg_gen_andi_i64(r, r, 1);
            break;
        case 5:     /* p: parity of the difference */
            gen_parity8(r, diff);
            break;
        case 6:     /* l: signed less */
            tcg_gen_setcond_i64(TCG_COND_LT, r, x, y);
            break;
        case 7:     /* le: signed less or equal */
            tcg_gen_setcond_i64(TCG_COND_LE, r, x, y);
            break;
        }
    }
    add_pred_result(dc, chan, dc->b.als[chan] & 0x1f, r, guard);
    return true;
}

void e2k_gen_spec_failed(DisasContext *dc, int chan, TCGv_i64 bad)
{
    if (dc->tags) {
        e2k_gen_add_src_tag(dc, chan, bad);
    } else if (dc->tags_lazy) {
        e2k_gen_tags_begin(dc, bad);
    }
}

/* Division through helpers (they raise SIGFPE; ,sm gives 0 instead,
   diagnostic with tags). */
static bool gen_div(DisasContext *dc, int chan, int id, bool sm,
                    TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    void *fn;
    TCGLabel *skip = NULL, *done = NULL;

    switch (id) {
    case E2K_OP_UDIVD: fn = (void *)helper_udivd; break;
    case E2K_OP_SDIVD: fn = (void *)helper_sdivd; break;
    case E2K_OP_UDIVS: fn = (void *)helper_udivs; break;
    case E2K_OP_SDIVS: fn = (void *)helper_sdivs; break;
    default:
        return false;
    }
    if (sm) {
        /* a speculative division by zero yields 0 instead of trapping */
        TCGv_i64 z = tcg_temp_new_i64();

        skip = gen_new_label();
        done = gen_new_label();
        if (id == E2K_OP_UDIVS || id == E2K_OP_SDIVS) {
            tcg_gen_ext32u_i64(z, b);
        } else {
            tcg_gen_mov_i64(z, b);
        }
        if (dc->tags || dc->tags_lazy) {
            TCGv_i64 bad = tcg_temp_new_i64();

            tcg_gen_setcondi_i64(TCG_COND_EQ, bad, z, 0);
            e2k_gen_spec_failed(dc, chan, bad);
        }
        tcg_gen_brcondi_i64(TCG_COND_EQ, z, 0, skip);
    }
    e2k_gen_store_br(dc);               /* the helper may raise */
    e2k_gen_call_helper(fn, tcg_temp(ret), 4, tcg_temp(tcg_env),
                        tcg_temp(a), tcg_temp(b),
                        tcg_temp(tcg_constant_i64(dc->pc)));
    if (sm) {
        tcg_gen_br(done);
        tcg_gen_set_label(skip);
        tcg_gen_movi_i64(ret, 0);
        tcg_gen_set_label(done);
    }
    return true;
}

/* udivx/sdivx/umodx/smodx: 64-bit dividend, 32-bit divisor, 32-bit
   result; a zero divisor or a quotient that does not fit traps. */
static void gen_divx(DisasContext *dc, int chan, int id, bool sm,
                     TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    TCGLabel *bad = gen_new_label();
    TCGLabel *done = gen_new_label();
    bool is_signed = id == E2K_OP_SDIVX || id == E2K_OP_SMODX;
    bool is_mod = id == E2K_OP_UMODX || id == E2K_OP_SMODX;
    TCGv_i64 d = tcg_temp_new_i64();
    TCGv_i64 q = tcg_temp_new_i64();
    TCGv_i64 t = tcg_temp_new_i64();
    TCGv_i64 failed = NULL;

    if (sm && (dc->tags || dc->tags_lazy)) {
        failed = tcg_temp_new_i64();
        tcg_gen_movi_i64(failed, 0);
    }
    if (is_signed) {
        tcg_gen_ext32s_i64(d, b);
    } else {
        tcg_gen_ext32u_i64(d, b);
    }
    tcg_gen_brcondi_i64(TCG_COND_EQ, d, 0, bad);
    if (is_signed) {
        /* INT64_MIN / -1 overflows the host division too */
        TCGLabel *ok = gen_new_label();

        tcg_gen_brcondi_i64(TCG_COND_NE, d, -1, ok);
        tcg_gen_brcondi_i64(TCG_COND_EQ, a, INT64_MIN, bad);
        tcg_gen_set_label(ok);
        if (is_mod) {
            tcg_gen_rem_i64(q, a, d);
        } else {
            /* the quotient must fit 32 bits */
            tcg_gen_div_i64(q, a, d);
            tcg_gen_ext32s_i64(t, q);
            tcg_gen_brcond_i64(TCG_COND_NE, t, q, bad);
        }
    } else {
        if (is_mod) {
            tcg_gen_remu_i64(q, a, d);
        } else {
            tcg_gen_divu_i64(q, a, d);
            tcg_gen_ext32u_i64(t, q);
            tcg_gen_brcond_i64(TCG_COND_NE, t, q, bad);
        }
    }
    tcg_gen_ext32u_i64(ret, q);
    tcg_gen_br(done);
    tcg_gen_set_label(bad);
    if (sm) {
        tcg_gen_movi_i64(ret, 0);
        if (failed) {
            tcg_gen_movi_i64(failed, 1);
        }
    } else {
        e2k_gen_store_br(dc);
        e2k_gen_call_helper((void *)helper_raise, NULL, 4, tcg_temp(tcg_env),
                            tcg_temp(tcg_constant_i32(E2K_SIGFPE)),
                            tcg_temp(tcg_constant_i32(E2K_FPE_INTDIV)),
                            tcg_temp(tcg_constant_i64(dc->pc)));
    }
    tcg_gen_set_label(done);
    if (failed) {
        e2k_gen_spec_failed(dc, chan, failed);
    }
}

/* sxt: src1 selects the width (bits 1:0: 8, 16, 32, 32) and bit 2 asks
   for zero instead of sign extension. */
static void gen_sxt(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b)
{
    TCGv_i64 s8 = tcg_temp_new_i64(), s16 = tcg_temp_new_i64();
    TCGv_i64 s32 = tcg_temp_new_i64(), u8 = tcg_temp_new_i64();
    TCGv_i64 u16 = tcg_temp_new_i64(), u32 = tcg_temp_new_i64();
    TCGv_i64 sz = tcg_temp_new_i64(), zx = tcg_temp_new_i64();
    TCGv_i64 sres = tcg_temp_new_i64(), ures = tcg_temp_new_i64();

    tcg_gen_ext8s_i64(s8, b);
    tcg_gen_ext16s_i64(s16, b);
    tcg_gen_ext32s_i64(s32, b);
    tcg_gen_ext8u_i64(u8, b);
    tcg_gen_ext16u_i64(u16, b);
    tcg_gen_ext32u_i64(u32, b);
    tcg_gen_andi_i64(sz, a, 3);
    tcg_gen_andi_i64(zx, a, 4);
    tcg_gen_movcond_i64(TCG_COND_EQ, sres, sz, tcg_constant_i64(0), s8, s32);
    tcg_gen_movcond_i64(TCG_COND_EQ, sres, sz, tcg_constant_i64(1), s16,
                        sres);
    tcg_gen_movcond_i64(TCG_COND_EQ, ures, sz, tcg_constant_i64(0), u8, u32);
    tcg_gen_movcond_i64(TCG_COND_EQ, ures, sz, tcg_constant_i64(1), u16,
                        ures);
    tcg_gen_movcond_i64(TCG_COND_NE, ret, zx, tcg_constant_i64(0), ures, sres);
}

/* insf: rotate src1 right by the offset and put the low len bits of
   src3 into the low end. */
static void gen_insf(bool is64, TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b,
                     TCGv_i64 c)
{
    TCGv_i64 rot = tcg_temp_new_i64();
    TCGv_i64 len = tcg_temp_new_i64();
    TCGv_i64 mask = tcg_temp_new_i64();
    TCGv_i64 off = tcg_temp_new_i64();
    TCGv_i64 t = tcg_temp_new_i64();

    gen_field_rotate(is64, rot, mask, off, len, a, b);
    tcg_gen_andc_i64(rot, rot, mask);
    tcg_gen_and_i64(t, c, mask);
    tcg_gen_or_i64(ret, rot, t);
    if (!is64) {
        tcg_gen_ext32u_i64(ret, ret);
    }
}

static bool gen_combined(DisasContext *dc, const E2KOpDesc *d, TCGv_i64 ret,
                         TCGv_i64 a, TCGv_i64 b, TCGv_i64 c, int chan)
{
    const char *name = d->name;
    const char *us = strchr(name, '_');
    size_t n2;
    BinOp op1, op2;
    bool is64;
    TCGv_i64 t;

    if (!us) {
        return false;
    }
    n2 = strlen(us + 1);
    if (n2 < 2) {
        return false;
    }
    is64 = us[n2] == 'd';
    if (us[n2] != 'd' && us[n2] != 's') {
        return false;
    }
    op1 = binop_from_name(name, us - name);
    op2 = binop_from_name(us + 1, n2 - 1);
    if (op1 == BO_NONE || op2 == BO_NONE || op1 == BO_MERGE ||
        op2 == BO_MERGE) {
        return false;
    }
    t = tcg_temp_new_i64();
    gen_binop(op1, is64, t, a, b);
    /* the second stage takes src3 as its first operand: x_subd computes
       src3 - x, x_andnd src3 & ~x */
    gen_binop(op2, is64, ret, c, t);
    return true;
}

/*
 * The operations that read or set a tag instead of trapping on it:
 * gettag gives the tag of its source (2 bits for a 32-bit one, 4 for a
 * 64-bit one: one pair per half), puttag gives src1 with the tag src2
 * (src1's own tag is replaced; src2 must be a number), movt moves a
 * value with its tag.  Sources: the operand formats of the reference
 * vectors (gettag D->S, puttag D,S->D) and the e2k tag layout (cpu.h).
 */
static bool gen_tag_op(DisasContext *dc, int chan, const E2KOpDesc *d,
                       TCGv_i32 guard)
{
    bool is32 = d->fmt[3] == E2K_FMT_S;
    uint64_t tmask = is32 ? 3 : 0xf;
    uint8_t dst = e2k_op_dst_field(&dc->b, chan, d);
    TCGv_i64 r = tcg_temp_new_i64(), v, tag, rtag = NULL;

    switch (d->id) {
    case E2K_OP_GETTAGS: case E2K_OP_GETTAGD:
        v = e2k_gen_src_tagged(dc, chan, e2k_op_src2_field(&dc->b, chan, d),
                               E2K_ROLE_SRC2, &tag);
        if (!v) {
            return false;
        }
        if (tag) {
            tcg_gen_andi_i64(r, tag, d->fmt[1] == E2K_FMT_S ? 3 : 0xf);
        } else {
            tcg_gen_movi_i64(r, 0);
        }
        return set_result(dc, chan, dst, r, guard);
    case E2K_OP_PUTTAGS: case E2K_OP_PUTTAGD: {
        TCGv_i64 t;

        v = e2k_gen_src_tagged(dc, chan, e2k_op_src1_field(&dc->b, chan, d),
                               E2K_ROLE_SRC1, &tag);
        t = v ? e2k_gen_src(dc, chan, e2k_op_src2_field(&dc->b, chan, d),
                            E2K_ROLE_SRC2) : NULL;
        if (!t) {
            return false;
        }
        if (is32) {
            tcg_gen_ext32u_i64(r, v);
        } else {
            tcg_gen_mov_i64(r, v);
        }
        rtag = tcg_temp_new_i64();
        tcg_gen_andi_i64(rtag, t, tmask);
        if (dc->tags_lazy) {
            e2k_gen_tags_begin(dc, rtag);       /* the first tag */
        }
        if (!set_result(dc, chan, dst, r, guard)) {
            return false;
        }
        if (dc->tags) {
            Result *res = &dc->res[chan];

            if (res->tag) {
                /* ,sm with a diagnostic src2: a diagnostic result */
                tcg_gen_movcond_i64(TCG_COND_NE, rtag, res->tag,
                                    tcg_constant_i64(0), res->tag, rtag);
            }
            res->tag = rtag;
        }
        return true;
    }
    case E2K_OP_PUTTAGQP: {
        /* a 128-bit %qpr: tag bits 3:0 for the lower 64 bits, 7:4 for
           the upper ones (OpenE2K/qemu-e2k, E2K_TAG_MASK_128) */
        E2KOperand op;
        TCGv_i64 t, hi;

        v = e2k_gen_src_tagged(dc, chan, e2k_op_src1_field(&dc->b, chan, d),
                               E2K_ROLE_SRC1, &tag);
        t = v ? e2k_gen_src(dc, chan, e2k_op_src2_field(&dc->b, chan, d),
                            E2K_ROLE_SRC2) : NULL;
        if (!t || !e2k_decode_operand(&dc->b, chan,
                                      e2k_op_src1_field(&dc->b, chan, d),
                                      E2K_ROLE_SRC1, &op)) {
            return false;
        }
        hi = e2k_gen_reg_read_hi(dc, &op);
        if (!hi) {
            return false;
        }
        rtag = tcg_temp_new_i64();
        tcg_gen_andi_i64(rtag, t, 0xff);
        if (dc->tags_lazy) {
            e2k_gen_tags_begin(dc, rtag);       /* the first tag */
        }
        if (!set_result(dc, chan, dst, v, guard)) {
            return false;
        }
        dc->res[chan].hi = hi;
        if (dc->tags) {
            Result *res = &dc->res[chan];

            if (res->tag) {
                tcg_gen_movcond_i64(TCG_COND_NE, rtag, res->tag,
                                    tcg_constant_i64(0),
                                    tcg_constant_i64(0x55), rtag);
            }
            res->tag = rtag;
        }
        return true;
    }
    default:                            /* movt*: movtq per channel */
        v = e2k_gen_src_tagged(dc, chan, e2k_op_src2_field(&dc->b, chan, d),
                               E2K_ROLE_SRC2, &tag);
        if (!v) {
            return false;
        }
        if (is32) {
            tcg_gen_ext32u_i64(r, v);
        } else {
            tcg_gen_mov_i64(r, v);
        }
        if (tag) {
            rtag = tcg_temp_new_i64();
            tcg_gen_andi_i64(rtag, tag, tmask);
        }
        if (!set_result(dc, chan, dst, r, guard)) {
            return false;
        }
        dc->res[chan].tag = rtag;
        return true;
    }
}

/* Can @d fault because of its operands' values (an access, an integer
   division)?  Then their tags are tested before it runs. */
/* A write of @v to UPSR that sets UPSR.ac is refused (helper_upsr_check),
   before the wide instruction commits; not when @guard is false. */
static void gen_upsr_check(DisasContext *dc, TCGv_i64 v, TCGv_i32 guard)
{
    TCGLabel *skip = gen_new_label();

    if (guard) {
        tcg_gen_brcondi_i32(TCG_COND_EQ, guard, 0, skip);
    }
    e2k_gen_store_br(dc);
    e2k_gen_call_helper((void *)helper_upsr_check, NULL, 3,
                        tcg_temp(tcg_env), tcg_temp(v),
                        tcg_temp(tcg_constant_i64(dc->pc)));
    tcg_gen_set_label(skip);
}

static bool op_faults_on_operand(const E2KOpDesc *d)
{
    switch (d->id) {
    case E2K_OP_UDIVS: case E2K_OP_UDIVD: case E2K_OP_SDIVS: case E2K_OP_SDIVD:
    case E2K_OP_UDIVX: case E2K_OP_SDIVX: case E2K_OP_UMODX: case E2K_OP_SMODX:
        return true;
    default:
        return e2k_op_is_load(d);
    }
}

bool e2k_gen_alu(DisasContext *dc, int chan, const E2KOpDesc *d)
{
    uint32_t als = dc->b.als[chan];
    bool sm = E2K_ALS_SM(als);
    unsigned mask = e2k_op_operand_mask(d);
    TCGv_i32 guard = e2k_gen_chan_guard(dc, chan);
    TCGv_i64 a = NULL, b = NULL, c = NULL, r;
    bool is64 = d->fmt[3] == E2K_FMT_D || d->fmt[3] == E2K_FMT_NONE;
    BinOp bo = BO_NONE;

    if (d->alopf == E2K_ALOPF3 || d->alopf == E2K_ALOPF13 ||
        (d->flags & E2K_OPF_STORE)) {
        return e2k_gen_store_prepare(dc, chan, d);
    }
    switch (d->id) {
    case E2K_OP_MOVTS: case E2K_OP_MOVTD: case E2K_OP_MOVTRS:
    case E2K_OP_MOVTRD: case E2K_OP_MOVTCS: case E2K_OP_MOVTCD:
    case E2K_OP_MOVTRCS: case E2K_OP_MOVTRCD:
    case E2K_OP_GETTAGS: case E2K_OP_GETTAGD:
    case E2K_OP_PUTTAGS: case E2K_OP_PUTTAGD: case E2K_OP_PUTTAGQP:
    case E2K_OP_MOVTQ: case E2K_OP_MOVTCQ: case E2K_OP_MOVTRQ:
    case E2K_OP_MOVTRCQ:
        return gen_tag_op(dc, chan, d, guard);
    default:
        break;
    }
    switch (d->alopf) {
    case E2K_ALOPF1: case E2K_ALOPF2: case E2K_ALOPF7: case E2K_ALOPF11:
    case E2K_ALOPF12: case E2K_ALOPF21: case E2K_ALOPF_MERGE:
    case E2K_ALOPF15: case E2K_ALOPF16: case E2K_ALOPF17:
    case E2K_ALOPF11_LIT8: case E2K_ALOPF12_PSHUFH:
    case E2K_ALOPF11_MERGE:     /* pmrgp (below), qpmrgp (translate-vec.c) */
        break;
    default:
        return false;
    }
    if (mask & 1) {
        a = e2k_gen_src_fmt(dc, chan, e2k_op_src1_field(&dc->b, chan, d),
                            E2K_ROLE_SRC1, d->fmt[0]);
        if (!a) {
            return false;
        }
    }
    if (mask & 2) {
        b = e2k_gen_src_fmt(dc, chan, e2k_op_src2_field(&dc->b, chan, d),
                            E2K_ROLE_SRC2, d->fmt[1]);
        if (!b) {
            return false;
        }
    }
    if (mask & 4) {
        c = e2k_gen_src_fmt(dc, chan, e2k_op_src3_field(&dc->b, chan, d),
                            E2K_ROLE_SRC3, d->fmt[2]);
        if (!c) {
            return false;
        }
    }
    if (e2k_op_sem[d->id].family != E2K_SEM_NONE) {
        if (dc->tags && !sm && dc->src_tag[chan]) {
            /* a diagnostic operand is exc_diag_operand (SIGILL) before
               the FP unit could raise SIGFPE on its meaningless value */
            e2k_gen_check_tag_now(dc, dc->src_tag[chan]);
        }
        return e2k_gen_fpu(dc, chan, d, a, b, c, guard);   /* translate-fpu.c */
    }
    if (d->alopf == E2K_ALOPF11_LIT8 || d->alopf == E2K_ALOPF12_PSHUFH) {
        /* the literal (ALES bits 7..0) is the packed op's third operand */
        c = tcg_constant_i64(dc->b.ales[chan] & 0xff);
    }
    if (d->alopf == E2K_ALOPF17) {
        /* packed compares into a predicate (v6) */
        r = tcg_temp_new_i64();
        if (!e2k_gen_vec_pred(dc, chan, d, r, a, b)) {
            return false;
        }
        add_pred_result(dc, chan, dc->b.als[chan] & 0x1f, r, guard);
        return true;
    }
    if (d->alopf == E2K_ALOPF7) {
        return gen_cmp(dc, chan, d, a, b, guard);
    }
    if (dc->tags && !sm && dc->src_tag[chan] && op_faults_on_operand(d)) {
        /* a diagnostic address or divisor: SIGILL before the access or
           the division can fault */
        e2k_gen_check_tag_now(dc, dc->src_tag[chan]);
    }
    if (e2k_op_is_load(d)) {
        r = tcg_temp_new_i64();
        if (!e2k_gen_load(dc, chan, d, r, sm, a, b)) {
            return false;
        }
        return set_result(dc, chan, e2k_op_dst_field(&dc->b, chan, d), r,
                          guard);
    }
    if (e2k_vec_is_qp(d)) {
        return e2k_gen_vec_q(dc, chan, d, a, b, c, guard);
    }

    r = tcg_temp_new_i64();
    switch (d->id) {
    case E2K_OP_ADDS: case E2K_OP_ADDD: bo = BO_ADD; break;
    case E2K_OP_SUBS: case E2K_OP_SUBD: bo = BO_SUB; break;
    case E2K_OP_ANDS: case E2K_OP_ANDD: bo = BO_AND; break;
    case E2K_OP_ANDNS: case E2K_OP_ANDND: bo = BO_ANDN; break;
    case E2K_OP_ORS: case E2K_OP_ORD: bo = BO_OR; break;
    case E2K_OP_ORNS: case E2K_OP_ORND: bo = BO_ORN; break;
    case E2K_OP_XORS: case E2K_OP_XORD: bo = BO_XOR; break;
    case E2K_OP_XORNS: case E2K_OP_XORND: bo = BO_XORN; break;
    case E2K_OP_SHLS: case E2K_OP_SHLD: bo = BO_SHL; break;
    case E2K_OP_SHRS: case E2K_OP_SHRD: bo = BO_SHR; break;
    case E2K_OP_SARS: case E2K_OP_SARD: bo = BO_SAR; break;
    case E2K_OP_SCLS: case E2K_OP_SCLD: bo = BO_SCL; break;
    case E2K_OP_SCRS: case E2K_OP_SCRD: bo = BO_SCR; break;
    case E2K_OP_MULS: case E2K_OP_MULD: bo = BO_MUL; break;
    case E2K_OP_GETFS: case E2K_OP_GETFD: bo = BO_GETF; break;
    case E2K_OP_UMULX: {
        TCGv_i64 x = tcg_temp_new_i64(), y = tcg_temp_new_i64();

        tcg_gen_ext32u_i64(x, a);
        tcg_gen_ext32u_i64(y, b);
        tcg_gen_mul_i64(r, x, y);
        break;
    }
    case E2K_OP_SMULX: {
        TCGv_i64 x = tcg_temp_new_i64(), y = tcg_temp_new_i64();

        tcg_gen_ext32s_i64(x, a);
        tcg_gen_ext32s_i64(y, b);
        tcg_gen_mul_i64(r, x, y);
        break;
    }
    case E2K_OP_UMULHD:
        tcg_gen_muluh_i64(r, a, b);
        break;
    case E2K_OP_SMULHD:
        tcg_gen_mulsh_i64(r, a, b);
        break;
    case E2K_OP_UDIVS: case E2K_OP_UDIVD:
    case E2K_OP_SDIVS: case E2K_OP_SDIVD:
        if (!gen_div(dc, chan, d->id, sm, r, a, b)) {
            return false;
        }
        break;
    case E2K_OP_UDIVX: case E2K_OP_SDIVX:
    case E2K_OP_UMODX: case E2K_OP_SMODX:
        gen_divx(dc, chan, d->id, sm, r, a, b);
        break;
    case E2K_OP_SXT: {
        E2KOperand m;

        /* the mode is nearly always a literal: pick the extension now */
        if (e2k_decode_operand(&dc->b, chan,
                               e2k_op_src1_field(&dc->b, chan, d),
                               E2K_ROLE_SRC1, &m) && m.kind == E2K_OPND_LIT) {
            static const int bits[4] = { 8, 16, 32, 32 };
            int w = bits[m.value & 3];

            if (m.value & 4) {
                tcg_gen_extract_i64(r, b, 0, w);
            } else {
                tcg_gen_sextract_i64(r, b, 0, w);
            }
        } else {
            gen_sxt(r, a, b);
        }
        break;
    }
    case E2K_OP_MERGES: case E2K_OP_MERGED: case E2K_OP_PMRGP: {
        uint8_t p;
        bool neg;
        TCGv_i32 mc;
        TCGv_i64 m = tcg_temp_new_i64();

        if (!e2k_bundle_chan_pred(&dc->b, chan, true, &p, &neg)) {
            return false;
        }
        mc = e2k_gen_cond(dc, p);
        if (!mc) {
            return false;
        }
        tcg_gen_extu_i32_i64(m, mc);
        if (neg) {
            tcg_gen_xori_i64(m, m, 1);
        }
        /* condition true: src2, false: src1 */
        tcg_gen_movcond_i64(TCG_COND_NE, r, m, tcg_constant_i64(0), b, a);
        if (d->id == E2K_OP_MERGES) {
            tcg_gen_ext32u_i64(r, r);
        }
        break;
    }
    case E2K_OP_INSFS: case E2K_OP_INSFD:
        gen_insf(d->id == E2K_OP_INSFD, r, a, b, c);
        break;
    case E2K_OP_LZCNTS: {
        TCGv_i32 t = tcg_temp_new_i32();

        tcg_gen_extrl_i64_i32(t, b);
        tcg_gen_clzi_i32(t, t, 32);
        tcg_gen_extu_i32_i64(r, t);
        break;
    }
    case E2K_OP_LZCNTD:
        tcg_gen_clzi_i64(r, b, 64);
        break;
    case E2K_OP_POPCNTS:
        tcg_gen_ext32u_i64(r, b);
        tcg_gen_ctpop_i64(r, r);
        break;
    case E2K_OP_POPCNTD:
        tcg_gen_ctpop_i64(r, b);
        break;
    case E2K_OP_BITREVS: case E2K_OP_BITREVD: {
        /* swap bits within bytes, then reverse the bytes */
        static const uint64_t m[3] = {
            0x5555555555555555ULL, 0x3333333333333333ULL,
            0x0f0f0f0f0f0f0f0fULL,
        };
        TCGv_i64 x = tcg_temp_new_i64(), t1 = tcg_temp_new_i64();
        TCGv_i64 t2 = tcg_temp_new_i64();
        int i;

        tcg_gen_mov_i64(x, b);
        for (i = 0; i < 3; i++) {
            tcg_gen_shri_i64(t1, x, 1 << i);
            tcg_gen_andi_i64(t1, t1, m[i]);
            tcg_gen_andi_i64(t2, x, m[i]);
            tcg_gen_shli_i64(t2, t2, 1 << i);
            tcg_gen_or_i64(x, t1, t2);
        }
        tcg_gen_bswap64_i64(r, x);
        if (d->id == E2K_OP_BITREVS) {
            tcg_gen_shri_i64(r, r, 32);
        }
        break;
    }
    case E2K_OP_GETSP:
    {
        /* The result is the new stack pointer; %usd itself moves when the
           wide instruction commits (translate.c), so the other channels
           see the old one and a fault leaves it alone. */
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_ext32s_i64(t, b);
        tcg_gen_andi_i64(t, t, ~(uint64_t)0xf);
        tcg_gen_ld_i64(r, tcg_env, offsetof(CPUE2KState, usd_lo));
        tcg_gen_andi_i64(r, r, CTPR_BASE_MASK);
        tcg_gen_add_i64(r, r, t);
        tcg_gen_andi_i64(r, r, CTPR_BASE_MASK);
        dc->getsp_delta[chan] = tcg_temp_new_i64();
        tcg_gen_mov_i64(dc->getsp_delta[chan], b);
        dc->getsp_guard[chan] = guard;
        break;
    }
    case E2K_OP_RRS: case E2K_OP_RRD: {
        uint8_t sreg = e2k_op_src1_field(&dc->b, chan, d);

        e2k_gen_store_br(dc);
        e2k_gen_call_helper((void *)helper_rrd, tcg_temp(r), 3,
                            tcg_temp(tcg_env),
                            tcg_temp(tcg_constant_i32(sreg)),
                            tcg_temp(tcg_constant_i64(dc->pc)));
        if (d->id == E2K_OP_RRS) {
            tcg_gen_ext32u_i64(r, r);
        }
        break;
    }
    case E2K_OP_RWS: case E2K_OP_RWD: {
        /* State registers change at the end of the wide instruction; the
           write goes through a result slot so it commits with the rest. */
        Result *res = &dc->res[chan];
        TCGv_i64 v = tcg_temp_new_i64();

        if (!e2k_sreg_user_writable(e2k_op_dst_field(&dc->b, chan, d))) {
            /* privileged or read-only: SIGILL before anything commits */
            e2k_gen_call_helper((void *)helper_raise, NULL, 4,
                                tcg_temp(tcg_env),
                                tcg_temp(tcg_constant_i32(E2K_SIGILL)),
                                tcg_temp(tcg_constant_i32(E2K_ILL_PRVOPC)),
                                tcg_temp(tcg_constant_i64(dc->pc)));
        }
        if (d->id == E2K_OP_RWS) {
            tcg_gen_ext32u_i64(v, b);
        } else {
            tcg_gen_mov_i64(v, b);
        }
        if (e2k_op_dst_field(&dc->b, chan, d) == 0x80 /* %upsr */) {
            gen_upsr_check(dc, v, guard);
        }
        res->kind = RES_SREG;
        res->val = v;
        res->guard = guard;
        res->off = e2k_op_dst_field(&dc->b, chan, d);
        return true;
    }
    default:
        if (d->alopf == E2K_ALOPF21 &&
            gen_combined(dc, d, r, a, b, c, chan)) {
            break;
        }
        e2k_fpu_spec_begin(dc, chan);       /* packed float under ,sm */
        if (e2k_gen_vec(dc, d, r, a, b, c)) {
            r = e2k_fpu_spec_end(dc, chan, r);
            break;
        }
        return false;
    }
    if (bo != BO_NONE) {
        is64 = d->fmt[3] != E2K_FMT_S;
        gen_binop(bo, is64, r, a, b);
    }
    return set_result(dc, chan, e2k_op_dst_field(&dc->b, chan, d), r, guard);
}
