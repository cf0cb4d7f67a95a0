/*
 * e2k runtime helpers: procedure calls and returns (window shift, chain
 * stack, register-stack spill/fill), setwd, state registers, division,
 * speculative loads and guest signals.
 *
 * Chain stack frame layout (32 bytes at PCSP.base + ind, as the e2k
 * kernel shows it): +0 CR0.lo (predicate file), +8 CR0.hi (return ip),
 * +16 CR1.lo (wbs, wpsz, wfx, psr), +24 CR1.hi (br, wdbl, ussz).
 *
 * Procedure stack layout: the register stack is spilled in pairs, 32
 * bytes per two registers: lo(2k), lo(2k+1), hi(2k), hi(2k+1).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <glib.h>

#include "qemu/bswap.h"
#include "qemu/log.h"
#include "qemu/bitops.h"
#include "exec/guest-memory.h"
#include "target/e2k/cpu.h"
#include "target/e2k/helper.h"
#include "target/e2k/fpu_helper.h"

void e2k_set_wptr(CPUE2KState *env)
{
    env->wptr = &env->rf[env->wd_base];
}

void helper_raise(CPUE2KState *env, uint32_t sig, uint32_t code,
                  uint64_t pc)
{
    e2k_raise_signal(env, sig, code, pc, pc);
}

void helper_tags_begin(CPUE2KState *env, uint64_t pc)
{
    e2k_tags_begin(env, pc);
}

void helper_unimp(CPUE2KState *env, uint64_t name, uint64_t pc)
{
    env->unimp_op = (const char *)(uintptr_t)name;
    env->unimp_pc = pc;
    e2k_raise_signal(env, E2K_SIGILL, E2K_ILL_ILLOPC, pc, pc);
}

/*
 * UPSR.ac (bit 2: the kernel's E2K_KERNEL_UPSR_ENABLED_ASM is 0xa1
 * without it and 0xa5 with it) makes a misaligned access trap.  Linux
 * starts every user thread with it clear (OpenE2K/linux,
 * arch/e2k/include/asm/system.h, E2K_USER_INITIAL_UPSR), so misaligned
 * accesses succeed, as ours do; a program that sets it would get the
 * trap, which we do not model, so the write is refused instead.
 */
#define UPSR_AC 0x4

void helper_upsr_check(CPUE2KState *env, uint64_t value, uint64_t pc)
{
    if (value & UPSR_AC) {
        helper_unimp(env, (uintptr_t)"rws %upsr setting UPSR.ac", pc);
    }
}

uint64_t e2k_pack_preds(const CPUE2KState *env)
{
    return env->pf;
}

void e2k_unpack_preds(CPUE2KState *env, uint64_t pf)
{
    env->pf = pf;
}

/* Procedure stack address of register-stack slot @n (0 = oldest). */
static uint64_t psp_slot_addr(const CPUE2KState *env, uint64_t n)
{
    return env->psp_base + (n / 2) * 32 + (n & 1) * 8;
}

static bool psp_range_ok(const CPUE2KState *env, uint64_t first,
                         uint64_t count)
{
    uint64_t end = (first + count + 1) / 2 * 32;

    return end <= env->psp_size &&
           guest_range_valid(env->psp_base, env->psp_size);
}

/* Record the tag of spilled register @idx (absolute index). */
static void spill_tag_put(CPUE2KState *env, uint64_t idx, uint64_t tag)
{
    if (tag) {
        if (!env->spill_tags) {
            env->spill_tags = g_hash_table_new(NULL, NULL);
        }
        g_hash_table_insert(env->spill_tags, GSIZE_TO_POINTER(idx),
                            GSIZE_TO_POINTER(tag));
    } else if (env->spill_tags) {
        g_hash_table_remove(env->spill_tags, GSIZE_TO_POINTER(idx));
    }
}

/* The tag of spilled register @idx, which is being filled. */
static uint64_t spill_tag_take(CPUE2KState *env, uint64_t idx)
{
    gpointer tag;

    if (!env->spill_tags ||
        !g_hash_table_steal_extended(env->spill_tags, GSIZE_TO_POINTER(idx),
                                     NULL, &tag)) {
        return 0;
    }
    return GPOINTER_TO_SIZE(tag);
}

/* Move the oldest @n cached registers to the procedure stack; false
   (and nothing moved) when the procedure stack cannot take them. */
