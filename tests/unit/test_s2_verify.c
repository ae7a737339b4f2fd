// SPDX-License-Identifier: GPL-2.0-only
/*
 * Table verification, stage 2 (docs/reliability.md): every layout in dts/
 * and every tests/invalid-dt/valid-*.dts is parsed and validated, each
 * partition's stage 2 built with the boot's own code (s2_map_partition) and
 * walked and verified (s2_verify_partition): no mismatch, and exactly the
 * pages the layout gives. Then tables built from a small layout are corrupted
 * one way at a time (an extra page, a wrong output address, a wrong
 * attribute, a device mapped as normal memory, a RAM page missing, malformed
 * descriptors) and the verifier must name the partition and the address.
 */
#include "layout_fixture.h"
#include "tables_fixture.h"

#include <glob.h>
#include <partitions/channel.h>

#define PAGE 0x1000ULL
#define MIB2 0x200000ULL

/* Pages of the union of @lp's RAM, page-rounded device ranges and channels (what must be mapped). */
static uint64_t expected_pages(const struct layout *l, const struct layout_partition *lp)
{
	uint64_t b[VERIFY_MAX_EXPECT], e[VERIFY_MAX_EXPECT], total = 0, end = 0;
	uint32_t n = 0;

	for (uint32_t i = 0; i < lp->nmem; i++, n++) {
		b[n] = lp->mem[i].ipa;
		e[n] = lp->mem[i].ipa + lp->mem[i].size;
	}
	for (uint32_t d = 0; d < lp->ndevices; d++)
		for (uint32_t r = 0; r < lp->devices[d].nregs; r++, n++) {
			b[n] = ALIGN_DOWN(lp->devices[d].regs[r].base, PAGE);
			e[n] = ALIGN_UP(lp->devices[d].regs[r].base + lp->devices[d].regs[r].size,
					PAGE);
		}
	for (uint32_t c = 0; c < l->nchannels; c++) {
		const struct layout_endpoint *ep = channel_endpoint(&l->channels[c], lp->id, NULL);

		if (ep) {
			b[n] = ep->ipa;
			e[n++] = ep->ipa + l->channels[c].size;
		}
	}
	for (uint32_t i = 1; i < n; i++) /* insertion sort by start */
		for (uint32_t j = i; j > 0 && b[j] < b[j - 1]; j--) {
			uint64_t x = b[j], y = e[j];

			b[j] = b[j - 1], e[j] = e[j - 1], b[j - 1] = x, e[j - 1] = y;
		}
	for (uint32_t i = 0; i < n; i++) {
		uint64_t s = MAX(b[i], end);

		if (e[i] > s)
			total += e[i] - s;
		end = MAX(end, e[i]);
	}
	return total / PAGE;
}

static unsigned verify_file(const char *path)
{
	struct fixture f;
	struct tf_sink s = {0};
	struct layout_diag d = {.report = tf_sink_report, .ctx = &s};
	struct layout_verify *v = malloc(sizeof(*v));
	struct tf_tables *t = tf_new();
	const struct layout *l;

	assert_non_null(v);
	assert_non_null(t);
	fix_load_file(&f, path);
	l = f.l;
	assert_int_equal(tf_build_s2(t, l), 0);
	for (uint32_t i = 0; i < l->nparts; i++) {
		struct s2_verify_stats st;

		assert_int_equal(
			s2_verify_partition(l, &l->parts[i], &t->s2[i], &t->pool, &d, v, &st), 0);
		assert_int_equal(d.errors, 0);
		assert_int_equal(st.pages, expected_pages(l, &l->parts[i]));
		printf("  %-44s %-8s %5u leaves %10llu pages %3u tables\n", path, l->parts[i].name,
		       st.leaves, (unsigned long long)st.pages, st.tables);
	}
	fix_free(&f);
	free(v);
	tf_free(t);
	return 1;
}

static void test_every_layout_verifies(void **state)
{
	static const char *const pats[] = {"dts/*.dts", "tests/invalid-dt/valid-*.dts"};
	unsigned n = 0;

	(void)state;
	for (size_t p = 0; p < ARRAY_SIZE(pats); p++) {
		glob_t g;

		assert_int_equal(glob(pats[p], 0, NULL, &g), 0);
		for (size_t i = 0; i < g.gl_pathc; i++)
			n += verify_file(g.gl_pathv[i]);
		globfree(&g);
	}
	assert_true(n >= 20); /* every layout of the tree, not a few */
}

