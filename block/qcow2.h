/*
 * qcow2 driver internals shared by the qcow2*.c files: on-disk constants
 * (see QEMU's docs/interop/qcow2.txt), the open-image state and the
 * functions each file exports to the others.
 *
 * Files: qcow2.c (header, open/create/close, read/write paths, info),
 * qcow2-cluster.c (L1/L2 mapping and cluster allocation for writes),
 * qcow2-refcount.c (refcount tables and blocks, cluster allocator),
 * qcow2-cache.c (L2 / refcount block caches and their flush order),
 * qcow2-create.c (image creation, header rewrite),
 * qcow2-check.c (consistency check and repair, measure),
 * qcow2-compress.c (zlib and zstd compressed clusters),
 * qcow2-snapshot.c (snapshot table, creating/applying/deleting snapshots),
 * qcow2-amend.c (qemu-img amend: compat level, refcount width, ...),
 * qcow2-crypto.c (LUKS and legacy AES encryption of data clusters),
 * qcow2-data-file.c (external data files),
 * qcow2-bitmap.c (persistent dirty bitmaps, read side).
 * Extended L2 entries (subclusters) are handled where L2 tables are:
 * qcow2-cluster.c and qcow2-check.c, through l2_entry_get/l2_bitmap_get.
 *
 * Crash-safety invariant: a cluster's refcount reaches the disk before any
 * table that points at it (refcount cache flushed before the L2 cache, L2
 * tables before the L1 entry, new tables before the header field naming
 * them).  A crash can leak clusters, never reference a free one.  With
 * lazy refcounts, once the dirty bit is on disk, data clusters' refcounts
 * may lag (the open after a crash rebuilds them; see qcow2_mark_dirty).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef BLOCK_QCOW2_H
#define BLOCK_QCOW2_H

#include <inttypes.h>

#include "block/block_int.h"
#include "qemu/bitops.h"
#include "qemu/bswap.h"
#include "qemu/host-utils.h"
#include "qemu/units.h"

#define QCOW_MAGIC 0x514649fbu
#define QCOW_MIN_CLUSTER_BITS 9
#define QCOW_MAX_CLUSTER_BITS 21
#define QCOW_MAX_L1_SIZE (32 * 1024 * 1024)         /* bytes */
#define QCOW_MAX_REFTABLE_SIZE (8 * 1024 * 1024)    /* bytes */
#define QCOW_MAX_SNAPSHOTS 65536
#define QCOW_MAX_BACKING_FILE 1023

#define QCOW_OFLAG_COPIED     (1ULL << 63)
#define QCOW_OFLAG_COMPRESSED (1ULL << 62)
#define QCOW_OFLAG_ZERO       (1ULL << 0)
#define L1E_OFFSET_MASK  0x00fffffffffffe00ULL
#define L2E_OFFSET_MASK  0x00fffffffffffe00ULL
#define REFT_OFFSET_MASK 0xfffffffffffffe00ULL
#define L1E_RESERVED_MASK 0x7f000000000001ffULL
#define L2E_STD_RESERVED_MASK 0x3f000000000001feULL

/* Header field offsets (bytes). */
#define QH_VERSION          4
#define QH_BACKING_OFFSET   8
#define QH_BACKING_SIZE     16
#define QH_CLUSTER_BITS     20
#define QH_SIZE             24
#define QH_CRYPT_METHOD     32
#define QH_L1_SIZE          36
#define QH_L1_OFFSET        40
#define QH_REFTABLE_OFFSET  48
#define QH_REFTABLE_CLUSTERS 56
#define QH_NB_SNAPSHOTS     60
#define QH_SNAPSHOTS_OFFSET 64
#define QH_INCOMPAT         72
#define QH_COMPAT           80
#define QH_AUTOCLEAR        88
#define QH_REFCOUNT_ORDER   96
#define QH_HEADER_LENGTH    100
#define QH_COMPRESSION_TYPE 104
#define QCOW2_V2_HEADER_LEN 72
#define QCOW2_V3_HEADER_LEN 104
#define QCOW2_V3_HEADER_LEN_CT 112  /* with compression_type + padding */

