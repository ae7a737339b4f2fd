// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMMUv3 stream table, device side (IHI 0070, 3.3 and 5.2), and the attach /
 * abort API: which table each span points at is decided by the span
 * allocator (strtab_alloc.c); here are the table memory, the level-1
 * descriptor stores, the in-place updates of live STEs, and the invalidation
 * commands around them.
 *
 * Updates never let the SMMU see a half-written configuration (3.21):
 * uniform and abort tables are immutable once built, and a span moves from
 * one table to another with a single 64-bit level-1 descriptor store; a live
 * STE goes through abort (word 0), then its other words, then word 0, with
 * CMD_CFGI_STE_RANGE + CMD_SYNC between the steps.
 *
 * State: the table memory and struct strtab, guarded by the command queue
 * lock (cmdq_lock()): every update is one command-queue operation.
 */
#include <smmu/smmu_walk.h> /* smmu_walk_view(), at the end */
#include <smmu/smmuv3_dev.h>

#include <errno.h>
#include <lib/bits.h>
#include <lib/trace.h>
#include <string.h>

/* Not zeroed at boot: strtab_init() writes all of it before the SMMU reads any. */
static uint64_t l1_table[STRTAB_L1_MAX]
	__attribute__((aligned(STRTAB_L1_MAX * 8), section(".noinit")));
static struct smmu_ste ste_mem[STRTAB_TABLES][STRTAB_L2_STES]
	__attribute__((aligned(4096), section(".noinit")));

static struct strtab strtab; /* under the command queue lock */

/* The allocator repoints span @s at table @t: complete and visible first. */
static void point_span(const struct strtab *st, unsigned int s, unsigned int t)
{
	smmu_dsb_st();
	smmu_store64(&l1_table[s], smmu_l1std((uint64_t)(uintptr_t)st->ste[t], STRTAB_SPLIT + 1));
	cmd_cfgi_spans(s, s);
}

void strtab_init(bool linear)
{
	strtab_reset(&strtab, ste_mem, linear, point_span);
	if (linear) {
		smmu_wr64(SMMU_STRTAB_BASE,
			  smmu_strtab_base((uint64_t)(uintptr_t)ste_mem[STRTAB_LINEAR]));
		smmu_wr32(SMMU_STRTAB_BASE_CFG,
			  smmu_strtab_base_cfg(STRTAB_FMT_LINEAR, 0, smmu_dev.log2size));
	} else {
		memset(l1_table, 0, sizeof(l1_table)); /* Span = 0: invalid */
		smmu_wr64(SMMU_STRTAB_BASE, smmu_strtab_base((uint64_t)(uintptr_t)l1_table));
		smmu_wr32(SMMU_STRTAB_BASE_CFG,
			  smmu_strtab_base_cfg(STRTAB_FMT_2LVL, STRTAB_SPLIT, smmu_dev.log2size));
	}
	smmu_dsb_st();
}

/* Step @step of 3.21.3 on one live STE @e taking value @x; true if it changed. */
static bool update_ste(int step, struct smmu_ste *e, const struct smmu_ste *x,
		       const struct smmu_ste *abort, struct vmid_set *old)
{
	bool changed = false;

	if (step == 0 && smmu_ste_translates(e) && memcmp(e, x, sizeof(*e)) != 0) {
		vmid_set_add(old, e);
		smmu_store64(&e->w[0], abort->w[0]);
		changed = true;
	}
	for (unsigned int w = 1; step == 1 && w < SMMU_STE_WORDS; w++) {
		if (e->w[w] != x->w[w]) {
			smmu_store64(&e->w[w], x->w[w]);
			changed = true;
		}
	}
	if (step == 2 && e->w[0] != x->w[0]) {
		smmu_store64(&e->w[0], x->w[0]);
		changed = true;
	}
	return changed;
}

