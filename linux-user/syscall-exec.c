/*
 * execve: what the guest asks to run decides how it runs.
 *
 *   - an e2k ELF file, or a "#!" script whose interpreter is one, runs
 *     under qemu-e2k again: this executable (/proc/self/exe) with the
 *     options this one was given (qemu_exec_options, main.c), argv[0]
 *     passed with -0, the program found under -L as open() finds it;
 *   - anything else (host programs, other scripts) is the host kernel's:
 *     a plain execve.
 *
 * Guest paths go through the -L prefix like every other path lookup;
 * execveat's paths relative to a descriptor (or AT_EMPTY_PATH, the
 * descriptor itself) are reached through /proc/self/fd.
 * The errors are the kernel's: EFAULT for bad pointers, E2BIG for
 * oversized vectors, ENOENT/EACCES/ENOEXEC from the file checks, so a
 * failed execve returns to the guest like one that never started.  The
 * guest's signal mask becomes the host thread's just before the host
 * execve (the new qemu-e2k reads it back as the guest's, see
 * signal_init); ignored dispositions are not carried over.
 *
 * Not here: binfmt_misc (scripts/qemu-binfmt-conf.sh), which makes the
 * host kernel do the first of these for programs started outside.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu/log.h"
#include "qemu.h"
#include "syscall-internal.h"

#define EM_MCST_ELBRUS      175
/* The kernel reads this much of a file to decide (BINPRM_BUF_SIZE). */
#define EXEC_HEADER_SIZE    256
/* The kernel's limit on argv + envp strings (MAX_ARG_STRLEN * 32) is
   far above this; a guest vector beyond it is E2BIG. */
#define MAX_EXEC_STRINGS    (1 << 20)
#define MAX_EXEC_BYTES      ((size_t)64 << 20)

char **qemu_exec_options;

#define EXEC_AT_FDCWD               -100
#define EXEC_AT_SYMLINK_NOFOLLOW    0x100
#define EXEC_AT_EMPTY_PATH          0x1000

/* A NULL-terminated vector of guest strings at @addr (0: empty). */
static int read_string_vector(uint64_t addr, GPtrArray *out)
{
    size_t bytes = 0;

    if (!addr) {
        return 0;
    }
    for (uint64_t i = 0;; i++) {
        uint8_t *p;
        uint64_t s;
        int64_t len;

        if (i >= MAX_EXEC_STRINGS) {
            return -E2BIG;
        }
        p = lock_user(addr + 8 * i, 8, PAGE_READ);
        if (!p) {
            return -EFAULT;
        }
        s = ldq_le_p(p);
        if (!s) {
            return 0;
        }
        len = target_strlen(s, PATH_MAX * 32);
        if (len < 0) {
            return len == -ENAMETOOLONG ? -E2BIG : (int)len;
        }
        bytes += len + 1;
        if (bytes > MAX_EXEC_BYTES) {
            return -E2BIG;
        }
        g_ptr_array_add(out, g_strndup(g2h(s), len));
    }
}

/* The first bytes of @path; -errno when it cannot be run at all. */
static int read_exec_header(const char *path, uint8_t *buf, size_t *len)
{
    struct stat st;
    ssize_t n;
    int fd;

    if (stat(path, &st) < 0) {
        return -errno;
    }
    if (!S_ISREG(st.st_mode)) {
        return -EACCES;
    }
    if (access(path, X_OK) < 0) {
        return -errno;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -errno;
    }
    do {
        n = read(fd, buf, EXEC_HEADER_SIZE);
    } while (n < 0 && errno == EINTR);
    close(fd);
    if (n < 0) {
        return -errno;
    }
    *len = n;
    return 0;
}

static bool is_e2k_elf(const uint8_t *buf, size_t len)
{
    return len >= 20 && memcmp(buf, "\x7f" "ELF", 4) == 0 &&
           lduw_le_p(buf + 18) == EM_MCST_ELBRUS;
}

/*
 * "#!interp [arg]" as the kernel splits it (fs/binfmt_script.c): the
 * interpreter up to the first blank, the rest of the line, trimmed, as
 * one argument.  False when the buffer is no script.
 */
static bool parse_shebang(const uint8_t *buf, size_t len, char **interp,
                          char **arg)
{
    g_autofree char *line = NULL;
    char *p, *end, *nl;

    if (len < 3 || buf[0] != '#' || buf[1] != '!') {
        return false;
    }
    line = g_strndup((const char *)buf + 2, len - 2);
    nl = strchr(line, '\n');
    if (nl) {
        *nl = 0;
    }
    p = line;
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    end = p;
    while (*end && *end != ' ' && *end != '\t') {
        end++;
    }
    if (end == p) {
        return false;
    }
    *interp = g_strndup(p, end - p);
    p = end;
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    end = p + strlen(p);
    while (end > p && (end[-1] == ' ' || end[-1] == '\t' ||
                       end[-1] == '\r')) {
        end--;
    }
    *arg = end > p ? g_strndup(p, end - p) : NULL;
    return true;
}

/* The host file for a guest path: /proc/self/exe is the guest program,
 * absolute paths are looked up under -L first. */
