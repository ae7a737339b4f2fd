// SPDX-License-Identifier: GPL-2.0-only
/*
 * hygiene: probes of what a guest can learn from EL1 state and the PMU, and
 * of how its page-table walk faults are reported (docs/reliability.md,
 * "Restart hygiene"; tests/integration/test_hygiene.py).
 *
 * Bootargs: probe=<pmu|walk|walkemu|reset>
 *   pmu      counts cycles and CPU_CYCLES events with a filter that counts
 *            only at EL2 (PMCCFILTR_EL0/PMEVTYPER0_EL0: P, U, NSH) across
 *            200 HVCs, then with a filter that counts EL1 (the control):
 *              pmu: ID_AA64DFR0_EL1.PMUVer <n>
 *              pmu: el2 filter 0x.. (read back 0x..) cycles N events M over 200 hvcs
 *              pmu: el1 cycles N events M over 200 hvcs
 *              pmu: 1000 PMCCNTR_EL0 reads in N counter ticks
 *            then, with execdev=<ipa>, branches to that IPA (a device of its
 *            own, mapped execute-never at stage 2): a stage-2 permission fault,
 *            whose IPA Bulkhead finds through the guest's stage-1 tables
 *            (HPFAR_EL2 may be UNKNOWN for permission faults):
 *              execdev: branching to 0x<ipa>
 *   walk     enables a stage-1 table whose level-1 entry for VA 0-1 GiB
 *            points at IPA 0x48000000 (not mapped at stage 2) and branches to
 *            VA 0x8000fc4: the walk's descriptor read faults at stage 2.
 *   walkemu  the same with the level-2 table at the emulated UART
 *            (IPA 0x9000000), and a load from VA 0x123456.
 *   reset    prints every EL1 register it can read at entry, writes a
 *            distinctive value to each, prints what reads back, and asks
 *            for PSCI SYSTEM_RESET; the next boot prints its entry values
 *            again (the test compares them). Also prints the words that
 *            QEMU's loader put in its RAM before boot (first-boot scrub):
 *              el1 entry <reg> 0x<value>
 *              el1 wrote <reg> 0x<value> readback 0x<value>
 *              scrub: 0x<ipa>=0x<value> ...
 */
#include <guests/lib/dt.h>
#include <guests/lib/psci.h>
#include <guests/lib/rt.h>
#include <lib/smccc.h>

#include <string.h>

