"""Minimal ELF64 little-endian reader for the e2k-asm tests.

Reads the file header, section headers (with names and contents), program
headers and the symbol table.  Every offset and size is checked against
the file size, so a broken output fails the test with a message instead
of a Python traceback deep inside.
"""
import struct


class ElfError(Exception):
    pass


class Section:
    def __init__(self, name, type_, flags, addr, offset, size, link, info,
                 align, entsize, data):
        self.name = name
        self.type = type_
        self.flags = flags
        self.addr = addr
        self.offset = offset
        self.size = size
        self.link = link
        self.info = info
        self.align = align
        self.entsize = entsize
        self.data = data


class Elf:
    def __init__(self, path):
        with open(path, 'rb') as f:
            self.raw = f.read()
        raw = self.raw
        if len(raw) < 64 or raw[:4] != b'\x7fELF':
            raise ElfError('%s: not an ELF file' % path)
        if raw[4] != 2 or raw[5] != 1:
            raise ElfError('%s: not ELF64 little-endian' % path)
        (self.type, self.machine, _version, self.entry, self.phoff,
         self.shoff, self.flags, _ehsize, phentsize, self.phnum, shentsize,
         self.shnum, self.shstrndx) = struct.unpack_from(
             '<HHIQQQIHHHHHH', raw, 16)
        self.phdrs = []
        for i in range(self.phnum):
            off = self.phoff + i * 56
            self._check(off, 56, 'program header')
            self.phdrs.append(struct.unpack_from('<IIQQQQQQ', raw, off))
        hdrs = []
        for i in range(self.shnum):
            off = self.shoff + i * 64
            self._check(off, 64, 'section header')
            hdrs.append(struct.unpack_from('<IIQQQQIIQQ', raw, off))
        if self.shnum and self.shstrndx >= self.shnum:
            raise ElfError('bad e_shstrndx')
        shstr = b''
        if self.shnum:
            h = hdrs[self.shstrndx]
            self._check(h[4], h[5], 'shstrtab')
            shstr = raw[h[4]:h[4] + h[5]]
        self.sections = []
        for h in hdrs:
            name = self._cstr(shstr, h[0])
            if h[1] == 8:               # SHT_NOBITS
                data = b''
            else:
                self._check(h[4], h[5], 'section %s' % name)
                data = raw[h[4]:h[4] + h[5]]
            self.sections.append(Section(name, h[1], h[2], h[3], h[4], h[5],
                                         h[6], h[7], h[8], h[9], data))

    def _check(self, off, size, what):
        if off < 0 or size < 0 or off + size > len(self.raw):
            raise ElfError('%s at %#x+%#x is outside the file' %
                           (what, off, size))

    @staticmethod
    def _cstr(tab, off):
        if off >= len(tab) and off:
            raise ElfError('string offset %#x out of range' % off)
        end = tab.find(b'\0', off)
        return tab[off:end if end >= 0 else len(tab)].decode()

    def section(self, name):
        for s in self.sections:
            if s.name == name:
                return s
        return None

    def symbols(self):
        """List of (name, value, size, info, shndx)."""
        tab = None
        for s in self.sections:
            if s.type == 2:             # SHT_SYMTAB
                tab = s
        if tab is None:
            return []
        strs = self.sections[tab.link].data
        out = []
        for off in range(0, len(tab.data) - 23, 24):
            name, info, _other, shndx, value, size = struct.unpack_from(
                '<IBBHQQ', tab.data, off)
            out.append((self._cstr(strs, name), value, size, info, shndx))
        return out

    def relocations(self, secname):
        """(offset, type, symbol name, addend) of .rela<secname>."""
        rela = self.section('.rela' + secname)
        if rela is None:
            return []
        syms = self.symbols()
        out = []
        for off in range(0, len(rela.data) - 23, 24):
            r_off, r_info, addend = struct.unpack_from('<QQq', rela.data, off)
            sym = syms[r_info >> 32]
            name = sym[0]
            if (sym[3] & 0xf) == 3:      # STT_SECTION
                name = self.sections[sym[4]].name
            out.append((r_off, r_info & 0xffffffff, name, addend))
        return out

    def alloc_sections(self):
        return [s for s in self.sections if s.flags & 2]
