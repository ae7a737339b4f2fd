// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of vGIC injection (gic/vgic.c): list register encoding, the
 * priority-ordered overflow queue and its refill from the maintenance
 * interrupt, eviction, EOI maintenance of virtual SPIs, and SGIs between the
 * vCPUs of a partition (ICC_SGI1R_EL1). The list registers, the maintenance
 * interrupt and the guest are those of the fake GIC (tests/common/fake_gic.h).
 */
#include "../common/fake_gic.h"

#include <gic/vgic_ppi.h>

#define CORE0	 2
#define CORE1	 5
#define CORE2	 6
#define NR_LINES 288
#define NR_LRS	 4
#define HW_SPI	 40
#define VSPI	 33 /* virtual, level */
#define VSPI_E	 34 /* virtual, edge */

static struct vgic_dist d;
static struct vgic_cpu vc0, vc1, vc2;

static int setup(void **state)
{
	(void)state;
	fake_reset(NR_LRS);
	vgic_dist_init(&d, "p0", NR_LINES);
	vgic_cpu_init(&vc0, &d, 0, CORE0, NR_LRS);
	vgic_cpu_init(&vc1, &d, 1, CORE1, NR_LRS);
	vgic_own_hw_spi(&d, HW_SPI);
	vgic_own_virtual_spi(&d, VSPI, false);
	vgic_own_virtual_spi(&d, VSPI_E, true);
	return 0;
}

static void dwrite(uint64_t off, uint32_t size, uint64_t v)
{
	assert_int_equal(vgic_dist_access(&d, &vc0, off, size, true, &v), 0);
}

static void rwrite(struct vgic_cpu *vc, uint64_t off, uint32_t size, uint64_t v)
{
	assert_int_equal(vgic_redist_access(vc, off, size, true, &v), 0);
}

/* Priority of an interrupt as the guest programs it. */
static void set_prio(struct vgic_cpu *vc, uint32_t intid, uint8_t prio)
{
	if (intid < GIC_SPI_BASE)
		rwrite(vc, GICR_IPRIORITYR + intid, 1, prio);
	else
		dwrite(GICD_IPRIORITYR + intid, 1, prio);
}

static void enable_sgis(struct vgic_cpu *vc, uint32_t mask)
{
	rwrite(vc, GICR_ISENABLER0, 4, mask);
}

static uint64_t lr_of(uint32_t intid, uint8_t prio)
{
	return ICH_LR_PENDING | ICH_LR_GROUP1 | (uint64_t)prio << ICH_LR_PRIO_SHIFT | intid;
}

/*
 * What must hold whenever the vGIC returns: no vINTID twice (in LRs or the
 * queue), the queue sorted, pending LRs no worse than anything queued, and
 * the maintenance enables set exactly while something waits.
 *
 * SGIs/PPIs in @repended were made pending again while active in their LR:
 * they stay in that LR (an LR cannot be split), so once the guest deactivates
 * them they may be pending there while something better waits.
 */
static void check_invariants_but(const struct vgic_cpu *vc, uint32_t repended)
{
	assert_int_equal(fake.dup_lrs, 0);
	assert_true(vc->nqueued <= VGIC_QUEUE_MAX);
	for (uint32_t k = 0; k < vc->nqueued; k++) {
		if (k > 0)
			assert_true(vc->queue[k - 1].priority <= vc->queue[k].priority);
		for (uint32_t j = 0; j < k; j++)
			assert_int_not_equal(vc->queue[j].intid, vc->queue[k].intid);
		if (fake_find_lr(vc->queue[k].intid) >= 0)
			fail_msg("INTID %u both queued and in LR%d", vc->queue[k].intid,
				 fake_find_lr(vc->queue[k].intid));
	}
	for (uint32_t n = 0; n < fake.nr_lrs && vc->nqueued; n++)
		if (fake_lr_state(fake_here()->lr[n]) == ICH_LR_PENDING &&
		    fake_lr_prio(fake_here()->lr[n]) > vc->queue[0].priority &&
		    !(fake_lr_intid(fake_here()->lr[n]) < 32 &&
		      (repended >> fake_lr_intid(fake_here()->lr[n])) & 1))
			fail_msg("LR%u holds INTID %u (priority %#x) while INTID %u (%#x) waits", n,
				 fake_lr_intid(fake_here()->lr[n]),
				 fake_lr_prio(fake_here()->lr[n]), vc->queue[0].intid,
				 vc->queue[0].priority);
	assert_int_equal(fake_here()->uie, vc->nqueued != 0);
}

static void check_invariants(const struct vgic_cpu *vc)
{
	check_invariants_but(vc, 0);
}

/* The guest takes everything; returns how many, their INTIDs in @order. */
static uint32_t drain(struct vgic_cpu *vc, uint32_t *order, uint32_t max)
{
	uint32_t n = 0;
	int intid;

	while ((intid = fake_guest_take(vc)) >= 0) {
		check_invariants(vc);
		assert_true(n < max);
		order[n++] = (uint32_t)intid;
	}
	return n;
}

/* ---------------------------------------------------------------- encoding */

