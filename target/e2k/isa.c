/*
 * e2k opcode table queries shared by the decoder, the disassembler and the
 * assembler's encoder (the table itself is opcodes-gen.c).
 *
 * Copyright (c) the qemu-e2k project authors.  GPL-2.0-or-later.
 */
#include <string.h>

#include "isa.h"

const E2KOpDesc *e2k_op_lookup_name(const char *name, int isa, unsigned *count)
{
    unsigned lo = 0, hi = e2k_op_table_size, n = 0;
    const E2KOpDesc *first = NULL;
    bool valid = false;

    /* rows are sorted by name: binary search for the first one */
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if (strcmp(e2k_op_table[mid].name, name) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    for (; lo < e2k_op_table_size && !strcmp(e2k_op_table[lo].name, name); lo++) {
        if (!first) {
            first = &e2k_op_table[lo];
        }
        if (!isa || e2k_op_valid_on(&e2k_op_table[lo], isa)) {
            valid = true;
        }
        n++;
    }
    if (!valid) {
        first = NULL;
        n = 0;
    }
    if (count) {
        *count = n;
    }
    return first;
}

bool e2k_op_pair(const E2KOpDesc *d, int chan, int *first, int *second)
{
    int a, b;

    if (!(d->flags & E2K_OPF_PAIR)) {
        return false;
    }
    if (d->chan_mask == 0x24) {
        a = 2, b = 5;
    } else if (d->chan_mask & 2) {
        a = chan < 3 ? 0 : 3;
        b = a + 1;
    } else {
        a = chan < 3 ? 0 : 3;
        b = a + 2;
    }
    if (chan != a && chan != b) {
        return false;
    }
    *first = a;
    *second = b;
    return true;
}
