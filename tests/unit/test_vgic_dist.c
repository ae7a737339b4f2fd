// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the emulated GICv3 distributor (gic/vgic_dist.c) and
 * redistributors (gic/vgic_redist.c), on the fake GIC of tests/common/fake_gic.h: what
 * the guest reads, what reaches the physical distributor / redistributors,
 * what is denied and reported.
 */
#include "../common/fake_gic.h"

#include <gic/vgic_ppi.h>

#include <errno.h>

/* The partition of every test: 2 vCPUs on physical cores 2 and 5, 288 lines. */
#define CORE0	 2
#define CORE1	 5
#define NR_LINES 288
#define HW_SPI	 40 /* owned, hardware */
#define HW_SPI2	 41 /* owned, hardware */
#define FOREIGN	 42 /* not the partition's */
#define FOREIGN2 100
#define VSPI	 33 /* owned, virtual, level */
#define VSPI_E	 34 /* owned, virtual, edge */

static struct vgic_dist d;
static struct vgic_cpu vc0, vc1;

static int setup(void **state)
{
	(void)state;
	fake_reset(4);
	vgic_dist_init(&d, "p0", NR_LINES);
	vgic_cpu_init(&vc0, &d, 0, CORE0, 4);
	vgic_cpu_init(&vc1, &d, 1, CORE1, 4);
	vgic_own_hw_spi(&d, HW_SPI);
	vgic_own_hw_spi(&d, HW_SPI2);
	vgic_own_virtual_spi(&d, VSPI, false);
	vgic_own_virtual_spi(&d, VSPI_E, true);
	return 0;
}

static uint64_t dread(uint64_t off, uint32_t size)
{
	uint64_t v = 0xa5a5a5a5a5a5a5a5ULL;

	assert_int_equal(vgic_dist_access(&d, &vc0, off, size, false, &v), 0);
	return v;
}

static void dwrite(uint64_t off, uint32_t size, uint64_t v)
{
	assert_int_equal(vgic_dist_access(&d, &vc0, off, size, true, &v), 0);
}

static uint64_t rread(struct vgic_cpu *vc, uint64_t off, uint32_t size)
{
	uint64_t v = 0xa5a5a5a5a5a5a5a5ULL;

	assert_int_equal(vgic_redist_access(vc, off, size, false, &v), 0);
	return v;
}

static void rwrite(struct vgic_cpu *vc, uint64_t off, uint32_t size, uint64_t v)
{
	assert_int_equal(vgic_redist_access(vc, off, size, true, &v), 0);
}

/* Offset of the 32-bit word of a 1-bit-per-interrupt register holding @intid. */
static uint64_t word(uint64_t reg, uint32_t intid)
{
	return reg + 4 * (intid / 32);
}

static uint64_t bit(uint32_t intid)
{
	return 1ULL << (intid % 32);
}

/* ---------------------------------------------------------------- identification */

static void test_ctlr(void **state)
{
	(void)state;
	/* Single security state, affinity routing: both read as one, always. */
	assert_int_equal(dread(GICD_CTLR, 4), GICD_CTLR_ARE | GICD_CTLR_DS);
	dwrite(GICD_CTLR, 4, GICD_CTLR_ENABLE_G1);
	assert_int_equal(dread(GICD_CTLR, 4), GICD_CTLR_ENABLE_G1 | GICD_CTLR_ARE | GICD_CTLR_DS);
	dwrite(GICD_CTLR, 4, 0);
	assert_int_equal(dread(GICD_CTLR, 4), GICD_CTLR_ARE | GICD_CTLR_DS);
	/* Nothing but the enables is writable; ARE/DS cannot be cleared, RWP never reads busy. */
	dwrite(GICD_CTLR, 4, 0xffffffff);
	assert_int_equal(dread(GICD_CTLR, 4),
			 GICD_CTLR_ENABLE_G0 | GICD_CTLR_ENABLE_G1 | GICD_CTLR_ARE | GICD_CTLR_DS);
	assert_int_equal(fake.gicd_calls, 0);
}

static void test_typer(void **state)
{
	uint64_t t;

	(void)state;
	t = dread(GICD_TYPER, 4);
	assert_int_equal(t & 0x1f, NR_LINES / 32 - 1); /* ITLinesNumber */
	assert_int_equal((t >> 19) & 0x1f, 9);	       /* IDbits: 10 bits of INTID */
	assert_true(t & (1U << 25));		       /* No1N */
	assert_false(t & (1U << 17));		       /* no LPIs */
	assert_false(t & (1U << 24));		       /* no Aff3 */

	/* The most a GIC has: 1024 lines, INTIDs up to 1019. Nothing may be lost. */
	vgic_dist_init(&d, "big", 1024);
	assert_int_equal(dread(GICD_TYPER, 4) & 0x1f, 31);
	vgic_dist_init(&d, "small", 64);
	assert_int_equal(dread(GICD_TYPER, 4) & 0x1f, 1);
}

static void test_identification(void **state)
{
	(void)state;
	assert_int_equal(dread(GICD_PIDR2, 4), GIC_PIDR2_V3);
	assert_int_equal(dread(GICD_PIDR2, 4) >> 4 & 0xf, 3); /* ArchRev: GICv3 */
	assert_int_equal(dread(GICD_IIDR, 4) & 0xfff, 0x43b);
	assert_int_equal(dread(GICD_TYPER2, 4), 0);
	assert_int_equal(dread(0xffd0, 4), 0);
	assert_int_equal(rread(&vc0, GICR_PIDR2, 4), GIC_PIDR2_V3);
}

