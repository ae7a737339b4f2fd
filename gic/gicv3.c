// SPDX-License-Identifier: GPL-2.0-only
/*
 * Physical GICv3: distributor, redistributors, CPU interface (system
 * registers), and the EL2 virtual interface control (ICH_*_EL2).
 */
#include <arch/arm64/cpu.h>
#include <arch/arm64/spinlock.h>
#include <arch/arm64/sysreg.h>
#include <gic/gic_regs.h>
#include <gic/gic_sysreg.h>
#include <gic/gicv3.h>
#include <lib/log.h>
#include <lib/trace.h>
#include <partitions/layout.h>

#include <errno.h>

/* One priority for every physical interrupt; PMR lets them all through. */
#define GIC_HW_PRIORITY 0xa0

/* Set by gic_init on the boot core before any other core runs; read-only afterwards. */
static uintptr_t gicd;
static uintptr_t gicr_frame[LAYOUT_MAX_CPUS];
static uint64_t cpu_affinity[LAYOUT_MAX_CPUS];
static uint32_t nr_cpus;

/*
 * The distributor's shared words. GICD_ISENABLER/ICENABLER, ISPENDR/ICPENDR,
 * ISACTIVER/ICACTIVER are write-1-to-set/clear: one bit per write, no
 * read-modify-write, no lock. GICD_IROUTER<n> is one register per SPI. But
 * GICD_ICFGR<n> holds 16 SPIs (IHI 0069 12.9.9) and GICD_IPRIORITYR<n> 4,
 * possibly of different partitions whose vCPUs run on different cores: every
 * read-modify-write of such a word is done under gicd_lock. Enabling an SPI
 * is done under it too: an SPI's trigger may only change while it is
 * disabled (changing it while enabled is UNPREDICTABLE, IHI 0069 12.9.9), and
 * gicd_set_edge() tests that under the lock. Nothing else is done under it
 * (leaf lock).
 */
static spinlock_t gicd_lock;

