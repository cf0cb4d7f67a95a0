! hwstate.S -- the AAU's registers and the FP control register survive a
! signal handler: the kernel saves them with the interrupted state and
! rt_sigreturn restores them, so a handler that rewrites AASTI3, AAIND9,
! AAD5 and PFPFR (and sees its own values while it runs) leaves the
! interrupted code's values in place.
! expect-exit: 0
! expect-stdout: sig-hwstate: ok

	.include "sig.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20
	  addd,1	0, 0x1234, %r16
	  addd,2	0, 0x5678, %r17
	}
	{
	  addd,0	0, _f64 0x00007fff00001000, %dr18
	}
	{
	  aaurw,2	%r16, %aasti3
	}
	{
	  aaurw,5	%r17, %aaind9
	}
	{
	  aaurwd,2	%dr18, %aadr5
	}
	{
	  aaurrd,2	%aadr5, %dr19
	}
	{
	  rws,0	0x7f80, %pfpfr			! round to zero, all masked
	}
	sys	174, 10, act, 0, 8
	check	%r8, 0
	sys	20
	sys	37, %r8, 10			! kill(getpid(), SIGUSR1)
	ldcheck	count, 1
	ldcheck	hseen, 0x1111			! the handler's own values
	{
	  aaurrd,2	%aasti3, %dr21
	}
	{
	  aaurrd,5	%aaind9, %dr22
	}
	{
	  aaurrd,2	%aadr5, %dr23
	}
	{
	  rrs,0	%pfpfr, %r24
	}
	{
	  nop	3
	}
	check	%r24, 0x7f80
	ldcheck	hpfpfr, 0x1f80
	check	%dr21, 0x1234
	check	%dr22, 0x5678
	check	%dr23, %dr19
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.type	handler, @function
handler:
	{
	  setwd	wsz=12, nfx=1
	  addd,0	0, 0x1111, %dr4
	  addd,1	0, count, %r6
	}
	{
	  aaurw,2	%r4, %aasti3
	}
	{
	  aaurw,5	%r4, %aaind9
	}
	{
	  aaurwd,2	%dr4, %aadr5
	}
	{
	  rws,0	0x1f80, %pfpfr
	}
	{
	  aaurrd,2	%aasti3, %dr5
	  ldd,0	[ %r6 + 0 ], %r7
	}
	{
	  rrs,0	%pfpfr, %r8
	}
	{
	  nop	3
	}
	{
	  addd,0	%r7, 1, %r7
	}
	{
	  std,2	%r7, [ %r6 + 0 ]
	  std,5	%dr5, [ %r6 + 8 ]		! hseen
	}
	{
	  std,2	%dr8, [ %r6 + 16 ]		! hpfpfr
	}
	{
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	handler, . - handler

	.data
	.align	8
act:
	.quad	handler, 4, 0, 0
count:
	.quad	0
hseen:
	.quad	0
hpfpfr:
	.quad	0
msg:
	.ascii	"sig-hwstate: ok\n"
	msg_len = . - msg
