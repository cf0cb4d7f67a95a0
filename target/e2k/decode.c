/*
 * e2k bundle decoder: splits a wide instruction into syllables, validates
 * its structure, finds the opcode-table row of each ALS channel and
 * decodes operand fields (registers, short and LTS literals, predicates).
 *
 * Copyright (c) the qemu-e2k project authors.  GPL-2.0-or-later.
 */
#include <string.h>

#include <glib.h>

#include "decode.h"

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

/* The 16-bit half-syllable number @n of the area starting at word @w0:
   the first of each pair is the high half of its word. */
static uint16_t half(const uint32_t *w, int w0, int n)
{
    uint32_t word = w[w0 + n / 2];
    return (n & 1) ? (word & 0xffff) : (word >> 16);
}

int e2k_decode_bundle(const uint8_t *p, size_t avail, int isa, E2KBundle *b,
                      Error **errp)
{
    uint32_t w[16];
    int len, nwords, i, k, nhalf, hend, tail;

    memset(b, 0, sizeof(*b));
    if (avail < 8) {
        error_setg(errp, "truncated wide instruction (%zu bytes left)", avail);
        return -1;
    }
    b->hs = rd32(p);
    len = (E2K_HS_LNG(b->hs) + 1) * 8;
    if ((size_t)len > avail) {
        error_setg(errp, "wide instruction of %d bytes, only %zu available",
                   len, avail);
        return -1;
    }
    nwords = len / 4;
    for (i = 0; i < nwords; i++) {
        w[i] = rd32(p + 4 * i);
    }
    b->len = len;
    b->nop = E2K_HS_NOP(b->hs);
    b->loop_mode = E2K_HS_LM(b->hs);
    b->als_mask = E2K_HS_AL(b->hs);
    b->ales_mask = E2K_HS_ALE(b->hs);
    b->pls_count = E2K_HS_PL(b->hs);
    b->cds_count = E2K_HS_CD(b->hs);
    if (E2K_HS_PL(b->hs) > 3) {
        error_setg(errp, "invalid PLS count");
        return -1;
    }
    if (b->hs & (1u << 11)) {
        error_setg(errp, "reserved bit 11 set in HS");
        return -1;
    }
    if (b->ales_mask & ~b->als_mask) {
        error_setg(errp, "ALES without its ALS (HS 0x%08x)", b->hs);
        return -1;
    }

    i = 1;
    if (E2K_HS_S(b->hs)) {
        b->has_ss = true;
        b->ss = w[i++];
    }
    for (k = 0; k < 6; k++) {
        if (b->als_mask & (1 << k)) {
            if (i >= nwords) {
                goto overflow;
            }
            b->als[k] = w[i++];
        }
    }
    if (E2K_HS_C(b->hs) & 1) {
        if (i >= nwords) {
            goto overflow;
        }
        b->has_cs0 = true;
        b->cs0 = w[i++];
    }
    {
        int first_half = E2K_HS_MDL(b->hs) + 1;
        int expect = i + ((E2K_HS_C(b->hs) & 2) ? 1 : 0);
        if (first_half == expect + 1 && isa >= 4 && (b->ales_mask & 0x24)) {
            if (i >= nwords) {
                goto overflow;
            }
            b->has_ales25 = true;
            b->ales[2] = w[i] >> 16;
            b->ales[5] = w[i] & 0xffff;
            i++;
        } else if (first_half != expect) {
            error_setg(errp, "HS.mdl %d does not match the syllables present",
                       E2K_HS_MDL(b->hs));
            return -1;
        }
        if (!b->has_ales25) {
            b->ales[2] = E2K_ALES_DEFAULT;
            b->ales[5] = E2K_ALES_DEFAULT;
        }
        if (!(b->ales_mask & 4)) {
            b->ales[2] = 0;
        }
        if (!(b->ales_mask & 0x20)) {
            b->ales[5] = 0;
        }
    }
    if (E2K_HS_C(b->hs) & 2) {
        if (i >= nwords) {
            goto overflow;
        }
        b->has_cs1 = true;
        b->cs1 = w[i++];
    }

    /* half-syllables: ALES0,1,3,4 then AAS */
    nhalf = 0;
    for (k = 0; k < 6; k++) {
        if (k == 2 || k == 5) {
            continue;
        }
        if (b->ales_mask & (1 << k)) {
            if (i + nhalf / 2 >= nwords) {
                goto overflow;
            }
            b->ales[k] = half(w, i, nhalf++);
        }
    }
    if (b->has_ss && !(b->ss & E2K_SS_TYPE1)) {
        unsigned aa = (b->ss >> 12) & 0xf;
        for (k = 0; k < 2; k++) {
            if (aa & (3u << (2 * k))) {
                if (i + nhalf / 2 >= nwords) {
                    goto overflow;
                }
                b->aas_mask |= 1 << k;
                b->aas[k] = half(w, i, nhalf++);
            }
        }
        for (k = 0; k < 4; k++) {
            if (aa & (1u << k)) {
                if (i + nhalf / 2 >= nwords) {
                    goto overflow;
                }
                b->aas_mask |= 1 << (k + 2);
                b->aas[k + 2] = half(w, i, nhalf++);
            }
        }
    }
    hend = i + (nhalf + 1) / 2;
    tail = b->pls_count + b->cds_count;
    if (hend + tail > nwords) {
        goto overflow;
    }
    for (k = 0; k < b->cds_count; k++) {
        b->cds[k] = w[nwords - b->cds_count + k];
    }
    for (k = 0; k < b->pls_count; k++) {
        /* memory order is PLS2, PLS1, PLS0 for the ones present */
        b->pls[k] = w[nwords - tail + (b->pls_count - 1 - k)];
    }
    k = nwords - tail - hend;
    b->lts_count = k > 4 ? 4 : k;
    for (k = 0; k < b->lts_count; k++) {
        b->lts[k] = w[nwords - tail - 1 - k];
    }
    if (nwords - tail - hend > 4 + 1) {
        error_setg(errp, "wide instruction has %d unused syllables",
                   nwords - tail - hend - 4);
        return -1;
    }
    return len;

overflow:
    error_setg(errp, "syllables do not fit the %d-byte wide instruction", len);
    return -1;
}

