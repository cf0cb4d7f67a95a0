/*
 * e2k-asm: `.file N' and `.loc' and the `.debug_line' they make
 * (dwarf-line.c).
 */
#ifndef E2K_ASM_DWARF_LINE_H
#define E2K_ASM_DWARF_LINE_H

#include "tools/e2k-asm/assemble.h"

/* The version MCST's gas reports in DW_AT_producer ("GNU AS 2.35.0"). */
#define ASM_GAS_VERSION "2.35.0"

/* `.file N "name"' (@args: what follows `.file') */
void asm_line_file(AsmState *st, const char *args);
/* `.loc FILE LINE [COLUMN] [options]' */
void asm_line_loc(AsmState *st, const char *args);
/* At the end of a file: write `.debug_line' (and the unit description
 * gas adds when the source has no `.debug_info'). */
void asm_line_finish(AsmFile *f);

#endif
