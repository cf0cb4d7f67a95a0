#!/usr/bin/env python3
"""DWARF from e2k-asm through the link: .cfi_* -> .eh_frame, .file/.loc ->
.debug_line and the unit sections.

Usage: test-dwarf.py E2K_ASM GAS_CORPUS_DIR

The objects' bytes are checked by the gas corpus (cfi.s, line-table.s,
unit.s); here the executables.  .eh_frame is decoded, and every FDE's
pc-relative start must be the address of its function (f, g, h of cfi.s)
and its range the function's size; -pie needs no load-time relocation
for it.  The line program of unit.s is run and its rows must be at the
addresses where its code was placed; .debug_info, .debug_ranges and
.debug_str must hold the linked addresses, the current directory and
gas's producer.  Linking the -c objects gives the same file as linking
the sources.
Output is TAP.
"""
import os
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from elfread import Elf  # noqa: E402

results = []


def check(name, cond, diag=''):
    results.append((name, bool(cond), diag))


def asm(a, args, cwd):
    p = subprocess.run([a] + args, capture_output=True, text=True, cwd=cwd)
    if 'Sanitizer' in p.stderr or 'runtime error' in p.stderr:
        check('sanitizer-clean ' + ' '.join(args), False, p.stderr)
    return p


def fdes(sec):
    """(address of the pc field, pc begin, range) of each FDE of an
    .eh_frame whose CIEs use encoding 0x1b (pcrel sdata4)."""
    out, pos, data = [], 0, sec.data
    while pos + 4 <= len(data):
        length, = struct.unpack_from('<I', data, pos)
        if length == 0:
            break
        cie_ptr, = struct.unpack_from('<I', data, pos + 4)
        if cie_ptr:
            field = sec.addr + pos + 8
            rel, rng = struct.unpack_from('<iI', data, pos + 8)
            out.append((field, field + rel, rng))
        pos += 4 + length
    return out


def read_ptr(data, pos, enc, field_addr):
    """A pointer of encoding @enc at @pos: (value, size)."""
    size = {0: 8, 4: 8, 2: 2, 3: 4, 0xb: 4, 0xc: 8}[enc & 0xf]
    # a pc-relative value is a difference: read it signed
    signed = bool(enc & 8) or enc & 0x70 == 0x10
    fmt = {(8, False): '<Q', (8, True): '<q', (4, False): '<I',
           (4, True): '<i', (2, False): '<H', (2, True): '<h'}[(size, signed)]
    v, = struct.unpack_from(fmt, data, pos)
    if enc & 0x70 == 0x10:
        v += field_addr
    return v & (2**64 - 1), size


def fde_lsdas(sec):
    """The LSDA address of each FDE (None without one) and the
    personality of its CIE, decoding the augmentation data."""
    data, pos, cies, out = sec.data, 0, {}, []
    while pos + 4 <= len(data):
        length, cid = struct.unpack_from('<II', data, pos)
        if length == 0:
            break
        if cid == 0:
            p = pos + 9
            aug = data[p:data.index(b'\0', p)].decode()
            p += len(aug) + 1 + 2           # code align 1, data align -8
            p += 1                          # return column (version 1)
            p += 1                          # augmentation length (< 128)
            info = {'per': None, 'lsda_enc': None}
            for ch in aug[1:]:
                if ch == 'P':
                    enc = data[p]
                    info['per'], n = read_ptr(data, p + 1, enc,
                                              sec.addr + p + 1)
                    p += 1 + n
                elif ch in 'LR':
                    if ch == 'L':
                        info['lsda_enc'] = data[p]
                    p += 1
            cies[pos] = info
        else:
            info = cies[pos + 4 - cid]
            lsda = None
            if info['lsda_enc'] is not None:
                p = pos + 17                # after address, range, aug len
                lsda, _ = read_ptr(data, p, info['lsda_enc'], sec.addr + p)
            out.append((info['per'], lsda))
        pos += 4 + length
    return out


