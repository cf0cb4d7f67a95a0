/*
 * qemu-io: exercise the block layer from the command line, one command at
 * a time (-c, repeatable) or interactively, with QEMU 7.2's command names,
 * options and output lines ("wrote 65536/65536 bytes at offset 0" plus the
 * rate line).  The command table is qemu_io_cmds[] below.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <ctype.h>
#include <signal.h>
#include <unistd.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config-host.h"
#include "block/block_int.h"
#include "block/info.h"
#include "qemu/cutils.h"
#include "qemu/error.h"
#include "qemu/secret.h"
#include "qemu/units.h"

static BlockDriverState *qio_bs;
static bool qio_quit;
/* -m: hand the block layer buffers 16 bytes past an aligned address, to
 * exercise the O_DIRECT bounce paths (QEMU's MISALIGN_OFFSET). */
static bool qio_misalign;
#define MISALIGN_OFFSET 16

/* Pending aio writes/reads complete at aio_flush (we run them inline). */
typedef struct PendingReport {
    char *text;
} PendingReport;
static GPtrArray *pending;

/* --- formatting helpers (QEMU's cvtstr/timestr) ------------------------ */

static void cvtstr(double value, char *str, size_t size)
{
    static const struct {
        double mult;
        const char *suffix;
    } units[] = {
        { (double)EiB, " EiB" }, { (double)PiB, " PiB" }, { (double)TiB, " TiB" },
        { (double)GiB, " GiB" }, { (double)MiB, " MiB" }, { (double)KiB, " KiB" },
    };
    const char *suffix = " bytes";
    for (size_t i = 0; i < G_N_ELEMENTS(units); i++) {
        if (value >= units[i].mult) {
            value /= units[i].mult;
            suffix = units[i].suffix;
            break;
        }
    }
    snprintf(str, size - 6, "%.3f", value);
    char *trim = strstr(str, ".000");
    if (trim) {
        strcpy(trim, suffix);
    } else {
        strcat(str, suffix);
    }
}

static double timespec_sec(const struct timespec *t)
{
    return t->tv_sec + t->tv_nsec / 1e9;
}

static void timestr(const struct timespec *t, char *ts, size_t size)
{
    if (t->tv_sec) {
        unsigned s = (unsigned)t->tv_sec;
        snprintf(ts, size, "%u:%02u:%02u.%02u", s / 3600, (s / 60) % 60,
                 s % 60, (unsigned)(t->tv_nsec / 10000000));
    } else {
        snprintf(ts, size, "%05.2f sec", t->tv_nsec / 1e9);
    }
}

/* -C: "bytes,ops,h:mm:ss.ss,bytes/sec,ops/sec", as QEMU. */
static bool report_csv;

static char *report_text(const char *op, int64_t offset, int64_t count,
                         int64_t total, int cnt, const struct timespec *t)
{
    char s1[64], s2[64], ts[64];
    double secs = timespec_sec(t);
    if (secs <= 0) {
        secs = 1e-9;
    }
    if (report_csv) {
        unsigned s = (unsigned)t->tv_sec;
        return g_strdup_printf("%" PRId64 ",%d,%u:%02u:%05.2f,%.3f,%.3f\n",
                               total, cnt, s / 3600, (s / 60) % 60,
                               s % 60 + t->tv_nsec / 1e9, total / secs,
                               cnt / secs);
    }
    cvtstr((double)total, s1, sizeof(s1));
    cvtstr(total / secs, s2, sizeof(s2));
    timestr(t, ts, sizeof(ts));
    return g_strdup_printf("%s %" PRId64 "/%" PRId64 " bytes at offset %" PRId64
                           "\n%s, %d ops; %s (%s/sec and %.4f ops/sec)\n",
                           op, count, total, offset, s1, cnt, ts, s2,
                           cnt / secs);
}

static void print_report(const char *op, int64_t offset, int64_t count,
                         int cnt, const struct timespec *t)
{
    char *s = report_text(op, offset, count, count, cnt, t);
    fputs(s, stdout);
    g_free(s);
}

static void time_diff(struct timespec *res, const struct timespec *a,
                      const struct timespec *b)
{
    res->tv_sec = b->tv_sec - a->tv_sec;
    res->tv_nsec = b->tv_nsec - a->tv_nsec;
    if (res->tv_nsec < 0) {
        res->tv_sec--;
        res->tv_nsec += 1000000000;
    }
}

static void hexdump(const uint8_t *buf, int64_t offset, int64_t len)
{
    for (int64_t i = 0; i < len; i += 16) {
        printf("%08" PRIx64 ":  ", (uint64_t)(offset + i));
        for (int j = 0; j < 16 && i + j < len; j++) {
            printf("%02x ", buf[i + j]);
        }
        printf(" ");
        for (int j = 0; j < 16 && i + j < len; j++) {
            putchar(isalnum(buf[i + j]) ? buf[i + j] : '.');   /* as QEMU */
        }
        printf("\n");
    }
}

static int64_t cvtnum(const char *s)
{
    uint64_t v;
    const char *end;
    int ret = qemu_strtosz(s, &end, &v);
    if (ret == -ERANGE || (ret == 0 && !*end && v > INT64_MAX)) {
        return -ERANGE;
    }
    if (ret < 0 || *end) {
        return -EINVAL;
    }
    return (int64_t)v;
}

static void print_cvtnum_err(int64_t rc, const char *arg)
{
    if (rc == -ERANGE) {
        printf("Parsing error: argument too large -- %s\n", arg);
    } else {
        printf("Parsing error: non-numeric argument, or extraneous/"
               "unrecognized suffix -- %s\n", arg);
    }
}

/* A command's one-line usage, as QEMU prints it after a bad option. */
static void print_cmd_usage(const char *name);

static int parse_pattern(const char *s)
{
    char *end;
    long v = strtol(s, &end, 0);
    if (*end || v < 0 || v > 255) {
        printf("%s is not a valid pattern byte\n", s);
        return -1;
    }
    return (int)v;
}

static bool check_open(void)
{
    if (!qio_bs) {
        printf("no file open, try 'help open'\n");
        return false;
    }
    return true;
}

/* --- commands ---------------------------------------------------------- */

typedef int (*CmdFunc)(int argc, char **argv);

