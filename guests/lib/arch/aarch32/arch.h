/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The AArch32 half of the guest library's system-register layer (sysreg.h
 * includes it when the compiler targets AArch32, arm-none-eabi-gcc).
 *
 * The portable sources name system registers by their AArch64 names:
 * sysreg_read(cntvct_el0) becomes sysreg_read_cntvct_el0(), defined here
 * with the AArch32 encoding of the same register (Arm ARM DDI 0487 G8: the
 * CP15 MRC/MCR and, for the 64-bit ones, MRRC/MCRR encodings; GIC IHI 0069
 * 12.1.6 for ICC_*). A register without an AArch32 form here does not
 * compile: the portable code uses only these.
 *
 * Modes: the library's C code and the RTOS's tasks run in System mode (the
 * User registers, privileged); the vectors (vectors.S) switch to it at once,
 * so the exception modes need no stacks of their own.
 */
#ifndef GUESTS_LIB_ARCH_AARCH32_ARCH_H
#define GUESTS_LIB_ARCH_AARCH32_ARCH_H

#define RT_ARCH_NAME	   "aarch32"
#define RT_SVC_INSN_SIZE   4 /* A32 svc #0 (the library is built -marm) */
#define RT_MMU_START_LEVEL 1 /* long-descriptor, T0SZ 0: L1..L3 (mmu.c) */
#define PSCI_CPU_ON_NATIVE PSCI_CPU_ON
/* PSTATE of an RTOS task: privileged, on its own stack, IRQs unmasked. */
/* Execute-never bits of the code mapping (mmu.c). */
#define RT_MMU_CODE_XN	     0	  /* bit 54 is XN, which binds PL1 too (G5.5.3) */
#define RT_SPSR_TASK	     0x5f /* System mode, A32, F masked, IRQ and aborts enabled */
#define PSCI_AFF_INFO_NATIVE PSCI_AFFINITY_INFO
/* Bulkhead's own calls in this execution state's SMCCC convention (lib/smccc.h). */
#define BH_INFO_NATIVE		BH_HVC32_INFO
#define BH_CONSOLE_WRITE_NATIVE BH_HVC32_CONSOLE_WRITE
#define BH_CONSOLE_MAX_NATIVE	BH_HVC32_CONSOLE_MAX
#define BH_CONSOLE_PER_REG	4 /* bytes per argument register */

/* CPSR (Arm ARM G1.19.1) */
#define PSR_MODE_MASK 0x1f
#define PSR_MODE_SVC  0x13
#define PSR_MODE_HYP  0x1a
#define PSR_MODE_SYS  0x1f
#define PSR_F	      (1 << 6)
#define PSR_I	      (1 << 7)
#define PSR_A	      (1 << 8)

/* SCTLR bits the start-up clears: MMU, alignment check, caches, high vectors, T32 exceptions. */
#define SCTLR_A32_BOOT_CLEAR ((1 << 0) | (1 << 1) | (1 << 2) | (1 << 12) | (1 << 13) | (1 << 30))

#ifndef __ASSEMBLY__
#include <stdint.h>

/* 32-bit registers: MRC/MCR p15, op1, Rt, CRn, CRm, op2. */
#define A32_CP15_32(name, op1, crn, crm, op2)                                                      \
	static inline uint64_t sysreg_read_##name(void)                                            \
	{                                                                                          \
		uint32_t v_;                                                                       \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2                \
				 : "=r"(v_)::"memory");                                            \
		return v_;                                                                         \
	}                                                                                          \
	static inline void sysreg_write_##name(uint64_t v)                                         \
	{                                                                                          \
		__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2                \
				 :                                                                 \
				 : "r"((uint32_t)v)                                                \
				 : "memory");                                                      \
	}

/* 64-bit registers: MRRC/MCRR p15, op1, Rt (low word), Rt2 (high word), CRm. */
#define A32_CP15_64(name, op1, crm)                                                                \
	static inline uint64_t sysreg_read_##name(void)                                            \
	{                                                                                          \
		uint32_t lo_, hi_;                                                                 \
		__asm__ volatile("mrrc p15, " #op1 ", %0, %1, " #crm                               \
				 : "=r"(lo_), "=r"(hi_)::"memory");                                \
		return (uint64_t)hi_ << 32 | lo_;                                                  \
	}                                                                                          \
	static inline void sysreg_write_##name(uint64_t v)                                         \
	{                                                                                          \
		__asm__ volatile("mcrr p15, " #op1 ", %0, %1, " #crm                               \
				 :                                                                 \
				 : "r"((uint32_t)v), "r"((uint32_t)(v >> 32))                      \
				 : "memory");                                                      \
	}

