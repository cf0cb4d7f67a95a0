/*
 * decode-rules: e2k_bundle_check() against the bytes of the reference
 * assembler (tests/asm/data/vectors-vN.tsv.gz, v2..v6): every wide
 * instruction the reference assembler produces must be legal.  The
 * rules themselves are checked by the guest programs in
 * tests/tcg/e2k/decode/ (a bundle that faults beside its legal twin).
 *
 * Usage: decode-rules DATA_DIR [-v]
 *        decode-rules --elf ISA FILE...   (every bundle of each .text)
 *
 * Copyright (c) the qemu-e2k project authors.  GPL-2.0-or-later.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
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

/*
 * The lines of @text, split in place (the array points into @text).
 * Not g_strsplit: it calls strstr on the rest of the text for each line,
 * and ASan's strstr measures that rest every time, which made this test
 * quadratic in the size of the vectors under --enable-sanitizers.
 */
static char **split_lines(char *text)
{
    GPtrArray *a = g_ptr_array_new();

    for (char *p = text; p; ) {
        char *nl = strchr(p, '\n');

        g_ptr_array_add(a, p);
        if (nl) {
            *nl = '\0';
            p = nl + 1;
        } else {
            p = NULL;
        }
    }
    g_ptr_array_add(a, NULL);
    return (char **)g_ptr_array_free(a, FALSE);
}

static uint64_t rd_le(const uint8_t *p, int n)
{
    uint64_t v = 0;

    while (n--) {
        v = (v << 8) | p[n];
    }
    return v;
}

/* Every wide instruction of the .text of ELF @path must pass the rules.
   Returns the number that do not, -1 for a file we cannot read. */
static int check_elf(const char *path, int isa, int *total)
{
    gchar *data = NULL;
    gsize size = 0;
    const uint8_t *e;
    uint64_t shoff, i;
    unsigned shentsize, shnum, shstrndx;
    int bad = 0;
    GHashTable *apb;        /* offsets an ldisp %ctpr2 points at */

    if (!g_file_get_contents(path, &data, &size, NULL)) {
        return -1;
    }
    e = (const uint8_t *)data;
    if (size < 64 || memcmp(e, "\177ELF", 4) || e[4] != 2) {
        g_free(data);
        return -1;
    }
    shoff = rd_le(e + 0x28, 8);
    shentsize = rd_le(e + 0x3a, 2);
    shnum = rd_le(e + 0x3c, 2);
    shstrndx = rd_le(e + 0x3e, 2);
    if (shentsize < 64 || shstrndx >= shnum || shoff > size ||
        (uint64_t)shnum * shentsize > size - shoff) {
        g_free(data);
        return -1;
    }
    apb = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (i = 0; i < shnum; i++) {
        const uint8_t *sh = e + shoff + i * shentsize;
        const uint8_t *str = e + shoff + shstrndx * shentsize;
        uint64_t stroff = rd_le(str + 0x18, 8), name = rd_le(sh, 4);
        uint64_t off = rd_le(sh + 0x18, 8), sz = rd_le(sh + 0x20, 8);
        uint64_t pos = 0;

        if (stroff > size || name > size - stroff || size - stroff - name < 6 ||
            memcmp(e + stroff + name, ".text", 6) || off > size ||
            sz > size - off) {
            continue;
        }
        while (pos + 8 <= sz) {
            Error *err = NULL;
            E2KBundle b;
            int l;

            if (g_hash_table_contains(apb, GSIZE_TO_POINTER(pos))) {
                /* the fapb program an ldisp %ctpr2 points at: data, 16
                   bytes an entry, up to the one with ct=1 (bit 31) */
                unsigned n;

                for (n = 0; n < 32 && pos + 16 <= sz; n++) {
                    pos += 16;
                    if (rd_le(e + off + pos - 16, 4) >> 31) {
                        break;
                    }
                }
                continue;
            }
            l = e2k_decode_bundle(e + off + pos, sz - pos, isa, &b, &err);
            if (l > 0 && b.has_cs0 && b.cs0 >> 30 == 2 &&
                ((b.cs0 >> 28) & 3) == 1) {
                /* ldisp %ctpr2: 8-byte units from this wide instruction */
                int32_t disp = (int32_t)(b.cs0 << 4) >> 4;

                g_hash_table_add(apb, GSIZE_TO_POINTER(pos + (int64_t)disp * 8));
            }
            (*total)++;
            if (l < 0 || e2k_bundle_check(&b, isa, &err) != E2K_BUNDLE_OK) {
                bad++;
                printf("%s+0x%" PRIx64 ": %s\n", path, pos,
                       error_get_pretty(err));
                error_free(err);
                if (l < 0) {
                    break;
                }
            }
            pos += l;
        }
        g_hash_table_remove_all(apb);
    }
    g_hash_table_destroy(apb);
    g_free(data);
    return bad;
}

int main(int argc, char **argv)
{
    bool verbose = argc > 2 && !strcmp(argv[2], "-v");
    int isa, total = 0, failed = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: %s DATA_DIR [-v]\n"
                "       %s --elf ISA FILE...\n", argv[0], argv[0]);
        return 2;
    }
    if (!strcmp(argv[1], "--elf") && argc >= 4) {
        int i;

        isa = atoi(argv[2]);
        for (i = 3; i < argc; i++) {
            int n = 0, bad = check_elf(argv[i], isa, &n);

            if (bad < 0) {
                fprintf(stderr, "%s: not an ELF file we can read\n", argv[i]);
                return 1;
            }
            printf("%s: %d wide instructions, %d rejected\n", argv[i], n, bad);
            total += n;
            failed += bad;
        }
        printf("%d passed, %d failed\n", total - failed, failed);
        return failed ? 1 : 0;
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
        lines = split_lines(text);
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
        g_free(lines);
        g_free(text);
        printf("v%d: %d wide instructions, %d rejected\n", isa, n, bad);
        total += n;
        failed += bad;
    }
    printf("%d passed, %d failed\n", total - failed, failed);
    return failed ? 1 : 0;
}
