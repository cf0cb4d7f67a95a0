/*
 * The block graph: driver lookup and probing, opening a format node over
 * its protocol node and its backing chain, closing, creating images and
 * the whole-image queries (info, check, measure) that dispatch to the
 * driver.  Request handling lives in io.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "block/block_int.h"
#include "block/dirty-bitmap.h"
#include "qemu/cutils.h"

#define BACKING_CHAIN_MAX 64
#define PROBE_BUF_SIZE 2048

static void (*message_handler)(const char *msg);

void bdrv_set_message_handler(void (*fn)(const char *msg))
{
    message_handler = fn;
}

void bdrv_report_message(const char *fmt, ...)
{
    if (!message_handler) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    message_handler(msg);
    g_free(msg);
}

int prealloc_mode_parse(const char *s)
{
    static const char *const names[] = { "off", "metadata", "falloc", "full" };
    for (int i = 0; i < 4; i++) {
        if (!strcmp(s, names[i])) {
            return i;
        }
    }
    return -1;
}

const char *prealloc_mode_name(PreallocMode mode)
{
    static const char *const names[] = { "off", "metadata", "falloc", "full" };
    return names[mode];
}

bool bdrv_parse_aio(const char *mode, int *flags)
{
    int bits;
    if (!strcmp(mode, "threads")) {
        bits = 0;
    } else if (!strcmp(mode, "native")) {
        bits = BDRV_O_NATIVE_AIO;
    } else if (!strcmp(mode, "io_uring")) {
        bits = BDRV_O_IO_URING;
    } else {
        return false;
    }
    *flags = (*flags & ~(BDRV_O_NATIVE_AIO | BDRV_O_IO_URING)) | bits;
    return true;
}

BlockDriver *bdrv_find_format(const char *name)
{
    for (int i = 0; bdrv_drivers[i]; i++) {
        if (!strcmp(bdrv_drivers[i]->format_name, name)) {
            return bdrv_drivers[i];
        }
    }
    return NULL;
}

const char *bdrv_driver_name(const BlockDriver *drv)
{
    return drv->format_name;
}

const char *bdrv_get_format_name(const BlockDriverState *bs)
{
    return bs->drv->format_name;
}

void bdrv_iterate_format(void (*fn)(void *opaque, const char *name),
                         void *opaque)
{
    for (int i = 0; bdrv_drivers[i]; i++) {
        fn(opaque, bdrv_drivers[i]->format_name);
    }
}

const QemuOptsList *bdrv_create_opts(BlockDriver *drv)
{
    return drv->create_opts;
}

bool bdrv_supports_backing(const BlockDriver *drv)
{
    return drv->supports_backing;
}

bool bdrv_supports_compressed_writes(const BlockDriver *drv)
{
    return drv->pwrite_compressed != NULL;
}

BlockDriverState *bdrv_file_child(BlockDriverState *bs)
{
    return bs->file;
}

BlockDriverState *bdrv_backing(BlockDriverState *bs)
{
    return bs->backing;
}

const char *bdrv_filename(const BlockDriverState *bs)
{
    return bs->filename;
}

const char *bdrv_backing_file_name(const BlockDriverState *bs)
{
    return bs->backing_file;
}

const char *bdrv_backing_format_name(const BlockDriverState *bs)
{
    return bs->backing_format;
}

bool bdrv_is_read_only(const BlockDriverState *bs)
{
    return bs->read_only;
}

bool bdrv_probed_raw(const BlockDriverState *bs)
{
    return bs->probed_raw;
}

uint32_t bdrv_request_alignment(const BlockDriverState *bs)
{
    return bs->request_alignment ? bs->request_alignment : 1;
}

static size_t protocol_prefix_len(const char *filename);

char *bdrv_path_combine(const char *base_filename, const char *name)
{
    /* As QEMU: "json:{...}" and "proto:..." names are taken as they are. */
    if (name[0] == '/' || !strchr(base_filename, '/') ||
        protocol_prefix_len(name)) {
        return g_strdup(name);
    }
    char *dir = g_path_get_dirname(base_filename);
    char *res = g_build_filename(dir, name, NULL);
    g_free(dir);
    return res;
}

static BlockDriverState *bdrv_new_node(BlockDriver *drv, const char *filename,
                                       int flags)
{
    BlockDriverState *bs = g_new0(BlockDriverState, 1);
    bs->drv = drv;
    bs->opaque = g_malloc0(drv->instance_size ? drv->instance_size : 1);
    pstrcpy(bs->filename, sizeof(bs->filename), filename);
    bs->open_flags = flags;
    bs->read_only = !(flags & BDRV_O_RDWR);
    bs->request_alignment = 1;
    g_rec_mutex_init(&bs->lock);
    g_mutex_init(&bs->data_io_mutex);
    g_cond_init(&bs->data_io_done);
    return bs;
}

static void bdrv_free_node(BlockDriverState *bs)
{
    g_rec_mutex_clear(&bs->lock);
    g_mutex_clear(&bs->data_io_mutex);
    g_cond_clear(&bs->data_io_done);
    g_free(bs->opaque);
    g_free(bs);
}

/*
 * Whole-node operations (snapshots, amend, check, info) run with no data
 * transfer of the node in flight, so none reads or writes a cluster that
 * they move, share or free.
 */
static void bdrv_lock_whole_node(BlockDriverState *bs)
{
    g_rec_mutex_lock(&bs->lock);
    bdrv_drain_data_io(bs);
}

