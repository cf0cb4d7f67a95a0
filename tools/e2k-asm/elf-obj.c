/*
 * e2k-asm relocatable object writer (-c): one input file becomes an
 * ELF64 ET_REL for EM_MCST_ELBRUS with its sections under their own
 * names (.text, .data, .bss, .rodata, ...), .rela<section> for the
 * references that stay open, and .symtab/.strtab/.shstrtab.
 */
#include "tools/e2k-asm/assemble.h"
#include "tools/e2k-asm/elf-out.h"
#include <string.h>

/* Value and section index of a defined symbol in the object. */
static bool obj_symbol_value(AsmContext *ctx, AsmSymbol *s, uint64_t *value,
                             uint16_t *shndx)
{
    AsmValue v;
    Error *err = NULL;

    if (!asm_symbol_value(s, EXPR_NOW, &v, &err)) {
        asm_error_err(ctx, s->def, err);
        return false;
    }
    if (v.sym) {
        asm_error(ctx, s->def, "symbol `%s' depends on undefined `%s', "
                  "which an object file cannot express", s->name,
                  v.sym->name);
        return false;
    }
    *value = v.off;
    *shndx = v.sec ? v.sec->out_index : SHN_ABS_;
    return true;
}

static bool symbol_in_table(AsmSymbol *s)
{
    if (s->kind == SYM_EQU && s->equ) {
        /* as gas: a symbol set to an undefined one (plus a constant) is
           not written; references to it are relocated against that one */
        AsmValue v;
        Error *err = NULL;
        if (asm_symbol_value(s, EXPR_NOW, &v, &err) && v.sym) {
            return false;
        }
        error_free(err);
    }
    if (s->hidden) {
        return s->in_reloc;
    }
    if (s->kind == SYM_UNDEF) {
        /* as gas: an unreferenced .weak name is left out, a .globl one
           is kept */
        return s->used || (s->global && !s->weak);
    }
    return true;
}

/* A symbol's st_type: STT_TLS, as gas gives it, for a label of a
 * thread-local section and the target of a TLS operator, else its
 * .type. */
static int obj_symbol_type(const AsmSymbol *s)
{
    if (s->tls || (s->kind == SYM_LABEL && (s->sec->flags & ASM_SHF_TLS))) {
        return ASM_STT_TLS;
    }
    return s->type;
}

/* Relocations in address order, as gas writes them (a wide instruction's
 * fixups are made in the encoder's order).  Insertion sort: stable, and
 * the array is nearly sorted already. */
static void sort_relocs(GArray *relocs)
{
    guint i, j;

    for (i = 1; i < relocs->len; i++) {
        AsmReloc r = g_array_index(relocs, AsmReloc, i);
        for (j = i; j > 0 &&
             g_array_index(relocs, AsmReloc, j - 1).offset > r.offset; j--) {
            g_array_index(relocs, AsmReloc, j) =
                g_array_index(relocs, AsmReloc, j - 1);
        }
        g_array_index(relocs, AsmReloc, j) = r;
    }
}

static void put_section_symbol(GByteArray *symtab, AsmSection *s,
                               unsigned *idx)
{
    s->sym_index = (*idx)++;
    elf_put_sym(symtab, 0, (STB_LOCAL_ << 4) | STT_SECTION_, s->out_index,
                0, 0);
}

