// SPDX-License-Identifier: GPL-2.0-only
#include <core/console.h>
#include <core/spinlock.h>

#include <stdbool.h>

/* PL011 registers (ARM DDI 0183): data, flag register and its TX-full bit. */
#define UARTDR 0x00
#define UARTFR 0x18
#define UARTFR_TXFF (1U << 5)

static volatile uint32_t *uart;
static spinlock_t console_lock;

void console_init(uint64_t uart_base)
{
	uart = (volatile uint32_t *)(uintptr_t)uart_base;
}

static void uart_putc(char c)
{
	if (!uart)
		return;
	while (uart[UARTFR / 4] & UARTFR_TXFF)
		;
	uart[UARTDR / 4] = (uint8_t)c;
}

static void uart_puts(const char *s, size_t len)
{
	while (len--)
		uart_putc(*s++);
}

void console_write_line(const char *tag, const char *s, size_t len)
{
	spin_lock(&console_lock);
	uart_putc('[');
	while (*tag)
		uart_putc(*tag++);
	uart_puts("] ", 2);
	uart_puts(s, len);
	uart_puts("\r\n", 2);
	spin_unlock(&console_lock);
}

void console_put(const char *tag, struct console_line *line, const char *s, size_t len)
{
	for (; len; len--, s++) {
		bool eol = *s == '\n';

		if (*s == '\r')
			continue;
		if (!eol)
			line->buf[line->len++] = *s;
		if (eol || line->len == CONSOLE_LINE_MAX) {
			console_write_line(tag, line->buf, line->len);
			line->len = 0;
		}
	}
}
