/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Calls from guests, HVC or SMC, per the SMC Calling Convention (ARM DEN0028):
 * x0 = function ID, x1..x7 = arguments, results in x0..x3.
 */
#ifndef CORE_HVC_H
#define CORE_HVC_H

#include <arch/arm64/trap.h>

#include <stdint.h>

#define SMCCC_NOT_SUPPORTED	 ((uint64_t)-1)
#define SMCCC_INVALID_PARAMETERS ((uint64_t)-2)

#define SMCCC_VERSION	    0x80000000U
#define SMCCC_ARCH_FEATURES 0x80000001U

/* Bulkhead's own calls (docs/conventions.md). */
#define BH_HVC_INFO	     0xc6000000U
#define BH_HVC_CONSOLE_WRITE 0xc6000001U
#define BH_HVC_STACK_USAGE   0xc6000002U

void hvc_handle(struct trap_frame *f);

/* PSCI (ARM DEN0022) for the calling vCPU; @fid is PSCI's. */
void psci_handle(struct trap_frame *f, uint32_t fid);

#endif
