// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bulkhead's own EL2 translation (stage 1, EL2 regime, TTBR0_EL2 only): an
 * identity map, normal write-back memory for RAM, Device-nGnRE for MMIO. All
 * cores share one table; the boot core builds it, cleans it to the point of
 * coherency (secondaries walk it before their caches are on), then every core
 * enables it with mmu_enable().
 */
#include <arch/arm64/asm.h>
#include <arch/arm64/cpu.h>
#include <arch/arm64/pgtable.h>
#include <arch/arm64/stage2.h>
#include <arch/arm64/sysreg.h>
#include <lib/trace.h>

#include <errno.h>

/*
 * Page pool for every translation table Bulkhead builds (stage 1 and stage 2).
 * Owner: the boot core builds every table before the others start; afterwards
 * only smmu/ allocates from it (a restarted partition's SMMU stage-1 tables),
 * under the SMMU's lock, which is then the pool's.
 */
static uint64_t pt_pages[CONFIG_PT_POOL_PAGES][512]
	__attribute__((aligned(4096), section(".noinit")));
struct pt_pool hyp_pt_pool;

#define MMU_PAGE 0x1000ULL

/* Written by the boot core before the secondaries start; read-only afterwards. */
static uint64_t *el2_root;
static uint64_t el2_tcr;

static void mmu_pool_init(void)
{
	if (!el2_root) {
		pt_pool_init(&hyp_pt_pool, pt_pages, CONFIG_PT_POOL_PAGES);
		el2_root = pt_alloc(&hyp_pt_pool);
	}
}

int mmu_map(uint64_t base, uint64_t size, int device)
{
	uint64_t end = ALIGN_UP(base + size, MMU_PAGE);

	mmu_pool_init();
	if (!el2_root)
		return trace_error(-ENOMEM);
	base = ALIGN_DOWN(base, MMU_PAGE);
	return pt_map(&hyp_pt_pool, el2_root, 1, base, base, end - base,
		      device ? S1_EL2_DEVICE : S1_EL2_NORMAL);
}

extern uint8_t _start[], __stacks_start[], __stacks_end[];

/*
 * The image normal memory, but for the guard page of each EL2 stack slot
 * (arch/arm64/stack.c): an overflow faults there instead of writing over the
 * next core's stack or Bulkhead's data.
 */
int mmu_map_image(void)
{
	uint64_t start = (uint64_t)(uintptr_t)_start;
	uint64_t stacks = (uint64_t)(uintptr_t)__stacks_start;
	uint64_t end = (uint64_t)(uintptr_t)__stacks_end;
	int err = mmu_map(start, stacks - start, 0);

	for (uint64_t slot = stacks; !err && slot + STACK_SLOT <= end; slot += STACK_SLOT)
		err = mmu_map(slot + STACK_GUARD_SIZE, CONFIG_STACK_SIZE, 0);
	return err;
}

void mmu_enable(void)
{
	uint64_t sctlr;

	if (!el2_tcr) {
		el2_tcr = s1_el2_tcr(MMFR0_PARANGE(read_sysreg(id_aa64mmfr0_el1)));
		/*
		 * Secondaries read these two with their MMU and caches off. The
		 * tables themselves need no cleaning: TCR_EL2 makes walks
		 * cacheable, so they snoop the data cache once the MMU is on.
		 */
		dcache_clean_range((uint64_t)(uintptr_t)&el2_tcr, sizeof(el2_tcr));
		dcache_clean_range((uint64_t)(uintptr_t)&el2_root, sizeof(el2_root));
	}
	write_sysreg(mair_el2, S1_EL2_MAIR);
	write_sysreg(tcr_el2, el2_tcr);
	write_sysreg(ttbr0_el2, (uint64_t)(uintptr_t)el2_root);
	isb();
	__asm__ volatile("tlbi alle2" ::: "memory");
	dsb_sy();
	isb();
	sctlr = SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I;
	write_sysreg(sctlr_el2, sctlr);
	isb();
}
