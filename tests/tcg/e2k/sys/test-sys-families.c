/*
 * The system call families of syscall-poll.c, syscall-file.c and
 * syscall-net.c driven
 * through do_syscall() with a fake CPU: for each, a call that works and
 * its result checked field by field in the e2k layout, the errors the
 * kernel gives (bad descriptors, bad flags) and EFAULT for a pointer into
 * unmapped guest memory; the whole e2k table names every number and an
 * unimplemented one is -ENOSYS with its `-d unimp' line.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/mman.h>
#include <dirent.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "qemu/bswap.h"
#include "qemu/log.h"
#include "qemu.h"
#include "e2k/syscall_nr.h"
#include "e2k/target_structs.h"
#include "fake-cpu.h"

#define RW  (TARGET_PROT_READ | TARGET_PROT_WRITE)
#define ANON (TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS)
/* A guest address with nothing mapped: EFAULT. */
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

static uint64_t put_str(uint64_t addr, const char *s)
{
    memcpy(g2h(addr), s, strlen(s) + 1);
    return addr;
}

static uint64_t tmp_path(uint64_t addr, const char *name)
{
    g_autofree char *p = g_build_filename(tmpdir, name, NULL);
    return put_str(addr, p);
}

static void test_poll(void)
{
    int fds[2];
    uint64_t pfd = mem;

    g_assert_cmpint(pipe(fds), ==, 0);
    /* nothing to read yet: poll times out */
    stl_le_p(g2h(pfd), fds[0]);
    stw_le_p(g2h(pfd + 4), POLLIN);
    stw_le_p(g2h(pfd + 6), 0x7777);
    g_assert_cmpint(SYS(TARGET_NR_poll, pfd, 1, 0), ==, 0);
    g_assert_cmpuint(lduw_le_p(g2h(pfd + 6)), ==, 0);
    g_assert_cmpint(write(fds[1], "x", 1), ==, 1);
    g_assert_cmpint(SYS(TARGET_NR_poll, pfd, 1, 1000), ==, 1);
    g_assert_cmpuint(lduw_le_p(g2h(pfd + 6)), ==, POLLIN);
    /* ppoll with a zero timespec and a guest mask */
    stq_le_p(g2h(mem + 64), 0);
    stq_le_p(g2h(mem + 72), 0);
    stq_le_p(g2h(mem + 80), 0);
    g_assert_cmpint(SYS(TARGET_NR_ppoll, pfd, 1, mem + 64, mem + 80, 8), ==,
                    1);
    g_assert_cmpint(SYS(TARGET_NR_ppoll, pfd, 1, mem + 64, mem + 80, 4), ==,
                    -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_poll, BAD, 1, 0), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_ppoll, pfd, 1, BAD, 0, 8), ==, -EFAULT);

    /* pselect6: fd_set bits as 64-bit little-endian words */
    memset(g2h(mem + 128), 0, 128);
    stq_le_p(g2h(mem + 128), (uint64_t)1 << fds[0]);
    g_assert_cmpint(SYS(TARGET_NR_pselect6, fds[0] + 1, mem + 128, 0, 0,
                        mem + 64, 0), ==, 1);
    g_assert_cmpuint(ldq_le_p(g2h(mem + 128)), ==, (uint64_t)1 << fds[0]);
    g_assert_cmpint(SYS(TARGET_NR__newselect, fds[0] + 1, BAD, 0, 0, 0),
                    ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR__newselect, -1, 0, 0, 0, 0), ==, -EINVAL);
    close(fds[0]);
    close(fds[1]);
}

static void test_epoll(void)
{
    int fds[2];
    int64_t ep = SYS(TARGET_NR_epoll_create1, 0);
    uint64_t ev = mem + 256, out = mem + 512;

    g_assert_cmpint(ep, >=, 0);
    g_assert_cmpint(pipe(fds), ==, 0);
    /* e2k's struct epoll_event: 16 bytes, the data at offset 8 */
    stl_le_p(g2h(ev), EPOLLIN);
    stl_le_p(g2h(ev + 4), 0xdeadbeef);
    stq_le_p(g2h(ev + 8), 0x1122334455667788ull);
    g_assert_cmpint(SYS(TARGET_NR_epoll_ctl, ep, EPOLL_CTL_ADD, fds[0], ev),
                    ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_epoll_ctl, ep, EPOLL_CTL_ADD, fds[0], ev),
                    ==, -EEXIST);
    g_assert_cmpint(SYS(TARGET_NR_epoll_ctl, ep, EPOLL_CTL_MOD, fds[0], BAD),
                    ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_epoll_wait, ep, out, 4, 0), ==, 0);
    g_assert_cmpint(write(fds[1], "y", 1), ==, 1);
    memset(g2h(out), 0xff, 64);
    g_assert_cmpint(SYS(TARGET_NR_epoll_wait, ep, out, 4, 1000), ==, 1);
    g_assert_cmpuint(ldl_le_p(g2h(out)), ==, EPOLLIN);
    g_assert_cmpuint(ldl_le_p(g2h(out + 4)), ==, 0);
    g_assert_cmpuint(ldq_le_p(g2h(out + 8)), ==, 0x1122334455667788ull);
    g_assert_cmpint(SYS(TARGET_NR_epoll_pwait, ep, out, 4, 0, mem + 80, 8),
                    ==, 1);
    g_assert_cmpint(SYS(TARGET_NR_epoll_wait, ep, BAD, 4, 0), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_epoll_wait, ep, out, 0, 0), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_epoll_create, 0), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_epoll_ctl, ep, EPOLL_CTL_DEL, fds[0], 0),
                    ==, 0);
    close(ep);
    close(fds[0]);
    close(fds[1]);
}

static void test_eventfd_timerfd(void)
{
    int64_t efd = SYS(TARGET_NR_eventfd2, 5, 0), tfd;
    uint64_t its = mem + 1024, old = mem + 1088;
    uint8_t b[8];

    g_assert_cmpint(efd, >=, 0);
    g_assert_cmpint(read(efd, b, 8), ==, 8);
    g_assert_cmpuint(ldq_le_p(b), ==, 5);
    close(efd);
    g_assert_cmpint(SYS(TARGET_NR_eventfd2, 0, 0x7fffffff), ==, -EINVAL);

    tfd = SYS(TARGET_NR_timerfd_create, CLOCK_MONOTONIC, 0);
    g_assert_cmpint(tfd, >=, 0);
    /* interval 0, value 100 s: gettime reports it counting down */
    memset(g2h(its), 0, 32);
    stq_le_p(g2h(its + 16), 100);
    g_assert_cmpint(SYS(TARGET_NR_timerfd_settime, tfd, 0, its, old), ==, 0);
    g_assert_cmpuint(ldq_le_p(g2h(old + 16)), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_timerfd_gettime, tfd, old), ==, 0);
    g_assert_cmpuint(ldq_le_p(g2h(old)), ==, 0);
    g_assert_cmpuint(ldq_le_p(g2h(old + 16)), <=, 100);
    g_assert_cmpuint(ldq_le_p(g2h(old + 16)), >=, 98);
    g_assert_cmpint(SYS(TARGET_NR_timerfd_settime, tfd, 0, BAD, 0), ==,
                    -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_timerfd_gettime, tfd, BAD), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_timerfd_gettime, 999, old), ==, -EBADF);
    close(tfd);
}

