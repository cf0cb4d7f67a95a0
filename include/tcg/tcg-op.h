/*
 * The front end's op-emitting API: temporaries, constants, globals,
 * labels and one tcg_gen_* function per operation, in the style of
 * QEMU's tcg-op.h.  Each call appends ops to tcg_ctx's current TB; the
 * semantics are in docs/devel/tcg.md.  Implemented in tcg/tcg-op.c.
 *
 * Conventions: i32 and i64 values never mix except through the explicit
 * conversion ops; "i" variants take an immediate; shift and rotate
 * counts are taken modulo the width; the result of division by zero or
 * of INT_MIN / -1 is undefined (the host may trap): the front end must
 * guard the divisor.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_TCG_OP_H
#define TCG_TCG_OP_H

#include "tcg/tcg.h"
#include "tcg/tcg-fp.h"
#include "tcg/tcg-vec.h"

/* --- temporaries ------------------------------------------------------ */
/* New temps live until the end of the TB (across labels and branches). */
TCGv_i32 tcg_temp_new_i32(void);
TCGv_i64 tcg_temp_new_i64(void);
TCGv_ptr tcg_temp_new_ptr(void);
/* Cheaper temps whose value must not be used across a label. */
TCGv_i32 tcg_temp_ebb_new_i32(void);
TCGv_i64 tcg_temp_ebb_new_i64(void);
/*
 * Keep TB temp @v in one host register for the whole TB, across every
 * label and helper call (a value carried around a loop inside the TB),
 * instead of a frame slot written back at each basic-block end.  It is
 * never written to memory: whatever must be in env at an exit, a fault
 * or a helper call is the front end's to store.  At most TCG_MAX_PINNED
 * per TB; false (the temp stays an ordinary TB temp) beyond that.  Call
 * it any time before tcg_gen_code; never free a pinned temp.
 */
bool tcg_temp_pin_i64(TCGv_i64 v);
/* Optional: let the temp be reused later in this TB. */
void tcg_temp_free_i32(TCGv_i32 v);
void tcg_temp_free_i64(TCGv_i64 v);
void tcg_temp_free_ptr(TCGv_ptr v);

/* Read-only constants, interned per TB (never free or write them). */
TCGv_i32 tcg_constant_i32(int32_t val);
TCGv_i64 tcg_constant_i64(int64_t val);
TCGv_ptr tcg_constant_ptr(intptr_t val);

/* Globals: CPU state fields at @base + @offset, created once after
 * tcg_init and valid for every TB. */
TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t offset,
                                const char *name);
TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t offset,
                                const char *name);
TCGv_ptr tcg_global_mem_new_ptr(TCGv_ptr base, intptr_t offset,
                                const char *name);

/* --- labels and branches --------------------------------------------- */
TCGLabel *gen_new_label(void);
void tcg_gen_set_label(TCGLabel *l);
void tcg_gen_br(TCGLabel *l);
void tcg_gen_brcond_i32(TCGCond cond, TCGv_i32 a, TCGv_i32 b, TCGLabel *l);
void tcg_gen_brcond_i64(TCGCond cond, TCGv_i64 a, TCGv_i64 b, TCGLabel *l);
void tcg_gen_brcondi_i32(TCGCond cond, TCGv_i32 a, int32_t b, TCGLabel *l);
void tcg_gen_brcondi_i64(TCGCond cond, TCGv_i64 a, int64_t b, TCGLabel *l);

