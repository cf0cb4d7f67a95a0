/*
 * Declarations shared by the syscall*.c files only.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef LINUX_USER_SYSCALL_INTERNAL_H
#define LINUX_USER_SYSCALL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* File-descriptor and path system calls (syscall-fs.c). */
int64_t do_fs_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                      uint64_t a4, uint64_t a5, uint64_t a6);

/* Polling and the descriptors for it (syscall-poll.c). */
int64_t do_poll_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                        uint64_t a4, uint64_t a5, uint64_t a6);
struct itimerspec;
/* A guest struct itimerspec (32 bytes) from/to host form. */
void target_get_itimerspec(const uint8_t *p, struct itimerspec *its);
int target_put_itimerspec(uint64_t addr, const struct itimerspec *its);
/* POSIX timers and the clocks (syscall-time.c). */
int64_t do_time_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                        uint64_t a4, uint64_t a5, uint64_t a6);
/* More file and memory calls (syscall-file.c). */
int64_t do_file_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                        uint64_t a4, uint64_t a5, uint64_t a6);
/* A guest path (at most @size - 1 bytes) into @buf: 0 or -errno. */
int target_get_path(uint64_t addr, char *buf, size_t size);

/* Sockets (syscall-net.c). */
int64_t do_net_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                       uint64_t a4, uint64_t a5, uint64_t a6);

/* Process attributes (syscall-proc.c). */
int64_t do_proc_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                        uint64_t a4, uint64_t a5, uint64_t a6);

/* System V IPC (syscall-ipc.c). */
int64_t do_ipc_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                       uint64_t a4, uint64_t a5, uint64_t a6);

/* ioctl and fcntl commands beyond syscall-fs.c's (syscall-ioctl.c). */
int64_t do_ioctl_fcntl_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                               uint64_t a4, uint64_t a5, uint64_t a6);

/* The older and administrative calls (syscall-compat.c).
   target_syscall_alias: the call a 32-bit-id name (lchown32...) is on a
   64-bit kernel, else @nr; do_compat_syscall: false when @nr is not one
   of its calls, else the result in *@ret. */
int target_syscall_alias(int nr);
bool do_compat_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                       uint64_t a4, uint64_t a5, uint64_t a6, int64_t *ret);

/* execve (syscall-exec.c). */
int64_t do_execve(uint64_t path, uint64_t argv, uint64_t envp);
int64_t do_execveat(int dirfd, uint64_t path, uint64_t argv, uint64_t envp,
                    int flags);

#endif
