/* placeholder, replaced below */
#include "tcg-internal.h"
void tcg_optimize(TCGContext *s) { }
