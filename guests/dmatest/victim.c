// SPDX-License-Identifier: GPL-2.0-only
/*
 * dmavictim: the owner of the memory a DMA attack aims at. It fills one page
 * of its RAM with a known pattern (guests/dmatest/pattern.h), then prints the
 * page's checksum with every tick: a DMA write that got through would change
 * it, and it must stay the same whatever another partition's device does.
 *
 * Bootargs (all optional):
 *   name=<name>       the name it prints (default: "partition <id>")
 *   region=<address>  guest-physical address of the page (default: RAM base + 1 MiB)
 *   tick_ms=<ms>      tick period in milliseconds of virtual time (default 100)
 *
 * Console lines (the integration tests match them):
 *   hello from <name> on vcpu <n>
 *   victim: page ipa 0x<addr> sum 0x<sum>
 *   tick <n> sum 0x<sum>
 */
#include <guests/dmatest/pattern.h>
#include <guests/lib/dt.h>
#include <guests/lib/rt.h>
#include <lib/format.h>

void guest_main(const void *fdt)
{
	const char *args = rt_bootargs();
	struct rt_info info = rt_get_info();
	uint64_t freq = rt_counter_freq();
	uint64_t base = 0x40000000, size = 0, region, tick_ms = 100, period, next;
	volatile uint8_t *page;
	char name[32];

	(void)fdt;
	if (!rt_arg(args, "name", name, sizeof(name)) || !name[0])
		fmt_snprintf(name, sizeof(name), "partition %u", info.partition);
	rt_memory(&base, &size);
	if (!rt_arg_u64(args, "region", &region))
		region = base + 0x100000;
	if (!rt_arg_u64(args, "tick_ms", &tick_ms) || tick_ms == 0)
		tick_ms = 100;
	region &= ~(DMA_PAGE - 1);
	rt_printf("hello from %s on vcpu %u\n", name, info.vcpu);

	page = (volatile uint8_t *)(uintptr_t)region;
	for (uint64_t i = 0; i < DMA_PAGE; i++)
		page[i] = dma_victim_byte(i);
	__asm__ volatile("dsb sy" ::: "memory");
	rt_printf("victim: page ipa 0x%lx sum 0x%08x\n", region,
		  dma_sum((const volatile uint64_t *)(uintptr_t)page, DMA_PAGE));

	period = freq / 1000 * tick_ms;
	next = rt_counter() + period;
	for (uint64_t n = 1;; n++) {
		rt_wait_until(next);
		rt_printf("tick %lu sum 0x%08x\n", n,
			  dma_sum((const volatile uint64_t *)(uintptr_t)page, DMA_PAGE));
		next += period;
		if ((int64_t)(rt_counter() - next) > (int64_t)period)
			next = rt_counter() + period;
	}
}
