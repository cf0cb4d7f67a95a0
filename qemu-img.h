/*
 * Shared helpers of the qemu-img commands (qemu-img.c holds main, the
 * command table and the inspection commands; qemu-img-cmds.c the data
 * copying commands convert, dd and bench).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef QEMU_IMG_H
#define QEMU_IMG_H

#include <stdbool.h>
#include <stdint.h>

#include "block/block.h"

/* Open an image for a command; reports errors itself, NULL on failure. */
BlockDriverState *img_open(const char *filename, const char *fmt, int flags,
                           bool quiet);
/* The same for a source image, given with --image-opts when @image_opts
 * ("driver=qcow2,file.filename=a.qcow2"; -f is then refused, as QEMU). */
BlockDriverState *img_open_spec(const char *filename, const char *fmt,
                                int flags, bool quiet, bool image_opts);
/* The same with format runtime options ("encrypt.key-secret=sec0,..."),
 * checked by the same image-specification code as --image-opts. */
BlockDriverState *img_open_opts(const char *filename, const char *fmt,
                                const char *options, int flags, bool quiet);
/* "encrypt.key-secret=ID,..." from creation options, NULL if none. */
char *img_key_secret_opts(const QemuOpts *create_opts);
/* Parse a -t/-T cache mode into BDRV_O_* flags; false if unknown. */
bool img_parse_cache(const char *mode, int *flags, bool *writethrough);
/* Progress line "    (x.xx/100%)\r" when enabled. */
void img_progress_init(bool enabled);
void img_progress_print(double percent);
/* The same with QEMU's own rule and float arithmetic (amend -p). */
void img_progress_report(float percent);
void img_progress_end(void);
/* Build "-o" options for @drv, merging backing settings; NULL on error. */
QemuOpts *img_parse_create_opts(BlockDriver *drv, const char *options,
                                Error **errp);
/* The "Formatting '...', fmt=..." line. */
void img_print_formatting(const char *filename, BlockDriver *drv,
                          QemuOpts *opts);
/*
 * "-o help" for create/convert: @drv's create options; with the target
 * @filename (may be NULL) the file protocol's too, as QEMU lists them.
 */
void img_print_create_help(BlockDriver *drv, const char *filename);
/* Parse a size the way qemu-img does; reports errors; -1 on failure. */
int64_t img_parse_size(const char *s);

/*
 * A non-negative byte count with k/M/G/T/P/E suffixes (QEMU's cvtnum):
 * reports "Invalid @name specified..." and returns < 0 on error.
 */
int64_t img_parse_number(const char *name, const char *value);
/*
 * -o: append @arg to *@options (comma-joined).  An empty list, one that
 * starts with ',' or ends in an odd number of commas is refused with
 * QEMU's "Invalid option list" (false).
 */
bool img_accumulate_options(char **options, const char *arg);
/* A usage error: the message, then QEMU's "Try 'qemu-img --help'" line. */
void img_usage_error(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
void img_unrecognized_option(const char *opt);
void img_missing_argument(const char *opt);
/* --object: register a secret (util/secret.c); false after reporting. */
bool img_add_object(const char *arg);

/*
 * -l SNAP | -l snapshot.id=ID[,snapshot.name=NAME] (convert, measure):
 * parse (reports errors, false on failure), then make @bs read that
 * internal snapshot (reports "Failed to load snapshot: ...").
 */
bool img_snapshot_param_parse(const char *arg, QemuOpts **sn_opts,
                              const char **snapshot_name);
bool img_snapshot_param_load(BlockDriverState *bs, QemuOpts *sn_opts,
                             const char *snapshot_name);

/* convert --bitmaps (qemu-img.c, with the bitmap command): the checks
 * before the target is made, and the copy after the data; both report
 * errors themselves (QEMU's messages) and return false on failure. */
bool img_convert_check_bitmaps(BlockDriverState *src, bool skip_broken);
bool img_convert_copy_bitmaps(BlockDriverState *src, BlockDriverState *dst,
                              bool skip_broken);

/* qemu-img --help. */
void img_help(void);

int img_convert(int argc, char **argv);
int img_rebase(int argc, char **argv);
int img_commit(int argc, char **argv);
int img_dd(int argc, char **argv);
int img_bench(int argc, char **argv);

#endif
