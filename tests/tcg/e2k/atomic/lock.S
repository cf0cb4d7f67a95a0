! lock.S -- memory locks as glibc's atomics use them: a locking load
! (MAS mode 7 on ALC0/3) remembers the location and what it read; the
! conditional store (MAS mode 2 on ALC2/5) writes only if the location
! still holds that, and %MLOCK in its wide instruction says the lock was
! lost.  Also: a cache-flush store (MAS 0xf) writes nothing.
! %dr20 counts failed checks.
! expect-exit: 0
! expect-stdout: atomic-lock: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=32, nfx=1
	  addd,0	0, cell, %dr1
	  addd,2	0, 0, %dr20
	  addd,1	0, 5, %dr3
	}
	! 1. lock, store: succeeds (%MLOCK false: no branch), cell = 5
	{
	  ldd,0	%dr1, 0, %dr2, mas=0x7
	}
	{
	  nop	2
	}
	{
	  std,2	%dr3, %dr1, 0, mas=0x2
	  ibranch	fail1 ? %MLOCK
	}
	! 2. lock, another store changes the cell, conditional store: lost
	{
	  ldd,0	%dr1, 0, %dr2, mas=0x7
	  addd,1	0, 9, %dr4
	}
	{
	  std,2	%dr4, [ %dr1 + 0 ]
	}
	{
	  addd,1	0, 7, %dr5
	}
	{
	  std,2	%dr5, %dr1, 0, mas=0x2
	  ibranch	lost2 ? %MLOCK
	}
	{
	  addd,0	%dr20, 1, %dr20		! not reported lost
	}
lost2:
	! 3. a conditional store without a lock: lost, nothing written
	{
	  std,2	%dr5, %dr1, 0, mas=0x2
	  ibranch	lost3 ? %MLOCK
	}
	{
	  addd,0	%dr20, 1, %dr20
	}
lost3:
	! 4. a cache-line flush (MAS 0xf) does not write
	{
	  std,2	%dr5, %dr1, 0, mas=0xf
	}
	{
	  ldd,0	%dr1, 0, %dr6
	  ldd,3	%dr1, 8, %dr7
	}
	{
	  nop	2
	}
	{
	  cmpedb,0	%dr6, 9, %pred0
	  cmpedb,1	%dr7, 0x1234, %pred1
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred0
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred1
	  ibranch	done
	}
fail1:
	{
	  addd,0	%dr20, 100, %dr20
	}
done:
	report	%dr20, msg, 17

	.data
	.align	8
cell:
	.quad	0, 0x1234
msg:
	.ascii	"atomic-lock: ok\n"