static const char *host_exec_path(const char *path, char *buf, size_t size)
{
    g_autofree char *self = g_strdup_printf("/proc/%d/exe", getpid());

    if ((strcmp(path, "/proc/self/exe") == 0 || strcmp(path, self) == 0) &&
        target_exec_path) {
        return target_exec_path;
    }
    return path_with_prefix(path, buf, size);
}

/* The host execve, with the guest's signal mask; returns -errno. */
static int64_t host_execve(const char *path, char **argv, char **envp)
{
    uint64_t guest_mask = 0;
    sigset_t set, old;

    sigemptyset(&set);
    if (do_rt_sigprocmask(0, NULL, &guest_mask) == 0) {
        for (int sig = 1; sig <= 64 && sig < NSIG; sig++) {
            if ((guest_mask >> (sig - 1)) & 1) {
                sigaddset(&set, sig);
            }
        }
    }
    if (do_strace) {
        qemu_log("\n");        /* the result is the new program's */
    }
    qemu_log_mask(CPU_LOG_PAGE, "execve: %s\n", path);
    qemu_log_flush();
    pthread_sigmask(SIG_SETMASK, &set, &old);
    execve(path, argv, envp);
    {
        int err = errno;
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        return -err;
    }
}

int64_t do_execveat(int dirfd, uint64_t path_addr, uint64_t argv_addr,
                    uint64_t envp_addr, int flags)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) envp = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) qargv = g_ptr_array_new();
    g_autofree char *path = NULL, *interp = NULL, *interp_arg = NULL;
    g_autofree char *self = NULL;
    char full[PATH_MAX], ifull[PATH_MAX];
    const char *hpath, *hinterp = NULL;
    uint8_t head[EXEC_HEADER_SIZE];
    size_t hlen = 0;
    int64_t len;
    int ret;

    len = target_strlen(path_addr, PATH_MAX - 1);
    if (len < 0) {
        return len;
    }
    path = g_strndup(g2h(path_addr), len);
    if (flags & ~(EXEC_AT_EMPTY_PATH | EXEC_AT_SYMLINK_NOFOLLOW)) {
        return -EINVAL;
    }
    if (!*path && !(flags & EXEC_AT_EMPTY_PATH)) {
        return -ENOENT;
    }
    if (dirfd != EXEC_AT_FDCWD && path[0] != '/') {
        /* relative to a descriptor (or the descriptor itself): the
           host's /proc names it, and the program sees that name */
        char *rel = *path ? g_strdup_printf("/proc/self/fd/%d/%s", dirfd,
                                            path)
                          : g_strdup_printf("/proc/self/fd/%d", dirfd);
        g_free(path);
        path = rel;
    }
    if (flags & EXEC_AT_SYMLINK_NOFOLLOW) {
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
            return -ELOOP;
        }
    }
    ret = read_string_vector(argv_addr, argv);
    if (ret == 0) {
        ret = read_string_vector(envp_addr, envp);
    }
    if (ret < 0) {
        return ret;
    }
    hpath = host_exec_path(path, full, sizeof(full));
    ret = read_exec_header(hpath, head, &hlen);
    if (ret < 0) {
        return ret;
    }

    if (!is_e2k_elf(head, hlen)) {
        uint8_t ihead[EXEC_HEADER_SIZE];
        size_t ilen = 0;

        if (!parse_shebang(head, hlen, &interp, &interp_arg)) {
            goto native;
        }
        hinterp = host_exec_path(interp, ifull, sizeof(ifull));
        if (read_exec_header(hinterp, ihead, &ilen) < 0 ||
            !is_e2k_elf(ihead, ilen)) {
            goto native;    /* a host interpreter, or the kernel's error */
        }
    }

    /* Under qemu-e2k again: self, options, -0 argv[0], program, args. */
    self = g_file_read_link("/proc/self/exe", NULL);
    if (!self) {
        return -ENOEXEC;
    }
    g_ptr_array_add(qargv, self);
    for (char **o = qemu_exec_options; o && *o; o++) {
        g_ptr_array_add(qargv, *o);
    }
    g_ptr_array_add(qargv, "-0");
    if (interp) {
        /* the kernel's script argv: interp [arg] script args[1..] */
        g_ptr_array_add(qargv, interp);
        g_ptr_array_add(qargv, "--");
        g_ptr_array_add(qargv, (char *)hinterp);
        if (interp_arg) {
            g_ptr_array_add(qargv, interp_arg);
        }
        g_ptr_array_add(qargv, path);
    } else {
        g_ptr_array_add(qargv, argv->len ? argv->pdata[0] : "");
        g_ptr_array_add(qargv, "--");
        g_ptr_array_add(qargv, (char *)hpath);
    }
    for (guint i = 1; i < argv->len; i++) {
        g_ptr_array_add(qargv, argv->pdata[i]);
    }
    g_ptr_array_add(qargv, NULL);
    g_ptr_array_add(envp, NULL);
    return host_execve(self, (char **)qargv->pdata, (char **)envp->pdata);

native:
    g_ptr_array_add(argv, NULL);
    g_ptr_array_add(envp, NULL);
    return host_execve(hpath, (char **)argv->pdata, (char **)envp->pdata);
}

int64_t do_execve(uint64_t path_addr, uint64_t argv_addr, uint64_t envp_addr)
{
    return do_execveat(EXEC_AT_FDCWD, path_addr, argv_addr, envp_addr, 0);
}
