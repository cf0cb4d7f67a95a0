/*
 * The synthetic /proc files (linux-user/proc.c) through do_syscall(), with
 * a loaded reference program (ref/gcd.ref.elf) and a fake CPU state:
 * cpuinfo for two models, auxv, cmdline, environ, maps, stat, comm,
 * status, exe, fd links, the path forms, the open flags the kernel
 * refuses, and the paths that stay the host's.  Expected values come
 * from the e2k kernel sources (cpuinfo) and readelf (gcd's segments), not
 * from proc.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu.h"
#include "e2k/syscall_nr.h"
#include "fake-cpu.h"

static CPUE2KState *env;
static uint64_t gbuf;              /* guest scratch: path at +0, data after */
#define GDATA_OFF   4096
#define GDATA_SIZE  (1 << 20)

static int64_t sys(int nr, uint64_t a1, uint64_t a2, uint64_t a3)
{
    return do_syscall(env, nr, a1, a2, a3, 0, 0, 0);
}

static uint64_t gpath(const char *path)
{
    g_assert_cmpuint(strlen(path), <, GDATA_OFF);
    memcpy(g2h(gbuf), path, strlen(path) + 1);
    return gbuf;
}

/* open(path, flags), or the negative errno. */
static int64_t gopen(const char *path, int flags)
{
    return sys(TARGET_NR_open, gpath(path), flags, 0);
}

/* The whole content of @path as the guest reads it (NULL: open failed). */
static GString *gread(const char *path)
{
    int64_t fd = gopen(path, O_RDONLY), n;
    GString *s;

    if (fd < 0) {
        return NULL;
    }
    s = g_string_new(NULL);
    while ((n = sys(TARGET_NR_read, fd, gbuf + GDATA_OFF, 1000)) > 0) {
        g_string_append_len(s, g2h(gbuf + GDATA_OFF), n);
    }
    g_assert_cmpint(n, ==, 0);
    g_assert_cmpint(sys(TARGET_NR_close, fd, 0, 0), ==, 0);
    return s;
}

static char *greadlink(const char *path, int64_t *ret)
{
    *ret = sys(TARGET_NR_readlink, gpath(path), gbuf + GDATA_OFF, 4096);
    if (*ret < 0) {
        return NULL;
    }
    return g_strndup(g2h(gbuf + GDATA_OFF), *ret);
}

static unsigned count_lines_starting(const char *text, const char *prefix)
{
    unsigned n = 0;
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);

    for (int i = 0; lines[i]; i++) {
        n += g_str_has_prefix(lines[i], prefix);
    }
    return n;
}

static void set_model(const char *name, int isa)
{
    static E2KModel model;

    model.name = name;
    model.isa = isa;
    model.desc = name;
    env->model = &model;
}

static void test_cpuinfo(void)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    GString *s;

    /* Elbrus-8C: family 4, model 7 (CPU_TYPE_E8C), a board name as the
       vendor, an L3 shared by the cores. */
    set_model("e8c", 4);
    s = gread("/proc/cpuinfo");
    g_assert_nonnull(s);
    g_assert_true(g_str_has_prefix(s->str, "processor\t: 0\n"
                                   "vendor_id\t: E8C-SWTX\n"
                                   "cpu family\t: 4\n"
                                   "model\t\t: 7\n"
                                   "model name\t: E8C\n"
                                   "revision\t: 0\n"
                                   "cpu MHz\t\t: 1300\n"
                                   "bogomips\t: 2600.00\n\n"));
    g_assert_cmpuint(count_lines_starting(s->str, "processor\t: "), ==, ncpu);
    g_assert_nonnull(strstr(s->str, "\n\ncache0          : level=1 "
                            "type=Instruction scope=Private size=128K "
                            "line_size=256 associativity=4\n"));
    g_assert_nonnull(strstr(s->str, "cache3          : level=3 "
                            "type=Unified scope=Shared size=16384K "
                            "line_size=64 associativity=16\n"));
    g_assert_true(g_str_has_suffix(s->str, "associativity=16\n"));
    g_string_free(s, TRUE);

    /* Elbrus-16C: family 6, model 11, the "Elbrus-MCST" vendor. */
    set_model("e16c", 6);
    s = gread("/proc/cpuinfo");
    g_assert_nonnull(strstr(s->str, "vendor_id\t: Elbrus-MCST\n"
                            "cpu family\t: 6\nmodel\t\t: 11\n"
                            "model name\t: E16C\n"));
    g_assert_nonnull(strstr(s->str, "size=32768K"));
    g_string_free(s, TRUE);

    /* Read-only, not a directory, cannot be created exclusively. */
    g_assert_cmpint(gopen("/proc/cpuinfo", O_WRONLY), ==, -EACCES);
    g_assert_cmpint(gopen("/proc/cpuinfo", O_RDWR), ==, -EACCES);
    g_assert_cmpint(gopen("/proc/cpuinfo", O_RDONLY | O_DIRECTORY), ==,
                    -ENOTDIR);
    set_model("e8c", 4);
}

