/*
 * -strace: one line per guest system call in QEMU's format,
 *   "PID name(arg,arg,...) = result"
 * with errors as " = -1 errno=N (message)" and unknown numbers as
 * "PID Unknown syscall N".  Output goes to the log (stderr or -D file).
 *
 * How each call's arguments print is described by a small format string
 * per call (the names come from e2k/syscall-table.h), following QEMU's
 * printers: 'd' signed decimal, 'u' unsigned, 'x' hex ("%#x"), 'p'
 * pointer (NULL or 0x%016x), 's' guest string, 'o' octal mode, 'a' dirfd
 * (AT_FDCWD), 'O' open flags, 'P' PROT_* bits, 'M' MAP_* bits, 'S' signal
 * name, 'H' sigprocmask how, 'W' lseek whence, 'C' clock id, 'A' AT_*
 * flags, 'F' an fcntl command (its argument then prints as the command
 * takes it, or not at all, as QEMU's print_fcntl).  Calls without a
 * format print three hex args; the 32-bit-id names (lchown32...) print
 * like the calls they are.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include "qemu/log.h"
#include "qemu.h"
#include "syscall-internal.h"
#include "e2k/syscall_nr.h"

bool do_strace;

static const char *strace_format(int nr)
{
    switch (target_syscall_alias(nr)) {
    case TARGET_NR_exit:
    case TARGET_NR_exit_group:
    case TARGET_NR_close:
    case TARGET_NR_dup:
        return "d";
    case TARGET_NR_read:
    case TARGET_NR_write:
        return "dxd";
    case TARGET_NR_readv:
    case TARGET_NR_writev:
        return "dpd";
    case TARGET_NR_open:
        return "sOo";
    case TARGET_NR_openat:
        return "asOo";
    case TARGET_NR_lseek:
        return "ddW";
    case TARGET_NR_fstat:
        return "dp";
    case TARGET_NR_stat:
    case TARGET_NR_lstat:
        return "sp";
    case TARGET_NR_execve:
        return "spp";
    case TARGET_NR_execveat:
        return "asppA";
    case TARGET_NR_newfstatat:
        return "aspA";
    case TARGET_NR_dup3:
        return "ddO";
    case TARGET_NR_brk:
    case TARGET_NR_uname:
    case TARGET_NR_set_tid_address:
        return "p";
    case TARGET_NR_mmap:
        return "puPMdd";
    case TARGET_NR_munmap:
        return "pu";
    case TARGET_NR_mprotect:
        return "puP";
    case TARGET_NR_mremap:
        return "puuxp";
    case TARGET_NR_getpid:
    case TARGET_NR_getppid:
    case TARGET_NR_gettid:
    case TARGET_NR_getuid:
    case TARGET_NR_geteuid:
    case TARGET_NR_getgid:
    case TARGET_NR_getegid:
    case TARGET_NR_sched_yield:
    case TARGET_NR_fork:
    case TARGET_NR_vfork:
    case TARGET_NR_pause:
        return "";
    case TARGET_NR_clock_gettime:
    case TARGET_NR_clock_getres:
        return "Cp";
    case TARGET_NR_gettimeofday:
    case TARGET_NR_nanosleep:
        return "pp";
    case TARGET_NR_rt_sigaction:
        return "Sppu";
    case TARGET_NR_rt_sigprocmask:
        return "Hppu";
    case TARGET_NR_access_hw_stacks:
        return "dxxux";
    case TARGET_NR_kill:
    case TARGET_NR_tkill:
        return "dS";
    case TARGET_NR_tgkill:
        return "ddS";
    case TARGET_NR_pread64:
    case TARGET_NR_pwrite64:
        return "dxud";
    case TARGET_NR_ioctl:
        return "dxx";
    case TARGET_NR_fcntl:
    case TARGET_NR_fcntl64:
        return "dF";
    /* syscall-compat.c */
    case TARGET_NR_waitpid:
        return "dpx";
    case TARGET_NR_nice:
    case TARGET_NR_ssetmask:
        return "d";
    case TARGET_NR_sgetmask:
    case TARGET_NR_vhangup:
        return "";
    case TARGET_NR_stime:
    case TARGET_NR_adjtimex:
    case TARGET_NR_sigpending:
        return "p";
    case TARGET_NR_settimeofday:
        return "pp";
    case TARGET_NR_clock_adjtime:
        return "Cp";
    case TARGET_NR_sigprocmask:
        return "Hpp";
    case TARGET_NR__llseek:
        return "duupW";
    case TARGET_NR_mmap2:
        return "puPMdu";
    case TARGET_NR_rt_tgsigqueueinfo:
        return "ddSp";
    case TARGET_NR_name_to_handle_at:
        return "asppA";
    case TARGET_NR_open_by_handle_at:
        return "dpO";
    case TARGET_NR_preadv2:
    case TARGET_NR_pwritev2:
        return "dpddxx";
    case TARGET_NR_acct:
    case TARGET_NR_swapoff:
        return "s";
    case TARGET_NR_swapon:
        return "sx";
    case TARGET_NR_pivot_root:
        return "ss";
    case TARGET_NR_reboot:
        return "xxxp";
    case TARGET_NR_syslog:
        return "dpd";
    case TARGET_NR_ipc:
        return "dddd";          /* QEMU's: the call and three numbers */
    case TARGET_NR_access:
    case TARGET_NR_mkdir:
        return "so";
    case TARGET_NR_faccessat:
    case TARGET_NR_mkdirat:
        return "aso";
    case TARGET_NR_unlink:
    case TARGET_NR_rmdir:
    case TARGET_NR_chdir:
        return "s";
    case TARGET_NR_unlinkat:
        return "asA";
    case TARGET_NR_readlink:
        return "sxu";
    case TARGET_NR_readlinkat:
        return "aspu";
    case TARGET_NR_rename:
        return "ss";
    case TARGET_NR_renameat:
        return "asas";
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
    case TARGET_NR_getrusage:
        return "dp";
    case TARGET_NR_times:
    case TARGET_NR_sysinfo:
        return "p";
    case TARGET_NR_sched_getaffinity:
        return "dup";
    case TARGET_NR_getpgrp:
    case TARGET_NR_setsid:
    case TARGET_NR_sync:
        return "";
    case TARGET_NR_getpgid:
    case TARGET_NR_getsid:
        return "d";
    case TARGET_NR_setpgid:
        return "dd";
    /* syscall-poll.c */
    case TARGET_NR_poll:
        return "pud";
    case TARGET_NR_ppoll:
        return "puppu";
    case TARGET_NR__newselect:
        return "dpppp";
    case TARGET_NR_pselect6:
        return "dppppp";
    case TARGET_NR_epoll_create:
    case TARGET_NR_epoll_create1:
    case TARGET_NR_syncfs:
        return "d";
    case TARGET_NR_epoll_ctl:
        return "dddp";
    case TARGET_NR_epoll_wait:
        return "dpdd";
    case TARGET_NR_epoll_pwait:
        return "dpddpu";
    case TARGET_NR_eventfd2:
        return "ux";
    case TARGET_NR_timerfd_create:
        return "Cx";
    case TARGET_NR_timerfd_settime:
        return "dxpp";
    case TARGET_NR_timerfd_gettime:
        return "dp";
    /* syscall-file.c */
    case TARGET_NR_statx:
        return "asAxp";
    case TARGET_NR_statfs:
    case TARGET_NR_chroot:
        return "sp";
    case TARGET_NR_fstatfs:
        return "dp";
    case TARGET_NR_statfs64:
        return "sup";
    case TARGET_NR_fstatfs64:
        return "dup";
    case TARGET_NR_chmod:
        return "so";
    case TARGET_NR_fchmod:
        return "do";
    case TARGET_NR_fchmodat:
        return "aso";
    case TARGET_NR_chown:
    case TARGET_NR_lchown:
        return "sdd";
    case TARGET_NR_fchown:
        return "ddd";
    case TARGET_NR_fchownat:
        return "asddA";
    case TARGET_NR_link:
    case TARGET_NR_symlink:
        return "ss";
    case TARGET_NR_linkat:
        return "asasA";
    case TARGET_NR_symlinkat:
        return "sas";
    case TARGET_NR_mknod:
        return "sox";
    case TARGET_NR_mknodat:
        return "asox";
    case TARGET_NR_utimensat:
        return "aspA";
    case TARGET_NR_utime:
    case TARGET_NR_utimes:
        return "sp";
    case TARGET_NR_futimesat:
        return "asp";
    case TARGET_NR_creat:
        return "so";
    case TARGET_NR_renameat2:
        return "asasx";
    case TARGET_NR_setxattr:
    case TARGET_NR_lsetxattr:
        return "sspux";
    case TARGET_NR_fsetxattr:
        return "dspux";
    case TARGET_NR_getxattr:
    case TARGET_NR_lgetxattr:
        return "sspu";
    case TARGET_NR_fgetxattr:
        return "dspu";
    case TARGET_NR_listxattr:
    case TARGET_NR_llistxattr:
        return "spu";
    case TARGET_NR_flistxattr:
        return "dpu";
    case TARGET_NR_removexattr:
    case TARGET_NR_lremovexattr:
        return "ss";
    case TARGET_NR_fremovexattr:
        return "ds";
    case TARGET_NR_fallocate:
        return "dxdd";
    case TARGET_NR_flock:
    case TARGET_NR_listen:
    case TARGET_NR_shutdown:
        return "dd";
    case TARGET_NR_sendfile:
    case TARGET_NR_sendfile64:
        return "ddpu";
    case TARGET_NR_copy_file_range:
        return "dpdpux";
    case TARGET_NR_splice:
        return "dpdpux";
    case TARGET_NR_tee:
        return "ddux";
    case TARGET_NR_vmsplice:
        return "dpux";
    case TARGET_NR_getdents:
        return "dpu";
    case TARGET_NR_unshare:
        return "x";
    case TARGET_NR_setns:
        return "dx";
    case TARGET_NR_membarrier:
        return "dxd";
    case TARGET_NR_ioprio_get:
        return "dd";
    case TARGET_NR_ioprio_set:
        return "ddx";
    case TARGET_NR_sched_getattr:
        return "dpux";
    case TARGET_NR_sched_setattr:
        return "dpx";
    case TARGET_NR_pidfd_open:
        return "dx";
    case TARGET_NR_pidfd_send_signal:
        return "dSpx";
    case TARGET_NR_kcmp:
        return "dddxx";
    case TARGET_NR_mount:
        return "sssxp";
    case TARGET_NR_umount:
        return "s";
    case TARGET_NR_umount2:
        return "sx";
    case TARGET_NR_preadv:
    case TARGET_NR_pwritev:
        return "dpud";
    case TARGET_NR_readahead:
        return "ddu";
    case TARGET_NR_fadvise64:
    case TARGET_NR_fadvise64_64:
        return "dddd";
    case TARGET_NR_sync_file_range:
        return "dddx";
    case TARGET_NR_memfd_create:
        return "sx";
    case TARGET_NR_getrandom:
        return "pux";
    case TARGET_NR_mincore:
        return "pup";
    case TARGET_NR_msync:
        return "pux";
    case TARGET_NR_mlock:
    case TARGET_NR_munlock:
        return "pu";
    case TARGET_NR_mlock2:
        return "pux";
    case TARGET_NR_mlockall:
        return "x";
    case TARGET_NR_munlockall:
        return "";
    /* syscall-net.c */
    case TARGET_NR_socket:
        return "ddd";
    case TARGET_NR_socketpair:
        return "dddp";
    case TARGET_NR_bind:
    case TARGET_NR_connect:
        return "dpu";
    case TARGET_NR_accept:
    case TARGET_NR_getsockname:
    case TARGET_NR_getpeername:
        return "dpp";
    case TARGET_NR_accept4:
        return "dppx";
    case TARGET_NR_sendto:
    case TARGET_NR_recvfrom:
        return "dpuxpu";
    case TARGET_NR_sendmsg:
    case TARGET_NR_recvmsg:
        return "dpx";
    case TARGET_NR_sendmmsg:
    case TARGET_NR_recvmmsg:
        return "dpuxp";
    case TARGET_NR_setsockopt:
        return "dddpu";
    case TARGET_NR_getsockopt:
        return "dddpp";
    case TARGET_NR_socketcall:
        return "dp";
    case TARGET_NR_inotify_init:
        return "";
    case TARGET_NR_inotify_init1:
        return "x";
    case TARGET_NR_inotify_add_watch:
        return "dsx";
    case TARGET_NR_inotify_rm_watch:
        return "dd";
    /* syscall-time.c */
    case TARGET_NR_timer_create:
        return "Cpp";
    case TARGET_NR_timer_settime:
        return "dxpp";
    case TARGET_NR_timer_gettime:
        return "dp";
    case TARGET_NR_timer_getoverrun:
    case TARGET_NR_timer_delete:
        return "d";
    case TARGET_NR_clock_settime:
        return "Cp";
    case TARGET_NR_clock_nanosleep:
        return "Cxpp";
    /* syscall-ipc.c */
    case TARGET_NR_mq_open:
        return "sxop";
    case TARGET_NR_mq_unlink:
        return "s";
    case TARGET_NR_mq_timedsend:
    case TARGET_NR_mq_timedreceive:
        return "dpupp";
    case TARGET_NR_mq_notify:
        return "dp";
    case TARGET_NR_mq_getsetattr:
        return "dpp";
    case TARGET_NR_msgget:
        return "xx";
    case TARGET_NR_shmdt:
        return "p";
    case TARGET_NR_msgsnd:
        return "dpux";
    case TARGET_NR_msgrcv:
        return "dpudx";
    case TARGET_NR_msgctl:
    case TARGET_NR_shmctl:
        return "ddp";
    case TARGET_NR_semget:
        return "xdx";
    case TARGET_NR_semop:
        return "dpu";
    case TARGET_NR_semtimedop:
        return "dpup";
    case TARGET_NR_semctl:
        return "dddx";
    case TARGET_NR_shmget:
        return "xux";
    case TARGET_NR_shmat:
        return "dpx";
    /* syscall-proc.c */
    case TARGET_NR_setuid:
    case TARGET_NR_setgid:
    case TARGET_NR_setfsuid:
    case TARGET_NR_setfsgid:
    case TARGET_NR_sched_getscheduler:
    case TARGET_NR_sched_get_priority_max:
    case TARGET_NR_sched_get_priority_min:
        return "d";
    case TARGET_NR_setreuid:
    case TARGET_NR_setregid:
    case TARGET_NR_getpriority:
        return "dd";
    case TARGET_NR_setresuid:
    case TARGET_NR_setresgid:
    case TARGET_NR_setpriority:
        return "ddd";
    case TARGET_NR_getresuid:
    case TARGET_NR_getresgid:
    case TARGET_NR_getcpu:
        return "ppp";
    case TARGET_NR_getgroups:
    case TARGET_NR_setgroups:
        return "dp";
    case TARGET_NR_capget:
    case TARGET_NR_capset:
        return "pp";
    case TARGET_NR_sched_setscheduler:
        return "ddp";
    case TARGET_NR_sched_setparam:
    case TARGET_NR_sched_getparam:
    case TARGET_NR_sched_rr_get_interval:
        return "dp";
    case TARGET_NR_sched_setaffinity:
        return "dup";
    case TARGET_NR_prctl:
        return "dxxxx";
    case TARGET_NR_personality:
        return "x";
    case TARGET_NR_waitid:
        return "ddpxp";
    case TARGET_NR_sethostname:
    case TARGET_NR_setdomainname:
        return "pu";
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