/* ---------------------------------------------------------------- corruption */

/* p0: 64 MiB at 0x50000000 (IPA 0x40000000), rtc and gpio; p1: 64 MiB at 0x54000000. */
#define SMALL                                                                                      \
	BH_HEAD "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"                        \
		" memory = <0 0x50000000 0 0x4000000>; devices = <&rtc &gpio>; kernel = <&img0>; " \
		"};\n" PART("p1", "cpu1", "0x54000000") BH_TAIL

static int setup(void **state)
{
	return tf_env_setup(state, SMALL);
}

static int verify(struct tf_env *e, uint32_t part)
{
	struct s2_verify_stats st;

	return s2_verify_partition(e->f.l, &e->f.l->parts[part], &e->t->s2[part], &e->t->pool,
				   &e->d, &e->v, &st);
}

static void test_built_tables_verify(void **state)
{
	struct tf_env *e = *state;

	struct s2_verify_stats st;

	assert_int_equal(s2_verify_partition(e->f.l, &e->f.l->parts[0], &e->t->s2[0], &e->t->pool,
					     &e->d, &e->v, &st),
			 0);
	/* 64 MiB of RAM (32 blocks) + the rtc's and the gpio's page. */
	assert_int_equal(e->v.pages, 0x4000 + 2);
	assert_int_equal(st.leaves, 34);
	assert_int_equal(st.pages, 0x4000 + 2);
	assert_int_equal(e->v.leaves, 3); /* runs: the RAM, the rtc, the gpio */
	assert_int_equal(verify(e, 1), 0);
	assert_int_equal(e->v.pages, 0x4000);
	assert_int_equal(e->d.errors, 0);
}

static void test_extra_page_of_bulkhead(void **state)
{
	struct tf_env *e = *state;

	assert_int_equal(
		s2_map(&e->t->s2[0], &e->t->pool, 0x10000000, 0x40200000, PAGE, S2_NORMAL_RW), 0);
	assert_int_not_equal(verify(e, 0), 0);
	assert_true(tf_sink_has(&e->s,
				"partition 'p0': stage-2 maps 0x10000000 -> 0x40200000 which "
				"is not its own (Bulkhead)",
				NULL));
}

static void test_extra_page_of_another_partition(void **state)
{
	struct tf_env *e = *state;

	assert_int_equal(
		s2_map(&e->t->s2[0], &e->t->pool, 0x44000000, 0x54000000, MIB2, S2_NORMAL_RWX), 0);
	assert_int_not_equal(verify(e, 0), 0);
	assert_true(tf_sink_has(&e->s,
				"maps 0x44000000 -> 0x54000000 which is not its own "
				"(partition 'p1' RAM)",
				NULL));
}

static void test_extra_device_page(void **state)
{
	struct tf_env *e = *state;

	/* The SMMU's page, the GIC distributor, the console UART. */
	assert_int_equal(
		s2_map(&e->t->s2[1], &e->t->pool, 0x9050000, 0x9050000, PAGE, S2_DEVICE_RW), 0);
	assert_int_equal(
		s2_map(&e->t->s2[1], &e->t->pool, 0x8000000, 0x8000000, PAGE, S2_DEVICE_RW), 0);
	assert_int_equal(
		s2_map(&e->t->s2[1], &e->t->pool, 0x9000000, 0x9000000, PAGE, S2_DEVICE_RW), 0);
	assert_int_not_equal(verify(e, 1), 0);
	assert_true(tf_sink_has(&e->s, "partition 'p1'",
				"0x9050000 -> 0x9050000 which is not its own (the SMMU)"));
	assert_true(tf_sink_has(
		&e->s, "0x8000000 -> 0x8000000 which is not its own (the GIC distributor)", NULL));
	assert_true(tf_sink_has(
		&e->s, "0x9000000 -> 0x9000000 which is not its own (the console UART)", NULL));
}

static void test_wrong_output_address(void **state)
{
	struct tf_env *e = *state;

	/* Its own RAM, but the wrong page of it. */
	assert_int_equal(
		s2_map(&e->t->s2[0], &e->t->pool, 0x40001000, 0x50002000, PAGE, S2_NORMAL_RWX), 0);
	assert_int_not_equal(verify(e, 0), 0);
	assert_true(tf_sink_has(&e->s,
				"partition 'p0': stage-2 maps 0x40001000 -> 0x50002000; "
				"expected 0x50001000",
				NULL));
	/* ... so that page of its memory is not mapped where it should be. */
	assert_true(tf_sink_has(
		&e->s, "does not map 0x40001000 of its memory 0x40000000-0x43ffffff", NULL));
}

static void test_wrong_attribute(void **state)
{
	struct tf_env *e = *state;

	assert_int_equal(
		s2_map(&e->t->s2[0], &e->t->pool, 0x40100000, 0x50100000, PAGE, S2_NORMAL_RO), 0);
	assert_int_not_equal(verify(e, 0), 0);
	assert_true(tf_sink_has(&e->s,
				"maps 0x40100000 -> 0x50100000 as Normal WB r--; expected its "
				"memory 0x40000000-0x43ffffff -> 0x50000000, Normal WB read/write",
				NULL));
	/* The page is mapped, but not as expected: it is also missing from coverage. */
	assert_true(tf_sink_has(&e->s, "does not map 0x40100000 of its memory",
				"(4096 byte(s) missing)"));
}

static void test_ram_mapped_as_device(void **state)
{
	struct tf_env *e = *state;

	assert_int_equal(
		s2_map(&e->t->s2[1], &e->t->pool, 0x40200000, 0x54200000, MIB2, S2_DEVICE_RW), 0);
	assert_int_not_equal(verify(e, 1), 0);
	assert_true(tf_sink_has(&e->s, "partition 'p1'",
				"0x40200000 -> 0x54200000 as Device-nGnRE rw-"));
}

static void test_device_mapped_normal(void **state)
{
	struct tf_env *e = *state;

	assert_int_equal(
		s2_map(&e->t->s2[0], &e->t->pool, 0x9010000, 0x9010000, PAGE, S2_NORMAL_RW), 0);
	assert_int_not_equal(verify(e, 0), 0);
	assert_true(tf_sink_has(&e->s,
				"maps 0x9010000 -> 0x9010000 as Normal WB rw-; expected its "
				"device /pl031@9010000",
				NULL));
}

static void test_device_executable(void **state)
{
	struct tf_env *e = *state;

	assert_int_equal(s2_map(&e->t->s2[0], &e->t->pool, 0x9030000, 0x9030000, PAGE,
				S2_DEVICE_RW & ~S2_XN),
			 0);
	assert_int_not_equal(verify(e, 0), 0);
	assert_true(tf_sink_has(&e->s, "maps 0x9030000 -> 0x9030000 as Device-nGnRE rwx", NULL));
}

static void test_ram_page_missing(void **state)
{
	struct tf_env *e = *state;

	assert_int_equal(s2_unmap(&e->t->s2[1], &e->t->pool, 0x43fff000, PAGE), 0);
	assert_int_not_equal(verify(e, 1), 0);
	assert_true(tf_sink_has(&e->s,
				"partition 'p1': stage-2 does not map 0x43fff000 of its memory "
				"0x40000000-0x43ffffff -> 0x54000000",
				NULL));
}

static void test_device_page_missing(void **state)
{
	struct tf_env *e = *state;

	assert_int_equal(s2_unmap(&e->t->s2[0], &e->t->pool, 0x9030000, PAGE), 0);
	assert_int_not_equal(verify(e, 0), 0);
	assert_true(
		tf_sink_has(&e->s, "does not map 0x9030000 of its device /pl061@9030000", NULL));
}

static void test_wrong_vmid(void **state)
{
	struct tf_env *e = *state;

	e->t->s2[1].vmid = 1; /* p0's */
	assert_int_not_equal(verify(e, 1), 0);
	assert_true(tf_sink_has(&e->s, "partition 'p1': stage-2 has VMID 1; expected 2", NULL));
}

/* The level-3 table mapping IPA @ipa of partition @p (after splitting its block). */
static uint64_t *l3_table(struct tf_env *e, uint32_t p, uint64_t ipa)
{
	uint64_t *root = e->t->s2[p].root, d;

	/* Re-map one page to force a level-3 table under the 2 MiB block. */
	assert_int_equal(s2_map(&e->t->s2[p], &e->t->pool, ipa,
				e->f.l->parts[p].mem[0].phys + (ipa - e->f.l->parts[p].mem[0].ipa),
				PAGE, S2_NORMAL_RWX),
			 0);
	d = root[(ipa >> 30) & 1023];
	d = ((uint64_t *)(uintptr_t)(d & PT_ADDR_MASK))[(ipa >> 21) & 511];
	assert_int_equal(d & 3, 3);
	return (uint64_t *)(uintptr_t)(d & PT_ADDR_MASK);
}

