/*
 * e2k assembler back end: control-unit operations (disp/ldisp/sdisp/
 * return/gettsd/pref, ct/call/ibranch/rbranch/done with their conditions,
 * set* window commands, wait, nop, ipd, loop/rotation control), predicate
 * logic (pass/andp/landp/movep and the combined clp forms), and AAU
 * operations (mova*, incr, fapb) into SS, CS0, CS1, PLS, AAS and APB.
 *
 * Copyright (c) the qemu-e2k project authors.  GPL-2.0-or-later.
 */
#include <ctype.h>
#include <string.h>

#include <glib.h>

#include "asm-int.h"

#define CT_NEVER        0
#define CT_ALWAYS       32
#define CT_PRED         64
#define CT_NEG_PRED     96
#define CT_LOOP_END     128
#define CT_NOT_LOOP_END 160
#define CT_MLOCK        256

enum { MODE_CT = 0, MODE_IBRANCH = 1, MODE_RBRANCH = 2 };

static bool at_end(const char *s)
{
    while (*s == ' ') {
        s++;
    }
    return *s == 0;
}

static bool ct_subcond(const char **ps, const char *op, const char *sub)
{
    const char *s = *ps;
    if (op && *op && !asm_slurp_str(&s, op)) {
        return false;
    }
    if (!asm_slurp_char(&s, '%') && !asm_slurp_char(&s, '#')) {
        return false;
    }
    if (!asm_slurp_str(&s, sub)) {
        return false;
    }
    *ps = s;
    return true;
}

static bool parse_pl_ctcond(const char **ps, uint32_t *psrc)
{
    const char *s = *ps;
    int neg = asm_slurp_char(&s, '~');

    if (asm_slurp_str(&s, "%cmp")) {
        int jk = -1;
        if (asm_slurp_str(&s, "0||")) {
            jk = 0;
        } else if (asm_slurp_str(&s, "3||")) {
            jk = 1;
        }
        if (jk >= 0) {
            int negk = asm_slurp_char(&s, '~');
            if (asm_slurp_str(&s, "%cmp") && asm_slurp_char(&s, jk ? '4' : '1')) {
                *psrc = (1u << 3) | (jk << 2) | (neg << 1) | negk;
                *ps = s;
                return true;
            }
            return false;
        }
        if (*s == '0' || *s == '1' || *s == '3' || *s == '4') {
            int c = *s - '0';
            *psrc = neg | ((c <= 1 ? c : c - 1) << 1);
            *ps = s + 1;
            return true;
        }
        return false;
    }
    if (asm_slurp_str(&s, "%clp") && *s >= '0' && *s <= '2') {
        *psrc = (2u << 3) | ((*s - '0') << 1) | neg;
        *ps = s + 1;
        return true;
    }
    return false;
}

static bool set_ctcond(AsmWide *w, uint32_t v, Error **errp)
{
    return asm_set_field(&w->ss[SS_CTCOND], v, false, "ss.ctcond", errp);
}

static bool parse_ctcond(AsmWide *w, const char **ps, int mode, Error **errp)
{
    const char *s = *ps;
    AsmPred p;
    uint32_t psrc;
    bool parsed;

    asm_start_ss(w);
    if (!asm_slurp_char(&s, '?')) {
        if (!at_end(s)) {
            error_setg(errp, "end of line expected at `%s'", s);
            return false;
        }
        if (!set_ctcond(w, mode == MODE_RBRANCH ? CT_MLOCK : CT_ALWAYS, errp)) {
            return false;
        }
        *ps = s;
        return true;
    }
    if (ct_subcond(&s, "", "always")) {
        if (!set_ctcond(w, CT_ALWAYS, errp)) {
            return false;
        }
    } else if (ct_subcond(&s, "", "never")) {
        if (!set_ctcond(w, CT_NEVER, errp)) {
            return false;
        }
    } else if (ct_subcond(&s, "", "LOOP_END")) {
        if (!set_ctcond(w, CT_LOOP_END, errp)) {
            return false;
        }
    } else if (ct_subcond(&s, "", "NOT_LOOP_END")) {
        if (!set_ctcond(w, CT_NOT_LOOP_END, errp)) {
            return false;
        }
    } else if ((parsed = ct_subcond(&s, "", "MLOCK")) || mode == MODE_RBRANCH) {
        if (parsed && mode != MODE_IBRANCH) {
            error_setg(errp, "%%MLOCK control transfer condition is applicable "
                       "only to ibranch");
            return false;
        }
        if (mode == MODE_RBRANCH || asm_slurp_str(&s, "||")) {
            uint32_t base = mode == MODE_RBRANCH ? CT_MLOCK : 0;
            if (ct_subcond(&s, "", "dt_al")) {
                static const int conv[5] = { 0, 1, -1, 2, 3 };
                unsigned mask = 0;
                int i;
                for (i = 0; i < 5; i++) {
                    if (conv[i] >= 0 && asm_slurp_char(&s, '0' + i)) {
                        mask |= 1u << conv[i];
                    }
                }
                if (!mask) {
                    error_setg(errp, "index of form `[0][1][3][4]' expected "
                               "after `%%dt_al'");
                    return false;
                }
                if (!set_ctcond(w, base | ((8u << 5) + mask), errp)) {
                    return false;
                }
            } else if (w->isa >= 3 && parse_pl_ctcond(&s, &psrc)) {
                if (!set_ctcond(w, base | (9u << 5) | psrc, errp)) {
                    return false;
                }
            } else {
                error_setg(errp, "invalid control transfer condition `%s' after "
                           "%s", s, mode == MODE_RBRANCH ? "rbranch" :
                           "ibranch %MLOCK ||");
                return false;
            }
        } else if (!set_ctcond(w, CT_MLOCK, errp)) {
            return false;
        }
    } else if (asm_parse_pred(&s, &p, false)) {
        uint32_t c;
        if (p.num > 31) {
            error_setg(errp, "predicate number %d out of range (0..31)", p.num);
            return false;
        }
        if (ct_subcond(&s, "||", "LOOP_END")) {
            c = p.neg ? (0xeu << 5) : (0x6u << 5);
        } else if (ct_subcond(&s, "&&", "NOT_LOOP_END")) {
            c = p.neg ? (0x7u << 5) : (0xfu << 5);
        } else {
            c = p.neg ? CT_NEG_PRED : CT_PRED;
        }
        if (!set_ctcond(w, c | p.num, errp)) {
            return false;
        }
    } else {
        error_setg(errp, "invalid control transfer condition `%s'", s);
        return false;
    }
    *ps = s;
    return true;
}

