// SPDX-License-Identifier: GPL-2.0-only
/*
 * layout_parse_streams() and layout_validate_streams() (partitions/streams.c):
 * the SMMU node and the stream IDs of partition devices, from DTBs built at
 * test time (qemu-virt.dtsi + snippets, see layout_fixture.h). Each error test
 * asserts the node, the property and the message.
 *
 * The loader runs layout_parse() and layout_validate() and then the stream
 * functions itself, so the tests hold whether or not layout_parse/validate
 * already call them (they are idempotent; an error may then be listed twice).
 */
#include "layout_fixture.h"

#include <errno.h>

#include <smmu/streams.h>

/* A partition named @name on core @cpu with 64 MiB at @mem owning @devs. */
#define PD(name, cpu, mem, devs)                                                                   \
	name " { compatible = \"bulkhead,partition\"; cpus = <&" cpu ">;"                          \
	     " memory = <0 " mem " 0 0x4000000>; devices = <" devs ">; kernel = <&img0>; };\n"

/* Board additions: a DMA-capable platform device with stream ID @sids. */
#define DMA_DEV(label, addr, iommus)                                                               \
	"/ { " label ": dma@" addr " { compatible = \"test,dma\"; reg = <0 0x" addr " 0 0x1000>;"  \
	" iommus = <" iommus ">; }; };\n"

static int load(struct fixture *f, const char *extra, const char *parts)
{
	char *dts = malloc(strlen(extra) + strlen(parts) + 4096);

	assert_non_null(dts);
	sprintf(dts, "%s\n" BH_HEAD "%s" BH_TAIL, extra, parts);
	memset(f, 0, sizeof(*f));
	f->d.report = fix_report;
	f->d.ctx = f;
	f->l = calloc(1, sizeof(*f->l));
	f->fdt = fix_compile(dts);
	free(dts);
	assert_non_null(f->l);
	assert_non_null(f->fdt);
	layout_parse(f->l, f->fdt, &f->d);
	layout_parse_streams(f->l, &f->d);
	layout_validate(f->l, NULL, &f->d);
	layout_validate_streams(f->l, &f->d);
	return f->d.errors ? -EINVAL : 0;
}

static void expect(const char *extra, const char *parts, const char *fragment)
{
	struct fixture f;

	assert_int_not_equal(load(&f, extra, parts), 0);
	assert_error(&f, fragment);
	fix_free(&f);
}

static void test_smmu_node(void **state)
{
	struct fixture f;

	assert_int_equal(load(&f, "", PD("p", "cpu0", "0x48000000", "&gpio")), 0);
	assert_no_errors(&f);
	assert_true(f.l->smmu_node >= 0);
	assert_int_equal(f.l->smmu_base, 0x9050000);
	assert_int_equal(f.l->smmu_size, 0x20000);
	assert_int_equal(f.l->smmu_evtq_intid, 32 + 0x4a);
	assert_int_equal(f.l->smmu_gerror_intid, 32 + 0x4d);
	assert_int_equal(f.l->parts[0].devices[0].nstreams, 0); /* the GPIO does no DMA */
	fix_free(&f);
}

static void test_pci_host_bridge_gets_whole_segment(void **state)
{
	struct fixture f;
	const struct layout_device *dev;

	assert_int_equal(load(&f, "", PD("linux", "cpu0", "0x48000000", "&pcie")), 0);
	assert_no_errors(&f);
	dev = &f.l->parts[0].devices[0];
	assert_string_equal(dev->path, "/pcie@10000000");
	assert_int_equal(dev->nstreams, 1);
	assert_int_equal(dev->streams[0].base, 0);
	assert_int_equal(dev->streams[0].count, 0x10000);

	/* Idempotent: a second run gives the same. */
	assert_int_equal(layout_parse_streams(f.l, &f.d), 0);
	assert_int_equal(dev->nstreams, 1);
	assert_int_equal(dev->streams[0].count, 0x10000);
	fix_free(&f);
}

static void test_overlapping_partitions(void **state)
{
	expect(DMA_DEV("dma0", "9100000", "&smmu 0x8"),
	       PD("a", "cpu0", "0x48000000", "&pcie") PD("b", "cpu1", "0x50000000", "&dma0"),
	       "/dma@9100000: iommus: stream IDs 0x8-0x8 of partition 'b' overlap stream IDs "
	       "0x0-0xffff of /pcie@10000000 (partition 'a')");
}

static void test_overlapping_maps(void **state)
{
	/* Two partitions, two maps: [0x100, 0x200) and [0x1f0, 0x1f8). */
	expect("&pcie { iommu-map = <0 &smmu 0x100 0x100>; };\n"
	       "/ { pcie2: pcie@20000000 { device_type = \"pci\"; reg = <0x40 0x20000000 0 0x1000>;"
	       " iommu-map = <0 &smmu 0x1f0 0x8>; }; };\n",
	       PD("a", "cpu0", "0x48000000", "&pcie") PD("b", "cpu1", "0x50000000", "&pcie2"),
	       "/pcie@20000000: iommu-map: stream IDs 0x1f0-0x1f7 of partition 'b' overlap stream "
	       "IDs 0x100-0x1ff of /pcie@10000000 (partition 'a')");
}

static void test_disjoint_partitions(void **state)
{
	struct fixture f;

	assert_int_equal(
		load(&f,
		     "&pcie { iommu-map = <0 &smmu 0 0x100>; };\n" DMA_DEV("dma0", "9100000",
									   "&smmu 0x100"),
		     PD("a", "cpu0", "0x48000000", "&pcie") PD("b", "cpu1", "0x50000000", "&dma0")),
		0);
	assert_no_errors(&f);
	assert_int_equal(f.l->parts[1].devices[0].streams[0].base, 0x100);
	assert_int_equal(f.l->parts[1].devices[0].streams[0].count, 1);
	fix_free(&f);
}

static void test_same_partition_may_share(void **state)
{
	struct fixture f;

	/* Two devices of one partition sharing stream 8: no isolation issue. */
	assert_int_equal(load(&f, DMA_DEV("dma0", "9100000", "&smmu 0x8"),
			      PD("a", "cpu0", "0x48000000", "&pcie &dma0")),
			 0);
	assert_no_errors(&f);
	fix_free(&f);
}

static void test_pci_without_iommu_map(void **state)
{
	expect("&pcie { /delete-property/ iommu-map; };\n", PD("a", "cpu0", "0x48000000", "&pcie"),
	       "/pcie@10000000: iommu-map: DMA-capable device has no stream IDs: a PCI host "
	       "bridge needs an iommu-map to the SMMU");
}

static void test_iommus_not_the_smmu(void **state)
{
	expect(DMA_DEV("dma0", "9100000", "&gpio 3"), PD("a", "cpu0", "0x48000000", "&dma0"),
	       "/dma@9100000: iommus: entry 0: /pl061@9030000 is not the SMMU Bulkhead drives "
	       "(/smmuv3@9050000)");
}

static void test_no_smmu_in_tree(void **state)
{
	const char *no_smmu = "&pcie { /delete-property/ iommu-map; };\n/delete-node/ &smmu;\n";
	struct fixture f;

	/* No SMMU and nothing that needs one: fine, and nothing to drive. */
	assert_int_equal(load(&f, no_smmu, PD("a", "cpu0", "0x48000000", "&gpio")), 0);
	assert_no_errors(&f);
	assert_int_equal(f.l->smmu_node, -1);
	assert_int_equal(f.l->smmu_size, 0);
	assert_int_equal(f.l->smmu_evtq_intid, 0);
	fix_free(&f);

	expect("/delete-node/ &pcie;\n/delete-node/ &smmu;\n"
	       "/ { fake: iommu@9200000 { reg = <0 0x9200000 0 0x1000>; #iommu-cells = <1>; }; "
	       "};\n" DMA_DEV("dma0", "9100000", "&fake 2"),
	       PD("a", "cpu0", "0x48000000", "&dma0"),
	       "/dma@9100000: iommus: entry 0: /iommu@9200000 is not an SMMUv3 (\"arm,smmu-v3\"): "
	       "Bulkhead cannot confine this device's DMA");
}

