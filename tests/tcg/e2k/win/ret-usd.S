! ret-usd.S -- a return gives the caller back its user stack: a callee
! that takes stack with getsp (and does not give it back itself) leaves
! %usd as the caller had it, as the chain-stack frame saved it; calls
! nest; USD.hi.size is the free size below the stack pointer.  lcc's
! functions never release their getsp area themselves, so without this
! printf finds its arguments in the wrong place.
! %dr20 counts failed checks.
! expect-exit: 0
! expect-stdout: win-ret-usd: ok

	.include "../lib/report.inc"

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=32, nfx=1
	  addd,2	0, 0, %dr20
	}
	{
	  rrd,0	%usd.hi, %dr7
	}
	{
	  getsp,0	-64, %dr1		! the caller's own area
	}
	{
	  rrd,0	%usd.lo, %dr2
	  disp	%ctpr1, grab
	}
	{
	  rrd,0	%usd.hi, %dr3
	}
	{
	  call	%ctpr1, wbs=16
	}
	{
	  rrd,0	%usd.lo, %dr4
	}
	{
	  rrd,0	%usd.hi, %dr5
	}
	{
	  getsp,0	0, %dr6			! the stack pointer as getsp sees it
	  nop	2
	}
	{
	  cmpedb,0	%dr2, %dr4, %pred0
	  cmpedb,1	%dr3, %dr5, %pred1
	  cmpedb,3	%dr1, %dr6, %pred2
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred0
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred1
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred2
	}
	! USD.hi.size is the free size below the pointer: getsp -64 took 64
	{
	  shrd,0	%dr7, 32, %dr7
	  shrd,1	%dr5, 32, %dr5
	}
	{
	  subd,0	%dr7, %dr5, %dr7
	}
	{
	  cmpedb,0	%dr7, 64, %pred3
	  nop	2
	}
	{
	  addd,0	%dr20, 1, %dr20 ? ~%pred3
	}
	report	%dr20, msg, 16

! grab: takes 0x200 bytes, calls grab2, which takes more, then returns.
grab:
	{
	  setwd	wsz=16, nfx=1
	  getsp,0	0xfffffe00, %dr1
	  disp	%ctpr1, grab2
	}
	{
	  call	%ctpr1, wbs=8
	}
	{
	  return	%ctpr3
	}
	{
	  nop	3
	}
	{
	  ct	%ctpr3
	}

grab2:
	{
	  setwd	wsz=8, nfx=1
	  getsp,0	0xfffff000, %dr1
	}
	{
	  return	%ctpr3
	}
	{
	  nop	3
	}
	{
	  ct	%ctpr3
	}

	.data
msg:
	.ascii	"win-ret-usd: ok\n"
