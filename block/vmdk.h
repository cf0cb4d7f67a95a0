/*
 * VMDK engine: the internal interface between the VMDK pieces.
 *
 * The engine knows the on-disk formats (descriptor text, KDMV hosted
 * sparse extents incl. streamOptimized, COWD/vmfsSparse, flat extents and
 * ESXi seSparse) and works on VmdkFile handles: a tiny vtable of
 * pread/pwrite/length/truncate/flush.  block/vmdk.c binds those handles
 * to the block core's children; unit tests and the fuzz target bind them
 * to memory buffers.  Nothing in the engine knows about BlockDriverState.
 *
 * All sizes in this interface are bytes unless the name says sectors
 * (512 bytes, the unit of every VMDK on-disk field).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef BLOCK_VMDK_H
#define BLOCK_VMDK_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <glib.h>
#include "qemu/error.h"

#define VMDK_SECTOR ((uint64_t)512)

/* ---- file handles ---------------------------------------------------- */

typedef struct VmdkFile VmdkFile;

typedef struct VmdkFileOps {
    /* Whole reads/writes: 0 or -errno.  Reads past EOF are not issued. */
    int (*pread)(VmdkFile *f, uint64_t off, void *buf, size_t len);
    int (*pwrite)(VmdkFile *f, uint64_t off, const void *buf, size_t len);
    int64_t (*getlength)(VmdkFile *f);
    int (*truncate)(VmdkFile *f, uint64_t len);
    int (*flush)(VmdkFile *f);
    /* Release the handle (may be NULL when the owner closes it). */
    void (*close)(VmdkFile *f);
} VmdkFileOps;

struct VmdkFile {
    const VmdkFileOps *ops;
    void *opaque;
    char *filename;
    int64_t size;           /* cached length, kept current by vmdk_file_* */
};

int vmdk_file_init_size(VmdkFile *f);
/* Read @len bytes at @off; the part past EOF reads as zeroes. */
int vmdk_file_read(VmdkFile *f, uint64_t off, void *buf, size_t len);
int vmdk_file_write(VmdkFile *f, uint64_t off, const void *buf, size_t len);
int vmdk_file_truncate(VmdkFile *f, uint64_t len);
int vmdk_file_flush(VmdkFile *f);

/*
 * Opens (or creates) the file @name relative to the directory of the
 * descriptor.  Returns NULL with @errp set on failure.
 */
typedef VmdkFile *(*VmdkOpenFileFn)(void *opaque, const char *name,
                                    bool create, Error **errp);

/* ---- descriptor ------------------------------------------------------ */

#define VMDK_DESC_MAX (1u << 20)     /* larger descriptors are refused */
#define VMDK_MAX_SECTORS (1ULL << 44) /* 8 PiB: any size or offset we take */

typedef enum VmdkExtentKind {
    VMDK_EXTENT_FLAT,        /* FLAT, VMFS, VMFSRDM, VMFSRAW */
    VMDK_EXTENT_ZERO,        /* ZERO: reads as zeroes */
    VMDK_EXTENT_SPARSE,      /* SPARSE, VMFSSPARSE: KDMV or COWD file */
    VMDK_EXTENT_SESPARSE,    /* SESPARSE */
} VmdkExtentKind;

typedef struct VmdkDescExtent {
    char access[16];         /* RW, RDONLY, NOACCESS */
    uint64_t sectors;
    char type[16];           /* as written: FLAT, SPARSE, VMFS, ... */
    VmdkExtentKind kind;
    char *filename;          /* NULL for ZERO */
    uint64_t offset;         /* FLAT: start sector inside the file */
} VmdkDescExtent;

typedef struct VmdkDesc {
    int version;
    bool has_cid, has_parent_cid;
    uint32_t cid, parent_cid;
    char *create_type;
    char *parent_hint;       /* parentFileNameHint, NULL if none */
    GArray *extents;         /* VmdkDescExtent */
} VmdkDesc;

/*
 * Parse descriptor text (need not be NUL-terminated).  Keys are matched
 * whole (CID is not parentCID); values may be quoted.  An extent line that
 * is malformed is an error naming the line; a descriptor with no usable
 * extent is an error too.
 */
VmdkDesc *vmdk_desc_parse(const char *text, size_t len, Error **errp);
void vmdk_desc_free(VmdkDesc *d);
/* Parse only the version/createType/CID keys (no extent requirement). */
bool vmdk_desc_find_key(const char *text, size_t len, const char *key,
                        char **value);
