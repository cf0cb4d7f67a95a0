/*
 * e2k-asm line numbers: `.file N "name"' and `.loc' make `.debug_line'
 * (DWARF line table version 3), as MCST's gas for e2k makes it.
 *
 * What gas does on e2k (gas/dwarf2dbg.c; tc-e2k.c never reports an
 * instruction to it): a `.loc' is only remembered, and its row is written
 * when the next `.loc' comes, at the place where that `.loc' is; the
 * last `.loc' of a file makes no row.  Rows with line 0 or file 0 are
 * dropped.  The column, `is_stmt' and `isa' of a `.loc' stay for the
 * following ones; `basic_block', `prologue_end', `epilogue_begin' and
 * `discriminator' only for its own row.
 *
 * The table: minimum instruction length 1, default is_stmt 1, line base
 * -5, line range 14, opcode base 13; directories and files of the `.file'
 * directives (a name's directory part goes to the directory table);
 * then for each section with rows, in the order of its first row, one
 * sequence: DW_LNE_set_address (8 bytes, R_E2K_64_ABS in an object), the
 * rows in subsection order, each as the shortest of gas's encodings,
 * and DW_LNE_end_sequence at the end of the section.
 *
 * When the source has no `.debug_info' of its own, gas also describes
 * the unit: `.debug_info' (version 3, DW_TAG_compile_unit), `.debug_abbrev',
 * `.debug_aranges' and `.debug_str' (and `.debug_ranges' for code in
 * several sections).  e2k-asm writes these too (dwarf_unit_sections).
 */
#include "tools/e2k-asm/assemble.h"
#include "tools/e2k-asm/dwarf-line.h"
#include "tools/e2k-asm/elf-out.h"
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FLAG_IS_STMT 1u
#define FLAG_BASIC_BLOCK 2u
#define FLAG_PROLOGUE_END 4u
#define FLAG_EPILOGUE_BEGIN 8u

#define LINE_BASE (-5)
#define LINE_RANGE 14
#define OPCODE_BASE 13
#define MAX_SPECIAL_ADDR ((255 - OPCODE_BASE) / LINE_RANGE)

enum {
    DW_LNS_extended_op = 0, DW_LNS_copy = 1, DW_LNS_advance_pc = 2,
    DW_LNS_advance_line = 3, DW_LNS_set_file = 4, DW_LNS_set_column = 5,
    DW_LNS_negate_stmt = 6, DW_LNS_set_basic_block = 7,
    DW_LNS_const_add_pc = 8, DW_LNS_set_prologue_end = 10,
    DW_LNS_set_epilogue_begin = 11, DW_LNS_set_isa = 12,
    DW_LNE_end_sequence = 1, DW_LNE_set_address = 2,
    DW_LNE_set_discriminator = 4,
};

typedef struct LineLoc {
    unsigned file, line, column, isa, discriminator, flags;
} LineLoc;

typedef struct LineRow {
    AsmSymbol *label;       /* where the row is (moves with subsections) */
    int64_t subsec;         /* its subsection when recorded */
    LineLoc loc;
} LineRow;

typedef struct LineFile {
    char *name;             /* NULL: number not assigned */
    unsigned dir;
} LineFile;

struct AsmLineInfo {
    GPtrArray *dirs;        /* char*; [0] is the compilation directory */
    GArray *files;          /* LineFile; [0] unused */
    GArray *rows;           /* LineRow */
    LineLoc current;
    bool pending;           /* a .loc whose row is not written yet */
    AsmLoc last_file;       /* the last `.file N' (for a gap in numbers) */
    unsigned labels;
};

static AsmLineInfo *line_info(AsmFile *f)
{
    if (!f->lines) {
        f->lines = g_new0(AsmLineInfo, 1);
        f->lines->dirs = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(f->lines->dirs, NULL);
        f->lines->files = g_array_new(false, true, sizeof(LineFile));
        g_array_set_size(f->lines->files, 1);
        f->lines->rows = g_array_new(false, true, sizeof(LineRow));
        f->lines->current.flags = FLAG_IS_STMT;
    }
    return f->lines;
}

/* The directory table entry of @dir (not 0: that is the compilation
 * directory, which a file named with a directory never uses). */