static void test_reserved_level3_encoding(void **state)
{
	struct tf_env *e = *state;
	uint64_t *l3 = l3_table(e, 0, 0x40400000);

	l3[5] = (l3[5] & ~3ULL) | 1; /* 0b01 at level 3 */
	assert_int_not_equal(verify(e, 0), 0);
	assert_true(tf_sink_has(&e->s,
				"partition 'p0': stage-2 has a malformed entry at 0x40405000 "
				"(level 3",
				"reserved encoding 0b01 at level 3"));
}

static void test_table_pointer_outside_pool(void **state)
{
	struct tf_env *e = *state;
	static uint64_t stray[512] __attribute__((aligned(4096)));
	uint64_t *root = e->t->s2[1].root;

	/* A table at level 1 for IPA 0x80000000 (3rd GiB), outside the pool. */
	root[2] = (uint64_t)(uintptr_t)stray | PT_DESC_TABLE;
	assert_int_not_equal(verify(e, 1), 0);
	assert_true(tf_sink_has(&e->s,
				"partition 'p1': stage-2 has a malformed entry at 0x80000000 "
				"(level 1",
				"table pointer outside the table pool"));
}

static void test_freed_table_still_linked(void **state)
{
	struct tf_env *e = *state;
	uint64_t *root = e->t->s2[0].root;
	uint64_t *page = pt_alloc(&e->t->pool);

	assert_non_null(page);
	assert_int_equal(pt_free(&e->t->pool, page), 0);
	root[3] = (uint64_t)(uintptr_t)page | PT_DESC_TABLE;
	assert_int_not_equal(verify(e, 0), 0);
	assert_true(tf_sink_has(&e->s, "malformed entry at 0xc0000000", "outside the table pool"));
}

static void test_misaligned_block(void **state)
{
	struct tf_env *e = *state;
	uint64_t *root = e->t->s2[0].root;
	uint64_t *l2 = (uint64_t *)(uintptr_t)(root[1] & PT_ADDR_MASK);

	l2[0] |= 0x1000; /* output address bit 12 in a 2 MiB block: RES0 */
	assert_int_not_equal(verify(e, 0), 0);
	assert_true(tf_sink_has(&e->s, "malformed entry at 0x40000000 (level 2", "RES0"));
}

static void test_level0_block(void **state)
{
	static uint64_t root[512] __attribute__((aligned(4096)));
	struct pt_walker w = {0};

	(void)state;
	root[1] = 0x8000000000ULL | S2_NORMAL_RW | PT_DESC_BLOCK;
	assert_int_not_equal(pt_walk_tree(&w, root, 0, 1), 0);
	assert_int_equal(w.invalid, 1);
	assert_int_equal(w.leaves, 0);
}

static void test_contiguous_bit_flagged(void **state)
{
	struct tf_env *e = *state;
	uint64_t *root = e->t->s2[0].root;
	uint64_t *l2 = (uint64_t *)(uintptr_t)(root[1] & PT_ADDR_MASK);

	l2[3] |= BIT(52);
	assert_int_not_equal(verify(e, 0), 0);
	assert_true(tf_sink_has(&e->s,
				"maps 0x40600000 -> 0x50600000 as Normal WB rwx with "
				"unexpected attribute bits",
				NULL));
}

/* ---------------------------------------------------------------- channels */

/* p0 and p1 (SMALL) joined by a 16 KiB channel at 0x5c000000: p1 read-only; both at 0x44000000. */
#define CHAN                                                                                       \
	BH_HEAD "p0: p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"                    \
		" memory = <0 0x50000000 0 0x4000000>; kernel = <&img0>; };\n"                     \
		"p1: p1 { compatible = \"bulkhead,partition\"; cpus = <&cpu1>;"                    \
		" memory = <0 0x54000000 0 0x4000000>; kernel = <&img0>; };\n"                     \
		"channel-ch { compatible = \"bulkhead,channel\"; reg = <0 0x5c000000 0 0x4000>;"   \
		" a { partition = <&p0>; doorbell; }; b { partition = <&p1>; access = \"ro\"; };"  \
		" };\n" BH_TAIL

static int setup_chan(void **state)
{
	return tf_env_setup(state, CHAN);
}

static void test_channel_tables_verify(void **state)
{
	struct tf_env *e = *state;

	assert_int_equal(verify(e, 0), 0);
	assert_int_equal(e->v.pages, 0x4000 + 4); /* RAM + the channel's four pages */
	assert_int_equal(verify(e, 1), 0);
	assert_int_equal(e->v.pages, 0x4000 + 4);
	assert_int_equal(e->d.errors, 0);
}

