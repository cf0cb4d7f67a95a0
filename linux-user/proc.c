/*
 * The synthetic /proc files the guest sees instead of the host's.
 *
 * A guest that opens /proc/cpuinfo or /proc/self/{auxv,cmdline,comm,
 * environ,maps,stat,status} (or /proc/<own pid>/..., /proc/thread-self/...)
 * gets a file descriptor of an unlinked memory file filled with the text
 * an e2k Linux kernel would show: the selected -cpu model, the guest's
 * auxiliary vector, its argument and environment strings, its own
 * mappings at guest addresses.
 * /proc/self/exe opens and reads as the guest program, not qemu-e2k;
 * /proc/self/fd/N of a synthetic file reads as the path it was opened as.
 *
 * The text is built at open time, so a later read sees the state at the
 * open, as with the kernel's seq_file for a single read.  Everything else
 * under /proc is the host's.
 *
 * Facts (e2k kernel, OpenE2K linux): cpuinfo's fields and their format
 * (arch/e2k/kernel/e2k.c native_show_cpuinfo, cpu/cacheinfo.c
 * show_cacheinfo), model numbers and names (uapi asm/bootinfo.h
 * CPU_TYPE_*, GET_CPU_TYPE_NAME), families (asm/e8c2.h, e16c.h...), the
 * cache table (cpu/cacheinfo.c); maps' line format (fs/proc/task_mmu.c).
 *
 * Not here: opening host files (syscall-fs.c), the auxv itself
 * (elfload.c builds it and hands a copy to proc_set_image()).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu.h"
#include "proc.h"
#include "target/e2k/cpu.h"

/* ------------------------------------------------------------------ */
/* What proc_set_image() recorded                                     */

#define PROC_MAX_SEGMENTS 16

/* One PT_LOAD segment of the guest program or of its interpreter, at
   its guest address, and the file it comes from. */
typedef struct ProcSegment {
    uint64_t vaddr, filesz, memsz, offset;
    const char *path;       /* target_exec_path or the interpreter's */
    dev_t dev;
    ino_t ino;
} ProcSegment;

static struct {
    bool valid;
    uint64_t start_code, end_code, start_data, end_data, start_brk;
    uint64_t start_stack, stack_base, stack_size;
    uint64_t psp_base, psp_size, pcsp_base, pcsp_size;
    uint64_t arg_start, arg_end, env_start, env_end;
    uint8_t *auxv;          /* guest byte order */
    size_t auxv_len;
    ProcSegment seg[PROC_MAX_SEGMENTS];
    unsigned nseg;
    char *interp_path;
} proc_image;

/*
 * Synthetic files the guest opened, for readlink(/proc/self/fd/N): the
 * path and the memory file's inode, checked again at readlink time, so
 * a descriptor closed and reused for another file reads as the host's.
 */
typedef struct ProcOpenFile {
    dev_t dev;
    ino_t ino;
    char path[];
} ProcOpenFile;
static GHashTable *proc_open_fds;   /* fd -> ProcOpenFile (owned) */
G_LOCK_DEFINE_STATIC(proc_open_fds);

/* Add the PT_LOAD program headers of @path: where each segment's file
   bytes are, for the names and offsets in /proc/self/maps. */
