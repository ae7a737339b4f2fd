// SPDX-License-Identifier: GPL-2.0-only
/*
 * vgictest's checks, run by vCPU 0 (vgictest.c has the list and the order);
 * each reports with the guest library's test-report protocol.
 */
#include <guests/vgictest/vgictest.h>
#include <lib/format.h>

#include <string.h>

void check_gic_bringup(void)
{
	uint32_t typer, lines, ctlr, pidr2, bad;
	uint64_t rtyper[NVCPUS];
	bool ok = true;

	/* Distributor, as gic_dist_init(): off, wait RWP, ARE + Group 1 on. */
	mmio_write32(gicd + GICD_CTLR, 0);
	while (mmio_read32(gicd + GICD_CTLR) & GICD_CTLR_RWP)
		;
	typer = mmio_read32(gicd + GICD_TYPER);
	lines = 32 * ((typer & 0x1f) + 1);
	pidr2 = mmio_read32(gicd + GICD_PIDR2);
	/* Linux sets every SPI to level, priority 0xa0, disabled, inactive. */
	for (uint32_t i = 32; i < lines && i < 1020; i += 16)
		mmio_write32(gicd + GICD_ICFGR + i / 4, 0);
	for (uint32_t i = 32; i < lines && i < 1020; i += 4)
		mmio_write32(gicd + GICD_IPRIORITYR + i, DEFAULT_PRIO * 0x01010101U);
	for (uint32_t i = 32; i < lines && i < 1020; i += 32) {
		mmio_write32(gicd + GICD_ICACTIVER + i / 8, 0xffffffff);
		mmio_write32(gicd + GICD_ICENABLER + i / 8, 0xffffffff);
	}
	while (mmio_read32(gicd + GICD_CTLR) & GICD_CTLR_RWP)
		;
	mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1 | GICD_CTLR_ENABLE_G0);
	ctlr = mmio_read32(gicd + GICD_CTLR);
	rt_printf("vgictest: info: GICD_TYPER 0x%x (%u lines), GICD_CTLR 0x%x, PIDR2 0x%x\n", typer,
		  lines, ctlr, pidr2);
	rt_test("gic-dist",
		(ctlr & (GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1)) ==
				(GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1) &&
			!(ctlr & GICD_CTLR_RWP) && lines > SPI_NOBODY &&
			((pidr2 >> 4) & 0xf) == 3 && ((typer >> 19) & 0x1f) >= 9,
		"GICD_TYPER 0x%x GICD_CTLR 0x%x PIDR2 0x%x", typer, ctlr, pidr2);

	/* Redistributors: Affinity_Value = vCPU index, Processor_Number too, Last on the last. */
	for (uint32_t v = 0; v < NVCPUS; v++) {
		rtyper[v] = mmio_read64(gicr(v) + GICR_TYPER);
		ok = ok && (rtyper[v] >> 32) == v && ((rtyper[v] >> 8) & 0xffff) == v &&
		     !!(rtyper[v] & GICR_TYPER_LAST) == (v == NVCPUS - 1);
		/* The two 32-bit halves read alike. */
		ok = ok && mmio_read32(gicr(v) + GICR_TYPER + 4) == (uint32_t)(rtyper[v] >> 32) &&
		     mmio_read32(gicr(v) + GICR_TYPER) == (uint32_t)rtyper[v];
	}
	rt_test("gic-redist-typer", ok, "GICR_TYPER vcpu0 0x%lx vcpu1 0x%lx", rtyper[0], rtyper[1]);

	bad = redist_init(0);
	rt_test("gic-redist-wake", !bad, "vcpu0 redistributor set-up: error bits 0x%x", bad);
	bad = cpuif_init();
	rt_test("gic-cpuif", !bad,
		"ICC_* set-up: error bits 0x%x (SRE 0x%lx PMR 0x%lx IGRPEN1 0x%lx)", bad,
		sysreg_read(icc_sre_el1), sysreg_read(icc_pmr_el1), sysreg_read(icc_igrpen1_el1));
	/* Running priority idle, nothing pending. */
	rt_test("gic-cpuif-idle",
		(sysreg_read(icc_rpr_el1) & 0xf8) == 0xf8 &&
			(sysreg_read(icc_hppir1_el1) & 0xffffff) == 1023,
		"ICC_RPR 0x%lx ICC_HPPIR1 0x%lx", sysreg_read(icc_rpr_el1),
		sysreg_read(icc_hppir1_el1));
}

