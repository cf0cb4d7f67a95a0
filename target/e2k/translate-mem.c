/*
 * e2k translator: loads and stores.
 *
 * A load is one inline host access at guest_base + address (the TCG
 * backend adds guest_base); a fault in it is turned into the guest's
 * SIGSEGV by accel/tcg with the state as before the wide instruction.  A
 * load whose channel is guarded by a false predicate is not performed
 * (it cannot fault) and its result is not written.  A speculative load
 * (,sm) must not fault: it goes through helper_ld_spec, which checks the
 * page flags and yields 0 for an unreadable address (or is a plain load
 * rerun that way after a fault, see e2k-translator.md).
 *
 * Stores are prepared in the read phase (address and value) and issued
 * after every load and check of the wide instruction, in channel order.
 * Memory operations of one wide instruction take effect in channel order:
 * a load in a later channel than a store sees that store (lcc relies on
 * it: glibc's __brk stores __curbrk in ALS2 and reads it back in ALS5 of
 * the same wide instruction), an earlier channel's load does not.  Such
 * a load is performed twice: in the read phase, where a fault still
 * leaves the state as before the wide instruction, and again right after
 * the stores of the channels before it, for its value.
 * With two or more stores, or a 16-byte store (two host accesses), every
 * store is probed for writability before the first one is performed, so
 * a fault leaves memory as before the wide instruction (all or nothing).
 * In loop mode, stores are suppressed while the prologue counter runs
 * (LSR.pcnt != 0) and, on the last trip, when the store-mask counter
 * strmd is exhausted.
 *
 * Sizes: b/h/w/d move 1/2/4/8 bytes (loads zero-extend to 64 bits; the
 * ISA has no sign-extending load); 16 bytes move as
 *   - ldq/stq (v5+): a channel pair; the first channel's register holds
 *     the bytes at the lower address, the second channel's register the
 *     bytes at address + 8 (the assembler gives both channels the same
 *     address and registers N, N+1);
 *   - ldqp/stqp (v5+): one 128-bit register, low half at the lower
 *     address (E2KReg.lo/.hi);
 *   - stmqp (v5+): stqp of the bytes selected by the low 16 bits of src2
 *     (bit i: byte i), to the address in src1 alone.
 * Alignment is not checked, as for the other loads and stores.
 *
 * Descriptor-relative forms: ld{c,d,e,f,g,s}s{b,h,w,d,q,qp} and the
 * matching stores address the x86 segments %cs..%ss of the secondary
 * space (used by the x86 binary translator); the ldgd and stgd forms
 * address through the %gd global-data descriptor of 32-bit (ptr32) and
 * protected-mode programs.  A 64-bit Linux process never has these set
 * up: the kernel saves/restores %cs..%ss only for binary-translator tasks
 * and zeroes a new task's copy, and %gd is only loaded for the other
 * ABIs, so base and size are 0 and every access is outside the segment.
 * The hardware raises exc_array_bounds for that, which Linux delivers as
 * SIGSEGV (SEGV_BNDERR); the reference emulator does the same for these
 * loads in 64-bit mode.  We therefore raise SIGSEGV/SEGV_BNDERR with
 * si_addr = the 32-bit offset (base 0 + offset), before the wide
 * instruction changes anything; a speculative (,sm) form yields 0
 * (diagnostic with tags=on) instead.
 *
 * Still SIGILL (no user-mode meaning for a non-protected 64-bit process):
 * the ldap, stap, ldod and stod families (array/object descriptors of
 * protected mode), ldcud (compilation-unit descriptor), ldrd, strd, ldrqp,
 * strqp.  (ldaa/staa: translate-aau.c, which hands its stores to
 * e2k_gen_stores like any other.)  The MAS field
 * is not interpreted: every access is a plain cached access.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "exec/guest-memory.h"
#include "target/e2k/translate.h"

/* si_code of a segment bounds violation (Linux: SEGV_BNDERR). */
#define E2K_SEGV_BNDERR 3

/* MAS modes (bits 2..0 of the MAS) this file interprets; the others are
   plain accesses.  OpenE2K's linux, arch/e2k/include/uapi/asm/mas.h. */
#define MAS_MODE_LOAD_WAIT_LOCK     7   /* ALC0/3: lock the location */
#define MAS_MODE_STORE_WAIT_UNLOCK  2   /* store if the lock held, unlock */
#define MAS_MODE_STORE_NOP_UNLOCK   5   /* no store, unlock */
#define MAS_MODE_STORE_SPECIAL      7   /* MMU/AAU operations by MAS.opc */
/* MAS.opc (bits 6..3) of a special store a user program may issue: cache
   and TLB flushes, which have no effect on what memory holds. */
#define MAS_OPC_IS_FLUSH(opc) \
    ((opc) == 0 || (opc) == 1 || (opc) == 2 || (opc) == 4)

/* What a load/store operation moves, and how it is addressed. */
typedef struct MemShape {
    int size;           /* log2 of the bytes moved: 0..4 */
    bool pair;          /* ldq/stq: two 64-bit registers of a channel pair */
    bool masked;        /* stmqp: byte mask in src2, address in src1 */
    bool desc;          /* segment/%gd relative: faults (see above) */
} MemShape;

#define SEG_OPS(p, s) \
    E2K_OP_##p##CS##s: case E2K_OP_##p##DS##s: case E2K_OP_##p##ES##s: \
    case E2K_OP_##p##FS##s: case E2K_OP_##p##GS##s: \
    case E2K_OP_##p##SS##s: case E2K_OP_##p##GD##s

static bool mem_shape(const E2KOpDesc *d, MemShape *ms)
{
    memset(ms, 0, sizeof(*ms));
    switch (d->id) {
    case E2K_OP_LDB: case E2K_OP_STB:
        ms->size = 0;
        return true;
    case E2K_OP_LDH: case E2K_OP_STH:
        ms->size = 1;
        return true;
    case E2K_OP_LDW: case E2K_OP_STW:
        ms->size = 2;
        return true;
    case E2K_OP_LDD: case E2K_OP_STD:
        ms->size = 3;
        return true;
    case E2K_OP_LDQ: case E2K_OP_STQ:
        ms->pair = true;
        /* fall through */
    case E2K_OP_LDQP: case E2K_OP_STQP:
        ms->size = 4;
        return true;
    case E2K_OP_STMQP:
        ms->size = 4;
        ms->masked = true;
        return true;
    case SEG_OPS(LD, B): case SEG_OPS(ST, B):
        ms->desc = true;
        ms->size = 0;
        return true;
    case SEG_OPS(LD, H): case SEG_OPS(ST, H):
        ms->desc = true;
        ms->size = 1;
        return true;
    case SEG_OPS(LD, W): case SEG_OPS(ST, W):
        ms->desc = true;
        ms->size = 2;
        return true;
    case SEG_OPS(LD, D): case SEG_OPS(ST, D):
        ms->desc = true;
        ms->size = 3;
        return true;
    case SEG_OPS(LD, Q): case SEG_OPS(ST, Q):
        ms->pair = true;
        /* fall through */
    case SEG_OPS(LD, QP): case SEG_OPS(ST, QP):
        ms->desc = true;
        ms->size = 4;
        return true;
    case SEG_OPS(ST, MQP):
        ms->desc = true;
        ms->masked = true;
        ms->size = 4;
        return true;
    default:
        return false;
    }
}

/* helper_probe_store as a cold call (tcg_gen_call_cold_i64). */
static void call_probe_store(void *env, uint64_t addr, uint64_t size_log2,
                             uint64_t pc)
{
    helper_probe_store(env, addr, size_log2, pc);
}

/* Raised for a descriptor-relative access (base 0, size 0). */
static void helper_mem_bounds(CPUE2KState *env, uint64_t offset, uint64_t pc)
{
    e2k_raise_signal(env, E2K_SIGSEGV, E2K_SEGV_BNDERR, offset, pc);
}

/*
 * The conditional store of a memory lock (MAS mode 2 on ALC2/5) of
 * 1 << @size bytes: it happens only while the location still holds what
 * the locking load of this CPU read (MAS mode 7), checked and written as
 * one host compare-and-swap, so guest threads on host threads get the
 * atomicity the hardware's lock gives.  Returns the %MLOCK value: 1 when
 * the lock was lost (nothing stored).  The lock is released either way.
 */
