! restart.S -- SA_RESTART.  A read() from an empty pipe blocks; SIGALRM
! (setitimer) interrupts it and the handler writes one byte into the
! pipe.  With SA_RESTART the read is restarted after the handler returns
! and gets the byte (result 1); without it the read fails with EINTR and
! the byte is still there for the next read.
! expect-exit: 0
! expect-stdout: sig-restart: ok

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
	sys	42, fds				! pipe(fds)
	check	%r8, 0
	{
	  addd,0	0, fds, %r15
	}
	{
	  ldw,0	[ %r15 + 0 ], %r16		! read end
	  nop	3
	}
	sys	174, 14, act_restart, 0, 8
	check	%r8, 0
	sys	104, 0, itv, 0			! setitimer(ITIMER_REAL, 20 ms)
	check	%r8, 0
	sys	3, %r16, buf, 1			! read: restarted, gets the byte
	check	%r8, 1
	ldcheck	count, 1
	ldcheck	buf, 0x21
	sys	174, 14, act_norestart, 0, 8
	check	%r8, 0
	sys	104, 0, itv, 0
	check	%r8, 0
	sys	3, %r16, buf+8, 1		! read: EINTR
	check	%r8, -4
	ldcheck	count, 2
	sys	3, %r16, buf+8, 1		! the byte is there
	check	%r8, 1
	ldcheck	buf+8, 0x21
	report	%r20, msg, msg_len
	.size	_start, . - _start

! handler: count++, write(fds[1], "!", 1)
	.type	handler, @function
handler:
	{
	  setwd	wsz=12, nfx=1
	  addd,0	0, count, %r4
	}
	{
	  ldd,0	[ %r4 + 0 ], %r5
	  ldw,2	[ %r4 + 12 ], %r6		! fds[1]
	  nop	3
	}
	{
	  addd,0	%r5, 1, %r5
	}
	{
	  std,2	%r5, [ %r4 + 0 ]
	}
	sys	4, %r6, bang, 1
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
act_restart:
	.quad	handler, 0x10000004, 0, 0	! SA_SIGINFO | SA_RESTART
act_norestart:
	.quad	handler, 4, 0, 0
itv:
	.quad	0, 0, 0, 20000
count:
	.quad	0
fds:
	.long	-1, -1, -1, -1			! (at count + 8)
buf:
	.quad	0, 0
bang:
	.ascii	"!"
msg:
	.ascii	"sig-restart: ok\n"
	msg_len = . - msg
