/*
 * The e2k ELF loader and the initial process image, without a CPU:
 * reference programs load with the right bytes and protections, every
 * malformed variant (bad-elf.c) fails with its error and no crash, random
 * header damage never crashes, and the initial stack holds argc, argv,
 * envp and auxv where the e2k start-up code looks for them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "qemu/bswap.h"
#include "qemu.h"
#include "bad-elf.h"
#include "fake-cpu.h"
#include "proc.h"

static const char *ref_names[] = { "hello", "loop", "call", "gcd" };

static GByteArray *read_ref(const char *name)
{
    g_autofree char *path = g_test_build_filename(G_TEST_DIST, "ref",
                                                  name, NULL);
    g_autofree char *file = g_strdup_printf("%s.ref.elf", path);
    gchar *data;
    gsize len;
    g_autoptr(GError) err = NULL;

    if (!g_file_get_contents(file, &data, &len, &err)) {
        g_error("%s", err->message);
    }
    return g_byte_array_new_take((guint8 *)data, len);
}

/* A fresh, empty guest address space for tests that look at the map. */
static void reset_guest_space(void)
{
    guest_memory_cleanup();
    g_assert_true(guest_memory_init(GUEST_SPACE_DEFAULT_SIZE, 0,
                                    &error_abort));
}

static void test_ref_load(gconstpointer opaque)
{
    const char *name = opaque;
    GByteArray *e = read_ref(name);
    ImageInfo info;
    Error *err = NULL;
    uint16_t phnum = lduw_le_p(e->data + 56);

    reset_guest_space();
    g_assert_true(elf_load_image(name, e->data, e->len, &info, &err));
    g_assert_null(err);
    g_assert_cmpuint(info.entry, ==, ldq_le_p(e->data + 24));
    g_assert_cmpint(info.isa, ==, 3);              /* built for elbrus-v3 */
    g_assert_cmpstr(info.mach_name, ==, "elbrus-v3");
    g_assert_cmpuint(info.phnum, ==, phnum);
    g_assert_cmpuint(info.brk % TARGET_PAGE_SIZE, ==, 0);

    for (unsigned i = 0; i < phnum; i++) {
        const uint8_t *ph = e->data + 64 + 56 * i;
        uint64_t off = ldq_le_p(ph + 8), vaddr = ldq_le_p(ph + 16);
        uint64_t filesz = ldq_le_p(ph + 32), memsz = ldq_le_p(ph + 40);
        uint32_t pf = ldl_le_p(ph + 4);
        int flags = page_get_flags(vaddr);

        if (ldl_le_p(ph) != 1) {
            continue;
        }
        /* The segment's bytes, then zeroes up to memsz. */
        g_assert_cmpmem(g2h(vaddr), filesz, e->data + off, filesz);
        for (uint64_t b = filesz; b < memsz; b++) {
            g_assert_cmpuint(((uint8_t *)g2h(vaddr))[b], ==, 0);
        }
        g_assert_true(flags & PAGE_VALID);
        g_assert_cmpint(!!(flags & PAGE_EXEC), ==, !!(pf & 1));
        g_assert_cmpint(!!(flags & PAGE_WRITE), ==, !!(pf & 2));
        g_assert_cmpint(!!(flags & PAGE_READ), ==, !!(pf & 4));
        g_assert_cmpuint(info.brk, >=, vaddr + memsz);
        /* Nothing mapped right after the image (brk starts there). */
        g_assert_false(page_get_flags(info.brk) & PAGE_VALID);
    }
    g_assert_true(page_check_range(info.entry, 8, PAGE_EXEC | PAGE_READ));
    g_byte_array_unref(e);
}

static void test_bad_elf(gconstpointer opaque)
{
    const BadElf *b = opaque;
    GByteArray *e = read_ref(b->base);
    ImageInfo info;
    Error *err = NULL;
    g_autofree char *fn = g_strdup_printf("%s.elf", b->name);

    b->mutate(e);
    g_assert_false(elf_check_image(fn, e->data, e->len, &info, &err));
    g_assert_nonnull(err);
    if (!strstr(error_get_pretty(err), b->expect) ||
        !g_str_has_prefix(error_get_pretty(err), fn)) {
        g_error("%s: got '%s', expected the file name and '%s'", b->name,
                error_get_pretty(err), b->expect);
    }
    error_free(err);
    err = NULL;
    g_assert_false(elf_load_image(fn, e->data, e->len, &info, &err));
    g_assert_nonnull(err);
    error_free(err);
    g_byte_array_unref(e);
}

/* Random damage to the headers never crashes the loader; whatever it
   accepts, it also maps. */
static void test_fuzz(void)
{
    GRand *rand = g_rand_new_with_seed(0xe2c0ffee);
    unsigned accepted = 0;

    for (int iter = 0; iter < 4000; iter++) {
        GByteArray *e = read_ref(ref_names[iter % 4]);
        ImageInfo info;
        Error *err = NULL;
        int n = g_rand_int_range(rand, 1, 6);

        for (int k = 0; k < n; k++) {
            guint pos = g_rand_int_range(rand, 0, MIN(e->len, 64 + 2 * 56));
            e->data[pos] = g_rand_int_range(rand, 0, 256);
        }
        if (g_rand_int_range(rand, 0, 8) == 0) {
            g_byte_array_set_size(e, g_rand_int_range(rand, 0, e->len));
        }
        if (elf_load_image("fuzz", e->data, e->len, &info, &err)) {
            accepted++;
            g_assert_true(page_get_flags(info.entry) & PAGE_EXEC);
        } else {
            g_assert_nonnull(err);
            error_free(err);
        }
        g_byte_array_unref(e);
    }
    /* Damage to bytes the loader ignores (e_ident padding, section
       fields...) must still load. */
    g_assert_cmpuint(accepted, >, 0);
    g_rand_free(rand);
}

static void test_load_file_errors(void)
{
    ImageInfo info;
    Error *err = NULL;

    g_assert_false(elf_load_file("/nonexistent/prog", &info, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "/nonexistent/prog"));
    g_assert_nonnull(strstr(error_get_pretty(err), "No such file"));
    error_free(err);
    err = NULL;
    g_assert_false(elf_load_file("/", &info, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "not a regular file"));
    error_free(err);
}

static uint64_t ld(uint64_t addr)
{
    g_assert_true(page_check_range(addr, 8, PAGE_READ));
    return ldq_le_p(g2h(addr));
}

static const char *gstr(uint64_t addr)
{
    g_assert_cmpint(target_strlen(addr, 4096), >=, 0);
    return g2h(addr);
}

static void test_initial_stack(void)
{
    GByteArray *e = read_ref("gcd");
    ImageInfo info;
    Error *err = NULL;
    char *argv[] = { "gcd", "a b", "", NULL };
    char *envp[] = { "X=1", "EMPTY=", NULL };
    uint64_t sp, p, auxv[64] = { 0 };
    bool seen[64] = { false };

    reset_guest_space();
    g_assert_true(elf_load_image("gcd", e->data, e->len, &info, &err));
    g_assert_true(setup_process_stacks(&info, 3, argv, envp, "/bin/gcd",
                                       1 << 20, &err));
    g_assert_null(err);
    sp = info.sp;
    g_assert_cmpuint(sp % 16, ==, 0);
    g_assert_cmpuint(sp, >=, info.stack_base);
    g_assert_cmpuint(sp, <, info.stack_base + info.stack_size);
    g_assert_cmpuint(info.stack_size, ==, 1 << 20);
    g_assert_true(page_check_range(info.stack_base, info.stack_size,
                                   PAGE_READ | PAGE_WRITE));

    g_assert_cmpuint(ld(sp), ==, 3);
    p = sp + 8;
    for (int i = 0; i < 3; i++, p += 8) {
        g_assert_cmpstr(gstr(ld(p)), ==, argv[i]);
    }
    g_assert_cmpuint(ld(p), ==, 0);
    p += 8;
    for (int i = 0; i < 2; i++, p += 8) {
        g_assert_cmpstr(gstr(ld(p)), ==, envp[i]);
    }
    g_assert_cmpuint(ld(p), ==, 0);
    p += 8;
    for (;;) {
        uint64_t type = ld(p), val = ld(p + 8);
        p += 16;
        if (type == 0) {
            break;
        }
        g_assert_cmpuint(type, <, 64);
        g_assert_false(seen[type]);
        seen[type] = true;
        auxv[type] = val;
    }
    g_assert_cmpuint(auxv[6], ==, 4096);                  /* AT_PAGESZ */
    g_assert_cmpuint(auxv[32], ==, 0x1f);          /* AT_FAST_SYSCALLS */
    g_assert_cmpuint(auxv[9], ==, info.entry);            /* AT_ENTRY */
    g_assert_cmpuint(auxv[5], ==, 2);                     /* AT_PHNUM */
    g_assert_cmpuint(auxv[4], ==, 56);                    /* AT_PHENT */
    g_assert_cmpuint(auxv[3], ==, 0x10040);               /* AT_PHDR */
    g_assert_cmpuint(ld(auxv[3]), ==, ldq_le_p(e->data + 64));
    g_assert_cmpstr(gstr(auxv[31]), ==, "/bin/gcd");      /* AT_EXECFN */
    /* The e2k kernel: AT_HWCAP 0, no AT_PLATFORM, no AT_HWCAP2. */
    g_assert_true(seen[16]);                              /* AT_HWCAP */
    g_assert_cmpuint(auxv[16], ==, 0);
    g_assert_false(seen[15]);                             /* AT_PLATFORM */
    g_assert_false(seen[26]);                             /* AT_HWCAP2 */
    g_assert_cmpuint(auxv[34], ==, 1);                    /* AT_SYSTEM_INFO */
    g_assert_true(seen[25]);                              /* AT_RANDOM */
    g_assert_true(page_check_range(auxv[25], 16, PAGE_READ));
    g_assert_true(seen[11] && seen[12] && seen[13] && seen[14]);
    /* Strings sit above the vectors, inside the stack. */
    g_assert_cmpuint(ld(sp + 8), >, p);

    /* Hardware stacks: big, mapped, apart from everything else. */
    g_assert_cmpuint(info.psp_size, ==, TARGET_PSP_SIZE);
    g_assert_cmpuint(info.pcsp_size, ==, TARGET_PCSP_SIZE);
    g_assert_true(page_check_range(info.psp_base, info.psp_size,
                                   PAGE_READ | PAGE_WRITE));
    g_assert_true(page_check_range(info.pcsp_base, info.pcsp_size,
                                   PAGE_READ | PAGE_WRITE));
    g_assert_true(info.psp_base + info.psp_size <= info.pcsp_base ||
                  info.pcsp_base + info.pcsp_size <= info.psp_base);
    g_assert_true(info.psp_base >= info.brk && info.pcsp_base >= info.brk);
    g_assert_true(info.psp_base + info.psp_size <= info.stack_base);
    /* Touching the far end of the procedure stack costs one page. */
    ((uint8_t *)g2h(info.psp_base + info.psp_size - 1))[0] = 1;
    g_byte_array_unref(e);
}

/* A program occupying the top of the address space keeps its bytes: the
   stack goes elsewhere. */
static void test_stack_avoids_program(void)
{
    GByteArray *e = read_ref("hello");
    ImageInfo info;
    Error *err = NULL;
    char *argv[] = { "hello", NULL };
    char *envp[] = { NULL };
    uint64_t top = (guest_space_size - 0x100000) & ~(uint64_t)0xffff;
    uint64_t old_vaddr = ldq_le_p(e->data + 64 + 16);
    uint64_t entry = ldq_le_p(e->data + 24);

    reset_guest_space();
    /* Move the text segment (and entry) 1 MiB below the top, with a
       512 KiB bss reaching up to where the stack would go. */
    stq_le_p(e->data + 64 + 16, top);
    stq_le_p(e->data + 64 + 24, top);
    stq_le_p(e->data + 64 + 40, 0x80000);
    stq_le_p(e->data + 24, entry - old_vaddr + top);
    g_assert_true(elf_load_image("high", e->data, e->len, &info, &err));
    g_assert_true(setup_process_stacks(&info, 1, argv, envp, "high",
                                       1 << 20, &err));
    g_assert_true(info.stack_base + info.stack_size <= top ||
                  info.stack_base >= top + 0x80000);
    g_assert_cmpmem(g2h(top), 64, e->data, 64);
    g_byte_array_unref(e);
}

/* Read AT_RANDOM's 16 bytes from a fresh process image. */
static void at_random_bytes(uint8_t out[16])
{
    GByteArray *e = read_ref("hello");
    ImageInfo info;
    char *argv[] = { "hello", NULL };
    char *envp[] = { NULL };
    uint64_t p;

    reset_guest_space();
    g_assert_true(elf_load_image("hello", e->data, e->len, &info,
                                 &error_abort));
    g_assert_true(setup_process_stacks(&info, 1, argv, envp, "hello",
                                       1 << 20, &error_abort));
    for (p = info.sp + 8 * 4; ld(p) != 25; p += 16) {   /* AT_RANDOM */
        g_assert_cmpuint(ld(p), !=, 0);
    }
    memcpy(out, g2h(ld(p + 8)), 16);
    g_byte_array_unref(e);
}

/* -seed makes AT_RANDOM reproducible; without it, it varies. */
static void test_seed(void)
{
    uint8_t a[16], b[16], c[16];

    guest_random_seed(42);
    at_random_bytes(a);
    guest_random_seed(42);
    at_random_bytes(b);
    guest_random_seed(43);
    at_random_bytes(c);
    g_assert_cmpmem(a, 16, b, 16);
    g_assert_true(memcmp(a, c, 16) != 0);
}

static void test_stack_too_small(void)
{
    GByteArray *e = read_ref("hello");
    ImageInfo info;
    Error *err = NULL;
    g_autofree char *big = g_malloc(200 * 1024);
    char *argv[] = { "hello", big, NULL };
    char *envp[] = { NULL };

    memset(big, 'x', 200 * 1024 - 1);
    big[200 * 1024 - 1] = 0;
    g_assert_true(elf_load_image("hello", e->data, e->len, &info, &err));
    g_assert_false(setup_process_stacks(&info, 2, argv, envp, "hello",
                                        256 * 1024, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "too long"));
    error_free(err);
    g_byte_array_unref(e);
}

static void test_env_edits(void)
{
    char *host[] = { "PATH=/bin", "A=old", "KEEP=1", "LD_PRELOAD=x.so", NULL };
    GPtrArray *edits = g_ptr_array_new_with_free_func(g_free);
    Error *err = NULL;
    char **env;

    /* -E A=1,B=2 -U LD_PRELOAD,PATH -E PATH=/guest/bin -E B=3 */
    g_assert_true(target_env_parse_list("A=1,B=2", true, edits, &err));
    g_assert_true(target_env_parse_list("LD_PRELOAD,PATH", false, edits,
                                        &err));
    g_assert_true(target_env_parse_list("PATH=/guest/bin", true, edits,
                                        &err));
    g_assert_true(target_env_parse_list("B=3,", true, edits, &err));
    env = target_env_build(host, edits);
    g_assert_cmpuint(g_strv_length(env), ==, 4);
    g_assert_cmpstr(g_environ_getenv(env, "A"), ==, "1");
    g_assert_cmpstr(g_environ_getenv(env, "B"), ==, "3");
    g_assert_cmpstr(g_environ_getenv(env, "KEEP"), ==, "1");
    g_assert_cmpstr(g_environ_getenv(env, "PATH"), ==, "/guest/bin");
    g_assert_null(g_environ_getenv(env, "LD_PRELOAD"));
    g_strfreev(env);

    /* A value may contain '='; a name may not be empty. */
    g_ptr_array_set_size(edits, 0);
    g_assert_true(target_env_parse_list("X=a=b", true, edits, &err));
    env = target_env_build(NULL, edits);
    g_assert_cmpstr(env[0], ==, "X=a=b");
    g_assert_null(env[1]);
    g_strfreev(env);
    g_assert_false(target_env_parse_list("NOVALUE", true, edits, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "var=value"));
    error_free(err);
    err = NULL;
    g_assert_false(target_env_parse_list("=x", true, edits, &err));
    error_free(err);
    err = NULL;
    g_assert_false(target_env_parse_list("A=1", false, edits, &err));
    error_free(err);
    g_ptr_array_unref(edits);
}


