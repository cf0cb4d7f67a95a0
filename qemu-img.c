/*
 * qemu-img: create, inspect, check, compare, map, resize and measure disk
 * images, with QEMU 7.2's command syntax, output and exit codes.  The data
 * copying commands (convert, dd, bench) live in qemu-img-cmds.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config-host.h"
#include "block/block_int.h"
#include "block/info.h"
#include "qemu-img.h"
#include "block/dirty-bitmap.h"
#include "qemu/cutils.h"
#include "qemu/secret.h"
#include "qemu/error.h"
#include "qemu/units.h"

enum {
    OPTION_OUTPUT = 256,
    OPTION_BACKING_CHAIN,
    OPTION_SIZE,
    OPTION_PREALLOCATION,
    OPTION_SHRINK,
    OPTION_START_OFFSET,
    OPTION_MAX_LENGTH,
    OPTION_TARGET_IS_ZERO,
    OPTION_FLUSH_INTERVAL,
    OPTION_NO_DRAIN,
    OPTION_PATTERN,
    OPTION_OBJECT,
    OPTION_IMAGE_OPTS,
    OPTION_FORCE,
    OPTION_SALVAGE,
    OPTION_BITMAPS,
};

typedef enum OutputFormat {
    OFORMAT_HUMAN,
    OFORMAT_JSON,
} OutputFormat;

static bool parse_output_format(const char *s, OutputFormat *f)
{
    if (!strcmp(s, "json")) {
        *f = OFORMAT_JSON;
    } else if (!strcmp(s, "human")) {
        *f = OFORMAT_HUMAN;
    } else {
        error_report("--output must be used with human or json as argument.");
        return false;
    }
    return true;
}

/* --- shared helpers --------------------------------------------------- */

bool img_parse_cache(const char *mode, int *flags, bool *writethrough)
{
    *flags &= ~(BDRV_O_NOCACHE | BDRV_O_NO_FLUSH);
    *writethrough = false;
    if (!strcmp(mode, "none") || !strcmp(mode, "off")) {
        *flags |= BDRV_O_NOCACHE;
    } else if (!strcmp(mode, "directsync")) {
        *flags |= BDRV_O_NOCACHE;
        *writethrough = true;
    } else if (!strcmp(mode, "writeback")) {
        /* default */
    } else if (!strcmp(mode, "unsafe")) {
        *flags |= BDRV_O_NO_FLUSH;
    } else if (!strcmp(mode, "writethrough")) {
        *writethrough = true;
    } else {
        return false;
    }
    return true;
}

/* The "*key-secret" options of @create_opts, to open what was created. */
char *img_key_secret_opts(const QemuOpts *create_opts)
{
    GString *s = g_string_new(NULL);
    for (int i = 0; create_opts && i < qemu_opts_count(create_opts); i++) {
        const char *name = qemu_opts_nth_name(create_opts, i);
        if (g_str_has_suffix(name, "key-secret")) {
            g_string_append_printf(s, "%s%s=%s", s->len ? "," : "", name,
                                   qemu_opts_nth_value(create_opts, i));
        }
    }
    return g_string_free(s, s->len == 0);
}

/*
 * The one opener behind img_open/img_open_spec/img_open_opts: @image_opts
 * makes @filename an --image-opts list, else @options (runtime options,
 * "key=val,...") go with it; both are parsed by block.c's image
 * specification code.
 */
static BlockDriverState *img_open_any(const char *filename, const char *fmt,
                                      const char *options, int flags,
                                      bool image_opts)
{
    Error *err = NULL;
    BlockDriverState *bs;
    if (image_opts) {
        if (fmt) {
            error_report("--image-opts and --format are mutually exclusive");
            return NULL;
        }
        bs = bdrv_open_image_opts(filename, flags, &err);
    } else {
        bs = bdrv_open(filename, fmt, options, flags, &err);
    }
    if (!bs) {
        error_prepend(&err, "Could not open '%s': ", filename);
        error_report_err(err);
        return NULL;
    }
    /* As QEMU: only a writable probed-raw image is dangerous, and -q does
     * not silence the warning. */
    if (bdrv_probed_raw(bs) && (flags & BDRV_O_RDWR)) {
        fprintf(stderr,
                "WARNING: Image format was not specified for '%s' and probing "
                "guessed raw.\n"
                "         Automatically detecting the format is dangerous for "
                "raw images, write operations on block 0 will be restricted.\n"
                "         Specify the 'raw' format explicitly to remove the "
                "restrictions.\n", filename);
    }
    return bs;
}

BlockDriverState *img_open(const char *filename, const char *fmt, int flags,
                           bool quiet)
{
    return img_open_spec(filename, fmt, flags, quiet, false);
}

BlockDriverState *img_open_spec(const char *filename, const char *fmt,
                                int flags, bool quiet, bool image_opts)
{
    (void)quiet;
    return img_open_any(filename, fmt, NULL, flags, image_opts);
}

BlockDriverState *img_open_opts(const char *filename, const char *fmt,
                                const char *options, int flags, bool quiet)
{
    (void)quiet;
    return img_open_any(filename, fmt, options, flags, false);
}

static bool progress_enabled;
static double progress_last = -1;

void img_progress_init(bool enabled)
{
    progress_enabled = enabled;
    progress_last = -1;
    img_progress_print(0);
}

void img_progress_print(double percent)
{
    if (!progress_enabled) {
        return;
    }
    if (percent < 100 && progress_last >= 0 && percent - progress_last < 1) {
        return;
    }
    progress_last = percent;
    printf("    (%3.2f/100%%)\r", percent);
    fflush(stdout);
}

/*
 * qemu_progress_print's rule with a one-point skip, in float as QEMU
 * computes it: print when the value moved by more than one point either
 * way, and always at 0 and 100.  Amend's steps hit these edges, so only
 * the exact rule prints the same lines.
 */
void img_progress_report(float percent)
{
    if (!progress_enabled) {
        return;
    }
    float last = (float)progress_last;
    percent = MIN(percent, 100.f);
    if (percent > last + 1.f || percent < last - 1.f || percent == 100.f ||
        percent == 0.f) {
        progress_last = percent;
        printf("    (%3.2f/100%%)\r", percent);
        fflush(stdout);
    }
}

void img_progress_end(void)
{
    if (progress_enabled) {
        progress_last = -1;
        img_progress_print(100);
        printf("\n");
        fflush(stdout);
    }
}

int64_t img_parse_size(const char *s)
{
    uint64_t v;
    const char *end;
    if (qemu_strtosz(s, &end, &v) < 0 || *end || v > INT64_MAX) {
        error_report("Invalid image size specified. You may use k, M, G, T, "
                     "P or E suffixes for");
        error_report("kilobytes, megabytes, gigabytes, terabytes, petabytes "
                     "and exabytes.");
        return -1;
    }
    return (int64_t)v;
}

int64_t img_parse_number(const char *name, const char *value)
{
    uint64_t v;
    const char *end;
    int err = qemu_strtosz(value, &end, &v);
    if (err == 0 && *end) {
        err = -EINVAL;
    }
    if (err < 0 && err != -ERANGE) {
        error_report("Invalid %s specified. You may use k, M, G, T, P or E "
                     "suffixes for", name);
        error_report("kilobytes, megabytes, gigabytes, terabytes, petabytes "
                     "and exabytes.");
        return err;
    }
    if (err == -ERANGE || v > INT64_MAX) {
        error_report("Invalid %s specified. Must be between 0 and %" PRId64
                     ".", name, INT64_MAX);
        return -ERANGE;
    }
    return (int64_t)v;
}

bool img_accumulate_options(char **options, const char *arg)
{
    size_t len = strlen(arg), i = len;
    while (i > 0 && arg[i - 1] == ',') {
        i--;
    }
    if (!arg[0] || arg[0] == ',' || (len - i) % 2) {
        error_report("Invalid option list: %s", arg);
        return false;
    }
    char *n = *options ? g_strdup_printf("%s,%s", *options, arg)
                       : g_strdup(arg);
    g_free(*options);
    *options = n;
    return true;
}

void img_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    error_report("%s", msg);
    g_free(msg);
    fprintf(stderr, "Try 'qemu-img --help' for more information\n");
}

void img_unrecognized_option(const char *opt)
{
    img_usage_error("unrecognized option '%s'", opt);
}

void img_missing_argument(const char *opt)
{
    img_usage_error("missing argument for option '%s'", opt);
}

/* --object: secrets only (util/secret.c); false after reporting. */
bool img_add_object(const char *arg)
{
    Error *err = NULL;
    if (qemu_secret_object_add(arg, &err) < 0) {
        error_report_err(err);
        return false;
    }
    return true;
}

QemuOpts *img_parse_create_opts(BlockDriver *drv, const char *options,
                                Error **errp)
{
    const QemuOptsList *list = bdrv_create_opts(drv);
    if (!list) {
        error_setg(errp, "Format driver '%s' does not support image creation",
                   bdrv_driver_name(drv));
        return NULL;
    }
    if (options) {
        return qemu_opts_parse(list, options, errp);
    }
    return qemu_opts_create(list);
}

void img_print_formatting(const char *filename, BlockDriver *drv,
                          QemuOpts *opts)
{
    const QemuOptsList *list = bdrv_create_opts(drv);
    printf("Formatting '%s', fmt=%s", filename, bdrv_driver_name(drv));
    for (const QemuOptDesc *d = list->desc; d->name; d++) {
        const char *v = qemu_opt_get(opts, d->name);
        if (!v && !d->def_value_str) {
            continue;
        }
        switch (d->type) {
        case QEMU_OPT_SIZE:
            printf(" %s=%" PRIu64, d->name,
                   v ? qemu_opt_get_size(opts, d->name, 0)
                     : (uint64_t)g_ascii_strtoull(d->def_value_str, NULL, 0));
            break;
        case QEMU_OPT_BOOL:
            printf(" %s=%s", d->name,
                   (v ? qemu_opt_get_bool(opts, d->name, false)
                      : !strcmp(d->def_value_str, "on")) ? "on" : "off");
            break;
        case QEMU_OPT_NUMBER:
            printf(" %s=%" PRIu64, d->name,
                   v ? qemu_opt_get_number(opts, d->name, 0)
                     : (uint64_t)g_ascii_strtoull(d->def_value_str, NULL, 0));
            break;
        default:
            printf(" %s=%s", d->name, v ? v : d->def_value_str);
            break;
        }
    }
    printf("\n");
}

