#!/usr/bin/env python3
"""Tests of the e2k-asm front end: directives, data, expressions, symbols,
sections, macros, conditionals, .include, the C preprocessor, local
labels, linking several files, relocatable objects, -mcpu, and error
reporting (file:line, exit status 1, never a crash).

Usage: test-frontend.py E2K_ASM [CASE-NAME-SUBSTRING]

Output is TAP.  Expected bytes are worked out by hand from the directive
semantics; instruction cases compare two spellings that must encode to the
same bytes (or differ in a stated way), so they test the front end rather
than the encoder's tables.
"""
import os
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from elfread import Elf  # noqa: E402

ASM = None
TMP = None
results = []


def run(files, args=(), name='t'):
    """Write @files ({name: text}), run e2k-asm on the first (or all listed
    in args), return (returncode, stderr, Elf or None)."""
    d = os.path.join(TMP, name)
    os.makedirs(d, exist_ok=True)
    inputs = []
    for fn, text in files.items():
        p = os.path.join(d, fn)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, 'wb' if isinstance(text, bytes) else 'w') as f:
            f.write(text)
        if '/' not in fn:       # files in subdirectories are only included
            inputs.append(p)
    out = os.path.join(d, 'out.elf')
    if os.path.exists(out):
        os.unlink(out)
    cmd = [ASM] + list(args) + ['-o', out] + inputs
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=d)
    # sanitizer findings (UBSan does not change the exit status)
    if 'runtime error' in p.stderr or 'Sanitizer' in p.stderr:
        check(name + '-sanitizer-clean', False, p.stderr)
    elf = Elf(out) if p.returncode == 0 and os.path.exists(out) else None
    return p.returncode, p.stderr, elf, d


def check(name, cond, diag=''):
    results.append((name, bool(cond), diag))


def data_case(name, src, expect, section='.data', args=()):
    rc, err, elf, _ = run({'t.s': src}, args, name)
    if rc != 0:
        check(name, False, 'exit %d: %s' % (rc, err))
        return None
    s = elf.section(section)
    got = s.data if s else None
    check(name, got == expect,
          'got %s\nwant %s' % (got.hex() if got is not None else None,
                               expect.hex()))
    return elf


def error_case(name, files, line_re, args=()):
    """The input must be rejected: exit 1, no output file, and a message
    naming file:line (line_re is 'FILE:LINE' or a message fragment)."""
    rc, err, elf, d = run(files, args, name)
    ok = rc == 1 and elf is None and not os.path.exists(
        os.path.join(d, 'out.elf'))
    ok = ok and all(frag in err for frag in line_re)
    # a crash or sanitizer report is never acceptable
    ok = ok and 'Sanitizer' not in err and 'Traceback' not in err
    check(name, ok, 'exit %d, stderr:\n%s' % (rc, err))


def same_code(name, a, b, args=(), expect_equal=True):
    ra, ea, ela, _ = run({'a.s': a}, args, name + '-a')
    rb, eb, elb, _ = run({'b.s': b}, args, name + '-b')
    if ra or rb:
        check(name, False, 'exit %d/%d:\n%s%s' % (ra, rb, ea, eb))
        return None, None
    ta, tb = ela.section('.text').data, elb.section('.text').data
    check(name, (ta == tb) == expect_equal,
          'a=%s\nb=%s' % (ta.hex(), tb.hex()))
    return ta, tb


def le(fmt, *v):
    return struct.pack('<' + fmt, *v)