static unsigned dir_entry(AsmLineInfo *li, const char *dir, size_t len)
{
    guint d;

    if (len && dir[len - 1] == '/') {
        len--;
    }
    if (!len) {
        return 0;
    }
    for (d = 1; d < li->dirs->len; d++) {
        const char *s = li->dirs->pdata[d];
        if (strlen(s) == len && !memcmp(s, dir, len)) {
            return d;
        }
    }
    g_ptr_array_add(li->dirs, g_strndup(dir, len));
    return li->dirs->len - 1;
}

/* `.file N "path"' */
void asm_line_file(AsmState *st, const char *args)
{
    AsmLineInfo *li = line_info(st->f);
    const char *p = args, *q, *base;
    int64_t num;
    char *numtext, *path;
    LineFile *lf;
    GByteArray *name = g_byte_array_new();

    q = strchr(p, '"');
    if (!q) {
        asm_error(st->ctx, st->loc, ".file needs a file name in quotes");
        goto out;
    }
    numtext = g_strndup(p, q - p);
    if (!asm_eval_const(st, numtext, &num)) {
        g_free(numtext);
        goto out;
    }
    g_free(numtext);
    if (num < 1) {
        asm_error(st->ctx, st->loc, ".file: file number %" PRId64 " is "
                  "less than one", num);
        goto out;
    }
    if (num > 0xfffff) {
        asm_error(st->ctx, st->loc, ".file: file number %" PRId64 " is "
                  "too big", num);
        goto out;
    }
    if (!asm_parse_string(st, &q, name)) {
        goto out;
    }
    while (*q == ' ' || *q == '\t') {
        q++;
    }
    if (*q) {
        asm_error(st->ctx, st->loc, "junk `%s' after .file (a directory "
                  "and MD5 sum are DWARF 5, which gas writes only with "
                  "--gdwarf-5)", q);
        goto out;
    }
    li->last_file = st->loc;
    path = g_strndup((const char *)name->data, name->len);
    base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if ((guint)num >= li->files->len) {
        g_array_set_size(li->files, (guint)num + 1);
    }
    lf = &g_array_index(li->files, LineFile, num);
    if (lf->name) {
        const char *dir = lf->dir ? li->dirs->pdata[lf->dir] : "";
        char *old = lf->dir ? g_strconcat(dir, "/", lf->name, NULL)
                            : g_strdup(lf->name);
        if (strcmp(old, path) && !(lf->dir == 0 && !strcmp(lf->name, path))) {
            asm_error(st->ctx, st->loc, ".file %" PRId64 " is already %s",
                      num, old);
        }
        g_free(old);
    } else {
        lf->dir = dir_entry(li, path, base - path);
        lf->name = g_strdup(base);
    }
    g_free(path);
out:
    g_byte_array_free(name, true);
}

/* The row of the remembered `.loc', here. */
static void emit_pending(AsmState *st, AsmLineInfo *li)
{
    LineRow r = { 0 };
    char *name;

    li->pending = false;
    r.loc = li->current;
    li->current.flags &= ~(FLAG_BASIC_BLOCK | FLAG_PROLOGUE_END |
                           FLAG_EPILOGUE_BEGIN);
    li->current.discriminator = 0;
    if (!r.loc.line || !r.loc.file) {
        return;
    }
    name = g_strdup_printf("\002line%u", li->labels++);
    r.label = asm_symbol_lookup(st->f, name, true, st->loc);
    g_free(name);
    r.label->kind = SYM_LABEL;
    r.label->sec = st->f->cur;
    r.label->value = asm_section_size(st->f->cur);
    r.label->def = st->loc;
    r.subsec = st->f->cur->parent ? st->f->cur->subsec : 0;
    g_array_append_val(li->rows, r);
}

/* `.loc FILE LINE [COLUMN] [basic_block | prologue_end | epilogue_begin |
 * is_stmt [N] | isa [N] | discriminator [N]]...'; a missing N is 0 */
