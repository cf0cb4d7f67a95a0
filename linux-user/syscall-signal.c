/*
 * System calls about signals that need more than signal.c's queue and
 * masks: signalfd4.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <signal.h>
#include <sys/signalfd.h>

#include "qemu/bswap.h"
#include "qemu.h"
#include "e2k/target_structs.h"

/*
 * signalfd4(fd, mask, sizemask, flags): a host signalfd with the same
 * mask.  Guest signal N is host signal N, and a signal the guest blocks
 * is blocked in the host too, so it waits in the host's pending set,
 * which is what a host signalfd reads; its struct signalfd_siginfo
 * (128 bytes, generic layout) is the guest's, and SFD_NONBLOCK and
 * SFD_CLOEXEC are the generic O_NONBLOCK and O_CLOEXEC on e2k as on the
 * host.  Not seen through it: guest signals 32 and 33 (queued by
 * qemu-e2k, signal.c) and a signal that reached qemu-e2k's queue before
 * the guest blocked it.
 */
int64_t do_signalfd4(int fd, uint64_t mask_addr, uint64_t sizemask, int flags)
{
    const uint8_t *p;
    sigset_t set;
    int r;

    if (sizemask != TARGET_SIGSET_SIZE) {
        return -EINVAL;
    }
    if (flags & ~(SFD_NONBLOCK | SFD_CLOEXEC)) {
        return -EINVAL;
    }
    p = lock_user(mask_addr, TARGET_SIGSET_SIZE, PAGE_READ);
    if (!p) {
        return -EFAULT;
    }
    signal_host_mask_of(ldq_le_p(p), &set);
    r = signalfd(fd, &set, flags);
    return r < 0 ? -errno : r;
}