static uint32_t helper_st_cond(CPUE2KState *env, uint64_t addr, uint64_t val,
                               uint32_t size, uint64_t pc)
{
    uint64_t want = env->lock_val;
    bool held = env->lock_addr == addr && env->lock_size == size;
    void *p = g2h(addr);
    bool ok;

    env->lock_addr = (uint64_t)-1;
    helper_probe_store(env, addr, size, pc);
    if (!held) {
        return 1;
    }
    if (!(page_get_flags(addr) & PAGE_WRITE)) {
        page_unprotect(addr, 0);        /* a page with translated code */
    }
    switch (size) {
    case 0: {
        uint8_t w = want;

        ok = __atomic_compare_exchange_n((uint8_t *)p, &w, (uint8_t)val,
                                         false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST);
        break;
    }
    case 1: {
        uint16_t w = want;

        ok = __atomic_compare_exchange_n((uint16_t *)p, &w, (uint16_t)val,
                                         false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST);
        break;
    }
    case 2: {
        uint32_t w = want;

        ok = __atomic_compare_exchange_n((uint32_t *)p, &w, (uint32_t)val,
                                         false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST);
        break;
    }
    default: {
        uint64_t w = want;

        ok = __atomic_compare_exchange_n((uint64_t *)p, &w, val, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        break;
    }
    }
    return !ok;
}

/* One 0xff byte in the result for each set bit of the low 8 bits of @m. */
static uint64_t helper_mem_byte_mask(uint64_t m)
{
    uint64_t r = 0;
    int i;

    for (i = 0; i < 8; i++) {
        if (m & (1u << i)) {
            r |= 0xffULL << (8 * i);
        }
    }
    return r;
}

/* Emit the bounds fault for @offset (the low 32 bits of @addr), skipped
   when @guard is false. */
static void gen_bounds_fault(DisasContext *dc, TCGv_i64 addr, TCGv_i32 guard)
{
    TCGv_i64 off = tcg_temp_new_i64();
    TCGLabel *skip = NULL;

    tcg_gen_ext32u_i64(off, addr);
    e2k_gen_store_br(dc);
    if (guard) {
        skip = gen_new_label();
        tcg_gen_brcondi_i32(TCG_COND_EQ, guard, 0, skip);
    }
    e2k_gen_call_helper((void *)helper_mem_bounds, NULL, 3,
                        tcg_temp(tcg_env), tcg_temp(off),
                        tcg_temp(tcg_constant_i64(dc->pc)));
    if (skip) {
        tcg_gen_set_label(skip);
    }
}

bool e2k_op_is_load(const E2KOpDesc *d)
{
    return (d->flags & E2K_OPF_LOAD) || !strncmp(d->name, "ld", 2);
}

/* ,sm with page checks: a failed load gives 0 and, with tags, a
   diagnostic result (@tag false: the value only).  16 bytes: both halves
   or neither. */
static void gen_spec_safe_load(DisasContext *dc, int chan, int sz,
                               TCGv_i64 ret, TCGv_i64 hi, TCGv_i64 addr,
                               bool tag)
{
    TCGv_i64 diag = tcg_temp_new_i64();

    e2k_gen_store_br(dc);               /* helper_ld_spec may rerun */
    e2k_gen_call_helper((void *)helper_ld_spec, tcg_temp(ret), 4,
                        tcg_temp(tcg_env), tcg_temp(addr),
                        tcg_temp(tcg_constant_i32(sz < 4 ? sz : 3)),
                        tcg_temp(tcg_constant_i64(dc->pc)));
    tag = tag && dc->tags;
    if (!hi && !tag) {
        return;
    }
    tcg_gen_ld_i64(diag, tcg_env, offsetof(CPUE2KState, spec_diag));
    if (hi) {
        TCGv_i64 a8 = tcg_temp_new_i64();
        TCGv_i64 d2 = tcg_temp_new_i64();
        TCGv_i64 zero = tcg_constant_i64(0);

        tcg_gen_addi_i64(a8, addr, 8);
        e2k_gen_call_helper((void *)helper_ld_spec, tcg_temp(hi), 4,
                            tcg_temp(tcg_env), tcg_temp(a8),
                            tcg_temp(tcg_constant_i32(3)),
                            tcg_temp(tcg_constant_i64(dc->pc)));
        tcg_gen_ld_i64(d2, tcg_env, offsetof(CPUE2KState, spec_diag));
        tcg_gen_or_i64(diag, diag, d2);
        tcg_gen_movcond_i64(TCG_COND_NE, ret, diag, zero, zero, ret);
        tcg_gen_movcond_i64(TCG_COND_NE, hi, diag, zero, zero, hi);
    }
    if (tag) {
        e2k_gen_add_src_tag(dc, chan, diag);
    }
}

/* A plain load of channel @chan into @ret (and @hi for 16 bytes); when
   @guarded, not performed (result 0) if the channel's guard is false.
   @lock >= 0: a locking load of 1 << @lock bytes, which also records the
   memory lock (address and value) its conditional store will check. */
static void gen_plain_load(DisasContext *dc, int chan, bool guarded,
                           TCGv_i64 ret, TCGv_i64 hi, TCGv_i64 addr,
                           MemOp mop, int lock)
{
    TCGv_i32 guard = guarded ? e2k_gen_chan_guard(dc, chan) : NULL;
    TCGLabel *skip = NULL;

    if (guard) {
        skip = gen_new_label();
        tcg_gen_movi_i64(ret, 0);
        if (hi) {
            tcg_gen_movi_i64(hi, 0);
        }
        tcg_gen_brcondi_i32(TCG_COND_EQ, guard, 0, skip);
    }
    if (hi) {
        tcg_gen_qemu_ld_i128(ret, hi, addr, mop);
    } else {
        tcg_gen_qemu_ld_i64(ret, addr, mop);
    }
    if (lock >= 0) {
        tcg_gen_st_i64(addr, tcg_env, offsetof(CPUE2KState, lock_addr));
        tcg_gen_st_i64(ret, tcg_env, offsetof(CPUE2KState, lock_val));
        tcg_gen_st_i32(tcg_constant_i32(lock), tcg_env,
                       offsetof(CPUE2KState, lock_size));
    }
    if (skip) {
        tcg_gen_set_label(skip);
    }
}

/* Repeat channel @chan's load after the stores of the earlier channels
   (see the top of this file).  It cannot fault: the read phase performed
   the same access. */
static void gen_reload(DisasContext *dc, int chan)
{
    TCGv_i64 ret = dc->ld_val[chan], hi = dc->ld_val_hi[chan];

    if (dc->ld_kind[chan] == LD_SPEC_SAFE) {
        gen_spec_safe_load(dc, chan, dc->ld_mop[chan] & MO_SIZE, ret, hi,
                           dc->ld_addr[chan], false);
    } else {
        gen_plain_load(dc, chan, dc->ld_kind[chan] == LD_PLAIN, ret, hi,
                       dc->ld_addr[chan], dc->ld_mop[chan], -1);
    }
}

/* The dst of the second channel of an ldq pair gets @hi. */
static bool set_pair_result(DisasContext *dc, int chan, const E2KOpDesc *d,
                            TCGv_i64 hi, bool sm)
{
    int first, second;
    E2KOperand op;
    Result *r;

    if (!e2k_op_pair(d, chan, &first, &second)) {
        return false;
    }
    if (!e2k_decode_operand(&dc->b, second, e2k_op_dst_field(&dc->b, second,
                                                             d),
                            E2K_ROLE_DST, &op)) {
        return false;
    }
    r = &dc->res[second];
    memset(r, 0, sizeof(*r));
    if (op.kind == E2K_OPND_SPECIAL) {
        return true;                    /* %empty and friends */
    }
    r->val = hi;
    r->guard = e2k_gen_chan_guard(dc, chan);
    if (dc->tags && dc->src_tag[chan] && sm) {
        r->tag = tcg_temp_new_i64();
        tcg_gen_movcond_i64(TCG_COND_NE, r->tag, dc->src_tag[chan],
                            tcg_constant_i64(0),
                            tcg_constant_i64(E2K_TAG_DIAG64),
                            tcg_constant_i64(0));
    }
    r->kind = RES_REG;
    return e2k_reg_location(dc, &op, &r->base_env, &r->off);
}

/* What gen_reload needs to repeat channel @chan's load: its address,
   value (@hi: the upper half of a 16-byte one) and access. */
static void note_load(DisasContext *dc, int chan, TCGv_i64 addr,
                      TCGv_i64 ret, TCGv_i64 hi, MemOp mop)
{
    dc->ld_addr[chan] = addr;
    dc->ld_val[chan] = ret;
    dc->ld_val_hi[chan] = hi;
    dc->ld_mop[chan] = mop;
}

/*
 * The later channel whose ldd reads the 8 bytes after channel @chan's ldd
 * (same register, a literal 8 higher), so that one 16-byte access (one
 * guest-space check) loads both; -1 if none.  Only plain unguarded loads
 * with no operation between them, whose fault could come first, qualify.
 */
static int load_pair_partner(DisasContext *dc, int chan, const E2KOpDesc *d,
                             TCGv_i64 b)
{
    uint8_t p[2];
    bool neg[2];
    E2KOperand o;
    int c2;

    if (dc->tags || d->id != E2K_OP_LDD ||
        tcgv_i64_temp(b)->kind != TEMP_CONST ||
        e2k_bundle_mas(&dc->b, chan) ||
        e2k_bundle_chan_preds(&dc->b, chan, false, p, neg)) {
        return -1;
    }
    for (c2 = chan + 1; c2 < 6; c2++) {
        if (dc->b.als_mask & (1 << c2)) {
            break;
        }
    }
    if (c2 == 6 || e2k_bundle_alu_op(&dc->b, c2, dc->isa) != d ||
        E2K_ALS_SM(dc->b.als[c2]) || e2k_bundle_mas(&dc->b, c2) ||
        e2k_bundle_chan_preds(&dc->b, c2, false, p, neg) ||
        e2k_op_src1_field(&dc->b, c2, d) != e2k_op_src1_field(&dc->b, chan,
                                                              d) ||
        !e2k_decode_operand(&dc->b, c2, e2k_op_src2_field(&dc->b, c2, d),
                            E2K_ROLE_SRC2, &o) ||
        o.kind != E2K_OPND_LIT ||
        (uint64_t)o.value != tcgv_i64_temp(b)->val + 8) {
        return -1;
    }
    return c2;
}

bool e2k_gen_load(DisasContext *dc, int chan, const E2KOpDesc *d,
                  TCGv_i64 ret, bool sm, TCGv_i64 a, TCGv_i64 b)
{
    MemShape ms;
    TCGv_i64 addr, hi = NULL;
    MemOp mop;

    if (!mem_shape(d, &ms) || ms.masked) {
        return false;
    }
    mop = MO_LE | (ms.size < 4 ? ms.size : MO_128);
    addr = tcg_temp_new_i64();
    tcg_gen_add_i64(addr, a, b);
    if (dc->ld_paired[chan]) {
        /* loaded by the earlier channel, whose access faulted first */
        tcg_gen_mov_i64(ret, dc->ld_paired[chan]);
        dc->ld_kind[chan] = LD_PLAIN;
        note_load(dc, chan, addr, ret, NULL, mop);
        return true;
    }
    if (!sm && !ms.desc) {
        int c2 = load_pair_partner(dc, chan, d, b);

        if (c2 >= 0) {
            dc->ld_paired[c2] = tcg_temp_new_i64();
            tcg_gen_qemu_ld_i128(ret, dc->ld_paired[c2], addr,
                                 MO_LE | MO_128);
            dc->ld_kind[chan] = LD_PLAIN;
            note_load(dc, chan, addr, ret, NULL, mop);
            return true;
        }
    }
    if (ms.size == 4) {
        hi = tcg_temp_new_i64();
    }
    if (ms.desc) {
        tcg_gen_movi_i64(ret, 0);
        if (hi) {
            tcg_gen_movi_i64(hi, 0);
        }
        if (sm) {
            /* a speculative access outside the segment: diagnostic 0 */
            if (dc->tags) {
                e2k_gen_add_src_tag(dc, chan, tcg_constant_i64(1));
            } else if (dc->tags_lazy) {
                TCGv_i32 guard = e2k_gen_chan_guard(dc, chan);
                TCGv_i64 on = NULL;

                if (guard) {
                    on = tcg_temp_new_i64();
                    tcg_gen_extu_i32_i64(on, guard);
                }
                e2k_gen_tags_begin(dc, on);     /* unless predicated off */
            }
        } else {
            gen_bounds_fault(dc, addr, e2k_gen_chan_guard(dc, chan));
        }
    } else if (sm && (dc->spec_safe || dc->tags)) {
        gen_spec_safe_load(dc, chan, ms.size, ret, hi, addr, true);
        dc->ld_kind[chan] = LD_SPEC_SAFE;
    } else {
        if (sm) {
            /* A plain load; if it faults, the bundle is rerun with safe
               loads (see cpu.h).  An address beyond the guest space is
               replaced by page 0, which faults the same way. */
            tcg_gen_movcond_i64(TCG_COND_GEU, addr, addr,
                                tcg_constant_i64(guest_space_size - 16),
                                tcg_constant_i64(0), addr);
        }
        /* a load under a false predicate does not access memory; a
           speculative one cannot fault, its result alone is guarded */
        dc->ld_kind[chan] = sm ? LD_SPEC : LD_PLAIN;
        gen_plain_load(dc, chan, !sm, ret, hi, addr, mop,
                       !sm && !hi && (chan == 0 || chan == 3) &&
                       (e2k_bundle_mas(&dc->b, chan) & 7) ==
                       MAS_MODE_LOAD_WAIT_LOCK ? ms.size : -1);
    }
    note_load(dc, chan, addr, ret, hi, mop);
    if (ms.pair) {
        return set_pair_result(dc, chan, d, hi, sm);
    }
    /* ldqp: the caller writes the low half; the commit adds this one */
    dc->res[chan].hi = hi;
    return true;
}

/* The upper 64 bits of 128-bit source operand @field (0 for a literal). */
static TCGv_i64 gen_src_hi(DisasContext *dc, int chan, uint8_t field)
{
    E2KOperand op;
    TCGv_i64 v;

    if (!e2k_decode_operand(&dc->b, chan, field, E2K_ROLE_SRC3, &op)) {
        return NULL;
    }
    /* as any source: the bundle's starting BR, rotated globals */
    v = e2k_gen_reg_read_hi(dc, &op);
    return v ? v : tcg_constant_i64(0);
}

bool e2k_gen_store_prepare(DisasContext *dc, int chan, const E2KOpDesc *d)
{
    MemShape ms;
    TCGv_i64 a, b, v, hi = NULL;
    int first, second;

    if (!mem_shape(d, &ms) ||
        (d->alopf != E2K_ALOPF3 && d->alopf != E2K_ALOPF13)) {
        return false;
    }
    if (ms.pair) {
        if (!e2k_op_pair(d, chan, &first, &second)) {
            return false;
        }
        if (chan == second) {
            return true;        /* the first channel stores both halves */
        }
    }
    a = e2k_gen_src_fmt(dc, chan, e2k_op_src1_field(&dc->b, chan, d),
                        E2K_ROLE_SRC1, d->fmt[0]);
    b = e2k_gen_src_fmt(dc, chan, e2k_op_src2_field(&dc->b, chan, d),
                        E2K_ROLE_SRC2, d->fmt[1]);
    v = e2k_gen_src_fmt(dc, chan, e2k_op_src3_field(&dc->b, chan, d),
                        E2K_ROLE_SRC3, d->fmt[2]);
    if (!a || !b || !v) {
        return false;
    }
    if (ms.pair) {
        hi = e2k_gen_src(dc, second, e2k_op_src3_field(&dc->b, second, d),
                         E2K_ROLE_SRC3);
    } else if (ms.size == 4) {
        hi = gen_src_hi(dc, chan, e2k_op_src3_field(&dc->b, chan, d));
    }
    if (ms.size == 4 && !hi) {
        return false;
    }
    if (dc->tags && dc->src_tag[chan]) {
        /* storing or addressing with a diagnostic value traps */
        e2k_gen_check_tag(dc, dc->src_tag[chan]);
    }
    if (dc->tags && ms.pair && dc->src_tag[second]) {
        e2k_gen_check_tag(dc, dc->src_tag[second]);
    }
    dc->st_addr[chan] = tcg_temp_new_i64();
    if (ms.masked) {
        tcg_gen_mov_i64(dc->st_addr[chan], a);
        dc->st_mask[chan] = tcg_temp_new_i64();
        tcg_gen_andi_i64(dc->st_mask[chan], b, 0xffff);
    } else {
        tcg_gen_add_i64(dc->st_addr[chan], a, b);
        dc->st_mask[chan] = NULL;
        if (tcgv_i64_temp(b)->kind == TEMP_CONST) {
            dc->st_base[chan] = 1 + (e2k_op_src1_field(&dc->b, chan, d) |
                                     d->fmt[0] << 8);
            dc->st_disp[chan] = tcgv_i64_temp(b)->val;
        }
    }
    dc->st_val[chan] = v;
    dc->st_val_hi[chan] = hi;
    dc->st_mop[chan] = MO_LE | (ms.size < 4 ? ms.size : MO_128);
    dc->st_fault[chan] = ms.desc;
    dc->st_kind[chan] = ST_PLAIN;
    if (!ms.desc && !ms.masked) {
        uint8_t mas = e2k_bundle_mas(&dc->b, chan);

        switch (mas & 7) {
        case MAS_MODE_STORE_WAIT_UNLOCK:
            if (ms.size < 4) {
                dc->st_kind[chan] = ST_COND;
            }
            break;
        case MAS_MODE_STORE_NOP_UNLOCK:
            dc->st_kind[chan] = ST_NOP;
            break;
        case MAS_MODE_STORE_SPECIAL:
            if (!MAS_OPC_IS_FLUSH(mas >> 3)) {
                /* MMU/AAU register access: privileged */
                e2k_gen_call_helper((void *)helper_raise, NULL, 4,
                                    tcg_temp(tcg_env),
                                    tcg_temp(tcg_constant_i32(E2K_SIGILL)),
                                    tcg_temp(tcg_constant_i32(
                                        E2K_ILL_PRVOPC)),
                                    tcg_temp(tcg_constant_i64(dc->pc)));
            }
            dc->st_kind[chan] = ST_NOP;
            break;
        }
    }
    dc->st_guard[chan] = e2k_gen_chan_guard(dc, chan);
    dc->has_store[chan] = true;
    return true;
}

/* Loop mode: may this trip store?  Returns an i32 that is nonzero when
   stores are enabled and sets *@strmd_out to the new strmd (the last
   trip uses up one unit), stored by the caller after the stores so that
   a faulting store leaves LSR as before the wide instruction. */
static TCGv_i32 gen_loop_store_enable(DisasContext *dc, TCGv_i32 *strmd_out)
{
    TCGv_i32 en = tcg_temp_new_i32();
    TCGv_i32 pcnt = tcg_temp_new_i32();
    TCGv_i32 strmd = tcg_temp_new_i32();
    TCGv_i32 left = tcg_temp_new_i32();
    TCGv_i32 last = tcg_temp_new_i32();
    TCGv_i32 end = e2k_gen_is_loop_end(dc);

    if (dc->lsr_steady) {
        *strmd_out = NULL;              /* pcnt == 0, not the end */
        return NULL;
    }
    /* en = pcnt == 0 && (!end || strmd != 0); the last trip uses up one
       unit of strmd.  Without branches: the values stay in registers. */
    tcg_gen_ld_i32(pcnt, tcg_env, offsetof(CPUE2KState, lsr_pcnt));
    tcg_gen_ld_i32(strmd, tcg_env, offsetof(CPUE2KState, lsr_strmd));
    tcg_gen_setcondi_i32(TCG_COND_EQ, en, pcnt, 0);
    tcg_gen_and_i32(last, en, end);
    tcg_gen_setcondi_i32(TCG_COND_NE, left, strmd, 0);
    tcg_gen_and_i32(left, left, last);
    tcg_gen_sub_i32(strmd, strmd, left);
    *strmd_out = strmd;
    /* en &= !last || left */
    tcg_gen_xori_i32(last, last, 1);
    tcg_gen_or_i32(last, last, left);
    tcg_gen_and_i32(en, en, last);
    return en;
}

/* Branch to a new label (returned) when channel @chan's store is
   disabled this time; NULL when it always happens. */
static TCGLabel *gen_skip_disabled_store(DisasContext *dc, int chan,
                                         TCGv_i32 en)
{
    TCGLabel *skip = NULL;

    if (en || dc->st_guard[chan]) {
        skip = gen_new_label();
    }
    if (en) {
        tcg_gen_brcondi_i32(TCG_COND_EQ, en, 0, skip);
    }
    if (dc->st_guard[chan]) {
        tcg_gen_brcondi_i32(TCG_COND_EQ, dc->st_guard[chan], 0, skip);
    }
    return skip;
}

static void gen_bounds_fault_store(DisasContext *dc, int chan)
{
    TCGv_i64 off = tcg_temp_new_i64();

    tcg_gen_ext32u_i64(off, dc->st_addr[chan]);
    e2k_gen_call_helper((void *)helper_mem_bounds, NULL, 3,
                        tcg_temp(tcg_env), tcg_temp(off),
                        tcg_temp(tcg_constant_i64(dc->pc)));
}

/* stmqp: merge the selected bytes into the 16 bytes at the address (a
   zero mask touches nothing). */
static void gen_masked_store(DisasContext *dc, int chan)
{
    TCGv_i64 mask = dc->st_mask[chan];
    TCGv_i64 olo = tcg_temp_new_i64(), ohi = tcg_temp_new_i64();
    TCGv_i64 mlo = tcg_temp_new_i64(), mhi = tcg_temp_new_i64();
    TCGv_i64 nlo = tcg_temp_new_i64(), nhi = tcg_temp_new_i64();
    TCGv_i64 t = tcg_temp_new_i64();
    TCGLabel *none = gen_new_label();

    tcg_gen_brcondi_i64(TCG_COND_EQ, mask, 0, none);
    e2k_gen_call_helper((void *)helper_mem_byte_mask, tcg_temp(mlo), 1,
                        tcg_temp(mask));
    tcg_gen_shri_i64(t, mask, 8);
    e2k_gen_call_helper((void *)helper_mem_byte_mask, tcg_temp(mhi), 1,
                        tcg_temp(t));
    tcg_gen_qemu_ld_i128(olo, ohi, dc->st_addr[chan], MO_LE | MO_128);
    tcg_gen_and_i64(nlo, dc->st_val[chan], mlo);
    tcg_gen_andc_i64(olo, olo, mlo);
    tcg_gen_or_i64(nlo, nlo, olo);
    tcg_gen_and_i64(nhi, dc->st_val_hi[chan], mhi);
    tcg_gen_andc_i64(ohi, ohi, mhi);
    tcg_gen_or_i64(nhi, nhi, ohi);
    tcg_gen_qemu_st_i128(nlo, nhi, dc->st_addr[chan], MO_LE | MO_128);
    tcg_gen_set_label(none);
}

/* Every store of the wide instruction is a plain one (no lock, no
   bounds fault, no placeholder). */
static bool stores_plain(DisasContext *dc)
{
    int chan;

    for (chan = 0; chan < 6; chan++) {
        if (dc->has_store[chan] &&
            (dc->st_fault[chan] || dc->st_kind[chan] == ST_NOP ||
             dc->st_kind[chan] == ST_COND)) {
            return false;
        }
    }
    return true;
}

/*
 * True when every store of the bundle addresses the same register plus a
 * constant (st_base): then they write within [base + *lo, base + *end),
 * the constants' smallest and the largest constant plus its size.  The
 * constants are limited to 32 bits so that the span cannot overflow.
 */
static bool stores_span(DisasContext *dc, int first, int64_t *lo,
                        int64_t *end)
{
    int chan;

    *lo = INT64_MAX;
    *end = INT64_MIN;
    for (chan = first; chan < 6; chan++) {
        int64_t disp = dc->st_disp[chan];

        if (!dc->has_store[chan]) {
            continue;
        }
        if (!dc->st_base[chan] || dc->st_base[chan] != dc->st_base[first] ||
            disp < INT32_MIN || disp > INT32_MAX) {
            return false;
        }
        *lo = MIN(*lo, disp);
        *end = MAX(*end, disp + (1 << (dc->st_mop[chan] & MO_SIZE)));
    }
    return true;
}

/*
 * Nonzero when some byte that a store may write lies outside the page of
 * channel @first's address.  When it is 0, the first store performed
 * either faults, with nothing written, or shows that page writable for
 * all the others, so no probe is needed (a helper call each, most of the
 * time of a 128-bit copy loop).  Disabled stores only make the test
 * stricter.
 */
static TCGv_i64 gen_stores_leave_page(DisasContext *dc, int first)
{
    TCGv_i64 acc = tcg_temp_new_i64(), t = tcg_temp_new_i64();
    TCGv_i64 base = dc->st_addr[first];
    int64_t lo, end;
    int chan;

    if (stores_span(dc, first, &lo, &end)) {
        /* one register plus constants: the span they cover stays in
           one page when its start's offset in the page plus its length
           does not reach the next (one temp, so no spill; a span that
           wraps past 2^64 crosses a page boundary too) */
        tcg_gen_addi_i64(acc, base, lo - dc->st_disp[first]);
        tcg_gen_andi_i64(acc, acc, ~TARGET_PAGE_MASK);
        tcg_gen_addi_i64(acc, acc, end - lo - 1);
        tcg_gen_andi_i64(acc, acc, TARGET_PAGE_MASK);
        return acc;
    }
    tcg_gen_movi_i64(acc, 0);
    for (chan = first; chan < 6; chan++) {
        if (!dc->has_store[chan]) {
            continue;
        }
        tcg_gen_addi_i64(t, dc->st_addr[chan],
                         (1 << (dc->st_mop[chan] & MO_SIZE)) - 1);
        tcg_gen_xor_i64(t, t, base);
        tcg_gen_or_i64(acc, acc, t);
        if (chan != first) {
            tcg_gen_xor_i64(t, dc->st_addr[chan], base);
            tcg_gen_or_i64(acc, acc, t);
        }
    }
    tcg_gen_andi_i64(acc, acc, TARGET_PAGE_MASK);
    return acc;
}

/* @cond, or 0 when @flag is 0 (no branch: a label would send the
   operands of every store through memory). */
static TCGv_i64 gen_and_flag32(TCGv_i64 cond, TCGv_i32 flag)
{
    TCGv_i64 f = tcg_temp_new_i64(), r = tcg_temp_new_i64();

    tcg_gen_extu_i32_i64(f, flag);
    tcg_gen_movcond_i64(TCG_COND_NE, r, f, tcg_constant_i64(0), cond,
                        tcg_constant_i64(0));
    return r;
}

/* The probe of channel @chan's store when @cond is nonzero and the store
   happens (guard, loop-mode enable, a nonzero stmqp mask), out of line. */
static void gen_probe_store(DisasContext *dc, int chan, TCGv_i64 cond,
                            TCGv_i32 en)
{
    if (en) {
        cond = gen_and_flag32(cond, en);
    }
    if (dc->st_guard[chan]) {
        cond = gen_and_flag32(cond, dc->st_guard[chan]);
    }
    if (dc->st_mask[chan]) {
        TCGv_i64 r = tcg_temp_new_i64();

        tcg_gen_movcond_i64(TCG_COND_NE, r, dc->st_mask[chan],
                            tcg_constant_i64(0), cond, tcg_constant_i64(0));
        cond = r;
    }
    tcg_gen_call_cold_i64(cond, dc->st_addr[chan], call_probe_store,
                          dc->st_mop[chan] & MO_SIZE, dc->pc);
}

void e2k_gen_stores(DisasContext *dc)
{
    TCGv_i32 en = NULL, strmd = NULL;
    int chan, nstores = 0, first = 6;
    bool probe = false;

    for (chan = 0; chan < 6; chan++) {
        if (dc->has_store[chan]) {
            first = MIN(first, chan);
            nstores++;
            /* 16 bytes are two host accesses: probe so that the second
               cannot fault after the first wrote */
            if ((dc->st_mop[chan] & MO_SIZE) == MO_128 &&
                !dc->st_fault[chan]) {
                probe = true;
            }
        }
    }
    if (nstores == 0) {
        return;
    }
    for (chan = 0; chan < 6; chan++) {
        if (dc->has_store[chan] && dc->st_fault[chan]) {
            e2k_gen_store_br(dc);       /* before any branch */
            break;
        }
    }
    if (dc->b.loop_mode) {
        en = gen_loop_store_enable(dc, &strmd);
    }
    dc->st_enable = en;                 /* staa's incr follows it */
    if (nstores > 1 || probe) {
        /* All or nothing: probe every store that will happen before the
           first one writes, so a fault in a later store cannot leave an
           earlier one done.  A single store of up to 8 bytes needs no
           probe (its own host fault leaves the state as before the wide
           instruction). */
        TCGv_i64 cond = tcg_constant_i64(1);

        e2k_gen_store_br(dc);
        if (stores_plain(dc)) {
            cond = gen_stores_leave_page(dc, first);
        }
        for (chan = 0; chan < 6; chan++) {
            TCGLabel *skip;

            if (!dc->has_store[chan] || dc->st_kind[chan] == ST_NOP) {
                continue;
            }
            if (!dc->st_fault[chan]) {
                gen_probe_store(dc, chan, cond, en);
                continue;
            }
            skip = gen_skip_disabled_store(dc, chan, en);
            if (dc->st_mask[chan]) {
                /* stmqp with a zero mask touches nothing */
                if (!skip) {
                    skip = gen_new_label();
                }
                tcg_gen_brcondi_i64(TCG_COND_EQ, dc->st_mask[chan], 0, skip);
            }
            gen_bounds_fault_store(dc, chan);
            if (skip) {
                tcg_gen_set_label(skip);
            }
        }
    }
    for (chan = 0; chan < 6; chan++) {
        TCGLabel *skip;

        if (!dc->has_store[chan]) {
            if (dc->ld_kind[chan] != LD_NONE && chan > first) {
                gen_reload(dc, chan);
            }
            continue;
        }
        if (dc->st_kind[chan] == ST_COND && !dc->mlock_val) {
            dc->mlock_val = tcg_temp_new_i32();
            tcg_gen_movi_i32(dc->mlock_val, dc->mlock);
        }
        skip = gen_skip_disabled_store(dc, chan, en);
        if (dc->st_fault[chan]) {
            gen_bounds_fault_store(dc, chan);
        } else if (dc->st_kind[chan] == ST_NOP) {
            /* no memory effect (the lock, if any, is released) */
            tcg_gen_st_i64(tcg_constant_i64(-1), tcg_env,
                           offsetof(CPUE2KState, lock_addr));
        } else if (dc->st_kind[chan] == ST_COND) {
            TCGv_i32 lost = tcg_temp_new_i32();

            e2k_gen_store_br(dc);
            e2k_gen_call_helper((void *)helper_st_cond, tcg_temp(lost), 5,
                                tcg_temp(tcg_env),
                                tcg_temp(dc->st_addr[chan]),
                                tcg_temp(dc->st_val[chan]),
                                tcg_temp(tcg_constant_i32(
                                    dc->st_mop[chan] & MO_SIZE)),
                                tcg_temp(tcg_constant_i64(dc->pc)));
            tcg_gen_or_i32(dc->mlock_val, dc->mlock_val, lost);
        } else if (dc->st_mask[chan]) {
            gen_masked_store(dc, chan);
        } else if ((dc->st_mop[chan] & MO_SIZE) == MO_128) {
            tcg_gen_qemu_st_i128(dc->st_val[chan], dc->st_val_hi[chan],
                                 dc->st_addr[chan], dc->st_mop[chan]);
        } else {
            tcg_gen_qemu_st_i64(dc->st_val[chan], dc->st_addr[chan],
                                dc->st_mop[chan]);
        }
        if (skip) {
            tcg_gen_set_label(skip);
        }
    }
    if (strmd) {
        tcg_gen_st_i32(strmd, tcg_env, offsetof(CPUE2KState, lsr_strmd));
    }
}

/* The access of an ldaa* (translate-aau.c) of channel @chan at @addr,
   16 bytes when @hi: guarded like any load, or speculative (no fault, a
   diagnostic 0), and repeated in channel order like the others. */
void e2k_gen_aa_load(DisasContext *dc, int chan, bool sm, TCGv_i64 ret,
                     TCGv_i64 hi, TCGv_i64 addr, MemOp mop)
{
    if (sm) {
        gen_spec_safe_load(dc, chan, mop & MO_SIZE, ret, hi, addr, true);
        dc->ld_kind[chan] = LD_SPEC_SAFE;
    } else {
        gen_plain_load(dc, chan, true, ret, hi, addr, mop, -1);
        dc->ld_kind[chan] = LD_PLAIN;
    }
    note_load(dc, chan, addr, ret, hi, mop);
}
