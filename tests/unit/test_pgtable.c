// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of arch/arm64/pgtable.c: the page pool and the generic mapper
 * (block/page choice, splitting, unmap, walk, exhaustion, bad input), on host
 * memory used as "physical" (identity) addresses.
 */
#include <arch/arm64/pgtable.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* Debug builds trace errors; the host harness may provide this, else this one. */
__attribute__((weak)) int trace_error_at(int err, const char *file, int line)
{
	(void)file;
	(void)line;
	return err;
}

#define GIB    0x40000000ULL
#define MIB2   0x200000ULL
#define PAGE   0x1000ULL
#define ATTRS  (BIT(54) | BIT(10) | (3ULL << 8) | (1ULL << 2)) /* arbitrary leaf bits */
#define ATTRS2 (BIT(10) | (2ULL << 6))

/* A pool of @npages pages over 4 KiB-aligned host memory, and a root table. */
struct env {
	void *mem;
	struct pt_pool pool;
	uint64_t *root;
	size_t avail; /* pages left once the root is taken */
};

static void env_init(struct env *e, size_t npages)
{
	e->mem = aligned_alloc(PAGE, npages * PAGE);
	assert_non_null(e->mem);
	memset(e->mem, 0xa5, npages * PAGE); /* pages must come back zeroed */
	assert_int_equal(pt_pool_init(&e->pool, e->mem, npages), 0);
	e->root = pt_alloc(&e->pool);
	assert_non_null(e->root);
	e->avail = pt_pool_avail(&e->pool);
}

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));

	if (!e)
		return -1;
	env_init(e, 64);
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	free(e->mem);
	free(e);
	return 0;
}

/* Pages of the pool the tables use besides the root. */
static size_t tables_used(const struct env *e)
{
	return e->avail - pt_pool_avail(&e->pool);
}

static void expect_map(const struct env *e, uint64_t va, uint64_t pa, uint64_t attrs,
		       unsigned level)
{
	uint64_t got_pa = 0, got_attrs = 0;
	unsigned got_level = 99;

	assert_int_equal(pt_walk(e->root, 1, va, &got_pa, &got_attrs, &got_level), 0);
	assert_int_equal(got_pa, pa);
	assert_int_equal(got_attrs, attrs);
	assert_int_equal(got_level, level);
}

static void expect_unmapped(const struct env *e, uint64_t va)
{
	assert_int_equal(pt_walk(e->root, 1, va, NULL, NULL, NULL), -ENOENT);
}

static uint64_t *table_at(uint64_t desc)
{
	assert_int_equal(desc & 3, 3);
	return (uint64_t *)(uintptr_t)(desc & PT_ADDR_MASK);
}

/* ---------------------------------------------------------------- pool */

static void test_pool_alloc_zeroed_until_exhausted(void **state)
{
	struct pt_pool pool;
	void *mem = aligned_alloc(PAGE, 3 * PAGE);
	uint64_t *p[3];

	(void)state;
	assert_non_null(mem);
	memset(mem, 0xff, 3 * PAGE);
	assert_int_equal(pt_pool_init(&pool, mem, 3), 0);
	assert_int_equal(pt_pool_avail(&pool), 3);
	for (int i = 0; i < 3; i++) {
		p[i] = pt_alloc(&pool);
		assert_non_null(p[i]);
		assert_int_equal((uintptr_t)p[i] & (PAGE - 1), 0);
		for (size_t j = 0; j < PT_ENTRIES; j++)
			assert_int_equal(p[i][j], 0);
	}
	assert_ptr_not_equal(p[0], p[1]);
	assert_ptr_not_equal(p[1], p[2]);
	assert_null(pt_alloc(&pool));
	assert_int_equal(pt_pool_avail(&pool), 0);

	p[1][7] = 0x1234;
	assert_int_equal(pt_free(&pool, p[1]), 0);
	assert_int_equal(pt_pool_avail(&pool), 1);
	assert_ptr_equal(pt_alloc(&pool), p[1]);
	assert_int_equal(p[1][0], 0);
	assert_int_equal(p[1][7], 0);
	free(mem);
}

