/*
 * e2k translator internals shared by the translate-*.c units.
 *
 * A TB is translated bundle by bundle.  Each bundle runs in two phases:
 * the read phase evaluates every operation of every unit (ALU channels,
 * PLS, conditions, loads) from the state as it was at the start of the
 * bundle into temporaries; the commit phase then writes the results
 * (registers, predicates, ctprs, BR, loop counters) and performs the
 * control transfer.  Nothing is written to the architectural state
 * before the commit phase, so a fault in the read phase (a load, a
 * division, an invalid operand) leaves the state as before the bundle.
 * Stores are issued after all loads and checks of the bundle, in
 * channel order; with two or more, all are probed first (translate-mem.c)
 * so that a fault leaves memory as before the bundle too.
 *
 * BR (based-register and predicate rotation) is part of the TB flags, so
 * %b[N] and rotating %predN resolve to fixed offsets while translating;
 * ctx->br tracks BR through the TB and is stored to env->br whenever it
 * changes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_E2K_TRANSLATE_H
#define TARGET_E2K_TRANSLATE_H

#include "tcg/tcg-op.h"
#include "target/e2k/cpu.h"
#include "target/e2k/decode.h"
#include "target/e2k/helper.h"

/* Copies of a one-bundle loop body in one TB (enough for the usual
   rotating-register periods). */
#define E2K_LOOP_COPIES 8

/* Where a result goes. */
typedef enum ResultKind {
    RES_NONE = 0,
    RES_REG,        /* base + off (base: wptr or env) */
    RES_PRED,       /* %pred(idx) in env->pf */
    RES_CTPR,       /* env->ctpr[idx] */
    RES_SREG,       /* state register number off (rws/rwd) */
} ResultKind;

typedef struct Result {
    ResultKind kind;
    bool base_env;          /* RES_REG: global register (env-relative) */
    intptr_t off;           /* RES_REG: byte offset; PRED/CTPR: index */
    TCGv_i64 val;
    TCGv_i64 hi;            /* RES_REG: upper 64 bits (128-bit ldqp), or NULL */
    TCGv_i64 tag;           /* NULL: number (tag 0) */
    TCGv_i32 guard;         /* NULL: unconditional; else commit if != 0 */
} Result;

/* translate-aau.c: the AAU work of one wide instruction, done in its
   commit phase. */
typedef struct E2KAauBundle {
    Result mova[4];             /* mova results (channels 0..3) */
    uint64_t advance;           /* bit N: area N moves on (mova am) */
    bool bap, eap;
    /* ldaa/staa with incr: AASTI[incr_sti] += AAINCR[incr_n] << size */
    bool has_incr[6];
    bool incr_store[6];         /* staa: only when stores are enabled */
    uint8_t incr_sti[6], incr_n[6], incr_size[6];
    TCGv_i32 incr_guard[6];     /* the incr's own condition, or NULL */
    /* aaurw */
    bool has_aaurw[6];
    uint16_t aaurw_reg[6];      /* ALS bits 23:8 */
    uint8_t aaurw_size[6];      /* log2 of the bytes of the value */
    bool aaurw_hi[6];           /* the second channel of aaurwq */
    TCGv_i64 aaurw_val[6];
    TCGv_i32 aaurw_guard[6];
} E2KAauBundle;

