/*
 * TCG core: the global context, temporaries, constants, labels, the op
 * buffer, the code buffer (one memfd mapped twice: a writable view and
 * an executable view, so no address is ever writable and executable at
 * once), backend selection, the tcg_gen_code pipeline (optimize ->
 * liveness -> backend), the insn_start table, the host-pc -> TB map and
 * IR dumps.  Op emission for front ends is in tcg-op.c; the backends are
 * in x86_64/ and tci/.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <glib.h>

#include "qemu/bitops.h"
#include "qemu/log.h"
#include "tcg/tcg-vec.h"
#include "tcg/tcg.h"
#include "tcg-internal.h"

const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(n, o, i, c, f) [INDEX_op_##n] = { #n, o, i, c, f },
#include "tcg/tcg-opc.h"
#undef DEF
};

TCGContext *tcg_ctx;
TCGv_ptr tcg_env;
__attribute__((weak)) uintptr_t guest_base;
__attribute__((weak)) uint64_t guest_space_size;
void (*tcg_unaligned_access_hook)(void *env, uint64_t addr, MemOp mop,
                                  uintptr_t host_pc);
void (*tcg_bad_address_hook)(void *env, uint64_t addr, MemOp mop,
                             uintptr_t host_pc);
const void *(*tcg_lookup_tb_ptr_fn)(void *env);
void (*tcg_guard_hook)(void *env, uintptr_t host_pc);

bool tcg_optimize_disabled;
static const TCGBackend *tcg_backend;
static bool tcg_native_available;
static GHashTable *const_table[2];
/* Freed temps, per (type, kind) for EBB/TB, reused by tcg_temp_new. */
static GArray *free_temps[2][2];

#define TCG_DEFAULT_CODE_SIZE (64 * 1024 * 1024)
#define TCG_TB_MAX_CODE       60000      /* jmp offsets are 16-bit */
#define TCG_CODE_MARGIN       4096       /* emission slack per op check */

void tcg_set_lookup_tb_ptr(const void *(*fn)(void *env))
{
    tcg_lookup_tb_ptr_fn = fn;
}

intptr_t tcg_env_alias_lo = 0, tcg_env_alias_hi = INTPTR_MAX;

void tcg_set_env_alias_range(intptr_t lo, intptr_t hi)
{
    tcg_env_alias_lo = lo;
    tcg_env_alias_hi = hi;
}

/* ------------------------------------------------------------------ */
/* Backend selection                                                   */

bool tcg_backend_select(const char *name, Error **errp)
{
    const TCGBackend *b;

    if (!strcmp(name, "native") || !strcmp(name, "x86_64")) {
        b = &tcg_backend_x86_64;
    } else if (!strcmp(name, "interp") || !strcmp(name, "tci")) {
        b = &tcg_backend_interp;
    } else {
        error_setg(errp, "unknown TCG backend '%s' (use native or interp)",
                   name);
        return false;
    }
    if (tcg_ctx) {
        if (b == &tcg_backend_x86_64 && !tcg_native_available) {
            error_setg(errp, "the native TCG backend is not usable here");
            return false;
        }
        tcg_ctx->backend = b;
    }
    tcg_backend = b;
    return true;
}

static const TCGBackend *tcg_backend_default(void)
{
    const char *env = getenv("QEMU_TCG_BACKEND");

    if (env && (!strcmp(env, "interp") || !strcmp(env, "tci"))) {
        return &tcg_backend_interp;
    }
    return &tcg_backend_x86_64;
}

bool tcg_backend_is_interp(void)
{
    return (tcg_ctx ? tcg_ctx->backend : tcg_backend) == &tcg_backend_interp;
}

const char *tcg_backend_name(void)
{
    const TCGBackend *b = tcg_ctx ? tcg_ctx->backend : tcg_backend;
    return (b ? b : tcg_backend_default())->name;
}

/* ------------------------------------------------------------------ */
/* Code buffer                                                         */