/* ---------------------------------------------------------------- enable */

static void test_enable_owned_hw_spi(void **state)
{
	(void)state;
	dwrite(word(GICD_ISENABLER, HW_SPI), 4, bit(HW_SPI));
	assert_true(fake_bit(fake.enable, HW_SPI));
	assert_false(fake_bit(fake.enable, HW_SPI2));
	assert_int_equal(dread(word(GICD_ISENABLER, HW_SPI), 4), bit(HW_SPI));
	assert_int_equal(dread(word(GICD_ICENABLER, HW_SPI), 4), bit(HW_SPI));

	/* Written zeros change nothing: ISENABLER only sets. */
	dwrite(word(GICD_ISENABLER, HW_SPI), 4, bit(HW_SPI2));
	assert_true(fake_bit(fake.enable, HW_SPI));
	assert_true(fake_bit(fake.enable, HW_SPI2));

	dwrite(word(GICD_ICENABLER, HW_SPI), 4, bit(HW_SPI));
	assert_false(fake_bit(fake.enable, HW_SPI));
	assert_true(fake_bit(fake.enable, HW_SPI2));
	assert_int_equal(dread(word(GICD_ISENABLER, HW_SPI), 4), bit(HW_SPI2));

	/* The physical state is what reads back, whoever changed it. */
	fake_assign(fake.enable, HW_SPI, true);
	assert_int_equal(dread(word(GICD_ISENABLER, HW_SPI), 4), bit(HW_SPI) | bit(HW_SPI2));
	assert_int_equal(d.denied, 0);
	assert_int_equal(fake.nreports, 0);
}

static void test_enable_foreign_spi_denied_reported_once(void **state)
{
	(void)state;
	fake_assign(fake.enable, FOREIGN, true); /* another partition's, enabled */
	for (int i = 0; i < 10; i++) {
		dwrite(word(GICD_ISENABLER, FOREIGN), 4, bit(FOREIGN));
		dwrite(word(GICD_ICENABLER, FOREIGN), 4, bit(FOREIGN));
	}
	dwrite(word(GICD_ISENABLER, FOREIGN2), 4, bit(FOREIGN2));
	assert_int_equal(fake.gicd_calls, 0);
	assert_true(fake_bit(fake.enable, FOREIGN));
	assert_false(fake_bit(fake.enable, FOREIGN2));
	/* Its enable state does not show either. */
	assert_int_equal(dread(word(GICD_ISENABLER, FOREIGN), 4), 0);
	assert_int_equal(d.denied, 11); /* clearing a foreign enable is harmless, not counted */
	assert_int_equal(fake.nreports, 1);
	assert_non_null(strstr(fake.report[0], "'p0'"));
	assert_non_null(strstr(fake.report[0], "enable"));
	assert_non_null(strstr(fake.report[0], "42"));

	/* A word mixing its own and foreign SPIs: its own are set, the others denied. */
	dwrite(word(GICD_ISENABLER, HW_SPI), 4, bit(HW_SPI) | bit(FOREIGN) | bit(HW_SPI2));
	assert_true(fake_bit(fake.enable, HW_SPI));
	assert_true(fake_bit(fake.enable, HW_SPI2));
	assert_int_equal(dread(word(GICD_ISENABLER, HW_SPI), 4), bit(HW_SPI) | bit(HW_SPI2));
	assert_int_equal(d.denied, 12);
	assert_int_equal(fake.nreports, 1);
}

/* ---------------------------------------------------------------- pending, active */

static void test_pending_hw_and_foreign(void **state)
{
	(void)state;
	dwrite(word(GICD_ISPENDR, HW_SPI), 4, bit(HW_SPI));
	assert_true(fake_bit(fake.pending, HW_SPI));
	assert_int_equal(dread(word(GICD_ISPENDR, HW_SPI), 4), bit(HW_SPI));
	assert_int_equal(dread(word(GICD_ICPENDR, HW_SPI), 4), bit(HW_SPI));
	dwrite(word(GICD_ICPENDR, HW_SPI), 4, bit(HW_SPI));
	assert_false(fake_bit(fake.pending, HW_SPI));
	assert_int_equal(dread(word(GICD_ISPENDR, HW_SPI), 4), 0);

	fake_assign(fake.pending, FOREIGN, true);
	fake.gicd_calls = 0;
	for (int i = 0; i < 5; i++)
		dwrite(word(GICD_ISPENDR, FOREIGN), 4, bit(FOREIGN));
	dwrite(word(GICD_ICPENDR, FOREIGN), 4, bit(FOREIGN));
	assert_int_equal(fake.gicd_calls, 0);
	assert_true(fake_bit(fake.pending, FOREIGN));
	assert_int_equal(dread(word(GICD_ISPENDR, FOREIGN), 4), 0);
	assert_int_equal(d.denied, 5);
	assert_int_equal(fake.nreports, 1);
	assert_non_null(strstr(fake.report[0], "pend"));
}

