// SPDX-License-Identifier: GPL-2.0-only
/*
 * layout_parse(): the system device tree to struct layout, and every rule the
 * parser enforces (one test each, asserting node, property and message).
 */
#include "layout_fixture.h"

/* virtio-mmio masters DMA: confined here by a stream ID (a test fixture). */
static const char *const two_partitions =
	"&virtio_mmio0 { iommus = <&smmu 0x100>; };\n" BH_HEAD
	"linux { compatible = \"bulkhead,partition\"; cpus = <&cpu1 &cpu0>;\n"
	"  memory = <0 0x48000000 0 0x4000000 0 0x50000000 0x0 0x2000000>;\n"
	"  devices = <&virtio_mmio0 &rtc>; kernel = <&img0>; initrd = <&img1>;\n"
	"  bootargs = \"console=ttyAMA0\"; };\n"
	"rtos { compatible = \"bulkhead,partition\"; cpus = <&cpu2>;\n"
	"  memory = <0 0x58000000 0 0x4000000>; guest-address = <0 0x80000000>;\n"
	"  devices = <&gpio>; kernel = <&img2>; };\n" BH_TAIL;

static void test_valid_layout(void **state)
{
	struct fixture f;
	const struct layout_partition *p;

	assert_int_equal(fix_load(&f, two_partitions), 0);
	assert_no_errors(&f);
	assert_int_equal(f.l->nparts, 2);
	assert_int_equal(f.l->ncpus, 4);
	assert_int_equal(f.l->nram, 1);
	assert_int_equal(f.l->ram[0].base, 0x40000000);
	assert_int_equal(f.l->ram[0].size, 0x80000000);
	assert_int_equal(f.l->hyp.base, 0x40200000);
	assert_int_equal(f.l->hyp.size, 0x1000000);
	assert_int_equal(f.l->gicd_base, 0x08000000);
	assert_int_equal(f.l->gicr_base, 0x080a0000);
	assert_int_equal(f.l->uart_base, 0x09000000);
	assert_int_equal(f.l->nmodules, 3);

	p = &f.l->parts[0];
	assert_string_equal(p->name, "linux");
	assert_string_equal(p->path, "/chosen/bulkhead/linux");
	assert_int_equal(p->ncpus, 2);
	assert_int_equal(f.l->cpus[p->cpus[0]].mpidr, 1); /* boot core first */
	assert_int_equal(f.l->cpus[p->cpus[1]].mpidr, 0);
	assert_int_equal(f.l->cpus[1].partition, 0);
	assert_int_equal(f.l->cpus[1].vcpu, 0);
	assert_int_equal(f.l->cpus[0].vcpu, 1);
	assert_int_equal(f.l->cpus[3].partition, -1);
	assert_int_equal(p->nmem, 2);
	assert_int_equal(p->ram_ipa, LAYOUT_DEFAULT_RAM_IPA);
	assert_int_equal(p->mem[0].phys, 0x48000000);
	assert_int_equal(p->mem[0].ipa, 0x40000000);
	assert_int_equal(p->mem[1].phys, 0x50000000);
	assert_int_equal(p->mem[1].ipa, 0x44000000); /* contiguous after range 0 */
	assert_int_equal(p->ram_size, 0x6000000);
	assert_int_equal(p->ndevices, 2);
	assert_string_equal(p->devices[0].path, "/virtio_mmio@a000000");
	assert_int_equal(p->devices[0].regs[0].base, 0xa000000);
	assert_int_equal(p->devices[0].regs[0].size, 0x200);
	assert_int_equal(p->devices[0].irqs[0], 32 + 0x10);
	assert_int_equal(p->devices[0].irq_flags[0], 1);
	assert_int_equal(p->devices[1].irqs[0], 34);
	assert_true(p->kernel.present);
	assert_int_equal(p->kernel.addr, 0x42000000);
	assert_int_equal(p->kernel.size, 0x100000);
	assert_string_equal(p->kernel.file, "img0.bin");
	assert_true(p->initrd.present);
	assert_int_equal(p->initrd.addr, 0x43000000);
	assert_string_equal(p->bootargs, "console=ttyAMA0");
	assert_true(p->virtual_uart);

	p = &f.l->parts[1];
	assert_int_equal(p->id, 1);
	assert_int_equal(p->ram_ipa, 0x80000000);
	assert_int_equal(p->mem[0].ipa, 0x80000000);
	assert_false(p->initrd.present);
	assert_string_equal(p->bootargs, "");
	assert_string_equal(p->kernel.file, "");
	assert_int_equal(layout_find_partition(f.l, "rtos"), 1);
	assert_int_equal(layout_find_partition(f.l, "nope"), -1);
	fix_free(&f);
}