/* ---- opcode lookup ---- */

/* Rows grouped by ALS opcode, built once. */
static uint16_t *op_index[128];
static uint16_t op_index_n[128];

static void build_index(void)
{
    static gsize done;
    if (g_once_init_enter(&done)) {
        unsigned i;
        for (i = 0; i < e2k_op_table_size; i++) {
            op_index_n[e2k_op_table[i].opc & 0x7f]++;
        }
        for (i = 0; i < 128; i++) {
            op_index[i] = g_new(uint16_t, op_index_n[i] + 1);
            op_index_n[i] = 0;
        }
        for (i = 0; i < e2k_op_table_size; i++) {
            unsigned o = e2k_op_table[i].opc & 0x7f;
            op_index[o][op_index_n[o]++] = i;
        }
        g_once_init_leave(&done, 1);
    }
}

static bool alopf_src1_fixed(int k)
{
    switch (k) {
    case E2K_ALOPF2: case E2K_ALOPF12:
    case E2K_ALOPF12_PSHUFH: case E2K_ALOPF12_IBRANCHD:
    case E2K_ALOPF22: case E2K_ALOPF15:
        return true;
    default:
        return false;
    }
}

static bool alopf_ales_lo_fixed(int k)
{
    switch (k) {
    case E2K_ALOPF21: case E2K_ALOPF21_MERGE: case E2K_ALOPF11_LIT8:
    case E2K_ALOPF12_PSHUFH:
        return false;
    default:
        return true;
    }
}

static bool alopf_is_cmp(int k)
{
    return k == E2K_ALOPF7 || k == E2K_ALOPF8 || k == E2K_ALOPF17;
}

bool e2k_op_matches(const E2KOpDesc *d, const E2KBundle *b, int chan, int isa);

