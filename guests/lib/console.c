// SPDX-License-Identifier: GPL-2.0-only
/* The guest console: see console.h. */
#include <core/pl011_regs.h>
#include <guests/lib/dt.h>
#include <guests/lib/mmio.h>
#include <guests/lib/psci.h>
#include <guests/lib/rt.h>
#include <lib/format.h>

#define LINE_MAX 192

/* UARTCR bits (ARM DDI 0183, 3.3.8), not in core/pl011_regs.h's map. */
#define UARTCR_UARTEN (1U << 0)
#define UARTCR_TXE    (1U << 8)

const char *rt_name;

/* Written by whichever core writes first; every core would pick the same. */
static bool use_uart;
static uint64_t uart_base;

void rt_console_uart(uint64_t base, bool sbsa)
{
	uart_base = base;
	use_uart = true;
	/*
	 * Firmware (or the hypervisor's emulation) normally leaves the PL011
	 * enabled; only enable it when it is not, keeping the baud rate.
	 */
	if (!sbsa) {
		uint32_t cr = mmio_read32(base + UARTCR);
		uint32_t on = UARTCR_UARTEN | UARTCR_TXE;

		if ((cr & on) != on)
			mmio_write32(base + UARTCR, cr | on);
	}
}

bool rt_console_is_uart(void)
{
	return use_uart;
}

static void uart_putc(char c)
{
	while (mmio_read32(uart_base + UARTFR) & UARTFR_TXFF)
		;
	mmio_write32(uart_base + UARTDR, (uint8_t)c);
}

static void uart_write(const char *s, size_t len)
{
	if (!uart_base) {
		struct dt_range r;

		uart_base =
			dt_stdout_uart(rt_boot()->fdt, &r, NULL) == 0 ? r.base : RT_FALLBACK_UART;
	}
	for (; len; len--, s++) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s);
	}
}

/*
 * One hypercall of at most BH_CONSOLE_MAX_NATIVE bytes (48 from AArch64: x2
 * holds bytes 0..7; 24 from AArch32: r2 holds bytes 0..3); false when there
 * is no such call.
 */
static bool hvc_write(const char *s, size_t len)
{
	uint64_t w[6] = {0};

	for (size_t i = 0; i < len; i++)
		w[i / BH_CONSOLE_PER_REG] |= (uint64_t)(unsigned char)s[i]
					     << (8 * (i % BH_CONSOLE_PER_REG));
	return smccc_hvc(BH_CONSOLE_WRITE_NATIVE, len, w[0], w[1], w[2], w[3], w[4], w[5]).a0 !=
	       SMCCC_NOT_SUPPORTED;
}

void rt_write(const char *s, size_t len)
{
	/* Entered at EL2 (or staying there): nobody answers an HVC. */
	if (rt_boot()->el >= 2)
		use_uart = true;
	while (len && !use_uart) {
		size_t n = len < BH_CONSOLE_MAX_NATIVE ? len : BH_CONSOLE_MAX_NATIVE;

		if (!hvc_write(s, n)) {
			use_uart = true;
			break;
		}
		s += n;
		len -= n;
	}
	if (len)
		uart_write(s, len);
}

void rt_puts(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	rt_write(s, n);
}

int rt_vprintf(const char *fmt, va_list ap)
{
	char buf[LINE_MAX];
	int n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0)
		return n;
	if ((size_t)n >= sizeof(buf)) {
		/* Truncated: keep the line ending so the next line stays apart. */
		buf[sizeof(buf) - 2] = '\n';
		n = (int)sizeof(buf) - 1;
	}
	rt_write(buf, (size_t)n);
	return n;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	irq_disable();
	if (rt_name)
		rt_printf("%s: ", rt_name);
	rt_puts("panic: ");
	va_start(ap, fmt);
	rt_vprintf(fmt, ap);
	va_end(ap);
	rt_puts("\n");
	psci_system_off();
	rt_halt();
}