typedef struct FlagName {
    uint64_t bit;
    const char *name;
} FlagName;

static const FlagName prot_names[] = {
    { 0x1, "PROT_READ" }, { 0x2, "PROT_WRITE" }, { 0x4, "PROT_EXEC" },
    { 0, NULL },
};

/* e2k's MAP_* values (uapi asm/mman.h). */
static const FlagName map_names[] = {
    { 0x000100, "MAP_FIXED" }, { 0x000010, "MAP_ANONYMOUS" },
    { 0x000800, "MAP_DENYWRITE" }, { 0x001000, "MAP_GROWSDOWN" },
    { 0x002000, "MAP_GROWSUP" }, { 0x004000, "MAP_EXECUTABLE" },
    { 0x008000, "MAP_LOCKED" }, { 0x010000, "MAP_NORESERVE" },
    { 0x020000, "MAP_POPULATE" }, { 0x040000, "MAP_NONBLOCK" },
    { 0x200000, "MAP_HUGETLB" }, { 0, NULL },
};

/* Generic open flags (octal, as in asm-generic/fcntl.h). */
static const FlagName open_names[] = {
    { 0100, "O_CREAT" }, { 0200, "O_EXCL" }, { 0400, "O_NOCTTY" },
    { 01000, "O_TRUNC" }, { 02000, "O_APPEND" }, { 04000, "O_NONBLOCK" },
    { 04010000, "O_SYNC" }, { 010000, "O_DSYNC" }, { 020000, "O_ASYNC" },
    { 040000, "O_DIRECT" }, { 0100000, "O_LARGEFILE" },
    { 0200000, "O_DIRECTORY" }, { 0400000, "O_NOFOLLOW" },
    { 01000000, "O_NOATIME" }, { 02000000, "O_CLOEXEC" },
    { 010000000, "O_PATH" }, { 0, NULL },
};