static void proc_read_segments(const char *path, uint64_t load_addr)
{
    uint8_t eh[64], ph[56];
    uint64_t phoff, bias = 0;
    unsigned phnum, phentsize;
    bool first = true;
    struct stat st = { 0 };
    int fd;

    if (!path) {
        return;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return;
    }
    if (fstat(fd, &st) != 0) {
        memset(&st, 0, sizeof(st));
    }
    if (pread(fd, eh, sizeof(eh), 0) != (ssize_t)sizeof(eh) ||
        memcmp(eh, "\177ELF", 4) != 0 || eh[4] != 2 /* ELFCLASS64 */) {
        close(fd);
        return;
    }
    phoff = ldq_le_p(eh + 32);
    phentsize = lduw_le_p(eh + 54);
    phnum = lduw_le_p(eh + 56);
    if (phentsize != sizeof(ph) || phnum > 1024) {
        close(fd);
        return;
    }
    for (unsigned i = 0; i < phnum && proc_image.nseg < PROC_MAX_SEGMENTS;
         i++) {
        ProcSegment *s = &proc_image.seg[proc_image.nseg];

        if (phoff > UINT64_MAX - (uint64_t)(i + 1) * sizeof(ph) ||
            pread(fd, ph, sizeof(ph), phoff + (uint64_t)i * sizeof(ph)) !=
            (ssize_t)sizeof(ph)) {
            break;
        }
        if (ldl_le_p(ph) != 1 /* PT_LOAD */) {
            continue;
        }
        s->vaddr = ldq_le_p(ph + 16);
        s->offset = ldq_le_p(ph + 8);
        s->path = path;
        s->dev = st.st_dev;
        s->ino = st.st_ino;
        s->filesz = ldq_le_p(ph + 32);
        s->memsz = ldq_le_p(ph + 40);
        if (first) {
            /* The loader's bias (0 for ET_EXEC). */
            bias = load_addr - (s->vaddr & TARGET_PAGE_MASK);
            first = false;
        }
        s->vaddr += bias;
        if (s->filesz > s->memsz ||
            s->vaddr + s->memsz < s->vaddr) {
            continue;
        }
        proc_image.nseg++;
    }
    close(fd);
}

void proc_set_image(const ImageInfo *info, const uint64_t *auxv,
                    size_t nwords)
{
    g_free(proc_image.auxv);
    proc_image.auxv_len = nwords * 8;
    proc_image.auxv = g_malloc(proc_image.auxv_len);
    for (size_t i = 0; i < nwords; i++) {
        stq_le_p(proc_image.auxv + 8 * i, auxv[i]);
    }
    proc_image.start_code = info->start_code;
    proc_image.end_code = info->end_code;
    proc_image.start_data = info->start_data;
    proc_image.end_data = info->end_data;
    proc_image.start_brk = info->brk;
    proc_image.start_stack = info->sp;
    proc_image.stack_base = info->stack_base;
    proc_image.stack_size = info->stack_size;
    proc_image.psp_base = info->psp_base;
    proc_image.psp_size = info->psp_size;
    proc_image.pcsp_base = info->pcsp_base;
    proc_image.pcsp_size = info->pcsp_size;
    proc_image.arg_start = info->arg_start;
    proc_image.arg_end = info->arg_end;
    proc_image.env_start = info->env_start;
    proc_image.env_end = info->env_end;
    proc_image.nseg = 0;
    proc_read_segments(target_exec_path, info->load_addr);
    g_free(proc_image.interp_path);
    proc_image.interp_path = g_strdup(info->interp_path);
    if (proc_image.interp_path) {
        proc_read_segments(proc_image.interp_path, info->interp_load_addr);
    }
    proc_image.valid = true;
}

/* ------------------------------------------------------------------ */
/* /proc/cpuinfo                                                       */

typedef struct ProcCache {
    int level;
    const char *type;       /* "Instruction", "Data", "Unified" */
    bool private;
    unsigned size_k, line, assoc;
} ProcCache;

/*
 * What the e2k kernel reports for each of our -cpu models.  Model
 * numbers, names, families and caches are the kernel's; vendor_id is
 * "Elbrus-MCST" from family 5 on and the motherboard's name before (the
 * kernel prints mcst_mb_name there: we name a typical board).  The clock
 * is the chip's nominal one; the kernel measures it and prints bogomips
 * as twice the MHz.  e32s (elbrus-v7) is not in the public kernel: its
 * numbers follow the v7 entries there (e8v7) and are our choice.
 */
typedef struct ProcCpuModel {
    const char *model;      /* our -cpu name (target/e2k/cpu.c) */
    const char *vendor;
    int family;
    int number;             /* CPU_TYPE_* */
    const char *name;       /* GET_CPU_TYPE_NAME */
    unsigned mhz;
    ProcCache caches[5];
} ProcCpuModel;

#define L1I   { 1, "Instruction", true, 128, 256, 4 }
#define L1D   { 1, "Data", true, 64, 32, 4 }