static void test_statx_statfs(void)
{
    uint64_t path = tmp_path(mem + 2048, "f"), buf = mem + 4096;
    struct stat st;
    int fd = open((char *)g2h(path), O_CREAT | O_WRONLY, 0640);

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(write(fd, "hello", 5), ==, 5);
    close(fd);
    g_assert_cmpint(stat((char *)g2h(path), &st), ==, 0);
    /* struct statx: stx_mask u32 @0, stx_mode u16 @28, stx_ino @32,
       stx_size @40 */
    g_assert_cmpint(SYS(TARGET_NR_statx, -100, path, 0, 0xfff, buf), ==, 0);
    g_assert_cmpuint(lduw_le_p(g2h(buf + 28)), ==, st.st_mode);
    g_assert_cmpuint(ldq_le_p(g2h(buf + 32)), ==, st.st_ino);
    g_assert_cmpuint(ldq_le_p(g2h(buf + 40)), ==, 5);
    g_assert_cmpint(SYS(TARGET_NR_statx, -100, path, 0, 0xfff, BAD), ==,
                    -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_statx, -100, BAD, 0, 0xfff, buf), ==,
                    -EFAULT);
    /* statfs: f_bsize @8, f_namelen @64 */
    g_assert_cmpint(SYS(TARGET_NR_statfs, path, buf), ==, 0);
    g_assert_cmpuint(ldq_le_p(g2h(buf + 8)), >, 0);
    g_assert_cmpuint(ldq_le_p(g2h(buf + 64)), >=, 14);
    g_assert_cmpint(SYS(TARGET_NR_statfs64, path, 120, buf), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_statfs64, path, 84, buf), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_fstatfs, 999, buf), ==, -EBADF);
    g_assert_cmpint(SYS(TARGET_NR_statfs, path, BAD), ==, -EFAULT);
}

static void test_file_ops(void)
{
    uint64_t f = tmp_path(mem + 2048, "f");
    uint64_t g = tmp_path(mem + 3072, "g");
    uint64_t l = tmp_path(mem + 5120, "l");
    uint64_t buf = mem + 6144;
    struct stat st;
    int64_t fd, fd2;

    g_assert_cmpint(SYS(TARGET_NR_chmod, f, 0600), ==, 0);
    g_assert_cmpint(stat((char *)g2h(f), &st), ==, 0);
    g_assert_cmpuint(st.st_mode & 0777, ==, 0600);
    g_assert_cmpint(SYS(TARGET_NR_fchmodat, -100, f, 0644), ==, 0);
    g_assert_cmpint(stat((char *)g2h(f), &st), ==, 0);
    g_assert_cmpuint(st.st_mode & 0777, ==, 0644);
    g_assert_cmpint(SYS(TARGET_NR_chown, f, getuid(), getgid()), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_chmod, BAD, 0600), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_link, f, g), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_link, f, g), ==, -EEXIST);
    g_assert_cmpint(SYS(TARGET_NR_symlink, f, l), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_readlink, l, buf, 4096), ==,
                    strlen((char *)g2h(f)));
    g_assert_cmpint(SYS(TARGET_NR_renameat2, -100, g, -100, l,
                        1 /* RENAME_NOREPLACE */), ==, -EEXIST);
    unlink((char *)g2h(g));
    unlink((char *)g2h(l));
    /* utimensat: times[1] (mtime) = 1000000 s */
    memset(g2h(buf), 0, 32);
    stq_le_p(g2h(buf), 5);
    stq_le_p(g2h(buf + 16), 1000000);
    g_assert_cmpint(SYS(TARGET_NR_utimensat, -100, f, buf, 0), ==, 0);
    g_assert_cmpint(stat((char *)g2h(f), &st), ==, 0);
    g_assert_cmpint(st.st_mtime, ==, 1000000);
    g_assert_cmpint(st.st_atime, ==, 5);
    g_assert_cmpint(SYS(TARGET_NR_utimensat, -100, f, BAD, 0), ==, -EFAULT);
    /* utime: two seconds values; utimes: two timevals (usec < 1e6) */
    stq_le_p(g2h(buf), 7);
    stq_le_p(g2h(buf + 8), 2000000);
    g_assert_cmpint(SYS(TARGET_NR_utime, f, buf), ==, 0);
    g_assert_cmpint(stat((char *)g2h(f), &st), ==, 0);
    g_assert_cmpint(st.st_mtime, ==, 2000000);
    g_assert_cmpint(st.st_atime, ==, 7);
    memset(g2h(buf), 0, 32);
    stq_le_p(g2h(buf + 16), 3000000);
    stq_le_p(g2h(buf + 24), 500000);
    g_assert_cmpint(SYS(TARGET_NR_utimes, f, buf), ==, 0);
    g_assert_cmpint(stat((char *)g2h(f), &st), ==, 0);
    g_assert_cmpint(st.st_mtime, ==, 3000000);
    g_assert_cmpint(st.st_mtim.tv_nsec, ==, 500000000);
    stq_le_p(g2h(buf + 24), 1000000);
    g_assert_cmpint(SYS(TARGET_NR_futimesat, -100, f, buf), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_utime, f, BAD), ==, -EFAULT);

    /* sendfile with an offset pointer, copy_file_range, fallocate */
    fd = open((char *)g2h(f), O_RDONLY);
    fd2 = open((char *)g2h(g), O_CREAT | O_RDWR, 0600);
    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(fd2, >=, 0);
    stq_le_p(g2h(buf), 1);
    g_assert_cmpint(SYS(TARGET_NR_sendfile, fd2, fd, buf, 3), ==, 3);
    g_assert_cmpuint(ldq_le_p(g2h(buf)), ==, 4);
    g_assert_cmpint(SYS(TARGET_NR_sendfile, fd2, fd, BAD, 3), ==, -EFAULT);
    stq_le_p(g2h(buf), 0);
    stq_le_p(g2h(buf + 8), 3);
    g_assert_cmpint(SYS(TARGET_NR_copy_file_range, fd, buf, fd2, buf + 8, 2,
                        0), ==, 2);
    g_assert_cmpuint(ldq_le_p(g2h(buf)), ==, 2);
    g_assert_cmpuint(ldq_le_p(g2h(buf + 8)), ==, 5);
    {
        char got[8] = { 0 };
        g_assert_cmpint(pread(fd2, got, 8, 0), ==, 5);
        g_assert_cmpstr(got, ==, "ellhe");
    }
    /* splice from the file (offset pointer advanced) into a pipe, tee
       it into a second pipe */
    {
        int p1[2], p2[2];
        char got[8] = { 0 };
        g_assert_cmpint(pipe(p1), ==, 0);
        g_assert_cmpint(pipe(p2), ==, 0);
        stq_le_p(g2h(buf), 1);
        g_assert_cmpint(SYS(TARGET_NR_splice, fd, buf, p1[1], 0, 3, 0), ==,
                        3);
        g_assert_cmpuint(ldq_le_p(g2h(buf)), ==, 4);
        g_assert_cmpint(SYS(TARGET_NR_tee, p1[0], p2[1], 3, 0), ==, 3);
        g_assert_cmpint(read(p2[0], got, 8), ==, 3);
        g_assert_cmpstr(got, ==, "ell");
        g_assert_cmpint(SYS(TARGET_NR_splice, fd, BAD, p1[1], 0, 3, 0), ==,
                        -EFAULT);
        /* vmsplice two guest buffers into the pipe */
        put_str(buf + 256, "vm");
        put_str(buf + 320, "sp");
        stq_le_p(g2h(buf + 128), buf + 256);
        stq_le_p(g2h(buf + 136), 2);
        stq_le_p(g2h(buf + 144), buf + 320);
        stq_le_p(g2h(buf + 152), 2);
        g_assert_cmpint(SYS(TARGET_NR_vmsplice, p2[1], buf + 128, 2, 0), ==,
                        4);
        memset(got, 0, sizeof(got));
        g_assert_cmpint(read(p2[0], got, 8), ==, 4);
        g_assert_cmpstr(got, ==, "vmsp");
        stq_le_p(g2h(buf + 144), BAD);
        g_assert_cmpint(SYS(TARGET_NR_vmsplice, p2[1], buf + 128, 2, 0), ==,
                        -EFAULT);
        close(p1[0]);
        close(p1[1]);
        close(p2[0]);
        close(p2[1]);
    }
    g_assert_cmpint(SYS(TARGET_NR_fallocate, fd2, 0, 0, 8192), ==, 0);
    g_assert_cmpint(fstat(fd2, &st), ==, 0);
    g_assert_cmpint(st.st_size, ==, 8192);
    g_assert_cmpint(SYS(TARGET_NR_flock, fd2, LOCK_EX), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_flock, 999, LOCK_EX), ==, -EBADF);
    /* preadv: two guest buffers */
    stq_le_p(g2h(buf), buf + 64);
    stq_le_p(g2h(buf + 8), 2);
    stq_le_p(g2h(buf + 16), buf + 128);
    stq_le_p(g2h(buf + 24), 3);
    g_assert_cmpint(SYS(TARGET_NR_preadv, fd, buf, 2, 0), ==, 5);
    g_assert_cmpmem(g2h(buf + 64), 2, "he", 2);
    g_assert_cmpmem(g2h(buf + 128), 3, "llo", 3);
    stq_le_p(g2h(buf + 16), BAD);
    g_assert_cmpint(SYS(TARGET_NR_preadv, fd, buf, 2, 0), ==, -EFAULT);
    close(fd);
    close(fd2);
    unlink((char *)g2h(g));

    /* getdents (the old form): our file's name in a record */
    {
        int dfd = open(tmpdir, O_RDONLY | O_DIRECTORY);
        int64_t n = SYS(TARGET_NR_getdents, dfd, buf, 4096);
        bool seen = false;
        g_assert_cmpint(n, >, 0);
        for (int64_t o = 0; o < n;) {
            uint16_t reclen = lduw_le_p(g2h(buf + o + 16));
            if (!strcmp((char *)g2h(buf + o + 18), "f")) {
                seen = true;
                g_assert_cmpuint(((uint8_t *)g2h(buf + o))[reclen - 1], ==,
                                 DT_REG);
            }
            o += reclen;
        }
        g_assert_true(seen);
        g_assert_cmpint(SYS(TARGET_NR_getdents, dfd, BAD, 4096), ==,
                        -EFAULT);
        close(dfd);
    }
    /* xattrs where the file system has them (user.* in tmpfs/ext4) */
    put_str(buf, "user.e2k");
    fd = SYS(TARGET_NR_setxattr, f, buf, buf + 64, 0, 0);
    if (fd == 0) {
        memcpy(g2h(buf + 64), "v1", 2);
        g_assert_cmpint(SYS(TARGET_NR_setxattr, f, buf, buf + 64, 2, 0), ==,
                        0);
        g_assert_cmpint(SYS(TARGET_NR_getxattr, f, buf, buf + 256, 16), ==,
                        2);
        g_assert_cmpmem(g2h(buf + 256), 2, "v1", 2);
        g_assert_cmpint(SYS(TARGET_NR_listxattr, f, buf + 256, 64), >, 0);
        g_assert_cmpint(SYS(TARGET_NR_getxattr, f, buf, BAD, 16), ==,
                        -EFAULT);
        g_assert_cmpint(SYS(TARGET_NR_removexattr, f, buf), ==, 0);
        g_assert_cmpint(SYS(TARGET_NR_getxattr, f, buf, buf + 256, 16), ==,
                        -ENODATA);
    } else {
        g_assert_cmpint(fd, ==, -EOPNOTSUPP);
    }
}

