/*
 * e2k-asm static linker: places the sections of every input file into a
 * static ELF64 executable laid out the way the reference linker (GNU ld
 * for e2k, -static -nostdlib) does it:
 *
 *   - base address 0x10000; the ELF and program headers are the start of
 *     the first (R+X) segment; .text follows them, then read-only data;
 *   - the writable segment starts at ALIGN(0x1000) + (end & 0xfff) (ld's
 *     DATA_SEGMENT_ALIGN with 4 KiB pages), .data then .bss;
 *   - one PT_LOAD per segment, p_align 0x1000; no PT_GNU_STACK;
 *   - __bss_start, _edata and _end as ld defines them;
 *   - a symbol table: section symbols, per input file a FILE symbol and
 *     its local symbols (not .L* or numeric labels), then the globals.
 * Input sections of one kind are concatenated in command-line order, each
 * aligned to its own alignment.  Non-allocated sections are dropped,
 * except debugging information (.debug_*), which follows the segments
 * at address 0 with its references resolved, as ld keeps it.
 *
 * With -pie or -shared the output is position-independent (ET_DYN at 0):
 * the linker adds .interp (PT_INTERP, with PT_PHDR), .hash, .dynsym,
 * .dynstr and .rela.dyn before the code and .dynamic at the start of the
 * data segment, PT_DYNAMIC and PT_GNU_STACK.  An address stored in a
 * 64-bit datum or a 64-bit literal becomes an R_E2K_64_RELATIVE(_LIT)
 * dynamic relocation (DT_TEXTREL when it is in read-only code); anything
 * else whose value depends on the load address is an error.  Which values
 * do is found by evaluating every fixup twice, with all sections moved by
 * PIC_PROBE_SHIFT the second time.
 *
 * `X@GOT', `X@GOTOFF' and `_GLOBAL_OFFSET_TABLE_' make a GOT, laid out
 * as ld.bfd for e2k lays it out: .got (one 8-byte slot per referenced
 * value) then .got.plt (three reserved words, the first the address of
 * .dynamic), at the start of the data segment after .dynamic;
 * _GLOBAL_OFFSET_TABLE_ is .got.plt, `X@GOT' is X's slot relative to it.
 * In -pie/-shared output a slot is 0 with an R_E2K_64_RELATIVE, as ld
 * writes it, and DT_PLTGOT names .got.plt.
 *
 * A link may also be given shared objects (without -pie or -shared it
 * then makes a dynamic ET_EXEC at the static addresses: the dynamic
 * sections, but no relative relocations): the symbols it takes from them, functions through a PLT, variables through GOT slots
 * bound at load time, are described at "symbols of shared objects".
 * Other undefined symbols stay errors.
 */
#include "tools/e2k-asm/assemble.h"
#include "tools/e2k-asm/elf-out.h"
#include "target/e2k/asm-encode.h"
#include "qemu/bswap.h"
#include <string.h>

#define BASE_ADDR 0x10000
#define PAGE 0x1000
#define PIC_PROBE_SHIFT 0x40000000ull

/* gABI dynamic tags and flags */
#define DT_NULL 0
#define DT_NEEDED 1
#define DT_PLTRELSZ 2
#define DT_PLTGOT 3
#define DT_HASH 4
#define DT_STRTAB 5
#define DT_SYMTAB 6
#define DT_RELA 7
#define DT_RELASZ 8
#define DT_RELAENT 9
#define DT_STRSZ 10
#define DT_SYMENT 11
#define DT_SONAME 14
#define DT_PLTREL 20
#define DT_DEBUG 21
#define DT_TEXTREL 22
#define DT_JMPREL 23
#define DT_FLAGS 30
#define DT_GNU_HASH 0x6ffffef5
#define DT_RELACOUNT 0x6ffffff9
#define DT_FLAGS_1 0x6ffffffb
/* e2k: the PLT binds lazily through .got.plt words 1 and 2, without
 * patching code; glibc's ld.so binds lazily only when it is present */
#define DT_E2K_LAZY_GOT 0x70000003
#define DF_TEXTREL 0x4
#define DF_1_PIE 0x08000000
#define DF_1_NOW 0x1
#define DT_BIND_NOW 24
#define SHF_INFO_LINK_ 0x40
#define SHT_GNU_HASH_ 0x6ffffff6
#define PT_LOAD_ 1
#define PT_DYNAMIC_ 2
#define PT_INTERP_ 3
#define PT_PHDR_ 6
#define PT_GNU_STACK_ 0x6474e551

typedef struct OutSec {
    char *name;
    uint64_t flags;
    unsigned type;
    uint64_t align;
    GPtrArray *parts;       /* AsmSection* */
    uint64_t addr, off, size;
    unsigned index;
    uint32_t name_off;
    GByteArray *synth;      /* a section the linker makes (.dynamic...) */
    uint32_t link, info;
    uint64_t entsize;
    bool debug;             /* .debug_*: not loaded, after the segments */
} OutSec;

/* The GOT (see the top of the file); asm_link_got while linking. */
typedef struct GotSlot {
    AsmSection *sec;        /* the value the slot holds: sec + off, */
    int64_t off;
    AsmImport *imp;         /* or a shared object's symbol */
    ExprNode *expr;         /* its first reference, evaluated for the slot */
} GotSlot;

struct AsmGot {
    GArray *slots;          /* GotSlot, in the order of first reference */
    uint64_t got_addr;      /* .got */
    uint64_t gotplt_addr;   /* .got.plt, _GLOBAL_OFFSET_TABLE_ */
};

/* A load-time relocation found by classify_fixups(). */
typedef struct DynReloc {
    AsmSection *sec;
    AsmFixup *fx;
    uint64_t off;           /* of the datum or the literal, in sec */
    unsigned type;
    unsigned sym;           /* .dynsym index, 0 for none */
    uint64_t r_offset;      /* final */
    int64_t addend;
} DynReloc;

/*
 * Output group: 0 code, 1 read-only data, 2 data, 3 bss.  Writability
 * decides first: a writable section lives in the data segment even when
 * it also holds code ("awx", e.g. self-modifying code), and the file is
 * written in group order, which must match the segment layout.
 */
static int sec_group(const AsmSection *s)
{
    if (s->flags & ASM_SHF_WRITE) {
        return s->type == ASM_SHT_NOBITS ? 3 : 2;
    }
    return (s->flags & ASM_SHF_EXECINSTR) ? 0 : 1;
}

static char *out_name(const AsmSection *s)
{
    static const char *const canon[] = { ".text", ".rodata", ".data", ".bss" };
    int i;

    for (i = 0; i < 4; i++) {
        size_t l = strlen(canon[i]);
        if (!strncmp(s->name, canon[i], l) &&
            (s->name[l] == 0 || s->name[l] == '.')) {
            return g_strdup(canon[i]);
        }
    }
    return g_strdup(s->name);
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
    return a > 1 ? (v + a - 1) / a * a : v;
}

static void outsec_free(gpointer p)
{
    OutSec *o = p;
    g_ptr_array_free(o->parts, true);
    if (o->synth) {
        g_byte_array_free(o->synth, true);
    }
    g_free(o->name);
    g_free(o);
}

/* Output sections in file order: group by group, the canonical name
 * (.text/.rodata/.data/.bss) first within its group. */
static GPtrArray *collect_sections(AsmContext *ctx)
{
    GPtrArray *outs = g_ptr_array_new_with_free_func(outsec_free);
    int g;
    guint i, j, k;

    for (g = 0; g < 5; g++) {
        guint first = outs->len;
        for (i = 0; i < ctx->files->len; i++) {
            AsmFile *f = ctx->files->pdata[i];
            for (j = 0; j < f->sections->len; j++) {
                AsmSection *s = f->sections->pdata[j];
                OutSec *o = NULL;
                char *name;
                if ((s->flags & ASM_SHF_TLS) && g == 0) {
                    AsmLoc where = { f->path, 0 };
                    asm_error(ctx, where, "section %s is thread-local "
                              "(flag T): the static link of e2k-asm has no "
                              "TLS segment; use -c", s->name);
                }
                if (g == 4) {
                    /* debugging information (DWARF) is kept, at offsets
                       from its output section as ld gives them */
                    if ((s->flags & ASM_SHF_ALLOC) ||
                        s->type != ASM_SHT_PROGBITS ||
                        !g_str_has_prefix(s->name, ".debug_")) {
                        continue;
                    }
                } else if (!(s->flags & ASM_SHF_ALLOC) ||
                           sec_group(s) != g) {
                    continue;
                }
                name = out_name(s);
                for (k = first; k < outs->len; k++) {
                    OutSec *c = outs->pdata[k];
                    if (!strcmp(c->name, name)) {
                        o = c;
                        break;
                    }
                }
                if (!o) {
                    o = g_new0(OutSec, 1);
                    o->name = name;
                    o->flags = s->flags;
                    o->type = s->type;
                    o->align = 1;
                    o->parts = g_ptr_array_new();
                    g_ptr_array_add(outs, o);
                } else {
                    g_free(name);
                }
                g_ptr_array_add(o->parts, s);
                o->flags |= s->flags;
                if (g == 4) {
                    o->debug = true;
                    o->entsize = s->entsize;
                }
            }
        }
        /* canonical section first in its group */
        for (k = first; k < outs->len && g < 4; k++) {
            static const char *const canon[] = { ".text", ".rodata", ".data",
                                                 ".bss" };
            OutSec *c = outs->pdata[k];
            if (!strcmp(c->name, canon[g]) && k != first) {
                outs->pdata[k] = outs->pdata[first];
                outs->pdata[first] = c;
                break;
            }
        }
    }
    return outs;
}

/* Give every part of @o its address; returns the end address.  Empty
 * parts neither align nor move anything (ld discards them). */
static uint64_t place(OutSec *o, uint64_t addr)
{
    guint i;
    uint64_t pos;

    for (i = 0; i < o->parts->len; i++) {
        AsmSection *s = o->parts->pdata[i];
        if (asm_section_link_align(s) > o->align && asm_section_size(s)) {
            o->align = asm_section_link_align(s);
        }
    }
    addr = align_up(addr, o->align);
    o->addr = addr;
    pos = addr;
    for (i = 0; i < o->parts->len; i++) {
        AsmSection *s = o->parts->pdata[i];
        if (asm_section_size(s)) {
            pos = align_up(pos, asm_section_link_align(s));
        }
        s->addr = pos;
        pos += asm_section_size(s);
    }
    o->size = pos - addr;
    return pos;
}

