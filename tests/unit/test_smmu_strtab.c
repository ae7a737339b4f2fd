// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SMMU stream table's span allocator (smmu/strtab_alloc.c), on the host:
 * which level-2 table each span of 64 stream IDs points at, what the tables
 * hold, when the pool runs out, and that restart (abort, then attach again)
 * allocates nothing. The device side (descriptor stores, invalidations) is a
 * recording stand-in for the driver's point callback.
 */
#include <smmu/strtab_alloc.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#define VTCR 0x80053558ULL /* 40-bit IPA, level 1, 4 KiB, 48-bit PS (test_smmu_enc.c) */

static struct smmu_ste mem[STRTAB_TABLES][STRTAB_L2_STES] __attribute__((aligned(4096)));
static uint64_t roots[4][1024] __attribute__((aligned(8192))); /* level-1 roots, 2 tables */
static struct strtab st;
static unsigned int points; /* descriptor stores the allocator asked for */

static void point(const struct strtab *s, unsigned int span, unsigned int t)
{
	assert_ptr_equal(s, &st);
	assert_true(span < STRTAB_L1_MAX && t < STRTAB_TABLES);
	assert_int_equal(s->span_tbl[span], t + 1); /* recorded before the store */
	points++;
}

static int setup(void **state)
{
	(void)state;
	memset(mem, 0xa5, sizeof(mem)); /* not zeroed at boot either */
	strtab_reset(&st, mem, false, point);
	points = 0;
	return 0;
}

/* The stage-2 STE of partition @vmid (its own root). */
static struct smmu_ste s2_ste(uint16_t vmid)
{
	struct smmu_ste x;

	assert_int_equal(smmu_ste_s2(&x, vmid, VTCR, (uint64_t)(uintptr_t)roots[vmid]), 0);
	return x;
}

static struct smmu_ste abort_ste(void)
{
	struct smmu_ste x;

	smmu_ste_abort(&x);
	return x;
}

static struct smmu_ste invalid_ste(void)
{
	struct smmu_ste x;

	smmu_ste_invalid(&x);
	return x;
}

/* The configuration stream @sid gets: NULL for an invalid level-1 descriptor. */
static const struct smmu_ste *sid_ste(uint32_t sid)
{
	int t = (int)st.span_tbl[sid >> STRTAB_SPLIT] - 1;

	return t < 0 ? NULL : &mem[t][sid & (STRTAB_L2_STES - 1)];
}

static void assert_sid(uint32_t sid, const struct smmu_ste *want)
{
	const struct smmu_ste *got = sid_ste(sid);

	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_memory_equal(got, want, sizeof(*want));
}

static int attach(uint32_t base, uint32_t count, uint16_t vmid, struct vmid_set *old)
{
	struct smmu_ste x = s2_ste(vmid);

	return strtab_set_spans(&st, base, base + count, &x, old);
}

static int abort_range(uint32_t base, uint32_t count, struct vmid_set *old)
{
	struct smmu_ste x = abort_ste();

	return strtab_set_spans(&st, base, base + count, &x, old);
}

static void test_empty(void **state)
{
	(void)state;
	assert_int_equal(strtab_free_tables(&st), STRTAB_POOL);
	for (uint32_t sid = 0; sid < (1U << SMMU_MAX_SID_BITS); sid += 97)
		assert_sid(sid, NULL); /* C_BAD_STREAMID: aborted and recorded */
	for (unsigned int i = 0; i < STRTAB_L2_STES; i++) {
		struct smmu_ste a = abort_ste();

		assert_memory_equal(&mem[STRTAB_ABORT][i], &a, sizeof(a));
	}
}

