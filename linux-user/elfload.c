/*
 * Loading an e2k ELF64 executable into guest memory and building the
 * initial process image: user stack with argv/envp/auxv, procedure stack
 * and chain stack.
 *
 * Every field read from the file is untrusted: sizes and offsets are
 * checked against the file size and for overflow before use, and every
 * failure is an Error naming the file and the offending header, never a
 * crash.  The file is read into memory and segments are copied (not
 * file-mapped), so a short or odd file cannot fault later.
 *
 * Facts (OpenE2K linux arch/e2k, binutils elf/e2k.h): e_machine 175
 * (EM_MCST_ELBRUS); e_flags bit 0x20 marks protected mode (128-bit
 * pointers), bits 31:24 name the machine/ISA the code was built for;
 * 32-bit (ELFCLASS32) e2k binaries are the kernel's compatibility mode.
 *
 * Dynamic programs are loaded as the kernel's fs/binfmt_elf.c loads them:
 * the program at its addresses (ET_EXEC) or at a bias (ET_DYN, a page
 * above ET_DYN_BASE chosen at random unless ASLR is off), then the
 * interpreter named by PT_INTERP (under -L first) at a bias of its own in
 * the mmap area; execution starts at the interpreter's entry, and the
 * auxiliary vector tells it where the program is (AT_PHDR, AT_PHNUM,
 * AT_ENTRY) and where it is itself (AT_BASE).  Relocation and symbol
 * lookup are the interpreter's business.  PT_GNU_STACK with PF_X makes
 * the stack executable; PT_TLS is the C library's (the kernel ignores it).
 *
 * Not here: the CPU registers (target/e2k: e2k_cpu_reset_for_exec).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu/log.h"
#include "qemu.h"
#include "proc.h"

/* ELF constants (System V gABI). */
#define EI_NIDENT       16
#define ELFCLASS32      1
#define ELFCLASS64      2
#define ELFDATA2LSB     1
#define EV_CURRENT      1
#define ET_EXEC         2
#define ET_DYN          3
#define PT_LOAD         1
#define PT_INTERP       3
#define PT_PHDR         6
#define PT_TLS          7
#define PT_GNU_STACK    0x6474e551
#define PF_X            1
#define PF_W            2
#define PF_R            4
#define PN_XNUM         0xffff

#define EHDR64_SIZE     64
#define PHDR64_SIZE     56
#define MAX_PHNUM       512
#define MAX_ELF_FILE    ((uint64_t)1 << 30)
#define MAX_INTERP_PATH 4096
/* Where a position-independent static executable (ET_DYN) is placed. */
#define ET_DYN_BASE     ((uint64_t)0x100000)

/* Auxiliary vector types (generic Linux + e2k asm/auxvec.h). */
#define AT_NULL         0
#define AT_PHDR         3
#define AT_PHENT        4
#define AT_PHNUM        5
#define AT_PAGESZ       6
#define AT_BASE         7
#define AT_FLAGS        8
#define AT_ENTRY        9
#define AT_UID          11
#define AT_EUID         12
#define AT_GID          13
#define AT_EGID         14
#define AT_PLATFORM     15
#define AT_HWCAP        16
#define AT_CLKTCK       17
#define AT_SECURE       23
#define AT_RANDOM       25
#define AT_HWCAP2       26
#define AT_EXECFN       31
#define AT_FAST_SYSCALLS 32     /* e2k: the fast system calls there are */
#define AT_SYSTEM_INFO  34      /* e2k: bit 0 = vfork supported */

bool guest_aslr = true;

/* What elf_parse finds beyond ImageInfo. */
typedef struct ElfExtra {
    uint16_t type;
    uint64_t interp_off, interp_len;    /* PT_INTERP, with its NUL; 0: none */
    uint64_t span;          /* bytes from the lowest page to the top */
} ElfExtra;

typedef struct ElfPhdr {
    uint32_t type, flags;
    uint64_t offset, vaddr, filesz, memsz, align;
    unsigned index;
} ElfPhdr;

static const struct {
    unsigned code;
    const char *name;
    int isa;
} e2k_machs[] = {
    { 0, NULL, -1 },               /* any */
    { 2, "elbrus-v2", 2 },
    { 3, "elbrus-v3", 3 },
    { 4, "elbrus-v4", 4 },
    { 5, "elbrus-v5", 5 },
    { 6, "elbrus-v6", 6 },
    { 7, "elbrus-v7", 7 },
    { 19, "elbrus-8c", 4 },
    { 20, "elbrus-1c+", 4 },
    { 21, "elbrus-12c", 6 },
    { 22, "elbrus-16c", 6 },
    { 23, "elbrus-2c3", 6 },
};

