/*
 * linux-user system calls driven through do_syscall() with a fake CPU
 * state (no translator): memory management, file descriptors, time,
 * identity, signal registration, access_hw_stacks, -strace output, the
 * write-protection of code pages and the guest's exit / death by signal.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/stat.h>
#include <termios.h>
#include <sys/syscall.h>
#include <sys/wait.h>
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

static CPUE2KState *env;

static int64_t sys(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                   uint64_t a4, uint64_t a5, uint64_t a6)
{
    return do_syscall(env, nr, a1, a2, a3, a4, a5, a6);
}
static int64_t sys_arr(int nr, const uint64_t *a)
{
    return do_syscall(env, nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}
/* SYS(nr, args...): missing arguments are 0. */
#define SYS(nr, ...) \
    sys_arr(nr, (const uint64_t[]){ __VA_ARGS__, 0, 0, 0, 0, 0, 0 })
#define SYS_ARGS6(nr, a, b, c, d, e, f) sys(nr, a, b, c, d, e, f)

static uint64_t map_rw(uint64_t len)
{
    int64_t a = SYS_ARGS6(TARGET_NR_mmap, 0, len, RW, ANON, -1, 0);
    g_assert_cmpint(a, >, 0);
    return a;
}

static uint64_t put_str(uint64_t addr, const char *s)
{
    memcpy(g2h(addr), s, strlen(s) + 1);
    return addr;
}

static void test_mmap(void)
{
    uint64_t a = map_rw(3 * TARGET_PAGE_SIZE), b;
    int64_t r;

    g_assert_cmpuint(a, >=, GUEST_MMAP_BASE);
    g_assert_cmpuint(a % TARGET_PAGE_SIZE, ==, 0);
    g_assert_cmpint(page_get_flags(a) & PAGE_RWX, ==, PAGE_READ | PAGE_WRITE);
    memset(g2h(a), 0x5a, 3 * TARGET_PAGE_SIZE);

    /* mprotect the middle page read-only. */
    g_assert_cmpint(SYS(TARGET_NR_mprotect, a + TARGET_PAGE_SIZE,
                        TARGET_PAGE_SIZE, TARGET_PROT_READ), ==, 0);
    g_assert_false(page_check_range(a, 3 * TARGET_PAGE_SIZE, PAGE_WRITE));
    g_assert_true(page_check_range(a, 3 * TARGET_PAGE_SIZE, PAGE_READ));
    g_assert_cmpuint(((uint8_t *)g2h(a + TARGET_PAGE_SIZE))[5], ==, 0x5a);

    /* A second anonymous mapping does not overlap the first. */
    b = map_rw(TARGET_PAGE_SIZE);
    g_assert_true(b >= a + 3 * TARGET_PAGE_SIZE || b + TARGET_PAGE_SIZE <= a);

    /* munmap leaves a hole that reads as unmapped. */
    g_assert_cmpint(SYS(TARGET_NR_munmap, a + TARGET_PAGE_SIZE,
                        TARGET_PAGE_SIZE), ==, 0);
    g_assert_false(page_get_flags(a + TARGET_PAGE_SIZE) & PAGE_VALID);
    g_assert_true(page_get_flags(a) & PAGE_VALID);

    /* MAP_FIXED into the hole, fresh zero page. */
    r = SYS_ARGS6(TARGET_NR_mmap, a + TARGET_PAGE_SIZE, TARGET_PAGE_SIZE, RW,
                  ANON | TARGET_MAP_FIXED, -1, 0);
    g_assert_cmpint(r, ==, a + TARGET_PAGE_SIZE);
    g_assert_cmpuint(((uint8_t *)g2h(r))[0], ==, 0);

    /* Errors. */
    g_assert_cmpint(SYS_ARGS6(TARGET_NR_mmap, 0, 0, RW, ANON, -1, 0), ==,
                    -EINVAL);
    g_assert_cmpint(SYS_ARGS6(TARGET_NR_mmap, a + 1, 4096, RW,
                              ANON | TARGET_MAP_FIXED, -1, 0), ==, -EINVAL);
    g_assert_cmpint(SYS_ARGS6(TARGET_NR_mmap, 0, 4096, 0x80, ANON, -1, 0),
                    ==, -EINVAL);
    g_assert_cmpint(SYS_ARGS6(TARGET_NR_mmap, 0, 4096, RW,
                              TARGET_MAP_ANONYMOUS, -1, 0), ==, -EINVAL);
    g_assert_cmpint(SYS_ARGS6(TARGET_NR_mmap, 0, (uint64_t)1 << 50, RW, ANON,
                              -1, 0), ==, -ENOMEM);
    g_assert_cmpint(SYS_ARGS6(TARGET_NR_mmap, guest_space_size, 4096, RW,
                              ANON | TARGET_MAP_FIXED, -1, 0), ==, -ENOMEM);
    g_assert_cmpint(SYS(TARGET_NR_munmap, a + 1, 4096), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_mprotect, guest_space_size, 4096, 1), <, 0);
    SYS(TARGET_NR_munmap, a, 3 * TARGET_PAGE_SIZE);
    SYS(TARGET_NR_munmap, b, TARGET_PAGE_SIZE);
}

static void test_mmap_file(void)
{
    g_autofree char *path = NULL;
    int hostfd = g_file_open_tmp("e2k-mmap-XXXXXX", &path, NULL);
    char buf[8192];
    int64_t fd, a;

    for (size_t i = 0; i < sizeof(buf); i++) {
        buf[i] = i * 7;
    }
    g_assert_cmpint(write(hostfd, buf, sizeof(buf)), ==, sizeof(buf));
    close(hostfd);
    fd = SYS(TARGET_NR_open, put_str(map_rw(4096), path), O_RDONLY, 0);
    g_assert_cmpint(fd, >=, 0);
    a = SYS_ARGS6(TARGET_NR_mmap, 0, 4096, TARGET_PROT_READ,
                  TARGET_MAP_PRIVATE, fd, 4096);
    g_assert_cmpint(a, >, 0);
    g_assert_cmpmem(g2h(a), 4096, buf + 4096, 4096);
    g_assert_cmpint(SYS(TARGET_NR_close, fd), ==, 0);
    g_unlink(path);
}

static void test_mremap(void)
{
    uint64_t a = map_rw(TARGET_PAGE_SIZE), b;
    int64_t r;

    memset(g2h(a), 0x11, TARGET_PAGE_SIZE);
    /* Block growth in place, so it has to move. */
    b = SYS_ARGS6(TARGET_NR_mmap, a + TARGET_PAGE_SIZE, TARGET_PAGE_SIZE, RW,
                  ANON | TARGET_MAP_FIXED, -1, 0);
    g_assert_cmpint(b, ==, a + TARGET_PAGE_SIZE);
    g_assert_cmpint(SYS(TARGET_NR_mremap, a, TARGET_PAGE_SIZE,
                        2 * TARGET_PAGE_SIZE, 0, 0), ==, -ENOMEM);
    r = SYS(TARGET_NR_mremap, a, TARGET_PAGE_SIZE, 4 * TARGET_PAGE_SIZE,
            TARGET_MREMAP_MAYMOVE, 0);
    g_assert_cmpint(r, >, 0);
    g_assert_cmpint(r, !=, a);
    g_assert_cmpuint(((uint8_t *)g2h(r))[100], ==, 0x11);
    g_assert_true(page_check_range(r, 4 * TARGET_PAGE_SIZE, PAGE_WRITE));
    g_assert_false(page_get_flags(a) & PAGE_VALID);
    /* Grow in place when the pages after it are free. */
    g_assert_cmpint(SYS(TARGET_NR_munmap, r + TARGET_PAGE_SIZE,
                        3 * TARGET_PAGE_SIZE), ==, 0);
    ((uint8_t *)g2h(r))[5] = 0x22;
    g_assert_cmpint(SYS(TARGET_NR_mremap, r, TARGET_PAGE_SIZE,
                        4 * TARGET_PAGE_SIZE, 0, 0), ==, r);
    g_assert_cmpuint(((uint8_t *)g2h(r))[5], ==, 0x22);
    ((uint8_t *)g2h(r + 3 * TARGET_PAGE_SIZE))[0] = 1;
    g_assert_true(page_check_range(r, 4 * TARGET_PAGE_SIZE, PAGE_WRITE));
    /* Shrink in place. */
    g_assert_cmpint(SYS(TARGET_NR_mremap, r, 4 * TARGET_PAGE_SIZE,
                        TARGET_PAGE_SIZE, 0, 0), ==, r);
    g_assert_false(page_get_flags(r + TARGET_PAGE_SIZE) & PAGE_VALID);
    g_assert_cmpint(SYS(TARGET_NR_mremap, r, 4096, 4096, 0x40, 0), ==,
                    -EINVAL);
    SYS(TARGET_NR_munmap, r, TARGET_PAGE_SIZE);
    SYS(TARGET_NR_munmap, b, TARGET_PAGE_SIZE);
}

