/*
 * Op emission for front ends (include/tcg/tcg-op.h): each tcg_gen_*
 * appends one or a few ops to the current TB.  Composite operations
 * (division, high multiplies, immediates) are expanded here into the
 * primitive ops of tcg-opc.h so that both backends see the same IR.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <assert.h>
#include <stdarg.h>
#include <string.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

#include "tcg/tcg-op.h"
#include "tcg-internal.h"

TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind);
void tcg_temp_free_internal(TCGTemp *ts);
TCGTemp *tcg_global_mem_new_internal(TCGType type, TCGTemp *base,
                                     intptr_t offset, const char *name);

/* --- temps ------------------------------------------------------------ */

TCGv_i32 tcg_temp_new_i32(void)
{
    return temp_tcgv_i32(tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB));
}

TCGv_i64 tcg_temp_new_i64(void)
{
    return temp_tcgv_i64(tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB));
}

bool tcg_temp_pin_i64(TCGv_i64 v)
{
    TCGContext *s = tcg_ctx;
    TCGTemp *ts = tcgv_i64_temp(v);

    assert(ts->kind == TEMP_TB);
    if (ts->pinned) {
        return true;
    }
    if (s->nb_pinned >= TCG_MAX_PINNED) {
        return false;
    }
    ts->pinned = true;
    s->nb_pinned++;
    return true;
}

TCGv_ptr tcg_temp_new_ptr(void)
{
    return temp_tcgv_ptr(tcg_temp_new_internal(TCG_TYPE_PTR, TEMP_TB));
}

TCGv_i32 tcg_temp_ebb_new_i32(void)
{
    return temp_tcgv_i32(tcg_temp_new_internal(TCG_TYPE_I32, TEMP_EBB));
}

TCGv_i64 tcg_temp_ebb_new_i64(void)
{
    return temp_tcgv_i64(tcg_temp_new_internal(TCG_TYPE_I64, TEMP_EBB));
}

void tcg_temp_free_i32(TCGv_i32 v) { tcg_temp_free_internal(tcgv_i32_temp(v)); }
void tcg_temp_free_i64(TCGv_i64 v) { tcg_temp_free_internal(tcgv_i64_temp(v)); }
void tcg_temp_free_ptr(TCGv_ptr v) { tcg_temp_free_internal(tcgv_ptr_temp(v)); }

TCGv_i32 tcg_constant_i32(int32_t val)
{
    return temp_tcgv_i32(tcg_constant_internal(TCG_TYPE_I32, (uint32_t)val));
}

TCGv_i64 tcg_constant_i64(int64_t val)
{
    return temp_tcgv_i64(tcg_constant_internal(TCG_TYPE_I64, (uint64_t)val));
}

TCGv_ptr tcg_constant_ptr(intptr_t val)
{
    return temp_tcgv_ptr(tcg_constant_internal(TCG_TYPE_PTR, (uint64_t)val));
}

TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t offset,
                                const char *name)
{
    return temp_tcgv_i32(tcg_global_mem_new_internal(
        TCG_TYPE_I32, tcgv_ptr_temp(base), offset, name));
}

TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t offset,
                                const char *name)
{
    return temp_tcgv_i64(tcg_global_mem_new_internal(
        TCG_TYPE_I64, tcgv_ptr_temp(base), offset, name));
}

TCGv_ptr tcg_global_mem_new_ptr(TCGv_ptr base, intptr_t offset,
                                const char *name)
{
    return temp_tcgv_ptr(tcg_global_mem_new_internal(
        TCG_TYPE_PTR, tcgv_ptr_temp(base), offset, name));
}

/* --- generic emitters -------------------------------------------------- */

static void gen_op1(TCGOpcode opc, TCGType t, TCGTemp *r, TCGTemp *a)
{
    TCGOp *op = tcg_emit_op(opc, t);
    op->args[0] = temp_arg(r);
    op->args[1] = temp_arg(a);
}

static void gen_op2(TCGOpcode opc, TCGType t, TCGTemp *r, TCGTemp *a,
                    TCGTemp *b)
{
    TCGOp *op = tcg_emit_op(opc, t);
    op->args[0] = temp_arg(r);
    op->args[1] = temp_arg(a);
    op->args[2] = temp_arg(b);
}

static TCGOp *gen_opn(TCGOpcode opc, TCGType t, int n, TCGTemp **a)
{
    TCGOp *op = tcg_emit_op(opc, t);
    for (int i = 0; i < n; i++) {
        op->args[i] = temp_arg(a[i]);
    }
    return op;
}

static TCGTemp *const_t(TCGType t, uint64_t v)
{
    return tcg_constant_internal(t, v);
}

static TCGTemp *ebb_temp(TCGType t)
{
    return tcg_temp_new_internal(t, TEMP_EBB);
}

/* --- labels ----------------------------------------------------------- */

void tcg_gen_set_label(TCGLabel *l)
{
    TCGOp *op = tcg_emit_op(INDEX_op_set_label, TCG_TYPE_I64);
    op->args[0] = label_arg(l);
}

void tcg_gen_br(TCGLabel *l)
{
    TCGOp *op = tcg_emit_op(INDEX_op_br, TCG_TYPE_I64);
    op->args[0] = label_arg(l);
    l->referenced = true;
}

