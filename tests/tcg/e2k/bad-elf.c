/*
 * The malformed ELF variants (see bad-elf.h).  Offsets are those of the
 * ELF64 header (e_machine at 18, e_entry 24, e_phoff 32, e_flags 48,
 * e_phentsize 54, e_phnum 56) and of a 56-byte program header (p_type 0,
 * p_offset 8, p_vaddr 16, p_filesz 32, p_memsz 40, p_align 48).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "qemu/bswap.h"
#include "bad-elf.h"

#define PHOFF 64                 /* both reference programs put them here */
#define PH(n, field) (PHOFF + 56 * (n) + (field))

static void truncate_to(GByteArray *e, guint len)
{
    g_byte_array_set_size(e, MIN(len, e->len));
}

static void m_empty(GByteArray *e) { truncate_to(e, 0); }
static void m_trunc_ident(GByteArray *e) { truncate_to(e, 10); }
static void m_trunc_header(GByteArray *e) { truncate_to(e, 40); }
static void m_trunc_phdrs(GByteArray *e) { truncate_to(e, 100); }
static void m_trunc_segment(GByteArray *e) { truncate_to(e, 200); }
static void m_bad_magic(GByteArray *e) { e->data[1] = 'X'; }
static void m_class32(GByteArray *e) { e->data[4] = 1; }
static void m_bad_class(GByteArray *e) { e->data[4] = 7; }
static void m_big_endian(GByteArray *e) { e->data[5] = 2; }
static void m_machine_x86_64(GByteArray *e) { stw_le_p(e->data + 18, 62); }
static void m_machine_aarch64(GByteArray *e) { stw_le_p(e->data + 18, 183); }
static void m_not_exec(GByteArray *e) { stw_le_p(e->data + 16, 1); }
static void m_protected(GByteArray *e)
{
    stl_le_p(e->data + 48, ldl_le_p(e->data + 48) | 0x20);
}
static void m_unknown_mach(GByteArray *e) { stl_le_p(e->data + 48, 0x63000000); }
static void m_phentsize(GByteArray *e) { stw_le_p(e->data + 54, 32); }
static void m_phnum0(GByteArray *e) { stw_le_p(e->data + 56, 0); }
static void m_phnum_big(GByteArray *e) { stw_le_p(e->data + 56, 0xffff); }
static void m_phoff_huge(GByteArray *e)
{
    stq_le_p(e->data + 32, 0xffffffffffffff00ULL);
}
static void m_phoff_past_end(GByteArray *e) { stq_le_p(e->data + 32, e->len - 8); }
static void m_filesz_gt_memsz(GByteArray *e)
{
    stq_le_p(e->data + PH(0, 40), ldq_le_p(e->data + PH(0, 32)) - 1);
}
static void m_offset_huge(GByteArray *e)
{
    stq_le_p(e->data + PH(0, 8), 0xfffffffffffffff0ULL);
}
static void m_filesz_huge(GByteArray *e)
{
    stq_le_p(e->data + PH(0, 32), 0x7fffffffffffffffULL);
    stq_le_p(e->data + PH(0, 40), 0x7fffffffffffffffULL);
}
static void m_vaddr_wrap(GByteArray *e)
{
    stq_le_p(e->data + PH(0, 16), 0xfffffffffffff000ULL);
    stq_le_p(e->data + PH(0, 48), 0x1000);
}
static void m_memsz_huge(GByteArray *e)
{
    stq_le_p(e->data + PH(0, 40), 0x0000800000000000ULL);
}
static void m_align_not_pow2(GByteArray *e) { stq_le_p(e->data + PH(0, 48), 0x3000); }
static void m_align_mismatch(GByteArray *e)
{
    /* p_vaddr - p_offset is no longer a multiple of p_align. */
    stq_le_p(e->data + PH(0, 16), ldq_le_p(e->data + PH(0, 16)) + 0x100);
}
static void m_no_load(GByteArray *e) { stl_le_p(e->data + PH(0, 0), 4); }
static void m_entry_outside(GByteArray *e) { stq_le_p(e->data + 24, 0x5000000); }
/* gcd: the text segment grows over the data segment. */
static void m_overlap(GByteArray *e) { stq_le_p(e->data + PH(0, 40), 0x2000); }
/* gcd: segments listed in descending address order. */
static void m_unsorted(GByteArray *e)
{
    guint8 tmp[56];
    memcpy(tmp, e->data + PH(0, 0), 56);
    memcpy(e->data + PH(0, 0), e->data + PH(1, 0), 56);
    memcpy(e->data + PH(1, 0), tmp, 56);
}
/* gcd: the data segment becomes PT_INTERP. */
static void m_interp(GByteArray *e) { stl_le_p(e->data + PH(1, 0), 3); }

const BadElf bad_elfs[] = {
    { "empty", "hello", m_empty, "not an ELF file" },
    { "trunc-ident", "hello", m_trunc_ident, "truncated file" },
    { "trunc-header", "hello", m_trunc_header, "truncated file" },
    { "trunc-phdrs", "hello", m_trunc_phdrs, "truncated file: program header" },
    { "trunc-segment", "hello", m_trunc_segment, "truncated file: segment 0" },
    { "bad-magic", "hello", m_bad_magic, "not an ELF file" },
    { "elfclass32", "hello", m_class32, "32-bit" },
    { "bad-class", "hello", m_bad_class, "invalid ELF class" },
    { "big-endian", "hello", m_big_endian, "little-endian" },
    { "machine-x86-64", "hello", m_machine_x86_64, "wrong machine: e_machine is 62" },
    { "machine-aarch64", "hello", m_machine_aarch64, "wrong machine" },
    { "not-exec", "hello", m_not_exec, "not an executable" },
    { "protected-mode", "hello", m_protected, "protected-mode" },
    { "unknown-mach", "hello", m_unknown_mach, "unknown e2k machine" },
    { "phentsize", "hello", m_phentsize, "bad program headers" },
    { "phnum-zero", "hello", m_phnum0, "bad program headers" },
    { "phnum-xnum", "hello", m_phnum_big, "bad program headers" },
    { "phoff-huge", "hello", m_phoff_huge, "program header table" },
    { "phoff-past-end", "hello", m_phoff_past_end, "program header table" },
    { "filesz-gt-memsz", "hello", m_filesz_gt_memsz, "bad program header 0" },
    { "offset-huge", "hello", m_offset_huge, "truncated file: segment 0" },
    { "filesz-huge", "hello", m_filesz_huge, "truncated file: segment 0" },
    { "vaddr-wrap", "hello", m_vaddr_wrap, "does not fit" },
    { "memsz-huge", "hello", m_memsz_huge, "does not fit" },
    { "align-not-pow2", "hello", m_align_not_pow2, "power of two" },
    { "align-mismatch", "hello", m_align_mismatch, "alignment" },
    { "no-load", "hello", m_no_load, "no loadable segment" },
    { "entry-outside", "hello", m_entry_outside, "entry point" },
    { "overlap", "gcd", m_overlap, "overlapping segments" },
    { "unsorted", "gcd", m_unsorted, "ascending address order" },
    { "interp", "gcd", m_interp, "PT_INTERP" },
};
const size_t n_bad_elfs = G_N_ELEMENTS(bad_elfs);
