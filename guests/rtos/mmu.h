/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL1 stage-1 identity map, 4 KiB granule, 48-bit VA: RAM as normal
 * write-back memory (the image's text read-only and executable, everything
 * else execute-never), the GIC and the UART as Device-nGnRE. Exclusives and
 * caches need the MMU on.
 */
#ifndef GUESTS_RTOS_MMU_H
#define GUESTS_RTOS_MMU_H

#include <guests/rtos/platform.h>

/* Build the tables and turn the MMU and caches on; panics if the table pool is too small. */
void mmu_enable(const struct platform *p);

#endif
