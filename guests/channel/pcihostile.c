// SPDX-License-Identifier: GPL-2.0-only
/*
 * pcihostile: a bare-metal guest on a channel endpoint with interface =
 * "pci" (dts/vpci-hostile.dts, tests/integration/test_vpci_hostile.py;
 * attack4 review of core/vpci.c). Two roles:
 *
 *   role=echo    the peer (plain endpoint): rings back once per doorbell
 *                interrupt it takes, so the attacker decides when its
 *                function's "interrupt pending" gets set.
 *   role=attack  the PCI endpoint: pokes the emulated ECAM window at every
 *                width and alignment (absent devices and functions, 8-byte
 *                and unaligned accesses, all-ones and zero written over the
 *                whole header), then checks that nothing moved (identity,
 *                BARs, the region's header at BAR2, the doorbell round trip)
 *                and that INTA follows "pending && !INTx Disable" as a level
 *                line: none while masked, one when unmasked, none once the
 *                ring is acknowledged -- also when the acknowledgement comes
 *                while the CPU has the interrupt masked (a level interrupt
 *                deasserted before it is taken is not delivered).
 *
 * Lines: guests/lib/report.h's protocol ("pcihostile: PASS <check>", ...).
 */
#include <guests/lib/chan.h>
#include <guests/lib/dt.h>
#include <guests/lib/gic.h>
#include <guests/lib/mmio.h>
#include <guests/lib/mmu.h>
#include <guests/lib/psci.h>
#include <guests/lib/report.h>
#include <guests/lib/rt.h>
#include <guests/lib/sysreg.h>
#include <guests/lib/timer.h>
#include <libfdt.h>

#include <string.h>

#define ECAM	     0x0b100000ULL /* CHANNEL_PCI_ECAM_IPA */
#define ECAM_SIZE    0x00100000ULL
#define CFG(dev, fn) (ECAM + ((uint64_t)(dev) << 15) + ((uint64_t)(fn) << 12))
#define ID	     0xbc011234U
#define CMD_INTX_OFF 0x0400U
#define STATUS_INT   0x00080000U /* in the Command/Status dword */
#define SETTLE_MS    20U

static struct chan ch;
static uint64_t gicd;
static volatile uint32_t irqs, irqs_without_status;

static struct rt_frame *echo_irq(struct rt_frame *f)
{
	uint32_t intid = gic_ack();

	if (intid < GIC_INTID_SPURIOUS) {
		mmio_write32(ch.doorbell + CHANNEL_REG_RING, 1);
		irqs++;
		gic_eoi(intid);
	}
	return f;
}

/*
 * While the attacker is in a run before its last (generation <= @restarts),
 * flood it with rings (they land while it runs, goes down, reloads and
 * starts); then only answer.
 */
static void echo(uint64_t restarts)
{
	volatile const struct channel_header *h = chan_header(&ch);
	uint32_t floods = 0;

	chan_enable_irq(&ch, gicd, 0x80);
	rt_set_irq_hook(echo_irq);
	irq_enable();
	rt_printf("pcihostile: echo ready\n");
	while ((restarts != 0U) && (chan_generation(h->state[ch.self ^ 1U]) <= restarts)) {
		mmio_write32(ch.doorbell + CHANNEL_REG_RING, 1);
		floods++;
	}
	if (restarts != 0U)
		rt_printf("pcihostile: echo flood over (%u rings)\n", floods);
	for (;;)
		__asm__ volatile("wfi");
}

/* INTA: like Linux's uio_pci_generic, the handler masks INTx (pci_check_and_mask_intx). */
static struct rt_frame *attack_irq(struct rt_frame *f)
{
	uint32_t intid = gic_ack();

	if (intid >= GIC_INTID_SPURIOUS)
		return f;
	if ((mmio_read32(CFG(0, 0) + 4) & STATUS_INT) == 0U)
		irqs_without_status++;
	mmio_write16(CFG(0, 0) + 4, CMD_INTX_OFF);
	irqs++;
	gic_eoi(intid);
	return f;
}

/* The level SPI of INTA: Group 1, priority 0x80, to this core, level (ICFGR 0), enabled. */
static void enable_inta(uint32_t n)
{
	uint64_t bit = (uint64_t)(n / 32U) * 4U, cfg = (uint64_t)(n / 16U) * 4U;

	mmio_write32(gicd + GICD_IGROUPR + bit,
		     mmio_read32(gicd + GICD_IGROUPR + bit) | (1U << (n % 32U)));
	mmio_write32(gicd + GICD_ICFGR + cfg,
		     mmio_read32(gicd + GICD_ICFGR + cfg) & ~(2U << ((n % 16U) * 2U)));
	mmio_write8(gicd + GICD_IPRIORITYR + n, 0x80);
	mmio_write64(gicd + GICD_IROUTER + ((uint64_t)n * 8U),
		     sysreg_read(mpidr_el1) & 0xff00ffffffULL);
	mmio_write32(gicd + GICD_ISENABLER + bit, 1U << (n % 32U));
}

