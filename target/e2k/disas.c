/*
 * e2k disassembler: prints a decoded wide instruction in the reference
 * assembler's syntax so that our assembler re-creates the same bytes:
 * every ALU operation gets its channel, literals their explicit format and
 * slot (`_f32s,_lts1 0x...`), stores the objdump operand order; control,
 * set*, wait, predicate-logic, AAU and loop fields become their operations.
 *
 * Copyright (c) the qemu-e2k project authors.  GPL-2.0-or-later.
 */
#include <inttypes.h>
#include <string.h>

#include "qemu/bswap.h"
#include "decode.h"
#include "disas.h"

typedef struct Dis {
    const E2KBundle *b;
    int isa;
    GString *out;
    int nops;
    bool bad;
    uint8_t lp_needed;      /* ELP results a CLP reads */
    bool ctcond_used;       /* SS condition printed with ibranchd/icalld */
} Dis;

static void op_begin(Dis *d)
{
    g_string_append(d->out, d->nops++ ? " ; " : "");
}

static void reg_name(GString *s, uint8_t f, int fmt)
{
    const char *pfx = fmt == E2K_FMT_D || fmt == E2K_FMT_X ? "d" :
                      fmt == E2K_FMT_Q ? "q" : fmt == E2K_FMT_P ? "qp" : "";
    if (f < 0x80) {
        g_string_append_printf(s, "%%%sb[%d]", pfx, f);
    } else if (f < 0xc0) {
        g_string_append_printf(s, "%%%sr%d", pfx, f & 0x3f);
    } else {
        g_string_append_printf(s, "%%%sg%d", pfx, f & 0x1f);
    }
}

static void dst_name(Dis *d, uint8_t f, int fmt)
{
    if (f < 0xc0 || f >= 0xe0) {
        reg_name(d->out, f, fmt);
        return;
    }
    switch (f) {
    case 0xcd:
        g_string_append(d->out, "%tst");
        break;
    case 0xce:
        g_string_append(d->out, "%tc");
        break;
    case 0xcf:
        g_string_append(d->out, "%tcd");
        break;
    case 0xd1: case 0xd2: case 0xd3:
        g_string_append_printf(d->out, "%%ctpr%d", f - 0xd0);
        break;
    case 0xde: case 0xdf:
        g_string_append(d->out, "%empty");
        break;
    default:
        g_string_append_printf(d->out, "<dst 0x%02x>", f);
        d->bad = true;
        break;
    }
}

static void src1_text(Dis *d, uint8_t f, int fmt)
{
    if (f >= 0xc0 && f < 0xe0) {
        g_string_append_printf(d->out, "0x%x", f & 0x1f);
        return;
    }
    reg_name(d->out, f, fmt);
}

static void src2_text(Dis *d, int chan, uint8_t f, int fmt)
{
    E2KOperand o;

    if (f < 0xc0 || f >= 0xe0) {
        reg_name(d->out, f, fmt);
        return;
    }
    if (!e2k_decode_operand(d->b, chan, f, E2K_ROLE_SRC2, &o)) {
        g_string_append_printf(d->out, "<src2 0x%02x>", f);
        d->bad = true;
        return;
    }
    switch (o.lit_bits) {
    case 4:
        g_string_append_printf(d->out, "0x%" PRIx64, (uint64_t)o.value);
        break;
    case 16:
        g_string_append_printf(d->out, "_f16s,_lts%d%s 0x%x", o.lts,
                               o.lts_hi ? "hi" : "lo", (uint16_t)o.value);
        break;
    case 32:
        g_string_append_printf(d->out, "_f32s,_lts%d 0x%x", o.lts,
                               (uint32_t)o.value);
        break;
    default:
        g_string_append_printf(d->out, "_f64,_lts%d 0x%" PRIx64, o.lts,
                               (uint64_t)o.value);
        break;
    }
}

static void pred_suffix(Dis *d, int chan)
{
    const E2KBundle *b = d->b;
    unsigned bit = 1u << (chan % 3);
    unsigned want = chan >= 3 ? 1 : 0;
    int i, n = 0;

    for (i = 0; i < 2 * b->cds_count; i++) {
        uint16_t h = (i & 1) ? (b->cds[i / 2] & 0xffff) : (b->cds[i / 2] >> 16);
        unsigned opc = h >> 14, mask = (h >> 10) & 0xf, neg = (h >> 7) & 7;
        if (opc != want || !(mask & bit)) {
            continue;
        }
        g_string_append(d->out, n++ ? ", " : " ? ");
        g_string_append_printf(d->out, "%s%%%s%d", (neg & bit) ? "~" : "",
                               (h & 0x20) ? "pred" : "pcnt", h & 0x1f);
    }
}

