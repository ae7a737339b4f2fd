/* SPDX-License-Identifier: GPL-2.0-only */
/* Zeroing a range of physical memory that a guest will own (identity-mapped at EL2). */
#ifndef ARCH_ARM64_MEM_SCRUB_H
#define ARCH_ARM64_MEM_SCRUB_H

#include <stdint.h>

/*
 * Zero [phys, phys + size) and clean it to the point of coherency (a guest
 * may start with its caches off). Works 2 MiB at a time with a YIELD hint in
 * between (see lifecycle.c's scrub). Uses DC ZVA when EL2 may (DCZID_EL0.DZP
 * clear) and the range is aligned to its block; stores otherwise.
 */
void mem_scrub(uint64_t phys, uint64_t size);

#endif
