// SPDX-License-Identifier: GPL-2.0-only
/*
 * Register offsets and bits: Arm GICv3/v4 architecture specification
 * (IHI 0069), chapter 12.
 */
#include <guests/rtos/gic.h>

#include <guests/rtos/console.h>
#include <guests/rtos/sysregs.h>

#define GICD_CTLR	  0x0000
#define GICD_CTLR_RWP	  (1u << 31)
#define GICD_CTLR_ARE_NS  (1u << 4)
#define GICD_CTLR_ENABLE1 (1u << 0) /* EnableGrp1 (NS view) / EnableGrp0 (single security state) */
#define GICD_CTLR_ENABLE2 (1u << 1) /* EnableGrp1A (NS view) / EnableGrp1 (single security state) */

#define GICR_CTLR	       0x0000
#define GICR_TYPER	       0x0008
#define GICR_TYPER_VLPIS       (1ull << 1)
#define GICR_TYPER_LAST	       (1ull << 4)
#define GICR_WAKER	       0x0014
#define GICR_WAKER_SLEEP       (1u << 1) /* ProcessorSleep */
#define GICR_WAKER_ASLEEP      (1u << 2) /* ChildrenAsleep */
#define GICR_FRAME	       0x10000	 /* RD_base then SGI_base, 64 KiB each */
#define GICR_SGI_IGROUPR0      (GICR_FRAME + 0x0080)
#define GICR_SGI_ISENABLER0    (GICR_FRAME + 0x0100)
#define GICR_SGI_ICENABLER0    (GICR_FRAME + 0x0180)
#define GICR_SGI_IPRIORITYR(n) (GICR_FRAME + 0x0400 + 4 * ((n) / 4))
#define GICR_SGI_ICFGR1	       (GICR_FRAME + 0x0c04)
#define GICR_SGI_IGRPMODR0     (GICR_FRAME + 0x0d00)

#define ICC_SRE_SRE 1u
#define POLL_LIMIT  1000000

static uint64_t gicd, gicr; /* distributor, this core's redistributor (RD_base) */

static void wait_clear(uint64_t reg, uint32_t bits, const char *what)
{
	for (unsigned int i = 0; i < POLL_LIMIT; i++)
		if (!(mmio_read32(reg) & bits))
			return;
	panic("gic: %s does not settle", what);
}

/* GICR_TYPER.Affinity_Value is Aff3.Aff2.Aff1.Aff0; MPIDR_EL1 has Aff3 at [39:32]. */
static uint32_t my_affinity(void)
{
	uint64_t mpidr = sysreg_read(mpidr_el1);

	return (uint32_t)(((mpidr >> 32) & 0xff) << 24 | (mpidr & 0xffffff));
}

/* Walk the redistributor regions for the frame whose affinity is ours. */
static uint64_t find_redistributor(const struct platform *p)
{
	uint32_t aff = my_affinity();

	for (uint32_t i = 0; i < p->ngicr; i++) {
		uint64_t rd = p->gicr[i].base, end = rd + p->gicr[i].size;

		while (rd < end) {
			uint64_t typer = mmio_read64(rd + GICR_TYPER);

			if ((uint32_t)(typer >> 32) == aff)
				return rd;
			if (typer & GICR_TYPER_LAST)
				break;
			rd += (typer & GICR_TYPER_VLPIS) ? 4 * GICR_FRAME : 2 * GICR_FRAME;
		}
	}
	panic("gic: no redistributor for affinity 0x%x", aff);
}

static void dist_init(void)
{
	/* ARE may only change with the groups disabled (12.9.4). */
	mmio_write32(gicd + GICD_CTLR, 0);
	wait_clear(gicd + GICD_CTLR, GICD_CTLR_RWP, "GICD_CTLR.RWP");
	mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ARE_NS);
	wait_clear(gicd + GICD_CTLR, GICD_CTLR_RWP, "GICD_CTLR.RWP");
	mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ARE_NS | GICD_CTLR_ENABLE2 | GICD_CTLR_ENABLE1);
	wait_clear(gicd + GICD_CTLR, GICD_CTLR_RWP, "GICD_CTLR.RWP");
}

static void redist_init(void)
{
	/* Wake the redistributor: clear ProcessorSleep, wait for ChildrenAsleep to clear. */
	mmio_write32(gicr + GICR_WAKER, mmio_read32(gicr + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	wait_clear(gicr + GICR_WAKER, GICR_WAKER_ASLEEP, "GICR_WAKER.ChildrenAsleep");
	/* All SGIs and PPIs disabled and in Group 1 (non-secure). */
	mmio_write32(gicr + GICR_SGI_ICENABLER0, 0xffffffffu);
	mmio_write32(gicr + GICR_SGI_IGROUPR0, 0xffffffffu);
	mmio_write32(gicr + GICR_SGI_IGRPMODR0, 0);
}

static void cpu_interface_init(void)
{
	sysreg_write(icc_sre_el1, sysreg_read(icc_sre_el1) | ICC_SRE_SRE);
	isb();
	if (!(sysreg_read(icc_sre_el1) & ICC_SRE_SRE))
		panic("gic: system-register CPU interface not available");
	sysreg_write(icc_pmr_el1, 0xff); /* every priority passes */
	sysreg_write(icc_bpr1_el1, 0);
	sysreg_write(icc_ctlr_el1, 0); /* EOImode 0 */
	sysreg_write(icc_igrpen1_el1, 1);
	isb();
}

void gic_init(const struct platform *p)
{
	gicd = p->gicd.base;
	dist_init();
	gicr = find_redistributor(p);
	redist_init();
	cpu_interface_init();
}

void gic_enable_ppi(uint32_t intid, uint8_t prio)
{
	uint64_t prio_reg = gicr + GICR_SGI_IPRIORITYR(intid);
	uint32_t shift = 8 * (intid % 4), bit = 1u << (intid % 32);
	uint32_t cfg_shift = 2 * (intid % 16);

	mmio_write32(prio_reg,
		     (mmio_read32(prio_reg) & ~(0xffu << shift)) | (uint32_t)prio << shift);
	/* Level-sensitive: Int_config 0b00. */
	mmio_write32(gicr + GICR_SGI_ICFGR1,
		     mmio_read32(gicr + GICR_SGI_ICFGR1) & ~(3u << cfg_shift));
	mmio_write32(gicr + GICR_SGI_ISENABLER0, bit);
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
