/*
 * e2k array access unit: AAU registers (aaurr/aaurw), the array prefetch
 * program (bap/eap) and mova.  See aau_helper.h and
 * docs/devel/e2k-translator.md, "The array access unit".
 *
 * The prefetch model: bap reads the fapb program at %ctpr2 (16-byte
 * entries; the left half of entry N describes area N, read by mova
 * channels 0 and 1, the right half area N + 32, channels 2 and 3) and
 * sets each area's current index AALDI to AAIND[ind] + disp.  A mova
 * reads its element straight from memory at AAD[d].base + AALDI + the
 * mova's byte offset, which is what the prefetch buffer would hold; its
 * am moves AALDI on by AAINCR[incr] elements.  An element that cannot be
 * read gives 0 (a diagnostic value with tags on) instead of a fault, as
 * a prefetch does.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <glib.h>

#include "qemu/bswap.h"
#include "exec/guest-memory.h"
#include "target/e2k/aau_helper.h"
#include "target/e2k/helper.h"
#include "target/e2k/isa.h"

/* fapb half-entry fields (OpenE2K linux, aau_context.h e2k_fapb_instr_t) */
#define FAPB_IND(i)   (((i) >> 8) & 0xf)
#define FAPB_INCR(i)  (((i) >> 12) & 7)
#define FAPB_D(i)     (((i) >> 15) & 0x1f)
#define FAPB_FMT(i)   (((i) >> 25) & 7)
#define FAPB_SI(i)    (((i) >> 30) & 1)
#define FAPB_CT(i)    (((i) >> 31) & 1)     /* left half: last entry */
#define FAPB_DPL(i)   (((i) >> 31) & 1)     /* right half: copy the left */
#define FAPB_DISP(i)  ((uint32_t)((i) >> 32))
#define FAPB_ENTRIES  32

static const struct {
    const char *prefix;
    E2KAauRegKind kind;
    int count;          /* valid indices; 0: the name has no number */
} aau_reg_names[] = {
    /* longer prefixes first */
    { "%aaincr_tag", E2K_AAU_REG_AAINCR_TAG, 0 },
    { "%aaind_tag", E2K_AAU_REG_AAIND_TAG, 0 },
    { "%aasti_tag", E2K_AAU_REG_AASTI_TAG, 0 },
    { "%aaincr", E2K_AAU_REG_AAINCR, E2K_AAU_AAINCRS },
    { "%aaind", E2K_AAU_REG_AAIND, E2K_AAU_AAINDS },
    { "%aasti", E2K_AAU_REG_AASTI, E2K_AAU_AASTIS },
    { "%aaldi", E2K_AAU_REG_AALDI, 32 },
    { "%aalda", E2K_AAU_REG_AALDA, 32 },
    { "%aaldv", E2K_AAU_REG_AALDV, 0 },
    { "%aaldm", E2K_AAU_REG_AALDM, 0 },
    { "%aadr", E2K_AAU_REG_AAD, E2K_AAU_AADS },
    { "%aad", E2K_AAU_REG_AAD, E2K_AAU_AADS },
    { "%aasr", E2K_AAU_REG_AASR, 0 },
    { "%aafstr", E2K_AAU_REG_AAFSTR, 0 },
};

bool e2k_aau_reg_decode(uint16_t opce1, E2KAauRegKind *kind, int *index)
{
    const char *name = NULL;
    size_t i;

    for (i = 0; e2k_aau_regs[i].name; i++) {
        if (e2k_aau_regs[i].opce1 == opce1) {
            name = e2k_aau_regs[i].name;
            break;
        }
    }
    if (!name) {
        return false;
    }
    for (i = 0; i < G_N_ELEMENTS(aau_reg_names); i++) {
        size_t len = strlen(aau_reg_names[i].prefix);
        const char *rest = name + len;
        int n = 0;

        if (strncmp(name, aau_reg_names[i].prefix, len)) {
            continue;
        }
        if (aau_reg_names[i].count == 0) {
            if (*rest) {
                continue;
            }
        } else {
            if (!g_ascii_isdigit(*rest)) {
                continue;
            }
            for (; g_ascii_isdigit(*rest); rest++) {
                n = n * 10 + (*rest - '0');
            }
            if (*rest || n >= aau_reg_names[i].count) {
                return false;
            }
        }
        if (aau_reg_names[i].kind == E2K_AAU_REG_AALDA && n % 4) {
            return false;       /* aaurw moves four AALDA bytes at once */
        }
        *kind = aau_reg_names[i].kind;
        *index = n;
        return true;
    }
    return false;               /* %aabfN: not modelled */
}