/* ------------------------------------------------------------ checks */
void check_psci_basics(void)
{
	int64_t v = smc(PSCI_VERSION, 0, 0, 0);
	int64_t f_on = smc(PSCI_FEATURES, PSCI_CPU_ON_64, 0, 0);
	int64_t f_on32 = smc(PSCI_FEATURES, PSCI_CPU_ON, 0, 0);
	int64_t f_aff = smc(PSCI_FEATURES, PSCI_AFFINITY_INFO_64, 0, 0);
	int64_t f_bad = smc(PSCI_FEATURES, 0x8400001fUL, 0, 0);
	int64_t f_vendor = smc(PSCI_FEATURES, 0xc6000055UL, 0, 0);
	int64_t u_psci = smc(0x84000011UL, 0, 0, 0);
	int64_t u_sip = smc(0x82000001UL, 0, 0, 0);
	int64_t u_vendor = smc(0xc6000055UL, 0, 0, 0);
	int64_t u_oem = smc(0x83000000UL, 0, 0, 0);

	rt_test("psci-version", v == 0x10000, "PSCI_VERSION 0x%lx, want 0x10000 (1.0)",
		(uint64_t)v);
	rt_test("psci-features",
		f_on == PSCI_SUCCESS && f_on32 == PSCI_SUCCESS && f_aff == PSCI_SUCCESS &&
			f_bad == PSCI_NOT_SUPPORTED && f_vendor == PSCI_NOT_SUPPORTED,
		"FEATURES CPU_ON %ld/%ld AFFINITY_INFO %ld unknown %ld vendor %ld", f_on, f_on32,
		f_aff, f_bad, f_vendor);
	rt_test("smccc-unknown",
		u_psci == PSCI_NOT_SUPPORTED && u_sip == PSCI_NOT_SUPPORTED &&
			u_vendor == PSCI_NOT_SUPPORTED && u_oem == PSCI_NOT_SUPPORTED,
		"unknown IDs: PSCI %ld SiP %ld vendor-hyp %ld OEM %ld (want -1)", u_psci, u_sip,
		u_vendor, u_oem);
}

void check_cpu_on(void)
{
	int64_t aff_before = smc(PSCI_AFFINITY_INFO_64, 1, 0, 0);
	int64_t aff_self = smc(PSCI_AFFINITY_INFO_64, 0, 0, 0);
	int64_t on, aff_after;
	bool up;

	rt_test("psci-affinity-off", aff_before == PSCI_AFF_OFF && aff_self == PSCI_AFF_ON,
		"AFFINITY_INFO before CPU_ON: vcpu1 %ld (want 1) vcpu0 %ld (want 0)", aff_before,
		aff_self);
	on = smc(PSCI_CPU_ON_64, 1, (uint64_t)(uintptr_t)vt_secondary_entry, CTX_FIRST);
	up = on == PSCI_SUCCESS && rt_wait_eq32(&sec.online, 1, WAIT_MS);
	aff_after = smc(PSCI_AFFINITY_INFO_64, 1, 0, 0);
	rt_test("psci-cpu-on",
		up && sec.entry_kind == 1 && sec.context == CTX_FIRST && aff_after == PSCI_AFF_ON,
		"CPU_ON %ld, online %u, entry %u, x0 0x%lx, AFFINITY_INFO %ld", on, sec.online,
		sec.entry_kind, sec.context, aff_after);
	rt_test("gic-vcpu1-init", up && sec.init_ok, "vcpu1 GIC set-up error bits 0x%x",
		sec.init_detail);
}

