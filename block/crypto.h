/*
 * LUKS1 volumes (block/crypto-luks.c): the header and key slots as the
 * LUKS On-Disk Format Specification 1.2.3 defines them, the payload
 * cipher, and the QEMU 7.2 option names that choose them.  Used by the
 * standalone `luks` format (block/luks.c) and by qcow2's
 * encrypt.format=luks (block/qcow2-crypto.c), which differ only in where
 * the header lives and which offset feeds the IV.
 *
 * All cryptography is nettle's; this file only arranges it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef BLOCK_CRYPTO_H
#define BLOCK_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "block/block_int.h"

#define LUKS_SECTOR_SIZE 512
#define LUKS_NUM_SLOTS 8

typedef struct LuksVolume LuksVolume;

/* The creation choices, by QEMU's names; NULL/0 = QEMU's default. */
typedef struct LuksCreateOptions {
    const char *cipher_alg;         /* aes-256 */
    const char *cipher_mode;        /* xts */
    const char *ivgen_alg;          /* plain64 */
    const char *ivgen_hash_alg;     /* sha256 with essiv, else none */
    const char *hash_alg;           /* sha256 */
    uint64_t iter_time;             /* ms of PBKDF2 per key slot: 2000 */
    bool has_iter_time;
} LuksCreateOptions;

/* Reads @len bytes at @offset of the header area; 0 or -errno. */
typedef int (*LuksReadFunc)(void *opaque, uint64_t offset, void *buf,
                            size_t len);

/* Fill @o from @opts, each key being @prefix + QEMU's name. */
void luks_create_options_get(QemuOpts *opts, const char *prefix,
                             LuksCreateOptions *o);

/*
 * Make a new volume keyed by @secret: the whole header area (header and
 * the eight key-slot areas, slot 0 active) is returned in *@header,
 * *@header_len bytes, which is also where the payload starts.
 */
LuksVolume *luks_create(const LuksCreateOptions *o, const uint8_t *secret,
                        size_t secret_len, uint8_t **header,
                        size_t *header_len, Error **errp);

/*
 * Parse the header in an area of @area_len bytes read through @read, and
 * unlock it with @secret.  @secret NULL opens for metadata only (info):
 * luks_encrypt/luks_decrypt then fail with -EACCES.  A wrong secret is an
 * error, "Invalid password, cannot unlock any keyslot".
 */
LuksVolume *luks_open(LuksReadFunc read, void *opaque, uint64_t area_len,
                      const uint8_t *secret, size_t secret_len, Error **errp);

void luks_free(LuksVolume *v);

/* Where the payload starts in a standalone volume, bytes. */
uint64_t luks_payload_offset(const LuksVolume *v);
bool luks_has_key(const LuksVolume *v);

/*
 * En/decrypt @len bytes in place; @offset (the IV's sector number times
 * 512) and @len are multiples of 512.
 */
int luks_encrypt(LuksVolume *v, uint64_t offset, uint8_t *buf, size_t len);
int luks_decrypt(LuksVolume *v, uint64_t offset, uint8_t *buf, size_t len);

/* Writes @len bytes at @offset of the header area; 0 or -errno. */
typedef int (*LuksWriteFunc)(void *opaque, uint64_t offset, const void *buf,
                             size_t len);

/* qemu-img amend's key slot options, by QEMU's names (secret IDs). */
typedef struct LuksAmendOptions {
    const char *state;              /* "active" | "inactive" (required) */
    bool has_keyslot;
    int64_t keyslot;
    const char *old_secret;         /* erase the slots it unlocks */
    const char *new_secret;         /* the passphrase a new slot takes */
    bool has_iter_time;
    uint64_t iter_time;
} LuksAmendOptions;

void luks_amend_options_get(QemuOpts *opts, const char *prefix,
                            LuksAmendOptions *o);
/*
 * Add a key slot (state=active: new-secret in keyslot N or the first free
 * one) or erase slots (state=inactive: keyslot N and/or those old-secret
 * unlocks), with QEMU 7.2's checks and messages; @force allows
 * overwriting an active slot and erasing the last one.  Adding needs an
 * unlocked volume.
 */
int luks_amend(LuksVolume *v, LuksReadFunc read, LuksWriteFunc write,
               void *opaque, const LuksAmendOptions *o, bool force,
               Error **errp);

/*
 * The facts qemu-img info shows, in QEMU's key order; qcow2's "encrypt"
 * dictionary also names the format.
 */
InfoNode *luks_info(const LuksVolume *v, bool with_format);

#endif
