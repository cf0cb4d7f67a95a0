/*
 * The `luks` format: a LUKS1 volume in a file, as QEMU's luks driver and
 * cryptsetup make them.  The header and key slots come first; the guest
 * sees the payload that starts at the header's payload offset, encrypted
 * in 512-byte sectors whose IV is the guest sector number.
 *
 * Runtime option key-secret=ID names the passphrase (--object secret);
 * without it only metadata can be read (qemu-img info).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "crypto.h"
#include "qemu/bitops.h"
#include "qemu/secret.h"

#define LUKS_CHUNK (1 << 20)

typedef struct BDRVLuksState {
    LuksVolume *vol;
    uint64_t payload;           /* bytes */
} BDRVLuksState;

static int luks_probe(const uint8_t *buf, int buf_size, const char *filename)
{
    if (buf_size >= 8 && !memcmp(buf, "LUKS\xba\xbe\x00\x01", 8)) {
        return 100;
    }
    return 0;
}

static const QemuOptsList luks_runtime_opts = {
    .name = "luks",
    .desc = {
        { "key-secret", QEMU_OPT_STRING,
          "ID of the secret that provides the keyslot passphrase" },
        { NULL },
    },
};

static int luks_read_header(void *opaque, uint64_t offset, void *buf,
                            size_t len)
{
    BlockDriverState *bs = opaque;
    return bdrv_pread(bs->file, offset, len, buf, 0);
}

static int luks_write_header(void *opaque, uint64_t offset, const void *buf,
                             size_t len)
{
    BlockDriverState *bs = opaque;
    BDRVLuksState *s = bs->opaque;
    if (offset > s->payload || len > s->payload - offset) {
        return -EINVAL;     /* key material only, never the payload */
    }
    int ret = bdrv_pwrite(bs->file, offset, len, buf, 0);
    return ret < 0 ? ret : bdrv_flush(bs->file);
}

static const QemuOptsList luks_amend_opts = {
    .name = "luks-amend",
    .desc = {
        { "state", QEMU_OPT_STRING,
          "Select new state of affected keyslots (active/inactive)" },
        { "keyslot", QEMU_OPT_NUMBER,
          "Select a single keyslot to modify explicitly" },
        { "old-secret", QEMU_OPT_STRING,
          "Select all keyslots that match this password" },
        { "new-secret", QEMU_OPT_STRING,
          "New secret to set in the matching keyslots. Empty string to "
          "erase" },
        { "iter-time", QEMU_OPT_NUMBER,
          "Time to spend in PBKDF in milliseconds" },
        { NULL },
    },
};

/* qemu-img amend: add or erase key slots (crypto-luks.c's luks_amend). */
static int luks_amend_image(BlockDriverState *bs, QemuOpts *opts, bool force,
                            BlockAmendStatusCB *status_cb, void *cb_opaque,
                            Error **errp)
{
    BDRVLuksState *s = bs->opaque;
    LuksAmendOptions o;
    luks_amend_options_get(opts, "", &o);
    return luks_amend(s->vol, luks_read_header, luks_write_header, bs, &o,
                      force, errp);
}

static uint8_t *luks_secret(QemuOpts *opts, size_t *len, Error **errp)
{
    const char *id = opts ? qemu_opt_get(opts, "key-secret") : NULL;
    if (!id) {
        error_setg(errp, "Parameter 'key-secret' is required for cipher");
        return NULL;
    }
    return qemu_secret_lookup(id, len, errp);
}

static int luks_open_image(BlockDriverState *bs, QemuOpts *opts, int flags,
                           Error **errp)
{
    BDRVLuksState *s = bs->opaque;
    int64_t flen = bdrv_getlength(bs->file);
    if (flen < 0) {
        error_setg_errno(errp, (int)-flen, "Could not get the image size");
        return (int)flen;
    }
    uint8_t *secret = NULL;
    size_t secret_len = 0;
    if (!(flags & BDRV_O_NO_IO)) {
        secret = luks_secret(opts, &secret_len, errp);
        if (!secret) {
            return -EINVAL;
        }
    }
    s->vol = luks_open(luks_read_header, bs, (uint64_t)flen, secret,
                       secret_len, errp);
    if (secret) {
        memset(secret, 0, secret_len);
        g_free(secret);
    }
    if (!s->vol) {
        return -EINVAL;
    }
    s->payload = luks_payload_offset(s->vol);
    if (s->payload > (uint64_t)flen) {
        error_setg(errp, "LUKS payload offset %" PRIu64 " is beyond the end "
                   "of the file (%" PRId64 " bytes)", s->payload, flen);
        luks_free(s->vol);
        s->vol = NULL;
        return -EINVAL;
    }
    return 0;
}

