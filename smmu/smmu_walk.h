/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Walking the SMMUv3 configuration Bulkhead built, as the SMMU reads it
 * (IHI 0070: 3.3 stream table, 5.1 level-1 descriptors, 5.2 STEs, 5.4
 * Context Descriptors), to verify it against the layout (docs/reliability.md,
 * "Table verification"):
 *
 *   - every stream ID a partition owns has an STE that translates for that
 *     partition only: stage 2 with its stage-2 root and VMID (and the
 *     VTCR_EL2 geometry its CPUs use), or stage 1 with one Context
 *     Descriptor whose ASID is its VMID, whose TTB1 walks are disabled, and
 *     whose table maps exactly its RAM (partitions/verify.c: Normal WB,
 *     read/write, non-global; its devices are not expected: no peer-to-peer
 *     DMA);
 *   - every stream ID no partition owns aborts: beyond the table, an invalid
 *     level-1 descriptor (Span = 0), an invalid STE (V = 0) or Config = abort;
 *   - no STE bypasses; level-2 tables, CDs and stage-1 tables lie in the
 *     memory the driver built them in (malformed otherwise).
 *
 * Host-compilable: the unit tests build stream tables with smmuv3_enc.c's
 * encodings and verify them; at boot core/boot_verify.c passes what
 * smmu_walk_view() reads from the SMMU's registers.
 */
#ifndef SMMU_SMMU_WALK_H
#define SMMU_SMMU_WALK_H

#include <arch/arm64/pgtable.h>
#include <arch/arm64/stage2.h>
#include <partitions/layout.h>
#include <partitions/verify.h>
#include <smmu/smmuv3_enc.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum smmu_walk_mode {
	SMMU_WALK_NONE = 0, /* no SMMU, or it cannot translate: every stream must abort */
	SMMU_WALK_S2,	    /* owned streams use the partitions' own stage-2 tables */
	SMMU_WALK_S1,	    /* owned streams use a stage-1 context per partition */
};

/* A memory range the driver's structures must lie in. */
struct smmu_walk_mem {
	uintptr_t base;
	size_t size;
};

/* What the SMMU uses: register values and where the driver keeps its tables. */
struct smmu_walk_view {
	bool present;
	enum smmu_walk_mode mode;
	uint64_t strtab_base;	    /* SMMU_STRTAB_BASE */
	uint32_t strtab_cfg;	    /* SMMU_STRTAB_BASE_CFG */
	struct smmu_walk_mem l1;    /* level-1 table (two-level format) */
	struct smmu_walk_mem l2;    /* level-2 tables (or the linear table) */
	struct smmu_walk_mem cd;    /* Context Descriptors */
	const struct pt_pool *pool; /* stage-1 table pages */
};

/*
 * The SMMU driver's own state for the walk (smmu/smmuv3.c): registers read
 * from the device. present = false without an SMMU.
 */
void smmu_walk_view(struct smmu_walk_view *v);

/* What one partition's streams must use. */
struct smmu_walk_part {
	const struct s2_table *s2; /* its stage 2 (root, VMID) */
};

/* Statistics of one smmu_verify() run, for the boot line. */
struct smmu_walk_stats {
	uint32_t streams;		       /* stream IDs checked (table size) */
	uint32_t owned[LAYOUT_MAX_PARTITIONS]; /* of them, owned and translating */
	uint32_t s1_leaves[LAYOUT_MAX_PARTITIONS];
	uint64_t s1_pages[LAYOUT_MAX_PARTITIONS];
};

/*
 * Verify every stream ID of the table @v describes against layout @l
 * (@parts[i] for l->parts[i]); mismatches go to @d, each naming the
 * partition or "no partition" and the stream ID. @scratch holds one stage-1
 * table's verification at a time (about 5 KiB: the caller's, not the stack's).
 * Returns 0 or -EINVAL.
 */
int smmu_verify(const struct smmu_walk_view *v, const struct layout *l,
		const struct smmu_walk_part *parts, struct layout_diag *d,
		struct smmu_walk_stats *st, struct layout_verify *scratch)
	__attribute__((warn_unused_result));

/*
 * Where stream @sid's STE is: *@ste, 0; -ENOENT if the SMMU aborts it
 * before any STE (beyond the table, Span = 0 or beyond the span); -EINVAL if
 * a level-1 descriptor is malformed (*@why says how).
 */
int smmu_walk_ste(const struct smmu_walk_view *v, uint32_t sid, const struct smmu_ste **ste,
		  const char **why) __attribute__((warn_unused_result));

#endif /* SMMU_SMMU_WALK_H */
