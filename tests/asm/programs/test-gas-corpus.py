#!/usr/bin/env python3
"""The gas syntax corpus (tests/asm/gas/*.s) through e2k-asm -c.

Usage: test-gas-corpus.py E2K_ASM CORPUS_DIR

Each case states what it expects in lines starting with `!>':
  !> args ARG...          extra e2k-asm arguments (default -mcpu=elbrus-v3)
  !> SECTION HEX          the contents of SECTION in the object (PROGBITS)
  !> SECTION nobits N     a NOBITS section of N bytes
  !> shdr NAME TYPE FLAGS ENTSIZE [ALIGN]
                          section NAME's sh_type, sh_flags (hex), sh_entsize
                          (and sh_addralign, when given)
  !> sym NAME BIND TYPE VIS NDX VALUE SIZE
                          symbol NAME as readelf names these fields
                          (NDX: a section name, UND, ABS or COM)
  !> nosym NAME           NAME is not in the symbol table
  !> object FILE.gz        the whole object, byte for byte, is the
                          gunzipped FILE (next to the case)
  !> order NAME...        the section headers' names, in order (as gas
                          numbers them: each .rela right after its section)
  !> rela SECTION OFFSET TYPE SYMBOL ADDEND
                          the relocations of SECTION, all of them, in order
                          (hex offset, decimal type and addend; SYMBOL is a
                          section name for a section symbol)
Cases are *.s files and *.S files (run through the C preprocessor by
e2k-asm, as by MCST's compiler driver for gas).
  !> error TEXT           an error line, exactly (in order; `FILE:LINE: error:
                          ' is written out), and then the run must fail
The section bytes and symbols of the accepted cases are MCST gas 2.35's, from assembling
the same file with `e2k-linux-as -mcpu=elbrus-v3' (see README in the corpus).
Output is TAP.
"""
import gzip
import os
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from elfread import Elf  # noqa: E402


BINDS = {0: 'LOCAL', 1: 'GLOBAL', 2: 'WEAK'}
TYPES = {0: 'NOTYPE', 1: 'OBJECT', 2: 'FUNC', 3: 'SECTION', 4: 'FILE',
         6: 'TLS'}
VIS = {0: 'DEFAULT', 1: 'INTERNAL', 2: 'HIDDEN', 3: 'PROTECTED'}


def symbols(elf):
    """name -> 'BIND TYPE VIS NDX VALUE SIZE' as in the !> sym lines."""
    tab = [s for s in elf.sections if s.type == 2]
    out = {}
    if not tab:
        return out
    strs = elf.sections[tab[0].link].data
    for off in range(0, len(tab[0].data) - 23, 24):
        name, info, other, shndx, value, size = struct.unpack_from(
            '<IBBHQQ', tab[0].data, off)
        ndx = {0: 'UND', 0xfff1: 'ABS', 0xfff2: 'COM'}.get(shndx)
        if ndx is None:
            ndx = elf.sections[shndx].name
        n = strs[name:strs.index(b'\0', name)].decode()
        out[n] = '%s %s %s %s %x %d' % (
            BINDS.get(info >> 4, info >> 4), TYPES.get(info & 15, info & 15),
            VIS[other & 3], ndx, value, size)
    return out


