/*
 * Creating VMDK images in every subformat we write: monolithicSparse,
 * monolithicFlat, twoGbMaxExtentSparse, twoGbMaxExtentFlat,
 * streamOptimized, vmfs (flat), vmfsSparse (COWD) and seSparse.  The
 * descriptor text and file naming follow QEMU ("name-flat.vmdk",
 * "name-s001.vmdk", "name-f001.vmdk") and ESXi ("name-sesparse.vmdk",
 * "name-delta.vmdk").
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include "block/vmdk.h"
#include "qemu/bitops.h"
#include "qemu/bswap.h"

const char *const vmdk_subformat_names[VMDK_SUB__MAX] = {
    [VMDK_SUB_MONOLITHIC_SPARSE] = "monolithicSparse",
    [VMDK_SUB_MONOLITHIC_FLAT] = "monolithicFlat",
    [VMDK_SUB_TWOGB_SPARSE] = "twoGbMaxExtentSparse",
    [VMDK_SUB_TWOGB_FLAT] = "twoGbMaxExtentFlat",
    [VMDK_SUB_STREAM_OPTIMIZED] = "streamOptimized",
    [VMDK_SUB_SESPARSE] = "seSparse",
    [VMDK_SUB_VMFS] = "vmfs",
    [VMDK_SUB_VMFS_SPARSE] = "vmfsSparse",
};

int vmdk_subformat_parse(const char *name)
{
    for (int i = 0; i < VMDK_SUB__MAX; i++) {
        if (!strcmp(name, vmdk_subformat_names[i])) {
            return i;
        }
    }
    return -1;
}

#define COWD_GRAIN_SECTORS 1
#define COWD_GT_ENTRIES    4096
#define COWD_GD_SECTOR     4

/* A COWD (vmfsSparse) file: header, directory; tables are allocated as
 * they are needed. */
static int cowd_init_file(VmdkFile *f, uint64_t capacity, Error **errp)
{
    uint64_t gd_entries = DIV_ROUND_UP(capacity,
                                       COWD_GT_ENTRIES * COWD_GRAIN_SECTORS);
    uint64_t gd_sectors = DIV_ROUND_UP(gd_entries * 4, VMDK_SECTOR);
    uint8_t hdr[VMDK_SECTOR] = { 0 };
    int ret;

    if (capacity > UINT32_MAX) {
        error_setg(errp, "vmfsSparse extents hold at most 2 TiB");
        return -EFBIG;
    }
    stl_be_p(hdr, VMDK3_MAGIC);
    stl_le_p(hdr + 4, 1);
    stl_le_p(hdr + 8, 3);
    stl_le_p(hdr + 12, capacity);
    stl_le_p(hdr + 16, COWD_GRAIN_SECTORS);
    stl_le_p(hdr + 20, COWD_GD_SECTOR);
    stl_le_p(hdr + 24, gd_entries);
    stl_le_p(hdr + 28, COWD_GD_SECTOR + gd_sectors);
    ret = vmdk_file_truncate(f, (COWD_GD_SECTOR + gd_sectors) * VMDK_SECTOR);
    if (ret == 0) {
        ret = vmdk_file_write(f, 0, hdr, sizeof(hdr));
    }
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not write COWD header to '%s'",
                         f->filename);
    }
    return ret;
}

static void split_name(const char *filename, char **prefix, char **postfix)
{
    char *base = g_path_get_basename(filename);
    char *dot = strrchr(base, '.');

    if (dot) {
        *postfix = g_strdup(dot);
        *dot = 0;
    } else {
        *postfix = g_strdup("");
    }
    *prefix = base;
}

static void close_file(VmdkFile *f)
{
    if (f && f->ops->close) {
        vmdk_file_flush(f);
        f->ops->close(f);
    }
}

