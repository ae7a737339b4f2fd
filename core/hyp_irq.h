/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL2's own interrupts (as Bao's interrupts_reserve): each owner reserves its
 * INTIDs with a handler at boot; trap_guest_irq (core/virq.c) hands every
 * physical interrupt that is not a partition's to the handler of its INTID.
 * Owners today: the kick SGI (core/lifecycle.c), the vGIC maintenance PPI
 * (core/virq.c), the EL2 timer (core/vwdt.c), the console's receive
 * interrupt and the SMMU's event/GERROR interrupts (core/boot.c for them).
 *
 * Owner of the table: written on the boot core before any core takes an
 * interrupt, read-only afterwards (no lock).
 */
#ifndef CORE_HYP_IRQ_H
#define CORE_HYP_IRQ_H

#include <lib/compiler.h>

#include <stdbool.h>
#include <stdint.h>

/* Runs with interrupts masked, on the core that took @intid, after its priority drop. */
typedef void (*hyp_irq_handler)(uint32_t intid, void *arg);

/* 0, -EINVAL (not an INTID), -EBUSY (already reserved). */
int __must_check hyp_irq_reserve(uint32_t intid, hyp_irq_handler fn, void *arg, const char *owner);

/* Dispatch @intid; false if nobody reserved it. */
bool hyp_irq_dispatch(uint32_t intid);

#endif