/* A process image from the reference program gcd, as main() builds it. */
static ImageInfo info;
static char *exe_path;

static void load_gcd(void)
{
    char *argv[] = { "gcd", "arg one", "", NULL };
    char *envp[] = { "X=1", "EMPTY=", NULL };
    Error *err = NULL;

    exe_path = g_test_build_filename(G_TEST_DIST, "ref", "gcd.ref.elf",
                                     NULL);
    target_exec_path = realpath(exe_path, NULL);
    g_assert_nonnull(target_exec_path);
    g_assert_true(elf_load_file(target_exec_path, &info, &err));
    g_assert_true(setup_process_stacks(&info, 3, argv, envp, "/bin/gcd",
                                       1 << 20, &err));
    g_assert_null(err);
}

static void test_auxv(void)
{
    GString *s = gread("/proc/self/auxv");
    uint64_t p = info.sp + 8 * (1 + 3 + 1 + 2 + 1);   /* the stack's auxv */
    size_t n = 0;

    g_assert_nonnull(s);
    g_assert_cmpuint(s->len % 16, ==, 0);
    /* The same pairs, in guest byte order, as on the initial stack. */
    for (;;) {
        uint64_t type = ldq_le_p(g2h(p)), val = ldq_le_p(g2h(p + 8));

        g_assert_cmpuint(n + 16, <=, s->len);
        g_assert_cmpuint(ldq_le_p(s->str + n), ==, type);
        g_assert_cmpuint(ldq_le_p(s->str + n + 8), ==, val);
        n += 16;
        p += 16;
        if (type == 0) {
            break;
        }
        if (type == 9) {
            g_assert_cmpuint(val, ==, 0x100b0);     /* AT_ENTRY (readelf) */
        }
    }
    g_assert_cmpuint(n, ==, s->len);
    g_string_free(s, TRUE);
    /* The guest overwriting its stack does not change the saved copy. */
    memset(g2h(info.sp + 64), 0xff, 16);
    s = gread("/proc/self/auxv");
    g_assert_cmpuint(ldq_le_p(s->str + s->len - 16), ==, 0);
    g_string_free(s, TRUE);
}

static void test_cmdline_environ(void)
{
    GString *s = gread("/proc/self/cmdline");

    /* "gcd", "arg one", "": three NUL-terminated strings. */
    g_assert_cmpmem(s->str, s->len, "gcd\0arg one\0\0", 13);
    g_string_free(s, TRUE);
    s = gread("/proc/self/environ");
    g_assert_cmpmem(s->str, s->len, "X=1\0EMPTY=\0", 11);
    g_string_free(s, TRUE);
}

static void test_exe(void)
{
    g_autofree char *pid_exe = g_strdup_printf("/proc/%d/exe", getpid());
    g_autofree char *link = NULL, *link2 = NULL;
    int64_t r;
    GString *s;
    gchar *file;
    gsize len;

    link = greadlink("/proc/self/exe", &r);
    g_assert_cmpstr(link, ==, target_exec_path);
    link2 = greadlink(pid_exe, &r);
    g_assert_cmpstr(link2, ==, target_exec_path);
    /* Opening it opens the guest program. */
    s = gread("/proc/self/exe");
    g_assert_true(g_file_get_contents(exe_path, &file, &len, NULL));
    g_assert_cmpmem(s->str, s->len, file, len);
    g_free(file);
    g_string_free(s, TRUE);
    /* Another process's link is the host's: not the guest program. */
    g_free(greadlink("/proc/1/exe", &r));
    g_assert_true(r < 0 || r != (int64_t)strlen(target_exec_path) ||
                  memcmp(g2h(gbuf + GDATA_OFF), target_exec_path, r) != 0);
    /* Look-alike paths are not /proc/self. */
    g_assert_cmpint(gopen("/proc/0/auxv", O_RDONLY), <, 0);
    g_assert_cmpint(gopen("/proc/selfish/auxv", O_RDONLY), <, 0);
}

