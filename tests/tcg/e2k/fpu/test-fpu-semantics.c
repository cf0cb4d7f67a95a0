/*
 * FP execution vectors through the translator.
 *
 * fpu/semantics-fp-v6.tsv.gz holds the scalar floating-point rows of an
 * older e2k emulator's execution vectors (ISA v6, OpenE2K qemu-e2k; see
 * docs/devel/e2k-fpu.md): bundle text, source values and the result (or
 * the signal it trapped with).  Each row is assembled with our encoder,
 * followed by an invalid wide instruction, and run through the real
 * translator and TCG backend.  80-bit values are "eeee:mmmmmmmmmmmmmmmm"
 * (sign/exponent : significand).
 *
 * The reference emulator is not hardware and has known FP bugs: rows of
 * an operation listed in `known' are counted separately with the reason
 * we believe it is wrong (docs/devel/e2k-fpu.md discusses each).  Every
 * operation in the file is implemented, so a row that gets SIGILL where
 * the reference has a result fails the test too.  Everything else must
 * agree.
 *
 * usage: test-fpu-semantics [-v] [-b native|interp] FILE.tsv.gz
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
    { "fsqrtid", "the reference's first square-root step is a placeholder "
                 "(returns its input; its README, suspicious result 2)" },
    { "fscales", "the reference scales by a power of two it rounds to f32 "
                 "first (0 * 2^1023 gives NaN, 2^-150 is off by 2); we "
                 "round x * 2^n once" },
    { "fscaled", "the reference scales by a power of two it rounds to f64 "
                 "first (0 * 2^16383 gives NaN, max * 2^-2000 gives 0); "
                 "we round x * 2^n once" },
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
    "two NaN operands: the reference picks by softfloat's x87 rule "
    "(quiet before signaling, then the larger significand); SSE, and we, "
    "return the first NaN operand";

/* Is @v (a result or source column) a NaN of its format? */
static bool is_nan_text(const char *v)
{
    uint64_t x = strtoull(strchr(v, ':') ? strchr(v, ':') + 1 : v, NULL, 16);

    if (strchr(v, ':')) {
        return (strtoull(v, NULL, 16) & 0x7fff) == 0x7fff &&
               (x << 1) != 0;
    }
    if (strlen(v) == 8) {
        return (x & 0x7fffffff) > 0x7f800000;
    }
    if (strlen(v) == 16) {
        return (x & 0x7fffffffffffffffULL) > 0x7ff0000000000000ULL;
    }
    return false;
}

/* A row where both results are NaNs chosen from two or more NaN
   sources: the NaN selection rule differs (see nan_choice). */
static bool nan_choice_row(char **f, uint64_t got)
{
    char buf[32];
    int i, n = 0;

    for (i = 2; i < 5; i++) {
        n += strcmp(f[i], "-") && is_nan_text(f[i]);
    }
    snprintf(buf, sizeof(buf), strlen(f[5]) == 8 ? "%08" PRIx64 :
             "%016" PRIx64, got);
    return n >= 2 && is_nan_text(f[5]) && !strchr(f[5], ':') &&
           is_nan_text(buf);
}

