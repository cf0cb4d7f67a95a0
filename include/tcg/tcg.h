/*
 * TCG core: the IR data structures, the context that collects ops for one
 * translation block, code generation and execution.  The op-emitting API
 * the front end uses is in tcg/tcg-op.h; this header owns the data types,
 * code buffer, backend selection, TB execution, chaining and host-PC ->
 * guest-state restoration.  Nothing here knows about any guest: helpers
 * see the CPU state through the `env` pointer (tcg_env, a fixed host
 * register in the x86-64 backend) and byte offsets into it.
 *
 * Relative to the starting contract (docs/devel/tcg.md has the details):
 * tcg_backend_select takes an Error **; host pcs are "search pcs"
 * (tcg_signal_search_pc for a signal, GETPC() in a helper) so the same
 * fault path works for the interpreter; the host-pc -> TB map
 * (tcg_tb_insert/remove/lookup) lives here; helpers are called with
 * tcg_gen_call(func, flags, ret, nargs, TCGTemp *...).
 *
 * Threading: translation (tcg_func_start .. tcg_gen_code) and
 * tcg_code_buffer_reset() must be serialized by the caller (one global
 * context, like a translation lock).  tcg_qemu_tb_exec, tb_set_jmp_target
 * and tcg_tb_lookup may run in any thread at any time.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_TCG_H
#define TCG_TCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "qemu/error.h"
#include "exec/translation-block.h"

/* ---------------------------------------------------------------------
 * Limits
 */
#define TCG_MAX_TEMPS            2048   /* globals + temps of one TB */
#define TCG_MAX_LABELS           1024
#define TCG_MAX_OPS              8192   /* ops of one TB (tcg_op_buf_full) */
#define TCG_MAX_INSN_START_WORDS 3      /* guest pc + up to 2 extra words */
#define TCG_MAX_CALL_ARGS        8
#define TCG_MAX_OP_ARGS          (TCG_MAX_CALL_ARGS + 1 + 2)

/* ---------------------------------------------------------------------
 * Types, conditions, memory operations
 */
typedef uintptr_t TCGArg;

typedef enum TCGType {
    TCG_TYPE_I32 = 0,
    TCG_TYPE_I64 = 1,
    TCG_TYPE_PTR = TCG_TYPE_I64,     /* 64-bit hosts only */
} TCGType;

/*
 * Conditions for setcond/movcond/brcond.  Bit 0 inverts, so
 * tcg_invert_cond is cond ^ 1.  ALWAYS/NEVER only appear after folding.
 */
typedef enum TCGCond {
    TCG_COND_NEVER  = 0,
    TCG_COND_ALWAYS = 1,
    TCG_COND_EQ     = 2,
    TCG_COND_NE     = 3,
    TCG_COND_LT     = 4,
    TCG_COND_GE     = 5,
    TCG_COND_LE     = 6,
    TCG_COND_GT     = 7,
    TCG_COND_LTU    = 8,
    TCG_COND_GEU    = 9,
    TCG_COND_LEU    = 10,
    TCG_COND_GTU    = 11,
} TCGCond;

#define TCG_COND_COUNT 12

static inline TCGCond tcg_invert_cond(TCGCond c)
{
    return (TCGCond)(c ^ 1);
}

/* cond(a, b) == swap(cond)(b, a) */
static inline TCGCond tcg_swap_cond(TCGCond c)
{
    switch (c) {
    case TCG_COND_LT: return TCG_COND_GT;
    case TCG_COND_GT: return TCG_COND_LT;
    case TCG_COND_LE: return TCG_COND_GE;
    case TCG_COND_GE: return TCG_COND_LE;
    case TCG_COND_LTU: return TCG_COND_GTU;
    case TCG_COND_GTU: return TCG_COND_LTU;
    case TCG_COND_LEU: return TCG_COND_GEU;
    case TCG_COND_GEU: return TCG_COND_LEU;
    default: return c;
    }
}

/*
 * Guest memory operation: size | sign | byte order | alignment.
 * The guest is little-endian like the host, so MO_LE is "no swap".
 */
