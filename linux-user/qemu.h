/*
 * linux-user internals shared between main.c, elfload.c, mmap.c,
 * syscall*.c, signal.c and strace.c, plus the entry points the CPU loop
 * (linux-user/e2k/cpu_loop.c, RUN-B) calls: do_syscall(), queue_signal(),
 * the uncaught-signal exit.  The guest address space itself is described in
 * include/exec/guest-memory.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef LINUX_USER_QEMU_H
#define LINUX_USER_QEMU_H

#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "qemu/error.h"
#include "exec/guest-memory.h"

typedef struct CPUE2KState CPUE2KState;

/* ------------------------------------------------------------------ */
/* Guest memory management (mmap.c)                                    */

/* Default size of the guest address space (the host reservation). */
#define GUEST_SPACE_DEFAULT_SIZE  ((uint64_t)1 << 40)
/* Where target_mmap starts looking for free space without a hint. */
#define GUEST_MMAP_BASE           ((uint64_t)0x2000000000ULL)

/*
 * Reserve the guest address space: @size bytes of host address space,
 * at exactly @fixed_base when it is non-zero (-B), else wherever the host
 * puts it.  Sets guest_base and guest_space_size.
 */
bool guest_memory_init(uint64_t size, uintptr_t fixed_base, Error **errp);
/* Release the reservation and the page table (tests). */
void guest_memory_cleanup(void);

/* Guest PROT_* / MAP_* values (e2k uapi mman.h: the MAP_ bits differ
   from x86). */
#define TARGET_PROT_READ       0x1
#define TARGET_PROT_WRITE      0x2
#define TARGET_PROT_EXEC       0x4
#define TARGET_MAP_SHARED      0x000001
#define TARGET_MAP_PRIVATE     0x000002
#define TARGET_MAP_TYPE        0x00000f
#define TARGET_MAP_ANONYMOUS   0x000010
#define TARGET_MAP_FIXED       0x000100
#define TARGET_MAP_DENYWRITE   0x000800
#define TARGET_MAP_GROWSDOWN   0x001000
#define TARGET_MAP_GROWSUP     0x002000
#define TARGET_MAP_EXECUTABLE  0x004000
#define TARGET_MAP_LOCKED      0x008000
#define TARGET_MAP_NORESERVE   0x010000
#define TARGET_MAP_POPULATE    0x020000
#define TARGET_MAP_NONBLOCK    0x040000
#define TARGET_MAP_FIRST32     0x080000
#define TARGET_MAP_HUGETLB     0x200000
/* Linux's MAP_FIXED_NOREPLACE value is generic (0x100000 on most
   targets) but collides with e2k's MAP_WRITECOMBINED: not supported. */
#define TARGET_MREMAP_MAYMOVE  1
#define TARGET_MREMAP_FIXED    2

/* All return a guest address or a negative host errno. */
int64_t target_mmap(uint64_t addr, uint64_t len, int prot, int flags,
                    int fd, int64_t offset);
int target_munmap(uint64_t addr, uint64_t len);
int target_mprotect(uint64_t addr, uint64_t len, int prot);
int64_t target_mremap(uint64_t old_addr, uint64_t old_len,
                      uint64_t new_len, int flags, uint64_t new_addr);
/* Lowest free guest range of @len bytes at or above @hint, or -ENOMEM. */
int64_t guest_find_free(uint64_t hint, uint64_t len);

/* Program break: set by the loader after the highest segment. */
void target_set_brk(uint64_t start);
uint64_t target_brk(uint64_t new_brk);

/* Host pointer to guest [addr, addr + len) when every page has @flags
   (PAGE_READ / PAGE_WRITE), else NULL.  len == 0 gives a non-NULL pointer
   only for a valid address. */
void *lock_user(uint64_t addr, uint64_t len, int flags);
/* Length of the NUL-terminated guest string at @addr (without the NUL),
   or -EFAULT; at most @max bytes are examined (-ENAMETOOLONG beyond). */
int64_t target_strlen(uint64_t addr, size_t max);

/* ------------------------------------------------------------------ */
/* ELF loading and the initial process image (elfload.c)               */

/* e2k ELF facts (kernel arch/e2k e2k_api.h, binutils elf/e2k.h). */
#define EM_MCST_ELBRUS          175
#define E2K_EF_IPD_MASK         0x00000003u
#define E2K_EF_X86APP           0x00000004u
#define E2K_EF_INCOMPAT         0x00000010u  /* runs only on the mach. below */
#define E2K_EF_PM               0x00000020u  /* protected mode (128-bit ptrs) */
#define E2K_EF_PACK_SEGMENTS    0x00000040u
#define E2K_EF_MACH_SHIFT       24           /* machine/ISA code in bits 31:24 */

typedef struct ImageInfo {
    uint64_t entry;
    uint64_t load_addr;     /* lowest PT_LOAD page */
    uint64_t start_code, end_code;
    uint64_t start_data, end_data;
    uint64_t brk;           /* first byte after the highest segment */
    uint64_t phdr_addr;     /* guest address of the program headers, or 0 */
    uint32_t phnum;
    uint32_t e_flags;
    int isa;                /* 2..7 from e_flags, -1 when unspecified */
    const char *mach_name;  /* machine named by e_flags, or NULL */
    uint64_t load_bias;     /* added to the program's p_vaddr (ET_DYN) */
    bool exec_stack;        /* PT_GNU_STACK with PF_X */
    /* Filled by elf_load_program() when there is a PT_INTERP. */
    uint64_t interp_base;   /* AT_BASE: the interpreter's load bias, or 0 */
    uint64_t interp_load_addr;  /* its lowest page */
    const char *interp_path;    /* the host file (elfload.c's), for maps */
    uint64_t start_pc;      /* the interpreter's entry, or entry */

    /* Filled by setup_process_stacks(). */
    uint64_t stack_base, stack_size;   /* user data stack [base, base+size) */
    uint64_t sp;                       /* initial sp: points at argc */
    uint64_t psp_base, psp_size;       /* procedure stack */
    uint64_t pcsp_base, pcsp_size;     /* procedure chain stack */
    uint64_t arg_start, arg_end, env_start, env_end;
} ImageInfo;

/*
 * Check an ELF image in memory (@data, @size bytes read from @filename) and
 * fill the non-stack fields of @info without mapping anything.  Errors name
 * the file and what is wrong: truncated file, bad program headers,
 * overlapping segments, wrong machine, 32-bit or protected-mode binaries.
 */
bool elf_check_image(const char *filename, const uint8_t *data, size_t size,
                     ImageInfo *info, Error **errp);
/* elf_check_image + map the PT_LOAD segments into guest memory. */
bool elf_load_image(const char *filename, const uint8_t *data, size_t size,
                    ImageInfo *info, Error **errp);
/* Read @filename (at most 1 GiB) and elf_load_image it. */
bool elf_load_file(const char *filename, ImageInfo *info, Error **errp);
/*
 * Load a program as execve does: @filename at its address (ET_EXEC) or at
 * a bias (ET_DYN), then the interpreter its PT_INTERP names (looked up
 * under -L first) at a bias of its own; info->start_pc is where to start.
 */
bool elf_load_program(const char *filename, ImageInfo *info, Error **errp);
/* ET_DYN placement: randomized (seeded by -seed) unless turned off. */
extern bool guest_aslr;

/* Name of the machine code in e_flags bits 31:24 and its ISA version. */
const char *e2k_elf_mach_name(unsigned code, int *isa);

/* Defaults for the stacks. */
#define TARGET_DEFAULT_STACK_SIZE   (8 * 1024 * 1024)
#define TARGET_PSP_SIZE             ((uint64_t)1 << 30)   /* 1 GiB */
#define TARGET_PCSP_SIZE            ((uint64_t)256 << 20) /* 256 MiB */

/*
 * Map the user stack (@stack_size bytes), the procedure and chain stacks
 * (MAP_NORESERVE, so they cost only what is touched), and lay out argv,
 * envp and the auxiliary vector like the e2k kernel: from the initial sp
 * upward argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL; the strings,
 * the platform name and AT_RANDOM's 16 bytes above them; sp 16-aligned.
 */
bool setup_process_stacks(ImageInfo *info, int argc, char *const *argv,
                          char *const *envp, const char *execfn,
                          uint64_t stack_size, Error **errp);

/*
 * -E/-U (envlist.c): parse a comma-separated list into @edits ("VAR=value"
 * to set when @set, "VAR" to unset), then apply the edits in order to a
 * copy of @env.  The result is a NULL-terminated g_strfreev-able array.
 */
bool target_env_parse_list(const char *list, bool set, GPtrArray *edits,
                           Error **errp);
char **target_env_build(char *const *env, const GPtrArray *edits);

/* ------------------------------------------------------------------ */
/* System calls (syscall*.c)                                           */