typedef struct CmdInfo {
    const char *name;
    const char *altname;
    CmdFunc func;
    int argmin;
    int argmax;         /* -1: unlimited */
    bool needs_file;
    const char *args;
    const char *oneline;
} CmdInfo;

static const CmdInfo *find_cmd(const char *name);

/* open -C: reads copy what they fetch from the backing chain into the top
 * image, whole clusters at a time, as QEMU's copy-on-read. */
static bool qio_copy_on_read;

/*
 * write -s FILE: the data is FILE's contents, repeated to fill @len bytes
 * (QEMU's qemu_io_alloc_from_file).
 */
static int fill_from_file(uint8_t *buf, int64_t len, const char *name)
{
    FILE *f = fopen(name, "r");
    if (!f) {
        printf("%s: %s\n", name, strerror(errno));
        return -1;
    }
    size_t got = fread(buf, 1, (size_t)len, f);
    bool err = ferror(f);
    fclose(f);
    if (err) {
        printf("%s: %s\n", name, strerror(EIO));
        return -1;
    }
    if (got == 0) {
        printf("%s: file is empty\n", name);
        return -1;
    }
    for (int64_t i = (int64_t)got; i < len; i += (int64_t)got) {
        memcpy(buf + i, buf, (size_t)MIN((int64_t)got, len - i));
    }
    return 0;
}

/*
 * Copy-on-read, as QEMU's: [offset, offset+count) widened to whole
 * clusters; every run the top image does not allocate is read through the
 * chain and written back into the top image (as zeros when it reads as
 * zeros, else as data), so later reads no longer reach the backing file.
 */
#define COR_MAX_CHUNK (16 * MiB)
static int copy_on_read(int64_t offset, int64_t count)
{
    if (count == 0) {
        return 0;
    }
    BlockDriverInfo bdi;
    int64_t cs = 512;
    if (bdrv_get_info(qio_bs, &bdi) == 0 && bdi.cluster_size > 0) {
        cs = bdi.cluster_size;
    }
    int64_t len = bdrv_getlength(qio_bs);
    if (len < 0) {
        return (int)len;
    }
    int64_t start = offset - offset % cs;
    int64_t end = MIN(len, (offset + count + cs - 1) / cs * cs);
    while (start < end) {
        int64_t n;
        int ret = bdrv_is_allocated(qio_bs, start, end - start, &n);
        if (ret < 0) {
            return ret;
        }
        if (n <= 0) {
            break;
        }
        n = MIN(n, COR_MAX_CHUNK);
        if (!ret) {
            uint8_t *buf = g_malloc(n);
            ret = bdrv_pread(qio_bs, start, n, buf, 0);
            if (ret == 0) {
                ret = buffer_is_zero(buf, n)
                      ? bdrv_pwrite_zeroes(qio_bs, start, n, 0)
                      : bdrv_pwrite(qio_bs, start, n, buf, 0);
            }
            g_free(buf);
            if (ret < 0) {
                return ret;
            }
        }
        start += n;
    }
    return 0;
}