static void test_inject_sgi_encoding(void **state)
{
	(void)state;
	set_prio(&vc0, 3, 0x48);
	vgic_inject(&vc0, 3, false);
	assert_int_equal(fake_here()->lr[0], lr_of(3, 0x48));
	assert_int_equal(vgic_hw_empty_lrs(), 0xe);
	assert_int_equal(vc0.nqueued, 0);
	assert_false(fake_here()->npie || fake_here()->uie);

	/* A software PPI the same way. */
	set_prio(&vc0, 20, 0x10);
	vgic_inject(&vc0, 20, false);
	assert_int_equal(fake_here()->lr[1], lr_of(20, 0x10));
}

static void test_inject_hw_encoding(void **state)
{
	(void)state;
	set_prio(&vc0, HW_SPI, 0x20);
	vgic_inject(&vc0, HW_SPI, true);
	assert_int_equal(fake_here()->lr[0],
			 lr_of(HW_SPI, 0x20) | ICH_LR_HW | (uint64_t)HW_SPI << ICH_LR_PINTID_SHIFT);

	/* The EL1 virtual timer, passed through. */
	set_prio(&vc0, GIC_PPI_VTIMER, 0xa0);
	vgic_inject(&vc0, GIC_PPI_VTIMER, true);
	assert_int_equal(fake_here()->lr[1],
			 lr_of(GIC_PPI_VTIMER, 0xa0) | ICH_LR_HW |
				 (uint64_t)GIC_PPI_VTIMER << ICH_LR_PINTID_SHIFT);

	/* The guest's deactivation reaches the physical interrupt. */
	assert_int_equal(fake_guest_take(&vc0), HW_SPI);
	assert_int_equal(fake.ndeactivated, 1);
	assert_int_equal(fake.deactivated[0], HW_SPI);
	assert_int_equal(fake_guest_take(&vc0), GIC_PPI_VTIMER);
	assert_int_equal(fake.deactivated[1], GIC_PPI_VTIMER);
	assert_int_equal(vgic_hw_empty_lrs(), 0xf);
}

static void test_inject_virtual_spi_eoi_bit(void **state)
{
	(void)state;
	set_prio(&vc0, VSPI, 0x90);
	vgic_inject(&vc0, VSPI, false);
	assert_int_equal(fake_here()->lr[0], lr_of(VSPI, 0x90) | ICH_LR_EOI);
	/* SGIs do not ask for an EOI maintenance interrupt. */
	vgic_inject(&vc0, 1, false);
	assert_false(fake_here()->lr[1] & ICH_LR_EOI);
}

static void test_inject_lowest_free_lr(void **state)
{
	(void)state;
	fake_here()->lr[0] = lr_of(9, 0) | ICH_LR_ACTIVE;
	fake_here()->lr[2] = lr_of(10, 0);
	vgic_inject(&vc0, 1, false);
	assert_int_equal(fake_find_lr(1), 1);
	vgic_inject(&vc0, 2, false);
	assert_int_equal(fake_find_lr(2), 3);
	assert_int_equal(fake_here()->lr[0], lr_of(9, 0) | ICH_LR_ACTIVE);
	assert_int_equal(fake_here()->lr[2], lr_of(10, 0));
}

static void test_inject_pending_not_duplicated(void **state)
{
	int n;

	(void)state;
	vgic_inject(&vc0, 5, false);
	vgic_inject(&vc0, 5, false);
	assert_int_equal(vgic_hw_empty_lrs(), 0xe);
	assert_int_equal(vc0.nqueued, 0);

	/* Active in the guest: it becomes active and pending, in the same LR. */
	n = fake_guest_ack();
	assert_int_equal(n, 0);
	vgic_inject(&vc0, 5, false);
	assert_int_equal(fake_lr_state(fake_here()->lr[0]), ICH_LR_PENDING | ICH_LR_ACTIVE);
	assert_int_equal(vgic_hw_empty_lrs(), 0xe);
	assert_true(fake_guest_eoi(0));
	assert_int_equal(fake_guest_take(&vc0), 5);
	assert_int_equal(fake_guest_take(&vc0), -1);
	assert_int_equal(fake.dup_lrs, 0);
}

/* ---------------------------------------------------------------- the overflow queue */

