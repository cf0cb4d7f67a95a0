/*
 * e2k-asm object input: an ELF64 relocatable object for e2k (ours with -c,
 * or MCST gas's) read into an AsmFile, so that the static linker
 * (elf-link.c) links it with the other inputs exactly as it links
 * assembled sources.  Sections become AsmSections with their bytes,
 * symbols AsmSymbols, and relocations fixups whose expression is `symbol
 * + addend' (or `section + addend').
 *
 * Every offset, size and index comes from the file and is checked before
 * use; a malformed object is an error naming the file and what is wrong.
 */
#include "tools/e2k-asm/assemble.h"
#include "tools/e2k-asm/elf-out.h"
#include "target/e2k/asm-encode.h"
#include "qemu/bswap.h"
#include <string.h>

#define SHT_PROGBITS_ 1
#define SHT_NOBITS_ 8
#define SHN_UNDEF_ 0
#define SHN_LORESERVE_ 0xff00
#define ELFCLASS64_ 2
#define ELFDATA2LSB_ 1
#define ET_REL_ 1
#define ET_DYN_ 3
#define DT_SONAME_ 14

typedef struct ObjShdr {
    uint32_t name, type;
    uint64_t flags, off, size;
    uint32_t link, info;
    uint64_t align, entsize;
} ObjShdr;

typedef struct ObjReader {
    AsmContext *ctx;
    AsmFile *f;
    const char *path;
    const uint8_t *data;
    size_t len;
    unsigned shnum;
    ObjShdr *sh;
    AsmSection **secs;      /* by section index: loaded sections */
    AsmSymbol **syms;       /* by symbol index */
    AsmSection **sym_secs;  /* by symbol index: section symbols */
    size_t nsyms;
    Error **errp;
} ObjReader;

static bool bad(ObjReader *r, const char *what)
{
    error_setg(r->errp, "%s: not a valid e2k object: %s", r->path, what);
    return false;
}

static bool in_file(ObjReader *r, uint64_t off, uint64_t size)
{
    return off <= r->len && size <= r->len - off;
}

/* A NUL-terminated name at @off of string table section @idx. */
static const char *obj_str(ObjReader *r, unsigned idx, uint64_t off)
{
    const ObjShdr *s;

    if (idx >= r->shnum) {
        return NULL;
    }
    s = &r->sh[idx];
    if (s->type != SHT_STRTAB_ || off >= s->size ||
        !memchr(r->data + s->off + off, 0, s->size - off)) {
        return NULL;
    }
    return (const char *)r->data + s->off + off;
}

/* The ELF header and section headers of an e2k file of type @e_type;
 * the index of its section name table in *@shstrndx. */
static bool read_shdrs(ObjReader *r, unsigned e_type, unsigned *shstrndx)
{
    const uint8_t *d = r->data;
    uint64_t shoff;
    unsigned shentsize, i;

    if (r->len < ELF_EHDR_SIZE || memcmp(d, "\177ELF", 4)) {
        return bad(r, "shorter than an ELF header");
    }
    if (d[4] != ELFCLASS64_ || d[5] != ELFDATA2LSB_) {
        return bad(r, "not a 64-bit little-endian ELF file");
    }
    if (lduw_le_p(d + 16) != e_type) {
        return bad(r, e_type == ET_REL_ ?
                   "not a relocatable object (ET_REL)" :
                   "not a shared object (ET_DYN)");
    }
    if (lduw_le_p(d + 18) != EM_MCST_ELBRUS) {
        return bad(r, "not for e2k (e_machine is not 175)");
    }
    shoff = ldq_le_p(d + 40);
    shentsize = lduw_le_p(d + 58);
    r->shnum = lduw_le_p(d + 60);
    *shstrndx = lduw_le_p(d + 62);
    if (shentsize != ELF_SHDR_SIZE || r->shnum == 0 ||
        !in_file(r, shoff, (uint64_t)r->shnum * ELF_SHDR_SIZE)) {
        return bad(r, "section header table outside the file");
    }
    r->sh = g_new0(ObjShdr, r->shnum);
    for (i = 0; i < r->shnum; i++) {
        const uint8_t *h = d + shoff + (uint64_t)i * ELF_SHDR_SIZE;
        ObjShdr *s = &r->sh[i];
        s->name = ldl_le_p(h);
        s->type = ldl_le_p(h + 4);
        s->flags = ldq_le_p(h + 8);
        s->off = ldq_le_p(h + 24);
        s->size = ldq_le_p(h + 32);
        s->link = ldl_le_p(h + 40);
        s->info = ldl_le_p(h + 44);
        s->align = ldq_le_p(h + 48);
        s->entsize = ldq_le_p(h + 56);
        if (s->type != SHT_NOBITS_ && s->type != SHT_NULL_ &&
            !in_file(r, s->off, s->size)) {
            return bad(r, "a section's contents are outside the file");
        }
    }
    if (*shstrndx >= r->shnum || r->sh[*shstrndx].type != SHT_STRTAB_) {
        return bad(r, "no section name table");
    }
    return true;
}

