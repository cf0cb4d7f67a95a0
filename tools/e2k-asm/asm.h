/*
 * e2k-asm internals: the data model shared by the assembler's parts.
 *
 * An AsmContext holds the whole run: one AsmFile per input source (its
 * sections, local symbols, macros), the global symbol namespace and the
 * options.  Assembly is a single pass in source order, like the reference
 * assembler (gas): a literal whose value is not a known constant at the
 * point of use gets the largest encoding and a fixup; fixups are applied
 * after all files are read, when the linker (elf-link.c) has placed every
 * section or the object writer (elf-obj.c) turns them into relocations.
 *
 * Files: expr.c (expressions), source.c (input lines, comments, cpp,
 * .include, macros), assemble.c (statements, directives, wide
 * instructions), elf-obj.c / elf-link.c (output), main.c (command line).
 * The instruction encoding itself lives in target/e2k/asm-encode.c.
 */
#ifndef E2K_ASM_H
#define E2K_ASM_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <glib.h>
#include "qemu/error.h"

typedef struct AsmContext AsmContext;
typedef struct AsmFile AsmFile;
typedef struct AsmSection AsmSection;
typedef struct AsmSymbol AsmSymbol;
typedef struct ExprNode ExprNode;
typedef struct AsmCfi AsmCfi;
typedef struct AsmLineInfo AsmLineInfo;

/* ELF constants used by the writers (no system <elf.h> dependency). */
#define ASM_SHT_PROGBITS 1
#define ASM_SHT_NOBITS 8
#define ASM_SHF_WRITE 0x1
#define ASM_SHF_ALLOC 0x2
#define ASM_SHF_EXECINSTR 0x4
#define ASM_SHF_MERGE 0x10
#define ASM_SHF_STRINGS 0x20
#define ASM_SHF_TLS 0x400
#define ASM_SHF_EXCLUDE 0x80000000u
#define ASM_SHT_NOTE 7
#define ASM_SHT_INIT_ARRAY 14
#define ASM_SHT_FINI_ARRAY 15
#define ASM_SHT_PREINIT_ARRAY 16

#define ASM_STT_NOTYPE 0
#define ASM_STT_OBJECT 1
#define ASM_STT_FUNC 2
#define ASM_STT_TLS 6

#define ASM_STV_DEFAULT 0
#define ASM_STV_INTERNAL 1
#define ASM_STV_HIDDEN 2
#define ASM_STV_PROTECTED 3

/* Where an error or a fixup comes from. */
typedef struct AsmLoc {
    const char *file;   /* interned in AsmContext.names */
    int line;
} AsmLoc;

/* A value: an absolute number, an offset in a section, or an offset from
 * a symbol that is (still) undefined. */
/* Relocation operators of MCST gas: `sym@GOT' etc. (ASM_RELOP_NONE: a
 * plain reference). */
typedef enum AsmRelop {
    ASM_RELOP_NONE,
    ASM_RELOP_GOT, ASM_RELOP_GOTOFF, ASM_RELOP_GOTPLT, ASM_RELOP_TLS_LE,
    ASM_RELOP_TLS_IE, ASM_RELOP_TLS_GDMOD, ASM_RELOP_TLS_GDREL,
    ASM_RELOP_TLS_DTPREL, ASM_RELOP_SIZE, ASM_RELOP_ISLOCAL32,
    ASM_RELOP_DYNOPT,
    ASM_RELOP_GOTPC,        /* _GLOBAL_OFFSET_TABLE_ in a literal */
} AsmRelop;

const char *asm_relop_name(int relop);

typedef struct AsmValue {
    int64_t off;
    AsmSection *sec;    /* non-NULL: section-relative */
    AsmSymbol *sym;     /* non-NULL: relative to an undefined symbol */
    int relop;          /* AsmRelop: only with a symbol + a constant */
} AsmValue;

static inline bool asm_value_is_abs(const AsmValue *v)
{
    return !v->sec && !v->sym;
}

/* How expr_eval treats labels. */
typedef enum ExprMode {
    EXPR_NOW,       /* during assembly: labels are section-relative */
    EXPR_FINAL,     /* after linking: labels have absolute addresses */
} ExprMode;

