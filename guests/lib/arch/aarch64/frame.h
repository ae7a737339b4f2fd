/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The AArch64 exception frame (arch/aarch64/vectors.S pushes it on the
 * interrupted context's stack): x0..x30, ELR_EL1, SPSR_EL1 and the virtual
 * counter read by the vector's second instruction.
 */
#ifndef GUESTS_LIB_ARCH_AARCH64_FRAME_H
#define GUESTS_LIB_ARCH_AARCH64_FRAME_H

#define FRAME_ELR   (31 * 8)
#define FRAME_SPSR  (32 * 8)
#define FRAME_STAMP (33 * 8)
#define FRAME_SIZE  (34 * 8)
#define FRAME_LR    30 /* x30 */

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