static QemuOpts *bdrv_parse_runtime_opts(BlockDriver *drv, const char *options,
                                         Error **errp)
{
    if (!options || !options[0]) {
        return drv->runtime_opts ? qemu_opts_create(drv->runtime_opts) : NULL;
    }
    if (!drv->runtime_opts) {
        error_setg(errp, "Block format '%s' does not support options",
                   drv->format_name);
        return NULL;
    }
    return qemu_opts_parse(drv->runtime_opts, options, errp);
}

static BlockDriverState *bdrv_open_protocol(const char *filename, int flags,
                                            const char *options, Error **errp)
{
    BlockDriverState *bs = bdrv_new_node(&bdrv_file, filename, flags);
    Error *local_err = NULL;
    QemuOpts *opts = bdrv_parse_runtime_opts(&bdrv_file, options, &local_err);
    if (local_err) {
        error_propagate(errp, local_err);
        bdrv_free_node(bs);
        return NULL;
    }
    int ret = bdrv_file.open(bs, opts, flags, errp);
    if (opts) {
        qemu_opts_del(opts);
    }
    if (ret < 0) {
        bdrv_free_node(bs);
        return NULL;
    }
    return bs;
}

BlockDriverState *bdrv_open_child_file(const char *filename, int flags,
                                       Error **errp)
{
    return bdrv_open_protocol(filename, flags, NULL, errp);
}

/* Highest-scoring format for the first bytes of @file; raw on no match. */
static BlockDriver *bdrv_probe(BlockDriverState *file, bool *probed_raw,
                               Error **errp)
{
    uint8_t buf[PROBE_BUF_SIZE];
    int64_t len = bdrv_getlength(file);
    if (len < 0) {
        error_setg_errno(errp, (int)-len, "Could not determine image size");
        return NULL;
    }
    int n = len < PROBE_BUF_SIZE ? (int)len : PROBE_BUF_SIZE;
    memset(buf, 0, sizeof(buf));
    if (n > 0) {
        int ret = bdrv_pread(file, 0, n, buf, 0);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not read image for determining "
                             "its format");
            return NULL;
        }
    }
    BlockDriver *best = NULL;
    int best_score = 0;
    for (int i = 0; bdrv_drivers[i]; i++) {
        BlockDriver *d = bdrv_drivers[i];
        if (d->is_protocol || !d->probe) {
            continue;
        }
        int score = d->probe(buf, n, file->filename);
        if (score > best_score) {
            best_score = score;
            best = d;
        }
    }
    if (!best) {
        best = &bdrv_raw;
    }
    *probed_raw = best == &bdrv_raw;
    return best;
}

BlockDriver *bdrv_probe_format(const char *filename, bool *probed_raw,
                               Error **errp)
{
    BlockDriverState *file = bdrv_open_protocol(filename, BDRV_O_FORCE_SHARE,
                                                NULL, errp);
    if (!file) {
        return NULL;
    }
    BlockDriver *drv = bdrv_probe(file, probed_raw, errp);
    bdrv_close(file);
    return drv;
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) < 0 || stat(b, &sb) < 0) {
        return false;
    }
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static BlockDriverState *bdrv_open_chain(const char *filename, const char *fmt,
                                         const char *options, int flags,
                                         int depth, int rw_depth,
                                         const char **chain, Error **errp);
static BlockDriverState *bdrv_open_any(const char *filename, const char *fmt,
                                       const char *options, int flags,
                                       int depth, int rw_depth,
                                       const char **chain, Error **errp);

/* Backing layers are read-only, except the first @rw_depth (commit). */
static int bdrv_open_backing(BlockDriverState *bs, int flags, int depth,
                             int rw_depth, const char **chain, Error **errp)
{
    char *path = bdrv_path_combine(bs->filename, bs->backing_file);
    pstrcpy(bs->full_backing_filename, sizeof(bs->full_backing_filename), path);
    for (int i = 0; i <= depth; i++) {
        if (same_file(chain[i], path)) {
            error_setg(errp, "Could not open backing file: Backing file '%s' "
                       "of '%s' creates a loop in the backing chain",
                       bs->backing_file, bs->filename);
            g_free(path);
            return -EINVAL;
        }
    }
    if (depth + 1 >= BACKING_CHAIN_MAX) {
        error_setg(errp, "Backing chain of '%s' is longer than %d images",
                   bs->filename, BACKING_CHAIN_MAX);
        g_free(path);
        return -EINVAL;
    }
    int bflags = flags & ~BDRV_O_CHECK;
    if (depth + 1 > rw_depth) {
        bflags &= ~BDRV_O_RDWR;
    }
    Error *local_err = NULL;
    BlockDriverState *backing = bdrv_open_any(
        path, bs->backing_format[0] ? bs->backing_format : NULL, NULL,
        bflags, depth + 1, rw_depth, chain, &local_err);
    g_free(path);
    if (!backing) {
        error_propagate(errp, local_err);
        error_prepend(errp, "Could not open backing file: ");
        return -EINVAL;
    }
    bs->backing = backing;
    return 0;
}