/* the MRGC condition of a merge in @chan */
static void merge_pred(Dis *d, int chan)
{
    uint8_t p;
    bool neg;
    if (e2k_bundle_chan_pred(d->b, chan, true, &p, &neg)) {
        g_string_append_printf(d->out, ", %s%%%s%d", neg ? "~" : "",
                               (p & 0x20) ? "pred" : "pcnt", p & 0x1f);
    } else {
        g_string_append(d->out, ", <no merge condition>");
        d->bad = true;
    }
}

static void mas_suffix(Dis *d, int chan)
{
    uint8_t mas = e2k_bundle_mas(d->b, chan);
    if (mas) {
        g_string_append_printf(d->out, ",mas=0x%x", mas);
    }
}

static const char *state_reg_name(int num, int isa)
{
    int i;
    for (i = 0; e2k_state_regs[i].name; i++) {
        const E2KStateReg *r = &e2k_state_regs[i];
        if (r->num == num && isa >= r->isa_min && isa <= r->isa_max) {
            return r->name;
        }
    }
    return NULL;
}

static const char *aau_reg_name(uint16_t opce1)
{
    int i;
    for (i = 0; e2k_aau_regs[i].name; i++) {
        if (e2k_aau_regs[i].opce1 == opce1) {
            return e2k_aau_regs[i].name;
        }
    }
    return NULL;
}

static void aasti_text(Dis *d, int chan, uint32_t als)
{
    int aad = (als >> 19) & 0x1f;
    int idx = (((als >> 16) & 7) << 1) | ((als >> 15) & 1);
    int lt = (als >> 8) & 3;
    g_string_append_printf(d->out, "%%aad%d [ %%aasti%d", aad, idx);
    if (lt) {
        int n = lt - 1;
        if (n < d->b->lts_count) {
            g_string_append_printf(d->out, " + _f32s,_lts%d 0x%x", n,
                                   d->b->lts[n]);
        } else {
            d->bad = true;
        }
    }
    g_string_append(d->out, " ]");
}

static void ctcond_text(Dis *d, uint32_t c, bool ibranch);

