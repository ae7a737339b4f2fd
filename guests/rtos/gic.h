/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest-side GICv3 driver: distributor (affinity routing, Group 1), this
 * core's redistributor, PPIs, and the system-register CPU interface with
 * EOImode 0 (ICC_EOIR1_EL1 both drops priority and deactivates).
 */
#ifndef GUESTS_RTOS_GIC_H
#define GUESTS_RTOS_GIC_H

#include <guests/rtos/platform.h>

#define GIC_INTID_SPURIOUS 1020 /* 1020..1023: no interrupt to acknowledge */

/* Bring up the distributor, this core's redistributor and CPU interface; panics on failure. */
void gic_init(const struct platform *p);

/* Enable a PPI (16..31) as level-triggered, Group 1, at the given priority. */
void gic_enable_ppi(uint32_t intid, uint8_t prio);

/* Acknowledge the highest pending Group 1 interrupt (its INTID, >= 1020 if none). */
uint32_t gic_ack(void);

/* End of interrupt (priority drop and deactivation). */
void gic_eoi(uint32_t intid);

#endif
