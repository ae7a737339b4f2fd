/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry of the benchmark guest (docs/performance.md).
 *
 * Started like an arm64 Linux Image (x0 = DTB, MMU off) at EL1 under a
 * hypervisor, or at EL2 on bare QEMU (virtualization=on), where it sets up
 * the minimum for EL1 and drops there. The counter is read at the very first
 * instruction after the header's branch: the boot-time measurement.
 *
 * On bare QEMU it also installs a tiny EL2 vector table that answers any HVC
 * with SMCCC version 1.1 and returns: the floor for the null-hypercall
 * benchmark (an exception round trip to EL2 and nothing else).
 *
 * The image is linked at the guest RAM base (0x40000000). QEMU's -kernel moves
 * images with a text_offset below 4 KiB up by 2 MiB: when run elsewhere the
 * loaded image is copied to its link address first (position independent).
 *
 * Secondary cores start at secondary_entry (PSCI CPU_ON) with x0 = their
 * struct percpu, and turn the MMU on with the tables core 0 built (mmu_shared,
 * cleaned to the point of coherency) before touching memory through a stack.
 */
#include <guests/bench/bench.h>
#include <guests/rtos/sysregs.h>

	.section .text.head, "ax"
	.global _head
_head:
	b	entry			/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset */
	.quad	_image_size		/* image_size: the whole footprint, bss included */
	.quad	0xa			/* flags: little endian, 4 KiB pages, anywhere */
	.quad	0, 0, 0			/* res2..res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5 */

entry:
	mrs	x21, cntpct_el0		/* time of the first instruction (physical counter) */
	mrs	x22, cntvct_el0		/* and the virtual one: x21 - x22 = CNTVOFF */
	msr	daifset, #0xf
	mov	x19, x0			/* DTB */
	mrs	x20, CurrentEL
	lsr	x20, x20, #2		/* boot EL, for the report */
	cmp	x20, #2
	b.ne	1f
	bl	el2_to_el1
1:	ldr	x0, =SCTLR_EL1_BOOT
	msr	sctlr_el1, x0
	isb
	adr	x1, _head		/* where we run */
	ldr	x2, =_head		/* where we are linked */
	cmp	x1, x2
	b.eq	relocated
	/* The copy must not overwrite the DTB: [x2, x2 + _image_size) */
	ldr	x3, =_image_size
	add	x4, x2, x3
	cmp	x19, x2
	b.lo	2f
	cmp	x19, x4
	b.lo	halt
2:	ldr	x3, =_edata
	sub	x3, x3, x2		/* bytes loaded from the file */
	cmp	x1, x2
	b.lo	copy_down
copy_up:				/* dst < src: ascending copy */
	ldr	x4, [x1], #8
	str	x4, [x2], #8
	subs	x3, x3, #8
	b.gt	copy_up
	b	copied
copy_down:				/* dst > src: descending copy */
	add	x1, x1, x3
	add	x2, x2, x3
3:	ldr	x4, [x1, #-8]!
	str	x4, [x2, #-8]!
	subs	x3, x3, #8
	b.gt	3b
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
4:	cmp	x1, x2
	b.hs	5f
	stp	xzr, xzr, [x1], #16
	b	4b
5:	ldr	x0, =boot_stack_top
	mov	sp, x0
	ldr	x0, =el1_vectors
	msr	vbar_el1, x0
	ldr	x0, =percpu
	msr	tpidr_el1, x0		/* core 0's struct percpu: the vectors stamp into it */
	isb
	mov	x0, x19
	mov	x1, x20
	mov	x2, x21
	mov	x3, x22
	bl	bench_main
halt:
	wfe
	b	halt

/*
 * Secondary core: x0 = its struct percpu. Enters at EL2 on bare QEMU (drop to
 * EL1 as the boot core did), at EL1 under a hypervisor.
 */
	.global secondary_entry
secondary_entry:
	msr	daifset, #0xf
	mov	x19, x0
	mrs	x20, CurrentEL
	lsr	x20, x20, #2
	cmp	x20, #2
	b.ne	1f
	bl	el2_to_el1
1:	ldr	x0, =SCTLR_EL1_BOOT
	msr	sctlr_el1, x0
	isb
	/* MMU off: these loads go to memory, where core 0 cleaned the values. */
	ldr	x1, =mmu_shared
	ldp	x2, x3, [x1]		/* MAIR_EL1, TCR_EL1 */
	ldp	x4, x5, [x1, #16]	/* TTBR0_EL1, SCTLR_EL1 */
	msr	mair_el1, x2
	msr	tcr_el1, x3
	msr	ttbr0_el1, x4
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	msr	sctlr_el1, x5
	isb
	ldr	x0, [x19, #PERCPU_STACK_TOP]
	mov	sp, x0
	ldr	x0, =el1_vectors
	msr	vbar_el1, x0
	msr	tpidr_el1, x19
	isb
	mov	x0, x19
	bl	secondary_main
	b	halt

/*
 * At EL2: configure an AArch64 EL1 with direct access to the timers and the
 * GIC system registers, no stage 2, no traps, and return to x30 at EL1h.
 * Clobbers x0 only.
 */
el2_to_el1:
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
	mrs	x0, id_aa64pfr0_el1
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

/*
 * EL2 vectors on bare QEMU: a synchronous exception from EL1 can only be an
 * HVC (nothing else traps): answer SMCCC_VERSION's 1.1 and return. Anything
 * else spins where it is.
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

	.section .bss.boot_stack, "aw", %nobits
	.balign	16
boot_stack:
	.space	BENCH_STACK_SIZE
	.global	boot_stack_top
boot_stack_top:
