/*
 * The packed operations vec_helper.c defines, one row each: E2K_VEC2
 * (two sources), E2K_VEC3 (three) or E2K_VECL (two sources and an 8-bit
 * literal), with the opcode-table id and the mnemonic (the helper is
 * helper_<mnemonic>).  Included with the three macros defined; no
 * include guard on purpose.
 */
E2K_VEC2(PCMPEQB, pcmpeqb) E2K_VEC2(PCMPEQH, pcmpeqh) E2K_VEC2(PCMPEQW, pcmpeqw)
E2K_VEC2(PCMPEQD, pcmpeqd)
E2K_VEC2(PCMPGTB, pcmpgtb) E2K_VEC2(PCMPGTH, pcmpgth) E2K_VEC2(PCMPGTW, pcmpgtw)
E2K_VEC2(PCMPGTD, pcmpgtd)
E2K_VEC2(PADDB, paddb) E2K_VEC2(PADDH, paddh) E2K_VEC2(PADDW, paddw)
E2K_VEC2(PSUBB, psubb) E2K_VEC2(PSUBH, psubh) E2K_VEC2(PSUBW, psubw)
E2K_VEC2(PADDSB, paddsb) E2K_VEC2(PADDSH, paddsh) E2K_VEC2(PSUBSB, psubsb) E2K_VEC2(PSUBSH, psubsh)
E2K_VEC2(PADDUSB, paddusb) E2K_VEC2(PADDUSH, paddush) E2K_VEC2(PSUBUSB, psubusb)
E2K_VEC2(PSUBUSH, psubush)
E2K_VEC2(PMAXUB, pmaxub) E2K_VEC2(PMINUB, pminub) E2K_VEC2(PMAXSH, pmaxsh) E2K_VEC2(PMINSH, pminsh)
E2K_VEC2(PAVGUSB, pavgusb) E2K_VEC2(PAVGUSH, pavgush)
E2K_VEC2(PMOVMSKB, pmovmskb)
E2K_VEC3(PSHUFB, pshufb) E2K_VEC3(PMERGE, pmerge)
E2K_VEC2(PADDD, paddd) E2K_VEC2(PSUBD, psubd)
E2K_VEC2(PANDD, pandd) E2K_VEC2(PANDND, pandnd) E2K_VEC2(PORD, pord) E2K_VEC2(PXORD, pxord)
E2K_VEC2(PMAXSB, pmaxsb) E2K_VEC2(PMINSB, pminsb) E2K_VEC2(PMAXUH, pmaxuh) E2K_VEC2(PMINUH, pminuh)
E2K_VEC2(PMAXSW, pmaxsw) E2K_VEC2(PMINSW, pminsw) E2K_VEC2(PMAXUW, pmaxuw) E2K_VEC2(PMINUW, pminuw)
E2K_VEC2(PSLLH, psllh) E2K_VEC2(PSLLW, psllw) E2K_VEC2(PSLLD, pslld)
E2K_VEC2(PSRLH, psrlh) E2K_VEC2(PSRLW, psrlw) E2K_VEC2(PSRLD, psrld)
E2K_VEC2(PSRAH, psrah) E2K_VEC2(PSRAW, psraw)
E2K_VEC2(PSRCW, psrcw) E2K_VEC2(PSRCD, psrcd)
E2K_VEC2(PACKSSHB, packsshb) E2K_VEC2(PACKUSHB, packushb) E2K_VEC2(PACKSSWH, packsswh)
E2K_VEC2(PACKUSWH, packuswh)
E2K_VEC2(PUNPCKLBH, punpcklbh) E2K_VEC2(PUNPCKHBH, punpckhbh) E2K_VEC2(PUNPCKLHW, punpcklhw)
E2K_VEC2(PUNPCKHHW, punpckhhw) E2K_VEC2(PUNPCKLWD, punpcklwd) E2K_VEC2(PUNPCKHWD, punpckhwd)
E2K_VEC2(PMULLH, pmullh) E2K_VEC2(PMULHH, pmulhh) E2K_VEC2(PMULHUH, pmulhuh)
E2K_VEC2(PMULHRSH, pmulhrsh)
E2K_VEC2(PMULLW, pmullw) E2K_VEC2(PMADDH, pmaddh) E2K_VEC2(PMADDUBSH, pmaddubsh)
E2K_VEC2(PMULUBHH, pmulubhh)
E2K_VEC2(PSADBW, psadbw)
E2K_VEC2(PHADDH, phaddh) E2K_VEC2(PHADDW, phaddw) E2K_VEC2(PHSUBH, phsubh) E2K_VEC2(PHSUBW, phsubw)
E2K_VEC2(PHADDSH, phaddsh) E2K_VEC2(PHSUBSH, phsubsh)
E2K_VEC2(PSIGNB, psignb) E2K_VEC2(PSIGNH, psignh) E2K_VEC2(PSIGNW, psignw)
E2K_VEC2(PMOVMSKPS, pmovmskps) E2K_VEC2(PMOVMSKPD, pmovmskpd) E2K_VEC2(PHMINPOSUH, phminposuh)
/* E2K_VECL: the third argument is the 8-bit literal of ALOPF11_LIT8
   (and pshufh's order byte). */
E2K_VECL(PEXTRH, pextrh) E2K_VECL(PINSH, pinsh) E2K_VECL(PSHUFW, pshufw) E2K_VECL(PSHUFH, pshufh)
E2K_VECL(PSLLQH, psllqh) E2K_VECL(PSLLQL, psllql) E2K_VECL(PSRLQH, psrlqh) E2K_VECL(PSRLQL, psrlql)
/* E2K_VECP: compares into a predicate (ALOPF17, v6), the helper returns
   0 or 1.  Not translated yet: the ALU read phase does not send ALOPF17
   packed compares here, so they raise SIGILL. */
E2K_VECP(PCMPEQBOP, pcmpeqbop) E2K_VECP(PCMPEQHOP, pcmpeqhop) E2K_VECP(PCMPEQWOP, pcmpeqwop)
E2K_VECP(PCMPEQDOP, pcmpeqdop) E2K_VECP(PCMPGTBOP, pcmpgtbop) E2K_VECP(PCMPGTHOP, pcmpgthop)
E2K_VECP(PCMPGTWOP, pcmpgtwop) E2K_VECP(PCMPGTDOP, pcmpgtdop)
E2K_VECP(PCMPEQBAP, pcmpeqbap) E2K_VECP(PCMPEQHAP, pcmpeqhap) E2K_VECP(PCMPEQWAP, pcmpeqwap)
E2K_VECP(PCMPEQDAP, pcmpeqdap) E2K_VECP(PCMPGTBAP, pcmpgtbap) E2K_VECP(PCMPGTHAP, pcmpgthap)
E2K_VECP(PCMPGTWAP, pcmpgtwap) E2K_VECP(PCMPGTDAP, pcmpgtdap)