static BlockDriverState *bdrv_open_chain(const char *filename, const char *fmt,
                                         const char *options, int flags,
                                         int depth, int rw_depth,
                                         const char **chain, Error **errp)
{
    BlockDriver *drv = NULL;
    if ((flags & BDRV_O_FORCE_SHARE) && (flags & BDRV_O_RDWR)) {
        error_setg(errp, "force-share=on can only be used with read-only "
                   "images");
        return NULL;
    }
    if (fmt) {
        drv = bdrv_find_format(fmt);
        if (!drv) {
            error_setg(errp, "Unknown driver '%s'", fmt);
            return NULL;
        }
    }
    if ((flags & BDRV_O_PROTOCOL) || (drv && drv->is_protocol)) {
        return bdrv_open_protocol(filename, flags, options, errp);
    }

    BlockDriverState *file = bdrv_open_protocol(filename, flags, NULL, errp);
    if (!file) {
        return NULL;
    }
    bool probed_raw = false;
    if (!drv) {
        drv = bdrv_probe(file, &probed_raw, errp);
        if (!drv) {
            bdrv_close(file);
            return NULL;
        }
    }

    BlockDriverState *bs = bdrv_new_node(drv, filename, flags);
    bs->file = file;
    bs->probed_raw = probed_raw;
    bs->backing_depth = depth;
    Error *local_err = NULL;
    QemuOpts *opts = bdrv_parse_runtime_opts(drv, options, &local_err);
    if (local_err) {
        error_propagate(errp, local_err);
        bdrv_close(file);
        bdrv_free_node(bs);
        return NULL;
    }
    int ret = drv->open(bs, opts, flags, errp);
    if (opts) {
        qemu_opts_del(opts);
    }
    if (ret < 0) {
        bdrv_close(file);
        bdrv_free_node(bs);
        return NULL;
    }
    if (bs->backing_file[0] && !(flags & BDRV_O_NO_BACKING)) {
        chain[depth] = filename;
        if (bdrv_open_backing(bs, flags, depth, rw_depth, chain, errp) < 0) {
            bdrv_close(bs);
            return NULL;
        }
    }
    return bs;
}

/* --- QEMU's image specifications (json:, file:, --image-opts) --------- */

/* Flattened options, in order: keys[i] = vals[i] (NULL: JSON null). */
typedef struct ImageSpec {
    GPtrArray *keys;
    GPtrArray *vals;
} ImageSpec;

static ImageSpec *spec_new(void)
{
    ImageSpec *sp = g_new0(ImageSpec, 1);
    sp->keys = g_ptr_array_new_with_free_func(g_free);
    sp->vals = g_ptr_array_new_with_free_func(g_free);
    return sp;
}

static void spec_free(ImageSpec *sp)
{
    if (sp) {
        g_ptr_array_free(sp->keys, TRUE);
        g_ptr_array_free(sp->vals, TRUE);
        g_free(sp);
    }
}

static void spec_add(ImageSpec *sp, char *key, char *val)
{
    g_ptr_array_add(sp->keys, key);
    g_ptr_array_add(sp->vals, val);
}

typedef struct JsonIn {
    const char *p;
    const char *err;
} JsonIn;

static void json_ws(JsonIn *j)
{
    while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r') {
        j->p++;
    }
}

static char *json_string(JsonIn *j)
{
    GString *s = g_string_new(NULL);
    j->p++;     /* the opening quote */
    while (*j->p && *j->p != '"') {
        char c = *j->p++;
        if (c == '\\') {
            c = *j->p++;
            switch (c) {
            case '"': case '\\': case '/':
                break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'u': {
                unsigned v = 0;
                for (int i = 0; i < 4; i++) {
                    if (!g_ascii_isxdigit(j->p[i])) {
                        j->err = "invalid escape sequence in string";
                        g_string_free(s, TRUE);
                        return NULL;
                    }
                    v = v * 16 + g_ascii_xdigit_value(j->p[i]);
                }
                j->p += 4;
                g_string_append_unichar(s, v);
                continue;
            }
            default:
                j->err = *(j->p - 1) ? "invalid escape sequence in string"
                                     : "premature EOI";
                g_string_free(s, TRUE);
                return NULL;
            }
        }
        g_string_append_c(s, c);
    }
    if (*j->p != '"') {
        j->err = "premature EOI";
        g_string_free(s, TRUE);
        return NULL;
    }
    j->p++;
    return g_string_free(s, FALSE);
}

/* One value under @key; objects flatten into "key.member" entries. */
static bool json_value(JsonIn *j, const char *key, ImageSpec *sp)
{
    json_ws(j);
    char c = *j->p;
    if (c == '{') {
        j->p++;
        json_ws(j);
        if (*j->p == '}') {
            j->p++;
            return true;
        }
        for (;;) {
            json_ws(j);
            if (*j->p != '"') {
                j->err = *j->p ? "expecting a member name" : "premature EOI";
                return false;
            }
            char *name = json_string(j);
            if (!name) {
                return false;
            }
            json_ws(j);
            if (*j->p != ':') {
                j->err = *j->p ? "expecting ':'" : "premature EOI";
                g_free(name);
                return false;
            }
            j->p++;
            char *full = key ? g_strdup_printf("%s.%s", key, name)
                             : g_strdup(name);
            g_free(name);
            bool ok = json_value(j, full, sp);
            g_free(full);
            if (!ok) {
                return false;
            }
            json_ws(j);
            if (*j->p == ',') {
                j->p++;
                continue;
            }
            if (*j->p == '}') {
                j->p++;
                return true;
            }
            j->err = *j->p ? "expecting ',' or '}'" : "premature EOI";
            return false;
        }
    }
    if (!key) {
        j->err = c ? "expecting a JSON object" : "premature EOI";
        return false;
    }
    if (c == '"') {
        char *s = json_string(j);
        if (!s) {
            return false;
        }
        spec_add(sp, g_strdup(key), s);
        return true;
    }
    if (c == '[') {
        j->err = "arrays are not supported here";
        return false;
    }
    static const char *const words[] = { "true", "false", "null" };
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if (!strncmp(j->p, words[i], n)) {
            j->p += n;
            spec_add(sp, g_strdup(key),
                     i == 2 ? NULL : g_strdup(i == 0 ? "on" : "off"));
            return true;
        }
    }
    const char *start = j->p;
    while (*j->p && strchr("+-0123456789.eE", *j->p)) {
        j->p++;
    }
    if (j->p == start) {
        j->err = c ? "invalid keyword" : "premature EOI";
        return false;
    }
    spec_add(sp, g_strdup(key), g_strndup(start, j->p - start));
    return true;
}

