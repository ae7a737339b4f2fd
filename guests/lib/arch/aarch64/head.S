/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry of every guest built on the guest library.
 *
 * The image starts with an arm64 Image header (Linux Documentation/arm64/
 * booting.rst) with text_offset 0, so Bulkhead, Xen and U-Boot's booti start
 * it like a kernel: x0 = the device tree, MMU off, at EL1 (under a
 * hypervisor, or on QEMU without virtualization=on) or at EL2 (bare QEMU with
 * virtualization=on, or U-Boot). The counters are read by the first two
 * instructions after the branch (the boot-time figure of the benchmark).
 *
 * At EL2 we configure an AArch64 EL1 with direct access to the timers and to
 * the GIC system registers, no stage 2 and no traps, install a stub EL2
 * vector table that answers every HVC like SMCCC_VERSION (1.1) -- the floor of
 * the null-hypercall benchmark -- and drop to EL1h. A guest that defines the
 * symbol guest_keep_el2 (the boot-time stamp stub) stays at EL2.
 *
 * The image is linked at one address (guest.lds.S). QEMU's -kernel loader
 * moves images with a text_offset below 4 KiB up by 2 MiB and booti may put it
 * at any 2 MiB boundary: if we run elsewhere, the loaded image is copied to its
 * link address (position independent code until then), unless the device tree
 * is in the way.
 *
 * Secondary cores (PSCI CPU_ON to rt_secondary_entry) take the same way down
 * to EL1, turn the MMU on with the boot core's tables if it published them
 * (rt_mmu_shared, cleaned to the point of coherency, mmu.c), take a stack of
 * their own by MPIDR Aff0 and call rt_secondary_start(x0, x1) with the x0 and
 * x1 they were started with.
 */
#include <guests/lib/rt.h>
#include <guests/lib/sysreg.h>

	.section .text.head, "ax"
	.global _head
_head:
	b	entry			/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset */
	.quad	_image_size		/* image_size: bss and stacks included */
	.quad	0xa			/* flags: little endian, 4 KiB pages, anywhere */
	.quad	0, 0, 0			/* res2..res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5 */

entry:
	mrs	x21, cntpct_el0		/* time of the first instruction (physical counter) */
	mrs	x22, cntvct_el0		/* and the virtual one: x21 - x22 = CNTVOFF */
	msr	daifset, #0xf
	mov	x19, x0			/* device tree */
	mrs	x20, CurrentEL
	lsr	x20, x20, #2		/* boot EL */
	bl	to_el1
	adr	x1, _head		/* where we run */
	ldr	x2, =_head		/* where we are linked */
	cmp	x1, x2
	b.eq	relocated
	ldr	x3, =_image_size	/* the copy must not overwrite the device tree */
	sub	x4, x19, x2
	cmp	x4, x3
	b.lo	wrong_place
	ldr	x3, =_edata
	sub	x3, x3, x2		/* bytes loaded from the file */
	cmp	x1, x2
	b.lo	copy_down
copy_up:				/* destination below the source: ascending */
	ldr	x4, [x1], #8
	str	x4, [x2], #8
	subs	x3, x3, #8
	b.gt	copy_up
	b	copied
copy_down:				/* destination above: descending */
	add	x1, x1, x3
	add	x2, x2, x3