static void test_pool_contig_is_aligned(void **state)
{
	struct pt_pool pool;
	uint8_t *mem = aligned_alloc(4 * PAGE, 8 * PAGE);
	uint64_t *two;

	(void)state;
	assert_non_null(mem);
	/* Start the pool one page past an 8 KiB boundary: one page is skipped. */
	assert_int_equal(pt_pool_init(&pool, mem + PAGE, 7), 0);
	two = pt_alloc_contig(&pool, 2);
	assert_ptr_equal(two, mem + 2 * PAGE);
	assert_int_equal(pt_pool_avail(&pool), 5); /* the skipped page is still usable */
	assert_null(pt_alloc_contig(&pool, 3));	   /* not a power of two */
	assert_null(pt_alloc_contig(&pool, 32));   /* more than 16 */
	assert_ptr_equal(pt_alloc_contig(&pool, 4), mem + 4 * PAGE);
	assert_null(pt_alloc_contig(&pool, 2)); /* no 8 KiB left in never-used pages */
	assert_ptr_equal(pt_alloc(&pool), mem + PAGE);
	assert_null(pt_alloc(&pool));
	free(mem);
}

static void test_pool_rejects_bad_memory(void **state)
{
	struct pt_pool pool;
	uint8_t *mem = aligned_alloc(PAGE, 2 * PAGE);
	uint64_t local[4];

	(void)state;
	assert_non_null(mem);
	assert_int_equal(pt_pool_init(&pool, mem + 8, 1), -EINVAL);
	assert_null(pt_alloc(&pool));
	assert_int_equal(pt_pool_init(&pool, NULL, 1), -EINVAL);
	assert_int_equal(pt_pool_init(&pool, mem, 2), 0);
	assert_int_equal(pt_free(&pool, local), -EINVAL);
	assert_int_equal(pt_free(&pool, (uint64_t *)(void *)(mem + 8)), -EINVAL);
	free(mem);
}

/* ---------------------------------------------------------------- block or page */

static void test_1g_range_is_one_level1_block(void **state)
{
	struct env *e = *state;

	assert_int_equal(pt_map(&e->pool, e->root, 1, 3 * GIB, 5 * GIB, GIB, ATTRS), 0);
	assert_int_equal(e->root[3], 5 * GIB | ATTRS | 1);
	assert_int_equal(tables_used(e), 0);
	expect_map(e, 3 * GIB, 5 * GIB, ATTRS, 1);
	expect_map(e, 4 * GIB - 8, 6 * GIB - 8, ATTRS, 1);
	expect_unmapped(e, 2 * GIB);
	expect_unmapped(e, 4 * GIB);
}

static void test_6m_range_is_three_level2_blocks(void **state)
{
	struct env *e = *state;
	uint64_t va = GIB + 4 * MIB2, pa = 0x88000000ULL + 2 * MIB2;
	uint64_t *l2;

	assert_int_equal(pt_map(&e->pool, e->root, 1, va, pa, 3 * MIB2, ATTRS), 0);
	assert_int_equal(tables_used(e), 1);
	l2 = table_at(e->root[1]);
	for (uint64_t i = 0; i < 3; i++) {
		assert_int_equal(l2[4 + i], (pa + i * MIB2) | ATTRS | 1);
		expect_map(e, va + i * MIB2 + 0x1234, pa + i * MIB2 + 0x1234, ATTRS, 2);
	}
	assert_int_equal(l2[3], 0);
	assert_int_equal(l2[7], 0);
}

static void test_head_middle_tail_mixed(void **state)
{
	struct env *e = *state;
	uint64_t va = GIB + MIB2 - PAGE, pa = 0x90000000ULL + MIB2 - PAGE;
	uint64_t size = PAGE + MIB2 + PAGE;
	uint64_t *l2;

	assert_int_equal(pt_map(&e->pool, e->root, 1, va, pa, size, ATTRS), 0);
	assert_int_equal(tables_used(e), 3); /* one level-2, two level-3 tables */
	expect_map(e, va, pa, ATTRS, 3);
	expect_map(e, va + PAGE, pa + PAGE, ATTRS, 2);
	expect_map(e, va + PAGE + MIB2 - PAGE, pa + MIB2, ATTRS, 2);
	expect_map(e, va + PAGE + MIB2, pa + PAGE + MIB2, ATTRS, 3);
	expect_unmapped(e, va - PAGE);
	expect_unmapped(e, va + size);
	l2 = table_at(e->root[1]);
	assert_int_equal(table_at(l2[0])[511], pa | ATTRS | 3); /* page descriptor */
	assert_int_equal(l2[1], (pa + PAGE) | ATTRS | 1);	/* block descriptor */
}