int vmdk_create(const char *filename, const VmdkCreateOptions *o,
                VmdkOpenFileFn open_file, void *opaque, Error **errp)
{
    VmdkSubformat sub = o->subformat;
    bool flat = sub == VMDK_SUB_MONOLITHIC_FLAT || sub == VMDK_SUB_TWOGB_FLAT
                || sub == VMDK_SUB_VMFS;
    bool split = sub == VMDK_SUB_TWOGB_FLAT || sub == VMDK_SUB_TWOGB_SPARSE;
    bool embedded = sub == VMDK_SUB_MONOLITHIC_SPARSE ||
                    sub == VMDK_SUB_STREAM_OPTIMIZED;
    const char *hw = o->hw_version;
    const char *adapter = o->adapter_type ? o->adapter_type : "ide";
    uint64_t sectors = DIV_ROUND_UP(o->size, VMDK_SECTOR);
    uint32_t heads;
    char *prefix, *postfix;
    GString *lines = g_string_new(NULL);
    VmdkFile *main = NULL;
    char *desc = NULL;
    int ret = 0;

    split_name(filename, &prefix, &postfix);
    if (o->compat6) {
        if (hw) {
            error_setg(errp, "compat6 cannot be enabled with hwversion set");
            ret = -EINVAL;
            goto out;
        }
        hw = "6";
    }
    if (!hw) {
        hw = "4";
    }
    if (strcmp(adapter, "ide") && strcmp(adapter, "lsilogic") &&
        strcmp(adapter, "buslogic") && strcmp(adapter, "legacyESX")) {
        error_setg(errp, "invalid parameter value: %s", adapter);
        ret = -EINVAL;
        goto out;
    }
    heads = strcmp(adapter, "ide") ? 255 : 16;
    if (flat && o->backing_file) {
        error_setg(errp, "Flat image can't have backing file");
        ret = -ENOTSUP;
        goto out;
    }
    if (flat && o->zeroed_grain) {
        error_setg(errp, "Flat image can't enable zeroed grain");
        ret = -ENOTSUP;
        goto out;
    }
    if (sectors == 0 && sub == VMDK_SUB_SESPARSE) {
        error_setg(errp, "seSparse images need a size");
        ret = -EINVAL;
        goto out;
    }

    {
        char *mainname = g_strdup_printf("%s%s", prefix, postfix);
        main = open_file(opaque, mainname, true, errp);
        g_free(mainname);
    }
    if (!main) {
        ret = -EIO;
        goto out;
    }
    if (embedded) {
        ret = vmdk_sparse_init_file(main, sectors,
                                    sub == VMDK_SUB_STREAM_OPTIMIZED,
                                    o->zeroed_grain, errp);
        if (ret < 0) {
            goto out;
        }
        g_string_append_printf(lines, "RW %" PRIu64 " SPARSE \"%s%s\"\n",
                               sectors, prefix, postfix);
    } else {
        uint64_t chunk = split ? (0x80000000ULL / VMDK_SECTOR) : sectors;
        uint64_t done = 0;
        int idx = 1;

        do {
            uint64_t n = MIN(chunk, sectors - done);
            char *name;
            VmdkFile *f;

            if (split) {
                name = g_strdup_printf("%s-%c%03d%s", prefix, flat ? 'f' : 's',
                                       idx, postfix);
            } else if (sub == VMDK_SUB_SESPARSE) {
                name = g_strdup_printf("%s-sesparse%s", prefix, postfix);
            } else if (sub == VMDK_SUB_VMFS_SPARSE) {
                name = g_strdup_printf("%s-delta%s", prefix, postfix);
            } else {
                name = g_strdup_printf("%s-flat%s", prefix, postfix);
            }
            f = open_file(opaque, name, true, errp);
            if (!f) {
                g_free(name);
                ret = -EIO;
                goto out;
            }
            switch (sub) {
            case VMDK_SUB_SESPARSE:
                ret = sesparse_init_file(f, n, errp);
                g_string_append_printf(lines, "RW %" PRIu64 " SESPARSE "
                                       "\"%s\"\n", n, name);
                break;
            case VMDK_SUB_VMFS_SPARSE:
                ret = cowd_init_file(f, n, errp);
                g_string_append_printf(lines, "RW %" PRIu64 " VMFSSPARSE "
                                       "\"%s\"\n", n, name);
                break;
            case VMDK_SUB_VMFS:
                ret = vmdk_file_truncate(f, n * VMDK_SECTOR);
                g_string_append_printf(lines, "RW %" PRIu64 " VMFS \"%s\"\n",
                                       n, name);
                break;
            default:
                if (flat) {
                    ret = vmdk_file_truncate(f, n * VMDK_SECTOR);
                    g_string_append_printf(lines, "RW %" PRIu64 " FLAT "
                                           "\"%s\" 0\n", n, name);
                } else {
                    ret = vmdk_sparse_init_file(f, n, false, o->zeroed_grain,
                                                errp);
                    g_string_append_printf(lines, "RW %" PRIu64 " SPARSE "
                                           "\"%s\"\n", n, name);
                }
                break;
            }
            if (ret < 0 && !(errp && *errp)) {
                error_setg_errno(errp, -ret, "Could not create '%s'", name);
            }
            g_free(name);
            close_file(f);
            if (ret < 0) {
                goto out;
            }
            done += n;
            idx++;
        } while (done < sectors);
    }

    {
        VmdkDescParams p = {
            .cid = o->cid,
            .parent_cid = o->backing_file ? o->parent_cid : 0xffffffff,
            .create_type = vmdk_subformat_names[sub],
            .parent_hint = o->backing_file,
            .extent_lines = lines->str,
            .hw_version = hw,
            .cylinders = o->size / (63ULL * heads * VMDK_SECTOR),
            .heads = heads,
            .adapter_type = adapter,
            .tools_version = o->tools_version ? o->tools_version
                                              : "2147483647",
        };
        size_t len;

        desc = vmdk_desc_format(&p);
        len = strlen(desc);
        if (embedded) {
            if (len > 20 * VMDK_SECTOR) {
                error_setg(errp, "Descriptor too long for the embedded "
                           "descriptor area");
                ret = -EINVAL;
                goto out;
            }
            ret = vmdk_file_write(main, VMDK_SECTOR, desc, len);
        } else {
            ret = vmdk_file_truncate(main, 0);
            if (ret == 0) {
                ret = vmdk_file_write(main, 0, desc, len);
            }
        }
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not write description");
        }
    }

out:
    close_file(main);
    g_free(desc);
    g_free(prefix);
    g_free(postfix);
    g_string_free(lines, true);
    return ret;
}
