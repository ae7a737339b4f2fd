// SPDX-License-Identifier: GPL-2.0-only
/*
 * Table verification, SMMU (docs/reliability.md): for every layout in dts/
 * and tests/invalid-dt/valid-*.dts, the stream table, Context Descriptors and
 * stage-1 tables built the way smmu/smmuv3.c builds them (stage 1, as on QEMU
 * 7.2, and stage 2) verify: owned streams translate for their partition only,
 * every other stream aborts. Then one configuration is corrupted at a time
 * and smmu_verify() must name the stream, the partition and what is wrong.
 */
#include "layout_fixture.h"
#include "tables_fixture.h"

#include <glob.h>

#define PAGE 0x1000ULL

static uint32_t owned_streams(const struct layout_partition *p)
{
	uint32_t n = 0;

	for (uint32_t d = 0; d < p->ndevices; d++)
		for (uint32_t r = 0; r < p->devices[d].nstreams; r++)
			n += p->devices[d].streams[r].count;
	return n;
}

static void verify_file(const char *path, enum smmu_walk_mode mode)
{
	struct fixture f;
	struct tf_sink s = {0};
	struct layout_diag d = {.report = tf_sink_report, .ctx = &s};
	struct layout_verify *v = malloc(sizeof(*v));
	struct smmu_walk_stats st;
	struct tf_tables *t = tf_new();
	const struct layout *l;

	assert_non_null(v);
	assert_non_null(t);
	fix_load_file(&f, path);
	l = f.l;
	assert_int_equal(tf_build_s2(t, l), 0);
	assert_int_equal(tf_build_smmu(t, l, mode), 0);
	assert_int_equal(smmu_verify(&t->view, l, t->parts, &d, &st, v), 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(st.streams, 1U << SMMU_MAX_SID_BITS);
	for (uint32_t i = 0; i < l->nparts; i++) {
		uint64_t ram = l->parts[i].ram_size / PAGE;

		assert_int_equal(st.owned[i], owned_streams(&l->parts[i]));
		assert_int_equal(st.s1_pages[i], mode == SMMU_WALK_S1 && st.owned[i] ? ram : 0);
		if (st.owned[i])
			printf("  %-44s %-8s %s: %5u streams, %u stage-1 leaves\n", path,
			       l->parts[i].name, mode == SMMU_WALK_S1 ? "S1" : "S2", st.owned[i],
			       st.s1_leaves[i]);
	}
	fix_free(&f);
	free(v);
	tf_free(t);
}

static void test_every_layout_verifies(void **state)
{
	static const char *const pats[] = {"dts/*.dts", "tests/invalid-dt/valid-*.dts"};

	(void)state;
	for (size_t p = 0; p < ARRAY_SIZE(pats); p++) {
		glob_t g;

		assert_int_equal(glob(pats[p], 0, NULL, &g), 0);
		for (size_t i = 0; i < g.gl_pathc; i++) {
			verify_file(g.gl_pathv[i], SMMU_WALK_S1);
			verify_file(g.gl_pathv[i], SMMU_WALK_S2);
		}
		globfree(&g);
	}
}

/* ---------------------------------------------------------------- corruption */

/*
 * p0 owns /dma@9100000 (stream 0x8: a private level-2 table for span 0);
 * p1 owns the PCIe host bridge with streams 0x100-0x1ff (4 whole spans: one
 * uniform table). Every other stream ID is no one's.
 */
#define SMALL                                                                                      \
	"/ { dma0: dma@9100000 { compatible = \"test,dma\"; reg = <0 0x9100000 0 0x1000>;"         \
	" iommus = <&smmu 0x8>; }; };\n"                                                           \
	"&pcie { iommu-map = <0x0 &smmu 0x100 0x100>; };\n" BH_HEAD                                \
	"p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"                                \
	" memory = <0 0x50000000 0 0x4000000>; devices = <&dma0>; kernel = <&img0>; };\n"          \
	"p1 { compatible = \"bulkhead,partition\"; cpus = <&cpu1>;"                                \
	" memory = <0 0x54000000 0 0x4000000>; devices = <&pcie>; kernel = <&img0>; };\n" BH_TAIL

static int setup_mode(void **state, enum smmu_walk_mode mode)
{
	struct tf_env *e;

	if (tf_env_setup(state, SMALL))
		return -1;
	e = *state;
	if (tf_build_smmu(e->t, e->f.l, mode)) {
		fix_dump(&e->f);
		return -1;
	}
	return 0;
}

static int setup_s1(void **state)
{
	return setup_mode(state, SMMU_WALK_S1);
}

static int setup_s2(void **state)
{
	return setup_mode(state, SMMU_WALK_S2);
}

static int verify(struct tf_env *e)
{
	return smmu_verify(&e->t->view, e->f.l, e->t->parts, &e->d, &e->st, &e->v);
}

static struct smmu_ste *ste_of(struct tf_env *e, uint32_t sid)
{
	const struct smmu_ste *ste;
	const char *why;

	assert_int_equal(smmu_walk_ste(&e->t->view, sid, &ste, &why), 0);
	return (struct smmu_ste *)(uintptr_t)ste;
}

static void test_built_configuration_verifies(void **state)
{
	struct tf_env *e = *state;

	assert_int_equal(verify(e), 0);
	assert_int_equal(e->st.owned[0], 1);
	assert_int_equal(e->st.owned[1], 0x100);
	assert_int_equal(e->d.errors, 0);
}

static void test_unowned_stream_translates(void **state)
{
	struct tf_env *e = *state;

	*ste_of(e, 0x9) = *ste_of(e, 0x8); /* p0's configuration on a stream no one owns */
	assert_int_not_equal(verify(e), 0);
	assert_true(tf_sink_has(&e->s,
				"SMMU stream 0x9 (no partition owns it) has a translating STE",
				"expected abort"));
}

static void test_unowned_stream_bypasses(void **state)
{
	struct tf_env *e = *state;
	struct smmu_ste *x = ste_of(e, 0x3f);

	x->w[0] = STE0_V | STE0_CONFIG(STE_CFG_BYPASS);
	assert_int_not_equal(verify(e), 0);
	assert_true(tf_sink_has(&e->s, "SMMU stream 0x3f (no partition owns it) has a bypass STE",
				NULL));
}

static void test_owned_stream_aborts(void **state)
{
	struct tf_env *e = *state;

	smmu_ste_abort(ste_of(e, 0x8));
	assert_int_not_equal(verify(e), 0);
	assert_true(
		tf_sink_has(&e->s, "partition 'p0': SMMU stream 0x8 (/dma@9100000) aborts", NULL));
}

static void test_owned_span_without_table(void **state)
{
	struct tf_env *e = *state;

	e->t->l1[0x140 >> TF_SPLIT] = 0; /* Span = 0 */
	assert_int_not_equal(verify(e), 0);
	assert_true(tf_sink_has(&e->s,
				"partition 'p1': SMMU stream 0x140 (/pcie@10000000) aborts "
				"with all its span",
				NULL));
}

static void test_stream_uses_other_partition_s1(void **state)
{
	struct tf_env *e = *state;

	*ste_of(e, 0x8) = *ste_of(e, 0x100); /* p1's CD for p0's device */
	assert_int_not_equal(verify(e), 0);
	assert_true(tf_sink_has(&e->s, "partition 'p0': SMMU stream 0x8 (/dma@9100000) uses CD",
				"ASID 1"));
}

static void test_stream_uses_other_partition_s2(void **state)
{
	struct tf_env *e = *state;

	*ste_of(e, 0x8) = *ste_of(e, 0x100);
	assert_int_not_equal(verify(e), 0);
	assert_true(tf_sink_has(&e->s,
				"partition 'p0': SMMU stream 0x8 (/dma@9100000) uses stage 2 "
				"VMID 2",
				"expected its own: VMID 1"));
}

static uint64_t *s1_root(struct tf_env *e, uint32_t part)
{
	return (uint64_t *)(uintptr_t)(e->t->cd[part].w[1] & CD1_TTB0_MASK);
}

static void test_s1_maps_bulkhead(void **state)
{
	struct tf_env *e = *state;

	assert_int_equal(
		pt_map(&e->t->pool, s1_root(e, 1), 0, 0x80000000, 0x40200000, PAGE, SMMU_S1_RAM),
		0);
	assert_int_not_equal(verify(e), 0);
	assert_true(tf_sink_has(&e->s,
				"partition 'p1': SMMU stage-1 maps 0x80000000 -> 0x40200000 "
				"which is not its own (Bulkhead)",
				NULL));
}

static void test_s1_maps_device(void **state)
{
	struct tf_env *e = *state;

	/* Its own device: the SMMU maps RAM only (no peer-to-peer DMA). */
	assert_int_equal(
		pt_map(&e->t->pool, s1_root(e, 0), 0, 0x9100000, 0x9100000, PAGE, SMMU_S1_RAM), 0);
	assert_int_not_equal(verify(e), 0);
	assert_true(tf_sink_has(&e->s,
				"partition 'p0': SMMU stage-1 maps 0x9100000 -> 0x9100000 "
				"which is not its own",
				NULL));
}

static void test_s1_global_entry(void **state)
{
	struct tf_env *e = *state;

	assert_int_equal(pt_map(&e->t->pool, s1_root(e, 0), 0, 0x40000000, 0x50000000, PAGE,
				SMMU_S1_RAM & ~SMMU_S1_NG),
			 0);
	assert_int_not_equal(verify(e), 0);
	assert_true(tf_sink_has(&e->s, "SMMU stage-1 maps 0x40000000 -> 0x50000000 as Normal WB",
				"unexpected attribute bits"));
}

static void test_s1_ram_page_missing(void **state)
{
	struct tf_env *e = *state;

	assert_int_equal(pt_unmap(&e->t->pool, s1_root(e, 1), 0, 0x40010000, PAGE), 0);
	assert_int_not_equal(verify(e), 0);
	assert_true(tf_sink_has(
		&e->s, "partition 'p1': SMMU stage-1 does not map 0x40010000 of its memory", NULL));
}

static void test_cd_ttb1_enabled(void **state)
{
	struct tf_env *e = *state;

	e->t->cd[0].w[0] &= ~CD0_EPD1;
	assert_int_not_equal(verify(e), 0);
	assert_true(tf_sink_has(&e->s, "partition 'p0': SMMU stream 0x8", "TTB1 walks disabled"));
}

static void test_later_span_of_a_range_differs(void **state)
{
	struct tf_env *e = *state;
	uint32_t k = TF_L2 - 1; /* a free level-2 table of the model */

	/* Spans 0x100 and 0x140 share p1's uniform table; 0x180 gets a copy with one abort. */
	memcpy(e->t->l2[k], ste_of(e, 0x180), sizeof(e->t->l2[k]));
	smmu_ste_abort(&e->t->l2[k][5]);
	e->t->l1[0x180 >> TF_SPLIT] = smmu_l1std((uint64_t)(uintptr_t)e->t->l2[k], TF_SPLIT + 1);
	assert_int_not_equal(verify(e), 0);
	assert_true(tf_sink_has(&e->s, "partition 'p1': SMMU stream 0x185 (/pcie@10000000) aborts",
				NULL));
}

static void test_level2_table_outside(void **state)
{
	struct tf_env *e = *state;
	static struct smmu_ste stray[64] __attribute__((aligned(4096)));

	e->t->l1[0x300 >> TF_SPLIT] = smmu_l1std((uint64_t)(uintptr_t)stray, TF_SPLIT + 1);
	assert_int_not_equal(verify(e), 0);
	assert_true(tf_sink_has(&e->s, "SMMU stream 0x300 (no partition owns it) is malformed",
				"level-2 table outside the driver's stream tables"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_layout_verifies),
#define T1(fn) cmocka_unit_test_setup_teardown(fn, setup_s1, tf_env_teardown)
#define T2(fn) cmocka_unit_test_setup_teardown(fn, setup_s2, tf_env_teardown)
		T1(test_built_configuration_verifies),
		T2(test_built_configuration_verifies),
		T1(test_unowned_stream_translates),
		T2(test_unowned_stream_translates),
		T1(test_unowned_stream_bypasses),
		T1(test_owned_stream_aborts),
		T2(test_owned_span_without_table),
		T1(test_stream_uses_other_partition_s1),
		T2(test_stream_uses_other_partition_s2),
		T1(test_s1_maps_bulkhead),
		T1(test_s1_maps_device),
		T1(test_s1_global_entry),
		T1(test_s1_ram_page_missing),
		T1(test_cd_ttb1_enabled),
		T1(test_later_span_of_a_range_differs),
		T2(test_later_span_of_a_range_differs),
		T1(test_level2_table_outside),
#undef T1
#undef T2
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
