// SPDX-License-Identifier: GPL-2.0-only
/*
 * PMU, debug and pointer-authentication policy for guests (el1_policy.h).
 *
 * The PMU can count cycles and events at EL2 when a guest sets the NSH bit
 * of PMCCFILTR_EL0 or of a PMEVTYPER<n>_EL0 (Arm ARM D12.7 "Counting
 * restrictions"): a guest would then time Bulkhead's own paths. MDCR_EL2.HPMD
 * (FEAT_PMUv3p1) prohibits event counting at EL2, but the cycle counter keeps
 * counting unless PMCR_EL0.DP is set -- a guest-owned bit -- until
 * FEAT_PMUv3p5 adds MDCR_EL2.HCCD. So, unless both HPMD and HCCD exist, every
 * PMU access traps (MDCR_EL2.TPM) and EL2 performs it for the guest with NSH
 * cleared: the counters are the guest's, they just never count at EL2.
 */
#include <arch/arm64/el1_policy.h>
#include <arch/arm64/sysreg.h>

static unsigned int field(uint64_t reg, unsigned int shift)
{
	return (unsigned int)((reg >> shift) & 0xf);
}

void el1_features_decode(const struct el1_id_regs *id, struct el1_features *ft)
{
	unsigned int pmuver = field(id->dfr0, 8);

	ft->pmuver = pmuver == PMUVER_IMPDEF ? PMUVER_NONE : pmuver;
	ft->pmu_counters = ft->pmuver ? PMCR_N(id->pmcr) : 0;
	ft->brps = field(id->dfr0, 12) + 1;
	ft->wrps = field(id->dfr0, 20) + 1;
	/* ISAR1: APA [7:4], API [11:8], GPA [27:24], GPI [31:28]; ISAR2: GPA3 [11:8], APA3 [15:12]. */
	ft->pauth = field(id->isar1, 4) || field(id->isar1, 8) || field(id->isar1, 24) ||
		    field(id->isar1, 28) || field(id->isar2, 8) || field(id->isar2, 12);
	ft->lor = field(id->mmfr1, 16) != 0;
	ft->ras = field(id->pfr0, 28) != 0;
	ft->sme = field(id->pfr1, 24) != 0;
}

bool el1_pmu_trapped(const struct el1_features *ft)
{
	return ft->pmuver != PMUVER_NONE && ft->pmuver < PMUVER_V3P5;
}

uint64_t el1_mdcr(const struct el1_features *ft)
{
	uint64_t mdcr = MDCR_TDRA;

	if (ft->pmuver == PMUVER_NONE)
		return mdcr;
	mdcr |= ft->pmu_counters & MDCR_HPMN_MASK;
	if (ft->pmuver >= PMUVER_V3P1)
		mdcr |= MDCR_HPMD;
	if (ft->pmuver >= PMUVER_V3P5)
		mdcr |= MDCR_HCCD;
	if (el1_pmu_trapped(ft))
		mdcr |= MDCR_TPM;
	return mdcr;
}

uint64_t el1_hcr_extra(const struct el1_features *ft)
{
	return ft->pauth ? HCR_API | HCR_APK : 0;
}

uint64_t pmu_filter_sanitize(uint64_t value)
{
	return value & ~PMEVTYPER_NSH;
}

/* PMEVCNTR<n>_EL0: (3, 3, 14, 8 + n/8, n%8); PMEVTYPER<n>_EL0: (3, 3, 14, 12 + n/8, n%8). */
static bool decode_event_reg(uint32_t id, struct el1_access *a)
{
	uint32_t crm = (id >> 1) & 0xf, op2 = (id >> 17) & 7;

	if ((id & ~SYSREG_ISS_ID(0, 0, 0, 0xf, 7)) != SYSREG_ISS_ID(3, 3, 14, 0, 0) || crm < 8)
		return false;
	a->reg = crm < 12 ? TREG_PMEVCNTR : TREG_PMEVTYPER;
	a->n = ((crm & 3) << 3) | op2;
	/* PMEVCNTR31 does not exist (that encoding is reserved): not ours. */
	return !(a->reg == TREG_PMEVCNTR && a->n == 31);
}

static const struct {
	uint32_t id;
	enum el1_trapped_reg reg;
} plain_regs[] = {
	{SYSREG_ISS_ID(3, 3, 9, 12, 0), TREG_PMCR},
	{SYSREG_ISS_ID(3, 3, 9, 12, 1), TREG_PMCNTENSET},
	{SYSREG_ISS_ID(3, 3, 9, 12, 2), TREG_PMCNTENCLR},
	{SYSREG_ISS_ID(3, 3, 9, 12, 3), TREG_PMOVSCLR},
	{SYSREG_ISS_ID(3, 3, 9, 12, 4), TREG_PMSWINC},
	{SYSREG_ISS_ID(3, 3, 9, 12, 5), TREG_PMSELR},
	{SYSREG_ISS_ID(3, 3, 9, 12, 6), TREG_PMCEID0},
	{SYSREG_ISS_ID(3, 3, 9, 12, 7), TREG_PMCEID1},
	{SYSREG_ISS_ID(3, 3, 9, 13, 0), TREG_PMCCNTR},
	{SYSREG_ISS_ID(3, 3, 9, 13, 1), TREG_PMXEVTYPER},
	{SYSREG_ISS_ID(3, 3, 9, 13, 2), TREG_PMXEVCNTR},
	{SYSREG_ISS_ID(3, 3, 9, 14, 0), TREG_PMUSERENR},
	{SYSREG_ISS_ID(3, 3, 9, 14, 3), TREG_PMOVSSET},
	{SYSREG_ISS_ID(3, 0, 9, 14, 1), TREG_PMINTENSET},
	{SYSREG_ISS_ID(3, 0, 9, 14, 2), TREG_PMINTENCLR},
	{SYSREG_ISS_ID(3, 0, 9, 14, 6), TREG_PMMIR},
	{SYSREG_ISS_ID(2, 0, 1, 0, 0), TREG_MDRAR},
};

bool el1_access_decode(uint64_t iss, struct el1_access *a)
{
	uint32_t id = (uint32_t)iss & SYSREG_ISS_MASK;

	a->reg = TREG_NONE;
	a->n = 0;
	a->rt = SYSREG_ISS_RT(iss);
	a->read = SYSREG_ISS_READ(iss);
	for (unsigned int i = 0; i < sizeof(plain_regs) / sizeof(plain_regs[0]); i++) {
		if (plain_regs[i].id == id) {
			a->reg = plain_regs[i].reg;
			return true;
		}
	}
	if (decode_event_reg(id, a))
		return true;
	a->reg = TREG_NONE;
	return false;
}