static const FlagName at_names[] = {
    { 0x100, "AT_SYMLINK_NOFOLLOW" }, { 0x200, "AT_REMOVEDIR" },
    { 0x400, "AT_SYMLINK_FOLLOW" }, { 0x800, "AT_NO_AUTOMOUNT" },
    { 0x1000, "AT_EMPTY_PATH" }, { 0, NULL },
};

/* "A|B|0x40" for the bits of @v; @none when v is 0. */
static void print_flags(const FlagName *names, uint64_t v, const char *none)
{
    bool first = true;

    if (v == 0) {
        qemu_log("%s", none);
        return;
    }
    for (int i = 0; names[i].name; i++) {
        if ((v & names[i].bit) == names[i].bit) {
            qemu_log("%s%s", first ? "" : "|", names[i].name);
            v &= ~names[i].bit;
            first = false;
        }
    }
    if (v) {
        qemu_log("%s%#" PRIx64, first ? "" : "|", v);
    }
}

static void print_open_flags(uint64_t v)
{
    static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR",
                                       "O_ACCMODE" };

    qemu_log("%s", acc[v & 3]);
    if (v & ~(uint64_t)3) {
        qemu_log("|");
        print_flags(open_names, v & ~(uint64_t)3, "");
    }
}

static void print_mmap_flags(uint64_t v)
{
    static const char *const type[] = { "0", "MAP_SHARED", "MAP_PRIVATE",
                                        "MAP_SHARED_VALIDATE" };

    if ((v & 0xf) < 4) {
        qemu_log("%s", type[v & 0xf]);
    } else {
        qemu_log("%#" PRIx64, v & 0xf);
    }
    if (v & ~(uint64_t)0xf) {
        qemu_log("|");
        print_flags(map_names, v & ~(uint64_t)0xf, "");
    }
}

