// SPDX-License-Identifier: GPL-2.0-only
/*
 * A guest's EL1 state on its core (el1_state.h): MDCR_EL2 and pointer
 * authentication at vCPU set-up, the reset of every EL1 register when a vCPU
 * (re)starts, and the emulation of the PMU registers trapped by MDCR_EL2.TPM.
 *
 * A core runs one partition for life and EL2 never switches EL1 context, so
 * "reset" means writing the registers in place from EL2, as the core's own
 * reset would (Arm ARM D1.9 "Reset": most EL1 registers reset to UNKNOWN
 * values; Bulkhead makes them zero, or the architectural value where there is
 * one, so that nothing of a previous life is visible to the next).
 */
#include <arch/arm64/cpu.h>
#include <arch/arm64/el1_policy.h>
#include <arch/arm64/el1_state.h>
#include <arch/arm64/sysreg.h>

/* Encodings the assembler only names for later architecture versions. */
#define ID_AA64ISAR2_EL1 s3_0_c0_c6_2
#define APIAKEYLO_EL1	 s3_0_c2_c1_0
#define APIAKEYHI_EL1	 s3_0_c2_c1_1
#define APIBKEYLO_EL1	 s3_0_c2_c1_2
#define APIBKEYHI_EL1	 s3_0_c2_c1_3
#define APDAKEYLO_EL1	 s3_0_c2_c2_0
#define APDAKEYHI_EL1	 s3_0_c2_c2_1
#define APDBKEYLO_EL1	 s3_0_c2_c2_2
#define APDBKEYHI_EL1	 s3_0_c2_c2_3
#define APGAKEYLO_EL1	 s3_0_c2_c3_0
#define APGAKEYHI_EL1	 s3_0_c2_c3_1
#define LORSA_EL1	 s3_0_c10_c4_0
#define LOREA_EL1	 s3_0_c10_c4_1
#define LORN_EL1	 s3_0_c10_c4_2
#define LORC_EL1	 s3_0_c10_c4_3
#define DISR_EL1	 s3_0_c12_c1_1
#define VDISR_EL2	 s3_4_c12_c1_1
#define TPIDR2_EL0	 s3_3_c13_c0_5

/*
 * ACTLR_EL1 is IMPLEMENTATION DEFINED: its reset value is what the core held
 * before any guest ran. Entry i is written once, by core i, at its first vCPU
 * set-up, and read only by core i afterwards: no lock.
 */
static uint64_t boot_actlr[CONFIG_MAX_CPUS];
static bool boot_actlr_saved[CONFIG_MAX_CPUS];

static void read_features(struct el1_features *ft)
{
	struct el1_id_regs id = {
		.dfr0 = read_sysreg(id_aa64dfr0_el1),
		.isar1 = read_sysreg(id_aa64isar1_el1),
		.isar2 = read_sysreg_s(ID_AA64ISAR2_EL1),
		.mmfr1 = read_sysreg(id_aa64mmfr1_el1),
		.pfr0 = read_sysreg(id_aa64pfr0_el1),
		.pfr1 = read_sysreg(id_aa64pfr1_el1),
		.pmcr = 0,
	};

	/* PMCR_EL0 is UNDEFINED without a PMUv3: read it only when there is one. */
	el1_features_decode(&id, ft);
	if (ft->pmuver != PMUVER_NONE) {
		id.pmcr = read_sysreg(pmcr_el0);
		el1_features_decode(&id, ft);
	}
}

void el1_traps_setup(void)
{
	struct el1_features ft;

	read_features(&ft);
	write_sysreg(mdcr_el2, el1_mdcr(&ft));
	write_sysreg(hcr_el2, read_sysreg(hcr_el2) | el1_hcr_extra(&ft));
	isb();
}