static ImageSpec *spec_parse_json(const char *text, Error **errp)
{
    JsonIn j = { .p = text };
    json_ws(&j);
    if (*j.p && *j.p != '{') {
        error_setg(errp, "Invalid JSON object given");
        return NULL;
    }
    ImageSpec *sp = spec_new();
    if (json_value(&j, NULL, sp)) {
        json_ws(&j);
        if (*j.p) {
            j.err = "trailing characters";
        }
    }
    if (j.err) {
        error_setg(errp, "Could not parse the JSON options: JSON parse error, "
                   "%s", j.err);
        spec_free(sp);
        return NULL;
    }
    return sp;
}

/* "key=val,key2=val2" with ",," for a literal comma (--image-opts). */
static ImageSpec *spec_parse_opts(const char *text, Error **errp)
{
    ImageSpec *sp = spec_new();
    const char *p = text;
    while (*p) {
        GString *item = g_string_new(NULL);
        for (; *p; p++) {
            if (*p == ',') {
                if (p[1] != ',') {
                    break;
                }
                p++;
            }
            g_string_append_c(item, *p);
        }
        if (*p == ',') {
            p++;
        }
        char *eq = strchr(item->str, '=');
        if (!eq) {
            /* QEMU reads a bare word as a node reference. */
            error_setg(errp, "Cannot find device='%s' nor node-name='%s'",
                       item->str, item->str);
            g_string_free(item, TRUE);
            spec_free(sp);
            return NULL;
        }
        spec_add(sp, g_strndup(item->str, eq - item->str), g_strdup(eq + 1));
        g_string_free(item, TRUE);
    }
    return sp;
}

static bool spec_bool(const char *key, const char *v, bool *out, Error **errp)
{
    if (v && (!strcmp(v, "on") || !strcmp(v, "true") || !strcmp(v, "yes"))) {
        *out = true;
    } else if (v && (!strcmp(v, "off") || !strcmp(v, "false") ||
                     !strcmp(v, "no"))) {
        *out = false;
    } else {
        error_setg(errp, "Parameter '%s' expects 'on' or 'off'", key);
        return false;
    }
    return true;
}

/*
 * The keys of @sp at indices @rest are the format driver's runtime options
 * (the driver named @driver, else the one @filename probes as): make them
 * one "key=val,..." string in *@options.  The first one the driver does
 * not take is named in *@unknown (QEMU's message) and left out.
 */
static bool spec_runtime_options(ImageSpec *sp, GArray *rest,
                                 const char *filename, const char *driver,
                                 char **options, Error **unknown,
                                 Error **errp)
{
    BlockDriver *drv = NULL;
    if (driver && strcmp(driver, "file")) {
        drv = bdrv_find_format(driver);
    } else if (!driver) {
        bool raw;
        drv = bdrv_probe_format(filename, &raw, errp);
        if (!drv) {
            return false;
        }
    }
    GString *out = g_string_new(NULL);
    for (guint j = 0; j < rest->len; j++) {
        guint i = g_array_index(rest, guint, j);
        const char *k = g_ptr_array_index(sp->keys, i);
        const char *v = g_ptr_array_index(sp->vals, i);
        if (g_str_has_prefix(k, "file.")) {
            error_setg(errp, "Block protocol 'file' doesn't support the "
                       "option '%s'", k + 5);
            g_string_free(out, TRUE);
            return false;
        }
        if (!drv || !drv->runtime_opts ||
            !qemu_opts_list_find(drv->runtime_opts, k)) {
            if (!*unknown) {
                error_setg(unknown, "Block %s '%s' does not support the "
                           "option '%s'", drv ? "format" : "protocol",
                           drv ? drv->format_name : "file", k);
            }
            continue;
        }
        if (!v) {
            error_setg(errp, "Parameter '%s' expects a string", k);
            g_string_free(out, TRUE);
            return false;
        }
        if (out->len) {
            g_string_append_c(out, ',');
        }
        g_string_append_printf(out, "%s=", k);
        for (const char *c = v; *c; c++) {
            if (*c == ',') {
                g_string_append_c(out, ',');     /* ",," is a literal comma */
            }
            g_string_append_c(out, *c);
        }
    }
    *options = g_string_free(out, FALSE);
    return true;
}

