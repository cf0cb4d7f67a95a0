! dyn-interp.S -- a program interpreter (e2k-asm -shared) for the loader
! tests: it checks the auxiliary vector and the mappings the kernel
! promises an interpreter, applies the program's relocations (relative
! ones, and those binding its GOT and PLT slots to the function and the
! variable we export) and jumps to the program's entry, as ld.so would.
! Like glibc's e2k ld.so, it binds the PLT lazily when the program's
! dynamic section has DT_E2K_LAZY_GOT and neither DT_BIND_NOW nor
! DF_BIND_NOW in DT_FLAGS nor DF_1_NOW in DT_FLAGS_1 (ld -z now), and
! LD_BIND_NOW is unset or empty:
! each .got.plt slot keeps its lazy PLT entry (moved by the program's
! bias), .got.plt word 1 gets our link map and word 2 dyn_resolve, which
! the PLT header calls (link map, .rela.plt offset) on a function's first
! call; it binds the slot and returns the function's address.
!
! Checked (the exit status names the first check that failed):
!   1-3   AT_BASE is our page-aligned bias: our ELF header is there and
!         AT_BASE + e_entry is where we run;
!   4-7   AT_PHDR/AT_PHENT/AT_PHNUM: the program's headers, the first
!         PT_PHDR, giving a page-aligned bias other than ours;
!   8-9   the program's ELF header is mapped before its program
!         headers, and AT_ENTRY is its bias + e_entry (the bias is 0 for
!         an ET_EXEC program, dyn-exec);
!   10-17 AT_PAGESZ 4096, AT_FLAGS 0, AT_HWCAP 0, AT_CLKTCK 100,
!         AT_SYSTEM_INFO 1, AT_SECURE 0, AT_UID/AT_EUID/AT_GID/AT_EGID
!         as the system calls say;
!   18-20 AT_RANDOM and AT_EXECFN set, AT_EXECFN is argv[0];
!   21    the initial sp is 16-byte aligned;
!   22    the program's PT_DYNAMIC found;
!   23    its relocations (DT_RELA, then DT_JMPREL) are all relative,
!         R_E2K_64_ABS (a GOT slot), R_E2K_64_COPY (the program's
!         copy of our variable: its st_size bytes copied) or
!         R_E2K_64_JMP_SLOT (a .got.plt slot): these are bound by name
!         to the symbols we export (we are the shared object the program
!         imports from: its DT_NEEDED names our soname);
!   24    our own PT_DYNAMIC found;  25  a symbol we do not define;
!   26    DT_E2K_LAZY_GOT without DT_PLTGOT;
!   27    dyn_resolve given a relocation other than R_E2K_64_JMP_SLOT;
!   28    we have no .gnu.hash (we are linked --hash-style=gnu and look our
!         symbols up through it, bloom filter first, as glibc's ld.so).
! Run directly (qemu-e2k dyn-interp.so), AT_BASE is 0 and AT_ENTRY our
! own entry: it says so and exits 0.

	.include "dyn.inc"

! find_dynamic PHDRS, COUNT, CODE: the p_vaddr of PT_DYNAMIC in %dr13,
! from COUNT program headers at PHDRS (both registers are used up); exit
! with status CODE if there is none.  Uses %dr12 and %pred0.
	.macro	find_dynamic phdrs, count, code
.Lphdr\@:
	check_ne \count, 0, \code
	{
	  ldw,0	[ \phdrs + 0 ], %dr12
	  ldd,2	[ \phdrs + 16 ], %dr13
	  nop	3
	}
	{
	  cmpedb,0	%dr12, 2, %pred0
	  addd,1	\phdrs, 56, \phdrs
	  subd,2	\count, 1, \count
	  nop	2
	}
	{
	  ibranch	.Lphdr\@ ? ~%pred0
	}
	.endm

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=20, nfx=1
	  rrd	%ip, %dr2			! where we run: _start
	}
	{
	  rrd	%usd.lo, %dr1
	}
	{
	  andd,0	%dr1, 0xffffffffffff, %dr1	! &argc
	  addd,1	%dr2, auxtab - _start, %dr20	! our aux table
	}
	{
	  ldd,0	[ %dr1 + 0 ], %dr3		! argc
	  ldd,2	[ %dr1 + 8 ], %dr21		! argv[0]
	}
	{
	  nop	3
	}
	{
	  shld,0	%dr3, 3, %dr4
	}
	{
	  addd,0	%dr1, %dr4, %dr4
	}
	{
	  addd,0	%dr4, 16, %dr4			! envp
	  addd,1	0, 0, %dr39			! LD_BIND_NOW not set
	}