static void test_iommus_merged(void **state)
{
	struct fixture f;
	const struct layout_device *dev;

	assert_int_equal(load(&f, DMA_DEV("dma0", "9100000", "&smmu 4 &smmu 5 &smmu 9 &smmu 3"),
			      PD("a", "cpu0", "0x48000000", "&dma0")),
			 0);
	assert_no_errors(&f);
	dev = &f.l->parts[0].devices[0];
	assert_int_equal(dev->nstreams, 2);
	for (uint32_t i = 0; i < 2; i++) {
		if (dev->streams[i].base == 3)
			assert_int_equal(dev->streams[i].count, 3); /* 3, 4, 5 */
		else
			assert_true(dev->streams[i].base == 9 && dev->streams[i].count == 1);
	}
	fix_free(&f);
}

static void test_too_many_ranges(void **state)
{
	expect(DMA_DEV("dma0", "9100000", "&smmu 1 &smmu 3 &smmu 5 &smmu 7 &smmu 9"),
	       PD("a", "cpu0", "0x48000000", "&dma0"),
	       "/dma@9100000: iommus: more than 4 separate stream ID ranges");
}

static void test_stream_id_beyond_table(void **state)
{
	expect(DMA_DEV("dma0", "9100000", "&smmu 0x10000"), PD("a", "cpu0", "0x48000000", "&dma0"),
	       "/dma@9100000: iommus: entry 0: stream IDs 0x10000-0x10000: Bulkhead's stream "
	       "table covers stream IDs 0-0xffff only");
	expect("&pcie { iommu-map = <0 &smmu 0xff00 0x200>; };\n",
	       PD("a", "cpu0", "0x48000000", "&pcie"),
	       "/pcie@10000000: iommu-map: entry 0: stream IDs 0xff00-0x100ff");
}

static void test_malformed_iommu_map(void **state)
{
	expect("&pcie { iommu-map = <0 &smmu 0 0>; };\n", PD("a", "cpu0", "0x48000000", "&pcie"),
	       "/pcie@10000000: iommu-map: entry 0: stream ID range of length 0");
	expect("&pcie { iommu-map = <0 &smmu 0 0x10 0x10 &smmu 0x10>; };\n",
	       PD("a", "cpu0", "0x48000000", "&pcie"),
	       "/pcie@10000000: iommu-map: entry 1 is truncated");
	expect("&pcie { iommu-map = [00]; };\n", PD("a", "cpu0", "0x48000000", "&pcie"),
	       "/pcie@10000000: iommu-map: must be a non-empty list");
	expect("&pcie { iommu-map = <0 0xdead 0 0x10>; };\n",
	       PD("a", "cpu0", "0x48000000", "&pcie"),
	       "/pcie@10000000: iommu-map: entry 0: phandle 0xdead names no node");
}

static void test_iommu_cells(void **state)
{
	expect("&smmu { #iommu-cells = <2>; };\n", PD("a", "cpu0", "0x48000000", "&pcie"),
	       "/pcie@10000000: iommu-map: entry 0: /smmuv3@9050000: #iommu-cells must be 1");
}

static void test_smmu_reg_too_small(void **state)
{
	expect("&smmu { reg = <0 0x9050000 0 0x10000>; };\n",
	       PD("a", "cpu0", "0x48000000", "&gpio"),
	       "/smmuv3@9050000: reg: 0x10000 bytes: must cover both 64 KiB register pages");
}

static void test_smmu_combined_irq(void **state)
{
	struct fixture f;

	assert_int_equal(
		load(&f, "&smmu { interrupt-names = \"combined\"; interrupts = <0 0x50 1>; };\n",
		     PD("a", "cpu0", "0x48000000", "&gpio")),
		0);
	assert_no_errors(&f);
	assert_int_equal(f.l->smmu_evtq_intid, 32 + 0x50);
	assert_int_equal(f.l->smmu_gerror_intid, 32 + 0x50);
	fix_free(&f);
}

static void test_smmu_irq_not_spi(void **state)
{
	expect("&smmu { interrupts = <0 0x4a 1 0 0x4b 1 0 0x4c 1 1 0x4d 1>; };\n",
	       PD("a", "cpu0", "0x48000000", "&gpio"),
	       "/smmuv3@9050000: interrupts: \"gerror\" must be an SPI (type 1 number 77)");
	expect("&smmu { interrupts = <0 0x4a 1>; };\n", PD("a", "cpu0", "0x48000000", "&gpio"),
	       "/smmuv3@9050000: interrupts: no specifier for \"gerror\" (interrupt-names entry "
	       "3)");
}

