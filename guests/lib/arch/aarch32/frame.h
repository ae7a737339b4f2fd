/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The AArch32 exception frame (arch/aarch32/vectors.S), pushed on the System
 * mode stack of the interrupted context: SRS stores the return address and
 * SPSR of the exception mode there, then r0-r12 and LR, then the virtual
 * counter and the AArch32 vector. The frame is 4-byte aligned (a context's
 * SP need not be 8-byte aligned between calls), hence the packed stamp.
 */
#ifndef GUESTS_LIB_ARCH_AARCH32_FRAME_H
#define GUESTS_LIB_ARCH_AARCH32_FRAME_H

#define FRAME_LR   13 /* x[13] is r14: the frame is r13 (SP) itself */
#define FRAME_SIZE 80

/* The AArch32 vector offsets / 4 (Arm ARM G1.12.1), kept in frame->vector. */
#define A32_VEC_UNDEF 1
#define A32_VEC_SVC   2
#define A32_VEC_PABT  3
#define A32_VEC_DABT  4
#define A32_VEC_IRQ   6
#define A32_VEC_FIQ   7

#ifndef __ASSEMBLY__
#include <stdint.h>

struct rt_frame {
	uint64_t stamp __attribute__((packed, aligned(4))); /* CNTVCT at the vector */
	uint32_t vector;				    /* A32_VEC_* */
	uint32_t pad;
	uint32_t x[14]; /* r0..r12, r14 */
	uint32_t elr;	/* where the context resumes (the exception's LR, adjusted) */
	uint32_t spsr;	/* its CPSR */
};

_Static_assert(sizeof(struct rt_frame) == FRAME_SIZE, "frame layout shared with vectors.S");
#endif

#endif
