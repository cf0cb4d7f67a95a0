! usr1.S -- a handler for a SIGUSR1 the program sends itself with kill():
! it runs with (sig, &info, &uc) in its %dr0..%dr2 on a fresh window, and
! sees si_signo 10, si_code SI_USER (0), si_pid our pid, and in
! uc_mcontext.cr0_hi the address execution resumes at (right after the
! system call).  When it returns, kill returns 0 and execution goes on
! after the call with the interrupted window's registers and the
! predicates as they were.
! expect-exit: 0
! expect-stdout: sig-usr1: ok

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
	sys	174, 10, act, 0, 8		! rt_sigaction(SIGUSR1, &act, 0, 8)
	check	%r8, 0
	sys	20				! getpid
	{
	  addd,0	0, %r8, %r16
	  addd,1	0, 0x1111, %r30
	  addd,2	0, 0x2222, %r31
	  addd,3	0, 0x3333, %r40
	  addd,4	0, 0x4444, %r47
	}
	{
	  cmpedb,0	%r30, 0x1111, %pred3		! true
	  cmpedb,1	%r30, 0x2222, %pred4		! false
	  nop	2
	}
	sys	37, %r16, 10			! kill(getpid(), SIGUSR1)
after_kill:
	check	%r8, 0
	check	%r30, 0x1111
	check	%r31, 0x2222
	check	%r40, 0x3333
	check	%r47, 0x4444
	{
	  addd,0	%r20, 1, %r20 ? ~%pred3
	}
	{
	  addd,0	%r20, 1, %r20 ? %pred4
	}
	ldcheck	seen_flag, 1
	ldcheck	seen_sig, 10
	ldcheck	seen_signo, 10
	ldcheck	seen_code, 0
	ldcheck	seen_pid, %r16
	ldcheck	seen_cr0hi, after_kill
	report	%r20, msg, msg_len
	.size	_start, . - _start

! void handler(int sig, siginfo_t *info, void *uc)
	.type	handler, @function
handler:
	{
	  setwd	wsz=8, nfx=1
	  addd,0	0, seen_sig, %r4
	}
	{
	  std,2	%r0, [ %r4 + 0 ]
	  ldw,0	[ %r1 + 0 ], %r5
	  ldw,3	[ %r1 + 8 ], %r6
	  ldw,5	[ %r1 + 16 ], %r7
	}
	{
	  ldd,0	[ %r2 + 48 ], %r3		! uc_mcontext.cr0_hi
	  nop	3
	}
	{
	  std,2	%r5, [ %r4 + 8 ]
	  std,5	%r6, [ %r4 + 16 ]
	}
	{
	  std,2	%r7, [ %r4 + 24 ]
	  std,5	%r3, [ %r4 + 32 ]
	  addd,0	0, 1, %r5
	  addd,1	0, 0x7777, %r0		! the handler's own registers
	  return	%ctpr3
	}
	{
	  std,2	%r5, [ %r4 + 40 ]
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
seen_sig:
	.quad	0
seen_signo:
	.quad	0
seen_code:
	.quad	0x99
seen_pid:
	.quad	0
seen_cr0hi:
	.quad	0
seen_flag:
	.quad	0
msg:
	.ascii	"sig-usr1: ok\n"
	msg_len = . - msg
