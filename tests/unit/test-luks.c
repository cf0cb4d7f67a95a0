/*
 * LUKS1 volumes (block/crypto-luks.c) and --object secret (util/secret.c):
 * volumes we make open again with the right passphrase only, for each
 * cipher, mode, IV generator and hash family; a volume QEMU 7.2 made
 * (data/luks-aes128-cbc-essiv.luks.gz, 8 KiB payload with 0x5a in the
 * first sector and 0xa5 in the second 4 KiB) opens and decrypts; damaged
 * headers are refused with errors that say what is wrong.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <zlib.h>

#include <glib.h>

#include "block/crypto.h"
#include "qemu/secret.h"

typedef struct Area {
    const uint8_t *buf;
    size_t len;
} Area;

static int area_read(void *opaque, uint64_t offset, void *buf, size_t len)
{
    const Area *a = opaque;
    if (offset > a->len || len > a->len - offset) {
        return -22;
    }
    memcpy(buf, a->buf + offset, len);
    return 0;
}

static LuksVolume *make(const char *alg, const char *mode, const char *ivgen,
                        const char *hash, const char *pass, uint8_t **hdr,
                        size_t *len)
{
    LuksCreateOptions o = {
        .cipher_alg = alg, .cipher_mode = mode, .ivgen_alg = ivgen,
        .hash_alg = hash, .iter_time = 1, .has_iter_time = true,
    };
    Error *err = NULL;
    LuksVolume *v = luks_create(&o, (const uint8_t *)pass, strlen(pass), hdr,
                                len, &err);
    if (err) {
        g_error("%s/%s/%s/%s: %s", alg, mode, ivgen, hash,
                error_get_pretty(err));
    }
    g_assert_nonnull(v);
    return v;
}

static void test_roundtrip(void)
{
    static const char *const cases[][4] = {
        { "aes-256", "xts", "plain64", "sha256" },
        { "aes-128", "cbc", "essiv", "sha1" },
        { "aes-192", "ctr", "plain", "sha512" },
        { "serpent-256", "xts", "plain64", "sha384" },
        { "twofish-128", "cbc", "plain64", "ripemd160" },
        { "cast5-128", "cbc", "plain64", "md5" },
        { "aes-256", "ecb", "plain64", "sha224" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        uint8_t *hdr;
        size_t len;
        LuksVolume *made = make(cases[i][0], cases[i][1], cases[i][2],
                                cases[i][3], "right", &hdr, &len);
        g_assert_cmpuint(luks_payload_offset(made), ==, len);
        Area a = { hdr, len };
        Error *err = NULL;
        LuksVolume *v = luks_open(area_read, &a, len, (const uint8_t *)"right",
                                  5, &err);
        g_assert_null(err);
        g_assert_nonnull(v);

        /* Both handles hold the same master key: one encrypts, the other
         * decrypts; the IV depends on the sector. */
        uint8_t plain[2048], buf[2048], other[2048];
        for (size_t j = 0; j < sizeof(plain); j++) {
            plain[j] = (uint8_t)(j * 7 + i);
        }
        memcpy(buf, plain, sizeof(buf));
        g_assert_cmpint(luks_encrypt(made, 4096, buf, sizeof(buf)), ==, 0);
        g_assert_true(memcmp(buf, plain, sizeof(buf)) != 0);
        memcpy(other, plain, sizeof(other));
        g_assert_cmpint(luks_encrypt(made, 8192, other, sizeof(other)), ==, 0);
        if (strcmp(cases[i][1], "ecb")) {
            g_assert_true(memcmp(buf, other, sizeof(buf)) != 0);
        }
        g_assert_cmpint(luks_decrypt(v, 4096, buf, sizeof(buf)), ==, 0);
        g_assert_true(memcmp(buf, plain, sizeof(buf)) == 0);
        g_assert_cmpint(luks_encrypt(v, 100, buf, 512), <, 0);  /* unaligned */

        v = (luks_free(v), NULL);
        g_assert_null(luks_open(area_read, &a, len, (const uint8_t *)"wrong",
                                5, &err));
        g_assert_nonnull(err);
        g_assert_cmpstr(error_get_pretty(err), ==,
                        "Invalid password, cannot unlock any keyslot");
        error_free(err);
        luks_free(made);
        g_free(hdr);
    }
}

static void test_bad_options(void)
{
    static const char *const cases[][4] = {
        { "des", "xts", "plain64", "sha256" },
        { "cast5-128", "xts", "plain64", "sha256" },   /* 64-bit block */
        { "aes-256", "gcm", "plain64", "sha256" },
        { "aes-256", "xts", "plain128", "sha256" },
        { "aes-256", "xts", "plain64", "sha3" },
        { "cast5-128", "cbc", "essiv", "sha256" },     /* no 256-bit cast5 */
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        LuksCreateOptions o = {
            .cipher_alg = cases[i][0], .cipher_mode = cases[i][1],
            .ivgen_alg = cases[i][2], .hash_alg = cases[i][3], .iter_time = 1,
        };
        uint8_t *hdr = NULL;
        size_t len = 0;
        Error *err = NULL;
        g_assert_null(luks_create(&o, (const uint8_t *)"x", 1, &hdr, &len,
                                  &err));
        g_assert_nonnull(err);
        g_assert_null(hdr);
        error_free(err);
    }
}

