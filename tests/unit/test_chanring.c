// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest library's message ring (guests/lib/chanring.c, compiled here
 * from the same source, over a host buffer): slot sizes, empty and full,
 * the doorbell hints (empty -> non-empty for the producer, full -> non-full
 * for the consumer), wrap-around of the free-running counters, lengths cut
 * to the slot and to the reader's buffer (a peer's length word is not
 * trusted), and the consumer's discard (chan_open after a restart).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

/* Stand-ins for guests/lib/mmio.h (one load or store of inline AArch64 assembly each). */
#define GUESTS_LIB_MMIO_H
static inline uint8_t mmio_read8(uint64_t a)
{
	return *(volatile uint8_t *)(uintptr_t)a;
}
static inline uint32_t mmio_read32(uint64_t a)
{
	return *(volatile uint32_t *)(uintptr_t)a;
}
static inline void mmio_write8(uint64_t a, uint8_t v)
{
	*(volatile uint8_t *)(uintptr_t)a = v;
}
static inline void mmio_write32(uint64_t a, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)a = v;
}

#include "guests/lib/chanring.c"

#define SLOT 64U
static uint8_t region[0x80 + 4 * SLOT] __attribute__((aligned(64)));

static struct chanring ring4(void)
{
	struct chanring r;

	memset(region, 0, sizeof(region));
	assert_int_equal(chanring_init(&r, (uintptr_t)region, sizeof(region), SLOT), 0);
	assert_int_equal(r.nslots, 4);
	return r;
}

static void test_init(void **state)
{
	struct chanring r;

	(void)state;
	assert_int_equal(chanring_init(&r, (uintptr_t)region, 0x80 + 2 * 256, 256), 0);
	assert_int_equal(r.nslots, 2);
	assert_int_equal(chanring_init(&r, (uintptr_t)region, 0x80 + 2 * 256 - 1, 256), -22);
	assert_int_equal(chanring_init(&r, (uintptr_t)region, sizeof(region), 4), -22);
	assert_int_equal(chanring_init(&r, (uintptr_t)region, sizeof(region), 66), -22);
}

static void test_fifo_kicks_and_full(void **state)
{
	struct chanring r = ring4();
	uint8_t buf[SLOT];
	bool kick = true;

	(void)state;
	assert_int_equal(chanring_recv(&r, buf, sizeof(buf), &kick), -11);
	for (uint8_t i = 0; i < 4; i++) {
		assert_int_equal(chanring_send(&r, &i, 1, &kick), 0);
		assert_int_equal(kick, i == 0); /* only empty -> non-empty rings */
	}
	assert_int_equal(chanring_send(&r, buf, 1, &kick), -11);
	for (uint8_t i = 0; i < 4; i++) {
		assert_int_equal(chanring_recv(&r, buf, sizeof(buf), &kick), 1);
		assert_int_equal(buf[0], i);
		assert_int_equal(kick, i == 0); /* only full -> non-full rings */
	}
	assert_int_equal(chanring_recv(&r, buf, sizeof(buf), &kick), -11);
}

static void test_wraps_around(void **state)
{
	struct chanring r = ring4();
	uint8_t msg[SLOT], buf[SLOT];
	bool kick;

	(void)state;
	/* Counters near 2^32: the differences, not the values, count. */
	mmio_write32(chanring_head(&r), 0xfffffffeU);
	mmio_write32(chanring_tail(&r), 0xfffffffeU);
	for (uint32_t n = 0; n < 10; n++) {
		for (uint32_t i = 0; i < sizeof(msg); i++)
			msg[i] = (uint8_t)(n * 7 + i);
		assert_int_equal(chanring_send(&r, msg, CHANRING_MAX, &kick), 0);
		assert_int_equal(chanring_recv(&r, buf, sizeof(buf), &kick), (int)CHANRING_MAX);
		assert_memory_equal(buf, msg, CHANRING_MAX);
	}
	assert_int_equal(mmio_read32(chanring_head(&r)), 8);
}

static void test_lengths_are_bounded(void **state)
{
	struct chanring r = ring4();
	uint8_t msg[2 * SLOT] = {0}, buf[8];
	bool kick;

	(void)state;
	assert_int_equal(chanring_send(&r, msg, sizeof(msg), &kick), 0); /* cut to the slot */
	assert_int_equal(mmio_read32((uintptr_t)region + 0x80), SLOT - 4);
	assert_int_equal(chanring_recv(&r, buf, sizeof(buf), &kick), 8); /* cut to the reader */
	/* A peer's length word past its slot: read no further than the slot. */
	assert_int_equal(chanring_send(&r, msg, 4, &kick), 0);
	mmio_write32((uintptr_t)region + 0x80 + SLOT, 0xffffffffU);
	assert_int_equal(chanring_recv(&r, msg, sizeof(msg), &kick), (int)(SLOT - 4));
}

static void test_discard(void **state)
{
	struct chanring r = ring4();
	uint8_t buf[SLOT];
	bool kick;

	(void)state;
	assert_int_equal(chanring_send(&r, "a", 1, &kick), 0);
	assert_int_equal(chanring_send(&r, "b", 1, &kick), 0);
	assert_int_equal(chanring_discard(&r), 2);
	assert_int_equal(chanring_recv(&r, buf, sizeof(buf), &kick), -11);
	assert_int_equal(chanring_send(&r, "c", 1, &kick), 0);
	assert_true(kick); /* empty again: the next send rings */
	assert_int_equal(chanring_recv(&r, buf, sizeof(buf), &kick), 1);
	assert_int_equal(buf[0], 'c');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),	     cmocka_unit_test(test_fifo_kicks_and_full),
		cmocka_unit_test(test_wraps_around), cmocka_unit_test(test_lengths_are_bounded),
		cmocka_unit_test(test_discard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