static int do_rw(bool write, int argc, char **argv, const char *cmdname,
                 bool vectored, bool aio)
{
    int pattern = write ? 0xcd : -1;
    bool verbose = false, quiet = false, zero = false, compressed = false;
    bool unmap = false, fua = false, no_fallback = false, invalid = false;
    bool pflag = false;
    const char *src_file = NULL;
    bool lflag = false, sflag = false;
    int64_t pattern_offset = 0, pattern_count = 0;
    const char *opts = aio ? (write ? "CfiqP:uz" : "CiqP:v")
                     : write ? (vectored ? "CfqP:" : "bcCfqP:s:uzn")
                             : (vectored ? "CqP:v" : "bCqP:l:s:v");
    int c;
    optind = 0;
    report_csv = false;
    while ((c = getopt(argc, argv, opts)) != -1) {
        switch (c) {
        case 'P':
            pattern = parse_pattern(optarg);
            if (pattern < 0) {
                return -EINVAL;
            }
            pflag = true;
            break;
        case 'C':
            report_csv = true;
            break;
        case 'i':
            invalid = true;
            break;
        case 'n':
            no_fallback = true;
            break;
        case 'b':
            printf("%s: -b (VM state) is not supported by this build\n",
                   cmdname);
            return -ENOTSUP;
        case 'v':
            verbose = true;
            break;
        case 's':
            if (write) {
                src_file = optarg;
                break;
            }
            /* fall through */
        case 'l': {
            int64_t n = cvtnum(optarg);
            if (n < 0) {
                print_cvtnum_err(n, optarg);
                return -EINVAL;
            }
            if (c == 's') {
                sflag = true;
                pattern_offset = n;
            } else {
                lflag = true;
                pattern_count = n;
            }
            break;
        }
        case 'q':
            quiet = true;
            break;
        case 'z':
            zero = true;
            break;
        case 'c':
            compressed = true;
            break;
        case 'u':
            unmap = true;
            break;
        case 'f':
            fua = true;
            break;
        default:
            print_cmd_usage(cmdname);
            return -EINVAL;
        }
    }
    if (invalid) {
        /* QEMU counts an invalid request in its statistics; we keep none. */
        printf("injecting invalid %s request\n", write ? "write" : "read");
        return 0;
    }
    if (optind > argc - 2) {
        printf("%s: invalid number of arguments\n", cmdname);
        return -EINVAL;
    }
    if (!write && pattern < 0 && (sflag || lflag)) {
        /* -s/-l only qualify -P: QEMU prints the usage line. */
        print_cmd_usage(cmdname);
        return -EINVAL;
    }
    if (write && zero + pflag + (src_file != NULL) > 1) {
        printf("Only one of -z, -P, and -s can be specified at the same "
               "time\n");
        return -EINVAL;
    }
    if (no_fallback && !zero) {
        printf("-n requires -z to be specified\n");
        return -EINVAL;
    }
    if (unmap && !zero) {
        printf("-u requires -z to be specified\n");
        return -EINVAL;
    }
    int64_t offset = cvtnum(argv[optind]);
    if (offset < 0) {
        print_cvtnum_err(offset, argv[optind]);
        return -EINVAL;
    }
    int64_t count = 0;
    GArray *lens = g_array_new(FALSE, FALSE, sizeof(int64_t));
    for (int i = optind + 1; i < argc; i++) {
        int64_t n = cvtnum(argv[i]);
        if (n < 0) {
            print_cvtnum_err(n, argv[i]);
            g_array_free(lens, TRUE);
            return -EINVAL;
        }
        g_array_append_val(lens, n);
        count += n;
        if (!vectored) {
            break;
        }
    }
    g_array_free(lens, TRUE);
    if (count > INT32_MAX && !zero) {
        printf("length cannot exceed %d, given %" PRId64 "\n", INT32_MAX,
               count);
        return -EINVAL;
    }
    if (!lflag) {
        pattern_count = count - pattern_offset;
    }
    if (!write && pattern >= 0 &&
        (pattern_count < 0 || pattern_offset > count ||
         pattern_count > count - pattern_offset)) {
        printf("pattern verification range exceeds end of read data\n");
        return -EINVAL;
    }
    uint8_t *buf = NULL, *base = NULL;
    if (!zero) {
        size_t pad = qio_misalign ? MISALIGN_OFFSET : 0;
        base = g_try_malloc(MAX(count, 1) + pad + 4096);
        if (!base) {
            printf("Out of memory\n");
            return -ENOMEM;
        }
        buf = (uint8_t *)(((uintptr_t)base + 4095) & ~(uintptr_t)4095) + pad;
        memset(buf, write ? pattern : 0, count);
        if (src_file && fill_from_file(buf, count, src_file) < 0) {
            g_free(base);
            return -EINVAL;
        }
    }
    if (write && bdrv_is_read_only(qio_bs)) {
        error_report("Block node is read-only");
        g_free(base);
        return -EPERM;
    }
    if (unmap && !(qio_bs->open_flags & BDRV_O_UNMAP)) {
        unmap = false;      /* discard=ignore: never deallocate */
    }
    struct timespec t1, t2, t;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    int ret;
    if (!write) {
        ret = bdrv_pread(qio_bs, offset, count, buf, 0);
    } else if (zero) {
        ret = bdrv_pwrite_zeroes(qio_bs, offset, count,
                                 (unmap ? BDRV_REQ_MAY_UNMAP : 0) |
                                 (no_fallback ? BDRV_REQ_NO_FALLBACK : 0));
    } else if (compressed) {
        ret = bdrv_pwrite_compressed(qio_bs, offset, count, buf);
    } else {
        ret = bdrv_pwrite(qio_bs, offset, count, buf, fua ? BDRV_REQ_FUA : 0);
    }
    clock_gettime(CLOCK_MONOTONIC, &t2);
    if (ret == 0 && !write && qio_copy_on_read) {
        ret = copy_on_read(offset, count);
    }
    if (ret < 0) {
        printf("%s failed: %s\n", write ? "write" : "read", strerror(-ret));
        g_free(base);
        return ret;
    }
    /* A mismatch fails the command (exit status 1), except for aio_read
     * whose completion cannot report back, as in QEMU. */
    int verify_ret = 0;
    if (!write && pattern >= 0) {
        for (int64_t i = pattern_offset; i < pattern_offset + pattern_count;
             i++) {
            if (buf[i] != pattern) {
                printf("Pattern verification failed at offset %" PRId64
                       ", %" PRId64 " bytes\n", offset + pattern_offset,
                       pattern_count);
                verify_ret = aio ? 0 : -EIO;
                break;
            }
        }
    }
    if (!write && verbose) {
        hexdump(buf, offset, count);
    }
    g_free(base);
    if (quiet) {
        return verify_ret;
    }
    time_diff(&t, &t1, &t2);
    if (aio) {
        g_ptr_array_add(pending, report_text(write ? "wrote" : "read", offset,
                                             count, count, 1, &t));
    } else {
        print_report(write ? "wrote" : "read", offset, count, 1, &t);
    }
    return verify_ret;
}

static int read_f(int argc, char **argv)
{
    return do_rw(false, argc, argv, "read", false, false);
}

static int write_f(int argc, char **argv)
{
    return do_rw(true, argc, argv, "write", false, false);
}

static int readv_f(int argc, char **argv)
{
    return do_rw(false, argc, argv, "readv", true, false);
}

static int writev_f(int argc, char **argv)
{
    return do_rw(true, argc, argv, "writev", true, false);
}

static int aio_read_f(int argc, char **argv)
{
    return do_rw(false, argc, argv, "aio_read", true, true);
}

static int aio_write_f(int argc, char **argv)
{
    return do_rw(true, argc, argv, "aio_write", true, true);
}

static void flush_pending(void)
{
    for (guint i = 0; i < pending->len; i++) {
        fputs(g_ptr_array_index(pending, i), stdout);
    }
    g_ptr_array_set_size(pending, 0);
}

static int aio_flush_f(int argc, char **argv)
{
    int ret = bdrv_flush(qio_bs);
    flush_pending();
    return ret;
}

static int flush_f(int argc, char **argv)
{
    int ret = bdrv_flush(qio_bs);
    if (ret < 0) {
        printf("flush failed: %s\n", strerror(-ret));
    }
    return ret;
}

static int discard_f(int argc, char **argv)
{
    bool quiet = false;
    int c;
    optind = 0;
    report_csv = false;
    while ((c = getopt(argc, argv, "Cq")) != -1) {
        if (c == 'q') {
            quiet = true;
        } else if (c == 'C') {
            report_csv = true;
        } else {
            print_cmd_usage("discard");
            return -EINVAL;
        }
    }
    if (optind != argc - 2) {
        printf("discard: invalid number of arguments\n");
        return -EINVAL;
    }
    int64_t offset = cvtnum(argv[optind]), bytes = cvtnum(argv[optind + 1]);
    if (offset < 0 || bytes < 0) {
        print_cvtnum_err(-EINVAL, offset < 0 ? argv[optind] : argv[optind + 1]);
        return -EINVAL;
    }
    if (bdrv_is_read_only(qio_bs)) {
        error_report("Block node is read-only");
        return -EPERM;
    }
    struct timespec t1, t2, t;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    /* discard=ignore: the request succeeds and does nothing, as QEMU's. */
    int ret = (qio_bs->open_flags & BDRV_O_UNMAP) ?
              bdrv_pdiscard(qio_bs, offset, bytes) : 0;
    clock_gettime(CLOCK_MONOTONIC, &t2);
    if (ret < 0) {
        printf("discard failed: %s\n", strerror(-ret));
        return ret;
    }
    if (!quiet) {
        time_diff(&t, &t1, &t2);
        print_report("discard", offset, bytes, 1, &t);
    }
    return 0;
}

