/*
 * qcow2 external data files (incompatible bit 2, header extension
 * 0x44415441 holding the file name): naming, opening and creating the
 * data file, and what info says about it.  The mapping side (identity
 * host offsets, no refcounts for data clusters) is in qcow2-cluster.c,
 * checking in qcow2-check.c.
 *
 * With data_file_raw (autoclear bit 1) the data file must stay a valid
 * raw image of the guest disk: every cluster is mapped from creation on
 * and zero writes also write zeros there.  A tool that does not know the
 * bit clears it when it writes, as QEMU's autoclear rules say.
 *
 * The recorded name is resolved relative to the image's directory, as a
 * backing file name is; the runtime option data-file.filename overrides it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "qcow2.h"

#define QCOW2_MAX_DATA_FILE_NAME 1023

int qcow2_data_file_parse_ext(BlockDriverState *bs, const uint8_t *data,
                              uint32_t len, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    if (len > QCOW2_MAX_DATA_FILE_NAME || memchr(data, 0, len)) {
        error_setg(errp, "Invalid external data file name in the header "
                   "extension (%u bytes)", len);
        return -EINVAL;
    }
    g_free(s->data_file_name);
    s->data_file_name = g_strndup((const char *)data, len);
    return 0;
}

int qcow2_data_file_open(BlockDriverState *bs, QemuOpts *opts, int flags,
                         Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    const char *given = opts ? qemu_opt_get(opts, "data-file.filename")
                             : NULL;
    if (!qcow2_has_data_file(s)) {
        if (given) {
            error_setg(errp, "'data-file' can only be set for images with an "
                       "external data file");
            return -EINVAL;
        }
        return 0;
    }
    if (s->version < 3) {
        error_setg(errp, "External data file bit set in a version 2 image");
        return -EINVAL;
    }
    if (flags & BDRV_O_NO_IO) {
        return 0;   /* info: the name is all it needs, as in QEMU */
    }
    if (!given && !s->data_file_name) {
        error_setg(errp, "'data-file' is required for this image");
        return -EINVAL;
    }
    char *path = given ? g_strdup(given)
                       : bdrv_path_combine(bs->filename, s->data_file_name);
    int child_flags = flags & (BDRV_O_RDWR | BDRV_O_NOCACHE |
                               BDRV_O_NO_FLUSH | BDRV_O_FORCE_SHARE);
    if (bs->read_only) {
        child_flags &= ~BDRV_O_RDWR;
    }
    s->data_file = bdrv_open_child_file(path, child_flags, errp);
    g_free(path);
    return s->data_file ? 0 : -EIO;
}

void qcow2_data_file_close(BDRVQcow2State *s)
{
    if (s->data_file) {
        bdrv_close(s->data_file);
        s->data_file = NULL;
    }
    g_free(s->data_file_name);
    s->data_file_name = NULL;
}

int qcow2_data_file_create_opts(QemuOpts *opts, BDRVQcow2State *s,
                                Error **errp)
{
    const char *name = qemu_opt_get(opts, "data_file");
    bool raw = qemu_opt_get_bool(opts, "data_file_raw", false);
    if (!name) {
        if (raw) {
            error_setg(errp, "data-file-raw requires data-file");
            return -EINVAL;
        }
        return 0;
    }
    if (s->version < 3) {
        error_setg(errp, "External data files are only supported with "
                   "compatibility level 1.1 and above (use version=v3 or "
                   "greater)");
        return -EINVAL;
    }
    if (!name[0] || strlen(name) > QCOW2_MAX_DATA_FILE_NAME) {
        error_setg(errp, "Invalid data file name '%s'", name);
        return -EINVAL;
    }
    s->incompatible_features |= QCOW2_INCOMPAT_DATA_FILE;
    if (raw) {
        s->autoclear_features |= QCOW2_AUTOCLEAR_DATA_FILE_RAW;
    }
    s->data_file_name = g_strdup(name);
    return 0;
}

/* Make the (empty) data file, named relative to the image's directory. */
int qcow2_data_file_create(const char *filename, BDRVQcow2State *s,
                           Error **errp)
{
    if (!qcow2_has_data_file(s)) {
        return 0;
    }
    char *path = bdrv_path_combine(filename, s->data_file_name);
    QemuOpts *fopts = qemu_opts_create(bdrv_file.create_opts);
    int ret = bdrv_file.create(path, fopts, errp);
    qemu_opts_del(fopts);
    g_free(path);
    return ret;
}

void qcow2_data_file_info(BlockDriverState *bs, InfoNode *d)
{
    BDRVQcow2State *s = bs->opaque;
    if (!qcow2_has_data_file(s)) {
        return;
    }
    if (s->data_file_name) {
        info_add_str(d, "data-file", s->data_file_name);
    }
}

void qcow2_data_file_info_raw(BlockDriverState *bs, InfoNode *d)
{
    BDRVQcow2State *s = bs->opaque;
    if (qcow2_has_data_file(s)) {
        info_add_bool(d, "data-file-raw", qcow2_data_file_is_raw(s));
    }
}
