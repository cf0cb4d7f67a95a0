/*
 * The e2k CPU loop of the user-mode emulator: run translated code until
 * an event, then serve it: a system call goes to do_syscall() with the
 * result written back into the system call's window, a guest fault to
 * queue_signal(); after each, pending signals are delivered to guest
 * handlers (signal.c builds the frames).
 *
 * The system call convention (the e2k kernel's 64-bit gate, reached with
 * `sdisp %ctprN, 3' + `call %ctprN, wbs=W'): the number is in the
 * callee's %r0 (our %r(2W)), the arguments in its %dr1..%dr6, and the
 * result (or -errno) comes back in its %dr0.  `sdisp %ctprN, 6' is the
 * fast system call entry (same registers; context.c), any other entry
 * gets ENOSYS.  The context calls and e2k_longjmp2 rewrite the stacks
 * themselves (context.c, signal.c).
 *
 * Interrupted system calls.  Host signals reach us through handlers
 * installed without SA_RESTART, so a blocking call returns EINTR when
 * a signal the guest thread does not block arrives; a blocking call
 * goes through safe_syscall6 (linux-user/safe-syscall.c), so also when
 * the signal arrived after the loop last looked at the queue but
 * before the call started.  As the kernel does: when no guest handler is to
 * run (the signal is blocked, ignored, or only stops us), the call is
 * simply made again; when a handler runs, calls that the kernel restarts
 * with SA_RESTART (-ERESTARTSYS) are redone after rt_sigreturn if the
 * handler has SA_RESTART and fail with EINTR otherwise; the waits the
 * kernel never restarts after a handler (-ERESTARTNOHAND: poll, select,
 * nanosleep, epoll_wait, System V msgsnd/msgrcv/semop...; and a socket
 * wait with a timeout set, syscall_eintr_final) fail with EINTR;
 * sigsuspend, pause and sigtimedwait return EINTR by design.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdlib.h>
#include <glib.h>

#include "qemu/log.h"
#include "qemu.h"
#include "target/e2k/cpu.h"
#include "e2k/syscall_nr.h"
#include "e2k/target_signal.h"

/* The kernel entries `sdisp' names (helper_call records it). */
#define E2K_TRAP_SYSCALL    3
#define E2K_TRAP_FAST       6

enum {
    RESTART_SYS,        /* restart with SA_RESTART (-ERESTARTSYS) */
    RESTART_NOHAND,     /* restart only when no handler runs */
    RESTART_NEVER,      /* EINTR is the call's own answer */
};

static int syscall_restart_kind(uint64_t nr)
{
    switch (nr) {
    case TARGET_NR_rt_sigsuspend:
    case TARGET_NR_sigsuspend:
    case TARGET_NR_pause:
    case TARGET_NR_rt_sigtimedwait:
        return RESTART_NEVER;
    case TARGET_NR_nanosleep:
    case TARGET_NR_clock_nanosleep:
    case TARGET_NR_poll:
    case TARGET_NR_ppoll:
    case TARGET_NR_select:
    case TARGET_NR__newselect:
    case TARGET_NR_pselect6:
    case TARGET_NR_epoll_wait:
    case TARGET_NR_epoll_pwait:
    case TARGET_NR_msgsnd:
    case TARGET_NR_msgrcv:
    case TARGET_NR_semop:
    case TARGET_NR_semtimedop:
        return RESTART_NOHAND;
    default:
        return RESTART_SYS;
    }
}

/* Run system call @nr (window: env->sys_wbs), then deliver signals. */
static void run_syscall(CPUE2KState *env, uint64_t nr, const uint64_t a[6])
{
    E2KSyscallRestart restart;
    int64_t ret;

    for (;;) {
        uint64_t flags;
        int kind;

        ret = do_syscall(env, (int)nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        kind = syscall_restart_kind(nr);
        if (ret != -EINTR || kind == RESTART_NEVER) {
            break;
        }
        if (!signal_peek_handler(&flags)) {
            continue;           /* nobody saw the signal: call again */
        }
        if (kind == RESTART_SYS && (flags & TARGET_SA_RESTART) &&
            !syscall_eintr_final()) {
            restart.nr = nr;
            for (int i = 0; i < 6; i++) {
                restart.args[i] = a[i];
            }
            e2k_deliver_signals(env, &restart);
            return;
        }
        break;
    }
    e2k_syscall_return(env, ret);
    e2k_deliver_signals(env, NULL);
}

void cpu_loop(CPUE2KState *env)
{
    signal_thread_cpu(env);
    for (;;) {
        int excp = e2k_cpu_exec(env);

        switch (excp) {
        case EXCP_SYSCALL: {
            uint64_t nr, a[6];
            int64_t ret;
            bool keep_regs;

            e2k_syscall_args(env, &nr, a);
            if (env->sys_trap == E2K_TRAP_FAST) {
                e2k_syscall_return(env, e2k_fast_syscall(env, nr, a));
                e2k_deliver_signals(env, NULL);
                break;
            }
            if (env->sys_trap != E2K_TRAP_SYSCALL) {
                /* the 32-bit and protected-mode entries */
                qemu_log_mask(LOG_UNIMP, "qemu-e2k: system call entry %u "
                              "is not implemented (only 3 and 6)\n",
                              env->sys_trap);
                e2k_syscall_return(env, -ENOSYS);
                e2k_deliver_signals(env, NULL);
                break;
            }
            if (e2k_context_call(env, nr, a, &ret, &keep_regs)) {
                if (do_strace) {
                    print_syscall((int)nr, a[0], a[1], a[2], a[3], a[4],
                                  a[5]);
                    print_syscall_ret((int)nr, ret);
                }
                if (!keep_regs) {
                    e2k_syscall_return(env, ret);
                }
                e2k_deliver_signals(env, NULL);
                break;
            }
            if (nr == TARGET_NR_rt_sigreturn) {
                E2KSyscallRestart restart;

                if (do_strace) {
                    print_syscall((int)nr, a[0], a[1], a[2], a[3], a[4],
                                  a[5]);
                    qemu_log("\n");
                }
                if (e2k_rt_sigreturn(env, &restart)) {
                    run_syscall(env, restart.nr, restart.args);
                } else {
                    e2k_deliver_signals(env, NULL);
                }
                break;
            }
            if (nr == TARGET_NR_e2k_longjmp2) {
                if (do_strace) {
                    print_syscall((int)nr, a[0], a[1], a[2], a[3], a[4],
                                  a[5]);
                }
                ret = e2k_longjmp2(env, a[0], a[1]);
                if (do_strace) {
                    print_syscall_ret((int)nr, ret);
                }
                e2k_syscall_return(env, ret);
                e2k_deliver_signals(env, NULL);
                break;
            }
            run_syscall(env, nr, a);
            break;
        }
        case EXCP_SIGNAL:
            queue_signal(env, env->exc_signal, env->exc_code,
                         env->exc_addr);
            e2k_deliver_signals(env, NULL);
            break;
        case EXCP_INTERRUPT:
            e2k_deliver_signals(env, NULL);
            break;
        case EXCP_EXIT:
            exit(env->exit_status);
        default:
            error_report("qemu-e2k: unexpected CPU event %d at 0x%" PRIx64,
                         excp, env->ip);
            abort();
        }
    }
}
