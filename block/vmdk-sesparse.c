/*
 * ESXi seSparse extents: headers, grain lookup, writes through the
 * journal, discard, zero grains and journal replay.  Check, repair and
 * reclamation live in vmdk-sesparse-check.c; the on-disk layout is
 * described in docs/user/formats.md.
 *
 * Units: header fields are 512-byte sectors; everything in memory here
 * is bytes unless named *_sectors.  A grain is 4 KiB, a grain table (GT)
 * 4096 entries of 8 bytes covering 16 MiB.
 *
 * Metadata updates (GD entries, GT entries, free-bitmap words, backmap
 * entries and the volatile header's free-GT counter) are all aligned
 * 8-byte words.  A write request collects its updates in a transaction;
 * the transaction is appended to the journal, the file is flushed, and
 * only then are the words written in place.  The volatile header's
 * replay flag is set before the first transaction after open and cleared
 * on a clean close; on open a set flag makes us replay every journal
 * record from the start of the journal whose sequence number continues
 * from next_txn_seq.  New grain data is written before the journal
 * record that points to it, so one flush orders both.
 *
 * Journal record (our format; ESXi's is not public):
 *   0  u64 magic "SESJREC1"   8 u64 sequence   16 u32 count
 *   20 u32 crc32 of the record with this field zero   24 u64 0
 *   32 count x { u64 byte offset in the file, u64 value }
 *   padded with zeroes to a whole sector.
 * The journal header region starts with "SESJHDR1" and a u64 version 1.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <zlib.h>
#include "block/vmdk-sesparse.h"
#include "qemu/bitops.h"
#include "qemu/bswap.h"
#include "qemu/cutils.h"

const char *const sesparse_region_names[SES_REGION_COUNT] = {
    "volatile header", "journal header", "journal", "grain directory",
    "grain tables", "free bitmap", "backmap", "grains",
};

/* ---- headers ---------------------------------------------------------- */

void sesparse_const_header_decode(const uint8_t *b, SeSparseConstHeader *h,
                                  bool *pad_zero)
{
    h->magic = ldq_le_p(b);
    h->version = ldq_le_p(b + 8);
    h->capacity = ldq_le_p(b + 16);
    h->grain_size = ldq_le_p(b + 24);
    h->grain_table_size = ldq_le_p(b + 32);
    h->flags = ldq_le_p(b + 40);
    for (int i = 0; i < 4; i++) {
        h->reserved[i] = ldq_le_p(b + 48 + i * 8);
    }
    for (int i = 0; i < SES_REGION_COUNT; i++) {
        h->region_offset[i] = ldq_le_p(b + 80 + i * 16);
        h->region_size[i] = ldq_le_p(b + 88 + i * 16);
    }
    if (pad_zero) {
        *pad_zero = buffer_is_zero(b + 208, VMDK_SECTOR - 208);
    }
}

void sesparse_const_header_encode(const SeSparseConstHeader *h, uint8_t *b)
{
    memset(b, 0, VMDK_SECTOR);
    stq_le_p(b, h->magic);
    stq_le_p(b + 8, h->version);
    stq_le_p(b + 16, h->capacity);
    stq_le_p(b + 24, h->grain_size);
    stq_le_p(b + 32, h->grain_table_size);
    stq_le_p(b + 40, h->flags);
    for (int i = 0; i < 4; i++) {
        stq_le_p(b + 48 + i * 8, h->reserved[i]);
    }
    for (int i = 0; i < SES_REGION_COUNT; i++) {
        stq_le_p(b + 80 + i * 16, h->region_offset[i]);
        stq_le_p(b + 88 + i * 16, h->region_size[i]);
    }
}

void sesparse_volatile_header_decode(const uint8_t *b,
                                     SeSparseVolatileHeader *h,
                                     bool *pad_zero)
{
    h->magic = ldq_le_p(b);
    h->free_gt_number = ldq_le_p(b + 8);
    h->next_txn_seq = ldq_le_p(b + 16);
    h->replay_journal = ldq_le_p(b + 24);
    if (pad_zero) {
        *pad_zero = buffer_is_zero(b + 32, VMDK_SECTOR - 32);
    }
}

void sesparse_volatile_header_encode(const SeSparseVolatileHeader *h,
                                     uint8_t *b)
{
    memset(b, 0, VMDK_SECTOR);
    stq_le_p(b, h->magic);
    stq_le_p(b + 8, h->free_gt_number);
    stq_le_p(b + 16, h->next_txn_seq);
    stq_le_p(b + 24, h->replay_journal);
}

#define SES_MAX_CAPACITY   (1ULL << 37)     /* 64 TiB in sectors */
#define SES_MAX_SECTOR     (1ULL << 40)