bool e2k_op_matches(const E2KOpDesc *d, const E2KBundle *b, int chan, int isa)
{
    uint32_t als = b->als[chan];

    if (!e2k_op_valid_on(d, isa)) {
        return false;
    }
    if (d->flags & E2K_OPF_PAIR) {
        int a, c;
        if (!e2k_op_pair(d, chan, &a, &c)) {
            return false;
        }
        if (!(b->als_mask & (1 << a)) || !(b->als_mask & (1 << c))) {
            return false;
        }
        if (!(d->chan_mask & ((1 << a) | (1 << c)))) {
            return false;
        }
    } else if (!(d->chan_mask & (1 << chan))) {
        return false;
    }
    if (E2K_ALS_OPC(als) != d->opc) {
        return false;
    }
    /* AAU register moves share their opcode with staa/ldaa: MAS 0x3f */
    if (d->alopf == E2K_ALOPF_AAURR || d->alopf == E2K_ALOPF_AAURW) {
        uint16_t opce1 = (als >> 8) & 0xffff;
        int i;
        if (e2k_bundle_mas(b, chan) != 0x3f) {
            return false;
        }
        for (i = 0; e2k_aau_regs[i].name; i++) {
            if (e2k_aau_regs[i].opce1 == opce1) {
                break;
            }
        }
        if (!e2k_aau_regs[i].name) {
            return false;
        }
    }
    if (alopf_src1_fixed(d->alopf) && E2K_ALS_SRC1(als) != d->opce) {
        return false;
    }
    if (alopf_is_cmp(d->alopf) && d->alopf != E2K_ALOPF17 &&
        ((als >> 5) & 7) != d->opce) {
        return false;
    }
    if (d->alopf == E2K_ALOPF8 && E2K_ALS_SRC1(als) != 0xc0) {
        return false;
    }
    if (d->flags & E2K_OPF_NO_ALES) {
        if (b->ales_mask & (1 << chan)) {
            return false;
        }
    } else {
        uint16_t ales;
        if (!(b->ales_mask & (1 << chan))) {
            return false;
        }
        ales = b->ales[chan];
        if ((ales >> 8) != d->ales_opc2) {
            return false;
        }
        if (alopf_ales_lo_fixed(d->alopf) && (ales & 0xff) != d->ales_opce) {
            return false;
        }
    }
    return true;
}

const E2KOpDesc *e2k_bundle_alu_op(const E2KBundle *b, int chan, int isa)
{
    unsigned o, i;

    if (chan < 0 || chan > 5 || !(b->als_mask & (1 << chan))) {
        return NULL;
    }
    build_index();
    o = E2K_ALS_OPC(b->als[chan]);
    for (i = 0; i < op_index_n[o]; i++) {
        const E2KOpDesc *d = &e2k_op_table[op_index[o][i]];
        if (e2k_op_matches(d, b, chan, isa)) {
            return d;
        }
    }
    return NULL;
}

bool e2k_chan_is_pair_tail(const E2KOpDesc *const ops[6], int chan)
{
    int k, a, c;

    for (k = 0; k < chan; k++) {
        if (ops[k] && (ops[k]->flags & E2K_OPF_PAIR) &&
            e2k_op_pair(ops[k], k, &a, &c) && a == k && c == chan &&
            c != a + 1) {
            return true;
        }
    }
    return false;
}

/* ---- operands ---- */