void asm_line_loc(AsmState *st, const char *args)
{
    AsmLineInfo *li = line_info(st->f);
    gchar **w;
    int64_t v[3];
    guint n, i;

    if (li->pending) {
        emit_pending(st, li);
    }
    w = g_strsplit_set(args, " \t", -1);
    /* drop empty words (several blanks) */
    for (i = 0, n = 0; w[i]; i++) {
        if (*w[i]) {
            w[n++] = w[i];
        } else {
            g_free(w[i]);
        }
    }
    w[n] = NULL;
    if (n < 1) {
        asm_error(st->ctx, st->loc, ".loc needs a file number and a line");
        goto out;
    }
    /* as gas, a missing line is line 0 (which makes no row) */
    v[1] = 0;
    for (i = 0; i < MIN(n, 2u); i++) {
        if (!asm_eval_const(st, w[i], &v[i])) {
            goto out;
        }
    }
    if (v[0] < 1) {
        asm_error(st->ctx, st->loc, ".loc: file number %" PRId64 " is less "
                  "than one", v[0]);
        goto out;
    }
    if (v[0] >= li->files->len ||
        !g_array_index(li->files, LineFile, v[0]).name) {
        asm_error(st->ctx, st->loc, ".loc: file number %" PRId64 " has no "
                  ".file", v[0]);
        goto out;
    }
    if (v[1] < 0 || v[1] > UINT32_MAX) {
        asm_error(st->ctx, st->loc, ".loc: bad line %" PRId64, v[1]);
        goto out;
    }
    li->current.file = (unsigned)v[0];
    li->current.line = (unsigned)v[1];
    li->current.discriminator = 0;
    i = MIN(n, 2u);
    if (w[i] && g_ascii_isdigit(w[i][0])) {
        if (!asm_eval_const(st, w[i], &v[2])) {
            goto out;
        }
        li->current.column = (unsigned)v[2];
        i++;
    }
    for (; w[i]; i++) {
        const char *opt = w[i];
        int64_t val = 0;
        if (!strcmp(opt, "basic_block")) {
            li->current.flags |= FLAG_BASIC_BLOCK;
            continue;
        } else if (!strcmp(opt, "prologue_end")) {
            li->current.flags |= FLAG_PROLOGUE_END;
            continue;
        } else if (!strcmp(opt, "epilogue_begin")) {
            li->current.flags |= FLAG_EPILOGUE_BEGIN;
            continue;
        }
        if (strcmp(opt, "is_stmt") && strcmp(opt, "isa") &&
            strcmp(opt, "discriminator")) {
            asm_error(st->ctx, st->loc, ".loc: unknown option `%s'%s", opt,
                      strcmp(opt, "view") ? "" : " (views are not "
                      "supported)");
            goto out;
        }
        /* as gas (an absent absolute expression), no value is 0 */
        if (w[i + 1] && !asm_eval_const(st, w[++i], &val)) {
            goto out;
        }
        if (!strcmp(opt, "is_stmt")) {
            if (val != 0 && val != 1) {
                asm_error(st->ctx, st->loc, ".loc: is_stmt must be 0 or 1");
                goto out;
            }
            li->current.flags = val ? li->current.flags | FLAG_IS_STMT
                                    : li->current.flags & ~FLAG_IS_STMT;
        } else if (val < 0 || val > UINT32_MAX) {
            asm_error(st->ctx, st->loc, ".loc: %s %" PRId64 " is out of "
                      "range", opt, val);
            goto out;
        } else if (!strcmp(opt, "isa")) {
            li->current.isa = (unsigned)val;
        } else {
            li->current.discriminator = (unsigned)val;
        }
    }
    li->pending = true;
out:
    g_strfreev(w);
}

/* ---- writing ---------------------------------------------------------- */

static void put_u8(GByteArray *b, unsigned v)
{
    uint8_t byte = (uint8_t)v;

    g_byte_array_append(b, &byte, 1);
}

static void put_le(GByteArray *b, uint64_t v, unsigned n)
{
    unsigned i;

    for (i = 0; i < n; i++) {
        put_u8(b, (unsigned)(v >> (8 * i)) & 0xff);
    }
}

static void set_le32(GByteArray *b, uint64_t at, uint32_t v)
{
    unsigned i;

    for (i = 0; i < 4; i++) {
        b->data[at + i] = (uint8_t)(v >> (8 * i));
    }
}

static void put_uleb(GByteArray *b, uint64_t v)
{
    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        if (v) {
            byte |= 0x80;
        }
        g_byte_array_append(b, &byte, 1);
    } while (v);
}

static void put_sleb(GByteArray *b, int64_t v)
{
    bool more = true;

    while (more) {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        more = !((v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40)));
        if (more) {
            byte |= 0x80;
        }
        g_byte_array_append(b, &byte, 1);
    }
}

