/*
 * seSparse internals shared by vmdk-sesparse.c (I/O, journal) and
 * vmdk-sesparse-check.c (check, repair, reclamation).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef BLOCK_VMDK_SESPARSE_H
#define BLOCK_VMDK_SESPARSE_H

#include "block/vmdk.h"

#define SES_JHDR_MAGIC 0x3152444a53455353ULL   /* "SSESJDR1" */
#define SES_JREC_MAGIC 0x3143455253455353ULL   /* "SSESREC1" */
#define SES_JREC_HDR   32
#define SES_GT_CACHE_LIMIT 1024                 /* 32 MiB of tables */

typedef struct SeSparseWord {
    uint64_t off;
    uint64_t value;
    guint seq;
} SeSparseWord;

struct SeSparse {
    VmdkFile *file;
    SeSparseConstHeader h;
    SeSparseVolatileHeader v;
    uint64_t gd_entries;     /* directory slots */
    uint64_t max_gts;        /* GT slots in the GT region */
    uint64_t max_grains;     /* grain slots usable (region, bitmap, backmap) */
    uint64_t *gd;            /* directory, CPU order */
    GHashTable *gt_cache;    /* uint64 GT index -> uint64_t[4096] */
    uint64_t *bitmap;        /* free bitmap, loaded on first change */
    uint64_t bitmap_words;
    uint64_t alloc_cursor;
    GArray *txn;             /* SeSparseWord: pending metadata words */
    GArray *overlay;         /* read-only dirty open: the journal's
                                SeSparseWords, sorted by offset */
    uint64_t journal_pos;    /* bytes into the journal region */
    uint64_t next_seq;       /* sequence of the next journal record */
    bool dirty;              /* replay flag set on disk since open */
    bool broken;             /* an update failed half-way: no more writes */
    bool crash_after_journal;/* test hook: stop before in-place updates */
    bool foreign_journal;    /* journal header not ours: read-only */
};

uint64_t sesparse_gte_addr(const SeSparse *s, uint64_t t, uint32_t idx);
uint64_t sesparse_grain_addr(const SeSparse *s, uint64_t g);
int sesparse_read_meta(SeSparse *s, uint64_t off, uint8_t *buf, uint64_t len);
int sesparse_get_gt(SeSparse *s, uint64_t t, uint64_t **out);
int sesparse_gd_lookup(SeSparse *s, uint64_t gdi, uint64_t *t);
int sesparse_load_bitmap(SeSparse *s);
bool sesparse_bit(const SeSparse *s, uint64_t g);
void sesparse_set_bit(SeSparse *s, uint64_t g, bool on);
void sesparse_set_backmap(SeSparse *s, uint64_t g, uint64_t v);
int sesparse_set_gte(SeSparse *s, uint64_t v, uint64_t entry);
void sesparse_txn_add(SeSparse *s, uint64_t off, uint64_t value);
int sesparse_txn_commit(SeSparse *s);
uint64_t sesparse_txn_capacity(const SeSparse *s);
int64_t sesparse_find_free_grain(SeSparse *s);
int sesparse_get_gte(SeSparse *s, uint64_t v, uint64_t *entry);
int sesparse_writable_check(SeSparse *s);

#endif
