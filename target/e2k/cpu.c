/*
 * e2k CPU models, creation, reset for a new process, the system call
 * ABI accessors and the state dump.
 *
 * Owns: the model table and "-cpu" parsing, the initial register state.
 * Window movement on calls and returns lives in helper.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <stdlib.h>
#include <glib.h>

#include "target/e2k/cpu.h"
#include "exec/cpu-list.h"
#include "target/e2k/helper.h"
#include "tcg/tcg.h"

static const E2KModel e2k_models[] = {
    { "e2c+", 2, "Elbrus-2C+ (elbrus-v2)" },
    { "e2s",  3, "Elbrus-4C (elbrus-v3)" },
    { "e8c",  4, "Elbrus-8C (elbrus-v4)" },
    { "e8c2", 5, "Elbrus-8C2 (elbrus-v5)" },
    { "e16c", 6, "Elbrus-16C (elbrus-v6)" },
    { "e32s", 7, "Elbrus-32S (elbrus-v7)" },
};

/* Other spellings accepted for -cpu. */
static const struct {
    const char *alias;
    const char *name;
} e2k_model_aliases[] = {
    { "elbrus-v2", "e2c+" }, { "elbrus-v3", "e2s" }, { "elbrus-v4", "e8c" },
    { "elbrus-v5", "e8c2" }, { "elbrus-v6", "e16c" }, { "elbrus-v7", "e32s" },
    { "e4c", "e2s" }, { "elbrus-4c", "e2s" }, { "elbrus-8c", "e8c" },
    { "elbrus-8c2", "e8c2" }, { "elbrus-16c", "e16c" }, { "e1c+", "e8c" },
    { "e12c", "e16c" }, { "e2c3", "e16c" }, { "any", "e8c" },
    /* v7 processors, as the e2k Linux kernel names them */
    { "e48c", "e32s" }, { "elbrus-48c", "e32s" }, { "e8v7", "e32s" },
    { "elbrus-8v7", "e32s" }, { "elbrus-32s", "e32s" },
};

const E2KModel *e2k_cpu_model_find(const char *name)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(e2k_model_aliases); i++) {
        if (!strcmp(name, e2k_model_aliases[i].alias)) {
            name = e2k_model_aliases[i].name;
            break;
        }
    }
    for (i = 0; i < G_N_ELEMENTS(e2k_models); i++) {
        if (!strcmp(name, e2k_models[i].name)) {
            return &e2k_models[i];
        }
    }
    return NULL;
}

const E2KModel *e2k_cpu_model_for_isa(int isa)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(e2k_models); i++) {
        if (e2k_models[i].isa == isa) {
            return &e2k_models[i];
        }
    }
    return NULL;
}

void e2k_cpu_list(FILE *f)
{
    size_t i;

    fprintf(f, "Available CPUs:\n");
    for (i = 0; i < G_N_ELEMENTS(e2k_models); i++) {
        fprintf(f, "  %-6s elbrus-v%d  %s%s\n", e2k_models[i].name,
                e2k_models[i].isa, e2k_models[i].desc,
                e2k_models[i].isa == 4 ? " (default)" : "");
    }
    fprintf(f, "Other names:");
    for (i = 0; i < G_N_ELEMENTS(e2k_model_aliases); i++) {
        if (strncmp(e2k_model_aliases[i].alias, "elbrus-v", 8)) {
            fprintf(f, " %s=%s", e2k_model_aliases[i].alias,
                    e2k_model_aliases[i].name);
        }
    }
    fprintf(f, "\n");
    fprintf(f, "Properties: tags=on|off (default on; e.g. -cpu e8c,tags=off)\n");
}

static bool parse_cpu_props(CPUE2KState *env, const char *props,
                            Error **errp)
{
    gchar **parts = g_strsplit(props, ",", -1);
    bool ok = true;
    int i;

    for (i = 0; parts[i]; i++) {
        const char *p = parts[i];

        if (!*p) {
            continue;
        }
        if (!strcmp(p, "tags=on") || !strcmp(p, "tags") ||
            !strcmp(p, "+tags") || !strcmp(p, "tags=true")) {
            env->tags_on = true;
        } else if (!strcmp(p, "tags=off") || !strcmp(p, "-tags") ||
                   !strcmp(p, "tags=false")) {
            env->tags_on = false;
        } else {
            error_setg(errp, "unknown CPU property '%s' (known: tags=on|off)",
                       p);
            ok = false;
            break;
        }
    }
    g_strfreev(parts);
    return ok;
}

