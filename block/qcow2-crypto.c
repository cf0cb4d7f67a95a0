/*
 * qcow2 encryption (crypt_method 2, encrypt.format=luks): the crypto
 * header extension, unlocking at open, creation, and the en/decryption
 * of data clusters.  The LUKS machinery itself is block/crypto-luks.c.
 *
 * As in QEMU, a LUKS header (with its key slots) lives in clusters of the
 * image file that the extension names (offset, length: two BE64), and its
 * payload offset is unused.  Data is encrypted in 512-byte sectors whose
 * IV counts from the sector's *host* offset, so a cluster's ciphertext
 * stays valid only where it is; copies re-encrypt.  With an external data
 * file the ciphertext lives there (the host offset is the data file's) and
 * the LUKS header stays in the image file, as in QEMU.  Compressed clusters
 * and encryption do not mix (QEMU refuses it too).
 *
 * The legacy AES method (crypt_method 1, QEMU's deprecated
 * encrypt.format=aes) is read only: AES-128-CBC, the key the first 16
 * bytes of the secret (zero padded), IV the *guest* sector number.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <nettle/aes.h>
#include <nettle/cbc.h>

#include "crypto.h"
#include "qcow2.h"
#include "qemu/bitops.h"
#include "qemu/bswap.h"
#include "qemu/secret.h"

#define CRYPTO_CHUNK (1 * MiB)

int qcow2_crypto_parse_ext(BlockDriverState *bs, const uint8_t *data,
                           uint32_t len, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    if (len != 16) {
        error_setg(errp, "CRYPTO header extension size %u, but expected size "
                   "16", len);
        return -EINVAL;
    }
    s->crypto_header_offset = ldq_be_p(data);
    s->crypto_header_length = ldq_be_p(data + 8);
    return 0;
}

static int read_header_area(void *opaque, uint64_t offset, void *buf,
                            size_t len)
{
    BlockDriverState *bs = opaque;
    BDRVQcow2State *s = bs->opaque;
    if (offset > s->crypto_header_length ||
        len > s->crypto_header_length - offset) {
        return -EINVAL;
    }
    return bdrv_pread(bs->file, s->crypto_header_offset + offset, len, buf,
                      0);
}

static int write_header_area(void *opaque, uint64_t offset, const void *buf,
                             size_t len)
{
    BlockDriverState *bs = opaque;
    BDRVQcow2State *s = bs->opaque;
    if (offset > s->crypto_header_length ||
        len > s->crypto_header_length - offset) {
        return -EINVAL;
    }
    int ret = bdrv_pwrite(bs->file, s->crypto_header_offset + offset, len,
                          buf, 0);
    return ret < 0 ? ret : bdrv_flush(bs->file);
}

/* amend's encrypt.state/keyslot/old-secret/new-secret/iter-time. */
int qcow2_crypto_amend(BlockDriverState *bs, QemuOpts *opts, bool force,
                       Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    if (s->crypt_method == QCOW_CRYPT_NONE) {
        error_setg(errp, "Can't amend encryption options - encryption not "
                   "present");
        return -EINVAL;
    }
    if (s->crypt_method != QCOW_CRYPT_LUKS || !s->crypto) {
        error_setg(errp, "Amend can't be used to change the qcow2 encryption "
                   "format");
        return -ENOTSUP;
    }
    LuksAmendOptions o;
    luks_amend_options_get(opts, "encrypt.", &o);
    return luks_amend(s->crypto, read_header_area, write_header_area, bs, &o,
                      force, errp);
}

static uint8_t *secret_from(QemuOpts *opts, const char *key, size_t *len,
                            Error **errp)
{
    const char *id = opts ? qemu_opt_get(opts, key) : NULL;
    if (!id) {
        error_setg(errp, "Parameter '%s' is required for cipher", key);
        return NULL;
    }
    return qemu_secret_lookup(id, len, errp);
}

static int open_legacy_aes(BlockDriverState *bs, QemuOpts *opts, int flags,
                           const char *fmt, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    if (fmt && strcmp(fmt, "aes")) {
        error_setg(errp, "Header reported 'aes' encryption format but "
                   "options specify '%s'", fmt);
        return -EINVAL;
    }
    if (!s->read_only && !(flags & BDRV_O_NO_IO)) {
        error_setg(errp, "qcow2 images with the legacy 'aes' encryption can "
                   "only be opened read-only here (convert them to "
                   "encrypt.format=luks)");
        return -ENOTSUP;
    }
    if (flags & BDRV_O_NO_IO) {
        return 0;
    }
    size_t len = 0;
    uint8_t *secret = secret_from(opts, "encrypt.key-secret", &len, errp);
    if (!secret) {
        return -EINVAL;
    }
    uint8_t key[AES128_KEY_SIZE] = { 0 };
    memcpy(key, secret, MIN(len, sizeof(key)));
    memset(secret, 0, len);
    g_free(secret);
    struct aes128_ctx *ctx = g_new(struct aes128_ctx, 1);
    aes128_set_decrypt_key(ctx, key);
    memset(key, 0, sizeof(key));
    s->legacy_aes = ctx;
    return 0;
}

