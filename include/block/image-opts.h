/*
 * --image-opts: an image named by options ("driver=qcow2,file.filename=
 * a.qcow2,encrypt.key-secret=sec0") instead of a file name, as QEMU's
 * tools take it.  Split into what bdrv_open() wants: the file name, the
 * format, and the format's own runtime options.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef BLOCK_IMAGE_OPTS_H
#define BLOCK_IMAGE_OPTS_H

#include <stdbool.h>

#include "qemu/error.h"

/*
 * Fills new strings; *fmt is NULL when no driver= was given (probe) and
 * *options NULL when nothing is left for the format.  Protocol options
 * other than file.filename / file.driver=file are refused by name.
 */
bool image_opts_split(const char *spec, char **filename, char **fmt,
                      char **options, Error **errp);

#endif
