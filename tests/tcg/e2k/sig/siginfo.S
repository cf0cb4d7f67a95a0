! siginfo.S -- what the handler's siginfo says about who sent the signal:
! kill() gives si_code SI_USER (0), tgkill() SI_TKILL (-6), and
! rt_sigqueueinfo() the sender's SI_QUEUE (-1) and si_value; si_pid is
! our pid each time.  The handler logs (signo, code, pid, value) per call.
! expect-exit: 0
! expect-stdout: sig-siginfo: ok

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
	sys	174, 12, act, 0, 8		! rt_sigaction(SIGUSR2, ...)
	check	%r8, 0
	sys	20				! getpid
	{
	  addd,0	0, %r8, %r16
	}
	sys	244				! gettid
	{
	  addd,0	0, %r8, %r17
	}
	sys	37, %r16, 12			! kill(pid, SIGUSR2)
	check	%r8, 0
	sys	308, %r16, %r17, 12		! tgkill(pid, tid, SIGUSR2)
	check	%r8, 0
	{
	  addd,0	0, qinfo, %r15
	}
	{
	  stw,2	%r16, [ %r15 + 16 ]		! si_pid
	}
	sys	178, %r16, 12, qinfo		! rt_sigqueueinfo(pid, SIGUSR2, &i)
	check	%r8, 0
	ldcheck	count, 3
	ldcheck	log+0, 12
	ldcheck	log+8, 0
	ldcheck	log+16, %r16
	ldcheck	log+32, 12
	ldcheck	log+40, -6
	ldcheck	log+48, %r16
	ldcheck	log+64, 12
	ldcheck	log+72, -1
	ldcheck	log+80, %r16
	ldcheck	log+88, 0x5eed
	report	%r20, msg, msg_len
	.size	_start, . - _start

! handler(sig, info, uc): log[count++] = { signo, code, pid, value }
	.type	handler, @function
handler:
	{
	  setwd	wsz=8, nfx=1
	  addd,0	0, count, %r4
	}
	{
	  ldd,0	[ %r4 + 0 ], %r5
	  ldw,2	[ %r1 + 0 ], %r6
	  ldw,3	[ %r1 + 8 ], %r7
	  nop	3
	}
	{
	  shld,0	%r5, 5, %r3
	  addd,1	%r5, 1, %r5
	  sxt,2	2, %r7, %r7			! si_code is signed
	}
	{
	  addd,0	%r3, log, %r3
	  std,2	%r5, [ %r4 + 0 ]
	}
	{
	  std,2	%r6, [ %r3 + 0 ]
	  std,5	%r7, [ %r3 + 8 ]
	}
	{
	  ldw,0	[ %r1 + 16 ], %r6
	  ldd,3	[ %r1 + 24 ], %r7
	  nop	3
	}
	{
	  std,2	%r6, [ %r3 + 16 ]
	  std,5	%r7, [ %r3 + 24 ]
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
	.quad	handler, 4, 0, 0		! SA_SIGINFO
qinfo:						! a siginfo for rt_sigqueueinfo
	.long	12, 0, -1, 0			! signo, errno, SI_QUEUE
	.long	0, 0				! pid (filled), uid
	.quad	0x5eed				! si_value
	.fill	96, 1, 0
count:
	.quad	0
log:
	.fill	128, 1, 0xff
msg:
	.ascii	"sig-siginfo: ok\n"
	msg_len = . - msg
