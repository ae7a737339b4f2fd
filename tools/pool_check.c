// SPDX-License-Identifier: GPL-2.0-only
/*
 * The rule validation could not state (partitions/ knows nothing of page
 * tables): the stage-2 tables a layout needs must fit in the image's table
 * pool. A partition with many small devices scattered over the address space
 * needs a level-2 and a level-3 table per 1 GiB region it touches; a layout
 * that asks for more than the pool holds would pass every other rule and then
 * stop at boot ("could not be prepared; nothing started"). The host builds
 * the same tables with the same code and says so before the layout is
 * flashed.
 */
#include <arch/arm64/pgtable.h>
#include <arch/arm64/s2_layout.h>
#include <arch/arm64/stage2.h>
#include <tools/pool_check.h>

#include <errno.h>
#include <stdlib.h>

/*
 * Pages of the pool the boot uses besides the partitions' stage 2: the EL2
 * map of Bulkhead's image, RAM and devices (a few tables: RAM goes in blocks)
 * and the SMMU's stage-1 tables of partitions with DMA streams (their RAM in
 * blocks). Kept generous: the rule must never pass what the boot refuses.
 */
#define POOL_RESERVED_PAGES 48

int layout_check_table_pool(const struct layout *l, struct layout_diag *d)
{
	size_t npages = CONFIG_PT_POOL_PAGES - POOL_RESERVED_PAGES;
	void *pages = aligned_alloc(LAYOUT_PAGE_SIZE, npages * LAYOUT_PAGE_SIZE);
	struct pt_pool pool;
	int err = 0;

	if (pages == NULL || pt_pool_init(&pool, pages, npages) != 0) {
		free(pages);
		return -ENOMEM;
	}
	for (uint32_t i = 0; (err == 0) && (i < l->nparts); i++) {
		struct s2_table t;
		const struct layout_partition *p = &l->parts[i];

		err = s2_init(&t, &pool, (uint16_t)(p->id + 1U));
		if (err == 0)
			err = s2_map_partition(&t, &pool, l, p);
		if (err != 0)
			layout_error(d, p->path, "devices",
				     "its stage-2 tables do not fit: the partitions up to this one "
				     "need more than the %zu table pages Bulkhead has for them "
				     "(CONFIG_PT_POOL_PAGES %u less %u of its own): fewer "
				     "scattered device ranges, or a larger pool",
				     npages, (unsigned int)CONFIG_PT_POOL_PAGES,
				     (unsigned int)POOL_RESERVED_PAGES);
	}
	free(pages);
	return err == 0 ? 0 : -ENOMEM;
}
