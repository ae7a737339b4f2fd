/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Function IDs and return codes of the calls a guest makes with HVC or SMC:
 * the SMC Calling Convention (ARM DEN0028), PSCI 1.0 (ARM DEN0022D) and
 * Bulkhead's own calls (docs/conventions.md). One set for the hypervisor,
 * which answers them (core/hvc.c, core/psci.c), and the guests
 * (guests/lib/), which make them.
 */
#ifndef LIB_SMCCC_H
#define LIB_SMCCC_H

#ifndef __ASSEMBLY__
#include <stdint.h>
#endif

/* SMCCC: x0 = function ID; bit 30 set = SMC64 (64-bit arguments). */
#define SMCCC_64BIT		 0x40000000U
#define SMCCC_VERSION		 0x80000000U
#define SMCCC_ARCH_FEATURES	 0x80000001U
#define SMCCC_NOT_SUPPORTED	 ((uint64_t)-1)
#define SMCCC_INVALID_PARAMETERS ((uint64_t)-2)

/* PSCI function IDs (SMC32 form; OR SMCCC_64BIT for the SMC64 ones). */
#define PSCI_VERSION	       0x84000000U
#define PSCI_CPU_SUSPEND       0x84000001U
#define PSCI_CPU_OFF	       0x84000002U
#define PSCI_CPU_ON	       0x84000003U
#define PSCI_AFFINITY_INFO     0x84000004U
#define PSCI_MIGRATE	       0x84000005U
#define PSCI_MIGRATE_INFO_TYPE 0x84000006U
#define PSCI_SYSTEM_OFF	       0x84000008U
#define PSCI_SYSTEM_RESET      0x84000009U
#define PSCI_FEATURES	       0x8400000aU
#define PSCI_SYSTEM_SUSPEND    0x8400000eU
#define PSCI_SYSTEM_RESET2     0x84000012U

/* The SMC64 forms of the calls that take an address or an MPIDR. */
#define PSCI_CPU_SUSPEND_64   (PSCI_CPU_SUSPEND | SMCCC_64BIT)
#define PSCI_CPU_ON_64	      (PSCI_CPU_ON | SMCCC_64BIT)
#define PSCI_AFFINITY_INFO_64 (PSCI_AFFINITY_INFO | SMCCC_64BIT)
#define PSCI_MIGRATE_64	      (PSCI_MIGRATE | SMCCC_64BIT)

/* PSCI return codes (signed 32-bit values in x0). */
#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED		(-3)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_ON_PENDING		(-5)

/* AFFINITY_INFO results. */
#define PSCI_AFF_ON	    0
#define PSCI_AFF_OFF	    1
#define PSCI_AFF_ON_PENDING 2

/* Bulkhead's vendor-specific hypervisor calls (owner 6, fast, SMC64). */
#define BH_HVC_INFO	     0xc6000000U
#define BH_HVC_CONSOLE_WRITE 0xc6000001U
#define BH_HVC_CONSOLE_MAX   48		 /* bytes per CONSOLE_WRITE, in x2..x7 */
#define BH_HVC_STACK_USAGE   0xc6000002U /* EL2 stack high-water mark of a vCPU's core */
/*
 * The same calls with SMC32 IDs, for AArch32 guests (an AArch32 caller cannot
 * use SMC64 IDs, DEN0028 2.5): arguments and results in W registers; the
 * console write packs 4 bytes per register (r2..r7).
 */
#define BH_HVC32_INFO	       0x86000000U
#define BH_HVC32_CONSOLE_WRITE 0x86000001U
#define BH_HVC32_CONSOLE_MAX   24
#define BH_HVC32_STACK_USAGE   0x86000002U

#endif