static void test_active_hw_and_foreign(void **state)
{
	(void)state;
	dwrite(word(GICD_ISACTIVER, HW_SPI2), 4, bit(HW_SPI2));
	assert_true(fake_bit(fake.active, HW_SPI2));
	assert_int_equal(dread(word(GICD_ISACTIVER, HW_SPI2), 4), bit(HW_SPI2));
	assert_int_equal(dread(word(GICD_ICACTIVER, HW_SPI2), 4), bit(HW_SPI2));
	dwrite(word(GICD_ICACTIVER, HW_SPI2), 4, bit(HW_SPI2));
	assert_false(fake_bit(fake.active, HW_SPI2));

	fake_assign(fake.active, FOREIGN, true);
	fake.gicd_calls = 0;
	for (int i = 0; i < 7; i++)
		dwrite(word(GICD_ISACTIVER, FOREIGN), 4, bit(FOREIGN));
	/* Linux clears every SPI's active state at boot: ignored, not reported. */
	dwrite(word(GICD_ICACTIVER, FOREIGN), 4, ~0ULL & 0xffffffff);
	assert_int_equal(fake.gicd_calls, 2); /* its own HW_SPI and HW_SPI2 in that word */
	assert_true(fake_bit(fake.active, FOREIGN));
	assert_int_equal(dread(word(GICD_ISACTIVER, FOREIGN), 4), 0);
	assert_int_equal(d.denied, 7);
	assert_int_equal(fake.nreports, 1);
	assert_non_null(strstr(fake.report[0], "activate"));
}

/* Each kind of denial is reported once, the first time; all of them are counted. */
static void test_denials_reported_once_per_kind(void **state)
{
	(void)state;
	for (int i = 0; i < 3; i++) {
		dwrite(word(GICD_ISENABLER, FOREIGN), 4, bit(FOREIGN));
		dwrite(word(GICD_ISPENDR, FOREIGN), 4, bit(FOREIGN));
		dwrite(word(GICD_ISACTIVER, FOREIGN), 4, bit(FOREIGN));
		dwrite(GICD_IROUTER + 8 * FOREIGN, 8, 1);
		dwrite(GICD_ICFGR + 4 * (FOREIGN2 / 16), 4, 2ULL << (2 * (FOREIGN2 % 16)));
	}
	assert_int_equal(d.denied, 15);
	assert_int_equal(fake.nreports, 5);
	assert_non_null(strstr(fake.report[0], "enable"));
	assert_non_null(strstr(fake.report[1], "pend"));
	assert_non_null(strstr(fake.report[2], "activate"));
	assert_non_null(strstr(fake.report[3], "route"));
	assert_non_null(strstr(fake.report[4], "configure"));
	/* Routing: a normal guest action (Linux routes every SPI), debug level; the others warn. */
	assert_int_equal(fake.report_level[3], LOG_DEBUG);
	assert_int_equal(fake.report_level[0], LOG_WARNING);
	assert_int_equal(fake.report_level[4], LOG_WARNING);
	assert_int_equal(fake.gicd_calls, 0);
}

/* ---------------------------------------------------------------- priority */

static void test_priority(void **state)
{
	(void)state;
	/* Byte access; 5 bits implemented. */
	dwrite(GICD_IPRIORITYR + HW_SPI, 1, 0xff);
	assert_int_equal(dread(GICD_IPRIORITYR + HW_SPI, 1), 0xf8);
	dwrite(GICD_IPRIORITYR + HW_SPI2, 1, 0x47);
	assert_int_equal(dread(GICD_IPRIORITYR + HW_SPI2, 1), 0x40);
	assert_int_equal(d.priority[HW_SPI], 0xf8);

	/* Word access over 40..43: its own 40, 41; foreign 42, 43 read as zero. */
	dwrite(GICD_IPRIORITYR + 40, 4, 0x12345678);
	assert_int_equal(dread(GICD_IPRIORITYR + 40, 4), 0x00005078);
	assert_int_equal(dread(GICD_IPRIORITYR + FOREIGN, 1), 0);
	assert_int_equal(d.priority[FOREIGN], 0);
	assert_int_equal(dread(GICD_IPRIORITYR + 41, 1), 0x50);

	/* Virtual SPIs have priorities too. */
	dwrite(GICD_IPRIORITYR + 32, 4, 0x00a0b000);
	assert_int_equal(dread(GICD_IPRIORITYR + 32, 4), 0x00a0b000);

	/* Priority writes to foreign SPIs (Linux initialises them all) are silent. */
	dwrite(GICD_IPRIORITYR + 100, 4, 0xa0a0a0a0);
	assert_int_equal(d.denied, 0);
	assert_int_equal(fake.gicd_calls, 0);
}

/* ---------------------------------------------------------------- configuration */

