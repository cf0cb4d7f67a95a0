/*
 * linux-user/syscall-compat.c through do_syscall() with a fake CPU: the
 * older and administrative calls of e2k's 64-bit table (the 32-bit-id
 * aliases, waitpid, nice, the old-sigset calls, _llseek, mmap2, ipc,
 * rt_tgsigqueueinfo, preadv2/pwritev2, adjtimex/clock_adjtime, file
 * handles, syslog, reboot), each with its result checked and its error
 * paths (EFAULT on an unmapped guest pointer, the kernel's EINVALs).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu/log.h"
#include "qemu.h"
#include "e2k/syscall_nr.h"
#include "e2k/target_structs.h"
#include "fake-cpu.h"

#define RW  (TARGET_PROT_READ | TARGET_PROT_WRITE)
#define ANON (TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS)
#define BAD ((uint64_t)0x10)

static CPUE2KState *env;
static uint64_t mem;        /* 16 guest pages for arguments */
static char *tmpdir;

static int64_t sys_arr(int nr, const uint64_t *a)
{
    return do_syscall(env, nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}
#define SYS(nr, ...) \
    sys_arr(nr, (const uint64_t[]){ __VA_ARGS__, 0, 0, 0, 0, 0, 0 })

static uint64_t tmp_path(uint64_t addr, const char *name)
{
    g_autofree char *p = g_build_filename(tmpdir, name, NULL);

    memcpy(g2h(addr), p, strlen(p) + 1);
    return addr;
}

/* lchown32 ... setfsgid32 are the plain calls. */
static void test_aliases(void)
{
    uint64_t r = mem, e = mem + 8, s = mem + 16;

    g_assert_cmpint(SYS(TARGET_NR_getuid32, 0), ==, getuid());
    g_assert_cmpint(SYS(TARGET_NR_geteuid32, 0), ==, geteuid());
    g_assert_cmpint(SYS(TARGET_NR_getgid32, 0), ==, getgid());
    g_assert_cmpint(SYS(TARGET_NR_getegid32, 0), ==, getegid());
    g_assert_cmpint(SYS(TARGET_NR_getresuid32, r, e, s), ==, 0);
    g_assert_cmpint(ldl_le_p(g2h(e)), ==, geteuid());
    g_assert_cmpint(SYS(TARGET_NR_getresuid32, BAD, e, s), ==, -EFAULT);
    /* setfsuid returns the old fsuid: unchanged by -1 */
    g_assert_cmpint(SYS(TARGET_NR_setfsuid32, (uint64_t)-1), ==, geteuid());
    g_assert_cmpint(SYS(TARGET_NR_chown32, BAD, 0, 0), ==, -EFAULT);
}

/* waitpid is wait4 without rusage; nice is the kernel's (0, not the new
   value); the old-sigset calls use one 64-bit word. */
static void test_proc(void)
{
    uint64_t st = mem + 64, set = mem + 72, old = mem + 80;
    int prio = getpriority(PRIO_PROCESS, 0);
    pid_t pid = fork();

    if (pid == 0) {
        _exit(3);
    }
    g_assert_cmpint(pid, >, 0);
    g_assert_cmpint(SYS(TARGET_NR_waitpid, pid, st, 0), ==, pid);
    g_assert_cmpint(ldl_le_p(g2h(st)), ==, 3 << 8);
    g_assert_cmpint(SYS(TARGET_NR_waitpid, pid, st, 0), ==, -ECHILD);

    if (prio < 19) {
        g_assert_cmpint(SYS(TARGET_NR_nice, 1), ==, 0);
        g_assert_cmpint(getpriority(PRIO_PROCESS, 0), ==, prio + 1);
        setpriority(PRIO_PROCESS, 0, prio);
    }
    g_assert_cmpint(SYS(TARGET_NR_nice, 0), ==, 0);

    /* ssetmask returns the old mask; SIGKILL cannot be blocked */
    g_assert_cmpint(SYS(TARGET_NR_ssetmask, 0x2000 | (1 << (SIGKILL - 1))),
                    ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_sgetmask, 0), ==, 0x2000);
    stq_le_p(g2h(set), 1 << (SIGUSR2 - 1));
    g_assert_cmpint(SYS(TARGET_NR_sigprocmask, SIG_BLOCK, set, old), ==, 0);
    g_assert_cmpint(ldq_le_p(g2h(old)), ==, 0x2000);
    g_assert_cmpint(SYS(TARGET_NR_sgetmask, 0), ==,
                    0x2000 | (1 << (SIGUSR2 - 1)));
    g_assert_cmpint(SYS(TARGET_NR_sigprocmask, 9, set, old), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_sigprocmask, SIG_BLOCK, BAD, 0), ==,
                    -EFAULT);
    /* a blocked SIGUSR2 sent to ourselves: pending, then taken */
    g_assert_cmpint(kill(getpid(), SIGUSR2), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_sigpending, set), ==, 0);
    g_assert_cmpint(ldq_le_p(g2h(set)) & (1 << (SIGUSR2 - 1)), !=, 0);
    g_assert_cmpint(SYS(TARGET_NR_sigpending, BAD), ==, -EFAULT);
    stq_le_p(g2h(set), 1 << (SIGUSR2 - 1));
    g_assert_cmpint(SYS(TARGET_NR_rt_sigtimedwait, set, 0, 0, 8), ==,
                    SIGUSR2);
    g_assert_cmpint(SYS(TARGET_NR_ssetmask, 0), ==,
                    0x2000 | (1 << (SIGUSR2 - 1)));
}