/* A partition that owns a PL011 gets no emulated one. */
static void test_own_pl011_no_virtual_uart(void **state)
{
	struct fixture f;
	/* The board console is uart0 (stdout-path): add a second PL011 for the partition. */
	const char *dts =
		"/ { uart1: pl011@9100000 { compatible = \"arm,pl011\", \"arm,primecell\";"
		" reg = <0 0x9100000 0 0x1000>; interrupts = <0 8 4>; }; };\n" BH_HEAD
		"p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
		" memory = <0 0x48000000 0 0x4000000>; devices = <&uart1>;"
		" kernel = <&img0>; };\n" BH_TAIL;

	assert_int_equal(fix_load(&f, dts), 0);
	assert_no_errors(&f);
	assert_false(f.l->parts[0].virtual_uart);
	assert_int_equal(f.l->parts[0].devices[0].irqs[0], 40);
	fix_free(&f);
}

/* reg is translated through a simple-bus's ranges; interrupts-extended is read. */
static void test_bus_ranges_and_interrupts_extended(void **state)
{
	struct fixture f;
	const char *dts =
		"/ { soc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>;\n"
		"  ranges = <0x0 0x0 0x9100000 0x10000>;\n"
		"  dev: dev@2000 { compatible = \"arm,pl061\"; reg = <0x2000 0x100 0x3000 "
		"0x1000>;\n"
		"    interrupts-extended = <&gic 0 20 4>, <&gic 0 21 1>; }; }; };\n" BH_HEAD
		"p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
		" memory = <0 0x48000000 0 0x4000000>; devices = <&dev>; kernel = <&img0>; "
		"};\n" BH_TAIL;
	const struct layout_device *dev;

	assert_int_equal(fix_load(&f, dts), 0);
	assert_no_errors(&f);
	dev = &f.l->parts[0].devices[0];
	assert_string_equal(dev->path, "/soc/dev@2000");
	assert_int_equal(dev->nregs, 2);
	assert_int_equal(dev->regs[0].base, 0x9102000);
	assert_int_equal(dev->regs[0].size, 0x100);
	assert_int_equal(dev->regs[1].base, 0x9103000);
	assert_int_equal(dev->nirqs, 2);
	assert_int_equal(dev->irqs[0], 52);
	assert_int_equal(dev->irq_flags[0], 4);
	assert_int_equal(dev->irqs[1], 53);
	fix_free(&f);
}

static void test_not_a_dtb(void **state)
{
	static const char junk[64] = "not a device tree";
	struct layout *l = calloc(1, sizeof(*l));
	struct fixture f = {.d = {.report = fix_report}};

	f.d.ctx = &f;
	assert_int_not_equal(layout_parse(l, junk, &f.d), 0);
	assert_error(&f, "/: -: not a valid flattened device tree");
	free(l);
}

static void test_root_missing(void **state)
{
	struct fixture f;

	assert_int_not_equal(fix_load(&f, "/ { };\n"), 0);
	assert_error(&f, "/chosen/bulkhead: -: missing");
	assert_int_equal(f.l->root, -1);
	fix_free(&f);
}

static void test_root_compatible(void **state)
{
	struct fixture f;

	assert_int_not_equal(fix_load(&f, "/ { chosen { bulkhead { compatible = \"x,y\";"
					  " #address-cells = <2>; #size-cells = <2>;"
					  " reg = <0 0x40200000 0 0x1000000>; }; }; };\n"),
			     0);
	assert_error(&f, "/chosen/bulkhead: compatible: must be \"bulkhead,hypervisor\"");
	fix_free(&f);
}

static void test_root_cells(void **state)
{
	struct fixture f;

	assert_int_not_equal(fix_load(&f, "/ { chosen { bulkhead {"
					  " compatible = \"bulkhead,hypervisor\";"
					  " #address-cells = <3>; }; }; };\n"),
			     0);
	assert_error(&f, "/chosen/bulkhead: #address-cells: must be 1 or 2, not 3");
	assert_error(&f, "/chosen/bulkhead: #size-cells: missing (must be 1 or 2)");
	fix_free(&f);
}

static void test_one_cell(void **state)
{
	struct fixture f;
	const char *dts = "/ { chosen { bulkhead { compatible = \"bulkhead,hypervisor\";\n"
			  "#address-cells = <1>; #size-cells = <1>; reg = <0x40200000 0x1000000>;\n"
			  "k: module@42000000 { compatible = \"bulkhead,module\";"
			  " reg = <0x42000000 0x1000>; };\n"
			  "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
			  " memory = <0x48000000 0x4000000>; guest-address = <0x50000000>;"
			  " kernel = <&k>; }; }; }; };\n";

	assert_int_equal(fix_load(&f, dts), 0);
	assert_no_errors(&f);
	assert_int_equal(f.l->parts[0].mem[0].phys, 0x48000000);
	assert_int_equal(f.l->parts[0].ram_ipa, 0x50000000);
	assert_int_equal(f.l->modules[0].size, 0x1000);
	fix_free(&f);
}

static void test_root_reg_missing(void **state)
{
	struct fixture f;

	assert_int_not_equal(fix_load(&f, "/ { chosen { bulkhead {"
					  " compatible = \"bulkhead,hypervisor\";"
					  " #address-cells = <2>; #size-cells = <2>; }; }; };\n"),
			     0);
	assert_error(&f, "/chosen/bulkhead: reg: missing");
	assert_error(&f, "/chosen/bulkhead: -: no partition");
	fix_free(&f);
}

static void test_no_partition(void **state)
{
	expect_error("", "", "/chosen/bulkhead: -: no partition");
}

static void test_unknown_child(void **state)
{
	expect_error("", PART("p0", "cpu0", "0x48000000") "odd { compatible = \"x,y\"; };\n",
		     "/chosen/bulkhead/odd: compatible: must be \"bulkhead,partition\", "
		     "\"bulkhead,module\" or \"bulkhead,channel\"");
}

static void test_empty_cpus(void **state)
{
	expect_error(
		"",
		"p0 { compatible = \"bulkhead,partition\"; memory = <0 0x48000000 0 0x4000000>;"
		" kernel = <&img0>; };\n",
		"/chosen/bulkhead/p0: cpus: empty partition: no core assigned");
	expect_error("",
		     "p0 { compatible = \"bulkhead,partition\"; cpus; "
		     " memory = <0 0x48000000 0 0x4000000>; kernel = <&img0>; };\n",
		     "/chosen/bulkhead/p0: cpus: empty partition");
}

static void test_dangling_phandles(void **state)
{
	expect_error("",
		     "p0 { compatible = \"bulkhead,partition\"; cpus = <0x999>;"
		     " memory = <0 0x48000000 0 0x4000000>; kernel = <&img0>; };\n",
		     "/chosen/bulkhead/p0: cpus: dangling phandle 0x999");
	expect_error("",
		     "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>; devices = <0x998>;"
		     " memory = <0 0x48000000 0 0x4000000>; kernel = <&img0>; };\n",
		     "/chosen/bulkhead/p0: devices: dangling phandle 0x998");
	expect_error("",
		     "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
		     " memory = <0 0x48000000 0 0x4000000>; kernel = <0x997>; };\n",
		     "/chosen/bulkhead/p0: kernel: dangling phandle 0x997");
	expect_error("",
		     "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>; initrd = <0>;"
		     " memory = <0 0x48000000 0 0x4000000>; kernel = <&img0>; };\n",
		     "/chosen/bulkhead/p0: initrd: dangling phandle 0x0");
}

static void test_not_a_cpu(void **state)
{
	expect_error("",
		     "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0 &rtc>;"
		     " memory = <0 0x48000000 0 0x4000000>; kernel = <&img0>; };\n",
		     "/chosen/bulkhead/p0: cpus: /pl031@9010000 is not a cpu");
	expect_error("",
		     "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0 &cpu0>;"
		     " memory = <0 0x48000000 0 0x4000000>; kernel = <&img0>; };\n",
		     "/chosen/bulkhead/p0: cpus: /cpus/cpu@0 is listed twice");
}

static void test_not_a_module(void **state)
{
	expect_error("",
		     "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
		     " memory = <0 0x48000000 0 0x4000000>; kernel = <&rtc>; };\n",
		     "/chosen/bulkhead/p0: kernel: /pl031@9010000 is not a module");
	expect_error("",
		     "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>; initrd = <&cpu1>;"
		     " memory = <0 0x48000000 0 0x4000000>; kernel = <&img0>; };\n",
		     "/chosen/bulkhead/p0: initrd: /cpus/cpu@1 is not a module");
}

static void test_kernel_missing(void **state)
{
	expect_error("",
		     "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
		     " memory = <0 0x48000000 0 0x4000000>; };\n",
		     "/chosen/bulkhead/p0: kernel: missing");
}

static void test_module_reg(void **state)
{
	expect_error("",
		     "m: module@45000000 { compatible = \"bulkhead,module\"; };\n"
		     "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
		     " memory = <0 0x48000000 0 0x4000000>; kernel = <&m>; };\n",
		     "/chosen/bulkhead/module@45000000: reg: missing");
	expect_error(
		"",
		"m: module@45000000 { compatible = \"bulkhead,module\"; reg = <0x45000000 0>; "
		"};\n" PART("p0", "cpu0", "0x48000000"),
		"/chosen/bulkhead/module@45000000: reg: must be one (address, size) pair of 4");
}

static void test_long_name(void **state)
{
	expect_error("", PART("a-very-long-partition-name", "cpu0", "0x48000000"),
		     "/chosen/bulkhead/a-very-long-partition-name: -: name "
		     "'a-very-long-partition-name' is longer than 15 characters");
}

static void test_memory_malformed(void **state)
{
	expect_error(
		"",
		"p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>; kernel = <&img0>; };\n",
		"/chosen/bulkhead/p0: memory: missing");
	expect_error("",
		     "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>; kernel = <&img0>;"
		     " memory = <0 0x48000000 0x4000000>; };\n",
		     "/chosen/bulkhead/p0: memory: length 12 is not a multiple of");
	expect_error("",
		     "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>; kernel = <&img0>;"
		     " memory = <0 0x48000000 0 0x4000000>; guest-address = <0x1000>; };\n",
		     "/chosen/bulkhead/p0: guest-address: must be one address of 2 cell(s)");
}

static void test_too_many_ranges(void **state)
{
	expect_error("",
		     "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>; kernel = <&img0>;"
		     " memory = <0 0x48000000 0 0x1000 0 0x48001000 0 0x1000 0 0x48002000 0 0x1000"
		     " 0 0x48003000 0 0x1000 0 0x48004000 0 0x1000 0 0x48005000 0 0x1000"
		     " 0 0x48006000 0 0x1000 0 0x48007000 0 0x1000 0 0x48008000 0 0x1000>; };\n",
		     "/chosen/bulkhead/p0: memory: more than 8 ranges");
}

static void test_too_many_partitions(void **state)
{
	expect_error("",
		     PART("p0", "cpu0", "0x48000000") PART("p1", "cpu1", "0x4c000000")
			     PART("p2", "cpu2", "0x50000000") PART("p3", "cpu3", "0x54000000") PART(
				     "p4", "cpu0", "0x58000000") PART("p5", "cpu1", "0x5c000000")
				     PART("p6", "cpu2", "0x60000000")
					     PART("p7", "cpu3", "0x64000000")
						     PART("p8", "cpu0", "0x68000000"),
		     "/chosen/bulkhead/p8: -: too many partitions (at most 8)");
}

static void test_too_many_devices(void **state)
{
	expect_error("",
		     "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>; kernel = <&img0>;"
		     " memory = <0 0x48000000 0 0x4000000>; devices = <&virtio_mmio0 &virtio_mmio1"
		     " &virtio_mmio2 &virtio_mmio3 &virtio_mmio4 &virtio_mmio5 &virtio_mmio6"
		     " &virtio_mmio7 &virtio_mmio8 &virtio_mmio9 &virtio_mmio10 &virtio_mmio11"
		     " &virtio_mmio12 &virtio_mmio13 &virtio_mmio14 &virtio_mmio15 "
		     "&virtio_mmio16>; };\n",
		     "/chosen/bulkhead/p0: devices: more than 16 devices");
}

#define DEV_PART(devs) PART_X("p0", "cpu0", "0x48000000", "devices = <" devs ">;")