/* Feature bits. */
#define QCOW2_INCOMPAT_DIRTY       (1ULL << 0)
#define QCOW2_INCOMPAT_CORRUPT     (1ULL << 1)
#define QCOW2_INCOMPAT_DATA_FILE   (1ULL << 2)
#define QCOW2_INCOMPAT_COMPRESSION (1ULL << 3)
#define QCOW2_INCOMPAT_EXTL2       (1ULL << 4)
#define QCOW2_INCOMPAT_KNOWN (QCOW2_INCOMPAT_DIRTY | QCOW2_INCOMPAT_CORRUPT | \
                              QCOW2_INCOMPAT_DATA_FILE | \
                              QCOW2_INCOMPAT_COMPRESSION | QCOW2_INCOMPAT_EXTL2)
#define QCOW2_COMPAT_LAZY_REFCOUNTS (1ULL << 0)
#define QCOW2_AUTOCLEAR_BITMAPS     (1ULL << 0)
#define QCOW2_AUTOCLEAR_DATA_FILE_RAW (1ULL << 1)

/* compression_type (header byte 104); non-zero needs the incompatible bit. */
#define QCOW2_COMPRESSION_ZLIB 0
#define QCOW2_COMPRESSION_ZSTD 1

/* Header extension magics. */
#define QCOW2_EXT_END           0x00000000u
#define QCOW2_EXT_BACKING_FMT   0xe2792acau
#define QCOW2_EXT_FEATURE_TABLE 0x6803f857u
#define QCOW2_EXT_BITMAPS       0x23852875u
#define QCOW2_EXT_CRYPTO        0x0537be77u
#define QCOW2_EXT_DATA_FILE     0x44415441u

typedef enum Qcow2ClusterType {
    QCOW2_CLUSTER_UNALLOCATED,
    QCOW2_CLUSTER_ZERO_PLAIN,
    QCOW2_CLUSTER_ZERO_ALLOC,
    QCOW2_CLUSTER_NORMAL,
    QCOW2_CLUSTER_COMPRESSED,
    /* Extended L2 only: an unallocated subcluster of an allocated cluster
     * (reads like UNALLOCATED; its host place is known). */
    QCOW2_SUBCLUSTER_UNALLOCATED_ALLOC,
} Qcow2ClusterType;

/* Extended L2 bitmap: bit n = subcluster n allocated, bit 32+n = zero. */
#define QCOW_L2_BITMAP_ALL_ALLOC 0x00000000ffffffffULL
#define QCOW_L2_BITMAP_ALL_ZERO  0xffffffff00000000ULL

typedef struct Qcow2Cache Qcow2Cache;
typedef struct Qcow2Bitmap Qcow2Bitmap;

typedef struct Qcow2UnknownExt {
    uint32_t magic;
    uint32_t len;
    uint8_t *data;
} Qcow2UnknownExt;

typedef struct Qcow2Snapshot {
    uint64_t l1_table_offset;
    uint32_t l1_size;
    char *id_str;
    char *name;
    uint64_t disk_size;
    uint64_t vm_state_size;
    uint32_t date_sec;
    uint32_t date_nsec;
    uint64_t vm_clock_nsec;
    int64_t icount;         /* -1 when absent */
} Qcow2Snapshot;

