/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The RTOS's channel (docs/rtos.md "Channels"): when the device tree has a
 * Bulkhead channel labelled LINK_LABEL, the task "link" publishes the task
 * statistics on it at each report and applies the commands the peer sends.
 *
 * Messages (text, no NUL, at most CHAN_MSG_MAX bytes):
 *   RTOS -> peer: "stats n=<report> uptime_ms=<ms> misses=<total> dropped=<n>
 *                  <task>=<period_us>/<activations>/<misses> ..."
 *                 "ack <command>" or "nak <command>: <why>"
 *   peer -> RTOS: "period <task> <ms>"   the task's period (and deadline), in
 *                 ms before the time scale, from its next release on
 */
#ifndef GUESTS_RTOS_LINK_H
#define GUESTS_RTOS_LINK_H

#include <stdbool.h>
#include <stdint.h>

#define LINK_LABEL "stats"
#define LINK_PRIO  2 /* above the report task only */

/* Before mmu_enable(): find the channel and add it to the MMU's map; false if there is none. */
bool link_probe(const void *fdt);

/*
 * After the GIC is up, before k_start(): open the channel, attach its
 * doorbell, create "link"; false (and nothing done) without a channel.
 */
bool link_start(uint64_t gicd, uint64_t freq, uint32_t time_scale, uint32_t report_us);

/* From the report task, after each report: publish the statistics (no-op without a channel). */
void link_publish(void);

#endif