/* INTA's INTID from the host bridge's interrupt-map (guest_dt_pci.c: cell 6 is the SPI). */
static uint32_t inta_intid(const void *fdt)
{
	int len = 0, node = fdt_path_offset(fdt, "/pci@b100000");
	const fdt32_t *map = (node >= 0) ? fdt_getprop(fdt, node, "interrupt-map", &len) : NULL;

	return ((map != NULL) && (len >= 32)) ? CHANNEL_GIC_SPI_BASE + fdt32_to_cpu(map[6]) : 0U;
}

static bool all_ones(uint64_t a, uint32_t size)
{
	switch (size) {
	case 1:
		return mmio_read8(a) == 0xffU;
	case 2:
		return mmio_read16(a) == 0xffffU;
	case 4:
		return mmio_read32(a) == 0xffffffffU;
	default:
		return mmio_read64(a) == ~0ULL;
	}
}

static void check_reads(void)
{
	uint32_t bad = 0;

	for (uint32_t dev = 0; dev < 32U; dev++)
		for (uint32_t fn = 0; fn < 8U; fn++) {
			if ((dev == 0U) && (fn == 0U))
				continue;
			for (uint32_t off = 0; off < 0x1000U; off += 0x7fcU)
				bad += all_ones(CFG(dev, fn) + off, 4) ? 0U : 1U;
		}
	rt_test("ecam-absent-all-ones", bad == 0, "%u reads of absent functions not all-ones", bad);
	bad = 0;
	for (uint32_t off = 0; off < 0x1000U; off += 8U)
		bad += all_ones(CFG(0, 0) + off, 8) ? 0U : 1U; /* 64-bit: not a config access */
	for (uint32_t off = 1; off < 0x100U; off += 4U) {
		bad += all_ones(CFG(0, 0) + off, 2) ? 0U : 1U;	   /* unaligned */
		bad += all_ones(CFG(0, 0) + off + 2, 4) ? 0U : 1U; /* across a dword */
	}
	rt_test("ecam-odd-reads-all-ones", bad == 0, "%u 8-byte/unaligned reads not all-ones", bad);
	for (uint32_t off = 0; off < 0x1000U; off++) /* every byte and half-word answers */
		(void)((off & 1U) ? mmio_read8(CFG(0, 0) + off) : mmio_read16(CFG(0, 0) + off));
	rt_test("ecam-identity", mmio_read32(CFG(0, 0)) == ID, "0x%x", mmio_read32(CFG(0, 0)));
}

/* All-ones, then 0, over every dword, width and odd form of the header; nothing may move. */
static void check_writes(uint32_t bar0, uint32_t bar2)
{
	static const uint32_t vals[] = {0xffffffffU, 0x12345678U, 0U};

	for (uint32_t i = 0; i < 3U; i++) {
		for (uint32_t off = 0; off < 0x1000U; off += 4U) {
			mmio_write8(CFG(0, 0) + off + 1, (uint8_t)vals[i]);
			mmio_write16(CFG(0, 0) + off + 2, (uint16_t)vals[i]);
			mmio_write32(CFG(0, 0) + off, vals[i]);
		}
		for (uint32_t off = 0; off < 0x40U; off += 8U) {
			mmio_write64(CFG(0, 0) + off, ~0ULL);
			mmio_write32(CFG(0, 0) + off + 2, vals[i]); /* unaligned */
		}
		for (uint32_t dev = 1; dev < 32U; dev++)
			mmio_write32(CFG(dev, 0) + 0x10, vals[i]);
	}
	rt_test("ecam-writes-move-nothing",
		mmio_read32(CFG(0, 0)) == ID && mmio_read32(CFG(0, 0) + 0x10) == bar0 &&
			mmio_read32(CFG(0, 0) + 0x18) == bar2 &&
			mmio_read32(CFG(0, 0) + 0x1c) == (uint32_t)(ch.base >> 32) &&
			chan_header(&ch)->magic == CHANNEL_MAGIC &&
			(mmio_read32(CFG(0, 0) + 4) & 0xffffU) == 0U,
		"id 0x%x BAR0 0x%x BAR2 0x%x command 0x%x", mmio_read32(CFG(0, 0)),
		mmio_read32(CFG(0, 0) + 0x10), mmio_read32(CFG(0, 0) + 0x18),
		mmio_read32(CFG(0, 0) + 4));
}