int sesparse_const_header_check(const SeSparseConstHeader *h,
                                int64_t file_size, Error **errp)
{
    uint64_t gts_needed;

    if (h->magic != SESPARSE_CONST_MAGIC) {
        error_setg(errp, "Bad const header magic: 0x%016" PRIx64, h->magic);
        return -EINVAL;
    }
    if (h->version != SESPARSE_VERSION) {
        error_setg(errp, "Unsupported version: 0x%016" PRIx64, h->version);
        return -ENOTSUP;
    }
    if (h->grain_size != SESPARSE_GRAIN_SECTORS) {
        error_setg(errp, "Unsupported grain size: %" PRIu64, h->grain_size);
        return -ENOTSUP;
    }
    if (h->grain_table_size != SESPARSE_GT_SECTORS) {
        error_setg(errp, "Unsupported grain table size: %" PRIu64,
                   h->grain_table_size);
        return -ENOTSUP;
    }
    if (h->flags != 0) {
        error_setg(errp, "Unsupported flags: 0x%016" PRIx64, h->flags);
        return -ENOTSUP;
    }
    for (int i = 0; i < 4; i++) {
        if (h->reserved[i]) {
            error_setg(errp, "Unsupported reserved field %d: 0x%016" PRIx64,
                       i + 1, h->reserved[i]);
            return -ENOTSUP;
        }
    }
    if (h->capacity == 0 || h->capacity > SES_MAX_CAPACITY) {
        error_setg(errp, "Invalid capacity: %" PRIu64 " sectors",
                   h->capacity);
        return -EINVAL;
    }
    for (int i = 0; i < SES_REGION_COUNT; i++) {
        uint64_t o = h->region_offset[i], s = h->region_size[i];
        if (o == 0 || s == 0 || o >= SES_MAX_SECTOR || s >= SES_MAX_SECTOR) {
            error_setg(errp, "Invalid %s region <%" PRIu64 ":%" PRIu64 ">",
                       sesparse_region_names[i], o, s);
            return -EINVAL;
        }
        for (int j = 0; j < i; j++) {
            uint64_t o2 = h->region_offset[j], s2 = h->region_size[j];
            if (o < o2 + s2 && o2 < o + s) {
                error_setg(errp, "The %s region overlaps the %s region",
                           sesparse_region_names[i],
                           sesparse_region_names[j]);
                return -EINVAL;
            }
        }
    }
    /* the headers and the directory must be present in the file */
    for (int i = SES_REGION_VOLATILE; i <= SES_REGION_GD; i++) {
        if (i == SES_REGION_JOURNAL) {
            continue;
        }
        if ((h->region_offset[i] + h->region_size[i]) * VMDK_SECTOR >
            (uint64_t)file_size) {
            error_setg(errp, "The %s region <%" PRIu64 ":%" PRIu64 "> is "
                       "past the end of the file (%" PRId64 " bytes)",
                       sesparse_region_names[i], h->region_offset[i],
                       h->region_size[i], file_size);
            return -EINVAL;
        }
    }
    gts_needed = DIV_ROUND_UP(h->capacity,
                              SESPARSE_GRAIN_SECTORS * SESPARSE_GT_ENTRIES);
    if (h->region_size[SES_REGION_GD] * (VMDK_SECTOR / 8) < gts_needed) {
        error_setg(errp, "Grain directory (%" PRIu64 " sectors) too small "
                   "for the capacity", h->region_size[SES_REGION_GD]);
        return -EINVAL;
    }
    if (h->region_size[SES_REGION_GD] * (VMDK_SECTOR / 8) >
        32ULL * 1024 * 1024) {
        error_setg(errp, "L1 size too big");
        return -EFBIG;
    }
    if (h->region_size[SES_REGION_GRAINS] / SESPARSE_GRAIN_SECTORS == 0) {
        error_setg(errp, "Grain region too small");
        return -EINVAL;
    }
    return 0;
}

void sesparse_layout(uint64_t capacity, SeSparseConstHeader *h)
{
    const uint64_t unit = 2048;     /* ESXi rounds regions to 1 MiB */
    uint64_t grains = DIV_ROUND_UP(capacity, SESPARSE_GRAIN_SECTORS);
    uint64_t gts = DIV_ROUND_UP(grains, SESPARSE_GT_ENTRIES);
    uint64_t pos;

    memset(h, 0, sizeof(*h));
    h->magic = SESPARSE_CONST_MAGIC;
    h->version = SESPARSE_VERSION;
    h->capacity = capacity;
    h->grain_size = SESPARSE_GRAIN_SECTORS;
    h->grain_table_size = SESPARSE_GT_SECTORS;
    h->region_offset[SES_REGION_VOLATILE] = 1;
    h->region_size[SES_REGION_VOLATILE] = 1;
    h->region_offset[SES_REGION_JOURNAL_HDR] = 2;
    h->region_size[SES_REGION_JOURNAL_HDR] = 2;
    h->region_offset[SES_REGION_JOURNAL] = unit;
    h->region_size[SES_REGION_JOURNAL] = unit;
    pos = 2 * unit;
    h->region_size[SES_REGION_GD] =
        ROUND_UP(DIV_ROUND_UP(gts * 8, VMDK_SECTOR), unit);
    h->region_size[SES_REGION_GT] = ROUND_UP(gts * SESPARSE_GT_SECTORS, unit);
    h->region_size[SES_REGION_BITMAP] =
        ROUND_UP(DIV_ROUND_UP(grains, 8 * VMDK_SECTOR), unit);
    h->region_size[SES_REGION_BACKMAP] =
        ROUND_UP(DIV_ROUND_UP(grains * 8, VMDK_SECTOR), unit);
    h->region_size[SES_REGION_GRAINS] = grains * SESPARSE_GRAIN_SECTORS;
    for (int i = SES_REGION_GD; i <= SES_REGION_GRAINS; i++) {
        h->region_offset[i] = pos;
        pos += h->region_size[i];
    }
}

/* ---- word addressing -------------------------------------------------- */

static uint64_t region_byte(const SeSparse *s, int r)
{
    return s->h.region_offset[r] * VMDK_SECTOR;
}

static uint64_t region_bytes(const SeSparse *s, int r)
{
    return s->h.region_size[r] * VMDK_SECTOR;
}

uint64_t sesparse_gte_addr(const SeSparse *s, uint64_t t, uint32_t idx)
{
    return region_byte(s, SES_REGION_GT) + t * SESPARSE_GT_BYTES + idx * 8;
}

uint64_t sesparse_grain_addr(const SeSparse *s, uint64_t g)
{
    return region_byte(s, SES_REGION_GRAINS) + g * SESPARSE_GRAIN_SIZE;
}

static uint64_t free_gt_addr(const SeSparse *s)
{
    return region_byte(s, SES_REGION_VOLATILE) + 8;
}

/* Is @off a metadata word a journal record may update? */
static bool journal_target_ok(const SeSparse *s, uint64_t off)
{
    static const int regions[] = { SES_REGION_GD, SES_REGION_GT,
                                   SES_REGION_BITMAP, SES_REGION_BACKMAP };
    if (off % 8) {
        return false;
    }
    if (off == free_gt_addr(s)) {
        return true;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(regions); i++) {
        uint64_t b = region_byte(s, regions[i]);
        if (off >= b && off - b < region_bytes(s, regions[i])) {
            return true;
        }
    }
    return false;
}

/* ---- in-memory metadata --------------------------------------------- */

/* Index of the first overlay word at or after @off (the overlay's length
   if none): a binary search, the overlay being sorted by offset. */