static void test_mem_misc(void)
{
    int64_t a = SYS(TARGET_NR_mmap, 0, 2 * TARGET_PAGE_SIZE, RW, ANON, -1, 0);
    uint64_t vec = mem + 8192;
    int64_t fd;

    g_assert_cmpint(a, >, 0);
    ((uint8_t *)g2h(a))[0] = 1;
    g_assert_cmpint(SYS(TARGET_NR_mincore, a, 2 * TARGET_PAGE_SIZE, vec), ==,
                    0);
    g_assert_cmpuint(((uint8_t *)g2h(vec))[0] & 1, ==, 1);
    g_assert_cmpint(SYS(TARGET_NR_mincore, a + 1, 4096, vec), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_mincore, a, 4096, BAD), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_munmap, a + TARGET_PAGE_SIZE,
                        TARGET_PAGE_SIZE), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_mincore, a, 2 * TARGET_PAGE_SIZE, vec), ==,
                    -ENOMEM);
    g_assert_cmpint(SYS(TARGET_NR_msync, a, TARGET_PAGE_SIZE, MS_SYNC), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_msync, a, 2 * TARGET_PAGE_SIZE, MS_SYNC),
                    ==, -ENOMEM);
    g_assert_cmpint(SYS(TARGET_NR_munlock, a, TARGET_PAGE_SIZE), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_mlock, a + TARGET_PAGE_SIZE, 1), ==,
                    -ENOMEM);

    /* getrandom fills the buffer; memfd_create gives a descriptor */
    memset(g2h(vec), 0, 64);
    g_assert_cmpint(SYS(TARGET_NR_getrandom, vec, 64, 0), ==, 64);
    g_assert_false(memcmp(g2h(vec), (uint8_t[64]){ 0 }, 64) == 0);
    g_assert_cmpint(SYS(TARGET_NR_getrandom, BAD, 64, 0), ==, -EFAULT);
    fd = SYS(TARGET_NR_memfd_create, put_str(vec, "e2k-memfd"), 0);
    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(write(fd, "abc", 3), ==, 3);
    close(fd);
    g_assert_cmpint(SYS(TARGET_NR_memfd_create, BAD, 0), ==, -EFAULT);
    SYS(TARGET_NR_munmap, a, TARGET_PAGE_SIZE);
}


