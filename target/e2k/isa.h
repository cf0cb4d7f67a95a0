/*
 * e2k instruction set as data: the operation descriptor type shared by the
 * opcode table (opcodes-gen.c), the decoder, the disassembler and the
 * assembler's bundle encoder.
 *
 * One row of the table describes one encoding of one mnemonic: the ALS
 * opcode byte, the ALES extension it needs (if any), the fixed value some
 * formats keep in an operand field (opce), the channels it may use and the
 * ISA versions that know it.  A mnemonic whose encoding differs between
 * channels or ISA versions has several rows sharing one E2KOpId.
 *
 * Copyright (c) the qemu-e2k project authors.  GPL-2.0-or-later.
 */
#ifndef TARGET_E2K_ISA_H
#define TARGET_E2K_ISA_H

#include <stdbool.h>
#include <stdint.h>

#include "opcodes-gen.h"        /* enum E2KOpId, E2K_OP__COUNT */

/* Lowest and highest ISA versions the table knows (elbrus-v2 .. v7). */
#define E2K_ISA_MIN 2
#define E2K_ISA_MAX 7

/* Default ALES of channels 2 and 5 when the bundle does not store it
   (opc2 = EXT, opce = none). */
#define E2K_ALES_DEFAULT 0x01c0

/* Operand formats (the "ALOPF" of the instruction set manual). */
typedef enum E2KAlopf {
    E2K_ALOPF_NONE = 0,
    E2K_ALOPF1,          /* src1, src2 -> dst                           */
    E2K_ALOPF2,          /* src2 -> dst, opce in the src1 field         */
    E2K_ALOPF3,          /* store: src3 -> [src1 + src2]                */
    E2K_ALOPF7,          /* compare: src1, src2 -> %predN (cmpopce)     */
    E2K_ALOPF8,          /* ccto*: src2 -> %predN, opce in src1         */
    E2K_ALOPF10,         /* staa*: AAU store                            */
    E2K_ALOPF11,         /* ALOPF1 + ALES (opc2, opce)                  */
    E2K_ALOPF11_LIT8,    /* ALOPF11 with an 8-bit literal in ALES.opce  */
    E2K_ALOPF11_MERGE,   /* ALOPF11 + merge condition                   */
    E2K_ALOPF12,         /* ALOPF2 + ALES                               */
    E2K_ALOPF12_PSHUFH,
    E2K_ALOPF12_IBRANCHD,
    E2K_ALOPF12_ICALLD,
    E2K_ALOPF13,         /* store + ALES                                */
    E2K_ALOPF15,         /* rws/rwd: src2 -> state register             */
    E2K_ALOPF16,         /* rrs/rrd: state register -> dst              */
    E2K_ALOPF17,         /* packed compare with ALES -> %predN          */
    E2K_ALOPF19,         /* ldaa*: AAU load                             */
    E2K_ALOPF21,         /* src1, src2, src3 -> dst (src3 in ALES)      */
    E2K_ALOPF21_MERGE,   /* ALOPF21 + merge condition                   */
    E2K_ALOPF22,         /* movtq and friends (quad, channel pair)      */
    E2K_ALOPF_MERGE,     /* merges/merged: ALOPF1 + merge condition     */
    E2K_ALOPF_MMURR,
    E2K_ALOPF_MMURW,
    E2K_ALOPF_AAURR,
    E2K_ALOPF_AAURW,
} E2KAlopf;

/* Register format of an operand. */
typedef enum E2KFmt {
    E2K_FMT_NONE = 0,
    E2K_FMT_S,           /* 32-bit  %rN   */
    E2K_FMT_D,           /* 64-bit  %drN  */
    E2K_FMT_X,           /* 80-bit  %xrN  */
    E2K_FMT_Q,           /* 128-bit pair  %qrN  */
    E2K_FMT_P,           /* 128-bit packed %qprN (v5+) */
} E2KFmt;

