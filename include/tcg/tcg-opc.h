/*
 * The table of TCG IR opcodes: one DEF(name, outputs, inputs, constants,
 * flags) line per operation.  Most ops are typed by TCGOp.type (i32 or
 * i64) rather than by name, so "add" is both add_i32 and add_i64; the
 * semantics of each op are documented in docs/devel/tcg.md.
 *
 * Argument order in TCGOp.args: outputs, then inputs, then constants.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

/* No operation: left behind by the optimizer. */
DEF(nop, 0, 0, 0, TCG_OPF_NOT_PRESENT)
/* Forget the value of a temp (it is dead from here on). */
DEF(discard, 0, 1, 0, TCG_OPF_NOT_PRESENT)

DEF(mov, 1, 1, 0, 0)

/* Arithmetic; division is by the double-word dividend ah:al (see docs). */
DEF(add, 1, 2, 0, 0)
DEF(sub, 1, 2, 0, 0)
DEF(neg, 1, 1, 0, 0)
DEF(mul, 1, 2, 0, 0)
DEF(mulu2, 2, 2, 0, 0)
DEF(muls2, 2, 2, 0, 0)
DEF(divu2, 2, 3, 0, 0)
DEF(divs2, 2, 3, 0, 0)
DEF(add2, 2, 4, 0, 0)
DEF(sub2, 2, 4, 0, 0)

/* Logic. */
DEF(and, 1, 2, 0, 0)
DEF(or, 1, 2, 0, 0)
DEF(xor, 1, 2, 0, 0)
DEF(andc, 1, 2, 0, 0)
DEF(orc, 1, 2, 0, 0)
DEF(eqv, 1, 2, 0, 0)
DEF(nand, 1, 2, 0, 0)
DEF(nor, 1, 2, 0, 0)
DEF(not, 1, 1, 0, 0)

/* Shifts and rotates: the count is taken modulo the operand width. */
DEF(shl, 1, 2, 0, 0)
DEF(shr, 1, 2, 0, 0)
DEF(sar, 1, 2, 0, 0)
DEF(rotl, 1, 2, 0, 0)
DEF(rotr, 1, 2, 0, 0)

/* Bit fields: constants are (offset, length), 1 <= length <= width - offset. */
DEF(extract, 1, 1, 2, 0)
DEF(sextract, 1, 1, 2, 0)
DEF(deposit, 1, 2, 2, 0)

/* Extensions within one type (ext32* only for i64). */
DEF(ext8s, 1, 1, 0, 0)
DEF(ext8u, 1, 1, 0, 0)
DEF(ext16s, 1, 1, 0, 0)
DEF(ext16u, 1, 1, 0, 0)
DEF(ext32s, 1, 1, 0, 0)
DEF(ext32u, 1, 1, 0, 0)

/* Byte swaps of the low 2/4/8 bytes; the result is zero-extended. */
DEF(bswap16, 1, 1, 0, 0)
DEF(bswap32, 1, 1, 0, 0)
DEF(bswap64, 1, 1, 0, 0)

/* clz/ctz: out = a ? count(a) : b.  ctpop: population count. */
DEF(clz, 1, 2, 0, 0)
DEF(ctz, 1, 2, 0, 0)
DEF(ctpop, 1, 1, 0, 0)

/* Comparisons: constant 0 is a TCGCond. */
DEF(setcond, 1, 2, 1, 0)
DEF(negsetcond, 1, 2, 1, 0)
/* out = cond(c1, c2) ? v1 : v2; inputs c1, c2, v1, v2. */
DEF(movcond, 1, 4, 1, 0)
/* Constants: cond, label. */
DEF(brcond, 0, 2, 2, TCG_OPF_BB_END | TCG_OPF_COND_BRANCH)

/* Conversions between i32 and i64 (type = type of the output). */
DEF(ext_i32_i64, 1, 1, 0, 0)
DEF(extu_i32_i64, 1, 1, 0, 0)
DEF(extrl_i64_i32, 1, 1, 0, 0)
DEF(extrh_i64_i32, 1, 1, 0, 0)
DEF(concat_i32_i64, 1, 2, 0, 0)

/* Host memory relative to a pointer temp: constant 0 is the byte offset. */
DEF(ld8u, 1, 1, 1, 0)
DEF(ld8s, 1, 1, 1, 0)
DEF(ld16u, 1, 1, 1, 0)
DEF(ld16s, 1, 1, 1, 0)
DEF(ld32u, 1, 1, 1, 0)
DEF(ld32s, 1, 1, 1, 0)
DEF(ld, 1, 1, 1, 0)
DEF(st8, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF(st16, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF(st32, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF(st, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)

/* Guest memory at guest_base + addr (addr is i64): constant 0 is a MemOp. */
DEF(qemu_ld, 1, 1, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_GUEST_MEM)
DEF(qemu_st, 0, 2, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_GUEST_MEM)
/* 128-bit accesses as two i64 halves: ld2 lo, hi, addr / st2 lo, hi, addr. */
DEF(qemu_ld2, 2, 1, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_GUEST_MEM)
DEF(qemu_st2, 0, 3, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_GUEST_MEM)

/* Helper call; argument counts live in TCGOp.nb_oargs/nb_iargs. */
DEF(call, 0, 0, 2, TCG_OPF_CALL_CLOBBER)

/* Start of a guest instruction; constants are its insn_start words. */
DEF(insn_start, 0, 0, TCG_MAX_INSN_START_WORDS, TCG_OPF_NOT_PRESENT)

/* Control flow. */
DEF(set_label, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_NOT_PRESENT)
DEF(br, 0, 0, 1, TCG_OPF_BB_END)
DEF(goto_tb, 0, 0, 1, TCG_OPF_BB_EXIT | TCG_OPF_BB_END)
DEF(exit_tb, 0, 0, 1, TCG_OPF_BB_EXIT | TCG_OPF_BB_END)
DEF(goto_ptr, 0, 1, 0, TCG_OPF_BB_EXIT | TCG_OPF_BB_END)

/* Host memory barrier; constant 0 is a TCGBar. */
DEF(mb, 0, 0, 1, TCG_OPF_SIDE_EFFECTS)

/* Scalar IEEE operations, i64 only (include/tcg/tcg-fp.h): constant 0 is
   a TCGFpOp.  The flags they leave in MXCSR are a side effect. */
DEF(fpu1, 1, 1, 1, TCG_OPF_SIDE_EFFECTS)
DEF(fpu2, 1, 2, 1, TCG_OPF_SIDE_EFFECTS)
/* Packed integer operation, i64 only (include/tcg/tcg-vec.h): constant 0
   is a TCGVecOp.  Pure. */
DEF(vec2, 1, 2, 1, 0)
/* Constants ofs, mask, val: unless (32 bits at env + ofs) & mask == val,
   call tcg_guard_hook, which does not return.  Globals are in env then,
   as at a guest memory access. */
DEF(guard, 0, 0, 3, TCG_OPF_SIDE_EFFECTS | TCG_OPF_GUEST_MEM)
/* Inputs cond, arg; constants func, c1, c2: if cond != 0, call
   func(env, arg, c1, c2) out of line.  Every host register survives it and
   globals are in env as at a guest memory access, so func may raise a guest
   fault; it must not write globals. */
DEF(call_cold, 0, 2, 3, TCG_OPF_SIDE_EFFECTS | TCG_OPF_GUEST_MEM)
