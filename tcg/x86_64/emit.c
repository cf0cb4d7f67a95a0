/*
 * x86-64 backend: instruction encoding, per-op code sequences, op
 * argument constraints, the prologue/epilogue, direct-jump patching and
 * the out_asm disassembly.  Register allocation is in regalloc.c.
 *
 * Guest memory accesses are one instruction on [R14 + addr] (R14 =
 * guest_base), so a host fault lands inside the code of the guest
 * instruction that caused it.  goto_tb is a `jmp rel32` whose
 * displacement is 4-byte aligned so chaining can rewrite it atomically.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <assert.h>
#include <cpuid.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "config-host.h"
#include "qemu/bitops.h"
#include "tcg-target.h"
#include "../tcg-eval.h"
#include "tcg/tcg-fp.h"
#include "tcg/tcg-vec.h"

#ifdef CONFIG_CAPSTONE
#include <capstone/capstone.h>
#endif

bool x86_have_lzcnt, x86_have_bmi1, x86_have_popcnt;
uintptr_t x86_epilogue_ret, x86_epilogue_ret0;

/* Opcode flags above the opcode byte. */
#define P_EXT     0x100         /* 0x0f escape */
#define P_DATA16  0x400         /* 0x66 operand-size prefix */
#define P_REXW    0x1000        /* REX.W */
#define P_REXB_R  0x2000        /* byte register in the reg field */
#define P_REXB_RM 0x4000        /* byte register in the r/m field */
#define P_SIMDF3  0x10000       /* 0xf3 prefix */
#define P_SIMDF2  0x20000       /* 0xf2 prefix */
#define P_EXT38   0x40000       /* 0x0f 0x38 escape */

#define OPC_ARITH_EvIz  0x81
#define OPC_ARITH_EvIb  0x83
#define OPC_ARITH_GvEv  0x03    /* + (op << 3) */
#define OPC_BSF         (0xbc | P_EXT)
#define OPC_BSR         (0xbd | P_EXT)
#define OPC_BSWAP       (0xc8 | P_EXT)
#define OPC_CALL_Jz     0xe8
#define OPC_CMOVCC      (0x40 | P_EXT)
#define OPC_GRP3_Ev     0xf7
#define OPC_GRP5        0xff
#define OPC_IMUL_GvEv   (0xaf | P_EXT)
#define OPC_IMUL_GvEvIb 0x6b
#define OPC_IMUL_GvEvIz 0x69
#define OPC_JCC_long    (0x80 | P_EXT)
#define OPC_JMP_long    0xe9
#define OPC_LEA         0x8d
#define OPC_LZCNT       (0xbd | P_EXT | P_SIMDF3)
#define OPC_MOVB_EvGv   0x88
#define OPC_MOVL_EvGv   0x89
#define OPC_MOVL_GvEv   0x8b
#define OPC_MOVB_EvIz   0xc6
#define OPC_MOVL_EvIz   0xc7
#define OPC_MOVL_Iv     0xb8
#define OPC_MOVSBL      (0xbe | P_EXT)
#define OPC_MOVSWL      (0xbf | P_EXT)
#define OPC_MOVSLQ      (0x63 | P_REXW)
#define OPC_MOVZBL      (0xb6 | P_EXT)
#define OPC_MOVZWL      (0xb7 | P_EXT)
#define OPC_POPCNT      (0xb8 | P_EXT | P_SIMDF3)
#define OPC_POP_r32     0x58
#define OPC_PUSH_r32    0x50
#define OPC_RET         0xc3
#define OPC_SETCC       (0x90 | P_EXT | P_REXB_RM)
#define OPC_SHIFT_1     0xd1
#define OPC_SHIFT_Ib    0xc1
#define OPC_SHIFT_cl    0xd3
#define OPC_TESTL       0x85
#define OPC_TZCNT       (0xbc | P_EXT | P_SIMDF3)

enum { ARITH_ADD, ARITH_OR, ARITH_ADC, ARITH_SBB, ARITH_AND, ARITH_SUB,
       ARITH_XOR, ARITH_CMP };
enum { SHIFT_ROL = 0, SHIFT_ROR = 1, SHIFT_SHL = 4, SHIFT_SHR = 5,
       SHIFT_SAR = 7 };
enum { EXT3_TESTi = 0, EXT3_NOT = 2, EXT3_NEG = 3, EXT3_MUL = 4,
       EXT3_IMUL = 5, EXT3_DIV = 6, EXT3_IDIV = 7 };
enum { EXT5_CALLN_Ev = 2, EXT5_JMPN_Ev = 4 };

enum { JCC_JB = 2, JCC_JAE = 3, JCC_JE = 4, JCC_JNE = 5, JCC_JBE = 6,
       JCC_JA = 7, JCC_JL = 0xc, JCC_JGE = 0xd, JCC_JLE = 0xe, JCC_JG = 0xf };

static const uint8_t x86_cond[TCG_COND_COUNT] = {
    [TCG_COND_EQ] = JCC_JE, [TCG_COND_NE] = JCC_JNE,
    [TCG_COND_LT] = JCC_JL, [TCG_COND_GE] = JCC_JGE,
    [TCG_COND_LE] = JCC_JLE, [TCG_COND_GT] = JCC_JG,
    [TCG_COND_LTU] = JCC_JB, [TCG_COND_GEU] = JCC_JAE,
    [TCG_COND_LEU] = JCC_JBE, [TCG_COND_GTU] = JCC_JA,
};

/* ------------------------------------------------------------------ */
/* Raw encoding                                                        */

static inline void o8(TCGContext *s, uint8_t v)
{
    *s->code_ptr++ = v;
}

static inline void o16(TCGContext *s, uint16_t v)
{
    memcpy(s->code_ptr, &v, 2);
    s->code_ptr += 2;
}

static inline void o32(TCGContext *s, uint32_t v)
{
    memcpy(s->code_ptr, &v, 4);
    s->code_ptr += 4;
}

static inline void o64(TCGContext *s, uint64_t v)
{
    memcpy(s->code_ptr, &v, 8);
    s->code_ptr += 8;
}

static inline bool fits_s8(int64_t v) { return v == (int8_t)v; }
static inline bool fits_s32(int64_t v) { return v == (int32_t)v; }

static void out_opc(TCGContext *s, int opc, int r, int rm, int x)
{
    int rex = 0;

    if (opc & P_DATA16) {
        o8(s, 0x66);
    }
    if (opc & P_SIMDF3) {
        o8(s, 0xf3);
    }
    if (opc & P_SIMDF2) {
        o8(s, 0xf2);
    }
    rex |= (opc & P_REXW) ? 8 : 0;
    rex |= (r & 8) >> 1;
    rex |= (x & 8) >> 2;
    rex |= (rm & 8) >> 3;
    /* spl/bpl/sil/dil need a REX prefix to be addressable as bytes */
    if ((opc & P_REXB_R) && r >= 4) {
        rex |= 0x40;
    }
    if ((opc & P_REXB_RM) && rm >= 4) {
        rex |= 0x40;
    }
    if (rex) {
        o8(s, 0x40 | rex);
    }
    if (opc & P_EXT) {
        o8(s, 0x0f);
    }
    if (opc & P_EXT38) {
        o8(s, 0x0f);
        o8(s, 0x38);
    }
    o8(s, opc & 0xff);
}

static void out_modrm(TCGContext *s, int opc, int r, int rm)
{
    out_opc(s, opc, r, rm, 0);
    o8(s, 0xc0 | ((r & 7) << 3) | (rm & 7));
}

/* [base + index + disp]; index < 0 for none. */
static void out_modrm_sib(TCGContext *s, int opc, int r, int base, int index,
                          int32_t disp)
{
    int mod;

    out_opc(s, opc, r, base, index < 0 ? 0 : index);
    if (disp == 0 && (base & 7) != R_RBP) {
        mod = 0;
    } else if (fits_s8(disp)) {
        mod = 0x40;
    } else {
        mod = 0x80;
    }
    if (index < 0 && (base & 7) != R_RSP) {
        o8(s, mod | ((r & 7) << 3) | (base & 7));
    } else {
        o8(s, mod | ((r & 7) << 3) | 4);
        o8(s, ((index < 0 ? 4 : index) & 7) << 3 | (base & 7));
    }
    if (mod == 0x40) {
        o8(s, (uint8_t)disp);
    } else if (mod == 0x80) {
        o32(s, (uint32_t)disp);
    }
}

/* r, [base + ofs] with any 64-bit offset (large ones go via TMP). */
static void out_modrm_offset(TCGContext *s, int opc, int r, int base,
                             intptr_t ofs)
{
    if (fits_s32(ofs)) {
        out_modrm_sib(s, opc, r, base, -1, (int32_t)ofs);
        return;
    }
    assert(r != TCG_REG_TMP && base != TCG_REG_TMP);
    x86_out_movi(s, TCG_TYPE_I64, TCG_REG_TMP, (uint64_t)ofs);
    out_modrm_sib(s, opc, r, base, TCG_REG_TMP, 0);
}

static inline int rexw(TCGType t)
{
    return t == TCG_TYPE_I64 ? P_REXW : 0;
}

static void out_arith(TCGContext *s, TCGType t, int aop, int dst, int src)
{
    out_modrm(s, (OPC_ARITH_GvEv + (aop << 3)) | rexw(t), dst, src);
}

static void out_arithi(TCGContext *s, TCGType t, int aop, int reg,
                       int64_t val)
{
    if (t == TCG_TYPE_I32) {
        val = (int32_t)val;
    }
    if (fits_s8(val)) {
        out_modrm(s, OPC_ARITH_EvIb | rexw(t), aop, reg);
        o8(s, (uint8_t)val);
    } else {
        assert(fits_s32(val));
        out_modrm(s, OPC_ARITH_EvIz | rexw(t), aop, reg);
        o32(s, (uint32_t)val);
    }
}

static void out_shifti(TCGContext *s, TCGType t, int sop, int reg, int count)
{
    if (count == 1) {
        out_modrm(s, OPC_SHIFT_1 | rexw(t), sop, reg);
    } else {
        out_modrm(s, OPC_SHIFT_Ib | rexw(t), sop, reg);
        o8(s, count);
    }
}

void x86_out_mov(TCGContext *s, TCGType t, int dst, int src)
{
    if (dst != src) {
        out_modrm(s, OPC_MOVL_GvEv | rexw(t), dst, src);
    }
}

void x86_out_movi(TCGContext *s, TCGType t, int reg, uint64_t val)
{
    if (t == TCG_TYPE_I32 || val == (uint32_t)val) {
        out_opc(s, OPC_MOVL_Iv + (reg & 7), 0, reg, 0);
        o32(s, (uint32_t)val);
    } else if (fits_s32((int64_t)val)) {
        out_modrm(s, OPC_MOVL_EvIz | P_REXW, 0, reg);
        o32(s, (uint32_t)val);
    } else {
        out_opc(s, (OPC_MOVL_Iv + (reg & 7)) | P_REXW, 0, reg, 0);
        o64(s, val);
    }
}