void check_sgis(void)
{
	uint32_t before0[16], before1[16], lost0, ok;
	int64_t lost1 = -1;
	const uint32_t rounds = 50;
	bool good;

	/* SGI to self, one ID after the other, interrupts unmasked. */
	good = true;
	for (uint32_t sgi = 0; sgi < 16 && good; sgi++) {
		uint32_t b = irqs[0].sgi[sgi];

		gic_sgi1r(gic_sgi_to(sgi, 1U << 0));
		good = rt_wait_eq32(&irqs[0].sgi[sgi], b + 1, WAIT_MS);
		if (!good)
			rt_test("sgi-self", false, "SGI %u to self not received", sgi);
	}
	if (good) {
		int64_t r = -1;

		/* vCPU 1 too, to itself. */
		uint32_t b = irqs[1].sgi[5];

		good = request(OP_SGI, gic_sgi_to(5, 1U << 1), true, &r) &&
		       rt_wait_eq32(&irqs[1].sgi[5], b + 1, WAIT_MS);
		rt_test("sgi-self", good, "vcpu1's SGI 5 to itself: count %u -> %u", b,
			irqs[1].sgi[5]);
	}

	/* Both vCPUs at once, each to the other, several IDs, many rounds. */
	for (uint32_t i = 0; i < 16; i++) {
		before0[i] = irqs[0].sgi[i];
		before1[i] = irqs[1].sgi[i];
	}
	request(OP_PINGPONG, rounds, false, NULL);
	pingpong(0, rounds, &lost0);
	if (rt_wait_eq32(&sec.done, req.seq, 4 * WAIT_MS))
		lost1 = sec.result;
	rt_delay_ms(5);
	ok = 1;
	for (uint32_t sgi = 0; sgi < 16; sgi++) {
		bool used = false;

		for (uint32_t k = 0; k < sizeof(pingpong_sgis) / sizeof(pingpong_sgis[0]); k++)
			used = used || pingpong_sgis[k] == sgi;
		if (irqs[0].sgi[sgi] - before0[sgi] != (used ? rounds : 0) ||
		    irqs[1].sgi[sgi] - before1[sgi] != (used ? rounds : 0)) {
			ok = 0;
			rt_test("sgi-cross-core", false,
				"SGI %u: vcpu0 got %u, vcpu1 got %u, want %u each (lost %u/%ld)",
				sgi, irqs[0].sgi[sgi] - before0[sgi],
				irqs[1].sgi[sgi] - before1[sgi], used ? rounds : 0, lost0, lost1);
			break;
		}
	}
	if (ok)
		rt_test("sgi-cross-core", lost0 == 0 && lost1 == 0, "lost %u/%ld", lost0, lost1);

	/* IRM = 1: every vCPU but the sender. */
	{
		uint32_t b0 = irqs[0].sgi[9], b1 = irqs[1].sgi[9], c0, c1;
		bool got1, got0;

		gic_sgi1r(gic_sgi_to(9, 0) | ICC_SGI1R_IRM);
		got1 = rt_wait_eq32(&irqs[1].sgi[9], b1 + 1, WAIT_MS);
		rt_delay_ms(2);
		c0 = irqs[0].sgi[9] - b0;
		c1 = irqs[1].sgi[9] - b1;
		b0 = irqs[0].sgi[10];
		b1 = irqs[1].sgi[10];
		request(OP_SGI, gic_sgi_to(10, 0) | ICC_SGI1R_IRM, true, NULL);
		got0 = rt_wait_eq32(&irqs[0].sgi[10], b0 + 1, WAIT_MS);
		rt_delay_ms(2);
		rt_test("sgi-broadcast",
			got1 && got0 && c0 == 0 && c1 == 1 && irqs[1].sgi[10] == b1 &&
				irqs[0].sgi[10] == b0 + 1,
			"vcpu0's broadcast: vcpu0 +%u vcpu1 +%u; vcpu1's: vcpu0 +%u vcpu1 +%u", c0,
			c1, irqs[0].sgi[10] - b0, irqs[1].sgi[10] - b1);
	}

	/*
	 * Targets outside the partition: vCPU 2 does not exist; Aff1 = 1 names
	 * no vCPU (a partition's vCPUs are 0.0.0.n). Neither may reach anyone;
	 * a list naming vCPU 1 and vCPU 5 still reaches vCPU 1.
	 */
	{
		uint32_t b0 = irqs[0].sgi[3], b1 = irqs[1].sgi[3], b1s4 = irqs[1].sgi[4];
		bool got;

		gic_sgi1r(gic_sgi_to(3, 1U << 2));
		gic_sgi1r(gic_sgi_to(3, 1U << 2));		/* counted, reported once */
		gic_sgi1r(gic_sgi_to(3, 1U << 1) | 1ULL << 16); /* Aff1 = 1 */
		gic_sgi1r(gic_sgi_to(3, 1U << 1) | 1ULL << 44); /* RS = 1: vCPU 17 */
		gic_sgi1r(gic_sgi_to(4, (1U << 1) | (1U << 5)));
		got = rt_wait_eq32(&irqs[1].sgi[4], b1s4 + 1, WAIT_MS);
		rt_delay_ms(2);
		rt_test("sgi-outside-dropped", got && irqs[0].sgi[3] == b0 && irqs[1].sgi[3] == b1,
			"SGI 3 to vCPUs outside: vcpu0 +%u vcpu1 +%u; SGI 4 to {1,5}: vcpu1 +%u",
			irqs[0].sgi[3] - b0, irqs[1].sgi[3] - b1, irqs[1].sgi[4] - b1s4);
	}
}