const char *e2k_elf_mach_name(unsigned code, int *isa)
{
    for (size_t i = 0; i < G_N_ELEMENTS(e2k_machs); i++) {
        if (e2k_machs[i].code == code) {
            *isa = e2k_machs[i].isa;
            return e2k_machs[i].name ? e2k_machs[i].name : "any";
        }
    }
    *isa = -1;
    return NULL;
}

static const char *machine_name(unsigned m)
{
    switch (m) {
    case 2: return "SPARC";
    case 3: return "Intel 80386";
    case 8: return "MIPS";
    case 20: return "PowerPC";
    case 21: return "PowerPC64";
    case 22: return "IBM S/390";
    case 40: return "ARM";
    case 43: return "SPARC v9";
    case 50: return "IA-64";
    case 62: return "x86-64";
    case 183: return "AArch64";
    case 243: return "RISC-V";
    case 258: return "LoongArch";
    default: return "unknown";
    }
}

static void read_phdrs(const uint8_t *data, uint64_t phoff, unsigned phnum,
                       ElfPhdr *ph)
{
    for (unsigned i = 0; i < phnum; i++) {
        const uint8_t *p = data + phoff + (uint64_t)i * PHDR64_SIZE;
        ph[i].type = ldl_le_p(p);
        ph[i].flags = ldl_le_p(p + 4);
        ph[i].offset = ldq_le_p(p + 8);
        ph[i].vaddr = ldq_le_p(p + 16);
        ph[i].filesz = ldq_le_p(p + 32);
        ph[i].memsz = ldq_le_p(p + 40);
        ph[i].align = ldq_le_p(p + 48);
        ph[i].index = i;
    }
}

static bool check_load_segment(const char *fn, size_t size, const ElfPhdr *p,
                               uint64_t bias, Error **errp)
{
    if (p->filesz > p->memsz) {
        error_setg(errp, "%s: bad program header %u: file size 0x%" PRIx64
                   " is larger than memory size 0x%" PRIx64,
                   fn, p->index, p->filesz, p->memsz);
        return false;
    }
    if (p->offset > size || p->filesz > size - p->offset) {
        error_setg(errp, "%s: truncated file: segment %u needs bytes "
                   "0x%" PRIx64 "..0x%" PRIx64 " but the file has only "
                   "0x%zx bytes", fn, p->index, p->offset,
                   p->offset + p->filesz, size);
        return false;
    }
    if (p->align > 1 && (p->align & (p->align - 1))) {
        error_setg(errp, "%s: bad program header %u: alignment 0x%" PRIx64
                   " is not a power of two", fn, p->index, p->align);
        return false;
    }
    if (p->align > 1 && ((p->vaddr - p->offset) & (p->align - 1))) {
        error_setg(errp, "%s: bad program header %u: address 0x%" PRIx64
                   " and file offset 0x%" PRIx64 " disagree modulo the "
                   "alignment 0x%" PRIx64, fn, p->index, p->vaddr,
                   p->offset, p->align);
        return false;
    }
    if (p->vaddr + bias < p->vaddr ||
        p->memsz > UINT64_MAX - (p->vaddr + bias) ||
        !guest_range_valid(p->vaddr + bias, p->memsz) ||
        TARGET_PAGE_ALIGN(p->vaddr + bias + p->memsz) > guest_space_size ||
        TARGET_PAGE_ALIGN(p->vaddr + bias + p->memsz) <
        p->vaddr + bias + p->memsz) {
        error_setg(errp, "%s: bad program header %u: segment 0x%" PRIx64
                   " + 0x%" PRIx64 " does not fit in the guest address "
                   "space (0x%" PRIx64 " bytes)", fn, p->index, p->vaddr,
                   p->memsz, guest_space_size);
        return false;
    }
    return true;
}

/*
 * The checks shared by elf_check_image and elf_load_image.  On success
 * On success the loads/nloads outputs hold the PT_LOAD headers sorted by address (caller frees).
 */