typedef struct DisasContext {
    CPUE2KState *env;
    TranslationBlock *tb;
    int isa;
    bool tags;              /* E2K_TBFLAG_TAGS: the tag code */
    /* tags=on but no diagnostic value exists yet (every tag is 0): no
       tag code, but what would make a diagnostic value reruns its wide
       instruction with it (e2k_gen_tags_begin) */
    bool tags_lazy;
    /* Tag checks of the read phase are collected (OR of the tags that
       must be 0) while tag_defer, and tested once before the stores,
       so a bundle pays one branch, not one per operand. */
    bool tag_defer;
    TCGv_i64 tag_fault;
    /* Registers whose tag is known to be 0 here (a bit per window
       register %r0..%r255, then one per global): written with tag 0
       earlier in this straight run of the TB, so reading the tag or
       storing 0 again is skipped.  Cleared where control can come from
       elsewhere (a loop head inside the TB, a loop-mode bundle's two
       versions). */
    uint64_t tag_zero[E2K_MAX_WINDOW / 64 + 1];
    bool spec_safe;         /* ,sm loads check the page flags */
    /* translate-fpu.c: a ,sm FP operation is being translated (its
       helpers get E2K_FP_PC_SPEC), and one of them may have failed */
    bool fp_spec, fp_spec_armed;
    /* ... and with tags on, its sources' tag (nonzero: one of them is
       diagnostic), and whether an operand was replaced for that */
    TCGv_i64 fp_spec_tag;
    bool fp_spec_subst;
    uint64_t pc;            /* current bundle */
    uint64_t next_pc;
    uint32_t br;            /* BR in force at the start of this bundle */
    bool br_dirty;          /* ctx->br differs from what env->br holds */
    E2KBundle b;
    bool ended;             /* the TB ends after this bundle */

    /* Known ctpr contents from disp earlier in this TB (0: unknown). */
    uint64_t ctpr_known[3];

    /* Read-phase results. */
    Result res[6];          /* ALU channels */
    Result pres[12];        /* predicate results (PLS, compares) */
    int npres;
    TCGv_i64 ctpr_new[3];   /* CS0/ALU writes to ctprs */
    TCGv_i32 ct_cond;       /* condition of the control transfer, or NULL */
    /* si_code of the SIGILL when e2k_gen_ctl_read refuses the bundle:
       ILL_ILLOPC, or ILL_PRVOPC for a privileged transfer */
    int ctl_ill_code;
    bool ct_always;
    TCGv_i64 st_addr[6], st_val[6];
    MemOp st_mop[6];
    TCGv_i32 st_guard[6];
    bool has_store[6];
    /* translate-mem.c, valid where has_store: upper 64 bits of a 16-byte
       store (MO_128), its byte mask (stmqp, else NULL), and whether the
       store is a descriptor-relative form that faults instead. */
    TCGv_i64 st_val_hi[6], st_mask[6];
    bool st_fault[6];
    /* translate-mem.c: a store whose address is a register plus a
       constant has st_base = 1 + (src1 field | format << 8) and that
       constant in st_disp; 0 for any other store.  Stores of one bundle
       with the same st_base add their constants to one value. */
    uint16_t st_base[6];
    int64_t st_disp[6];
    /* translate-mem.c: the value of a later channel's ldd that an earlier
       channel loaded with its own (one 16-byte access), else NULL. */
    TCGv_i64 ld_paired[6];
    /* translate-mem.c: what the MAS makes of a store (a plain store, the
       conditional store of a memory lock, or no memory effect: a cache
       flush, an unlock without store), and %MLOCK as the conditional
       stores of this bundle left it (NULL: none, the constant mlock). */
    enum { ST_PLAIN, ST_COND, ST_NOP } st_kind[6];
    TCGv_i32 mlock_val;
    /* translate-mem.c: the loads of this bundle, so that a load in a
       later channel than a store can be repeated after that store (memory
       operations take effect in channel order). */
    enum { LD_NONE, LD_PLAIN, LD_SPEC, LD_SPEC_SAFE } ld_kind[6];
    TCGv_i64 ld_addr[6], ld_val[6], ld_val_hi[6];
    MemOp ld_mop[6];
    /* tags=on: OR of the tags of each channel's register sources (NULL:
       none read), and whether a speculative load of the channel failed. */
    TCGv_i64 src_tag[6];
    /* getsp: the delta of channel N (NULL: none) and its guard; %usd
       moves in the commit phase. */
    TCGv_i64 getsp_delta[6];
    TCGv_i32 getsp_guard[6];
    /* Window bounds (translate.c): the window size when known at
       translation time (after a setwd of this TB; -1 unknown) and how
       many %r registers a run-time check earlier in this TB proved to be
       inside the window. */
    int wd_known;
    int wd_checked;
    /* BR that addresses the %b[] results of this bundle: the new one when
       the bundle has setbn (see e2k-translator.md), else br. */
    uint32_t br_dst;
    /* BGR.cur when known at translation time (0..7), -1: read it at run
       time (E2K_TBFLAG_BGR_ROT). */
    int bgr_cur;
    /* Control-transfer conditions on this bundle's own results (%MLOCK
       || %cmpN / %clpN / %dt_alN): ct_late is the SS ctcond (0: none),
       evaluated into ct_cond once the ALU channels and the PLS ran. */
    uint32_t ct_late;
    bool mlock;             /* a check load (MAS mod 3) on ALC2/5 */
    TCGv_i64 cmp_val[6];    /* compare result of ALC N (bit 0), or NULL */
    TCGv_i32 clp_val[3];    /* CLP N result, or NULL */
    /* Loop-mode store suppression condition (computed once per bundle). */
    TCGv_i32 st_enable;
    TCGv_i32 loop_end;      /* is_loop_end of this bundle, once computed */
    /* A loop body of one wide instruction at the start of the TB is
       translated once per BR its rotation steps through; the taken
       branch of each copy goes to the copy for the next BR, so the loop
       runs inside the TB (translate-ctl.c, e2k_loop_copies_*). */
    bool loop_copies_ok;    /* while translating the TB's first bundle */
    int copy;               /* the copy being translated (0: the first) */
    int ncopies;
    uint32_t copy_br[E2K_LOOP_COPIES];
    TCGLabel *copy_label[E2K_LOOP_COPIES];
    /* where a middle trip of a loop-mode loop enters each copy: past
       the LSR.pcnt test, which the trip before passed */
    TCGLabel *copy_steady[E2K_LOOP_COPIES];
    bool slot1_used;
    TCGLabel *exit_stub;    /* leaves the TB on an exit request */
    /* The value (0/1, i64) an earlier wide instruction of this TB wrote
       unconditionally to each physical predicate, and the op count then:
       still in a temp while no label or helper call came since. */
    TCGv_i64 pred_val[32];
    int pred_mark[32];
    /* This copy runs only when LSR.pcnt == 0 and LSR.lcnt >= 2 (checked
       before it): a trip in the middle of a loop, which is not the loop
       end, may store, and only counts lcnt down. */
    bool lsr_steady;
    /* This bundle's register accesses may use the loop register cache
       (translate.c, rcache_*): set after its control fields are read
       when it keeps the window, BR and BGR as the TB's start has them. */
    bool rcache_on;
    /* k + 1 when the TB's entry checked that %ctprk holds a disp to the
       TB's start (its back edge), 0 otherwise; max_bundles of this
       translation */
    int ctpr_entry;
    int max_bundles;
    /* Bundles before aau_fixed_end (gen_aau_entry_check) neither are
       nor follow a bap or aaurw in the TB: the per-area fields hold,
       and only the inline code writes AALDI and AASTI (so the loop cache
       may keep them).  The areas in aau_fixed had their fmt checked at
       the TB's entry: their movas and ams do not test it. */
    uint64_t aau_fixed;
    uint64_t aau_fixed_end;
    E2KAauBundle aau;
} DisasContext;

