// SPDX-License-Identifier: GPL-2.0-only
/*
 * The task "link" (link.h): a sporadic task released by an event that the
 * channel's doorbell interrupt and the report task signal. At each release
 * it looks at the peer's state word (a restart of the peer is printed: the
 * rings need nothing, see guests/lib/chan.h), publishes the statistics if a
 * report asked for it, and drains the commands (the doorbells coalesce: one
 * release may bring several messages).
 *
 * State: link_chan and the counters are the link task's (set up by the boot
 * code before k_start()); publish_due is set by the report task and cleared
 * by the link task, which runs at a higher priority on the same core.
 */
#include <guests/rtos/link.h>

#include <guests/lib/chan.h>
#include <guests/lib/rt.h>
#include <guests/rtos/kernel.h>
#include <lib/format.h>

#include <stdlib.h>
#include <string.h>

#define LINK_IRQ_PRIO 0x80 /* the tick's: neither preempts the other's handler */

static struct chan link_chan;
static bool present;
static struct k_event link_event;
static volatile bool publish_due;
static uint64_t counter_hz;
static uint32_t scale, reports, dropped;
static bool full; /* the last publication did not fit: say so once */

bool link_probe(const void *fdt)
{
	present = chan_find(fdt, LINK_LABEL, &link_chan) == 0;
	if (present)
		chan_map(&link_chan);
	return present;
}

/* The doorbell, in the kernel (interrupts masked): wake the link task. */
static void on_doorbell(void *arg)
{
	k_event_signal(arg);
}

static void say(const char *msg)
{
	if (chan_send_str(&link_chan, msg) != 0)
		rt_printf("rtos: channel %s: no room for \"%s\"\n", LINK_LABEL, msg);
}

/* "period <task> <ms>": the task's period, before the time scale. */
static void command(const char *cmd)
{
	char name[16], reply[CHAN_MSG_MAX + 1];
	const char *p = cmd + 7, *end;
	char *num_end;
	uint64_t ms; /* 64 bits: the scaled period is checked before it is narrowed */
	size_t n;

	if (strncmp(cmd, "period ", 7) != 0) {
		(void)fmt_snprintf(reply, sizeof(reply), "nak %s: unknown command", cmd);
		say(reply);
		return;
	}
	end = strchr(p, ' ');
	n = end ? (size_t)(end - p) : 0;
	ms = end ? strtoul(end + 1, &num_end, 10) : 0;
	/* the peer is another partition: every field bounded, the period in 32 bits once scaled */
	if (n == 0 || n >= sizeof(name) || ms == 0 || ms > 10000 || *num_end != '\0' ||
	    ms * 1000U * scale > UINT32_MAX) {
		(void)fmt_snprintf(reply, sizeof(reply), "nak %s: usage: period <task> <ms>", cmd);
		say(reply);
		return;
	}
	memcpy(name, p, n);
	name[n] = '\0';
	if (k_set_period(name, (uint32_t)(ms * 1000U * scale)) != 0) {
		(void)fmt_snprintf(reply, sizeof(reply),
				   "nak %s: no periodic task %s of that period", cmd, name);
		say(reply);
		return;
	}
	rt_printf("rtos: command applied: task %s period %" PRIu64 " ms (%" PRIu64 " us)\n", name,
		  ms, ms * 1000U * scale);
	(void)fmt_snprintf(reply, sizeof(reply), "ack %s", cmd);
	say(reply);
}

/* One report: "stats n= uptime_ms= misses= dropped= <task>=<period_us>/<act>/<miss>...". */
static void publish(void)
{
	char msg[CHAN_MSG_MAX + 1];
	struct task_stats s;
	uint64_t misses = 0;
	size_t at;

	for (uint32_t i = 0; k_task_stats(i, &s) == 0; i++)
		misses += s.misses;
	reports++;
	at = (size_t)fmt_snprintf(
		msg, sizeof(msg), "stats n=%u uptime_ms=%" PRIu64 " misses=%" PRIu64 " dropped=%u",
		reports, (rt_counter() - k_time_origin()) / (counter_hz / 1000), misses, dropped);
	for (uint32_t i = 0; at < sizeof(msg) && k_task_stats(i, &s) == 0; i++)
		at += (size_t)fmt_snprintf(msg + at, sizeof(msg) - at,
					   " %s=%u/%" PRIu64 "/%" PRIu64, s.name, s.period_us,
					   s.activations, s.misses);
	if (at >= sizeof(msg))
		at = sizeof(msg) - 1;
	if (chan_send(&link_chan, msg, (uint32_t)at) == 0) {
		full = false;
		return;
	}
	dropped++;
	if (!full)
		rt_printf("rtos: channel %s full (peer state 0x%x): dropping reports\n", LINK_LABEL,
			  chan_peer_state(&link_chan));
	full = true;
}

static void link_task(void *arg)
{
	char cmd[CHAN_MSG_MAX + 1];

	(void)arg;
	for (;;) {
		int len;

		k_event_wait(&link_event);
		if (chan_peer_changed(&link_chan)) {
			uint32_t st = link_chan.peer_state;

			rt_printf("rtos: channel %s peer %s generation %u\n", LINK_LABEL,
				  (st & CHANNEL_STATE_UP) ? "up" : "down", chan_generation(st));
		}
		if (publish_due) {
			publish_due = false;
			publish();
		}
		while ((len = chan_recv(&link_chan, cmd, sizeof(cmd) - 1)) >= 0) {
			cmd[len] = '\0';
			command(cmd);
		}
	}
}

bool link_start(uint64_t gicd, uint64_t freq, uint32_t time_scale, uint32_t report_us)
{
	const struct task_config cfg = {
		.name = "link",
		.prio = LINK_PRIO,
		.kind = TASK_SPORADIC,
		.period_us = report_us, /* one release per report, and per command */
		.deadline_us = report_us,
		.entry = link_task,
	};

	if (!present)
		return false;
	counter_hz = freq;
	scale = time_scale;
	if (chan_open(&link_chan, gicd, LINK_IRQ_PRIO) != 0)
		panic("channel %s: header 0x%x, size 0x%" PRIx64 ", no doorbell or read-only",
		      LINK_LABEL, chan_header(&link_chan)->magic, link_chan.size);
	if (k_irq_attach(link_chan.intid, on_doorbell, &link_event) != 0 ||
	    k_task_create(&cfg) != 0)
		panic("channel %s: cannot attach its interrupt or create its task", LINK_LABEL);
	rt_printf("rtos: channel %s endpoint %u intid %u, %u slots each way, peer state 0x%x\n",
		  LINK_LABEL, link_chan.self, link_chan.intid, link_chan.tx.nslots,
		  link_chan.peer_state);
	return true;
}

void link_publish(void)
{
	if (!present)
		return;
	publish_due = true;
	k_event_post(&link_event);
}
