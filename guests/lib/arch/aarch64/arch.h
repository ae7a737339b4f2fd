/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The AArch64 half of the guest library's system-register layer (sysreg.h
 * includes it when the compiler targets AArch64): MRS/MSR accessors named by
 * the registers' AArch64 names, barriers, interrupt masking, and what the
 * portable code needs to know of the instruction set.
 */
#ifndef GUESTS_LIB_ARCH_AARCH64_ARCH_H
#define GUESTS_LIB_ARCH_AARCH64_ARCH_H

#define RT_ARCH_NAME	   "aarch64"
#define RT_SVC_INSN_SIZE   4 /* svc #0: what a restarted call steps back */
#define RT_MMU_START_LEVEL 0 /* 48-bit VA: L0..L3 (mmu.c) */
#define PSCI_CPU_ON_NATIVE PSCI_CPU_ON_64
/* PSTATE of an RTOS task: privileged, on its own stack, IRQs unmasked. */
/* Execute-never bits of the code mapping (mmu.c). */
#define RT_MMU_CODE_XN	     (1ull << 54) /* UXN: the code is not EL0's */
#define RT_SPSR_TASK	     0x245	  /* EL1h, D and F masked, IRQ and SError enabled */
#define PSCI_AFF_INFO_NATIVE PSCI_AFFINITY_INFO_64
/* Bulkhead's own calls in this execution state's SMCCC convention (lib/smccc.h). */
#define BH_INFO_NATIVE		BH_HVC_INFO
#define BH_CONSOLE_WRITE_NATIVE BH_HVC_CONSOLE_WRITE
#define BH_CONSOLE_MAX_NATIVE	BH_HVC_CONSOLE_MAX
#define BH_CONSOLE_PER_REG	8 /* bytes per argument register */

#ifndef __ASSEMBLY__
#include <stdint.h>

#define sysreg_read(reg)                                                                           \
	({                                                                                         \
		uint64_t v_;                                                                       \
		__asm__ volatile("mrs %0, " #reg : "=r"(v_)::"memory");                            \
		v_;                                                                                \
	})

#define sysreg_write(reg, v) __asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(v)) : "memory")

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline void dsb_sy(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}

static inline void irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" ::: "memory");
}

static inline void irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

/* D, A, I and F masked. */
static inline void irq_disable_all(void)
{
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
}

static inline unsigned int arch_current_el(void)
{
	return (unsigned int)((sysreg_read(CurrentEL) >> 2) & 3);
}

static inline void cpu_relax(void)
{
	__asm__ volatile("yield" ::: "memory");
}

/* Aff0 of MPIDR_EL1: the vCPU index under Bulkhead, the core on QEMU virt. */
static inline uint32_t cpu_index(void)
{
	return (uint32_t)(sysreg_read(mpidr_el1) & 0xff);
}

/* Spins @n iterations of a two-instruction loop (no memory access). */
static inline void rt_spin(uint64_t n)
{
	__asm__ volatile("1: subs %0, %0, #1\n\tb.ne 1b" : "+r"(n)::"cc");
}

/* A supervisor call with r0/x0 = @nr, @a, @b; returns r0/x0 (the RTOS's calls). */
static inline uintptr_t rt_svc(uintptr_t nr, uintptr_t a, uintptr_t b)
{
	register uint64_t x0 __asm__("x0") = nr;
	register uint64_t x1 __asm__("x1") = a;
	register uint64_t x2 __asm__("x2") = b;

	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x1), "r"(x2) : "memory");
	return x0;
}

/* HVC #0 of a call without arguments (the null hypercall of the benchmark): x0/r0. */
static inline uint64_t rt_hvc_fast(uint32_t fid)
{
	register uint64_t x0 __asm__("x0") = fid;

	__asm__ volatile("hvc #0"
			 : "+r"(x0)
			 :
			 : "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			   "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return x0;
}

static inline void rt_wfi(void)
{
	__asm__ volatile("wfi" ::: "memory");
}
#endif

#endif
