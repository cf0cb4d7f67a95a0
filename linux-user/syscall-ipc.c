/*
 * POSIX message queues (mq_open, mq_unlink, mq_timedsend,
 * mq_timedreceive, mq_notify, mq_getsetattr: struct mq_attr is eight
 * 64-bit words on both sides, struct sigevent converted as in
 * syscall-time.c) and
 * System V IPC: message queues (msgget, msgsnd, msgrcv, msgctl),
 * semaphores (semget, semop, semtimedop, semctl) and shared memory
 * (shmget, shmat, shmdt, shmctl), the e2k kernel's separate calls
 * (270-281), and the ipc() multiplexer (117) the e2k table also has, whose
 * call numbers are the kernel's (linux/ipc.h, ipc/syscall.c ksys_ipc):
 * the call in the low 16 bits, an ABI version above (version 0 of
 * MSGRCV passes { msgp, msgtyp } through @ptr; SHMAT stores the address
 * at *@third, and its version 1 is EINVAL, as the kernel).
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
 * The waits (mq_timedsend/receive, msgsnd/msgrcv, semop/semtimedop) are
 * host calls through safe_syscall6, so a guest signal interrupts them
 * exactly; the kernel never restarts the System V ones after a handler
 * (cpu_loop.c), the message queue ones with SA_RESTART.
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
#include <sys/syscall.h>
#include <signal.h>
#include <unistd.h>
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

#define TARGET_MQ_ATTR_SIZEOF   64

static int get_timespec_opt(uint64_t addr, struct timespec *ts,
                            struct timespec **tsp)
{
    const uint8_t *t;

    *tsp = NULL;
    if (!addr) {
        return 0;
    }
    t = lock_user(addr, TARGET_TIMESPEC_SIZEOF, PAGE_READ);
    if (!t) {
        return -EFAULT;
    }
    ts->tv_sec = ldq_le_p(t);
    ts->tv_nsec = ldq_le_p(t + 8);
    *tsp = ts;
    return 0;
}

static int64_t do_mq(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                     uint64_t a4, uint64_t a5)
{
    char name[256];
    struct timespec ts, *tsp;
    uint8_t *attr, *old, *buf;
    int r;

    switch (nr) {
    case TARGET_NR_mq_open:
    case TARGET_NR_mq_unlink:
        r = target_get_path(a1, name, sizeof(name));
        if (r < 0) {
            return r;
        }
        if (nr == TARGET_NR_mq_unlink) {
            return errno_or(syscall(SYS_mq_unlink, name));
        }
        attr = a4 ? lock_user(a4, TARGET_MQ_ATTR_SIZEOF, PAGE_READ) : NULL;
        if (a4 && !attr) {
            return -EFAULT;
        }
        return errno_or(syscall(SYS_mq_open, name, (int)a2, (mode_t)a3,
                                attr));
    case TARGET_NR_mq_timedsend:
    case TARGET_NR_mq_timedreceive:
        buf = lock_user(a2, a3, nr == TARGET_NR_mq_timedsend ? PAGE_READ
                                                             : PAGE_WRITE);
        if (!buf && a3) {
            return -EFAULT;
        }
        if ((r = get_timespec_opt(a5, &ts, &tsp)) < 0) {
            return r;
        }
        if (nr == TARGET_NR_mq_timedsend) {
            return safe_syscall6(SYS_mq_timedsend, (int)a1, (long)buf,
                                 (long)a3, (unsigned)a4, (long)tsp, 0);
        } else {
            unsigned prio = 0;
            uint8_t *pp = a4 ? lock_user(a4, 4, PAGE_WRITE) : NULL;
            long n;
            if (a4 && !pp) {
                return -EFAULT;
            }
            n = safe_syscall6(SYS_mq_timedreceive, (int)a1, (long)buf,
                              (long)a3, (long)&prio, (long)tsp, 0);
            if (n >= 0 && pp) {
                stl_le_p(pp, prio);
            }
            return n;
        }
    case TARGET_NR_mq_notify:
        if (a2) {
            /* a notification delivers a host signal or starts nothing:
               SIGEV_NONE and SIGEV_SIGNAL only */
            const uint8_t *p = lock_user(a2, 64, PAGE_READ);
            struct sigevent sev;
            if (!p) {
                return -EFAULT;
            }
            memset(&sev, 0, sizeof(sev));
            sev.sigev_value.sival_ptr = (void *)(uintptr_t)ldq_le_p(p);
            sev.sigev_signo = (int32_t)ldl_le_p(p + 8);
            sev.sigev_notify = (int32_t)ldl_le_p(p + 12);
            if (sev.sigev_notify != SIGEV_NONE &&
                sev.sigev_notify != SIGEV_SIGNAL) {
                return -EINVAL;
            }
            return errno_or(syscall(SYS_mq_notify, (int)a1, &sev));
        }
        return errno_or(syscall(SYS_mq_notify, (int)a1, NULL));
    default: /* mq_getsetattr(fd, new, old) */
        attr = a2 ? lock_user(a2, TARGET_MQ_ATTR_SIZEOF, PAGE_READ) : NULL;
        old = a3 ? lock_user(a3, TARGET_MQ_ATTR_SIZEOF, PAGE_WRITE) : NULL;
        if ((a2 && !attr) || (a3 && !old)) {
            return -EFAULT;
        }
        return errno_or(syscall(SYS_mq_getsetattr, (int)a1, attr, old));
    }
}

