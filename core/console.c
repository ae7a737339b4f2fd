// SPDX-License-Identifier: GPL-2.0-only
#include <core/console.h>
#include <core/pl011_regs.h>
#include <arch/arm64/spinlock.h>

#include <stdbool.h>


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

/* The source whose partial line is on the terminal now, or NULL. */
static const char *open_tag;

static void start_line(const char *tag)
{
	if (open_tag)
		uart_puts("\r\n", 2);
	uart_putc('[');
	while (*tag)
		uart_putc(*tag++);
	uart_puts("] ", 2);
}

void console_write_line(const char *tag, const char *s, size_t len)
{
	spin_lock(&console_lock);
	start_line(tag);
	uart_puts(s, len);
	uart_puts("\r\n", 2);
	open_tag = NULL;
	spin_unlock(&console_lock);
}

/* Write what is not shown yet of @line; end the physical line if @eol. */
static void flush(const char *tag, struct console_line *line, bool eol)
{
	spin_lock(&console_lock);
	if (open_tag != tag || line->shown == 0)
		start_line(tag);
	uart_puts(line->buf + line->shown, line->len - line->shown);
	if (eol) {
		uart_puts("\r\n", 2);
		open_tag = NULL;
		line->len = line->shown = 0;
	} else {
		open_tag = tag;
		line->shown = line->len;
	}
	spin_unlock(&console_lock);
}

void console_put(const char *tag, struct console_line *line, const char *s, size_t len,
		 bool interactive)
{
	for (; len; len--, s++) {
		if (*s == '\r')
			continue;
		if (*s == '\n') {
			flush(tag, line, true);
			continue;
		}
		line->buf[line->len++] = *s;
		if (line->len == CONSOLE_LINE_MAX)
			flush(tag, line, true);
	}
	if (interactive && line->len > line->shown)
		flush(tag, line, false);
}
