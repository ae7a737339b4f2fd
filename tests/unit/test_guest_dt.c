// SPDX-License-Identifier: GPL-2.0-only
/*
 * guest_dt_build(): the generated guest device tree, checked with libfdt --
 * its cores, memory, PSCI, GIC, timer, own devices (and nothing else), the
 * emulated console and watchdog, /chosen; determinism and running out of room.
 */
#include "layout_fixture.h"

#include <partitions/channel.h>

#include <errno.h>

#define GUEST_BUF 0x10000

/* virtio_mmio0 and dev@2000 master DMA: confined by stream IDs here (a fixture). */
static const char *const system_dts =
	"&virtio_mmio0 { iommus = <&smmu 0x100>; };\n"
	"/ { uart1: pl011@9100000 { compatible = \"arm,pl011\", \"arm,primecell\";"
	" reg = <0 0x9100000 0 0x1000>; interrupts = <0 8 4>; clocks = <&apb_pclk &apb_pclk>;"
	" clock-names = \"uartclk\", \"apb_pclk\"; };\n"
	" soc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>;"
	" ranges = <0x0 0x0 0x9200000 0x10000>;"
	" bdev: dev@2000 { compatible = \"test,dev\"; reg = <0x2000 0x100>; interrupts = <0 60 1>; "
	"iommus = <&smmu 0x101>; };"
	" }; };\n" BH_HEAD "linux { compatible = \"bulkhead,partition\"; cpus = <&cpu1 &cpu0>;\n"
	"  memory = <0 0x48000000 0 0x4000000 0 0x50000000 0x0 0x2000000>;\n"
	"  devices = <&virtio_mmio0 &rtc>; kernel = <&img0>; initrd = <&img1>;\n"
	"  bootargs = \"console=ttyAMA0 rdinit=/init\"; };\n"
	"rtos { compatible = \"bulkhead,partition\"; cpus = <&cpu2>;\n"
	"  memory = <0 0x58000000 0 0x4000000>; devices = <&gpio &uart1 &bdev>; kernel = <&img2>; "
	"};\n" BH_TAIL;

struct guest {
	struct fixture f;
	char dtb[GUEST_BUF];
};

static void build(struct guest *g, uint32_t part)
{
	assert_int_equal(fix_load(&g->f, system_dts), 0);
	assert_no_errors(&g->f);
	assert_int_equal(guest_dt_build(g->f.l, &g->f.l->parts[part], g->dtb, sizeof(g->dtb)), 0);
	assert_int_equal(fdt_check_header(g->dtb), 0);
	assert_true(fdt_totalsize(g->dtb) <= sizeof(g->dtb));
}

static int node(const void *fdt, const char *path)
{
	int off = fdt_path_offset(fdt, path);

	if (off < 0)
		fail_msg("no node %s in the guest tree", path);
	return off;
}

static uint32_t u32_at(const void *fdt, const char *path, const char *prop, int index)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node(fdt, path), prop, &len);

	if (!p || len < 4 * (index + 1))
		fail_msg("%s: no cell %d in %s", path, index, prop);
	return fdt32_to_cpu(p[index]);
}

static const char *str_at(const void *fdt, const char *path, const char *prop)
{
	const char *s = fdt_getprop(fdt, node(fdt, path), prop, NULL);

	if (!s)
		fail_msg("%s: no %s", path, prop);
	return s;
}

static uint64_t u64_at(const void *fdt, const char *path, const char *prop, int index)
{
	return (uint64_t)u32_at(fdt, path, prop, 2 * index) << 32 |
	       u32_at(fdt, path, prop, 2 * index + 1);
}