static inline uint32_t rd32(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void wr32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

static inline uint64_t rd64(uintptr_t a)
{
	return *(volatile uint64_t *)a;
}

static inline void wr64(uintptr_t a, uint64_t v)
{
	*(volatile uint64_t *)a = v;
}

static void gicd_wait_rwp(void)
{
	while (rd32(gicd + GICD_CTLR) & GICD_CTLR_RWP)
		;
}

static void gicr_wait_rwp(uintptr_t rd)
{
	while (rd32(rd + GICR_CTLR) & GICR_CTLR_RWP)
		;
}

/* GICR_TYPER.Affinity_Value is Aff3.Aff2.Aff1.Aff0 (12.11.35). */
static uint64_t mpidr_to_typer_aff(uint64_t mpidr)
{
	return ((mpidr >> 32) & 0xff) << 24 | (mpidr & 0xffffff);
}

/* Find each core's redistributor by its affinity, walking the frames. */
static int find_redistributors(const struct layout *l)
{
	uintptr_t end = (uintptr_t)(l->gicr_base + l->gicr_size);

	for (uint32_t c = 0; c < l->ncpus; c++) {
		uint64_t want = mpidr_to_typer_aff(l->cpus[c].mpidr);

		for (uintptr_t rd = (uintptr_t)l->gicr_base; rd < end; rd += GICR_STRIDE) {
			uint64_t typer = rd64(rd + GICR_TYPER);

			if ((typer >> 32) == want) {
				gicr_frame[c] = rd;
				break;
			}
			if (typer & GICR_TYPER_LAST)
				break;
		}
		/* Only cores that run a partition need one (the board may have fewer on). */
		if (!gicr_frame[c] && l->cpus[c].partition >= 0)
			return trace_error(-ENODEV);
	}
	return 0;
}

int gic_init(const struct layout *l)
{
	uint32_t lines;

	gicd = (uintptr_t)l->gicd_base;
	nr_cpus = l->ncpus;
	for (uint32_t c = 0; c < l->ncpus; c++)
		cpu_affinity[c] = l->cpus[c].mpidr & MPIDR_AFF_MASK;
	if (mmu_map(l->gicd_base, l->gicd_size, 1) || mmu_map(l->gicr_base, l->gicr_size, 1))
		return trace_error(-ENOMEM);
	if (find_redistributors(l))
		return trace_error(-ENODEV);

	wr32(gicd + GICD_CTLR, 0);
	gicd_wait_rwp();
	lines = gic_nr_lines();
	for (uint32_t i = GIC_SPI_BASE; i < lines && i < GIC_MAX_INTID; i += 32) {
		wr32(gicd + GICD_ICENABLER + i / 8, ~0U);
		wr32(gicd + GICD_ICPENDR + i / 8, ~0U);
		wr32(gicd + GICD_ICACTIVER + i / 8, ~0U);
		wr32(gicd + GICD_IGROUPR + i / 8, ~0U);
	}
	for (uint32_t i = GIC_SPI_BASE; i < lines && i < GIC_MAX_INTID; i += 4)
		wr32(gicd + GICD_IPRIORITYR + i, GIC_HW_PRIORITY * 0x01010101U);
	gicd_wait_rwp();
	wr32(gicd + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1);
	gicd_wait_rwp();
	return 0;
}

static void gicr_init(uintptr_t rd)
{
	uint32_t waker = rd32(rd + GICR_WAKER);

	wr32(rd + GICR_WAKER, waker & ~GICR_WAKER_PROCESSOR_SLEEP);
	while (rd32(rd + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP)
		;
	wr32(rd + GICR_ICENABLER0, ~0U);
	wr32(rd + GICR_ICPENDR0, ~0U);
	wr32(rd + GICR_ICACTIVER0, ~0U);
	wr32(rd + GICR_IGROUPR0, ~0U);
	for (uint32_t i = 0; i < 32; i += 4)
		wr32(rd + GICR_IPRIORITYR + i, GIC_HW_PRIORITY * 0x01010101U);
	gicr_wait_rwp(rd);
	/* Bulkhead's kick SGI, the maintenance interrupt and the EL2 timer are always on. */
	wr32(rd + GICR_ISENABLER0,
	     (1U << GIC_SGI_KICK) | (1U << GIC_PPI_MAINT) | (1U << GIC_PPI_HYP_TIMER));
}

void gic_init_cpu(uint32_t cpu)
{
	gicr_init(gicr_frame[cpu]);
	/* SRE: system registers at EL2; Enable: EL1 may access ICC_SRE_EL1. */
	write_sysreg(ICC_SRE_EL2, read_sysreg(ICC_SRE_EL2) | 0x9);
	isb();
	write_sysreg(ICC_PMR_EL1, 0xff);
	write_sysreg(ICC_BPR1_EL1, 0);
	write_sysreg(ICC_CTLR_EL1, 0x2); /* EOImode: priority drop and deactivation split */
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	write_sysreg(ICH_VMCR_EL2, 0);
	write_sysreg(ICH_HCR_EL2, ICH_HCR_EN);
	isb();
}

uint32_t gic_nr_lines(void)
{
	return 32 * ((rd32(gicd + GICD_TYPER) & 0x1f) + 1); /* ITLinesNumber */
}

uint32_t gic_num_lrs(void)
{
	return (uint32_t)(read_sysreg(ICH_VTR_EL2) & 0x1f) + 1;
}

uint32_t gic_ack(void)
{
	uint32_t intid = (uint32_t)read_sysreg(ICC_IAR1_EL1);

	/* The IAR read must complete before the handler's effects (IHI 0069 4.1.1). */
	__asm__ volatile("dsb sy" ::: "memory");
	return intid & 0xffffff;
}

/* No ISB: on the hot path the ERET that follows synchronizes. */
void gic_priority_drop(uint32_t intid)
{
	write_sysreg(ICC_EOIR1_EL1, intid);
}

/* The priority drop before must have taken effect (IHI 0069 8.4.3). */
void gic_deactivate(uint32_t intid)
{
	isb();
	write_sysreg(ICC_DIR_EL1, intid);
	isb();
}

void gic_send_sgi(uint32_t cpu, uint32_t sgi)
{
	uint64_t aff = cpu_affinity[cpu];
	uint64_t v = (1ULL << (aff & 0xf)) | ((aff >> 8) & 0xff) << 16 |
		     (uint64_t)(sgi & 0xf) << 24 | ((aff >> 16) & 0xff) << 32 |
		     ((aff >> 32) & 0xff) << 48;

	dsb_ish();
	write_sysreg(ICC_SGI1R_EL1, v);
	isb();
}

static void gicd_bit(uint32_t reg, uint32_t intid)
{
	wr32(gicd + reg + (intid / 32) * 4, 1U << (intid % 32));
}

static bool gicd_test(uint32_t reg, uint32_t intid)
{
	return (rd32(gicd + reg + (intid / 32) * 4) >> (intid % 32)) & 1;
}

void gicd_set_enable(uint32_t intid, bool enable)
{
	if (enable) {
		spin_lock(&gicd_lock); /* not between gicd_set_edge()'s test and write */
		gicd_bit(GICD_ISENABLER, intid);
		spin_unlock(&gicd_lock);
	} else {
		gicd_bit(GICD_ICENABLER, intid);
		gicd_wait_rwp();
	}
}

bool gicd_get_enable(uint32_t intid)
{
	return gicd_test(GICD_ISENABLER, intid);
}

void gicd_set_pending(uint32_t intid, bool pending)
{
	gicd_bit(pending ? GICD_ISPENDR : GICD_ICPENDR, intid);
}

bool gicd_get_pending(uint32_t intid)
{
	return gicd_test(GICD_ISPENDR, intid);
}

void gicd_set_active(uint32_t intid, bool active)
{
	gicd_bit(active ? GICD_ISACTIVER : GICD_ICACTIVER, intid);
}

bool gicd_get_active(uint32_t intid)
{
	return gicd_test(GICD_ISACTIVER, intid);
}

void gicd_set_edge(uint32_t intid, bool edge)
{
	uintptr_t reg = gicd + GICD_ICFGR + (intid / 16) * 4;
	uint32_t shift = (intid % 16) * 2 + 1;
	uint32_t v;

	spin_lock(&gicd_lock);
	v = rd32(reg);
	/* Enabled: left as it is (see gicd_lock). */
	if (!gicd_get_enable(intid))
		wr32(reg, edge ? v | (1U << shift) : v & ~(1U << shift));
	spin_unlock(&gicd_lock);
}

bool gicd_get_edge(uint32_t intid)
{
	return (rd32(gicd + GICD_ICFGR + (intid / 16) * 4) >> ((intid % 16) * 2 + 1)) & 1;
}

void gicd_set_route(uint32_t intid, uint32_t cpu)
{
	uint64_t aff = cpu_affinity[cpu];

	wr64(gicd + GICD_IROUTER + intid * 8, (aff & 0xffffff) | ((aff >> 32) & 0xff) << 32);
}

static void gicr_bit(uint32_t cpu, uint32_t reg, uint32_t intid)
{
	wr32(gicr_frame[cpu] + reg, 1U << intid);
}

void gicr_set_enable(uint32_t cpu, uint32_t intid, bool enable)
{
	gicr_bit(cpu, enable ? GICR_ISENABLER0 : GICR_ICENABLER0, intid);
	if (!enable)
		gicr_wait_rwp(gicr_frame[cpu]);
}

void gicr_set_pending(uint32_t cpu, uint32_t intid, bool pending)
{
	gicr_bit(cpu, pending ? GICR_ISPENDR0 : GICR_ICPENDR0, intid);
}

void gicr_set_active(uint32_t cpu, uint32_t intid, bool active)
{
	gicr_bit(cpu, active ? GICR_ISACTIVER0 : GICR_ICACTIVER0, intid);
}