/* rt_tgsigqueueinfo to this thread: the siginfo's code and value come
   through. */
static void test_tgsigqueueinfo(void)
{
    uint64_t info = mem + 256, set = mem + 72, got = mem + 512;
    uint8_t *p = g2h(info);

    stq_le_p(g2h(set), 1 << (SIGUSR1 - 1));
    g_assert_cmpint(SYS(TARGET_NR_rt_sigprocmask, SIG_BLOCK, set, 0, 8), ==,
                    0);
    memset(p, 0, TARGET_SIGINFO_SIZE);
    stl_le_p(p + 8, (uint32_t)-1);                  /* SI_QUEUE */
    stl_le_p(p + 16, getpid());
    stq_le_p(p + 24, 0x1234);                       /* si_value */
    g_assert_cmpint(SYS(TARGET_NR_rt_tgsigqueueinfo, getpid(),
                        syscall(SYS_gettid), SIGUSR1, info), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigtimedwait, set, got, 0, 8), ==,
                    SIGUSR1);
    g_assert_cmpint((int32_t)ldl_le_p(g2h(got + 8)), ==, -1);
    g_assert_cmpint(ldq_le_p(g2h(got + 24)), ==, 0x1234);
    g_assert_cmpint(SYS(TARGET_NR_rt_tgsigqueueinfo, getpid(),
                        syscall(SYS_gettid), SIGUSR1, BAD), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_rt_tgsigqueueinfo, getpid(),
                        syscall(SYS_gettid), 0, info), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigprocmask, SIG_UNBLOCK, set, 0, 8),
                    ==, 0);
}

