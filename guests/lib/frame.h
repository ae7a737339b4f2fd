/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The exception frame the guest library's vectors (vectors.S) push on the
 * interrupted context's stack, shared by the assembly and C: x0..x30,
 * ELR_EL1, SPSR_EL1 and the virtual counter read by the vector's second
 * instruction (the "handler entry" time the latency benchmarks use).
 */
#ifndef GUESTS_LIB_FRAME_H
#define GUESTS_LIB_FRAME_H

#define FRAME_ELR   (31 * 8)
#define FRAME_SPSR  (32 * 8)
#define FRAME_STAMP (33 * 8)
#define FRAME_SIZE  (34 * 8)

/* Vector index (Arm ARM D1.10.2): 4 groups of sync, IRQ, FIQ, SError. */
#define VEC_SYNC_SP0 0
#define VEC_SYNC     4 /* current EL with SP_ELx */
#define VEC_IRQ	     5
#define VEC_FIQ	     6
#define VEC_SERROR   7

#ifndef __ASSEMBLY__
#include <stdint.h>

struct rt_frame {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
	uint64_t stamp; /* CNTVCT_EL0 at the exception entry */
};

_Static_assert(sizeof(struct rt_frame) == FRAME_SIZE, "frame layout shared with vectors.S");
#endif

#endif