/* ---- dynamic programs: crafted images, loaded with elf_load_program ---- */

static void put_phdr(uint8_t *e, int i, uint32_t type, uint32_t flags,
                     uint64_t off, uint64_t vaddr, uint64_t filesz,
                     uint64_t memsz, uint64_t align)
{
    uint8_t *p = e + 64 + 56 * i;

    stl_le_p(p, type);
    stl_le_p(p + 4, flags);
    stq_le_p(p + 8, off);
    stq_le_p(p + 16, vaddr);
    stq_le_p(p + 24, vaddr);
    stq_le_p(p + 32, filesz);
    stq_le_p(p + 40, memsz);
    stq_le_p(p + 48, align);
}

static uint8_t *new_image(size_t size, uint16_t type, uint64_t entry,
                          uint16_t phnum)
{
    uint8_t *e = g_malloc0(size);

    memcpy(e, "\x7f" "ELF\x02\x01\x01", 7);
    stw_le_p(e + 16, type);
    stw_le_p(e + 18, 175);
    stl_le_p(e + 20, 1);
    stq_le_p(e + 24, entry);
    stq_le_p(e + 32, 64);
    stl_le_p(e + 48, 3u << 24);
    stw_le_p(e + 52, 64);
    stw_le_p(e + 54, 56);
    stw_le_p(e + 56, phnum);
    return e;
}

static void write_file(const char *path, const uint8_t *data, size_t len)
{
    g_autoptr(GError) err = NULL;

    if (!g_file_set_contents(path, (const char *)data, len, &err)) {
        g_error("%s", err->message);
    }
}

/*
 * A PIE (PT_PHDR, PT_INTERP "/lib/ld-test.so", text at 0, data at 0x1238
 * whose page holds 0xaa file bytes past p_filesz, PT_TLS, PT_GNU_STACK
 * with @stack_flags) and its interpreter (one R+X segment at 0), the
 * interpreter under @root/lib.  Returns the program's path.
 */
static char *make_dynamic(const char *root, uint32_t stack_flags)
{
    uint8_t *p = new_image(0x2000, 3, 0x200, 7);
    uint8_t *i = new_image(0x1000, 3, 0x120, 1);
    g_autofree char *lib = g_build_filename(root, "lib", NULL);
    g_autofree char *ipath = g_build_filename(lib, "ld-test.so", NULL);

    put_phdr(p, 0, 6, 4, 64, 64, 7 * 56, 7 * 56, 8);
    put_phdr(p, 1, 3, 4, 0x300, 0x300, 16, 16, 1);
    put_phdr(p, 2, 1, 5, 0, 0, 0x320, 0x320, 0x1000);
    put_phdr(p, 3, 1, 6, 0x238, 0x1238, 0x10, 0x2000, 0x1000);
    put_phdr(p, 4, 7, 4, 0x240, 0x1240, 8, 0x40, 8);
    put_phdr(p, 5, 0x6474e551, stack_flags, 0, 0, 0, 0, 16);
    put_phdr(p, 6, 2, 6, 0x238, 0x1238, 0x10, 0x10, 8);
    memset(p + 0x238, 0x11, 0x10);
    memset(p + 0x248, 0xaa, 0x2000 - 0x248);
    memcpy(p + 0x300, "/lib/ld-test.so", 16);
    put_phdr(i, 0, 1, 5, 0, 0, 0x200, 0x200, 0x1000);
    g_mkdir_with_parents(lib, 0700);
    write_file(ipath, i, 0x1000);
    g_free(i);
    {
        char *path = g_build_filename(root, "prog", NULL);
        write_file(path, p, 0x2000);
        g_free(p);
        return path;
    }
}

