// SPDX-License-Identifier: GPL-2.0-only
/*
 * conflood: does a partition flooding the console delay another partition's
 * traps? Booted twice by dts/conflood.dts, checked by
 * tests/integration/test_console_flood.py under -icount (virtual time is the
 * instruction count: the figures are deterministic).
 *
 * mode=victim: wakes on its virtual timer every millisecond and, right after
 * each wake-up, times with the counter (ticks of 16 instructions) a burst of
 * trapped accesses: GICD_TYPER reads (emulated distributor), null hypercalls
 * (SMCCC_VERSION), and one console line written a character at a time through
 * its emulated PL011 (each character a trapped write; the newline hands the
 * line to the console). Bursts start right after a wake-up so that, under
 * QEMU's round-robin of the cores, a burst runs within one time slice of its
 * core: what it measures is Bulkhead's work for the trap, not another core's
 * turn. Two phases: "quiet" (before flood_at_ms, the neighbour spins) and
 * "flood" (after it, the neighbour floods); one line of figures each:
 *   conflood: <phase> bursts=<n> gicd_max=<t> gicd_sum=<t> hvc_max=<t> hvc_sum=<t>
 *             uart_max=<t> uart_sum=<t> uart_n=<n>
 *   conflood: done
 * mode=flood: spins (no trap) until flood_at_ms, then writes console lines as
 * fast as it can: one in four through its emulated PL011 (a trap per
 * character), the others through the console hypercall (48 characters per
 * trap):
 *   conflood: flood <n> .......
 *
 * Bootargs: mode=victim|flood, flood_at_ms=<counter ms> (default 400),
 * bursts=<n per phase> (default 200), burst=<accesses per kind> (default 8).
 */
#include <guests/lib/gic.h>
#include <guests/lib/mmio.h>
#include <guests/lib/psci.h>
#include <guests/lib/rt.h>
#include <lib/format.h>

#define UARTDR 0x000

struct figures {
	uint64_t bursts, gicd_max, gicd_sum, hvc_max, hvc_sum, uart_max, uart_sum, uart_n;
};

static struct dt_platform plat;
static volatile uint32_t wakeups; /* written by on_irq() only */

static struct rt_frame *on_irq(struct rt_frame *f)
{
	uint32_t intid = gic_ack();

	if (intid == plat.vtimer_intid) {
		wakeups++;
		rt_vtimer_stop();
	}
	gic_eoi(intid);
	return f;
}

static void sleep_1ms(void)
{
	uint32_t w = wakeups;

	rt_vtimer_arm(rt_ms_to_ticks(1));
	while (wakeups == w)
		__asm__ volatile("wfi");
}

static void account(uint64_t t, uint64_t *max, uint64_t *sum)
{
	if (t > *max)
		*max = t;
	*sum += t;
}

static void burst(struct figures *fig, uint64_t n, uint64_t phase_burst)
{
	char line[48];
	int len = fmt_snprintf(line, sizeof(line), "conflood: victim line %lu\n", phase_burst);

	for (uint64_t i = 0; i < n; i++) {
		uint64_t t0 = rt_counter();

		(void)mmio_read32(plat.gicd.base + GICD_TYPER);
		account(rt_counter() - t0, &fig->gicd_max, &fig->gicd_sum);
		t0 = rt_counter();
		(void)smccc_hvc(SMCCC_VERSION, 0, 0, 0, 0, 0, 0, 0);
		account(rt_counter() - t0, &fig->hvc_max, &fig->hvc_sum);
	}
	for (int k = 0; k < len; k++) {
		uint64_t t0 = rt_counter();

		mmio_write32(plat.uart.base + UARTDR, (uint8_t)line[k]);
		account(rt_counter() - t0, &fig->uart_max, &fig->uart_sum);
		fig->uart_n++;
	}
	fig->bursts++;
}

static void report(const char *phase, const struct figures *f)
{
	rt_printf("conflood: %s bursts=%lu gicd_max=%lu gicd_sum=%lu hvc_max=%lu hvc_sum=%lu "
		  "uart_max=%lu uart_sum=%lu uart_n=%lu\n",
		  phase, f->bursts, f->gicd_max, f->gicd_sum, f->hvc_max, f->hvc_sum, f->uart_max,
		  f->uart_sum, f->uart_n);
}

static void victim(uint64_t flood_at, uint64_t bursts, uint64_t n)
{
	struct figures quiet = {0}, flood = {0};
	uint64_t rd = gic_setup(&plat, true, 0xff);

	if (!rd) {
		rt_printf("conflood: error: GIC bring-up failed\n");
		return;
	}
	rt_set_irq_hook(on_irq);
	gic_enable_private(rd, plat.vtimer_intid, 0x80);
	irq_enable();
	for (uint64_t b = 0; b < bursts && rt_counter() + rt_ms_to_ticks(50) < flood_at; b++) {
		sleep_1ms();
		burst(&quiet, n, b);
	}
	report("quiet", &quiet);
	while (rt_counter() < flood_at + rt_ms_to_ticks(20))
		sleep_1ms();
	for (uint64_t b = 0; b < bursts; b++) {
		sleep_1ms();
		burst(&flood, n, b);
	}
	report("flood", &flood);
	rt_printf("conflood: done\n");
}

static void flooder(uint64_t flood_at)
{
	char line[128];

	while (rt_counter() < flood_at)
		__asm__ volatile("nop");
	for (uint64_t i = 0;; i++) {
		int len = fmt_snprintf(
			line, sizeof(line),
			"conflood: flood %lu ............................................"
			"..........................................\n",
			i);

		if (i % 4) {
			rt_write(line, (size_t)len);
			continue;
		}
		for (int k = 0; k < len; k++)
			mmio_write32(plat.uart.base + UARTDR, (uint8_t)line[k]);
	}
}

void guest_main(const void *fdt)
{
	const char *args = rt_bootargs();
	uint64_t flood_at_ms = 400, bursts = 200, n = 8;
	char mode[16] = "";

	if (dt_platform(fdt, &plat) != 0) {
		rt_printf("conflood: error: %s\n", plat.error);
		return;
	}
	(void)rt_arg(args, "mode", mode, sizeof(mode));
	(void)rt_arg_u64(args, "flood_at_ms", &flood_at_ms);
	(void)rt_arg_u64(args, "bursts", &bursts);
	(void)rt_arg_u64(args, "burst", &n);
	rt_printf("conflood: %s, flood at %lu ms\n", mode, flood_at_ms);
	if (mode[0] == 'v')
		victim(rt_ms_to_ticks(flood_at_ms), bursts, n);
	else if (mode[0] == 'f')
		flooder(rt_ms_to_ticks(flood_at_ms));
}