/* Eight interrupts of distinct priorities in scrambled orders, four LRs. */
static void test_priority_order_more_than_lrs(void **state)
{
	static const uint8_t prio[9] = {0, 0x50, 0x20, 0x70, 0x10, 0x60, 0x30, 0x80, 0x40};
	static const uint32_t orders[3][8] = {
		{1, 2, 3, 4, 5, 6, 7, 8},
		{7, 3, 5, 1, 8, 6, 2, 4}, /* worst first */
		{4, 2, 6, 8, 1, 5, 3, 7}, /* best first */
	};
	static const uint32_t by_prio[8] = {4, 2, 6, 8, 1, 5, 3, 7};

	(void)state;
	for (int o = 0; o < 3; o++) {
		uint32_t got[8];

		setup(NULL);
		for (uint32_t i = 1; i <= 8; i++)
			set_prio(&vc0, i, prio[i]);
		for (int i = 0; i < 8; i++) {
			vgic_inject(&vc0, orders[o][i], false);
			check_invariants(&vc0);
		}
		/* The LRs hold the four best, the queue the others, sorted. */
		for (int i = 0; i < 4; i++) {
			int n = fake_find_lr(by_prio[i]);

			assert_true(n >= 0);
			assert_int_equal(fake_here()->lr[n], lr_of(by_prio[i], prio[by_prio[i]]));
		}
		assert_int_equal(vc0.nqueued, 4);
		for (uint32_t k = 0; k < 4; k++) {
			assert_int_equal(vc0.queue[k].intid, by_prio[4 + k]);
			assert_int_equal(vc0.queue[k].priority, prio[by_prio[4 + k]]);
			assert_int_equal(vc0.queue[k].hw, 0);
		}
		assert_true(fake_here()->npie);
		assert_true(fake_here()->uie);

		/* The guest always gets the best there is. */
		assert_int_equal(drain(&vc0, got, 8), 8);
		assert_memory_equal(got, by_prio, sizeof(got));
		assert_int_equal(vc0.nqueued, 0);
		assert_false(fake_here()->npie);
		assert_false(fake_here()->uie);
		assert_int_equal(fake.dup_lrs, 0);
	}
}

/* Hardware interrupts keep their HW bit and pINTID through the queue. */
static void test_queue_keeps_hw_link(void **state)
{
	uint32_t got[8];

	(void)state;
	for (uint32_t i = 0; i < 6; i++) {
		vgic_own_hw_spi(&d, 50 + i);
		set_prio(&vc0, 50 + i, (uint8_t)(0xc0 - 0x10 * i)); /* later ones better */
	}
	for (uint32_t i = 0; i < 6; i++)
		vgic_inject(&vc0, 50 + i, true);
	check_invariants(&vc0);
	assert_int_equal(vc0.nqueued, 2);
	assert_int_equal(vc0.queue[0].intid, 51);
	assert_int_equal(vc0.queue[0].hw, 1);
	assert_int_equal(vc0.queue[1].intid, 50);

	assert_int_equal(drain(&vc0, got, 8), 6);
	for (uint32_t i = 0; i < 6; i++) {
		assert_int_equal(got[i], 55 - i);
		assert_int_equal(fake.deactivated[i], 55 - i);
	}
	assert_int_equal(fake.ndeactivated, 6);
}

/* A better arrival evicts the worst pending LR, never an active one. */
static void test_eviction_spares_active(void **state)
{
	(void)state;
	set_prio(&vc0, 1, 0xf0);
	set_prio(&vc0, 2, 0x80);
	set_prio(&vc0, 3, 0x90);
	set_prio(&vc0, 4, 0x70);
	set_prio(&vc0, 5, 0x10);
	set_prio(&vc0, 6, 0xf8);
	vgic_inject(&vc0, 1, false);
	assert_int_equal(fake_guest_ack(), 0); /* the guest is handling SGI 1 */
	vgic_inject(&vc0, 2, false);
	vgic_inject(&vc0, 3, false);
	vgic_inject(&vc0, 4, false);
	assert_int_equal(vgic_hw_empty_lrs(), 0);

	vgic_inject(&vc0, 5, false);
	check_invariants(&vc0);
	assert_int_equal(fake_here()->lr[0], (lr_of(1, 0xf0) & ~ICH_LR_STATE_MASK) | ICH_LR_ACTIVE);
	assert_int_equal(fake_find_lr(5), 2);
	assert_int_equal(fake_here()->lr[2], lr_of(5, 0x10));
	assert_int_equal(vc0.nqueued, 1);
	assert_int_equal(vc0.queue[0].intid, 3);

	/* Worse than every pending LR: it waits. */
	vgic_inject(&vc0, 6, false);
	check_invariants(&vc0);
	assert_int_equal(vc0.nqueued, 2);
	assert_int_equal(vc0.queue[1].intid, 6);
	assert_int_equal(fake_find_lr(6), -1);
}

/* Every LR active (nested handlers): a new interrupt waits, without a storm. */
static void test_all_lrs_active(void **state)
{
	static const uint8_t prio[6] = {0, 0x80, 0x60, 0x40, 0x20, 0x00};
	int n[5];

	(void)state;
	for (uint32_t i = 1; i <= 5; i++)
		set_prio(&vc0, i, prio[i]);
	for (uint32_t i = 1; i <= 4; i++) {
		vgic_inject(&vc0, i, false);
		n[i] = fake_guest_ack(); /* each preempts the previous one */
		assert_int_equal(n[i], (int)i - 1);
	}
	vgic_inject(&vc0, 5, false);
	check_invariants(&vc0);
	assert_int_equal(vc0.nqueued, 1);
	for (uint32_t i = 1; i <= 4; i++)
		assert_int_equal(fake_lr_state(fake_here()->lr[i - 1]), ICH_LR_ACTIVE);

	/* The maintenance interrupt must not stay asserted with nothing it can do. */
	fake_service_maintenance(&vc0);
	check_invariants(&vc0);
	assert_int_equal(vc0.nqueued, 1);

	/* As the guest unwinds, SGI 5 gets an LR. */
	for (int i = 4; i >= 1 && vc0.nqueued; i--) {
		assert_true(fake_guest_eoi((uint32_t)n[i]));
		fake_service_maintenance(&vc0);
		check_invariants(&vc0);
	}
	assert_int_equal(vc0.nqueued, 0);
	assert_int_equal(fake_guest_take(&vc0), 5);
}

