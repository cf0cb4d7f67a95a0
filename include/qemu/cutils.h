/*
 * String and number parsing helpers shared by the tools.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef QEMU_CUTILS_H
#define QEMU_CUTILS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Parse a whole string as a number.  Each returns 0 on success, -EINVAL
 * when the text is not a number (or has trailing garbage and @endptr is
 * NULL), -ERANGE on overflow.  Leading white space is skipped; base 0
 * accepts 0x/0 prefixes.
 */
int qemu_strtoi64(const char *nptr, const char **endptr, int base,
                  int64_t *result);
int qemu_strtou64(const char *nptr, const char **endptr, int base,
                  uint64_t *result);
int qemu_strtoi(const char *nptr, const char **endptr, int base,
                int *result);

/*
 * Parse a size with an optional suffix: B, K/k, M, G, T, P, E (binary
 * multiples, as qemu-img does).  Plain numbers are bytes unless
 * @default_suffix says otherwise (e.g. 'M' for legacy options).
 * Fractions are accepted with a suffix ("1.5G").  Returns 0, -EINVAL or
 * -ERANGE (result would not fit in 63 bits... or 64 for the unsigned
 * variant), like qemu_strtou64.
 */
int qemu_strtosz(const char *nptr, const char **end, uint64_t *result);
int qemu_strtosz_suffix(const char *nptr, const char **end,
                        uint64_t *result, char default_suffix);

/* "1 KiB", "1.5 GiB", "512 B": the human form qemu-img info prints. */
char *size_to_str(uint64_t val);

/* strncpy that always terminates and never pads. */
void pstrcpy(char *buf, size_t buf_size, const char *str);
/* Does @str start with @prefix?  If so and @ptr, *ptr = rest. */
bool strstart(const char *str, const char *prefix, const char **ptr);

/* Is the buffer entirely zero?  Fast path for zero detection (-S). */
bool buffer_is_zero(const void *buf, size_t len);

#endif