static guint overlay_find(const SeSparse *s, uint64_t off)
{
    guint lo = 0, hi = s->overlay->len;

    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index(s->overlay, SeSparseWord, mid).off < off) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Patch the journal's words into metadata just read from the file. */
static void overlay_apply(SeSparse *s, uint64_t off, uint8_t *buf,
                          uint64_t len)
{
    if (!s->overlay) {
        return;
    }
    for (guint i = overlay_find(s, off); i < s->overlay->len; i++) {
        const SeSparseWord *w = &g_array_index(s->overlay, SeSparseWord, i);
        if (w->off + 8 > off + len) {
            break;
        }
        stq_le_p(buf + (w->off - off), w->value);
    }
}

int sesparse_read_meta(SeSparse *s, uint64_t off, uint8_t *buf, uint64_t len)
{
    int ret = vmdk_file_read(s->file, off, buf, len);

    if (ret == 0) {
        overlay_apply(s, off, buf, len);
    }
    return ret;
}

int sesparse_get_gt(SeSparse *s, uint64_t t, uint64_t **out)
{
    uint64_t *gt = g_hash_table_lookup(s->gt_cache, &t);
    uint64_t *key;
    int ret;

    if (gt) {
        *out = gt;
        return 0;
    }
    if (t >= s->max_gts) {
        return -EIO;
    }
    /*
     * Evict only between transactions: a pending one holds GT entries that
     * exist nowhere else yet (and committing here could journal entries
     * whose grain data is still in the caller's write buffer).
     */
    if (g_hash_table_size(s->gt_cache) >= SES_GT_CACHE_LIMIT && !s->overlay &&
        s->txn->len == 0) {
        g_hash_table_remove_all(s->gt_cache);
    }
    /* read in place; only a big-endian host has anything to convert */
    gt = g_new(uint64_t, SESPARSE_GT_ENTRIES);
    ret = sesparse_read_meta(s, sesparse_gte_addr(s, t, 0), (uint8_t *)gt,
                             SESPARSE_GT_BYTES);
    if (ret < 0) {
        g_free(gt);
        return ret;
    }
    if (HOST_BIG_ENDIAN) {
        for (int i = 0; i < SESPARSE_GT_ENTRIES; i++) {
            gt[i] = le64_to_cpu(gt[i]);
        }
    }
    key = g_new(uint64_t, 1);
    *key = t;
    g_hash_table_insert(s->gt_cache, key, gt);
    *out = gt;
    return 0;
}

/* Decode GD entry @gdi: -EIO if corrupt, 0 with *t = UINT64_MAX if none */
int sesparse_gd_lookup(SeSparse *s, uint64_t gdi, uint64_t *t)
{
    uint64_t e;

    if (gdi >= s->gd_entries) {
        return -EIO;
    }
    e = s->gd[gdi];
    if (e == 0) {
        *t = UINT64_MAX;
        return 0;
    }
    if ((e & 0xffffffff00000000ULL) != SESPARSE_GDE_VALID ||
        (e & 0xffffffffULL) >= s->max_gts) {
        return -EIO;
    }
    *t = e & 0xffffffffULL;
    return 0;
}

/* GT entry for guest grain @v (0 when there is no GT). */
int sesparse_get_gte(SeSparse *s, uint64_t v, uint64_t *entry)
{
    uint64_t t, *gt;
    int ret = sesparse_gd_lookup(s, v / SESPARSE_GT_ENTRIES, &t);

    if (ret < 0) {
        return ret;
    }
    if (t == UINT64_MAX) {
        *entry = 0;
        return 0;
    }
    ret = sesparse_get_gt(s, t, &gt);
    if (ret < 0) {
        return ret;
    }
    *entry = gt[v % SESPARSE_GT_ENTRIES];
    return 0;
}

int sesparse_map(VmdkExtent *e, uint64_t off, VmdkMapping *m)
{
    SeSparse *s = e->se;
    uint64_t v = off / SESPARSE_GRAIN_SIZE, in_grain = off % SESPARSE_GRAIN_SIZE;
    uint64_t entry, g;
    int ret = sesparse_get_gte(s, v, &entry);

    m->extent = e;
    m->file = e->file;
    m->bytes = SESPARSE_GRAIN_SIZE - in_grain;
    if (ret < 0) {
        return ret;
    }
    switch (entry & SESPARSE_GTE_KIND_MASK) {
    case SESPARSE_GTE_UNALLOC:
        if (entry != 0) {
            return -EIO;
        }
        m->kind = VMDK_MAP_UNALLOC;
        return 0;
    case SESPARSE_GTE_UNMAPPED:
    case SESPARSE_GTE_ZERO:
        m->kind = VMDK_MAP_ZERO;
        return 0;
    case SESPARSE_GTE_ALLOC:
        g = sesparse_gte_grain(entry);
        if (g >= s->max_grains ||
            sesparse_grain_addr(s, g) + in_grain >= (uint64_t)e->file->size) {
            return -EIO;
        }
        m->kind = VMDK_MAP_DATA;
        m->file_offset = sesparse_grain_addr(s, g) + in_grain;
        return 0;
    default:
        return -EIO;
    }
}

/* ---- bitmap ----------------------------------------------------------- */

int sesparse_load_bitmap(SeSparse *s)
{
    uint64_t words = DIV_ROUND_UP(s->max_grains, 64);
    uint8_t *raw;
    int ret;

    if (s->bitmap) {
        return 0;
    }
    if (words > (256ULL << 20) / 8) {
        return -EFBIG;
    }
    raw = g_malloc(words * 8);
    ret = sesparse_read_meta(s, region_byte(s, SES_REGION_BITMAP), raw,
                             words * 8);
    if (ret < 0) {
        g_free(raw);
        return ret;
    }
    s->bitmap = g_new(uint64_t, words ? words : 1);
    s->bitmap_words = words;
    for (uint64_t i = 0; i < words; i++) {
        s->bitmap[i] = ldq_le_p(raw + i * 8);
    }
    g_free(raw);
    /* bits past the last grain must never be handed out */
    if (s->max_grains % 64) {
        s->bitmap[words - 1] |= ~0ULL << (s->max_grains % 64);
    }
    return 0;
}

