/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot-time stamp stub (docs/performance.md, "Boot time").
 *
 * U-Boot's booti starts this instead of the system under test (Bulkhead, Xen
 * or the benchmark guest itself on bare QEMU). At EL2, MMU off, x0 = DTB, it
 * reads the physical counter at its first instruction, prints two stamp lines
 * on the console /chosen/stdout-path names, and jumps to the address in
 * /chosen/bench,stub-jump with the boot registers of the arm64 boot protocol
 * (x0 = DTB, x1..x3 = 0). The lines let the host compute the virtual time at
 * which the system under test got control:
 *
 *   bench-stub: entry=<t0> mark=<t1> jump=0x<addr>
 *   bench-stub: entry=<t0> mark=<t2> jump=0x<addr>
 *
 * Both lines have the same length, so printing the second costs what the
 * first did: the jump happens at about t2 + (t2 - t1).
 * Linked at its load address (BENCH_STUB_ADDR, 2 MiB aligned: booti runs it
 * in place).
 */
	.section .text.head, "ax"
	.global _head
_head:
	b	entry
	.long	0
	.quad	0			/* text_offset */
	.quad	_image_size
	.quad	0xa
	.quad	0, 0, 0
	.ascii	"ARM\x64"
	.long	0

entry:
	mrs	x21, cntpct_el0
	mov	x19, x0
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	stp	xzr, xzr, [x1], #16
	b	1b
2:	ldr	x0, =stub_stack_top
	mov	sp, x0
	mov	x0, x19
	mov	x1, x21
	bl	stub_main
	cbz	x0, 3f
	mov	x4, x0
	mov	x0, x19
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	br	x4
3:	wfe
	b	3b

	.section .bss.stack, "aw", %nobits
	.balign	16
	.space	8192
stub_stack_top:
