/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SMMUv3 stream table's span allocator (docs/smmu.md, "Stream table"):
 * which level-2 table each span of 64 stream IDs points at (IHI 0070, 3.3.2,
 * SPLIT = 6), from a pool of STRTAB_POOL tables plus the abort table. Uniform
 * tables (64 identical translating STEs, one per partition) serve every span
 * a partition owns entirely; private tables serve shared or partly owned
 * spans and are updated in place by the driver (3.21.3); uniform and abort
 * tables never change once built. An untouched span has an invalid level-1
 * descriptor. Linear format: one private table (STRTAB_LINEAR), span 0.
 *
 * Pure logic on memory the caller provides: the driver (smmuv3_strtab.c)
 * does the device side through the point callback; the host unit tests
 * (tests/unit/test_smmu_strtab.c) drive it alone. No lock here: the driver
 * calls it under the command queue lock (smmuv3_dev.h).
 */
#ifndef SMMU_STRTAB_ALLOC_H
#define SMMU_STRTAB_ALLOC_H

#include <smmu/smmu_limits.h>
#include <smmu/smmuv3_enc.h>

#include <stdbool.h>
#include <stdint.h>

#define STRTAB_SPLIT   6U
#define STRTAB_L2_STES (1U << STRTAB_SPLIT)			  /* STEs per level-2 table */
#define STRTAB_L1_MAX  (1U << (SMMU_MAX_SID_BITS - STRTAB_SPLIT)) /* level-1 descriptors */
#define STRTAB_POOL    16U					  /* uniform + private tables */
#define STRTAB_ABORT   STRTAB_POOL				  /* index of the abort table */
#define STRTAB_LINEAR  0U /* index of the one table of the linear format */
#define STRTAB_TABLES  (STRTAB_POOL + 1U)

_Static_assert(STRTAB_L2_STES *SMMU_STE_BYTES == 4096, "a level-2 table is one page");
_Static_assert(STRTAB_TABLES < 255, "span_tbl holds table index + 1 in a byte");

enum strtab_kind { STRTAB_FREE = 0, STRTAB_UNIFORM, STRTAB_PRIVATE, STRTAB_ABORT_KIND };

/* The VMIDs (TLB tags) of configurations replaced by an operation. */
struct vmid_set {
	uint16_t v[8];
	unsigned int n;
	bool all; /* too many: invalidate every VMID */
};

struct strtab {
	bool linear;
	struct smmu_ste (*ste)[STRTAB_L2_STES]; /* STRTAB_TABLES tables, 4 KiB aligned */
	uint8_t span_tbl[STRTAB_L1_MAX];	/* 0: invalid descriptor, else table + 1 */
	uint8_t kind[STRTAB_TABLES];		/* enum strtab_kind */
	/*
	 * Points span @s at table @t, complete and visible first (the driver:
	 * barrier, level-1 descriptor store, CMD_CFGI_STE_RANGE). Called after
	 * span_tbl[s] is updated.
	 */
	void (*point)(const struct strtab *st, unsigned int s, unsigned int t);
};

/* One span's part of an operation on stream IDs [base, end). */
struct span_range {
	unsigned int s;	 /* span */
	uint32_t lo, hi; /* stream IDs [lo, hi) of the operation inside it */
	bool full;	 /* the operation covers the whole span */
	int cur;	 /* current table, -1 for an invalid descriptor */
};

/*
 * Empty table: every span invalid (2-level) or every STE invalid (linear),
 * the abort table built, the rest of the pool free.
 */
void strtab_reset(struct strtab *st, struct smmu_ste (*mem)[STRTAB_L2_STES], bool linear,
		  void (*point)(const struct strtab *st, unsigned int s, unsigned int t));

void strtab_span_range(const struct strtab *st, unsigned int s, uint32_t base, uint32_t end,
		       struct span_range *r);

/* Table @t (-1: none) is a private one, updated in place. */
bool strtab_is_private(const struct strtab *st, int t);

/* Tables of the pool not in use. */
unsigned int strtab_free_tables(const struct strtab *st);

/* Adds the TLB tag of @ste to @set if it translates. */
void vmid_set_add(struct vmid_set *set, const struct smmu_ste *ste);

/* The TLB tag of a translating STE: its S2VMID, or the ASID of its CD (stage 1). */
uint16_t strtab_ste_tag(const struct smmu_ste *ste);

/*
 * Streams [base, end) take configuration @x (abort or translating), for every
 * span that is not a live private table: a whole span is repointed to the
 * abort table or to @x's uniform table (built here if new), a partial one to
 * a new private copy with @x in its range. Checks that the pool has every
 * table needed before changing anything: -ENOMEM and nothing changed.
 * Configurations replaced go to @old. Live private tables are left to the
 * caller.
 */
int strtab_set_spans(struct strtab *st, uint32_t base, uint32_t end, const struct smmu_ste *x,
		     struct vmid_set *old) __attribute__((warn_unused_result));

#endif /* SMMU_STRTAB_ALLOC_H */