bool sesparse_bit(const SeSparse *s, uint64_t g)
{
    return (s->bitmap[g / 64] >> (g % 64)) & 1;
}

static uint64_t bitmap_word_disk(const SeSparse *s, uint64_t w)
{
    uint64_t v = s->bitmap[w];

    if (w == s->bitmap_words - 1 && s->max_grains % 64) {
        v &= ~(~0ULL << (s->max_grains % 64));
    }
    return v;
}

void sesparse_set_bit(SeSparse *s, uint64_t g, bool on)
{
    uint64_t w = g / 64;

    if (on) {
        s->bitmap[w] |= 1ULL << (g % 64);
    } else {
        s->bitmap[w] &= ~(1ULL << (g % 64));
    }
    sesparse_txn_add(s, region_byte(s, SES_REGION_BITMAP) + w * 8,
                     bitmap_word_disk(s, w));
}

int64_t sesparse_find_free_grain(SeSparse *s)
{
    uint64_t w0 = s->alloc_cursor / 64;

    for (uint64_t n = 0; n <= s->bitmap_words; n++) {
        uint64_t w = (w0 + n) % s->bitmap_words;
        if (s->bitmap[w] != ~0ULL) {
            uint64_t g = w * 64 + __builtin_ctzll(~s->bitmap[w]);
            s->alloc_cursor = g + 1;
            return g;
        }
    }
    return -ENOSPC;
}

/* ---- transactions ------------------------------------------------------ */

void sesparse_txn_add(SeSparse *s, uint64_t off, uint64_t value)
{
    SeSparseWord w = { off, value };

    g_array_append_val(s->txn, w);
}

static int cmp_word(gconstpointer a, gconstpointer b)
{
    const SeSparseWord *x = a, *y = b;

    return x->off < y->off ? -1 : x->off > y->off;
}

/* Sort by offset keeping only the last value written to each word. */
static void txn_normalize(GArray *txn)
{
    guint out = 0;

    /* stable sort keeps the order of updates to the same word */
    for (guint i = 0; i < txn->len; i++) {
        g_array_index(txn, SeSparseWord, i).seq = i;
    }
    g_array_sort(txn, cmp_word);
    for (guint i = 0; i < txn->len; i++) {
        SeSparseWord *w = &g_array_index(txn, SeSparseWord, i);
        if (out > 0) {
            SeSparseWord *prev = &g_array_index(txn, SeSparseWord, out - 1);
            if (prev->off == w->off) {
                if (w->seq > prev->seq) {
                    *prev = *w;
                }
                continue;
            }
        }
        g_array_index(txn, SeSparseWord, out++) = *w;
    }
    g_array_set_size(txn, out);
}

static uint64_t record_bytes(uint64_t count)
{
    return ROUND_UP(SES_JREC_HDR + count * 16, VMDK_SECTOR);
}

uint64_t sesparse_txn_capacity(const SeSparse *s)
{
    return (region_bytes(s, SES_REGION_JOURNAL) - SES_JREC_HDR) / 16;
}

static int write_volatile(SeSparse *s)
{
    uint8_t b[VMDK_SECTOR];

    sesparse_volatile_header_encode(&s->v, b);
    return vmdk_file_write(s->file, region_byte(s, SES_REGION_VOLATILE), b,
                           sizeof(b));
}

/* First metadata change after open: mark the image as needing replay. */
static int mark_dirty(SeSparse *s)
{
    int ret;

    if (s->dirty) {
        return 0;
    }
    if (s->broken) {
        return -EIO;
    }
    s->v.replay_journal = 1;
    s->journal_pos = 0;
    ret = write_volatile(s);
    if (ret == 0) {
        ret = vmdk_file_flush(s->file);
    }
    if (ret == 0) {
        s->dirty = true;
    }
    return ret;
}

static void encode_record(const SeSparse *s, GArray *txn, uint64_t seq,
                          uint8_t *rec, uint64_t len)
{
    uint32_t crc;

    memset(rec, 0, len);
    stq_le_p(rec, SES_JREC_MAGIC);
    stq_le_p(rec + 8, seq);
    stl_le_p(rec + 16, txn->len);
    for (guint i = 0; i < txn->len; i++) {
        SeSparseWord *w = &g_array_index(txn, SeSparseWord, i);
        stq_le_p(rec + SES_JREC_HDR + i * 16, w->off);
        stq_le_p(rec + SES_JREC_HDR + i * 16 + 8, w->value);
    }
    crc = crc32(0, rec, SES_JREC_HDR + txn->len * 16);
    stl_le_p(rec + 20, crc);
}

/* Write the words of @txn in place, merging neighbours into one write. */
static int apply_words(VmdkFile *f, GArray *txn)
{
    guint i = 0;

    while (i < txn->len) {
        guint j = i + 1;
        uint64_t base = g_array_index(txn, SeSparseWord, i).off;
        uint8_t *buf;
        int ret;

        while (j < txn->len &&
               g_array_index(txn, SeSparseWord, j).off == base + (j - i) * 8) {
            j++;
        }
        buf = g_malloc((j - i) * 8);
        for (guint k = i; k < j; k++) {
            stq_le_p(buf + (k - i) * 8, g_array_index(txn, SeSparseWord,
                                                      k).value);
        }
        ret = vmdk_file_write(f, base, buf, (j - i) * 8);
        g_free(buf);
        if (ret < 0) {
            return ret;
        }
        i = j;
    }
    return 0;
}