/* "hex" or "eeee:hex" (f80): the low 64 bits and the extension. */
static void parse_value(const char *s, uint64_t *lo, uint64_t *hi)
{
    const char *colon = strchr(s, ':');

    if (colon) {
        *hi = strtoull(s, NULL, 16);
        *lo = strtoull(colon + 1, NULL, 16);
    } else {
        *hi = 0;
        *lo = strtoull(s, NULL, 16);
    }
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
    bool verbose;
    Error *err = NULL;
    gzFile gz;
    char line[1024];
    CPUE2KState *env;
    int64_t code, stacks;
    uint64_t slot;
    int total = 0, agree = 0, differ = 0, known_differ = 0, skipped = 0;
    int unimpl = 0;
    int i;

    if ((i = semantics_setup(argc, argv, "e16c", 6, &run)) != 0) {
        return i;
    }
    verbose = run.verbose;
    env = run.env;
    code = run.code;
    stacks = run.stacks;
    gz = run.gz;
    slot = code;
    while (gzgets(gz, line, sizeof(line))) {
        char *f[8], *ops[8], *asmtext, *nl;
        uint8_t *out;
        E2KAsmEnv aenv = { .isa = 6 };
        int nf = 0, nops, len, excp;
        uint64_t res, res_hi = 0, want = 0, want_hi = 0;
        bool want_trap, is_pred, is32, is80;
        int want_sig = 0;
        char *tok, *save = NULL;

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
        want_trap = strncmp(f[6], "trap:", 5) == 0;
        if (want_trap) {
            want_sig = !strcmp(f[6], "trap:SIGILL") ? 4 :
                       !strcmp(f[6], "trap:SIGFPE") ? 8 : -1;
        }
        is_pred = strlen(f[5]) == 1;
        is80 = strchr(f[5], ':') != NULL;
        if (!want_trap && !is80 && strlen(f[5]) != 1 && strlen(f[5]) != 8 &&
            strlen(f[5]) != 16) {
            skipped++;
            continue;
        }
        is32 = strlen(f[5]) == 8;
        if (!want_trap) {
            parse_value(f[5], &want, &want_hi);
        }

        asmtext = g_strdup(f[1]);
        nops = split_ops(asmtext, ops, 8);
        aenv.pc = slot;
        out = g2h(slot);
        /* translated code write-protects its page: open it again (this
           invalidates the translations made from it, as a guest store
           would) */
        if (!(page_get_flags(slot) & PAGE_WRITE)) {
            page_unprotect(slot, 0);
        }
        len = e2k_asm_encode(&aenv, (const char *const *)ops, nops, true, out,
                             &err);
        g_free(asmtext);
        if (len <= 0 || len > SLOT - 16) {
            if (verbose) {
                fprintf(stderr, "skip (encode): %s: %s\n", f[1],
                        err ? error_get_pretty(err) : "?");
            }
            error_free(err);
            err = NULL;
            skipped++;
            slot += SLOT;
            continue;
        }
        /* an invalid wide instruction stops execution after the bundle */
        stl_le_p(out + len, 0x00000800);
        stl_le_p(out + len + 4, 0);

        e2k_cpu_reset_for_exec(env, slot, stacks + (1 << 20), stacks,
                               1 << 20, stacks, 512 << 10,
                               stacks + (512 << 10), 256 << 10);
        env->wd_size = 16;
        env->pf = 1ULL << 2;        /* %pred0 = 0, %pred1 = 1 */
        for (i = 0; i < 3; i++) {
            if (strcmp(f[2 + i], "-")) {
                parse_value(f[2 + i], &env->wptr[1 + i].lo,
                            &env->wptr[1 + i].hi);
            }
        }
        env->wptr[4].lo = 0;
        env->wptr[4].hi = 0;
        /* the reference ran each case with all flags as the kernel
           leaves them and the default modes */
        env->fpu.pfpfr = PFPFR_INIT;

        excp = e2k_cpu_exec(env);
        if (excp != EXCP_SIGNAL) {
            fprintf(stderr, "%s: unexpected event %d\n", f[1], excp);
            differ++;
            slot += SLOT;
            continue;
        }
        if (env->ip == slot) {
            /* the operation itself trapped */
            if (want_trap && env->exc_signal == want_sig) {
                agree++;
            } else if (env->exc_signal == 4 && !known_reason(f[0])) {
                unimpl++;
                if (verbose) {
                    fprintf(stderr, "UNIMPL %s\n", f[1]);
                }
            } else {
                const char *why = known_reason(f[0]);

                if (why) {
                    known_differ++;
                } else {
                    differ++;
                }
                if (verbose || !why) {
                    fprintf(stderr, "DIFF %s  srcs %s %s %s: trapped with "
                            "signal %d, reference: %s %s\n", f[1], f[2],
                            f[3], f[4], env->exc_signal, f[5], f[6]);
                }
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
        if (is_pred) {
            res = (env->pf >> 4) & 1;       /* %pred2 */
        } else {
            res = env->wptr[4].lo;
            res_hi = is80 ? env->wptr[4].hi & 0xffff : 0;
            if (is32) {
                res &= 0xffffffffULL;
            }
        }
        if (!want_trap && res == want && res_hi == want_hi) {
            agree++;
        } else {
            const char *why = known_reason(f[0]);

            if (!why && !want_trap && !is_pred && nan_choice_row(f, res)) {
                why = nan_choice;
            }

            if (why) {
                known_differ++;
            } else {
                differ++;
            }
            if (verbose || !why) {
                fprintf(stderr, "DIFF %s  srcs %s %s %s: got %04" PRIx64
                        ":%016" PRIx64 ", reference: %s %s (%s)\n", f[1], f[2],
                        f[3], f[4], res_hi, res, f[5], f[6], why ? why : "");
            }
        }
        slot += SLOT;
        if (slot + SLOT > (uint64_t)code + (32 << 20)) {
            fprintf(stderr, "too many vectors for the code area\n");
            break;
        }
    }
    gzclose(gz);
    e2k_cpu_free(env);
    printf("fpu semantics: %d vectors, %d agree, %d differ (%d known "
           "reference bugs), %d not implemented (SIGILL), %d skipped; "
           "agreement %.2f%%\n",
           total, agree, differ + known_differ, known_differ, unimpl, skipped,
           total - skipped ? 100.0 * agree / (total - skipped) : 0.0);
    return differ || unimpl ? 1 : 0;
}