static void ipd_default_if_transfer(AsmWide *w)
{
    if ((w->ss[SS_CTCOND].val & 0x1e0) != CT_NEVER) {
        asm_set_field(&w->ss[SS_IPD], 3, true, "ss.ipd", NULL);
    }
}

/* An expression that is either a constant or symbolic (fixup later). */
static int parse_target(AsmWide *w, const char **ps, int64_t *val,
                        char *expr, Error **errp)
{
    const char *s = *ps;
    const char *e;
    size_t len;
    int r;

    while (*s == ' ') {
        s++;
    }
    e = s;
    if (asm_parse_const_expr(w, &e, val, NULL) && (at_end(e) || *e == ',' ||
                                                   *e == '?')) {
        *ps = e;
        return 0;
    }
    for (e = s; *e && *e != ',' && *e != '?'; e++) {
        continue;
    }
    len = e - s;
    while (len > 0 && s[len - 1] == ' ') {
        len--;
    }
    if (len == 0 || len >= MAX_EXPR) {
        error_setg(errp, "invalid expression at `%s'", s);
        return -1;
    }
    memcpy(expr, s, len);
    expr[len] = 0;
    if (!w->env->eval) {
        error_setg(errp, "invalid expression `%s'", expr);
        return -1;
    }
    r = w->env->eval(w->env->opaque, expr, val, errp);
    if (r < 0) {
        return -1;
    }
    *ps = e;
    if (r == 0) {
        expr[0] = 0;
    }
    return r;
}

static bool cs0_free(AsmWide *w, const char *name, Error **errp)
{
    if (w->cs0_set) {
        error_setg(errp, "cannot encode `%s': CS0 in the current wide "
                   "instruction is already busy", name);
        return false;
    }
    return true;
}

static bool parse_copf2(AsmWide *w, const char *name, const char **ps,
                        Error **errp)
{
    const char *s = *ps;
    int ctp_opc, allowed;
    bool label;
    uint64_t n;

    if (!strcmp(name, "disp")) {
        ctp_opc = 0, allowed = 7, label = true;
    } else if (!strcmp(name, "ldisp")) {
        ctp_opc = 1, allowed = 2, label = true;
    } else if (!strcmp(name, "sdisp")) {
        ctp_opc = 2, allowed = 7, label = true;
    } else if (!strcmp(name, "return")) {
        ctp_opc = 3, allowed = 4, label = false;
    } else {
        ctp_opc = 3, allowed = 7, label = false;    /* gettsd */
    }
    if (!cs0_free(w, name, errp)) {
        return false;
    }
    w->cs0 = (uint32_t)ctp_opc << 28;
    if (!asm_slurp_str(&s, "%ctpr")) {
        error_setg(errp, "%%ctpr expected");
        return false;
    }
    if (!asm_parse_number(&s, &n)) {
        error_setg(errp, "cannot see %%ctpr number");
        return false;
    }
    if (n < 1 || n > 3) {
        error_setg(errp, "invalid %%ctpr%d specified", (int)n);
        return false;
    }
    if (!(allowed & (1 << (n - 1)))) {
        error_setg(errp, "%%ctpr%d is not supported by %s", (int)n, name);
        return false;
    }
    w->cs0 |= (uint32_t)n << 30;
    if (label) {
        int64_t v;
        int r;
        asm_slurp_char(&s, ',');
        asm_slurp_str(&s, "disp=");
        r = parse_target(w, &s, &v, w->cs0_expr, errp);
        if (r < 0) {
            return false;
        }
        if (r == 0) {
            if (ctp_opc == 2 && (v < 0 || v >= 32)) {
                error_setg(errp, "invalid value for CS0.disp in SDISP specified");
                return false;
            }
            if (v < -(1 << 27) || v >= (1 << 28)) {
                error_setg(errp, "displacement 0x%" PRIx64 " out of range",
                           (uint64_t)v);
                return false;
            }
            w->cs0 |= (uint32_t)v & 0x0fffffff;
        } else if (ctp_opc == 2) {
            error_setg(errp, "CS0.disp in SDISP should encode an immediate value");
            return false;
        }
    } else {
        w->cs0 |= name[0] == 'r' ? 0 : 1;
    }
    w->cs0_set = true;
    *ps = s;
    return true;
}

static bool parse_pref(AsmWide *w, const char **ps, Error **errp)
{
    const char *s = *ps;
    uint64_t ipr, ipd = 0;
    int64_t disp = 0;

    if (!cs0_free(w, "pref", errp)) {
        return false;
    }
    if (!asm_slurp_str(&s, "%ipr") || !asm_parse_number(&s, &ipr)) {
        error_setg(errp, "%%ipr expected");
        return false;
    }
    if (ipr > 7) {
        error_setg(errp, "invalid index for %%ipr");
        return false;
    }
    asm_slurp_char(&s, ',');
    asm_slurp_str(&s, "disp=");
    if (!asm_parse_const_expr(w, &s, &disp, NULL)) {
        error_setg(errp, "prefetch displacement must be a constant");
        return false;
    }
    if (asm_slurp_str(&s, ",ipd=")) {
        if (!asm_parse_number(&s, &ipd) || ipd > 1) {
            error_setg(errp, "invalid value for ipd");
            return false;
        }
    }
    w->cs0 = (1u << 28) | ((((uint32_t)disp << 4) + (uint32_t)(ipd << 3) +
                            (uint32_t)ipr) & 0x0fffffff);
    w->cs0_set = true;
    *ps = s;
    return true;
}

