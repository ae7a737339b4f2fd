// SPDX-License-Identifier: GPL-2.0-only
/*
 * Walk and verify the SMMUv3 stream table, Context Descriptors and stage-1
 * tables (smmu_walk.h). Image and host.
 *
 * Cost: a two-level table of 2^16 stream IDs has 1024 spans of 64 STEs. A
 * span wholly owned by one partition (or by none) whose level-2 table was
 * already verified for that owner is not walked again (the driver shares one
 * "uniform" table between all spans a partition owns whole), and a partition's
 * stage-1 context is walked once: a PCI segment costs one table, not 1024.
 */
#include <smmu/smmu_walk.h>

#include <arch/arm64/s2_walk.h>
#include <errno.h>
#include <lib/bits.h>
#include <lib/format.h>
#include <lib/trace.h>
#include <stdarg.h>
#include <string.h>

#define LLX(x)		    ((unsigned long long)(x))
#define CFG_LOG2SIZE(c)	    ((unsigned int)((c)&0x3fU))		 /* STRTAB_BASE_CFG [5:0] */
#define CFG_SPLIT(c)	    ((unsigned int)(((c) >> 6) & 0x1fU)) /* [10:6] */
#define CFG_FMT(c)	    ((unsigned int)(((c) >> 16) & 0x3U)) /* [17:16] */
#define STRTAB_ADDR(b)	    ((b)&STRTAB_BASE_ADDR_MASK)
#define L1STD_SPAN_GET(d)   ((unsigned int)((d)&0x1fU))
#define STE0_S1FMT_GET(w)   FIELD_GET64(5, 4, w)
#define STE0_S1CDMAX_GET(w) FIELD_GET64(63, 59, w)
#define STE1_EATS_GET(w)    FIELD_GET64(29, 28, w)
#define STE1_STRW_GET(w)    FIELD_GET64(31, 30, w)
#define STE2_S2T0SZ_GET(w)  FIELD_GET64(37, 32, w)
#define STE2_S2SL0_GET(w)   FIELD_GET64(39, 38, w)
#define STE2_S2TG_GET(w)    FIELD_GET64(47, 46, w)
#define CD0_T0SZ_GET(w)	    ((unsigned int)FIELD_GET64(5, 0, w))
#define CD0_TG0_GET(w)	    FIELD_GET64(7, 6, w)
#define S1_AP_RO	    BIT(7) /* AP[2]: read-only */
#define S1_KNOWN                                                                                   \
	(GENMASK(4, 2) | GENMASK(7, 6) | GENMASK(9, 8) | SMMU_S1_AF | SMMU_S1_NG | SMMU_S1_PXN |   \
	 SMMU_S1_UXN | GENMASK(58, 55))
#define MAX_SPAN_CACHE (LAYOUT_MAX_PARTITIONS + 1)

/* One smmu_verify() run: owned by its caller, single-threaded. */
struct sv {
	const struct smmu_walk_view *v;
	const struct layout *l;
	const struct smmu_walk_part *parts;
	struct layout_diag *d;
	struct smmu_walk_stats *st;
	struct layout_verify *lv;
	uint32_t problems;
	uint64_t cd_ok[LAYOUT_MAX_PARTITIONS];	/* CD verified for partition i, 0 if none */
	uint64_t cd_bad[LAYOUT_MAX_PARTITIONS]; /* CD found wrong (reported once) */
	struct sv_span {
		uintptr_t l2;
		int owner;
	} span_ok[MAX_SPAN_CACHE];
	uint32_t nspan_ok;
	uint32_t free_from; /* no stream in [free_from, free_to) is owned */
	uint32_t free_to;
	/* The last owned span verified: its level-1 descriptor, owner, range's end. */
	uint64_t run_desc;
	int run_owner;
	uint32_t run_end;
};