static void test_config(void **state)
{
	uint64_t off = GICD_ICFGR + 4 * (HW_SPI / 16); /* SPIs 32..47 */
	uint32_t edge40 = 2U << (2 * (HW_SPI % 16));
	uint32_t edge34 = 2U << (2 * (VSPI_E % 16));

	(void)state;
	/* Virtual SPIs: fixed by their device (34 edge, 33 level). */
	assert_int_equal(dread(off, 4), edge34);
	dwrite(off, 4, edge40);
	assert_true(fake_bit(fake.edge, HW_SPI));
	assert_false(fake_bit(fake.edge, HW_SPI2));
	assert_int_equal(dread(off, 4), edge40 | edge34);
	dwrite(off, 4, 0);
	assert_false(fake_bit(fake.edge, HW_SPI));
	assert_int_equal(dread(off, 4), edge34);
	assert_int_equal(d.denied, 0); /* level for foreign ones: the default, silent */

	dwrite(off, 4, 2U << (2 * (FOREIGN % 16)));
	assert_false(fake_bit(fake.edge, FOREIGN));
	assert_int_equal(d.denied, 1);
	assert_int_equal(fake.nreports, 1);
}

/*
 * GICv3 12.9.9: changing the Int_config of an enabled interrupt is
 * UNPREDICTABLE. Bulkhead writes the physical GICD_ICFGR for the guest, so a
 * guest must not be able to do that through it: while its hardware SPI is
 * enabled the trigger stays as it is (reads show it); once disabled, it changes.
 */
static void test_config_of_enabled_hw_spi_kept(void **state)
{
	uint64_t off = GICD_ICFGR + 4 * (HW_SPI / 16);
	uint32_t edge40 = 2U << (2 * (HW_SPI % 16));
	uint32_t edge41 = 2U << (2 * (HW_SPI2 % 16));
	uint32_t edge34 = 2U << (2 * (VSPI_E % 16));

	(void)state;
	dwrite(word(GICD_ISENABLER, HW_SPI), 4, bit(HW_SPI));
	dwrite(off, 4, edge40 | edge41);
	assert_false(fake_bit(fake.edge, HW_SPI)); /* enabled: kept level */
	assert_true(fake_bit(fake.edge, HW_SPI2)); /* disabled: changed */
	assert_int_equal(dread(off, 4), edge41 | edge34);
	dwrite(word(GICD_ICENABLER, HW_SPI), 4, bit(HW_SPI));
	dwrite(off, 4, edge40 | edge41);
	assert_true(fake_bit(fake.edge, HW_SPI));
	/* Enabled and rewritten with what it already is: nothing changes, no denial. */
	dwrite(word(GICD_ISENABLER, HW_SPI), 4, bit(HW_SPI));
	dwrite(off, 4, edge40);
	assert_true(fake_bit(fake.edge, HW_SPI));
	assert_false(fake_bit(fake.edge, HW_SPI2));
	assert_int_equal(d.denied, 0);
}

/* ---------------------------------------------------------------- routing */

static void test_route(void **state)
{
	uint64_t r40 = GICD_IROUTER + 8 * HW_SPI;

	(void)state;
	/* vCPU 1 (Aff0 1): the SPI goes to vCPU 1's physical core. */
	dwrite(r40, 8, 1);
	assert_true(fake_bit(fake.routed, HW_SPI));
	assert_int_equal(fake.route[HW_SPI], CORE1);
	assert_int_equal(dread(r40, 8), 1);
	assert_int_equal(dread(r40, 4), 1);
	assert_int_equal(dread(r40 + 4, 4), 0);

	/* Back to vCPU 0, in two 32-bit halves. */
	dwrite(r40, 4, 0);
	assert_int_equal(fake.route[HW_SPI], CORE0);
	dwrite(r40 + 4, 4, 0);
	assert_int_equal(fake.route[HW_SPI], CORE0);
	dwrite(r40, 4, 1);
	assert_int_equal(fake.route[HW_SPI], CORE1);
	assert_int_equal(dread(r40, 8), 1);
	dwrite(r40 + 4, 4, 0); /* the upper half keeps the lower one */
	assert_int_equal(fake.route[HW_SPI], CORE1);
	assert_int_equal(dread(r40, 8), 1);

	/* A vCPU it does not have: its first vCPU. */
	dwrite(r40, 8, 7);
	assert_int_equal(fake.route[HW_SPI], CORE0);
	assert_int_equal(dread(r40, 8), 0);
	dwrite(r40, 8, 1);
	dwrite(r40, 8, 0x100 | 1); /* Aff1 == 1: not one of its vCPUs */
	assert_int_equal(fake.route[HW_SPI], CORE0);
	dwrite(r40, 8, 1);
	dwrite(r40 + 4, 4, 1); /* Aff3 == 1, written as the upper half */
	assert_int_equal(fake.route[HW_SPI], CORE0);

	/* 1-of-N (IRM): its first vCPU. */
	dwrite(r40, 8, 1);
	assert_int_equal(fake.route[HW_SPI], CORE1);
	dwrite(r40, 8, GICD_IROUTER_IRM | 1);
	assert_int_equal(fake.route[HW_SPI], CORE0);
	assert_int_equal(d.denied, 0);

	/* A foreign SPI: not routed, reads as zero, denied. */
	fake.route[FOREIGN] = 3;
	dwrite(GICD_IROUTER + 8 * FOREIGN, 8, 1);
	dwrite(GICD_IROUTER + 8 * FOREIGN, 4, 1);
	assert_false(fake_bit(fake.routed, FOREIGN));
	assert_int_equal(fake.route[FOREIGN], 3);
	assert_int_equal(dread(GICD_IROUTER + 8 * FOREIGN, 8), 0);
	assert_int_equal(d.denied, 2);
	assert_int_equal(fake.nreports, 1);
	assert_non_null(strstr(fake.report[0], "route"));

	/* A virtual SPI is routed virtually: nothing physical. */
	fake.gicd_calls = 0;
	dwrite(GICD_IROUTER + 8 * VSPI, 8, 1);
	assert_int_equal(d.route[VSPI], 1);
	assert_int_equal(dread(GICD_IROUTER + 8 * VSPI, 8), 1);
	assert_int_equal(fake.gicd_calls, 0);
}