static bool code_buffer_alloc(TCGContext *s, size_t size, Error **errp)
{
    int fd = memfd_create("tcg-code", MFD_CLOEXEC);
    void *rw, *rx;
    uintptr_t hint;

    if (fd < 0) {
        error_setg_errno(errp, errno, "memfd_create for the TCG code buffer");
        return false;
    }
    if (ftruncate(fd, size) < 0) {
        error_setg_errno(errp, errno, "sizing the TCG code buffer");
        close(fd);
        return false;
    }
    rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (rw == MAP_FAILED) {
        error_setg_errno(errp, errno, "mapping the TCG code buffer");
        close(fd);
        return false;
    }
    /*
     * Prefer an executable view within +-2 GiB of our own text, so calls
     * from translated code to helpers are direct `call rel32`.  Only a
     * hint: any other address works too (calls then go via a register).
     */
    hint = QEMU_ALIGN_UP((uintptr_t)code_buffer_alloc + 0x20000000, 0x200000);
    rx = mmap((void *)hint, size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    if (rx == MAP_FAILED) {
        error_setg_errno(errp, errno,
                         "mapping the TCG code buffer executable");
        munmap(rw, size);
        close(fd);
        return false;
    }
    close(fd);
    s->code_rw = rw;
    s->code_rx = rx;
    s->code_size = size;
    return true;
}

/*
 * In the child of a fork: the two views map one memfd shared, so without
 * this the child's translations (or its flush, which starts over at the
 * beginning) would write into code the parent is running.  The child
 * gets its own memfd with a copy of what is in use, mapped over the
 * same two addresses (translated code holds absolute addresses).  Runs
 * while the child is one thread outside translated code.
 */
bool tcg_code_buffer_fork_child(void)
{
    TCGContext *s = tcg_ctx;
    int fd;
    void *copy;
    bool ok;

    if (!s || !s->code_rw) {
        return true;
    }
    fd = memfd_create("tcg-code", MFD_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    copy = ftruncate(fd, s->code_size) < 0 ? MAP_FAILED :
           mmap(NULL, s->code_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (copy == MAP_FAILED) {
        close(fd);
        return false;
    }
    memcpy(copy, s->code_rw, s->code_used);
    munmap(copy, s->code_size);
    ok = mmap(s->code_rw, s->code_size, PROT_READ | PROT_WRITE,
              MAP_SHARED | MAP_FIXED, fd, 0) != MAP_FAILED &&
         mmap((void *)s->code_rx, s->code_size, PROT_READ | PROT_EXEC,
              MAP_SHARED | MAP_FIXED, fd, 0) != MAP_FAILED;
    close(fd);
    return ok;
}

size_t tcg_code_buffer_free(void)
{
    return tcg_ctx->code_size - tcg_ctx->code_used;
}

/* ------------------------------------------------------------------ */
/* Host pc -> TB map                                                   */

static GTree *tb_tree;
static GMutex tb_tree_lock;

static gint tb_tree_cmp(gconstpointer a, gconstpointer b)
{
    uintptr_t pa = (uintptr_t)((const TranslationBlock *)a)->tc.ptr;
    uintptr_t pb = (uintptr_t)((const TranslationBlock *)b)->tc.ptr;

    return pa < pb ? -1 : pa > pb;
}

static gint tb_tree_search(gconstpointer key, gconstpointer user)
{
    const TranslationBlock *tb = key;
    uintptr_t pc = *(const uintptr_t *)user;
    uintptr_t start = (uintptr_t)tb->tc.ptr;

    if (pc < start) {
        return -1;
    }
    return pc >= start + tb->tc.size;
}

void tcg_tb_insert(TranslationBlock *tb)
{
    g_mutex_lock(&tb_tree_lock);
    g_tree_insert(tb_tree, tb, tb);
    g_mutex_unlock(&tb_tree_lock);
}

void tcg_tb_remove(TranslationBlock *tb)
{
    g_mutex_lock(&tb_tree_lock);
    g_tree_remove(tb_tree, tb);
    g_mutex_unlock(&tb_tree_lock);
}

TranslationBlock *tcg_tb_lookup(uintptr_t search_pc)
{
    TranslationBlock *tb;

    g_mutex_lock(&tb_tree_lock);
    tb = g_tree_search(tb_tree, tb_tree_search, &search_pc);
    g_mutex_unlock(&tb_tree_lock);
    return tb;
}

void tcg_code_buffer_reset(void)
{
    TCGContext *s = tcg_ctx;

    g_mutex_lock(&tb_tree_lock);
    g_tree_destroy(tb_tree);
    tb_tree = g_tree_new(tb_tree_cmp);
    g_mutex_unlock(&tb_tree_lock);
    s->code_used = s->prologue_size;
}

/* ------------------------------------------------------------------ */
/* Set-up                                                              */

bool tcg_init(size_t code_size, int insn_start_words, Error **errp)
{
    TCGContext *s;
    TCGTemp *env;
    Error *local_err = NULL;
    bool native_ok;

    assert(!tcg_ctx);
    if (insn_start_words < 1 || insn_start_words > TCG_MAX_INSN_START_WORDS) {
        error_setg(errp, "insn_start_words must be 1..%d",
                   TCG_MAX_INSN_START_WORDS);
        return false;
    }
    if (!tcg_vec_parse_features(getenv("QEMU_TCG_VEC_FEATURES"),
                                &tcg_vec_feature_mask, errp)) {
        return false;
    }
    s = g_new0(TCGContext, 1);
    s->backend = tcg_backend ? tcg_backend : tcg_backend_default();
    s->insn_start_words = insn_start_words;
    s->ops = g_new0(TCGOp, TCG_MAX_OPS + 1);
    s->insn_end_off = g_new0(uint32_t, TCG_MAX_OPS);
    s->insn_data = g_new0(uint64_t, TCG_MAX_OPS * TCG_MAX_INSN_START_WORDS);
    if (!code_buffer_alloc(s, code_size ? code_size : TCG_DEFAULT_CODE_SIZE,
                           errp)) {
        goto fail;
    }

    env = &s->temps[0];
    env->kind = TEMP_FIXED;
    env->type = TCG_TYPE_PTR;
    env->index = 0;
    env->temp_allocated = true;
    env->name = "env";
    env->mem_base = -1;
    s->nb_globals = s->nb_temps = 1;

    for (int t = 0; t < 2; t++) {
        const_table[t] = g_hash_table_new(g_int64_hash, g_int64_equal);
        for (int k = 0; k < 2; k++) {
            free_temps[t][k] = g_array_new(false, false, sizeof(int));
        }
    }
    tb_tree = g_tree_new(tb_tree_cmp);

    tcg_ctx = s;
    tcg_env = temp_tcgv_ptr(env);
    s->code_buf = s->code_ptr = s->code_rw;
    s->code_end = s->code_rw + s->code_size;
    /* The native prologue is always generated when the host supports it,
     * so the backend can be switched later (tests compare both). */
    native_ok = tcg_backend_x86_64.init(s, &local_err);
    if (!native_ok && s->backend == &tcg_backend_x86_64) {
        error_propagate(errp, local_err);
        tcg_ctx = NULL;
        munmap(s->code_rw, s->code_size);
        munmap(s->code_rx, s->code_size);
        goto fail;
    }
    error_free(local_err);
    tcg_native_available = native_ok;
    s->prologue_size = QEMU_ALIGN_UP((size_t)(s->code_ptr - s->code_rw), 64);
    s->code_used = s->prologue_size;
    tcg_func_start(s);
    return true;

fail:
    g_free(s->ops);
    g_free(s->insn_end_off);
    g_free(s->insn_data);
    g_free(s);
    return false;
}

void tcg_exit(void)
{
    TCGContext *s = tcg_ctx;

    if (!s) {
        return;
    }
    munmap(s->code_rw, s->code_size);
    munmap(s->code_rx, s->code_size);
    for (int t = 0; t < 2; t++) {
        g_hash_table_destroy(const_table[t]);
        for (int k = 0; k < 2; k++) {
            g_array_free(free_temps[t][k], true);
        }
    }
    g_tree_destroy(tb_tree);
    g_free(s->ops);
    g_free(s->insn_end_off);
    g_free(s->insn_data);
    g_free(s->backend_state);
    g_free(s);
    tcg_ctx = NULL;
    tcg_env = NULL;
}

/* ------------------------------------------------------------------ */
/* Temps, constants, labels, ops                                       */

void tcg_func_start(TCGContext *s)
{
    s->nb_temps = s->nb_globals;     /* temps are cleared as allocated */
    s->nb_ops = 0;
    s->nb_labels = 0;
    s->nb_insns = 0;
    s->nb_pinned = 0;
    s->gen_overflow = false;
    for (int t = 0; t < 2; t++) {
        g_hash_table_remove_all(const_table[t]);
        for (int k = 0; k < 2; k++) {
            g_array_set_size(free_temps[t][k], 0);
        }
    }
}

bool tcg_op_buf_full(void)
{
    TCGContext *s = tcg_ctx;

    return s->nb_ops > TCG_MAX_OPS - 512 || s->nb_temps > TCG_MAX_TEMPS - 256
           || s->nb_labels > TCG_MAX_LABELS - 64;
}

static TCGTemp *tcg_temp_alloc(TCGContext *s)
{
    TCGTemp *ts;

    int idx;

    if (s->nb_temps >= TCG_MAX_TEMPS) {
        /* Keep the front end going; tcg_gen_code will return -2. */
        s->gen_overflow = true;
        idx = TCG_MAX_TEMPS - 1;
    } else {
        idx = s->nb_temps++;
    }
    ts = &s->temps[idx];
    memset(ts, 0, sizeof(*ts));
    ts->index = idx;
    ts->mem_base = -1;
    return ts;
}

TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind);
TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind)
{
    TCGContext *s = tcg_ctx;
    GArray *fl = free_temps[type][kind == TEMP_TB];
    TCGTemp *ts;

    if (fl->len) {
        int idx = g_array_index(fl, int, fl->len - 1);
        g_array_set_size(fl, fl->len - 1);
        ts = &s->temps[idx];
        assert(!ts->temp_allocated);
    } else {
        ts = tcg_temp_alloc(s);
    }
    ts->kind = kind;
    ts->type = type;
    ts->temp_allocated = true;
    ts->pinned = false;
    return ts;
}

void tcg_temp_free_internal(TCGTemp *ts);
void tcg_temp_free_internal(TCGTemp *ts)
{
    if (ts->kind != TEMP_EBB && ts->kind != TEMP_TB) {
        return;     /* constants and globals are never freed */
    }
    if (!ts->temp_allocated || ts->index >= TCG_MAX_TEMPS - 1) {
        return;
    }
    ts->temp_allocated = false;
    g_array_append_val(free_temps[ts->type][ts->kind == TEMP_TB], ts->index);
}

TCGTemp *tcg_constant_internal(TCGType type, uint64_t val)
{
    TCGContext *s = tcg_ctx;
    TCGTemp *ts;

    val = type == TCG_TYPE_I32 ? (uint32_t)val : val;
    ts = g_hash_table_lookup(const_table[type], &val);
    if (ts) {
        return ts;
    }
    ts = tcg_temp_alloc(s);
    ts->kind = TEMP_CONST;
    ts->type = type;
    ts->val = val;
    ts->temp_allocated = true;
    if (!s->gen_overflow) {
        g_hash_table_insert(const_table[type], &ts->val, ts);
    }
    return ts;
}

TCGTemp *tcg_global_mem_new_internal(TCGType type, TCGTemp *base,
                                     intptr_t offset, const char *name);
TCGTemp *tcg_global_mem_new_internal(TCGType type, TCGTemp *base,
                                     intptr_t offset, const char *name)
{
    TCGContext *s = tcg_ctx;
    TCGTemp *ts;

    /* Globals are created before any TB and only relative to env. */
    assert(s->nb_temps == s->nb_globals && s->nb_ops == 0);
    assert(base->kind == TEMP_FIXED);
    assert(s->nb_globals < TCG_MAX_TEMPS / 2);
    ts = &s->temps[s->nb_globals];
    memset(ts, 0, sizeof(*ts));
    ts->index = s->nb_globals++;
    s->nb_temps = s->nb_globals;
    ts->kind = TEMP_GLOBAL;
    ts->type = type;
    ts->mem_base = base->index;
    ts->mem_offset = offset;
    ts->mem_allocated = true;
    ts->temp_allocated = true;
    ts->name = name;
    return ts;
}

TCGLabel *gen_new_label(void)
{
    TCGContext *s = tcg_ctx;
    TCGLabel *l;

    if (s->nb_labels >= TCG_MAX_LABELS) {
        s->gen_overflow = true;
        l = &s->labels[TCG_MAX_LABELS - 1];
    } else {
        l = &s->labels[s->nb_labels];
        l->id = s->nb_labels++;
    }
    l->has_value = false;
    l->referenced = false;
    l->value = 0;
    l->uses = NULL;
    return l;
}

TCGOp *tcg_emit_op(TCGOpcode opc, TCGType type)
{
    TCGContext *s = tcg_ctx;
    TCGOp *op;

    if (s->nb_ops >= TCG_MAX_OPS) {
        s->gen_overflow = true;
        op = &s->ops[TCG_MAX_OPS];     /* scratch slot, never emitted */
    } else {
        op = &s->ops[s->nb_ops++];
    }
    memset(op, 0, sizeof(*op));
    op->opc = opc;
    op->type = type;
    op->nb_oargs = tcg_op_defs[opc].nb_oargs;
    op->nb_iargs = tcg_op_defs[opc].nb_iargs;
    return op;
}

/* ------------------------------------------------------------------ */
/* Dumps                                                               */

static const char *const cond_names[TCG_COND_COUNT] = {
    "never", "always", "eq", "ne", "lt", "ge", "le", "gt",
    "ltu", "geu", "leu", "gtu",
};

static void dump_temp(FILE *f, const TCGContext *s, const TCGTemp *ts)
{
    switch (ts->kind) {
    case TEMP_FIXED:
    case TEMP_GLOBAL:
        fprintf(f, "%s", ts->name);
        break;
    case TEMP_CONST:
        fprintf(f, "$0x%" PRIx64, ts->val);
        break;
    case TEMP_TB:
        fprintf(f, ts->pinned ? "pin%d" : "loc%d", ts->index - s->nb_globals);
        break;
    case TEMP_EBB:
        fprintf(f, "tmp%d", ts->index - s->nb_globals);
        break;
    }
}

void tcg_dump_ops(TCGContext *s, FILE *f)
{
    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        const TCGOpDef *def = op_def(op);
        int no = op->nb_oargs, ni = op->nb_iargs, k = 0;
        bool first = true;

        if (op->opc == INDEX_op_nop) {
            continue;
        }
        if (op->opc == INDEX_op_insn_start) {
            fprintf(f, " ----");
            for (int w = 0; w < s->insn_start_words; w++) {
                fprintf(f, " %016" PRIx64, (uint64_t)op->args[w]);
            }
            fprintf(f, "\n");
            continue;
        }
        if (op->opc == INDEX_op_call) {
            fprintf(f, " call %p,$0x%x", (void *)op->args[no + ni],
                    (unsigned)op->args[no + ni + 1]);
            first = false;
        } else if (op->opc == INDEX_op_ext_i32_i64
                   || op->opc == INDEX_op_extu_i32_i64
                   || op->opc == INDEX_op_extrl_i64_i32
                   || op->opc == INDEX_op_extrh_i64_i32
                   || op->opc == INDEX_op_concat_i32_i64) {
            fprintf(f, " %s ", def->name);
        } else {
            fprintf(f, " %s_%s ", def->name,
                    op->type == TCG_TYPE_I32 ? "i32" : "i64");
        }
        for (; k < no + ni; k++) {
            fprintf(f, "%s", first ? "" : ",");
            first = false;
            dump_temp(f, s, arg_temp(op->args[k]));
        }
        if (op->opc == INDEX_op_call) {
            /* constants printed above */
        } else if (op->opc == INDEX_op_brcond) {
            fprintf(f, ",%s,$L%d", cond_names[op->args[k] % TCG_COND_COUNT],
                    arg_label(op->args[k + 1])->id);
        } else if (op->opc == INDEX_op_setcond
                   || op->opc == INDEX_op_negsetcond
                   || op->opc == INDEX_op_movcond) {
            fprintf(f, ",%s", cond_names[op->args[k] % TCG_COND_COUNT]);
        } else if (op->opc == INDEX_op_br || op->opc == INDEX_op_set_label) {
            fprintf(f, "%s$L%d", first ? "" : ",", arg_label(op->args[k])->id);
        } else {
            for (int c = 0; c < def->nb_cargs; c++) {
                fprintf(f, "%s$0x%" PRIx64, first ? "" : ",",
                        (uint64_t)op->args[k + c]);
                first = false;
            }
        }
        if (op->life_dead || op->life_sync) {
            fprintf(f, "  ");
            for (int a = 0; a < 16; a++) {
                if (op->life_sync & (1u << a)) {
                    fprintf(f, " sync:%d", a);
                }
            }
            for (int a = 0; a < 16; a++) {
                if (op->life_dead & (1u << a)) {
                    fprintf(f, " dead:%d", a);
                }
            }
        }
        fprintf(f, "\n");
    }
}