typedef struct BDRVQcow2State {
    uint32_t version;
    int cluster_bits;
    int cluster_size;
    int l2_bits;            /* log2 of entries per L2 table */
    int l2_size;            /* entries per L2 table */
    bool extended_l2;       /* 16-byte L2 entries: entry + subcluster bitmap */
    int l2_entry_size;      /* 8 or 16 bytes */
    int subcluster_bits;    /* log2 of the subcluster size */
    int subclusters;        /* per cluster: 1, or 32 with extended_l2 */
    int refcount_order;
    int refcount_block_bits;    /* log2 of entries per refcount block */
    uint64_t refcount_max;
    int csize_shift;
    uint64_t csize_mask;
    uint64_t cluster_offset_mask;   /* compressed descriptor offset bits */

    uint64_t size;          /* virtual size */
    uint64_t incompatible_features;
    uint64_t compatible_features;
    uint64_t autoclear_features;
    uint32_t header_length;
    uint8_t compression_type;

    uint64_t l1_table_offset;
    uint32_t l1_size;
    uint64_t *l1_table;     /* host endian, l1_size entries */

    uint64_t refcount_table_offset;
    uint32_t refcount_table_clusters;
    uint64_t refcount_table_size;   /* entries */
    uint64_t *refcount_table;

    uint32_t nb_snapshots;
    uint64_t snapshots_offset;
    uint64_t snapshots_size;
    Qcow2Snapshot *snapshots;

    Qcow2UnknownExt *unknown_exts;
    int nb_unknown_exts;
    char *feature_table;    /* raw feature name table (48-byte entries) */
    int feature_table_len;

    Qcow2Cache *l2_cache;
    Qcow2Cache *refcount_cache;
    uint64_t free_cluster_index;
    int64_t free_byte_offset;   /* for compressed data, 0 = none */

    /* Last decompressed cluster. */
    uint8_t *cluster_data;
    uint8_t *cluster_cache;
    int64_t cluster_cache_offset;
    struct ZSTD_DCtx_s *zstd_dctx;  /* made on the first zstd read */

    /* Clusters holding L2 tables and refcount blocks, for the overlap
     * check before in-place data writes; rebuilt when meta_gen moves. */
    GHashTable *meta_set;
    uint64_t meta_gen;
    uint64_t meta_set_gen;
    const void *meta_set_l1;
    const void *meta_set_rt;

    /* Encryption (qcow2-crypto.c): header crypt_method, the LUKS header
     * area named by the crypto extension, and the unlocked volume. */
    uint32_t crypt_method;
    uint64_t crypto_header_offset;
    uint64_t crypto_header_length;
    struct LuksVolume *crypto;
    void *legacy_aes;       /* crypt_method 1: nettle aes128_ctx (decrypt) */

    /* Persistent bitmaps (qcow2-bitmap.c), when the extension is valid. */
    bool has_bitmaps_ext;
    uint32_t nb_bitmaps;
    uint64_t bitmap_directory_size;
    uint64_t bitmap_directory_offset;
    Qcow2Bitmap *bitmaps;   /* nb_bitmaps entries once loaded */
    bool bitmaps_live;      /* read-write: tracking writes, stored on close */
    bool bitmaps_changed;   /* added, removed or resized since open */
    GArray *bitmap_drops;   /* old tables to free after the next store */

    /* External data file (qcow2-data-file.c): the name the header
     * extension records, and the open node guest data lives in. */
    char *data_file_name;
    BlockDriverState *data_file;

    bool read_only;
    bool dirty_set_by_us;
    bool corrupt;
    bool corruption_reported;
    bool discard_passthrough;
    bool checking;          /* opened by check: tolerate damage */
} BDRVQcow2State;

/* qcow2.c */
int qcow2_mark_corrupt(BlockDriverState *bs);
void qcow2_signal_corruption(BlockDriverState *bs, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);
int qcow2_write_l1_entry(BlockDriverState *bs, int l1_index);
int qcow2_update_header_fields(BlockDriverState *bs, int field, int len,
                               uint64_t value);
int qcow2_mark_dirty(BlockDriverState *bs);
int qcow2_mark_clean(BlockDriverState *bs);
int qcow2_pread_internal(BlockDriverState *bs, int64_t offset, int64_t bytes,
                         uint8_t *buf);
int qcow2_grow_l1_table(BlockDriverState *bs, uint64_t min_size);
int64_t qcow2_file_length(BlockDriverState *bs);

/* qcow2-create.c */
extern const QemuOptsList qcow2_create_opts;
int qcow2_create(const char *filename, QemuOpts *opts, Error **errp);
int qcow2_change_backing_file(BlockDriverState *bs, const char *file,
                              const char *fmt, Error **errp);

/* qcow2-cluster.c */
Qcow2ClusterType qcow2_get_cluster_type(BDRVQcow2State *s, uint64_t l2_entry);
/* Type of subcluster @sc; -1 for an invalid bitmap (corruption). */
int qcow2_get_subcluster_type(BDRVQcow2State *s, uint64_t l2_entry,
                              uint64_t bitmap, int sc);
void qcow2_set_l2_geometry(BDRVQcow2State *s, bool extended_l2);
int qcow2_get_host_offset(BlockDriverState *bs, uint64_t offset,
                          uint64_t *bytes, uint64_t *l2_entry,
                          Qcow2ClusterType *type);