typedef enum MemOp {
    MO_8     = 0,
    MO_16    = 1,
    MO_32    = 2,
    MO_64    = 3,
    MO_128   = 4,
    MO_SIZE  = 7,
    MO_SIGN  = 8,
    MO_BSWAP = 16,
    MO_LE    = 0,
    MO_BE    = MO_BSWAP,
    /*
     * Alignment policy: MO_UNALN accepts any address; MO_ALIGN requires
     * natural alignment; MO_ALIGN_2..64 require that many bytes.  A
     * misaligned access calls tcg_unaligned_access_hook (see below).
     */
    MO_ASHIFT   = 5,
    MO_AMASK    = 7 << 5,
    MO_UNALN    = 0,
    MO_ALIGN    = 1 << 5,
    MO_ALIGN_2  = 2 << 5,
    MO_ALIGN_4  = 3 << 5,
    MO_ALIGN_8  = 4 << 5,
    MO_ALIGN_16 = 5 << 5,
    MO_ALIGN_32 = 6 << 5,
    MO_ALIGN_64 = 7 << 5,

    MO_UB   = MO_8,
    MO_UW   = MO_16,
    MO_UL   = MO_32,
    MO_UQ   = MO_64,
    MO_SB   = MO_8 | MO_SIGN,
    MO_SW   = MO_16 | MO_SIGN,
    MO_SL   = MO_32 | MO_SIGN,
    MO_LEUW = MO_LE | MO_UW,
    MO_LEUL = MO_LE | MO_UL,
    MO_LEUQ = MO_LE | MO_UQ,
    MO_LESW = MO_LE | MO_SW,
    MO_LESL = MO_LE | MO_SL,
    MO_BEUW = MO_BE | MO_UW,
    MO_BEUL = MO_BE | MO_UL,
    MO_BEUQ = MO_BE | MO_UQ,
    MO_BESW = MO_BE | MO_SW,
    MO_BESL = MO_BE | MO_SL,
    MO_TEUW = MO_LEUW,
    MO_TEUL = MO_LEUL,
    MO_TEUQ = MO_LEUQ,
    MO_TESW = MO_LESW,
    MO_TESL = MO_LESL,
    MO_LE128 = MO_LE | MO_128,
} MemOp;

/* Required alignment in bytes of @mop (1 = none). */
static inline unsigned memop_alignment(MemOp mop)
{
    unsigned a = (mop & MO_AMASK) >> MO_ASHIFT;

    if (a == 0) {
        return 1;
    }
    if (a == 1) {
        return 1u << (mop & MO_SIZE);
    }
    return 1u << (a - 1);
}

/* Memory barrier kinds for tcg_gen_mb (all are a full fence on x86-64). */
typedef enum TCGBar {
    TCG_MO_LD_LD = 1,
    TCG_MO_ST_LD = 2,
    TCG_MO_LD_ST = 4,
    TCG_MO_ST_ST = 8,
    TCG_MO_ALL   = 0xf,
    TCG_BAR_SC   = 0x30,
} TCGBar;

/* Helper-call flags (tcg_gen_call). */
#define TCG_CALL_NO_READ_GLOBALS   0x0001  /* helper reads no TCG global */
#define TCG_CALL_NO_WRITE_GLOBALS  0x0002  /* helper writes no TCG global */
#define TCG_CALL_NO_SIDE_EFFECTS   0x0004  /* removable if result unused */
#define TCG_CALL_NO_RETURN         0x0008  /* never returns (longjmps out) */
#define TCG_CALL_NO_RWG    TCG_CALL_NO_READ_GLOBALS
#define TCG_CALL_NO_WG     TCG_CALL_NO_WRITE_GLOBALS
#define TCG_CALL_NO_SE     TCG_CALL_NO_SIDE_EFFECTS
#define TCG_CALL_NO_RWG_SE (TCG_CALL_NO_RWG | TCG_CALL_NO_SE)
#define TCG_CALL_NO_WG_SE  (TCG_CALL_NO_WG | TCG_CALL_NO_SE)

/* ---------------------------------------------------------------------
 * Opcodes
 */
#define TCG_OPF_BB_END       0x01  /* ends a basic block */
#define TCG_OPF_BB_EXIT      0x02  /* leaves the TB */
#define TCG_OPF_CALL_CLOBBER 0x04  /* clobbers call-saved state */
#define TCG_OPF_SIDE_EFFECTS 0x08  /* never removed as dead */
#define TCG_OPF_NOT_PRESENT  0x10  /* emits no host instruction itself */
#define TCG_OPF_COND_BRANCH  0x20
#define TCG_OPF_GUEST_MEM    0x40  /* touches guest memory (may fault) */

typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "tcg/tcg-opc.h"
#undef DEF
    NB_OPS,
} TCGOpcode;

typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs;
    uint8_t flags;
} TCGOpDef;

extern const TCGOpDef tcg_op_defs[NB_OPS];

