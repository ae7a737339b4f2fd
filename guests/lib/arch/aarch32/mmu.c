// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AArch32 half of mmu.h: cache maintenance by MVA (DCIMVAC, DCCIMVAC)
 * and the long-descriptor translation registers (Arm ARM G5.5: TTBCR.EAE,
 * MAIR0/MAIR1, the 64-bit TTBR0).
 */
#include <guests/lib/mmu.h>
#include <guests/lib/rt.h>

#define MAIR0_VALUE 0xff04U /* attribute 0 Device-nGnRE, 1 Normal inner/outer WB RW-allocate */

/* TTBCR: EAE, T0SZ 0 (4 GiB), inner/outer WBWA walks, inner shareable, EPD1 (no TTBR1 walks). */
#define TTBCR_VALUE ((1U << 31) | (1U << 8) | (1U << 10) | (3U << 12) | (1U << 23))

static uint32_t dcache_line(void)
{
	return 4U << ((sysreg_read(ctr_el0) >> 16) & 0xf);
}

void dcache_invalidate(uintptr_t start, uintptr_t end)
{
	uint32_t line = dcache_line();

	for (uintptr_t a = start & ~(uintptr_t)(line - 1); a < end; a += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c6, 1" : : "r"(a) : "memory"); /* DCIMVAC */
	dsb_sy();
}

void dcache_clean_poc(const void *p, uint64_t size)
{
	uint32_t line = dcache_line();
	uintptr_t end = (uintptr_t)p + (uintptr_t)size;

	for (uintptr_t a = (uintptr_t)p & ~(uintptr_t)(line - 1); a < end; a += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c14, 1" : : "r"(a) : "memory"); /* DCCIMVAC */
	dsb_sy();
}

void mmu_arch_enable(const uint64_t *root)
{
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 0\n\tdsb nsh"
			 :
			 : "r"(0)
			 : "memory"); /* TLBIALL */
	isb();
	sysreg_write(mair0, MAIR0_VALUE);
	sysreg_write(mair1, 0);
	sysreg_write(tcr_el1, TTBCR_VALUE);
	sysreg_write(ttbr0_el1, (uintptr_t)root);
	isb();
	sysreg_write(sctlr_el1, sysreg_read(sctlr_el1) | SCTLR_M | SCTLR_C | SCTLR_I);
	isb();
	rt_mmu_shared = (struct rt_mmu_shared){sysreg_read(mair0) | sysreg_read(mair1) << 32,
					       sysreg_read(tcr_el1), sysreg_read(ttbr0_el1),
					       sysreg_read(sctlr_el1)};
}
