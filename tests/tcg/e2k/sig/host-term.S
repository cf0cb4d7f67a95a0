! host-term.S -- SIGTERM from another process (the test runner's
! timeout(1)) while the program waits in pause(): the handler runs with
! si_code SI_USER and the sender's pid (not ours), then pause returns
! EINTR and the program finishes normally.
! host-signal: TERM 0.5
! expect-exit: 0
! expect-stdout: sig-host-term: ok

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
	sys	174, 15, act, 0, 8		! rt_sigaction(SIGTERM, ...)
	check	%r8, 0
	sys	29				! pause()
	check	%r8, -4
	ldcheck	seen_sig, 15
	ldcheck	seen_code, 0			! SI_USER
	sys	20				! getpid
	{
	  addd,0	0, seen_pid, %r15
	}
	{
	  ldd,0	[ %r15 + 0 ], %r15
	  nop	3
	}
	{
	  cmpedb,0	%r15, %r8, %pred1		! from ourselves: bad
	  cmpedb,1	%r15, 0, %pred2			! no sender: bad
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? %pred1
	}
	{
	  addd,0	%r20, 1, %r20 ? %pred2
	}
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.type	handler, @function
handler:
	{
	  setwd	wsz=8, nfx=1
	  addd,0	0, seen_sig, %r4
	}
	{
	  ldw,0	[ %r1 + 8 ], %r5
	  ldw,2	[ %r1 + 16 ], %r6
	  nop	3
	}
	{
	  std,2	%r0, [ %r4 + 0 ]
	  std,5	%r5, [ %r4 + 8 ]
	}
	{
	  std,2	%r6, [ %r4 + 16 ]
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
seen_sig:
	.quad	0
seen_code:
	.quad	0x99
seen_pid:
	.quad	0
msg:
	.ascii	"sig-host-term: ok\n"
	msg_len = . - msg
