// SPDX-License-Identifier: GPL-2.0-only
/*
 * layout_validate() and layout_place(): one test per rule, each asserting the
 * node, the property and the message; placement of images and guest DTB;
 * layout_ipa_to_phys() and layout_print().
 */
#include "layout_fixture.h"

#define P(name, cpus, mem, extra)                                                                  \
	name " { compatible = \"bulkhead,partition\"; cpus = <" cpus ">; memory = <" mem ">;"      \
	     " kernel = <&img0>; " extra " };\n"

static void test_core_in_two_partitions(void **state)
{
	expect_error("",
		     P("p0", "&cpu0 &cpu1", "0 0x48000000 0 0x4000000", "")
			     P("p1", "&cpu1", "0 0x50000000 0 0x4000000", ""),
		     "/chosen/bulkhead/p1: cpus: core /cpus/cpu@1 is already in partition 'p0'");
}

static void test_duplicate_names(void **state)
{
	expect_error(
		"",
		P("p0@1", "&cpu0", "0 0x48000000 0 0x4000000", "")
			P("p0@2", "&cpu1", "0 0x50000000 0 0x4000000", ""),
		"/chosen/bulkhead/p0@2: -: name 'p0' is already used by /chosen/bulkhead/p0@1");
}

static void test_memory_zero_size(void **state)
{
	expect_error("", P("p0", "&cpu0", "0 0x48000000 0 0", ""),
		     "/chosen/bulkhead/p0: memory: range 0 at 0x48000000 has size 0");
}

static void test_memory_wraps(void **state)
{
	expect_error("", P("p0", "&cpu0", "0xffffffff 0xfffff000 0 0x2000", ""),
		     "/chosen/bulkhead/p0: memory: range 0xfffffffffffff000 + 0x2000 wraps around");
}

static void test_memory_unaligned(void **state)
{
	expect_error(
		"", P("p0", "&cpu0", "0 0x48000800 0 0x4000000", ""),
		"/chosen/bulkhead/p0: memory: range 0x48000800-0x4c0007ff is not 4 KiB aligned");
}

static void test_memory_outside_ram(void **state)
{
	expect_error("", P("p0", "&cpu0", "0 0xc0000000 0 0x4000000", ""),
		     "/chosen/bulkhead/p0: memory: range 0xc0000000-0xc3ffffff is outside RAM");
	/* Straddling the end of RAM is outside too. */
	expect_error("", P("p0", "&cpu0", "0 0xbf000000 0 0x2000000", ""),
		     "/chosen/bulkhead/p0: memory: range 0xbf000000-0xc0ffffff is outside RAM");
}

static void test_memory_overlaps_partition(void **state)
{
	expect_error("",
		     P("p0", "&cpu0", "0 0x48000000 0 0x4000000", "")
			     P("p1", "&cpu1", "0 0x4b000000 0 0x4000000", ""),
		     "/chosen/bulkhead/p1: memory: range 0x4b000000-0x4effffff overlaps partition "
		     "'p0' (0x48000000-0x4bffffff)");
	/* Two ranges of one partition. */
	expect_error("", P("p0", "&cpu0", "0 0x48000000 0 0x4000000 0 0x49000000 0 0x1000", ""),
		     "/chosen/bulkhead/p0: memory: range 0x49000000-0x49000fff overlaps this "
		     "partition's range (0x48000000-0x4bffffff)");
}

static void test_memory_overlaps_bulkhead(void **state)
{
	expect_error("", P("p0", "&cpu0", "0 0x41000000 0 0x400000", ""),
		     "/chosen/bulkhead/p0: memory: range 0x41000000-0x413fffff overlaps Bulkhead's "
		     "own memory (/chosen/bulkhead reg 0x40200000-0x411fffff)");
}

static void test_memory_overlaps_module(void **state)
{
	expect_error("", P("p0", "&cpu0", "0 0x42080000 0 0x100000", ""),
		     "/chosen/bulkhead/p0: memory: range 0x42080000-0x4217ffff overlaps module "
		     "/chosen/bulkhead/module@42000000 (0x42000000-0x420fffff)");
	/* A module of unknown size (0, host check) still counts at its address. */
	expect_error("", P("p0", "&cpu0", "0 0x44000000 0 0x100000", ""),
		     "overlaps module /chosen/bulkhead/module@44000000 (0x44000000-0x44000000)");
}