/*
 * More SGIs pending than list registers: with PSTATE.I set, give each SGI in
 * @sgis its priority (GICR_IPRIORITYR, byte writes), send them all to self
 * in the order given, then unmask and record what the handler sees.
 */
static bool prio_run(const char *name, const uint32_t *sgis, const uint8_t *prios, uint32_t n,
		     bool strict)
{
	struct vt_irqs *s = &irqs[0];
	uint64_t rd = gicr(0);
	uint32_t seen[16] = {0};
	char got[ORDER_MAX * 4 + 1];
	size_t at = 0;
	bool ok = true;

	irq_disable();
	for (uint32_t i = 0; i < n; i++)
		mmio_write8(rd + GICR_IPRIORITYR + sgis[i], prios[i]);
	for (uint32_t i = 0; i < n; i++)
		ok = ok && mmio_read8(rd + GICR_IPRIORITYR + sgis[i]) == prios[i];
	s->norder = 0;
	s->recording = 1;
	for (uint32_t i = 0; i < n; i++)
		gic_sgi1r(gic_sgi_to(sgis[i], 1U << 0));
	irq_enable();
	rt_wait_eq32(&s->norder, n, WAIT_MS);
	rt_delay_ms(2); /* anything extra would come now */
	irq_disable();
	s->recording = 0;
	got[0] = '\0';
	for (uint32_t i = 0; i < s->norder && i < ORDER_MAX; i++)
		at += (size_t)fmt_snprintf(got + at, sizeof(got) - at, "%s%u", i ? "," : "",
					   s->order[i]);
	ok = ok && s->norder == n;
	for (uint32_t i = 0; ok && i < n; i++) {
		uint32_t intid = s->order[i];
		uint32_t k;

		for (k = 0; k < n && sgis[k] != intid; k++)
			;
		if (k == n || intid >= 16 || seen[intid]++) {
			ok = false;
			break;
		}
		if (i > 0) {
			uint32_t kp;

			for (kp = 0; kp < n && sgis[kp] != s->order[i - 1]; kp++)
				;
			if (prios[k] < prios[kp] || (strict && prios[k] == prios[kp]))
				ok = false;
		}
	}
	/* Back to the default priority for the other checks. */
	for (uint32_t i = 0; i < n; i++)
		mmio_write8(rd + GICR_IPRIORITYR + sgis[i], DEFAULT_PRIO);
	irq_enable();
	rt_test(name, ok, "order seen %s", got);
	if (ok)
		rt_printf("vgictest: info: %s order %s\n", name, got);
	return ok;
}