static void test_root_cpus_memory(void **state)
{
	struct guest *g = calloc(1, sizeof(*g));
	int cpus, n = 0, child;

	build(g, 0);
	assert_string_equal(str_at(g->dtb, "/", "compatible"), "linux,dummy-virt");
	assert_string_equal(str_at(g->dtb, "/", "model"), "bulkhead,linux");
	assert_int_equal(u32_at(g->dtb, "/", "#address-cells", 0), 2);
	assert_int_equal(u32_at(g->dtb, "/", "#size-cells", 0), 2);
	assert_int_equal(u32_at(g->dtb, "/", "interrupt-parent", 0), 1);
	cpus = node(g->dtb, "/cpus");
	fdt_for_each_subnode(child, g->dtb, cpus) n++;
	assert_int_equal(n, 2);
	assert_int_equal(u32_at(g->dtb, "/cpus/cpu@0", "reg", 0), 0);
	assert_int_equal(u32_at(g->dtb, "/cpus/cpu@1", "reg", 0), 1);
	assert_string_equal(str_at(g->dtb, "/cpus/cpu@1", "compatible"), "arm,cortex-a57");
	assert_string_equal(str_at(g->dtb, "/cpus/cpu@0", "enable-method"), "psci");
	assert_string_equal(str_at(g->dtb, "/cpus/cpu@0", "device_type"), "cpu");
	/* One memory node covering both ranges, contiguous in guest-physical space. */
	assert_int_equal(u64_at(g->dtb, "/memory@40000000", "reg", 0), 0x40000000);
	assert_int_equal(u64_at(g->dtb, "/memory@40000000", "reg", 1), 0x6000000);
	assert_string_equal(str_at(g->dtb, "/memory@40000000", "device_type"), "memory");
	fix_free(&g->f);
	free(g);
}

static void test_psci_gic_timer(void **state)
{
	struct guest *g = calloc(1, sizeof(*g));
	int len;
	const char *compat;

	build(g, 0);
	assert_string_equal(str_at(g->dtb, "/psci", "method"), "hvc");
	compat = fdt_getprop(g->dtb, node(g->dtb, "/psci"), "compatible", &len);
	assert_int_equal(len, sizeof("arm,psci-1.0\0arm,psci-0.2"));
	assert_string_equal(compat + strlen(compat) + 1, "arm,psci-0.2");
	assert_string_equal(str_at(g->dtb, "/intc@8000000", "compatible"), "arm,gic-v3");
	assert_int_equal(u32_at(g->dtb, "/intc@8000000", "phandle", 0), 1);
	assert_int_equal(u32_at(g->dtb, "/intc@8000000", "#interrupt-cells", 0), 3);
	assert_non_null(
		fdt_getprop(g->dtb, node(g->dtb, "/intc@8000000"), "interrupt-controller", NULL));
	assert_int_equal(u64_at(g->dtb, "/intc@8000000", "reg", 0), LAYOUT_VIRT_GICD_IPA);
	assert_int_equal(u64_at(g->dtb, "/intc@8000000", "reg", 1), LAYOUT_VIRT_GICD_SIZE);
	assert_int_equal(u64_at(g->dtb, "/intc@8000000", "reg", 2), LAYOUT_VIRT_GICR_IPA);
	assert_int_equal(u64_at(g->dtb, "/intc@8000000", "reg", 3), 2 * LAYOUT_VIRT_GICR_STRIDE);
	assert_string_equal(str_at(g->dtb, "/timer", "compatible"), "arm,armv8-timer");
	assert_int_equal(u32_at(g->dtb, "/timer", "interrupts", 1), 13);
	assert_int_equal(u32_at(g->dtb, "/timer", "interrupts", 4), 14);
	assert_int_equal(u32_at(g->dtb, "/timer", "interrupts", 7), 11);
	assert_int_equal(u32_at(g->dtb, "/timer", "interrupts", 10), 10);
	assert_int_equal(u32_at(g->dtb, "/timer", "interrupts", 11), 4);
	fix_free(&g->f);
	free(g);
}

static void test_own_devices_only(void **state)
{
	struct guest *g = calloc(1, sizeof(*g));
	uint32_t clk;

	build(g, 0);
	/* Its devices, copied with their properties, interrupts on the guest GIC. */
	assert_string_equal(str_at(g->dtb, "/virtio_mmio@a000000", "compatible"), "virtio,mmio");
	assert_non_null(
		fdt_getprop(g->dtb, node(g->dtb, "/virtio_mmio@a000000"), "dma-coherent", NULL));
	assert_int_equal(u64_at(g->dtb, "/virtio_mmio@a000000", "reg", 0), 0xa000000);
	assert_int_equal(u64_at(g->dtb, "/virtio_mmio@a000000", "reg", 1), 0x200);
	assert_int_equal(u32_at(g->dtb, "/virtio_mmio@a000000", "interrupts", 1), 0x10);
	assert_int_equal(u32_at(g->dtb, "/virtio_mmio@a000000", "interrupts", 2), 1);
	assert_int_equal(u32_at(g->dtb, "/virtio_mmio@a000000", "interrupt-parent", 0), 1);
	/* The RTC's clock is copied along, and its phandle matches. */
	clk = u32_at(g->dtb, "/pl031@9010000", "clocks", 0);
	assert_int_equal(fdt_node_offset_by_phandle(g->dtb, clk), node(g->dtb, "/apb-pclk"));
	assert_int_equal(u32_at(g->dtb, "/apb-pclk", "clock-frequency", 0), 24000000);
	assert_string_equal(str_at(g->dtb, "/pl031@9010000", "clock-names"), "apb_pclk");
	/* Nothing of the other partition, of Bulkhead, or of the board beyond that. */
	assert_true(fdt_path_offset(g->dtb, "/pl061@9030000") < 0);
	assert_true(fdt_path_offset(g->dtb, "/pl011@9100000") < 0);
	assert_true(fdt_path_offset(g->dtb, "/virtio_mmio@a000200") < 0);
	assert_true(fdt_path_offset(g->dtb, "/smmuv3@9050000") < 0);
	assert_true(fdt_path_offset(g->dtb, "/pcie@10000000") < 0);
	assert_true(fdt_path_offset(g->dtb, "/chosen/bulkhead") < 0);
	assert_true(fdt_path_offset(g->dtb, "/intc@8000000/its@8080000") < 0);
	fix_free(&g->f);
	free(g);
}

static void test_virtual_uart_and_chosen(void **state)
{
	struct guest *g = calloc(1, sizeof(*g));
	const struct layout_partition *p;
	uint32_t clk;

	build(g, 0);
	p = &g->f.l->parts[0];
	assert_true(p->virtual_uart);
	assert_string_equal(str_at(g->dtb, "/pl011@9000000", "compatible"), "arm,pl011");
	assert_int_equal(u64_at(g->dtb, "/pl011@9000000", "reg", 0), LAYOUT_VIRT_UART_IPA);
	assert_int_equal(u32_at(g->dtb, "/pl011@9000000", "interrupts", 0), 0);
	assert_int_equal(u32_at(g->dtb, "/pl011@9000000", "interrupts", 1), 1);
	assert_int_equal(u32_at(g->dtb, "/pl011@9000000", "interrupts", 2), 4);
	clk = u32_at(g->dtb, "/pl011@9000000", "clocks", 0);
	assert_int_equal(clk, u32_at(g->dtb, "/pl031@9010000", "clocks", 0)); /* one apb-pclk */
	assert_int_equal(u32_at(g->dtb, "/pl011@9000000", "clocks", 1), clk);
	assert_string_equal(str_at(g->dtb, "/chosen", "bootargs"), "console=ttyAMA0 rdinit=/init");
	assert_string_equal(str_at(g->dtb, "/chosen", "stdout-path"), "/pl011@9000000");
	assert_string_equal(str_at(g->dtb, "/aliases", "serial0"), "/pl011@9000000");
	assert_int_equal(u64_at(g->dtb, "/chosen", "linux,initrd-start", 0), p->initrd.load_ipa);
	assert_int_equal(u64_at(g->dtb, "/chosen", "linux,initrd-end", 0),
			 p->initrd.load_ipa + 0x100000);
	fix_free(&g->f);
	free(g);
}

