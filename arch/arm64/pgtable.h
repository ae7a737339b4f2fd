/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VMSAv8-64 translation tables, 4 KiB granule: a page pool and one generic
 * mapper shared by Bulkhead's EL2 stage-1 map and every partition's stage 2.
 *
 * Tables are reached through their physical address. In the image memory is
 * identity mapped, so a table's pointer IS its physical address; the host
 * build (unit tests) makes the same assumption with user addresses, which fit
 * in descriptor bits [47:12].
 *
 * Descriptor formats (Arm ARM DDI 0487K.a, D8.3.1 "VMSAv8-64 descriptor
 * formats"), 4 KiB granule, 48-bit output address:
 *
 *   bits[1:0]  0bx0  invalid (any level): the rest of the entry is ignored
 *              0b01  block, levels 1 and 2 (1 GiB, 2 MiB); invalid at level 3
 *                    (reserved encoding) and at level 0 (no level-0 blocks
 *                    with a 4 KiB granule and 48-bit addresses)
 *              0b11  table at levels 0..2, page at level 3
 *
 *   table:       [63:59] NSTable/APTable/XNTable/PXNTable (left 0: no
 *                hierarchical restriction), [47:12] next-level table address
 *   block/page:  [63:50] upper attributes (XN 54, PXN 53, Contiguous 52, DBM 51),
 *                [47:n] output address (n = 30 level 1, 21 level 2, 12 level 3),
 *                [11:2] lower attributes (stage 1: nG 11, AF 10, SH 9:8,
 *                AP 7:6, NS 5, AttrIndx 4:2; stage 2: AF 10, SH 9:8, S2AP 7:6,
 *                MemAttr 5:2). The meaning of the attribute bits is the
 *                caller's: see arch/arm64/stage2.h for the constants.
 *
 * Each level resolves 9 address bits: level 0 [47:39], level 1 [38:30],
 * level 2 [29:21], level 3 [20:12]. A root at the start level may be made of
 * up to 16 concatenated tables (stage 2 only, D8.2), the extra input bits then
 * index into the following tables: use the *_concat variants for such a root.
 *
 * None of these functions does cache or TLB maintenance, nor locking: the
 * caller serialises users of a pool and of a table, and after changing a table
 * that a walker may use, issues DSB ISHST then the TLB invalidation the change
 * needs (see the comments in pgtable.c).
 */
#ifndef ARCH_ARM64_PGTABLE_H
#define ARCH_ARM64_PGTABLE_H

#include <lib/bits.h>

#include <stddef.h>
#include <stdint.h>

#define PT_PAGE_SHIFT 12
#define PT_PAGE_SIZE  BIT(PT_PAGE_SHIFT)
#define PT_ENTRIES    512 /* descriptors per 4 KiB table */
#define PT_MAX_LEVEL  3	  /* levels 0..3 */
#define PT_MAX_CONCAT 16  /* most tables a stage-2 root may concatenate */
#define PT_OA_BITS    48  /* output addresses this code can describe */

/* Address bits resolved below @level, and the size one entry at @level maps. */
#define PT_LEVEL_SHIFT(l) (PT_PAGE_SHIFT + 9 * (PT_MAX_LEVEL - (l)))
#define PT_LEVEL_SIZE(l)  BIT(PT_LEVEL_SHIFT(l))
#define PT_SIZE_1G	  PT_LEVEL_SIZE(1)
#define PT_SIZE_2M	  PT_LEVEL_SIZE(2)

/* Descriptor type, bits[1:0]. */
#define PT_DESC_VALID BIT(0)
#define PT_DESC_TYPE  GENMASK(1, 0)
#define PT_DESC_BLOCK 0x1ULL /* levels 1, 2 */
#define PT_DESC_TABLE 0x3ULL /* levels 0..2 */
#define PT_DESC_PAGE  0x3ULL /* level 3 */

/* Output / next-level table address, bits[47:12]. */
#define PT_ADDR_MASK GENMASK(PT_OA_BITS - 1, PT_PAGE_SHIFT)
/* The attribute bits a leaf may carry: upper [63:50] and lower [11:2]. */
#define PT_ATTR_MASK (GENMASK(63, 50) | GENMASK(11, 2))

/*
 * A pool of 4 KiB table pages over a caller-provided, 4 KiB-aligned array.
 * Pages are handed out in order; pages given back (tables freed by pt_map or
 * pt_unmap, pages skipped to align a concatenated root) are kept on a free
 * list, linked through their first word, and handed out again first.
 */
struct pt_pool {
	uint64_t (*pages)[PT_ENTRIES];
	size_t npages;
	size_t next;	/* first page never handed out */
	uint64_t *free; /* list of pages given back */
	size_t nfree;
};

/* Set @pool over @npages pages at @pages. -EINVAL (empty pool) if misaligned. */
int pt_pool_init(struct pt_pool *pool, void *pages, size_t npages);

/* A zeroed page, or NULL when the pool is exhausted. */
uint64_t *pt_alloc(struct pt_pool *pool);

/*
 * @n (1, 2, 4, 8 or 16) zeroed, physically contiguous pages aligned to
 * n * 4 KiB, for a concatenated root; NULL if the pool cannot provide them.
 */
uint64_t *pt_alloc_contig(struct pt_pool *pool, size_t n);

/* Give one page back. -EINVAL if @page is not a page of @pool. */
int pt_free(struct pt_pool *pool, uint64_t *page);

/* Pages pt_alloc can still return. */
size_t pt_pool_avail(const struct pt_pool *pool);

/*
 * Map [va, va + size) to [pa, pa + size) with @leaf_attrs (bits within
 * PT_ATTR_MASK) in the tree whose root, a single table, is at @start_level
 * (0..3; input addresses below 512 entries of that level).
 *
 * Greedy, largest first: a 1 GiB block (level 1) or a 2 MiB block (level 2)
 * wherever va and pa are both aligned to it and the rest of the range covers
 * it, 4 KiB pages otherwise. Later mappings replace earlier ones: a block
 * that must be mapped more finely is split into a next-level table that keeps
 * the rest of the block's mapping; a table replaced by a block is freed.
 *
 * Returns 0; -EINVAL for a start level, range or attributes out of bounds, not
 * 4 KiB aligned, empty or wrapping; -ENOMEM if @pool lacks the pages needed,
 * in which case nothing was changed (the pages needed are counted first).
 */
int pt_map(struct pt_pool *pool, uint64_t *root, unsigned start_level, uint64_t va, uint64_t pa,
	   uint64_t size, uint64_t leaf_attrs);

/*
 * Unmap [va, va + size): blocks partly inside are split first (so -ENOMEM is
 * possible; nothing is changed then); tables left empty are freed. Unmapping
 * what is not mapped is not an error. Same -EINVAL cases as pt_map.
 */
int pt_unmap(struct pt_pool *pool, uint64_t *root, unsigned start_level, uint64_t va,
	     uint64_t size);

/*
 * Translate @va: the output address into *@pa, the leaf's attribute bits
 * (PT_ATTR_MASK) into *@leaf_attrs, the leaf's level into *@level (each may be
 * NULL). Returns 0, -ENOENT if @va is not mapped, -EINVAL if out of bounds.
 */
int pt_walk(const uint64_t *root, unsigned start_level, uint64_t va, uint64_t *pa,
	    uint64_t *leaf_attrs, unsigned *level);

/* The same, for a root of @nroot concatenated tables (1, 2, 4, 8 or 16). */
int pt_map_concat(struct pt_pool *pool, uint64_t *root, unsigned start_level, size_t nroot,
		  uint64_t va, uint64_t pa, uint64_t size, uint64_t leaf_attrs);
int pt_unmap_concat(struct pt_pool *pool, uint64_t *root, unsigned start_level, size_t nroot,
		    uint64_t va, uint64_t size);
int pt_walk_concat(const uint64_t *root, unsigned start_level, size_t nroot, uint64_t va,
		   uint64_t *pa, uint64_t *leaf_attrs, unsigned *level);

#endif /* ARCH_ARM64_PGTABLE_H */
