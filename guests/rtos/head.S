/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry of the RTOS demo guest.
 *
 * The image starts with an arm64 Linux Image header, so it is started like a
 * kernel (Documentation/arm64/booting.rst): x0 = DTB address, MMU off, at EL1
 * (under a hypervisor, or QEMU without virtualization=on) or at EL2 (QEMU with
 * virtualization=on). At EL2 we configure the minimum for an AArch64 EL1 with
 * direct timer and GIC system-register access, and drop to EL1h.
 *
 * The image is linked at RAM_BASE (0x40000000). Bulkhead and Xen load it there
 * (RAM base + text_offset 0), but QEMU's -kernel loader moves images with a
 * text_offset below 4 KiB up by 2 MiB. So the first thing done at EL1 is
 * position independent: if we run elsewhere, copy the loaded image to the
 * link address and continue there.
 */
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
	msr	daifset, #0xf
	mov	x19, x0			/* DTB */
	mrs	x20, CurrentEL
	lsr	x20, x20, #2		/* boot EL, for the boot report */
	cmp	x20, #2
	b.ne	el1_entry

	/* ---- EL2: minimal configuration for an AArch64 EL1, then drop. */
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
	/* GICv3 system registers (ID_AA64PFR0_EL1.GIC != 0): let EL1 use them. */
	mrs	x0, id_aa64pfr0_el1
	ubfx	x0, x0, #24, #4
	cbz	x0, 1f
	mov	x0, #ICC_SRE_EL2_VALUE
	msr	icc_sre_el2, x0
	isb
	msr	ich_hcr_el2, xzr
1:	ldr	x0, =SCTLR_EL1_BOOT
	msr	sctlr_el1, x0
	mov	x0, #SPSR_EL1H_MASKED
	msr	spsr_el2, x0
	adr	x0, el1_entry
	msr	elr_el2, x0
	isb
	eret

	/* ---- EL1, MMU off: position independent until we run at the link address. */
el1_entry:
	ldr	x0, =SCTLR_EL1_BOOT
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
	b.lo	halt			/* the DTB is in the way: nothing sensible to do */
2:	ldr	x3, =_edata
	sub	x3, x3, x2		/* bytes loaded from the file */
	cmp	x1, x2
	b.lo	copy_down
copy_up:				/* dst < src: ascending copy is safe */
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
	isb
	mov	x0, x19
	mov	x1, x20
	bl	rtos_main
halt:
	wfe
	b	halt

	/* The boot stack: rtos_main and the set-up run on it; tasks have their own. */
	.section .bss.boot_stack, "aw", %nobits
	.balign	16
boot_stack:
	.space	16384
boot_stack_top:
