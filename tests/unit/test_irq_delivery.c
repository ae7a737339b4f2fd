// SPDX-License-Identifier: GPL-2.0-only
/*
 * interrupt-delivery (partitions/irq_delivery.c): "trap" is the default and
 * valid, anything else but "direct" is malformed, "direct" is parsed but
 * refused (docs/design.md "Direct interrupt delivery"), and a layout where
 * every partition is "direct" is also reported on its own rule.
 */
#include "layout_fixture.h"

#define DIRECT_REFUSED "interrupt-delivery: \"direct\" is refused"
#define ALL_DIRECT     "interrupt-delivery: every partition is \"direct\""

static unsigned int count_errors(const struct fixture *f, const char *fragment)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < f->nmsgs; i++)
		n += strstr(f->msgs[i], fragment) != NULL;
	return n;
}

static void test_default_is_trap(void **state)
{
	struct fixture f;

	(void)state;
	assert_int_equal(fix_load_parts(&f, PART_X("p0", "cpu0", "0x48000000", "")), 0);
	assert_no_errors(&f);
	assert_int_equal(f.l->parts[0].irq_delivery, LAYOUT_IRQ_TRAP);
	fix_free(&f);
	assert_int_equal(fix_load_parts(&f, PART_X("p0", "cpu0", "0x48000000",
						   "interrupt-delivery = \"trap\";")),
			 0);
	assert_no_errors(&f);
	assert_int_equal(f.l->parts[0].irq_delivery, LAYOUT_IRQ_TRAP);
	fix_free(&f);
}

static void test_malformed(void **state)
{
	struct fixture f;

	(void)state;
	assert_int_not_equal(fix_load_parts(&f, PART_X("p0", "cpu0", "0x48000000",
						       "interrupt-delivery = \"fast\";")),
			     0);
	assert_error(&f, "/chosen/bulkhead/p0: interrupt-delivery: unknown delivery 'fast' "
			 "(must be \"trap\" or \"direct\")");
	assert_int_equal(f.l->parts[0].irq_delivery, LAYOUT_IRQ_TRAP);
	fix_free(&f);
	assert_int_not_equal(
		fix_load_parts(&f, PART_X("p0", "cpu0", "0x48000000", "interrupt-delivery = <1>;")),
		0);
	assert_error(&f, "/chosen/bulkhead/p0: interrupt-delivery: must be a string");
	fix_free(&f);
	assert_int_not_equal(
		fix_load_parts(&f, PART_X("p0", "cpu0", "0x48000000",
					  "interrupt-delivery = \"direct\", \"trap\";")),
		0);
	assert_error(&f, "/chosen/bulkhead/p0: interrupt-delivery: must be a string");
	fix_free(&f);
}

/* One direct partition beside a trap one: parsed as direct, refused once, on its node. */
static void test_direct_refused(void **state)
{
	struct fixture f;

	(void)state;
	assert_int_not_equal(fix_load_parts(&f, PART_X("p0", "cpu0", "0x48000000", "")
							PART_X("p1", "cpu1", "0x4c000000",
							       "interrupt-delivery = \"direct\";")),
			     0);
	assert_int_equal(f.l->parts[1].irq_delivery, LAYOUT_IRQ_DIRECT);
	assert_error(&f, "/chosen/bulkhead/p1: " DIRECT_REFUSED);
	assert_int_equal(count_errors(&f, DIRECT_REFUSED), 1);
	assert_int_equal(count_errors(&f, ALL_DIRECT), 0);
	assert_int_equal(f.d.errors, 1);
	fix_free(&f);
}

/* Every partition direct: each refused, and the layout rule reported once, on the last. */
static void test_all_direct(void **state)
{
	struct fixture f;

	(void)state;
	assert_int_not_equal(fix_load_parts(&f, PART_X("p0", "cpu0", "0x48000000",
						       "interrupt-delivery = \"direct\";")
							PART_X("p1", "cpu1", "0x4c000000",
							       "interrupt-delivery = \"direct\";")),
			     0);
	assert_int_equal(count_errors(&f, DIRECT_REFUSED), 2);
	assert_int_equal(count_errors(&f, ALL_DIRECT), 1);
	assert_error(&f, "/chosen/bulkhead/p1: " ALL_DIRECT);
	fix_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_is_trap),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_direct_refused),
		cmocka_unit_test(test_all_direct),
	};

	return cmocka_run_group_tests_name("irq_delivery", tests, NULL, NULL);
}
