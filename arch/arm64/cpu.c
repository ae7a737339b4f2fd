// SPDX-License-Identifier: GPL-2.0-only
#include <arch/arm64/cpu.h>

struct cpu cpus[CONFIG_MAX_CPUS];
uint8_t cpu_stacks[CONFIG_MAX_CPUS + 1][CONFIG_STACK_SIZE] __attribute__((aligned(16), section(".noinit")));
uint8_t boot_stack[CONFIG_STACK_SIZE] __attribute__((aligned(16), section(".noinit")));

void cpu_init_local(struct cpu *c)
{
	c->stack_top = (uint64_t)(uintptr_t)&cpu_stacks[c->index + 1][0];
	write_sysreg(tpidr_el2, (uint64_t)(uintptr_t)c);
}

/* SMC Calling Convention (DEN0028): function ID in x0, arguments x1..x3. */
static int64_t smc_call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fid;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 :
			 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
			   "x15", "x16", "x17", "memory");
	return (int64_t)x0;
}

int64_t psci_fw_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context)
{
	/* QEMU's PSCI matches the affinity fields only: never pass bit 31. */
	return smc_call(0xc4000003, mpidr & MPIDR_AFF_MASK, entry, context);
}

uint64_t psci_fw_version(void)
{
	return (uint64_t)smc_call(0x84000000, 0, 0, 0);
}

void dcache_clean_range(uint64_t addr, uint64_t size)
{
	uint64_t ctr = read_sysreg(ctr_el0);
	uint64_t line = 4ULL << ((ctr >> 16) & 0xf); /* DminLine, in words */
	uint64_t end = addr + size;

	for (addr &= ~(line - 1); addr < end; addr += line)
		__asm__ volatile("dc cvac, %0" : : "r"(addr) : "memory");
	dsb_sy();
}