/* Equal priorities are delivered in arrival order, evicted ones included. */
static void test_equal_priorities_fifo(void **state)
{
	uint32_t got[16], pos[16] = {0}, evicted;

	(void)state;
	for (uint32_t i = 1; i <= 9; i++)
		set_prio(&vc0, i, 0x80);
	set_prio(&vc0, 9, 0x10);
	for (uint32_t i = 1; i <= 8; i++)
		vgic_inject(&vc0, i, false);
	check_invariants(&vc0);
	assert_int_equal(vc0.nqueued, 4);
	for (uint32_t k = 0; k < 4; k++)
		assert_int_equal(vc0.queue[k].intid, 5 + k);

	/* SGI 9 evicts one of 1..4, which arrived before 5..8: it goes first. */
	vgic_inject(&vc0, 9, false);
	check_invariants(&vc0);
	assert_int_equal(vc0.nqueued, 5);
	evicted = vc0.queue[0].intid;
	assert_true(evicted >= 1 && evicted <= 4);
	for (uint32_t k = 1; k < 5; k++)
		assert_int_equal(vc0.queue[k].intid, 4 + k);

	assert_int_equal(drain(&vc0, got, 16), 9);
	assert_int_equal(got[0], 9);
	for (uint32_t i = 0; i < 9; i++)
		pos[got[i]] = i;
	for (uint32_t i = 5; i < 8; i++)
		assert_true(pos[i] < pos[i + 1]);
	/* Among equal priorities in LRs the guest's choice is IMPLEMENTATION DEFINED. */
	assert_true(pos[evicted] < pos[5]);
}

static void test_underflow_enables(void **state)
{
	(void)state;
	for (uint32_t i = 1; i <= 4; i++)
		vgic_inject(&vc0, i, false);
	assert_false(fake_here()->npie);
	assert_false(fake_here()->uie);
	vgic_inject(&vc0, 5, false);
	assert_true(fake_here()->npie);
	assert_true(fake_here()->uie);
	vgic_inject(&vc0, 6, false);
	assert_true(fake_here()->npie && fake_here()->uie);

	/* Still waiting after one refill: the enables stay. */
	assert_int_equal(fake_guest_take(&vc0), 1);
	assert_int_equal(fake_guest_take(&vc0), 2);
	assert_int_equal(fake_guest_take(&vc0), 3); /* one valid left: underflow, refill */
	assert_int_equal(vc0.nqueued, 0);
	assert_false(fake_here()->npie);
	assert_false(fake_here()->uie);
	check_invariants(&vc0);
}

/* More waiting interrupts than the queue holds: nothing breaks. */
static void test_queue_full(void **state)
{
	const uint32_t total = NR_LRS + VGIC_QUEUE_MAX + 12;
	static uint32_t got[NR_LRS + VGIC_QUEUE_MAX + 16];
	uint32_t n;
	bool seen[NR_LINES] = {false};

	(void)state;
	for (uint32_t i = 0; i < total + 1; i++) {
		vgic_own_hw_spi(&d, 64 + i);
		set_prio(&vc0, 64 + i, 0xa0);
	}
	set_prio(&vc0, 64 + total, 0x10);
	for (uint32_t i = 0; i < total; i++) {
		vgic_inject(&vc0, 64 + i, true);
		check_invariants(&vc0);
	}
	assert_int_equal(vc0.nqueued, VGIC_QUEUE_MAX);
	for (uint32_t k = 0; k < VGIC_QUEUE_MAX; k++)
		assert_int_equal(vc0.queue[k].intid, 64 + NR_LRS + k);
	/* A better one while full. */
	vgic_inject(&vc0, 64 + total, true);
	check_invariants(&vc0);
	assert_true(fake_find_lr(64 + total) >= 0);

	n = drain(&vc0, got, sizeof(got) / sizeof(got[0]));
	assert_int_equal(got[0], 64 + total);
	assert_true(n >= NR_LRS + VGIC_QUEUE_MAX);
	for (uint32_t i = 0; i < n; i++) {
		assert_false(seen[got[i]]);
		seen[got[i]] = true;
	}
	assert_int_equal(vc0.nqueued, 0);
	assert_false(fake_here()->npie || fake_here()->uie);
}

/* ---------------------------------------------------------------- virtual SPIs */