static const ProcCpuModel proc_cpu_models[] = {
    { "e2c+", "MONOCUB", 4, 0x04, "E2C+DSP", 500, { { 0 } } },
    { "e2s", "MBE2S-PC", 4, 0x03, "E2S", 800,
      { L1I, L1D, { 2, "Unified", true, 2048, 64, 4 } } },
    { "e8c", "E8C-SWTX", 4, 0x07, "E8C", 1300,
      { L1I, L1D, { 2, "Unified", true, 512, 64, 4 },
        { 3, "Unified", false, 16384, 64, 16 } } },
    { "e8c2", "Elbrus-MCST", 5, 0x09, "E8C2", 1550,
      { L1I, L1D, { 2, "Unified", true, 512, 64, 4 },
        { 3, "Unified", false, 16384, 64, 16 } } },
    { "e16c", "Elbrus-MCST", 6, 0x0b, "E16C", 2000,
      { L1I, L1D, { 2, "Unified", true, 1024, 64, 4 },
        { 3, "Unified", false, 32768, 64, 16 } } },
    { "e32s", "Elbrus-MCST", 7, 0x0e, "E32S", 2500,
      { L1I, { 1, "Data", true, 64, 48, 4 },
        { 2, "Unified", true, 1024, 64, 4 },
        { 3, "Unified", false, 49152, 64, 16 } } },
};

#undef L1I
#undef L1D

static const ProcCpuModel *proc_cpu_model(void)
{
    const char *name = "e8c";

    if (thread_cpu && thread_cpu->model) {
        name = thread_cpu->model->name;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(proc_cpu_models); i++) {
        if (!strcmp(proc_cpu_models[i].model, name)) {
            return &proc_cpu_models[i];
        }
    }
    return &proc_cpu_models[2];
}

/*
 * One block per host processor: the guest's sched_getaffinity() and
 * sysconf(_SC_NPROCESSORS_ONLN) see the host's count, and the file
 * agrees with them.  The cache lines follow the last block, as the
 * kernel prints them.
 */
static void proc_fill_cpuinfo(GString *out)
{
    const ProcCpuModel *m = proc_cpu_model();
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    if (n < 1) {
        n = 1;
    }
    for (long cpu = 0; cpu < n; cpu++) {
        g_string_append_printf(out,
            "processor\t: %ld\n"
            "vendor_id\t: %s\n"
            "cpu family\t: %d\n"
            "model\t\t: %d\n"
            "model name\t: %s\n"
            "revision\t: %u\n"
            "cpu MHz\t\t: %u\n"
            "bogomips\t: %u.%02u\n\n",
            cpu, m->vendor, m->family, m->number, m->name, 0u, m->mhz,
            2 * m->mhz, 0u);
    }
    for (int i = 0; i < (int)G_N_ELEMENTS(m->caches) && m->caches[i].level;
         i++) {
        const ProcCache *c = &m->caches[i];

        g_string_append_printf(out, "cache%-11d: level=%d type=%s "
                               "scope=%s size=%uK line_size=%u "
                               "associativity=%u\n", i, c->level, c->type,
                               c->private ? "Private" : "Shared", c->size_k,
                               c->line, c->assoc);
    }
}

/* ------------------------------------------------------------------ */
/* /proc/self/{auxv,cmdline,environ}                                   */

static int proc_fill_auxv(GString *out)
{
    if (!proc_image.valid) {
        return -ENOENT;
    }
    g_string_append_len(out, (const char *)proc_image.auxv,
                        proc_image.auxv_len);
    return 0;
}

/* The live guest bytes of [start, end), as the kernel reads them from
   the process; pages the guest unmapped since end the text. */
