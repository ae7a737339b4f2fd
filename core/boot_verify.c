// SPDX-License-Identifier: GPL-2.0-only
/*
 * Table verification at boot (docs/reliability.md): what was built is
 * checked, not only what was described. Runs once on the boot core, after
 * prepare_partitions() and the SMMU attach, before any partition starts.
 */
#include <arch/arm64/s2_layout.h>
#include <arch/arm64/sysreg.h>
#include <core/boot_verify.h>
#include <core/partition.h>
#include <lib/log.h>
#include <smmu/smmu_walk.h>

extern struct pt_pool hyp_pt_pool;

/* Owned by the boot core, used only here, before the other cores run. */
static struct layout_verify verify_scratch;
static struct smmu_walk_part smmu_parts[LAYOUT_MAX_PARTITIONS];

static void verify_report(struct layout_diag *d, const char *msg)
{
	(void)d;
	log_info("%s; nothing started", msg);
}

/* What was verified, printed once the measurement is over. */
static struct s2_verify_stats s2_stats[LAYOUT_MAX_PARTITIONS];
static struct smmu_walk_stats smmu_stats;

static void verify_stage2(struct layout_diag *d)
{
	for (uint32_t i = 0; i < hyp_layout.nparts; i++)
		if (s2_verify_partition(&hyp_layout, &hyp_layout.parts[i], &partitions[i].s2,
					&hyp_pt_pool, d, &verify_scratch, &s2_stats[i]) != 0)
			continue; /* reported through @d */
}

static void verify_smmu(const struct smmu_walk_view *v, struct layout_diag *d)
{
	if (!v->present)
		return;
	for (uint32_t i = 0; i < hyp_layout.nparts; i++)
		smmu_parts[i].s2 = &partitions[i].s2;
	if (smmu_verify(v, &hyp_layout, smmu_parts, d, &smmu_stats, &verify_scratch) != 0)
		return; /* reported through @d */
}

static void print_stats(const struct smmu_walk_view *v)
{
	for (uint32_t i = 0; i < hyp_layout.nparts; i++) {
		const struct s2_verify_stats *st = &s2_stats[i];

		log_info("partition '%s': stage-2 verified: %u block(s)/page(s), %llu page(s) of "
			 "4 KiB, %u table page(s)",
			 hyp_layout.parts[i].name, st->leaves, (unsigned long long)st->pages,
			 st->tables);
	}
	if (!v->present)
		return;
	for (uint32_t i = 0; i < hyp_layout.nparts; i++)
		if (smmu_stats.owned[i] != 0U)
			log_info("partition '%s': SMMU verified: %u stream(s) translate into its "
				 "memory%s, %u stage-1 block(s)/page(s)",
				 hyp_layout.parts[i].name, smmu_stats.owned[i],
				 (v->mode == SMMU_WALK_S1) ? " (stage 1)" : " (its stage 2)",
				 smmu_stats.s1_leaves[i]);
	log_info("SMMU verified: %u stream ID(s), every one not owned aborts", smmu_stats.streams);
}

void boot_verify_tables(void)
{
	struct layout_diag d = {.report = verify_report};
	uint64_t t0 = read_sysreg(cntpct_el0);
	uint64_t freq = read_sysreg(cntfrq_el0);
	uint64_t ns;
	struct smmu_walk_view v;

	smmu_walk_view(&v);
	verify_stage2(&d);
	verify_smmu(&v, &d);
	ns = (freq != 0U) ? (((read_sysreg(cntpct_el0) - t0) * 1000000000ULL) / freq) : 0U;
	if (d.errors != 0U)
		panic("table verification: %u mismatch(es) between the built tables and the "
		      "layout; nothing started",
		      d.errors);
	print_stats(&v);
	log_info("tables verified in %llu us (%llu ns: instructions under -icount shift=0)",
		 (unsigned long long)(ns / 1000U), (unsigned long long)ns);
}