static void test_eoi_maintenance_reinjects_level(void **state)
{
	int n;

	(void)state;
	set_prio(&vc0, VSPI, 0x40);
	dwrite(GICD_ISENABLER + 4, 4, 1U << (VSPI % 32));
	vgic_set_level(&d, VSPI, true);
	assert_int_equal(fake.kicks[CORE0], 1);
	vgic_flush_pending(&vc0); /* the kick */
	n = fake_find_lr(VSPI);
	assert_true(n >= 0);
	assert_int_equal(fake_here()->lr[n], lr_of(VSPI, 0x40) | ICH_LR_EOI);

	/* The guest handles it, but the line stays high. */
	assert_int_equal(fake_guest_ack(), n);
	assert_true(fake_guest_eoi((uint32_t)n));
	assert_int_equal(vgic_hw_eoi_lrs(), 1U << n);
	assert_int_equal(vgic_hw_empty_lrs() & (1U << n), 0); /* not reusable yet */

	/* Until the maintenance interrupt, that LR is not overwritten. */
	vgic_inject(&vc0, 7, false);
	assert_int_not_equal(fake_find_lr(7), n);
	assert_int_equal(vgic_hw_eoi_lrs(), 1U << n);

	fake_service_maintenance(&vc0);
	assert_int_equal(vgic_hw_eoi_lrs(), 0);
	assert_true(fake_find_lr(VSPI) >= 0);
	assert_int_equal(fake_here()->lr[fake_find_lr(VSPI)], lr_of(VSPI, 0x40) | ICH_LR_EOI);
	check_invariants(&vc0);

	/* The line drops while it is handled: no more. */
	assert_int_equal(fake_guest_take(&vc0), 7);
	n = fake_guest_ack();
	assert_int_equal(fake_lr_intid(fake_here()->lr[n]), VSPI);
	vgic_set_level(&d, VSPI, false);
	assert_true(fake_guest_eoi((uint32_t)n));
	fake_service_maintenance(&vc0);
	assert_int_equal(vgic_hw_eoi_lrs(), 0);
	assert_int_equal(vgic_hw_empty_lrs(), 0xf);
	assert_int_equal(fake_guest_take(&vc0), -1);
}

/*
 * A level virtual SPI whose line drops while it is pending in an LR and not
 * yet taken is withdrawn: a level interrupt deasserted before it is
 * acknowledged is not delivered (attack4 review: a channel's PCI function
 * acknowledged while the vCPU had interrupts masked still interrupted it,
 * with "interrupt pending" clear -- test_vpci_hostile.py).
 */
static void test_level_dropped_before_taken_withdrawn(void **state)
{
	int n;

	(void)state;
	set_prio(&vc0, VSPI, 0x40);
	dwrite(GICD_ISENABLER + 4, 4, 1U << (VSPI % 32));
	vgic_set_level(&d, VSPI, true);
	vgic_flush_pending(&vc0); /* the kick */
	assert_true(fake_find_lr(VSPI) >= 0);
	vgic_set_level(&d, VSPI, false);
	assert_int_equal(fake.kicks[CORE0], 2);
	vgic_flush_pending(&vc0); /* the second kick */
	assert_int_equal(fake_find_lr(VSPI), -1);
	assert_int_equal(fake_guest_take(&vc0), -1);
	check_invariants(&vc0);

	/* Taken (active), then dropped: it stays active until the guest's EOI, not pending. */
	vgic_set_level(&d, VSPI, true);
	vgic_flush_pending(&vc0);
	n = fake_guest_ack();
	assert_int_equal(fake_lr_intid(fake_here()->lr[n]), VSPI);
	vgic_set_level(&d, VSPI, false);
	vgic_flush_pending(&vc0);
	assert_int_equal(fake_here()->lr[n] & ICH_LR_STATE_MASK, ICH_LR_ACTIVE);
	assert_true(fake_guest_eoi((uint32_t)n));
	fake_service_maintenance(&vc0);
	assert_int_equal(fake_guest_take(&vc0), -1);
	check_invariants(&vc0);
}

/* The same while it waits in the overflow queue (every LR taken by better interrupts). */
static void test_level_dropped_while_queued_not_delivered(void **state)
{
	uint32_t got[8], n;

	(void)state;
	set_prio(&vc0, VSPI, 0x80);
	dwrite(GICD_ISENABLER + 4, 4, 1U << (VSPI % 32));
	for (uint32_t i = 1; i <= NR_LRS; i++)
		vgic_inject(&vc0, i, false); /* SGIs 1..4, priority 0: better */
	vgic_set_level(&d, VSPI, true);
	vgic_flush_pending(&vc0);
	assert_int_equal(vc0.nqueued, 1);
	vgic_set_level(&d, VSPI, false);
	vgic_flush_pending(&vc0);
	n = drain(&vc0, got, 8);
	assert_int_equal(n, NR_LRS);
	for (uint32_t i = 0; i < n; i++)
		assert_int_not_equal(got[i], VSPI);
}

/* A disabled virtual SPI is not injected, whatever its level. */
static void test_virtual_spi_disabled_not_injected(void **state)
{
	(void)state;
	vgic_set_level(&d, VSPI, true);
	assert_int_equal(fake.nkicks, 0);
	vgic_flush_pending(&vc0);
	vgic_maintenance(&vc0);
	assert_int_equal(fake_find_lr(VSPI), -1);
	/* Routed to vCPU 1: vCPU 0 does not take it. */
	dwrite(GICD_IROUTER + 8 * VSPI, 8, 1);
	dwrite(GICD_ISENABLER + 4, 4, 1U << (VSPI % 32));
	assert_int_equal(fake.kicks[CORE1], 1);
	vgic_flush_pending(&vc0);
	assert_int_equal(fake_find_lr(VSPI), -1);
	vgic_flush_pending(&vc1);
	assert_true(fake_find_lr(VSPI) >= 0);
}