/* tcg_bad_address_hook: an access at or beyond the end of the guest
   space, where no guest page can be.  The kernel answers an access to an
   address nothing is mapped at with SIGSEGV SEGV_MAPERR at that address;
   the state is the one before the wide instruction. */
static void e2k_bad_address(void *opaque, uint64_t addr, MemOp mop,
                            uintptr_t host_pc)
{
    CPUE2KState *env = opaque;

    (void)mop;
    if (!cpu_restore_state_from_host_pc(env, host_pc)) {
        abort();
    }
    e2k_raise_signal(env, E2K_SIGSEGV, E2K_SEGV_MAPERR, addr, env->ip);
}

CPUE2KState *e2k_cpu_new(const char *cpu_model_with_props, int isa_from_elf,
                         Error **errp)
{
    CPUE2KState *env;
    const E2KModel *model = NULL;
    const char *props = "";
    char *name = NULL;

    if (cpu_model_with_props && *cpu_model_with_props) {
        const char *comma = strchr(cpu_model_with_props, ',');

        if (comma) {
            name = g_strndup(cpu_model_with_props,
                             comma - cpu_model_with_props);
            props = comma + 1;
        } else {
            name = g_strdup(cpu_model_with_props);
        }
        if (*name) {
            model = e2k_cpu_model_find(name);
            if (!model) {
                error_setg(errp, "unable to find CPU model '%s'", name);
                g_free(name);
                return NULL;
            }
        }
        g_free(name);
    }
    if (!model && isa_from_elf > 0) {
        model = e2k_cpu_model_for_isa(isa_from_elf);
    }
    if (!model) {
        model = e2k_cpu_model_find("e8c");
    }

    env = g_malloc0(sizeof(*env));
    env->model = model;
    env->isa = model->isa;
    env->tags_on = true;
    if (!parse_cpu_props(env, props, errp)) {
        g_free(env);
        return NULL;
    }
    /* no diagnostic value exists yet: E2K_TBFLAG_TAGS comes with the
       first one (e2k_tags_begin) */
    env->tbflags_extra = 0;
    env->idr = ((uint64_t)model->isa << 8) | 0x10;
    env->lock_addr = (uint64_t)-1;
    e2k_set_wptr(env);
    tcg_bad_address_hook = e2k_bad_address;
    cpu_list_add(env);
    return env;
}

CPUE2KState *e2k_cpu_copy_for_thread(const CPUE2KState *parent)
{
    CPUE2KState *env = g_new(CPUE2KState, 1);
    uint32_t n = MIN(E2K_MAX_WINDOW, E2K_RF_REGS - parent->wd_base);

    memcpy(env, parent, sizeof(*env));
    /* per-thread bookkeeping starts afresh */
    env->tb_jmp_cache = NULL;
    env->running = false;
    env->has_waiter = false;
    env->exit_request = 0;
    env->unimp_op = NULL;
    env->lock_addr = (uint64_t)-1;
    env->fault_in_spec = 0;
    env->spec_retry_pc = 0;
    env->spill_tags = NULL;             /* nothing spilled (below) */
    /* the current window becomes the bottom of the new register stack:
       nothing below it (the new thread never returns from its first
       frame), no frames in its chain stack */
    memset(env->rf, 0, sizeof(env->rf));
    memcpy(env->rf, &parent->rf[parent->wd_base], n * sizeof(E2KReg));
    env->wd_base = 0;
    env->rf_spilled = 0;
    env->pcsp_ind = 0;
    e2k_set_wptr(env);
    cpu_list_add(env);
    return env;
}

void e2k_cpu_free(CPUE2KState *env)
{
    if (env) {
        cpu_list_remove(env);       /* no-op when already removed */
        g_free(env->tb_jmp_cache);
        if (env->spill_tags) {
            g_hash_table_destroy(env->spill_tags);
        }
        g_free(env);
    }
}

void e2k_cpu_reset_for_exec(CPUE2KState *env, uint64_t entry, uint64_t sp,
                            uint64_t stack_base, uint64_t stack_size,
                            uint64_t psp_base, uint64_t psp_size,
                            uint64_t pcsp_base, uint64_t pcsp_size)
{
    uint64_t usd_size = sp - stack_base;

    memset(env->rf, 0, sizeof(env->rf));
    memset(env->gregs, 0, sizeof(env->gregs));
    env->pf = 0;
    env->ip = entry;
    env->wd_base = 0;
    env->wd_size = 8;
    env->wd_psize = 0;
    env->wd_fx = 0;
    env->wdbl = 0;
    env->rf_spilled = 0;
    env->br = 0;
    env->bgr = BGR_INIT;                    /* %g24..%g31 not rotated */
    env->tbflags_extra &= ~E2K_TBFLAG_BGR_ROT;
    env->ctpr[0] = env->ctpr[1] = env->ctpr[2] = 0;
    env->lsr_lcnt = env->lsr_ecnt = env->lsr_vlc = env->lsr_over = 0;
    env->lsr_pcnt = env->lsr_strmd = env->lsr_ldmc = env->lsr_ldovl = 0;
    env->ilcr = 0;
    env->psr = 0x33;          /* user mode, interrupts enabled */
    env->upsr = 0x1;          /* fe */
    env->fpu.pfpfr = PFPFR_INIT;  /* as the kernel starts a process */
    env->fpu.fpcr = FPCR_INIT;
    env->fpu.fpsr = FPSR_INIT;
    env->psp_base = psp_base;
    env->psp_size = psp_size;
    env->pcsp_base = pcsp_base;
    env->pcsp_size = pcsp_size;
    env->pcsp_ind = 0;
    env->sbr = stack_base + stack_size;
    /* USD.lo: base (48 bits) + rw (bits 59..60); USD.hi: size (32..63). */
    env->usd_lo = (sp & CTPR_BASE_MASK) | (3ULL << 59);
    env->usd_hi = usd_size << 32;
    env->exit_request = 0;
    env->lock_addr = (uint64_t)-1;
    e2k_set_wptr(env);
}

/* The system call's window starts sys_wbs registers above ours. */
void e2k_syscall_args(CPUE2KState *env, uint64_t *nr, uint64_t args[6])
{
    E2KReg *w = env->wptr + env->sys_wbs;
    int i;

    *nr = (uint32_t)w[0].lo;
    for (i = 0; i < 6; i++) {
        args[i] = w[1 + i].lo;
    }
}

void e2k_syscall_return(CPUE2KState *env, int64_t ret)
{
    E2KReg *w = env->wptr + env->sys_wbs;

    w[0].lo = (uint64_t)ret;
    w[0].tag = 0;
    /* Control-transfer preparations do not survive a call. */
    env->ctpr[0] = env->ctpr[1] = env->ctpr[2] = 0;
}

uint64_t e2k_reg_read(CPUE2KState *env, int n)
{
    return env->wptr[n].lo;
}

void e2k_reg_write(CPUE2KState *env, int n, uint64_t v)
{
    env->wptr[n].lo = v;
    env->wptr[n].tag = 0;
}

void e2k_cpu_dump_state(CPUE2KState *env, FILE *f)
{
    unsigned i;

    fprintf(f, "ip=%016" PRIx64 " wd: base=%u size=%u psize=%u "
            "br=%08x spilled=%" PRIu64 " pcsp.ind=%" PRIu64 "\n",
            env->ip, env->wd_base, env->wd_size, env->wd_psize, env->br,
            env->rf_spilled, env->pcsp_ind);
    fprintf(f, "lsr: lcnt=%u ecnt=%u vlc=%u pcnt=%u strmd=%u\n",
            env->lsr_lcnt, env->lsr_ecnt, env->lsr_vlc, env->lsr_pcnt,
            env->lsr_strmd);
    for (i = 0; i < 3; i++) {
        fprintf(f, "ctpr%u=%016" PRIx64 "%s", i + 1, env->ctpr[i],
                i == 2 ? "\n" : " ");
    }
    fprintf(f, "pred=");
    for (i = 0; i < E2K_NR_PREDS; i++) {
        unsigned p = (env->pf >> (2 * i)) & 3;

        fprintf(f, "%c", (p & 2) ? 'D' : '0' + (p & 1));
    }
    fprintf(f, "\n");
    for (i = 0; i < env->wd_size && i < E2K_MAX_WINDOW; i++) {
        fprintf(f, "r%-3u=%016" PRIx64 "%s", i, env->wptr[i].lo,
                (i % 4) == 3 ? "\n" : " ");
    }
    if (env->wd_size % 4) {
        fprintf(f, "\n");
    }
}
