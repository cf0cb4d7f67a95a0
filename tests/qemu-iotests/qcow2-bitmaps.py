#!/usr/bin/env python3
# Print the persistent bitmaps of a qcow2 image straight from the file (an
# oracle independent of both qemu-img builds): per bitmap its name,
# granularity, flags and dirty guest ranges, read from the directory, the
# bitmap table and the data clusters as docs/interop/qcow2.txt lays them out.
#   qcow2-bitmaps.py IMAGE
import struct
import sys


def main(path):
    with open(path, 'rb') as f:
        data = f.read()
    hdr = struct.unpack('>IIQIIQIIQQIIQ', data[:72])
    version, cluster_bits, size = hdr[1], hdr[4], hdr[5]
    cluster = 1 << cluster_bits
    if version < 3:
        print('no bitmaps (v2)')
        return
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
    if ext is None or not (autoclear & 1):
        print('no bitmaps' + (' (stale extension)' if ext else ''))
        return
    count, _, dsize, doff = struct.unpack('>IIQQ', ext[:24])
    d = data[doff:doff + dsize]
    pos = 0
    for _ in range(count):
        toff, tsize, flags, btype, gbits, nlen, extra = \
            struct.unpack('>QIIBBHI', d[pos:pos + 24])
        name = d[pos + 24 + extra:pos + 24 + extra + nlen].decode()
        pos += (24 + extra + nlen + 7) & ~7
        names = [n for bit, n in ((1, 'in-use'), (2, 'auto')) if flags & bit]
        line = '%s gran=%d flags=%s' % (name, 1 << gbits,
                                        ','.join(names) or '-')
        if flags & 1:
            print(line + ' (in use: contents not trusted)')
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
                ranges.append('%d+%d' % (start * gran,
                                         min(i * gran, size) - start * gran))
                start = None
        print(line + ' dirty=' + (' '.join(ranges) or 'none'))


if __name__ == '__main__':
    main(sys.argv[1])
