/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bulkhead's driver of the physical GICv3 (Arm IHI 0069 "GICv3 and GICv4
 * Architecture Specification"). Bulkhead owns the distributor, every
 * redistributor and the CPU interfaces; guests see a virtual GIC (gic/vgic.h).
 *
 * Physical interrupts are Group 1 Non-secure, all at one priority, and taken
 * at EL2 (HCR_EL2.IMO). EOImode is 1 (ICC_CTLR_EL1.EOImode): Bulkhead only
 * drops the priority of an interrupt it injects; the guest's deactivation of
 * the hardware-linked virtual interrupt deactivates the physical one
 * (IHI 0069 4.4 / 11.1 "list register HW bit").
 *
 * The functions named gicd_* and gicr_* are the backend the vGIC's register
 * emulation calls; the host unit tests provide their own recording versions.
 */
#ifndef GIC_GICV3_H
#define GIC_GICV3_H

#include <lib/compiler.h>

#include <stdbool.h>
#include <stdint.h>

#define GIC_SGI_KICK	   0  /* Bulkhead's own SGI: "look at your pending work" */
#define GIC_PPI_MAINT	   25 /* virtual CPU interface maintenance interrupt */
#define GIC_PPI_HYP_TIMER  26 /* EL2 physical timer (Bulkhead's watchdog deadlines) */
#define GIC_PPI_VTIMER	   27 /* EL1 virtual timer */
#define GIC_PPI_PTIMER	   30 /* EL1 physical timer */
#define GIC_INTID_SPURIOUS 1023
#define GIC_SPI_BASE	   32
#define GIC_MAX_INTID	   1020

struct layout;

/* Boot core, once: the distributor. */
int __must_check gic_init(const struct layout *l);

/* Every core: its redistributor, CPU interface and virtual interface (ICH_*). */
void gic_init_cpu(uint32_t cpu);

/* Interrupt lines the distributor implements (SGIs, PPIs and SPIs). */
uint32_t gic_nr_lines(void);

/* Number of list registers this core implements (ICH_VTR_EL2.ListRegs + 1). */
uint32_t gic_num_lrs(void);

uint32_t gic_ack(void);
void gic_priority_drop(uint32_t intid);
void gic_deactivate(uint32_t intid);

/* Send SGI @sgi to physical core @cpu (index in the layout). */
void gic_send_sgi(uint32_t cpu, uint32_t sgi);

/* Distributor operations on one SPI (the vGIC backend). */
void gicd_set_enable(uint32_t intid, bool enable);
bool gicd_get_enable(uint32_t intid);
void gicd_set_pending(uint32_t intid, bool pending);
bool gicd_get_pending(uint32_t intid);
void gicd_set_active(uint32_t intid, bool active);
bool gicd_get_active(uint32_t intid);
/* The trigger of a disabled SPI; an enabled one's is left as it is (IHI 0069 12.9.9). */
void gicd_set_edge(uint32_t intid, bool edge);
bool gicd_get_edge(uint32_t intid);
/* Route an SPI to physical core @cpu. */
void gicd_set_route(uint32_t intid, uint32_t cpu);

/* Redistributor operations on a PPI of physical core @cpu. */
void gicr_set_enable(uint32_t cpu, uint32_t intid, bool enable);
void gicr_set_pending(uint32_t cpu, uint32_t intid, bool pending);
void gicr_set_active(uint32_t cpu, uint32_t intid, bool active);

#endif
