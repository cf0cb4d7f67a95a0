#!/usr/bin/env python3
"""e2k-asm -pie / -shared: the dynamic sections and program headers a
loader needs, the load-time relocations of addresses, and the refusals.

usage: test-pic.py E2K_ASM
Prints TAP.  Every check reads the output with elfread.py (no binutils).
"""
import os
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import elfread  # noqa: E402

ASM = sys.argv[1]
TMP = tempfile.mkdtemp(prefix='e2k-pic-')
results = []

PT_LOAD, PT_DYNAMIC, PT_INTERP, PT_PHDR = 1, 2, 3, 6
PT_GNU_STACK = 0x6474e551
DT = {'NULL': 0, 'HASH': 4, 'STRTAB': 5, 'SYMTAB': 6, 'RELA': 7,
      'RELASZ': 8, 'RELAENT': 9, 'STRSZ': 10, 'SYMENT': 11, 'SONAME': 14,
      'DEBUG': 21, 'TEXTREL': 22, 'FLAGS': 30, 'RELACOUNT': 0x6ffffff9,
      'FLAGS_1': 0x6ffffffb, 'E2K_LAZY_GOT': 0x70000003}

PROGRAM = r'''
	.text
	.global _start
	.type _start, @function
_start:
	{
	  setwd wsz=12, nfx=1
	  rrd %ip, %dr1
	}
	{
	  addd,0 0, msg, %dr2
	}
	{
	  addd,0 0, msg - _start, %dr3
	}
	.size _start, . - _start
	.global f
	.type f, @function
f:	.quad 0
	.size f, 8
	.data
ptr:	.quad msg + 2
	.quad 5
	.quad msg - _start
	.section .rodata
msg:	.ascii "hi\n"
'''


def check(ok, name, why=''):
    results.append((ok, name, why))