/* ---------------------------------------------------------------------
 * Temporaries
 */
typedef enum TCGTempKind {
    TEMP_EBB,      /* dies at the end of its extended basic block */
    TEMP_TB,       /* lives across branches within one TB */
    TEMP_GLOBAL,   /* backed by memory at mem_base + mem_offset */
    TEMP_FIXED,    /* pinned in a host register (tcg_env) */
    TEMP_CONST,    /* interned constant of one TB */
} TCGTempKind;

/* Temps one TB may pin (tcg_temp_pin_i64). */
#define TCG_MAX_PINNED 4

typedef enum TCGTempVal {
    TEMP_VAL_DEAD,
    TEMP_VAL_REG,
    TEMP_VAL_MEM,
    TEMP_VAL_CONST,
} TCGTempVal;

typedef struct TCGTemp {
    uint8_t kind;           /* TCGTempKind */
    uint8_t type;           /* TCGType */
    uint8_t val_type;       /* TCGTempVal (register allocator) */
    uint8_t reg;            /* host register when val_type == REG */
    bool mem_coherent;      /* memory copy equals the register */
    bool mem_allocated;     /* has a memory slot (globals always) */
    bool temp_allocated;    /* in use (not freed by tcg_temp_free) */
    bool pinned;            /* TB temp kept in one host register for the
                               whole TB (tcg_temp_pin) */
    uint8_t state;          /* liveness scratch */
    int16_t mem_base;       /* index of the base temp (globals: tcg_env) */
    int16_t index;          /* position in TCGContext.temps */
    intptr_t mem_offset;
    uint64_t val;           /* TEMP_CONST value (i32: zero-extended) */
    const char *name;
    int32_t first_bb;       /* liveness pass 0 scratch */
    int32_t opt_epoch;      /* optimizer scratch */
    uint64_t opt_val;
    int32_t opt_copy;
    int32_t opt_copy_ver;
    int32_t opt_ver;
    uint8_t opt_flags;
    uint8_t opt_sc_cond;    /* optimizer: temp = setcond(cond, a, b) */
    uint8_t opt_sc_type;
    int32_t opt_sc_arg[2], opt_sc_ver[2];
} TCGTemp;

/*
 * Typed handles for the front end.  A handle is the TCGTemp pointer in
 * disguise: distinct types keep i32/i64/pointer values from mixing.
 */
typedef struct TCGv_i32_d *TCGv_i32;
typedef struct TCGv_i64_d *TCGv_i64;
typedef struct TCGv_ptr_d *TCGv_ptr;

static inline TCGTemp *tcgv_i32_temp(TCGv_i32 v) { return (TCGTemp *)v; }
static inline TCGTemp *tcgv_i64_temp(TCGv_i64 v) { return (TCGTemp *)v; }
static inline TCGTemp *tcgv_ptr_temp(TCGv_ptr v) { return (TCGTemp *)v; }
static inline TCGv_i32 temp_tcgv_i32(TCGTemp *t) { return (TCGv_i32)t; }
static inline TCGv_i64 temp_tcgv_i64(TCGTemp *t) { return (TCGv_i64)t; }
static inline TCGv_ptr temp_tcgv_ptr(TCGTemp *t) { return (TCGv_ptr)t; }

/* Any handle -> TCGTemp *, for tcg_gen_call argument lists. */
#define tcg_temp(x) _Generic((x),                 \
        TCGv_i32: tcgv_i32_temp,                  \
        TCGv_i64: tcgv_i64_temp,                  \
        TCGv_ptr: tcgv_ptr_temp)(x)

/* ---------------------------------------------------------------------
 * Ops and labels
 */
typedef struct TCGLabelUse TCGLabelUse;

typedef struct TCGLabel {
    int id;
    bool has_value;
    bool referenced;        /* some branch targets it (optimizer) */
    uintptr_t value;        /* code offset once placed */
    TCGLabelUse *uses;      /* backend relocations still to patch */
} TCGLabel;

typedef struct TCGOp {
    uint16_t opc;           /* TCGOpcode */
    uint8_t type;           /* TCGType of the operation */
    uint8_t nb_oargs;       /* for calls; other ops copy tcg_op_defs */
    uint8_t nb_iargs;
    uint16_t life_dead;     /* bit i: arg i dies at this op */
    uint16_t life_sync;     /* bit i: output i must be written back */
    TCGArg args[TCG_MAX_OP_ARGS];
} TCGOp;

/* movcond: args[6] nonzero when its condition is predictable
   (tcg_gen_movcond_predictable_i64); only a backend reads it. */
