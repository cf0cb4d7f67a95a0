#!/usr/bin/env python3
"""Crash consistency of the image writers: kill them with SIGKILL and check.

One cycle of a format feature: start a writer on the feature's image (our
qemu-io running groups of writes, each group ending in `flush` and
`length`, or now and then our `qemu-img convert -n` of a raw file onto
it), SIGKILL it after a random delay (drawn between 0 and a little more
than the median unkilled run takes, so most kills land mid-run, some
during open and some never), then:

  - `qemu-img check` by our tool, and (except seSparse, whose journal
    QEMU does not know) by QEMU 7.2's (/usr/bin/qemu-img, skipped if
    absent): exit 0 or 3 (leaks only); a corruption or check error fails;
  - read the whole image back (our `qemu-img convert -O raw`) and compare
    every 512-byte sector against a model: a sector must hold what the
    last write before the last completed flush put there, or what one of
    the writes issued after that flush puts there (those may or may not
    have reached the disk, or only partly: each byte old or new);
  - for internal snapshots: the snapshot reads back as it was taken;
  - for persistent bitmaps (made with our `qemu-img bitmap`): a bitmap
    not flagged in use must be one to trust: the enabled one has a bit
    set for every sector whose content changed since it was made (and,
    when the writer finished, for every request it made), the disabled
    one stays clean.  A bitmap left in use by a kill is removed and made
    again with `qemu-img bitmap` (QEMU 7.2 checks the result too); a kill
    while the in-use flags are being written may drop them all (autoclear
    bit 0 off, as QEMU does), and they are made again.

qemu-io flushes its output after each command, so the number of `length`
lines it printed before it died is the number of groups whose flush
completed.  Writes fill their sectors with one byte; the model keeps, per
sector, the byte (or the initial content, e.g. the backing file's) and
after each verified cycle takes what the image reads back as the new
state, so the image accumulates crashed states for IMAGE_LIFE cycles
before it is created again.

Usage: crash-test.py [--cycles N] [--features a,b] [--seed S] BUILD_DIR
Exit status 0 when every cycle of every feature passed; a failing image
is kept in BUILD_DIR/crash-failures/ with the writer's commands and output.
"""

import argparse
import importlib.util
import os
import random
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SECTOR = 512
IMAGE_LIFE = 50          # cycles on one image before it is created again
QEMU_722 = '/usr/bin/qemu-img'
INIT = -1                # model token: the sector's initial content

FEATURES = ['qcow2', 'qcow2-compressed', 'qcow2-zstd', 'qcow2-backing',
            'qcow2-snapshot',
            'qcow2-bitmaps', 'vmdk-sparse', 'sesparse']


