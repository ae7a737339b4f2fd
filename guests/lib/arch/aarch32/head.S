/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry of every guest built for AArch32 on the guest library: a raw binary
 * (the layout says execution-state = "aarch32", docs/binding.md) entered as
 * the 32-bit Linux boot protocol says: r0 = 0, r1 = ~0, r2 = the device tree,
 * SVC mode, A I F masked, MMU off (Bulkhead: core/partition.c entry_regs32).
 * The counters are read by the first two instructions.
 *
 * We reset SCTLR's MMU, cache, alignment and vector bits, check that we run
 * at our link address (no relocation: Bulkhead loads the image at its RAM
 * base), clear .bss, install the vectors (VBAR) and call rt_start(dtb, el,
 * pct, vct) in System mode on the boot stack, where the library runs. Hyp
 * mode (bare QEMU with virtualization=on) is refused with a message.
 *
 * Secondary cores (PSCI CPU_ON SMC32 to rt_secondary_entry, r0 = context)
 * turn the MMU on with the boot core's registers if it published them
 * (rt_mmu_shared, mmu.h), take the stack of their MPIDR Aff0 and call
 * rt_secondary_start(r0, r1).
 */
#include <guests/lib/rt.h>
#include <guests/lib/sysreg.h>

	.syntax	unified
	.arch	armv8-a
	.arm

	.section .text.head, "ax"
	.global	_head
_head:
	mrrc	p15, 0, r4, r5, c14	/* CNTPCT: time of the first instruction */
	mrrc	p15, 1, r6, r7, c14	/* CNTVCT */
	cpsid	aif
	mov	r8, r2			/* device tree */
	mrs	r0, cpsr
	and	r0, r0, #PSR_MODE_MASK
	cmp	r0, #PSR_MODE_HYP
	adreq	r2, msg_hyp
	beq	die
	bl	sctlr_reset
	adr	r0, _head		/* where we run */
	ldr	r1, =_head		/* where we are linked */
	cmp	r0, r1
	adrne	r2, msg_wrong_place
	bne	die
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	bl	set_vbar
	cps	#PSR_MODE_SYS
	ldr	sp, =rt_boot_stack_top
	push	{r4-r7}			/* rt_start's pct, vct: [sp], [sp + 8] */
	mov	r0, r8			/* dtb: r0:r1 */
	mov	r1, #0
	mov	r2, #1			/* el: r2:r3 */
	mov	r3, #0
	bl	rt_start
	b	rt_halt

/* Print the message at r2 on QEMU virt's PL011 and stop. */
die:
	ldr	r1, =RT_FALLBACK_UART
2:	ldrb	r3, [r2], #1
	cmp	r3, #0
	beq	3f
	str	r3, [r1]
	b	2b
3:	wfe
	b	3b

msg_hyp:
	.asciz	"guest: entered in Hyp mode: an AArch32 guest runs at PL1, halted\r\n"
msg_wrong_place:
	.asciz	"guest: not loaded at its link address, halted\r\n"
	.balign	4

sctlr_reset:
	mrc	p15, 0, r0, c1, c0, 0
	ldr	r1, =SCTLR_A32_BOOT_CLEAR
	bic	r0, r0, r1
	mcr	p15, 0, r0, c1, c0, 0
	isb
	bx	lr

set_vbar:
	ldr	r0, =rt_vectors
	mcr	p15, 0, r0, c12, c0, 0	/* VBAR */
	isb
	bx	lr

/* Secondary core, from PSCI CPU_ON: r0 (context) and r1 are passed on. */
	.text
	.global	rt_secondary_entry
rt_secondary_entry:
	cpsid	aif
	mov	r8, r0
	mov	r9, r1
	bl	sctlr_reset
	ldr	r10, =rt_mmu_shared	/* MMU off: read from memory, cleaned by core 0 */
	ldr	r11, [r10, #24]		/* SCTLR (0: no MMU) */
	cmp	r11, #0
	beq	1f
	ldr	r0, [r10]
	mcr	p15, 0, r0, c10, c2, 0	/* MAIR0 */
	ldr	r0, [r10, #4]
	mcr	p15, 0, r0, c10, c2, 1	/* MAIR1 */
	ldr	r0, [r10, #8]
	mcr	p15, 0, r0, c2, c0, 2	/* TTBCR */
	ldr	r0, [r10, #16]
	ldr	r1, [r10, #20]
	mcrr	p15, 0, r0, r1, c2	/* TTBR0 */
	isb
	mcr	p15, 0, r0, c8, c7, 0	/* TLBIALL */
	dsb	nsh
	isb
	mcr	p15, 0, r11, c1, c0, 0	/* SCTLR */
	isb
1:	mrc	p15, 0, r0, c0, c0, 5	/* MPIDR */
	and	r0, r0, #0xff
	cmp	r0, #RT_MAX_CPUS
	bhs	rt_halt
	add	r0, r0, #1
	lsl	r0, r0, #RT_STACK_SHIFT
	ldr	r10, =rt_stacks
	add	r10, r10, r0
	bl	set_vbar
	cps	#PSR_MODE_SYS
	mov	sp, r10
	mov	r0, r8			/* x0: r0:r1 */
	mov	r1, #0
	mov	r2, r9			/* x1: r2:r3 */
	mov	r3, #0
	bl	rt_secondary_start
	b	rt_halt

	.section .bss.rt_stacks, "aw", %nobits
	.balign	16
	.space	RT_STACK_SIZE
	.global	rt_boot_stack_top
rt_boot_stack_top:
	.global	rt_stacks
rt_stacks:				/* secondary n: rt_stacks + (n + 1) * RT_STACK_SIZE */
	.space	RT_STACK_SIZE * RT_MAX_CPUS