static void test_edge_virtual_spi_delivered(void **state)
{
	(void)state;
	dwrite(GICD_ISENABLER + 4, 4, 1U << (VSPI_E % 32));
	vgic_set_level(&d, VSPI_E, true);
	assert_int_equal(fake.kicks[CORE0], 1);
	vgic_flush_pending(&vc0);
	assert_int_equal(fake_guest_take(&vc0), VSPI_E);
	/* One edge, one interrupt. */
	vgic_flush_pending(&vc0);
	vgic_maintenance(&vc0);
	assert_int_equal(fake_guest_take(&vc0), -1);
	/* The next edge is another one. */
	vgic_set_level(&d, VSPI_E, false);
	vgic_set_level(&d, VSPI_E, true);
	assert_int_equal(fake.kicks[CORE0], 2);
	vgic_flush_pending(&vc0);
	assert_int_equal(fake_guest_take(&vc0), VSPI_E);
	assert_int_equal(fake_guest_take(&vc0), -1);
}

/* ---------------------------------------------------------------- waiting interrupts injected again */

static void test_reinjected_while_queued(void **state)
{
	uint32_t got[8];

	(void)state;
	for (uint32_t i = 1; i <= 5; i++)
		vgic_inject(&vc0, i, false);
	assert_int_equal(vc0.nqueued, 1);
	/* The guest takes the four in LRs; a kick comes before the maintenance interrupt. */
	for (int i = 0; i < 4; i++)
		assert_true(fake_guest_eoi((uint32_t)fake_guest_ack()));
	vgic_inject(&vc0, 5, false);
	check_invariants(&vc0);
	fake_service_maintenance(&vc0);
	check_invariants(&vc0);
	assert_int_equal(drain(&vc0, got, 8), 1);
	assert_int_equal(got[0], 5);
}

/* LRs freed before the maintenance interrupt: what waited comes before a worse arrival. */
static void test_waiting_before_worse_arrival(void **state)
{
	uint32_t got[8];

	(void)state;
	for (uint32_t i = 1; i <= 6; i++)
		set_prio(&vc0, i, (uint8_t)(0x10 * i));
	set_prio(&vc0, 9, 0xf0);
	for (uint32_t i = 1; i <= 6; i++)
		vgic_inject(&vc0, i, false);
	for (int i = 0; i < 4; i++)
		assert_true(fake_guest_eoi((uint32_t)fake_guest_ack()));
	vgic_inject(&vc0, 9, false);
	check_invariants(&vc0);
	fake_service_maintenance(&vc0);
	assert_int_equal(drain(&vc0, got, 8), 3);
	assert_int_equal(got[0], 5);
	assert_int_equal(got[1], 6);
	assert_int_equal(got[2], 9);
}

/* ---------------------------------------------------------------- SGIs */

static uint64_t sgi1r(uint32_t sgi, uint32_t targets)
{
	return (uint64_t)sgi << 24 | targets;
}

static void test_sgi_to_other_vcpu(void **state)
{
	(void)state;
	enable_sgis(&vc1, 0xffff);
	vgic_sgi1r_write(&vc0, sgi1r(5, 1U << 1));
	assert_int_equal(vc1.sgi_pending, 1U << 5);
	assert_int_equal(vc0.sgi_pending, 0);
	assert_int_equal(fake.kicks[CORE1], 1);
	assert_int_equal(fake.nkicks, 1);
	assert_int_equal(vgic_hw_empty_lrs(), 0xf); /* nothing on this core */

	/* vCPU 1's core, kicked. */
	vgic_flush_pending(&vc1);
	assert_int_equal(vc1.sgi_pending, 0);
	assert_int_equal(fake_guest_take(&vc1), 5);
	assert_int_equal(d.denied, 0);
}

static void test_sgi_irm_all_but_self(void **state)
{
	(void)state;
	vgic_cpu_init(&vc2, &d, 2, CORE2, NR_LRS);
	enable_sgis(&vc1, 1U << 3);
	vgic_sgi1r_write(&vc1, sgi1r(3, 0) | 1ULL << 40);
	assert_int_equal(vc0.sgi_pending, 1U << 3);
	assert_int_equal(vc1.sgi_pending | vc1.sw_pending, 0);
	assert_int_equal(vgic_hw_empty_lrs(), 0xf); /* not to itself */
	assert_int_equal(vc2.sgi_pending, 1U << 3);
	assert_int_equal(fake.kicks[CORE0], 1);
	assert_int_equal(fake.kicks[CORE1], 0);
	assert_int_equal(fake.kicks[CORE2], 1);
	assert_int_equal(fake.nkicks, 2);
	assert_int_equal(d.denied, 0);
}