void x86_out_movi_nf(TCGContext *s, TCGType t, int reg, uint64_t val)
{
    if (tcg_norm(t, val) == 0) {
        out_arith(s, TCG_TYPE_I32, ARITH_XOR, reg, reg);
    } else {
        x86_out_movi(s, t, reg, val);
    }
}

void x86_out_ld(TCGContext *s, TCGType t, int reg, int base, intptr_t ofs)
{
    out_modrm_offset(s, OPC_MOVL_GvEv | rexw(t), reg, base, ofs);
}

void x86_out_st(TCGContext *s, TCGType t, int reg, int base, intptr_t ofs)
{
    out_modrm_offset(s, OPC_MOVL_EvGv | rexw(t), reg, base, ofs);
}

void x86_out_sti(TCGContext *s, TCGType t, uint64_t val, int base,
                 intptr_t ofs)
{
    if ((t == TCG_TYPE_I32 || fits_s32((int64_t)val)) && fits_s32(ofs)) {
        out_modrm_sib(s, OPC_MOVL_EvIz | rexw(t), 0, base, -1, (int32_t)ofs);
        o32(s, (uint32_t)val);
    } else {
        x86_out_movi(s, t, TCG_REG_TMP, val);
        assert(fits_s32(ofs));
        x86_out_st(s, t, TCG_REG_TMP, base, ofs);
    }
}

static void out_branch_abs(TCGContext *s, int opc, uintptr_t target)
{
    uintptr_t here = tcg_rw_to_rx(s, s->code_ptr);
    int64_t disp = (int64_t)(target - (here + 5));

    if (fits_s32(disp)) {
        o8(s, opc);
        o32(s, (uint32_t)disp);
    } else {
        x86_out_movi(s, TCG_TYPE_I64, TCG_REG_TMP, target);
        out_modrm(s, OPC_GRP5, opc == OPC_CALL_Jz ? EXT5_CALLN_Ev
                                                  : EXT5_JMPN_Ev,
                  TCG_REG_TMP);
    }
}

void x86_out_call(TCGContext *s, const void *func)
{
    out_branch_abs(s, OPC_CALL_Jz, (uintptr_t)func);
}

void x86_out_jmp_abs(TCGContext *s, uintptr_t target)
{
    out_branch_abs(s, OPC_JMP_long, target);
}

/* ------------------------------------------------------------------ */
/* Labels: every reference is a rel32 patched when the label is bound.  */

typedef struct LabelReloc {
    uint8_t *field;         /* rw address of the rel32 */
    TCGLabel *label;
} LabelReloc;

static GArray *label_relocs;

/* The out-of-line half of a bounds check, emitted after the TB's code
   (x86_out_stubs) so that the common path falls through. */
typedef struct BoundStub {
    uint8_t *jae;               /* rel32 field of the jae */
    uint8_t *site;              /* the cmp: a pc in the guest insn's code */
    int addr;
    MemOp mop;
} BoundStub;

static GArray *bound_stubs;

/* The out-of-line call of a call_cold op (x86_out_stubs): the fast path
   is a test and a jnz (nothing for a constant 0 condition). */
typedef struct ColdStub {
    uint8_t *jcc;               /* rel32 field of the branch to the stub */
    uint8_t *back;              /* where the op's fast path continues */
    int arg;
    uintptr_t func;
    uint64_t c1, c2;
} ColdStub;

static GArray *cold_stubs;


void x86_reset_labels(TCGContext *s)
{
    if (!label_relocs) {
        label_relocs = g_array_new(false, false, sizeof(LabelReloc));
        bound_stubs = g_array_new(false, false, sizeof(BoundStub));
        cold_stubs = g_array_new(false, false, sizeof(ColdStub));
    }
    g_array_set_size(label_relocs, 0);
    g_array_set_size(bound_stubs, 0);
    g_array_set_size(cold_stubs, 0);
}

static void patch_rel32(uint8_t *field, uint8_t *target)
{
    int32_t disp = (int32_t)(target - (field + 4));
    memcpy(field, &disp, 4);
}

void x86_out_label_ref(TCGContext *s, int cc, TCGLabel *l)
{
    if (cc < 0) {
        o8(s, OPC_JMP_long);
    } else {
        o8(s, 0x0f);
        o8(s, 0x80 + cc);
    }
    if (l->has_value) {
        o32(s, 0);
        patch_rel32(s->code_ptr - 4, (uint8_t *)l->value);
    } else {
        LabelReloc r = { s->code_ptr, l };
        g_array_append_val(label_relocs, r);
        o32(s, 0);
    }
}

void x86_bind_label(TCGContext *s, TCGLabel *l)
{
    l->has_value = true;
    l->value = (uintptr_t)s->code_ptr;
    for (guint i = 0; i < label_relocs->len; ) {
        LabelReloc *r = &g_array_index(label_relocs, LabelReloc, i);
        if (r->label == l) {
            patch_rel32(r->field, s->code_ptr);
            g_array_remove_index_fast(label_relocs, i);
        } else {
            i++;
        }
    }
}

bool x86_labels_resolved(TCGContext *s)
{
    return label_relocs->len == 0;
}

/* ------------------------------------------------------------------ */
/* Ops                                                                 */

static void out_cmp(TCGContext *s, TCGType t, TCGArg a, TCGArg b, bool bc)
{
    if (bc && tcg_norm(t, b) == 0) {
        out_modrm(s, OPC_TESTL | rexw(t), a, a);
    } else if (bc) {
        out_arithi(s, t, ARITH_CMP, a, (int64_t)b);
    } else {
        out_arith(s, t, ARITH_CMP, a, b);
    }
}

/* movcond's move as a short jump over a mov (x86 condition @cc, flags
   already set): a predicted branch instead of a cmov's data dependency
   (TCG_MOVCOND_PREDICTABLE). */
static void out_movcond_branch(TCGContext *s, int rw, int cc, int d,
                               int src)
{
    uint8_t *rel;

    o8(s, 0x70 + (cc ^ 1));             /* jNcc rel8: x86 pairs cc, !cc */
    rel = s->code_ptr;
    o8(s, 0);
    out_modrm(s, OPC_MOVL_GvEv | rw, d, src);
    *rel = s->code_ptr - rel - 1;
}

void x86_out_brcond(TCGContext *s, TCGType t, TCGCond c, TCGArg a, TCGArg b,
                    bool b_const, TCGLabel *l)
{
    out_cmp(s, t, a, b, b_const);
    x86_out_label_ref(s, x86_cond[c], l);
}

void x86_out_brtest(TCGContext *s, TCGType t, TCGCond c, TCGArg a, TCGArg b,
                    bool b_const, TCGLabel *l)
{
    if (b_const) {
        int64_t v = t == TCG_TYPE_I32 ? (int32_t)b : (int64_t)b;
        if (v == (uint8_t)v && a < 4) {
            out_modrm(s, 0xf6, EXT3_TESTi, a);       /* test r8, imm8 */
            o8(s, (uint8_t)v);
        } else {
            out_modrm(s, OPC_GRP3_Ev | rexw(t), EXT3_TESTi, a);
            o32(s, (uint32_t)v);
        }
    } else {
        out_modrm(s, OPC_TESTL | rexw(t), b, a);
    }
    x86_out_label_ref(s, c == TCG_COND_EQ ? JCC_JE : JCC_JNE, l);
}

void x86_out_goto_tb(TCGContext *s, TranslationBlock *tb, int n)
{
    /* Align the rel32 so tb_set_jmp_target can store it atomically. */
    while (((uintptr_t)s->code_ptr + 1) & 3) {
        o8(s, 0x90);
    }
    tb->jmp_insn_offset[n] = tcg_current_code_size(s);
    o8(s, OPC_JMP_long);
    o32(s, 0);
    tb->jmp_reset_offset[n] = tcg_current_code_size(s);
}

void x86_set_jmp_target(TranslationBlock *tb, int n, uintptr_t addr,
                        uint8_t *rw)
{
    uintptr_t insn = (uintptr_t)tb->tc.ptr + tb->jmp_insn_offset[n];
    int32_t disp = (int32_t)(addr - (insn + 5));

    __atomic_store_n((int32_t *)(rw + 1), disp, __ATOMIC_RELEASE);
}

void x86_out_exit_tb(TCGContext *s, uintptr_t val)
{
    if (val == 0) {
        x86_out_jmp_abs(s, x86_epilogue_ret0);
    } else {
        x86_out_movi(s, TCG_TYPE_I64, R_RAX, val);
        x86_out_jmp_abs(s, x86_epilogue_ret);
    }
}

void x86_out_goto_ptr(TCGContext *s, int reg)
{
    uintptr_t here;
    int64_t disp;

    out_modrm(s, OPC_TESTL | P_REXW, reg, reg);
    here = tcg_rw_to_rx(s, s->code_ptr);
    disp = (int64_t)(x86_epilogue_ret0 - (here + 6));
    assert(fits_s32(disp));
    o8(s, 0x0f);
    o8(s, 0x80 + JCC_JE);
    o32(s, (uint32_t)disp);
    out_modrm(s, OPC_GRP5, EXT5_JMPN_Ev, reg);
}

void x86_out_mb(TCGContext *s, unsigned bar)
{
    /* x86 is TSO: only store -> load ordering needs a fence. */
    if (bar & (TCG_MO_ST_LD | TCG_BAR_SC)) {
        o8(s, 0x0f);
        o8(s, 0xae);
        o8(s, 0xf0);
    }
}

/* Called for a misaligned guest access; see tcg_unaligned_access_hook. */
static void x86_unaligned(void *env, uint64_t addr, uint32_t mop,
                          uintptr_t pc)
{
    if (!tcg_unaligned_access_hook) {
        abort();
    }
    tcg_unaligned_access_hook(env, addr, (MemOp)mop, pc);
}

/* Called for a guest access at or beyond guest_space_size. */
static void x86_bad_address(void *env, uint64_t addr, uint32_t mop,
                            uintptr_t pc)
{
    if (tcg_bad_address_hook) {
        tcg_bad_address_hook(env, addr, (MemOp)mop, pc);
    }
    abort();
}

/* movabs tmp, guest_space_size; cmp addr, tmp; jae stub (not taken) */
static void out_bounds_check(TCGContext *s, int addr, MemOp mop)
{
    BoundStub b = { NULL, NULL, addr, mop };

    if (!guest_space_size) {
        return;
    }
    x86_out_movi(s, TCG_TYPE_I64, TCG_REG_TMP, guest_space_size);
    b.site = s->code_ptr;
    out_arith(s, TCG_TYPE_I64, ARITH_CMP, addr, TCG_REG_TMP);
    o8(s, 0x0f);
    o8(s, 0x80 + JCC_JAE);
    b.jae = s->code_ptr;
    o32(s, 0);
    g_array_append_val(bound_stubs, b);
}

/* The caller-saved registers a cold call preserves (9 pushes and 8 more
   bytes keep the stack aligned as at the TB's own calls). */
static const int cold_saved[] = { R_RAX, R_RCX, R_RDX, R_RSI, R_RDI,
                                  R_R8, R_R9, R_R10, R_R11 };