/* _llseek, mmap2, preadv2/pwritev2 on a file of 8 KiB. */
static void test_files(void)
{
    uint64_t path = tmp_path(mem + 1024, "compat"), res = mem + 64;
    uint64_t iov = mem + 128, buf = mem + 2048;
    int64_t fd, a;

    fd = SYS(TARGET_NR_openat, AT_FDCWD, path, O_RDWR | O_CREAT, 0600);
    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(ftruncate(fd, 8192), ==, 0);
    g_assert_cmpint(pwrite(fd, "page2", 5, 4096), ==, 5);

    g_assert_cmpint(SYS(TARGET_NR__llseek, fd, 0, 5, res, SEEK_SET), ==, 0);
    g_assert_cmpint(ldq_le_p(g2h(res)), ==, 5);
    g_assert_cmpint(SYS(TARGET_NR__llseek, fd, 1, 2, res, SEEK_SET), ==, 0);
    g_assert_cmpint(ldq_le_p(g2h(res)), ==, 0x100000002ull);
    g_assert_cmpint(SYS(TARGET_NR__llseek, fd, 0, 0, res, 99), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR__llseek, fd, 0, 0, BAD, SEEK_SET), ==,
                    -EFAULT);

    /* mmap2's offset counts 4096-byte units */
    a = SYS(TARGET_NR_mmap2, 0, 4096, TARGET_PROT_READ, TARGET_MAP_PRIVATE,
            fd, 1);
    g_assert_cmpint(a, >, 0);
    g_assert_cmpmem(g2h(a), 5, "page2", 5);
    g_assert_cmpint(SYS(TARGET_NR_munmap, a, 4096), ==, 0);

    /* pwritev2 at 10, preadv2 at -1 (the file position) */
    memcpy(g2h(buf), "abc", 3);
    stq_le_p(g2h(iov), buf);
    stq_le_p(g2h(iov + 8), 3);
    g_assert_cmpint(SYS(TARGET_NR_pwritev2, fd, iov, 1, 10, 0, 0), ==, 3);
    g_assert_cmpint(lseek(fd, 10, SEEK_SET), ==, 10);
    memset(g2h(buf), 0, 3);
    g_assert_cmpint(SYS(TARGET_NR_preadv2, fd, iov, 1, (uint64_t)-1, 0, 0),
                    ==, 3);
    g_assert_cmpmem(g2h(buf), 3, "abc", 3);
    g_assert_cmpint(lseek(fd, 0, SEEK_CUR), ==, 13);
    g_assert_cmpint(SYS(TARGET_NR_preadv2, fd, iov, 1, 0, 0, 0x7ff00000),
                    ==, -EOPNOTSUPP);
    g_assert_cmpint(SYS(TARGET_NR_preadv2, fd, BAD, 1, 0, 0, 0), ==,
                    -EFAULT);
    close(fd);
}

/* ipc(): every call of the multiplexer as the separate call does it. */
static void test_ipc(void)
{
    uint64_t arg = mem + 64, msg = mem + 1024, kludge = mem + 128;
    uint64_t sop = mem + 192, at = mem + 200;
    int64_t id, addr;

    /* SEMGET, SEMCTL (SETVAL, GETVAL through the word at ptr), SEMOP */
    id = SYS(TARGET_NR_ipc, 2, IPC_PRIVATE, 1, IPC_CREAT | 0600);
    g_assert_cmpint(id, >=, 0);
    stq_le_p(g2h(arg), 2);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 3, id, 0, SETVAL, arg), ==, 0);
    stw_le_p(g2h(sop), 0);
    stw_le_p(g2h(sop + 2), (uint16_t)-1);
    stw_le_p(g2h(sop + 4), 0);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 1, id, 1, 0, sop), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 3, id, 0, GETVAL, arg), ==, 1);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 3, id, 0, GETVAL, 0), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 3, id, 0, GETVAL, BAD), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 3, id, 0, IPC_RMID, arg), ==, 0);

    /* MSGGET, MSGSND, MSGRCV (version 0: { msgp, msgtyp } at ptr;
       version 1: msgp = ptr, msgtyp = fifth), MSGCTL */
    id = SYS(TARGET_NR_ipc, 13, IPC_PRIVATE, IPC_CREAT | 0600);
    g_assert_cmpint(id, >=, 0);
    stq_le_p(g2h(msg), 7);
    memcpy(g2h(msg + 8), "hi", 2);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 11, id, 2, 0, msg), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 11, id, 2, 0, msg), ==, 0);
    memset(g2h(msg), 0, 16);
    stq_le_p(g2h(kludge), msg);
    stq_le_p(g2h(kludge + 8), 7);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 12, id, 8, IPC_NOWAIT, kludge), ==, 2);
    g_assert_cmpint(ldq_le_p(g2h(msg)), ==, 7);
    g_assert_cmpmem(g2h(msg + 8), 2, "hi", 2);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 12 | 1 << 16, id, 8, IPC_NOWAIT, msg,
                        7), ==, 2);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 12 | 1 << 16, id, 8, IPC_NOWAIT, msg,
                        7), ==, -ENOMSG);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 12, id, 8, IPC_NOWAIT, BAD), ==,
                    -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 14, id, IPC_RMID, 0), ==, 0);

    /* SHMGET, SHMAT (the address stored at *third), SHMDT, SHMCTL */
    id = SYS(TARGET_NR_ipc, 23, IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    g_assert_cmpint(id, >=, 0);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 21, id, 0, at, 0), ==, 0);
    addr = ldq_le_p(g2h(at));
    g_assert_cmpint(addr, >, 0);
    stl_le_p(g2h(addr), 0x5a5a);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 21 | 1 << 16, id, 0, at, 0), ==,
                    -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 22, 0, 0, 0, addr), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_ipc, 24, id, IPC_RMID, 0, 0), ==, 0);

    g_assert_cmpint(SYS(TARGET_NR_ipc, 99, 0, 0, 0, 0), ==, -ENOSYS);
}