static void gen_brcond(TCGType t, TCGCond cond, TCGTemp *a, TCGTemp *b,
                       TCGLabel *l)
{
    TCGOp *op;

    if (cond == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
        return;
    }
    if (cond == TCG_COND_NEVER) {
        return;
    }
    op = tcg_emit_op(INDEX_op_brcond, t);
    op->args[0] = temp_arg(a);
    op->args[1] = temp_arg(b);
    op->args[2] = cond;
    op->args[3] = label_arg(l);
    l->referenced = true;
}

void tcg_gen_brcond_i32(TCGCond c, TCGv_i32 a, TCGv_i32 b, TCGLabel *l)
{
    gen_brcond(TCG_TYPE_I32, c, tcgv_i32_temp(a), tcgv_i32_temp(b), l);
}

void tcg_gen_brcond_i64(TCGCond c, TCGv_i64 a, TCGv_i64 b, TCGLabel *l)
{
    gen_brcond(TCG_TYPE_I64, c, tcgv_i64_temp(a), tcgv_i64_temp(b), l);
}

void tcg_gen_brcondi_i32(TCGCond c, TCGv_i32 a, int32_t b, TCGLabel *l)
{
    gen_brcond(TCG_TYPE_I32, c, tcgv_i32_temp(a),
               const_t(TCG_TYPE_I32, (uint32_t)b), l);
}

void tcg_gen_brcondi_i64(TCGCond c, TCGv_i64 a, int64_t b, TCGLabel *l)
{
    gen_brcond(TCG_TYPE_I64, c, tcgv_i64_temp(a),
               const_t(TCG_TYPE_I64, (uint64_t)b), l);
}

/* --- width-generic implementations on TCGTemp ------------------------- */

static void gen_div_rem(TCGType t, bool is_signed, bool want_rem,
                        TCGTemp *ret, TCGTemp *a, TCGTemp *b)
{
    TCGTemp *hi = ebb_temp(t), *q = ebb_temp(t), *r = ebb_temp(t);
    TCGTemp *args[5] = { q, r, a, hi, b };

    if (is_signed) {
        gen_op2(INDEX_op_sar, t, hi, a,
                const_t(t, t == TCG_TYPE_I32 ? 31 : 63));
    } else {
        gen_op1(INDEX_op_mov, t, hi, const_t(t, 0));
    }
    gen_opn(is_signed ? INDEX_op_divs2 : INDEX_op_divu2, t, 5, args);
    gen_op1(INDEX_op_mov, t, ret, want_rem ? r : q);
    tcg_temp_free_internal(hi);
    tcg_temp_free_internal(q);
    tcg_temp_free_internal(r);
}

static void gen_mulh(TCGType t, bool is_signed, TCGTemp *ret, TCGTemp *a,
                     TCGTemp *b)
{
    TCGTemp *lo = ebb_temp(t), *hi = ebb_temp(t);
    TCGTemp *args[4] = { lo, hi, a, b };

    gen_opn(is_signed ? INDEX_op_muls2 : INDEX_op_mulu2, t, 4, args);
    gen_op1(INDEX_op_mov, t, ret, hi);
    tcg_temp_free_internal(lo);
    tcg_temp_free_internal(hi);
}

static void gen_bitfield(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a,
                         TCGTemp *b, unsigned ofs, unsigned len)
{
    unsigned w = t == TCG_TYPE_I32 ? 32 : 64;
    TCGOp *op;

    assert(len >= 1 && ofs < w && len <= w - ofs);
    op = tcg_emit_op(opc, t);
    op->args[0] = temp_arg(ret);
    op->args[1] = temp_arg(a);
    if (opc == INDEX_op_deposit) {
        op->args[2] = temp_arg(b);
        op->args[3] = ofs;
        op->args[4] = len;
    } else {
        op->args[2] = ofs;
        op->args[3] = len;
    }
}

static void gen_setcond(TCGOpcode opc, TCGType t, TCGCond c, TCGTemp *ret,
                        TCGTemp *a, TCGTemp *b)
{
    TCGOp *op;

    if (c == TCG_COND_ALWAYS || c == TCG_COND_NEVER) {
        uint64_t v = c == TCG_COND_ALWAYS;
        gen_op1(INDEX_op_mov, t, ret,
                const_t(t, opc == INDEX_op_negsetcond ? -v : v));
        return;
    }
    op = tcg_emit_op(opc, t);
    op->args[0] = temp_arg(ret);
    op->args[1] = temp_arg(a);
    op->args[2] = temp_arg(b);
    op->args[3] = c;
}

static TCGOp *gen_movcond(TCGType t, TCGCond c, TCGTemp *ret, TCGTemp *c1,
                          TCGTemp *c2, TCGTemp *v1, TCGTemp *v2)
{
    TCGOp *op;

    if (c == TCG_COND_ALWAYS || c == TCG_COND_NEVER) {
        gen_op1(INDEX_op_mov, t, ret, c == TCG_COND_ALWAYS ? v1 : v2);
        return NULL;
    }
    op = tcg_emit_op(INDEX_op_movcond, t);
    op->args[0] = temp_arg(ret);
    op->args[1] = temp_arg(c1);
    op->args[2] = temp_arg(c2);
    op->args[3] = temp_arg(v1);
    op->args[4] = temp_arg(v2);
    op->args[5] = c;
    return op;
}

