! signalfd.S -- signalfd4 reads blocked signals instead of running their
! handler: with SIGUSR1 blocked (and a handler installed), a kill to
! ourselves is read from a signalfd as a struct signalfd_siginfo (signo,
! SI_USER, our pid), no handler runs and nothing stays pending; an
! SFD_NONBLOCK signalfd with nothing pending reads EAGAIN; a sigset size
! other than 8 is EINVAL, and so is an unknown flag.
! expect-exit: 0
! expect-stdout: sig-signalfd: ok

	.include "sig.inc"
	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20
	}
	sys	174, 10, act, 0, 8		! SIGUSR1: a counting handler
	sys	175, 0, set_usr1, 0, 8		! blocked
	sys	20				! getpid
	{
	  addd,0	0, %r8, %r16
	}
	sys	347, -1, set_usr1, 8, 0		! signalfd4(-1, {SIGUSR1}, 8, 0)
	{
	  addd,0	0, %r8, %r17
	  cmpldb,1	%r8, 0, %pred1
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? %pred1
	}
	sys	37, %r16, 10			! kill(getpid(), SIGUSR1)
	check	%r8, 0
	sys	3, %r17, buf, 128		! read
	check	%r8, 128
	{
	  addd,0	0, buf, %r15
	}
	{
	  ldw,0	[ %r15 + 0 ], %r18		! ssi_signo
	  ldw,2	[ %r15 + 8 ], %r19		! ssi_code
	}
	{
	  ldw,0	[ %r15 + 12 ], %r21		! ssi_pid
	  nop	3
	}
	check	%r18, 10
	check	%r19, 0				! SI_USER
	check	%r21, %r16
	ldcheck	count, 0			! no handler ran
	sys	176, pend, 8
	ldcheck	pend, 0				! taken

	sys	347, -1, set_usr1, 8, 0x800	! SFD_NONBLOCK
	{
	  addd,0	0, %r8, %r17
	}
	sys	3, %r17, buf, 128
	check	%r8, -11			! EAGAIN
	sys	347, -1, set_usr1, 4, 0
	check	%r8, -22			! EINVAL: sigset size
	sys	347, -1, set_usr1, 8, 1
	check	%r8, -22			! EINVAL: flags
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.type	handler, @function
handler:
	{
	  setwd	wsz=12, nfx=1
	  addd,0	0, count, %r4
	}
	{
	  ldd,0	[ %r4 + 0 ], %r5
	  nop	3
	}
	{
	  addd,0	%r5, 1, %r5
	}
	{
	  std,2	%r5, [ %r4 + 0 ]
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
set_usr1:
	.quad	0x200
count:
	.quad	0
pend:
	.quad	0
buf:
	.skip	128
msg:
	.ascii	"sig-signalfd: ok\n"
	msg_len = . - msg