static int alloc_f(int argc, char **argv)
{
    int64_t offset = cvtnum(argv[1]);
    if (offset < 0) {
        print_cvtnum_err(offset, argv[1]);
        return -EINVAL;
    }
    int64_t bytes = 512;
    if (argc == 3) {
        bytes = cvtnum(argv[2]);
        if (bytes < 0) {
            print_cvtnum_err(bytes, argv[2]);
            return -EINVAL;
        }
    }
    int64_t remaining = bytes, sum_alloc = 0, pos = offset;
    while (remaining > 0) {
        int64_t num;
        int ret = bdrv_is_allocated(qio_bs, pos, remaining, &num);
        if (ret < 0) {
            printf("is_allocated failed: %s\n", strerror(-ret));
            return ret;
        }
        if (num <= 0) {
            break;
        }
        if (ret) {
            sum_alloc += num;
        }
        pos += num;
        remaining -= num;
    }
    char s1[64];
    cvtstr((double)offset, s1, sizeof(s1));
    printf("%" PRId64 "/%" PRId64 " bytes allocated at offset %s\n",
           sum_alloc, bytes, s1);
    return 0;
}

static int map_f(int argc, char **argv)
{
    int64_t len = bdrv_getlength(qio_bs);
    int64_t offset = 0;
    while (offset < len) {
        int64_t num;
        int ret = bdrv_is_allocated(qio_bs, offset, len - offset, &num);
        if (ret < 0) {
            printf("Failed to get allocation status: %s\n", strerror(-ret));
            return ret;
        }
        if (num <= 0) {
            break;
        }
        /* Merge consecutive ranges of the same status. */
        int64_t total = num;
        while (offset + total < len) {
            int64_t n2;
            int r2 = bdrv_is_allocated(qio_bs, offset + total,
                                       len - offset - total, &n2);
            if (r2 < 0 || r2 != ret || n2 <= 0) {
                break;
            }
            total += n2;
        }
        char s1[64], s2[64];
        cvtstr((double)total, s1, sizeof(s1));
        cvtstr((double)offset, s2, sizeof(s2));
        printf("%s (0x%" PRIx64 ") bytes %s at offset %s (0x%" PRIx64 ")\n",
               s1, (uint64_t)total, ret ? "    allocated" : "not allocated",
               s2, (uint64_t)offset);
        offset += total;
    }
    return 0;
}

static int info_f(int argc, char **argv)
{
    BlockDriverInfo bdi;
    char s1[64], s2[64];
    printf("format name: %s\n", bdrv_get_format_name(qio_bs));
    if (bdrv_get_info(qio_bs, &bdi) == 0) {
        if (bdi.cluster_size) {
            cvtstr(bdi.cluster_size, s1, sizeof(s1));
            printf("cluster size: %s\n", s1);
        }
        cvtstr((double)bdi.vm_state_offset, s2, sizeof(s2));
        printf("vm state offset: %s\n", s2);
    }
    Error *err = NULL;
    InfoNode *spec = bdrv_get_specific_info(qio_bs, &err);
    if (spec) {
        printf("Format specific information:\n");
        info_print_human(stdout, spec, 4);
        info_free(spec);
    } else if (err) {
        error_free(err);
    }
    return 0;
}

static int length_f(int argc, char **argv)
{
    int64_t len = bdrv_getlength(qio_bs);
    if (len < 0) {
        printf("getlength: %s\n", strerror((int)-len));
        return (int)len;
    }
    char s1[64];
    cvtstr((double)len, s1, sizeof(s1));
    printf("%s\n", s1);
    return 0;
}

static int truncate_f(int argc, char **argv)
{
    int64_t n = cvtnum(argv[1]);
    if (n < 0) {
        print_cvtnum_err(n, argv[1]);
        return -EINVAL;
    }
    Error *err = NULL;
    int ret = bdrv_truncate(qio_bs, n, false, PREALLOC_MODE_OFF, &err);
    if (ret < 0) {
        error_report_err(err);
        return ret;
    }
    return 0;
}

/* -d / open -d: QEMU's discard modes. */
static bool parse_discard_mode(const char *mode, int *flags)
{
    if (!strcmp(mode, "off") || !strcmp(mode, "ignore")) {
        *flags &= ~BDRV_O_UNMAP;
    } else if (!strcmp(mode, "on") || !strcmp(mode, "unmap")) {
        *flags |= BDRV_O_UNMAP;
    } else {
        error_report("Invalid discard option: %s", mode);
        return false;
    }
    return true;
}

/* What the current image was opened with, for reopen. */
static char *qio_name, *qio_fmt, *qio_opts;
/* --image-opts: qio_name is "key=val,..." rather than a file name. */
static bool qio_image_opts;

static BlockDriverState *qio_open(const char *name, const char *fmt,
                                  const char *opts, int flags, Error **errp)
{
    if (!qio_image_opts) {
        return bdrv_open(name, fmt, opts, flags, errp);
    }
    char *spec = opts && opts[0] ? g_strdup_printf("%s,%s", name, opts)
                                 : g_strdup(name);
    BlockDriverState *bs = bdrv_open_image_opts(spec, flags, errp);
    g_free(spec);
    return bs;
}
static int qio_flags;