/*
 * STEs of live private tables, in three steps (3.21.3): (a) a translating STE
 * that changes becomes abort (word 0 only), CFGI + SYNC; (b) words 1..7 take
 * their new values, CFGI + SYNC; (c) word 0 takes its new value, CFGI (synced
 * by the caller). At no time can a fetch combine new words with an old word 0
 * that uses them.
 */
static void update_live(uint32_t base, uint32_t end, const struct smmu_ste *x, struct vmid_set *old)
{
	unsigned int s0 = base >> STRTAB_SPLIT, s1 = (end - 1) >> STRTAB_SPLIT;
	struct smmu_ste abort;

	smmu_ste_abort(&abort);
	for (int step = 0; step < 3; step++) {
		bool changed = false;

		for (unsigned int s = s0; s <= s1; s++) {
			struct span_range r;

			strtab_span_range(&strtab, s, base, end, &r);
			if (!strtab_is_private(&strtab, r.cur))
				continue;
			for (uint32_t sid = r.lo; sid < r.hi; sid++)
				changed |= update_ste(step,
						      &ste_mem[r.cur][sid & (STRTAB_L2_STES - 1)],
						      x, &abort, old);
		}
		if (!changed)
			continue;
		smmu_dsb_st();
		cmd_cfgi_spans(s0, s1);
		if (step < 2)
			(void)cmdq_sync(); /* its error stays the operation's */
	}
}

/*
 * Streams [base, end) take configuration @x (abort or translating): spans
 * repointed first (nothing changes if the pool is short), then live STEs.
 * Caller holds the command queue lock and syncs afterwards.
 */
static int set_range(uint32_t base, uint32_t end, const struct smmu_ste *x, struct vmid_set *old)
{
	int err = strtab_set_spans(&strtab, base, end, x, old);

	if (err)
		return err;
	update_live(base, end, x, old);
	return 0;
}

int smmu_check_range(uint32_t sid_base, uint32_t count)
{
	if (!smmu_dev.present)
		return trace_error(-ENODEV);
	if (!count)
		return trace_error(-EINVAL);
	if ((uint64_t)sid_base + count > (1ULL << smmu_dev.log2size))
		return trace_error(-ERANGE);
	return 0;
}

int smmu_attach_ste(uint32_t sid_base, uint32_t count, const struct smmu_ste *x, uint16_t tag)
{
	struct vmid_set old = {.n = 0};
	int err;

	cmdq_lock();
	/* No stale entry of an earlier life of this VMID / ASID may be used. */
	cmd_tlbi_vmid(tag);
	(void)cmdq_sync();
	err = set_range(sid_base, sid_base + count, x, &old);
	cmd_tlbi_set(&old, tag);
	(void)cmdq_sync(); /* the new configuration is in use */
	if (!err)
		err = cmdq_error();
	cmdq_unlock();
	return err;
}

int smmu_attach(uint32_t sid_base, uint32_t count, const struct s2_table *s2, uint64_t vtcr)
{
	struct smmu_ste x;
	unsigned int ias;
	int err = smmu_check_range(sid_base, count);

	if (err)
		return err;
	if (smmu_dev.mode != MODE_S2)
		return trace_error(-EOPNOTSUPP);
	if (!s2 || !s2->root || (!smmu_dev.f.vmid16 && s2->vmid > 0xff))
		return trace_error(-EINVAL);
	/* Input size: OAS, or 40 bits if AArch32 tables are supported (5.2, S2T0SZ). */
	ias = MAX(smmu_dev.f.oas_bits, smmu_dev.f.ttf_aarch32 ? 40U : 0U);
	if (64 - VTCR_T0SZ(vtcr) > ias)
		return trace_error(-EINVAL);
	vtcr = smmu_vtcr_cap_ps(vtcr, smmu_dev.f.oas);
	if (smmu_ste_s2(&x, s2->vmid, vtcr, (uint64_t)(uintptr_t)s2->root))
		return trace_error(-EINVAL);
	return smmu_attach_ste(sid_base, count, &x, s2->vmid);
}