int qcow2_write_clusters(BlockDriverState *bs, uint64_t offset,
                         uint64_t bytes, const uint8_t *buf);
/* The same for a request from the block layer: see write_clusters. */
int qcow2_write_clusters_parallel(BlockDriverState *bs, uint64_t offset,
                                  uint64_t bytes, const uint8_t *buf);
int qcow2_zero_clusters(BlockDriverState *bs, uint64_t offset,
                        uint64_t bytes, int flags);
int qcow2_discard_clusters(BlockDriverState *bs, uint64_t offset,
                           uint64_t bytes, bool full_discard);
int qcow2_zero_subclusters(BlockDriverState *bs, uint64_t offset,
                           uint64_t bytes);
int qcow2_write_compressed_cluster(BlockDriverState *bs, uint64_t offset,
                                   const uint8_t *cdata, int csize);
int qcow2_preallocate(BlockDriverState *bs, uint64_t offset, uint64_t bytes);
void qcow2_compressed_location(BDRVQcow2State *s, uint64_t l2_entry,
                               uint64_t *host, uint64_t *csize);

/* qcow2-refcount.c */
int qcow2_refcount_init(BlockDriverState *bs);
uint64_t qcow2_get_refcount_ro(const void *block, uint64_t index, int order);
void qcow2_set_refcount_ro(void *block, uint64_t index, uint64_t value,
                           int order);
int qcow2_get_refcount(BlockDriverState *bs, uint64_t cluster_index,
                       uint64_t *refcount);
int qcow2_update_refcount(BlockDriverState *bs, uint64_t offset,
                          uint64_t length, int64_t addend);
int qcow2_set_refcount(BlockDriverState *bs, uint64_t cluster, uint64_t value);
int64_t qcow2_alloc_clusters(BlockDriverState *bs, uint64_t size);
int64_t qcow2_alloc_bytes(BlockDriverState *bs, int size);
void qcow2_free_clusters(BlockDriverState *bs, uint64_t offset,
                         uint64_t size);
/* The same for clusters whose data the caller already punched out. */
void qcow2_free_clusters_punched(BlockDriverState *bs, uint64_t offset,
                                 uint64_t size);
int qcow2_write_reftable_entry(BlockDriverState *bs, uint64_t index);

/* qcow2-cache.c */
Qcow2Cache *qcow2_cache_create(BlockDriverState *bs, int num_tables,
                               int table_size);
void qcow2_cache_destroy(Qcow2Cache *c);
void qcow2_cache_set_dependency(Qcow2Cache *c, Qcow2Cache *dependency);
int qcow2_cache_get(BlockDriverState *bs, Qcow2Cache *c, uint64_t offset,
                    void **table);
int qcow2_cache_get_empty(BlockDriverState *bs, Qcow2Cache *c,
                          uint64_t offset, void **table);
void qcow2_cache_put(Qcow2Cache *c, void **table);
void qcow2_cache_mark_dirty(Qcow2Cache *c, void *table);
int qcow2_cache_flush(BlockDriverState *bs, Qcow2Cache *c);
int qcow2_cache_write(BlockDriverState *bs, Qcow2Cache *c);
void qcow2_cache_discard(Qcow2Cache *c, uint64_t offset);
int qcow2_cache_empty(BlockDriverState *bs, Qcow2Cache *c);
/* Testing hooks: how many entries, and the order of the last writebacks. */
int qcow2_cache_num_tables(const Qcow2Cache *c);
uint64_t qcow2_cache_writebacks(const Qcow2Cache *c);

/* qcow2-check.c */
int qcow2_check(BlockDriverState *bs, BdrvCheckResult *res, int fix);
int qcow2_measure(QemuOpts *opts, BlockDriverState *in_bs,
                  BlockMeasureInfo *info, Error **errp);

/* qcow2-compress.c */
const char *qcow2_compression_type_name(uint8_t type);
int qcow2_compression_type_parse(const char *name);
int qcow2_compress_cluster(BlockDriverState *bs, const void *in,
                           int64_t bytes, void *out, size_t out_size);