static bool elf_parse(const char *fn, const uint8_t *data, size_t size,
                      ImageInfo *info, ElfPhdr **loads, unsigned *nloads,
                      uint64_t dyn_addr, ElfExtra *x, Error **errp)
{
    uint16_t type, machine, phentsize, phnum;
    uint32_t version;
    uint64_t phoff, entry, bias = 0;
    ElfPhdr *ph = NULL, *ld = NULL;
    unsigned nld = 0;
    const char *mach;
    int isa;
    bool entry_ok = false;

    memset(info, 0, sizeof(*info));
    info->isa = -1;
    if (size < 4 || memcmp(data, "\x7f" "ELF", 4) != 0) {
        error_setg(errp, "%s: not an ELF file (bad magic)", fn);
        return false;
    }
    if (size < EI_NIDENT) {
        error_setg(errp, "%s: truncated file: ELF identification needs %d "
                   "bytes, the file has %zu", fn, EI_NIDENT, size);
        return false;
    }
    if (data[4] == ELFCLASS32) {
        error_setg(errp, "%s: 32-bit ELF (ELFCLASS32) binaries are not "
                   "supported: e2k 32-bit compatibility mode is not "
                   "emulated, only 64-bit executables", fn);
        return false;
    }
    if (data[4] != ELFCLASS64) {
        error_setg(errp, "%s: invalid ELF class %u", fn, data[4]);
        return false;
    }
    if (data[5] != ELFDATA2LSB) {
        error_setg(errp, "%s: not a little-endian ELF file (EI_DATA %u)",
                   fn, data[5]);
        return false;
    }
    if (data[6] != EV_CURRENT) {
        error_setg(errp, "%s: unsupported ELF version %u", fn, data[6]);
        return false;
    }
    if (size < EHDR64_SIZE) {
        error_setg(errp, "%s: truncated file: the ELF header needs %d bytes, "
                   "the file has %zu", fn, EHDR64_SIZE, size);
        return false;
    }
    type = lduw_le_p(data + 16);
    machine = lduw_le_p(data + 18);
    version = ldl_le_p(data + 20);
    entry = ldq_le_p(data + 24);
    phoff = ldq_le_p(data + 32);
    info->e_flags = ldl_le_p(data + 48);
    phentsize = lduw_le_p(data + 54);
    phnum = lduw_le_p(data + 56);

    if (machine != EM_MCST_ELBRUS) {
        error_setg(errp, "%s: wrong machine: e_machine is %u (%s), "
                   "expected %u (MCST Elbrus e2k)", fn, machine,
                   machine_name(machine), EM_MCST_ELBRUS);
        return false;
    }
    if (version != EV_CURRENT) {
        error_setg(errp, "%s: unsupported ELF version %u in e_version",
                   fn, version);
        return false;
    }
    if (type != ET_EXEC && type != ET_DYN) {
        error_setg(errp, "%s: not an executable (e_type %u)", fn, type);
        return false;
    }
    if (info->e_flags & E2K_EF_PM) {
        error_setg(errp, "%s: protected-mode e2k binaries (e_flags 0x%x "
                   "has 0x%x set) are not supported", fn, info->e_flags,
                   E2K_EF_PM);
        return false;
    }
    mach = e2k_elf_mach_name(info->e_flags >> E2K_EF_MACH_SHIFT, &isa);
    if (!mach) {
        error_setg(errp, "%s: unknown e2k machine code %u in e_flags 0x%x",
                   fn, info->e_flags >> E2K_EF_MACH_SHIFT, info->e_flags);
        return false;
    }
    info->isa = isa;
    info->mach_name = isa >= 0 ? mach : NULL;

    if (phentsize != PHDR64_SIZE) {
        error_setg(errp, "%s: bad program headers: e_phentsize is %u, "
                   "expected %d", fn, phentsize, PHDR64_SIZE);
        return false;
    }
    if (phnum == 0) {
        error_setg(errp, "%s: bad program headers: there are none "
                   "(e_phnum 0)", fn);
        return false;
    }
    if (phnum == PN_XNUM || phnum > MAX_PHNUM) {
        error_setg(errp, "%s: bad program headers: e_phnum %u is more "
                   "than %d", fn, phnum, MAX_PHNUM);
        return false;
    }
    if (phoff > size || (uint64_t)phnum * PHDR64_SIZE > size - phoff) {
        error_setg(errp, "%s: truncated file: program header table at "
                   "offset 0x%" PRIx64 " (%u entries of %d bytes) extends "
                   "beyond the end of the file (0x%zx bytes)", fn, phoff,
                   phnum, PHDR64_SIZE, size);
        return false;
    }
    ph = g_new0(ElfPhdr, phnum);
    ld = g_new0(ElfPhdr, phnum);
    read_phdrs(data, phoff, phnum, ph);

    memset(x, 0, sizeof(*x));
    x->type = type;
    for (unsigned i = 0; i < phnum; i++) {
        if (ph[i].type == PT_INTERP && !x->interp_len) {
            const ElfPhdr *p = &ph[i];
            if (p->offset > size || p->filesz > size - p->offset) {
                error_setg(errp, "%s: truncated file: the interpreter path "
                           "(PT_INTERP, program header %u) needs bytes "
                           "0x%" PRIx64 "..0x%" PRIx64 " but the file has "
                           "only 0x%zx bytes", fn, i, p->offset,
                           p->offset + p->filesz, size);
                goto fail;
            }
            if (p->filesz < 2 || p->filesz > MAX_INTERP_PATH ||
                data[p->offset + p->filesz - 1] != 0 ||
                strlen((const char *)data + p->offset) != p->filesz - 1) {
                error_setg(errp, "%s: bad program header %u: the "
                           "interpreter path (PT_INTERP) is not one "
                           "NUL-terminated string of at most %d bytes",
                           fn, i, MAX_INTERP_PATH);
                goto fail;
            }
            x->interp_off = p->offset;
            x->interp_len = p->filesz;
        }
        if (ph[i].type == PT_GNU_STACK) {
            info->exec_stack = (ph[i].flags & PF_X) != 0;
        }
        if (ph[i].type == PT_LOAD && ph[i].memsz != 0) {
            ld[nld++] = ph[i];
        }
    }
    if (nld == 0) {
        error_setg(errp, "%s: bad program headers: no loadable segment", fn);
        goto fail;
    }
    /* The gABI wants PT_LOAD in ascending address order. */
    for (unsigned i = 1; i < nld; i++) {
        if (ld[i].vaddr < ld[i - 1].vaddr) {
            error_setg(errp, "%s: bad program headers: loadable segments "
                       "%u and %u are not in ascending address order",
                       fn, ld[i - 1].index, ld[i].index);
            goto fail;
        }
    }
    if (type == ET_DYN) {
        bias = (dyn_addr ? dyn_addr : ET_DYN_BASE) -
               (ld[0].vaddr & TARGET_PAGE_MASK);
    }
    info->load_bias = bias;
    for (unsigned i = 0; i < nld; i++) {
        if (!check_load_segment(fn, size, &ld[i], bias, errp)) {
            goto fail;
        }
        if (i > 0 && ld[i - 1].vaddr + ld[i - 1].memsz > ld[i].vaddr) {
            error_setg(errp, "%s: overlapping segments: segment %u "
                       "(0x%" PRIx64 "..0x%" PRIx64 ") overlaps segment %u "
                       "(0x%" PRIx64 "..0x%" PRIx64 ")", fn,
                       ld[i - 1].index, ld[i - 1].vaddr,
                       ld[i - 1].vaddr + ld[i - 1].memsz, ld[i].index,
                       ld[i].vaddr, ld[i].vaddr + ld[i].memsz);
            goto fail;
        }
        if ((ld[i].flags & PF_X) && entry >= ld[i].vaddr &&
            entry - ld[i].vaddr < ld[i].memsz) {
            entry_ok = true;
        }
    }
    if (!entry_ok) {
        error_setg(errp, "%s: entry point 0x%" PRIx64 " is not inside an "
                   "executable segment", fn, entry);
        goto fail;
    }

    info->entry = entry + bias;
    info->load_addr = (ld[0].vaddr + bias) & TARGET_PAGE_MASK;
    info->start_code = info->start_data = UINT64_MAX;
    for (unsigned i = 0; i < nld; i++) {
        uint64_t lo = ld[i].vaddr + bias, hi = lo + ld[i].memsz;
        if (ld[i].flags & PF_X) {
            info->start_code = MIN(info->start_code, lo);
            info->end_code = MAX(info->end_code, lo + ld[i].filesz);
        } else {
            info->start_data = MIN(info->start_data, lo);
            info->end_data = MAX(info->end_data, lo + ld[i].filesz);
        }
        info->brk = MAX(info->brk, hi);
        /* The program headers are visible in memory when a segment's file
           bytes contain them. */
        if (!info->phdr_addr && phoff >= ld[i].offset &&
            phoff + (uint64_t)phnum * PHDR64_SIZE <=
            ld[i].offset + ld[i].filesz) {
            info->phdr_addr = lo + (phoff - ld[i].offset);
        }
    }
    for (unsigned i = 0; i < phnum; i++) {
        if (ph[i].type == PT_PHDR) {
            info->phdr_addr = ph[i].vaddr + bias;
        }
    }
    if (info->start_data == UINT64_MAX) {
        info->start_data = info->end_data = info->brk;
    }
    info->phnum = phnum;
    info->start_pc = info->entry;
    x->span = TARGET_PAGE_ALIGN(info->brk) - info->load_addr;
    g_free(ph);
    *loads = ld;
    *nloads = nld;
    return true;

fail:
    g_free(ph);
    g_free(ld);
    return false;
}