static void alu_op(Dis *d, int chan, const E2KOpDesc *op)
{
    const E2KBundle *b = d->b;
    uint32_t als = b->als[chan];
    uint8_t s1 = E2K_ALS_SRC1(als), s2 = E2K_ALS_SRC2(als);
    uint8_t dst = E2K_ALS_DST(als);
    const uint8_t *fmt = op->fmt;
    const char *sm = E2K_ALS_SM(als) ? ",sm" : "";

    op_begin(d);
    g_string_append_printf(d->out, "%s,%d%s ", op->name, chan, sm);
    switch (op->alopf) {
    case E2K_ALOPF1:
    case E2K_ALOPF11:
    case E2K_ALOPF11_MERGE:
        src1_text(d, s1, fmt[0]);
        g_string_append(d->out, ", ");
        src2_text(d, chan, s2, fmt[1]);
        g_string_append(d->out, ", ");
        dst_name(d, dst, fmt[3]);
        if (op->flags & E2K_OPF_MAS) {
            mas_suffix(d, chan);
        }
        if (op->alopf == E2K_ALOPF11_MERGE) {
            merge_pred(d, chan);
        }
        break;
    case E2K_ALOPF3:
    case E2K_ALOPF13:
        src1_text(d, s1, fmt[0]);
        g_string_append(d->out, ", ");
        src2_text(d, chan, s2, fmt[1]);
        g_string_append(d->out, ", ");
        reg_name(d->out, dst, fmt[2]);
        mas_suffix(d, chan);
        break;
    case E2K_ALOPF2:
    case E2K_ALOPF12:
    case E2K_ALOPF22:
        src2_text(d, chan, s2, fmt[1]);
        g_string_append(d->out, ", ");
        dst_name(d, dst, fmt[3]);
        break;
    case E2K_ALOPF12_PSHUFH:
        src2_text(d, chan, s2, fmt[1]);
        g_string_append_printf(d->out, ", 0x%x, ", b->ales[chan] & 0xff);
        dst_name(d, dst, fmt[3]);
        break;
    case E2K_ALOPF11_LIT8:
        src1_text(d, s1, fmt[0]);
        g_string_append(d->out, ", ");
        src2_text(d, chan, s2, fmt[1]);
        g_string_append_printf(d->out, ", 0x%x, ", b->ales[chan] & 0xff);
        dst_name(d, dst, fmt[3]);
        break;
    case E2K_ALOPF7:
    case E2K_ALOPF17:
        src1_text(d, s1, fmt[0]);
        g_string_append(d->out, ", ");
        src2_text(d, chan, s2, fmt[1]);
        g_string_append_printf(d->out, ", %%pred%d", dst & 0x1f);
        break;
    case E2K_ALOPF8:
        src2_text(d, chan, s2, fmt[1]);
        g_string_append_printf(d->out, ", %%pred%d", dst & 0x1f);
        break;
    case E2K_ALOPF15: {
        const char *n = state_reg_name(dst, d->isa);
        src2_text(d, chan, s2, fmt[1]);
        g_string_append_printf(d->out, ", %s", n ? n : "<state register>");
        d->bad |= !n;
        break;
    }
    case E2K_ALOPF16: {
        const char *n = state_reg_name(s1, d->isa);
        g_string_append_printf(d->out, "%s, ", n ? n : "<state register>");
        d->bad |= !n;
        dst_name(d, dst, fmt[3]);
        break;
    }
    case E2K_ALOPF21:
    case E2K_ALOPF21_MERGE:
        src1_text(d, s1, fmt[0]);
        g_string_append(d->out, ", ");
        src2_text(d, chan, s2, fmt[1]);
        g_string_append(d->out, ", ");
        reg_name(d->out, b->ales[chan] & 0xff, fmt[2]);
        g_string_append(d->out, ", ");
        dst_name(d, dst, fmt[3]);
        if (op->alopf == E2K_ALOPF21_MERGE) {
            merge_pred(d, chan);
        }
        break;
    case E2K_ALOPF_MERGE:
        src1_text(d, s1, fmt[0]);
        g_string_append(d->out, ", ");
        src2_text(d, chan, s2, fmt[1]);
        g_string_append(d->out, ", ");
        dst_name(d, dst, fmt[3]);
        merge_pred(d, chan);
        break;
    case E2K_ALOPF10:
        reg_name(d->out, dst, fmt[2]);
        g_string_append(d->out, ", ");
        aasti_text(d, chan, als);
        mas_suffix(d, chan);
        break;
    case E2K_ALOPF19:
        aasti_text(d, chan, als);
        g_string_append(d->out, ", ");
        dst_name(d, dst, fmt[3]);
        mas_suffix(d, chan);
        break;
    case E2K_ALOPF_AAURW:
    case E2K_ALOPF_AAURR: {
        const char *n = aau_reg_name((als >> 8) & 0xffff);
        if (op->alopf == E2K_ALOPF_AAURW) {
            reg_name(d->out, dst, fmt[2]);
            g_string_append_printf(d->out, ", %s", n ? n : "<aau register>");
        } else {
            g_string_append_printf(d->out, "%s, ", n ? n : "<aau register>");
            dst_name(d, dst, fmt[3]);
        }
        d->bad |= !n;
        break;
    }
    case E2K_ALOPF12_IBRANCHD:
    case E2K_ALOPF12_ICALLD:
        if (op->alopf == E2K_ALOPF12_ICALLD) {
            g_string_append_printf(d->out, "wbs=0x%x, ", s1);
        }
        src2_text(d, chan, s2, fmt[1]);
        g_string_append(d->out, ", ");
        dst_name(d, dst, fmt[3]);
        if (b->has_ss) {
            ctcond_text(d, b->ss & 0x1ff, op->alopf == E2K_ALOPF12_IBRANCHD);
            d->ctcond_used = true;
        }
        break;
    default:
        g_string_append(d->out, "<unsupported format>");
        d->bad = true;
        break;
    }
    if (op->alopf != E2K_ALOPF12_IBRANCHD && op->alopf != E2K_ALOPF12_ICALLD) {
        pred_suffix(d, chan);
    }
    /* AAU address increment rides on the store/load */
    if ((op->alopf == E2K_ALOPF10 || op->alopf == E2K_ALOPF19) &&
        (als & (1u << 10))) {
        int i;
        op_begin(d);
        g_string_append_printf(d->out, "incr,%d %%aaincr%d", chan,
                               (als >> 12) & 7);
        for (i = 0; i < 2 * b->cds_count; i++) {
            uint16_t h = (i & 1) ? (b->cds[i / 2] & 0xffff) : (b->cds[i / 2] >> 16);
            if ((h >> 14) == (chan == 2 ? 0u : 1u) && ((h >> 10) & 8)) {
                g_string_append_printf(d->out, " ? %s%%%s%d",
                                       ((h >> 7) & 4) ? "~" : "",
                                       (h & 0x20) ? "pred" : "pcnt", h & 0x1f);
            }
        }
    }
}