def load_bitmap_reader():
    """read_bitmaps() of tests/qemu-iotests/qcow2-bitmaps.py (file-level)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..',
                        'qemu-iotests', 'qcow2-bitmaps.py')
    spec = importlib.util.spec_from_file_location('qcow2_bitmaps', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.read_bitmaps


class Failure(Exception):
    pass


def run(argv, check=True):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True)
    if check and p.returncode != 0:
        cmd = shlex.join(argv)
        if len(cmd) > 200:
            cmd = cmd[:200] + '...'
        raise Failure('%s: exit %d\n%s' % (cmd, p.returncode, p.stdout))
    return p


class Feature:
    """One image kind: how to create it and what writes it takes."""

    def __init__(self, name, tools, tmp, rng):
        self.name = name
        self.tools = tools
        self.tmp = tmp
        self.rng = rng
        self.fmt = 'vmdk' if name in ('vmdk-sparse', 'sesparse') else 'qcow2'
        # compressed writes (zlib, or zstd clusters)
        self.compressed = name in ('qcow2-compressed', 'qcow2-zstd')
        self.img = os.path.join(tmp, name + '.img')
        self.size = 4 << 20
        self.cluster = 65536
        self.snapshot = None        # (name, raw bytes) of an internal snapshot
        self.backing = None

    # --- creating the image -------------------------------------------
    def create(self):
        for f in os.listdir(self.tmp):
            if f.startswith(self.name + '.'):
                os.unlink(os.path.join(self.tmp, f))
        qimg = self.tools['qemu-img']
        fill = [self.tools['qemu-io'], '-f', 'qcow2', '-t', 'writeback']
        if self.fmt == 'vmdk':
            sub = 'seSparse' if self.name == 'sesparse' else 'monolithicSparse'
            self.cluster = 4096 if sub == 'seSparse' else 65536
            run([qimg, 'create', '-q', '-f', 'vmdk', '-o', 'subformat=' + sub,
                 self.img, str(self.size)])
        else:
            self.cluster = self.rng.choice([512, 4096, 65536])
            opts = 'cluster_size=%d' % self.cluster
            if self.name == 'qcow2-zstd':
                opts += ',compression_type=zstd'
            argv = [qimg, 'create', '-q', '-f', 'qcow2']
            if self.name == 'qcow2-backing':
                self.backing = os.path.join(self.tmp, self.name + '.base')
                run([qimg, 'create', '-q', '-f', 'qcow2', self.backing,
                     str(self.size)])
                run(fill + self.fill_commands(64 * 1024) + [self.backing])
                argv += ['-b', os.path.basename(self.backing), '-F', 'qcow2']
            run(argv + ['-o', opts, self.img, str(self.size)])
            if self.name == 'qcow2-snapshot':
                run(fill + self.fill_commands(self.cluster) + [self.img])
                run([QEMU_722, 'snapshot', '-c', 'first', self.img])
                self.snapshot = ('first', self.read_raw())
                run(fill + self.fill_commands(3 * self.cluster) + [self.img])
                run([QEMU_722, 'snapshot', '-c', 'second', self.img])
        self.initial = self.read_raw()
        self.raw = self.initial
        self.state = [INIT] * (self.size // SECTOR)
        if self.name == 'qcow2-bitmaps':
            self.make_bitmaps(['on', 'off'])

    def fill_commands(self, step):
        """qemu-io -c arguments writing a pattern into every other step."""
        argv = []
        for off in range(0, self.size, 2 * step):
            argv += ['-c', 'write -q -P %d %d %d' %
                     (self.rng.randrange(1, 256), off,
                      min(step, self.size - off))]
        return argv

    def read_raw(self, snapshot=None):
        out = os.path.join(self.tmp, self.name + '.raw')
        argv = [self.tools['qemu-img'], 'convert', '-f', self.fmt]
        if snapshot:
            argv += ['-l', snapshot]
        run(argv + ['-O', 'raw', self.img, out])
        with open(out, 'rb') as f:
            data = f.read()
        os.unlink(out)
        if len(data) != self.size:
            raise Failure('read back %d bytes, expected %d'
                          % (len(data), self.size))
        return data

    # --- the writers --------------------------------------------------
    def random_write(self):
        """[(qemu-io command, first sector, sectors, byte)] of a request."""
        rng, c = self.rng, self.cluster
        kind = rng.random()
        if self.compressed and kind < 0.5:
            # a compressed write fails on an allocated cluster (as in
            # QEMU), so discard the cluster first
            off = rng.randrange(self.size // c) * c
            pat = rng.randrange(1, 256)
            return [('discard -q %d %d' % (off, c), off // SECTOR,
                     c // SECTOR, 0),
                    ('write -q -c -P %d %d %d' % (pat, off, c), off // SECTOR,
                     c // SECTOR, pat)]
        if self.fmt == 'qcow2' or self.name == 'sesparse':
            if kind > 0.9:
                # whole clusters: they read as zeroes after either
                n = rng.randrange(1, 4)
                off = rng.randrange(self.size // c - n + 1) * c
                cmd = rng.choice(['discard -q', 'write -q -z'])
                return [('%s %d %d' % (cmd, off, n * c),
                         off // SECTOR, n * c // SECTOR, 0)]
        if kind > 0.8:
            # cluster-aligned, a few clusters (allocation, L2/GT growth)
            n = rng.randrange(1, 4)
            off = rng.randrange(self.size // c - n + 1) * c
            length = n * c
        else:
            # anywhere, from one sector to a cluster and a half: partial
            # clusters need copy-on-write of the rest
            length = rng.randrange(1, max(2, 3 * c // SECTOR // 2)) * SECTOR
            length = min(length, 256 * 1024)
            off = rng.randrange((self.size - length) // SECTOR + 1) * SECTOR
        pat = rng.randrange(1, 256)
        return [('write -q -P %d %d %d' % (pat, off, length),
                 off // SECTOR, length // SECTOR, pat)]

    def qemu_io_writer(self):
        """argv and groups [[(first, count, byte)...], ...] of a writer."""
        argv = [self.tools['qemu-io'], '-f', self.fmt, '-t', 'writeback']
        groups = []
        for _ in range(self.rng.randrange(4, 16)):
            group = []
            for _ in range(self.rng.randrange(1, 5)):
                for cmd, first, count, pat in self.random_write():
                    argv += ['-c', cmd]
                    group.append((first, count, pat))
            argv += ['-c', 'flush', '-c', 'length']
            groups.append(group)
        return argv + [self.img], groups

    def convert_writer(self):
        """`qemu-img convert -n` of a random raw image onto ours."""
        src = os.path.join(self.tmp, self.name + '.src')
        step = max(self.cluster, 4096)
        data = bytearray(self.size)
        group = []
        for off in range(0, self.size, step):
            if self.rng.random() < 0.5:
                pat = self.rng.randrange(1, 256)
            else:
                pat = 0
            data[off:off + step] = bytes([pat]) * step
            group.append((off // SECTOR, step // SECTOR, pat))
        with open(src, 'wb') as f:
            f.write(data)
        argv = [self.tools['qemu-img'], 'convert', '-n', '-f', 'raw',
                '-O', self.fmt]
        if self.compressed:
            # compressed clusters cannot overwrite allocated ones (QEMU
            # 7.2 fails the same way): empty the image first, unkilled
            run([self.tools['qemu-io'], '-f', 'qcow2', '-c',
                 'discard 0 %d' % self.size, self.img])
            self.state = [0] * (self.size // SECTOR)
            argv.append('-c')
        return argv + [src, self.img], [group]

    def writer(self):
        if self.name not in ('qcow2-snapshot',) and self.rng.random() < 0.2:
            return self.convert_writer()
        return self.qemu_io_writer()

    # --- checking -----------------------------------------------------
    def check(self, checker, label):
        p = run([checker, 'check', '-f', self.fmt, self.img], check=False)
        if p.returncode not in (0, 3):
            raise Failure('%s check: exit %d\n%s' % (label, p.returncode,
                                                      p.stdout))
        return p.returncode == 3

    def verify(self, acceptable):
        """Compare the image with the model; returns the torn sectors."""
        data = self.read_raw()
        torn = 0
        for s in range(self.size // SECTOR):
            blk = data[s * SECTOR:(s + 1) * SECTOR]
            init = self.initial[s * SECTOR:(s + 1) * SECTOR]
            ok = acceptable[s]
            if INIT in ok and blk == init:
                self.state[s] = INIT
            elif blk.count(blk[0]) == SECTOR and blk[0] in ok:
                self.state[s] = blk[0]
            elif blk in ok or (len(ok) > 1 and is_torn(blk, ok, init)):
                # keep the sector's bytes as they are now
                torn += blk not in ok
                self.state[s] = bytes(blk)
            else:
                raise Failure('sector %d (offset %d): %s, expected one of %s'
                              % (s, s * SECTOR, describe(blk),
                                 sorted(describe(t) for t in ok)))
        if self.snapshot:
            name, raw = self.snapshot
            if self.read_raw(name) != raw:
                raise Failure('internal snapshot %s changed' % name)
        self.raw = data
        return torn

    # --- persistent bitmaps (qcow2-bitmaps) ---------------------------
    def make_bitmaps(self, names):
        """(Re)create bitmaps 'on' (enabled) and 'off' (disabled)."""
        qimg = self.tools['qemu-img']
        for n in names:
            argv = [qimg, 'bitmap', '--add', '-g', str(self.rng.choice(
                [512, 4096, 65536])), self.img, n]
            if n == 'off':
                argv.insert(3, '--disable')
            run(argv)
        if 'on' in names:
            self.must_be_dirty = set()     # sectors 'on' must cover

    def check_bitmaps(self, before, groups, finished, read_bitmaps):
        """A bitmap not in use must cover every change; returns whether
        one was left in use (and has been made again)."""
        after = self.raw
        for s in range(self.size // SECTOR):
            if before[s * SECTOR:(s + 1) * SECTOR] != \
                    after[s * SECTOR:(s + 1) * SECTOR]:
                self.must_be_dirty.add(s)
        if finished:
            for group in groups:
                for first, count, _ in group:
                    self.must_be_dirty.update(range(first, first + count))
        bitmaps = read_bitmaps(self.img)
        if bitmaps == 'stale':
            # killed while the in-use flags were being set (autoclear bit
            # off): every bitmap is dropped, which claims nothing
            self.make_bitmaps(['on', 'off'])
            return True
        if not isinstance(bitmaps, list) or \
                sorted(b['name'] for b in bitmaps) != ['off', 'on']:
            raise Failure('bitmaps lost: %r' % (bitmaps,))
        stale = [b['name'] for b in bitmaps if b['in_use']]
        for b in bitmaps:
            if b['in_use']:
                continue
            if b['enabled'] != (b['name'] == 'on'):
                raise Failure('bitmap %s: auto flag %s' % (b['name'],
                                                           b['enabled']))
            dirty = set()
            for start, end in b['dirty']:
                dirty.update(range(start // SECTOR,
                                   (end + SECTOR - 1) // SECTOR))
            if b['name'] == 'off' and dirty:
                raise Failure('disabled bitmap off has dirty bits')
            missing = self.must_be_dirty - dirty if b['name'] == 'on' \
                else set()
            if missing:
                s = min(missing)
                raise Failure('bitmap on is not in use but misses a change '
                              'at offset %d (%d sectors missed)'
                              % (s * SECTOR, len(missing)))
        if stale:
            qimg = self.tools['qemu-img']
            for n in stale:
                run([qimg, 'bitmap', '--remove', self.img, n])
            self.make_bitmaps(stale)
        return bool(stale)


def describe(token):
    """A model token or a sector's bytes, for messages."""
    if token == INIT:
        return 'initial'
    if isinstance(token, int):
        return 'byte %d' % token
    if token.count(token[0]) == len(token):
        return 'byte %d' % token[0]
    return 'mixed bytes'