static void test_brk(void)
{
    uint64_t start = 0x4000000, cur;

    target_set_brk(start);
    g_assert_cmpuint(SYS(TARGET_NR_brk, 0), ==, start);
    cur = SYS(TARGET_NR_brk, start + 100000);
    g_assert_cmpuint(cur, ==, start + 100000);
    g_assert_true(page_check_range(start, 100000, PAGE_READ | PAGE_WRITE));
    memset(g2h(start), 0x77, 100000);
    /* Shrinking gives memory back and zeroes it when handed out again. */
    g_assert_cmpuint(SYS(TARGET_NR_brk, start + 10), ==, start + 10);
    g_assert_false(page_get_flags(start + 2 * TARGET_PAGE_SIZE) & PAGE_VALID);
    g_assert_cmpuint(SYS(TARGET_NR_brk, start + 8192), ==, start + 8192);
    g_assert_cmpuint(((uint8_t *)g2h(start))[9], ==, 0x77);
    g_assert_cmpuint(((uint8_t *)g2h(start))[10], ==, 0);
    g_assert_cmpuint(((uint8_t *)g2h(start))[5000], ==, 0);
    /* Below the start or into another mapping: unchanged. */
    g_assert_cmpuint(SYS(TARGET_NR_brk, start - 4096), ==, start + 8192);
    SYS_ARGS6(TARGET_NR_mmap, start + 0x10000, 4096, RW,
              ANON | TARGET_MAP_FIXED, -1, 0);
    g_assert_cmpuint(SYS(TARGET_NR_brk, start + 0x20000), ==, start + 8192);
}

static void test_read_write(void)
{
    uint64_t buf = map_rw(2 * TARGET_PAGE_SIZE), iov;
    int fds[2];
    char host[64];

    g_assert_cmpint(pipe(fds), ==, 0);
    put_str(buf, "hello, pipe");
    g_assert_cmpint(SYS(TARGET_NR_write, fds[1], buf, 11), ==, 11);
    g_assert_cmpint(SYS(TARGET_NR_read, fds[0], buf + 100, 64), ==, 11);
    g_assert_cmpmem(g2h(buf + 100), 11, "hello, pipe", 11);

    /* writev gathers; readv scatters. */
    iov = buf + TARGET_PAGE_SIZE + 512;   /* stays writable below */
    put_str(buf + 200, "abc");
    put_str(buf + 300, "defgh");
    stq_le_p(g2h(iov), buf + 200);
    stq_le_p(g2h(iov + 8), 3);
    stq_le_p(g2h(iov + 16), buf + 300);
    stq_le_p(g2h(iov + 24), 5);
    g_assert_cmpint(SYS(TARGET_NR_writev, fds[1], iov, 2), ==, 8);
    g_assert_cmpint(read(fds[0], host, sizeof(host)), ==, 8);
    g_assert_cmpmem(host, 8, "abcdefgh", 8);
    g_assert_cmpint(write(fds[1], "12345678", 8), ==, 8);
    g_assert_cmpint(SYS(TARGET_NR_readv, fds[0], iov, 2), ==, 8);
    g_assert_cmpmem(g2h(buf + 200), 3, "123", 3);
    g_assert_cmpmem(g2h(buf + 300), 5, "45678", 5);

    /* Bad pointers are EFAULT, never a host crash. */
    g_assert_cmpint(SYS(TARGET_NR_write, fds[1], 0x10, 4), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_write, fds[1], buf + 8000, 400), ==,
                    -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_write, fds[1], UINT64_MAX - 2, 8), ==,
                    -EFAULT);
    SYS(TARGET_NR_mprotect, buf, TARGET_PAGE_SIZE, TARGET_PROT_READ);
    g_assert_cmpint(write(fds[1], "x", 1), ==, 1);
    g_assert_cmpint(SYS(TARGET_NR_read, fds[0], buf, 1), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_writev, fds[1], iov, 1025), ==, -EINVAL);
    stq_le_p(g2h(iov), 0x10);
    g_assert_cmpint(SYS(TARGET_NR_writev, fds[1], iov, 2), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_write, 1000, buf, 1), ==, -EBADF);
    close(fds[0]);
    close(fds[1]);
    SYS(TARGET_NR_munmap, buf, 2 * TARGET_PAGE_SIZE);
}

static void test_files(void)
{
    g_autofree char *path = NULL;
    int hostfd = g_file_open_tmp("e2k-file-XXXXXX", &path, NULL);
    uint64_t g = map_rw(TARGET_PAGE_SIZE), st = g + 2048;
    char data[1234];
    int64_t fd;

    memset(data, 'q', sizeof(data));
    g_assert_cmpint(write(hostfd, data, sizeof(data)), ==, sizeof(data));
    close(hostfd);
    put_str(g, path);

    fd = SYS(TARGET_NR_openat, (uint64_t)AT_FDCWD, g, O_RDONLY, 0);
    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(SYS(TARGET_NR_fstat, fd, st), ==, 0);
    g_assert_cmpint(ldq_le_p(g2h(st + TARGET_STAT_SIZE)), ==, 1234);
    g_assert_true(S_ISREG(ldl_le_p(g2h(st + TARGET_STAT_MODE))));
    g_assert_cmpint(ldl_le_p(g2h(st + TARGET_STAT_UID)), ==, getuid());
    g_assert_cmpint(SYS(TARGET_NR_lseek, fd, 0, SEEK_END), ==, 1234);
    g_assert_cmpint(SYS(TARGET_NR_lseek, fd, 10, SEEK_SET), ==, 10);
    g_assert_cmpint(SYS(TARGET_NR_read, fd, g + 3000, 100), ==, 100);
    g_assert_cmpint(SYS(TARGET_NR_lseek, fd, 0, SEEK_CUR), ==, 110);
    g_assert_cmpint(SYS(TARGET_NR_lseek, fd, 0, 99), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_close, fd), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_close, fd), ==, -EBADF);
    g_assert_cmpint(SYS(TARGET_NR_fstat, fd, st), ==, -EBADF);

    memset(g2h(st), 0, TARGET_STAT_SIZEOF);
    g_assert_cmpint(SYS(TARGET_NR_newfstatat, (uint64_t)AT_FDCWD, g, st, 0),
                    ==, 0);
    g_assert_cmpint(ldq_le_p(g2h(st + TARGET_STAT_SIZE)), ==, 1234);
    g_assert_cmpint(SYS(TARGET_NR_stat, g, st), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_newfstatat, (uint64_t)AT_FDCWD, g, 0x10,
                        0), ==, -EFAULT);

    put_str(g, "/nonexistent/e2k");
    g_assert_cmpint(SYS(TARGET_NR_open, g, O_RDONLY, 0), ==, -ENOENT);
    g_assert_cmpint(SYS(TARGET_NR_open, 0x10, O_RDONLY, 0), ==, -EFAULT);
    /* A path running off the end of the mapping. */
    memset(g2h(g), 'a', TARGET_PAGE_SIZE);
    g_assert_cmpint(SYS(TARGET_NR_open, g + 100, O_RDONLY, 0), ==, -EFAULT);
    /* 4096 bytes without a NUL: too long, as Linux says. */
    g_assert_cmpint(SYS(TARGET_NR_open, g, O_RDONLY, 0), ==, -ENAMETOOLONG);
    g_unlink(path);
    SYS(TARGET_NR_munmap, g, TARGET_PAGE_SIZE);
}

static void test_ld_prefix(void)
{
    g_autofree char *dir = g_dir_make_tmp("e2k-sysroot-XXXXXX", NULL);
    g_autofree char *sub = g_build_filename(dir, "qemu-e2k-test", NULL);
    g_autofree char *file = g_build_filename(sub, "file", NULL);
    uint64_t g = map_rw(TARGET_PAGE_SIZE);
    int64_t fd;

    g_assert_cmpint(g_mkdir(sub, 0700), ==, 0);
    g_assert_true(g_file_set_contents(file, "sysroot", 7, NULL));
    put_str(g, "/qemu-e2k-test/file");
    g_assert_cmpint(SYS(TARGET_NR_open, g, O_RDONLY, 0), ==, -ENOENT);
    interp_prefix = dir;
    fd = SYS(TARGET_NR_open, g, O_RDONLY, 0);
    interp_prefix = NULL;
    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(SYS(TARGET_NR_read, fd, g + 100, 100), ==, 7);
    g_assert_cmpmem(g2h(g + 100), 7, "sysroot", 7);
    SYS(TARGET_NR_close, fd);
    g_unlink(file);
    g_rmdir(sub);
    g_rmdir(dir);
    SYS(TARGET_NR_munmap, g, TARGET_PAGE_SIZE);
}

static void test_uname_ids(void)
{
    uint64_t g = map_rw(TARGET_PAGE_SIZE);

    g_assert_cmpint(SYS(TARGET_NR_uname, g), ==, 0);
    g_assert_cmpstr(g2h(g), ==, "Linux");
    g_assert_cmpstr(g2h(g + 4 * TARGET_UTSNAME_FIELD), ==, "e2k");
    g_assert_cmpint(SYS(TARGET_NR_uname, 0x10), ==, -EFAULT);
    qemu_uname_release = "2.6.33-e2k";                      /* -r */
    g_assert_cmpint(SYS(TARGET_NR_uname, g), ==, 0);
    g_assert_cmpstr(g2h(g + 2 * TARGET_UTSNAME_FIELD), ==, "2.6.33-e2k");
    qemu_uname_release = NULL;
    g_assert_cmpint(SYS(TARGET_NR_getpid, 0), ==, getpid());
    g_assert_cmpint(SYS(TARGET_NR_gettid, 0), ==, syscall(SYS_gettid));
    g_assert_cmpint(SYS(TARGET_NR_getuid, 0), ==, getuid());
    g_assert_cmpint(SYS(TARGET_NR_getegid, 0), ==, getegid());
    SYS(TARGET_NR_munmap, g, TARGET_PAGE_SIZE);
}

static void test_time(void)
{
    uint64_t g = map_rw(TARGET_PAGE_SIZE);
    struct timespec before, after;
    int64_t ns;

    clock_gettime(CLOCK_MONOTONIC, &before);
    g_assert_cmpint(SYS(TARGET_NR_clock_gettime, CLOCK_MONOTONIC, g), ==, 0);
    clock_gettime(CLOCK_MONOTONIC, &after);
    ns = (int64_t)ldq_le_p(g2h(g)) * 1000000000 + (int64_t)ldq_le_p(g2h(g + 8));
    g_assert_cmpint(ns, >=, before.tv_sec * 1000000000LL + before.tv_nsec);
    g_assert_cmpint(ns, <=, after.tv_sec * 1000000000LL + after.tv_nsec);
    g_assert_cmpint(SYS(TARGET_NR_clock_gettime, 12345, g), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_clock_gettime, CLOCK_REALTIME, 0x10), ==,
                    -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_clock_getres, CLOCK_MONOTONIC, g), ==, 0);

    g_assert_cmpint(SYS(TARGET_NR_gettimeofday, g, g + 64), ==, 0);
    g_assert_cmpint(ldq_le_p(g2h(g)), >, 1600000000);
    g_assert_cmpint(ldq_le_p(g2h(g + 8)), <, 1000000);

    /* nanosleep 2 ms really sleeps. */
    stq_le_p(g2h(g), 0);
    stq_le_p(g2h(g + 8), 2000000);
    clock_gettime(CLOCK_MONOTONIC, &before);
    g_assert_cmpint(SYS(TARGET_NR_nanosleep, g, 0), ==, 0);
    clock_gettime(CLOCK_MONOTONIC, &after);
    g_assert_cmpint((after.tv_sec - before.tv_sec) * 1000000000LL +
                    after.tv_nsec - before.tv_nsec, >=, 2000000);
    stq_le_p(g2h(g + 8), 1000000000);
    g_assert_cmpint(SYS(TARGET_NR_nanosleep, g, 0), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_nanosleep, 0x10, 0), ==, -EFAULT);
    SYS(TARGET_NR_munmap, g, TARGET_PAGE_SIZE);
}

static void test_unknown(void)
{
    g_assert_cmpint(SYS(9999, 1), ==, -ENOSYS);
    g_assert_cmpint(SYS(-1, 1), ==, -ENOSYS);
    /* known, not ours */
    g_assert_cmpint(SYS(TARGET_NR_uselib, 0), ==, -ENOSYS);
    g_assert_cmpstr(target_syscall_name(TARGET_NR_write), ==, "write");
    g_assert_cmpstr(target_syscall_name(300), ==, "exit_group");
    g_assert_null(target_syscall_name(9999));
}

static void test_signals(void)
{
    uint64_t g = map_rw(TARGET_PAGE_SIZE), act = g, oact = g + 64;

    stq_le_p(g2h(act + TARGET_SIGACTION_HANDLER), 0x10078);
    stq_le_p(g2h(act + TARGET_SIGACTION_FLAGS), 0x04000004);
    stq_le_p(g2h(act + TARGET_SIGACTION_RESTORER), 0x10100);
    stq_le_p(g2h(act + TARGET_SIGACTION_MASK), ~0ULL);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigaction, 10, act, 0, 8), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigaction, 10, 0, oact, 8), ==, 0);
    g_assert_cmpuint(ldq_le_p(g2h(oact)), ==, 0x10078);
    g_assert_cmpuint(ldq_le_p(g2h(oact + TARGET_SIGACTION_RESTORER)), ==,
                     0x10100);
    /* SIGKILL and SIGSTOP can never be masked by sa_mask. */
    g_assert_cmpuint(ldq_le_p(g2h(oact + TARGET_SIGACTION_MASK)), ==,
                     ~((1ULL << 8) | (1ULL << 18)));
    g_assert_cmpint(SYS(TARGET_NR_rt_sigaction, 9, act, 0, 8), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigaction, 65, act, 0, 8), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigaction, 10, act, 0, 4), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigaction, 10, 0x10, 0, 8), ==, -EFAULT);
    stq_le_p(g2h(act), 0);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigaction, 10, act, 0, 8), ==, 0);

    stq_le_p(g2h(g + 128), (1ULL << 1) | (1ULL << 8));
    g_assert_cmpint(SYS(TARGET_NR_rt_sigprocmask, 2, g + 128, g + 136, 8),
                    ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigprocmask, 0, 0, g + 136, 8), ==, 0);
    g_assert_cmpuint(ldq_le_p(g2h(g + 136)), ==, 1ULL << 1);  /* no SIGKILL */
    stq_le_p(g2h(g + 128), 1ULL << 1);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigprocmask, 1, g + 128, 0, 8), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigprocmask, 0, 0, g + 136, 8), ==, 0);
    g_assert_cmpuint(ldq_le_p(g2h(g + 136)), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigprocmask, 7, g + 128, 0, 8), ==,
                    -EINVAL);
    SYS(TARGET_NR_munmap, g, TARGET_PAGE_SIZE);
}

/* A guest that ignores SIGPIPE gets EPIPE instead of dying. */
static void test_sigpipe_ignored(void)
{
    uint64_t g = map_rw(TARGET_PAGE_SIZE);
    int fds[2];

    memset(g2h(g), 0, 64);
    stq_le_p(g2h(g), 1);                                    /* SIG_IGN */
    g_assert_cmpint(SYS(TARGET_NR_rt_sigaction, SIGPIPE, g, 0, 8), ==, 0);
    g_assert_cmpint(pipe(fds), ==, 0);
    close(fds[0]);
    g_assert_cmpint(SYS(TARGET_NR_write, fds[1], g, 1), ==, -EPIPE);
    close(fds[1]);
    stq_le_p(g2h(g), 0);                                    /* SIG_DFL */
    g_assert_cmpint(SYS(TARGET_NR_rt_sigaction, SIGPIPE, g, 0, 8), ==, 0);

    /* Under SIG_DFL the host's SIGPIPE is recorded for the guest, not
       acted on by the host: blocked, it stays pending (rt_sigpending)
       until rt_sigtimedwait takes it, with its siginfo. */
    stq_le_p(g2h(g + 64), 1ULL << (SIGPIPE - 1));
    g_assert_cmpint(SYS(TARGET_NR_rt_sigprocmask, 0, g + 64, 0, 8), ==, 0);
    g_assert_cmpint(pipe(fds), ==, 0);
    close(fds[0]);
    g_assert_cmpint(SYS(TARGET_NR_write, fds[1], g, 1), ==, -EPIPE);
    close(fds[1]);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigpending, g + 72, 8), ==, 0);
    g_assert_cmphex(ldq_le_p(g2h(g + 72)), ==, 1ULL << (SIGPIPE - 1));
    g_assert_cmpint(SYS(TARGET_NR_rt_sigpending, g + 72, 4), ==, -EINVAL);
    memset(g2h(g + 80), 0, 16);                     /* timeout 0 */
    g_assert_cmpint(SYS(TARGET_NR_rt_sigtimedwait, g + 64, g + 128, g + 80,
                        8), ==, SIGPIPE);
    g_assert_cmpint(ldl_le_p(g2h(g + 128)), ==, SIGPIPE);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigtimedwait, g + 64, g + 128, g + 80,
                        8), ==, -EAGAIN);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigpending, g + 72, 8), ==, 0);
    g_assert_cmphex(ldq_le_p(g2h(g + 72)), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigprocmask, 1, g + 64, 0, 8), ==, 0);
    SYS(TARGET_NR_munmap, g, TARGET_PAGE_SIZE);
}

/* alarm, setitimer, getitimer reach the host's timers (cancelled again
   before they fire). */
static void test_timers(void)
{
    uint64_t g = map_rw(TARGET_PAGE_SIZE);
    uint8_t *p = g2h(g);

    g_assert_cmpint(SYS(TARGET_NR_alarm, 100), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_alarm, 0), ==, 100);
    memset(p, 0, 64);
    stq_le_p(p + 16, 50);                       /* it_value: 50 s */
    g_assert_cmpint(SYS(TARGET_NR_setitimer, 0, g, 0), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_getitimer, 0, g + 32), ==, 0);
    g_assert_cmpint(ldq_le_p(p + 48), >=, 49);   /* seconds left */
    g_assert_cmpint(ldq_le_p(p + 48), <=, 50);
    memset(p, 0, 32);
    g_assert_cmpint(SYS(TARGET_NR_setitimer, 0, g, g + 32), ==, 0);
    g_assert_cmpint(ldq_le_p(p + 48), >=, 49);   /* the old value */
    g_assert_cmpint(SYS(TARGET_NR_getitimer, 0, g + 32), ==, 0);
    g_assert_cmpint(ldq_le_p(p + 48), ==, 0);
    g_assert_cmpint(ldq_le_p(p + 56), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_setitimer, 0, 0x10, 0), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_setitimer, 99, g, 0), ==, -EINVAL);
    SYS(TARGET_NR_munmap, g, TARGET_PAGE_SIZE);
}

