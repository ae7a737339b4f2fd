// SPDX-License-Identifier: GPL-2.0-only
/*
 * Firmware in a partition (partitions/firmware.c, docs/binding.md "Firmware
 * and fixed placement"): flash banks, flash-address, kernel-address,
 * dtb-address -- parsing, every rule, placement -- and the table verifier's
 * view of a flash bank: the module's pages read-only + executable, exactly.
 */
#include "layout_fixture.h"
#include "tables_fixture.h"

#include <arch/arm64/stage2.h>

/* A partition on cpu0 with 64 MiB at 0x48000000 (guest 0x40000000) and @extra. */
#define FW(extra)                                                                                  \
	"fw { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"                                \
	" memory = <0 0x48000000 0 0x4000000>; " extra " };\n"

/* The fixture's modules: img0 and img1 are 1 MiB, 4 KiB aligned. */
#define FLASH2 "flash = <&img0 &img1>;"

static void test_flash_banks_placed(void **state)
{
	struct fixture f;
	const struct layout_partition *p;

	(void)state;
	load_valid(&f, FW(FLASH2));
	p = &f.l->parts[0];
	assert_int_equal(p->nflash, 2);
	assert_int_equal(p->flash[0].img.load_ipa, 0x0);
	assert_int_equal(p->flash[0].img.addr, 0x42000000);
	assert_int_equal(p->flash[0].mapped, 0x100000);
	assert_int_equal(p->flash[1].img.load_ipa, 0x04000000);
	assert_int_equal(p->flash[1].img.addr, 0x43000000);
	assert_int_equal(p->entry_ipa, 0x0);	  /* bank 0 */
	assert_int_equal(p->dtb_ipa, 0x40000000); /* the RAM base, as QEMU -bios */
	assert_false(p->kernel.present);
	fix_free(&f);
}

static void test_flash_address_and_dtb_address(void **state)
{
	struct fixture f;
	const struct layout_partition *p;

	(void)state;
	load_valid(&f, FW("flash = <&img0>; flash-address = <0 0x10000000>;"
			  " dtb-address = <0 0x43ff0000>;"));
	p = &f.l->parts[0];
	assert_int_equal(p->entry_ipa, 0x10000000);
	assert_int_equal(p->dtb_ipa, 0x43ff0000);
	fix_free(&f);
}

static void test_kernel_address(void **state)
{
	struct fixture f;
	const struct layout_partition *p;

	(void)state;
	load_valid(&f, FW("kernel = <&img0>; initrd = <&img1>; kernel-address = <0 0x40800000>;"));
	p = &f.l->parts[0];
	assert_int_equal(p->kernel.load_ipa, 0x40800000);
	assert_int_equal(p->entry_ipa, 0x40800000);
	assert_int_equal(p->initrd.load_ipa, 0x40900000); /* right after the kernel */
	assert_int_equal(p->dtb_ipa, 0x43ff0000);	  /* top of RAM */
	fix_free(&f);
}

static void test_flash_rules(void **state)
{
	(void)state;
	expect_error("", FW("flash = <&img0 &img1 &img0>;"),
		     "/chosen/bulkhead/fw: flash: must be 1 to 2 phandles to modules");
	expect_error("", FW("flash = <&cpu0>;"),
		     "/chosen/bulkhead/fw: flash: /cpus/cpu@0 is not a module");
	expect_error("", FW("flash = <&img0>; kernel = <&img1>;"),
		     "/chosen/bulkhead/fw: kernel: given with flash: the partition boots its "
		     "flash bank 0");
	expect_error("", FW("kernel = <&img0>; flash-address = <0 0>;"),
		     "/chosen/bulkhead/fw: flash-address: given without flash");
	expect_error("", FW("flash = <&img0>; initrd = <&img1>;"),
		     "/chosen/bulkhead/fw: initrd: given without kernel");
	expect_error("", FW("flash = <&img0>; kernel-address = <0 0x40000000>;"),
		     "/chosen/bulkhead/fw: kernel-address: given without kernel");
	expect_error("", FW("flash = <&img0>; flash-address = <0x0>;"),
		     "/chosen/bulkhead/fw: flash-address: must be one address of 2 cell(s)");
	expect_error("", FW("flash = <&img0>; flash-address = <0 0x800>;"),
		     "/chosen/bulkhead/fw: flash-address: 0x800 is not 4 KiB aligned");
}