/* ---------------------------------------------------------------- virtual SPIs */

static void test_virtual_spi(void **state)
{
	(void)state;
	dwrite(word(GICD_ISENABLER, VSPI), 4, bit(VSPI));
	assert_true(fake_bit(d.virt_enabled, VSPI));
	assert_int_equal(fake.gicd_calls, 0);
	assert_int_equal(dread(word(GICD_ISENABLER, VSPI), 4), bit(VSPI));

	/* Routed to vCPU 1: a rising level kicks vCPU 1's core, once. */
	dwrite(GICD_IROUTER + 8 * VSPI, 8, 1);
	vgic_set_level(&d, VSPI, true);
	assert_int_equal(fake.kicks[CORE1], 1);
	assert_int_equal(fake.nkicks, 1);
	vgic_set_level(&d, VSPI, true); /* no edge: no new kick */
	assert_int_equal(fake.nkicks, 1);
	assert_int_equal(dread(word(GICD_ISPENDR, VSPI), 4), bit(VSPI));
	vgic_set_level(&d, VSPI, false);
	assert_int_equal(dread(word(GICD_ISPENDR, VSPI), 4), 0);
	/* A falling level kicks too: the target withdraws it if not yet taken (vgic.c). */
	assert_int_equal(fake.kicks[CORE1], 2);
	assert_int_equal(vc1.lowered, 1);

	/* The guest pends and unpends it: virtual state, nothing physical. */
	dwrite(word(GICD_ISPENDR, VSPI), 4, bit(VSPI));
	assert_int_equal(dread(word(GICD_ISPENDR, VSPI), 4), bit(VSPI));
	assert_int_equal(fake.kicks[CORE1], 3);
	dwrite(word(GICD_ICPENDR, VSPI), 4, bit(VSPI));
	assert_int_equal(dread(word(GICD_ISPENDR, VSPI), 4), 0);
	assert_int_equal(fake.kicks[CORE1], 4);
	assert_false(fake_bit(fake.pending, VSPI));
	assert_int_equal(fake.gicd_calls, 0);

	/* Disabled: the level is recorded, no kick; enabling with the level high kicks. */
	dwrite(word(GICD_ICENABLER, VSPI), 4, bit(VSPI));
	assert_false(fake_bit(d.virt_enabled, VSPI));
	vgic_set_level(&d, VSPI, true);
	assert_int_equal(fake.nkicks, 4);
	dwrite(word(GICD_ISENABLER, VSPI), 4, bit(VSPI));
	assert_int_equal(fake.kicks[CORE1], 5);

	/* An interrupt it does not own as virtual is ignored. */
	vgic_set_level(&d, HW_SPI, true);
	vgic_set_level(&d, FOREIGN, true);
	assert_int_equal(fake.nkicks, 5);
	assert_false(fake_bit(d.virt_level, FOREIGN));

	/* Virtual SPIs are never active in the distributor; their group is 1. */
	dwrite(word(GICD_ISACTIVER, VSPI), 4, bit(VSPI));
	assert_int_equal(dread(word(GICD_ISACTIVER, VSPI), 4), 0);
	assert_int_equal(dread(word(GICD_IGROUPR, VSPI), 4),
			 bit(VSPI) | bit(VSPI_E) | bit(HW_SPI) | bit(HW_SPI2));
	assert_int_equal(d.denied, 0);
	assert_int_equal(fake.gicd_calls, 0);
}

/* ---------------------------------------------------------------- access checks */

static void test_width_and_alignment(void **state)
{
	uint64_t v = 0;

	(void)state;
	assert_int_equal(vgic_dist_access(&d, &vc0, GICD_ISENABLER + 4, 1, false, &v), -EINVAL);
	assert_int_equal(vgic_dist_access(&d, &vc0, GICD_ISENABLER + 4, 1, true, &v), -EINVAL);
	assert_int_equal(vgic_dist_access(&d, &vc0, GICD_ISENABLER + 4, 2, false, &v), -EINVAL);
	assert_int_equal(vgic_dist_access(&d, &vc0, GICD_ISENABLER + 4, 8, false, &v), -EINVAL);
	assert_int_equal(vgic_dist_access(&d, &vc0, GICD_ISENABLER + 5, 4, true, &v), -EINVAL);
	assert_int_equal(vgic_dist_access(&d, &vc0, GICD_CTLR, 8, false, &v), -EINVAL);
	assert_int_equal(vgic_dist_access(&d, &vc0, GICD_CTLR, 1, false, &v), -EINVAL);
	assert_int_equal(vgic_dist_access(&d, &vc0, GICD_IPRIORITYR + 41, 4, false, &v), -EINVAL);
	assert_int_equal(vgic_dist_access(&d, &vc0, GICD_IPRIORITYR + 40, 8, false, &v), -EINVAL);
	assert_int_equal(vgic_dist_access(&d, &vc0, GICD_IPRIORITYR + 40, 2, false, &v), -EINVAL);
	assert_int_equal(vgic_dist_access(&d, &vc0, GICD_ICFGR + 8, 1, false, &v), -EINVAL);
	assert_int_equal(vgic_dist_access(&d, &vc0, GICD_IROUTER + 8 * 40, 1, false, &v), -EINVAL);
	assert_int_equal(vgic_dist_access(&d, &vc0, GICD_IROUTER + 8 * 40 + 4, 8, true, &v),
			 -EINVAL);
	assert_int_equal(vgic_dist_access(&d, &vc0, GICD_IROUTER + 8 * 40 + 2, 4, true, &v),
			 -EINVAL);
	assert_int_equal(vgic_dist_access(&d, &vc0, 0x8000, 4, false, &v), -EINVAL);
	/* Nothing reached the hardware. */
	assert_int_equal(fake.gicd_calls, 0);
	assert_int_equal(d.denied, 0);
}

