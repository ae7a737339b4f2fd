// SPDX-License-Identifier: GPL-2.0-only
/*
 * Zeroing guest memory (mem_scrub.h). DC ZVA (Arm ARM, DC ZVA and DCZID_EL0) zeroes
 * a naturally aligned block of 4 << DCZID_EL0.BS bytes in one instruction,
 * which makes a scrub of hundreds of MiB cheap, on cores and on QEMU alike.
 */
#include <arch/arm64/cpu.h>
#include <arch/arm64/mem_scrub.h>
#include <arch/arm64/sysreg.h>
#include <lib/bits.h>

#include <string.h>

#define SCRUB_CHUNK 0x200000ULL
#define DCZID_DZP   BIT(4)

/* The DC ZVA block size in bytes, or 0 if DC ZVA may not be used. */
static uint64_t zva_block(void)
{
	uint64_t dczid = read_sysreg(dczid_el0);

	return (dczid & DCZID_DZP) ? 0 : 4ULL << (dczid & 0xf);
}

static void zero_chunk(uint64_t addr, uint64_t n, uint64_t block)
{
	if (block && !(addr & (block - 1)) && !(n & (block - 1))) {
		for (uint64_t a = addr; a < addr + n; a += block)
			__asm__ volatile("dc zva, %0" : : "r"(a) : "memory");
		return;
	}
	memset((void *)(uintptr_t)addr, 0, n);
}

void mem_scrub(uint64_t phys, uint64_t size)
{
	uint64_t block = zva_block();

	for (uint64_t off = 0; off < size; off += SCRUB_CHUNK) {
		uint64_t n = MIN(SCRUB_CHUNK, size - off);

		zero_chunk(phys + off, n, block);
		dcache_clean_range(phys + off, n);
		yield_hint();
	}
}