/* struct timex passes through: tick (at 88) is 1000000 / USER_HZ. */
static void test_time(void)
{
    uint64_t tx = mem + 4096;

    memset(g2h(tx), 0xee, 208);
    stl_le_p(g2h(tx), 0);                           /* modes: read only */
    g_assert_cmpint(SYS(TARGET_NR_adjtimex, tx), >=, 0);
    g_assert_cmpint(ldq_le_p(g2h(tx + 88)), ==, 10000);
    memset(g2h(tx), 0xee, 208);
    stl_le_p(g2h(tx), 0);
    g_assert_cmpint(SYS(TARGET_NR_clock_adjtime, CLOCK_REALTIME, tx), >=, 0);
    g_assert_cmpint(ldq_le_p(g2h(tx + 88)), ==, 10000);
    g_assert_cmpint(SYS(TARGET_NR_adjtimex, BAD), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_stime, BAD), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_settimeofday, BAD, 0), ==, -EFAULT);
}

/* The administrative calls reach the host, which checks them. */
static void test_admin(void)
{
    uint64_t path = tmp_path(mem + 1024, "handle"), h = mem + 2048;
    uint64_t mid = mem + 64;
    int64_t r;
    int fd = open((char *)g2h(path), O_RDWR | O_CREAT, 0600);

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    /* a file handle of at most 128 bytes; EOVERFLOW tells the size */
    stl_le_p(g2h(h), 0);
    r = SYS(TARGET_NR_name_to_handle_at, AT_FDCWD, path, h, mid, 0);
    if (r != -EOPNOTSUPP) {
        g_assert_cmpint(r, ==, -EOVERFLOW);
        g_assert_cmpint(ldl_le_p(g2h(h)), >, 0);
        g_assert_cmpint(SYS(TARGET_NR_name_to_handle_at, AT_FDCWD, path, h,
                            mid, 0), ==, 0);
    }
    stl_le_p(g2h(h), 129);
    g_assert_cmpint(SYS(TARGET_NR_name_to_handle_at, AT_FDCWD, path, h, mid,
                        0), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_name_to_handle_at, AT_FDCWD, path, BAD,
                        mid, 0), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_open_by_handle_at, AT_FDCWD, BAD, 0), ==,
                    -EFAULT);

    /* syslog's buffer size query, and a bad buffer for a read */
    r = SYS(TARGET_NR_syslog, 10, 0, 0);
    g_assert_true(r > 0 || r == -EPERM);
    g_assert_cmpint(SYS(TARGET_NR_syslog, 3, BAD, 64), ==, -EFAULT);
    /* reboot without the magic numbers is refused (EINVAL or EPERM) */
    r = SYS(TARGET_NR_reboot, 0, 0, 0, 0);
    g_assert_true(r == -EINVAL || r == -EPERM);
    g_assert_cmpint(SYS(TARGET_NR_swapoff, BAD), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_pivot_root, BAD, BAD), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_acct, BAD), ==, -EFAULT);
}

