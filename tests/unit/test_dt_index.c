// SPDX-License-Identifier: GPL-2.0-only
/*
 * partitions/dt_index.c against libfdt: on the board's tree plus a layout with
 * phandles, same-named siblings and unit addresses, every lookup the index
 * answers must equal libfdt's own walk, for every node; trees it does not
 * index (another blob, a dropped index) must get libfdt's answers too.
 */
#include "layout_fixture.h"

#include <partitions/dt.h>

static const char *const tree = BH_HEAD PART("p0", "cpu0", "0x50000000") BH_TAIL
	"/ { bus@1000 { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>;\n"
	"ranges; a: dev@1000 { compatible = \"x,dev\"; reg = <0x1000 0x10>; };\n"
	"dev@2000 { compatible = \"x,other\", \"x,dev\"; reg = <0x2000 0x10>; };\n"
	"dev { phandle = <0x77>; };\n"
	"old { linux,phandle = <0x88>; status = \"ok\"; #address-cells = <0>; #size-cells = <5>; "
	"};\n"
	"off { status = \"disabled\"; #address-cells = <1 2>; }; \n"
	"odd { status = \"okay\", \"x\"; #size-cells = <0>; }; both { phandle = <0x99>; "
	"linux,phandle = <0x99>; }; sub "
	"{ deep { deeper { x = <&a>; }; }; }; }; };\n";

/* A property that is exactly the string @s (one string, NUL-terminated). */
static bool str_is(const char *v, int len, const char *s)
{
	return len == (int)strlen(s) + 1 && memcmp(v, s, (size_t)len) == 0;
}

static void *load(void)
{
	void *fdt = fix_compile(tree);

	assert_non_null(fdt);
	assert_int_equal(dt_index_build(fdt), 0);
	assert_true(dt_indexed(fdt));
	return fdt;
}

/* Every node: parent, path both ways, phandle, ancestors agree with libfdt. */
static void test_every_node(void **state)
{
	void *fdt = load();
	int off = 0, depth = 0, n = 0;
	char path[256];

	(void)state;
	for (; off >= 0 && depth >= 0; off = fdt_next_node(fdt, off, &depth), n++) {
		uint32_t ph = fdt_get_phandle(fdt, off);
		int offs[32], len = 0, len2 = 0;
		const char *st;

		assert_int_equal(dt_parent(fdt, off), fdt_parent_offset(fdt, off));
		assert_int_equal(fdt_get_path(fdt, off, path, sizeof(path)), 0);
		/* Not always @off: libfdt matches "dev" to an earlier "dev@1000" too. */
		assert_int_equal(dt_path_offset(fdt, path), fdt_path_offset(fdt, path));
		if (ph)
			assert_int_equal(dt_node_by_phandle(fdt, ph),
					 fdt_node_offset_by_phandle(fdt, ph));
		assert_int_equal(dt_ancestors(fdt, off, offs, 32), fdt_node_depth(fdt, off));
		assert_int_equal(dt_address_cells(fdt, off), fdt_address_cells(fdt, off));
		assert_int_equal(dt_size_cells(fdt, off), fdt_size_cells(fdt, off));
		assert_ptr_equal(dt_reg_prop(fdt, off, &len), fdt_getprop(fdt, off, "reg", &len2));
		assert_int_equal(len, len2);
		for (int k = 0; k < 5; k++) {
			const char *names[] = {"ranges", "device_type", "compatible", "reg", "x"};

			assert_ptr_equal(dt_getprop(fdt, off, names[k], &len),
					 fdt_getprop(fdt, off, names[k], &len2));
			assert_int_equal(len, len2);
		}
		st = fdt_getprop(fdt, off, "status", &len2);
		assert_int_equal(dt_index_status_ok(fdt, off),
				 !st || str_is(st, len2, "okay") || str_is(st, len2, "ok"));
	}
	assert_true(n > 30);
	/* The same walk through the index. */
	for (off = 0, depth = 0, n = 0; off >= 0;) {
		int d2 = depth, o2 = fdt_next_node(fdt, off, &d2);

		off = dt_next_node(fdt, off, &depth);
		if (o2 < 0 || d2 < 0)
			break; /* libfdt's end: past the root's END_NODE */
		assert_int_equal(off, o2);
		assert_int_equal(depth, d2);
		n++;
	}
	assert_true(n > 30);
	free(fdt);
}

/* Misses, unit-address-less names, compatible scans, and libfdt's errors. */
static void test_lookups(void **state)
{
	void *fdt = load();
	int a = dt_path_offset(fdt, "/bus@1000/dev@1000"), o = -1, b = -1;

	(void)state;
	assert_true(a > 0);
	assert_int_equal(dt_path_offset(fdt, "/bus/dev"), fdt_path_offset(fdt, "/bus/dev"));
	assert_int_equal(dt_path_offset(fdt, "//bus@1000//sub/deep/"),
			 fdt_path_offset(fdt, "//bus@1000//sub/deep/"));
	assert_int_equal(dt_path_offset(fdt, "/nope"), -FDT_ERR_NOTFOUND);
	assert_int_equal(dt_path_offset(fdt, "/"), 0);
	assert_int_equal(dt_node_by_phandle(fdt, 0), fdt_node_offset_by_phandle(fdt, 0));
	assert_int_equal(dt_node_by_phandle(fdt, 0x12345), -FDT_ERR_NOTFOUND);
	for (uint32_t ph = 0x88; ph <= 0x99; ph++)
		assert_int_equal(dt_node_by_phandle(fdt, ph), fdt_node_offset_by_phandle(fdt, ph));
	assert_true(dt_node_by_phandle(fdt, 0x88) > 0);
	assert_string_equal(fdt_get_name(fdt, dt_node_by_phandle(fdt, 0x77), NULL), "dev");
	assert_int_equal(dt_path_offset(fdt, "/bus@1000/dev"), a); /* libfdt: "dev" is dev@1000 */
	assert_int_equal(dt_parent(fdt, 0), fdt_parent_offset(fdt, 0));
	assert_int_equal(dt_parent(fdt, a + 1), fdt_parent_offset(fdt, a + 1)); /* not a node */
	do {
		o = dt_next_prop_value(fdt, o, "device_type", "memory", sizeof("memory"));
		b = fdt_node_offset_by_prop_value(fdt, b, "device_type", "memory",
						  sizeof("memory"));
		assert_int_equal(o, b);
	} while (o >= 0);
	assert_int_equal(b, -FDT_ERR_NOTFOUND);
	o = b = -1;
	do {
		o = dt_next_compatible(fdt, o, "x,dev");
		b = fdt_node_offset_by_compatible(fdt, b, "x,dev");
		assert_int_equal(o, b);
	} while (o >= 0);
	free(fdt);
}

/* Another tree, or a dropped index: libfdt answers. */
static void test_not_indexed(void **state)
{
	void *fdt = load(), *other = fix_compile(tree);
	int a = fdt_path_offset(other, "/bus@1000/dev@1000");

	(void)state;
	assert_false(dt_indexed(other));
	assert_int_equal(dt_parent(other, a), fdt_parent_offset(other, a));
	assert_int_equal(dt_path_offset(other, "/bus@1000/dev@1000"), a);
	assert_int_equal(dt_ancestors(other, a, (int[4]){0}, 4), -1);
	dt_index_drop();
	assert_false(dt_indexed(fdt));
	assert_int_equal(dt_node_by_phandle(fdt, 0x77), fdt_node_offset_by_phandle(fdt, 0x77));
	free(other);
	free(fdt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_node),
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_not_indexed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