static bool rf_spill_try(CPUE2KState *env, uint32_t n)
{
    uint32_t i;

    if (n > env->wd_base) {
        n = env->wd_base & ~1u;
    }
    if (!psp_range_ok(env, env->rf_spilled, n)) {
        return false;
    }
    for (i = 0; i < n; i++) {
        uint64_t a = psp_slot_addr(env, env->rf_spilled + i);

        stq_le_p(g2h(a), env->rf[i].lo);
        stq_le_p(g2h(a + 16), env->rf[i].hi);
        spill_tag_put(env, env->rf_spilled + i, env->rf[i].tag);
    }
    memmove(&env->rf[0], &env->rf[n],
            (E2K_RF_REGS - n) * sizeof(E2KReg));
    env->rf_spilled += n;
    env->wd_base -= n;
    e2k_set_wptr(env);
    return true;
}

static void rf_spill(CPUE2KState *env, uint32_t n, uint64_t pc)
{
    if (!rf_spill_try(env, n)) {
        e2k_raise_signal(env, E2K_SIGSEGV, E2K_SEGV_MAPERR,
                         env->psp_base + env->psp_size, pc);
    }
}

/* Bring back @n registers from the procedure stack below rf[0]. */
static void rf_fill(CPUE2KState *env, uint32_t n)
{
    uint32_t i;

    if (n > env->rf_spilled) {
        n = env->rf_spilled;
    }
    memmove(&env->rf[n], &env->rf[0],
            (E2K_RF_REGS - n) * sizeof(E2KReg));
    env->rf_spilled -= n;
    for (i = 0; i < n; i++) {
        uint64_t a = psp_slot_addr(env, env->rf_spilled + i);

        env->rf[i].lo = ldq_le_p(g2h(a));
        env->rf[i].hi = ldq_le_p(g2h(a + 16));
        env->rf[i].tag = spill_tag_take(env, env->rf_spilled + i);
    }
    env->wd_base += n;
    e2k_set_wptr(env);
}

bool e2k_rf_reserve(CPUE2KState *env)
{
    if (env->wd_base + E2K_MAX_WINDOW > E2K_RF_REGS) {
        return rf_spill_try(env, E2K_RF_SPILL);
    }
    return true;
}

bool e2k_rf_reach(CPUE2KState *env, uint64_t abs_index)
{
    while (abs_index < env->rf_spilled) {
        uint64_t n = env->rf_spilled - abs_index;

        rf_fill(env, n < E2K_RF_SPILL ? (uint32_t)n : E2K_RF_SPILL);
    }
    return abs_index - env->rf_spilled + E2K_MAX_WINDOW <= E2K_RF_REGS;
}

uint64_t e2k_flush_reg_stack(CPUE2KState *env)
{
    uint64_t top = env->rf_spilled + env->wd_base + env->wd_size;
    uint32_t i;

    if (psp_range_ok(env, env->rf_spilled, env->wd_base + env->wd_size)) {
        for (i = 0; i < env->wd_base + env->wd_size; i++) {
            uint64_t a = psp_slot_addr(env, env->rf_spilled + i);

            stq_le_p(g2h(a), env->rf[i].lo);
            stq_le_p(g2h(a + 16), env->rf[i].hi);
        }
    }
    return (top + 1) / 2 * 32;
}

void helper_flushr(CPUE2KState *env)
{
    e2k_flush_reg_stack(env);
}

static void ctprs_reset(CPUE2KState *env)
{
    env->ctpr[0] = env->ctpr[1] = env->ctpr[2] = 0;
}

void helper_call_check(CPUE2KState *env, uint64_t ctpr, uint32_t wbs,
                       uint64_t pc)
{
    int tag = ctpr_tag(ctpr);

    if (tag == CTPR_TAG_DIAG) {
        e2k_raise_signal(env, E2K_SIGILL, E2K_ILL_ILLADR, pc, pc);
    }
    if (tag != CTPR_TAG_SDISP && tag != CTPR_TAG_DISP) {
        e2k_raise_signal(env, E2K_SIGILL, E2K_ILL_ILLOPC, pc, pc);
    }
    if (wbs > env->wd_size) {
        e2k_raise_signal(env, E2K_SIGILL, E2K_ILL_ILLOPN, pc, pc);
    }
    if (tag == CTPR_TAG_DISP &&
        env->pcsp_ind + 2 * E2K_CRS_SIZE > env->pcsp_size) {
        e2k_raise_signal(env, E2K_SIGSEGV, E2K_SEGV_MAPERR,
                         env->pcsp_base + env->pcsp_size, pc);
    }
}

