// SPDX-License-Identifier: GPL-2.0-only
/*
 * chansmp: the bare-metal reference for the channel round trip
 * (docs/performance.md "Channels"): the same exchange as changuest's ping
 * and pong, between two cores of one guest, through its own memory and SGIs
 * instead of a channel and doorbells. Run natively on QEMU (-kernel, -smp 2)
 * it is the "bare metal" row; it runs under Bulkhead too.
 *
 * Bootargs: count=<n> round trips (default 1000). Prints
 * "chan: smp round trip <ticks> ticks over <n>" and the report lines.
 */
#include <guests/lib/gic.h>
#include <guests/lib/psci.h>
#include <guests/lib/report.h>
#include <guests/lib/rt.h>

#define SGI_PING 1
#define SGI_PONG 2
#define PRIO	 0x80

static struct dt_platform plat;
static volatile uint32_t ping_seq, pong_seq, online;

static struct rt_frame *on_irq(struct rt_frame *f)
{
	uint32_t intid = gic_ack();

	if (intid == SGI_PING) {
		pong_seq = ping_seq;
		gic_sgi1r(gic_sgi_to(SGI_PONG, 1U << 0)); /* to core 0 */
	}
	if (intid < GIC_INTID_SPURIOUS)
		gic_eoi(intid);
	return f;
}

void guest_secondary(uint64_t x0, uint64_t x1)
{
	(void)x0;
	(void)x1;
	if (gic_setup(&plat, false, 0xff) == 0)
		panic("gic: core 1");
	gic_enable_private(gic_this_rd(), SGI_PING, PRIO);
	online = 1;
	irq_enable();
	for (;;)
		__asm__ volatile("wfi");
}

void guest_main(const void *fdt)
{
	uint64_t count = 1000, t0, t1, rd;
	uint32_t seq;

	rt_test_begin("chan");
	if (!rt_arg_u64(rt_bootargs(), "count", &count) || count == 0)
		count = 1000;
	if (!rt_test("device-tree", dt_platform(fdt, &plat) == 0, "%s", plat.error) ||
	    !rt_test("gic", (rd = gic_setup(&plat, true, 0xff)) != 0, "bring-up failed") ||
	    !rt_test("cpu-on", psci_cpu_on(1, rt_secondary_entry, 0) == 0, "CPU_ON refused")) {
		rt_test_done();
		return;
	}
	rt_set_irq_hook(on_irq);
	gic_enable_private(rd, SGI_PONG, PRIO);
	while (!online)
		cpu_relax();
	t0 = rt_counter();
	for (seq = 1; seq <= count; seq++) {
		ping_seq = seq;
		gic_sgi1r(gic_sgi_to(SGI_PING, 1U << 1)); /* to core 1 (DSB inside) */
		irq_disable();
		while (pong_seq != seq) {
			__asm__ volatile("wfi"); /* wakes on the pending SGI, taken below */
			irq_enable();
			irq_disable();
		}
		irq_enable();
	}
	t1 = rt_counter();
	rt_test("ping-pong", pong_seq == count, "stopped at %u", pong_seq);
	rt_printf("chan: smp round trip %lu ticks over %lu\n", (t1 - t0) / count, count);
	rt_test_done();
}
