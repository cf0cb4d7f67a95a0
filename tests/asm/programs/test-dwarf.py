#!/usr/bin/env python3
"""Call frame information (.cfi_* -> .eh_frame) through the link.

Usage: test-dwarf.py E2K_ASM GAS_CORPUS_DIR

The object's bytes are checked by the gas corpus (cfi.s); here the
executable: its .eh_frame is decoded, and every FDE's pc-relative start
must be the address of its function (f, g, h of cfi.s) and its range the
function's size; linking the -c object gives the same file as linking the
source, and -pie needs no load-time relocation for .eh_frame.
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
