/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL2 exception vectors (Arm ARM D1.10.2: 16 entries of 0x80 bytes, table
 * aligned to 2 KiB). Traps from the guest (lower EL, AArch64) save the
 * general-purpose registers, ELR_EL2 and SPSR_EL2 in a trap_frame on the core's
 * stack, call the C handler, restore and ERET. Anything taken from EL2 itself
 * is a Bulkhead bug: it goes to the panic path with the frame for the report.
 */
#include <arch/arm64/asm.h>

/* x0-x17 at their places in the trap_frame: every entry saves them, every return restores them. */
.macro save_x0_x17
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
.endm

.macro restore_x0_x17
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
.endm

.macro save_frame
	sub	sp, sp, #FRAME_SIZE
	save_x0_x17
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	mrs	x21, elr_el2
	mrs	x22, spsr_el2
	stp	x30, x21, [sp, #FRAME_ELR - 8]
	str	x22, [sp, #FRAME_SPSR]
.endm

/*
 * After the handler: no request pending on this core's vCPU (the common
 * case: three loads) -> straight back to the guest. Otherwise
 * vcpu_return_path (core/lifecycle.c) acts on the requests
 * (core/request.h): it returns, or resets the stack and never does.
 */
.macro check_requests ret
	mrs	x0, tpidr_el2
	ldr	x0, [x0, #CPU_VCPU]
	ldr	w0, [x0, #VCPU_REQUESTS]
	cbz	w0, \ret
	bl	vcpu_return_path
	b	\ret
.endm

.macro guest_vector handler
	.balign 0x80
	save_frame
	mov	x0, sp
	bl	\handler
	check_requests frame_return
.endm

/*
 * Interrupts from the guest: the C handler preserves x19-x29 (AAPCS64) and
 * never touches ELR_EL2/SPSR_EL2 before returning, so only the caller-saved
 * registers are kept. Paths that do not return (a stopped partition parks)
 * build a fresh frame when the vCPU runs again. This is the hot path of
 * interrupt latency: 10 stores and 10 loads instead of 17 and 17.
 */
.macro guest_irq_vector handler
	.balign 0x80
	sub	sp, sp, #FRAME_SIZE
	save_x0_x17
	stp	x18, x30, [sp, #16 * 9]
	mov	x0, sp
	bl	\handler
	check_requests irq_return
.endm

/*
 * Synchronous exceptions from an AArch64 guest: first only the caller-saved
 * registers (x0-x18, x30), at their places in the trap_frame, and the C fast
 * path (trap_guest_sync_fast, core/trap.c) with ESR_EL2. It serves the hot
 * traps that touch no other register: an emulated MMIO access whose Rt is in
 * that part of the frame, an HVC (SMCCC passes arguments and results in
 * x0-x17), a trapped ICC_SGI1R_EL1 write. Being C (AAPCS64), it preserves
 * x19-x29 itself, and it steps ELR_EL2 in the register: ELR_EL2 and SPSR_EL2
 * are not saved. Anything else (it returns non-zero, having done nothing)
 * completes the frame and goes to trap_guest_sync (sync_slow). In assembly
 * because C cannot choose which registers an exception entry saves: this
 * halves the save and restore of the hot traps (10 + 10 instead of 19 + 19).
 */
.macro guest_sync_vector
	.balign 0x80
	sub	sp, sp, #FRAME_SIZE
	save_x0_x17
	str	x18, [sp, #16 * 9]
	str	x30, [sp, #FRAME_ELR - 8]
	mov	x0, sp
	mrs	x1, esr_el2
	bl	trap_guest_sync_fast
	cbnz	w0, sync_fast_more
	check_requests sync_fast_return
.endm

.macro hyp_vector kind
	.balign 0x80
	save_frame
	mov	x0, sp
	mov	x1, #\kind
	bl	trap_hyp_fault
	b	park_forever
.endm

	.text
	.balign 0x800
	.global el2_vectors
el2_vectors:
	/* Current EL with SP_EL0: never used. */
	hyp_vector 0
	hyp_vector 1
	hyp_vector 2
	hyp_vector 3
	/* Current EL with SP_ELx: a fault inside Bulkhead (sync: maybe a stack overflow). */
	.balign 0x80
	/*
	 * No store before SP is known good: on an overflow SP is in the guard
	 * page and the first push would fault again. The scratch register is
	 * the guest's TPIDRRO_EL0: this core's partition is lost anyway.
	 */
	msr	tpidrro_el0, x0
	b	hyp_sync_check
	hyp_vector 5
	hyp_vector 6
	hyp_vector 7
	/* Lower EL, AArch64: the guests. */
	guest_sync_vector
	guest_irq_vector trap_guest_irq
	guest_irq_vector trap_guest_irq
	guest_vector trap_guest_serror
	/*
	 * Lower EL, AArch32 (partitions with HCR_EL2.RW clear): the same handlers.
	 * x0-x30 hold r0-r14 of every mode (Arm ARM D1.20.1), saved as they are;
	 * trap_guest_sync dispatches the AArch32 classes (core/trap32.c).
	 */
	guest_vector trap_guest_sync
	guest_irq_vector trap_guest_irq
	guest_irq_vector trap_guest_irq
	guest_vector trap_guest_serror

/*
 * EL2 synchronous exception: SP below this core's stack (plus room for one
 * frame) is an overflow into the guard page: report it from the emergency
 * stack. Otherwise the usual fault report.
 */
hyp_sync_check:
	mrs	x0, tpidr_el2
	cbz	x0, 1f			/* a secondary before cpu_init_local: no stack known */
	ldr	x0, [x0, #CPU_STACK_TOP]
	sub	x0, x0, #(CONFIG_STACK_SIZE >> 12), lsl #12
	add	x0, x0, #FRAME_SIZE
	cmp	sp, x0
	b.hs	1f
	mov	x1, sp
	mrs	x0, tpidr_el2
	ldr	x0, [x0, #CPU_EMERGENCY_TOP]
	mov	sp, x0
	mrs	x0, far_el2
	bl	hyp_stack_overflow
	b	park_forever
1:	mrs	x0, tpidrro_el0
	save_frame
	mov	x0, sp
	mov	x1, #4
	bl	trap_hyp_fault
	b	park_forever

/*
 * trap_guest_sync_fast's other answers (arch/arm64/trap.h): TRAP_FAST_STEP
 * (2), done: step ELR_EL2 past the 4-byte instruction (an AArch64 guest's:
 * this vector is theirs only); a negative errno: an emulated device refused
 * the access, report it (trap_mmio_failed, which reads ELR_EL2 for the
 * report; the fault request is acted on by vcpu_return_path); TRAP_FAST_SLOW:
 * the general path.
 */
sync_fast_more:
	cmp	w0, #2
	b.ne	1f
	mrs	x0, elr_el2
	add	x0, x0, #4
	msr	elr_el2, x0
	check_requests sync_fast_return
1:	tbz	w0, #31, sync_slow
	mov	w2, w0
	mov	x0, sp
	mrs	x1, esr_el2
	bl	trap_mmio_failed
	check_requests sync_fast_return

/*
 * The fast path of a synchronous exception did not serve it: complete the
 * frame (x19-x29, ELR_EL2, SPSR_EL2) and take the general path.
 */
sync_slow:
	str	x19, [sp, #16 * 9 + 8]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	mrs	x21, elr_el2
	mrs	x22, spsr_el2
	stp	x21, x22, [sp, #FRAME_ELR]
	mov	x0, sp
	bl	trap_guest_sync
	check_requests frame_return

/* Restore the registers the synchronous fast path saved and return (ELR_EL2 is live). */
sync_fast_return:
	restore_x0_x17
	ldr	x18, [sp, #16 * 9]
	ldr	x30, [sp, #FRAME_ELR - 8]
	add	sp, sp, #FRAME_SIZE
	eret

/* Restore the caller-saved registers of an interrupt frame and return. */
irq_return:
	restore_x0_x17
	ldp	x18, x30, [sp, #16 * 9]
	add	sp, sp, #FRAME_SIZE
	eret

/* Restore the frame at sp and return to the guest. */
frame_return:
	ldr	x22, [sp, #FRAME_SPSR]
	ldp	x30, x21, [sp, #FRAME_ELR - 8]
	msr	elr_el2, x21
	msr	spsr_el2, x22
	restore_x0_x17
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	add	sp, sp, #FRAME_SIZE
	eret

/*
 * void guest_enter(struct trap_frame *f): first entry of a vCPU. The frame is
 * moved to the top of this core's stack (the stack is reset: nothing below
 * survives a guest entry) and restored as on a trap return. @f lives lower on
 * the same stack and may overlap the destination, so copy from the top down.
 */
	.global guest_enter
guest_enter:
	mov	x1, x0
	mrs	x2, tpidr_el2		/* struct cpu *: stack_top is its first field */
	ldr	x2, [x2, #CPU_STACK_TOP]
	sub	x2, x2, #FRAME_SIZE
	mov	x3, #FRAME_SIZE
1:	sub	x3, x3, #8
	ldr	x4, [x1, x3]
	str	x4, [x2, x3]
	cbnz	x3, 1b
	mov	sp, x2
	b	frame_return
