// SPDX-License-Identifier: GPL-2.0-only
/*
 * The stream table's span allocator (smmu/strtab_alloc.h): image and host.
 * Everything here is plain memory; the device side goes through st->point.
 */
#include <smmu/strtab_alloc.h>

#include <errno.h>
#include <lib/bits.h>
#include <lib/trace.h>
#include <string.h>

void strtab_reset(struct strtab *st, struct smmu_ste (*mem)[STRTAB_L2_STES], bool linear,
		  void (*point)(const struct strtab *st, unsigned int s, unsigned int t))
{
	memset(st->span_tbl, 0, sizeof(st->span_tbl));
	memset(st->kind, 0, sizeof(st->kind));
	st->ste = mem;
	st->linear = linear;
	st->point = point;
	if (linear) {
		/* One table: every STE invalid until attached. */
		for (unsigned int i = 0; i < STRTAB_L2_STES; i++)
			smmu_ste_invalid(&mem[STRTAB_LINEAR][i]);
		st->kind[STRTAB_LINEAR] = STRTAB_PRIVATE;
		st->span_tbl[0] = STRTAB_LINEAR + 1;
	}
	for (unsigned int i = 0; i < STRTAB_L2_STES; i++)
		smmu_ste_abort(&mem[STRTAB_ABORT][i]);
	st->kind[STRTAB_ABORT] = STRTAB_ABORT_KIND;
}

uint16_t strtab_ste_tag(const struct smmu_ste *ste)
{
	/* Bulkhead's CDs are identity mapped (smmuv3_s1.c): read the ASID there. */
	if (smmu_ste_is_s1(ste))
		return smmu_cd_asid((const struct smmu_cd *)(uintptr_t)smmu_ste_cd(ste));
	return (uint16_t)STE2_S2VMID_GET(ste->w[2]);
}

void vmid_set_add(struct vmid_set *set, const struct smmu_ste *ste)
{
	uint16_t vmid;

	if (!smmu_ste_translates(ste))
		return;
	vmid = strtab_ste_tag(ste);
	for (unsigned int i = 0; i < set->n; i++)
		if (set->v[i] == vmid)
			return;
	if (set->n == ARRAY_SIZE(set->v))
		set->all = true;
	else
		set->v[set->n++] = vmid;
}

static bool ste_equal(const struct smmu_ste *a, const struct smmu_ste *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

unsigned int strtab_free_tables(const struct strtab *st)
{
	unsigned int n = 0;

	for (unsigned int t = 0; t < STRTAB_POOL; t++)
		n += st->kind[t] == STRTAB_FREE;
	return n;
}

/* A free table of the pool, now of @kind; callers count free tables first. */
static unsigned int alloc_table(struct strtab *st, enum strtab_kind kind)
{
	for (unsigned int t = 0; t < STRTAB_POOL; t++) {
		if (st->kind[t] == STRTAB_FREE) {
			st->kind[t] = (uint8_t)kind;
			return t;
		}
	}
	return STRTAB_POOL; /* never reached */
}

static int find_uniform(const struct strtab *st, const struct smmu_ste *x)
{
	for (unsigned int t = 0; t < STRTAB_POOL; t++)
		if (st->kind[t] == STRTAB_UNIFORM && ste_equal(&st->ste[t][0], x))
			return (int)t;
	return -1;
}

void strtab_span_range(const struct strtab *st, unsigned int s, uint32_t base, uint32_t end,
		       struct span_range *r)
{
	uint32_t first = s << STRTAB_SPLIT, last = first + STRTAB_L2_STES;

	r->s = s;
	r->lo = MAX(base, first);
	r->hi = MIN(end, last);
	r->full = !st->linear && r->lo == first && r->hi == last;
	r->cur = (int)st->span_tbl[s] - 1;
}

bool strtab_is_private(const struct strtab *st, int t)
{
	return t >= 0 && st->kind[t] == STRTAB_PRIVATE;
}

/* The span already gives every stream ID configuration @x (shared uniform/abort table). */
static bool span_is(const struct strtab *st, const struct span_range *r, const struct smmu_ste *x)
{
	return r->cur >= 0 && !strtab_is_private(st, r->cur) && ste_equal(&st->ste[r->cur][0], x);
}

static void repoint(struct strtab *st, unsigned int s, unsigned int t)
{
	st->span_tbl[s] = (uint8_t)(t + 1);
	st->point(st, s, t);
}

/* A new private table for span @r: its current STEs (or invalid ones), @x in range. */
static unsigned int private_copy(struct strtab *st, const struct span_range *r,
				 const struct smmu_ste *x)
{
	unsigned int t = alloc_table(st, STRTAB_PRIVATE);

	for (unsigned int i = 0; i < STRTAB_L2_STES; i++) {
		if (r->cur >= 0)
			st->ste[t][i] = st->ste[r->cur][i];
		else
			smmu_ste_invalid(&st->ste[t][i]);
	}
	for (uint32_t sid = r->lo; sid < r->hi; sid++)
		st->ste[t][sid & (STRTAB_L2_STES - 1)] = *x;
	return t;
}

/* Tables [base, end) needs that are not there yet: private copies, and maybe a uniform. */
static int count_needed(const struct strtab *st, uint32_t base, uint32_t end,
			const struct smmu_ste *x, int uniform, bool *need_uniform)
{
	bool x_abort = !smmu_ste_translates(x);
	unsigned int need = 0;

	*need_uniform = false;
	for (unsigned int s = base >> STRTAB_SPLIT; s <= (end - 1) >> STRTAB_SPLIT; s++) {
		struct span_range r;

		strtab_span_range(st, s, base, end, &r);
		if (strtab_is_private(st, r.cur) || span_is(st, &r, x))
			continue;
		if (r.full)
			*need_uniform |= !x_abort && uniform < 0;
		else if (!(x_abort && r.cur < 0))
			need++;
	}
	return (int)(need + *need_uniform);
}

int strtab_set_spans(struct strtab *st, uint32_t base, uint32_t end, const struct smmu_ste *x,
		     struct vmid_set *old)
{
	bool x_abort = !smmu_ste_translates(x), need_uniform;
	int uniform = x_abort ? -1 : find_uniform(st, x);
	unsigned int target;

	if (end <= base || (uint32_t)count_needed(st, base, end, x, uniform, &need_uniform) >
				   strtab_free_tables(st))
		return trace_error(end <= base ? -EINVAL : -ENOMEM);
	if (need_uniform) {
		uniform = (int)alloc_table(st, STRTAB_UNIFORM);
		for (unsigned int i = 0; i < STRTAB_L2_STES; i++)
			st->ste[uniform][i] = *x;
	}
	target = x_abort ? STRTAB_ABORT : (unsigned int)uniform;
	for (unsigned int s = base >> STRTAB_SPLIT; s <= (end - 1) >> STRTAB_SPLIT; s++) {
		struct span_range r;

		strtab_span_range(st, s, base, end, &r);
		if (strtab_is_private(st, r.cur) || span_is(st, &r, x) ||
		    (x_abort && r.cur < 0 && !r.full))
			continue; /* live (the caller's), unchanged, or unowned and aborting */
		if (r.cur >= 0)
			vmid_set_add(old, &st->ste[r.cur][0]);
		if (!r.full)
			repoint(st, s, private_copy(st, &r, x));
		else if (r.cur != (int)target)
			repoint(st, s, target);
	}
	return 0;
}
