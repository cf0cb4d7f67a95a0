! dyn-prog.S -- a position-independent program (e2k-asm -pie) with an
! interpreter (dyn-interp.S) for the loader tests.  It reaches its
! message through a pointer in .data that only the interpreter's
! R_E2K_64_RELATIVE relocation makes right (status 30 otherwise), checks
! that its .bss, which starts in the middle of a page whose file bytes
! are the symbol table, reads as zero (status 31), finds the message
! through its GOT slot (another relative relocation, status 32) and as
! _GLOBAL_OFFSET_TABLE_ + msg@GOTOFF (status 33).  It is linked with the
! interpreter as a shared object and imports from it, as a program
! imports from a library: it reads dyn_lib_value through its GOT slot
! (status 34), calls dyn_lib_add through the PLT (35) and through the
! address in its GOT slot, which is not the PLT entry (36), and sees a
! store to the variable in what the function returns (37).  Then it
! prints the message.
! Before the first call its .got.plt slot must hold its lazy PLT entry
! (bound lazily) or the function (bound at load; otherwise status 38);
! after it, the function (39), and the interpreter's count of functions
! it bound on a first call, dyn_lib_resolved, must be 1 or 0 (40) and
! stay so over the second call through the PLT (41).  The last line it
! prints says which way the PLT was bound.
! Linked as a dynamic ET_EXEC (DYN_EXEC defined), it also reads the
! interpreter's dyn_lib_table at its link-time address: the linker's
! copy in .dynbss, which only the interpreter's R_E2K_64_COPY fills
! (status 42), and finds dyn_lib_value's address in a datum of its
! .data, which an R_E2K_64_ABS binds (status 43).

	.include "dyn.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=20, nfx=1
	  rrd	%ip, %dr2
	}
	{
	  addd,0	%dr2, ptr - _start, %dr3
	}
	{
	  addd,0	%dr2, msg - _start, %dr4
	}
	{
	  addd,0	%dr2, zeros - _start, %dr5
	}
	{
	  ldd,0	[ %dr3 + 0 ], %dr6
	  ldd,2	[ %dr5 + 0 ], %dr10
	  ldd,3	[ %dr5 + 8 ], %dr11
	  ldd,5	[ %dr5 + 56 ], %dr12
	  nop	3
	}
	check_eq %dr6, %dr4, 30
	check_eq %dr10, 0, 31
	check_eq %dr11, 0, 31
	check_eq %dr12, 0, 31
	{
	  rrd	%ip, %dr13
	  addd,3	0, [ _f64 _GLOBAL_OFFSET_TABLE_ ], %dr14
	}
	{
	  addd,0	%dr13, %dr14, %dr13		! _GLOBAL_OFFSET_TABLE_
	}
	{
	  ldd,0	[ %dr13 + _f32s msg@GOT ], %dr15	! msg's GOT slot
	  addd,1	%dr13, [ _f64 msg@GOTOFF ], %dr16
	  nop	3
	}
	check_eq %dr15, %dr4, 32
	check_eq %dr16, %dr4, 33

	! what we import from the interpreter (linked with it as a shared
	! object): dyn_lib_value through its GOT slot (R_E2K_64_ABS) ...
	{
	  ldd,0	[ %dr13 + _f32s dyn_lib_value@GOT ], %dr5
	  ldd,2	[ %dr13 + _f32s dyn_lib_add@GOT ], %dr7
	  nop	3
	}
	{
	  ldd,0	[ %dr5 + 0 ], %dr15
	  nop	3
	}
	check_eq %dr15, 0x1000, 34
#ifdef DYN_EXEC
	{
	  addd,0	0, [ _f64 dyn_lib_table ], %dr22
	}
	{
	  ldd,0	[ %dr22 + 0 ], %dr23
	  ldd,2	[ %dr22 + 8 ], %dr24
	  nop	3
	}
	check_eq %dr23, 0x5a5a0001, 42
	check_eq %dr24, 0x5a5a0002, 42
.Lvalptr:
	{
	  rrd	%ip, %dr22
	}
	{
	  addd,0	%dr22, value_ptr - .Lvalptr, %dr22
	}
	{
	  ldd,0	[ %dr22 + 0 ], %dr23
	  nop	3
	}
	check_eq %dr23, %dr5, 43
#endif
	! our only function's lazy entry: the lazy entries (0x20 bytes
	! each) come just before the first one the calls go to
.Lplt:
	{
	  rrd	%ip, %dr22
	}
	{
	  addd,0	%dr22, dyn_lib_add - .Lplt - 0x20, %dr22
	  ldd,2	[ %dr13 + 24 ], %dr23		! .got.plt slot 0
	  ldd,3	[ %dr13 + _f32s dyn_lib_resolved@GOT ], %dr25
	  nop	3
	}
	{
	  cmpedb,0	%dr23, %dr22, %pred0
	  addd,1	0, 0, %dr24			! bound at load
	  nop	2
	}
	{
	  addd,0	0, 1, %dr24 ? %pred0		! bound lazily
	}
	{
	  ibranch	.Llazy ? %pred0
	}
	check_eq %dr23, %dr7, 38
.Llazy:
	! ... dyn_lib_add through the PLT (R_E2K_64_JMP_SLOT).  The callee's
	! window starts at %dr32 (wbs=16), leaving it 8 parameter registers:
	! a setwd may not make the window smaller than that, and the PLT
	! entry's setwd wsz=8 (16 registers) must not fail.
	{
	  disp	%ctpr1, dyn_lib_add
	  addd,0	0, 40, %dr32
	  addd,1	0, 2, %dr33
	}
	{
	  call	%ctpr1, wbs=16
	}
	check_eq %dr32, 0x102a, 35
	{
	  ldd,0	[ %dr13 + 24 ], %dr23
	  ldd,2	[ %dr25 + 0 ], %dr26
	  nop	3
	}
	check_eq %dr23, %dr7, 39
	check_eq %dr26, %dr24, 40
	! ... its own address in its GOT slot, which is not our PLT entry,
	! and works as well ...
.Lhere:
	{
	  rrd	%ip, %dr2
	}
	{
	  addd,0	%dr2, dyn_lib_add - .Lhere, %dr3	! the PLT entry
	}
	check_ne %dr7, %dr3, 36
	{
	  movtd,0	%dr7, %ctpr1
	  addd,1	0, 1, %dr32
	  addd,2	0, 2, %dr33
	}
	{
	  call	%ctpr1, wbs=16
	}
	check_eq %dr32, 0x1003, 36
	! ... and the variable is the one the function reads
	{
	  std,2	%dr3, [ %dr5 + 0 ]		! any value: the PLT entry
	  disp	%ctpr1, dyn_lib_add
	  addd,0	0, 5, %dr32
	  addd,1	0, 0, %dr33
	}
	{
	  call	%ctpr1, wbs=16
	}
	{
	  subd,0	%dr32, 5, %dr32
	  ldd,2	[ %dr25 + 0 ], %dr26
	  nop	3
	}
	check_eq %dr32, %dr3, 37
	check_eq %dr26, %dr24, 41
	syscall	4, 1, %dr6, msg_len
.Lhow:
	{
	  rrd	%ip, %dr2
	  cmpedb,1	%dr24, 0, %pred0
	  nop	2
	}
	{
	  addd,0	%dr2, bound_lazily - .Lhow, %dr13
	  addd,1	0, bound_lazily_len, %dr14
	}
	{
	  addd,0	%dr2, bound_at_load - .Lhow, %dr13 ? %pred0
	}
	{
	  addd,0	0, bound_at_load_len, %dr14 ? %pred0
	}
	syscall	4, 1, %dr13, %dr14
	syscall	1, 0
.Lfail:
	syscall	1, %dr30
	.size	_start, . - _start

	.section .rodata
msg:	.ascii	"dyn-prog: relocated by its interpreter\n"
	msg_len = . - msg
bound_lazily:
	.ascii	"dyn-prog: PLT bound lazily\n"
	bound_lazily_len = . - bound_lazily
bound_at_load:
	.ascii	"dyn-prog: PLT bound at load\n"
	bound_at_load_len = . - bound_at_load

	.data
	.align	8
ptr:	.quad	msg
	.byte	1
#ifdef DYN_EXEC
	.align	8
value_ptr:
	.quad	dyn_lib_value
#endif

	.bss
zeros:	.skip	64