/* sigaltstack: flags and sizes checked, the old stack reported. */
static void test_sigaltstack(void)
{
    uint64_t g = map_rw(TARGET_PAGE_SIZE);
    uint8_t *p = g2h(g);

    g_assert_cmpint(SYS(TARGET_NR_sigaltstack, 0, g + 64), ==, 0);
    g_assert_cmpint(ldl_le_p(p + 72), ==, 2);           /* SS_DISABLE */
    stq_le_p(p, 0x10000);
    stq_le_p(p + 8, 0);
    stq_le_p(p + 16, 4095);
    g_assert_cmpint(SYS(TARGET_NR_sigaltstack, g, 0), ==, -ENOMEM);
    stq_le_p(p + 8, 7);
    stq_le_p(p + 16, 8192);
    g_assert_cmpint(SYS(TARGET_NR_sigaltstack, g, 0), ==, -EINVAL);
    stq_le_p(p + 8, 0);
    g_assert_cmpint(SYS(TARGET_NR_sigaltstack, g, 0), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_sigaltstack, 0, g + 64), ==, 0);
    g_assert_cmphex(ldq_le_p(p + 64), ==, 0x10000);
    g_assert_cmpint(ldl_le_p(p + 72), ==, 0);
    g_assert_cmpint(ldq_le_p(p + 80), ==, 8192);
    g_assert_cmpint(SYS(TARGET_NR_sigaltstack, 0x10, 0), ==, -EFAULT);
    stq_le_p(p + 8, 2);                                 /* SS_DISABLE */
    g_assert_cmpint(SYS(TARGET_NR_sigaltstack, g, 0), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_sigaltstack, 0, g + 64), ==, 0);
    g_assert_cmpint(ldl_le_p(p + 72), ==, 2);
    SYS(TARGET_NR_munmap, g, TARGET_PAGE_SIZE);
}

static void test_access_hw_stacks(void)
{
    uint64_t ps = map_rw(16 * TARGET_PAGE_SIZE);
    uint64_t pcs = map_rw(4 * TARGET_PAGE_SIZE);
    uint64_t g = map_rw(TARGET_PAGE_SIZE), frame = g, size = g + 8;
    uint64_t buf = g + 512;

    for (int i = 0; i < 256; i++) {
        ((uint8_t *)g2h(ps))[i] = i;
        ((uint8_t *)g2h(pcs))[i] = 255 - i;
    }
    env->psp_base = ps;
    env->psp_size = 16 * TARGET_PAGE_SIZE;
    env->pcsp_base = pcs;
    env->pcsp_size = 4 * TARGET_PAGE_SIZE;
    env->pcsp_ind = 64;         /* frames at +32, +64 (the current one) */
    fake_ps_used = 256;

    g_assert_cmpint(SYS(TARGET_NR_access_hw_stacks, 5, 0, 0, 0, size), ==, 0);
    g_assert_cmpuint(ldq_le_p(g2h(size)), ==, 256);
    g_assert_cmpint(SYS(TARGET_NR_access_hw_stacks, 4, 0, 0, 0, size), ==, 0);
    g_assert_cmpuint(ldq_le_p(g2h(size)), ==, 64 + E2K_SZ_OF_CR);
    /* Size queries leave the stacks alone. */
    for (int i = 0; i < 256; i++) {
        g_assert_cmpuint(((uint8_t *)g2h(pcs))[i], ==, 255 - i);
    }

    /* Procedure stack bytes 16..80. */
    stq_le_p(g2h(frame), 16);
    g_assert_cmpint(SYS(TARGET_NR_access_hw_stacks, 7, frame, buf, 64, 0),
                    ==, 0);
    g_assert_cmpmem(g2h(buf), 64, (uint8_t *)g2h(ps) + 16, 64);
    g_assert_cmpint(SYS(TARGET_NR_access_hw_stacks, 7, frame, buf, 250, 0),
                    ==, -EINVAL);
    /* The whole chain stack, the current frame included. */
    stq_le_p(g2h(frame), 0);
    g_assert_cmpint(SYS(TARGET_NR_access_hw_stacks, 6, frame, buf, 96, 0),
                    ==, 0);
    g_assert_cmpmem(g2h(buf), 96, g2h(pcs), 96);
    g_assert_cmpint(SYS(TARGET_NR_access_hw_stacks, 6, frame, buf, 97, 0),
                    ==, -EINVAL);
    /* Rewriting the current frame (longjmp does this) lands in memory. */
    stq_le_p(g2h(buf + 24), 0x5555);
    stq_le_p(g2h(frame), 64);
    g_assert_cmpint(SYS(TARGET_NR_access_hw_stacks, 9, frame, buf, 32, 0),
                    ==, 0);
    g_assert_cmpuint(ldq_le_p(g2h(pcs + 64 + 24)), ==, 0x5555);
    /* Writing the procedure stack. */
    memset(g2h(buf), 0xee, 32);
    stq_le_p(g2h(frame), 100);
    g_assert_cmpint(SYS(TARGET_NR_access_hw_stacks, 8, frame, buf, 32, 0),
                    ==, 0);
    g_assert_cmpuint(((uint8_t *)g2h(ps))[131], ==, 0xee);
    g_assert_cmpuint(((uint8_t *)g2h(ps))[132], ==, 132);
    /* Old-style read up to a frame pointer. */
    stq_le_p(g2h(frame), ps + 128);
    g_assert_cmpint(SYS(TARGET_NR_access_hw_stacks, 1, frame, buf, 256, size),
                    ==, 0);
    g_assert_cmpuint(ldq_le_p(g2h(size)), ==, 128);
    stq_le_p(g2h(frame), ps + 4096);
    g_assert_cmpint(SYS(TARGET_NR_access_hw_stacks, 1, frame, buf, 256, size),
                    ==, -EAGAIN);
    /* Errors. */
    g_assert_cmpint(SYS(TARGET_NR_access_hw_stacks, 11, frame, buf, 8, 0), ==,
                    -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_access_hw_stacks, 7, 0x10, buf, 8, 0), ==,
                    -EFAULT);
    stq_le_p(g2h(frame), 0);
    g_assert_cmpint(SYS(TARGET_NR_access_hw_stacks, 7, frame, 0x10, 8, 0), ==,
                    -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_access_hw_stacks, 5, 0, 0, 0, 0x10), ==,
                    -EFAULT);
    SYS(TARGET_NR_munmap, ps, 16 * TARGET_PAGE_SIZE);
    SYS(TARGET_NR_munmap, pcs, 4 * TARGET_PAGE_SIZE);
    SYS(TARGET_NR_munmap, g, TARGET_PAGE_SIZE);
}