bool e2k_decode_operand(const E2KBundle *b, int chan, uint8_t f,
                        E2KOperandRole role, E2KOperand *out)
{
    memset(out, 0, sizeof(*out));
    out->lts = -1;
    if (f < 0x80) {
        out->kind = E2K_OPND_BREG;
        out->index = f;
        return true;
    }
    if (f < 0xc0) {
        out->kind = E2K_OPND_WREG;
        out->index = f & 0x3f;
        return true;
    }
    if (f >= 0xe0) {
        out->kind = E2K_OPND_GREG;
        out->index = f & 0x1f;
        return true;
    }
    switch (role) {
    case E2K_ROLE_DST:
        out->kind = E2K_OPND_SPECIAL;
        out->index = f;
        return true;
    case E2K_ROLE_SRC3:
        return false;
    case E2K_ROLE_SRC1:
        out->kind = E2K_OPND_LIT;
        out->lit_bits = 5;
        out->value = f & 0x1f;
        return true;
    case E2K_ROLE_SRC2:
        break;
    }
    if (f < 0xd0) {
        out->kind = E2K_OPND_LIT;
        out->lit_bits = 4;
        out->value = f & 0xf;
        return true;
    }
    if (f < 0xd8) {
        int n = f & 1;
        if ((f & 2) || n >= b->lts_count) {
            return false;
        }
        out->kind = E2K_OPND_LIT;
        out->lit_bits = 16;
        out->lts = n;
        out->lts_hi = (f & 4) != 0;
        out->value = (int16_t)(out->lts_hi ? b->lts[n] >> 16 : b->lts[n]);
        return true;
    }
    if (f < 0xdc) {
        int n = f & 3;
        if (n >= b->lts_count) {
            return false;
        }
        out->kind = E2K_OPND_LIT;
        out->lit_bits = 32;
        out->lts = n;
        out->value = (int32_t)b->lts[n];
        return true;
    }
    if (f < 0xdf) {
        int n = f & 3;
        if (n + 1 >= b->lts_count) {
            return false;
        }
        out->kind = E2K_OPND_LIT;
        out->lit_bits = 64;
        out->lts = n;
        out->value = (int64_t)((uint64_t)b->lts[n] |
                               ((uint64_t)b->lts[n + 1] << 32));
        return true;
    }
    return false;
}

static bool is_store(const E2KOpDesc *d)
{
    return d->alopf == E2K_ALOPF3 || d->alopf == E2K_ALOPF13 ||
           d->alopf == E2K_ALOPF10;
}

uint8_t e2k_op_src1_field(const E2KBundle *b, int chan, const E2KOpDesc *d)
{
    return E2K_ALS_SRC1(b->als[chan]);
}

uint8_t e2k_op_src2_field(const E2KBundle *b, int chan, const E2KOpDesc *d)
{
    return E2K_ALS_SRC2(b->als[chan]);
}

uint8_t e2k_op_src3_field(const E2KBundle *b, int chan, const E2KOpDesc *d)
{
    if (is_store(d)) {
        return E2K_ALS_DST(b->als[chan]);
    }
    return b->ales[chan] & 0xff;
}

uint8_t e2k_op_dst_field(const E2KBundle *b, int chan, const E2KOpDesc *d)
{
    return E2K_ALS_DST(b->als[chan]);
}

unsigned e2k_op_operand_mask(const E2KOpDesc *d)
{
    switch (d->alopf) {
    case E2K_ALOPF1: case E2K_ALOPF11: case E2K_ALOPF11_LIT8:
    case E2K_ALOPF11_MERGE: case E2K_ALOPF_MERGE:
        return 0x1 | 0x2 | 0x8;
    case E2K_ALOPF2: case E2K_ALOPF12: case E2K_ALOPF12_PSHUFH:
    case E2K_ALOPF22:
        return 0x2 | 0x8;
    case E2K_ALOPF3: case E2K_ALOPF13:
        return 0x1 | 0x2 | 0x4;
    case E2K_ALOPF7: case E2K_ALOPF17:
        return 0x1 | 0x2;
    case E2K_ALOPF8: case E2K_ALOPF15:
        return 0x2;
    case E2K_ALOPF16:
        return 0x8;
    case E2K_ALOPF21: case E2K_ALOPF21_MERGE:
        return 0xf;
    default:
        return 0;
    }
}