static int proc_fill_guest_range(GString *out, uint64_t start, uint64_t end)
{
    if (!proc_image.valid) {
        return -ENOENT;
    }
    for (uint64_t a = start; a < end;) {
        uint64_t next = MIN(end, (a & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE);
        const char *p = lock_user(a, next - a, PAGE_READ);

        if (!p) {
            break;
        }
        g_string_append_len(out, p, next - a);
        a = next;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* /proc/self/maps                                                     */

/* One host mapping line of /proc/self/maps, parsed. */
typedef struct HostMap {
    uintptr_t start, end;
    char perms[5];
    uint64_t offset;
    unsigned dev_major, dev_minor;
    uint64_t inode;
    char path[PATH_MAX];
} HostMap;

static bool proc_parse_host_map(const char *line, HostMap *m)
{
    int pos = 0;

    m->path[0] = '\0';
    if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " %4s %" SCNx64 " %x:%x %"
               SCNu64 " %n", &m->start, &m->end, m->perms, &m->offset,
               &m->dev_major, &m->dev_minor, &m->inode, &pos) < 7) {
        return false;
    }
    if (pos > 0) {
        g_strlcpy(m->path, line + pos, sizeof(m->path));
        g_strchomp(m->path);
    }
    return true;
}

/* The guest-visible flags that split maps lines. */
static int proc_page_key(uint64_t addr)
{
    int f = page_get_flags(addr);

    if (!(f & PAGE_VALID)) {
        return 0;
    }
    return PAGE_VALID | (f & (PAGE_READ | PAGE_EXEC)) |
           (f & (PAGE_WRITE | PAGE_WRITE_ORG) ? PAGE_WRITE : 0);
}

static void proc_emit_map(GString *out, uint64_t start, uint64_t end,
                          int key, char shared, uint64_t offset,
                          unsigned major, unsigned minor, uint64_t inode,
                          const char *name)
{
    size_t line_start = out->len;

    g_string_append_printf(out, "%08" PRIx64 "-%08" PRIx64 " %c%c%c%c %08"
                           PRIx64 " %02x:%02x %" PRIu64 " ", start, end,
                           key & PAGE_READ ? 'r' : '-',
                           key & PAGE_WRITE ? 'w' : '-',
                           key & PAGE_EXEC ? 'x' : '-', shared, offset,
                           major, minor, inode);
    if (name && name[0]) {
        while (out->len - line_start < 72) {
            g_string_append_c(out, ' ');
        }
        g_string_append_c(out, ' ');
        g_string_append(out, name);
    }
    g_string_append_c(out, '\n');
}

/* Lowest boundary in (start, end) among @n points, else @end. */
static uint64_t proc_next_cut(uint64_t start, uint64_t end,
                              const uint64_t *points, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (points[i] > start && points[i] < end) {
            end = points[i];
        }
    }
    return end;
}

/*
 * One run of pages with the same guest flags inside one host mapping:
 * split it where the program's segments, the heap, the stack and the
 * hardware stacks begin and end, so the file-backed part of each segment
 * is named after the program with its file offset (the loader copies
 * segments into anonymous memory, the kernel maps the file), and the
 * stack and the heap get their names.
 */
