/*
 * seSparse consistency check, repair and space reclamation.
 *
 * The grain tables are the truth; the free bitmap and the backmap are
 * derived from them.  Findings:
 *   corruption: an invalid GD or GT entry, a grain referenced twice, an
 *     allocated grain past the grain region or the file, a referenced
 *     grain marked free, a backmap entry not naming its referent;
 *   leak: a grain marked allocated that no allocated (0x3) entry uses,
 *     including grains still held by unmapped (0x1) entries, which
 *     reclamation releases.
 * Repairs go through the journal like every other metadata update.
 * Repair of invalid entries drops them (they could not be read anyway);
 * a grain referenced twice is copied so each referent owns one.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include "block/vmdk-sesparse.h"
#include "qemu/bitops.h"
#include "qemu/bswap.h"

typedef struct UnmappedRef {
    uint64_t v, g;
} UnmappedRef;

static int copy_grain(SeSparse *s, uint64_t from, uint64_t *to)
{
    uint8_t *buf = g_malloc(SESPARSE_GRAIN_SIZE);
    int64_t g = sesparse_find_free_grain(s);
    int ret = g < 0 ? (int)g : 0;

    if (ret == 0) {
        ret = vmdk_file_read(s->file, sesparse_grain_addr(s, from), buf,
                             SESPARSE_GRAIN_SIZE);
    }
    if (ret == 0) {
        ret = vmdk_file_write(s->file, sesparse_grain_addr(s, g), buf,
                              SESPARSE_GRAIN_SIZE);
    }
    g_free(buf);
    if (ret == 0) {
        sesparse_set_bit(s, g, true);
        *to = g;
    }
    return ret;
}

int sesparse_check(VmdkExtent *e, VmdkCheckResult *res, int repair,
                   GString *log)
{
    SeSparse *s = e->se;
    const char *fn = e->file->filename;
    uint64_t cap_grains = DIV_ROUND_UP(e->length, SESPARSE_GRAIN_SIZE);
    uint64_t *owner;            /* grain -> guest grain + 1 */
    uint8_t *backmap = NULL;
    GArray *unmapped;
    GHashTable *gt_used;
    bool fix_all = repair & 2, fix_leaks = repair != 0;
    uint64_t highest = 0, nslots;
    uint64_t txn_cap = sesparse_txn_capacity(s);
    bool any_used = false;
    int ret;

    if (repair && s->overlay) {
        vmdk_check_log(log, "ERROR: '%s' needs its journal "
                       "replayed; open it read-write\n", fn);
        res->check_errors++;
        return -EACCES;
    }
    if (repair && s->foreign_journal) {
        vmdk_check_log(log, "ERROR: '%s' has a journal written by "
                       "another implementation; not repairing\n", fn);
        res->check_errors++;
        return -ENOTSUP;
    }
    ret = sesparse_load_bitmap(s);
    if (ret < 0) {
        vmdk_check_log(log, "ERROR: cannot load the free bitmap of "
                       "'%s': %s\n", fn, g_strerror(-ret));
        res->check_errors++;
        return ret;
    }
    /* (allocated past the early returns above, which would leak them) */
    unmapped = g_array_new(false, false, sizeof(UnmappedRef));
    gt_used = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    /*
     * Only slots up to the last bit set in the bitmap can be legitimately
     * in use; a reference past it is a corruption anyway.  Sizing the
     * tables by that keeps memory proportional to the data really there.
     */
    nslots = 0;
    for (uint64_t w = s->bitmap_words; w-- > 0;) {
        uint64_t word = s->bitmap[w];
        if (w == s->bitmap_words - 1 && s->max_grains % 64) {
            word &= ~(~0ULL << (s->max_grains % 64));
        }
        if (word) {
            nslots = w * 64 + 64 - __builtin_clzll(word);
            break;
        }
    }
    backmap = g_malloc(nslots * 8 + 8);
    ret = sesparse_read_meta(s, s->h.region_offset[SES_REGION_BACKMAP] *
                             VMDK_SECTOR, backmap, nslots * 8);
    if (ret < 0) {
        g_free(backmap);
        backmap = NULL;
    }
    owner = g_new0(uint64_t, nslots + 1);
    res->total_clusters += cap_grains;

    for (uint64_t gdi = 0; gdi < s->gd_entries; gdi++) {
        uint64_t t, *gt;

        if (sesparse_gd_lookup(s, gdi, &t) < 0) {
            vmdk_check_log(log, "ERROR: grain directory entry %"
                           PRIu64 " of '%s' is invalid (0x%016" PRIx64
                           ")\n", gdi, fn, s->gd[gdi]);
            res->corruptions++;
            if (fix_all) {
                s->gd[gdi] = 0;
                sesparse_txn_add(s, s->h.region_offset[SES_REGION_GD] *
                                 VMDK_SECTOR + gdi * 8, 0);
                res->corruptions_fixed++;
            }
            continue;
        }
        if (t == UINT64_MAX) {
            continue;
        }
        if (t >= s->v.free_gt_number || g_hash_table_contains(gt_used, &t) ||
            gdi * SESPARSE_GT_ENTRIES >= cap_grains) {
            vmdk_check_log(log, "ERROR: grain directory entry %"
                           PRIu64 " of '%s' names grain table %" PRIu64
                           ", which is %s\n", gdi, fn, t,
                           gdi * SESPARSE_GT_ENTRIES >= cap_grains ?
                           "past the capacity" :
                           t >= s->v.free_gt_number ? "not allocated"
                           : "used twice");
            res->corruptions++;
            if (fix_all) {
                s->gd[gdi] = 0;
                sesparse_txn_add(s, s->h.region_offset[SES_REGION_GD] *
                                 VMDK_SECTOR + gdi * 8, 0);
                res->corruptions_fixed++;
            }
            continue;
        }
        {
            uint64_t *k = g_new(uint64_t, 1);
            *k = t;
            g_hash_table_add(gt_used, k);
        }
        ret = sesparse_get_gt(s, t, &gt);
        if (ret < 0) {
            vmdk_check_log(log, "ERROR: cannot read grain table %"
                           PRIu64 " of '%s'\n", t, fn);
            res->check_errors++;
            continue;
        }
        for (uint32_t i = 0; i < SESPARSE_GT_ENTRIES; i++) {
            uint64_t v = gdi * SESPARSE_GT_ENTRIES + i;
            uint64_t entry = gt[i], g;
            bool bad = false;

            switch (entry & SESPARSE_GTE_KIND_MASK) {
            case SESPARSE_GTE_UNALLOC:
                bad = entry != 0;
                break;
            case SESPARSE_GTE_ZERO:
                break;
            case SESPARSE_GTE_UNMAPPED:
                if (entry != SESPARSE_GTE_UNMAPPED) {
                    UnmappedRef r = { v, sesparse_gte_grain(entry) };
                    g_array_append_val(unmapped, r);
                }
                break;
            case SESPARSE_GTE_ALLOC:
                g = sesparse_gte_grain(entry);
                if (v >= cap_grains || g >= s->max_grains ||
                    sesparse_grain_addr(s, g) >= (uint64_t)e->file->size) {
                    bad = true;
                    break;
                }
                res->allocated_clusters++;
                if (g >= nslots) {
                    vmdk_check_log(log, "ERROR: grain %" PRIu64
                                   " of '%s' is in use but marked "
                                   "free\n", g, fn);
                    res->corruptions++;
                    any_used = true;
                    highest = MAX(highest, g);
                    if (fix_all) {
                        sesparse_set_bit(s, g, true);
                        sesparse_set_backmap(s, g, v);
                        res->corruptions_fixed++;
                    }
                    break;
                }
                if (owner[g]) {
                    uint64_t ng;
                    vmdk_check_log(log, "ERROR: grain %" PRIu64
                                   " of '%s' is used by guest grains %"
                                   PRIu64 " and %" PRIu64 "\n", g, fn,
                                   owner[g] - 1, v);
                    res->corruptions++;
                    if (fix_all && copy_grain(s, g, &ng) == 0) {
                        sesparse_set_backmap(s, ng, v);
                        sesparse_set_gte(s, v, sesparse_gte_make(
                                             SESPARSE_GTE_ALLOC, ng));
                        if (ng < nslots) {
                            owner[ng] = v + 1;
                        }
                        highest = MAX(highest, ng);
                        res->corruptions_fixed++;
                    }
                    break;
                }
                owner[g] = v + 1;
                any_used = true;
                highest = MAX(highest, g);
                if (!sesparse_bit(s, g)) {
                    vmdk_check_log(log, "ERROR: grain %" PRIu64
                                   " of '%s' is in use but marked "
                                   "free\n", g, fn);
                    res->corruptions++;
                    if (fix_all) {
                        sesparse_set_bit(s, g, true);
                        res->corruptions_fixed++;
                    }
                }
                if (backmap && !s->foreign_journal &&
                    ldq_le_p(backmap + g * 8) != v) {
                    vmdk_check_log(log, "ERROR: backmap entry of "
                                   "grain %" PRIu64 " of '%s' is %"
                                   PRIu64 ", expected %" PRIu64 "\n",
                                   g, fn, ldq_le_p(backmap + g * 8),
                                   v);
                    res->corruptions++;
                    if (fix_all) {
                        sesparse_set_backmap(s, g, v);
                        res->corruptions_fixed++;
                    }
                }
                break;
            default:
                bad = true;
            }
            if (bad) {
                vmdk_check_log(log, "ERROR: grain table entry for "
                               "guest offset %" PRIu64 " of '%s' is "
                               "invalid (0x%016" PRIx64 ")\n",
                               e->start + v * SESPARSE_GRAIN_SIZE, fn,
                               entry);
                res->corruptions++;
                if (fix_all && sesparse_set_gte(s, v, 0) == 0) {
                    res->corruptions_fixed++;
                }
            }
            if (s->txn->len + 16 > txn_cap &&
                sesparse_txn_commit(s) < 0) {
                res->check_errors++;
                goto out;
            }
        }
    }

    /* grains marked allocated that no allocated entry owns */
    for (uint64_t g = 0; g < nslots; g++) {
        if (!sesparse_bit(s, g) || owner[g]) {
            continue;
        }
        res->leaks++;
        if (fix_leaks) {
            sesparse_set_bit(s, g, false);
            sesparse_set_backmap(s, g, 0);
            res->leaks_fixed++;
        } else if (!repair) {
            vmdk_check_log(log, "Leaked grain %" PRIu64 " of '%s'\n",
                           g, fn);
        }
        if (s->txn->len + 16 > txn_cap &&
            sesparse_txn_commit(s) < 0) {
            res->check_errors++;
            goto out;
        }
    }
    /* reclaimed grains: unmapped entries drop their stale pointers */
    if (fix_leaks) {
        for (guint i = 0; i < unmapped->len; i++) {
            UnmappedRef *r = &g_array_index(unmapped, UnmappedRef, i);
            sesparse_set_gte(s, r->v, SESPARSE_GTE_UNMAPPED);
            if (s->txn->len + 16 > txn_cap &&
                sesparse_txn_commit(s) < 0) {
                res->check_errors++;
                goto out;
            }
        }
    }
    if (repair && sesparse_txn_commit(s) < 0) {
        res->check_errors++;
        goto out;
    }
    if (repair) {
        /* give the space after the last used grain back */
        uint64_t end = any_used ? sesparse_grain_addr(s, highest + 1)
                                : sesparse_grain_addr(s, 0);
        if ((uint64_t)e->file->size > end) {
            vmdk_file_flush(s->file);
            vmdk_file_truncate(s->file, end);
        }
    }
    res->image_end_offset = MAX(res->image_end_offset,
                                any_used ? sesparse_grain_addr(s, highest + 1)
                                         : sesparse_grain_addr(s, 0));
out:
    g_array_set_size(s->txn, 0);
    g_free(owner);
    g_free(backmap);
    g_array_free(unmapped, true);
    g_hash_table_destroy(gt_used);
    return 0;
}