void helper_ct_check(CPUE2KState *env, uint32_t idx, uint64_t ctpr,
                     uint64_t pc)
{
    switch (ctpr_tag(ctpr)) {
    case CTPR_TAG_DISP:
        return;
    case CTPR_TAG_RETURN:
        if (idx == 2) {
            if (env->pcsp_ind < E2K_CRS_SIZE) {
                e2k_raise_signal(env, E2K_SIGSEGV, E2K_SEGV_MAPERR, 0, pc);
            }
            return;
        }
        break;
    case CTPR_TAG_DIAG:
        e2k_raise_signal(env, E2K_SIGILL, E2K_ILL_ILLADR, pc, pc);
    default:
        break;
    }
    e2k_raise_signal(env, E2K_SIGILL, E2K_ILL_ILLOPC, pc, pc);
}

void helper_call(CPUE2KState *env, uint64_t ctpr, uint32_t wbs,
                 uint64_t next, uint64_t pc)
{
    uint64_t frame;
    uint8_t *p;

    /* (translated code has normally made these tests already, before
       the wide instruction's stores) */
    helper_call_check(env, ctpr, wbs, pc);
    if (ctpr_tag(ctpr) == CTPR_TAG_SDISP) {
        /* The system call gate: the kernel's window starts wbs above;
           the sdisp's operand says which entry (3 or 6, fast). */
        env->sys_wbs = wbs;
        env->sys_trap = ((ctpr & CTPR_BASE_MASK) >> 11) & 0x0fffffff;
        env->ip = next;
        e2k_cpu_loop_exit(env, EXCP_SYSCALL);
    }
    if (env->wd_base + wbs + E2K_MAX_WINDOW > E2K_RF_REGS) {
        rf_spill(env, E2K_RF_SPILL, pc);
    }

    env->pcsp_ind += E2K_CRS_SIZE;
    frame = env->pcsp_base + env->pcsp_ind;
    p = g2h(frame);
    stq_le_p(p, e2k_pack_preds(env));
    stq_le_p(p + 8, next);
    stq_le_p(p + 16, ((uint64_t)(wbs / 2) << CR1_LO_WBS_SHIFT) |
             ((uint64_t)(env->wd_psize / 2) << CR1_LO_WPSZ_SHIFT) |
             ((uint64_t)(env->wd_fx & 1) << CR1_LO_WFX_BIT) |
             ((env->psr & 0x7f) << CR1_LO_PSR_SHIFT));
    stq_le_p(p + 24, (uint64_t)(env->br & BR_MASK) |
             ((uint64_t)(env->wdbl & 1) << CR1_HI_WDBL_BIT) |
             (((env->usd_hi >> 32) >> 4) << CR1_HI_USSZ_SHIFT));

    env->wd_base += wbs;
    env->wd_size -= wbs;
    env->wd_psize = env->wd_size;
    env->wd_fx = 1;
    e2k_set_wptr(env);
    /* BR is left as it is: the callee sets up its own with setbn */
    ctprs_reset(env);
    env->ip = ctpr & CTPR_BASE_MASK;
}

/*
 * A return gives the caller back its user stack: the call saved the
 * stack's free size (CR1.hi.ussz, 16-byte units), and the stack pointer
 * moves up by what the callee took, so whatever it took with getsp is
 * released (base - size, the stack's limit, does not change).
 */
void e2k_restore_usd(CPUE2KState *env, uint64_t cr1_hi)
{
    uint64_t size = extract64(cr1_hi, CR1_HI_USSZ_SHIFT, 28) << 4;
    uint64_t base = (env->usd_lo & CTPR_BASE_MASK) + size -
                    (env->usd_hi >> 32);

    env->usd_lo = (env->usd_lo & ~CTPR_BASE_MASK) | (base & CTPR_BASE_MASK);
    env->usd_hi = (env->usd_hi & 0xffffffffULL) | (size << 32);
}