/* --- one declaration pair per width ----------------------------------- */
#define TCG_OP_DECLS(W, T, IMM)                                             \
void tcg_gen_mov_##W(T ret, T arg);                                         \
void tcg_gen_movi_##W(T ret, IMM val);                                      \
void tcg_gen_discard_##W(T arg);                                            \
void tcg_gen_add_##W(T ret, T a, T b);                                      \
void tcg_gen_addi_##W(T ret, T a, IMM b);                                   \
void tcg_gen_sub_##W(T ret, T a, T b);                                      \
void tcg_gen_subi_##W(T ret, T a, IMM b);                                   \
void tcg_gen_subfi_##W(T ret, IMM a, T b);                                  \
void tcg_gen_neg_##W(T ret, T a);                                           \
void tcg_gen_mul_##W(T ret, T a, T b);                                      \
void tcg_gen_muli_##W(T ret, T a, IMM b);                                   \
void tcg_gen_mulu2_##W(T rl, T rh, T a, T b);                               \
void tcg_gen_muls2_##W(T rl, T rh, T a, T b);                               \
void tcg_gen_muluh_##W(T ret, T a, T b);                                    \
void tcg_gen_mulsh_##W(T ret, T a, T b);                                    \
void tcg_gen_div_##W(T ret, T a, T b);                                      \
void tcg_gen_rem_##W(T ret, T a, T b);                                      \
void tcg_gen_divu_##W(T ret, T a, T b);                                     \
void tcg_gen_remu_##W(T ret, T a, T b);                                     \
void tcg_gen_add2_##W(T rl, T rh, T al, T ah, T bl, T bh);                  \
void tcg_gen_sub2_##W(T rl, T rh, T al, T ah, T bl, T bh);                  \
void tcg_gen_and_##W(T ret, T a, T b);                                      \
void tcg_gen_andi_##W(T ret, T a, IMM b);                                   \
void tcg_gen_or_##W(T ret, T a, T b);                                       \
void tcg_gen_ori_##W(T ret, T a, IMM b);                                    \
void tcg_gen_xor_##W(T ret, T a, T b);                                      \
void tcg_gen_xori_##W(T ret, T a, IMM b);                                   \
void tcg_gen_andc_##W(T ret, T a, T b);                                     \
void tcg_gen_orc_##W(T ret, T a, T b);                                      \
void tcg_gen_eqv_##W(T ret, T a, T b);                                      \
void tcg_gen_nand_##W(T ret, T a, T b);                                     \
void tcg_gen_nor_##W(T ret, T a, T b);                                      \
void tcg_gen_not_##W(T ret, T a);                                           \
void tcg_gen_shl_##W(T ret, T a, T b);                                      \
void tcg_gen_shli_##W(T ret, T a, IMM b);                                   \
void tcg_gen_shr_##W(T ret, T a, T b);                                      \
void tcg_gen_shri_##W(T ret, T a, IMM b);                                   \
void tcg_gen_sar_##W(T ret, T a, T b);                                      \
void tcg_gen_sari_##W(T ret, T a, IMM b);                                   \
void tcg_gen_rotl_##W(T ret, T a, T b);                                     \
void tcg_gen_rotli_##W(T ret, T a, IMM b);                                  \
void tcg_gen_rotr_##W(T ret, T a, T b);                                     \
void tcg_gen_rotri_##W(T ret, T a, IMM b);                                  \
void tcg_gen_extract_##W(T ret, T a, unsigned ofs, unsigned len);           \
void tcg_gen_sextract_##W(T ret, T a, unsigned ofs, unsigned len);          \
void tcg_gen_deposit_##W(T ret, T a, T b, unsigned ofs, unsigned len);      \
void tcg_gen_ext8s_##W(T ret, T a);                                         \
void tcg_gen_ext8u_##W(T ret, T a);                                         \
void tcg_gen_ext16s_##W(T ret, T a);                                        \
void tcg_gen_ext16u_##W(T ret, T a);                                        \
void tcg_gen_bswap16_##W(T ret, T a);                                       \
void tcg_gen_bswap32_##W(T ret, T a);                                       \
void tcg_gen_clz_##W(T ret, T a, T b);                                      \
void tcg_gen_clzi_##W(T ret, T a, IMM b);                                   \
void tcg_gen_ctz_##W(T ret, T a, T b);                                      \
void tcg_gen_ctzi_##W(T ret, T a, IMM b);                                   \
void tcg_gen_ctpop_##W(T ret, T a);                                         \
void tcg_gen_setcond_##W(TCGCond cond, T ret, T a, T b);                    \
void tcg_gen_setcondi_##W(TCGCond cond, T ret, T a, IMM b);                 \
void tcg_gen_negsetcond_##W(TCGCond cond, T ret, T a, T b);                 \
void tcg_gen_movcond_##W(TCGCond cond, T ret, T c1, T c2, T v1, T v2);      \
void tcg_gen_ld8u_##W(T ret, TCGv_ptr base, intptr_t ofs);                  \
void tcg_gen_ld8s_##W(T ret, TCGv_ptr base, intptr_t ofs);                  \
void tcg_gen_ld16u_##W(T ret, TCGv_ptr base, intptr_t ofs);                 \
void tcg_gen_ld16s_##W(T ret, TCGv_ptr base, intptr_t ofs);                 \
void tcg_gen_ld_##W(T ret, TCGv_ptr base, intptr_t ofs);                    \
void tcg_gen_st8_##W(T val, TCGv_ptr base, intptr_t ofs);                   \
void tcg_gen_st16_##W(T val, TCGv_ptr base, intptr_t ofs);                  \
void tcg_gen_st_##W(T val, TCGv_ptr base, intptr_t ofs);                    \
void tcg_gen_qemu_ld_##W(T val, TCGv_i64 addr, MemOp mop);                  \
void tcg_gen_qemu_st_##W(T val, TCGv_i64 addr, MemOp mop);

TCG_OP_DECLS(i32, TCGv_i32, int32_t)
TCG_OP_DECLS(i64, TCGv_i64, int64_t)