static void test_misaligned_pa_uses_pages(void **state)
{
	struct env *e = *state;
	uint64_t va = 2 * GIB, pa = 0x40000000ULL + PAGE;

	/* va is 1 GiB aligned, pa only 4 KiB aligned: every entry is a page. */
	assert_int_equal(pt_map(&e->pool, e->root, 1, va, pa, 2 * MIB2, ATTRS), 0);
	assert_int_equal(tables_used(e), 3);
	for (uint64_t off = 0; off < 2 * MIB2; off += 0x3000)
		expect_map(e, va + off, pa + off, ATTRS, 3);
}

static void test_pa_2m_aligned_only_uses_level2(void **state)
{
	struct env *e = *state;

	/* 1 GiB of va at a 1 GiB boundary, pa 2 MiB aligned: 512 level-2 blocks. */
	assert_int_equal(pt_map(&e->pool, e->root, 1, GIB, 3 * GIB + MIB2, GIB, ATTRS), 0);
	assert_int_equal(tables_used(e), 1);
	expect_map(e, GIB, 3 * GIB + MIB2, ATTRS, 2);
	expect_map(e, 2 * GIB - PAGE, 4 * GIB + MIB2 - PAGE, ATTRS, 2);
}

static void test_level0_root(void **state)
{
	struct env *e = *state;
	uint64_t va = 0x8000000000ULL + 2 * GIB; /* level-0 index 1 */
	uint64_t pa = 0, attrs = 0;
	unsigned level = 0;

	assert_int_equal(pt_map(&e->pool, e->root, 0, va, GIB, GIB, ATTRS), 0);
	assert_int_equal(tables_used(e), 1);
	assert_int_equal(table_at(e->root[1])[2], GIB | ATTRS | 1);
	assert_int_equal(pt_walk(e->root, 0, va + 5, &pa, &attrs, &level), 0);
	assert_int_equal(pa, GIB + 5);
	assert_int_equal(level, 1);
	/* A level-0 root reaches 256 TiB. */
	assert_int_equal(pt_map(&e->pool, e->root, 0, BIT(48) - PAGE, 0, PAGE, ATTRS), 0);
	assert_int_equal(pt_map(&e->pool, e->root, 0, BIT(48), 0, PAGE, ATTRS), -EINVAL);
}

/* ---------------------------------------------------------------- changing mappings */

static void test_split_1g_block_keeps_the_rest(void **state)
{
	struct env *e = *state;
	uint64_t *l2, *l3;

	assert_int_equal(pt_map(&e->pool, e->root, 1, GIB, 4 * GIB, GIB, ATTRS), 0);
	assert_int_equal(
		pt_map(&e->pool, e->root, 1, GIB + 3 * MIB2 + 5 * PAGE, 0x7000, PAGE, ATTRS2), 0);
	assert_int_equal(tables_used(e), 2);
	expect_map(e, GIB + 3 * MIB2 + 5 * PAGE, 0x7000, ATTRS2, 3);
	expect_map(e, GIB + 3 * MIB2 + 4 * PAGE, 4 * GIB + 3 * MIB2 + 4 * PAGE, ATTRS, 3);
	expect_map(e, GIB + 3 * MIB2 + 6 * PAGE, 4 * GIB + 3 * MIB2 + 6 * PAGE, ATTRS, 3);
	expect_map(e, GIB, 4 * GIB, ATTRS, 2);
	expect_map(e, 2 * GIB - 1, 5 * GIB - 1, ATTRS, 2);
	l2 = table_at(e->root[1]);
	assert_int_equal(l2[511], (5 * GIB - MIB2) | ATTRS | 1);
	l3 = table_at(l2[3]);
	assert_int_equal(l3[0], (4 * GIB + 3 * MIB2) | ATTRS | 3);
	assert_int_equal(l3[511], (4 * GIB + 4 * MIB2 - PAGE) | ATTRS | 3);
}

static void test_block_over_table_frees_it(void **state)
{
	struct env *e = *state;

	assert_int_equal(pt_map(&e->pool, e->root, 1, 0, 0x10000000ULL + PAGE, 4 * PAGE, ATTRS), 0);
	assert_int_equal(tables_used(e), 2);
	assert_int_equal(pt_map(&e->pool, e->root, 1, 0, 0x20000000ULL, MIB2, ATTRS2), 0);
	assert_int_equal(tables_used(e), 1); /* the level-3 table went back */
	expect_map(e, PAGE, 0x20000000ULL + PAGE, ATTRS2, 2);
	assert_int_equal(pt_map(&e->pool, e->root, 1, 0, 0, GIB, ATTRS), 0);
	assert_int_equal(tables_used(e), 0);
	expect_map(e, PAGE, PAGE, ATTRS, 1);
}