static void test_bulkhead_devices(void **state)
{
	expect_error(
		"", DEV_PART("&gic"),
		"/chosen/bulkhead/p0: devices: /intc@8000000 belongs to Bulkhead: the interrupt "
		"controller");
	expect_error("", DEV_PART("&its"),
		     "/chosen/bulkhead/p0: devices: /intc@8000000/its@8080000 belongs to Bulkhead");
	expect_error("", DEV_PART("&smmu"),
		     "/chosen/bulkhead/p0: devices: /smmuv3@9050000 belongs to Bulkhead: the SMMU");
	expect_error(
		"", DEV_PART("&uart0"),
		"/chosen/bulkhead/p0: devices: /pl011@9000000 belongs to Bulkhead: its console");
	expect_error("", DEV_PART("&memory"),
		     "/chosen/bulkhead/p0: devices: /memory@40000000 belongs to Bulkhead: RAM");
	expect_error("", DEV_PART("&cpu3"),
		     "/chosen/bulkhead/p0: devices: /cpus/cpu@3 belongs to Bulkhead: a core node");
	expect_error(
		"", DEV_PART("&img1"),
		"devices: /chosen/bulkhead/module@43000000 belongs to Bulkhead: configuration");
	expect_error("", DEV_PART("&rtc &rtc"),
		     "/chosen/bulkhead/p0: devices: /pl031@9010000 is listed twice");
}

static void test_device_without_reg(void **state)
{
	expect_error("", DEV_PART("&apb_pclk"),
		     "/apb-pclk: reg: missing: not a memory-mapped device (partition 'p0')");
}

static void test_device_ppi(void **state)
{
	expect_error("/ { mydev: mydev@9100000 { reg = <0 0x9100000 0 0x1000>;"
		     " interrupts = <0 40 4 1 5 4>; }; };",
		     DEV_PART("&mydev"),
		     "/mydev@9100000: interrupts: PPI 5 is per-core: it cannot be assigned to "
		     "partition 'p0'");
}

static void test_device_not_gic_interrupt(void **state)
{
	expect_error("/ { mydev: mydev@9100000 { reg = <0 0x9100000 0 0x1000>;"
		     " interrupt-parent = <&gpio>; interrupts = <3 0>; }; };",
		     DEV_PART("&mydev"),
		     "/mydev@9100000: interrupts: interrupt parent /pl061@9030000 is not the GIC");
}

static void test_device_untranslatable(void **state)
{
	expect_error("/ { bus { #address-cells = <1>; #size-cells = <1>;"
		     " d: d@10 { reg = <0x10 0x10>; }; }; };",
		     DEV_PART("&d"), "/bus/d@10: reg: entry 0 has no physical address");
}

static void test_bootargs_not_string(void **state)
{
	expect_error("",
		     "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>; kernel = <&img0>;"
		     " memory = <0 0x48000000 0 0x4000000>; bootargs = <1>; };\n",
		     "/chosen/bulkhead/p0: bootargs: must be a string");
}

#define FP_PART(props) PART_X("p0", "cpu0", "0x48000000", props)

static void test_fault_policy_default(void **state)
{
	struct fixture f;

	load_valid(&f, FP_PART(""));
	assert_int_equal(f.l->parts[0].fault_policy, LAYOUT_FAULT_STOP);
	assert_int_equal(f.l->parts[0].restart_limit, 0);
	assert_int_equal(f.l->parts[0].restart_window_ms, 0);
	fix_free(&f);
	load_valid(&f, FP_PART("fault-policy = \"stop\";"));
	assert_int_equal(f.l->parts[0].fault_policy, LAYOUT_FAULT_STOP);
	fix_free(&f);
}

static void test_fault_policy_restart(void **state)
{
	struct fixture f;

	load_valid(&f, FP_PART("fault-policy = \"restart\"; restart-limit = <3>;"
			       " restart-window-ms = <10000>;"));
	assert_int_equal(f.l->parts[0].fault_policy, LAYOUT_FAULT_RESTART);
	assert_int_equal(f.l->parts[0].restart_limit, 3);
	assert_int_equal(f.l->parts[0].restart_window_ms, 10000);
	fix_free(&f);
	/* No limit, no window: restart every time. */
	load_valid(&f, FP_PART("fault-policy = \"restart\";"));
	assert_int_equal(f.l->parts[0].fault_policy, LAYOUT_FAULT_RESTART);
	assert_int_equal(f.l->parts[0].restart_limit, 0);
	assert_int_equal(f.l->parts[0].restart_window_ms, 0);
	fix_free(&f);
	/* A limit since boot; an explicit 0 is no limit. */
	load_valid(&f, FP_PART("fault-policy = \"restart\"; restart-limit = <5>;"));
	assert_int_equal(f.l->parts[0].restart_limit, 5);
	assert_int_equal(f.l->parts[0].restart_window_ms, 0);
	fix_free(&f);
	load_valid(&f, FP_PART("fault-policy = \"restart\"; restart-limit = <0>;"
			       " restart-window-ms = <0>;"));
	assert_int_equal(f.l->parts[0].restart_limit, 0);
	fix_free(&f);
}