static void test_owned_uart_and_bus_device(void **state)
{
	struct guest *g = calloc(1, sizeof(*g));

	build(g, 1);
	assert_false(g->f.l->parts[1].virtual_uart);
	assert_true(fdt_path_offset(g->dtb, "/pl011@9000000") < 0);
	assert_string_equal(str_at(g->dtb, "/chosen", "stdout-path"), "/pl011@9100000");
	assert_int_equal(u32_at(g->dtb, "/pl011@9100000", "interrupts", 1), 8);
	assert_true(fdt_getprop(g->dtb, node(g->dtb, "/chosen"), "bootargs", NULL) == NULL);
	assert_true(fdt_getprop(g->dtb, node(g->dtb, "/chosen"), "linux,initrd-start", NULL) ==
		    NULL);
	/* A device behind a bus: at the root, named and mapped by its physical address. */
	assert_int_equal(u64_at(g->dtb, "/dev@9202000", "reg", 0), 0x9202000);
	assert_int_equal(u64_at(g->dtb, "/dev@9202000", "reg", 1), 0x100);
	assert_int_equal(u32_at(g->dtb, "/dev@9202000", "interrupts", 1), 60);
	assert_true(fdt_path_offset(g->dtb, "/soc") < 0);
	assert_true(fdt_path_offset(g->dtb, "/virtio_mmio@a000000") < 0);
	assert_int_equal(u64_at(g->dtb, "/intc@8000000", "reg", 3), LAYOUT_VIRT_GICR_STRIDE);
	fix_free(&g->f);
	free(g);
}

/* Every partition gets the emulated SBSA watchdog (Linux's arm,sbsa-gwdt binding). */
static void test_watchdog(void **state)
{
	for (uint32_t part = 0; part < 2; part++) {
		struct guest *g = calloc(1, sizeof(*g));
		const char *wdt = "/watchdog@b001000";
		int len;

		build(g, part);
		assert_string_equal(str_at(g->dtb, wdt, "compatible"), "arm,sbsa-gwdt");
		/* reg[0] the control frame, reg[1] the refresh frame; 2/2 cells. */
		assert_non_null(fdt_getprop(g->dtb, node(g->dtb, wdt), "reg", &len));
		assert_int_equal(len, 32);
		assert_int_equal(u64_at(g->dtb, wdt, "reg", 0), 0x0b001000);
		assert_int_equal(u64_at(g->dtb, wdt, "reg", 1), 0x1000);
		assert_int_equal(u64_at(g->dtb, wdt, "reg", 2), 0x0b000000);
		assert_int_equal(u64_at(g->dtb, wdt, "reg", 3), 0x1000);
		assert_int_equal(LAYOUT_VIRT_WDT_IPA, 0x0b000000);
		assert_int_equal(LAYOUT_VIRT_WDT_SIZE, 0x2000);
		/* WS0: SPI 120, level high, on the guest GIC. */
		assert_non_null(fdt_getprop(g->dtb, node(g->dtb, wdt), "interrupts", &len));
		assert_int_equal(len, 12);
		assert_int_equal(u32_at(g->dtb, wdt, "interrupts", 0), 0);
		assert_int_equal(u32_at(g->dtb, wdt, "interrupts", 1), 120);
		assert_int_equal(u32_at(g->dtb, wdt, "interrupts", 2), 4);
		assert_int_equal(u32_at(g->dtb, wdt, "interrupt-parent", 0), 1);
		assert_int_equal(u32_at(g->dtb, wdt, "timeout-sec", 0), 10);
		fix_free(&g->f);
		free(g);
	}
}

static void test_deterministic(void **state)
{
	struct guest *g = calloc(1, sizeof(*g));
	char *again = malloc(GUEST_BUF);

	build(g, 0);
	memset(again, 0xa5, GUEST_BUF);
	assert_int_equal(guest_dt_build(g->f.l, &g->f.l->parts[0], again, GUEST_BUF), 0);
	assert_int_equal(fdt_totalsize(again), fdt_totalsize(g->dtb));
	assert_memory_equal(again, g->dtb, fdt_totalsize(g->dtb));
	fix_free(&g->f);
	free(again);
	free(g);
}

