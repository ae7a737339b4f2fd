// SPDX-License-Identifier: GPL-2.0-only
/*
 * Channel endpoints with interface = "pci" (partitions/channel_pci.c,
 * partitions/guest_dt_pci.c): device numbers, the default guest address
 * aligned to the BAR's size, the ECAM window among the partition's windows,
 * Normal Non-cacheable for the channel, and the guest tree's host bridge
 * (ranges, interrupt-map, linux,pci-probe-only). The rules' error messages
 * are the invalid-DT corpus's (tests/invalid-dt/channel-pci-*.dts).
 */
#include "layout_fixture.h"

#include <partitions/channel.h>
#include <partitions/dt.h>

#define GUEST_BUF 0x10000

/* p0 (64 MiB at 0x50000000) and p1 (64 MiB at 0x54000000), guest RAM at 0x40000000. */
#define TWO                                                                                        \
	"p0: p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"                            \
	" memory = <0 0x50000000 0 0x4000000>; kernel = <&img0>; };\n"                             \
	"p1: p1 { compatible = \"bulkhead,partition\"; cpus = <&cpu1>;"                            \
	" memory = <0 0x54000000 0 0x4000000>; kernel = <&img0>; };\n"

#define PCI_CHAN(name, size)                                                                       \
	"channel-" name " { compatible = \"bulkhead,channel\"; size = <0 " size ">;"               \
	" a { partition = <&p0>; doorbell; };"                                                     \
	" b { partition = <&p1>; doorbell; interface = \"pci\"; }; };\n"

#define LAYOUT                                                                                     \
	TWO PCI_CHAN("x", "0x10000") "channel-plain { compatible = \"bulkhead,channel\"; "         \
				     "size = <0 0x4000>; a { partition = <&p0>; doorbell; };"      \
				     " b { partition = <&p1>; doorbell; }; };\n" PCI_CHAN(         \
					     "big", "0x400000")

struct guest {
	struct fixture f;
	char dtb[GUEST_BUF];
};

static struct guest g;

static const uint32_t *prop(const void *fdt, const char *path, const char *name, int *len)
{
	int node = fdt_path_offset(fdt, path);
	const uint32_t *v;

	if (node < 0)
		fail_msg("no node %s", path);
	v = fdt_getprop(fdt, node, name, len);
	if (v == NULL)
		fail_msg("no %s in %s", name, path);
	return v;
}

static uint32_t cell(const uint32_t *v, int i)
{
	return fdt32_to_cpu(v[i]);
}

static void test_numbers_and_placement(void **state)
{
	const struct layout *l;

	(void)state;
	load_valid(&g.f, LAYOUT);
	l = g.f.l;
	assert_true(l->parts[1].vpci && !l->parts[0].vpci);
	assert_true(l->channels[0].ep[1].pci && !l->channels[0].ep[0].pci);
	assert_int_equal(l->channels[0].ep[1].pci_dev, 0);
	assert_int_equal(l->channels[2].ep[1].pci_dev, 1); /* the plain channel takes none */
	/* After p1's RAM (0x44000000): x, plain, then big at a 4 MiB multiple (its BAR's size). */
	assert_true(l->channels[0].ep[1].ipa == 0x44000000);
	assert_true(l->channels[2].ep[1].ipa == 0x44400000);
	/* The whole channel is Non-cacheable (both endpoints) when one endpoint is PCI. */
	assert_true(channel_uncached(&l->channels[0]) && !channel_uncached(&l->channels[1]));
	fix_free(&g.f);
}

static void test_ecam_is_a_guest_window(void **state)
{
	struct guest_window w[GUEST_WINDOWS_MAX];
	uint32_t n;
	bool found = false;

	(void)state;
	load_valid(&g.f, LAYOUT);
	n = guest_windows(&g.f.l->parts[1], w);
	for (uint32_t i = 0; i < n; i++)
		found = found ||
			(w[i].base == CHANNEL_PCI_ECAM_IPA && w[i].size == CHANNEL_PCI_ECAM_SIZE);
	assert_true(found);
	n = guest_windows(&g.f.l->parts[0], w);
	for (uint32_t i = 0; i < n; i++)
		assert_true(w[i].base != CHANNEL_PCI_ECAM_IPA);
	fix_free(&g.f);
}

static void build(uint32_t part)
{
	assert_int_equal(fix_load(&g.f, BH_HEAD LAYOUT BH_TAIL), 0);
	assert_no_errors(&g.f);
	assert_int_equal(guest_dt_build(g.f.l, &g.f.l->parts[part], g.dtb, sizeof(g.dtb)), 0);
}