static void proc_emit_run(GString *out, const HostMap *hm, uint64_t start,
                          uint64_t end, int key, uint64_t *total)
{
    uint64_t heap_lo = TARGET_PAGE_ALIGN(proc_image.start_brk);
    uint64_t heap_hi = TARGET_PAGE_ALIGN(target_brk(0));
    uint64_t stack_lo = proc_image.stack_base;
    uint64_t stack_hi = proc_image.stack_base + proc_image.stack_size;
    uint64_t points[8 + 2 * PROC_MAX_SEGMENTS];
    size_t np = 0;

    points[np++] = heap_lo;
    points[np++] = heap_hi;
    points[np++] = stack_lo;
    points[np++] = stack_hi;
    /* The hardware stacks are mappings of their own in the kernel; the
       host merges them when they are adjacent. */
    points[np++] = proc_image.psp_base;
    points[np++] = proc_image.psp_base + proc_image.psp_size;
    points[np++] = proc_image.pcsp_base;
    points[np++] = proc_image.pcsp_base + proc_image.pcsp_size;
    for (unsigned i = 0; i < proc_image.nseg; i++) {
        const ProcSegment *s = &proc_image.seg[i];
        points[np++] = s->vaddr & TARGET_PAGE_MASK;
        points[np++] = TARGET_PAGE_ALIGN(s->vaddr + s->filesz);
    }
    *total += end - start;
    while (start < end) {
        uint64_t cut = proc_next_cut(start, end, points, np);
        const ProcSegment *in = NULL;

        for (unsigned i = 0; i < proc_image.nseg; i++) {
            const ProcSegment *s = &proc_image.seg[i];

            if (s->filesz && start >= (s->vaddr & TARGET_PAGE_MASK) &&
                start < TARGET_PAGE_ALIGN(s->vaddr + s->filesz)) {
                in = s;
                break;
            }
        }
        if (in) {
            uint64_t off = (in->offset & TARGET_PAGE_MASK) +
                           (start - (in->vaddr & TARGET_PAGE_MASK));
            proc_emit_map(out, start, cut, key, 'p', off, major(in->dev),
                          minor(in->dev), (uint64_t)in->ino, in->path);
        } else if (hm->path[0] && hm->path[0] != '[') {
            /* A guest mmap of a file: the host mapping says which. */
            uint64_t off = hm->offset + (start - h2g((void *)hm->start));
            proc_emit_map(out, start, cut, key, hm->perms[3], off,
                          hm->dev_major, hm->dev_minor, hm->inode,
                          hm->path);
        } else {
            const char *name = NULL;

            if (start >= stack_lo && start < stack_hi) {
                name = "[stack]";
            } else if (proc_image.start_brk && start >= heap_lo &&
                       start < heap_hi) {
                name = "[heap]";
            }
            proc_emit_map(out, start, cut, key, hm->perms[3], 0, 0, 0, 0,
                          name);
        }
        start = cut;
    }
}

/*
 * Guest mappings only, at guest addresses: the host's own mappings
 * (qemu-e2k, its libraries, the translated code) are left out, and so
 * are the PROT_NONE placeholders that keep the rest of the guest space
 * reserved.  The pages' guest flags (not the host protection, which is
 * read-only for pages holding translated code) give the permissions.
 * Sets *@total to the bytes the guest has mapped (stat's vsize).
 */
static int proc_fill_maps(GString *out, uint64_t *total)
{
    FILE *f = fopen("/proc/self/maps", "re");
    char line[PATH_MAX + 256];
    uint64_t space_end = guest_space_size;
    uint64_t dummy;

    if (!total) {
        total = &dummy;
    }
    *total = 0;
    if (!f) {
        return -errno;
    }
    while (fgets(line, sizeof(line), f)) {
        HostMap hm;
        uint64_t gs, ge, run;
        int key;

        if (!proc_parse_host_map(line, &hm) || hm.end <= guest_base ||
            hm.start >= guest_base + space_end) {
            continue;
        }
        gs = hm.start > guest_base ? h2g((void *)hm.start) : 0;
        ge = MIN(space_end, (uint64_t)(hm.end - guest_base));
        /* A placeholder is one big PROT_NONE host mapping whose pages are
           not the guest's: stop at the first such page rather than walk
           a terabyte of them. */
        run = gs;
        key = proc_page_key(gs);
        if (key == 0 && !strcmp(hm.perms, "---p")) {
            continue;
        }
        for (uint64_t a = gs; a <= ge; a += TARGET_PAGE_SIZE) {
            int k = a < ge ? proc_page_key(a) : -1;

            if (k == key) {
                continue;
            }
            if (key) {
                proc_emit_run(out, &hm, run, a, key, total);
            }
            if (k == 0 && !strcmp(hm.perms, "---p")) {
                break;
            }
            run = a;
            key = k;
        }
    }
    fclose(f);
    return 0;
}

/* ------------------------------------------------------------------ */
/* /proc/self/{comm,status,stat}                                       */

/* The guest's task name: its program's file name, cut to 15 bytes as the
   kernel's TASK_COMM_LEN does (prctl(PR_SET_NAME) is not emulated). */
static char *proc_guest_comm(void)
{
    gchar *base = target_exec_path ? g_path_get_basename(target_exec_path)
                                   : g_strdup("?");

    if (strlen(base) > 15) {
        base[15] = '\0';
    }
    return base;
}

