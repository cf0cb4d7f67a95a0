/*
 * Packed-operation execution vectors through the translator, on any CPU
 * model: the packed floating-point rows (64-bit registers, v3) and the
 * 128-bit %qpr rows (v5, v6) of an older e2k emulator's vectors (OpenE2K
 * qemu-e2k; see /work/shared/e2k/semantics/README.md, copied into the
 * tree as vec/semantics-*.tsv.gz by regen-semantics.sh).
 *
 * Each row is assembled with our encoder for the model's ISA, followed
 * by an invalid wide instruction, and run through the real translator
 * and the chosen TCG backend.  Values are 8 hex digits (32-bit), 16
 * (64-bit) or "hi:lo" (a 128-bit %qpr, lo the half %drN reads).
 *
 * The reference is not hardware.  Where we differ on purpose the row is
 * counted as a known difference with the reason (docs/devel/e2k-isa.md,
 * "Packed operations"): a lane whose result is a NaN chosen from two or
 * more NaN operands (the reference applies softfloat's x87 rule, we and
 * SSE return the first NaN operand), and the operations in `known'.
 * A row the reference ran but we refuse (SIGILL) fails the test.
 *
 * usage: test-vec-semantics [-v] [-m MODEL] [-b native|interp] FILE.tsv.gz
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <glib.h>

#include "qemu.h"
#include "qemu/bswap.h"
#include "exec/guest-memory.h"
#include "tcg/tcg.h"
#include "target/e2k/cpu.h"
#include "target/e2k/asm-encode.h"
#include "semantics-setup.h"

#define SLOT 256

/* Operations where we knowingly differ from the reference emulator. */
static const struct {
    const char *op;
    const char *why;
} known[] = {
    { NULL, NULL },
};

static const char *known_reason(const char *op)
{
    int i;

    for (i = 0; known[i].op; i++) {
        if (!strcmp(known[i].op, op)) {
            return known[i].why;
        }
    }
    return NULL;
}

static const char nan_choice[] =
    "a NaN chosen from two or more NaN operands: the reference picks by "
    "softfloat's x87 rule, SSE and we return the first NaN operand";

/* A value column: 32, 64 or 128 bits (0: not a value). */
static int parse_value(const char *s, uint64_t *lo, uint64_t *hi)
{
    const char *colon = strchr(s, ':');

    *hi = 0;
    if (colon) {
        *hi = strtoull(s, NULL, 16);
        *lo = strtoull(colon + 1, NULL, 16);
        return 128;
    }
    *lo = strtoull(s, NULL, 16);
    return strlen(s) == 8 ? 32 : strlen(s) == 16 ? 64 : 0;
}

static bool is_nan_bits(uint64_t x, int w)
{
    return w == 32 ? (x & 0x7fffffffULL) > 0x7f800000ULL
                   : (x & 0x7fffffffffffffffULL) > 0x7ff0000000000000ULL;
}

static int count_nans(uint64_t lo, uint64_t hi, int bits, int w)
{
    int n = 0, i;

    for (i = 0; i < bits / w; i++) {
        uint64_t half = i * w < 64 ? lo : hi;
        uint64_t x = w == 64 ? half : (half >> ((i * w) % 64)) & 0xffffffffULL;

        n += is_nan_bits(x, w);
    }
    return n;
}

/*
 * Do @got and @want differ only in lanes (of the width the operation's
 * name ends in: s = 32, d = 64) where both are NaNs and the sources hold
 * two or more NaNs of that width (one, for a combined operation)?
 */
static bool nan_choice_only(const char *op, char **f, uint64_t glo,
                            uint64_t ghi, uint64_t wlo, uint64_t whi, int bits)
{
    int w = op[strlen(op) - 1] == 'd' ? 64 : 32;
    int nans = 0, i;

    if (bits < w) {
        return false;
    }
    for (i = 2; i < 5; i++) {
        uint64_t lo, hi;
        int sb;

        if (strcmp(f[i], "-")) {
            sb = parse_value(f[i], &lo, &hi);
            nans += sb >= w ? count_nans(lo, hi, sb, w) : 0;
        }
    }
    /* a combined operation's first stage can make a NaN of its own
       (0 * inf), which then meets a NaN operand in the second stage */
    if (nans < (strchr(op, '_') ? 1 : 2)) {
        return false;
    }
    for (i = 0; i < bits / w; i++) {
        uint64_t g = i * w < 64 ? glo : ghi, x = i * w < 64 ? wlo : whi;
        int sh = (i * w) % 64;
        uint64_t m = w == 64 ? ~0ULL : 0xffffffffULL;

        g = (g >> sh) & m;
        x = (x >> sh) & m;
        if (g != x && !(is_nan_bits(g, w) && is_nan_bits(x, w))) {
            return false;
        }
    }
    return true;
}

