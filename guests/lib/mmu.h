/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL1 stage-1 identity map, 4 KiB granule, 48-bit VA (AArch32: 32-bit VA,
 * long-descriptor format): RAM as normal
 * write-back memory (the image's text read-only and executable, everything
 * else execute-never), the GIC and the UART as Device-nGnRE. Exclusives and
 * caches need the MMU on. Optional: the test guests run with it off.
 */
#ifndef GUESTS_LIB_MMU_H
#define GUESTS_LIB_MMU_H

#include <guests/lib/dt.h>

#include <stdbool.h>
#include <stdint.h>

/*
 * MAIR, TCR, TTBR0, SCTLR of the boot core, for the secondaries (head.S); 0s: MMU off.
 * AArch32: MAIR0 | MAIR1 << 32, TTBCR, the 64-bit TTBR0, SCTLR.
 */
struct rt_mmu_shared {
	uint64_t mair, tcr, ttbr0, sctlr;
};

extern struct rt_mmu_shared rt_mmu_shared;

/*
 * One more range for mmu_enable() to map (before it runs): Normal write-back
 * inner-shareable data, or Device-nGnRE with @device (e.g. a channel's region
 * and its doorbell page: guests/lib/chan.h). Up to MMU_EXTRA_RANGES; panics
 * past them. Boot core only.
 */
#define MMU_EXTRA_RANGES 8
void mmu_add_range(uint64_t base, uint64_t size, bool device);

/*
 * Build the tables, turn the MMU and caches on, and publish the set-up in
 * rt_mmu_shared for the cores started later; panics if the table pool is
 * too small.
 */
void mmu_enable(const struct dt_platform *p);

/* Clean and invalidate [p, p + size) to the point of coherency (for cores with the MMU off). */
void dcache_clean_poc(const void *p, uint64_t size);

/* The architecture's half (arch/<arch>/mmu.c). */
/* Invalidate (no clean) the data cache lines of [start, end) to the point of coherency. */
void dcache_invalidate(uintptr_t start, uintptr_t end);
/*
 * Program the memory attributes (MAIR: 0 Device-nGnRE, 1 Normal write-back),
 * the translation control and @root, invalidate the TLBs, turn the MMU and
 * caches on and fill rt_mmu_shared.
 */
void mmu_arch_enable(const uint64_t *root);

#endif
