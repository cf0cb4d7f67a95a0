! rcache.S -- loops whose registers the translator keeps in host
! registers across the back edge (the loop register cache, translate.c:
! the first 4 registers a looping TB touches; writes also go to the
! register file).  Each loop's results are checked at the end; the exit
! status is 0 when all are the expected ones, else 1.
!  A. one wide instruction, loop mode, 100 trips, five registers (more
!     than the cache holds): a counter, a swap of %dr2 and %dr3 in one
!     wide instruction (both read before either is written), a sum of
!     the counter as it was at the start of the trip, and a write of
!     %dr5 guarded by a predicate the trip before set (odd trips):
!     %dr1 = 100, %dr2 = 1, %dr3 = 2, %dr4 = 4950, %dr5 = 150
!  B. a loop of three wide instructions (the back edge goes to the TB's
!     head), a global register summing a window register: %dr6 = 50,
!     %dg1 = 1225
!  C. a rotating-register loop (8 registers, each abn moves them by
!     two): each trip writes %b[0] = %b[2] + 1, which the next trip
!     reads as %b[2], and sums %b[2] into %dr7 over 20 trips: 20 trips
!     step through 4 BRs (4 copies of the body), %dr7 = 190, and after
!     the loop %b[2] = 20
!  D. the %ctpr of a back edge, compared once at the TB's entry: a loop
!     of three wide instructions runs 10 trips through %ctpr2 = .LD; it
!     is entered again with %ctpr2 = .LDout, where the first ct must
!     leave (the entry's compare fails, the TB is translated again
!     with the compare at the ct): %dr11 = 1, %dr12 = 101
! expect-exit: 0
	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=32, nfx=1
	  disp	%ctpr1, .LA
	  addd,0	0, 0, %dr1
	  addd,1	0, 1, %dr2
	  addd,2	0, 2, %dr3
	  addd,3	0, 0, %dr4
	  addd,4	0, 0, %dr5
	}
	{
	  rwd,0	100 | (1 << 37), %lsr
	  cmpbdb,1	%dr1, 0, %pred1		! false: trip 0 skips %dr5
	  addd,2	0, 0, %dr6
	  addd,3	0, 0, %dg1
	  addd,4	0, 0, %dr7
	}
	{
	  nop	4
	}
.LA:
	{
	  loop_mode
	  alc	alcf=1, alct=1
	  addd,0	%dr1, 1, %dr1
	  addd,1	%dr2, 0, %dr3
	  addd,2	%dr3, 0, %dr2
	  cmpandedb,3	%dr1, 1, %pred1		! the count at the start even
	  addd,4	%dr5, 3, %dr5 ? %pred1
	  addd,5	%dr4, %dr1, %dr4
	  ct	%ctpr1 ? %NOT_LOOP_END
	}
	{
	  disp	%ctpr2, .LB
	}
	{
	  nop	4
	}
	{
	  ibranch	.LB
	}
.LB:
	{
	  addd,0	%dr6, 1, %dr6
	  addd,1	%dg1, %dr6, %dg1
	}
	{
	  cmpbdb,0	%dr6, 50, %pred2
	}
	{
	  ct	%ctpr2 ? %pred2
	}
	{
	  setbn	rsz=3, rbs=8, rcur=0
	  disp	%ctpr1, .LC
	}
	{
	  rwd,0	20 | (1 << 37), %lsr
	  addd,1	0, 0, %b[2]
	}
	{
	  nop	4
	}
.LC:
	{
	  loop_mode
	  alc	alcf=1, alct=1
	  abn	abnf=1, abnt=1
	  addd,0	%b[2], 1, %b[0]
	  addd,1	%dr7, %b[2], %dr7
	  ct	%ctpr1 ? %NOT_LOOP_END
	}
	{
	  disp	%ctpr2, .LD
	  addd,0	0, 0, %dr11
	  addd,1	0, 0, %dr12
	}
	{
	  nop	4
	}
.LD:
	{
	  addd,0	%dr11, 1, %dr11
	}
	{
	  cmpbdb,0	%dr11, 10, %pred3
	}
	{
	  ct	%ctpr2 ? %pred3
	}
	{
	  disp	%ctpr2, .LDout
	  addd,0	0, 0, %dr11
	  cmpedb,1	%dr12, 0, %pred4
	  addd,2	%dr12, 1, %dr12
	}
	{
	  disp	%ctpr1, .LD
	}
	{
	  nop	4
	}
	{
	  ct	%ctpr1 ? %pred4
	}
	{
	  ibranch	.LDdone
	}
.LDout:
	{
	  addd,0	%dr12, 100, %dr12
	}
.LDdone:
	{
	  xord,0	%dr11, 1, %dr11
	  xord,1	%dr12, 101, %dr12
	}
	{
	  ord,0	%dr11, %dr12, %dr11
	}
	{
	  xord,0	%dr1, 100, %dr1
	  xord,1	%dr2, 1, %dr2
	  xord,2	%dr3, 2, %dr3
	  xord,3	%dr4, 4950, %dr4
	  xord,4	%dr5, 150, %dr5
	  xord,5	%dr6, 50, %dr6
	}
	{
	  xord,0	%dg1, 1225, %dr8
	  xord,1	%dr7, 190, %dr7
	  xord,2	%b[2], 20, %dr9
	  ord,3	%dr1, %dr2, %dr1
	  ord,4	%dr3, %dr4, %dr3
	}
	{
	  ord,0	%dr1, %dr3, %dr1
	  ord,1	%dr5, %dr6, %dr5
	  ord,3	%dr7, %dr8, %dr7
	}
	{
	  ord,0	%dr1, %dr5, %dr1
	  ord,1	%dr7, %dr9, %dr7
	}
	{
	  ord,0	%dr1, %dr7, %dr1
	}
	{
	  ord,0	%dr1, %dr11, %dr1
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
