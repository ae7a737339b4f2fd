// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AArch32 guest's console: Bulkhead's emulated PL011 at 0x09000000 (every
 * byte is an A32 strb to an emulated register, so the console itself
 * exercises byte stores). Implements guests/lib/console.h's output functions
 * for guests/lib/report.c; the console hypercall packs 8 bytes per 64-bit
 * register and is not used from AArch32.
 */
#include <guests/lib/console.h>
#include <lib/format.h>

#define UART_BASE   0x09000000U
#define UARTDR	    0x000
#define UARTFR	    0x018
#define UARTFR_TXFF (1U << 5)

const char *rt_name = "a32";

static void putc32(char c)
{
	while (*(volatile uint32_t *)(UART_BASE + UARTFR) & UARTFR_TXFF)
		;
	*(volatile uint8_t *)(UART_BASE + UARTDR) = (uint8_t)c;
}

void rt_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		putc32(s[i]);
}

void rt_puts(const char *s)
{
	while (*s)
		putc32(*s++);
}

int rt_vprintf(const char *fmt, va_list ap)
{
	char buf[192];
	int n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);

	rt_puts(buf);
	return n;
}
