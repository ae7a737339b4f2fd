/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AArch32 PL1 exception vectors of every guest built for AArch32 (Arm ARM
 * G1.12.1: eight A32 words at VBAR; SCTLR.TE = 0, V = 0).
 *
 * Each entry adjusts LR to the preferred return address, stores it and the
 * SPSR on the System mode stack with SRS (the interrupted context's own stack:
 * the library and the RTOS's tasks run in System mode), switches to System
 * mode, pushes r0-r12 and r14, then the virtual counter and the vector
 * (struct rt_frame, frame.h) and calls rt_exception(frame, VEC_*). That
 * returns the frame to resume (another task's after a context switch);
 * rt_frame_resume pops it and returns with RFE. CPSR.I stays set while the
 * hooks run (the exception masked it), so exceptions do not nest; the
 * exception modes' own SP and LR are scratch and need no stack.
 *
 * Undefined Instruction: QEMU 7.2 (TCG) does not show the SPSR_und that EL2
 * wrote when Bulkhead injects one for a trapped CP15/CP14 access (its ERET
 * to AArch32 leaves the mode's SPSR as it was: docs/design.md "AArch32
 * partitions"), so the frame's SPSR is the state the library runs in (System,
 * A32, A I F masked) rather than SPSR_und.
 */
#include <guests/lib/frame.h>
#include <guests/lib/sysreg.h>

	.syntax	unified
	.arch	armv8-a
	.arm

/* vector a32, VEC_*, LR adjustment (G1.12.3 preferred return: LR - adjust) */
.macro entry a32, vec, adjust
	.if	\adjust
	sub	lr, lr, #\adjust
	.endif
	srsdb	sp!, #PSR_MODE_SYS
	cps	#PSR_MODE_SYS
	push	{r0-r12, r14}
	mov	r2, #\a32
	mov	r3, #\vec
	b	exception_common
.endm

	.section .text.vectors, "ax"
	.balign	32
	.global	rt_vectors
rt_vectors:
	b	.			/* reset: not taken at PL1 */
	b	vec_undef
	b	vec_svc
	b	vec_pabt
	b	vec_dabt
	b	.			/* not used */
	b	vec_irq
	b	vec_fiq

vec_undef:
	/* LR_und is past the instruction (A32: + 4): resume after it, SPSR as above. */
	mov	sp, #(PSR_MODE_SYS | PSR_A | PSR_I | PSR_F)
	msr	spsr_cxsf, sp
	entry	A32_VEC_UNDEF, VEC_SYNC, 0
vec_svc:
	entry	A32_VEC_SVC, VEC_SYNC, 0
vec_pabt:
	entry	A32_VEC_PABT, VEC_SYNC, 4
vec_dabt:
	entry	A32_VEC_DABT, VEC_SYNC, 8
vec_irq:
	entry	A32_VEC_IRQ, VEC_IRQ, 4
vec_fiq:
	entry	A32_VEC_FIQ, VEC_FIQ, 4

exception_common:
	mrrc	p15, 1, r0, r1, c14	/* CNTVCT: the frame's stamp */
	push	{r0-r3}			/* stamp, vector, (pad = VEC_*) */
	mov	r0, sp
	mov	r2, r3			/* rt_exception(frame, uint64_t vector): r2:r3 */
	mov	r3, #0
	bic	sp, sp, #7		/* AAPCS: 8-byte aligned at the call */
	bl	rt_exception
	/* fall through: resume the frame rt_exception returned */

/* rt_frame_resume(frame): restore a saved frame and return into it (System mode). */
	.global	rt_frame_resume
rt_frame_resume:
	add	sp, r0, #16
	pop	{r0-r12, r14}
	rfeia	sp!