static gint compare_strings(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "-o help": QEMU's layout (sorted, no defaults shown). */
static bool opts_list_has(const QemuOptsList *list, const char *name)
{
    for (const QemuOptDesc *d = list->desc; d->name; d++) {
        if (!strcmp(d->name, name)) {
            return true;
        }
    }
    return false;
}

static void add_opt_help_lines(GPtrArray *lines, const QemuOptsList *list,
                               const QemuOptsList *skip,
                               const QemuOptsList *skip_unless_size)
{
    static const char *const type_names[] = {
        [QEMU_OPT_STRING] = "str", [QEMU_OPT_BOOL] = "bool (on/off)",
        [QEMU_OPT_NUMBER] = "num", [QEMU_OPT_SIZE] = "size",
    };
    for (const QemuOptDesc *d = list->desc; d->name; d++) {
        if ((skip && opts_list_has(skip, d->name)) ||
            (skip_unless_size && strcmp(d->name, BLOCK_OPT_SIZE) &&
             opts_list_has(skip_unless_size, d->name))) {
            continue;
        }
        char *lhs = g_strdup_printf("%s=<%s>", d->name, type_names[d->type]);
        g_ptr_array_add(lines, g_strdup_printf("  %-22s%s%s", lhs,
                                               d->help ? " - " : "",
                                               d->help ? d->help : ""));
        g_free(lhs);
    }
}

void img_print_create_help(BlockDriver *drv, const char *filename)
{
    const QemuOptsList *fmt_opts = bdrv_create_opts(drv);
    const QemuOptsList *proto_opts = bdrv_create_opts(bdrv_find_format("file"));
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    /*
     * Our raw driver takes the file protocol's options itself; QEMU lists
     * them as protocol options, so without a file name raw shows only its
     * size, as QEMU's does.
     */
    bool raw = !strcmp(bdrv_driver_name(drv), "raw");
    add_opt_help_lines(lines, fmt_opts, NULL,
                       raw && !filename ? proto_opts : NULL);
    if (filename) {
        add_opt_help_lines(lines, proto_opts, fmt_opts, NULL);
    }
    g_ptr_array_sort(lines, compare_strings);
    if (filename) {
        printf("Supported options:\n");
    } else {
        printf("Supported %s options:\n", bdrv_driver_name(drv));
    }
    for (guint i = 0; i < lines->len; i++) {
        printf("%s\n", (char *)g_ptr_array_index(lines, i));
    }
    g_ptr_array_free(lines, TRUE);
    if (!filename) {
        printf("\nThe protocol level may support further options.\n"
               "Specify the target filename to include those options.\n");
    }
}

/* --- create ----------------------------------------------------------- */

static int img_create(int argc, char **argv)
{
    const char *fmt = "raw", *base_filename = NULL, *base_fmt = NULL;
    char *options = NULL;
    bool quiet = false, unsafe = false;
    static const struct option long_options[] = {
        { "help", no_argument, NULL, 'h' },
        { "object", required_argument, NULL, OPTION_OBJECT },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, ":F:b:f:ho:qu", long_options, NULL))
           != -1) {
        switch (c) {
        case 'F':
            base_fmt = optarg;
            break;
        case 'b':
            base_filename = optarg;
            break;
        case 'f':
            fmt = optarg;
            break;
        case 'o':
            if (!img_accumulate_options(&options, optarg)) {
                g_free(options);
                return 1;
            }
            break;
        case 'q':
            quiet = true;
            break;
        case 'u':
            unsafe = true;
            break;
        case 'h':
            printf("usage: qemu-img create [-q] [-f fmt] [-b backing_file "
                   "[-F backing_fmt]] [-u] [-o options] filename [size]\n");
            return 0;
        case ':':
            img_missing_argument(argv[optind - 1]);
            return 1;
        case OPTION_OBJECT:
            if (!img_add_object(optarg)) {
                return 1;
            }
            break;
        default:
            img_unrecognized_option(argv[optind - 1]);
            return 1;
        }
    }
    BlockDriver *drv = bdrv_find_format(fmt);
    if (drv && bdrv_create_opts(drv) && options && has_help_option(options)) {
        img_print_create_help(drv, optind < argc ? argv[optind] : NULL);
        g_free(options);
        return 0;
    }
    if (optind >= argc) {
        img_usage_error("Expecting image file name");
        g_free(options);
        return 1;
    }
    const char *filename = argv[optind++];
    if (!drv || !bdrv_create_opts(drv)) {
        error_report("%s: Unknown file format '%s'", filename, fmt);
        g_free(options);
        return 1;
    }
    int64_t size = -1;
    if (optind < argc) {
        size = img_parse_size(argv[optind++]);
        if (size < 0) {
            g_free(options);
            return 1;
        }
    }
    if (optind != argc) {
        img_usage_error("Unexpected argument: %s", argv[optind]);
        g_free(options);
        return 1;
    }

    Error *err = NULL;
    QemuOpts *opts = img_parse_create_opts(drv, options, &err);
    g_free(options);
    if (!opts) {
        error_prepend(&err, "%s: ", filename);
        error_report_err(err);
        return 1;
    }
    int ret = 1;
    if (base_filename &&
        !qemu_opt_set(opts, BLOCK_OPT_BACKING_FILE, base_filename, &err)) {
        error_prepend(&err, "%s: ", filename);
        error_report_err(err);
        goto out;
    }
    if (base_fmt && !qemu_opt_set(opts, BLOCK_OPT_BACKING_FMT, base_fmt, &err)) {
        error_prepend(&err, "%s: ", filename);
        error_report_err(err);
        goto out;
    }
    if (size >= 0) {
        qemu_opt_set_number(opts, BLOCK_OPT_SIZE, (uint64_t)size, NULL);
    }
    const char *backing = qemu_opt_get(opts, BLOCK_OPT_BACKING_FILE);
    const char *bfmt = qemu_opt_get(opts, BLOCK_OPT_BACKING_FMT);
    if (backing && !bdrv_supports_backing(drv)) {
        error_report("%s: Backing file not supported for file format '%s'",
                     filename, fmt);
        goto out;
    }
    if (backing) {
        char *full = bdrv_path_combine(filename, backing);
        if (!strcmp(full, filename) || !strcmp(backing, filename)) {
            error_report("%s: Error: Trying to create an image with the same "
                         "filename as the backing file", filename);
            g_free(full);
            goto out;
        }
        if (!bfmt) {
            bool raw;
            BlockDriver *probed = bdrv_probe_format(full, &raw, NULL);
            error_report("%s: Backing file specified without backing format",
                         filename);
            if (probed) {
                fprintf(stderr, "Detected format of %s.",
                        bdrv_driver_name(probed));
            }
            g_free(full);
            goto out;
        }
        if (!unsafe) {
            BlockDriverState *bbs = bdrv_open(full, bfmt, NULL,
                                              BDRV_O_NO_BACKING |
                                              BDRV_O_FORCE_SHARE, &err);
            if (!bbs) {
                error_prepend(&err, "%s: ", filename);
                error_append_hint(&err, "Could not open backing image.\n");
                error_report_err(err);
                g_free(full);
                goto out;
            }
            if (!qemu_opt_has(opts, BLOCK_OPT_SIZE)) {
                qemu_opt_set_number(opts, BLOCK_OPT_SIZE,
                                    (uint64_t)bdrv_getlength(bbs), NULL);
            }
            bdrv_close(bbs);
        }
        g_free(full);
    }
    if (!qemu_opt_has(opts, BLOCK_OPT_SIZE)) {
        error_report("%s: Image creation needs a size parameter", filename);
        goto out;
    }
    if (!quiet) {
        img_print_formatting(filename, drv, opts);
        fflush(stdout);
    }
    if (bdrv_create(drv, filename, opts, &err) < 0) {
        error_prepend(&err, "%s: ", filename);
        error_report_err(err);
        goto out;
    }
    ret = 0;
out:
    qemu_opts_del(opts);
    return ret;
}

/* --- info ------------------------------------------------------------- */

static InfoNode *collect_image_info(BlockDriverState *bs, Error **errp)
{
    InfoNode *d = info_new_dict();
    QEMUSnapshotInfo *sn = NULL;
    int nb = bdrv_snapshot_list(bs, &sn);
    info_add_str(d, "filename", bdrv_filename(bs));
    info_add_str(d, "format", bdrv_get_format_name(bs));
    BlockDriverInfo bdi;
    bool has_bdi = bdrv_get_info(bs, &bdi) == 0;
    info_add_bool(d, "dirty-flag", has_bdi && bdi.is_dirty);
    int64_t actual = bdrv_get_allocated_file_size(bs);
    if (actual >= 0) {
        info_add_int(d, "actual-size", actual);
    }
    info_add_int(d, "virtual-size", bdrv_getlength(bs));
    if (has_bdi && bdi.cluster_size) {
        info_add_int(d, "cluster-size", bdi.cluster_size);
    }
    if (has_bdi && bdi.is_encrypted) {
        info_add_bool(d, "encrypted", true);
    }
    const char *backing = bdrv_backing_file_name(bs);
    if (backing[0]) {
        info_add_str(d, "backing-filename", backing);
        char *full = bdrv_path_combine(bdrv_filename(bs), backing);
        info_add_str(d, "full-backing-filename", full);
        g_free(full);
        if (bdrv_backing_format_name(bs)[0]) {
            info_add_str(d, "backing-filename-format",
                         bdrv_backing_format_name(bs));
        }
    }
    if (nb > 0) {
        InfoNode *l = info_add_list(d, "snapshots");
        for (int i = 0; i < nb; i++) {
            InfoNode *e = info_new_dict();
            info_add_str(e, "id", sn[i].id_str);
            info_add_str(e, "name", sn[i].name);
            info_add_int(e, "vm-state-size", (int64_t)sn[i].vm_state_size);
            info_add_int(e, "date-sec", sn[i].date_sec);
            info_add_int(e, "date-nsec", sn[i].date_nsec);
            info_add_int(e, "vm-clock-sec",
                         (int64_t)(sn[i].vm_clock_nsec / 1000000000ULL));
            info_add_int(e, "vm-clock-nsec",
                         (int64_t)(sn[i].vm_clock_nsec % 1000000000ULL));
            if (sn[i].icount != UINT64_MAX) {
                info_add_int(e, "icount", (int64_t)sn[i].icount);
            }
            info_add_node(l, NULL, e);
        }
    }
    g_free(sn);
    Error *err = NULL;
    InfoNode *spec = bdrv_get_specific_info(bs, &err);
    if (err) {
        error_propagate(errp, err);
        info_free(d);
        return NULL;
    }
    if (spec) {
        InfoNode *fs = info_add_dict(d, "format-specific");
        info_add_str(fs, "type", bdrv_get_format_name(bs));
        info_add_node(fs, "data", spec);
    }
    return d;
}

