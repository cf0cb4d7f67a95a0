/*
 * The guest address space: the host reservation at guest_base and the
 * guest's mmap/munmap/mprotect/mremap/brk.  The page-flag table they keep
 * up to date, and the mmap lock, are accel/tcg/page-flags.c's.
 *
 * Invariants:
 * - [guest_base, guest_base + guest_space_size) is always mapped in the
 *   host: pages the guest has not mapped are PROT_NONE MAP_NORESERVE
 *   placeholders, so no other host allocation can land inside the guest
 *   space and a stray guest access faults.  Guard pages follow it, and
 *   translated code never accesses an address at or beyond
 *   guest_space_size (tcg_bad_address_hook), where the host may have
 *   mapped anything.
 * - Host pages and guest pages are both 4 KiB; a guest mapping is exactly
 *   one host mapping at g2h(addr).
 * - Everything that changes mappings or flags holds the mmap lock.
 *
 * Not here: ELF loading (elfload.c), the guest's syscall argument
 * decoding (syscall.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/log.h"
#include "qemu.h"

uintptr_t guest_base;
uint64_t guest_space_size;

/* PROT_NONE pages reserved after the guest space, never mapped: wider
   than the widest guest access (16 bytes). */
#define GUEST_SPACE_GUARD  ((uint64_t)64 * 1024)

static uint64_t brk_start, brk_cur, brk_mapped_end;

bool guest_memory_init(uint64_t size, uintptr_t fixed_base, Error **errp)
{
    void *p;
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;

    if (page_table_ready()) {
        error_setg(errp, "guest address space already initialised");
        return false;
    }
    size = TARGET_PAGE_ALIGN(size);
    if (size == 0 || size > ((uint64_t)1 << 47)) {
        error_setg(errp, "invalid guest address space size 0x%" PRIx64, size);
        return false;
    }
    if (fixed_base) {
        if (fixed_base & (TARGET_PAGE_SIZE - 1)) {
            error_setg(errp, "guest base 0x%" PRIxPTR
                       " is not page aligned", fixed_base);
            return false;
        }
        flags |= MAP_FIXED_NOREPLACE;
    }
    /* (the guard pages after the guest space catch an access that starts
       in it and ends beyond it; see tcg_bad_address_hook) */
    p = mmap((void *)fixed_base, size + GUEST_SPACE_GUARD, PROT_NONE, flags,
             -1, 0);
    if (p == MAP_FAILED) {
        error_setg_errno(errp, errno, "cannot reserve %" PRIu64
                         " MiB of host address space for the guest%s",
                         size >> 20, fixed_base ? " at the requested base" : "");
        return false;
    }
    if (fixed_base && (uintptr_t)p != fixed_base) {
        /* Old kernels ignore MAP_FIXED_NOREPLACE and treat it as a hint. */
        munmap(p, size + GUEST_SPACE_GUARD);
        error_setg(errp, "cannot reserve the guest address space at 0x%"
                   PRIxPTR ": the range is in use", fixed_base);
        return false;
    }
    guest_base = (uintptr_t)p;
    guest_space_size = size;
    page_table_init(size);
    brk_start = brk_cur = brk_mapped_end = 0;
    return true;
}

void guest_memory_cleanup(void)
{
    if (!page_table_ready()) {
        return;
    }
    munmap((void *)guest_base, guest_space_size + GUEST_SPACE_GUARD);
    page_table_cleanup();
    guest_base = 0;
    guest_space_size = 0;
}

bool guest_range_valid(uint64_t addr, uint64_t len)
{
    return addr <= guest_space_size && len <= guest_space_size - addr;
}


static int page_flags_of_prot(int prot)
{
    return (prot & TARGET_PROT_READ ? PAGE_READ : 0) |
           (prot & TARGET_PROT_WRITE ? PAGE_WRITE : 0) |
           (prot & TARGET_PROT_EXEC ? PAGE_EXEC : 0);
}


/* True when no page of [start, start + len) is mapped. */
static bool range_is_free(uint64_t start, uint64_t len)
{
    return page_range_all(start, start + len, page_flags_unmapped, 0);
}