/* A whole PCI segment (1024 spans) costs one uniform table. */
static void test_whole_spans_share_one_uniform_table(void **state)
{
	struct vmid_set old = {.n = 0};
	struct smmu_ste x = s2_ste(1);

	(void)state;
	assert_int_equal(attach(0, 1U << SMMU_MAX_SID_BITS, 1, &old), 0);
	assert_int_equal(strtab_free_tables(&st), STRTAB_POOL - 1);
	assert_int_equal(points, STRTAB_L1_MAX);
	assert_int_equal(old.n, 0);
	for (uint32_t sid = 0; sid < (1U << SMMU_MAX_SID_BITS); sid += 61)
		assert_sid(sid, &x);
	/* The same again: nothing to do. */
	assert_int_equal(attach(0, 1U << SMMU_MAX_SID_BITS, 1, &old), 0);
	assert_int_equal(points, STRTAB_L1_MAX);
	assert_int_equal(strtab_free_tables(&st), STRTAB_POOL - 1);
}

/* A partial span gets a private table: its range translates, the rest stays invalid. */
static void test_partial_span_private(void **state)
{
	struct vmid_set old = {.n = 0};
	struct smmu_ste x = s2_ste(2), inv = invalid_ste();

	(void)state;
	assert_int_equal(attach(0x8, 1, 2, &old), 0);
	assert_int_equal(strtab_free_tables(&st), STRTAB_POOL - 1);
	assert_true(strtab_is_private(&st, (int)st.span_tbl[0] - 1));
	assert_sid(0x8, &x);
	assert_sid(0x7, &inv); /* C_BAD_STE */
	assert_sid(0x9, &inv);
	assert_sid(0x40, NULL); /* the next span untouched */
	/* A second owner in the same span: the same private table, updated by the driver. */
	assert_int_equal(attach(0x10, 2, 3, &old), 0);
	assert_int_equal(strtab_free_tables(&st), STRTAB_POOL - 1);
	assert_sid(0x10, &inv); /* live: left to the driver's in-place update */
}

/* Abort: whole spans go to the shared abort table; unowned partial spans stay invalid. */
static void test_abort(void **state)
{
	struct vmid_set old = {.n = 0};
	struct smmu_ste a = abort_ste();

	(void)state;
	assert_int_equal(attach(0x40, 0x80, 1, &old), 0); /* spans 1 and 2 */
	assert_int_equal(abort_range(0x40, 0x80, &old), 0);
	assert_int_equal(old.n, 1);
	assert_int_equal(old.v[0], 1); /* the VMID whose TLB entries must go */
	assert_int_equal(st.span_tbl[1], STRTAB_ABORT + 1);
	assert_int_equal(st.span_tbl[2], STRTAB_ABORT + 1);
	assert_sid(0x40, &a);
	assert_sid(0xbf, &a);
	/* Never attached and partial: keeps aborting as it did, no table taken. */
	assert_int_equal(abort_range(0x200, 3, &old), 0);
	assert_sid(0x200, NULL);
	assert_int_equal(strtab_free_tables(&st), STRTAB_POOL - 1);
}

/* Restart: abort then attach again with the same ranges takes no table. */
static void test_restart_allocates_nothing(void **state)
{
	struct vmid_set old = {.n = 0};
	unsigned int free;

	(void)state;
	assert_int_equal(attach(0, 0x100, 1, &old), 0);	    /* 4 whole spans */
	assert_int_equal(attach(0x108, 4, 2, &old), 0);	    /* partial */
	assert_int_equal(attach(0x1000, 0x40, 3, &old), 0); /* one whole span */
	free = strtab_free_tables(&st);
	assert_int_equal(free, STRTAB_POOL - 3);
	for (int life = 0; life < 3; life++) {
		assert_int_equal(abort_range(0, 0x100, &old), 0);
		assert_int_equal(abort_range(0x1000, 0x40, &old), 0);
		assert_int_equal(attach(0, 0x100, 1, &old), 0);
		assert_int_equal(attach(0x1000, 0x40, 3, &old), 0);
		assert_int_equal(strtab_free_tables(&st), free);
	}
}