void tcg_gen_movcond_predictable_i64(TCGCond c, TCGv_i64 ret, TCGv_i64 c1,
                                     TCGv_i64 c2, TCGv_i64 v1, TCGv_i64 v2)
{
    TCGOp *op = gen_movcond(TCG_TYPE_I64, c, tcgv_i64_temp(ret),
                            tcgv_i64_temp(c1), tcgv_i64_temp(c2),
                            tcgv_i64_temp(v1), tcgv_i64_temp(v2));

    if (op) {
        op->args[TCG_MOVCOND_PREDICTABLE] = 1;
    }
}

static void gen_ldst(TCGOpcode opc, TCGType t, TCGTemp *val, TCGTemp *base,
                     intptr_t ofs)
{
    TCGOp *op = tcg_emit_op(opc, t);
    op->args[0] = temp_arg(val);
    op->args[1] = temp_arg(base);
    op->args[2] = (TCGArg)ofs;
}

static MemOp canon_memop(TCGType t, MemOp mop, bool is_store)
{
    MemOp size = mop & MO_SIZE;

    assert(size <= MO_64 && (t == TCG_TYPE_I64 || size <= MO_32));
    if (is_store) {
        mop &= ~MO_SIGN;
    }
    if (size == MO_8) {
        mop &= ~MO_BSWAP;
    }
    if ((t == TCG_TYPE_I32 && size == MO_32) || size == MO_64) {
        mop &= ~MO_SIGN;
    }
    return mop;
}

static void gen_qemu_ld(TCGType t, TCGTemp *val, TCGTemp *addr, MemOp mop)
{
    TCGOp *op = tcg_emit_op(INDEX_op_qemu_ld, t);
    op->args[0] = temp_arg(val);
    op->args[1] = temp_arg(addr);
    op->args[2] = canon_memop(t, mop, false);
}

static void gen_qemu_st(TCGType t, TCGTemp *val, TCGTemp *addr, MemOp mop)
{
    TCGOp *op = tcg_emit_op(INDEX_op_qemu_st, t);
    op->args[0] = temp_arg(val);
    op->args[1] = temp_arg(addr);
    op->args[2] = canon_memop(t, mop, true);
}

/* --- per-width wrappers ------------------------------------------------ */

