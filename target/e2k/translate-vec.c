/*
 * e2k translator: packed (SIMD) operations on 64-bit registers.
 *
 * Each operation is a row of vec-ops.h naming a pure C helper
 * (vec_helper.c); the translator calls it with the channel's sources.
 * Operations without a row are not implemented (SIGILL).  The literal
 * forms (ALOPF11_LIT8 and pshufh's ALOPF12_PSHUFH) take the literal
 * (ALES bits 7..0) as @c, a constant; until the ALU read phase passes
 * it they stay SIGILL.  Simple
 * operations will move inline (host SSE) once they are measured to
 * matter; the helpers stay as their definition.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/e2k/translate.h"
#include "target/e2k/vec_helper.h"

typedef struct VecRow {
    uint16_t id;            /* enum E2KOpId */
    int nsrc;               /* 2, 3, or VEC_LIT */
    void *fn;
} VecRow;

/* Two sources and the literal: @c is the literal as a constant, @a is
   NULL for the one-source pshufh. */
#define VEC_LIT 0

static const VecRow vec_rows[] = {
#define E2K_VEC2(id, name) { E2K_OP_##id, 2, (void *)helper_##name },
#define E2K_VEC3(id, name) { E2K_OP_##id, 3, (void *)helper_##name },
#define E2K_VECL(id, name) { E2K_OP_##id, VEC_LIT, (void *)helper_##name },
#include "target/e2k/vec-ops.h"
#undef E2K_VEC2
#undef E2K_VEC3
#undef E2K_VECL
};

bool e2k_gen_vec(const E2KOpDesc *d, TCGv_i64 r, TCGv_i64 a, TCGv_i64 b,
                 TCGv_i64 c)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(vec_rows); i++) {
        const VecRow *row = &vec_rows[i];

        if (row->id != d->id) {
            continue;
        }
        if (row->nsrc == VEC_LIT) {
            if (!c) {
                return false;       /* no literal passed: not decoded */
            }
            e2k_gen_call_helper(row->fn, tcg_temp(r), 3,
                                tcg_temp(a ? a : tcg_constant_i64(0)),
                                tcg_temp(b), tcg_temp(c));
        } else if (row->nsrc == 3) {
            e2k_gen_call_helper(row->fn, tcg_temp(r), 3, tcg_temp(a),
                                tcg_temp(b), tcg_temp(c));
        } else {
            e2k_gen_call_helper(row->fn, tcg_temp(r), 2, tcg_temp(a),
                                tcg_temp(b));
        }
        return true;
    }
    return false;
}