bool elf_check_image(const char *filename, const uint8_t *data, size_t size,
                     ImageInfo *info, Error **errp)
{
    ElfPhdr *ld;
    unsigned nld;
    ElfExtra x;

    if (!guest_space_size) {
        error_setg(errp, "guest address space not initialised");
        return false;
    }
    if (!elf_parse(filename, data, size, info, &ld, &nld, 0, &x, errp)) {
        return false;
    }
    g_free(ld);
    return true;
}

static int target_prot_of(uint32_t pflags)
{
    return (pflags & PF_R ? TARGET_PROT_READ : 0) |
           (pflags & PF_W ? TARGET_PROT_WRITE : 0) |
           (pflags & PF_X ? TARGET_PROT_EXEC : 0);
}

/* Parse and map an image, an ET_DYN one with its lowest page at
 * @dyn_addr (0: ET_DYN_BASE); the program (@set_brk) also sets the break. */
static bool elf_map_image(const char *filename, const uint8_t *data,
                          size_t size, ImageInfo *info, uint64_t dyn_addr,
                          bool set_brk, ElfExtra *x, Error **errp)
{
    ElfPhdr *ld;
    unsigned nld;
    uint64_t bias, mapped_end = 0;
    int *page_prot_lo, *page_prot_hi;

    if (!guest_space_size) {
        error_setg(errp, "guest address space not initialised");
        return false;
    }
    if (!elf_parse(filename, data, size, info, &ld, &nld, dyn_addr, x,
                   errp)) {
        return false;
    }
    bias = info->load_addr - (ld[0].vaddr & TARGET_PAGE_MASK);
    page_prot_lo = g_new0(int, nld);
    page_prot_hi = g_new0(int, nld);

    /* Map every segment's pages writable and copy its bytes in.  A page
       shared by two segments is mapped once. */
    for (unsigned i = 0; i < nld; i++) {
        uint64_t vaddr = ld[i].vaddr + bias;
        uint64_t lo = vaddr & TARGET_PAGE_MASK;
        uint64_t hi = TARGET_PAGE_ALIGN(vaddr + ld[i].memsz);
        uint64_t from = MAX(lo, mapped_end);
        int64_t r;

        if (from < hi) {
            r = target_mmap(from, hi - from,
                            TARGET_PROT_READ | TARGET_PROT_WRITE,
                            TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS |
                            TARGET_MAP_FIXED, -1, 0);
            if (r < 0) {
                error_setg_errno(errp, (int)-r, "%s: cannot map segment %u "
                                 "at 0x%" PRIx64, filename, ld[i].index,
                                 from);
                goto fail;
            }
        }
        mapped_end = MAX(mapped_end, hi);
        memcpy(g2h(vaddr), data + ld[i].offset, ld[i].filesz);
        /* The bss is zero: fresh anonymous pages already are; only the
           tail of the last file-backed page may hold bytes of a previous
           segment sharing it.  Never touch more (memsz is untrusted and
           may be huge: those pages stay lazily allocated). */
        {
            uint64_t z = vaddr + ld[i].filesz;
            uint64_t zend = MIN(vaddr + ld[i].memsz, TARGET_PAGE_ALIGN(z));
            if (zend > z) {
                memset(g2h(z), 0, zend - z);
            }
        }
    }
    /* Final protections: a page shared by two segments gets both. */
    for (unsigned i = 0; i < nld; i++) {
        page_prot_lo[i] = page_prot_hi[i] = target_prot_of(ld[i].flags);
    }
    for (unsigned i = 1; i < nld; i++) {
        uint64_t prev_last = (ld[i - 1].vaddr + ld[i - 1].memsz - 1 + bias) &
                             TARGET_PAGE_MASK;
        uint64_t first = (ld[i].vaddr + bias) & TARGET_PAGE_MASK;
        if (prev_last == first) {
            int both = page_prot_hi[i - 1] | page_prot_lo[i];
            page_prot_hi[i - 1] = page_prot_lo[i] = both;
        }
    }
    for (unsigned i = 0; i < nld; i++) {
        uint64_t vaddr = ld[i].vaddr + bias;
        uint64_t lo = vaddr & TARGET_PAGE_MASK;
        uint64_t hi = TARGET_PAGE_ALIGN(vaddr + ld[i].memsz);
        int prot = target_prot_of(ld[i].flags);
        int r = target_mprotect(lo, hi - lo, prot);
        if (r == 0 && page_prot_lo[i] != prot) {
            r = target_mprotect(lo, TARGET_PAGE_SIZE, page_prot_lo[i]);
        }
        if (r == 0 && page_prot_hi[i] != prot) {
            r = target_mprotect(hi - TARGET_PAGE_SIZE, TARGET_PAGE_SIZE,
                                page_prot_hi[i]);
        }
        if (r < 0) {
            error_setg_errno(errp, -r, "%s: cannot protect segment %u",
                             filename, ld[i].index);
            goto fail;
        }
        qemu_log_mask(CPU_LOG_PAGE, "elf: segment %u 0x%" PRIx64 "-0x%"
                      PRIx64 " %c%c%c\n", ld[i].index, vaddr,
                      vaddr + ld[i].memsz, ld[i].flags & PF_R ? 'r' : '-',
                      ld[i].flags & PF_W ? 'w' : '-',
                      ld[i].flags & PF_X ? 'x' : '-');
    }
    info->brk = TARGET_PAGE_ALIGN(info->brk);
    if (set_brk) {
        target_set_brk(info->brk);
    }
    g_free(page_prot_lo);
    g_free(page_prot_hi);
    g_free(ld);
    return true;

fail:
    g_free(page_prot_lo);
    g_free(page_prot_hi);
    g_free(ld);
    return false;
}