/* translate.c */
/* The loop register cache's copy (translate.c, rcache) of the 32-bit
   env field at @off, zero-extended, or NULL.  With @add an entry is made
   if a slot is free; the caller makes sure that nothing but
   e2k_gen_st_env32 writes the field while the TB runs. */
TCGv_i64 e2k_rcache_env32(DisasContext *dc, intptr_t off, bool add);
/* Store the low 32 bits of @v to the env field at @off, and to its
   cached copy if it has one (write-through; @v need not be
   zero-extended). */
void e2k_gen_st_env32(DisasContext *dc, intptr_t off, TCGv_i64 v);
/* Add @v to the 32-bit env field at @off (and its cached copy). */
void e2k_gen_add_env32(DisasContext *dc, intptr_t off, TCGv_i64 v);
TCGv_i64 e2k_gen_reg_read(DisasContext *dc, const E2KOperand *op);
/* The upper 64 bits of source register @op (0 for a literal; NULL: not
   a register).  Like e2k_gen_reg_read: the bundle's starting BR, and
   %g24..%g31 rotated by BGR.  e2k_reg_location is for results only (a
   setbn bundle's new BR; a rotated global's offset is logical there). */
TCGv_i64 e2k_gen_reg_read_hi(DisasContext *dc, const E2KOperand *op);
bool e2k_reg_location(DisasContext *dc, const E2KOperand *op,
                      bool *base_env, intptr_t *off);