.Lenv:
	{
	  ldd,0	[ %dr4 + 0 ], %dr5
	  nop	3
	}
	{
	  addd,0	%dr4, 8, %dr4
	  cmpedb,1	%dr5, 0, %pred0
	  addd,2	%dr2, bind_now_name - _start, %dr6
	  nop	2
	}
	{
	  ibranch	.Laux ? %pred0
	}
.Lbindnow:				! does the variable start with LD_BIND_NOW= ?
	{
	  ldb,0	[ %dr5 + 0 ], %dr7
	  ldb,2	[ %dr6 + 0 ], %dr8
	  nop	3
	}
	{
	  cmpedb,0	%dr8, 0, %pred0
	  cmpedb,1	%dr7, %dr8, %pred1
	  addd,2	%dr5, 1, %dr5
	  addd,3	%dr6, 1, %dr6
	  nop	2
	}
	{
	  ibranch	.Lbindval ? %pred0
	}
	{
	  ibranch	.Lenv ? ~%pred1
	}
	{
	  ibranch	.Lbindnow
	}
.Lbindval:				! yes: a value binds the PLT at once
	{
	  cmpedb,0	%dr7, 0, %pred0
	  nop	2
	}
	{
	  addd,0	0, 1, %dr39 ? ~%pred0
	}
	{
	  ibranch	.Lenv
	}
.Laux:						! %dr4: the auxv pairs
	{
	  ldd,0	[ %dr4 + 0 ], %dr5
	  ldd,2	[ %dr4 + 8 ], %dr6
	  nop	3
	}
	{
	  cmpedb,0	%dr5, 0, %pred0
	  cmpbdb,1	%dr5, 64, %pred1
	  shld,2	%dr5, 3, %dr7
	  nop	2
	}
	{
	  ibranch	.Lauxdone ? %pred0
	}
	{
	  addd,0	%dr20, %dr7, %dr7
	  addd,1	%dr4, 16, %dr4
	}
	{
	  std,2	%dr6, [ %dr7 + 0 ] ? %pred1
	}
	{
	  ibranch	.Laux
	}
