! A whole object, byte for byte MCST gas 2.35's (whole-file.o.gz, from
! `e2k-linux-as -mcpu=elbrus-v3' on this file): with `.file' both write
! the same FILE symbol; the section headers come as gas numbers them
! (.rela.text right after .text, .rela.data after .data), .shstrtab
! stores `.text' inside `.rela.text', and .strtab stores a name that ends
! another inside the one bfd picks (`longjmp' inside `__longjmp', not the
! earlier `__libc_longjmp'; `a' inside `$a'), and a section's symbol
! comes among the local symbols where the section was made (.rodata's
! after `lbl', which was named first).
!> object whole-file.o.gz
!> .data 0000000000000000
	.file	"whole-file.c"
	.text
	.global __libc_longjmp
	.type __libc_longjmp, @function
__libc_longjmp:
	{ nop }
	{ disp %ctpr1, $ext }
	.size __libc_longjmp, . - __libc_longjmp
	.global __longjmp, _longjmp, longjmp, siglongjmp
__longjmp = __libc_longjmp
_longjmp = __libc_longjmp
longjmp = __libc_longjmp
siglongjmp = __libc_longjmp
	.global a
a:	{ disp %ctpr1, $$a }
lbl:	{ nop }
	.section .rodata
ro:	.quad	lbl
	.data
	.quad	a + 8