int sesparse_txn_commit(SeSparse *s)
{
    uint64_t len;
    uint8_t *rec;
    int ret;

    if (s->txn->len == 0) {
        return 0;
    }
    txn_normalize(s->txn);
    ret = mark_dirty(s);
    if (ret < 0) {
        goto fail;
    }
    len = record_bytes(s->txn->len);
    if (s->journal_pos + len > region_bytes(s, SES_REGION_JOURNAL)) {
        /* checkpoint: everything in the journal is applied and durable */
        ret = vmdk_file_flush(s->file);
        if (ret == 0) {
            s->v.next_txn_seq = s->next_seq;
            ret = write_volatile(s);
        }
        if (ret == 0) {
            ret = vmdk_file_flush(s->file);
        }
        if (ret < 0) {
            goto fail;
        }
        s->journal_pos = 0;
    }
    rec = g_malloc(len);
    encode_record(s, s->txn, s->next_seq, rec, len);
    ret = vmdk_file_write(s->file, region_byte(s, SES_REGION_JOURNAL) +
                          s->journal_pos, rec, len);
    g_free(rec);
    if (ret == 0) {
        ret = vmdk_file_flush(s->file);
    }
    if (ret < 0) {
        goto fail;
    }
    s->journal_pos += len;
    s->next_seq++;
    if (s->crash_after_journal) {
        /* test hook: leave the transaction only in the journal */
        g_array_set_size(s->txn, 0);
        s->broken = true;
        return -EIO;
    }
    ret = apply_words(s->file, s->txn);
    if (ret < 0) {
        goto fail;
    }
    g_array_set_size(s->txn, 0);
    return 0;

fail:
    /* memory and disk may now differ: refuse further changes */
    g_array_set_size(s->txn, 0);
    s->broken = true;
    return ret;
}

/* ---- journal replay ---------------------------------------------------- */

/*
 * Walk the journal records that continue from the volatile header's
 * sequence number.  @fn is called for each word; returns the number of
 * records found or -errno.
 */
static int journal_walk(SeSparse *s, void (*fn)(SeSparse *, uint64_t,
                                                uint64_t),
                        uint64_t *next_seq, Error **errp)
{
    uint64_t jbase = region_byte(s, SES_REGION_JOURNAL);
    uint64_t jlen = region_bytes(s, SES_REGION_JOURNAL);
    uint64_t pos = 0, seq = s->v.next_txn_seq;
    uint8_t hdr[VMDK_SECTOR];
    int records = 0, ret;

    ret = vmdk_file_read(s->file, region_byte(s, SES_REGION_JOURNAL_HDR), hdr,
                         sizeof(hdr));
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not read the journal header");
        return ret;
    }
    if (ldq_le_p(hdr) != SES_JHDR_MAGIC || ldq_le_p(hdr + 8) != 1) {
        error_setg(errp, "Image is dirty and its journal is in a format we "
                   "cannot replay");
        return -ENOTSUP;
    }
    while (pos + SES_JREC_HDR <= jlen) {
        uint8_t rh[SES_JREC_HDR];
        uint32_t count, crc;
        uint64_t len;
        uint8_t *rec;

        ret = vmdk_file_read(s->file, jbase + pos, rh, sizeof(rh));
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not read the journal");
            return ret;
        }
        if (ldq_le_p(rh) != SES_JREC_MAGIC || ldq_le_p(rh + 8) != seq) {
            break;
        }
        count = ldl_le_p(rh + 16);
        if (count > sesparse_txn_capacity(s) ||
            pos + record_bytes(count) > jlen) {
            break;
        }
        len = SES_JREC_HDR + (uint64_t)count * 16;
        rec = g_malloc(len);
        ret = vmdk_file_read(s->file, jbase + pos, rec, len);
        if (ret < 0) {
            g_free(rec);
            error_setg_errno(errp, -ret, "Could not read the journal");
            return ret;
        }
        crc = ldl_le_p(rec + 20);
        stl_le_p(rec + 20, 0);
        if (crc32(0, rec, len) != crc) {
            g_free(rec);
            break;      /* a torn record: its transaction never happened */
        }
        for (uint32_t i = 0; i < count; i++) {
            uint64_t off = ldq_le_p(rec + SES_JREC_HDR + i * 16);
            if (!journal_target_ok(s, off)) {
                g_free(rec);
                error_setg(errp, "Journal record %" PRIu64 " updates offset "
                           "%" PRIu64 ", outside the metadata", seq, off);
                return -EINVAL;
            }
        }
        for (uint32_t i = 0; i < count; i++) {
            fn(s, ldq_le_p(rec + SES_JREC_HDR + i * 16),
               ldq_le_p(rec + SES_JREC_HDR + i * 16 + 8));
        }
        g_free(rec);
        pos += record_bytes(count);
        seq++;
        records++;
    }
    *next_seq = seq;
    return records;
}

static void replay_word(SeSparse *s, uint64_t off, uint64_t value)
{
    sesparse_txn_add(s, off, value);
}

static void overlay_word(SeSparse *s, uint64_t off, uint64_t value)
{
    SeSparseWord w = { off, value };

    g_array_append_val(s->overlay, w);
}

static int journal_replay(SeSparse *s, bool writable, Error **errp)
{
    uint64_t next;
    int ret;

    if (!writable) {
        guint i;

        s->overlay = g_array_new(false, false, sizeof(SeSparseWord));
        ret = journal_walk(s, overlay_word, &next, errp);
        if (ret < 0) {
            return ret;
        }
        /* sorted, the last value of each word kept: overlay_find() */
        txn_normalize(s->overlay);
        i = overlay_find(s, free_gt_addr(s));
        if (i < s->overlay->len &&
            g_array_index(s->overlay, SeSparseWord, i).off == free_gt_addr(s)) {
            s->v.free_gt_number = g_array_index(s->overlay, SeSparseWord,
                                                i).value;
        }
        return 0;
    }
    ret = journal_walk(s, replay_word, &next, errp);
    if (ret < 0) {
        g_array_set_size(s->txn, 0);
        return ret;
    }
    /* words in journal order: the last value of each word wins */
    txn_normalize(s->txn);
    ret = apply_words(s->file, s->txn);
    g_array_set_size(s->txn, 0);
    if (ret == 0) {
        ret = vmdk_file_flush(s->file);
    }
    if (ret == 0) {
        uint8_t b[8];
        ret = vmdk_file_read(s->file, free_gt_addr(s), b, 8);
        s->v.free_gt_number = ldq_le_p(b);
    }
    if (ret == 0) {
        s->v.next_txn_seq = next;
        s->v.replay_journal = 0;
        ret = write_volatile(s);
    }
    if (ret == 0) {
        ret = vmdk_file_flush(s->file);
    }
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not replay the seSparse journal");
    }
    return ret;
}

