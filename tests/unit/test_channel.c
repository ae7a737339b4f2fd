// SPDX-License-Identifier: GPL-2.0-only
/*
 * Channels (partitions/channel.c): what validation decides when the layout
 * leaves it to Bulkhead -- where a region given by size goes, each
 * endpoint's default guest-physical address and doorbell SPI -- and the
 * ownership map's view of a channel. Error messages are the invalid-DT
 * corpus's (tests/invalid-dt/channel-*.dts).
 */
#include "layout_fixture.h"

#include <partitions/channel.h>

/* p0 and p1, 64 MiB each at 0x50000000 and 0x54000000 (guest 0x40000000). */
#define TWO                                                                                        \
	"p0: p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"                            \
	" memory = <0 0x50000000 0 0x4000000>; kernel = <&img0>; devices = <&rtc>; };\n"           \
	"p1: p1 { compatible = \"bulkhead,partition\"; cpus = <&cpu1>;"                            \
	" memory = <0 0x54000000 0 0x4000000>; kernel = <&img0>; };\n"

#define CHAN(name, region, a, b)                                                                   \
	"channel-" name " { compatible = \"bulkhead,channel\"; " region                            \
	"; a { partition = <&p0>; " a " }; b { partition = <&p1>; " b " }; };\n"

static struct fixture *load(const char *body)
{
	static struct fixture f;

	load_valid(&f, body);
	return &f;
}

static void test_placed_at_the_top_of_ram(void **state)
{
	struct fixture *f = load(TWO CHAN("a", "size = <0 0x10000>", "", "")
					 CHAN("b", "size = <0 0x4000>", "", ""));
	const struct layout_channel *a = &f->l->channels[0], *b = &f->l->channels[1];

	(void)state;
	/* qemu-virt.dtsi: RAM 0x40000000-0xbfffffff; the first channel takes its top. */
	assert_true(a->placed && b->placed);
	assert_true(a->phys == 0xbfff0000 && a->size == 0x10000);
	assert_true(b->phys == 0xbffec000); /* just below, clear of the first */
	assert_string_equal(a->name, "a");
	fix_free(f);
}

static void test_placement_skips_owned_ranges(void **state)
{
	/* A given channel and a partition at the top of RAM: the placed one goes below both. */
	struct fixture *f =
		load(TWO "p2: p2 { compatible = \"bulkhead,partition\"; cpus = <&cpu2>;"
			 " memory = <0 0xbc000000 0 0x4000000>; kernel = <&img0>; };\n" CHAN(
				 "given", "reg = <0 0xbbff0000 0 0x10000>", "", "")
				 CHAN("placed", "size = <0 0x20000>", "", ""));

	(void)state;
	assert_false(f->l->channels[0].placed);
	assert_true(f->l->channels[1].phys == 0xbbfd0000);
	fix_free(f);
}

/*
 * A region of 2 MiB or more is placed 2 MiB aligned (attack4 review): right
 * under a 64 KiB channel, a 512 MiB one sat 64 KiB aligned, so stage 2 mapped
 * it in 4 KiB pages, more level-3 tables than the pool has (tools/pool_check.c
 * refused the layout, blaming "p1: devices").
 */
static void test_large_region_is_block_aligned(void **state)
{
	struct fixture *f = load(TWO CHAN("a", "size = <0 0x10000>", "", "")
					 CHAN("big", "size = <0 0x20000000>", "", ""));
	const struct layout_channel *big = &f->l->channels[1];

	(void)state;
	assert_true(big->phys == 0x9fe00000); /* below 0xbfff0000, 2 MiB aligned */
	assert_true((big->ep[0].ipa % 0x200000) == 0 && (big->ep[1].ipa % 0x200000) == 0);
	fix_free(f);
}

/*
 * A size the parser refused is reported once (attack4 review): the channel was
 * still placed and owned at 0 with that size, and every board range under
 * 4 GiB was reported as overlapping it, before and after the real error.
 */
static void test_bad_size_reported_once(void **state)
{
	struct fixture f;
	char dts[4096];

	(void)state;
	snprintf(dts, sizeof(dts), BH_HEAD "%s" BH_TAIL,
		 TWO CHAN("huge", "size = <1 0>", "doorbell;", "doorbell; interface = \"pci\";"));
	assert_int_not_equal(fix_load(&f, dts), 0);
	assert_error(&f, "a channel is 4 KiB aligned, 0x2000 to 0x40000000 bytes");
	if (f.d.errors != 1U) {
		fix_dump(&f);
		fail_msg("%u errors, not 1", f.d.errors);
	}
	fix_free(&f);
}

