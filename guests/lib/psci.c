// SPDX-License-Identifier: GPL-2.0-only
/* SMCCC and PSCI calls: see psci.h. */
#include <guests/lib/psci.h>

/* Set once by the boot core before the other cores start. */
static enum psci_conduit conduit = PSCI_CONDUIT_HVC;

#define SMCCC_CALL(insn)                                                                           \
	register uint64_t x0 __asm__("x0") = fid;                                                  \
	register uint64_t x1 __asm__("x1") = a1;                                                   \
	register uint64_t x2 __asm__("x2") = a2;                                                   \
	register uint64_t x3 __asm__("x3") = a3;                                                   \
	register uint64_t x4 __asm__("x4") = a4;                                                   \
	register uint64_t x5 __asm__("x5") = a5;                                                   \
	register uint64_t x6 __asm__("x6") = a6;                                                   \
	register uint64_t x7 __asm__("x7") = a7;                                                   \
	__asm__ volatile(                                                                          \
		insn                                                                               \
		: "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5), "+r"(x6), "+r"(x7)   \
		:                                                                                  \
		: "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory");   \
	return (struct smccc_res)                                                                  \
	{                                                                                          \
		x0, x1, x2, x3                                                                     \
	}

struct smccc_res smccc_hvc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			   uint64_t a5, uint64_t a6, uint64_t a7)
{
	SMCCC_CALL("hvc #0");
}

struct smccc_res smccc_smc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			   uint64_t a5, uint64_t a6, uint64_t a7)
{
	SMCCC_CALL("smc #0");
}

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
	return psci_call(PSCI_CPU_ON | SMCCC_64BIT, mpidr, (uint64_t)(uintptr_t)entry, context);
}

int64_t psci_cpu_off(void)
{
	return psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

int64_t psci_affinity_info(uint64_t mpidr)
{
	return psci_call(PSCI_AFFINITY_INFO | SMCCC_64BIT, mpidr, 0, 0);
}

void psci_system_off(void)
{
	(void)psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
}

void psci_system_reset(void)
{
	(void)psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
}