static void ctcond_text(Dis *d, uint32_t c, bool ibranch)
{
    uint32_t ct = (c >> 5) & 0xf, p = c & 0x1f;

    switch (ct) {
    case 0:
        g_string_append(d->out, " ? %never");
        break;
    case 1:
        break;
    case 2:
        g_string_append_printf(d->out, " ? %%pred%d", p);
        break;
    case 3:
        g_string_append_printf(d->out, " ? ~%%pred%d", p);
        break;
    case 4:
        g_string_append(d->out, " ? %LOOP_END");
        break;
    case 5:
        g_string_append(d->out, " ? %NOT_LOOP_END");
        break;
    case 6:
        g_string_append_printf(d->out, " ? %%pred%d || %%LOOP_END", p);
        break;
    case 0xe:
        g_string_append_printf(d->out, " ? ~%%pred%d || %%LOOP_END", p);
        break;
    case 7:
        g_string_append_printf(d->out, " ? ~%%pred%d && %%NOT_LOOP_END", p);
        break;
    case 0xf:
        g_string_append_printf(d->out, " ? %%pred%d && %%NOT_LOOP_END", p);
        break;
    case 8: {
        static const int conv[4] = { 0, 1, 3, 4 };
        int i;
        if (!(c & 0xf)) {
            g_string_append(d->out, " ? %MLOCK");
            break;
        }
        g_string_append(d->out, " ? %MLOCK || %dt_al");
        for (i = 0; i < 4; i++) {
            if (c & (1u << i)) {
                g_string_append_printf(d->out, "%d", conv[i]);
            }
        }
        break;
    }
    case 9: {
        uint32_t type = (c >> 3) & 3;
        g_string_append(d->out, " ? %MLOCK || ");
        if (type == 0) {
            int n = (c >> 1) & 3;
            g_string_append_printf(d->out, "%s%%cmp%d", (c & 1) ? "~" : "",
                                   n >= 2 ? n + 1 : n);
        } else if (type == 1) {
            bool jk = (c & 4) != 0;
            g_string_append_printf(d->out, "%s%%cmp%d || %s%%cmp%d",
                                   (c & 2) ? "~" : "", jk ? 3 : 0,
                                   (c & 1) ? "~" : "", jk ? 4 : 1);
        } else {
            g_string_append_printf(d->out, "%s%%clp%d", (c & 1) ? "~" : "",
                                   (c >> 1) & 3);
        }
        break;
    }
    default:
        g_string_append_printf(d->out, " ? <ctcond 0x%x>", c);
        d->bad = true;
        break;
    }
    if (ct >= 8 && ct <= 9 && !ibranch) {
        d->bad = true;
    }
}

