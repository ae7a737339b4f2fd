// SPDX-License-Identifier: GPL-2.0-only
/*
 * lcguest: drives Bulkhead's partition life cycle hard (docs/reliability.md,
 * "Life cycle"), for tests/integration/test_lifecycle.py. One program, a mode
 * per partition (bootarg mode=):
 *
 *   storm    never starts its second vCPU; prints the EL2 stack high-water
 *            mark of both its cores (BH_HVC_STACK_USAGE), then PSCI
 *            SYSTEM_RESET, at every boot
 *   trap     a victim: reads GICD_TYPER (a trapped access) in a loop and
 *            reports every report_ms how many it did and the slowest one
 *   allreset starts vCPU 1; both meet at a counter value, then both call
 *            SYSTEM_RESET at the same moment, at every boot
 *   onstop   vCPU 0 calls CPU_ON(vCPU 1) in a loop; vCPU 1 powers itself
 *            off (CPU_OFF) the first times, then calls SYSTEM_RESET: the
 *            restart races CPU_ON
 *   icfgr    flips the trigger of its hardware SPI (bootarg spi=<intid>) in
 *            GICD_ICFGR iters times and reads it back each time: another
 *            partition flips its own SPI in the same 32-bit word at once; a
 *            read-back that differs is a lost update in Bulkhead's
 *            read-modify-write of the shared physical word
 *   wdrace   vCPU 0 arms the watchdog (wor_ms) and hangs with interrupts
 *            masked; vCPU 1 calls SYSTEM_RESET close to the watchdog's
 *            second expiry (a different offset at each boot): the restart
 *            races the watchdog's reset
 *
 * Console lines (stable):
 *   lcguest: <name> boot mode=<mode> stack0=<bytes> stack1=<bytes> size=<bytes> t_us=<us>
 *   lcguest: <name> trap n=<count> max_ticks=<ticks>
 *   lcguest: <name> icfgr done iters=<n> lost=<n>
 *   lcguest: <name> error: <what>
 */
#include <guests/lib/console.h>
#include <guests/lib/dt.h>
#include <guests/lib/psci.h>
#include <guests/lib/rt.h>
#include <guests/lib/timer.h>
#include <lib/format.h>
#include <lib/smccc.h>

#include <string.h>

#define GICD_TYPER  0x08000004UL /* the vGIC's distributor (QEMU virt map) */
#define GICD_ICFGR  0x08000c00UL /* its trigger configuration words */
#define WDT_CONTROL 0x0b001000UL /* the watchdog's control frame (docs/binding.md) */

static char name[32];
static char mode[16];
static uint64_t freq;

/* Shared by the two vCPUs (MMU off: device memory, coherent). */
static volatile uint64_t meet_at;
static volatile uint32_t sibling_ready;
static volatile uint32_t sibling_ups;

static uint64_t ms(uint64_t n)
{
	return freq / 1000 * n;
}

static uint64_t hvc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return smccc_hvc(fid, a1, a2, a3, 0, 0, 0, 0).a0;
}

static void __attribute__((noreturn)) system_reset(void)
{
	hvc(PSCI_SYSTEM_RESET, 0, 0, 0);
	rt_printf("lcguest: %s error: SYSTEM_RESET returned\n", name);
	rt_halt();
}

static uint64_t stack_usage(uint64_t vcpu, uint64_t *size)
{
	struct smccc_res r = smccc_hvc(BH_HVC_STACK_USAGE, vcpu, 0, 0, 0, 0, 0, 0);

	*size = r.a2;
	return r.a0 == 0 ? r.a1 : ~0UL;
}

static void report_boot(void)
{
	uint64_t size = 0, s0 = stack_usage(0, &size), s1 = stack_usage(1, &size);

	rt_printf("lcguest: %s boot mode=%s stack0=%lu stack1=%lu size=%lu t_us=%lu\n", name, mode,
		  s0, s1, size, rt_counter() / (freq / 1000000));
}

static void trap_loop(void)
{
	uint64_t report = 500, next, n = 0, worst = 0;

	rt_arg_u64(rt_bootargs(), "report_ms", &report);
	next = rt_counter() + ms(report);
	for (;;) {
		uint64_t t0 = rt_counter(), dt;

		(void)*(volatile uint32_t *)GICD_TYPER;
		dt = rt_counter() - t0;
		worst = dt > worst ? dt : worst;
		n++;
		if (rt_counter() >= next) {
			rt_printf("lcguest: %s trap n=%lu max_ticks=%lu\n", name, n, worst);
			next += ms(report);
		}
	}
}

static void icfgr(void)
{
	uint64_t spi = 0, iters = 100000, lost = 0;
	volatile uint32_t *reg;
	uint32_t shift;

	rt_arg_u64(rt_bootargs(), "spi", &spi);
	rt_arg_u64(rt_bootargs(), "iters", &iters);
	if (spi < 32 || spi >= 1020) {
		rt_printf("lcguest: %s error: spi=%lu\n", name, spi);
		return;
	}
	reg = (volatile uint32_t *)(GICD_ICFGR + spi / 16 * 4);
	shift = (uint32_t)(spi % 16) * 2 + 1;
	for (uint64_t i = 0; i < iters; i++) {
		uint32_t edge = (uint32_t)(i & 1);

		*reg = edge << shift; /* the other SPIs' bits: 0 (not ours: ignored) */
		if (((*reg >> shift) & 1) != edge)
			lost++;
	}
	rt_printf("lcguest: %s icfgr done iters=%lu lost=%lu\n", name, iters, lost);
}

static void start_sibling(uint64_t ctx)
{
	uint64_t r =
		hvc(PSCI_CPU_ON | SMCCC_64BIT, 1, (uint64_t)(uintptr_t)rt_secondary_entry, ctx);

	if (r != 0)
		rt_printf("lcguest: %s error: CPU_ON(1) returned %ld\n", name, (long)r);
}

/* Both vCPUs call SYSTEM_RESET at the same counter value. */
static void allreset(void)
{
	start_sibling(0);
	while (!sibling_ready)
		;
	meet_at = rt_counter() + ms(2);
	while (rt_counter() < meet_at)
		;
	system_reset();
}

/* CPU_ON of vCPU 1 in a loop, while vCPU 1 goes off and on, then resets. */
static void onstop(void)
{
	for (;;)
		(void)hvc(PSCI_CPU_ON | SMCCC_64BIT, 1, (uint64_t)(uintptr_t)rt_secondary_entry, 0);
}

static void wdrace(void)
{
	uint64_t wor_ms = 100, armed;

	rt_arg_u64(rt_bootargs(), "wor_ms", &wor_ms);
	*(volatile uint32_t *)(WDT_CONTROL + 0x008) = (uint32_t)ms(wor_ms); /* WOR */
	*(volatile uint32_t *)(WDT_CONTROL + 0x000) = 1;		    /* WCS.EN */
	armed = rt_counter();
	start_sibling(armed);
	/* Hang: the watchdog expires twice (2 x wor_ms) unless the sibling resets first. */
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	for (;;)
		__asm__ volatile("wfi" ::: "memory");
}

/* vCPU 1, started by CPU_ON (guests/lib: rt_secondary_entry) with x0 = @ctx. */
void guest_secondary(uint64_t ctx, uint64_t x1)
{
	uint64_t wor_ms = 100, span, when;

	(void)x1;
	if (!strcmp(mode, "allreset")) {
		sibling_ready = 1;
		while (!meet_at || rt_counter() < meet_at)
			;
		system_reset();
	}
	if (!strcmp(mode, "onstop")) {
		if (++sibling_ups < 4)
			(void)hvc(PSCI_CPU_OFF, 0, 0, 0);
		system_reset(); /* vCPU 0 keeps calling CPU_ON meanwhile */
	}
	if (!strcmp(mode, "wdrace")) {
		/* Around the second expiry: 2 x wor, -wor/4 .. +wor/4, from the counter's low bits. */
		rt_arg_u64(rt_bootargs(), "wor_ms", &wor_ms);
		span = ms(wor_ms) / 2;
		when = ctx + 2 * ms(wor_ms) - span / 2 + (ctx * 2654435761UL) % span;
		while (rt_counter() < when)
			;
		system_reset();
	}
	rt_printf("lcguest: %s error: vCPU 1 has nothing to do\n", name);
	rt_halt();
}

void guest_main(const void *fdt)
{
	const char *args = rt_bootargs();

	(void)fdt;
	freq = rt_counter_freq();
	if (!rt_arg(args, "name", name, sizeof(name)) || !name[0])
		fmt_snprintf(name, sizeof(name), "lcguest");
	if (!rt_arg(args, "mode", mode, sizeof(mode)))
		mode[0] = 0;
	report_boot();
	if (!strcmp(mode, "storm"))
		system_reset();
	if (!strcmp(mode, "trap"))
		trap_loop();
	if (!strcmp(mode, "allreset"))
		allreset();
	if (!strcmp(mode, "onstop"))
		onstop();
	if (!strcmp(mode, "wdrace"))
		wdrace();
	if (!strcmp(mode, "icfgr")) {
		icfgr();
		return;
	}
	rt_printf("lcguest: %s error: unknown mode '%s'\n", name, mode);
}