static void luks_close(BlockDriverState *bs)
{
    BDRVLuksState *s = bs->opaque;
    luks_free(s->vol);
    s->vol = NULL;
}

static int64_t luks_getlength(BlockDriverState *bs)
{
    BDRVLuksState *s = bs->opaque;
    int64_t flen = bdrv_getlength(bs->file);
    if (flen < 0) {
        return flen;
    }
    /* Only whole sectors are payload. */
    return ((uint64_t)flen - s->payload) & ~(uint64_t)(LUKS_SECTOR_SIZE - 1);
}

/* Guest range -> sector window, bounced through the cipher. */
static int luks_pread(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      void *buf, int flags)
{
    BDRVLuksState *s = bs->opaque;
    uint8_t *out = buf;
    uint8_t *bounce = g_malloc(MIN(bytes, LUKS_CHUNK) + 2 * LUKS_SECTOR_SIZE);
    int ret = 0;
    while (bytes > 0 && ret == 0) {
        int64_t n = MIN(bytes, LUKS_CHUNK);
        uint64_t a = QEMU_ALIGN_DOWN((uint64_t)offset, LUKS_SECTOR_SIZE);
        uint64_t e = QEMU_ALIGN_UP((uint64_t)(offset + n), LUKS_SECTOR_SIZE);
        ret = bdrv_pread(bs->file, s->payload + a, e - a, bounce, 0);
        if (ret == 0) {
            ret = luks_decrypt(s->vol, a, bounce, e - a);
        }
        if (ret == 0) {
            memcpy(out, bounce + (offset - a), n);
        }
        offset += n;
        out += n;
        bytes -= n;
    }
    g_free(bounce);
    return ret;
}

static int luks_pwrite(BlockDriverState *bs, int64_t offset, int64_t bytes,
                       const void *buf, int flags)
{
    BDRVLuksState *s = bs->opaque;
    const uint8_t *in = buf;
    uint8_t *bounce = g_malloc(MIN(bytes, LUKS_CHUNK) + 2 * LUKS_SECTOR_SIZE);
    int ret = 0;
    while (bytes > 0 && ret == 0) {
        int64_t n = MIN(bytes, LUKS_CHUNK);
        uint64_t a = QEMU_ALIGN_DOWN((uint64_t)offset, LUKS_SECTOR_SIZE);
        uint64_t e = QEMU_ALIGN_UP((uint64_t)(offset + n), LUKS_SECTOR_SIZE);
        if (a != (uint64_t)offset || e != (uint64_t)(offset + n)) {
            ret = bdrv_pread(bs->file, s->payload + a, e - a, bounce, 0);
            if (ret == 0) {
                ret = luks_decrypt(s->vol, a, bounce, e - a);
            }
        }
        if (ret == 0) {
            memcpy(bounce + (offset - a), in, n);
            ret = luks_encrypt(s->vol, a, bounce, e - a);
        }
        if (ret == 0) {
            ret = bdrv_pwrite(bs->file, s->payload + a, e - a, bounce, flags);
        }
        offset += n;
        in += n;
        bytes -= n;
    }
    g_free(bounce);
    return ret;
}

/* Zeros must be encrypted like any data: no shortcut through the file. */
static int luks_pwrite_zeroes(BlockDriverState *bs, int64_t offset,
                              int64_t bytes, int flags)
{
    if (flags & BDRV_REQ_NO_FALLBACK) {
        return -ENOTSUP;
    }
    uint8_t *zeros = g_malloc0(MIN(bytes, LUKS_CHUNK));
    int ret = 0;
    while (bytes > 0 && ret == 0) {
        int64_t n = MIN(bytes, LUKS_CHUNK);
        ret = luks_pwrite(bs, offset, n, zeros, 0);
        offset += n;
        bytes -= n;
    }
    g_free(zeros);
    return ret;
}

static int luks_flush(BlockDriverState *bs)
{
    return bdrv_flush(bs->file);
}

static int luks_truncate(BlockDriverState *bs, int64_t offset, bool exact,
                         PreallocMode prealloc, Error **errp)
{
    BDRVLuksState *s = bs->opaque;
    if (offset % LUKS_SECTOR_SIZE) {
        error_setg(errp, "The new size must be a multiple of %d",
                   LUKS_SECTOR_SIZE);
        return -EINVAL;
    }
    return bdrv_truncate(bs->file, (int64_t)s->payload + offset, exact,
                         prealloc, errp);
}