static void print_arg(char kind, uint64_t v)
{
    static const char *const clocks[] = {
        "CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID",
        "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW",
        "CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME",
    };
    static const char *const hows[] = { "SIG_BLOCK", "SIG_UNBLOCK",
                                        "SIG_SETMASK" };
    static const char *const signames[32] = {
        NULL, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
        "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT",
        "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
        "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
    };
    static const char *const whences[] = { "SEEK_SET", "SEEK_CUR",
                                           "SEEK_END", "SEEK_DATA",
                                           "SEEK_HOLE" };

    switch (kind) {
    case 'd':
        qemu_log("%" PRId64, (int64_t)(int32_t)v);
        break;
    case 'u':
        qemu_log("%" PRIu64, v);
        break;
    case 's':
        print_string_arg(v);
        break;
    case 'o':
        qemu_log("%#" PRIo64, v);
        break;
    case 'p':
        if (v == 0) {
            qemu_log("NULL");
        } else {
            qemu_log("0x%016" PRIx64, v);
        }
        break;
    case 'a':
        if ((int32_t)v == -100) {
            qemu_log("AT_FDCWD");
        } else {
            qemu_log("%d", (int32_t)v);
        }
        break;
    case 'O':
        print_open_flags(v);
        break;
    case 'P':
        print_flags(prot_names, v, "PROT_NONE");
        break;
    case 'M':
        print_mmap_flags(v);
        break;
    case 'A':
        print_flags(at_names, v, "0");
        break;
    case 'S':
        if ((int64_t)v > 0 && v < 32) {
            qemu_log("SIG%s", signames[v]);
        } else if (v >= 32 && v <= TARGET_NSIG) {
            qemu_log("SIGRTMIN+%d", (int)v - 32);
        } else {
            qemu_log("%" PRId64, (int64_t)v);
        }
        break;
    case 'H':
        if (v < G_N_ELEMENTS(hows)) {
            qemu_log("%s", hows[v]);
        } else {
            qemu_log("%" PRId64, (int64_t)v);
        }
        break;
    case 'W':
        if (v < G_N_ELEMENTS(whences)) {
            qemu_log("%s", whences[v]);
        } else {
            qemu_log("%" PRId64, (int64_t)v);
        }
        break;
    case 'C':
        if (v < G_N_ELEMENTS(clocks)) {
            qemu_log("%s", clocks[v]);
        } else {
            qemu_log("%" PRId64, (int64_t)v);
        }
        break;
    case 'x':
    default:
        qemu_log("%#" PRIx64, v);
        break;
    }
}