/* Split "{ a ; b }" into trimmed operations. */
static int split_ops(char *text, char **ops, int max)
{
    char *p = text, *tok;
    int n = 0;

    while (*p == ' ' || *p == '{') {
        p++;
    }
    tok = strrchr(p, '}');
    if (tok) {
        *tok = 0;
    }
    for (tok = strtok(p, ";"); tok && n < max; tok = strtok(NULL, ";")) {
        g_strstrip(tok);
        if (*tok) {
            ops[n++] = tok;
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    SemanticsRun run;
    const E2KModel *m;
    const char *model = "e2s";
    char *args[8];
    int nargs = 0;
    Error *err = NULL;
    char line[1024];
    CPUE2KState *env;
    uint64_t slot;
    int total = 0, agree = 0, differ = 0, known_differ = 0, skipped = 0;
    int unimpl = 0, ref_none = 0, asm_refused = 0;
    int i;

    for (i = 0; i < argc && nargs < 7; i++) {
        if (!strcmp(argv[i], "-m") && i + 1 < argc) {
            model = argv[++i];
        } else {
            args[nargs++] = argv[i];
        }
    }
    args[nargs] = NULL;
    m = e2k_cpu_model_find(model);
    if (!m) {
        fprintf(stderr, "%s: unknown model %s\n", argv[0], model);
        return 2;
    }
    if ((i = semantics_setup(nargs, args, model, m->isa, &run)) != 0) {
        return i;
    }
    env = run.env;
    slot = run.code;
    while (gzgets(run.gz, line, sizeof(line))) {
        char *f[8], *ops[8], *asmtext, *nl, *tok, *save = NULL;
        uint8_t *out;
        E2KAsmEnv aenv = { .isa = m->isa };
        int nf = 0, nops, len, bits = 0, want_sig = 0;
        uint64_t res = 0, res_hi = 0, want = 0, want_hi = 0;
        bool want_trap, is_pred;
        const char *why;

        if (slot + SLOT > (uint64_t)run.code + (32 << 20)) {
            slot = run.code;        /* start again at the area's start */
        }
        nl = strchr(line, '\n');
        if (nl) {
            *nl = 0;
        }
        if (!strncmp(line, "op\t", 3)) {
            continue;
        }
        for (tok = strtok_r(line, "\t", &save); tok && nf < 8;
             tok = strtok_r(NULL, "\t", &save)) {
            f[nf++] = tok;
        }
        if (nf < 7) {
            continue;
        }
        total++;
        /* columns: op asm src1 src2 src3 result status */
        want_trap = !strncmp(f[6], "trap:", 5);
        if (want_trap) {
            want_sig = !strcmp(f[6], "trap:SIGILL") ? 4 :
                       !strcmp(f[6], "trap:SIGFPE") ? 8 : -1;
        }
        is_pred = strlen(f[5]) == 1;
        if (!want_trap && !is_pred) {
            bits = parse_value(f[5], &want, &want_hi);
            if (!bits) {
                skipped++;
                continue;
            }
        } else if (is_pred) {
            want = f[5][0] == '1';
        }

        asmtext = g_strdup(f[1]);
        nops = split_ops(asmtext, ops, 8);
        aenv.pc = slot;
        out = g2h(slot);
        if (!(page_get_flags(slot) & PAGE_WRITE)) {
            page_unprotect(slot, 0);
        }
        len = e2k_asm_encode(&aenv, (const char *const *)ops, nops, true, out,
                             &err);
        g_free(asmtext);
        if (len <= 0 || len > SLOT - 16) {
            if (!strncmp(f[0], "qpcext_", 7) || !strncmp(f[0], "plog_", 5) ||
                !strncmp(f[0], "qplog_", 6)) {
                /* the opcode table (generated from the reference
                   assembler's encoding vectors) gives qpcext_* and the
                   plog aliases fewer channels than these rows use */
                asm_refused++;
            } else {
                fprintf(stderr, "cannot assemble %s: %s\n", f[1],
                        err ? error_get_pretty(err) : "?");
                differ++;
            }
            error_free(err);
            err = NULL;
            slot += SLOT;
            continue;
        }
        /* an invalid wide instruction stops execution after the bundle */
        stl_le_p(out + len, 0x00000800);
        stl_le_p(out + len + 4, 0);

        e2k_cpu_reset_for_exec(env, slot, run.stacks + (1 << 20), run.stacks,
                               1 << 20, run.stacks, 512 << 10,
                               run.stacks + (512 << 10), 256 << 10);
        env->wd_size = 16;
        env->pf = 1ULL << 2;        /* %pred0 = 0, %pred1 = 1 */
        for (i = 0; i < 3; i++) {
            env->wptr[1 + i].lo = env->wptr[1 + i].hi = 0;
            if (strcmp(f[2 + i], "-")) {
                parse_value(f[2 + i], &env->wptr[1 + i].lo,
                            &env->wptr[1 + i].hi);
            }
        }
        env->wptr[4].lo = 0;
        env->wptr[4].hi = 0;
        env->fpu.pfpfr = PFPFR_INIT;

        if (e2k_cpu_exec(env) != EXCP_SIGNAL) {
            fprintf(stderr, "%s: unexpected event\n", f[1]);
            differ++;
            slot += SLOT;
            continue;
        }
        if (env->ip == slot) {
            /* the operation itself trapped */
            if (want_trap && env->exc_signal == want_sig) {
                agree++;
            } else if (env->exc_signal == 4) {
                unimpl++;
                fprintf(stderr, "UNIMPL %s\n", f[1]);
            } else {
                differ++;
                fprintf(stderr, "DIFF %s  srcs %s %s %s: signal %d, "
                        "reference: %s %s\n", f[1], f[2], f[3], f[4],
                        env->exc_signal, f[5], f[6]);
            }
            slot += SLOT;
            continue;
        }
        if (env->ip != slot + len || env->exc_signal != 4) {
            fprintf(stderr, "%s: stopped at 0x%" PRIx64 " signal %d\n", f[1],
                    env->ip, env->exc_signal);
            differ++;
            slot += SLOT;
            continue;
        }
        if (want_trap) {
            /* the reference has no result for it (its SIGILL: not
               implemented there) */
            if (want_sig == 4) {
                ref_none++;
            } else {
                differ++;
                fprintf(stderr, "DIFF %s  srcs %s %s %s: no trap, "
                        "reference: %s\n", f[1], f[2], f[3], f[4], f[6]);
            }
            slot += SLOT;
            continue;
        }
        if (is_pred) {
            res = (env->pf >> 4) & 1;       /* %pred2 */
        } else {
            res = env->wptr[4].lo;
            res_hi = bits == 128 ? env->wptr[4].hi : 0;
            if (bits == 32) {
                res &= 0xffffffffULL;
            }
        }
        if (res == want && res_hi == want_hi) {
            agree++;
            slot += SLOT;
            continue;
        }
        why = known_reason(f[0]);
        if (!why && !is_pred &&
            nan_choice_only(f[0], f, res, res_hi, want, want_hi, bits)) {
            why = nan_choice;
        }
        if (why) {
            known_differ++;
        } else {
            differ++;
        }
        if (run.verbose || !why) {
            fprintf(stderr, "DIFF %s  srcs %s %s %s: got %016" PRIx64
                    ":%016" PRIx64 ", reference: %s (%s)\n", f[1], f[2], f[3],
                    f[4], res_hi, res, f[5], why ? why : "");
        }
        slot += SLOT;
    }
    gzclose(run.gz);
    e2k_cpu_free(env);
    printf("vec semantics (%s): %d vectors, %d agree, %d differ (%d known), "
           "%d not implemented (SIGILL), %d where the reference has no "
           "result, %d skipped, %d on channels our opcode table refuses\n",
           model, total, agree, differ + known_differ, known_differ, unimpl,
           ref_none, skipped, asm_refused);
    return differ || unimpl ? 1 : 0;
}
