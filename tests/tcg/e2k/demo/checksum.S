! checksum.S -- the guest program `make demo` runs under qemu-e2k.
!
! Computes the 32-bit FNV-1a hash of a text buffer byte by byte (load,
! xor, multiply, a counted loop on a predicate), converts the hash to
! eight hex digits (shifts, masks, a predicated choice between '0'+n and
! 'a'+n-10) and writes one line:
!
!   FNV-1a of the built-in text: 0x........
!
! then exits with status 0.  System calls as in the reference programs:
! `sdisp %ctprN, 0x3' + `call %ctprN, wbs=4', number in %r8 (write = 4,
! exit = 1), arguments in %r9...

	.text
	.global	_start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1			! setwd's fields take an LTS slot
	}
	{
	  addd,0	0, text, %dr0		! p
	  addd,1	0, text_len, %dr1	! bytes left
	}
	{
	  addd,0	0, 0x811c9dc5, %dr2	! h = FNV offset basis (64-bit literal)
	  addd,1	0, 0x01000193, %dr3	! FNV prime
	}
.Lhash:
	{
	  cmpedb,0	%dr1, 0, %pred0		! nothing left?
	  ldb,2		%dr0, 0, %dr4		! next byte
	  nop	2
	}
	{
	  ibranch	.Lhex ? %pred0
	}
	{
	  xors,0	%r2, %r4, %r2		! h ^= byte
	  addd,1	%dr0, 1, %dr0
	  subd,3	%dr1, 1, %dr1
	}
	{
	  muls,0	%r2, %r3, %r2		! h *= prime (mod 2^32)
	  nop	2
	}
	{
	  ibranch	.Lhash
	}
.Lhex:
	{
	  addd,0	0, 28, %dr5		! shift of the top nibble
	  addd,1	0, digits, %dr6		! where the next digit goes
	}
.Lnibble:
	{
	  shrs,0	%r2, %r5, %r7
	  nop	1
	}
	{
	  ands,0	%r7, 0xf, %r7
	  nop	1
	}
	{
	  cmpbsb,0	%r7, 10, %pred1		! nibble < 10
	  addd,1	%dr7, 0x57, %dr8	! 'a' + nibble - 10
	  nop	2
	}
	{
	  addd,0	%dr7, 0x30, %dr8 ? %pred1	! '0' + nibble
	}
	{
	  stb,2		%r8, [ %dr6 + 0 ]
	  cmpedb,0	%dr5, 0, %pred2		! that was the last nibble
	  addd,1	%dr6, 1, %dr6		! both read the old values
	  subd,3	%dr5, 4, %dr5
	  nop	2
	}
	{
	  ibranch	.Lnibble ? ~%pred2
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 4, %dr8		! __NR_write
	  addd,1	0, 1, %dr9		! stdout
	  addd,2	0, line, %dr10
	  addd,3	0, line_len, %dr11
	  nop	3
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  sdisp	%ctpr2, 0x3
	  cmpedb,0	%dr8, line_len, %pred0	! all of it written?
	  nop	2
	}
	{
	  addd,0	0, 1, %dr8		! __NR_exit
	  addd,1	0, 0, %dr9		! status 0 ...
	}
	{
	  addd,1	0, 1, %dr9 ? ~%pred0	! ... or 1 on a short write
	  nop	2
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start

	.section .rodata
text:
	.ascii	"Elbrus is a family of Russian VLIW processors. Each wide "
	.ascii	"instruction holds up to six ALU operations, loads, stores, "
	.ascii	"predicate logic and a control transfer, all issued in one "
	.ascii	"cycle; the compiler, not the hardware, finds the parallelism. "
	.ascii	"This program hashes the text you are reading with FNV-1a, one "
	.ascii	"byte per trip round a loop, and prints the hash in hex.\n"
	.ascii	"qemu-e2k translates it to x86-64 on the fly.\n"
	text_len = . - text

	.data
line:
	.ascii	"FNV-1a of the built-in text: 0x"
digits:
	.ascii	"????????\n"
	line_len = . - line