uint64_t helper_prep_return(CPUE2KState *env, uint64_t pc)
{
    uint64_t ret_ip;

    if (env->pcsp_ind < E2K_CRS_SIZE) {
        /* Nothing to return to: the kernel would kill the process. */
        return 0;
    }
    ret_ip = ldq_le_p(g2h(env->pcsp_base + env->pcsp_ind + 8));
    return (ret_ip & CTPR_BASE_MASK & ~7ULL) |
           ((uint64_t)CTPR_TAG_RETURN << CTPR_TAG_SHIFT);
}

/*
 * A return whose caller's window (the frame's wbs) is more than the
 * register cache below WD.base and the procedure stack under it hold
 * (only a chain stack rewritten by the program gets there) cannot fill
 * it: SIGSEGV at the return, as helper_return would raise it after the
 * wide instruction's stores.  (A fill moves up to E2K_RF_SPILL
 * registers, more than any wbs.)
 */
void helper_return_check(CPUE2KState *env, uint64_t pc)
{
    uint64_t cr1_lo;
    uint32_t wbs;

    if (env->pcsp_ind < E2K_CRS_SIZE) {
        e2k_raise_signal(env, E2K_SIGSEGV, E2K_SEGV_MAPERR, 0, pc);
    }
    cr1_lo = ldq_le_p(g2h(env->pcsp_base + env->pcsp_ind + 16));
    wbs = extract64(cr1_lo, CR1_LO_WBS_SHIFT, 7) * 2;
    if ((uint64_t)env->wd_base + env->rf_spilled < wbs) {
        e2k_raise_signal(env, E2K_SIGSEGV, E2K_SEGV_MAPERR, 0, pc);
    }
}

void helper_return(CPUE2KState *env, uint64_t pc)
{
    uint8_t *p;
    uint64_t cr0_lo, cr0_hi, cr1_lo, cr1_hi;
    uint32_t wbs, psize;

    if (env->pcsp_ind < E2K_CRS_SIZE) {
        e2k_raise_signal(env, E2K_SIGSEGV, E2K_SEGV_MAPERR, 0, pc);
    }
    p = g2h(env->pcsp_base + env->pcsp_ind);
    cr0_lo = ldq_le_p(p);
    cr0_hi = ldq_le_p(p + 8);
    cr1_lo = ldq_le_p(p + 16);
    cr1_hi = ldq_le_p(p + 24);
    wbs = extract64(cr1_lo, CR1_LO_WBS_SHIFT, 7) * 2;
    psize = extract64(cr1_lo, CR1_LO_WPSZ_SHIFT, 7) * 2;

    if (env->wd_base < wbs) {
        rf_fill(env, E2K_RF_SPILL);
        if (env->wd_base < wbs) {
            e2k_raise_signal(env, E2K_SIGSEGV, E2K_SEGV_MAPERR, 0, pc);
        }
    }
    env->pcsp_ind -= E2K_CRS_SIZE;
    env->wd_base -= wbs;
    env->wd_size = env->wd_psize + wbs;
    env->wd_psize = psize;
    env->wd_fx = (cr1_lo >> CR1_LO_WFX_BIT) & 1;
    env->wdbl = (cr1_hi >> CR1_HI_WDBL_BIT) & 1;
    env->br = extract64(cr1_hi, CR1_HI_BR_SHIFT, 28);
    e2k_restore_usd(env, cr1_hi);
    e2k_unpack_preds(env, cr0_lo);
    e2k_set_wptr(env);
    ctprs_reset(env);
    env->ip = cr0_hi & ~7ULL;
}

void helper_ct_indirect(CPUE2KState *env, uint32_t idx, uint64_t pc)
{
    uint64_t ctpr = env->ctpr[idx];

    helper_ct_check(env, idx, ctpr, pc);
    if (ctpr_tag(ctpr) == CTPR_TAG_DISP) {
        env->ip = ctpr & CTPR_BASE_MASK;
    } else {
        helper_return(env, pc);         /* %ctpr3 holding a return */
    }
}

const void *helper_ct_goto(CPUE2KState *env, uint32_t idx, uint64_t pc)
{
    helper_ct_indirect(env, idx, pc);
    return e2k_next_tb_ptr(env);
}