/*
 * The PCIe host bridge as a partition device (partitions/parse_dev.c,
 * guest_dt.c): ECAM from reg, its three windows from ranges (mapped like reg,
 * kept out of the guest's reg), the SPIs of its interrupt-map (INTx).
 */
static void test_pci_host_bridge_windows_and_intx(void **state)
{
	struct fixture f;
	const struct layout_device *dev;

	assert_int_equal(load(&f, "", PD("linux", "cpu0", "0x48000000", "&pcie")), 0);
	assert_no_errors(&f);
	dev = &f.l->parts[0].devices[0];
	assert_int_equal(dev->nregs, 4);
	assert_int_equal(dev->nwindows, 3);
	assert_int_equal(dev->regs[0].base, 0x4010000000ULL); /* ECAM */
	assert_int_equal(dev->regs[0].size, 0x10000000);
	assert_int_equal(dev->regs[1].base, 0x3eff0000); /* I/O */
	assert_int_equal(dev->regs[1].size, 0x10000);
	assert_int_equal(dev->regs[2].base, 0x10000000); /* 32-bit memory */
	assert_int_equal(dev->regs[2].size, 0x2eff0000);
	assert_int_equal(dev->regs[3].base, 0x8000000000ULL); /* 64-bit memory */
	assert_int_equal(dev->regs[3].size, 0x8000000000ULL);
	/* INTA..INTD of the four slots: SPIs 3..6, level, each once. */
	assert_int_equal(dev->nirqs, 4);
	assert_int_equal(dev->nmap_irqs, 4);
	for (uint32_t i = 0; i < 4; i++) {
		assert_int_equal(dev->irqs[i], 32 + 3 + i);
		assert_int_equal(dev->irq_flags[i], 4);
	}
	fix_free(&f);
}

static void test_pci_host_bridge_guest_dt(void **state)
{
	static uint8_t dtb[64 * 1024];
	struct fixture f;
	const fdt32_t *map, *ranges, *board_ranges, *reg;
	int node, board, len, blen;

	assert_int_equal(load(&f, "", PD("linux", "cpu0", "0x48000000", "&pcie")), 0);
	assert_int_equal(guest_dt_build(f.l, &f.l->parts[0], dtb, sizeof(dtb)), 0);
	node = fdt_path_offset(dtb, "/pcie@4010000000");
	assert_true(node >= 0);
	reg = fdt_getprop(dtb, node, "reg", &len); /* ECAM only, 2/2 cells */
	assert_int_equal(len, 16);
	assert_int_equal(fdt32_to_cpu(reg[0]), 0x40);
	assert_int_equal(fdt32_to_cpu(reg[1]), 0x10000000);
	assert_int_equal(fdt32_to_cpu(reg[3]), 0x10000000);
	assert_null(fdt_getprop(dtb, node, "interrupts", NULL));
	assert_null(fdt_getprop(dtb, node, "msi-map", NULL)); /* no ITS doorbell: INTx only */
	assert_null(fdt_getprop(dtb, node, "iommu-map", NULL));
	assert_non_null(fdt_getprop(dtb, node, "interrupt-map-mask", NULL));
	/* ranges as on the board: the windows are mapped 1:1. */
	board = fdt_path_offset(f.fdt, "/pcie@10000000");
	board_ranges = fdt_getprop(f.fdt, board, "ranges", &blen);
	ranges = fdt_getprop(dtb, node, "ranges", &len);
	assert_int_equal(len, blen);
	assert_memory_equal(ranges, board_ranges, (size_t)len);
	/* interrupt-map: 16 entries of child address (3) + pin (1) + GIC (1) + SPI (3). */
	map = fdt_getprop(dtb, node, "interrupt-map", &len);
	assert_non_null(map);
	assert_int_equal(len, 16 * 8 * 4);
	/* Entry 0: 00:00.0 INTA -> guest GIC (phandle 1, no unit address) SPI 3 level. */
	assert_int_equal(fdt32_to_cpu(map[3]), 1);
	assert_int_equal(fdt32_to_cpu(map[4]), 1);
	assert_int_equal(fdt32_to_cpu(map[5]), 0);
	assert_int_equal(fdt32_to_cpu(map[6]), 3);
	assert_int_equal(fdt32_to_cpu(map[7]), 4);
	/* Entry 5: slot 1 (0x800) INTB -> SPI 5. */
	assert_int_equal(fdt32_to_cpu(map[40]), 0x800);
	assert_int_equal(fdt32_to_cpu(map[43]), 2);
	assert_int_equal(fdt32_to_cpu(map[44]), 1);
	assert_int_equal(fdt32_to_cpu(map[46]), 5);
	/* The guest GIC that phandle 1 names has no unit address cells. */
	node = fdt_node_offset_by_phandle(dtb, 1);
	assert_true(node >= 0);
	assert_int_equal(
		fdt32_to_cpu(*(const fdt32_t *)fdt_getprop(dtb, node, "#address-cells", NULL)), 0);
	fix_free(&f);
}

