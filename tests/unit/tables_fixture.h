/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fixture for the table-verification tests (test_s2_verify, test_smmu_verify,
 * test_firmware, tests/fuzz/fuzz_verify.c): build every partition's stage 2
 * with the boot's own code (s2_map_partition), and an SMMU configuration the way smmu/smmuv3.c builds it (two-level stream
 * table, SPLIT 6, one uniform level-2 table per partition for the spans it
 * owns whole, private tables for the others; stage 1: one CD and one table
 * per partition from its RAM with SMMU_S1_RAM leaves; stage 2: the
 * partition's own root), from smmuv3_enc.c's encodings. No cmocka here:
 * functions return 0 or -1. Layouts come from layout_fixture.h
 * (fix_load_file() for a file of the tree).
 */
#ifndef TESTS_UNIT_TABLES_FIXTURE_H
#define TESTS_UNIT_TABLES_FIXTURE_H

#include <arch/arm64/s2_layout.h>
#include <partitions/layout.h>
#include <partitions/verify.h>
#include <smmu/smmu_walk.h>
#include <smmu/smmuv3_enc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TF_POOL_PAGES 2048 /* 8 MiB of table pages */
#define TF_SPLIT      6U
#define TF_L1	      (1U << (SMMU_MAX_SID_BITS - TF_SPLIT))
#define TF_L2	      24U /* level-2 tables */
#define TF_STES	      (1U << TF_SPLIT)

struct tf_tables {
	struct pt_pool pool;
	uint64_t (*pages)[PT_ENTRIES];
	struct s2_table s2[LAYOUT_MAX_PARTITIONS];
	/* The SMMU model. */
	uint64_t l1[TF_L1] __attribute__((aligned(TF_L1 * 8)));
	struct smmu_ste l2[TF_L2][TF_STES] __attribute__((aligned(4096)));
	struct smmu_cd cd[LAYOUT_MAX_PARTITIONS] __attribute__((aligned(64)));
	int l2_owner[TF_L2]; /* uniform table of partition i; -1 private; -2 free */
	int span_tbl[TF_L1]; /* level-2 table index + 1 of each span, 0: none */
	struct smmu_walk_view view;
	struct smmu_walk_part parts[LAYOUT_MAX_PARTITIONS];
};

/* Collects what a verifier reports (struct layout_diag's ctx), for assertions. */
struct tf_sink {
	unsigned int n;
	char msgs[16][400];
};

static inline void tf_sink_report(struct layout_diag *d, const char *msg)
{
	struct tf_sink *s = d->ctx;

	if (getenv("FIX_VERBOSE"))
		fprintf(stderr, "  verify: %s\n", msg);
	if (s->n < 16)
		snprintf(s->msgs[s->n++], sizeof(s->msgs[0]), "%s", msg);
}

/* True if one report contains @a (and @b, unless NULL); else prints them all. */
static inline bool tf_sink_has(const struct tf_sink *s, const char *a, const char *b)
{
	for (unsigned int i = 0; i < s->n; i++)
		if (strstr(s->msgs[i], a) && (!b || strstr(s->msgs[i], b)))
			return true;
	for (unsigned int i = 0; i < s->n; i++)
		fprintf(stderr, "  reported: %s\n", s->msgs[i]);
	return false;
}

static inline struct tf_tables *tf_new(void)
{
	struct tf_tables *t = aligned_alloc(TF_L1 * 8, sizeof(*t));

	if (!t)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->pages = aligned_alloc(16 * PT_PAGE_SIZE, TF_POOL_PAGES * PT_PAGE_SIZE);
	if (!t->pages || pt_pool_init(&t->pool, t->pages, TF_POOL_PAGES)) {
		free(t->pages);
		free(t);
		return NULL;
	}
	return t;
}

static inline void tf_free(struct tf_tables *t)
{
	if (t)
		free(t->pages);
	free(t);
}

/* Every partition's stage 2, in layout order from one pool, as the boot does. */
static inline int tf_build_s2(struct tf_tables *t, const struct layout *l)
{
	for (uint32_t i = 0; i < l->nparts; i++)
		if (s2_map_partition(&t->s2[i], &t->pool, l, &l->parts[i]))
			return -1;
	return 0;
}

static inline bool tf_has_streams(const struct layout_partition *p)
{
	for (uint32_t d = 0; d < p->ndevices; d++)
		if (p->devices[d].nstreams)
			return true;
	return false;
}

/* The translating STE of partition @i (@mode SMMU_WALK_S1 or _S2) into *@x. */
static inline int tf_ste(struct tf_tables *t, const struct layout *l, uint32_t i,
			 enum smmu_walk_mode mode, struct smmu_ste *x)
{
	const struct layout_partition *p = &l->parts[i];
	uint64_t *root;

	if (mode == SMMU_WALK_S2)
		return smmu_ste_s2(x, t->s2[i].vmid, s2_vtcr(5), (uint64_t)(uintptr_t)t->s2[i].root)
			       ? -1
			       : 0;
	root = pt_alloc(&t->pool);
	if (!root)
		return -1;
	for (uint32_t m = 0; m < p->nmem; m++)
		if (pt_map(&t->pool, root, 0, p->mem[m].ipa, p->mem[m].phys, p->mem[m].size,
			   SMMU_S1_RAM))
			return -1;
	if (smmu_cd_s1(&t->cd[i], t->s2[i].vmid, (uint64_t)(uintptr_t)root, 40, 5))
		return -1;
	return smmu_ste_s1(x, (uint64_t)(uintptr_t)&t->cd[i], 0) ? -1 : 0;
}