typedef enum ExprOp {
    EXPR_NUM, EXPR_SYM, EXPR_SECOFF,
    EXPR_NEG, EXPR_NOT, EXPR_LNOT,
    EXPR_MUL, EXPR_DIV, EXPR_MOD, EXPR_SHL, EXPR_SHR,
    EXPR_OR, EXPR_AND, EXPR_XOR, EXPR_ORNOT,
    EXPR_ADD, EXPR_SUB, EXPR_EQ, EXPR_NE, EXPR_LT, EXPR_GT, EXPR_LE, EXPR_GE,
    EXPR_LAND, EXPR_LOR,
    EXPR_RELOP,             /* a = EXPR_SYM, num = AsmRelop */
} ExprOp;

struct ExprNode {
    ExprOp op;
    int64_t num;            /* EXPR_NUM, EXPR_SECOFF offset */
    AsmSection *sec;        /* EXPR_SECOFF (the value of `.') */
    AsmSymbol *sym;         /* EXPR_SYM */
    ExprNode *a, *b;
};

typedef enum SymKind {
    SYM_UNDEF,
    SYM_LABEL,      /* sec + value */
    SYM_EQU,        /* equ != NULL: deferred expression; else absolute value */
} SymKind;

/* A symbol a shared object of the link defines (asm_read_shared). */
typedef struct AsmImport {
    const char *name;       /* interned */
    const char *lib;        /* its object's soname (a DT_NEEDED) */
    int type;               /* ASM_STT_* there: FUNC gets a PLT entry */
    uint64_t size;
    uint64_t align;         /* what its address there is a multiple of
                               (up to its section's alignment) */
    unsigned dynindx;       /* its .dynsym index in the output */
    AsmSymbol *copy;        /* a dynamic ET_EXEC's copy of the variable
                               (R_E2K_64_COPY), or NULL */
    bool direct_ro;         /* referred to directly other than by an
                               8-byte datum in writable data */
    AsmLoc direct_loc;      /* where, first */
    GArray *data_refs;      /* ImportRef (elf-link.c): 8-byte data in
                               writable sections */
} AsmImport;

struct AsmSymbol {
    char *name;
    AsmFile *file;
    unsigned order;         /* when first named, among sections too */
    SymKind kind;
    AsmSection *sec;
    int64_t value;
    ExprNode *equ;
    bool global;
    bool weak;
    bool hidden;            /* .L and numeric local labels: not in symtab */
    bool resolving;         /* cycle guard for deferred equates */
    bool used;
    bool assigned;          /* defined by = / .set: may be redefined */
    int type;               /* ASM_STT_* */
    uint8_t visibility;     /* ASM_STV_* (.hidden, .protected, .internal) */
    bool common;            /* .comm in an object: SHN_COMMON */
    AsmSymbol *symver_of;   /* .symver: this is a versioned name of it */
    uint64_t common_size, common_align;
    ExprNode *size;
    AsmSymbol *size_from;   /* no .size of its own: this one's (an alias) */
    AsmSymbol *alias_of;    /* `X = Y' before Y was defined: X takes Y's
                               type and size at the end of the file */
    AsmLoc def;
    AsmLoc first_use;
    unsigned out_index;     /* index in the written .symtab */
    AsmImport *import;      /* made by the link for a symbol of a shared
                               object (elf-link.c) */
    bool tls;               /* the target of a TLS relocation operator
                               (not @TLS_DTPREL): STT_TLS, as in gas */
    bool in_reloc;          /* named by a relocation of an object (a .L
                               label in a TLS section is, as in gas) */
};

/* A relocation kept for a relocatable object (-c). */
typedef struct AsmReloc {
    uint64_t offset;
    unsigned type;          /* R_E2K_* */
    AsmSymbol *sym;         /* against a symbol, or ... */
    AsmSection *sec;        /* ... against a section symbol */
    int64_t addend;
} AsmReloc;