static void put_str(GByteArray *b, const char *s)
{
    g_byte_array_append(b, (const uint8_t *)s, strlen(s) + 1);
}

/* A datum of @size bytes at @at of @sec whose value is @sym + @add: a
 * relocation in an object, patched by the link. */
static void add_datum(AsmSection *sec, uint64_t at, unsigned size,
                      AsmSymbol *sym, AsmSection *base, int64_t add,
                      AsmLoc loc)
{
    AsmFixup *fx = g_new0(AsmFixup, 1);
    ExprNode *n = g_new0(ExprNode, 1);

    if (sym) {
        ExprNode *s = g_new0(ExprNode, 1);
        s->op = EXPR_SYM;
        s->sym = sym;
        n->op = EXPR_ADD;
        n->a = s;
        n->b = g_new0(ExprNode, 1);
        n->b->op = EXPR_NUM;
        n->b->num = add;
    } else {
        n->op = EXPR_SECOFF;
        n->sec = base;
        n->num = add;
    }
    fx->base = at;
    fx->data_size = size;
    fx->expr = n;
    fx->loc = loc;
    g_ptr_array_add(sec->fixups, fx);
}

/* Line @line_delta and address @addr_delta as gas encodes them
 * (line_delta INT_MAX: the end of the sequence). */
static void put_advance(GByteArray *b, int64_t line_delta, uint64_t addr)
{
    unsigned tmp, op;
    bool need_copy = false;

    if (line_delta == INT_MAX) {
        if (addr == MAX_SPECIAL_ADDR) {
            put_u8(b, DW_LNS_const_add_pc);
        } else if (addr) {
            put_u8(b, DW_LNS_advance_pc);
            put_uleb(b, addr);
        }
        put_u8(b, DW_LNS_extended_op);
        put_u8(b, 1);
        put_u8(b, DW_LNE_end_sequence);
        return;
    }
    tmp = (unsigned)(line_delta - LINE_BASE);
    if (tmp >= LINE_RANGE) {
        put_u8(b, DW_LNS_advance_line);
        put_sleb(b, line_delta);
        line_delta = 0;
        tmp = 0 - LINE_BASE;
        need_copy = true;
    }
    if (line_delta == 0 && addr == 0) {
        put_u8(b, DW_LNS_copy);
        return;
    }
    tmp += OPCODE_BASE;
    if (addr < 256 + MAX_SPECIAL_ADDR) {
        op = tmp + (unsigned)addr * LINE_RANGE;
        if (op <= 255) {
            put_u8(b, op);
            return;
        }
        op = tmp + (unsigned)(addr - MAX_SPECIAL_ADDR) * LINE_RANGE;
        if (op <= 255) {
            put_u8(b, DW_LNS_const_add_pc);
            put_u8(b, op);
            return;
        }
    }
    put_u8(b, DW_LNS_advance_pc);
    put_uleb(b, addr);
    put_u8(b, need_copy ? DW_LNS_copy : tmp);
}

static int row_cmp(gconstpointer a, gconstpointer b)
{
    const LineRow *x = a, *y = b;

    return x->subsec < y->subsec ? -1 : x->subsec > y->subsec;
}

/* The sections with rows, in the order of their first row. */
static GPtrArray *row_sections(AsmLineInfo *li)
{
    GPtrArray *secs = g_ptr_array_new();
    guint i;

    for (i = 0; i < li->rows->len; i++) {
        AsmSection *s = g_array_index(li->rows, LineRow, i).label->sec;
        if (!g_ptr_array_find(secs, s, NULL)) {
            g_ptr_array_add(secs, s);
        }
    }
    return secs;
}

/* The rows of section @s, in subsection order (stable). */
static GArray *rows_of(AsmLineInfo *li, AsmSection *s)
{
    GArray *rows = g_array_new(false, true, sizeof(LineRow));
    guint i, j;

    for (i = 0; i < li->rows->len; i++) {
        LineRow *r = &g_array_index(li->rows, LineRow, i);
        if (r->label->sec == s) {
            g_array_append_val(rows, *r);
        }
    }
    /* insertion sort: stable */
    for (i = 1; i < rows->len; i++) {
        LineRow r = g_array_index(rows, LineRow, i);
        for (j = i; j > 0 && row_cmp(&g_array_index(rows, LineRow, j - 1),
                                     &r) > 0; j--) {
            g_array_index(rows, LineRow, j) =
                g_array_index(rows, LineRow, j - 1);
        }
        g_array_index(rows, LineRow, j) = r;
    }
    return rows;
}

