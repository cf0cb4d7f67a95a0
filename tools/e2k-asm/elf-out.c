/*
 * e2k-asm ELF output helpers: little-endian ELF64 records appended to a
 * byte buffer, the e_flags of each -mcpu name, symbol sizes, and writing
 * the finished file.
 */
#include "tools/e2k-asm/elf-out.h"
#include "target/e2k/asm-encode.h"
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

uint32_t elf_names_add(GPtrArray *names, const char *name)
{
    if (!*name) {
        return 0;
    }
    g_ptr_array_add(names, (gpointer)name);
    return names->len;      /* placeholder: index + 1 */
}

/* bfd's order of strings for finding tails: compared from their ends, a
 * tail before the names it ends. */
static int strrev_cmp(const void *pa, const void *pb)
{
    const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
    size_t la = strlen(a), lb = strlen(b), l = MIN(la, lb);

    while (l--) {
        unsigned char x = a[--la], y = b[--lb];
        if (x != y) {
            return (int)x - (int)y;
        }
    }
    return la < lb ? -1 : la > lb;
}

uint32_t *elf_strtab_shared(GString *tab, const char *const *names, guint n)
{
    GHashTable *first = g_hash_table_new(g_str_hash, g_str_equal);
    GHashTable *container = g_hash_table_new(g_str_hash, g_str_equal);
    GHashTable *placed = g_hash_table_new(g_str_hash, g_str_equal);
    const char **sorted = g_new(const char *, n + 1);
    uint32_t *offs = g_new0(uint32_t, n + 1);
    guint i, nu = 0;
    const char *e;

    for (i = 0; i < n; i++) {
        if (names[i] && *names[i] &&
            !g_hash_table_contains(first, names[i])) {
            g_hash_table_add(first, (gpointer)names[i]);
            sorted[nu++] = names[i];
        }
    }
    /* as bfd: from the last in that order back, a string that ends the
       last one kept is stored inside it */
    qsort(sorted, nu, sizeof(*sorted), strrev_cmp);
    for (i = nu, e = NULL; i-- > 0;) {
        const char *c = sorted[i];
        if (e && strlen(e) > strlen(c) && g_str_has_suffix(e, c)) {
            g_hash_table_insert(container, (gpointer)c, (gpointer)e);
        } else {
            e = c;
        }
    }
    for (i = 0; i < n; i++) {
        const char *c = names[i];
        if (c && *c && !g_hash_table_contains(container, c) &&
            !g_hash_table_contains(placed, c)) {
            g_hash_table_insert(placed, (gpointer)c,
                                GUINT_TO_POINTER(tab->len));
            g_string_append(tab, c);
            g_string_append_c(tab, 0);
        }
    }
    for (i = 0; i < n; i++) {
        const char *c = names[i], *in;
        if (!c || !*c) {
            continue;
        }
        in = g_hash_table_lookup(container, c);
        offs[i] = in ? GPOINTER_TO_UINT(g_hash_table_lookup(placed, in)) +
                       strlen(in) - strlen(c)
                     : GPOINTER_TO_UINT(g_hash_table_lookup(placed, c));
    }
    g_free(sorted);
    g_hash_table_destroy(first);
    g_hash_table_destroy(container);
    g_hash_table_destroy(placed);
    return offs;
}

GString *elf_names_finish(GPtrArray *names, GByteArray *symtab)
{
    GString *tab = g_string_new(NULL);
    uint32_t *off = g_new0(uint32_t, names->len + 1);
    uint32_t *shared;
    guint i;

    g_string_append_c(tab, 0);
    shared = elf_strtab_shared(tab, (const char *const *)names->pdata,
                               names->len);
    memcpy(off + 1, shared, names->len * sizeof(*off));
    g_free(shared);
    for (i = 0; i + ELF_SYM_SIZE <= symtab->len; i += ELF_SYM_SIZE) {
        uint8_t *p = symtab->data + i;
        uint32_t ph = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
        uint32_t o = ph <= names->len ? off[ph] : 0;
        p[0] = o;
        p[1] = o >> 8;
        p[2] = o >> 16;
        p[3] = o >> 24;
    }
    g_free(off);
    return tab;
}

void elf_put16(GByteArray *b, uint16_t v)
{
    uint8_t x[2] = { v, v >> 8 };
    g_byte_array_append(b, x, 2);
}

void elf_put32(GByteArray *b, uint32_t v)
{
    elf_put16(b, v);
    elf_put16(b, v >> 16);
}

void elf_put64(GByteArray *b, uint64_t v)
{
    elf_put32(b, v);
    elf_put32(b, v >> 32);
}

void elf_pad_to(GByteArray *b, uint64_t off)
{
    static const uint8_t zero[64];

    while (b->len < off) {
        uint64_t n = off - b->len;
        g_byte_array_append(b, zero, n > sizeof(zero) ? sizeof(zero) : n);
    }
}

void elf_put_ehdr(GByteArray *b, uint16_t type, uint64_t entry,
                  uint64_t phoff, uint64_t shoff, uint32_t flags,
                  uint16_t phnum, uint16_t shnum, uint16_t shstrndx)
{
    static const uint8_t ident[16] = {
        0x7f, 'E', 'L', 'F', 2 /* 64-bit */, 1 /* LE */, 1 /* version */,
    };

    g_byte_array_append(b, ident, 16);
    elf_put16(b, type);
    elf_put16(b, EM_MCST_ELBRUS);
    elf_put32(b, 1);
    elf_put64(b, entry);
    elf_put64(b, phoff);
    elf_put64(b, shoff);
    elf_put32(b, flags);
    elf_put16(b, ELF_EHDR_SIZE);
    elf_put16(b, phnum ? ELF_PHDR_SIZE : 0);
    elf_put16(b, phnum);
    elf_put16(b, ELF_SHDR_SIZE);
    elf_put16(b, shnum);
    elf_put16(b, shstrndx);
}

