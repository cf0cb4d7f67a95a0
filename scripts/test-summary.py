#!/usr/bin/env python3
"""Summarise a meson testlog.json into the project's closing line.

TAP tests (recognised by their "1..N" plan line) count each sub-test
("ok N ..." line) separately, so a unit
test program with 40 cases adds 40 to the total rather than 1.

The end of each failed test's output (at most a few tests) is printed
just before the summary line: a CI log is often read from its tail.
"""
import json
import re
import sys


def count_tap(stdout):
    passed = failed = skipped = 0
    for line in stdout.splitlines():
        m = re.match(r'(not ok|ok)\b[^#]*(#\s*(\w+))?', line)
        if not m:
            continue
        directive = (m.group(3) or '').upper()
        if directive == 'SKIP':
            skipped += 1
        elif m.group(1) == 'ok' or directive == 'TODO':
            passed += 1
        else:
            failed += 1
    return passed, failed, skipped


TAIL_LINES = 40
MAX_SHOWN = 3


def show_failure(t):
    out = ((t.get('stdout') or '') + (t.get('stderr') or '')).splitlines()
    print('--- %s (%s), last %d lines of its output:'
          % (t.get('name', '?'), t.get('result', '?'),
             min(len(out), TAIL_LINES)))
    for line in out[-TAIL_LINES:]:
        print('    ' + line)


def main(path):
    passed = failed = skipped = 0
    failures = []
    try:
        f = open(path)
    except OSError as e:
        print('test-summary: %s: %s' % (path, e.strerror), file=sys.stderr)
        print('0 passed, 1 failed')
        return 1
    for line in f:
        t = json.loads(line)
        result = t.get('result', '')
        stdout = t.get('stdout') or ''
        is_tap = re.search(r'^1\.\.\d+', stdout, re.M) is not None
        if is_tap and result in ('OK', 'FAIL', 'SKIP'):
            p, fl, s = count_tap(stdout)
            if p + fl + s > 0:
                if result == 'FAIL' and fl == 0:
                    fl = 1     # crashed or exited badly after its cases
                if fl:
                    failures.append(t)
                passed, failed, skipped = passed + p, failed + fl, skipped + s
                continue
        if result in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif result == 'SKIP':
            skipped += 1
        else:
            failed += 1
            failures.append(t)
    for t in failures[:MAX_SHOWN]:
        show_failure(t)
    if len(failures) > MAX_SHOWN:
        print('--- and %d more failed tests' % (len(failures) - MAX_SHOWN))
    line = '%d passed, %d failed' % (passed, failed)
    if skipped:
        line += ', %d skipped' % skipped
    print(line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