static bool read_headers(ObjReader *r)
{
    unsigned shstrndx, i;

    if (!read_shdrs(r, ET_REL_, &shstrndx)) {
        return false;
    }
    r->secs = g_new0(AsmSection *, r->shnum);
    for (i = 1; i < r->shnum; i++) {
        ObjShdr *s = &r->sh[i];
        const char *name = obj_str(r, shstrndx, s->name);
        AsmLoc loc = { r->f->path, 0 };
        AsmSection *sec;

        if (!name) {
            return bad(r, "a section name is outside the name table");
        }
        if (!(s->flags & ASM_SHF_ALLOC) && s->type == SHT_PROGBITS_ &&
            g_str_has_prefix(name, ".debug_")) {
            /* debugging information: kept by the link */
        } else if (!(s->flags & ASM_SHF_ALLOC) ||
            (s->type != SHT_PROGBITS_ && s->type != SHT_NOBITS_ &&
             s->type != ASM_SHT_NOTE && s->type != ASM_SHT_INIT_ARRAY &&
             s->type != ASM_SHT_FINI_ARRAY &&
             s->type != ASM_SHT_PREINIT_ARRAY)) {
            continue;       /* not part of the program image */
        }
        if (s->align > (1u << 16) || (s->align & (s->align - 1))) {
            return bad(r, "a section alignment is not a power of 2 up to "
                       "64 KiB");
        }
        if (s->size > (1u << 30)) {
            return bad(r, "a section is larger than 1 GiB");
        }
        sec = asm_section_get(r->f, name, 0, 0, false, loc);
        if (asm_section_size(sec)) {
            return bad(r, "two sections with the same name");
        }
        sec->flags = s->flags & (ASM_SHF_ALLOC | ASM_SHF_WRITE |
                                 ASM_SHF_EXECINSTR | ASM_SHF_MERGE |
                                 ASM_SHF_STRINGS | ASM_SHF_TLS);
        sec->type = s->type;
        sec->align = s->align ? s->align : 1;
        sec->entsize = s->entsize;
        if (s->type == SHT_NOBITS_) {
            sec->size = s->size;
        } else {
            g_byte_array_append(sec->data, r->data + s->off, s->size);
        }
        r->secs[i] = sec;
    }
    return true;
}

/* A symbol of the object: hashed by name when it is the first of that
 * name (locals of one object may share a name). */
static AsmSymbol *obj_symbol(ObjReader *r, const char *name, bool global)
{
    AsmSymbol *s = g_hash_table_lookup(r->f->symbols, name);
    AsmLoc loc = { r->f->path, 0 };

    if (!s) {
        s = asm_symbol_lookup(r->f, name, true, loc);
        s->hidden = false;
        return s;
    }
    if (global) {
        error_setg(r->errp, "%s: symbol `%s' appears twice", r->path, name);
        return NULL;
    }
    s = g_new0(AsmSymbol, 1);
    s->name = g_strdup(name);
    s->file = r->f;
    s->kind = SYM_UNDEF;
    s->used = true;
    s->first_use = loc;
    g_ptr_array_add(r->f->symbol_order, s);
    return s;
}

static ExprNode *num_node(int64_t v)
{
    ExprNode *n = g_new0(ExprNode, 1);
    n->op = EXPR_NUM;
    n->num = v;
    return n;
}