/*
 * Return a copy of @text with the CID line set to @cid (added if absent).
 * Other lines are kept byte for byte.
 */
char *vmdk_desc_replace_cid(const char *text, size_t len, uint32_t cid);

typedef struct VmdkDescParams {
    uint32_t cid, parent_cid;
    const char *create_type;
    const char *parent_hint;  /* NULL: no parentFileNameHint line */
    const char *extent_lines; /* already formatted, one per line */
    const char *hw_version;
    uint64_t cylinders;
    uint32_t heads;
    const char *adapter_type;
    const char *tools_version;
} VmdkDescParams;

char *vmdk_desc_format(const VmdkDescParams *p);

/* ---- hosted sparse (KDMV) and COWD headers ----------------------------- */

#define VMDK4_MAGIC 0x4b444d56u   /* "KDMV" read big-endian */
#define VMDK3_MAGIC 0x434f5744u   /* "COWD" */
#define VMDK4_FLAG_NL_DETECT  (1u << 0)
#define VMDK4_FLAG_RGD        (1u << 1)
#define VMDK4_FLAG_ZERO_GRAIN (1u << 2)
#define VMDK4_FLAG_COMPRESS   (1u << 16)
#define VMDK4_FLAG_MARKER     (1u << 17)
#define VMDK4_COMPRESS_DEFLATE 1
#define VMDK4_GD_AT_END 0xffffffffffffffffULL
#define VMDK_GTE_ZEROED 1u

enum {
    VMDK_MARKER_EOS = 0,
    VMDK_MARKER_GT = 1,
    VMDK_MARKER_GD = 2,
    VMDK_MARKER_FOOTER = 3,
};

typedef struct Vmdk4Header {
    uint32_t version;
    uint32_t flags;
    uint64_t capacity;       /* sectors */
    uint64_t granularity;    /* sectors per grain */
    uint64_t desc_offset;    /* sectors */
    uint64_t desc_size;      /* sectors */
    uint32_t num_gtes_per_gt;
    uint64_t rgd_offset;
    uint64_t gd_offset;
    uint64_t grain_offset;
    uint8_t check_bytes[4];
    uint16_t compress_algorithm;
} Vmdk4Header;

#define VMDK4_HEADER_BYTES 79     /* magic included */

void vmdk4_header_decode(const uint8_t *buf, Vmdk4Header *h);
void vmdk4_header_encode(const Vmdk4Header *h, uint8_t *buf512);

typedef struct VmdkSparseGeom {
    uint64_t capacity;       /* sectors */
    uint64_t grain_sectors;
    uint32_t gt_entries;
    uint32_t gd_entries;
    uint64_t gd_offset;      /* bytes */
    uint64_t rgd_offset;     /* bytes, 0 if none */
    uint32_t version;
    uint32_t flags;
    bool compressed, has_marker, zero_grain;
    bool cowd;               /* COWD layout (vmfsSparse) */
    uint64_t desc_offset, desc_size;  /* bytes: embedded descriptor */
} VmdkSparseGeom;

/*
 * Validate a KDMV header (already decoded, footer applied) against the
 * file size and derive the geometry.
 */
int vmdk4_geom_from_header(const Vmdk4Header *h, int64_t file_size,
                           VmdkSparseGeom *g, Error **errp);
/* COWD header: @buf holds the first 512 bytes of the file. */
int vmdk3_geom_from_header(const uint8_t *buf, int64_t file_size,
                           VmdkSparseGeom *g, Error **errp);

/* ---- seSparse -------------------------------------------------------- */

#define SESPARSE_CONST_MAGIC    0xcafebabeULL
#define SESPARSE_VOLATILE_MAGIC 0xcafecafeULL
#define SESPARSE_VERSION        0x200000001ULL
#define SESPARSE_GRAIN_SECTORS  8
#define SESPARSE_GT_SECTORS     64
#define SESPARSE_GT_ENTRIES     4096
#define SESPARSE_GRAIN_SIZE     (SESPARSE_GRAIN_SECTORS * VMDK_SECTOR)
#define SESPARSE_GT_BYTES       (SESPARSE_GT_SECTORS * VMDK_SECTOR)

#define SESPARSE_GDE_VALID      0x1000000000000000ULL
#define SESPARSE_GTE_KIND_MASK  0xf000000000000000ULL
#define SESPARSE_GTE_UNALLOC    0x0000000000000000ULL
#define SESPARSE_GTE_UNMAPPED   0x1000000000000000ULL
#define SESPARSE_GTE_ZERO       0x2000000000000000ULL
#define SESPARSE_GTE_ALLOC      0x3000000000000000ULL