/* if (cond) goto stub; back: */
static void out_call_cold(TCGContext *s, TCGArg cond, bool cond_const,
                          int arg, uintptr_t func, uint64_t c1, uint64_t c2)
{
    ColdStub c = { NULL, NULL, arg, func, c1, c2 };

    if (cond_const) {
        if (!cond) {
            return;
        }
        o8(s, OPC_JMP_long);
    } else {
        out_modrm(s, OPC_TESTL | P_REXW, cond, cond);
        o8(s, 0x0f);
        o8(s, 0x80 + JCC_JNE);
    }
    c.jcc = s->code_ptr;
    o32(s, 0);
    c.back = s->code_ptr;
    g_array_append_val(cold_stubs, c);
}

/* stub: push the caller-saved registers; func(env, arg, c1, c2); pop them;
   jmp back.  xmm registers are not saved: the op forgets the xmm cache
   (x86_xmm_note_op, a guest-memory op), which holds only copies. */
static bool out_cold_stubs(TCGContext *s)
{
    for (guint i = 0; i < cold_stubs->len; i++) {
        ColdStub *c = &g_array_index(cold_stubs, ColdStub, i);

        if (s->code_ptr > s->code_end) {
            return false;
        }
        patch_rel32(c->jcc, s->code_ptr);
        for (unsigned k = 0; k < ARRAY_SIZE(cold_saved); k++) {
            out_opc(s, OPC_PUSH_r32 + (cold_saved[k] & 7), 0, cold_saved[k], 0);
        }
        out_arithi(s, TCG_TYPE_I64, ARITH_SUB, R_RSP, 8);
        x86_out_mov(s, TCG_TYPE_I64, R_RSI, c->arg);
        x86_out_mov(s, TCG_TYPE_I64, R_RDI, TCG_AREG0);
        x86_out_movi(s, TCG_TYPE_I64, R_RDX, c->c1);
        x86_out_movi(s, TCG_TYPE_I64, R_RCX, c->c2);
        x86_out_call(s, (const void *)c->func);
        out_arithi(s, TCG_TYPE_I64, ARITH_ADD, R_RSP, 8);
        for (int k = ARRAY_SIZE(cold_saved) - 1; k >= 0; k--) {
            out_opc(s, OPC_POP_r32 + (cold_saved[k] & 7), 0, cold_saved[k], 0);
        }
        o8(s, OPC_JMP_long);
        o32(s, 0);
        patch_rel32(s->code_ptr - 4, c->back);
    }
    g_array_set_size(cold_stubs, 0);
    return true;
}

/* stub: <call x86_bad_address(env, addr, mop, site)>, which does not
   return.  The cold calls' stubs come first.  False if the code buffer
   ran out. */
bool x86_out_stubs(TCGContext *s)
{
    if (!out_cold_stubs(s)) {
        return false;
    }
    for (guint i = 0; i < bound_stubs->len; i++) {
        BoundStub *b = &g_array_index(bound_stubs, BoundStub, i);

        if (s->code_ptr > s->code_end) {
            return false;
        }
        patch_rel32(b->jae, s->code_ptr);
        x86_out_mov(s, TCG_TYPE_I64, R_RSI, b->addr);
        x86_out_mov(s, TCG_TYPE_I64, R_RDI, TCG_AREG0);
        x86_out_movi(s, TCG_TYPE_I32, R_RDX, b->mop);
        /* lea rcx, [rip + (site - next)]: back to the access's code */
        o8(s, 0x48);
        o8(s, 0x8d);
        o8(s, 0x0d);
        o32(s, 0);
        patch_rel32(s->code_ptr - 4, b->site);
        x86_out_call(s, (const void *)x86_bad_address);
    }
    g_array_set_size(bound_stubs, 0);
    return true;
}

/* test addr, align-1; jz ok; <call x86_unaligned saving caller regs>; ok: */
static void out_align_check(TCGContext *s, int addr, MemOp mop)
{
    static const int saved[] = { R_RAX, R_RCX, R_RDX, R_RSI, R_RDI,
                                 R_R8, R_R9, R_R10, R_R11 };
    unsigned a = memop_alignment(mop);
    uint8_t *jz;

    if (a <= 1) {
        return;
    }
    out_modrm(s, OPC_GRP3_Ev, EXT3_TESTi, addr);
    o32(s, a - 1);
    o8(s, 0x0f);
    o8(s, 0x80 + JCC_JE);
    jz = s->code_ptr;
    o32(s, 0);
    for (unsigned i = 0; i < ARRAY_SIZE(saved); i++) {
        out_opc(s, OPC_PUSH_r32 + (saved[i] & 7), 0, saved[i], 0);
    }
    out_arithi(s, TCG_TYPE_I64, ARITH_SUB, R_RSP, 8);
    x86_out_mov(s, TCG_TYPE_I64, R_RSI, addr);
    x86_out_mov(s, TCG_TYPE_I64, R_RDI, TCG_AREG0);
    x86_out_movi(s, TCG_TYPE_I32, R_RDX, mop);
    /* lea rcx, [rip]: a pc inside this guest instruction's code */
    o8(s, 0x48);
    o8(s, 0x8d);
    o8(s, 0x0d);
    o32(s, 0);
    x86_out_call(s, (const void *)x86_unaligned);
    out_arithi(s, TCG_TYPE_I64, ARITH_ADD, R_RSP, 8);
    for (int i = ARRAY_SIZE(saved) - 1; i >= 0; i--) {
        out_opc(s, OPC_POP_r32 + (saved[i] & 7), 0, saved[i], 0);
    }
    patch_rel32(jz, s->code_ptr);
}

static void out_qemu_ld(TCGContext *s, TCGType t, int dst, int addr,
                        MemOp mop)
{
    MemOp size = mop & MO_SIZE;
    bool sign = mop & MO_SIGN, bswap = mop & MO_BSWAP;

    out_bounds_check(s, addr, mop);
    out_align_check(s, addr, mop);
    switch (size) {
    case MO_8:
        out_modrm_sib(s, (sign ? OPC_MOVSBL | rexw(t) : OPC_MOVZBL), dst,
                      TCG_REG_GBASE, addr, 0);
        break;
    case MO_16:
        if (!bswap) {
            out_modrm_sib(s, (sign ? OPC_MOVSWL | rexw(t) : OPC_MOVZWL), dst,
                          TCG_REG_GBASE, addr, 0);
        } else {
            out_modrm_sib(s, OPC_MOVZWL, dst, TCG_REG_GBASE, addr, 0);
            out_modrm(s, OPC_SHIFT_Ib | P_DATA16, SHIFT_ROL, dst);
            o8(s, 8);
            out_modrm(s, (sign ? OPC_MOVSWL | rexw(t) : OPC_MOVZWL), dst,
                      dst);
        }
        break;
    case MO_32:
        if (sign && !bswap) {
            out_modrm_sib(s, OPC_MOVSLQ, dst, TCG_REG_GBASE, addr, 0);
        } else {
            out_modrm_sib(s, OPC_MOVL_GvEv, dst, TCG_REG_GBASE, addr, 0);
            if (bswap) {
                out_opc(s, OPC_BSWAP + (dst & 7), 0, dst, 0);
                if (sign) {
                    out_modrm(s, OPC_MOVSLQ, dst, dst);
                }
            }
        }
        break;
    default:
        out_modrm_sib(s, OPC_MOVL_GvEv | P_REXW, dst, TCG_REG_GBASE, addr, 0);
        if (bswap) {
            out_opc(s, (OPC_BSWAP + (dst & 7)) | P_REXW, 0, dst, 0);
        }
        break;
    }
}

static void out_qemu_st(TCGContext *s, int val, int addr, MemOp mop)
{
    MemOp size = mop & MO_SIZE;

    out_bounds_check(s, addr, mop);
    out_align_check(s, addr, mop);
    if ((mop & MO_BSWAP) && size != MO_8) {
        x86_out_mov(s, TCG_TYPE_I64, TCG_REG_TMP, val);
        val = TCG_REG_TMP;
        if (size == MO_16) {
            out_modrm(s, OPC_SHIFT_Ib | P_DATA16, SHIFT_ROL, val);
            o8(s, 8);
        } else {
            out_opc(s, (OPC_BSWAP + (val & 7)) | (size == MO_64 ? P_REXW : 0),
                    0, val, 0);
        }
    }
    switch (size) {
    case MO_8:
        out_modrm_sib(s, OPC_MOVB_EvGv | P_REXB_R, val, TCG_REG_GBASE, addr, 0);
        break;
    case MO_16:
        out_modrm_sib(s, OPC_MOVL_EvGv | P_DATA16, val, TCG_REG_GBASE, addr, 0);
        break;
    case MO_32:
        out_modrm_sib(s, OPC_MOVL_EvGv, val, TCG_REG_GBASE, addr, 0);
        break;
    default:
        out_modrm_sib(s, OPC_MOVL_EvGv | P_REXW, val, TCG_REG_GBASE, addr, 0);
        break;
    }
}

static void out_qemu_ld2(TCGContext *s, int lo, int hi, int addr, MemOp mop)
{
    bool bswap = mop & MO_BSWAP;

    out_bounds_check(s, addr, mop);
    out_align_check(s, addr, mop);
    out_modrm_sib(s, OPC_MOVL_GvEv | P_REXW, lo, TCG_REG_GBASE, addr,
                  bswap ? 8 : 0);
    out_modrm_sib(s, OPC_MOVL_GvEv | P_REXW, hi, TCG_REG_GBASE, addr,
                  bswap ? 0 : 8);
    if (bswap) {
        out_opc(s, (OPC_BSWAP + (lo & 7)) | P_REXW, 0, lo, 0);
        out_opc(s, (OPC_BSWAP + (hi & 7)) | P_REXW, 0, hi, 0);
    }
}

static void out_qemu_st2(TCGContext *s, int lo, int hi, int addr, MemOp mop)
{
    if (!(mop & MO_BSWAP)) {
        out_bounds_check(s, addr, mop);
        out_align_check(s, addr, mop);
        out_modrm_sib(s, OPC_MOVL_EvGv | P_REXW, lo, TCG_REG_GBASE, addr, 0);
        out_modrm_sib(s, OPC_MOVL_EvGv | P_REXW, hi, TCG_REG_GBASE, addr, 8);
        return;
    }
    out_bounds_check(s, addr, mop);
    out_align_check(s, addr, mop);
    x86_out_mov(s, TCG_TYPE_I64, TCG_REG_TMP, hi);
    out_opc(s, (OPC_BSWAP + (TCG_REG_TMP & 7)) | P_REXW, 0, TCG_REG_TMP, 0);
    out_modrm_sib(s, OPC_MOVL_EvGv | P_REXW, TCG_REG_TMP, TCG_REG_GBASE,
                  addr, 0);
    x86_out_mov(s, TCG_TYPE_I64, TCG_REG_TMP, lo);
    out_opc(s, (OPC_BSWAP + (TCG_REG_TMP & 7)) | P_REXW, 0, TCG_REG_TMP, 0);
    out_modrm_sib(s, OPC_MOVL_EvGv | P_REXW, TCG_REG_TMP, TCG_REG_GBASE,
                  addr, 8);
}

