/*
 * Number and size parsing, size printing, small string helpers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "qemu/cutils.h"
#include "qemu/units.h"

/* Common tail of the strto* wrappers: check for no digits and trailing text. */
static int check_strtox_end(const char *nptr, const char *ep,
                            const char **endptr, int libc_errno)
{
    if (ep == nptr) {
        if (endptr) {
            *endptr = nptr;
        }
        return -EINVAL;
    }
    if (endptr) {
        *endptr = ep;
    } else if (*ep != '\0') {
        return -EINVAL;
    }
    return libc_errno == ERANGE ? -ERANGE : 0;
}

int qemu_strtoi64(const char *nptr, const char **endptr, int base,
                  int64_t *result)
{
    char *ep;
    long long v;

    if (!nptr) {
        return -EINVAL;
    }
    errno = 0;
    v = strtoll(nptr, &ep, base);
    *result = v;
    return check_strtox_end(nptr, ep, endptr, errno);
}

int qemu_strtou64(const char *nptr, const char **endptr, int base,
                  uint64_t *result)
{
    const char *p = nptr;
    char *ep;
    unsigned long long v;

    if (!nptr) {
        return -EINVAL;
    }
    /* strtoull silently negates "-5"; an unsigned value never has a sign. */
    while (isspace((unsigned char)*p)) {
        p++;
    }
    if (*p == '-') {
        if (endptr) {
            *endptr = nptr;
        }
        return -EINVAL;
    }
    errno = 0;
    v = strtoull(nptr, &ep, base);
    *result = v;
    return check_strtox_end(nptr, ep, endptr, errno);
}

int qemu_strtoi(const char *nptr, const char **endptr, int base, int *result)
{
    int64_t v;
    int ret = qemu_strtoi64(nptr, endptr, base, &v);

    if (ret == 0 && (v < INT32_MIN || v > INT32_MAX)) {
        ret = -ERANGE;
    }
    *result = ret == 0 ? (int)v : 0;
    return ret;
}

static int64_t suffix_mul(char suffix)
{
    switch (g_ascii_toupper(suffix)) {
    case 'B':
        return 1;
    case 'K':
        return KiB;
    case 'M':
        return MiB;
    case 'G':
        return GiB;
    case 'T':
        return TiB;
    case 'P':
        return PiB;
    case 'E':
        return EiB;
    }
    return -1;
}

int qemu_strtosz_suffix(const char *nptr, const char **end,
                        uint64_t *result, char default_suffix)
{
    const char *p = nptr, *digits_end;
    uint64_t whole;
    double frac = 0;
    int64_t mul;
    int ret;

    *result = 0;
    if (!nptr) {
        return -EINVAL;
    }
    ret = qemu_strtou64(p, &digits_end, 0, &whole);
    if (ret < 0) {
        if (end) {
            *end = nptr;
        }
        return ret;
    }
    p = digits_end;
    if (*p == '.') {
        /* A fraction is only meaningful with a unit: "1.5G". */
        char *fe;

        errno = 0;
        frac = strtod(p, &fe);
        if (fe == p + 1 || errno) {
            if (end) {
                *end = nptr;
            }
            return -EINVAL;
        }
        p = fe;
    }
    mul = suffix_mul(*p);
    if (mul > 0) {
        p++;
    } else {
        mul = suffix_mul(default_suffix);
        if (frac != 0 && mul == 1) {
            if (end) {
                *end = nptr;
            }
            return -EINVAL;
        }
    }
    if (end) {
        *end = p;
    } else if (*p != '\0') {
        return -EINVAL;
    }
    if (whole > UINT64_MAX / mul) {
        return -ERANGE;
    }
    *result = whole * mul;
    if (frac != 0) {
        double extra = frac * (double)mul;

        /* 2^64 as a double: anything at or above does not fit. */
        if ((double)*result + extra >= 18446744073709551616.0) {
            *result = 0;
            return -ERANGE;
        }
        *result += (uint64_t)extra;
    }
    return 0;
}

int qemu_strtosz(const char *nptr, const char **end, uint64_t *result)
{
    return qemu_strtosz_suffix(nptr, end, result, 'B');
}

char *size_to_str(uint64_t val)
{
    static const char *const units[] = {
        "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB",
    };
    int i = 0;

    /* Move to the next unit once the number would print as 1000 or more. */
    while (i < 6 && (double)val / (double)(UINT64_C(1) << (10 * i)) >= 1000) {
        i++;
    }
    return g_strdup_printf("%0.3g %s",
                           (double)val / (double)(UINT64_C(1) << (10 * i)),
                           units[i]);
}

void pstrcpy(char *buf, size_t buf_size, const char *str)
{
    size_t n;

    if (buf_size == 0) {
        return;
    }
    n = strnlen(str, buf_size - 1);
    memcpy(buf, str, n);
    buf[n] = '\0';
}

bool strstart(const char *str, const char *prefix, const char **ptr)
{
    size_t n = strlen(prefix);

    if (strncmp(str, prefix, n) != 0) {
        return false;
    }
    if (ptr) {
        *ptr = str + n;
    }
    return true;
}

bool buffer_is_zero(const void *buf, size_t len)
{
    const unsigned char *p = buf;
    size_t head = len < 16 ? len : 16;

    for (size_t i = 0; i < head; i++) {
        if (p[i]) {
            return false;
        }
    }
    /*
     * The first 16 bytes are zero, so the buffer is all zero exactly when
     * it equals itself shifted by 16; memcmp does that at full speed.
     */
    return len <= 16 || memcmp(p, p + 16, len - 16) == 0;
}