def is_torn(blk, ok, init):
    """Whether every byte of the sector is the byte one of the acceptable
    contents has there: a write in flight at the kill may be cut anywhere
    (the kernel stops copying a killed process's buffer at the first byte
    of a page it has to fault in, and keeps what it copied)."""
    allowed = [bytes([t]) * SECTOR if isinstance(t, int) and t != INIT
               else init if t == INIT else t for t in ok]
    return all(any(a[i] == b for a in allowed) for i, b in enumerate(blk))


def acceptable_sets(state, groups, done):
    """Per sector, the tokens it may hold after `done` groups completed."""
    durable = list(state)
    for group in groups[:done]:
        for first, count, pat in group:
            durable[first:first + count] = [pat] * count
    sets = [{t} for t in durable]
    for group in groups[done:]:
        for first, count, pat in group:
            for s in range(first, first + count):
                sets[s].add(pat)
    return sets


def run_feature(feat, cycles, faildir, log):
    stats = {'cycles': 0, 'killed': 0, 'finished': 0, 'leaky': 0, 'torn': 0,
             'qemu_checks': 0, 'groups_verified': 0, 'convert': 0,
             'bitmaps_in_use': 0}
    read_bitmaps = load_bitmap_reader() if feat.name == 'qcow2-bitmaps' \
        else None
    t0 = time.time()
    durations, unfinished = {}, {}
    for cycle in range(cycles):
        if cycle % IMAGE_LIFE == 0:
            feat.create()
        argv, groups = feat.writer()
        before = feat.raw
        if argv[1] == 'convert':
            stats['convert'] += 1
        out_path = os.path.join(feat.tmp, feat.name + '.out')
        # the delay: up to 1.2 times the median unkilled run of this
        # writer so far, so that most runs are killed (until one
        # finishes: doubling from 50 ms)
        kind = argv[1]
        if durations.get(kind):
            d = sorted(durations[kind])
            limit = d[len(d) // 2] * 1.2
        else:
            limit = min(5.0, 0.05 * 2 ** unfinished.get(kind, 0))
            unfinished[kind] = unfinished.get(kind, 0) + 1
        delay = feat.rng.uniform(0, limit)
        with open(out_path, 'w') as out:
            start = time.time()
            p = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
            try:
                p.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                p.send_signal(signal.SIGKILL)
                p.wait()
            elapsed = time.time() - start
        with open(out_path) as f:
            output = f.read()
        try:
            if 'failed' in output:
                # every request the writer makes is valid
                raise Failure('a writer request failed')
            if p.returncode == -signal.SIGKILL:
                stats['killed'] += 1
                done = output.count('%d MiB' % (feat.size >> 20))
                if argv[1] == 'convert':
                    done = 0
            elif p.returncode == 0:
                stats['finished'] += 1
                durations.setdefault(kind, []).append(elapsed)
                done = len(groups)
            else:
                raise Failure('writer exit %d\n%s' % (p.returncode, output))
            stats['groups_verified'] += done
            leaky = feat.check(feat.tools['qemu-img'], 'our')
            if feat.name != 'sesparse' and feat.tools['qemu-7.2']:
                leaky |= feat.check(feat.tools['qemu-7.2'], 'QEMU 7.2')
                stats['qemu_checks'] += 1
            stats['leaky'] += leaky
            stats['torn'] += feat.verify(acceptable_sets(feat.state, groups,
                                                         done))
            if read_bitmaps:
                stats['bitmaps_in_use'] += feat.check_bitmaps(
                    before, groups, p.returncode == 0, read_bitmaps)
        except Failure as e:
            dest = os.path.join(faildir, '%s-%d' % (feat.name, cycle))
            os.makedirs(dest, exist_ok=True)
            for f in os.listdir(feat.tmp):
                if f.startswith(feat.name + '.'):
                    shutil.copy(os.path.join(feat.tmp, f), dest)
            with open(os.path.join(dest, 'writer.txt'), 'w') as f:
                f.write(shlex.join(argv) + '\nexit %s after %.3fs\n%s'
                        % (p.returncode, elapsed, output))
            log('FAIL %s cycle %d: %s\n  image and writer kept in %s'
                % (feat.name, cycle, e, dest))
            stats['failed'] = str(e).splitlines()[0]
            break
        stats['cycles'] += 1
        if cycles >= 200 and stats['cycles'] % 100 == 0:
            log('%-17s %4d/%d cycles ok, %.0fs' % (feat.name, stats['cycles'],
                                                  cycles, time.time() - t0))
    stats['seconds'] = time.time() - t0
    return stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('build')
    ap.add_argument('--cycles', type=int, default=1000,
                    help='cycles per feature (default 1000)')
    ap.add_argument('--features', default=','.join(FEATURES),
                    help='comma-separated subset of ' + ','.join(FEATURES))
    ap.add_argument('--seed', type=int, default=None)
    args = ap.parse_args()

    tools = {t: os.path.join(args.build, t) for t in ('qemu-img', 'qemu-io')}
    for t in tools.values():
        if not os.access(t, os.X_OK):
            sys.exit('crash-test: %s: not built' % t)
    tools['qemu-7.2'] = QEMU_722 if os.access(QEMU_722, os.X_OK) else None
    names = [f for f in args.features.split(',') if f]
    for n in names:
        if n not in FEATURES:
            sys.exit('crash-test: unknown feature %r (known: %s)'
                     % (n, ', '.join(FEATURES)))
    seed = args.seed if args.seed is not None else random.randrange(1 << 32)
    faildir = os.path.join(args.build, 'crash-failures')

    def log(msg):
        print(msg, flush=True)

    log('crash-test: seed %d, %d cycles per feature, QEMU 7.2 check: %s'
        % (seed, args.cycles, tools['qemu-7.2'] or 'absent (skipped)'))
    failed = False
    for n in names:
        if n == 'qcow2-snapshot' and not tools['qemu-7.2']:
            # our qemu-img cannot create internal snapshots yet
            log('%-17s SKIP: creating internal snapshots needs %s'
                % (n, QEMU_722))
            continue
        with tempfile.TemporaryDirectory(prefix='crash-') as tmp:
            feat = Feature(n, tools, tmp, random.Random('%d/%s' % (seed, n)))
            s = run_feature(feat, args.cycles, faildir, log)
        log('%-17s %4d/%d cycles ok: %d killed, %d finished, %d convert, '
            '%d flushed groups verified, %d torn sectors, %d with leaks, '
            '%d QEMU 7.2 checks, %.1fs%s'
            % (n, s['cycles'], args.cycles, s['killed'], s['finished'],
               s['convert'], s['groups_verified'], s['torn'], s['leaky'],
               s['qemu_checks'], s['seconds'],
               ', %d bitmaps left in use' % s['bitmaps_in_use']
               if n == 'qcow2-bitmaps' else ''))
        failed |= 'failed' in s
    log('crash-test: %s' % ('FAILED' if failed else '0 corruptions'))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
