// SPDX-License-Identifier: GPL-2.0-only
#include <guests/rtos/console.h>

#include <guests/rtos/psci.h>
#include <guests/rtos/sysregs.h>
#include <lib/format.h>

#include <stdarg.h>

/* PL011 registers (ARM DDI 0183); the SBSA UART has DR and FR only. */
#define UART_DR	       0x00
#define UART_FR	       0x18
#define UART_CR	       0x30
#define UART_FR_TXFF   (1u << 5)
#define UART_CR_UARTEN (1u << 0)
#define UART_CR_TXE    (1u << 8)

#define LINE_MAX 192

static uint64_t uart_base;

void console_init(uint64_t base, bool sbsa)
{
	uart_base = base;
	/*
	 * Firmware (or the hypervisor's emulation) normally leaves the PL011
	 * enabled; only enable it when it is not, keeping the baud rate.
	 */
	if (!sbsa) {
		uint32_t cr = mmio_read32(base + UART_CR);

		if ((cr & (UART_CR_UARTEN | UART_CR_TXE)) != (UART_CR_UARTEN | UART_CR_TXE))
			mmio_write32(base + UART_CR, cr | UART_CR_UARTEN | UART_CR_TXE);
	}
}

static void put_char(char c)
{
	while (mmio_read32(uart_base + UART_FR) & UART_FR_TXFF)
		;
	mmio_write32(uart_base + UART_DR, (uint32_t)(unsigned char)c);
}

void console_write(const char *s, size_t n)
{
	if (!uart_base)
		return;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			put_char('\r');
		put_char(s[i]);
	}
}

static void vprint(const char *prefix, const char *fmt, va_list ap)
{
	char line[LINE_MAX];
	size_t n = (size_t)fmt_snprintf(line, sizeof(line), "%s", prefix);
	int len = fmt_vsnprintf(line + n, sizeof(line) - n, fmt, ap);

	n += (size_t)len < sizeof(line) - n ? (size_t)len : sizeof(line) - n - 1;
	console_write(line, n);
	console_write("\n", 1);
}

void con_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint("", fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	irq_disable();
	va_start(ap, fmt);
	vprint("rtos: panic: ", fmt, ap);
	va_end(ap);
	psci_system_off();
	for (;;)
		__asm__ volatile("wfi");
}