int smmu_abort(uint32_t sid_base, uint32_t count)
{
	struct vmid_set old = {.n = 0};
	struct smmu_ste x;
	int err = smmu_check_range(sid_base, count);

	if (err)
		return err;
	smmu_ste_abort(&x);
	cmdq_lock();
	err = set_range(sid_base, sid_base + count, &x, &old);
	(void)cmdq_sync(); /* the abort configuration is in use */
	cmd_tlbi_set(&old, -1);
	(void)cmdq_sync(); /* and no translation of the old VMIDs is cached */
	if (!err)
		err = cmdq_error();
	cmdq_unlock();
	return err;
}

static bool has_streams(const struct layout_partition *lp)
{
	for (uint32_t d = 0; d < lp->ndevices; d++)
		if (lp->devices[d].nstreams)
			return true;
	return false;
}

/* One stream range of the partition: its stage-1 STE @x, or stage 2 @s2 / @vtcr. */
static int attach_range(const struct layout_stream_range *r, const struct smmu_ste *x,
			const struct s2_table *s2, uint64_t vtcr)
{
	int err;

	if (smmu_dev.mode != MODE_S1)
		return smmu_attach(r->base, r->count, s2, vtcr);
	err = smmu_check_range(r->base, r->count);
	return err ? err : smmu_attach_ste(r->base, r->count, x, s2->vmid);
}

int smmu_attach_partition(const struct layout_partition *lp, const struct s2_table *s2,
			  uint64_t vtcr)
{
	struct smmu_ste x;
	uint64_t cd = 0;
	int err;

	if (!has_streams(lp))
		return 0;
	if (!smmu_dev.present)
		return trace_error(-ENODEV);
	if (smmu_dev.mode == MODE_S1) {
		if (!s2)
			return trace_error(-EINVAL);
		cmdq_lock();
		err = s1_context(lp, s2->vmid, &cd);
		cmdq_unlock();
		if (!err && smmu_ste_s1(&x, cd, 0))
			err = trace_error(-EINVAL);
		if (err)
			return err;
	}
	for (uint32_t d = 0; d < lp->ndevices; d++) {
		for (uint32_t k = 0; k < lp->devices[d].nstreams; k++) {
			err = attach_range(&lp->devices[d].streams[k], &x, s2, vtcr);
			if (err)
				return err;
		}
	}
	return 0;
}

int smmu_abort_partition(const struct layout_partition *lp)
{
	int first = 0;

	if (!has_streams(lp))
		return 0;
	for (uint32_t d = 0; d < lp->ndevices; d++) {
		for (uint32_t k = 0; k < lp->devices[d].nstreams; k++) {
			const struct layout_stream_range *r = &lp->devices[d].streams[k];
			int err = smmu_abort(r->base, r->count);

			if (err && !first)
				first = err; /* go on: abort as much as possible */
		}
	}
	return first;
}

/* ---------------------------------------------------------------- verification */

/* What smmu/smmu_walk.c walks (table verification at boot, docs/reliability.md). */
void smmu_walk_view(struct smmu_walk_view *v)
{
	static const enum smmu_walk_mode modes[3] = {
		[MODE_NONE] = SMMU_WALK_NONE, [MODE_S2] = SMMU_WALK_S2, [MODE_S1] = SMMU_WALK_S1};

	*v = (struct smmu_walk_view){.present = smmu_dev.present,
				     .mode = modes[smmu_dev.mode],
				     .l1 = {(uintptr_t)l1_table, sizeof(l1_table)},
				     .l2 = {(uintptr_t)ste_mem, sizeof(ste_mem)}};
	s1_walk_view(v);
	if (smmu_dev.present) { /* what the SMMU itself uses: its registers */
		v->strtab_base = *(volatile uint64_t *)(smmu_dev.base + SMMU_STRTAB_BASE);
		v->strtab_cfg = smmu_rd32(SMMU_STRTAB_BASE_CFG);
	}
}
