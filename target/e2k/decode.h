/*
 * e2k wide-instruction (bundle) decoder: bytes -> syllables, and the
 * per-channel lookups into the one opcode table (isa.h) that the
 * translator and the disassembler use.
 *
 * Layout of a bundle (all syllables 32-bit little endian, see
 * docs/devel/e2k-isa.md): HS, [SS], ALS0..5, [CS0], [ALES2|ALES5 (v4+)],
 * [CS1] up to the middle point HS.mdl; then 16-bit half-syllables ALES0,
 * ALES1, ALES3, ALES4, AAS0..5 (the first of a pair in the high half);
 * then, counted from the end, CDS (HS.cd), PLS (HS.pl) and, before those,
 * the literal syllables LTS0 (closest to PLS), LTS1, ...
 *
 * Contract with the translator (RUN-B): the fields of E2KBundle, the
 * E2KOperand kinds and the functions below are stable.  Changes are
 * announced here.
 *
 * Copyright (c) the qemu-e2k project authors.  GPL-2.0-or-later.
 */
#ifndef TARGET_E2K_DECODE_H
#define TARGET_E2K_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "qemu/error.h"
#include "isa.h"

#define E2K_BUNDLE_MAX_BYTES 64

typedef struct E2KBundle {
    int len;                 /* total length in bytes, 8..64 */
    uint32_t hs;
    uint32_t ss;
    uint32_t als[6];
    uint32_t cs0, cs1;
    uint16_t ales[6];        /* valid where ales_mask bit set */
    uint16_t aas[6];         /* AAS0/1: the dst pairs (aa0f1); AAS2..5: mova */
    uint32_t lts[4];         /* LTS0 is the syllable nearest to PLS */
    uint32_t pls[3];
    uint32_t cds[3];
    bool has_ss, has_cs0, has_cs1;
    bool has_ales25;         /* v4+: the ALES2/ALES5 syllable is stored */
    uint8_t als_mask;        /* bit N: ALSN present */
    uint8_t ales_mask;       /* bit N: ALESN present (HS.ale) */
    uint8_t aas_mask;        /* bit N: AASN present */
    uint8_t lts_count;       /* syllables available as LTS (0..4) */
    uint8_t pls_count;
    uint8_t cds_count;
    uint8_t nop;             /* HS.nop */
    bool loop_mode;          /* HS.lm */
} E2KBundle;

/* HS field accessors */
#define E2K_HS_MDL(hs)  ((hs) & 0xf)
#define E2K_HS_LNG(hs)  (((hs) >> 4) & 7)
#define E2K_HS_NOP(hs)  (((hs) >> 7) & 7)
#define E2K_HS_LM(hs)   (((hs) >> 10) & 1)
#define E2K_HS_S(hs)    (((hs) >> 12) & 1)
#define E2K_HS_SW(hs)   (((hs) >> 13) & 1)
#define E2K_HS_C(hs)    (((hs) >> 14) & 3)
#define E2K_HS_CD(hs)   (((hs) >> 16) & 3)
#define E2K_HS_PL(hs)   (((hs) >> 18) & 3)
#define E2K_HS_ALE(hs)  (((hs) >> 20) & 0x3f)
#define E2K_HS_AL(hs)   (((hs) >> 26) & 0x3f)

/* SS bit 20: format 1, which has no AAS half-syllables (nor the
   alc/abn/abp/abg/vfdi/bap/eap stubs of format 0) */
#define E2K_SS_TYPE1    (1u << 20)

/* ALS field accessors */
#define E2K_ALS_DST(als)   ((als) & 0xff)
#define E2K_ALS_SRC2(als)  (((als) >> 8) & 0xff)
#define E2K_ALS_SRC1(als)  (((als) >> 16) & 0xff)
#define E2K_ALS_OPC(als)   (((als) >> 24) & 0x7f)
#define E2K_ALS_SM(als)    (((als) >> 31) & 1)

/*
 * Split the bundle at @p into syllables.  Returns its length in bytes
 * (8..64) or -1 with @errp set for an invalid bundle (length beyond
 * @avail, inconsistent syllable counts, reserved bits).  Never reads
 * beyond @avail bytes.
 */
int e2k_decode_bundle(const uint8_t *p, size_t avail, int isa, E2KBundle *b,
                      Error **errp);

/*
 * The operation in ALS channel @chan, NULL if the channel is empty or holds
 * no operation known on @isa.  For an operation occupying a channel pair
 * this returns the same row for both channels.
 */
const E2KOpDesc *e2k_bundle_alu_op(const E2KBundle *b, int chan, int isa);

/*
 * Is channel @chan the second syllable of a channel-pair operation that
 * started in an earlier channel (@ops: the rows found so far)?  Such a
 * syllable is translated with its first one (pairs 0+2, 3+5, 2+5);
 * in pairs 0+1 and 3+4 each channel does its own half.
 */