/* Legacy AES: decrypt whole sectors in place; @guest is sector aligned. */
static void legacy_aes_decrypt(BDRVQcow2State *s, uint64_t guest,
                               uint8_t *buf, size_t len)
{
    for (size_t off = 0; off < len; off += LUKS_SECTOR_SIZE) {
        uint8_t iv[AES_BLOCK_SIZE] = { 0 };
        stq_le_p(iv, (guest + off) / LUKS_SECTOR_SIZE);
        cbc_decrypt(s->legacy_aes, (nettle_cipher_func *)aes128_decrypt,
                    AES_BLOCK_SIZE, iv, LUKS_SECTOR_SIZE, buf + off,
                    buf + off);
    }
}

int qcow2_crypto_open(BlockDriverState *bs, QemuOpts *opts, int flags,
                      int64_t file_len, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    const char *fmt = opts ? qemu_opt_get(opts, "encrypt.format") : NULL;
    if (s->crypt_method != QCOW_CRYPT_LUKS && s->crypto_header_length) {
        error_setg(errp, "CRYPTO header extension only expected with LUKS "
                   "encryption method");
        return -EINVAL;
    }
    if (s->crypt_method == QCOW_CRYPT_NONE) {
        if (fmt) {
            error_setg(errp, "Parameter 'encrypt.format' requires an "
                       "encrypted image");
            return -EINVAL;
        }
        return 0;
    }
    if (s->crypt_method == QCOW_CRYPT_AES) {
        return open_legacy_aes(bs, opts, flags, fmt, errp);
    }
    if (s->crypt_method != QCOW_CRYPT_LUKS) {
        error_setg(errp, "Unsupported encryption method: %u",
                   s->crypt_method);
        return -EINVAL;
    }
    if (fmt && strcmp(fmt, "luks")) {
        error_setg(errp, "Header reported 'luks' encryption format but "
                   "options specify '%s'", fmt);
        return -EINVAL;
    }
    if (!s->crypto_header_length) {
        error_setg(errp, "Missing CRYPTO header for crypt method 2");
        return -EINVAL;
    }
    if (offset_into_cluster(s, s->crypto_header_offset) ||
        s->crypto_header_offset < (uint64_t)s->cluster_size ||
        s->crypto_header_offset > (uint64_t)file_len ||
        s->crypto_header_length > (uint64_t)file_len -
                                  s->crypto_header_offset) {
        error_setg(errp, "Invalid CRYPTO header: offset %#" PRIx64 " length "
                   "%#" PRIx64 " (file size %#" PRIx64 ")",
                   s->crypto_header_offset, s->crypto_header_length,
                   (uint64_t)file_len);
        return -EINVAL;
    }
    uint8_t *secret = NULL;
    size_t secret_len = 0;
    if (!(flags & BDRV_O_NO_IO)) {
        secret = secret_from(opts, "encrypt.key-secret", &secret_len, errp);
        if (!secret) {
            return -EINVAL;
        }
    }
    s->crypto = luks_open(read_header_area, bs, s->crypto_header_length,
                          secret, secret_len, errp);
    if (secret) {
        memset(secret, 0, secret_len);
        g_free(secret);
    }
    return s->crypto ? 0 : -EINVAL;
}

bool qcow2_create_wants_encryption(QemuOpts *opts, Error **errp)
{
    const char *fmt = qemu_opt_get(opts, "encrypt.format");
    if (qemu_opt_get_bool(opts, "encryption", false)) {
        if (fmt && strcmp(fmt, "aes")) {
            error_setg(errp, "Options \"encryption\" and \"encrypt.format\" "
                       "are mutually exclusive");
            return false;
        }
        fmt = "aes";
    }
    if (fmt && !strcmp(fmt, "aes")) {
        error_setg(errp, "Encryption format 'aes' is deprecated in QEMU and "
                   "only read here; use encrypt.format=luks");
        return false;
    }
    if (fmt && strcmp(fmt, "luks")) {
        error_setg(errp, "Parameter 'format' does not accept value '%s'", fmt);
        return false;
    }
    return fmt != NULL;
}

/*
 * Make the LUKS header for a new image: clusters for it, the crypto
 * extension and crypt_method in the header, then the unlocked volume.
 */