static void test_sockets(void)
{
    uint64_t sv = mem + 12288, buf = mem + 12352, hdr = mem + 12800;
    uint64_t iov = mem + 12900, ctl = mem + 13000, sa = mem + 13200;
    uint64_t len = mem + 13400;
    int64_t a, b, s, c;
    int pfd[2];

    /* socketpair: two descriptors as two 32-bit words */
    g_assert_cmpint(SYS(TARGET_NR_socketpair, AF_UNIX, SOCK_STREAM, 0, sv),
                    ==, 0);
    a = (int32_t)ldl_le_p(g2h(sv));
    b = (int32_t)ldl_le_p(g2h(sv + 4));
    g_assert_cmpint(a, >=, 0);
    g_assert_cmpint(b, >=, 0);
    g_assert_cmpint(SYS(TARGET_NR_socketpair, AF_UNIX, SOCK_STREAM, 0, BAD),
                    ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_sendto, a, put_str(buf, "ping"), 4, 0, 0,
                        0), ==, 4);
    memset(g2h(buf), 0, 8);
    g_assert_cmpint(SYS(TARGET_NR_recvfrom, b, buf, 8, 0, 0, 0), ==, 4);
    g_assert_cmpstr((char *)g2h(buf), ==, "ping");
    g_assert_cmpint(SYS(TARGET_NR_recvfrom, b, BAD, 8, MSG_DONTWAIT, 0, 0),
                    ==, -EFAULT);

    /* sendmsg with two iovecs and an SCM_RIGHTS descriptor; recvmsg
       scatters the bytes and gets a new descriptor for the pipe */
    g_assert_cmpint(pipe(pfd), ==, 0);
    put_str(buf, "abcdef");
    stq_le_p(g2h(iov), buf);
    stq_le_p(g2h(iov + 8), 2);
    stq_le_p(g2h(iov + 16), buf + 2);
    stq_le_p(g2h(iov + 24), 4);
    memset(g2h(ctl), 0, 24);
    stq_le_p(g2h(ctl), 20);                 /* CMSG_LEN(4) */
    stl_le_p(g2h(ctl + 8), SOL_SOCKET);
    stl_le_p(g2h(ctl + 12), SCM_RIGHTS);
    stl_le_p(g2h(ctl + 16), pfd[0]);
    memset(g2h(hdr), 0, 56);
    stq_le_p(g2h(hdr + 16), iov);
    stq_le_p(g2h(hdr + 24), 2);
    stq_le_p(g2h(hdr + 32), ctl);
    stq_le_p(g2h(hdr + 40), 24);
    g_assert_cmpint(SYS(TARGET_NR_sendmsg, a, hdr, 0), ==, 6);
    memset(g2h(buf), 0, 16);
    memset(g2h(ctl), 0, 64);
    stq_le_p(g2h(iov + 8), 3);
    stq_le_p(g2h(iov + 16), buf + 8);
    stq_le_p(g2h(iov + 24), 8);
    stq_le_p(g2h(hdr + 40), 64);
    g_assert_cmpint(SYS(TARGET_NR_recvmsg, b, hdr, 0), ==, 6);
    g_assert_cmpmem(g2h(buf), 3, "abc", 3);
    g_assert_cmpmem(g2h(buf + 8), 3, "def", 3);
    g_assert_cmpuint(ldq_le_p(g2h(hdr + 40)), ==, 24);  /* msg_controllen */
    g_assert_cmpuint(ldq_le_p(g2h(ctl)), ==, 20);
    g_assert_cmpint(ldl_le_p(g2h(ctl + 12)), ==, SCM_RIGHTS);
    c = (int32_t)ldl_le_p(g2h(ctl + 16));
    g_assert_cmpint(c, >=, 0);
    g_assert_cmpint(write(pfd[1], "Z", 1), ==, 1);
    {
        char z = 0;
        g_assert_cmpint(read(c, &z, 1), ==, 1);
        g_assert_cmpint(z, ==, 'Z');
    }
    close(c);
    close(pfd[0]);
    close(pfd[1]);
    stq_le_p(g2h(iov), BAD);
    g_assert_cmpint(SYS(TARGET_NR_sendmsg, a, hdr, 0), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_recvmsg, b, BAD, 0), ==, -EFAULT);

    /* socketcall(SYS_SEND / SYS_RECV): arguments as 64-bit words */
    put_str(buf, "sc");
    stq_le_p(g2h(sa), a);
    stq_le_p(g2h(sa + 8), buf);
    stq_le_p(g2h(sa + 16), 2);
    stq_le_p(g2h(sa + 24), 0);
    g_assert_cmpint(SYS(TARGET_NR_socketcall, 9, sa), ==, 2);
    stq_le_p(g2h(sa), b);
    stq_le_p(g2h(sa + 8), buf + 16);
    stq_le_p(g2h(sa + 16), 8);
    g_assert_cmpint(SYS(TARGET_NR_socketcall, 10, sa), ==, 2);
    g_assert_cmpmem(g2h(buf + 16), 2, "sc", 2);
    g_assert_cmpint(SYS(TARGET_NR_socketcall, 99, sa), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_socketcall, 1, BAD), ==, -EFAULT);
    close(a);
    close(b);

    /* a TCP listener on the loopback: bind, getsockname, connect, accept,
       socket options */
    s = SYS(TARGET_NR_socket, AF_INET, SOCK_STREAM, 0);
    g_assert_cmpint(s, >=, 0);
    stl_le_p(g2h(buf), 1);
    g_assert_cmpint(SYS(TARGET_NR_setsockopt, s, SOL_SOCKET, SO_REUSEADDR,
                        buf, 4), ==, 0);
    stl_le_p(g2h(len), 4);
    stl_le_p(g2h(buf), 0);
    g_assert_cmpint(SYS(TARGET_NR_getsockopt, s, SOL_SOCKET, SO_REUSEADDR,
                        buf, len), ==, 0);
    g_assert_cmpuint(ldl_le_p(g2h(buf)), ==, 1);
    g_assert_cmpint(SYS(TARGET_NR_getsockopt, s, SOL_SOCKET, SO_REUSEADDR,
                        buf, BAD), ==, -EFAULT);
    memset(g2h(sa), 0, 16);
    stw_le_p(g2h(sa), AF_INET);
    stl_be_p(g2h(sa + 4), 0x7f000001);
    g_assert_cmpint(SYS(TARGET_NR_bind, s, sa, 16), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_listen, s, 1), ==, 0);
    stl_le_p(g2h(len), 16);
    g_assert_cmpint(SYS(TARGET_NR_getsockname, s, sa, len), ==, 0);
    g_assert_cmpuint(ldl_le_p(g2h(len)), ==, 16);
    g_assert_cmpuint(lduw_be_p(g2h(sa + 2)), !=, 0);      /* the port */
    c = SYS(TARGET_NR_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    g_assert_cmpint(SYS(TARGET_NR_connect, c, sa, 16), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_connect, c, BAD, 16), ==, -EFAULT);
    stl_le_p(g2h(len), 16);
    a = SYS(TARGET_NR_accept4, s, sa + 64, len, SOCK_CLOEXEC);
    g_assert_cmpint(a, >=, 0);
    g_assert_cmpuint(lduw_le_p(g2h(sa + 64)), ==, AF_INET);
    g_assert_cmpuint(ldl_be_p(g2h(sa + 68)), ==, 0x7f000001);
    g_assert_cmpint(fcntl(a, F_GETFD) & FD_CLOEXEC, ==, FD_CLOEXEC);
    stl_le_p(g2h(len), 16);
    g_assert_cmpint(SYS(TARGET_NR_getpeername, a, sa + 128, len), ==, 0);
    g_assert_cmpuint(lduw_le_p(g2h(sa + 128)), ==, AF_INET);
    g_assert_cmpint(SYS(TARGET_NR_shutdown, c, SHUT_WR), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_recvfrom, a, buf, 8, 0, 0, 0), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_shutdown, 999, SHUT_WR), ==, -EBADF);
    g_assert_cmpint(SYS(TARGET_NR_bind, s, sa, 1000), ==, -EINVAL);
    close(a);
    close(c);
    close(s);
}