static bool parse_setcmd(AsmWide *w, const char *name, const char **ps,
                         Error **errp)
{
    static const char *const pname[SC_N] = {
        "rsz=", "rbs=", "rcur=", "psz=", "type=", "wsz=", "nfx=", "dbl=",
        "rpsz=", ""
    };
    static const int64_t pmax[SC_N] = {
        0x3f, 0x3f, 0x3f, 0x1f, 0x7fff, 0x7f, 1, 1, 0x1f, 0xff
    };
    int lo, hi, i, j, cnt = 0;
    const char *s = *ps;

    if (!strcmp(name, "setbn")) {
        lo = SC_RSZ, hi = SC_RCUR;
    } else if (!strcmp(name, "setbp")) {
        lo = hi = SC_PSZ;
    } else if (!strcmp(name, "settr")) {
        lo = hi = SC_TYPE;
    } else if (!strcmp(name, "setwd")) {
        lo = SC_WSZ, hi = w->isa >= 3 ? SC_DBL : SC_NFX;
    } else if (!strcmp(name, "vfrpsz")) {
        lo = hi = SC_RPSZ;
    } else {
        lo = hi = SC_SETEI;
    }
    if (w->setcmd_set[lo]) {
        error_setg(errp, "a wide instruction cannot contain more than one %s",
                   name);
        return false;
    }
    for (i = lo; i <= hi; i++) {
        for (j = lo; j <= hi; j++) {
            if (asm_slurp_str(&s, pname[j])) {
                int64_t v;
                int64_t dn = j == SC_RPSZ ? 1 : 0;
                if (!asm_parse_const_expr(w, &s, &v, NULL)) {
                    error_setg(errp, "value expected after %s", pname[j]);
                    return false;
                }
                if (v < dn || v > dn + pmax[j]) {
                    error_setg(errp, "invalid value %" PRId64 " for %s", v,
                               pname[j][0] ? pname[j] : name);
                    return false;
                }
                w->setcmd[j] = v - dn;
                w->setcmd_set[j] = true;
                cnt++;
                asm_slurp_char(&s, ',');
                break;
            }
        }
        if (j > hi) {
            if (!at_end(s)) {
                error_setg(errp, "invalid parameter `%s'", s);
                return false;
            }
            if (cnt == 0) {
                error_setg(errp, "no parameters for `%s'", name);
                return false;
            }
            break;
        }
    }
    *ps = s;
    return true;
}

static bool parse_wait(AsmWide *w, const char **ps, Error **errp)
{
    static const char *const param[14] = {
        "all_c=", "all_e=", "st_c=", "ld_c=", "fl_c=", "ma_c=", "trap=",
        "sas=", "sal=", "las=", "lal=", "mt=", "int=", "mem_mod="
    };
    int val[14];
    uint32_t p = 0;
    const char *s = *ps;
    int i, j;

    for (i = 0; i < 14; i++) {
        val[i] = -1;
    }
    for (i = 0; i < 14; i++) {
        for (j = 0; j < 14; j++) {
            if (asm_slurp_str(&s, param[j])) {
                uint64_t v;
                if ((w->isa < 5 && j > 6) || (w->isa < 6 && j > 8)) {
                    error_setg(errp, "invalid `%s' WAIT parameter for "
                               "elbrus-v%d", param[j], w->isa);
                    return false;
                }
                if (!asm_parse_number(&s, &v) || v > 1) {
                    error_setg(errp, "%s{0,1} expected", param[j]);
                    return false;
                }
                val[j] = (int)v;
                p |= (uint32_t)v << j;
                asm_slurp_char(&s, ',');
                break;
            }
        }
        if (j == 14) {
            if (!at_end(s)) {
                error_setg(errp, "junk in WAIT command: `%s'", s);
                return false;
            }
            if (!p) {
                error_setg(errp, "no parameters specified for WAIT command");
                return false;
            }
            break;
        }
    }
    for (i = 7; i <= 10; i++) {
        int k = i < 9 ? i - 5 : i - 7;
        if (val[i] == 1) {
            if (val[k] == -1) {
                p |= 1u << k;
            } else if (val[k] == 0) {
                error_setg(errp, "invalid combination of `%s0' and `%s1' WAIT "
                           "flags", param[k], param[i]);
                return false;
            }
        }
    }
    if (w->cs1_set) {
        error_setg(errp, "cannot encode WAIT because CS1 is busy");
        return false;
    }
    w->cs1_set = true;
    w->cs1 = (3u << 28) | p;
    *ps = s;
    return true;
}

static bool parse_ctpr(const char **ps, int *n, Error **errp)
{
    uint64_t v;
    if (!asm_slurp_str(ps, "%ctpr")) {
        error_setg(errp, "`%%ctpr{1,2,3}' expected");
        return false;
    }
    if (!asm_parse_number(ps, &v) || v < 1 || v > 3) {
        error_setg(errp, "invalid `%%ctpr' number (should be 1, 2 or 3)");
        return false;
    }
    *n = (int)v;
    return true;
}

static bool parse_wbs(AsmWide *w, const char **ps, int64_t *wbs, Error **errp)
{
    asm_slurp_str(ps, "wbs=");
    if (!asm_parse_const_expr(w, ps, wbs, NULL)) {
        error_setg(errp, "wbs value expected");
        return false;
    }
    if (*wbs < 0 || *wbs > 0x7f) {
        error_setg(errp, "wbs value %" PRId64 " out of range (0..0x7f)", *wbs);
        return false;
    }
    return true;
}

static bool parse_ct(AsmWide *w, const char *name, const char **ps,
                     Error **errp)
{
    const char *s = *ps;
    int n;

    asm_start_ss(w);
    if (!parse_ctpr(&s, &n, errp)) {
        return false;
    }
    w->ss[SS_CTOP].val = n;
    w->ss[SS_CTOP].set = true;
    if (!strcmp(name, "call")) {
        int64_t wbs;
        asm_slurp_char(&s, ',');
        if (!parse_wbs(w, &s, &wbs, errp)) {
            return false;
        }
        if (w->cs1_set) {
            error_setg(errp, "cannot encode `%s': CS1 is busy", name);
            return false;
        }
        w->cs1_set = true;
        w->cs1 = (5u << 28) | (uint32_t)wbs;
    }
    if (!parse_ctcond(w, &s, MODE_CT, errp)) {
        return false;
    }
    ipd_default_if_transfer(w);
    *ps = s;
    return true;
}

