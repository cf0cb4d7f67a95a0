/*
 * The packed operations vec_helper.c defines, one row each: E2K_VEC2
 * (two sources) or E2K_VEC3 (three), with the opcode-table id and the
 * mnemonic (the helper is helper_<mnemonic>).  Included with
 * the two macros defined; no include guard on purpose.
 */
E2K_VEC2(PCMPEQB, pcmpeqb) E2K_VEC2(PCMPEQH, pcmpeqh) E2K_VEC2(PCMPEQW, pcmpeqw) E2K_VEC2(PCMPEQD, pcmpeqd)
E2K_VEC2(PCMPGTB, pcmpgtb) E2K_VEC2(PCMPGTH, pcmpgth) E2K_VEC2(PCMPGTW, pcmpgtw) E2K_VEC2(PCMPGTD, pcmpgtd)
E2K_VEC2(PADDB, paddb) E2K_VEC2(PADDH, paddh) E2K_VEC2(PADDW, paddw)
E2K_VEC2(PSUBB, psubb) E2K_VEC2(PSUBH, psubh) E2K_VEC2(PSUBW, psubw)
E2K_VEC2(PADDSB, paddsb) E2K_VEC2(PADDSH, paddsh) E2K_VEC2(PSUBSB, psubsb) E2K_VEC2(PSUBSH, psubsh)
E2K_VEC2(PADDUSB, paddusb) E2K_VEC2(PADDUSH, paddush) E2K_VEC2(PSUBUSB, psubusb) E2K_VEC2(PSUBUSH, psubush)
E2K_VEC2(PMAXUB, pmaxub) E2K_VEC2(PMINUB, pminub) E2K_VEC2(PMAXSH, pmaxsh) E2K_VEC2(PMINSH, pminsh)
E2K_VEC2(PAVGUSB, pavgusb) E2K_VEC2(PAVGUSH, pavgush)
E2K_VEC2(PMOVMSKB, pmovmskb)
E2K_VEC3(PSHUFB, pshufb) E2K_VEC3(PMERGE, pmerge)