/* ---- open / close ------------------------------------------------------- */

int sesparse_open(VmdkExtent *e, bool writable, Error **errp)
{
    SeSparse *s = g_new0(SeSparse, 1);
    uint8_t b[VMDK_SECTOR];
    uint8_t *raw;
    bool pad_zero;
    int ret;

    e->se = s;
    s->file = e->file;
    s->txn = g_array_new(false, false, sizeof(SeSparseWord));
    s->gt_cache = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free,
                                        g_free);
    ret = vmdk_file_read(e->file, 0, b, sizeof(b));
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not read const header from file "
                         "'%s'", e->file->filename);
        return ret;
    }
    sesparse_const_header_decode(b, &s->h, &pad_zero);
    ret = sesparse_const_header_check(&s->h, e->file->size, errp);
    if (ret < 0) {
        return ret;
    }
    if (!pad_zero) {
        error_setg(errp, "Unsupported non-zero const header padding");
        return -ENOTSUP;
    }
    ret = vmdk_file_read(e->file, region_byte(s, SES_REGION_VOLATILE), b,
                         sizeof(b));
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not read volatile header from "
                         "file '%s'", e->file->filename);
        return ret;
    }
    sesparse_volatile_header_decode(b, &s->v, &pad_zero);
    if (s->v.magic != SESPARSE_VOLATILE_MAGIC) {
        error_setg(errp, "Bad volatile header magic: 0x%016" PRIx64,
                   s->v.magic);
        return -EINVAL;
    }
    if (!pad_zero) {
        error_setg(errp, "Unsupported non-zero volatile header padding");
        return -ENOTSUP;
    }
    if (s->v.replay_journal > 1) {
        error_setg(errp, "Invalid replay-journal flag %" PRIu64,
                   s->v.replay_journal);
        return -EINVAL;
    }

    s->gd_entries = s->h.region_size[SES_REGION_GD] * (VMDK_SECTOR / 8);
    s->max_gts = s->h.region_size[SES_REGION_GT] / SESPARSE_GT_SECTORS;
    s->max_grains = s->h.region_size[SES_REGION_GRAINS] /
                    SESPARSE_GRAIN_SECTORS;
    s->max_grains = MIN(s->max_grains,
                        s->h.region_size[SES_REGION_BITMAP] * VMDK_SECTOR * 8);
    s->max_grains = MIN(s->max_grains,
                        s->h.region_size[SES_REGION_BACKMAP] *
                        (VMDK_SECTOR / 8));
    s->max_gts = MIN(s->max_gts, 0x100000000ULL);
    e->length = MIN(e->length, s->h.capacity * VMDK_SECTOR);

    if (s->v.replay_journal) {
        ret = journal_replay(s, writable, errp);
        if (ret < 0) {
            return ret;
        }
    }
    if (s->v.free_gt_number > s->max_gts) {
        error_setg(errp, "Invalid free grain table number %" PRIu64
                   " (at most %" PRIu64 ")", s->v.free_gt_number, s->max_gts);
        return -EINVAL;
    }
    s->next_seq = s->v.next_txn_seq;
    {
        /*
         * We journal in our own format.  A journal header of another
         * implementation (ESXi's) is left alone: we refuse to write rather
         * than leave a journal it would misread, and check does not hold
         * its backmap to our convention.  An all-zero one is ours to claim.
         */
        uint8_t jh[VMDK_SECTOR];
        ret = vmdk_file_read(e->file, region_byte(s, SES_REGION_JOURNAL_HDR),
                             jh, sizeof(jh));
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not read the journal header");
            return ret;
        }
        if (buffer_is_zero(jh, sizeof(jh))) {
            if (writable) {
                stq_le_p(jh, SES_JHDR_MAGIC);
                stq_le_p(jh + 8, 1);
                ret = vmdk_file_write(e->file,
                                      region_byte(s, SES_REGION_JOURNAL_HDR),
                                      jh, sizeof(jh));
                if (ret < 0) {
                    error_setg_errno(errp, -ret, "Could not write the "
                                     "journal header");
                    return ret;
                }
            }
        } else if (ldq_le_p(jh) != SES_JHDR_MAGIC || ldq_le_p(jh + 8) != 1) {
            s->foreign_journal = true;
        }
    }

    raw = g_malloc(s->gd_entries * 8);
    ret = sesparse_read_meta(s, region_byte(s, SES_REGION_GD), raw,
                             s->gd_entries * 8);
    if (ret < 0) {
        g_free(raw);
        error_setg_errno(errp, -ret, "Could not read grain directory");
        return ret;
    }
    s->gd = g_new(uint64_t, s->gd_entries);
    for (uint64_t i = 0; i < s->gd_entries; i++) {
        s->gd[i] = ldq_le_p(raw + i * 8);
    }
    g_free(raw);
    return 0;
}

int sesparse_flush(VmdkExtent *e)
{
    SeSparse *s = e->se;
    int ret = sesparse_txn_commit(s);

    return ret < 0 ? ret : vmdk_file_flush(s->file);
}

void sesparse_close(VmdkExtent *e)
{
    SeSparse *s = e->se;

    if (!s) {
        return;
    }
    if (s->dirty && !s->broken && sesparse_txn_commit(s) == 0 &&
        vmdk_file_flush(s->file) == 0) {
        /* clean close: the journal is fully applied */
        s->v.replay_journal = 0;
        s->v.next_txn_seq = s->next_seq;
        if (write_volatile(s) == 0) {
            vmdk_file_flush(s->file);
        }
    }
    g_free(s->gd);
    g_free(s->bitmap);
    g_hash_table_destroy(s->gt_cache);
    if (s->overlay) {
        g_array_free(s->overlay, true);
    }
    g_array_free(s->txn, true);
    g_free(s);
    e->se = NULL;
}

/* ---- writes ------------------------------------------------------------- */

int sesparse_writable_check(SeSparse *s)
{
    if (s->foreign_journal) {
        return -ENOTSUP;
    }
    if (s->overlay || s->broken) {
        return -EIO;
    }
    return sesparse_load_bitmap(s);
}