static bool parse_hicall(AsmWide *w, const char *name, const char **ps,
                         Error **errp)
{
    const char *s = *ps;
    bool hcall = name[0] == 'h';
    int64_t v, wbs;
    int r;

    asm_start_ss(w);
    w->ss[SS_CTOP].val = 0;
    r = parse_target(w, &s, &v, w->cs0_expr, errp);
    if (r < 0) {
        return false;
    }
    asm_slurp_char(&s, ',');
    if (!cs0_free(w, name, errp)) {
        return false;
    }
    if (r == 0) {
        if (hcall && (v < 0 || v >= 16)) {
            error_setg(errp, "invalid value for CS0.disp in HCALL specified");
            return false;
        }
        w->cs0 = (uint32_t)(hcall ? v << 1 : v) & 0x0fffffff;
    } else if (hcall) {
        error_setg(errp, "CS0.disp in HCALL should encode an immediate value");
        return false;
    }
    w->cs0_set = true;
    if (!parse_wbs(w, &s, &wbs, errp)) {
        return false;
    }
    if (w->cs1_set) {
        error_setg(errp, "cannot encode `%s': CS1 is busy", name);
        return false;
    }
    w->cs1_set = true;
    w->cs1 = (5u << 28) | ((hcall ? 2u : 1u) << 7) | (uint32_t)wbs;
    if (!parse_ctcond(w, &s, MODE_CT, errp)) {
        return false;
    }
    ipd_default_if_transfer(w);
    *ps = s;
    return true;
}

static bool parse_ibranch(AsmWide *w, const char *name, const char **ps,
                          Error **errp)
{
    const char *s = *ps;
    int64_t v;
    int r;

    asm_start_ss(w);
    if (w->ss[SS_CTOP].set && !w->ss[SS_CTOP].dflt) {
        error_setg(errp, "cannot encode `%s', SS.ctop is already busy", name);
        return false;
    }
    if (!asm_set_field(&w->ss[SS_CTOP], 0, false, "ss.ctop", errp) ||
        !cs0_free(w, name, errp)) {
        return false;
    }
    w->cs0 = 0;
    asm_slurp_char(&s, ',');
    r = parse_target(w, &s, &v, w->cs0_expr, errp);
    if (r < 0) {
        return false;
    }
    if (r == 0) {
        if (v < -(1 << 27) || v >= (1 << 28)) {
            error_setg(errp, "displacement out of range");
            return false;
        }
        w->cs0 = (uint32_t)v & 0x0fffffff;
    }
    if (!parse_ctcond(w, &s, name[0] == 'i' ? MODE_IBRANCH : MODE_RBRANCH, errp)) {
        return false;
    }
    w->cs0_set = true;
    ipd_default_if_transfer(w);
    *ps = s;
    return true;
}

static bool parse_done(AsmWide *w, const char *name, const char **ps,
                       Error **errp)
{
    const char *s = *ps;

    if (!parse_ctcond(w, &s, MODE_CT, errp)) {
        return false;
    }
    asm_start_ss(w);
    if (!asm_set_field(&w->ss[SS_CTOP], 0, false, "ss.ctop", errp) ||
        !cs0_free(w, name, errp)) {
        return false;
    }
    w->cs0 = 3u << 28;
    if (name[0] == 'i') {
        w->cs0 |= 2;
    } else if (name[0] == 'h') {
        w->cs0 |= 3;
    } else if (name[0] == 'g') {
        w->cs0 |= 4;
    }
    w->cs0_set = true;
    ipd_default_if_transfer(w);
    *ps = s;
    return true;
}

/* alc/abn/abp: a number (bit 0 = true, bit 1 = false) or `Xf=N,Xt=M' */
static bool parse_tf(AsmWide *w, const char **ps, const char *f, const char *t,
                     int fi, int ti, Error **errp)
{
    const char *s = *ps;
    uint64_t v;
    char fs[8], ts[8];

    asm_start_ss(w);
    if (asm_parse_number(&s, &v)) {
        if (!asm_set_field(&w->ss[ti], v & 1, false, t, errp) ||
            !asm_set_field(&w->ss[fi], (v >> 1) & 1, false, f, errp)) {
            return false;
        }
        *ps = s;
        return true;
    }
    g_snprintf(fs, sizeof(fs), "%s=", f);
    g_snprintf(ts, sizeof(ts), "%s=", t);
    if (!asm_slurp_str(&s, fs) || !asm_parse_number(&s, &v) || v > 1) {
        error_setg(errp, "`%s' expected", fs);
        return false;
    }
    if (!asm_set_field(&w->ss[fi], v, false, f, errp)) {
        return false;
    }
    if (!asm_slurp_char(&s, ',') || !asm_slurp_str(&s, ts) ||
        !asm_parse_number(&s, &v) || v > 1) {
        error_setg(errp, "`%s' expected", ts);
        return false;
    }
    if (!asm_set_field(&w->ss[ti], v, false, t, errp)) {
        return false;
    }
    *ps = s;
    return true;
}

static bool parse_rpc_optional(AsmWide *w, const char **ps, Error **errp)
{
    AsmPred p;
    if (!asm_slurp_char(ps, '?')) {
        return true;
    }
    if (!asm_parse_pred(ps, &p, true) || p.num > 31) {
        error_setg(errp, "predicate expected");
        return false;
    }
    if (w->isa == 2) {
        error_setg(errp, "recovery point conditions are not supported for "
                   "elbrus-v2");
        return false;
    }
    w->cds[0] = (uint16_t)((2u << 14) | (8u << 10) | (p.neg ? 4u << 7 : 0) |
                           p.fld);
    return true;
}

/* predicate logic: ELP (pass into @p0..@p3), CLP/MLP, pass @p4..6 out */
static bool parse_local_pred(const char **ps, AsmPred *p)
{
    const char *s = *ps;
    uint64_t n;
    p->neg = asm_slurp_char(&s, '~');
    if (!asm_slurp_str(&s, "@p") || !asm_parse_number(&s, &n) || n > 6) {
        return false;
    }
    p->num = (int)n;
    *ps = s;
    return true;
}

static bool encode_elp(AsmWide *w, int src, int lp, Error **errp)
{
    int idx = lp / 2;
    if (lp > 3) {
        error_setg(errp, "only @p0..@p3 can receive the result of ELP");
        return false;
    }
    if (!asm_set_field(&w->pls[idx][lp % 2 == 0 ? PL_ELP0 : PL_ELP1], src,
                       false, "pls.elp", errp)) {
        return false;
    }
    w->pls_needed[idx] = true;
    w->explicit_lp |= 1u << lp;
    return true;
}

