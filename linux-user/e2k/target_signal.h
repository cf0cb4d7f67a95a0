/*
 * Between the e2k CPU loop (cpu_loop.c) and the e2k signal frames
 * (signal.c): delivering pending signals to guest handlers and
 * rt_sigreturn.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef LINUX_USER_E2K_TARGET_SIGNAL_H
#define LINUX_USER_E2K_TARGET_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "target/e2k/cpu.h"

/* A system call interrupted by a signal whose handler has SA_RESTART:
   redone with the same number and arguments after rt_sigreturn. */
typedef struct E2KSyscallRestart {
    uint64_t nr;
    uint64_t args[6];
} E2KSyscallRestart;

/*
 * Build a frame and enter the handler for every pending signal that can
 * be delivered now (applying default actions to the others).  @restart:
 * the system call the first signal interrupted, to be redone when its
 * handler returns (NULL: none).  A frame that cannot be built kills the
 * guest with SIGSEGV.
 */
void e2k_deliver_signals(CPUE2KState *env, const E2KSyscallRestart *restart);

/*
 * rt_sigreturn: restore the state saved in the frame at the user stack
 * pointer.  True when the interrupted system call must be redone
 * (@restart filled; the window and sys_wbs are already the call's).
 * A frame that is not one kills the guest with SIGSEGV.
 */
bool e2k_rt_sigreturn(CPUE2KState *env, E2KSyscallRestart *restart);

/*
 * e2k_longjmp2 (glibc's longjmp and siglongjmp): unwind the chain and
 * register stacks to the frame of the jmp_buf at @jmp_addr, so that the
 * calling procedure returns into setjmp's caller; returns @retval (the
 * system call's result) or -EFAULT.  A corrupt jmp_buf kills the guest
 * (SIGKILL), as under the kernel.
 */
int64_t e2k_longjmp2(CPUE2KState *env, uint64_t jmp_addr, uint64_t retval);

/*
 * The long jump under e2k_longjmp2 and setcontext: the procedure making
 * the system call comes back from it returning into the frame at chain
 * depth @target (which then returns to @ip with the window of @cr1_lo,
 * BR @br and @ussz bytes of user stack).  False when @target is not a
 * frame below the current one (nothing is changed then).
 */
bool e2k_chain_unwind(CPUE2KState *env, uint64_t target, uint64_t ip,
                      uint64_t cr1_lo, uint32_t br, uint64_t ussz,
                      uint32_t psize);

/*
 * The e2k context calls (context.c): getcontext (a fast system call),
 * setcontext, swapcontext, makecontext and freecontext, and the fast
 * system call entry (`sdisp %ctprN, 6').  e2k_context_call serves
 * system call @nr if it is one of these and returns true, with *@ret
 * the result to give back; *@keep_regs is set when the call switched to
 * a context that has not run yet, whose registers must not receive it.
 */
bool e2k_context_call(CPUE2KState *env, uint64_t nr, const uint64_t a[6],
                      int64_t *ret, bool *keep_regs);
int64_t e2k_fast_syscall(CPUE2KState *env, uint64_t nr, const uint64_t a[6]);
/* A long jump to a jmp_buf of another context's chain stack (at
   @pcsp_base) first switches to that context, as it was when it last
   left (in a system call); false when there is no such context that
   has run and does not run now. */
bool e2k_context_enter_chain(CPUE2KState *env, uint64_t pcsp_base);
/* The code page the context trampoline lives in (shared with the signal
   trampoline, signal.c); 0 when no memory is left. */
uint64_t e2k_tramp_page(void);
#define E2K_CTX_TRAMP_OFFSET 64

#endif