static void test_sgi_outside_partition_denied(void **state)
{
	static const uint64_t outside[] = {
		1U << 2,		/* Aff0 2: it has two vCPUs */
		1U << 15,		/* Aff0 15 */
		1U << 1 | 1U << 16,	/* Aff1 1 */
		1U << 1 | 1ULL << 32,	/* Aff2 1 */
		1U << 1 | 1ULL << 48,	/* Aff3 1 */
		1U << 1 | 1ULL << 44,	/* RS 1: Aff0 16..31 */
		1U << 0 | 0xfULL << 44, /* RS 15 */
		0xffff | 0xffULL << 16, /* all, in cluster 255 */
		1U << 1 | 0x80ULL << 32,
	};

	(void)state;
	enable_sgis(&vc0, 0xffff);
	enable_sgis(&vc1, 0xffff);
	for (uint32_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
		vgic_sgi1r_write(&vc0, sgi1r(4, 0) | outside[i]);
		assert_int_equal(vc1.sgi_pending, 0);
		assert_int_equal(fake.nkicks, 0);
		assert_int_equal(vgic_hw_empty_lrs(), 0xf);
		assert_int_equal(d.denied, i + 1);
	}
	assert_int_equal(fake.nreports, 1);
	assert_non_null(strstr(fake.report[0], "SGI"));

	/* Its own vCPU still gets it when the list also names a foreign one. */
	vgic_sgi1r_write(&vc0, sgi1r(4, 1U << 1 | 1U << 7));
	assert_int_equal(vc1.sgi_pending, 1U << 4);
	assert_int_equal(fake.kicks[CORE1], 1);
	assert_int_equal(fake.nreports, 1);
	assert_int_equal(d.denied, sizeof(outside) / sizeof(outside[0]) + 1);

	/* An empty target list names nobody: nothing, and nothing to deny. */
	vgic_sgi1r_write(&vc0, sgi1r(4, 0));
	assert_int_equal(d.denied, sizeof(outside) / sizeof(outside[0]) + 1);
}

static void test_sgi_to_self(void **state)
{
	(void)state;
	set_prio(&vc0, 2, 0x30);
	enable_sgis(&vc0, 1U << 2);
	vgic_sgi1r_write(&vc0, sgi1r(2, 1U << 0));
	assert_int_equal(fake.nkicks, 0);
	assert_int_equal(vc0.sgi_pending, 0);
	assert_int_equal(fake_here()->lr[0], lr_of(2, 0x30));
	/* Again, while pending: still one. */
	vgic_sgi1r_write(&vc0, sgi1r(2, 1U << 0));
	assert_int_equal(vgic_hw_empty_lrs(), 0xe);
	assert_int_equal(fake_guest_take(&vc0), 2);
	assert_int_equal(fake_guest_take(&vc0), -1);
}

static void test_disabled_sgi_stays_pending(void **state)
{
	uint64_t v = 0;

	(void)state;
	vgic_sgi1r_write(&vc0, sgi1r(7, 1U << 0));
	assert_int_equal(vgic_hw_empty_lrs(), 0xf);
	assert_int_equal(vgic_redist_access(&vc0, GICR_ISPENDR0, 4, false, &v), 0);
	assert_int_equal(v, 1U << 7);
	vgic_flush_pending(&vc0); /* any later kick */
	vgic_maintenance(&vc0);
	assert_int_equal(vgic_hw_empty_lrs(), 0xf);

	/* Enabling it kicks its core, which then injects it. */
	enable_sgis(&vc0, 1U << 7);
	assert_int_equal(fake.kicks[CORE0], 1);
	vgic_flush_pending(&vc0);
	assert_int_equal(fake_guest_take(&vc0), 7);
	assert_int_equal(vgic_redist_access(&vc0, GICR_ISPENDR0, 4, false, &v), 0);
	assert_int_equal(v, 0);

	/* Pending, then cleared (ICPENDR0) before being enabled: never delivered. */
	vgic_sgi1r_write(&vc1, sgi1r(8, 1U << 0));
	rwrite(&vc0, GICR_ICPENDR0, 4, 1U << 8);
	enable_sgis(&vc0, 1U << 8);
	vgic_flush_pending(&vc0);
	assert_int_equal(fake_guest_take(&vc0), -1);
}

/* ---------------------------------------------------------------- random, against a model */

static uint32_t rnd_state;

static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1103515245U + 12345U;
	return rnd_state >> 16;
}

