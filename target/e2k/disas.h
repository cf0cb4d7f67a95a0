/*
 * e2k disassembler: one wide instruction -> text in the reference
 * assembler's syntax ("{ addd,0 %dr0, 0x1, %dr1 ; ct %ctpr1 ? %pred0 }"),
 * which our assembler (e2k_asm_encode, with objdump_store_order set, i.e.
 * stores printed as `stX,ch addr1, addr2, value`) turns back into the same
 * bytes.  Used by the golden-vector tests and by `qemu-e2k -d in_asm`.
 *
 * Copyright (c) the qemu-e2k project authors.  GPL-2.0-or-later.
 */
#ifndef TARGET_E2K_DISAS_H
#define TARGET_E2K_DISAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/*
 * Append the text of the bundle at @p (address @pc) to @out, without a
 * trailing newline.  Returns the bundle length in bytes, or -1 if the bytes
 * are not a valid bundle (then "<invalid>" is appended).  Reads at most
 * @avail bytes.
 */
int e2k_disas_bundle(const uint8_t *p, size_t avail, uint64_t pc, int isa,
                     GString *out);

/*
 * Append the text of the array-prefetch (APB) entry at @p to @out: the
 * 16 bytes a `{ fapb ... ; fapb ... }` line assembles to (an entry of the
 * fapb program an `ldisp %ctpr2` points at; it is data, not a bundle).
 * Returns 16, or -1 if fewer than 16 bytes are available.  Sets *@last
 * when the entry is the program's last one (ct=1 in its left half).
 */
int e2k_disas_apb(const uint8_t *p, size_t avail, GString *out, bool *last);

#endif /* TARGET_E2K_DISAS_H */