void helper_setwd(CPUE2KState *env, uint32_t size, uint32_t nfx,
                  uint32_t dbl, uint64_t pc)
{
    if (size < env->wd_psize || size > E2K_MAX_WINDOW || size == 0) {
        e2k_raise_signal(env, E2K_SIGILL, E2K_ILL_ILLOPN, pc, pc);
    }
    if (env->wd_base + E2K_MAX_WINDOW > E2K_RF_REGS) {
        rf_spill(env, E2K_RF_SPILL, pc);
    }
    /* Registers that come into the window keep whatever value and tag
       they held, as on hardware. */
    env->wd_size = size;
    env->wd_fx = nfx == 0;
    env->wdbl = dbl;
}

/* State register numbers (rrs/rrd/rws/rwd). */
enum {
    SR_PSR = 0x00, SR_WD = 0x01, SR_PSP_HI = 0x07, SR_PSP_LO = 0x09,
    SR_PCSP_HI = 0x0d, SR_PCSP_LO = 0x0f, SR_PCSHTP = 0x13,
    SR_SBR = 0x1e, SR_USD_HI = 0x2c, SR_USD_LO = 0x2d,
    SR_CR0_HI = 0x51, SR_CR0_LO = 0x53, SR_CR1_HI = 0x55, SR_CR1_LO = 0x57,
    SR_UPSR = 0x80, SR_IP = 0x81, SR_NIP = 0x82, SR_LSR = 0x83,
    SR_PFPFR = 0x84, SR_FPCR = 0x85, SR_FPSR = 0x86, SR_ILCR = 0x87,
    SR_BR = 0x88, SR_BGR = 0x89, SR_IDR = 0x8a, SR_CLKR = 0x90,
    SR_RNDPR = 0x91, SR_SCLKR = 0x92, SR_CORE_MODE = 0x9f,
    SR_LSR1 = 0xc3, SR_ILCR1 = 0xc7,
};

static uint64_t lsr_pack(const CPUE2KState *env)
{
    return (uint64_t)env->lsr_lcnt |
           ((uint64_t)(env->lsr_ecnt & 0x1f) << LSR_ECNT_SHIFT) |
           ((uint64_t)(env->lsr_vlc & 1) << LSR_VLC_BIT) |
           ((uint64_t)(env->lsr_over & 1) << LSR_OVER_BIT) |
           ((uint64_t)(env->lsr_ldmc & 1) << LSR_LDMC_BIT) |
           ((uint64_t)(env->lsr_ldovl & 0xff) << LSR_LDOVL_SHIFT) |
           ((uint64_t)(env->lsr_pcnt & 0x1f) << LSR_PCNT_SHIFT) |
           ((uint64_t)(env->lsr_strmd & 0x7f) << LSR_STRMD_SHIFT);
}

static void lsr_unpack(CPUE2KState *env, uint64_t v)
{
    env->lsr_lcnt = (uint32_t)v;
    env->lsr_ecnt = extract64(v, LSR_ECNT_SHIFT, 5);
    env->lsr_vlc = extract64(v, LSR_VLC_BIT, 1);
    env->lsr_over = extract64(v, LSR_OVER_BIT, 1);
    env->lsr_ldmc = extract64(v, LSR_LDMC_BIT, 1);
    env->lsr_ldovl = extract64(v, LSR_LDOVL_SHIFT, 8);
    env->lsr_pcnt = extract64(v, LSR_PCNT_SHIFT, 5);
    env->lsr_strmd = extract64(v, LSR_STRMD_SHIFT, 7);
}

static uint64_t crs_field(CPUE2KState *env, int off)
{
    if (env->pcsp_ind < E2K_CRS_SIZE) {
        return 0;
    }
    return ldq_le_p(g2h(env->pcsp_base + env->pcsp_ind + off));
}