#define TCG_MOVCOND_PREDICTABLE 6

/* Argument accessors for TCGOp.args. */
static inline TCGTemp *arg_temp(TCGArg a) { return (TCGTemp *)a; }
static inline TCGArg temp_arg(TCGTemp *t) { return (TCGArg)t; }
static inline TCGLabel *arg_label(TCGArg a) { return (TCGLabel *)a; }
static inline TCGArg label_arg(TCGLabel *l) { return (TCGArg)l; }

/* ---------------------------------------------------------------------
 * Context
 */
typedef struct TCGBackend TCGBackend;

typedef struct TCGContext {
    /* IR of the TB being built */
    TCGOp *ops;
    int nb_ops;
    int nb_globals;
    int nb_temps;
    int nb_labels;
    int insn_start_words;        /* words per insn_start (1..3) */
    TCGTemp temps[TCG_MAX_TEMPS];
    TCGLabel labels[TCG_MAX_LABELS];
    bool gen_overflow;           /* too many temps/ops/labels: -2 */
    int nb_pinned;               /* temps pinned with tcg_temp_pin */

    /* Code buffer: written through code_rw, executed at code_rx */
    uint8_t *code_rx;
    uint8_t *code_rw;
    size_t code_size;
    size_t code_used;            /* bytes in use (prologue included) */
    size_t prologue_size;

    /* Where the current TB's code is being written (rw view) */
    uint8_t *code_buf;           /* start of this TB (rw) */
    uint8_t *code_ptr;           /* current write position (rw) */
    uint8_t *code_end;           /* hard limit (rw) */
    TranslationBlock *gen_tb;
    uint32_t *insn_end_off;      /* per guest insn: code offset of its end */
    uint64_t *insn_data;         /* per guest insn: insn_start words */
    int nb_insns;

    const TCGBackend *backend;
    void *backend_state;         /* backend private */
} TCGContext;

extern TCGContext *tcg_ctx;

/* The fixed register holding the CPU state pointer (TEMP_FIXED). */
extern TCGv_ptr tcg_env;

/*
 * Added to every guest address by qemu_ld/qemu_st.  Defined weakly in
 * tcg/ so unit tests link on their own; linux-user may define it too.
 * Read at tcg_qemu_tb_exec entry (x86-64 keeps it in a register).
 */
extern uintptr_t guest_base;

/*
 * Called by translated code for an access that violates its MemOp
 * alignment policy, with the CPU env, the guest address, the MemOp and a
 * host pc usable with tcg_restore_state_from_host_pc.  Expected not to
 * return (it raises the guest fault and longjmps out); if it returns, the
 * access is performed unaligned.  NULL: abort().
 */
/*
 * Guest accesses are checked against guest_space_size (the size of the
 * host reservation at guest_base; 0: no check): the host may have
 * anything mapped at guest_base + addr beyond it, so such an access must
 * not be made.  Translated code calls tcg_bad_address_hook instead, with
 * the CPU env, the guest address, the MemOp and a host pc usable with
 * tcg_restore_state_from_host_pc.  Must not return (the front end raises
 * the guest fault and longjmps out).  NULL: abort().  An access that
 * starts below the bound and ends beyond it runs into the reservation's
 * guard pages and faults like any unmapped guest page.
 */
extern uint64_t guest_space_size;
extern void (*tcg_bad_address_hook)(void *env, uint64_t addr,
                                    MemOp mop, uintptr_t host_pc);
extern void (*tcg_unaligned_access_hook)(void *env, uint64_t addr,
                                         MemOp mop, uintptr_t host_pc);

/*
 * Called by translated code when a guard op's condition fails, with the
 * CPU env and a host pc usable with tcg_restore_state_from_host_pc.
 * Must not return (the front end longjmps out).  NULL: abort().
 */
extern void (*tcg_guard_hook)(void *env, uintptr_t host_pc);

/*
 * Used by tcg_gen_lookup_and_goto_ptr: given env (globals synced),
 * return the tc.ptr of the next TB to run, or NULL to leave
 * tcg_qemu_tb_exec with 0.  The front end installs it once.
 */
void tcg_set_lookup_tb_ptr(const void *(*fn)(void *env));

/*
 * For the optimizer's forwarding of host-memory loads and stores: only
 * env offsets in [lo, hi) may be reached through pointers other than
 * tcg_env (e.g. a register window pointer into an array of env).  A
 * store through another pointer then keeps what is known of env outside
 * that range, and a store to env outside it keeps what is known through
 * other pointers.  Default: all of env may be aliased.
 */
