/*
 * e2k-asm ELF output: constants of the e2k ELF ABI and little helpers to
 * lay out ELF64 little-endian files in memory (elf-obj.c, elf-link.c).
 */
#ifndef E2K_ASM_ELF_OUT_H
#define E2K_ASM_ELF_OUT_H

#include "tools/e2k-asm/asm.h"

#define EM_MCST_ELBRUS 175

/* e_flags: machine code in bits 24..31, EF_E2K_INCOMPAT for binaries
 * tuned to one processor model. */
#define EF_E2K_INCOMPAT 16

/* Relocation types of the e2k psABI used here. */
#define R_E2K_32_ABS 0
#define R_E2K_64_ABS 50
#define R_E2K_64_ABS_LIT 51
/* dynamic: add the load bias to the addend (a datum; a 64-bit literal,
   whose high word comes first as the encoder writes it) */
#define R_E2K_64_RELATIVE 65
#define R_E2K_64_RELATIVE_LIT 66
/* dynamic: a .got.plt slot bound to a function of a shared object */
#define R_E2K_64_JMP_SLOT 63
#define R_E2K_64_COPY 64
#define R_E2K_DISP 110
/* a 4-byte pc-relative datum (S + A - P): .eh_frame FDE addresses */
#define R_E2K_32_PC 2
/* for gas's relocation operators (sym@GOT, ...) */
#define R_E2K_32_SIZE 12
#define R_E2K_32_DYNOPT 13
#define R_E2K_64_PC_LIT 54
#define R_E2K_64_SIZE 68
#define R_E2K_64_GOTOFF 69
#define R_E2K_TLS_GDMOD 70
#define R_E2K_TLS_GDREL 71
#define R_E2K_TLS_IE 74
#define R_E2K_64_TLS_LE 76
#define R_E2K_TLS_32_DTPREL 81
#define R_E2K_TLS_64_DTPREL 83
#define R_E2K_GOT 108
#define R_E2K_GOTOFF 109
#define R_E2K_GOTPLT 114
#define R_E2K_ISLOCAL32 118
#define R_E2K_64_GOTOFF_LIT 256
#define R_E2K_64_DYNOPT 257

#define ELF_EHDR_SIZE 64
#define ELF_PHDR_SIZE 56
#define ELF_SHDR_SIZE 64
#define ELF_SYM_SIZE 24
#define ELF_RELA_SIZE 24

#define SHT_NULL_ 0
#define SHT_SYMTAB_ 2
#define SHT_STRTAB_ 3
#define SHT_RELA_ 4
#define SHT_HASH_ 5
#define SHT_DYNAMIC_ 6
#define SHT_DYNSYM_ 11
#define SHF_ALLOC_ 0x2
#define SHF_WRITE_ 0x1
#define SHF_INFO_LINK_ 0x40
#define SHN_ABS_ 0xfff1
#define SHN_COMMON_ 0xfff2
#define STB_LOCAL_ 0
#define STB_GLOBAL_ 1
#define STB_WEAK_ 2
#define STT_SECTION_ 3
#define STT_FILE_ 4

typedef struct ElfStrtab {
    GString *s;
} ElfStrtab;

static inline void elf_strtab_init(ElfStrtab *t)
{
    t->s = g_string_new(NULL);
    g_string_append_c(t->s, 0);
}

static inline uint32_t elf_strtab_add(ElfStrtab *t, const char *name)
{
    uint32_t off = t->s->len;
    if (!*name) {
        return 0;
    }
    g_string_append(t->s, name);
    g_string_append_c(t->s, 0);
    return off;
}

/* A string table built once all names are known, sharing the bytes of a
 * name that is the tail of another (as GNU ld does: `_start' inside
 * `__bss_start').  Symbols are written with the placeholder that
 * elf_names_add() returns and patched by elf_names_finish(). */
uint32_t elf_names_add(GPtrArray *names, const char *name);
/* Append @n @names (NULL or "" ones get offset 0) to @tab, which holds
 * at least its leading zero byte, in order, a name that is the tail of
 * another stored inside that one the way bfd chooses; their offsets
 * (g_free them). */
uint32_t *elf_strtab_shared(GString *tab, const char *const *names, guint n);
GString *elf_names_finish(GPtrArray *names, GByteArray *symtab);

void elf_put16(GByteArray *b, uint16_t v);
void elf_put32(GByteArray *b, uint32_t v);
void elf_put64(GByteArray *b, uint64_t v);
void elf_pad_to(GByteArray *b, uint64_t off);
void elf_put_ehdr(GByteArray *b, uint16_t type, uint64_t entry,
                  uint64_t phoff, uint64_t shoff, uint32_t flags,
                  uint16_t phnum, uint16_t shnum, uint16_t shstrndx);
void elf_put_shdr(GByteArray *b, uint32_t name, uint32_t type,
                  uint64_t flags, uint64_t addr, uint64_t off, uint64_t size,
                  uint32_t link, uint32_t info, uint64_t align,
                  uint64_t entsize);
/* ... with st_other (the visibility) */
void elf_put_sym_other(GByteArray *b, uint32_t name, uint8_t info,
                       uint8_t other, uint16_t shndx, uint64_t value,
                       uint64_t size);
void elf_put_sym(GByteArray *b, uint32_t name, uint8_t info, uint16_t shndx,
                 uint64_t value, uint64_t size);
bool elf_write_file(const char *path, GByteArray *b, bool exec,
                    Error **errp);

/* What the linker makes (main.c's -pie, -shared, --dynamic-linker,
 * -soname, -z execstack). */
typedef enum AsmLinkKind {
    ASM_LINK_STATIC,        /* ET_EXEC at 0x10000, as ld -static */
    ASM_LINK_PIE,           /* ET_DYN at 0, PT_INTERP unless interp is "" */
    ASM_LINK_SHARED,        /* ET_DYN at 0, globals in .dynsym */
    ASM_LINK_EXEC,          /* ET_EXEC at 0x10000 with the dynamic sections:
                               a link given shared objects without -pie */
} AsmLinkKind;

typedef struct AsmLinkOptions {
    AsmLinkKind kind;
    const char *interp;     /* PT_INTERP path; NULL: the default for -pie
                               (E2K_DEFAULT_INTERP), "": none */
    const char *soname;     /* DT_SONAME, or NULL */
    bool execstack;         /* PT_GNU_STACK RWX instead of RW */
    bool bind_now;          /* -z now: DT_BIND_NOW, DF_1_NOW */
    unsigned hash_style;    /* ASM_HASH_* bits (--hash-style); 0: both */
} AsmLinkOptions;

#define ASM_HASH_SYSV 1     /* .hash */
#define ASM_HASH_GNU 2      /* .gnu.hash */

/* The e2k glibc's dynamic linker. */
#define E2K_DEFAULT_INTERP "/lib64/ld-linux.so.2"

bool asm_link_output(AsmContext *ctx, const char *out,
                     const AsmLinkOptions *opts, Error **errp);

/* The relocation type for an encoder fixup kind (-1: none), and whether
 * the kind is relative to the instruction's address. */
int asm_fixup_reloc_type(int kind, bool *pcrel);

/* The size recorded for a symbol by .size (0 if none); errors reported. */
uint64_t asm_symbol_size(AsmContext *ctx, AsmSymbol *s, ExprMode mode);

#endif