#define GEN_WIDTH(W, T, IMM, TYPE, TMP)                                      \
void tcg_gen_mov_##W(T r, T a)                                              \
{                                                                           \
    if (r != a) {                                                           \
        gen_op1(INDEX_op_mov, TYPE, TMP(r), TMP(a));                        \
    }                                                                       \
}                                                                           \
void tcg_gen_movi_##W(T r, IMM v)                                           \
{                                                                           \
    gen_op1(INDEX_op_mov, TYPE, TMP(r), const_t(TYPE, (uint64_t)v));        \
}                                                                           \
void tcg_gen_discard_##W(T a)                                               \
{                                                                           \
    TCGOp *op = tcg_emit_op(INDEX_op_discard, TYPE);                        \
    op->args[0] = temp_arg(TMP(a));                                         \
}                                                                           \
void tcg_gen_add_##W(T r, T a, T b)                                         \
{ gen_op2(INDEX_op_add, TYPE, TMP(r), TMP(a), TMP(b)); }                    \
void tcg_gen_sub_##W(T r, T a, T b)                                         \
{ gen_op2(INDEX_op_sub, TYPE, TMP(r), TMP(a), TMP(b)); }                    \
void tcg_gen_mul_##W(T r, T a, T b)                                         \
{ gen_op2(INDEX_op_mul, TYPE, TMP(r), TMP(a), TMP(b)); }                    \
void tcg_gen_and_##W(T r, T a, T b)                                         \
{ gen_op2(INDEX_op_and, TYPE, TMP(r), TMP(a), TMP(b)); }                    \
void tcg_gen_or_##W(T r, T a, T b)                                          \
{ gen_op2(INDEX_op_or, TYPE, TMP(r), TMP(a), TMP(b)); }                     \
void tcg_gen_xor_##W(T r, T a, T b)                                         \
{ gen_op2(INDEX_op_xor, TYPE, TMP(r), TMP(a), TMP(b)); }                    \
void tcg_gen_andc_##W(T r, T a, T b)                                        \
{ gen_op2(INDEX_op_andc, TYPE, TMP(r), TMP(a), TMP(b)); }                   \
void tcg_gen_orc_##W(T r, T a, T b)                                         \
{ gen_op2(INDEX_op_orc, TYPE, TMP(r), TMP(a), TMP(b)); }                    \
void tcg_gen_eqv_##W(T r, T a, T b)                                         \
{ gen_op2(INDEX_op_eqv, TYPE, TMP(r), TMP(a), TMP(b)); }                    \
void tcg_gen_nand_##W(T r, T a, T b)                                        \
{ gen_op2(INDEX_op_nand, TYPE, TMP(r), TMP(a), TMP(b)); }                   \
void tcg_gen_nor_##W(T r, T a, T b)                                         \
{ gen_op2(INDEX_op_nor, TYPE, TMP(r), TMP(a), TMP(b)); }                    \
void tcg_gen_shl_##W(T r, T a, T b)                                         \
{ gen_op2(INDEX_op_shl, TYPE, TMP(r), TMP(a), TMP(b)); }                    \
void tcg_gen_shr_##W(T r, T a, T b)                                         \
{ gen_op2(INDEX_op_shr, TYPE, TMP(r), TMP(a), TMP(b)); }                    \
void tcg_gen_sar_##W(T r, T a, T b)                                         \
{ gen_op2(INDEX_op_sar, TYPE, TMP(r), TMP(a), TMP(b)); }                    \
void tcg_gen_rotl_##W(T r, T a, T b)                                        \
{ gen_op2(INDEX_op_rotl, TYPE, TMP(r), TMP(a), TMP(b)); }                   \
void tcg_gen_rotr_##W(T r, T a, T b)                                        \
{ gen_op2(INDEX_op_rotr, TYPE, TMP(r), TMP(a), TMP(b)); }                   \
void tcg_gen_clz_##W(T r, T a, T b)                                         \
{ gen_op2(INDEX_op_clz, TYPE, TMP(r), TMP(a), TMP(b)); }                    \
void tcg_gen_ctz_##W(T r, T a, T b)                                         \
{ gen_op2(INDEX_op_ctz, TYPE, TMP(r), TMP(a), TMP(b)); }                    \
void tcg_gen_addi_##W(T r, T a, IMM b)                                      \
{ gen_op2(INDEX_op_add, TYPE, TMP(r), TMP(a), const_t(TYPE, (uint64_t)b)); }\
void tcg_gen_subi_##W(T r, T a, IMM b)                                      \
{ gen_op2(INDEX_op_sub, TYPE, TMP(r), TMP(a), const_t(TYPE, (uint64_t)b)); }\
void tcg_gen_subfi_##W(T r, IMM a, T b)                                     \
{ gen_op2(INDEX_op_sub, TYPE, TMP(r), const_t(TYPE, (uint64_t)a), TMP(b)); }\
void tcg_gen_muli_##W(T r, T a, IMM b)                                      \
{ gen_op2(INDEX_op_mul, TYPE, TMP(r), TMP(a), const_t(TYPE, (uint64_t)b)); }\
void tcg_gen_andi_##W(T r, T a, IMM b)                                      \
{ gen_op2(INDEX_op_and, TYPE, TMP(r), TMP(a), const_t(TYPE, (uint64_t)b)); }\
void tcg_gen_ori_##W(T r, T a, IMM b)                                       \
{ gen_op2(INDEX_op_or, TYPE, TMP(r), TMP(a), const_t(TYPE, (uint64_t)b)); } \
void tcg_gen_xori_##W(T r, T a, IMM b)                                      \
{ gen_op2(INDEX_op_xor, TYPE, TMP(r), TMP(a), const_t(TYPE, (uint64_t)b)); }\
void tcg_gen_shli_##W(T r, T a, IMM b)                                      \
{ gen_op2(INDEX_op_shl, TYPE, TMP(r), TMP(a), const_t(TYPE, (uint64_t)b)); }\
void tcg_gen_shri_##W(T r, T a, IMM b)                                      \
{ gen_op2(INDEX_op_shr, TYPE, TMP(r), TMP(a), const_t(TYPE, (uint64_t)b)); }\
void tcg_gen_sari_##W(T r, T a, IMM b)                                      \
{ gen_op2(INDEX_op_sar, TYPE, TMP(r), TMP(a), const_t(TYPE, (uint64_t)b)); }\
void tcg_gen_rotli_##W(T r, T a, IMM b)                                     \
{ gen_op2(INDEX_op_rotl, TYPE, TMP(r), TMP(a), const_t(TYPE, (uint64_t)b)); }\
void tcg_gen_rotri_##W(T r, T a, IMM b)                                     \
{ gen_op2(INDEX_op_rotr, TYPE, TMP(r), TMP(a), const_t(TYPE, (uint64_t)b)); }\
void tcg_gen_clzi_##W(T r, T a, IMM b)                                      \
{ gen_op2(INDEX_op_clz, TYPE, TMP(r), TMP(a), const_t(TYPE, (uint64_t)b)); }\
void tcg_gen_ctzi_##W(T r, T a, IMM b)                                      \
{ gen_op2(INDEX_op_ctz, TYPE, TMP(r), TMP(a), const_t(TYPE, (uint64_t)b)); }\
void tcg_gen_neg_##W(T r, T a) { gen_op1(INDEX_op_neg, TYPE, TMP(r), TMP(a)); } \
void tcg_gen_not_##W(T r, T a) { gen_op1(INDEX_op_not, TYPE, TMP(r), TMP(a)); } \
void tcg_gen_ext8s_##W(T r, T a) { gen_op1(INDEX_op_ext8s, TYPE, TMP(r), TMP(a)); } \
void tcg_gen_ext8u_##W(T r, T a) { gen_op1(INDEX_op_ext8u, TYPE, TMP(r), TMP(a)); } \
void tcg_gen_ext16s_##W(T r, T a) { gen_op1(INDEX_op_ext16s, TYPE, TMP(r), TMP(a)); } \
void tcg_gen_ext16u_##W(T r, T a) { gen_op1(INDEX_op_ext16u, TYPE, TMP(r), TMP(a)); } \
void tcg_gen_bswap16_##W(T r, T a) { gen_op1(INDEX_op_bswap16, TYPE, TMP(r), TMP(a)); } \
void tcg_gen_bswap32_##W(T r, T a) { gen_op1(INDEX_op_bswap32, TYPE, TMP(r), TMP(a)); } \
void tcg_gen_ctpop_##W(T r, T a) { gen_op1(INDEX_op_ctpop, TYPE, TMP(r), TMP(a)); } \
void tcg_gen_mulu2_##W(T rl, T rh, T a, T b)                                \
{                                                                           \
    TCGTemp *args[4] = { TMP(rl), TMP(rh), TMP(a), TMP(b) };                \
    gen_opn(INDEX_op_mulu2, TYPE, 4, args);                                 \
}                                                                           \
void tcg_gen_muls2_##W(T rl, T rh, T a, T b)                                \
{                                                                           \
    TCGTemp *args[4] = { TMP(rl), TMP(rh), TMP(a), TMP(b) };                \
    gen_opn(INDEX_op_muls2, TYPE, 4, args);                                 \
}                                                                           \
void tcg_gen_muluh_##W(T r, T a, T b)                                       \
{ gen_mulh(TYPE, false, TMP(r), TMP(a), TMP(b)); }                          \
void tcg_gen_mulsh_##W(T r, T a, T b)                                       \
{ gen_mulh(TYPE, true, TMP(r), TMP(a), TMP(b)); }                           \
void tcg_gen_div_##W(T r, T a, T b)                                         \
{ gen_div_rem(TYPE, true, false, TMP(r), TMP(a), TMP(b)); }                 \
void tcg_gen_rem_##W(T r, T a, T b)                                         \
{ gen_div_rem(TYPE, true, true, TMP(r), TMP(a), TMP(b)); }                  \
void tcg_gen_divu_##W(T r, T a, T b)                                        \
{ gen_div_rem(TYPE, false, false, TMP(r), TMP(a), TMP(b)); }                \
void tcg_gen_remu_##W(T r, T a, T b)                                        \
{ gen_div_rem(TYPE, false, true, TMP(r), TMP(a), TMP(b)); }                 \
void tcg_gen_add2_##W(T rl, T rh, T al, T ah, T bl, T bh)                   \
{                                                                           \
    TCGTemp *args[6] = { TMP(rl), TMP(rh), TMP(al), TMP(ah), TMP(bl),       \
                         TMP(bh) };                                         \
    gen_opn(INDEX_op_add2, TYPE, 6, args);                                  \
}                                                                           \
void tcg_gen_sub2_##W(T rl, T rh, T al, T ah, T bl, T bh)                   \
{                                                                           \
    TCGTemp *args[6] = { TMP(rl), TMP(rh), TMP(al), TMP(ah), TMP(bl),       \
                         TMP(bh) };                                         \
    gen_opn(INDEX_op_sub2, TYPE, 6, args);                                  \
}                                                                           \
void tcg_gen_extract_##W(T r, T a, unsigned ofs, unsigned len)              \
{ gen_bitfield(INDEX_op_extract, TYPE, TMP(r), TMP(a), NULL, ofs, len); }   \
void tcg_gen_sextract_##W(T r, T a, unsigned ofs, unsigned len)             \
{ gen_bitfield(INDEX_op_sextract, TYPE, TMP(r), TMP(a), NULL, ofs, len); }  \
void tcg_gen_deposit_##W(T r, T a, T b, unsigned ofs, unsigned len)         \
{ gen_bitfield(INDEX_op_deposit, TYPE, TMP(r), TMP(a), TMP(b), ofs, len); } \
void tcg_gen_setcond_##W(TCGCond c, T r, T a, T b)                          \
{ gen_setcond(INDEX_op_setcond, TYPE, c, TMP(r), TMP(a), TMP(b)); }         \
void tcg_gen_setcondi_##W(TCGCond c, T r, T a, IMM b)                       \
{                                                                           \
    gen_setcond(INDEX_op_setcond, TYPE, c, TMP(r), TMP(a),                  \
                const_t(TYPE, (uint64_t)b));                                \
}                                                                           \
void tcg_gen_negsetcond_##W(TCGCond c, T r, T a, T b)                       \
{ gen_setcond(INDEX_op_negsetcond, TYPE, c, TMP(r), TMP(a), TMP(b)); }      \
void tcg_gen_movcond_##W(TCGCond c, T r, T c1, T c2, T v1, T v2)            \
{ gen_movcond(TYPE, c, TMP(r), TMP(c1), TMP(c2), TMP(v1), TMP(v2)); }       \
void tcg_gen_ld8u_##W(T r, TCGv_ptr b, intptr_t o)                          \
{ gen_ldst(INDEX_op_ld8u, TYPE, TMP(r), tcgv_ptr_temp(b), o); }             \
void tcg_gen_ld8s_##W(T r, TCGv_ptr b, intptr_t o)                          \
{ gen_ldst(INDEX_op_ld8s, TYPE, TMP(r), tcgv_ptr_temp(b), o); }             \
void tcg_gen_ld16u_##W(T r, TCGv_ptr b, intptr_t o)                         \
{ gen_ldst(INDEX_op_ld16u, TYPE, TMP(r), tcgv_ptr_temp(b), o); }            \
void tcg_gen_ld16s_##W(T r, TCGv_ptr b, intptr_t o)                         \
{ gen_ldst(INDEX_op_ld16s, TYPE, TMP(r), tcgv_ptr_temp(b), o); }            \
void tcg_gen_ld_##W(T r, TCGv_ptr b, intptr_t o)                            \
{ gen_ldst(INDEX_op_ld, TYPE, TMP(r), tcgv_ptr_temp(b), o); }               \
void tcg_gen_st8_##W(T v, TCGv_ptr b, intptr_t o)                           \
{ gen_ldst(INDEX_op_st8, TYPE, TMP(v), tcgv_ptr_temp(b), o); }              \
void tcg_gen_st16_##W(T v, TCGv_ptr b, intptr_t o)                          \
{ gen_ldst(INDEX_op_st16, TYPE, TMP(v), tcgv_ptr_temp(b), o); }             \
void tcg_gen_st_##W(T v, TCGv_ptr b, intptr_t o)                            \
{ gen_ldst(INDEX_op_st, TYPE, TMP(v), tcgv_ptr_temp(b), o); }               \
void tcg_gen_qemu_ld_##W(T v, TCGv_i64 addr, MemOp mop)                     \
{ gen_qemu_ld(TYPE, TMP(v), tcgv_i64_temp(addr), mop); }                    \
void tcg_gen_qemu_st_##W(T v, TCGv_i64 addr, MemOp mop)                     \
{ gen_qemu_st(TYPE, TMP(v), tcgv_i64_temp(addr), mop); }

