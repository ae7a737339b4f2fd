// SPDX-License-Identifier: GPL-2.0-only
/*
 * core/vuart.c: the emulated PL011 register model (ARM DDI 0183), from the
 * same source as the image, with the console and the vGIC faked: reset
 * values, the ID registers the AMBA bus probes, register widths, the receive
 * ring and its flow control, the raw/masked interrupt status and the level of
 * the virtual SPI, transmit to the console tagged with the partition.
 */
#include <core/console.h>
#include <core/mmio.h>
#include <core/partition.h>
#include <core/pl011_regs.h>
#include <core/vuart.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static struct {
	char out[256];
	uint32_t nout;
	uint32_t src;
	bool focus, interactive;
	bool level;
	uint32_t level_intid, level_calls;
	uint32_t resumes;
} fake;

void console_put(uint32_t src, struct console_line *line, const char *s, size_t len,
		 bool interactive)
{
	(void)line;
	fake.src = src;
	fake.interactive = interactive;
	for (size_t i = 0; i < len && fake.nout < sizeof(fake.out) - 1; i++)
		fake.out[fake.nout++] = s[i];
}

bool console_has_focus(const struct partition *p)
{
	(void)p;
	return fake.focus;
}

void console_rx_resume(void)
{
	fake.resumes++;
}

void vgic_set_level(struct vgic_dist *d, uint32_t intid, bool level)
{
	(void)d;
	fake.level = level;
	fake.level_intid = intid;
	fake.level_calls++;
}

static struct layout_partition lp = {.id = 3, .name = "guest"};
static struct partition part = {.lp = &lp};
static struct vcpu vcpu = {.part = &part};

static int setup(void **state)
{
	(void)state;
	memset(&fake, 0, sizeof(fake));
	vuart_init(&part.vuart, &part);
	return 0;
}

static int access(uint64_t off, uint32_t size, bool write, uint64_t *val)
{
	struct mmio_access a = {.offset = off, .size = size, .write = write, .value = *val};
	int err = vuart_access(&vcpu, &a, &part.vuart);

	if (!write)
		*val = a.value;
	return err;
}

static uint64_t rd(uint64_t off)
{
	uint64_t v = 0;

	assert_int_equal(access(off, 4, false, &v), 0);
	return v;
}

static void wr(uint64_t off, uint64_t v)
{
	assert_int_equal(access(off, 4, true, &v), 0);
}

