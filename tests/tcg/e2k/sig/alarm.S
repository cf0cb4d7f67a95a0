! alarm.S -- an asynchronous signal from the host: setitimer(ITIMER_REAL)
! raises SIGALRM while the program spins in a loop.  The host signal is
! forwarded to the guest and delivered at the next exit-request point;
! the handler sets a flag that ends the loop.  Every register of the
! loop's window must be intact: %r31 is always 3 * %r30 (both advance in
! the same wide instruction), %r40.. keep their values.
! expect-exit: 0
! expect-stdout: sig-alarm: ok

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
	sys	174, 14, act, 0, 8		! rt_sigaction(SIGALRM, ...)
	check	%r8, 0
	sys	104, 0, itv, 0			! setitimer(ITIMER_REAL, 20 ms)
	check	%r8, 0
	{
	  addd,0	0, 0, %r30
	  addd,1	0, 0, %r31
	  addd,2	0, 0x4040, %r40
	  addd,3	0, 0x4747, %r47
	  addd,4	0, flag, %r21
	  disp	%ctpr2, .Lspin
	}
.Lspin:
	{
	  ldd,0	[ %r21 + 0 ], %r22
	  addd,1	%r30, 1, %r30
	  addd,2	%r31, 3, %r31
	  nop	3
	}
	{
	  cmpedb,0	%r22, 0, %pred1
	  nop	2
	}
	{
	  ct	%ctpr2 ? %pred1
	}
	{
	  addd,0	%r30, %r30, %r23
	}
	{
	  addd,0	%r23, %r30, %r23
	}
	check	%r31, %r23
	check	%r40, 0x4040
	check	%r47, 0x4747
	ldcheck	flag, 1
	ldcheck	seen_sig, 14
	ldcheck	seen_code, 0x80			! SI_KERNEL: the timer
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.type	handler, @function
handler:
	{
	  setwd	wsz=8, nfx=1
	  addd,0	0, flag, %r4
	  addd,1	0, 1, %r5
	}
	{
	  ldw,0	[ %r1 + 8 ], %r6
	  nop	3
	}
	{
	  std,2	%r5, [ %r4 + 0 ]
	  std,5	%r0, [ %r4 + 8 ]
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
itv:
	.quad	0, 0, 0, 20000			! once, after 20 ms
flag:
	.quad	0
seen_sig:
	.quad	0
seen_code:
	.quad	0
msg:
	.ascii	"sig-alarm: ok\n"
	msg_len = . - msg