bool elf_load_image(const char *filename, const uint8_t *data, size_t size,
                    ImageInfo *info, Error **errp)
{
    ElfExtra x;

    return elf_map_image(filename, data, size, info, 0, true, &x, errp);
}

/* The whole of @filename (at most MAX_ELF_FILE bytes) in a new buffer;
 * @what names it in errors ("" or " (the interpreter of prog)"). */
static uint8_t *read_image(const char *filename, const char *what,
                           size_t *len, Error **errp)
{
    struct stat st;
    uint8_t *buf;
    size_t done = 0;
    int fd = open(filename, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        error_setg_errno(errp, errno, "%s%s", filename, what);
        return NULL;
    }
    if (fstat(fd, &st) < 0) {
        error_setg_errno(errp, errno, "%s%s", filename, what);
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        error_setg(errp, "%s%s: not a regular file", filename, what);
        close(fd);
        return NULL;
    }
    if ((uint64_t)st.st_size > MAX_ELF_FILE) {
        error_setg(errp, "%s%s: file too large (%" PRIu64 " bytes)",
                   filename, what, (uint64_t)st.st_size);
        close(fd);
        return NULL;
    }
    buf = g_malloc(st.st_size ? st.st_size : 1);
    while (done < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + done, st.st_size - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            error_setg_errno(errp, errno, "%s%s: read error", filename,
                             what);
            g_free(buf);
            close(fd);
            return NULL;
        }
        if (n == 0) {
            break;              /* file shrank: parse what we have */
        }
        done += n;
    }
    close(fd);
    *len = done;
    return buf;
}

bool elf_load_file(const char *filename, ImageInfo *info, Error **errp)
{
    size_t len;
    uint8_t *buf = read_image(filename, "", &len, errp);
    bool ok;

    if (!buf) {
        return false;
    }
    ok = elf_load_image(filename, buf, len, info, errp);
    g_free(buf);
    return ok;
}

static GRand *guest_rand;

/* A random multiple of the page size below @range (0 without ASLR). */
static uint64_t random_pages(uint64_t range)
{
    uint64_t pages = range / TARGET_PAGE_SIZE, r;

    if (!guest_aslr || pages < 2) {
        return 0;
    }
    r = guest_rand ? ((uint64_t)g_rand_int(guest_rand) << 32) |
                     g_rand_int(guest_rand)
                   : ((uint64_t)g_random_int() << 32) | g_random_int();
    return (r % pages) * TARGET_PAGE_SIZE;
}

/*
 * Where an ET_DYN image of @span bytes goes: the program above
 * ET_DYN_BASE, the interpreter in the mmap area (where the kernel's
 * mmap puts it), each a random number of pages higher with ASLR.
 */
static uint64_t place_dyn(uint64_t span, bool interp, const char *fn,
                          Error **errp)
{
    uint64_t hint = interp ? MIN(GUEST_MMAP_BASE, guest_space_size / 2)
                           : ET_DYN_BASE;
    int64_t r;

    hint += random_pages(MIN(guest_space_size / 16, (uint64_t)1 << 36));
    r = guest_find_free(hint, span);
    if (r < 0) {
        r = guest_find_free(ET_DYN_BASE, span);
    }
    if (r < 0) {
        error_setg(errp, "%s: no room for 0x%" PRIx64 " bytes in the guest "
                   "address space", fn, span);
        return 0;
    }
    return r;
}

/* Parse @data (for its span) and map it, placed as place_dyn() says. */
static bool load_placed(const char *fn, const uint8_t *data, size_t size,
                        ImageInfo *info, bool interp, ElfExtra *x,
                        Error **errp)
{
    ElfPhdr *ld;
    unsigned nld;
    uint64_t at = 0;

    if (!elf_parse(fn, data, size, info, &ld, &nld, 0, x, errp)) {
        return false;
    }
    g_free(ld);
    if (x->type == ET_DYN) {
        at = place_dyn(x->span, interp, fn, errp);
        if (!at) {
            return false;
        }
    }
    return elf_map_image(fn, data, size, info, at, !interp, x, errp);
}

/* The interpreter of the last program loaded (one image per process). */
static char *interp_realpath;

