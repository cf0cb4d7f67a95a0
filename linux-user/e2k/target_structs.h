/*
 * e2k guest structure layouts used by the system calls: byte offsets and
 * sizes of each field (the guest is little-endian LP64).  System calls
 * write these with the endian helpers (stq_le_p...), never by casting.
 *
 * Facts: OpenE2K linux arch/e2k/include/uapi/asm/stat.h, generic Linux
 * uapi headers (the e2k ABI uses the generic errno, fcntl and signal
 * numbers, which match the x86-64 host's).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef LINUX_USER_E2K_TARGET_STRUCTS_H
#define LINUX_USER_E2K_TARGET_STRUCTS_H

/* struct stat (asm/stat.h): 32-bit dev/mode/nlink/uid/gid/rdev, 64-bit
   ino/size/blksize/blocks and times with nanoseconds. */
#define TARGET_STAT_DEV         0    /* u32 (new_encode_dev) */
#define TARGET_STAT_INO         8    /* u64 */
#define TARGET_STAT_MODE        16   /* u32 */
#define TARGET_STAT_NLINK       20   /* u32 */
#define TARGET_STAT_UID         24   /* u32 */
#define TARGET_STAT_GID         28   /* u32 */
#define TARGET_STAT_RDEV        32   /* u32 */
#define TARGET_STAT_SIZE        40   /* s64 */
#define TARGET_STAT_BLKSIZE     48   /* s64 */
#define TARGET_STAT_BLOCKS      56   /* s64 */
#define TARGET_STAT_ATIME       64   /* s64, then u64 nsec */
#define TARGET_STAT_MTIME       80
#define TARGET_STAT_CTIME       96
#define TARGET_STAT_SIZEOF      112

/* struct timespec / timeval: two 64-bit fields. */
#define TARGET_TIMESPEC_SIZEOF  16
/* struct timezone: two ints. */
#define TARGET_TIMEZONE_SIZEOF  8
/* struct iovec: base, len. */
#define TARGET_IOVEC_SIZEOF     16
#define TARGET_UIO_MAXIOV       1024

/* struct new_utsname: six 65-byte fields. */
#define TARGET_UTSNAME_FIELD    65
#define TARGET_UTSNAME_SIZEOF   (6 * TARGET_UTSNAME_FIELD)
#define TARGET_UNAME_MACHINE    "e2k"

/* struct sigaction as rt_sigaction sees it (asm has SA_RESTORER). */
#define TARGET_SIGACTION_HANDLER  0
#define TARGET_SIGACTION_FLAGS    8
#define TARGET_SIGACTION_RESTORER 16
#define TARGET_SIGACTION_MASK     24
#define TARGET_SIGACTION_SIZEOF   32
#define TARGET_SIGSET_SIZE        8

/* open() flags that exist in the generic ABI (same values as the host). */
#define TARGET_O_VALID_MASK       037777777

/* access_hw_stacks modes (asm/e2k_syswork.h). */
enum {
    E2K_READ_CHAIN_STACK,
    E2K_READ_PROCEDURE_STACK,
    E2K_WRITE_PROCEDURE_STACK,
    E2K_GET_CHAIN_STACK_OFFSET,
    E2K_GET_CHAIN_STACK_SIZE,
    E2K_GET_PROCEDURE_STACK_SIZE,
    E2K_READ_CHAIN_STACK_EX,
    E2K_READ_PROCEDURE_STACK_EX,
    E2K_WRITE_PROCEDURE_STACK_EX,
    E2K_WRITE_CHAIN_STACK_EX,
    E2K_ACCESS_HW_STACKS_MODES,
};
/* One chain-stack frame: %cr0.lo, %cr0.hi, %cr1.lo, %cr1.hi. */
#define E2K_SZ_OF_CR              32

#endif