static void test_reset_values_and_ids(void **state)
{
	static const uint8_t ids[8] = {0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

	(void)state;
	assert_int_equal(rd(UARTCR), 0x300); /* TXE | RXE */
	assert_int_equal(rd(UARTIFLS), 0x12);
	assert_int_equal(rd(UARTFR), UARTFR_TXFE | UARTFR_RXFE);
	assert_int_equal(rd(UARTIMSC), 0);
	for (uint32_t i = 0; i < 8; i++)
		assert_int_equal(rd(UARTPERIPHID0 + 4 * i), ids[i]);
}

static void test_register_widths(void **state)
{
	(void)state;
	wr(UARTIBRD, 0x12345);
	wr(UARTFBRD, 0xff);
	wr(UARTLCR_H, 0x1ff);
	wr(UARTIFLS, 0xff);
	wr(UARTDMACR, 0xff);
	assert_int_equal(rd(UARTIBRD), 0x2345);
	assert_int_equal(rd(UARTFBRD), 0x3f);
	assert_int_equal(rd(UARTLCR_H), 0xff);
	assert_int_equal(rd(UARTIFLS), 0x3f);
	assert_int_equal(rd(UARTDMACR), 7);
}

static void test_access_forms(void **state)
{
	uint64_t v = 0;

	(void)state;
	assert_int_equal(access(UARTDR, 8, false, &v), -EINVAL); /* no 64-bit registers */
	assert_int_equal(access(UARTFR + 2, 4, false, &v), -EINVAL);
	/* A byte read sees its own byte lane of the 32-bit register. */
	wr(UARTCR, 0x0301);
	assert_int_equal(access(UARTCR + 1, 1, false, &v), 0);
	assert_int_equal(v, 0x03);
	assert_int_equal(access(UARTPERIPHID0, 1, false, &v), 0);
	assert_int_equal(v, 0x11);
}

static void test_transmit_goes_to_the_console(void **state)
{
	(void)state;
	wr(UARTDR, 'o');
	wr(UARTDR, 0x100 | 'k'); /* only the data byte */
	assert_int_equal(fake.nout, 2);
	assert_memory_equal(fake.out, "ok", 2);
	assert_int_equal(fake.src, 3); /* the partition's layout index */
	assert_false(fake.interactive);
	fake.focus = true;
	wr(UARTDR, '>');
	assert_true(fake.interactive);
	/* The transmit FIFO is always empty: TXFE set, never TXFF. */
	assert_int_equal(rd(UARTFR) & (UARTFR_TXFE | UARTFR_TXFF), UARTFR_TXFE);
}

static void test_receive_ring_and_interrupt(void **state)
{
	struct vuart *u = &part.vuart;

	(void)state;
	wr(UARTIMSC, UART_INT_RX);
	assert_false(fake.level);
	vuart_receive(u, 'a');
	vuart_receive(u, 'b');
	assert_int_equal(fake.level_intid, VUART_SPI_INTID);
	assert_true(fake.level);
	assert_int_equal(rd(UARTFR) & UARTFR_RXFE, 0);
	assert_int_equal(rd(UARTRIS) & (UART_INT_RX | UART_INT_RT), UART_INT_RX | UART_INT_RT);
	assert_int_equal(rd(UARTMIS), UART_INT_RX);
	assert_int_equal(rd(UARTDR), 'a');
	assert_true(fake.level);
	assert_int_equal(rd(UARTDR), 'b');
	assert_false(fake.level); /* empty: the level drops */
	assert_int_equal(rd(UARTFR) & UARTFR_RXFE, UARTFR_RXFE);
	assert_int_equal(rd(UARTDR), 0); /* empty reads as 0 */
	assert_true(fake.resumes >= 3);	 /* every DR read lets held-back input in */
}

static void test_receive_ring_full(void **state)
{
	struct vuart *u = &part.vuart;

	(void)state;
	for (uint32_t i = 0; i < VUART_RX_RING - 1; i++) {
		assert_true(vuart_rx_room(u));
		vuart_receive(u, (char)('0' + i % 10));
	}
	assert_false(vuart_rx_room(u));
	vuart_receive(u, 'X'); /* overrun: dropped, as a real FIFO */
	for (uint32_t i = 0; i < VUART_RX_RING - 1; i++)
		assert_int_equal(rd(UARTDR), '0' + i % 10);
	assert_int_equal(rd(UARTFR) & UARTFR_RXFE, UARTFR_RXFE);
}

static void test_transmit_interrupt_and_clear(void **state)
{
	(void)state;
	/* TX is always "FIFO empty": its raw status is set, the level follows the mask. */
	wr(UARTIMSC, UART_INT_TX);
	assert_true(fake.level);
	assert_int_equal(rd(UARTMIS), UART_INT_TX);
	wr(UARTIMSC, 0);
	assert_false(fake.level);
	/* ICR clears latched bits other than RX/RT/TX, which follow the state. */
	part.vuart.ris |= 1U << 7; /* OE: an overrun latched */
	wr(UARTICR, 1U << 7);
	assert_int_equal(rd(UARTRIS) & (1U << 7), 0);
	assert_int_equal(rd(UARTRIS) & UART_INT_TX, UART_INT_TX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_reset_values_and_ids, setup),
		cmocka_unit_test_setup(test_register_widths, setup),
		cmocka_unit_test_setup(test_access_forms, setup),
		cmocka_unit_test_setup(test_transmit_goes_to_the_console, setup),
		cmocka_unit_test_setup(test_receive_ring_and_interrupt, setup),
		cmocka_unit_test_setup(test_receive_ring_full, setup),
		cmocka_unit_test_setup(test_transmit_interrupt_and_clear, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
