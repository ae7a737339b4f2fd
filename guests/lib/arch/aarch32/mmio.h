/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The AArch32 MMIO accessors of mmio.h: one A32 LDR/STR (B, H) each; the
 * 64-bit ones are two word accesses, low word first.
 */
#ifndef GUESTS_LIB_ARCH_AARCH32_MMIO_H
#define GUESTS_LIB_ARCH_AARCH32_MMIO_H

#include <stdint.h>

static inline uint8_t mmio_read8(uint64_t a)
{
	uint32_t v;

	__asm__ volatile("ldrb %0, [%1]" : "=r"(v) : "r"((uintptr_t)a) : "memory");
	return (uint8_t)v;
}

static inline uint16_t mmio_read16(uint64_t a)
{
	uint32_t v;

	__asm__ volatile("ldrh %0, [%1]" : "=r"(v) : "r"((uintptr_t)a) : "memory");
	return (uint16_t)v;
}

static inline uint32_t mmio_read32(uint64_t a)
{
	uint32_t v;

	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"((uintptr_t)a) : "memory");
	return v;
}

static inline uint64_t mmio_read64(uint64_t a)
{
	uint32_t lo = mmio_read32(a);

	return (uint64_t)mmio_read32(a + 4U) << 32 | lo;
}

static inline void mmio_write8(uint64_t a, uint8_t v)
{
	__asm__ volatile("strb %0, [%1]" : : "r"((uint32_t)v), "r"((uintptr_t)a) : "memory");
}

static inline void mmio_write16(uint64_t a, uint16_t v)
{
	__asm__ volatile("strh %0, [%1]" : : "r"((uint32_t)v), "r"((uintptr_t)a) : "memory");
}

static inline void mmio_write32(uint64_t a, uint32_t v)
{
	__asm__ volatile("str %0, [%1]" : : "r"(v), "r"((uintptr_t)a) : "memory");
}

static inline void mmio_write64(uint64_t a, uint64_t v)
{
	mmio_write32(a, (uint32_t)v);
	mmio_write32(a + 4U, (uint32_t)(v >> 32));
}

#endif