/* -strace: the new formats, a golden log (pid and addresses filled in). */
static void test_strace(void)
{
    g_autofree char *logpath = g_build_filename(tmpdir, "strace.log", NULL);
    g_autofree char *text = NULL, *want = NULL;
    uint64_t res = mem + 64, lk = mem + 128;
    int fds[2];
    int pid = getpid();

    g_assert_cmpint(pipe(fds), ==, 0);
    memset(g2h(lk), 0, 32);
    stw_le_p(g2h(lk), F_UNLCK);
    g_assert_true(qemu_set_log_filename(logpath, &error_abort));
    do_strace = true;
    SYS(TARGET_NR_fcntl, fds[0], F_GETFD);
    SYS(TARGET_NR_fcntl, fds[0], F_SETFL, O_NONBLOCK);
    SYS(TARGET_NR_fcntl, fds[0], F_SETLKW, lk);
    SYS(TARGET_NR_fcntl, fds[0], 12345, 7);
    SYS(TARGET_NR_getuid32, 0);
    SYS(TARGET_NR__llseek, fds[0], 0, 5, res, SEEK_CUR);
    SYS(TARGET_NR_sigprocmask, SIG_BLOCK, 0, res);
    SYS(TARGET_NR_waitpid, -1, 0, 1);
    SYS(TARGET_NR_ipc, 99, 1, 2, 3, 0, 5);
    SYS(TARGET_NR_nice, 0);
    do_strace = false;
    qemu_log_flush();
    g_assert_true(qemu_set_log_filename(NULL, &error_abort));
    g_assert_true(g_file_get_contents(logpath, &text, NULL, NULL));
    want = g_strdup_printf(
        "%d fcntl(%d,F_GETFD) = 0\n"
        "%d fcntl(%d,F_SETFL,O_RDONLY|O_NONBLOCK) = 0\n"
        "%d fcntl(%d,F_SETLKW,0x%016" PRIx64 ") = 0\n"
        "%d fcntl(%d,12345,7) = -1 errno=22 (Invalid argument)\n"
        "%d getuid32() = %d\n"
        "%d _llseek(%d,0,5,0x%016" PRIx64 ",SEEK_CUR) = -1 errno=29 "
        "(Illegal seek)\n"
        "%d sigprocmask(SIG_BLOCK,NULL,0x%016" PRIx64 ") = 0\n"
        "%d waitpid(-1,NULL,0x1) = -1 errno=10 (No child processes)\n"
        "%d ipc(99,1,2,3) = -1 errno=38 (Function not implemented)\n"
        "%d nice(0) = 0\n",
        pid, fds[0], pid, fds[0], pid, fds[0], lk, pid, fds[0], pid,
        (int)getuid(), pid, fds[0], res, pid, res, pid, pid, pid);
    g_assert_cmpstr(text, ==, want);
    close(fds[0]);
    close(fds[1]);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    if (!guest_memory_init(GUEST_SPACE_DEFAULT_SIZE, 0, &error_abort)) {
        return 1;
    }
    signal_init();
    env = g_new0(CPUE2KState, 1);
    thread_cpu = env;
    mem = target_mmap(0, 16 * TARGET_PAGE_SIZE, RW, ANON, -1, 0);
    tmpdir = g_dir_make_tmp("e2k-compat-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    g_test_add_func("/e2k/sys-compat/aliases", test_aliases);
    g_test_add_func("/e2k/sys-compat/proc", test_proc);
    g_test_add_func("/e2k/sys-compat/tgsigqueueinfo", test_tgsigqueueinfo);
    g_test_add_func("/e2k/sys-compat/files", test_files);
    g_test_add_func("/e2k/sys-compat/ipc", test_ipc);
    g_test_add_func("/e2k/sys-compat/time", test_time);
    g_test_add_func("/e2k/sys-compat/admin", test_admin);
    g_test_add_func("/e2k/sys-compat/strace", test_strace);
    ret = g_test_run();
    {
        g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", tmpdir);
        if (system(cmd) != 0) {
            ret = ret ? ret : 1;
        }
    }
    return ret;
}