static uint8_t *load_vector(size_t *len)
{
    char *path = g_test_build_filename(G_TEST_DIST, "data",
                                       "luks-aes128-cbc-essiv.luks.gz", NULL);
    gzFile f = gzopen(path, "rb");
    g_assert_nonnull(f);
    size_t cap = 1 << 20, n = 0;
    uint8_t *buf = g_malloc(cap);
    int r;
    while ((r = gzread(f, buf + n, (unsigned)(cap - n))) > 0) {
        n += r;
        g_assert_cmpuint(n, <, cap);
    }
    gzclose(f);
    g_free(path);
    *len = n;
    return buf;
}

static void test_qemu_vector(void)
{
    size_t len;
    uint8_t *img = load_vector(&len);
    Area a = { img, len };
    Error *err = NULL;
    LuksVolume *v = luks_open(area_read, &a, len,
                              (const uint8_t *)"vector-pass", 11, &err);
    g_assert_null(err);
    g_assert_nonnull(v);
    uint64_t payload = luks_payload_offset(v);
    g_assert_cmpuint(payload + 8192, ==, len);

    uint8_t buf[4096];
    memcpy(buf, img + payload, 512);
    g_assert_cmpint(luks_decrypt(v, 0, buf, 512), ==, 0);
    for (int i = 0; i < 512; i++) {
        g_assert_cmpuint(buf[i], ==, 0x5a);
    }
    memcpy(buf, img + payload + 4096, 4096);
    g_assert_cmpint(luks_decrypt(v, 4096, buf, 4096), ==, 0);
    for (int i = 0; i < 4096; i++) {
        g_assert_cmpuint(buf[i], ==, 0xa5);
    }
    /* Metadata-only open: no key, no I/O. */
    luks_free(v);
    v = luks_open(area_read, &a, len, NULL, 0, &err);
    g_assert_nonnull(v);
    g_assert_false(luks_has_key(v));
    g_assert_cmpint(luks_decrypt(v, 0, buf, 512), <, 0);
    luks_free(v);
    g_free(img);
}

static void expect_open_error(uint8_t *img, size_t len, const char *what)
{
    Area a = { img, len };
    Error *err = NULL;
    g_assert_null(luks_open(area_read, &a, len, (const uint8_t *)"vector-pass",
                            11, &err));
    g_assert_nonnull(err);
    if (!strstr(error_get_pretty(err), what)) {
        g_error("expected '%s' in '%s'", what, error_get_pretty(err));
    }
    error_free(err);
}

static void test_damaged(void)
{
    size_t len;
    uint8_t *img = load_vector(&len);
    uint8_t *copy = g_malloc(len);
    struct {
        size_t off;
        uint8_t val;
        const char *what;
    } cases[] = {
        { 0, 'X', "not in LUKS format" },
        { 7, 2, "version 2" },
        { 8, 'z', "Unsupported LUKS cipher" },
        { 108 + 3, 65, "key size 65" },
        { 208 + 40 + 1, 0x7f, "outside the header area" },   /* slot 0 offset */
        { 208 + 47, 1, "stripes" },                          /* slot 0 stripes */
        { 208 + 3, 5, "invalid state" },
        { 132, 0, "Invalid password" },                      /* digest salt */
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        memcpy(copy, img, len);
        copy[cases[i].off] = cases[i].val;
        expect_open_error(copy, len, cases[i].what);
    }
    expect_open_error(img, 100, "shorter than");
    g_free(copy);
    g_free(img);
}

static void test_secrets(void)
{
    Error *err = NULL;
    size_t len;
    g_assert_cmpint(qemu_secret_object_add("secret,id=t1,data=abc", &err),
                    ==, 0);
    g_assert_cmpint(qemu_secret_object_add(
                        "secret,id=t2,data=czNjcmV0,format=base64", &err),
                    ==, 0);
    uint8_t *v = qemu_secret_lookup("t2", &len, &err);
    g_assert_cmpuint(len, ==, 6);
    g_assert_cmpmem(v, len, "s3cret", 6);
    g_free(v);
    v = qemu_secret_lookup("t1", &len, &err);
    g_assert_cmpmem(v, len, "abc", 3);
    g_free(v);
    static const char *const bad[] = {
        "secret,id=t1,data=dup", "secret,id=t3", "secret,data=x",
        "secret,id=t4,data=x,format=hex", "secret,id=t5,data=%%%,format=base64",
        "secret,id=t6,data=x,keyid=t1", "throttle-group,id=t7",
        "nonsense,id=t8",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_assert_cmpint(qemu_secret_object_add(bad[i], &err), <, 0);
        g_assert_nonnull(err);
        error_free(err);
        err = NULL;
    }
    g_assert_null(qemu_secret_lookup("t8", &len, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "No secret with id 't8'");
    error_free(err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/luks/roundtrip-and-wrong-passphrase", test_roundtrip);
    g_test_add_func("/luks/bad-create-options", test_bad_options);
    g_test_add_func("/luks/qemu-made-volume", test_qemu_vector);
    g_test_add_func("/luks/damaged-header", test_damaged);
    g_test_add_func("/secret/object-add-and-lookup", test_secrets);
    return g_test_run();
}