/* The System V waits are never restarted after a handler, also through
   ipc() (cpu_loop.c knows the separate calls by number). */
static int64_t ipc_wait_result(int64_t r)
{
    if (r == -EINTR) {
        syscall_set_eintr_final();
    }
    return r;
}

/* ipc(call, first, second, third, ptr, fifth) as the separate calls. */
static int64_t do_ipc_multiplexer(uint32_t call, int64_t first, int64_t second,
                                  int64_t third, uint64_t ptr, int64_t fifth)
{
    int version = call >> 16;
    const uint8_t *k;
    uint8_t *out;
    int64_t r;

    switch (call & 0xffff) {
    case 1:     /* SEMOP */
        return ipc_wait_result(do_ipc_syscall(TARGET_NR_semtimedop, first,
                                              ptr, second, 0, 0, 0));
    case 4:     /* SEMTIMEDOP */
        return ipc_wait_result(do_ipc_syscall(TARGET_NR_semtimedop, first,
                                              ptr, second, fifth, 0, 0));
    case 2:     /* SEMGET */
        return do_ipc_syscall(TARGET_NR_semget, first, second, third, 0, 0,
                              0);
    case 3:     /* SEMCTL: the argument is the word at ptr */
        if (!ptr) {
            return -EINVAL;
        }
        k = lock_user(ptr, 8, PAGE_READ);
        if (!k) {
            return -EFAULT;
        }
        return do_semctl((int)first, (int)second, (int)third, ldq_le_p(k));
    case 11:    /* MSGSND */
        return ipc_wait_result(do_ipc_syscall(TARGET_NR_msgsnd, first, ptr,
                                              second, third, 0, 0));
    case 12:    /* MSGRCV */
        if (version == 0) {
            if (!ptr) {
                return -EINVAL;
            }
            k = lock_user(ptr, 16, PAGE_READ);      /* struct ipc_kludge */
            if (!k) {
                return -EFAULT;
            }
            return ipc_wait_result(do_ipc_syscall(TARGET_NR_msgrcv, first,
                                                  ldq_le_p(k), second,
                                                  ldq_le_p(k + 8), third, 0));
        }
        return ipc_wait_result(do_ipc_syscall(TARGET_NR_msgrcv, first, ptr,
                                              second, fifth, third, 0));
    case 13:    /* MSGGET */
        return do_ipc_syscall(TARGET_NR_msgget, first, second, 0, 0, 0, 0);
    case 14:    /* MSGCTL */
        return do_ipc_syscall(TARGET_NR_msgctl, first, second, ptr, 0, 0, 0);
    case 21:    /* SHMAT */
        if (version == 1) {
            return -EINVAL;
        }
        r = do_shmat((int)first, ptr, (int)second);
        if (r < 0 && r >= -4095) {
            return r;
        }
        out = lock_user(third, 8, PAGE_WRITE);
        if (!out) {
            return -EFAULT;
        }
        stq_le_p(out, r);
        return 0;
    case 22:    /* SHMDT */
        return do_shmdt(ptr);
    case 23:    /* SHMGET */
        return do_ipc_syscall(TARGET_NR_shmget, first, second, third, 0, 0,
                              0);
    case 24:    /* SHMCTL */
        return do_ipc_syscall(TARGET_NR_shmctl, first, second, ptr, 0, 0, 0);
    default:
        return -ENOSYS;
    }
}

int64_t do_ipc_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                       uint64_t a4, uint64_t a5, uint64_t a6)
{
    void *p;

    switch (nr) {
    case TARGET_NR_ipc:
        return do_ipc_multiplexer((uint32_t)a1, (int64_t)a2, (int64_t)a3,
                                  (int64_t)a4, a5, (int64_t)a6);
    case TARGET_NR_mq_open:
    case TARGET_NR_mq_unlink:
    case TARGET_NR_mq_timedsend:
    case TARGET_NR_mq_timedreceive:
    case TARGET_NR_mq_notify:
    case TARGET_NR_mq_getsetattr:
        return do_mq(nr, a1, a2, a3, a4, a5);
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
        return safe_syscall6(SYS_msgsnd, (int)a1, (long)p, (long)a3, (int)a4,
                             0, 0);
    case TARGET_NR_msgrcv:
        if (a3 > TARGET_MSGMAX_ANY) {
            return -EINVAL;
        }
        p = lock_user(a2, 8 + a3, PAGE_WRITE);
        if (!p) {
            return -EFAULT;
        }
        return safe_syscall6(SYS_msgrcv, (int)a1, (long)p, (long)a3,
                             (long)a4, (int)a5, 0);
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
        return safe_syscall6(SYS_semtimedop, (int)a1, (long)p, (long)a3,
                             (long)tsp, 0, 0);
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