static bool read_symbols(ObjReader *r, unsigned symtab)
{
    const ObjShdr *st = &r->sh[symtab];
    AsmLoc loc = { r->f->path, 0 };
    size_t i;

    if (st->entsize != ELF_SYM_SIZE || st->size % ELF_SYM_SIZE) {
        return bad(r, "bad symbol table entry size");
    }
    r->nsyms = st->size / ELF_SYM_SIZE;
    r->syms = g_new0(AsmSymbol *, r->nsyms);
    r->sym_secs = g_new0(AsmSection *, r->nsyms);
    for (i = 1; i < r->nsyms; i++) {
        const uint8_t *e = r->data + st->off + i * ELF_SYM_SIZE;
        const char *name = obj_str(r, st->link, ldl_le_p(e));
        unsigned info = e[4], bind = info >> 4, type = info & 15;
        unsigned shndx = lduw_le_p(e + 6);
        uint64_t value = ldq_le_p(e + 8), size = ldq_le_p(e + 16);
        AsmSymbol *s;

        if (!name) {
            return bad(r, "a symbol name is outside the string table");
        }
        if (type == STT_SECTION_) {
            if (shndx < r->shnum) {
                r->sym_secs[i] = r->secs[shndx];
            }
            continue;
        }
        if (type == STT_FILE_) {
            r->f->file_sym = asm_intern(r->ctx, name);
            continue;
        }
        if (!*name) {
            continue;
        }
        if (bind > STB_WEAK_) {
            return bad(r, "unknown symbol binding");
        }
        s = obj_symbol(r, name, bind != STB_LOCAL_);
        if (!s) {
            return false;
        }
        r->syms[i] = s;
        s->global = bind != STB_LOCAL_;
        s->weak = bind == STB_WEAK_;
        s->type = type <= ASM_STT_FUNC ? type : ASM_STT_NOTYPE;
        s->visibility = e[5] & 3;
        s->def = loc;
        if (size) {
            s->size = num_node((int64_t)size);
        }
        if (shndx == SHN_UNDEF_) {
            continue;
        }
        if (shndx == SHN_ABS_) {
            s->kind = SYM_EQU;
            s->value = (int64_t)value;
            continue;
        }
        if (shndx == SHN_COMMON_) {
            /* allocate it in this object's .bss, as ld does */
            AsmSection *bss = asm_section_get(r->f, ".bss", 0, 0, false, loc);
            uint64_t align = value ? value : 1;
            if ((align & (align - 1)) || align > (1u << 16) ||
                size > (1u << 30)) {
                return bad(r, "bad common symbol");
            }
            bss->size = (bss->size + align - 1) / align * align;
            if (align > bss->align) {
                bss->align = align;
            }
            s->kind = SYM_LABEL;
            s->sec = bss;
            s->value = bss->size;
            s->type = ASM_STT_OBJECT;
            bss->size += size;
            continue;
        }
        if (shndx >= r->shnum || shndx >= SHN_LORESERVE_) {
            return bad(r, "a symbol's section index is out of range");
        }
        if (!r->secs[shndx]) {
            /* in a section that is not loaded (debugging information) */
            s->hidden = true;
            s->used = false;
            r->syms[i] = NULL;
            continue;
        }
        if (value > asm_section_size(r->secs[shndx])) {
            return bad(r, "a symbol lies outside its section");
        }
        s->kind = SYM_LABEL;
        s->sec = r->secs[shndx];
        s->value = (int64_t)value;
    }
    return true;
}

/* The start of the wide instruction of code section @sec holding byte
 * @target, scanning from @from (a wide instruction start <= @target);
 * false if the instructions do not lead there. */
static bool bundle_start(AsmSection *sec, uint64_t from, uint64_t target,
                         uint64_t *start)
{
    uint64_t pos = from;

    while (pos < sec->data->len) {
        uint64_t len = 8 * (((sec->data->data[pos] >> 4) & 7) + 1);
        if (len > sec->data->len - pos) {
            return false;
        }
        if (target < pos + len) {
            *start = pos;
            return true;
        }
        pos += len;
    }
    return false;
}

typedef struct ObjRela {
    uint64_t off;
    uint32_t sym, type;
    int64_t addend;
} ObjRela;

