// SPDX-License-Identifier: GPL-2.0-only
#include <arch/arm64/cpu.h>

/* Owner: boot.c (init_cpus) before the secondaries start; read-only afterwards. */
struct cpu cpus[CONFIG_MAX_CPUS];

/* ICC_IGRPEN1_EL1 (GICv3 CPU interface, IHI 0069 12.2.13): Group 1 interrupts off. */
#define ICC_IGRPEN1 "S3_0_C12_C12_7"

void cpu_halt(void)
{
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	/*
	 * No interrupt is signalled to this core any more, so WFI sleeps for
	 * good: a halted core draws no power, and on QEMU it no longer spins in
	 * a WFE loop (TCG does not sleep on WFE; its vCPU thread then keeps a
	 * host CPU busy and takes QEMU's global lock at every exit, slowing
	 * every other core).
	 */
	__asm__ volatile("msr " ICC_IGRPEN1 ", xzr\n isb" ::: "memory");
	for (;;)
		__asm__ volatile("wfi" ::: "memory");
}

/*
 * The panic policy (lib/log.h): at boot only the boot core runs, so the
 * whole machine stops. Later (a bug inside Bulkhead itself) only the calling
 * core halts: the partition on it is lost, the others keep running (they
 * share no state with the faulting path; a lock the halted core held stays
 * taken, which can stop others that need it: that is a Bulkhead bug to fix,
 * not a policy).
 */
void hyp_halt_all(void)
{
	cpu_halt();
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

void dcache_clean_inval_range(uint64_t addr, uint64_t size)
{
	uint64_t ctr = read_sysreg(ctr_el0);
	uint64_t line = 4ULL << ((ctr >> 16) & 0xf); /* DminLine, in words */
	uint64_t end = addr + size;

	for (addr &= ~(line - 1); addr < end; addr += line)
		__asm__ volatile("dc civac, %0" : : "r"(addr) : "memory");
	dsb_sy();
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
