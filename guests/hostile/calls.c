// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostile: the calls it makes -- random SMCCC function IDs through HVC and
 * SMC, PSCI misuse, system registers it must not reach (see hostile.c).
 */
#include <guests/hostile/hostile.h>
#include <lib/format.h>

/* ---------------------------------------------------------------- SMCCC fuzzing */

static bool fid_excluded(uint32_t fid)
{
	/*
	 * Calls that stop, reset or power off the caller: tried on purpose
	 * elsewhere. Their SMC64 IDs (but CPU_ON's) are no functions: fuzzed.
	 */
	if (fid == PSCI_CPU_OFF || (fid & ~0x40000000U) == PSCI_CPU_ON || fid == PSCI_SYSTEM_OFF ||
	    fid == PSCI_SYSTEM_RESET)
		return true;
	/* Console write (SMC64 and SMC32): it would print the random bytes. */
	return fid == 0xc6000001U || fid == 0x86000001U;
}

/* Does @ret answer @fid as SMCCC and Bulkhead's documentation say? */
static bool result_defined(uint32_t fid, uint64_t ret, uint64_t a1, uint64_t a2, uint64_t r1,
			   uint64_t r2, uint64_t r3)
{
	uint32_t owner = (fid >> 24) & 0x3f, f = fid & ~0x40000000U;

	if (owner == 0) { /* SMCCC_VERSION 1.1; ARCH_FEATURES knows itself and VERSION */
		if (fid == 0x80000001U && (uint32_t)a1 >= 0x80000000U &&
		    (uint32_t)a1 <= 0x80000001U)
			return ret == 0;
		return fid == 0x80000000U ? ret == 0x10001 : ret == SMCCC_NOT_SUPPORTED;
	}
	if (owner == 6) {
		/* Bulkhead's calls: their SMC32 IDs read W1 (docs/conventions.md). */
		if (!(fid & 0x40000000U))
			a1 &= 0xffffffffUL;
		if (f == 0x86000000U) /* BH_HVC_INFO: its own partition, vCPU 0 of nvcpus */
			return ret == 0 && r2 == 0 && r3 == nvcpus && r1 < 8;
		if (f == 0x86000002U) /* BH_HVC_STACK_USAGE of one of its own vCPUs' cores */
			return a1 < nvcpus ? ret == 0 && r1 <= r2 : ret == SMCCC_INVALID_PARAMETERS;
		return ret == SMCCC_NOT_SUPPORTED;
	}
	if (owner != 4)
		return ret == SMCCC_NOT_SUPPORTED;
	if (!(fid & 0x40000000U)) { /* a 32-bit function reads W1, W2 (DEN0022D 5.2.1) */
		a1 &= 0xffffffffUL;
		a2 &= 0xffffffffUL;
	} else if (f != PSCI_CPU_SUSPEND && f != PSCI_AFFINITY_INFO) {
		return ret == SMCCC_NOT_SUPPORTED; /* no SMC64 form (DEN0022D 5.1.1) */
	}
	switch (f) {
	case PSCI_VERSION:
		return ret == 0x10000;
	case PSCI_CPU_SUSPEND_64 & ~0x40000000U:
		return ret == 0;
	case PSCI_AFFINITY_INFO_64 & ~0x40000000U:
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

void smccc_fuzz(bool smc, uint64_t iterations)
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

void psci_misuse(void)
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
	static const uint64_t bad_entry[] = {
		PLAN_RTOS_RAM, /* another partition's RAM (not mapped for it) */
		PLAN_SENTINEL_RAM + 0x1000,
		PLAN_HOSTILE_RAM,     /* its own RAM by physical address */
		0x08000000UL,	      /* the (emulated) GIC distributor */
		0xfffffffffffcUL,     /* top of a 48-bit IPA space */
		0xfffffffffffffffcUL, /* beyond any IPA */
	};
	struct tally t = {"psci", 0, 0};

	for (int smc = 0; smc < 2; smc++) {
		for (uint32_t i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++) {
			psci_expect(&t, smc, PSCI_CPU_ON_64, foreign[i],
				    (uint64_t)(uintptr_t)rt_halt, SMCCC_INVALID_PARAMETERS,
				    "CPU_ON");
			psci_expect(&t, smc, PSCI_AFFINITY_INFO_64, foreign[i], 0,
				    SMCCC_INVALID_PARAMETERS, "AFFINITY_INFO");
		}
		for (uint64_t level = 1; level < 4; level++)
			psci_expect(&t, smc, PSCI_AFFINITY_INFO_64, 0, level,
				    SMCCC_INVALID_PARAMETERS, "AFFINITY_INFO");
		psci_expect(&t, smc, PSCI_AFFINITY_INFO_64, 0, 0, 0, "AFFINITY_INFO");
		psci_expect(&t, smc, PSCI_CPU_ON_64, 0, (uint64_t)(uintptr_t)rt_halt,
			    PSCI_RET_ALREADY_ON, "CPU_ON(self)");
		if (nvcpus > 1) {
			/*
			 * Its CPU_ON at boot may not have been taken yet (ON_PENDING,
			 * a correct answer too, on a loaded host): wait until it runs.
			 */
			uint64_t until = rt_counter() + ms_to_ticks(5000);

			while (smccc_hvc(PSCI_AFFINITY_INFO_64, 1, 0, 0, 0, 0, 0, 0).a0 != 0 &&
			       rt_counter() < until)
				;
			psci_expect(&t, smc, PSCI_CPU_ON_64, 1, (uint64_t)(uintptr_t)rt_halt,
				    PSCI_RET_ALREADY_ON, "CPU_ON(running sibling)");
		}
		/*
		 * 32-bit functions take W1-W3 (DEN0022D 5.2.1): the upper halves are
		 * not part of the argument. MPIDR 0 (itself), level 0.
		 */
		psci_expect(&t, smc, PSCI_CPU_ON, 0xdead00ff00000000UL,
			    0xffffffff00000000UL | (uint64_t)(uintptr_t)rt_halt,
			    PSCI_RET_ALREADY_ON, "CPU_ON32(self, W1, W2)");
		psci_expect(&t, smc, PSCI_AFFINITY_INFO, 0xffffffff00000000UL, 0xffffffff00000000UL,
			    0, "AFFINITY_INFO32(W1, W2)");
		/* An entry point outside its memory: refused, not entered (and faulted). */
		for (uint32_t i = 0; i < sizeof(bad_entry) / sizeof(bad_entry[0]); i++)
			psci_expect(&t, smc, PSCI_CPU_ON_64, 0, bad_entry[i],
				    PSCI_RET_INVALID_ADDRESS, "CPU_ON(entry outside its memory)");
		/*
		 * SMC64 IDs of functions that have only a 32-bit form (DEN0022D
		 * 5.1.1) are no PSCI functions: NOT_SUPPORTED, for FEATURES too.
		 */
		psci_expect(&t, smc, PSCI_VERSION | SMCCC_64BIT, 0, 0, SMCCC_NOT_SUPPORTED,
			    "VERSION64");
		psci_expect(&t, smc, PSCI_MIGRATE_INFO_TYPE | SMCCC_64BIT, 0, 0,
			    SMCCC_NOT_SUPPORTED, "MIGRATE_INFO_TYPE64");
		psci_expect(&t, smc, PSCI_FEATURES | SMCCC_64BIT, PSCI_VERSION, 0,
			    SMCCC_NOT_SUPPORTED, "FEATURES64");
		psci_expect(&t, smc, PSCI_FEATURES, PSCI_SYSTEM_OFF | SMCCC_64BIT, 0,
			    SMCCC_NOT_SUPPORTED, "FEATURES(SYSTEM_OFF64)");
		psci_expect(&t, smc, PSCI_FEATURES, PSCI_CPU_OFF | SMCCC_64BIT, 0,
			    SMCCC_NOT_SUPPORTED, "FEATURES(CPU_OFF64)");
		psci_expect(&t, smc, PSCI_FEATURES, PSCI_CPU_ON_64, 0, 0, "FEATURES(CPU_ON64)");
		/* SMCCC 1.1 makes ARCH_FEATURES mandatory: it knows VERSION and itself. */
		psci_expect(&t, smc, SMCCC_ARCH_FEATURES, SMCCC_VERSION, 0, 0,
			    "ARCH_FEATURES(VERSION)");
		psci_expect(&t, smc, SMCCC_ARCH_FEATURES, SMCCC_ARCH_FEATURES, 0, 0,
			    "ARCH_FEATURES(ARCH_FEATURES)");
		psci_expect(&t, smc, SMCCC_ARCH_FEATURES, 0x80008000U, 0, SMCCC_NOT_SUPPORTED,
			    "ARCH_FEATURES(WORKAROUND_1)");
		psci_expect(&t, smc, PSCI_VERSION, 0, 0, 0x10000, "VERSION");
		psci_expect(&t, smc, PSCI_MIGRATE_INFO_TYPE, 0, 0, 2, "MIGRATE_INFO_TYPE");
		psci_expect(&t, smc, PSCI_MIGRATE_64, 1, 0, SMCCC_NOT_SUPPORTED, "MIGRATE");
		psci_expect(&t, smc, PSCI_SYSTEM_SUSPEND, 0, 0, SMCCC_NOT_SUPPORTED,
			    "SYSTEM_SUSPEND");
		psci_expect(&t, smc, PSCI_SYSTEM_RESET2, 0, 0, SMCCC_NOT_SUPPORTED,
			    "SYSTEM_RESET2");
		for (int i = 0; i < 16; i++)
			psci_expect(&t, smc, PSCI_CPU_SUSPEND_64, rnd(), rnd(), 0, "CPU_SUSPEND");
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
		(void)mmio_read32(hx_dev.gicd + GICD_TYPER);
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

void sysreg_misuse(void)
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
	/*
	 * Non-zero HVC and SMC immediates are no SMCCC calls (DEN0028 2.5):
	 * BH_HVC_INFO, which succeeds with #0, must not run.
	 */
	{
		register uint64_t x0 __asm__("x0") = 0xc6000000UL;

		__asm__ volatile("hvc #1" : "+r"(x0)::"x1", "x2", "x3", "memory");
		t.attempts++;
		if (x0 != SMCCC_NOT_SUPPORTED)
			escape(&t, "hvc #1 (0xc6000000) returned 0x%lx", (uint64_t)x0);
		x0 = 0xc6000000UL;
		__asm__ volatile("hvc #0xffff" : "+r"(x0)::"x1", "x2", "x3", "memory");
		t.attempts++;
		if (x0 != SMCCC_NOT_SUPPORTED)
			escape(&t, "hvc #0xffff (0xc6000000) returned 0x%lx", (uint64_t)x0);
		x0 = 0xc6000000UL;
		__asm__ volatile("smc #0x1234" : "+r"(x0)::"x1", "x2", "x3", "memory");
		t.attempts++;
		if (x0 != SMCCC_NOT_SUPPORTED)
			escape(&t, "smc #0x1234 (0xc6000000) returned 0x%lx", (uint64_t)x0);
	}
	eret_to_el2(&t);
	debug_at_el2(&t);
	report(&t);
}