bool elf_load_program(const char *filename, ImageInfo *info, Error **errp)
{
    ImageInfo ii;
    ElfExtra x, xi;
    size_t len, ilen;
    uint8_t *buf, *ibuf;
    char *interp, *what;
    char full[PATH_MAX];
    const char *ipath;
    bool ok;

    if (!guest_space_size) {
        error_setg(errp, "guest address space not initialised");
        return false;
    }
    buf = read_image(filename, "", &len, errp);
    if (!buf) {
        return false;
    }
    ok = load_placed(filename, buf, len, info, false, &x, errp);
    if (!ok || !x.interp_len) {
        g_free(buf);
        return ok;
    }
    interp = g_strndup((const char *)buf + x.interp_off, x.interp_len);
    g_free(buf);

    ipath = path_with_prefix(interp, full, sizeof(full));
    what = g_strdup_printf(" (the interpreter of %s, PT_INTERP)", filename);
    ibuf = read_image(ipath, what, &ilen, errp);
    ok = ibuf != NULL;
    if (ok) {
        ok = load_placed(ipath, ibuf, ilen, &ii, true, &xi, errp);
    }
    if (ok && xi.interp_len) {
        error_setg(errp, "%s%s: an interpreter cannot have an interpreter "
                   "of its own", ipath, what);
        ok = false;
    }
    if (ok) {
        info->interp_base = ii.load_bias;
        info->interp_load_addr = ii.load_addr;
        free(interp_realpath);
        interp_realpath = realpath(ipath, NULL);
        info->interp_path = interp_realpath;
        info->start_pc = ii.entry;
        qemu_log_mask(CPU_LOG_PAGE, "elf: interpreter %s at 0x%" PRIx64
                      ", entry 0x%" PRIx64 "\n", ipath, ii.load_addr,
                      ii.entry);
    }
    g_free(ibuf);
    g_free(what);
    g_free(interp);
    return ok;
}

/* ------------------------------------------------------------------ */
/* The initial stacks                                                  */

void guest_random_seed(uint64_t seed)
{
    if (guest_rand) {
        g_rand_free(guest_rand);
    }
    guest_rand = g_rand_new_with_seed_array((const guint32[]){
                                                (guint32)seed,
                                                (guint32)(seed >> 32) }, 2);
}

static uint64_t push_bytes(uint64_t sp, const void *p, size_t n)
{
    sp -= n;
    memcpy(g2h(sp), p, n);
    return sp;
}

