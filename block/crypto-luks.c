/*
 * LUKS1 header, key slots and payload cipher (see block/crypto.h).
 *
 * On disk (all integers big endian), LUKS1 spec 1.2.3:
 *   0   magic "LUKS\xba\xbe"      6   version (1)
 *   8   cipher name [32]         40   cipher mode [32]   72  hash spec [32]
 *   104 payload offset (sectors) 108  key bytes
 *   112 master key digest [20]   132  digest salt [32]  164 digest iterations
 *   168 uuid [40]
 *   208 8 key slots of 48 bytes: active, iterations, salt [32],
 *       key material offset (sectors), stripes
 * A slot's key material is the master key spread over 4000 stripes by the
 * anti-forensic splitter, encrypted with the payload cipher keyed by
 * PBKDF2(passphrase, slot salt); the master key is right when
 * PBKDF2(master key, digest salt) starts with the stored 20-byte digest.
 *
 * Layout as QEMU makes it: the header sector block is 4 KiB, each slot's
 * material is rounded up to 4 KiB, the payload follows slot 7.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <time.h>

#include <nettle/cbc.h>
#include <nettle/ctr.h>
#include <nettle/hmac.h>
#include <nettle/nettle-meta.h>
#include <nettle/pbkdf2.h>
#include <nettle/xts.h>

#include "crypto.h"
#include "qemu/bitops.h"
#include "qemu/bswap.h"
#include "qemu/cutils.h"
#include "qemu/option.h"
#include "qemu/secret.h"

#define LUKS_MAGIC "LUKS\xba\xbe"
#define LUKS_MAGIC_LEN 6
#define LUKS_HDR_SIZE 592
#define LUKS_DIGEST_LEN 20
#define LUKS_SALT_LEN 32
#define LUKS_UUID_LEN 40
#define LUKS_STRIPES 4000
#define LUKS_SLOT_ACTIVE 0x00AC71F3u
#define LUKS_SLOT_DISABLED 0x0000DEADu
#define LUKS_ALIGN 4096
#define LUKS_MIN_ITERS 1000
#define LUKS_MAX_KEY 64
#define LUKS_MAX_DIGEST 64         /* sha512 */

/* Header field offsets. */
enum {
    LH_VERSION = 6, LH_CIPHER_NAME = 8, LH_CIPHER_MODE = 40,
    LH_HASH_SPEC = 72, LH_PAYLOAD = 104, LH_KEY_BYTES = 108,
    LH_MK_DIGEST = 112, LH_MK_SALT = 132, LH_MK_ITERS = 164, LH_UUID = 168,
    LH_SLOTS = 208, LH_SLOT_SIZE = 48,
};

typedef struct CipherAlg {
    const char *name;           /* QEMU's: aes-256 */
    const char *luks_name;      /* LUKS header: aes */
    unsigned key_bytes;
    const struct nettle_cipher *nc;
} CipherAlg;

static const CipherAlg cipher_algs[] = {
    { "aes-128", "aes", 16, &nettle_aes128 },
    { "aes-192", "aes", 24, &nettle_aes192 },
    { "aes-256", "aes", 32, &nettle_aes256 },
    { "serpent-128", "serpent", 16, &nettle_serpent128 },
    { "serpent-192", "serpent", 24, &nettle_serpent192 },
    { "serpent-256", "serpent", 32, &nettle_serpent256 },
    { "twofish-128", "twofish", 16, &nettle_twofish128 },
    { "twofish-192", "twofish", 24, &nettle_twofish192 },
    { "twofish-256", "twofish", 32, &nettle_twofish256 },
    { "cast5-128", "cast5", 16, &nettle_cast128 },
};

typedef struct HashAlg {
    const char *name;
    const struct nettle_hash *nh;
} HashAlg;

static const HashAlg hash_algs[] = {
    { "md5", &nettle_md5 }, { "sha1", &nettle_sha1 },
    { "sha224", &nettle_sha224 }, { "sha256", &nettle_sha256 },
    { "sha384", &nettle_sha384 }, { "sha512", &nettle_sha512 },
    { "ripemd160", &nettle_ripemd160 },
};

typedef enum { MODE_ECB, MODE_CBC, MODE_XTS, MODE_CTR } CipherMode;
static const char *const mode_names[] = { "ecb", "cbc", "xts", "ctr" };

typedef enum { IVGEN_PLAIN, IVGEN_PLAIN64, IVGEN_ESSIV } IvgenAlg;
static const char *const ivgen_names[] = { "plain", "plain64", "essiv" };

/* A keyed sector cipher: mode + IV generator over one block cipher. */
typedef struct SectorCipher {
    const CipherAlg *alg;
    CipherMode mode;
    IvgenAlg ivgen;
    void *enc;                  /* data key, encrypt direction */
    void *dec;                  /* data key, decrypt direction */
    void *tweak;                /* xts: second key, encrypt direction */
    const CipherAlg *essiv_alg;
    void *essiv;                /* essiv: hash of the key, encrypt */
} SectorCipher;

typedef struct LuksSlot {
    uint32_t active;
    uint32_t iterations;
    uint8_t salt[LUKS_SALT_LEN];
    uint32_t key_offset;        /* sectors */
    uint32_t stripes;
} LuksSlot;

struct LuksVolume {
    const CipherAlg *alg;
    CipherMode mode;
    IvgenAlg ivgen;
    const HashAlg *ivgen_hash;  /* essiv only */
    const HashAlg *hash;
    uint32_t payload_offset;    /* sectors */
    uint32_t key_bytes;
    uint8_t mk_digest[LUKS_DIGEST_LEN];
    uint8_t mk_salt[LUKS_SALT_LEN];
    uint32_t mk_iterations;
    char uuid[LUKS_UUID_LEN + 1];
    LuksSlot slots[LUKS_NUM_SLOTS];
    SectorCipher *cipher;       /* NULL until unlocked */
    uint8_t mk[LUKS_MAX_KEY];   /* the master key once unlocked (amend) */
};

/* --- algorithm tables ------------------------------------------------- */

static const CipherAlg *cipher_alg_find(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(cipher_algs); i++) {
        if (!strcmp(cipher_algs[i].name, name)) {
            return &cipher_algs[i];
        }
    }
    return NULL;
}

