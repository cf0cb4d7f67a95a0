! fast.S -- the fast system call entry (`sdisp %ctpr1, 6'), which e2k
! glibc uses when AT_FAST_SYSCALLS (auxv 32) has the call's bit:
! the kernel's five (0 gettimeofday, 1 clock_gettime, 2 getcpu,
! 3 siggetmask, 4 getcontext) are advertised and work, with their
! errors; 5 (set_return, not advertised) checks its arguments (its
! effect: set-return.S); the entry takes the number's low 3 bits, as the
! kernel's (9 is clock_gettime); slots 6 and 7 return ENOSYS with a
! -d unimp line, and so does an entry other than 3 and 6.
! qemu-args: -d unimp
! expect-exit: 0
! expect-stdout: ctx-fast: ok
! expect-stderr: qemu-e2k: fast system call 6 is not implemented (the kernel has none there)
! expect-stderr: qemu-e2k: fast system call 15 is not implemented (the kernel has none there)
! expect-stderr: qemu-e2k: system call entry 1 is not implemented (only 3 and 6)

	.include "../sig/sig.inc"
	.include "../lib/report.inc"

! fast NR, A1, A2, A3: like sys, through entry 6
	.macro	fast nr, a1=0, a2=0, a3=0
	{
	  sdisp	%ctpr1, 0x6
	  addd,0	0, \nr, %r8
	  addd,1	0, \a1, %r9
	}
	{
	  addd,0	0, \a2, %r10
	  addd,1	0, \a3, %r11
	}
	{
	  call	%ctpr1, wbs=4
	}
	.endm

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,1	0, 0, %r20
	  getsp,0	0, %r31
	}
	! AT_FAST_SYSCALLS in the auxiliary vector, above envp
	{
	  ldd,0	[ %r31 + 0 ], %r16		! argc
	  nop	2
	}
	{
	  shld,0	%r16, 3, %r16
	}
	{
	  addd,0	%r31, %r16, %r16
	}
	{
	  addd,0	%r16, 16, %r16			! envp
	}
.Lenv:
	{
	  ldd,0	[ %r16 + 0 ], %r17
	  addd,1	%r16, 8, %r16
	  nop	2
	}
	{
	  cmpedb,0	%r17, 0, %pred0
	  nop	2
	}
	{
	  ibranch	.Lenv ? ~%pred0
	}
	{
	  addd,0	0, 0, %r19			! AT_FAST_SYSCALLS value
	}
.Laux:
	{
	  ldd,0	[ %r16 + 0 ], %r17
	  ldd,2	[ %r16 + 8 ], %r18
	  addd,1	%r16, 16, %r16
	  nop	2
	}
	{
	  cmpedb,0	%r17, 32, %pred1
	  cmpedb,1	%r17, 0, %pred0
	  nop	2
	}
	{
	  addd,0	0, %r18, %r19 ? %pred1
	}
	{
	  ibranch	.Laux ? ~%pred0
	}
	check	%r19, 0x1f

	fast	0, tv, 0			! gettimeofday
	check	%r8, 0
	{
	  addd,0	0, tv, %r15
	}
	{
	  ldd,0	[ %r15 + 0 ], %r15
	  nop	2
	}
	{
	  cmpldb,0	%r15, 1500000000, %pred0	! after 2017
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? %pred0
	}
	fast	1, 1, ts			! clock_gettime(MONOTONIC)
	check	%r8, 0
	fast	1, 1, 0x10			! a bad pointer
	check	%r8, -14
	fast	2, cpu, 0, 0			! getcpu
	check	%r8, 0
	{
	  addd,0	0, cpu, %r15
	}
	{
	  ldd,0	[ %r15 + 0 ], %r15
	  nop	2
	}
	{
	  cmpbdb,0	%r15, 4096, %pred0		! a CPU number was written
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? ~%pred0
	}
	sys	175, 0, set_usr1, 0, 8
	fast	3, mask, 8			! siggetmask
	check	%r8, 0
	ldcheck	mask, 0x200
	fast	3, mask, 4
	check	%r8, -22
	fast	4, uc, 4			! getcontext: sigset size
	check	%r8, -22
	fast	4, 0x10, 8
	check	%r8, -14
	fast	4, uc, 8
	check	%r8, 0
	{
	  addd,0	0, uc + 1616, %r15		! uc_sigmask
	}
	{
	  ldd,0	[ %r15 + 0 ], %r15
	  nop	2
	}
	check	%r15, 0x200
	{
	  addd,0	0, uc + 72, %r15		! uc_mcontext.sbr: the key
	}
	{
	  ldd,0	[ %r15 + 0 ], %r15
	  nop	2
	}
	{
	  cmpedb,0	%r15, 0, %pred0
	  nop	2
	}
	{
	  addd,0	%r20, 1, %r20 ? %pred0
	}
	fast	5, tv, 1			! set_return: flags must be 0
	check	%r8, -22
	fast	5, 0x7ffffffffff000, 0		! beyond the user space
	check	%r8, -14
	fast	5, tv, 0			! _start has nobody to return to
	check	%r8, -1
	fast	9, 1, ts			! 9 & 7: clock_gettime
	check	%r8, 0
	fast	9, 1, 0x10
	check	%r8, -14
	fast	6
	check	%r8, -38
	fast	15
	check	%r8, -38
	{
	  sdisp	%ctpr1, 0x1			! the 32-bit entry
	  addd,0	0, 20, %r8
	}
	{
	  call	%ctpr1, wbs=4
	}
	check	%r8, -38
	report	%r20, msg, msg_len
	.size	_start, . - _start

	.data
	.align	8
tv:
	.quad	0, 0
ts:
	.quad	0, 0
cpu:
	.quad	0xffffffff
mask:
	.quad	0
set_usr1:
	.quad	0x200
msg:
	.ascii	"ctx-fast: ok\n"
	msg_len = . - msg
	.align	16
uc:
	.fill	1792, 1, 0