static bool encode_clp_pass(AsmWide *w, int lp, int gp, Error **errp)
{
    int idx = lp - 4;
    if (lp < 4) {
        error_setg(errp, "only @p4, @p5 and @p6 can be passed to %%pred");
        return false;
    }
    if (!asm_set_field(&w->pls[idx][PL_CLP_VDST], 1, false, "pls.vdst", errp) ||
        !asm_set_field(&w->pls[idx][PL_CLP_PDST], gp, false, "pls.pdst", errp)) {
        return false;
    }
    w->explicit_lp |= 1u << (7 + idx);
    return true;
}

static bool encode_clp(AsmWide *w, const AsmPred *p0, const AsmPred *p1,
                       int dst, int opc, Error **errp)
{
    int idx = dst - 4;
    const char *err = NULL;
    if (dst < 4) {
        error_setg(errp, "only @p4, @p5 and @p6 can receive the result of "
                   "CLP/MLP");
        return false;
    }
    if (idx == 0 && (p0->num > 1 || p1->num > 1)) {
        err = "@p0 and @p1";
    } else if (idx == 1 && (p0->num > 4 || p1->num > 4)) {
        err = "@p0 .. @p4";
    } else if (p0->num > 5 || p1->num > 5) {
        err = "@p0 .. @p5";
    }
    if (err) {
        error_setg(errp, "only %s can be inputs of CLP%d", err, idx);
        return false;
    }
    if (!asm_set_field(&w->pls[idx][PL_CLP_OPC], opc, false, "clp.opc", errp) ||
        !asm_set_field(&w->pls[idx][PL_CLP_NEG0], p0->neg, false, "clp.neg0",
                       errp) ||
        !asm_set_field(&w->pls[idx][PL_CLP_P0], p0->num, false, "clp.p0", errp) ||
        !asm_set_field(&w->pls[idx][PL_CLP_NEG1], p1->neg, false, "clp.neg1",
                       errp) ||
        !asm_set_field(&w->pls[idx][PL_CLP_P1], p1->num, false, "clp.p1", errp)) {
        return false;
    }
    w->pls_needed[idx] = true;
    w->explicit_lp |= 1u << (idx + 4);
    w->clp_in[idx][0] = p0->num;
    w->clp_in[idx][1] = p1->num;
    return true;
}

static bool parse_spred(AsmWide *w, const char **ps, int *sp)
{
    const char *s = *ps;
    uint64_t n;
    if (asm_slurp_str(&s, "%lcntex")) {
        *sp = 0;
        *ps = s;
        return true;
    }
    if (asm_slurp_str(&s, "%spred")) {
        int idx = 0;
        while (*s >= '0' && *s <= '5') {
            idx |= 1 << (*s++ - '0');
        }
        if (idx) {
            *sp = idx;
            *ps = s;
            return true;
        }
        return false;
    }
    if (w->isa >= 3 && asm_slurp_str(&s, "%rndpred") &&
        asm_parse_number(&s, &n) && n >= 1 && n <= 15) {
        *sp = 0x40 | (int)n;
        *ps = s;
        return true;
    }
    return false;
}

static bool parse_pass(AsmWide *w, const char **ps, Error **errp)
{
    const char *s = *ps;
    AsmPred p, lp;
    int sp = 0;

    if (asm_parse_pred(&s, &p, false) || parse_spred(w, &s, &sp)) {
        int src;
        if (p.num >= 0 && p.neg) {
            error_setg(errp, "a negated predicate can't be the source of pass");
            return false;
        }
        if (p.num > 31) {
            error_setg(errp, "predicate number %d out of range (0..31)", p.num);
            return false;
        }
        src = p.num >= 0 ? 0x60 | p.num : sp;
        if (!asm_slurp_char(&s, ',') || !parse_local_pred(&s, &lp) || lp.neg) {
            error_setg(errp, "local predicate expected as the destination of pass");
            return false;
        }
        if (!encode_elp(w, src, lp.num, errp)) {
            return false;
        }
    } else if (parse_local_pred(&s, &lp)) {
        if (lp.neg) {
            error_setg(errp, "a negated local predicate can't be passed");
            return false;
        }
        if (!asm_slurp_char(&s, ',') || !asm_parse_pred(&s, &p, false) || p.neg ||
            p.num > 31) {
            error_setg(errp, "global predicate expected as the destination of pass");
            return false;
        }
        if (!encode_clp_pass(w, lp.num, p.num, errp)) {
            return false;
        }
    } else {
        error_setg(errp, "either of %%lcntex, %%spred, %%pred or @p expected as "
                   "the first operand of `pass'");
        return false;
    }
    *ps = s;
    return true;
}

static bool parse_clp(AsmWide *w, const char **ps, int opc, Error **errp)
{
    const char *s = *ps;
    AsmPred a, b, d;
    if (!parse_local_pred(&s, &a) || !asm_slurp_char(&s, ',') ||
        !parse_local_pred(&s, &b) || !asm_slurp_char(&s, ',') ||
        !parse_local_pred(&s, &d)) {
        error_setg(errp, "local predicates expected");
        return false;
    }
    if (d.neg) {
        error_setg(errp, "a negated local predicate can't be a destination");
        return false;
    }
    if (!encode_clp(w, &a, &b, d.num, opc, errp)) {
        return false;
    }
    *ps = s;
    return true;
}

static bool parse_cpl(AsmWide *w, const char *name, const char **ps,
                      Error **errp)
{
    const char *s = *ps;
    AsmPred s1, s2, d, l0, l1;
    if (w->braced) {
        error_setg(errp, "combined predicate logic command shouldn't be used "
                   "within a wide instruction");
        return false;
    }
    if (!asm_parse_pred(&s, &s1, false) || !asm_slurp_char(&s, ',') ||
        !asm_parse_pred(&s, &s2, false) || !asm_slurp_char(&s, ',') ||
        !asm_parse_pred(&s, &d, false) || d.neg || s1.num > 31 ||
        s2.num > 31 || d.num > 31) {
        error_setg(errp, "invalid operands for `%s'", name);
        return false;
    }
    l0.num = 0;
    l0.neg = s1.neg;
    l1.num = 1;
    l1.neg = s2.neg;
    if (!encode_elp(w, 0x60 | s1.num, 0, errp) ||
        !encode_elp(w, 0x60 | s2.num, 1, errp) ||
        !encode_clp(w, &l0, &l1, 4, strcmp(name, "clpandp") ? 1 : 0, errp) ||
        !encode_clp_pass(w, 4, d.num, errp)) {
        return false;
    }
    *ps = s;
    return true;
}