static void test_running_image(void **state)
{
	static const char dts[] = BH_HEAD P("p0", "&cpu0", "0 0x48000000 0 0x4000000", "") BH_TAIL;
	struct layout_range img = {0x40200000, 0x80000};
	struct fixture f;

	assert_int_equal(fix_load_ex(&f, dts, &img, NULL, NULL), 0);
	fix_free(&f);
	img = (struct layout_range){0x41100000, 0x200000}; /* runs past the region */
	assert_int_not_equal(fix_load_ex(&f, dts, &img, NULL, NULL), 0);
	assert_error(&f, "/chosen/bulkhead: reg: the running image 0x41100000-0x412fffff does not "
			 "fit in 0x40200000-0x411fffff");
	fix_free(&f);
}

static void test_running_image_overlap(void **state)
{
	static const char dts[] = BH_HEAD P("p0", "&cpu0", "0 0x48000000 0 0x4000000", "") BH_TAIL;
	struct layout_range img = {0x49000000, 0x80000};
	struct fixture f;

	assert_int_not_equal(fix_load_ex(&f, dts, &img, NULL, NULL), 0);
	assert_error(&f, "/chosen/bulkhead/p0: memory: range 0x48000000-0x4bffffff overlaps the "
			 "running Bulkhead image (0x49000000-0x4907ffff)");
	fix_free(&f);
}

static void test_bulkhead_region(void **state)
{
	static const char dts[] =
		"/ { chosen { bulkhead { compatible = \"bulkhead,hypervisor\";\n"
		"#address-cells = <2>; #size-cells = <2>; reg = <0 0x30000800 0 0x1000000>;\n"
		"k: module@42000000 { compatible = \"bulkhead,module\"; reg = <0 0x42000000 0 0>; "
		"};\n"
		"p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
		" memory = <0 0x48000000 0 0x4000000>; kernel = <&k>; }; }; }; };\n";
	struct fixture f;

	assert_int_not_equal(fix_load(&f, dts), 0);
	assert_error(&f, "/chosen/bulkhead: reg: 0x30000800-0x310007ff is not 4 KiB aligned");
	assert_error(&f, "/chosen/bulkhead: reg: 0x30000800-0x310007ff is outside RAM");
	fix_free(&f);
}

static void test_modules_overlap(void **state)
{
	expect_error("",
		     "m: module@42080000 { compatible = \"bulkhead,module\";"
		     " reg = <0 0x42080000 0 0x1000>; };\n"
		     "h: module@41000000 { compatible = \"bulkhead,module\";"
		     " reg = <0 0x41000000 0 0x1000>; };\n"
		     "o: module@c0000000 { compatible = \"bulkhead,module\";"
		     " reg = <0 0xc0000000 0 0x1000>; };\n" P("p0", "&cpu0",
							      "0 0x48000000 0 0x4000000", ""),
		     "/chosen/bulkhead/module@42080000: reg: 0x42080000-0x42080fff overlaps module "
		     "/chosen/bulkhead/module@42000000 (0x42000000-0x420fffff)");
	expect_error("",
		     "h: module@41000000 { compatible = \"bulkhead,module\";"
		     " reg = <0 0x41000000 0 0x1000>; };\n" P("p0", "&cpu0",
							      "0 0x48000000 0 0x4000000", ""),
		     "/chosen/bulkhead/module@41000000: reg: 0x41000000-0x41000fff overlaps "
		     "Bulkhead's own memory");
	expect_error("",
		     "o: module@c0000000 { compatible = \"bulkhead,module\";"
		     " reg = <0 0xc0000000 0 0x1000>; };\n" P("p0", "&cpu0",
							      "0 0x48000000 0 0x4000000", ""),
		     "/chosen/bulkhead/module@c0000000: reg: 0xc0000000-0xc0000fff is outside RAM");
}

static void test_guest_address(void **state)
{
	expect_error(
		"", P("p0", "&cpu0", "0 0x48000000 0 0x4000000", "guest-address = <0 0x40000800>;"),
		"/chosen/bulkhead/p0: guest-address: 0x40000800 is not 4 KiB aligned");
	expect_error("",
		     P("p0", "&cpu0", "0 0x48000000 0 0x4000000", "guest-address = <0 0x6000000>;"),
		     "/chosen/bulkhead/p0: guest-address: guest RAM 0x6000000-0x9ffffff overlaps "
		     "the guest's GIC distributor (0x8000000-0x800ffff)");
	expect_error("",
		     P("p0", "&cpu0", "0 0x48000000 0 0x4000000", "guest-address = <0 0x8090000>;"),
		     "overlaps the guest's GIC redistributors (0x80a0000-0x80bffff)");
	expect_error("",
		     P("p0", "&cpu0", "0 0x48000000 0 0x4000000", "guest-address = <0 0x8800000>;"),
		     "overlaps the guest's emulated PL011 (0x9000000-0x9000fff)");
	expect_error("",
		     P("p0", "&cpu0", "0 0x48000000 0 0x4000000",
		       "guest-address = <0 0x9f00000>; devices = <&virtio_mmio0>;"),
		     "/chosen/bulkhead/p0: guest-address: guest RAM 0x9f00000-0xdefffff overlaps "
		     "device /virtio_mmio@a000000");
	expect_error(
		"",
		P("p0", "&cpu0", "0 0x48000000 0 0x4000000", "guest-address = <0xff 0xfe000000>;"),
		"/chosen/bulkhead/p0: guest-address: guest RAM 0xfffe000000 + 0x4000000 exceeds "
		"the 40-bit guest-physical space");
}

static void test_guest_ram_overlaps_watchdog(void **state)
{
	/* 16 MiB ending just below the watchdog, or starting just above it: fine. */
	static const char below[] = BH_HEAD P("p0", "&cpu0", "0 0x48000000 0 0x1000000",
					      "guest-address = <0 0xa000000>;") BH_TAIL;
	static const char above[] = BH_HEAD P("p0", "&cpu0", "0 0x48000000 0 0x1000000",
					      "guest-address = <0 0xb002000>;") BH_TAIL;
	struct fixture f;

	/* 0xa000000-0xdffffff: clear of the PL011 at 0x9000000, over the watchdog. */
	expect_error("",
		     P("p0", "&cpu0", "0 0x48000000 0 0x4000000", "guest-address = <0 0xa000000>;"),
		     "/chosen/bulkhead/p0: guest-address: guest RAM 0xa000000-0xdffffff overlaps "
		     "the guest's emulated watchdog (0xb000000-0xb001fff)");
	assert_int_equal(fix_load(&f, below), 0);
	fix_free(&f);
	assert_int_equal(fix_load(&f, above), 0);
	fix_free(&f);
}

static void test_device_in_watchdog_window(void **state)
{
	expect_error("/ { d1: d1@b001000 { reg = <0 0xb001000 0 0x1000>; }; };",
		     P("p0", "&cpu0", "0 0x48000000 0 0x4000000", "devices = <&d1>;"),
		     "/chosen/bulkhead/p0: devices: /d1@b001000 (0xb001000-0xb001fff) overlaps the "
		     "guest's emulated watchdog");
}

