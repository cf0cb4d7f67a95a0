#!/usr/bin/env python3
"""Assemble one reference program with e2k-asm and compare it with the
executable the reference toolchain (gas + ld for e2k) produced.

Usage: check-program.py E2K_ASM PROGRAM.S PROGRAM.ref.elf [-mcpu=...]
                        [--whole-file]

The acceptance criterion is that every allocated section (code and data)
is byte-identical and at the same address.  The file layout the program
loader sees is checked too: entry point, e_flags and the PT_LOAD
segments.  Differences are printed bundle by bundle (8-byte rows).

With --whole-file the program is assembled once more with a `.file'
directive giving the FILE symbol the reference's name (the path of the
reference's object file), and the entire executable must then be
identical: headers, symbol and string tables included.
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from elfread import Elf  # noqa: E402


def hexrows(data, addr):
    return ['%08x: %s' % (addr + i, data[i:i + 8].hex())
            for i in range(0, len(data), 8)]


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    whole = '--whole-file' in sys.argv
    argv = [a for a in sys.argv if a != '--whole-file']
    asm, src, ref_path = argv[1:4]
    mcpu = argv[4] if len(argv) > 4 else '-mcpu=elbrus-v3'
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'a.out')
        p = subprocess.run([asm, mcpu, '-o', out, src],
                           capture_output=True, text=True)
        if p.returncode != 0:
            print('e2k-asm failed (exit %d):\n%s' % (p.returncode, p.stderr))
            return 1
        if p.stderr:
            print('e2k-asm said:\n' + p.stderr)
        ours = Elf(out)
        ref = Elf(ref_path)

    failures = 0

    def fail(msg):
        nonlocal failures
        failures += 1
        print('FAIL: ' + msg)

    for s in ref.alloc_sections():
        o = ours.section(s.name)
        if o is None:
            fail('section %s is missing' % s.name)
            continue
        if o.addr != s.addr:
            fail('%s at %#x, reference %#x' % (s.name, o.addr, s.addr))
        if o.data != s.data or o.size != s.size:
            fail('%s contents differ (%d bytes, reference %d)' %
                 (s.name, o.size, s.size))
            a = hexrows(o.data, o.addr)
            b = hexrows(s.data, s.addr)
            for i in range(max(len(a), len(b))):
                x = a[i] if i < len(a) else '(none)'
                y = b[i] if i < len(b) else '(none)'
                mark = '  ' if x == y else '! '
                print('%s ours %-28s ref %s' % (mark, x, y))
        else:
            print('ok: %s, %d bytes at %#x identical' %
                  (s.name, s.size, s.addr))
    for o in ours.alloc_sections():
        if ref.section(o.name) is None:
            fail('extra allocated section %s' % o.name)
    if ours.entry != ref.entry:
        fail('entry %#x, reference %#x' % (ours.entry, ref.entry))
    if ours.flags != ref.flags:
        fail('e_flags %#x, reference %#x' % (ours.flags, ref.flags))
    if ours.machine != ref.machine:
        fail('e_machine %d, reference %d' % (ours.machine, ref.machine))
    if ours.phdrs != ref.phdrs:
        fail('program headers differ:\n  ours %s\n  ref  %s' %
             (ours.phdrs, ref.phdrs))
    # every named symbol of the reference with the same value
    ref_syms = {n: v for (n, v, _s, info, _x) in ref.symbols()
                if n and (info & 0xf) != 4}
    our_syms = {n: v for (n, v, _s, info, _x) in ours.symbols()
                if n and (info & 0xf) != 4}
    for n, v in sorted(ref_syms.items()):
        if our_syms.get(n) != v:
            fail('symbol %s = %s, reference %#x' %
                 (n, hex(our_syms[n]) if n in our_syms else 'missing', v))
    if whole:
        fname = [n for (n, _v, _s, info, _x) in ref.symbols()
                 if (info & 0xf) == 4]
        with tempfile.TemporaryDirectory() as tmp:
            named = os.path.join(tmp, os.path.basename(src))
            with open(src) as f, open(named, 'w') as g:
                g.write('\t.file "%s"\n' % (fname[0] if fname else ''))
                g.write(f.read())
            out = os.path.join(tmp, 'a.out')
            p = subprocess.run([asm, mcpu, '-o', out, named],
                               capture_output=True, text=True)
            data = open(out, 'rb').read() if p.returncode == 0 else b''
        if data != ref.raw:
            at = next((i for i in range(min(len(data), len(ref.raw)))
                       if data[i] != ref.raw[i]), min(len(data),
                                                      len(ref.raw)))
            fail('whole file differs from byte %d (%d bytes, reference %d)'
                 '%s' % (at, len(data), len(ref.raw), p.stderr))
        else:
            print('ok: whole file identical (%d bytes)' % len(data))
    if failures:
        print('%d difference(s)' % failures)
        return 1
    print('%s: code, data, layout and symbols match the reference' %
          os.path.basename(src))
    return 0


if __name__ == '__main__':
    sys.exit(main())