int qcow2_decompress_cluster(BlockDriverState *bs, uint64_t l2_entry);
void qcow2_compress_free_state(BDRVQcow2State *s);

/* qcow2-crypto.c */
#define QCOW_CRYPT_NONE 0
#define QCOW_CRYPT_AES  1
#define QCOW_CRYPT_LUKS 2
int qcow2_crypto_parse_ext(BlockDriverState *bs, const uint8_t *data,
                           uint32_t len, Error **errp);
int qcow2_crypto_open(BlockDriverState *bs, QemuOpts *opts, int flags,
                      int64_t file_len, Error **errp);
int qcow2_crypto_create(BlockDriverState *bs, QemuOpts *opts, Error **errp);
bool qcow2_create_wants_encryption(QemuOpts *opts, Error **errp);
/* Decrypting read of [host, host+bytes), guest offset @guest (for IVs). */
int qcow2_crypto_pread(BlockDriverState *bs, uint64_t host, uint64_t guest,
                       uint64_t bytes, uint8_t *buf);
int qcow2_crypto_pwrite(BlockDriverState *bs, uint64_t host, uint64_t bytes,
                        const uint8_t *buf);
/* Data writes of qcow2-cluster.c: encrypted when the image is. */
int qcow2_data_pwrite(BlockDriverState *bs, uint64_t host, uint64_t bytes,
                      const uint8_t *buf);
InfoNode *qcow2_crypto_info(BlockDriverState *bs);
void qcow2_crypto_free(BDRVQcow2State *s);

/* qcow2-data-file.c */
int qcow2_data_file_parse_ext(BlockDriverState *bs, const uint8_t *data,
                              uint32_t len, Error **errp);
int qcow2_data_file_open(BlockDriverState *bs, QemuOpts *opts, int flags,
                         Error **errp);
void qcow2_data_file_close(BDRVQcow2State *s);
int qcow2_data_file_create_opts(QemuOpts *opts, BDRVQcow2State *s,
                                Error **errp);
int qcow2_data_file_create(const char *filename, BDRVQcow2State *s,
                           Error **errp);
/* info: "data-file" (the name), then after "encrypt" "data-file-raw". */
void qcow2_data_file_info(BlockDriverState *bs, InfoNode *d);
void qcow2_data_file_info_raw(BlockDriverState *bs, InfoNode *d);

/* qcow2-bitmap.c */
int qcow2_bitmaps_parse_ext(BlockDriverState *bs, const uint8_t *data,
                            uint32_t len, Error **errp);
int qcow2_bitmaps_load(BlockDriverState *bs, int64_t file_len, Error **errp);
void qcow2_bitmaps_free(BDRVQcow2State *s);
void qcow2_bitmaps_info(BlockDriverState *bs, InfoNode *d);
/* Read-write open: load the bitmaps and flag them in use on disk. */
int qcow2_bitmaps_open_rw(BlockDriverState *bs, Error **errp);
/* Guest bytes about to change: set them in every enabled bitmap. */
void qcow2_bitmaps_set_dirty(BlockDriverState *bs, uint64_t offset,
                             uint64_t bytes);
/* Close: write the bitmaps back, in-use flags clear. */
int qcow2_bitmaps_store(BlockDriverState *bs, Error **errp);
/* Before and after a resize. */
int qcow2_bitmaps_can_resize(BlockDriverState *bs, Error **errp);
void qcow2_bitmaps_resized(BlockDriverState *bs, uint64_t old_size);
extern const struct BdrvBitmapOps qcow2_bitmap_ops;
/* Call @fn on every range of the file the bitmaps use. */
int qcow2_bitmaps_for_each_range(BlockDriverState *bs,
                                 void (*fn)(void *opaque, uint64_t offset,
                                            uint64_t bytes),
                                 void *opaque);

/* qcow2-create.c (header rewrite with the current state) */
int qcow2_rewrite_header(BlockDriverState *bs, Error **errp);

/* qcow2-snapshot.c */
int qcow2_read_snapshots(BlockDriverState *bs, Error **errp);
void qcow2_free_snapshots(BDRVQcow2State *s);
int qcow2_snapshot_list(BlockDriverState *bs, QEMUSnapshotInfo **list);
int qcow2_snapshot_load_tmp(BlockDriverState *bs, const char *id,
                            const char *name, Error **errp);