static bool in_mem(const struct smmu_walk_mem *m, uintptr_t p, size_t len)
{
	return (m->size != 0U) && (p >= m->base) && ((p - m->base) <= m->size) &&
	       (len <= (m->size - (p - m->base)));
}

static int walk_bad(const char **why, const char *what)
{
	*why = what;
	return -EINVAL;
}

int smmu_walk_ste(const struct smmu_walk_view *v, uint32_t sid, const struct smmu_ste **ste,
		  const char **why)
{
	unsigned int log2 = CFG_LOG2SIZE(v->strtab_cfg);
	unsigned int split = CFG_SPLIT(v->strtab_cfg);
	uintptr_t base = (uintptr_t)STRTAB_ADDR(v->strtab_base);
	uintptr_t l2;
	uint64_t desc;
	unsigned int span;

	*why = NULL;
	if ((log2 < 32U) && ((sid >> log2) != 0U))
		return -ENOENT;
	if (CFG_FMT(v->strtab_cfg) == STRTAB_FMT_LINEAR) {
		l2 = base + (uintptr_t)sid * SMMU_STE_BYTES;
		if (!in_mem(&v->l2, l2, SMMU_STE_BYTES))
			return walk_bad(why, "STE outside the driver's stream tables");
		*ste = (const struct smmu_ste *)l2;
		return 0;
	}
	if ((CFG_FMT(v->strtab_cfg) != STRTAB_FMT_2LVL) || (split > 24U))
		return walk_bad(why, "reserved STRTAB_BASE_CFG format or split");
	if (!in_mem(&v->l1, base + (uintptr_t)(sid >> split) * 8U, 8U))
		return walk_bad(why, "level-1 descriptor outside the driver's level-1 table");
	desc = ((const uint64_t *)base)[sid >> split];
	span = L1STD_SPAN_GET(desc);
	if (!span)
		return -ENOENT; /* C_BAD_STREAMID */
	if (span > (split + 1U))
		return walk_bad(why, "level-1 descriptor Span larger than SPLIT + 1");
	if (((sid & (BIT(split) - 1U)) >> (span - 1U)) != 0U)
		return -ENOENT; /* beyond the level-2 table: C_BAD_STREAMID */
	l2 = (uintptr_t)(desc & L1STD_L2PTR_MASK);
	if (!in_mem(&v->l2, l2, (size_t)SMMU_STE_BYTES << (span - 1U)))
		return walk_bad(why, "level-2 table outside the driver's stream tables");
	*ste = &((const struct smmu_ste *)l2)[sid & (BIT(split) - 1U)];
	return 0;
}

/* ---------------------------------------------------------------- reports */

static int owner_of(const struct layout *l, uint32_t sid, const char **dev)
{
	for (uint32_t i = 0; i < l->nparts; i++)
		for (uint32_t k = 0; k < l->parts[i].ndevices; k++) {
			const struct layout_device *x = &l->parts[i].devices[k];

			for (uint32_t r = 0; r < x->nstreams; r++)
				if ((sid - x->streams[r].base) < x->streams[r].count) {
					*dev = x->path;
					return (int)i;
				}
		}
	*dev = NULL;
	return -1;
}

