// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's PMU accesses, trapped by MDCR_EL2.TPM where the hardware cannot
 * stop the counters at EL2 by itself (el1_policy.c), and MDRAR_EL1 (TDRA).
 * EL2 performs each access on the guest's behalf with the same register:
 * the counters, enables and overflow flags are the guest's own; only the NSH
 * bit of an event type or of the cycle filter is cleared on its way in, so
 * nothing counts while the core runs Bulkhead. The access was already allowed
 * at EL1/EL0 (PMUSERENR_EL0 checks come before the trap to EL2, Arm ARM
 * D1.12.4 "Synchronous exception prioritization").
 */
#include <arch/arm64/el1_policy.h>
#include <arch/arm64/el1_state.h>
#include <arch/arm64/sysreg.h>

#define PMMIR_EL1 s3_0_c9_c14_6

/* The event counter selected in PMSELR_EL0 exists (or is 31: the cycle counter's filter). */
static bool selected_ok(unsigned int sel)
{
	return sel == 31 || sel < PMCR_N(read_sysreg(pmcr_el0));
}

/* PMXEVTYPER/PMXEVCNTR for the counter selected now; RAZ/WI for a missing one. */
static uint64_t evsel_access(bool type, bool read, uint64_t val)
{
	unsigned int sel = (unsigned int)read_sysreg(pmselr_el0) & 0x1f;

	if (!selected_ok(sel) || (!type && sel == 31))
		return 0;
	if (type && read)
		return read_sysreg(pmxevtyper_el0);
	if (type)
		write_sysreg(pmxevtyper_el0, pmu_filter_sanitize(val));
	else if (read)
		return read_sysreg(pmxevcntr_el0);
	else
		write_sysreg(pmxevcntr_el0, val);
	return 0;
}

/* PMEVTYPER<n>/PMEVCNTR<n>/PMCCFILTR through PMSELR_EL0, which keeps the guest's value. */
static uint64_t event_access(unsigned int n, bool type, bool read, uint64_t val)
{
	uint64_t saved = read_sysreg(pmselr_el0), ret;

	write_sysreg(pmselr_el0, n);
	isb();
	ret = evsel_access(type, read, val);
	write_sysreg(pmselr_el0, saved);
	isb();
	return ret;
}

static uint64_t pmu_read(const struct el1_access *a)
{
	switch (a->reg) {
	case TREG_PMCR:
		return read_sysreg(pmcr_el0);
	case TREG_PMCNTENSET:
	case TREG_PMCNTENCLR:
		return read_sysreg(pmcntenset_el0);
	case TREG_PMOVSCLR:
	case TREG_PMOVSSET:
		return read_sysreg(pmovsset_el0);
	case TREG_PMSELR:
		return read_sysreg(pmselr_el0);
	case TREG_PMCEID0:
		return read_sysreg(pmceid0_el0);
	case TREG_PMCEID1:
		return read_sysreg(pmceid1_el0);
	case TREG_PMCCNTR:
		return read_sysreg(pmccntr_el0);
	case TREG_PMXEVTYPER:
		return evsel_access(true, true, 0);
	case TREG_PMXEVCNTR:
		return evsel_access(false, true, 0);
	case TREG_PMUSERENR:
		return read_sysreg(pmuserenr_el0);
	case TREG_PMINTENSET:
	case TREG_PMINTENCLR:
		return read_sysreg(pmintenset_el1);
	case TREG_PMMIR:
		return read_sysreg_s(PMMIR_EL1);
	case TREG_PMEVCNTR:
		return event_access(a->n, false, true, 0);
	case TREG_PMEVTYPER:
		return event_access(a->n, true, true, 0);
	default: /* PMSWINC is write-only; MDRAR_EL1 reads as zero */
		return 0;
	}
}

static void pmu_write(const struct el1_access *a, uint64_t val)
{
	switch (a->reg) {
	case TREG_PMCR:
		write_sysreg(pmcr_el0, val);
		break;
	case TREG_PMCNTENSET:
		write_sysreg(pmcntenset_el0, val);
		break;
	case TREG_PMCNTENCLR:
		write_sysreg(pmcntenclr_el0, val);
		break;
	case TREG_PMOVSCLR:
		write_sysreg(pmovsclr_el0, val);
		break;
	case TREG_PMOVSSET:
		write_sysreg(pmovsset_el0, val);
		break;
	case TREG_PMSWINC:
		write_sysreg(pmswinc_el0, val);
		break;
	case TREG_PMSELR:
		write_sysreg(pmselr_el0, val);
		break;
	case TREG_PMCCNTR:
		write_sysreg(pmccntr_el0, val);
		break;
	case TREG_PMXEVTYPER:
		(void)evsel_access(true, false, val);
		break;
	case TREG_PMXEVCNTR:
		(void)evsel_access(false, false, val);
		break;
	case TREG_PMUSERENR:
		write_sysreg(pmuserenr_el0, val);
		break;
	case TREG_PMINTENSET:
		write_sysreg(pmintenset_el1, val);
		break;
	case TREG_PMINTENCLR:
		write_sysreg(pmintenclr_el1, val);
		break;
	case TREG_PMEVCNTR:
		(void)event_access(a->n, false, false, val);
		break;
	case TREG_PMEVTYPER:
		(void)event_access(a->n, true, false, val);
		break;
	default: /* read-only registers: PMCEID0/1, PMMIR, MDRAR */
		break;
	}
}

bool el1_sysreg_trap(struct trap_frame *f, uint64_t iss)
{
	struct el1_access a;

	if (!el1_access_decode(iss, &a))
		return false;
	if (a.read) {
		uint64_t val = pmu_read(&a);

		if (a.rt != 31)
			f->x[a.rt] = val;
	} else {
		pmu_write(&a, a.rt == 31 ? 0 : f->x[a.rt]);
	}
	isb();
	return true;
}