bool asm_write_object(AsmContext *ctx, const char *out, Error **errp)
{
    AsmFile *f = ctx->files->pdata[0];
    GByteArray *b = g_byte_array_new();
    GByteArray *symtab = g_byte_array_new();
    GPtrArray *symnames = g_ptr_array_new();
    ElfStrtab strtab = { NULL }, shstrtab;
    GArray *sec_off = g_array_new(false, true, sizeof(uint64_t));
    GArray *rela_off = g_array_new(false, true, sizeof(uint64_t));
    uint32_t *sec_name, *rela_name;
    unsigned nsec = f->sections->len, nrela = 0, idx, first_global = 0;
    unsigned nsecsym;
    unsigned symtab_idx, strtab_idx, shstrtab_idx, shnum;
    uint64_t symtab_off, strtab_off, shstrtab_off, shoff;
    uint32_t symtab_name, strtab_name, shstrtab_name;
    guint i, j;
    bool ok = false;

    elf_strtab_init(&shstrtab);
    sec_name = g_new0(uint32_t, nsec);
    rela_name = g_new0(uint32_t, nsec);

    /* section headers as gas (bfd) numbers them: each section, then
       its .rela section, then .symtab, .strtab, .shstrtab */
    idx = 1;
    for (i = 0; i < nsec; i++) {
        AsmSection *s = f->sections->pdata[i];
        s->out_index = idx++;
        if (s->relocs->len) {
            nrela++;
            idx++;
        }
    }
    symtab_idx = 1 + nsec + nrela;
    strtab_idx = symtab_idx + 1;
    shstrtab_idx = strtab_idx + 1;
    shnum = shstrtab_idx + 1;

    /* symbols: null, file, sections, locals, then globals */
    elf_put_sym(symtab, 0, 0, 0, 0, 0);
    elf_put_sym(symtab, elf_names_add(symnames, f->file_sym),
                (STB_LOCAL_ << 4) | STT_FILE_, SHN_ABS_, 0, 0);
    idx = 2;
    /* a section's symbol comes among the locals where gas makes it: when
       the section is made (sections in the order made, as listed); the
       .L symbols a relocation needs (j == 1) after all of those, where
       gas turns them into symbols; then the globals (j == 2) */
    nsecsym = 0;
    for (j = 0; j < 3; j++) {
        bool globals = j == 2;
        if (j == 1) {
            for (; nsecsym < nsec; nsecsym++) {
                put_section_symbol(symtab, f->sections->pdata[nsecsym],
                                   &idx);
            }
        }
        if (globals) {
            first_global = idx;
        }
        for (i = 0; i < f->symbol_order->len; i++) {
            AsmSymbol *s = f->symbol_order->pdata[i];
            uint64_t value = 0;
            uint16_t shndx = 0;
            int bind;
            bool is_global = s->global || s->kind == SYM_UNDEF;

            if (!symbol_in_table(s) || is_global != globals ||
                (!globals && s->hidden != (j == 1))) {
                if (s->hidden && s->kind == SYM_UNDEF && s->used && !j) {
                    asm_error(ctx, s->first_use, "undefined local symbol "
                              "`%s'", s->name);
                }
                continue;
            }
            if (s->kind != SYM_UNDEF &&
                !obj_symbol_value(ctx, s, &value, &shndx)) {
                continue;
            }
            bind = !globals ? STB_LOCAL_ : s->weak ? STB_WEAK_ : STB_GLOBAL_;
            for (; !globals && nsecsym < nsec &&
                   ((AsmSection *)f->sections->pdata[nsecsym])->order <
                   s->order; nsecsym++) {
                put_section_symbol(symtab, f->sections->pdata[nsecsym],
                                   &idx);
            }
            s->out_index = idx++;
            if (s->kind == SYM_UNDEF && s->common) {
                /* .comm: the linker allocates it; st_value is the
                   alignment */
                elf_put_sym_other(symtab, elf_names_add(symnames, s->name),
                                  (bind << 4) | ASM_STT_OBJECT,
                                  s->visibility, SHN_COMMON_,
                                  s->common_align, s->common_size);
                continue;
            }
            elf_put_sym_other(symtab, elf_names_add(symnames, s->name),
                              (bind << 4) | obj_symbol_type(s),
                              s->visibility, shndx, value,
                              asm_symbol_size(ctx, s, EXPR_NOW));
        }
    }
    if (ctx->errors) {
        goto out;
    }

    /* the names, a tail of another stored inside it (as gas) */
    strtab.s = elf_names_finish(symnames, symtab);

    /* contents as gas lays them out: the sections, .symtab, .strtab, the
       relocations, .shstrtab (whose names start with those three, then
       the sections' in header order, a name that ends another stored
       inside it) */
    elf_pad_to(b, ELF_EHDR_SIZE);
    for (i = 0; i < nsec; i++) {
        AsmSection *s = f->sections->pdata[i];
        uint64_t off;
        elf_pad_to(b, asm_align_up(b->len, asm_section_align(s)));
        off = b->len;
        g_array_append_val(sec_off, off);
        if (s->type != ASM_SHT_NOBITS) {
            g_byte_array_append(b, s->data->data, s->data->len);
        }
    }
    elf_pad_to(b, (b->len + 7) & ~7ull);
    symtab_off = b->len;
    g_byte_array_append(b, symtab->data, symtab->len);
    strtab_off = b->len;
    g_byte_array_append(b, (uint8_t *)strtab.s->str, strtab.s->len);
    for (i = 0; i < nsec; i++) {
        AsmSection *s = f->sections->pdata[i];
        uint64_t off;
        if (!s->relocs->len) {
            continue;
        }
        sort_relocs(s->relocs);
        elf_pad_to(b, (b->len + 7) & ~7ull);
        off = b->len;
        g_array_append_val(rela_off, off);
        for (j = 0; j < s->relocs->len; j++) {
            AsmReloc *r = &g_array_index(s->relocs, AsmReloc, j);
            uint64_t symi = r->sym ? r->sym->out_index : r->sec->sym_index;
            elf_put64(b, r->offset);
            elf_put64(b, (symi << 32) | r->type);
            elf_put64(b, (uint64_t)r->addend);
        }
    }
    {
        GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
        uint32_t *offs;
        g_ptr_array_add(names, g_strdup(".symtab"));
        g_ptr_array_add(names, g_strdup(".strtab"));
        g_ptr_array_add(names, g_strdup(".shstrtab"));
        for (i = 0; i < nsec; i++) {
            AsmSection *s = f->sections->pdata[i];
            g_ptr_array_add(names, g_strdup(s->name));
            g_ptr_array_add(names, s->relocs->len ?
                            g_strconcat(".rela", s->name, NULL) : NULL);
        }
        offs = elf_strtab_shared(shstrtab.s,
                                 (const char *const *)names->pdata,
                                 names->len);
        symtab_name = offs[0];
        strtab_name = offs[1];
        shstrtab_name = offs[2];
        for (i = 0; i < nsec; i++) {
            sec_name[i] = offs[3 + 2 * i];
            rela_name[i] = offs[4 + 2 * i];
        }
        g_free(offs);
        g_ptr_array_free(names, true);
    }
    shstrtab_off = b->len;
    g_byte_array_append(b, (uint8_t *)shstrtab.s->str, shstrtab.s->len);
    elf_pad_to(b, (b->len + 7) & ~7ull);
    shoff = b->len;

    elf_put_shdr(b, 0, SHT_NULL_, 0, 0, 0, 0, 0, 0, 0, 0);
    for (i = 0, j = 0; i < nsec; i++) {
        AsmSection *s = f->sections->pdata[i];
        elf_put_shdr(b, sec_name[i], s->type, s->flags, 0,
                     g_array_index(sec_off, uint64_t, i),
                     asm_section_size(s), 0, 0, asm_section_align(s),
                     s->entsize);
        if (!s->relocs->len) {
            continue;
        }
        elf_put_shdr(b, rela_name[i], SHT_RELA_, SHF_INFO_LINK_, 0,
                     g_array_index(rela_off, uint64_t, j++),
                     (uint64_t)s->relocs->len * ELF_RELA_SIZE, symtab_idx,
                     s->out_index, 8, ELF_RELA_SIZE);
    }
    elf_put_shdr(b, symtab_name, SHT_SYMTAB_, 0, 0, symtab_off, symtab->len,
                 strtab_idx, first_global, 8, ELF_SYM_SIZE);
    elf_put_shdr(b, strtab_name, SHT_STRTAB_, 0, 0, strtab_off,
                 strtab.s->len, 0, 0, 1, 0);
    elf_put_shdr(b, shstrtab_name, SHT_STRTAB_, 0, 0, shstrtab_off,
                 shstrtab.s->len, 0, 0, 1, 0);

    {
        GByteArray *hdr = g_byte_array_new();
        elf_put_ehdr(hdr, 1 /* ET_REL */, 0, 0, shoff, ctx->e_flags, 0,
                     shnum, shstrtab_idx);
        memcpy(b->data, hdr->data, ELF_EHDR_SIZE);
        g_byte_array_free(hdr, true);
    }
    ok = elf_write_file(out, b, false, errp);
out:
    g_free(sec_name);
    g_free(rela_name);
    g_array_free(sec_off, true);
    g_array_free(rela_off, true);
    if (strtab.s) {
        g_string_free(strtab.s, true);
    }
    g_ptr_array_free(symnames, true);
    g_string_free(shstrtab.s, true);
    g_byte_array_free(symtab, true);
    g_byte_array_free(b, true);
    if (!ok && errp && !*errp) {
        error_setg(errp, "%s not written because of the errors above", out);
    }
    return ok;
}
