! plu.S -- the predicate logic unit on diagnostic predicates (from a
! speculative compare of a diagnostic value): nothing raises in the PLU;
! andp, a pass and movep's chosen input carry the diagnostic state on;
! landp of a plain false first operand is false whatever the second;
! movep keeps the old predicate where its condition is a plain false.
! Each result is looked at by a guard: on a diagnostic predicate the
! guard is SIGILL ILL_ILLOPN at its wide instruction, which changes
! nothing, else it runs or not by the value.
! Source: OpenE2K/qemu-e2k, target/e2k/translate.c, gen_plu.
! expect-exit: 0
! expect-stdout: tags-plu: ok

	.include "tags.inc"
	.include "../lib/report.inc"

	! the guard on predicate P traps: fault number N
	.macro	isdiag n, p
	resume_at .Ld\@
.La\@:
	{
	  addd,0	0, 1, %r21 ? \p
	}
	{
	  addd,0	%r20, 100, %r20			! skipped
	}
.Ld\@:
	faulted	\n, 4, 2, .La\@
	.endm

	! the guard on predicate P does not trap; P has value VAL
	.macro	isval p, val
	{
	  addd,0	0, 0, %r21
	}
	{
	  addd,0	0, 1, %r21 ? \p
	}
	check	%r21, \val
	.endm

	.text
	.global _start
	.type	_start, @function
_start:
	{
	  setwd	wsz=24, nfx=1
	  addd,0	0, 0, %r20			! failures
	  addd,1	0, 0x10, %r1			! page 0 is never mapped
	  addd,3	0, 3, %r5
	}
	catch	4
	{
	  ldd,0,sm	[ %r1 + 0 ], %r3		! diagnostic
	  nop	3
	}
	{
	  cmpedb,0,sm	%dr3, 0, %pred1			! diagnostic
	  cmpedb,1	%dr5, 3, %pred2			! true
	  cmpedb,3	%dr5, 4, %pred3			! false
	}
	isdiag	0, %pred1
	isval	%pred2, 1
	isval	%pred3, 0

	! andp: a diagnostic input, either side, gives a diagnostic result
	{
	  pass	%pred1, @p0
	  pass	%pred2, @p1
	  andp	@p0, @p1, @p4
	  pass	@p4, %pred4
	}
	isdiag	1, %pred4
	{
	  pass	%pred3, @p0
	  pass	%pred1, @p1
	  andp	@p0, ~@p1, @p4
	  pass	@p4, %pred4
	}
	isdiag	2, %pred4
	! ... twin: numbers
	{
	  pass	%pred2, @p0
	  pass	%pred3, @p1
	  andp	@p0, ~@p1, @p4
	  pass	@p4, %pred4
	}
	isval	%pred4, 1

	! landp: a plain false first operand gives false
	{
	  pass	%pred3, @p0
	  pass	%pred1, @p1
	  landp	@p0, @p1, @p4
	  pass	@p4, %pred5
	}
	isval	%pred5, 0
	! ... a plain true one does not hide a diagnostic second
	{
	  pass	%pred2, @p0
	  pass	%pred1, @p1
	  landp	@p0, @p1, @p4
	  pass	@p4, %pred5
	}
	isdiag	3, %pred5
	! ... nor does a diagnostic first hide behind a false second
	{
	  pass	%pred1, @p0
	  pass	%pred3, @p1
	  landp	@p0, @p1, @p4
	  pass	@p4, %pred5
	}
	isdiag	4, %pred5

	! movep: a diagnostic condition, or the diagnostic input it picks
	{
	  cmpedb,0	%dr5, 3, %pred6			! old value: true
	}
	{
	  pass	%pred1, @p0
	  pass	%pred3, @p1
	  movep	@p0, @p1, @p4
	  pass	@p4, %pred6
	}
	isdiag	5, %pred6
	{
	  cmpedb,0	%dr5, 3, %pred6
	}
	{
	  pass	%pred2, @p0
	  pass	%pred1, @p1
	  movep	@p0, @p1, @p4
	  pass	@p4, %pred6
	}
	isdiag	6, %pred6
	! ... a false condition keeps the old predicate, even a diagnostic
	! one, and ignores a diagnostic input
	{
	  cmpedb,0	%dr5, 3, %pred6
	}
	{
	  pass	%pred3, @p0
	  pass	%pred1, @p1
	  movep	@p0, @p1, @p4
	  pass	@p4, %pred6
	}
	isval	%pred6, 1
	{
	  pass	%pred3, @p0
	  pass	%pred2, @p1
	  movep	@p0, @p1, @p4
	  pass	@p4, %pred1
	}
	isdiag	7, %pred1

	ldcheck	fault_count, 8
	report	%r20, msg, msg_len
	.size	_start, . - _start

	fault_handler
	fault_data
msg:
	.ascii	"tags-plu: ok\n"
	msg_len = . - msg
