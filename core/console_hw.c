// SPDX-License-Identifier: GPL-2.0-only
/*
 * The physical PL011's transmit side (ARM DDI 0183): the console's hardware
 * seam (core/console.h). QEMU's PL011 has no transmit FIFO model (TXFF never
 * sets, TXRIS sets at every write); a real one has 16 or 32 entries, and its
 * TXRIS is set when the FIFO level drops to the IFLS trigger (TRM 3.4.3).
 */
#include <arch/arm64/spinlock.h>
#include <core/console.h>
#include <core/pl011_regs.h>

/* Written at boot only (console_init), before any other core runs. */
static volatile uint32_t *uart;
/* UARTIMSC is read-modify-written by the transmit (console.c) and receive (console_input.c) sides. */
static spinlock_t imsc_lock;

void console_init(uint64_t uart_base)
{
	uart = (volatile uint32_t *)(uintptr_t)uart_base;
	/* Transmit interrupt when the FIFO is at most half full (IFLS TXIFLSEL = 0b010). */
	uart[UARTIFLS / 4] = (uart[UARTIFLS / 4] & ~7U) | 2U;
}

bool console_hw_tx_full(void)
{
	return uart && (uart[UARTFR / 4] & UARTFR_TXFF);
}

void console_hw_tx(char c)
{
	if (uart)
		uart[UARTDR / 4] = (uint8_t)c;
}

void console_hw_imsc(uint32_t set, uint32_t clear)
{
	if (!uart)
		return;
	spin_lock(&imsc_lock);
	uart[UARTIMSC / 4] = (uart[UARTIMSC / 4] & ~clear) | set;
	spin_unlock(&imsc_lock);
}

void console_hw_tx_irq(bool on)
{
	console_hw_imsc(on ? UART_INT_TX : 0, on ? 0 : UART_INT_TX);
}

bool console_hw_tx_pending(void)
{
	return uart && (uart[UARTMIS / 4] & UART_INT_TX);
}