static void test_maps(void)
{
    GString *s = gread("/proc/self/maps");
    g_autofree char *text_line = NULL, *data_line = NULL;
    g_auto(GStrv) lines = NULL;
    char tmpl[] = "/tmp/test-proc-XXXXXX";
    struct stat st;
    uint64_t m;
    int fd;
    GString *s2;

    g_assert_nonnull(s);
    g_assert_true(stat(target_exec_path, &st) == 0);
    /* gcd's two PT_LOAD segments (readelf): text at 0x10000, offset 0,
       R E; data at 0x111c0, offset 0x1c0, RW.  Named after the program,
       with its device and inode, the name in column 74. */
    text_line = g_strdup_printf("00010000-00011000 r-xp 00000000 %02x:%02x "
                                "%lu", major(st.st_dev), minor(st.st_dev),
                                (unsigned long)st.st_ino);
    data_line = g_strdup_printf("00011000-00012000 rw-p 00000000 %02x:%02x "
                                "%lu", major(st.st_dev), minor(st.st_dev),
                                (unsigned long)st.st_ino);
    lines = g_strsplit(s->str, "\n", -1);
    g_assert_true(g_str_has_prefix(lines[0], text_line));
    g_assert_cmpuint(strlen(lines[0]), ==, 73 + strlen(target_exec_path));
    g_assert_cmpstr(lines[0] + 73, ==, target_exec_path);
    g_assert_true(g_str_has_prefix(lines[1], data_line));
    /* The stack, named; nothing of qemu-e2k's own (host addresses). */
    g_assert_nonnull(strstr(s->str, "[stack]\n"));
    g_assert_null(strstr(s->str, "[heap]"));        /* no brk() yet */
    /* The procedure and chain stacks: one line each, as the kernel's
       separate mappings, even where the host merged them. */
    {
        g_autofree char *psp = g_strdup_printf(
            "\n%08" PRIx64 "-%08" PRIx64 " rw-p 00000000 00:00 0 \n",
            info.psp_base, info.psp_base + info.psp_size);
        g_autofree char *pcsp = g_strdup_printf(
            "\n%08" PRIx64 "-%08" PRIx64 " rw-p 00000000 00:00 0 \n",
            info.pcsp_base, info.pcsp_base + info.pcsp_size);
        g_assert_nonnull(strstr(s->str, psp));
        g_assert_nonnull(strstr(s->str, pcsp));
    }
    for (int i = 0; lines[i] && lines[i][0]; i++) {
        uint64_t start = g_ascii_strtoull(lines[i], NULL, 16);
        g_assert_cmpuint(start, <, guest_space_size);
        g_assert_null(strstr(lines[i], "qemu"));
        g_assert_null(strstr(lines[i], "test-proc"));
    }
    g_string_free(s, TRUE);

    /* The heap once brk() grew it: the pages above the program's bss,
       up to the break rounded to a page. */
    {
        uint64_t heap = TARGET_PAGE_ALIGN(info.brk);
        g_autofree char *want = g_strdup_printf(
            "%08" PRIx64 "-%08" PRIx64 " rw-p 00000000 00:00 0 ", heap,
            heap + 3 * 4096);

        g_assert_cmpuint(do_syscall(env, TARGET_NR_brk, heap + 0x2800,
                                    0, 0, 0, 0, 0), ==, heap + 0x2800);
        s2 = gread("/proc/self/maps");
        g_assert_nonnull(strstr(s2->str, want));
        g_assert_nonnull(strstr(strstr(s2->str, want), "[heap]\n"));
        g_string_free(s2, TRUE);
    }

    /* A guest mmap of a file shows the file and the offset. */
    fd = mkstemp(tmpl);
    g_assert_cmpint(ftruncate(fd, 3 * 4096), ==, 0);
    m = do_syscall(env, TARGET_NR_mmap, 0, 4096, TARGET_PROT_READ,
                   TARGET_MAP_PRIVATE, fd, 8192);
    g_assert_cmpint((int64_t)m, >, 0);
    s2 = gread("/proc/self/maps");
    {
        g_autofree char *want = g_strdup_printf(
            "%08" PRIx64 "-%08" PRIx64 " r--p 00002000 ", m, m + 4096);
        const char *l = strstr(s2->str, want);
        g_assert_nonnull(l);
        g_assert_true(g_str_has_prefix(strchr(l, '/'), tmpl));
    }
    g_string_free(s2, TRUE);
    do_syscall(env, TARGET_NR_munmap, m, 4096, 0, 0, 0, 0);
    close(fd);
    unlink(tmpl);
}

static void test_stat(void)
{
    GString *s = gread("/proc/self/stat");
    g_auto(GStrv) f = NULL;
    g_autofree char *pid = g_strdup_printf("%d ", getpid());
    const char *rp;

    g_assert_true(g_str_has_prefix(s->str, pid));
    g_assert_nonnull(strstr(s->str, " (gcd.ref.elf) "));
    rp = strrchr(s->str, ')');
    f = g_strsplit(rp + 2, " ", -1);
    /* f[0] is field 3 (state). */
    g_assert_cmpuint(g_strv_length(f), >=, 49);
    g_assert_cmpstr(f[26 - 3], ==, "65536");                 /* startcode */
    g_assert_cmpuint(g_ascii_strtoull(f[27 - 3], NULL, 10), ==, 0x101b8);
    g_assert_cmpuint(g_ascii_strtoull(f[28 - 3], NULL, 10), ==, info.sp);
    g_assert_cmpuint(g_ascii_strtoull(f[48 - 3], NULL, 10), ==,
                     info.arg_start);
    g_assert_cmpuint(g_ascii_strtoull(f[51 - 3], NULL, 10), ==,
                     info.env_end);
    g_string_free(s, TRUE);
}

static void test_fd_link(void)
{
    int64_t fd = gopen("/proc/cpuinfo", O_RDONLY), r;
    int64_t fdc = gopen("/proc/cpuinfo", O_RDONLY | O_CLOEXEC);

    /* O_CLOEXEC is honoured, and only when asked for. */
    g_assert_cmpint(fdc, >=, 0);
    g_assert_cmpint(fcntl(fdc, F_GETFD), ==, FD_CLOEXEC);
    g_assert_cmpint(fcntl(fd, F_GETFD), ==, 0);
    sys(TARGET_NR_close, fdc, 0, 0);
    g_autofree char *path = g_strdup_printf("/proc/self/fd/%d", (int)fd);
    g_autofree char *link = NULL, *link2 = NULL;
    int64_t fd2;

    g_assert_cmpint(fd, >=, 0);
    link = greadlink(path, &r);
    g_assert_cmpstr(link, ==, "/proc/cpuinfo");
    /* A dup of it names the same file. */
    {
        int64_t d = sys(TARGET_NR_dup, fd, 0, 0);
        g_autofree char *dpath = g_strdup_printf("/proc/self/fd/%d", (int)d);
        g_autofree char *dlink = NULL;

        g_assert_cmpint(d, >, fd);
        dlink = greadlink(dpath, &r);
        g_assert_cmpstr(dlink, ==, "/proc/cpuinfo");
        sys(TARGET_NR_close, d, 0, 0);
    }
    /* Closed and reused for a host file: the host's link again. */
    sys(TARGET_NR_close, fd, 0, 0);
    fd2 = gopen(target_exec_path, O_RDONLY);
    g_assert_cmpint(fd2, ==, fd);
    link2 = greadlink(path, &r);
    g_assert_cmpstr(link2, ==, target_exec_path);
    sys(TARGET_NR_close, fd2, 0, 0);
    /* Files we do not synthesise are the host's. */
    {
        GString *st = gread("/proc/self/limits");
        g_assert_nonnull(st);
        g_assert_true(g_str_has_prefix(st->str, "Limit"));
        g_string_free(st, TRUE);
    }
}

/* The task name is the guest program's (cut to 15 bytes like the
   kernel's comm); the rest of status is the host's process. */