static const CipherAlg *cipher_alg_find_luks(const char *luks_name,
                                             unsigned key_bytes)
{
    for (size_t i = 0; i < G_N_ELEMENTS(cipher_algs); i++) {
        if (!strcmp(cipher_algs[i].luks_name, luks_name) &&
            cipher_algs[i].key_bytes == key_bytes) {
            return &cipher_algs[i];
        }
    }
    return NULL;
}

static const HashAlg *hash_alg_find(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(hash_algs); i++) {
        if (!strcmp(hash_algs[i].name, name)) {
            return &hash_algs[i];
        }
    }
    return NULL;
}

static int name_index(const char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++) {
        if (!strcmp(names[i], name)) {
            return i;
        }
    }
    return -1;
}

/* The ESSIV cipher: same family, key as long as the hash's digest. */
static const CipherAlg *essiv_alg_for(const CipherAlg *alg,
                                      const HashAlg *hash)
{
    return cipher_alg_find_luks(alg->luks_name, hash->nh->digest_size);
}

/* --- sector cipher ---------------------------------------------------- */

static void sector_cipher_free(SectorCipher *c)
{
    if (!c) {
        return;
    }
    g_free(c->enc);
    g_free(c->dec);
    g_free(c->tweak);
    g_free(c->essiv);
    g_free(c);
}

static void *cipher_ctx_new(const struct nettle_cipher *nc, bool decrypt,
                            const uint8_t *key)
{
    void *ctx = g_malloc0(nc->context_size);
    (decrypt ? nc->set_decrypt_key : nc->set_encrypt_key)(ctx, key);
    return ctx;
}

/* @key is key_bytes long (twice the cipher key for xts). */
static SectorCipher *sector_cipher_new(const LuksVolume *v, const uint8_t *key)
{
    SectorCipher *c = g_new0(SectorCipher, 1);
    const struct nettle_cipher *nc = v->alg->nc;
    c->alg = v->alg;
    c->mode = v->mode;
    c->ivgen = v->ivgen;
    c->enc = cipher_ctx_new(nc, false, key);
    c->dec = cipher_ctx_new(nc, true, key);
    if (c->mode == MODE_XTS) {
        c->tweak = cipher_ctx_new(nc, false, key + v->alg->key_bytes);
    }
    if (c->ivgen == IVGEN_ESSIV) {
        const struct nettle_hash *nh = v->ivgen_hash->nh;
        uint8_t *hctx = g_malloc(nh->context_size);
        uint8_t digest[LUKS_MAX_DIGEST];
        nh->init(hctx);
        nh->update(hctx, v->key_bytes, key);
        nh->digest(hctx, nh->digest_size, digest);
        g_free(hctx);
        c->essiv_alg = essiv_alg_for(v->alg, v->ivgen_hash);
        c->essiv = cipher_ctx_new(c->essiv_alg->nc, false, digest);
        memset(digest, 0, sizeof(digest));
    }
    return c;
}

static void sector_iv(const SectorCipher *c, uint64_t sector, uint8_t *iv)
{
    unsigned n = c->alg->nc->block_size;
    memset(iv, 0, n);
    uint8_t le[8];
    stq_le_p(le, c->ivgen == IVGEN_PLAIN ? (uint32_t)sector : sector);
    memcpy(iv, le, MIN(n, 8u));
    if (c->ivgen == IVGEN_ESSIV) {
        c->essiv_alg->nc->encrypt(c->essiv, n, iv, iv);
    }
}

/* One run of up to a sector; @len is a multiple of the block size. */
static void sector_crypt(const SectorCipher *c, bool decrypt, uint64_t sector,
                         uint8_t *buf, size_t len)
{
    const struct nettle_cipher *nc = c->alg->nc;
    uint8_t iv[32];
    sector_iv(c, sector, iv);
    switch (c->mode) {
    case MODE_ECB:
        (decrypt ? nc->decrypt : nc->encrypt)(decrypt ? c->dec : c->enc, len,
                                              buf, buf);
        break;
    case MODE_CBC:
        if (decrypt) {
            cbc_decrypt(c->dec, nc->decrypt, nc->block_size, iv, len, buf,
                        buf);
        } else {
            cbc_encrypt(c->enc, nc->encrypt, nc->block_size, iv, len, buf,
                        buf);
        }
        break;
    case MODE_CTR:
        ctr_crypt(c->enc, nc->encrypt, nc->block_size, iv, len, buf, buf);
        break;
    case MODE_XTS:
        if (decrypt) {
            xts_decrypt_message(c->dec, c->tweak, nc->decrypt, nc->encrypt,
                                iv, len, buf, buf);
        } else {
            xts_encrypt_message(c->enc, c->tweak, nc->encrypt, iv, len, buf,
                                buf);
        }
        break;
    }
}

/* Sector by sector from @first_sector; the last may be short. */
static void sectors_crypt(const SectorCipher *c, bool decrypt,
                          uint64_t first_sector, uint8_t *buf, size_t len)
{
    for (uint64_t s = first_sector; len; s++) {
        size_t n = MIN(len, (size_t)LUKS_SECTOR_SIZE);
        sector_crypt(c, decrypt, s, buf, n);
        buf += n;
        len -= n;
    }
}

/* --- PBKDF2 and the anti-forensic splitter ---------------------------- */

typedef struct HmacState {
    const struct nettle_hash *nh;
    uint8_t *outer, *inner, *state;
} HmacState;

static void hmac_state_update(void *ctx, size_t len, const uint8_t *data)
{
    HmacState *h = ctx;
    hmac_update(h->state, h->nh, len, data);
}

static void hmac_state_digest(void *ctx, size_t len, uint8_t *out)
{
    HmacState *h = ctx;
    hmac_digest(h->outer, h->inner, h->state, h->nh, len, out);
}

static void luks_pbkdf2(const HashAlg *hash, const uint8_t *pass,
                        size_t pass_len, const uint8_t *salt, size_t salt_len,
                        uint32_t iterations, uint8_t *out, size_t out_len)
{
    const struct nettle_hash *nh = hash->nh;
    HmacState h = { .nh = nh };
    uint8_t *mem = g_malloc0(3 * (size_t)nh->context_size);
    h.outer = mem;
    h.inner = mem + nh->context_size;
    h.state = mem + 2 * nh->context_size;
    hmac_set_key(h.outer, h.inner, h.state, nh, pass_len, pass);
    pbkdf2(&h, hmac_state_update, hmac_state_digest, nh->digest_size,
           iterations, salt_len, salt, out_len, out);
    memset(mem, 0, 3 * (size_t)nh->context_size);
    g_free(mem);
}