static void print_snapshot_table(const InfoNode *list)
{
    printf("Snapshot list:\n");
    printf("%-10s%-17s%8s%20s%13s%11s\n", "ID", "TAG", "VM SIZE", "DATE",
           "VM CLOCK", "ICOUNT");
    for (guint i = 0; i < list->children->len; i++) {
        const InfoNode *e = g_ptr_array_index(list->children, i);
        time_t t = (time_t)info_find(e, "date-sec")->num;
        struct tm tm;
        localtime_r(&t, &tm);
        char date[32];
        strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
        int64_t secs = info_find(e, "vm-clock-sec")->num;
        int64_t nsec = info_find(e, "vm-clock-nsec")->num;
        char clock[64];
        snprintf(clock, sizeof(clock), "%02" PRId64 ":%02" PRId64 ":%02" PRId64
                 ".%03" PRId64, secs / 3600, (secs / 60) % 60, secs % 60,
                 nsec / 1000000);
        char *vmsize = size_to_str((uint64_t)info_find(e, "vm-state-size")->num);
        const InfoNode *ic = info_find(e, "icount");
        char icount[32] = "";
        if (ic) {
            snprintf(icount, sizeof(icount), "%" PRId64, ic->num);
        }
        printf("%-9s %-16s %8s%20s%13s%11s\n", info_find(e, "id")->str,
               info_find(e, "name")->str, vmsize, date, clock, icount);
        g_free(vmsize);
    }
}

static void print_image_info_human(const InfoNode *d)
{
    printf("image: %s\n", info_find(d, "filename")->str);
    printf("file format: %s\n", info_find(d, "format")->str);
    int64_t vs = info_find(d, "virtual-size")->num;
    char *s = size_to_str((uint64_t)vs);
    printf("virtual size: %s (%" PRId64 " bytes)\n", s, vs);
    g_free(s);
    const InfoNode *a = info_find(d, "actual-size");
    if (a) {
        s = size_to_str((uint64_t)a->num);
        printf("disk size: %s\n", s);
        g_free(s);
    } else {
        printf("disk size: unavailable\n");
    }
    if (info_find(d, "encrypted")) {
        printf("encrypted: yes\n");
    }
    const InfoNode *n = info_find(d, "cluster-size");
    if (n) {
        printf("cluster_size: %" PRId64 "\n", n->num);
    }
    if (info_find(d, "dirty-flag")->flag) {
        printf("cleanly shut down: no\n");
    }
    n = info_find(d, "backing-filename");
    if (n) {
        const InfoNode *full = info_find(d, "full-backing-filename");
        printf("backing file: %s", n->str);
        if (full && strcmp(full->str, n->str)) {
            printf(" (actual path: %s)", full->str);
        }
        printf("\n");
        n = info_find(d, "backing-filename-format");
        if (n) {
            printf("backing file format: %s\n", n->str);
        }
    }
    n = info_find(d, "snapshots");
    if (n) {
        print_snapshot_table(n);
    }
    n = info_find(d, "format-specific");
    if (n) {
        printf("Format specific information:\n");
        info_print_human(stdout, info_find(n, "data"), 4);
    }
}

static int img_info(int argc, char **argv)
{
    bool image_opts = false;
    const char *fmt = NULL;
    OutputFormat ofmt = OFORMAT_HUMAN;
    bool chain = false, force_share = false;
    static const struct option long_options[] = {
        { "help", no_argument, NULL, 'h' },
        { "image-opts", no_argument, NULL, OPTION_IMAGE_OPTS },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, OPTION_OUTPUT },
        { "backing-chain", no_argument, NULL, OPTION_BACKING_CHAIN },
        { "force-share", no_argument, NULL, 'U' },
        { "object", required_argument, NULL, OPTION_OBJECT },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, ":f:hU", long_options, NULL)) != -1) {
        switch (c) {
        case 'f':
            fmt = optarg;
            break;
        case 'U':
            force_share = true;
            break;
        case OPTION_OUTPUT:
            if (!parse_output_format(optarg, &ofmt)) {
                return 1;
            }
            break;
        case OPTION_BACKING_CHAIN:
            chain = true;
            break;
        case 'h':
            printf("usage: qemu-img info [-f fmt] [--output=ofmt] "
                   "[--backing-chain] [-U] filename\n");
            return 0;
        case OPTION_OBJECT:
            if (!img_add_object(optarg)) {
                return 1;
            }
            break;
        case OPTION_IMAGE_OPTS:
            image_opts = true;
            break;
        case ':':
            img_missing_argument(argv[optind - 1]);
            return 1;
        default:
            img_unrecognized_option(argv[optind - 1]);
            return 1;
        }
    }
    if (optind != argc - 1) {
        img_usage_error("Expecting one image file name");
        return 1;
    }
    char *filename = g_strdup(argv[optind]);
    char *cur_fmt = fmt ? g_strdup(fmt) : NULL;
    GPtrArray *infos = g_ptr_array_new();
    GPtrArray *seen = g_ptr_array_new_with_free_func(g_free);
    int ret = 0;
    while (filename) {
        for (guint i = 0; i < seen->len; i++) {
            if (!strcmp(g_ptr_array_index(seen, i), filename)) {
                error_report("Backing file '%s' creates an infinite loop.",
                             filename);
                ret = 1;
                goto done;
            }
        }
        g_ptr_array_add(seen, g_strdup(filename));
        int flags = BDRV_O_NO_BACKING | BDRV_O_NO_IO |
                    (force_share ? BDRV_O_FORCE_SHARE : 0);
        BlockDriverState *bs = img_open_spec(filename, cur_fmt, flags, false,
                                             image_opts);
        image_opts = false;     /* backing files are file names */
        if (!bs) {
            ret = 1;
            goto done;
        }
        Error *err = NULL;
        InfoNode *d = collect_image_info(bs, &err);
        char *next = NULL, *next_fmt = NULL;
        if (chain && bdrv_backing_file_name(bs)[0]) {
            next = bdrv_path_combine(bdrv_filename(bs),
                                     bdrv_backing_file_name(bs));
            if (bdrv_backing_format_name(bs)[0]) {
                next_fmt = g_strdup(bdrv_backing_format_name(bs));
            }
        }
        bdrv_close(bs);
        if (!d) {
            error_report_err(err);
            g_free(next);
            g_free(next_fmt);
            ret = 1;
            goto done;
        }
        g_ptr_array_add(infos, d);
        g_free(filename);
        g_free(cur_fmt);
        filename = next;
        cur_fmt = next_fmt;
    }
done:
    if (ret == 0) {
        if (ofmt == OFORMAT_JSON) {
            if (chain) {
                InfoNode *l = info_new_list();
                for (guint i = 0; i < infos->len; i++) {
                    info_add_node(l, NULL, g_ptr_array_index(infos, i));
                }
                g_ptr_array_set_size(infos, 0);
                info_print_json(stdout, l, 0);
                info_free(l);
            } else {
                info_print_json(stdout, g_ptr_array_index(infos, 0), 0);
            }
            printf("\n");
        } else {
            for (guint i = 0; i < infos->len; i++) {
                if (i) {
                    printf("\n");
                }
                print_image_info_human(g_ptr_array_index(infos, i));
            }
        }
    }
    for (guint i = 0; i < infos->len; i++) {
        info_free(g_ptr_array_index(infos, i));
    }
    g_ptr_array_free(infos, TRUE);
    g_ptr_array_free(seen, TRUE);
    g_free(filename);
    g_free(cur_fmt);
    return ret;
}

/* --- check ------------------------------------------------------------ */

static void check_report_line(void *opaque, const char *line)
{
    fprintf(stderr, "%s\n", line);
}

static void dump_check_human(BdrvCheckResult *r, bool quiet)
{
    if (quiet) {
        return;
    }
    if (!r->corruptions && !r->leaks && !r->check_errors) {
        printf("No errors were found on the image.\n");
    } else {
        if (r->corruptions) {
            printf("\n%d errors were found on the image.\n"
                   "Data may be corrupted, or further writes to the image "
                   "may corrupt it.\n", r->corruptions);
        }
        if (r->leaks) {
            printf("\n%d leaked clusters were found on the image.\n"
                   "This means waste of disk space, but no harm to data.\n",
                   r->leaks);
        }
        if (r->check_errors) {
            printf("\n%d internal errors have occurred during the check.\n",
                   r->check_errors);
        }
    }
    if (r->bfi.total_clusters != 0 && r->bfi.allocated_clusters != 0) {
        printf("%" PRIu64 "/%" PRIu64 " = %0.2f%% allocated, %0.2f%% fragmented, "
               "%0.2f%% compressed clusters\n",
               r->bfi.allocated_clusters, r->bfi.total_clusters,
               r->bfi.allocated_clusters * 100.0 / r->bfi.total_clusters,
               r->bfi.fragmented_clusters * 100.0 / r->bfi.allocated_clusters,
               r->bfi.compressed_clusters * 100.0 / r->bfi.allocated_clusters);
    }
    if (r->image_end_offset) {
        printf("Image end offset: %" PRId64 "\n", r->image_end_offset);
    }
}

static void dump_check_json(BdrvCheckResult *r, const char *filename,
                            const char *format)
{
    InfoNode *d = info_new_dict();
    info_add_str(d, "filename", filename);
    info_add_str(d, "format", format);
    info_add_int(d, "check-errors", r->check_errors);
    if (r->corruptions) {
        info_add_int(d, "corruptions", r->corruptions);
    }
    if (r->leaks) {
        info_add_int(d, "leaks", r->leaks);
    }
    if (r->corruptions_fixed) {
        info_add_int(d, "corruptions-fixed", r->corruptions_fixed);
    }
    if (r->leaks_fixed) {
        info_add_int(d, "leaks-fixed", r->leaks_fixed);
    }
    if (r->image_end_offset) {
        info_add_int(d, "image-end-offset", r->image_end_offset);
    }
    if (r->bfi.total_clusters) {
        info_add_int(d, "total-clusters", (int64_t)r->bfi.total_clusters);
    }
    if (r->bfi.allocated_clusters) {
        info_add_int(d, "allocated-clusters", (int64_t)r->bfi.allocated_clusters);
    }
    if (r->bfi.fragmented_clusters) {
        info_add_int(d, "fragmented-clusters",
                     (int64_t)r->bfi.fragmented_clusters);
    }
    if (r->bfi.compressed_clusters) {
        info_add_int(d, "compressed-clusters",
                     (int64_t)r->bfi.compressed_clusters);
    }
    info_print_json(stdout, d, 0);
    printf("\n");
    info_free(d);
}