uint64_t helper_rrd(CPUE2KState *env, uint32_t sreg, uint64_t pc)
{
    switch (sreg) {
    case SR_PSR:
        return env->psr;
    case SR_WD:
        return (((uint64_t)env->wd_base * 8) & 0x7ff) |
               ((uint64_t)(env->wd_size * 8) << 16) |
               ((uint64_t)(env->wd_psize * 8) << 32) |
               ((uint64_t)(env->wd_fx & 1) << 48);
    case SR_PSP_LO:
        return (env->psp_base & CTPR_BASE_MASK) | (3ULL << 59);
    case SR_PSP_HI:
        return ((env->psp_size & 0xffffffffULL) << 32) |
               (((env->rf_spilled + env->wd_base + 1) / 2 * 32) &
                0xffffffffULL);
    case SR_PCSP_LO:
        return (env->pcsp_base & CTPR_BASE_MASK) | (3ULL << 59);
    case SR_PCSP_HI:
        return ((env->pcsp_size & 0xffffffffULL) << 32) |
               (env->pcsp_ind & 0xffffffffULL);
    case SR_PCSHTP:
        return 0;
    case SR_SBR:
        return env->sbr;
    case SR_USD_HI:
        return env->usd_hi;
    case SR_USD_LO:
        return env->usd_lo;
    case SR_CR0_LO:
        return crs_field(env, 0);
    case SR_CR0_HI:
        return crs_field(env, 8);
    case SR_CR1_LO:
        return crs_field(env, 16);
    case SR_CR1_HI:
        return crs_field(env, 24);
    case SR_UPSR:
        return env->upsr;
    case SR_IP:
        return pc;
    case SR_LSR:
    case SR_LSR1:
        return lsr_pack(env);
    case SR_ILCR:
    case SR_ILCR1:
        return env->ilcr;
    case SR_PFPFR:
        e2k_fpu_sync_flags(env);    /* flags of inline operations */
        return env->fpu.pfpfr;
    case SR_FPCR:
        return env->fpu.fpcr;
    case SR_FPSR:
        return env->fpu.fpsr;
    case SR_BR:
        return env->br;
    case SR_BGR:
        return env->bgr;
    case SR_IDR:
        return env->idr;
    case SR_CLKR:
    case SR_SCLKR:
        return (uint64_t)g_get_monotonic_time() * 1000;
    case SR_RNDPR:
        return g_random_int() | ((uint64_t)g_random_int() << 32);
    case SR_CORE_MODE:
        return env->core_mode;
    default:
        e2k_raise_signal(env, E2K_SIGILL, E2K_ILL_PRVOPC, pc, pc);
    }
}

bool e2k_sreg_user_writable(uint32_t sreg)
{
    switch (sreg) {
    case SR_UPSR: case SR_LSR: case SR_LSR1: case SR_ILCR: case SR_ILCR1:
    case SR_PFPFR: case SR_FPCR: case SR_FPSR: case SR_BGR:
        return true;
    default:
        return false;
    }
}

void helper_rwd(CPUE2KState *env, uint32_t sreg, uint64_t value,
                uint64_t pc)
{
    switch (sreg) {
    case SR_UPSR:
        env->upsr = value & 0xffffffffULL;
        break;
    case SR_LSR:
    case SR_LSR1:
        lsr_unpack(env, value);
        break;
    case SR_ILCR:
    case SR_ILCR1:
        env->ilcr = value;
        break;
    case SR_PFPFR:
        e2k_fpu_discard_flags();    /* overwritten, as PFPFR's own */
        env->fpu.pfpfr = value & PFPFR_WRITABLE;
        break;
    case SR_FPCR:
        env->fpu.fpcr = (value & FPCR_WRITABLE) | 0x40;
        break;
    case SR_FPSR:
        env->fpu.fpsr = value & FPSR_WRITABLE;
        break;
    case SR_BGR:
        e2k_bgr_write(env, value);
        break;
    default:
        /* Privileged or read-only from user mode. */
        e2k_raise_signal(env, E2K_SIGILL, E2K_ILL_PRVOPC, pc, pc);
    }
}

/*
 * getsp moves the stack pointer (USD.lo.base) by @delta and the free
 * size below it (USD.hi.size) with it: the stack occupies
 * [base - size, base), and its limit only moves when the kernel grows
 * the stack (which adds to USD.hi.size and to every saved CR1.hi.ussz;
 * OpenE2K's linux, fix_all_user_stack_pt_regs).
 */
uint64_t helper_getsp(CPUE2KState *env, uint64_t delta)
{
    int64_t d = (int32_t)delta & ~0xfLL;
    uint64_t base = (env->usd_lo & CTPR_BASE_MASK) + d;
    uint64_t size = (env->usd_hi >> 32) + d;

    env->usd_lo = (env->usd_lo & ~CTPR_BASE_MASK) | (base & CTPR_BASE_MASK);
    env->usd_hi = (env->usd_hi & 0xffffffffULL) | (size << 32);
    return base & CTPR_BASE_MASK;
}

static void div_zero(CPUE2KState *env, uint64_t pc)
{
    e2k_raise_signal(env, E2K_SIGFPE, E2K_FPE_INTDIV, pc, pc);
}

