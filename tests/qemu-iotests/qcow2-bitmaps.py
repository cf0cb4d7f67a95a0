#!/usr/bin/env python3
# Print the persistent bitmaps of a qcow2 image straight from the file (an
# oracle independent of both qemu-img builds): per bitmap its name,
# granularity, flags and dirty guest ranges, read from the directory, the
# bitmap table and the data clusters as docs/interop/qcow2.txt lays them out.
#   qcow2-bitmaps.py IMAGE
import struct
import sys


def read_bitmaps(path):
    """[{name, granularity, flags, in_use, enabled, dirty}] of the image,
    dirty being the guest [start, end) ranges (None while in use); None
    when the image has no valid bitmaps extension; 'stale' when the
    extension is there but autoclear bit 0 is off."""
    with open(path, 'rb') as f:
        data = f.read()
    hdr = struct.unpack('>IIQIIQIIQQIIQ', data[:72])
    version, cluster_bits, size = hdr[1], hdr[4], hdr[5]
    cluster = 1 << cluster_bits
    if version < 3:
        return None
    autoclear = struct.unpack('>Q', data[88:96])[0]
    off = struct.unpack('>I', data[100:104])[0]
    ext = None
    while off + 8 <= cluster:
        magic, length = struct.unpack('>II', data[off:off + 8])
        if magic == 0:
            break
        if magic == 0x23852875:
            ext = data[off + 8:off + 8 + length]
        off += 8 + ((length + 7) & ~7)
    if ext is None:
        return None
    if not autoclear & 1:
        return 'stale'
    count, _, dsize, doff = struct.unpack('>IIQQ', ext[:24])
    d = data[doff:doff + dsize]
    pos, result = 0, []
    for _ in range(count):
        toff, tsize, flags, btype, gbits, nlen, extra = \
            struct.unpack('>QIIBBHI', d[pos:pos + 24])
        name = d[pos + 24 + extra:pos + 24 + extra + nlen].decode()
        pos += (24 + extra + nlen + 7) & ~7
        bm = {'name': name, 'granularity': 1 << gbits, 'flags': flags,
              'in_use': bool(flags & 1), 'enabled': bool(flags & 2),
              'dirty': None}
        result.append(bm)
        if flags & 1:
            continue
        bits = bytearray()
        for i in range(tsize):
            e = struct.unpack('>Q', data[toff + 8 * i:toff + 8 * i + 8])[0]
            c = e & 0x00fffffffffffe00
            if c:
                bits += data[c:c + cluster]
            else:
                bits += (b'\xff' if e & 1 else b'\0') * cluster
        gran = 1 << gbits
        nbits = (size + gran - 1) // gran
        ranges, start = [], None
        for i in range(nbits + 1):
            dirty = i < nbits and bits[i // 8] >> (i % 8) & 1
            if dirty and start is None:
                start = i
            elif not dirty and start is not None:
                ranges.append((start * gran, min(i * gran, size)))
                start = None
        bm['dirty'] = ranges
    return result


def main(path):
    bitmaps = read_bitmaps(path)
    if bitmaps is None:
        print('no bitmaps')
        return
    if bitmaps == 'stale':
        print('no bitmaps (stale extension)')
        return
    for bm in bitmaps:
        names = [n for bit, n in ((1, 'in-use'), (2, 'auto'))
                 if bm['flags'] & bit]
        line = '%s gran=%d flags=%s' % (bm['name'], bm['granularity'],
                                        ','.join(names) or '-')
        if bm['in_use']:
            print(line + ' (in use: contents not trusted)')
            continue
        print(line + ' dirty=' + (' '.join('%d+%d' % (a, b - a)
                                           for a, b in bm['dirty'])
                                  or 'none'))


if __name__ == '__main__':
    main(sys.argv[1])
