/*
 * e2k packed operations on 64-bit registers (vec_helper.c): pure
 * functions of their operands, called from translated code.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_E2K_VEC_HELPER_H
#define TARGET_E2K_VEC_HELPER_H

#include <stdint.h>

#include <glib.h>

#define E2K_VEC2(id, name) uint64_t helper_##name(uint64_t a, uint64_t b);
#define E2K_VEC3(id, name) uint64_t helper_##name(uint64_t a, uint64_t b, \
                                               uint64_t c);
#define E2K_VECL(id, name) uint64_t helper_##name(uint64_t a, uint64_t b, \
                                               uint64_t lit);
#define E2K_VECP(id, name) uint64_t helper_##name(uint64_t a, uint64_t b);
#include "target/e2k/vec-ops.h"
#undef E2K_VEC2
#undef E2K_VEC3
#undef E2K_VECL
#undef E2K_VECP

#endif /* TARGET_E2K_VEC_HELPER_H */
