// SPDX-License-Identifier: GPL-2.0-only
/*
 * example: the test guest of docs/conventions.md ("A new test guest in under
 * 50 lines"), booted by dts/example.dts and checked by
 * tests/integration/test_example_guest.py. It brings its GIC up as its device
 * tree describes it, asks PSCI for its version and waits for its virtual timer.
 */
#include <guests/lib/gic.h>
#include <guests/lib/report.h>
#include <guests/lib/rt.h>

static uint32_t vtimer;		      /* the timer's INTID, from the device tree */
static volatile uint32_t vtimer_irqs; /* written by on_irq() only */

static struct rt_frame *on_irq(struct rt_frame *f)
{
	uint32_t intid = gic_ack();

	if (intid == vtimer) {
		vtimer_irqs++;
		rt_vtimer_stop(); /* the level-sensitive line drops before the EOI */
	}
	gic_eoi(intid);
	return f;
}

void guest_main(const void *fdt)
{
	int64_t version = psci_call(PSCI_VERSION, 0, 0, 0);
	struct dt_platform p;
	uint64_t rd = 0;

	rt_test_begin("example");
	if (!rt_test("device-tree", dt_platform(fdt, &p) == 0, "%s", p.error) ||
	    !rt_test("gic", (rd = gic_setup(&p, true, 0xff)) != 0, "bring-up failed")) {
		rt_test_done();
		return;
	}
	rt_test("psci-version", version == 0x10000, "PSCI_VERSION 0x%lx", (uint64_t)version);
	vtimer = p.vtimer_intid;
	rt_set_irq_hook(on_irq);
	gic_enable_private(rd, vtimer, 0x80);
	irq_enable();
	rt_vtimer_arm(rt_ms_to_ticks(1));
	rt_test("vtimer-irq", rt_wait_eq32(&vtimer_irqs, 1, 1000), "%u interrupts", vtimer_irqs);
	rt_test_done();
}
