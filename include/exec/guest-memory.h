/*
 * The guest address space of the user-mode emulator.
 *
 * The whole guest address space [0, guest_space_size) is one host
 * reservation starting at guest_base, so a guest address becomes a host
 * pointer by a single addition (g2h) and translated code can access guest
 * memory with one host load or store.  Beside the host mappings we keep a
 * per-page flag table (PAGE_*) that says what the guest may do with each
 * 4 KiB page; system calls check it before they touch guest memory and the
 * translator checks PAGE_EXEC before it reads code.
 *
 * The reservation (guest_base) is linux-user's (linux-user/mmap.c); the
 * flag table, the mmap lock and the write protection of code pages are
 * accel/tcg's (accel/tcg/page-flags.c), so the execution core never calls
 * into linux-user.  Lock order: the mmap lock before the translation lock.
 *
 * Self-modifying code: a page that holds translated code is write-protected
 * with page_protect(); a guest write to it faults, the SIGSEGV handler calls
 * page_unprotect(), which calls tb_invalidate_guest_page() (accel/tcg) and
 * makes the page writable again, and the write is restarted.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EXEC_GUEST_MEMORY_H
#define EXEC_GUEST_MEMORY_H

#include <stdbool.h>
#include <stdint.h>

#define TARGET_PAGE_BITS  12
#define TARGET_PAGE_SIZE  ((uint64_t)1 << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK  (~(TARGET_PAGE_SIZE - 1))
#define TARGET_PAGE_ALIGN(addr) \
    (((uint64_t)(addr) + TARGET_PAGE_SIZE - 1) & TARGET_PAGE_MASK)

/* Host address of guest address 0.  Defined in linux-user/mmap.c. */
extern uintptr_t guest_base;
/* Guest addresses are valid below this bound (the size of the reservation). */
extern uint64_t guest_space_size;

/* Guest address -> host pointer.  No checks: callers validate first. */
static inline void *g2h(uint64_t addr)
{
    return (void *)(guest_base + (uintptr_t)addr);
}

/* Host pointer inside the reservation -> guest address. */
static inline uint64_t h2g(const void *ptr)
{
    return (uint64_t)((uintptr_t)ptr - guest_base);
}

/* True when @ptr lies inside the guest reservation. */
static inline bool h2g_valid(const void *ptr)
{
    return (uintptr_t)ptr - guest_base < guest_space_size;
}

/* Page flags. */
#define PAGE_READ       0x0001  /* guest may read */
#define PAGE_WRITE      0x0002  /* guest may write (now) */
#define PAGE_EXEC       0x0004  /* guest may execute */
#define PAGE_VALID      0x0008  /* page is mapped */
#define PAGE_WRITE_ORG  0x0010  /* originally writable; write-protected
                                   because it holds translated code */
#define PAGE_ANON       0x0020  /* anonymous mapping */
#define PAGE_RWX        (PAGE_READ | PAGE_WRITE | PAGE_EXEC)

/* The mmap lock: held by everything that changes mappings or page flags,
   and by the translator around translation (recursive). */
void mmap_lock(void);
void mmap_unlock(void);

/* The flag table for a guest space of @size bytes (all pages unmapped). */
void page_table_init(uint64_t size);
void page_table_cleanup(void);
bool page_table_ready(void);

/*
 * Set the flags of every page in [start, end) (end exclusive, both rounded
 * out to pages).  flags without PAGE_VALID marks the pages unmapped.
 * When PAGE_WRITE is set, PAGE_WRITE_ORG is set too.
 */
void page_set_flags(uint64_t start, uint64_t end, int flags);
/* The same with the mmap lock held. */
void page_set_flags_locked(uint64_t start, uint64_t end, int flags);
/* Flags of the page holding @addr (0 when unmapped or outside the space). */
int page_get_flags(uint64_t addr);
/* If the 256 MiB chunk holding @addr has one flags value for all its
   pages, return it and set *@next to the chunk's end; else -1.  Lets
   scans step over whole chunks. */
int page_uniform_chunk(uint64_t addr, uint64_t *next);
/* Does every page of [addr, end) satisfy @ok(flags, @arg)? */
bool page_range_all(uint64_t addr, uint64_t end, bool (*ok)(int, int),
                    int arg);
/* Predicates for page_range_all: mapped with all of @want; unmapped; not
   a write-protected page holding translated code. */
bool page_flags_allow(int f, int want);
bool page_flags_unmapped(int f, int unused);
bool page_flags_not_protected_code(int f, int unused);
/* Host protection (PROT_*) for guest page flags. */
int page_host_prot(int flags);
/* [start, end) is about to be unmapped, replaced or lose PAGE_EXEC: drop
   the translations made from it.  mmap lock held. */
void page_invalidate_code_locked(uint64_t start, uint64_t end);
/* mprotect [start, end) to @flags (flags, host protection, translated
   code kept write-protected).  mmap lock held; 0 or -errno. */
int page_set_prot_locked(uint64_t start, uint64_t end, int flags);

/* [addr, addr + len) lies inside the guest space (mapped or not). */
bool guest_range_valid(uint64_t addr, uint64_t len);
/* Every page of [addr, addr + len) is mapped and has all of @flags
   (PAGE_WRITE is satisfied by PAGE_WRITE_ORG: the page will be unprotected
   on the first write).  len == 0 is always true. */
bool page_check_range(uint64_t addr, uint64_t len, int flags);

/* Write-protect the page holding @addr because translated code was made
   from it.  No-op when it is not writable. */
void page_protect(uint64_t addr);
/*
 * Called from the SIGSEGV handler for a write fault at guest @addr.
 * Returns 1 when the page was write-protected by page_protect(): its
 * translations were invalidated (tb_invalidate_guest_page) and it is
 * writable again, so the faulting write can be restarted.  Returns 0 when
 * the fault is a real guest fault.  @host_pc is the faulting host pc (for
 * the invalidation to know whether the current TB was hit).
 */
int page_unprotect(uint64_t addr, uintptr_t host_pc);

/* accel/tcg/tb-maint.c: drop every translation made from the guest page
   starting at @guest_page. */
void tb_invalidate_guest_page(uint64_t guest_page);

#endif