/* Open what @sp describes; @fmt (-f) may name the driver too. */
static BlockDriverState *bdrv_open_spec(ImageSpec *sp, const char *fmt,
                                        int flags, int depth, int rw_depth,
                                        const char **chain, Error **errp)
{
    const char *driver = fmt, *filename = NULL;
    /* Keys left for the format driver's runtime options (encrypt.*,
     * data-file.*, key-secret, ...): indices into sp. */
    g_autoptr(GArray) rest = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint i = 0; i < sp->keys->len; i++) {
        const char *k = g_ptr_array_index(sp->keys, i);
        const char *v = g_ptr_array_index(sp->vals, i);
        bool b;
        if (!strcmp(k, "driver")) {
            if (!v) {
                error_setg(errp, "Parameter 'driver' expects a string");
                return NULL;
            }
            driver = v;
        } else if (!strcmp(k, "filename") || !strcmp(k, "file.filename")) {
            filename = v;
        } else if (!strcmp(k, "file")) {
            error_setg(errp, "Cannot find device='%s' nor node-name='%s'",
                       v ? v : "", v ? v : "");
            return NULL;
        } else if (!strcmp(k, "file.driver")) {
            if (!v || strcmp(v, "file")) {
                error_setg(errp, "Unknown driver '%s'", v ? v : "");
                return NULL;
            }
        } else if (!strcmp(k, "file.locking")) {
            if (v && !strcmp(v, "off")) {
                flags |= BDRV_O_NO_LOCKING;
            } else if (!v || (strcmp(v, "on") && strcmp(v, "auto"))) {
                error_setg(errp, "Parameter 'locking' does not accept value "
                           "'%s'", v ? v : "");
                return NULL;
            }
        } else if (!strcmp(k, "file.aio") || !strcmp(k, "aio")) {
            /* the file protocol checks the mode against cache.direct */
            if (!v || !bdrv_parse_aio(v, &flags)) {
                error_setg(errp, "invalid parameter value: %s", v ? v : "");
                return NULL;
            }
        } else if (!strcmp(k, "read-only")) {
            if (!spec_bool(k, v, &b, errp)) {
                return NULL;
            }
            if (b && (flags & BDRV_O_RDWR)) {
                /* As QEMU: the user asked for a writable node. */
                error_setg(errp, "Block node is read-only");
                return NULL;
            }
        } else if (!strcmp(k, "cache.direct") ||
                   !strcmp(k, "file.cache.direct")) {
            if (!spec_bool("cache.direct", v, &b, errp)) {
                return NULL;
            }
            flags = b ? flags | BDRV_O_NOCACHE : flags & ~BDRV_O_NOCACHE;
        } else if (!strcmp(k, "cache.no-flush")) {
            if (!spec_bool(k, v, &b, errp)) {
                return NULL;
            }
            flags = b ? flags | BDRV_O_NO_FLUSH : flags & ~BDRV_O_NO_FLUSH;
        } else if (!strcmp(k, "force-share")) {
            if (!spec_bool(k, v, &b, errp)) {
                return NULL;
            }
            flags = b ? flags | BDRV_O_FORCE_SHARE
                      : flags & ~BDRV_O_FORCE_SHARE;
        } else if (!strcmp(k, "discard") || !strcmp(k, "file.discard")) {
            if (v && (!strcmp(v, "unmap") || !strcmp(v, "on"))) {
                flags |= BDRV_O_UNMAP;
            } else if (v && (!strcmp(v, "ignore") || !strcmp(v, "off"))) {
                flags &= ~BDRV_O_UNMAP;
            } else {
                error_setg(errp, "Invalid discard option");
                return NULL;
            }
        } else if (!strcmp(k, "backing")) {
            if (v && v[0]) {
                error_setg(errp, "Cannot find device='%s' nor node-name='%s'",
                           v, v);
                return NULL;
            }
            if (v) {
                bdrv_report_message("%s: warning: Use of \"backing\": \"\" is "
                                    "deprecated; use \"backing\": null "
                                    "instead", error_get_progname());
            }
            flags |= BDRV_O_NO_BACKING;
        } else if (!strcmp(k, "node-name") || !strcmp(k, "file.node-name")) {
            /* Names nodes for QMP; nothing here refers to them. */
        } else {
            g_array_append_val(rest, i);
        }
    }
    if (!filename) {
        error_setg(errp, "A block device must be specified for \"file\"");
        return NULL;
    }
    if (driver && strcmp(driver, "file") && !bdrv_find_format(driver)) {
        error_setg(errp, "Unknown driver '%s'", driver);
        return NULL;
    }
    g_autofree char *options = NULL;
    Error *unknown = NULL;
    if (rest->len && !spec_runtime_options(sp, rest, filename, driver,
                                           &options, &unknown, errp)) {
        return NULL;
    }
    if (driver && !strcmp(driver, "file")) {
        flags |= BDRV_O_PROTOCOL;
        driver = NULL;
    }
    chain[depth] = filename;
    if (unknown) {
        /*
         * As QEMU, which reports leftover options only once the driver has
         * opened: a failure to open with the rest (a missing secret, say)
         * is what gets reported.  The trial is read-only and opens no
         * backing file, so it cannot change the image.
         */
        BlockDriverState *t = bdrv_open_chain(
            filename, driver, options,
            (flags & ~BDRV_O_RDWR) | BDRV_O_NO_BACKING, depth, rw_depth,
            chain, errp);
        if (t) {
            bdrv_close(t);
            error_propagate(errp, unknown);
        } else {
            error_free(unknown);
        }
        return NULL;
    }
    return bdrv_open_chain(filename, driver, options, flags, depth, rw_depth,
                           chain, errp);
}

