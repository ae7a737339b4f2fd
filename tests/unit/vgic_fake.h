/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A fake GICv3 for the vGIC unit tests: it defines the hooks gic/vgic.h and the
 * gicd_* / gicr_* backend gic/gicv3.h declare, so it must be included by
 * exactly one translation unit (each unit test is one file).
 *
 * - List registers: an array of ICH_LR<n>_EL2 values. The empty bitmap
 *   (ICH_ELRSR_EL2) and the EOI bitmap (ICH_EISR_EL2) are derived from them as
 *   the architecture does: an LR is empty when its state is invalid, unless it
 *   is a software interrupt with the EOI bit (HW == 0, EOI == 1), which then
 *   shows in the EOI bitmap until it is rewritten.
 * - ICH_HCR_EL2.NPIE/UIE as two flags, and the maintenance interrupt condition
 *   (ICH_MISR_EL2.EOI/NP/U) computed from them.
 * - A recording physical distributor (enable/pending/active/edge bitmaps, the
 *   route of each SPI) and per-core redistributor PPI bits.
 * - Logs of kicks (SGIs to physical cores) and of reported lines.
 * - A guest: it takes (acknowledges) the best pending LR, and deactivates.
 */
#ifndef TESTS_UNIT_VGIC_FAKE_H
#define TESTS_UNIT_VGIC_FAKE_H

#include <gic/gic_regs.h>
#include <gic/gicv3.h>
#include <gic/vgic.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#define FAKE_CPUS    8
#define FAKE_LOG_MAX 256
#define FAKE_REPORTS 16

struct fake_gic {
	/* virtual CPU interface of the core the test runs on */
	uint32_t nr_lrs;
	uint64_t lr[VGIC_MAX_LRS];
	bool npie, uie;
	uint32_t lr_writes;
	uint32_t dup_lrs; /* writes that made one vINTID valid in two LRs */

	/* physical distributor */
	uint32_t enable[VGIC_WORDS], pending[VGIC_WORDS], active[VGIC_WORDS], edge[VGIC_WORDS];
	uint32_t route[GIC_MAX_INTID];
	uint32_t routed[VGIC_WORDS]; /* SPIs gicd_set_route was called for */
	uint32_t gicd_calls;	     /* every gicd_set_* call */

	/* physical redistributors: PPI/SGI bits of each core */
	uint32_t rd_enable[FAKE_CPUS], rd_pending[FAKE_CPUS], rd_active[FAKE_CPUS];
	uint32_t gicr_calls;

	/* physical deactivations the guest's EOI of HW-linked LRs caused */
	uint32_t ndeactivated;
	uint32_t deactivated[FAKE_LOG_MAX];

	/* kicks: vgic_hw_kick(cpu) */
	uint32_t kicks[FAKE_CPUS];
	uint32_t nkicks;

	/* reports */
	uint32_t nreports;
	char report[FAKE_REPORTS][256];
	enum log_level report_level[FAKE_REPORTS];
};

static struct fake_gic fake;