static int open_image(const char *name, const char *fmt, int flags,
                      const char *opts)
{
    if (qio_bs) {
        error_report("file open already, try 'help close'");
        return -EBUSY;
    }
    Error *err = NULL;
    qio_bs = qio_open(name, fmt, opts, flags, &err);
    if (!qio_bs) {
        if (qio_image_opts) {
            error_prepend(&err, "can't open: ");
        } else {
            error_prepend(&err, "can't open device %s: ", name);
        }
        error_report_err(err);
        return -EINVAL;
    }
    g_free(qio_name);
    g_free(qio_fmt);
    g_free(qio_opts);
    qio_name = g_strdup(name);
    qio_fmt = g_strdup(bdrv_get_format_name(qio_bs));
    qio_opts = g_strdup(opts);
    qio_flags = flags;
    qio_copy_on_read = false;
    if (bdrv_probed_raw(qio_bs) && (flags & BDRV_O_RDWR)) {   /* as QEMU */
        fprintf(stderr,
                "WARNING: Image format was not specified for '%s' and probing "
                "guessed raw.\n"
                "         Automatically detecting the format is dangerous for "
                "raw images, write operations on block 0 will be restricted.\n"
                "         Specify the 'raw' format explicitly to remove the "
                "restrictions.\n", name);
    }
    return 0;
}

static int open_f(int argc, char **argv)
{
    int flags = BDRV_O_RDWR | BDRV_O_UNMAP;
    const char *fmt = NULL, *opts = NULL;
    bool cor = false;
    int c;
    optind = 0;
    while ((c = getopt(argc, argv, "snCro:ki:t:d:f:U")) != -1) {
        switch (c) {
        case 'k':
            flags |= BDRV_O_NATIVE_AIO;
            break;
        case 'i':
            if (!bdrv_parse_aio(optarg, &flags)) {
                error_report("Invalid aio option: %s", optarg);
                return -EINVAL;
            }
            break;
        case 'd':
            if (!parse_discard_mode(optarg, &flags)) {
                return -EINVAL;
            }
            break;
        case 'C':
            cor = true;
            break;
        case 'r':
            flags &= ~BDRV_O_RDWR;
            break;
        case 's':
            flags |= BDRV_O_SNAPSHOT;
            break;
        case 'n':
            flags |= BDRV_O_NOCACHE;
            break;
        case 'U':
            flags |= BDRV_O_FORCE_SHARE;
            break;
        case 'f':
            fmt = optarg;
            break;
        case 'o':
            opts = optarg;
            break;
        case 't': {
            flags &= ~(BDRV_O_NOCACHE | BDRV_O_NO_FLUSH);
            if (!strcmp(optarg, "none") || !strcmp(optarg, "directsync")) {
                flags |= BDRV_O_NOCACHE;
            } else if (!strcmp(optarg, "unsafe")) {
                flags |= BDRV_O_NO_FLUSH;
            } else if (strcmp(optarg, "writeback") &&
                       strcmp(optarg, "writethrough")) {
                error_report("Invalid cache option: %s", optarg);
                return -EINVAL;
            }
            break;
        }
        default:
            print_cmd_usage("open");
            return -EINVAL;
        }
    }
    if (optind != argc - 1) {
        printf("open: invalid number of arguments\n");
        return -EINVAL;
    }
    if (cor && !(flags & BDRV_O_RDWR)) {
        error_report("can't open device %s: Can't use copy-on-read on "
                     "read-only device", argv[optind]);
        return -EINVAL;
    }
    qio_image_opts = false;     /* open takes a file name */
    int ret = open_image(argv[optind], fmt, flags, opts);
    if (ret == 0) {
        qio_copy_on_read = cor;
    }
    return ret;
}

static int close_f(int argc, char **argv)
{
    bdrv_close(qio_bs);
    qio_bs = NULL;
    qio_copy_on_read = false;
    return 0;
}

/*
 * reopen [-r|-w] [-c cache] [-o options]: the image is closed and opened
 * again with the new flags (our requests are synchronous, so nothing is in
 * flight).  A temporary snapshot (-s) cannot be reopened: its overlay
 * would be lost.
 */
static int reopen_f(int argc, char **argv)
{
    int flags = qio_flags;
    bool ro = false, rw = false;
    const char *opts = qio_opts;
    int c;
    optind = 0;
    while ((c = getopt(argc, argv, "c:o:rw")) != -1) {
        switch (c) {
        case 'c':
            flags &= ~(BDRV_O_NOCACHE | BDRV_O_NO_FLUSH);
            if (!strcmp(optarg, "none") || !strcmp(optarg, "directsync")) {
                flags |= BDRV_O_NOCACHE;
            } else if (!strcmp(optarg, "unsafe")) {
                flags |= BDRV_O_NO_FLUSH;
            } else if (strcmp(optarg, "writeback") &&
                       strcmp(optarg, "writethrough")) {
                error_report("Invalid cache option: %s", optarg);
                return -EINVAL;
            }
            break;
        case 'o': {
            /* cache.* are ours to change; the rest go to the driver. */
            gchar **kv = g_strsplit(optarg, ",", -1);
            GString *rest = g_string_new(NULL);
            for (int i = 0; kv[i]; i++) {
                char *eq = strchr(kv[i], '=');
                const char *v = eq ? eq + 1 : "on";
                size_t klen = eq ? (size_t)(eq - kv[i]) : strlen(kv[i]);
                int bit = !strncmp(kv[i], "cache.direct", klen) &&
                          klen == 12 ? BDRV_O_NOCACHE
                          : !strncmp(kv[i], "cache.no-flush", klen) &&
                          klen == 14 ? BDRV_O_NO_FLUSH : 0;
                if (bit && (!strcmp(v, "on") || !strcmp(v, "off"))) {
                    flags = !strcmp(v, "on") ? (flags | bit) : (flags & ~bit);
                } else {
                    g_string_append_printf(rest, "%s%s", rest->len ? "," : "",
                                           kv[i]);
                }
            }
            g_strfreev(kv);
            if (rest->len) {
                BlockDriver *drv = bdrv_find_format(qio_fmt);
                Error *err = NULL;
                QemuOpts *o = NULL;
                if (drv && drv->runtime_opts) {
                    o = qemu_opts_parse(drv->runtime_opts, rest->str, &err);
                }
                if (!o) {
                    char *bad = g_strndup(rest->str, strcspn(rest->str, "=,"));
                    error_free(err);
                    error_report("Cannot change the option '%s'", bad);
                    g_free(bad);
                    g_string_free(rest, TRUE);
                    return -EINVAL;
                }
                qemu_opts_del(o);
                opts = g_string_free(rest, FALSE);
            } else {
                g_string_free(rest, TRUE);
            }
            break;
        }
        case 'r':
            ro = true;
            break;
        case 'w':
            rw = true;
            break;
        default:
            print_cmd_usage("reopen");
            return -EINVAL;
        }
    }
    if (optind != argc) {
        print_cmd_usage("reopen");
        return -EINVAL;
    }
    if (ro && rw) {
        error_report("Only one -r/-w option may be given");
        return -EINVAL;
    }
    if (qio_flags & BDRV_O_SNAPSHOT) {
        error_report("Cannot reopen a temporary snapshot (-s): its overlay "
                     "would be lost");
        return -ENOTSUP;
    }
    if (ro) {
        flags &= ~BDRV_O_RDWR;
    } else if (rw) {
        flags |= BDRV_O_RDWR;
    }
    bdrv_close(qio_bs);
    Error *err = NULL;
    qio_bs = qio_open(qio_name, qio_image_opts ? NULL : qio_fmt, opts, flags,
                      &err);
    if (!qio_bs) {
        /* Keep a usable image: back to the old settings. */
        error_report_err(err);
        qio_bs = qio_open(qio_name, qio_image_opts ? NULL : qio_fmt, qio_opts,
                          qio_flags, NULL);
        return -EINVAL;
    }
    qio_flags = flags;
    if (opts != qio_opts) {
        g_free(qio_opts);
        qio_opts = (char *)opts;
    }
    return 0;
}