/* E2KOpDesc.flags */
#define E2K_OPF_MAS        0x0001  /* memory access: takes mas= (CS1) */
#define E2K_OPF_LOAD       0x0002  /* ordinary load (not ldaa*)        */
#define E2K_OPF_STORE      0x0004  /* ordinary store (not staa*)       */
#define E2K_OPF_PAIR       0x0008  /* occupies two channels (quad)     */
#define E2K_OPF_NO_ALES    0x0010  /* this row has no ALES syllable     */
#define E2K_OPF_ALES25_V4  0x0020  /* v4: ALES2/5 always written       */
#define E2K_OPF_SAME_SRC1  0x0040  /* pair: both channels use one src1  */
#define E2K_OPF_NOPS2      0x0080  /* braceless use adds `nop 2`        */
#define E2K_OPF_ALIAS      0x0100  /* another row has the same bits     */

typedef struct E2KOpDesc {
    uint16_t id;          /* enum E2KOpId: stable, one per mnemonic */
    uint16_t flags;       /* E2K_OPF_* */
    const char *name;     /* mnemonic as the reference assembler spells it */
    uint8_t alopf;        /* enum E2KAlopf */
    uint8_t opc;          /* ALS bits 30:24 (cop) */
    uint8_t opce;         /* fixed value of the src1 field (ALOPF2/8/12/22),
                             cmpopce (ALOPF7/17), else 0 */
    uint8_t ales_opc2;    /* ALES bits 15:8, 0 if no ALES */
    uint8_t ales_opce;    /* ALES bits 7:0 where fixed (0xc0 = none) */
    uint8_t chan_mask;    /* bit N = channel N legal (first of a pair) */
    uint8_t isa_min;      /* first ISA version with this encoding */
    uint8_t isa_max;      /* last ISA version with this encoding */
    uint8_t fmt[4];       /* E2KFmt of src1, src2, src3, dst */
} E2KOpDesc;

extern const E2KOpDesc e2k_op_table[];
extern const unsigned e2k_op_table_size;

/* State registers (rrs/rrd/rws/rwd). */
typedef struct E2KStateReg {
    const char *name;     /* "%psr" */
    uint8_t num;
    uint8_t isa_min, isa_max;
    uint8_t rw_wait;      /* a lone write gets `nop 5` + `wait all_e=1` */
    uint8_t rr_nop;       /* a lone read gets `nop 4` */
} E2KStateReg;

/* MMU registers (mmurr/mmurw: ldd/std with a special MAS). */
typedef struct E2KMmuReg {
    const char *name;
    uint16_t addr;        /* the src2 literal */
    uint8_t mas;
    int8_t read_chn;      /* channel of mmurr, -1 = not readable */
    uint8_t write_isa;    /* first ISA where mmurw is allowed, 0 = never */
    uint8_t isa_min;
} E2KMmuReg;

/* AAU registers (aaurr/aaurw): the ALS opce1 field (bits 23:8). */
typedef struct E2KAauReg {
    const char *name;
    uint16_t opce1;
} E2KAauReg;

/* NULL-name terminated tables (opcodes-regs.c). */
extern const E2KStateReg e2k_state_regs[];
extern const E2KMmuReg e2k_mmu_regs[];
extern const E2KAauReg e2k_aau_regs[];

/* Name of an operation id ("adds"), NULL if out of range. */
const char *e2k_op_name(unsigned id);

/* The rows of mnemonic @name: returns the first, *count = how many
   consecutive rows share the name (rows are sorted by name); NULL if none
   of them is valid on @isa (0 = any).  Callers check e2k_op_valid_on()
   on each row. */
const E2KOpDesc *e2k_op_lookup_name(const char *name, int isa, unsigned *count);

/* For an operation occupying two channels: the pair containing @chan
   (channels 0+1/3+4, 0+2/3+5 or 2+5).  False if @chan is not in a pair. */
bool e2k_op_pair(const E2KOpDesc *d, int chan, int *first, int *second);

/* True if @d is valid on ISA version @isa. */
static inline bool e2k_op_valid_on(const E2KOpDesc *d, int isa)
{
    return isa >= d->isa_min && isa <= d->isa_max;
}

#endif /* TARGET_E2K_ISA_H */
