// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdtest: arms the partition's emulated SBSA Generic Watchdog (its device
 * tree's arm,sbsa-gwdt node: control frame, refresh frame; docs/binding.md,
 * 0x0b000000 and 0x0b001000 on QEMU virt), refreshes it a few
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
#include <guests/lib/dt.h>
#include <guests/lib/mmio.h>
#include <guests/lib/rt.h>
#include <guests/lib/sbsa_wdt.h>
#include <lib/format.h>

static uint32_t rd(uint64_t a)
{
	return mmio_read32(a);
}

static void wr(uint64_t a, uint32_t v)
{
	mmio_write32(a, v);
	dsb_sy();
}

void guest_main(const void *fdt)
{
	const char *args = rt_bootargs();
	uint64_t freq = rt_counter_freq(), wor_ms = 200, refreshes = 3, wor, start;
	struct dt_range refresh, ctl;
	char name[32];

	/* Linux's binding: reg = <control frame>, <refresh frame>. */
	if (dt_compatible_reg(fdt, "arm,sbsa-gwdt", 0, &ctl) ||
	    dt_compatible_reg(fdt, "arm,sbsa-gwdt", 1, &refresh)) {
		rt_puts("wdtest: error: no arm,sbsa-gwdt node in the device tree\n");
		return;
	}
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

	wr(ctl.base + WDT_WOR, (uint32_t)wor);
	wr(ctl.base + WDT_WCS, WDT_WCS_EN);
	rt_printf("wdtest: %s armed wor_ms=%lu iidr=0x%x\n", name, wor_ms, rd(ctl.base + WDT_IIDR));
	for (uint64_t n = 1; n <= refreshes; n++) {
		rt_wait_until(rt_counter() + wor / 2);
		wr(refresh.base, 0);
		rt_printf("wdtest: refresh %lu wcs=0x%x\n", n, rd(ctl.base + WDT_WCS));
	}
	/* No refresh: after WOR the first expiry sets WS0 (the guest's interrupt). */
	start = rt_counter();
	while (!(rd(ctl.base + WDT_WCS) & WDT_WCS_WS0)) {
		if (rt_counter() - start > 4 * wor) {
			rt_printf("wdtest: error: no WS0 within %lu ms\n", 4 * wor_ms);
			break;
		}
	}
	rt_printf("wdtest: ws0 after %lu ms wcs=0x%x\n", (rt_counter() - start) / (freq / 1000),
		  rd(ctl.base + WDT_WCS));
	rt_puts("wdtest: hanging with interrupts masked\n");
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	for (;;)
		__asm__ volatile("nop");
}