/* fcntl's command (asm-generic numbers) and how its argument prints:
   'd', 'O', 'p', or 0 for none. */
static const char *fcntl_cmd(uint64_t cmd, char *arg)
{
    static const struct {
        int cmd;
        const char *name;
        char arg;
    } cmds[] = {
        { 0, "F_DUPFD", 'd' }, { 1, "F_GETFD", 0 }, { 2, "F_SETFD", 'd' },
        { 3, "F_GETFL", 0 }, { 4, "F_SETFL", 'O' }, { 5, "F_GETLK", 'p' },
        { 6, "F_SETLK", 'p' }, { 7, "F_SETLKW", 'p' },
        { 8, "F_SETOWN", 'd' }, { 9, "F_GETOWN", 0 },
        { 10, "F_SETSIG", 'd' }, { 11, "F_GETSIG", 0 },
        { 15, "F_SETOWN_EX", 'p' }, { 16, "F_GETOWN_EX", 'p' },
        { 36, "F_OFD_GETLK", 'p' }, { 37, "F_OFD_SETLK", 'p' },
        { 38, "F_OFD_SETLKW", 'p' }, { 1024, "F_SETLEASE", 'd' },
        { 1025, "F_GETLEASE", 0 }, { 1026, "F_NOTIFY", 'd' },
        { 1030, "F_DUPFD_CLOEXEC", 'd' }, { 1031, "F_SETPIPE_SZ", 'd' },
        { 1032, "F_GETPIPE_SZ", 0 }, { 1033, "F_ADD_SEALS", 'd' },
        { 1034, "F_GET_SEALS", 0 },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cmds); i++) {
        if ((uint64_t)cmds[i].cmd == cmd) {
            *arg = cmds[i].arg;
            return cmds[i].name;
        }
    }
    *arg = 'd';
    return NULL;
}

void print_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                   uint64_t a4, uint64_t a5, uint64_t a6)
{
    const char *name = target_syscall_name(nr);
    const char *fmt = strace_format(nr);
    uint64_t args[6] = { a1, a2, a3, a4, a5, a6 };
    int n;

    if (!name) {
        qemu_log("%d Unknown syscall %d\n", getpid(), nr);
        return;
    }
    if (!fmt) {
        fmt = "xxx";
    }
    n = strlen(fmt);
    /* open/openat show the mode only when a file may be created. */
    if ((nr == TARGET_NR_open && !(a2 & 0100)) ||
        (nr == TARGET_NR_openat && !(a3 & 0100))) {
        n--;
    }
    qemu_log("%d %s(", getpid(), name);
    for (int i = 0; i < n && i < 6; i++) {
        if (i) {
            qemu_log(",");
        }
        if (fmt[i] == 'F') {
            char arg;
            const char *cmd = fcntl_cmd(args[i], &arg);

            if (cmd) {
                qemu_log("%s", cmd);
            } else {
                qemu_log("%" PRId64, (int64_t)args[i]);
            }
            if (arg && i + 1 < 6) {
                qemu_log(",");
                print_arg(arg, args[i + 1]);
            }
            break;
        }
        print_arg(fmt[i], args[i]);
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
               nr == TARGET_NR_mremap || nr == TARGET_NR_mmap2) {
        qemu_log(" = 0x%016" PRIx64 "\n", (uint64_t)ret);
    } else {
        qemu_log(" = %" PRId64 "\n", ret);
    }
}
