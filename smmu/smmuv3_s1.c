// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stage-1 tables for an SMMU without stage 2 (QEMU 7.2's: IDR0.S2P = 0,
 * S1P = 1): one table per partition that Bulkhead builds from the partition's
 * RAM (guest-physical -> physical, the same map as the CPUs' stage 2 for RAM;
 * devices' MMIO is not mapped: no peer-to-peer DMA) and one Context Descriptor
 * per partition (IHI 0070, 5.4), ASID = VMID, non-global entries.
 *
 * State: struct smmu_s1, under the command queue lock. Contexts are built at
 * the first attach (boot) and found again at every later one (restart): the
 * RAM layout is static, so they never change and restart never allocates.
 */
#include <smmu/smmu_walk.h>
#include <smmu/smmuv3_dev.h>

#include <errno.h>
#include <lib/bits.h>
#include <lib/trace.h>

#define S1_IA_BITS 40U			 /* stage-1 input = the 40-bit guest-physical space */
#define S1_MAX_PS  5U			 /* 48 bits: the most pgtable.h descriptors hold */
#define MAX_CTX	   LAYOUT_MAX_PARTITIONS /* stage-1 contexts: VMID 1..8 */

_Static_assert(S1_IA_BITS == LAYOUT_IPA_BITS, "stage 1 covers the guest-physical space");

/* The CD of context i (VMID / ASID i + 1), written before use. */
static struct smmu_cd cd_mem[MAX_CTX] __attribute__((aligned(SMMU_CD_BYTES), section(".noinit")));

static struct smmu_s1 {
	struct pt_pool *pool;	     /* where the tables come from (smmu_init) */
	uint64_t *root[MAX_CTX];     /* NULL until context i is built */
	unsigned int pages[MAX_CTX]; /* table pages it took */
} s1;

void s1_init(struct pt_pool *pool)
{
	s1.pool = pool;
}

/* Partition @lp's RAM, guest-physical -> physical, in the table at @root. */
static int map_ram(const struct layout_partition *lp, uint64_t *root, unsigned int level)
{
	int err = 0;

	for (uint32_t m = 0; !err && m < lp->nmem; m++)
		err = pt_map(s1.pool, root, level, lp->mem[m].ipa, lp->mem[m].phys, lp->mem[m].size,
			     SMMU_S1_RAM);
	return err;
}

/*
 * A table mapping the partition's guest RAM with SMMU_S1_RAM leaves (1 GiB
 * and 2 MiB blocks where both addresses allow), and its CD.
 */
int s1_context(const struct layout_partition *lp, uint16_t vmid, uint64_t *cd)
{
	unsigned int i = (unsigned int)vmid - 1U, ips = MIN(smmu_dev.f.oas, S1_MAX_PS);
	int level = smmu_s1_start_level(S1_IA_BITS);
	size_t before;
	uint64_t *root;
	int err;

	if (!vmid || i >= MAX_CTX || level < 0 || !s1.pool)
		return trace_error(-EINVAL);
	*cd = (uint64_t)(uintptr_t)&cd_mem[i];
	if (s1.root[i])
		return 0;
	before = pt_pool_avail(s1.pool);
	root = pt_alloc(s1.pool);
	if (!root)
		return trace_error(-ENOMEM);
	err = map_ram(lp, root, (unsigned int)level);
	if (!err && smmu_cd_s1(&cd_mem[i], vmid, (uint64_t)(uintptr_t)root, S1_IA_BITS, ips))
		err = trace_error(-EINVAL);
	if (err)
		return err; /* boot stops: the pages taken are not needed again */
	smmu_dsb_st();	    /* tables and CD complete before an STE points at them */
	s1.root[i] = root;
	s1.pages[i] = (unsigned int)(before - pt_pool_avail(s1.pool));
	return 0;
}

unsigned int smmu_s1_pages(uint16_t vmid)
{
	return vmid && vmid <= MAX_CTX ? s1.pages[vmid - 1] : 0;
}

/* The CDs and the table pool, for smmu_walk_view() (table verification). */
void s1_walk_view(struct smmu_walk_view *v)
{
	v->cd = (struct smmu_walk_mem){(uintptr_t)cd_mem, sizeof(cd_mem)};
	v->pool = s1.pool;
}