1:	ldr	x4, [x1, #-8]!
	str	x4, [x2, #-8]!
	subs	x3, x3, #8
	b.gt	1b
copied:
	dsb	sy
	ic	iallu
	dsb	sy
	isb
	ldr	x0, =relocated
	br	x0

relocated:
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
2:	cmp	x1, x2
	b.hs	3f
	stp	xzr, xzr, [x1], #16
	b	2b
3:	ldr	x0, =rt_boot_stack_top
	mov	sp, x0
	ldr	x0, =rt_vectors
	msr	vbar_el1, x0
	isb
	mov	x29, xzr
	mov	x30, xzr
	mov	x0, x19
	mov	x1, x20
	mov	x2, x21
	mov	x3, x22
	bl	rt_start
	b	rt_halt

/* The device tree lies where the image must go: say so on QEMU virt's PL011. */
wrong_place:
	ldr	x1, =RT_FALLBACK_UART
	adr	x2, msg_wrong_place
4:	ldrb	w3, [x2], #1
	cbz	w3, 5f
	str	w3, [x1]
	b	4b
5:	wfe
	b	5b

msg_wrong_place:
	.asciz	"guest: cannot move to its link address (device tree there), halted\r\n"
	.balign	4

/* Secondary core, from PSCI CPU_ON: x0 (context) and x1 are passed on. */
	.text
	.global	rt_secondary_entry
rt_secondary_entry:
	msr	daifset, #0xf
	mov	x19, x0
	mov	x20, x1
	bl	to_el1
	ldr	x9, =rt_mmu_shared	/* MMU off: read from memory, cleaned by core 0 */
	ldp	x10, x11, [x9]		/* MAIR_EL1, TCR_EL1 */
	ldp	x12, x13, [x9, #16]	/* TTBR0_EL1, SCTLR_EL1 (0: no MMU) */
	cbz	x13, 1f
	msr	mair_el1, x10
	msr	tcr_el1, x11
	msr	ttbr0_el1, x12
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	msr	sctlr_el1, x13
	isb
1:	mrs	x9, mpidr_el1
	and	x9, x9, #0xff
	cmp	x9, #RT_MAX_CPUS
	b.hs	rt_halt
	add	x9, x9, #1
	lsl	x9, x9, #RT_STACK_SHIFT
	ldr	x10, =rt_stacks
	add	x10, x10, x9
	mov	sp, x10
	ldr	x9, =rt_vectors
	msr	vbar_el1, x9
	isb
	mov	x29, xzr
	mov	x30, xzr
	mov	x0, x19
	mov	x1, x20
	bl	rt_secondary_start
	b	rt_halt

/*
 * Entered at EL2 (and the guest does not define guest_keep_el2): set up an
 * AArch64 EL1 and return to x30 there. At EL1: reset SCTLR_EL1 (MMU, caches
 * and alignment checks off) and return. Clobbers x0 only.
 */
	.weak	guest_keep_el2
to_el1:
	mrs	x0, CurrentEL
	cmp	x0, #(2 << 2)
	b.ne	at_el1
	ldr	x0, =guest_keep_el2
	cbnz	x0, stay_el2
	mov	x0, #HCR_EL2_RW
	msr	hcr_el2, x0
	mov	x0, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr
	ldr	x0, =CPTR_EL2_NOTRAP
	msr	cptr_el2, x0
	msr	hstr_el2, xzr
	msr	vttbr_el2, xzr
	mrs	x0, midr_el1
	msr	vpidr_el2, x0
	mrs	x0, mpidr_el1
	msr	vmpidr_el2, x0
	mrs	x0, id_aa64pfr0_el1	/* GIC system registers implemented? */
	ubfx	x0, x0, #24, #4
	cbz	x0, 1f
	mov	x0, #ICC_SRE_EL2_VALUE
	msr	icc_sre_el2, x0
	isb
	msr	ich_hcr_el2, xzr
1:	ldr	x0, =el2_stub_vectors	/* link address: HVCs come after the relocation */
	msr	vbar_el2, x0
	ldr	x0, =SCTLR_EL1_BOOT
	msr	sctlr_el1, x0
	mov	x0, #SPSR_EL1H_MASKED
	msr	spsr_el2, x0
	msr	elr_el2, x30
	isb
	eret
at_el1:
	ldr	x0, =SCTLR_EL1_BOOT
	msr	sctlr_el1, x0
	isb
stay_el2:
	ret

/*
 * EL2 vectors on bare hardware: a synchronous exception from EL1 can only be
 * an HVC (nothing else traps): answer SMCCC_VERSION's 1.1 and return. The
 * console knows from the boot EL that there is no hypervisor and never asks.
 * Anything else spins where it is.
 */
	.balign	0x800
el2_stub_vectors:
	.rept	8
	.balign	0x80
	b	.
	.endr
	.balign	0x80			/* lower EL, AArch64, synchronous */
	movz	x0, #0x1
	movk	x0, #0x1, lsl #16
	eret
	.rept	7
	.balign	0x80
	b	.
	.endr

	.section .bss.rt_stacks, "aw", %nobits
	.balign	16
	.space	RT_STACK_SIZE
	.global	rt_boot_stack_top
rt_boot_stack_top:
	.global	rt_stacks
rt_stacks:				/* secondary n: rt_stacks + (n + 1) * RT_STACK_SIZE */
	.space	RT_STACK_SIZE * RT_MAX_CPUS
