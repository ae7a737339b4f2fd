/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Walking a BUILT translation table, entry by entry, to check it (the
 * verification of docs/reliability.md, "Table verification"): every valid
 * leaf is handed to a callback as (input address, output address, size, raw
 * attributes), in increasing input-address order, and every malformed entry
 * to another one, named. Unlike pt_walk(), which translates one address the
 * way the MMU would, this trusts nothing in the tables: a table pointer must
 * name a live page of the pool the tables were built from, and encodings the
 * MMU would treat as reserved or as a fault are reported, not skipped.
 *
 * Malformed (Arm ARM DDI 0487K.a, D8.3.1 "VMSAv8-64 descriptor formats",
 * 4 KiB granule, 48-bit OA):
 *   - bits[1:0] = 0b01 at level 3 (reserved encoding: a translation fault
 *     on some implementations, unpredictable on none -- never written);
 *   - a block at level 0 (no level-0 block with a 4 KiB granule, 48 bits);
 *   - a table pointer that is not a page of the pool, or a page of its free
 *     list (a freed table still linked: use after free);
 *   - a leaf whose output address has bits set below the block size (RES0)
 *     or in [49:48] (OA bits of FEAT_LPA2 / 52-bit PA, RES0 here);
 *   - a table descriptor with any of bits[63:59] set (stage 2: RES0; stage 1:
 *     hierarchical APTable/XNTable/PXNTable/NSTable, never used by Bulkhead).
 *
 * Host-compilable (shared-srcs): the unit tests and the fuzz harness walk the
 * tables arch/arm64/stage2.c builds, as the boot does.
 */
#ifndef ARCH_ARM64_S2_WALK_H
#define ARCH_ARM64_S2_WALK_H

#include <arch/arm64/pgtable.h>
#include <arch/arm64/stage2.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct layout_verify; /* partitions/verify.h */

/* One valid leaf (block or page) of a table. */
struct pt_leaf {
	uint64_t ia;	/* input address (IPA for stage 2, VA for stage 1) */
	uint64_t oa;	/* output address */
	uint64_t size;	/* PT_LEVEL_SIZE(level) */
	uint64_t attrs; /* the descriptor's attribute bits (PT_ATTR_MASK) */
	unsigned level;
};

/*
 * A walk: the caller fills pool, leaf, bad and ctx; pt_walk_tree() counts.
 * Owned by the caller for the duration of one walk (no locking: the tables
 * must not change while they are walked).
 */
struct pt_walker {
	const struct pt_pool *pool; /* table pages must be live pages of it */
	void (*leaf)(struct pt_walker *w, const struct pt_leaf *leaf);
	void (*bad)(struct pt_walker *w, uint64_t ia, unsigned level, uint64_t desc,
		    const char *why);
	struct layout_verify *verify; /* where the callbacks report (their business) */
	uint64_t mair;		      /* stage 1: the MAIR that AttrIndx selects from */
	/*
	 * merge: hand leaf() runs of leaves that continue one another (input and
	 * output addresses contiguous, same attributes) as one leaf, of the
	 * first one's level: a partition's RAM in 2 MiB blocks is one call.
	 */
	bool merge;
	struct pt_leaf run; /* the run being merged (walk state) */
	bool have_run;
	uint32_t tables;  /* table pages visited, root pages included */
	uint32_t leaves;  /* valid leaves (descriptors; runs of them if merge) */
	uint32_t invalid; /* malformed entries handed to bad() */
};

/* True if @page is a page of @pool handed out and not on its free list. */
bool pt_pool_live(const struct pt_pool *pool, const uint64_t *page);

/*
 * Walk the tree whose root, @nroot concatenated tables (1..16, a power of
 * two) at @start_level (0..3), translates input addresses from 0. Returns 0,
 * -EINVAL if some entry was malformed (all were reported and the walk went on
 * past them) or for arguments out of range.
 */
int pt_walk_tree(struct pt_walker *w, const uint64_t *root, unsigned start_level, size_t nroot)
	__attribute__((warn_unused_result));

/* A stage-2 leaf's attributes, decoded (D8.4 S2AP and XN, D8.5.5 MemAttr). */
struct s2_leaf_info {
	uint8_t memattr;       /* MemAttr[3:0] (FEAT_S2FWB off) */
	bool device;	       /* MemAttr[3:2] = 0b00: Device memory */
	bool normal_wb;	       /* MemAttr = 0b1111: Normal, inner and outer Write-Back */
	bool read;	       /* S2AP[0] */
	bool write;	       /* S2AP[1] */
	bool exec;	       /* executable at EL1 or EL0 (XN[1:0] != 0b10) */
	bool af;	       /* access flag set (no Access flag fault) */
	uint64_t unknown_bits; /* attribute bits Bulkhead never sets (Contiguous, DBM, nG...) */
};

void s2_leaf_decode(uint64_t attrs, struct s2_leaf_info *info);

/* "Device-nGnRE", "Normal WB", "Normal NC", ...: the memory type of MemAttr. */
const char *s2_memattr_name(uint8_t memattr);

/* pt_walk_tree() over a partition's stage 2 (concatenated root, level 1). */
int s2_walk_tree(const struct s2_table *t, struct pt_walker *w) __attribute__((warn_unused_result));

#endif /* ARCH_ARM64_S2_WALK_H */
