// SPDX-License-Identifier: GPL-2.0-only
/*
 * First-boot scrub (Kconfig SCRUB_RAM_AT_BOOT): a partition's RAM is zeroed
 * before its images are first copied, as every restart does (lifecycle.c), so
 * that it never reads what firmware, U-Boot or an earlier run of the machine
 * left there. Runs on the boot core while partitions are prepared, before any
 * of them starts: it owns the memory then, no lock.
 */
#include <arch/arm64/mem_scrub.h>
#include <core/scrub.h>

#ifndef CONFIG_SCRUB_RAM_AT_BOOT
#define CONFIG_SCRUB_RAM_AT_BOOT 0
#endif

void partition_scrub_first_boot(const struct layout_partition *lp)
{
	if (!CONFIG_SCRUB_RAM_AT_BOOT)
		return;
	for (uint32_t i = 0; i < lp->nmem; i++)
		mem_scrub(lp->mem[i].phys, lp->mem[i].size);
}