static void test_proc_attrs(void)
{
    uint64_t b = mem + 14336;
    uid_t r, e, s;
    gid_t gr, ge, gs;
    int64_t pid, n;

    g_assert_cmpint(getresuid(&r, &e, &s), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_getresuid, b, b + 4, b + 8), ==, 0);
    g_assert_cmpuint(ldl_le_p(g2h(b)), ==, r);
    g_assert_cmpuint(ldl_le_p(g2h(b + 4)), ==, e);
    g_assert_cmpuint(ldl_le_p(g2h(b + 8)), ==, s);
    g_assert_cmpint(SYS(TARGET_NR_getresuid, b, BAD, b + 8), ==, -EFAULT);
    g_assert_cmpint(getresgid(&gr, &ge, &gs), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_getresgid, b, b + 4, b + 8), ==, 0);
    g_assert_cmpuint(ldl_le_p(g2h(b + 4)), ==, ge);
    /* setting the ids one has is allowed to anyone */
    g_assert_cmpint(SYS(TARGET_NR_setresuid, -1, e, -1), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_setgid, ge), ==, 0);
    n = SYS(TARGET_NR_getgroups, 0, 0);
    g_assert_cmpint(n, ==, getgroups(0, NULL));
    if (n > 0) {
        g_assert_cmpint(SYS(TARGET_NR_getgroups, n, b), ==, n);
        g_assert_cmpint(SYS(TARGET_NR_getgroups, n, BAD), ==, -EFAULT);
    }
    g_assert_cmpint(SYS(TARGET_NR_getgroups, -1, b), ==, -EINVAL);

    /* prctl: the thread name round trip, truncated to 15 bytes */
    g_assert_cmpint(SYS(TARGET_NR_prctl, PR_SET_NAME,
                        put_str(b, "e2k-name-longer-than-16")), ==, 0);
    memset(g2h(b + 64), 0x55, 16);
    g_assert_cmpint(SYS(TARGET_NR_prctl, PR_GET_NAME, b + 64), ==, 0);
    g_assert_cmpstr((char *)g2h(b + 64), ==, "e2k-name-longer");
    g_assert_cmpint(SYS(TARGET_NR_prctl, PR_GET_NAME, BAD), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_prctl, PR_SET_PDEATHSIG, SIGUSR1), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_prctl, PR_GET_PDEATHSIG, b), ==, 0);
    g_assert_cmpuint(ldl_le_p(g2h(b)), ==, SIGUSR1);
    g_assert_cmpint(SYS(TARGET_NR_prctl, PR_SET_PDEATHSIG, 0), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_prctl, PR_GET_DUMPABLE), >=, 0);
    g_assert_cmpint(SYS(TARGET_NR_prctl, PR_SET_SECCOMP, 2, 0), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_prctl, 0x7777), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_unshare, 0), ==, 0);
    /* membarrier's query answers; ioprio; sched_getattr's 48 bytes */
    g_assert_cmpint(SYS(TARGET_NR_membarrier, 0, 0, 0), >=, 0);
    g_assert_cmpint(SYS(TARGET_NR_ioprio_get, 1, 0), >=, 0);
    memset(g2h(b), 0xee, 64);
    g_assert_cmpint(SYS(TARGET_NR_sched_getattr, 0, b, 48, 0), ==, 0);
    g_assert_cmpuint(ldl_le_p(g2h(b)), ==, 48);             /* size */
    g_assert_cmpuint(ldl_le_p(g2h(b + 4)), ==, SCHED_OTHER);  /* policy */
    g_assert_cmpint(SYS(TARGET_NR_sched_getattr, 0, BAD, 48, 0), ==,
                    -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_sched_getattr, 0, b, 8, 0), ==, -EINVAL);
    /* pidfd: signal 0 to ourselves checks the descriptor */
    {
        int64_t pfd = SYS(TARGET_NR_pidfd_open, getpid(), 0);
        if (pfd != -ENOSYS) {
            g_assert_cmpint(pfd, >=, 0);
            g_assert_cmpint(SYS(TARGET_NR_pidfd_send_signal, pfd, 0, 0, 0),
                            ==, 0);
            g_assert_cmpint(SYS(TARGET_NR_pidfd_send_signal, pfd, 0, BAD,
                                0), ==, -EFAULT);
            close(pfd);
        }
    }
    /* mount: the path arguments are checked (nothing is mounted) */
    g_assert_cmpint(SYS(TARGET_NR_mount, 0, BAD, 0, 0, 0), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_umount2, BAD, 0), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_setns, 999, 0), ==, -EBADF);

    /* personality: recorded and reported, 0xffffffff queries */
    g_assert_cmpint(SYS(TARGET_NR_personality, 0xffffffff), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_personality, 0x0040000), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_personality, 0xffffffff), ==, 0x0040000);
    g_assert_cmpint(SYS(TARGET_NR_personality, 0), ==, 0x0040000);

    /* scheduling */
    g_assert_cmpint(SYS(TARGET_NR_sched_getscheduler, 0), ==, SCHED_OTHER);
    g_assert_cmpint(SYS(TARGET_NR_sched_get_priority_max, SCHED_FIFO), ==,
                    sched_get_priority_max(SCHED_FIFO));
    g_assert_cmpint(SYS(TARGET_NR_sched_getparam, 0, b), ==, 0);
    g_assert_cmpuint(ldl_le_p(g2h(b)), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_sched_getparam, 0, BAD), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_sched_rr_get_interval, 0, b), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_getpriority, PRIO_PROCESS, 0), ==,
                    20 - getpriority(PRIO_PROCESS, 0));
    g_assert_cmpint(SYS(TARGET_NR_getcpu, b, b + 4, 0), ==, 0);
    g_assert_cmpuint(ldl_le_p(g2h(b)), <, 4096);
    g_assert_cmpint(SYS(TARGET_NR_getcpu, BAD, 0, 0), ==, -EFAULT);

    /* waitid: a child that exits 7, siginfo in the e2k layout */
    pid = fork();
    if (pid == 0) {
        _exit(7);
    }
    g_assert_cmpint(pid, >, 0);
    memset(g2h(b), 0xee, 128);
    g_assert_cmpint(SYS(TARGET_NR_waitid, P_PID, pid, b, WEXITED,
                        b + 256), ==, 0);
    g_assert_cmpint(ldl_le_p(g2h(b)), ==, SIGCHLD);         /* si_signo */
    g_assert_cmpint(ldl_le_p(g2h(b + 8)), ==, CLD_EXITED);  /* si_code */
    g_assert_cmpint(ldl_le_p(g2h(b + 16)), ==, pid);        /* si_pid */
    g_assert_cmpint(ldl_le_p(g2h(b + 24)), ==, 7);          /* si_status */
    g_assert_cmpint(SYS(TARGET_NR_waitid, P_PID, pid, b, WEXITED, 0), ==,
                    -ECHILD);
    /* as the kernel: the wait comes first (no child: ECHILD, not
       EFAULT), a bad siginfo is EFAULT once the child is reaped */
    g_assert_cmpint(SYS(TARGET_NR_waitid, P_ALL, 0, BAD, WEXITED, 0), ==,
                    -ECHILD);
    pid = fork();
    if (pid == 0) {
        _exit(7);
    }
    g_assert_cmpint(pid, >, 0);
    g_assert_cmpint(SYS(TARGET_NR_waitid, P_PID, pid, BAD, WEXITED, 0), ==,
                    -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_waitid, P_PID, pid, b, WEXITED, 0), ==,
                    -ECHILD);
}