def test_data():
    data_case('data-sizes', '''
        .data
        .byte 1, 0xff, -1, 'a, 'b'
        .short 0x1234, -2
        .hword 7
        .word 0x11223344
        .long 5
        .int 6
        .quad 0x0102030405060708, -1
        .2byte 1
        .4byte 2
        .8byte 3
        .dword 9
    ''', bytes([1, 0xff, 0xff, 0x61, 0x62]) + le('hhh', 0x1234, -2, 7) +
        le('III', 0x11223344, 5, 6) + le('Qq', 0x0102030405060708, -1) +
        le('HIQQ', 1, 2, 3, 9))
    data_case('strings', r'''
        .data
        .ascii "ab\n\t\\\"", "c"
        .asciz "x\101\x42"
        .string "!"   ! a comment after a string with ! inside: "!"
    ''', b'ab\n\t\\"c' + b'xAB\0' + b'!\0')
    data_case('fill-zero-skip', '''
        .data
        .fill 3, 2, 0x4142
        .fill 2
        .zero 3
        .skip 2, 0x55
        .space 1
        .fill 1, 8, 0x11223344
    ''', b'BABABA' + b'\0\0' + b'\0\0\0' + b'UU' + b'\0' +
        bytes([0x44, 0x33, 0x22, 0x11, 0, 0, 0, 0]))
    data_case('align', '''
        .data
        .byte 1
        .align 4
        .byte 2
        .balign 8, 0xee
        .byte 3
        .p2align 2
        .byte 4
        .align 16, 0, 2
        .byte 5
    ''', bytes([1, 0, 0, 0, 2, 0xee, 0xee, 0xee, 3, 0, 0, 0, 4, 5]))
    data_case('expressions-gas-precedence', '''
        .data
        .byte 1 + 2 * 3
        .byte 2 | 1 + 1          ! gas: | binds tighter than +
        .byte (2 | 1) + 1
        .byte 7 % 4, 10 / 3, ~0 & 0xf   ! `!' starts a comment on e2k
        .byte (1 < 2) & 3, (2 == 3), 1 && 2, 0 || 0
        .quad 1 << 40, -16 >> 60
        .byte 0b101, 017, 0x1F
        .byte -(3 - 5)
        .byte 6 ^ 3, 1 <> 2 & 1
    ''', bytes([7, 4, 4, 3, 3, 0xf, 3, 0, 1, 0]) +
        le('QQ', 1 << 40, 0xf) + bytes([5, 15, 31, 2, 5, 0xff]))


def test_symbols():
    data_case('set-equ-assign', '''
        A = 3
        .set B, A * 2
        .equ C, B + 1
        A = 10                 ! `=' may redefine; B and C keep their values
        .data
        .byte A, B, C
        .byte D                 ! defined later: patched at the end
        D = 0x42
    ''', bytes([10, 6, 7, 0x42]))
    data_case('label-differences', '''
        .data
    start:
        .ascii "hello"
    end:
        .byte end - start, . - start
        len = end - start
        .byte len
    ''', b'hello' + bytes([5, 6, 5]))
    rc, err, elf, _ = run({'t.s': '''
        .data
    start:
        .ascii "hello"
        .quad start, start + 2, end - 1
    end:
    '''}, (), 'address-data')
    ok = rc == 0
    if ok:
        s = elf.section('.data')
        v = struct.unpack_from('<QQQ', s.data, 5)
        ok = v == (s.addr, s.addr + 2, s.addr + 5 + 24 - 1)
    check('address-data', ok, err)

    data_case('local-numeric-labels', '''
        .data
    base:
    1:  .byte 1b - base
        .byte 2f - 1b
    2:  .byte 2b - 1b
    1:  .byte 1b - 2b, 1f - 1b
    1:
    ''', bytes([0, 2, 2, 1, 2]), section='.data')


