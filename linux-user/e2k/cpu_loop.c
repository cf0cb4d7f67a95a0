/*
 * The e2k CPU loop of the user-mode emulator: run translated code until
 * an event, then serve it: a system call goes to do_syscall() with the
 * result written back into the system call's window, a guest signal to
 * queue_signal().
 *
 * The system call convention (the e2k kernel's 64-bit gate, reached with
 * `sdisp %ctprN, 3' + `call %ctprN, wbs=W'): the number is in the
 * callee's %r0 (our %r(2W)), the arguments in its %dr1..%dr6, and the
 * result (or -errno) comes back in its %dr0.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>
#include <glib.h>

#include "qemu/log.h"
#include "qemu.h"
#include "target/e2k/cpu.h"

void cpu_loop(CPUE2KState *env)
{
    for (;;) {
        int excp = e2k_cpu_exec(env);

        switch (excp) {
        case EXCP_SYSCALL: {
            uint64_t nr, a[6];
            int64_t ret;

            e2k_syscall_args(env, &nr, a);
            ret = do_syscall(env, (int)nr, a[0], a[1], a[2], a[3], a[4],
                             a[5]);
            e2k_syscall_return(env, ret);
            break;
        }
        case EXCP_SIGNAL:
            queue_signal(env, env->exc_signal, env->exc_code,
                         env->exc_addr);
            break;
        case EXCP_INTERRUPT:
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