static AsmSymbol *linker_symbol(AsmContext *ctx, GPtrArray *made,
                                const char *name, uint64_t value,
                                OutSec *sec)
{
    AsmSymbol *s = g_hash_table_lookup(ctx->globals, name);

    if (s) {
        return NULL;        /* the program defines it */
    }
    s = g_new0(AsmSymbol, 1);
    s->name = g_strdup(name);
    s->kind = SYM_EQU;
    s->value = value;
    s->global = true;
    s->out_index = sec ? sec->index : SHN_ABS_;
    g_hash_table_insert(ctx->globals, s->name, s);
    g_ptr_array_add(made, s);
    return s;
}

/* Section index and value of a symbol in the executable. */
static bool exe_symbol(AsmContext *ctx, AsmSymbol *s, GPtrArray *outs,
                       uint64_t *value, uint16_t *shndx)
{
    AsmValue v;
    Error *err = NULL;
    guint i, j;

    if (s->kind == SYM_LABEL) {
        *value = s->sec->addr + s->value;
        *shndx = 0;
        for (i = 0; i < outs->len; i++) {
            OutSec *o = outs->pdata[i];
            for (j = 0; j < o->parts->len; j++) {
                if (o->parts->pdata[j] == s->sec) {
                    *shndx = o->index;
                }
            }
        }
        if (!*shndx) {
            *shndx = SHN_ABS_;  /* in a dropped, non-allocated section */
        }
        return true;
    }
    if (!asm_symbol_value(s, EXPR_FINAL, &v, &err)) {
        asm_error_err(ctx, s->def, err);
        return false;
    }
    *value = v.off;
    *shndx = SHN_ABS_;
    return true;
}

typedef struct GlobalSym {
    const char *name;
    uint8_t info;
    uint16_t shndx;
    uint64_t value, size;
    uint64_t bucket;        /* for sort_like_ld */
    unsigned seq;
} GlobalSym;

/* GNU ld writes the global symbols by walking its symbol hash table:
 * bucket by bucket (bfd's string hash modulo the table size, 4051 while
 * the table is at most 3/4 full, doubling beyond), and within a bucket
 * the most recently entered first.  Doing the same gives the reference
 * programs' symbol tables byte for byte. */
static uint64_t bfd_style_hash(const char *name)
{
    const unsigned char *p = (const unsigned char *)name;
    uint64_t h = 0, len;
    unsigned c;

    while ((c = *p++) != 0) {
        h += c + ((uint64_t)c << 17);
        h ^= h >> 2;
    }
    len = strlen(name);
    h += len + (len << 17);
    h ^= h >> 2;
    return h;
}

static int cmp_global(const void *a, const void *b)
{
    const GlobalSym *x = a, *y = b;

    if (x->bucket != y->bucket) {
        return x->bucket < y->bucket ? -1 : 1;
    }
    return x->seq > y->seq ? -1 : x->seq < y->seq ? 1 : 0;
}

static void sort_like_ld(GArray *globals)
{
    uint64_t size = 4051;
    guint i;

    while (globals->len > size * 3 / 4) {
        size *= 2;
    }
    for (i = 0; i < globals->len; i++) {
        GlobalSym *g = &g_array_index(globals, GlobalSym, i);
        g->bucket = bfd_style_hash(g->name) % size;
        g->seq = i;
    }
    qsort(globals->data, globals->len, sizeof(GlobalSym), cmp_global);
}

/* ---- position independence ------------------------------------------ */

static void shift_addresses(AsmContext *ctx, GPtrArray *made, int64_t d)
{
    guint i, j;

    for (i = 0; i < ctx->files->len; i++) {
        AsmFile *f = ctx->files->pdata[i];
        for (j = 0; j < f->sections->len; j++) {
            AsmSection *sec = f->sections->pdata[j];
            sec->addr += d;
        }
    }
    if (asm_link_got) {
        asm_link_got->got_addr += d;
        asm_link_got->gotplt_addr += d;
    }
    for (i = 0; i < made->len; i++) {
        AsmSymbol *sym = made->pdata[i];
        sym->value += d;
    }
}

/*
 * Every fixup of an allocated section, in file and section order: the one
 * walk that the load-address probe, the GOT scan and the import scan
 * share (the order is the same on every walk, so results can be kept by
 * position).
 */
typedef void FixupVisit(AsmContext *ctx, AsmSection *sec, AsmFixup *fx,
                        void *opaque);

static void for_each_alloc_fixup(AsmContext *ctx, FixupVisit *visit,
                                 void *opaque)
{
    guint i, j, k;

    for (i = 0; i < ctx->files->len; i++) {
        AsmFile *f = ctx->files->pdata[i];
        for (j = 0; j < f->sections->len; j++) {
            AsmSection *sec = f->sections->pdata[j];
            if (!(sec->flags & ASM_SHF_ALLOC)) {
                continue;
            }
            for (k = 0; k < sec->fixups->len; k++) {
                visit(ctx, sec, sec->fixups->pdata[k], opaque);
            }
        }
    }
}

/* Append a fixup's final value to the GArray @opaque; failures (reported
 * later by asm_apply_fixups) leave a value that classifies as a constant. */
static void eval_fixup(AsmContext *ctx, AsmSection *sec, AsmFixup *fx,
                       void *opaque)
{
    AsmValue v = { 0 };
    Error *err = NULL;

    if (!asm_fixup_eval_final(sec, fx, &v, &err)) {
        error_free(err);
        v.off = 0;
    }
    g_array_append_val((GArray *)opaque, v.off);
}

typedef struct Classify {
    GArray *dyn;            /* DynReloc */
    GArray *v0, *v1;        /* each fixup's value, unmoved and moved */
    guint n;                /* the fixup being visited */
} Classify;

/* Whether a fixup's value moves with the load address, and how it can be
 * relocated at load time if it does. */
static void classify_fixup(AsmContext *ctx, AsmSection *sec, AsmFixup *fx,
                           void *opaque)
{
    Classify *c = opaque;
    int64_t d = g_array_index(c->v1, int64_t, c->n) -
                g_array_index(c->v0, int64_t, c->n);
    bool pcrel = false;
    DynReloc r = { sec, fx, 0, 0, 0, 0, 0 };

    c->n++;
    if (!fx->data_size) {
        asm_fixup_reloc_type(fx->kind, &pcrel);
    }
    if (pcrel) {
        if (d != (int64_t)PIC_PROBE_SHIFT) {
            asm_error(ctx, fx->loc, "a pc-relative reference "
                      "to an absolute address cannot be "
                      "position-independent");
        }
        return;
    }
    if (d == 0) {
        return;
    }
    if (d != (int64_t)PIC_PROBE_SHIFT) {
        asm_error(ctx, fx->loc, "this value depends on the "
                  "load address in a way no relocation "
                  "expresses");
        return;
    }
    if (fx->data_size == 8) {
        r.type = R_E2K_64_RELATIVE;
        r.off = fx->base;
    } else if (!fx->data_size && fx->kind == E2K_FIX_LIT64) {
        r.type = R_E2K_64_RELATIVE_LIT;
        r.off = fx->base + fx->offset;
    } else {
        asm_error(ctx, fx->loc, "an address in %s cannot be "
                  "relocated at load time (-pie/-shared): use "
                  "a 64-bit datum or literal, or compute it "
                  "from %%ip", fx->data_size ?
                  "a datum shorter than 8 bytes" :
                  "a 32-bit literal");
        return;
    }
    g_array_append_val(c->dyn, r);
}

/* The fixups whose value moves with the load address, as DynRelocs;
 * errors for those that cannot be relocated at load time (the probe at
 * the top of the file). */
static GArray *classify_fixups(AsmContext *ctx, GPtrArray *made)
{
    Classify c = { g_array_new(false, true, sizeof(DynReloc)),
                   g_array_new(false, false, sizeof(int64_t)),
                   g_array_new(false, false, sizeof(int64_t)), 0 };

    for_each_alloc_fixup(ctx, eval_fixup, c.v0);
    shift_addresses(ctx, made, PIC_PROBE_SHIFT);
    for_each_alloc_fixup(ctx, eval_fixup, c.v1);
    shift_addresses(ctx, made, -(int64_t)PIC_PROBE_SHIFT);
    for_each_alloc_fixup(ctx, classify_fixup, &c);
    g_array_free(c.v0, true);
    g_array_free(c.v1, true);
    return c.dyn;
}

/* .rela.dyn order: the relative relocations (DT_RELACOUNT of them)
 * first, then those against symbols; each by address. */
static int cmp_dynreloc(const void *a, const void *b)
{
    const DynReloc *x = a, *y = b;

    if ((x->sym != 0) != (y->sym != 0)) {
        return x->sym ? 1 : -1;
    }
    return x->r_offset < y->r_offset ? -1 : x->r_offset > y->r_offset;
}

/* The SysV ELF hash (gABI, "Hash Table"). */
static uint32_t elf_sysv_hash(const char *name)
{
    const unsigned char *p = (const unsigned char *)name;
    uint32_t h = 0, g;

    while (*p) {
        h = (h << 4) + *p++;
        g = h & 0xf0000000u;
        if (g) {
            h ^= g >> 24;
        }
        h &= ~g;
    }
    return h;
}


static OutSec *synth_section(const char *name, unsigned type, uint64_t flags,
                             uint64_t align, uint64_t entsize, size_t size)
{
    OutSec *o = g_new0(OutSec, 1);

    o->name = g_strdup(name);
    o->type = type;
    o->flags = flags;
    o->align = align;
    o->entsize = entsize;
    o->parts = g_ptr_array_new();
    o->synth = g_byte_array_new();
    if (size) {
        g_byte_array_set_size(o->synth, size);
        memset(o->synth->data, 0, size);
    }
    return o;
}

static uint64_t place_synth(OutSec *o, uint64_t addr)
{
    o->addr = align_up(addr, o->align);
    o->size = o->synth->len;
    return o->addr + o->size;
}

static void put_dyn(GByteArray *b, uint64_t *pos, uint64_t tag, uint64_t val)
{
    uint8_t *p = b->data + *pos;
    int i;

    for (i = 0; i < 8; i++) {
        p[i] = tag >> (8 * i);
        p[8 + i] = val >> (8 * i);
    }
    *pos += 16;
}

static void put_phdr(GByteArray *b, uint32_t type, uint32_t flags,
                     uint64_t off, uint64_t addr, uint64_t filesz,
                     uint64_t memsz, uint64_t align)
{
    elf_put32(b, type);
    elf_put32(b, flags);
    elf_put64(b, off);
    elf_put64(b, addr);
    elf_put64(b, addr);
    elf_put64(b, filesz);
    elf_put64(b, memsz);
    elf_put64(b, align);
}