/*
 * The indexed register map (block and word tables) against the map of IHI 0069
 * 12.9 written as ranges: a 32-bit read of every word of the frame succeeds
 * exactly where a register is.
 */
static void test_register_map(void **state)
{
	static const struct {
		uint32_t off, len;
	} map[] = {
		{GICD_CTLR, 4},		{GICD_TYPER, 4},	  {GICD_IIDR, 4},
		{GICD_TYPER2, 4},	{GICD_STATUSR, 4},	  {GICD_SETSPI_NSR, 0x20},
		{GICD_IGROUPR, 0x80},	{GICD_ISENABLER, 0x80},	  {GICD_ICENABLER, 0x80},
		{GICD_ISPENDR, 0x80},	{GICD_ICPENDR, 0x80},	  {GICD_ISACTIVER, 0x80},
		{GICD_ICACTIVER, 0x80}, {GICD_IPRIORITYR, 0x400}, {GICD_ITARGETSR, 0x400},
		{GICD_ICFGR, 0x100},	{GICD_IGRPMODR, 0x80},	  {GICD_NSACR, 0x100},
		{GICD_SGIR, 4},		{GICD_CPENDSGIR, 0x20},	  {GICD_IROUTER, 0x2000},
		{0xffd0, 0x30},
	};

	(void)state;
	for (uint32_t off = 0; off < 0x10000; off += 4) {
		uint64_t v = 0;
		bool want = false;

		for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			want |= off >= map[i].off && off < map[i].off + map[i].len;
		if (want != (vgic_dist_access(&d, &vc0, off, 4, false, &v) == 0))
			fail_msg("offset 0x%x: %s", off, want ? "refused" : "accepted");
	}
}

/* Per-interrupt registers of SGIs/PPIs are banked in the redistributor: RAZ/WI here. */
static void test_sgi_ppi_range_razwi(void **state)
{
	(void)state;
	rwrite(&vc0, GICR_ISENABLER0, 4, 0xffff);
	rwrite(&vc0, GICR_IPRIORITYR, 4, 0x80808080);
	assert_int_equal(dread(GICD_ISENABLER, 4), 0);
	assert_int_equal(dread(GICD_ICENABLER, 4), 0);
	assert_int_equal(dread(GICD_ISPENDR, 4), 0);
	assert_int_equal(dread(GICD_ISACTIVER, 4), 0);
	assert_int_equal(dread(GICD_IGROUPR, 4), 0);
	assert_int_equal(dread(GICD_IPRIORITYR, 4), 0);
	assert_int_equal(dread(GICD_IPRIORITYR + 27, 1), 0);
	assert_int_equal(dread(GICD_ICFGR, 4), 0);
	assert_int_equal(dread(GICD_ICFGR + 4, 4), 0);
	assert_int_equal(dread(GICD_IROUTER + 8 * 31, 8), 0);

	dwrite(GICD_ISENABLER, 4, 0xffffffff);
	dwrite(GICD_ICENABLER, 4, 0xffffffff);
	dwrite(GICD_ISPENDR, 4, 0xffffffff);
	dwrite(GICD_IPRIORITYR + 4, 4, 0x10101010);
	dwrite(GICD_ICFGR + 4, 4, 0xffffffff);
	dwrite(GICD_IROUTER + 8 * 27, 8, 1);
	assert_int_equal(vc0.enabled, 0xffff);
	assert_int_equal(vc0.sgi_pending | vc0.sw_pending, 0);
	assert_int_equal(vc0.priority[4], 0);
	assert_int_equal(vc0.ppi_edge, 0);
	assert_int_equal(fake.gicd_calls, 0);
	assert_int_equal(fake.gicr_calls, 0);
	assert_int_equal(d.denied, 0);

	/* Beyond the lines it has: RAZ/WI too. */
	assert_int_equal(dread(word(GICD_ISENABLER, NR_LINES), 4), 0);
	dwrite(word(GICD_ISENABLER, NR_LINES), 4, 1);
	assert_int_equal(dread(GICD_IROUTER + 8 * (NR_LINES + 3), 8), 0);
	assert_int_equal(fake.gicd_calls, 0);
}

/* ---------------------------------------------------------------- redistributor */