/* dst = value of a (register or, if aconst, immediate) */
static int reg_or_tmp(TCGContext *s, TCGType t, TCGArg a, bool aconst)
{
    if (aconst) {
        x86_out_movi(s, t, TCG_REG_TMP, a);
        return TCG_REG_TMP;
    }
    return (int)a;
}

static void out_shift(TCGContext *s, TCGType t, int sop, int reg, TCGArg b,
                      bool bconst)
{
    unsigned w = t == TCG_TYPE_I32 ? 32 : 64;

    if (bconst) {
        unsigned n = b & (w - 1);
        if (n) {
            out_shifti(s, t, sop, reg, n);
        }
    } else {
        assert(b == R_RCX);
        out_modrm(s, OPC_SHIFT_cl | rexw(t), sop, reg);
    }
}

static void out_extract(TCGContext *s, TCGType t, bool sign, int d, int a,
                        unsigned ofs, unsigned len)
{
    unsigned w = t == TCG_TYPE_I32 ? 32 : 64;

    if (ofs == 0 && len == 8) {
        out_modrm(s, sign ? OPC_MOVSBL | P_REXB_RM | rexw(t)
                          : OPC_MOVZBL | P_REXB_RM, d, a);
        return;
    }
    if (ofs == 0 && len == 16) {
        out_modrm(s, sign ? OPC_MOVSWL | rexw(t) : OPC_MOVZWL, d, a);
        return;
    }
    if (ofs == 0 && len == 32 && w == 64) {
        if (sign) {
            out_modrm(s, OPC_MOVSLQ, d, a);
        } else {
            out_modrm(s, OPC_MOVL_GvEv, d, a);       /* zero-extends */
        }
        return;
    }
    x86_out_mov(s, t, d, a);
    if (ofs + len == w) {
        out_shifti(s, t, sign ? SHIFT_SAR : SHIFT_SHR, d, ofs);
        return;
    }
    if (!sign && len <= 31) {
        if (ofs) {
            out_shifti(s, t, SHIFT_SHR, d, ofs);
        }
        out_arithi(s, t, ARITH_AND, d, (int64_t)((1u << len) - 1));
        return;
    }
    out_shifti(s, t, SHIFT_SHL, d, w - len - ofs);
    out_shifti(s, t, sign ? SHIFT_SAR : SHIFT_SHR, d, w - len);
}

static void out_deposit(TCGContext *s, TCGType t, int d, int a, int b,
                        unsigned ofs, unsigned len)
{
    unsigned w = t == TCG_TYPE_I32 ? 32 : 64;

    if (len == w) {
        x86_out_mov(s, t, d, b);
        return;
    }
    x86_out_mov(s, t, TCG_REG_TMP, b);
    x86_out_mov(s, t, d, a);
    if (ofs) {
        out_shifti(s, t, SHIFT_ROR, d, ofs);
    }
    out_shifti(s, t, SHIFT_SHR, d, len);
    out_shifti(s, t, SHIFT_SHL, d, len);
    out_shifti(s, t, SHIFT_SHL, TCG_REG_TMP, w - len);
    out_shifti(s, t, SHIFT_SHR, TCG_REG_TMP, w - len);
    out_arith(s, t, ARITH_OR, d, TCG_REG_TMP);
    if (ofs) {
        out_shifti(s, t, SHIFT_ROL, d, ofs);
    }
}

static void out_ldst_host(TCGContext *s, const TCGOp *op, const TCGArg *a,
                          const bool *c)
{
    TCGType t = op->type;
    int base = a[1];
    intptr_t ofs = (intptr_t)a[2];

    switch (op->opc) {
    case INDEX_op_ld8u:
        out_modrm_offset(s, OPC_MOVZBL, a[0], base, ofs);
        break;
    case INDEX_op_ld8s:
        out_modrm_offset(s, OPC_MOVSBL | rexw(t), a[0], base, ofs);
        break;
    case INDEX_op_ld16u:
        out_modrm_offset(s, OPC_MOVZWL, a[0], base, ofs);
        break;
    case INDEX_op_ld16s:
        out_modrm_offset(s, OPC_MOVSWL | rexw(t), a[0], base, ofs);
        break;
    case INDEX_op_ld32u:
        out_modrm_offset(s, OPC_MOVL_GvEv, a[0], base, ofs);
        break;
    case INDEX_op_ld32s:
        out_modrm_offset(s, OPC_MOVSLQ, a[0], base, ofs);
        break;
    case INDEX_op_ld:
        out_modrm_offset(s, OPC_MOVL_GvEv | rexw(t), a[0], base, ofs);
        break;
    default: {
        int size = op->opc == INDEX_op_st8 ? 1 : op->opc == INDEX_op_st16 ? 2
                   : (op->opc == INDEX_op_st32 || t == TCG_TYPE_I32) ? 4 : 8;
        int val = a[0];
        if (c[0]) {
            /* immediate store (i64: the constraint guarantees s32) */
            if (!fits_s32(ofs)) {
                x86_out_movi(s, TCG_TYPE_I64, TCG_REG_TMP, a[0]);
                val = TCG_REG_TMP;
            } else if (size == 1) {
                out_modrm_sib(s, OPC_MOVB_EvIz, 0, base, -1, (int32_t)ofs);
                o8(s, (uint8_t)a[0]);
                break;
            } else if (size == 2) {
                out_modrm_sib(s, OPC_MOVL_EvIz | P_DATA16, 0, base, -1,
                              (int32_t)ofs);
                o16(s, (uint16_t)a[0]);
                break;
            } else {
                out_modrm_sib(s, OPC_MOVL_EvIz | (size == 8 ? P_REXW : 0), 0,
                              base, -1, (int32_t)ofs);
                o32(s, (uint32_t)a[0]);
                break;
            }
        }
        switch (size) {
        case 1:
            out_modrm_offset(s, OPC_MOVB_EvGv | P_REXB_R, val, base, ofs);
            break;
        case 2:
            out_modrm_offset(s, OPC_MOVL_EvGv | P_DATA16, val, base, ofs);
            break;
        case 4:
            out_modrm_offset(s, OPC_MOVL_EvGv, val, base, ofs);
            break;
        default:
            out_modrm_offset(s, OPC_MOVL_EvGv | P_REXW, val, base, ofs);
            break;
        }
        break;
    }
    }
}

static void out_count_zeros(TCGContext *s, TCGType t, bool lead, int d,
                            int a, TCGArg b, bool bconst)
{
    unsigned w = t == TCG_TYPE_I32 ? 32 : 64;
    bool fast = lead ? x86_have_lzcnt : x86_have_bmi1;
    int src;

    if (fast) {
        /* lzcnt/tzcnt give w for 0 and set CF */
        out_modrm(s, (lead ? OPC_LZCNT : OPC_TZCNT) | rexw(t), d, a);
        if (bconst && tcg_norm(t, b) == w) {
            return;
        }
        src = reg_or_tmp(s, t, b, bconst);          /* mov keeps flags */
        out_modrm(s, (OPC_CMOVCC + JCC_JB) | rexw(t), d, src);
        return;
    }
    if (lead) {
        /* bsr gives the index of the top bit: clz = index ^ (w - 1) */
        if (bconst) {
            x86_out_movi(s, t, TCG_REG_TMP, tcg_norm(t, b) ^ (w - 1));
        } else {
            x86_out_mov(s, t, TCG_REG_TMP, b);
            out_arithi(s, t, ARITH_XOR, TCG_REG_TMP, w - 1);
        }
        out_modrm(s, OPC_BSR | rexw(t), d, a);
        out_modrm(s, (OPC_CMOVCC + JCC_JE) | rexw(t), d, TCG_REG_TMP);
        out_arithi(s, t, ARITH_XOR, d, w - 1);
    } else {
        src = reg_or_tmp(s, t, b, bconst);
        out_modrm(s, OPC_BSF | rexw(t), d, a);
        out_modrm(s, (OPC_CMOVCC + JCC_JE) | rexw(t), d, src);
    }
}

/* ------------------------------------------------------------------ */
/* Scalar floating point (fpu1/fpu2) and the guard op                   */

#define OPC_MOVD_VdEd   (0x6e | P_EXT | P_DATA16)   /* movd/movq xmm, r/m */
#define OPC_MOVD_EdVd   (0x7e | P_EXT | P_DATA16)   /* movd/movq r/m, xmm */
#define OPC_PUSHF       0x9c

enum {
    FPK_BIN,        /* xmm0 = xmm0 OP xmm1 */
    FPK_CMP,        /* the same with a predicate; result bit 0 */
    FPK_COMI,       /* EFLAGS from xmm0 ? xmm1 */
    FPK_UN,         /* xmm0 = OP xmm1 */
    FPK_ITOF,       /* xmm0 = OP gpr */
    FPK_FTOI,       /* gpr = OP xmm1 */
};

/* SSE scalar encodings.  W: REX.W on the instruction (64-bit integer);
   a64/r64: the FP input/result is f64 (movq) rather than f32 (movd). */
static const struct {
    uint32_t opc;
    uint8_t kind, a64, r64;
} fp_insn[TCG_FP_COUNT] = {
#define SS(x) ((x) | P_EXT | P_SIMDF3)
#define SD(x) ((x) | P_EXT | P_SIMDF2)
    [TCG_FP_ADDS] = { SS(0x58), FPK_BIN, 0, 0 },
    [TCG_FP_SUBS] = { SS(0x5c), FPK_BIN, 0, 0 },
    [TCG_FP_MULS] = { SS(0x59), FPK_BIN, 0, 0 },
    [TCG_FP_DIVS] = { SS(0x5e), FPK_BIN, 0, 0 },
    [TCG_FP_MINS] = { SS(0x5d), FPK_BIN, 0, 0 },
    [TCG_FP_MAXS] = { SS(0x5f), FPK_BIN, 0, 0 },
    [TCG_FP_ADDD] = { SD(0x58), FPK_BIN, 1, 1 },
    [TCG_FP_SUBD] = { SD(0x5c), FPK_BIN, 1, 1 },
    [TCG_FP_MULD] = { SD(0x59), FPK_BIN, 1, 1 },
    [TCG_FP_DIVD] = { SD(0x5e), FPK_BIN, 1, 1 },
    [TCG_FP_MIND] = { SD(0x5d), FPK_BIN, 1, 1 },
    [TCG_FP_MAXD] = { SD(0x5f), FPK_BIN, 1, 1 },
    [TCG_FP_CMPS ... TCG_FP_CMPS + 7] = { SS(0xc2), FPK_CMP, 0, 0 },
    [TCG_FP_CMPD ... TCG_FP_CMPD + 7] = { SD(0xc2), FPK_CMP, 1, 0 },
    [TCG_FP_COMIS] = { 0x2f | P_EXT, FPK_COMI, 0, 0 },
    [TCG_FP_UCOMIS] = { 0x2e | P_EXT, FPK_COMI, 0, 0 },
    [TCG_FP_COMID] = { 0x2f | P_EXT | P_DATA16, FPK_COMI, 1, 0 },
    [TCG_FP_UCOMID] = { 0x2e | P_EXT | P_DATA16, FPK_COMI, 1, 0 },
    [TCG_FP_SQRTS] = { SS(0x51), FPK_UN, 0, 0 },
    [TCG_FP_SQRTD] = { SD(0x51), FPK_UN, 1, 1 },
    [TCG_FP_STOD] = { SS(0x5a), FPK_UN, 0, 1 },
    [TCG_FP_DTOS] = { SD(0x5a), FPK_UN, 1, 0 },
    [TCG_FP_I32TOS] = { SS(0x2a), FPK_ITOF, 0, 0 },
    [TCG_FP_I64TOS] = { SS(0x2a) | P_REXW, FPK_ITOF, 0, 0 },
    [TCG_FP_I32TOD] = { SD(0x2a), FPK_ITOF, 0, 1 },
    [TCG_FP_I64TOD] = { SD(0x2a) | P_REXW, FPK_ITOF, 0, 1 },
    [TCG_FP_STOI32] = { SS(0x2d), FPK_FTOI, 0, 0 },
    [TCG_FP_STOI32T] = { SS(0x2c), FPK_FTOI, 0, 0 },
    [TCG_FP_STOI64] = { SS(0x2d) | P_REXW, FPK_FTOI, 0, 0 },
    [TCG_FP_STOI64T] = { SS(0x2c) | P_REXW, FPK_FTOI, 0, 0 },
    [TCG_FP_DTOI32] = { SD(0x2d), FPK_FTOI, 1, 0 },
    [TCG_FP_DTOI32T] = { SD(0x2c), FPK_FTOI, 1, 0 },
    [TCG_FP_DTOI64] = { SD(0x2d) | P_REXW, FPK_FTOI, 1, 0 },
    [TCG_FP_DTOI64T] = { SD(0x2c) | P_REXW, FPK_FTOI, 1, 0 },
#undef SS
#undef SD
};

