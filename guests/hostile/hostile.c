// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostile: a bare-metal partition that attacks everything it can reach from
 * EL1 and reports, per class of attempt, how many it made and how many
 * "escaped" (were neither refused nor contained). Used by
 * tests/integration/test_hostile.py with dts/hostile.dts; docs/reliability.md
 * describes the fault model.
 *
 * Many attempts end in a stage-2 fault, which makes Bulkhead apply the
 * partition's fault policy: dts/hostile.dts gives it fault-policy "restart"
 * with no limit, and the partition boots again from its pristine image with
 * its RAM scrubbed. So the sequence is a list of steps, and the index of the
 * next step lives outside RAM, in a device the partition owns and Bulkhead
 * does not reset: the PL031 RTC's match register (RTCMR, 32 bits, no side
 * effect while its interrupt is masked). Each boot reads it, records the step
 * after the one it is about to try, then tries it: a step that faults resumes
 * at the next one after the restart. The running total of attempts lives in
 * the RTC's counter (RTCLR write, RTCDR read: value << 12, so the seconds the
 * RTC counts do not disturb it for the first 4096 s).
 *
 *   RTCMR [7:0]   next step
 *         [15:8]  escapes in the non-faulting classes (saturating)
 *         [31:16] escapes of the four faulting classes, 4 bits each
 *
 * The first boot (RTCMR = 0, as after QEMU's reset) runs the classes that do
 * not fault: hypercalls, PSCI, system registers, vGIC misuse, SGIs, odd but
 * emulatable MMIO, interrupt storms, a console flood. It then asks for PSCI
 * SYSTEM_RESET, checks after the restart that nothing of its previous life
 * survived in RAM, and goes through the faulting steps, one per boot. The
 * last step prints the totals and powers the partition off (PSCI SYSTEM_OFF).
 * The second vCPU is started at every boot and spins with its interrupts
 * masked, so every restart also takes down a core that ignores interrupts.
 *
 * Bootargs (all optional): seed=<n> (default: from the counter), hvc=<n>
 * smc=<n> sysreg=<n> (fuzzing iterations), storm_ms=<ms> (each storm),
 * flood=<lines>, delay_ms=<ms> (wait before the first step; lets a victim
 * settle for latency figures), stop_after=<step> (testing the suite itself),
 * mode=spin (no attack: both vCPUs spin, the baseline of the latency figures).
 *
 * Console lines (stable: tests/integration/test_hostile.py matches them):
 *   hostile: boot step=<k> attempts=<n> vcpus=<n> t_ms=<counter in ms>
 *   hostile: step <k> <class>: <what> [<kind> 0x<addr>]
 *   hostile: step <k> result=<el1-exception|returned> ...   (the access came back)
 *   hostile: <class> attempts=<n> escaped=<m>             (one per class)
 *   hostile: <class> detail ...                            (figures, free form)
 *   ESCAPED: <class>: <what>                                (isolation broken)
 *   hostile: done attempts=<n> escaped=<m>
 */
#include <guests/hostile/hw.h>
#include <guests/hostile/hx.h>
#include <guests/hostile/plan.h>
#include <guests/lib/gic.h>
#include <guests/lib/rt.h>
#include <lib/format.h>

#include <libfdt.h>
#include <stdarg.h>
#include <string.h>

/* ---------------------------------------------------------------- devices it owns */

#define RTC_BASE       0x09010000UL /* PL031: the step counter */
#define RTC_DR	       0x000
#define RTC_MR	       0x004
#define RTC_LR	       0x008
#define RTC_IMSC       0x010
#define ATTEMPTS_SHIFT 12
#define RTC_RIS	       0x014
#define RTC_ICR	       0x01c
#define INTID_RTC      34
#define SGI_STORM      1
#define SGI_FOREIGN    2
#define PRIO_DEFAULT   0xa0
#define GUEST_RAM      0x40000000UL
#define CANARY_ADDR    0x41000000UL
#define CANARY_SIZE    0x10000UL
#define CANARY_WORD    0x4546494c2d544f48UL /* "HOT-LIFE" */
/* Where dts/hostile.dts loads things (guests/lib/mkplan.py): aliased by its own RAM. */
#define BULKHEAD_PHYS	PLAN_BULKHEAD_BIN
#define SYSTEM_DTB_PHYS PLAN_SYSTEM_DTB
#define ARM64_MAGIC	0x644d5241U /* "ARM\x64" at offset 0x38 of an Image */
#define FDT_MAGIC_LE	0xedfe0dd0U

extern char _end[];

/* ---------------------------------------------------------------- state */

static uint64_t rng_state;
static uint32_t nvcpus = 1;
static uint64_t freq;
static uint64_t opt_hvc = 4000, opt_smc = 2000, opt_sysreg = 2000, opt_storm_ms = 300;
static uint64_t opt_flood = 100, opt_delay_ms = 0, opt_stop_after = 0;
static bool opt_spin;

static uint64_t rnd(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rng_state = x;
	return x;
}

static uint64_t ms_to_ticks(uint64_t ms)
{
	return freq / 1000 * ms;
}

/* One class of attempts in this boot. */
struct tally {
	const char *cls;
	uint64_t attempts;
	uint64_t escaped;
};

static void escape(struct tally *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void escape(struct tally *t, const char *fmt, ...)
{
	char buf[160];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	rt_printf("ESCAPED: %s: %s\n", t->cls, buf);
	t->escaped++;
}

/* ---------------------------------------------------------------- persistence (the RTC) */

static uint32_t mr_read(void)
{
	return mmio_read32(RTC_BASE + RTC_MR);
}

static void mr_write(uint32_t v)
{
	mmio_write32(RTC_BASE + RTC_MR, v);
	dsb_sy();
	if (mmio_read32(RTC_BASE + RTC_MR) != v)
		rt_printf("hostile: error: the RTC does not keep the step (wrote 0x%x)\n", v);
}

static uint32_t attempts_read(void)
{
	return mmio_read32(RTC_BASE + RTC_DR) >> ATTEMPTS_SHIFT;
}

static void attempts_add(uint64_t n)
{
	uint64_t total = attempts_read() + n;

	mmio_write32(RTC_BASE + RTC_LR, (uint32_t)(total << ATTEMPTS_SHIFT));
	dsb_sy();
}

static void benign_escapes_add(uint64_t n)
{
	uint32_t mr = mr_read();
	uint32_t e = ((mr >> 8) & 0xff) + (uint32_t)(n > 255 ? 255 : n);

	mr_write((mr & ~0xff00U) | (e > 255 ? 0xff00U : e << 8));
}

static uint32_t class_escapes(uint32_t mr, uint32_t cls)
{
	return (mr >> (16 + 4 * cls)) & 0xf;
}

static void class_escape_add(uint32_t cls)
{
	uint32_t mr = mr_read();
	uint32_t e = class_escapes(mr, cls);

	if (e < 0xf)
		mr_write(mr + (1U << (16 + 4 * cls)));
}

static void report(const struct tally *t)
{
	rt_printf("hostile: %s attempts=%lu escaped=%lu\n", t->cls, t->attempts, t->escaped);
	attempts_add(t->attempts);
	if (t->escaped)
		benign_escapes_add(t->escaped);
}

/* ---------------------------------------------------------------- GIC set-up (own vCPU 0) */

static uint64_t gicr(uint32_t vcpu)
{
	return GICR_BASE + GICR_STRIDE * vcpu;
}

static uint32_t gic_lines(void)
{
	return 32 * ((mmio_read32(GICD_BASE + GICD_TYPER) & 0x1f) + 1);
}

static void set_prio_dist(uint32_t intid, uint8_t prio)
{
	mmio_write8(GICD_BASE + GICD_IPRIORITYR + intid, prio);
}

static void gic_bringup(void)
{
	uint64_t rd = gicr(0);

	mmio_write32(GICD_BASE + GICD_CTLR, GICD_CTLR_ENABLE_ALL);
	mmio_write32(rd + GICR_WAKER, mmio_read32(rd + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP);
	mmio_write32(rd + GICR_ICENABLER0, 0xffffffffU);
	for (uint32_t i = 0; i < 32; i += 4)
		mmio_write32(rd + GICR_IPRIORITYR + i, 0xa0a0a0a0U);
	mmio_write32(rd + GICR_ISENABLER0, 1U << SGI_STORM);
	if (gic_cpuif_init(0xff))
		rt_puts("hostile: error: no GIC system-register interface\n");
}

/* ---------------------------------------------------------------- SMCCC fuzzing */

static bool fid_excluded(uint32_t fid)
{
	uint32_t f = fid & ~0x40000000U;

	/* Calls that stop, reset or power off the caller: tried on purpose elsewhere. */
	if (f == PSCI_CPU_OFF || f == (PSCI_CPU_ON64 & ~0x40000000U) || f == PSCI_SYSTEM_OFF ||
	    f == PSCI_SYSTEM_RESET)
		return true;
	return fid == 0xc6000001U; /* console write: it would print the random bytes */
}

/* Does @ret answer @fid as SMCCC and Bulkhead's documentation say? */
static bool result_defined(uint32_t fid, uint64_t ret, uint64_t a1, uint64_t a2, uint64_t r1,
			   uint64_t r2, uint64_t r3)
{
	uint32_t owner = (fid >> 24) & 0x3f, f = fid & ~0x40000000U;

	(void)a2;
	if (owner == 0)
		return fid == 0x80000000U ? ret == 0x10001 : ret == SMCCC_NOT_SUPPORTED;
	if (owner == 6) {
		if (fid == 0xc6000000U) /* BH_HVC_INFO: its own partition, vCPU 0 of nvcpus */
			return ret == 0 && r2 == 0 && r3 == nvcpus && r1 < 8;
		if (fid == 0xc6000002U) /* BH_HVC_STACK_USAGE of one of its own vCPUs' cores */
			return a1 < nvcpus ? ret == 0 && r1 <= r2 : ret == SMCCC_INVALID_PARAMETERS;
		return ret == SMCCC_NOT_SUPPORTED;
	}
	if (owner != 4)
		return ret == SMCCC_NOT_SUPPORTED;
	switch (f) {
	case PSCI_VERSION:
		return ret == 0x10000;
	case PSCI_CPU_SUSPEND64 & ~0x40000000U:
		return ret == 0;
	case PSCI_AFFINITY_INFO64 & ~0x40000000U:
		if ((a1 & 0xff00ffffffUL) >= nvcpus || a2 != 0)
			return ret == SMCCC_INVALID_PARAMETERS;
		return ret == 0 || ret == 1 || ret == 2;
	case PSCI_MIGRATE_INFO_TYPE:
		return ret == 2;
	case PSCI_FEATURES:
		return ret == 0 || ret == SMCCC_NOT_SUPPORTED;
	default:
		return ret == SMCCC_NOT_SUPPORTED;
	}
}

static uint32_t random_fid(void)
{
	static const uint32_t owners[] = {0, 1, 2, 3, 4, 5, 6, 7, 0x30, 0x31, 0x3f};
	uint64_t r = rnd();
	uint32_t owner = owners[(r >> 8) % (sizeof(owners) / sizeof(owners[0]))];
	uint32_t top = (uint32_t)(r >> 16) & 0xc0000000U;

	switch (r & 3) {
	case 0:
		return (uint32_t)(r >> 32);
	case 1:
		return top | owner << 24 | ((uint32_t)(r >> 40) & 0xffff);
	case 2:
		return 0x80000000U | (top & 0x40000000U) | owner << 24 |
		       ((uint32_t)(r >> 40) & 0x1f);
	default:
		return 0x86000000U | (top & 0x40000000U) | ((uint32_t)(r >> 40) & 0xff);
	}
}

static void smccc_fuzz(bool smc, uint64_t iterations)
{
	struct tally t = {smc ? "smc-fuzz" : "hvc-fuzz", 0, 0};
	uint64_t not_supported = 0, defined = 0;

	for (uint64_t i = 0; i < iterations; i++) {
		uint32_t fid = random_fid();
		uint64_t x0 = (rnd() & 1 ? rnd() << 32 : 0) | fid, a[7];
		struct smccc_res r;

		if (fid_excluded(fid))
			continue;
		for (int k = 0; k < 7; k++)
			a[k] = rnd() & 1 ? rnd() : rnd() & 0xff;
		r = smc ? smccc_smc(x0, a[0], a[1], a[2], a[3], a[4], a[5], a[6])
			: smccc_hvc(x0, a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
		t.attempts++;
		if (r.a0 == SMCCC_NOT_SUPPORTED)
			not_supported++;
		else
			defined++;
		if (!result_defined(fid, r.a0, a[0], a[1], r.a1, r.a2, r.a3))
			escape(&t, "function 0x%x (x0 0x%lx, x1 0x%lx) returned 0x%lx", fid, x0,
			       a[0], r.a0);
	}
	rt_printf("hostile: %s detail not_supported=%lu defined=%lu\n", t.cls, not_supported,
		  defined);
	report(&t);
}

/* ---------------------------------------------------------------- PSCI misuse */

static void psci_expect(struct tally *t, bool smc, uint64_t fid, uint64_t a1, uint64_t a2,
			uint64_t want, const char *what)
{
	struct smccc_res r =
		smc ? smccc_smc(fid, a1, a2, 0, 0, 0, 0, 0) : smccc_hvc(fid, a1, a2, 0, 0, 0, 0, 0);

	t->attempts++;
	if (r.a0 != want)
		escape(t, "%s %s(0x%lx, 0x%lx) returned 0x%lx, not 0x%lx", smc ? "smc" : "hvc",
		       what, a1, a2, r.a0, want);
}

static void psci_misuse(void)
{
	static const uint64_t foreign[] = {
		2,
		3,
		4,
		15,
		16,
		255,
		0x100,
		0x101,
		0x10000,
		0x10001,
		0x100000000UL,
		0xff00ffffffUL,
		0x80000002UL,
		0x8000000000UL | 2,
	};
	struct tally t = {"psci", 0, 0};

	for (int smc = 0; smc < 2; smc++) {
		for (uint32_t i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++) {
			psci_expect(&t, smc, PSCI_CPU_ON64, foreign[i],
				    (uint64_t)(uintptr_t)rt_halt, SMCCC_INVALID_PARAMETERS,
				    "CPU_ON");
			psci_expect(&t, smc, PSCI_AFFINITY_INFO64, foreign[i], 0,
				    SMCCC_INVALID_PARAMETERS, "AFFINITY_INFO");
		}
		for (uint64_t level = 1; level < 4; level++)
			psci_expect(&t, smc, PSCI_AFFINITY_INFO64, 0, level,
				    SMCCC_INVALID_PARAMETERS, "AFFINITY_INFO");
		psci_expect(&t, smc, PSCI_AFFINITY_INFO64, 0, 0, 0, "AFFINITY_INFO");
		psci_expect(&t, smc, PSCI_CPU_ON64, 0, (uint64_t)(uintptr_t)rt_halt,
			    PSCI_RET_ALREADY_ON, "CPU_ON(self)");
		if (nvcpus > 1)
			psci_expect(&t, smc, PSCI_CPU_ON64, 1, (uint64_t)(uintptr_t)rt_halt,
				    PSCI_RET_ALREADY_ON, "CPU_ON(running sibling)");
		psci_expect(&t, smc, PSCI_VERSION, 0, 0, 0x10000, "VERSION");
		psci_expect(&t, smc, PSCI_MIGRATE_INFO_TYPE, 0, 0, 2, "MIGRATE_INFO_TYPE");
		psci_expect(&t, smc, 0xc4000005UL, 1, 0, SMCCC_NOT_SUPPORTED, "MIGRATE");
		psci_expect(&t, smc, 0x8400000eUL, 0, 0, SMCCC_NOT_SUPPORTED, "SYSTEM_SUSPEND");
		psci_expect(&t, smc, 0x84000012UL, 0, 0, SMCCC_NOT_SUPPORTED, "SYSTEM_RESET2");
		for (int i = 0; i < 16; i++)
			psci_expect(&t, smc, PSCI_CPU_SUSPEND64, rnd(), rnd(), 0, "CPU_SUSPEND");
	}
	report(&t);
}

/* ---------------------------------------------------------------- system registers */

/* Runs @insn (an access that must be UNDEFINED at EL1); counts it; an access that works escaped. */
#define MUST_UNDEF(t, insn)                                                                        \
	do {                                                                                       \
		hx_expect();                                                                       \
		__asm__ volatile(insn ::: "x0", "memory");                                         \
		hx_done();                                                                         \
		(t)->attempts++;                                                                   \
		if (hx_sync_count() != 1 || (hx_last_esr() >> 26) != HX_EC_UNKNOWN)                \
			escape((t), "'%s' at EL1: %u exception(s), ESR 0x%lx", insn,               \
			       hx_sync_count(), hx_last_esr());                                    \
	} while (0)

static void el2_registers(struct tally *t)
{
	MUST_UNDEF(t, "mrs x0, hcr_el2");
	MUST_UNDEF(t, "msr hcr_el2, xzr");
	MUST_UNDEF(t, "mrs x0, vttbr_el2");
	MUST_UNDEF(t, "msr vttbr_el2, xzr");
	MUST_UNDEF(t, "mrs x0, vtcr_el2");
	MUST_UNDEF(t, "msr vtcr_el2, xzr");
	MUST_UNDEF(t, "mrs x0, sctlr_el2");
	MUST_UNDEF(t, "msr sctlr_el2, xzr");
	MUST_UNDEF(t, "mrs x0, ttbr0_el2");
	MUST_UNDEF(t, "mrs x0, vbar_el2");
	MUST_UNDEF(t, "msr vbar_el2, xzr");
	MUST_UNDEF(t, "mrs x0, esr_el2");
	MUST_UNDEF(t, "mrs x0, elr_el2");
	MUST_UNDEF(t, "msr elr_el2, xzr");
	MUST_UNDEF(t, "mrs x0, spsr_el2");
	MUST_UNDEF(t, "mrs x0, far_el2");
	MUST_UNDEF(t, "mrs x0, hpfar_el2");
	MUST_UNDEF(t, "mrs x0, tpidr_el2");
	MUST_UNDEF(t, "msr tpidr_el2, xzr");
	MUST_UNDEF(t, "mrs x0, mdcr_el2");
	MUST_UNDEF(t, "msr mdcr_el2, xzr");
	MUST_UNDEF(t, "mrs x0, cptr_el2");
	MUST_UNDEF(t, "msr cptr_el2, xzr");
	MUST_UNDEF(t, "mrs x0, cnthctl_el2");
	MUST_UNDEF(t, "msr cnthctl_el2, xzr");
	MUST_UNDEF(t, "mrs x0, cntvoff_el2");
	MUST_UNDEF(t, "msr cntvoff_el2, xzr");
	MUST_UNDEF(t, "mrs x0, cnthp_ctl_el2");
	MUST_UNDEF(t, "msr cnthp_ctl_el2, xzr");
	MUST_UNDEF(t, "msr cnthp_cval_el2, xzr");
	MUST_UNDEF(t, "mrs x0, vmpidr_el2");
	MUST_UNDEF(t, "msr vmpidr_el2, xzr");
	MUST_UNDEF(t, "mrs x0, vpidr_el2");
	MUST_UNDEF(t, "mrs x0, s3_4_c12_c11_0"); /* ICH_HCR_EL2 */
	MUST_UNDEF(t, "msr s3_4_c12_c11_0, xzr");
	MUST_UNDEF(t, "mrs x0, s3_4_c12_c12_0"); /* ICH_LR0_EL2 */
	MUST_UNDEF(t, "msr s3_4_c12_c12_0, xzr");
	MUST_UNDEF(t, "mrs x0, s3_4_c12_c11_7"); /* ICH_VMCR_EL2 */
	MUST_UNDEF(t, "mrs x0, s3_4_c12_c9_5");	 /* ICC_SRE_EL2 */
	MUST_UNDEF(t, "msr s3_4_c12_c9_5, xzr");
	MUST_UNDEF(t, "mrs x0, scr_el3");
	MUST_UNDEF(t, "msr scr_el3, xzr");
	MUST_UNDEF(t, "mrs x0, sctlr_el3");
	MUST_UNDEF(t, "mrs x0, vbar_el3");
	MUST_UNDEF(t, "at s12e1r, x0");
	MUST_UNDEF(t, "at s1e2r, x0");
	MUST_UNDEF(t, "tlbi alle2");
	MUST_UNDEF(t, "tlbi vmalls12e1");
	MUST_UNDEF(t, "tlbi alle1");
	MUST_UNDEF(t, "ic iallu\n\tmov x0, #0\n\ttlbi ipas2e1is, x0");
}

/* Random MRS encodings, executed from a stub in RAM (the MMU is off: RAM is executable). */
static uint32_t mrs_stub[4] __attribute__((aligned(16)));

static uint64_t run_stub(void)
{
	uint64_t v;

	__asm__ volatile("dsb sy\n\tic iallu\n\tdsb sy\n\tisb\n\t"
			 "blr %1\n\tmov %0, x0"
			 : "=r"(v)
			 : "r"(mrs_stub)
			 : "x0", "x30", "memory");
	return v;
}

static void random_mrs(struct tally *t, uint64_t iterations)
{
	uint64_t ok = 0, undef = 0, other = 0;

	for (uint64_t i = 0; i < iterations; i++) {
		uint64_t r = rnd();
		uint32_t o0 = (uint32_t)r & 1, op1 = (uint32_t)(r >> 1) & 7;
		uint32_t crn = (uint32_t)(r >> 4) & 15, crm = (uint32_t)(r >> 8) & 15;
		uint32_t op2 = (uint32_t)(r >> 12) & 7;

		/* The GIC CPU interface (acknowledge would lose interrupts): tried by name. */
		if (o0 == 1 && op1 == 0 && crn == 12)
			continue;
		mrs_stub[0] = 0xd5300000U | o0 << 19 | op1 << 16 | crn << 12 | crm << 8 | op2 << 5;
		mrs_stub[1] = 0xd65f03c0U; /* ret */
		hx_expect();
		(void)run_stub();
		hx_done();
		t->attempts++;
		if (!hx_sync_count())
			ok++;
		else if ((hx_last_esr() >> 26) == HX_EC_UNKNOWN)
			undef++;
		else
			other++;
		/* An EL2 or EL3 register (op1 4..6) must never be readable at EL1. */
		if (op1 >= 4 && op1 <= 6 && !hx_sync_count())
			escape(t, "mrs s%u_%u_c%u_c%u_%u read at EL1", 2 + o0, op1, crn, crm, op2);
	}
	rt_printf("hostile: sysreg detail random_mrs ok=%lu undefined=%lu other=%lu\n", ok, undef,
		  other);
}

/* Hardware watchpoints and breakpoints aimed at EL2 (Bulkhead's memory): must never fire there. */
static void debug_at_el2(struct tally *t)
{
	const uint64_t wcr = 1 | 0xffUL << 5 | 3UL << 3 | 1UL << 13 | 1UL << 14 | 26UL << 24;
	const uint64_t bcr = 1 | 0xfUL << 5 | 1UL << 13 | 1UL << 14;

	sysreg_write(oslar_el1, 0);
	sysreg_write(dbgwvr0_el1, 0x40000000UL); /* 64 MiB from 0x40000000: Bulkhead's RAM */
	sysreg_write(dbgwcr0_el1, wcr);		 /* HMC=1 SSC=01 PAC=00: EL2 only */
	sysreg_write(dbgbvr0_el1, BULKHEAD_PHYS);
	sysreg_write(dbgbcr0_el1, bcr);
	sysreg_write(dbgbvr1_el1, BULKHEAD_PHYS + 0x800);
	sysreg_write(dbgbcr1_el1, bcr);
	sysreg_write(mdscr_el1, 1UL << 15 | 1UL << 13); /* MDE, KDE */
	isb();
	hx_expect();
	__asm__ volatile("msr daifclr, #8" ::: "memory");
	for (int i = 0; i < 32; i++) {
		(void)smccc_hvc(0xc6000000UL, 0, 0, 0, 0, 0, 0, 0);
		(void)mmio_read32(GICD_BASE + GICD_TYPER);
		(void)mmio_read32(gicr(0) + GICR_TYPER);
		t->attempts += 3;
	}
	__asm__ volatile("msr daifset, #8" ::: "memory");
	hx_done();
	sysreg_write(mdscr_el1, 0);
	sysreg_write(dbgwcr0_el1, 0);
	sysreg_write(dbgbcr0_el1, 0);
	sysreg_write(dbgbcr1_el1, 0);
	isb();
	rt_printf("hostile: sysreg detail debug_el2 traps=%u el1_debug_events=%u\n", 96,
		  hx_sync_count());
}

/* An exception return from EL1 to EL2 is illegal: PSTATE.IL, and an exception at EL1. */
static void eret_to_el2(struct tally *t)
{
	hx_expect();
	__asm__ volatile("adr x0, 1f\n\t"
			 "msr elr_el1, x0\n\t"
			 "mov x0, #0x3c9\n\t" /* EL2h, DAIF masked */
			 "msr spsr_el1, x0\n\t"
			 "eret\n"
			 "1:\tnop" ::
				 : "x0", "memory");
	hx_done();
	t->attempts++;
	if (hx_sync_count() != 1 || (hx_last_esr() >> 26) != HX_EC_ILLEGAL)
		escape(t, "eret to EL2h: %u exception(s), ESR 0x%lx", hx_sync_count(),
		       hx_last_esr());
	{
		uint64_t el;

		__asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
		if (((el >> 2) & 3) != 1)
			escape(t, "running at EL%lu after an eret to EL2", (el >> 2) & 3);
	}
}

static void sysreg_misuse(void)
{
	struct tally t = {"sysreg", 0, 0};

	el2_registers(&t);
	random_mrs(&t, opt_sysreg);
	/* Trapped SGI generation with garbage (the SGI family sends to foreign targets). */
	irq_disable();
	for (int i = 0; i < 256; i++, t.attempts++)
		gic_sgi1r(rnd() & ~(0xfUL << 24)); /* SGI 0: never enabled in the guest */
	for (int i = 0; i < 64; i++, t.attempts += 2) {
		sysreg_write(s3_0_c12_c11_6, rnd()); /* ICC_ASGI1R_EL1 */
		sysreg_write(s3_0_c12_c11_7, rnd()); /* ICC_SGI0R_EL1 */
	}
	isb();
	/* Set/way maintenance with garbage (trapped: HCR_EL2.TSW). */
	for (int i = 0; i < 64; i++, t.attempts += 3) {
		uint64_t v = rnd();

		__asm__ volatile("dc isw, %0\n\tdc csw, %0\n\tdc cisw, %0" ::"r"(v) : "memory");
	}
	/* TLB and instruction-cache maintenance from EL1: the partition's own VMID only. */
	for (int i = 0; i < 16; i++, t.attempts += 4)
		__asm__ volatile(
			"tlbi vmalle1is\n\ttlbi vae1is, %0\n\tic ialluis\n\tdsb ish\n\tisb" ::"r"(
				rnd())
			: "memory");
	/* Non-zero HVC and SMC immediates. */
	{
		register uint64_t x0 __asm__("x0") = 0x86000000UL;

		__asm__ volatile("hvc #1" : "+r"(x0)::"x1", "x2", "x3", "memory");
		t.attempts++;
		x0 = 0x86000000UL;
		__asm__ volatile("hvc #0xffff" : "+r"(x0)::"x1", "x2", "x3", "memory");
		t.attempts++;
		x0 = 0x86000000UL;
		__asm__ volatile("smc #0x1234" : "+r"(x0)::"x1", "x2", "x3", "memory");
		t.attempts++;
		if (x0 != SMCCC_NOT_SUPPORTED)
			escape(&t, "smc #0x1234 (0x86000000) returned 0x%lx", (uint64_t)x0);
	}
	eret_to_el2(&t);
	debug_at_el2(&t);
	report(&t);
}

/* ---------------------------------------------------------------- the emulated GIC */

static bool owns(uint32_t intid)
{
	return intid == INTID_VUART || intid == INTID_RTC || intid == INTID_WDT;
}

static void dist_word_all(struct tally *t, uint32_t reg, uint32_t lines, uint32_t v)
{
	for (uint32_t w = 1; w < lines / 32; w++, t->attempts++)
		mmio_write32(GICD_BASE + reg + 4 * w, v);
}

static void vgic_dist_misuse(void)
{
	struct tally t = {"vgic-dist", 0, 0};
	uint32_t lines = gic_lines();
	uint32_t denied_bits = 0;

	irq_disable();
	dist_word_all(&t, GICD_ISENABLER, lines, ~0U);
	dist_word_all(&t, GICD_ICENABLER, lines, ~0U);
	dist_word_all(&t, GICD_ISPENDR, lines, ~0U);
	dist_word_all(&t, GICD_ICPENDR, lines, ~0U);
	dist_word_all(&t, GICD_ISACTIVER, lines, ~0U);
	dist_word_all(&t, GICD_ICACTIVER, lines, ~0U);
	dist_word_all(&t, GICD_IGROUPR, lines, 0);
	dist_word_all(&t, GICD_IGRPMODR, lines, ~0U);
	for (uint32_t w = 2; w < lines / 16; w++, t.attempts += 3) {
		mmio_write32(GICD_BASE + GICD_ICFGR + 4 * w, ~0U);
		mmio_write32(GICD_BASE + GICD_ICFGR + 4 * w, 0); /* its own SPIs: level again */
		mmio_write32(GICD_BASE + GICD_NSACR + 4 * w, ~0U);
	}
	for (uint32_t i = 32; i < lines; i += 4, t.attempts++)
		mmio_write32(GICD_BASE + GICD_IPRIORITYR + i, 0);
	for (uint32_t n = 32; n < lines; n++, t.attempts++) {
		uint64_t aff = rnd() & (0xff00ffffffUL | 1UL << 31);

		mmio_write64(GICD_BASE + GICD_IROUTER + 8 * n, aff);
	}
	mmio_write32(GICD_BASE + GICD_SGIR, 0x00ff0001U);
	mmio_write32(GICD_BASE + GICD_CTLR, 0);
	t.attempts += 2;
	/* Its own again, as gic_bringup() left them. */
	mmio_write32(GICD_BASE + GICD_CTLR, GICD_CTLR_ENABLE_ALL);
	for (uint32_t n = 32; n < lines; n++)
		if (owns(n)) {
			set_prio_dist(n, PRIO_DEFAULT);
			mmio_write64(GICD_BASE + GICD_IROUTER + 8 * n, 0);
		}
	/* What it reads back of interrupts it does not own must be nothing. */
	for (uint32_t n = 32; n < lines; n++) {
		uint32_t w = 4 * (n / 32), bit = 1U << (n % 32), seen = 0;

		if (owns(n))
			continue;
		seen |= mmio_read32(GICD_BASE + GICD_ISENABLER + w) & bit ? 1 : 0;
		seen |= mmio_read32(GICD_BASE + GICD_ISPENDR + w) & bit ? 2 : 0;
		seen |= mmio_read32(GICD_BASE + GICD_ISACTIVER + w) & bit ? 4 : 0;
		seen |= mmio_read32(GICD_BASE + GICD_IGROUPR + w) & bit ? 8 : 0;
		seen |= mmio_read8(GICD_BASE + GICD_IPRIORITYR + n) ? 16 : 0;
		seen |= mmio_read64(GICD_BASE + GICD_IROUTER + 8 * n) ? 32 : 0;
		seen |= (mmio_read32(GICD_BASE + GICD_ICFGR + 4 * (n / 16)) >> (2 * (n % 16))) & 2
				? 64
				: 0;
		if (seen) {
			denied_bits |= seen;
			escape(&t, "INTID %u (not its own) reads back state 0x%x", n, seen);
		}
	}
	rt_printf("hostile: vgic-dist detail lines=%u foreign_state_seen=0x%x\n", lines,
		  denied_bits);
	report(&t);
}

static void vgic_redist_misuse(void)
{
	struct tally t = {"vgic-redist", 0, 0};

	irq_disable();
	for (uint32_t v = 0; v < nvcpus; v++) {
		uint64_t rd = gicr(v);
		uint64_t typer = mmio_read64(rd + GICR_TYPER);

		if ((typer >> 32) != v || (typer >> 8 & 0xffff) != v ||
		    !!(typer & (1UL << 4)) != (v + 1 == nvcpus))
			escape(&t, "GICR_TYPER of vCPU %u is 0x%lx", v, typer);
		mmio_write32(rd + GICR_WAKER, GICR_WAKER_PROCESSOR_SLEEP);
		mmio_write32(rd + GICR_ICENABLER0, ~0U);
		mmio_write32(rd + GICR_ISENABLER0, ~0U);
		mmio_write32(rd + GICR_ICENABLER0, ~0U);
		mmio_write32(rd + GICR_ISPENDR0, ~0U);
		mmio_write32(rd + GICR_ICPENDR0, ~0U);
		mmio_write32(rd + GICR_ISACTIVER0, ~0U);
		mmio_write32(rd + GICR_ICACTIVER0, ~0U);
		mmio_write32(rd + GICR_IGROUPR0, 0);
		mmio_write32(rd + GICR_ICFGR1, ~0U);
		mmio_write32(rd + GICR_ICFGR1, 0);
		for (uint32_t i = 0; i < 32; i += 4)
			mmio_write32(rd + GICR_IPRIORITYR + i, 0);
		mmio_write32(rd + GICR_WAKER, 0);
		t.attempts += 19;
		/* Bulkhead's maintenance interrupt (PPI 25) and EL2 timer (26) are not the guest's. */
		mmio_write32(rd + GICR_ISENABLER0, 3U << 25);
		mmio_write32(rd + GICR_ISPENDR0, 3U << 25);
		t.attempts += 2;
		if ((mmio_read32(rd + GICR_ISENABLER0) | mmio_read32(rd + GICR_ISPENDR0) |
		     mmio_read32(rd + GICR_IGROUPR0)) &
		    (3U << 25))
			escape(&t, "vCPU %u's redistributor shows Bulkhead's PPIs 25/26", v);
		mmio_write32(rd + GICR_ICENABLER0, ~0U);
		mmio_write32(rd + GICR_ICPENDR0, ~0U);
	}
	gic_bringup();
	report(&t);
}

static void sgi_misuse(void)
{
	static const uint64_t targets[] = {
		0xfffc,	       /* Aff0 2..15: not its vCPUs */
		1UL << 16 | 1, /* Aff1 = 1 */
		1UL << 32 | 1, /* Aff2 = 1 */
		1UL << 48 | 1, /* Aff3 = 1 */
		1UL << 44 | 1, /* RS = 1: Aff0 16 */
		0xffUL << 16 | 0xffffUL | 0xffUL << 32 | 0xffUL << 48 | 0xfUL << 44,
	};
	struct tally t = {"sgi", 0, 0};

	irq_disable();
	for (int round = 0; round < 50; round++)
		for (uint32_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++, t.attempts++)
			gic_sgi1r(targets[i] | (uint64_t)SGI_FOREIGN << 24);
	for (int i = 0; i < 200; i++, t.attempts++)
		gic_sgi1r((rnd() & ~(0xfUL << 24)) | (uint64_t)SGI_FOREIGN << 24);
	gic_sgi1r(1UL << 40 | (uint64_t)SGI_FOREIGN << 24); /* IRM: every other vCPU of its own */
	t.attempts++;
	/* Clear what reached its own vCPUs. */
	for (uint32_t v = 0; v < nvcpus; v++)
		mmio_write32(gicr(v) + GICR_ICPENDR0, 1U << SGI_FOREIGN);
	report(&t);
}

/* ---------------------------------------------------------------- odd but emulatable MMIO */

static void mmio_odd(void)
{
	struct tally t = {"mmio-odd", 0, 0};
	uint64_t rd = gicr(0), v;

	irq_disable();
	/* GICD: byte priorities, sign extension, acquire/release, 64-bit and 32-bit IROUTER. */
	mmio_write8(GICD_BASE + GICD_IPRIORITYR + INTID_RTC, 0x90);
	if (mmio_read8(GICD_BASE + GICD_IPRIORITYR + INTID_RTC) != 0x90 ||
	    ((mmio_read32(GICD_BASE + GICD_IPRIORITYR + (INTID_RTC & ~3U)) >>
	      (8 * (INTID_RTC % 4))) &
	     0xff) != 0x90)
		escape(&t, "byte priority of INTID %u did not stick", INTID_RTC);
	if (ld8_sx64(GICD_BASE + GICD_IPRIORITYR + INTID_RTC) != 0xffffffffffffff90UL ||
	    ld8_sx32(GICD_BASE + GICD_IPRIORITYR + INTID_RTC) != 0xffffff90U)
		escape(&t, "ldrsb of a priority is not sign-extended as the ISS says");
	set_prio_dist(INTID_RTC, PRIO_DEFAULT);
	if (ldar32(GICD_BASE + GICD_TYPER) != mmio_read32(GICD_BASE + GICD_TYPER))
		escape(&t, "ldar and ldr of GICD_TYPER differ");
	stlr32(GICD_BASE + GICD_CTLR, GICD_CTLR_ENABLE_ALL);
	ld32_xzr(GICD_BASE + GICD_TYPER);
	st32_wzr(GICD_BASE + GICD_IGROUPR + 4);
	mmio_write64(GICD_BASE + GICD_IROUTER + 8 * INTID_RTC, 1);
	v = mmio_read64(GICD_BASE + GICD_IROUTER + 8 * INTID_RTC);
	mmio_write32(GICD_BASE + GICD_IROUTER + 8 * INTID_RTC + 4, 0xffffffffU);
	if (mmio_read32(GICD_BASE + GICD_IROUTER + 8 * INTID_RTC + 4) != 0)
		escape(&t, "IROUTER high half kept a foreign affinity");
	mmio_write32(GICD_BASE + GICD_IROUTER + 8 * INTID_RTC, 0);
	if (v != (nvcpus > 1 ? 1 : 0))
		escape(&t, "IROUTER of INTID %u reads 0x%lx", INTID_RTC, v);
	for (uint32_t off = 0xffd0; off < 0x10000; off += 4)
		(void)mmio_read32(GICD_BASE + off);
	t.attempts += 26;
	/* GICR: 64/32/8-bit reads of TYPER must agree; byte priorities. */
	v = mmio_read64(rd + GICR_TYPER);
	if (mmio_read32(rd + GICR_TYPER) != (uint32_t)v ||
	    mmio_read32(rd + GICR_TYPER + 4) != (uint32_t)(v >> 32))
		escape(&t, "GICR_TYPER halves differ from its 64-bit read");
	for (uint32_t b = 0; b < 8; b++)
		if (mmio_read8(rd + GICR_TYPER + b) != (uint8_t)(v >> (8 * b)))
			escape(&t, "GICR_TYPER byte %u differs", b);
	mmio_write8(rd + GICR_IPRIORITYR + SGI_STORM, 0x88);
	if (mmio_read8(rd + GICR_IPRIORITYR + SGI_STORM) != 0x88 ||
	    ((mmio_read64(rd + GICR_IPRIORITYR) >> (8 * SGI_STORM)) & 0xff) != 0x88)
		escape(&t, "byte priority of SGI %u did not stick", SGI_STORM);
	mmio_write8(rd + GICR_IPRIORITYR + SGI_STORM, PRIO_DEFAULT);
	(void)mmio_read32(rd + GICR_SGI_BASE + 0x500);
	t.attempts += 14;
	/* The emulated PL011: 8/16/32-bit reads, identification. */
	(void)mmio_read8(UART_BASE + 0x18);
	(void)mmio_read16(UART_BASE + 0x18);
	(void)mmio_read32(UART_BASE + 0x18);
	for (uint32_t off = 0xfe0; off < 0x1000; off += 4)
		(void)mmio_read8(UART_BASE + off);
	mmio_write16(UART_BASE + 0x38, 0); /* IMSC */
	t.attempts += 12;
	/* The watchdog (disabled): 64-bit WCV, every offset of both frames. */
	mmio_write64(WDT_CONTROL + WDT_WCV, 0x123456789abcdefUL);
	if (mmio_read64(WDT_CONTROL + WDT_WCV) != 0x123456789abcdefUL ||
	    mmio_read32(WDT_CONTROL + WDT_WCV + 4) != 0x1234567U)
		escape(&t, "watchdog WCV 64-bit write/read disagree");
	if (mmio_read32(WDT_CONTROL + WDT_WCS) & WDT_WCS_EN)
		escape(&t, "watchdog enabled by a WCV write");
	for (uint32_t off = 0; off < 0x1000; off += 4) {
		(void)mmio_read32(WDT_REFRESH + off);
		(void)mmio_read32(WDT_CONTROL + off);
	}
	t.attempts += 2051;
	report(&t);
}

/* ---------------------------------------------------------------- interrupt storms */

static volatile uint64_t storm_end, storm_count[3];
static volatile bool storm_on[3];

static void storm_irq(uint32_t intid)
{
	uint64_t now = rt_counter();

	if (intid == INTID_RTC) {
		/* Not cleared (RTCICR): the level stays up and fires again at once. */
		storm_count[0]++;
		if (now >= storm_end) {
			mmio_write32(RTC_BASE + RTC_IMSC, 0);
			mmio_write32(RTC_BASE + RTC_ICR, 1);
			storm_on[0] = false;
		}
	} else if (intid == INTID_VTIMER) {
		storm_count[1]++;
		if (now >= storm_end) {
			sysreg_write(cntv_ctl_el0, 0);
			storm_on[1] = false;
		}
	} else if (intid == SGI_STORM) {
		storm_count[2]++;
	}
}

static bool storm_wait(int k, uint64_t ms)
{
	uint64_t give_up = rt_counter() + ms_to_ticks(ms + 1000);

	while (storm_on[k] && rt_counter() < give_up)
		;
	return !storm_on[k];
}

static void storms(void)
{
	struct tally t = {"storm", 0, 0};
	uint64_t rd = gicr(0), start, rtc_ticks, vt_ticks, sgi_ticks, sgis = 0;

	hx_set_irq_hook(storm_irq);
	/*
	 * 1. A device interrupt that stays asserted: the RTC's alarm. RTCMR holds
	 * the step, far below the counter (RTCDR holds the attempts << 12), so the
	 * alarm is raised at every RTCMR write; unmasked and never cleared, its
	 * level interrupt fires again as soon as the guest ends it.
	 */
	set_prio_dist(INTID_RTC, PRIO_DEFAULT);
	mmio_write64(GICD_BASE + GICD_IROUTER + 8 * INTID_RTC, 0);
	mmio_write32(GICD_BASE + GICD_ISENABLER + 4, 1U << (INTID_RTC - 32));
	mr_write(mr_read());
	if (!(mmio_read32(RTC_BASE + RTC_RIS) & 1))
		rt_puts("hostile: storm: the RTC alarm is not raised\n");
	start = rt_counter();
	storm_end = start + ms_to_ticks(opt_storm_ms);
	storm_on[0] = true;
	irq_enable();
	mmio_write32(RTC_BASE + RTC_IMSC, 1);
	if (!storm_wait(0, opt_storm_ms))
		escape(&t, "the RTC interrupt storm did not stop");
	irq_disable();
	rtc_ticks = rt_counter() - start;
	mmio_write32(RTC_BASE + RTC_IMSC, 0);
	mmio_write32(RTC_BASE + RTC_ICR, 1);
	mmio_write32(GICD_BASE + GICD_ICENABLER + 4, 1U << (INTID_RTC - 32));
	/* 2. The virtual timer with a compare value in the past: a level that never drops. */
	mmio_write32(rd + GICR_ISENABLER0, 1U << INTID_VTIMER);
	start = rt_counter();
	storm_end = start + ms_to_ticks(opt_storm_ms);
	storm_on[1] = true;
	sysreg_write(cntv_cval_el0, 0);
	sysreg_write(cntv_ctl_el0, 1);
	isb();
	irq_enable();
	if (!storm_wait(1, opt_storm_ms))
		escape(&t, "the virtual-timer storm did not stop");
	irq_disable();
	vt_ticks = rt_counter() - start;
	sysreg_write(cntv_ctl_el0, 0);
	mmio_write32(rd + GICR_ICENABLER0, 1U << INTID_VTIMER);
	/* 3. Self-SGIs, each a trapped ICC_SGI1R_EL1 write, as fast as it can. */
	start = rt_counter();
	storm_end = start + ms_to_ticks(opt_storm_ms);
	irq_enable();
	while (rt_counter() < storm_end) {
		for (int i = 0; i < 64; i++)
			gic_sgi1r((uint64_t)SGI_STORM << 24 | 1);
		sgis += 64;
	}
	irq_disable();
	sgi_ticks = rt_counter() - start;
	hx_set_irq_hook(NULL);
	t.attempts = storm_count[0] + storm_count[1] + sgis;
	rt_printf("hostile: storm detail rtc_irqs=%lu in %lu ms, vtimer_irqs=%lu in %lu ms, "
		  "sgis=%lu taken=%lu in %lu ms\n",
		  storm_count[0], rtc_ticks / ms_to_ticks(1), storm_count[1],
		  vt_ticks / ms_to_ticks(1), sgis, storm_count[2], sgi_ticks / ms_to_ticks(1));
	report(&t);
}

/* ---------------------------------------------------------------- console flood */

static void console_flood(void)
{
	struct tally t = {"console-flood", 0, 0};
	uint64_t start = rt_counter();

	for (uint64_t i = 0; i < opt_flood; i++, t.attempts++)
		rt_printf("hostile: flood %lu ................................................"
			  "........................................\n",
			  i);
	/* Refused CPU_ONs: Bulkhead logs the first, counts the others (a log flood otherwise). */
	for (uint64_t i = 0; i < opt_flood; i++, t.attempts++)
		(void)smccc_hvc(PSCI_CPU_ON64, 0x100 + i, 0, 0, 0, 0, 0, 0);
	/* Byte by byte through the emulated PL011. */
	for (uint64_t i = 0; i < 10; i++) {
		char line[40];
		int n = fmt_snprintf(line, sizeof(line), "hostile: vuart flood %lu\n", i);

		for (int k = 0; k < n; k++, t.attempts++)
			mmio_write32(UART_BASE, (uint8_t)line[k]);
	}
	rt_printf("hostile: console-flood detail lines=%lu refused_cpu_on=%lu in %lu ms\n",
		  opt_flood + 10, opt_flood, (rt_counter() - start) / ms_to_ticks(1));
	report(&t);
}

/* ---------------------------------------------------------------- restart and scrub */

static void system_reset(void)
{
	struct tally t = {"system-reset", 1, 0};
	struct smccc_res r;

	for (uint64_t a = CANARY_ADDR; a < CANARY_ADDR + CANARY_SIZE; a += 8)
		mmio_write64(a, CANARY_WORD ^ a);
	/* EL1 registers the next life could read: does the restart reset them? */
	sysreg_write(tpidr_el1, CANARY_WORD);
	sysreg_write(tpidr_el0, CANARY_WORD + 1);
	sysreg_write(tpidrro_el0, CANARY_WORD + 2);
	sysreg_write(contextidr_el1, 0x1234);
	sysreg_write(far_el1, CANARY_WORD + 3);
	sysreg_write(dbgbvr3_el1, CANARY_ADDR);
	attempts_add(1);
	rt_printf("hostile: system-reset: canary at 0x%lx, asking for PSCI SYSTEM_RESET\n",
		  CANARY_ADDR);
	r = smccc_hvc(PSCI_SYSTEM_RESET, 0, 0, 0, 0, 0, 0, 0);
	escape(&t, "PSCI SYSTEM_RESET returned 0x%lx", r.a0);
	benign_escapes_add(1);
}

/* After SYSTEM_RESET: nothing of the previous life, nothing of Bulkhead's, in its RAM. */
static void restart_scrub(void)
{
	struct tally t = {"restart-scrub", 0, 0};
	uint64_t ram_base = 0, ram_size = 0, dirty = 0;
	uint64_t from = ((uint64_t)(uintptr_t)_end + 0xfff) & ~0xfffUL, to;

	rt_memory(&ram_base, &ram_size);
	to = ram_base + ram_size - 0x200000; /* the guest DTB is in the top 2 MiB */
	for (uint64_t a = CANARY_ADDR; a < CANARY_ADDR + CANARY_SIZE; a += 8, t.attempts++)
		if (mmio_read64(a) != 0) {
			escape(&t, "canary word at 0x%lx survived the restart (0x%lx)", a,
			       mmio_read64(a));
			break;
		}
	for (uint64_t a = from; a < to; a += 0x1000, t.attempts++)
		if (mmio_read64(a) != 0 || mmio_read64(a + 0xff8) != 0)
			dirty++;
	if (dirty)
		escape(&t, "%lu pages of its RAM are not zero after the restart", dirty);
	/* Its own RAM covers Bulkhead's and the system DTB's physical addresses: not theirs. */
	t.attempts += 2;
	if (mmio_read32(BULKHEAD_PHYS + 0x38) == ARM64_MAGIC)
		escape(&t, "IPA 0x%lx shows Bulkhead's image header", BULKHEAD_PHYS);
	if (mmio_read32(SYSTEM_DTB_PHYS) == FDT_MAGIC_LE)
		escape(&t, "IPA 0x%lx shows the system device tree", SYSTEM_DTB_PHYS);
	rt_printf("hostile: restart-scrub detail checked 0x%lx-0x%lx, canary 0x%lx+0x%lx\n", from,
		  to - 1, CANARY_ADDR, CANARY_SIZE);
	/*
	 * Not an escape (the registers belong to this partition's own cores), but
	 * reported: a restart that is to be "as at power-on" should reset them.
	 */
	rt_printf("hostile: restart-scrub detail el1 registers kept across the restart: "
		  "tpidr_el1=%d tpidr_el0=%d tpidrro_el0=%d contextidr_el1=%d far_el1=%d "
		  "dbgbvr3_el1=%d\n",
		  sysreg_read(tpidr_el1) == CANARY_WORD, sysreg_read(tpidr_el0) == CANARY_WORD + 1,
		  sysreg_read(tpidrro_el0) == CANARY_WORD + 2,
		  sysreg_read(contextidr_el1) == 0x1234, sysreg_read(far_el1) == CANARY_WORD + 3,
		  sysreg_read(dbgbvr3_el1) == CANARY_ADDR);
	report(&t);
}

/* ---------------------------------------------------------------- faulting steps */

enum kind {
	K_R8,
	K_W8,
	K_R16,
	K_R32,
	K_W32,
	K_R64,
	K_W64,
	K_R32U,
	K_EXEC,
	K_DC,
	K_LDP,
	K_STP,
	K_LDXR,
	K_STXR,
	K_POSTIDX,
	K_PREIDX,
	K_FP,
};

static const char *const kind_names[] = {
	[K_R8] = "read8",
	[K_W8] = "write8",
	[K_R16] = "read16",
	[K_R32] = "read32",
	[K_W32] = "write32",
	[K_R64] = "read64",
	[K_W64] = "write64",
	[K_R32U] = "read32-unaligned",
	[K_EXEC] = "exec",
	[K_DC] = "dc-civac",
	[K_LDP] = "ldp",
	[K_STP] = "stp",
	[K_LDXR] = "ldxr",
	[K_STXR] = "stxr",
	[K_POSTIDX] = "ldr-postindex",
	[K_PREIDX] = "str-preindex",
	[K_FP] = "ldr-simd",
};

/* Faulting classes: their escapes live in RTCMR[31:16]. */
enum fclass { FC_MEMORY, FC_FRAMES, FC_UNASSIGNED, FC_UNEMULATABLE, FC_COUNT };

static const char *const fclass_names[FC_COUNT] = {
	[FC_MEMORY] = "foreign-memory",
	[FC_FRAMES] = "gic-smmu-frames",
	[FC_UNASSIGNED] = "unassigned-mmio",
	[FC_UNEMULATABLE] = "unemulatable-mmio",
};

struct fstep {
	enum fclass cls;
	enum kind kind;
	uint64_t addr;
	const char *what;
};

static const struct fstep fsteps[] = {
	{FC_MEMORY, K_R64, PLAN_RTOS_RAM, "the RTOS's RAM"},
	{FC_MEMORY, K_W64, PLAN_RTOS_RAM + 0x1000, "the RTOS's RAM"},
	{FC_MEMORY, K_R64, PLAN_RTOS_RAM + PLAN_RTOS_SIZE - 8, "the RTOS's RAM, last word"},
	{FC_MEMORY, K_W64, PLAN_SENTINEL_RAM, "the sentinel's RAM"},
	{FC_MEMORY, K_R64, PLAN_SENTINEL_RAM + 0x400000, "the sentinel's pattern"},
	{FC_MEMORY, K_R64, PLAN_HOSTILE_RAM, "its own RAM by physical address"},
	{FC_MEMORY, K_R64, PLAN_HOSTILE_BIN, "the module area (pristine images)"},
	{FC_MEMORY, K_W64, PLAN_SENTINEL_BIN, "the module area (pristine images)"},
	{FC_MEMORY, K_R64, 0xbfff0000, "the top of RAM"},
	{FC_MEMORY, K_EXEC, PLAN_RTOS_RAM, "the RTOS's RAM"},
	{FC_MEMORY, K_DC, PLAN_RTOS_RAM, "the RTOS's RAM"},
	{FC_MEMORY, K_LDP, PLAN_RTOS_RAM, "the RTOS's RAM"},
	{FC_MEMORY, K_R32U, PLAN_RTOS_RAM + 2, "the RTOS's RAM"},
	{FC_FRAMES, K_R32, 0x08080000, "the GIC ITS"},
	{FC_FRAMES, K_W32, 0x08080000, "the GIC ITS (GITS_CTLR)"},
	{FC_FRAMES, K_R32, 0x08010000, "beyond the GIC distributor"},
	{FC_FRAMES, K_R64, 0x080e0008, "core 2's redistributor (GICR_TYPER)"},
	{FC_FRAMES, K_W32, 0x080f0180, "core 2's redistributor (GICR_ICENABLER0)"},
	{FC_FRAMES, K_R32, 0x08100008, "core 3's redistributor (the RTOS's)"},
	{FC_FRAMES, K_W32, 0x08110180, "core 3's redistributor (GICR_ICENABLER0)"},
	{FC_FRAMES, K_R32, 0x09050000, "the SMMU (SMMU_IDR0)"},
	{FC_FRAMES, K_W32, 0x09050020, "the SMMU (SMMU_CR0)"},
	{FC_FRAMES, K_R32, 0x09060000, "the SMMU, page 1"},
	{FC_UNASSIGNED, K_R32, 0x00000000, "flash 0 (U-Boot)"},
	{FC_UNASSIGNED, K_W32, 0x04000000, "flash 1 (U-Boot's environment)"},
	{FC_UNASSIGNED, K_R32, 0x09020000, "fw_cfg"},
	{FC_UNASSIGNED, K_R32, 0x09040000, "an empty MMIO page"},
	{FC_UNASSIGNED, K_R32, 0x0a003e00, "the boot disk (virtio-mmio 31)"},
	{FC_UNASSIGNED, K_W32, 0x0a003e70, "the boot disk's status register"},
	{FC_UNASSIGNED, K_R32, 0x0a000000, "virtio-mmio 0"},
	{FC_UNASSIGNED, K_R32, 0x0c000000, "the platform bus"},
	{FC_UNASSIGNED, K_R32, 0x10000000, "PCIe memory space"},
	{FC_UNASSIGNED, K_R32, 0x3eff0000, "PCIe I/O space"},
	{FC_UNASSIGNED, K_R32, 0x4010000000, "PCIe configuration space (ECAM)"},
	{FC_UNASSIGNED, K_R32, 0x8000000000, "PCIe high memory space"},
	{FC_UNASSIGNED, K_R32, 0xfffffff000, "the top of the 40-bit guest-physical space"},
	{FC_UNASSIGNED, K_R32, 0x10000000000, "beyond the 40-bit guest-physical space"},
	{FC_UNEMULATABLE, K_LDP, GICD_BASE, "the vGIC distributor"},
	{FC_UNEMULATABLE, K_STP, GICR_BASE + GICR_ISENABLER0, "its redistributor"},
	{FC_UNEMULATABLE, K_LDP, UART_BASE, "the emulated PL011"},
	{FC_UNEMULATABLE, K_STP, WDT_CONTROL, "the watchdog"},
	{FC_UNEMULATABLE, K_LDXR, GICD_BASE, "the vGIC distributor"},
	{FC_UNEMULATABLE, K_STXR, UART_BASE + 0x38, "the emulated PL011"},
	{FC_UNEMULATABLE, K_POSTIDX, GICD_BASE + GICD_TYPER, "the vGIC distributor"},
	{FC_UNEMULATABLE, K_PREIDX, GICR_BASE + GICR_ISENABLER0 - 4, "its redistributor"},
	{FC_UNEMULATABLE, K_FP, GICD_BASE + GICD_TYPER, "the vGIC distributor"},
	{FC_UNEMULATABLE, K_DC, GICD_BASE, "the vGIC distributor"},
	{FC_UNEMULATABLE, K_R16, GICD_BASE + GICD_CTLR, "the vGIC distributor (width)"},
	{FC_UNEMULATABLE, K_W8, GICD_BASE + GICD_CTLR, "the vGIC distributor (width)"},
	{FC_UNEMULATABLE, K_R64, GICD_BASE + GICD_CTLR, "the vGIC distributor (width)"},
	{FC_UNEMULATABLE, K_R32, GICD_BASE + 0x0020, "the vGIC distributor (reserved offset)"},
	{FC_UNEMULATABLE, K_R64, UART_BASE + 0x18, "the emulated PL011 (width)"},
	{FC_UNEMULATABLE, K_R16, WDT_CONTROL, "the watchdog (width)"},
	{FC_UNEMULATABLE, K_W8, WDT_REFRESH, "the watchdog (width)"},
	{FC_UNEMULATABLE, K_R32U, GICD_BASE + 2, "the vGIC distributor"},
	{FC_UNEMULATABLE, K_R32U, WDT_CONTROL + 2, "the watchdog"},
};

#define N_FSTEPS (sizeof(fsteps) / sizeof(fsteps[0]))

static void enable_fp(void)
{
	sysreg_write(cpacr_el1, 3UL << 20);
	isb();
}

static uint64_t do_access(enum kind k, uint64_t a)
{
	switch (k) {
	case K_R8:
		return mmio_read8(a);
	case K_W8:
		mmio_write8(a, 0x5a);
		return 0;
	case K_R16:
		return mmio_read16(a);
	case K_R32:
	case K_R32U:
		return mmio_read32(a);
	case K_W32:
		mmio_write32(a, 0);
		return 0;
	case K_R64:
		return mmio_read64(a);
	case K_W64:
		mmio_write64(a, 0x5a5a0bad0bad5a5aUL);
		return 0;
	case K_EXEC:
		exec_at(a);
		return 0;
	case K_DC:
		dc_civac(a);
		return 0;
	case K_LDP:
		return ldp64(a);
	case K_STP:
		stp64(a, 0);
		return 0;
	case K_LDXR:
		return ldxr64(a);
	case K_STXR:
		return stxr32(a, 0);
	case K_POSTIDX:
		return ld32_postidx(a);
	case K_PREIDX:
		st32_preidx(a, 0);
		return 0;
	case K_FP:
		enable_fp();
		ld_fp64(a);
		return 0;
	}
	return 0;
}

static void faulting_step(uint32_t step, const struct fstep *s)
{
	uint64_t v;
	uint32_t exceptions;

	attempts_add(1);
	rt_printf("hostile: step %u %s: %s %s 0x%lx\n", step, fclass_names[s->cls], s->what,
		  kind_names[s->kind], s->addr);
	dsb_sy();
	hx_expect();
	v = do_access(s->kind, s->addr);
	hx_done();
	exceptions = hx_sync_count();
	if (exceptions) {
		/* Contained at EL1 (alignment fault on Device memory): the access never left. */
		rt_printf("hostile: step %u result=el1-exception ESR 0x%lx FAR 0x%lx\n", step,
			  hx_last_esr(), hx_last_far());
		return;
	}
	if (s->cls == FC_UNEMULATABLE || s->kind == K_DC) {
		/*
		 * Emulating an odd access is allowed (a failed store-exclusive does no
		 * access at all). Cache maintenance cannot change memory contents: a
		 * clean and invalidate of a line it could not map would change nothing
		 * (QEMU does not even translate the address; hardware gives a stage-2
		 * fault).
		 */
		rt_printf("hostile: step %u result=returned value 0x%lx\n", step, v);
		return;
	}
	rt_printf("ESCAPED: %s: %s %s 0x%lx returned 0x%lx\n", fclass_names[s->cls],
		  kind_names[s->kind], s->what, s->addr, v);
	class_escape_add(s->cls);
}

/* ---------------------------------------------------------------- the sequence */

enum {
	STEP_HVC = 1,
	STEP_SMC,
	STEP_PSCI,
	STEP_SYSREG,
	STEP_VGIC_DIST,
	STEP_VGIC_REDIST,
	STEP_SGI,
	STEP_MMIO_ODD,
	STEP_STORM,
	STEP_FLOOD,
	STEP_RESET,
	STEP_SCRUB,
	STEP_FAULTS,
};
#define STEP_DONE (STEP_FAULTS + (uint32_t)N_FSTEPS)

static const char *const step_names[STEP_FAULTS] = {
	[STEP_HVC] = "hvc-fuzz",
	[STEP_SMC] = "smc-fuzz",
	[STEP_PSCI] = "psci",
	[STEP_SYSREG] = "sysreg",
	[STEP_VGIC_DIST] = "vgic-dist",
	[STEP_VGIC_REDIST] = "vgic-redist",
	[STEP_SGI] = "sgi",
	[STEP_MMIO_ODD] = "mmio-odd",
	[STEP_STORM] = "storm",
	[STEP_FLOOD] = "console-flood",
	[STEP_RESET] = "system-reset",
	[STEP_SCRUB] = "restart-scrub",
};

static void done(void)
{
	uint32_t mr = mr_read(), total_escaped = (mr >> 8) & 0xff;
	uint32_t per[FC_COUNT] = {0};
	struct smccc_res r;

	for (uint32_t i = 0; i < N_FSTEPS; i++)
		per[fsteps[i].cls]++;
	for (uint32_t c = 0; c < FC_COUNT; c++) {
		rt_printf("hostile: %s attempts=%u escaped=%u\n", fclass_names[c], per[c],
			  class_escapes(mr, c));
		total_escaped += class_escapes(mr, c);
	}
	rt_printf("hostile: done attempts=%u escaped=%u\n", attempts_read(), total_escaped);
	r = smccc_hvc(PSCI_SYSTEM_OFF, 0, 0, 0, 0, 0, 0, 0);
	rt_printf("ESCAPED: psci: SYSTEM_OFF returned 0x%lx\n", r.a0);
}

static void run_step(uint32_t step)
{
	if (step < STEP_FAULTS)
		rt_printf("hostile: step %u %s\n", step, step_names[step]);
	switch (step) {
	case STEP_HVC:
		smccc_fuzz(false, opt_hvc);
		break;
	case STEP_SMC:
		smccc_fuzz(true, opt_smc);
		break;
	case STEP_PSCI:
		psci_misuse();
		break;
	case STEP_SYSREG:
		sysreg_misuse();
		break;
	case STEP_VGIC_DIST:
		vgic_dist_misuse();
		break;
	case STEP_VGIC_REDIST:
		vgic_redist_misuse();
		break;
	case STEP_SGI:
		sgi_misuse();
		break;
	case STEP_MMIO_ODD:
		mmio_odd();
		break;
	case STEP_STORM:
		storms();
		break;
	case STEP_FLOOD:
		console_flood();
		break;
	case STEP_RESET:
		system_reset();
		break;
	case STEP_SCRUB:
		restart_scrub();
		break;
	default:
		faulting_step(step, &fsteps[step - STEP_FAULTS]);
		break;
	}
}

/* vCPU 1 (rt_secondary_entry): spins with its interrupts masked. */
void guest_secondary(uint64_t x0, uint64_t x1)
{
	(void)x0;
	(void)x1;
	if ((mr_read() & 0xff) <= STEP_HVC)
		rt_puts("hostile: vcpu 1 spins with its interrupts masked\n");
	for (;;)
		__asm__ volatile("nop");
}

static bool has_device(const void *fdt, const char *compatible, uint64_t base)
{
	int node = -1;
	char name[32];

	if (!fdt)
		return false;
	fmt_snprintf(name, sizeof(name), "@%lx", base);
	while ((node = fdt_node_offset_by_compatible(fdt, node, compatible)) >= 0) {
		const char *n = fdt_get_name(fdt, node, NULL);
		const char *at = n ? strchr(n, '@') : NULL;

		if (at && strcmp(at, name) == 0)
			return true;
	}
	return false;
}

static void options(void)
{
	const char *args = rt_bootargs();
	uint64_t seed;

	rt_arg_u64(args, "hvc", &opt_hvc);
	rt_arg_u64(args, "smc", &opt_smc);
	rt_arg_u64(args, "sysreg", &opt_sysreg);
	rt_arg_u64(args, "storm_ms", &opt_storm_ms);
	rt_arg_u64(args, "flood", &opt_flood);
	rt_arg_u64(args, "delay_ms", &opt_delay_ms);
	rt_arg_u64(args, "stop_after", &opt_stop_after);
	{
		char mode[8];

		opt_spin = rt_arg(args, "mode", mode, sizeof(mode)) && strcmp(mode, "spin") == 0;
	}
	if (!rt_arg_u64(args, "seed", &seed) || !seed)
		seed = rt_counter() ^ 0x9e3779b97f4a7c15UL;
	rng_state = seed;
	rt_printf("hostile: seed=0x%lx\n", seed);
}

void guest_main(const void *fdt)
{
	struct rt_info info = rt_get_info();
	uint32_t step;

	freq = rt_counter_freq();
	hx_init();
	nvcpus = info.nvcpus ? info.nvcpus : 1;
	if (!has_device(fdt, "arm,pl031", RTC_BASE)) {
		rt_puts("hostile: error: no PL031 at 0x9010000 to keep the step in; nothing "
			"done\n");
		return;
	}
	mmio_write32(RTC_BASE + RTC_IMSC, 0);
	step = mr_read() & 0xff;
	if (step == 0) {
		mmio_write32(RTC_BASE + RTC_LR, 0); /* attempts: none yet */
		step = STEP_HVC;
		mr_write(step);
	}
	/* t_ms: the virtual counter (CNTVOFF is 0: time since the machine started). */
	rt_printf("hostile: boot step=%u attempts=%u vcpus=%u t_ms=%lu\n", step, attempts_read(),
		  nvcpus, rt_counter() / (freq / 1000));
	options();
	gic_bringup();
	if (nvcpus > 1 &&
	    smccc_hvc(PSCI_CPU_ON64, 1, (uint64_t)(uintptr_t)rt_secondary_entry, 0, 0, 0, 0, 0)
			    .a0 != 0)
		rt_puts("hostile: error: CPU_ON of vcpu 1 failed\n");
	if (opt_spin) {
		/* The baseline of docs/reliability.md: the same cores busy, no attack. */
		rt_puts("hostile: mode=spin: spinning, no attack\n");
		for (;;)
			__asm__ volatile("nop");
	}
	if (step == STEP_HVC && opt_delay_ms)
		rt_wait_until(rt_counter() + ms_to_ticks(opt_delay_ms));
	for (; step <= STEP_DONE; step++) {
		if (opt_stop_after && step > opt_stop_after) {
			rt_printf("hostile: stopping before step %u (stop_after)\n", step);
			return;
		}
		if (step == STEP_DONE) {
			mr_write((mr_read() & ~0xffU) | step);
			done();
			return;
		}
		/* Record the next step first: if this one faults, the restart goes on from there. */
		mr_write((mr_read() & ~0xffU) | (step + 1));
		run_step(step);
	}
}
