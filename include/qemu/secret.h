/*
 * Secrets given on the command line as QEMU's `--object secret,...`, looked
 * up by id when an image names one (encrypt.key-secret=ID, key-secret=ID).
 *
 *   --object secret,id=ID,data=STRING[,format=raw|base64]
 *   --object secret,id=ID,file=PATH[,format=raw|base64]
 *
 * The registry is process-wide and only grows; tools add to it while they
 * parse their arguments, before any image is opened.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef QEMU_SECRET_H
#define QEMU_SECRET_H

#include <stddef.h>
#include <stdint.h>

#include "qemu/error.h"

/* Parse one --object argument and register the secret it defines. */
int qemu_secret_object_add(const char *optarg, Error **errp);

/*
 * The bytes of secret @id (decoded from base64 if so declared), a new
 * buffer with a NUL after its @len bytes; NULL with an error naming @id
 * when there is no such secret.
 */
uint8_t *qemu_secret_lookup(const char *id, size_t *len, Error **errp);

#endif
