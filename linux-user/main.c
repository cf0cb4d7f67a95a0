/*
 * qemu-e2k: run an Elbrus (e2k) Linux program on this host.
 *
 *   qemu-e2k [options] program [arguments...]
 *
 * This file owns the command line (QEMU 7.2's linux-user options and their
 * QEMU_* environment variables, the same help layout) and the start-up
 * sequence: logging, guest address space, ELF loading, CPU creation,
 * initial stacks, then cpu_loop().  The option table below is the one
 * place an option is described: parsing, the environment variable and the
 * help text all come from it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <sys/auxv.h>
#include <sys/personality.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "config-host.h"
#include "qemu/cutils.h"
#include "qemu/log.h"
#include "qemu.h"
#include "target/e2k/cpu.h"
#include "tcg/tcg.h"

#define PROGNAME "qemu-e2k"
/* linux/binfmts.h: the interpreter got the original argv[0] too. */
#define AT_FLAGS_PRESERVE_ARGV0 (1 << 0)

const char *qemu_cpu_model;
bool one_insn_per_tb;
const char *tcg_backend;

static uint64_t guest_stack_size = TARGET_DEFAULT_STACK_SIZE;
static uintptr_t guest_base_opt;
static uint64_t reserved_va = GUEST_SPACE_DEFAULT_SIZE;
static const char *log_mask_str;
static const char *log_file;
static const char *argv0_override;
static GPtrArray *env_edits;    /* "VAR=value" to set, "VAR" to unset */

extern char **environ;

typedef struct CliOption {
    const char *name;           /* without the leading '-' */
    const char *env;            /* QEMU_* variable, or "" */
    bool has_arg;
    void (*handle)(const char *arg);
    const char *example;        /* argument placeholder for the help */
    const char *help;
} CliOption;

static void G_GNUC_NORETURN usage(int exitcode);

static GPtrArray *exec_options;

/* Remember an option for the qemu-e2k a guest execve starts: those that
 * describe this program only (-0, -E, -U) or exit stay behind. */
static void note_exec_option(const CliOption *o, const char *arg)
{
    static const char *const own[] = { "0", "E", "U", "h", "help",
                                       "version" };

    for (size_t i = 0; i < G_N_ELEMENTS(own); i++) {
        if (strcmp(o->name, own[i]) == 0) {
            return;
        }
    }
    g_ptr_array_add(exec_options, g_strconcat("-", o->name, NULL));
    if (o->has_arg) {
        g_ptr_array_add(exec_options, g_strdup(arg));
    }
}