static void test_inotify_timers(void)
{
    uint64_t b = mem + 0x3000;
    uint64_t dir = put_str(mem + 0x3800, tmpdir);
    int64_t in = SYS(TARGET_NR_inotify_init1, IN_NONBLOCK), wd, tid;
    g_autofree char *f = g_build_filename(tmpdir, "watched", NULL);
    uint8_t ev[256];
    struct timespec t0, t1;

    g_assert_cmpint(in, >=, 0);
    wd = SYS(TARGET_NR_inotify_add_watch, in, dir, IN_CREATE);
    g_assert_cmpint(wd, >=, 1);
    g_assert_cmpint(SYS(TARGET_NR_inotify_add_watch, in, BAD, IN_CREATE), ==,
                    -EFAULT);
    close(open(f, O_CREAT | O_WRONLY, 0600));
    g_assert_cmpint(read(in, ev, sizeof(ev)), >=, 16);
    g_assert_cmpint((int32_t)ldl_le_p(ev), ==, wd);
    g_assert_cmpuint(ldl_le_p(ev + 4) & IN_CREATE, ==, IN_CREATE);
    g_assert_cmpstr((char *)ev + 16, ==, "watched");
    g_assert_cmpint(SYS(TARGET_NR_inotify_rm_watch, in, wd), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_inotify_rm_watch, in, wd), ==, -EINVAL);
    close(in);

    /* a POSIX timer with SIGEV_NONE: armed, counting down, deleted */
    memset(g2h(b), 0, 64);
    stl_le_p(g2h(b + 12), 1);               /* SIGEV_NONE */
    g_assert_cmpint(SYS(TARGET_NR_timer_create, CLOCK_MONOTONIC, b, b + 64),
                    ==, 0);
    tid = (int32_t)ldl_le_p(g2h(b + 64));
    memset(g2h(b + 128), 0, 32);
    stq_le_p(g2h(b + 128 + 16), 50);        /* it_value 50 s */
    g_assert_cmpint(SYS(TARGET_NR_timer_settime, tid, 0, b + 128, 0), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_timer_gettime, tid, b + 192), ==, 0);
    g_assert_cmpuint(ldq_le_p(g2h(b + 192 + 16)), <=, 50);
    g_assert_cmpuint(ldq_le_p(g2h(b + 192 + 16)), >=, 48);
    g_assert_cmpint(SYS(TARGET_NR_timer_getoverrun, tid), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_timer_gettime, tid, BAD), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_timer_delete, tid), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_timer_delete, tid), ==, -EINVAL);
    stl_le_p(g2h(b + 12), 77);              /* no such sigev_notify */
    g_assert_cmpint(SYS(TARGET_NR_timer_create, CLOCK_MONOTONIC, b, b + 64),
                    ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_timer_create, CLOCK_MONOTONIC, b, BAD),
                    ==, -EFAULT);

    /* clock_nanosleep: 20 ms relative; bad pointers; a bad clock */
    stq_le_p(g2h(b), 0);
    stq_le_p(g2h(b + 8), 20000000);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    g_assert_cmpint(SYS(TARGET_NR_clock_nanosleep, CLOCK_MONOTONIC, 0, b, 0),
                    ==, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    g_assert_cmpint((t1.tv_sec - t0.tv_sec) * 1000000000L +
                    (t1.tv_nsec - t0.tv_nsec), >=, 20000000);
    g_assert_cmpint(SYS(TARGET_NR_clock_nanosleep, CLOCK_MONOTONIC, 0, BAD,
                        0), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_clock_nanosleep, 77, 0, b, 0), ==,
                    -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_clock_settime, CLOCK_MONOTONIC, b), ==,
                    -EINVAL);
}



static void test_sysv_ipc(void)
{
    uint64_t b = mem + 0x4000;
    int64_t q, sem, shm, at;

    /* a message queue: send, receive by type, remove */
    q = SYS(TARGET_NR_msgget, IPC_PRIVATE, IPC_CREAT | 0600);
    g_assert_cmpint(q, >=, 0);
    stq_le_p(g2h(b), 5);                        /* mtype */
    memcpy(g2h(b + 8), "e2k-msg", 7);
    g_assert_cmpint(SYS(TARGET_NR_msgsnd, q, b, 7, 0), ==, 0);
    memset(g2h(b + 64), 0, 32);
    g_assert_cmpint(SYS(TARGET_NR_msgrcv, q, b + 64, 16, 5, IPC_NOWAIT), ==,
                    7);
    g_assert_cmpuint(ldq_le_p(g2h(b + 64)), ==, 5);
    g_assert_cmpmem(g2h(b + 72), 7, "e2k-msg", 7);
    g_assert_cmpint(SYS(TARGET_NR_msgrcv, q, b + 64, 16, 5, IPC_NOWAIT), ==,
                    -ENOMSG);
    g_assert_cmpint(SYS(TARGET_NR_msgsnd, q, BAD, 7, 0), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_msgctl, q, IPC_STAT, b + 128), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_msgctl, q, IPC_STAT, BAD), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_msgctl, q, IPC_RMID, 0), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_msgsnd, q, b, 7, 0), ==, -EINVAL);

    /* a semaphore set of 2: SETVAL, semop, GETALL as u16s */
    sem = SYS(TARGET_NR_semget, IPC_PRIVATE, 2, IPC_CREAT | 0600);
    g_assert_cmpint(sem, >=, 0);
    g_assert_cmpint(SYS(TARGET_NR_semctl, sem, 1, SETVAL, 3), ==, 0);
    stw_le_p(g2h(b), 1);                        /* sem_num */
    stw_le_p(g2h(b + 2), -2);                   /* sem_op */
    stw_le_p(g2h(b + 4), IPC_NOWAIT);
    g_assert_cmpint(SYS(TARGET_NR_semop, sem, b, 1), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_semctl, sem, 1, GETVAL, 0), ==, 1);
    g_assert_cmpint(SYS(TARGET_NR_semop, sem, b, 1), ==, -EAGAIN);
    g_assert_cmpint(SYS(TARGET_NR_semop, sem, BAD, 1), ==, -EFAULT);
    stl_le_p(g2h(b + 16), 0xffffffff);
    g_assert_cmpint(SYS(TARGET_NR_semctl, sem, 0, GETALL, b + 16), ==, 0);
    g_assert_cmpuint(lduw_le_p(g2h(b + 16)), ==, 0);
    g_assert_cmpuint(lduw_le_p(g2h(b + 18)), ==, 1);
    g_assert_cmpint(SYS(TARGET_NR_semctl, sem, 0, GETALL, BAD), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_semctl, sem, 0, IPC_RMID, 0), ==, 0);

    /* shared memory: attached where the guest sees and writes it */
    shm = SYS(TARGET_NR_shmget, IPC_PRIVATE, 8192, IPC_CREAT | 0600);
    g_assert_cmpint(shm, >=, 0);
    at = SYS(TARGET_NR_shmat, shm, 0, 0);
    g_assert_cmpint(at, >, 0);
    g_assert_cmpuint(at % TARGET_PAGE_SIZE, ==, 0);
    g_assert_cmpint(page_get_flags(at) & PAGE_RWX, ==,
                    PAGE_READ | PAGE_WRITE);
    g_assert_true(page_get_flags(at + 4096) & PAGE_VALID);
    memcpy(g2h(at + 100), "shared", 6);
    {
        void *h = shmat(shm, NULL, SHM_RDONLY);
        g_assert_true(h != (void *)-1);
        g_assert_cmpmem((char *)h + 100, 6, "shared", 6);
        shmdt(h);
    }
    g_assert_cmpint(SYS(TARGET_NR_shmdt, at + 4096), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_shmdt, at), ==, 0);
    g_assert_false(page_get_flags(at) & PAGE_VALID);
    g_assert_cmpint(SYS(TARGET_NR_shmat, shm, at + 1, 0), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_shmctl, shm, IPC_STAT, BAD), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_shmctl, shm, IPC_RMID, 0), ==, 0);

    /* a POSIX message queue: attributes in, a message through, out */
    {
        /* the raw call takes the name without glibc's leading slash */
        g_autofree char *qname = g_strdup_printf("e2k-test-%d", getpid());
        uint64_t n = put_str(b, qname), attr = b + 256;
        int64_t mq;
        memset(g2h(attr), 0, 64);
        stq_le_p(g2h(attr + 8), 4);            /* mq_maxmsg */
        stq_le_p(g2h(attr + 16), 32);          /* mq_msgsize */
        mq = SYS(TARGET_NR_mq_open, n, O_CREAT | O_RDWR, 0600, attr);
        if (mq == -ENOSYS || mq == -EACCES || mq == -ENOENT) {
            g_test_message("no POSIX message queues here (%d)", (int)mq);
            return;     /* no mqueue support on this host */
        }
        g_assert_cmpint(mq, >=, 0);
        g_assert_cmpint(SYS(TARGET_NR_mq_timedsend, mq,
                            put_str(b + 512, "mq!"), 3, 7, 0), ==, 0);
        g_assert_cmpint(SYS(TARGET_NR_mq_getsetattr, mq, 0, attr + 64), ==,
                        0);
        g_assert_cmpuint(ldq_le_p(g2h(attr + 64 + 16)), ==, 32);
        g_assert_cmpuint(ldq_le_p(g2h(attr + 64 + 24)), ==, 1); /* curmsgs */
        g_assert_cmpint(SYS(TARGET_NR_mq_timedreceive, mq, b + 600, 32,
                            b + 700, 0), ==, 3);
        g_assert_cmpmem(g2h(b + 600), 3, "mq!", 3);
        g_assert_cmpuint(ldl_le_p(g2h(b + 700)), ==, 7);
        g_assert_cmpint(SYS(TARGET_NR_mq_timedreceive, mq, BAD, 32, 0, 0),
                        ==, -EFAULT);
        close(mq);
        g_assert_cmpint(SYS(TARGET_NR_mq_unlink, n), ==, 0);
        g_assert_cmpint(SYS(TARGET_NR_mq_unlink, n), ==, -ENOENT);
    }
}