TCGv_i64 e2k_gen_src(DisasContext *dc, int chan, uint8_t field,
                     E2KOperandRole role);
/* e2k_gen_src for an operand of format @fmt (E2KFmt): its tag counts
   only the halves the operand reads (a 32-bit operand the low pair, a
   64-bit one the low four bits, wider ones all). */
TCGv_i64 e2k_gen_src_fmt(DisasContext *dc, int chan, uint8_t field,
                         E2KOperandRole role, int fmt);
void e2k_gen_exception(DisasContext *dc, int sig, int code);
TCGv_i32 e2k_gen_pred_read(DisasContext *dc, int n);
int e2k_pred_index(uint32_t br, int n);
int e2k_breg_index(uint32_t br, int n);
void e2k_gen_call_helper(void *fn, TCGTemp *ret, int nargs, ...);
/* tags=on: raise SIGILL (illegal operand) when @tag is not zero: in the
   read phase, deferred to the one test before the stores. */
void e2k_gen_check_tag(DisasContext *dc, TCGv_i64 tag);
/* The same at once (before an access or division @tag must guard). */
void e2k_gen_check_tag_now(DisasContext *dc, TCGv_i64 tag);
/* A source of channel @chan with its tag in *@tag (NULL: a number, or
   no tag code), which is left out of the channel's source tags: for the
   operations that read or move a tag instead of trapping on it. */
TCGv_i64 e2k_gen_src_tagged(DisasContext *dc, int chan, uint8_t field,
                            E2KOperandRole role, TCGv_i64 *tag);
/* dc->tags_lazy: the bundle makes a diagnostic value (when @nonzero is
   not 0; NULL: always), so set E2K_TBFLAG_TAGS and rerun it. */
void e2k_gen_tags_begin(DisasContext *dc, TCGv_i64 nonzero);
/* Forget which tags are known to be 0 (control may come from elsewhere). */
void e2k_tag_zero_forget(DisasContext *dc);
/* tags=on: add @tag to channel @chan's source tags. */
void e2k_gen_add_src_tag(DisasContext *dc, int chan, TCGv_i64 tag);
/* ,sm: the operation of channel @chan failed when @bad is not 0 (a
   division by zero, an unmasked FP exception): its result is diagnostic
   (with tags; the first one turns them on).  translate-alu.c */
void e2k_gen_spec_failed(DisasContext *dc, int chan, TCGv_i64 bad);

/* translate-alu.c: the read phase of ALU channel @chan (op @d).
   false: the operation is not implemented (raises SIGILL). */
bool e2k_gen_alu(DisasContext *dc, int chan, const E2KOpDesc *d);
/* Record channel @chan's register result (destination field @field) or
   predicate result for the commit phase. */
bool e2k_alu_set_result(DisasContext *dc, int chan, uint8_t field,
                        TCGv_i64 val, TCGv_i32 guard);
void e2k_alu_add_pred_result(DisasContext *dc, int chan, int pred,
                             TCGv_i64 val, TCGv_i32 guard);

/* translate-fpu.c: the read phase of an operation with an FP semantics
   row (opsem.h), sources @a, @b, @c already read (NULL: not used).
   false: not implemented (SIGILL). */
bool e2k_gen_fpu(DisasContext *dc, int chan, const E2KOpDesc *d,
                 TCGv_i64 a, TCGv_i64 b, TCGv_i64 c, TCGv_i32 guard);
/* translate-fpu.c: may the operation being translated use the inline
   SSE ops (fpu1/fpu2)?  Emits the PFPFR guard unless one is in force. */
