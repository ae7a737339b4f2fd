// SPDX-License-Identifier: GPL-2.0-only
/* The boot-time stamp stub: see stub.S. */
#include <lib/format.h>

#include <libfdt.h>
#include <stdint.h>
#include <string.h>

#define UART_DR	     0x00
#define UART_FR	     0x18
#define UART_FR_TXFF (1u << 5)

uint64_t stub_main(const void *fdt, uint64_t t0);

uintptr_t __stack_chk_guard = 0x5b3d90462f8a1c7eull;
_Noreturn void __stack_chk_fail(void);

void __stack_chk_fail(void)
{
	for (;;)
		__asm__ volatile("wfe");
}

static uint64_t uart;

static uint64_t now(void)
{
	uint64_t v;

	__asm__ volatile("isb\n\tmrs %0, cntpct_el0" : "=r"(v) : : "memory");
	return v;
}

static void put(const char *s)
{
	for (; *s; s++) {
		while (*(volatile uint32_t *)(uintptr_t)(uart + UART_FR) & UART_FR_TXFF)
			;
		*(volatile uint32_t *)(uintptr_t)(uart + UART_DR) = (uint32_t)(unsigned char)*s;
	}
}

static uint64_t cells(const fdt32_t *c, int n)
{
	return n == 2 ? (uint64_t)fdt32_ld(c) << 32 | fdt32_ld(c + 1) : fdt32_ld(c);
}

/* The first reg address of the node /chosen/stdout-path names (options after ':'). */
static uint64_t find_uart(const void *fdt, int chosen)
{
	const char *path = fdt_getprop(fdt, chosen, "stdout-path", NULL);
	const char *colon;
	const fdt32_t *reg;
	int node, parent, len;

	if (!path)
		return 0;
	colon = strchr(path, ':');
	node = fdt_path_offset_namelen(fdt, path, colon ? (int)(colon - path) : (int)strlen(path));
	if (node < 0 || (parent = fdt_parent_offset(fdt, node)) < 0)
		return 0;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || len < 4 * fdt_address_cells(fdt, parent))
		return 0;
	return cells(reg, fdt_address_cells(fdt, parent));
}

uint64_t stub_main(const void *fdt, uint64_t t0)
{
	char line[96];
	const fdt32_t *jump;
	uint64_t target, t;
	int chosen, len;

	if (fdt_check_header(fdt) || (chosen = fdt_path_offset(fdt, "/chosen")) < 0)
		return 0;
	uart = find_uart(fdt, chosen);
	jump = fdt_getprop(fdt, chosen, "bench,stub-jump", &len);
	if (!uart)
		return 0;
	if (!jump || (len != 4 && len != 8)) {
		put("bench-stub: error: no /chosen/bench,stub-jump\r\n");
		return 0;
	}
	target = cells(jump, len / 4);
	t = now();
	fmt_snprintf(line, sizeof(line), "bench-stub: entry=%020lu mark=%020lu jump=0x%016lx\r\n",
		     t0, t, target);
	put(line);
	t = now();
	fmt_snprintf(line, sizeof(line), "bench-stub: entry=%020lu mark=%020lu jump=0x%016lx\r\n",
		     t0, t, target);
	put(line);
	return target;
}
