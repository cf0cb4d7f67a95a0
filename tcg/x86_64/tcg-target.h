/*
 * x86-64 backend internals shared by the register allocator
 * (regalloc.c) and the instruction encoder / op emitter (emit.c).
 *
 * Fixed registers: RBP holds env (TCG_AREG0), R14 holds guest_base,
 * R11 is the emitter's scratch register, RSP points at the frame
 * (16 bytes of outgoing stack arguments, then the spill slots).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_X86_64_TARGET_H
#define TCG_X86_64_TARGET_H

#include "../tcg-internal.h"

typedef enum X86Reg {
    R_RAX, R_RCX, R_RDX, R_RBX, R_RSP, R_RBP, R_RSI, R_RDI,
    R_R8, R_R9, R_R10, R_R11, R_R12, R_R13, R_R14, R_R15,
    X86_NB_REGS
} X86Reg;

typedef uint32_t TCGRegSet;

#define TCG_AREG0        R_RBP
#define TCG_REG_GBASE    R_R14
#define TCG_REG_TMP      R_R11
#define REGSET(r)        ((TCGRegSet)1 << (r))
#define X86_RESERVED     (REGSET(R_RSP) | REGSET(R_RBP) | REGSET(R_R14) \
                          | REGSET(R_R11))
#define X86_ALL_REGS     0xffffu
#define X86_ALLOCATABLE  (X86_ALL_REGS & ~X86_RESERVED)
#define X86_CALL_CLOBBER (REGSET(R_RAX) | REGSET(R_RCX) | REGSET(R_RDX) \
                          | REGSET(R_RSI) | REGSET(R_RDI) | REGSET(R_R8) \
                          | REGSET(R_R9) | REGSET(R_R10) | REGSET(R_R11))

/* Frame: [rsp+0, 16) outgoing stack args; spill slots from rsp+16. */
#define X86_STACK_ARGS_SIZE 16
#define X86_FRAME_SLOTS     2040    /* one per temp: never exhausted */
#define X86_FRAME_SIZE      (X86_STACK_ARGS_SIZE + X86_FRAME_SLOTS * 8 + 8)

/* CPU features probed at init. */
extern bool x86_have_lzcnt, x86_have_bmi1, x86_have_popcnt;

/* Epilogue entry points (executable addresses). */
extern uintptr_t x86_epilogue_ret;     /* return rax */
extern uintptr_t x86_epilogue_ret0;    /* return 0 */

/* Encoder primitives used by the allocator. */
void x86_out_mov(TCGContext *s, TCGType t, int dst, int src);
bool x86_out_stubs(TCGContext *s);
void x86_out_movi(TCGContext *s, TCGType t, int reg, uint64_t val);
/* The same, but may clobber the flags (xor for 0): not between a compare
 * and its use. */
void x86_out_movi_nf(TCGContext *s, TCGType t, int reg, uint64_t val);
void x86_out_ld(TCGContext *s, TCGType t, int reg, int base, intptr_t ofs);
void x86_out_st(TCGContext *s, TCGType t, int reg, int base, intptr_t ofs);
/* Store an immediate to memory (may use the scratch register). */
void x86_out_sti(TCGContext *s, TCGType t, uint64_t val, int base,
                 intptr_t ofs);
void x86_out_call(TCGContext *s, const void *func);
void x86_out_jmp_abs(TCGContext *s, uintptr_t target);
/* Conditional jump / jump to a label; the label may be unresolved. */
void x86_out_label_ref(TCGContext *s, int cc, TCGLabel *l);
void x86_bind_label(TCGContext *s, TCGLabel *l);
void x86_reset_labels(TCGContext *s);
bool x86_labels_resolved(TCGContext *s);

/*
 * xmm0/xmm1 are the FP scratch registers; the emitter remembers which
 * temp's value each holds so a chain of fpu ops skips the moves between
 * general and xmm registers.  Called for every op before it is emitted
 * (fpu ops excepted): forgets the temps @op writes, and everything at a
 * label, a call or anything else that may clobber xmm0/xmm1.
 */
void x86_xmm_note_op(const TCGOp *op);
void x86_xmm_forget(void);
/* Forget everything, xmm-only values too (a TB starts, perhaps after an
   earlier one was abandoned half-way). */
void x86_xmm_reset(void);
/* Whether @op may clobber xmm0..xmm7 (x86_xmm_note_op forgets them). */
bool x86_xmm_op_clobbers(const TCGOp *op);

/*
 * xmm-only values (regalloc.c decides, emit.c tracks): a temp that an
 * fpu op computes or a host load (`ld`, `ld32u` of i64) reads, used only
 * as fpu inputs read from xmm and as the value of `st`/`st32`, lives in
 * a scratch xmm register and nowhere else.  An fpu op gets -1 for such an
 * input or output register.  At most X86_XMM_ONLY_MAX are live at once:
 * an op needs two more registers (its inputs, or an input and a copy),
 * and the eight scratch registers must still leave one to replace.
 */
#define X86_XMM_ONLY_MAX 5
int x86_xmm_only_count(void);
bool x86_xmm_holds_only(const TCGTemp *t);
/* @t is dead: its xmm register is free again. */
void x86_xmm_release(const TCGTemp *t);
/* The host load / store @op with its base register allocated. */
void x86_xmm_ld(TCGContext *s, const TCGOp *op, int base, intptr_t ofs);
void x86_xmm_st(TCGContext *s, const TCGOp *op, int base, intptr_t ofs);
bool x86_fpu_input_xmm(const TCGOp *op, int k, bool *q);
bool x86_fpu_output_xmm(const TCGOp *op, bool *q);

/* Emit a generic op whose arguments have been allocated: a[] holds
 * registers, or values where isconst[] is set. */
void x86_out_op(TCGContext *s, const TCGOp *op, const TCGArg *a,
                const bool *isconst);
void x86_out_brcond(TCGContext *s, TCGType t, TCGCond c, TCGArg a, TCGArg b,
                    bool b_const, TCGLabel *l);
/* Branch on (a & b) == 0 (EQ) or != 0 (NE). */
void x86_out_brtest(TCGContext *s, TCGType t, TCGCond c, TCGArg a, TCGArg b,
                    bool b_const, TCGLabel *l);
void x86_out_goto_tb(TCGContext *s, TranslationBlock *tb, int n);
void x86_out_exit_tb(TCGContext *s, uintptr_t val);
void x86_out_goto_ptr(TCGContext *s, int reg);
void x86_out_mb(TCGContext *s, unsigned bar);

/* Argument constraints of an op. */
#define CT_CONST_S32  1     /* sign-extended 32-bit immediate (any for i32) */
#define CT_CONST_ANY  2     /* any immediate */
#define CT_NEWREG     4     /* output must not overlap any input */
#define CT_ALIAS      8     /* output shares the register of input .alias */

typedef struct X86ArgCt {
    TCGRegSet regs;
    uint8_t flags;
    int8_t alias;           /* input index (0-based among inputs) */
} X86ArgCt;

typedef struct X86OpCt {
    X86ArgCt args[TCG_MAX_OP_ARGS];
} X86OpCt;

const X86OpCt *x86_op_constraints(const TCGOp *op);

bool x86_init_prologue(TCGContext *s, Error **errp);
void x86_disas(FILE *f, const void *code, size_t size, uintptr_t addr);
void x86_set_jmp_target(TranslationBlock *tb, int n, uintptr_t addr,
                        uint8_t *rw);

#endif
