/*
 * e2k-asm: `.cfi_*' directives and the `.eh_frame' they make (cfi.c).
 */
#ifndef E2K_ASM_CFI_H
#define E2K_ASM_CFI_H

#include "tools/e2k-asm/assemble.h"

/* Run one `.cfi_*' directive @w with operands @args. */
void asm_cfi_directive(AsmState *st, const char *w, const char *args);
/* At the end of a file: write its `.eh_frame' (if it has any FDE). */
void asm_cfi_finish(AsmFile *f);

#endif
