/*
 * The guest page-flag table: one byte of PAGE_* flags per guest page,
 * what the guest may do with it; the mmap lock that guards the table and
 * the guest's mappings; the write protection of pages that hold
 * translated code (page_protect/page_unprotect) and the invalidation of
 * those translations when a mapping changes.
 *
 * Lives in accel/tcg because the execution core needs it (the translator
 * reads code only from PAGE_EXEC pages, a TB write-protects its pages);
 * linux-user sets flags through it when the guest maps memory, and never
 * the other way round.
 *
 * Invariants:
 * - The table has one byte per guest page, in 64 Ki page (256 MiB)
 *   chunks.  A chunk whose pages all have the same flags is not
 *   allocated: page_l1_uni[] holds that value (0 = unmapped), so huge
 *   mappings (hardware stacks, a hostile ELF's memsz) cost nothing and
 *   scans step over whole chunks.
 * - Everything that changes mappings or flags holds the mmap lock.
 * - Lock order: the mmap lock is taken before the translation lock
 *   (tb-maint.c takes it around translation), never after.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#include "exec/guest-memory.h"

#define L2_BITS   16
#define L2_SIZE   ((uint64_t)1 << L2_BITS)

static uint8_t **page_l1;
static uint8_t *page_l1_uni;     /* flags of every page of a NULL chunk */
static uint64_t page_l1_size;
static GRecMutex mmap_mutex;

void mmap_lock(void)
{
    g_rec_mutex_lock(&mmap_mutex);
}

void mmap_unlock(void)
{
    g_rec_mutex_unlock(&mmap_mutex);
}

void page_table_init(uint64_t size)
{
    page_l1_size = ((size >> TARGET_PAGE_BITS) + L2_SIZE - 1) >> L2_BITS;
    page_l1 = g_new0(uint8_t *, page_l1_size);
    page_l1_uni = g_new0(uint8_t, page_l1_size);
}

void page_table_cleanup(void)
{
    uint64_t i;

    for (i = 0; i < page_l1_size; i++) {
        g_free(page_l1[i]);
    }
    g_free(page_l1);
    g_free(page_l1_uni);
    page_l1 = NULL;
    page_l1_uni = NULL;
    page_l1_size = 0;
}

bool page_table_ready(void)
{
    return page_l1 != NULL;
}

#define CHUNK_BYTES  (L2_SIZE << TARGET_PAGE_BITS)

/* The flag byte of @page, materialising its chunk if needed. */
static uint8_t *page_flags_ptr(uint64_t page)
{
    uint64_t i1 = page >> L2_BITS;

    if (i1 >= page_l1_size) {
        return NULL;
    }
    if (!page_l1[i1]) {
        page_l1[i1] = g_malloc(L2_SIZE);
        memset(page_l1[i1], page_l1_uni[i1], L2_SIZE);
    }
    return &page_l1[i1][page & (L2_SIZE - 1)];
}

int page_get_flags(uint64_t addr)
{
    uint64_t page, i1;

    if (!page_l1 || addr >= guest_space_size) {
        return 0;
    }
    page = addr >> TARGET_PAGE_BITS;
    i1 = page >> L2_BITS;
    return page_l1[i1] ? page_l1[i1][page & (L2_SIZE - 1)] : page_l1_uni[i1];
}

/*
 * If the chunk holding @addr is uniform, return its flags and set *next
 * to the chunk's end; else return -1.  Lets scans skip whole chunks.
 */
int page_uniform_chunk(uint64_t addr, uint64_t *next)
{
    uint64_t i1 = addr >> (TARGET_PAGE_BITS + L2_BITS);

    if (i1 < page_l1_size && !page_l1[i1]) {
        *next = (i1 + 1) * CHUNK_BYTES;
        return page_l1_uni[i1];
    }
    return -1;
}

/* Caller holds the mmap lock (or is single-threaded start-up). */
void page_set_flags_locked(uint64_t start, uint64_t end, int flags)
{
    uint64_t a;

    if (!page_l1) {
        return;
    }
    start &= TARGET_PAGE_MASK;
    end = MIN(TARGET_PAGE_ALIGN(end), guest_space_size);
    if (flags & PAGE_WRITE) {
        flags |= PAGE_WRITE_ORG;
    }
    for (a = start; a < end; ) {
        uint64_t i1 = a / CHUNK_BYTES;
        uint64_t cstart = i1 * CHUNK_BYTES, cend = cstart + CHUNK_BYTES;

        if (a == cstart && end >= cend) {
            /* The whole chunk: make it uniform. */
            g_free(page_l1[i1]);
            page_l1[i1] = NULL;
            page_l1_uni[i1] = flags;
            a = cend;
            continue;
        }
        if (!page_l1[i1] && page_l1_uni[i1] == flags) {
            a = MIN(cend, end);
            continue;
        }
        for (; a < MIN(cend, end); a += TARGET_PAGE_SIZE) {
            *page_flags_ptr(a >> TARGET_PAGE_BITS) = flags;
        }
    }
}

void page_set_flags(uint64_t start, uint64_t end, int flags)
{
    mmap_lock();
    page_set_flags_locked(start, end, flags);
    mmap_unlock();
}

/* True when every page of [addr, end) satisfies @ok(flags). */
bool page_range_all(uint64_t addr, uint64_t end, bool (*ok)(int, int),
                    int arg)
{
    uint64_t a = addr & TARGET_PAGE_MASK;

    while (a < end) {
        uint64_t next;
        int f = page_uniform_chunk(a, &next);
        if (f < 0) {
            f = page_get_flags(a);
            next = a + TARGET_PAGE_SIZE;
        }
        if (!ok(f, arg)) {
            return false;
        }
        a = next;
    }
    return true;
}

