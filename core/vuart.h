/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An emulated PL011 (ARM DDI 0183) for partitions that own no UART. Output
 * goes to the console multiplexer, tagged with the partition's name; input
 * comes from the physical console while the partition has the input focus.
 * Enough of the PL011 for Linux's amba-pl011 driver, earlycon and a
 * bare-metal polling driver: the transmit FIFO is always empty, the receive
 * FIFO is a small ring, and the interrupt is a level-triggered virtual SPI.
 */
#ifndef CORE_VUART_H
#define CORE_VUART_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/arm64/spinlock.h>
#include <lib/compiler.h>

#define VUART_SIZE	0x1000
#define VUART_SPI_INTID 33 /* QEMU virt's PL011: SPI 1 */
#define VUART_RX_RING	256

struct vcpu;
struct partition;
struct mmio_access;

struct vuart {
	struct partition *part;
	spinlock_t lock;
	uint32_t cr, lcr_h, ibrd, fbrd, ifls, imsc, dmacr;
	uint32_t ris;
	volatile uint32_t rx_head, rx_tail;
	char rx[VUART_RX_RING];
};

void vuart_init(struct vuart *u, struct partition *p);
/* The MMIO handler: 0, or -EINVAL for an access the PL011 does not have (64-bit, misaligned). */
__must_check int vuart_access(struct vcpu *v, struct mmio_access *a, void *dev);

/* Input for the partition (from the console, any core). */
void vuart_receive(struct vuart *u, char c);

/* Whether the receive ring can take one more character. */
bool vuart_rx_room(const struct vuart *u);

#endif