/* AArch64 name           AArch32 register */
A32_CP15_32(mpidr_el1, 0, c0, c0, 5)	     /* MPIDR */
A32_CP15_32(ctr_el0, 0, c0, c0, 1)	     /* CTR */
A32_CP15_32(sctlr_el1, 0, c1, c0, 0)	     /* SCTLR */
A32_CP15_32(tcr_el1, 0, c2, c0, 2)	     /* TTBCR */
A32_CP15_64(ttbr0_el1, 0, c2)		     /* TTBR0, 64-bit with TTBCR.EAE */
A32_CP15_32(mair0, 0, c10, c2, 0)	     /* MAIR0 (MAIR_EL1[31:0]) */
A32_CP15_32(mair1, 0, c10, c2, 1)	     /* MAIR1 (MAIR_EL1[63:32]) */
A32_CP15_32(vbar_el1, 0, c12, c0, 0)	     /* VBAR */
A32_CP15_32(tpidr_el1, 0, c13, c0, 4)	     /* TPIDRPRW */
A32_CP15_32(dfsr, 0, c5, c0, 0)		     /* DFSR */
A32_CP15_32(ifsr, 0, c5, c0, 1)		     /* IFSR */
A32_CP15_32(dfar, 0, c6, c0, 0)		     /* DFAR */
A32_CP15_32(ifar, 0, c6, c0, 2)		     /* IFAR */
A32_CP15_32(cntfrq_el0, 0, c14, c0, 0)	     /* CNTFRQ */
A32_CP15_64(cntpct_el0, 0, c14)		     /* CNTPCT */
A32_CP15_64(cntvct_el0, 1, c14)		     /* CNTVCT */
A32_CP15_32(cntv_tval_el0, 0, c14, c3, 0)    /* CNTV_TVAL */
A32_CP15_32(cntv_ctl_el0, 0, c14, c3, 1)     /* CNTV_CTL */
A32_CP15_64(cntv_cval_el0, 3, c14)	     /* CNTV_CVAL */
A32_CP15_32(icc_pmr_el1, 0, c4, c6, 0)	     /* ICC_PMR */
A32_CP15_32(icc_iar1_el1, 0, c12, c12, 0)    /* ICC_IAR1 */
A32_CP15_32(icc_eoir1_el1, 0, c12, c12, 1)   /* ICC_EOIR1 */
A32_CP15_32(icc_bpr1_el1, 0, c12, c12, 3)    /* ICC_BPR1 */
A32_CP15_32(icc_ctlr_el1, 0, c12, c12, 4)    /* ICC_CTLR */
A32_CP15_32(icc_sre_el1, 0, c12, c12, 5)     /* ICC_SRE */
A32_CP15_32(icc_igrpen1_el1, 0, c12, c12, 7) /* ICC_IGRPEN1 */
A32_CP15_64(icc_sgi1r_el1, 0, c12)	     /* ICC_SGI1R */

#define sysreg_read(reg)     sysreg_read_##reg()
#define sysreg_write(reg, v) sysreg_write_##reg((uint64_t)(v))

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
	__asm__ volatile("cpsid i" ::: "memory");
}

static inline void irq_enable(void)
{
	__asm__ volatile("cpsie i" ::: "memory");
}

/* A, I and F masked. */
static inline void irq_disable_all(void)
{
	__asm__ volatile("cpsid aif" ::: "memory");
}

/* PL1 in any mode but Hyp (PL2), which the start-up refuses. */
static inline unsigned int arch_current_el(void)
{
	uint32_t cpsr;

	__asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
	return (cpsr & PSR_MODE_MASK) == PSR_MODE_HYP ? 2 : 1;
}

static inline void cpu_relax(void)
{
	__asm__ volatile("yield" ::: "memory");
}

/* Aff0 of MPIDR: the vCPU index under Bulkhead. */
static inline uint32_t cpu_index(void)
{
	return (uint32_t)(sysreg_read(mpidr_el1) & 0xff);
}

/* Spins @n iterations of a two-instruction loop (no memory access). */
static inline void rt_spin(uint64_t n)
{
	uint32_t m = (uint32_t)n;

	__asm__ volatile("1: subs %0, %0, #1\n\tbne 1b" : "+r"(m)::"cc");
}

/* A supervisor call with r0/x0 = @nr, @a, @b; returns r0/x0 (the RTOS's calls). */
static inline uintptr_t rt_svc(uintptr_t nr, uintptr_t a, uintptr_t b)
{
	register uint32_t r0 __asm__("r0") = nr;
	register uint32_t r1 __asm__("r1") = a;
	register uint32_t r2 __asm__("r2") = b;

	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2) : "memory");
	return r0;
}

/* HVC #0 of a call without arguments (the null hypercall of the benchmark): x0/r0. */
static inline uint64_t rt_hvc_fast(uint32_t fid)
{
	register uint32_t r0 __asm__("r0") = fid;

	__asm__ volatile(".arch_extension virt\n\thvc #0"
			 : "+r"(r0)
			 :
			 : "r1", "r2", "r3", "r4", "r5", "r6", "r7", "memory");
	return r0;
}

static inline void rt_wfi(void)
{
	__asm__ volatile("wfi" ::: "memory");
}
#endif

#endif
