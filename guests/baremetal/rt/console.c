// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest console: BH_HVC_CONSOLE_WRITE, up to 48 bytes per call in x2..x7
 * (little-endian, x2 holds bytes 0..7), see docs/conventions.md. Bulkhead
 * buffers per vCPU up to the newline and prints the line tagged with the
 * partition name, so a line may take several calls.
 *
 * If the call answers NOT_SUPPORTED (no hypervisor: start.S's EL2 stub, or
 * rt_exception() when HVC is undefined because there is no EL2), every later
 * write goes straight to the PL011 at 0x09000000 (QEMU virt).
 */
#include <guests/baremetal/rt/rt.h>
#include <lib/format.h>

#include <stdarg.h>

#define UART_BASE   0x09000000UL
#define UARTDR	    0x00
#define UARTFR	    0x18
#define UARTFR_TXFF (1U << 5)

static bool use_uart;

struct rt_smccc_res rt_hvc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			   uint64_t a5, uint64_t a6, uint64_t a7)
{
	register uint64_t x0 __asm__("x0") = fid;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;
	register uint64_t x4 __asm__("x4") = a4;
	register uint64_t x5 __asm__("x5") = a5;
	register uint64_t x6 __asm__("x6") = a6;
	register uint64_t x7 __asm__("x7") = a7;
	struct rt_smccc_res r;

	__asm__ volatile(
		"hvc #0"
		: "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5), "+r"(x6), "+r"(x7)
		:
		: "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	r.a0 = x0;
	r.a1 = x1;
	r.a2 = x2;
	r.a3 = x3;
	return r;
}

static void uart_putc(char c)
{
	volatile uint32_t *uart = (volatile uint32_t *)UART_BASE;

	while (uart[UARTFR / 4] & UARTFR_TXFF)
		;
	uart[UARTDR / 4] = (uint8_t)c;
}

static void uart_write(const char *s, size_t len)
{
	for (; len; len--, s++) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s);
	}
}

/* One hypercall of at most 48 bytes; false when there is no such call. */
static bool hvc_write(const char *s, size_t len)
{
	uint64_t w[6] = {0};
	struct rt_smccc_res r;

	for (size_t i = 0; i < len; i++)
		w[i / 8] |= (uint64_t)(unsigned char)s[i] << (8 * (i % 8));
	r = rt_hvc(BH_HVC_CONSOLE_WRITE, len, w[0], w[1], w[2], w[3], w[4], w[5]);
	return r.a0 != SMCCC_NOT_SUPPORTED;
}

void rt_write(const char *s, size_t len)
{
	while (len && !use_uart) {
		size_t n = len < BH_HVC_CONSOLE_MAX ? len : BH_HVC_CONSOLE_MAX;

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

bool rt_console_is_uart(void)
{
	return use_uart;
}

void rt_puts(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	rt_write(s, n);
}

int rt_printf(const char *fmt, ...)
{
	char buf[192];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
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
