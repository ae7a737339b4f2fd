/* SPDX-License-Identifier: GPL-2.0-only */
/* First-boot scrub of a partition's RAM (CONFIG_SCRUB_RAM_AT_BOOT). */
#ifndef CORE_SCRUB_H
#define CORE_SCRUB_H

#include <partitions/layout.h>

/* Every RAM range of @lp zeroed and cleaned, if CONFIG_SCRUB_RAM_AT_BOOT; else nothing. */
void partition_scrub_first_boot(const struct layout_partition *lp);

#endif