void elf_put_shdr(GByteArray *b, uint32_t name, uint32_t type,
                  uint64_t flags, uint64_t addr, uint64_t off, uint64_t size,
                  uint32_t link, uint32_t info, uint64_t align,
                  uint64_t entsize)
{
    elf_put32(b, name);
    elf_put32(b, type);
    elf_put64(b, flags);
    elf_put64(b, addr);
    elf_put64(b, off);
    elf_put64(b, size);
    elf_put32(b, link);
    elf_put32(b, info);
    elf_put64(b, align);
    elf_put64(b, entsize);
}

void elf_put_sym_other(GByteArray *b, uint32_t name, uint8_t info,
                       uint8_t other, uint16_t shndx, uint64_t value,
                       uint64_t size)
{
    elf_put32(b, name);
    g_byte_array_append(b, &info, 1);
    g_byte_array_append(b, &other, 1);
    elf_put16(b, shndx);
    elf_put64(b, value);
    elf_put64(b, size);
}

void elf_put_sym(GByteArray *b, uint32_t name, uint8_t info, uint16_t shndx,
                 uint64_t value, uint64_t size)
{
    elf_put_sym_other(b, name, info, 0, shndx, value, size);
}

static mode_t process_umask(void)
{
    mode_t m = umask(022);
    umask(m);
    return m;
}

/* Write @b to @path through a temporary file renamed into place, so a
 * failed run never leaves a truncated output behind. */
bool elf_write_file(const char *path, GByteArray *b, bool exec,
                    Error **errp)
{
    char *tmp = g_strdup_printf("%s.tmpXXXXXX", path);
    int fd = g_mkstemp(tmp);
    size_t done = 0;

    if (fd < 0) {
        error_setg_errno(errp, errno, "cannot create %s", path);
        g_free(tmp);
        return false;
    }
    while (done < b->len) {
        ssize_t n = write(fd, b->data + done, b->len - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            error_setg_errno(errp, n < 0 ? errno : EIO, "cannot write %s",
                             path);
            goto fail;
        }
        done += n;
    }
    if (fchmod(fd, (exec ? 0777 : 0666) & ~process_umask()) < 0 ||
        close(fd) < 0) {
        fd = -1;
        error_setg_errno(errp, errno, "cannot write %s", path);
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) < 0) {
        error_setg_errno(errp, errno, "cannot create %s", path);
        goto fail;
    }
    g_free(tmp);
    return true;

fail:
    if (fd >= 0) {
        close(fd);
    }
    unlink(tmp);
    g_free(tmp);
    return false;
}

int asm_fixup_reloc_type(int kind, bool *pcrel)
{
    *pcrel = false;
    switch (kind) {
    case E2K_FIX_DISP:
        *pcrel = true;
        return R_E2K_DISP;
    case E2K_FIX_LIT32:
        return R_E2K_32_ABS;
    case E2K_FIX_LIT64:
        return R_E2K_64_ABS_LIT;
    case E2K_FIX_LIT32_PCREL:
        *pcrel = true;
        return 2;   /* R_E2K_32_PC */
    default:
        return -1;
    }
}

uint32_t asm_e_flags_for_cpu(const char *mcpu)
{
    static const struct {
        const char *name;
        uint32_t flags;
    } table[] = {
        { "elbrus-v2", 2 << 24 }, { "elbrus-2cm", 2 << 24 },
        { "elbrus-2c+", (2 << 24) | EF_E2K_INCOMPAT },
        { "elbrus-v3", 3 << 24 }, { "elbrus-4c", (3 << 24) | EF_E2K_INCOMPAT },
        { "elbrus-v4", 4 << 24 },
        { "elbrus-8c", (19u << 24) | EF_E2K_INCOMPAT },
        { "elbrus-1c+", (20u << 24) | EF_E2K_INCOMPAT },
        { "elbrus-v5", 5 << 24 }, { "elbrus-8c2", (5 << 24) | EF_E2K_INCOMPAT },
        { "elbrus-v6", 6 << 24 },
        { "elbrus-12c", (21u << 24) | EF_E2K_INCOMPAT },
        { "elbrus-16c", (22u << 24) | EF_E2K_INCOMPAT },
        { "elbrus-2c3", (23u << 24) | EF_E2K_INCOMPAT },
        { "elbrus-v7", 7 << 24 },
        { "elbrus-48c", (24u << 24) | EF_E2K_INCOMPAT },
        { "elbrus-8v7", (25u << 24) | EF_E2K_INCOMPAT },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(table); i++) {
        if (!strcmp(mcpu, table[i].name)) {
            return table[i].flags;
        }
    }
    return 0;
}

uint64_t asm_symbol_size(AsmContext *ctx, AsmSymbol *s, ExprMode mode)
{
    AsmValue v;
    Error *err = NULL;

    if (!s->size) {
        return s->size_from ? asm_symbol_size(ctx, s->size_from, mode) : 0;
    }
    if (!expr_eval(s->size, mode, &v, &err)) {
        asm_error_err(ctx, s->def, err);
        return 0;
    }
    if (!asm_value_is_abs(&v)) {
        asm_error(ctx, s->def, ".size of `%s' is not a constant", s->name);
        return 0;
    }
    return v.off;
}
