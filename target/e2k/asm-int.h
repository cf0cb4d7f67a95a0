/*
 * e2k assembler back end, internal: the state of one wide instruction
 * being assembled (shared by asm-encode.c, which packs it, asm-alu.c,
 * which parses ALU operations, and asm-ctl.c, which parses control,
 * predicate and AAU operations).
 *
 * Copyright (c) the qemu-e2k project authors.  GPL-2.0-or-later.
 */
#ifndef TARGET_E2K_ASM_INT_H
#define TARGET_E2K_ASM_INT_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>

#include "asm-encode.h"
#include "isa.h"

#define MAX_LITS 7
#define MAX_EXPR 128

/* literal sizes in half-syllables: 16-bit = 1, 32-bit = 2, 64-bit = 4 */
enum { LIT16 = 0, LIT32 = 1, LIT64 = 2 };

typedef struct AsmLit {
    int64_t val;           /* constant value (0 if symbolic) */
    bool sym;              /* value known only later: fixup */
    char expr[MAX_EXPR];   /* expression text of a symbolic literal */
    int n;                 /* number of candidate placements */
    int size[16];          /* in half-syllables */
    int pos[16];           /* half-syllable position 0..7 */
    int opt;               /* chosen placement */
} AsmLit;

typedef struct AsmPred {
    int num;               /* -1 none */
    bool neg;
    uint8_t fld;           /* 0x60|N pred, 0x40|N pcnt */
} AsmPred;

/* One ALU operation waiting for its channel. */
typedef struct AsmAls {
    uint32_t u[2];         /* syllable value per real channel */
    int nreal;             /* 1, or 2 for a channel pair */
    int real[6][2];        /* placement -> real channels */
    int npos, pos[6], opt;
    bool need_ales;
    uint16_t ales;
    int16_t opc2_by_chan[6];   /* -1: this channel has no ALES, else opc2 */
    bool use_opc2_arr;
    bool ales25_v4;
    bool need_mas;
    uint8_t mas;
    int lit;               /* literal index of src2, -1 */
    AsmPred preds[4];      /* 0 RLP %pred, 1 MRGC, 2 RLP %pcnt, 3 AM (incr) */
    bool same_src1_quad;
    bool spec;
    int alopf;
    const E2KOpDesc *desc;
} AsmAls;

/* Fields of SS / PLS that can carry a default value which a later explicit
   operation may override (an explicit value set twice is an error). */
typedef struct AsmField {
    uint32_t val;
    bool set, dflt;
} AsmField;

enum { SS_CTCOND, SS_CTOP, SS_ALCT, SS_ALCF, SS_ABPT, SS_ABPF, SS_ABNT,
       SS_ABNF, SS_ABG, SS_CRP, SS_VFDI, SS_SRP, SS_BAP, SS_EAP, SS_IPD,
       SS_NFIELDS };
enum { PL_CLP_PDST, PL_CLP_VDST, PL_CLP_P1, PL_CLP_NEG1, PL_CLP_P0,
       PL_CLP_NEG0, PL_CLP_OPC, PL_ELP1, PL_ELP0, PL_NFIELDS };

/* setcmd argument indices */
enum { SC_RSZ, SC_RBS, SC_RCUR, SC_PSZ, SC_TYPE, SC_WSZ, SC_NFX, SC_DBL,
       SC_RPSZ, SC_SETEI, SC_N };

typedef struct AsmWide {
    const E2KAsmEnv *env;
    int isa;
    bool braced;

    AsmAls als[6];
    int nals;
    AsmLit lits[MAX_LITS];
    int nlits;

    /* per-op literal format/placement specifiers (_f32s,_lts1 ...) */
    int min_row, max_row, min_col, max_col;
    bool lit_spec;
    bool lit_ref;          /* _litNN_ref: reuse a placed literal */

    bool ss_started;
    AsmField ss[SS_NFIELDS];
    unsigned ss_aa;
    bool ss_flushts;

    bool cs0_set;
    uint32_t cs0;
    char cs0_expr[MAX_EXPR];  /* symbolic displacement, "" none */

    bool cs1_set;
    uint32_t cs1;

    int64_t setcmd[SC_N];
    bool setcmd_set[SC_N];
    bool setsft;

    AsmField pls[3][PL_NFIELDS];
    bool pls_needed[3];

    uint16_t cds[6];       /* RLP/MRGC half-syllables */

    uint8_t aa0f1[2][2];   /* [i][0] low byte, [i][1] high byte */
    uint16_t aa2f1[4];
    unsigned busy_aa2f1;

    unsigned busy_aps;
    uint32_t aps[2], apls[2];

    int nop;               /* -1 unset, 0xff `nop` without number */
    bool lm, sw;

    /* consistency tracking */
    unsigned explicit_alces;
    unsigned explicit_int_cmp;
    unsigned explicit_lp;
    int clp_in[3][2];

    /* packing results */
    uint32_t busy_al;
    uint32_t al[6];
    uint16_t ales[6];
    unsigned busy_ales;
    bool explicit_ales25;
    unsigned busy_lts;
    int lts_owner[8], lts_sub[8];
} AsmWide;

/* Set a defaultable field; returns false (errp) if an explicit value is
   overridden. */
bool asm_set_field(AsmField *f, uint32_t v, bool dflt, const char *what,
                   Error **errp);
void asm_start_ss(AsmWide *w);

/* text helpers (asm-encode.c); all skip leading blanks */
bool asm_slurp_char(const char **s, char c);
bool asm_slurp_str(const char **s, const char *str);
bool asm_parse_number(const char **s, uint64_t *val);
/* An integer expression (numbers, + - * / ( ) and symbols known to env). */
bool asm_parse_const_expr(AsmWide *w, const char **s, int64_t *val,
                          Error **errp);
bool asm_parse_pred(const char **s, AsmPred *p, bool allow_pcnt);
/* %rN, %drN, %b[N], %gN, %aastiN ... -> field code; AASTI = 256 + N */
bool asm_parse_reg(const char **s, int *code);
int asm_parse_special_reg(const char **s);

/* ALU operations (asm-alu.c) */
bool asm_parse_alu(AsmWide *w, const char *name, const char *args,
                   Error **errp);
bool asm_is_alu_name(const char *name, int isa);
/* control, predicate, AAU operations (asm-ctl.c) */
int asm_parse_ctl(AsmWide *w, const char *name, const char *args,
                  Error **errp);
bool asm_end_checks(AsmWide *w, Error **errp);

#endif /* TARGET_E2K_ASM_INT_H */