static int abort_f(int argc, char **argv)
{
    abort();
}

static int sigraise_f(int argc, char **argv)
{
    int64_t sig = cvtnum(argv[1]);
    if (sig < 0) {
        print_cvtnum_err(sig, argv[1]);
        return (int)sig;
    }
    if (sig > NSIG) {
        printf("signal argument '%s' is too large to be a valid signal\n",
               argv[1]);
        return -EINVAL;
    }
    fflush(stdout);
    fflush(stderr);
    raise((int)sig);
    return 0;
}

static int sleep_f(int argc, char **argv)
{
    char *end;
    long ms = strtol(argv[1], &end, 0);
    if (ms < 0 || *end) {
        printf("%s is not a valid number\n", argv[1]);
        return -EINVAL;
    }
    g_usleep((gulong)ms * 1000);
    return 0;
}

/*
 * Breakpoints need QEMU's blkdebug driver, which this build does not
 * have: fail as QEMU does on an image without it (wait_break, which QEMU
 * would wait on forever, fails the same way).
 */
static int break_f(int argc, char **argv)
{
    printf("Could not set breakpoint: %s\n", strerror(ENOTSUP));
    return -ENOTSUP;
}

static int remove_break_f(int argc, char **argv)
{
    printf("Could not remove breakpoint %s: %s\n", argv[1], strerror(ENOTSUP));
    return -ENOTSUP;
}

static int resume_f(int argc, char **argv)
{
    printf("Could not resume request: %s\n", strerror(ENOTSUP));
    return -ENOTSUP;
}

static int wait_break_f(int argc, char **argv)
{
    printf("Could not wait for breakpoint %s: %s\n", argv[1],
           strerror(ENOTSUP));
    return -ENOTSUP;
}

static int quit_f(int argc, char **argv)
{
    qio_quit = true;
    return 0;
}

static int help_f(int argc, char **argv);

static const CmdInfo qemu_io_cmds[] = {
    { "abort", NULL, abort_f, 0, 0, false, NULL,
      "simulate a program crash using abort(3)" },
    { "aio_flush", "af", aio_flush_f, 0, 0, true, NULL,
      "completes all outstanding aio requests" },
    { "aio_read", NULL, aio_read_f, 2, -1, true,
      "[-Ciqv] [-P pattern] off len [len..]",
      "asynchronously reads a number of bytes" },
    { "aio_write", NULL, aio_write_f, 2, -1, true,
      "[-Cfiquz] [-P pattern] off len [len..]",
      "asynchronously writes a number of bytes" },
    { "alloc", NULL, alloc_f, 1, 2, true, "offset [count]",
      "checks if offset is allocated in the file" },
    { "break", NULL, break_f, 2, 2, true, "event tag",
      "sets a breakpoint on event and tags the stopped request as tag" },
    { "close", "c", close_f, 0, 0, true, NULL, "close the current open file" },
    { "discard", "d", discard_f, 2, -1, true, "[-Cq] off len",
      "discards a number of bytes at a specified offset" },
    { "flush", "f", flush_f, 0, 0, true, NULL,
      "flush all in-core file state to disk" },
    { "help", "?", help_f, 0, 1, false, "[command]",
      "help for one or all commands" },
    { "info", "i", info_f, 0, 0, true, NULL, "prints information about the "
      "current file" },
    { "length", "l", length_f, 0, 0, true, NULL, "gets the length of the "
      "current file" },
    { "map", NULL, map_f, 0, 0, true, "", "prints the allocated areas of a "
      "file" },
    { "open", "o", open_f, 1, -1, false,
      "[-rsCnkU] [-t cache] [-d discard] [-o options] [path]",
      "open the file specified by path" },
    { "quit", "q", quit_f, 0, 0, false, NULL, "exit the program" },
    { "read", "r", read_f, 2, -1, true,
      "[-abCqv] [-P pattern [-s off] [-l len]] off len",
      "reads a number of bytes at a specified offset" },
    { "readv", NULL, readv_f, 2, -1, true, "[-Cqv] [-P pattern] off len [len..]",
      "reads a number of bytes at a specified offset" },
    { "remove_break", "rb", remove_break_f, 1, 1, true, "tag",
      "remove a breakpoint by tag" },
    { "reopen", NULL, reopen_f, 0, -1, true, "[(-r|-w)] [-c cache] [-o options]",
      "reopens an image with new options" },
    { "resume", NULL, resume_f, 1, 1, true, "tag",
      "resumes the request tagged as tag" },
    { "sigraise", NULL, sigraise_f, 1, 1, false, "signal",
      "raises a signal" },
    { "sleep", NULL, sleep_f, 1, 1, false, NULL,
      "waits for the given value in milliseconds" },
    { "truncate", "t", truncate_f, 1, 1, true, "[-m prealloc_mode] off",
      "truncates the current file at the given offset" },
    { "wait_break", NULL, wait_break_f, 1, 1, true, "tag",
      "waits for the suspension of a request" },
    { "write", "w", write_f, 2, -1, true,
      "[-bcCfnquz] [-P pattern | -s source_file] off len",
      "writes a number of bytes at a specified offset" },
    { "writev", NULL, writev_f, 2, -1, true,
      "[-Cfq] [-P pattern] off len [len..]",
      "writes a number of bytes at a specified offset" },
    { NULL },
};