GEN_WIDTH(i32, TCGv_i32, int32_t, TCG_TYPE_I32, tcgv_i32_temp)
GEN_WIDTH(i64, TCGv_i64, int64_t, TCG_TYPE_I64, tcgv_i64_temp)
#undef GEN_WIDTH

/* --- i64 only ---------------------------------------------------------- */

void tcg_gen_ext32s_i64(TCGv_i64 r, TCGv_i64 a)
{
    gen_op1(INDEX_op_ext32s, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a));
}

void tcg_gen_ext32u_i64(TCGv_i64 r, TCGv_i64 a)
{
    gen_op1(INDEX_op_ext32u, TCG_TYPE_I64, tcgv_i64_temp(r), tcgv_i64_temp(a));
}

void tcg_gen_bswap64_i64(TCGv_i64 r, TCGv_i64 a)
{
    gen_op1(INDEX_op_bswap64, TCG_TYPE_I64, tcgv_i64_temp(r),
            tcgv_i64_temp(a));
}

void tcg_gen_ld32u_i64(TCGv_i64 r, TCGv_ptr b, intptr_t o)
{
    gen_ldst(INDEX_op_ld32u, TCG_TYPE_I64, tcgv_i64_temp(r),
             tcgv_ptr_temp(b), o);
}

void tcg_gen_ld32s_i64(TCGv_i64 r, TCGv_ptr b, intptr_t o)
{
    gen_ldst(INDEX_op_ld32s, TCG_TYPE_I64, tcgv_i64_temp(r),
             tcgv_ptr_temp(b), o);
}