/*
 * tcg_gen_movcond_i64 whose condition follows a branch the host predicts
 * well (the loop branch of the same guest instruction): the backend may
 * branch around a move instead of a conditional move, so that the result
 * does not wait for the condition (a loop-carried cmov makes a loop as
 * slow as its whole dependency chain).  Same result either way.
 */
void tcg_gen_movcond_predictable_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 c1,
                                     TCGv_i64 c2, TCGv_i64 v1, TCGv_i64 v2);
#undef TCG_OP_DECLS

/* i64 only */
void tcg_gen_ext32s_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext32u_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_bswap64_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ld32u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld32s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st32_i64(TCGv_i64 val, TCGv_ptr base, intptr_t ofs);

/* i32 <-> i64 */
void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 a);      /* sign-extend */
void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 a);     /* zero-extend */
void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 a);    /* low half */
void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 a);    /* high half */
void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 a);
void tcg_gen_concat_i32_i64(TCGv_i64 ret, TCGv_i32 lo, TCGv_i32 hi);

/* 128-bit guest memory as two i64 halves (lo at the lower address for LE). */
void tcg_gen_qemu_ld_i128(TCGv_i64 lo, TCGv_i64 hi, TCGv_i64 addr, MemOp mop);
void tcg_gen_qemu_st_i128(TCGv_i64 lo, TCGv_i64 hi, TCGv_i64 addr, MemOp mop);

/* pointers (the same as i64 on the 64-bit hosts we support) */
void tcg_gen_mov_ptr(TCGv_ptr ret, TCGv_ptr a);
void tcg_gen_addi_ptr(TCGv_ptr ret, TCGv_ptr a, intptr_t b);
void tcg_gen_add_ptr(TCGv_ptr ret, TCGv_ptr a, TCGv_ptr b);
void tcg_gen_ld_ptr(TCGv_ptr ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st_ptr(TCGv_ptr val, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ext_i64_ptr(TCGv_ptr ret, TCGv_i64 a);
void tcg_gen_ext_ptr_i64(TCGv_i64 ret, TCGv_ptr a);

/*
 * Call @func(args...) with @nargs (<= 8) arguments, each a TCGTemp *
 * (use tcg_temp(v)); i32 arguments are passed as 32-bit values, i64 and
 * pointers as 64-bit.  @ret is NULL for a void helper, else an i32 or
 * i64 temp receiving the return value.  @flags: TCG_CALL_*.  Globals are
 * written back before the call unless NO_READ_GLOBALS, and reloaded
 * after it unless NO_WRITE_GLOBALS.
 */
void tcg_gen_call(void *func, unsigned flags, TCGTemp *ret, int nargs, ...);
void tcg_gen_callN(void *func, unsigned flags, TCGTemp *ret, int nargs,
                   TCGTemp **args);

/* Start of a guest instruction; the words come back from
 * tcg_restore_state_from_host_pc (unused words are 0). */
void tcg_gen_insn_start(uint64_t w0);
void tcg_gen_insn_start2(uint64_t w0, uint64_t w1);
void tcg_gen_insn_start3(uint64_t w0, uint64_t w1, uint64_t w2);

/*
 * TB exits.  goto_tb(n) (n = 0 or 1) is a patchable direct jump: it must
 * be followed by exit_tb(tb, n), which runs while the slot is unchained.
 * exit_tb(NULL, 0) returns 0; exit_tb(tb, TB_EXIT_REQUESTED) likewise
 * returns tb | 2.  goto_ptr jumps to a tc.ptr (NULL: return 0).
 */
void tcg_gen_goto_tb(unsigned idx);
void tcg_gen_exit_tb(const TranslationBlock *tb, unsigned idx);
void tcg_gen_goto_ptr(TCGv_ptr ptr);
/* Ask the hook set with tcg_set_lookup_tb_ptr for the next TB and jump. */
void tcg_gen_lookup_and_goto_ptr(void);

void tcg_gen_mb(TCGBar bar);

/* Scalar IEEE operation @op (tcg-fp.h) of one or two inputs. */
void tcg_gen_fpu1_i64(TCGFpOp op, TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_fpu2_i64(TCGFpOp op, TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
/* Packed integer operation @op (tcg-vec.h); check tcg_vec_op_supported. */
void tcg_gen_vec2_i64(TCGVecOp op, TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
/* Leave through tcg_guard_hook unless (u32 at env + ofs) & mask == val. */
void tcg_gen_guard_env32(intptr_t ofs, uint32_t mask, uint32_t val);
/* If @cond != 0, func(env, arg, c1, c2), placed out of line: the code
   that runs when @cond is 0 has no call and keeps its registers. */
void tcg_gen_call_cold_i64(TCGv_i64 cond, TCGv_i64 arg,
                           void (*func)(void *env, uint64_t arg, uint64_t c1,
                                        uint64_t c2),
                           uint64_t c1, uint64_t c2);

#endif