def run_case(asm, path, tmp):
    args, sections, errors, syms = ['-mcpu=elbrus-v3'], {}, [], {}
    relas, shdrs, nosyms, order, whole = {}, {}, [], None, None
    with open(path) as f:
        for line in f:
            if not line.startswith('!> '):
                continue
            words = line[3:].rstrip('\n').split(' ', 1)
            if words[0] == 'args':
                args = words[1].split()
            elif words[0] == 'error':
                errors.append(words[1])
            elif words[0] == 'shdr':
                name, rest = words[1].split(' ', 1)
                shdrs[name] = rest
            elif words[0] == 'rela':
                sec, rest = words[1].split(' ', 1)
                relas.setdefault(sec, []).append(rest)
            elif words[0] == 'object':
                whole = os.path.join(os.path.dirname(path), words[1])
            elif words[0] == 'order':
                order = words[1].split()
            elif words[0] == 'nosym':
                nosyms.append(words[1])
            elif words[0] == 'sym':
                name, rest = words[1].split(' ', 1)
                syms[name] = rest
            elif len(words) == 2 and words[1].startswith('nobits '):
                sections[words[0]] = int(words[1].split()[1])
            else:
                sections[words[0]] = bytes.fromhex(
                    words[1] if len(words) > 1 else '')
    out = os.path.join(tmp, os.path.basename(path) + '.o')
    # run where the case lives, so that messages name it without a path
    p = subprocess.run([asm] + args + ['-c', '-o', out,
                                       os.path.basename(path)],
                       cwd=os.path.dirname(path), capture_output=True,
                       text=True)
    if 'Sanitizer' in p.stderr or 'runtime error' in p.stderr:
        return False, p.stderr
    if errors:
        got = [l for l in p.stderr.splitlines() if ': error: ' in l]
        ok = p.returncode == 1 and not os.path.exists(out) and got == errors
        return ok, 'exit %d\ngot:\n%s\nwant:\n%s' % (
            p.returncode, '\n'.join(got), '\n'.join(errors))
    if p.returncode != 0:
        return False, 'exit %d: %s' % (p.returncode, p.stderr)
    if not sections:
        return False, 'case states no expectation'
    elf = Elf(out)
    diag = []
    for name, want in sections.items():
        s = elf.section(name)
        if s is None:
            diag.append('%s: missing' % name)
        elif isinstance(want, int):
            if s.type != 8 or s.size != want:
                diag.append('%s: type %d size %d, want nobits %d' %
                            (name, s.type, s.size, want))
        elif s.data != want:
            diag.append('%s:\n got %s\nwant %s' % (name, s.data.hex(),
                                                   want.hex()))
    for name, want in shdrs.items():
        sec = elf.section(name)
        got = sec and '%d %x %d' % (sec.type, sec.flags, sec.entsize)
        if sec and len(want.split()) == 4:
            got += ' %d' % sec.align
        if got != want:
            diag.append('section header %s: got %s, want %s' % (name, got,
                                                                 want))
    for sec, want in relas.items():
        got = ['%x %d %s %d' % r for r in elf.relocations(sec)]
        if got != want:
            diag.append('relocations of %s:\n got %s\nwant %s' %
                        (sec, got, want))
    got = symbols(elf)
    for name, want in syms.items():
        if got.get(name) != want:
            diag.append('symbol %s: got %s, want %s' % (name, got.get(name),
                                                        want))
    if whole is not None:
        with gzip.open(whole) as f, open(out, 'rb') as g:
            want, got_bytes = f.read(), g.read()
        if want != got_bytes:
            k = next((i for i in range(min(len(want), len(got_bytes)))
                      if want[i] != got_bytes[i]),
                     min(len(want), len(got_bytes)))
            diag.append('object: differs from %s at byte %#x (sizes %d, '
                        '%d)' % (os.path.basename(whole), k, len(got_bytes),
                                 len(want)))
    if order is not None and [x.name for x in elf.sections[1:]] != order:
        diag.append('section order: got %s, want %s' %
                    ([x.name for x in elf.sections[1:]], order))
    for name in nosyms:
        if name in got:
            diag.append('symbol %s: present, want none' % name)
    return not diag, '\n'.join(diag)


def main():
    asm = os.path.abspath(sys.argv[1])
    corpus = os.path.abspath(sys.argv[2])
    cases = sorted(f for f in os.listdir(corpus)
                   if f.endswith('.s') or f.endswith('.S'))
    print('1..%d' % len(cases))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, c in enumerate(cases, 1):
            ok, diag = run_case(asm, os.path.join(corpus, c), tmp)
            print('%s %d - %s' % ('ok' if ok else 'not ok', i, c))
            if not ok:
                failed += 1
                for line in diag.splitlines():
                    print('# ' + line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