static inline void fake_reset(uint32_t nr_lrs)
{
	memset(&fake, 0, sizeof(fake));
	assert_true(nr_lrs <= VGIC_MAX_LRS);
	fake.nr_lrs = nr_lrs;
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

static inline uint8_t fake_lr_prio(uint64_t lr)
{
	return (uint8_t)(lr >> ICH_LR_PRIO_SHIFT);
}

static inline bool fake_lr_eoi_pending(uint64_t lr)
{
	return fake_lr_state(lr) == 0 && !(lr & ICH_LR_HW) && (lr & ICH_LR_EOI);
}

/* ---------------------------------------------------------------- vgic_hw_* hooks */

uint64_t vgic_hw_read_lr(uint32_t n)
{
	if (n >= fake.nr_lrs)
		fail_msg("read of ICH_LR%u_EL2, only %u implemented", n, fake.nr_lrs);
	return fake.lr[n];
}

void vgic_hw_write_lr(uint32_t n, uint64_t v)
{
	if (n >= fake.nr_lrs)
		fail_msg("write of ICH_LR%u_EL2, only %u implemented", n, fake.nr_lrs);
	fake.lr_writes++;
	fake.lr[n] = v;
	if (fake_lr_state(v) == 0)
		return;
	for (uint32_t k = 0; k < fake.nr_lrs; k++)
		if (k != n && fake_lr_state(fake.lr[k]) &&
		    fake_lr_intid(fake.lr[k]) == fake_lr_intid(v))
			fake.dup_lrs++; /* UNPREDICTABLE on hardware (IHI 0069 11.2.3) */
}

uint32_t vgic_hw_empty_lrs(void)
{
	uint32_t m = 0;

	for (uint32_t n = 0; n < fake.nr_lrs; n++)
		if (fake_lr_state(fake.lr[n]) == 0 && !fake_lr_eoi_pending(fake.lr[n]))
			m |= 1U << n;
	return m;
}

uint32_t vgic_hw_eoi_lrs(void)
{
	uint32_t m = 0;

	for (uint32_t n = 0; n < fake.nr_lrs; n++)
		if (fake_lr_eoi_pending(fake.lr[n]))
			m |= 1U << n;
	return m;
}

void vgic_hw_set_underflow_irq(bool npie, bool uie)
{
	fake.npie = npie;
	fake.uie = uie;
}

void vgic_hw_kick(uint32_t cpu)
{
	if (cpu >= FAKE_CPUS)
		fail_msg("kick of physical core %u", cpu);
	fake.kicks[cpu]++;
	fake.nkicks++;
}

void vgic_hw_report(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	if (fake.nreports < FAKE_REPORTS) {
		fake.report_level[fake.nreports] = level;
		va_start(ap, fmt);
		vsnprintf(fake.report[fake.nreports], sizeof(fake.report[0]), fmt, ap);
		va_end(ap);
	}
	fake.nreports++;
}

/* ---------------------------------------------------------------- gicd_* / gicr_* */

static inline void fake_check_spi(uint32_t intid)
{
	if (intid < GIC_SPI_BASE || intid >= GIC_MAX_INTID)
		fail_msg("physical distributor call for INTID %u", intid);
}

void gicd_set_enable(uint32_t intid, bool enable)
{
	fake_check_spi(intid);
	fake.gicd_calls++;
	fake_assign(fake.enable, intid, enable);
}

bool gicd_get_enable(uint32_t intid)
{
	fake_check_spi(intid);
	return fake_bit(fake.enable, intid);
}

void gicd_set_pending(uint32_t intid, bool pending)
{
	fake_check_spi(intid);
	fake.gicd_calls++;
	fake_assign(fake.pending, intid, pending);
}

bool gicd_get_pending(uint32_t intid)
{
	fake_check_spi(intid);
	return fake_bit(fake.pending, intid);
}

void gicd_set_active(uint32_t intid, bool active)
{
	fake_check_spi(intid);
	fake.gicd_calls++;
	fake_assign(fake.active, intid, active);
}

bool gicd_get_active(uint32_t intid)
{
	fake_check_spi(intid);
	return fake_bit(fake.active, intid);
}

void gicd_set_edge(uint32_t intid, bool edge)
{
	fake_check_spi(intid);
	fake.gicd_calls++;
	fake_assign(fake.edge, intid, edge);
}

bool gicd_get_edge(uint32_t intid)
{
	fake_check_spi(intid);
	return fake_bit(fake.edge, intid);
}

void gicd_set_route(uint32_t intid, uint32_t cpu)
{
	fake_check_spi(intid);
	if (cpu >= FAKE_CPUS)
		fail_msg("SPI %u routed to physical core %u", intid, cpu);
	fake.gicd_calls++;
	fake.route[intid] = cpu;
	fake_assign(fake.routed, intid, true);
}

static inline void fake_check_ppi(uint32_t cpu, uint32_t intid)
{
	if (cpu >= FAKE_CPUS || intid >= GIC_SPI_BASE)
		fail_msg("physical redistributor call for core %u INTID %u", cpu, intid);
}

void gicr_set_enable(uint32_t cpu, uint32_t intid, bool enable)
{
	fake_check_ppi(cpu, intid);
	fake.gicr_calls++;
	fake_assign(&fake.rd_enable[cpu], intid, enable);
}

void gicr_set_pending(uint32_t cpu, uint32_t intid, bool pending)
{
	fake_check_ppi(cpu, intid);
	fake.gicr_calls++;
	fake_assign(&fake.rd_pending[cpu], intid, pending);
}

void gicr_set_active(uint32_t cpu, uint32_t intid, bool active)
{
	fake_check_ppi(cpu, intid);
	fake.gicr_calls++;
	fake_assign(&fake.rd_active[cpu], intid, active);
}

/* ---------------------------------------------------------------- inspection */

/* The list register holding @intid in a valid state, or -1. */
static inline int fake_find_lr(uint32_t intid)
{
	for (uint32_t n = 0; n < fake.nr_lrs; n++)
		if (fake_lr_state(fake.lr[n]) && fake_lr_intid(fake.lr[n]) == intid)
			return (int)n;
	return -1;
}

static inline uint32_t fake_valid_lrs(void)
{
	uint32_t c = 0;

	for (uint32_t n = 0; n < fake.nr_lrs; n++)
		c += fake_lr_state(fake.lr[n]) != 0;
	return c;
}

static inline uint32_t fake_pending_lrs(void)
{
	uint32_t c = 0;

	for (uint32_t n = 0; n < fake.nr_lrs; n++)
		c += (fake.lr[n] & ICH_LR_PENDING) != 0;
	return c;
}

/* ICH_MISR_EL2 != 0: the maintenance interrupt is asserted (level). */
static inline bool fake_maintenance_asserted(void)
{
	return vgic_hw_eoi_lrs() || (fake.npie && fake_pending_lrs() == 0) ||
	       (fake.uie && fake_valid_lrs() <= 1);
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
		fail_msg("maintenance interrupt still asserted after 4 runs of the handler");
}

/* ---------------------------------------------------------------- the guest */

/*
 * The guest acknowledges the best pending LR (lowest priority value; equal
 * priorities: the lowest LR, an IMPLEMENTATION DEFINED choice) whose priority
 * is higher than every active one (running priority). Returns its LR, or -1.
 */
static inline int fake_guest_ack(void)
{
	int best = -1;
	uint32_t running = 0x100;

	for (uint32_t n = 0; n < fake.nr_lrs; n++)
		if (fake.lr[n] & ICH_LR_ACTIVE && fake_lr_prio(fake.lr[n]) < running)
			running = fake_lr_prio(fake.lr[n]);
	for (uint32_t n = 0; n < fake.nr_lrs; n++) {
		uint64_t lr = fake.lr[n];

		if (!(lr & ICH_LR_PENDING) || (lr & ICH_LR_ACTIVE) || fake_lr_prio(lr) >= running)
			continue;
		if (best < 0 || fake_lr_prio(lr) < fake_lr_prio(fake.lr[best]))
			best = (int)n;
	}
	if (best >= 0)
		fake.lr[best] = (fake.lr[best] & ~ICH_LR_STATE_MASK) | ICH_LR_ACTIVE;
	return best;
}

/* The guest's EOI (priority drop + deactivation, EOImode 0) of LR @n. */
static inline void fake_guest_eoi(int n)
{
	uint64_t lr;

	assert_true(n >= 0 && (uint32_t)n < fake.nr_lrs);
	lr = fake.lr[n];
	assert_true(lr & ICH_LR_ACTIVE);
	if (lr & ICH_LR_HW) {
		assert_true(fake.ndeactivated < FAKE_LOG_MAX);
		fake.deactivated[fake.ndeactivated++] =
			(uint32_t)(lr >> ICH_LR_PINTID_SHIFT) & 0x1fff;
	}
	fake.lr[n] = lr & ~ICH_LR_ACTIVE;
}

/*
 * The guest takes one interrupt: acknowledges and EOIs it at once. Returns
 * its vINTID, or -1 if nothing is pending. The maintenance interrupt is then
 * serviced as hardware would raise it.
 */
static inline int fake_guest_take(struct vgic_cpu *vc)
{
	int n = fake_guest_ack();
	uint32_t intid;

	if (n < 0)
		return -1;
	intid = fake_lr_intid(fake.lr[n]);
	fake_guest_eoi(n);
	fake_service_maintenance(vc);
	return (int)intid;
}

#endif