/* Length of a protocol prefix "name:" (a ':' before any '/'), or 0. */
static size_t protocol_prefix_len(const char *filename)
{
    const char *colon = strchr(filename, ':');
    if (!colon || colon == filename) {
        return 0;
    }
    for (const char *p = filename; p < colon; p++) {
        if (*p == '/') {
            return 0;
        }
    }
    return (size_t)(colon - filename) + 1;
}

/* bdrv_open_chain for a name that may be "json:{...}" or "proto:path". */
static BlockDriverState *bdrv_open_any(const char *filename, const char *fmt,
                                       const char *options, int flags,
                                       int depth, int rw_depth,
                                       const char **chain, Error **errp)
{
    if (options && options[0]) {
        /* Runtime options as QEMU takes them (open -o): the same keys as
         * --image-opts, for the image named @filename. */
        ImageSpec *sp = spec_parse_opts(options, errp);
        if (!sp) {
            return NULL;
        }
        spec_add(sp, g_strdup("filename"), g_strdup(filename));
        BlockDriverState *bs = bdrv_open_spec(sp, fmt, flags, depth,
                                              rw_depth, chain, errp);
        spec_free(sp);
        return bs;
    }
    size_t plen = protocol_prefix_len(filename);
    if (!plen) {
        return bdrv_open_chain(filename, fmt, options, flags, depth, rw_depth,
                               chain, errp);
    }
    if (!strncmp(filename, "json:", 5)) {
        ImageSpec *sp = spec_parse_json(filename + 5, errp);
        if (!sp) {
            return NULL;
        }
        BlockDriverState *bs = bdrv_open_spec(sp, fmt, flags, depth,
                                              rw_depth, chain, errp);
        spec_free(sp);
        return bs;
    }
    if (plen == 5 && !strncmp(filename, "file:", 5)) {
        return bdrv_open_chain(filename + 5, fmt, options, flags, depth,
                               rw_depth, chain, errp);
    }
    char *proto = g_strndup(filename, plen - 1);
    error_setg(errp, "Unknown protocol '%s'", proto);
    g_free(proto);
    return NULL;
}

static BlockDriverState *bdrv_append_temp_snapshot(BlockDriverState *base,
                                                   int flags, Error **errp);

BlockDriverState *bdrv_open_image_opts(const char *optstr, int flags,
                                       Error **errp)
{
    ImageSpec *sp = spec_parse_opts(optstr, errp);
    if (!sp) {
        return NULL;
    }
    const char *chain[BACKING_CHAIN_MAX + 1] = { optstr };
    int bflags = flags;
    if (flags & BDRV_O_SNAPSHOT) {
        bflags = flags & ~(BDRV_O_SNAPSHOT | BDRV_O_RDWR);
    }
    BlockDriverState *bs = bdrv_open_spec(sp, NULL, bflags, 0, 0, chain,
                                          errp);
    spec_free(sp);
    if (bs && (flags & BDRV_O_SNAPSHOT)) {
        BlockDriverState *top = bdrv_append_temp_snapshot(bs, flags, errp);
        if (!top) {
            bdrv_close(bs);
        }
        bs = top;
    }
    return bs;
}

/*
 * Where QEMU puts temporary snapshot overlays: $TMPDIR, else /var/tmp.
 * Returns an open fd on a fresh file and its name in *name, or -errno.
 */
static int bdrv_make_tmp_file(char **name, Error **errp)
{
    const char *dir = g_getenv("TMPDIR");
    if (!dir || !dir[0]) {
        dir = "/var/tmp";
    }
    char *tmpl = g_strdup_printf("%s/vl.XXXXXX", dir);
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        int err = errno;
        error_setg_errno(errp, err, "Could not get temporary filename");
        g_free(tmpl);
        return -err;
    }
    *name = tmpl;
    return fd;
}

/*
 * snapshot=on: the image (@base, read-only) becomes the backing node of a
 * new qcow2 overlay in a temporary file that takes every write.  The
 * overlay's file is unlinked as soon as it is open, so it disappears at
 * close (or if the process dies) and the image is never written.
 */
static BlockDriverState *bdrv_append_temp_snapshot(BlockDriverState *base,
                                                   int flags, Error **errp)
{
    int64_t len = bdrv_getlength(base);
    if (len < 0) {
        error_setg_errno(errp, (int)-len, "Could not get image size");
        return NULL;
    }
    char *tmp = NULL;
    int fd = bdrv_make_tmp_file(&tmp, errp);
    if (fd < 0) {
        return NULL;
    }
    close(fd);

    BlockDriver *qcow2 = bdrv_find_format("qcow2");
    QemuOpts *opts = qcow2 ? qemu_opts_create(bdrv_create_opts(qcow2)) : NULL;
    BlockDriverState *bs = NULL;
    if (!opts) {
        error_setg(errp, "Temporary snapshots need the qcow2 driver");
        goto out;
    }
    char *abs = g_canonicalize_filename(base->filename, NULL);
    bool ok = qemu_opt_set_number(opts, BLOCK_OPT_SIZE, (uint64_t)len, errp) &&
              qemu_opt_set(opts, BLOCK_OPT_BACKING_FILE, abs, errp) &&
              qemu_opt_set(opts, BLOCK_OPT_BACKING_FMT, base->drv->format_name,
                            errp);
    g_free(abs);
    if (!ok || bdrv_create(qcow2, tmp, opts, errp) < 0) {
        error_prepend(errp, "Could not create temporary overlay '%s': ", tmp);
        goto out;
    }
    /* Its contents are thrown away: never sync them.  It is writable
     * unless the caller asked for read-only (as QEMU's -s -r). */
    int oflags = (flags | BDRV_O_NO_BACKING | BDRV_O_NO_FLUSH) &
                 ~(BDRV_O_SNAPSHOT | BDRV_O_FORCE_SHARE | BDRV_O_WRITETHROUGH);
    bs = bdrv_open(tmp, "qcow2", NULL, oflags, errp);
    if (bs) {
        bs->backing = base;
        bs->backing_depth = 0;
        base->backing_depth = 1;
        pstrcpy(bs->full_backing_filename, sizeof(bs->full_backing_filename),
                base->filename);
    }
out:
    if (opts) {
        qemu_opts_del(opts);
    }
    unlink(tmp);
    g_free(tmp);
    return bs;
}