bool e2k_bundle_chan_pred(const E2KBundle *b, int chan, bool merge,
                          uint8_t *pred, bool *neg)
{
    int i;
    unsigned want_opc = (merge ? 2 : 0) + (chan >= 3 ? 1 : 0);
    unsigned bit = 1u << (chan % 3);

    for (i = 0; i < 2 * b->cds_count; i++) {
        uint16_t h = (i & 1) ? (b->cds[i / 2] & 0xffff) : (b->cds[i / 2] >> 16);
        unsigned opc = h >> 14, mask = (h >> 10) & 0xf, nbits = (h >> 7) & 7;
        if (opc == want_opc && (mask & bit)) {
            *pred = h & 0x7f;
            *neg = (nbits & bit) != 0;
            return true;
        }
    }
    return false;
}

int e2k_bundle_chan_preds(const E2KBundle *b, int chan, bool merge,
                          uint8_t pred[2], bool neg[2])
{
    int i, n = 0;
    unsigned want_opc = (merge ? 2 : 0) + (chan >= 3 ? 1 : 0);
    unsigned bit = 1u << (chan % 3);

    for (i = 0; i < 2 * b->cds_count && n < 2; i++) {
        uint16_t h = (i & 1) ? (b->cds[i / 2] & 0xffff) : (b->cds[i / 2] >> 16);
        unsigned opc = h >> 14, mask = (h >> 10) & 0xf, nbits = (h >> 7) & 7;
        if (opc == want_opc && (mask & bit)) {
            pred[n] = h & 0x7f;
            neg[n] = (nbits & bit) != 0;
            n++;
        }
    }
    return n;
}

uint8_t e2k_bundle_mas(const E2KBundle *b, int chan)
{
    if (!b->has_cs1 || (b->cs1 >> 28) != 6) {
        return 0;
    }
    switch (chan) {
    case 0:
        return (b->cs1 >> 21) & 0x7f;
    case 2:
        return (b->cs1 >> 14) & 0x7f;
    case 3:
        return (b->cs1 >> 7) & 0x7f;
    case 5:
        return b->cs1 & 0x7f;
    default:
        return 0;
    }
}

/* ---- legality (docs/devel/e2k-isa.md, "Illegal wide instructions") ---- */

/* Values of an ALS dst field in 0xc0..0xdf that name something. */
static bool dst_special_valid(uint8_t f)
{
    return f == 0xcd || f == 0xce || f == 0xcf ||      /* %tst %tc %tcd */
           (f >= 0xd1 && f <= 0xd3) ||                 /* %ctpr1..3 */
           f == 0xde || f == 0xdf;                     /* %empty.lo/hi */
}

static E2KBundleFault check_channels(const E2KBundle *b, int isa, Error **errp)
{
    static const E2KOperandRole roles[4] = {
        E2K_ROLE_SRC1, E2K_ROLE_SRC2, E2K_ROLE_SRC3, E2K_ROLE_DST
    };
    const E2KOpDesc *ops[6] = { NULL };
    int chan, k;

    for (chan = 0; chan < 6; chan++) {
        const E2KOpDesc *d;
        unsigned mask;

        if (!(b->als_mask & (1 << chan))) {
            continue;
        }
        if (e2k_chan_is_pair_tail(ops, chan)) {
            continue;
        }
        d = e2k_bundle_alu_op(b, chan, isa);
        if (!d) {
            error_setg(errp, "no operation in ALS%d (0x%08x)", chan,
                       b->als[chan]);
            return E2K_BUNDLE_ILLOPC;
        }
        ops[chan] = d;
        if (d->alopf == E2K_ALOPF22) {
            /* movtq & co: each channel moves one %dr of the %qr pair,
               the even one in the first channel, the odd one in the
               second */
            int a, c, want;

            e2k_op_pair(d, chan, &a, &c);
            want = chan == c;
            for (k = 0; k < 4; k += 3) {
                uint8_t f = k ? E2K_ALS_DST(b->als[chan])
                              : E2K_ALS_SRC2(b->als[chan]);

                if (f < 0xc0 || f >= 0xe0) {
                    if ((f & 1) != want) {
                        error_setg(errp, "%s in ALS%d: %s register of the "
                                   "wrong parity", d->name, chan,
                                   k ? "dst" : "src2");
                        return E2K_BUNDLE_ILLOPC;
                    }
                }
            }
        }
        mask = e2k_op_operand_mask(d);
        for (k = 0; k < 4; k++) {
            E2KOperand op;
            uint8_t f;

            if (!(mask & (1u << k))) {
                continue;
            }
            f = k == 0 ? e2k_op_src1_field(b, chan, d) :
                k == 1 ? e2k_op_src2_field(b, chan, d) :
                k == 2 ? e2k_op_src3_field(b, chan, d) :
                         e2k_op_dst_field(b, chan, d);
            if (!e2k_decode_operand(b, chan, f, roles[k], &op) ||
                (op.kind == E2K_OPND_SPECIAL && !dst_special_valid(f))) {
                error_setg(errp, "%s in ALS%d: reserved %s operand 0x%02x%s",
                           d->name, chan,
                           k == 0 ? "src1" : k == 1 ? "src2" :
                           k == 2 ? "src3" : "dst", f,
                           (f >= 0xd0 && f <= 0xde && k == 1)
                           ? " (no such literal syllable)" : "");
                return E2K_BUNDLE_ILLOPN;
            }
        }
    }
    return E2K_BUNDLE_OK;
}

