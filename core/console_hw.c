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
/*
 * UARTIMSC as it should be. The transmit (console.c) and receive
 * (console_input.c) sides change it from any core, without a lock (a core
 * must never wait here for another: console.c): each changes the shadow
 * atomically, then writes the shadow to the register until the register has
 * the latest value, so the last writer always leaves it current.
 */
static uint32_t imsc_shadow;

void console_init(uint64_t uart_base)
{
	uart = (volatile uint32_t *)(uintptr_t)uart_base;
	imsc_shadow = uart[UARTIMSC / 4];
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

static void imsc_write(void)
{
	uint32_t v;

	do {
		v = __atomic_load_n(&imsc_shadow, __ATOMIC_SEQ_CST);
		uart[UARTIMSC / 4] = v;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	} while (__atomic_load_n(&imsc_shadow, __ATOMIC_SEQ_CST) != v);
}

void console_hw_imsc(uint32_t set, uint32_t clear)
{
	uint32_t old = __atomic_load_n(&imsc_shadow, __ATOMIC_RELAXED), want;

	if (!uart)
		return;
	do {
		want = (old & ~clear) | set;
		if (want == old)
			return; /* nothing changes: no register access */
	} while (!__atomic_compare_exchange_n(&imsc_shadow, &old, want, true, __ATOMIC_SEQ_CST,
					      __ATOMIC_RELAXED));
	imsc_write();
}

void console_hw_tx_irq(bool on)
{
	console_hw_imsc(on ? UART_INT_TX : 0, on ? 0 : UART_INT_TX);
}

bool console_hw_tx_pending(void)
{
	return uart && (uart[UARTMIS / 4] & UART_INT_TX);
}