void check_priorities(void)
{
	/* 10 distinct priorities, scrambled, sent in SGI order: the later, better ones evict. */
	static const uint32_t sgis10[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
	static const uint8_t prios10[] = {0x48, 0x60, 0x38, 0x10, 0x58,
					  0x20, 0x08, 0x50, 0x28, 0x40};
	/* All 16 SGIs in 4 priority levels, sent in a scrambled order. */
	static const uint32_t sgis16[] = {11, 3, 14, 0, 7, 9, 2, 15, 5, 12, 1, 8, 6, 13, 4, 10};
	static const uint8_t prios16[] = {0x90, 0x30, 0x70, 0x90, 0x50, 0x30, 0x70, 0x50,
					  0x90, 0x30, 0x70, 0x50, 0x90, 0x30, 0x70, 0x50};
	/* 8 SGIs, one priority: each exactly once. */
	static const uint32_t sgis8[] = {8, 9, 10, 11, 12, 13, 14, 15};
	static const uint8_t prios8[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80};

	prio_run("prio-order", sgis10, prios10, 10, true);
	prio_run("prio-levels", sgis16, prios16, 16, false);
	prio_run("prio-equal", sgis8, prios8, 8, false);
}

void check_timer(void)
{
	const uint32_t count = 5;
	const uint64_t period_ms = 2;
	uint64_t elapsed0, min = rt_ms_to_ticks(period_ms * count);
	int64_t r1 = 0;
	uint32_t got0, got1;
	bool answered;

	/* Both vCPUs at once: each core's own timer PPI. */
	request(OP_TIMER, count, false, NULL);
	got0 = timer_run(0, count, period_ms, &elapsed0);
	answered = rt_wait_eq32(&sec.done, req.seq, 2 * WAIT_MS + 100);
	r1 = sec.result;
	got1 = (uint32_t)((uint64_t)r1 >> 32);
	rt_test("timer-vcpu0", got0 == count && elapsed0 >= min && irqs[0].other == 0,
		"%u of %u virtual timer interrupts in %lu ticks (min %lu), other INTIDs %u (last "
		"%u)",
		got0, count, elapsed0, min, irqs[0].other, irqs[0].last_other);
	rt_test("timer-vcpu1",
		answered && got1 == count && ((uint64_t)r1 & 0xffffffff) >= (min & 0xffffffff) &&
			irqs[1].other == 0,
		"%u of %u virtual timer interrupts in %lu ticks, other INTIDs %u (last %u)", got1,
		count, (uint64_t)r1 & 0xffffffff, irqs[1].other, irqs[1].last_other);
}

/* The bit of @intid in a 1-bit-per-interrupt distributor register array. */
static bool dist_bit(uint32_t reg, uint32_t intid)
{
	return (mmio_read32(gicd + reg + intid / 32 * 4) >> (intid % 32)) & 1;
}

static void dist_set_bit(uint32_t reg, uint32_t intid)
{
	mmio_write32(gicd + reg + intid / 32 * 4, 1U << (intid % 32));
}

/* Try everything on an SPI the partition does not own: nothing may stick. */
static void check_not_owned(const char *name, uint32_t intid)
{
	uint32_t cfg_reg = GICD_ICFGR + intid / 16 * 4, cfg_bit = 1U << (intid % 16 * 2 + 1);
	bool en, pend, act, grp, cfg;
	uint8_t prio;
	uint64_t route;

	for (int i = 0; i < 2; i++) { /* twice: reported once, counted */
		dist_set_bit(GICD_ISENABLER, intid);
		dist_set_bit(GICD_ISPENDR, intid);
		dist_set_bit(GICD_ISACTIVER, intid);
		mmio_write8(gicd + GICD_IPRIORITYR + intid, 0x40);
		mmio_write32(gicd + cfg_reg, mmio_read32(gicd + cfg_reg) | cfg_bit);
		mmio_write64(gicd + GICD_IROUTER + intid * 8, 1);
	}
	en = dist_bit(GICD_ISENABLER, intid) || dist_bit(GICD_ICENABLER, intid);
	pend = dist_bit(GICD_ISPENDR, intid) || dist_bit(GICD_ICPENDR, intid);
	act = dist_bit(GICD_ISACTIVER, intid);
	grp = dist_bit(GICD_IGROUPR, intid);
	prio = mmio_read8(gicd + GICD_IPRIORITYR + intid);
	cfg = (mmio_read32(gicd + cfg_reg) & cfg_bit) != 0;
	route = mmio_read64(gicd + GICD_IROUTER + intid * 8);
	rt_test(name, !en && !pend && !act && !grp && !prio && !cfg && !route,
		"INTID %u reads enable %d pend %d active %d group %d prio 0x%x edge %d route 0x%lx",
		intid, en, pend, act, grp, prio, cfg, route);
}

void check_ownership(void)
{
	bool en_on, en_off, grp;
	uint8_t prio;
	uint64_t route;

	/* Positive control: the partition's own (emulated UART) SPI takes the writes. */
	mmio_write8(gicd + GICD_IPRIORITYR + SPI_OWN, 0x40);
	prio = mmio_read8(gicd + GICD_IPRIORITYR + SPI_OWN);
	mmio_write64(gicd + GICD_IROUTER + SPI_OWN * 8, 1);
	route = mmio_read64(gicd + GICD_IROUTER + SPI_OWN * 8);
	mmio_write64(gicd + GICD_IROUTER + SPI_OWN * 8, 0);
	dist_set_bit(GICD_ISENABLER, SPI_OWN);
	en_on = dist_bit(GICD_ISENABLER, SPI_OWN);
	dist_set_bit(GICD_ICENABLER, SPI_OWN);
	en_off = dist_bit(GICD_ISENABLER, SPI_OWN);
	grp = dist_bit(GICD_IGROUPR, SPI_OWN);
	mmio_write8(gicd + GICD_IPRIORITYR + SPI_OWN, DEFAULT_PRIO);
	rt_test("spi-own-control", prio == 0x40 && route == 1 && en_on && !en_off && grp,
		"own SPI %u: prio 0x%x route 0x%lx enable %d/%d group %d", SPI_OWN, prio, route,
		en_on, en_off, grp);

	check_not_owned("spi-foreign-denied", SPI_FOREIGN);
	check_not_owned("spi-unowned-denied", SPI_NOBODY);
}

void check_psci_refusals(void)
{
	/* vCPU 2 (not in the partition), physical core 2's MPIDR (the other partition's), Aff1, Aff3. */
	static const uint64_t foreign[] = {0x2, 0x80000002UL, 0x100, 0xff00000001UL};
	int64_t on[4], aff[4], already1, already0, aff_lvl;
	bool ok = true;

	for (uint32_t i = 0; i < 4; i++) {
		on[i] = smc(PSCI_CPU_ON_64, foreign[i], (uint64_t)(uintptr_t)vt_secondary_entry, 0);
		aff[i] = smc(PSCI_AFFINITY_INFO_64, foreign[i], 0, 0);
		ok = ok && on[i] == PSCI_INVALID_PARAMETERS;
	}
	rt_test("psci-cpu-on-foreign", ok,
		"CPU_ON of 0x2/0x80000002/0x100/0xff00000001: %ld %ld %ld %ld", on[0], on[1], on[2],
		on[3]);
	rt_test("psci-affinity-foreign",
		aff[0] == PSCI_INVALID_PARAMETERS && aff[1] == PSCI_INVALID_PARAMETERS &&
			aff[2] == PSCI_INVALID_PARAMETERS && aff[3] == PSCI_INVALID_PARAMETERS,
		"AFFINITY_INFO of foreign MPIDRs: %ld %ld %ld %ld", aff[0], aff[1], aff[2], aff[3]);
	already1 = smc(PSCI_CPU_ON_64, 1, (uint64_t)(uintptr_t)vt_secondary_entry, 0);
	already0 = smc(PSCI_CPU_ON_64, 0, (uint64_t)(uintptr_t)vt_secondary_entry, 0);
	rt_test("psci-already-on", already1 == PSCI_ALREADY_ON && already0 == PSCI_ALREADY_ON,
		"CPU_ON of running vcpu1 %ld, of self %ld (want -4)", already1, already0);
	aff_lvl = smc(PSCI_AFFINITY_INFO_64, 0, 0, 0);
	rt_test("psci-affinity-on",
		aff_lvl == PSCI_AFF_ON && smc(PSCI_AFFINITY_INFO_64, 1, 0, 0) == PSCI_AFF_ON,
		"AFFINITY_INFO of running vcpus: %ld %ld", aff_lvl,
		smc(PSCI_AFFINITY_INFO_64, 1, 0, 0));
}

void check_cpu_off_on(void)
{
	uint64_t end;
	int64_t aff = -99, on, again;
	uint32_t online = sec.online, b;
	bool off = false, up, got;

	/* It goes off with its timer's interrupt pending in a list register. */
	request(OP_CPU_OFF, 1, false, NULL);
	end = rt_counter() + rt_ms_to_ticks(WAIT_MS);
	while ((int64_t)(rt_counter() - end) < 0) {
		aff = smc(PSCI_AFFINITY_INFO_64, 1, 0, 0);
		if (aff == PSCI_AFF_OFF) {
			off = true;
			break;
		}
		cpu_relax();
	}
	rt_delay_ms(2);
	rt_test("psci-cpu-off", off && !sec.off_returned,
		"AFFINITY_INFO of vcpu1 after its CPU_OFF: %ld (want 1), CPU_OFF returned %u", aff,
		sec.off_returned);

	on = smc(PSCI_CPU_ON_64, 1, (uint64_t)(uintptr_t)vt_secondary_reentry, CTX_AGAIN);
	again = smc(PSCI_CPU_ON_64, 1, (uint64_t)(uintptr_t)vt_secondary_reentry, CTX_AGAIN);
	up = on == PSCI_SUCCESS && rt_wait_eq32(&sec.online, online + 1, WAIT_MS);
	aff = smc(PSCI_AFFINITY_INFO_64, 1, 0, 0);
	rt_test("psci-cpu-on-again",
		up && sec.entry_kind == 2 && sec.context == CTX_AGAIN && sec.init_ok &&
			(again == PSCI_ALREADY_ON || again == PSCI_ON_PENDING) &&
			aff == PSCI_AFF_ON,
		"CPU_ON %ld (then %ld), online %u, entry %u, x0 0x%lx, init 0x%x, AFFINITY_INFO "
		"%ld",
		on, again, sec.online, sec.entry_kind, sec.context, sec.init_detail, aff);

	/* It serves requests and takes SGIs again. */
	b = irqs[1].sgi[6];
	gic_sgi1r(gic_sgi_to(6, 1U << 1));
	got = up && rt_wait_eq32(&irqs[1].sgi[6], b + 1, WAIT_MS) && request(OP_NOP, 0, true, NULL);
	rt_test("sgi-after-reentry", got, "SGI 6 to vcpu1 after CPU_ON again: count %u -> %u", b,
		irqs[1].sgi[6]);

	/*
	 * Its timer interrupt was pending when it went off: the physical PPI,
	 * active at EL2 until the guest's EOI, must not stay active for ever.
	 */
	{
		int64_t r1 = 0;
		uint32_t n = 0;

		if (up && request(OP_TIMER, 3, true, &r1))
			n = (uint32_t)((uint64_t)r1 >> 32);
		rt_test("timer-after-cpu-off", n == 3,
			"%u of 3 virtual timer interrupts on vcpu1 after CPU_OFF/CPU_ON "
			"(its timer fired before CPU_OFF: ISTATUS %u, ISR_EL1.I %u)",
			n, sec.timer_fired & 1, (sec.timer_fired >> 7) & 1);
	}
}