static void G_GNUC_NORETURN fatal(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static void fatal(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_vreport(fmt, ap);
    va_end(ap);
    exit(EXIT_FAILURE);
}

static void handle_help(const char *arg)
{
    usage(EXIT_SUCCESS);
}

static void handle_version(const char *arg)
{
    printf(PROGNAME " version " QEMU_VERSION "\n"
           "Copyright (c) 2003-2022 Fabrice Bellard and the QEMU Project "
           "developers\n");
    exit(EXIT_SUCCESS);
}

static void handle_ld_prefix(const char *arg)
{
    interp_prefix = arg;
}

static void handle_stack_size(const char *arg)
{
    uint64_t v;

    if (qemu_strtosz(arg, NULL, &v) < 0 || v == 0 ||
        v > ((uint64_t)1 << 36)) {
        fatal("invalid stack size '%s'", arg);
    }
    guest_stack_size = v;
}

static void handle_cpu(const char *arg)
{
    if (strcmp(arg, "help") == 0 || strcmp(arg, "?") == 0) {
        e2k_cpu_list(stdout);
        exit(EXIT_SUCCESS);
    }
    qemu_cpu_model = arg;
}

static void add_env_edits(const char *list, bool set)
{
    Error *err = NULL;

    if (!target_env_parse_list(list, set, env_edits, &err)) {
        error_report_err(err);
        exit(EXIT_FAILURE);
    }
}

static void handle_set_env(const char *arg)
{
    add_env_edits(arg, true);
}

static void handle_unset_env(const char *arg)
{
    add_env_edits(arg, false);
}

static void handle_argv0(const char *arg)
{
    argv0_override = arg;
}

static void handle_guest_base(const char *arg)
{
    uint64_t v;

    if (qemu_strtou64(arg, NULL, 0, &v) < 0 || v == 0 ||
        (v & (TARGET_PAGE_SIZE - 1)) || v > ((uint64_t)1 << 47)) {
        fatal("invalid guest base '%s' (a non-zero page-aligned host "
              "address is expected)", arg);
    }
    guest_base_opt = (uintptr_t)v;
}

static void handle_reserved_va(const char *arg)
{
    uint64_t v;

    if (qemu_strtosz(arg, NULL, &v) < 0 || v < ((uint64_t)64 << 20) ||
        v > ((uint64_t)1 << 47)) {
        fatal("invalid reserved_va size '%s' (64M..128T)", arg);
    }
    reserved_va = TARGET_PAGE_ALIGN(v);
}

static void handle_uname(const char *arg)
{
    qemu_uname_release = arg;
}

static void handle_seed(const char *arg)
{
    uint64_t v;

    if (qemu_strtou64(arg, NULL, 0, &v) < 0) {
        fatal("invalid seed number '%s'", arg);
    }
    guest_random_seed(v);
}

static void handle_aslr(const char *arg)
{
    if (strcmp(arg, "on") == 0) {
        guest_aslr = true;
    } else if (strcmp(arg, "off") == 0) {
        guest_aslr = false;
    } else {
        fatal("-aslr: 'on' or 'off' expected, not '%s'", arg);
    }
}

static void handle_log(const char *arg)
{
    Error *err = NULL;

    if (strcmp(arg, "help") == 0) {
        qemu_print_log_usage(stdout);
        exit(EXIT_SUCCESS);
    }
    if (qemu_str_to_log_mask(arg, &err) == 0 && err) {
        error_report_err(err);
        qemu_print_log_usage(stderr);
        exit(EXIT_FAILURE);
    }
    log_mask_str = arg;
}

static void handle_log_filename(const char *arg)
{
    log_file = arg;
}

static bool want_perfmap;

static void handle_perfmap(const char *arg)
{
    want_perfmap = true;
}

static void handle_strace(const char *arg)
{
    do_strace = true;
}

static void handle_one_insn_per_tb(const char *arg)
{
    one_insn_per_tb = true;
}

/* -accel tcg[,backend=native|interp][,one-insn-per-tb=on|off] */
static void handle_accel(const char *arg)
{
    gchar **items = g_strsplit(arg, ",", -1);

    if (!items[0] || (strcmp(items[0], "tcg") != 0 &&
                      strcmp(items[0], "accel=tcg") != 0)) {
        fatal("-accel: unsupported accelerator '%s' (only 'tcg')", arg);
    }
    for (int i = 1; items[i]; i++) {
        const char *v;
        if (strstart(items[i], "backend=", &v)) {
            if (strcmp(v, "native") != 0 && strcmp(v, "interp") != 0) {
                fatal("-accel: invalid backend '%s' (native or interp)", v);
            }
            tcg_backend = g_intern_string(v);
        } else if (strstart(items[i], "one-insn-per-tb=", &v)) {
            if (strcmp(v, "on") == 0) {
                one_insn_per_tb = true;
            } else if (strcmp(v, "off") == 0) {
                one_insn_per_tb = false;
            } else {
                fatal("-accel: one-insn-per-tb must be 'on' or 'off'");
            }
        } else {
            fatal("-accel: invalid property '%s'", items[i]);
        }
    }
    g_strfreev(items);
}

static const CliOption options[] = {
    { "h", "", false, handle_help, NULL, "print this help" },
    { "help", "", false, handle_help, NULL, "" },
    { "L", "QEMU_LD_PREFIX", true, handle_ld_prefix, "path",
      "set the elf interpreter prefix to 'path'" },
    { "s", "QEMU_STACK_SIZE", true, handle_stack_size, "size",
      "set the stack size to 'size' bytes" },
    { "cpu", "QEMU_CPU", true, handle_cpu, "model",
      "select CPU (-cpu help for list)" },
    { "E", "QEMU_SET_ENV", true, handle_set_env, "var=value",
      "sets targets environment variable (see below)" },
    { "U", "QEMU_UNSET_ENV", true, handle_unset_env, "var",
      "unsets targets environment variable (see below)" },
    { "0", "QEMU_ARGV0", true, handle_argv0, "argv0",
      "forces target process argv[0] to be 'argv0'" },
    { "r", "QEMU_UNAME", true, handle_uname, "uname",
      "set qemu uname release string to 'uname'" },
    { "B", "QEMU_GUEST_BASE", true, handle_guest_base, "address",
      "set guest_base address to 'address'" },
    { "R", "QEMU_RESERVED_VA", true, handle_reserved_va, "size",
      "reserve 'size' bytes for guest virtual address space" },
    { "d", "QEMU_LOG", true, handle_log, "item[,...]",
      "enable logging of specified items (use '-d help' for a list of "
      "items)" },
    { "D", "QEMU_LOG_FILENAME", true, handle_log_filename, "logfile",
      "write logs to 'logfile' (default stderr)" },
    { "accel", "", true, handle_accel, "tcg[,prop=on|off]",
      "TCG options: backend=native|interp, one-insn-per-tb=on|off" },
    { "one-insn-per-tb", "QEMU_ONE_INSN_PER_TB", false,
      handle_one_insn_per_tb, NULL,
      "run with one guest instruction per emulated TB" },
    { "singlestep", "QEMU_SINGLESTEP", false, handle_one_insn_per_tb, NULL,
      "deprecated synonym for -one-insn-per-tb" },
    { "strace", "QEMU_STRACE", false, handle_strace, NULL,
      "log system calls" },
    { "seed", "QEMU_RAND_SEED", true, handle_seed, "",
      "Seed for pseudo-random number generator" },
    { "aslr", "QEMU_ASLR", true, handle_aslr, "on|off",
      "place position-independent programs and the interpreter at random "
      "(default on, off under setarch -R)" },
    { "perfmap", "QEMU_PERFMAP", false, handle_perfmap, NULL,
      "Generate a /tmp/perf-${pid}.map file for perf" },
    { "version", "QEMU_VERSION", false, handle_version, NULL,
      "display version information and exit" },
};

static void usage(int exitcode)
{
    int maxarg = 0, maxenv = strlen("Env-variable");

    for (size_t i = 0; i < G_N_ELEMENTS(options); i++) {
        const CliOption *o = &options[i];
        int len = strlen(o->name) + (o->has_arg ? strlen(o->example) + 1 : 0);
        maxarg = MAX(maxarg, len);
        maxenv = MAX(maxenv, (int)strlen(o->env));
    }
    printf("usage: " PROGNAME " [options] program [arguments...]\n"
           "Linux CPU emulator (compiled for e2k emulation)\n"
           "\n"
           "Options and associated environment variables:\n"
           "\n");
    printf("%-*s %-*s Description\n", maxarg + 1, "Argument", maxenv,
           "Env-variable");
    for (size_t i = 0; i < G_N_ELEMENTS(options); i++) {
        const CliOption *o = &options[i];
        if (o->has_arg) {
            printf("-%s %-*s %-*s %s\n", o->name,
                   (int)(maxarg - strlen(o->name) - 1), o->example,
                   maxenv, o->env, o->help);
        } else {
            printf("-%-*s %-*s %s\n", maxarg, o->name, maxenv, o->env,
                   o->help);
        }
    }
    printf("\n"
           "Defaults:\n"
           "QEMU_LD_PREFIX  = %s\n"
           "QEMU_STACK_SIZE = %" PRIu64 " byte\n",
           interp_prefix,
           guest_stack_size);
    printf("\n"
           "You can use -E and -U options or the QEMU_SET_ENV and\n"
           "QEMU_UNSET_ENV environment variables to set and unset\n"
           "environment variables for the target process.\n"
           "It is possible to provide several variables by separating them\n"
           "by commas in getsubopt(3) style. Additionally it is possible to\n"
           "provide the -E and -U options multiple times.\n"
           "The following lines are equivalent:\n"
           "    -E var1=val2 -E var2=val2 -U LD_PRELOAD -U LD_DEBUG\n"
           "    -E var1=val2,var2=val2 -U LD_PRELOAD,LD_DEBUG\n"
           "    QEMU_SET_ENV=var1=val2,var2=val2 "
           "QEMU_UNSET_ENV=LD_PRELOAD,LD_DEBUG\n"
           "Note that if you provide several changes to a single variable\n"
           "the last change will stay in effect.\n"
           "\n"
           "See docs/user/qemu-e2k.md for the full documentation.\n");
    exit(exitcode);
}

/* The QEMU_* variables first; the command line overrides them. */
static void parse_env_options(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(options); i++) {
        const CliOption *o = &options[i];
        const char *v;

        if (!o->env[0]) {
            continue;
        }
        v = getenv(o->env);
        if (!v) {
            continue;
        }
        if (o->has_arg) {
            o->handle(v);
        } else {
            o->handle(NULL);
        }
        note_exec_option(o, v);
    }
}

