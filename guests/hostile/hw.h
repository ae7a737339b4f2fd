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

#include <gic/gic_regs.h>
#include <guests/lib/mmio.h>
#include <guests/lib/psci.h>
#include <guests/lib/sbsa_wdt.h>
#include <guests/lib/sysreg.h>

#include <stdbool.h>
#include <stdint.h>

/* ---------------------------------------------------------------- MMIO, one instruction each */

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

/* ---------------------------------------------------------------- calls (lib/smccc.h) */

#define PSCI_RET_ALREADY_ON ((uint64_t)PSCI_ALREADY_ON)
/* DEN0022D 5.2.2: CPU_ON of an entry point the caller cannot run from. */
#define PSCI_RET_INVALID_ADDRESS ((uint64_t)-9)

/* ---------------------------------------------------------------- what the guest sees (QEMU virt) */

#define GICD_CTLR_ENABLE_ALL (GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1 | GICD_CTLR_ENABLE_G0)
#define INTID_VTIMER	     27
#define INTID_VUART	     33
#define INTID_WDT	     152
#define INTID_SPURIOUS	     1023

#endif