static void test_comm_status(void)
{
    GString *s = gread("/proc/self/comm");
    g_autofree char *tgid = g_strdup_printf("\nTgid:\t%d\n", getpid());

    g_assert_cmpstr(s->str, ==, "gcd.ref.elf\n");
    g_string_free(s, TRUE);
    s = gread("/proc/thread-self/status");
    g_assert_nonnull(s);
    g_assert_true(g_str_has_prefix(s->str, "Name:\tgcd.ref.elf\n"));
    g_assert_nonnull(strstr(s->str, tgid));
    g_assert_null(strstr(s->str, "test-proc"));
    g_string_free(s, TRUE);
}

/* Paths that lead into /proc/self without spelling it: openat and
   readlinkat relative to a descriptor of it, the working directory,
   "." / ".." / "//" components. */
static void test_path_forms(void)
{
    int64_t dfd = gopen("/proc/self", O_RDONLY | O_DIRECTORY), fd, r;
    g_autofree char *cwd = g_get_current_dir();
    g_autofree char *link = NULL, *fdlink = NULL, *fdpath = NULL;
    g_autofree char *want = g_strdup_printf("/proc/%d/maps", getpid());
    GString *s;

    g_assert_cmpint(dfd, >=, 0);
    fd = do_syscall(env, TARGET_NR_openat, dfd, gpath("maps"), O_RDONLY,
                    0, 0, 0);
    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(sys(TARGET_NR_read, fd, gbuf + GDATA_OFF, 9), ==, 9);
    g_assert_cmpmem(g2h(gbuf + GDATA_OFF), 9, "00010000-", 9);
    /* Its fd link names it as the kernel does, through the pid. */
    fdpath = g_strdup_printf("/proc/self/fd/%d", (int)fd);
    fdlink = greadlink(fdpath, &r);
    g_assert_cmpstr(fdlink, ==, want);
    sys(TARGET_NR_close, fd, 0, 0);

    r = do_syscall(env, TARGET_NR_readlinkat, dfd, gpath("exe"),
                   gbuf + GDATA_OFF, 4096, 0, 0);
    g_assert_cmpint(r, ==, strlen(target_exec_path));
    g_assert_cmpmem(g2h(gbuf + GDATA_OFF), r, target_exec_path, r);
    sys(TARGET_NR_close, dfd, 0, 0);

    s = gread("/proc//self/./task/../cmdline");
    g_assert_nonnull(s);
    g_assert_cmpmem(s->str, 4, "gcd\0", 4);
    g_string_free(s, TRUE);

    g_assert_cmpint(sys(TARGET_NR_chdir, gpath("/proc/self"), 0, 0), ==, 0);
    link = greadlink("exe", &r);
    g_assert_cmpstr(link, ==, target_exec_path);
    s = gread("auxv");
    g_assert_nonnull(s);
    g_assert_cmpuint(s->len % 16, ==, 0);
    g_string_free(s, TRUE);
    g_assert_cmpint(sys(TARGET_NR_chdir, gpath(cwd), 0, 0), ==, 0);
}

static void test_uname(void)
{
    g_assert_cmpint(sys(TARGET_NR_uname, gbuf + GDATA_OFF, 0, 0), ==, 0);
    g_assert_cmpstr(g2h(gbuf + GDATA_OFF + 4 * 65), ==, "e2k");
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
    set_model("e8c", 4);
    load_gcd();
    gbuf = do_syscall(env, TARGET_NR_mmap, 0, GDATA_OFF + GDATA_SIZE,
                      TARGET_PROT_READ | TARGET_PROT_WRITE,
                      TARGET_MAP_PRIVATE | TARGET_MAP_ANONYMOUS, -1, 0);
    g_assert_cmpint((int64_t)gbuf, >, 0);

    g_test_add_func("/e2k/proc/cpuinfo", test_cpuinfo);
    g_test_add_func("/e2k/proc/auxv", test_auxv);
    g_test_add_func("/e2k/proc/cmdline-environ", test_cmdline_environ);
    g_test_add_func("/e2k/proc/exe", test_exe);
    g_test_add_func("/e2k/proc/maps", test_maps);
    g_test_add_func("/e2k/proc/stat", test_stat);
    g_test_add_func("/e2k/proc/fd-link", test_fd_link);
    g_test_add_func("/e2k/proc/comm-status", test_comm_status);
    g_test_add_func("/e2k/proc/path-forms", test_path_forms);
    g_test_add_func("/e2k/proc/uname", test_uname);
    return g_test_run();
}