/* Make sure guest grain @v has a GT; returns its index in *t. */
static int ensure_gt(SeSparse *s, uint64_t v, uint64_t *t)
{
    uint64_t gdi = v / SESPARSE_GT_ENTRIES;
    int ret = sesparse_gd_lookup(s, gdi, t);

    if (ret < 0 || *t != UINT64_MAX) {
        return ret;
    }
    if (s->v.free_gt_number >= s->max_gts) {
        return -ENOSPC;
    }
    *t = s->v.free_gt_number++;
    s->gd[gdi] = SESPARSE_GDE_VALID | *t;
    sesparse_txn_add(s, free_gt_addr(s), s->v.free_gt_number);
    sesparse_txn_add(s, region_byte(s, SES_REGION_GD) + gdi * 8, s->gd[gdi]);
    /* a GT slot is zero when handed out: nothing was ever stored there */
    {
        uint64_t *gt = g_new0(uint64_t, SESPARSE_GT_ENTRIES), *key;
        uint8_t *zero = g_malloc0(SESPARSE_GT_BYTES);
        ret = vmdk_file_write(s->file, sesparse_gte_addr(s, *t, 0), zero,
                              SESPARSE_GT_BYTES);
        g_free(zero);
        key = g_new(uint64_t, 1);
        *key = *t;
        g_hash_table_replace(s->gt_cache, key, gt);
    }
    return ret;
}

int sesparse_set_gte(SeSparse *s, uint64_t v, uint64_t entry)
{
    uint64_t t, *gt;
    int ret = ensure_gt(s, v, &t);

    if (ret == 0) {
        ret = sesparse_get_gt(s, t, &gt);
    }
    if (ret < 0) {
        return ret;
    }
    gt[v % SESPARSE_GT_ENTRIES] = entry;
    sesparse_txn_add(s, sesparse_gte_addr(s, t, v % SESPARSE_GT_ENTRIES),
                     entry);
    return 0;
}

void sesparse_set_backmap(SeSparse *s, uint64_t g, uint64_t v)
{
    sesparse_txn_add(s, region_byte(s, SES_REGION_BACKMAP) + g * 8, v);
}

/* Can the grain an unmapped entry still points to be written again? */
static bool reusable_grain(SeSparse *s, uint64_t entry, uint64_t v,
                           uint64_t *g)
{
    uint8_t b[8];

    if ((entry & SESPARSE_GTE_KIND_MASK) != SESPARSE_GTE_UNMAPPED ||
        entry == SESPARSE_GTE_UNMAPPED) {
        return false;
    }
    *g = sesparse_gte_grain(entry);
    if (*g >= s->max_grains || !sesparse_bit(s, *g)) {
        return false;
    }
    if (sesparse_read_meta(s, region_byte(s, SES_REGION_BACKMAP) + *g * 8, b,
                           8) < 0) {
        return false;
    }
    return ldq_le_p(b) == v;
}

/* New full grains that land in consecutive slots go out in one write. */
typedef struct GrainRun {
    uint64_t first;          /* grain slot of the first grain */
    uint64_t count;
    const uint8_t *src;
} GrainRun;

static int run_flush(SeSparse *s, GrainRun *r)
{
    int ret = 0;

    if (r->count) {
        ret = vmdk_file_write(s->file, sesparse_grain_addr(s, r->first),
                              r->src, r->count * SESPARSE_GRAIN_SIZE);
        r->count = 0;
    }
    return ret;
}

int sesparse_write(VmdkExtent *e, uint64_t off, const void *buf,
                   uint64_t bytes, VmdkBackingReadFn backing, void *opaque,
                   uint64_t guest_base)
{
    SeSparse *s = e->se;
    const uint8_t *src = buf;
    uint8_t *whole = NULL;
    GrainRun run = { 0 };
    int ret = sesparse_writable_check(s);

    while (ret == 0 && bytes > 0) {
        uint64_t v = off / SESPARSE_GRAIN_SIZE;
        uint64_t in_grain = off % SESPARSE_GRAIN_SIZE;
        uint64_t n = MIN(bytes, SESPARSE_GRAIN_SIZE - in_grain);
        uint64_t entry, g;
        const uint8_t *data = src;
        int64_t fg;
        VmdkMapping m;

        ret = sesparse_map(e, off, &m);
        if (ret < 0) {
            break;
        }
        if (m.kind == VMDK_MAP_DATA) {
            ret = vmdk_file_write(e->file, m.file_offset, src, n);
            goto next;
        }
        ret = sesparse_get_gte(s, v, &entry);
        if (ret < 0) {
            break;
        }
        if (m.kind == VMDK_MAP_UNALLOC && !backing && buffer_is_zero(src, n)) {
            goto next;      /* already reads as zeroes */
        }
        if (s->txn->len + 8 > sesparse_txn_capacity(s)) {
            ret = run_flush(s, &run);
            if (ret == 0) {
                ret = sesparse_txn_commit(s);
            }
            if (ret < 0) {
                break;
            }
        }
        if (n < SESPARSE_GRAIN_SIZE) {
            if (!whole) {
                whole = g_malloc(SESPARSE_GRAIN_SIZE);
            }
            memset(whole, 0, SESPARSE_GRAIN_SIZE);
            if (m.kind == VMDK_MAP_UNALLOC && backing) {
                uint64_t glen = MIN(SESPARSE_GRAIN_SIZE,
                                    e->length - v * SESPARSE_GRAIN_SIZE);
                ret = backing(opaque, guest_base + v * SESPARSE_GRAIN_SIZE,
                              whole, glen);
                if (ret < 0) {
                    break;
                }
            }
            memcpy(whole + in_grain, src, n);
            data = whole;
        }
        if (reusable_grain(s, entry, v, &g)) {
            fg = g;
        } else {
            fg = sesparse_find_free_grain(s);
            if (fg < 0) {
                ret = fg;
                break;
            }
            sesparse_set_bit(s, fg, true);
            sesparse_set_backmap(s, fg, v);
        }
        if (data == src && run.count && fg == run.first + run.count &&
            src == run.src + run.count * SESPARSE_GRAIN_SIZE) {
            run.count++;
        } else {
            ret = run_flush(s, &run);
            if (ret == 0 && data == src) {
                run = (GrainRun){ fg, 1, src };
            } else if (ret == 0) {
                ret = vmdk_file_write(e->file, sesparse_grain_addr(s, fg),
                                      data, SESPARSE_GRAIN_SIZE);
            }
        }
        if (ret == 0) {
            ret = sesparse_set_gte(s, v, sesparse_gte_make(SESPARSE_GTE_ALLOC,
                                                           fg));
        }
next:
        off += n;
        src += n;
        bytes -= n;
    }
    g_free(whole);
    if (ret == 0) {
        ret = run_flush(s, &run);
    }
    if (ret == 0) {
        ret = sesparse_txn_commit(s);
    } else {
        /* uncommitted in-memory changes cannot be trusted any more */
        g_array_set_size(s->txn, 0);
        s->broken = true;
    }
    return ret;
}

