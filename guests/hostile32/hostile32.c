// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostile32: the AArch32 hostile pass (docs/reliability.md, dts/hostile32.dts,
 * tests/integration/test_hostile32.py), on the guest library's AArch32 layer.
 * One binary, two roles (bootargs role=):
 *
 * attack (default), on two vCPUs of its own:
 *   undef    CP15 PMU and CP14 debug accesses Bulkhead traps and does not
 *            serve: each must come back as one Undefined Instruction
 *            exception, after which the partition goes on
 *   psci     CPU_ON of foreign cores and with entries outside its memory,
 *            AFFINITY_INFO of foreign cores, through HVC32 and SMC32: the
 *            PSCI error codes, nothing started
 *   smc64    SMC64 function IDs (PSCI, Bulkhead's own) from AArch32, through
 *            HVC and SMC: NOT_SUPPORTED
 *   vendor   Bulkhead's own calls by their SMC32 IDs: INFO names vCPU 0 of
 *            2, the console write refuses 0 and 25 bytes, the stack
 *            high-water mark of a vCPU it does not have is refused
 *   sgi      ICC_SGI1R through MCRR aimed at cores outside the partition
 *            (other Aff0, Aff1..3, RS): nothing pends on its own vCPU, and
 *            the watcher (below) sees nothing; one to itself is taken, also
 *            with FIQ mode's r8/r9 and SVC mode's LR as its registers (and a
 *            DCCISW with SVC's LR is served, not undefined)
 *   foreign  last: a read of the watcher's memory, which must end in a
 *            stage-2 fault and the fault policy (never return)
 *   Lines: guests/lib/report.h's protocol ("hostile32: PASS <check>", ...).
 *
 * watch, on a core of another partition: enables every SGI at its
 *   redistributor and prints "ESCAPED: watch32: SGI <n>" for any that comes,
 *   "watch32: tick <n>" every 100 ms of its timer.
 */
#include <guests/lib/dt.h>
#include <guests/lib/gic.h>
#include <guests/lib/mmio.h>
#include <guests/lib/psci.h>
#include <guests/lib/report.h>
#include <guests/lib/rt.h>

#define PSCI_INVALID_ADDRESS (-9)
#define SGI_TEST	     5
#define SGI_DECOY	     6 /* what a wrong register bank would send */
#define WATCH_TICK_MS	     100

/* Counted by the synchronous-exception hook (IRQs masked: one core runs checks). */
static volatile uint32_t undefs;

static struct rt_frame *on_sync(struct rt_frame *f)
{
	if (f->vector != A32_VEC_UNDEF)
		return NULL;
	undefs++;
	return f; /* LR_und is past the A32 instruction: go on after it */
}

/* Trapped accesses Bulkhead does not serve (MDCR_EL2.TPM, TDA/TDRA). */
static void pmcr_read(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c9, c12, 0" : "=r"(v)::"memory");
}

static void pmccntr_read(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c9, c13, 0" : "=r"(v)::"memory");
}

static void pmcr_write(void)
{
	__asm__ volatile("mcr p15, 0, %0, c9, c12, 0" : : "r"(7) : "memory");
}

static void pmccntr64_read(void)
{
	uint32_t lo, hi;

	__asm__ volatile("mrrc p15, 0, %0, %1, c9" : "=r"(lo), "=r"(hi)::"memory");
}

static void dbgdrar_read(void)
{
	uint32_t v;

	__asm__ volatile("mrc p14, 0, %0, c1, c0, 0" : "=r"(v)::"memory");
}

static void dbgdsar_read(void)
{
	uint32_t v;

	__asm__ volatile("mrc p14, 0, %0, c2, c0, 0" : "=r"(v)::"memory");
}

static void sgi1r_mrrc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("mrrc p15, 0, %0, %1, c12" : "=r"(lo), "=r"(hi)::"memory");
}

static void check_undef(void)
{
	static const struct {
		const char *name;
		void (*access)(void);
	} cases[] = {
		{"undef-pmcr-read", pmcr_read},	      {"undef-pmccntr-read", pmccntr_read},
		{"undef-pmcr-write", pmcr_write},     {"undef-pmccntr64-mrrc", pmccntr64_read},
		{"undef-dbgdrar-read", dbgdrar_read}, {"undef-dbgdsar-read", dbgdsar_read},
		{"undef-sgi1r-mrrc", sgi1r_mrrc}, /* write-only */
	};

	for (uint32_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t before = undefs;

		cases[i].access();
		rt_test(cases[i].name, undefs == before + 1, "%u undefined exceptions, not 1",
			undefs - before);
	}
}

static int32_t call(bool smc, uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3)
{
	struct smccc_res r = smc ? smccc_smc(fid, a1, a2, a3, 0, 0, 0, 0)
				 : smccc_hvc(fid, a1, a2, a3, 0, 0, 0, 0);

	return (int32_t)r.a0;
}

static void expect(bool smc, uint32_t fid, uint32_t a1, uint32_t a2, int32_t want, const char *what)
{
	int32_t got = call(smc, fid, a1, a2, 0);

	if (got != want)
		rt_printf("ESCAPED: hostile32: %s %s(0x%x, 0x%x) returned %d, not %d\n",
			  smc ? "smc" : "hvc", what, a1, a2, got, want);
	rt_test(what, got == want, "%s 0x%x: %d", smc ? "smc" : "hvc", a1, got);
}

static void check_psci(const struct dt_platform *p)
{
	static const uint32_t foreign[] = {2, 3, 0x100, 0x10000, 0xff, 0x80000002U};
	const uint32_t bad_entry[] = {
		(uint32_t)(p->ram.base + p->ram.size), /* just above its RAM */
		0x08000000U,			       /* the GIC distributor */
		0xfffffffcU,
	};
	uint32_t entry = (uint32_t)(uintptr_t)rt_secondary_entry;

	for (int smc = 0; smc < 2; smc++) {
		for (uint32_t i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++) {
			expect(smc, PSCI_CPU_ON, foreign[i], entry, PSCI_INVALID_PARAMETERS,
			       "psci-cpu-on-foreign");
			expect(smc, PSCI_AFFINITY_INFO, foreign[i], 0, PSCI_INVALID_PARAMETERS,
			       "psci-affinity-info-foreign");
		}
		for (uint32_t i = 0; i < sizeof(bad_entry) / sizeof(bad_entry[0]); i++)
			expect(smc, PSCI_CPU_ON, 1, bad_entry[i], PSCI_INVALID_ADDRESS,
			       "psci-cpu-on-bad-entry");
		expect(smc, PSCI_AFFINITY_INFO, 1, 0, 1, "psci-sibling-still-off");
	}
}

static void check_smc64(void)
{
	static const uint32_t ids[] = {
		PSCI_CPU_ON_64,
		PSCI_AFFINITY_INFO_64,
		PSCI_SYSTEM_OFF | SMCCC_64BIT,
		BH_HVC_INFO,
		BH_HVC_CONSOLE_WRITE,
		PSCI_CPU_SUSPEND_64,
		PSCI_MIGRATE_64,
		PSCI_SYSTEM_RESET | SMCCC_64BIT,
	};

	for (int smc = 0; smc < 2; smc++)
		for (uint32_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
			expect(smc, ids[i], 1, (uint32_t)(uintptr_t)rt_secondary_entry,
			       PSCI_NOT_SUPPORTED, "smc64-id-refused");
}

static void check_vendor(void)
{
	struct smccc_res r = smccc_hvc(BH_HVC32_INFO, 0, 0, 0, 0, 0, 0, 0);
	struct rt_info info = rt_get_info();

	rt_test("bh-info32", r.a0 == 0 && r.a2 == 0 && r.a3 == 2, "%d vcpu %u of %u", (int32_t)r.a0,
		(uint32_t)r.a2, (uint32_t)r.a3);
	rt_test("bh-info32-runtime", info.hypervisor && info.nvcpus == 2, "partition %u",
		info.partition);
	expect(false, BH_HVC32_CONSOLE_WRITE, 0, 0x41414141U, PSCI_INVALID_PARAMETERS,
	       "bh-console32-empty");
	expect(false, BH_HVC32_CONSOLE_WRITE, BH_HVC32_CONSOLE_MAX + 1, 0x41414141U,
	       PSCI_INVALID_PARAMETERS, "bh-console32-too-long");
	expect(false, BH_HVC32_STACK_USAGE, 2, 0, PSCI_INVALID_PARAMETERS,
	       "bh-stack32-foreign-vcpu");
	r = smccc_hvc(BH_HVC32_STACK_USAGE, 0, 0, 0, 0, 0, 0, 0);
	rt_test("bh-stack32", r.a0 == 0 && r.a2 != 0 && r.a1 <= r.a2, "used %u of %u",
		(uint32_t)r.a1, (uint32_t)r.a2);
}

/* SGI_TEST interrupts taken, SGIs seen (the IRQ hook; interrupts are unmasked only in sgis_after()). */
static volatile uint32_t sgis, sgi_seen;

static struct rt_frame *on_irq(struct rt_frame *f)
{
	uint32_t intid = gic_ack();

	if (intid == SGI_TEST)
		sgis++;
	if (intid < 16)
		sgi_seen |= 1U << intid;
	if (intid < GIC_INTID_SPURIOUS)
		gic_eoi(intid);
	return f;
}

/* The SGI_TEST interrupts taken after @ms with interrupts unmasked. */
static uint32_t sgis_after(uint64_t ms)
{
	irq_enable();
	rt_delay_ms(ms);
	irq_disable();
	return sgis;
}

/*
 * MCRR ICC_SGI1R with banked registers as Rt/Rt2 (Arm ARM G1.19: r8-r12 of
 * FIQ mode, LR of SVC mode): Bulkhead must read the trapping mode's bank
 * (docs/design.md "AArch32 partitions"). The User/System bank holds @decoy,
 * the mode's own @want: only @want's SGI may arrive.
 */
static void sgi1r_fiq_r8(uint32_t want, uint32_t decoy)
{
	__asm__ volatile("mov r8, %1\n\tmov r9, #0\n\t"
			 "cps #0x11\n\tmov r8, %0\n\tmov r9, #0\n\t"
			 "dsb sy\n\tmcrr p15, 0, r8, r9, c12\n\tisb\n\t"
			 "cps #0x1f"
			 :
			 : "r"(want), "r"(decoy)
			 : "r8", "r9", "memory");
}

static void sgi1r_svc_lr(uint32_t want, uint32_t decoy)
{
	__asm__ volatile("mov lr, %1\n\tmov r9, #0\n\t"
			 "cps #0x13\n\tmov lr, %0\n\t"
			 "dsb sy\n\tmcrr p15, 0, lr, r9, c12\n\tisb\n\t"
			 "cps #0x1f"
			 :
			 : "r"(want), "r"(decoy)
			 : "r9", "lr", "memory");
}

/* DCCISW (served: set/way clean+invalidate, HCR_EL2.TSW) with SVC mode's LR as Rt. */
static void dccisw_svc_lr(void)
{
	__asm__ volatile("cps #0x13\n\tmov lr, #0\n\tmcr p15, 0, lr, c7, c14, 2\n\tcps #0x1f" ::
				 : "lr", "memory");
}

/*
 * ICC_ASGI1R (MCRR opc1 1) and ICC_SGI0R (opc1 2): no Group 0 or Secure SGIs
 * in a partition: ignored, neither delivered nor undefined.
 */
static void check_sgi_ignored(uint64_t mpidr)
{
	uint32_t want = (uint32_t)gic_sgi_value(mpidr, SGI_TEST), before = undefs;

	sgi_seen = 0;
	__asm__ volatile("dsb sy\n\tmcrr p15, 1, %0, %1, c12\n\tisb"
			 :
			 : "r"(want), "r"(0)
			 : "memory");
	__asm__ volatile("dsb sy\n\tmcrr p15, 2, %0, %1, c12\n\tisb"
			 :
			 : "r"(want), "r"(0)
			 : "memory");
	(void)sgis_after(20);
	rt_test("sgi-asgi1r-sgi0r-ignored", sgi_seen == 0 && undefs == before,
		"SGIs seen 0x%x, %u undefined", sgi_seen, undefs - before);
}

static void check_sgi_banked(uint64_t rd)
{
	uint64_t mpidr = sysreg_read(mpidr_el1);
	uint32_t want = (uint32_t)gic_sgi_value(mpidr, SGI_TEST);
	uint32_t decoy = (uint32_t)gic_sgi_value(mpidr, SGI_DECOY);
	uint32_t before = undefs;

	gic_enable_private(rd, SGI_DECOY, 0x80);
	sgi_seen = 0;
	sgi1r_fiq_r8(want, decoy);
	rt_test("sgi-banked-fiq-r8", sgis_after(20) && sgi_seen == 1U << SGI_TEST,
		"SGIs seen 0x%x, not 0x%x (%u undefined)", sgi_seen, 1U << SGI_TEST,
		undefs - before);
	sgi_seen = 0;
	before = undefs;
	sgi1r_svc_lr(want, decoy);
	rt_test("sgi-banked-svc-lr", sgis_after(20) && sgi_seen == 1U << SGI_TEST,
		"SGIs seen 0x%x, not 0x%x (%u undefined)", sgi_seen, 1U << SGI_TEST,
		undefs - before);
	before = undefs;
	dccisw_svc_lr();
	rt_test("dccisw-banked-svc-lr", undefs == before, "%u undefined", undefs - before);
}

static void check_sgi(uint64_t rd)
{
	static const uint64_t targets[] = {
		0xfffc,		    /* Aff0 2..15: not its vCPUs */
		1ULL << 16 | 1,	    /* Aff1 = 1 */
		1ULL << 32 | 1,	    /* Aff2 = 1 */
		1ULL << 48 | 1,	    /* Aff3 = 1 */
		1ULL << 44 | 1,	    /* RS = 1: Aff0 16 */
		1ULL << 40 | 0xfff, /* IRM: every other core (its vCPU 1 is off) */
		0xffULL << 16 | 0xffffULL | 0xffULL << 32 | 0xffULL << 48 | 0xfULL << 44,
	};

	gic_enable_private(rd, SGI_TEST, 0x80);
	rt_set_irq_hook(on_irq);
	for (uint32_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		for (int round = 0; round < 20; round++)
			gic_sgi1r(targets[i] | (uint64_t)SGI_TEST << 24);
		rt_test("sgi-foreign-target", sgis_after(2) == 0, "SGI to 0x%llx reached vCPU 0",
			(unsigned long long)targets[i]);
	}
	gic_sgi1r(gic_sgi_value(sysreg_read(mpidr_el1), SGI_TEST));
	rt_test("sgi-to-itself", sgis_after(20) == 1, "%u SGIs taken, not 1", sgis);
}

static void attack(const void *fdt, uint32_t watch_ram)
{
	struct dt_platform p;
	uint64_t rd;

	rt_name = "hostile32";
	rt_platform_init(fdt, &p);
	rt_test_begin("hostile32");
	rt_set_sync_hook(on_sync);
	rd = gic_setup(&p, true, 0xff);
	if (!rd)
		panic("gic: bring-up failed");
	check_undef();
	check_psci(&p);
	check_smc64();
	check_vendor();
	check_sgi(rd);
	check_sgi_banked(rd);
	check_sgi_ignored(sysreg_read(mpidr_el1));
	rt_test_done();
	if (!watch_ram)
		return;
	rt_printf("hostile32: reading foreign memory at 0x%x\n", watch_ram);
	rt_printf("ESCAPED: hostile32: foreign memory read 0x%x\n", mmio_read32(watch_ram));
}

/* ---------------------------------------------------------------- watch */

static struct rt_frame *watch_irq(struct rt_frame *f)
{
	static uint32_t ticks; /* the watcher's one core, in its IRQ hook */
	uint32_t intid = gic_ack();

	if (intid < 16)
		rt_printf("ESCAPED: watch32: SGI %u arrived\n", intid);
	else if (intid == RT_INTID_VTIMER)
		rt_printf("watch32: tick %u\n", ++ticks);
	if (intid < GIC_INTID_SPURIOUS)
		gic_eoi(intid);
	if (intid == RT_INTID_VTIMER)
		rt_vtimer_arm(rt_ms_to_ticks(WATCH_TICK_MS));
	return f;
}

static void watch(const void *fdt)
{
	struct dt_platform p;
	uint64_t rd;

	rt_name = "watch32";
	rt_platform_init(fdt, &p);
	rd = gic_setup(&p, true, 0xff);
	if (!rd)
		panic("gic: bring-up failed");
	for (uint32_t sgi = 0; sgi < 16; sgi++)
		gic_enable_private(rd, sgi, 0x80);
	gic_enable_private(rd, p.vtimer_intid, 0x80);
	rt_set_irq_hook(watch_irq);
	rt_printf("watch32: watching SGIs 0-15\n");
	rt_vtimer_arm(rt_ms_to_ticks(WATCH_TICK_MS));
	irq_enable();
	for (;;)
		rt_wfi();
}

void guest_main(const void *fdt)
{
	char role[8] = "attack";
	uint64_t watch_ram = 0;

	(void)rt_arg(rt_bootargs(), "role", role, sizeof(role));
	(void)rt_arg_u64(rt_bootargs(), "foreign", &watch_ram);
	if (role[0] == 'w')
		watch(fdt);
	else
		attack(fdt, (uint32_t)watch_ram);
}