static int img_check(int argc, char **argv)
{
    bool image_opts = false;
    const char *fmt = NULL, *cache = NULL;
    OutputFormat ofmt = OFORMAT_HUMAN;
    bool quiet = false, force_share = false;
    int fix = 0;
    static const struct option long_options[] = {
        { "help", no_argument, NULL, 'h' },
        { "image-opts", no_argument, NULL, OPTION_IMAGE_OPTS },
        { "format", required_argument, NULL, 'f' },
        { "repair", required_argument, NULL, 'r' },
        { "output", required_argument, NULL, OPTION_OUTPUT },
        { "force-share", no_argument, NULL, 'U' },
        { "object", required_argument, NULL, OPTION_OBJECT },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, ":hf:r:T:qU", long_options, NULL))
           != -1) {
        switch (c) {
        case 'f':
            fmt = optarg;
            break;
        case 'r':
            if (!strcmp(optarg, "leaks")) {
                fix = BDRV_FIX_LEAKS;
            } else if (!strcmp(optarg, "all")) {
                fix = BDRV_FIX_LEAKS | BDRV_FIX_ERRORS;
            } else {
                img_usage_error("Unknown option value for -r (expecting 'leaks' "
                             "or 'all'): %s", optarg);
                return 1;
            }
            break;
        case 'T':
            cache = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case 'U':
            force_share = true;
            break;
        case OPTION_OUTPUT:
            if (!parse_output_format(optarg, &ofmt)) {
                return 1;
            }
            break;
        case 'h':
            printf("usage: qemu-img check [-q] [-f fmt] [--output=ofmt] "
                   "[-r [leaks | all]] [-T src_cache] [-U] filename\n");
            return 0;
        case OPTION_OBJECT:
            if (!img_add_object(optarg)) {
                return 1;
            }
            break;
        case OPTION_IMAGE_OPTS:
            image_opts = true;
            break;
        case ':':
            img_missing_argument(argv[optind - 1]);
            return 1;
        default:
            img_unrecognized_option(argv[optind - 1]);
            return 1;
        }
    }
    if (optind != argc - 1) {
        img_usage_error("Expecting one image file name");
        return 1;
    }
    if (fix && force_share) {
        error_report("--force-share/-U is not allowed when repairing");
        return 1;
    }
    const char *filename = argv[optind];
    /* The backing chain is opened too: as QEMU, an image whose backing
     * file is missing fails the check (exit 1). */
    int flags = BDRV_O_CHECK |
                (fix ? BDRV_O_RDWR : 0) | (force_share ? BDRV_O_FORCE_SHARE : 0);
    bool wt;
    if (cache && !img_parse_cache(cache, &flags, &wt)) {
        error_report("Invalid source cache option: %s", cache);
        return 1;
    }
    BlockDriverState *bs = img_open_spec(filename, fmt, flags, quiet,
                                         image_opts);
    if (!bs) {
        return 1;
    }
    BdrvCheckResult r = { .report = check_report_line };
    /*
     * A driver may support checking only some of its images (vmdk checks
     * and repairs seSparse extents only): -ENOTSUP from the check itself
     * means the same as having no check at all, as in QEMU (exit 63).
     */
    int ret = bdrv_can_check(bs) ? bdrv_check(bs, &r, fix) : -ENOTSUP;
    if (ret == -ENOTSUP) {
        error_report("This image format does not support checks");
        bdrv_close(bs);
        return 63;
    }
    if (ret == 0 && fix && (r.corruptions_fixed || r.leaks_fixed)) {
        int leaks_fixed = r.leaks_fixed, corr_fixed = r.corruptions_fixed;
        if (ofmt == OFORMAT_HUMAN && !quiet) {
            printf("The following inconsistencies were found and repaired:\n\n"
                   "    %d leaked clusters\n"
                   "    %d corruptions\n\n"
                   "Double checking the fixed image now...\n",
                   r.leaks_fixed, r.corruptions_fixed);
        }
        ret = bdrv_check(bs, &r, 0);
        r.leaks_fixed = leaks_fixed;
        r.corruptions_fixed = corr_fixed;
    }
    if (ret < 0) {
        error_report("Check failed: %s", strerror(-ret));
        bdrv_close(bs);
        return 1;
    }
    if (ofmt == OFORMAT_JSON) {
        dump_check_json(&r, filename, bdrv_get_format_name(bs));
    } else {
        dump_check_human(&r, quiet);
    }
    bdrv_close(bs);
    if (r.check_errors) {
        return 1;
    }
    if (r.corruptions) {
        return 2;
    }
    if (r.leaks) {
        return 3;
    }
    return 0;
}

/* --- map -------------------------------------------------------------- */

typedef struct MapEntry {
    int64_t start;
    int64_t length;
    int depth;
    bool present, zero, data, has_offset;
    int64_t offset;
    const char *filename;
} MapEntry;

static void dump_map_entry(OutputFormat ofmt, const MapEntry *e, bool first,
                           bool last)
{
    if (ofmt == OFORMAT_HUMAN) {
        if (e->data && !e->zero) {
            printf("%#-16" PRIx64 "%#-16" PRIx64 "%#-16" PRIx64 "%s\n",
                   (uint64_t)e->start, (uint64_t)e->length,
                   (uint64_t)(e->has_offset ? e->offset : 0), e->filename);
        }
        return;
    }
    printf("%s{ \"start\": %" PRId64 ", \"length\": %" PRId64 ", "
           "\"depth\": %d, \"present\": %s, \"zero\": %s, \"data\": %s",
           first ? "[" : "", e->start, e->length, e->depth,
           e->present ? "true" : "false", e->zero ? "true" : "false",
           e->data ? "true" : "false");
    if (e->has_offset) {
        printf(", \"offset\": %" PRId64, e->offset);
    }
    printf("}%s\n", last ? "]" : ",");
}

static int get_map_entry(BlockDriverState *bs, int64_t offset, int64_t bytes,
                         MapEntry *e)
{
    int64_t pnum, map = 0;
    BlockDriverState *file = NULL;
    int depth = 0;
    int ret = bdrv_block_status_above(bs, NULL, offset, bytes, &pnum, &map,
                                      &file, &depth);
    if (ret < 0) {
        return ret;
    }
    *e = (MapEntry) {
        .start = offset,
        .length = pnum,
        .depth = depth,
        .present = ret & BDRV_BLOCK_ALLOCATED,
        .zero = ret & BDRV_BLOCK_ZERO,
        .data = ret & BDRV_BLOCK_DATA,
        .has_offset = ret & BDRV_BLOCK_OFFSET_VALID,
        .offset = map,
        .filename = file ? bdrv_filename(file) : NULL,
    };
    if (!e->has_offset) {
        e->offset = 0;
    }
    return 0;
}

static bool entry_mergeable(const MapEntry *a, const MapEntry *b)
{
    if (a->present != b->present || a->zero != b->zero || a->data != b->data ||
        a->depth != b->depth || a->has_offset != b->has_offset) {
        return false;
    }
    if (a->has_offset && a->offset + a->length != b->offset) {
        return false;
    }
    if ((a->filename == NULL) != (b->filename == NULL)) {
        return false;
    }
    return !a->filename || !strcmp(a->filename, b->filename);
}

static int img_map(int argc, char **argv)
{
    bool image_opts = false;
    const char *fmt = NULL;
    OutputFormat ofmt = OFORMAT_HUMAN;
    bool force_share = false;
    int64_t start = 0, max_len = -1;
    static const struct option long_options[] = {
        { "help", no_argument, NULL, 'h' },
        { "image-opts", no_argument, NULL, OPTION_IMAGE_OPTS },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, OPTION_OUTPUT },
        { "force-share", no_argument, NULL, 'U' },
        { "start-offset", required_argument, NULL, OPTION_START_OFFSET },
        { "max-length", required_argument, NULL, OPTION_MAX_LENGTH },
        { "object", required_argument, NULL, OPTION_OBJECT },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, ":f:hU", long_options, NULL)) != -1) {
        switch (c) {
        case 'f':
            fmt = optarg;
            break;
        case 'U':
            force_share = true;
            break;
        case OPTION_OUTPUT:
            if (!parse_output_format(optarg, &ofmt)) {
                return 1;
            }
            break;
        case OPTION_START_OFFSET:
            start = img_parse_number("start offset", optarg);
            if (start < 0) {
                return 1;
            }
            break;
        case OPTION_MAX_LENGTH:
            max_len = img_parse_number("max length", optarg);
            if (max_len < 0) {
                return 1;
            }
            break;
        case 'h':
            printf("usage: qemu-img map [-f fmt] [--start-offset=offset] "
                   "[--max-length=len] [--output=ofmt] [-U] filename\n");
            return 0;
        case OPTION_OBJECT:
            if (!img_add_object(optarg)) {
                return 1;
            }
            break;
        case OPTION_IMAGE_OPTS:
            image_opts = true;
            break;
        case ':':
            img_missing_argument(argv[optind - 1]);
            return 1;
        default:
            img_unrecognized_option(argv[optind - 1]);
            return 1;
        }
    }
    if (optind != argc - 1) {
        img_usage_error("Expecting one image file name");
        return 1;
    }
    BlockDriverState *bs = img_open_spec(argv[optind], fmt,
                                         force_share ? BDRV_O_FORCE_SHARE : 0,
                                         false, image_opts);
    if (!bs) {
        return 1;
    }
    int64_t len = bdrv_getlength(bs);
    int64_t end = max_len >= 0 && start + max_len < len ? start + max_len : len;
    if (ofmt == OFORMAT_HUMAN) {
        printf("%-16s%-16s%-16s%s\n", "Offset", "Length", "Mapped to", "File");
    }
    MapEntry cur = { 0 }, next;
    bool have = false, first = true;
    int ret = 0;
    for (int64_t off = start; off < end;) {
        int64_t n = MIN(end - off, (int64_t)1 << 30);
        ret = get_map_entry(bs, off, n, &next);
        if (ret < 0) {
            error_report("Could not read file metadata: %s", strerror(-ret));
            break;
        }
        if (next.length <= 0) {
            break;
        }
        if (ofmt == OFORMAT_HUMAN && next.data && !next.has_offset) {
            error_report("File contains external, encrypted or compressed "
                         "clusters.");
            ret = -EINVAL;
            break;
        }
        if (have && entry_mergeable(&cur, &next)) {
            cur.length += next.length;
        } else {
            if (have) {
                dump_map_entry(ofmt, &cur, first, false);
                first = false;
            }
            cur = next;
            have = true;
        }
        off += next.length;
    }
    if (ret == 0 && have) {
        dump_map_entry(ofmt, &cur, first, true);
    } else if (ret == 0 && ofmt == OFORMAT_JSON) {
        printf("[]\n");
    }
    bdrv_close(bs);
    return ret < 0 ? 1 : 0;
}

/* --- compare ---------------------------------------------------------- */

/* Offset of the first differing 512-byte block, or -1 when equal. */
/*
 * One layer's status as QEMU's block layer reports it to compare: VMDK
 * answers one grain at a time there (our driver merges runs), and
 * BDRV_BLOCK_EOF means "this range reaches the end of this layer".
 */
