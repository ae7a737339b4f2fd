/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL1 exception vectors of every guest (Arm ARM D1.10.2: 16 entries of 0x80
 * bytes, the table aligned to 2 KiB).
 *
 * Each entry pushes a struct rt_frame (frame.h) on the current stack -- the
 * interrupted task's own, for the RTOS -- with the virtual counter read by
 * its second instruction in frame->stamp (the exception entry synchronizes
 * the context, no ISB is needed), and calls rt_exception(frame, vector).
 * That returns the frame to resume: the same one, or another task's after a
 * context switch. We restore it and ERET. PSTATE.I stays set while the hooks
 * run, so exceptions do not nest.
 */
#include <guests/lib/frame.h>

.macro vector index
	.balign	0x80
	stp	x0, x1, [sp, #-FRAME_SIZE]!
	mrs	x0, cntvct_el0
	mov	x1, #\index
	b	exception_common
.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.global	rt_vectors
rt_vectors:
	vector	0
	vector	1
	vector	2
	vector	3
	vector	4
	vector	5
	vector	6
	vector	7
	vector	8
	vector	9
	vector	10
	vector	11
	vector	12
	vector	13
	vector	14
	vector	15

exception_common:
	str	x0, [sp, #FRAME_STAMP]
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
	mov	x0, sp
	bl	rt_exception
	/* fall through: resume the frame rt_exception returned */

/* rt_frame_resume(frame): restore a saved frame and return into it. */
	.global	rt_frame_resume
rt_frame_resume:
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