/* movd/movq between a general register and xmm0/xmm1. */
static void out_movd_to_xmm(TCGContext *s, int xmm, int reg, bool q)
{
    out_modrm(s, OPC_MOVD_VdEd | (q ? P_REXW : 0), xmm, reg);
}

static void out_movd_from_xmm(TCGContext *s, int reg, int xmm, bool q)
{
    out_modrm(s, OPC_MOVD_EdVd | (q ? P_REXW : 0), xmm, reg);
}

/*
 * The FP scratch registers xmm0..xmm7 (never allocated, clobbered by any
 * C call) as a cache of temps' values: xmm_val[x] holds temp @t, all 64
 * bits of it (@q) or only the low 32 (an f32 result or a movd).  Set by
 * the fpu ops, dropped when the temp is written or the registers may be
 * clobbered (x86_xmm_note_op), and at the start of each TB.  @age: the
 * last use, for replacing the least recently used.
 */
#define XMM_SLOTS 8
#define OPC_MOVAPD (0x28 | P_EXT | P_DATA16)

static struct {
    TCGTemp *t;
    bool q;
    bool only;          /* @t has no other copy: never replaced */
    unsigned age;
} xmm_val[XMM_SLOTS];
static unsigned xmm_tick;

static void xmm_set(int x, TCGTemp *t, bool q, bool only)
{
    xmm_val[x].t = t;
    xmm_val[x].q = q;
    xmm_val[x].only = t && only;
    xmm_val[x].age = ++xmm_tick;
}

void x86_xmm_reset(void)
{
    for (int x = 0; x < XMM_SLOTS; x++) {
        xmm_set(x, NULL, false, false);
    }
}

void x86_xmm_forget(void)
{
    for (int x = 0; x < XMM_SLOTS; x++) {
        /* the allocator ends every xmm-only value before this */
        assert(!xmm_val[x].t || !xmm_val[x].only);
    }
    x86_xmm_reset();
}

static void xmm_forget_temp(TCGTemp *t, int keep)
{
    for (int x = 0; x < XMM_SLOTS; x++) {
        if (x != keep && xmm_val[x].t == t) {
            xmm_val[x].t = NULL;
            xmm_val[x].only = false;
        }
    }
}

bool x86_xmm_op_clobbers(const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];

    switch (op->opc) {
    case INDEX_op_fpu1:
    case INDEX_op_fpu2:
    case INDEX_op_vec2:
    case INDEX_op_insn_start:
    case INDEX_op_discard:
        return false;
    case INDEX_op_guard:
        /* the hook it may call never returns to this code */
        return false;
    case INDEX_op_qemu_ld:
    case INDEX_op_qemu_st:
    case INDEX_op_qemu_ld2:
    case INDEX_op_qemu_st2:
        /* only an alignment check calls C (the unaligned-access hook) */
        return (op->args[op->nb_oargs + op->nb_iargs] & MO_AMASK)
               != MO_UNALN;
    default:
        return op->opc == INDEX_op_call || op->opc == INDEX_op_set_label
               || (def->flags & (TCG_OPF_BB_END | TCG_OPF_BB_EXIT
                                 | TCG_OPF_GUEST_MEM | TCG_OPF_CALL_CLOBBER));
    }
}

void x86_xmm_note_op(const TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_fpu1:
    case INDEX_op_fpu2:
    case INDEX_op_vec2:
        return;
    default:
        break;
    }
    if (x86_xmm_op_clobbers(op)) {
        x86_xmm_forget();
        return;
    }
    for (int k = 0; k < op->nb_oargs; k++) {
        xmm_forget_temp(arg_temp(op->args[k]), -1);
    }
}

/* The xmm register holding @t (all 64 bits if @q), or -1. */
static int xmm_find(TCGTemp *t, bool q)
{
    for (int x = 0; x < XMM_SLOTS; x++) {
        if (xmm_val[x].t == t && (xmm_val[x].q || !q)) {
            xmm_val[x].age = ++xmm_tick;
            return x;
        }
    }
    return -1;
}

/* A register to overwrite: an empty one, else the least recently used;
   never @avoid or @avoid2, never an xmm-only value. */
static int xmm_victim2(int avoid, int avoid2)
{
    int best = -1;

    for (int x = 0; x < XMM_SLOTS; x++) {
        if (x == avoid || x == avoid2 || (xmm_val[x].t && xmm_val[x].only)) {
            continue;
        }
        if (!xmm_val[x].t) {
            best = x;
            break;
        }
        if (best < 0 || xmm_val[x].age < xmm_val[best].age) {
            best = x;
        }
    }
    assert(best >= 0);
    xmm_set(best, NULL, false, false);
    return best;
}

static int xmm_victim(int avoid)
{
    return xmm_victim2(avoid, -1);
}

/* An xmm register holding @t (general register @reg), loaded unless one
   holds it already; never @avoid. */
static int xmm_get(TCGContext *s, TCGTemp *t, int reg, bool q, int avoid)
{
    int x = xmm_find(t, q);

    if (x < 0 || x == avoid) {
        assert(reg >= 0);               /* an xmm-only value is found */
        x = xmm_victim(avoid);
        out_movd_to_xmm(s, x, reg, q);
        xmm_set(x, t, q, false);
    }
    return x;
}

/*
 * Values that live only in an xmm register (the allocator gives them no
 * general register): a host load straight into xmm, an fpu result, read
 * by fpu ops and stored to memory straight from xmm.  The allocator
 * checks that nothing between the definition and the last use clobbers
 * the xmm registers, and keeps at most X86_XMM_ONLY_MAX of them live, so
 * the replacement above always finds a free register.
 */
#define OPC_MOVQ_VqWq   (0x7e | P_EXT | P_SIMDF3)   /* movq xmm, m64 */
#define OPC_MOVQ_WqVq   (0xd6 | P_EXT | P_DATA16)   /* movq m64, xmm */

int x86_xmm_only_count(void)
{
    int n = 0;

    for (int x = 0; x < XMM_SLOTS; x++) {
        n += xmm_val[x].t && xmm_val[x].only;
    }
    return n;
}

bool x86_xmm_holds_only(const TCGTemp *t)
{
    for (int x = 0; x < XMM_SLOTS; x++) {
        if (xmm_val[x].t == t && xmm_val[x].only) {
            return true;
        }
    }
    return false;
}

void x86_xmm_release(const TCGTemp *t)
{
    for (int x = 0; x < XMM_SLOTS; x++) {
        if (xmm_val[x].t == t) {
            xmm_val[x].t = NULL;
            xmm_val[x].only = false;
        }
    }
}

void x86_xmm_ld(TCGContext *s, const TCGOp *op, int base, intptr_t ofs)
{
    TCGTemp *t = arg_temp(op->args[0]);
    int x;

    xmm_forget_temp(t, -1);
    x = xmm_victim(-1);
    /* movd zero-extends: both forms give all 64 bits of the temp */
    out_modrm_offset(s, op->opc == INDEX_op_ld ? OPC_MOVQ_VqWq
                                                : OPC_MOVD_VdEd,
                     x, base, ofs);
    xmm_set(x, t, true, true);
}

void x86_xmm_st(TCGContext *s, const TCGOp *op, int base, intptr_t ofs)
{
    TCGTemp *t = arg_temp(op->args[0]);
    int x = xmm_find(t, op->opc == INDEX_op_st);

    assert(x >= 0 && xmm_val[x].only);
    out_modrm_offset(s, op->opc == INDEX_op_st ? OPC_MOVQ_WqVq
                                                : OPC_MOVD_EdVd,
                     x, base, ofs);
}

/* Does the fpu op @op read its input @k (an argument index) from an xmm
   register, and how much of it (@q: all 64 bits)? */
bool x86_fpu_input_xmm(const TCGOp *op, int k, bool *q)
{
    TCGFpOp fop = (TCGFpOp)op->args[op->nb_oargs + op->nb_iargs];

    *q = fp_insn[fop].a64;
    return k >= op->nb_oargs && fp_insn[fop].kind != FPK_ITOF;
}

/* Does the fpu op @op leave its result in an xmm register (@q: all 64
   bits of it)? */
bool x86_fpu_output_xmm(const TCGOp *op, bool *q)
{
    TCGFpOp fop = (TCGFpOp)op->args[op->nb_oargs + op->nb_iargs];
    int kind = fp_insn[fop].kind;

    *q = fp_insn[fop].r64;
    return kind == FPK_BIN || kind == FPK_UN || kind == FPK_ITOF;
}

/*
 * d = fop(a, b) with xmm0..xmm7 as scratch.  An input an earlier fpu op
 * left in one of them is used from there (copied first if the
 * instruction would overwrite a value still needed); the result stays
 * in the register the instruction wrote.
 */
