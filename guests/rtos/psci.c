// SPDX-License-Identifier: GPL-2.0-only
#include <guests/rtos/psci.h>

#define PSCI_SYSTEM_OFF 0x84000008u

static enum psci_conduit psci_conduit = PSCI_NONE;

void psci_init(enum psci_conduit conduit)
{
	psci_conduit = conduit;
}

const char *psci_conduit_name(void)
{
	return psci_conduit == PSCI_HVC ? "hvc" : psci_conduit == PSCI_SMC ? "smc" : "none";
}

/* SMCCC: function id in w0, result in x0; x1..x17 may be clobbered (SMCCC 1.0). */
#define SMCCC_CLOBBERS                                                                             \
	"x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",   \
		"x15", "x16", "x17", "memory"

static void psci_call(uint64_t fn)
{
	register uint64_t x0 __asm__("x0") = fn;

	if (psci_conduit == PSCI_HVC)
		__asm__ volatile("hvc #0" : "+r"(x0) : : SMCCC_CLOBBERS);
	else if (psci_conduit == PSCI_SMC)
		__asm__ volatile("smc #0" : "+r"(x0) : : SMCCC_CLOBBERS);
}

void psci_system_off(void)
{
	psci_call(PSCI_SYSTEM_OFF);
}
