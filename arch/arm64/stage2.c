// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stage-2 tables of a partition, and the translation control values of
 * stage 2 (VTCR_EL2, VTTBR_EL2) and of Bulkhead's EL2 stage 1 (TCR_EL2).
 * Register layouts: Arm ARM DDI 0487K.a, D19 (VTCR_EL2, VTTBR_EL2, TCR_EL2).
 */
#include <arch/arm64/stage2.h>
#include <lib/trace.h>
#include <partitions/layout.h>

#include <errno.h>

_Static_assert(S2_IPA_BITS == LAYOUT_IPA_BITS, "stage 2 must cover the layout's IPA space");
/* What the concatenated root reaches: exactly the IPA space. */
#define S2_REACH ((uint64_t)S2_ROOT_TABLES * PT_ENTRIES * PT_LEVEL_SIZE(S2_START_LEVEL))
_Static_assert(S2_REACH == BIT(S2_IPA_BITS), "the root must cover the IPA space exactly");

/* Fields shared by VTCR_EL2 and TCR_EL2 (E2H = 0) for the TTBR0 / VTTBR walk. */
#define TCR_T0SZ(n)    FIELD_PREP64(5, 0, n)
#define TCR_IRGN0_WBWA (0x1ULL << 8)
#define TCR_ORGN0_WBWA (0x1ULL << 10)
#define TCR_SH0_INNER  (0x3ULL << 12)
#define TCR_TG0_4K     (0x0ULL << 14)
#define TCR_PS(n)      FIELD_PREP64(18, 16, n)
#define TCR_WALK       (TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K)

#define VTCR_SL0(n)  FIELD_PREP64(7, 6, n) /* 4 KiB granule: 0 = level 2, 1 = level 1 */
#define VTCR_RES1    BIT(31)
#define TCR_EL2_RES1 (BIT(31) | BIT(23))

#define VTTBR_VMID(v)	 FIELD_PREP64(55, 48, v)
#define VTTBR_BADDR_MASK GENMASK(47, 1)

#define PARANGE_48 5 /* ID_AA64MMFR0_EL1.PARange: 48 bits, 256 TiB */

/* PS for a PARange: 52 bits (6) needs FEAT_LPA2 descriptors, which we do not use. */
static uint64_t ps_field(unsigned pa_range)
{
	return TCR_PS(pa_range > PARANGE_48 ? PARANGE_48 : pa_range);
}

uint64_t s2_vtcr(unsigned pa_range)
{
	return TCR_T0SZ(64 - S2_IPA_BITS) | VTCR_SL0(1) | TCR_WALK | ps_field(pa_range) | VTCR_RES1;
}

uint64_t s1_el2_tcr(unsigned pa_range)
{
	return TCR_T0SZ(25) | TCR_WALK | ps_field(pa_range) | TCR_EL2_RES1;
}

uint64_t s2_vttbr(const struct s2_table *t)
{
	return VTTBR_VMID(t->vmid) | ((uint64_t)(uintptr_t)t->root & VTTBR_BADDR_MASK);
}

int s2_init(struct s2_table *t, struct pt_pool *pool, uint16_t vmid)
{
	t->root = NULL;
	t->vmid = vmid;
	if (vmid > S2_VMID_MAX)
		return trace_error(-EINVAL);
	/* Concatenated root: aligned to its own size, 8 KiB (VTTBR_EL2.BADDR). */
	t->root = pt_alloc_contig(pool, S2_ROOT_TABLES);
	if (!t->root)
		return trace_error(-ENOMEM);
	return 0;
}

int s2_map(struct s2_table *t, struct pt_pool *pool, uint64_t ipa, uint64_t pa, uint64_t size,
	   uint64_t attrs)
{
	return pt_map_concat(pool, t->root, S2_START_LEVEL, S2_ROOT_TABLES, ipa, pa, size, attrs);
}

int s2_unmap(struct s2_table *t, struct pt_pool *pool, uint64_t ipa, uint64_t size)
{
	return pt_unmap_concat(pool, t->root, S2_START_LEVEL, S2_ROOT_TABLES, ipa, size);
}

int s2_walk(const struct s2_table *t, uint64_t ipa, uint64_t *pa, uint64_t *attrs, unsigned *level)
{
	return pt_walk_concat(t->root, S2_START_LEVEL, S2_ROOT_TABLES, ipa, pa, attrs, level);
}
