/*
 * Endian conversion and unaligned load/store helpers.
 *
 * Every on-disk and guest-memory structure is read through these, never by
 * casting a buffer to a struct: the host is little-endian x86-64 today, but
 * the code must not depend on it, and buffers are rarely aligned.
 *
 * Naming follows QEMU: ld<size>_<endian>_p / st<size>_<endian>_p where size
 * is ub (u8), uw (u16), l (u32), q (u64); be64_to_cpu() and friends convert
 * values already in a variable.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef QEMU_BSWAP_H
#define QEMU_BSWAP_H

#include <stdint.h>
#include <string.h>

static inline uint16_t bswap16(uint16_t x) { return __builtin_bswap16(x); }
static inline uint32_t bswap32(uint32_t x) { return __builtin_bswap32(x); }
static inline uint64_t bswap64(uint64_t x) { return __builtin_bswap64(x); }

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define HOST_BIG_ENDIAN 1
#define QEMU_BE(sz, x) (x)
#define QEMU_LE(sz, x) bswap##sz(x)
#else
#define HOST_BIG_ENDIAN 0
#define QEMU_BE(sz, x) bswap##sz(x)
#define QEMU_LE(sz, x) (x)
#endif

static inline uint16_t be16_to_cpu(uint16_t v) { return QEMU_BE(16, v); }
static inline uint32_t be32_to_cpu(uint32_t v) { return QEMU_BE(32, v); }
static inline uint64_t be64_to_cpu(uint64_t v) { return QEMU_BE(64, v); }
static inline uint16_t cpu_to_be16(uint16_t v) { return QEMU_BE(16, v); }
static inline uint32_t cpu_to_be32(uint32_t v) { return QEMU_BE(32, v); }
static inline uint64_t cpu_to_be64(uint64_t v) { return QEMU_BE(64, v); }
static inline uint16_t le16_to_cpu(uint16_t v) { return QEMU_LE(16, v); }
static inline uint32_t le32_to_cpu(uint32_t v) { return QEMU_LE(32, v); }
static inline uint64_t le64_to_cpu(uint64_t v) { return QEMU_LE(64, v); }
static inline uint16_t cpu_to_le16(uint16_t v) { return QEMU_LE(16, v); }
static inline uint32_t cpu_to_le32(uint32_t v) { return QEMU_LE(32, v); }
static inline uint64_t cpu_to_le64(uint64_t v) { return QEMU_LE(64, v); }

/* Unaligned native-order access; memcpy compiles to a single move. */
#define QEMU_LDST_NATIVE(name, type) \
    static inline type ld##name##_he_p(const void *p) \
    { type v; memcpy(&v, p, sizeof(v)); return v; } \
    static inline void st##name##_he_p(void *p, type v) \
    { memcpy(p, &v, sizeof(v)); }
QEMU_LDST_NATIVE(uw, uint16_t)
QEMU_LDST_NATIVE(l, uint32_t)
QEMU_LDST_NATIVE(q, uint64_t)
#undef QEMU_LDST_NATIVE

static inline uint8_t ldub_p(const void *p) { return *(const uint8_t *)p; }
static inline int8_t ldsb_p(const void *p) { return *(const int8_t *)p; }
static inline void stb_p(void *p, uint8_t v) { *(uint8_t *)p = v; }

static inline uint16_t lduw_le_p(const void *p) { return le16_to_cpu(lduw_he_p(p)); }
static inline uint16_t lduw_be_p(const void *p) { return be16_to_cpu(lduw_he_p(p)); }
static inline int16_t ldsw_le_p(const void *p) { return (int16_t)lduw_le_p(p); }
static inline int16_t ldsw_be_p(const void *p) { return (int16_t)lduw_be_p(p); }
static inline uint32_t ldl_le_p(const void *p) { return le32_to_cpu(ldl_he_p(p)); }
static inline uint32_t ldl_be_p(const void *p) { return be32_to_cpu(ldl_he_p(p)); }
static inline uint64_t ldq_le_p(const void *p) { return le64_to_cpu(ldq_he_p(p)); }
static inline uint64_t ldq_be_p(const void *p) { return be64_to_cpu(ldq_he_p(p)); }

static inline void stw_le_p(void *p, uint16_t v) { stuw_he_p(p, cpu_to_le16(v)); }
static inline void stw_be_p(void *p, uint16_t v) { stuw_he_p(p, cpu_to_be16(v)); }
static inline void stl_le_p(void *p, uint32_t v) { stl_he_p(p, cpu_to_le32(v)); }
static inline void stl_be_p(void *p, uint32_t v) { stl_he_p(p, cpu_to_be32(v)); }
static inline void stq_le_p(void *p, uint64_t v) { stq_he_p(p, cpu_to_le64(v)); }
static inline void stq_be_p(void *p, uint64_t v) { stq_he_p(p, cpu_to_be64(v)); }

#endif
