/* SPDX-License-Identifier: GPL-2.0-only */
/* The demo task set and its statistics report. */
#ifndef GUESTS_RTOS_APP_H
#define GUESTS_RTOS_APP_H

#include <stdint.h>

#ifndef RTOS_TICK_US
#define RTOS_TICK_US 1000 /* kernel tick */
#endif
#ifndef RTOS_REPORT_MS
#define RTOS_REPORT_MS 1000 /* statistics period, unless bootargs say rtos.report_ms= */
#endif

struct app_config {
	uint32_t report_ms;  /* statistics every report_ms of timer time (10..60000) */
	uint32_t load_pct;   /* scales every task's busy work (0..1000) */
	uint32_t stop_after; /* power off through PSCI after this many reports; 0: never */
	uint32_t time_scale; /* multiplies the tick, every task's period and its work (1..1000) */
	/*
	 * The SBSA watchdog (the device tree's arm,sbsa-gwdt; 0 bases: none):
	 * armed with watchdog_ms (not scaled, like report_ms; 0: off), refreshed
	 * by the report task, the lowest-priority one.
	 */
	uint32_t watchdog_ms;
	uint32_t hang_after; /* mask interrupts and spin after this many reports; 0: never */
	uint64_t wdt_ctl, wdt_refresh;
};

/*
 * Calibrate the busy loop, create the tasks (and "link" when link_probe()
 * found the channel; @gicd: the distributor, for its doorbell), print the
 * start line, run.
 */
_Noreturn void app_run(uint64_t freq, uint32_t timer_intid, uint64_t gicd,
		       const struct app_config *cfg);

#endif