static int64_t find_free_locked(uint64_t hint, uint64_t len)
{
    uint64_t start, run = 0, a;

    len = TARGET_PAGE_ALIGN(len);
    if (len == 0 || len > guest_space_size) {
        return -ENOMEM;
    }
    hint = TARGET_PAGE_ALIGN(hint);
    if (hint < TARGET_PAGE_SIZE) {
        hint = TARGET_PAGE_SIZE;           /* never hand out page 0 */
    }
    for (int pass = 0; pass < 2; pass++) {
        start = a = pass ? TARGET_PAGE_SIZE : hint;
        run = 0;
        while (a < guest_space_size && guest_space_size - a >= len - run) {
            uint64_t next;
            int f = page_uniform_chunk(a, &next);
            if (f >= 0) {
                /* The rest of a uniform chunk at once. */
                if (f & PAGE_VALID) {
                    run = 0;
                    a = start = next;
                    continue;
                }
                run += next - a;
                a = next;
            } else if (page_get_flags(a) & PAGE_VALID) {
                run = 0;
                a += TARGET_PAGE_SIZE;
                start = a;
                continue;
            } else {
                run += TARGET_PAGE_SIZE;
                a += TARGET_PAGE_SIZE;
            }
            if (run >= len && len <= guest_space_size - start) {
                return start;
            }
        }
    }
    return -ENOMEM;
}

int64_t guest_find_free(uint64_t hint, uint64_t len)
{
    int64_t ret;

    mmap_lock();
    ret = page_table_ready() ? find_free_locked(hint, len) : -ENOMEM;
    mmap_unlock();
    return ret;
}

/* Turn guest pages back into PROT_NONE placeholders.  Lock held. */
static int unmap_locked(uint64_t start, uint64_t len)
{
    void *p;

    page_invalidate_code_locked(start, start + len);
    p = mmap(g2h(start), len, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
                   -1, 0);
    if (p == MAP_FAILED) {
        return -errno;
    }
    page_set_flags_locked(start, start + len, 0);
    return 0;
}

static int host_map_flags(int tflags)
{
    int flags = MAP_FIXED;

    switch (tflags & TARGET_MAP_TYPE) {
    case TARGET_MAP_SHARED:
        flags |= MAP_SHARED;
        break;
    case TARGET_MAP_PRIVATE:
        flags |= MAP_PRIVATE;
        break;
    default:
        return -1;
    }
    if (tflags & TARGET_MAP_ANONYMOUS) {
        flags |= MAP_ANONYMOUS;
    }
    if (tflags & TARGET_MAP_NORESERVE) {
        flags |= MAP_NORESERVE;
    }
    if (tflags & TARGET_MAP_POPULATE) {
        flags |= MAP_POPULATE;
    }
    return flags;
}

