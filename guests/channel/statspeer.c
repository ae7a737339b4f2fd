// SPDX-License-Identifier: GPL-2.0-only
/*
 * statspeer: the bare-metal peer of the RTOS's channel "stats"
 * (dts/rtos-channel.dts, docs/rtos.md "Channels"), on the guest library's
 * channel API (guests/lib/chan.h). It prints every message it gets
 * ("peer: got <message>"); after cmd_after=<n> statistics it sends
 * "period <cmd_task> <cmd_ms>" once; in its first run, after
 * restart_after=<n> statistics, it restarts its partition (PSCI
 * SYSTEM_RESET), and its next run reads on.
 */
#include <guests/lib/chan.h>
#include <guests/lib/gic.h>
#include <guests/lib/mmu.h>
#include <guests/lib/psci.h>
#include <guests/lib/rt.h>
#include <lib/format.h>

#include <string.h>

static struct rt_frame *on_irq(struct rt_frame *f)
{
	uint32_t intid = gic_ack();

	if (intid < GIC_INTID_SPURIOUS)
		gic_eoi(intid); /* the doorbell: chan_wait() returns, the loop drains */
	return f;
}

static uint64_t arg(const char *args, const char *key, uint64_t def)
{
	uint64_t v = def;

	return rt_arg_u64(args, key, &v) ? v : def;
}

void guest_main(const void *fdt)
{
	char msg[CHAN_MSG_MAX + 1], task[16] = "control";
	struct dt_platform p;
	struct chan c;
	uint32_t gen, stats = 0;

	rt_name = "peer";
	rt_platform_init(fdt, &p);
	if (chan_find(fdt, "stats", &c) != 0)
		panic("no channel \"stats\" in the device tree");
	chan_map(&c);
	mmu_enable(&p);
	if (gic_setup(&p, true, 0xff) == 0 || chan_open(&c, p.gicd.base, 0x80) != 0)
		panic("GIC or channel set-up failed");
	gen = chan_generation(chan_self_state(&c));
	rt_printf("peer: generation %u, rtos state 0x%x\n", gen, c.peer_state);
	(void)rt_arg(p.bootargs, "cmd_task", task, sizeof(task));
	rt_set_irq_hook(on_irq);
	irq_enable();
	for (;;) {
		int len = chan_recv(&c, msg, sizeof(msg) - 1);

		if (len < 0) {
			chan_wait(&c);
			if (chan_peer_changed(&c))
				rt_printf("peer: rtos state 0x%x\n", c.peer_state);
			continue;
		}
		msg[len] = '\0';
		rt_printf("peer: got %s\n", msg);
		if (strncmp(msg, "stats ", 6) != 0 || gen != 1)
			continue;
		stats++;
		if (stats == arg(p.bootargs, "cmd_after", 3)) {
			(void)fmt_snprintf(msg, sizeof(msg), "period %s %lu", task,
					   arg(p.bootargs, "cmd_ms", 10));
			rt_printf("peer: sending %s (%s)\n", msg,
				  chan_send_str(&c, msg) == 0 ? "sent" : "ring full");
		}
		if (stats == arg(p.bootargs, "restart_after", 6)) {
			rt_printf("peer: restarting\n");
			psci_system_reset();
			panic("SYSTEM_RESET returned");
		}
	}
}
