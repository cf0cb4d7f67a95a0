/*
 * e2k-asm: state of the assembly pass over one file, shared between
 * assemble.c (statements, wide instructions) and directives.c
 * (directives, conditionals, macros).
 */
#ifndef E2K_ASM_ASSEMBLE_H
#define E2K_ASM_ASSEMBLE_H

#include "tools/e2k-asm/asm.h"
#include "tools/e2k-asm/source.h"

typedef struct CondEntry {
    bool parent_active;
    bool active;
    bool taken;             /* some branch of this .if was active */
    bool in_else;
    AsmLoc loc;
} CondEntry;

typedef enum RecKind { REC_MACRO, REC_REPT, REC_IRP, REC_IRPC } RecKind;

/* What an entry of the input stack holds. */
typedef enum FrameKind {
    FRAME_FILE,             /* a source or .include'd file */
    FRAME_MACRO,            /* a macro expansion (.exitm leaves it) */
    FRAME_REPT,             /* a .rept/.irp/.irpc expansion */
    FRAME_REST,             /* the rest of a line after an expansion */
} FrameKind;

typedef struct AsmState {
    AsmFile *f;
    AsmContext *ctx;
    AsmLoc loc;             /* the line being processed */
    GPtrArray *frames;      /* input stack */
    GArray *conds;          /* CondEntry */
    bool stop;              /* .end */

    /* .macro / .rept / .irp body being recorded */
    bool recording;
    RecKind rec_kind;
    int rec_depth;
    AsmLoc rec_loc;
    GPtrArray *rec_lines;   /* SourceLine* */
    AsmMacro *rec_macro;
    int64_t rept_count;
    char *irp_param;
    GPtrArray *irp_values;  /* char* */

    /* wide instruction being collected between { and } */
    bool in_bundle;
    AsmLoc bundle_loc;
    GPtrArray *ops;         /* char* */
} AsmState;

uint64_t asm_section_size(const AsmSection *s);
void asm_emit(AsmState *st, const void *buf, size_t len);
void asm_emit_fill(AsmState *st, uint64_t count, uint8_t byte);
void asm_align(AsmState *st, uint64_t align, uint8_t fill, uint64_t max);
void asm_define_label(AsmState *st, const char *name);
void asm_define_equ(AsmState *st, const char *name, const char *text,
                    bool equiv);
void asm_push_lines(AsmState *st, GPtrArray *lines, FrameKind kind);
/* Push what follows an expanded statement on its line (if anything), to be
 * read after the expansion pushed next. */
void asm_push_rest(AsmState *st, const char *remainder);
/* .exitm: leave the innermost macro expansion; false if there is none. */
bool asm_exit_macro(AsmState *st);
bool asm_cond_active(AsmState *st);

/* directives.c */
GPtrArray *asm_split_args(const char *args);
char *asm_unquote(const char *s);
/* Evaluate @text to an absolute constant known at this point (errors are
 * reported). */
bool asm_eval_const(AsmState *st, const char *text, int64_t *out);
/* A string literal at *@pp (gas's escapes) appended to @out; *@pp moves
 * past it.  Errors are reported. */
bool asm_parse_string(AsmState *st, const char **pp, GByteArray *out);
bool asm_is_conditional(const char *word);
void asm_directive_conditional(AsmState *st, const char *word,
                               const char *args);
/* Run directive @word; returns true if the rest of the line is consumed. */
bool asm_directive(AsmState *st, const char *word, const char *args);

/* macro.c */
void asm_start_macro(AsmState *st, const char *args);
void asm_start_rept(AsmState *st, int64_t count);
void asm_start_irp(AsmState *st, const char *args, bool chars);
void asm_expand_macro(AsmState *st, AsmMacro *m, const char *args,
                      const char *remainder);
/* Record one statement of a .macro/.rept/.irp body (or end the body).
 * Returns true if the rest of the line (@remainder) was taken over. */
bool asm_record_stmt(AsmState *st, const char *text, const char *remainder);
void asm_record_abort(AsmState *st);
/* .purgem name */
void asm_purge_macro(AsmState *st, const char *args);

#endif