/* Translation, exception and context registers (Arm ARM D19.2, AArch64 System registers). */
static void reset_core_regs(void)
{
	struct cpu *c = this_cpu();

	if (c->index < CONFIG_MAX_CPUS && !boot_actlr_saved[c->index]) {
		boot_actlr[c->index] = read_sysreg(actlr_el1);
		boot_actlr_saved[c->index] = true;
	}
	write_sysreg(sctlr_el1, SCTLR_EL1_RESET);
	if (c->index < CONFIG_MAX_CPUS)
		write_sysreg(actlr_el1, boot_actlr[c->index]);
	write_sysreg(cpacr_el1, 0);
	write_sysreg(ttbr0_el1, 0);
	write_sysreg(ttbr1_el1, 0);
	write_sysreg(tcr_el1, 0);
	write_sysreg(mair_el1, 0);
	write_sysreg(amair_el1, 0);
	write_sysreg(vbar_el1, 0);
	write_sysreg(esr_el1, 0);
	write_sysreg(far_el1, 0);
	write_sysreg(afsr0_el1, 0);
	write_sysreg(afsr1_el1, 0);
	write_sysreg(par_el1, 0);
	write_sysreg(contextidr_el1, 0);
	write_sysreg(tpidr_el1, 0);
	write_sysreg(tpidr_el0, 0);
	write_sysreg(tpidrro_el0, 0);
	write_sysreg(csselr_el1, 0);
	write_sysreg(elr_el1, 0);
	write_sysreg(spsr_el1, 0);
	write_sysreg(sp_el0, 0);
	write_sysreg(sp_el1, 0);
}

/* Generic timer, EL1/EL0 view (D11.2): off, compare values zero, no EL0 access. */
static void reset_timer_regs(void)
{
	write_sysreg(cntkctl_el1, 0);
	write_sysreg(cntv_ctl_el0, 0);
	write_sysreg(cntp_ctl_el0, 0);
	write_sysreg(cntv_cval_el0, 0);
	write_sysreg(cntp_cval_el0, 0);
}