void tcg_gen_st32_i64(TCGv_i64 v, TCGv_ptr b, intptr_t o)
{
    gen_ldst(INDEX_op_st32, TCG_TYPE_I64, tcgv_i64_temp(v),
             tcgv_ptr_temp(b), o);
}

/* --- conversions -------------------------------------------------------- */

void tcg_gen_ext_i32_i64(TCGv_i64 r, TCGv_i32 a)
{
    gen_op1(INDEX_op_ext_i32_i64, TCG_TYPE_I64, tcgv_i64_temp(r),
            tcgv_i32_temp(a));
}

void tcg_gen_extu_i32_i64(TCGv_i64 r, TCGv_i32 a)
{
    gen_op1(INDEX_op_extu_i32_i64, TCG_TYPE_I64, tcgv_i64_temp(r),
            tcgv_i32_temp(a));
}

void tcg_gen_extrl_i64_i32(TCGv_i32 r, TCGv_i64 a)
{
    gen_op1(INDEX_op_extrl_i64_i32, TCG_TYPE_I32, tcgv_i32_temp(r),
            tcgv_i64_temp(a));
}

void tcg_gen_extrh_i64_i32(TCGv_i32 r, TCGv_i64 a)
{
    gen_op1(INDEX_op_extrh_i64_i32, TCG_TYPE_I32, tcgv_i32_temp(r),
            tcgv_i64_temp(a));
}

void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 a)
{
    tcg_gen_extrl_i64_i32(lo, a);
    tcg_gen_extrh_i64_i32(hi, a);
}

void tcg_gen_concat_i32_i64(TCGv_i64 r, TCGv_i32 lo, TCGv_i32 hi)
{
    gen_op2(INDEX_op_concat_i32_i64, TCG_TYPE_I64, tcgv_i64_temp(r),
            tcgv_i32_temp(lo), tcgv_i32_temp(hi));
}

