/*
 * mkbadelf REFDIR OUTDIR: write every malformed ELF variant of
 * bad-elf.c to OUTDIR/<name>.elf and print "<name>\t<expected phrase>"
 * per line, for run-cli-tests.sh to feed to qemu-e2k.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "bad-elf.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: mkbadelf REFDIR OUTDIR\n");
        return 2;
    }
    for (size_t i = 0; i < n_bad_elfs; i++) {
        const BadElf *b = &bad_elfs[i];
        g_autofree char *in = g_strdup_printf("%s/%s.ref.elf", argv[1], b->base);
        g_autofree char *out = g_strdup_printf("%s/%s.elf", argv[2], b->name);
        g_autoptr(GError) err = NULL;
        gchar *data;
        gsize len;
        GByteArray *e;

        if (!g_file_get_contents(in, &data, &len, &err)) {
            fprintf(stderr, "mkbadelf: %s\n", err->message);
            return 1;
        }
        e = g_byte_array_new_take((guint8 *)data, len);
        b->mutate(e);
        if (!g_file_set_contents(out, (const gchar *)e->data, e->len, &err)) {
            fprintf(stderr, "mkbadelf: %s\n", err->message);
            return 1;
        }
        g_byte_array_unref(e);
        printf("%s\t%s\n", b->name, b->expect);
    }
    return 0;
}