/* Hash @buf in digest-sized pieces, each prefixed by its index (BE32). */
static void af_diffuse(const HashAlg *hash, uint8_t *buf, size_t len)
{
    const struct nettle_hash *nh = hash->nh;
    size_t ds = nh->digest_size;
    uint8_t *ctx = g_malloc(nh->context_size);
    uint8_t digest[LUKS_MAX_DIGEST];
    uint32_t idx = 0;
    for (size_t off = 0; off < len; off += ds, idx++) {
        size_t n = MIN(ds, len - off);
        uint8_t be[4];
        stl_be_p(be, idx);
        nh->init(ctx);
        nh->update(ctx, 4, be);
        nh->update(ctx, n, buf + off);
        nh->digest(ctx, ds, digest);
        memcpy(buf + off, digest, n);
    }
    g_free(ctx);
}

static void xor_into(uint8_t *dst, const uint8_t *src, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        dst[i] ^= src[i];
    }
}

/* Recover @len bytes of key from @stripes stripes at @src. */
static void af_merge(const HashAlg *hash, const uint8_t *src, size_t len,
                     uint32_t stripes, uint8_t *out)
{
    uint8_t *d = g_malloc0(len);
    for (uint32_t i = 0; i + 1 < stripes; i++) {
        xor_into(d, src + (size_t)i * len, len);
        af_diffuse(hash, d, len);
    }
    memcpy(out, src + (size_t)(stripes - 1) * len, len);
    xor_into(out, d, len);
    memset(d, 0, len);
    g_free(d);
}

static int random_bytes(uint8_t *buf, size_t len, Error **errp)
{
    while (len) {
        ssize_t n = getrandom(buf, len, 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            error_setg_errno(errp, errno, "Unable to read random bytes");
            return -errno;
        }
        buf += n;
        len -= n;
    }
    return 0;
}

/* Spread @key over @stripes stripes into @dst (len * stripes bytes). */
static int af_split(const HashAlg *hash, const uint8_t *key, size_t len,
                    uint32_t stripes, uint8_t *dst, Error **errp)
{
    int ret = random_bytes(dst, len * (stripes - 1), errp);
    if (ret < 0) {
        return ret;
    }
    uint8_t *d = g_malloc0(len);
    for (uint32_t i = 0; i + 1 < stripes; i++) {
        xor_into(d, dst + (size_t)i * len, len);
        af_diffuse(hash, d, len);
    }
    uint8_t *last = dst + (size_t)(stripes - 1) * len;
    memcpy(last, key, len);
    xor_into(last, d, len);
    memset(d, 0, len);
    g_free(d);
    return 0;
}

/* --- open ------------------------------------------------------------- */

/* A NUL-padded header string, or NULL when it fills its field. */
static bool header_string(const uint8_t *hdr, int off, char *out)
{
    memcpy(out, hdr + off, 32);
    out[32] = 0;
    return memchr(hdr + off, 0, 32) != NULL;
}

/* "xts-plain64", "cbc-essiv:sha256", "ecb" */
static int parse_mode_spec(LuksVolume *v, const char *spec, Error **errp)
{
    char *dup = g_strdup(spec);
    char *iv = strchr(dup, '-');
    char *ivhash = NULL;
    int ret = -EINVAL;
    if (iv) {
        *iv++ = 0;
        ivhash = strchr(iv, ':');
        if (ivhash) {
            *ivhash++ = 0;
        }
    }
    int mode = name_index(mode_names, G_N_ELEMENTS(mode_names), dup);
    if (mode < 0) {
        error_setg(errp, "Unsupported LUKS cipher mode '%s'", spec);
        goto out;
    }
    v->mode = mode;
    v->ivgen = IVGEN_PLAIN64;
    if (iv) {
        int g = name_index(ivgen_names, G_N_ELEMENTS(ivgen_names), iv);
        if (g < 0) {
            error_setg(errp, "Unsupported LUKS IV generator '%s'", iv);
            goto out;
        }
        v->ivgen = g;
    } else if (mode != MODE_ECB) {
        error_setg(errp, "LUKS cipher mode '%s' names no IV generator", spec);
        goto out;
    }
    if (v->ivgen == IVGEN_ESSIV) {
        v->ivgen_hash = ivhash ? hash_alg_find(ivhash) : NULL;
        if (!v->ivgen_hash) {
            error_setg(errp, "Unsupported LUKS essiv hash '%s'",
                       ivhash ? ivhash : "");
            goto out;
        }
    } else if (ivhash) {
        v->ivgen_hash = hash_alg_find(ivhash);
    }
    ret = 0;
out:
    g_free(dup);
    return ret;
}