/* The host's status with the guest's Name line. */
static int proc_fill_status(GString *out)
{
    gchar *text = NULL, *comm;
    const char *rest;

    if (!g_file_get_contents("/proc/self/status", &text, NULL, NULL)) {
        return -EIO;
    }
    rest = text;
    if (g_str_has_prefix(text, "Name:")) {
        rest = strchr(text, '\n');
        rest = rest ? rest + 1 : "";
    }
    comm = proc_guest_comm();
    g_string_append_printf(out, "Name:\t%s\n%s", comm, rest);
    g_free(comm);
    g_free(text);
    return 0;
}

/*
 * The host's line (pid, state, times, counts are the same process's)
 * with the guest's name and the fields that describe its address space:
 * vsize (23), startcode (26), endcode (27), startstack (28), the
 * instruction and stack pointers (29, 30: 0, as the kernel shows them
 * for a live process), and start_data..env_end (45..51).
 */
static int proc_fill_stat(GString *out)
{
    gchar *text = NULL, *rparen;
    gchar **fields;
    uint64_t vsize = 0;
    GString *maps;
    int n;

    if (!proc_image.valid) {
        return -ENOENT;
    }
    if (!g_file_get_contents("/proc/self/stat", &text, NULL, NULL)) {
        return -EIO;
    }
    rparen = strrchr(text, ')');
    if (!rparen || rparen[1] != ' ') {
        g_free(text);
        return -EIO;
    }
    maps = g_string_new(NULL);
    proc_fill_maps(maps, &vsize);
    g_string_free(maps, TRUE);

    g_string_append_len(out, text, strchr(text, ' ') - text);
    {
        gchar *comm = proc_guest_comm();
        g_string_append_printf(out, " (%s)", comm);
        g_free(comm);
    }
    g_strchomp(rparen + 2);
    fields = g_strsplit(rparen + 2, " ", -1);
    n = g_strv_length(fields);
    for (int i = 0; i < n; i++) {
        int field = i + 3;          /* 1-based, state is field 3 */
        uint64_t v;
        bool set = true;

        switch (field) {
        case 23: v = vsize; break;
        case 26: v = proc_image.start_code; break;
        case 27: v = proc_image.end_code; break;
        case 28: v = proc_image.start_stack; break;
        case 29: v = 0; break;
        case 30: v = 0; break;
        case 45: v = proc_image.start_data; break;
        case 46: v = proc_image.end_data; break;
        case 47: v = proc_image.start_brk; break;
        case 48: v = proc_image.arg_start; break;
        case 49: v = proc_image.arg_end; break;
        case 50: v = proc_image.env_start; break;
        case 51: v = proc_image.env_end; break;
        default: v = 0; set = false; break;
        }
        if (set) {
            g_string_append_printf(out, " %" PRIu64, v);
        } else {
            g_string_append_printf(out, " %s", fields[i]);
        }
    }
    g_string_append_c(out, '\n');
    g_strfreev(fields);
    g_free(text);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Path matching and the file descriptors                              */

/*
 * The entry under /proc/self/ or /proc/<own pid>/ that @path names
 * ("maps", "fd/3"), or NULL when @path is not inside them.
 */
static const char *proc_self_entry(const char *path)
{
    const char *p;
    uint64_t pid = 0;

    if (strncmp(path, "/proc/", 6) != 0) {
        return NULL;
    }
    p = path + 6;
    if (!strncmp(p, "self/", 5)) {
        return p + 5;
    }
    /* One guest thread: its thread-self is the process. */
    if (!strncmp(p, "thread-self/", 12)) {
        return p + 12;
    }
    if (!isdigit((unsigned char)*p) || *p == '0') {
        return NULL;
    }
    for (; isdigit((unsigned char)*p); p++) {
        pid = pid * 10 + (*p - '0');
        if (pid > INT_MAX) {
            return NULL;
        }
    }
    if (*p != '/' || pid != (uint64_t)getpid()) {
        return NULL;
    }
    return p + 1;
}

GString *proc_file_content(const char *name, bool self, int *err)
{
    GString *out = g_string_new(NULL);
    int r = -ENOENT;

    if (!self && !strcmp(name, "cpuinfo")) {
        proc_fill_cpuinfo(out);
        r = 0;
    } else if (self && !strcmp(name, "auxv")) {
        r = proc_fill_auxv(out);
    } else if (self && !strcmp(name, "cmdline")) {
        r = proc_fill_guest_range(out, proc_image.arg_start,
                                  proc_image.arg_end);
    } else if (self && !strcmp(name, "environ")) {
        r = proc_fill_guest_range(out, proc_image.env_start,
                                  proc_image.env_end);
    } else if (self && !strcmp(name, "maps")) {
        r = proc_fill_maps(out, NULL);
    } else if (self && !strcmp(name, "stat")) {
        r = proc_fill_stat(out);
    } else if (self && !strcmp(name, "status")) {
        r = proc_fill_status(out);
    } else if (self && !strcmp(name, "comm")) {
        gchar *comm = proc_guest_comm();
        g_string_append_printf(out, "%s\n", comm);
        g_free(comm);
        r = 0;
    }
    if (r < 0) {
        g_string_free(out, TRUE);
        *err = r;
        return NULL;
    }
    return out;
}

/* An unlinked memory file holding @text, positioned at its start. */
static int proc_memory_file(const GString *text, bool cloexec)
{
    int fd = memfd_create("qemu-e2k-proc", cloexec ? MFD_CLOEXEC : 0);
    size_t done = 0;

    if (fd < 0) {
        char tmpl[] = "/tmp/qemu-e2k-proc-XXXXXX";

        fd = mkostemp(tmpl, cloexec ? O_CLOEXEC : 0);
        if (fd < 0) {
            return -errno;
        }
        unlink(tmpl);
    }
    while (done < text->len) {
        ssize_t n = write(fd, text->str + done, text->len - done);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            int e = n < 0 ? errno : EIO;
            close(fd);
            return -e;
        }
        done += n;
    }
    if (lseek(fd, 0, SEEK_SET) < 0) {
        int e = errno;
        close(fd);
        return -e;
    }
    return fd;
}