static void test_default_guest_address_and_spi(void **state)
{
	struct fixture *f = load(TWO CHAN("a", "size = <0 0x10000>", "doorbell;", "doorbell;") CHAN(
		"b", "size = <0 0x10000>", "doorbell;", "access = \"ro\";"));
	const struct layout_channel *a = &f->l->channels[0], *b = &f->l->channels[1];

	(void)state;
	/* After the guest's RAM (0x40000000 + 64 MiB), 2 MiB aligned, one after the other. */
	assert_true(a->ep[0].ipa == 0x44000000 && a->ep[1].ipa == 0x44000000);
	assert_true(b->ep[0].ipa == 0x44200000 && b->ep[1].ipa == 0x44200000);
	assert_int_equal(a->ep[0].spi, CHANNEL_SPI_FIRST);
	assert_int_equal(b->ep[0].spi, CHANNEL_SPI_FIRST + 1); /* p0's second doorbell */
	assert_int_equal(a->ep[1].spi, CHANNEL_SPI_FIRST);
	assert_false(b->ep[1].doorbell);
	assert_true(b->ep[1].read_only && !a->ep[1].read_only);
	assert_int_equal(channel_window(a, &a->ep[0]), 0x10000 + CHANNEL_DOORBELL_SIZE);
	assert_int_equal(channel_window(b, &b->ep[1]), 0x10000);
	fix_free(f);
}

static void test_default_address_skips_taken_windows(void **state)
{
	/* p0's RAM at guest 0 ends at 0x07f00000: the next 2 MiB boundary is its GIC. */
	struct fixture *f =
		load("p0: p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0>;"
		     " memory = <0 0x50000000 0 0x7f00000>; guest-address = <0 0>;"
		     " kernel = <&img0>; };\n"
		     "p1: p1 { compatible = \"bulkhead,partition\"; cpus = <&cpu1>;"
		     " memory = <0 0x58000000 0 0x4000000>; kernel = <&img0>; };\n" CHAN(
			     "a", "size = <0 0x10000>", "", ""));

	(void)state;
	/* Past the distributor and p0's one redistributor frame (0x080a0000 + 0x20000). */
	assert_true(f->l->channels[0].ep[0].ipa == 0x08200000);
	fix_free(f);
	/* p0's default skips the window channel x was given there; p1's skips x's default. */
	f = load(TWO "channel-x { compatible = \"bulkhead,channel\"; size = <0 0x10000>;"
		     " a { partition = <&p0>; guest-address = <0 0x44000000>; };"
		     " b { partition = <&p1>; }; };\n" CHAN("y", "size = <0 0x10000>", "", ""));
	assert_true(f->l->channels[0].ep[1].ipa == 0x44000000);
	assert_true(f->l->channels[1].ep[0].ipa == 0x44200000);
	assert_true(f->l->channels[1].ep[1].ipa == 0x44200000);
	fix_free(f);
}

static void test_owned_by_the_channel(void **state)
{
	struct fixture *f = load(TWO CHAN("a", "reg = <0 0x5c000000 0 0x4000>", "", ""));
	const struct owner_range *r = owner_map_lookup(&f->l->owners, 0x5c001000);

	(void)state;
	assert_non_null(r);
	assert_int_equal(r->kind, OWN_CHANNEL);
	assert_int_equal(r->owner, OWNER_CHANNEL);
	assert_string_equal(owner_kind_name(r->kind), "channel");
	assert_null(owner_map_lookup(&f->l->owners, 0x5c004000)); /* plain RAM after it */
	fix_free(f);
}

static void test_endpoint_lookup(void **state)
{
	struct fixture *f = load(TWO CHAN("a", "size = <0 0x10000>", "", ""));
	uint32_t k = 9;

	(void)state;
	assert_non_null(channel_endpoint(&f->l->channels[0], 1, &k));
	assert_int_equal(k, 1);
	assert_null(channel_endpoint(&f->l->channels[0], 2, &k));
	fix_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_placed_at_the_top_of_ram),
		cmocka_unit_test(test_placement_skips_owned_ranges),
		cmocka_unit_test(test_default_guest_address_and_spi),
		cmocka_unit_test(test_default_address_skips_taken_windows),
		cmocka_unit_test(test_owned_by_the_channel),
		cmocka_unit_test(test_endpoint_lookup),
		cmocka_unit_test(test_large_region_is_block_aligned),
		cmocka_unit_test(test_bad_size_reported_once),
	};

	return cmocka_run_group_tests_name("channel", tests, NULL, NULL);
}
