/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bulkhead-check's table-pool rule (tools/pool_check.c): every partition's
 * stage 2 fits in the pool the image has for its translation tables.
 */
#ifndef TOOLS_POOL_CHECK_H
#define TOOLS_POOL_CHECK_H

#include <partitions/layout.h>

/*
 * Build every partition's stage-2 tables of the valid layout @l, with the same
 * code as the boot (arch/arm64/s2_layout.c), in a pool of CONFIG_PT_POOL_PAGES
 * pages less what Bulkhead keeps for its own map and the SMMU's tables; an
 * error on @d names the partition that no longer fits. Returns 0 or -ENOMEM
 * (-errno if the host cannot allocate the pool).
 */
int layout_check_table_pool(const struct layout *l, struct layout_diag *d)
	__attribute__((warn_unused_result));

#endif
