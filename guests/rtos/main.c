// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot sequence, from the guest library's start-up at EL1 with the MMU off:
 * device tree -> console -> options -> MMU -> GIC -> the task set. Every
 * failure before the tasks run is a panic with one line saying why.
 */
#include <guests/lib/dt.h>
#include <guests/lib/gic.h>
#include <guests/lib/mmu.h>
#include <guests/lib/psci.h>
#include <guests/lib/rt.h>
#include <guests/rtos/app.h>

#include <stdlib.h>
#include <string.h>

/* Value of "rtos.<key>=<n>" if s is that option, clamped to [min, max]. */
static bool option(const char *s, size_t len, const char *key, uint32_t min, uint32_t max,
		   uint32_t *out)
{
	size_t klen = strlen(key);
	unsigned long v;

	if (len <= klen || strncmp(s, key, klen) != 0 || s[klen] != '=')
		return false;
	v = strtoul(s + klen + 1, NULL, 10);
	*out = v < min ? min : v > max ? max : (uint32_t)v;
	return true;
}

static void warn_option(const char *s, size_t len)
{
	char name[40];

	if (len >= sizeof(name))
		len = sizeof(name) - 1;
	memcpy(name, s, len);
	name[len] = '\0';
	rt_printf("rtos: unknown option %s\n", name);
}

/*
 * Options in /chosen/bootargs: rtos.report_ms=, rtos.load_pct=, rtos.stop_after=,
 * rtos.time_scale=.
 */
static void parse_bootargs(const char *args, struct app_config *cfg)
{
	while (*args) {
		size_t len = 0;

		while (*args == ' ')
			args++;
		while (args[len] && args[len] != ' ')
			len++;
		if (len && !option(args, len, "rtos.report_ms", 10, 60000, &cfg->report_ms) &&
		    !option(args, len, "rtos.load_pct", 0, 1000, &cfg->load_pct) &&
		    !option(args, len, "rtos.stop_after", 0, 1000000, &cfg->stop_after) &&
		    !option(args, len, "rtos.time_scale", 1, 1000, &cfg->time_scale) &&
		    strncmp(args, "rtos.", 5) == 0)
			warn_option(args, len);
		args += len;
	}
}

static uint64_t timer_frequency(const struct dt_platform *p)
{
	uint64_t hz = p->timer_freq ? p->timer_freq : (sysreg_read(cntfrq_el0) & 0xffffffffu);

	if (hz < 1000000)
		panic("timer frequency %lu Hz is not usable", hz);
	return hz;
}

void guest_main(const void *fdt)
{
	struct app_config cfg = {RTOS_REPORT_MS, 100, 0, 1};
	struct dt_platform plat;
	int err;

	rt_name = "rtos";
	err = dt_platform(fdt, &plat);
	if (plat.uart.base)
		rt_console_uart(plat.uart.base, plat.uart_sbsa);
	if (err)
		panic("device tree: %s", plat.error);
	psci_init(plat.psci);
	rt_printf("rtos: boot el=%u dtb=%p ram=0x%lx+0x%lx gicd=0x%lx gicr=0x%lx uart=0x%lx "
		  "vtimer_intid=%u psci=%s\n",
		  rt_boot()->el, fdt, plat.ram.base, plat.ram.size, plat.gicd.base,
		  plat.gicr[0].base, plat.uart.base, plat.vtimer_intid, psci_conduit_name());
	parse_bootargs(plat.bootargs, &cfg);
	mmu_enable(&plat);
	if (!gic_setup(&plat, true, 0xff))
		panic("gic: bring-up failed (distributor, redistributor or CPU interface)");
	app_run(timer_frequency(&plat), plat.vtimer_intid, &cfg);
}