static void test_fault_policy_unknown(void **state)
{
	expect_error("", FP_PART("fault-policy = \"reboot\";"),
		     "/chosen/bulkhead/p0: fault-policy: unknown policy 'reboot' (must be \"stop\" "
		     "or \"restart\")");
	expect_error(
		"", FP_PART("fault-policy = <1>;"),
		"/chosen/bulkhead/p0: fault-policy: must be a string, \"stop\" or \"restart\"");
	expect_error("", FP_PART("fault-policy = \"restart\", \"stop\";"),
		     "/chosen/bulkhead/p0: fault-policy: must be a string");
}

static void test_restart_without_restart_policy(void **state)
{
	struct fixture f;

	expect_error("", FP_PART("restart-limit = <3>;"),
		     "/chosen/bulkhead/p0: restart-limit: given without fault-policy = "
		     "\"restart\" (the policy is \"stop\")");
	expect_error("", FP_PART("fault-policy = \"stop\"; restart-window-ms = <1000>;"),
		     "/chosen/bulkhead/p0: restart-window-ms: given without fault-policy = "
		     "\"restart\" (the policy is \"stop\")");
	/* With an unknown policy only the policy is reported. */
	assert_int_not_equal(
		fix_load_parts(&f, FP_PART("fault-policy = \"Restart\"; restart-limit = <3>;")), 0);
	assert_int_equal(f.d.errors, 1);
	assert_error(&f, "/chosen/bulkhead/p0: fault-policy: unknown policy 'Restart'");
	assert_int_equal(f.l->parts[0].fault_policy, LAYOUT_FAULT_STOP);
	assert_int_equal(f.l->parts[0].restart_limit, 0);
	fix_free(&f);
}

static void test_restart_cells(void **state)
{
	expect_error("", FP_PART("fault-policy = \"restart\"; restart-limit = <0 3>;"),
		     "/chosen/bulkhead/p0: restart-limit: must be one cell (a 32-bit number)");
	expect_error("", FP_PART("fault-policy = \"restart\"; restart-window-ms = /bits/ 64 <1>;"),
		     "/chosen/bulkhead/p0: restart-window-ms: must be one cell (a 32-bit number)");
	expect_error("", FP_PART("fault-policy = \"restart\"; restart-limit;"),
		     "/chosen/bulkhead/p0: restart-limit: must be one cell");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_layout),
		cmocka_unit_test(test_own_pl011_no_virtual_uart),
		cmocka_unit_test(test_bus_ranges_and_interrupts_extended),
		cmocka_unit_test(test_not_a_dtb),
		cmocka_unit_test(test_root_missing),
		cmocka_unit_test(test_root_compatible),
		cmocka_unit_test(test_root_cells),
		cmocka_unit_test(test_one_cell),
		cmocka_unit_test(test_root_reg_missing),
		cmocka_unit_test(test_no_partition),
		cmocka_unit_test(test_unknown_child),
		cmocka_unit_test(test_empty_cpus),
		cmocka_unit_test(test_dangling_phandles),
		cmocka_unit_test(test_not_a_cpu),
		cmocka_unit_test(test_not_a_module),
		cmocka_unit_test(test_kernel_missing),
		cmocka_unit_test(test_module_reg),
		cmocka_unit_test(test_long_name),
		cmocka_unit_test(test_memory_malformed),
		cmocka_unit_test(test_too_many_ranges),
		cmocka_unit_test(test_too_many_partitions),
		cmocka_unit_test(test_too_many_devices),
		cmocka_unit_test(test_bulkhead_devices),
		cmocka_unit_test(test_device_without_reg),
		cmocka_unit_test(test_device_ppi),
		cmocka_unit_test(test_device_not_gic_interrupt),
		cmocka_unit_test(test_device_untranslatable),
		cmocka_unit_test(test_bootargs_not_string),
		cmocka_unit_test(test_fault_policy_default),
		cmocka_unit_test(test_fault_policy_restart),
		cmocka_unit_test(test_fault_policy_unknown),
		cmocka_unit_test(test_restart_without_restart_policy),
		cmocka_unit_test(test_restart_cells),
	};

	return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