static void put_sequence(AsmSection *dl, AsmSection *s, GArray *rows,
                         AsmLoc where)
{
    GByteArray *b = dl->data;
    unsigned file = 1, line = 1, column = 0, isa = 0;
    unsigned flags = FLAG_IS_STMT;
    int64_t last = 0;
    guint i;

    for (i = 0; i < rows->len; i++) {
        const LineRow *r = &g_array_index(rows, LineRow, i);
        const LineLoc *l = &r->loc;
        int64_t line_delta = (int64_t)l->line - line;

        if (file != l->file) {
            file = l->file;
            put_u8(b, DW_LNS_set_file);
            put_uleb(b, file);
        }
        if (column != l->column) {
            column = l->column;
            put_u8(b, DW_LNS_set_column);
            put_uleb(b, column);
        }
        if (l->discriminator) {
            GByteArray *t = g_byte_array_new();
            put_uleb(t, l->discriminator);
            put_u8(b, DW_LNS_extended_op);
            put_uleb(b, 1 + t->len);
            put_u8(b, DW_LNE_set_discriminator);
            g_byte_array_append(b, t->data, t->len);
            g_byte_array_free(t, true);
        }
        if (isa != l->isa) {
            isa = l->isa;
            put_u8(b, DW_LNS_set_isa);
            put_uleb(b, isa);
        }
        if ((l->flags ^ flags) & FLAG_IS_STMT) {
            flags = l->flags;
            put_u8(b, DW_LNS_negate_stmt);
        }
        if (l->flags & FLAG_BASIC_BLOCK) {
            put_u8(b, DW_LNS_set_basic_block);
        }
        if (l->flags & FLAG_PROLOGUE_END) {
            put_u8(b, DW_LNS_set_prologue_end);
        }
        if (l->flags & FLAG_EPILOGUE_BEGIN) {
            put_u8(b, DW_LNS_set_epilogue_begin);
        }
        if (i == 0) {
            put_u8(b, DW_LNS_extended_op);
            put_uleb(b, 9);
            put_u8(b, DW_LNE_set_address);
            add_datum(dl, b->len, 8, NULL, s, r->label->value, where);
            put_le(b, 0, 8);
            put_advance(b, line_delta, 0);
        } else {
            put_advance(b, line_delta, (uint64_t)(r->label->value - last));
        }
        line = l->line;
        last = r->label->value;
    }
    put_advance(b, INT_MAX, asm_section_size(s) - (uint64_t)last);
}

/* The current directory as gas names it: $PWD when that is the current
 * directory (it keeps symbolic links), else getcwd(). */
static char *compilation_dir(void)
{
    const char *pwd = getenv("PWD");
    struct stat a, b;

    if (pwd && pwd[0] == '/' && !stat(pwd, &a) && !stat(".", &b) &&
        a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
        return g_strdup(pwd);
    }
    return g_get_current_dir();
}

/* .debug_info, .debug_abbrev, .debug_aranges, .debug_str (and
 * .debug_ranges) for a unit whose source describes none, as gas makes
 * them: DWARF 3, one DW_TAG_compile_unit with the line table, the code's
 * range(s), the first file's name, the compilation directory, the
 * producer and DW_LANG_Mips_Assembler. */