static void test_remap_page_replaces_it(void **state)
{
	struct env *e = *state;

	assert_int_equal(pt_map(&e->pool, e->root, 1, 0x9000, 0x5000, PAGE, ATTRS), 0);
	assert_int_equal(pt_map(&e->pool, e->root, 1, 0x9000, 0x6000, PAGE, ATTRS2), 0);
	expect_map(e, 0x9000, 0x6000, ATTRS2, 3);
	assert_int_equal(tables_used(e), 2);
}

static void test_unmap_splits_and_frees(void **state)
{
	struct env *e = *state;

	assert_int_equal(pt_map(&e->pool, e->root, 1, GIB, GIB, GIB, ATTRS), 0);
	assert_int_equal(pt_unmap(&e->pool, e->root, 1, GIB + MIB2 + PAGE, PAGE), 0);
	expect_unmapped(e, GIB + MIB2 + PAGE);
	expect_map(e, GIB + MIB2, GIB + MIB2, ATTRS, 3);
	expect_map(e, GIB + MIB2 + 2 * PAGE, GIB + MIB2 + 2 * PAGE, ATTRS, 3);
	expect_map(e, GIB + 2 * MIB2, GIB + 2 * MIB2, ATTRS, 2);
	expect_map(e, GIB, GIB, ATTRS, 2);
	assert_int_equal(tables_used(e), 2);

	/* Unmapping a whole 2 MiB drops the level-3 table it held. */
	assert_int_equal(pt_unmap(&e->pool, e->root, 1, GIB + MIB2, MIB2), 0);
	assert_int_equal(tables_used(e), 1);
	expect_unmapped(e, GIB + MIB2);

	/* Unmapping the rest empties the level-2 table, which goes too. */
	assert_int_equal(pt_unmap(&e->pool, e->root, 1, GIB, MIB2), 0);
	assert_int_equal(pt_unmap(&e->pool, e->root, 1, GIB + 2 * MIB2, GIB - 2 * MIB2), 0);
	assert_int_equal(tables_used(e), 0);
	assert_int_equal(e->root[1], 0);
	/* Nothing mapped: not an error. */
	assert_int_equal(pt_unmap(&e->pool, e->root, 1, 0, 8 * GIB), 0);
}

static void test_unmap_everything_returns_all_pages(void **state)
{
	struct env *e = *state;

	assert_int_equal(pt_map(&e->pool, e->root, 1, PAGE, 0x30000000ULL + PAGE, 3 * MIB2, ATTRS),
			 0);
	assert_int_equal(pt_map(&e->pool, e->root, 1, 7 * GIB + PAGE, PAGE, PAGE, ATTRS), 0);
	assert_int_not_equal(tables_used(e), 0);
	assert_int_equal(pt_unmap(&e->pool, e->root, 1, 0, 512 * GIB), 0);
	assert_int_equal(tables_used(e), 0);
	for (size_t i = 0; i < PT_ENTRIES; i++)
		assert_int_equal(e->root[i], 0);
}

/* ---------------------------------------------------------------- walk, errors */

static void test_walk_unmapped_and_reserved(void **state)
{
	struct env *e = *state;
	uint64_t pa = 0xdead;
	uint64_t *l3;

	assert_int_equal(pt_walk(e->root, 1, 0x1234, &pa, NULL, NULL), -ENOENT);
	assert_int_equal(pa, 0xdead);
	assert_int_equal(pt_map(&e->pool, e->root, 1, 0, 0x80000000ULL, PAGE, ATTRS), 0);
	expect_unmapped(e, PAGE);
	expect_unmapped(e, MIB2);
	/* 0b01 at level 3 is a reserved encoding: a fault, not a mapping. */
	l3 = table_at(table_at(e->root[0])[0]);
	l3[2] = 0x80002000ULL | 1;
	expect_unmapped(e, 2 * PAGE);
	assert_int_equal(pt_walk(e->root, 1, 512 * GIB, &pa, NULL, NULL), -EINVAL);
	assert_int_equal(pt_walk(e->root, 4, 0, &pa, NULL, NULL), -EINVAL);
	assert_int_equal(pt_walk(NULL, 1, 0, &pa, NULL, NULL), -EINVAL);
}

