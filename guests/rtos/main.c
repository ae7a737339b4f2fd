// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot sequence, from the guest library's start-up at EL1 with the MMU off:
 * device tree -> console -> options -> channel (link.h) -> MMU -> GIC -> the
 * task set. Every
 * failure before the tasks run is a panic with one line saying why.
 */
#include <guests/lib/dt.h>
#include <guests/lib/gic.h>
#include <guests/lib/mmu.h>
#include <guests/lib/psci.h>
#include <guests/lib/rt.h>
#include <guests/rtos/app.h>
#include <guests/rtos/link.h>

#include <stdlib.h>
#include <string.h>

/*
 * Options in /chosen/bootargs: rtos.report_ms=, rtos.load_pct=, rtos.stop_after=,
 * rtos.time_scale=, rtos.watchdog_ms=, rtos.hang_after=.
 */
static void parse_bootargs(const char *args, struct app_config *cfg)
{
	const struct rt_option opts[] = {
		{"rtos.report_ms", 10, 60000, &cfg->report_ms},
		{"rtos.load_pct", 0, 1000, &cfg->load_pct},
		{"rtos.stop_after", 0, 1000000, &cfg->stop_after},
		{"rtos.time_scale", 1, 1000, &cfg->time_scale},
		{"rtos.watchdog_ms", 0, 60000, &cfg->watchdog_ms},
		{"rtos.hang_after", 0, 1000000, &cfg->hang_after},
	};

	rt_options(args, "rtos.", opts, sizeof(opts) / sizeof(opts[0]));
}

static uint64_t timer_frequency(const struct dt_platform *p)
{
	uint64_t hz = p->timer_freq ? p->timer_freq : (sysreg_read(cntfrq_el0) & 0xffffffffu);

	if (hz < 1000000)
		panic("timer frequency %" PRIu64 " Hz is not usable", hz);
	return hz;
}

void guest_main(const void *fdt)
{
	struct app_config cfg = {RTOS_REPORT_MS, 100, 0, 1, 0, 0, 0, 0};
	struct dt_range wdt_ctl, wdt_refresh;
	struct dt_platform plat;

	rt_name = "rtos";
	rt_platform_init(fdt, &plat);
	rt_printf("rtos: boot el=%u dtb=%p ram=0x%" PRIx64 "+0x%" PRIx64 " gicd=0x%" PRIx64
		  " gicr=0x%" PRIx64 " uart=0x%" PRIx64 " "
		  "vtimer_intid=%u psci=%s\n",
		  rt_boot()->el, fdt, plat.ram.base, plat.ram.size, plat.gicd.base,
		  plat.gicr[0].base, plat.uart.base, plat.vtimer_intid, psci_conduit_name());
	parse_bootargs(plat.bootargs, &cfg);
	if (link_probe(fdt))
		rt_printf("rtos: channel %s found\n", LINK_LABEL);
	/* Linux's binding of the SBSA watchdog: reg = <control frame>, <refresh frame>. */
	if (cfg.watchdog_ms && dt_compatible_reg(fdt, "arm,sbsa-gwdt", 0, &wdt_ctl) == 0 &&
	    dt_compatible_reg(fdt, "arm,sbsa-gwdt", 1, &wdt_refresh) == 0) {
		cfg.wdt_ctl = wdt_ctl.base;
		cfg.wdt_refresh = wdt_refresh.base;
		mmu_add_range(wdt_ctl.base, wdt_ctl.size, true);
		mmu_add_range(wdt_refresh.base, wdt_refresh.size, true);
	}
	mmu_enable(&plat);
	if (!gic_setup(&plat, true, 0xff))
		panic("gic: bring-up failed (distributor, redistributor or CPU interface)");
	app_run(timer_frequency(&plat), plat.vtimer_intid, plat.gicd.base, &cfg);
}