static void dwarf_unit_sections(AsmFile *f, AsmLineInfo *li,
                                AsmSection *dl, GPtrArray *secs)
{
    AsmLoc where = { f->path, 0 };
    AsmSection *info, *abbrev, *aranges, *str, *ranges = NULL;
    const LineFile *first = &g_array_index(li->files, LineFile, 1);
    char *cwd = compilation_dir();
    uint64_t name_off, dir_off, prod_off, start;
    GByteArray *b;
    guint i;

    info = asm_section_get(f, ".debug_info", 0, ASM_SHT_PROGBITS, true,
                           where);
    abbrev = asm_section_get(f, ".debug_abbrev", 0, ASM_SHT_PROGBITS, true,
                             where);
    aranges = asm_section_get(f, ".debug_aranges", 0, ASM_SHT_PROGBITS,
                              true, where);
    str = asm_section_get(f, ".debug_str", ASM_SHF_MERGE | ASM_SHF_STRINGS,
                          ASM_SHT_PROGBITS, true, where);
    str->entsize = 1;
    aranges->align = 16;
    if (secs->len > 1) {
        ranges = asm_section_get(f, ".debug_ranges", 0, ASM_SHT_PROGBITS,
                                 true, where);
        ranges->align = 16;
        b = ranges->data;
        put_le(b, UINT64_MAX, 8);   /* base address: none */
        put_le(b, 0, 8);
        for (i = 0; i < secs->len; i++) {
            AsmSection *s = secs->pdata[i];
            add_datum(ranges, b->len, 8, NULL, s, 0, where);
            put_le(b, 0, 8);
            add_datum(ranges, b->len, 8, NULL, s, asm_section_size(s),
                      where);
            put_le(b, 0, 8);
        }
        put_le(b, 0, 8);
        put_le(b, 0, 8);
    }

    /* .debug_aranges: header padded to 16, then (start, length) pairs */
    b = aranges->data;
    start = b->len;
    put_le(b, 0, 4);
    put_le(b, 2, 2);
    add_datum(aranges, b->len, 4, NULL, info, 0, where);
    put_le(b, 0, 4);
    put_u8(b, 8);
    put_u8(b, 0);
    while ((b->len - start) % 16) {
        put_u8(b, 0);
    }
    for (i = 0; i < secs->len; i++) {
        AsmSection *s = secs->pdata[i];
        add_datum(aranges, b->len, 8, NULL, s, 0, where);
        put_le(b, 0, 8);
        put_le(b, asm_section_size(s), 8);
    }
    put_le(b, 0, 8);
    put_le(b, 0, 8);
    set_le32(b, start, (uint32_t)(b->len - start - 4));

    /* .debug_abbrev: code 1, compile unit, no children */
    b = abbrev->data;
    put_uleb(b, 1);
    put_uleb(b, 0x11);                  /* DW_TAG_compile_unit */
    put_u8(b, 0);
    put_uleb(b, 0x10);                  /* DW_AT_stmt_list */
    put_uleb(b, 0x06);                  /* DW_FORM_data4 */
    if (!ranges) {
        put_uleb(b, 0x11);              /* DW_AT_low_pc, DW_FORM_addr */
        put_uleb(b, 0x01);
        put_uleb(b, 0x12);              /* DW_AT_high_pc, DW_FORM_addr */
        put_uleb(b, 0x01);
    } else {
        put_uleb(b, 0x55);              /* DW_AT_ranges, DW_FORM_data4 */
        put_uleb(b, 0x06);
    }
    put_uleb(b, 0x03);                  /* DW_AT_name, DW_FORM_strp */
    put_uleb(b, 0x0e);
    put_uleb(b, 0x1b);                  /* DW_AT_comp_dir */
    put_uleb(b, 0x0e);
    put_uleb(b, 0x25);                  /* DW_AT_producer */
    put_uleb(b, 0x0e);
    put_uleb(b, 0x13);                  /* DW_AT_language, DW_FORM_data2 */
    put_uleb(b, 0x05);
    put_uleb(b, 0);
    put_uleb(b, 0);
    put_u8(b, 0);

    /* .debug_str: the first file (with its directory), cwd, producer */
    b = str->data;
    name_off = b->len;
    if (first->dir) {
        g_byte_array_append(b, li->dirs->pdata[first->dir],
                            strlen(li->dirs->pdata[first->dir]));
        put_u8(b, '/');
    }
    put_str(b, first->name);
    dir_off = b->len;
    put_str(b, cwd);
    prod_off = b->len;
    put_str(b, "GNU AS " ASM_GAS_VERSION);

    /* .debug_info */
    b = info->data;
    start = b->len;
    put_le(b, 0, 4);
    put_le(b, 3, 2);                    /* DWARF version */
    add_datum(info, b->len, 4, NULL, abbrev, 0, where);
    put_le(b, 0, 4);
    put_u8(b, 8);                       /* address size */
    put_uleb(b, 1);
    add_datum(info, b->len, 4, NULL, dl, 0, where);
    put_le(b, 0, 4);
    if (!ranges) {
        AsmSection *s = secs->pdata[0];
        add_datum(info, b->len, 8, NULL, s, 0, where);
        put_le(b, 0, 8);
        add_datum(info, b->len, 8, NULL, s, asm_section_size(s), where);
        put_le(b, 0, 8);
    } else {
        add_datum(info, b->len, 4, NULL, ranges, 0, where);
        put_le(b, 0, 4);
    }
    add_datum(info, b->len, 4, NULL, str, name_off, where);
    put_le(b, 0, 4);
    add_datum(info, b->len, 4, NULL, str, dir_off, where);
    put_le(b, 0, 4);
    add_datum(info, b->len, 4, NULL, str, prod_off, where);
    put_le(b, 0, 4);
    put_le(b, 0x8001, 2);               /* DW_LANG_Mips_Assembler */
    set_le32(b, start, (uint32_t)(b->len - start - 4));
    g_free(cwd);
}