/* (offset, size) pairs in sectors, in header order */
enum {
    SES_REGION_VOLATILE,
    SES_REGION_JOURNAL_HDR,
    SES_REGION_JOURNAL,
    SES_REGION_GD,
    SES_REGION_GT,
    SES_REGION_BITMAP,
    SES_REGION_BACKMAP,
    SES_REGION_GRAINS,
    SES_REGION_COUNT,
};

typedef struct SeSparseConstHeader {
    uint64_t magic, version, capacity, grain_size, grain_table_size, flags;
    uint64_t reserved[4];
    uint64_t region_offset[SES_REGION_COUNT];
    uint64_t region_size[SES_REGION_COUNT];
} SeSparseConstHeader;

typedef struct SeSparseVolatileHeader {
    uint64_t magic;
    uint64_t free_gt_number;
    uint64_t next_txn_seq;
    uint64_t replay_journal;
} SeSparseVolatileHeader;

extern const char *const sesparse_region_names[SES_REGION_COUNT];

void sesparse_const_header_decode(const uint8_t *buf512,
                                  SeSparseConstHeader *h, bool *pad_zero);
void sesparse_const_header_encode(const SeSparseConstHeader *h,
                                  uint8_t *buf512);
void sesparse_volatile_header_decode(const uint8_t *buf512,
                                     SeSparseVolatileHeader *h,
                                     bool *pad_zero);
void sesparse_volatile_header_encode(const SeSparseVolatileHeader *h,
                                     uint8_t *buf512);
/* Check every field and region against each other and @file_size. */
int sesparse_const_header_check(const SeSparseConstHeader *h,
                                int64_t file_size, Error **errp);
/* Compute the layout ESXi uses for a new disk of @capacity sectors. */
void sesparse_layout(uint64_t capacity, SeSparseConstHeader *h);

static inline uint64_t sesparse_gte_grain(uint64_t e)
{
    return ((e & 0x0fff000000000000ULL) >> 48) |
           ((e & 0x0000ffffffffffffULL) << 12);
}

static inline uint64_t sesparse_gte_make(uint64_t kind, uint64_t grain)
{
    return kind | ((grain & 0xfffULL) << 48) |
           ((grain >> 12) & 0x0000ffffffffffffULL);
}

/* ---- images ---------------------------------------------------------- */

typedef struct VmdkExtent VmdkExtent;
typedef struct VmdkImage VmdkImage;
typedef struct SeSparse SeSparse;

/* What a guest range maps to (see vmdk_image_map). */
typedef enum VmdkMapKind {
    VMDK_MAP_UNALLOC,        /* read from the backing image, or zeroes */
    VMDK_MAP_ZERO,           /* reads as zeroes, never from the backing */
    VMDK_MAP_DATA,           /* plain data at file/offset */
    VMDK_MAP_COMPRESSED,     /* deflated grain at file/offset */
} VmdkMapKind;

typedef struct VmdkMapping {
    VmdkMapKind kind;
    VmdkExtent *extent;
    VmdkFile *file;
    uint64_t file_offset;    /* DATA: byte of the guest offset; COMPR: grain */
    uint64_t bytes;          /* length of the run (within one grain) */
} VmdkMapping;

/* Reads the backing image (for unallocated ranges and copy-on-write). */
typedef int (*VmdkBackingReadFn)(void *opaque, uint64_t off, void *buf,
                                 size_t len);

typedef struct VmdkExtentInfo {
    const char *filename;
    const char *type;
    uint64_t virtual_size;
    uint64_t cluster_size;   /* 0 for flat */
    bool compressed;
} VmdkExtentInfo;

/*
 * Open the image whose first file is @main.  @open_file opens extents
 * named by a descriptor.  @writable requests write access (seSparse
 * journals are replayed only then; a dirty seSparse opened read-only is
 * read through its journal in memory).
 */
VmdkImage *vmdk_image_open(VmdkFile *main, VmdkOpenFileFn open_file,
                           void *opaque, bool writable, Error **errp);
void vmdk_image_close(VmdkImage *img);

