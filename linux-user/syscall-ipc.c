/*
 * System V IPC: message queues (msgget, msgsnd, msgrcv, msgctl),
 * semaphores (semget, semop, semtimedop, semctl) and shared memory
 * (shmget, shmat, shmdt, shmctl), the e2k kernel's separate calls
 * (270-281); the ipc() multiplexer (117) is not implemented (-ENOSYS).
 *
 * Layouts: struct msgbuf (a 64-bit mtype, then the text), struct sembuf
 * (6 bytes), and the 64-bit msqid64_ds/semid64_ds/shmid64_ds with their
 * ipc64_perm are asm-generic's on e2k and the same on x86-64; they pass
 * through as bytes once lock_user has checked them.  semctl's argument
 * is a value (SETVAL) or a guest pointer (the array of GETALL/SETALL,
 * the *_ds of IPC_STAT/IPC_SET...).
 *
 * shmat maps the segment into the guest space: at the guest's address
 * (SHM_RND rounds it down to SHMLBA, the page size) or at a free range
 * the allocator picks, over the reservation (SHM_REMAP), and the pages
 * get the guest flags of a read-write (or SHM_RDONLY read-only) mapping;
 * shmdt gives the range back to the reservation.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <time.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu.h"
#include "syscall-internal.h"
#include "e2k/syscall_nr.h"
#include "e2k/target_structs.h"

#define TARGET_IPC_DS_MAX       128     /* the largest *id64_ds: 120 */
#define TARGET_SEMOPM           500
#define TARGET_MSGMAX_ANY       ((uint64_t)1 << 24)

/* Attached segments: guest address -> size, for shmdt. */
static GHashTable *shm_regions;
G_LOCK_DEFINE_STATIC(shm_regions);

static int64_t errno_or(long r)
{
    return r < 0 ? -errno : r;
}

/* IPC_STAT-style commands write a *_ds; IPC_SET reads one; IPC_INFO and
   the *_INFO commands write an info struct (at most 128 bytes too). */
static void *lock_ds(int cmd, uint64_t addr)
{
    switch (cmd & 0xff) {
    case IPC_RMID:
        return NULL;
    case IPC_SET:
        return lock_user(addr, TARGET_IPC_DS_MAX, PAGE_READ);
    default:
        return lock_user(addr, TARGET_IPC_DS_MAX, PAGE_WRITE);
    }
}

static int64_t do_semctl(int id, int num, int cmd, uint64_t arg)
{
    struct semid_ds ds;
    void *p;

    switch (cmd & 0xff) {
    case GETVAL: case GETPID: case GETNCNT: case GETZCNT: case IPC_RMID:
        return errno_or(semctl(id, num, cmd));
    case SETVAL:
        return errno_or(semctl(id, num, cmd, (int)arg));
    case GETALL:
    case SETALL:
        /* the array has one u16 per semaphore: ask the set's size */
        if (semctl(id, 0, IPC_STAT, &ds) < 0) {
            return -errno;
        }
        p = lock_user(arg, 2 * (uint64_t)ds.sem_nsems,
                      (cmd & 0xff) == GETALL ? PAGE_WRITE : PAGE_READ);
        if (!p && ds.sem_nsems) {
            return -EFAULT;
        }
        return errno_or(semctl(id, num, cmd, p));
    default:
        p = lock_ds(cmd, arg);
        if (!p) {
            return -EFAULT;
        }
        return errno_or(semctl(id, num, cmd, p));
    }
}

