/*
 * e2k-asm input: source files as lines with their origin, comment
 * removal, statement splitting and the host C preprocessor for .S files.
 */
#ifndef E2K_ASM_SOURCE_H
#define E2K_ASM_SOURCE_H

#include "tools/e2k-asm/asm.h"

typedef struct SourceLine {
    char *text;
    AsmLoc loc;
} SourceLine;

SourceLine *source_line_new(const char *text, AsmLoc loc);
void source_line_free(gpointer p);

/* Split @text into SourceLine entries.  With @cpp_markers, `# N "file"'
 * lines from the preprocessor set the origin of the following lines. */
GPtrArray *source_split_lines(AsmContext *ctx, const char *text,
                              const char *fname, bool cpp_markers);

/* Remove `!' comments, C comments and whole-line `#' comments from @line
 * in place.  *in_c_comment carries an open C comment to the next line. */
void source_strip_comments(char *line, bool *in_c_comment);

/* One piece of a line between the separators `{', `}' and `;'. */
typedef struct Stmt {
    char sep;               /* '{', '}' or 0 for a statement */
    char *text;             /* statement, trimmed (sep == 0) */
    size_t end;             /* offset just past this piece in the line */
} Stmt;

/* Split a comment-free line into statements and braces. */
GArray *source_split_statements(const char *line);
void source_stmts_free(GArray *stmts);

bool source_read_file(const char *path, char **text, Error **errp);
/* Run the host C preprocessor on @path with ctx's -I/-D options. */
char *source_run_cpp(AsmContext *ctx, const char *path, Error **errp);

#endif