void tcg_set_env_alias_range(intptr_t lo, intptr_t hi);

/* ---------------------------------------------------------------------
 * Set-up and backends
 */
/*
 * Choose the code generator: "native" (x86-64, the default) or
 * "interp" (the portable IR interpreter).  If this is never called, the
 * environment variable QEMU_TCG_BACKEND (native|interp) decides at
 * tcg_init.  Switching after tcg_init affects TBs generated afterwards;
 * the caller must drop (and never run) TBs of the other backend.
 */
bool tcg_backend_select(const char *name, Error **errp);
bool tcg_backend_is_interp(void);
const char *tcg_backend_name(void);

/*
 * Create the global context: allocate a code buffer of @code_size bytes
 * (0: default 64 MiB), emit the prologue, create tcg_env.
 * @insn_start_words: words per tcg_gen_insn_start (1..3).
 */
bool tcg_init(size_t code_size, int insn_start_words, Error **errp);
/* Tear down (tests): unmaps the buffer, frees the context. */
void tcg_exit(void);

/* Start building the IR of a new TB: forgets temps, labels and ops. */
void tcg_func_start(TCGContext *s);
/* True when the front end should end the TB (op/temp space nearly used). */
bool tcg_op_buf_full(void);

/*
 * Optimize the IR and emit host code for @tb.  Fills tb->tc,
 * tb->jmp_*_offset and the insn data.  Returns the size of the code, -1
 * if the code buffer is full (flush everything with
 * tcg_code_buffer_reset and retry), or -2 if this TB is too large (retry
 * with fewer guest instructions).
 */
int tcg_gen_code(TCGContext *s, TranslationBlock *tb);

/* Forget all generated code (keeps the prologue).  The caller must have
 * dropped every TB and ensured no thread runs translated code. */
void tcg_code_buffer_reset(void);
size_t tcg_code_buffer_free(void);
/* In a forked child: a private copy of the code buffer at the same
   addresses (false, errno set: the child cannot go on). */
bool tcg_code_buffer_fork_child(void);

/* Print the current IR (as -d op / -d op_opt do). */
void tcg_dump_ops(TCGContext *s, FILE *f);

/* ---------------------------------------------------------------------
 * Execution, chaining and faults
 */
/*
 * Run translated code starting at @tb_ptr (a tb->tc.ptr) with @env in
 * the env register.  Returns the value of the exit_tb that left: the
 * TB pointer ORed with the exit index (0/1 for goto_tb slots, 2 =
 * TB_EXIT_REQUESTED), or 0 when a goto_ptr found no TB.
 */
uintptr_t tcg_qemu_tb_exec(void *env, const void *tb_ptr);

/* Chain goto_tb slot @n of @tb to host code @addr (a tc.ptr) / undo it.
 * Safe while other threads execute @tb. */
void tb_set_jmp_target(TranslationBlock *tb, int n, uintptr_t addr);
void tb_reset_jump(TranslationBlock *tb, int n);

/*
 * Fault handling.  A "search pc" identifies a point in translated code:
 * for a signal, pass the faulting host pc through tcg_signal_search_pc;
 * a helper uses GETPC().  Then find the TB with tcg_tb_lookup and the
 * guest instruction with tcg_restore_state_from_host_pc.
 */
/* Signal pc -> search pc, or 0 if the fault is not in translated code
 * (for the interpreter: not inside a guest memory access or helper). */
uintptr_t tcg_signal_search_pc(uintptr_t host_pc);
/* Helpers: the search pc of the call that invoked the current helper. */
uintptr_t tcg_helper_search_pc(uintptr_t return_address);
#define GETPC() tcg_helper_search_pc((uintptr_t)__builtin_return_address(0))

/*
 * Copy the insn_start words of the guest instruction containing
 * @search_pc into data[0..ndata-1].  False if @search_pc is not inside
 * @tb's code or precedes its first insn_start.
 */
bool tcg_restore_state_from_host_pc(TranslationBlock *tb, uintptr_t search_pc,
                                    uint64_t *data, int ndata);

/*
 * Host pc -> TB map.  The front end registers every TB after
 * tcg_gen_code and removes it when it drops the TB; tcg_code_buffer_reset
 * empties the map.  Thread-safe.
 */
void tcg_tb_insert(TranslationBlock *tb);
void tcg_tb_remove(TranslationBlock *tb);
TranslationBlock *tcg_tb_lookup(uintptr_t search_pc);

#endif