static void read_auxv(const ImageInfo *info, uint64_t *auxv)
{
    uint64_t p = info->sp;
    uint64_t argc = ld(p);

    p += 8 * (argc + 2);
    while (ld(p)) {
        p += 8;
    }
    for (p += 8; ld(p); p += 16) {
        if (ld(p) < 64) {
            auxv[ld(p)] = ld(p + 8);
        }
    }
}

static void test_dynamic_load(void)
{
    g_autofree char *root = g_dir_make_tmp("e2k-dyn-XXXXXX", NULL);
    g_autofree char *prog = make_dynamic(root, 7);
    g_autofree char *lib = g_build_filename(root, "lib", "ld-test.so", NULL);
    ImageInfo info;
    Error *err = NULL;
    char *argv[] = { "prog", NULL };
    char *envp[] = { NULL };
    uint64_t auxv[64] = { 0 }, bias;

    reset_guest_space();
    interp_prefix = root;
    guest_aslr = false;
    if (!elf_load_program(prog, &info, &err)) {
        g_error("%s", error_get_pretty(err));
    }
    g_assert_null(err);
    bias = info.load_bias;
    /* ASLR off: the program at ET_DYN_BASE, the interpreter elsewhere */
    g_assert_cmpuint(bias, ==, 0x100000);
    g_assert_cmpuint(info.load_addr, ==, bias);
    g_assert_cmpuint(info.entry, ==, bias + 0x200);
    g_assert_cmpuint(info.phdr_addr, ==, bias + 64);
    g_assert_cmpuint(info.interp_base % TARGET_PAGE_SIZE, ==, 0);
    g_assert_cmpuint(info.interp_base, >=, bias + 0x3238);
    g_assert_cmpuint(info.start_pc, ==, info.interp_base + 0x120);
    /* mappings and protections as the headers say */
    g_assert_cmpint(page_get_flags(bias) & PAGE_RWX, ==,
                    PAGE_READ | PAGE_EXEC);
    g_assert_cmpint(page_get_flags(bias + 0x2000) & PAGE_RWX, ==,
                    PAGE_READ | PAGE_WRITE);
    g_assert_cmpint(page_get_flags(info.interp_base) & PAGE_RWX, ==,
                    PAGE_READ | PAGE_EXEC);
    g_assert_false(page_get_flags(info.interp_base + 0x1000) & PAGE_VALID);
    g_assert_cmpmem(g2h(info.interp_base), 4, "\x7f" "ELF", 4);
    /* the data segment's file bytes, then zeroes where the file has 0xaa
       (bss from the middle of a page) up to p_memsz */
    g_assert_cmpuint(((uint8_t *)g2h(bias + 0x1247))[0], ==, 0x11);
    for (uint64_t a = bias + 0x1248; a < bias + 0x3238; a++) {
        g_assert_cmpuint(((uint8_t *)g2h(a))[0], ==, 0);
    }
    /* the break follows the program, not the interpreter */
    g_assert_cmpuint(info.brk, ==, TARGET_PAGE_ALIGN(bias + 0x3238));
    /* PT_GNU_STACK RWX: an executable stack */
    g_assert_true(info.exec_stack);
    target_exec_path = prog;
    g_assert_true(setup_process_stacks(&info, 1, argv, envp, prog, 1 << 20,
                                       &err));
    g_assert_true(page_get_flags(info.stack_base) & PAGE_EXEC);
    read_auxv(&info, auxv);
    g_assert_cmpuint(auxv[7], ==, info.interp_base);          /* AT_BASE */
    g_assert_cmpuint(auxv[9], ==, bias + 0x200);              /* AT_ENTRY */
    g_assert_cmpuint(auxv[3], ==, bias + 64);                 /* AT_PHDR */
    g_assert_cmpuint(auxv[5], ==, 7);                         /* AT_PHNUM */
    g_assert_cmpuint(ld(auxv[3]), ==, 6 | (uint64_t)4 << 32); /* PT_PHDR */
    /* /proc/self/maps names both files at their guest addresses */
    {
        int perr = 0;
        g_autoptr(GString) maps = proc_file_content("maps", true, &perr);
        g_autofree char *real_lib = realpath(lib, NULL);
        g_autofree char *want_i = g_strdup_printf("%08" PRIx64 "-%08" PRIx64
                                                  " r-xp 00000000 ",
                                                  info.interp_base,
                                                  info.interp_base + 0x1000);
        g_autofree char *want_p = g_strdup_printf("%08" PRIx64 "-%08" PRIx64
                                                  " r-xp 00000000 ",
                                                  bias, bias + 0x1000);
        const char *li, *lp;
        g_assert_nonnull(maps);
        li = strstr(maps->str, want_i);
        lp = strstr(maps->str, want_p);
        g_assert_nonnull(li);
        g_assert_nonnull(lp);
        g_autofree char *line_i = g_strndup(li, strchr(li, '\n') - li);
        g_autofree char *line_p = g_strndup(lp, strchr(lp, '\n') - lp);
        g_assert_true(g_str_has_suffix(line_i, real_lib));
        g_assert_true(g_str_has_suffix(line_p, prog));
    }

    /* PT_GNU_STACK RW: the stack is not executable */
    target_exec_path = NULL;
    g_free(prog);
    prog = make_dynamic(root, 6);
    reset_guest_space();
    g_assert_true(elf_load_program(prog, &info, &err));
    g_assert_false(info.exec_stack);
    g_assert_true(setup_process_stacks(&info, 1, argv, envp, prog, 1 << 20,
                                       &err));
    g_assert_false(page_get_flags(info.stack_base) & PAGE_EXEC);

    /* with ASLR the program moves by whole pages, seeded by -seed */
    guest_aslr = true;
    guest_random_seed(1);
    reset_guest_space();
    g_assert_true(elf_load_program(prog, &info, &err));
    g_assert_cmpuint(info.load_bias % TARGET_PAGE_SIZE, ==, 0);
    g_assert_cmpuint(info.load_bias, !=, 0x100000);
    bias = info.load_bias;
    guest_random_seed(1);
    reset_guest_space();
    g_assert_true(elf_load_program(prog, &info, &err));
    g_assert_cmpuint(info.load_bias, ==, bias);

    /* without the prefix the interpreter is not found, and says so */
    interp_prefix = NULL;
    reset_guest_space();
    g_assert_false(elf_load_program(prog, &info, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "/lib/ld-test.so (the "
                            "interpreter of"));
    error_free(err);
    err = NULL;

    unlink(lib);
    unlink(prog);
    g_free(g_path_get_dirname(lib));
    {
        g_autofree char *d = g_build_filename(root, "lib", NULL);
        rmdir(d);
    }
    rmdir(root);
    guest_aslr = true;
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (!guest_memory_init(GUEST_SPACE_DEFAULT_SIZE, 0, &error_abort)) {
        return 1;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(ref_names); i++) {
        g_autofree char *path = g_strdup_printf("/e2k/elf/ref/%s",
                                                ref_names[i]);
        g_test_add_data_func(path, ref_names[i], test_ref_load);
    }
    for (size_t i = 0; i < n_bad_elfs; i++) {
        g_autofree char *path = g_strdup_printf("/e2k/elf/bad/%s",
                                                bad_elfs[i].name);
        g_test_add_data_func(path, &bad_elfs[i], test_bad_elf);
    }
    g_test_add_func("/e2k/elf/fuzz", test_fuzz);
    g_test_add_func("/e2k/elf/file-errors", test_load_file_errors);
    g_test_add_func("/e2k/elf/initial-stack", test_initial_stack);
    g_test_add_func("/e2k/elf/stack-too-small", test_stack_too_small);
    g_test_add_func("/e2k/elf/stack-avoids-program", test_stack_avoids_program);
    g_test_add_func("/e2k/env/edits", test_env_edits);
    g_test_add_func("/e2k/elf/seed", test_seed);
    g_test_add_func("/e2k/elf/dynamic", test_dynamic_load);
    return g_test_run();
}