static void control_ops(Dis *d)
{
    const E2KBundle *b = d->b;
    uint32_t ss = b->ss;
    uint32_t ctcond = ss & 0x1ff;
    int ctop = (ss >> 10) & 3;
    bool ss_ct = b->has_ss && (ctcond || ctop) && ss != 0xd4100000 &&
                 !d->ctcond_used;
    bool cs0_used = false, cs1_used = false;
    unsigned cs1_opc = b->cs1 >> 28;

    if (b->has_ss && ss == 0xd4100000 && d->isa >= 3) {
        op_begin(d);
        g_string_append(d->out, "flushts");
        return;
    }
    /* CS0 */
    if (b->has_cs0) {
        uint32_t cs0 = b->cs0, disp = cs0 & 0x0fffffff;
        int ctp_opc = (cs0 >> 28) & 3, ctpr = cs0 >> 30;
        cs0_used = true;
        if (ctpr) {
            static const char *const names[4] = { "disp", "ldisp", "sdisp", NULL };
            op_begin(d);
            if (ctp_opc == 3) {
                g_string_append_printf(d->out, "%s %%ctpr%d",
                                       disp ? "gettsd" : "return", ctpr);
                if (disp > 1) {
                    d->bad = true;
                }
            } else {
                int32_t sd = (int32_t)(disp << 4) >> 4;
                g_string_append_printf(d->out, "%s %%ctpr%d, %s0x%x",
                                       names[ctp_opc], ctpr, sd < 0 ? "-" : "",
                                       sd < 0 ? -sd : sd);
            }
        } else if (ctp_opc == 1) {
            op_begin(d);
            g_string_append_printf(d->out, "pref %%ipr%d, disp=0x%x, ipd=%d",
                                   disp & 7, disp >> 4, (disp >> 3) & 1);
        } else if (ctp_opc == 3 && ctop == 0 && b->has_ss) {
            static const char *const names[5] = {
                "done", NULL, "iret", "hret", "glaunch"
            };
            op_begin(d);
            if (disp <= 4 && names[disp]) {
                g_string_append(d->out, names[disp]);
            } else {
                g_string_append(d->out, "<cs0>");
                d->bad = true;
            }
            ctcond_text(d, ctcond, false);
            ss_ct = false;
        } else if (ctp_opc == 0 && b->has_cs1 && cs1_opc == 5 &&
                   ((b->cs1 >> 7) & 3) && ctop == 0) {
            bool h = ((b->cs1 >> 7) & 3) == 2;
            op_begin(d);
            g_string_append_printf(d->out, "%s 0x%x, wbs=0x%x", h ? "hcall" : "icall",
                                   h ? disp >> 1 : disp, b->cs1 & 0x7f);
            ctcond_text(d, ctcond, false);
            ss_ct = false;
            cs1_used = true;
        } else if (ctp_opc == 0 && b->has_ss && ctop == 0) {
            int32_t sd = (int32_t)(disp << 4) >> 4;
            op_begin(d);
            g_string_append_printf(d->out, "ibranch %s0x%x", sd < 0 ? "-" : "",
                                   sd < 0 ? -sd : sd);
            ctcond_text(d, ctcond, true);
            ss_ct = false;
        } else {
            op_begin(d);
            g_string_append_printf(d->out, "<cs0 0x%08x>", cs0);
            d->bad = true;
        }
    }
    /* SS control transfer */
    if (ss_ct && ctop) {
        op_begin(d);
        if (b->has_cs1 && cs1_opc == 5 && !((b->cs1 >> 7) & 3)) {
            g_string_append_printf(d->out, "call %%ctpr%d, wbs=0x%x", ctop,
                                   b->cs1 & 0x7f);
            cs1_used = true;
        } else {
            g_string_append_printf(d->out, "ct %%ctpr%d", ctop);
        }
        ctcond_text(d, ctcond, false);
    } else if (ss_ct && !cs0_used) {
        /* a condition with no transfer: only the default-free form works */
        d->bad = true;
    }
    /* CS1 */
    if (b->has_cs1 && !cs1_used) {
        uint32_t cs1 = b->cs1;
        switch (cs1_opc) {
        case 0:
        case 1:
        case 4:
            if (cs1_opc != 4) {
                uint32_t l = b->lts_count ? b->lts[0] : 0;
                bool tr = (cs1 >> 25) & 1;
                if (tr) {
                    op_begin(d);
                    g_string_append_printf(d->out, "settr type=0x%x", l >> 17);
                }
                /* With settr, setwd is printed only when one of its
                   fields is non-zero; bit 3 (dbl) is a field from v3 on. */
                if (!tr || (l & (d->isa >= 3 ? 0xff8 : 0xff0))) {
                    op_begin(d);
                    g_string_append_printf(d->out, "setwd wsz=0x%x, nfx=0x%x",
                                           (l >> 5) & 0x7f, (l >> 4) & 1);
                    if (d->isa >= 3) {
                        g_string_append_printf(d->out, ", dbl=0x%x", (l >> 3) & 1);
                    }
                }
                if (cs1_opc == 1) {
                    op_begin(d);
                    g_string_append_printf(d->out, "vfrpsz rpsz=0x%x",
                                           ((l >> 12) & 0x1f) + 1);
                }
                if (b->lts_count == 0) {
                    d->bad = true;
                }
            }
            if ((cs1 >> 26) & 1) {
                op_begin(d);
                g_string_append_printf(d->out, "setbn rsz=0x%x, rbs=0x%x, "
                                       "rcur=0x%x", (cs1 >> 6) & 0x3f,
                                       cs1 & 0x3f, (cs1 >> 12) & 0x3f);
            }
            if ((cs1 >> 27) & 1) {
                op_begin(d);
                g_string_append_printf(d->out, "setbp psz=0x%x", (cs1 >> 18) & 0x1f);
            }
            break;
        case 2:
            op_begin(d);
            if (cs1 & (1u << 27)) {
                g_string_append(d->out, "setsft");
            } else {
                g_string_append_printf(d->out, "setei 0x%x", cs1 & 0xff);
            }
            break;
        case 3: {
            static const char *const names[14] = {
                "all_c", "all_e", "st_c", "ld_c", "fl_c", "ma_c", "trap",
                "sas", "sal", "las", "lal", "mt", "int", "mem_mod"
            };
            int i, n = 0;
            op_begin(d);
            g_string_append(d->out, "wait ");
            for (i = 0; i < 14; i++) {
                if (cs1 & (1u << i)) {
                    g_string_append_printf(d->out, "%s%s=1", n++ ? ", " : "",
                                           names[i]);
                }
            }
            /* sas/las imply st_c, sal/lal ld_c (the assembler sets them):
               say so when the bundle clears one, rather than print text
               that assembles to a different bundle */
            if ((cs1 & (1u << 7 | 1u << 9)) && !(cs1 & (1u << 2))) {
                g_string_append(d->out, ", st_c=0");
            }
            if ((cs1 & (1u << 8 | 1u << 10)) && !(cs1 & (1u << 3))) {
                g_string_append(d->out, ", ld_c=0");
            }
            if (!n || (cs1 & 0x0fffc000)) {
                d->bad = true;
            }
            break;
        }
        case 6:
            break;      /* MAS: printed with the memory operations */
        case 7: {
            static const char *const names[4] = {
                "flushr", "flushc", "fillr", "fillc"
            };
            int i;
            for (i = 0; i < 4; i++) {
                if (cs1 & (1u << i)) {
                    op_begin(d);
                    g_string_append(d->out, names[i]);
                }
            }
            break;
        }
        default:
            op_begin(d);
            g_string_append_printf(d->out, "<cs1 0x%08x>", cs1);
            d->bad = true;
            break;
        }
    }
}

