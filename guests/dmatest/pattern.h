/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the DMA test guests agree on: the victim fills the page it watches
 * with dma_victim_byte(i); the attacker (dmatest) looks for it in what its
 * device read, and its device only ever writes DMA_ATTACK_BYTE there.
 */
#ifndef GUESTS_DMATEST_PATTERN_H
#define GUESTS_DMATEST_PATTERN_H

#include <stdint.h>

#define DMA_PAGE 0x1000UL /* the victim watches one page */
/*
 * Every transfer: half a page. The edu buffer is 4 KiB, but QEMU 7.2's range
 * check rejects a transfer that ends at its last byte (it stops QEMU with
 * "hardware error: EDU: DMA range ... out of bounds").
 */
#define DMA_LEN		0x800UL
#define DMA_ATTACK_BYTE 0xc3

static inline uint8_t dma_victim_byte(uint64_t i)
{
	return (uint8_t)(i * 13 + 0x5b);
}

/* Fletcher-like sum of @n bytes (aligned 8-byte loads: guest RAM is Device memory, MMU off). */
static inline uint32_t dma_sum(const volatile uint64_t *p, uint64_t n)
{
	uint64_t a = 1, b = 0;

	for (uint64_t i = 0; i < n / 8; i++) {
		a = (a + (p[i] & 0xffffffffU) + (p[i] >> 32)) % 0xfffffffbU;
		b = (b + a) % 0xfffffffbU;
	}
	return (uint32_t)(a ^ (b << 16) ^ (b >> 16));
}

#endif
