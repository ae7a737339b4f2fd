// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of arch/arm64/el1_policy.c: feature decoding from ID registers,
 * the MDCR_EL2 and HCR_EL2 values chosen for each PMU version, the NSH filter
 * and the decoding of trapped PMU/debug register accesses.
 */
#include <arch/arm64/el1_policy.h>
#include <arch/arm64/sysreg.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* ID_AA64DFR0_EL1 of QEMU's cortex-a57: PMUv3, 6 breakpoints, 4 watchpoints. */
#define A57_DFR0	0x10305106ULL
#define PMCR_6_COUNTERS (6ULL << 11)

static void decode(uint64_t dfr0, uint64_t isar1, uint64_t isar2, struct el1_features *ft)
{
	struct el1_id_regs id = {.dfr0 = dfr0,
				 .isar1 = isar1,
				 .isar2 = isar2,
				 .mmfr1 = 0,
				 .pfr0 = 0,
				 .pmcr = PMCR_6_COUNTERS};

	el1_features_decode(&id, ft);
}

static void test_cortex_a57(void **state)
{
	struct el1_features ft;
	uint64_t mdcr;

	(void)state;
	decode(A57_DFR0, 0, 0, &ft);
	assert_int_equal(ft.pmuver, PMUVER_V3);
	assert_int_equal(ft.pmu_counters, 6);
	assert_int_equal(ft.brps, 6);
	assert_int_equal(ft.wrps, 4);
	assert_false(ft.pauth);
	assert_false(ft.lor);
	mdcr = el1_mdcr(&ft);
	/* PMUv3 has neither HPMD nor HCCD: trap every PMU access. */
	assert_true(el1_pmu_trapped(&ft));
	assert_int_equal(mdcr & MDCR_HPMN_MASK, 6);
	assert_true(mdcr & MDCR_TPM);
	assert_false(mdcr & (MDCR_HPMD | MDCR_HCCD | MDCR_TDE | MDCR_TDA | MDCR_TDOSA | MDCR_HPME));
	assert_true(mdcr & MDCR_TDRA);
	assert_int_equal(el1_hcr_extra(&ft), 0);
}

static void test_pmu_versions(void **state)
{
	struct el1_features ft;

	(void)state;
	/* PMUv3p4 (QEMU 7.2 -cpu max): HPMD exists, the cycle counter still needs the trap. */
	decode((A57_DFR0 & ~0xf00ULL) | (PMUVER_V3P4 << 8), 0, 0, &ft);
	assert_true(el1_mdcr(&ft) & MDCR_HPMD);
	assert_true(el1_mdcr(&ft) & MDCR_TPM);
	assert_false(el1_mdcr(&ft) & MDCR_HCCD);
	/* PMUv3p5: HPMD and HCCD stop both at EL2, no trap needed. */
	decode((A57_DFR0 & ~0xf00ULL) | (PMUVER_V3P5 << 8), 0, 0, &ft);
	assert_true(el1_mdcr(&ft) & MDCR_HPMD);
	assert_true(el1_mdcr(&ft) & MDCR_HCCD);
	assert_false(el1_mdcr(&ft) & MDCR_TPM);
	assert_false(el1_pmu_trapped(&ft));
	/* No PMU, or an IMPLEMENTATION DEFINED one: nothing of the PMU is touched. */
	decode(A57_DFR0 & ~0xf00ULL, 0, 0, &ft);
	assert_int_equal(ft.pmu_counters, 0);
	assert_int_equal(el1_mdcr(&ft), MDCR_TDRA);
	decode(A57_DFR0 | 0xf00ULL, 0, 0, &ft);
	assert_int_equal(ft.pmuver, PMUVER_NONE);
	assert_int_equal(el1_mdcr(&ft), MDCR_TDRA);
}

static void test_pauth(void **state)
{
	struct el1_features ft;

	(void)state;
	decode(A57_DFR0, 1ULL << 4, 0, &ft); /* APA */
	assert_true(ft.pauth);
	assert_int_equal(el1_hcr_extra(&ft), HCR_API | HCR_APK);
	decode(A57_DFR0, 1ULL << 28, 0, &ft); /* GPI only */
	assert_true(ft.pauth);
	decode(A57_DFR0, 0, 1ULL << 12, &ft); /* APA3 (QEMU -cpu max) */
	assert_true(ft.pauth);
	decode(A57_DFR0, 0x00fff00fULL, 0, &ft); /* DPB, JSCVT, FCMA, LRCPC only */
	assert_false(ft.pauth);
}

