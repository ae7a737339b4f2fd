// SPDX-License-Identifier: GPL-2.0-only
/*
 * hello: the simplest partition. It says who it is, then ticks forever, paced
 * by the generic timer's virtual counter (busy-wait, no interrupts).
 *
 * Bootargs (all optional):
 *   name=<name>     the name it prints (default: "partition <id>")
 *   tick_ms=<ms>    tick period in milliseconds of virtual time (default 100)
 *
 * Console lines (stable: the integration tests match them; Bulkhead adds the
 * "[<partition>] " tag in front):
 *   hello from <name> on vcpu <n>
 *   info: partition <id>, <n> vcpu(s), EL<el>, dtb 0x<addr>, memory 0x<base>+0x<size>,
 *         counter <hz> Hz, tick <ms> ms, bootargs "<bootargs>"
 *   tick <n>            (n = 1, 2, 3, ... one line per period)
 */
#include <guests/lib/dt.h>
#include <guests/lib/rt.h>
#include <lib/format.h>

void guest_main(const void *fdt)
{
	const char *args = rt_bootargs();
	struct rt_info info = rt_get_info();
	uint64_t freq = rt_counter_freq();
	uint64_t base = 0, size = 0, tick_ms = 100, period, next;
	char name[32];

	if (!rt_arg(args, "name", name, sizeof(name)) || !name[0])
		fmt_snprintf(name, sizeof(name), "partition %u", info.partition);
	if (!rt_arg_u64(args, "tick_ms", &tick_ms) || tick_ms == 0)
		tick_ms = 100;
	rt_memory(&base, &size);

	rt_printf("hello from %s on vcpu %u\n", name, info.vcpu);
	rt_printf("info: partition %u, %u vcpu(s), EL%u, dtb 0x%lx, memory 0x%lx+0x%lx, "
		  "counter %lu Hz, tick %lu ms, bootargs \"%s\"\n",
		  info.partition, info.nvcpus, rt_current_el(), (uint64_t)(uintptr_t)fdt, base,
		  size, freq, tick_ms, args);

	period = freq / 1000 * tick_ms;
	next = rt_counter() + period;
	for (uint64_t n = 1;; n++) {
		uint64_t now;

		rt_wait_until(next);
		rt_printf("tick %lu\n", n);
		/* Keep the pace; after a long stall start afresh instead of bursting. */
		next += period;
		now = rt_counter();
		if ((int64_t)(now - next) > (int64_t)period)
			next = now + period;
	}
}