static void put_le(uint8_t *p, uint64_t v, int n)
{
    int i;

    for (i = 0; i < n; i++) {
        p[i] = v >> (8 * i);
    }
}

/* The global symbols a shared object exports, in definition order. */
static GPtrArray *exported_symbols(AsmContext *ctx, const AsmLinkOptions *o)
{
    GPtrArray *syms = g_ptr_array_new();
    guint i, j;

    if (o->kind != ASM_LINK_SHARED) {
        return syms;
    }
    for (i = 0; i < ctx->files->len; i++) {
        AsmFile *f = ctx->files->pdata[i];
        for (j = 0; j < f->symbol_order->len; j++) {
            AsmSymbol *s = f->symbol_order->pdata[j];
            if (s->global && s->kind != SYM_UNDEF &&
                s->visibility != ASM_STV_HIDDEN &&
                s->visibility != ASM_STV_INTERNAL &&
                g_hash_table_lookup(ctx->globals, s->name) == s) {
                g_ptr_array_add(syms, s);
            }
        }
    }
    return syms;
}

/* The hash of .gnu.hash (DJB's: h * 33 + c from 5381). */
static uint32_t elf_gnu_hash(const char *name)
{
    const unsigned char *p = (const unsigned char *)name;
    uint32_t h = 5381;

    while (*p) {
        h = h * 33 + *p++;
    }
    return h;
}

/* ld's bucket count for @n hashed symbols (bfd's fixed sizes; ld picks
 * them unless given -O1): at least 2 for .gnu.hash. */
static uint32_t hash_bucket_count(size_t n, bool gnu)
{
    static const uint32_t sizes[] = {
        1, 3, 17, 37, 67, 97, 131, 197, 263, 521, 1031, 2053, 4099, 8209,
        16411, 32771,
    };
    size_t i = 0;

    while (i + 1 < G_N_ELEMENTS(sizes) && n >= sizes[i + 1]) {
        i++;
    }
    return gnu && sizes[i] < 2 ? 2 : sizes[i];
}

/*
 * .gnu.hash covers the symbols a shared object defines, which must be the
 * last ones in .dynsym, grouped by bucket (ld sorts them so; stable here).
 * Layout (ELF64): nbucket, symoffset (the first hashed .dynsym index),
 * bloom words, bloom shift, the 64-bit bloom words, the buckets (the first
 * index of each, or 0), then one hash per symbol with bit 0 replaced by
 * "last of its bucket".  The bloom filter's size and shift are ld's.
 */
typedef struct GnuHash {
    uint32_t nbucket, nbloom, shift;
    size_t size;
} GnuHash;

static GnuHash gnu_hash_shape(size_t n)
{
    GnuHash g = { 1, 1, 0, 16 + 8 + 4 };
    uint32_t log2 = 1;
    size_t x = n;

    if (!n) {
        return g;               /* ld's empty table: nothing matches */
    }
    while ((x >>= 1) != 0) {
        log2++;
    }
    if (log2 < 3) {
        log2 = 5;
    } else if ((1u << (log2 - 2)) & n) {
        log2 += 3;
    } else {
        log2 += 2;
    }
    if (log2 == 5) {
        log2 = 6;               /* one 64-bit word at least */
    }
    g.nbucket = hash_bucket_count(n, true);
    g.shift = log2;
    g.nbloom = 1u << (log2 - 6);
    g.size = 16 + 8 * g.nbloom + 4 * g.nbucket + 4 * n;
    return g;
}

typedef struct HashedSym {
    gpointer sym;
    uint32_t bucket;
    guint order;
} HashedSym;