static bool parse_incr(AsmWide *w, const char **ps, Error **errp)
{
    const char *s = *ps;
    AsmAls *a;
    uint64_t ch, n;
    int i;

    if (w->nals == 0) {
        error_setg(errp, "unexpected `incr'");
        return false;
    }
    a = &w->als[w->nals - 1];
    if (*s == ',' && isdigit((unsigned char)s[1])) {
        s++;
        asm_parse_number(&s, &ch);
        if (a->pos[0] != (int)ch) {
            error_setg(errp, "incorrect channel specified for `incr'");
            return false;
        }
    }
    if (!asm_slurp_str(&s, "%aaincr")) {
        error_setg(errp, "`%%aaincr' expected");
        return false;
    }
    if (!asm_parse_number(&s, &n) || n > 7) {
        error_setg(errp, "index of `%%aaincr' expected");
        return false;
    }
    if (asm_slurp_char(&s, '?')) {
        AsmPred p;
        if (!asm_parse_pred(&s, &p, true) || p.num > 31) {
            error_setg(errp, "predicate expected");
            return false;
        }
        a->preds[3] = p;
    }
    for (i = 0; i < a->nreal; i++) {
        a->u[i] |= (uint32_t)((n << 4) | 4) << 8;
    }
    *ps = s;
    return true;
}

static bool parse_mova(AsmWide *w, const char *name, const char **ps,
                       Error **errp)
{
    static const struct {
        const char *name;
        unsigned max, shift;
    } param[4] = {
        { "area=", 31, 6 }, { "ind=", 31, 1 }, { "am=", 1, 0 }, { "be=", 1, 15 },
    };
    static const struct {
        const char *name;
        unsigned opc;
    } movs[] = {
        { "movab", 1 }, { "movah", 2 }, { "movaw", 3 }, { "movad", 4 },
        { "movaq", 5 }, { "movaqp", 7 },
    };
    const char *s = *ps;
    unsigned opc = 0, i;
    uint64_t chn;
    bool seen[4] = { false };
    bool q;
    unsigned ind = 0;
    int code, nq, k;

    for (i = 0; i < G_N_ELEMENTS(movs); i++) {
        if (!strcmp(name, movs[i].name)) {
            opc = movs[i].opc;
        }
    }
    q = opc == 5;
    nq = q ? 2 : 1;
    if (!asm_slurp_char(&s, ',') || !asm_parse_number(&s, &chn)) {
        error_setg(errp, "mova channel expected");
        return false;
    }
    if (chn > 3) {
        error_setg(errp, "invalid mova channel %u specified", (unsigned)chn);
        return false;
    }
    if (q && chn % 2) {
        error_setg(errp, "movaq should be encoded in channel 0 or 2");
        return false;
    }
    if (w->busy_aa2f1 & (1u << chn)) {
        error_setg(errp, "mova channel %d is already busy", (int)chn);
        return false;
    }
    if (q && (w->busy_aa2f1 & (1u << (chn + 1)))) {
        error_setg(errp, "channel %d required for movaq is already busy",
                   (int)chn + 1);
        return false;
    }
    w->busy_aa2f1 |= 1u << chn;
    if (q) {
        w->busy_aa2f1 |= 1u << (chn + 1);
    }
    for (k = 0; k < nq; k++) {
        w->aa2f1[chn + k] |= opc << 12;
    }
    for (i = 0; i < 16; i++) {
        int p = i % 4;
        uint64_t v;
        if (!asm_slurp_str(&s, param[p].name)) {
            continue;
        }
        if (seen[p]) {
            error_setg(errp, "`%s' has already been seen", param[p].name);
            return false;
        }
        seen[p] = true;
        if (!asm_parse_number(&s, &v)) {
            error_setg(errp, "numeric value should be specified for `%s'",
                       param[p].name);
            return false;
        }
        if (v > param[p].max) {
            error_setg(errp, "%u exceeds maximal value for %s", (unsigned)v,
                       param[p].name);
            return false;
        }
        if (p != 1 || !q) {
            for (k = 0; k < nq; k++) {
                w->aa2f1[chn + k] |= (uint16_t)(v << param[p].shift);
            }
        } else {
            ind = (unsigned)v;
        }
        if (!asm_slurp_char(&s, ',')) {
            error_setg(errp, "`,' expected at `%s'", s);
            return false;
        }
    }
    if (q) {
        bool be = (w->aa2f1[chn] & (1u << 15)) != 0;

        w->aa2f1[chn + (be ? 1 : 0)] |= ind << 1;
        w->aa2f1[chn + (be ? 0 : 1)] |= (ind + 8) << 1;
    }
    while (*s == ' ') {
        s++;
    }
    if (asm_parse_reg(&s, &code)) {
        for (k = 0; k < nq; k++) {
            int c = (int)chn + k;
            w->aa0f1[c / 2][1 - c % 2] = (uint8_t)(code + k);
        }
    } else {
        code = asm_parse_special_reg(&s);
        if (!code) {
            error_setg(errp, "invalid destination for MOVA at `%s'", s);
            return false;
        }
        if (q) {
            code &= 0xfe;
        }
        for (k = 0; k < nq; k++) {
            int c = (int)chn + k;
            w->aa0f1[c / 2][1 - c % 2] = (uint8_t)(code | k);
        }
    }
    asm_start_ss(w);
    for (k = 0; k < nq; k++) {
        w->ss_aa |= 1u << (chn + k);
    }
    *ps = s;
    return true;
}