static bool section_has_bytes(AsmFile *f, const char *name)
{
    AsmSection *s = asm_section_find(f, name);

    return s && asm_section_size(s) > 0;
}

static void line_write(AsmFile *f);

void asm_line_finish(AsmFile *f)
{
    AsmLineInfo *li = f->lines;
    guint i;

    if (!li) {
        return;
    }
    line_write(f);
    for (i = 0; i < li->files->len; i++) {
        g_free(g_array_index(li->files, LineFile, i).name);
    }
    g_array_free(li->files, true);
    g_ptr_array_free(li->dirs, true);
    g_array_free(li->rows, true);
    g_free(li);
    f->lines = NULL;
}

static void line_write(AsmFile *f)
{
    AsmLineInfo *li = f->lines;
    AsmLoc where = { f->path, 0 };
    AsmSection *dl;
    GPtrArray *secs;
    GByteArray *b;
    bool have_info = section_has_bytes(f, ".debug_info");
    uint64_t start, hdr;
    guint i;

    /* as gas: nothing without rows unless the source has its own
       .debug_info (and no .debug_line) */
    if (!li->rows->len && (!have_info ||
                           section_has_bytes(f, ".debug_line"))) {
        return;
    }
    if (li->rows->len && section_has_bytes(f, ".debug_line")) {
        asm_error(f->ctx, where, ".loc rows and a .debug_line section of "
                  "the source's own: gas refuses two line tables");
        return;
    }
    dl = asm_section_get(f, ".debug_line", 0, ASM_SHT_PROGBITS, true, where);
    dl->align = 1;
    b = dl->data;
    start = b->len;
    put_le(b, 0, 4);                    /* unit length, set below */
    put_le(b, 3, 2);                    /* version */
    hdr = b->len;
    put_le(b, 0, 4);                    /* header length, set below */
    put_u8(b, 1);                       /* minimum instruction length */
    put_u8(b, 1);                       /* default is_stmt */
    put_u8(b, (uint8_t)LINE_BASE);
    put_u8(b, LINE_RANGE);
    put_u8(b, OPCODE_BASE);
    {
        static const uint8_t lengths[] = { 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0,
                                           1 };
        g_byte_array_append(b, lengths, sizeof(lengths));
    }
    for (i = 1; i < li->dirs->len; i++) {
        put_str(b, li->dirs->pdata[i]);
    }
    put_u8(b, 0);
    for (i = 1; i < li->files->len; i++) {
        const LineFile *lf = &g_array_index(li->files, LineFile, i);
        if (!lf->name) {
            asm_error(f->ctx, li->last_file, ".file %u is missing (file "
                      "numbers must have no gaps)", i);
            continue;
        }
        put_str(b, lf->name);
        put_uleb(b, lf->dir);
        put_uleb(b, 0);                 /* time */
        put_uleb(b, 0);                 /* size */
    }
    put_u8(b, 0);
    set_le32(b, hdr, (uint32_t)(b->len - hdr - 4));

    secs = row_sections(li);
    for (i = 0; i < secs->len; i++) {
        GArray *rows = rows_of(li, secs->pdata[i]);
        put_sequence(dl, secs->pdata[i], rows, where);
        g_array_free(rows, true);
    }
    set_le32(b, start, (uint32_t)(b->len - start - 4));
    if (!have_info && li->rows->len) {
        if (g_array_index(li->files, LineFile, 1).name) {
            dwarf_unit_sections(f, li, dl, secs);
        }
    }
    g_ptr_array_free(secs, true);
}