/* SS: the control-transfer condition and the stubs. */
static E2KBundleFault check_ss(const E2KBundle *b, int isa, Error **errp)
{
    uint32_t ss = b->ss;
    int type = (ss >> 5) & 0xf, psrc = ss & 0x1f;

    if (!b->has_ss) {
        return E2K_BUNDLE_OK;
    }
    if (type >= 0xa && type <= 0xd && !(type == 0xb && isa >= 7)) {
        error_setg(errp, "reserved control-transfer condition type %d", type);
        return E2K_BUNDLE_ILLOPC;
    }
    if (type == 8 && (psrc & 0x10)) {
        error_setg(errp, "reserved %%MLOCK condition 0x%02x", psrc);
        return E2K_BUNDLE_ILLOPC;
    }
    if (type == 9 && (isa < 3 || ((psrc >> 3) & 3) == 3)) {
        error_setg(errp, "%s %%cmp/%%clp condition 0x%02x",
                   isa < 3 ? "before v3, no" : "reserved", psrc);
        return E2K_BUNDLE_ILLOPC;
    }
    return E2K_BUNDLE_OK;
}

static E2KBundleFault check_cs(const E2KBundle *b, int isa, Error **errp)
{
    int ctop = b->has_ss ? (b->ss >> 10) & 3 : 0;
    bool hcall = false;

    if (b->has_cs1) {
        uint32_t cs1 = b->cs1;
        int opc = cs1 >> 28;

        switch (opc) {
        case 0: case 1:     /* setwd / settr (+ setbn, setbp) */
            if (b->lts_count < 1) {
                error_setg(errp, "setwd without LTS0");
                return E2K_BUNDLE_ILLOPC;
            }
            break;
        case 5:
            /* call through the %ctpr of SS.ctop; without one, icall
               (kind 1) or hcall (kind 2, privileged) to the CS0 disp */
            hcall = !ctop;
            if (!ctop && ((((cs1 >> 7) & 7) != 1 && ((cs1 >> 7) & 7) != 2) ||
                          !b->has_cs0 || (b->cs0 >> 28) != 0)) {
                error_setg(errp, "call without a control transfer in SS");
                return E2K_BUNDLE_ILLOPC;
            }
            if (!ctop && isa < 6) {
                error_setg(errp, "%ccall before v6",
                           ((cs1 >> 7) & 7) == 1 ? 'i' : 'h');
                return E2K_BUNDLE_ILLOPC;
            }
            break;
        case 7:
            /* flushr/flushc/fillr/fillc: fillr and fillc came with v6 */
            if ((cs1 & 0xc) && isa < 6) {
                error_setg(errp, "fillr/fillc before v6");
                return E2K_BUNDLE_ILLOPC;
            }
            break;
        case 2: case 3: case 4: case 6:
            break;
        case 8:
            break;          /* vfbg */
        default:
            error_setg(errp, "reserved CS1 operation %d", opc);
            return E2K_BUNDLE_ILLOPC;
        }
    }
    if (b->has_cs0) {
        uint32_t cs0 = b->cs0;
        int ctpr = cs0 >> 30, opc = (cs0 >> 28) & 3, param = cs0 & 7;

        if (ctpr && opc == 1 && ctpr != 2) {
            error_setg(errp, "ldisp to %%ctpr%d (only %%ctpr2)", ctpr);
            return E2K_BUNDLE_ILLOPC;
        }
        if (!ctpr && opc == 3 && param >= 2 && param <= 4 && isa < 6) {
            /* iret, hret, glaunch: new in v6 (the v2..v5 reference
               assembler does not know them) */
            error_setg(errp, "%s before v6",
                       param == 2 ? "iret" : param == 3 ? "hret" : "glaunch");
            return E2K_BUNDLE_ILLOPC;
        }
        if (ctpr && opc == 3 && param == 1 && isa < 3) {
            error_setg(errp, "gettsd before v3");
            return E2K_BUNDLE_ILLOPC;
        }
        if (ctpr && opc == 3 && !(param == 0 && ctpr == 3) && param != 1) {
            error_setg(errp, "reserved CS0 operation (ctpr %d, 3, %d)",
                       ctpr, param);
            return E2K_BUNDLE_ILLOPC;
        }
        if (!ctpr && (opc == 0 || opc == 3) && !hcall &&
            (!b->has_ss || ctop != 0)) {
            error_setg(errp, "ibranch/done needs an SS without ct");
            return E2K_BUNDLE_ILLOPC;
        }
    }
    return E2K_BUNDLE_OK;
}