uint64_t vmdk_image_size(const VmdkImage *img);
const char *vmdk_image_create_type(const VmdkImage *img);
uint32_t vmdk_image_cid(const VmdkImage *img);
uint32_t vmdk_image_parent_cid(const VmdkImage *img);
const char *vmdk_image_parent_hint(const VmdkImage *img);
int vmdk_image_extent_count(const VmdkImage *img);
void vmdk_image_extent_info(const VmdkImage *img, int i, VmdkExtentInfo *out);
/* Grain size if all extents agree (0 otherwise), for info's cluster-size */
uint64_t vmdk_image_cluster_size(const VmdkImage *img);
bool vmdk_image_has_flat(const VmdkImage *img);
/* An seSparse extent's journal awaits replay (read-only open). */
bool vmdk_image_is_dirty(const VmdkImage *img);

int vmdk_image_map(VmdkImage *img, uint64_t offset, uint64_t bytes,
                   VmdkMapping *m);
int vmdk_image_read(VmdkImage *img, uint64_t offset, void *buf,
                    uint64_t bytes, VmdkBackingReadFn backing, void *opaque);
/*
 * The read in two steps, so a caller can map under its lock and do the
 * data I/O (file reads, inflating, backing reads) outside it: runs that
 * continue each other are merged into one VmdkSegment.
 */
typedef struct VmdkSegment {
    uint64_t offset;         /* guest offset of the run */
    VmdkMapping m;
} VmdkSegment;
int vmdk_image_map_range(VmdkImage *img, uint64_t offset, uint64_t bytes,
                         GArray *segs);
int vmdk_image_read_segments(const VmdkSegment *segs, guint n, void *buf,
                             VmdkBackingReadFn backing, void *opaque);
int vmdk_image_write(VmdkImage *img, uint64_t offset, const void *buf,
                     uint64_t bytes, VmdkBackingReadFn backing, void *opaque);
/*
 * Zero a range.  Returns -ENOTSUP if the range cannot be represented
 * without writing data (caller falls back to writing a zero buffer).
 */
int vmdk_image_write_zeroes(VmdkImage *img, uint64_t offset, uint64_t bytes,
                            bool backing_present);
int vmdk_image_discard(VmdkImage *img, uint64_t offset, uint64_t bytes);
int vmdk_image_flush(VmdkImage *img);
/*
 * streamOptimized fast path: if [offset, offset+bytes) is whole grains of
 * one compressed extent, return that extent and its grain size; the
 * caller deflates the grains (vmdk_stream_compress_grain, no lock needed)
 * and hands each to vmdk_image_write_prepared.
 */
VmdkExtent *vmdk_image_stream_extent(VmdkImage *img, uint64_t offset,
                                     uint64_t bytes, uint64_t *grain_bytes);
int vmdk_image_write_prepared(VmdkImage *img, VmdkExtent *e,
                              uint64_t offset, const uint8_t *blob,
                              size_t len);
/* Set a new CID once, before the first write (VMware's change marker). */
int vmdk_image_touch_cid(VmdkImage *img);

typedef struct VmdkCheckResult {
    int corruptions, leaks;
    int corruptions_fixed, leaks_fixed;
    int check_errors;
    uint64_t allocated_clusters, total_clusters;
    uint64_t image_end_offset;
} VmdkCheckResult;

/*
 * @repair: 0 none, 1 leaks, 2 all.  Messages go to @log, one line per
 * finding; with a NULL @log only @res is filled (nothing is formatted).
 */
int vmdk_image_check(VmdkImage *img, VmdkCheckResult *res, int repair,
                     GString *log);
