/*
 * Driver table for the stand-alone libFuzzer build of fuzz-qcow2 (the
 * normal build links block/drivers.c, which also lists other formats).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "block/block_int.h"

extern BlockDriver bdrv_qcow2;

BlockDriver *const bdrv_drivers[] = {
    &bdrv_file,
    &bdrv_qcow2,
    &bdrv_raw,
    NULL,
};
