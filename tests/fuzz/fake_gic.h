/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hardware under the vGIC for the fuzzers (fuzz_vgic.c, fuzz_mmio.c): the
 * hooks gic/vgic.h declares and the gicd_* / gicr_* backend of gic/gicv3.h,
 * modelled as tests/unit/vgic_fake.h does for the unit tests, but with no
 * cmocka and with the isolation rules as invariants: any breach aborts, which
 * libFuzzer reports as a crash.
 *
 *   - the physical distributor is only ever touched for SPIs the partition
 *     owns as hardware SPIs, and routes them only to the partition's cores;
 *   - the physical redistributors only for the partition's cores and only for
 *     the pass-through PPIs (timers, PMU);
 *   - kicks (SGIs between physical cores) only to the partition's cores;
 *   - list registers: index within the implemented ones; a vINTID never valid
 *     in two of them; never Bulkhead's own PPIs (maintenance, EL2 timer); an
 *     SPI only if the partition owns it; the HW bit only for its own hardware
 *     SPIs and the pass-through PPIs, with pINTID = vINTID.
 *
 * List registers are per physical core: fake_on(vc) selects those of the core
 * the next operation runs on (the vGIC touches only the current core's).
 * Include in exactly one translation unit.
 */
#ifndef TESTS_FUZZ_FAKE_GIC_H
#define TESTS_FUZZ_FAKE_GIC_H

#include <gic/gic_regs.h>
#include <gic/gicv3.h>
#include <gic/vgic.h>
#include <gic/vgic_ppi.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAKE_MAX_CPUS 8

struct fake_cpu {
	uint64_t lr[VGIC_MAX_LRS];
	bool npie, uie;
	uint32_t rd_enable, rd_pending, rd_active; /* physical PPI state of the core */
};

struct fake_gic {
	uint32_t nr_lrs;
	uint32_t cur; /* physical core of the running operation */
	struct fake_cpu cpu[FAKE_MAX_CPUS];
	uint32_t part_cpus;	      /* bitmap: the partition's physical cores */
	const struct vgic_dist *dist; /* the partition: what it owns */
	uint32_t enable[VGIC_WORDS], pending[VGIC_WORDS], active[VGIC_WORDS], edge[VGIC_WORDS];
	uint32_t route[GIC_MAX_INTID];
	uint64_t reports, kicks;
};

static struct fake_gic fake;

static void fake_breach(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void fake_breach(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "isolation invariant broken: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

static inline void fake_reset(uint32_t nr_lrs, const struct vgic_dist *d, uint32_t part_cpus)
{
	memset(&fake, 0, sizeof(fake));
	fake.nr_lrs = nr_lrs;
	fake.dist = d;
	fake.part_cpus = part_cpus;
}

static inline void fake_on(const struct vgic_cpu *vc)
{
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

#define LR_STATE(lr)  ((lr)&ICH_LR_STATE_MASK)
#define LR_VINTID(lr) ((uint32_t)((lr)&ICH_LR_VINTID_MASK))
#define LR_PINTID(lr) ((uint32_t)((lr) >> ICH_LR_PINTID_SHIFT) & 0x1fff)

static inline bool fake_eoi_pending(uint64_t lr)
{
	return LR_STATE(lr) == 0 && !(lr & ICH_LR_HW) && (lr & ICH_LR_EOI);
}

/* ---------------------------------------------------------------- vgic_hw_* */

uint64_t vgic_hw_read_lr(uint32_t n)
{
	if (n >= fake.nr_lrs)
		fake_breach("read of ICH_LR%u_EL2, %u implemented", n, fake.nr_lrs);
	return fake_here()->lr[n];
}

void vgic_hw_write_lr(uint32_t n, uint64_t v)
{
	struct fake_cpu *c = fake_here();
	uint32_t intid = LR_VINTID(v);

	if (n >= fake.nr_lrs)
		fake_breach("write of ICH_LR%u_EL2, %u implemented", n, fake.nr_lrs);
	c->lr[n] = v;
	if (!LR_STATE(v))
		return;
	if (intid < 32 && ((VGIC_HIDDEN_PPIS >> intid) & 1))
		fake_breach("Bulkhead's PPI %u injected into the guest", intid);
	if (intid >= GIC_SPI_BASE && !vgic_owns(fake.dist, intid))
		fake_breach("SPI %u injected, the partition does not own it", intid);
	if (intid >= GIC_MAX_INTID)
		fake_breach("vINTID %u injected", intid);
	if (v & ICH_LR_HW) {
		bool hw_ok = intid < GIC_SPI_BASE ? (VGIC_PASSTHROUGH_PPIS >> intid) & 1
						  : fake_bit(fake.dist->hw_owned, intid);

		if (!hw_ok || LR_PINTID(v) != intid)
			fake_breach("HW list register vINTID %u pINTID %u", intid, LR_PINTID(v));
	}
	for (uint32_t k = 0; k < fake.nr_lrs; k++)
		if (k != n && LR_STATE(c->lr[k]) && LR_VINTID(c->lr[k]) == intid)
			fake_breach("vINTID %u valid in LR%u and LR%u", intid, k, n);
}

uint32_t vgic_hw_empty_lrs(void)
{
	uint32_t m = 0;

	for (uint32_t n = 0; n < fake.nr_lrs; n++)
		if (!LR_STATE(fake_here()->lr[n]) && !fake_eoi_pending(fake_here()->lr[n]))
			m |= 1U << n;
	return m;
}

uint32_t vgic_hw_eoi_lrs(void)
{
	uint32_t m = 0;

	for (uint32_t n = 0; n < fake.nr_lrs; n++)
		if (fake_eoi_pending(fake_here()->lr[n]))
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
	if (cpu >= FAKE_MAX_CPUS || !((fake.part_cpus >> cpu) & 1))
		fake_breach("kick of physical core %u, not the partition's", cpu);
	fake.kicks++;
}

void vgic_hw_report(enum log_level level, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fake.reports++;
}

/* ---------------------------------------------------------------- gicd_* / gicr_* */

static inline void fake_check_spi(uint32_t intid, const char *what)
{
	if (intid < GIC_SPI_BASE || intid >= GIC_MAX_INTID || !fake_bit(fake.dist->hw_owned, intid))
		fake_breach("physical distributor %s of INTID %u, not the partition's", what,
			    intid);
}

void gicd_set_enable(uint32_t intid, bool enable)
{
	fake_check_spi(intid, "enable");
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
	if (cpu >= FAKE_MAX_CPUS || !((fake.part_cpus >> cpu) & 1))
		fake_breach("SPI %u routed to physical core %u, not the partition's", intid, cpu);
	fake.route[intid] = cpu;
}

static inline void fake_check_ppi(uint32_t cpu, uint32_t intid, const char *what)
{
	if (cpu >= FAKE_MAX_CPUS || !((fake.part_cpus >> cpu) & 1))
		fake_breach("physical redistributor %s on core %u, not the partition's", what, cpu);
	if (intid >= GIC_SPI_BASE || !((VGIC_PASSTHROUGH_PPIS >> intid) & 1))
		fake_breach("physical redistributor %s of INTID %u, not a pass-through PPI", what,
			    intid);
}

void gicr_set_enable(uint32_t cpu, uint32_t intid, bool enable)
{
	fake_check_ppi(cpu, intid, "enable");
	fake_assign(&fake.cpu[cpu].rd_enable, intid, enable);
}

void gicr_set_pending(uint32_t cpu, uint32_t intid, bool pending)
{
	fake_check_ppi(cpu, intid, "pend");
	fake_assign(&fake.cpu[cpu].rd_pending, intid, pending);
}

void gicr_set_active(uint32_t cpu, uint32_t intid, bool active)
{
	fake_check_ppi(cpu, intid, "activate");
	fake_assign(&fake.cpu[cpu].rd_active, intid, active);
}

/* ---------------------------------------------------------------- the guest */

/* The guest acknowledges the best pending LR above the running priority; its LR or -1. */
static inline int fake_guest_ack(void)
{
	struct fake_cpu *c = fake_here();
	uint32_t running = 0x100;
	int best = -1;

	for (uint32_t n = 0; n < fake.nr_lrs; n++)
		if ((c->lr[n] & ICH_LR_ACTIVE) &&
		    ((c->lr[n] >> ICH_LR_PRIO_SHIFT) & 0xff) < running)
			running = (c->lr[n] >> ICH_LR_PRIO_SHIFT) & 0xff;
	for (uint32_t n = 0; n < fake.nr_lrs; n++) {
		uint64_t lr = c->lr[n];
		uint32_t prio = (lr >> ICH_LR_PRIO_SHIFT) & 0xff;

		if (!(lr & ICH_LR_PENDING) || (lr & ICH_LR_ACTIVE) || prio >= running)
			continue;
		if (best < 0 || prio < ((c->lr[best] >> ICH_LR_PRIO_SHIFT) & 0xff))
			best = (int)n;
	}
	if (best >= 0)
		c->lr[best] = (c->lr[best] & ~ICH_LR_STATE_MASK) | ICH_LR_ACTIVE;
	return best;
}

/* The guest's EOI (EOImode 0) of the active LR @n: a HW one deactivates the physical. */
static inline void fake_guest_eoi(uint32_t n)
{
	struct fake_cpu *c = fake_here();
	uint64_t lr = c->lr[n % fake.nr_lrs];

	if (!(lr & ICH_LR_ACTIVE))
		return;
	if (lr & ICH_LR_HW) {
		uint32_t p = LR_PINTID(lr);

		if (p < GIC_SPI_BASE)
			fake_assign(&c->rd_active, p, false);
		else if (p < GIC_MAX_INTID)
			fake_assign(fake.active, p, false);
	}
	c->lr[n % fake.nr_lrs] = lr & ~ICH_LR_ACTIVE;
}

/* ICH_MISR_EL2 != 0 on the current core: the maintenance interrupt is asserted. */
static inline bool fake_maintenance_asserted(void)
{
	struct fake_cpu *c = fake_here();
	uint32_t valid = 0, pending = 0;

	for (uint32_t n = 0; n < fake.nr_lrs; n++) {
		valid += LR_STATE(c->lr[n]) != 0;
		pending += (c->lr[n] & ICH_LR_PENDING) != 0;
	}
	return vgic_hw_eoi_lrs() || (c->npie && !pending) || (c->uie && valid <= 1);
}

#endif