bool e2k_fpu_inline_ok(DisasContext *dc);
/* The inline SSE operation (TCG_FP_*) of binary FP operation @op
   (E2K_FOP_ADD..MAX; the packed unit's E2K_PF_ADD..MAX are the same
   values) on f64 (@dbl) or f32, or -1. */
int e2k_fpu_sse_binop(int op, bool dbl);
/* The @pc argument of an FP helper: the bundle's, marked speculative
   inside e2k_fpu_spec_begin/end.  Call it before the helper call. */
TCGv_i64 e2k_fpu_helper_pc(DisasContext *dc);
/* Around the read phase of FP operation of channel @chan: with ,sm, a
   helper's unmasked exception makes the result @r diagnostic (0, and
   its tag with tags on) instead of raising SIGFPE.  Returns the result
   to record. */
void e2k_fpu_spec_begin(DisasContext *dc, int chan);
TCGv_i64 e2k_fpu_spec_end(DisasContext *dc, int chan, TCGv_i64 r);
/* The same for a 128-bit result: both halves, *@hi replaced too. */
TCGv_i64 e2k_fpu_spec_end_q(DisasContext *dc, int chan, TCGv_i64 r,
                            TCGv_i64 *hi);
/* Between the two: operand @x of the FP operation, or, when a source is
   diagnostic, @one: a value on which the operation raises no flag (1.0
   in each lane of the operand's type), so that it accrues nothing. */
TCGv_i64 e2k_fpu_spec_operand(DisasContext *dc, TCGv_i64 x, uint64_t one);
/* @one for f32 lanes (both halves) and for an f64 */
#define E2K_FP_ONE_S2 0x3f8000003f800000ull
#define E2K_FP_ONE_D  0x3ff0000000000000ull
/* A call of a helper declared with E2K_DEF_HELPER_N (helper-def.h), with
   the call flags it was declared with. */
struct E2KHelperInfo;
void e2k_gen_helper(const struct E2KHelperInfo *h, TCGTemp *ret,
                    int nargs, ...);

/* translate-vec.c: packed operation @d into @r from @a, @b (and @c for
   three-source forms); false: not a packed operation we implement. */
bool e2k_gen_vec(DisasContext *dc, const E2KOpDesc *d, TCGv_i64 r,
                 TCGv_i64 a, TCGv_i64 b, TCGv_i64 c);
/* translate-vec.c: is @d a 128-bit %qpr operation (not a load or
   store) or a plog_* one?  Then e2k_gen_vec_q translates it whole
   (false: SIGILL). */
bool e2k_vec_is_qp(const E2KOpDesc *d);
bool e2k_gen_vec_q(DisasContext *dc, int chan, const E2KOpDesc *d,
                   TCGv_i64 a, TCGv_i64 b, TCGv_i64 c, TCGv_i32 guard);
/* translate-vec.c: packed compare into a predicate (ALOPF17) @d of @a
   and @b: 0 or 1 into @r; false: not one we implement. */
bool e2k_gen_vec_pred(DisasContext *dc, int chan, const E2KOpDesc *d,
                      TCGv_i64 r, TCGv_i64 a, TCGv_i64 b);

/* translate-mem.c */
bool e2k_op_is_load(const E2KOpDesc *d);
bool e2k_gen_load(DisasContext *dc, int chan, const E2KOpDesc *d,
                  TCGv_i64 ret, bool sm, TCGv_i64 a, TCGv_i64 b);
bool e2k_gen_store_prepare(DisasContext *dc, int chan, const E2KOpDesc *d);
void e2k_gen_aa_load(DisasContext *dc, int chan, bool sm, TCGv_i64 ret,
                     TCGv_i64 hi, TCGv_i64 addr, MemOp mop);
void e2k_gen_stores(DisasContext *dc);

/* translate-aau.c: ldaa, staa, aaurr, aaurw (ALU channels 2 and 5),
   mova and bap/eap (SS, AAS). */
bool e2k_aau_is_op(const E2KOpDesc *d);
/* The operands (e2k_op_operand_mask bits) an AAU operation uses beyond
   what the decoder's mask says. */
