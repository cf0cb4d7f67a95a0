/*
 * -strace: one line per guest system call in QEMU's format,
 *   "PID name(arg,arg,...) = result"
 * with errors as " = -1 errno=N (message)" and unknown numbers as
 * "PID Unknown syscall N".  Output goes to the log (stderr or -D file).
 *
 * How each call's arguments print is described by a small format string
 * per call (the names come from e2k/syscall-table.h): 'd' signed decimal,
 * 'u' unsigned, 'x' hex pointer, 's' guest string, 'o' octal mode,
 * 'f' open flags (hex).  Calls without a format print three hex args.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include "qemu/log.h"
#include "qemu.h"
#include "e2k/syscall_nr.h"

bool do_strace;

static const char *strace_format(int nr)
{
    switch (nr) {
    case TARGET_NR_exit:
    case TARGET_NR_exit_group:
    case TARGET_NR_close:
    case TARGET_NR_dup:
        return "d";
    case TARGET_NR_read:
    case TARGET_NR_write:
        return "dxu";
    case TARGET_NR_readv:
    case TARGET_NR_writev:
        return "dxu";
    case TARGET_NR_open:
        return "sfo";
    case TARGET_NR_openat:
        return "dsfo";
    case TARGET_NR_lseek:
        return "ddd";
    case TARGET_NR_fstat:
        return "dx";
    case TARGET_NR_stat:
    case TARGET_NR_lstat:
        return "sx";
    case TARGET_NR_newfstatat:
        return "dsxx";
    case TARGET_NR_dup3:
        return "ddx";
    case TARGET_NR_brk:
    case TARGET_NR_uname:
    case TARGET_NR_set_tid_address:
        return "x";
    case TARGET_NR_mmap:
        return "xuxxdx";
    case TARGET_NR_munmap:
        return "xu";
    case TARGET_NR_mprotect:
        return "xux";
    case TARGET_NR_mremap:
        return "xuuxx";
    case TARGET_NR_getpid:
    case TARGET_NR_getppid:
    case TARGET_NR_gettid:
    case TARGET_NR_getuid:
    case TARGET_NR_geteuid:
    case TARGET_NR_getgid:
    case TARGET_NR_getegid:
    case TARGET_NR_sched_yield:
        return "";
    case TARGET_NR_clock_gettime:
    case TARGET_NR_clock_getres:
        return "dx";
    case TARGET_NR_gettimeofday:
    case TARGET_NR_nanosleep:
        return "xx";
    case TARGET_NR_rt_sigaction:
        return "dxxu";
    case TARGET_NR_rt_sigprocmask:
        return "dxxu";
    case TARGET_NR_access_hw_stacks:
        return "dxxux";
    case TARGET_NR_kill:
    case TARGET_NR_tkill:
        return "dd";
    case TARGET_NR_tgkill:
        return "ddd";
    case TARGET_NR_pread64:
    case TARGET_NR_pwrite64:
        return "dxud";
    case TARGET_NR_ioctl:
    case TARGET_NR_fcntl:
    case TARGET_NR_fcntl64:
        return "dxx";
    case TARGET_NR_access:
    case TARGET_NR_mkdir:
        return "so";
    case TARGET_NR_faccessat:
    case TARGET_NR_mkdirat:
        return "dso";
    case TARGET_NR_unlink:
    case TARGET_NR_rmdir:
    case TARGET_NR_chdir:
        return "s";
    case TARGET_NR_unlinkat:
        return "dsx";
    case TARGET_NR_readlink:
        return "sxu";
    case TARGET_NR_readlinkat:
        return "dsxu";
    case TARGET_NR_rename:
        return "ss";
    case TARGET_NR_renameat:
        return "dsds";
    case TARGET_NR_getcwd:
        return "xu";
    case TARGET_NR_pipe:
    case TARGET_NR_time:
        return "x";
    case TARGET_NR_pipe2:
        return "xx";
    case TARGET_NR_dup2:
        return "dd";
    case TARGET_NR_getdents64:
        return "dxu";
    case TARGET_NR_prlimit64:
        return "ddxx";
    case TARGET_NR_getrlimit:
    case TARGET_NR_ugetrlimit:
    case TARGET_NR_setrlimit:
        return "dx";
    case TARGET_NR_madvise:
        return "xud";
    case TARGET_NR_set_robust_list:
        return "xu";
    case TARGET_NR_fchdir:
    case TARGET_NR_fsync:
    case TARGET_NR_fdatasync:
        return "d";
    case TARGET_NR_ftruncate:
        return "dd";
    case TARGET_NR_truncate:
        return "sd";
    case TARGET_NR_umask:
        return "o";
    default:
        return NULL;
    }
}

static void print_string_arg(uint64_t addr)
{
    int64_t len = target_strlen(addr, 4096);

    if (len < 0) {
        qemu_log("0x%" PRIx64, addr);
        return;
    }
    qemu_log("\"");
    for (int64_t i = 0; i < len && i < 64; i++) {
        unsigned char c = ((const unsigned char *)g2h(addr))[i];
        if (c == '"' || c == '\\') {
            qemu_log("\\%c", c);
        } else if (c >= 32 && c < 127) {
            qemu_log("%c", c);
        } else {
            qemu_log("\\%03o", c);
        }
    }
    qemu_log(len > 64 ? "\"..." : "\"");
}

void print_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                   uint64_t a4, uint64_t a5, uint64_t a6)
{
    const char *name = target_syscall_name(nr);
    const char *fmt = strace_format(nr);
    uint64_t args[6] = { a1, a2, a3, a4, a5, a6 };

    if (!name) {
        qemu_log("%d Unknown syscall %d\n", getpid(), nr);
        return;
    }
    if (!fmt) {
        fmt = "xxx";
    }
    qemu_log("%d %s(", getpid(), name);
    for (int i = 0; fmt[i] && i < 6; i++) {
        if (i) {
            qemu_log(",");
        }
        switch (fmt[i]) {
        case 'd':
            qemu_log("%" PRId64, (int64_t)(int32_t)args[i]);
            break;
        case 'u':
            qemu_log("%" PRIu64, args[i]);
            break;
        case 's':
            print_string_arg(args[i]);
            break;
        case 'o':
            qemu_log("%#" PRIo64, args[i]);
            break;
        case 'f':
        case 'x':
        default:
            qemu_log("0x%" PRIx64, args[i]);
            break;
        }
    }
    qemu_log(")");
}

void print_syscall_ret(int nr, int64_t ret)
{
    if (!target_syscall_name(nr)) {
        return;     /* "Unknown syscall N" already ended the line */
    }
    if (ret < 0 && ret >= -4095) {
        qemu_log(" = -1 errno=%d (%s)\n", (int)-ret, strerror((int)-ret));
    } else if (nr == TARGET_NR_brk || nr == TARGET_NR_mmap ||
               nr == TARGET_NR_mremap) {
        qemu_log(" = 0x%" PRIx64 "\n", (uint64_t)ret);
    } else {
        qemu_log(" = %" PRId64 "\n", ret);
    }
}
