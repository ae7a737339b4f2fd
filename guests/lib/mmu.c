// SPDX-License-Identifier: GPL-2.0-only
/*
 * Translation tables: VMSAv8-64 with a 4 KiB granule (Arm ARM D8.2), four
 * levels L0..L3 from AArch64 (48-bit VA); from AArch32 the same descriptors
 * as the VMSAv8-32 long-descriptor format (LPAE, Arm ARM G5.5, TTBCR.EAE):
 * three levels L1..L3 (32-bit VA, RT_MMU_START_LEVEL). Blocks of 1 GiB (L1)
 * and 2 MiB (L2), pages of 4 KiB (L3); the attribute, access, shareability,
 * AF and XN bits sit at the same places in both. A range is mapped with the
 * largest block its alignment allows. The registers that turn it on are the
 * architecture's (arch/<arch>/mmu.c).
 */
#include <guests/lib/mmu.h>
#include <guests/lib/rt.h>

#include <string.h>

#define POOL_PAGES 16
#define ENTRIES	   512
#define PAGE_SIZE  4096ull

#define DESC_VALID     (1ull << 0)
#define DESC_TABLE     (1ull << 1) /* table at L0..L2, page at L3 */
#define DESC_ATTR(i)   ((uint64_t)(i) << 2)
#define DESC_AP_RO     (1ull << 7)
#define DESC_SH_INNER  (3ull << 8)
#define DESC_AF	       (1ull << 10)
#define DESC_PXN       (1ull << 53)
#define DESC_UXN       (1ull << 54)
#define DESC_ADDR_MASK 0x0000fffffffff000ull

/* MAIR attribute 0: Device-nGnRE, attribute 1: Normal inner/outer WB RW-allocate (mmu.h). */
#define ATTR_DEVICE (DESC_ATTR(0) | DESC_AF | DESC_PXN | DESC_UXN)
#define ATTR_DATA   (DESC_ATTR(1) | DESC_SH_INNER | DESC_AF | DESC_PXN | DESC_UXN)
#define ATTR_CODE   (DESC_ATTR(1) | DESC_SH_INNER | DESC_AF | DESC_AP_RO | RT_MMU_CODE_XN)

extern char _head[], _etext[], _end[];

/* Written by the boot core in mmu_enable(), before it starts another core; read by head.S. */
struct rt_mmu_shared rt_mmu_shared __attribute__((aligned(64)));

/* The table pool: the boot core's, used in mmu_enable() only. */
static uint64_t pool[POOL_PAGES][ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static unsigned int pool_used;

static uint64_t *table_alloc(void)
{
	if (pool_used == POOL_PAGES)
		panic("mmu: translation table pool (%u pages) exhausted", POOL_PAGES);
	return pool[pool_used++];
}

static unsigned int level_shift(unsigned int level)
{
	return 39 - 9 * level;
}

/* The next-level table an entry points to, created if the entry is empty. */
static uint64_t *descend(uint64_t *entry)
{
	uint64_t *t;

	if (*entry & DESC_VALID) {
		if (!(*entry & DESC_TABLE))
			panic("mmu: mappings overlap");
		return (uint64_t *)(uintptr_t)(*entry & DESC_ADDR_MASK);
	}
	t = table_alloc();
	*entry = (uintptr_t)t | DESC_TABLE | DESC_VALID;
	return t;
}

/* One block or page at the deepest level needed, with the given attributes. */
static void map_one(uint64_t *root, uint64_t addr, unsigned int leaf, uint64_t attr)
{
	uint64_t *t = root;

	for (unsigned int level = RT_MMU_START_LEVEL; level < leaf; level++)
		t = descend(&t[(addr >> level_shift(level)) % ENTRIES]);
	t[(addr >> level_shift(leaf)) % ENTRIES] =
		addr | attr | DESC_VALID | (leaf == 3 ? DESC_TABLE : 0);
}

static void map_range(uint64_t *root, uint64_t start, uint64_t end, uint64_t attr)
{
	start &= ~(PAGE_SIZE - 1);
	end = (end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	while (start < end) {
		unsigned int leaf = 1;
		uint64_t size;

		/* Largest block (1 GiB, 2 MiB, else 4 KiB) aligned and inside the range. */
		for (;; leaf++) {
			size = 1ull << level_shift(leaf);
			if (leaf == 3 || ((start & (size - 1)) == 0 && end - start >= size))
				break;
		}
		map_one(root, start, leaf, attr);
		start += size;
	}
}

/* mmu_add_range()'s ranges, written by the boot core before mmu_enable(). */
static struct {
	struct dt_range r;
	bool device;
} extra[MMU_EXTRA_RANGES];
static uint32_t nextra;

void mmu_add_range(uint64_t base, uint64_t size, bool device)
{
	if (nextra == MMU_EXTRA_RANGES)
		panic("mmu: more than %u extra ranges", MMU_EXTRA_RANGES);
	extra[nextra].r = (struct dt_range){base, size};
	extra[nextra].device = device;
	nextra++;
}

static void map_device(uint64_t *root, const struct dt_range *r)
{
	if (r->size)
		map_range(root, r->base, r->base + r->size, ATTR_DEVICE);
}

void mmu_enable(const struct dt_platform *p)
{
	uint64_t *root = table_alloc();
	uint64_t ram_end = p->ram.base + p->ram.size;

	map_range(root, p->ram.base, (uintptr_t)_head, ATTR_DATA);
	map_range(root, (uintptr_t)_head, (uintptr_t)_etext, ATTR_CODE);
	map_range(root, (uintptr_t)_etext, ram_end, ATTR_DATA);
	map_device(root, &p->gicd);
	for (uint32_t i = 0; i < p->ngicr; i++)
		map_device(root, &p->gicr[i]);
	map_device(root, &p->uart);
	for (uint32_t i = 0; i < nextra; i++)
		map_range(root, extra[i].r.base, extra[i].r.base + extra[i].r.size,
			  extra[i].device ? ATTR_DEVICE : ATTR_DATA);

	/*
	 * Everything so far was written with the MMU off (non-cacheable): drop
	 * any stale lines of the image, tables and stacks before the walker and
	 * the program start looking in the caches.
	 */
	dcache_invalidate((uintptr_t)_head, (uintptr_t)_end);
	mmu_arch_enable(root);
	dcache_clean_poc(&rt_mmu_shared, sizeof(rt_mmu_shared));
}