unsigned e2k_aau_operand_mask(const E2KOpDesc *d);
/* The register fields the movas of @b write (0..4 of them). */
int e2k_aau_mova_dsts(const E2KBundle *b, uint8_t fields[4]);
/* Read phase of AAU operation @d in channel @chan; false: not one we
   implement (SIGILL). */
bool e2k_gen_aau_op(DisasContext *dc, int chan, const E2KOpDesc *d);
/* Read phase of the movas and bap; false: the bundle is illegal. */
bool e2k_gen_aau_read(DisasContext *dc);
/* Commit phase: aaurw, index increments, area advances, bap/eap. */
void e2k_gen_aau_commit(DisasContext *dc);
/* For the TB entry check of the area formats: false when @b may change
   the per-area fields (bap, aaurw); else raise need[n] to the smallest
   area_fmt its inline movas of area n need. */
bool e2k_aau_entry_bundle(const E2KBundle *b, int isa, uint8_t need[64]);

/* translate-plu.c */
TCGv_i32 e2k_gen_cond(DisasContext *dc, uint8_t psrc);
bool e2k_gen_plu(DisasContext *dc);
TCGv_i32 e2k_gen_chan_guard(DisasContext *dc, int chan);
/* Is channel @chan guarded by the predicate alone (or its negation) on
   which the wide instruction's control transfer branches?  Then the
   guard is as predictable as that branch (translate-ctl.c). */
bool e2k_guard_follows_ct(DisasContext *dc, int chan);
TCGv_i32 e2k_gen_is_loop_end(DisasContext *dc);
/* Can every condition this bundle's CDS, PLS and SS name be evaluated?
   false: the bundle is illegal (raise SIGILL before anything). */
bool e2k_conds_supported(DisasContext *dc, const E2KOpDesc *const ops[6]);
/* Fill ct_cond for a ct_late condition (after the ALU channels/PLS). */
void e2k_gen_ct_late(DisasContext *dc);

/* Before the loop head of a TB with loop copies (so once per entry):
   the %ctpr check of its back edge and the loads of its register cache
   (filled in at the end of the TB). */
void e2k_gen_loop_entry(DisasContext *dc);

/* translate-ctl.c */
bool e2k_gen_ctl_read(DisasContext *dc);
/* After e2k_gen_ctl_read: does the bundle keep the window, BR, BGR and
   the state registers (no setwd/setbn/setbp/call/flushr/abg/rws/rwd)? */
bool e2k_bundle_keeps_state(DisasContext *dc, const E2KOpDesc *const ops[6]);
void e2k_gen_ctl_commit(DisasContext *dc);
void e2k_gen_goto_pc(DisasContext *dc, int slot, uint64_t pc);
void e2k_gen_store_br(DisasContext *dc);
/* Before the stores of a wide instruction with a call or ct: the
   faults of the transfer. */
void e2k_gen_transfer_checks(DisasContext *dc);
/* Before the TB's first bundle: allow copies of it (places copy 0's
   label).  After it: translate the copies its branches asked for; @sm
   is the insn_start flag of the bundle. */
void e2k_loop_copies_begin(DisasContext *dc);
/* Translate the TB's first bundle (through @translate), with a copy for
   the middle trips of a loop-mode loop when it is one. */
void e2k_loop_bundle(DisasContext *dc, void (*translate)(DisasContext *dc));
void e2k_loop_copies_emit(DisasContext *dc, bool sm,
                          void (*translate)(DisasContext *dc));
/* After the last wide instruction of the TB (every path has left). */
void e2k_loop_copies_end(DisasContext *dc);
/* The out-of-line exits of the %ctpr checks at the start of a wide
   instruction with a ct (translate-ctl.c): none yet at a TB's start,
   all emitted at its end. */
void e2k_ctpr_exits_begin(void);
void e2k_gen_ctpr_exits(void);

/* Translate one TB; fills tb->size and tb->icount. */
void e2k_gen_intermediate_code(CPUE2KState *env, TranslationBlock *tb,
                               int max_bundles);
void e2k_translate_init(void);

#endif
