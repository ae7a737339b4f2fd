/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * System-register values and accessors of the RTOS guest (Arm ARM DDI 0487).
 * Constants are shared with the assembly sources.
 */
#ifndef GUESTS_RTOS_SYSREGS_H
#define GUESTS_RTOS_SYSREGS_H

/* EL2, used only when entered at EL2 to drop to EL1. */
#define HCR_EL2_RW	  0x80000000 /* EL1 is AArch64 */
#define CNTHCTL_EL1PCTEN  (1 << 0)   /* EL1 may read the physical counter */
#define CNTHCTL_EL1PCEN	  (1 << 1)   /* EL1 may use the physical timer */
#define CPTR_EL2_NOTRAP	  0x33ff     /* RES1 bits only: no FP/SIMD trap */
#define ICC_SRE_EL2_VALUE 0xf	     /* SRE, DFB, DIB, Enable (EL1 may use ICC_SRE_EL1) */
#define SPSR_EL1H_MASKED  0x3c5	     /* EL1h, D A I F masked */
#define SCTLR_EL1_BOOT	  0x30d00800 /* RES1 bits: MMU, caches and alignment checks off */

/* SCTLR_EL1 */
#define SCTLR_M (1 << 0)
#define SCTLR_C (1 << 2)
#define SCTLR_I (1 << 12)

/* Tasks run at EL1h with D and F masked, IRQ and SError enabled. */
#define SPSR_TASK 0x245

/* ESR_EL1 exception classes */
#define ESR_EC_SHIFT 26
#define ESR_EC_SVC64 0x15

/* CNTV_CTL_EL0 */
#define CNTV_CTL_ENABLE (1 << 0)
#define CNTV_CTL_IMASK	(1 << 1)

#ifndef __ASSEMBLY__
#include <stdint.h>

#define sysreg_read(reg)                                                                           \
	({                                                                                         \
		uint64_t v_;                                                                       \
		__asm__ volatile("mrs %0, " #reg : "=r"(v_));                                      \
		v_;                                                                                \
	})

#define sysreg_write(reg, v) __asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(v)) : "memory")

static inline void isb(void)
{
	__asm__ volatile("isb" : : : "memory");
}

static inline void dsb_sy(void)
{
	__asm__ volatile("dsb sy" : : : "memory");
}

static inline void irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" : : : "memory");
}

static inline void irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" : : : "memory");
}

/* The virtual counter; the ISB keeps the read from being hoisted. */
static inline uint64_t counter_now(void)
{
	isb();
	return sysreg_read(cntvct_el0);
}

static inline uint32_t mmio_read32(uint64_t addr)
{
	return *(volatile uint32_t *)(uintptr_t)addr;
}

static inline uint64_t mmio_read64(uint64_t addr)
{
	return *(volatile uint64_t *)(uintptr_t)addr;
}

static inline void mmio_write32(uint64_t addr, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)addr = v;
}
#endif

#endif
