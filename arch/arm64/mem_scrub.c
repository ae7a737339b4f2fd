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

#include <stdbool.h>

#include <string.h>

#define SCRUB_CHUNK 0x200000ULL
#define DCZID_DZP   BIT(4)

/* The DC ZVA block size in bytes, or 0 if DC ZVA may not be used. */
static uint64_t zva_block(void)
{
	uint64_t dczid = read_sysreg(dczid_el0);

	return (dczid & DCZID_DZP) ? 0 : 4ULL << (dczid & 0xf);
}

/* The smallest data cache line in bytes (CTR_EL0.DminLine, log2 of words). */
static uint64_t dcache_line(void)
{
	return 4ULL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
}

/*
 * Zero and clean [addr, addr + n), four blocks per iteration, when the ZVA
 * block is the cache line and the range is aligned to four of them (2 MiB
 * chunks of guest RAM always are). DC ZVA leaves the zeros in the cache; a
 * partition that starts with its MMU off reads memory non-cacheable, i.e. at
 * the point of coherency, so each line is cleaned to PoC (DC CVAC; Arm ARM
 * D7.5.9, "Data and unified caches", coherency of non-cacheable aliases)
 * right after it is zeroed, while it is still in the cache; no invalidate is
 * needed (the line holds the zeros the guest must see), one DSB per chunk.
 * 11 instructions per 4 blocks: 0.043 instruction per byte with 64-byte lines.
 */
static void zva_clean_x4(uint64_t addr, uint64_t n, uint64_t block)
{
	for (uint64_t a = addr, end = addr + n; a < end; a += 4 * block) {
		__asm__ volatile("dc zva, %0\n\tdc cvac, %0\n\t"
				 "dc zva, %1\n\tdc cvac, %1\n\t"
				 "dc zva, %2\n\tdc cvac, %2\n\t"
				 "dc zva, %3\n\tdc cvac, %3"
				 :
				 : "r"(a), "r"(a + block), "r"(a + 2 * block), "r"(a + 3 * block)
				 : "memory");
	}
	dsb_sy();
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
	bool fast = block && block == dcache_line();

	for (uint64_t off = 0; off < size; off += SCRUB_CHUNK) {
		uint64_t n = MIN(SCRUB_CHUNK, size - off);

		if (fast && !((phys + off) & (4 * block - 1)) && !(n & (4 * block - 1))) {
			zva_clean_x4(phys + off, n, block);
		} else {
			zero_chunk(phys + off, n, block);
			dcache_clean_range(phys + off, n);
		}
		yield_hint();
	}
}
