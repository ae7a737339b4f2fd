/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Calls from guests, HVC or SMC, per the SMC Calling Convention (ARM DEN0028):
 * x0 = function ID, x1..x7 = arguments, results in x0..x3.
 */
#ifndef CORE_HVC_H
#define CORE_HVC_H

#include <arch/arm64/trap.h>
#include <lib/smccc.h>

#include <stdint.h>

/* SMCCC, PSCI and Bulkhead call IDs and return codes: lib/smccc.h (docs/conventions.md). */

void hvc_handle(struct trap_frame *f);

/* PSCI (ARM DEN0022) for the calling vCPU; @fid is PSCI's. */
void psci_handle(struct trap_frame *f, uint32_t fid);

#endif