static void test_exhaustion_changes_nothing(void **state)
{
	struct env e;
	uint64_t before[PT_ENTRIES];

	(void)state;
	env_init(&e, 3); /* root + 2 pages */
	/* Needs a level-2 and two level-3 tables: one too many. */
	assert_int_equal(pt_map(&e.pool, e.root, 1, MIB2 - PAGE, MIB2 - PAGE, 2 * PAGE, ATTRS),
			 -ENOMEM);
	assert_int_equal(pt_pool_avail(&e.pool), 2);
	for (size_t i = 0; i < PT_ENTRIES; i++)
		assert_int_equal(e.root[i], 0);
	/* Two tables are enough for one side. */
	assert_int_equal(pt_map(&e.pool, e.root, 1, MIB2 - PAGE, MIB2 - PAGE, PAGE, ATTRS), 0);
	assert_int_equal(pt_pool_avail(&e.pool), 0);
	assert_int_equal(pt_map(&e.pool, e.root, 1, MIB2, MIB2, PAGE, ATTRS), -ENOMEM);

	/* Splitting a block needs a page too: unmap fails whole, mapping kept. */
	assert_int_equal(pt_map(&e.pool, e.root, 1, 4 * GIB, 0, GIB, ATTRS), 0);
	memcpy(before, e.root, sizeof(before));
	assert_int_equal(pt_unmap(&e.pool, e.root, 1, 4 * GIB, PAGE), -ENOMEM);
	assert_memory_equal(before, e.root, sizeof(before));
	expect_map(&e, 4 * GIB, 0, ATTRS, 1);
	free(e.mem);
}

static void test_bad_input_rejected(void **state)
{
	struct env *e = *state;
	struct pt_pool *p = &e->pool;
	uint64_t *r = e->root;

	assert_int_equal(pt_map(p, r, 1, 0x800, 0, PAGE, ATTRS), -EINVAL);	      /* va */
	assert_int_equal(pt_map(p, r, 1, 0, 0x800, PAGE, ATTRS), -EINVAL);	      /* pa */
	assert_int_equal(pt_map(p, r, 1, 0, 0, 0x800, ATTRS), -EINVAL);		      /* size */
	assert_int_equal(pt_map(p, r, 1, 0, 0, 0, ATTRS), -EINVAL);		      /* empty */
	assert_int_equal(pt_map(p, r, 0, ~0ULL - PAGE + 1, 0, 2 * PAGE, 0), -EINVAL); /* wraps */
	assert_int_equal(pt_map(p, r, 1, 0, ~0ULL - PAGE + 1, 2 * PAGE, 0), -EINVAL); /* pa wraps */
	assert_int_equal(pt_map(p, r, 1, 512 * GIB - PAGE, 0, 2 * PAGE, 0), -EINVAL); /* reach */
	assert_int_equal(pt_map(p, r, 1, 0, BIT(48) - PAGE, 2 * PAGE, 0), -EINVAL); /* > 48 bits */
	assert_int_equal(pt_map(p, r, 1, 0, 0, PAGE, 0x5000), -EINVAL);	  /* address in attrs */
	assert_int_equal(pt_map(p, r, 1, 0, 0, PAGE, 3), -EINVAL);	  /* type in attrs */
	assert_int_equal(pt_map(p, r, 4, 0, 0, PAGE, ATTRS), -EINVAL);	  /* level */
	assert_int_equal(pt_map(p, NULL, 1, 0, 0, PAGE, ATTRS), -EINVAL); /* root */
	assert_int_equal(pt_map_concat(p, r, 1, 3, 0, 0, PAGE, ATTRS), -EINVAL);  /* 3 tables */
	assert_int_equal(pt_map_concat(p, r, 1, 32, 0, 0, PAGE, ATTRS), -EINVAL); /* > 16 */
	assert_int_equal(pt_unmap(p, r, 1, 0x800, PAGE), -EINVAL);
	assert_int_equal(pt_unmap(p, r, 1, 0, 0), -EINVAL);
	assert_int_equal(tables_used(e), 0);
	for (size_t i = 0; i < PT_ENTRIES; i++)
		assert_int_equal(r[i], 0);
}

/* ---------------------------------------------------------------- model check */

