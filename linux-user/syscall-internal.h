/*
 * Declarations shared by the syscall*.c files only.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef LINUX_USER_SYSCALL_INTERNAL_H
#define LINUX_USER_SYSCALL_INTERNAL_H

#include <stdint.h>

/* File-descriptor and path system calls (syscall-fs.c). */
int64_t do_fs_syscall(int nr, uint64_t a1, uint64_t a2, uint64_t a3,
                      uint64_t a4, uint64_t a5, uint64_t a6);

/* execve (syscall-exec.c). */
int64_t do_execve(uint64_t path, uint64_t argv, uint64_t envp);

#endif