#define RESET_BP(n)                                                                                \
	case n:                                                                                    \
		write_sysreg(dbgbcr##n##_el1, 0);                                                  \
		write_sysreg(dbgbvr##n##_el1, 0);                                                  \
		break
#define RESET_WP(n)                                                                                \
	case n:                                                                                    \
		write_sysreg(dbgwcr##n##_el1, 0);                                                  \
		write_sysreg(dbgwvr##n##_el1, 0);                                                  \
		break

static void reset_breakpoint(unsigned int n)
{
	switch (n) {
		RESET_BP(0);
		RESET_BP(1);
		RESET_BP(2);
		RESET_BP(3);
		RESET_BP(4);
		RESET_BP(5);
		RESET_BP(6);
		RESET_BP(7);
		RESET_BP(8);
		RESET_BP(9);
		RESET_BP(10);
		RESET_BP(11);
		RESET_BP(12);
		RESET_BP(13);
		RESET_BP(14);
		RESET_BP(15);
	default:
		break;
	}
}

static void reset_watchpoint(unsigned int n)
{
	switch (n) {
		RESET_WP(0);
		RESET_WP(1);
		RESET_WP(2);
		RESET_WP(3);
		RESET_WP(4);
		RESET_WP(5);
		RESET_WP(6);
		RESET_WP(7);
		RESET_WP(8);
		RESET_WP(9);
		RESET_WP(10);
		RESET_WP(11);
		RESET_WP(12);
		RESET_WP(13);
		RESET_WP(14);
		RESET_WP(15);
	default:
		break;
	}
}

/*
 * Self-hosted debug (D2): every breakpoint and watchpoint disabled and zero,
 * monitor and OS-lock state as after a cold reset (OSLSR_EL1.OSLK = 1: the OS
 * lock is set at cold reset, and an OS unlocks it at boot), no double lock,
 * no debug-channel interrupt. The claim tags (DBGCLAIM*_EL1) are left alone:
 * QEMU 7.2 does not implement them (the write is UNDEFINED at EL2 there).
 */
static void reset_debug_regs(const struct el1_features *ft)
{
	for (unsigned int n = 0; n < ft->brps; n++)
		reset_breakpoint(n);
	for (unsigned int n = 0; n < ft->wrps; n++)
		reset_watchpoint(n);
	write_sysreg(mdscr_el1, 0);
	write_sysreg(mdccint_el1, 0);
	write_sysreg(osdlr_el1, 0);
	write_sysreg(oslar_el1, 1);
}

/*
 * PMUv3 (D12): counting disabled, every counter, overflow flag, interrupt
 * enable and filter cleared, no EL0 access. PMCR_EL0.P and .C zero the event
 * counters and the cycle counter.
 */
static void reset_pmu_regs(const struct el1_features *ft)
{
	if (ft->pmuver == PMUVER_NONE)
		return;
	write_sysreg(pmcntenclr_el0, 0xffffffffULL);
	write_sysreg(pmintenclr_el1, 0xffffffffULL);
	write_sysreg(pmovsclr_el0, 0xffffffffULL);
	write_sysreg(pmcr_el0, PMCR_P | PMCR_C);
	isb();
	for (unsigned int n = 0; n < ft->pmu_counters; n++) {
		write_sysreg(pmselr_el0, n);
		isb();
		write_sysreg(pmxevtyper_el0, 0);
	}
	write_sysreg(pmselr_el0, 0);
	write_sysreg(pmccfiltr_el0, 0);
	write_sysreg(pmccntr_el0, 0);
	write_sysreg(pmuserenr_el0, 0);
}

/* FEAT_PAuth keys (D8.8): zero. A guest that uses pointer authentication sets its own. */
static void reset_pauth_keys(void)
{
	write_sysreg_s(APIAKEYLO_EL1, 0);
	write_sysreg_s(APIAKEYHI_EL1, 0);
	write_sysreg_s(APIBKEYLO_EL1, 0);
	write_sysreg_s(APIBKEYHI_EL1, 0);
	write_sysreg_s(APDAKEYLO_EL1, 0);
	write_sysreg_s(APDAKEYHI_EL1, 0);
	write_sysreg_s(APDBKEYLO_EL1, 0);
	write_sysreg_s(APDBKEYHI_EL1, 0);
	write_sysreg_s(APGAKEYLO_EL1, 0);
	write_sysreg_s(APGAKEYHI_EL1, 0);
}

/* Optional features, written only where the ID registers say they exist. */
static void reset_optional_regs(const struct el1_features *ft)
{
	if (ft->pauth)
		reset_pauth_keys();
	if (ft->lor) {
		write_sysreg_s(LORC_EL1, 0);
		write_sysreg_s(LORSA_EL1, 0);
		write_sysreg_s(LOREA_EL1, 0);
		write_sysreg_s(LORN_EL1, 0);
	}
	/* SME's other state (SMCR_EL1, SVCR, ZA) is out of reach: CPTR_EL2.TSM traps it. */
	if (ft->sme)
		write_sysreg_s(TPIDR2_EL0, 0);
	if (ft->ras) {
		write_sysreg_s(DISR_EL1, 0);
		write_sysreg_s(VDISR_EL2, 0);
	}
}

void el1_reset(void)
{
	struct el1_features ft;

	read_features(&ft);
	reset_core_regs();
	reset_timer_regs();
	reset_debug_regs(&ft);
	reset_pmu_regs(&ft);
	reset_optional_regs(&ft);
	el1_fp_reset();
	isb();
}

bool el1_va_to_ipa(uint64_t va, uint64_t *ipa)
{
	uint64_t saved = read_sysreg(par_el1), par;

	__asm__ volatile("at s1e1r, %0" : : "r"(va));
	isb();
	par = read_sysreg(par_el1);
	write_sysreg(par_el1, saved);
	if (par & 1) /* PAR_EL1.F: the walk failed */
		return false;
	/* PAR_EL1.PA [47:12] (D19.2.104), with the page offset from the VA. */
	*ipa = (par & ULL(0x0000fffffffff000)) | (va & ULL(0xfff));
	return true;
}