def test_personality(a, corpus, d):
    with open(os.path.join(d, 'pers-defs.s'), 'w') as f:
        f.write('.globl _start, __gxx_personality_v0, pers_abs\n'
                '_start: { nop 1 }\n__gxx_personality_v0: { nop 1 }\n'
                'pers_abs: { nop 1 }\n')
    src = os.path.join(corpus, 'cfi-personality.s')
    r = [asm(a, ['-c', '-o', 'pers.o', src], d),
         asm(a, ['-o', 'pers-src.elf', 'pers-defs.s', src], d),
         asm(a, ['-o', 'pers-obj.elf', 'pers-defs.s', 'pers.o'], d)]
    ok = all(x.returncode == 0 for x in r)
    check('cfi-personality-link', ok, ''.join(x.stderr for x in r))
    if not ok:
        return
    with open(os.path.join(d, 'pers-src.elf'), 'rb') as f1, \
            open(os.path.join(d, 'pers-obj.elf'), 'rb') as f2:
        check('cfi-personality-object-same-as-source',
              f1.read() == f2.read())
    elf = Elf(os.path.join(d, 'pers-src.elf'))
    syms = {x[0]: x[1] for x in elf.symbols()}
    exc = elf.section('.gcc_except_table').addr
    ref = syms.get('DW.ref.__gxx_personality_v0')
    got = fde_lsdas(elf.section('.eh_frame'))
    want = [(ref, exc), (ref, exc + 8), (syms.get('pers_abs'), exc + 8),
            (syms.get('local_pers'), None), (None, exc + 4)]
    check('cfi-personality-lsda-resolved', got == want,
          '%s\nwant %s' % (got, want))


def line_rows(data):
    """Run a DWARF 3 line program (one unit): [(address, file, line,
    end_sequence)]."""
    length, version, hlen = struct.unpack_from('<IHI', data, 0)
    base, rng, opbase = struct.unpack_from('<bBB', data, 12)
    pos = 10 + hlen
    end = 4 + length
    rows = []

    def uleb(p):
        v = shift = 0
        while True:
            b = data[p]
            p += 1
            v |= (b & 0x7f) << shift
            shift += 7
            if b < 0x80:
                return v, p

    def sleb(p):
        v = shift = 0
        while True:
            b = data[p]
            p += 1
            v |= (b & 0x7f) << shift
            shift += 7
            if b < 0x80:
                return v - (1 << shift) if b & 0x40 else v, p
    addr, file, line = 0, 1, 1
    while pos < end:
        op = data[pos]
        pos += 1
        if op >= opbase:
            adj = op - opbase
            addr += adj // rng
            line += base + adj % rng
            rows.append((addr, file, line, False))
        elif op == 0:
            n, pos = uleb(pos)
            sub = data[pos]
            if sub == 1:
                rows.append((addr, file, line, True))
                addr, file, line = 0, 1, 1
            elif sub == 2:
                addr, = struct.unpack_from('<Q', data, pos + 1)
            pos += n
        elif op == 1:
            rows.append((addr, file, line, False))
        elif op == 2:
            n, pos = uleb(pos)
            addr += n
        elif op == 3:
            n, pos = sleb(pos)
            line += n
        elif op == 4:
            file, pos = uleb(pos)
        elif op in (5, 12):
            _, pos = uleb(pos)
        elif op == 8:
            addr += (255 - opbase) // rng
        elif op == 9:
            pos += 2
    return rows


