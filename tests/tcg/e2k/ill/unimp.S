! unimp.S -- an operation we decode but do not implement (getpl: the
! protected-mode procedure-label operation) raises SIGILL before its
! wide instruction changes anything, and qemu-e2k names the operation
! and its address on stderr, whatever -d says.
! expect-exit: 132
! expect-stderr: qemu-e2k: unimplemented e2k operation 'getpl' at 0x10088

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=8, nfx=1
	  addd,0	0, 1, %r1
	}
	{
	  getpl,0	%r1, %dr2
	}
