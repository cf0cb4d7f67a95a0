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
 * aligned to its own alignment.  Non-allocated sections are dropped.
 */
#include "tools/e2k-asm/assemble.h"
#include "tools/e2k-asm/elf-out.h"
#include <string.h>

#define BASE_ADDR 0x10000
#define PAGE 0x1000

typedef struct OutSec {
    char *name;
    uint64_t flags;
    unsigned type;
    uint64_t align;
    GPtrArray *parts;       /* AsmSection* */
    uint64_t addr, off, size;
    unsigned index;
    uint32_t name_off;
} OutSec;

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

    for (g = 0; g < 4; g++) {
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
                if (!(s->flags & ASM_SHF_ALLOC) || sec_group(s) != g) {
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
            }
        }
        /* canonical section first in its group */
        for (k = first; k < outs->len; k++) {
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
        if (s->align > o->align && asm_section_size(s)) {
            o->align = s->align;
        }
    }
    addr = align_up(addr, o->align);
    o->addr = addr;
    pos = addr;
    for (i = 0; i < o->parts->len; i++) {
        AsmSection *s = o->parts->pdata[i];
        if (asm_section_size(s)) {
            pos = align_up(pos, s->align);
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

bool asm_link_executable(AsmContext *ctx, const char *out, Error **errp)
{
    GPtrArray *outs = collect_sections(ctx);
    GPtrArray *made = g_ptr_array_new();
    GByteArray *b = g_byte_array_new(), *symtab = g_byte_array_new();
    ElfStrtab shstrtab;
    GPtrArray *symnames = g_ptr_array_new();
    GString *strtab = NULL;
    bool have_data = false, ok = false;
    unsigned phnum, shnum, symtab_idx, first_global = 0;
    uint64_t pos, text_end, data_start = 0, data_file_end = 0, data_mem_end;
    uint64_t text_off_end, bss_start, edata, entry = 0;
    uint64_t symtab_off, strtab_off, shstrtab_off, shoff;
    uint32_t symtab_name, strtab_name, shstrtab_name;
    OutSec *last = NULL;
    AsmSymbol *start;
    guint i, j;

    elf_strtab_init(&shstrtab);

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
    phnum = have_data ? 2 : 1;

    /* the text segment: headers, code, read-only data */
    pos = BASE_ADDR + ELF_EHDR_SIZE + phnum * ELF_PHDR_SIZE;
    for (i = 0; i < outs->len; i++) {
        OutSec *o = outs->pdata[i];
        if (!(o->flags & ASM_SHF_WRITE)) {
            pos = place(o, pos);
            o->off = o->addr - BASE_ADDR;
        }
    }
    text_end = pos;
    text_off_end = text_end - BASE_ADDR;

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
        pos = place(o, pos);
        o->off = text_off_end + (o->addr - data_start);
        if (o->type != ASM_SHT_NOBITS) {
            data_file_end = pos;
        }
    }
    data_mem_end = pos;
    if (!bss_start) {
        edata = bss_start = pos;
    }

    /* section names in ld's order; indexes only for non-empty sections */
    symtab_name = elf_strtab_add(&shstrtab, ".symtab");
    strtab_name = elf_strtab_add(&shstrtab, ".strtab");
    shstrtab_name = elf_strtab_add(&shstrtab, ".shstrtab");
    shnum = 1;
    for (i = 0; i < outs->len; i++) {
        OutSec *o = outs->pdata[i];
        if (o->size) {
            o->index = shnum++;
            o->name_off = elf_strtab_add(&shstrtab, o->name);
            last = o;
        }
    }
    symtab_idx = shnum;
    shnum += 3;

    linker_symbol(ctx, made, "__bss_start", bss_start, last);
    linker_symbol(ctx, made, "_edata", edata, last);
    linker_symbol(ctx, made, "_end", align_up(data_mem_end, 8), last);

    asm_apply_fixups(ctx, false);

    start = g_hash_table_lookup(ctx->globals, "_start");
    if (start) {
        uint64_t v;
        uint16_t x;
        if (exe_symbol(ctx, start, outs, &v, &x)) {
            entry = v;
        }
    } else {
        OutSec *t = outs->len ? outs->pdata[0] : NULL;
        entry = t && (t->flags & ASM_SHF_EXECINSTR) ? t->addr : BASE_ADDR;
        asm_warn(ctx, (AsmLoc){ "e2k-asm", 0 }, "cannot find entry symbol "
                 "_start; defaulting to 0x%" PRIx64, entry);
    }

    /* symbol table */
    elf_put_sym(symtab, 0, 0, 0, 0, 0);
    for (i = 0; i < outs->len; i++) {
        OutSec *o = outs->pdata[i];
        if (o->size) {
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
    elf_put32(b, 1);                    /* PT_LOAD: headers, code, rodata */
    elf_put32(b, 5);                    /* R E */
    elf_put64(b, 0);
    elf_put64(b, BASE_ADDR);
    elf_put64(b, BASE_ADDR);
    elf_put64(b, text_off_end);
    elf_put64(b, text_off_end);
    elf_put64(b, PAGE);
    if (have_data) {
        OutSec *first = NULL;
        for (i = 0; i < outs->len; i++) {
            OutSec *o = outs->pdata[i];
            if ((o->flags & ASM_SHF_WRITE) && o->size) {
                first = o;
                break;
            }
        }
        bool data_exec = false;

        for (i = 0; i < outs->len; i++) {
            OutSec *o = outs->pdata[i];
            if ((o->flags & ASM_SHF_WRITE) && (o->flags & ASM_SHF_EXECINSTR)) {
                data_exec = true;
            }
        }
        elf_put32(b, 1);
        elf_put32(b, data_exec ? 7 : 6);    /* RW, or RWX for "awx" code */
        elf_put64(b, first->off);
        elf_put64(b, first->addr);
        elf_put64(b, first->addr);
        elf_put64(b, (data_file_end > first->addr ? data_file_end
                      : first->addr) - first->addr);
        elf_put64(b, data_mem_end - first->addr);
        elf_put64(b, PAGE);
    }
    for (i = 0; i < outs->len; i++) {
        OutSec *o = outs->pdata[i];
        if (!o->size || o->type == ASM_SHT_NOBITS) {
            continue;
        }
        elf_pad_to(b, o->off);
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
        if (o->size) {
            elf_put_shdr(b, o->name_off, o->type, o->flags, o->addr, o->off,
                         o->size, 0, 0, o->align, 0);
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
        elf_put_ehdr(hdr, 2 /* ET_EXEC */, entry, ELF_EHDR_SIZE, shoff,
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
    if (!ok && errp && !*errp) {
        error_setg(errp, "%s not written because of the errors above", out);
    }
    return ok;
}