static void test_ioctl_fcntl(void)
{
    uint64_t b = mem + 0x5000;
    g_autofree char *f = g_build_filename(tmpdir, "locked", NULL);
    int fd = open(f, O_CREAT | O_RDWR, 0600), fds[2], pm;
    pid_t child;
    int st;

    g_assert_cmpint(fd, >=, 0);
    /* FIOCLEX / FIONCLEX, FIONBIO through an int */
    g_assert_cmpint(SYS(TARGET_NR_ioctl, fd, 0x5451, 0), ==, 0);
    g_assert_cmpint(fcntl(fd, F_GETFD) & FD_CLOEXEC, ==, FD_CLOEXEC);
    g_assert_cmpint(SYS(TARGET_NR_ioctl, fd, 0x5450, 0), ==, 0);
    g_assert_cmpint(fcntl(fd, F_GETFD) & FD_CLOEXEC, ==, 0);
    g_assert_cmpint(pipe(fds), ==, 0);
    stl_le_p(g2h(b), 1);
    g_assert_cmpint(SYS(TARGET_NR_ioctl, fds[0], 0x5421, b), ==, 0);
    g_assert_cmpint(fcntl(fds[0], F_GETFL) & O_NONBLOCK, ==, O_NONBLOCK);
    g_assert_cmpint(SYS(TARGET_NR_ioctl, fds[0], 0x5421, BAD), ==, -EFAULT);
    /* pipe sizes */
    g_assert_cmpint(SYS(TARGET_NR_fcntl, fds[0], F_SETPIPE_SZ, 65536), >=,
                    65536);
    g_assert_cmpint(SYS(TARGET_NR_fcntl, fds[0], F_GETPIPE_SZ), >=, 65536);
    close(fds[0]);
    close(fds[1]);

    /* record locks: ours, then seen from another process by F_GETLK */
    memset(g2h(b), 0, 32);
    stw_le_p(g2h(b), F_WRLCK);
    stw_le_p(g2h(b + 2), SEEK_SET);
    stq_le_p(g2h(b + 8), 10);
    stq_le_p(g2h(b + 16), 5);
    g_assert_cmpint(SYS(TARGET_NR_fcntl, fd, F_SETLK, b), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_fcntl, fd, F_SETLK, BAD), ==, -EFAULT);
    child = fork();
    if (child == 0) {
        struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
                            .l_start = 12, .l_len = 1 };
        int cfd = open(f, O_RDWR);
        _exit(fcntl(cfd, F_GETLK, &fl) == 0 && fl.l_type == F_WRLCK &&
              fl.l_pid == getppid() && fl.l_start == 10 && fl.l_len == 5
              ? 0 : 1);
    }
    g_assert_cmpint(waitpid(child, &st, 0), ==, child);
    g_assert_true(WIFEXITED(st));
    g_assert_cmpint(WEXITSTATUS(st), ==, 0);
    /* F_GETLK on our own lock: unlocked for us; an OFD lock conflicts */
    stw_le_p(g2h(b), F_RDLCK);
    g_assert_cmpint(SYS(TARGET_NR_fcntl, fd, F_GETLK, b), ==, 0);
    g_assert_cmpint((int16_t)lduw_le_p(g2h(b)), ==, F_UNLCK);
    memset(g2h(b), 0, 32);
    stw_le_p(g2h(b), F_WRLCK);
    stq_le_p(g2h(b + 8), 10);
    stq_le_p(g2h(b + 16), 5);
    g_assert_cmpint(SYS(TARGET_NR_fcntl, fd, F_OFD_GETLK, b), ==, 0);
    g_assert_cmpint((int16_t)lduw_le_p(g2h(b)), ==, F_WRLCK);
    g_assert_cmpint((int32_t)ldl_le_p(g2h(b + 24)), ==, getpid());
    /* owner */
    g_assert_cmpint(SYS(TARGET_NR_fcntl, fd, F_SETOWN, getpid()), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_fcntl, fd, F_GETOWN), ==, getpid());
    g_assert_cmpint(SYS(TARGET_NR_fcntl, fd, F_GETOWN_EX, b), ==, 0);
    g_assert_cmpint(ldl_le_p(g2h(b)), ==, F_OWNER_PID);
    g_assert_cmpint(ldl_le_p(g2h(b + 4)), ==, getpid());
    g_assert_cmpint(SYS(TARGET_NR_fcntl, fd, 0x7777), ==, -EINVAL);
    close(fd);

    /* a pseudo-terminal master: TIOCSPTLCK unlock, TIOCGPTN number */
    pm = open("/dev/ptmx", O_RDWR | O_NOCTTY);
    if (pm >= 0) {
        stl_le_p(g2h(b), 0);
        g_assert_cmpint(SYS(TARGET_NR_ioctl, pm, 0x40045431u, b), ==, 0);
        stl_le_p(g2h(b), 0xffffffff);
        g_assert_cmpint(SYS(TARGET_NR_ioctl, pm, 0x80045430u, b), ==, 0);
        g_assert_cmpuint(ldl_le_p(g2h(b)), <, 1u << 20);
        g_assert_cmpint(SYS(TARGET_NR_ioctl, pm, 0x80045430u, BAD), ==,
                        -EFAULT);
        g_assert_cmpint(SYS(TARGET_NR_ioctl, pm, 0x5411, b), ==, 0);
        g_assert_cmpuint(ldl_le_p(g2h(b)), ==, 0);      /* TIOCOUTQ */
        close(pm);
    }
}

/* execveat's refusals (success replaces the process: test-exec.sh). */
static void test_execveat_errors(void)
{
    uint64_t p = put_str(mem + 0x3c00, "missing"), argv = mem + 0x3d00;
    uint64_t e = put_str(mem + 0x3e00, "");
    int fd = open(tmpdir, O_RDONLY | O_DIRECTORY);
    int nf = open("/dev/null", O_RDONLY);

    stq_le_p(g2h(argv), p);
    stq_le_p(g2h(argv + 8), 0);
    g_assert_cmpint(SYS(TARGET_NR_execveat, fd, p, argv, 0, 0), ==, -ENOENT);
    g_assert_cmpint(SYS(TARGET_NR_execveat, fd, p, argv, 0, 0x8000), ==,
                    -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_execveat, nf, e, argv, 0, 0x1000), ==,
                    -EACCES);
    g_assert_cmpint(SYS(TARGET_NR_execveat, nf, e, argv, 0, 0), ==,
                    -ENOENT);
    g_assert_cmpint(SYS(TARGET_NR_execveat, fd, BAD, argv, 0, 0), ==,
                    -EFAULT);
    stq_le_p(g2h(argv), BAD);
    g_assert_cmpint(SYS(TARGET_NR_execve, p, argv, 0), ==, -EFAULT);
    close(fd);
    close(nf);
}

/* recvmmsg's timeout, as the kernel's: looked at after each datagram, the
   time left written back; a bad one is EINVAL or EFAULT. */
