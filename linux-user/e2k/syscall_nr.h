/*
 * TARGET_NR_<name> constants for the e2k system call numbers, expanded
 * from syscall-table.h (the only place the numbers are written).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef LINUX_USER_E2K_SYSCALL_NR_H
#define LINUX_USER_E2K_SYSCALL_NR_H

enum {
#define E2K_SYSCALL(nr, name) TARGET_NR_##name = nr,
#include "syscall-table.h"
#undef E2K_SYSCALL
};

#endif