def test_lines(a, corpus, d):
    src = os.path.join(corpus, 'unit.s')
    r = [asm(a, ['-c', '-o', 'unit.o', src], d),
         asm(a, ['-o', 'unit-src.elf', 'start.s', src], d),
         asm(a, ['-o', 'unit-obj.elf', 'start.s', 'unit.o'], d)]
    ok = all(x.returncode == 0 for x in r)
    check('line-link', ok, ''.join(x.stderr for x in r))
    if not ok:
        return
    with open(os.path.join(d, 'unit-src.elf'), 'rb') as f1, \
            open(os.path.join(d, 'unit-obj.elf'), 'rb') as f2:
        check('line-link-object-same-as-source', f1.read() == f2.read())
    elf = Elf(os.path.join(d, 'unit-src.elf'))
    text = elf.section('.text').addr
    # start.s: 8 bytes; unit.s .text 16, then .text.b 16 (joined in .text)
    t, tb = text + 8, text + 24
    want = [(t + 8, 1, 3, False), (t + 16, 1, 4, False),
            (t + 16, 1, 4, True),
            (tb + 8, 1, 5, False), (tb + 16, 1, 9, False),
            (tb + 16, 1, 9, True)]
    dl = elf.section('.debug_line')
    got = dl and line_rows(dl.data)
    check('line-link-rows-at-linked-addresses', got == want,
          '%s\nwant %s' % (got, want))
    ok = all(elf.section(n) and elf.section(n).addr == 0 and
             not elf.section(n).flags & 2
             for n in ('.debug_line', '.debug_info', '.debug_abbrev',
                       '.debug_aranges', '.debug_ranges', '.debug_str'))
    check('line-link-debug-sections-not-loaded', ok)
    rngs = elf.section('.debug_ranges').data
    got = struct.unpack_from('<6Q', rngs, 0)
    want = (2**64 - 1, 0, t, t + 16, tb, tb + 16)
    check('line-link-ranges', got == want, '%s %s' % (got, want))
    info = elf.section('.debug_info').data
    strs = elf.section('.debug_str').data
    cwd = os.path.realpath(d)
    offs = struct.unpack_from('<III', info, 0x14)
    names = [strs[o:strs.index(b'\0', o)].decode() for o in offs]
    want = ['dir/unit.s', cwd, 'GNU AS 2.35.0']
    check('line-link-unit-name-dir-producer', names == want,
          '%s %s' % (names, want))
    ar = elf.section('.debug_aranges').data
    got = struct.unpack_from('<4Q', ar, 16)
    check('line-link-aranges', got == (t, 16, tb, 16), str(got))


def main():
    a = os.path.abspath(sys.argv[1])
    corpus = os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, 'start.s'), 'w') as f:
            f.write('.globl _start\n_start: { nop 1 }\n')
        src = os.path.join(corpus, 'cfi.s')
        r = [asm(a, ['-c', '-o', 'cfi.o', src], d),
             asm(a, ['-o', 'src.elf', 'start.s', src], d),
             asm(a, ['-o', 'obj.elf', 'start.s', 'cfi.o'], d),
             asm(a, ['-pie', '-o', 'pie.elf', 'start.s', 'cfi.o'], d)]
        ok = all(x.returncode == 0 for x in r)
        check('cfi-link', ok, ''.join(x.stderr for x in r))
        if not ok:
            return report()
        elf = Elf(os.path.join(d, 'src.elf'))
        syms = {s[0]: s[1] for s in elf.symbols()}
        eh = elf.section('.eh_frame')
        got = eh and fdes(eh)
        text = elf.section('.text')
        # cfi.s: f is 10 wide instructions of 8 bytes, g and h 1 each
        want = [syms.get('f'), syms.get('g')]
        ok = (got and len(got) == 3 and
              [x[1] for x in got[:2]] == want and
              got[2][1] == syms.get('g', 0) + 8 and
              [x[2] for x in got] == [80, 8, 8] and
              got[2][1] + 8 == text.addr + text.size)
        check('cfi-link-fde-addresses', ok, '%s %s' % (got, want))
        ok = eh and eh.addr % 8 == 0 and eh.addr >= text.addr + text.size
        check('cfi-link-eh-frame-after-text-aligned', ok,
              eh and hex(eh.addr))
        with open(os.path.join(d, 'src.elf'), 'rb') as f1, \
                open(os.path.join(d, 'obj.elf'), 'rb') as f2:
            check('cfi-link-object-same-as-source', f1.read() == f2.read())
        pie = Elf(os.path.join(d, 'pie.elf'))
        rd = pie.section('.rela.dyn')
        peh = pie.section('.eh_frame')
        ok = ((rd is None or rd.size == 0) and peh is not None and
              [x[1] - x[0] for x in fdes(peh)] ==
              [x[1] - x[0] for x in got])
        check('cfi-pie-no-load-time-relocation', ok)
        test_lines(a, corpus, d)
        test_personality(a, corpus, d)
    return report()


def report():
    print('1..%d' % len(results))
    failed = 0
    for i, (name, ok, diag) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
        if not ok:
            failed += 1
            for line in str(diag).splitlines():
                print('# ' + line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