static bool parse_fapb(AsmWide *w, const char **ps, Error **errp)
{
    static const struct {
        const char *name;
        int shift;
    } f[] = {
        { "ct=", 31 }, { "dpl=", 31 }, { "si=", 30 }, { "dcd=", 28 },
        { "fmt=", 25 }, { "mrng=", 20 }, { "d=", 15 }, { "incr=", 12 },
        { "ind=", 8 }, { "be=", 14 }, { "am=", 13 }, { "area=", 8 },
        { "asz=", 5 }, { "abs=", 0 }, { "disp=", 0 },
    };
    enum { N = 15 };
    bool set[N] = { false };
    uint32_t val[N] = { 0 };
    const char *s = *ps;
    bool comma = false;
    int chn;
    unsigned i;

    while (!at_end(s)) {
        if (comma && !asm_slurp_char(&s, ',')) {
            error_setg(errp, "comma expected at `%s'", s);
            return false;
        }
        comma = true;
        for (i = 0; i < N; i++) {
            if (asm_slurp_str(&s, f[i].name)) {
                uint64_t v;
                if (!asm_parse_number(&s, &v)) {
                    error_setg(errp, "value expected after `%s'", f[i].name);
                    return false;
                }
                val[i] = (uint32_t)v;
                set[i] = true;
                break;
            }
        }
        if (i == N) {
            error_setg(errp, "unrecognized fapb parameter at `%s'", s);
            return false;
        }
    }
    if (set[0]) {
        if (set[1]) {
            error_setg(errp, "`ct' and `dpl' can't be set within the same fapb");
            return false;
        }
        chn = 0;
    } else if (set[1]) {
        chn = 1;
    } else {
        error_setg(errp, "neither `ct', nor `dpl' has been specified");
        return false;
    }
    if (w->busy_aps & (1u << chn)) {
        error_setg(errp, "fapb occupying APS%d has already been met", chn);
        return false;
    }
    w->busy_aps |= 1u << chn;
    if (val[2] == 0 && (set[9] || set[10] || set[11])) {
        error_setg(errp, "neither of `be', `am' and `area' can be specified "
                   "provided that `si == 0'");
        return false;
    }
    if (val[2] == 1 && (set[7] || set[8])) {
        error_setg(errp, "neither of `incr' and `ind' can be specified "
                   "provided that `si == 1'");
        return false;
    }
    for (i = 0; i < N - 1; i++) {
        if (set[i]) {
            w->aps[chn] |= val[i] << f[i].shift;
        }
    }
    w->apls[chn] = val[N - 1];
    *ps = s;
    return true;
}

/* Returns 1 if handled, 0 if @name is not a control operation, -1 error. */
int asm_parse_ctl(AsmWide *w, const char *name, const char *args,
                  Error **errp)
{
    const char *s = args;
    bool ok;
    int isa = w->isa;

    if (!strcmp(name, "\001ctcond") || !strcmp(name, "\001ctcond-ibranch")) {
        ok = parse_ctcond(w, &s, name[7] ? MODE_IBRANCH : MODE_CT, errp);
        if (ok) {
            ipd_default_if_transfer(w);
        }
    } else if (!strcmp(name, "disp") || !strcmp(name, "ldisp") ||
        !strcmp(name, "sdisp") || !strcmp(name, "return") ||
        (!strcmp(name, "gettsd") && isa >= 3)) {
        ok = parse_copf2(w, name, &s, errp);
    } else if (!strcmp(name, "pref")) {
        ok = parse_pref(w, &s, errp);
    } else if (!strcmp(name, "flushr") || !strcmp(name, "flushc") ||
               (isa >= 6 && (!strcmp(name, "fillr") || !strcmp(name, "fillc")))) {
        uint32_t bit = name[0] == 'f' && name[1] == 'l' ?
                       (name[5] == 'r' ? 1 : 2) : (name[4] == 'r' ? 4 : 8);
        if (w->cs1_set && (w->cs1 >> 28) != 7) {
            error_setg(errp, "cannot encode `%s' because CS1 is busy", name);
            return -1;
        }
        if (!w->cs1_set) {
            w->cs1 = 7u << 28;
        }
        w->cs1 |= bit;
        w->cs1_set = true;
        ok = true;
    } else if (!strcmp(name, "setbn") || !strcmp(name, "setbp") ||
               !strcmp(name, "settr") || !strcmp(name, "setwd") ||
               !strcmp(name, "vfrpsz") || !strcmp(name, "setei")) {
        ok = parse_setcmd(w, name, &s, errp);
    } else if (!strcmp(name, "setsft")) {
        w->setsft = true;
        ok = true;
    } else if (!strcmp(name, "nop")) {
        while (*s == ' ') {
            s++;
        }
        if (*s) {
            uint64_t n;
            if (!asm_parse_number(&s, &n)) {
                error_setg(errp, "number expected");
                return -1;
            }
            if (n > 7) {
                error_setg(errp, "illegal nop number");
                return -1;
            }
            w->nop = (int)n;
        } else {
            w->nop = 0xff;
        }
        ok = true;
    } else if (!strcmp(name, "ct") || !strcmp(name, "call")) {
        ok = parse_ct(w, name, &s, errp);
    } else if (isa >= 6 && (!strcmp(name, "hcall") || !strcmp(name, "icall"))) {
        ok = parse_hicall(w, name, &s, errp);
    } else if (!strcmp(name, "ipd")) {
        uint64_t n;
        asm_start_ss(w);
        if (!asm_parse_number(&s, &n)) {
            error_setg(errp, "ipd value expected after `ipd'");
            return -1;
        }
        if (n > 3) {
            error_setg(errp, "invalid ipd value %u", (unsigned)n);
            return -1;
        }
        ok = true;
        if (!w->ss[SS_IPD].set || w->ss[SS_IPD].dflt || w->ss[SS_IPD].val != n) {
            ok = asm_set_field(&w->ss[SS_IPD], (uint32_t)n, false, "ss.ipd", errp);
        }
    } else if (!strcmp(name, "loop_mode")) {
        w->lm = true;
        ok = true;
    } else if (!strcmp(name, "set_mark")) {
        w->sw = true;
        ok = true;
    } else if (!strcmp(name, "alc")) {
        ok = parse_tf(w, &s, "alcf", "alct", SS_ALCF, SS_ALCT, errp);
    } else if (!strcmp(name, "abn")) {
        ok = parse_tf(w, &s, "abnf", "abnt", SS_ABNF, SS_ABNT, errp);
    } else if (!strcmp(name, "abp")) {
        ok = parse_tf(w, &s, "abpf", "abpt", SS_ABPF, SS_ABPT, errp);
    } else if (!strcmp(name, "abg")) {
        uint64_t n;
        asm_start_ss(w);
        if (!asm_parse_number(&s, &n)) {
            error_setg(errp, "abg value expected");
            return -1;
        }
        if (n > 3) {
            error_setg(errp, "invalid abg value");
            return -1;
        }
        ok = asm_set_field(&w->ss[SS_ABG], (uint32_t)n, false, "ss.abg", errp);
    } else if (!strcmp(name, "vfdi")) {
        asm_start_ss(w);
        ok = asm_set_field(&w->ss[SS_VFDI], 1, false, "ss.vfdi", errp);
    } else if (!strcmp(name, "srp") || !strcmp(name, "crp") ||
               (isa >= 3 && !strcmp(name, "slrp"))) {
        int crp = name[0] != 's' || name[1] == 'l';
        int srp = name[0] == 's';
        asm_start_ss(w);
        ok = asm_set_field(&w->ss[SS_CRP], crp, false, "ss.crp", errp) &&
             asm_set_field(&w->ss[SS_SRP], srp, false, "ss.srp", errp) &&
             parse_rpc_optional(w, &s, errp);
    } else if (!strcmp(name, "bap")) {
        asm_start_ss(w);
        ok = asm_set_field(&w->ss[SS_BAP], 1, false, "ss.bap", errp);
        asm_set_field(&w->ss[SS_IPD], 3, true, "ss.ipd", NULL);
    } else if (!strcmp(name, "eap")) {
        asm_start_ss(w);
        ok = true;
        if (!(w->ss[SS_EAP].set && !w->ss[SS_EAP].dflt && w->ss[SS_EAP].val)) {
            ok = asm_set_field(&w->ss[SS_EAP], 1, false, "ss.eap", errp);
            asm_set_field(&w->ss[SS_IPD], 3, true, "ss.ipd", NULL);
        }
    } else if (!strcmp(name, "pass")) {
        ok = parse_pass(w, &s, errp);
    } else if (!strcmp(name, "andp")) {
        ok = parse_clp(w, &s, 0, errp);
    } else if (!strcmp(name, "landp")) {
        ok = parse_clp(w, &s, 1, errp);
    } else if (!strcmp(name, "movep")) {
        ok = parse_clp(w, &s, 3, errp);
    } else if (!strcmp(name, "ibranch") || !strcmp(name, "rbranch")) {
        ok = parse_ibranch(w, name, &s, errp);
    } else if (!strcmp(name, "done") ||
               (isa >= 6 && (!strcmp(name, "iret") || !strcmp(name, "hret") ||
                             !strcmp(name, "glaunch")))) {
        ok = parse_done(w, name, &s, errp);
    } else if (!strcmp(name, "wait")) {
        ok = parse_wait(w, &s, errp);
    } else if (!strcmp(name, "incr")) {
        ok = parse_incr(w, &s, errp);
    } else if (!strncmp(name, "mova", 4) && (!strcmp(name + 4, "b") ||
               !strcmp(name + 4, "h") || !strcmp(name + 4, "w") ||
               !strcmp(name + 4, "d") || !strcmp(name + 4, "q") ||
               !strcmp(name + 4, "qp"))) {
        ok = parse_mova(w, name, &s, errp);
    } else if (!strcmp(name, "fapb")) {
        ok = parse_fapb(w, &s, errp);
    } else if (isa >= 3 && !strcmp(name, "flushts")) {
        asm_start_ss(w);
        w->ss_flushts = true;
        ok = true;
    } else if (!strcmp(name, "clpandp") || !strcmp(name, "clplandp")) {
        ok = parse_cpl(w, name, &s, errp);
    } else {
        return 0;
    }
    if (!ok) {
        return -1;
    }
    if (!at_end(s)) {
        error_setg(errp, "unrecognized arguments `%s'", s);
        return -1;
    }
    return 1;
}