void e2k_aau_refresh_areas(E2KAauState *aau)
{
    int n;

    for (n = 0; n < E2K_AAU_AADS; n++) {
        aau->aad_base[n] = aau->aad_lo[n] & E2K_AAD_BASE_MASK;
    }
    for (n = 0; n < E2K_AAU_AREAS; n++) {
        uint64_t instr = aau->apb[n];
        int fmt = FAPB_FMT(instr);

        if (!(aau->aaldv & (1ULL << n))) {
            fmt = 0;
        }
        aau->area_fmt[n] = fmt;
        aau->area_base[n] = aau->aad_base[FAPB_D(instr)];
        aau->area_step[n] = fmt ? e2k_aau_incr(aau, FAPB_INCR(instr))
                                  << (fmt - 1) : 0;
    }
}

/* The right channel (5) reaches the upper half of the paired registers. */
static int aau_side(uint32_t chan)
{
    return chan >= 3 ? 32 : 0;
}

uint64_t helper_aaurr(CPUE2KState *env, uint32_t opce1, uint32_t chan,
                      uint32_t hi)
{
    E2KAauState *aau = &env->aau;
    E2KAauRegKind kind;
    int n, i;
    uint64_t v = 0;

    if (!e2k_aau_reg_decode(opce1, &kind, &n)) {
        return 0;               /* the translator rejects these */
    }
    switch (kind) {
    case E2K_AAU_REG_AAD:
        return hi ? aau->aad_hi[n] : aau->aad_lo[n];
    case E2K_AAU_REG_AASTI:
        return aau->aasti[n];
    case E2K_AAU_REG_AAIND:
        return n ? aau->aaind[n] : 0;
    case E2K_AAU_REG_AAINCR:
        return e2k_aau_incr(aau, n);
    case E2K_AAU_REG_AASTI_TAG:
        return aau->aasti_tags;
    case E2K_AAU_REG_AAIND_TAG:
        return aau->aaind_tags;
    case E2K_AAU_REG_AAINCR_TAG:
        return aau->aaincr_tags;
    case E2K_AAU_REG_AALDI:
        return aau->aaldi[n + aau_side(chan)];
    case E2K_AAU_REG_AALDA:
        for (i = 3; i >= 0; i--) {
            v = (v << 8) | aau->aalda[n + aau_side(chan) + i];
        }
        return v;
    case E2K_AAU_REG_AALDV:
        return (uint32_t)(aau->aaldv >> aau_side(chan));
    case E2K_AAU_REG_AALDM:
        for (i = 31; i >= 0; i--) {
            v = (v << 1) | (aau->aaldm[i + aau_side(chan)] & 1);
        }
        return v;
    case E2K_AAU_REG_AASR:
        return aau->aasr;
    case E2K_AAU_REG_AAFSTR:
        return aau->aafstr;
    }
    return 0;
}

static uint64_t deposit_half(uint64_t old, uint32_t chan, uint32_t v)
{
    int sh = aau_side(chan);

    return (old & ~(0xffffffffULL << sh)) | ((uint64_t)v << sh);
}