static void ss_ops(Dis *d)
{
    const E2KBundle *b = d->b;
    uint32_t ss = b->ss;
    int crp, srp;

    if (!b->has_ss || ss == 0xd4100000) {
        return;
    }
    if (ss & ((1u << 9) | (1u << 20))) {
        d->bad = true;
    }
    if ((ss >> 16) & 3) {
        op_begin(d);
        g_string_append_printf(d->out, "alc alcf=%d, alct=%d", (ss >> 17) & 1,
                               (ss >> 16) & 1);
    }
    if ((ss >> 18) & 3) {
        op_begin(d);
        g_string_append_printf(d->out, "abp abpf=%d, abpt=%d", (ss >> 19) & 1,
                               (ss >> 18) & 1);
    }
    if ((ss >> 21) & 3) {
        op_begin(d);
        g_string_append_printf(d->out, "abn abnf=%d, abnt=%d", (ss >> 22) & 1,
                               (ss >> 21) & 1);
    }
    if ((ss >> 23) & 3) {
        op_begin(d);
        g_string_append_printf(d->out, "abg %d", (ss >> 23) & 3);
    }
    crp = (ss >> 25) & 1;
    srp = (ss >> 27) & 1;
    if (crp || srp) {
        int i;
        op_begin(d);
        g_string_append(d->out, crp && srp ? "slrp" : crp ? "crp" : "srp");
        for (i = 0; i < 2 * b->cds_count; i++) {
            uint16_t h = (i & 1) ? (b->cds[i / 2] & 0xffff) : (b->cds[i / 2] >> 16);
            if ((h >> 14) == 2 && ((h >> 10) & 8)) {
                g_string_append_printf(d->out, " ? %s%%%s%d",
                                       ((h >> 7) & 4) ? "~" : "",
                                       (h & 0x20) ? "pred" : "pcnt", h & 0x1f);
            }
        }
    }
    if ((ss >> 26) & 1) {
        op_begin(d);
        g_string_append(d->out, "vfdi");
    }
    if ((ss >> 28) & 1) {
        op_begin(d);
        g_string_append(d->out, "bap");
    }
    if ((ss >> 29) & 1) {
        op_begin(d);
        g_string_append(d->out, "eap");
    }
    op_begin(d);
    g_string_append_printf(d->out, "ipd %d", ss >> 30);
}

static void elp_src(Dis *d, int v)
{
    if (v >= 0x60) {
        g_string_append_printf(d->out, "%%pred%d", v & 0x1f);
    } else if (v >= 0x40) {
        g_string_append_printf(d->out, "%%rndpred%d", v & 0x1f);
    } else if (v == 0) {
        g_string_append(d->out, "%lcntex");
    } else {
        int i;
        g_string_append(d->out, "%spred");
        for (i = 0; i < 6; i++) {
            if (v & (1 << i)) {
                g_string_append_printf(d->out, "%d", i);
            }
        }
    }
}

