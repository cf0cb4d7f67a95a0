/*
 * The interpreter backend: the portable reference implementation of the
 * IR.  tci_gen_code encodes the optimized ops of a TB into a compact
 * word code (in the same code buffer as native code, so tc.ptr, chaining
 * and the insn_start table work identically); tci_exec runs it.  There
 * is no register allocation: every non-global temp has a frame slot and
 * globals are read and written in env directly, so the interpreter stays
 * an independent check of the x86-64 backend's allocator.
 *
 * Word code: a header word (opcode | type << 8 | nb_oargs << 9 |
 * nb_iargs << 11 | length << 16) followed by one word per temp argument
 * (kind << 30 | slot-or-env-offset) and two words per constant.  Branch
 * targets are word offsets relative to the branch's header.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "qemu/bitops.h"
#include "tcg/tcg.h"
#include "../tcg-internal.h"
#include "../tcg-eval.h"
#include "tcg/tcg-fp.h"
#include "tcg/tcg-vec.h"

enum {
    TCI_KIND_SLOT = 0,
    TCI_KIND_ENV32 = 1,
    TCI_KIND_ENV64 = 2,
    TCI_KIND_ENVPTR = 3,
};

#define TCI_OP_INIT NB_OPS          /* constant slots: n, (slot, lo, hi)* */
#define TCI_MAX_SLOTS TCG_MAX_TEMPS

/*
 * The word-code instruction doing a guest access (the "search pc" of a
 * fault) and the one calling the current helper (GETPC), 0 elsewhere.
 * As with native code, a signal raised inside a helper is not a fault
 * of translated code.
 */
static __thread uintptr_t tci_cur_pc, tci_call_pc;

/* ------------------------------------------------------------------ */
/* Encoding                                                            */

typedef struct TCIGen {
    TCGContext *s;
    uint32_t *start;
    uint32_t *p;
    uint32_t *limit;
} TCIGen;

static uint32_t tci_temp_word(TCGContext *s, const TCGTemp *ts)
{
    switch (ts->kind) {
    case TEMP_FIXED:
        return (uint32_t)TCI_KIND_ENVPTR << 30;
    case TEMP_GLOBAL:
        assert(ts->mem_offset >= 0 && ts->mem_offset < (1 << 30));
        return ((uint32_t)(ts->type == TCG_TYPE_I32 ? TCI_KIND_ENV32
                                                    : TCI_KIND_ENV64) << 30)
               | (uint32_t)ts->mem_offset;
    default:
        return (uint32_t)(ts->index - s->nb_globals);
    }
}

static void put64(TCIGen *g, uint64_t v)
{
    g->p[0] = (uint32_t)v;
    g->p[1] = (uint32_t)(v >> 32);
    g->p += 2;
}

