// SPDX-License-Identifier: GPL-2.0-only
/*
 * sentinel: a victim that watches its own memory. It fills a region of its
 * RAM with a pattern that depends on each word's address, then checks the
 * whole region every tick and prints its checksum: a partition next door
 * (guests/hostile/hostile.c) must never change it. Between checks it sleeps
 * in WFI until its virtual timer fires (interrupts stay masked: the pending
 * interrupt only wakes the core), so it leaves the host's CPU to the others
 * under QEMU.
 *
 * Bootargs (all optional):
 *   name=<name>      the name it prints (default "sentinel")
 *   tick_ms=<ms>     check period (default 200)
 *   base=<ipa>       start of the watched region (default 0x40400000)
 *   size=<bytes>     its size (default 4 MiB)
 *
 * Console lines (stable: tests/integration/test_hostile.py matches them):
 *   sentinel: <name> watching 0x<base>+0x<size> sum=0x<sum>
 *   sentinel: tick <n> sum=0x<sum> ok
 *   CORRUPTED: sentinel: word at 0x<addr> is 0x<value>, not 0x<expected> (n words differ)
 */
#include <guests/lib/dt.h>
#include <guests/lib/gic.h>
#include <guests/lib/mmio.h>
#include <guests/lib/rt.h>
#include <lib/format.h>

/* The virtual timer's PPI enabled at the GIC; PSTATE keeps every interrupt masked. */
static void timer_init(const void *fdt)
{
	struct dt_platform p;
	uint64_t rd = 0;

	if (dt_platform(fdt, &p) == 0)
		rd = gic_find_rd(&p, sysreg_read(mpidr_el1));
	if (!rd || gic_cpuif_init(0xff)) {
		rt_puts("sentinel: error: no GIC in the device tree or no CPU interface\n");
		return;
	}
	mmio_write32(rd + GICR_WAKER, mmio_read32(rd + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP);
	gic_enable_private(rd, p.vtimer_intid, 0x80);
}

/* Sleep until the virtual counter reaches @count (WFI, woken by the timer's interrupt). */
static void sleep_until(uint64_t count)
{
	rt_vtimer_arm_at(count);
	while ((int64_t)(rt_counter() - count) < 0)
		__asm__ volatile("wfi" ::: "memory");
	rt_vtimer_stop(); /* masked: the level drops */
	for (int i = 0; i < 4; i++) {
		uint32_t intid = gic_ack();

		if (intid >= GIC_INTID_SPURIOUS)
			break;
		gic_eoi(intid);
	}
}

static uint64_t pattern(uint64_t addr)
{
	uint64_t x = addr * 0x9e3779b97f4a7c15UL;

	return x ^ (x >> 29) ^ 0x5e471e15e471e1UL;
}

/* Checks the region; returns its checksum, reports the first difference. */
static uint64_t check(uint64_t base, uint64_t size, bool *ok)
{
	uint64_t sum = 0, bad = 0, first = 0, got = 0;

	for (uint64_t a = base; a < base + size; a += 8) {
		uint64_t v = *(volatile uint64_t *)(uintptr_t)a;

		sum = (sum << 7 | sum >> 57) ^ v;
		if (v != pattern(a)) {
			if (!bad++) {
				first = a;
				got = v;
			}
		}
	}
	*ok = bad == 0;
	if (bad)
		rt_printf("CORRUPTED: sentinel: word at 0x%lx is 0x%lx, not 0x%lx (%lu words "
			  "differ)\n",
			  first, got, pattern(first), bad);
	return sum;
}

void guest_main(const void *fdt)
{
	const char *args = rt_bootargs();
	uint64_t freq = rt_counter_freq(), tick_ms = 200, base = 0x40400000UL, size = 0x400000UL;
	uint64_t period, next, sum;
	char name[32];
	bool ok;

	if (!rt_arg(args, "name", name, sizeof(name)) || !name[0])
		fmt_snprintf(name, sizeof(name), "sentinel");
	if (!rt_arg_u64(args, "tick_ms", &tick_ms) || !tick_ms)
		tick_ms = 200;
	rt_arg_u64(args, "base", &base);
	rt_arg_u64(args, "size", &size);
	base &= ~7UL;
	size &= ~7UL;
	for (uint64_t a = base; a < base + size; a += 8)
		*(volatile uint64_t *)(uintptr_t)a = pattern(a);
	sum = check(base, size, &ok);
	rt_printf("sentinel: %s watching 0x%lx+0x%lx sum=0x%lx\n", name, base, size, sum);
	timer_init(fdt);
	period = freq / 1000 * tick_ms;
	next = rt_counter() + period;
	for (uint64_t n = 1;; n++) {
		uint64_t now, s;

		sleep_until(next);
		s = check(base, size, &ok);
		rt_printf("sentinel: tick %lu sum=0x%lx %s\n", n, s, ok && s == sum ? "ok" : "BAD");
		next += period;
		now = rt_counter();
		if ((int64_t)(now - next) > (int64_t)period)
			next = now + period;
	}
}
