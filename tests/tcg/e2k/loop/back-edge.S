! back-edge.S -- loops of one wide instruction that branch to themselves,
! where the translator's copies reached only by a back edge skip what
! the trip before proved: the %ctpr compare, LSR.over, and in the middle
! trips of a loop-mode loop the ct condition itself.  Each loop counts
! its trips in its own register; the exit status is 0 when every count
! is the expected one, else 1.
!  1. loop mode, no rotation, ct ? %NOT_LOOP_END: lcnt = 1000 trips
!  2. a disp of the %ctpr the ct goes through, in the looping bundle:
!     the second trip goes to the new target (2 trips)
!  3. loop mode, ct ? %LOOP_END out of the loop (never taken in the
!     middle trips), an ibranch back: 1000 trips
!  4. ct ? %pred0 && %NOT_LOOP_END, where each trip sets %pred0 to
!     (count at its start < 300) and the ct reads the one of the trip
!     before: trip k goes on while k - 2 < 300, 302 trips
!  5. ct ? ~%pred0 || %LOOP_END out of the loop, the same: 302 trips
! expect-exit: 0
	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  disp	%ctpr1, .L1
	  addd,0	0, 0, %dr1
	  addd,1	0, 0, %dr2
	  addd,2	0, 0, %dr3
	  addd,3	0, 0, %dr4
	  addd,4	0, 0, %dr5
	}
	{
	  rwd,0	1000 | (1 << 37), %lsr
	}
	{
	  nop	4
	}
.L1:
	{
	  loop_mode
	  alc	alcf=1, alct=1
	  addd,0	%dr1, 1, %dr1
	  ct	%ctpr1 ? %NOT_LOOP_END
	}
	! 2
	{
	  disp	%ctpr1, .L2
	}
	{
	  nop	4
	}
.L2:
	{
	  disp	%ctpr1, .L2out
	  addd,0	%dr2, 1, %dr2
	  ct	%ctpr1
	}
	{
	  addd,0	%dr2, 1000, %dr2	! not reached
	}
.L2out:
	! 3
	{
	  disp	%ctpr2, .L3out
	  rwd,0	1000 | (1 << 37), %lsr
	}
	{
	  nop	4
	}
.L3:
	{
	  loop_mode
	  alc	alcf=1, alct=1
	  addd,0	%dr3, 1, %dr3
	  ct	%ctpr2 ? %LOOP_END
	}
	{
	  ibranch	.L3
	}
.L3out:
	! 4
	{
	  disp	%ctpr1, .L4
	  rwd,0	1000 | (1 << 37), %lsr
	  cmpbdb,1	%dr4, 300, %pred0
	}
	{
	  nop	4
	}
.L4:
	{
	  loop_mode
	  alc	alcf=1, alct=1
	  addd,0	%dr4, 1, %dr4
	  cmpbdb,1	%dr4, 300, %pred0
	  ct	%ctpr1 ? %pred0 && %NOT_LOOP_END
	}
	! 5
	{
	  disp	%ctpr2, .L5out
	  rwd,0	1000 | (1 << 37), %lsr
	  cmpbdb,1	%dr5, 300, %pred0
	}
	{
	  nop	4
	}
.L5:
	{
	  loop_mode
	  alc	alcf=1, alct=1
	  addd,0	%dr5, 1, %dr5
	  cmpbdb,1	%dr5, 300, %pred0
	  ct	%ctpr2 ? ~%pred0 || %LOOP_END
	}
	{
	  ibranch	.L5
	}
.L5out:
	{
	  xord,0	%dr1, 1000, %dr1
	  xord,1	%dr2, 2, %dr2
	  xord,2	%dr3, 1000, %dr3
	  xord,3	%dr4, 302, %dr4
	  xord,4	%dr5, 302, %dr5
	}
	{
	  ord,0	%dr1, %dr2, %dr1
	  ord,1	%dr3, %dr4, %dr3
	}
	{
	  ord,0	%dr1, %dr3, %dr1
	}
	{
	  ord,0	%dr1, %dr5, %dr1
	}
	{
	  subd,0	0, %dr1, %dr6
	}
	{
	  ord,0	%dr1, %dr6, %dr1
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
