#!/usr/bin/env python3
"""Generate target/e2k/opcodes-gen.{h,c}: the e2k opcode table.

Development-time tool.  It derives the encoding facts (ALS opcode, ALES
extension, fixed operand fields, legal channels, ISA range, operand
formats) from the golden vectors of the reference assembler
(vectors-vN.tsv / coverage-vN.tsv, given by --data DIR) and writes the
table in our own format.  The build only uses the committed output.

usage: gen-opcodes.py --data DIR --out target/e2k
"""
import argparse, collections, os, re, struct, sys

ISAS = (2, 3, 4, 5, 6)
ALU_KINDS = {
    'ALOPF1': 'E2K_ALOPF1', 'ALOPF2': 'E2K_ALOPF2', 'ALOPF3': 'E2K_ALOPF3',
    'ALOPF7': 'E2K_ALOPF7', 'ALOPF8': 'E2K_ALOPF8', 'ALOPF10': 'E2K_ALOPF10',
    'ALOPF11': 'E2K_ALOPF11', 'ALOPF11_LIT8': 'E2K_ALOPF11_LIT8',
    'ALOPF11_MERGE': 'E2K_ALOPF11_MERGE', 'ALOPF12': 'E2K_ALOPF12',
    'ALOPF12_PSHUFH': 'E2K_ALOPF12_PSHUFH',
    'ALOPF12_IBRANCHD': 'E2K_ALOPF12_IBRANCHD',
    'ALOPF12_ICALLD': 'E2K_ALOPF12_ICALLD', 'ALOPF13': 'E2K_ALOPF13',
    'ALOPF15': 'E2K_ALOPF15', 'ALOPF16': 'E2K_ALOPF16',
    'ALOPF17': 'E2K_ALOPF17', 'ALOPF19': 'E2K_ALOPF19',
    'ALOPF21': 'E2K_ALOPF21', 'ALOPF21_MERGE': 'E2K_ALOPF21_MERGE',
    'ALOPF22': 'E2K_ALOPF22', 'MERGE': 'E2K_ALOPF_MERGE',
    'MMURR': 'E2K_ALOPF_MMURR', 'MMURW': 'E2K_ALOPF_MMURW',
    'AAURR': 'E2K_ALOPF_AAURR', 'AAURW': 'E2K_ALOPF_AAURW',
}
# Kinds whose src1 field holds a fixed value (opce).
SRC1_FIXED = {'ALOPF2', 'ALOPF8', 'ALOPF12', 'ALOPF12_PSHUFH',
              'ALOPF12_IBRANCHD', 'ALOPF22', 'ALOPF15'}
# Kinds whose ALES low byte is fixed (opce) rather than an operand.
ALES_LO_FIXED = {'ALOPF11', 'ALOPF11_MERGE', 'ALOPF12', 'ALOPF12_IBRANCHD',
                 'ALOPF12_ICALLD', 'ALOPF13', 'ALOPF17', 'ALOPF22',
                 'ALOPF15', 'ALOPF16', 'ALOPF10', 'ALOPF19', 'AAURR',
                 'AAURW'}
ALES_LO_OPERAND = {'ALOPF21', 'ALOPF21_MERGE', 'ALOPF11_LIT8',
                   'ALOPF12_PSHUFH'}
CMP_KINDS = {'ALOPF7', 'ALOPF8', 'ALOPF17'}