/* ------------------------------------------------------------------ */
/* Code generation                                                     */

void tcg_record_insn_start(TCGContext *s, const TCGOp *op)
{
    int n = s->nb_insns;

    if (n > 0) {
        s->insn_end_off[n - 1] = tcg_current_code_size(s);
    }
    for (int w = 0; w < s->insn_start_words; w++) {
        s->insn_data[n * s->insn_start_words + w] = op->args[w];
    }
    s->nb_insns = n + 1;
}

static void log_ir(TCGContext *s, int mask, const char *title)
{
    if (qemu_loglevel_mask(mask)) {
        FILE *f = qemu_log_file();
        fprintf(f, "%s:\n", title);
        tcg_dump_ops(s, f);
        fprintf(f, "\n");
        fflush(f);
    }
}

int tcg_gen_code(TCGContext *s, TranslationBlock *tb)
{
    size_t start, table_bytes, words = s->insn_start_words;
    uint64_t *table;
    int ret;

    if (s->gen_overflow) {
        return -2;
    }
    log_ir(s, CPU_LOG_TB_OP, "OP");
    if (!tcg_optimize_disabled) {
        tcg_optimize(s);
    }
    tcg_liveness_analysis(s);
    log_ir(s, CPU_LOG_TB_OP_OPT, "OP after optimization and liveness");

    start = QEMU_ALIGN_UP(s->code_used, 64);
    if (start + 2 * TCG_CODE_MARGIN > s->code_size) {
        return -1;
    }
    s->code_buf = s->code_ptr = s->code_rw + start;
    s->code_end = s->code_rw + s->code_size - TCG_CODE_MARGIN;
    s->gen_tb = tb;
    s->nb_insns = 0;
    tb->jmp_reset_offset[0] = tb->jmp_reset_offset[1] = TB_JMP_OFFSET_INVALID;
    tb->jmp_insn_offset[0] = tb->jmp_insn_offset[1] = TB_JMP_OFFSET_INVALID;
    tb->jmp_target_addr[0] = tb->jmp_target_addr[1] = 0;

    ret = s->backend->gen_code(s, tb);
    if (ret < 0) {
        return ret;
    }
    if (tcg_current_code_size(s) > TCG_TB_MAX_CODE) {
        return -2;
    }
    if (s->nb_insns > 0) {
        s->insn_end_off[s->nb_insns - 1] = tcg_current_code_size(s);
    }

    tb->tc.ptr = (const void *)tcg_rw_to_rx(s, s->code_buf);
    tb->tc.size = tcg_current_code_size(s);

    /* The insn_start table follows the code: end offset, then words. */
    table = (uint64_t *)QEMU_ALIGN_UP((uintptr_t)s->code_ptr, 8);
    table_bytes = (size_t)s->nb_insns * (1 + words) * sizeof(uint64_t);
    if ((uint8_t *)table + table_bytes > s->code_end) {
        return -1;
    }
    for (int i = 0; i < s->nb_insns; i++) {
        table[i * (1 + words)] = s->insn_end_off[i];
        memcpy(&table[i * (1 + words) + 1], &s->insn_data[i * words],
               words * sizeof(uint64_t));
    }
    tb->insn_data = (const void *)tcg_rw_to_rx(s, table);
    tb->insn_data_count = s->nb_insns;
    s->code_used = (uint8_t *)table + table_bytes - s->code_rw;

    for (int n = 0; n < 2; n++) {
        if (tb->jmp_reset_offset[n] != TB_JMP_OFFSET_INVALID) {
            tb->jmp_target_addr[n] = (uintptr_t)tb->tc.ptr
                                     + tb->jmp_reset_offset[n];
        }
    }

    if (qemu_loglevel_mask(CPU_LOG_TB_OUT_ASM)) {
        FILE *f = qemu_log_file();
        fprintf(f, "OUT: [size=%zu] (%s)\n", tb->tc.size, s->backend->name);
        s->backend->disas(f, s->code_buf, tb->tc.size, (uintptr_t)tb->tc.ptr);
        fprintf(f, "\n");
        fflush(f);
    }
    return (int)tb->tc.size;
}