static void test_device_reserved_spi(void **state)
{
	struct fixture f;
	/*
	 * uart1 is the partition's own PL011: no emulated one, so SPI 1 is not
	 * reserved for it -- but on this board SPI 1 is Bulkhead's console UART's.
	 */
	static const char own_uart[] =
		"/ { uart1: pl011@9100000 { compatible = \"arm,pl011\", \"arm,primecell\";"
		" reg = <0 0x9100000 0 0x1000>; interrupts = <0 1 4>; }; };\n" BH_HEAD P(
			"p0", "&cpu0", "0 0x48000000 0 0x4000000", "devices = <&uart1>;") BH_TAIL;

	expect_error("/ { d1: d1@9100000 { reg = <0 0x9100000 0 0x1000>;"
		     " interrupts = <0 5 4 0 120 4>; }; };",
		     P("p0", "&cpu0", "0 0x48000000 0 0x4000000", "devices = <&d1>;"),
		     "/chosen/bulkhead/p0: devices: /d1@9100000: SPI 120 (INTID 152) is reserved "
		     "for the guest's emulated watchdog");
	expect_error("/ { d1: d1@9100000 { reg = <0 0x9100000 0 0x1000>; interrupts = <0 1 1>; };"
		     " };",
		     P("p0", "&cpu0", "0 0x48000000 0 0x4000000", "devices = <&d1>;"),
		     "/chosen/bulkhead/p0: devices: /d1@9100000: SPI 1 (INTID 33) is reserved for "
		     "the guest's emulated PL011");
	assert_int_not_equal(fix_load(&f, own_uart), 0);
	assert_false(f.l->parts[0].virtual_uart);
	assert_error(&f,
		     "/chosen/bulkhead/p0: devices: /pl011@9100000: INTID 33 is Bulkhead's (its "
		     "console UART /pl011@9000000)");
	fix_free(&f);
}

static void test_device_two_partitions(void **state)
{
	expect_error(
		"",
		P("p0", "&cpu0", "0 0x48000000 0 0x4000000", "devices = <&rtc>;")
			P("p1", "&cpu1", "0 0x50000000 0 0x4000000", "devices = <&rtc>;"),
		"/chosen/bulkhead/p1: devices: /pl031@9010000 is already owned by partition 'p0'");
}

static void test_device_shared_page(void **state)
{
	expect_error(
		"",
		P("p0", "&cpu0", "0 0x48000000 0 0x4000000", "devices = <&virtio_mmio0>;")
			P("p1", "&cpu1", "0 0x50000000 0 0x4000000", "devices = <&virtio_mmio1>;"),
		"/chosen/bulkhead/p1: devices: /virtio_mmio@a000200 shares the 4 KiB page "
		"0xa000000 with /virtio_mmio@a000000 of partition 'p0'");
}

static void test_shared_interrupt(void **state)
{
	expect_error(
		"/ { d1: d1@9100000 { reg = <0 0x9100000 0 0x1000>; interrupts = <0 50 4>; };"
		" d2: d2@9200000 { reg = <0 0x9200000 0 0x1000>; interrupts = <0 50 4>; }; };",
		P("p0", "&cpu0", "0 0x48000000 0 0x4000000", "devices = <&d1>;")
			P("p1", "&cpu1", "0 0x50000000 0 0x4000000", "devices = <&d2>;"),
		"/chosen/bulkhead/p1: devices: /d2@9200000: INTID 82 is also used by /d1@9100000 "
		"of partition 'p0'");
}

static void test_device_in_gic_window(void **state)
{
	expect_error("/ { d1: d1@80a0000 { reg = <0 0x80b0000 0 0x1000>; }; };",
		     P("p0", "&cpu0", "0 0x48000000 0 0x4000000", "devices = <&d1>;"),
		     "/chosen/bulkhead/p0: devices: /d1@80a0000 (0x80b0000-0x80b0fff) overlaps the "
		     "guest's GIC redistributors");
}

static void test_valid_placement_host(void **state)
{
	static const char dts[] =
		BH_HEAD "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
			" memory = <0 0x48000000 0 0x4000000>; kernel = <&img0>;"
			" initrd = <&img1>; };\n" BH_TAIL;
	struct fixture f;
	const struct layout_partition *p;

	assert_int_equal(fix_load(&f, dts), 0);
	p = &f.l->parts[0];
	assert_false(p->kernel.arm64_image); /* no reader on the host */
	assert_int_equal(p->kernel.load_ipa, 0x40000000);
	assert_int_equal(p->entry_ipa, 0x40000000);
	assert_int_equal(p->dtb_max, CONFIG_GUEST_DTB_SIZE);
	assert_int_equal(p->dtb_ipa % 0x200000, 0); /* a 2 MiB block of its own */
	assert_true(p->dtb_ipa + p->dtb_max <= 0x44000000);
	assert_int_equal(p->initrd.load_ipa, p->dtb_ipa - 0x100000);
	fix_free(&f);
}

