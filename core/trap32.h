/* SPDX-License-Identifier: GPL-2.0-only */
/* Traps from AArch32 EL1 partitions (core/trap32.c, docs/design.md "AArch32 partitions"). */
#ifndef CORE_TRAP32_H
#define CORE_TRAP32_H

#include <arch/arm64/trap.h>

#include <stdbool.h>
#include <stdint.h>

/* An exception class only AArch32 produces: handled (true) or unknown (false). */
bool trap32_handle(struct trap_frame *f, uint64_t esr);

/* The AArch32-only EL1 state in EL2 registers, reset for a (re)starting AArch32 vCPU. */
void trap32_vcpu_reset(bool aarch32);

/* Can this core run AArch32 at EL1 (ID_AA64PFR0_EL1.EL1 == 2)? */
bool trap32_cores_support(void);

#endif
