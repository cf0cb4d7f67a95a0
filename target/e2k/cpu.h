/*
 * e2k CPU state, CPU models and the interface the execution loop and
 * linux-user see.
 *
 * Owns: CPUE2KState and its field layout (the translator addresses the
 * fields by offsetof), the model table, the syscall ABI accessors and the
 * exception codes.  Does not own: decoding (decode.h), guest memory
 * (exec/guest-memory.h), the TB cache (accel/tcg).
 *
 * Register file.  The architectural register file holds the windows of
 * the active procedures; older windows live in the procedure stack (PSP)
 * in guest memory.  We keep a large cache of the register stack in
 * env->rf: the current window starts at rf[wd_base] and env->wptr points
 * at it, so %rN is one host access at wptr + N * sizeof(E2KReg) and %b[N]
 * is one access at a translation-time offset (BR is part of the TB flags).
 * Calls move wd_base up by wbs*2; when a window would run past the end of
 * rf, the oldest registers are spilled to the procedure stack and the
 * cache slides down (helper.c), so spill/fill runs once per E2K_RF_SPILL
 * registers of call depth, not on every call.
 *
 * The predicate file is kept packed as CR0.lo holds it (two bits per
 * predicate), so a call saves it with one load and a return restores it
 * with one store; %predN is a shift and a mask at a bit position known
 * when translating (the rotation by BR.pcur is part of the TB flags).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_E2K_CPU_H
#define TARGET_E2K_CPU_H

#include <inttypes.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stddef.h>

#include "qemu/error.h"
#include "target/e2k/fpu.h"

/* One register: low 64 bits, high part (f80 exponent / upper 64 bits of a
   128-bit register on v5+), and the tag (2 bits per 32-bit half). */
typedef struct E2KReg {
    uint64_t lo;
    uint64_t hi;
    uint64_t tag;
    uint64_t pad;
} E2KReg;

#define E2K_REG_SHIFT     5             /* log2(sizeof(E2KReg)) */
#define E2K_RF_REGS       4096          /* register stack cache, registers */
#define E2K_MAX_WINDOW    256           /* largest window, registers */
#define E2K_RF_SPILL      1024          /* registers moved per spill/fill */
#define E2K_NR_GREGS      32
#define E2K_NR_PREDS      32

/* Tags (2 bits per 32-bit half). */
#define E2K_TAG_NUMBER     0
#define E2K_TAG_DIAG32     1            /* diagnostic value, one half */
#define E2K_TAG_DIAG64     5            /* diagnostic value, both halves */

/* BR (based register window + rotating predicates), packed as the
   hardware packs it; this exact value is the low part of the TB flags. */
#define BR_RBS_SHIFT   0      /* based area start, quad registers */
#define BR_RSZ_SHIFT   6      /* based area size - 1, quad registers */
#define BR_RCUR_SHIFT  12     /* rotation, quad registers */
#define BR_PSZ_SHIFT   18     /* rotating predicate area size - 1 */
#define BR_PCUR_SHIFT  23     /* predicate rotation */
#define BR_MASK        0x0fffffffu

/* TB flags. */
#define E2K_TBFLAG_BR_MASK  BR_MASK
/* A diagnostic value may exist (tags on, see e2k_tags_begin): the TB
   carries the tag code.  Set in env->tbflags_extra the first time a
   wide instruction is about to make one, never cleared, so until then
   every tag is zero and no tag code runs. */
#define E2K_TBFLAG_TAGS     (1u << 28)
/* One wide instruction whose speculative loads probe the page flags
   instead of loading directly (after such a load faulted there). */
#define E2K_TBFLAG_SPEC_SAFE (1u << 29)
/* BGR may be rotated: %g24..%g31 are resolved at run time (in
   env->tbflags_extra; set by abg and e2k_bgr_write, cleared only at
   reset, so it never depends on a value and a TB's exits all leave the
   same flags, which chaining needs). */
#define E2K_TBFLAG_BGR_ROT  (1u << 30)
/* One TB translated with a window-bounds check per wide instruction
   (instead of one at its entry for all of them), after that entry check
   failed; the TB clears it from env->tbflags_extra when it starts. */
#define E2K_TBFLAG_WIN_EXACT (1u << 31)

/* BGR (rotation of the global registers %g24..%g31): val 7:0, cur 10:8.
   %gN (N >= 24) is gregs[24 + (N - 24 + cur) % 8]. */
#define BGR_VAL_MASK   0xffu
#define BGR_CUR_SHIFT  8
#define BGR_MASK       0x7ffu
#define BGR_INIT       0xffu           /* cur 0, val 0xff */
#define E2K_GREG_ROT_FIRST 24

/* CTPR: base 0..47, tag 54..56, opc 57..58, ipd 59..60. */
#define CTPR_BASE_MASK  0x0000ffffffffffffULL
#define CTPR_TAG_SHIFT  54
#define CTPR_OPC_SHIFT  57
#define CTPR_IPD_SHIFT  59
#define CTPR_TAG_NONE   0
#define CTPR_TAG_RETURN 2
#define CTPR_TAG_DISP   3
#define CTPR_TAG_SDISP  5
/* Ours: an ALU write of a diagnostic value; a transfer through it is
   exc_diag_instr_addr (SIGILL, ILL_ILLADR). */
#define CTPR_TAG_DIAG   7

static inline int ctpr_tag(uint64_t ctpr)
{
    return (ctpr >> CTPR_TAG_SHIFT) & 7;
}

/* LSR layout (rrd/rwd %lsr). */
#define LSR_LCNT_SHIFT  0     /* 32 bits */
#define LSR_ECNT_SHIFT  32    /* 5 bits */
#define LSR_VLC_BIT     37
#define LSR_OVER_BIT    38
#define LSR_LDMC_BIT    39
#define LSR_LDOVL_SHIFT 40    /* 8 bits */
#define LSR_PCNT_SHIFT  48    /* 5 bits */
#define LSR_STRMD_SHIFT 53    /* 7 bits */

/* Chain stack frame (32 bytes in guest memory at PCSP.base + ind). */
#define E2K_CRS_SIZE    32
/* CR1.lo fields we use. */
#define CR1_LO_WFX_BIT    25
#define CR1_LO_WPSZ_SHIFT 26   /* 7 bits, quads */
#define CR1_LO_WBS_SHIFT  33   /* 7 bits, quads */
#define CR1_LO_PSR_SHIFT  57
/* CR1.hi fields. */
#define CR1_HI_BR_SHIFT   0    /* 28 bits */
#define CR1_HI_WDBL_BIT   35
#define CR1_HI_USSZ_SHIFT 36   /* 28 bits, 16-byte units */

/* What e2k_cpu_exec returns. */
enum {
    EXCP_NONE = 0,
    EXCP_SYSCALL = 1,      /* env->sys_wbs: window of the system call */
    EXCP_SIGNAL = 2,       /* env->exc_signal / exc_code / exc_addr */
    EXCP_EXIT = 3,         /* env->exit_status */
    EXCP_INTERRUPT = 4,    /* asynchronous stop request */
    EXCP_SPEC_RETRY = 5,   /* internal: rerun a bundle with safe ,sm loads */
};

typedef struct E2KModel {
    const char *name;
    int isa;               /* 2..7 */
    const char *desc;
} E2KModel;

/*
 * The array access unit (AAU; docs/devel/e2k-translator.md, "The array
 * access unit").  aaurr/aaurw read and write these registers, ldaa/staa
 * address memory through an AAD and an AASTI, and mova reads the elements
 * of the prefetch areas that bap set up from the fapb program at %ctpr2.
 * Areas 0..31 are the left halves of the program's entries (mova
 * channels 0 and 1), 32..63 the right halves (channels 2 and 3).
 */
#define E2K_AAU_AADS     32
#define E2K_AAU_AASTIS   16
#define E2K_AAU_AAINDS   16
#define E2K_AAU_AAINCRS  8
#define E2K_AAU_AREAS    64
/* AAD.lo: base 47:0, tag 56:54, mb 57, ed 58, rw 60:59; AAD.hi: size
   63:32.  AASR: stb 5, iab 6, lds 9:7. */
#define E2K_AAD_BASE_MASK   0x0000ffffffffffffULL
#define E2K_AAD_RW_SHIFT    59
#define E2K_AASR_STB        (1u << 5)
#define E2K_AASR_IAB        (1u << 6)
#define E2K_AASR_LDS_SHIFT  7
#define E2K_AASR_LDS_MASK   (7u << E2K_AASR_LDS_SHIFT)
#define E2K_AASR_ACTIVE     3
#define E2K_AASR_STOPPED    5

typedef struct E2KAauState {
    uint64_t aad_lo[E2K_AAU_AADS];
    uint64_t aad_hi[E2K_AAU_AADS];
    uint32_t aasti[E2K_AAU_AASTIS];    /* store/ldaa indices, bytes */
    uint32_t aaind[E2K_AAU_AAINDS];    /* initial indices; [0] is always 0 */
    uint32_t aaincr[E2K_AAU_AAINCRS];  /* increments; [0] reads as 1 and is
                                          never stored (use e2k_aau_incr) */
    uint32_t aasti_tags, aaind_tags, aaincr_tags;
    uint32_t aaldi[E2K_AAU_AREAS];     /* current index of each area */
    uint8_t aalda[E2K_AAU_AREAS];      /* area attributes (stored only) */
    uint64_t aaldv;                    /* bit N: area N is loaded */
    uint8_t aaldm[E2K_AAU_AREAS];      /* AALDM bit N, a byte each (so the
                                          am of area N is one store of 1) */
    uint32_t aasr;
    uint32_t aafstr;
    uint64_t apb[E2K_AAU_AREAS];       /* the fapb half of each area */
    uint64_t mova_diag;                /* helper_mova: 1 if unreadable */
    uint64_t mova_hi;                  /* helper_mova: movaqp's upper half */
    /* What ldaa/staa, mova and am need, derived from apb, aaldv, aad_lo
       and aaincr by e2k_aau_refresh_areas (aau_helper.c) whenever those
       change, so the translated loop reads one field for each: */
    uint64_t aad_base[E2K_AAU_AADS];   /* AAD.base, bits 47:0 of aad_lo */
    uint64_t area_base[E2K_AAU_AREAS]; /* AAD[d].base of the area */
    uint32_t area_step[E2K_AAU_AREAS]; /* bytes one am adds to AALDI */
    uint8_t area_fmt[E2K_AAU_AREAS];   /* fmt of a loaded area, else 0 */
} E2KAauState;

static inline uint32_t e2k_aau_incr(const E2KAauState *aau, int n)
{
    return n == 0 ? 1 : aau->aaincr[n];
}

typedef struct CPUE2KState {
    /* Hot fields first: the translator reaches them with small offsets. */
    E2KReg *wptr;          /* &rf[wd_base] */
    uint64_t ip;           /* address of the next wide instruction */
    uint32_t br;           /* BR, packed (see BR_*) */
    uint32_t tbflags_extra;/* flags beyond BR (tags=on, BGR rotated) */
    uint32_t bgr;          /* BGR (BGR_*); write it with e2k_bgr_write */

    /* Loop status, unpacked for cheap access from translated code. */
    uint32_t lsr_lcnt;
    uint32_t lsr_ecnt;
    uint32_t lsr_vlc;
    uint32_t lsr_over;
    uint32_t lsr_pcnt;
    uint32_t lsr_strmd;
    uint32_t lsr_ldmc;
    uint32_t lsr_ldovl;
    uint64_t ilcr;

    uint64_t ctpr[3];      /* %ctpr1..3 */
    uint64_t pf;           /* predicate file: %predN is bit 2N, its
                              diagnostic tag bit 2N+1 (CR0.lo layout) */

    /* Window descriptor, in registers. */
    uint32_t wd_base;      /* index of %r0 in rf */
    uint32_t wd_size;
    uint32_t wd_psize;
    uint32_t wd_fx;
    uint32_t wdbl;
    uint64_t rf_spilled;   /* registers of the register stack below rf[0],
                              i.e. already in the procedure stack */
    /* The nonzero tags of spilled registers, by absolute register index
       (a GHashTable, NULL: none): the procedure stack in guest memory
       has no room for them (the hardware keeps them out of the
       program's sight), so a spill keeps them here and a fill takes
       them back. */
    void *spill_tags;

    /* State registers (user-visible ones read back through rrd). */
    uint64_t psr;
    uint64_t upsr;
    uint64_t cr0_lo, cr0_hi, cr1_lo, cr1_hi;
    uint64_t psp_base, psp_size;     /* procedure stack area */
    uint64_t pcsp_base, pcsp_size;   /* chain stack area */
    uint64_t pcsp_ind;               /* bytes of chain stack in use */
    uint64_t usd_lo, usd_hi;
    uint64_t sbr;
    E2KFpuState fpu;                 /* PFPFR, FPCR, FPSR (fpu.h) */
    /* vec_helper.c scratch: the 128-bit sources ([i][0] the low half)
       and result of a helper_qpop call, live only within one call. */
    struct {
        uint64_t src[3][2];
        uint64_t dst[2];
    } vec;
    uint64_t idr, core_mode, clkr_base;
    uint64_t cuir, osr0, rpr;

    /* Model. */
    int isa;
    const E2KModel *model;
    bool tags_on;          /* -cpu ...,tags=on (the default) */

    /* Exceptions / events. */
    int exception;         /* EXCP_* of the last exit */
    int exc_signal;        /* guest signal number for EXCP_SIGNAL */
    int exc_code;          /* si_code */
    /* The mnemonic of the operation a SIGILL was raised for because we do
       not implement it (NULL: another cause), and its wide instruction:
       reported when the guest dies of it. */
    const char *unimp_op;
    uint64_t unimp_pc;
    uint64_t exc_addr;     /* si_addr */
    int exit_status;
    uint32_t sys_wbs;      /* window shift of the system call, registers */
    uint32_t sys_trap;     /* its entry: 3 system call, 6 fast call */
    /* Speculative loads run as plain host loads; when one faults, the
       wide instruction (whose insn_start data says it has ,sm loads) is
       rerun once from spec_retry_pc with page-checking loads. */
    int fault_in_spec;
    uint64_t spec_retry_pc;
    uint64_t spec_diag;    /* helper_ld_spec: 1 when the load failed */
    /* The "wait" memory lock of a locking load (MAS mode 7, ALC0/3): its
       address (-1: none), size log2 and the value it read; a conditional
       store (MAS mode 2) succeeds only if the location still holds it
       (compare-and-swap), else %MLOCK reports the lock lost. */
    uint64_t lock_addr;
    uint64_t lock_val;
    uint32_t lock_size;
    volatile int exit_request;
    sigjmp_buf jmp_env;

    /* Per-CPU TB jump cache (accel/tcg). */
    void *tb_jmp_cache;
    /* accel/tcg/cpus.c: executing translated code; counted by the
       pending exclusive section. */
    bool running;
    bool has_waiter;
    bool single_step;      /* one wide instruction per TB */
    bool no_chain;
    /* Tests and fuzzing: when nonzero, leave with EXCP_INTERRUPT after
       this many more TBs entered from the loop (use with no_chain). */
    uint64_t tb_budget;

    E2KAauState aau;

    E2KReg gregs[E2K_NR_GREGS];
    E2KReg rf[E2K_RF_REGS];
} CPUE2KState;

/*
 * The CPU of a new guest thread (clone with CLONE_VM): a copy of
 * @parent's state whose register stack holds only the current window
 * and whose chain stack is empty; the caller gives it its own hardware
 * stacks (psp_base/pcsp_base) and user stack.  Listed like e2k_cpu_new.
 */
CPUE2KState *e2k_cpu_copy_for_thread(const CPUE2KState *parent);

/* Models. */
const E2KModel *e2k_cpu_model_find(const char *name);
const E2KModel *e2k_cpu_model_for_isa(int isa);
void e2k_cpu_list(FILE *f);