static int parse_header(LuksVolume *v, const uint8_t *hdr, uint64_t area_len,
                        Error **errp)
{
    if (memcmp(hdr, LUKS_MAGIC, LUKS_MAGIC_LEN)) {
        error_setg(errp, "Volume is not in LUKS format");
        return -EINVAL;
    }
    if (lduw_be_p(hdr + LH_VERSION) != 1) {
        error_setg(errp, "LUKS version %u is not supported",
                   lduw_be_p(hdr + LH_VERSION));
        return -ENOTSUP;
    }
    char name[33], mode[33], hash[33];
    if (!header_string(hdr, LH_CIPHER_NAME, name) ||
        !header_string(hdr, LH_CIPHER_MODE, mode) ||
        !header_string(hdr, LH_HASH_SPEC, hash)) {
        error_setg(errp, "LUKS header has an unterminated algorithm name");
        return -EINVAL;
    }
    v->payload_offset = ldl_be_p(hdr + LH_PAYLOAD);
    v->key_bytes = ldl_be_p(hdr + LH_KEY_BYTES);
    memcpy(v->mk_digest, hdr + LH_MK_DIGEST, LUKS_DIGEST_LEN);
    memcpy(v->mk_salt, hdr + LH_MK_SALT, LUKS_SALT_LEN);
    v->mk_iterations = ldl_be_p(hdr + LH_MK_ITERS);
    memcpy(v->uuid, hdr + LH_UUID, LUKS_UUID_LEN);
    v->uuid[LUKS_UUID_LEN] = 0;
    int ret = parse_mode_spec(v, mode, errp);
    if (ret < 0) {
        return ret;
    }
    if (v->key_bytes == 0 || v->key_bytes > LUKS_MAX_KEY ||
        (v->mode == MODE_XTS && v->key_bytes % 2)) {
        error_setg(errp, "LUKS key size %u is not valid", v->key_bytes);
        return -EINVAL;
    }
    unsigned cipher_key = v->mode == MODE_XTS ? v->key_bytes / 2
                                              : v->key_bytes;
    v->alg = cipher_alg_find_luks(name, cipher_key);
    if (!v->alg) {
        error_setg(errp, "Unsupported LUKS cipher '%s' with a %u-byte key",
                   name, cipher_key);
        return -ENOTSUP;
    }
    if (v->alg->nc->block_size == 8 && v->mode == MODE_XTS) {
        error_setg(errp, "Cipher '%s' cannot be used in xts mode",
                   v->alg->name);
        return -ENOTSUP;
    }
    v->hash = hash_alg_find(hash);
    if (!v->hash) {
        error_setg(errp, "Unsupported LUKS hash '%s'", hash);
        return -ENOTSUP;
    }
    if (v->ivgen == IVGEN_ESSIV && !essiv_alg_for(v->alg, v->ivgen_hash)) {
        error_setg(errp, "Cipher '%s' has no key size matching the %s essiv "
                   "hash", v->alg->name, v->ivgen_hash->name);
        return -ENOTSUP;
    }
    uint64_t split = (uint64_t)v->key_bytes * LUKS_STRIPES;
    for (int i = 0; i < LUKS_NUM_SLOTS; i++) {
        const uint8_t *p = hdr + LH_SLOTS + i * LH_SLOT_SIZE;
        LuksSlot *s = &v->slots[i];
        s->active = ldl_be_p(p);
        s->iterations = ldl_be_p(p + 4);
        memcpy(s->salt, p + 8, LUKS_SALT_LEN);
        s->key_offset = ldl_be_p(p + 40);
        s->stripes = ldl_be_p(p + 44);
        if (s->active != LUKS_SLOT_ACTIVE && s->active != LUKS_SLOT_DISABLED) {
            error_setg(errp, "LUKS key slot %d has an invalid state %#x", i,
                       s->active);
            return -EINVAL;
        }
        if (s->active != LUKS_SLOT_ACTIVE) {
            continue;
        }
        if (s->stripes != LUKS_STRIPES) {
            error_setg(errp, "LUKS key slot %d has %u stripes, not %u", i,
                       s->stripes, LUKS_STRIPES);
            return -EINVAL;
        }
        if (s->iterations == 0) {
            error_setg(errp, "LUKS key slot %d has zero iterations", i);
            return -EINVAL;
        }
        uint64_t start = (uint64_t)s->key_offset * LUKS_SECTOR_SIZE;
        if (start < LUKS_HDR_SIZE || start + split > area_len) {
            error_setg(errp, "LUKS key slot %d material at offset %" PRIu64
                       " (%" PRIu64 " bytes) lies outside the header area "
                       "of %" PRIu64 " bytes", i, start, split, area_len);
            return -EINVAL;
        }
    }
    if (v->mk_iterations == 0) {
        error_setg(errp, "LUKS master key digest has zero iterations");
        return -EINVAL;
    }
    return 0;
}

/* Try one active slot; 1 = unlocked (key in @mk), 0 = wrong secret. */
static int try_slot(LuksVolume *v, int i, LuksReadFunc read, void *opaque,
                    const uint8_t *secret, size_t secret_len, uint8_t *mk)
{
    LuksSlot *s = &v->slots[i];
    size_t split = (size_t)v->key_bytes * LUKS_STRIPES;
    uint8_t *material = g_malloc(split);
    uint8_t slot_key[LUKS_MAX_KEY];
    uint8_t digest[LUKS_DIGEST_LEN];
    int ret = read(opaque, (uint64_t)s->key_offset * LUKS_SECTOR_SIZE,
                   material, split);
    if (ret < 0) {
        goto out;
    }
    luks_pbkdf2(v->hash, secret, secret_len, s->salt, LUKS_SALT_LEN,
                s->iterations, slot_key, v->key_bytes);
    SectorCipher *c = sector_cipher_new(v, slot_key);
    sectors_crypt(c, true, 0, material, split);
    sector_cipher_free(c);
    af_merge(v->hash, material, v->key_bytes, LUKS_STRIPES, mk);
    luks_pbkdf2(v->hash, mk, v->key_bytes, v->mk_salt, LUKS_SALT_LEN,
                v->mk_iterations, digest, LUKS_DIGEST_LEN);
    ret = memcmp(digest, v->mk_digest, LUKS_DIGEST_LEN) == 0;
out:
    memset(material, 0, split);
    memset(slot_key, 0, sizeof(slot_key));
    g_free(material);
    return ret;
}

LuksVolume *luks_open(LuksReadFunc read, void *opaque, uint64_t area_len,
                      const uint8_t *secret, size_t secret_len, Error **errp)
{
    uint8_t hdr[LUKS_HDR_SIZE];
    if (area_len < LUKS_HDR_SIZE) {
        error_setg(errp, "LUKS header area of %" PRIu64 " bytes is shorter "
                   "than the %d-byte header", area_len, LUKS_HDR_SIZE);
        return NULL;
    }
    int ret = read(opaque, 0, hdr, sizeof(hdr));
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not read LUKS header");
        return NULL;
    }
    LuksVolume *v = g_new0(LuksVolume, 1);
    if (parse_header(v, hdr, area_len, errp) < 0) {
        g_free(v);
        return NULL;
    }
    if (!secret) {
        return v;
    }
    uint8_t mk[LUKS_MAX_KEY];
    for (int i = 0; i < LUKS_NUM_SLOTS; i++) {
        if (v->slots[i].active != LUKS_SLOT_ACTIVE) {
            continue;
        }
        ret = try_slot(v, i, read, opaque, secret, secret_len, mk);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not read LUKS key slot %d", i);
            goto fail;
        }
        if (ret == 1) {
            v->cipher = sector_cipher_new(v, mk);
            memcpy(v->mk, mk, sizeof(mk));
            memset(mk, 0, sizeof(mk));
            return v;
        }
    }
    error_setg(errp, "Invalid password, cannot unlock any keyslot");