/* PLS: ELP sources and CLP operations. */
static E2KBundleFault check_pls(const E2KBundle *b, int isa, Error **errp)
{
    int i, k;

    for (i = 0; i < b->pls_count; i++) {
        uint32_t pls = b->pls[i];

        for (k = 0; k < 2; k++) {
            uint8_t elp = (pls >> (k ? 16 : 24)) & 0x7f;

            if ((elp >= 0x50 && elp < 0x60) ||
                (elp > 0x40 && elp < 0x50 && isa < 3)) {
                error_setg(errp, "PLS%d: reserved ELP source 0x%02x", i, elp);
                return E2K_BUNDLE_ILLOPN;
            }
        }
        if (((pls >> 14) & 3) == 2) {
            error_setg(errp, "PLS%d: reserved CLP operation 2", i);
            return E2K_BUNDLE_ILLOPC;
        }
    }
    return E2K_BUNDLE_OK;
}

/* CDS: RLP/MRGC condition sources. */
static E2KBundleFault check_cds(const E2KBundle *b, int isa, Error **errp)
{
    int i;

    for (i = 0; i < 2 * b->cds_count; i++) {
        uint16_t h = (i & 1) ? (b->cds[i / 2] & 0xffff) : (b->cds[i / 2] >> 16);
        uint8_t psrc = h & 0x7f;

        if (((h >> 10) & 0xf) && psrc != 0 && (psrc & 0x60) != 0x60 &&
            (psrc & 0x60) != 0x40) {
            error_setg(errp, "CDS: reserved condition source 0x%02x", psrc);
            return E2K_BUNDLE_ILLOPN;
        }
    }
    return E2K_BUNDLE_OK;
}

E2KBundleFault e2k_bundle_check(const E2KBundle *b, int isa, Error **errp)
{
    E2KBundleFault f;

    if ((f = check_ss(b, isa, errp)) != E2K_BUNDLE_OK ||
        (f = check_cs(b, isa, errp)) != E2K_BUNDLE_OK ||
        (f = check_pls(b, isa, errp)) != E2K_BUNDLE_OK ||
        (f = check_cds(b, isa, errp)) != E2K_BUNDLE_OK ||
        (f = check_channels(b, isa, errp)) != E2K_BUNDLE_OK) {
        return f;
    }
    return E2K_BUNDLE_OK;
}
