/*
 * e2k disassembler (see disas.h).
 *
 * Copyright (c) the qemu-e2k project authors.  GPL-2.0-or-later.
 */
#include "decode.h"
#include "disas.h"

int e2k_disas_bundle(const uint8_t *p, size_t avail, uint64_t pc, int isa,
                     GString *out)
{
    E2KBundle b;
    int len = e2k_decode_bundle(p, avail, isa, &b, NULL);
    if (len < 0) {
        g_string_append(out, "<invalid>");
        return -1;
    }
    g_string_append(out, "{ }");
    return len;
}