static int compare_layer_status(BlockDriverState *bs, int64_t off,
                                int64_t bytes, int64_t *pnum)
{
    int ret = bdrv_block_status(bs, off, bytes, pnum, NULL, NULL);
    if (ret < 0 || *pnum <= 0 || strcmp(bdrv_get_format_name(bs), "vmdk")) {
        return ret;
    }
    BlockDriverInfo bdi;
    if (bdrv_get_info(bs, &bdi) == 0 && bdi.cluster_size > 0) {
        int64_t grain_end = off - off % bdi.cluster_size + bdi.cluster_size;
        if (off + *pnum > grain_end) {
            *pnum = grain_end - off;
            ret &= ~BDRV_BLOCK_EOF;
        }
    }
    return ret;
}

/*
 * The status word QEMU 7.2's compare sees for @bs at @off (its
 * bdrv_block_status_above): the first layer that allocates the range
 * answers (without its EOF flag); a range unallocated in the whole chain
 * keeps the lowest layer's answer; past the end of a shorter backing
 * file the range reads as allocated zeros; EOF is added when the range
 * reaches the end of @bs.
 */
static int compare_status_above(BlockDriverState *bs, int64_t off,
                                 int64_t bytes, int64_t *pnum)
{
    int64_t len = bdrv_getlength(bs);
    if (len < 0) {
        return (int)len;
    }
    int ret = compare_layer_status(bs, off, bytes, pnum);
    if (ret < 0 || *pnum <= 0 || (ret & BDRV_BLOCK_ALLOCATED)) {
        return ret;
    }
    bytes = *pnum;
    for (BlockDriverState *p = bdrv_backing(bs); p; p = bdrv_backing(p)) {
        int64_t plen = bdrv_getlength(p), n;
        if (plen < 0) {
            return (int)plen;
        }
        if (off >= plen) {
            ret = BDRV_BLOCK_ZERO | BDRV_BLOCK_ALLOCATED;
            break;
        }
        ret = compare_layer_status(p, off, bytes, &n);
        if (ret < 0) {
            return ret;
        }
        bytes = n;
        if (ret & BDRV_BLOCK_ALLOCATED) {
            ret &= ~BDRV_BLOCK_EOF;
            break;
        }
    }
    *pnum = bytes;
    if (off + bytes == len) {
        ret |= BDRV_BLOCK_EOF;
    }
    return ret;
}

static int64_t first_mismatch(const uint8_t *a, const uint8_t *b, int64_t n)
{
    for (int64_t i = 0; i < n; i += 512) {
        int64_t m = MIN(512, n - i);
        if (memcmp(a + i, b + i, m)) {
            return i;
        }
    }
    return -1;
}

/* Does [off, off+len) of @bs read as zeros?  Returns first nonzero or -1. */
static int64_t check_zero_area(BlockDriverState *bs, int64_t off, int64_t len,
                               uint8_t *buf, int64_t bufsize, int *err)
{
    int64_t end = off + len;
    while (off < end) {
        int64_t pnum;
        int ret = bdrv_block_status_above(bs, NULL, off, end - off, &pnum, NULL,
                                          NULL, NULL);
        if (ret < 0) {
            *err = ret;
            return -1;
        }
        if (ret & BDRV_BLOCK_ZERO) {
            off += pnum;
            continue;
        }
        int64_t n = MIN(pnum, bufsize);
        ret = bdrv_pread(bs, off, n, buf, 0);
        if (ret < 0) {
            *err = ret;
            return -1;
        }
        for (int64_t i = 0; i < n; i += 512) {
            if (!buffer_is_zero(buf + i, MIN(512, n - i))) {
                return off + i;
            }
        }
        off += n;
    }
    return -1;
}

static int img_compare(int argc, char **argv)
{
    bool image_opts = false;
    const char *fmt1 = NULL, *fmt2 = NULL;
    bool strict = false, quiet = false, progress = false, force_share = false;
    static const struct option long_options[] = {
        { "help", no_argument, NULL, 'h' },
        { "image-opts", no_argument, NULL, OPTION_IMAGE_OPTS },
        { "force-share", no_argument, NULL, 'U' },
        { "object", required_argument, NULL, OPTION_OBJECT },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, ":hf:F:T:pqsU", long_options, NULL))
           != -1) {
        switch (c) {
        case 'f':
            fmt1 = optarg;
            break;
        case 'F':
            fmt2 = optarg;
            break;
        case 'T':
            break;
        case 'p':
            progress = true;
            break;
        case 'q':
            quiet = true;
            break;
        case 's':
            strict = true;
            break;
        case 'U':
            force_share = true;
            break;
        case 'h':
            printf("usage: qemu-img compare [-f fmt] [-F fmt] [-T src_cache] "
                   "[-p] [-q] [-s] [-U] filename1 filename2\n");
            return 0;
        case OPTION_OBJECT:
            if (!img_add_object(optarg)) {
                return 1;
            }
            break;
        case OPTION_IMAGE_OPTS:
            image_opts = true;
            break;
        case ':':
            img_missing_argument(argv[optind - 1]);
            return 1;
        default:
            img_unrecognized_option(argv[optind - 1]);
            return 1;
        }
    }
    if (quiet) {
        progress = false;
    }
    if (optind != argc - 2) {
        img_usage_error("Expecting two image file names");
        return 1;
    }
    const char *f1 = argv[optind], *f2 = argv[optind + 1];
    int flags = force_share ? BDRV_O_FORCE_SHARE : 0;
    BlockDriverState *bs1 = img_open_spec(f1, fmt1, flags, quiet, image_opts);
    if (!bs1) {
        return 2;
    }
    BlockDriverState *bs2 = img_open_spec(f2, fmt2, flags, quiet, image_opts);
    if (!bs2) {
        bdrv_close(bs1);
        return 2;
    }
    int64_t len1 = bdrv_getlength(bs1), len2 = bdrv_getlength(bs2);
    int64_t common = MIN(len1, len2);
    const int64_t bufsize = 2 * MiB;
    uint8_t *b1 = g_malloc(bufsize), *b2 = g_malloc(bufsize);
    int ret = 0, err = 0;
    img_progress_init(progress);
    if (strict && len1 != len2) {
        if (!quiet) {
            printf("Strict mode: Image size mismatch!\n");
        }
        ret = 1;
        goto out;
    }
    /*
     * As QEMU: each image is asked about the range up to its own end (so
     * BDRV_BLOCK_EOF means the same in both), strict mode requires equal
     * status words, ranges allocated in one image only must read as zeros
     * in it, and ranges allocated in neither are not read.
     */
    for (int64_t off = 0; off < common;) {
        int64_t p1, p2;
        int s1 = compare_status_above(bs1, off, len1 - off, &p1);
        if (s1 < 0) {
            error_report("Sector allocation test failed for %s", f1);
            ret = 3;
            goto out;
        }
        int s2 = compare_status_above(bs2, off, len2 - off, &p2);
        if (s2 < 0) {
            error_report("Sector allocation test failed for %s", f2);
            ret = 3;
            goto out;
        }
        int64_t n = MIN(MIN(p1, p2), common - off);
        bool a1 = s1 & BDRV_BLOCK_ALLOCATED, a2 = s2 & BDRV_BLOCK_ALLOCATED;
        if (strict && s1 != s2) {
            if (!quiet) {
                printf("Strict mode: Offset %" PRId64 " block status "
                       "mismatch!\n", off);
            }
            ret = 1;
            goto out;
        }
        if ((s1 & BDRV_BLOCK_ZERO) && (s2 & BDRV_BLOCK_ZERO)) {
            off += n;
            continue;
        }
        if (a1 != a2) {
            /* Allocated on one side only: it must read as zeros there. */
            n = MIN(n, bufsize);
            int r = bdrv_pread(a1 ? bs1 : bs2, off, n, b1, 0);
            if (r < 0) {
                error_report("Error while reading offset %" PRId64 " of %s: %s",
                             off, a1 ? f1 : f2, strerror(-r));
                ret = 4;
                goto out;
            }
            for (int64_t i = 0; i < n; i += 512) {
                if (!buffer_is_zero(b1 + i, MIN(512, n - i))) {
                    if (!quiet) {
                        printf("Content mismatch at offset %" PRId64 "!\n",
                               off + i);
                    }
                    ret = 1;
                    goto out;
                }
            }
        } else if (a1) {
            n = MIN(n, bufsize);
            int r = bdrv_pread(bs1, off, n, b1, 0);
            if (r < 0) {
                error_report("Error while reading offset %" PRId64 " of %s: %s",
                             off, f1, strerror(-r));
                ret = 4;
                goto out;
            }
            r = bdrv_pread(bs2, off, n, b2, 0);
            if (r < 0) {
                error_report("Error while reading offset %" PRId64 " of %s: %s",
                             off, f2, strerror(-r));
                ret = 4;
                goto out;
            }
            int64_t m = first_mismatch(b1, b2, n);
            if (m >= 0) {
                if (!quiet) {
                    printf("Content mismatch at offset %" PRId64 "!\n", off + m);
                }
                ret = 1;
                goto out;
            }
        }
        off += n;
        img_progress_print(off * 100.0 / MAX(len1, len2));
    }
    if (len1 != len2) {
        if (!quiet) {
            printf("Warning: Image size mismatch!\n");
        }
        BlockDriverState *longer = len1 > len2 ? bs1 : bs2;
        int64_t m = check_zero_area(longer, common, MAX(len1, len2) - common,
                                    b1, bufsize, &err);
        if (err < 0) {
            error_report("Error while reading offset %" PRId64 ": %s", common,
                         strerror(-err));
            ret = 4;
            goto out;
        }
        if (m >= 0) {
            if (!quiet) {
                printf("Content mismatch at offset %" PRId64 "!\n", m);
            }
            ret = 1;
            goto out;
        }
    }
    if (!quiet) {
        img_progress_end();
        progress = false;
        printf("Images are identical.\n");
    }
out:
    g_free(b1);
    g_free(b2);
    bdrv_close(bs1);
    bdrv_close(bs2);
    return ret;
}

/* --- snapshot --------------------------------------------------------- */

static void help(void);

/*
 * snapshot -l lists internal snapshots as QEMU 7.2 does (nothing at all
 * for an image without any); -c creates one (VM-state-free, dated now),
 * -a reverts the image to one (found by ID, then by name), -d deletes one
 * (found by name only, as QEMU 7.2's bdrv_snapshot_find).  Messages and
 * exit codes are QEMU 7.2's.
 */
