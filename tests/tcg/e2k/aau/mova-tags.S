! mova-tags.S -- with tags=on, a mova of an element it can read gives a
! number (an ordinary operation may use it), a mova of an area that bap
! did not load gives a diagnostic value, and the first non-speculative
! use of it raises SIGILL.
! qemu-args: -cpu e2s,tags=on
! expect-exit: 132
! expect-stdout: mova-tags: ok

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=16, nfx=1
	  ldisp	%ctpr2, apb
	  addd,0	0, src, %dr1
	}
	{
	  aaurwd,2	%dr1, %aadr0
	}
	{
	  bap
	  nop	4
	}
	{
	  movad,0	area=0, ind=0, am=0, %dr2
	  movad,1	area=1, ind=0, am=0, %dr3	! area 1: not loaded
	}
	{
	  addd,0	%dr2, 0, %dr4			! a number: fine
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 4, %r8			! write(1, msg, 14)
	  addd,1	0, 1, %r9
	}
	{
	  addd,0	0, msg, %r10
	  addd,1	0, 14, %r11
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  addd,0	%dr3, 0, %dr5			! diagnostic: SIGILL
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 1, %r8			! exit(0): must not get here
	  addd,1	0, 0, %r9
	}
	{
	  call	%ctpr1, wbs=4
	}
	.size	_start, . - _start

	.balign	16
apb:
	{
	  fapb	ct=1, d=0, fmt=4, incr=0, ind=0, disp=0 ; fapb dpl=0, fmt=0, disp=0
	}

	.data
src:
	.dword	0x1234
msg:
	.ascii	"mova-tags: ok\n"