/*
 * Execute guest system call @nr with its six arguments; returns the
 * result or a negative target errno (the e2k errno values are Linux's
 * generic ones, the same as the host's).  Called by cpu_loop (RUN-B).
 * exit/exit_group do not return.
 */
int64_t do_syscall(CPUE2KState *env, int nr, uint64_t a1, uint64_t a2,
                   uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6);
/*
 * The last do_syscall's -EINTR is final after a handler even with
 * SA_RESTART, whatever its number (the kernel's -EINTR rather than
 * -ERESTARTSYS: a socket wait with SO_RCVTIMEO/SO_SNDTIMEO set).
 * syscall_set_eintr_final is the system call's side.
 */
bool syscall_eintr_final(void);
void syscall_set_eintr_final(void);
/*
 * Set while do_syscall runs: a host fault on a guest address outside
 * translated code (e.g. SIGBUS reading a file mapping past its end)
 * jumps here and the system call returns -EFAULT, as the kernel's
 * copy_to_user would.
 */
extern __thread sigjmp_buf *syscall_fault_jmp;

/* Name of a system call number, or NULL. */
const char *target_syscall_name(int nr);

/*
 * The hardware stacks as access_hw_stacks sees them: bounds and current
 * tops, after e2k_flush_reg_stack() spilled the register windows.  The
 * current function's %cr0/%cr1 are the frame at pcs_top (the CPU keeps
 * it in guest memory at pcsp_base + pcsp_ind).
 */
typedef struct E2KHwStacks {
    uint64_t ps_base, ps_size, ps_top;     /* procedure stack */
    uint64_t pcs_base, pcs_size, pcs_top;  /* chain stack */
    uint64_t pcs_end;   /* pcs_top + the current frame */
} E2KHwStacks;

/* -strace (strace.c) */
extern bool do_strace;
void print_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                   uint64_t a4, uint64_t a5, uint64_t a6);
void print_syscall_ret(int nr, int64_t ret);

/* ------------------------------------------------------------------ */
/* Signals (signal.c)                                                  */

#define TARGET_NSIG      64
#define TARGET_SIGSEGV   11
#define TARGET_SIGBUS     7
#define TARGET_SIGILL     4
#define TARGET_SIGFPE     8
#define TARGET_SIGTRAP    5
#define TARGET_SIGKILL    9
#define TARGET_SIGSTOP   19

/* sa_flags (e2k uapi signal.h; the generic values). */
#define TARGET_SA_NOCLDSTOP  0x00000001u
#define TARGET_SA_SIGINFO    0x00000004u
#define TARGET_SA_RESTORER   0x04000000u
#define TARGET_SA_ONSTACK    0x08000000u
#define TARGET_SA_RESTART    0x10000000u
#define TARGET_SA_NODEFER    0x40000000u
#define TARGET_SA_RESETHAND  0x80000000u
#define TARGET_SIG_DFL       0
#define TARGET_SIG_IGN       1
/* sigaltstack: ss_flags, and the smallest stack it accepts. */
#define TARGET_SS_ONSTACK    1
#define TARGET_SS_DISABLE    2
#define TARGET_MINSIGSTKSZ   4096

/* Guest signal handler bookkeeping (rt_sigaction/rt_sigprocmask). */
typedef struct TargetSigaction {
    uint64_t handler;       /* 0 = SIG_DFL, 1 = SIG_IGN, else guest pc */
    uint64_t flags;
    uint64_t restorer;
    uint64_t mask;
} TargetSigaction;

/*
 * A siginfo_t as the guest sees it: the generic 64-bit layout (128 bytes,
 * little-endian), which is also the host's on every LP64 Linux we build
 * for.  Fields: si_signo 0, si_errno 4, si_code 8; then by kind: kill
 * and queued signals si_pid 16, si_uid 20, si_value 24; timers si_tid 16,
 * si_overrun 20, si_value 24; SIGCHLD si_pid 16, si_uid 20, si_status 24,
 * si_utime 32, si_stime 40; faults si_addr 16.
 */
#define TARGET_SIGINFO_SIZE  128
typedef struct TargetSiginfo {
    uint8_t b[TARGET_SIGINFO_SIZE];
} TargetSiginfo;
#define TARGET_SI_USER       0
#define TARGET_SI_QUEUE      (-1)
#define TARGET_SI_TKILL      (-6)

/* Install the host signal handlers: SIGSEGV/SIGBUS map faults in
   translated code back to guest faults; every other catchable signal is
   recorded as pending for the guest.  The guest's initial mask and
   ignored signals are inherited from the host's, as across execve. */
void signal_init(void);
int do_rt_sigaction(int sig, const TargetSigaction *act,
                    TargetSigaction *oact);
int do_rt_sigprocmask(int how, const uint64_t *set, uint64_t *oldset);
const char *target_signal_name(int sig);

/* Signals pending for the thread (blocked ones included). */
uint64_t signal_pending_set(void);
/* Queue @info (si_signo set) for the thread, then apply the default
   action of every pending unblocked signal that has no handler (which
   may end the process): a signal a program sends itself.  -EAGAIN when
   the queue is full. */
int signal_send_self(const TargetSiginfo *info);
/* tgkill/tkill of a guest signal the host cannot carry (signal_host_routed
   false) to guest thread @tid of this process: queued for it and its CPU
   stopped; -ESRCH when no such thread. */
int signal_send_thread(pid_t tid, const TargetSiginfo *info);
/* Guest signal @sig is host signal @sig, which the host delivers (all but
   the two the host's C library keeps for itself). */
bool signal_host_routed(int sig);
/* Apply the default action of every pending unblocked signal without a
   handler (which may end the process): after a signal sent to ourselves
   through the host, as the kernel does before the call returns. */
void signal_apply_defaults(void);
/* Per-thread signal state.  signal_thread_start: a new guest thread,
   with mask @blocked (its creator's); signal_thread_cpu: the CPU it
   runs, stopped when a sibling queues it a signal; signal_thread_end:
   the thread leaves (nothing is delivered to it after this);
   signal_fork_child: the only thread of a new process, nothing pending. */
void signal_thread_start(uint64_t blocked);
void signal_thread_cpu(CPUE2KState *env);
void signal_thread_end(void);
void signal_fork_child(void);
uint64_t signal_get_mask(void);
/* The host signal set of guest mask @mask (the host signals we catch). */
void signal_host_mask_of(uint64_t mask, sigset_t *set);
/* signalfd4 (syscall-signal.c). */
int64_t do_signalfd4(int fd, uint64_t mask_addr, uint64_t sizemask,
                     int flags);
/* Blocking host system calls (safe-syscall.c): syscall(@nr, ...) as a
   negative errno or the result, except that a guest signal queued after
   the thread last looked at its queue makes it return -EINTR without
   making the call, also when the signal arrives just before the call
   would start.  Every host call that can block for long goes through it.
   safe_syscall_rewind: the host handler's half (@host_uc its
   ucontext_t); signal_unseen_flag: the thread's "a signal is queued
   unseen" word it tests. */
int64_t safe_syscall6(long nr, long a1, long a2, long a3, long a4, long a5,
                      long a6);
bool safe_syscall_rewind(void *host_uc);
int *signal_unseen_flag(void);
/* rt_sigsuspend (and pause: @mask = the current mask): wait until a
   signal with a handler is pending and unblocked under @mask; returns
   -EINTR.  The mask in force before is what the handler's frame saves
   (signal_enter_handler), so rt_sigreturn restores it. */
int64_t signal_suspend(uint64_t mask);
/* rt_sigtimedwait: take a pending signal of @set (fill @info), waiting
   at most @timeout_ns (< 0: forever).  -EAGAIN on timeout, -EINTR when
   a signal outside @set with a handler arrived first. */
int64_t signal_timedwait(uint64_t set, TargetSiginfo *info,
                         int64_t timeout_ns);
/* sigaltstack: NULL pointers for what is not set / not wanted; @sp is
   the guest's stack pointer (SS_ONSTACK in the old flags, EPERM). */
int signal_altstack(uint64_t sp, const uint64_t *ss_sp, const int *ss_flags,
                    const uint64_t *ss_size, uint64_t *old_sp,
                    int *old_flags, uint64_t *old_size);
/* The alternate stack for a handler with SA_ONSTACK at stack pointer
   @sp: false when there is none or @sp is already on it. */
bool signal_altstack_for(uint64_t sp, uint64_t *base, uint64_t *size);
/* The thread's alternate stack as a frame's uc_stack reports it. */
void signal_altstack_get(uint64_t sp, uint64_t *ss_sp, int *ss_flags,
                         uint64_t *ss_size);

/*
 * Delivery, for the CPU loop.  signal_next dequeues the next signal a
 * guest handler must run for (synchronous faults first, then the lowest
 * number), applying default actions and SIG_IGN to the others on the way
 * (which may end the process); 0 when none.  The handler's disposition
 * is copied to @act (SA_RESETHAND already applied).  signal_peek_handler
 * says, without dequeuing, whether the next delivery runs a handler
 * (and its sa_flags): what SA_RESTART decisions need.
 * signal_enter_handler updates the mask for the handler and returns the
 * mask its frame must save; signal_set_mask is rt_sigreturn's.
 */
int signal_next(TargetSiginfo *info, TargetSigaction *act);
bool signal_peek_handler(uint64_t *flags);
uint64_t signal_enter_handler(int sig, const TargetSigaction *act);
void signal_set_mask(uint64_t mask);

/*
 * Raise guest signal @sig (from a CPU exception: SIGILL, SIGSEGV with
 * @addr...; or any other signal).  Without a guest handler the default
 * action applies; for a fatal signal this prints "qemu: uncaught target
 * signal N (Name) - core dumped" (or without " - core dumped" for
 * signals that do not dump core) and exits like the guest would (host
 * status 128+N).  A synchronous fault that is blocked or ignored kills
 * too (as the kernel's force_sig).  Otherwise the signal stays queued
 * for the CPU loop to deliver to the guest handler (signal_next).
 */
void queue_signal(CPUE2KState *env, int sig, int code, uint64_t addr);
/* Terminate as if killed by guest signal @sig. */
void dump_core_and_abort(int sig) G_GNUC_NORETURN;

/* The CPU running on this thread (set by main before cpu_loop); the host
   fault handler restores its state with cpu_restore_state_from_host_pc()
   and raises the guest signal with e2k_raise_signal() (target/e2k). */
extern __thread CPUE2KState *thread_cpu;

/* thread.c: guest threads and processes.  thread_set_loop: what a new
   guest thread runs (cpu_loop); without it clone of a thread fails. */
void thread_set_loop(void (*loop)(CPUE2KState *env));
int64_t do_clone(CPUE2KState *env, uint64_t flags, uint64_t sp,
                 uint64_t stack_size, uint64_t ptid, uint64_t ctid,
                 uint64_t tls);
int64_t do_set_tid_address(uint64_t addr);
/* set_robust_list / get_robust_list (@tid 0: the caller).  The list is
   walked when the thread exits (not on exit_group: the process goes). */
int64_t do_set_robust_list(uint64_t head, uint64_t len);
int64_t do_get_robust_list(int64_t tid, uint64_t head_addr, uint64_t len_addr);
/* Release the robust futexes of the calling thread (@all: of every
   thread), which is going (exit, exit_group, death by a signal). */
void robust_lists_exit(bool all);
/* exit (@group false: this thread only, unless it is the last one) and
   exit_group; never returns. */
void do_thread_exit(CPUE2KState *env, int status, bool group)
    G_GNUC_NORETURN;
int64_t do_futex(uint64_t uaddr, int op, uint32_t val, uint64_t timeout,
                 uint64_t uaddr2, uint32_t val3);
int64_t do_wait4(int64_t pid, uint64_t status_addr, int options,
                 uint64_t rusage_addr);

/* linux-user/e2k/cpu_loop.c (RUN-B): run the guest; never returns. */
void cpu_loop(CPUE2KState *env) G_GNUC_NORETURN;

/* ------------------------------------------------------------------ */
/* Start-up options shared with the CPU (main.c)                       */

extern const char *qemu_cpu_model;      /* -cpu, QEMU_CPU */
extern const char *interp_prefix;       /* -L, QEMU_LD_PREFIX */
extern bool one_insn_per_tb;            /* -one-insn-per-tb */
extern const char *tcg_backend;         /* -accel tcg,backend= */

/* -r / QEMU_UNAME: the release uname() reports (NULL: the host's). */
extern const char *qemu_uname_release;
/* -seed / QEMU_RAND_SEED: make AT_RANDOM (and any other guest-visible
   randomness) reproducible. */
void guest_random_seed(uint64_t seed);

/* Absolute path of the guest executable (readlink("/proc/self/exe")). */
extern char *target_exec_path;
/* The options (as "-name", "value" words, environment ones included) a
 * qemu-e2k started by the guest's execve gets: all but -0/-E/-U/-help. */
extern char **qemu_exec_options;

/* Path under -L when it exists there, else @path. */
const char *path_with_prefix(const char *path, char *buf, size_t bufsize);

#endif