static void test_no_room(void **state)
{
	struct guest *g = calloc(1, sizeof(*g));

	build(g, 0);
	assert_int_equal(guest_dt_build(g->f.l, &g->f.l->parts[0], g->dtb, 512), -ENOSPC);
	assert_int_equal(guest_dt_build(g->f.l, &g->f.l->parts[0], g->dtb, 8), -EINVAL);
	fix_free(&g->f);
	free(g);
}

/* Two partitions and a channel: linux rw with a doorbell at the default address, rtos ro. */
static const char *const channel_dts =
	BH_HEAD "linux: linux { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
		" memory = <0 0x48000000 0 0x4000000>; kernel = <&img0>; };\n"
		"rtos: rtos { compatible = \"bulkhead,partition\"; cpus = <&cpu1>;"
		" memory = <0 0x58000000 0 0x4000000>; kernel = <&img0>; };\n"
		"channel-stats { compatible = \"bulkhead,channel\"; reg = <0 0x5c000000 0 0x10000>;"
		" a { partition = <&linux>; doorbell; };"
		" b { partition = <&rtos>; access = \"ro\"; guest-address = <0 0x70000000>; }; "
		"};\n" BH_TAIL;

static void test_channel_nodes(void **state)
{
	struct guest *g = calloc(1, sizeof(*g));
	const char *ch = "/channel@44000000";
	int len;

	(void)state;
	assert_int_equal(fix_load(&g->f, channel_dts), 0);
	assert_no_errors(&g->f);
	assert_int_equal(guest_dt_build(g->f.l, &g->f.l->parts[0], g->dtb, sizeof(g->dtb)), 0);
	/* The default address: just after the guest's RAM (0x40000000 + 64 MiB). */
	assert_string_equal(str_at(g->dtb, ch, "compatible"), "bulkhead,channel");
	assert_true(u64_at(g->dtb, ch, "reg", 0) == 0x44000000);
	assert_true(u64_at(g->dtb, ch, "reg", 1) == 0x10000);
	assert_true(u64_at(g->dtb, ch, "reg", 2) == 0x44010000); /* the doorbell page */
	assert_true(u64_at(g->dtb, ch, "reg", 3) == 0x1000);
	assert_int_equal(u32_at(g->dtb, ch, "interrupts", 0), 0);
	assert_int_equal(u32_at(g->dtb, ch, "interrupts", 1), CHANNEL_SPI_FIRST);
	assert_int_equal(u32_at(g->dtb, ch, "interrupts", 2), 1);
	assert_int_equal(u32_at(g->dtb, ch, "bulkhead,endpoint", 0), 0);
	assert_string_equal(str_at(g->dtb, ch, "bulkhead,peer"), "rtos");
	assert_string_equal(str_at(g->dtb, ch, "label"), "stats");
	assert_null(fdt_getprop(g->dtb, node(g->dtb, ch), "read-only", &len));

	assert_int_equal(guest_dt_build(g->f.l, &g->f.l->parts[1], g->dtb, sizeof(g->dtb)), 0);
	ch = "/channel@70000000";
	assert_true(u64_at(g->dtb, ch, "reg", 0) == 0x70000000);
	assert_int_equal(u32_at(g->dtb, ch, "bulkhead,endpoint", 0), 1);
	assert_non_null(fdt_getprop(g->dtb, node(g->dtb, ch), "read-only", &len));
	assert_null(fdt_getprop(g->dtb, node(g->dtb, ch), "interrupts", &len)); /* no doorbell */
	fdt_getprop(g->dtb, node(g->dtb, ch), "reg", &len);
	assert_int_equal(len, 16); /* the region only */
	fix_free(&g->f);
	free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root_cpus_memory),
		cmocka_unit_test(test_psci_gic_timer),
		cmocka_unit_test(test_own_devices_only),
		cmocka_unit_test(test_virtual_uart_and_chosen),
		cmocka_unit_test(test_owned_uart_and_bus_device),
		cmocka_unit_test(test_watchdog),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_no_room),
		cmocka_unit_test(test_channel_nodes),
	};

	return cmocka_run_group_tests_name("guest_dt", tests, NULL, NULL);
}