static void test_recvmmsg_timeout(void)
{
    uint64_t vec = mem + 8192, iov = mem + 8192 + 4 * 64, ts = mem + 9000;
    uint64_t buf = mem + 9100;
    int sv[2];

    g_assert_cmpint(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), ==, 0);
    memset(g2h(vec), 0, 4 * 64);
    for (int i = 0; i < 4; i++) {
        stq_le_p(g2h(iov + 16 * i), buf + 16 * i);
        stq_le_p(g2h(iov + 16 * i + 8), 16);
        stq_le_p(g2h(vec + 64 * i + 16), iov + 16 * i);     /* msg_iov */
        stq_le_p(g2h(vec + 64 * i + 24), 1);                /* msg_iovlen */
    }
    g_assert_cmpint(send(sv[0], "one", 3, 0), ==, 3);
    g_assert_cmpint(send(sv[0], "two!", 4, 0), ==, 4);
    /* 5 s: both datagrams, then EAGAIN; about 5 s left */
    stq_le_p(g2h(ts), 5);
    stq_le_p(g2h(ts + 8), 0);
    g_assert_cmpint(SYS(TARGET_NR_recvmmsg, sv[1], vec, 4, MSG_DONTWAIT, ts),
                    ==, 2);
    g_assert_cmpint(ldl_le_p(g2h(vec + 56)), ==, 3);        /* msg_len */
    g_assert_cmpint(ldl_le_p(g2h(vec + 64 + 56)), ==, 4);
    g_assert_cmpmem(g2h(buf + 16), 4, "two!", 4);
    g_assert_cmpint(ldq_le_p(g2h(ts)), ==, 4);
    g_assert_cmpint(ldq_le_p(g2h(ts + 8)), >, 0);
    /* 1 ns: over after the first datagram, 0 left */
    g_assert_cmpint(send(sv[0], "one", 3, 0), ==, 3);
    g_assert_cmpint(send(sv[0], "two!", 4, 0), ==, 4);
    stq_le_p(g2h(ts), 0);
    stq_le_p(g2h(ts + 8), 1);
    g_assert_cmpint(SYS(TARGET_NR_recvmmsg, sv[1], vec, 4, MSG_DONTWAIT, ts),
                    ==, 1);
    g_assert_cmpint(ldq_le_p(g2h(ts)), ==, 0);
    g_assert_cmpint(ldq_le_p(g2h(ts + 8)), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_recvmmsg, sv[1], vec, 4, MSG_DONTWAIT, 0),
                    ==, 1);
    stq_le_p(g2h(ts + 8), 1000000000);
    g_assert_cmpint(SYS(TARGET_NR_recvmmsg, sv[1], vec, 4, MSG_DONTWAIT, ts),
                    ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_recvmmsg, sv[1], vec, 4, MSG_DONTWAIT, BAD),
                    ==, -EFAULT);
    close(sv[0]);
    close(sv[1]);
}

/* -strace prints the new calls with decoded arguments, in QEMU's form. */
static void test_strace_new(void)
{
    g_autofree char *logpath = g_build_filename(tmpdir, "strace.log", NULL);
    g_autofree char *text = NULL, *want = NULL;
    uint64_t p = put_str(mem + 15360, "/nonexistent");

    g_assert_true(qemu_set_log_filename(logpath, &error_abort));
    do_strace = true;
    SYS(TARGET_NR_statx, (uint64_t)-100, p, 0x100, 0xfff, mem);
    SYS(TARGET_NR_socket, 1, 1, 0);
    SYS(TARGET_NR_fchmodat, (uint64_t)-100, p, 0644);
    SYS(TARGET_NR_poll, 0, 0, 0);
    SYS(TARGET_NR_prctl, 0x7777);
    do_strace = false;
    qemu_log_flush();
    g_assert_true(qemu_set_log_filename(NULL, &error_abort));
    g_assert_true(g_file_get_contents(logpath, &text, NULL, NULL));
    want = g_strdup_printf("%d statx(AT_FDCWD,\"/nonexistent\","
                           "AT_SYMLINK_NOFOLLOW,0xfff,0x%016" PRIx64
                           ") = -1 errno=2 (No such file or directory)\n",
                           getpid(), mem);
    g_assert_nonnull(strstr(text, want));
    g_assert_nonnull(strstr(text, " socket(1,1,0) = "));
    g_assert_nonnull(strstr(text, " fchmodat(AT_FDCWD,\"/nonexistent\","
                            "0644) = -1 errno=2"));
    g_assert_nonnull(strstr(text, " poll(NULL,0,0) = 0\n"));
    g_assert_nonnull(strstr(text, " prctl(30583,0,0,0,0) = -1 errno=22"));
}

/* Every number 0..430 of the table is named but 417/418; the calls left
   unimplemented are -ENOSYS and say so under -d unimp, and so does an
   ioctl we do not convert (-ENOTTY, as the kernel's unknown command). */
static void test_table(void)
{
    g_autofree char *logpath = g_build_filename(tmpdir, "unimp.log", NULL);
    g_autofree char *log = NULL;
    g_autofree char *want = NULL;
    Error *err = NULL;
    int fds[2];

    for (int nr = 0; nr <= 430; nr++) {
        if (nr == 417 || nr == 418) {
            g_assert_null(target_syscall_name(nr));
        } else {
            g_assert_nonnull(target_syscall_name(nr));
        }
    }
    g_assert_cmpstr(target_syscall_name(402), ==, "statx");
    g_assert_cmpstr(target_syscall_name(286), ==, "accept4");
    g_assert_true(qemu_set_log_filename(logpath, &err));
    qemu_set_log(LOG_UNIMP);
    g_assert_cmpint(SYS(TARGET_NR_get_mem, 0), ==, -ENOSYS);
    g_assert_cmpint(SYS(TARGET_NR_arch_prctl, 0), ==, -ENOSYS);
    g_assert_cmpint(pipe(fds), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_ioctl, fds[0], 0x7ffe, 0), ==, -ENOTTY);
    close(fds[0]);
    close(fds[1]);
    qemu_set_log(0);
    qemu_log_close();
    g_assert_true(g_file_get_contents(logpath, &log, NULL, NULL));
    g_assert_nonnull(strstr(log, "Unsupported syscall: 422 (get_mem)"));
    g_assert_nonnull(strstr(log, "Unsupported syscall: 419 (arch_prctl)"));
    want = g_strdup_printf("Unsupported ioctl: fd %d cmd 0x7ffe", fds[0]);
    g_assert_nonnull(strstr(log, want));
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
    tmpdir = g_dir_make_tmp("e2k-sys-XXXXXX", NULL);
    g_test_add_func("/e2k/sys/poll", test_poll);
    g_test_add_func("/e2k/sys/epoll", test_epoll);
    g_test_add_func("/e2k/sys/eventfd-timerfd", test_eventfd_timerfd);
    g_test_add_func("/e2k/sys/statx-statfs", test_statx_statfs);
    g_test_add_func("/e2k/sys/file-ops", test_file_ops);
    g_test_add_func("/e2k/sys/mem-misc", test_mem_misc);
    g_test_add_func("/e2k/sys/sockets", test_sockets);
    g_test_add_func("/e2k/sys/proc-attrs", test_proc_attrs);
    g_test_add_func("/e2k/sys/inotify-timers", test_inotify_timers);
    g_test_add_func("/e2k/sys/sysv-ipc", test_sysv_ipc);
    g_test_add_func("/e2k/sys/ioctl-fcntl", test_ioctl_fcntl);
    g_test_add_func("/e2k/sys/execveat-errors", test_execveat_errors);
    g_test_add_func("/e2k/sys/strace", test_strace_new);
    g_test_add_func("/e2k/sys/recvmmsg-timeout", test_recvmmsg_timeout);
    g_test_add_func("/e2k/sys/table", test_table);
    ret = g_test_run();
    {
        g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", tmpdir);
        if (system(cmd) != 0) {
            ret = ret ? ret : 1;
        }
    }
    return ret;
}