def unpack(hexs, isa):
    """Split one bundle into the syllables we need: ALS and ALES by channel."""
    b = bytes.fromhex(hexs)
    w = struct.unpack('<%dI' % (len(b) // 4), b)
    hs = w[0]
    mdl, s, c = hs & 0xf, (hs >> 12) & 1, (hs >> 14) & 3
    ale, al = (hs >> 20) & 0x3f, (hs >> 26) & 0x3f
    i = 1 + s
    als = {}
    for k in range(6):
        if al >> k & 1:
            als[k] = w[i]
            i += 1
    if c & 1:
        i += 1
    ales = {}
    end1 = i + (1 if c & 2 else 0)
    if end1 != mdl + 1:
        a25 = w[i]
        i += 1
        if ale & 4:
            ales[2] = a25 >> 16
        if ale & 0x20:
            ales[5] = a25 & 0xffff
    else:
        for k in (2, 5):
            if ale >> k & 1:
                ales[k] = 0x01c0
    if c & 2:
        i += 1
    n = 0
    for k in (0, 1, 3, 4):
        if ale >> k & 1:
            word = w[i + n // 2]
            ales[k] = (word >> 16) & 0xffff if n % 2 == 0 else word & 0xffff
            n += 1
    return als, ales


REGFMT = [(re.compile(r'^%qpr\d+$|^%qpb\[|^%qpg\d+$'), 'P'),
          (re.compile(r'^%qr\d+$|^%qb\[|^%qg\d+$'), 'Q'),
          (re.compile(r'^%xr\d+$|^%xb\[|^%xg\d+$'), 'X'),
          (re.compile(r'^%dr\d+$|^%db\[|^%dg\d+$'), 'D'),
          (re.compile(r'^%r\d+$|^%b\[|^%g\d+$'), 'S')]


def regfmt(tok):
    tok = tok.strip()
    for rx, f in REGFMT:
        if rx.match(tok):
            return f
    return None


def split_ops(text):
    """Operands of one operation text (after the mnemonic)."""
    text = text.split('?')[0]
    text = re.sub(r'\[\s', ' ', text)
    text = re.sub(r'\s\]', ' ', text).replace('+', ',')
    return [t.strip() for t in text.split(',') if t.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', required=True)
    ap.add_argument('--out', required=True)
    args = ap.parse_args()

    kinds = {}                      # name -> kind
    legal = collections.defaultdict(dict)   # name -> isa -> channel string
    for isa in ISAS:
        with open(os.path.join(args.data, 'coverage-v%d.tsv' % isa)) as f:
            for ln in f.read().splitlines()[1:]:
                col = ln.split('\t')
                name, kind, chans = col[0], col[1], col[2]
                if kind not in ALU_KINDS:
                    continue
                kinds[name] = kind
                legal[name][isa] = chans

    # name -> encoding tuple -> isa -> set(channels)
    enc = collections.defaultdict(lambda: collections.defaultdict(
        lambda: collections.defaultdict(set)))
    fmts = {}
    conflicts = []
    ales25_v4 = set()
    partial = {}
    mas_ops = set()
    lit64 = set()
    for isa in ISAS:
        with open(os.path.join(args.data, 'vectors-v%d.tsv' % isa)) as f:
            lines = f.read().splitlines()[1:]
        for ln in lines:
            asm, hexs, dis = ln.split('\t')
            if not asm.startswith('{') or ';' in asm:
                continue
            body = asm.strip('{} ')
            m = re.match(r'([a-z_0-9]+)(,\s*\d)?', body)
            if not m:
                continue
            name = m.group(1)
            if name not in kinds or not m.group(2):
                continue
            ch = int(m.group(2).lstrip(', '))
            kind = kinds[name]
            try:
                als, ales = unpack(hexs, isa)
            except Exception:
                continue
            if not als:
                continue
            chans = sorted(als)
            pair = len(chans) == 2
            first = chans[0]
            a = als[first] & 0x7fffffff
            opc = a >> 24
            opce = 0
            if kind in SRC1_FIXED:
                opce = (a >> 16) & 0xff
            if kind in CMP_KINDS:
                opce = (a >> 5) & 7
            if kind == 'ALOPF16':
                opce = 0
            eh = ales.get(first)
            if eh is None:
                opc2, aopce, has_ales = 0, 0, False
            else:
                opc2, has_ales = eh >> 8, True
                aopce = eh & 0xff if kind not in ALES_LO_OPERAND else 0
            if 'mas=' in body:
                mas_ops.add(name)
            if '_f' not in body and not pair:
                for tok in re.findall(r'(?<![%\w])-?(?:0x[0-9a-f]+|\d+)', body):
                    v = int(tok, 0)
                    if v < -2**31 or v > 2**31 - 1:
                        code = (als[first] >> 8) & 0xff
                        if 0xdc <= code <= 0xde:
                            lit64.add(name)
                        break
            if isa == 4 and first in (2, 5) and has_ales_word(hexs):
                ales25_v4.add(name)
            key = (opc, opce, opc2, aopce, has_ales, pair,
                   ())
            enc[name][key][isa].add(ch)
            ops = split_ops(body[m.end():])
            ops = [o for o in ops if not o.startswith('mas')]
            fl = [regfmt(o) for o in ops]
            lits = [o for o in ops if re.match(r'^-?(0x)?[0-9a-f]+$', o)]
            if name not in fmts:
                if fl and not lits and any(fl):
                    fmts[name] = fl
                elif fl and any(fl):
                    # merge register formats position by position
                    part = partial.setdefault((name, len(fl)), [None] * len(fl))
                    for i, f in enumerate(fl):
                        if f and not part[i]:
                            part[i] = f

    for (name, n), part in sorted(partial.items()):
        if name not in fmts:
            fmts[name] = part
    fmts.update(sem_formats(args.data, kinds))
    names = sorted(kinds)
    rows = []
    for name in names:
        kind = kinds[name]
        for key, byisa in sorted(enc[name].items()):
            opc, opce, opc2, aopce, has_ales, pair, chans = key
            # channel masks per isa; for pairs the channel written is either
            # member, record the first one (the minor).
            cur = None
            for isa in ISAS + (7,):
                if isa == 7:
                    m = cur[2] if cur and cur[1] == 6 else None
                else:
                    m = 0
                    if isa in byisa:
                        m = chan_mask(name, key, isa, legal, enc, pair)
                    m = m or None
                if m and cur and cur[2] == m and cur[1] == isa - 1:
                    cur[1] = isa
                    continue
                if cur:
                    rows.append(cur[3])
                    cur = None
                if m:
                    cur = [isa, isa, m, None]
                    cur[3] = dict(name=name, kind=kind, opc=opc, opce=opce,
                                  opc2=opc2, aopce=aopce, has_ales=has_ales,
                                  pair=pair, chans=chans, row=cur)
            if cur:
                rows.append(cur[3])
    # fix ranges from the row lists
    out_rows = []
    for r in rows:
        lo, hi, m, _ = r['row']
        r['isa_min'], r['isa_max'], r['mask'] = lo, hi, m
        out_rows.append(r)

    bad = check_channels(args.data, kinds, legal, out_rows)
    if bad:
        for b in bad[:40]:
            print('channel check: ' + b, file=sys.stderr)
        sys.exit('gen-opcodes: %d channel mismatches with the reference data'
                 % len(bad))

    ids = ['NONE'] + names
    with open(os.path.join(args.out, 'opcodes-gen.h'), 'w') as f:
        f.write('/*\n * GENERATED by scripts/e2k/gen-opcodes.py - do not edit.\n'
                ' * The operation ids of the e2k opcode table (isa.h).\n */\n')
        f.write('#ifndef TARGET_E2K_OPCODES_GEN_H\n#define TARGET_E2K_OPCODES_GEN_H\n\n')
        f.write('enum E2KOpId {\n')
        for n in ids:
            f.write('    E2K_OP_%s,\n' % n.upper())
        f.write('    E2K_OP__COUNT\n};\n\n#endif\n')
    fmtmap = {'S': 'E2K_FMT_S', 'D': 'E2K_FMT_D', 'X': 'E2K_FMT_X',
              'Q': 'E2K_FMT_Q', 'P': 'E2K_FMT_P', None: 'E2K_FMT_NONE'}
    with open(os.path.join(args.out, 'opcodes-gen.c'), 'w') as f:
        f.write('/*\n * GENERATED by scripts/e2k/gen-opcodes.py - do not edit.\n'
                ' * The e2k opcode table: one row per encoding of a mnemonic.\n */\n')
        f.write('#include <stddef.h>\n\n#include "isa.h"\n\n')
        f.write('const E2KOpDesc e2k_op_table[] = {\n')
        for r in out_rows:
            fl = fmts.get(r['name'], [])
            f4 = fmt4(r['kind'], fl)
            if r['name'] in lit64:
                f4[1] = 'D'

            flags = []
            if r['pair']:
                flags.append('E2K_OPF_PAIR')
            if not r['has_ales']:
                flags.append('E2K_OPF_NO_ALES')
            if r['name'] in mas_ops:
                flags.append('E2K_OPF_MAS')
            # ordinary memory operations (the AAU ones, staa*/ldaa*, are not)
            if r['kind'] in ('ALOPF3', 'ALOPF13'):
                flags.append('E2K_OPF_STORE')
            elif r['name'].startswith('ld') and r['name'] in mas_ops and \
                    r['kind'] in ('ALOPF1', 'ALOPF11'):
                flags.append('E2K_OPF_LOAD')
            if r['name'] in ales25_v4:
                flags.append('E2K_OPF_ALES25_V4')
            f.write('    { E2K_OP_%s, %s, "%s", %s, 0x%02x, 0x%02x, 0x%02x, 0x%02x, '
                    '0x%02x, %d, %d, { %s } },\n' % (
                        r['name'].upper(), '|'.join(flags) or '0', r['name'],
                        ALU_KINDS[r['kind']], r['opc'], r['opce'], r['opc2'],
                        r['aopce'], r['mask'], r['isa_min'], r['isa_max'],
                        ', '.join(fmtmap[x] for x in f4)))
        f.write('};\n\nconst unsigned e2k_op_table_size = '
                'sizeof(e2k_op_table) / sizeof(e2k_op_table[0]);\n\n')
        f.write('static const char *const e2k_op_names[] = {\n    NULL,\n')
        for n in names:
            f.write('    "%s",\n' % n)
        f.write('};\n\nconst char *e2k_op_name(unsigned id)\n{\n'
                '    if (id == 0 || id >= E2K_OP__COUNT) {\n        return NULL;\n    }\n'
                '    return e2k_op_names[id];\n}\n')
    print('%d names, %d rows' % (len(names), len(out_rows)), file=sys.stderr)
    gen_sem(names, args.out)
    gen_regs(args.data, args.out)


# What an operation does (opsem.h), for the families the translator
# dispatches by table row: family, operation, operand types.  Derived from
# the mnemonic once, here, so the C side never matches mnemonic strings.
FT = {'s': 'E2K_FT_F32', 'd': 'E2K_FT_F64', 'x': 'E2K_FT_F80'}
IT = {'s': 'E2K_FT_I32', 'd': 'E2K_FT_I64'}
FCMP = {c: 'E2K_FCMP_' + c.upper() for c in
        ('eq', 'lt', 'le', 'uod', 'neq', 'nlt', 'nle', 'od')}
FOPS = {'add': 'E2K_FOP_ADD', 'sub': 'E2K_FOP_SUB', 'rsub': 'E2K_FOP_RSUB',
        'mul': 'E2K_FOP_MUL', 'div': 'E2K_FOP_DIV', 'min': 'E2K_FOP_MIN',
        'max': 'E2K_FOP_MAX'}


def sem_of(name):
    """(family, op, op2, t1, t2, t3, tdst) of a scalar FP mnemonic, or None."""
    N = 'E2K_FT_NONE'
    m = re.match(r'^f(add|sub|mul|div|min|max)([sd])$', name)
    if m:
        t = FT[m.group(2)]
        return ('E2K_SEM_FP_ARITH', FOPS[m.group(1)], 'E2K_FOP_NONE', t, t, N, t)
    m = re.match(r'^f(add|sub|mul)_(add|sub|rsub)([sd])$', name)
    if m:
        t = FT[m.group(3)]
        return ('E2K_SEM_FP_COMB', FOPS[m.group(1)], FOPS[m.group(2)],
                t, t, t, t)
    m = re.match(r'^f(n?)m([as])([sd])$', name)
    if m:
        t = FT[m.group(3)]
        op = {'a': 'E2K_FOP_FMA', 's': 'E2K_FOP_FMS'}[m.group(2)]
        if m.group(1):
            op = op.replace('_FM', '_FNM')
        return ('E2K_SEM_FP_FMA', op, 'E2K_FOP_NONE', t, t, t, t)
    m = re.match(r'^fcmp(eq|lt|le|uod|neq|nlt|nle|od)([sd])(b?)$', name)
    if m:
        t = FT[m.group(2)]
        fam = 'E2K_SEM_FP_CMP_PRED' if m.group(3) else 'E2K_SEM_FP_CMP_REG'
        return (fam, FCMP[m.group(1)], 'E2K_FOP_NONE', t, t, N,
                N if m.group(3) else t)
    # flag compares: x86 EFLAGS-style result (ZF 0x40, PF 0x04, CF 0x01);
    # od signals on any NaN (comis*), ud on a signaling one (ucomis*)
    m = re.match(r'^f(x?)cmp(od|ud)([sdx])f$', name)
    if m:
        return ('E2K_SEM_FP_CMP_FLAGS', FCMP['od' if m.group(2) == 'od'
                                             else 'uod'], 'E2K_FOP_NONE',
                'E2K_FT_F80' if m.group(1) else FT[m.group(3)],
                FT[m.group(3)], N, 'E2K_FT_I32')
    if name == 'fsqrts':
        return ('E2K_SEM_FP_ARITH', 'E2K_FOP_SQRT', 'E2K_FOP_NONE', N,
                'E2K_FT_F32', N, 'E2K_FT_F32')
    if name == 'fsqrtid':
        return ('E2K_SEM_FP_ARITH', 'E2K_FOP_SQRT_INIT', 'E2K_FOP_NONE', N,
                'E2K_FT_F64', N, 'E2K_FT_F64')
    if name == 'fsqrttd':
        return ('E2K_SEM_FP_ARITH', 'E2K_FOP_SQRT_FINAL', 'E2K_FOP_NONE',
                'E2K_FT_F64', 'E2K_FT_F64', N, 'E2K_FT_F64')
    m = re.match(r'^fscale([sd])$', name)
    if m:
        t = FT[m.group(1)]
        return ('E2K_SEM_FP_ARITH', 'E2K_FOP_SCALE', 'E2K_FOP_NONE', t,
                'E2K_FT_I32', N, t)
    m = re.match(r'^f([sdx])toi([sd])(tr)?$', name)
    if m:
        return ('E2K_SEM_FP_CVT', 'E2K_FOP_TRUNC' if m.group(3) else
                'E2K_FOP_ROUND', 'E2K_FOP_NONE', N, FT[m.group(1)], N,
                IT[m.group(2)])
    m = re.match(r'^i([sd])tof([sdx])$', name)
    if m:
        return ('E2K_SEM_FP_CVT', 'E2K_FOP_ROUND', 'E2K_FOP_NONE', N,
                IT[m.group(1)], N, FT[m.group(2)])
    m = re.match(r'^f([sdx])tof([sdx])$', name)
    if m and m.group(1) != m.group(2):
        return ('E2K_SEM_FP_CVT', 'E2K_FOP_ROUND', 'E2K_FOP_NONE', N,
                FT[m.group(1)], N, FT[m.group(2)])
    m = re.match(r'^f([sd])toif([sd])$', name)
    if m and m.group(1) == m.group(2):
        t = FT[m.group(1)]
        return ('E2K_SEM_FP_ARITH', 'E2K_FOP_RINT', 'E2K_FOP_NONE',
                'E2K_FT_I32', t, N, t)
    if name == 'movfi':
        return ('E2K_SEM_FP_MOV', 'E2K_FOP_MOVFI', 'E2K_FOP_NONE', N,
                'E2K_FT_F80', N, 'E2K_FT_I32')
    m = re.match(r'^movx([ac]?)$', name)
    if m:
        return ('E2K_SEM_FP_MOV', {'': 'E2K_FOP_MOVX', 'a': 'E2K_FOP_MOVXA',
                                   'c': 'E2K_FOP_MOVXC'}[m.group(1)],
                'E2K_FOP_NONE', N, 'E2K_FT_F80', N, 'E2K_FT_F80')
    if name == 'movif':
        return ('E2K_SEM_FP_MOV', 'E2K_FOP_MOVIF', 'E2K_FOP_NONE',
                'E2K_FT_I64', 'E2K_FT_I32', N, 'E2K_FT_F80')
    # fx<op><src2><dst>: src1 is f80, the other operand and the result
    # have the formats the two letters name.
    m = re.match(r'^fx(add|sub|rsub|mul|div)([sdx])([sdx])$', name)
    if m:
        return ('E2K_SEM_FP_ARITH', FOPS[m.group(1)], 'E2K_FOP_NONE',
                'E2K_FT_F80', FT[m.group(2)], N, FT[m.group(3)])
    m = re.match(r'^fxcmp(eq|lt|le|uod|neq|nlt|nle|od)([sdx])b$', name)
    if m:
        return ('E2K_SEM_FP_CMP_PRED', FCMP[m.group(1)], 'E2K_FOP_NONE',
                'E2K_FT_F80', FT[m.group(2)], N, N)
    return None


def gen_sem(names, out):
    with open(os.path.join(out, 'opcodes-sem.c'), 'w') as f:
        f.write('/*\n * GENERATED by scripts/e2k/gen-opcodes.py - do not edit.\n'
                ' * What each operation does (opsem.h), indexed by E2KOpId.\n */\n')
        f.write('#include "opsem.h"\n\n')
        f.write('const E2KOpSem e2k_op_sem[E2K_OP__COUNT] = {\n')
        n = 0
        for name in names:
            s = sem_of(name)
            if not s:
                continue
            n += 1
            f.write('    [E2K_OP_%s] = { %s },\n' % (name.upper(), ', '.join(s)))
        f.write('};\n')
    print('%d operations with a semantics entry' % n, file=sys.stderr)


def sem_formats(data, kinds):
    """Operand formats of the mnemonics the semantics rows use with
    registers in every position (semantics/ops-vN.tsv, when present).

    They name each operand's real register class.  The vectors of the
    numbered aliases cannot: gas does not check the class, so their one
    vector writes %dr for the 128-bit qplog_* operands, and a literal
    in a vector leaves that position unknown (plog_0x08.., qpcext_0x7f).
    """
    out = {}
    for isa in ISAS:
        path = os.path.join(data, 'semantics', 'ops-v%d.tsv' % isa)
        if not os.path.exists(path):
            continue
        with open(path) as f:
            for ln in f.read().splitlines()[1:]:
                asm = ln.split('\t')[1]
                m = re.match(r'\{ ([a-z_0-9]+),\d(,sm)? ([^;]*) \}$', asm)
                if not m or m.group(1) not in kinds or m.group(1) in out:
                    continue
                ops = [o for o in split_ops(m.group(3))
                       if not o.startswith('mas')]
                fl = [regfmt(o) for o in ops]
                if fl and all(fl):
                    out[m.group(1)] = fl
    return out


def check_channels(data, kinds, legal, rows):
    """Compare the channel masks of the table with all reference data.

    For every ISA version: the channels of a mnemonic (the union of its
    rows) equal the legal channels of the reference assembler; no channel
    it refused as illegal is in the table; every channel used by a vector
    or by a semantics row (semantics/ops-vN.tsv, when present) is in it.
    Returns a list of messages, empty when all agree.
    """
    have = collections.defaultdict(int)         # (name, isa) -> mask
    for r in rows:
        for isa in range(r['isa_min'], min(r['isa_max'], ISAS[-1]) + 1):
            have[(r['name'], isa)] |= r['mask']
    bad = []
    one = re.compile(r'^\{ ([a-z_0-9]+),(\d)[ ,][^;]*\}')
    for isa in ISAS:
        for name in sorted(kinds):
            want = 0
            for c in legal[name].get(isa, ''):
                want |= 1 << int(c)
            if have[(name, isa)] != want:
                bad.append('v%d %s: table 0x%02x, reference 0x%02x' % (
                    isa, name, have[(name, isa)], want))
        used = [('vectors', os.path.join(data, 'vectors-v%d.tsv' % isa)),
                ('semantics', os.path.join(data, 'semantics',
                                           'ops-v%d.tsv' % isa))]
        for what, path in used:
            if not os.path.exists(path):
                continue
            with open(path) as f:
                for ln in f.read().splitlines()[1:]:
                    col = ln.split('\t')
                    asm = col[1] if what == 'semantics' else col[0]
                    m = one.match(asm)
                    if not m or m.group(1) not in kinds:
                        continue
                    if not have[(m.group(1), isa)] >> int(m.group(2)) & 1:
                        bad.append('v%d %s: %s' % (isa, what, asm))
        with open(os.path.join(data, 'rejected-v%d.tsv' % isa)) as f:
            for ln in f.read().splitlines()[1:]:
                asm, err = ln.split('\t')[:2]
                m = one.match(asm)
                if not m or not err.startswith('illegal channel number'):
                    continue
                if have[(m.group(1), isa)] >> int(m.group(2)) & 1:
                    bad.append('v%d refused but in table: %s' % (isa, asm))
    return bad


def chan_mask(name, key, isa, legal, enc, pair):
    """Channels on which this encoding of name is legal in isa.

    The reference assembler's table (coverage legal_channels) is the
    authority.  A mnemonic whose encoding is the same on all its channels
    gets all of them, also when the vectors only show one (the numbered
    plog_/qplog_/qpcext_ aliases have a single vector each).  When the
    encoding differs between channels (several keys for one name and
    isa), each key gets the channels its vectors show.
    """
    lmask = 0
    for c in legal[name].get(isa, ''):
        lmask |= 1 << int(c)
    if pair:
        return lmask
    keys = [k for k, b in enc[name].items() if isa in b and not k[5]]
    if len(keys) == 1:
        return lmask
    m = 0
    for c in enc[name][key][isa]:
        m |= 1 << c
    return m & lmask


def has_ales_word(hexs):
    b = bytes.fromhex(hexs)
    w = struct.unpack('<%dI' % (len(b) // 4), b)
    hs = w[0]
    n = 1 + ((hs >> 12) & 1) + bin((hs >> 26) & 0x3f).count('1') + \
        bin((hs >> 14) & 3).count('1')
    return (hs & 0xf) + 1 != n


# Facts about state registers the reference assembler treats specially when
# rws/rwd/rrs/rrd stand alone: a write needs `wait all_e=1`, a read `nop 4`.
RW_WAIT = set('%psr %cwd %psp.hi %psp.lo %pshtp %pcsp.hi %pcsp.lo %cutd '
              '%oscutd %oscud.hi %oscud.lo %osgd.hi %osgd.lo %osem %usd.hi '
              '%usd.lo %cs.hi %cs.lo %ds.hi %ds.lo %es.hi %es.lo %fs.hi '
              '%fs.lo %gs.hi %gs.lo %ss.hi %ss.lo'.split())
RR_NOP = set('%cud.hi %cud.lo %gd.hi %gd.lo'.split())


def gen_regs(data, out):
    state = {}      # name -> [num, set(isas)]
    mmu = {}        # name -> dict
    aau = {}        # name -> opce1
    for isa in ISAS:
        with open(os.path.join(data, 'vectors-v%d.tsv' % isa)) as f:
            lines = f.read().splitlines()[1:]
        for ln in lines:
            asm, hexs, dis = ln.split('\t')
            m = re.match(r'\{ (rr[sd]|rw[sd]|mmurr|mmurw|aaur[rw][sdq]?|apur[rw][sdq]?)'
                         r'(,\d)? (.*) \}$', asm)
            if not m or ';' in asm:
                continue
            op, args = m.group(1), [a.strip() for a in m.group(3).split(',')]
            try:
                als, ales = unpack(hexs, isa)
            except Exception:
                continue
            if not als:
                continue
            ch = min(als)
            a = als[ch]
            if op in ('rrs', 'rrd'):
                name, num = args[0], (a >> 16) & 0xff
            elif op in ('rws', 'rwd'):
                name, num = args[-1], a & 0xff
            elif op.startswith('mmur'):
                name = args[0] if op == 'mmurr' else args[-1]
                b = bytes.fromhex(hexs)
                w = struct.unpack('<%dI' % (len(b) // 4), b)
                hs = w[0]
                idx = 1 + ((hs >> 12) & 1) + bin((hs >> 26) & 0x3f).count('1') \
                    + (1 if hs & 0x4000 else 0)
                cs1 = w[idx]
                mas = (cs1 >> 14) & 0x7f if ch == 2 else cs1 & 0x7f
                src2 = (a >> 8) & 0xff
                if src2 < 0xd0:
                    addr = src2 & 0xf
                else:
                    lts0 = w[len(w) - 1]
                    addr = (lts0 >> 16) if src2 & 4 else lts0 & 0xffff
                e = mmu.setdefault(name, dict(addr=addr, mas=mas, read=-1,
                                              wfrom=0, isas=set()))
                e['isas'].add(isa)
                if op == 'mmurr':
                    e['read'] = ch
                elif e['wfrom'] == 0 or isa < e['wfrom']:
                    e['wfrom'] = isa
                continue
            else:
                name = args[0] if op.startswith(('aaurr', 'apurr')) else args[-1]
                aau[name] = (a >> 8) & 0xffff
                continue
            e = state.setdefault(name, [num, set()])
            e[1].add(isa)
    with open(os.path.join(out, 'opcodes-regs.c'), 'w') as f:
        f.write('/*\n * GENERATED by scripts/e2k/gen-opcodes.py - do not edit.\n'
                ' * State (rrs/rws), MMU (mmurr/mmurw) and AAU (aaurr/aaurw)\n'
                ' * register names and their encodings.\n */\n'
                '#include <stddef.h>\n\n#include "isa.h"\n\n')
        f.write('const E2KStateReg e2k_state_regs[] = {\n')
        for name in sorted(state):
            num, isas = state[name]
            hi = max(isas)
            f.write('    { "%s", 0x%02x, %d, %d, %d, %d },\n' % (
                name, num, min(isas), 7 if hi == 6 else hi,
                name in RW_WAIT, name in RR_NOP))
        f.write('    { NULL }\n};\n\n')
        f.write('const E2KMmuReg e2k_mmu_regs[] = {\n')
        for name in sorted(mmu):
            e = mmu[name]
            f.write('    { "%s", %d, 0x%02x, %d, %d, %d },\n' % (
                name, e['addr'], e['mas'], e['read'], e['wfrom'],
                min(e['isas'])))
        f.write('    { NULL }\n};\n\n')
        f.write('const E2KAauReg e2k_aau_regs[] = {\n')
        for name in sorted(aau):
            f.write('    { "%s", 0x%04x },\n' % (name, aau[name]))
        f.write('    { NULL }\n};\n')
    print('%d state, %d mmu, %d aau registers' % (len(state), len(mmu),
          len(aau)), file=sys.stderr)


def fmt4(kind, fl):
    """Map the operand list seen in a vector to src1, src2, src3, dst."""
    f = list(fl) + [None] * 4
    if kind in ('ALOPF3', 'ALOPF13'):          # st value, a, b
        return [f[1], f[2], f[0], None]
    if kind in ('ALOPF21', 'ALOPF21_MERGE'):
        return [f[0], f[1], f[2], f[3]]
    if kind == 'ALOPF12_IBRANCHD':
        return [None, f[0], None, f[1]]
    if kind == 'ALOPF12_ICALLD':
        return [None, f[1], None, f[2]]
    if kind == 'ALOPF12_PSHUFH':
        return [None, f[0], None, f[2]]
    if kind in ('ALOPF2', 'ALOPF12', 'ALOPF22', 'ALOPF8'):
        return [None, f[0], None, f[1]]
    if kind in ('ALOPF7', 'ALOPF17'):
        return [f[0], f[1], None, None]
    if kind == 'ALOPF15':
        return [None, f[0], None, None]
    if kind == 'ALOPF16':
        return [None, None, None, f[1]]
    if kind == 'ALOPF11_LIT8':
        return [f[0], f[1], None, f[3]]
    if kind in ('ALOPF1', 'ALOPF11', 'ALOPF11_MERGE', 'MERGE'):
        return [f[0], f[1], None, f[2]]
    if kind in ('ALOPF10', 'AAURW', 'MMURW'):
        return [None, None, f[0], None]
    if kind in ('ALOPF19', 'AAURR', 'MMURR'):
        last = [x for x in fl if x]
        return [None, None, None, last[-1] if last else None]
    return [None, None, None, None]


if __name__ == '__main__':
    main()