#define mrs(reg)                                                                                   \
	({                                                                                         \
		uint64_t __v;                                                                      \
		__asm__ volatile("mrs %0, " #reg : "=r"(__v)::"memory");                           \
		__v;                                                                               \
	})
#define msr(reg, v) __asm__ volatile("msr " #reg ", %0\n isb" ::"r"((uint64_t)(v)) : "memory")

/* ---------------------------------------------------------------- PMU */

#define PMCR_E	      (1UL << 0)
#define PMCR_P	      (1UL << 1)
#define PMCR_C	      (1UL << 2)
#define FILT_P	      (1UL << 31) /* do not count at EL1 */
#define FILT_U	      (1UL << 30) /* do not count at EL0 */
#define FILT_NSH      (1UL << 27) /* count at EL2 */
#define EV_CPU_CYCLES 0x11
#define HVCS	      200

static void pmu_count(uint64_t filter, uint64_t *cycles, uint64_t *events)
{
	msr(pmcntenclr_el0, 0xffffffffUL);
	msr(pmcr_el0, PMCR_E | PMCR_P | PMCR_C);
	msr(pmccfiltr_el0, filter);
	msr(pmselr_el0, 0);
	msr(pmxevtyper_el0, filter | EV_CPU_CYCLES);
	msr(pmcntenset_el0, (1UL << 31) | 1);
	for (int i = 0; i < HVCS; i++)
		(void)smccc_hvc(BH_HVC_INFO, 0, 0, 0, 0, 0, 0, 0);
	msr(pmcntenclr_el0, 0xffffffffUL);
	*cycles = mrs(pmccntr_el0);
	*events = mrs(pmevcntr0_el0);
}

/* What a PMU register read costs (trapped to EL2 where the PMU cannot be isolated otherwise). */
static void pmu_read_cost(void)
{
	uint64_t t0 = mrs(cntvct_el0), sum = 0;

	for (int i = 0; i < 1000; i++)
		sum += mrs(pmccntr_el0);
	rt_printf("pmu: 1000 PMCCNTR_EL0 reads in %lu counter ticks (sum %lu)\n",
		  mrs(cntvct_el0) - t0, sum & 1);
}

static void probe_pmu(void)
{
	uint64_t filter = FILT_P | FILT_U | FILT_NSH, cycles, events, back;
	uint64_t pmuver = (mrs(id_aa64dfr0_el1) >> 8) & 0xf;

	rt_printf("pmu: ID_AA64DFR0_EL1.PMUVer %lu\n", pmuver);
	if (pmuver == 0 || pmuver == 0xf) {
		rt_printf("pmu: no PMUv3\n");
		return;
	}
	pmu_count(filter, &cycles, &events);
	back = mrs(pmccfiltr_el0);
	rt_printf("pmu: el2 filter 0x%lx (read back 0x%lx) cycles %lu events %lu over %d hvcs\n",
		  filter, back, cycles, events, HVCS);
	pmu_count(0, &cycles, &events);
	rt_printf("pmu: el1 cycles %lu events %lu over %d hvcs\n", cycles, events, HVCS);
	pmu_read_cost();
}

/* ---------------------------------------------------------------- stage-1 walk */

#define DESC_TABLE    3UL
#define DESC_BLOCK    1UL
#define DESC_AF	      (1UL << 10)
#define DESC_SH_INNER (3UL << 8)
/* TCR_EL1: T0SZ 25 (39-bit VA, walk starts at level 1), 4 KiB granule, EPD1, IPS 40 bits. */
#define TCR_WALK (25UL | (1UL << 23) | (2UL << 32))

static uint64_t l1_table[512] __attribute__((aligned(4096)));

/*
 * VA 0-1 GiB through a level-2 table at @table_ipa, or (table_ipa 0) the
 * identity block of @block_ipa; VA 1-2 GiB = IPA 1-2 GiB (RAM, code).
 */
static void enable_mmu(uint64_t table_ipa, uint64_t block_ipa)
{
	if (table_ipa)
		l1_table[0] = table_ipa | DESC_TABLE;
	else
		l1_table[0] = block_ipa | DESC_AF | DESC_SH_INNER | DESC_BLOCK;
	l1_table[1] = 0x40000000UL | DESC_AF | DESC_SH_INNER | DESC_BLOCK; /* AttrIndx 0 */
	msr(mair_el1, 0xffUL); /* attr 0: normal, write-back */
	msr(tcr_el1, TCR_WALK);
	msr(ttbr0_el1, (uint64_t)(uintptr_t)l1_table);
	__asm__ volatile("dsb sy\n tlbi vmalle1\n dsb sy\n isb" ::: "memory");
	msr(sctlr_el1, mrs(sctlr_el1) | 1); /* M */
}

static void probe_walk(bool emulated)
{
	uint64_t table = emulated ? 0x9000000UL : 0x48000000UL;

	if (!emulated) {
		void (*fn)(void) = (void (*)(void))0x8000fc4UL;

		rt_printf("walk: level-2 table at IPA 0x%lx, fetching VA 0x8000fc4\n", table);
		enable_mmu(table, 0);
		fn();
	} else {
		rt_printf("walk: level-2 table at IPA 0x%lx, loading VA 0x123456\n", table);
		enable_mmu(table, 0);
		(void)*(volatile uint64_t *)0x123456UL;
	}
	msr(sctlr_el1, mrs(sctlr_el1) & ~1UL);
	rt_printf("walk: the access returned (not reported as a fault)\n");
}

/*
 * Executes at @ipa + 0x10 with the MMU on: VA = IPA, normal memory at stage 1,
 * so the stage-2 attributes (Device, execute-never) decide.
 */
static void exec_device(uint64_t ipa)
{
	void (*fn)(void) = (void (*)(void))(ipa + 0x10);

	rt_printf("execdev: branching to 0x%lx\n", ipa + 0x10);
	enable_mmu(0, ipa & ~0x3fffffffUL);
	fn();
	rt_printf("execdev: the branch returned (not reported as a fault)\n");
}

/* ---------------------------------------------------------------- EL1 reset */

struct reg {
	const char *name;
	uint64_t (*rd)(void);
	void (*wr)(uint64_t);
	uint64_t val;
};

#define RW(name)                                                                                   \
	static uint64_t rd_##name(void)                                                            \
	{                                                                                          \
		return mrs(name);                                                                  \
	}                                                                                          \
	static void wr_##name(uint64_t v)                                                          \
	{                                                                                          \
		msr(name, v);                                                                      \
	}
#define REG(name, v)                                                                               \
	{                                                                                          \
#name, rd_##name, wr_##name, v                                                     \
	}

RW(ttbr0_el1)
RW(ttbr1_el1)
RW(tcr_el1)
RW(mair_el1)
RW(amair_el1)
RW(tpidr_el1)
RW(tpidr_el0)
RW(tpidrro_el0)
RW(contextidr_el1)
RW(esr_el1)
RW(far_el1)
RW(afsr0_el1)
RW(afsr1_el1)
RW(par_el1)
RW(actlr_el1)
RW(elr_el1)
RW(spsr_el1)
RW(sp_el0)
RW(csselr_el1)
RW(cntkctl_el1)
RW(cntv_cval_el0)
RW(cntp_cval_el0)
RW(cntv_ctl_el0)
RW(cntp_ctl_el0)
RW(mdscr_el1)
RW(dbgbvr0_el1)
RW(dbgbcr0_el1)
RW(dbgbvr1_el1)
RW(dbgwvr0_el1)
RW(dbgwcr0_el1)
RW(pmcr_el0)
RW(pmcntenset_el0)
RW(pmintenset_el1)
RW(pmovsset_el0)
RW(pmuserenr_el0)
RW(pmselr_el0)
RW(pmccfiltr_el0)
RW(pmevtyper0_el0)
RW(pmccntr_el0)

/* The OS lock: read through OSLSR_EL1, written through OSLAR_EL1 (0: unlock). */
static uint64_t rd_oslock(void)
{
	return mrs(oslsr_el1);
}

static void wr_oslock(uint64_t v)
{
	msr(oslar_el1, v);
}

/* FP/SIMD: EL1 traps them while CPACR_EL1.FPEN is 0; the caller enables it first. */
#define FP_ASM ".arch_extension fp\n .arch_extension simd\n"
/* rd_<name>() and wr_<name>(v): one FP/SIMD register through a general-purpose one. */
#define FP_ACCESSORS(name, rd_insn, wr_insn)                                                       \
	static uint64_t rd_##name(void)                                                            \
	{                                                                                          \
		uint64_t v;                                                                        \
                                                                                                   \
		__asm__ volatile(FP_ASM rd_insn : "=r"(v));                                        \
		return v;                                                                          \
	}                                                                                          \
	static void wr_##name(uint64_t v)                                                          \
	{                                                                                          \
		__asm__ volatile(FP_ASM wr_insn ::"r"(v) : "v0");                                  \
	}
FP_ACCESSORS(fpcr, "mrs %0, fpcr", "msr fpcr, %0")
FP_ACCESSORS(fpsr, "mrs %0, fpsr", "msr fpsr, %0")
FP_ACCESSORS(d0, "fmov %0, d0", "fmov d0, %0")
static uint64_t rd_d31(void)
{
	uint64_t v;

	__asm__ volatile(FP_ASM "fmov %0, d31" : "=r"(v));
	return v;
}
static void wr_d31(uint64_t v)
{
	__asm__ volatile(FP_ASM "fmov d31, %0" ::"r"(v) : "v31");
}

/* Pointer authentication keys, when ID_AA64ISAR1/2_EL1 say there are some. */
static uint64_t rd_apiakeylo(void)
{
	return mrs(s3_0_c2_c1_0);
}
static void wr_apiakeylo(uint64_t v)
{
	msr(s3_0_c2_c1_0, v);
}
static uint64_t rd_apgakeyhi(void)
{
	return mrs(s3_0_c2_c3_1);
}
static void wr_apgakeyhi(uint64_t v)
{
	msr(s3_0_c2_c3_1, v);
}

/* FEAT_SME's TPIDR2_EL0, which EL1 reaches without an EL2 trap. */
static uint64_t rd_tpidr2(void)
{
	return mrs(s3_3_c13_c0_5);
}
static void wr_tpidr2(uint64_t v)
{
	msr(s3_3_c13_c0_5, v);
}

static const struct reg sys_regs[] = {
	REG(ttbr0_el1, 0x1234000040abc000UL),
	REG(ttbr1_el1, 0x5678000040def000UL),
	REG(tcr_el1, 0x00000032b5193519UL),
	REG(mair_el1, 0x0044ff0400bb00ffUL),
	REG(amair_el1, 0x1122334455667788UL),
	REG(tpidr_el1, 0xcafe000000000001UL),
	REG(tpidr_el0, 0xcafe000000000002UL),
	REG(tpidrro_el0, 0xcafe000000000003UL),
	REG(contextidr_el1, 0x1234UL),
	REG(esr_el1, 0x96000045UL),
	REG(far_el1, 0xdead0000beefUL),
	REG(afsr0_el1, 0x5UL),
	REG(afsr1_el1, 0x6UL),
	REG(par_el1, 0x40001000UL),
	REG(actlr_el1, 0x1UL),
	REG(elr_el1, 0x40001234UL),
	REG(spsr_el1, 0x3c5UL),
	REG(sp_el0, 0x40fff000UL),
	REG(csselr_el1, 0x1UL),
	REG(cntkctl_el1, 0x3UL),
	REG(cntv_cval_el0, 0xfffffffff0000000UL),
	REG(cntp_cval_el0, 0xfffffffff0000001UL),
	REG(cntv_ctl_el0, 0x3UL), /* enabled, masked: never fires (compare far ahead) */
	REG(cntp_ctl_el0, 0x3UL),
	REG(mdscr_el1, 0x1000UL), /* TDCC */
	REG(dbgbvr0_el1, 0x40000800UL),
	REG(dbgbcr0_el1, 0x1e0UL), /* BAS all, not enabled */
	REG(dbgbvr1_el1, 0x40000900UL),
	REG(dbgwvr0_el1, 0x40000a00UL),
	REG(dbgwcr0_el1, 0x1f0UL), /* not enabled */
	{"oslock", rd_oslock, wr_oslock, 0},
	REG(pmcr_el0, PMCR_E),
	REG(pmcntenset_el0, 0x80000001UL),
	REG(pmintenset_el1, 0x1UL),
	REG(pmovsset_el0, 0x2UL),
	REG(pmuserenr_el0, 0x1UL),
	REG(pmccfiltr_el0, FILT_U),
	REG(pmevtyper0_el0, FILT_U | EV_CPU_CYCLES),
	REG(pmccntr_el0, 0x123456UL),
	REG(pmselr_el0, 0x3UL),
};

static const struct reg fp_regs[] = {
	{"fpcr", rd_fpcr, wr_fpcr, 0x3000000UL},
	{"fpsr", rd_fpsr, wr_fpsr, 0x8000000UL},
	{"d0", rd_d0, wr_d0, 0x1122334455667788UL},
	{"d31", rd_d31, wr_d31, 0x8877665544332211UL},
};

static const struct reg pauth_regs[] = {
	{"apiakeylo_el1", rd_apiakeylo, wr_apiakeylo, 0x0123456789abcdefUL},
	{"apgakeyhi_el1", rd_apgakeyhi, wr_apgakeyhi, 0xfedcba9876543210UL},
};

static const struct reg sme_regs[] = {
	{"tpidr2_el0", rd_tpidr2, wr_tpidr2, 0xcafe000000000004UL},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool has_pauth(void)
{
	uint64_t isar1 = mrs(id_aa64isar1_el1), isar2 = mrs(s3_0_c0_c6_2);

	return (isar1 & 0xff000ff0UL) || (isar2 & 0xff00UL);
}

static bool has_sme(void)
{
	return (mrs(id_aa64pfr1_el1) >> 24) & 0xf;
}

static void dump(const struct reg *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rt_printf("el1 entry %s 0x%lx\n", r[i].name, r[i].rd());
}

static void dirty(const struct reg *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		r[i].wr(r[i].val);
		rt_printf("el1 wrote %s 0x%lx readback 0x%lx\n", r[i].name, r[i].val, r[i].rd());
	}
}

/* Words QEMU's loader wrote into this partition's RAM before anything ran (hygiene.qemu). */
static const uint64_t scrub_ipas[] = {0x40800000UL, 0x40a00000UL, 0x40c00008UL};

static void probe_reset(void)
{
	uint64_t cpacr = mrs(cpacr_el1);
	bool pauth = has_pauth(), sme = has_sme();

	rt_printf("scrub: 0x%lx=0x%lx 0x%lx=0x%lx 0x%lx=0x%lx\n", scrub_ipas[0],
		  *(volatile uint64_t *)scrub_ipas[0], scrub_ipas[1],
		  *(volatile uint64_t *)scrub_ipas[1], scrub_ipas[2],
		  *(volatile uint64_t *)scrub_ipas[2]);
	rt_printf("el1 entry cpacr_el1 0x%lx\n", cpacr);
	dump(sys_regs, N(sys_regs));
	if (pauth)
		dump(pauth_regs, N(pauth_regs));
	if (sme)
		dump(sme_regs, N(sme_regs));
	msr(cpacr_el1, 3UL << 20); /* FPEN: FP/SIMD at EL1 and EL0 */
	dump(fp_regs, N(fp_regs));
	rt_printf("el1 entry done (pauth %s, sme %s)\n", pauth ? "yes" : "no", sme ? "yes" : "no");

	dirty(sys_regs, N(sys_regs));
	if (pauth)
		dirty(pauth_regs, N(pauth_regs));
	if (sme)
		dirty(sme_regs, N(sme_regs));
	dirty(fp_regs, N(fp_regs));
	rt_printf("el1 wrote cpacr_el1 0x%x readback 0x%lx\n", 3 << 20, mrs(cpacr_el1));
	rt_printf("el1: asking for PSCI SYSTEM_RESET\n");
	psci_system_reset();
	rt_printf("el1: SYSTEM_RESET returned\n");
}

void guest_main(const void *fdt)
{
	char probe[16];

	(void)fdt;
	if (!rt_arg(rt_bootargs(), "probe", probe, sizeof(probe)))
		probe[0] = 0;
	if (!strcmp(probe, "pmu")) {
		uint64_t dev;

		probe_pmu();
		if (rt_arg_u64(rt_bootargs(), "execdev", &dev))
			exec_device(dev);
	} else if (!strcmp(probe, "walk"))
		probe_walk(false);
	else if (!strcmp(probe, "walkemu"))
		probe_walk(true);
	else if (!strcmp(probe, "reset"))
		probe_reset();
	else
		rt_printf("hygiene: unknown probe '%s'\n", probe);
	rt_printf("hygiene: %s done\n", probe);
	rt_halt();
}