static void test_redist_typer(void **state)
{
	uint64_t t0, t1;

	(void)state;
	t0 = rread(&vc0, GICR_TYPER, 8);
	t1 = rread(&vc1, GICR_TYPER, 8);
	assert_int_equal(t0 >> 32, 0);		 /* Affinity_Value: Aff0 0 */
	assert_int_equal((t0 >> 8) & 0xffff, 0); /* Processor_Number */
	assert_false(t0 & GICR_TYPER_LAST);
	assert_int_equal(t1 >> 32, 1);
	assert_int_equal((t1 >> 8) & 0xffff, 1);
	assert_true(t1 & GICR_TYPER_LAST);
	assert_false(t1 & 1); /* PLPIS */

	assert_int_equal(rread(&vc1, GICR_TYPER, 4), t1 & 0xffffffff);
	assert_int_equal(rread(&vc1, GICR_TYPER + 4, 4), 1);
	/* A narrower read returns only its bytes. */
	assert_int_equal(rread(&vc1, GICR_TYPER, 1), t1 & 0xff);
	assert_int_equal(rread(&vc0, GICR_CTLR, 4), 0);
	assert_int_equal(rread(&vc0, GICR_IIDR, 4) & 0xfff, 0x43b);

	assert_int_equal(vgic_redist_access(&vc0, GICR_TYPER + 4, 8, false, &t0), -EINVAL);
	assert_int_equal(vgic_redist_access(&vc0, GICR_TYPER, 2, false, &t0), -EINVAL);
	assert_int_equal(vgic_redist_access(&vc0, GICR_STRIDE, 4, false, &t0), -EINVAL);
}

static void test_redist_waker(void **state)
{
	uint32_t both = GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP;

	(void)state;
	assert_int_equal(rread(&vc0, GICR_WAKER, 4), both);
	rwrite(&vc0, GICR_WAKER, 4, 0);
	assert_int_equal(rread(&vc0, GICR_WAKER, 4), 0);
	assert_int_equal(rread(&vc1, GICR_WAKER, 4), both); /* per vCPU */
	rwrite(&vc0, GICR_WAKER, 4, GICR_WAKER_PROCESSOR_SLEEP);
	assert_int_equal(rread(&vc0, GICR_WAKER, 4), both);
	rwrite(&vc0, GICR_WAKER, 4, GICR_WAKER_CHILDREN_ASLEEP); /* read-only bit */
	assert_int_equal(rread(&vc0, GICR_WAKER, 4), 0);
}

static void test_redist_passthrough_ppi(void **state)
{
	(void)state;
	rwrite(&vc1, GICR_ISENABLER0, 4, 1U << GIC_PPI_VTIMER);
	assert_int_equal(fake.cpu[CORE1].rd_enable, 1U << GIC_PPI_VTIMER);
	assert_int_equal(fake.cpu[CORE0].rd_enable, 0);
	assert_int_equal(rread(&vc1, GICR_ISENABLER0, 4), 1U << GIC_PPI_VTIMER);
	assert_int_equal(rread(&vc0, GICR_ISENABLER0, 4), 0);
	rwrite(&vc1, GICR_ICENABLER0, 4, 1U << GIC_PPI_VTIMER);
	assert_int_equal(fake.cpu[CORE1].rd_enable, 0);
	assert_int_equal(rread(&vc1, GICR_ICENABLER0, 4), 0);

	rwrite(&vc0, GICR_ISPENDR0, 4, 1U << GIC_PPI_PTIMER);
	assert_int_equal(fake.cpu[CORE0].rd_pending, 1U << GIC_PPI_PTIMER);
	rwrite(&vc0, GICR_ICPENDR0, 4, 1U << GIC_PPI_PTIMER);
	assert_int_equal(fake.cpu[CORE0].rd_pending, 0);
	assert_int_equal(fake.gicd_calls, 0);
}

static void test_redist_hidden_ppis(void **state)
{
	(void)state;
	rwrite(&vc0, GICR_ISENABLER0, 4, VGIC_HIDDEN_PPIS);
	assert_int_equal(rread(&vc0, GICR_ISENABLER0, 4), 0);
	assert_int_equal(vc0.enabled & VGIC_HIDDEN_PPIS, 0);
	rwrite(&vc0, GICR_ISPENDR0, 4, VGIC_HIDDEN_PPIS);
	assert_int_equal(rread(&vc0, GICR_ISPENDR0, 4), 0);
	assert_int_equal(fake.gicr_calls, 0);
	assert_int_equal(fake.nkicks, 0);
	assert_int_equal(rread(&vc0, GICR_IGROUPR0, 4), ~(uint32_t)VGIC_HIDDEN_PPIS);

	/* All of them at once: only the visible ones stick. */
	rwrite(&vc0, GICR_ISENABLER0, 4, 0xffffffff);
	assert_int_equal(rread(&vc0, GICR_ISENABLER0, 4), ~(uint32_t)VGIC_HIDDEN_PPIS);
	assert_int_equal(fake.cpu[CORE0].rd_enable, VGIC_PASSTHROUGH_PPIS);
}