bool e2k_chan_is_pair_tail(const E2KOpDesc *const ops[6], int chan);

/* What an 8-bit operand field denotes. */
typedef enum E2KOperandKind {
    E2K_OPND_NONE = 0,
    E2K_OPND_WREG,      /* window register %rN / %drN, index 0..63     */
    E2K_OPND_BREG,      /* based (rotating) register %b[N], 0..127      */
    E2K_OPND_GREG,      /* global register %gN, 0..31                   */
    E2K_OPND_LIT,       /* literal: value in .value                     */
    E2K_OPND_SPECIAL,   /* dst special: %tst %tc %tcd %ctprN %empty ... */
} E2KOperandKind;

typedef struct E2KOperand {
    E2KOperandKind kind;
    int index;          /* register number; special: the raw field */
    int lit_bits;       /* literal: 4, 5, 16, 32 or 64 */
    int lts;            /* literal from LTS: index of the (first) LTS, -1 short */
    bool lts_hi;        /* 16-bit literal taken from the high half */
    int64_t value;      /* literal value: 4/5-bit zero extended, 16/32-bit
                           sign extended, 64-bit from LTS(n) lo + LTS(n+1) hi */
} E2KOperand;

/* Operand roles for e2k_decode_operand. */
typedef enum E2KOperandRole {
    E2K_ROLE_SRC1,
    E2K_ROLE_SRC2,
    E2K_ROLE_SRC3,
    E2K_ROLE_DST,
} E2KOperandRole;

/*
 * Decode one operand field of the operation in channel @chan.  Literals are
 * resolved from the bundle's LTS syllables.  Returns false (with *out kind
 * NONE) for an encoding that is reserved in that role or names an LTS the
 * bundle does not have.
 */
bool e2k_decode_operand(const E2KBundle *b, int chan, uint8_t field,
                        E2KOperandRole role, E2KOperand *out);

/* The src3 field of an ALOPF21-style op is ALES bits 7:0; stores keep
   src3 in the ALS dst field.  These fetch the right field for @d. */
uint8_t e2k_op_src1_field(const E2KBundle *b, int chan, const E2KOpDesc *d);
uint8_t e2k_op_src2_field(const E2KBundle *b, int chan, const E2KOpDesc *d);
uint8_t e2k_op_src3_field(const E2KBundle *b, int chan, const E2KOpDesc *d);
uint8_t e2k_op_dst_field(const E2KBundle *b, int chan, const E2KOpDesc *d);
/* Which sources/dst the format has (bit 0 src1, 1 src2, 2 src3, 3 dst). */
unsigned e2k_op_operand_mask(const E2KOpDesc *d);

/*
 * ALS predication lives in CDS (RLP/MRGC half-syllables).  Returns true if
 * channel @chan is guarded; *pred = predicate field (bits 6:0: %predN is
 * 0x60|N, %pcntN is 0x40|N, see e2k-isa.md), *neg = inverted.  @merge:
 * look for the MRGC (merge condition) instead of the RLP guard.
 */
bool e2k_bundle_chan_pred(const E2KBundle *b, int chan, bool merge,
                          uint8_t *pred, bool *neg);

/*
 * All RLP (or, with @merge, MRGC) conditions acting on channel @chan: an
 * operation may be guarded by `? %predN, %pcntM` (two RLPs).  Returns how
 * many were found (0..2) and fills pred[]/neg[] like e2k_bundle_chan_pred;
 * e2k_bundle_chan_pred returns only the first of them.
 */
int e2k_bundle_chan_preds(const E2KBundle *b, int chan, bool merge,
                          uint8_t pred[2], bool neg[2]);

/*
 * The hardware's legality rules for a wide instruction that
 * e2k_decode_bundle() split (docs/devel/e2k-isa.md, "Illegal wide
 * instructions", lists them with their sources).  A bundle that breaks
 * one is exc_illegal_opcode (si_code ILL_ILLOPC) or, for an operand
 * field, exc_illegal_operand (ILL_ILLOPN) before any of it executes.
 * Privileged operations are not checked here: they are legal encodings
 * that user mode may not run (the translator rejects them).
 * The disassembler does not call this: it shows what it can.
 */
typedef enum E2KBundleFault {
    E2K_BUNDLE_OK = 0,
    E2K_BUNDLE_ILLOPC,      /* reserved encoding or illegal combination */
    E2K_BUNDLE_ILLOPN,      /* reserved operand field or missing LTS */
} E2KBundleFault;

E2KBundleFault e2k_bundle_check(const E2KBundle *b, int isa, Error **errp);

/* MAS of a memory operation in channel @chan (0 if CS1 is not a MAS). */
uint8_t e2k_bundle_mas(const E2KBundle *b, int chan);

#endif /* TARGET_E2K_DECODE_H */