fail:
    memset(mk, 0, sizeof(mk));
    luks_free(v);
    return NULL;
}

void luks_free(LuksVolume *v)
{
    if (v) {
        sector_cipher_free(v->cipher);
        memset(v->mk, 0, sizeof(v->mk));
        g_free(v);
    }
}

uint64_t luks_payload_offset(const LuksVolume *v)
{
    return (uint64_t)v->payload_offset * LUKS_SECTOR_SIZE;
}

bool luks_has_key(const LuksVolume *v)
{
    return v->cipher != NULL;
}

static int luks_crypt(LuksVolume *v, bool decrypt, uint64_t offset,
                      uint8_t *buf, size_t len)
{
    if (!v->cipher) {
        return -EACCES;
    }
    if (offset % LUKS_SECTOR_SIZE || len % LUKS_SECTOR_SIZE) {
        return -EINVAL;
    }
    sectors_crypt(v->cipher, decrypt, offset / LUKS_SECTOR_SIZE, buf, len);
    return 0;
}

int luks_encrypt(LuksVolume *v, uint64_t offset, uint8_t *buf, size_t len)
{
    return luks_crypt(v, false, offset, buf, len);
}

int luks_decrypt(LuksVolume *v, uint64_t offset, uint8_t *buf, size_t len)
{
    return luks_crypt(v, true, offset, buf, len);
}

/* --- create ----------------------------------------------------------- */

void luks_create_options_get(QemuOpts *opts, const char *prefix,
                             LuksCreateOptions *o)
{
    memset(o, 0, sizeof(*o));
    char *k;
#define GET(field, name)                                    \
    k = g_strconcat(prefix, name, NULL);                    \
    o->field = qemu_opt_get(opts, k);                       \
    g_free(k);
    GET(cipher_alg, "cipher-alg");
    GET(cipher_mode, "cipher-mode");
    GET(ivgen_alg, "ivgen-alg");
    GET(ivgen_hash_alg, "ivgen-hash-alg");
    GET(hash_alg, "hash-alg");
#undef GET
    k = g_strconcat(prefix, "iter-time", NULL);
    o->has_iter_time = qemu_opt_has(opts, k);
    o->iter_time = qemu_opt_get_number(opts, k, 2000);
    g_free(k);
}

static uint64_t thread_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* PBKDF2 iterations that take @ms of this thread's CPU time. */
static uint32_t pbkdf2_iters_for(const HashAlg *hash, uint64_t ms,
                                 size_t out_len, Error **errp)
{
    uint8_t pass[32] = { 0 }, salt[LUKS_SALT_LEN] = { 0 };
    uint8_t out[LUKS_MAX_KEY];
    uint64_t iters = 1 << 12, elapsed;
    for (;;) {
        uint64_t t0 = thread_cpu_ms();
        luks_pbkdf2(hash, pass, sizeof(pass), salt, sizeof(salt),
                    (uint32_t)iters, out, MIN(out_len, sizeof(out)));
        elapsed = thread_cpu_ms() - t0;
        if (elapsed >= 20 || iters >= (1u << 30)) {
            break;
        }
        iters *= 2;
    }
    uint64_t per_ms = iters / MAX(elapsed, 1);
    if (ms && per_ms > UINT32_MAX / ms) {
        error_setg(errp, "PBKDF iterations %" PRIu64 " exceed %u",
                   per_ms * ms, UINT32_MAX);
        return 0;
    }
    return (uint32_t)(per_ms * ms);
}

static int fill_volume_choices(LuksVolume *v, const LuksCreateOptions *o,
                               char *mode_spec, Error **errp)
{
    const char *alg = o->cipher_alg ? o->cipher_alg : "aes-256";
    const char *mode = o->cipher_mode ? o->cipher_mode : "xts";
    const char *ivgen = o->ivgen_alg ? o->ivgen_alg : "plain64";
    const char *hash = o->hash_alg ? o->hash_alg : "sha256";
    const char *ivhash = o->ivgen_hash_alg;
    v->alg = cipher_alg_find(alg);
    if (!v->alg) {
        error_setg(errp, "Parameter 'cipher-alg' does not accept value '%s'",
                   alg);
        return -EINVAL;
    }
    int m = name_index(mode_names, G_N_ELEMENTS(mode_names), mode);
    if (m < 0) {
        error_setg(errp, "Parameter 'cipher-mode' does not accept value '%s'",
                   mode);
        return -EINVAL;
    }
    v->mode = m;
    int g = name_index(ivgen_names, G_N_ELEMENTS(ivgen_names), ivgen);
    if (g < 0) {
        error_setg(errp, "Parameter 'ivgen-alg' does not accept value '%s'",
                   ivgen);
        return -EINVAL;
    }
    v->ivgen = g;
    v->hash = hash_alg_find(hash);
    if (!v->hash) {
        error_setg(errp, "Parameter 'hash-alg' does not accept value '%s'",
                   hash);
        return -EINVAL;
    }
    if (v->ivgen == IVGEN_ESSIV && !ivhash) {
        ivhash = "sha256";
    }
    if (ivhash) {
        v->ivgen_hash = hash_alg_find(ivhash);
        if (!v->ivgen_hash) {
            error_setg(errp, "Parameter 'ivgen-hash-alg' does not accept "
                       "value '%s'", ivhash);
            return -EINVAL;
        }
    }
    if (v->mode == MODE_XTS && v->alg->nc->block_size != 16) {
        error_setg(errp, "Unsupported cipher mode xts");   /* QEMU's words */
        return -EINVAL;
    }
    if (v->ivgen == IVGEN_ESSIV && !essiv_alg_for(v->alg, v->ivgen_hash)) {
        error_setg(errp, "Cipher '%s' has no key size matching the %s essiv "
                   "hash", alg, v->ivgen_hash->name);
        return -EINVAL;
    }
    v->key_bytes = v->alg->key_bytes * (v->mode == MODE_XTS ? 2 : 1);
    if (ivhash) {
        g_snprintf(mode_spec, 32, "%s-%s:%s", mode, ivgen, ivhash);
    } else {
        g_snprintf(mode_spec, 32, "%s-%s", mode, ivgen);
    }
    if (strlen(mode_spec) >= 31) {
        error_setg(errp, "Cipher mode '%s' too long for the LUKS header",
                   mode_spec);
        return -EINVAL;
    }
    return 0;
}

