// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of partitions/exec_state.c: the execution-state property, the
 * 32-bit zImage header read at boot (through layout.read_image), where a
 * zImage is placed, the image/property contradictions, the 4 GiB rule.
 */
#include "layout_fixture.h"

/* What the fake loader returns for module img0 (0x42000000): a header of that kind. */
enum fake_kind { RAW, ZIMAGE, ARM64 };

static int fake_read(void *ctx, uint64_t phys, void *buf, size_t len)
{
	enum fake_kind k = *(enum fake_kind *)ctx;
	uint8_t *b = buf;

	(void)phys;
	memset(buf, 0, len);
	if (k == ZIMAGE && len >= 0x28) {
		b[0x24] = 0x18, b[0x25] = 0x28, b[0x26] = 0x6f, b[0x27] = 0x01;
	} else if (k == ARM64 && len >= 0x3c) {
		b[0x38] = 'A', b[0x39] = 'R', b[0x3a] = 'M', b[0x3b] = 0x64;
	}
	return 0;
}

static const struct layout_range hyp = {0x40200000, 0x1000000};

static int load(struct fixture *f, const char *props, enum fake_kind *kind)
{
	char dts[2048];

	snprintf(dts, sizeof(dts),
		 BH_HEAD "p { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
			 " memory = <0 0x50000000 0 0x8000000>; kernel = <&img0>; %s };\n" BH_TAIL,
		 props);
	return fix_load_ex(f, dts, kind ? &hyp : NULL, kind ? fake_read : NULL, kind);
}

static void test_property(void **state)
{
	struct fixture f;

	(void)state;
	assert_int_equal(load(&f, "", NULL), 0);
	assert_false(f.l->parts[0].aarch32);
	fix_free(&f);
	assert_int_equal(load(&f, "execution-state = \"aarch32\";", NULL), 0);
	assert_true(f.l->parts[0].aarch32);
	assert_true(f.l->parts[0].exec_state_given);
	assert_int_equal(f.l->parts[0].entry_ipa, 0x40000000);
	fix_free(&f);
	assert_int_not_equal(load(&f, "execution-state = \"aarch32\", \"x\";", NULL), 0);
	assert_error(&f, "execution-state: must be \"aarch64\" or \"aarch32\"");
	fix_free(&f);
}

static void test_zimage(void **state)
{
	enum fake_kind k = ZIMAGE;
	struct fixture f;

	(void)state;
	/* A zImage is AArch32 without the property; 128 MiB of RAM: 32 MiB above the base. */
	assert_int_equal(load(&f, "", &k), 0);
	assert_true(f.l->parts[0].aarch32);
	assert_false(f.l->parts[0].exec_state_given);
	assert_int_equal(f.l->parts[0].kernel.load_ipa, 0x42000000);
	assert_int_equal(f.l->parts[0].entry_ipa, 0x42000000);
	fix_free(&f);
	assert_int_not_equal(load(&f, "execution-state = \"aarch64\";", &k), 0);
	assert_error(&f, "\"aarch64\" but kernel");
	fix_free(&f);
	/* An arm64 Image that says aarch32. */
	k = ARM64;
	assert_int_not_equal(load(&f, "execution-state = \"aarch32\";", &k), 0);
	assert_error(&f, "\"aarch32\" but kernel");
	fix_free(&f);
	/* A raw binary: the property decides. */
	k = RAW;
	assert_int_equal(load(&f, "execution-state = \"aarch32\";", &k), 0);
	assert_true(f.l->parts[0].aarch32);
	fix_free(&f);
}

static void test_below_4g(void **state)
{
	struct fixture f;

	(void)state;
	assert_int_not_equal(
		load(&f, "execution-state = \"aarch32\"; guest-address = <0x1 0x0>;", NULL), 0);
	assert_error(&f, "must lie below 4 GiB");
	fix_free(&f);
	/* AArch64 there is fine. */
	assert_int_equal(load(&f, "guest-address = <0x1 0x0>;", NULL), 0);
	fix_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_property),
		cmocka_unit_test(test_zimage),
		cmocka_unit_test(test_below_4g),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