static void test_pci_window_rules(void **state)
{
	/* Guest RAM over the 32-bit window. */
	expect("",
	       "a { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
	       " memory = <0 0x48000000 0 0x4000000>; guest-address = <0 0x20000000>;"
	       " devices = <&pcie>; kernel = <&img0>; };\n",
	       "guest RAM 0x20000000-0x23ffffff overlaps device /pcie@10000000 "
	       "(0x10000000-0x3efeffff");
	/* A window shared with another partition's device. */
	expect("/ { dma0: dma@20000000 { compatible = \"test,dma\"; reg = <0 0x20000000 0 0x1000>;"
	       " }; };\n",
	       PD("a", "cpu0", "0x48000000", "&pcie") PD("b", "cpu1", "0x50000000", "&dma0"),
	       "/chosen/bulkhead/b: devices: /dma@20000000 shares the 4 KiB page 0x20000000 with "
	       "/pcie@10000000 of partition 'a'");
	/* INTx SPIs are the bridge's partition's. */
	expect("/ { dma0: dma@9100000 { compatible = \"test,dma\"; reg = <0 0x9100000 0 0x1000>;"
	       " interrupts = <0 4 4>; }; };\n",
	       PD("a", "cpu0", "0x48000000", "&pcie") PD("b", "cpu1", "0x50000000", "&dma0"),
	       "/dma@9100000: INTID 36 is also used by /pcie@10000000 of partition 'a'");
	expect("&pcie { interrupt-map = <0 0 0 1 &gpio 0 0 0 3 4>; };\n",
	       PD("a", "cpu0", "0x48000000", "&pcie"), "/pcie@10000000: interrupt-map:");
	expect("&pcie { interrupt-map = <0 0 0 1 &gic 0 0 1 3 4>; };\n",
	       PD("a", "cpu0", "0x48000000", "&pcie"),
	       "/pcie@10000000: interrupt-map: PPI 3 is per-core");
	expect("&pcie { ranges = <0x2000000 0 0x10000000 0 0x10000000 0 0>; };\n",
	       PD("a", "cpu0", "0x48000000", "&pcie"),
	       "/pcie@10000000: ranges: window 0: size 0 or wraps around");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_smmu_node),
		cmocka_unit_test(test_pci_host_bridge_gets_whole_segment),
		cmocka_unit_test(test_overlapping_partitions),
		cmocka_unit_test(test_overlapping_maps),
		cmocka_unit_test(test_disjoint_partitions),
		cmocka_unit_test(test_same_partition_may_share),
		cmocka_unit_test(test_pci_without_iommu_map),
		cmocka_unit_test(test_iommus_not_the_smmu),
		cmocka_unit_test(test_no_smmu_in_tree),
		cmocka_unit_test(test_iommus_merged),
		cmocka_unit_test(test_too_many_ranges),
		cmocka_unit_test(test_stream_id_beyond_table),
		cmocka_unit_test(test_malformed_iommu_map),
		cmocka_unit_test(test_iommu_cells),
		cmocka_unit_test(test_smmu_reg_too_small),
		cmocka_unit_test(test_smmu_combined_irq),
		cmocka_unit_test(test_smmu_irq_not_spi),
		cmocka_unit_test(test_pci_host_bridge_windows_and_intx),
		cmocka_unit_test(test_pci_host_bridge_guest_dt),
		cmocka_unit_test(test_pci_window_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
