! resethand.S -- SA_RESETHAND and the mask during a handler.  The
! SIGABRT handler runs with SIGABRT itself and its sa_mask (SIGUSR2)
! blocked; after it returns the mask is empty again and the disposition
! is back to SIG_DFL, so a second SIGABRT kills (status 128 + 6).
! expect-exit: 134
! expect-stdout: sig-resethand: ok

	.include "sig.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20
	}
	sys	174, 6, act, 0, 8		! rt_sigaction(SIGABRT, ...)
	check	%r8, 0
	sys	20				! getpid
	{
	  addd,0	0, %r8, %r16
	}
	sys	244				! gettid
	{
	  addd,0	0, %r8, %r17
	}
	sys	308, %r16, %r17, 6		! tgkill(pid, tid, SIGABRT)
	check	%r8, 0
	ldcheck	count, 1
	ldcheck	seen_mask, 0x820
	sys	175, 0, 0, cur_mask, 8		! rt_sigprocmask(0, NULL, &cur)
	check	%r8, 0
	ldcheck	cur_mask, 0
	sys	174, 6, 0, oact, 8		! rt_sigaction(SIGABRT, NULL, &old)
	check	%r8, 0
	ldcheck	oact, 0				! SIG_DFL
	{
	  cmpedb,0	%r20, 0, %pred6
	  nop	2
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 4, %r8
	  addd,1	0, 1, %r9
	  addd,2	0, msg, %r10
	  addd,3	0, msg_len, %r11
	}
	{
	  addd,0	0, 1, %r8 ? ~%pred6		! exit(fails) instead
	  addd,1	0, %r20, %r9 ? ~%pred6
	}
	{
	  call	%ctpr1, wbs=4
	}
	sys	308, %r16, %r17, 6		! tgkill: now fatal
	sys	1, 99				! not reached
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
	sys	175, 0, 0, seen_mask, 8		! rt_sigprocmask(0, NULL, &m)
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
act:						! SA_SIGINFO | SA_RESETHAND,
	.quad	handler, 0x80000004, 0, 0x800	! mask SIGUSR2
count:
	.quad	0
seen_mask:
	.quad	0
cur_mask:
	.quad	0xff
oact:
	.quad	0xff, 0, 0, 0
msg:
	.ascii	"sig-resethand: ok\n"
	msg_len = . - msg
