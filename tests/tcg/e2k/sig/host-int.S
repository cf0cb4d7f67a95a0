! host-int.S -- SIGINT from another process with the default action: the
! program dies of it (status 128 + 2), without a core-dump report.
! host-signal: INT 0.3
! expect-exit: 130

	.include "sig.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	}
	sys	29				! pause()
	sys	1, 0				! exit(0): must not be reached
	.size	_start, . - _start