static void test_strace(void)
{
    g_autofree char *log = NULL;
    int tmpfd = g_file_open_tmp("e2k-strace-XXXXXX", &log, NULL);
    g_autofree char *text = NULL;
    g_autofree char *expect_write = NULL, *expect_open = NULL;
    uint64_t g = map_rw(TARGET_PAGE_SIZE);
    int fds[2];

    close(tmpfd);
    g_assert_cmpint(pipe(fds), ==, 0);
    g_assert_true(qemu_set_log_filename(log, &error_abort));
    do_strace = true;
    put_str(g, "/nonexistent/\"x\"");
    SYS(TARGET_NR_write, fds[1], g, 3);
    SYS(TARGET_NR_open, g, O_RDONLY, 0);
    SYS(9999, 0);
    SYS(TARGET_NR_brk, 0);
    SYS_ARGS6(TARGET_NR_mmap, 0, 8192, RW, ANON | TARGET_MAP_NORESERVE |
              TARGET_MAP_HUGETLB | 0x400000, -1, 0);
    SYS(TARGET_NR_openat, (uint64_t)AT_FDCWD, g,
        O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    SYS(TARGET_NR_rt_sigprocmask, 2, 0, 0, 8);
    SYS(TARGET_NR_clock_gettime, 1, 0);
    do_strace = false;
    qemu_log_flush();
    g_assert_true(qemu_set_log_filename(NULL, &error_abort));
    g_assert_true(g_file_get_contents(log, &text, NULL, NULL));
    expect_write = g_strdup_printf("%d write(%d,0x%" G_GINT64_MODIFIER
                                   "x,3) = 3\n", getpid(), fds[1], g);
    expect_open = g_strdup_printf("%d open(\"/nonexistent/\\\"x\\\"\",O_RDONLY)"
                                  " = -1 errno=2 (No such file or directory)\n",
                                  getpid());
    g_assert_nonnull(strstr(text, expect_write));
    g_assert_nonnull(strstr(text, expect_open));
    g_assert_nonnull(strstr(text, "Unknown syscall 9999\n"));
    g_assert_nonnull(strstr(text, " brk(NULL) = 0x0000"));
    g_assert_nonnull(strstr(text, " mmap(NULL,8192,PROT_READ|PROT_WRITE,"
                            "MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE|"
                            "MAP_HUGETLB|0x400000,-1,0) = -1 errno=22"));
    g_assert_nonnull(strstr(text, " openat(AT_FDCWD,\"/nonexistent/"
                            "\\\"x\\\"\",O_WRONLY|O_CREAT|O_CLOEXEC,0644)"));
    g_assert_nonnull(strstr(text, " rt_sigprocmask(SIG_SETMASK,NULL,NULL,8)"
                            " = 0\n"));
    g_assert_nonnull(strstr(text, " clock_gettime(CLOCK_MONOTONIC,NULL)"
                            " = -1 errno=14 (Bad address)\n"));
    close(fds[0]);
    close(fds[1]);
    g_unlink(log);
    SYS(TARGET_NR_munmap, g, TARGET_PAGE_SIZE);
}

/* Code pages are write-protected; a write through the host fault handler
   or through a system call invalidates and unprotects them. */
static void test_page_protect(void)
{
    uint64_t g = map_rw(2 * TARGET_PAGE_SIZE);
    unsigned before = fake_invalidations;
    int fds[2];

    page_protect(g);
    g_assert_false(page_get_flags(g) & PAGE_WRITE);
    g_assert_true(page_get_flags(g) & PAGE_WRITE_ORG);
    g_assert_true(page_check_range(g, 8, PAGE_WRITE));
    /* A direct store faults, the handler unprotects, the store lands. */
    ((volatile uint8_t *)g2h(g))[7] = 42;
    g_assert_cmpuint(((uint8_t *)g2h(g))[7], ==, 42);
    g_assert_cmpuint(fake_invalidations, ==, before + 1);
    g_assert_cmpuint(fake_last_invalidated, ==, g);
    g_assert_true(page_get_flags(g) & PAGE_WRITE);

    /* The kernel writing into a protected page (read()) must not fault. */
    page_protect(g + TARGET_PAGE_SIZE);
    g_assert_cmpint(pipe(fds), ==, 0);
    g_assert_cmpint(write(fds[1], "zz", 2), ==, 2);
    g_assert_cmpint(SYS(TARGET_NR_read, fds[0], g + TARGET_PAGE_SIZE, 2), ==,
                    2);
    g_assert_cmpuint(fake_last_invalidated, ==, g + TARGET_PAGE_SIZE);
    g_assert_cmpuint(fake_invalidations, ==, before + 2);
    /* mprotect keeps a protected code page protected. */
    page_protect(g);
    g_assert_cmpint(SYS(TARGET_NR_mprotect, g, TARGET_PAGE_SIZE, RW), ==, 0);
    g_assert_false(page_get_flags(g) & PAGE_WRITE);
    g_assert_cmpint(page_unprotect(g, 0), ==, 1);
    g_assert_cmpint(page_unprotect(g + 100 * TARGET_PAGE_SIZE, 0), ==, 0);
    close(fds[0]);
    close(fds[1]);
    SYS(TARGET_NR_munmap, g, 2 * TARGET_PAGE_SIZE);
}

static void test_fd_calls(void)
{
    g_autofree char *path = NULL;
    int hostfd = g_file_open_tmp("e2k-pio-XXXXXX", &path, NULL);
    uint64_t g = map_rw(2 * TARGET_PAGE_SIZE);
    int fds[2];
    int64_t r;

    /* pread/pwrite do not move the offset. */
    put_str(g, "0123456789");
    g_assert_cmpint(SYS(TARGET_NR_pwrite64, hostfd, g, 10, 5), ==, 10);
    g_assert_cmpint(SYS(TARGET_NR_lseek, hostfd, 0, SEEK_CUR), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_pread64, hostfd, g + 100, 4, 7), ==, 4);
    g_assert_cmpmem(g2h(g + 100), 4, "2345", 4);
    g_assert_cmpint(SYS(TARGET_NR_pread64, hostfd, g, 4, -1), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_pread64, hostfd, 0x10, 4, 0), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_ftruncate, hostfd, 3), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_fstat, hostfd, g + 200), ==, 0);
    g_assert_cmpint(ldq_le_p(g2h(g + 200 + TARGET_STAT_SIZE)), ==, 3);
    g_assert_cmpint(SYS(TARGET_NR_fsync, hostfd), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_fdatasync, 999), ==, -EBADF);
    put_str(g, path);
    g_assert_cmpint(SYS(TARGET_NR_truncate, g, 1), ==, 0);
    g_assert_cmpint(lseek(hostfd, 0, SEEK_END), ==, 1);
    close(hostfd);

    /* pipe2 + fcntl. */
    g_assert_cmpint(SYS(TARGET_NR_pipe2, g, O_CLOEXEC), ==, 0);
    fds[0] = ldl_le_p(g2h(g));
    fds[1] = ldl_le_p(g2h(g + 4));
    g_assert_cmpint(write(fds[1], "p", 1), ==, 1);
    g_assert_cmpint(SYS(TARGET_NR_fcntl, fds[0], F_GETFD), ==, FD_CLOEXEC);
    g_assert_cmpint(SYS(TARGET_NR_fcntl, fds[0], F_GETFL) & O_ACCMODE, ==,
                    O_RDONLY);
    g_assert_cmpint(SYS(TARGET_NR_fcntl, fds[0], F_SETFL, O_NONBLOCK), ==, 0);
    g_assert_true(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
    g_assert_cmpint(SYS(TARGET_NR_fcntl, fds[0], F_GETLK, g), ==, -EINVAL);
    r = SYS(TARGET_NR_fcntl, fds[0], F_DUPFD, 100);
    g_assert_cmpint(r, >=, 100);
    close(r);
    g_assert_cmpint(SYS(TARGET_NR_dup2, fds[0], 200), ==, 200);
    close(200);
    g_assert_cmpint(SYS(TARGET_NR_pipe, 0x10), ==, -EFAULT);

    /* ioctl: terminal queries on a pipe are ENOTTY, and so are unknown
       ones (the kernel's answer to a command the file does not take). */
    g_assert_cmpint(SYS(TARGET_NR_ioctl, fds[0], 0x5401, g), ==, -ENOTTY);
    g_assert_cmpint(SYS(TARGET_NR_ioctl, fds[0], 0x5413, g), ==, -ENOTTY);
    g_assert_cmpint(SYS(TARGET_NR_ioctl, fds[0], 0x541b, g), ==, 0);
    g_assert_cmpint(ldl_le_p(g2h(g)), ==, 1);            /* FIONREAD */
    g_assert_cmpint(SYS(TARGET_NR_ioctl, fds[0], 0x1234, g), ==, -ENOTTY);
    g_assert_cmpint(SYS(TARGET_NR_ioctl, fds[0], 0x5401, 0x10), ==, -EFAULT);
    close(fds[0]);
    close(fds[1]);
    g_unlink(path);
    SYS(TARGET_NR_munmap, g, 2 * TARGET_PAGE_SIZE);
}

static void test_tty_ioctl(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    uint64_t g = map_rw(TARGET_PAGE_SIZE);
    int s;
    struct termios t;

    if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0) {
        g_test_skip("no pseudo-terminals");
        return;
    }
    s = open(ptsname(m), O_RDWR | O_NOCTTY);
    g_assert_cmpint(s, >=, 0);
    g_assert_cmpint(tcgetattr(s, &t), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_ioctl, s, 0x5401, g), ==, 0);
    g_assert_cmpuint(ldl_le_p(g2h(g)), ==, t.c_iflag);
    g_assert_cmpuint(ldl_le_p(g2h(g + 4)), ==, t.c_oflag);
    g_assert_cmpuint(ldl_le_p(g2h(g + 8)), ==, t.c_cflag);
    g_assert_cmpuint(ldl_le_p(g2h(g + 12)), ==, t.c_lflag);
    /* Set a window size through TIOCSWINSZ, read it back. */
    stw_le_p(g2h(g + 100), 33);
    stw_le_p(g2h(g + 102), 77);
    stl_le_p(g2h(g + 104), 0);
    g_assert_cmpint(SYS(TARGET_NR_ioctl, s, 0x5414, g + 100), ==, 0);
    memset(g2h(g + 200), 0, 8);
    g_assert_cmpint(SYS(TARGET_NR_ioctl, s, 0x5413, g + 200), ==, 0);
    g_assert_cmpint(lduw_le_p(g2h(g + 200)), ==, 33);
    g_assert_cmpint(lduw_le_p(g2h(g + 202)), ==, 77);
    close(s);
    close(m);
    SYS(TARGET_NR_munmap, g, TARGET_PAGE_SIZE);
}

