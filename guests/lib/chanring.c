// SPDX-License-Identifier: GPL-2.0-only
/*
 * The single-producer single-consumer ring of chanring.h. The region may be
 * Device memory (a guest running with its MMU off): only aligned 32-bit
 * accesses, byte copies, no exclusives.
 */
#include <guests/lib/chanring.h>
#include <guests/lib/mmio.h>

#define HEAD  0x00U
#define TAIL  0x40U
#define SLOTS 0x80U

static void barrier(void)
{
#if defined(__aarch64__)
	__asm__ volatile("dsb sy" ::: "memory");
#else /* the host unit test, tests/unit/test_chanring.c */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

int chanring_init(struct chanring *r, uint64_t base, uint64_t bytes, uint32_t slot)
{
	if ((slot < 8U) || ((slot % 4U) != 0U) || (bytes < (SLOTS + (2U * (uint64_t)slot))))
		return -22;
	r->base = base;
	r->slot = slot;
	r->nslots = (uint32_t)((bytes - SLOTS) / slot);
	return 0;
}

void chanring_reset(const struct chanring *r)
{
	mmio_write32(r->base + HEAD, 0);
	mmio_write32(r->base + TAIL, 0);
	barrier();
}

uint32_t chanring_discard(const struct chanring *r)
{
	uint32_t head = mmio_read32(r->base + HEAD);
	uint32_t dropped = head - mmio_read32(r->base + TAIL);

	mmio_write32(r->base + TAIL, head);
	barrier();
	return dropped;
}

uint64_t chanring_head(const struct chanring *r)
{
	return r->base + HEAD;
}

uint64_t chanring_tail(const struct chanring *r)
{
	return r->base + TAIL;
}

static uint64_t slot(const struct chanring *r, uint32_t n)
{
	return r->base + SLOTS + ((uint64_t)(n % r->nslots) * r->slot);
}

int chanring_send(const struct chanring *r, const void *msg, uint32_t len, bool *kick)
{
	uint32_t head = mmio_read32(r->base + HEAD);
	const uint8_t *p = msg;
	uint64_t s;

	if ((head - mmio_read32(r->base + TAIL)) >= r->nslots)
		return -11;
	if (len > (r->slot - 4U))
		len = r->slot - 4U;
	s = slot(r, head);
	for (uint32_t i = 0; i < len; i++)
		mmio_write8(s + 4U + i, p[i]);
	mmio_write32(s, len);
	barrier(); /* the slot before the head that publishes it */
	mmio_write32(r->base + HEAD, head + 1U);
	barrier(); /* the head before reading the tail (see chanring.h) */
	*kick = (mmio_read32(r->base + TAIL) == head);
	return 0;
}

int chanring_recv(const struct chanring *r, void *buf, uint32_t max, bool *kick)
{
	uint32_t tail = mmio_read32(r->base + TAIL);
	uint8_t *p = buf;
	uint32_t len;
	uint64_t s;

	if (mmio_read32(r->base + HEAD) == tail)
		return -11;
	barrier(); /* the head before the slot it published */
	s = slot(r, tail);
	len = mmio_read32(s); /* the peer's word: bounded by the slot and by @max */
	if (len > (r->slot - 4U))
		len = r->slot - 4U;
	if (len > max)
		len = max;
	for (uint32_t i = 0; i < len; i++)
		p[i] = mmio_read8(s + 4U + i);
	barrier(); /* done with the slot before giving it back */
	mmio_write32(r->base + TAIL, tail + 1U);
	barrier(); /* the tail before reading the head (see chanring.h) */
	*kick = ((mmio_read32(r->base + HEAD) - tail) == r->nslots);
	return (int)len;
}