static int img_snapshot(int argc, char **argv)
{
    bool image_opts = false;
    enum { SN_NONE, SN_LIST, SN_APPLY, SN_CREATE, SN_DELETE } action = SN_NONE;
    const char *name = NULL;
    bool quiet = false, force_share = false;
    static const struct option long_options[] = {
        { "help", no_argument, NULL, 'h' },
        { "image-opts", no_argument, NULL, OPTION_IMAGE_OPTS },
        { "object", required_argument, NULL, OPTION_OBJECT },
        { "force-share", no_argument, NULL, 'U' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, ":la:c:d:hqU", long_options, NULL))
           != -1) {
        switch (c) {
        case 'l':
        case 'a':
        case 'c':
        case 'd':
            if (action != SN_NONE) {
                img_usage_error("Cannot mix '-l', '-a', '-c', '-d'");
                return 1;
            }
            action = c == 'l' ? SN_LIST : c == 'a' ? SN_APPLY
                     : c == 'c' ? SN_CREATE : SN_DELETE;
            name = c == 'l' ? NULL : optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case 'U':
            force_share = true;
            break;
        case 'h':
            help();
            return 0;
        case OPTION_OBJECT:
            if (!img_add_object(optarg)) {
                return 1;
            }
            break;
        case OPTION_IMAGE_OPTS:
            image_opts = true;
            break;
        case ':':
            img_missing_argument(argv[optind - 1]);
            return 1;
        default:
            img_unrecognized_option(argv[optind - 1]);
            return 1;
        }
    }
    if (optind != argc - 1) {
        img_usage_error("Expecting one image file name");
        return 1;
    }
    const char *filename = argv[optind];
    bool writes = action == SN_APPLY || action == SN_CREATE ||
                  action == SN_DELETE;
    if (writes && force_share) {
        error_report("Could not open '%s': force-share=on can only be used "
                     "with read-only images", filename);
        return 1;
    }
    int flags = force_share ? BDRV_O_FORCE_SHARE : 0;
    if (writes) {
        flags |= BDRV_O_RDWR;
    }
    BlockDriverState *bs = img_open_spec(filename, NULL, flags, quiet,
                                         image_opts);
    if (!bs) {
        return 1;
    }
    int ret = 0;
    Error *err = NULL;
    if (action == SN_CREATE) {
        QEMUSnapshotInfo sn;
        memset(&sn, 0, sizeof(sn));     /* icount 0, as QEMU's qemu-img */
        g_strlcpy(sn.name, name, sizeof(sn.name));
        int64_t now = g_get_real_time();
        sn.date_sec = (uint32_t)(now / G_USEC_PER_SEC);
        sn.date_nsec = (uint32_t)(now % G_USEC_PER_SEC * 1000);
        int r = bdrv_snapshot_create(bs, &sn, &err);
        if (r < 0) {
            error_free(err);
            error_report("Could not create snapshot '%s': %d (%s)", name, r,
                         strerror(-r));
            ret = 1;
        }
    } else if (action == SN_APPLY) {
        if (bdrv_snapshot_goto(bs, name, &err) < 0) {
            error_prepend(&err, "Could not apply snapshot '%s': ", name);
            error_report_err(err);
            ret = 1;
        }
    } else if (action == SN_DELETE) {
        QEMUSnapshotInfo *list;
        int nb = bdrv_snapshot_list(bs, &list);
        int found = -1;
        for (int i = 0; i < nb && found < 0; i++) {
            if (!strcmp(list[i].name, name)) {
                found = i;
            }
        }
        if (found < 0) {
            error_report("Could not delete snapshot '%s': snapshot not found",
                         name);
            ret = 1;
        } else if (bdrv_snapshot_delete(bs, list[found].id_str,
                                        list[found].name, &err) < 0) {
            error_prepend(&err, "Could not delete snapshot '%s': ", name);
            error_report_err(err);
            ret = 1;
        }
        g_free(list);
    } else if (action == SN_LIST) {
        InfoNode *d = collect_image_info(bs, &err);
        if (!d) {
            error_report_err(err);
            bdrv_close(bs);
            return 1;
        }
        const InfoNode *list = info_find(d, "snapshots");
        if (list) {
            print_snapshot_table(list);
        }
        info_free(d);
    }
    bdrv_close(bs);
    return ret;
}

/* --- amend ------------------------------------------------------------ */

static int print_amend_help(const char *fmt)
{
    BlockDriver *drv = bdrv_find_format(fmt);
    if (!drv) {
        error_report("Unknown file format '%s'", fmt);
        return 1;
    }
    const QemuOptsList *list = bdrv_amend_opts(drv);
    if (!list) {
        error_report("Format driver '%s' does not support option amendment",
                     fmt);
        return 1;
    }
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    add_opt_help_lines(lines, list, NULL, NULL);
    g_ptr_array_sort(lines, compare_strings);
    printf("Amend options for '%s':\n", fmt);
    for (guint i = 0; i < lines->len; i++) {
        printf("%s\n", (char *)g_ptr_array_index(lines, i));
    }
    g_ptr_array_free(lines, TRUE);
    return 0;
}

/*
 * amend: change format options of an existing image (qcow2: compat,
 * refcount_bits, lazy_refcounts, size, LUKS key slots), with QEMU 7.2's
 * messages.  An option that only creation takes gets QEMU's hint.
 * --force allows the unsafe key slot changes: overwriting an active slot,
 * erasing the last one.
 */
static void amend_status(BlockDriverState *bs, int64_t done, int64_t total,
                         void *opaque)
{
    img_progress_report(100.f * done / total);
}

static int img_amend(int argc, char **argv)
{
    bool image_opts = false;
    const char *fmt = NULL, *cache = "writeback";
    char *options = NULL;
    bool progress = false, quiet = false, force = false;
    static const struct option long_options[] = {
        { "help", no_argument, NULL, 'h' },
        { "image-opts", no_argument, NULL, OPTION_IMAGE_OPTS },
        { "object", required_argument, NULL, OPTION_OBJECT },
        { "force", no_argument, NULL, OPTION_FORCE },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, ":ho:f:t:pq", long_options, NULL))
           != -1) {
        switch (c) {
        case 'h':
            help();
            g_free(options);
            return 0;
        case 'o':
            if (!img_accumulate_options(&options, optarg)) {
                g_free(options);
                return 1;
            }
            break;
        case 'f':
            fmt = optarg;
            break;
        case 't':
            cache = optarg;
            break;
        case 'p':
            progress = true;
            break;
        case 'q':
            quiet = true;
            break;
        case OPTION_FORCE:
            force = true;
            break;
        case OPTION_OBJECT:
            if (!img_add_object(optarg)) {
                g_free(options);
                return 1;
            }
            break;
        case OPTION_IMAGE_OPTS:
            image_opts = true;
            break;
        case ':':
            img_missing_argument(argv[optind - 1]);
            g_free(options);
            return 1;
        default:
            img_unrecognized_option(argv[optind - 1]);
            g_free(options);
            return 1;
        }
    }
    if (!options) {
        img_usage_error("Must specify options (-o)");
        return 1;
    }
    if (quiet) {
        progress = false;
    }
    int ret = 1;
    BlockDriverState *bs = NULL;
    QemuOpts *opts = NULL;
    if (fmt && has_help_option(options)) {
        ret = print_amend_help(fmt);
        goto out;
    }
    if (optind != argc - 1) {
        error_report("Expecting one image file name");
        goto out;
    }
    const char *filename = argv[optind];
    int flags = BDRV_O_RDWR;
    bool wt;
    if (!img_parse_cache(cache, &flags, &wt)) {
        error_report("Invalid cache option: %s", cache);
        goto out;
    }
    if (wt) {
        flags |= BDRV_O_WRITETHROUGH;
    }
    bs = img_open_spec(filename, fmt, flags, quiet, image_opts);
    if (!bs) {
        goto out;
    }
    fmt = bdrv_get_format_name(bs);
    if (has_help_option(options)) {
        ret = print_amend_help(fmt);
        goto out;
    }
    const QemuOptsList *list = bdrv_amend_opts(bs->drv);
    if (!list) {
        error_report("Format driver '%s' does not support option amendment",
                     fmt);
        goto out;
    }
    Error *err = NULL;
    opts = qemu_opts_parse(list, options, &err);
    if (!opts) {
        /* QEMU's hint when the option exists for creation only. */
        QemuOptsList *both = g_new0(QemuOptsList, 1);
        both->name = list->name;
        qemu_opts_list_append(both, list);
        if (bdrv_create_opts(bs->drv)) {
            qemu_opts_list_append(both, bdrv_create_opts(bs->drv));
        }
        QemuOpts *o = qemu_opts_parse(both, options, NULL);
        if (o) {
            error_append_hint(&err, "This option is only supported for image "
                              "creation\n");
            qemu_opts_del(o);
        }
        g_free(both);
        error_report_err(err);
        goto out;
    }
    img_progress_init(progress);
    int r = bdrv_amend_options(bs, opts, force, amend_status, NULL, &err);
    img_progress_end();
    if (r < 0) {
        error_report_err(err);
        goto out;
    }
    ret = 0;
out:
    if (opts) {
        qemu_opts_del(opts);
    }
    bdrv_close(bs);
    g_free(options);
    return ret;
}

/* --- resize ----------------------------------------------------------- */