static void out_fpu(TCGContext *s, const TCGOp *op, TCGFpOp fop, int d, int a,
                    int b)
{
    uint32_t opc = fp_insn[fop].opc;
    bool a64 = fp_insn[fop].a64, r64 = fp_insn[fop].r64;
    TCGTemp *td = arg_temp(op->args[0]), *ta = arg_temp(op->args[1]);
    TCGTemp *tb = op->opc == INDEX_op_fpu2 ? arg_temp(op->args[2]) : NULL;
    bool a_dies = (op->life_dead >> 1) & 1;
    int kind = fp_insn[fop].kind;
    int xa, xb, xd = -1;

    switch (kind) {
    case FPK_BIN:
    case FPK_CMP:
    case FPK_COMI:
        xa = xmm_get(s, ta, a, a64, -1);
        xb = tb == ta ? xa : xmm_get(s, tb, b, a64, xa);
        if (kind != FPK_COMI && !a_dies && ta != td) {
            /* keep a's value cached: operate on a copy */
            int n = xmm_victim2(xa, xb);

            out_modrm(s, OPC_MOVAPD, n, xa);
            xa = n;
        }
        out_modrm(s, opc, xa, xb);
        if (kind == FPK_CMP) {
            o8(s, (fop - TCG_FP_CMPS) & 7);
            out_movd_from_xmm(s, d, xa, false);
            out_arithi(s, TCG_TYPE_I32, ARITH_AND, d, 1);
            xmm_set(xa, NULL, false, false);    /* a mask now */
        } else if (kind == FPK_COMI) {
            /* ZF, PF, CF: 0x45 */
            o8(s, OPC_PUSHF);
            out_opc(s, OPC_POP_r32 + (d & 7), 0, d, 0);
            out_arithi(s, TCG_TYPE_I32, ARITH_AND, d, 0x45);
        } else {
            xd = xa;
        }
        break;
    case FPK_UN:
        xa = xmm_get(s, ta, a, a64, -1);
        xd = xmm_victim(xa);
        out_modrm(s, opc, xd, xa);
        break;
    case FPK_ITOF:
        xd = xmm_victim(-1);
        out_modrm(s, opc, xd, a);
        break;
    default:
        xa = xmm_get(s, ta, a, a64, -1);
        out_modrm(s, opc, d, xa);        /* r32 forms zero-extend */
        break;
    }
    if (xd >= 0) {
        /* d < 0: the allocator keeps the result in xmm only */
        if (d >= 0) {
            out_movd_from_xmm(s, d, xd, r64);
        }
        xmm_set(xd, td, r64, d < 0);
    }
    xmm_forget_temp(td, xd);
}

/* ------------------------------------------------------------------ */
/* Packed integer (vec2)                                                */

#define V66(x)   ((x) | P_EXT | P_DATA16)
#define V38(x)   ((x) | P_EXT38 | P_DATA16)

static const uint32_t vec_opc[TCG_VEC_COUNT] = {
    [TCG_VEC_PADDB] = V66(0xfc), [TCG_VEC_PADDW] = V66(0xfd),
    [TCG_VEC_PADDD] = V66(0xfe), [TCG_VEC_PSUBB] = V66(0xf8),
    [TCG_VEC_PSUBW] = V66(0xf9), [TCG_VEC_PSUBD] = V66(0xfa),
    [TCG_VEC_PADDSB] = V66(0xec), [TCG_VEC_PADDSW] = V66(0xed),
    [TCG_VEC_PSUBSB] = V66(0xe8), [TCG_VEC_PSUBSW] = V66(0xe9),
    [TCG_VEC_PADDUSB] = V66(0xdc), [TCG_VEC_PADDUSW] = V66(0xdd),
    [TCG_VEC_PSUBUSB] = V66(0xd8), [TCG_VEC_PSUBUSW] = V66(0xd9),
    [TCG_VEC_PCMPEQB] = V66(0x74), [TCG_VEC_PCMPEQW] = V66(0x75),
    [TCG_VEC_PCMPEQD] = V66(0x76), [TCG_VEC_PCMPGTB] = V66(0x64),
    [TCG_VEC_PCMPGTW] = V66(0x65), [TCG_VEC_PCMPGTD] = V66(0x66),
    [TCG_VEC_PMAXUB] = V66(0xde), [TCG_VEC_PMINUB] = V66(0xda),
    [TCG_VEC_PMAXSW] = V66(0xee), [TCG_VEC_PMINSW] = V66(0xea),
    [TCG_VEC_PAVGB] = V66(0xe0), [TCG_VEC_PAVGW] = V66(0xe3),
    [TCG_VEC_PMULLW] = V66(0xd5), [TCG_VEC_PMULHW] = V66(0xe5),
    [TCG_VEC_PMULHUW] = V66(0xe4), [TCG_VEC_PMADDWD] = V66(0xf5),
    [TCG_VEC_PSADBW] = V66(0xf6),
    [TCG_VEC_PSLLW] = V66(0xf1), [TCG_VEC_PSLLD] = V66(0xf2),
    [TCG_VEC_PSLLQ] = V66(0xf3), [TCG_VEC_PSRLW] = V66(0xd1),
    [TCG_VEC_PSRLD] = V66(0xd2), [TCG_VEC_PSRLQ] = V66(0xd3),
    [TCG_VEC_PSRAW] = V66(0xe1), [TCG_VEC_PSRAD] = V66(0xe2),
    [TCG_VEC_PUNPCKLBW] = V66(0x60), [TCG_VEC_PUNPCKLWD] = V66(0x61),
    [TCG_VEC_PUNPCKLDQ] = V66(0x62), [TCG_VEC_PUNPCKHBW] = V66(0x60),
    [TCG_VEC_PUNPCKHWD] = V66(0x61), [TCG_VEC_PUNPCKHDQ] = V66(0x62),
    [TCG_VEC_PACKSSWB] = V66(0x63), [TCG_VEC_PACKUSWB] = V66(0x67),
    [TCG_VEC_PACKSSDW] = V66(0x6b), [TCG_VEC_PMOVMSKB] = V66(0xd7),
    [TCG_VEC_PMULHRSW] = V38(0x0b), [TCG_VEC_PMADDUBSW] = V38(0x04),
    [TCG_VEC_PSIGNB] = V38(0x08), [TCG_VEC_PSIGNW] = V38(0x09),
    [TCG_VEC_PSIGND] = V38(0x0a), [TCG_VEC_PHADDW] = V38(0x01),
    [TCG_VEC_PHADDD] = V38(0x02), [TCG_VEC_PHSUBW] = V38(0x05),
    [TCG_VEC_PHSUBD] = V38(0x06), [TCG_VEC_PHADDSW] = V38(0x03),
    [TCG_VEC_PHSUBSW] = V38(0x07), [TCG_VEC_PSHUFB] = V38(0x00),
    [TCG_VEC_PMAXSB] = V38(0x3c), [TCG_VEC_PMINSB] = V38(0x38),
    [TCG_VEC_PMAXUW] = V38(0x3e), [TCG_VEC_PMINUW] = V38(0x3a),
    [TCG_VEC_PMAXSD] = V38(0x3d), [TCG_VEC_PMINSD] = V38(0x39),
    [TCG_VEC_PMAXUD] = V38(0x3f), [TCG_VEC_PMINUD] = V38(0x3b),
    [TCG_VEC_PMULLD] = V38(0x40), [TCG_VEC_PACKUSDW] = V38(0x2b),
    [TCG_VEC_PHMINPOSUW] = V38(0x41),   /* one source: phminposuw x, x */
};

#define OPC_PUNPCKLQDQ  V66(0x6c)
#define OPC_PUNPCKHQDQ  V66(0x6d)
#define OPC_MOVQ_VqWq   (0x7e | P_EXT | P_SIMDF3)   /* movq xmm, xmm/m64 */

/*
 * d = vop(a, b) (tcg-vec.h gives the shapes), with the fpu ops' cache of
 * scratch xmm registers: an input already in one is used from there.
 * Whatever an xmm holds above bit 63 does not reach the low 64 bits of
 * any other shape's result (lane-wise ops; the low qwords feed unpacks
 * and punpcklqdq), so only the low 64 bits of a cached value must be
 * exact; pshufb's table indices 8..15 read a's upper half, which it
 * zeroes first.
 */
static void out_vec(TCGContext *s, const TCGOp *op, TCGVecOp vop, int d,
                    int a, int b)
{
    TCGVecShape shape = tcg_vec_shape(vop);
    TCGTemp *td = arg_temp(op->args[0]), *ta = arg_temp(op->args[1]);
    TCGTemp *tb = arg_temp(op->args[2]);
    bool a_dies = (op->life_dead >> 1) & 1;
    int xa, xb, xd = -1;

    xa = xmm_get(s, ta, a, true, -1);
    xb = tb == ta ? xa : xmm_get(s, tb, b, true, xa);
    if (!a_dies && ta != td) {
        /* keep a's value cached: operate on a copy */
        int n = xmm_victim2(xa, xb);

        out_modrm(s, OPC_MOVAPD, n, xa);
        xa = n;
    }
    if (shape >= TCG_VEC_SHAPE_PAIR) {
        out_modrm(s, OPC_PUNPCKLQDQ, xa, xb);
        xb = xa;
    }
    if (vop == TCG_VEC_PSHUFB) {
        out_modrm(s, OPC_MOVQ_VqWq, xa, xa);
    }
    if (shape == TCG_VEC_SHAPE_MASK) {
        out_modrm(s, vec_opc[vop], d, xa);
        xmm_set(xa, NULL, false, false);
    } else {
        out_modrm(s, vec_opc[vop], xa, xb);
        if (shape == TCG_VEC_SHAPE_HIGH) {
            out_modrm(s, OPC_PUNPCKHQDQ, xa, xa);
        }
        out_movd_from_xmm(s, d, xa, true);
        xd = xa;
        xmm_set(xd, td, true, false);
    }
    xmm_forget_temp(td, xd);
}

#undef V66
#undef V38

static void x86_guard_failed(void *env, uintptr_t pc)
{
    if (!tcg_guard_hook) {
        abort();
    }
    tcg_guard_hook(env, pc);
    abort();                    /* it must not return */
}

/* mov r11d, [env + ofs]; and; cmp; je ok; call the hook; ok: */
static void out_guard(TCGContext *s, intptr_t ofs, uint32_t mask,
                      uint32_t val)
{
    uint8_t *je;

    x86_out_ld(s, TCG_TYPE_I32, TCG_REG_TMP, TCG_AREG0, ofs);
    out_arithi(s, TCG_TYPE_I32, ARITH_AND, TCG_REG_TMP, (int32_t)mask);
    out_arithi(s, TCG_TYPE_I32, ARITH_CMP, TCG_REG_TMP, (int32_t)val);
    o8(s, 0x0f);
    o8(s, 0x80 + JCC_JE);
    je = s->code_ptr;
    o32(s, 0);
    x86_out_mov(s, TCG_TYPE_I64, R_RDI, TCG_AREG0);
    /* lea rsi, [rip]: a pc inside this guest instruction's code */
    o8(s, 0x48);
    o8(s, 0x8d);
    o8(s, 0x35);
    o32(s, 0);
    x86_out_call(s, (const void *)x86_guard_failed);
    patch_rel32(je, s->code_ptr);
}