void tcg_gen_qemu_ld_i128(TCGv_i64 lo, TCGv_i64 hi, TCGv_i64 addr, MemOp mop)
{
    TCGOp *op;

    assert((mop & MO_SIZE) == MO_128);
    op = tcg_emit_op(INDEX_op_qemu_ld2, TCG_TYPE_I64);
    op->args[0] = temp_arg(tcgv_i64_temp(lo));
    op->args[1] = temp_arg(tcgv_i64_temp(hi));
    op->args[2] = temp_arg(tcgv_i64_temp(addr));
    op->args[3] = mop & ~MO_SIGN;
}

void tcg_gen_qemu_st_i128(TCGv_i64 lo, TCGv_i64 hi, TCGv_i64 addr, MemOp mop)
{
    TCGOp *op;

    assert((mop & MO_SIZE) == MO_128);
    op = tcg_emit_op(INDEX_op_qemu_st2, TCG_TYPE_I64);
    op->args[0] = temp_arg(tcgv_i64_temp(lo));
    op->args[1] = temp_arg(tcgv_i64_temp(hi));
    op->args[2] = temp_arg(tcgv_i64_temp(addr));
    op->args[3] = mop & ~MO_SIGN;
}

/* --- pointers ----------------------------------------------------------- */

void tcg_gen_mov_ptr(TCGv_ptr r, TCGv_ptr a)
{
    tcg_gen_mov_i64((TCGv_i64)r, (TCGv_i64)a);
}

void tcg_gen_addi_ptr(TCGv_ptr r, TCGv_ptr a, intptr_t b)
{
    tcg_gen_addi_i64((TCGv_i64)r, (TCGv_i64)a, b);
}

void tcg_gen_add_ptr(TCGv_ptr r, TCGv_ptr a, TCGv_ptr b)
{
    tcg_gen_add_i64((TCGv_i64)r, (TCGv_i64)a, (TCGv_i64)b);
}

void tcg_gen_ld_ptr(TCGv_ptr r, TCGv_ptr base, intptr_t ofs)
{
    tcg_gen_ld_i64((TCGv_i64)r, base, ofs);
}

void tcg_gen_st_ptr(TCGv_ptr v, TCGv_ptr base, intptr_t ofs)
{
    tcg_gen_st_i64((TCGv_i64)v, base, ofs);
}

void tcg_gen_ext_i64_ptr(TCGv_ptr r, TCGv_i64 a)
{
    tcg_gen_mov_i64((TCGv_i64)r, a);
}

void tcg_gen_ext_ptr_i64(TCGv_i64 r, TCGv_ptr a)
{
    tcg_gen_mov_i64(r, (TCGv_i64)a);
}

/* --- calls -------------------------------------------------------------- */

void tcg_gen_callN(void *func, unsigned flags, TCGTemp *ret, int nargs,
                   TCGTemp **args)
{
    TCGOp *op;
    int k = 0;

    assert(nargs >= 0 && nargs <= TCG_MAX_CALL_ARGS);
    op = tcg_emit_op(INDEX_op_call, ret ? ret->type : TCG_TYPE_I64);
    op->nb_oargs = ret != NULL;
    op->nb_iargs = nargs;
    if (ret) {
        op->args[k++] = temp_arg(ret);
    }
    for (int i = 0; i < nargs; i++) {
        op->args[k++] = temp_arg(args[i]);
    }
    op->args[k++] = (TCGArg)func;
    op->args[k++] = flags;
}

void tcg_gen_call(void *func, unsigned flags, TCGTemp *ret, int nargs, ...)
{
    TCGTemp *args[TCG_MAX_CALL_ARGS];
    va_list ap;

    assert(nargs >= 0 && nargs <= TCG_MAX_CALL_ARGS);
    va_start(ap, nargs);
    for (int i = 0; i < nargs; i++) {
        args[i] = va_arg(ap, TCGTemp *);
    }
    va_end(ap);
    tcg_gen_callN(func, flags, ret, nargs, args);
}

/* --- insn_start, exits, barriers ---------------------------------------- */

void tcg_gen_insn_start3(uint64_t w0, uint64_t w1, uint64_t w2)
{
    TCGOp *op = tcg_emit_op(INDEX_op_insn_start, TCG_TYPE_I64);
    op->args[0] = w0;
    op->args[1] = w1;
    op->args[2] = w2;
}

void tcg_gen_insn_start(uint64_t w0)
{
    tcg_gen_insn_start3(w0, 0, 0);
}

void tcg_gen_insn_start2(uint64_t w0, uint64_t w1)
{
    tcg_gen_insn_start3(w0, w1, 0);
}

void tcg_gen_goto_tb(unsigned idx)
{
    TCGOp *op;

    assert(idx <= 1);
    op = tcg_emit_op(INDEX_op_goto_tb, TCG_TYPE_I64);
    op->args[0] = idx;
}

void tcg_gen_exit_tb(const TranslationBlock *tb, unsigned idx)
{
    TCGOp *op = tcg_emit_op(INDEX_op_exit_tb, TCG_TYPE_I64);

    assert(idx <= TB_EXIT_REQUESTED && (tb || idx == 0));
    op->args[0] = (uintptr_t)tb | idx;
}

void tcg_gen_goto_ptr(TCGv_ptr ptr)
{
    TCGOp *op = tcg_emit_op(INDEX_op_goto_ptr, TCG_TYPE_I64);
    op->args[0] = temp_arg(tcgv_ptr_temp(ptr));
}