struct AsmSection {
    char *name;
    AsmFile *file;
    unsigned order;         /* when made, among the file's symbols */
    unsigned type;          /* ASM_SHT_PROGBITS / ASM_SHT_NOBITS */
    uint64_t flags;         /* ASM_SHF_* */
    unsigned align;
    uint64_t entsize;       /* sh_entsize (SHF_MERGE sections) */
    GByteArray *data;       /* PROGBITS contents */
    uint64_t size;          /* == data->len for PROGBITS */
    GPtrArray *fixups;      /* AsmFixup* */
    GArray *relocs;         /* AsmReloc, -c only */
    /* set by the linker / object writer */
    uint64_t addr;
    uint64_t file_off;
    unsigned out_index;
    unsigned sym_index;     /* section symbol in a .o */
    /* subsections: a part (`.text 2') is an AsmSection of its own until
       the end of its file, when it is appended to its parent (which is
       subsection 0) in number order (asm_merge_subsections) */
    AsmSection *parent;     /* a part: the section it belongs to */
    int64_t subsec;         /* a part: its number */
    GPtrArray *parts;       /* a parent: AsmSection* parts */
};

/* A value to patch into a section once it is known. */
typedef struct AsmFixup {
    uint64_t base;          /* section offset of the encoder output / datum */
    unsigned offset;        /* offset from base (encoder fixups) */
    int kind;               /* E2K_FIX_* for code, or 0 for data */
    unsigned data_size;     /* 1, 2, 4, 8 for data fixups */
    bool swap_halves;       /* an R_E2K_64_PC_LIT datum read from an
                               object: ld.bfd stores it word-swapped */
    ExprNode *expr;
    AsmLoc loc;
    bool load_time;         /* bound by the loader (a dynamic relocation
                               against a shared object's symbol): the
                               datum stays 0 */
} AsmFixup;

typedef struct AsmMacro {
    char *name;
    int nparams;
    char **params;
    char **defaults;        /* NULL entries: no default */
    bool *vararg;
    bool *required;         /* :req */
    GPtrArray *body;        /* SourceLine* (copies) */
} AsmMacro;

typedef struct SectionStackEntry {
    AsmSection *cur, *prev;
} SectionStackEntry;

struct AsmFile {
    AsmContext *ctx;
    const char *path;
    GPtrArray *sections;    /* AsmSection*, creation order */
    GHashTable *symbols;    /* name -> AsmSymbol* (this file's view) */
    GPtrArray *symbol_order;
    GHashTable *macros;     /* name -> AsmMacro* */
    GHashTable *local_counts;   /* numeric label -> definitions so far */
    AsmSection *cur, *prev;
    GArray *section_stack;  /* SectionStackEntry */
    bool ld_st_style;       /* `.ignore ld_st_style' seen */
    const char *file_sym;   /* name of the FILE symbol (.file or path) */
    unsigned macro_counter; /* \@ */
    unsigned next_order;    /* AsmSection/AsmSymbol.order */
    AsmCfi *cfi;            /* .cfi_* state (cfi.c), or NULL */
    AsmLineInfo *lines;     /* .file N/.loc state (dwarf-line.c), or NULL */
};

struct AsmContext {
    int isa;                /* 2..7 */
    uint32_t e_flags;
    bool relocatable;       /* -c */
    GPtrArray *include_dirs;
    GPtrArray *defines;     /* "NAME" or "NAME=VAL" for cpp */
    GPtrArray *files;       /* AsmFile* */
    GHashTable *globals;    /* name -> AsmSymbol* defining a global */
    GHashTable *names;      /* interned file names */
    GHashTable *imports;    /* name -> AsmImport*: shared objects' symbols */
    GPtrArray *needed;      /* interned sonames, command-line order */
    int errors;
    int max_errors;
};

