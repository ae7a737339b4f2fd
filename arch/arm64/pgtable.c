// SPDX-License-Identifier: GPL-2.0-only
/*
 * VMSAv8-64 translation tables, 4 KiB granule: the page pool and the generic
 * mapper (see pgtable.h for the descriptor formats).
 *
 * pt_map and pt_unmap run twice over the tree: a counting pass that only reads
 * and counts the tables the change needs (a table not yet made reads as a
 * uniform "virtual" table: empty, or the pieces of the block it splits), then,
 * if the pool has that many pages, the pass that writes. So -ENOMEM changes
 * nothing, and the writing pass cannot fail halfway.
 *
 * Cache and TLB maintenance is the caller's (Arm ARM DDI 0487K.a, D8.16
 * "Translation Lookaside Buffers" and D8.16.1 "Using break-before-make when
 * updating translation table entries"). Where a table may be in use by a
 * walker, the caller must, after these functions return:
 *   - DSB ISHST, so that walkers see the new descriptors (the tables are
 *     walked with cacheable attributes: TCR_EL2/VTCR_EL2 IRGN0/ORGN0 = WB);
 *   - for a valid entry changed or removed (a block split, a leaf replaced,
 *     an unmap): TLBI for the range (VAE2IS / IPAS2E1IS + VMALLE1IS, or
 *     VMALLS12E1IS for the VMID), DSB ISH, ISB;
 *   - before allocating from the pool again, complete that TLBI: the pages of
 *     freed tables go back to the pool and may still sit in walk caches.
 * Changing a live valid entry to another valid one (splitting a block, a new
 * output address or memory type) needs break-before-make, which these
 * functions do not do: they are meant for tables not in use (stage 2 of a
 * partition that is not running, EL2 tables before the MMU is on), or for
 * changes that only add mappings to invalid entries.
 */
#include <arch/arm64/pgtable.h>
#include <lib/trace.h>

#include <errno.h>
#include <stdbool.h>
#include <string.h>

/* ---------------------------------------------------------------- page pool */

static bool pool_owns(const struct pt_pool *pool, const uint64_t *page)
{
	uintptr_t p = (uintptr_t)page;
	uintptr_t base = (uintptr_t)pool->pages;

	return pool->npages && p >= base && p - base < pool->npages * PT_PAGE_SIZE &&
	       IS_ALIGNED(p - base, PT_PAGE_SIZE);
}

int pt_pool_init(struct pt_pool *pool, void *pages, size_t npages)
{
	uintptr_t base = (uintptr_t)pages;

	memset(pool, 0, sizeof(*pool));
	if (!npages)
		return 0;
	/* Every page must be describable by a table descriptor, bits[47:12]. */
	if (!pages || !IS_ALIGNED(base, PT_PAGE_SIZE) ||
	    npages > (BIT(PT_OA_BITS) >> PT_PAGE_SHIFT) ||
	    base > BIT(PT_OA_BITS) - npages * PT_PAGE_SIZE)
		return trace_error(-EINVAL);
	pool->pages = pages;
	pool->npages = npages;
	return 0;
}

static uint64_t *pool_take(struct pt_pool *pool)
{
	uint64_t *page = pool->free;

	if (page) {
		pool->free = (uint64_t *)(uintptr_t)page[0];
		pool->nfree--;
		return page;
	}
	if (pool->next < pool->npages)
		return pool->pages[pool->next++];
	return NULL;
}

uint64_t *pt_alloc(struct pt_pool *pool)
{
	uint64_t *page = pool_take(pool);

	if (page)
		memset(page, 0, PT_PAGE_SIZE);
	return page;
}

uint64_t *pt_alloc_contig(struct pt_pool *pool, size_t n)
{
	size_t first = pool->next;

	if (n == 1)
		return pt_alloc(pool);
	if (!n || n > PT_MAX_CONCAT || (n & (n - 1)))
		return NULL;
	/* Only never-used pages are known to be contiguous: take them in order. */
	while (first < pool->npages && !IS_ALIGNED((uintptr_t)pool->pages[first], n * PT_PAGE_SIZE))
		first++;
	if (first >= pool->npages || pool->npages - first < n)
		return NULL;
	while (pool->next < first) /* pages skipped for alignment stay usable */
		(void)pt_free(pool, pool->pages[pool->next++]);
	pool->next = first + n;
	memset(pool->pages[first], 0, n * PT_PAGE_SIZE);
	return pool->pages[first];
}

