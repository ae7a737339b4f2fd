// SPDX-License-Identifier: GPL-2.0-only
/* The guest's GICv3: see gic.h. Chapter numbers are of Arm IHI 0069. */
#include <guests/lib/gic.h>
#include <guests/lib/mmio.h>
#include <guests/lib/rt.h>
#include <guests/lib/sysreg.h>

#define POLL_LIMIT  1000000
#define ICC_SRE_SRE 1u

static int wait_clear(uint64_t reg, uint32_t bits)
{
	for (unsigned int i = 0; i < POLL_LIMIT; i++)
		if (!(mmio_read32(reg) & bits))
			return 0;
	return -1;
}

int gic_dist_init(uint64_t gicd)
{
	/* ARE may only change with the groups disabled (12.9.4). */
	mmio_write32(gicd + GICD_CTLR, 0);
	if (wait_clear(gicd + GICD_CTLR, GICD_CTLR_RWP))
		return -1;
	mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ARE);
	if (wait_clear(gicd + GICD_CTLR, GICD_CTLR_RWP))
		return -1;
	mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1 | GICD_CTLR_ENABLE_G0);
	return wait_clear(gicd + GICD_CTLR, GICD_CTLR_RWP);
}

/* GICR_TYPER.Affinity_Value is Aff3.Aff2.Aff1.Aff0; MPIDR_EL1 has Aff3 at [39:32]. */
uint64_t gic_find_rd(const struct dt_platform *p, uint64_t mpidr)
{
	uint32_t aff = (uint32_t)(((mpidr >> 32) & 0xff) << 24 | (mpidr & 0xffffff));

	for (uint32_t i = 0; i < p->ngicr; i++) {
		uint64_t rd = p->gicr[i].base, end = rd + p->gicr[i].size;

		while (rd < end) {
			uint64_t typer = mmio_read64(rd + GICR_TYPER);

			if ((uint32_t)(typer >> 32) == aff)
				return rd;
			if (typer & GICR_TYPER_LAST)
				break;
			rd += (typer & GICR_TYPER_VLPIS) ? 2 * GICR_STRIDE : GICR_STRIDE;
		}
	}
	return 0;
}

int gic_redist_init(uint64_t rd)
{
	/* Wake it: clear ProcessorSleep, wait for ChildrenAsleep to clear (12.11.44). */
	mmio_write32(rd + GICR_WAKER, mmio_read32(rd + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP);
	if (wait_clear(rd + GICR_WAKER, GICR_WAKER_CHILDREN_ASLEEP))
		return -1;
	mmio_write32(rd + GICR_ICENABLER0, 0xffffffffu);
	mmio_write32(rd + GICR_IGROUPR0, 0xffffffffu);
	mmio_write32(rd + GICR_IGRPMODR0, 0);
	return 0;
}

int gic_cpuif_init(uint8_t pmr)
{
	sysreg_write(icc_sre_el1, sysreg_read(icc_sre_el1) | ICC_SRE_SRE);
	isb();
	if (!(sysreg_read(icc_sre_el1) & ICC_SRE_SRE))
		return -1;
	sysreg_write(icc_pmr_el1, pmr);
	sysreg_write(icc_bpr1_el1, 0);
	sysreg_write(icc_ctlr_el1, 0); /* EOImode 0 */
	sysreg_write(icc_igrpen1_el1, 1);
	isb();
	return 0;
}

/* Each core's redistributor, written by that core only (gic_setup()). */
static uint64_t this_rd[RT_MAX_CPUS];

uint64_t gic_setup(const struct dt_platform *p, bool dist, uint8_t pmr)
{
	uint64_t rd = gic_find_rd(p, sysreg_read(mpidr_el1));

	if ((dist && gic_dist_init(p->gicd.base)) || !rd || gic_redist_init(rd) ||
	    gic_cpuif_init(pmr))
		return 0;
	if (cpu_index() < RT_MAX_CPUS)
		this_rd[cpu_index()] = rd;
	return rd;
}

uint64_t gic_this_rd(void)
{
	return cpu_index() < RT_MAX_CPUS ? this_rd[cpu_index()] : 0;
}

void gic_enable_private(uint64_t rd, uint32_t intid, uint8_t prio)
{
	uint64_t prio_reg = rd + GICR_IPRIORITYR + 4 * (intid / 4);
	uint32_t shift = 8 * (intid % 4);

	mmio_write32(prio_reg,
		     (mmio_read32(prio_reg) & ~(0xffu << shift)) | (uint32_t)prio << shift);
	if (intid >= 16) /* level-sensitive: Int_config 0b00 */
		mmio_write32(rd + GICR_ICFGR1,
			     mmio_read32(rd + GICR_ICFGR1) & ~(3u << (2 * (intid % 16))));
	mmio_write32(rd + GICR_ISENABLER0, 1u << intid);
	dsb_sy();
}

void gic_disable_private(uint64_t rd, uint32_t intid)
{
	mmio_write32(rd + GICR_ICENABLER0, 1u << intid);
	dsb_sy();
}

uint32_t gic_ack(void)
{
	uint32_t intid = (uint32_t)sysreg_read(icc_iar1_el1) & 0xffffff;

	dsb_sy(); /* the IAR read completes before the handler runs */
	return intid;
}

void gic_eoi(uint32_t intid)
{
	sysreg_write(icc_eoir1_el1, intid);
	isb();
}

/* ICC_SGI1R_EL1: INTID [27:24], Aff1 [23:16], Aff2 [39:32], RS [47:44], Aff3 [55:48]. */
uint64_t gic_sgi_value(uint64_t mpidr, uint32_t sgi)
{
	uint64_t aff0 = mpidr & 0xff;

	return (1ull << (aff0 % 16)) | ((mpidr >> 8) & 0xff) << 16 | (uint64_t)(sgi & 0xf) << 24 |
	       ((mpidr >> 16) & 0xff) << 32 | (aff0 / 16) << 44 | ((mpidr >> 32) & 0xff) << 48;
}

void gic_sgi1r(uint64_t value)
{
	dsb_sy();
	sysreg_write(icc_sgi1r_el1, value);
	isb();
}
