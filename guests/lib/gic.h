/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest's GICv3 (Arm IHI 0069): bring-up of the distributor, a core's
 * redistributor and its system-register CPU interface with EOImode 0
 * (ICC_EOIR1_EL1 both drops the priority and deactivates), SGIs and PPIs,
 * acknowledge and end of interrupt. Register offsets and fields come from
 * the hypervisor's gic/gic_regs.h (the same map it emulates).
 */
#ifndef GUESTS_LIB_GIC_H
#define GUESTS_LIB_GIC_H

#include <gic/gic_regs.h>
#include <guests/lib/dt.h>

#include <stdbool.h>
#include <stdint.h>

/* GICR_TYPER.VLPIS (12.11.35): a redistributor with VLPIs has 4 frames, not 2. */
#define GICR_TYPER_VLPIS (1ULL << 1)

#define GIC_INTID_SPURIOUS 1020		/* 1020..1023: no interrupt to acknowledge */
#define ICC_SGI1R_IRM	   (1ULL << 40) /* to every core but the sender */

/*
 * The whole bring-up for the calling core: the distributor (the boot core
 * only: @dist), this core's redistributor and CPU interface (PMR @pmr).
 * Returns its RD_base, or 0 when a step failed.
 */
uint64_t gic_setup(const struct dt_platform *p, bool dist, uint8_t pmr);

/* The calling core's RD_base as gic_setup() found it (0 before). */
uint64_t gic_this_rd(void);

/* Disable, then enable Group 0 and 1 with affinity routing; -1 if RWP never clears. */
__attribute__((warn_unused_result)) int gic_dist_init(uint64_t gicd);

/* RD_base of the redistributor whose affinity is @mpidr's, in the regions of @p; 0 if none. */
uint64_t gic_find_rd(const struct dt_platform *p, uint64_t mpidr);

/* Wake @rd; every SGI and PPI disabled, Group 1 (non-secure); -1 if it does not wake. */
__attribute__((warn_unused_result)) int gic_redist_init(uint64_t rd);

/* The calling core's ICC_* interface on, PMR @pmr; -1 if ICC_SRE_EL1.SRE does not stick. */
__attribute__((warn_unused_result)) int gic_cpuif_init(uint8_t pmr);

/* Enable an SGI or PPI (PPIs level-sensitive) on @rd at @prio. */
void gic_enable_private(uint64_t rd, uint32_t intid, uint8_t prio);
void gic_disable_private(uint64_t rd, uint32_t intid);

/* Acknowledge the highest pending Group 1 interrupt (its INTID, >= 1020 if none). */
uint32_t gic_ack(void);
void gic_eoi(uint32_t intid);

/* ICC_SGI1R_EL1 value for SGI @sgi to the core with affinity @mpidr. */
uint64_t gic_sgi_value(uint64_t mpidr, uint32_t sgi);
/* ICC_SGI1R_EL1 value for SGI @sgi to the cores 0.0.0.n of the bits n set in @list (16 bits). */
static inline uint64_t gic_sgi_to(uint32_t sgi, uint32_t list)
{
	return (uint64_t)(sgi & 0xf) << 24 | (list & 0xffff);
}

/* Write ICC_SGI1R_EL1 (after a DSB: memory written before reaches the target first). */
void gic_sgi1r(uint64_t value);

static inline void gic_send_sgi(uint64_t mpidr, uint32_t sgi)
{
	gic_sgi1r(gic_sgi_value(mpidr, sgi));
}

#endif