.Lauxdone:
	{
	  ldd,0	[ %dr20 + 7 * 8 ], %dr24	! AT_BASE
	  ldd,2	[ %dr20 + 9 * 8 ], %dr25	! AT_ENTRY
	  nop	3
	}
	{
	  cmpedb,0	%dr24, 0, %pred0
	  nop	2
	}
	{
	  ibranch	.Ldirect ? %pred0
	}
	{
	  andd,0	%dr24, 0xfff, %dr12
	}
	check_eq %dr12, 0, 1
	{
	  ldw,0	[ %dr24 + 0 ], %dr12		! our ELF magic
	  ldd,2	[ %dr24 + 24 ], %dr13		! our e_entry
	  nop	3
	}
	check_eq %dr12, 0x464c457f, 2
	{
	  addd,0	%dr24, %dr13, %dr13
	}
	check_eq %dr13, %dr2, 3

	{
	  ldd,0	[ %dr20 + 3 * 8 ], %dr14	! AT_PHDR
	  ldd,2	[ %dr20 + 4 * 8 ], %dr15	! AT_PHENT
	  ldd,3	[ %dr20 + 5 * 8 ], %dr16	! AT_PHNUM
	  nop	3
	}
	check_eq %dr15, 56, 4
	check_eq %dr16, 6, 5
	{
	  ldw,0	[ %dr14 + 0 ], %dr12		! phdr[0].p_type
	  ldd,2	[ %dr14 + 16 ], %dr13		! phdr[0].p_vaddr
	  nop	3
	}
	check_eq %dr12, 6, 6
	{
	  subd,0	%dr14, %dr13, %dr17		! the program's bias
	}
	{
	  andd,0	%dr17, 0xfff, %dr12
	}
	check_eq %dr12, 0, 7
	check_ne %dr17, %dr24, 7
	{
	  subd,0	%dr14, 64, %dr19		! its ELF header (e_phoff 64)
	}
	{
	  ldw,0	[ %dr19 + 0 ], %dr12
	  ldd,2	[ %dr19 + 24 ], %dr13
	  nop	3
	}
	check_eq %dr12, 0x464c457f, 8
	{
	  addd,0	%dr17, %dr13, %dr13
	}
	check_eq %dr13, %dr25, 9

	{
	  ldd,0	[ %dr20 + 6 * 8 ], %dr12	! AT_PAGESZ
	  ldd,2	[ %dr20 + 8 * 8 ], %dr13	! AT_FLAGS
	  ldd,3	[ %dr20 + 16 * 8 ], %dr15	! AT_HWCAP
	  ldd,5	[ %dr20 + 17 * 8 ], %dr16	! AT_CLKTCK
	  nop	3
	}
	check_eq %dr12, 4096, 10
	check_eq %dr13, 0, 11
	check_eq %dr15, 0, 12
	check_eq %dr16, 100, 13
	{
	  ldd,0	[ %dr20 + 34 * 8 ], %dr12	! AT_SYSTEM_INFO
	  ldd,2	[ %dr20 + 23 * 8 ], %dr13	! AT_SECURE
	  nop	3
	}
	check_eq %dr12, 1, 14
	check_eq %dr13, 0, 15
	syscall	24				! getuid
	{
	  ldd,0	[ %dr20 + 11 * 8 ], %dr12
	  nop	3
	}
	check_eq %dr12, %dr8, 16
	syscall	49				! geteuid
	{
	  ldd,0	[ %dr20 + 12 * 8 ], %dr12
	  nop	3
	}
	check_eq %dr12, %dr8, 16
	syscall	47				! getgid
	{
	  ldd,0	[ %dr20 + 13 * 8 ], %dr12
	  nop	3
	}
	check_eq %dr12, %dr8, 17
	syscall	50				! getegid
	{
	  ldd,0	[ %dr20 + 14 * 8 ], %dr12
	  nop	3
	}
	check_eq %dr12, %dr8, 17

	{
	  ldd,0	[ %dr20 + 25 * 8 ], %dr12	! AT_RANDOM
	  ldd,2	[ %dr20 + 31 * 8 ], %dr13	! AT_EXECFN
	  nop	3
	}
	check_ne %dr12, 0, 18
	check_ne %dr13, 0, 19
.Lexecfn:					! strcmp(AT_EXECFN, argv[0])
	{
	  ldb,0	[ %dr13 + 0 ], %dr12
	  ldb,2	[ %dr21 + 0 ], %dr15
	  nop	3
	}
	check_eq %dr12, %dr15, 20
	{
	  cmpedb,0	%dr12, 0, %pred0
	  addd,1	%dr13, 1, %dr13
	  addd,2	%dr21, 1, %dr21
	  nop	2
	}
	{
	  ibranch	.Lexecfn ? ~%pred0
	}
	{
	  andd,0	%dr1, 15, %dr12
	}
	check_eq %dr12, 0, 21

	find_dynamic %dr14, %dr16, 22		! the program's: %dr13
	{
	  addd,0	%dr17, %dr13, %dr18		! the dynamic section
	  addd,1	0, 0, %dr22			! DT_RELA
	  addd,2	0, 0, %dr23			! DT_RELASZ
	  addd,3	0, 0, %dr28			! DT_JMPREL
	  addd,4	0, 0, %dr29			! DT_PLTRELSZ
	  addd,5	0, 0, %dr0			! DT_E2K_LAZY_GOT seen
	}
	{
	  addd,0	0, 0, %dr38			! DT_PLTGOT
	}