int64_t target_mmap(uint64_t addr, uint64_t len, int prot, int tflags,
                    int fd, int64_t offset)
{
    int64_t start;
    int hflags, pflags;
    void *p;

    if (!page_table_ready()) {
        return -ENOMEM;
    }
    if (len == 0) {
        return -EINVAL;
    }
    if ((addr | offset) & (TARGET_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    if (prot & ~(TARGET_PROT_READ | TARGET_PROT_WRITE | TARGET_PROT_EXEC)) {
        return -EINVAL;
    }
    if (tflags & (TARGET_MAP_HUGETLB | TARGET_MAP_FIRST32 |
                  TARGET_MAP_GROWSUP)) {
        return -EINVAL;
    }
    hflags = host_map_flags(tflags);
    if (hflags < 0) {
        return -EINVAL;
    }
    if (len > guest_space_size) {
        return -ENOMEM;
    }
    len = TARGET_PAGE_ALIGN(len);

    mmap_lock();
    if (tflags & TARGET_MAP_FIXED) {
        if (!guest_range_valid(addr, len)) {
            mmap_unlock();
            return -ENOMEM;
        }
        start = addr;
    } else {
        start = -ENOMEM;
        if (addr && guest_range_valid(addr, len) && range_is_free(addr, len)) {
            start = addr;
        }
        if (start < 0) {
            start = find_free_locked(addr ? addr : GUEST_MMAP_BASE, len);
        }
        if (start < 0) {
            mmap_unlock();
            return start;
        }
    }
    pflags = page_flags_of_prot(prot);
    if (tflags & TARGET_MAP_FIXED) {
        page_invalidate_code_locked(start, start + len);
    }
    p = mmap(g2h(start), len, page_host_prot(pflags), hflags,
             (tflags & TARGET_MAP_ANONYMOUS) ? -1 : fd,
             (tflags & TARGET_MAP_ANONYMOUS) ? 0 : offset);
    if (p == MAP_FAILED) {
        int err = -errno;
        mmap_unlock();
        return err;
    }
    page_set_flags_locked(start, start + len, pflags | PAGE_VALID |
                          ((tflags & TARGET_MAP_ANONYMOUS) ? PAGE_ANON : 0));
    mmap_unlock();
    qemu_log_mask(CPU_LOG_PAGE, "mmap: 0x%" PRIx64 "-0x%" PRIx64 " prot %d\n",
                  (uint64_t)start, (uint64_t)start + len, prot);
    return start;
}

int target_munmap(uint64_t addr, uint64_t len)
{
    int ret;

    if ((addr & (TARGET_PAGE_SIZE - 1)) || len == 0) {
        return -EINVAL;
    }
    len = TARGET_PAGE_ALIGN(len);
    if (!guest_range_valid(addr, len)) {
        return -EINVAL;
    }
    mmap_lock();
    ret = unmap_locked(addr, len);
    mmap_unlock();
    return ret;
}

int target_mprotect(uint64_t addr, uint64_t len, int prot)
{
    uint64_t end;
    int pflags, ret;

    if (addr & (TARGET_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    if (prot & ~(TARGET_PROT_READ | TARGET_PROT_WRITE | TARGET_PROT_EXEC)) {
        return -EINVAL;
    }
    len = TARGET_PAGE_ALIGN(len);
    if (len == 0) {
        return 0;
    }
    if (!guest_range_valid(addr, len)) {
        return -ENOMEM;
    }
    end = addr + len;
    pflags = page_flags_of_prot(prot) | PAGE_VALID;
    mmap_lock();
    if (!page_range_all(addr, end, page_flags_allow, 0)) {
        mmap_unlock();
        return -ENOMEM;
    }
    ret = page_set_prot_locked(addr, end, pflags);
    mmap_unlock();
    return ret;
}

int64_t target_mremap(uint64_t old_addr, uint64_t old_len, uint64_t new_len,
                      int flags, uint64_t new_addr)
{
    int64_t dest;
    void *p;
    uint64_t a;
    int f;

    if ((old_addr & (TARGET_PAGE_SIZE - 1)) ||
        (flags & ~(TARGET_MREMAP_MAYMOVE | TARGET_MREMAP_FIXED)) ||
        ((flags & TARGET_MREMAP_FIXED) && !(flags & TARGET_MREMAP_MAYMOVE))) {
        return -EINVAL;
    }
    old_len = TARGET_PAGE_ALIGN(old_len);
    new_len = TARGET_PAGE_ALIGN(new_len);
    if (new_len == 0 || old_len == 0 || !guest_range_valid(old_addr, old_len) ||
        new_len > guest_space_size) {
        return -EINVAL;
    }
    mmap_lock();
    for (a = old_addr; a < old_addr + old_len; a += TARGET_PAGE_SIZE) {
        if (!(page_get_flags(a) & PAGE_VALID)) {
            mmap_unlock();
            return -EFAULT;
        }
    }
    page_invalidate_code_locked(old_addr, old_addr + old_len);
    f = page_get_flags(old_addr) & ~PAGE_WRITE_ORG;
    if (page_get_flags(old_addr) & PAGE_WRITE_ORG) {
        f |= PAGE_WRITE;
    }
    if (new_len <= old_len && !(flags & TARGET_MREMAP_FIXED)) {
        if (new_len < old_len) {
            unmap_locked(old_addr + new_len, old_len - new_len);
        }
        mmap_unlock();
        return old_addr;
    }
    if (flags & TARGET_MREMAP_FIXED) {
        if ((new_addr & (TARGET_PAGE_SIZE - 1)) ||
            !guest_range_valid(new_addr, new_len)) {
            mmap_unlock();
            return -EINVAL;
        }
        dest = new_addr;
    } else if (guest_range_valid(old_addr, new_len) &&
               range_is_free(old_addr + old_len, new_len - old_len)) {
        dest = old_addr;                  /* grow in place */
    } else if (flags & TARGET_MREMAP_MAYMOVE) {
        dest = find_free_locked(GUEST_MMAP_BASE, new_len);
        if (dest < 0) {
            mmap_unlock();
            return dest;
        }
    } else {
        mmap_unlock();
        return -ENOMEM;
    }
    if ((uint64_t)dest == old_addr) {
        /* Grow in place: free the placeholder after the mapping so the
           host can extend it there. */
        munmap(g2h(old_addr + old_len), new_len - old_len);
        p = mremap(g2h(old_addr), old_len, new_len, 0);
        if (p == MAP_FAILED) {
            int err = -errno;
            mmap(g2h(old_addr + old_len), new_len - old_len, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
                 -1, 0);
            mmap_unlock();
            return err;
        }
    } else {
        p = mremap(g2h(old_addr), old_len, new_len,
                   MREMAP_MAYMOVE | MREMAP_FIXED, g2h(dest));
        if (p == MAP_FAILED) {
            int err = -errno;
            mmap_unlock();
            return err;
        }
    }
    if ((uint64_t)dest != old_addr) {
        /* The old range is now a hole in the reservation: refill it. */
        uint64_t lo = old_addr, hi = old_addr + old_len;
        uint64_t dlo = dest, dhi = dest + new_len;
        page_set_flags_locked(lo, hi, 0);
        for (a = lo; a < hi; a += TARGET_PAGE_SIZE) {
            if (a < dlo || a >= dhi) {
                mmap(g2h(a), TARGET_PAGE_SIZE, PROT_NONE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
                     -1, 0);
            }
        }
    }
    /* One protection for the whole result (Linux only remaps within one
       mapping, which has one); its translations were dropped above, so
       nothing is write-protected any more. */
    mprotect(g2h(dest), new_len, page_host_prot(f));
    page_set_flags_locked(dest, dest + new_len, f);
    mmap_unlock();
    return dest;
}

void target_set_brk(uint64_t start)
{
    brk_start = brk_cur = start;
    brk_mapped_end = TARGET_PAGE_ALIGN(start);
}

uint64_t target_brk(uint64_t new_brk)
{
    uint64_t new_end;
    int64_t r;

    if (new_brk == 0 || new_brk < brk_start) {
        return brk_cur;
    }
    new_end = TARGET_PAGE_ALIGN(new_brk);
    if (new_brk > guest_space_size || new_end > guest_space_size) {
        return brk_cur;
    }
    if (new_end > brk_mapped_end) {
        mmap_lock();
        bool free = range_is_free(brk_mapped_end, new_end - brk_mapped_end);
        mmap_unlock();
        if (!free) {
            return brk_cur;
        }
        r = target_mmap(brk_mapped_end, new_end - brk_mapped_end,
                        TARGET_PROT_READ | TARGET_PROT_WRITE,
                        TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS |
                        TARGET_MAP_FIXED, -1, 0);
        if (r < 0) {
            return brk_cur;
        }
        brk_mapped_end = new_end;
    } else if (new_brk < brk_cur) {
        /* Linux zeroes what is given back and handed out again. */
        uint64_t keep_end = TARGET_PAGE_ALIGN(new_brk);
        if (keep_end < brk_mapped_end) {
            target_munmap(keep_end, brk_mapped_end - keep_end);
            brk_mapped_end = keep_end;
        }
        if (new_brk < keep_end) {
            /* The guest may have unmapped or protected its heap. */
            void *p = lock_user(new_brk, keep_end - new_brk, PAGE_WRITE);
            if (p) {
                memset(p, 0, keep_end - new_brk);
            }
        }
    }
    brk_cur = new_brk;
    return brk_cur;
}

void *lock_user(uint64_t addr, uint64_t len, int flags)
{
    if (!page_check_range(addr, len, flags)) {
        return NULL;
    }
    if (len == 0 && !guest_range_valid(addr, 0)) {
        return NULL;
    }
    if (flags & PAGE_WRITE) {
        /* Unprotect code pages up front so the host write cannot fault. */
        uint64_t a;
        for (a = addr & TARGET_PAGE_MASK; a < addr + len;
             a += TARGET_PAGE_SIZE) {
            int f = page_get_flags(a);
            if (!(f & PAGE_WRITE)) {
                page_unprotect(a, 0);
            }
        }
    }
    return g2h(addr);
}

int64_t target_strlen(uint64_t addr, size_t max)
{
    size_t n = 0;

    while (n <= max) {
        uint64_t a = addr + n;
        uint64_t page_end;
        const char *p, *nul;

        if (a < addr || !page_check_range(a, 1, PAGE_READ)) {
            return -EFAULT;
        }
        page_end = (a & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE;
        p = g2h(a);
        nul = memchr(p, 0, page_end - a);
        if (nul) {
            n += nul - p;
            return n > max ? -ENAMETOOLONG : (int64_t)n;
        }
        n += page_end - a;
    }
    return -ENAMETOOLONG;
}
