/*
 * The table of registered block drivers.  A new driver joins with one line
 * here (and one in block/meson.build).  Order matters only as the probing
 * tie-break: earlier wins on equal scores.  raw stays last (fallback).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "block/block_int.h"

extern BlockDriver bdrv_vmdk;

extern BlockDriver bdrv_qcow2;
extern BlockDriver bdrv_luks;

BlockDriver *const bdrv_drivers[] = {
    &bdrv_file,
    &bdrv_qcow2,
    &bdrv_vmdk,
    &bdrv_luks,
    /* other image formats go here */
    &bdrv_raw,
    NULL,
};