static void test_path_calls(void)
{
    g_autofree char *dir = g_dir_make_tmp("e2k-paths-XXXXXX", NULL);
    g_autofree char *a = g_build_filename(dir, "a", NULL);
    g_autofree char *b = g_build_filename(dir, "b", NULL);
    g_autofree char *sub = g_build_filename(dir, "sub", NULL);
    g_autofree char *link = g_build_filename(dir, "link", NULL);
    uint64_t g = map_rw(4 * TARGET_PAGE_SIZE);
    uint64_t pa = g, pb = g + 512, psub = g + 1024, plink = g + 1536;
    uint64_t buf = g + 2048, dents = g + 2 * TARGET_PAGE_SIZE;
    char cwd[PATH_MAX];
    int64_t r, dfd;
    bool seen_b = false, seen_sub = false;

    put_str(pa, a);
    put_str(pb, b);
    put_str(psub, sub);
    put_str(plink, link);
    g_assert_true(g_file_set_contents(a, "x", 1, NULL));
    g_assert_cmpint(SYS(TARGET_NR_access, pa, R_OK), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_access, pb, F_OK), ==, -ENOENT);
    g_assert_cmpint(SYS(TARGET_NR_faccessat, (uint64_t)AT_FDCWD, pa, W_OK),
                    ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_rename, pa, pb), ==, 0);
    g_assert_true(g_file_test(b, G_FILE_TEST_EXISTS));
    g_assert_cmpint(SYS(TARGET_NR_mkdir, psub, 0700), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_mkdir, psub, 0700), ==, -EEXIST);
    g_assert_true(g_file_test(sub, G_FILE_TEST_IS_DIR));

    /* getdents64 lists them. */
    put_str(buf, dir);
    dfd = SYS(TARGET_NR_open, buf, O_RDONLY | O_DIRECTORY, 0);
    g_assert_cmpint(dfd, >=, 0);
    r = SYS(TARGET_NR_getdents64, dfd, dents, 2 * TARGET_PAGE_SIZE);
    g_assert_cmpint(r, >, 0);
    for (int64_t off = 0; off < r; ) {
        const uint8_t *d = g2h(dents + off);
        const char *name = (const char *)d + 19;
        seen_b |= strcmp(name, "b") == 0;
        seen_sub |= strcmp(name, "sub") == 0;
        off += lduw_le_p(d + 16);
    }
    g_assert_true(seen_b && seen_sub);
    g_assert_cmpint(SYS(TARGET_NR_getdents64, dfd, 0x10, 4096), ==, -EFAULT);

    /* unlinkat relative to the directory fd. */
    put_str(buf, "b");
    g_assert_cmpint(SYS(TARGET_NR_unlinkat, dfd, buf, 0), ==, 0);
    g_assert_false(g_file_test(b, G_FILE_TEST_EXISTS));
    SYS(TARGET_NR_close, dfd);

    /* readlink: a real link, and /proc/self/exe naming the guest. */
    g_assert_cmpint(symlink("target-name", link), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_readlink, plink, buf, 100), ==, 11);
    g_assert_cmpmem(g2h(buf), 11, "target-name", 11);
    g_assert_cmpint(SYS(TARGET_NR_readlink, plink, buf, 4), ==, 4);
    target_exec_path = g_strdup("/guest/bin/prog");
    put_str(buf + 200, "/proc/self/exe");
    g_assert_cmpint(SYS(TARGET_NR_readlink, buf + 200, buf, 100), ==, 15);
    g_assert_cmpmem(g2h(buf), 15, "/guest/bin/prog", 15);
    g_free(target_exec_path);
    target_exec_path = NULL;
    g_assert_cmpint(SYS(TARGET_NR_unlink, plink), ==, 0);

    /* getcwd / chdir. */
    g_assert_nonnull(getcwd(cwd, sizeof(cwd)));
    r = SYS(TARGET_NR_getcwd, buf, 4096);
    g_assert_cmpint(r, ==, strlen(cwd) + 1);
    g_assert_cmpstr(g2h(buf), ==, cwd);
    g_assert_cmpint(SYS(TARGET_NR_getcwd, buf, 2), ==, -ERANGE);
    g_assert_cmpint(SYS(TARGET_NR_chdir, psub), ==, 0);
    g_assert_nonnull(getcwd(g2h(buf + 1000), 1000));
    g_assert_true(g_str_has_suffix(g2h(buf + 1000), "/sub"));
    put_str(buf, cwd);
    g_assert_cmpint(SYS(TARGET_NR_chdir, buf), ==, 0);

    g_assert_cmpint(SYS(TARGET_NR_rmdir, psub), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_rmdir, psub), ==, -ENOENT);
    g_assert_cmpint(SYS(TARGET_NR_umask, 022), ==, umask(022));
    g_rmdir(dir);
    SYS(TARGET_NR_munmap, g, 4 * TARGET_PAGE_SIZE);
}

static void test_process_calls(void)
{
    uint64_t g = map_rw(TARGET_PAGE_SIZE);
    struct rlimit rl;
    int64_t t;

    /* prlimit64 / ugetrlimit report the host's limits. */
    g_assert_cmpint(getrlimit(RLIMIT_NOFILE, &rl), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_prlimit64, 0, RLIMIT_NOFILE, 0, g), ==, 0);
    g_assert_cmpuint(ldq_le_p(g2h(g)), ==, rl.rlim_cur);
    g_assert_cmpuint(ldq_le_p(g2h(g + 8)), ==, rl.rlim_max);
    memset(g2h(g), 0, 16);
    g_assert_cmpint(SYS(TARGET_NR_ugetrlimit, RLIMIT_NOFILE, g), ==, 0);
    g_assert_cmpuint(ldq_le_p(g2h(g + 8)), ==, rl.rlim_max);
    g_assert_cmpint(SYS(TARGET_NR_prlimit64, 0, RLIMIT_NOFILE, 0, 0x10), ==,
                    -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_prlimit64, 0, 999, 0, g), ==, -EINVAL);

    /* MADV_DONTNEED empties private anonymous pages. */
    memset(g2h(g), 0xab, 64);
    g_assert_cmpint(SYS(TARGET_NR_madvise, g, TARGET_PAGE_SIZE, 4), ==, 0);
    g_assert_cmpuint(((uint8_t *)g2h(g))[10], ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_madvise, g + 1, 10, 4), ==, -EINVAL);

    t = SYS(TARGET_NR_time, g);
    g_assert_cmpint(t, >, 1600000000);
    g_assert_cmpint(ldq_le_p(g2h(g)), ==, t);
    g_assert_cmpint(SYS(TARGET_NR_time, 0x10), ==, -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_set_robust_list, g, 24), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_set_robust_list, g, 3), ==, -EINVAL);

    /* Signals to ourselves: 0 probes, an ignored one vanishes. */
    g_assert_cmpint(SYS(TARGET_NR_kill, getpid(), 0), ==, 0);
    memset(g2h(g), 0, 32);
    stq_le_p(g2h(g), 1);                                    /* SIG_IGN */
    g_assert_cmpint(SYS(TARGET_NR_rt_sigaction, SIGUSR2, g, 0, 8), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_tgkill, getpid(), syscall(SYS_gettid),
                        SIGUSR2), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_kill, getpid(), 99), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_kill, 0x7ffffff0, 0), ==, -ESRCH);
    SYS(TARGET_NR_munmap, g, TARGET_PAGE_SIZE);
}

static void test_info_calls(void)
{
    uint64_t g = map_rw(2 * TARGET_PAGE_SIZE);
    struct sysinfo si;
    int64_t r;

    /* struct rusage: ru_utime first; ru_maxrss (KiB) at 32. */
    g_assert_cmpint(SYS(TARGET_NR_getrusage, RUSAGE_SELF, g), ==, 0);
    g_assert_cmpint(ldq_le_p(g2h(g + 32)), >, 0);
    g_assert_cmpint(SYS(TARGET_NR_getrusage, RUSAGE_SELF, 0x10), ==,
                    -EFAULT);
    g_assert_cmpint(SYS(TARGET_NR_getrusage, 99, g), ==, -EINVAL);
    /* times: clock ticks, struct tms optional. */
    g_assert_cmpint(SYS(TARGET_NR_times, g), >, 0);
    g_assert_cmpint(SYS(TARGET_NR_times, 0), >, 0);
    g_assert_cmpint(SYS(TARGET_NR_times, 0x10), ==, -EFAULT);
    /* sysinfo: totalram at 32, mem_unit at 104. */
    g_assert_cmpint(sysinfo(&si), ==, 0);
    g_assert_cmpint(SYS(TARGET_NR_sysinfo, g), ==, 0);
    g_assert_cmpuint(ldq_le_p(g2h(g + 32)), ==, si.totalram);
    g_assert_cmpuint(ldl_le_p(g2h(g + 104)), ==, si.mem_unit);
    /* sched_getaffinity: bytes of mask written, at least one CPU set. */
    r = SYS(TARGET_NR_sched_getaffinity, 0, 128, g + 512);
    g_assert_cmpint(r, >, 0);
    g_assert_cmpuint(ldq_le_p(g2h(g + 512)), !=, 0);
    g_assert_cmpint(SYS(TARGET_NR_sched_getaffinity, 0, 7, g), ==, -EINVAL);
    g_assert_cmpint(SYS(TARGET_NR_getpgrp, 0), ==, getpgrp());
    g_assert_cmpint(SYS(TARGET_NR_getpgid, 0), ==, getpgid(0));
    g_assert_cmpint(SYS(TARGET_NR_getsid, 0), ==, getsid(0));
    g_assert_cmpint(SYS(TARGET_NR_getpgid, 0x7ffffff0), ==, -ESRCH);
    SYS(TARGET_NR_munmap, g, 2 * TARGET_PAGE_SIZE);
}

