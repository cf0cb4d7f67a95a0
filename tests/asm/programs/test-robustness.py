#!/usr/bin/env python3
"""Malformed input must never crash e2k-asm: feed it deterministic soups
of assembler tokens (directives, braces, operations, registers, strings,
macro and conditional pieces) and require exit status 0 or 1, an error
naming file:line whenever the status is 1, and no sanitizer report.

Usage: test-robustness.py E2K_ASM [COUNT] [FIRST-SEED]    (TAP output)
"""
import os
import random
import subprocess
import sys
import tempfile

TOKENS = [
    '{', '}', ';', '!', '.macro m a=1', '.endm', '.rept 2', '.endr', '.if 1',
    '.else', '.endif', '.irp x, 1, 2', 'm', 'm 5', '1:', '1b', '1f', '2f',
    'x', 'x:', '.L1:', '.byte', '.quad', '.word', '.data', '.text', '.bss',
    '.section .foo, "aw"', '.pushsection .bar', '.popsection', '.fill',
    '.align 8', '.p2align 40', '"', "'", '\\', '\\a', '\\@', '(', ')', '+',
    '-', '*', '/', '%', '<<', '>>', '|', '&', '=', '==', ',', '.', '0x',
    '0x10', '-1', '99999999999999999999', '0b2', 'addd,0', 'adds,1',
    'ldb,0', 'stb,2', 'ibranch', 'disp', '%ctpr1', 'ct', 'call', 'wbs=4',
    'setwd', 'wsz=8', 'nfx=1', 'setbn', 'rsz=3', 'nop', '3', '%r0', '%r1',
    '%dr2', '%b[0]', '%b[', ']', '[', '%pred0', '?', '~%pred1', '@p0',
    'pass', 'andp', 'rwd,0', '%lsr', 'loop_mode', 'alc', 'abn', 'sdisp',
    'return', 'cmpedb,0', ',sm', '_f64', '_f16s', '_lts0', 'mas=0x7',
    'x + 1', 'fwd', 'fwd = 5', '.set y, fwd', '.ignore ld_st_style',
    '.include "nonexistent"', '.type x, @function', '.size x, . - x',
    '.global x', '.ascii "a\\n"', '.asciz', '/*', '*/', '#', '.error "e"',
    '.lcomm z, 8', '.skip 3', '.zero', '.end', '\t', '\x00', '\xff',
    # gas syntax added for issue 18
    '.macro n p:req, q="a b"; .byte \\p; .endm', 'n 1', 'n', '.exitm',
    '.purgem n', '.irpc c, 12', '.irp v', '.rep 3', '.ifc a, b', '.elseif 1',
    '.ifdef x', '.ifb', '28U', '1ULL', '1LU', "'\\n", '"a" "b"', '<10>',
    '.float 1.5', '.double -nan', '.single 1e40', '.float 0f', '.org 4',
    '.org . - 1', '.incbin "x"', '.text 1', '.data 8191', '.subsection 2',
    '.previous', '.pushsection .q, 3', '.section .m, "aMS", @progbits, 1',
    '.section .t, "awT", @nobits', '.comm c, 8', '.hidden x', '.ident "i"',
    '.symver x, x@V1', 'x@GOT', 'x@GOTOFF', '_GLOBAL_OFFSET_TABLE_',
    '@TLS_LE', '# 3 "f.c"', '# 1 "g.h" 2',
]


def soup(seed):
    rnd = random.Random(seed)
    lines = []
    for _ in range(rnd.randint(1, 30)):
        lines.append(' '.join(rnd.choice(TOKENS)
                              for _ in range(rnd.randint(0, 9))))
    return '\n'.join(lines) + ('\n' if rnd.random() < 0.8 else '')


def main():
    asm = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    failures = []
    statuses = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 'soup.s')
        for seed in range(first, first + count):
            with open(src, 'w', encoding='latin-1') as f:
                f.write(soup(seed))
            for args in ([], ['-c']):
                out = os.path.join(tmp, 'out')
                try:
                    p = subprocess.run([asm] + args + ['-o', out, src],
                                       capture_output=True, timeout=60)
                except subprocess.TimeoutExpired:
                    failures.append((seed, args, 'timeout', b''))
                    continue
                err = p.stderr
                statuses[p.returncode] = statuses.get(p.returncode, 0) + 1
                bad = None
                if p.returncode not in (0, 1):
                    bad = 'exit status %d' % p.returncode
                elif b'Sanitizer' in err or b'runtime error' in err:
                    bad = 'sanitizer report'
                elif p.returncode == 1 and (src + ':').encode() not in err:
                    bad = 'error without file:line'
                if bad:
                    failures.append((seed, args, bad, err))
    print('1..2')
    print('%s 1 - %d inputs, exit statuses %s' %
          ('ok' if not failures else 'not ok', count * 2, statuses))
    for seed, args, why, err in failures[:10]:
        print('# seed %d %s: %s' % (seed, ' '.join(args), why))
        for line in err.decode('latin-1').splitlines()[:5]:
            print('#   ' + line)
    # the soups must reach both outcomes, or they test nothing
    print('%s 2 - both accepted and rejected inputs seen' %
          ('ok' if statuses.get(0) and statuses.get(1) else 'not ok'))
    return 0 if not failures and statuses.get(0) and statuses.get(1) else 1


if __name__ == '__main__':
    sys.exit(main())
