/*
 * Metadata table caches for qcow2 (one for L2 tables, one for refcount
 * blocks).  Tables are kept in their on-disk (big-endian) form.  Eviction
 * is least-recently-used among unreferenced entries.  A cache may depend
 * on another: before any of its dirty tables is written, the other cache
 * is flushed to stable storage first (the L2 cache depends on the refcount
 * cache, which is what keeps a crash from referencing an unrefcounted
 * cluster; qcow2.c drops that dependency while a lazy-refcounts dirty bit
 * is set).
 *
 * A cache is sized for the whole disk (up to 32 MiB), but most opens touch
 * a few tables: entries are taken in order and every scan stops at the
 * last entry ever used, and the table memory is not zeroed, so the pages
 * of unused entries are never touched.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>

#include "qcow2.h"

typedef struct Qcow2CacheEntry {
    uint64_t offset;        /* 0 = empty */
    uint64_t lru;
    int ref;
    bool dirty;
} Qcow2CacheEntry;

struct Qcow2Cache {
    Qcow2CacheEntry *entries;
    uint8_t *tables;
    int size;
    int used;               /* entries [used, size) have never held a table */
    int table_size;
    uint64_t lru_counter;
    Qcow2Cache *depends;
    bool depends_dirty;     /* we hold dirty data that needs depends first */
    uint64_t writebacks;
};

Qcow2Cache *qcow2_cache_create(BlockDriverState *bs, int num_tables,
                               int table_size)
{
    Qcow2Cache *c = g_new0(Qcow2Cache, 1);
    c->size = num_tables;
    c->table_size = table_size;
    c->entries = g_new0(Qcow2CacheEntry, num_tables);
    /* not zeroed: a table is read or cleared when its entry is filled */
    c->tables = g_aligned_alloc(num_tables, table_size, 4096);
    return c;
}

void qcow2_cache_destroy(Qcow2Cache *c)
{
    if (!c) {
        return;
    }
    g_aligned_free(c->tables);
    g_free(c->entries);
    g_free(c);
}

void qcow2_cache_set_dependency(Qcow2Cache *c, Qcow2Cache *dependency)
{
    c->depends = dependency;
}

int qcow2_cache_num_tables(const Qcow2Cache *c)
{
    return c->size;
}

uint64_t qcow2_cache_writebacks(const Qcow2Cache *c)
{
    return c->writebacks;
}

static inline void *table_at(Qcow2Cache *c, int i)
{
    return c->tables + (size_t)i * c->table_size;
}

static int cache_entry_flush(BlockDriverState *bs, Qcow2Cache *c, int i)
{
    Qcow2CacheEntry *e = &c->entries[i];
    if (!e->dirty || !e->offset) {
        return 0;
    }
    if (c->depends) {
        int ret = qcow2_cache_flush(bs, c->depends);
        if (ret < 0) {
            return ret;
        }
    }
    int ret = bdrv_pwrite(bs->file, e->offset, c->table_size, table_at(c, i), 0);
    if (ret < 0) {
        return ret;
    }
    c->writebacks++;
    e->dirty = false;
    return 0;
}

/* Write all dirty tables (dependencies first) without a final sync. */
int qcow2_cache_write(BlockDriverState *bs, Qcow2Cache *c)
{
    int result = 0;
    for (int i = 0; i < c->used; i++) {
        int ret = cache_entry_flush(bs, c, i);
        if (ret < 0 && result == 0) {
            result = ret;
        }
    }
    return result;
}

/* Write all dirty tables and make them stable. */
int qcow2_cache_flush(BlockDriverState *bs, Qcow2Cache *c)
{
    bool any = false;
    for (int i = 0; i < c->used; i++) {
        if (c->entries[i].dirty) {
            any = true;
            break;
        }
    }
    if (!any) {
        return 0;
    }
    int ret = qcow2_cache_write(bs, c);
    if (ret < 0) {
        return ret;
    }
    return bdrv_flush(bs->file);
}

static int cache_find_victim(BlockDriverState *bs, Qcow2Cache *c)
{
    int best = -1;
    uint64_t best_lru = UINT64_MAX;
    for (int i = 0; i < c->used; i++) {
        if (c->entries[i].ref) {
            continue;
        }
        if (!c->entries[i].offset) {
            return i;
        }
        if (c->entries[i].lru < best_lru) {
            best_lru = c->entries[i].lru;
            best = i;
        }
    }
    if (c->used < c->size) {
        return c->used++;
    }
    return best;
}

static int cache_do_get(BlockDriverState *bs, Qcow2Cache *c, uint64_t offset,
                        void **table, bool read)
{
    if (offset == 0 || (offset & (c->table_size - 1))) {
        return -EIO;
    }
    for (int i = 0; i < c->used; i++) {
        if (c->entries[i].offset == offset) {
            c->entries[i].ref++;
            c->entries[i].lru = ++c->lru_counter;
            *table = table_at(c, i);
            return 0;
        }
    }
    int i = cache_find_victim(bs, c);
    if (i < 0) {
        return -ENOSPC;     /* every entry in use: a caller leaks refs */
    }
    int ret = cache_entry_flush(bs, c, i);
    if (ret < 0) {
        return ret;
    }
    c->entries[i].offset = 0;
    if (read) {
        ret = bdrv_pread(bs->file, offset, c->table_size, table_at(c, i), 0);
        if (ret < 0) {
            return ret;
        }
    } else {
        memset(table_at(c, i), 0, c->table_size);
    }
    c->entries[i].offset = offset;
    c->entries[i].ref = 1;
    c->entries[i].dirty = false;
    c->entries[i].lru = ++c->lru_counter;
    *table = table_at(c, i);
    return 0;
}

int qcow2_cache_get(BlockDriverState *bs, Qcow2Cache *c, uint64_t offset,
                    void **table)
{
    return cache_do_get(bs, c, offset, table, true);
}

int qcow2_cache_get_empty(BlockDriverState *bs, Qcow2Cache *c,
                          uint64_t offset, void **table)
{
    return cache_do_get(bs, c, offset, table, false);
}

static int cache_index(Qcow2Cache *c, const void *table)
{
    ptrdiff_t d = (const uint8_t *)table - c->tables;
    return (int)(d / c->table_size);
}

void qcow2_cache_put(Qcow2Cache *c, void **table)
{
    int i = cache_index(c, *table);
    c->entries[i].ref--;
    *table = NULL;
}

void qcow2_cache_mark_dirty(Qcow2Cache *c, void *table)
{
    c->entries[cache_index(c, table)].dirty = true;
}

/* Forget the table at @offset (its cluster was freed). */
void qcow2_cache_discard(Qcow2Cache *c, uint64_t offset)
{
    for (int i = 0; i < c->used; i++) {
        if (c->entries[i].offset == offset && !c->entries[i].ref) {
            c->entries[i].offset = 0;
            c->entries[i].dirty = false;
        }
    }
}

/* Flush and drop everything (after a repair rewrote tables on disk). */
int qcow2_cache_empty(BlockDriverState *bs, Qcow2Cache *c)
{
    int ret = qcow2_cache_flush(bs, c);
    if (ret < 0) {
        return ret;
    }
    for (int i = 0; i < c->used; i++) {
        c->entries[i].offset = 0;
        c->entries[i].dirty = false;
        c->entries[i].ref = 0;
    }
    return 0;
}