static int rela_cmp(gconstpointer a, gconstpointer b)
{
    const ObjRela *x = a, *y = b;
    return x->off < y->off ? -1 : x->off > y->off;
}

static bool read_relocs(ObjReader *r, unsigned idx)
{
    const ObjShdr *rs = &r->sh[idx];
    AsmSection *sec;
    AsmLoc loc = { r->f->path, 0 };
    GArray *list;
    uint64_t bundle = 0;
    size_t i, n;
    bool ok = false;

    if (rs->info >= r->shnum) {
        return bad(r, "a relocation section names no section");
    }
    sec = r->secs[rs->info];
    if (!sec) {
        return true;        /* relocations of a section not loaded */
    }
    if (rs->entsize != ELF_RELA_SIZE || rs->size % ELF_RELA_SIZE) {
        return bad(r, "bad relocation entry size");
    }
    n = rs->size / ELF_RELA_SIZE;
    list = g_array_sized_new(false, true, sizeof(ObjRela), n);
    for (i = 0; i < n; i++) {
        const uint8_t *e = r->data + rs->off + i * ELF_RELA_SIZE;
        ObjRela x;
        x.off = ldq_le_p(e);
        x.sym = ldq_le_p(e + 8) >> 32;
        x.type = (uint32_t)ldq_le_p(e + 8);
        x.addend = (int64_t)ldq_le_p(e + 16);
        g_array_append_val(list, x);
    }
    g_array_sort(list, rela_cmp);
    for (i = 0; i < n; i++) {
        const ObjRela *x = &g_array_index(list, ObjRela, i);
        bool code = sec->flags & ASM_SHF_EXECINSTR;
        AsmFixup *fx;
        ExprNode *base, *sum;
        unsigned size = 0;
        int kind = 0;
        int64_t adjust = 0;
        bool pcrel = false;
        bool swap = false;
        int relop = 0;

        switch (x->type) {
        case R_E2K_64_ABS:
            size = 8;
            break;
        case R_E2K_32_ABS:
            if (code) {
                kind = E2K_FIX_LIT32;
            } else {
                size = 4;
            }
            break;
        case R_E2K_64_ABS_LIT:
            kind = E2K_FIX_LIT64;
            break;
        case R_E2K_DISP:
            kind = E2K_FIX_DISP;
            break;
        case R_E2K_32_PC:
            /* S + A - P in data (.eh_frame FDE addresses) */
            if (code) {
                error_setg(r->errp, "%s: R_E2K_32_PC in code at %s+0x%"
                           PRIx64, r->path, sec->name, x->off);
                goto out;
            }
            size = 4;
            pcrel = true;
            break;
        case R_E2K_GOT:
        case R_E2K_GOTOFF:
            /* a 32-bit literal in code, a 4-byte datum elsewhere */
            if (code) {
                kind = E2K_FIX_LIT32;
            } else {
                size = 4;
            }
            relop = x->type == R_E2K_GOT ? ASM_RELOP_GOT : ASM_RELOP_GOTOFF;
            break;
        case R_E2K_64_GOTOFF_LIT:
            kind = E2K_FIX_LIT64;
            relop = ASM_RELOP_GOTOFF;
            break;
        case R_E2K_64_GOTOFF:
            size = 8;
            relop = ASM_RELOP_GOTOFF;
            break;
        case R_E2K_64_PC_LIT:
            if (code && x->sym < r->nsyms && r->syms[x->sym] &&
                !strcmp(r->syms[x->sym]->name, "_GLOBAL_OFFSET_TABLE_")) {
                /* the GOT relative to the wide instruction (the addend
                   counts from the literal, see below) */
                kind = E2K_FIX_LIT64;
                relop = ASM_RELOP_GOTPC;
                break;
            }
            /* S + A - P with the 32-bit halves swapped, as ld.bfd writes
               it: a 64-bit literal's layout, so one rule serves a literal
               in code and an 8-byte `X - .' in data */
            size = 8;
            pcrel = true;
            swap = true;
            break;
        default:
            error_setg(r->errp, "%s: relocation type %u at %s+0x%" PRIx64
                       " is not supported by e2k-asm's link (it "
                       "makes no PLT or TLS)", r->path, x->type,
                       sec->name, x->off);
            goto out;
        }
        if (size ? x->off > asm_section_size(sec) ||
                   size > asm_section_size(sec) - x->off
                 : !code || sec->type == SHT_NOBITS_ || x->off < bundle ||
                   !bundle_start(sec, bundle, x->off, &bundle)) {
            bad(r, "a relocation is outside its section or not in a wide "
                "instruction");
            goto out;
        }
        if (size && sec->type == SHT_NOBITS_) {
            bad(r, "a relocation in a section without contents");
            goto out;
        }
        if (x->sym >= r->nsyms) {
            bad(r, "a relocation's symbol index is out of range");
            goto out;
        }
        if (r->syms[x->sym]) {
            base = g_new0(ExprNode, 1);
            base->op = EXPR_SYM;
            base->sym = r->syms[x->sym];
        } else if (r->sym_secs[x->sym]) {
            base = g_new0(ExprNode, 1);
            base->op = EXPR_SECOFF;
            base->sec = r->sym_secs[x->sym];
        } else if (x->sym == 0) {
            base = num_node(0);
        } else {
            bad(r, "a relocation refers to a symbol of a section that is "
                "not loaded");
            goto out;
        }
        if (kind == E2K_FIX_DISP || relop == ASM_RELOP_GOTPC) {
            /* the addend counts from the patched syllable, the field
               from the wide instruction */
            adjust = (int64_t)(x->off - bundle);
        }
        if (relop == ASM_RELOP_GOTPC) {
            ExprNode *got = g_new0(ExprNode, 1);
            got->op = EXPR_RELOP;
            got->num = relop;
            got->a = base;
            base = got;
        }
        sum = g_new0(ExprNode, 1);
        sum->op = EXPR_ADD;
        sum->a = base;
        sum->b = num_node(x->addend - adjust);
        if (relop && relop != ASM_RELOP_GOTPC) {
            ExprNode *ref = g_new0(ExprNode, 1);
            ref->op = EXPR_RELOP;
            ref->num = relop;
            ref->a = sum;
            sum = ref;
        }
        if (pcrel) {
            ExprNode *sub = g_new0(ExprNode, 1);
            sub->op = EXPR_SUB;
            sub->a = sum;
            sub->b = g_new0(ExprNode, 1);
            sub->b->op = EXPR_SECOFF;
            sub->b->sec = sec;
            sub->b->num = (int64_t)x->off;
            sum = sub;
        }
        fx = g_new0(AsmFixup, 1);
        fx->base = size ? x->off : bundle;
        fx->offset = size ? 0 : (unsigned)(x->off - bundle);
        fx->kind = kind;
        fx->data_size = size;
        fx->swap_halves = swap;
        fx->expr = sum;
        fx->loc = loc;
        g_ptr_array_add(sec->fixups, fx);
    }
    ok = true;
out:
    g_array_free(list, true);
    return ok;
}