static int tci_gen_code(TCGContext *s, TranslationBlock *tb)
{
    TCIGen g = { .s = s, .start = (uint32_t *)s->code_buf };
    int nconst = 0;

    g.p = g.start;
    g.limit = (uint32_t *)s->code_end;

    /* Constants used by this TB are copied into their slots on entry. */
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        nconst += s->temps[i].kind == TEMP_CONST;
    }
    if (nconst) {
        if ((size_t)(g.limit - g.p) < 2 + 3 * (size_t)nconst) {
            return -1;
        }
        if (3 * nconst + 2 > 0xffff) {
            return -2;
        }
        *g.p++ = TCI_OP_INIT | ((uint32_t)(2 + 3 * nconst) << 16);
        *g.p++ = nconst;
        for (int i = s->nb_globals; i < s->nb_temps; i++) {
            TCGTemp *ts = &s->temps[i];
            if (ts->kind == TEMP_CONST) {
                *g.p++ = tci_temp_word(s, ts);
                put64(&g, ts->val);
            }
        }
    }

    for (int i = 0; i < s->nb_labels; i++) {
        s->labels[i].has_value = false;
        s->labels[i].value = 0;
    }

    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        const TCGOpDef *def = op_def(op);
        int no = op->nb_oargs, ni = op->nb_iargs;
        int nc = op->opc == INDEX_op_call ? 2 : def->nb_cargs;
        uint32_t *insn = g.p;
        size_t len;

        if ((size_t)(g.limit - g.p) < 64) {
            return -1;
        }
        switch (op->opc) {
        case INDEX_op_nop:
        case INDEX_op_discard:
            continue;
        case INDEX_op_insn_start:
            s->code_ptr = (uint8_t *)g.p;
            tcg_record_insn_start(s, op);
            continue;
        case INDEX_op_set_label: {
            TCGLabel *l = arg_label(op->args[0]);
            l->has_value = true;
            l->value = (uintptr_t)g.p;
            continue;
        }
        case INDEX_op_goto_tb: {
            int n = op->args[0];
            g.p++;
            if (((uintptr_t)g.p & 7) != 0) {
                g.p++;                        /* 8-align the target */
            }
            tb->jmp_insn_offset[n] = (uint8_t *)g.p - (uint8_t *)g.start;
            put64(&g, 0);                     /* filled below */
            tb->jmp_reset_offset[n] = (uint8_t *)g.p - (uint8_t *)g.start;
            memcpy(g.p - 2, &(uint64_t){ tcg_rw_to_rx(s, g.p) }, 8);
            insn[0] = INDEX_op_goto_tb | ((uint32_t)(g.p - insn) << 16);
            continue;
        }
        default:
            break;
        }

        g.p++;
        for (int k = 0; k < no + ni; k++) {
            *g.p++ = tci_temp_word(s, arg_temp(op->args[k]));
        }
        for (int c = 0; c < nc; c++) {
            put64(&g, op->args[no + ni + c]);
        }
        len = g.p - insn;
        /* the header's fields must not overlap (nb_oargs = 2 once did) */
        assert(op->opc < 256 && no < 4 && ni < 16 && len < 0x10000);
        insn[0] = op->opc | ((uint32_t)op->type << 8) | ((uint32_t)no << 9)
                  | ((uint32_t)ni << 11) | ((uint32_t)len << 16);
    }
    s->code_ptr = (uint8_t *)g.p;

    /* Resolve branches now that every label has a position. */
    for (uint32_t *p = g.start; p < g.p; p += p[0] >> 16) {
        unsigned opc = p[0] & 0xff;
        int at;
        TCGLabel *l;

        if (opc == INDEX_op_br) {
            at = 1;
        } else if (opc == INDEX_op_brcond) {
            at = 1 + 2 + 2;
        } else {
            continue;
        }
        l = (TCGLabel *)(uintptr_t)((uint64_t)p[at] | (uint64_t)p[at + 1] << 32);
        assert(l->has_value);
        p[at] = (uint32_t)(int32_t)((uint32_t *)l->value - p);
        p[at + 1] = 0;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Guest memory accesses and the interpreter loop itself stand for
   translated code: a race between guest threads is the guest's own
   business, and translated code polls env fields other threads set
   (exit_request) as the native backend's uninstrumented code does, so
   ThreadSanitizer does not look at these. */
#if defined(__SANITIZE_THREAD__)
#define TCI_GUEST_ACCESS __attribute__((no_sanitize_thread))
#else
#define TCI_GUEST_ACCESS
#endif

/* Execution                                                           */

static inline uint64_t rd(uint64_t *frame, uint8_t *env, uint32_t a)
{
    uint32_t v32;
    uint64_t v64;

    switch (a >> 30) {
    case TCI_KIND_SLOT:
        return frame[a];
    case TCI_KIND_ENV32:
        memcpy(&v32, env + (a & 0x3fffffff), 4);
        return v32;
    case TCI_KIND_ENV64:
        memcpy(&v64, env + (a & 0x3fffffff), 8);
        return v64;
    default:
        return (uintptr_t)env;
    }
}

static inline void wr(uint64_t *frame, uint8_t *env, uint32_t a, uint64_t v)
{
    switch (a >> 30) {
    case TCI_KIND_SLOT:
        frame[a] = v;
        break;
    case TCI_KIND_ENV32:
        memcpy(env + (a & 0x3fffffff), &(uint32_t){ (uint32_t)v }, 4);
        break;
    case TCI_KIND_ENV64:
        memcpy(env + (a & 0x3fffffff), &v, 8);
        break;
    default:
        abort();    /* env itself is read-only */
    }
}

static inline uint64_t c64(const uint32_t *p)
{
    return (uint64_t)p[0] | ((uint64_t)p[1] << 32);
}

/* The checks before a guest access: within the guest space (see
   tcg_bad_address_hook), then the alignment. */
static void tci_check_align(void *env, uint64_t addr, MemOp mop,
                            const uint32_t *insn)
{
    unsigned a = memop_alignment(mop);

    if (guest_space_size && addr >= guest_space_size) {
        if (tcg_bad_address_hook) {
            tcg_bad_address_hook(env, addr, mop, (uintptr_t)insn);
        }
        abort();
    }

    if (a > 1 && (addr & (a - 1))) {
        if (!tcg_unaligned_access_hook) {
            abort();
        }
        tcg_unaligned_access_hook(env, addr, mop, (uintptr_t)insn);
    }
}

TCI_GUEST_ACCESS static uint64_t tci_load(uint64_t addr, MemOp mop)
{
    void *h = (void *)(guest_base + (uintptr_t)addr);
    uint64_t v = 0;

    switch (mop & MO_SIZE) {
    case MO_8: {
        uint8_t x;
        memcpy(&x, h, 1);
        v = (mop & MO_SIGN) ? (uint64_t)(int64_t)(int8_t)x : x;
        return v;
    }
    case MO_16: {
        uint16_t x;
        memcpy(&x, h, 2);
        if (mop & MO_BSWAP) {
            x = __builtin_bswap16(x);
        }
        return (mop & MO_SIGN) ? (uint64_t)(int64_t)(int16_t)x : x;
    }
    case MO_32: {
        uint32_t x;
        memcpy(&x, h, 4);
        if (mop & MO_BSWAP) {
            x = __builtin_bswap32(x);
        }
        return (mop & MO_SIGN) ? (uint64_t)(int64_t)(int32_t)x : x;
    }
    default:
        memcpy(&v, h, 8);
        return (mop & MO_BSWAP) ? __builtin_bswap64(v) : v;
    }
}

TCI_GUEST_ACCESS static void tci_store(uint64_t addr, MemOp mop, uint64_t v)
{
    void *h = (void *)(guest_base + (uintptr_t)addr);

    switch (mop & MO_SIZE) {
    case MO_8:
        memcpy(h, &(uint8_t){ (uint8_t)v }, 1);
        break;
    case MO_16: {
        uint16_t x = (mop & MO_BSWAP) ? __builtin_bswap16((uint16_t)v)
                                      : (uint16_t)v;
        memcpy(h, &x, 2);
        break;
    }
    case MO_32: {
        uint32_t x = (mop & MO_BSWAP) ? __builtin_bswap32((uint32_t)v)
                                      : (uint32_t)v;
        memcpy(h, &x, 4);
        break;
    }
    default:
        if (mop & MO_BSWAP) {
            v = __builtin_bswap64(v);
        }
        memcpy(h, &v, 8);
        break;
    }
}

typedef uint64_t (*TCIHelper)(uint64_t, uint64_t, uint64_t, uint64_t,
                              uint64_t, uint64_t, uint64_t, uint64_t);

TCI_GUEST_ACCESS static uintptr_t tci_exec(void *env_ptr, const void *tb_ptr)
{
    uint64_t frame[TCI_MAX_SLOTS];
    uint8_t *env = env_ptr;
    const uint32_t *pc = tb_ptr;
    uintptr_t ret;

    /* a guest fault longjmps out with these still set: clear them */
    tci_cur_pc = tci_call_pc = 0;

    for (;;) {
        const uint32_t *insn = pc;
        uint32_t h = insn[0];
        unsigned opc = h & 0xff;
        TCGType t = (h >> 8) & 1;
        uint64_t a, b, r = 0;

        pc += h >> 16;
        switch (opc) {
        case TCI_OP_INIT: {
            uint32_t n = insn[1];
            for (uint32_t i = 0; i < n; i++) {
                frame[insn[2 + 3 * i]] = c64(&insn[3 + 3 * i]);
            }
            break;
        }
        case INDEX_op_mov:
            wr(frame, env, insn[1], rd(frame, env, insn[2]));
            break;
        case INDEX_op_add:
            r = rd(frame, env, insn[2]) + rd(frame, env, insn[3]);
            wr(frame, env, insn[1], tcg_norm(t, r));
            break;
        case INDEX_op_sub:
            r = rd(frame, env, insn[2]) - rd(frame, env, insn[3]);
            wr(frame, env, insn[1], tcg_norm(t, r));
            break;
        case INDEX_op_and:
            r = rd(frame, env, insn[2]) & rd(frame, env, insn[3]);
            wr(frame, env, insn[1], r);
            break;
        case INDEX_op_neg: case INDEX_op_not:
        case INDEX_op_ext8s: case INDEX_op_ext8u: case INDEX_op_ext16s:
        case INDEX_op_ext16u: case INDEX_op_ext32s: case INDEX_op_ext32u:
        case INDEX_op_bswap16: case INDEX_op_bswap32: case INDEX_op_bswap64:
        case INDEX_op_ctpop:
            tcg_eval_op(opc, t, rd(frame, env, insn[2]), 0, 0, 0, &r);
            wr(frame, env, insn[1], r);
            break;
        case INDEX_op_mul: case INDEX_op_or: case INDEX_op_xor:
        case INDEX_op_andc: case INDEX_op_orc: case INDEX_op_eqv:
        case INDEX_op_nand: case INDEX_op_nor: case INDEX_op_shl:
        case INDEX_op_shr: case INDEX_op_sar: case INDEX_op_rotl:
        case INDEX_op_rotr: case INDEX_op_clz: case INDEX_op_ctz:
            tcg_eval_op(opc, t, rd(frame, env, insn[2]),
                        rd(frame, env, insn[3]), 0, 0, &r);
            wr(frame, env, insn[1], r);
            break;
        case INDEX_op_setcond: case INDEX_op_negsetcond:
            tcg_eval_op(opc, t, rd(frame, env, insn[2]),
                        rd(frame, env, insn[3]), c64(&insn[4]), 0, &r);
            wr(frame, env, insn[1], r);
            break;
        case INDEX_op_extract: case INDEX_op_sextract:
            tcg_eval_op(opc, t, rd(frame, env, insn[2]), 0, c64(&insn[3]),
                        c64(&insn[5]), &r);
            wr(frame, env, insn[1], r);
            break;
        case INDEX_op_deposit:
            tcg_eval_op(opc, t, rd(frame, env, insn[2]),
                        rd(frame, env, insn[3]), c64(&insn[4]),
                        c64(&insn[6]), &r);
            wr(frame, env, insn[1], r);
            break;
        case INDEX_op_movcond:
            a = rd(frame, env, insn[2]);
            b = rd(frame, env, insn[3]);
            r = tcg_eval_cond(t, (TCGCond)c64(&insn[6]), a, b)
                ? rd(frame, env, insn[4]) : rd(frame, env, insn[5]);
            wr(frame, env, insn[1], r);
            break;
        case INDEX_op_mulu2: case INDEX_op_muls2:
        case INDEX_op_divu2: case INDEX_op_divs2:
        case INDEX_op_add2: case INDEX_op_sub2: {
            uint64_t in[4] = { 0 }, lo = 0, hi = 0;
            int ni = (h >> 11) & 0xf;
            for (int k = 0; k < ni; k++) {
                in[k] = rd(frame, env, insn[3 + k]);
            }
            tcg_eval_op2(opc, t, in, &lo, &hi);
            wr(frame, env, insn[1], lo);
            wr(frame, env, insn[2], hi);
            break;
        }
        case INDEX_op_brcond:
            a = rd(frame, env, insn[1]);
            b = rd(frame, env, insn[2]);
            if (tcg_eval_cond(t, (TCGCond)c64(&insn[3]), a, b)) {
                pc = insn + (int32_t)insn[5];
            }
            break;
        case INDEX_op_br:
            pc = insn + (int32_t)insn[1];
            break;
        case INDEX_op_ext_i32_i64:
            r = (uint64_t)(int64_t)(int32_t)rd(frame, env, insn[2]);
            wr(frame, env, insn[1], r);
            break;
        case INDEX_op_extu_i32_i64:
        case INDEX_op_extrl_i64_i32:
            wr(frame, env, insn[1], (uint32_t)rd(frame, env, insn[2]));
            break;
        case INDEX_op_extrh_i64_i32:
            wr(frame, env, insn[1], rd(frame, env, insn[2]) >> 32);
            break;
        case INDEX_op_concat_i32_i64:
            r = (uint32_t)rd(frame, env, insn[2])
                | (rd(frame, env, insn[3]) << 32);
            wr(frame, env, insn[1], r);
            break;
        case INDEX_op_ld8u: case INDEX_op_ld8s: case INDEX_op_ld16u:
        case INDEX_op_ld16s: case INDEX_op_ld32u: case INDEX_op_ld32s:
        case INDEX_op_ld: {
            uint8_t *p = (uint8_t *)(uintptr_t)rd(frame, env, insn[2])
                         + (intptr_t)c64(&insn[3]);
            uint8_t u8; uint16_t u16; uint32_t u32; uint64_t u64;
            switch (opc) {
            case INDEX_op_ld8u: memcpy(&u8, p, 1); r = u8; break;
            case INDEX_op_ld8s: memcpy(&u8, p, 1); r = (int64_t)(int8_t)u8; break;
            case INDEX_op_ld16u: memcpy(&u16, p, 2); r = u16; break;
            case INDEX_op_ld16s:
                memcpy(&u16, p, 2);
                r = (int64_t)(int16_t)u16;
                break;
            case INDEX_op_ld32u: memcpy(&u32, p, 4); r = u32; break;
            case INDEX_op_ld32s:
                memcpy(&u32, p, 4);
                r = (int64_t)(int32_t)u32;
                break;
            default:
                if (t == TCG_TYPE_I32) {
                    memcpy(&u32, p, 4);
                    r = u32;
                } else {
                    memcpy(&u64, p, 8);
                    r = u64;
                }
                break;
            }
            wr(frame, env, insn[1], tcg_norm(t, r));
            break;
        }
        case INDEX_op_st8: case INDEX_op_st16: case INDEX_op_st32:
        case INDEX_op_st: {
            uint8_t *p = (uint8_t *)(uintptr_t)rd(frame, env, insn[2])
                         + (intptr_t)c64(&insn[3]);
            uint64_t v = rd(frame, env, insn[1]);
            size_t n = opc == INDEX_op_st8 ? 1 : opc == INDEX_op_st16 ? 2
                       : (opc == INDEX_op_st32 || t == TCG_TYPE_I32) ? 4 : 8;
            memcpy(p, &v, n);       /* little-endian host */
            break;
        }
        case INDEX_op_qemu_ld: {
            MemOp mop = (MemOp)c64(&insn[3]);
            a = rd(frame, env, insn[2]);
            tci_cur_pc = (uintptr_t)insn;
            tci_check_align(env, a, mop, insn);
            r = tci_load(a, mop);
            tci_cur_pc = 0;
            wr(frame, env, insn[1], tcg_norm(t, r));
            break;
        }
        case INDEX_op_qemu_st: {
            MemOp mop = (MemOp)c64(&insn[3]);
            a = rd(frame, env, insn[2]);
            tci_cur_pc = (uintptr_t)insn;
            tci_check_align(env, a, mop, insn);
            tci_store(a, mop, rd(frame, env, insn[1]));
            tci_cur_pc = 0;
            break;
        }
        case INDEX_op_qemu_ld2: {
            MemOp mop = (MemOp)c64(&insn[4]);
            MemOp half = (mop & MO_BSWAP) | MO_64;
            uint64_t lo, hi;
            a = rd(frame, env, insn[3]);
            tci_cur_pc = (uintptr_t)insn;
            tci_check_align(env, a, mop, insn);
            lo = tci_load(a, half);
            hi = tci_load(a + 8, half);
            tci_cur_pc = 0;
            if (mop & MO_BSWAP) {
                uint64_t x = lo; lo = hi; hi = x;
            }
            wr(frame, env, insn[1], lo);
            wr(frame, env, insn[2], hi);
            break;
        }
        case INDEX_op_qemu_st2: {
            MemOp mop = (MemOp)c64(&insn[4]);
            MemOp half = (mop & MO_BSWAP) | MO_64;
            uint64_t lo = rd(frame, env, insn[1]), hi = rd(frame, env, insn[2]);
            a = rd(frame, env, insn[3]);
            if (mop & MO_BSWAP) {
                uint64_t x = lo; lo = hi; hi = x;
            }
            tci_cur_pc = (uintptr_t)insn;
            tci_check_align(env, a, mop, insn);
            tci_store(a, half, lo);
            tci_store(a + 8, half, hi);
            tci_cur_pc = 0;
            break;
        }
        case INDEX_op_call: {
            int no = (h >> 9) & 3, ni = (h >> 11) & 0xf;
            uint64_t v[8] = { 0 };
            TCIHelper fn;
            for (int k = 0; k < ni; k++) {
                v[k] = rd(frame, env, insn[1 + no + k]);
            }
            fn = (TCIHelper)(uintptr_t)c64(&insn[1 + no + ni]);
            tci_call_pc = (uintptr_t)insn;
            r = fn(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
            tci_call_pc = 0;
            if (no) {
                wr(frame, env, insn[1], tcg_norm(t, r));
            }
            break;
        }
        case INDEX_op_goto_tb:
            pc = (const uint32_t *)(uintptr_t)
                 __atomic_load_n((const uint64_t *)(insn + (h >> 16) - 2),
                                 __ATOMIC_ACQUIRE);
            break;
        case INDEX_op_exit_tb:
            ret = (uintptr_t)c64(&insn[1]);
            goto out;
        case INDEX_op_goto_ptr:
            pc = (const uint32_t *)(uintptr_t)rd(frame, env, insn[1]);
            if (!pc) {
                ret = 0;
                goto out;
            }
            break;
        case INDEX_op_mb:
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            break;
        case INDEX_op_fpu1:
            r = tcg_eval_fp((TCGFpOp)c64(&insn[3]), rd(frame, env, insn[2]), 0);
            wr(frame, env, insn[1], r);
            break;
        case INDEX_op_fpu2:
            r = tcg_eval_fp((TCGFpOp)c64(&insn[4]), rd(frame, env, insn[2]),
                            rd(frame, env, insn[3]));
            wr(frame, env, insn[1], r);
            break;
        case INDEX_op_vec2:
            r = tcg_eval_vec((TCGVecOp)c64(&insn[4]), rd(frame, env, insn[2]),
                             rd(frame, env, insn[3]));
            wr(frame, env, insn[1], r);
            break;
        case INDEX_op_guard: {
            uint32_t v;
            memcpy(&v, env + c64(&insn[1]), 4);
            if ((v & c64(&insn[3])) != c64(&insn[5])) {
                if (!tcg_guard_hook) {
                    abort();
                }
                tcg_guard_hook(env, (uintptr_t)insn);
            }
            break;
        }
        case INDEX_op_call_cold:
            if (rd(frame, env, insn[1])) {
                void (*fn)(void *, uint64_t, uint64_t, uint64_t) =
                    (void (*)(void *, uint64_t, uint64_t, uint64_t))
                    (uintptr_t)c64(&insn[3]);
                tci_call_pc = (uintptr_t)insn;
                fn(env, rd(frame, env, insn[2]), c64(&insn[5]), c64(&insn[7]));
                tci_call_pc = 0;
            }
            break;
        default:
            abort();
        }
    }
out:
    tci_cur_pc = tci_call_pc = 0;
    return ret;
}

/* ------------------------------------------------------------------ */
/* Backend glue                                                        */

static bool tci_init(TCGContext *s, Error **errp)
{
    return true;        /* no prologue */
}

static void tci_set_jmp_target(TranslationBlock *tb, int n, uintptr_t addr,
                               uint8_t *rw)
{
    __atomic_store_n((uint64_t *)rw, (uint64_t)addr, __ATOMIC_RELEASE);
}

static uintptr_t tci_signal_search_pc(uintptr_t host_pc)
{
    return tci_cur_pc;
}

static uintptr_t tci_helper_search_pc(uintptr_t ra)
{
    return tci_call_pc;
}

static void tci_disas(FILE *f, const void *code, size_t size, uintptr_t addr)
{
    const uint32_t *p = code, *end = p + size / 4;

    while (p < end) {
        unsigned opc = p[0] & 0xff, len = p[0] >> 16;
        fprintf(f, "  %04zx: %-10s", (size_t)((const uint8_t *)p -
                                            (const uint8_t *)code),
                opc == TCI_OP_INIT ? "init" :
                opc < NB_OPS ? tcg_op_defs[opc].name : "?");
        for (unsigned k = 1; k < len && k < 16; k++) {
            fprintf(f, " %08x", p[k]);
        }
        fprintf(f, "\n");
        if (len == 0) {
            break;
        }
        p += len;
    }
}

const TCGBackend tcg_backend_interp = {
    .name = "interp",
    .init = tci_init,
    .gen_code = tci_gen_code,
    .exec = tci_exec,
    .set_jmp_target = tci_set_jmp_target,
    .signal_search_pc = tci_signal_search_pc,
    .helper_search_pc = tci_helper_search_pc,
    .disas = tci_disas,
};