/* Ring the echo peer and wait for its ring back: "interrupt pending" set (Status bit 3). */
static bool ring_and_wait_pending(void)
{
	uint64_t end = rt_counter() + rt_ms_to_ticks(2000);

	mmio_write32(ch.doorbell + CHANNEL_REG_RING, 1);
	while (rt_counter() < end)
		if ((mmio_read32(CFG(0, 0) + 4) & STATUS_INT) != 0U)
			return true;
	return false;
}

static void ack(void)
{
	mmio_write32(ch.doorbell + CHANNEL_REG_ACK, 1);
}

/*
 * No ring in flight: Bulkhead rang the echo when this partition came up, and
 * the echo's answer may come at any time; acknowledge until none came for
 * SETTLE_MS. Then the echo rings only in answer to this partition's rings.
 */
static bool quiesce(void)
{
	for (uint32_t i = 0; i < 100U; i++) {
		ack();
		rt_delay_ms(SETTLE_MS);
		if ((mmio_read32(CFG(0, 0) + 4) & STATUS_INT) == 0U)
			return true;
	}
	return false;
}

static void check_intx(uint32_t intid)
{
	uint32_t before;
	bool pending;

	enable_inta(intid);
	rt_set_irq_hook(attack_irq);
	irq_enable();
	/* Masked: pending shows in Status, no interrupt; unmasked: one (the handler masks). */
	mmio_write16(CFG(0, 0) + 4, CMD_INTX_OFF);
	pending = ring_and_wait_pending();
	rt_delay_ms(SETTLE_MS);
	before = irqs;
	rt_test("intx-masked-no-interrupt", pending && before == 0, "pending %d, %u interrupts",
		pending, before);
	mmio_write16(CFG(0, 0) + 4, 0);
	(void)rt_wait_eq32(&irqs, before + 1U, 2000); /* then none more within SETTLE_MS */
	rt_delay_ms(SETTLE_MS);
	rt_test("intx-unmask-one-interrupt", irqs == before + 1U, "%u interrupts, not 1",
		irqs - before);
	/* Acknowledged, unmasked: the line is low, nothing more. */
	ack();
	before = irqs;
	mmio_write16(CFG(0, 0) + 4, 0);
	rt_delay_ms(SETTLE_MS);
	rt_test("intx-acked-no-interrupt", irqs == before, "%u interrupts after the ACK",
		irqs - before);
	/* Storm: 300 x (ring, unmask, mask, ack): every interrupt taken had pending set. */
	for (uint32_t i = 0; i < 300U; i++) {
		(void)ring_and_wait_pending();
		mmio_write16(CFG(0, 0) + 4, 0);
		mmio_write16(CFG(0, 0) + 4, CMD_INTX_OFF);
		ack();
	}
	/* After the storm, a ring with INTx enabled still interrupts (not lost or stuck). */
	mmio_write16(CFG(0, 0) + 4, 0);
	rt_delay_ms(SETTLE_MS);
	before = irqs;
	pending = ring_and_wait_pending();
	(void)rt_wait_eq32(&irqs, before + 1U, 2000);
	rt_delay_ms(SETTLE_MS);
	rt_test("intx-after-storm", pending && irqs == before + 1U, "pending %d, %u interrupts",
		pending, irqs - before);
	ack();
	/*
	 * Deasserted before it is taken: the CPU masks interrupts, the line goes
	 * high (ring, INTx enabled) and low again (ACK) -- a level interrupt that
	 * is no longer asserted is not delivered when the CPU unmasks.
	 */
	mmio_write16(CFG(0, 0) + 4, 0);
	rt_delay_ms(SETTLE_MS);
	before = irqs;
	irqs_without_status = 0;
	irq_disable();
	pending = ring_and_wait_pending();
	rt_delay_ms(SETTLE_MS);
	ack();
	irq_enable();
	rt_delay_ms(SETTLE_MS);
	rt_test("intx-deasserted-not-delivered", pending && irqs == before,
		"pending %d, %u interrupts (%u with Status.INT clear)", pending, irqs - before,
		irqs_without_status);
}

/* vCPU 1: acknowledges the ring when vCPU 0 asks (ack_request), then says so (ack_done). */
static volatile uint32_t ack_request, ack_done, second_online;

void guest_secondary(uint64_t x0, uint64_t x1)
{
	(void)x0;
	(void)x1;
	second_online = 1;
	for (;;) {
		while (ack_request == 0U)
			__asm__ volatile("yield");
		ack_request = 0;
		ack();
		ack_done = 1;
	}
}