static void make_uuid(char *out, const uint8_t *r)
{
    uint8_t b[16];
    memcpy(b, r, 16);
    b[6] = (b[6] & 0x0f) | 0x40;    /* version 4 */
    b[8] = (b[8] & 0x3f) | 0x80;    /* RFC 4122 variant */
    g_snprintf(out, LUKS_UUID_LEN + 1,
               "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
               "%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5],
               b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
               b[15]);
}

LuksVolume *luks_create(const LuksCreateOptions *o, const uint8_t *secret,
                        size_t secret_len, uint8_t **header,
                        size_t *header_len, Error **errp)
{
    LuksVolume *v = g_new0(LuksVolume, 1);
    char mode_spec[32];
    uint8_t mk[LUKS_MAX_KEY], slot_key[LUKS_MAX_KEY], rnd[16];
    uint8_t *hdr = NULL, *material = NULL;
    int ret = fill_volume_choices(v, o, mode_spec, errp);
    if (ret < 0) {
        goto fail;
    }
    if (random_bytes(mk, v->key_bytes, errp) < 0 ||
        random_bytes(v->mk_salt, LUKS_SALT_LEN, errp) < 0 ||
        random_bytes(v->slots[0].salt, LUKS_SALT_LEN, errp) < 0 ||
        random_bytes(rnd, sizeof(rnd), errp) < 0) {
        goto fail;
    }
    make_uuid(v->uuid, rnd);

    /* Iterations: the master key digest gets an eighth of the time, as
     * QEMU and cryptsetup do. */
    uint32_t it = pbkdf2_iters_for(v->hash, o->iter_time, LUKS_DIGEST_LEN,
                                   errp);
    if (o->iter_time && !it) {
        goto fail;
    }
    v->mk_iterations = MAX(it / 8, LUKS_MIN_ITERS);
    it = pbkdf2_iters_for(v->hash, o->iter_time, v->key_bytes, errp);
    if (o->iter_time && !it) {
        goto fail;
    }
    v->slots[0].iterations = MAX(it, LUKS_MIN_ITERS);
    luks_pbkdf2(v->hash, mk, v->key_bytes, v->mk_salt, LUKS_SALT_LEN,
                v->mk_iterations, v->mk_digest, LUKS_DIGEST_LEN);

    /* Slot areas, 4 KiB aligned, after the 4 KiB header block. */
    size_t split = (size_t)v->key_bytes * LUKS_STRIPES;
    uint64_t slot_sectors = ROUND_UP(split, LUKS_ALIGN) / LUKS_SECTOR_SIZE;
    for (int i = 0; i < LUKS_NUM_SLOTS; i++) {
        v->slots[i].active = i ? LUKS_SLOT_DISABLED : LUKS_SLOT_ACTIVE;
        v->slots[i].stripes = LUKS_STRIPES;
        v->slots[i].key_offset = (uint32_t)(LUKS_ALIGN / LUKS_SECTOR_SIZE +
                                            i * slot_sectors);
    }
    v->payload_offset = (uint32_t)(LUKS_ALIGN / LUKS_SECTOR_SIZE +
                                   LUKS_NUM_SLOTS * slot_sectors);
    size_t total = luks_payload_offset(v);
    hdr = g_malloc0(total);

    /* Slot 0: split master key, encrypted under the passphrase key. */
    material = hdr + (size_t)v->slots[0].key_offset * LUKS_SECTOR_SIZE;
    if (af_split(v->hash, mk, v->key_bytes, LUKS_STRIPES, material,
                 errp) < 0) {
        goto fail;
    }
    luks_pbkdf2(v->hash, secret, secret_len, v->slots[0].salt, LUKS_SALT_LEN,
                v->slots[0].iterations, slot_key, v->key_bytes);
    SectorCipher *c = sector_cipher_new(v, slot_key);
    sectors_crypt(c, false, 0, material, split);
    sector_cipher_free(c);

    memcpy(hdr, LUKS_MAGIC, LUKS_MAGIC_LEN);
    stw_be_p(hdr + LH_VERSION, 1);
    memcpy(hdr + LH_CIPHER_NAME, v->alg->luks_name,
           strlen(v->alg->luks_name));
    memcpy(hdr + LH_CIPHER_MODE, mode_spec, strlen(mode_spec));
    memcpy(hdr + LH_HASH_SPEC, v->hash->name, strlen(v->hash->name));
    stl_be_p(hdr + LH_PAYLOAD, v->payload_offset);
    stl_be_p(hdr + LH_KEY_BYTES, v->key_bytes);
    memcpy(hdr + LH_MK_DIGEST, v->mk_digest, LUKS_DIGEST_LEN);
    memcpy(hdr + LH_MK_SALT, v->mk_salt, LUKS_SALT_LEN);
    stl_be_p(hdr + LH_MK_ITERS, v->mk_iterations);
    memcpy(hdr + LH_UUID, v->uuid, strlen(v->uuid));
    for (int i = 0; i < LUKS_NUM_SLOTS; i++) {
        uint8_t *p = hdr + LH_SLOTS + i * LH_SLOT_SIZE;
        stl_be_p(p, v->slots[i].active);
        stl_be_p(p + 4, v->slots[i].iterations);
        memcpy(p + 8, v->slots[i].salt, LUKS_SALT_LEN);
        stl_be_p(p + 40, v->slots[i].key_offset);
        stl_be_p(p + 44, v->slots[i].stripes);
    }
    v->cipher = sector_cipher_new(v, mk);
    memcpy(v->mk, mk, sizeof(mk));
    memset(mk, 0, sizeof(mk));
    memset(slot_key, 0, sizeof(slot_key));
    *header = hdr;
    *header_len = total;
    return v;

fail:
    memset(mk, 0, sizeof(mk));
    memset(slot_key, 0, sizeof(slot_key));
    g_free(hdr);
    g_free(v);
    return NULL;
}

/* --- amend: key slot management --------------------------------------- */

static int count_active_slots(const LuksVolume *v)
{
    int n = 0;
    for (int i = 0; i < LUKS_NUM_SLOTS; i++) {
        n += v->slots[i].active == LUKS_SLOT_ACTIVE;
    }
    return n;
}