/* Out of tables: -ENOMEM and nothing changed. */
static void test_pool_exhausted(void **state)
{
	struct vmid_set old = {.n = 0};
	uint8_t before[STRTAB_L1_MAX];
	unsigned int p;

	(void)state;
	for (unsigned int i = 0; i < STRTAB_POOL; i++)
		assert_int_equal(attach(i * 0x40, 1, 1, &old), 0); /* a private table each */
	assert_int_equal(strtab_free_tables(&st), 0);
	memcpy(before, st.span_tbl, sizeof(before));
	p = points;
	assert_int_equal(attach(0x1000, 0x80, 2, &old), -ENOMEM); /* needs a uniform */
	assert_int_equal(attach(0x2000, 2, 2, &old), -ENOMEM);	  /* needs a private */
	assert_memory_equal(before, st.span_tbl, sizeof(before));
	assert_int_equal(points, p);
	/* Aborting whole spans needs no table. */
	assert_int_equal(abort_range(0, 0x40, &old), 0);
	assert_int_equal(attach(0, 0, 1, &old), -EINVAL); /* empty range */
}

/* Distinct partitions get distinct uniform tables; the old VMID is reported on takeover. */
static void test_uniform_per_partition(void **state)
{
	struct vmid_set old = {.n = 0};
	struct smmu_ste x1 = s2_ste(1), x2 = s2_ste(2);

	(void)state;
	assert_int_equal(attach(0, 0x40, 1, &old), 0);
	assert_int_equal(attach(0x40, 0x40, 2, &old), 0);
	assert_int_equal(strtab_free_tables(&st), STRTAB_POOL - 2);
	assert_int_not_equal(st.span_tbl[0], st.span_tbl[1]);
	assert_sid(0x3f, &x1);
	assert_sid(0x40, &x2);
	assert_int_equal(attach(0, 0x40, 2, &old), 0);
	assert_int_equal(st.span_tbl[0], st.span_tbl[1]);
	assert_int_equal(old.n, 1);
	assert_int_equal(old.v[0], 1);
}

/* More than 8 VMIDs replaced at once: invalidate all. */
static void test_vmid_set_overflow(void **state)
{
	struct vmid_set old = {.n = 0};

	(void)state;
	for (uint16_t v = 1; v <= 9; v++) {
		struct smmu_ste x = s2_ste((uint16_t)(v % 4));

		x.w[2] = (x.w[2] & ~0xffffULL) | v; /* S2VMID */
		vmid_set_add(&old, &x);
	}
	assert_true(old.all);
	assert_int_equal(old.n, 8);
}

/* Linear format: one private table, span 0 only. */
static void test_linear(void **state)
{
	struct vmid_set old = {.n = 0};
	struct smmu_ste inv = invalid_ste();

	(void)state;
	strtab_reset(&st, mem, true, point);
	assert_int_equal(st.span_tbl[0], STRTAB_LINEAR + 1);
	assert_int_equal(strtab_free_tables(&st), STRTAB_POOL - 1);
	assert_sid(0, &inv);
	/* The whole table is never "full": it stays the live private table. */
	assert_int_equal(attach(0, STRTAB_L2_STES, 1, &old), 0);
	assert_int_equal(points, 0);
	assert_int_equal(st.span_tbl[0], STRTAB_LINEAR + 1);
	assert_sid(5, &inv); /* the driver updates it in place */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_empty, setup),
		cmocka_unit_test_setup(test_whole_spans_share_one_uniform_table, setup),
		cmocka_unit_test_setup(test_partial_span_private, setup),
		cmocka_unit_test_setup(test_abort, setup),
		cmocka_unit_test_setup(test_restart_allocates_nothing, setup),
		cmocka_unit_test_setup(test_pool_exhausted, setup),
		cmocka_unit_test_setup(test_uniform_per_partition, setup),
		cmocka_unit_test_setup(test_vmid_set_overflow, setup),
		cmocka_unit_test_setup(test_linear, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
