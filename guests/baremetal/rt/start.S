/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry of a bare-metal test guest.
 *
 * The image starts with an arm64 Image header (Linux Documentation/arm64/
 * booting.rst) with text_offset 0: Bulkhead (and U-Boot's booti) load it at
 * the base of the guest's RAM, guest-physical 0x40000000, where it is linked.
 * Entered with x0 = guest-physical address of the device tree, MMU off.
 *
 * At EL1 (under Bulkhead, or on QEMU without virtualization) we run as we
 * are. Entered at EL2 (booted straight from U-Boot), we install a stub EL2
 * vector table that answers every HVC with SMCCC NOT_SUPPORTED and drop to
 * EL1: the runtime then sees no console hypercall and uses the PL011 itself.
 */

#define SCTLR_EL1_RES1 0x30d00800 /* RES1 bits of ARMv8.0; M, C, I, A off */
#define HCR_EL2_RW (1 << 31)     /* EL1 is AArch64 */
#define SPSR_EL1H_MASKED 0x3c5   /* EL1h, D A I F masked */
#define ESR_EC_SHIFT 26
#define ESR_EC_HVC64 0x16
#define FRAME_SIZE (34 * 8)      /* struct rt_frame */
#define STACK_SIZE 0x4000

	.section .text.head, "ax"
	.global _head
_head:
	b	entry			/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset */
	.quad	_image_size		/* image_size: bss and stack included */
	.quad	0xa			/* flags: little endian, 4 KiB pages, anywhere */
	.quad	0, 0, 0			/* res2..res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5 */

entry:
	mov	x19, x0
	msr	daifset, #0xf
	mrs	x1, CurrentEL
	lsr	x1, x1, #2
	cmp	x1, #2
	b.ne	at_el1

	/* EL2 without a hypervisor: stub vectors, AArch64 EL1, counters open. */
	adr	x1, el2_stub_vectors
	msr	vbar_el2, x1
	mov	x1, #HCR_EL2_RW
	msr	hcr_el2, x1
	mrs	x1, cnthctl_el2
	orr	x1, x1, #3		/* EL1PCTEN, EL1PCEN */
	msr	cnthctl_el2, x1
	msr	cntvoff_el2, xzr
	ldr	x1, =SCTLR_EL1_RES1
	msr	sctlr_el1, x1
	mov	x1, #SPSR_EL1H_MASKED
	msr	spsr_el2, x1
	adr	x1, at_el1
	msr	elr_el2, x1
	isb
	eret

at_el1:
	/*
	 * Linked at a fixed address. Loaded elsewhere (QEMU's -kernel puts an
	 * Image at RAM base + 2 MiB, booti at any 2 MiB boundary): copy the image
	 * to its link address and go on there, unless the device tree is in the
	 * way. Under Bulkhead we are always where we were linked.
	 */
	adr	x1, _head
	ldr	x2, =_head
	cmp	x1, x2
	b.eq	linked_place
	ldr	x3, =_image_size
	sub	x4, x19, x2		/* device tree inside [link, link + image_size)? */
	cmp	x4, x3
	b.lo	wrong_place
	ldr	x3, =_file_size
	cmp	x2, x1
	b.hi	5f
	mov	x4, xzr			/* destination below the source: copy forwards */
6:	ldr	x5, [x1, x4]
	str	x5, [x2, x4]
	add	x4, x4, #8
	cmp	x4, x3
	b.lo	6b
	b	7f
	sub	x3, x3, #8		/* destination above: copy backwards */
5:	ldr	x5, [x1, x3]
	str	x5, [x2, x3]
	subs	x3, x3, #8
	b.pl	5b
7:	dsb	sy
	ic	iallu
	dsb	sy
	isb
	ldr	x1, =linked_place
	br	x1

linked_place:
	ldr	x1, =SCTLR_EL1_RES1
	msr	sctlr_el1, x1
	ldr	x1, =el1_vectors
	msr	vbar_el1, x1
	isb

	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:
	ldr	x1, =stack_top
	mov	sp, x1
	mov	x29, xzr
	mov	x30, xzr
	mov	x0, x19
	bl	rt_start
	b	rt_halt

/* Say so on the PL011. */
wrong_place:
	ldr	x1, =0x09000000
	adr	x2, msg_wrong_place
3:	ldrb	w3, [x2], #1
	cbz	w3, 4f
	str	w3, [x1]
	b	3b
4:	wfe
	b	4b

msg_wrong_place:
	.asciz	"guest: cannot move to its link address 0x40000000 (device tree there), halted\r\n"
	.balign	4

/*
 * EL1 vectors: 16 entries of 0x80 bytes. Each saves x0/x1, passes its index in
 * x0 and joins the common path, which saves the rest of struct rt_frame and
 * calls rt_exception(frame, index). rt_exception either halts or returns
 * (after adjusting the frame), in which case we restore and return.
 */
	.macro	vector_entry index
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x0, #\index
	b	exception_common
	.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.global el1_vectors
el1_vectors:
	vector_entry 0
	vector_entry 1
	vector_entry 2
	vector_entry 3
	vector_entry 4
	vector_entry 5
	vector_entry 6
	vector_entry 7
	vector_entry 8
	vector_entry 9
	vector_entry 10
	vector_entry 11
	vector_entry 12
	vector_entry 13
	vector_entry 14
	vector_entry 15

exception_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	mrs	x2, elr_el1
	stp	x30, x2, [sp, #240]
	mrs	x2, spsr_el1
	str	x2, [sp, #256]
	mov	x1, x0
	mov	x0, sp
	bl	rt_exception
	ldp	x30, x2, [sp, #240]
	msr	elr_el1, x2
	ldr	x2, [sp, #256]
	msr	spsr_el1, x2
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	add	sp, sp, #FRAME_SIZE
	eret

/*
 * EL2 stub vectors, used only when the guest was entered at EL2: an HVC from
 * EL1 (lower EL, AArch64, synchronous: offset 0x400) returns NOT_SUPPORTED in
 * x0 and nothing else changes; any other exception parks the core.
 */
	.balign	0x800
el2_stub_vectors:
	.rept	8
	.balign	0x80
	b	el2_stub_park
	.endr
	.balign	0x80
	mrs	x0, esr_el2
	lsr	x0, x0, #ESR_EC_SHIFT
	cmp	x0, #ESR_EC_HVC64
	b.ne	el2_stub_park
	mov	x0, #-1
	eret
	.rept	7
	.balign	0x80
	b	el2_stub_park
	.endr
el2_stub_park:
	wfe
	b	el2_stub_park

	.section .bss.stack, "aw", %nobits
	.balign	16
stack_bottom:
	.skip	STACK_SIZE
	.global stack_top
stack_top:
