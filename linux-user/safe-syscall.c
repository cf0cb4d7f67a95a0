/*
 * safe_syscall: a blocking host system call that a guest signal always
 * interrupts, however late it arrives.
 *
 * The problem.  The CPU loop looks at the thread's signal queue after
 * every system call and before the next one; a host signal that arrives
 * after that look but before the next blocking call (read on an empty
 * pipe, futex wait...) is queued by the host handler, yet the call
 * blocks, perhaps forever, with the guest's handler not run.
 *
 * The cure.  The host handler sets the thread's "unseen" flag when it
 * queues a signal, and the CPU loop clears it when it looks at the queue
 * (signal.c).  safe_syscall tests the flag just before the `syscall'
 * instruction and returns -EINTR without making the call when it is
 * set.  That leaves the instructions between the test and the
 * `syscall': a signal arriving there sees, in the host handler, a
 * program counter inside [safe_syscall_start, safe_syscall_end), and
 * safe_syscall_rewind moves it to the -EINTR exit, so the call is never
 * made.  Once the `syscall' instruction has run (the program counter is
 * at safe_syscall_end or beyond), the kernel itself returns EINTR for a
 * signal during the call (our handlers have no SA_RESTART).  -EINTR
 * means the call did nothing: the CPU loop restarts it or reports EINTR
 * to the guest by the guest handler's SA_RESTART (cpu_loop.c).
 *
 * Only x86-64 hosts have the assembly; elsewhere the flag is still
 * tested, and only the last few instructions' window stays open.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <ucontext.h>

#include "qemu.h"

#if defined(__x86_64__)

/*
 * int64_t safe_syscall_base(const int *unseen, long nr, long a1, ...a6)
 * System V: unseen %rdi, nr %rsi, a1..a4 %rdx %rcx %r8 %r9, a5 and a6 on
 * the stack.  Linux: nr %rax, arguments %rdi %rsi %rdx %r10 %r8 %r9; the
 * result (-errno on failure) in %rax; %rcx and %r11 are clobbered.
 */
__asm__(
    "    .text\n"
    "    .globl safe_syscall_base\n"
    "    .type safe_syscall_base, @function\n"
    "safe_syscall_base:\n"
    "    .cfi_startproc\n"
    "    pushq %rbx\n"
    "    .cfi_adjust_cfa_offset 8\n"
    "    .cfi_rel_offset %rbx, 0\n"
    "    movq %rdi, %rbx\n"
    "    movq %rsi, %rax\n"
    "    movq %rdx, %rdi\n"
    "    movq %rcx, %rsi\n"
    "    movq %r8, %rdx\n"
    "    movq %r9, %r10\n"
    "    movq 16(%rsp), %r8\n"
    "    movq 24(%rsp), %r9\n"
    "    .globl safe_syscall_start\n"
    "safe_syscall_start:\n"
    "    cmpl $0, (%rbx)\n"
    "    jne safe_syscall_interrupted\n"
    "    syscall\n"
    "    .globl safe_syscall_end\n"
    "safe_syscall_end:\n"
    "    popq %rbx\n"
    "    .cfi_remember_state\n"
    "    .cfi_adjust_cfa_offset -8\n"
    "    .cfi_restore %rbx\n"
    "    ret\n"
    "    .cfi_restore_state\n"
    "    .globl safe_syscall_interrupted\n"
    "safe_syscall_interrupted:\n"
    "    movq $-4, %rax\n"          /* -EINTR */
    "    popq %rbx\n"
    "    .cfi_adjust_cfa_offset -8\n"
    "    .cfi_restore %rbx\n"
    "    ret\n"
    "    .cfi_endproc\n"
    "    .size safe_syscall_base, . - safe_syscall_base\n");

int64_t safe_syscall_base(const int *unseen, long nr, long a1, long a2,
                          long a3, long a4, long a5, long a6);
extern const char safe_syscall_start[], safe_syscall_end[],
                  safe_syscall_interrupted[];

G_STATIC_ASSERT(EINTR == 4);

bool safe_syscall_rewind(void *host_uc)
{
    ucontext_t *uc = host_uc;
    greg_t *pc = &uc->uc_mcontext.gregs[REG_RIP];

    if ((uintptr_t)*pc >= (uintptr_t)safe_syscall_start &&
        (uintptr_t)*pc < (uintptr_t)safe_syscall_end) {
        *pc = (greg_t)(uintptr_t)safe_syscall_interrupted;
        return true;
    }
    return false;
}

int64_t safe_syscall6(long nr, long a1, long a2, long a3, long a4, long a5,
                      long a6)
{
    return safe_syscall_base(signal_unseen_flag(), nr, a1, a2, a3, a4, a5,
                             a6);
}

#else

bool safe_syscall_rewind(void *host_uc)
{
    (void)host_uc;
    return false;
}

int64_t safe_syscall6(long nr, long a1, long a2, long a3, long a4, long a5,
                      long a6)
{
    long r;

    if (__atomic_load_n(signal_unseen_flag(), __ATOMIC_ACQUIRE)) {
        return -EINTR;
    }
    r = syscall(nr, a1, a2, a3, a4, a5, a6);
    return r < 0 ? -errno : r;
}

#endif
