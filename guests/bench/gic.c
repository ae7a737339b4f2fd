// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv3 for the benchmark guest: like guests/rtos/gic.c (same register
 * layout, IHI 0069 chapter 12), but per core, so a second core can bring up
 * its own redistributor and CPU interface. EOImode 0.
 */
#include <guests/bench/bench.h>
#include <guests/rtos/console.h>
#include <guests/rtos/sysregs.h>

#define GICD_CTLR	  0x0000
#define GICD_CTLR_RWP	  (1u << 31)
#define GICD_CTLR_ARE_NS  (1u << 4)
#define GICD_CTLR_ENABLE1 (1u << 0)
#define GICD_CTLR_ENABLE2 (1u << 1)

#define GICR_TYPER	       0x0008
#define GICR_TYPER_VLPIS       (1ull << 1)
#define GICR_TYPER_LAST	       (1ull << 4)
#define GICR_WAKER	       0x0014
#define GICR_WAKER_SLEEP       (1u << 1)
#define GICR_WAKER_ASLEEP      (1u << 2)
#define GICR_FRAME	       0x10000
#define GICR_SGI_IGROUPR0      (GICR_FRAME + 0x0080)
#define GICR_SGI_ISENABLER0    (GICR_FRAME + 0x0100)
#define GICR_SGI_ICENABLER0    (GICR_FRAME + 0x0180)
#define GICR_SGI_IPRIORITYR(n) (GICR_FRAME + 0x0400 + 4 * ((n) / 4))
#define GICR_SGI_ICFGR1	       (GICR_FRAME + 0x0c04)
#define GICR_SGI_IGRPMODR0     (GICR_FRAME + 0x0d00)

#define POLL_LIMIT 1000000
#define PRIO	   0x80

static void wait_clear(uint64_t reg, uint32_t bits, const char *what)
{
	for (unsigned int i = 0; i < POLL_LIMIT; i++)
		if (!(mmio_read32(reg) & bits))
			return;
	panic("gic: %s does not settle", what);
}

void gic_dist_init(uint64_t gicd)
{
	mmio_write32(gicd + GICD_CTLR, 0);
	wait_clear(gicd + GICD_CTLR, GICD_CTLR_RWP, "GICD_CTLR.RWP");
	mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ARE_NS);
	wait_clear(gicd + GICD_CTLR, GICD_CTLR_RWP, "GICD_CTLR.RWP");
	mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ARE_NS | GICD_CTLR_ENABLE2 | GICD_CTLR_ENABLE1);
	wait_clear(gicd + GICD_CTLR, GICD_CTLR_RWP, "GICD_CTLR.RWP");
}

/* GICR_TYPER.Affinity_Value is Aff3.Aff2.Aff1.Aff0. */
uint64_t gic_find_rd(const struct platform *p, uint64_t mpidr)
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
			rd += (typer & GICR_TYPER_VLPIS) ? 4 * GICR_FRAME : 2 * GICR_FRAME;
		}
	}
	panic("gic: no redistributor for affinity 0x%x", aff);
}

void gic_cpu_init(uint64_t rd)
{
	mmio_write32(rd + GICR_WAKER, mmio_read32(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	wait_clear(rd + GICR_WAKER, GICR_WAKER_ASLEEP, "GICR_WAKER.ChildrenAsleep");
	mmio_write32(rd + GICR_SGI_ICENABLER0, 0xffffffffu);
	mmio_write32(rd + GICR_SGI_IGROUPR0, 0xffffffffu);
	mmio_write32(rd + GICR_SGI_IGRPMODR0, 0);

	sysreg_write(icc_sre_el1, sysreg_read(icc_sre_el1) | 1);
	isb();
	if (!(sysreg_read(icc_sre_el1) & 1))
		panic("gic: system-register CPU interface not available");
	sysreg_write(icc_pmr_el1, 0xff);
	sysreg_write(icc_bpr1_el1, 0);
	sysreg_write(icc_ctlr_el1, 0);
	sysreg_write(icc_igrpen1_el1, 1);
	isb();
}

void gic_enable_private(uint64_t rd, uint32_t intid)
{
	uint64_t prio_reg = rd + GICR_SGI_IPRIORITYR(intid);
	uint32_t shift = 8 * (intid % 4);

	mmio_write32(prio_reg,
		     (mmio_read32(prio_reg) & ~(0xffu << shift)) | (uint32_t)PRIO << shift);
	if (intid >= 16)
		mmio_write32(rd + GICR_SGI_ICFGR1,
			     mmio_read32(rd + GICR_SGI_ICFGR1) & ~(3u << (2 * (intid % 16))));
	mmio_write32(rd + GICR_SGI_ISENABLER0, 1u << intid);
	dsb_sy();
}

uint32_t gic_ack(void)
{
	uint32_t intid = (uint32_t)sysreg_read(icc_iar1_el1) & 0xffffff;

	dsb_sy();
	return intid;
}

void gic_eoi(uint32_t intid)
{
	sysreg_write(icc_eoir1_el1, intid);
	isb();
}

/* ICC_SGI1R_EL1: INTID [27:24], Aff1 [23:16], Aff2 [39:32], RS [47:44], Aff3 [55:48]. */
void gic_send_sgi(uint64_t mpidr, uint32_t sgi)
{
	uint64_t aff0 = mpidr & 0xff;
	uint64_t v = (1ull << (aff0 % 16)) | ((mpidr >> 8) & 0xff) << 16 |
		     (uint64_t)(sgi & 0xf) << 24 | ((mpidr >> 16) & 0xff) << 32 |
		     (aff0 / 16) << 44 | ((mpidr >> 32) & 0xff) << 48;

	sysreg_write(icc_sgi1r_el1, v);
	isb();
}
