// SPDX-License-Identifier: GPL-2.0-only
/*
 * The demo: rate-monotonic priorities, synchronous release of the periodic
 * tasks (the critical instant), about 26% load once calibrated.
 *
 *   task      prio  release                 work     deadline
 *   sensor       6  every 2 ms              150 us   2 ms
 *   control      5  every 5 ms              400 us   5 ms
 *   producer     4  every 10 ms             300 us   10 ms, then sends a message
 *   consumer     3  on each message         700 us   10 ms after the send
 *   link         2  on a doorbell/report     sends    report_ms (with a channel: link.c)
 *   report       1  every report_ms         prints   report_ms
 *   idle         0  always                  WFI
 *
 * "Work" is a busy loop whose length per microsecond is measured once at boot
 * against the timer, so the load is the same fraction of time on any machine.
 *
 * rtos.time_scale=N runs the same task set N times slower: the tick, every
 * period, deadline and amount of work are multiplied by N (the utilization is
 * unchanged). The report period stays report_ms, rounded up to whole ticks.
 */

#include <guests/lib/mmio.h>
#include <guests/lib/psci.h>
#include <guests/lib/rt.h>
#include <guests/lib/sbsa_wdt.h>
#include <guests/rtos/app.h>
#include <guests/rtos/kernel.h>
#include <guests/rtos/link.h>

#define CAL_CHUNK 1000 /* loop iterations between counter reads */
#define CAL_MS	  10   /* calibration time */

struct periodic_job {
	uint32_t work_us;
};

static struct app_config config;
static uint64_t counter_hz, loops_per_ms;
static volatile uint64_t sink; /* keeps the busy loop's result alive */

static struct k_queue pipe;
static uint64_t sent, received, sequence_errors;

/*
 * The busy loop: xorshift64, five or six instructions per iteration. Not
 * inlined nor cloned, so that calibration and work run the very same code.
 */
__attribute__((noinline, noclone)) static uint64_t spin(uint64_t loops)
{
	uint64_t x = sink | 1;

	for (uint64_t i = 0; i < loops; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	}
	return x;
}

/* Busy work for @us microseconds (before the time scale) at load_pct 100. */
static void work(uint32_t us)
{
	sink = spin(loops_per_ms * us * config.time_scale * config.load_pct / 100000);
}

/* Loop iterations per millisecond of counter time, after one warm-up run. */
static uint64_t calibrate(void)
{
	uint64_t per_ms = counter_hz / 1000, loops = 0, start, elapsed;

	sink = spin(CAL_CHUNK);
	start = rt_counter();
	do {
		sink = spin(CAL_CHUNK);
		loops += CAL_CHUNK;
		elapsed = rt_counter() - start;
	} while (elapsed < CAL_MS * per_ms);
	return loops * per_ms / elapsed;
}

static void periodic_task(void *arg)
{
	const struct periodic_job *job = arg;

	for (;;) {
		k_wait_period();
		work(job->work_us);
	}
}

static void producer_task(void *arg)
{
	const struct periodic_job *job = arg;

	for (uintptr_t seq = 0;; seq++) {
		k_wait_period();
		work(job->work_us);
		k_queue_send(&pipe, seq);
		sent++;
	}
}

/* Checks that messages arrive in order, none lost or repeated. */
static void consumer_task(void *arg)
{
	const struct periodic_job *job = arg;

	uintptr_t expected = 0;

	for (;;) {
		uintptr_t seq = k_queue_recv(&pipe);

		if (seq != expected)
			sequence_errors++;
		expected = seq + 1;
		received++;
		work(job->work_us);
	}
}

static void report(void)
{
	struct task_stats s;
	struct tick_stats t;
	uint64_t misses = 0;

	for (uint32_t i = 0; k_task_stats(i, &s) == 0; i++) {
		rt_printf("rtos: stats task=%s prio=%u period_us=%u act=%" PRIu64 " miss=%" PRIu64
			  " wcrt_ticks=%" PRIu64 " "
			  "jitter_ticks=%" PRIu64 "\n",
			  s.name, s.prio, s.period_us, s.activations, s.misses, s.wcrt, s.jitter);
		misses += s.misses;
	}
	k_tick_stats(&t);
	rt_printf("rtos: queue sent=%" PRIu64 " recv=%" PRIu64 " errors=%" PRIu64 "\n", sent,
		  received, sequence_errors);
	rt_printf("rtos: tick count=%" PRIu64 " latency_max_ticks=%" PRIu64
		  " latency_avg_ticks=%" PRIu64 " late=%" PRIu64 "\n",
		  t.ticks, t.latency_max, t.ticks ? t.latency_sum / t.ticks : 0, t.late);
	rt_printf("rtos: total misses=%" PRIu64 " uptime_ms=%" PRIu64 "\n", misses,
		  (rt_counter() - k_time_origin()) / (counter_hz / 1000));
}