void x86_out_op(TCGContext *s, const TCGOp *op, const TCGArg *a,
                const bool *c)
{
    TCGType t = op->type;
    int rw = rexw(t);
    unsigned w = t == TCG_TYPE_I32 ? 32 : 64;

    switch (op->opc) {
    case INDEX_op_add:
        if (c[2]) {
            if (a[0] == a[1]) {
                out_arithi(s, t, ARITH_ADD, a[0], (int64_t)a[2]);
            } else {
                out_modrm_sib(s, OPC_LEA | rw, a[0], a[1], -1,
                              (int32_t)a[2]);
            }
        } else if (a[0] == a[1]) {
            out_arith(s, t, ARITH_ADD, a[0], a[2]);
        } else if (a[0] == a[2]) {
            out_arith(s, t, ARITH_ADD, a[0], a[1]);
        } else {
            out_modrm_sib(s, OPC_LEA | rw, a[0], a[1], a[2], 0);
        }
        break;
    case INDEX_op_sub:
        if (c[2]) {
            out_arithi(s, t, ARITH_SUB, a[0], (int64_t)a[2]);
        } else {
            out_arith(s, t, ARITH_SUB, a[0], a[2]);
        }
        break;
    case INDEX_op_and:
    case INDEX_op_or:
    case INDEX_op_xor:
    case INDEX_op_eqv:
    case INDEX_op_nand:
    case INDEX_op_nor: {
        int aop = (op->opc == INDEX_op_and || op->opc == INDEX_op_nand)
                  ? ARITH_AND
                  : (op->opc == INDEX_op_or || op->opc == INDEX_op_nor)
                  ? ARITH_OR : ARITH_XOR;
        if (c[2]) {
            out_arithi(s, t, aop, a[0], (int64_t)a[2]);
        } else {
            out_arith(s, t, aop, a[0], a[2]);
        }
        if (op->opc == INDEX_op_eqv || op->opc == INDEX_op_nand
            || op->opc == INDEX_op_nor) {
            out_modrm(s, OPC_GRP3_Ev | rw, EXT3_NOT, a[0]);
        }
        break;
    }
    case INDEX_op_andc:
    case INDEX_op_orc: {
        int aop = op->opc == INDEX_op_andc ? ARITH_AND : ARITH_OR;
        if (c[2]) {
            out_arithi(s, t, aop, a[0], ~(int64_t)a[2]);
        } else {
            x86_out_mov(s, t, TCG_REG_TMP, a[2]);
            out_modrm(s, OPC_GRP3_Ev | rw, EXT3_NOT, TCG_REG_TMP);
            out_arith(s, t, aop, a[0], TCG_REG_TMP);
        }
        break;
    }
    case INDEX_op_not:
        out_modrm(s, OPC_GRP3_Ev | rw, EXT3_NOT, a[0]);
        break;
    case INDEX_op_neg:
        out_modrm(s, OPC_GRP3_Ev | rw, EXT3_NEG, a[0]);
        break;
    case INDEX_op_mul:
        if (c[2]) {
            int64_t v = t == TCG_TYPE_I32 ? (int32_t)a[2] : (int64_t)a[2];
            if (fits_s8(v)) {
                out_modrm(s, OPC_IMUL_GvEvIb | rw, a[0], a[0]);
                o8(s, (uint8_t)v);
            } else {
                out_modrm(s, OPC_IMUL_GvEvIz | rw, a[0], a[0]);
                o32(s, (uint32_t)v);
            }
        } else {
            out_modrm(s, OPC_IMUL_GvEv | rw, a[0], a[2]);
        }
        break;
    case INDEX_op_shl:
        out_shift(s, t, SHIFT_SHL, a[0], a[2], c[2]);
        break;
    case INDEX_op_shr:
        out_shift(s, t, SHIFT_SHR, a[0], a[2], c[2]);
        break;
    case INDEX_op_sar:
        out_shift(s, t, SHIFT_SAR, a[0], a[2], c[2]);
        break;
    case INDEX_op_rotl:
        out_shift(s, t, SHIFT_ROL, a[0], a[2], c[2]);
        break;
    case INDEX_op_rotr:
        out_shift(s, t, SHIFT_ROR, a[0], a[2], c[2]);
        break;
    case INDEX_op_mulu2:
    case INDEX_op_muls2:
        out_modrm(s, OPC_GRP3_Ev | rw,
                  op->opc == INDEX_op_mulu2 ? EXT3_MUL : EXT3_IMUL, a[3]);
        break;
    case INDEX_op_divu2:
    case INDEX_op_divs2:
        out_modrm(s, OPC_GRP3_Ev | rw,
                  op->opc == INDEX_op_divu2 ? EXT3_DIV : EXT3_IDIV, a[4]);
        break;
    case INDEX_op_add2:
    case INDEX_op_sub2: {
        bool add = op->opc == INDEX_op_add2;
        if (c[4]) {
            out_arithi(s, t, add ? ARITH_ADD : ARITH_SUB, a[0], (int64_t)a[4]);
        } else {
            out_arith(s, t, add ? ARITH_ADD : ARITH_SUB, a[0], a[4]);
        }
        if (c[5]) {
            out_arithi(s, t, add ? ARITH_ADC : ARITH_SBB, a[1], (int64_t)a[5]);
        } else {
            out_arith(s, t, add ? ARITH_ADC : ARITH_SBB, a[1], a[5]);
        }
        break;
    }
    case INDEX_op_extract:
        out_extract(s, t, false, a[0], a[1], a[2], a[3]);
        break;
    case INDEX_op_sextract:
        out_extract(s, t, true, a[0], a[1], a[2], a[3]);
        break;
    case INDEX_op_deposit:
        out_deposit(s, t, a[0], a[1], a[2], a[3], a[4]);
        break;
    case INDEX_op_ext8s:
        out_modrm(s, OPC_MOVSBL | P_REXB_RM | rw, a[0], a[1]);
        break;
    case INDEX_op_ext8u:
        out_modrm(s, OPC_MOVZBL | P_REXB_RM, a[0], a[1]);
        break;
    case INDEX_op_ext16s:
        out_modrm(s, OPC_MOVSWL | rw, a[0], a[1]);
        break;
    case INDEX_op_ext16u:
        out_modrm(s, OPC_MOVZWL, a[0], a[1]);
        break;
    case INDEX_op_ext32s:
    case INDEX_op_ext_i32_i64:
        out_modrm(s, OPC_MOVSLQ, a[0], a[1]);
        break;
    case INDEX_op_ext32u:
    case INDEX_op_extu_i32_i64:
    case INDEX_op_extrl_i64_i32:
        out_modrm(s, OPC_MOVL_GvEv, a[0], a[1]);
        break;
    case INDEX_op_extrh_i64_i32:
        x86_out_mov(s, TCG_TYPE_I64, a[0], a[1]);
        out_shifti(s, TCG_TYPE_I64, SHIFT_SHR, a[0], 32);
        break;
    case INDEX_op_concat_i32_i64:
        x86_out_mov(s, TCG_TYPE_I64, TCG_REG_TMP, a[2]);
        out_shifti(s, TCG_TYPE_I64, SHIFT_SHL, TCG_REG_TMP, 32);
        out_modrm(s, OPC_MOVL_GvEv, a[0], a[1]);
        out_arith(s, TCG_TYPE_I64, ARITH_OR, a[0], TCG_REG_TMP);
        break;
    case INDEX_op_bswap16:
        out_modrm(s, OPC_SHIFT_Ib | P_DATA16, SHIFT_ROL, a[0]);
        o8(s, 8);
        out_modrm(s, OPC_MOVZWL, a[0], a[0]);
        break;
    case INDEX_op_bswap32:
        out_opc(s, OPC_BSWAP + (a[0] & 7), 0, a[0], 0);
        break;
    case INDEX_op_bswap64:
        out_opc(s, (OPC_BSWAP + (a[0] & 7)) | P_REXW, 0, a[0], 0);
        break;
    case INDEX_op_clz:
        out_count_zeros(s, t, true, a[0], a[1], a[2], c[2]);
        break;
    case INDEX_op_ctz:
        out_count_zeros(s, t, false, a[0], a[1], a[2], c[2]);
        break;
    case INDEX_op_ctpop:
        out_modrm(s, OPC_POPCNT | rw, a[0], a[1]);
        break;
    case INDEX_op_setcond:
    case INDEX_op_negsetcond:
        out_cmp(s, t, a[1], a[2], c[2]);
        out_modrm(s, OPC_SETCC + x86_cond[a[3]], 0, a[0]);
        out_modrm(s, OPC_MOVZBL | P_REXB_RM, a[0], a[0]);
        if (op->opc == INDEX_op_negsetcond) {
            out_modrm(s, OPC_GRP3_Ev | rw, EXT3_NEG, a[0]);
        }
        break;
    case INDEX_op_movcond:
        out_cmp(s, t, a[1], a[2], c[2]);
        if (op->args[TCG_MOVCOND_PREDICTABLE]) {
            out_movcond_branch(s, rw, x86_cond[a[5]], a[0], a[3]);
        } else {
            out_modrm(s, (OPC_CMOVCC + x86_cond[a[5]]) | rw, a[0], a[3]);
        }
        break;
    case INDEX_op_ld8u: case INDEX_op_ld8s: case INDEX_op_ld16u:
    case INDEX_op_ld16s: case INDEX_op_ld32u: case INDEX_op_ld32s:
    case INDEX_op_ld: case INDEX_op_st8: case INDEX_op_st16:
    case INDEX_op_st32: case INDEX_op_st:
        out_ldst_host(s, op, a, c);
        break;
    case INDEX_op_qemu_ld:
        out_qemu_ld(s, t, a[0], a[1], (MemOp)a[2]);
        break;
    case INDEX_op_qemu_st:
        out_qemu_st(s, a[0], a[1], (MemOp)a[2]);
        break;
    case INDEX_op_qemu_ld2:
        out_qemu_ld2(s, a[0], a[1], a[2], (MemOp)a[3]);
        break;
    case INDEX_op_qemu_st2:
        out_qemu_st2(s, a[0], a[1], a[2], (MemOp)a[3]);
        break;
    case INDEX_op_fpu1:
        out_fpu(s, op, (TCGFpOp)a[2], a[0], a[1], -1);
        break;
    case INDEX_op_fpu2:
        out_fpu(s, op, (TCGFpOp)a[3], a[0], a[1], a[2]);
        break;
    case INDEX_op_vec2:
        out_vec(s, op, (TCGVecOp)a[3], a[0], a[1], a[2]);
        break;
    case INDEX_op_guard:
        out_guard(s, (intptr_t)a[0], (uint32_t)a[1], (uint32_t)a[2]);
        break;
    case INDEX_op_call_cold:
        out_call_cold(s, a[0], c[0], a[1], a[2], a[3], a[4]);
        break;
    default:
        fprintf(stderr, "tcg x86_64: unhandled op %s\n", op_def(op)->name);
        abort();
    }
    (void)w;
}

/* ------------------------------------------------------------------ */
/* Constraints                                                         */

enum {
    CT_O_R, CT_O_NEW, CT_O_A0, CT_O_A1, CT_O_A3, CT_O_RAX_A0, CT_O_RDX,
    CT_O_RDX_A1,
    CT_I_R, CT_I_RE, CT_I_RI, CT_I_RCXI, CT_I_RAX, CT_I_RDX, CT_I_NOTAD,
    CT_LAST
};

static X86ArgCt ct_table[CT_LAST];
static X86OpCt op_cts[NB_OPS][2];

static void ct_set(TCGOpcode opc, int o1, int o2, int i1, int i2, int i3,
                   int i4, int i5)
{
    int list[7] = { o1, o2, i1, i2, i3, i4, i5 };
    int k = 0;

    for (int t = 0; t < 2; t++) {
        X86OpCt *ct = &op_cts[opc][t];
        k = 0;
        for (int j = 0; j < 7; j++) {
            if (list[j] >= 0) {
                ct->args[k++] = ct_table[list[j]];
            }
        }
    }
}

