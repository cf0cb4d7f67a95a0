! ctpr-write.S -- a loop whose body rewrites the %ctpr its back edge goes
! through.  The TB starts at .Lloop with %ctpr2 = .Lloop (a disp), so the
! back edge looks like the TB's own start; the second wide instruction
! then moves the address of .Lout into %ctpr2 (movtd of a number), and the
! ct must go there on the first trip: %dr1 = 1 (else the loop runs 1000
! trips and falls through: %dr1 = 6000).  (The %ctpr compare
! once per TB entry must not assume a %ctpr that an ALU operation of the
! loop body writes; that made lcc-built Dhrystone spin.)
! expect-exit: 0
	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  disp	%ctpr2, .Lloop
	  addd,0	0, 0, %dr1
	  addd,1	0, .Lout, %dr5
	}
	{
	  nop	4
	}
	{
	  ct	%ctpr2				! .Lloop starts a TB
	}
.Lloop:
	{
	  addd,0	%dr1, 1, %dr1
	  cmpbdb,1	%dr1, 1000, %pred3
	}
	{
	  movtd,0	%dr5, %ctpr2
	}
	{
	  nop	3
	}
	{
	  ct	%ctpr2 ? %pred3
	}
	{
	  addd,0	%dr1, 5000, %dr1		! not reached
	}
.Lout:
	{
	  xord,0	%dr1, 1, %dr1
	}
	{
	  subd,0	0, %dr1, %dr10
	}
	{
	  ord,0	%dr1, %dr10, %dr1
	}
	{
	  shrd,0	%dr1, 63, %dr9
	  sdisp	%ctpr3, 0x3
	  addd,1	0, 1, %dr8
	}
	{
	  call	%ctpr3, wbs=4
	}
	.size	_start, . - _start
