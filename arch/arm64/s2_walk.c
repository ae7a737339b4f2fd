// SPDX-License-Identifier: GPL-2.0-only
/*
 * Walk a built translation table entry by entry (see s2_walk.h for what is
 * reported as malformed). Recursion depth is bounded by the number of
 * levels (at most 4 frames), so a table pointing at itself or at an ancestor
 * cannot loop: at level 3 every valid entry is a page.
 */
#include <arch/arm64/s2_walk.h>
#include <lib/trace.h>

#include <errno.h>

#define DESC_OA_RES0	GENMASK(49, 48) /* OA[51:48] of FEAT_LPA/LPA2: RES0 here */
#define TABLE_HIER_BITS GENMASK(63, 59) /* NSTable, APTable, XNTable, PXNTable */
#define S2_XN_FIELD	GENMASK(54, 53) /* XN[1:0] with FEAT_XNX; XN[0] RES0 without */
#define S2_XN_NONE	(0x2ULL << 53)	/* 0b10: not executable at EL1 nor EL0 */
#define S2_SW_BITS	GENMASK(58, 55) /* reserved for software, ignored by the MMU */
#define S2_PBHA_BITS	GENMASK(62, 59) /* page-based hardware attributes, IMP DEF */
#define S2_KNOWN	(S2_MEMATTR_MASK | S2_AP_MASK | S2_SH_MASK | S2_AF | S2_XN_FIELD | S2_SW_BITS)

bool pt_pool_live(const struct pt_pool *pool, const uint64_t *page)
{
	uintptr_t p = (uintptr_t)page, base = (uintptr_t)pool->pages;
	const uint64_t *f = pool->free;

	if ((pool->npages == 0U) || (p < base) || ((p - base) >= (pool->next * PT_PAGE_SIZE)) ||
	    !IS_ALIGNED(p - base, PT_PAGE_SIZE))
		return false;
	/* The free list is linked through first words: bounded by nfree. */
	for (size_t i = 0; (f != NULL) && (i < pool->nfree); i++) {
		if (f == page)
			return false;
		f = (const uint64_t *)(uintptr_t)f[0];
	}
	return true;
}

static void run_flush(struct pt_walker *w)
{
	if (w->have_run && w->leaf)
		w->leaf(w, &w->run);
	w->have_run = false;
}

static void walk_report(struct pt_walker *w, uint64_t ia, unsigned level, uint64_t d,
			const char *why)
{
	run_flush(w); /* leaves and reports in address order */
	w->invalid++;
	if (w->bad != NULL)
		w->bad(w, ia, level, d, why);
}

static void walk_table(struct pt_walker *w, const uint64_t *t, size_t nent, unsigned level,
		       uint64_t ia0);

/* One valid descriptor @d at @level for input address @ia. */
static void walk_entry(struct pt_walker *w, uint64_t d, unsigned level, uint64_t ia)
{
	uint64_t size = PT_LEVEL_SIZE(level), oa = d & PT_ADDR_MASK;
	bool table = ((d & PT_DESC_TYPE) == PT_DESC_TABLE) && (level < PT_MAX_LEVEL);

	if (table) {
		const uint64_t *next = (const uint64_t *)(uintptr_t)oa;

		if ((d & (TABLE_HIER_BITS | DESC_OA_RES0)) != 0U)
			walk_report(w, ia, level, d,
				    "table descriptor with reserved or hierarchical bits");
		else if (w->pool && !pt_pool_live(w->pool, next))
			walk_report(w, ia, level, d, "table pointer outside the table pool");
		else
			walk_table(w, next, PT_ENTRIES, level + 1U, ia);
		return;
	}
	if (((d & PT_DESC_TYPE) == PT_DESC_BLOCK) && (level == PT_MAX_LEVEL)) {
		walk_report(w, ia, level, d, "reserved encoding 0b01 at level 3");
		return;
	}
	if (level == 0U) {
		walk_report(w, ia, level, d, "block at level 0");
		return;
	}
	if (((oa & (size - 1U)) != 0U) || ((d & DESC_OA_RES0) != 0U)) {
		walk_report(w, ia, level, d, "output address with RES0 bits set");
		return;
	}
	w->leaves++;
	if (w->merge && w->have_run && ((w->run.ia + w->run.size) == ia) &&
	    ((w->run.oa + w->run.size) == oa) && (w->run.attrs == (d & PT_ATTR_MASK))) {
		w->run.size += size;
		return;
	}
	run_flush(w);
	w->run = (struct pt_leaf){
		.ia = ia, .oa = oa, .size = size, .attrs = d & PT_ATTR_MASK, .level = level};
	w->have_run = true;
}

static void walk_table(struct pt_walker *w, const uint64_t *t, size_t nent, unsigned level,
		       uint64_t ia0)
{
	w->tables += (uint32_t)(nent / PT_ENTRIES);
	for (size_t i = 0; i < nent; i++) {
		uint64_t d = t[i];

		if ((d & PT_DESC_VALID) != 0U)
			walk_entry(w, d, level, ia0 + ((uint64_t)i << PT_LEVEL_SHIFT(level)));
	}
}

int pt_walk_tree(struct pt_walker *w, const uint64_t *root, unsigned start_level, size_t nroot)
{
	w->tables = 0;
	w->leaves = 0;
	w->invalid = 0;
	if ((root == NULL) || (start_level > PT_MAX_LEVEL) || (nroot == 0U) ||
	    (nroot > PT_MAX_CONCAT) || ((nroot & (nroot - 1U)) != 0U))
		return trace_error(-EINVAL);
	w->have_run = false;
	walk_table(w, root, nroot * PT_ENTRIES, start_level, 0);
	run_flush(w);
	return w->invalid ? trace_error(-EINVAL) : 0;
}

void s2_leaf_decode(uint64_t attrs, struct s2_leaf_info *info)
{
	info->memattr = (uint8_t)((attrs & S2_MEMATTR_MASK) >> S2_MEMATTR_SHIFT);
	info->device = (info->memattr & 0xcU) == 0U;
	info->normal_wb = info->memattr == 0xfU;
	info->read = (attrs & S2_AP_RO) != 0U;
	info->write = (attrs & S2_AP_WO) != 0U;
	info->exec = (attrs & S2_XN_FIELD) != S2_XN_NONE;
	info->af = (attrs & S2_AF) != 0U;
	info->unknown_bits = attrs & PT_ATTR_MASK & ~(S2_KNOWN | S2_PBHA_BITS);
}

const char *s2_memattr_name(uint8_t memattr)
{
	static const char *const device[4] = {"Device-nGnRnE", "Device-nGnRE", "Device-nGRE",
					      "Device-GRE"};

	if ((memattr & 0xcU) == 0U)
		return device[memattr & 3U];
	if (memattr == 0xfU)
		return "Normal WB";
	if (memattr == 0x5U)
		return "Normal NC";
	return "Normal (not WB)";
}

int s2_walk_tree(const struct s2_table *t, struct pt_walker *w)
{
	return pt_walk_tree(w, t->root, S2_START_LEVEL, S2_ROOT_TABLES);
}