void tcg_gen_lookup_and_goto_ptr(void)
{
    TCGTemp *ptr;

    if (!tcg_lookup_tb_ptr_fn) {
        tcg_gen_exit_tb(NULL, 0);
        return;
    }
    ptr = tcg_temp_new_internal(TCG_TYPE_PTR, TEMP_EBB);
    tcg_gen_call((void *)tcg_lookup_tb_ptr_fn, TCG_CALL_NO_WG_SE, ptr, 1,
                 tcgv_ptr_temp(tcg_env));
    tcg_gen_goto_ptr(temp_tcgv_ptr(ptr));
    tcg_temp_free_internal(ptr);
}

void tcg_gen_mb(TCGBar bar)
{
    TCGOp *op = tcg_emit_op(INDEX_op_mb, TCG_TYPE_I64);
    op->args[0] = bar;
}

/* --- floating point ------------------------------------------------------ */

void tcg_gen_fpu1_i64(TCGFpOp fop, TCGv_i64 r, TCGv_i64 a)
{
    TCGOp *op;

    assert(fop < TCG_FP_COUNT && tcg_fp_nb_inputs(fop) == 1);
    op = tcg_emit_op(INDEX_op_fpu1, TCG_TYPE_I64);
    op->args[0] = temp_arg(tcgv_i64_temp(r));
    op->args[1] = temp_arg(tcgv_i64_temp(a));
    op->args[2] = fop;
}

void tcg_gen_fpu2_i64(TCGFpOp fop, TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    TCGOp *op;

    assert(fop < TCG_FP_COUNT && tcg_fp_nb_inputs(fop) == 2);
    op = tcg_emit_op(INDEX_op_fpu2, TCG_TYPE_I64);
    op->args[0] = temp_arg(tcgv_i64_temp(r));
    op->args[1] = temp_arg(tcgv_i64_temp(a));
    op->args[2] = temp_arg(tcgv_i64_temp(b));
    op->args[3] = fop;
}

/* --- packed integer ------------------------------------------------------ */

unsigned tcg_vec_feature_mask = ~0u;

unsigned tcg_vec_host_features(void)
{
    static unsigned features;       /* bit 31: read */

    if (!features) {
        unsigned f = TCG_VEC_FEAT_SSE2;     /* x86-64 baseline */
#if defined(__x86_64__)
        unsigned a, b, c, d;

        if (__get_cpuid(1, &a, &b, &c, &d)) {
            f |= c & (1u << 9) ? TCG_VEC_FEAT_SSSE3 : 0;
            f |= c & (1u << 19) ? TCG_VEC_FEAT_SSE41 : 0;
        }
#endif
        __atomic_store_n(&features, f | 1u << 31, __ATOMIC_RELAXED);
    }
    return features & ~(1u << 31);
}

bool tcg_vec_parse_features(const char *list, unsigned *mask, Error **errp)
{
    static const struct {
        const char *name;
        unsigned feat;
    } names[] = {
        { "none", 0 }, { "sse2", TCG_VEC_FEAT_SSE2 },
        { "ssse3", TCG_VEC_FEAT_SSSE3 }, { "sse4.1", TCG_VEC_FEAT_SSE41 },
    };
    unsigned m = 0;
    const char *p = list;

    if (!list) {
        return true;
    }
    while (*p) {
        size_t n = strcspn(p, ","), i;

        for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
            if (strlen(names[i].name) == n && !strncmp(p, names[i].name, n)) {
                m |= names[i].feat;
                break;
            }
        }
        if (i == sizeof(names) / sizeof(names[0])) {
            error_setg(errp, "QEMU_TCG_VEC_FEATURES: unknown feature '%.*s' "
                       "(none, sse2, ssse3, sse4.1)", (int)n, p);
            return false;
        }
        p += n + (p[n] == ',');
    }
    *mask = m;
    return true;
}

void tcg_gen_vec2_i64(TCGVecOp vop, TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    TCGOp *op;

    assert(tcg_vec_op_supported(vop));
    op = tcg_emit_op(INDEX_op_vec2, TCG_TYPE_I64);
    op->args[0] = temp_arg(tcgv_i64_temp(r));
    op->args[1] = temp_arg(tcgv_i64_temp(a));
    op->args[2] = temp_arg(tcgv_i64_temp(b));
    op->args[3] = vop;
}

void tcg_gen_guard_env32(intptr_t ofs, uint32_t mask, uint32_t val)
{
    TCGOp *op = tcg_emit_op(INDEX_op_guard, TCG_TYPE_I64);

    assert(ofs >= 0 && ofs < INT32_MAX - 4);
    op->args[0] = ofs;
    op->args[1] = mask;
    op->args[2] = val;
}

void tcg_gen_call_cold_i64(TCGv_i64 cond, TCGv_i64 arg,
                           void (*func)(void *env, uint64_t arg, uint64_t c1,
                                        uint64_t c2),
                           uint64_t c1, uint64_t c2)
{
    TCGOp *op = tcg_emit_op(INDEX_op_call_cold, TCG_TYPE_I64);

    op->args[0] = temp_arg(tcgv_i64_temp(cond));
    op->args[1] = temp_arg(tcgv_i64_temp(arg));
    op->args[2] = (uintptr_t)func;
    op->args[3] = c1;
    op->args[4] = c2;
}