static bool check_cmp(AsmWide *w, int n, Error **errp)
{
    if (!(w->explicit_int_cmp & (1u << n))) {
        error_setg(errp, "no integer comparison with an explicitly specified "
                   "channel matches %%cmp%d in the condition", n);
        return false;
    }
    return true;
}

bool asm_end_checks(AsmWide *w, Error **errp)
{
    int i, j;
    int casc[3] = { 0, 0, 0 };

    for (i = 0; i < 3; i++) {
        if (!(w->explicit_lp & (1u << (4 + i)))) {
            if (w->explicit_lp & (1u << (7 + i))) {
                error_setg(errp, "undefined @p%d passed to a global predicate",
                           4 + i);
                return false;
            }
            continue;
        }
        for (j = 0; j < 2; j++) {
            int in = w->clp_in[i][j], c;
            if (!(w->explicit_lp & (1u << in))) {
                error_setg(errp, "undefined @p%d used as an input of CLP%d",
                           in, i);
                return false;
            }
            c = in < 4 ? 1 : casc[in - 4] + 1;
            if (c > casc[i]) {
                casc[i] = c;
                if (c > 2) {
                    error_setg(errp, "maximal cascading of 2 exceeded for CLP%d",
                               i);
                    return false;
                }
            }
        }
    }
    if (w->ss_started && w->ss[SS_CTCOND].set) {
        uint32_t c = w->ss[SS_CTCOND].val, ct = (c & 0x1e0) >> 5;
        if (ct == 8) {
            for (i = 0; i < 4; i++) {
                if (c & (1u << i)) {
                    int ch = i < 2 ? i : i + 1;
                    if (!(w->explicit_alces & (1u << ch))) {
                        error_setg(errp, "no speculative operation with an "
                                   "explicit channel matches %%dt_al%d", ch);
                        return false;
                    }
                }
            }
        }
        if (ct == 9) {
            uint32_t type = (c & 0x18) >> 3;
            if (type == 0) {
                uint32_t n = (c & 6) >> 1;
                if (n >= 2) {
                    n++;
                }
                if (!check_cmp(w, n, errp)) {
                    return false;
                }
            } else if (type == 1) {
                bool jk = (c & 4) != 0;
                if (!check_cmp(w, jk ? 3 : 0, errp) ||
                    !check_cmp(w, jk ? 4 : 1, errp)) {
                    return false;
                }
            } else if (type == 2) {
                uint32_t n = (c & 6) >> 1;
                if (!(w->explicit_lp & (1u << (n + 4)))) {
                    error_setg(errp, "no CLP producing @p%d matches %%clp%d",
                               n + 4, n);
                    return false;
                }
            }
        }
    }
    return true;
}