void helper_aaurw(CPUE2KState *env, uint32_t opce1, uint32_t chan,
                  uint32_t hi, uint32_t size_log2, uint64_t val)
{
    E2KAauState *aau = &env->aau;
    E2KAauRegKind kind;
    uint32_t v32 = (uint32_t)val;
    int n, i;

    if (!e2k_aau_reg_decode(opce1, &kind, &n)) {
        return;
    }
    switch (kind) {
    case E2K_AAU_REG_AAD:
        if (hi) {
            aau->aad_hi[n] = val & 0xffffffff00000000ULL;   /* size */
        } else {
            /* a pointer becomes a read/write descriptor of it: base from
               the value, mb/ed from bits 58:57 (64-bit form) or kept,
               rw = 3, tag 0 (a number) */
            uint64_t keep = size_log2 == 3 ? val : aau->aad_lo[n];
            uint64_t base = size_log2 == 3 ? val : v32;

            aau->aad_lo[n] = (base & E2K_AAD_BASE_MASK) |
                             (keep & (3ULL << 57)) |
                             (3ULL << E2K_AAD_RW_SHIFT);
        }
        break;
    case E2K_AAU_REG_AASTI:
        aau->aasti[n] = v32;
        break;
    case E2K_AAU_REG_AAIND:
        if (n) {
            aau->aaind[n] = v32;        /* AAIND0 is always 0 */
        }
        break;
    case E2K_AAU_REG_AAINCR:
        if (n) {
            aau->aaincr[n] = v32;       /* AAINCR0 is always 1 */
        }
        break;
    case E2K_AAU_REG_AASTI_TAG:
        aau->aasti_tags = v32 & 0xffff;
        break;
    case E2K_AAU_REG_AAIND_TAG:
        aau->aaind_tags = v32 & 0xfffe;
        break;
    case E2K_AAU_REG_AAINCR_TAG:
        aau->aaincr_tags = v32 & 0xfe;
        break;
    case E2K_AAU_REG_AALDI:
        aau->aaldi[n + aau_side(chan)] = v32;
        break;
    case E2K_AAU_REG_AALDA:
        for (i = 0; i < 4; i++) {
            aau->aalda[n + aau_side(chan) + i] = v32 >> (8 * i);
        }
        break;
    case E2K_AAU_REG_AALDV:
        aau->aaldv = deposit_half(aau->aaldv, chan, v32);
        break;
    case E2K_AAU_REG_AALDM:
        for (i = 0; i < 32; i++) {
            aau->aaldm[i + aau_side(chan)] = (v32 >> i) & 1;
        }
        break;
    case E2K_AAU_REG_AASR:
        aau->aasr = v32 & 0x3e0;        /* stb, iab, lds */
        break;
    case E2K_AAU_REG_AAFSTR:
        aau->aafstr = v32;
        break;
    }
    if (kind == E2K_AAU_REG_AAD || kind == E2K_AAU_REG_AAINCR ||
        kind == E2K_AAU_REG_AALDV) {
        e2k_aau_refresh_areas(aau);
    }
}

/* The address of the APB program (%ctpr2 must hold a disp/ldisp target);
   -1 when it holds none. */
static uint64_t apb_base(CPUE2KState *env)
{
    if (ctpr_tag(env->ctpr[1]) != CTPR_TAG_DISP) {
        return (uint64_t)-1;
    }
    return env->ctpr[1] & CTPR_BASE_MASK;
}

static bool apb_read(uint64_t addr, uint64_t *v)
{
    if (addr > (uint64_t)-9 || !page_check_range(addr, 8, PAGE_READ)) {
        return false;
    }
    *v = ldq_le_p(g2h(addr));
    return true;
}

/* A half-entry we can run: a format of 1..5 (bytes .. quad words) and
   the primary index (si = 0); fmt 0 is an empty area. */
static bool apb_half_ok(uint64_t instr)
{
    return FAPB_FMT(instr) == 0 ||
           (FAPB_FMT(instr) <= 5 && !FAPB_SI(instr));
}

void helper_aau_bap_check(CPUE2KState *env, uint64_t pc)
{
    uint64_t base = apb_base(env);
    int i;

    if (base == (uint64_t)-1) {
        e2k_raise_signal(env, E2K_SIGILL, E2K_ILL_ILLOPN, 0, pc);
    }
    for (i = 0; i < FAPB_ENTRIES; i++) {
        uint64_t a = base + 16 * (uint64_t)i, l, r;

        if (!apb_read(a, &l)) {
            e2k_raise_signal(env, E2K_SIGSEGV, E2K_SEGV_MAPERR, a, pc);
        }
        if (!apb_read(a + 8, &r)) {
            e2k_raise_signal(env, E2K_SIGSEGV, E2K_SEGV_MAPERR, a + 8, pc);
        }
        if (!apb_half_ok(l) || (!FAPB_DPL(r) && !apb_half_ok(r))) {
            e2k_raise_signal(env, E2K_SIGILL, E2K_ILL_ILLOPN, 0, pc);
        }
        if (FAPB_CT(l)) {
            break;
        }
    }
}

static void apb_load_area(E2KAauState *aau, int n, uint64_t instr)
{
    aau->apb[n] = instr;
    if (FAPB_FMT(instr) == 0) {
        aau->aaldv &= ~(1ULL << n);
        aau->aaldi[n] = 0;
        return;
    }
    aau->aaldv |= 1ULL << n;
    aau->aaldi[n] = (FAPB_IND(instr) ? aau->aaind[FAPB_IND(instr)] : 0) +
                    FAPB_DISP(instr);
}