static int img_resize(int argc, char **argv)
{
    bool image_opts = false;
    const char *fmt = NULL;
    bool quiet = false, shrink = false;
    int prealloc = PREALLOC_MODE_OFF;
    static const struct option long_options[] = {
        { "help", no_argument, NULL, 'h' },
        { "image-opts", no_argument, NULL, OPTION_IMAGE_OPTS },
        { "preallocation", required_argument, NULL, OPTION_PREALLOCATION },
        { "shrink", no_argument, NULL, OPTION_SHRINK },
        { "object", required_argument, NULL, OPTION_OBJECT },
        { NULL, 0, NULL, 0 },
    };
    /* A leading '-' in "-1G" would look like an option: take it last. */
    if (argc < 3) {
        img_usage_error("Not enough arguments");
        return 1;
    }
    const char *size_arg = argv[argc - 1];
    argc--;
    int c;
    while ((c = getopt_long(argc, argv, ":f:hq", long_options, NULL)) != -1) {
        switch (c) {
        case 'f':
            fmt = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case OPTION_PREALLOCATION:
            prealloc = prealloc_mode_parse(optarg);
            if (prealloc < 0) {
                error_report("Invalid preallocation mode '%s'", optarg);
                return 1;
            }
            break;
        case OPTION_SHRINK:
            shrink = true;
            break;
        case 'h':
            printf("usage: qemu-img resize [-f fmt] [--preallocation=prealloc] "
                   "[-q] [--shrink] filename [+ | -]size\n");
            return 0;
        case OPTION_OBJECT:
            if (!img_add_object(optarg)) {
                return 1;
            }
            break;
        case OPTION_IMAGE_OPTS:
            image_opts = true;
            break;
        case ':':
            img_missing_argument(argv[optind - 1]);
            return 1;
        default:
            img_unrecognized_option(argv[optind - 1]);
            return 1;
        }
    }
    if (optind != argc - 1) {
        img_usage_error("Expecting image file name and size");
        return 1;
    }
    const char *filename = argv[optind];
    int relative = 0;
    if (size_arg[0] == '+') {
        relative = 1;
        size_arg++;
    } else if (size_arg[0] == '-') {
        relative = -1;
        size_arg++;
    }
    uint64_t n;
    const char *end;
    if (qemu_strtosz(size_arg, &end, &n) < 0 || *end || n > INT64_MAX) {
        error_report("Parameter 'size' expects a non-negative number below "
                     "2^64");
        fprintf(stderr, "Optional suffix k, M, G, T, P or E means kilo-, "
                "mega-, giga-, tera-, peta-\nand exabytes, respectively.\n");
        return 1;
    }
    BlockDriverState *bs = img_open_spec(filename, fmt, BDRV_O_RDWR, quiet,
                                         image_opts);
    if (!bs) {
        return 1;
    }
    int64_t cur = bdrv_getlength(bs);
    int64_t total = relative == 0 ? (int64_t)n
                    : relative > 0 ? cur + (int64_t)n : cur - (int64_t)n;
    int ret = 1;
    if (total < 0) {
        error_report("New image size must be positive");
        goto out;
    }
    if (total < cur && !shrink) {
        error_report("Use the --shrink option to perform a shrink operation.");
        warn_report("Shrinking an image will delete all data beyond the "
                    "shrunken image's end. Before performing such an "
                    "operation, make sure there is no important data there.");
        goto out;
    }
    if (total < cur && prealloc != PREALLOC_MODE_OFF) {
        error_report("Preallocation can only be used for growing images");
        goto out;
    }
    Error *err = NULL;
    if (bdrv_truncate(bs, total, true, prealloc, &err) < 0) {
        error_report_err(err);
        goto out;
    }
    if (bdrv_flush(bs) < 0) {
        error_report("Failed to flush the image");
        goto out;
    }
    if (!quiet) {
        printf("Image resized.\n");
    }
    ret = 0;
out:
    bdrv_close(bs);
    return ret;
}

/* --- measure ---------------------------------------------------------- */

static int img_measure(int argc, char **argv)
{
    bool image_opts = false;
    const char *fmt = NULL, *out_fmt = "raw";
    char *options = NULL;
    OutputFormat ofmt = OFORMAT_HUMAN;
    int64_t size = -1;
    bool force_share = false;
    QemuOpts *sn_opts = NULL;
    const char *snapshot_name = NULL;
    static const struct option long_options[] = {
        { "help", no_argument, NULL, 'h' },
        { "image-opts", no_argument, NULL, OPTION_IMAGE_OPTS },
        { "output", required_argument, NULL, OPTION_OUTPUT },
        { "size", required_argument, NULL, OPTION_SIZE },
        { "force-share", no_argument, NULL, 'U' },
        { "object", required_argument, NULL, OPTION_OBJECT },
        { NULL, 0, NULL, 0 },
    };
    int c, ret = 1;
    while ((c = getopt_long(argc, argv, ":hf:O:o:l:U", long_options, NULL))
           != -1) {
        switch (c) {
        case 'f':
            fmt = optarg;
            break;
        case 'O':
            out_fmt = optarg;
            break;
        case 'o':
            if (!img_accumulate_options(&options, optarg)) {
                goto out_opts;
            }
            break;
        case 'U':
            force_share = true;
            break;
        case 'l':
            if (!img_snapshot_param_parse(optarg, &sn_opts, &snapshot_name)) {
                goto out_opts;
            }
            break;
        case OPTION_OUTPUT:
            if (!parse_output_format(optarg, &ofmt)) {
                goto out_opts;
            }
            break;
        case OPTION_SIZE:
            size = img_parse_size(optarg);
            if (size < 0) {
                goto out_opts;
            }
            break;
        case 'h':
            printf("usage: qemu-img measure [--output=ofmt] [-O output_fmt] "
                   "[-o options] [--size N | [-f fmt] filename]\n");
            ret = 0;
            goto out_opts;
        case OPTION_OBJECT:
            if (!img_add_object(optarg)) {
                goto out_opts;
            }
            break;
        case OPTION_IMAGE_OPTS:
            image_opts = true;
            break;
        case ':':
            img_missing_argument(argv[optind - 1]);
            goto out_opts;
        default:
            img_unrecognized_option(argv[optind - 1]);
            goto out_opts;
        }
    }
    const char *filename = optind < argc ? argv[optind] : NULL;
    if (filename && size >= 0) {
        error_report("--size N cannot be used together with a filename.");
        goto out_opts;
    }
    if (!filename && (fmt || sn_opts || snapshot_name)) {
        error_report("--image-opts, -f, and -l require a filename argument.");
        goto out_opts;
    }
    if (!filename && size < 0) {
        error_report("Either --size N or one filename must be specified.");
        goto out_opts;
    }
    BlockDriver *drv = bdrv_find_format(out_fmt);
    if (!drv || !bdrv_create_opts(drv)) {
        error_report("Unknown file format '%s'", out_fmt);
        goto out_opts;
    }
    Error *err = NULL;
    QemuOpts *opts = img_parse_create_opts(drv, options, &err);
    if (!opts) {
        error_report_err(err);
        goto out_opts;
    }
    BlockDriverState *in_bs = NULL;
    if (filename) {
        in_bs = img_open_spec(filename, fmt,
                              force_share ? BDRV_O_FORCE_SHARE : 0, false,
                              image_opts);
        if (!in_bs) {
            qemu_opts_del(opts);
            goto out_opts;
        }
        if (!img_snapshot_param_load(in_bs, sn_opts, snapshot_name)) {
            bdrv_close(in_bs);
            qemu_opts_del(opts);
            goto out_opts;
        }
    } else {
        qemu_opt_set_number(opts, BLOCK_OPT_SIZE, (uint64_t)size, NULL);
    }
    BlockMeasureInfo info;
    if (bdrv_measure(drv, opts, in_bs, &info, &err) < 0) {
        error_report_err(err);
    } else {
        if (ofmt == OFORMAT_JSON) {
            InfoNode *d = info_new_dict();
            info_add_int(d, "required", (int64_t)info.required);
            info_add_int(d, "fully-allocated", (int64_t)info.fully_allocated);
            if (info.has_bitmaps) {
                info_add_int(d, "bitmaps", (int64_t)info.bitmaps);
            }
            info_print_json(stdout, d, 0);
            printf("\n");
            info_free(d);
        } else {
            printf("required size: %" PRIu64 "\n", info.required);
            printf("fully allocated size: %" PRIu64 "\n", info.fully_allocated);
            if (info.has_bitmaps) {
                printf("bitmaps size: %" PRIu64 "\n", info.bitmaps);
            }
        }
        ret = 0;
    }
    bdrv_close(in_bs);
    qemu_opts_del(opts);
out_opts:
    if (sn_opts) {
        qemu_opts_del(sn_opts);
    }
    g_free(options);
    return ret;
}

/* --- bitmap ------------------------------------------------------------ */

typedef enum ImgBitmapAct {
    IMG_BITMAP_ADD,
    IMG_BITMAP_REMOVE,
    IMG_BITMAP_CLEAR,
    IMG_BITMAP_ENABLE,
    IMG_BITMAP_DISABLE,
    IMG_BITMAP_MERGE,
} ImgBitmapAct;

typedef struct ImgBitmapAction {
    ImgBitmapAct act;
    const char *src;        /* --merge SOURCE */
} ImgBitmapAction;

/* Run one action; QEMU's operation name in *@op. */
static int img_bitmap_run(const ImgBitmapAction *a, BlockDriverState *bs,
                          const char *name, int64_t granularity,
                          BlockDriverState *src_bs, const char **op,
                          Error **errp)
{
    switch (a->act) {
    case IMG_BITMAP_ADD:
        *op = "add";
        return bdrv_bitmap_add(bs, name, granularity, true, errp);
    case IMG_BITMAP_REMOVE:
        *op = "remove";
        return bdrv_bitmap_remove(bs, name, errp);
    case IMG_BITMAP_CLEAR:
        *op = "clear";
        return bdrv_bitmap_clear(bs, name, errp);
    case IMG_BITMAP_ENABLE:
        *op = "enable";
        return bdrv_bitmap_enable(bs, name, true, errp);
    case IMG_BITMAP_DISABLE:
        *op = "disable";
        return bdrv_bitmap_enable(bs, name, false, errp);
    case IMG_BITMAP_MERGE:
        *op = "merge";
        return bdrv_bitmap_merge(bs, name, src_bs, a->src, errp);
    }
    return -EINVAL;
}

/*
 * bitmap: change the persistent dirty bitmaps of an image, as QEMU 7.2's
 * command: the operations run in the order given, on one bitmap; the
 * first failure stops the rest (what ran before stays, as in QEMU).
 */