/* "model[,tags=on|off]"; NULL or "" picks isa_from_elf's model, else e8c. */
CPUE2KState *e2k_cpu_new(const char *cpu_model_with_props, int isa_from_elf,
                         Error **errp);
void e2k_cpu_free(CPUE2KState *env);

void e2k_cpu_reset_for_exec(CPUE2KState *env, uint64_t entry, uint64_t sp,
                            uint64_t stack_base, uint64_t stack_size,
                            uint64_t psp_base, uint64_t psp_size,
                            uint64_t pcsp_base, uint64_t pcsp_size);

/* Run translated code until an event (EXCP_*).  accel/tcg/cpu-exec.c. */
int e2k_cpu_exec(CPUE2KState *env);
/* -perfmap: name translated code for perf in /tmp/perf-<pid>.map
   (accel/tcg/tb-maint.c). */
bool tb_perfmap_open(Error **errp);
/* Host code of the TB for env's ip and flags, NULL when it must be
   translated first or the loop must run (exit request).  Translated
   code jumps there (goto_ptr); helpers that end a TB may return it. */
const void *e2k_next_tb_ptr(CPUE2KState *env);
/* Ask a running e2k_cpu_exec to return EXCP_INTERRUPT soon. */
void e2k_cpu_exit_request(CPUE2KState *env);

/* System call ABI: number in the callee's %r0, arguments in %dr1..%dr6,
   result in the callee's %dr0 (the callee window starts sys_wbs above
   ours).  After e2k_syscall_return execution continues after the call. */
void e2k_syscall_args(CPUE2KState *env, uint64_t *nr, uint64_t args[6]);
void e2k_syscall_return(CPUE2KState *env, int64_t ret);

/* Register access by architectural number (0..wd_size-1). */
uint64_t e2k_reg_read(CPUE2KState *env, int n);
void e2k_reg_write(CPUE2KState *env, int n, uint64_t v);

/* Write every register of the register stack cache to the procedure
   stack (flushr) and return the procedure stack bytes in use. */
uint64_t e2k_flush_reg_stack(CPUE2KState *env);

/* Signal delivery and return (linux-user), outside translated code:
   e2k_rf_reserve spills the oldest registers when a full window would
   not fit above wd_base (false: the procedure stack is full);
   e2k_rf_reach fills the register cache back until register-stack slot
   @abs_index (counted from the bottom of the procedure stack) is in it,
   and says whether a full window from there fits. */
bool e2k_rf_reserve(CPUE2KState *env);
bool e2k_rf_reach(CPUE2KState *env, uint64_t abs_index);

void e2k_cpu_dump_state(CPUE2KState *env, FILE *f);

/* Host fault -> guest state (accel/tcg).  True when host_pc was inside
   translated code; env->ip then names the faulting wide instruction. */
bool cpu_restore_state_from_host_pc(CPUE2KState *env, uintptr_t host_pc);

/* Raise a guest signal from a helper: unwinds to e2k_cpu_exec.
   @pc: the wide instruction at fault (its state is as before it). */
void e2k_raise_signal(CPUE2KState *env, int sig, int code, uint64_t addr,
                      uint64_t pc) __attribute__((noreturn));
/* Tags on, none diagnostic yet (E2K_TBFLAG_TAGS clear), and the wide
   instruction at @pc, of which nothing is done yet, is about to make a
   diagnostic value: set the flag and rerun it with the tag code. */
void e2k_tags_begin(CPUE2KState *env, uint64_t pc) __attribute__((noreturn));
/* Leave translated code with event @excp (env->ip already set). */
void e2k_cpu_loop_exit(CPUE2KState *env, int excp) __attribute__((noreturn));

/* Set BGR (rws %bgr, signal return): every write from outside the
   translator sets E2K_TBFLAG_BGR_ROT for good (see there). */
static inline void e2k_bgr_write(CPUE2KState *env, uint32_t v)
{
    env->bgr = v & BGR_MASK;
    env->tbflags_extra |= E2K_TBFLAG_BGR_ROT;
}

/* Window helpers shared by helper.c and cpu.c. */
void e2k_set_wptr(CPUE2KState *env);

#endif
