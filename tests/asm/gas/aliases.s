! Symbol aliases and lcc's `$name' (expected bytes, relocations and
! symbols from MCST gas 2.35's object for this file):
! - `X = Y', `.set X, Y', `.equ X, Y' and `X = Y + N' give X Y's function
!   or object type and its size as they are at that point (b_before_size:
!   before `.size a', so 0; e2: before `.type a2', so NOTYPE);
! - an alias assigned before Y is defined (c_early) takes them at the end
!   of the file, but only without an addend (c2 stays NOTYPE);
! - one leading `$' of a symbol name is dropped wherever the name appears
!   (`$g:', `.global $g', `disp %ctpr1, $a'; `$$a' is the symbol `$a'),
!   and `$_GLOBAL_OFFSET_TABLE_' is the GOT's pc-relative address as
!   `_GLOBAL_OFFSET_TABLE_' is.
!> order .text .rela.text .data .bss .symtab .strtab .shstrtab
!> .text 00000000000000000000000000000000000000000000000000000000000000000140000000000040014000000000004000000000000000001100000481dcc0110000000000000000
!> .data 0100000000000000
!> rela .text 24 110 a 4
!> rela .text 2c 110 $a 4
!> rela .text 30 50 .data 0
!> rela .text 40 54 _GLOBAL_OFFSET_TABLE_ 8
!> sym c_early LOCAL FUNC DEFAULT .text 0 16
!> sym b_before_size LOCAL FUNC DEFAULT .text 0 0
!> sym e_plus LOCAL FUNC DEFAULT .text 8 16
!> sym f_set LOCAL FUNC DEFAULT .text 0 16
!> sym g_equ LOCAL FUNC DEFAULT .text 0 16
!> sym c2 LOCAL NOTYPE DEFAULT .text 14 0
!> sym a2 LOCAL FUNC DEFAULT .text 10 8
!> sym e2 LOCAL NOTYPE DEFAULT .text 18 0
!> sym v LOCAL OBJECT DEFAULT .data 0 8
!> sym w LOCAL OBJECT DEFAULT .data 0 8
!> sym k LOCAL FUNC DEFAULT .text 18 8
!> sym a GLOBAL FUNC DEFAULT .text 0 16
!> sym d_after GLOBAL FUNC DEFAULT .text 0 16
!> sym g GLOBAL FUNC DEFAULT .text 18 8
!> sym $a GLOBAL NOTYPE DEFAULT UND 0 0
!> sym _GLOBAL_OFFSET_TABLE_ GLOBAL NOTYPE DEFAULT UND 0 0
	.text
c_early = a
	.global a
	.type a, @function
a:	{ nop }
b_before_size = a
	{ nop }
	.size a, . - a
d_after = a
	.global d_after
e_plus = a + 8
	.set f_set, a
	.equ g_equ, a
c2 = a2 + 4
a2:	{ nop }
e2 = a2 + 8
	.type a2, @function
	.size a2, . - a2
	.data
	.type v, @object
v:	.quad 1
	.size v, 8
w = v
	.text
	.global $g
$g:	{ nop }
	.type $g, @function
	.size $g, 8
k = $g
	disp %ctpr1, $a
	disp %ctpr1, $$a
	.quad $v
	{ addd,0 0, [ _f64 $_GLOBAL_OFFSET_TABLE_ ], %dr1 }