/* A fake physical memory holding an arm64 Image header at 0x42000000. */
struct fake_mem {
	uint8_t hdr[64];
	unsigned int reads;
};

static int fake_read(void *ctx, uint64_t phys, void *buf, size_t len)
{
	struct fake_mem *m = ctx;

	m->reads++;
	if (phys != 0x42000000 || len > sizeof(m->hdr))
		return -1;
	memcpy(buf, m->hdr, len);
	return 0;
}

static void put_le(uint8_t *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void make_image(struct fake_mem *m, uint64_t text_offset, uint64_t image_size)
{
	memset(m, 0, sizeof(*m));
	put_le(m->hdr + 0x08, text_offset, 8);
	put_le(m->hdr + 0x10, image_size, 8);
	put_le(m->hdr + 0x38, 0x644d5241, 4);
}

static void test_arm64_image_placement(void **state)
{
	static const char dts[] =
		BH_HEAD "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
			" memory = <0 0x48000000 0 0x4000000>; guest-address = <0 0x40100000>;"
			" kernel = <&img0>; };\n" BH_TAIL;
	struct fake_mem mem;
	struct fixture f;
	const struct layout_partition *p;

	make_image(&mem, 0x80000, 0x300000);
	assert_int_equal(fix_load_ex(&f, dts, NULL, fake_read, &mem), 0);
	p = &f.l->parts[0];
	assert_true(mem.reads > 0);
	assert_true(p->kernel.arm64_image);
	/* 2 MiB aligned base above the RAM base, plus text_offset. */
	assert_int_equal(p->kernel.load_ipa, 0x40280000);
	assert_int_equal(p->entry_ipa, 0x40280000);
	assert_int_equal(p->kernel.mem_size, 0x300000);
	fix_free(&f);
}

static void test_image_larger_than_ram(void **state)
{
	static const char dts[] =
		BH_HEAD "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
			" memory = <0 0x48000000 0 0x400000>; kernel = <&img0>; };\n" BH_TAIL;
	struct fake_mem mem;
	struct fixture f;

	make_image(&mem, 0, 0x800000); /* image_size says 8 MiB: more than the 4 MiB */
	assert_int_not_equal(fix_load_ex(&f, dts, NULL, fake_read, &mem), 0);
	assert_error(&f, "/chosen/bulkhead/p0: kernel: image /chosen/bulkhead/module@42000000 "
			 "(0x800000 bytes) is larger than the partition's RAM (0x400000 bytes)");
	fix_free(&f);
	/* On the host the DT size alone can say so. */
	expect_error("", P("p0", "&cpu0", "0 0x48000000 0 0x80000", ""),
		     "/chosen/bulkhead/p0: kernel: image /chosen/bulkhead/module@42000000 "
		     "(0x100000 bytes) is larger than the partition's RAM (0x80000 bytes)");
}

/*
 * Attack review: an Image header's text_offset is not bounded; one that wraps
 * the load address below guest RAM (or past its end) passed validation, and
 * the copy at boot failed (-EFAULT) for a reason validation could see.
 */
static void test_image_text_offset_outside_ram(void **state)
{
	static const char dts[] =
		BH_HEAD "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
			" memory = <0 0x48000000 0 0x4000000>; kernel = <&img0>; };\n" BH_TAIL;
	static const uint64_t offsets[] = {0xfffffffffff00000ULL, 0x3f00000ULL, 0x4000000ULL};
	struct fake_mem mem;
	struct fixture f;

	for (unsigned int i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
		make_image(&mem, offsets[i], 0x200000);
		assert_int_not_equal(fix_load_ex(&f, dts, NULL, fake_read, &mem), 0);
		assert_error(&f, "/chosen/bulkhead/p0: kernel: image "
				 "/chosen/bulkhead/module@42000000: text_offset");
		fix_free(&f);
	}
}

static void test_images_do_not_fit(void **state)
{
	/* 1 MiB kernel + 1 MiB initrd + 64 KiB DTB in 2 MiB of RAM. */
	expect_error("", P("p0", "&cpu0", "0 0x48000000 0 0x200000", "initrd = <&img1>;"),
		     "/chosen/bulkhead/p0: memory: kernel (0x100000 bytes at 0x40000000), initrd "
		     "(0x100000 bytes) and guest DTB (0x10000 bytes) do not fit in guest RAM "
		     "0x40000000-0x401fffff");
}

static void test_image_not_loaded_at_boot(void **state)
{
	static const char dts[] =
		BH_HEAD "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
			" memory = <0 0x48000000 0 0x4000000>; kernel = <&img2>; };\n" BH_TAIL;
	struct fake_mem mem;
	struct fixture f;

	/* Host: size 0 is "not known yet", fine. */
	assert_int_equal(fix_load(&f, dts), 0);
	fix_free(&f);
	/* Boot: the module must have been loaded. */
	make_image(&mem, 0, 0);
	assert_int_not_equal(fix_load_ex(&f, dts, NULL, fake_read, &mem), 0);
	assert_error(&f, "/chosen/bulkhead/p0: kernel: image not loaded: module "
			 "/chosen/bulkhead/module@44000000 has size 0");
	fix_free(&f);
}

/* The guest DTB never straddles two physical ranges (it is generated in place). */
static void test_dtb_in_one_range(void **state)
{
	/* 2 MiB + 32 KiB: the last range is too small for the 64 KiB DTB. */
	static const char dts[] =
		BH_HEAD P("p0", "&cpu0", "0 0x48000000 0 0x200000 0 0x50000000 0 0x8000", "")
			BH_TAIL;
	struct fixture f;
	const struct layout_partition *p;
	uint64_t phys;

	assert_int_equal(fix_load(&f, dts), 0);
	p = &f.l->parts[0];
	assert_true(layout_ipa_extent(p, p->dtb_ipa, &phys) >= p->dtb_max);
	assert_true(p->dtb_ipa + p->dtb_max <= 0x40200000);
	fix_free(&f);
}

static void test_ipa_to_phys(void **state)
{
	static const char dts[] =
		BH_HEAD P("p0", "&cpu0", "0 0x48000000 0 0x100000 0 0x50000000 0 0x200000", "")
			BH_TAIL;
	struct fixture f;
	uint64_t phys;

	assert_int_equal(fix_load(&f, dts), 0);
	assert_true(layout_ipa_to_phys(&f.l->parts[0], 0x40000010, &phys));
	assert_int_equal(phys, 0x48000010);
	assert_true(layout_ipa_to_phys(&f.l->parts[0], 0x40100000, &phys));
	assert_int_equal(phys, 0x50000000);
	assert_true(layout_ipa_to_phys(&f.l->parts[0], 0x402fffff, &phys));
	assert_int_equal(phys, 0x501fffff);
	assert_false(layout_ipa_to_phys(&f.l->parts[0], 0x40300000, &phys));
	assert_int_equal(layout_ipa_extent(&f.l->parts[0], 0x400ff000, &phys), 0x1000);
	assert_int_equal(phys, 0x480ff000);
	assert_int_equal(layout_ipa_extent(&f.l->parts[0], 0x40100000, &phys), 0x200000);
	assert_int_equal(layout_ipa_extent(&f.l->parts[0], 0x40300000, &phys), 0);
	assert_false(layout_ipa_to_phys(&f.l->parts[0], 0x3fffffff, &phys));
	fix_free(&f);
}

static void test_print(void **state)
{
	static const char dts[] = "&virtio_mmio0 { iommus = <&smmu 0x100>; };\n" BH_HEAD P(
		"rtos", "&cpu2", "0 0x50000000 0 0x4000000",
		"devices = <&virtio_mmio0>; initrd = <&img1>;") BH_TAIL;
	struct fixture f;

	assert_int_equal(fix_load(&f, dts), 0);
	fix_print_clear();
	layout_print(f.l, fix_print_sink);
	assert_printed("bulkhead: memory 0x40200000-0x411fffff, console "
		       "/pl011@9000000, 1 partition(s)\n");
	assert_printed("partition 0 'rtos' (/chosen/bulkhead/rtos): 1 core(s): "
		       "cpu@2 (boot)\n");
	assert_printed("  memory 0x50000000-0x53ffffff -> ipa 0x40000000 (64 MiB)\n");
	assert_printed("  device /virtio_mmio@a000000: mmio 0xa000000-0xa0001ff; "
		       "intid 48\n");
	assert_printed("  console: emulated PL011 at ipa 0x9000000 (intid 33)\n"
		       "  watchdog: emulated SBSA Generic Watchdog at ipa 0xb000000 "
		       "(intid 152)\n");
	assert_printed("  kernel /chosen/bulkhead/module@42000000 \"img0.bin\" at "
		       "0x42000000, 1 MiB -> ipa 0x40000000\n");
	assert_printed("  initrd /chosen/bulkhead/module@43000000 at 0x43000000");
	assert_printed("  entry ipa 0x40000000, dtb ipa 0x43e00000 (64 KiB)");
	assert_printed("\"\n  fault policy: stop\n");
	fix_free(&f);
}

/* The fault policy line, in each of its forms. */
static void test_print_fault_policy(void **state)
{
	static const char *const props[] = {
		"fault-policy = \"restart\"; restart-limit = <3>; restart-window-ms = <10000>;",
		"fault-policy = \"restart\"; restart-limit = <2>;",
		"fault-policy = \"restart\";",
		"fault-policy = \"restart\"; restart-window-ms = <500>;",
	};
	static const char *const lines[] = {
		"  fault policy: restart (at most 3 per 10000 ms)\n",
		"  fault policy: restart (at most 2 since boot)\n",
		"  fault policy: restart (no limit)\n",
		"  fault policy: restart (no limit)\n",
	};

	for (size_t i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
		char dts[1024];
		struct fixture f;

		snprintf(dts, sizeof(dts),
			 BH_HEAD
			 "p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
			 " memory = <0 0x48000000 0 0x4000000>; kernel = <&img0>; %s };\n" BH_TAIL,
			 props[i]);
		assert_int_equal(fix_load(&f, dts), 0);
		fix_print_clear();
		layout_print(f.l, fix_print_sink);
		assert_printed(lines[i]);
		fix_free(&f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_core_in_two_partitions),
		cmocka_unit_test(test_duplicate_names),
		cmocka_unit_test(test_memory_zero_size),
		cmocka_unit_test(test_memory_wraps),
		cmocka_unit_test(test_memory_unaligned),
		cmocka_unit_test(test_memory_outside_ram),
		cmocka_unit_test(test_memory_overlaps_partition),
		cmocka_unit_test(test_memory_overlaps_bulkhead),
		cmocka_unit_test(test_memory_overlaps_module),
		cmocka_unit_test(test_running_image),
		cmocka_unit_test(test_running_image_overlap),
		cmocka_unit_test(test_bulkhead_region),
		cmocka_unit_test(test_modules_overlap),
		cmocka_unit_test(test_guest_address),
		cmocka_unit_test(test_guest_ram_overlaps_watchdog),
		cmocka_unit_test(test_device_in_watchdog_window),
		cmocka_unit_test(test_device_reserved_spi),
		cmocka_unit_test(test_device_two_partitions),
		cmocka_unit_test(test_device_shared_page),
		cmocka_unit_test(test_shared_interrupt),
		cmocka_unit_test(test_device_in_gic_window),
		cmocka_unit_test(test_valid_placement_host),
		cmocka_unit_test(test_arm64_image_placement),
		cmocka_unit_test(test_image_larger_than_ram),
		cmocka_unit_test(test_image_text_offset_outside_ram),
		cmocka_unit_test(test_images_do_not_fit),
		cmocka_unit_test(test_image_not_loaded_at_boot),
		cmocka_unit_test(test_dtb_in_one_range),
		cmocka_unit_test(test_ipa_to_phys),
		cmocka_unit_test(test_print),
		cmocka_unit_test(test_print_fault_policy),
	};

	return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