/* Diagnostics: "file:line: message" on stderr, counted in ctx->errors. */
void asm_error(AsmContext *ctx, AsmLoc loc, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
void asm_warn(AsmContext *ctx, AsmLoc loc, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
void asm_error_err(AsmContext *ctx, AsmLoc loc, Error *err);
const char *asm_intern(AsmContext *ctx, const char *name);

/* expr.c */
typedef struct ExprParseEnv {
    AsmFile *file;
    AsmSection *dot_sec;    /* the value of `.' */
    uint64_t dot_off;
    AsmLoc loc;
} ExprParseEnv;

/* Parse an expression at *pp; stops before the first character that cannot
 * continue it (',' ')' ']' end). */
ExprNode *expr_parse(const ExprParseEnv *env, const char **pp, Error **errp);
/* Parse a whole string as one expression (trailing blanks allowed). */
ExprNode *expr_parse_all(const ExprParseEnv *env, const char *text,
                         Error **errp);
bool expr_eval(ExprNode *n, ExprMode mode, AsmValue *out, Error **errp);

/*
 * The link's global offset table (elf-link.c).  While the linker has one,
 * expr_eval resolves `X@GOT' (X's slot relative to _GLOBAL_OFFSET_TABLE_),
 * `X@GOTOFF' and `_GLOBAL_OFFSET_TABLE_' (its address; the caller makes it
 * relative to the wide instruction) in EXPR_FINAL through it.
 */
typedef struct AsmGot AsmGot;
extern AsmGot *asm_link_got;
bool asm_got_resolve(AsmGot *got, int relop, ExprNode *a, AsmValue *out,
                     Error **errp);
/* Evaluate now; succeed only for an absolute constant. */
bool expr_eval_const(ExprNode *n, int64_t *out, Error **errp);
void expr_free(ExprNode *n);

const char *asm_symbol_canonical(const char *name);
AsmSymbol *asm_symbol_lookup(AsmFile *f, const char *name, bool create,
                             AsmLoc loc);
/* Name of the numeric local label N: the instance that `Nb' (delta 0)
 * or `Nf' (delta 1) refers to. */
char *asm_local_label_name(AsmFile *f, const char *digits, int delta);
/* The symbol an undefined reference resolves to across files (or itself). */
AsmSymbol *asm_symbol_resolve(AsmSymbol *s);
bool asm_symbol_value(AsmSymbol *s, ExprMode mode, AsmValue *out,
                      Error **errp);

/* assemble.c */
AsmFile *asm_file_new(AsmContext *ctx, const char *path);
/* Assemble one source file (already preprocessed text when is_cpp_output). */
void asm_assemble_file(AsmFile *f, const char *text, bool is_cpp_output);
AsmSection *asm_section_get(AsmFile *f, const char *name, uint64_t flags,
                            unsigned type, bool explicit_flags, AsmLoc loc);
/* sh_addralign of @s as MCST gas writes it; the alignment a link places
 * it at (at least 8 for code: wide instructions are 8-byte aligned). */
uint64_t asm_section_align(const AsmSection *s);
uint64_t asm_section_link_align(const AsmSection *s);
uint64_t asm_align_up(uint64_t v, uint64_t a);
/* The section @name of @f, or NULL. */
AsmSection *asm_section_find(AsmFile *f, const char *name);
/* Subsection @n (>= 0) of section @s (which may itself be a part). */
AsmSection *asm_subsection_get(AsmSection *s, int64_t n);
/* Check global definitions across files; resolve undefined references. */
void asm_resolve_globals(AsmContext *ctx);

/* fixups (assemble.c): apply every fixup whose value is final */
void asm_apply_fixups(AsmContext *ctx, bool relocatable);
/* A fixup's value in the link (a GOT address made pc-relative). */
bool asm_fixup_eval_final(AsmSection *sec, AsmFixup *fx, AsmValue *v,
                          Error **errp);

/* elf-read.c: read an e2k ELF relocatable object (@data, @len bytes of
 * @path) as one more input of the static link. */
bool asm_read_object(AsmContext *ctx, const char *path, const uint8_t *data,
                     size_t len, Error **errp);

/* elf-read.c: a shared object (ET_DYN) given to a -pie/-shared link:
 * its exported symbols become ctx->imports, its soname ctx->needed. */
bool asm_read_shared(AsmContext *ctx, const char *path, const uint8_t *data,
                     size_t len, Error **errp);

/* elf-obj.c / elf-link.c */
bool asm_write_object(AsmContext *ctx, const char *out, Error **errp);
bool asm_link_executable(AsmContext *ctx, const char *out, Error **errp);
uint32_t asm_e_flags_for_cpu(const char *mcpu);

#endif /* E2K_ASM_H */