static void test_optional_features(void **state)
{
	struct el1_id_regs id = {.dfr0 = A57_DFR0,
				 .mmfr1 = 1ULL << 16, /* LO */
				 .pfr0 = 1ULL << 28,  /* RAS */
				 .pfr1 = 1ULL << 24}; /* SME */
	struct el1_features ft;

	(void)state;
	el1_features_decode(&id, &ft);
	assert_true(ft.lor);
	assert_true(ft.ras);
	assert_true(ft.sme);
	id.mmfr1 = id.pfr0 = id.pfr1 = ~((0xfULL << 16) | (0xfULL << 28) | (0xfULL << 24));
	el1_features_decode(&id, &ft);
	assert_false(ft.lor || ft.ras || ft.sme);
}

static void test_filter(void **state)
{
	(void)state;
	assert_int_equal(pmu_filter_sanitize(PMEVTYPER_NSH | 0x11), 0x11);
	assert_int_equal(pmu_filter_sanitize(~0ULL) & PMEVTYPER_NSH, 0);
	assert_int_equal(pmu_filter_sanitize(0x8000000ULL | BIT(31)), BIT(31));
}

/* ISS of MRS/MSR Xt, <op0, op1, crn, crm, op2>. */
static uint64_t iss(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2,
		    unsigned rt, bool read)
{
	return SYSREG_ISS_ID(op0, op1, crn, crm, op2) | ((uint64_t)rt << 5) | (read ? 1 : 0);
}

static void test_access_decode(void **state)
{
	struct el1_access a;

	(void)state;
	assert_true(el1_access_decode(iss(3, 3, 9, 12, 0, 3, true), &a));
	assert_int_equal(a.reg, TREG_PMCR);
	assert_int_equal(a.rt, 3);
	assert_true(a.read);
	/* PMCCFILTR_EL0 is PMEVTYPER31. */
	assert_true(el1_access_decode(iss(3, 3, 14, 15, 7, 31, false), &a));
	assert_int_equal(a.reg, TREG_PMEVTYPER);
	assert_int_equal(a.n, 31);
	assert_int_equal(a.rt, 31);
	assert_false(a.read);
	assert_true(el1_access_decode(iss(3, 3, 14, 13, 2, 0, false), &a));
	assert_int_equal(a.reg, TREG_PMEVTYPER);
	assert_int_equal(a.n, 10);
	assert_true(el1_access_decode(iss(3, 3, 14, 8, 5, 0, true), &a));
	assert_int_equal(a.reg, TREG_PMEVCNTR);
	assert_int_equal(a.n, 5);
	/* PMEVCNTR31 is a reserved encoding. */
	assert_false(el1_access_decode(iss(3, 3, 14, 11, 7, 0, true), &a));
	assert_true(el1_access_decode(iss(3, 0, 9, 14, 2, 1, false), &a));
	assert_int_equal(a.reg, TREG_PMINTENCLR);
	assert_true(el1_access_decode(iss(2, 0, 1, 0, 0, 1, true), &a));
	assert_int_equal(a.reg, TREG_MDRAR);
	/* Not ours: ICC_SGI1R_EL1, TPIDR_EL1, a debug breakpoint, CRn 14 op1 0. */
	assert_false(el1_access_decode(iss(3, 0, 12, 11, 5, 0, false), &a));
	assert_false(el1_access_decode(iss(3, 0, 13, 0, 4, 0, false), &a));
	assert_false(el1_access_decode(iss(2, 0, 0, 0, 4, 0, false), &a));
	assert_false(el1_access_decode(iss(3, 0, 14, 12, 0, 0, false), &a));
	assert_int_equal(a.reg, TREG_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cortex_a57),    cmocka_unit_test(test_pmu_versions),
		cmocka_unit_test(test_pauth),	      cmocka_unit_test(test_filter),
		cmocka_unit_test(test_access_decode), cmocka_unit_test(test_optional_features),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
