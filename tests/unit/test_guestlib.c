// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest library's device-tree look-ups and command-line options
 * (guests/lib/dt.c, compiled here from the same source): dt_platform() on a
 * QEMU-virt-like tree and on trees that lack a piece, dt_stdout_uart(),
 * dt_compatible_reg(), rt_arg(), rt_arg_u64() and rt_options() (clamping,
 * unknown options reported).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <errno.h>

#include "guests/lib/dt.c"

/* ---------------------------------------------------------------- stand-ins for the rest */

/* The "image": find_ram() looks for the memory node that holds _head. */
char _head[4096] __attribute__((aligned(4096)));
const char *rt_name;
static struct rt_boot boot;
static char out[512];
static int console_uart_calls;
static enum psci_conduit conduit_set;

const struct rt_boot *rt_boot(void)
{
	return &boot;
}

int rt_printf(const char *fmt, ...)
{
	size_t n = strlen(out);
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(out + n, sizeof(out) - n, fmt, ap);
	va_end(ap);
	return r;
}

void rt_console_uart(uint64_t base, bool sbsa)
{
	(void)base;
	(void)sbsa;
	console_uart_calls++;
}

void psci_init(enum psci_conduit c)
{
	conduit_set = c;
}

void panic(const char *fmt, ...)
{
	(void)fmt;
	fail_msg("panic");
	abort();
}

/* ---------------------------------------------------------------- a device tree */

enum { NO_UART = 1, NO_TIMER = 2, NO_PSCI = 4, SBSA = 8, STDOUT_ALIAS = 16 };

static char fdt[8192];

static void reg2(uint64_t base, uint64_t size, fdt32_t *c)
{
	c[0] = cpu_to_fdt32((uint32_t)(base >> 32));
	c[1] = cpu_to_fdt32((uint32_t)base);
	c[2] = cpu_to_fdt32((uint32_t)(size >> 32));
	c[3] = cpu_to_fdt32((uint32_t)size);
}

static void prop_reg(uint64_t base, uint64_t size)
{
	fdt32_t c[4];

	reg2(base, size, c);
	assert_int_equal(fdt_property(fdt, "reg", c, sizeof(c)), 0);
}

static void prop_str(const char *name, const char *value)
{
	assert_int_equal(fdt_property(fdt, name, value, (int)strlen(value) + 1), 0);
}

static void node(const char *name, const char *compat)
{
	assert_int_equal(fdt_begin_node(fdt, name), 0);
	if (compat)
		prop_str("compatible", compat);
}