void helper_aau_bap(CPUE2KState *env)
{
    E2KAauState *aau = &env->aau;
    uint64_t base = apb_base(env);
    int i;

    aau->aaldv = 0;
    memset(aau->aaldm, 0, sizeof(aau->aaldm));
    memset(aau->apb, 0, sizeof(aau->apb));
    for (i = 0; i < FAPB_ENTRIES; i++) {
        uint64_t a = base + 16 * (uint64_t)i, l = 0, r = 0;

        /* checked readable by helper_aau_bap_check */
        apb_read(a, &l);
        apb_read(a + 8, &r);
        apb_load_area(aau, i, l);
        if (FAPB_DPL(r)) {
            apb_load_area(aau, i + 32, l);
        } else {
            apb_load_area(aau, i + 32, r);
        }
        if (FAPB_CT(l)) {
            break;
        }
    }
    aau->aasr = (aau->aasr & ~E2K_AASR_LDS_MASK) |
                (E2K_AASR_ACTIVE << E2K_AASR_LDS_SHIFT);
    e2k_aau_refresh_areas(aau);
}

void helper_aau_eap(CPUE2KState *env)
{
    E2KAauState *aau = &env->aau;

    aau->aasr = (aau->aasr & ~E2K_AASR_LDS_MASK) |
                (E2K_AASR_STOPPED << E2K_AASR_LDS_SHIFT);
}

/* A mova that reads nothing gives 0, diagnostic when tags are on (the
   first such value reruns the wide instruction with the tag code). */
static uint64_t mova_unreadable(CPUE2KState *env, uint64_t pc)
{
    if (env->tags_on && !(env->tbflags_extra & E2K_TBFLAG_TAGS)) {
        e2k_tags_begin(env, pc);
    }
    return 0;
}

uint64_t helper_mova(CPUE2KState *env, uint32_t desc, uint64_t pc)
{
    E2KAauState *aau = &env->aau;
    int chan = (desc >> E2K_MOVA_CHAN_SHIFT) & 3;
    int n = ((desc >> E2K_MOVA_AREA_SHIFT) & 0x1f) + (chan >= 2 ? 32 : 0);
    uint32_t ind = (desc >> E2K_MOVA_IND_SHIFT) & 0x1f;
    int size = (desc >> E2K_MOVA_SIZE_SHIFT) & 3;
    bool be = (desc >> E2K_MOVA_BE_BIT) & 1;
    bool qp = (desc >> E2K_MOVA_QP_BIT) & 1;
    int elem = (desc >> E2K_MOVA_Q_BIT) & 1 ? 4 : size;
    uint64_t instr = aau->apb[n], addr, v, hi;
    const void *p;

    aau->mova_diag = 1;
    aau->mova_hi = 0;
    if (!(aau->aaldv & (1ULL << n))) {
        return mova_unreadable(env, pc);
    }
    if (elem > FAPB_FMT(instr) - 1) {
        /* wider than the area's elements */
        e2k_raise_signal(env, E2K_SIGILL, E2K_ILL_ILLOPN, 0, pc);
    }
    addr = (aau->aad_lo[FAPB_D(instr)] & E2K_AAD_BASE_MASK) +
           aau->aaldi[n] + ind;
    if (addr > (uint64_t)-17 ||
        !page_check_range(addr, qp ? 16 : 1 << size, PAGE_READ)) {
        return mova_unreadable(env, pc);
    }
    p = g2h(addr);
    switch (size) {
    case 0:
        v = ldub_p(p);
        break;
    case 1:
        v = be ? lduw_be_p(p) : lduw_le_p(p);
        break;
    case 2:
        v = be ? (uint32_t)ldl_be_p(p) : (uint32_t)ldl_le_p(p);
        break;
    default:
        v = be ? ldq_be_p(p) : ldq_le_p(p);
        break;
    }
    if (qp) {
        /* big-endian: the 16 bytes reversed, so the halves swap */
        hi = be ? ldq_be_p((const uint8_t *)p + 8)
                : ldq_le_p((const uint8_t *)p + 8);
        aau->mova_hi = be ? v : hi;
        v = be ? hi : v;
    }
    aau->mova_diag = 0;
    return v;
}