/* Release grain @g (its bitmap bit); the GT entry is the caller's. */
static void free_grain(SeSparse *s, uint64_t g)
{
    if (g < s->max_grains && sesparse_bit(s, g)) {
        sesparse_set_bit(s, g, false);
        sesparse_set_backmap(s, g, 0);
    }
}

int sesparse_write_zeroes(VmdkExtent *e, uint64_t off, uint64_t bytes,
                          bool dry_run)
{
    SeSparse *s = e->se;
    int ret = 0;

    while (bytes > 0) {
        uint64_t v = off / SESPARSE_GRAIN_SIZE;
        uint64_t glen = MIN(SESPARSE_GRAIN_SIZE,
                            e->length - v * SESPARSE_GRAIN_SIZE);
        uint64_t entry;

        if (off % SESPARSE_GRAIN_SIZE || bytes < glen) {
            return -ENOTSUP;
        }
        if (!dry_run) {
            ret = sesparse_writable_check(s);
            if (ret == 0) {
                ret = sesparse_get_gte(s, v, &entry);
            }
            if (ret == 0 && s->txn->len + 8 > sesparse_txn_capacity(s)) {
                ret = sesparse_txn_commit(s);
            }
            if (ret < 0) {
                break;
            }
            switch (entry & SESPARSE_GTE_KIND_MASK) {
            case SESPARSE_GTE_ZERO:
                break;
            case SESPARSE_GTE_ALLOC:
            case SESPARSE_GTE_UNMAPPED:
                if (entry != SESPARSE_GTE_UNMAPPED) {
                    free_grain(s, sesparse_gte_grain(entry));
                }
                /* fall through */
            default:
                ret = sesparse_set_gte(s, v, SESPARSE_GTE_ZERO);
            }
            if (ret < 0) {
                break;
            }
        }
        off += glen;
        bytes -= glen;
    }
    if (dry_run) {
        return 0;
    }
    if (ret == 0) {
        ret = sesparse_txn_commit(s);
    } else {
        g_array_set_size(s->txn, 0);
        s->broken = true;
    }
    return ret;
}

int sesparse_discard(VmdkExtent *e, uint64_t off, uint64_t bytes)
{
    SeSparse *s = e->se;
    uint64_t end = off + bytes;
    int ret = sesparse_writable_check(s);

    /* only whole grains are unmapped; discard is advisory */
    off = ROUND_UP(off, SESPARSE_GRAIN_SIZE);
    while (ret == 0 && off < end) {
        uint64_t v = off / SESPARSE_GRAIN_SIZE, entry;
        uint64_t glen = MIN(SESPARSE_GRAIN_SIZE, e->length - off);

        if (end - off < glen) {
            break;
        }
        ret = sesparse_get_gte(s, v, &entry);
        if (ret == 0 && s->txn->len + 8 > sesparse_txn_capacity(s)) {
            ret = sesparse_txn_commit(s);
        }
        if (ret < 0) {
            break;
        }
        switch (entry & SESPARSE_GTE_KIND_MASK) {
        case SESPARSE_GTE_UNALLOC:
            ret = sesparse_set_gte(s, v, SESPARSE_GTE_UNMAPPED);
            break;
        case SESPARSE_GTE_ALLOC:
            /* keep the pointer: reclamation frees the grain later */
            ret = sesparse_set_gte(s, v, (entry & ~SESPARSE_GTE_KIND_MASK) |
                                         SESPARSE_GTE_UNMAPPED);
            break;
        default:
            break;      /* zero and unmapped grains stay as they are */
        }
        off += glen;
    }
    if (ret == 0) {
        ret = sesparse_txn_commit(s);
    } else {
        g_array_set_size(s->txn, 0);
        s->broken = true;
    }
    return ret;
}

/* ---- create -------------------------------------------------------------- */

int sesparse_init_file(VmdkFile *f, uint64_t capacity_sectors, Error **errp)
{
    SeSparseConstHeader h;
    SeSparseVolatileHeader v = { SESPARSE_VOLATILE_MAGIC, 0, 1, 0 };
    uint8_t b[VMDK_SECTOR];
    int ret;

    if (capacity_sectors == 0 || capacity_sectors > SES_MAX_CAPACITY) {
        error_setg(errp, "seSparse supports sizes from 512 bytes to 64 TiB");
        return -EINVAL;
    }
    sesparse_layout(capacity_sectors, &h);
    ret = vmdk_file_truncate(f, h.region_offset[SES_REGION_GRAINS] *
                             VMDK_SECTOR);
    sesparse_const_header_encode(&h, b);
    if (ret == 0) {
        ret = vmdk_file_write(f, 0, b, sizeof(b));
    }
    sesparse_volatile_header_encode(&v, b);
    if (ret == 0) {
        ret = vmdk_file_write(f, h.region_offset[SES_REGION_VOLATILE] *
                              VMDK_SECTOR, b, sizeof(b));
    }
    memset(b, 0, sizeof(b));
    stq_le_p(b, SES_JHDR_MAGIC);
    stq_le_p(b + 8, 1);
    if (ret == 0) {
        ret = vmdk_file_write(f, h.region_offset[SES_REGION_JOURNAL_HDR] *
                              VMDK_SECTOR, b, sizeof(b));
    }
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not write seSparse headers to "
                         "'%s'", f->filename);
    }
    return ret;
}