/* SGIs 0..15 and hardware SPIs 64..71, random priorities, random guest. */
static void test_random_against_model(void **state)
{
	enum { NSGI = 16, NSPI = 8, NIRQ = NSGI + NSPI };
	uint8_t prio[NIRQ];
	bool pend[NIRQ], act[NIRQ];
	uint32_t repended; /* SGIs made pending while active */
	uint64_t delivered = 0, overflowed = 0;

	(void)state;
	for (uint32_t seed = 1; seed <= 40; seed++) {
		setup(NULL);
		rnd_state = seed;
		memset(pend, 0, sizeof(pend));
		memset(act, 0, sizeof(act));
		repended = 0;
		for (uint32_t i = 0; i < NIRQ; i++) {
			uint32_t intid = i < NSGI ? i : 64 + i - NSGI;

			prio[i] = (uint8_t)((rnd() % 6) << 5);
			if (i >= NSGI)
				vgic_own_hw_spi(&d, intid);
			set_prio(&vc0, intid, prio[i]);
		}
		for (int step = 0; step < 3000; step++) {
			uint32_t op = rnd() % 10, i = rnd() % NIRQ;
			int n;

			if (op < 5) {
				if (i < NSGI) {
					vgic_inject(&vc0, i, false);
					pend[i] = true;
					if (act[i])
						repended |= 1U << i;
				} else if (!pend[i] && !act[i]) {
					/* A hardware interrupt fires again only once deactivated. */
					vgic_inject(&vc0, 64 + i - NSGI, true);
					pend[i] = true;
				}
			} else if (op < 8) {
				n = fake_guest_ack();
				if (n >= 0) {
					uint32_t intid = fake_lr_intid(fake_here()->lr[n]);

					i = intid < NSGI ? intid : intid - 64 + NSGI;
					assert_true(pend[i]);
					assert_false(act[i]);
					if (vc0.nqueued && !(i < NSGI && (repended >> i) & 1))
						assert_true(prio[i] <= vc0.queue[0].priority);
					if (i < NSGI)
						repended &= ~(1U << i);
					pend[i] = false;
					act[i] = true;
					delivered++;
					fake_service_maintenance(&vc0);
				}
			} else {
				/* EOImode 0: the guest ends its innermost handler. */
				int best = -1;

				for (uint32_t k = 0; k < fake.nr_lrs; k++)
					if ((fake_here()->lr[k] & ICH_LR_ACTIVE) &&
					    (best < 0 ||
					     fake_lr_prio(fake_here()->lr[k]) <
						     fake_lr_prio(fake_here()->lr[best])))
						best = (int)k;
				if (best >= 0) {
					uint32_t intid = fake_lr_intid(fake_here()->lr[best]);

					act[intid < NSGI ? intid : intid - 64 + NSGI] = false;
					assert_true(fake_guest_eoi((uint32_t)best));
					fake_service_maintenance(&vc0);
				}
			}
			check_invariants_but(&vc0, repended);
		}
		/* Unwind and drain: everything pending is delivered, exactly once. */
		for (int k = 0; k < 64; k++) {
			for (uint32_t n = 0; n < fake.nr_lrs; n++)
				if (fake_here()->lr[n] & ICH_LR_ACTIVE) {
					uint32_t intid = fake_lr_intid(fake_here()->lr[n]);

					act[intid < NSGI ? intid : intid - 64 + NSGI] = false;
					assert_true(fake_guest_eoi(n));
				}
			fake_service_maintenance(&vc0);
			check_invariants_but(&vc0, repended);
			while (fake_guest_ack() >= 0)
				;
			for (uint32_t n = 0; n < fake.nr_lrs; n++)
				if (fake_here()->lr[n] & ICH_LR_ACTIVE) {
					uint32_t intid = fake_lr_intid(fake_here()->lr[n]);
					uint32_t i = intid < NSGI ? intid : intid - 64 + NSGI;

					assert_true(pend[i]);
					pend[i] = false;
					act[i] = true;
					if (i < NSGI)
						repended &= ~(1U << i);
				}
		}
		for (uint32_t i = 0; i < NIRQ; i++) {
			assert_false(pend[i]);
			assert_false(act[i]);
		}
		assert_int_equal(vc0.nqueued, 0);
		assert_int_equal(fake_valid_lrs(), 0);
		overflowed += vc0.overflowed;
	}
	/* The queue was exercised. */
	assert_true(overflowed > 100);
	assert_true(delivered > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_inject_sgi_encoding, setup),
		cmocka_unit_test_setup(test_inject_hw_encoding, setup),
		cmocka_unit_test_setup(test_inject_virtual_spi_eoi_bit, setup),
		cmocka_unit_test_setup(test_inject_lowest_free_lr, setup),
		cmocka_unit_test_setup(test_inject_pending_not_duplicated, setup),
		cmocka_unit_test_setup(test_priority_order_more_than_lrs, setup),
		cmocka_unit_test_setup(test_queue_keeps_hw_link, setup),
		cmocka_unit_test_setup(test_eviction_spares_active, setup),
		cmocka_unit_test_setup(test_all_lrs_active, setup),
		cmocka_unit_test_setup(test_equal_priorities_fifo, setup),
		cmocka_unit_test_setup(test_underflow_enables, setup),
		cmocka_unit_test_setup(test_queue_full, setup),
		cmocka_unit_test_setup(test_eoi_maintenance_reinjects_level, setup),
		cmocka_unit_test_setup(test_level_dropped_before_taken_withdrawn, setup),
		cmocka_unit_test_setup(test_level_dropped_while_queued_not_delivered, setup),
		cmocka_unit_test_setup(test_virtual_spi_disabled_not_injected, setup),
		cmocka_unit_test_setup(test_edge_virtual_spi_delivered, setup),
		cmocka_unit_test_setup(test_reinjected_while_queued, setup),
		cmocka_unit_test_setup(test_waiting_before_worse_arrival, setup),
		cmocka_unit_test_setup(test_sgi_to_other_vcpu, setup),
		cmocka_unit_test_setup(test_sgi_irm_all_but_self, setup),
		cmocka_unit_test_setup(test_sgi_outside_partition_denied, setup),
		cmocka_unit_test_setup(test_sgi_to_self, setup),
		cmocka_unit_test_setup(test_disabled_sgi_stays_pending, setup),
		cmocka_unit_test_setup(test_random_against_model, setup),
	};

	return cmocka_run_group_tests_name("vgic_lr", tests, NULL, NULL);
}