def assemble(src, *opts, inputs=()):
    """Link (or with -c assemble) @src, then the files @inputs."""
    path = os.path.join(TMP, 'in.S')
    out = os.path.join(TMP, 'out')
    with open(path, 'w') as f:
        f.write(src)
    if os.path.exists(out):
        os.unlink(out)
    p = subprocess.run([ASM] + list(opts) + ['-o', out, path] + list(inputs),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    return p.returncode, p.stderr, out


def dynamic(e):
    """{tag: value} of PT_DYNAMIC, read through the program header."""
    ph = [p for p in e.phdrs if p[0] == PT_DYNAMIC]
    if len(ph) != 1:
        return None
    raw = e.raw[ph[0][2]:ph[0][2] + ph[0][5]]
    tags = {}
    for off in range(0, len(raw), 16):
        tag, val = struct.unpack_from('<QQ', raw, off)
        if tag == 0:
            break
        tags[tag] = val
    return tags


def dynamic_tags(e):
    """The tags of PT_DYNAMIC, in order."""
    ph = [p for p in e.phdrs if p[0] == PT_DYNAMIC][0]
    raw = e.raw[ph[2]:ph[2] + ph[5]]
    return [struct.unpack_from('<Q', raw, o)[0]
            for o in range(0, len(raw), 16)]


def read_at(e, vaddr, size):
    """Bytes at a virtual address, through the PT_LOAD headers."""
    for p in e.phdrs:
        if p[0] == PT_LOAD and p[3] <= vaddr and vaddr + size <= p[3] + p[5]:
            return e.raw[p[2] + vaddr - p[3]:p[2] + vaddr - p[3] + size]
    return None


def sym(e, name):
    for s in e.symbols():
        if s[0] == name:
            return s
    return None


def test_pie():
    rc, err, out = assemble(PROGRAM, '-pie')
    check(rc == 0 and not err, 'pie: links', err)
    if rc:
        return
    e = elfread.Elf(out)
    types = [p[0] for p in e.phdrs]
    check(e.type == 3, 'pie: ET_DYN', str(e.type))
    check(types == [PT_PHDR, PT_INTERP, PT_LOAD, PT_LOAD, PT_DYNAMIC,
                    PT_GNU_STACK], 'pie: program headers in ld order',
          str(types))
    phdr = e.phdrs[0]
    check(phdr[2] == e.phoff and phdr[3] == e.phoff and
          phdr[5] == 56 * e.phnum, 'pie: PT_PHDR covers the headers')
    interp = e.phdrs[1]
    check(e.raw[interp[2]:interp[2] + interp[5]] ==
          b'/lib64/ld-linux.so.2\0', 'pie: default interpreter')
    load0 = e.phdrs[2]
    check(load0[3] == 0 and load0[2] == 0 and load0[1] == 5,
          'pie: text segment at 0, R+X, holds the headers')
    check(e.phdrs[5][1] == 6, 'pie: PT_GNU_STACK is RW')
    check(e.entry == sym(e, '_start')[1], 'pie: entry is _start')
    d = dynamic(e)
    check(d is not None and d.get(DT['FLAGS_1']) == 0x08000000 and
          DT['DEBUG'] in d, 'pie: DT_FLAGS_1 PIE and DT_DEBUG')
    check(DT['E2K_LAZY_GOT'] not in d, 'pie: no PLT, no DT_E2K_LAZY_GOT')
    check(d[DT['RELAENT']] == 24 and d[DT['SYMENT']] == 24 and
          d[DT['HASH']] == e.section('.hash').addr and
          d[DT['SYMTAB']] == e.section('.dynsym').addr and
          d[DT['STRTAB']] == e.section('.dynstr').addr,
          'pie: dynamic tags point at their sections')
    relas = read_at(e, d[DT['RELA']], d[DT['RELASZ']])
    rel = [struct.unpack_from('<QQq', relas, o)
           for o in range(0, len(relas), 24)]
    msg = sym(e, 'msg')[1]
    ptr = sym(e, 'ptr')[1]
    check(d[DT['RELACOUNT']] == 2 and len(rel) == 2,
          'pie: two relative relocations', str(rel))
    if len(rel) != 2:
        return
    lit, data = rel
    check(data == (ptr, 65, msg + 2),
          'pie: .quad msg+2 is R_E2K_64_RELATIVE with the addend',
          str(data))
    check(lit[1] == 66 and lit[2] == msg and
          e.section('.text').addr <= lit[0] < e.section('.text').addr + 64,
          'pie: a 64-bit literal address is R_E2K_64_RELATIVE_LIT',
          str(lit))
    word = read_at(e, lit[0], 8)
    hi, lo = struct.unpack('<II', word)
    check((hi << 32 | lo) == msg, 'pie: the literal holds the link-time '
          'address, high word first')
    check(DT['TEXTREL'] in d and d.get(DT['FLAGS']) == 4,
          'pie: a relocation in code sets DT_TEXTREL and DF_TEXTREL')
    # differences of addresses are constants: no relocation, right value
    third = read_at(e, ptr + 16, 8)
    check(struct.unpack('<Q', third)[0] == msg - sym(e, '_start')[1],
          'pie: msg - _start is a constant')


def test_pie_options():
    rc, err, out = assemble(PROGRAM, '-pie', '--dynamic-linker=/x/ld.so',
                            '-z', 'execstack')
    e = elfread.Elf(out)
    interp = [p for p in e.phdrs if p[0] == PT_INTERP][0]
    check(rc == 0 and e.raw[interp[2]:interp[2] + interp[5]] ==
          b'/x/ld.so\0', '--dynamic-linker=PATH sets PT_INTERP', err)
    check([p for p in e.phdrs if p[0] == PT_GNU_STACK][0][1] == 7,
          '-z execstack makes PT_GNU_STACK RWX')
    rc, err, out = assemble(PROGRAM, '-pie', '--no-dynamic-linker')
    e = elfread.Elf(out)
    types = [p[0] for p in e.phdrs]
    check(rc == 0 and PT_INTERP not in types and PT_PHDR not in types and
          PT_DYNAMIC in types, '--no-dynamic-linker: no PT_INTERP',
          str(types))


def test_shared():
    rc, err, out = assemble(PROGRAM, '-shared', '-soname', 'libt.so.1')
    check(rc == 0 and not err, 'shared: links', err)
    if rc:
        return
    e = elfread.Elf(out)
    types = [p[0] for p in e.phdrs]
    check(e.type == 3 and types == [PT_LOAD, PT_LOAD, PT_DYNAMIC,
                                    PT_GNU_STACK],
          'shared: ET_DYN without PT_INTERP', str(types))
    d = dynamic(e)
    dynstr = e.section('.dynstr').data
    check(dynstr[d[DT['SONAME']]:].split(b'\0')[0] == b'libt.so.1',
          'shared: DT_SONAME')
    check(d.get(DT['FLAGS_1']) == 0 and DT['DEBUG'] not in d,
          'shared: not flagged PIE')
    dynsym = e.section('.dynsym').data
    names = {}
    for off in range(24, len(dynsym), 24):
        n, info, _o, shndx, val, size = struct.unpack_from('<IBBHQQ',
                                                           dynsym, off)
        names[dynstr[n:].split(b'\0')[0].decode()] = (val, size, info, shndx)
    check(set(names) == {'_start', 'f'} and
          names['f'][0] == sym(e, 'f')[1] and names['f'][1] == 8 and
          names['f'][2] == 0x12, 'shared: globals exported in .dynsym',
          str(names))
    # the SysV hash table finds each exported name
    h = e.section('.hash').data
    nb, nc = struct.unpack_from('<II', h, 0)
    found = True
    for name in names:
        hv = 0
        for c in name.encode():
            hv = (hv << 4) + c
            g = hv & 0xf0000000
            if g:
                hv ^= g >> 24
            hv &= ~g & 0xffffffff
        i = struct.unpack_from('<I', h, 8 + 4 * (hv % nb))[0]
        while i:
            n = struct.unpack_from('<I', dynsym, 24 * i)[0]
            if dynstr[n:].split(b'\0')[0].decode() == name:
                break
            i = struct.unpack_from('<I', h, 8 + 4 * nb + 4 * i)[0]
        found = found and i != 0
    check(found and nc == len(names) + 1, 'shared: .hash finds every name')


def test_errors():
    cases = [
        ('.data\n.word msg\nmsg: .byte 1\n', 'an address in a datum '
         'shorter than 8 bytes cannot be relocated at load time'),
        ('.data\nx: .quad msg * 2\nmsg: .byte 1\n', 'this value depends on '
         'the load address in a way no relocation expresses'),
    ]
    for src, want in cases:
        rc, err, _ = assemble('\t.text\n\t.global _start\n_start:\n'
                              '\t{\n\t  nop\n\t}\n' + src, '-pie')
        check(rc == 1 and want in err, 'refused: ' + want, err)
    rc, err, _ = assemble(PROGRAM, '--dynamic-linker=/l')
    check(rc == 1 and 'need -pie, -shared or a shared object among the '
          'inputs' in err,
          '--dynamic-linker without -pie is refused', err)
    rc, err, _ = assemble(PROGRAM, '-pie', '--dynamic-linker=rel/ld')
    check(rc == 1 and 'an absolute path is expected' in err,
          'a relative --dynamic-linker is refused', err)
    rc, err, _ = assemble(PROGRAM, '-pie', '-soname', 'x')
    check(rc == 1 and '-soname needs -shared' in err,
          '-soname without -shared is refused', err)
    rc, err, _ = assemble(PROGRAM, '-pie', '-z', 'bogus')
    check(rc == 1 and "unknown -z keyword `bogus'" in err,
          'an unknown -z keyword is refused', err)


GOT_PROGRAM = r'''
	.text
	.global _start
_start:
	{
	  rrd %ip, %dr1
	  addd,3 0, [ _f64 _GLOBAL_OFFSET_TABLE_ ], %dr2
	}
	{ ldd,0 [ %dr1 + _f32s var@GOT ], %dr3 }
	{ ldd,0 [ %dr1 + _f32s msg@GOT ], %dr3 }
	{ ldd,0 [ %dr1 + _f32s var@GOT ], %dr3 }
	{ addd,0 %dr1, [ _f64 msg@GOTOFF ], %dr4 }
	.data
var:	.quad 42
	.section .rodata
msg:	.ascii "hi\n"
'''


def literal(e, addr, size):
    """A literal's value: a 64-bit one is stored high word first."""
    if size == 4:
        return struct.unpack('<i', read_at(e, addr, 4))[0]
    hi, lo = struct.unpack('<II', read_at(e, addr, 8))
    return (hi << 32 | lo) - ((1 << 64) if hi >> 31 else 0)


def test_got():
    """@GOT, @GOTOFF and _GLOBAL_OFFSET_TABLE_ in a link: ld.bfd's layout
    (.got slots, then .got.plt with _DYNAMIC in its first word), literals
    relative to _GLOBAL_OFFSET_TABLE_, slots relocated at load time."""
    for kind in ('static', '-pie', '-shared'):
        rc, err, out = assemble(GOT_PROGRAM, *([kind] if kind != 'static'
                                               else []))
        check(rc == 0 and not err, 'got %s: links' % kind, err)
        if rc:
            continue
        e = elfread.Elf(out)
        got, gotplt = e.section('.got'), e.section('.got.plt')
        check(got and gotplt and got.size == 16 and gotplt.size == 24 and
              gotplt.addr == got.addr + 16 and got.flags == 3,
              'got %s: two slots (one per value), then .got.plt' % kind)
        var, msg, start = (sym(e, n)[1] for n in ('var', 'msg', '_start'))
        # the bundle layout: rrd+addd (hs, 2 ALS, literal), 3 loads, addd
        text = e.section('.text')
        pc_lit = literal(e, text.addr + 16, 8)
        check(pc_lit == gotplt.addr - start,
              'got %s: _GLOBAL_OFFSET_TABLE_ is relative to its wide '
              'instruction' % kind, '%x' % pc_lit)
        slots = [literal(e, text.addr + 24 + 16 * i + 12, 4)
                 for i in range(3)]
        check(slots == [got.addr - gotplt.addr, got.addr + 8 - gotplt.addr,
                        got.addr - gotplt.addr],
              'got %s: X@GOT is its slot relative to '
              '_GLOBAL_OFFSET_TABLE_' % kind, str(slots))
        gotoff = literal(e, text.addr + 72 + 8, 8)
        check(gotoff == msg - gotplt.addr, 'got %s: X@GOTOFF' % kind,
              '%x' % gotoff)
        words = struct.unpack('<QQ', got.data)
        header = struct.unpack('<QQQ', gotplt.data)
        if kind == 'static':
            check(words == (var, msg) and header == (0, 0, 0),
                  'got static: slots hold the addresses', str(words))
            continue
        d = dynamic(e)
        relas = read_at(e, d[DT['RELA']], d[DT['RELASZ']])
        rel = sorted(struct.unpack_from('<QQq', relas, o)
                     for o in range(0, len(relas), 24))
        check(words == (0, 0) and rel == [(got.addr, 65, var),
                                          (got.addr + 8, 65, msg)],
              'got %s: slots are 0 with R_E2K_64_RELATIVE' % kind,
              str((words, rel)))
        check(d.get(3) == gotplt.addr and
              header == (e.section('.dynamic').addr, 0, 0),
              'got %s: DT_PLTGOT and _DYNAMIC in .got.plt' % kind,
              str(header))
    bad = GOT_PROGRAM.replace('msg@GOT ]', 'ext@GOT ]')
    rc, err, _ = assemble(bad, '-pie')
    check(rc == 1 and 'in.S:10: error: @GOT of ext' in err,
          'got: an undefined symbol has no slot (no load-time lookup)', err)


LIB = r'''
	.data
	.global lv
	.type lv, @object
lv:	.quad 7
	.size lv, 8
	.text
	.global lf
	.type lf, @function
lf:	{ setwd wsz=4, nfx=1; return %ctpr3 }
	{ ct %ctpr3 }
	.size lf, . - lf
'''

USER = r'''
	.text
	.global _start
_start:
	{
	  rrd %ip, %dr1
	  disp %ctpr1, lf
	}
	{
	  call %ctpr1, wbs=4
	}
	{ ldd,0 [ %dr1 + _f32s lv@GOT ], %dr3 }
	{ ldd,0 [ %dr1 + _f32s mine@GOT ], %dr3 }
	.data
mine:	.quad 1
'''


def dynsyms(e):
    """[(name, value, size, info, shndx)] of .dynsym, in index order."""
    dynsym, dynstr = e.section('.dynsym').data, e.section('.dynstr').data
    out = []
    for off in range(0, len(dynsym), 24):
        n, info, _o, shndx, val, size = struct.unpack_from('<IBBHQQ',
                                                           dynsym, off)
        out.append((dynstr[n:].split(b'\0')[0].decode(), val, size, info,
                    shndx))
    return out


def bad_dynsym(path):
    """A copy of the shared object @path whose .dynsym has entry size 0."""
    with open(path, 'rb') as f:
        data = bytearray(f.read())
    ds = elfread.Elf(path).section('.dynsym')
    shoff = struct.unpack_from('<Q', data, 40)[0]
    for i in range(struct.unpack_from('<H', data, 60)[0]):
        off = shoff + 64 * i
        if struct.unpack_from('<Q', data, off + 24)[0] == ds.offset:
            struct.pack_into('<Q', data, off + 56, 0)
    bad = path + '.bad'
    with open(bad, 'wb') as f:
        f.write(bytes(data))
    return bad


def test_dynamic_exec():
    """Without -pie, a link given a shared object makes a dynamic ET_EXEC
    at the static link's addresses, with ld.bfd's non-PIC PLT (absolute
    64-bit literals) and no relative relocations."""
    rc, err, lib = assemble(LIB, '-shared', '-soname', 'libt.so.1')
    libcopy = os.path.join(TMP, 'libt-exec.so')
    with open(lib, 'rb') as f, open(libcopy, 'wb') as g:
        g.write(f.read())
    rc, err, out = assemble(USER, inputs=[libcopy])
    check(rc == 0 and not err, 'exec: links', err)
    if rc:
        return
    e = elfread.Elf(out)
    d = dynamic(e)
    interp = [p for p in e.phdrs if p[0] == PT_INTERP]
    check(e.type == 2 and e.phdrs[2][3] == 0x10000 and interp and
          read_at(e, interp[0][3], interp[0][5]) == b'/lib64/ld-linux.so.2\0',
          'exec: ET_EXEC at 0x10000 with the default PT_INTERP')
    dynstr = e.section('.dynstr').data
    check(1 in d and dynstr[d[1]:].split(b'\0')[0] == b'libt.so.1' and
          DT['DEBUG'] in d and DT['FLAGS_1'] not in d,
          'exec: DT_NEEDED, DT_DEBUG, no DT_FLAGS_1', str(d))
    check(d.get(DT['E2K_LAZY_GOT']) == 0, 'exec: DT_E2K_LAZY_GOT', str(d))
    plt, gotplt = e.section('.plt'), e.section('.got.plt')
    got, text = e.section('.got'), e.section('.text')
    check(plt is not None and plt.size == 0x40 + 0x20 + 0x28,
          'exec: .plt is the non-PIC one (header, lazy entry, entry)',
          plt and '%x' % plt.size)
    if plt is None:
        return
    entry = plt.addr + 0x40 + 0x20
    check(literal(e, plt.addr + 0x10, 8) == gotplt.addr + 8 and
          literal(e, entry + 0xc, 8) == gotplt.addr + 24,
          'exec: the header and the entry load absolute .got.plt '
          'addresses')
    disp = struct.unpack('<I', read_at(e, text.addr + 8, 4))[0] & 0x0fffffff
    check(text.addr + 8 * (disp - (disp >> 27 << 28)) == entry,
          "exec: the call goes to lf's PLT entry")
    check(struct.unpack_from('<Q', gotplt.data, 24)[0] == plt.addr + 0x40,
          'exec: the .got.plt slot first holds the lazy entry')
    relas = read_at(e, d[DT['RELA']], d[DT['RELASZ']])
    rel = [struct.unpack_from('<QQq', relas, o)
           for o in range(0, len(relas), 24)]
    mine = sym(e, 'mine')[1]
    check(rel == [(got.addr, 2 << 32 | 50, 0)] and
          d[DT['RELACOUNT']] == 0 and
          struct.unpack_from('<Q', got.data, 8)[0] == mine,
          'exec: only the import is relocated at load time', str(rel))
    jr = struct.unpack('<QQq', read_at(e, d[23], 24))
    check(jr == (gotplt.addr + 24, 1 << 32 | 63, 0),
          'exec: R_E2K_64_JMP_SLOT lf', str(jr))


def tls_lv(path):
    """A copy of the shared object @path in which lv is STT_TLS."""
    with open(path, 'rb') as f:
        data = bytearray(f.read())
    e = elfread.Elf(path)
    ds, dstr = e.section('.dynsym'), e.section('.dynstr').data
    for off in range(24, ds.size, 24):
        n = struct.unpack_from('<I', ds.data, off)[0]
        if dstr[n:].split(b'\0')[0] == b'lv':
            data[ds.offset + off + 4] = 0x16      # GLOBAL, STT_TLS
    out = path + '.tls'
    with open(out, 'wb') as f:
        f.write(bytes(data))
    return out


def test_imports():
    """A -pie (or -shared) output importing from a shared object: lf
    through a PLT in ld.bfd's layout with R_E2K_64_JMP_SLOT in .rela.plt,
    lv through a GOT slot with R_E2K_64_ABS, DT_NEEDED, undefined .dynsym
    entries the hash table covers."""
    rc, err, lib = assemble(LIB, '-shared', '-soname', 'libt.so.1')
    check(rc == 0 and not err, 'imports: the library links', err)
    if rc:
        return
    libcopy = os.path.join(TMP, 'libt.so')
    with open(lib, 'rb') as f, open(libcopy, 'wb') as g:
        g.write(f.read())
    for kind in ('-pie', '-shared'):
        rc, err, out = assemble(USER, kind, inputs=[libcopy])
        check(rc == 0 and not err, 'imports %s: links' % kind, err)
        if rc:
            continue
        e = elfread.Elf(out)
        d = dynamic(e)
        dynstr = e.section('.dynstr').data
        check(1 in d and
              dynstr[d[1]:].split(b'\0')[0] == b'libt.so.1',
              'imports %s: DT_NEEDED names the soname' % kind)
        syms = dynsyms(e)
        check([s[0] for s in syms[1:3]] == ['lf', 'lv'] and
              syms[1][3] == 0x12 and syms[2][3] == 0x11 and
              syms[1][4] == 0 and syms[2][4] == 0 and syms[2][2] == 8,
              'imports %s: lf (FUNC) and lv (OBJECT) undefined in .dynsym, '
              'first' % kind, str(syms))
        h = e.section('.hash').data
        check(struct.unpack_from('<I', h, 4)[0] == len(syms),
              'imports %s: .hash covers them' % kind)
        plt, gotplt = e.section('.plt'), e.section('.got.plt')
        got, text = e.section('.got'), e.section('.text')
        check(plt is not None and plt.size == 0x50 + 0x20 + 0x38 and
              plt.flags == 6 and plt.addr + plt.size <= text.addr,
              'imports %s: .plt (header, lazy entry, entry) before .text'
              % kind, plt and '%x' % plt.size)
        if plt is None:
            continue
        check(gotplt.size == 32 and d.get(3) == gotplt.addr,
              'imports %s: .got.plt has the three words and one slot' % kind)
        check(23 in d and d.get(2) == 24 and d.get(20) == 7,
              'imports %s: DT_JMPREL, DT_PLTRELSZ, DT_PLTREL = DT_RELA'
              % kind, str(d))
        # glibc's e2k ld.so binds lazily only with DT_E2K_LAZY_GOT (ld.bfd
        # writes it with a .rela.plt, value 0, just before DT_PLTGOT)
        tags = dynamic_tags(e)
        lz = DT['E2K_LAZY_GOT']
        check(lz in tags and tags[tags.index(lz) + 1] == 3 and
              d[lz] == 0, 'imports %s: DT_E2K_LAZY_GOT 0, before DT_PLTGOT'
              % kind, str(tags))
        jr = struct.unpack('<QQq', read_at(e, d[23], 24))
        check(jr == (gotplt.addr + 24, 1 << 32 | 63, 0),
              'imports %s: R_E2K_64_JMP_SLOT lf at the .got.plt slot' % kind,
              str(jr))
        entry = plt.addr + 0x50 + 0x20
        # `disp %ctpr1, lf' (CS0 after HS, ALS0): the call goes to the entry
        disp = struct.unpack('<I', read_at(e, text.addr + 8, 4))[0]
        disp &= 0x0fffffff
        target = text.addr + 8 * (disp - (disp >> 27 << 28))
        check(target == entry, "imports %s: the call goes to lf's PLT "
              "entry" % kind, '%x vs %x' % (target, entry))
        ent = read_at(e, entry, 0x38)
        check(struct.unpack_from('<i', ent, 0x24)[0] ==
              gotplt.addr + 24 - entry and
              struct.unpack_from('<I', ent, 0x18)[0] == 0x04000111,
              'imports %s: the entry loads its slot, %%ip-relative' % kind)
        hdr = read_at(e, plt.addr, 0x50)
        check(struct.unpack_from('<II', hdr, 0x20) ==
              (gotplt.addr - plt.addr + 16, gotplt.addr - plt.addr + 8),
              'imports %s: the header loads .got.plt words 2 and 1' % kind)
        lazy = read_at(e, plt.addr + 0x50, 0x20)
        check(struct.unpack_from('<Q', gotplt.data, 24)[0] ==
              plt.addr + 0x50 and
              struct.unpack_from('<I', lazy, 0xc)[0] ==
              ((-0x50 & 0xffffffff) >> 3) & 0x0fffffff and
              struct.unpack_from('<I', lazy, 0x18)[0] == 0,
              'imports %s: the slot first holds the lazy entry, which '
              'branches to the header with the .rela.plt offset' % kind)
        relas = read_at(e, d[DT['RELA']], d[DT['RELASZ']])
        rel = [struct.unpack_from('<QQq', relas, o)
               for o in range(0, len(relas), 24)]
        mine = sym(e, 'mine')[1]
        check(rel == [(got.addr + 8, 65, mine), (got.addr, 2 << 32 | 50, 0)]
              and d[DT['RELACOUNT']] == 1,
              "imports %s: lv's GOT slot has R_E2K_64_ABS, after the "
              "relative relocations (DT_RELACOUNT 1)" % kind, str(rel))
        st = sym(e, 'lf')
        check(st is not None and st[1] == 0,
              'imports %s: lf undefined in .symtab' % kind, str(st))
    # the same from an object (-c): its relocations R_E2K_DISP against lf
    # and R_E2K_GOT against lv + 0 import them the same way
    rc, err, obj = assemble(USER, '-c')
    objcopy = os.path.join(TMP, 'user.o')
    if rc == 0:
        os.replace(obj, objcopy)
    rc2, err2, out = assemble(USER, '-pie', inputs=[libcopy])
    direct = rc2 == 0 and elfread.Elf(out)
    if rc2 == 0:
        p = subprocess.run([ASM, '-pie', '-o', out + '2', objcopy, libcopy],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True)
        rc2, err2 = p.returncode, p.stderr
    same = rc == 0 and rc2 == 0 and all(
        elfread.Elf(out + '2').section(n).data == direct.section(n).data
        for n in ('.text', '.plt', '.got', '.got.plt', '.rela.dyn',
                  '.rela.plt', '.dynsym', '.dynamic'))
    check(same, 'imports: linked from an object, the same as from the '
          'source', err + err2)
    # ld waits 4 cycles, not 2, for the PLT's loads on elbrus-v6
    for cpu, hs in (('elbrus-v5', (0x14000122, 0x04000111)),
                    ('elbrus-v6', (0x14000222, 0x04000211))):
        rc, err, out = assemble(USER, '-pie', '-mcpu=' + cpu,
                                inputs=[libcopy])
        plt = rc == 0 and elfread.Elf(out).section('.plt')
        got = plt and (struct.unpack_from('<I', plt.data, 0x10)[0],
                       struct.unpack_from('<I', plt.data, 0x70 + 0x18)[0])
        check(got == hs, 'imports: PLT load delays for %s' % cpu,
              err or str(got))
    # refusals
    rc, err, _ = assemble(USER.replace('lv@GOT', 'lv'), '-pie',
                          inputs=[libcopy])
    check(rc == 1 and "`lv' is a variable of libt.so.1: reach it through "
          "`lv@GOT'" in err, 'imports: a direct reference to a variable '
          'is refused', err)
    rc, err, _ = assemble(USER, '-pie', inputs=[bad_dynsym(libcopy)])
    check(rc == 1 and '.dynsym has a bad entry size' in err,
          'imports: a broken shared object is refused', err)
    rc, err, _ = assemble(USER, '-pie', inputs=[tls_lv(libcopy)])
    check(rc == 1 and '@GOT of lv: it is thread-local in libt.so.1' in err,
          'imports: a thread-local variable is refused', err)
    rc, err, _ = assemble(USER.replace('lv@GOT', 'lw@GOT'), '-pie',
                          inputs=[libcopy])
    check(rc == 1 and '@GOT of lw: neither defined' in err,
          'imports: a symbol no input defines stays an error', err)


def sysv_hash(name):
    h = 0
    for c in name.encode():
        h = ((h << 4) + c) & 0xffffffff
        g = h & 0xf0000000
        h ^= g >> 24
        h &= ~g & 0xffffffff
    return h


def gnu_hash(name):
    h = 5381
    for c in name.encode():
        h = (h * 33 + c) & 0xffffffff
    return h


def lookup_sysv(e, name):
    """The .dynsym index of @name found through .hash (as ld.so walks
    it), or None."""
    h = e.section('.hash').data
    nbucket, nchain = struct.unpack_from('<II', h)
    syms = dynsyms(e)
    i = struct.unpack_from('<I', h, 8 + 4 * (sysv_hash(name) % nbucket))[0]
    seen = 0
    while i and seen <= nchain:
        if syms[i][0] == name and syms[i][4]:
            return i
        i = struct.unpack_from('<I', h, 8 + 4 * nbucket + 4 * i)[0]
        seen += 1
    return None


def lookup_gnu(e, name):
    """The .dynsym index of @name found through .gnu.hash as glibc's
    ld.so looks it up (bloom filter, bucket, chain), or None; and whether
    the bloom filter let it through."""
    g = e.section('.gnu.hash').data
    nbucket, symoff, nbloom, shift = struct.unpack_from('<IIII', g)
    h = gnu_hash(name)
    word = struct.unpack_from('<Q', g, 16 + 8 * ((h >> 6) & (nbloom - 1)))[0]
    if not (word >> (h & 63)) & (word >> ((h >> shift) & 63)) & 1:
        return None, False
    buckets = 16 + 8 * nbloom
    chain = buckets + 4 * nbucket
    i = struct.unpack_from('<I', g, buckets + 4 * (h % nbucket))[0]
    if i == 0:
        return None, True
    syms = dynsyms(e)
    while True:
        ch = struct.unpack_from('<I', g, chain + 4 * (i - symoff))[0]
        if (ch | 1) == (h | 1) and syms[i][0] == name:
            return i, True
        if ch & 1:
            return None, True
        i += 1


def test_hash_tables():
    """.gnu.hash beside .hash (--hash-style=both, the default), in ld's
    layout: every exported symbol is found through either table with
    its value, names not exported are not, and the imports stay before
    the hashed symbols."""
    rc, err, lib = assemble(LIB, '-shared', '-soname', 'libt.so.1')
    libcopy = os.path.join(TMP, 'libt-hash.so')
    with open(lib, 'rb') as f, open(libcopy, 'wb') as g:
        g.write(f.read())
    names = ['f%d' % i for i in range(40)] + ['open', 'printf', 'x']
    src = USER.replace('_start', 'start_') + ''.join(
        '\t.global %s\n\t.type %s, @function\n%s:\t{ nop }\n' % (n, n, n)
        for n in names)
    rc, err, out = assemble(src, '-shared', inputs=[libcopy])
    check(rc == 0 and not err, 'hash: a library with 44 exports links', err)
    if rc:
        return
    e = elfread.Elf(out)
    order = [sec.name for sec in e.sections]
    check(order[order.index('.hash') + 1:order.index('.hash') + 3] ==
          ['.gnu.hash', '.dynsym'], 'hash: .hash, .gnu.hash, .dynsym (ld)',
          str(order))
    gh, ds = e.section('.gnu.hash'), e.section('.dynsym')
    d = dynamic(e)
    check(gh.type == 0x6ffffff6 and gh.align == 8 and gh.entsize == 0 and
          e.sections[gh.link] is ds and d.get(0x6ffffef5) == gh.addr and
          d.get(DT['HASH']) == e.section('.hash').addr,
          'hash: SHT_GNU_HASH linked to .dynsym, DT_GNU_HASH and DT_HASH')
    tags = dynamic_tags(e)
    check(tags.index(0x6ffffef5) == tags.index(DT['HASH']) + 1,
          'hash: DT_GNU_HASH just after DT_HASH', str(tags))
    syms = dynsyms(e)
    nbucket, symoff, nbloom, shift = struct.unpack_from('<IIII', gh.data)
    # ld's shapes for 45 hashed symbols: 37 buckets, 4 bloom words, shift 8;
    # .hash: 37 buckets for 47 symbols
    check((nbucket, symoff, nbloom, shift) == (37, 3, 4, 8) and
          struct.unpack_from('<I', e.section('.hash').data)[0] == 37,
          'hash: bucket counts, bloom size and shift as ld',
          str((nbucket, symoff, nbloom, shift)))
    check([x[0] for x in syms[1:3]] == ['lf', 'lv'] and
          all(x[4] for x in syms[3:]),
          'hash: imports first, then the hashed (defined) symbols')
    buckets = [gnu_hash(x[0]) % nbucket for x in syms[symoff:]]
    check(buckets == sorted(buckets), 'hash: hashed symbols by bucket')
    wrong = [n for n in names + ['start_']
             if lookup_gnu(e, n)[0] is None or lookup_sysv(e, n) is None or
             lookup_gnu(e, n)[0] != lookup_sysv(e, n) or
             syms[lookup_gnu(e, n)[0]][1] != sym(e, n)[1]]
    check(not wrong, 'hash: every export found through .gnu.hash and '
          '.hash, with its value', str(wrong))
    absent = ['f40', 'lf', 'lv', 'mine', 'main', 'f1 ', 'F1']
    found = [n for n in absent if lookup_gnu(e, n)[0] or lookup_sysv(e, n)]
    check(not found, 'hash: imports and other names are not found',
          str(found))
    bloomed = sum(lookup_gnu(e, 'nope%d' % i)[1] for i in range(200))
    check(bloomed < 100, 'hash: the bloom filter rejects most absent '
          'names (%d of 200 passed)' % bloomed)
    # one style only
    for style, has, hasnt in (('sysv', '.hash', '.gnu.hash'),
                              ('gnu', '.gnu.hash', '.hash')):
        rc, err, out = assemble(src, '-shared', '--hash-style=' + style,
                                inputs=[libcopy])
        e = elfread.Elf(out) if rc == 0 else None
        ok = e and e.section(has) and not e.section(hasnt)
        if ok and style == 'gnu':
            ok = all(lookup_gnu(e, n)[0] for n in names) and \
                DT['HASH'] not in dynamic(e)
        check(bool(ok), '--hash-style=%s: %s only' % (style, has), err)
    # a PIE exports nothing: ld's empty .gnu.hash
    rc, err, out = assemble(PROGRAM, '-pie')
    gh = rc == 0 and elfread.Elf(out).section('.gnu.hash')
    check(gh and gh.data == struct.pack('<IIIIQI', 1, 1, 1, 0, 0, 0),
          'hash: a PIE has the empty .gnu.hash', err)
    rc, err, _ = assemble(src, '-shared', '--hash-style=fast')
    check(rc == 1 and "--hash-style: `fast' is not sysv, gnu or both" in err,
          'hash: a bad --hash-style is refused', err)
    rc, err, _ = assemble(PROGRAM, '--hash-style=gnu')
    check(rc == 1 and '--hash-style need -pie, -shared' in err,
          'hash: --hash-style without a dynamic output is refused', err)


COPY_LIB = r'''
	.data
	.global lv
	.type lv, @object
	.align 16
lv:	.quad 7, 8
	.size lv, 16
	.global lw
	.type lw, @object
lw:	.quad 9
	.size lw, 8
	.global lz
	.type lz, @object
lz:
	.size lz, 0
'''

COPY_USER = r'''
	.text
	.global _start
_start:
	{
	  rrd %ip, %dr1
	}
	{ addd,0 0, [ _f64 lv ], %dr2 }
	{ ldd,0 [ %dr1 + _f32s lv@GOT ], %dr3 }
	{ ldd,0 [ %dr1 + _f32s lw@GOT ], %dr3 }
	.data
	.quad 1
ptr:	.quad lv + 8
'''


def test_copy():
    """A dynamic ET_EXEC that refers to a shared object's variable
    directly gets a copy of it in .dynbss with R_E2K_64_COPY, as ld.bfd
    makes for e2k; -pie cannot, and refuses."""
    rc, err, lib = assemble(COPY_LIB, '-shared', '-soname', 'libc.so.1')
    libcopy = os.path.join(TMP, 'libcopy.so')
    with open(lib, 'rb') as f, open(libcopy, 'wb') as g:
        g.write(f.read())
    rc, err, out = assemble(COPY_USER, inputs=[libcopy])
    check(rc == 0 and not err, 'copy: the executable links', err)
    if rc:
        return
    e = elfread.Elf(out)
    bss, data = e.section('.dynbss'), e.section('.data')
    check(bss is not None and bss.type == 8 and bss.flags == 3 and
          bss.size == 16 and bss.addr % 16 == 0 and
          bss.addr >= data.addr + data.size,
          'copy: .dynbss (NOBITS, WA) after .data, aligned as lv in its '
          'object', bss and str((bss.addr, bss.size, bss.align)))
    if bss is None:
        return
    syms = dynsyms(e)
    idx = [x[0] for x in syms].index('lv')
    check(syms[idx][1:] == (bss.addr, 16, 0x11, e.sections.index(bss)) and
          idx == len(syms) - 1,
          'copy: lv defined in .dynbss in .dynsym, last (hashed)',
          str(syms))
    check(lookup_gnu(e, 'lv')[0] == idx and lookup_sysv(e, 'lv') == idx and
          lookup_gnu(e, 'lw')[0] is None and
          struct.unpack_from('<I', e.section('.gnu.hash').data, 4)[0] == idx,
          'copy: .gnu.hash covers the copy, not the imports')
    d = dynamic(e)
    relas = read_at(e, d[DT['RELA']], d[DT['RELASZ']])
    rel = [struct.unpack_from('<QQq', relas, o)
           for o in range(0, len(relas), 24)]
    got = e.section('.got')
    lw = [x[0] for x in syms].index('lw')
    check(sorted(rel) == sorted([(bss.addr, idx << 32 | 64, 0),
                                 (got.addr + 8, lw << 32 | 50, 0)]),
          'copy: R_E2K_64_COPY at the copy; lw still through R_E2K_64_ABS',
          str(rel))
    check(struct.unpack('<QQ', got.data) == (bss.addr, 0) and
          struct.unpack_from('<Q', data.data, 8)[0] == bss.addr + 8 and
          literal(e, e.section('.text').addr + 0x18, 8) == bss.addr,
          "copy: lv's GOT slot, .quad lv + 8 and the literal hold the "
          "copy's address")
    st = sym(e, 'lv')
    check(st is not None and st[1] == bss.addr,
          'copy: lv defined in .symtab', str(st))
    # referred to only by 8-byte data in writable sections, a variable is
    # not copied: each datum gets an R_E2K_64_ABS (as ld.bfd does)
    rc, err, out = assemble(COPY_USER + '\tnop\n\t.data\npw:\t.quad lw - 4\n'
                            '\t.quad lw\n', inputs=[libcopy])
    e2 = rc == 0 and elfread.Elf(out)
    if e2:
        d2 = dynamic(e2)
        relas = read_at(e2, d2[DT['RELA']], d2[DT['RELASZ']])
        rel = [struct.unpack_from('<QQq', relas, o)
               for o in range(0, len(relas), 24)]
        syms2 = dynsyms(e2)
        lw2 = [x[0] for x in syms2].index('lw')
        pw = sym(e2, 'pw')[1]
        got2 = e2.section('.got')
        want = [(got2.addr + 8, lw2 << 32 | 50, 0),
                (pw, lw2 << 32 | 50, -4), (pw + 8, lw2 << 32 | 50, 0)]
        check(all(r in rel for r in want) and syms2[lw2][4] == 0 and
              read_at(e2, pw, 16) == bytes(16) and
              e2.section('.dynbss').size == 16,
              'copy: a variable read only through data in writable '
              'sections is bound there (R_E2K_64_ABS), not copied',
              str(rel))
    else:
        check(False, 'copy: data references link', err)
    # an untrusted st_size: a copy over 4 GiB is refused
    with open(libcopy, 'rb') as f:
        data = bytearray(f.read())
    lib_e = elfread.Elf(libcopy)
    ds = lib_e.section('.dynsym')
    for off in range(0, ds.size, 24):
        n = struct.unpack_from('<I', ds.data, off)[0]
        if lib_e.section('.dynstr').data[n:].startswith(b'lv\0'):
            struct.pack_into('<Q', data, ds.offset + off + 16, 1 << 62)
    huge = os.path.join(TMP, 'libcopy-huge.so')
    with open(huge, 'wb') as f:
        f.write(data)
    rc, err, _ = assemble(COPY_USER, inputs=[huge])
    check(rc == 1 and "`lv' of libc.so.1 cannot be copied into the "
          "executable (its size is over 4 GiB)" in err,
          'copy: an absurd st_size is refused', err)
    # an untrusted sh_addralign (not a power of two, or huge): the copy
    # is aligned as bfd would (rounded up) but never by more than a page
    for align in (24, 1 << 40):
        with open(libcopy, 'rb') as f:
            data = bytearray(f.read())
        shoff = struct.unpack_from('<Q', data, 40)[0]
        lib_e = elfread.Elf(libcopy)
        ldata = lib_e.sections.index(lib_e.section('.data'))
        struct.pack_into('<Q', data, shoff + 64 * ldata + 48, align)
        odd = os.path.join(TMP, 'libcopy-align.so')
        with open(odd, 'wb') as f:
            f.write(data)
        rc, err, out = assemble(COPY_USER, inputs=[odd])
        bss = rc == 0 and elfread.Elf(out).section('.dynbss')
        check(bss and bss.addr % 16 == 0 and bss.align <= 4096 and
              bss.size == 16, 'copy: a shared object whose section '
              'alignment is %d' % align, err or str(bss and bss.align))
    rc, err, _ = assemble(COPY_USER, '-pie', inputs=[libcopy])
    check(rc == 1 and "`lv' is a variable of libc.so.1: reach it through "
          "`lv@GOT' (only a dynamic ET_EXEC" in err,
          'copy: -pie refuses a direct reference to a variable', err)
    rc, err, _ = assemble(COPY_USER.replace('_f64 lv', '_f64 lz'),
                          inputs=[libcopy])
    check(rc == 1 and "`lz' of libc.so.1 cannot be copied into the "
          "executable (its size is 0): reach it through `lz@GOT'" in err,
          'copy: a variable of size 0 is refused', err)


def test_bind_now():
    """-z now: DT_BIND_NOW and DF_1_NOW (as ld without new dtags), for
    a PIE (with DF_1_PIE) and a dynamic ET_EXEC; -z lazy undoes it."""
    rc, err, lib = assemble(LIB, '-shared', '-soname', 'libt.so.1')
    libcopy = os.path.join(TMP, 'libt-now.so')
    with open(lib, 'rb') as f, open(libcopy, 'wb') as g:
        g.write(f.read())
    for kind, flags_1 in (('-pie', 0x08000001), (None, 1)):
        opts = ([kind] if kind else []) + ['-z', 'now']
        rc, err, out = assemble(USER, *opts, inputs=[libcopy])
        d = rc == 0 and dynamic(elfread.Elf(out))
        check(d and 24 in d and d.get(DT['FLAGS_1']) == flags_1 and
              DT['FLAGS'] not in d and
              dynamic_tags(elfread.Elf(out))[-2:] ==
              [DT['FLAGS_1'], 0], '-z now %s: DT_BIND_NOW, DT_FLAGS_1 %#x'
              % (kind or 'exec', flags_1), err or str(d))
        rc, err, out = assemble(USER, *(opts + ['-z', 'lazy']),
                                inputs=[libcopy])
        d = rc == 0 and dynamic(elfread.Elf(out))
        check(d and 24 not in d and
              d.get(DT['FLAGS_1'], 0) == flags_1 & ~1,
              '-z lazy after -z now %s: neither' % (kind or 'exec'),
              err or str(d))
    rc, err, _ = assemble(PROGRAM, '-z', 'now')
    check(rc == 1 and '-z now/lazy' in err,
          '-z now without a dynamic output is refused', err)
    rc, err, _ = assemble(PROGRAM, '-pie', '-z', 'later')
    check(rc == 1 and "unknown -z keyword `later'" in err,
          'an unknown -z keyword is refused', err)


for t in (test_pie, test_pie_options, test_shared, test_errors, test_got,
          test_imports, test_dynamic_exec, test_hash_tables, test_copy,
          test_bind_now):
    try:
        t()
    except Exception as ex:     # a broken output: one failed case
        check(False, t.__name__, repr(ex))

print('1..%d' % len(results))
for i, (ok, name, why) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok and why:
        for line in str(why).splitlines():
            print('# ' + line)
sys.exit(0)