.Ldyn:
	{
	  ldd,0	[ %dr18 + 0 ], %dr12
	  ldd,2	[ %dr18 + 8 ], %dr13
	  nop	3
	}
	{
	  cmpedb,0	%dr12, 7, %pred1
	  cmpedb,1	%dr12, 8, %pred2
	  cmpedb,3	%dr12, 0, %pred0
	  cmpedb,4	%dr12, 23, %pred3
	  addd,2	%dr18, 16, %dr18
	}
	{
	  cmpedb,0	%dr12, 2, %pred4
	  cmpedb,1	%dr12, 5, %pred5
	  cmpedb,3	%dr12, 6, %pred6
	  addd,2	%dr17, %dr13, %dr15		! an address in the program
	  nop	2
	}
	{
	  addd,0	0, %dr15, %dr22 ? %pred1
	}
	{
	  addd,0	0, %dr13, %dr23 ? %pred2
	}
	{
	  addd,0	0, %dr15, %dr28 ? %pred3
	}
	{
	  addd,0	0, %dr13, %dr29 ? %pred4
	}
	{
	  addd,0	0, %dr15, %dr27 ? %pred5	! DT_STRTAB
	}
	{
	  addd,0	0, %dr15, %dr26 ? %pred6	! DT_SYMTAB
	  cmpedb,1	%dr12, 3, %pred7
	  cmpedb,3	%dr12, 0x70000003, %pred8
	  nop	2
	}
	{
	  addd,0	0, %dr15, %dr38 ? %pred7	! DT_PLTGOT
	}
	{
	  addd,0	0, 1, %dr0 ? %pred8		! DT_E2K_LAZY_GOT
	  cmpedb,1	%dr12, 24, %pred9		! DT_BIND_NOW
	  cmpedb,3	%dr12, 30, %pred10		! DT_FLAGS
	  cmpedb,4	%dr12, 0x6ffffffb, %pred11	! DT_FLAGS_1
	  addd,2	0, 0, %dr9
	  addd,5	0, 0, %dr10
	  nop	2
	}
	{
	  addd,0	0, 1, %dr39 ? %pred9
	}
	{
	  andd,0	%dr13, 8, %dr9 ? %pred10	! DF_BIND_NOW
	}
	{
	  andd,0	%dr13, 1, %dr10 ? %pred11	! DF_1_NOW
	}
	{
	  ord,0	%dr9, %dr10, %dr9
	}
	{
	  cmpedb,0	%dr9, 0, %pred12
	  nop	2
	}
	{
	  addd,0	0, 1, %dr39 ? ~%pred12
	}
	{
	  ibranch	.Ldyn ? ~%pred0
	}

	! our own dynamic section, for the symbols the program imports
	! from us: AT_BASE + e_phoff, e_phnum
	{
	  ldd,0	[ %dr24 + 32 ], %dr35
	  ldh,2	[ %dr24 + 56 ], %dr36
	  nop	3
	}
	{
	  addd,0	%dr24, %dr35, %dr35
	}
	find_dynamic %dr35, %dr36, 24		! ours: %dr13
	{
	  addd,0	%dr24, %dr13, %dr18
	  addd,1	0, 0, %dr37
	}
.Lowndyn:
	{
	  ldd,0	[ %dr18 + 0 ], %dr12
	  ldd,2	[ %dr18 + 8 ], %dr13
	  nop	3
	}
	{
	  cmpedb,0	%dr12, 0x6ffffef5, %pred1	! DT_GNU_HASH
	  cmpedb,1	%dr12, 5, %pred2		! DT_STRTAB
	  cmpedb,3	%dr12, 6, %pred3		! DT_SYMTAB
	  cmpedb,4	%dr12, 0, %pred0
	  addd,2	%dr24, %dr13, %dr13
	  addd,5	%dr18, 16, %dr18
	  nop	2
	}
	{
	  addd,0	0, %dr13, %dr37 ? %pred1
	}
	{
	  addd,0	0, %dr13, %dr32 ? %pred2
	}
	{
	  addd,0	0, %dr13, %dr31 ? %pred3
	}
	{
	  ibranch	.Lowndyn ? ~%pred0
	}
	check_ne %dr37, 0, 28
	{
	  addd,0	0, %dr37, %dr33			! our .gnu.hash
	  addd,1	0, 0, %dr34			! .rela.plt not done yet
	  addd,2	%dr2, lmap - _start, %dr12
	  cmpedb,3	%dr39, 0, %pred0
	  nop	3
	}
	{					! our link map (see lmap)
	  std,2	%dr17, [ %dr12 + 0 ]
	  std,5	%dr28, [ %dr12 + 8 ]
	  addd,0	0, 0, %dr0 ? ~%pred0		! LD_BIND_NOW: bind at once
	}
	{
	  std,2	%dr26, [ %dr12 + 16 ]
	  std,5	%dr27, [ %dr12 + 24 ]
	}
	{
	  std,2	%dr24, [ %dr12 + 32 ]
	  std,5	%dr31, [ %dr12 + 40 ]
	}
	{
	  std,2	%dr32, [ %dr12 + 48 ]
	  std,5	%dr33, [ %dr12 + 56 ]
	  cmpedb,0	%dr0, 0, %pred0
	  nop	2
	}
	{
	  ibranch	.Lrela ? %pred0
	}
	check_ne %dr38, 0, 26

