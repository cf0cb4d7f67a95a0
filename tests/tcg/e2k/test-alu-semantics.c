/*
 * ALU execution vectors through the translator.
 *
 * alu/semantics-v3.tsv.gz holds the integer-operation rows of an older
 * e2k emulator's execution vectors (ISA v3): the bundle text, the source
 * register values and the result (or the signal it trapped with).  Each
 * row is assembled with our encoder, placed in guest memory followed by
 * an invalid wide instruction (so execution stops right after it with a
 * SIGILL at a known address), and run through the real translator and
 * TCG backend.  The result in %r4/%dr4 (or %pred2) is compared.
 *
 * The reference emulator has known bugs, so a disagreement is not
 * automatically ours: rows whose operation is listed in `known' below are
 * counted separately with the reason we believe the reference is wrong.
 * Everything else must agree.  The summary line reports the agreement.
 *
 * usage: test-alu-semantics [-v] [-b native|interp] FILE.tsv.gz
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
    bool zero_divisor_only;     /* only rows whose src2 is 0 */
    const char *why;
    bool zero_literal_only;     /* only rows whose src3 (literal) is 0 */
} known[] = {
    { "sdivx", false, "the reference zero-extends the 32-bit divisor of a signed "
               "division (its README, suspicious result 1)" },
    { "smodx", false, "the reference zero-extends the 32-bit divisor of a signed "
               "division (its README, suspicious result 1)" },
    { "sdivd", true, "the reference returns 0 for a zero divisor where its own "
               "udivd traps; we raise SIGFPE for both" },
    { "sdivs", true, "the reference returns 0 for a zero divisor where its own "
               "udivs traps; we raise SIGFPE for both" },
    { "psrlql", false, "for a shift of 0 bytes the reference returns "
                "src1 | src2, not src2 (probably src1 << 64 done by its x86 "
                "host as a shift by 0); its psllqh by 0 does not do the same",
      true },
    { NULL, false, NULL },
};

static const char *known_reason(const char *op, const char *src2,
                                const char *src3)
{
    int i;

    for (i = 0; known[i].op; i++) {
        if (!strcmp(known[i].op, op) &&
            (!known[i].zero_divisor_only || strtoull(src2, NULL, 16) == 0) &&
            (!known[i].zero_literal_only || strtoull(src3, NULL, 16) == 0)) {
            return known[i].why;
        }
    }
    return NULL;
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
    int i;

    if ((i = semantics_setup(argc, argv, "e2s", 3, &run)) != 0) {
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
        E2KAsmEnv aenv = { .isa = 3 };
        int nf = 0, nops, len, excp;
        uint64_t res, want = 0;
        bool want_trap, is_pred, is32;
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
        if (!want_trap && strlen(f[5]) != 1 && strlen(f[5]) != 8 &&
            strlen(f[5]) != 16) {
            skipped++;          /* f80 / 128-bit formats */
            continue;
        }
        is32 = strlen(f[5]) == 8;
        if (!want_trap) {
            want = strtoull(f[5], NULL, 16);
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
                env->wptr[1 + i].lo = strtoull(f[2 + i], NULL, 16);
            }
        }
        env->wptr[4].lo = 0;

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
            } else {
                const char *why = known_reason(f[0], f[3], f[4]);

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
            if (is32) {
                res &= 0xffffffffULL;
            }
        }
        if (!want_trap && res == want) {
            agree++;
        } else {
            const char *why = known_reason(f[0], f[3], f[4]);

            if (why) {
                known_differ++;
            } else {
                differ++;
            }
            if (verbose || !why) {
                fprintf(stderr, "DIFF %s  srcs %s %s %s: got %" PRIx64
                        ", reference: %s %s\n", f[1], f[2], f[3], f[4], res,
                        f[5], f[6]);
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
    printf("alu semantics: %d vectors, %d agree, %d differ (%d known "
           "reference bugs), %d skipped; agreement %.2f%%\n",
           total, agree, differ + known_differ, known_differ, skipped,
           total - skipped ? 100.0 * agree / (total - skipped) : 0.0);
    return differ ? 1 : 0;
}