static void report_task(void *arg)
{
	(void)arg;
	for (uint32_t n = 1;; n++) {
		k_wait_period();
		report();
		link_publish();
		if (config.watchdog_ms)
			mmio_write32(config.wdt_refresh, 0); /* WRR: any write refreshes */
		if (n == config.hang_after) {
			/* A hung RTOS, for the watchdog to catch (docs/rtos.md). */
			rt_printf("rtos: hanging after %u reports (interrupts masked)\n", n);
			irq_disable();
			for (;;)
				cpu_relax();
		}
		if (n == config.stop_after) {
			rt_printf("rtos: stopping after %u reports\n", n);
			psci_system_off();
			rt_printf("rtos: no PSCI SYSTEM_OFF, reports stop\n");
			for (;;)
				k_wait_period();
		}
	}
}

static struct periodic_job sensor_job = {150}, control_job = {400}, producer_job = {300},
			   consumer_job = {700};

/* Arms the SBSA watchdog: WS0 after watchdog_ms without a refresh, the reset (WS1) after twice that. */
static void watchdog_arm(const struct app_config *cfg, uint64_t freq)
{
	uint64_t wor = freq / 1000 * cfg->watchdog_ms;

	if (!cfg->watchdog_ms)
		return;
	if (!cfg->wdt_ctl || wor > UINT32_MAX)
		panic("watchdog: %s",
		      cfg->wdt_ctl ? "watchdog_ms too long" : "no arm,sbsa-gwdt node");
	mmio_write32(cfg->wdt_ctl + WDT_WOR, (uint32_t)wor);
	mmio_write32(cfg->wdt_ctl + WDT_WCS, WDT_WCS_EN);
	rt_printf("rtos: watchdog armed, %u ms\n", cfg->watchdog_ms);
}

void app_run(uint64_t freq, uint32_t timer_intid, uint64_t gicd, const struct app_config *cfg)
{
	const uint32_t scale = cfg->time_scale;
	const uint32_t tick_us = RTOS_TICK_US * scale;
	/* The report period is not scaled; the kernel wants whole ticks. */
	const uint32_t report_us = (cfg->report_ms * 1000 + tick_us - 1) / tick_us * tick_us;
	struct task_config set[] = {
		{.name = "sensor",
		 .prio = 6,
		 .kind = TASK_PERIODIC,
		 .period_us = 2000,
		 .entry = periodic_task,
		 .arg = &sensor_job},
		{.name = "control",
		 .prio = 5,
		 .kind = TASK_PERIODIC,
		 .period_us = 5000,
		 .entry = periodic_task,
		 .arg = &control_job},
		{.name = "producer",
		 .prio = 4,
		 .kind = TASK_PERIODIC,
		 .period_us = 10000,
		 .entry = producer_task,
		 .arg = &producer_job},
		{.name = "consumer",
		 .prio = 3,
		 .kind = TASK_SPORADIC,
		 .period_us = 10000,
		 .deadline_us = 10000,
		 .entry = consumer_task,
		 .arg = &consumer_job},
		{.name = "report",
		 .prio = 1,
		 .kind = TASK_PERIODIC,
		 .period_us = report_us,
		 .phase_us = report_us,
		 .entry = report_task},
	};
	uint32_t n = sizeof(set) / sizeof(set[0]);

	for (uint32_t i = 0; i < n; i++) {
		if (set[i].entry == report_task)
			continue;
		set[i].period_us *= scale;
		set[i].deadline_us *= scale;
		set[i].phase_us *= scale;
	}
	config = *cfg;
	counter_hz = freq;
	loops_per_ms = calibrate();
	rt_printf("rtos: config report_ms=%u load_pct=%u stop_after=%u time_scale=%u "
		  "loops_per_ms=%" PRIu64 "\n",
		  cfg->report_ms, cfg->load_pct, cfg->stop_after, scale, loops_per_ms);
	watchdog_arm(cfg, freq);
	k_init(freq, tick_us, timer_intid);
	for (uint32_t i = 0; i < n; i++)
		if (k_task_create(&set[i]))
			panic("cannot create task %s", set[i].name);
	if (link_start(gicd, freq, scale, report_us)) /* with a channel labelled "stats" */
		n++;
	rt_printf("rtos: started, tick %u us, %u tasks, timer freq %" PRIu64 "\n", tick_us, n,
		  freq);
	k_start();
}