BlockDriverState *bdrv_open(const char *filename, const char *fmt,
                            const char *options, int flags, Error **errp)
{
    const char *chain[BACKING_CHAIN_MAX + 1] = { filename };

    if (!(flags & BDRV_O_SNAPSHOT)) {
        return bdrv_open_any(filename, fmt, options, flags, 0, 0, chain,
                             errp);
    }
    int bflags = flags & ~(BDRV_O_SNAPSHOT | BDRV_O_RDWR);
    BlockDriverState *base = bdrv_open_any(filename, fmt, options, bflags, 0,
                                           0, chain, errp);
    if (!base) {
        return NULL;
    }
    BlockDriverState *bs = bdrv_append_temp_snapshot(base, flags, errp);
    if (!bs) {
        bdrv_close(base);
    }
    return bs;
}

BlockDriverState *bdrv_open_rw_chain(const char *filename, const char *fmt,
                                     int flags, int rw_depth, bool image_opts,
                                     Error **errp)
{
    const char *chain[BACKING_CHAIN_MAX + 1] = { filename };
    flags &= ~BDRV_O_SNAPSHOT;
    if (image_opts) {
        ImageSpec *sp = spec_parse_opts(filename, errp);
        if (!sp) {
            return NULL;
        }
        BlockDriverState *bs = bdrv_open_spec(sp, fmt, flags, 0, rw_depth,
                                              chain, errp);
        spec_free(sp);
        return bs;
    }
    return bdrv_open_any(filename, fmt, NULL, flags, 0, rw_depth, chain,
                         errp);
}

bool bdrv_is_same_file(const char *a, const char *b)
{
    return same_file(a, b);
}

const QemuOptsList *bdrv_amend_opts(BlockDriver *drv)
{
    return drv->amend_opts;
}

int bdrv_amend_options(BlockDriverState *bs, QemuOpts *opts, bool force,
                       BlockAmendStatusCB *status_cb, void *cb_opaque,
                       Error **errp)
{
    if (!bs->drv->amend) {
        error_setg(errp, "Format driver '%s' does not support option "
                   "amendment", bs->drv->format_name);
        return -ENOTSUP;
    }
    bdrv_lock_whole_node(bs);
    int ret = bs->drv->amend(bs, opts, force, status_cb, cb_opaque, errp);
    g_rec_mutex_unlock(&bs->lock);
    return ret;
}

int bdrv_make_empty(BlockDriverState *bs, Error **errp)
{
    if (!bs->drv->make_empty) {
        error_setg(errp, "Block driver '%s' does not support emptying the "
                   "image", bs->drv->format_name);
        return -ENOTSUP;
    }
    bdrv_lock_whole_node(bs);
    int ret = bs->drv->make_empty(bs);
    g_rec_mutex_unlock(&bs->lock);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not empty the image");
    }
    return ret;
}

void bdrv_close(BlockDriverState *bs)
{
    if (!bs) {
        return;
    }
    if (bs->drv->close) {
        bs->drv->close(bs);
    }
    if (bs->backing) {
        bdrv_close(bs->backing);
    }
    if (bs->file) {
        bdrv_close(bs->file);
    }
    bdrv_free_node(bs);
}

int bdrv_create(BlockDriver *drv, const char *filename, QemuOpts *opts,
                Error **errp)
{
    if (!drv->create) {
        error_setg(errp, "Driver '%s' does not support image creation",
                   drv->format_name);
        return -ENOTSUP;
    }
    return drv->create(filename, opts, errp);
}

int bdrv_get_info(BlockDriverState *bs, BlockDriverInfo *bdi)
{
    memset(bdi, 0, sizeof(*bdi));
    if (!bs->drv->get_info) {
        return -ENOTSUP;
    }
    bdrv_lock_whole_node(bs);
    int ret = bs->drv->get_info(bs, bdi);
    g_rec_mutex_unlock(&bs->lock);
    return ret;
}

bool bdrv_can_check(BlockDriverState *bs)
{
    return bs->drv->check != NULL;
}

int bdrv_check(BlockDriverState *bs, BdrvCheckResult *res, int fix)
{
    void (*report)(void *, const char *) = res->report;
    void *opaque = res->report_opaque;
    memset(res, 0, sizeof(*res));
    res->report = report;
    res->report_opaque = opaque;
    if (!bs->drv->check) {
        return -ENOTSUP;
    }
    bdrv_lock_whole_node(bs);
    int ret = bs->drv->check(bs, res, fix);
    g_rec_mutex_unlock(&bs->lock);
    return ret;
}