static void child_abort(void)
{
    /* What glibc's abort() does. */
    SYS(TARGET_NR_tgkill, getpid(), syscall(SYS_gettid), SIGABRT);
}

static int run_child(void (*fn)(void), char **err_text);

static void test_abort(void)
{
    g_autofree char *err = NULL;
    int status = run_child(child_abort, &err);

    g_assert_cmpstr(err, ==, "qemu: uncaught target signal 6 (Aborted) - "
                    "core dumped\n");
    g_assert_true(WIFSIGNALED(status));
    g_assert_cmpint(WTERMSIG(status), ==, SIGABRT);
}

/*
 * Random system calls with random (mostly bad, often colliding) guest
 * pointers and sizes: nothing may crash, and afterwards the page flags
 * must agree with the host mappings (every readable page reads, every
 * writable page writes).
 */
#define FUZZ_WINDOW ((uint64_t)64 << 20)

static uint64_t fuzz_addr(GRand *r)
{
    uint64_t base = GUEST_MMAP_BASE;

    switch (g_rand_int_range(r, 0, 8)) {
    case 0:
        return 0;
    case 1:
        return g_rand_int_range(r, 0, 0x20000);
    case 2:
        return UINT64_MAX - g_rand_int_range(r, 0, 0x10000);
    case 3:
        return guest_space_size - g_rand_int_range(r, 0, 0x10000);
    case 4:
        return ((uint64_t)g_rand_int(r) << 32) | g_rand_int(r);
    case 5:                     /* page aligned inside the window */
        return base + (g_rand_int_range(r, 0, FUZZ_WINDOW >> 12) << 12);
    default:                    /* anywhere inside the window */
        return base + g_rand_int_range(r, 0, FUZZ_WINDOW);
    }
}

static uint64_t fuzz_len(GRand *r)
{
    switch (g_rand_int_range(r, 0, 6)) {
    case 0:
        return 0;
    case 1:
        return UINT64_MAX - g_rand_int_range(r, 0, 4096);
    case 2:
        return (uint64_t)g_rand_int_range(r, 1, 64) << 20;
    default:
        return g_rand_int_range(r, 1, 3 * 4096);
    }
}

static void test_fuzz(void)
{
    GRand *r = g_rand_new_with_seed(0x5eed2026);
    int null_fd = open("/dev/null", O_RDWR);
    g_autofree char *tmp = NULL;
    int file_fd = g_file_open_tmp("e2k-fuzz-XXXXXX", &tmp, NULL);
    int fds[2];
    unsigned ok = 0;
    static const int calls[] = {
        TARGET_NR_mmap, TARGET_NR_munmap, TARGET_NR_mprotect,
        TARGET_NR_mremap, TARGET_NR_brk, TARGET_NR_read, TARGET_NR_write,
        TARGET_NR_writev, TARGET_NR_readv, TARGET_NR_pread64,
        TARGET_NR_fstat, TARGET_NR_newfstatat, TARGET_NR_uname,
        TARGET_NR_clock_gettime, TARGET_NR_gettimeofday,
        TARGET_NR_rt_sigaction, TARGET_NR_rt_sigprocmask,
        TARGET_NR_access_hw_stacks, TARGET_NR_readlink, TARGET_NR_getcwd,
        TARGET_NR_madvise, TARGET_NR_time, TARGET_NR_pipe2,
        TARGET_NR_getdents64, TARGET_NR_ioctl, TARGET_NR_access,
    };

    g_assert_cmpint(null_fd, >=, 0);
    g_assert_cmpint(pipe(fds), ==, 0);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    g_assert_cmpint(write(file_fd, "some file data", 14), ==, 14);
    target_set_brk(GUEST_MMAP_BASE + FUZZ_WINDOW / 2);
    env->psp_base = GUEST_MMAP_BASE;
    env->psp_size = 1 << 20;
    env->pcsp_base = GUEST_MMAP_BASE + (2 << 20);
    env->pcsp_size = 1 << 20;
    env->pcsp_ind = 4096;
    fake_ps_used = 8192;

    for (int i = 0; i < 30000; i++) {
        int nr = calls[g_rand_int_range(r, 0, G_N_ELEMENTS(calls))];
        uint64_t a[6];
        int64_t ret;
        /* Only our harmless descriptors. */
        int fd = (int[]){ null_fd, file_fd, fds[0], fds[1] }
                 [g_rand_int_range(r, 0, 4)];

        for (int k = 0; k < 6; k++) {
            a[k] = g_rand_boolean(r) ? fuzz_addr(r) : fuzz_len(r);
        }
        switch (nr) {
        case TARGET_NR_mmap:
            a[2] = g_rand_int_range(r, 0, 8);
            a[3] = (g_rand_boolean(r) ? TARGET_MAP_FIXED : 0) |
                   (g_rand_int_range(r, 0, 8) == 0 ? TARGET_MAP_SHARED
                                                   : TARGET_MAP_PRIVATE) |
                   (g_rand_int_range(r, 0, 4) ? TARGET_MAP_ANONYMOUS : 0);
            a[4] = file_fd;
            a[5] = g_rand_int_range(r, 0, 4) * 4096;
            if (a[1] > (64 << 20)) {
                a[1] = g_rand_int_range(r, 1, 1 << 20);
            }
            break;
        case TARGET_NR_mprotect:
            a[2] = g_rand_int_range(r, 0, 8);
            break;
        case TARGET_NR_mremap:
            a[3] = g_rand_int_range(r, 0, 4);
            break;
        case TARGET_NR_read: case TARGET_NR_write: case TARGET_NR_writev:
        case TARGET_NR_readv: case TARGET_NR_pread64: case TARGET_NR_fstat:
        case TARGET_NR_getdents64: case TARGET_NR_ioctl:
            a[0] = fd;
            if (nr == TARGET_NR_ioctl) {
                a[1] = 0x5400 + g_rand_int_range(r, 0, 0x20);
            }
            if (nr == TARGET_NR_writev || nr == TARGET_NR_readv) {
                a[2] = g_rand_int_range(r, 0, 1100);
            }
            break;
        case TARGET_NR_newfstatat:
            a[0] = (uint64_t)AT_FDCWD;
            a[3] = 0;
            break;
        case TARGET_NR_rt_sigaction:
            a[0] = g_rand_int_range(r, -2, 70);
            a[3] = g_rand_int_range(r, 0, 4) ? 8 : 4;
            break;
        case TARGET_NR_rt_sigprocmask:
            a[0] = g_rand_int_range(r, 0, 4);
            a[3] = 8;
            break;
        case TARGET_NR_access_hw_stacks:
            a[0] = g_rand_int_range(r, 0, 12);
            break;
        case TARGET_NR_clock_gettime:
            a[0] = g_rand_int_range(r, -1, 12);
            break;
        case TARGET_NR_madvise:
            a[2] = g_rand_int_range(r, 0, 5);
            break;
        }
        ret = do_syscall(env, nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        if (ret >= 0 || nr == TARGET_NR_brk) {
            ok++;
        } else {
            g_assert_cmpint(ret, >=, -4095);
        }
        if (nr == TARGET_NR_pipe2 && ret == 0 &&
            page_check_range(a[0], 8, PAGE_READ)) {
            close(ldl_le_p(g2h(a[0])));
            close(ldl_le_p(g2h(a[0] + 4)));
        }
        /* Keep the pipe from filling up or running dry. */
        if ((i & 63) == 0) {
            char junk[4096];
            while (read(fds[0], junk, sizeof(junk)) > 0) {
            }
            g_assert_cmpint(write(fds[1], "0123456789abcdef", 16), ==, 16);
        }
    }
    g_assert_cmpuint(ok, >, 1000);

    /* The page flags match the host mappings. */
    for (uint64_t p = GUEST_MMAP_BASE;
         p < GUEST_MMAP_BASE + FUZZ_WINDOW + (64 << 20);
         p += TARGET_PAGE_SIZE) {
        int f = page_get_flags(p);
        if (f & (PAGE_READ | PAGE_EXEC)) {
            volatile uint8_t v = *(volatile uint8_t *)g2h(p);
            (void)v;
        }
        if (f & PAGE_WRITE) {
            *(volatile uint8_t *)g2h(p) = 1;
        }
    }
    close(null_fd);
    close(file_fd);
    close(fds[0]);
    close(fds[1]);
    g_unlink(tmp);
    g_rand_free(r);
    /* Random rt_sigaction calls may have set any disposition (and the
       host mirrors SIG_IGN): back to defaults for the tests after us. */
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        TargetSigaction dfl = { 0 };
        if (sig != SIGKILL && sig != SIGSTOP) {
            g_assert_cmpint(do_rt_sigaction(sig, &dfl, NULL), ==, 0);
        }
    }
    g_assert_cmpint(do_rt_sigprocmask(2, &(uint64_t){ 0 }, NULL), ==, 0);
}