static void proc_fd_remember(int fd, const char *path)
{
    struct stat st;
    ProcOpenFile *f;

    if (fstat(fd, &st) < 0) {
        return;
    }
    f = g_malloc(sizeof(*f) + strlen(path) + 1);
    f->dev = st.st_dev;
    f->ino = st.st_ino;
    strcpy(f->path, path);
    G_LOCK(proc_open_fds);
    if (!proc_open_fds) {
        proc_open_fds = g_hash_table_new_full(g_direct_hash, g_direct_equal,
                                              NULL, g_free);
    }
    g_hash_table_replace(proc_open_fds, GINT_TO_POINTER(fd), f);
    G_UNLOCK(proc_open_fds);
}

/*
 * The path synthetic file descriptor @fd was opened as (to g_free), or
 * NULL: the descriptor proc_open() returned, or a dup of it (the same
 * memory file).  Entries whose descriptor now holds another file are
 * dropped.
 */
static char *proc_fd_path(int fd)
{
    GHashTableIter it;
    gpointer key, value;
    char *path = NULL;
    struct stat st;

    if (fstat(fd, &st) < 0) {
        return NULL;
    }
    G_LOCK(proc_open_fds);
    if (!proc_open_fds) {
        G_UNLOCK(proc_open_fds);
        return NULL;
    }
    g_hash_table_iter_init(&it, proc_open_fds);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        ProcOpenFile *f = value;
        struct stat fst;

        if (fstat(GPOINTER_TO_INT(key), &fst) < 0 ||
            fst.st_dev != f->dev || fst.st_ino != f->ino) {
            g_hash_table_iter_remove(&it);
            continue;
        }
        if (!path && f->dev == st.st_dev && f->ino == st.st_ino) {
            path = g_strdup(f->path);
        }
    }
    G_UNLOCK(proc_open_fds);
    return path;
}

/*
 * @path (relative to @dirfd, or to the working directory for AT_FDCWD)
 * as an absolute path without ".", ".." or repeated slashes, when it may
 * lead into /proc; NULL otherwise.  "self" and the pid stay as written:
 * proc_self_entry() reads them.
 */
