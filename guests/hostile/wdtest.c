// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdtest: arms the partition's emulated SBSA Generic Watchdog (refresh frame
 * 0x0b000000, control frame 0x0b001000; docs/binding.md), refreshes it a few
 * times, checks that a missed refresh shows as WS0, then hangs with every
 * interrupt masked. Bulkhead must report "partition '<name>' fault:
 * watchdog expired" after the second expiry (WS1) and apply the partition's
 * fault policy. Used by tests/integration/test_watchdog.py.
 *
 * Bootargs (all optional):
 *   name=<name>         the name it prints (default "wdtest")
 *   wor_ms=<ms>         watchdog offset (timeout to WS0), default 200
 *   refreshes=<n>       refreshes before the hang, every wor_ms / 2 (default 3)
 *
 * Console lines (stable):
 *   wdtest: <name> armed wor_ms=<ms> iidr=0x<iidr>
 *   wdtest: refresh <n> wcs=0x<wcs>
 *   wdtest: ws0 after <ms> ms wcs=0x<wcs>
 *   wdtest: hanging with interrupts masked
 *   wdtest: error: <what>
 */
#include <guests/baremetal/rt/rt.h>
#include <lib/format.h>

#define WDT_REFRESH 0x0b000000UL
#define WDT_CONTROL 0x0b001000UL
#define WDT_WCS	    0x000
#define WDT_WOR	    0x008
#define WDT_IIDR    0xfcc
#define WCS_EN	    1U
#define WCS_WS0	    2U
#define WCS_WS1	    4U

static uint32_t rd(uint64_t a)
{
	return *(volatile uint32_t *)(uintptr_t)a;
}

static void wr(uint64_t a, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)a = v;
	__asm__ volatile("dsb sy" ::: "memory");
}

void guest_main(const void *fdt)
{
	const char *args = rt_bootargs();
	uint64_t freq = rt_counter_freq(), wor_ms = 200, refreshes = 3, wor, start;
	char name[32];

	(void)fdt;
	if (!rt_arg(args, "name", name, sizeof(name)) || !name[0])
		fmt_snprintf(name, sizeof(name), "wdtest");
	if (!rt_arg_u64(args, "wor_ms", &wor_ms) || !wor_ms)
		wor_ms = 200;
	rt_arg_u64(args, "refreshes", &refreshes);
	wor = freq / 1000 * wor_ms;
	if (wor > 0xffffffffUL) {
		rt_printf("wdtest: error: wor_ms=%lu does not fit WOR's 32 bits\n", wor_ms);
		return;
	}

	wr(WDT_CONTROL + WDT_WOR, (uint32_t)wor);
	wr(WDT_CONTROL + WDT_WCS, WCS_EN);
	rt_printf("wdtest: %s armed wor_ms=%lu iidr=0x%x\n", name, wor_ms,
		  rd(WDT_CONTROL + WDT_IIDR));
	for (uint64_t n = 1; n <= refreshes; n++) {
		rt_wait_until(rt_counter() + wor / 2);
		wr(WDT_REFRESH, 0);
		rt_printf("wdtest: refresh %lu wcs=0x%x\n", n, rd(WDT_CONTROL + WDT_WCS));
	}
	/* No refresh: after WOR the first expiry sets WS0 (the guest's interrupt). */
	start = rt_counter();
	while (!(rd(WDT_CONTROL + WDT_WCS) & WCS_WS0)) {
		if (rt_counter() - start > 4 * wor) {
			rt_printf("wdtest: error: no WS0 within %lu ms\n", 4 * wor_ms);
			break;
		}
	}
	rt_printf("wdtest: ws0 after %lu ms wcs=0x%x\n", (rt_counter() - start) / (freq / 1000),
		  rd(WDT_CONTROL + WDT_WCS));
	rt_puts("wdtest: hanging with interrupts masked\n");
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	for (;;)
		__asm__ volatile("nop");
}
