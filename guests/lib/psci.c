// SPDX-License-Identifier: GPL-2.0-only
/* SMCCC and PSCI calls: see psci.h. */
#include <guests/lib/psci.h>
#include <guests/lib/sysreg.h>

/* Set once by the boot core before the other cores start. */
static enum psci_conduit conduit = PSCI_CONDUIT_HVC;

void psci_init(enum psci_conduit c)
{
	conduit = c;
}

const char *psci_conduit_name(void)
{
	return conduit == PSCI_CONDUIT_HVC ? "hvc" : conduit == PSCI_CONDUIT_SMC ? "smc" : "none";
}

int64_t psci_call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	if (conduit == PSCI_CONDUIT_HVC)
		return (int64_t)smccc_hvc(fid, a1, a2, a3, 0, 0, 0, 0).a0;
	if (conduit == PSCI_CONDUIT_SMC)
		return (int64_t)smccc_smc(fid, a1, a2, a3, 0, 0, 0, 0).a0;
	return PSCI_NOT_SUPPORTED;
}

int64_t psci_cpu_on(uint64_t mpidr, void (*entry)(void), uint64_t context)
{
	return psci_call(PSCI_CPU_ON_NATIVE, mpidr, (uint64_t)(uintptr_t)entry, context);
}

int64_t psci_cpu_off(void)
{
	return psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

int64_t psci_affinity_info(uint64_t mpidr)
{
	return psci_call(PSCI_AFF_INFO_NATIVE, mpidr, 0, 0);
}

void psci_system_off(void)
{
	(void)psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
}

void psci_system_reset(void)
{
	(void)psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
}