uint64_t helper_udivd(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t pc)
{
    if (b == 0) {
        div_zero(env, pc);
    }
    return a / b;
}

uint64_t helper_sdivd(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t pc)
{
    if (b == 0) {
        div_zero(env, pc);
    }
    if ((int64_t)a == INT64_MIN && (int64_t)b == -1) {
        return a;
    }
    return (uint64_t)((int64_t)a / (int64_t)b);
}

uint64_t helper_umodd(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t pc)
{
    if (b == 0) {
        div_zero(env, pc);
    }
    return a % b;
}

uint64_t helper_smodd(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t pc)
{
    if (b == 0) {
        div_zero(env, pc);
    }
    if ((int64_t)b == -1) {
        return 0;
    }
    return (uint64_t)((int64_t)a % (int64_t)b);
}

uint64_t helper_udivs(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t pc)
{
    if ((uint32_t)b == 0) {
        div_zero(env, pc);
    }
    return (uint32_t)a / (uint32_t)b;
}

uint64_t helper_sdivs(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t pc)
{
    if ((uint32_t)b == 0) {
        div_zero(env, pc);
    }
    if ((int32_t)a == INT32_MIN && (int32_t)b == -1) {
        return (uint32_t)a;
    }
    return (uint32_t)((int32_t)a / (int32_t)b);
}

uint64_t helper_umods(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t pc)
{
    if ((uint32_t)b == 0) {
        div_zero(env, pc);
    }
    return (uint32_t)a % (uint32_t)b;
}

uint64_t helper_smods(CPUE2KState *env, uint64_t a, uint64_t b, uint64_t pc)
{
    if ((uint32_t)b == 0) {
        div_zero(env, pc);
    }
    if ((int32_t)b == -1) {
        return 0;
    }
    return (uint32_t)((int32_t)a % (int32_t)b);
}

void e2k_tags_begin(CPUE2KState *env, uint64_t pc)
{
    qemu_log_mask(CPU_LOG_INT, "e2k: %#" PRIx64 ": first diagnostic value, "
                  "tag checks on from here\n", pc);
    env->tbflags_extra |= E2K_TBFLAG_TAGS;
    env->ip = pc;
    /* the rerun keeps its speculative loads page-checking (they may be
       why we are here) */
    env->spec_retry_pc = pc;
    env->fault_in_spec = 0;
    e2k_cpu_loop_exit(env, EXCP_SPEC_RETRY);
}

uint64_t helper_ld_spec(CPUE2KState *env, uint64_t addr, uint32_t size_log2,
                        uint64_t pc)
{
    uint64_t len = 1ULL << size_log2;
    const void *p;

    if (!page_check_range(addr, len, PAGE_READ)) {
        if (env->tags_on && !(env->tbflags_extra & E2K_TBFLAG_TAGS)) {
            e2k_tags_begin(env, pc);    /* the result is diagnostic */
        }
        env->spec_diag = 1;
        return 0;
    }
    env->spec_diag = 0;
    p = g2h(addr);
    switch (size_log2) {
    case 0:
        return ldub_p(p);
    case 1:
        return lduw_le_p(p);
    case 2:
        return ldl_le_p(p);
    default:
        return ldq_le_p(p);
    }
}

void helper_probe_store(CPUE2KState *env, uint64_t addr, uint32_t size_log2,
                        uint64_t pc)
{
    uint64_t len = 1ULL << size_log2;
    uint64_t a = addr;
    int flags;

    if (page_check_range(addr, len, PAGE_WRITE)) {
        return;
    }
    /* report the first byte of the first page the store cannot write, as
       the host fault of the store itself would */
    for (;;) {
        flags = page_get_flags(a);
        if (!(flags & PAGE_VALID)) {
            e2k_raise_signal(env, E2K_SIGSEGV, E2K_SEGV_MAPERR, a, pc);
        }
        if (!(flags & (PAGE_WRITE | PAGE_WRITE_ORG))) {
            e2k_raise_signal(env, E2K_SIGSEGV, E2K_SEGV_ACCERR, a, pc);
        }
        a = (a & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE;
        if (a - addr >= len || a == 0) {
            /* outside the guest space */
            e2k_raise_signal(env, E2K_SIGSEGV, E2K_SEGV_MAPERR, addr, pc);
        }
    }
}
