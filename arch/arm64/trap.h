/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The register state a trap from a guest saves on the core's EL2 stack.
 * A core runs one vCPU for its whole life (static partitioning), so the EL1
 * system registers stay in the core and only the general-purpose registers,
 * ELR_EL2 and SPSR_EL2 are saved: the exception path is short.
 */
#ifndef ARCH_ARM64_TRAP_H
#define ARCH_ARM64_TRAP_H

#include <stdint.h>

struct trap_frame {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
	uint64_t pad;
};

_Static_assert(sizeof(struct trap_frame) == 34 * 8, "asm.h FRAME_SIZE");

/* Handlers called from vectors.S. */
void trap_guest_sync(struct trap_frame *f);
/*
 * AArch64 guests' fast path: @f holds x0-x18 and x30 only (vectors.S,
 * core/trap.c). Returns TRAP_FAST_DONE, TRAP_FAST_STEP (done: vectors.S steps
 * ELR_EL2 past the 4-byte instruction), TRAP_FAST_SLOW (nothing done: the full
 * frame and trap_guest_sync) or an emulated device's negative errno
 * (vectors.S reports it through trap_mmio_failed).
 */
#define TRAP_FAST_DONE 0
#define TRAP_FAST_SLOW 1
#define TRAP_FAST_STEP 2 /* vectors.S tests the value itself */
int trap_guest_sync_fast(struct trap_frame *f, uint64_t esr);
void trap_mmio_failed(struct trap_frame *f, uint64_t esr, int err);
/* For interrupts @f holds only the caller-saved registers (vectors.S). */
void trap_guest_irq(struct trap_frame *f);
void trap_guest_serror(struct trap_frame *f);
void trap_hyp_fault(struct trap_frame *f, uint64_t kind);

/* Enter a guest for the first time: restores @f and erets. Never returns. */
void __attribute__((noreturn)) guest_enter(struct trap_frame *f);

#endif