static void build(unsigned int flags)
{
	uint64_t ram = (uintptr_t)_head & ~0xfffffULL;
	fdt32_t gic[8], timer[12];

	assert_int_equal(fdt_create(fdt, sizeof(fdt)), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	node("", NULL);
	assert_int_equal(fdt_property_u32(fdt, "#address-cells", 2), 0);
	assert_int_equal(fdt_property_u32(fdt, "#size-cells", 2), 0);
	node("chosen", NULL);
	prop_str("bootargs", "name=p0 rtos.load_pct=50");
	prop_str("stdout-path",
		 flags & STDOUT_ALIAS ? "/nothing:115200n8" : "/uart@9000000:115200n8");
	assert_int_equal(fdt_end_node(fdt), 0);
	node("memory@1000", NULL); /* a range that does not hold the image comes first */
	prop_str("device_type", "memory");
	prop_reg(0x1000, 0x1000);
	assert_int_equal(fdt_end_node(fdt), 0);
	node("memory@ram", NULL);
	prop_str("device_type", "memory");
	prop_reg(ram, 0x400000);
	assert_int_equal(fdt_end_node(fdt), 0);
	if (!(flags & NO_UART)) {
		node("uart@9000000", flags & SBSA ? "arm,sbsa-uart" : "arm,pl011");
		prop_reg(0x9000000, 0x1000);
		assert_int_equal(fdt_end_node(fdt), 0);
	}
	node("intc@8000000", "arm,gic-v3");
	assert_int_equal(fdt_property_u32(fdt, "#interrupt-cells", 3), 0);
	assert_int_equal(fdt_property_u32(fdt, "#redistributor-regions", 1), 0);
	reg2(0x8000000, 0x10000, gic);
	reg2(0x80a0000, 0xf60000, gic + 4);
	assert_int_equal(fdt_property(fdt, "reg", gic, sizeof(gic)), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	if (!(flags & NO_TIMER)) {
		static const uint32_t ppis[4] = {13, 14, 11, 10};

		for (int i = 0; i < 4; i++) {
			timer[3 * i] = cpu_to_fdt32(1);
			timer[3 * i + 1] = cpu_to_fdt32(ppis[i]);
			timer[3 * i + 2] = cpu_to_fdt32(4);
		}
		node("timer", "arm,armv8-timer");
		assert_int_equal(fdt_property(fdt, "interrupts", timer, sizeof(timer)), 0);
		assert_int_equal(fdt_end_node(fdt), 0);
	}
	if (!(flags & NO_PSCI)) {
		node("psci", "arm,psci-1.0");
		prop_str("method", "hvc");
		assert_int_equal(fdt_end_node(fdt), 0);
	}
	node("watchdog@b001000", "arm,sbsa-gwdt");
	reg2(0xb001000, 0x1000, gic);
	reg2(0xb000000, 0x1000, gic + 4);
	assert_int_equal(fdt_property(fdt, "reg", gic, sizeof(gic)), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);
	boot.fdt = fdt;
	out[0] = '\0';
}

/* ---------------------------------------------------------------- tests */

static void test_platform(void **state)
{
	struct dt_platform p;

	(void)state;
	build(0);
	assert_int_equal(dt_platform(fdt, &p), 0);
	assert_null(p.error);
	assert_int_equal(p.ram.base, (uintptr_t)_head & ~0xfffffULL);
	assert_int_equal(p.ram.size, 0x400000);
	assert_int_equal(p.gicd.base, 0x8000000);
	assert_int_equal(p.ngicr, 1);
	assert_int_equal(p.gicr[0].base, 0x80a0000);
	assert_int_equal(p.gicr[0].size, 0xf60000);
	assert_int_equal(p.uart.base, 0x9000000);
	assert_false(p.uart_sbsa);
	assert_int_equal(p.vtimer_intid, 27); /* the third interrupt: PPI 11 */
	assert_int_equal(p.timer_freq, 0);
	assert_int_equal(p.psci, PSCI_CONDUIT_HVC);
	assert_string_equal(p.bootargs, "name=p0 rtos.load_pct=50");
	console_uart_calls = 0;
	rt_platform_init(fdt, &p);
	assert_int_equal(console_uart_calls, 1);
	assert_int_equal(conduit_set, PSCI_CONDUIT_HVC);
}

static void test_platform_missing(void **state)
{
	struct dt_platform p;

	(void)state;
	build(NO_UART);
	assert_int_equal(dt_platform(fdt, &p), -ENOENT);
	assert_string_equal(p.error, "no PL011 / SBSA UART (stdout-path or arm,pl011)");
	build(NO_TIMER);
	assert_int_equal(dt_platform(fdt, &p), -ENOENT);
	assert_string_equal(p.error, "no arm,armv8-timer node with a virtual timer PPI");
	assert_int_equal(p.uart.base, 0x9000000); /* found first, for the report */
	build(NO_PSCI);
	assert_int_equal(dt_platform(fdt, &p), 0);
	assert_int_equal(p.psci, PSCI_CONDUIT_NONE);
	assert_int_equal(dt_platform(NULL, &p), -ENOENT);
	assert_string_equal(p.error, "no valid device tree in x0");
}

static void test_uart_and_compatible(void **state)
{
	struct dt_range r;
	bool sbsa = false;

	(void)state;
	build(SBSA | STDOUT_ALIAS); /* stdout-path names nothing: the first UART */
	assert_int_equal(dt_stdout_uart(fdt, &r, &sbsa), 0);
	assert_int_equal(r.base, 0x9000000);
	assert_true(sbsa);
	assert_int_equal(dt_stdout_uart(NULL, &r, NULL), -ENOENT);
	assert_int_equal(dt_compatible_reg(fdt, "arm,sbsa-gwdt", 0, &r), 0);
	assert_int_equal(r.base, 0xb001000);
	assert_int_equal(dt_compatible_reg(fdt, "arm,sbsa-gwdt", 1, &r), 0);
	assert_int_equal(r.base, 0xb000000);
	assert_int_equal(dt_compatible_reg(fdt, "arm,sbsa-gwdt", 2, &r), -ENOENT);
	assert_int_equal(dt_compatible_reg(fdt, "arm,nothing", 0, &r), -ENOENT);
}

static void test_args(void **state)
{
	const char *args = "name=p0  tick_ms=0x20 bad= novalue flag=x";
	uint64_t v = 7;
	char buf[4];

	(void)state;
	build(0);
	assert_string_equal(rt_bootargs(), "name=p0 rtos.load_pct=50");
	assert_true(rt_arg(args, "name", buf, sizeof(buf)));
	assert_string_equal(buf, "p0");
	assert_true(rt_arg(args, "flag", buf, 2)); /* truncated */
	assert_string_equal(buf, "x");
	assert_false(rt_arg(args, "novalue", buf, sizeof(buf)));
	assert_false(rt_arg(args, "tick", buf, sizeof(buf)));
	assert_true(rt_arg_u64(args, "tick_ms", &v));
	assert_int_equal(v, 0x20);
	assert_false(rt_arg_u64(args, "bad", &v));
	assert_false(rt_arg_u64(args, "flag", &v));
}

static void test_options(void **state)
{
	uint32_t a = 1, b = 2, c = 3;
	const struct rt_option opts[] = {
		{"x.a", 10, 100, &a},
		{"x.b", 0, 5, &b},
		{"x.c", 0, 9, &c},
	};

	(void)state;
	rt_name = "test";
	out[0] = '\0';
	rt_options("x.a=1 x.b=99 other=1 x.bogus=2 x.c=4", "x.", opts, 3);
	assert_int_equal(a, 10); /* clamped up */
	assert_int_equal(b, 5);	 /* clamped down */
	assert_int_equal(c, 4);
	assert_string_equal(out, "test: unknown option x.bogus=2\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_platform),
		cmocka_unit_test(test_platform_missing),
		cmocka_unit_test(test_uart_and_compatible),
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
