/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What EL2 traps of a guest's EL1 and EL0, decided from the ID registers: the
 * PMU and debug isolation (MDCR_EL2), pointer authentication (HCR_EL2.API/APK),
 * and the decoding of a trapped PMU or debug register access. Pure functions
 * of register values: compiled for the host too and unit-tested
 * (tests/unit/test_el1_policy.c). The hardware side is arch/arm64/el1_state.c;
 * the policy is described in docs/reliability.md ("Restart hygiene").
 */
#ifndef ARCH_ARM64_EL1_POLICY_H
#define ARCH_ARM64_EL1_POLICY_H

#include <stdbool.h>
#include <stdint.h>

/* ID_AA64DFR0_EL1.PMUVer values (Arm ARM D19.2.59). */
#define PMUVER_NONE   0x0
#define PMUVER_V3     0x1
#define PMUVER_V3P1   0x4
#define PMUVER_V3P4   0x5
#define PMUVER_V3P5   0x6
#define PMUVER_IMPDEF 0xf

/* The optional EL1 features whose state a restart resets or EL2 must isolate. */
struct el1_features {
	unsigned int pmuver;	   /* PMUVER_*; PMUVER_NONE also for an IMPDEF PMU */
	unsigned int pmu_counters; /* PMCR_EL0.N: event counters */
	unsigned int brps, wrps;   /* breakpoints, watchpoints */
	bool pauth;		   /* FEAT_PAuth: any of APA, API, GPA, GPI, APA3, GPA3 */
	bool lor;		   /* FEAT_LOR: LORegion registers */
	bool ras;		   /* FEAT_RAS: DISR_EL1 */
	bool sme;		   /* FEAT_SME: TPIDR2_EL0 (EL1 reaches it without an EL2 trap) */
};

/* Raw ID register values, as read at EL2 (or made up by a unit test). */
struct el1_id_regs {
	uint64_t dfr0;	/* ID_AA64DFR0_EL1 */
	uint64_t isar1; /* ID_AA64ISAR1_EL1 */
	uint64_t isar2; /* ID_AA64ISAR2_EL1 (RAZ before Armv8.7) */
	uint64_t mmfr1; /* ID_AA64MMFR1_EL1 */
	uint64_t pfr0;	/* ID_AA64PFR0_EL1 */
	uint64_t pfr1;	/* ID_AA64PFR1_EL1 */
	uint64_t pmcr;	/* PMCR_EL0 (only N is used; ignored without a PMU) */
};

void el1_features_decode(const struct el1_id_regs *id, struct el1_features *ft);

/*
 * MDCR_EL2 for a guest: every counter to EL1/EL0 (HPMN = N); PMU accesses
 * trapped (TPM) unless the hardware itself stops both the event counters and
 * the cycle counter at EL2 (HPMD and HCCD, FEAT_PMUv3p5); HPMD set wherever it
 * exists; the debug ROM address trapped (TDRA, read as zero); debug registers
 * and the OS lock not trapped (debug exceptions never target EL2 with TDE 0).
 */
uint64_t el1_mdcr(const struct el1_features *ft);

/* HCR_EL2 bits to add: API and APK when pointer authentication exists. */
uint64_t el1_hcr_extra(const struct el1_features *ft);

/* True when el1_mdcr() traps the PMU (the guest's accesses are emulated). */
bool el1_pmu_trapped(const struct el1_features *ft);

/* An event type or cycle filter as the guest may set it: never counting at EL2. */
uint64_t pmu_filter_sanitize(uint64_t value);

/* A trapped register access Bulkhead emulates. */
enum el1_trapped_reg {
	TREG_NONE,
	TREG_PMCR,
	TREG_PMCNTENSET,
	TREG_PMCNTENCLR,
	TREG_PMOVSCLR,
	TREG_PMSWINC,
	TREG_PMSELR,
	TREG_PMCEID0,
	TREG_PMCEID1,
	TREG_PMCCNTR,
	TREG_PMXEVTYPER,
	TREG_PMXEVCNTR,
	TREG_PMUSERENR,
	TREG_PMOVSSET,
	TREG_PMINTENSET,
	TREG_PMINTENCLR,
	TREG_PMMIR,
	TREG_PMEVCNTR,	/* PMEVCNTR<n>_EL0, n in .n */
	TREG_PMEVTYPER, /* PMEVTYPER<n>_EL0; n == 31 is PMCCFILTR_EL0 */
	TREG_MDRAR,	/* MDRAR_EL1: read as zero (no debug ROM address for guests) */
};

struct el1_access {
	enum el1_trapped_reg reg;
	unsigned int n;	 /* counter number for TREG_PMEVCNTR / TREG_PMEVTYPER */
	unsigned int rt; /* general-purpose register, 31: XZR */
	bool read;
};

/* Decode the ISS of a trapped MSR/MRS (EC 0x18); false if not one of the above. */
bool el1_access_decode(uint64_t iss, struct el1_access *a);

#endif