/* Returns the index of the program name in argv. */
static int parse_args(int argc, char **argv)
{
    int optind = 1;

    while (optind < argc) {
        const char *r = argv[optind];
        const CliOption *o = NULL;

        if (r[0] != '-') {
            break;
        }
        optind++;
        r++;
        if (strcmp(r, "-") == 0) {
            break;                      /* "--" ends the options */
        }
        if (r[0] == '-') {
            r++;                        /* --option works like -option */
        }
        for (size_t i = 0; i < G_N_ELEMENTS(options); i++) {
            if (strcmp(r, options[i].name) == 0) {
                o = &options[i];
                break;
            }
        }
        if (!o) {
            fatal("unknown option '%s'", argv[optind - 1]);
        }
        if (o->has_arg) {
            if (optind >= argc) {
                fatal("missing argument for option '%s'", argv[optind - 1]);
            }
            note_exec_option(o, argv[optind]);
            o->handle(argv[optind++]);
        } else {
            note_exec_option(o, NULL);
            o->handle(NULL);
        }
    }
    if (optind >= argc) {
        usage(EXIT_FAILURE);            /* like QEMU: no program given */
    }
    return optind;
}

int main(int argc, char **argv)
{
    Error *err = NULL;
    ImageInfo info;
    CPUE2KState *env;
    char **guest_env, **guest_argv;
    int prog, guest_argc;
    const char *exec_path;

    error_set_progname(PROGNAME);
    /* Like QEMU's CONFIG_QEMU_INTERP_PREFIX: used only where it exists. */
    interp_prefix = "/usr/gnemul/qemu-e2k";
    env_edits = g_ptr_array_new_with_free_func(g_free);

    /* setarch -R (ADDR_NO_RANDOMIZE) turns our ASLR off too */
    if (personality(0xffffffff) & ADDR_NO_RANDOMIZE) {
        guest_aslr = false;
    }
    exec_options = g_ptr_array_new();
    parse_env_options();
    prog = parse_args(argc, argv);
    g_ptr_array_add(exec_options, NULL);
    qemu_exec_options = (char **)exec_options->pdata;
    exec_path = argv[prog];
    /*
     * binfmt_misc with the P (preserve-argv0) flag runs us as
     * "qemu-e2k /full/path/prog argv0 args...".
     */
    if ((getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0) && prog + 1 < argc) {
        prog++;
    }
    target_exec_path = realpath(exec_path, NULL);

    if (log_file && !qemu_set_log_filename(log_file, &err)) {
        error_report_err(err);
        exit(EXIT_FAILURE);
    }
    if (log_mask_str || do_strace) {
        int mask = log_mask_str ? qemu_str_to_log_mask(log_mask_str, &err)
                                : 0;
        if (err) {
            error_report_err(err);
            exit(EXIT_FAILURE);
        }
        qemu_set_log(mask | (do_strace ? LOG_STRACE : 0));
    }
    if (qemu_loglevel_mask(LOG_STRACE)) {
        do_strace = true;
    }

    if (!guest_memory_init(reserved_va, guest_base_opt, &err)) {
        error_report_err(err);
        exit(EXIT_FAILURE);
    }
    signal_init();

    if (!elf_load_program(exec_path, &info, &err)) {
        error_report_err(err);
        exit(EXIT_FAILURE);
    }

    if (tcg_backend && !tcg_backend_select(tcg_backend, &err)) {
        error_report_err(err);
        exit(EXIT_FAILURE);
    }
    env = e2k_cpu_new(qemu_cpu_model, info.isa, &err);
    if (!env) {
        error_report_err(err);
        exit(EXIT_FAILURE);
    }
    if (want_perfmap && !tb_perfmap_open(&err)) {
        error_report_err(err);
        exit(EXIT_FAILURE);
    }
    env->single_step = one_insn_per_tb;
    env->no_chain = qemu_loglevel_mask(CPU_LOG_TB_NOCHAIN);

    guest_env = target_env_build(environ, env_edits);
    guest_argc = argc - prog;
    guest_argv = g_new0(char *, guest_argc + 1);
    for (int i = 0; i < guest_argc; i++) {
        guest_argv[i] = argv[prog + i];
    }
    if (argv0_override) {
        guest_argv[0] = (char *)argv0_override;
    }
    if (!setup_process_stacks(&info, guest_argc, guest_argv, guest_env,
                              exec_path, guest_stack_size, &err)) {
        error_report_err(err);
        exit(EXIT_FAILURE);
    }
    g_strfreev(guest_env);
    g_free(guest_argv);

    qemu_log_mask(CPU_LOG_PAGE, "entry 0x%" PRIx64 " sp 0x%" PRIx64
                  " brk 0x%" PRIx64 " psp 0x%" PRIx64 " pcsp 0x%" PRIx64
                  " guest_base 0x%" PRIxPTR "\n", info.entry, info.sp,
                  info.brk, info.psp_base, info.pcsp_base, guest_base);

    e2k_cpu_reset_for_exec(env, info.start_pc, info.sp, info.stack_base,
                           info.stack_size, info.psp_base, info.psp_size,
                           info.pcsp_base, info.pcsp_size);
    thread_cpu = env;
    thread_set_loop(cpu_loop);
    cpu_loop(env);
}