static void pls_ops(Dis *d)
{
    const E2KBundle *b = d->b;
    int i;
    bool clp_active[3] = { false };

    for (i = 0; i < b->pls_count; i++) {
        uint32_t p = b->pls[i];
        /* the %pred index (bits 4:0) means nothing without vdst (bit 5):
           a CLP with only those bits set is the empty one */
        if ((p & 0xffe0) != 0) {
            clp_active[i] = true;
            d->lp_needed |= 1u << ((p >> 10) & 7);
            d->lp_needed |= 1u << ((p >> 6) & 7);
        }
    }
    for (i = 0; i < b->pls_count; i++) {
        uint32_t p = b->pls[i];
        int e0 = (p >> 24) & 0x7f, e1 = (p >> 16) & 0x7f;
        bool any = false;
        if (i == 2) {
            if (e0 || e1) {
                d->bad = true;
            }
            if (!clp_active[2] && b->pls_count == 3) {
                /* an all-zero PLS2: an empty CLP2 re-creates it; it reads
                   @p0, which is printed above if ELP0 or a CLP uses it */
                bool p0_shown = (b->pls[0] >> 24) || (d->lp_needed & 1);

                clp_active[2] = true;
                d->lp_needed |= 1;
                if (!p0_shown) {
                    op_begin(d);
                    g_string_append(d->out, "pass %lcntex, @p0");
                }
            }
            continue;
        }
        if (e0 || (d->lp_needed & (1u << (2 * i)))) {
            op_begin(d);
            g_string_append(d->out, "pass ");
            elp_src(d, e0);
            g_string_append_printf(d->out, ", @p%d", 2 * i);
            any = true;
        }
        if (e1 || (d->lp_needed & (1u << (2 * i + 1)))) {
            op_begin(d);
            g_string_append(d->out, "pass ");
            elp_src(d, e1);
            g_string_append_printf(d->out, ", @p%d", 2 * i + 1);
            any = true;
        }
        if (!any && !clp_active[i] && i == b->pls_count - 1) {
            op_begin(d);
            g_string_append_printf(d->out, "pass %%lcntex, @p%d", 2 * i);
        }
        if (p & (1u << 23 | 1u << 31)) {
            d->bad = true;
        }
    }
    for (i = 0; i < b->pls_count; i++) {
        uint32_t p = b->pls[i];
        static const char *const names[4] = { "andp", "landp", NULL, "movep" };
        int opc = (p >> 14) & 3;
        if (!clp_active[i]) {
            continue;
        }
        op_begin(d);
        if (!names[opc]) {
            g_string_append(d->out, "<clp>");
            d->bad = true;
            continue;
        }
        g_string_append_printf(d->out, "%s %s@p%d, %s@p%d, @p%d", names[opc],
                               (p >> 13) & 1 ? "~" : "", (p >> 10) & 7,
                               (p >> 9) & 1 ? "~" : "", (p >> 6) & 7, 4 + i);
        if ((p >> 5) & 1) {
            op_begin(d);
            g_string_append_printf(d->out, "pass @p%d, %%pred%d", 4 + i, p & 0x1f);
        }
    }
}

static void aau_ops(Dis *d)
{
    const E2KBundle *b = d->b;
    unsigned aa = b->has_ss ? (b->ss >> 12) & 0xf : 0;
    int c;

    for (c = 0; c < 4; c++) {
        uint16_t a;
        unsigned opc, f;
        static const char *const names[8] = {
            NULL, "movab", "movah", "movaw", "movad", "movaq", NULL, "movaqp"
        };
        if (!(aa & (1u << c))) {
            continue;
        }
        a = b->aas[c + 2];
        opc = (a >> 12) & 7;
        op_begin(d);
        if (!names[opc]) {
            g_string_append(d->out, "<mova>");
            d->bad = true;
            continue;
        }
        if (opc == 5) {
            /* the pair's second half: AAS(c + 3), absent for AAS5 */
            uint16_t a2 = c < 3 ? b->aas[c + 3] : 0;
            bool be = (a >> 15) & 1;
            unsigned ind = ((be ? a2 : a) >> 1) & 0x1f;
            if (c & 1 || !(aa & (1u << (c + 1)))) {
                d->bad = true;
            }
            /* the half holding ind itself has clean area/am fields
               (ind + 8 may overflow into area in the other one) */
            g_string_append_printf(d->out, "movaq,%d area=%d, ind=%d, am=%d, be=%d, ",
                                   c, (((be ? a2 : a) >> 6) & 0x1f), ind,
                                   (be ? a2 : a) & 1, be);
            f = (b->aas[c / 2] >> (8 * (1 - c % 2))) & 0xff;
            dst_name(d, f, E2K_FMT_Q);
            c++;
            continue;
        }
        g_string_append_printf(d->out, "%s,%d area=%d, ind=%d, am=%d, be=%d, ",
                               names[opc], c, (a >> 6) & 0x1f, (a >> 1) & 0x1f,
                               a & 1, (a >> 15) & 1);
        f = (b->aas[c / 2] >> (8 * (1 - c % 2))) & 0xff;
        dst_name(d, f, opc == 4 || opc == 7 ? E2K_FMT_D : E2K_FMT_S);
    }
}

