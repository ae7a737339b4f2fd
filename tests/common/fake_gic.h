/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one fake GICv3 under the vGIC, for the unit tests (tests/unit/
 * test_vgic_*.c, cmocka) and the fuzzers (tests/fuzz/fuzz_vgic.c,
 * fuzz_mmio.c, libFuzzer). It defines the hooks gic/vgic.h declares and the
 * gicd_* / gicr_* backend of gic/gicv3.h, so it must be included by exactly
 * one translation unit (each test and each harness is one file).
 *
 * - List registers: an array of ICH_LR<n>_EL2 values per physical core;
 *   fake_on(vc) selects the core the next operation runs on (the vGIC only
 *   touches the current core's). The empty bitmap (ICH_ELRSR_EL2) and the EOI
 *   bitmap (ICH_EISR_EL2) are derived from them as the architecture does: an
 *   LR is empty when its state is invalid, unless it is a software interrupt
 *   with the EOI bit (HW == 0, EOI == 1), which then shows in the EOI bitmap
 *   until it is rewritten.
 * - ICH_HCR_EL2.NPIE/UIE as two flags per core, and the maintenance interrupt
 *   condition (ICH_MISR_EL2.EOI/NP/U) computed from them.
 * - A recording physical distributor (enable/pending/active/edge bitmaps, the
 *   route of each SPI) and per-core redistributor PPI bits.
 * - Logs of kicks (SGIs to physical cores) and of reported lines.
 * - A guest: it takes (acknowledges) the best pending LR, and deactivates.
 *
 * Out-of-range calls always fail. fake_confine() adds the isolation rules of
 * one partition as invariants (the fuzzers use it):
 *   - the physical distributor is only ever touched for SPIs the partition
 *     owns as hardware SPIs, and routes them only to the partition's cores;
 *   - the physical redistributors only for the partition's cores and only for
 *     the pass-through PPIs (timers, PMU);
 *   - kicks (SGIs between physical cores) only to the partition's cores;
 *   - list registers: a vINTID never valid in two of them; never Bulkhead's
 *     own PPIs (maintenance, EL2 timer); an SPI only if the partition owns
 *     it; the HW bit only for its own hardware SPIs and the pass-through
 *     PPIs, with pINTID = vINTID.
 *
 * A failure (fake_breach) is a cmocka failure in the unit tests and an abort
 * in the fuzzers (libFuzzer reports it as a crash): define FAKE_GIC_ABORT
 * before including this file for the latter.
 */
#ifndef TESTS_COMMON_FAKE_GIC_H
#define TESTS_COMMON_FAKE_GIC_H

#include <gic/gic_regs.h>
#include <gic/gicv3.h>
#include <gic/vgic.h>
#include <gic/vgic_ppi.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FAKE_GIC_ABORT
#include <cmocka.h>
#endif

#define FAKE_CPUS    8
#define FAKE_LOG_MAX 256
#define FAKE_REPORTS 16

/* One physical core: its virtual CPU interface and its redistributor's PPI bits. */
struct fake_cpu {
	uint64_t lr[VGIC_MAX_LRS];
	bool npie, uie;
	uint32_t rd_enable, rd_pending, rd_active;
};

struct fake_gic {
	uint32_t nr_lrs;
	uint32_t cur; /* physical core of the running operation (fake_on) */
	struct fake_cpu cpu[FAKE_CPUS];
	uint32_t lr_writes;
	uint32_t dup_lrs; /* writes that made one vINTID valid in two LRs */

	/* physical distributor */
	uint32_t enable[VGIC_WORDS], pending[VGIC_WORDS], active[VGIC_WORDS], edge[VGIC_WORDS];
	uint32_t route[GIC_MAX_INTID];
	uint32_t routed[VGIC_WORDS]; /* SPIs gicd_set_route was called for */
	uint32_t gicd_calls;	     /* every gicd_set_* call */
	uint32_t gicr_calls;	     /* every gicr_set_* call */

	/* physical deactivations the guest's EOI of HW-linked LRs caused */
	uint32_t ndeactivated;
	uint32_t deactivated[FAKE_LOG_MAX];

	/* kicks: vgic_hw_kick(cpu) */
	uint32_t kicks[FAKE_CPUS];
	uint32_t nkicks;

	/* reports: the first FAKE_REPORTS kept */
	uint32_t nreports;
	char report[FAKE_REPORTS][256];

	/* fake_confine(): the partition whose isolation is checked, or NULL */
	const struct vgic_dist *dist;
	uint32_t part_cpus; /* bitmap: the partition's physical cores */
};

static struct fake_gic fake;

static void fake_breach(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void fake_breach(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
#ifdef FAKE_GIC_ABORT
	fprintf(stderr, "isolation invariant broken: %s\n", msg);
#else
	fail_msg("%s", msg);
#endif
	abort();
}

static inline void fake_reset(uint32_t nr_lrs)
{
	memset(&fake, 0, sizeof(fake));
	if (nr_lrs > VGIC_MAX_LRS)
		fake_breach("%u list registers, at most %u", nr_lrs, VGIC_MAX_LRS);
	fake.nr_lrs = nr_lrs;
}

/* Checks the isolation of partition @d, which runs on the cores in @part_cpus. */
static inline void fake_confine(const struct vgic_dist *d, uint32_t part_cpus)
{
	fake.dist = d;
	fake.part_cpus = part_cpus;
}

static inline void fake_on(const struct vgic_cpu *vc)
{
	if (vc->cpu >= FAKE_CPUS)
		fake_breach("vCPU on physical core %u", vc->cpu);
	fake.cur = vc->cpu;
}

static inline struct fake_cpu *fake_here(void)
{
	return &fake.cpu[fake.cur];
}

static inline bool fake_bit(const uint32_t *map, uint32_t n)
{
	return (map[n / 32] >> (n % 32)) & 1;
}

static inline void fake_assign(uint32_t *map, uint32_t n, bool on)
{
	if (on)
		map[n / 32] |= 1U << (n % 32);
	else
		map[n / 32] &= ~(1U << (n % 32));
}

static inline uint64_t fake_lr_state(uint64_t lr)
{
	return lr & ICH_LR_STATE_MASK;
}

static inline uint32_t fake_lr_intid(uint64_t lr)
{
	return (uint32_t)(lr & ICH_LR_VINTID_MASK);
}

static inline uint32_t fake_lr_pintid(uint64_t lr)
{
	return (uint32_t)(lr >> ICH_LR_PINTID_SHIFT) & 0x1fff;
}

static inline uint8_t fake_lr_prio(uint64_t lr)
{
	return (uint8_t)(lr >> ICH_LR_PRIO_SHIFT);
}

static inline bool fake_lr_eoi_pending(uint64_t lr)
{
	return fake_lr_state(lr) == 0 && !(lr & ICH_LR_HW) && (lr & ICH_LR_EOI);
}

static inline bool fake_part_core(uint32_t cpu)
{
	return cpu < FAKE_CPUS && (!fake.dist || ((fake.part_cpus >> cpu) & 1));
}

/* ---------------------------------------------------------------- vgic_hw_* hooks */

uint64_t vgic_hw_read_lr(uint32_t n)
{
	if (n >= fake.nr_lrs)
		fake_breach("read of ICH_LR%u_EL2, only %u implemented", n, fake.nr_lrs);
	return fake_here()->lr[n];
}

/* Confined: what a list register may hold for the partition. */
static inline void fake_check_lr(uint64_t v)
{
	uint32_t intid = fake_lr_intid(v);

	if (intid < 32 && ((VGIC_HIDDEN_PPIS >> intid) & 1))
		fake_breach("Bulkhead's PPI %u injected into the guest", intid);
	if (intid >= GIC_MAX_INTID)
		fake_breach("vINTID %u injected", intid);
	if (intid >= GIC_SPI_BASE && !vgic_owns(fake.dist, intid))
		fake_breach("SPI %u injected, the partition does not own it", intid);
	if (v & ICH_LR_HW) {
		bool hw_ok = intid < GIC_SPI_BASE ? (VGIC_PASSTHROUGH_PPIS >> intid) & 1
						  : fake_bit(fake.dist->hw_owned, intid);

		if (!hw_ok || fake_lr_pintid(v) != intid)
			fake_breach("HW list register vINTID %u pINTID %u", intid,
				    fake_lr_pintid(v));
	}
}

void vgic_hw_write_lr(uint32_t n, uint64_t v)
{
	struct fake_cpu *c = fake_here();

	if (n >= fake.nr_lrs)
		fake_breach("write of ICH_LR%u_EL2, only %u implemented", n, fake.nr_lrs);
	fake.lr_writes++;
	c->lr[n] = v;
	if (fake_lr_state(v) == 0)
		return;
	if (fake.dist)
		fake_check_lr(v);
	for (uint32_t k = 0; k < fake.nr_lrs; k++) {
		if (k == n || !fake_lr_state(c->lr[k]) ||
		    fake_lr_intid(c->lr[k]) != fake_lr_intid(v))
			continue;
		fake.dup_lrs++; /* UNPREDICTABLE on hardware (IHI 0069 11.2.3) */
		if (fake.dist)
			fake_breach("vINTID %u valid in LR%u and LR%u", fake_lr_intid(v), k, n);
	}
}

uint32_t vgic_hw_empty_lrs(void)
{
	uint32_t m = 0;

	for (uint32_t n = 0; n < fake.nr_lrs; n++)
		if (fake_lr_state(fake_here()->lr[n]) == 0 &&
		    !fake_lr_eoi_pending(fake_here()->lr[n]))
			m |= 1U << n;
	return m;
}

uint32_t vgic_hw_eoi_lrs(void)
{
	uint32_t m = 0;

	for (uint32_t n = 0; n < fake.nr_lrs; n++)
		if (fake_lr_eoi_pending(fake_here()->lr[n]))
			m |= 1U << n;
	return m;
}

void vgic_hw_set_underflow_irq(bool npie, bool uie)
{
	fake_here()->npie = npie;
	fake_here()->uie = uie;
}

void vgic_hw_kick(uint32_t cpu)
{
	if (!fake_part_core(cpu))
		fake_breach("kick of physical core %u, not the partition's", cpu);
	fake.kicks[cpu]++;
	fake.nkicks++;
}

void vgic_hw_report(const char *fmt, ...)
{
	va_list ap;

	if (fake.nreports < FAKE_REPORTS) {
		va_start(ap, fmt);
		vsnprintf(fake.report[fake.nreports], sizeof(fake.report[0]), fmt, ap);
		va_end(ap);
	}
	fake.nreports++;
}

/* ---------------------------------------------------------------- gicd_* / gicr_* */

static inline void fake_check_spi(uint32_t intid, const char *what)
{
	if (intid < GIC_SPI_BASE || intid >= GIC_MAX_INTID ||
	    (fake.dist && !fake_bit(fake.dist->hw_owned, intid)))
		fake_breach("physical distributor %s of INTID %u, not the partition's", what,
			    intid);
}

void gicd_set_enable(uint32_t intid, bool enable)
{
	fake_check_spi(intid, "enable");
	fake.gicd_calls++;
	fake_assign(fake.enable, intid, enable);
}

bool gicd_get_enable(uint32_t intid)
{
	fake_check_spi(intid, "enable read");
	return fake_bit(fake.enable, intid);
}

void gicd_set_pending(uint32_t intid, bool pending)
{
	fake_check_spi(intid, "pend");
	fake.gicd_calls++;
	fake_assign(fake.pending, intid, pending);
}

bool gicd_get_pending(uint32_t intid)
{
	fake_check_spi(intid, "pending read");
	return fake_bit(fake.pending, intid);
}

void gicd_set_active(uint32_t intid, bool active)
{
	fake_check_spi(intid, "activate");
	fake.gicd_calls++;
	fake_assign(fake.active, intid, active);
}

bool gicd_get_active(uint32_t intid)
{
	fake_check_spi(intid, "active read");
	return fake_bit(fake.active, intid);
}

void gicd_set_edge(uint32_t intid, bool edge)
{
	fake_check_spi(intid, "configure");
	fake.gicd_calls++;
	fake_assign(fake.edge, intid, edge);
}

bool gicd_get_edge(uint32_t intid)
{
	fake_check_spi(intid, "config read");
	return fake_bit(fake.edge, intid);
}

void gicd_set_route(uint32_t intid, uint32_t cpu)
{
	fake_check_spi(intid, "route");
	if (!fake_part_core(cpu))
		fake_breach("SPI %u routed to physical core %u, not the partition's", intid, cpu);
	fake.gicd_calls++;
	fake.route[intid] = cpu;
	fake_assign(fake.routed, intid, true);
}

static inline void fake_check_ppi(uint32_t cpu, uint32_t intid, const char *what)
{
	if (!fake_part_core(cpu))
		fake_breach("physical redistributor %s on core %u, not the partition's", what, cpu);
	if (intid >= GIC_SPI_BASE || (fake.dist && !((VGIC_PASSTHROUGH_PPIS >> intid) & 1)))
		fake_breach("physical redistributor %s of INTID %u, not a pass-through PPI", what,
			    intid);
}

void gicr_set_enable(uint32_t cpu, uint32_t intid, bool enable)
{
	fake_check_ppi(cpu, intid, "enable");
	fake.gicr_calls++;
	fake_assign(&fake.cpu[cpu].rd_enable, intid, enable);
}

void gicr_set_pending(uint32_t cpu, uint32_t intid, bool pending)
{
	fake_check_ppi(cpu, intid, "pend");
	fake.gicr_calls++;
	fake_assign(&fake.cpu[cpu].rd_pending, intid, pending);
}

void gicr_set_active(uint32_t cpu, uint32_t intid, bool active)
{
	fake_check_ppi(cpu, intid, "activate");
	fake.gicr_calls++;
	fake_assign(&fake.cpu[cpu].rd_active, intid, active);
}

/* ---------------------------------------------------------------- inspection */

/* The list register of the current core holding @intid in a valid state, or -1. */
static inline int fake_find_lr(uint32_t intid)
{
	for (uint32_t n = 0; n < fake.nr_lrs; n++)
		if (fake_lr_state(fake_here()->lr[n]) && fake_lr_intid(fake_here()->lr[n]) == intid)
			return (int)n;
	return -1;
}

static inline uint32_t fake_valid_lrs(void)
{
	uint32_t c = 0;

	for (uint32_t n = 0; n < fake.nr_lrs; n++)
		c += fake_lr_state(fake_here()->lr[n]) != 0;
	return c;
}

static inline uint32_t fake_pending_lrs(void)
{
	uint32_t c = 0;

	for (uint32_t n = 0; n < fake.nr_lrs; n++)
		c += (fake_here()->lr[n] & ICH_LR_PENDING) != 0;
	return c;
}

/* ICH_MISR_EL2 != 0 on the current core: the maintenance interrupt is asserted (level). */
static inline bool fake_maintenance_asserted(void)
{
	return vgic_hw_eoi_lrs() || (fake_here()->npie && fake_pending_lrs() == 0) ||
	       (fake_here()->uie && fake_valid_lrs() <= 1);
}

/*
 * Take the maintenance interrupt as long as it is asserted. The handler must
 * remove its cause; a level that stays asserted is an interrupt storm.
 */
static inline void fake_service_maintenance(struct vgic_cpu *vc)
{
	for (int i = 0; i < 4; i++) {
		if (!fake_maintenance_asserted())
			return;
		vgic_maintenance(vc);
	}
	if (fake_maintenance_asserted())
		fake_breach("maintenance interrupt still asserted after 4 runs of the handler");
}

/* ---------------------------------------------------------------- the guest */

/*
 * The guest on the current core acknowledges the best pending LR (lowest
 * priority value; equal priorities: the lowest LR, an IMPLEMENTATION DEFINED
 * choice) whose priority is higher than every active one (running priority).
 * Returns its LR, or -1.
 */
static inline int fake_guest_ack(void)
{
	struct fake_cpu *c = fake_here();
	uint32_t running = 0x100;
	int best = -1;

	for (uint32_t n = 0; n < fake.nr_lrs; n++)
		if ((c->lr[n] & ICH_LR_ACTIVE) && fake_lr_prio(c->lr[n]) < running)
			running = fake_lr_prio(c->lr[n]);
	for (uint32_t n = 0; n < fake.nr_lrs; n++) {
		uint64_t lr = c->lr[n];

		if (!(lr & ICH_LR_PENDING) || (lr & ICH_LR_ACTIVE) || fake_lr_prio(lr) >= running)
			continue;
		if (best < 0 || fake_lr_prio(lr) < fake_lr_prio(c->lr[best]))
			best = (int)n;
	}
	if (best >= 0)
		c->lr[best] = (c->lr[best] & ~ICH_LR_STATE_MASK) | ICH_LR_ACTIVE;
	return best;
}

/*
 * The guest's EOI (priority drop + deactivation, EOImode 0) of LR @n of the
 * current core: a HW one deactivates the physical interrupt too (logged).
 * Returns false, doing nothing, if that LR is not active.
 */
static inline bool fake_guest_eoi(uint32_t n)
{
	struct fake_cpu *c = fake_here();
	uint64_t lr;

	if (n >= fake.nr_lrs || !(c->lr[n] & ICH_LR_ACTIVE))
		return false;
	lr = c->lr[n];
	if (lr & ICH_LR_HW) {
		uint32_t p = fake_lr_pintid(lr);

		if (fake.ndeactivated < FAKE_LOG_MAX)
			fake.deactivated[fake.ndeactivated++] = p;
		if (p < GIC_SPI_BASE)
			fake_assign(&c->rd_active, p, false);
		else if (p < GIC_MAX_INTID)
			fake_assign(fake.active, p, false);
	}
	c->lr[n] = lr & ~ICH_LR_ACTIVE;
	return true;
}

/*
 * The guest on the current core (@vc's: the unit tests run one core, the
 * fuzzers call fake_on() first) takes one interrupt: acknowledges and EOIs it
 * at once. Returns its vINTID, or -1 if nothing is pending. The maintenance
 * interrupt is then serviced as hardware would raise it.
 */
static inline int fake_guest_take(struct vgic_cpu *vc)
{
	int n = fake_guest_ack();
	uint32_t intid;

	if (n < 0)
		return -1;
	intid = fake_lr_intid(fake_here()->lr[n]);
	if (!fake_guest_eoi((uint32_t)n))
		fake_breach("EOI of LR%d: not active", n);
	fake_service_maintenance(vc);
	return (int)intid;
}

#endif