.Lrela:				! .rela.dyn, then .rela.plt
	{
	  cmpedb,0	%dr23, 0, %pred0
	  cmpedb,1	%dr34, 0, %pred1
	  nop	2
	}
	{
	  ibranch	.Lrelnext ? ~%pred0
	}
	{
	  ibranch	.Ljump ? ~%pred1
	}
	{
	  addd,0	0, %dr28, %dr22
	  addd,1	0, %dr29, %dr23
	  addd,2	0, 1, %dr34
	}
	{
	  ibranch	.Lrela
	}
.Lrelnext:
	{
	  ldd,0	[ %dr22 + 0 ], %dr19		! r_offset
	  ldd,2	[ %dr22 + 8 ], %dr13		! r_info
	  ldd,3	[ %dr22 + 16 ], %dr15		! r_addend
	  nop	3
	}
	{
	  addd,0	%dr17, %dr19, %dr19		! where it goes
	  addd,1	%dr22, 24, %dr22
	  subd,2	%dr23, 24, %dr23
	  cmpedb,3	%dr13, 65, %pred0		! R_E2K_64_RELATIVE
	  shld,4	%dr13, 32, %dr14
	  nop	2
	}
	{
	  addd,0	%dr17, %dr15, %dr15 ? %pred0	! bias + addend
	  shrd,1	%dr14, 32, %dr14		! the type
	}
	{
	  ibranch	.Lstore ? %pred0
	}
	{
	  cmpedb,0	%dr14, 50, %pred1		! R_E2K_64_ABS (a GOT slot)
	  shrd,1	%dr13, 32, %dr13		! the symbol
	  nop	2
	}
	{
	  ibranch	.Lsym ? %pred1
	}
	{
	  cmpedb,0	%dr14, 64, %pred1		! R_E2K_64_COPY
	  nop	2
	}
	{
	  ibranch	.Lcopy ? %pred1
	}
	check_eq %dr14, 63, 23			! R_E2K_64_JMP_SLOT
	{
	  cmpedb,0	%dr0, 0, %pred1
	  nop	2
	}
	{
	  ibranch	.Lsym ? %pred1
	}
	{					! lazily: the slot's lazy PLT
	  ldd,0	[ %dr19 + 0 ], %dr15		! entry, moved by the bias
	  nop	3
	}
	{
	  addd,0	%dr17, %dr15, %dr15
	}
	{
	  ibranch	.Lstore
	}
.Lsym:				! our symbol of that name + addend
	{
	  addd,0	%dr2, lmap - _start, %dr36
	  addd,1	0, %dr13, %dr37
	  disp	%ctpr1, find_export
	}
	{
	  call	%ctpr1, wbs=18
	}
	{
	  addd,0	%dr36, %dr15, %dr15
	}
	{
	  ibranch	.Lstore
	}
.Lstore:
	{
	  std,2	%dr15, [ %dr19 + 0 ]
	}
	{
	  ibranch	.Lrela
	}
.Lcopy:				! our variable's st_size (the program's) bytes
	{
	  addd,0	%dr2, lmap - _start, %dr36
	  addd,1	0, %dr13, %dr37
	  shld,2	%dr13, 4, %dr35
	  shld,3	%dr13, 3, %dr16
	  disp	%ctpr1, find_export
	}
	{
	  call	%ctpr1, wbs=18
	}
	{
	  addd,0	%dr35, %dr16, %dr35
	}
	{
	  addd,0	%dr26, %dr35, %dr35
	}
	{
	  ldd,0	[ %dr35 + 16 ], %dr35		! st_size
	  nop	3
	}
.Lcopybyte:
	{
	  cmpedb,0	%dr35, 0, %pred1
	  nop	2
	}
	{
	  ibranch	.Lrela ? %pred1
	}
	{
	  ldb,0	[ %dr36 + 0 ], %dr16
	  nop	3
	}
	{
	  stb,2	%dr16, [ %dr19 + 0 ]
	  addd,0	%dr36, 1, %dr36
	  addd,1	%dr19, 1, %dr19
	  subd,3	%dr35, 1, %dr35
	}
	{
	  ibranch	.Lcopybyte
	}
.Ljump:
	{					! lazily: .got.plt words 1, 2
	  cmpedb,0	%dr0, 0, %pred0
	  addd,1	%dr2, lmap - _start, %dr12
	  addd,2	%dr2, dyn_resolve - _start, %dr13
	  nop	2
	}
	{
	  std,2	%dr12, [ %dr38 + 8 ] ? ~%pred0
	  std,5	%dr13, [ %dr38 + 16 ] ? ~%pred0
	}
	{
	  movtd,0	%dr25, %ctpr1
	}
	{
	  ct	%ctpr1
	}

.Ldirect:					! run as the program itself
	check_eq %dr25, %dr2, 3
	{
	  addd,0	%dr2, direct_msg - _start, %dr12
	}
	syscall	4, 1, %dr12, direct_len
	syscall	1, 0

.Lfail:
	syscall	1, %dr30
	.size	_start, . - _start

! find_export(LMAP, INDEX): bias + st_value of the symbol we define with
! the name of the program's .dynsym entry INDEX, found through our
! .gnu.hash as ld.so finds it: the name's hash (h * 33 + c from 5381),
! the bloom filter, the bucket, then the chain of hashes (bit 0: the
! last of its bucket) and the names (exit 25 if it is not there).
! It writes none of %dr1-%dr3: _start calls it with wbs=18, where those
! are its own %dr37-%dr39.
	.type	find_export, @function
find_export:
	{
	  setwd	wsz=20, nfx=1
	  ldd,0	[ %dr0 + 16 ], %dr26		! the program's .dynsym
	  ldd,2	[ %dr0 + 24 ], %dr27		! and .dynstr
	  ldd,3	[ %dr0 + 40 ], %dr31		! ours
	  ldd,5	[ %dr0 + 48 ], %dr32
	  nop	3
	}
	{
	  ldd,0	[ %dr0 + 56 ], %dr33		! our .gnu.hash
	  ldd,2	[ %dr0 + 32 ], %dr24		! our bias
	  addd,1	0, %dr1, %dr13
	  nop	3
	}
	{
	  shld,0	%dr13, 4, %dr35
	  shld,1	%dr13, 3, %dr36
	}
	{
	  addd,0	%dr35, %dr36, %dr35		! 24 * index
	}
	{
	  addd,0	%dr26, %dr35, %dr35
	}
	{
	  ldw,0	[ %dr35 + 0 ], %dr35		! st_name
	  nop	3
	}
	{
	  addd,0	%dr27, %dr35, %dr35		! the name it wants
	  addd,1	0, 5381, %dr20
	}
	{
	  addd,0	0, %dr35, %dr21
	}
.Lhash:
	{
	  ldb,0	[ %dr21 + 0 ], %dr4
	  nop	3
	}
	{
	  cmpedb,0	%dr4, 0, %pred0
	  shld,1	%dr20, 5, %dr5
	  addd,2	%dr21, 1, %dr21
	  nop	2
	}
	{
	  ibranch	.Lhashed ? %pred0
	}
	{
	  addd,0	%dr5, %dr20, %dr20
	}
	{
	  addd,0	%dr20, %dr4, %dr20
	}
	{
	  andd,0	%dr20, 0xffffffff, %dr20
	}
	{
	  ibranch	.Lhash
	}
