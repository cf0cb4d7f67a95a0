/*
 * decode-rules: e2k_bundle_check() against the bytes of the reference
 * assembler (tests/asm/data/vectors-vN.tsv.gz, v2..v6): every wide
 * instruction the reference assembler produces must be legal.  The
 * rules themselves are checked by the guest programs in
 * tests/tcg/e2k/decode/ (a bundle that faults beside its legal twin).
 *
 * Usage: decode-rules DATA_DIR [-v]
 *
 * Copyright (c) the qemu-e2k project authors.  GPL-2.0-or-later.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <zlib.h>

#include "target/e2k/decode.h"

static char *read_gz(const char *path)
{
    gzFile f = gzopen(path, "rb");
    GString *s;
    char buf[65536];
    int n;

    if (!f) {
        return NULL;
    }
    s = g_string_new(NULL);
    while ((n = gzread(f, buf, sizeof(buf))) > 0) {
        g_string_append_len(s, buf, n);
    }
    gzclose(f);
    return g_string_free(s, FALSE);
}

int main(int argc, char **argv)
{
    bool verbose = argc > 2 && !strcmp(argv[2], "-v");
    int isa, total = 0, failed = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: %s DATA_DIR [-v]\n", argv[0]);
        return 2;
    }
    for (isa = 2; isa <= 6; isa++) {
        char *name = g_strdup_printf("%s/vectors-v%d.tsv.gz", argv[1], isa);
        char *text = read_gz(name);
        char **lines;
        int j, n = 0, bad = 0;

        if (!text) {
            fprintf(stderr, "cannot read %s\n", name);
            return 1;
        }
        g_free(name);
        lines = g_strsplit(text, "\n", -1);
        g_free(text);
        for (j = 1; lines[j]; j++) {
            char **f = g_strsplit(lines[j], "\t", 3);
            uint8_t buf[E2K_BUNDLE_MAX_BYTES * 4];
            size_t len = 0, off = 0;
            E2KBundle b;

            if (!f[0] || !f[1] || strstr(f[0], "fapb")) {
                /* fapb: an array prefetch program, not wide instructions */
                g_strfreev(f);
                continue;
            }
            while (f[1][2 * len] && f[1][2 * len + 1] && len < sizeof(buf)) {
                buf[len] = g_ascii_xdigit_value(f[1][2 * len]) * 16 +
                           g_ascii_xdigit_value(f[1][2 * len + 1]);
                len++;
            }
            /* a vector may hold several wide instructions */
            while (off < len) {
                Error *err = NULL;
                int l = e2k_decode_bundle(buf + off, len - off, isa, &b, &err);

                n++;
                if (l < 0) {
                    bad++;
                    if (verbose) {
                        printf("v%d split: %s: %s\n", isa, f[0],
                               error_get_pretty(err));
                    }
                    error_free(err);
                    break;
                }
                if (e2k_bundle_check(&b, isa, &err) != E2K_BUNDLE_OK) {
                    bad++;
                    if (verbose) {
                        printf("v%d: %s: %s\n", isa, f[0],
                               error_get_pretty(err));
                    }
                    error_free(err);
                }
                off += l;
            }
            g_strfreev(f);
        }
        g_strfreev(lines);
        printf("v%d: %d wide instructions, %d rejected\n", isa, n, bad);
        total += n;
        failed += bad;
    }
    printf("%d passed, %d failed\n", total - failed, failed);
    return failed ? 1 : 0;
}
