#!/usr/bin/env python3
"""Run the demo guest under qemu-e2k and check its output.

The expected hash is computed here, independently, from the text in
checksum.S, so the test checks the emulator (loads, xor, 32-bit multiply,
shifts, predicates, branches, stores, system calls) and not a recorded
output.

usage: check-checksum.py QEMU_E2K GUEST_ELF SOURCE_S [qemu options...]
"""
import re
import subprocess
import sys


def fnv1a32(data):
    h = 0x811c9dc5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xffffffff
    return h


def text_of(source):
    s = open(source).read()
    block = s.split('\ntext:\n', 1)[1].split('text_len', 1)[0]
    parts = re.findall(r'\.ascii\s+"((?:[^"\\]|\\.)*)"', block)
    return ''.join(parts).encode().decode('unicode_escape').encode()


def main():
    qemu, elf, source = sys.argv[1:4]
    want = 'FNV-1a of the built-in text: 0x%08x\n' % fnv1a32(text_of(source))
    r = subprocess.run([qemu] + sys.argv[4:] + [elf], capture_output=True,
                       timeout=60)
    out = r.stdout.decode(errors='replace')
    if r.returncode != 0 or out != want:
        print('expected exit 0 and %r' % want)
        print('got exit %d and %r' % (r.returncode, out))
        print('stderr: %s' % r.stderr.decode(errors='replace'))
        return 1
    print(out, end='')
    return 0


if __name__ == '__main__':
    sys.exit(main())