bool asm_read_object(AsmContext *ctx, const char *path, const uint8_t *data,
                     size_t len, Error **errp)
{
    ObjReader r = { 0 };
    unsigned i, symtab = 0;
    bool ok = false;

    r.ctx = ctx;
    r.path = path;
    r.data = data;
    r.len = len;
    r.errp = errp;
    r.f = asm_file_new(ctx, path);
    if (!read_headers(&r)) {
        goto out;
    }
    for (i = 1; i < r.shnum; i++) {
        if (r.sh[i].type == SHT_SYMTAB_) {
            if (symtab) {
                bad(&r, "two symbol tables");
                goto out;
            }
            symtab = i;
        }
    }
    if (symtab && !read_symbols(&r, symtab)) {
        goto out;
    }
    for (i = 1; i < r.shnum; i++) {
        if (r.sh[i].type == SHT_RELA_) {
            if (r.sh[i].link != symtab || !symtab) {
                bad(&r, "relocations without the symbol table");
                goto out;
            }
            if (!read_relocs(&r, i)) {
                goto out;
            }
        }
    }
    ok = true;
out:
    g_free(r.sh);
    g_free(r.secs);
    g_free(r.syms);
    g_free(r.sym_secs);
    return ok;
}

/*
 * A shared object given to a -pie/-shared link: what it exports (its
 * defined global and weak dynamic symbols) becomes importable, and its
 * DT_SONAME (else its file name) a DT_NEEDED of the output.  Only the
 * section headers, .dynsym with its string table and .dynamic are read.
 */