int e2k_disas_bundle(const uint8_t *p, size_t avail, uint64_t pc, int isa,
                     GString *out)
{
    E2KBundle b;
    Dis d = { &b, isa, out, 0, false, 0 };
    int len = e2k_decode_bundle(p, avail, isa, &b, NULL);
    int ch;
    unsigned done = 0;
    int order[6], n = 0, i, j;
    size_t start = out->len;

    if (len < 0) {
        g_string_append(out, "<invalid>");
        return -1;
    }
    g_string_append(out, "{ ");
    /* ALU operations in the order that makes re-assembly allocate the CDS
       half-syllables (RLP/MRGC) as they are: the assembler gives each
       operation, in text order, a new half for each condition no earlier
       half holds.  So, greedily: next comes an operation all of whose
       halves exist already, else the one whose first new half is the
       earliest; operations without conditions follow in channel order. */
    for (ch = 0; ch < 6; ch++) {
        if (b.als_mask & (1 << ch)) {
            order[n++] = ch;
        }
    }
    {
        unsigned uses[6] = { 0 }, have = 0;
        int sorted[6], k;

        for (i = 0; i < n; i++) {
            int c = order[i];
            /* allocation order: the last CDS word's high half first */
            for (k = 0; k < 2 * b.cds_count; k++) {
                int word = b.cds_count - 1 - k / 2;
                uint16_t h = (k & 1) ? (b.cds[word] & 0xffff) : (b.cds[word] >> 16);
                unsigned opc = h >> 14, mask = (h >> 10) & 0xf;
                if ((opc & 1) == (c >= 3 ? 1u : 0u) && (mask & (1u << (c % 3)))) {
                    uses[i] |= 1u << k;
                }
            }
        }
        for (j = 0; j < n; j++) {
            int best = -1, best_key = 0;
            for (i = 0; i < n; i++) {
                unsigned fresh = uses[i] & ~have;
                int key = !uses[i] ? 100 + order[i] :
                          !fresh ? -1 : __builtin_ctz(fresh);
                if (order[i] >= 0 && (best < 0 || key < best_key)) {
                    best = i;
                    best_key = key;
                }
            }
            sorted[j] = order[best];
            have |= uses[best];
            order[best] = -1;
        }
        memcpy(order, sorted, sizeof(int) * n);
    }
    for (i = 0; i < n; i++) {
        const E2KOpDesc *op;
        ch = order[i];
        if (done & (1u << ch)) {
            continue;
        }
        op = e2k_bundle_alu_op(&b, ch, isa);
        if (!op) {
            op_begin(&d);
            g_string_append_printf(out, "<unknown ALS%d 0x%08x>", ch, b.als[ch]);
            d.bad = true;
            continue;
        }
        if (op->flags & E2K_OPF_PAIR) {
            int a, c;
            if (e2k_op_pair(op, ch, &a, &c)) {
                done |= (1u << a) | (1u << c);
                ch = a;
            }
        }
        done |= 1u << ch;
        alu_op(&d, ch, op);
    }
    control_ops(&d);
    ss_ops(&d);
    aau_ops(&d);
    pls_ops(&d);
    if (b.loop_mode) {
        op_begin(&d);
        g_string_append(out, "loop_mode");
    }
    if (E2K_HS_SW(b.hs)) {
        op_begin(&d);
        g_string_append(out, "set_mark");
    }
    if (b.nop) {
        op_begin(&d);
        g_string_append_printf(out, "nop %d", b.nop);
    }
    g_string_append(out, d.nops ? " }" : "}");
    (void)pc;
    (void)start;
    return len;
}

/* One 8-byte fapb half: the control word (fields as the assembler's
   parse_fapb takes them; si=1 swaps incr/ind for be/am/area) and disp. */
static void apb_half(GString *out, uint32_t w, uint32_t disp, bool right)
{
    bool si = (w >> 30) & 1;

    g_string_append_printf(out, "fapb %s=%u, si=%u, dcd=%u, fmt=%u, mrng=%u, "
                           "d=%u, ", right ? "dpl" : "ct", w >> 31, si,
                           (w >> 28) & 3, (w >> 25) & 7, (w >> 20) & 0x1f,
                           (w >> 15) & 0x1f);
    if (si) {
        g_string_append_printf(out, "be=%u, am=%u, area=%u, ", (w >> 14) & 1,
                               (w >> 13) & 1, (w >> 8) & 0x1f);
    } else {
        g_string_append_printf(out, "incr=%u, ind=%u, ", (w >> 12) & 7,
                               (w >> 8) & 0xf);
    }
    g_string_append_printf(out, "asz=%u, abs=%u, disp=0x%x", (w >> 5) & 7,
                           w & 0x1f, disp);
}

int e2k_disas_apb(const uint8_t *p, size_t avail, GString *out, bool *last)
{
    uint32_t l, ldisp, r, rdisp;

    if (avail < 16) {
        return -1;
    }
    l = ldl_le_p(p);
    ldisp = ldl_le_p(p + 4);
    r = ldl_le_p(p + 8);
    rdisp = ldl_le_p(p + 12);
    *last = l >> 31;
    g_string_append(out, "{ ");
    /* an all-zero half is the one the assembler leaves out */
    if (l || ldisp || !(r || rdisp)) {
        apb_half(out, l, ldisp, false);
        if (r || rdisp) {
            g_string_append(out, " ; ");
        }
    }
    if (r || rdisp) {
        apb_half(out, r, rdisp, true);
    }
    g_string_append(out, " }");
    return 16;
}
