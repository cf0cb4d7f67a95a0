/*
 * Typed declarations of e2k runtime helpers with their TCG call flags.
 *
 * E2K_DEF_HELPER_N(name, flags, ret, t1, ..., tN) declares the C function
 * helper_<name> with those argument and return types and, beside it, a
 * descriptor e2k_helper_<name> that the translator passes to
 * e2k_gen_helper(): the function, its call flags and its argument kinds,
 * so a call site cannot give a helper flags other than its own.
 *
 * Types: env (CPUE2KState *), i32, i64, void (return only).
 * Flags (include/tcg/tcg.h): TCG_CALL_NO_RWG for a helper that reads and
 * writes no TCG global (it may still use env fields that are not
 * globals), TCG_CALL_NO_WG for one that may raise a guest signal (the
 * globals must be in env then, but stay valid after the call),
 * TCG_CALL_NO_SE when its only effect is its result.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_E2K_HELPER_DEF_H
#define TARGET_E2K_HELPER_DEF_H

#include <stdint.h>

#include "tcg/tcg.h"
#include "target/e2k/cpu.h"

typedef enum E2KHelperKind {
    E2K_HK_VOID = 0,
    E2K_HK_ENV,
    E2K_HK_I32,
    E2K_HK_I64,
} E2KHelperKind;

typedef struct E2KHelperInfo {
    void *fn;
    const char *name;
    unsigned flags;         /* TCG_CALL_* */
    uint8_t ret;            /* E2KHelperKind */
    uint8_t nargs;
    uint8_t args[6];
} E2KHelperInfo;

#define E2K_HTYPE_void void
#define E2K_HTYPE_env CPUE2KState *
#define E2K_HTYPE_i32 uint32_t
#define E2K_HTYPE_i64 uint64_t
#define E2K_HKIND_void E2K_HK_VOID
#define E2K_HKIND_env E2K_HK_ENV
#define E2K_HKIND_i32 E2K_HK_I32
#define E2K_HKIND_i64 E2K_HK_I64

#define E2K_HELPER_INFO(name, fl, ret, n, ...)                              \
    __attribute__((unused)) static const E2KHelperInfo e2k_helper_##name = { \
        (void *)helper_##name, #name, (fl), E2K_HKIND_##ret, (n),           \
        { __VA_ARGS__ } }

#define E2K_DEF_HELPER_2(name, fl, ret, t1, t2)                             \
    E2K_HTYPE_##ret helper_##name(E2K_HTYPE_##t1, E2K_HTYPE_##t2);          \
    E2K_HELPER_INFO(name, fl, ret, 2, E2K_HKIND_##t1, E2K_HKIND_##t2)
#define E2K_DEF_HELPER_3(name, fl, ret, t1, t2, t3)                         \
    E2K_HTYPE_##ret helper_##name(E2K_HTYPE_##t1, E2K_HTYPE_##t2,           \
                                  E2K_HTYPE_##t3);                          \
    E2K_HELPER_INFO(name, fl, ret, 3, E2K_HKIND_##t1, E2K_HKIND_##t2,       \
                    E2K_HKIND_##t3)
#define E2K_DEF_HELPER_4(name, fl, ret, t1, t2, t3, t4)                     \
    E2K_HTYPE_##ret helper_##name(E2K_HTYPE_##t1, E2K_HTYPE_##t2,           \
                                  E2K_HTYPE_##t3, E2K_HTYPE_##t4);          \
    E2K_HELPER_INFO(name, fl, ret, 4, E2K_HKIND_##t1, E2K_HKIND_##t2,       \
                    E2K_HKIND_##t3, E2K_HKIND_##t4)
#define E2K_DEF_HELPER_5(name, fl, ret, t1, t2, t3, t4, t5)                 \
    E2K_HTYPE_##ret helper_##name(E2K_HTYPE_##t1, E2K_HTYPE_##t2,           \
                                  E2K_HTYPE_##t3, E2K_HTYPE_##t4,           \
                                  E2K_HTYPE_##t5);                          \
    E2K_HELPER_INFO(name, fl, ret, 5, E2K_HKIND_##t1, E2K_HKIND_##t2,       \
                    E2K_HKIND_##t3, E2K_HKIND_##t4, E2K_HKIND_##t5)

#endif