static const CmdInfo *find_cmd(const char *name)
{
    for (const CmdInfo *c = qemu_io_cmds; c->name; c++) {
        if (!strcmp(c->name, name) || (c->altname && !strcmp(c->altname, name))) {
            return c;
        }
    }
    return NULL;
}

static void print_cmd_usage(const char *name)
{
    const CmdInfo *c = find_cmd(name);
    if (c) {
        printf("%s %s%s-- %s\n", c->name, c->args ? c->args : "",
               c->args ? " " : "", c->oneline);
    }
}

static int help_f(int argc, char **argv)
{
    if (argc == 2) {
        const CmdInfo *c = find_cmd(argv[1]);
        if (!c) {
            printf("command %s not found\n", argv[1]);
            return -EINVAL;
        }
        print_cmd_usage(c->name);
        return 0;
    }
    for (const CmdInfo *c = qemu_io_cmds; c->name; c++) {
        print_cmd_usage(c->name);
    }
    printf("\nUse 'help commandname' for extended help.\n");
    return 0;
}

static int run_command(const char *line)
{
    gchar **argv = NULL;
    int argc;
    GError *gerr = NULL;
    if (!g_shell_parse_argv(line, &argc, &argv, &gerr)) {
        g_clear_error(&gerr);
        return 0;   /* empty line */
    }
    int ret = 0;
    const CmdInfo *c = find_cmd(argv[0]);
    if (!c) {
        fprintf(stderr, "command \"%s\" not found\n", argv[0]);
        ret = -EINVAL;
    } else if (c->needs_file && !check_open()) {
        ret = -EINVAL;
    } else if (argc - 1 < c->argmin ||
               (c->argmax >= 0 && argc - 1 > c->argmax)) {
        if (c->argmax == c->argmin) {
            printf("bad argument count %d to %s, expected %d arguments\n",
                   argc - 1, c->name, c->argmin);
        } else if (c->argmax < 0) {
            printf("bad argument count %d to %s, expected at least %d "
                   "arguments\n", argc - 1, c->name, c->argmin);
        } else {
            printf("bad argument count %d to %s, expected between %d and %d "
                   "arguments\n", argc - 1, c->name, c->argmin, c->argmax);
        }
        ret = -EINVAL;
    } else {
        ret = c->func(argc, argv);
    }
    fflush(stdout);
    g_strfreev(argv);
    return ret;
}

static void usage(const char *name)
{
    printf("Usage: %s [OPTIONS]... [-c STRING]... [file]\n"
           "QEMU Disk exerciser\n\n"
           "  -c, --cmd STRING     execute command with its arguments\n"
           "                       from the given string\n"
           "  -f, --format FMT     specifies the block driver to use\n"
           "  -r, --read-only      export read-only\n"
           "  -s, --snapshot       use snapshot file\n"
           "  -C, --copy-on-read   enable copy-on-read\n"
           "  -n, --nocache        disable host cache, short for -t none\n"
           "  -U, --force-share    force shared permissions\n"
           "  -m, --misalign       misalign allocations for O_DIRECT\n"
           "  -k, --native-aio     use kernel AIO implementation\n"
           "                       (Linux only, prefer use of -i)\n"
           "  -i, --aio=MODE       use AIO mode (threads, native or io_uring)\n"
           "  -t, --cache=MODE     use the given cache mode for the image\n"
           "  -d, --discard=MODE   use the given discard mode for the image\n"
           "  -T, --trace FILE     enable trace events listed in the given "
           "file\n"
           "  -h, --help           display this help and exit\n"
           "  -V, --version        output version information and exit\n\n"
           "See 'qemu-io -c help' for information on available commands.\n",
           name);
}

/*
 * One -T event pattern.  This build defines no trace events: a plain name
 * gets QEMU's "does not exist" warning (prefixed by @where, the events
 * file and line, if any); a wildcard pattern quietly matches nothing.
 */
static void trace_enable_pattern(const char *pat, const char *where)
{
    if (pat[0] == '-') {
        pat++;
    }
    if (!pat[0] || strpbrk(pat, "*?")) {
        return;
    }
    if (where) {
        fprintf(stderr, "qemu-io:%s: warning: trace event '%s' does not "
                "exist\n", where, pat);
    } else {
        warn_report("trace event '%s' does not exist", pat);
    }
}

/* -T [[enable=]PATTERN][,events=FILE][,file=FILE], QEMU's syntax. */
static bool trace_opt_parse(const char *arg)
{
    gchar **parts = g_strsplit(arg, ",", -1);
    bool ok = true;
    /* Like QEMU, reject an unknown key before acting on any. */
    for (int i = 0; parts[i]; i++) {
        const char *eq = strchr(parts[i], '=');
        char *key = eq ? g_strndup(parts[i], eq - parts[i])
                       : g_strdup(i ? parts[i] : "enable");
        if (key[0] && strcmp(key, "enable") && strcmp(key, "events") &&
            strcmp(key, "file")) {
            error_report("Invalid parameter '%s'", key);
            ok = false;
        }
        g_free(key);
        if (!ok) {
            g_strfreev(parts);
            return false;
        }
    }
    for (int i = 0; ok && parts[i]; i++) {
        char *p = parts[i];
        char *eq = strchr(p, '=');
        const char *key = "enable", *val = p;
        if (eq) {
            *eq = 0;
            key = p;
            val = eq + 1;
        } else if (i > 0 || !p[0]) {
            if (p[0]) {
                error_report("Invalid parameter '%s'", p);
                ok = false;
            }
            continue;
        }
        if (!strcmp(key, "enable")) {
            trace_enable_pattern(val, NULL);
        } else if (!strcmp(key, "events")) {
            FILE *f = fopen(val, "r");
            if (!f) {
                fprintf(stderr, "qemu-io:%s: %s\n", val, strerror(errno));
                ok = false;
                break;
            }
            char line[1024];
            for (int lineno = 1; fgets(line, sizeof(line), f); lineno++) {
                line[strcspn(line, "\r\n")] = 0;
                if (line[0] && line[0] != '#') {
                    char *where = g_strdup_printf("%s:%d", val, lineno);
                    trace_enable_pattern(line, where);
                    g_free(where);
                }
            }
            fclose(f);
        } else if (!strcmp(key, "file")) {
            /* Nothing can be traced, so the log is created empty. */
            FILE *f = fopen(val, "w");
            if (!f) {
                error_report("could not open trace file '%s': %s", val,
                             strerror(errno));
                ok = false;
                break;
            }
            fclose(f);
        } else {
            error_report("Invalid parameter '%s'", key);
            ok = false;
        }
    }
    g_strfreev(parts);
    return ok;
}