/* Append one line of a check's findings to @log, unless @log is NULL. */
void vmdk_check_log(GString *log, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* ---- create ---------------------------------------------------------- */

typedef enum VmdkSubformat {
    VMDK_SUB_MONOLITHIC_SPARSE,
    VMDK_SUB_MONOLITHIC_FLAT,
    VMDK_SUB_TWOGB_SPARSE,
    VMDK_SUB_TWOGB_FLAT,
    VMDK_SUB_STREAM_OPTIMIZED,
    VMDK_SUB_SESPARSE,
    VMDK_SUB_VMFS,
    VMDK_SUB_VMFS_SPARSE,
    VMDK_SUB__MAX,
} VmdkSubformat;

extern const char *const vmdk_subformat_names[VMDK_SUB__MAX];

typedef struct VmdkCreateOptions {
    uint64_t size;
    VmdkSubformat subformat;
    const char *adapter_type;    /* NULL: ide */
    const char *hw_version;      /* NULL: 4 */
    const char *tools_version;   /* NULL: 2147483647 */
    bool compat6;
    bool zeroed_grain;
    const char *backing_file;    /* as written in parentFileNameHint */
    uint32_t parent_cid;         /* used when backing_file is set */
    uint32_t cid;                /* CID of the new image */
} VmdkCreateOptions;

/*
 * Create the files.  @filename is the descriptor/main file's base name;
 * @open_file creates each file by name (relative to the directory of
 * the main file).
 */
int vmdk_create(const char *filename, const VmdkCreateOptions *o,
                VmdkOpenFileFn open_file, void *opaque, Error **errp);
/* Parse a subformat name; -1 if unknown. */
int vmdk_subformat_parse(const char *name);

/* ---- internals shared between the engine's files ------------------------ */

struct VmdkExtent {
    VmdkExtentKind kind;
    char *type;              /* descriptor type, for info */
    VmdkFile *file;
    bool owns_file;
    bool read_only;
    uint64_t start;          /* first guest byte */
    uint64_t length;         /* bytes */
    uint64_t flat_offset;    /* bytes */

    /* hosted sparse */
    VmdkSparseGeom g;
    uint32_t *gd;            /* grain directory, sector offsets */
    uint32_t *rgd;           /* redundant directory, or NULL */
    GHashTable *gt_cache;    /* GT sector offset -> uint32_t[gt_entries] */
    uint64_t next_sector;    /* allocation cursor (sectors) */
    /*
     * streamOptimized: a grain being filled by partial sequential writes;
     * compressed and appended when complete or when another grain is
     * touched (bytes never written read as zeroes).
     */
    uint8_t *stream_buf;
    uint64_t stream_grain;   /* UINT64_MAX: none pending */

    SeSparse *se;
};

struct VmdkImage {
    VmdkFile *main;
    VmdkOpenFileFn open_file;
    void *opaque;
    bool writable;
    char *create_type;
    uint32_t cid, parent_cid;
    char *parent_hint;
    bool cid_touched;
    /* where the descriptor lives: separate text file or embedded */
    bool desc_embedded;
    uint64_t desc_offset, desc_size;
    int n_extents;
    VmdkExtent *extents;
    uint64_t size;
};

int vmdk_sparse_open(VmdkExtent *e, Error **errp);
void vmdk_sparse_close(VmdkExtent *e);
int vmdk_sparse_map(VmdkExtent *e, uint64_t off, VmdkMapping *m);
int vmdk_sparse_write(VmdkExtent *e, uint64_t off, const void *buf,
                      uint64_t bytes, VmdkBackingReadFn backing,
                      void *opaque, uint64_t guest_base);
int vmdk_sparse_write_zeroes(VmdkExtent *e, uint64_t off, uint64_t bytes,
                             bool dry_run);
int vmdk_sparse_stream_flush(VmdkExtent *e);
/* Deflate one grain with its marker, padded to a sector (thread-safe). */
uint8_t *vmdk_stream_compress_grain(uint64_t lba, const uint8_t *data,
                                    uint64_t len, size_t *out_len);
int vmdk_sparse_write_prepared(VmdkExtent *e, uint64_t grain,
                               const uint8_t *blob, size_t len);
int vmdk_sparse_read_compressed(VmdkExtent *e, uint64_t grain_off,
                                uint64_t in_grain, void *buf, uint64_t bytes);
int vmdk_sparse_check(VmdkExtent *e, VmdkCheckResult *res, GString *log);
int vmdk_sparse_init_file(VmdkFile *f, uint64_t capacity_sectors,
                          bool compressed, bool zeroed_grain, Error **errp);

int sesparse_open(VmdkExtent *e, bool writable, Error **errp);
void sesparse_close(VmdkExtent *e);
int sesparse_map(VmdkExtent *e, uint64_t off, VmdkMapping *m);
int sesparse_write(VmdkExtent *e, uint64_t off, const void *buf,
                   uint64_t bytes, VmdkBackingReadFn backing, void *opaque,
                   uint64_t guest_base);
int sesparse_write_zeroes(VmdkExtent *e, uint64_t off, uint64_t bytes,
                          bool dry_run);
int sesparse_discard(VmdkExtent *e, uint64_t off, uint64_t bytes);
int sesparse_flush(VmdkExtent *e);
int sesparse_check(VmdkExtent *e, VmdkCheckResult *res, int repair,
                   GString *log);
int sesparse_init_file(VmdkFile *f, uint64_t capacity_sectors, Error **errp);

#endif
