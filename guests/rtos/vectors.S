/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL1 exception vectors (Arm ARM D1.10.2: 16 entries of 0x80 bytes, table
 * aligned to 2 KiB) and the one way into and out of the kernel.
 *
 * Tasks run at EL1h on their own stacks, so an exception pushes a struct frame
 * (frame.h) on the interrupted task's stack. kernel_entry(frame, kind) returns
 * the frame to resume -- the same one, or another task's after a context
 * switch -- and we restore it and ERET. The kernel itself never unmasks
 * interrupts, so exceptions do not nest.
 */
#include <guests/rtos/frame.h>

.macro vector kind
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #16 * 0]
	mov	x0, #\kind
	b	exception_common
.endm

	.text
	.balign	0x800
	.global	el1_vectors
el1_vectors:
	/* Current EL with SP_EL0: tasks never use SP_EL0. */
	vector	EXC_OTHER
	vector	EXC_OTHER
	vector	EXC_OTHER
	vector	EXC_OTHER
	/* Current EL with SP_EL1: tasks and the kernel. */
	vector	EXC_SYNC
	vector	EXC_IRQ
	vector	EXC_FIQ
	vector	EXC_SERROR
	/* Lower EL, AArch64 and AArch32: there is no EL0 here. */
	vector	EXC_OTHER
	vector	EXC_OTHER
	vector	EXC_OTHER
	vector	EXC_OTHER
	vector	EXC_OTHER
	vector	EXC_OTHER
	vector	EXC_OTHER
	vector	EXC_OTHER

exception_common:
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	mrs	x21, elr_el1
	mrs	x22, spsr_el1
	stp	x30, x21, [sp, #FRAME_ELR - 8]
	str	x22, [sp, #FRAME_SPSR]
	mov	x1, x0
	mov	x0, sp
	bl	kernel_entry
	/* fall through: resume the frame kernel_entry returned */

/* frame_resume(frame): restore a saved frame and return into its task. */
	.global	frame_resume
frame_resume:
	mov	sp, x0
	ldr	x22, [sp, #FRAME_SPSR]
	ldp	x30, x21, [sp, #FRAME_ELR - 8]
	msr	elr_el1, x21
	msr	spsr_el1, x22
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	add	sp, sp, #FRAME_SIZE
	eret
