/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The exception frame, shared by vectors.S and the kernel: x0..x30, ELR_EL1,
 * SPSR_EL1 and one pad word (16-byte multiple), pushed on the interrupted
 * task's own stack. A task's saved context is just the address of this frame.
 */
#ifndef GUESTS_RTOS_FRAME_H
#define GUESTS_RTOS_FRAME_H

#define FRAME_ELR  (31 * 8)
#define FRAME_SPSR (32 * 8)
#define FRAME_SIZE (34 * 8)

/* Exception kinds passed from the vector table to kernel_entry(). */
#define EXC_SYNC   0
#define EXC_IRQ	   1
#define EXC_FIQ	   2
#define EXC_SERROR 3
#define EXC_OTHER  4 /* from SP_EL0 or a lower EL: never expected */

#ifndef __ASSEMBLY__
#include <stdint.h>

struct frame {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
	uint64_t pad;
};

_Static_assert(sizeof(struct frame) == FRAME_SIZE, "frame layout shared with vectors.S");
#endif

#endif
