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
/* AArch64 guests' fast path: @f holds x0-x18 and x30 only (vectors.S, core/trap.c). */
int trap_guest_sync_fast(struct trap_frame *f, uint64_t esr);
/* For interrupts @f holds only the caller-saved registers (vectors.S). */
void trap_guest_irq(struct trap_frame *f);
void trap_guest_serror(struct trap_frame *f);
void trap_hyp_fault(struct trap_frame *f, uint64_t kind);

/* Enter a guest for the first time: restores @f and erets. Never returns. */
void __attribute__((noreturn)) guest_enter(struct trap_frame *f);

#endif