/* ------------------------------------------------------------------ */
/* Execution, chaining, faults                                         */

uintptr_t tcg_qemu_tb_exec(void *env, const void *tb_ptr)
{
    return tcg_ctx->backend->exec(env, tb_ptr);
}

void tb_set_jmp_target(TranslationBlock *tb, int n, uintptr_t addr)
{
    TCGContext *s = tcg_ctx;
    uintptr_t insn;

    assert(n == 0 || n == 1);
    if (tb->jmp_insn_offset[n] == TB_JMP_OFFSET_INVALID) {
        return;
    }
    insn = (uintptr_t)tb->tc.ptr + tb->jmp_insn_offset[n];
    tb->jmp_target_addr[n] = addr;
    s->backend->set_jmp_target(tb, n, addr, tcg_rx_to_rw(s, insn));
}

void tb_reset_jump(TranslationBlock *tb, int n)
{
    if (tb->jmp_reset_offset[n] != TB_JMP_OFFSET_INVALID) {
        tb_set_jmp_target(tb, n,
                          (uintptr_t)tb->tc.ptr + tb->jmp_reset_offset[n]);
    }
}

uintptr_t tcg_signal_search_pc(uintptr_t host_pc)
{
    return tcg_ctx ? tcg_ctx->backend->signal_search_pc(host_pc) : 0;
}

uintptr_t tcg_helper_search_pc(uintptr_t ra)
{
    return tcg_ctx->backend->helper_search_pc(ra);
}

bool tcg_restore_state_from_host_pc(TranslationBlock *tb, uintptr_t search_pc,
                                    uint64_t *data, int ndata)
{
    const uint64_t *table = tb->insn_data;
    int words = tcg_ctx->insn_start_words;
    uintptr_t start = (uintptr_t)tb->tc.ptr;
    uint64_t off;

    if (search_pc < start || search_pc >= start + tb->tc.size) {
        return false;
    }
    off = search_pc - start;
    for (uint32_t i = 0; i < tb->insn_data_count; i++) {
        if (off < table[i * (1 + words)]) {
            for (int w = 0; w < ndata; w++) {
                data[w] = w < words ? table[i * (1 + words) + 1 + w] : 0;
            }
            return true;
        }
    }
    return false;
}
