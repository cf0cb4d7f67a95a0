#!/usr/bin/env python3
"""Run golden encoding vectors through the whole e2k-asm program (not just
the encoder): every vector becomes its own section of one source file, as
the reference data was produced, the file is assembled with -c, and each
section's bytes are compared with the reference bytes.

Usage: vectors-frontend.py E2K_ASM VECTORS.tsv[.gz] ISA [--max-mismatch=N]
                           [--reject-ok=TEXT]...

Prints counts: vectors assembled identically, rejected by e2k-asm (with
the first few messages), and mismatching (with the first few).  Exit status
0 if mismatches <= N (default 0) and every rejection's message contains one
of the --reject-ok texts (the reference silently truncates some out-of-range
inputs that we refuse: those are the expected rejections).  Exit status 77
(skip) if the vector file is absent.
"""
import gzip
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from elfread import Elf  # noqa: E402


def read_vectors(path):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rt') as f:
        lines = f.read().splitlines()
    out = []
    for line in lines[1:]:
        cols = line.split('\t')
        if len(cols) >= 2 and cols[0]:
            out.append((cols[0], cols[1]))
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    max_mismatch = 0
    reject_ok = []
    for a in sys.argv[1:]:
        if a.startswith('--max-mismatch='):
            max_mismatch = int(a.split('=', 1)[1])
        elif a.startswith('--reject-ok='):
            reject_ok.append(a.split('=', 1)[1])
    asm, tsv, isa = args[0], args[1], args[2]
    if not os.path.exists(tsv):
        print('1..0 # SKIP %s not found' % tsv)
        return 77
    vectors = read_vectors(tsv)
    live = list(range(len(vectors)))
    rejected = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 'v.s')
        obj = os.path.join(tmp, 'v.o')
        elf = None
        for _round in range(20):
            line_of = {}
            with open(src, 'w') as f:
                n = 1
                for i in live:
                    f.write('.section .v%d, "ax", @progbits\n' % i)
                    f.write(vectors[i][0] + '\n')
                    line_of[n + 1] = i
                    n += 2
            p = subprocess.run([asm, '-mcpu=elbrus-v%s' % isa,
                                '--max-errors=0', '-c', '-o', obj, src],
                               capture_output=True, text=True)
            if p.returncode == 0:
                elf = Elf(obj)
                break
            bad = set()
            for msg in p.stderr.splitlines():
                if msg.startswith(src + ':'):
                    try:
                        ln = int(msg.split(':')[1])
                    except ValueError:
                        continue
                    if ln in line_of:
                        bad.add(line_of[ln])
                        rejected.setdefault(line_of[ln],
                                            msg.split(': ', 2)[-1])
            if not bad:
                print('e2k-asm failed without a usable line number:\n' +
                      p.stderr[:2000])
                return 1
            live = [i for i in live if i not in bad]
        if elf is None:
            print('gave up after 20 rounds')
            return 1
        mismatches = []
        for i in live:
            s = elf.section('.v%d' % i)
            got = s.data.hex() if s else None
            if got != vectors[i][1]:
                mismatches.append((i, got))
    ok = len(live) - len(mismatches)
    print('isa v%s: %d vectors, %d identical, %d rejected by e2k-asm, '
          '%d different' % (isa, len(vectors), ok, len(rejected),
                            len(mismatches)))
    for i, msg in sorted(rejected.items())[:15]:
        print('  rejected: %s  -- %s' % (vectors[i][0], msg))
    for i, got in mismatches[:15]:
        print('  different: %s\n     ours %s\n     ref  %s' %
              (vectors[i][0], got, vectors[i][1]))
    unexpected = [i for i, msg in rejected.items()
                  if not any(t in msg for t in reject_ok)]
    for i in unexpected[:15]:
        print('  UNEXPECTED rejection: %s  -- %s' % (vectors[i][0],
                                                      rejected[i]))
    if reject_ok and unexpected:
        return 1
    return 0 if len(mismatches) <= max_mismatch else 1


if __name__ == '__main__':
    sys.exit(main())