static void fail(struct sv *s, int owner, uint32_t sid, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void fail(struct sv *s, int owner, uint32_t sid, const char *fmt, ...)
{
	char msg[320];
	const char *dev;
	va_list ap;
	int n;

	s->problems++;
	s->d->errors++;
	if ((s->d->report == NULL) || (s->problems > VERIFY_MAX_REPORTS))
		return;
	(void)owner_of(s->l, sid, &dev);
	if (owner >= 0)
		n = fmt_snprintf(msg, sizeof(msg), "partition '%s': SMMU stream 0x%x (%s) ",
				 s->l->parts[owner].name, sid, dev ? dev : "?");
	else
		n = fmt_snprintf(msg, sizeof(msg), "SMMU stream 0x%x (no partition owns it) ", sid);
	if ((n < 0) || ((size_t)n >= sizeof(msg)))
		n = (int)strlen(msg);
	va_start(ap, fmt);
	(void)fmt_vsnprintf(&msg[n], sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	s->d->report(s->d, msg);
}

/* ---------------------------------------------------------------- stage 1 */

/* Memory type of MAIR attribute byte @a (Arm ARM D19, MAIR_ELx). */
static void mair_decode(uint8_t a, struct vmap *m)
{
	uint8_t o = a >> 4, i = a & 0xf;

	m->device = o == 0 && (i & 3) == 0;
	/* Write-Back: 0b01RW (RW != 0, transient) or 0b11RW, inner and outer. */
	m->normal_wb = !m->device && ((o & 0xc) == 0xc || ((o & 0xc) == 4 && (o & 3))) &&
		       ((i & 0xc) == 0xc || ((i & 0xc) == 4 && (i & 3)));
	m->type = m->device ? "Device" : m->normal_wb ? "Normal WB" : "Normal (not WB)";
}

static void s1_leaf(struct pt_walker *w, const struct pt_leaf *leaf)
{
	unsigned idx = (unsigned)FIELD_GET64(4, 2, leaf->attrs);
	struct vmap m = {.ia = leaf->ia, .oa = leaf->oa, .size = leaf->size};

	mair_decode((uint8_t)(w->mair >> (8 * idx)), &m);
	m.read = true; /* every AP value lets some privilege level read */
	m.write = !(leaf->attrs & S1_AP_RO);
	m.exec = !((leaf->attrs & SMMU_S1_UXN) && (leaf->attrs & SMMU_S1_PXN));
	/* Global entries would be shared by every ASID; no AF: faults (CD.HA = 0). */
	m.extra = !(leaf->attrs & SMMU_S1_NG) || !(leaf->attrs & SMMU_S1_AF) ||
		  (leaf->attrs & ~S1_KNOWN);
	layout_verify_map(w->verify, &m);
}

static void s1_bad(struct pt_walker *w, uint64_t ia, unsigned level, uint64_t desc, const char *why)
{
	layout_verify_bad(w->verify, ia, level, desc, why);
}

/* Partition @o's Context Descriptor @cdp: its ASID, its TTB0 walk. */
static void verify_cd(struct sv *s, int o, uint32_t sid, uintptr_t cdp)
{
	const struct layout_partition *p = &s->l->parts[o];
	const struct smmu_cd *cd = (const struct smmu_cd *)cdp;
	uint64_t w0 = cd->w[0], ttb = cd->w[1] & CD1_TTB0_MASK;
	uint16_t vmid = s->parts[o].s2->vmid;
	struct pt_walker w = {.pool = s->v->pool,
			      .leaf = s1_leaf,
			      .bad = s1_bad,
			      .verify = s->lv,
			      .mair = cd->w[3],
			      .merge = true};
	int level = smmu_s1_start_level(64 - CD0_T0SZ_GET(w0));

	if ((s->cd_ok[o] == cdp) || (s->cd_bad[o] == cdp))
		return;
	s->cd_bad[o] = cdp; /* until it is found right */
	if (!(w0 & CD0_V) || !(w0 & CD0_AA64) || CD0_TG0_GET(w0) != CD_TG0_4K ||
	    (w0 & (CD0_EPD0 | CD0_ENDI)) || !(w0 & CD0_EPD1) || level < 0 ||
	    CD0_ASID_GET(w0) != vmid || (ttb & 0xfff)) {
		fail(s, o, sid,
		     "uses CD 0x%llx (word 0 0x%016llx): expected a valid AArch64 4 KiB "
		     "context, TTB1 walks disabled, ASID %u",
		     LLX(cdp), LLX(w0), vmid);
		return;
	}
	layout_verify_begin(s->lv, s->l, p, "SMMU stage-1", false, s->d);
	if ((s->v->pool != NULL) && !pt_pool_live(s->v->pool, (const uint64_t *)(uintptr_t)ttb))
		layout_verify_fail(s->lv, "root 0x%llx is outside the table pool", LLX(ttb));
	else if ((pt_walk_tree(&w, (const uint64_t *)(uintptr_t)ttb, (unsigned)level, 1) != 0) &&
		 (s->lv->mismatches == 0U))
		layout_verify_fail(s->lv, "could not be walked");
	else {
		/* walked: each leaf and malformed entry went to s->lv */
	}
	if (layout_verify_end(s->lv) != 0) {
		s->problems += s->lv->mismatches;
		return;
	}
	s->cd_ok[o] = cdp;
	s->st->s1_leaves[o] += w.leaves; /* descriptors, not merged runs */
	s->st->s1_pages[o] += s->lv->pages;
}

/* ---------------------------------------------------------------- STEs */

static void check_s2(struct sv *s, int o, uint32_t sid, const struct smmu_ste *e)
{
	const struct s2_table *t = s->parts[o].s2;
	uint64_t w2 = e->w[2];

	if (STE2_S2VMID_GET(w2) != t->vmid || (e->w[3] & STE3_S2TTB_MASK) != (uintptr_t)t->root ||
	    STE2_S2T0SZ_GET(w2) != 64 - S2_IPA_BITS || STE2_S2SL0_GET(w2) != 1 ||
	    STE2_S2TG_GET(w2) != 0 || !(w2 & STE2_S2AA64) || (w2 & STE2_S2ENDI))
		fail(s, o, sid,
		     "uses stage 2 VMID %u root 0x%llx; expected its own: VMID %u root "
		     "0x%llx, 40-bit IPA from level 1",
		     (unsigned)STE2_S2VMID_GET(w2), LLX(e->w[3] & STE3_S2TTB_MASK), t->vmid,
		     LLX((uintptr_t)t->root));
}

static void check_s1(struct sv *s, int o, uint32_t sid, const struct smmu_ste *e)
{
	uintptr_t cdp = (uintptr_t)smmu_ste_cd(e);

	if (STE0_S1FMT_GET(e->w[0]) || STE0_S1CDMAX_GET(e->w[0]) || STE1_STRW_GET(e->w[1]) ||
	    STE1_EATS_GET(e->w[1])) {
		fail(s, o, sid, "stage-1 STE uses substreams, ATS or another stream world");
		return;
	}
	if (!in_mem(&s->v->cd, cdp, SMMU_CD_BYTES)) {
		fail(s, o, sid, "CD pointer 0x%llx outside the driver's Context Descriptors",
		     LLX(cdp));
		return;
	}
	verify_cd(s, o, sid, cdp);
}

/* Stream @sid (owner @o, -1 for none) whose STE is @e (NULL: aborts before any STE). */
static void check_stream(struct sv *s, uint32_t sid, int o, const struct smmu_ste *e)
{
	uint64_t cfg = e ? STE0_CONFIG_GET(e->w[0]) : STE_CFG_ABORT;
	bool aborts = !e || !(e->w[0] & STE0_V) || cfg == STE_CFG_ABORT;

	if (aborts) {
		if (o >= 0)
			fail(s, o, sid, "aborts; expected its partition's translation");
		return;
	}
	if (o < 0) {
		fail(s, o, sid, "has a %s STE (Config %llu); expected abort",
		     cfg == STE_CFG_BYPASS ? "bypass" : "translating", LLX(cfg));
		return;
	}
	if (cfg == STE_CFG_S2 && s->v->mode == SMMU_WALK_S2)
		check_s2(s, o, sid, e);
	else if (cfg == STE_CFG_S1 && s->v->mode == SMMU_WALK_S1)
		check_s1(s, o, sid, e);
	else
		fail(s, o, sid, "has STE Config %llu; expected %s", LLX(cfg),
		     (s->v->mode == SMMU_WALK_S2) ? "stage 2 (6)" : "stage 1 (5)");
	s->st->owned[o]++;
}

/* The one owner of every stream in [a, b), -1 for none, -2 if mixed. */
static int span_owner(const struct layout *l, uint32_t a, uint32_t b)
{
	const char *dev;
	int o = owner_of(l, a, &dev);

	for (uint32_t i = 0; i < l->nparts; i++)
		for (uint32_t k = 0; k < l->parts[i].ndevices; k++) {
			const struct layout_device *x = &l->parts[i].devices[k];

			for (uint32_t r = 0; r < x->nstreams; r++) {
				uint32_t rb = x->streams[r].base;
				uint32_t re = rb + x->streams[r].count;
				bool covers = (rb <= a) && (re >= b);

				if ((rb < b) && (re > a) && !(covers && ((int)i == o)))
					return -2;
			}
		}
	return o;
}

/* The end of the run of unowned stream IDs from @pos (@pos itself if owned). */
static uint32_t unowned_until(const struct layout *l, uint32_t pos)
{
	uint32_t to = UINT32_MAX;

	for (uint32_t i = 0; i < l->nparts; i++)
		for (uint32_t k = 0; k < l->parts[i].ndevices; k++)
			for (uint32_t r = 0; r < l->parts[i].devices[k].nstreams; r++) {
				const struct layout_stream_range *x =
					&l->parts[i].devices[k].streams[r];

				if ((pos - x->base) < x->count)
					return pos;
				if (x->base > pos)
					to = MIN(to, x->base);
			}
	return to;
}

/* The end of the stream range that contains @sid (@sid if none). */
static uint32_t range_end(const struct layout *l, uint32_t sid)
{
	for (uint32_t i = 0; i < l->nparts; i++)
		for (uint32_t k = 0; k < l->parts[i].ndevices; k++)
			for (uint32_t r = 0; r < l->parts[i].devices[k].nstreams; r++) {
				const struct layout_stream_range *x =
					&l->parts[i].devices[k].streams[r];

				if ((sid - x->base) < x->count)
					return x->base + x->count;
			}
	return sid;
}

/* Owner of every stream in [a, b): -1 none, -2 several; fast for unowned runs. */
static int owner_of_span(struct sv *s, uint32_t a, uint32_t b)
{
	if ((a < s->free_from) || (a >= s->free_to)) {
		s->free_from = a;
		s->free_to = unowned_until(s->l, a);
	}
	return (b <= s->free_to) ? -1 : span_owner(s->l, a, b);
}

static bool span_cached(struct sv *s, uintptr_t l2, int owner)
{
	for (uint32_t i = 0; i < s->nspan_ok; i++)
		if ((s->span_ok[i].l2 == l2) && (s->span_ok[i].owner == owner))
			return true;
	return false;
}

static void one_stream(struct sv *s, uint32_t sid, int span_o)
{
	const struct smmu_ste *e = NULL;
	const char *why;
	const char *dev;
	int err = smmu_walk_ste(s->v, sid, &e, &why);
	int o = (span_o == -2) ? owner_of(s->l, sid, &dev) : span_o;

	if (err == -EINVAL)
		fail(s, o, sid, "is malformed: %s", why);
	else
		check_stream(s, sid, o, err ? NULL : e);
}

/* Streams [first, first + n): one span of a two-level table, or all of a linear one. */
static void verify_span(struct sv *s, uint32_t first, uint32_t n, bool two_level)
{
	uint32_t before = s->problems;
	int o = owner_of_span(s, first, first + n);
	const struct smmu_ste *e = NULL;
	const char *why;
	uintptr_t l2 = 0;

	s->st->streams += n;
	if (two_level && (o != -2)) {
		int err = smmu_walk_ste(s->v, first, &e, &why);

		if (err == -ENOENT) { /* Span = 0: the whole span aborts */
			if (o >= 0)
				fail(s, o, first,
				     "aborts with all its span (no level-2 table); "
				     "expected its partition's translation");
			return;
		}
		if (err != 0) { /* a malformed level-1 descriptor: once for the span */
			fail(s, o, first, "is malformed: %s", why);
			return;
		}
		l2 = (uintptr_t)e;
		if (span_cached(s, l2, o)) {
			if (o >= 0)
				s->st->owned[o] += n;
			return;
		}
	}
	for (uint32_t i = 0; i < n; i++)
		one_stream(s, first + i, o);
	if ((l2 != 0U) && (s->problems == before) && (s->nspan_ok < MAX_SPAN_CACHE)) {
		s->span_ok[s->nspan_ok].l2 = l2;
		s->span_ok[s->nspan_ok].owner = o;
		s->nspan_ok++;
	}
}

int smmu_verify(const struct smmu_walk_view *v, const struct layout *l,
		const struct smmu_walk_part *parts, struct layout_diag *d,
		struct smmu_walk_stats *st, struct layout_verify *scratch)
{
	struct sv s = {.v = v, .l = l, .parts = parts, .d = d, .st = st, .lv = scratch};
	unsigned int log2 = CFG_LOG2SIZE(v->strtab_cfg);
	unsigned int split = CFG_SPLIT(v->strtab_cfg);
	bool two = CFG_FMT(v->strtab_cfg) == STRTAB_FMT_2LVL;
	const uint64_t *l1;
	uint32_t total;
	uint32_t step;

	(void)memset(st, 0, sizeof(*st));
	if (!v->present)
		return 0; /* no SMMU: validation refuses layouts that give streams */
	if ((log2 > SMMU_MAX_SID_BITS) || (two && ((split == 0U) || (split > log2)))) {
		fail(&s, -1, 0, "table: STRTAB_BASE_CFG 0x%x is not one Bulkhead builds",
		     v->strtab_cfg);
		return trace_error(-EINVAL);
	}
	total = 1U << log2;
	step = two ? (1U << split) : total;
	l1 = (const uint64_t *)(uintptr_t)STRTAB_ADDR(v->strtab_base);
	if (two && !in_mem(&v->l1, (uintptr_t)l1, (size_t)(total / step) * 8U))
		l1 = NULL; /* verify_span reports it, span by span */
	for (uint32_t first = 0; first < total; first += step) {
		uint32_t before = s.problems;
		int o;

		/* Fast paths (boot cost): an unowned span without a level-2 table; ... */
		if (l1 && !L1STD_SPAN_GET(l1[first / step]) &&
		    owner_of_span(&s, first, first + step) == -1) {
			st->streams += step;
			continue;
		}
		/* ... a span of the stream range the last one was in, with its level-2 table. */
		if ((l1 != NULL) && (s.run_desc != 0U) && (l1[first / step] == s.run_desc) &&
		    ((first + step) <= s.run_end)) {
			st->streams += step;
			st->owned[s.run_owner] += step;
			continue;
		}
		verify_span(&s, first, step, two);
		s.run_desc = 0;
		o = ((l1 != NULL) && (s.problems == before))
			    ? owner_of_span(&s, first, first + step)
			    : -1;
		if (o >= 0) {
			s.run_desc = l1[first / step];
			s.run_owner = o;
			s.run_end = range_end(l, first);
		}
	}
	/* Owned streams beyond the table abort: attach should have refused them. */
	for (uint32_t i = 0; i < l->nparts; i++)
		for (uint32_t k = 0; k < l->parts[i].ndevices; k++)
			for (uint32_t r = 0; r < l->parts[i].devices[k].nstreams; r++) {
				const struct layout_stream_range *x =
					&l->parts[i].devices[k].streams[r];

				if ((x->base + x->count) > total)
					fail(&s, (int)i, MAX(x->base, total),
					     "is beyond the stream table (%u IDs): it aborts",
					     total);
			}
	return s.problems ? trace_error(-EINVAL) : 0;
}