static int img_bitmap(int argc, char **argv)
{
    enum {
        OPT_ADD = 512, OPT_REMOVE, OPT_CLEAR, OPT_ENABLE, OPT_DISABLE,
        OPT_MERGE,
    };
    static const struct option long_options[] = {
        { "help", no_argument, NULL, 'h' },
        { "object", required_argument, NULL, OPTION_OBJECT },
        { "image-opts", no_argument, NULL, OPTION_IMAGE_OPTS },
        { "add", no_argument, NULL, OPT_ADD },
        { "remove", no_argument, NULL, OPT_REMOVE },
        { "clear", no_argument, NULL, OPT_CLEAR },
        { "enable", no_argument, NULL, OPT_ENABLE },
        { "disable", no_argument, NULL, OPT_DISABLE },
        { "merge", required_argument, NULL, OPT_MERGE },
        { "granularity", required_argument, NULL, 'g' },
        { "source-file", required_argument, NULL, 'b' },
        { "source-format", required_argument, NULL, 'F' },
        { NULL, 0, NULL, 0 },
    };
    const char *fmt = NULL, *src_fmt = NULL, *src_filename = NULL;
    bool image_opts = false, add = false, merge = false;
    int64_t granularity = 0;
    GArray *actions = g_array_new(FALSE, FALSE, sizeof(ImgBitmapAction));
    BlockDriverState *bs = NULL, *src_bs = NULL;
    int ret = 1, c;

    while ((c = getopt_long(argc, argv, ":b:f:F:g:h", long_options, NULL))
           != -1) {
        ImgBitmapAction a = { 0 };
        switch (c) {
        case ':':
            img_missing_argument(argv[optind - 1]);
            goto out;
        case '?':
            img_unrecognized_option(argv[optind - 1]);
            goto out;
        case 'h':
            help();
            ret = 0;
            goto out;
        case 'b':
            src_filename = optarg;
            break;
        case 'f':
            fmt = optarg;
            break;
        case 'F':
            src_fmt = optarg;
            break;
        case 'g':
            granularity = img_parse_number("granularity", optarg);
            if (granularity < 0) {
                goto out;
            }
            break;
        case OPT_ADD:
        case OPT_REMOVE:
        case OPT_CLEAR:
        case OPT_ENABLE:
        case OPT_DISABLE:
        case OPT_MERGE:
            a.act = (ImgBitmapAct)(c - OPT_ADD);
            a.src = c == OPT_MERGE ? optarg : NULL;
            add |= c == OPT_ADD;
            merge |= c == OPT_MERGE;
            g_array_append_val(actions, a);
            break;
        case OPTION_OBJECT:
            if (!img_add_object(optarg)) {
                goto out;
            }
            break;
        case OPTION_IMAGE_OPTS:
            image_opts = true;
            break;
        }
    }
    if (actions->len == 0) {
        error_report("Need at least one of --add, --remove, --clear, "
                     "--enable, --disable, or --merge");
        goto out;
    }
    if (granularity && !add) {
        error_report("granularity only supported with --add");
        goto out;
    }
    if (src_fmt && !src_filename) {
        error_report("-F only supported with -b");
        goto out;
    }
    if (src_filename && !merge) {
        error_report("Merge bitmap source file only supported with --merge");
        goto out;
    }
    if (optind != argc - 2) {
        error_report("Expecting filename and bitmap name");
        goto out;
    }
    const char *filename = argv[optind];
    const char *name = argv[optind + 1];
    bs = img_open_spec(filename, fmt, BDRV_O_RDWR, false, image_opts);
    if (!bs) {
        goto out;
    }
    src_bs = bs;
    if (src_filename) {
        src_bs = img_open(src_filename, src_fmt, 0, false);
        if (!src_bs) {
            goto out;
        }
    }
    for (guint i = 0; i < actions->len; i++) {
        Error *err = NULL;
        const char *op = "";
        if (img_bitmap_run(&g_array_index(actions, ImgBitmapAction, i), bs,
                           name, granularity, src_bs, &op, &err) < 0) {
            error_prepend(&err, "Operation %s on bitmap %s failed: ", op,
                          name);
            error_report_err(err);
            goto out;
        }
    }
    ret = 0;
out:
    if (src_bs && src_bs != bs) {
        bdrv_close(src_bs);
    }
    if (bs) {
        bdrv_close(bs);
    }
    g_array_free(actions, TRUE);
    return ret;
}

/*
 * convert --bitmaps, before anything is created: the source must hold
 * persistent bitmaps and (unless @skip_broken) none may be inconsistent.
 */
bool img_convert_check_bitmaps(BlockDriverState *src, bool skip_broken)
{
    if (!bdrv_bitmap_supported(src)) {
        error_report("Source lacks bitmap support");
        return false;
    }
    char **names = bdrv_bitmap_names(src);
    bool ok = true;
    for (char **n = names; *n && ok; n++) {
        BdrvBitmap bm;
        if (bdrv_bitmap_get(src, *n, false, &bm, NULL) == 0 &&
            bm.inconsistent && !skip_broken) {
            error_report("Cannot copy inconsistent bitmap '%s'", *n);
            fprintf(stderr, "Try --skip-broken-bitmaps, or use 'qemu-img "
                    "bitmap --remove' to delete it\n");
            ok = false;
        }
        bdrv_bitmap_free(&bm);
    }
    g_strfreev(names);
    return ok;
}

/*
 * After the data: each bitmap again in @dst, same granularity and state.
 * QEMU walks the source's bitmaps last to first (its in-memory list), so
 * which one fails first, and what is left behind, is the same here.
 */
bool img_convert_copy_bitmaps(BlockDriverState *src, BlockDriverState *dst,
                              bool skip_broken)
{
    char **names = bdrv_bitmap_names(src);
    bool ok = true;
    for (guint i = g_strv_length(names); i-- > 0 && ok;) {
        char **n = &names[i];
        BdrvBitmap bm;
        Error *err = NULL;
        if (bdrv_bitmap_get(src, *n, false, &bm, &err) < 0) {
            error_prepend(&err, "Failed to populate bitmap %s: ", *n);
            error_report_err(err);
            ok = false;
            break;
        }
        if (skip_broken && bm.inconsistent) {
            warn_report("Skipping inconsistent bitmap '%s'", *n);
        } else if (bdrv_bitmap_add(dst, *n, bm.granularity, bm.enabled,
                                   &err) < 0) {
            error_prepend(&err, "Failed to create bitmap %s: ", *n);
            error_report_err(err);
            ok = false;
        } else if (bdrv_bitmap_merge(dst, *n, src, *n, &err) < 0) {
            error_prepend(&err, "Failed to populate bitmap %s: ", *n);
            error_report_err(err);
            bdrv_bitmap_remove(dst, *n, NULL);
            ok = false;
        }
        bdrv_bitmap_free(&bm);
    }
    g_strfreev(names);
    return ok;
}

/* --- main ------------------------------------------------------------- */

typedef struct ImgCmd {
    const char *name;
    int (*handler)(int argc, char **argv);
} ImgCmd;

static int img_snapshot(int argc, char **argv);

static const ImgCmd img_cmds[] = {
    { "amend", img_amend },
    { "bench", img_bench },
    { "bitmap", img_bitmap },
    { "check", img_check },
    { "commit", img_commit },
    { "compare", img_compare },
    { "convert", img_convert },
    { "create", img_create },
    { "dd", img_dd },
    { "info", img_info },
    { "map", img_map },
    { "measure", img_measure },
    { "rebase", img_rebase },
    { "resize", img_resize },
    { "snapshot", img_snapshot },
    { NULL, NULL },
};

static void print_format(void *opaque, const char *name)
{
    if (strcmp(name, "file")) {
        printf(" %s", name);
    }
}

static void help(void)
{
    printf("qemu-img version " QEMU_VERSION "\n"
           "Copyright (c) 2003-2022 Fabrice Bellard and the QEMU Project "
           "developers\n"
           "usage: qemu-img [standard options] command [command options]\n"
           "QEMU disk image utility\n\n"
           "    '-h', '--help'       display this help and exit\n"
           "    '-V', '--version'    output version information and exit\n\n"
           "Command syntax:\n"
           "  amend [--image-opts] [-p] [-q] [-f fmt] [-t cache] [--force] -o options filename\n"
           "  bench [--image-opts] [-c count] [-d depth] [-f fmt] [--flush-interval=flush_interval] "
           "[-n] [--no-drain] [-o offset] [--pattern=pattern] [-q] [-s buffer_size] "
           "[-S step_size] [-t cache] [-w] [-U] filename\n"
           "  bitmap (--merge SOURCE | --add | --remove | --clear | --enable | "
           "--disable)... [-b source_file [-F source_fmt]] [-g granularity] "
           "[--object objectdef] [--image-opts | -f fmt] filename bitmap\n"
           "  check [--image-opts] [-q] [-f fmt] [--output=ofmt] [-r [leaks | all]] [-T src_cache] "
           "[-U] filename\n"
           "  commit [--image-opts] [-q] [-f fmt] [-t cache] [-b base] [-r rate_limit] [-d] [-p] "
           "filename\n"
           "  compare [--image-opts] [-f fmt] [-F fmt] [-T src_cache] [-p] [-q] [-s] [-U] "
           "filename1 filename2\n"
           "  convert [--image-opts] [--target-image-opts] [--target-is-zero] [--bitmaps] [-U] [-C] [-c] [-p] [-q] [-n] [-f fmt] "
           "[-t cache] [-T src_cache] [-O output_fmt] [-B backing_file "
           "[-F backing_fmt]] [-o options] [-l snapshot_param] [-S sparse_size] "
           "[-r rate_limit] [-m num_coroutines] [-W] [--salvage] "
           "filename [filename2 [...]] output_filename\n"
           "  create [-q] [-f fmt] [-b backing_file [-F backing_fmt]] [-u] "
           "[-o options] filename [size]\n"
           "  dd [--image-opts] [-U] [-f fmt] [-O output_fmt] [bs=block_size] [count=blocks] "
           "[skip=blocks] if=input of=output\n"
           "  info [--image-opts] [-f fmt] [--output=ofmt] [--backing-chain] [-U] filename\n"
           "  map [--image-opts] [-f fmt] [--start-offset=offset] [--max-length=len] "
           "[--output=ofmt] [-U] filename\n"
           "  measure [--image-opts] [--output=ofmt] [-O output_fmt] [-o options] "
           "[--size N | [-f fmt] [-l snapshot_param] filename]\n"
           "  rebase [--image-opts] [-U] [-q] [-f fmt] [-t cache] [-T src_cache] [-p] [-u] "
           "-b backing_file [-F backing_fmt] filename\n"
           "  resize [--image-opts] [-f fmt] [--preallocation=prealloc] [-q] [--shrink] "
           "filename [+ | -]size\n"
           "  snapshot [--image-opts] [-U] [-q] [-l | -a snapshot | -c snapshot | -d snapshot] "
           "filename\n\n"
           "Supported formats:");
    bdrv_iterate_format(print_format, NULL);
    printf("\n\nSee docs/user/qemu-img.md for details.\n");
}

void img_help(void)
{
    help();
}

static void print_block_message(const char *msg)
{
    fprintf(stderr, "%s\n", msg);
}

int main(int argc, char **argv)
{
    bdrv_set_message_handler(print_block_message);
    error_set_progname("qemu-img");
    if (argc < 2) {
        img_usage_error("Not enough arguments");
        return 1;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
        help();
        return 0;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("qemu-img version " QEMU_VERSION "\n"
               "Copyright (c) 2003-2022 Fabrice Bellard and the QEMU Project "
               "developers\n");
        return 0;
    }
    for (const ImgCmd *c = img_cmds; c->name; c++) {
        if (!strcmp(cmd, c->name)) {
            optind = 1;
            return c->handler(argc - 1, argv + 1);
        }
    }
    if (cmd[0] == '-') {
        /* QEMU's global options are -h, -V, -T and --object. */
        if (!strcmp(cmd, "-T") || !strcmp(cmd, "--trace") ||
            !strcmp(cmd, "--object")) {
            if (argc < 3) {
                img_missing_argument(cmd);
            } else if (!strcmp(cmd, "--object")) {
                img_unrecognized_option(cmd);   /* QEMU 7.2 has no global one */
            } else {
                error_report("-T: tracing is not supported by this qemu-img");
            }
            return 1;
        }
        img_unrecognized_option(cmd);
        return 1;
    }
    img_usage_error("Command not found: %s", cmd);
    return 1;
}
