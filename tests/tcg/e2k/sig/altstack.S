! altstack.S -- sigaltstack and SA_ONSTACK.  A SIGUSR1 handler with
! SA_ONSTACK runs with its stack pointer inside the alternate stack,
! where sigaltstack() reports SS_ONSTACK and uc_stack names the stack; a
! SIGUSR2 handler without SA_ONSTACK stays on the normal stack.  After
! the handlers return, the program's stack pointer is what it was.
! expect-exit: 0
! expect-stdout: sig-altstack: ok

	.include "sig.inc"
	.include "../lib/report.inc"

	ALT_SIZE = 16384

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20
	}
	sys	186, ss, 0			! sigaltstack(&ss, NULL)
	check	%r8, 0
	sys	174, 10, act_on, 0, 8
	check	%r8, 0
	sys	174, 12, act_off, 0, 8
	check	%r8, 0
	sys	20				! getpid
	{
	  addd,1	0, %r8, %r16
	  getsp,0	0, %r17			! our stack pointer
	}
	sys	37, %r16, 10			! kill(pid, SIGUSR1)
	sys	37, %r16, 12			! kill(pid, SIGUSR2)
	{
	  getsp,0	0, %r18
	}
	check	%r18, %r17
	! SIGUSR1's handler: altbuf < sp <= altbuf + ALT_SIZE
	{
	  addd,0	0, seen_sp1, %r15
	}
	{
	  ldd,0	[ %r15 + 0 ], %r21
	  nop	3
	}
	{
	  cmpbedb,0	%r21, altbuf, %pred1		! sp <= base: bad
	  cmpbedb,1	%r21, altbuf+ALT_SIZE, %pred2	! sp <= top: good
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? %pred1
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred2
	}
	ldcheck	seen_flags1, 1			! SS_ONSTACK
	ldcheck	seen_ucsp1, altbuf
	ldcheck	seen_ucsize1, ALT_SIZE
	! SIGUSR2's handler: below our stack pointer, not on altbuf
	{
	  addd,0	0, seen_sp2, %r15
	}
	{
	  ldd,0	[ %r15 + 0 ], %r21
	  nop	3
	}
	{
	  cmpbdb,0	%r21, %r17, %pred1		! below ours: good
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred1
	}
	ldcheck	seen_flags2, 0
	! outside a handler: not on the alternate stack
	sys	186, 0, oss
	ldcheck	oss+8, 0
	ldcheck	oss+0, altbuf
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.type	handler_on, @function
handler_on:
	{
	  setwd	wsz=12, nfx=1
	  getsp,0	0, %r5
	  addd,1	0, seen_sp1, %r4
	}
	{
	  std,2	%r5, [ %r4 + 0 ]
	  ldd,0	[ %r2 + 16 ], %r6		! uc_stack.ss_sp
	  ldd,3	[ %r2 + 32 ], %r7		! uc_stack.ss_size
	  nop	3
	}
	{
	  std,2	%r6, [ %r4 + 16 ]
	  std,5	%r7, [ %r4 + 24 ]
	}
	sys	186, 0, oss			! sigaltstack(NULL, &oss)
	{
	  addd,0	0, oss, %r4
	}
	{
	  ldw,0	[ %r4 + 8 ], %r5
	  addd,1	0, seen_flags1, %r6
	  nop	3
	}
	{
	  std,2	%r5, [ %r6 + 0 ]
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	handler_on, . - handler_on

	.type	handler_off, @function
handler_off:
	{
	  setwd	wsz=12, nfx=1
	  getsp,0	0, %r5
	  addd,1	0, seen_sp2, %r4
	}
	{
	  std,2	%r5, [ %r4 + 0 ]
	}
	sys	186, 0, oss			! sigaltstack(NULL, &oss)
	{
	  addd,0	0, oss, %r4
	}
	{
	  ldw,0	[ %r4 + 8 ], %r5
	  addd,1	0, seen_flags2, %r6
	  nop	3
	}
	{
	  std,2	%r5, [ %r6 + 0 ]
	  return	%ctpr3
	}
	{
	  nop	2
	}
	{
	  ct	%ctpr3
	}
	.size	handler_off, . - handler_off

	.data
	.align	8
ss:
	.quad	altbuf, 0, ALT_SIZE
act_on:
	.quad	handler_on, 0x08000004, 0, 0	! SA_SIGINFO | SA_ONSTACK
act_off:
	.quad	handler_off, 4, 0, 0
seen_sp1:
	.quad	0
seen_flags1:
	.quad	0xff
seen_ucsp1:
	.quad	0
seen_ucsize1:
	.quad	0
seen_sp2:
	.quad	0
seen_flags2:
	.quad	0xff
oss:
	.quad	0, 0xff, 0
msg:
	.ascii	"sig-altstack: ok\n"
	msg_len = . - msg
	.align	16
altbuf:
	.fill	ALT_SIZE, 1, 0