static int64_t do_shmat(int id, uint64_t addr, int flags)
{
    struct shmid_ds ds;
    uint64_t size;
    int64_t at;
    void *h;

    if (shmctl(id, IPC_STAT, &ds) < 0) {
        return -errno;
    }
    size = TARGET_PAGE_ALIGN(ds.shm_segsz);
    if (addr) {
        if (flags & SHM_RND) {
            addr &= TARGET_PAGE_MASK;
        }
        if (addr & (TARGET_PAGE_SIZE - 1)) {
            return -EINVAL;
        }
        if (!guest_range_valid(addr, size)) {
            return -EINVAL;
        }
        at = addr;
        if (!(flags & SHM_REMAP)) {
            for (uint64_t a = addr; a < addr + size; a += TARGET_PAGE_SIZE) {
                if (page_get_flags(a) & PAGE_VALID) {
                    return -EINVAL;
                }
            }
        }
    } else {
        at = guest_find_free(GUEST_MMAP_BASE, size);
        if (at < 0) {
            return -ENOMEM;
        }
    }
    h = shmat(id, g2h(at), (flags & (SHM_RDONLY | SHM_EXEC)) | SHM_REMAP);
    if (h == (void *)-1) {
        return -errno;
    }
    G_LOCK(shm_regions);
    if (!shm_regions) {
        shm_regions = g_hash_table_new_full(g_int64_hash, g_int64_equal,
                                            g_free, NULL);
    }
    {
        int64_t *key = g_new(int64_t, 1);
        *key = at;
        g_hash_table_replace(shm_regions, key, GUINT_TO_POINTER(size));
    }
    G_UNLOCK(shm_regions);
    page_set_flags(at, at + size, PAGE_VALID | PAGE_READ |
                   ((flags & SHM_RDONLY) ? 0 : PAGE_WRITE) |
                   ((flags & SHM_EXEC) ? PAGE_EXEC : 0));
    return at;
}

static int64_t do_shmdt(uint64_t addr)
{
    int64_t key = addr;
    gpointer size = NULL;
    bool found;

    G_LOCK(shm_regions);
    found = shm_regions &&
            g_hash_table_lookup_extended(shm_regions, &key, NULL, &size);
    if (found) {
        g_hash_table_remove(shm_regions, &key);
    }
    G_UNLOCK(shm_regions);
    if (!found) {
        return -EINVAL;     /* no segment attached there, as the kernel */
    }
    if (shmdt(g2h(addr)) < 0) {
        return -errno;
    }
    /* back to the reservation, as munmap leaves it */
    return target_munmap(addr, GPOINTER_TO_SIZE(size));
}

int64_t do_ipc_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                       uint64_t a4, uint64_t a5, uint64_t a6)
{
    void *p;

    switch (nr) {
    case TARGET_NR_msgget:
        return errno_or(msgget((key_t)a1, (int)a2));
    case TARGET_NR_msgsnd:
        if (a3 > TARGET_MSGMAX_ANY) {
            return -EINVAL;
        }
        p = lock_user(a2, 8 + a3, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        return errno_or(msgsnd((int)a1, p, a3, (int)a4));
    case TARGET_NR_msgrcv:
        if (a3 > TARGET_MSGMAX_ANY) {
            return -EINVAL;
        }
        p = lock_user(a2, 8 + a3, PAGE_WRITE);
        if (!p) {
            return -EFAULT;
        }
        return errno_or(msgrcv((int)a1, p, a3, (long)a4, (int)a5));
    case TARGET_NR_msgctl:
        p = lock_ds((int)a2, a3);
        if (!p && ((int)a2 & 0xff) != IPC_RMID) {
            return -EFAULT;
        }
        return errno_or(msgctl((int)a1, (int)a2, p));
    case TARGET_NR_semget:
        return errno_or(semget((key_t)a1, (int)a2, (int)a3));
    case TARGET_NR_semop:
    case TARGET_NR_semtimedop: {
        struct timespec ts, *tsp = NULL;
        if (a3 > TARGET_SEMOPM) {
            return -E2BIG;
        }
        p = lock_user(a2, 6 * a3, PAGE_READ);
        if (!p && a3) {
            return -EFAULT;
        }
        if (nr == TARGET_NR_semtimedop && a4) {
            const uint8_t *t = lock_user(a4, TARGET_TIMESPEC_SIZEOF,
                                         PAGE_READ);
            if (!t) {
                return -EFAULT;
            }
            ts.tv_sec = ldq_le_p(t);
            ts.tv_nsec = ldq_le_p(t + 8);
            tsp = &ts;
        }
        return errno_or(semtimedop((int)a1, p, a3, tsp));
    }
    case TARGET_NR_semctl:
        return do_semctl((int)a1, (int)a2, (int)a3, a4);
    case TARGET_NR_shmget:
        return errno_or(shmget((key_t)a1, a2, (int)a3));
    case TARGET_NR_shmat:
        return do_shmat((int)a1, a2, (int)a3);
    case TARGET_NR_shmdt:
        return do_shmdt(a1);
    case TARGET_NR_shmctl:
        p = lock_ds((int)a2, a3);
        if (!p && ((int)a2 & 0xff) != IPC_RMID) {
            return -EFAULT;
        }
        return errno_or(shmctl((int)a1, (int)a2, p));
    default:
        return -ENOSYS;
    }
}