int qcow2_snapshot_create(BlockDriverState *bs, const QEMUSnapshotInfo *info,
                          Error **errp);
int qcow2_snapshot_goto(BlockDriverState *bs, const char *id_or_name,
                        Error **errp);
int qcow2_snapshot_delete(BlockDriverState *bs, const char *id,
                          const char *name, Error **errp);
int qcow2_make_empty(BlockDriverState *bs);

/* qcow2-amend.c */
extern const QemuOptsList qcow2_amend_opts;
int qcow2_amend(BlockDriverState *bs, QemuOpts *opts, bool force,
                BlockAmendStatusCB *status_cb, void *cb_opaque, Error **errp);
/* qcow2-crypto.c: amend's encrypt.* key slot options. */
int qcow2_crypto_amend(BlockDriverState *bs, QemuOpts *opts, bool force,
                       Error **errp);

/*
 * Whether an unallocated cluster reads from a backing file: the image
 * names one.  Not bs->backing alone: an image opened without its backing
 * (BDRV_O_NO_BACKING, as qemu-img convert -n opens its target) still has
 * it at the next open, so zeroes written now must be recorded as zeroes.
 */
static inline bool qcow2_has_backing(const BlockDriverState *bs)
{
    return bs->backing || bs->backing_file[0];
}

/* Guest data clusters live in an external data file, identity-mapped
 * (host offset = guest offset) and not refcounted. */
static inline bool qcow2_has_data_file(const BDRVQcow2State *s)
{
    return s->incompatible_features & QCOW2_INCOMPAT_DATA_FILE;
}

static inline bool qcow2_data_file_is_raw(const BDRVQcow2State *s)
{
    return qcow2_has_data_file(s) &&
           (s->autoclear_features & QCOW2_AUTOCLEAR_DATA_FILE_RAW);
}

/* The node guest data clusters are read from and written to. */
static inline BlockDriverState *qcow2_data_bs(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    return s->data_file ? s->data_file : bs->file;
}

/* L2 table entry @i and (extended L2) its subcluster bitmap. */
static inline uint64_t l2_entry_get(const BDRVQcow2State *s, const void *t,
                                    uint64_t i)
{
    return ldq_be_p((const uint8_t *)t + i * s->l2_entry_size);
}

static inline void l2_entry_set(const BDRVQcow2State *s, void *t, uint64_t i,
                                uint64_t e)
{
    stq_be_p((uint8_t *)t + i * s->l2_entry_size, e);
}

static inline uint64_t l2_bitmap_get(const BDRVQcow2State *s, const void *t,
                                     uint64_t i)
{
    return s->extended_l2 ? ldq_be_p((const uint8_t *)t + i * 16 + 8) : 0;
}

static inline void l2_bitmap_set(const BDRVQcow2State *s, void *t, uint64_t i,
                                 uint64_t bitmap)
{
    if (s->extended_l2) {
        stq_be_p((uint8_t *)t + i * 16 + 8, bitmap);
    }
}

/* Bitmap bits of subclusters [first, end) in the allocation half. */
static inline uint64_t l2_bitmap_range(int first, int end)
{
    return (end >= 32 ? 0xffffffffULL : (1ULL << end) - 1) &
           ~((1ULL << first) - 1);
}

static inline uint64_t offset_into_cluster(const BDRVQcow2State *s,
                                           uint64_t offset)
{
    return offset & (s->cluster_size - 1);
}

static inline uint64_t start_of_cluster(const BDRVQcow2State *s,
                                        uint64_t offset)
{
    return offset & ~(uint64_t)(s->cluster_size - 1);
}

static inline uint64_t size_to_clusters(const BDRVQcow2State *s,
                                        uint64_t size)
{
    return (size + s->cluster_size - 1) >> s->cluster_bits;
}

static inline uint64_t offset_to_l1_index(const BDRVQcow2State *s,
                                          uint64_t offset)
{
    return offset >> (s->l2_bits + s->cluster_bits);
}

static inline uint64_t offset_to_l2_index(const BDRVQcow2State *s,
                                          uint64_t offset)
{
    return (offset >> s->cluster_bits) & (s->l2_size - 1);
}

#endif