static int cmp_hashed(const void *a, const void *b)
{
    const HashedSym *x = a, *y = b;

    if (x->bucket != y->bucket) {
        return x->bucket < y->bucket ? -1 : 1;
    }
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Fill .hash at @p for the @n .dynsym @names (0 the null symbol), with
 * ld's bucket count; a chain lists the later symbol first. */
static void hash_fill(uint8_t *p, const char *const *names, uint32_t n)
{
    uint32_t nbucket = hash_bucket_count(n - 1, false), i;
    uint8_t *chain = p + 8 + 4 * nbucket;

    put_le(p, nbucket, 4);
    put_le(p + 4, n, 4);
    for (i = 1; i < n; i++) {
        uint8_t *head = p + 8 + 4 * (elf_sysv_hash(names[i]) % nbucket);
        put_le(chain + 4 * i, ldl_le_p(head), 4);
        put_le(head, i, 4);
    }
}

/* Put @syms (named by @name_of) in .gnu.hash order (see above). */
static void gnu_hash_sort(GPtrArray *syms,
                          const char *(*name_of)(gconstpointer))
{
    GnuHash g = gnu_hash_shape(syms->len);
    HashedSym *h = g_new(HashedSym, syms->len + 1);
    guint i;

    for (i = 0; i < syms->len; i++) {
        h[i] = (HashedSym){ syms->pdata[i],
                            elf_gnu_hash(name_of(syms->pdata[i])) %
                            g.nbucket, i };
    }
    qsort(h, syms->len, sizeof(*h), cmp_hashed);
    for (i = 0; i < syms->len; i++) {
        syms->pdata[i] = h[i].sym;
    }
    g_free(h);
}

static const char *symbol_name(gconstpointer p)
{
    return ((const AsmSymbol *)p)->name;
}

/* Fill .gnu.hash at @p for the @n names from .dynsym index @first on,
 * already in gnu_hash_sort's order. */
static void gnu_hash_fill(uint8_t *p, const char *const *names, size_t n,
                          uint32_t first)
{
    GnuHash g = gnu_hash_shape(n);
    uint8_t *bloom = p + 16, *buckets = bloom + 8 * g.nbloom;
    uint8_t *chain = buckets + 4 * g.nbucket;
    size_t i;

    put_le(p, g.nbucket, 4);
    put_le(p + 4, n ? first : 1, 4);
    put_le(p + 8, g.nbloom, 4);
    put_le(p + 12, g.shift, 4);
    for (i = 0; i < n; i++) {
        uint32_t h = elf_gnu_hash(names[i]), b = h % g.nbucket;
        uint8_t *w = bloom + 8 * ((h >> 6) & (g.nbloom - 1));
        uint64_t bits = ldq_le_p(w);

        bits |= 1ull << (h & 63);
        bits |= 1ull << ((h >> g.shift) & 63);
        put_le(w, bits, 8);
        if (!ldl_le_p(buckets + 4 * b)) {
            put_le(buckets + 4 * b, first + i, 4);
        }
        put_le(chain + 4 * i,
               (h & ~1u) | (i + 1 == n ||
                            elf_gnu_hash(names[i + 1]) % g.nbucket != b), 4);
    }
}

/* ---- symbols of shared objects, the PLT --------------------------------- */

/*
 * A symbol that no input defines but a shared object given to the link
 * does is imported: it gets a .dynsym entry (undefined, after the null
 * one, in the order of first reference) and the output a DT_NEEDED for
 * every shared object.  A variable is reached only through its GOT slot,
 * which gets an R_E2K_64_ABS against the symbol (ld.bfd's choice for e2k,
 * which has no GLOB_DAT); any other reference to it is an error.  A
 * function (STT_FUNC there) gets a PLT entry, which is also its value in
 * this link, and a .got.plt slot with an R_E2K_64_JMP_SLOT in .rela.plt.
 *
 * .plt is laid out as ld.bfd lays it out for 64-bit e2k output: a
 * header that calls the dynamic linker's fixup routine (the address in
 * .got.plt word 2, with the link map from word 1), then one lazy
 * ("secondary") entry per function, which passes its .rela.plt offset to
 * the header, then one ("primary") entry per function, which jumps to the
 * address in its .got.plt slot.  In -pie/-shared output the header and
 * entries find .got.plt from %ip; in a dynamic ET_EXEC (a link given a
 * shared object without -pie) they hold its absolute addresses.  A slot first holds its lazy entry's
 * address; a loader that binds at once overwrites it with the function's.
 * glibc's e2k ld.so binds lazily only an object with DT_E2K_LAZY_GOT
 * (which ld.bfd adds with a .rela.plt): it adds its bias to the slots and
 * puts its link map in word 1 and _dl_fixup(link map, RELOFF), which
 * binds the slot and returns the address, in word 2.
 */
#define PLT_HEADER_SIZE 0x50
#define PLT_LAZY_SIZE 0x20
#define PLT_ENTRY_SIZE 0x38
/* the non-PIC variant (a dynamic ET_EXEC) has absolute 64-bit literals */
#define PLT_EXEC_HEADER_SIZE 0x40
#define PLT_EXEC_ENTRY_SIZE 0x28

static const uint32_t plt_header[PLT_HEADER_SIZE / 4] = {
    /* rrd %ip, %dr8; nop 1 */
    0x04100091, 0x3f81c088, 0x01c00000, 0x00000000,
    /* ldd [%dr8 + GOTPLT[1]], %dr8 (link map);
       ldd [%dr8 + GOTPLT[2]], %dr10 (fixup routine); nop N
       (word 4: the nops, word 8: GOTPLT[2], word 9: GOTPLT[1], both
       from the header) */
    0x14000122, 0x6788d888, 0x6788d98a, 0x00000000, 0, 0,
    /* movtd %dr10, %ctpr1 */
    0x04000001, 0x61c08ad1,
    /* call %ctpr1, wbs = 4: the routine gets the link map and the
       lazy entry's %r9; it returns the function's address in %dr8 */
    0x00009012, 0x80000420, 0x50000004, 0x00000000,
    /* movtd %dr8, %ctpr1 */
    0x04000001, 0x61c088d1,
    /* ct %ctpr1 */
    0x00001001, 0x80000420,
};

static const uint32_t plt_lazy[PLT_LAZY_SIZE / 4] = {
    /* addd 0, RELOFF, %r9; ibranch HEADER; setwd wsz = 8, nfx = 1
       (word 3: the branch displacement, word 6: RELOFF) */
    0x0400d034, 0x80000020, 0x11c0d989, 0, 0x00000000, 0x00000000, 0,
    0x00000110,
};

static const uint32_t plt_entry[PLT_ENTRY_SIZE / 4] = {
    /* rrd %ip, %dr8; setwd wsz = 8, nfx = 1; nop 1 */
    0x041080a2, 0x3f81c088, 0x00000000, 0x01c00000, 0x00000000, 0x00000110,
    /* ldd [%dr8 + SLOT], %dr8; nop N (word 6: the nops, word 9: the
       .got.plt slot from the entry) */
    0x04000111, 0x6788d888, 0x00000000, 0,
    /* movtd %dr8, %ctpr1 */
    0x04000001, 0x61c088d1,
    /* ct %ctpr1 */
    0x00001001, 0x80000420,
};

static const uint32_t plt_exec_header[PLT_EXEC_HEADER_SIZE / 4] = {
    /* ldd 0x0, [GOTPLT + 8], %dr8 (link map);
       ldd 0x8, [GOTPLT + 8], %dr10 (fixup routine); nop N
       (word 0: the nops, words 4 and 5: the address, high word first) */
    0x14000122, 0x67c0dc88, 0x67c8dc8a, 0x00000000, 0, 0,
    /* movtd %dr10, %ctpr1 */
    0x04000001, 0x61c08ad1,
    /* call %ctpr1, wbs = 4 */
    0x00009012, 0x80000420, 0x50000004, 0x00000000,
    /* movtd %dr8, %ctpr1 */
    0x04000001, 0x61c088d1,
    /* ct %ctpr1 */
    0x00001001, 0x80000420,
};

static const uint32_t plt_exec_entry[PLT_EXEC_ENTRY_SIZE / 4] = {
    /* ldd 0x0, SLOT, %dr8; setwd wsz = 8, nfx = 1; nop N
       (word 0: the nops, words 3 and 4: the slot's address, high word
       first) */
    0x04008122, 0x67c0dd88, 0x00000000, 0, 0, 0x00000110,
    /* movtd %dr8, %ctpr1 */
    0x04000001, 0x61c088d1,
    /* ct %ctpr1 */
    0x00001001, 0x80000420,
};

static uint64_t plt_size(bool pic, unsigned n)
{
    return pic ? PLT_HEADER_SIZE + n * (PLT_LAZY_SIZE + PLT_ENTRY_SIZE)
               : PLT_EXEC_HEADER_SIZE + n * (PLT_LAZY_SIZE +
                                             PLT_EXEC_ENTRY_SIZE);
}

typedef struct Imports {
    GPtrArray *all;         /* AsmImport*: .dynsym 1.., the copies last */
    GPtrArray *plt;         /* AsmSymbol* made for the functions */
    unsigned ncopy;         /* variables copied (R_E2K_64_COPY) */
    uint64_t dynbss_size;   /* their space */
} Imports;

/* Mark the references to symbols of shared objects (see above); the
 * functions' symbols are made (in @made, valued later). */
static void imports_collect(AsmContext *ctx, GPtrArray *made, Imports *im)
{
    guint i, j;

    im->all = g_ptr_array_new();
    im->plt = g_ptr_array_new();
    for (i = 0; i < ctx->files->len; i++) {
        AsmFile *f = ctx->files->pdata[i];
        for (j = 0; j < f->symbol_order->len; j++) {
            AsmSymbol *s = f->symbol_order->pdata[j];
            AsmImport *imp;
            if (s->kind != SYM_UNDEF ||
                g_hash_table_lookup(ctx->globals, s->name) || !ctx->imports ||
                !(imp = g_hash_table_lookup(ctx->imports, s->name))) {
                continue;
            }
            s->import = imp;
            if (imp->dynindx) {
                continue;
            }
            g_ptr_array_add(im->all, imp);
            imp->dynindx = im->all->len;
            if (imp->type == ASM_STT_FUNC) {
                AsmSymbol *p = g_new0(AsmSymbol, 1);
                p->name = g_strdup(imp->name);
                p->kind = SYM_EQU;
                p->global = true;
                p->type = ASM_STT_FUNC;
                p->import = imp;
                g_hash_table_insert(ctx->globals, p->name, p);
                g_ptr_array_add(made, p);
                g_ptr_array_add(im->plt, p);
            }
        }
    }
}

/*
 * Copy relocations.  A dynamic ET_EXEC (not PIC) may refer to a shared
 * object's variable directly (`addd 0, [_f64 lv]', `.quad lv'): as ld.bfd
 * does for e2k, the link reserves room for it in .dynbss (in the bss
 * part of the data segment, aligned as the variable is in its object),
 * defines the symbol there (a defined .dynsym entry, so the loader's
 * lookups, the object's own included, find this copy first) and adds an
 * R_E2K_64_COPY (64), which the loader answers by copying the object's
 * initial value.  Its GOT slot then holds the copy's address.  As ld
 * decides, a variable referred to only by 8-byte data in writable
 * sections is not copied: each such datum gets an R_E2K_64_ABS
 * (ImportRef).  -pie and -shared output cannot copy: direct references
 * stay errors there.
 */
/* st_size is untrusted: a copy larger than this is refused */
#define COPY_SIZE_MAX (1ull << 32)

typedef struct ImportRef {
    AsmSection *sec;
    AsmFixup *fx;
    int64_t addend;
} ImportRef;

/* The imported variable @n refers to as `X' or `X +/- N', or NULL. */
static AsmImport *direct_import(ExprNode *n, int64_t *addend)
{
    AsmSymbol *s;

    *addend = 0;
    if ((n->op == EXPR_ADD || n->op == EXPR_SUB) && n->a->op == EXPR_SYM &&
        n->b->op == EXPR_NUM) {
        *addend = n->op == EXPR_ADD ? n->b->num : -n->b->num;
        n = n->a;
    }
    if (n->op != EXPR_SYM) {
        return NULL;
    }
    s = asm_symbol_resolve(n->sym);
    if (s->kind != SYM_UNDEF || !s->import ||
        s->import->type == ASM_STT_FUNC) {
        return NULL;
    }
    return s->import;
}

/* Mark the imported variables @n refers to directly (not by X@GOT). */
static void copy_scan(ExprNode *n, AsmLoc loc)
{
    int64_t addend;
    AsmImport *imp;

    if (!n || n->op == EXPR_RELOP) {
        return;                         /* X@GOT and the like */
    }
    imp = direct_import(n, &addend);
    if (imp) {
        if (!imp->direct_ro) {
            imp->direct_ro = true;
            imp->direct_loc = loc;
        }
        return;
    }
    copy_scan(n->a, loc);
    copy_scan(n->b, loc);
}

static void copy_scan_fixup(AsmContext *ctx, AsmSection *sec, AsmFixup *fx,
                            void *opaque)
{
    ImportRef ref = { sec, fx, 0 };
    AsmImport *imp;

    if ((sec->flags & ASM_SHF_WRITE) && !fx->kind && fx->data_size == 8 &&
        (imp = direct_import(fx->expr, &ref.addend))) {
        if (!imp->data_refs) {
            imp->data_refs = g_array_new(false, false, sizeof(ImportRef));
        }
        g_array_append_val(imp->data_refs, ref);
        return;
    }
    copy_scan(fx->expr, fx->loc);
}

/* Copy @imp (see above), unless it cannot be. */
static void copy_make(AsmContext *ctx, AsmImport *imp, GPtrArray *made,
                      Imports *im)
{
    if (imp->type == ASM_STT_TLS || !imp->size ||
        imp->size > COPY_SIZE_MAX) {
        asm_error(ctx, imp->direct_loc, "`%s' of %s cannot be copied into "
                  "the executable (%s): reach it through `%s@GOT'",
                  imp->name, imp->lib,
                  imp->type == ASM_STT_TLS ? "thread-local" :
                  !imp->size ? "its size is 0" : "its size is over 4 GiB",
                  imp->name);
        return;
    }
    imp->copy = g_new0(AsmSymbol, 1);
    imp->copy->name = g_strdup(imp->name);
    imp->copy->kind = SYM_EQU;          /* valued once .dynbss is placed */
    imp->copy->global = true;
    imp->copy->type = imp->type;
    imp->copy->import = imp;            /* its GOT slot: see got_slot_of */
    g_hash_table_insert(ctx->globals, imp->copy->name, imp->copy);
    g_ptr_array_add(made, imp->copy);
    im->ncopy++;
}

/* The R_E2K_64_ABS relocations of the 8-byte data in writable sections
 * that refer to a variable not copied (see above), into @dyn. */
static void import_data_relocs(Imports *im, GArray *dyn)
{
    guint i, j;

    for (i = 0; i < im->all->len; i++) {
        AsmImport *imp = im->all->pdata[i];
        for (j = 0; !imp->copy && imp->data_refs &&
                    j < imp->data_refs->len; j++) {
            ImportRef *ref = &g_array_index(imp->data_refs, ImportRef, j);
            DynReloc r = { ref->sec, ref->fx, ref->fx->base, R_E2K_64_ABS,
                           imp->dynindx, 0, ref->addend };
            ref->fx->load_time = true;
            g_array_append_val(dyn, r);
        }
    }
}

static const char *import_name(gconstpointer p)
{
    return ((const AsmImport *)p)->name;
}

/* Copy the variables a dynamic ET_EXEC refers to directly (see above);
 * the copies move to the end of .dynsym, where .gnu.hash covers them,
 * and get their .dynbss offsets (in their copy's value until placed). */
static void copies_collect(AsmContext *ctx, GPtrArray *made, Imports *im)
{
    GPtrArray *copies = g_ptr_array_new();
    GPtrArray *all = g_ptr_array_new();
    guint i;

    for_each_alloc_fixup(ctx, copy_scan_fixup, NULL);
    for (i = 0; i < im->all->len; i++) {
        AsmImport *imp = im->all->pdata[i];
        if (imp->direct_ro && imp->type != ASM_STT_FUNC) {
            copy_make(ctx, imp, made, im);
        }
        g_ptr_array_add(imp->copy ? copies : all, imp);
    }
    gnu_hash_sort(copies, import_name);
    for (i = 0; i < copies->len; i++) {
        AsmImport *imp = copies->pdata[i];
        uint64_t align = MIN(imp->align, PAGE);
        im->dynbss_size = align_up(im->dynbss_size, align);
        imp->copy->value = im->dynbss_size;
        im->dynbss_size += imp->size;
        g_ptr_array_add(all, imp);
    }
    for (i = 0; i < all->len; i++) {
        ((AsmImport *)all->pdata[i])->dynindx = i + 1;
    }
    g_ptr_array_free(im->all, true);
    g_ptr_array_free(copies, true);
    im->all = all;
}

static void put_words(uint8_t *p, const uint32_t *w, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        put_le(p + 4 * i, w[i], 4);
    }
}

/* ld.bfd waits 2 cycles for a load in the PLT, 4 on elbrus-v6 (where a
 * load takes 5): the bundle header's nop field. */
static uint32_t plt_nops(const AsmContext *ctx, uint32_t hs)
{
    return (hs & ~0x380u) | ((ctx->isa == 6 ? 4u : 2u) << 7);
}

