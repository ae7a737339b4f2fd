/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bulkhead's entry point.
 *
 * The image starts with an arm64 Linux Image header (Documentation/arm64/
 * booting.rst) so that U-Boot's `booti` starts it: x0 = physical address of the
 * system device tree, MMU off, at EL2. We are linked at CONFIG_LOAD_ADDR; the
 * header says "2 MiB aligned, anywhere", so booti leaves an aligned image where
 * it was loaded. Before any absolute address is used we check that we run where
 * we were linked and that we were entered at EL2; otherwise the early UART gets
 * a message and the core halts.
 */
#include <arch/arm64/asm.h>

	.section .text.head, "ax"
	.global _head
_head:
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset */
	.quad	_image_size		/* image_size: the whole footprint, bss included */
	.quad	0xa			/* flags: little endian, 4 KiB pages, anywhere */
	.quad	0, 0, 0			/* res2..res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5 (PE header offset) */

primary_entry:
	mov	x19, x0
	mrs	x1, CurrentEL
	cmp	x1, #(2 << 2)
	adr	x0, msg_not_el2
	b.ne	early_fail
	adr	x1, _head
	ldr	x2, =_head
	cmp	x1, x2
	adr	x0, msg_wrong_addr
	b.ne	early_fail

	/* Caches and MMU off, known state, before touching memory. */
	ldr	x1, =SCTLR_EL2_RES1
	msr	sctlr_el2, x1
	isb

	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:
	/* The boot slot of hyp_stacks (arch/arm64/stack.c); TPIDR_EL2 = boot_cpu. */
	ldr	x1, =boot_cpu
	msr	tpidr_el2, x1
	ldr	x1, [x1, #CPU_STACK_TOP]
	mov	sp, x1
	ldr	x1, =el2_vectors
	msr	vbar_el2, x1
	isb
	mov	x0, x19
	bl	boot_main
	b	park_forever

/*
 * Secondary cores arrive here from the firmware's PSCI CPU_ON, at EL2 with the
 * MMU off; x0 is the context Bulkhead passed: the core's index in the layout.
 */
	.global secondary_entry
secondary_entry:
	mov	x19, x0
	ldr	x1, =SCTLR_EL2_RES1
	msr	sctlr_el2, x1
	isb
	/*
	 * This core's slot of hyp_stacks. TPIDR_EL2 = 0 until cpu_init_local:
	 * the EL2 sync vector then skips its stack check (vectors.S).
	 */
	msr	tpidr_el2, xzr
	ldr	x1, =hyp_stacks
	add	x2, x19, #1
	ldr	x3, =STACK_SLOT
	madd	x1, x2, x3, x1
	mov	sp, x1
	ldr	x1, =el2_vectors
	msr	vbar_el2, x1
	isb
	mov	x0, x19
	bl	secondary_main
	b	park_forever

/*
 * void cpu_call_on_fresh_stack(void (*fn)(void *), void *arg): SP to the top
 * of this core's stack (struct cpu, first field), then fn(arg), which never
 * returns. Nothing of the caller's frames survives: a core that parks and
 * runs again, any number of times, always starts from the same SP.
 */
	.global cpu_call_on_fresh_stack
cpu_call_on_fresh_stack:
	mrs	x2, tpidr_el2
	ldr	x2, [x2, #CPU_STACK_TOP]
	mov	sp, x2
	mov	x29, xzr
	mov	x30, xzr
	mov	x2, x0
	mov	x0, x1
	blr	x2
	b	park_forever

	.global park_forever
park_forever:
	msr	daifset, #0xf
1:	wfe
	b	1b

/*
 * Print the NUL-terminated string at x0 on the early PL011 and halt. Position
 * independent: used when we may be running away from our link address.
 */
early_fail:
	mov	x1, #(CONFIG_EARLY_UART_BASE & 0xffff)
	movk	x1, #((CONFIG_EARLY_UART_BASE >> 16) & 0xffff), lsl #16
1:	ldrb	w2, [x0], #1
	cbz	w2, park_forever
2:	ldr	w3, [x1, #0x18]		/* UARTFR */
	tbnz	w3, #5, 2b		/* TXFF: transmit FIFO full */
	str	w2, [x1]		/* UARTDR */
	b	1b

	.section .rodata.head, "a"
msg_not_el2:
	.asciz	"Bulkhead: not entered at EL2; refusing to run (start it with booti from EL2 firmware)\r\n"
msg_wrong_addr:
	.asciz	"Bulkhead: not running at its link address (CONFIG_LOAD_ADDR); load it there, 2 MiB aligned\r\n"
