/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Low-level helpers of the hostile test guests (guests/hostile/): system
 * registers, MMIO accesses of every width and addressing form, SMCCC calls
 * through HVC and SMC, the guest's view of the GICv3 (docs/binding.md, "What a
 * partition sees").
 *
 * Every access here is written as one instruction of inline assembly, so
 * that the instruction the test names is the instruction that executes (the
 * compiler may neither split, merge nor widen it): the hypervisor decodes
 * exactly that instruction's syndrome.
 */
#ifndef GUESTS_HOSTILE_HW_H
#define GUESTS_HOSTILE_HW_H

#include <stdbool.h>
#include <stdint.h>

#define read_sysreg(reg)                                                                           \
	({                                                                                         \
		uint64_t __v;                                                                      \
		__asm__ volatile("mrs %0, " #reg : "=r"(__v)::"memory");                           \
		__v;                                                                               \
	})
#define write_sysreg(reg, v) __asm__ volatile("msr " #reg ", %0" ::"r"((uint64_t)(v)) : "memory")

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline void dsb_sy(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}

/* ---------------------------------------------------------------- MMIO, one instruction each */

static inline uint8_t ld8(uint64_t a)
{
	uint32_t v;

	__asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return (uint8_t)v;
}

static inline uint16_t ld16(uint64_t a)
{
	uint32_t v;

	__asm__ volatile("ldrh %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return (uint16_t)v;
}

static inline uint32_t ld32(uint64_t a)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static inline uint64_t ld64(uint64_t a)
{
	uint64_t v;

	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static inline void st8(uint64_t a, uint8_t v)
{
	__asm__ volatile("strb %w0, [%1]" ::"r"((uint32_t)v), "r"(a) : "memory");
}

static inline void st16(uint64_t a, uint16_t v)
{
	__asm__ volatile("strh %w0, [%1]" ::"r"((uint32_t)v), "r"(a) : "memory");
}

static inline void st32(uint64_t a, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" ::"r"(v), "r"(a) : "memory");
}

static inline void st64(uint64_t a, uint64_t v)
{
	__asm__ volatile("str %0, [%1]" ::"r"(v), "r"(a) : "memory");
}

/* Sign-extending loads: the hypervisor must apply ISS.SSE and ISS.SF. */
static inline uint64_t ld8_sx64(uint64_t a)
{
	uint64_t v;

	__asm__ volatile("ldrsb %0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static inline uint32_t ld8_sx32(uint64_t a)
{
	uint32_t v;

	__asm__ volatile("ldrsb %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

/* Load-acquire / store-release: single register, ISV = 1. */
static inline uint32_t ldar32(uint64_t a)
{
	uint32_t v;

	__asm__ volatile("ldar %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static inline void stlr32(uint64_t a, uint32_t v)
{
	__asm__ volatile("stlr %w0, [%1]" ::"r"(v), "r"(a) : "memory");
}

/* A load into XZR / a store of XZR: Rt = 31. */
static inline void ld32_xzr(uint64_t a)
{
	__asm__ volatile("ldr wzr, [%0]" ::"r"(a) : "memory");
}

static inline void st32_wzr(uint64_t a)
{
	__asm__ volatile("str wzr, [%0]" ::"r"(a) : "memory");
}

/* Forms whose syndrome has ISV = 0: the hypervisor cannot emulate them. */
static inline uint64_t ldp64(uint64_t a)
{
	uint64_t x, y;

	__asm__ volatile("ldp %0, %1, [%2]" : "=r"(x), "=r"(y) : "r"(a) : "memory");
	return x ^ y;
}

static inline void stp64(uint64_t a, uint64_t v)
{
	__asm__ volatile("stp %0, %0, [%1]" ::"r"(v), "r"(a) : "memory");
}

static inline uint64_t ldxr64(uint64_t a)
{
	uint64_t v;

	__asm__ volatile("ldxr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static inline uint32_t stxr32(uint64_t a, uint32_t v)
{
	uint32_t status;

	__asm__ volatile("stxr %w0, %w1, [%2]" : "=&r"(status) : "r"(v), "r"(a) : "memory");
	return status;
}

static inline uint32_t ld32_postidx(uint64_t a)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1], #8" : "=r"(v), "+r"(a) : : "memory");
	return v;
}

static inline void st32_preidx(uint64_t a, uint32_t v)
{
	__asm__ volatile("str %w1, [%0, #4]!" : "+r"(a) : "r"(v) : "memory");
}

/* SIMD&FP load: the ISS cannot name a SIMD&FP register (ISV = 0). */
static inline void ld_fp64(uint64_t a)
{
	__asm__ volatile(".arch_extension fp\n\tldr d0, [%0]" ::"r"(a) : "memory");
}

static inline void dc_civac(uint64_t a)
{
	__asm__ volatile("dc civac, %0" ::"r"(a) : "memory");
}

static inline void exec_at(uint64_t a)
{
	__asm__ volatile("blr %0" ::"r"(a) : "x30", "memory");
}

/* ---------------------------------------------------------------- SMCCC */

struct smccc {
	uint64_t a0, a1, a2, a3;
};

/* SMCCC 1.1 through HVC #0 or SMC #0: x0..x17 may change, x18 and up do not. */
#define SMCCC_INSN_CALL(insn)                                                                      \
	do {                                                                                       \
		register uint64_t x0 __asm__("x0") = fid;                                          \
		register uint64_t x1 __asm__("x1") = a1;                                           \
		register uint64_t x2 __asm__("x2") = a2;                                           \
		register uint64_t x3 __asm__("x3") = a3;                                           \
		register uint64_t x4 __asm__("x4") = a4;                                           \
		register uint64_t x5 __asm__("x5") = a5;                                           \
		register uint64_t x6 __asm__("x6") = a6;                                           \
		register uint64_t x7 __asm__("x7") = a7;                                           \
		__asm__ volatile(insn                                                              \
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5),     \
				   "+r"(x6), "+r"(x7)                                              \
				 :                                                                 \
				 : "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16",    \
				   "x17", "memory");                                               \
		r.a0 = x0;                                                                         \
		r.a1 = x1;                                                                         \
		r.a2 = x2;                                                                         \
		r.a3 = x3;                                                                         \
	} while (0)

static inline struct smccc hvc_call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
				    uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7)
{
	struct smccc r;

	SMCCC_INSN_CALL("hvc #0");
	return r;
}

static inline struct smccc smc_call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
				    uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7)
{
	struct smccc r;

	SMCCC_INSN_CALL("smc #0");
	return r;
}

#define SMCCC_RET_NOT_SUPPORTED ((uint64_t)-1)
#define SMCCC_RET_INVALID	((uint64_t)-2)

#define PSCI_VERSION	       0x84000000UL
#define PSCI_CPU_SUSPEND       0xc4000001UL
#define PSCI_CPU_OFF	       0x84000002UL
#define PSCI_CPU_ON	       0xc4000003UL
#define PSCI_AFFINITY_INFO     0xc4000004UL
#define PSCI_MIGRATE_INFO_TYPE 0x84000006UL
#define PSCI_SYSTEM_OFF	       0x84000008UL
#define PSCI_SYSTEM_RESET      0x84000009UL
#define PSCI_FEATURES	       0x8400000aUL
#define PSCI_RET_ALREADY_ON    ((uint64_t)-4)
#define PSCI_RET_ON_PENDING    ((uint64_t)-5)

/* ---------------------------------------------------------------- the guest's GICv3 */

#define GICD_BASE	     0x08000000UL
#define GICR_BASE	     0x080a0000UL
#define GICR_STRIDE	     0x20000UL
#define GICR_SGI	     0x10000UL
#define GICD_CTLR	     0x0000
#define GICD_TYPER	     0x0004
#define GICD_IGROUPR	     0x0080
#define GICD_ISENABLER	     0x0100
#define GICD_ICENABLER	     0x0180
#define GICD_ISPENDR	     0x0200
#define GICD_ICPENDR	     0x0280
#define GICD_ISACTIVER	     0x0300
#define GICD_ICACTIVER	     0x0380
#define GICD_IPRIORITYR	     0x0400
#define GICD_ICFGR	     0x0c00
#define GICD_IGRPMODR	     0x0d00
#define GICD_NSACR	     0x0e00
#define GICD_SGIR	     0x0f00
#define GICD_IROUTER	     0x6000
#define GICR_TYPER	     0x0008
#define GICR_WAKER	     0x0014
#define GICR_IGROUPR0	     (GICR_SGI + 0x0080)
#define GICR_ISENABLER0	     (GICR_SGI + 0x0100)
#define GICR_ICENABLER0	     (GICR_SGI + 0x0180)
#define GICR_ISPENDR0	     (GICR_SGI + 0x0200)
#define GICR_ICPENDR0	     (GICR_SGI + 0x0280)
#define GICR_ISACTIVER0	     (GICR_SGI + 0x0300)
#define GICR_ICACTIVER0	     (GICR_SGI + 0x0380)
#define GICR_IPRIORITYR	     (GICR_SGI + 0x0400)
#define GICR_ICFGR1	     (GICR_SGI + 0x0c04)
#define GICR_WAKER_SLEEP     (1U << 1)
#define GICR_WAKER_ASLEEP    (1U << 2)
#define GICD_CTLR_ENABLE_ALL 0x13U /* ARE, EnableGrp1, EnableGrp0 (single security state) */

#define UART_BASE      0x09000000UL /* the emulated PL011 */
#define WDT_REFRESH    0x0b000000UL /* the emulated SBSA watchdog */
#define WDT_CONTROL    0x0b001000UL
#define WDT_WCS	       0x000
#define WDT_WOR	       0x008
#define WDT_WCV	       0x010
#define WDT_IIDR       0xfcc
#define WDT_WCS_EN     (1U << 0)
#define WDT_WCS_WS0    (1U << 1)
#define WDT_WCS_WS1    (1U << 2)
#define INTID_VTIMER   27
#define INTID_VUART    33
#define INTID_WDT      152
#define INTID_SPURIOUS 1023

static inline uint32_t gic_ack(void)
{
	uint32_t v = (uint32_t)read_sysreg(s3_0_c12_c12_0) & 0xffffff; /* ICC_IAR1_EL1 */

	dsb_sy();
	return v;
}

static inline void gic_eoi(uint32_t intid)
{
	write_sysreg(s3_0_c12_c12_1, intid); /* ICC_EOIR1_EL1 */
	isb();
}

static inline void gic_sgi1r(uint64_t v)
{
	write_sysreg(s3_0_c12_c11_5, v); /* ICC_SGI1R_EL1 */
	isb();
}

static inline uint64_t counter(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v)::"memory");
	return v;
}

#endif