/* The address of function @k's entry, of @n (the made symbol's value). */
static uint64_t plt_entry_addr(bool pic, uint64_t plt, unsigned n,
                               unsigned k)
{
    return pic ? plt + PLT_HEADER_SIZE + n * PLT_LAZY_SIZE +
                 k * PLT_ENTRY_SIZE
               : plt + PLT_EXEC_HEADER_SIZE + n * PLT_LAZY_SIZE +
                 k * PLT_EXEC_ENTRY_SIZE;
}

/* A 64-bit literal: high word first. */
static void put_lit64(uint8_t *p, uint64_t v)
{
    put_le(p, v >> 32, 4);
    put_le(p + 4, (uint32_t)v, 4);
}

/* Fill .plt, the .got.plt slots and .rela.plt (see above). */
static void plt_fill(AsmContext *ctx, bool pic, OutSec *plt, OutSec *gotplt,
                     OutSec *relaplt, GPtrArray *funcs)
{
    uint8_t *p = plt->synth->data;
    unsigned n = funcs->len, k;
    uint64_t hsize = pic ? PLT_HEADER_SIZE : PLT_EXEC_HEADER_SIZE;

    if (pic) {
        put_words(p, plt_header, G_N_ELEMENTS(plt_header));
        put_le(p + 0x10, plt_nops(ctx, plt_header[4]), 4);
        put_le(p + 0x20, gotplt->addr - plt->addr + 16, 4);
        put_le(p + 0x24, gotplt->addr - plt->addr + 8, 4);
    } else {
        put_words(p, plt_exec_header, G_N_ELEMENTS(plt_exec_header));
        put_le(p, plt_nops(ctx, plt_exec_header[0]), 4);
        put_lit64(p + 0x10, gotplt->addr + 8);
    }
    for (k = 0; k < n; k++) {
        AsmSymbol *f = funcs->pdata[k];
        uint64_t lazy = hsize + k * PLT_LAZY_SIZE;
        uint64_t entry = plt_entry_addr(pic, plt->addr, n, k);
        uint8_t *e = p + (entry - plt->addr);
        uint64_t slot = gotplt->addr + 24 + 8 * k;
        uint8_t *r = relaplt->synth->data + ELF_RELA_SIZE * k;

        put_words(p + lazy, plt_lazy, G_N_ELEMENTS(plt_lazy));
        put_le(p + lazy + 0xc, ((uint32_t)-lazy >> 3) & 0x0fffffff, 4);
        put_le(p + lazy + 0x18, ELF_RELA_SIZE * k, 4);
        if (pic) {
            put_words(e, plt_entry, G_N_ELEMENTS(plt_entry));
            put_le(e + 0x18, plt_nops(ctx, plt_entry[6]), 4);
            put_le(e + 0x24, slot - entry, 4);
        } else {
            put_words(e, plt_exec_entry, G_N_ELEMENTS(plt_exec_entry));
            put_le(e, plt_nops(ctx, plt_exec_entry[0]), 4);
            put_lit64(e + 0xc, slot);
        }
        put_le(gotplt->synth->data + 24 + 8 * k, plt->addr + lazy, 8);
        put_le(r, slot, 8);
        put_le(r + 8, ((uint64_t)f->import->dynindx << 32) |
               R_E2K_64_JMP_SLOT, 8);
        put_le(r + 16, 0, 8);
    }
}

/* ---- the global offset table ------------------------------------------ */

AsmGot *asm_link_got;

/* The slot of @a's value, or -1 (with @errp set if it cannot have one). */
static int got_slot_of(AsmGot *got, ExprNode *a, bool add, Error **errp)
{
    AsmImport *imp = NULL;
    AsmValue v = { 0 };
    guint i;

    if (a->op == EXPR_SYM) {
        imp = asm_symbol_resolve(a->sym)->import;
    } else if (a->op == EXPR_ADD && a->a->op == EXPR_SYM &&
               a->b->op == EXPR_NUM) {
        /* `X + addend', as a relocation read from an object says it */
        imp = asm_symbol_resolve(a->a->sym)->import;
        if (imp && a->b->num) {
            error_setg(errp, "@GOT of %s%+" PRId64 ": a slot bound to a "
                       "shared object's symbol has no addend", imp->name,
                       a->b->num);
            return -1;
        }
    }
    if (imp && imp->type == ASM_STT_TLS) {
        error_setg(errp, "@GOT of %s: it is thread-local in %s, and "
                   "e2k-asm's link makes no TLS", imp->name, imp->lib);
        return -1;
    }
    if (!imp && !expr_eval(a, EXPR_NOW, &v, errp)) {
        return -1;
    }
    if (!imp && !v.sec) {
        error_setg(errp, "@GOT of %s: neither defined by the link nor by "
                   "a shared object given to it",
                   v.sym ? v.sym->name : "a constant");
        return -1;
    }
    for (i = 0; i < got->slots->len; i++) {
        GotSlot *g = &g_array_index(got->slots, GotSlot, i);
        if (imp ? g->imp == imp
                : (!g->imp && g->sec == v.sec && g->off == v.off)) {
            return (int)i;
        }
    }
    if (!add) {
        error_setg(errp, "internal error: @GOT reference without a slot");
        return -1;
    }
    {
        GotSlot g = { v.sec, v.off, imp, a };
        g_array_append_val(got->slots, g);
    }
    return (int)got->slots->len - 1;
}

/* Walk @n for GOT references: slots for `X@GOT'; true if any relocation
 * operator that needs the GOT is there. */
static bool got_scan(AsmContext *ctx, AsmGot *got, ExprNode *n, AsmLoc loc)
{
    bool used = false;

    if (!n) {
        return false;
    }
    if (n->op == EXPR_RELOP) {
        if (n->num == ASM_RELOP_GOT) {
            Error *err = NULL;
            if (got_slot_of(got, n->a, true, &err) < 0) {
                asm_error_err(ctx, loc, err);
            }
        }
        return n->num == ASM_RELOP_GOT || n->num == ASM_RELOP_GOTOFF ||
               n->num == ASM_RELOP_GOTPC;
    }
    used |= got_scan(ctx, got, n->a, loc);
    used |= got_scan(ctx, got, n->b, loc);
    return used;
}

typedef struct GotScan {
    AsmGot *got;
    bool used;              /* some relocation operator needs the GOT */
} GotScan;

static void got_scan_fixup(AsmContext *ctx, AsmSection *sec, AsmFixup *fx,
                           void *opaque)
{
    GotScan *gs = opaque;

    gs->used |= got_scan(ctx, gs->got, fx->expr, fx->loc);
}

/* The link's GOT, or NULL when nothing refers to one (and @need is
 * false: a PLT needs .got.plt). */
static AsmGot *got_collect(AsmContext *ctx, bool need)
{
    GotScan gs = { g_new0(AsmGot, 1), need };

    gs.got->slots = g_array_new(false, true, sizeof(GotSlot));
    for_each_alloc_fixup(ctx, got_scan_fixup, &gs);
    if (!gs.used) {
        g_array_free(gs.got->slots, true);
        g_free(gs.got);
        return NULL;
    }
    return gs.got;
}

/* How many of @got's slots get a load-time relocation: in -pie/-shared
 * output all of them, else those bound to a shared object's symbol. */
static unsigned got_dyn_relocs(AsmGot *got, bool pic)
{
    unsigned n = 0;
    guint i;

    for (i = 0; got && i < got->slots->len; i++) {
        AsmImport *imp = g_array_index(got->slots, GotSlot, i).imp;
        n += pic || (imp && !imp->copy);
    }
    return n;
}

static void got_free(AsmGot *got)
{
    if (got) {
        g_array_free(got->slots, true);
        g_free(got);
    }
}

bool asm_got_resolve(AsmGot *got, int relop, ExprNode *a, AsmValue *out,
                     Error **errp)
{
    int slot;

    memset(out, 0, sizeof(*out));
    switch (relop) {
    case ASM_RELOP_GOT:
        slot = got_slot_of(got, a, false, errp);
        if (slot < 0) {
            return false;
        }
        out->off = (int64_t)(got->got_addr + 8 * (uint64_t)slot -
                             got->gotplt_addr);
        break;
    case ASM_RELOP_GOTOFF:
        if (!expr_eval(a, EXPR_FINAL, out, errp)) {
            return false;
        }
        out->off -= (int64_t)got->gotplt_addr;
        break;
    default:    /* ASM_RELOP_GOTPC */
        out->off = (int64_t)got->gotplt_addr;
        break;
    }
    out->relop = relop;
    return true;
}

bool asm_link_executable(AsmContext *ctx, const char *out, Error **errp)
{
    AsmLinkOptions opts = { ASM_LINK_STATIC, NULL, NULL, false };

    return asm_link_output(ctx, out, &opts, errp);
}