/* Run @fn in a child; return its wait status and what it wrote to
   stderr. */
static int run_child(void (*fn)(void), char **err_text)
{
    int pipefd[2], status;
    pid_t pid;
    GString *text = g_string_new(NULL);
    char buf[256];
    ssize_t n;

    g_assert_cmpint(pipe(pipefd), ==, 0);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    g_assert_cmpint(pid, >=, 0);
    if (pid == 0) {
        dup2(pipefd[1], 2);
        close(pipefd[0]);
        fn();
        _exit(99);              /* fn should not return */
    }
    close(pipefd[1]);
    while ((n = read(pipefd[0], buf, sizeof(buf))) > 0) {
        g_string_append_len(text, buf, n);
    }
    close(pipefd[0]);
    g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
    *err_text = g_string_free(text, false);
    return status;
}

static void child_exit(void)
{
    SYS(TARGET_NR_exit_group, 0x12a);
}

/* Unmapping, replacing, moving or un-exec-ing a page drops the
   translations made from it; data pages cost nothing. */
static void test_code_invalidation(void)
{
    const int RX = TARGET_PROT_READ | TARGET_PROT_EXEC;
    uint64_t code = SYS_ARGS6(TARGET_NR_mmap, 0, 3 * TARGET_PAGE_SIZE, RX,
                              ANON, -1, 0);
    uint64_t data = map_rw(2 * TARGET_PAGE_SIZE);
    unsigned n = fake_invalidations;
    int64_t r;

    g_assert_cmpint(SYS(TARGET_NR_munmap, data, 2 * TARGET_PAGE_SIZE), ==, 0);
    g_assert_cmpuint(fake_invalidations, ==, n);
    g_assert_cmpint(SYS(TARGET_NR_munmap, code, TARGET_PAGE_SIZE), ==, 0);
    g_assert_cmpuint(fake_invalidations, ==, n + 1);
    g_assert_cmpuint(fake_last_invalidated, ==, code);
    g_assert_cmpint(SYS(TARGET_NR_mprotect, code + TARGET_PAGE_SIZE,
                        TARGET_PAGE_SIZE, TARGET_PROT_READ), ==, 0);
    g_assert_cmpuint(fake_invalidations, ==, n + 2);
    g_assert_cmpuint(fake_last_invalidated, ==, code + TARGET_PAGE_SIZE);
    /* Still executable: no invalidation. */
    g_assert_cmpint(SYS(TARGET_NR_mprotect, code + 2 * TARGET_PAGE_SIZE,
                        TARGET_PAGE_SIZE, RX), ==, 0);
    g_assert_cmpuint(fake_invalidations, ==, n + 2);
    r = SYS_ARGS6(TARGET_NR_mmap, code + 2 * TARGET_PAGE_SIZE,
                  TARGET_PAGE_SIZE, RX, ANON | TARGET_MAP_FIXED, -1, 0);
    g_assert_cmpint(r, ==, code + 2 * TARGET_PAGE_SIZE);
    g_assert_cmpuint(fake_invalidations, ==, n + 3);
    r = SYS(TARGET_NR_mremap, code + 2 * TARGET_PAGE_SIZE, TARGET_PAGE_SIZE,
            8 * TARGET_PAGE_SIZE, TARGET_MREMAP_MAYMOVE, 0);
    g_assert_cmpint(r, >, 0);
    g_assert_cmpuint(fake_invalidations, ==, n + 4);
    g_assert_cmpuint(fake_last_invalidated, ==, code + 2 * TARGET_PAGE_SIZE);
    SYS(TARGET_NR_munmap, r, 8 * TARGET_PAGE_SIZE);
    SYS(TARGET_NR_munmap, code, 3 * TARGET_PAGE_SIZE);
}

static void test_exit(void)
{
    g_autofree char *err = NULL;
    int status = run_child(child_exit, &err);

    /* The status is truncated to 8 bits like Linux does. */
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 0x2a);
    g_assert_cmpstr(err, ==, "");
}

static void child_segv(void)
{
    queue_signal(env, 11, 1, 0x1234);
}

static void test_uncaught_signal(void)
{
    g_autofree char *err = NULL;
    int status = run_child(child_segv, &err);

    g_assert_cmpstr(err, ==, "qemu: uncaught target signal 11 "
                    "(Segmentation fault) - core dumped\n");
    g_assert_true(WIFSIGNALED(status));
    g_assert_cmpint(WTERMSIG(status), ==, SIGSEGV);
}

static void child_ignored_sigill(void)
{
    uint64_t g = map_rw(TARGET_PAGE_SIZE);

    stq_le_p(g2h(g), 1);                                    /* SIG_IGN */
    g_assert_cmpint(SYS(TARGET_NR_rt_sigaction, 4, g, 0, 8), ==, 0);
    queue_signal(env, 4, 0, 0);
}

static void child_term(void)
{
    queue_signal(env, 15, 0, 0);
}

static void test_ignored_signal(void)
{
    /* SIGCHLD's default is to ignore; a SIG_IGN'd SIGUSR1 is dropped; but
       a synchronous SIGILL kills even when ignored. */
    uint64_t g = map_rw(TARGET_PAGE_SIZE);
    g_autofree char *err = NULL, *err2 = NULL;
    int status;

    queue_signal(env, SIGCHLD, 0, 0);
    memset(g2h(g), 0, 32);
    stq_le_p(g2h(g), 1);                                    /* SIG_IGN */
    g_assert_cmpint(SYS(TARGET_NR_rt_sigaction, 10, g, 0, 8), ==, 0);
    queue_signal(env, 10, 0, 0);
    stq_le_p(g2h(g), 0);
    g_assert_cmpint(SYS(TARGET_NR_rt_sigaction, 10, g, 0, 8), ==, 0);

    status = run_child(child_ignored_sigill, &err);
    g_assert_cmpstr(err, ==, "qemu: uncaught target signal 4 "
                    "(Illegal instruction) - core dumped\n");
    g_assert_true(WIFSIGNALED(status));
    g_assert_cmpint(WTERMSIG(status), ==, SIGILL);
    /* SIGTERM kills without a core, so without the message. */
    status = run_child(child_term, &err2);
    g_assert_cmpstr(err2, ==, "");
    g_assert_true(WIFSIGNALED(status));
    g_assert_cmpint(WTERMSIG(status), ==, SIGTERM);
    SYS(TARGET_NR_munmap, g, TARGET_PAGE_SIZE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (!guest_memory_init(GUEST_SPACE_DEFAULT_SIZE, 0, &error_abort)) {
        return 1;
    }
    signal_init();
    env = g_new0(CPUE2KState, 1);
    thread_cpu = env;
    g_test_add_func("/e2k/syscall/mmap", test_mmap);
    g_test_add_func("/e2k/syscall/mmap-file", test_mmap_file);
    g_test_add_func("/e2k/syscall/mremap", test_mremap);
    g_test_add_func("/e2k/syscall/brk", test_brk);
    g_test_add_func("/e2k/syscall/read-write", test_read_write);
    g_test_add_func("/e2k/syscall/files", test_files);
    g_test_add_func("/e2k/syscall/ld-prefix", test_ld_prefix);
    g_test_add_func("/e2k/syscall/uname-ids", test_uname_ids);
    g_test_add_func("/e2k/syscall/time", test_time);
    g_test_add_func("/e2k/syscall/unknown", test_unknown);
    g_test_add_func("/e2k/syscall/signals", test_signals);
    g_test_add_func("/e2k/syscall/sigpipe-ignored", test_sigpipe_ignored);
    g_test_add_func("/e2k/syscall/sigaltstack", test_sigaltstack);
    g_test_add_func("/e2k/syscall/timers", test_timers);
    g_test_add_func("/e2k/syscall/access-hw-stacks", test_access_hw_stacks);
    g_test_add_func("/e2k/syscall/strace", test_strace);
    g_test_add_func("/e2k/syscall/page-protect", test_page_protect);
    g_test_add_func("/e2k/syscall/fd-calls", test_fd_calls);
    g_test_add_func("/e2k/syscall/tty-ioctl", test_tty_ioctl);
    g_test_add_func("/e2k/syscall/path-calls", test_path_calls);
    g_test_add_func("/e2k/syscall/process-calls", test_process_calls);
    g_test_add_func("/e2k/syscall/info-calls", test_info_calls);
    g_test_add_func("/e2k/syscall/abort", test_abort);
    g_test_add_func("/e2k/syscall/code-invalidation", test_code_invalidation);
    g_test_add_func("/e2k/syscall/exit", test_exit);
    g_test_add_func("/e2k/syscall/uncaught-signal", test_uncaught_signal);
    g_test_add_func("/e2k/syscall/ignored-signal", test_ignored_signal);
    g_test_add_func("/e2k/syscall/fuzz", test_fuzz);
    return g_test_run();
}