static void test_guest_tree_host_bridge(void **state)
{
	const char *pci = "/pci@b100000";
	const uint32_t *v;
	int len = 0;

	(void)state;
	build(1);
	assert_string_equal(fdt_getprop(g.dtb, fdt_path_offset(g.dtb, pci), "compatible", NULL),
			    "pci-host-ecam-generic");
	assert_string_equal(fdt_getprop(g.dtb, fdt_path_offset(g.dtb, pci), "device_type", NULL),
			    "pci");
	v = prop(g.dtb, pci, "reg", &len);
	assert_int_equal(len, 16);
	assert_int_equal(cell(v, 1), CHANNEL_PCI_ECAM_IPA);
	assert_int_equal(cell(v, 3), CHANNEL_PCI_ECAM_SIZE);
	v = prop(g.dtb, pci, "bus-range", &len);
	assert_true(len == 8 && cell(v, 0) == 0 && cell(v, 1) == 0);
	v = prop(g.dtb, pci, "linux,pci-domain", &len);
	assert_int_equal(cell(v, 0), CHANNEL_PCI_DOMAIN_MIN);
	/* Per function: BAR0's 32-bit window, BAR2's 64-bit prefetchable one (7 cells each). */
	v = prop(g.dtb, pci, "ranges", &len);
	assert_int_equal(len, 4 * 7 * 4);
	assert_int_equal(cell(v, 0), 0x02000000);
	assert_true(cell(v, 2) == 0x44010000 && cell(v, 4) == 0x44010000 && cell(v, 6) == 0x1000);
	assert_int_equal(cell(v, 7), 0x43000000);
	assert_true(cell(v, 9) == 0x44000000 && cell(v, 11) == 0x44000000 &&
		    cell(v, 13) == 0x10000);
	assert_true(cell(v, 14) == 0x02000000 && cell(v, 16) == 0x44800000);
	assert_true(cell(v, 21) == 0x43000000 && cell(v, 23) == 0x44400000);
	/* INTA of device n -> its doorbell SPI, level high, on the guest's GIC (phandle 1). */
	v = prop(g.dtb, pci, "interrupt-map", &len);
	assert_int_equal(len, 2 * 8 * 4);
	assert_true(cell(v, 0) == 0 && cell(v, 3) == 1 && cell(v, 4) == 1 && cell(v, 5) == 0);
	assert_int_equal(cell(v, 6), g.f.l->channels[0].ep[1].spi);
	assert_int_equal(cell(v, 7), 4);
	assert_true(cell(v, 8) == (1U << 11) && cell(v, 14) == g.f.l->channels[2].ep[1].spi);
	v = prop(g.dtb, pci, "interrupt-map-mask", &len);
	assert_true(len == 16 && cell(v, 0) == 0xf800 && cell(v, 3) == 7);
	v = prop(g.dtb, "/chosen", "linux,pci-probe-only", &len);
	assert_int_equal(cell(v, 0), 1);
	/* The channel node: no interrupts of its own (INTA is), its device number. */
	v = prop(g.dtb, "/channel@44400000", "bulkhead,pci-device", &len);
	assert_int_equal(cell(v, 0), 1);
	assert_null(fdt_getprop(g.dtb, fdt_path_offset(g.dtb, "/channel@44400000"), "interrupts",
				NULL));
	/* The plain channel keeps its edge SPI. */
	assert_non_null(fdt_getprop(g.dtb, fdt_path_offset(g.dtb, "/channel@44200000"),
				    "interrupts", NULL));
	fix_free(&g.f);
}

static void test_no_bridge_without_pci_endpoint(void **state)
{
	(void)state;
	build(0);
	assert_true(fdt_path_offset(g.dtb, "/pci@b100000") < 0);
	assert_null(fdt_getprop(g.dtb, fdt_path_offset(g.dtb, "/chosen"), "linux,pci-probe-only",
				NULL));
	assert_non_null(fdt_getprop(g.dtb, fdt_path_offset(g.dtb, "/channel@44000000"),
				    "interrupts", NULL));
	fix_free(&g.f);
}

/* A passed-through host bridge that claims domain 0x100: the emulated one takes the next. */
static void test_domain_past_a_passed_through_bridge(void **state)
{
	int len = 0;
	const uint32_t *v;

	(void)state;
	assert_int_equal(fix_load(&g.f,
				  "&pcie { linux,pci-domain = <0x100>; };\n" BH_HEAD
				  "p0: p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
				  " memory = <0 0x50000000 0 0x4000000>; kernel = <&img0>; };\n"
				  "p1: p1 { compatible = \"bulkhead,partition\"; cpus = <&cpu1>;"
				  " memory = <0 0x54000000 0 0x4000000>; kernel = <&img0>;"
				  " devices = <&pcie>; };\n" PCI_CHAN("x", "0x10000") BH_TAIL),
			 0);
	assert_no_errors(&g.f);
	assert_int_equal(guest_dt_build(g.f.l, &g.f.l->parts[1], g.dtb, sizeof(g.dtb)), 0);
	v = prop(g.dtb, "/pci@b100000", "linux,pci-domain", &len);
	assert_int_equal(cell(v, 0), CHANNEL_PCI_DOMAIN_MIN + 1U);
	v = prop(g.dtb, "/pcie@4010000000", "linux,pci-domain", &len);
	assert_int_equal(cell(v, 0), CHANNEL_PCI_DOMAIN_MIN);
	fix_free(&g.f);
}

static void test_printed(void **state)
{
	(void)state;
	load_valid(&g.f, LAYOUT);
	fix_print_clear();
	layout_print_channels(g.f.l, fix_print_sink);
	assert_printed("PCI device 1 of the emulated host bridge (ECAM ipa 0xb100000");
	fix_print_clear();
	layout_print(g.f.l, fix_print_sink);
	assert_printed("  pci: emulated host bridge, ECAM at ipa 0xb100000");
	/* p1 only: p0 has no PCI endpoint. */
	assert_null(strstr(strstr(fix_printed(), "pci: emulated") + 1, "pci: emulated"));
	fix_free(&g.f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers_and_placement),
		cmocka_unit_test(test_ecam_is_a_guest_window),
		cmocka_unit_test(test_guest_tree_host_bridge),
		cmocka_unit_test(test_no_bridge_without_pci_endpoint),
		cmocka_unit_test(test_domain_past_a_passed_through_bridge),
		cmocka_unit_test(test_printed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
