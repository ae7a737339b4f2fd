/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMCCC calls through HVC or SMC, and PSCI (ARM DEN0022D) through the
 * conduit the device tree names (/psci method; HVC until psci_init() says
 * otherwise, which is what Bulkhead offers). IDs: lib/smccc.h.
 */
#ifndef GUESTS_LIB_PSCI_H
#define GUESTS_LIB_PSCI_H

#include <lib/smccc.h>

#include <stdint.h>

struct smccc_res {
	uint64_t a0, a1, a2, a3;
};

/*
 * SMCCC 1.1 through HVC #0 or SMC #0 (arch/<arch>/smccc.c): AArch64: x0..x17
 * may change, x18 and up do not; AArch32: r0..r7 carry the low 32 bits of the
 * arguments, a0 comes back sign-extended (the 32-bit error codes compare
 * equal to SMCCC_NOT_SUPPORTED and PSCI's), a1..a3 zero-extended.
 */
struct smccc_res smccc_hvc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			   uint64_t a5, uint64_t a6, uint64_t a7);
struct smccc_res smccc_smc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			   uint64_t a5, uint64_t a6, uint64_t a7);

enum psci_conduit {
	PSCI_CONDUIT_NONE,
	PSCI_CONDUIT_HVC,
	PSCI_CONDUIT_SMC,
};

/* The conduit from the device tree's PSCI node (dt_psci_conduit()). */
void psci_init(enum psci_conduit conduit);
const char *psci_conduit_name(void);

/* One PSCI call; x0 as a signed value (PSCI_SUCCESS, PSCI_* errors); NOT_SUPPORTED without PSCI. */
int64_t psci_call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3);

/* CPU_ON (SMC64 on AArch64, SMC32 on AArch32) of the core with affinity @mpidr at @entry with x0 = @context. */
int64_t psci_cpu_on(uint64_t mpidr, void (*entry)(void), uint64_t context);
int64_t psci_cpu_off(void);
int64_t psci_affinity_info(uint64_t mpidr);
/* SYSTEM_OFF / SYSTEM_RESET: return only if there is no PSCI or the call failed. */
void psci_system_off(void);
void psci_system_reset(void);

#endif