static int luks_block_status(BlockDriverState *bs, int64_t offset,
                             int64_t bytes, int64_t *pnum, int64_t *map,
                             BlockDriverState **file)
{
    /* Every sector is ciphertext: data, never a host-visible copy. */
    *pnum = bytes;
    return BDRV_BLOCK_DATA | BDRV_BLOCK_ALLOCATED;
}

static int luks_get_info(BlockDriverState *bs, BlockDriverInfo *bdi)
{
    bdi->is_encrypted = true;
    return 0;
}

static InfoNode *luks_specific_info(BlockDriverState *bs, Error **errp)
{
    BDRVLuksState *s = bs->opaque;
    return luks_info(s->vol, false);
}

static const QemuOptsList luks_create_opts = {
    .name = "luks-create-opts",
    .desc = {
        { BLOCK_OPT_SIZE, QEMU_OPT_SIZE, "Virtual disk size" },
        { "key-secret", QEMU_OPT_STRING,
          "ID of the secret that provides the keyslot passphrase" },
        { "cipher-alg", QEMU_OPT_STRING,
          "Name of encryption cipher algorithm" },
        { "cipher-mode", QEMU_OPT_STRING, "Name of encryption cipher mode" },
        { "ivgen-alg", QEMU_OPT_STRING, "Name of IV generator algorithm" },
        { "ivgen-hash-alg", QEMU_OPT_STRING,
          "Name of IV generator hash algorithm" },
        { "hash-alg", QEMU_OPT_STRING, "Name of encryption hash algorithm" },
        { "iter-time", QEMU_OPT_NUMBER,
          "Time to spend in PBKDF in milliseconds" },
        { BLOCK_OPT_PREALLOC, QEMU_OPT_STRING,
          "Preallocation mode (allowed values: off, falloc, full)" },
        { NULL },
    },
};

static int luks_create_image(const char *filename, QemuOpts *opts,
                             Error **errp)
{
    size_t secret_len = 0;
    uint8_t *secret = luks_secret(opts, &secret_len, errp);
    if (!secret) {
        return -EINVAL;
    }
    uint64_t size = QEMU_ALIGN_UP(qemu_opt_get_size(opts, BLOCK_OPT_SIZE, 0),
                                  LUKS_SECTOR_SIZE);
    const char *pa = qemu_opt_get(opts, BLOCK_OPT_PREALLOC);
    int prealloc = pa ? prealloc_mode_parse(pa) : PREALLOC_MODE_OFF;
    if (prealloc < 0 || prealloc == PREALLOC_MODE_METADATA) {
        error_setg(errp, "Parameter 'preallocation' does not accept value "
                   "'%s'", pa);
        g_free(secret);
        return -EINVAL;
    }
    LuksCreateOptions lo;
    luks_create_options_get(opts, "", &lo);
    uint8_t *hdr = NULL;
    size_t hdr_len = 0;
    LuksVolume *v = luks_create(&lo, secret, secret_len, &hdr, &hdr_len, errp);
    memset(secret, 0, secret_len);
    g_free(secret);
    if (!v) {
        return -EINVAL;
    }
    luks_free(v);
    QemuOpts *fopts = qemu_opts_create(bdrv_file.create_opts);
    int ret = bdrv_file.create(filename, fopts, errp);
    qemu_opts_del(fopts);
    BlockDriverState *file = NULL;
    if (ret == 0) {
        file = bdrv_open_child_file(filename, BDRV_O_RDWR, errp);
        ret = file ? 0 : -EIO;
    }
    if (ret == 0) {
        ret = bdrv_pwrite(file, 0, hdr_len, hdr, 0);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not write the LUKS header");
        }
    }
    if (ret == 0) {
        ret = bdrv_truncate(file, (int64_t)(hdr_len + size), true, prealloc,
                            errp);
    }
    if (ret == 0) {
        ret = bdrv_flush(file);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not sync the new image");
        }
    }
    if (file) {
        bdrv_close(file);
    }
    g_free(hdr);
    return ret;
}

BlockDriver bdrv_luks = {
    .format_name = "luks",
    .instance_size = sizeof(BDRVLuksState),
    .probe = luks_probe,
    .open = luks_open_image,
    .close = luks_close,
    .runtime_opts = &luks_runtime_opts,
    .create = luks_create_image,
    .create_opts = &luks_create_opts,
    .pread = luks_pread,
    .pwrite = luks_pwrite,
    .pwrite_zeroes = luks_pwrite_zeroes,
    .flush = luks_flush,
    .truncate = luks_truncate,
    .getlength = luks_getlength,
    .block_status = luks_block_status,
    .get_info = luks_get_info,
    .get_specific_info = luks_specific_info,
    .amend = luks_amend_image,
    .amend_opts = &luks_amend_opts,
};