/* Write slot @i's 48-byte header entry from @v. */
static int write_slot_entry(LuksVolume *v, int i, LuksWriteFunc write,
                            void *opaque)
{
    uint8_t p[LH_SLOT_SIZE];
    stl_be_p(p, v->slots[i].active);
    stl_be_p(p + 4, v->slots[i].iterations);
    memcpy(p + 8, v->slots[i].salt, LUKS_SALT_LEN);
    stl_be_p(p + 40, v->slots[i].key_offset);
    stl_be_p(p + 44, v->slots[i].stripes);
    return write(opaque, LH_SLOTS + i * LH_SLOT_SIZE, p, sizeof(p));
}

/*
 * Put the master key in slot @i under @secret: fresh salt, iterations for
 * @iter_time ms, split key material first, then the slot entry that makes
 * it active (a crash in between leaves the slot as it was).
 */
static int store_key(LuksVolume *v, int i, const uint8_t *secret,
                     size_t secret_len, uint64_t iter_time,
                     LuksWriteFunc write, void *opaque, Error **errp)
{
    LuksSlot slot = v->slots[i];
    size_t split = (size_t)v->key_bytes * LUKS_STRIPES;
    uint8_t slot_key[LUKS_MAX_KEY];
    uint8_t *material = g_malloc(split);
    int ret = random_bytes(slot.salt, LUKS_SALT_LEN, errp);
    if (ret < 0) {
        goto out;
    }
    uint32_t it = pbkdf2_iters_for(v->hash, iter_time, v->key_bytes, errp);
    if (iter_time && !it) {
        ret = -ERANGE;
        goto out;
    }
    slot.iterations = MAX(it, LUKS_MIN_ITERS);
    slot.stripes = LUKS_STRIPES;
    ret = af_split(v->hash, v->mk, v->key_bytes, LUKS_STRIPES, material,
                   errp);
    if (ret < 0) {
        goto out;
    }
    luks_pbkdf2(v->hash, secret, secret_len, slot.salt, LUKS_SALT_LEN,
                slot.iterations, slot_key, v->key_bytes);
    SectorCipher *c = sector_cipher_new(v, slot_key);
    sectors_crypt(c, false, 0, material, split);
    sector_cipher_free(c);
    ret = write(opaque, (uint64_t)slot.key_offset * LUKS_SECTOR_SIZE,
                material, split);
    if (ret == 0) {
        slot.active = LUKS_SLOT_ACTIVE;
        LuksSlot old = v->slots[i];
        v->slots[i] = slot;
        ret = write_slot_entry(v, i, write, opaque);
        if (ret < 0) {
            v->slots[i] = old;
        }
    }
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Failed to write to keyslot %i", i);
    }
out:
    memset(slot_key, 0, sizeof(slot_key));
    memset(material, 0, split);
    g_free(material);
    return ret;
}

/* Make slot @i inactive: its entry first, then random bytes over its key
 * material, so nothing can unlock it even from an old copy of the entry. */
static int erase_key(LuksVolume *v, int i, LuksWriteFunc write, void *opaque,
                     Error **errp)
{
    LuksSlot old = v->slots[i];
    v->slots[i].active = LUKS_SLOT_DISABLED;
    v->slots[i].iterations = 0;
    memset(v->slots[i].salt, 0, LUKS_SALT_LEN);
    int ret = write_slot_entry(v, i, write, opaque);
    if (ret < 0) {
        v->slots[i] = old;
        error_setg_errno(errp, -ret, "Failed to erase keyslot %i", i);
        return ret;
    }
    size_t split = (size_t)v->key_bytes * LUKS_STRIPES;
    uint8_t *garbage = g_malloc(split);
    ret = random_bytes(garbage, split, errp);
    if (ret == 0) {
        ret = write(opaque, (uint64_t)old.key_offset * LUKS_SECTOR_SIZE,
                    garbage, split);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Failed to erase keyslot %i", i);
        }
    }
    g_free(garbage);
    return ret;
}

static uint8_t *lookup_secret(const char *id, size_t *len, Error **errp)
{
    return qemu_secret_lookup(id, len, errp);
}

static int amend_add(LuksVolume *v, LuksReadFunc read, LuksWriteFunc write,
                     void *opaque, const LuksAmendOptions *o, bool force,
                     Error **errp)
{
    if (!o->new_secret) {
        error_setg(errp, "'new-secret' is required to activate a keyslot");
        return -EINVAL;
    }
    if (o->old_secret) {
        error_setg(errp, "'old-secret' must not be given when activating "
                   "keyslots");
        return -EINVAL;
    }
    int slot = -1;
    if (o->has_keyslot) {
        if (o->keyslot < 0 || o->keyslot >= LUKS_NUM_SLOTS) {
            error_setg(errp, "Invalid keyslot %u specified, must be between "
                       "0 and %u", (unsigned)o->keyslot, LUKS_NUM_SLOTS - 1);
            return -EINVAL;
        }
        slot = (int)o->keyslot;
    } else {
        for (int i = 0; i < LUKS_NUM_SLOTS && slot < 0; i++) {
            if (v->slots[i].active != LUKS_SLOT_ACTIVE) {
                slot = i;
            }
        }
        if (slot < 0) {
            error_setg(errp, "Can't add a keyslot - all keyslots are in use");
            return -EINVAL;
        }
    }
    if (!force && v->slots[slot].active == LUKS_SLOT_ACTIVE) {
        error_setg(errp, "Refusing to overwrite active keyslot %i - please "
                   "erase it first", slot);
        return -EINVAL;
    }
    if (!v->cipher) {
        error_setg(errp, "The LUKS volume is locked: its key-secret is "
                   "needed to add a keyslot");
        return -EACCES;
    }
    size_t len;
    uint8_t *secret = lookup_secret(o->new_secret, &len, errp);
    if (!secret) {
        return -EINVAL;
    }
    int ret = store_key(v, slot, secret, len,
                        o->has_iter_time ? o->iter_time : 2000, write,
                        opaque, errp);
    memset(secret, 0, len);
    g_free(secret);
    return ret;
}

static int amend_erase(LuksVolume *v, LuksReadFunc read, LuksWriteFunc write,
                       void *opaque, const LuksAmendOptions *o, bool force,
                       Error **errp)
{
    if (o->new_secret) {
        error_setg(errp, "'new-secret' must not be given when erasing "
                   "keyslots");
        return -EINVAL;
    }
    if (o->has_iter_time) {
        error_setg(errp, "'iter-time' must not be given when erasing "
                   "keyslots");
        return -EINVAL;
    }
    uint8_t *old = NULL;
    size_t old_len = 0;
    if (o->old_secret) {
        old = lookup_secret(o->old_secret, &old_len, errp);
        if (!old) {
            return -EINVAL;
        }
    }
    uint8_t mk[LUKS_MAX_KEY];
    int ret = -EINVAL;
    if (o->has_keyslot) {
        int i = (int)o->keyslot;
        if (o->keyslot < 0 || o->keyslot >= LUKS_NUM_SLOTS) {
            error_setg(errp, "Invalid keyslot %i specified, must be between "
                       "0 and %i", i, LUKS_NUM_SLOTS - 1);
            goto out;
        }
        if (old) {
            int r = v->slots[i].active == LUKS_SLOT_ACTIVE
                    ? try_slot(v, i, read, opaque, old, old_len, mk) : 0;
            if (r < 0) {
                error_setg_errno(errp, -r, "Could not read LUKS key slot %d",
                                 i);
                ret = r;
                goto out;
            }
            if (r == 0) {
                error_setg(errp, "Given keyslot %i doesn't contain the given "
                           "old password for erase operation", i);
                goto out;
            }
        }
        if (!force && v->slots[i].active != LUKS_SLOT_ACTIVE) {
            error_setg(errp, "Given keyslot %i is already erased (inactive) ",
                       i);
            goto out;
        }
        if (!force && count_active_slots(v) == 1) {
            error_setg(errp, "Attempt to erase the only active keyslot %i "
                       "which will erase all the data in the image "
                       "irreversibly - refusing operation", i);
            goto out;
        }
        ret = erase_key(v, i, write, opaque, errp);
    } else if (old) {
        bool match[LUKS_NUM_SLOTS] = { false };
        int n = 0;
        for (int i = 0; i < LUKS_NUM_SLOTS; i++) {
            if (v->slots[i].active != LUKS_SLOT_ACTIVE) {
                continue;
            }
            int r = try_slot(v, i, read, opaque, old, old_len, mk);
            if (r < 0) {
                error_setg_errno(errp, -r, "Could not read LUKS key slot %d",
                                 i);
                ret = r;
                goto out;
            }
            match[i] = r == 1;
            n += match[i];
        }
        if (n == 0) {
            error_setg(errp, "No keyslots match given (old) password for "
                       "erase operation");
            goto out;
        }
        if (!force && n == count_active_slots(v)) {
            error_setg(errp, "All the active keyslots match the (old) "
                       "password that was given and erasing them will erase "
                       "all the data in the image irreversibly - refusing "
                       "operation");
            goto out;
        }
        ret = 0;
        for (int i = 0; i < LUKS_NUM_SLOTS && ret == 0; i++) {
            if (match[i]) {
                ret = erase_key(v, i, write, opaque, errp);
            }
        }
    } else {
        error_setg(errp, "To erase keyslot(s), either explicit keyslot index "
                   "or the password currently contained in them must be "
                   "given");
    }
out:
    memset(mk, 0, sizeof(mk));
    if (old) {
        memset(old, 0, old_len);
        g_free(old);
    }
    return ret;
}

int luks_amend(LuksVolume *v, LuksReadFunc read, LuksWriteFunc write,
               void *opaque, const LuksAmendOptions *o, bool force,
               Error **errp)
{
    if (!o->state) {
        error_setg(errp, "Parameter 'state' is missing");
        return -EINVAL;
    }
    if (!strcmp(o->state, "active")) {
        return amend_add(v, read, write, opaque, o, force, errp);
    }
    if (!strcmp(o->state, "inactive")) {
        return amend_erase(v, read, write, opaque, o, force, errp);
    }
    error_setg(errp, "Parameter 'state' does not accept value '%s'",
               o->state);
    return -EINVAL;
}

void luks_amend_options_get(QemuOpts *opts, const char *prefix,
                            LuksAmendOptions *o)
{
    memset(o, 0, sizeof(*o));
    char *k = g_strconcat(prefix, "state", NULL);
    o->state = qemu_opt_get(opts, k);
    g_free(k);
    k = g_strconcat(prefix, "keyslot", NULL);
    o->has_keyslot = qemu_opt_has(opts, k);
    o->keyslot = (int64_t)qemu_opt_get_number(opts, k, 0);
    g_free(k);
    k = g_strconcat(prefix, "old-secret", NULL);
    o->old_secret = qemu_opt_get(opts, k);
    g_free(k);
    k = g_strconcat(prefix, "new-secret", NULL);
    o->new_secret = qemu_opt_get(opts, k);
    g_free(k);
    k = g_strconcat(prefix, "iter-time", NULL);
    o->has_iter_time = qemu_opt_has(opts, k);
    o->iter_time = qemu_opt_get_number(opts, k, 2000);
    g_free(k);
}

/* --- info ------------------------------------------------------------- */

InfoNode *luks_info(const LuksVolume *v, bool with_format)
{
    InfoNode *d = info_new_dict();
    info_add_str(d, "ivgen-alg", ivgen_names[v->ivgen]);
    info_add_str(d, "hash-alg", v->hash->name);
    info_add_str(d, "cipher-alg", v->alg->name);
    info_add_str(d, "uuid", v->uuid);
    if (v->ivgen_hash) {
        info_add_str(d, "ivgen-hash-alg", v->ivgen_hash->name);
    }
    if (with_format) {
        info_add_str(d, "format", "luks");
    }
    info_add_str(d, "cipher-mode", mode_names[v->mode]);
    InfoNode *slots = info_add_list(d, "slots");
    for (int i = 0; i < LUKS_NUM_SLOTS; i++) {
        InfoNode *s = info_new_dict();
        bool active = v->slots[i].active == LUKS_SLOT_ACTIVE;
        info_add_bool(s, "active", active);
        if (active) {
            info_add_int(s, "iters", v->slots[i].iterations);
        }
        info_add_int(s, "key-offset",
                     (int64_t)v->slots[i].key_offset * LUKS_SECTOR_SIZE);
        if (active) {
            info_add_int(s, "stripes", v->slots[i].stripes);
        }
        info_add_node(slots, NULL, s);
    }
    info_add_int(d, "payload-offset", (int64_t)luks_payload_offset(v));
    info_add_int(d, "master-key-iters", v->mk_iterations);
    return d;
}