static void test_channel_read_only_mapped_writable(void **state)
{
	struct tf_env *e = *state;

	/* p1's endpoint is read-only: its payload mapped read/write is a mismatch. */
	assert_int_equal(
		s2_map(&e->t->s2[1], &e->t->pool, 0x44001000, 0x5c001000, PAGE, S2_NORMAL_RW), 0);
	assert_int_not_equal(verify(e, 1), 0);
	assert_true(tf_sink_has(
		&e->s, "partition 'p1': stage-2 maps 0x44001000 -> 0x5c001000 as",
		"channel /chosen/bulkhead/channel-ch 0x44001000-0x44003fff -> 0x5c001000, "
		"Normal WB read-only XN"));
}

static void test_channel_header_writable(void **state)
{
	struct tf_env *e = *state;

	/* The header page is Bulkhead's: read-only to every endpoint. */
	assert_int_equal(
		s2_map(&e->t->s2[0], &e->t->pool, 0x44000000, 0x5c000000, PAGE, S2_NORMAL_RW), 0);
	assert_int_not_equal(verify(e, 0), 0);
	assert_true(tf_sink_has(&e->s, "maps 0x44000000 -> 0x5c000000 as Normal WB rw-", NULL));
}

static void test_channel_executable_or_device(void **state)
{
	struct tf_env *e = *state;

	assert_int_equal(
		s2_map(&e->t->s2[0], &e->t->pool, 0x44002000, 0x5c002000, PAGE, S2_NORMAL_RWX), 0);
	assert_int_equal(
		s2_map(&e->t->s2[0], &e->t->pool, 0x44003000, 0x5c003000, PAGE, S2_DEVICE_RW), 0);
	assert_int_not_equal(verify(e, 0), 0);
	assert_true(tf_sink_has(&e->s, "maps 0x44002000 -> 0x5c002000 as Normal WB rwx", NULL));
	assert_true(tf_sink_has(&e->s, "maps 0x44003000 -> 0x5c003000 as Device-nGnRE", NULL));
}

static void test_channel_doorbell_page_mapped(void **state)
{
	struct tf_env *e = *state;

	/* The doorbell page must trap: mapping anything there is not the channel's. */
	assert_int_equal(
		s2_map(&e->t->s2[0], &e->t->pool, 0x44004000, 0x5c004000, PAGE, S2_NORMAL_RW), 0);
	assert_int_not_equal(verify(e, 0), 0);
	assert_true(tf_sink_has(&e->s, "maps 0x44004000 -> 0x5c004000 which is not its own", NULL));
}

static void test_channel_in_a_third_partition(void **state)
{
	struct tf_env *e = *state;

	/* A partition that is no endpoint maps the channel: named as the channel's. */
	assert_int_equal(
		s2_map(&e->t->s2[1], &e->t->pool, 0x48000000, 0x5c001000, PAGE, S2_NORMAL_RW), 0);
	assert_int_not_equal(verify(e, 1), 0);
	assert_true(tf_sink_has(&e->s,
				"maps 0x48000000 -> 0x5c001000 which is not its own "
				"(channel /chosen/bulkhead/channel-ch)",
				NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_layout_verifies),
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, tf_env_teardown)
		T(test_built_tables_verify),
		T(test_extra_page_of_bulkhead),
		T(test_extra_page_of_another_partition),
		T(test_extra_device_page),
		T(test_wrong_output_address),
		T(test_wrong_attribute),
		T(test_ram_mapped_as_device),
		T(test_device_mapped_normal),
		T(test_device_executable),
		T(test_ram_page_missing),
		T(test_device_page_missing),
		T(test_wrong_vmid),
		T(test_reserved_level3_encoding),
		T(test_table_pointer_outside_pool),
		T(test_freed_table_still_linked),
		T(test_misaligned_block),
		cmocka_unit_test(test_level0_block),
		T(test_contiguous_bit_flagged),
#undef T
#define C(fn) cmocka_unit_test_setup_teardown(fn, setup_chan, tf_env_teardown)
		C(test_channel_tables_verify),
		C(test_channel_read_only_mapped_writable),
		C(test_channel_header_writable),
		C(test_channel_executable_or_device),
		C(test_channel_doorbell_page_mapped),
		C(test_channel_in_a_third_partition),
#undef C
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
