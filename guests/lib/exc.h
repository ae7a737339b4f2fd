/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exceptions taken at EL1 (arch/<arch>/vectors.S): hooks in C. A guest that
 * expects none installs nothing: any exception is then reported on the
 * console and the core halts; tests match the report:
 *   [<name>: ]exception: <kind> at EL1: ESR 0x... (EC 0x.. <class>), FAR 0x..., ELR 0x..., SPSR 0x...
 *   [<name>: ]exception: <kind> at PL1: FSR 0x..., FAR 0x..., ELR 0x..., SPSR 0x...   (AArch32)
 * One is handled without a hook: without EL2, "hvc #0" is UNDEFINED and
 * answers SMCCC NOT_SUPPORTED (so the console falls back to the PL011).
 *
 * A hook returns the frame to resume (@f, or another context's for a context
 * switch), or NULL when it does not handle the exception (then the default
 * report). Hooks are global (every core), set before interrupts are unmasked.
 */
#ifndef GUESTS_LIB_EXC_H
#define GUESTS_LIB_EXC_H

#include <guests/lib/frame.h>

#include <stdbool.h>
#include <stdint.h>

typedef struct rt_frame *(*rt_exc_hook)(struct rt_frame *f);

/* IRQ at EL1h (vector 5). */
void rt_set_irq_hook(rt_exc_hook hook);
/* Synchronous exception at EL1h (vector 4). */
void rt_set_sync_hook(rt_exc_hook hook);

/* Called by vectors.S: dispatch, returns the frame to resume. */
struct rt_frame *rt_exception(struct rt_frame *f, uint64_t vector);

/* Print the default report of an exception (without halting). */
void rt_exc_report(const struct rt_frame *f, uint64_t vector);

/* The architecture's half (arch/<arch>/exc.c). */
/* No EL2: "hvc #0" is UNDEFINED: answers NOT_SUPPORTED and returns @f, or NULL if it was not that. */
struct rt_frame *rt_exc_hvc_undefined(struct rt_frame *f);
/* Whether the synchronous exception being handled is an SVC (the RTOS's calls). */
bool rt_frame_is_svc(const struct rt_frame *f);
/*
 * What the synchronous exception of @f says: ESR_EL1 and FAR_EL1 (AArch32: the
 * abort's DFSR/DFAR or IFSR/IFAR, 0 for the other vectors).
 */
void rt_exc_syndrome(const struct rt_frame *f, uint64_t *syndrome, uint64_t *address);

/* Restore @f and return into it (vectors.S); for starting a new context. */
__attribute__((noreturn)) void rt_frame_resume(struct rt_frame *f);

#endif