bool page_flags_allow(int f, int want)
{
    if (!(f & PAGE_VALID)) {
        return false;
    }
    if ((want & PAGE_READ) && !(f & PAGE_READ)) {
        return false;
    }
    if ((want & PAGE_WRITE) && !(f & PAGE_WRITE_ORG)) {
        return false;
    }
    if ((want & PAGE_EXEC) && !(f & PAGE_EXEC)) {
        return false;
    }
    return true;
}

bool page_flags_unmapped(int f, int unused)
{
    return !(f & PAGE_VALID);
}

bool page_flags_not_protected_code(int f, int unused)
{
    return !((f & PAGE_WRITE_ORG) && !(f & PAGE_WRITE));
}

/* May translated code have been made from a page with these flags? */
static bool flags_may_hold_code(int f)
{
    return (f & PAGE_VALID) &&
           ((f & PAGE_EXEC) || ((f & PAGE_WRITE_ORG) && !(f & PAGE_WRITE)));
}

/*
 * [start, end) is about to be unmapped, replaced or lose PAGE_EXEC: drop
 * the translations made from it, so a later mapping there never runs
 * stale code.  Lock held.
 */
void page_invalidate_code_locked(uint64_t start, uint64_t end)
{
    uint64_t a = start & TARGET_PAGE_MASK;

    end = MIN(end, guest_space_size);
    while (a < end) {
        uint64_t next;
        int f = page_uniform_chunk(a, &next);
        if (f >= 0 && !flags_may_hold_code(f)) {
            a = next;
            continue;
        }
        if (flags_may_hold_code(page_get_flags(a))) {
            tb_invalidate_guest_page(a);
        }
        a += TARGET_PAGE_SIZE;
    }
}

bool page_check_range(uint64_t addr, uint64_t len, int flags)
{
    if (len == 0) {
        return true;
    }
    if (!page_l1 || !guest_range_valid(addr, len)) {
        return false;
    }
    return page_range_all(addr, addr + len, page_flags_allow, flags);
}


/* Host protection for guest page flags.  Guest code is never executed
   by the host; an exec-only guest page must still be readable by the
   translator. */
int page_host_prot(int flags)
{
    int prot = PROT_NONE;

    if (flags & (PAGE_READ | PAGE_EXEC)) {
        prot |= PROT_READ;
    }
    if (flags & PAGE_WRITE) {
        prot |= PROT_WRITE | PROT_READ;
    }
    return prot;
}

void page_protect(uint64_t addr)
{
    uint64_t page = addr & TARGET_PAGE_MASK;
    uint8_t *p;

    if (!page_l1 || page >= guest_space_size ||
        !(page_get_flags(page) & PAGE_WRITE)) {
        return;
    }
    mmap_lock();
    p = page_flags_ptr(page >> TARGET_PAGE_BITS);
    if (p && (*p & PAGE_WRITE)) {
        *p &= ~PAGE_WRITE;
        mprotect(g2h(page), TARGET_PAGE_SIZE, page_host_prot(*p));
    }
    mmap_unlock();
}

int page_unprotect(uint64_t addr, uintptr_t host_pc)
{
    uint64_t page = addr & TARGET_PAGE_MASK;
    uint8_t *p;
    int ret = 0;

    if (!page_l1 || page >= guest_space_size ||
        !(page_get_flags(page) & PAGE_VALID)) {
        return 0;
    }
    mmap_lock();
    p = page_flags_ptr(page >> TARGET_PAGE_BITS);
    if (p && (*p & PAGE_VALID) && (*p & PAGE_WRITE_ORG) &&
        !(*p & PAGE_WRITE)) {
        tb_invalidate_guest_page(page);
        *p |= PAGE_WRITE;
        mprotect(g2h(page), TARGET_PAGE_SIZE, page_host_prot(*p));
        ret = 1;
    } else if (p && (*p & PAGE_WRITE)) {
        /* Another thread unprotected it between the fault and here;
           re-apply the protection so the retried write cannot loop. */
        mprotect(g2h(page), TARGET_PAGE_SIZE, page_host_prot(*p));
        ret = 1;
    }
    mmap_unlock();
    return ret;
}

/*
 * mprotect of [start, end) to @flags: drop translations of pages that
 * lose PAGE_EXEC, set the flags and the host protection; a page holding
 * translated code stays write-protected (its first write unprotects it
 * through the fault handler).  Lock held; returns 0 or -errno.
 */
int page_set_prot_locked(uint64_t start, uint64_t end, int flags)
{
    uint64_t a;

    if (!(flags & PAGE_EXEC)) {
        page_invalidate_code_locked(start, end);
    }
    if (!(flags & PAGE_WRITE) ||
        page_range_all(start, end, page_flags_not_protected_code, 0)) {
        /* The common case: one host call for the whole range. */
        if (mprotect(g2h(start), end - start, page_host_prot(flags))) {
            return -errno;
        }
        page_set_flags_locked(start, end, flags);
        return 0;
    }
    for (a = start; a < end; a += TARGET_PAGE_SIZE) {
        uint8_t *p = page_flags_ptr(a >> TARGET_PAGE_BITS);
        bool protected_code = (*p & PAGE_WRITE_ORG) && !(*p & PAGE_WRITE);
        int nf = flags | PAGE_WRITE_ORG;

        if (protected_code) {
            nf &= ~PAGE_WRITE;
        }
        *p = nf;
        if (mprotect(g2h(a), TARGET_PAGE_SIZE, page_host_prot(nf))) {
            return -errno;
        }
    }
    return 0;
}