bool asm_link_output(AsmContext *ctx, const char *out,
                     const AsmLinkOptions *opts, Error **errp)
{
    GPtrArray *outs = collect_sections(ctx);
    GPtrArray *made = g_ptr_array_new();
    GByteArray *b = g_byte_array_new(), *symtab = g_byte_array_new();
    ElfStrtab shstrtab;
    GPtrArray *symnames = g_ptr_array_new();
    GString *strtab = NULL;
    bool have_data = false, ok = false;
    bool dynamic = opts->kind != ASM_LINK_STATIC;
    /* position-independent: -pie or -shared; ASM_LINK_EXEC is dynamic
       at the static link's addresses */
    bool pic = opts->kind == ASM_LINK_PIE || opts->kind == ASM_LINK_SHARED;
    const char *interp = NULL;
    unsigned phnum, shnum, symtab_idx, first_global = 0;
    uint64_t base = pic ? 0 : BASE_ADDR;
    uint64_t pos, text_end, data_start = 0, data_file_end = 0, data_mem_end;
    uint64_t text_off_end, bss_start, edata, entry = 0;
    uint64_t symtab_off, strtab_off, shstrtab_off, shoff;
    uint32_t symtab_name, strtab_name, shstrtab_name;
    OutSec *last = NULL;
    OutSec *s_interp = NULL, *s_hash = NULL, *s_gnuhash = NULL;
    OutSec *s_dynsym = NULL, *s_dynbss = NULL;
    unsigned hash_style = opts->hash_style ? opts->hash_style
                                           : ASM_HASH_SYSV | ASM_HASH_GNU;
    OutSec *s_dynstr = NULL, *s_rela = NULL, *s_dynamic = NULL;
    AsmSymbol *start, *sym_bss_start, *sym_edata, *sym_end;
    GArray *dynrel = NULL;
    GPtrArray *exports = NULL;
    AsmGot *got = NULL;
    OutSec *s_got = NULL, *s_gotplt = NULL, *s_plt = NULL, *s_relaplt = NULL;
    Imports im = { NULL, NULL };
    unsigned ndyn = 0, nrel_text = 0, nrelative = 0, nplt = 0, ndynsym = 0;
    unsigned nneeded = ctx->needed ? ctx->needed->len : 0;
    guint i, j;

    elf_strtab_init(&shstrtab);

    /* the linker's symbols exist (with final values set below) before
       the position-independence probe, which moves them too */
    sym_bss_start = linker_symbol(ctx, made, "__bss_start", 0, NULL);
    sym_edata = linker_symbol(ctx, made, "_edata", 0, NULL);
    sym_end = linker_symbol(ctx, made, "_end", 0, NULL);

    if (dynamic) {
        imports_collect(ctx, made, &im);
        if (opts->kind == ASM_LINK_EXEC) {
            copies_collect(ctx, made, &im);
        }
        nplt = im.plt->len;
    }
    got = asm_link_got = got_collect(ctx, nplt > 0);
    if (got) {
        s_got = synth_section(".got", ASM_SHT_PROGBITS,
                              SHF_ALLOC_ | SHF_WRITE_, 8, 8,
                              8 * got->slots->len);
        s_gotplt = synth_section(".got.plt", ASM_SHT_PROGBITS,
                                 SHF_ALLOC_ | SHF_WRITE_, 8, 8,
                                 24 + 8 * nplt);
    }

    if (dynamic) {
        uint64_t dynstr_size = 1;
        guint first_writable = outs->len;

        interp = opts->interp;
        if (!interp && opts->kind != ASM_LINK_SHARED) {
            interp = E2K_DEFAULT_INTERP;
        }
        if (interp && !*interp) {
            interp = NULL;
        }
        dynrel = pic ? classify_fixups(ctx, made)
                     : g_array_new(false, true, sizeof(DynReloc));
        if (opts->kind == ASM_LINK_EXEC) {
            import_data_relocs(&im, dynrel);
        }
        exports = exported_symbols(ctx, opts);
        if (hash_style & ASM_HASH_GNU) {
            gnu_hash_sort(exports, symbol_name);
        }
        ndynsym = 1 + im.all->len + exports->len;
        for (i = 0; i < exports->len; i++) {
            AsmSymbol *e = exports->pdata[i];
            dynstr_size += strlen(e->name) + 1;
        }
        for (i = 0; i < im.all->len; i++) {
            AsmImport *imp = im.all->pdata[i];
            dynstr_size += strlen(imp->name) + 1;
        }
        for (i = 0; i < nneeded; i++) {
            dynstr_size += strlen(ctx->needed->pdata[i]) + 1;
        }
        if (opts->soname) {
            dynstr_size += strlen(opts->soname) + 1;
        }
        /* DT_HASH and/or GNU_HASH, STRTAB SYMTAB STRSZ SYMENT RELA RELASZ RELAENT RELACOUNT
           NULL, FLAGS_1 (-pie/-shared), DEBUG in an executable, SONAME,
           PLTGOT, NEEDED per shared object, E2K_LAZY_GOT PLTRELSZ PLTREL
           JMPREL, TEXTREL + FLAGS */
        ndyn = 9 + !!(hash_style & ASM_HASH_SYSV) +
               !!(hash_style & ASM_HASH_GNU) + pic +
               (opts->kind != ASM_LINK_SHARED) +
               (opts->soname != NULL) + (got != NULL) + nneeded +
               (nplt ? 4 : 0);
        for (i = 0; i < dynrel->len; i++) {
            DynReloc *r = &g_array_index(dynrel, DynReloc, i);
            if (r->sec && !(r->sec->flags & ASM_SHF_WRITE)) {
                nrel_text++;
            }
        }
        if (nrel_text) {
            ndyn += 2;
        }
        if (opts->bind_now) {
            ndyn += 1 + !pic;   /* BIND_NOW, and FLAGS_1 if not already */
        }
        if (interp) {
            s_interp = synth_section(".interp", ASM_SHT_PROGBITS,
                                     SHF_ALLOC_, 1, 0, strlen(interp) + 1);
            memcpy(s_interp->synth->data, interp, strlen(interp) + 1);
        }
        if (hash_style & ASM_HASH_SYSV) {
            s_hash = synth_section(".hash", SHT_HASH_, SHF_ALLOC_, 8, 4,
                                   4 * (2 + hash_bucket_count(ndynsym - 1,
                                                              false) +
                                        ndynsym));
        }
        if (hash_style & ASM_HASH_GNU) {
            s_gnuhash = synth_section(".gnu.hash", SHT_GNU_HASH_, SHF_ALLOC_,
                                      8, 0, gnu_hash_shape(exports->len +
                                                           im.ncopy).size);
        }
        s_dynsym = synth_section(".dynsym", SHT_DYNSYM_, SHF_ALLOC_, 8,
                                 ELF_SYM_SIZE, ELF_SYM_SIZE * ndynsym);
        s_dynstr = synth_section(".dynstr", SHT_STRTAB_, SHF_ALLOC_, 1, 0,
                                 dynstr_size);
        s_rela = synth_section(".rela.dyn", SHT_RELA_, SHF_ALLOC_, 8,
                               ELF_RELA_SIZE, ELF_RELA_SIZE *
                               (dynrel->len + got_dyn_relocs(got, pic) +
                                im.ncopy));
        s_dynamic = synth_section(".dynamic", SHT_DYNAMIC_,
                                  SHF_ALLOC_ | SHF_WRITE_, 8, 16, 16 * ndyn);
        /* read-only ones before the code, .dynamic first in the data */
        for (i = 0; i < outs->len; i++) {
            OutSec *o = outs->pdata[i];
            if (o->flags & ASM_SHF_WRITE) {
                first_writable = i;
                break;
            }
        }
        if (got) {
            g_ptr_array_insert(outs, first_writable, s_gotplt);
            if (got->slots->len) {
                g_ptr_array_insert(outs, first_writable, s_got);
            }   /* else only the PLT's .got.plt (ld drops an empty .got) */
        }
        g_ptr_array_insert(outs, first_writable, s_dynamic);
        if (im.ncopy) {
            /* ld: .dynbss first in the bss (here its own section) */
            guint at = outs->len;
            for (i = outs->len; i-- > first_writable;) {
                OutSec *o = outs->pdata[i];
                if (o->type == ASM_SHT_NOBITS && !(o->flags & ASM_SHF_TLS) &&
                    (o->flags & ASM_SHF_WRITE)) {
                    at = i;
                }
            }
            s_dynbss = synth_section(".dynbss", ASM_SHT_NOBITS,
                                     SHF_ALLOC_ | SHF_WRITE_, 8, 0,
                                     im.dynbss_size);
            for (i = 0; i < im.all->len; i++) {
                AsmImport *imp = im.all->pdata[i];
                if (imp->copy) {
                    s_dynbss->align = MAX(s_dynbss->align,
                                          MIN(imp->align, PAGE));
                }
            }
            g_ptr_array_insert(outs, at, s_dynbss);
        }
        if (nplt) {
            /* ld: .rela.plt after .rela.dyn, .plt before the code */
            guint first_code = first_writable;
            for (i = 0; i < first_writable; i++) {
                OutSec *o = outs->pdata[i];
                if (o->flags & ASM_SHF_EXECINSTR) {
                    first_code = i;
                    break;
                }
            }
            s_plt = synth_section(".plt", ASM_SHT_PROGBITS,
                                  SHF_ALLOC_ | ASM_SHF_EXECINSTR, 8, 0,
                                  plt_size(pic, nplt));
            g_ptr_array_insert(outs, first_code, s_plt);
            s_relaplt = synth_section(".rela.plt", SHT_RELA_,
                                      SHF_ALLOC_ | SHF_INFO_LINK_, 8,
                                      ELF_RELA_SIZE, ELF_RELA_SIZE * nplt);
            g_ptr_array_insert(outs, 0, s_relaplt);
        }
        g_ptr_array_insert(outs, 0, s_rela);
        g_ptr_array_insert(outs, 0, s_dynstr);
        g_ptr_array_insert(outs, 0, s_dynsym);
        if (s_gnuhash) {
            g_ptr_array_insert(outs, 0, s_gnuhash);   /* ld: after .hash */
        }
        if (s_hash) {
            g_ptr_array_insert(outs, 0, s_hash);
        }
        if (s_interp) {
            g_ptr_array_insert(outs, 0, s_interp);
        }
        if (ctx->errors) {
            goto out;
        }
    }

    if (got && !dynamic) {
        /* ld: .got and .got.plt before the program's data */
        guint first_writable = outs->len;
        for (i = 0; i < outs->len; i++) {
            OutSec *o = outs->pdata[i];
            if (o->flags & ASM_SHF_WRITE) {
                first_writable = i;
                break;
            }
        }
        g_ptr_array_insert(outs, first_writable, s_gotplt);
        g_ptr_array_insert(outs, first_writable, s_got);
    }

    /* empty output sections are not written (ld drops them); their parts
       still get addresses so that labels in them have values */
    for (i = 0; i < outs->len; i++) {
        OutSec *o = outs->pdata[i];
        for (j = 0; j < o->parts->len; j++) {
            if ((o->flags & ASM_SHF_WRITE) &&
                asm_section_size(o->parts->pdata[j])) {
                have_data = true;
            }
        }
    }
    if (got) {
        have_data = true;
    }
    if (dynamic) {
        /* PHDR and INTERP, two LOADs, DYNAMIC, GNU_STACK */
        have_data = true;
        phnum = 4 + (interp ? 2 : 0);
    } else {
        phnum = have_data ? 2 : 1;
    }

    /* the text segment: headers, code, read-only data */
    pos = base + ELF_EHDR_SIZE + phnum * ELF_PHDR_SIZE;
    for (i = 0; i < outs->len; i++) {
        OutSec *o = outs->pdata[i];
        if (!(o->flags & ASM_SHF_WRITE) && !o->debug) {
            pos = o->synth ? place_synth(o, pos) : place(o, pos);
            o->off = o->addr - base;
        }
    }
    text_end = pos;
    text_off_end = text_end - base;

    /* the data segment: same offset within a page as the text end */
    data_start = align_up(text_end, PAGE) + (text_end & (PAGE - 1));
    pos = data_start;
    edata = 0;
    bss_start = 0;
    for (i = 0; i < outs->len; i++) {
        OutSec *o = outs->pdata[i];
        if (!(o->flags & ASM_SHF_WRITE)) {
            continue;
        }
        if (o->type == ASM_SHT_NOBITS && !bss_start) {
            /* ld: _edata and __bss_start before .bss is aligned */
            edata = bss_start = pos;
        }
        pos = o->synth ? place_synth(o, pos) : place(o, pos);
        o->off = text_off_end + (o->addr - data_start);
        if (o->type != ASM_SHT_NOBITS) {
            data_file_end = pos;
        }
    }
    data_mem_end = pos;
    if (!bss_start) {
        edata = bss_start = pos;
    }

    /* debugging sections: address 0, in the file after the segments */
    {
        uint64_t file_end = 0;
        for (i = 0; i < outs->len; i++) {
            OutSec *o = outs->pdata[i];
            if (!o->debug && o->type != ASM_SHT_NOBITS &&
                o->off + o->size > file_end) {
                file_end = o->off + o->size;
            }
        }
        for (i = 0; i < outs->len; i++) {
            OutSec *o = outs->pdata[i];
            if (o->debug) {
                place(o, 0);
                o->off = align_up(file_end, o->align);
                file_end = o->off + o->size;
            }
        }
    }

    /* section names in ld's order; indexes only for non-empty sections */
    symtab_name = elf_strtab_add(&shstrtab, ".symtab");
    strtab_name = elf_strtab_add(&shstrtab, ".strtab");
    shstrtab_name = elf_strtab_add(&shstrtab, ".shstrtab");
    shnum = 1;
    for (i = 0; i < outs->len; i++) {
        OutSec *o = outs->pdata[i];
        if (o->size || o->synth) {
            o->index = shnum++;
            o->name_off = elf_strtab_add(&shstrtab, o->name);
            if (!o->debug) {
                last = o;
            }
        }
    }
    symtab_idx = shnum;
    shnum += 3;

    if (sym_bss_start) {
        sym_bss_start->value = bss_start;
        sym_bss_start->out_index = last ? last->index : SHN_ABS_;
    }
    if (sym_edata) {
        sym_edata->value = edata;
        sym_edata->out_index = last ? last->index : SHN_ABS_;
    }
    if (sym_end) {
        sym_end->value = align_up(data_mem_end, 8);
        sym_end->out_index = last ? last->index : SHN_ABS_;
    }

    if (got) {
        got->got_addr = s_got->addr;
        got->gotplt_addr = s_gotplt->addr;
    }
    for (i = 0; i < nplt; i++) {
        AsmSymbol *f = im.plt->pdata[i];
        f->value = plt_entry_addr(pic, s_plt->addr, nplt, i);
    }
    for (i = 0; s_dynbss && i < im.all->len; i++) {
        AsmImport *imp = im.all->pdata[i];
        if (imp->copy) {
            imp->copy->value += s_dynbss->addr;
        }
    }
    asm_apply_fixups(ctx, false);
    if (got) {
        /* the slots; in -pie/-shared output each is 0 with a relative
           relocation, as ld writes them */
        for (i = 0; i < got->slots->len; i++) {
            GotSlot *g = &g_array_index(got->slots, GotSlot, i);
            AsmValue v = { 0 };
            Error *err = NULL;
            if (g->imp && g->imp->copy) {
                /* the executable's copy of it: a static address */
                put_le(s_got->synth->data + 8 * i, g->imp->copy->value, 8);
                continue;
            }
            if (g->imp) {
                /* bound by the loader to the shared object's symbol */
                DynReloc r = { NULL, NULL, 0, R_E2K_64_ABS, g->imp->dynindx,
                               s_got->addr + 8 * i, 0 };
                g_array_append_val(dynrel, r);
                continue;
            }
            if (!expr_eval(g->expr, EXPR_FINAL, &v, &err)) {
                error_free(err);    /* reported by asm_apply_fixups */
            }
            if (pic) {
                DynReloc r = { NULL, NULL, 0, R_E2K_64_RELATIVE, 0,
                               s_got->addr + 8 * i, v.off };
                g_array_append_val(dynrel, r);
            } else {
                put_le(s_got->synth->data + 8 * i, (uint64_t)v.off, 8);
            }
        }
        if (dynamic) {
            put_le(s_gotplt->synth->data, s_dynamic->addr, 8);
        }
    }
    for (i = 0; im.all && i < im.all->len; i++) {
        AsmImport *imp = im.all->pdata[i];
        if (imp->copy) {
            DynReloc r = { NULL, NULL, 0, R_E2K_64_COPY, imp->dynindx,
                           imp->copy->value, 0 };
            g_array_append_val(dynrel, r);
        }
    }

    start = g_hash_table_lookup(ctx->globals, "_start");
    if (start) {
        uint64_t v;
        uint16_t x;
        if (exe_symbol(ctx, start, outs, &v, &x)) {
            entry = v;
        }
    } else if (opts->kind != ASM_LINK_SHARED) {
        OutSec *t = NULL;
        for (i = 0; i < outs->len && !t; i++) {
            OutSec *o = outs->pdata[i];
            if (!o->synth) {
                t = o;
            }
        }
        entry = t && (t->flags & ASM_SHF_EXECINSTR) ? t->addr : base;
        asm_warn(ctx, (AsmLoc){ "e2k-asm", 0 }, "cannot find entry symbol "
                 "_start; defaulting to 0x%" PRIx64, entry);
    }

    if (dynamic) {
        uint64_t dpos = 0, strpos = 1, soname_off = 0;
        const char **names = g_new0(const char *, ndynsym);
        uint64_t *needed_off = g_new0(uint64_t, nneeded + 1);

        /* .dynsym (the imports, undefined, then the exports), .dynstr */
        for (i = 1; i < ndynsym; i++) {
            uint8_t *p = s_dynsym->synth->data + ELF_SYM_SIZE * i;
            const char *name;

            if (i <= im.all->len) {
                AsmImport *imp = im.all->pdata[i - 1];
                name = imp->name;
                p[4] = (STB_GLOBAL_ << 4) | imp->type;
                put_le(p + 16, imp->size, 8);
                if (imp->copy) {        /* defined here: the copy */
                    put_le(p + 6, s_dynbss->index, 2);
                    put_le(p + 8, imp->copy->value, 8);
                }
            } else {
                AsmSymbol *e = exports->pdata[i - 1 - im.all->len];
                uint64_t v = 0;
                uint16_t x = 0;
                exe_symbol(ctx, e, outs, &v, &x);
                name = e->name;
                p[4] = ((e->weak ? STB_WEAK_ : STB_GLOBAL_) << 4) | e->type;
                p[5] = e->visibility;
                put_le(p + 6, x, 2);
                put_le(p + 8, v, 8);
                put_le(p + 16, asm_symbol_size(ctx, e, EXPR_FINAL), 8);
            }
            put_le(p, strpos, 4);
            memcpy(s_dynstr->synth->data + strpos, name, strlen(name) + 1);
            strpos += strlen(name) + 1;
            names[i] = name;
        }
        if (s_hash) {
            hash_fill(s_hash->synth->data, names, ndynsym);
            s_hash->link = s_dynsym->index;
        }
        if (s_gnuhash) {
            unsigned first = 1 + im.all->len - im.ncopy;
            gnu_hash_fill(s_gnuhash->synth->data, names + first,
                          ndynsym - first, first);
            s_gnuhash->link = s_dynsym->index;
        }
        g_free(names);
        for (i = 0; i < nneeded; i++) {
            const char *lib = ctx->needed->pdata[i];
            needed_off[i] = strpos;
            memcpy(s_dynstr->synth->data + strpos, lib, strlen(lib) + 1);
            strpos += strlen(lib) + 1;
        }
        if (opts->soname) {
            soname_off = strpos;
            memcpy(s_dynstr->synth->data + strpos, opts->soname,
                   strlen(opts->soname) + 1);
        }
        s_dynsym->link = s_dynstr->index;
        s_dynsym->info = 1;
        s_rela->link = s_dynsym->index;
        s_dynamic->link = s_dynstr->index;
        if (nplt) {
            s_relaplt->link = s_dynsym->index;
            s_relaplt->info = s_gotplt->index;
            plt_fill(ctx, pic, s_plt, s_gotplt, s_relaplt, im.plt);
        }

        /* .rela.dyn, by address, with the link-time values as addends */
        for (i = 0; i < dynrel->len; i++) {
            DynReloc *r = &g_array_index(dynrel, DynReloc, i);
            AsmValue v = { 0 };
            Error *err = NULL;
            if (!r->fx) {
                continue;           /* a GOT slot's, already final */
            }
            if (r->fx->load_time) {
                r->r_offset = r->sec->addr + r->off;
                continue;           /* an import's: addend known */
            }
            if (!expr_eval(r->fx->expr, EXPR_FINAL, &v, &err)) {
                error_free(err);    /* reported by asm_apply_fixups */
            }
            r->r_offset = r->sec->addr + r->off;
            r->addend = v.off;
        }
        if (dynrel->len) {
            qsort(dynrel->data, dynrel->len, sizeof(DynReloc), cmp_dynreloc);
        }
        for (i = 0; i < dynrel->len; i++) {
            DynReloc *r = &g_array_index(dynrel, DynReloc, i);
            uint8_t *p = s_rela->synth->data + ELF_RELA_SIZE * i;
            put_le(p, r->r_offset, 8);
            put_le(p + 8, ((uint64_t)r->sym << 32) | r->type, 8);
            put_le(p + 16, r->addend, 8);
            if (!r->sym) {
                nrelative++;
            }
        }

        /* .dynamic */
        for (i = 0; i < nneeded; i++) {
            put_dyn(s_dynamic->synth, &dpos, DT_NEEDED, needed_off[i]);
        }
        g_free(needed_off);
        if (s_hash) {
            put_dyn(s_dynamic->synth, &dpos, DT_HASH, s_hash->addr);
        }
        if (s_gnuhash) {
            put_dyn(s_dynamic->synth, &dpos, DT_GNU_HASH, s_gnuhash->addr);
        }
        put_dyn(s_dynamic->synth, &dpos, DT_STRTAB, s_dynstr->addr);
        put_dyn(s_dynamic->synth, &dpos, DT_SYMTAB, s_dynsym->addr);
        put_dyn(s_dynamic->synth, &dpos, DT_STRSZ, s_dynstr->synth->len);
        put_dyn(s_dynamic->synth, &dpos, DT_SYMENT, ELF_SYM_SIZE);
        if (opts->soname) {
            put_dyn(s_dynamic->synth, &dpos, DT_SONAME, soname_off);
        }
        if (opts->kind != ASM_LINK_SHARED) {
            put_dyn(s_dynamic->synth, &dpos, DT_DEBUG, 0);
        }
        if (nplt) {
            put_dyn(s_dynamic->synth, &dpos, DT_E2K_LAZY_GOT, 0);
        }
        if (got) {
            put_dyn(s_dynamic->synth, &dpos, DT_PLTGOT, s_gotplt->addr);
        }
        if (nplt) {
            put_dyn(s_dynamic->synth, &dpos, DT_PLTRELSZ,
                    s_relaplt->synth->len);
            put_dyn(s_dynamic->synth, &dpos, DT_PLTREL, DT_RELA);
            put_dyn(s_dynamic->synth, &dpos, DT_JMPREL, s_relaplt->addr);
        }
        put_dyn(s_dynamic->synth, &dpos, DT_RELA, s_rela->addr);
        put_dyn(s_dynamic->synth, &dpos, DT_RELASZ, s_rela->synth->len);
        put_dyn(s_dynamic->synth, &dpos, DT_RELAENT, ELF_RELA_SIZE);
        put_dyn(s_dynamic->synth, &dpos, DT_RELACOUNT, nrelative);
        if (nrel_text) {
            put_dyn(s_dynamic->synth, &dpos, DT_TEXTREL, 0);
            put_dyn(s_dynamic->synth, &dpos, DT_FLAGS, DF_TEXTREL);
        }
        if (opts->bind_now) {
            /* ld -z now without --enable-new-dtags */
            put_dyn(s_dynamic->synth, &dpos, DT_BIND_NOW, 0);
        }
        if (pic || opts->bind_now) {
            put_dyn(s_dynamic->synth, &dpos, DT_FLAGS_1,
                    (opts->kind == ASM_LINK_PIE ? DF_1_PIE : 0) |
                    (opts->bind_now ? DF_1_NOW : 0));
        }
        put_dyn(s_dynamic->synth, &dpos, DT_NULL, 0);
        g_assert(dpos == s_dynamic->synth->len);
    }

    /* symbol table */
    elf_put_sym(symtab, 0, 0, 0, 0, 0);
    for (i = 0; i < outs->len; i++) {
        OutSec *o = outs->pdata[i];
        if (o->index) {
            elf_put_sym(symtab, 0, (STB_LOCAL_ << 4) | STT_SECTION_,
                        o->index, o->addr, 0);
        }
    }
    for (i = 0; i < ctx->files->len; i++) {
        AsmFile *f = ctx->files->pdata[i];
        elf_put_sym(symtab, elf_names_add(symnames, f->file_sym),
                    (STB_LOCAL_ << 4) | STT_FILE_, SHN_ABS_, 0, 0);
        for (j = 0; j < f->symbol_order->len; j++) {
            AsmSymbol *s = f->symbol_order->pdata[j];
            uint64_t v;
            uint16_t x;
            if (s->hidden || s->global || s->kind == SYM_UNDEF) {
                continue;   /* undefined ones are reported by their fixups */
            }
            if (!exe_symbol(ctx, s, outs, &v, &x)) {
                continue;
            }
            elf_put_sym(symtab, elf_names_add(symnames, s->name),
                        (STB_LOCAL_ << 4) | s->type, x, v,
                        asm_symbol_size(ctx, s, EXPR_FINAL));
        }
    }
    first_global = symtab->len / ELF_SYM_SIZE;
    {
        GArray *globals = g_array_new(false, true, sizeof(GlobalSym));
        for (i = 0; i < ctx->files->len; i++) {
            AsmFile *f = ctx->files->pdata[i];
            for (j = 0; j < f->symbol_order->len; j++) {
                AsmSymbol *s = f->symbol_order->pdata[j];
                GlobalSym g = { 0 };
                if (!s->global || s->kind == SYM_UNDEF ||
                    g_hash_table_lookup(ctx->globals, s->name) != s) {
                    continue;
                }
                if (!exe_symbol(ctx, s, outs, &g.value, &g.shndx)) {
                    continue;
                }
                g.name = s->name;
                g.info = ((s->weak ? STB_WEAK_ : STB_GLOBAL_) << 4) | s->type;
                g.size = asm_symbol_size(ctx, s, EXPR_FINAL);
                g_array_append_val(globals, g);
            }
        }
        for (i = 0; i < made->len; i++) {
            AsmSymbol *s = made->pdata[i];
            GlobalSym g = { s->name, (STB_GLOBAL_ << 4) | ASM_STT_NOTYPE,
                            s->out_index, s->value, 0 };
            if (!s->import) {
                g_array_append_val(globals, g);
            }
        }
        for (i = 0; im.all && i < im.all->len; i++) {
            AsmImport *imp = im.all->pdata[i];
            GlobalSym g = { imp->name, (STB_GLOBAL_ << 4) | imp->type,
                            0, 0, 0 };
            if (imp->copy) {
                g.shndx = s_dynbss->index;
                g.value = imp->copy->value;
                g.size = imp->size;
            }
            g_array_append_val(globals, g);
        }
        sort_like_ld(globals);
        for (i = 0; i < globals->len; i++) {
            GlobalSym *g = &g_array_index(globals, GlobalSym, i);
            elf_put_sym(symtab, elf_names_add(symnames, g->name), g->info,
                        g->shndx, g->value, g->size);
        }
        g_array_free(globals, true);
    }
    if (ctx->errors) {
        goto out;
    }
    strtab = elf_names_finish(symnames, symtab);

    /* file image */
    elf_pad_to(b, ELF_EHDR_SIZE);
    /* program headers */
    if (interp) {
        put_phdr(b, PT_PHDR_, 4, ELF_EHDR_SIZE, base + ELF_EHDR_SIZE,
                 phnum * ELF_PHDR_SIZE, phnum * ELF_PHDR_SIZE, 8);
        put_phdr(b, PT_INTERP_, 4, s_interp->off, s_interp->addr,
                 s_interp->size, s_interp->size, 1);
    }
    /* PT_LOAD: headers, code, rodata */
    put_phdr(b, PT_LOAD_, 5, 0, base, text_off_end, text_off_end, PAGE);
    if (have_data) {
        OutSec *first = NULL;
        bool data_exec = false;

        for (i = 0; i < outs->len; i++) {
            OutSec *o = outs->pdata[i];
            if ((o->flags & ASM_SHF_WRITE) && o->size) {
                first = o;
                break;
            }
        }
        for (i = 0; i < outs->len; i++) {
            OutSec *o = outs->pdata[i];
            if ((o->flags & ASM_SHF_WRITE) && (o->flags & ASM_SHF_EXECINSTR)) {
                data_exec = true;
            }
        }
        /* RW, or RWX for "awx" code */
        put_phdr(b, PT_LOAD_, data_exec ? 7 : 6, first->off, first->addr,
                 (data_file_end > first->addr ? data_file_end
                  : first->addr) - first->addr,
                 data_mem_end - first->addr, PAGE);
    }
    if (dynamic) {
        put_phdr(b, PT_DYNAMIC_, 6, s_dynamic->off, s_dynamic->addr,
                 s_dynamic->size, s_dynamic->size, 8);
        put_phdr(b, PT_GNU_STACK_, opts->execstack ? 7 : 6, 0, 0, 0, 0, 16);
    }
    for (i = 0; i < outs->len; i++) {
        OutSec *o = outs->pdata[i];
        if (!o->size || o->type == ASM_SHT_NOBITS) {
            continue;
        }
        elf_pad_to(b, o->off);
        if (o->synth) {
            g_byte_array_append(b, o->synth->data, o->synth->len);
        }
        for (j = 0; j < o->parts->len; j++) {
            AsmSection *s = o->parts->pdata[j];
            elf_pad_to(b, o->off + (s->addr - o->addr));
            g_byte_array_append(b, s->data->data, s->data->len);
        }
    }
    elf_pad_to(b, (b->len + 7) & ~7ull);
    symtab_off = b->len;
    g_byte_array_append(b, symtab->data, symtab->len);
    strtab_off = b->len;
    g_byte_array_append(b, (uint8_t *)strtab->str, strtab->len);
    shstrtab_off = b->len;
    g_byte_array_append(b, (uint8_t *)shstrtab.s->str, shstrtab.s->len);
    elf_pad_to(b, (b->len + 7) & ~7ull);
    shoff = b->len;

    elf_put_shdr(b, 0, SHT_NULL_, 0, 0, 0, 0, 0, 0, 0, 0);
    for (i = 0; i < outs->len; i++) {
        OutSec *o = outs->pdata[i];
        if (o->index) {
            elf_put_shdr(b, o->name_off, o->type, o->flags, o->addr, o->off,
                         o->size, o->link, o->info, o->align, o->entsize);
        }
    }
    elf_put_shdr(b, symtab_name, SHT_SYMTAB_, 0, 0, symtab_off, symtab->len,
                 symtab_idx + 1, first_global, 8, ELF_SYM_SIZE);
    elf_put_shdr(b, strtab_name, SHT_STRTAB_, 0, 0, strtab_off,
                 strtab->len, 0, 0, 1, 0);
    elf_put_shdr(b, shstrtab_name, SHT_STRTAB_, 0, 0, shstrtab_off,
                 shstrtab.s->len, 0, 0, 1, 0);
    {
        GByteArray *hdr = g_byte_array_new();
        elf_put_ehdr(hdr, pic ? 3 /* ET_DYN */ : 2 /* ET_EXEC */, entry,
                     ELF_EHDR_SIZE, shoff,
                     ctx->e_flags, phnum, shnum, shnum - 1);
        memcpy(b->data, hdr->data, ELF_EHDR_SIZE);
        g_byte_array_free(hdr, true);
    }
    ok = elf_write_file(out, b, true, errp);
out:
    if (strtab) {
        g_string_free(strtab, true);
    }
    g_ptr_array_free(symnames, true);
    g_string_free(shstrtab.s, true);
    g_byte_array_free(symtab, true);
    g_byte_array_free(b, true);
    g_ptr_array_free(outs, true);
    g_ptr_array_free(made, true);
    if (dynrel) {
        g_array_free(dynrel, true);
    }
    if (exports) {
        g_ptr_array_free(exports, true);
    }
    asm_link_got = NULL;
    if (got && dynamic && !got->slots->len) {
        outsec_free(s_got);     /* not in @outs */
    }
    got_free(got);
    if (im.all) {
        g_ptr_array_free(im.all, true);
        g_ptr_array_free(im.plt, true);
    }
    if (!ok && errp && !*errp) {
        error_setg(errp, "%s not written because of the errors above", out);
    }
    return ok;
}