/* Random maps and unmaps over [0, 4 GiB), checked page by page against a flat model. */
#define MODEL_PAGES (4 * GIB / PAGE)
#define MODEL_NONE  (~0ULL)

struct model {
	uint64_t pa[MODEL_PAGES];
	uint8_t attr[MODEL_PAGES];
};

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* A 4 KiB, 2 MiB or 1 GiB multiple, sometimes nudged by a page off alignment. */
static uint64_t rnd_unit(uint64_t max)
{
	static const uint64_t units[] = {PAGE, MIB2, GIB};
	uint64_t unit = units[rng() % 3];
	uint64_t v = (rng() % (max / unit + 1)) * unit;

	if (rng() % 4 == 0)
		v += (rng() % 3) * PAGE;
	return MIN(v, max);
}

static const uint64_t model_attrs[] = {ATTRS, ATTRS2, BIT(10)};

static void model_check_page(const struct env *e, const struct model *m, uint64_t page)
{
	uint64_t pa = 0, attrs = 0;
	int err;

	err = pt_walk(e->root, 1, page * PAGE + 0x18, &pa, &attrs, NULL);
	if (m->pa[page] == MODEL_NONE) {
		assert_int_equal(err, -ENOENT);
		return;
	}
	assert_int_equal(err, 0);
	assert_int_equal(pa, m->pa[page] + 0x18);
	assert_int_equal(attrs, model_attrs[m->attr[page]]);
}

static void model_op(struct env *e, struct model *m)
{
	uint64_t va = rnd_unit(4 * GIB - PAGE);
	uint64_t size = rnd_unit(4 * GIB - va);
	uint64_t pa = rnd_unit(8 * GIB);
	uint8_t a = (uint8_t)(rng() % 3);

	if (!size)
		size = PAGE;
	if (rng() % 3 == 0) {
		assert_int_equal(pt_unmap(&e->pool, e->root, 1, va, size), 0);
		pa = MODEL_NONE;
	} else {
		assert_int_equal(pt_map(&e->pool, e->root, 1, va, pa, size, model_attrs[a]), 0);
	}
	for (uint64_t i = 0; i < size / PAGE; i++) {
		m->pa[va / PAGE + i] = pa == MODEL_NONE ? MODEL_NONE : pa + i * PAGE;
		m->attr[va / PAGE + i] = a;
	}
	model_check_page(e, m, va / PAGE);
	model_check_page(e, m, (va + size) / PAGE - 1);
	for (int i = 0; i < 256; i++)
		model_check_page(e, m, rng() % MODEL_PAGES);
}

static void test_random_ops_match_model(void **state)
{
	struct model *m = malloc(sizeof(*m));
	struct env e;

	(void)state;
	assert_non_null(m);
	env_init(&e, 4096);
	for (uint64_t i = 0; i < MODEL_PAGES; i++)
		m->pa[i] = MODEL_NONE;
	for (int op = 0; op < 1000; op++)
		model_op(&e, m);
	for (uint64_t page = 0; page < MODEL_PAGES; page++)
		model_check_page(&e, m, page);
	assert_int_equal(pt_unmap(&e.pool, e.root, 1, 0, 4 * GIB), 0);
	assert_int_equal(pt_pool_avail(&e.pool), e.avail);
	free(e.mem);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_alloc_zeroed_until_exhausted),
		cmocka_unit_test(test_pool_contig_is_aligned),
		cmocka_unit_test(test_pool_rejects_bad_memory),
		cmocka_unit_test_setup_teardown(test_1g_range_is_one_level1_block, setup, teardown),
		cmocka_unit_test_setup_teardown(test_6m_range_is_three_level2_blocks, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_head_middle_tail_mixed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_misaligned_pa_uses_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pa_2m_aligned_only_uses_level2, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_level0_root, setup, teardown),
		cmocka_unit_test_setup_teardown(test_split_1g_block_keeps_the_rest, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_block_over_table_frees_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remap_page_replaces_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmap_splits_and_frees, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmap_everything_returns_all_pages, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_walk_unmapped_and_reserved, setup, teardown),
		cmocka_unit_test(test_exhaustion_changes_nothing),
		cmocka_unit_test_setup_teardown(test_bad_input_rejected, setup, teardown),
		cmocka_unit_test(test_random_ops_match_model),
	};

	return cmocka_run_group_tests_name("pgtable", tests, NULL, NULL);
}
