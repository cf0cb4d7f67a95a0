/*
 * The synthetic /proc files the guest sees instead of the host's
 * (proc.c): /proc/cpuinfo for the selected e2k model, and the guest's own
 * view of /proc/self (and /proc/<own pid>, /proc/thread-self): auxv,
 * cmdline, comm, environ, maps, stat, status, exe, fd/N.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef LINUX_USER_PROC_H
#define LINUX_USER_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <glib.h>

#include "qemu.h"

/*
 * Remember what /proc/self shows about the process image: the layout
 * @info describes (stack, code, data, argument and environment strings)
 * and a copy of the auxiliary vector (@nwords 64-bit words, the AT_NULL
 * pair included), as the kernel keeps mm->saved_auxv.  Called once the
 * initial stack is built.
 */
void proc_set_image(const ImageInfo *info, const uint64_t *auxv,
                    size_t nwords);

/*
 * openat(@dirfd, @path): when @path (absolute, or relative to @dirfd or
 * to the working directory for AT_FDCWD) names a file we synthesise (or
 * /proc/self/exe), returns true and sets *@ret to a host file descriptor
 * or a negative errno.  @flags are the guest's open flags (the generic
 * values, the same as the host's).  Returns false for every other path:
 * the caller opens it on the host.
 */
bool proc_open(int dirfd, const char *path, int flags, int mode, int *ret);

/*
 * readlinkat(@dirfd, @path): for /proc/self/exe (the guest program, not
 * qemu-e2k) and /proc/self/fd/N of a synthetic file (the path it was
 * opened as), returns true with the target in @buf (not NUL-terminated,
 * at most @size bytes) and its length, or a negative errno, in *@ret.
 * Returns false for every other path.
 */
bool proc_readlink(int dirfd, const char *path, char *buf, size_t size,
                   ssize_t *ret);

/*
 * The text of synthetic file @name ("cpuinfo", or a /proc/self entry such
 * as "maps") as the guest would read it now, or NULL with *@err set to a
 * negative errno.  For tests and for proc_open().
 */
GString *proc_file_content(const char *name, bool self, int *err);

#endif