int qcow2_crypto_create(BlockDriverState *bs, QemuOpts *opts, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    size_t secret_len = 0;
    uint8_t *secret = secret_from(opts, "encrypt.key-secret", &secret_len,
                                  errp);
    if (!secret) {
        return -EINVAL;
    }
    LuksCreateOptions lo;
    luks_create_options_get(opts, "encrypt.", &lo);
    uint8_t *hdr = NULL;
    size_t hdr_len = 0;
    LuksVolume *v = luks_create(&lo, secret, secret_len, &hdr, &hdr_len,
                                errp);
    memset(secret, 0, secret_len);
    g_free(secret);
    if (!v) {
        return -EINVAL;
    }
    uint64_t alloc = ROUND_UP(hdr_len, (uint64_t)s->cluster_size);
    int64_t off = qcow2_alloc_clusters(bs, alloc);
    int ret = off < 0 ? (int)off : 0;
    if (ret == 0) {
        ret = qcow2_cache_flush(bs, s->refcount_cache);
    }
    if (ret == 0) {
        ret = bdrv_pwrite(bs->file, off, hdr_len, hdr, 0);
    }
    g_free(hdr);
    if (ret < 0) {
        luks_free(v);
        error_setg_errno(errp, -ret, "Could not write the LUKS header");
        return ret;
    }
    s->crypt_method = QCOW_CRYPT_LUKS;
    s->crypto_header_offset = off;
    s->crypto_header_length = hdr_len;
    s->crypto = v;
    return qcow2_rewrite_header(bs, errp);
}

/*
 * Sector-aligned window [*start, *end) around [host, host+bytes): the unit
 * the cipher works in.
 */
static void sector_window(uint64_t host, uint64_t bytes, uint64_t *start,
                          uint64_t *end)
{
    *start = host & ~(uint64_t)(LUKS_SECTOR_SIZE - 1);
    *end = ROUND_UP(host + bytes, (uint64_t)LUKS_SECTOR_SIZE);
}

int qcow2_crypto_pread(BlockDriverState *bs, uint64_t host, uint64_t guest,
                       uint64_t bytes, uint8_t *buf)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t *bounce = g_malloc(MIN(bytes, (uint64_t)CRYPTO_CHUNK) +
                               2 * LUKS_SECTOR_SIZE);
    int ret = 0;
    while (bytes && ret == 0) {
        uint64_t n = MIN(bytes, (uint64_t)CRYPTO_CHUNK);
        uint64_t a, e;
        sector_window(host, n, &a, &e);
        ret = bdrv_pread(qcow2_data_bs(bs), a, e - a, bounce, 0);
        if (ret == 0 && s->legacy_aes) {
            /* Host and guest offsets agree modulo the sector size. */
            legacy_aes_decrypt(s, guest - (host - a), bounce, e - a);
        } else if (ret == 0) {
            ret = luks_decrypt(s->crypto, a, bounce, e - a);
        }
        if (ret == 0) {
            memcpy(buf, bounce + (host - a), n);
        }
        host += n;
        guest += n;
        buf += n;
        bytes -= n;
    }
    g_free(bounce);
    return ret;
}

int qcow2_crypto_pwrite(BlockDriverState *bs, uint64_t host, uint64_t bytes,
                        const uint8_t *buf)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t *bounce = g_malloc(MIN(bytes, (uint64_t)CRYPTO_CHUNK) +
                               2 * LUKS_SECTOR_SIZE);
    int ret = 0;
    while (bytes && ret == 0) {
        uint64_t n = MIN(bytes, (uint64_t)CRYPTO_CHUNK);
        uint64_t a, e;
        sector_window(host, n, &a, &e);
        if (a != host || e != host + n) {
            /* Partial sectors: keep the rest of their plaintext. */
            ret = bdrv_pread(qcow2_data_bs(bs), a, e - a, bounce, 0);
            if (ret == 0) {
                ret = luks_decrypt(s->crypto, a, bounce, e - a);
            }
        }
        if (ret == 0) {
            memcpy(bounce + (host - a), buf, n);
            ret = luks_encrypt(s->crypto, a, bounce, e - a);
        }
        if (ret == 0) {
            ret = bdrv_pwrite(qcow2_data_bs(bs), a, e - a, bounce, 0);
        }
        host += n;
        buf += n;
        bytes -= n;
    }
    g_free(bounce);
    return ret;
}

int qcow2_data_pwrite(BlockDriverState *bs, uint64_t host, uint64_t bytes,
                      const uint8_t *buf)
{
    BDRVQcow2State *s = bs->opaque;
    if (s->crypto) {
        return qcow2_crypto_pwrite(bs, host, bytes, buf);
    }
    return bdrv_pwrite(qcow2_data_bs(bs), host, bytes, buf, 0);
}

InfoNode *qcow2_crypto_info(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    if (s->crypto) {
        return luks_info(s->crypto, true);
    }
    if (s->crypt_method == QCOW_CRYPT_AES) {
        InfoNode *d = info_new_dict();
        info_add_str(d, "format", "aes");
        return d;
    }
    return NULL;
}

void qcow2_crypto_free(BDRVQcow2State *s)
{
    luks_free(s->crypto);
    s->crypto = NULL;
    g_free(s->legacy_aes);
    s->legacy_aes = NULL;
}
