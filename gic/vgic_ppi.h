/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef GIC_VGIC_PPI_H
#define GIC_VGIC_PPI_H

/*
 * PPIs of per-core devices a partition has whole: PMU overflow (23), EL1
 * physical timer (30), EL1 virtual timer (27). Injected with the HW bit.
 */
#define VGIC_PASSTHROUGH_PPIS ((1U << 23) | (1U << 27) | (1U << 30))

/* Bulkhead's: the maintenance interrupt (25) and the EL2 timer (26). */
#define VGIC_HIDDEN_PPIS ((1U << 25) | (1U << 26))

#endif