int pt_free(struct pt_pool *pool, uint64_t *page)
{
	if (!pool_owns(pool, page))
		return trace_error(-EINVAL);
	page[0] = (uint64_t)(uintptr_t)pool->free;
	pool->free = page;
	pool->nfree++;
	return 0;
}

size_t pt_pool_avail(const struct pt_pool *pool)
{
	return pool->nfree + (pool->npages - pool->next);
}

/* ---------------------------------------------------------------- descriptors */

static uint64_t level_size(unsigned level)
{
	return PT_LEVEL_SIZE(level);
}

/* Index of @va's entry in a table at @level of @nent entries (> 512: concatenated root). */
static size_t entry_index(unsigned level, size_t nent, uint64_t va)
{
	return (size_t)(va >> PT_LEVEL_SHIFT(level)) & (nent - 1);
}

/* Bytes of [va, va + size) inside the entry at @level that covers va. */
static uint64_t chunk_len(unsigned level, uint64_t va, uint64_t size)
{
	uint64_t room = level_size(level) - (va & (level_size(level) - 1));

	return MIN(room, size);
}

static bool is_table(uint64_t d, unsigned level)
{
	return level < PT_MAX_LEVEL && (d & PT_DESC_TYPE) == PT_DESC_TABLE;
}

/* A valid block (levels 1, 2) or page (level 3). Level-0 blocks do not exist with 4 KiB. */
static bool is_leaf(uint64_t d, unsigned level)
{
	if (level == PT_MAX_LEVEL)
		return (d & PT_DESC_TYPE) == PT_DESC_PAGE;
	return level >= 1 && (d & PT_DESC_TYPE) == PT_DESC_BLOCK;
}

static uint64_t *table_of(uint64_t d)
{
	return (uint64_t *)(uintptr_t)(d & PT_ADDR_MASK);
}

static uint64_t table_desc(const uint64_t *t)
{
	return (uint64_t)(uintptr_t)t | PT_DESC_TABLE;
}

static uint64_t leaf_desc(unsigned level, uint64_t pa, uint64_t attrs)
{
	return pa | attrs | (level == PT_MAX_LEVEL ? PT_DESC_PAGE : PT_DESC_BLOCK);
}

/* Output address of a leaf at @level: bits[47:n], n = 30, 21 or 12. */
static uint64_t leaf_oa(uint64_t d, unsigned level)
{
	return d & PT_ADDR_MASK & ~(level_size(level) - 1);
}

/* First of the 512 next-level leaves a block at @level splits into. */
static uint64_t split_child(uint64_t d, unsigned level)
{
	return leaf_desc(level + 1, leaf_oa(d, level), d & PT_ATTR_MASK);
}

/*
 * One single-copy-atomic 64-bit store (D8.2 "Atomicity of translation table
 * walks" for the walker's view). The compiler barrier keeps the contents of a
 * new table written before the descriptor that links it in.
 */
static void set_desc(uint64_t *e, uint64_t d)
{
	__asm__ volatile("" ::: "memory");
	*(volatile uint64_t *)e = d;
}

static bool table_empty(const uint64_t *t)
{
	for (size_t i = 0; i < PT_ENTRIES; i++)
		if (t[i] & PT_DESC_VALID)
			return false;
	return true;
}

/* Give table @t (at @level) and every table below it back to the pool. */
static void free_tree(struct pt_pool *pool, uint64_t *t, unsigned level)
{
	for (size_t i = 0; level < PT_MAX_LEVEL && i < PT_ENTRIES; i++)
		if (is_table(t[i], level))
			free_tree(pool, table_of(t[i]), level + 1);
	(void)pt_free(pool, t);
}

/* Invalidate entry @e (holding @d) at @level; a table below it is freed. */
static void clear_entry(struct pt_pool *pool, uint64_t *e, uint64_t d, unsigned level)
{
	set_desc(e, 0);
	if (is_table(d, level))
		free_tree(pool, table_of(d), level + 1);
}

/* ---------------------------------------------------------------- tree walk */

struct pt_ctx {
	struct pt_pool *pool;
	bool dry; /* counting pass: nothing written, tables needed in @need */
	size_t need;
	uint64_t delta; /* pa - va, modulo 2^64 (pt_map) */
	uint64_t attrs; /* leaf attributes (pt_map) */
};

/*
 * The next-level table under entry @e (holding @d) at @level, for a change to
 * part of its range: the table it points to, or a new one (empty, or filled
 * with the 512 pieces of the block it replaces, so the rest of the block keeps
 * its mapping). In the counting pass a table to be made is counted and
 * returned as NULL, to be read as uniform entries *@fill.
 */
static int descend(struct pt_ctx *c, uint64_t *e, uint64_t d, unsigned level, uint64_t **next,
		   uint64_t *fill)
{
	*fill = is_leaf(d, level) ? split_child(d, level) : 0;
	*next = is_table(d, level) ? table_of(d) : NULL;
	if (*next)
		return 0;
	if (c->dry) {
		c->need++;
		return 0;
	}
	*next = pt_alloc(c->pool);
	if (!*next)
		return trace_error(-ENOMEM);
	for (size_t i = 0; *fill && i < PT_ENTRIES; i++)
		(*next)[i] = *fill + i * level_size(level + 1);
	/* Live table: splitting a valid block needs break-before-make (see top). */
	set_desc(e, table_desc(*next));
	return 0;
}

/* A leaf at @level can map @len bytes at @va -> @pa: the largest that fits. */
static bool leaf_fits(unsigned level, uint64_t pa, uint64_t len)
{
	if (level == PT_MAX_LEVEL)
		return true;
	return level >= 1 && len == level_size(level) && IS_ALIGNED(pa, level_size(level));
}

static int map_table(struct pt_ctx *c, uint64_t *t, uint64_t fill, unsigned level, size_t nent,
		     uint64_t va, uint64_t size);

/* Map [va, va + len), all inside entry @e (holding @d) at @level. */
static int map_entry(struct pt_ctx *c, uint64_t *e, uint64_t d, unsigned level, uint64_t va,
		     uint64_t len)
{
	uint64_t pa = va + c->delta;
	uint64_t *next;
	uint64_t fill;
	int err;

	if (leaf_fits(level, pa, len)) {
		if (!c->dry) {
			/* Live table: replacing a valid entry needs break-before-make. */
			set_desc(e, leaf_desc(level, pa, c->attrs));
			if (is_table(d, level))
				free_tree(c->pool, table_of(d), level + 1);
		}
		return 0;
	}
	err = descend(c, e, d, level, &next, &fill);
	if (err)
		return err;
	return map_table(c, next, fill, level + 1, PT_ENTRIES, va, len);
}

/* Map [va, va + size) through table @t at @level (NULL: uniform entries @fill). */
static int map_table(struct pt_ctx *c, uint64_t *t, uint64_t fill, unsigned level, size_t nent,
		     uint64_t va, uint64_t size)
{
	int err = 0;

	while (!err && size) {
		uint64_t len = chunk_len(level, va, size);
		size_t i = entry_index(level, nent, va);

		err = map_entry(c, t ? &t[i] : NULL, t ? t[i] : fill, level, va, len);
		va += len;
		size -= len;
	}
	return err;
}

static int unmap_table(struct pt_ctx *c, uint64_t *t, uint64_t fill, unsigned level, size_t nent,
		       uint64_t va, uint64_t size);

/* Unmap [va, va + len), all inside entry @e (holding @d) at @level. */
static int unmap_entry(struct pt_ctx *c, uint64_t *e, uint64_t d, unsigned level, uint64_t va,
		       uint64_t len)
{
	uint64_t *next;
	uint64_t fill;
	int err;

	if (!is_table(d, level) && !is_leaf(d, level))
		return 0; /* not mapped */
	if (len == level_size(level)) {
		if (!c->dry)
			clear_entry(c->pool, e, d, level);
		return 0;
	}
	err = descend(c, e, d, level, &next, &fill);
	if (!err)
		err = unmap_table(c, next, fill, level + 1, PT_ENTRIES, va, len);
	if (!err && !c->dry && table_empty(next))
		clear_entry(c->pool, e, *e, level);
	return err;
}

static int unmap_table(struct pt_ctx *c, uint64_t *t, uint64_t fill, unsigned level, size_t nent,
		       uint64_t va, uint64_t size)
{
	int err = 0;

	while (!err && size) {
		uint64_t len = chunk_len(level, va, size);
		size_t i = entry_index(level, nent, va);

		err = unmap_entry(c, t ? &t[i] : NULL, t ? t[i] : fill, level, va, len);
		va += len;
		size -= len;
	}
	return err;
}

/* ---------------------------------------------------------------- entry points */

/* Root shape and input range [va, va + size): 4 KiB aligned, inside the root's reach. */
static int check_input(const uint64_t *root, unsigned start_level, size_t nroot, uint64_t va,
		       uint64_t size)
{
	uint64_t reach;

	if (!root || start_level > PT_MAX_LEVEL || !nroot || nroot > PT_MAX_CONCAT ||
	    (nroot & (nroot - 1)) || !IS_ALIGNED((uintptr_t)root, nroot * PT_PAGE_SIZE))
		return trace_error(-EINVAL);
	reach = (uint64_t)nroot * PT_ENTRIES * level_size(start_level);
	if (!size || !IS_ALIGNED(va | size, PT_PAGE_SIZE) || va + size < va || va + size > reach)
		return trace_error(-EINVAL);
	return 0;
}

int pt_map_concat(struct pt_pool *pool, uint64_t *root, unsigned start_level, size_t nroot,
		  uint64_t va, uint64_t pa, uint64_t size, uint64_t leaf_attrs)
{
	struct pt_ctx c = {.pool = pool, .dry = true, .delta = pa - va, .attrs = leaf_attrs};
	int err = check_input(root, start_level, nroot, va, size);

	if (err)
		return err;
	if (!IS_ALIGNED(pa, PT_PAGE_SIZE) || pa + size < pa || pa + size > BIT(PT_OA_BITS) ||
	    (leaf_attrs & ~PT_ATTR_MASK))
		return trace_error(-EINVAL);
	err = map_table(&c, root, 0, start_level, nroot * PT_ENTRIES, va, size);
	if (err)
		return err;
	if (c.need > pt_pool_avail(pool))
		return trace_error(-ENOMEM);
	c.dry = false;
	return map_table(&c, root, 0, start_level, nroot * PT_ENTRIES, va, size);
}

int pt_unmap_concat(struct pt_pool *pool, uint64_t *root, unsigned start_level, size_t nroot,
		    uint64_t va, uint64_t size)
{
	struct pt_ctx c = {.pool = pool, .dry = true};
	int err = check_input(root, start_level, nroot, va, size);

	if (err)
		return err;
	err = unmap_table(&c, root, 0, start_level, nroot * PT_ENTRIES, va, size);
	if (err)
		return err;
	if (c.need > pt_pool_avail(pool))
		return trace_error(-ENOMEM);
	c.dry = false;
	return unmap_table(&c, root, 0, start_level, nroot * PT_ENTRIES, va, size);
}

int pt_walk_concat(const uint64_t *root, unsigned start_level, size_t nroot, uint64_t va,
		   uint64_t *pa, uint64_t *leaf_attrs, unsigned *level)
{
	unsigned l = start_level;
	uint64_t d;
	int err = check_input(root, start_level, nroot, ALIGN_DOWN(va, PT_PAGE_SIZE), PT_PAGE_SIZE);

	if (err)
		return err;
	d = root[entry_index(l, nroot * PT_ENTRIES, va)];
	while (is_table(d, l)) {
		l++;
		d = table_of(d)[entry_index(l, PT_ENTRIES, va)];
	}
	if (!is_leaf(d, l))
		return -ENOENT; /* not an error to trace: callers probe with it */
	if (pa)
		*pa = leaf_oa(d, l) | (va & (level_size(l) - 1));
	if (leaf_attrs)
		*leaf_attrs = d & PT_ATTR_MASK;
	if (level)
		*level = l;
	return 0;
}

int pt_map(struct pt_pool *pool, uint64_t *root, unsigned start_level, uint64_t va, uint64_t pa,
	   uint64_t size, uint64_t leaf_attrs)
{
	return pt_map_concat(pool, root, start_level, 1, va, pa, size, leaf_attrs);
}

int pt_unmap(struct pt_pool *pool, uint64_t *root, unsigned start_level, uint64_t va, uint64_t size)
{
	return pt_unmap_concat(pool, root, start_level, 1, va, size);
}

int pt_walk(const uint64_t *root, unsigned start_level, uint64_t va, uint64_t *pa,
	    uint64_t *leaf_attrs, unsigned *level)
{
	return pt_walk_concat(root, start_level, 1, va, pa, leaf_attrs, level);
}
