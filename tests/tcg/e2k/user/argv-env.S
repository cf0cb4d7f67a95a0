! argv-env.S -- the initial stack as the e2k kernel lays it out: %usd.lo's
! base points at argc, then argv[], NULL, envp[].  Prints the first 8
! bytes of argv[0] and of envp[0], exits with argc.  Run by
! run-guest.sh as `env -i X=1 qemu-e2k -0 ABCDEFGH -U X -E FOOBAR12=1
! argv-env.elf x y` (see meson.build).

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=12, nfx=1
	  rrd	%usd.lo, %dr1
	}
	{
	  andd,0	%dr1, 0xffffffffffff, %dr1	! USD.lo base (48 bits)
	}
	{
	  ldd,0	[ %dr1 + 0 ], %dr16		! argc
	  ldd,2	[ %dr1 + 8 ], %dr17		! argv[0]
	}
	{
	  nop	3
	}
	{
	  shld,0	%dr16, 3, %dr18		! argc * 8
	}
	{
	  addd,0	%dr1, %dr18, %dr18	! &argv[argc - 1]
	}
	{
	  ldd,0	[ %dr18 + 16 ], %dr19		! envp[0], after argv's NULL
	}
	{
	  nop	3
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 4, %r8		! write(1, argv[0], 8)
	  addd,1	0, 1, %r9
	  addd,2	0, %dr17, %r10
	  addd,3	0, 8, %r11
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  sdisp	%ctpr1, 0x3
	  addd,0	0, 4, %r8		! write(1, envp[0], 8)
	  addd,1	0, 1, %r9
	  addd,2	0, %dr19, %r10
	  addd,3	0, 8, %r11
	}
	{
	  call	%ctpr1, wbs=4
	}
	{
	  sdisp	%ctpr2, 0x3
	  addd,0	0, 1, %r8		! exit(argc)
	  addd,1	0, %dr16, %r9
	}
	{
	  call	%ctpr2, wbs=4
	}
	.size	_start, . - _start