.Lhashed:					! nbucket, symoffset, bloom size, shift
	{
	  ldw,0	[ %dr33 + 0 ], %dr6
	  ldw,2	[ %dr33 + 4 ], %dr7
	  ldw,3	[ %dr33 + 8 ], %dr8
	  ldw,5	[ %dr33 + 12 ], %dr9
	  nop	3
	}
	{					! the bloom word of h
	  shrd,0	%dr20, 6, %dr10
	  subd,1	%dr8, 1, %dr11
	}
	{
	  andd,0	%dr10, %dr11, %dr10
	}
	{
	  shld,0	%dr10, 3, %dr10
	}
	{
	  addd,0	%dr33, %dr10, %dr10
	}
	{
	  ldd,0	[ %dr10 + 16 ], %dr10
	  andd,1	%dr20, 63, %dr11
	  shrd,2	%dr20, %dr9, %dr12
	  nop	3
	}
	{					! bits h % 64 and (h >> shift) % 64
	  andd,0	%dr12, 63, %dr12
	  shrd,1	%dr10, %dr11, %dr11
	}
	{
	  shrd,0	%dr10, %dr12, %dr12
	}
	{
	  andd,0	%dr11, %dr12, %dr11
	}
	{
	  andd,0	%dr11, 1, %dr11
	}
	check_ne %dr11, 0, 25
	{					! the bucket: h % nbucket
	  udivd,5	%dr20, %dr6, %dr10
	}
	{
	  muld,0	%dr10, %dr6, %dr10
	  shld,1	%dr8, 3, %dr11
	}
	{
	  subd,0	%dr20, %dr10, %dr10
	  addd,1	%dr33, %dr11, %dr11
	}
	{
	  addd,0	%dr11, 16, %dr11		! the buckets
	  shld,1	%dr10, 2, %dr12
	  shld,2	%dr6, 2, %dr14
	}
	{
	  addd,0	%dr11, %dr12, %dr12
	  addd,1	%dr11, %dr14, %dr14		! the chain
	}
	{
	  ldw,0	[ %dr12 + 0 ], %dr36		! its first symbol
	  ord,1	%dr20, 1, %dr17
	  nop	3
	}
	check_ne %dr36, 0, 25
.Lchain:
	{
	  subd,0	%dr36, %dr7, %dr12
	}
	{
	  shld,0	%dr12, 2, %dr12
	}
	{
	  addd,0	%dr14, %dr12, %dr12
	}
	{
	  ldw,0	[ %dr12 + 0 ], %dr15
	  nop	3
	}
	{
	  ord,0	%dr15, 1, %dr16
	}
	{
	  cmpedb,0	%dr16, %dr17, %pred1
	  nop	2
	}
	{
	  ibranch	.Lname ? %pred1
	}
.Lchainnext:
	{
	  andd,0	%dr15, 1, %dr16
	}
	check_eq %dr16, 0, 25			! the last of its bucket
	{
	  addd,0	%dr36, 1, %dr36
	}
	{
	  ibranch	.Lchain
	}
.Lname:						! the same hash: the same name?
	{
	  shld,0	%dr36, 4, %dr16
	  shld,1	%dr36, 3, %dr18
	}
	{
	  addd,0	%dr16, %dr18, %dr16
	}
	{
	  addd,0	%dr31, %dr16, %dr37		! our symbol
	}
	{
	  ldw,0	[ %dr37 + 0 ], %dr38		! st_name
	  nop	3
	}
	{
	  addd,0	%dr32, %dr38, %dr38
	  addd,1	0, %dr35, %dr16
	}
.Lcmp:
	{
	  ldb,0	[ %dr38 + 0 ], %dr13
	  ldb,2	[ %dr16 + 0 ], %dr39
	  nop	3
	}
	{
	  cmpedb,0	%dr13, %dr39, %pred1
	  cmpedb,1	%dr13, 0, %pred2
	  addd,2	%dr38, 1, %dr38
	  addd,3	%dr16, 1, %dr16
	  nop	2
	}
	{
	  ibranch	.Lchainnext ? ~%pred1
	}
	{
	  ibranch	.Lcmp ? ~%pred2
	}
	{
	  ldd,0	[ %dr37 + 8 ], %dr13		! st_value
	  return	%ctpr3
	  nop	3
	}
	{
	  addd,0	%dr24, %dr13, %dr0
	}
	{
	  ct	%ctpr3
	}
	.size	find_export, . - find_export

