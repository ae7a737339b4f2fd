// SPDX-License-Identifier: GPL-2.0-only
/* The AArch64 half of mmu.h: cache maintenance by VA and the EL1 translation registers. */
#include <guests/lib/mmu.h>
#include <guests/lib/rt.h>

/* MAIR_EL1: attribute 0 Device-nGnRE, attribute 1 Normal inner/outer WB RW-allocate. */
#define MAIR_VALUE 0xff04ull

/* TCR_EL1: T0SZ 16 (48-bit VA), inner/outer WBWA, inner shareable, 4 KiB, no TTBR1 walks. */
#define TCR_VALUE     ((16ull << 0) | (1ull << 8) | (1ull << 10) | (3ull << 12) | (1ull << 23))
#define TCR_IPS_SHIFT 32

/* Invalidate (no clean) data cache lines of [start, end) to the point of coherency. */
void dcache_invalidate(uintptr_t start, uintptr_t end)
{
	uint64_t line = 4ull << ((sysreg_read(ctr_el0) >> 16) & 0xf);

	for (uintptr_t a = start & ~(line - 1); a < end; a += line)
		__asm__ volatile("dc ivac, %0" : : "r"(a) : "memory");
	dsb_sy();
}

void dcache_clean_poc(const void *p, uint64_t size)
{
	uint64_t line = 4ull << ((sysreg_read(ctr_el0) >> 16) & 0xf);

	for (uintptr_t a = (uintptr_t)p & ~(line - 1); a < (uintptr_t)p + size; a += line)
		__asm__ volatile("dc civac, %0" : : "r"(a) : "memory");
	dsb_sy();
}

void mmu_arch_enable(const uint64_t *root)
{
	uint64_t ips = sysreg_read(id_aa64mmfr0_el1) & 0xf;

	__asm__ volatile("tlbi vmalle1\n\tdsb nsh" : : : "memory");
	isb();
	sysreg_write(mair_el1, MAIR_VALUE);
	sysreg_write(tcr_el1, TCR_VALUE | ((ips > 5 ? 5 : ips) << TCR_IPS_SHIFT));
	sysreg_write(ttbr0_el1, (uintptr_t)root);
	isb();
	sysreg_write(sctlr_el1, sysreg_read(sctlr_el1) | SCTLR_M | SCTLR_C | SCTLR_I);
	isb();
	rt_mmu_shared = (struct rt_mmu_shared){sysreg_read(mair_el1), sysreg_read(tcr_el1),
					       sysreg_read(ttbr0_el1), sysreg_read(sctlr_el1)};
}