/* Bulkhead's PPIs 25 and 26 are no interrupts of the guest: their priorities are RAZ/WI too. */
static void test_redist_hidden_ppi_priorities_razwi(void **state)
{
	(void)state;
	rwrite(&vc0, GICR_IPRIORITYR + 24, 8, 0x8888888888888888ULL);
	assert_int_equal(rread(&vc0, GICR_IPRIORITYR + 24, 8), 0x8888888888000088ULL);
	assert_int_equal(rread(&vc0, GICR_IPRIORITYR + 25, 1), 0);
	assert_int_equal(rread(&vc0, GICR_IPRIORITYR + 24, 4), 0x88000088);
	rwrite(&vc0, GICR_IPRIORITYR + 26, 1, 0x40);
	assert_int_equal(rread(&vc0, GICR_IPRIORITYR + 26, 1), 0);
	assert_int_equal(vc0.priority[25] | vc0.priority[26], 0);
}

static void test_redist_sgi_ppi_software_state(void **state)
{
	uint64_t v = 0;

	(void)state;
	/* Software SGI/PPI pending: marked, the vCPU's core kicked. */
	rwrite(&vc1, GICR_ISPENDR0, 4, (1U << 3) | (1U << 20));
	assert_int_equal(rread(&vc1, GICR_ISPENDR0, 4), (1U << 3) | (1U << 20));
	assert_int_equal(fake.kicks[CORE1], 1);
	rwrite(&vc1, GICR_ICPENDR0, 4, 1U << 3);
	assert_int_equal(rread(&vc1, GICR_ICPENDR0, 4), 1U << 20);
	assert_int_equal(fake.gicr_calls, 0);

	/* SGIs are edge; PPIs level unless configured edge. */
	assert_int_equal(rread(&vc0, GICR_ICFGR0, 4), 0xaaaaaaaa);
	assert_int_equal(rread(&vc0, GICR_ICFGR1, 4), 0);
	rwrite(&vc0, GICR_ICFGR1, 4, 0xffffffff);
	assert_int_equal(rread(&vc0, GICR_ICFGR1, 4), 0xaaaaaaaa);

	/* SGI-frame registers other than priorities are 32-bit only. */
	assert_int_equal(vgic_redist_access(&vc0, GICR_ISENABLER0, 1, false, &v), -EINVAL);
	assert_int_equal(vgic_redist_access(&vc0, GICR_ISENABLER0, 8, true, &v), -EINVAL);
	assert_int_equal(vgic_redist_access(&vc0, GICR_ISENABLER0 + 2, 4, true, &v), -EINVAL);
}

static void test_redist_priority(void **state)
{
	(void)state;
	rwrite(&vc0, GICR_IPRIORITYR + 27, 1, 0xff);
	assert_int_equal(rread(&vc0, GICR_IPRIORITYR + 27, 1), 0xf8);
	rwrite(&vc0, GICR_IPRIORITYR + 5, 1, 0x41);
	assert_int_equal(rread(&vc0, GICR_IPRIORITYR + 4, 4), 0x4000);
	rwrite(&vc0, GICR_IPRIORITYR + 8, 4, 0x11223344);
	assert_int_equal(rread(&vc0, GICR_IPRIORITYR + 8, 4), 0x10203040);
	assert_int_equal(rread(&vc0, GICR_IPRIORITYR + 8, 1), 0x40);
	assert_int_equal(rread(&vc0, GICR_IPRIORITYR + 11, 1), 0x10);
	assert_int_equal(vc0.priority[27], 0xf8);
	assert_int_equal(vc1.priority[27], 0); /* per vCPU */
	assert_int_equal(rread(&vc0, GICR_IPRIORITYR + 24, 8), 0xf8ULL << 24);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_ctlr, setup),
		cmocka_unit_test_setup(test_typer, setup),
		cmocka_unit_test_setup(test_identification, setup),
		cmocka_unit_test_setup(test_enable_owned_hw_spi, setup),
		cmocka_unit_test_setup(test_enable_foreign_spi_denied_reported_once, setup),
		cmocka_unit_test_setup(test_pending_hw_and_foreign, setup),
		cmocka_unit_test_setup(test_active_hw_and_foreign, setup),
		cmocka_unit_test_setup(test_denials_reported_once_per_kind, setup),
		cmocka_unit_test_setup(test_priority, setup),
		cmocka_unit_test_setup(test_config, setup),
		cmocka_unit_test_setup(test_config_of_enabled_hw_spi_kept, setup),
		cmocka_unit_test_setup(test_route, setup),
		cmocka_unit_test_setup(test_virtual_spi, setup),
		cmocka_unit_test_setup(test_width_and_alignment, setup),
		cmocka_unit_test_setup(test_sgi_ppi_range_razwi, setup),
		cmocka_unit_test_setup(test_redist_typer, setup),
		cmocka_unit_test_setup(test_redist_waker, setup),
		cmocka_unit_test_setup(test_redist_passthrough_ppi, setup),
		cmocka_unit_test_setup(test_redist_hidden_ppis, setup),
		cmocka_unit_test_setup(test_redist_hidden_ppi_priorities_razwi, setup),
		cmocka_unit_test_setup(test_redist_sgi_ppi_software_state, setup),
		cmocka_unit_test_setup(test_redist_priority, setup),
		cmocka_unit_test_setup(test_register_map, setup),
	};

	return cmocka_run_group_tests_name("vgic_dist", tests, NULL, NULL);
}