static void x86_init_constraints(void)
{
    const TCGRegSet all = X86_ALLOCATABLE;

    ct_table[CT_O_R] = (X86ArgCt){ all, 0, -1 };
    ct_table[CT_O_NEW] = (X86ArgCt){ all, CT_NEWREG, -1 };
    ct_table[CT_O_A0] = (X86ArgCt){ all, CT_ALIAS, 0 };
    ct_table[CT_O_A1] = (X86ArgCt){ all, CT_ALIAS, 1 };
    ct_table[CT_O_A3] = (X86ArgCt){ all, CT_ALIAS, 3 };
    ct_table[CT_O_RAX_A0] = (X86ArgCt){ REGSET(R_RAX), CT_ALIAS, 0 };
    ct_table[CT_O_RDX] = (X86ArgCt){ REGSET(R_RDX), 0, -1 };
    ct_table[CT_O_RDX_A1] = (X86ArgCt){ REGSET(R_RDX), CT_ALIAS, 1 };
    ct_table[CT_I_R] = (X86ArgCt){ all, 0, -1 };
    ct_table[CT_I_RE] = (X86ArgCt){ all, CT_CONST_S32, -1 };
    ct_table[CT_I_RI] = (X86ArgCt){ all, CT_CONST_ANY, -1 };
    ct_table[CT_I_RCXI] = (X86ArgCt){ REGSET(R_RCX), CT_CONST_ANY, -1 };
    ct_table[CT_I_RAX] = (X86ArgCt){ REGSET(R_RAX), 0, -1 };
    ct_table[CT_I_RDX] = (X86ArgCt){ REGSET(R_RDX), 0, -1 };
    ct_table[CT_I_NOTAD] = (X86ArgCt){ all & ~REGSET(R_RAX) & ~REGSET(R_RDX),
                                       0, -1 };

#define N -1
    ct_set(INDEX_op_add, CT_O_R, N, CT_I_R, CT_I_RE, N, N, N);
    ct_set(INDEX_op_sub, CT_O_A0, N, CT_I_R, CT_I_RE, N, N, N);
    ct_set(INDEX_op_mul, CT_O_A0, N, CT_I_R, CT_I_RE, N, N, N);
    ct_set(INDEX_op_and, CT_O_A0, N, CT_I_R, CT_I_RE, N, N, N);
    ct_set(INDEX_op_or, CT_O_A0, N, CT_I_R, CT_I_RE, N, N, N);
    ct_set(INDEX_op_xor, CT_O_A0, N, CT_I_R, CT_I_RE, N, N, N);
    ct_set(INDEX_op_andc, CT_O_A0, N, CT_I_R, CT_I_RE, N, N, N);
    ct_set(INDEX_op_orc, CT_O_A0, N, CT_I_R, CT_I_RE, N, N, N);
    ct_set(INDEX_op_eqv, CT_O_A0, N, CT_I_R, CT_I_RE, N, N, N);
    ct_set(INDEX_op_nand, CT_O_A0, N, CT_I_R, CT_I_RE, N, N, N);
    ct_set(INDEX_op_nor, CT_O_A0, N, CT_I_R, CT_I_RE, N, N, N);
    ct_set(INDEX_op_neg, CT_O_A0, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_not, CT_O_A0, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_shl, CT_O_A0, N, CT_I_R, CT_I_RCXI, N, N, N);
    ct_set(INDEX_op_shr, CT_O_A0, N, CT_I_R, CT_I_RCXI, N, N, N);
    ct_set(INDEX_op_sar, CT_O_A0, N, CT_I_R, CT_I_RCXI, N, N, N);
    ct_set(INDEX_op_rotl, CT_O_A0, N, CT_I_R, CT_I_RCXI, N, N, N);
    ct_set(INDEX_op_rotr, CT_O_A0, N, CT_I_R, CT_I_RCXI, N, N, N);
    ct_set(INDEX_op_mulu2, CT_O_RAX_A0, CT_O_RDX, CT_I_RAX, CT_I_R, N, N, N);
    ct_set(INDEX_op_muls2, CT_O_RAX_A0, CT_O_RDX, CT_I_RAX, CT_I_R, N, N, N);
    ct_set(INDEX_op_divu2, CT_O_RAX_A0, CT_O_RDX_A1, CT_I_RAX, CT_I_RDX,
           CT_I_NOTAD, N, N);
    ct_set(INDEX_op_divs2, CT_O_RAX_A0, CT_O_RDX_A1, CT_I_RAX, CT_I_RDX,
           CT_I_NOTAD, N, N);
    ct_set(INDEX_op_add2, CT_O_A0, CT_O_A1, CT_I_R, CT_I_R, CT_I_RE, CT_I_RE,
           N);
    ct_set(INDEX_op_sub2, CT_O_A0, CT_O_A1, CT_I_R, CT_I_R, CT_I_RE, CT_I_RE,
           N);
    ct_set(INDEX_op_extract, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_sextract, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_deposit, CT_O_R, N, CT_I_R, CT_I_R, N, N, N);
    ct_set(INDEX_op_ext8s, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_ext8u, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_ext16s, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_ext16u, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_ext32s, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_ext32u, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_bswap16, CT_O_A0, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_bswap32, CT_O_A0, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_bswap64, CT_O_A0, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_clz, CT_O_NEW, N, CT_I_R, CT_I_RI, N, N, N);
    ct_set(INDEX_op_ctz, CT_O_NEW, N, CT_I_R, CT_I_RI, N, N, N);
    ct_set(INDEX_op_ctpop, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_setcond, CT_O_R, N, CT_I_R, CT_I_RE, N, N, N);
    ct_set(INDEX_op_negsetcond, CT_O_R, N, CT_I_R, CT_I_RE, N, N, N);
    ct_set(INDEX_op_movcond, CT_O_A3, N, CT_I_R, CT_I_RE, CT_I_R, CT_I_R, N);
    ct_set(INDEX_op_brcond, N, N, CT_I_R, CT_I_RE, N, N, N);
    ct_set(INDEX_op_ext_i32_i64, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_extu_i32_i64, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_extrl_i64_i32, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_extrh_i64_i32, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_concat_i32_i64, CT_O_R, N, CT_I_R, CT_I_R, N, N, N);
    ct_set(INDEX_op_ld8u, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_ld8s, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_ld16u, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_ld16s, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_ld32u, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_ld32s, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_ld, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_st8, N, N, CT_I_RE, CT_I_R, N, N, N);
    ct_set(INDEX_op_st16, N, N, CT_I_RE, CT_I_R, N, N, N);
    ct_set(INDEX_op_st32, N, N, CT_I_RE, CT_I_R, N, N, N);
    ct_set(INDEX_op_st, N, N, CT_I_RE, CT_I_R, N, N, N);
    ct_set(INDEX_op_qemu_ld, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_qemu_st, N, N, CT_I_R, CT_I_R, N, N, N);
    ct_set(INDEX_op_qemu_ld2, CT_O_NEW, CT_O_NEW, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_qemu_st2, N, N, CT_I_R, CT_I_R, CT_I_R, N, N);
    ct_set(INDEX_op_goto_ptr, N, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_fpu1, CT_O_R, N, CT_I_R, N, N, N, N);
    ct_set(INDEX_op_fpu2, CT_O_R, N, CT_I_R, CT_I_R, N, N, N);
    ct_set(INDEX_op_vec2, CT_O_R, N, CT_I_R, CT_I_R, N, N, N);
    ct_set(INDEX_op_call_cold, N, N, CT_I_RI, CT_I_R, N, N, N);
#undef N
}

const X86OpCt *x86_op_constraints(const TCGOp *op)
{
    return &op_cts[op->opc][op->type];
}

/* ------------------------------------------------------------------ */
/* Prologue, disassembly                                               */

static const int callee_saved[] = { R_RBP, R_RBX, R_R12, R_R13, R_R14,
                                    R_R15 };

bool x86_init_prologue(TCGContext *s, Error **errp)
{
    unsigned a, b, c, d;

    if (__get_cpuid(1, &a, &b, &c, &d)) {
        x86_have_popcnt = c & (1u << 23);
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d)) {
        x86_have_lzcnt = c & (1u << 5);
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        x86_have_bmi1 = b & (1u << 3);
    }
    if (!x86_have_popcnt) {
        error_setg(errp, "the native TCG backend needs a CPU with POPCNT; "
                   "use the interpreter (QEMU_TCG_BACKEND=interp)");
        return false;
    }
    x86_init_constraints();

    /* uintptr_t prologue(void *env, const void *code) */
    for (unsigned i = 0; i < ARRAY_SIZE(callee_saved); i++) {
        out_opc(s, OPC_PUSH_r32 + (callee_saved[i] & 7), 0, callee_saved[i],
                0);
    }
    x86_out_mov(s, TCG_TYPE_I64, TCG_AREG0, R_RDI);
    x86_out_movi(s, TCG_TYPE_I64, TCG_REG_GBASE, (uintptr_t)&guest_base);
    x86_out_ld(s, TCG_TYPE_I64, TCG_REG_GBASE, TCG_REG_GBASE, 0);
    out_modrm(s, OPC_ARITH_EvIz | P_REXW, ARITH_SUB, R_RSP);
    o32(s, X86_FRAME_SIZE);
    out_modrm(s, OPC_GRP5, EXT5_JMPN_Ev, R_RSI);

    x86_epilogue_ret0 = tcg_rw_to_rx(s, s->code_ptr);
    out_arith(s, TCG_TYPE_I32, ARITH_XOR, R_RAX, R_RAX);
    x86_epilogue_ret = tcg_rw_to_rx(s, s->code_ptr);
    out_modrm(s, OPC_ARITH_EvIz | P_REXW, ARITH_ADD, R_RSP);
    o32(s, X86_FRAME_SIZE);
    for (int i = ARRAY_SIZE(callee_saved) - 1; i >= 0; i--) {
        out_opc(s, OPC_POP_r32 + (callee_saved[i] & 7), 0, callee_saved[i], 0);
    }
    o8(s, OPC_RET);
    return true;
}

void x86_disas(FILE *f, const void *code, size_t size, uintptr_t addr)
{
#ifdef CONFIG_CAPSTONE
    csh h;
    cs_insn *insn;
    size_t n;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) == CS_ERR_OK) {
        n = cs_disasm(h, code, size, addr, 0, &insn);
        for (size_t i = 0; i < n; i++) {
            fprintf(f, "  0x%" PRIx64 ":  %-8s %s\n", insn[i].address,
                    insn[i].mnemonic, insn[i].op_str);
        }
        if (n) {
            cs_free(insn, n);
        }
        cs_close(&h);
        return;
    }
#endif
    for (size_t i = 0; i < size; i += 16) {
        fprintf(f, "  0x%" PRIxPTR ":", addr + i);
        for (size_t j = i; j < size && j < i + 16; j++) {
            fprintf(f, " %02x", ((const uint8_t *)code)[j]);
        }
        fprintf(f, "\n");
    }
}