bool asm_read_shared(AsmContext *ctx, const char *path, const uint8_t *data,
                     size_t len, Error **errp)
{
    ObjReader r = { 0 };
    unsigned shstrndx, i, dynsym = 0, dynamic = 0;
    const char *soname = NULL;
    bool ok = false;
    uint64_t k;

    r.ctx = ctx;
    r.path = path;
    r.data = data;
    r.len = len;
    r.errp = errp;
    if (!read_shdrs(&r, ET_DYN_, &shstrndx)) {
        goto out;
    }
    for (i = 1; i < r.shnum; i++) {
        if (r.sh[i].type == SHT_DYNSYM_ && !dynsym) {
            dynsym = i;
        } else if (r.sh[i].type == SHT_DYNAMIC_ && !dynamic) {
            dynamic = i;
        }
    }
    if (!dynsym || !dynamic) {
        bad(&r, "no .dynsym or no .dynamic section");
        goto out;
    }
    if (r.sh[dynsym].entsize != ELF_SYM_SIZE ||
        r.sh[dynsym].link >= r.shnum ||
        r.sh[r.sh[dynsym].link].type != SHT_STRTAB_) {
        bad(&r, ".dynsym has a bad entry size or string table");
        goto out;
    }
    for (k = 0; k + 16 <= r.sh[dynamic].size; k += 16) {
        const uint8_t *e = data + r.sh[dynamic].off + k;
        if (ldq_le_p(e) == 0) {
            break;
        }
        if (ldq_le_p(e) == DT_SONAME_) {
            soname = obj_str(&r, r.sh[dynamic].link, ldq_le_p(e + 8));
            if (!soname) {
                bad(&r, "DT_SONAME is outside the dynamic string table");
                goto out;
            }
        }
    }
    if (!soname) {
        soname = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    }
    soname = asm_intern(ctx, soname);
    for (i = 0; i < ctx->needed->len; i++) {
        if (!strcmp(ctx->needed->pdata[i], soname)) {
            error_setg(errp, "%s: a second shared object named %s", path,
                       soname);
            goto out;
        }
    }
    g_ptr_array_add(ctx->needed, (char *)soname);
    for (k = 1; k < r.sh[dynsym].size / ELF_SYM_SIZE; k++) {
        const uint8_t *e = data + r.sh[dynsym].off + k * ELF_SYM_SIZE;
        unsigned bind = e[4] >> 4, type = e[4] & 0xf;
        const char *name = obj_str(&r, r.sh[dynsym].link, ldl_le_p(e));
        AsmImport *imp;

        if (!name) {
            bad(&r, "a dynamic symbol name is outside its string table");
            goto out;
        }
        if (lduw_le_p(e + 6) == SHN_UNDEF_ ||
            (bind != STB_GLOBAL_ && bind != STB_WEAK_) || !*name ||
            g_hash_table_lookup(ctx->imports, name)) {
            continue;       /* the first object to define a name wins */
        }
        imp = g_new0(AsmImport, 1);
        imp->name = asm_intern(ctx, name);
        imp->lib = soname;
        imp->type = type;
        imp->size = ldq_le_p(e + 16);
        /* as bfd: the section's alignment (a power of two, rounded up;
           here at most a page) less the low zero bits of the address */
        imp->align = lduw_le_p(e + 6) < r.shnum &&
                     r.sh[lduw_le_p(e + 6)].align ?
                     MIN(r.sh[lduw_le_p(e + 6)].align, 4096) : 1;
        while (imp->align & (imp->align - 1)) {
            imp->align += imp->align & -imp->align;
        }
        while (imp->align > 1 && (ldq_le_p(e + 8) & (imp->align - 1))) {
            imp->align >>= 1;
        }
        g_hash_table_insert(ctx->imports, (char *)imp->name, imp);
    }
    ok = true;
out:
    g_free(r.sh);
    return ok;
}