static void test_flash_guest_map(void **state)
{
	(void)state;
	expect_error("", FW("flash = <&img0>; flash-address = <0 0x3e000000>;"),
		     "/chosen/bulkhead/fw: flash-address: flash bank 0 0x3e000000-0x41ffffff "
		     "overlaps guest RAM 0x40000000-0x43ffffff");
	expect_error("", FW(FLASH2 " flash-address = <0 0x06000000>;"),
		     "/chosen/bulkhead/fw: flash-address: flash bank 0 0x6000000-0x9ffffff "
		     "overlaps the guest's GIC distributor");
	expect_error("", FW("flash = <&img0>; flash-address = <0xff 0xfe000000>;"),
		     "flash bank 0 0xfffe000000 + 0x4000000 exceeds the 40-bit guest-physical "
		     "space");
	expect_error("", FW("flash = <&img0>; flash-address = <0 0x09010000>; devices = <&rtc>;"),
		     "/chosen/bulkhead/fw: flash-address: flash bank 0 0x9010000-0xd00ffff "
		     "overlaps device /pl031@9010000 (mapped at its physical address)");
	expect_error("", FW("flash = <&img0>; flash-address = <0 0x0a000000>;"),
		     "overlaps the guest's emulated watchdog");
}

static void test_flash_module_pages(void **state)
{
	(void)state;
	/* A module whose pages are not its own cannot be mapped by pages. */
	expect_error("",
		     "odd: module@45000800 { compatible = \"bulkhead,module\";"
		     " reg = <0 0x45000800 0 0x1000>; };\n" FW("flash = <&odd>;"),
		     "/chosen/bulkhead/fw: flash: module /chosen/bulkhead/module@45000800 at "
		     "0x45000800 is not 4 KiB aligned: a flash bank maps its pages");
	expect_error(
		"",
		"a: module@45000000 { compatible = \"bulkhead,module\";"
		" reg = <0 0x45000000 0 0x800>; };\n"
		"b: module@45000800 { compatible = \"bulkhead,module\";"
		" reg = <0 0x45000800 0 0x800>; };\n" FW("flash = <&a>;"),
		"/chosen/bulkhead/fw: flash: module /chosen/bulkhead/module@45000000: its last "
		"page 0x45000000 also holds module 0x45000800-0x45000fff (a flash bank maps "
		"whole pages)");
	expect_error("",
		     "big: module@50000000 { compatible = \"bulkhead,module\";"
		     " reg = <0 0x50000000 0 0x4001000>; };\n" FW("flash = <&big>;"),
		     "is larger than a flash bank (0x4000000 bytes)");
}

static void test_placement_rules(void **state)
{
	(void)state;
	expect_error("", FW("flash = <&img0>; dtb-address = <0 0x3fff0000>;"),
		     "/chosen/bulkhead/fw: dtb-address: guest DTB 0x3fff0000-0x3fffffff is not "
		     "inside guest RAM 0x40000000-0x43ffffff (in one of its memory ranges)");
	expect_error("", FW("flash = <&img0>; dtb-address = <0 0x40000100>;"),
		     "/chosen/bulkhead/fw: dtb-address: 0x40000100 is not 4 KiB aligned");
	expect_error("", FW("kernel = <&img0>; kernel-address = <0 0x43f80000>;"),
		     "/chosen/bulkhead/fw: kernel-address: kernel 0x43f80000-0x4407ffff is not "
		     "inside guest RAM");
	expect_error("", FW("kernel = <&img0>; dtb-address = <0 0x40080000>;"),
		     "/chosen/bulkhead/fw: dtb-address: guest DTB 0x40080000-0x4008ffff overlaps "
		     "/chosen/bulkhead/module@42000000");
}

