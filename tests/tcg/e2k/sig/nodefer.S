! nodefer.S -- nested signals.  The handler sends itself its own signal
! once.  With SA_NODEFER (SIGUSR1) the second delivery interrupts the
! first handler: entries at depth 1 and 2, then the exits in reverse.
! Without it (SIGUSR2) the signal is blocked during the handler, stays
! pending, and is delivered right after the first handler returns.  The
! handler logs (sig << 8) + depth at entry and (sig << 8) + 0x80 + depth
! at exit.
! expect-exit: 0
! expect-stdout: sig-nodefer: ok

	.include "sig.inc"
	.include "../lib/report.inc"

	! append register REG to the log (%r4, %r5, %r7)
	.macro	logv reg
	{
	  addd,0	0, state, %r4
	}
	{
	  ldd,0	[ %r4 + 16 ], %r5
	  nop	3
	}
	{
	  shld,0	%r5, 3, %r7
	  addd,1	%r5, 1, %r5
	}
	{
	  addd,0	%r7, %r4, %r7
	  std,2	%r5, [ %r4 + 16 ]
	}
	{
	  std,2	\reg, [ %r7 + 24 ]
	}
	.endm

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20
	}
	sys	174, 10, act_nodefer, 0, 8
	check	%r8, 0
	sys	174, 12, act_defer, 0, 8
	check	%r8, 0
	sys	20				! getpid
	{
	  addd,0	0, %r8, %r16
	}
	sys	37, %r16, 10			! kill(pid, SIGUSR1)
	check	%r8, 0
	ldcheck	state+24, 0xa01
	ldcheck	state+32, 0xa02
	ldcheck	state+40, 0xa82
	ldcheck	state+48, 0xa81
	{
	  addd,0	0, state, %r15
	}
	{
	  std,2	%r20, [ %r15 + 8 ]		! raise again (%r20 is 0 here)
	}
	sys	37, %r16, 12			! kill(pid, SIGUSR2)
	check	%r8, 0
	ldcheck	state+56, 0xc01
	ldcheck	state+64, 0xc81
	ldcheck	state+72, 0xc01
	ldcheck	state+80, 0xc81
	ldcheck	state+16, 8
	ldcheck	state+0, 0
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.type	handler, @function
handler:
	{
	  setwd	wsz=16, nfx=1
	  addd,0	0, state, %r4
	}
	{
	  ldd,0	[ %r4 + 0 ], %r5		! depth
	  nop	3
	}
	{
	  addd,0	%r5, 1, %r24
	  shld,1	%r0, 8, %r25
	  addd,2	0, %r0, %r26
	}
	{
	  std,2	%r24, [ %r4 + 0 ]
	  addd,0	%r25, %r24, %r6
	}
	logv	%r6
	{
	  ldd,0	[ %r4 + 8 ], %r5		! already raised?
	  nop	3
	}
	{
	  cmpedb,0	%r5, 0, %pred1
	  addd,1	0, 1, %r5
	  disp	%ctpr2, .Lnoraise
	  nop	2
	}
	{
	  std,2	%r5, [ %r4 + 8 ]
	}
	{
	  ct	%ctpr2 ? ~%pred1
	}
	sys	20
	{
	  addd,0	0, %r8, %r27
	}
	sys	37, %r27, %r26			! kill(pid, sig)
.Lnoraise:
	{
	  addd,0	%r25, 0x80, %r6
	}
	{
	  addd,0	%r6, %r24, %r6
	}
	logv	%r6
	{
	  subd,0	%r24, 1, %r5
	}
	{
	  std,2	%r5, [ %r4 + 0 ]
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
act_nodefer:
	.quad	handler, 0x40000004, 0, 0	! SA_SIGINFO | SA_NODEFER
act_defer:
	.quad	handler, 4, 0, 0
state:						! depth, raised, count, log[8]
	.quad	0, 0, 0
	.fill	64, 1, 0xff
msg:
	.ascii	"sig-nodefer: ok\n"
	msg_len = . - msg