static inline int tf_l2_alloc(struct tf_tables *t, int owner)
{
	for (uint32_t k = 0; k < TF_L2; k++)
		if (t->l2_owner[k] == -2) {
			t->l2_owner[k] = owner;
			for (uint32_t s = 0; s < TF_STES; s++)
				smmu_ste_invalid(&t->l2[k][s]);
			return (int)k;
		}
	return -1;
}

/* Streams [b, e) of partition @i take STE @x (uniform tables for whole spans). */
static inline int tf_attach(struct tf_tables *t, uint32_t i, uint32_t b, uint32_t e,
			    const struct smmu_ste *x)
{
	for (uint32_t sid = b; sid < e;) {
		uint32_t span = sid >> TF_SPLIT, first = span << TF_SPLIT;
		int k = -1;

		if (sid == first && e - sid >= TF_STES) { /* whole span: uniform table */
			for (uint32_t u = 0; u < TF_L2 && k < 0; u++)
				if (t->l2_owner[u] == (int)i)
					k = (int)u;
			if (k < 0 && (k = tf_l2_alloc(t, (int)i)) >= 0)
				for (uint32_t s = 0; s < TF_STES; s++)
					t->l2[k][s] = *x;
			if (k < 0)
				return -1;
			t->l1[span] = smmu_l1std((uint64_t)(uintptr_t)t->l2[k], TF_SPLIT + 1);
			t->span_tbl[span] = k + 1;
			sid += TF_STES;
			continue;
		}
		k = t->span_tbl[span] - 1; /* a private table this span has already */
		if ((k < 0 || t->l2_owner[k] != -1) && (k = tf_l2_alloc(t, -1)) < 0)
			return -1;
		t->span_tbl[span] = k + 1;
		t->l1[span] = smmu_l1std((uint64_t)(uintptr_t)t->l2[k], TF_SPLIT + 1);
		t->l2[k][sid - first] = *x;
		sid++;
	}
	return 0;
}

/* The SMMU configuration of layout @l in @mode, after tf_build_s2(). */
static inline int tf_build_smmu(struct tf_tables *t, const struct layout *l,
				enum smmu_walk_mode mode)
{
	memset(t->l1, 0, sizeof(t->l1));
	memset(t->span_tbl, 0, sizeof(t->span_tbl));
	for (uint32_t k = 0; k < TF_L2; k++)
		t->l2_owner[k] = -2;
	for (uint32_t i = 0; i < l->nparts; i++) {
		const struct layout_partition *p = &l->parts[i];
		struct smmu_ste x;

		t->parts[i].s2 = &t->s2[i];
		if (!tf_has_streams(p))
			continue;
		if (tf_ste(t, l, i, mode, &x))
			return -1;
		for (uint32_t d = 0; d < p->ndevices; d++)
			for (uint32_t r = 0; r < p->devices[d].nstreams; r++) {
				const struct layout_stream_range *s = &p->devices[d].streams[r];

				if (tf_attach(t, i, s->base, s->base + s->count, &x))
					return -1;
			}
	}
	t->view = (struct smmu_walk_view){
		.present = true,
		.mode = mode,
		.strtab_base = smmu_strtab_base((uint64_t)(uintptr_t)t->l1),
		.strtab_cfg = smmu_strtab_base_cfg(STRTAB_FMT_2LVL, TF_SPLIT, SMMU_MAX_SID_BITS),
		.l1 = {(uintptr_t)t->l1, sizeof(t->l1)},
		.l2 = {(uintptr_t)t->l2, sizeof(t->l2)},
		.cd = {(uintptr_t)t->cd, sizeof(t->cd)},
		.pool = &t->pool};
	return 0;
}

#ifdef TESTS_UNIT_LAYOUT_FIXTURE_H
/*
 * For the cmocka tests (included after layout_fixture.h): the corruption
 * tests' state, a layout from a DTS snippet with its stage 2s built, and a
 * sink for what the verifier reports.
 */
struct tf_env {
	struct fixture f;
	struct tf_tables *t;
	struct layout_verify v;
	struct tf_sink s;
	struct layout_diag d;
	struct smmu_walk_stats st;
};

/* A cmocka setup: *@state = a new tf_env of @dts (BH_HEAD ... BH_TAIL). */
static inline int tf_env_setup(void **state, const char *dts)
{
	struct tf_env *e = calloc(1, sizeof(*e));

	if (!e || fix_load(&e->f, dts) || !(e->t = tf_new()) || tf_build_s2(e->t, e->f.l)) {
		if (e)
			fix_dump(&e->f);
		return -1;
	}
	e->d.report = tf_sink_report;
	e->d.ctx = &e->s;
	*state = e;
	return 0;
}

static inline int tf_env_teardown(void **state)
{
	struct tf_env *e = *state;

	tf_free(e->t);
	fix_free(&e->f);
	free(e);
	return 0;
}
#endif

#endif /* TESTS_UNIT_TABLES_FIXTURE_H */