def test_sections():
    rc, err, elf, _ = run({'t.s': '''
        .text
        .global _start
    _start:
        .section .rodata
        .byte 1
        .pushsection .data
        .byte 2
        .popsection
        .byte 3
        .data
        .byte 4
        .previous
        .byte 5
        .section .mydata, "aw", @progbits
        .byte 6
        .bss
        .zero 16
    '''}, (), 'sections')
    ok = rc == 0 and elf.section('.rodata').data == bytes([1, 3, 5]) and \
        elf.section('.data').data == bytes([2, 4]) and \
        elf.section('.mydata').data == bytes([6]) and \
        elf.section('.bss').size == 16 and elf.section('.bss').type == 8
    check('sections', ok, err)
    if ok:
        ro, da = elf.section('.rodata'), elf.section('.data')
        check('layout-segments',
              len(elf.phdrs) == 2 and elf.phdrs[0][5] >= ro.offset + ro.size
              and elf.phdrs[1][3] == da.addr and
              (da.addr - da.offset) % 0x1000 == 0 and ro.flags == 2,
              str(elf.phdrs))
        syms = {s[0]: s[1] for s in elf.symbols()}
        bss = elf.section('.bss')
        end_data = elf.section('.mydata')
        end_data = end_data.addr + end_data.size
        # as GNU ld: __bss_start and _edata before .bss is aligned
        check('linker-symbols',
              syms.get('__bss_start') == end_data and
              syms.get('_edata') == end_data and
              syms.get('_end') == (bss.addr + 16 + 7) // 8 * 8, str(syms))

    # A writable code section ("awx", self-modifying code) goes to the data
    # segment, which then becomes executable; every section's bytes must sit
    # at the file offset its header names (they once did not).
    rc, err, elf, _ = run({'t.s': '''
        .text
        .global _start
    _start:
        .section .rodata
        .ascii "ABCDEFGH"
        .section .smc, "awx", @progbits
        .ascii "12345678"
    '''}, (), 'sections-awx')
    ok = rc == 0
    if ok:
        ro, smc = elf.section('.rodata'), elf.section('.smc')
        raw = elf.raw
        ok = raw[ro.offset:ro.offset + 8] == b'ABCDEFGH' and \
            raw[smc.offset:smc.offset + 8] == b'12345678' and \
            len(elf.phdrs) == 2 and elf.phdrs[1][1] == 7 and \
            elf.phdrs[1][3] == smc.addr
    check('sections-awx-layout', ok, err or (elf and str(elf.phdrs)))


def test_macros():
    data_case('macro-args-defaults', '''
        .macro pair a, b=7
        .byte \\a, \\b
        .endm
        .macro twice x
        pair \\x
        pair \\x, \\x+1
        .endm
        .data
        pair 1, 2
        pair 3
        pair b=9, a=8
        twice 4
        pair 5 6              ! blanks also separate arguments
    ''', bytes([1, 2, 3, 7, 8, 9, 4, 7, 4, 5, 5, 6]))
    data_case('macro-counter-vararg', '''
        .macro lbl
    L\\@: .byte L\\@ - base
        .endm
        .macro bytes first, rest:vararg
        .byte \\first
        .byte \\rest
        .endm
        .data
    base:
        lbl
        lbl
        bytes 1, 2, 3, 4
        .macro cat a, b
        .byte \\a\\()\\b
        .endm
        cat 1, 2
    ''', bytes([0, 1, 1, 2, 3, 4, 12]))
    data_case('rept-irp-irpc', '''
        .data
        .rept 3
        .byte 9
        .endr
        .irp v, 1, 2, 3
        .byte \\v * 2
        .endr
        .irpc c, 456
        .byte \\c
        .endr
    ''', bytes([9, 9, 9, 2, 4, 6, 4, 5, 6]))
    data_case('conditionals', '''
        X = 1
        .data
        .if X
        .byte 1
        .else
        .byte 2
        .endif
        .ifdef Y
        .byte 3
        .elseif X == 1
        .byte 4
        .else
        .byte 5
        .endif
        .ifndef Y
        .if 0
        .byte 6
        .endif
        .byte 7
        .endif
        .ifc abc, abc
        .byte 8
        .endif
        .ifnb
        .byte 9
        .endif
        .ifeq X - 1
        .byte 10
        .endif
    ''', bytes([1, 4, 7, 8, 10]))
    rc, err, elf, _ = run({
        't.s': '''
        .include "inc/defs.inc"
        .data
        .byte VALUE
        .include "more.inc"
        ''',
        'inc/defs.inc': 'VALUE = 0x33\n',
        'incdir/more.inc': '.byte 0x44\n'}, ('-I', 'incdir'), 'include')
    check('include', rc == 0 and elf.section('.data').data == b'\x33\x44',
          err)
    rc, err, elf, _ = run({
        't.S': '''
        #include "hdr.h"
        /* a C comment */
        .data
        .byte FROM_HEADER, FROM_CMDLINE, __iset__
        #ifdef NOT_DEFINED
        .byte 0xff
        #endif
        ''',
        'inc/hdr.h': '#define FROM_HEADER 0x21\n'},
        ('-Iinc', '-DFROM_CMDLINE=0x22', '-mcpu=elbrus-v5'), 'cpp')
    check('cpp', rc == 0 and elf.section('.data').data == b'\x21\x22\x05',
          err)


def test_link_and_objects():
    rc, err, elf, _ = run({
        'a.s': '''
        .text
        .global _start
        .data
        .global shared
    shared: .quad other, local
    local:  .byte 1
        ''',
        'b.s': '''
        .data
        .global other
    other: .quad shared
    local: .byte 2           ! a local of the same name in another file
        '''}, (), 'link-two-files')
    ok = rc == 0
    if ok:
        s = elf.section('.data')
        syms = {x[0]: x[1] for x in elf.symbols() if x[3] >> 4 == 1}
        a_other, a_local = struct.unpack_from('<QQ', s.data, 0)
        b_start = (s.addr + 17 + 15) // 16 * 16   # b.s's .data, aligned
        ok = (a_other == syms.get('other') == b_start and
              a_local == s.addr + 16 and
              struct.unpack_from('<Q', s.data, b_start - s.addr)[0] ==
              syms.get('shared') == s.addr)
    check('link-two-files', ok, err)

    rc, err, elf, _ = run({'t.s': '''
        .text
        .global _start
        .type _start, @function
    _start:
        .data
        .quad ext + 8, here
    here:
        .long ext
        .byte 1
        .size _start, 0
    '''}, ('-c',), 'object-relocations')
    ok = rc == 0 and elf.type == 1 and elf.machine == 175
    if ok:
        rel = elf.relocations('.data')
        syms = {x[0]: x for x in elf.symbols()}
        ok = (rel == [(0, 50, 'ext', 8), (8, 50, '.data', 16),
                      (16, 0, 'ext', 0)] and
              syms['ext'][4] == 0 and syms['ext'][3] >> 4 == 1 and
              syms['_start'][3] == 0x12 and
              [s.name for s in elf.sections[1:5]] ==
              ['.text', '.data', '.rela.data', '.bss'])   # gas's order
    check('object-relocations', ok, '%s %s' % (err, elf and
                                               elf.relocations('.data')))

    data_case('weak-undefined-is-zero',
              '.weak maybe\n.data\n.quad maybe + 3\n', le('Q', 3))
    for cpu, flags in (('elbrus-v2', 0x2000000), ('elbrus-v3', 0x3000000),
                       ('elbrus-4c', 0x3000010), ('elbrus-v4', 0x4000000),
                       ('elbrus-8c', 0x13000010), ('elbrus-8c2', 0x5000010),
                       ('elbrus-v6', 0x6000000), ('elbrus-16c', 0x16000010),
                       ('elbrus-v7', 0x7000000)):
        rc, err, elf, _ = run({'t.s': '.data\n.byte 1\n'},
                              ('-mcpu=' + cpu,), 'mcpu-' + cpu)
        check('mcpu-' + cpu, rc == 0 and elf.flags == flags,
              '%s %s' % (err, elf and hex(elf.flags)))
    error_case('mcpu-unknown', {'t.s': '.data\n'}, ['unknown -mcpu'],
               ('-mcpu=pentium',))


def asm(args, cwd):
    p = subprocess.run([ASM] + args, capture_output=True, text=True, cwd=cwd)
    if 'Sanitizer' in p.stderr or 'runtime error' in p.stderr:
        check('sanitizer-clean ' + ' '.join(args), False, p.stderr)
    return p


def test_link_objects():
    """Objects made with -c, given back to e2k-asm, link to the same
    executable as the sources (the reference programs, and two files with
    cross references of every relocation type); mixed with sources too."""
    d = os.path.join(TMP, 'objects')
    os.makedirs(d, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    for prog in ('hello', 'loop', 'call', 'gcd'):
        src = os.path.join(here, prog + '.S')
        o, e1, e2 = [os.path.join(d, prog + x)
                     for x in ('.o', '.obj.elf', '.src.elf')]
        r = [asm(['-c', '-o', o, src], d), asm(['-o', e1, o], d),
             asm(['-o', e2, src], d)]
        ok = all(x.returncode == 0 for x in r)
        if ok:
            with open(e1, 'rb') as f1, open(e2, 'rb') as f2:
                ok = f1.read() == f2.read()
        check('link-object-' + prog, ok, ''.join(x.stderr for x in r))
    files = {
        'a.s': """
        .global _start
    _start:
        { disp %ctpr1, fn }
        { ct %ctpr1 }
        { addd,0 0, table + 8, %r3 ; ibranch fn + 8 }
        .data
    ptr: .quad fn, buf + 4, ptr
        .word fn + 2
        """,
        'b.s': """
        .global fn, table, buf
    fn: { nop 1 }
        { addd,0 0, fn, %r1 }
        { adds,0 0, _f32s buf, %r2 }
        { disp %ctpr2, local ; ct %ctpr2 }
    local: { nop 2 }
        .data
    table: .quad local, fn
        .bss
    buf: .skip 16
        .lcomm priv, 8, 8
        """,
    }
    for fn, text in files.items():
        with open(os.path.join(d, fn), 'w') as f:
            f.write(text)
    r = [asm(['-c', '-o', 'a.o', 'a.s'], d), asm(['-c', '-o', 'b.o', 'b.s'], d),
         asm(['-o', 'objs.elf', 'a.o', 'b.o'], d),
         asm(['-o', 'mixed.elf', 'a.s', 'b.o'], d),
         asm(['-o', 'srcs.elf', 'a.s', 'b.s'], d)]
    ok = all(x.returncode == 0 for x in r)
    if ok:
        data = [open(os.path.join(d, x), 'rb').read()
                for x in ('objs.elf', 'mixed.elf', 'srcs.elf')]
        ok = data[0] == data[2] and data[1] == data[2]
    check('link-objects-cross-references', ok,
          ''.join(x.stderr for x in r))
    # an 8-byte `X - .' across sections: R_E2K_64_PC_LIT in the object,
    # which ld.bfd resolves with its 32-bit halves swapped (as a 64-bit
    # literal); the source link gives the same bytes
    with open(os.path.join(d, 'pc64.s'), 'w') as f:
        f.write('.global _start\n_start: { nop 1 }\nt: { nop 1 }\n'
                '.data\nd: .quad t + 4 - .\n.quad d - .\n'
                '.quad 0\n.quad d - .\n')
    r = [asm(['-c', '-o', 'pc64.o', 'pc64.s'], d),
         asm(['-o', 'pc64-obj.elf', 'pc64.o'], d),
         asm(['-o', 'pc64-src.elf', 'pc64.s'], d)]
    ok = all(x.returncode == 0 for x in r)
    why = ''.join(x.stderr for x in r)
    if ok:
        eo, es = (Elf(os.path.join(d, x)) for x in ('pc64-obj.elf',
                                                   'pc64-src.elf'))
        syms = {x[0]: x for x in es.symbols()}
        dist = (syms['t'][1] + 4 - es.section('.data').addr) % (1 << 64)
        swapped = ((dist >> 32) | (dist << 32)) % (1 << 64)
        want = struct.pack('<QqQq', swapped, -8, 0, -24)
        got = es.section('.data').data
        ok = got == want and eo.section('.data').data == want
        why = 'got %s want %s' % (got.hex(), want.hex())
    check('link-pcrel-datum-64', ok, why)
    # @GOT, @GOTOFF and _GLOBAL_OFFSET_TABLE_ read back from an object
    # (R_E2K_GOT, R_E2K_64_GOTOFF_LIT, R_E2K_64_PC_LIT in code;
    # R_E2K_GOT, R_E2K_GOTOFF, R_E2K_64_GOTOFF in data): the same output
    with open(os.path.join(d, 'got.s'), 'w') as f:
        f.write('.global _start\n_start:\n'
                '{ rrd %ip, %dr1\n addd,3 0, [ _f64 _GLOBAL_OFFSET_TABLE_ ],'
                ' %dr2 }\n{ ldd,0 [ %dr1 + _f32s var@GOT ], %dr3 }\n'
                '{ addd,0 %dr1, [ _f64 var@GOTOFF ], %dr4 }\n'
                '.data\nvar: .quad 42\n.word var@GOT, var@GOTOFF\n'
                '.quad var@GOTOFF\n')
    for kind in ([], ['-pie'], ['-shared']):
        r = [asm(['-c', '-o', 'got.o', 'got.s'], d),
             asm(kind + ['-o', 'got-obj.elf', 'got.o'], d),
             asm(kind + ['-o', 'got-src.elf', 'got.s'], d)]
        ok = all(x.returncode == 0 for x in r)
        if ok:
            ok = (open(os.path.join(d, 'got-obj.elf'), 'rb').read() ==
                  open(os.path.join(d, 'got-src.elf'), 'rb').read())
        check('link-object-got' + ''.join(kind), ok,
              ''.join(x.stderr for x in r))
    # a common symbol of an object is allocated in .bss by the link
    with open(os.path.join(d, 'c.s'), 'w') as f:
        f.write('.global _start\n_start: { addd,0 0, cbuf, %r1 }\n'
                '.comm cbuf, 24, 8\n')
    r = [asm(['-c', '-o', 'c.o', 'c.s'], d),
         asm(['-o', 'c.elf', 'c.o'], d)]
    ok = all(x.returncode == 0 for x in r)
    if ok:
        elf = Elf(os.path.join(d, 'c.elf'))
        syms = {x[0]: x for x in elf.symbols()}
        bss = elf.section('.bss')
        ok = ('cbuf' in syms and bss is not None and bss.size >= 24 and
              bss.addr <= syms['cbuf'][1] < bss.addr + bss.size)
    check('link-object-common', ok, ''.join(x.stderr for x in r))

    # malformed objects: a clear error, never a crash
    obj = open(os.path.join(d, 'b.o'), 'rb').read()
    bad = {
        'truncated': obj[:100],
        'not-e2k': obj[:18] + b'\x3e\x00' + obj[20:],
        'not-rel': obj[:16] + b'\x02\x00' + obj[18:],
    }
    # an unsupported relocation type: the first .rela entry's type
    e = Elf(os.path.join(d, 'b.o'))
    rela = [x for x in e.sections if x.type == 4][0]
    patched = bytearray(obj)
    patched[rela.offset + 8:rela.offset + 12] = struct.pack('<I', 70)
    bad['reloc-type'] = bytes(patched)
    for name, data in bad.items():
        fn = os.path.join(d, 'bad-%s.o' % name)
        with open(fn, 'wb') as f:
            f.write(data)
        p = asm(['-o', 'bad.elf', os.path.basename(fn)], d)
        check('err-object-' + name, p.returncode == 1 and
              os.path.basename(fn) in p.stderr and
              'Sanitizer' not in p.stderr, p.stderr)
    p = asm(['-c', '-o', 'x.o', 'b.o'], d)
    check('err-object-with-c', p.returncode == 1 and
          'assembles a source' in p.stderr, p.stderr)
    # every truncation and some corrupted bytes: never a crash
    crashes = []
    for cut in range(0, len(obj), 7):
        for data in (obj[:cut], obj[:cut] + bytes([0xff]) + obj[cut + 1:]):
            fn = os.path.join(d, 'fuzz.o')
            with open(fn, 'wb') as f:
                f.write(data)
            p = asm(['-o', 'fuzz.elf', 'fuzz.o'], d)
            if p.returncode not in (0, 1) or 'Sanitizer' in p.stderr:
                crashes.append((cut, p.returncode, p.stderr[-300:]))
    check('object-fuzz-no-crash', not crashes, str(crashes[:3]))


def test_instructions():
    same_code('bundle-one-line-vs-lines',
              '{ addd,0 %r1, 2, %r3 ; nop 1 }\n',
              '{\n  addd,0 %r1, 2, %r3   ! comment\n  nop 1\n}\n')
    same_code('literal-expression',
              'K = 5\n{ addd,0 0, (K + 2) * 2, %r1 }\n',
              '{ addd,0 0, 14, %r1 }\n')
    # gas is one-pass: a constant defined later gets the largest literal
    same_code('forward-constant-is-long',
              '{ addd,0 0, K, %r1 }\nK = 0x1234\n',
              '{ addd,0 0, 0x1234, %r1 }\n', expect_equal=False)
    same_code('forward-constant-value',
              '{ addd,0 0, K, %r1 }\nK = 0x1234\n',
              '{ addd,0 0, _f64 0x1234, %r1 }\n')
    same_code('backward-constant-short',
              'K = 0x1234\n{ addd,0 0, K, %r1 }\n',
              '{ addd,0 0, _f16s 0x1234, %r1 }\n')
    same_code('address-literal-is-64bit',
              '.data\nx: .byte 1\n.text\n{ addd,0 0, x + 1, %r1 }\n',
              '.data\n.byte 1\n.text\n{ addd,0 0, _f64 0x110c1, %r1 }\n')
    # stores in objdump's operand order after `.ignore ld_st_style'
    same_code('ld-st-style',
              '.ignore ld_st_style\n{ stb,2 %r1, %r2, %r3 }\n'
              '.accept ld_st_style\n{ stb,2 %r3, %r1, %r2 }\n',
              '{ stb,2 %r3, %r1, %r2 }\n{ stb,2 %r3, %r1, %r2 }\n')
    same_code('local-label-branch',
              '1:\n{ nop 1 }\n{ ibranch 1b }\n{ ibranch 1f }\n1:\n',
              'x:\n{ nop 1 }\n{ ibranch x }\n{ ibranch y }\ny:\n')
    same_code('macro-inside-braces',
              '.macro two r\n addd,0 0, 1, \\r\n addd,1 0, 2, \\r\n.endm\n'
              '{ two %r5 }\n',
              '{ addd,0 0, 1, %r5 ; addd,1 0, 2, %r5 }\n')
    # a control transfer to a label in another file is resolved by the
    # linker: two files give the bytes of one file with both parts
    rc1, e1, two, _ = run({
        'a.s': '.global _start\n_start:\n{ disp %ctpr1, fn }\n'
               '{ ct %ctpr1 }\n',
        'b.s': '.global fn\nfn:\n{ nop 1 }\n{ addd,0 0, fn, %r1 }\n'},
        (), 'link-cross-file-disp')
    rc2, e2, one, _ = run({
        'a.s': '.global _start\n_start:\n{ disp %ctpr1, fn }\n'
               '{ ct %ctpr1 }\n'
               '.global fn\nfn:\n{ nop 1 }\n{ addd,0 0, fn, %r1 }\n'},
        (), 'link-cross-file-disp-one')
    check('link-cross-file-disp', rc1 == 0 and rc2 == 0 and
          two.section('.text').data == one.section('.text').data, e1 + e2)
    rc, err, elf, _ = run({'t.s': '''
        .text
        { disp %ctpr1, ext }
        { addd,0 0, ext + 4, %r1 }
        { disp %ctpr2, 1f }
    1:  { nop 1 }
    '''}, ('-c',), 'object-code-relocations')
    ok = rc == 0
    if ok:
        rel = elf.relocations('.text')
        # R_E2K_DISP patches the CS0 syllable at +4 of its wide
        # instruction, and the displacement counts from the instruction:
        # MCST gas writes addend 4 for `disp %ctpr1, ext'
        ok = ([r[1:] for r in rel] == [(110, 'ext', 4), (51, 'ext', 4)] and
              rel[0][0] < 8 and 8 <= rel[1][0] < 32)
    check('object-code-relocations', ok, '%s %s' % (
        err, elf and elf.relocations('.text')))

    rc, err, elf, _ = run({'t.s': '''
        .text
    _start:
        .byte 1
        { nop 1 }
    '''}, (), 'bundle-alignment')
    ok = rc == 0
    if ok:
        t = elf.section('.text')
        ok = t.data[:8] == b'\x01' + bytes(7) and len(t.data) % 8 == 0
    check('bundle-alignment', ok, err)


def test_errors():
    error_case('err-unknown-directive', {'t.s': '\n\n.frobnicate 1\n'},
               ['t.s:3:', 'unknown directive'])
    error_case('err-bad-expression', {'t.s': '.data\n.byte 1 +\n'},
               ['t.s:2:'])
    error_case('err-junk-after-expression', {'t.s': '.data\n.byte 1 2\n'},
               ['t.s:2:'])
    error_case('err-division-by-zero', {'t.s': '.data\n.byte 1/0\n'},
               ['t.s:2:', 'division by zero'])
    error_case('err-undefined-symbol', {'t.s': '.data\n\n.quad nosuch\n'},
               ['t.s:3:', 'nosuch'])
    error_case('err-undefined-local-label', {'t.s': '.data\n.quad 3f\n'},
               ['t.s:2:'])
    error_case('err-duplicate-label', {'t.s': 'a:\n.data\na:\n'},
               ['t.s:3:', 'already defined'])
    error_case('err-unclosed-brace', {'t.s': '.text\n{ nop 1\n\n'},
               ['t.s:2:', "never closed"])
    error_case('err-stray-brace', {'t.s': '.text\n}\n'},
               ['t.s:2:', "without"])
    error_case('err-nested-brace', {'t.s': '{\n{ nop 1 }\n}\n'}, ['t.s:2:'])
    error_case('err-label-in-bundle', {'t.s': '{\nx: nop 1\n}\n'},
               ['t.s:2:', 'label'])
    error_case('err-unknown-instruction',
               {'t.s': '.text\n\n{ frobd,0 %r1, %r2, %r3 }\n'}, ['t.s:3:'])
    error_case('err-bad-operands', {'t.s': 'addd,0 %r1\n'}, ['t.s:1:'])
    error_case('err-endm-without-macro', {'t.s': '.endm\n'}, ['t.s:1:'])
    error_case('err-macro-without-endm', {'t.s': '.macro m\n.byte 1\n'},
               ['t.s:1:', '.endm'])
    error_case('err-if-without-endif', {'t.s': '.if 1\n'}, ['t.s:1:'])
    error_case('err-endif-without-if', {'t.s': '\n.endif\n'}, ['t.s:2:'])
    error_case('err-recursive-macro', {'t.s': '.macro m\nm\n.endm\nm\n'},
               ['t.s:', 'nested'])
    error_case('err-unterminated-string', {'t.s': '.data\n.ascii "abc\n'},
               ['t.s:2:', 'unterminated'])
    error_case('err-include-missing', {'t.s': '.include "nope.inc"\n'},
               ['t.s:1:', 'nope.inc'])
    error_case('err-error-directive', {'t.s': '\n.error "stop here"\n'},
               ['t.s:2:', 'stop here'])
    error_case('err-self-reference', {'t.s': 'a = b\nb = a\n.data\n.quad a\n'},
               ['itself'])
    error_case('err-cpp-error', {'t.S': '#error broken\n'}, ['broken'])
    error_case('err-cpp-line-numbers',
               {'t.S': '/* a\n comment */\n#define X 1\n\n.frob X\n'},
               ['t.S:5:', 'unknown directive'])
    error_case('err-macro-line', {'t.s': '.macro m\n.frob\n.endm\n\nm\n'},
               ['t.s:5:'])
    error_case('err-macro-bomb', {'t.s': '.macro m\nm\nm\n.endm\nm\n'},
               ['t.s:'])
    error_case('err-rept-huge', {'t.s': '.rept 100000000\nnop\n.endr\n'},
               ['t.s:1:', 'too many'])
    error_case('err-missing-input', {}, ['no input files'])
    error_case('err-nonexistent-file', {'t.s': ''}, ['nosuchfile.s'],
               ('nosuchfile.s',))
    error_case('err-binary-input', {'t.s': b'ab\x00\x01\x02'},
               ['t.s', 'NUL'])
    error_case('err-object-input', {'t.o': b'\x7fELF\x02\x01\x01'},
               ['t.o', 'not a valid e2k object'])
    error_case('err-cross-section-difference',
               {'t.s': '.data\na:\n.text\nb:\n.data\n.byte b - a\n'},
               ['t.s:6:'])
    error_case('err-multiple-definition',
               {'a.s': '.global x\nx:\n', 'b.s': '.global x\nx:\n'},
               ['multiple definition'])
    error_case('err-data-in-bss', {'t.s': '.bss\n.byte 1\n'}, ['t.s:2:'])
    # relocation operators for a PLT or TLS: only in objects (-c)
    error_case('err-relop-link', {'t.s': '.globl _start\n'
                                  '_start: { addd,0 0x0, s@TLS_LE, %dr1 }\n'
                                  's:\n'},
               ['t.s:2: error: @TLS_LE needs a PLT or TLS'])
    # a thread-local section cannot be linked statically (no PT_TLS)
    error_case('err-tls-link', {'t.s': '.globl _start\n_start: { nop 1 }\n'
                                '.section .tbss, "awT", @nobits\n.skip 4\n'},
               ['t.s: error: section .tbss is thread-local'])
    # long, garbage and deeply parenthesized lines must not crash
    error_case('err-garbage', {'t.s': '.data\n.byte ' + '(' * 5000 + '\n' +
                               '%$#@' * 1000 + '\n'}, ['t.s:'])


def main():
    global ASM, TMP
    ASM = os.path.abspath(sys.argv[1])
    only = sys.argv[2] if len(sys.argv) > 2 else ''
    with tempfile.TemporaryDirectory() as tmp:
        TMP = tmp
        for t in (test_data, test_symbols, test_sections, test_macros,
                  test_link_and_objects, test_link_objects, test_instructions,
                  test_errors):
            t()
    sel = [r for r in results if only in r[0]]
    print('1..%d' % len(sel))
    failed = 0
    for i, (name, ok, diag) in enumerate(sel, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
        if not ok:
            failed += 1
            for line in str(diag).splitlines():
                print('# ' + line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
