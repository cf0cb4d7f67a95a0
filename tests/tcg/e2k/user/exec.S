! exec.S -- the guest side of the execve tests (test-exec.sh):
!
!   exec.elf exec PATH ARGS...  execve(PATH, {PATH, ARGS..., NULL}, envp);
!                               if it returns, exit 100 + errno
!   exec.elf Xat PATH ARGS...   the same through execveat(AT_FDCWD, ...)
!   exec.elf fault              execve with a bad path pointer: exit
!                               100 + errno (EFAULT: 114)
!   exec.elf ARGS...            print argv[0], ARGS one a line; exit 42

	.include "dyn.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=20, nfx=1
	  rrd	%usd.lo, %dr1
	}
	{
	  andd,0	%dr1, 0xffffffffffff, %dr1	! &argc
	}
	{
	  ldd,0	[ %dr1 + 0 ], %dr2		! argc
	  ldd,2	[ %dr1 + 16 ], %dr3		! argv[1]
	  nop	3
	}
	{
	  shld,0	%dr2, 3, %dr4
	  cmpbdb,1	%dr2, 2, %pred1		! no argv[1]
	  nop	2
	}
	{
	  addd,0	%dr1, %dr4, %dr4
	  ibranch	.Lprint ? %pred1
	}
	{
	  addd,0	%dr4, 16, %dr20			! envp
	  ldb,2	[ %dr3 + 0 ], %dr5
	  nop	3
	}
	{
	  cmpedb,0	%dr5, 0x65, %pred0	! 'e'xec
	  cmpedb,1	%dr5, 0x66, %pred2	! 'f'ault
	  cmpedb,3	%dr5, 0x58, %pred3	! 'X'at
	  nop	2
	}
	{
	  ibranch	.Lexecat ? %pred3
	}
	{
	  ibranch	.Lexec ? %pred0
	}
	{
	  ibranch	.Lfault ? %pred2
	}
.Lprint:					! argv[i] and a newline each
	{
	  addd,0	%dr1, 8, %dr21
	  addd,1	%dr2, 0, %dr22
	}
.Lnext:
	{
	  cmpedb,0	%dr22, 0, %pred0
	  ldd,2	[ %dr21 + 0 ], %dr23
	  nop	3
	}
	{
	  ibranch	.Ldone ? %pred0
	}
	{
	  addd,0	%dr23, 0, %dr24
	}
.Lstrlen:
	{
	  ldb,0	[ %dr24 + 0 ], %dr5
	  nop	3
	}
	{
	  cmpedb,0	%dr5, 0, %pred0
	  nop	2
	}
	{
	  addd,0	%dr24, 1, %dr24 ? ~%pred0
	  ibranch	.Lstrlen ? ~%pred0
	}
	{
	  subd,0	%dr24, %dr23, %dr24
	}
	syscall	4, 1, %dr23, %dr24
.Lip:
	{
	  rrd	%ip, %dr25
	}
	{
	  addd,0	%dr25, newline - .Lip, %dr25
	}
	syscall	4, 1, %dr25, 1
	{
	  addd,0	%dr21, 8, %dr21
	  subd,1	%dr22, 1, %dr22
	}
	{
	  ibranch	.Lnext
	}
.Ldone:
	syscall	1, 42

.Lexec:						! execve(argv[2], &argv[2], envp)
	{
	  ldd,0	[ %dr1 + 24 ], %dr26
	  addd,1	%dr1, 24, %dr27
	  nop	3
	}
	syscall	11, %dr26, %dr27, %dr20
	{
	  subd,0	0, %dr8, %dr28
	}
	{
	  addd,0	%dr28, 100, %dr28
	}
	syscall	1, %dr28
.Lexecat:					! execveat(AT_FDCWD, argv[2], ...)
	{
	  ldd,0	[ %dr1 + 24 ], %dr26
	  addd,1	%dr1, 24, %dr27
	  nop	3
	}
	syscall	388, -100, %dr26, %dr27, %dr20
	{
	  subd,0	0, %dr8, %dr28
	}
	{
	  addd,0	%dr28, 100, %dr28
	}
	syscall	1, %dr28
.Lfault:
	syscall	11, 1, 0, 0
	{
	  subd,0	0, %dr8, %dr28
	}
	{
	  addd,0	%dr28, 100, %dr28
	}
	syscall	1, %dr28
	.size	_start, . - _start

	.section .rodata
newline:
	.ascii	"\n"
