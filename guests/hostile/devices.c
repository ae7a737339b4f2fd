// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostile: the devices it attacks -- the emulated GIC (distributor,
 * redistributors, SGIs), odd but emulatable MMIO, interrupt storms and a
 * console flood (see hostile.c).
 */
#include <guests/hostile/hostile.h>
#include <lib/format.h>

/* ---------------------------------------------------------------- GIC set-up (own vCPU 0) */

uint64_t gicr(uint32_t vcpu)
{
	return hx_dev.gicr + GICR_STRIDE * vcpu;
}

static uint32_t gic_lines(void)
{
	return 32 * ((mmio_read32(hx_dev.gicd + GICD_TYPER) & 0x1f) + 1);
}

static void set_prio_dist(uint32_t intid, uint8_t prio)
{
	mmio_write8(hx_dev.gicd + GICD_IPRIORITYR + intid, prio);
}

void gic_bringup(void)
{
	uint64_t rd = gicr(0);

	mmio_write32(hx_dev.gicd + GICD_CTLR, GICD_CTLR_ENABLE_ALL);
	mmio_write32(rd + GICR_WAKER, mmio_read32(rd + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP);
	mmio_write32(rd + GICR_ICENABLER0, 0xffffffffU);
	for (uint32_t i = 0; i < 32; i += 4)
		mmio_write32(rd + GICR_IPRIORITYR + i, 0xa0a0a0a0U);
	mmio_write32(rd + GICR_ISENABLER0, 1U << SGI_STORM);
	if (gic_cpuif_init(0xff))
		rt_puts("hostile: error: no GIC system-register interface\n");
}

/* ---------------------------------------------------------------- the emulated GIC */

static bool owns(uint32_t intid)
{
	return intid == INTID_VUART || intid == INTID_RTC || intid == INTID_WDT;
}

static void dist_word_all(struct tally *t, uint32_t reg, uint32_t lines, uint32_t v)
{
	for (uint32_t w = 1; w < lines / 32; w++, t->attempts++)
		mmio_write32(hx_dev.gicd + reg + 4 * w, v);
}

void vgic_dist_misuse(void)
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
		mmio_write32(hx_dev.gicd + GICD_ICFGR + 4 * w, ~0U);
		mmio_write32(hx_dev.gicd + GICD_ICFGR + 4 * w, 0); /* its own SPIs: level again */
		mmio_write32(hx_dev.gicd + GICD_NSACR + 4 * w, ~0U);
	}
	/*
	 * Its own hardware SPI (the RTC's), enabled: a trigger change would be
	 * UNPREDICTABLE in the physical GIC (IHI 0069 12.9.9): it must not stick.
	 */
	{
		uint64_t cfg = hx_dev.gicd + GICD_ICFGR + 4 * (INTID_RTC / 16);
		uint32_t edge = 2U << (2 * (INTID_RTC % 16)), before;

		mmio_write32(hx_dev.gicd + GICD_ISENABLER + 4 * (INTID_RTC / 32),
			     1U << (INTID_RTC % 32));
		before = mmio_read32(cfg) & edge;
		mmio_write32(cfg, before ^ edge);
		if ((mmio_read32(cfg) & edge) != before)
			escape(&t, "trigger of its enabled hardware SPI %u changed", INTID_RTC);
		mmio_write32(hx_dev.gicd + GICD_ICENABLER + 4 * (INTID_RTC / 32),
			     1U << (INTID_RTC % 32));
		mmio_write32(cfg, before);
		t.attempts++;
	}
	for (uint32_t i = 32; i < lines; i += 4, t.attempts++)
		mmio_write32(hx_dev.gicd + GICD_IPRIORITYR + i, 0);
	for (uint32_t n = 32; n < lines; n++, t.attempts++) {
		uint64_t aff = rnd() & (0xff00ffffffUL | 1UL << 31);

		mmio_write64(hx_dev.gicd + GICD_IROUTER + 8 * n, aff);
	}
	mmio_write32(hx_dev.gicd + GICD_SGIR, 0x00ff0001U);
	mmio_write32(hx_dev.gicd + GICD_CTLR, 0);
	t.attempts += 2;
	/* Its own again, as gic_bringup() left them. */
	mmio_write32(hx_dev.gicd + GICD_CTLR, GICD_CTLR_ENABLE_ALL);
	for (uint32_t n = 32; n < lines; n++)
		if (owns(n)) {
			set_prio_dist(n, PRIO_DEFAULT);
			mmio_write64(hx_dev.gicd + GICD_IROUTER + 8 * n, 0);
		}
	/* What it reads back of interrupts it does not own must be nothing. */
	for (uint32_t n = 32; n < lines; n++) {
		uint32_t w = 4 * (n / 32), bit = 1U << (n % 32), seen = 0;

		if (owns(n))
			continue;
		seen |= mmio_read32(hx_dev.gicd + GICD_ISENABLER + w) & bit ? 1 : 0;
		seen |= mmio_read32(hx_dev.gicd + GICD_ISPENDR + w) & bit ? 2 : 0;
		seen |= mmio_read32(hx_dev.gicd + GICD_ISACTIVER + w) & bit ? 4 : 0;
		seen |= mmio_read32(hx_dev.gicd + GICD_IGROUPR + w) & bit ? 8 : 0;
		seen |= mmio_read8(hx_dev.gicd + GICD_IPRIORITYR + n) ? 16 : 0;
		seen |= mmio_read64(hx_dev.gicd + GICD_IROUTER + 8 * n) ? 32 : 0;
		seen |= (mmio_read32(hx_dev.gicd + GICD_ICFGR + 4 * (n / 16)) >> (2 * (n % 16))) & 2
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

void vgic_redist_misuse(void)
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

void sgi_misuse(void)
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

void mmio_odd(void)
{
	struct tally t = {"mmio-odd", 0, 0};
	uint64_t rd = gicr(0), v;

	irq_disable();
	/* GICD: byte priorities, sign extension, acquire/release, 64-bit and 32-bit IROUTER. */
	mmio_write8(hx_dev.gicd + GICD_IPRIORITYR + INTID_RTC, 0x90);
	if (mmio_read8(hx_dev.gicd + GICD_IPRIORITYR + INTID_RTC) != 0x90 ||
	    ((mmio_read32(hx_dev.gicd + GICD_IPRIORITYR + (INTID_RTC & ~3U)) >>
	      (8 * (INTID_RTC % 4))) &
	     0xff) != 0x90)
		escape(&t, "byte priority of INTID %u did not stick", INTID_RTC);
	if (ld8_sx64(hx_dev.gicd + GICD_IPRIORITYR + INTID_RTC) != 0xffffffffffffff90UL ||
	    ld8_sx32(hx_dev.gicd + GICD_IPRIORITYR + INTID_RTC) != 0xffffff90U)
		escape(&t, "ldrsb of a priority is not sign-extended as the ISS says");
	set_prio_dist(INTID_RTC, PRIO_DEFAULT);
	if (ldar32(hx_dev.gicd + GICD_TYPER) != mmio_read32(hx_dev.gicd + GICD_TYPER))
		escape(&t, "ldar and ldr of GICD_TYPER differ");
	stlr32(hx_dev.gicd + GICD_CTLR, GICD_CTLR_ENABLE_ALL);
	ld32_xzr(hx_dev.gicd + GICD_TYPER);
	st32_wzr(hx_dev.gicd + GICD_IGROUPR + 4);
	mmio_write64(hx_dev.gicd + GICD_IROUTER + 8 * INTID_RTC, 1);
	v = mmio_read64(hx_dev.gicd + GICD_IROUTER + 8 * INTID_RTC);
	mmio_write32(hx_dev.gicd + GICD_IROUTER + 8 * INTID_RTC + 4, 0xffffffffU);
	if (mmio_read32(hx_dev.gicd + GICD_IROUTER + 8 * INTID_RTC + 4) != 0)
		escape(&t, "IROUTER high half kept a foreign affinity");
	mmio_write32(hx_dev.gicd + GICD_IROUTER + 8 * INTID_RTC, 0);
	if (v != (nvcpus > 1 ? 1 : 0))
		escape(&t, "IROUTER of INTID %u reads 0x%lx", INTID_RTC, v);
	for (uint32_t off = 0xffd0; off < 0x10000; off += 4)
		(void)mmio_read32(hx_dev.gicd + off);
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
	(void)mmio_read8(hx_dev.uart + 0x18);
	(void)mmio_read16(hx_dev.uart + 0x18);
	(void)mmio_read32(hx_dev.uart + 0x18);
	for (uint32_t off = 0xfe0; off < 0x1000; off += 4)
		(void)mmio_read8(hx_dev.uart + off);
	mmio_write16(hx_dev.uart + 0x38, 0); /* IMSC */
	t.attempts += 12;
	/* The watchdog (disabled): 64-bit WCV, every offset of both frames. */
	mmio_write64(hx_dev.wdt_control + WDT_WCV, 0x123456789abcdefUL);
	if (mmio_read64(hx_dev.wdt_control + WDT_WCV) != 0x123456789abcdefUL ||
	    mmio_read32(hx_dev.wdt_control + WDT_WCV + 4) != 0x1234567U)
		escape(&t, "watchdog WCV 64-bit write/read disagree");
	if (mmio_read32(hx_dev.wdt_control + WDT_WCS) & WDT_WCS_EN)
		escape(&t, "watchdog enabled by a WCV write");
	for (uint32_t off = 0; off < 0x1000; off += 4) {
		(void)mmio_read32(hx_dev.wdt_refresh + off);
		(void)mmio_read32(hx_dev.wdt_control + off);
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
			mmio_write32(hx_dev.rtc + RTC_IMSC, 0);
			mmio_write32(hx_dev.rtc + RTC_ICR, 1);
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

void storms(void)
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
	mmio_write64(hx_dev.gicd + GICD_IROUTER + 8 * INTID_RTC, 0);
	mmio_write32(hx_dev.gicd + GICD_ISENABLER + 4, 1U << (INTID_RTC - 32));
	mr_write(mr_read());
	if (!(mmio_read32(hx_dev.rtc + RTC_RIS) & 1))
		rt_puts("hostile: storm: the RTC alarm is not raised\n");
	start = rt_counter();
	storm_end = start + ms_to_ticks(opt_storm_ms);
	storm_on[0] = true;
	irq_enable();
	mmio_write32(hx_dev.rtc + RTC_IMSC, 1);
	if (!storm_wait(0, opt_storm_ms))
		escape(&t, "the RTC interrupt storm did not stop");
	irq_disable();
	rtc_ticks = rt_counter() - start;
	mmio_write32(hx_dev.rtc + RTC_IMSC, 0);
	mmio_write32(hx_dev.rtc + RTC_ICR, 1);
	mmio_write32(hx_dev.gicd + GICD_ICENABLER + 4, 1U << (INTID_RTC - 32));
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

void console_flood(void)
{
	struct tally t = {"console-flood", 0, 0};
	uint64_t start = rt_counter();

	for (uint64_t i = 0; i < opt_flood; i++, t.attempts++)
		rt_printf("hostile: flood %lu ................................................"
			  "........................................\n",
			  i);
	/* Refused CPU_ONs: Bulkhead logs the first, counts the others (a log flood otherwise). */
	for (uint64_t i = 0; i < opt_flood; i++, t.attempts++)
		(void)smccc_hvc(PSCI_CPU_ON_64, 0x100 + i, 0, 0, 0, 0, 0, 0);
	/* Byte by byte through the emulated PL011. */
	for (uint64_t i = 0; i < 10; i++) {
		char line[40];
		int n = fmt_snprintf(line, sizeof(line), "hostile: vuart flood %lu\n", i);

		for (int k = 0; k < n; k++, t.attempts++)
			mmio_write32(hx_dev.uart, (uint8_t)line[k]);
	}
	rt_printf("hostile: console-flood detail lines=%lu refused_cpu_on=%lu in %lu ms\n",
		  opt_flood + 10, opt_flood, (rt_counter() - start) / ms_to_ticks(1));
	report(&t);
}