! dyn_resolve(LMAP, RELOFF): the PLT header's call on a function's first
! call (see the top): bind the .got.plt slot of the R_E2K_64_JMP_SLOT at
! RELOFF in the program's .rela.plt, count it, return the address.
	.type	dyn_resolve, @function
dyn_resolve:
	{
	  setwd	wsz=20, nfx=1
	  ldd,0	[ %dr0 + 0 ], %dr2		! the program's bias
	  ldd,2	[ %dr0 + 8 ], %dr3		! its .rela.plt
	  nop	3
	}
	{
	  addd,0	%dr3, %dr1, %dr3
	}
	{
	  ldd,0	[ %dr3 + 0 ], %dr4		! r_offset
	  ldd,2	[ %dr3 + 8 ], %dr5		! r_info
	  ldd,3	[ %dr3 + 16 ], %dr6		! r_addend
	  nop	3
	}
	{
	  shld,0	%dr5, 32, %dr7
	  shrd,1	%dr5, 32, %dr33
	  addd,2	%dr2, %dr4, %dr4		! the slot
	  addd,3	0, %dr0, %dr32
	}
	{
	  shrd,0	%dr7, 32, %dr7
	}
	check_eq %dr7, 63, 27
	{
	  disp	%ctpr1, find_export
	}
	{
	  call	%ctpr1, wbs=16
	}
.Lcount:
	{
	  addd,1	%dr32, %dr6, %dr0
	  rrd	%ip, %dr8
	}
	{
	  std,2	%dr0, [ %dr4 + 0 ]
	  addd,0	%dr8, dyn_lib_resolved - .Lcount, %dr8
	}
	{
	  ldd,0	[ %dr8 + 0 ], %dr9
	  return	%ctpr3
	  nop	3
	}
	{
	  addd,0	%dr9, 1, %dr9
	}
	{
	  std,2	%dr9, [ %dr8 + 0 ]
	}
	{
	  ct	%ctpr3
	}
	.size	dyn_resolve, . - dyn_resolve

! What a program may import from us (dyn-prog.S does): a function that
! returns %dr0 + %dr1 + dyn_lib_value, and that variable.
	.global	dyn_lib_add
	.type	dyn_lib_add, @function
dyn_lib_add:
	{
	  setwd	wsz=4, nfx=1
	  rrd	%ip, %dr2
	}
	{
	  addd,0	%dr2, dyn_lib_value - dyn_lib_add, %dr2
	}
	{
	  ldd,0	[ %dr2 + 0 ], %dr3
	  addd,1	%dr0, %dr1, %dr0
	  return	%ctpr3
	  nop	3
	}
	{
	  addd,0	%dr0, %dr3, %dr0
	}
	{
	  ct	%ctpr3
	}
	.size	dyn_lib_add, . - dyn_lib_add

	.data
	.align	8
	.global	dyn_lib_value
	.type	dyn_lib_value, @object
dyn_lib_value:
	.quad	0x1000
	.size	dyn_lib_value, 8

! what dyn-exec refers to directly, which its linker copies
	.global	dyn_lib_table
	.type	dyn_lib_table, @object
	.align	16
dyn_lib_table:
	.quad	0x5a5a0001, 0x5a5a0002
	.size	dyn_lib_table, 16

! how many functions dyn_resolve bound (the program checks it)
	.global	dyn_lib_resolved
	.type	dyn_lib_resolved, @object
dyn_lib_resolved:
	.quad	0
	.size	dyn_lib_resolved, 8

	.section .rodata
direct_msg:
	.ascii	"dyn-interp: run directly\n"
	direct_len = . - direct_msg
bind_now_name:
	.string	"LD_BIND_NOW="

	.bss
	.align	8
auxtab:	.skip	64 * 8
! our link map: the program's bias, .rela.plt, .dynsym and .dynstr, then
! our bias, .dynsym, .dynstr and .gnu.hash
lmap:	.skip	8 * 8