static void print_block_message(const char *msg)
{
    fprintf(stderr, "%s\n", msg);
}

int main(int argc, char **argv)
{
    bdrv_set_message_handler(print_block_message);
    int flags = BDRV_O_UNMAP;
    bool readonly = false, cor = false, image_opts = false;
    const char *fmt = NULL, *opts = NULL;
    GPtrArray *cmds = g_ptr_array_new();
    static const struct option long_options[] = {
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { "cmd", required_argument, NULL, 'c' },
        { "format", required_argument, NULL, 'f' },
        { "read-only", no_argument, NULL, 'r' },
        { "snapshot", no_argument, NULL, 's' },
        { "copy-on-read", no_argument, NULL, 'C' },
        { "nocache", no_argument, NULL, 'n' },
        { "misalign", no_argument, NULL, 'm' },
        { "native-aio", no_argument, NULL, 'k' },
        { "discard", required_argument, NULL, 'd' },
        { "cache", required_argument, NULL, 't' },
        { "trace", required_argument, NULL, 'T' },
        { "force-share", no_argument, NULL, 'U' },
        { "aio", required_argument, NULL, 'i' },
        { "image-opts", no_argument, NULL, 'I' },
        { "object", required_argument, NULL, 'O' },
        { NULL, 0, NULL, 0 },
    };
    error_set_progname("qemu-io");
    pending = g_ptr_array_new_with_free_func(g_free);
    int c;
    while ((c = getopt_long(argc, argv, "snmkrhCc:f:t:d:T:VUo:i:", long_options,
                            NULL)) != -1) {
        switch (c) {
        case 's':
            flags |= BDRV_O_SNAPSHOT;
            break;
        case 'm':
            qio_misalign = true;
            break;
        case 'C':
            cor = true;
            break;
        case 'k':
            flags |= BDRV_O_NATIVE_AIO;
            break;
        case 'i':
            if (!bdrv_parse_aio(optarg, &flags)) {
                error_report("Invalid aio option: %s", optarg);
                return 1;
            }
            break;
        case 'T':
            if (!trace_opt_parse(optarg)) {
                return 1;
            }
            break;
        case 'd':
            if (!parse_discard_mode(optarg, &flags)) {
                return 1;
            }
            break;
        case 'O': {
            Error *oerr = NULL;
            if (qemu_secret_object_add(optarg, &oerr) < 0) {
                error_report_err(oerr);
                return 1;
            }
            break;
        }
        case 'I':
            image_opts = true;
            break;
        case 'n':
            flags |= BDRV_O_NOCACHE;
            break;
        case 'c':
            g_ptr_array_add(cmds, optarg);
            break;
        case 'f':
            fmt = optarg;
            break;
        case 'o':
            opts = optarg;
            break;
        case 'r':
            readonly = true;
            break;
        case 'U':
            flags |= BDRV_O_FORCE_SHARE;
            break;
        case 't':
            flags &= ~(BDRV_O_NOCACHE | BDRV_O_NO_FLUSH);
            if (!strcmp(optarg, "none") || !strcmp(optarg, "directsync")) {
                flags |= BDRV_O_NOCACHE;
            } else if (!strcmp(optarg, "unsafe")) {
                flags |= BDRV_O_NO_FLUSH;
            } else if (strcmp(optarg, "writeback") &&
                       strcmp(optarg, "writethrough")) {
                error_report("Invalid cache option: %s", optarg);
                return 1;
            }
            break;
        case 'V':
            printf("qemu-io version " QEMU_VERSION "\n"
                   "Copyright (c) 2003-2022 Fabrice Bellard and the QEMU "
                   "Project developers\n");
            return 0;
        case 'h':
            usage(argv[0]);
            return 0;
        default:
            usage(argv[0]);
            return 1;
        }
    }
    if (optind < argc - 1) {
        usage(argv[0]);     /* as QEMU: more than one image name */
        return 1;
    }
    if (image_opts && fmt) {
        error_report("--image-opts and -f are mutually exclusive");
        return 1;
    }
    qio_image_opts = image_opts;
    if (!readonly) {
        flags |= BDRV_O_RDWR;
    }
    int last_error = 0;
    if (optind == argc - 1) {
        if (cor && !(flags & BDRV_O_RDWR)) {
            error_report("can't open device %s: Can't use copy-on-read on "
                         "read-only device", argv[optind]);
            return 1;
        }
        if (open_image(argv[optind], fmt, flags, opts) < 0) {
            return 1;
        }
        qio_copy_on_read = cor;
    }
    if (cmds->len) {
        for (guint i = 0; i < cmds->len && !qio_quit; i++) {
            int ret = run_command(g_ptr_array_index(cmds, i));
            if (ret < 0) {
                last_error = ret;
            }
        }
    } else {
        char line[4096];
        for (;;) {
            printf("qemu-io> ");    /* QEMU prompts even when piped */
            fflush(stdout);
            if (!fgets(line, sizeof(line), stdin)) {
                break;
            }
            int ret = run_command(line);
            if (ret < 0) {
                last_error = ret;
            }
            if (qio_quit) {
                break;
            }
        }
    }
    flush_pending();
    if (qio_bs) {
        bdrv_close(qio_bs);
    }
    g_ptr_array_free(cmds, TRUE);
    g_ptr_array_free(pending, TRUE);
    return last_error < 0 ? 1 : 0;
}