InfoNode *bdrv_get_specific_info(BlockDriverState *bs, Error **errp)
{
    if (!bs->drv->get_specific_info) {
        return NULL;
    }
    bdrv_lock_whole_node(bs);
    InfoNode *n = bs->drv->get_specific_info(bs, errp);
    g_rec_mutex_unlock(&bs->lock);
    return n;
}

int bdrv_snapshot_list(BlockDriverState *bs, QEMUSnapshotInfo **list)
{
    *list = NULL;
    if (!bs->drv->snapshot_list) {
        return 0;
    }
    bdrv_lock_whole_node(bs);
    int ret = bs->drv->snapshot_list(bs, list);
    g_rec_mutex_unlock(&bs->lock);
    return ret;
}

int bdrv_snapshot_load_tmp(BlockDriverState *bs, const char *id,
                           const char *name, Error **errp)
{
    if (!id && !name) {
        error_setg(errp, "snapshot_id and name are both NULL");
        return -EINVAL;
    }
    if (!bs->read_only) {
        error_setg(errp, "Device is not readonly");
        return -EINVAL;
    }
    if (!bs->drv->snapshot_load_tmp) {
        error_setg(errp, "Block format '%s' used by device '' does not "
                   "support temporarily loading internal snapshots",
                   bs->drv->format_name);
        return -ENOTSUP;
    }
    bdrv_lock_whole_node(bs);
    int ret = bs->drv->snapshot_load_tmp(bs, id, name, errp);
    g_rec_mutex_unlock(&bs->lock);
    return ret;
}

int bdrv_snapshot_load_tmp_by_id_or_name(BlockDriverState *bs,
                                         const char *id_or_name, Error **errp)
{
    Error *local_err = NULL;
    int ret = bdrv_snapshot_load_tmp(bs, id_or_name, NULL, &local_err);
    if (ret == -ENOENT || ret == -EINVAL) {
        error_free(local_err);
        local_err = NULL;
        ret = bdrv_snapshot_load_tmp(bs, NULL, id_or_name, &local_err);
    }
    error_propagate(errp, local_err);
    return ret;
}

static int snapshot_unsupported(BlockDriverState *bs, Error **errp)
{
    error_setg(errp, "Block driver does not support snapshots");
    return -ENOTSUP;
}

int bdrv_snapshot_create(BlockDriverState *bs, const QEMUSnapshotInfo *info,
                         Error **errp)
{
    if (!bs->drv->snapshot_create) {
        return snapshot_unsupported(bs, errp);
    }
    bdrv_lock_whole_node(bs);
    int ret = bs->drv->snapshot_create(bs, info, errp);
    g_rec_mutex_unlock(&bs->lock);
    return ret;
}

int bdrv_snapshot_goto(BlockDriverState *bs, const char *id_or_name,
                       Error **errp)
{
    /* As QEMU: loaded bitmaps could not follow the jump. */
    char **bitmaps = bdrv_bitmap_names(bs);
    bool busy = bitmaps[0] != NULL;
    g_strfreev(bitmaps);
    if (busy) {
        error_setg(errp, "Device has active dirty bitmaps");
        return -EBUSY;
    }
    if (!bs->drv->snapshot_goto) {
        return snapshot_unsupported(bs, errp);
    }
    bdrv_lock_whole_node(bs);
    int ret = bs->drv->snapshot_goto(bs, id_or_name, errp);
    g_rec_mutex_unlock(&bs->lock);
    return ret;
}

int bdrv_snapshot_delete(BlockDriverState *bs, const char *id,
                         const char *name, Error **errp)
{
    if (!bs->drv->snapshot_delete) {
        return snapshot_unsupported(bs, errp);
    }
    bdrv_lock_whole_node(bs);
    int ret = bs->drv->snapshot_delete(bs, id, name, errp);
    g_rec_mutex_unlock(&bs->lock);
    return ret;
}

int bdrv_measure(BlockDriver *drv, QemuOpts *opts, BlockDriverState *in_bs,
                 BlockMeasureInfo *info, Error **errp)
{
    memset(info, 0, sizeof(*info));
    if (!drv->measure) {
        error_setg(errp, "Block driver '%s' does not support size "
                   "measurement", drv->format_name);
        return -ENOTSUP;
    }
    return drv->measure(opts, in_bs, info, errp);
}

int bdrv_change_backing_file(BlockDriverState *bs, const char *backing_file,
                             const char *backing_fmt, Error **errp)
{
    if (!bs->drv->change_backing_file) {
        error_setg(errp, "Format '%s' does not support backing files",
                   bs->drv->format_name);
        return -ENOTSUP;
    }
    bdrv_lock_whole_node(bs);
    int ret = bs->drv->change_backing_file(bs, backing_file, backing_fmt,
                                           errp);
    g_rec_mutex_unlock(&bs->lock);
    if (ret == 0) {
        pstrcpy(bs->backing_file, sizeof(bs->backing_file),
                backing_file ? backing_file : "");
        pstrcpy(bs->backing_format, sizeof(bs->backing_format),
                backing_fmt ? backing_fmt : "");
    }
    return ret;
}

bool bdrv_has_zero_init(BlockDriverState *bs)
{
    if (bs->backing) {
        return false;
    }
    return bs->drv->has_zero_init;
}