bool setup_process_stacks(ImageInfo *info, int argc, char *const *argv,
                          char *const *envp, const char *execfn,
                          uint64_t stack_size, Error **errp)
{
    int envc = 0;
    uint64_t top, sp, strings = 0, needed, execfn_addr;
    uint64_t random_addr, *argv_addrs, *envp_addrs, psp_size, pcsp_size;
    int64_t r;
    uint8_t random_bytes[16];
    uint64_t auxv[2 * 24];
    int na = 0;

    while (envp && envp[envc]) {
        envc++;
    }
    stack_size = TARGET_PAGE_ALIGN(stack_size);
    if (stack_size < 16 * TARGET_PAGE_SIZE) {
        stack_size = 16 * TARGET_PAGE_SIZE;
    }
    for (int i = 0; i < argc; i++) {
        strings += strlen(argv[i]) + 1;
    }
    for (int i = 0; i < envc; i++) {
        strings += strlen(envp[i]) + 1;
    }
    strings += strlen(execfn) + 1;
    needed = strings + 16 + 64 +
             8 * (1 + (uint64_t)argc + 1 + envc + 1) + sizeof(auxv);
    if (needed > stack_size / 2) {
        error_setg(errp, "argument list and environment too long for a "
                   "%" PRIu64 " byte stack (%" PRIu64 " bytes needed)",
                   stack_size, needed);
        return false;
    }

    /* User data stack just below the top of the guest space, with an
       unmapped guard page above and below. */
    top = (guest_space_size - 16 * TARGET_PAGE_SIZE) & TARGET_PAGE_MASK;
    if (top < stack_size + TARGET_PAGE_SIZE) {
        error_setg(errp, "stack size %" PRIu64 " does not fit", stack_size);
        return false;
    }
    /* Never over the program: if it occupies the top, the stack goes
       into the first free range below (guard pages included). */
    r = guest_find_free(top - stack_size - TARGET_PAGE_SIZE,
                        stack_size + 2 * TARGET_PAGE_SIZE);
    if (r != (int64_t)(top - stack_size - TARGET_PAGE_SIZE)) {
        r = guest_find_free(GUEST_MMAP_BASE,
                            stack_size + 2 * TARGET_PAGE_SIZE);
        if (r < 0) {
            error_setg(errp, "no room for a %" PRIu64 " byte stack",
                       stack_size);
            return false;
        }
        top = r + TARGET_PAGE_SIZE + stack_size;
    }
    r = target_mmap(top - stack_size, stack_size,
                    TARGET_PROT_READ | TARGET_PROT_WRITE |
                    (info->exec_stack ? TARGET_PROT_EXEC : 0),
                    TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS |
                    TARGET_MAP_FIXED | TARGET_MAP_NORESERVE, -1, 0);
    if (r < 0) {
        error_setg_errno(errp, (int)-r, "cannot map the guest stack");
        return false;
    }
    info->stack_base = top - stack_size;
    info->stack_size = stack_size;

    /* Hardware stacks: big lazily-backed mappings; the CPU grows into
       them (PSP/PCSP limits) without further system calls. */
    /* A small -R space gets proportionally smaller hardware stacks. */
    psp_size = MIN(TARGET_PSP_SIZE,
                   (guest_space_size / 16) & TARGET_PAGE_MASK);
    pcsp_size = MIN(TARGET_PCSP_SIZE,
                    (guest_space_size / 64) & TARGET_PAGE_MASK);
    r = target_mmap(0, psp_size, TARGET_PROT_READ | TARGET_PROT_WRITE,
                    TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS |
                    TARGET_MAP_NORESERVE, -1, 0);
    if (r < 0) {
        error_setg_errno(errp, (int)-r, "cannot reserve the procedure stack");
        return false;
    }
    info->psp_base = r;
    info->psp_size = psp_size;
    r = target_mmap(0, pcsp_size, TARGET_PROT_READ | TARGET_PROT_WRITE,
                    TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS |
                    TARGET_MAP_NORESERVE, -1, 0);
    if (r < 0) {
        error_setg_errno(errp, (int)-r, "cannot reserve the chain stack");
        return false;
    }
    info->pcsp_base = r;
    info->pcsp_size = pcsp_size;

    /* Strings, highest first: an 8-byte end marker, the executable name,
       the environment strings, the argument strings. */
    sp = top - 8;
    memset(g2h(sp), 0, 8);
    sp = push_bytes(sp, execfn, strlen(execfn) + 1);
    execfn_addr = sp;
    envp_addrs = g_new(uint64_t, envc + 1);
    argv_addrs = g_new(uint64_t, argc + 1);
    info->env_end = sp;
    for (int i = envc - 1; i >= 0; i--) {
        sp = push_bytes(sp, envp[i], strlen(envp[i]) + 1);
        envp_addrs[i] = sp;
    }
    info->env_start = sp;
    info->arg_end = sp;
    for (int i = argc - 1; i >= 0; i--) {
        sp = push_bytes(sp, argv[i], strlen(argv[i]) + 1);
        argv_addrs[i] = sp;
    }
    info->arg_start = sp;
    for (size_t i = 0; i < sizeof(random_bytes); i++) {
        random_bytes[i] = guest_rand ? g_rand_int_range(guest_rand, 0, 256)
                                     : g_random_int_range(0, 256);
    }
    sp &= ~(uint64_t)15;
    sp = push_bytes(sp, random_bytes, sizeof(random_bytes));
    random_addr = sp;

    /*
     * In the e2k kernel's order (fs/binfmt_elf.c create_elf_tables with
     * the arch's ARCH_DLINFO first).  Its ELF_HWCAP is 0 on every model,
     * ELF_PLATFORM is NULL (so no AT_PLATFORM) and there is no
     * ELF_HWCAP2.  AT_FAST_SYSCALLS: the kernel's five (gettimeofday,
     * clock_gettime, getcpu, siggetmask, getcontext; linux-user/e2k/
     * context.c serves them).
     */
#define AUX(type, val) do { auxv[na++] = (type); auxv[na++] = (val); } while (0)
    AUX(AT_FAST_SYSCALLS, 0x1f);
    AUX(AT_SYSTEM_INFO, 1);     /* vfork() supported */
    AUX(AT_HWCAP, 0);
    AUX(AT_PAGESZ, TARGET_PAGE_SIZE);
    AUX(AT_CLKTCK, 100);
    AUX(AT_PHDR, info->phdr_addr);
    AUX(AT_PHENT, PHDR64_SIZE);
    AUX(AT_PHNUM, info->phnum);
    AUX(AT_BASE, info->interp_base);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, info->entry);
    AUX(AT_UID, getuid());
    AUX(AT_EUID, geteuid());
    AUX(AT_GID, getgid());
    AUX(AT_EGID, getegid());
    AUX(AT_SECURE, 0);
    AUX(AT_RANDOM, random_addr);
    AUX(AT_EXECFN, execfn_addr);
    AUX(AT_NULL, 0);
#undef AUX

    /* argc + argv + NULL + envp + NULL + auxv, sp 16-aligned at argc. */
    {
        uint64_t words = 1 + argc + 1 + envc + 1 + na;
        uint64_t base = (sp - words * 8) & ~(uint64_t)15;
        uint64_t p = base;

        stq_le_p(g2h(p), argc);
        p += 8;
        for (int i = 0; i < argc; i++, p += 8) {
            stq_le_p(g2h(p), argv_addrs[i]);
        }
        stq_le_p(g2h(p), 0);
        p += 8;
        for (int i = 0; i < envc; i++, p += 8) {
            stq_le_p(g2h(p), envp_addrs[i]);
        }
        stq_le_p(g2h(p), 0);
        p += 8;
        for (int i = 0; i < na; i++, p += 8) {
            stq_le_p(g2h(p), auxv[i]);
        }
        sp = base;
    }
    g_free(envp_addrs);
    g_free(argv_addrs);
    info->sp = sp;
    proc_set_image(info, auxv, na);
    return true;
}
