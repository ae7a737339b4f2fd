/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A partition's stage 2 from its layout, and the check of the built tables
 * against that layout (docs/reliability.md, "Table verification"). Image and
 * host: the unit tests and the fuzz harness build and verify tables with
 * exactly the code the boot runs.
 */
#ifndef ARCH_ARM64_S2_LAYOUT_H
#define ARCH_ARM64_S2_LAYOUT_H

#include <arch/arm64/s2_walk.h>
#include <arch/arm64/stage2.h>
#include <partitions/layout.h>
#include <partitions/verify.h>

/*
 * Build partition @lp's stage 2 in @t from @pool (VMID lp->id + 1): its RAM
 * (mem[], ipa -> phys) Normal Write-Back read/write/execute, every device reg
 * and bus window (page-rounded, identity) Device-nGnRE read/write XN, its
 * endpoint of each channel of @l (Normal WB, XN, header read-only). Returns
 * 0, -EINVAL, -ENOMEM (pt_map's errors).
 */
int s2_map_partition(struct s2_table *t, struct pt_pool *pool, const struct layout *l,
		     const struct layout_partition *lp) __attribute__((warn_unused_result));

struct s2_verify_stats {
	uint32_t tables; /* table pages walked */
	uint32_t leaves; /* blocks and pages */
	uint64_t pages;	 /* 4 KiB pages they map */
};

/*
 * Walk @t (tables from @pool) and check every leaf against partition @lp of
 * @l (partitions/verify.h), and that its VMID is lp->id + 1. Every problem
 * goes to @d. @scratch: the verification state (about 5 KiB, the caller's).
 * Returns 0 or -EINVAL.
 */
int s2_verify_partition(const struct layout *l, const struct layout_partition *lp,
			const struct s2_table *t, const struct pt_pool *pool, struct layout_diag *d,
			struct layout_verify *scratch, struct s2_verify_stats *st)
	__attribute__((warn_unused_result));

#endif /* ARCH_ARM64_S2_LAYOUT_H */