/* The boot's view of modules (no image is read here: no kernel). */
static int no_read(void *ctx, uint64_t phys, void *buf, size_t len)
{
	(void)ctx, (void)phys, (void)buf, (void)len;
	return -1;
}

static void test_flash_not_loaded_at_boot(void **state)
{
	struct fixture f;
	char dts[2048];

	(void)state;
	snprintf(dts, sizeof(dts), BH_HEAD "%s" BH_TAIL, FW("flash = <&img2>;"));
	/* A reader: the boot's view, where modules must have been loaded. */
	assert_int_not_equal(fix_load_ex(&f, dts, NULL, no_read, NULL), 0);
	assert_error(&f, "/chosen/bulkhead/fw: flash: image not loaded: module "
			 "/chosen/bulkhead/module@44000000 has size 0");
	fix_free(&f);
}

/* ------------------------------------------------------- table verification */

/* Builds the stage 2 of FW(FLASH2), optionally with @extra mapped too; verifies it. */
static int verify_flash(struct tf_sink *s, uint64_t ipa, uint64_t pa, uint64_t attrs)
{
	struct fixture f;
	struct layout_diag d = {.report = tf_sink_report, .ctx = s};
	struct layout_verify *v = malloc(sizeof(*v));
	struct tf_tables *t = tf_new();
	struct s2_verify_stats st;
	int err;

	assert_non_null(v);
	assert_non_null(t);
	load_valid(&f, FW(FLASH2));
	assert_int_equal(tf_build_s2(t, f.l), 0);
	if (attrs)
		assert_int_equal(s2_map(&t->s2[0], &t->pool, ipa, pa, 0x1000, attrs), 0);
	err = s2_verify_partition(f.l, &f.l->parts[0], &t->s2[0], &t->pool, &d, v, &st);
	if (!attrs)
		assert_int_equal(st.pages, 0x4000 + 2 * 0x100); /* RAM + the two modules */
	tf_free(t);
	free(v);
	fix_free(&f);
	return err;
}

static void test_verify_accepts_flash(void **state)
{
	struct tf_sink s = {0};

	(void)state;
	assert_int_equal(verify_flash(&s, 0, 0, 0), 0);
	assert_int_equal(s.n, 0);
}

static void test_verify_rejects_writable_flash(void **state)
{
	struct tf_sink s = {0};

	(void)state;
	/* Bank 0's first page made writable: */
	assert_int_not_equal(verify_flash(&s, 0x0, 0x42000000, S2_NORMAL_RWX), 0);
	assert_true(tf_sink_has(&s, "stage-2 maps 0x0 -> 0x42000000 as", NULL));
	assert_true(tf_sink_has(&s,
				"expected its flash bank 0 0x0-0xfffff -> module "
				"/chosen/bulkhead/module@42000000 0x42000000, Normal WB "
				"read-only executable",
				NULL));
}

static void test_verify_rejects_module_past_the_bank(void **state)
{
	struct tf_sink s = {0};

	(void)state;
	/* One page more than the module, read-only: not the partition's. */
	assert_int_not_equal(verify_flash(&s, 0x100000, 0x42100000, S2_NORMAL_RX), 0);
	assert_true(tf_sink_has(&s, "maps 0x100000 -> 0x42100000 which is not its own", NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flash_banks_placed),
		cmocka_unit_test(test_flash_address_and_dtb_address),
		cmocka_unit_test(test_kernel_address),
		cmocka_unit_test(test_flash_rules),
		cmocka_unit_test(test_flash_guest_map),
		cmocka_unit_test(test_flash_module_pages),
		cmocka_unit_test(test_placement_rules),
		cmocka_unit_test(test_flash_not_loaded_at_boot),
		cmocka_unit_test(test_verify_accepts_flash),
		cmocka_unit_test(test_verify_rejects_writable_flash),
		cmocka_unit_test(test_verify_rejects_module_past_the_bank),
	};

	return cmocka_run_group_tests_name("firmware", tests, NULL, NULL);
}