static char *proc_resolve(int dirfd, const char *path)
{
    g_autofree char *dir = NULL, *joined = NULL;
    g_auto(GStrv) parts = NULL;
    GString *out;

    if (path[0] == '/') {
        if (!strstr(path, "proc")) {
            return NULL;            /* the common case, cheaply */
        }
        joined = g_strdup(path);
    } else {
        if (dirfd == AT_FDCWD) {
            dir = g_get_current_dir();
        } else {
            char link[32];

            snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
            dir = g_file_read_link(link, NULL);
        }
        if (!dir || strncmp(dir, "/proc", 5) != 0 ||
            (dir[5] != '/' && dir[5] != '\0')) {
            return NULL;
        }
        joined = g_strconcat(dir, "/", path, NULL);
    }
    parts = g_strsplit(joined, "/", -1);
    out = g_string_new(NULL);
    for (int i = 0; parts[i]; i++) {
        if (!parts[i][0] || !strcmp(parts[i], ".")) {
            continue;
        }
        if (!strcmp(parts[i], "..")) {
            char *slash = strrchr(out->str, '/');
            g_string_truncate(out, slash ? (gsize)(slash - out->str) : 0);
            continue;
        }
        g_string_append_c(out, '/');
        g_string_append(out, parts[i]);
    }
    if (strncmp(out->str, "/proc/", 6) != 0) {
        g_string_free(out, TRUE);
        return NULL;
    }
    return g_string_free(out, FALSE);
}

bool proc_open(int dirfd, const char *guest_path, int flags, int mode,
               int *ret)
{
    g_autofree char *path = proc_resolve(dirfd, guest_path);
    g_autofree char *canonical = NULL;
    const char *entry;
    GString *text;
    int err = 0, fd;

    if (!path) {
        return false;
    }
    entry = proc_self_entry(path);

    if (entry && !strcmp(entry, "exe") && target_exec_path) {
        fd = open(target_exec_path, flags, mode);
        *ret = fd < 0 ? -errno : fd;
        return true;
    }
    if (entry) {
        text = proc_file_content(entry, true, &err);
    } else if (!strcmp(path, "/proc/cpuinfo")) {
        text = proc_file_content("cpuinfo", false, &err);
    } else {
        return false;
    }
    if (!text) {
        if (err == -ENOENT) {
            /* Not one of ours (e.g. /proc/self/limits): the host's. */
            return false;
        }
        *ret = err;
        return true;
    }
    /* The kernel's files are read-only (mode 0444). */
    if ((flags & O_ACCMODE) != O_RDONLY) {
        *ret = -EACCES;
    } else if (flags & O_DIRECTORY) {
        *ret = -ENOTDIR;
    } else if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
        *ret = -EEXIST;
    } else {
        *ret = proc_memory_file(text, flags & O_CLOEXEC);
        if (*ret >= 0) {
            /* The kernel names it through the pid, not "self". */
            canonical = entry ? g_strdup_printf("/proc/%d/%s", getpid(), entry)
                              : g_strdup(path);
            proc_fd_remember(*ret, canonical);
        }
    }
    g_string_free(text, TRUE);
    return true;
}

bool proc_readlink(int dirfd, const char *guest_path, char *buf,
                   size_t size, ssize_t *ret)
{
    g_autofree char *path = proc_resolve(dirfd, guest_path);
    g_autofree char *fd_target = NULL;
    const char *entry = path ? proc_self_entry(path) : NULL;
    const char *target = NULL;
    size_t n;

    if (!entry) {
        return false;
    }
    if (!strcmp(entry, "exe")) {
        target = target_exec_path;
    } else if (!strncmp(entry, "fd/", 3) && isdigit((unsigned char)entry[3])) {
        char *end;
        long fd = strtol(entry + 3, &end, 10);

        if (*end == '\0' && fd >= 0 && fd <= INT_MAX) {
            target = fd_target = proc_fd_path((int)fd);
        }
    }
    if (!target) {
        return false;
    }
    n = MIN(strlen(target), size);
    memcpy(buf, target, n);
    *ret = n;
    return true;
}
