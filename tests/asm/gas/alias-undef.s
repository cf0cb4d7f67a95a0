! A symbol set to an undefined one (plus a constant) is not written to
! the object, even when .globl; every reference to it, @GOT included, is
! relocated against the undefined symbol with the constant in the addend
! (expected bytes, relocations and symbols from MCST gas 2.35's object;
! ext_alias and plus4 are not in its symbol table).
!> order .text .rela.text .data .rela.data .bss .symtab .strtab .shstrtab
!> nosym ext_alias
!> nosym plus4
!> .text 01400000000000401100000483d8816700000000000000001100000483dcc0110000000004000000
!> .data 00000000000000000000000000000000
!> rela .text 4 110 extfn 4
!> rela .text 14 108 extfn 0
!> rela .text 20 51 extfn 4
!> rela .data 0 50 extfn 0
!> rela .data 8 50 extfn 6
!> sym f LOCAL NOTYPE DEFAULT .text 0 0
!> sym extfn GLOBAL NOTYPE DEFAULT UND 0 0
	.text
	.globl ext_alias
ext_alias = extfn
plus4 = extfn + 4
f:	{ disp %ctpr1, ext_alias }
	{ ldd,0 [ %dr1 + _f32s ext_alias@GOT ], %dr3 }
	{ addd,0 0, [ _f64 plus4 ], %dr3 }
	.data
	.quad ext_alias
	.quad plus4 + 2