/*
 * The line dropped by the other vCPU: vCPU 0 (INTA's target) has interrupts
 * masked with INTA pending in its list register; vCPU 1 acknowledges. The
 * target must withdraw it too (gic/vgic.c: it is kicked).
 */
static void check_intx_cross_vcpu(void)
{
	uint32_t before;
	bool pending, done;

	if (!rt_test("cpu-on",
		     psci_cpu_on(1, rt_secondary_entry, 0) == 0 &&
			     rt_wait_eq32(&second_online, 1, 2000),
		     "vCPU 1 did not start"))
		return;
	mmio_write16(CFG(0, 0) + 4, 0);
	rt_delay_ms(SETTLE_MS);
	before = irqs;
	irq_disable();
	pending = ring_and_wait_pending();
	rt_delay_ms(SETTLE_MS);
	ack_done = 0;
	ack_request = 1;
	done = rt_wait_eq32(&ack_done, 1, 2000);
	rt_delay_ms(SETTLE_MS);
	irq_enable();
	rt_delay_ms(SETTLE_MS);
	rt_test("intx-deasserted-other-vcpu", pending && done && irqs == before,
		"pending %d, acked %d, %u interrupts (%u with Status.INT clear)", pending, done,
		irqs - before, irqs_without_status);
}

/*
 * Runs before the last (restarts=<n>): each finds its function at power-on
 * state whatever the previous run left (Command, Interrupt Line, a BAR being
 * sized), dirties it again and restarts its partition, flooded by the echo.
 */
static bool power_on_state(uint32_t bar0)
{
	return mmio_read32(CFG(0, 0)) == ID && (mmio_read32(CFG(0, 0) + 4) & 0xffffU) == 0U &&
	       mmio_read8(CFG(0, 0) + 0x3c) == 0U && mmio_read32(CFG(0, 0) + 0x10) == bar0;
}

static void restart_round(uint32_t gen)
{
	rt_printf("pcihostile: generation %u power-on state %s\n", gen,
		  power_on_state((uint32_t)ch.doorbell) ? "ok" : "WRONG");
	mmio_write16(CFG(0, 0) + 4, CMD_INTX_OFF | 0x6U);
	mmio_write8(CFG(0, 0) + 0x3c, 0x55);
	mmio_write32(CFG(0, 0) + 0x10, 0xffffffffU);
	psci_system_reset();
	panic("SYSTEM_RESET returned");
}

static void attack(const void *fdt, bool restarted)
{
	uint32_t intid = inta_intid(fdt);
	uint32_t bar0 = (uint32_t)ch.doorbell, bar2 = (uint32_t)ch.base | 0xcU;

	rt_test_begin("pcihostile");
	if (restarted)
		rt_test("restart-power-on-state", power_on_state(bar0),
			"command 0x%x line 0x%x BAR0 0x%x", mmio_read32(CFG(0, 0) + 4),
			mmio_read8(CFG(0, 0) + 0x3c), mmio_read32(CFG(0, 0) + 0x10));
	rt_test("ecam-bars",
		mmio_read32(CFG(0, 0) + 0x10) == bar0 && mmio_read32(CFG(0, 0) + 0x18) == bar2 &&
			intid != 0U,
		"BAR0 0x%x BAR2 0x%x INTA %u", mmio_read32(CFG(0, 0) + 0x10),
		mmio_read32(CFG(0, 0) + 0x18), intid);
	check_reads();
	check_writes(bar0, bar2);
	rt_test("doorbell-round-trip", quiesce() && ring_and_wait_pending() && quiesce(),
		"no ring back, or rings that do not stop");
	check_intx(intid);
	check_intx_cross_vcpu();
	rt_test_done();
}

void guest_main(const void *fdt)
{
	struct dt_platform p;
	char role[16] = "attack";
	uint64_t restarts = 0;
	uint32_t gen;

	rt_name = "pcihostile";
	rt_platform_init(fdt, &p);
	(void)rt_arg(p.bootargs, "role", role, sizeof(role));
	if (chan_find(fdt, "link", &ch) != 0)
		panic("no channel \"link\" in the device tree");
	chan_map(&ch);
	mmu_add_range(ECAM, ECAM_SIZE, false); /* Normal: unaligned accesses reach stage 2 */
	mmu_enable(&p);
	gicd = p.gicd.base;
	if (gic_setup(&p, true, 0xff) == 0)
		panic("gic: bring-up failed");
	(void)rt_arg_u64(p.bootargs, "restarts", &restarts);
	if (strcmp(role, "echo") == 0)
		echo(restarts);
	gen = chan_generation(chan_self_state(&ch));
	if (gen <= restarts)
		restart_round(gen);
	attack(fdt, gen > 1U);
	for (;;)
		__asm__ volatile("wfi");
}
