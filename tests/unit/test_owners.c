// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ownership map (partitions/owners.c): what it holds for a valid layout,
 * lookups (paged device ranges own whole pages), the invariants checked on
 * the whole table (one owner per byte, RAM is not a device, one owner per
 * SPI), DMA masters, the printed map, and shortened paths.
 */
#include "layout_fixture.h"

#include <partitions/dt.h>

/* Two partitions: RAM remapped for p0, identity for p1 with an opted-in virtio. */
static const char *const layout_dts = BH_HEAD
	"p0 { compatible = \"bulkhead,partition\"; cpus = <&cpu0 &cpu1>;"
	" memory = <0 0x48000000 0 0x4000000 0 0x50000000 0 0x2000000>;"
	" devices = <&rtc>; kernel = <&img0>; };\n"
	"p1 { compatible = \"bulkhead,partition\"; cpus = <&cpu2>;"
	" memory = <0 0x58000000 0 0x4000000>; guest-address = <0 0x58000000>;"
	" devices = <&virtio_mmio1 &gpio>; dma-unconfined = <&virtio_mmio1>; kernel = <&img1>; "
	"};\n" BH_TAIL;

static void load(struct fixture *f)
{
	assert_int_equal(fix_load(f, layout_dts), 0);
	assert_no_errors(f);
	assert_true(f->l->owners.built);
}

static void test_map_contents(void **state)
{
	struct fixture f;
	const struct owner_map *m;
	const struct owner_range *r;

	load(&f);
	m = &f.l->owners;
	/* Sorted by (page-rounded) first byte. */
	for (uint32_t i = 1; i < m->n; i++)
		assert_true((m->r[i - 1].paged ? m->r[i - 1].base & ~0xfffULL : m->r[i - 1].base) <=
			    (m->r[i].paged ? m->r[i].base & ~0xfffULL : m->r[i].base));
	r = owner_map_lookup(m, 0x40200000);
	assert_non_null(r);
	assert_int_equal(r->kind, OWN_HYP);
	assert_int_equal(r->owner, OWNER_BULKHEAD);
	r = owner_map_lookup(m, 0x50001000);
	assert_non_null(r);
	assert_int_equal(r->kind, OWN_PART_RAM);
	assert_int_equal(r->owner, 0);
	assert_int_equal(r->ipa, 0x44000000); /* after the first 64 MiB range */
	r = owner_map_lookup(m, 0x8000000);
	assert_non_null(r);
	assert_int_equal(r->kind, OWN_GICD);
	r = owner_map_lookup(m, 0x80c0000); /* core 1's redistributor frame */
	assert_non_null(r);
	assert_int_equal(r->kind, OWN_GICR);
	assert_int_equal(r->index, 1);
	r = owner_map_lookup(m, 0x9000fff);
	assert_non_null(r);
	assert_int_equal(r->kind, OWN_CONSOLE);
	r = owner_map_lookup(m, 0x42000000);
	assert_non_null(r);
	assert_int_equal(r->kind, OWN_MODULE);
	/* A 0x200-byte virtio-mmio node owns its whole page. */
	r = owner_map_lookup(m, 0xa000000);
	assert_non_null(r);
	assert_int_equal(r->kind, OWN_PART_DEV);
	assert_int_equal(r->owner, 1);
	assert_int_equal(r->base, 0xa000200);
	assert_true(r->paged);
	/* Nobody's: a hole outside RAM, and plain RAM. */
	assert_null(owner_map_lookup(m, 0x20000000));
	assert_null(owner_map_lookup(m, 0x70000000));
	assert_true(owner_map_in_ram(m, 0x70000000, 0x1000));
	assert_false(owner_map_in_ram(m, 0xbffff000, 0x2000));
	fix_free(&f);
}

/* The invariant itself, checked independently of owners.c on an accepted layout. */
static void test_one_owner_per_page(void **state)
{
	struct fixture f;
	const struct owner_map *m;

	load(&f);
	m = &f.l->owners;
	for (uint32_t i = 0; i < m->n; i++)
		for (uint32_t j = i + 1; j < m->n; j++) {
			const struct owner_range *a = &m->r[i], *b = &m->r[j];
			uint64_t a0 = a->base & ~0xfffULL, a1 = (a->base + a->size - 1) | 0xfff;
			uint64_t b0 = b->base & ~0xfffULL, b1 = (b->base + b->size - 1) | 0xfff;

			if (a->kind == OWN_RAM || b->kind == OWN_RAM || a->owner == b->owner)
				continue;
			if (a0 <= b1 && b0 <= a1)
				fail_msg("ranges %u and %u share a page", i, j);
		}
	fix_free(&f);
}

static void test_warning_for_unconfined_dma(void **state)
{
	struct fixture f;

	load(&f);
	assert_int_equal(f.d.warnings, 1);
	assert_true(f.l->parts[1].devices[0].dma_unconfined);
	assert_true(f.l->parts[1].devices[0].dma_capable);
	assert_false(f.l->parts[1].devices[1].dma_capable); /* pl061 */
	fix_free(&f);
}

static void test_conflicts(void **state)
{
	/* A device over another partition's RAM is the device's partition's fault. */
	expect_error("/ { evil: gpio@4c000000 { compatible = \"arm,pl061\";"
		     " reg = <0 0x4c000000 0 0x1000>; }; };",
		     PART("p0", "cpu0", "0x4c000000")
			     PART_X("p1", "cpu1", "0x50000000", "devices = <&evil>;"),
		     "/chosen/bulkhead/p1: devices: /gpio@4c000000 0x4c000000-0x4c000fff overlaps "
		     "partition 'p0' (0x4c000000-0x4fffffff)");
	/* Through a bus's ranges, over the SMMU. */
	expect_error("/ { bus@9000000 { compatible = \"simple-bus\"; #address-cells = <1>;"
		     " #size-cells = <1>; ranges = <0 0 0x9000000 0x100000>;"
		     " evil: gpio@50000 { compatible = \"arm,pl061\"; reg = <0x50000 0x1000>; };"
		     " }; };",
		     PART_X("p0", "cpu0", "0x48000000", "devices = <&evil>;"),
		     "/chosen/bulkhead/p0: devices: /bus@9000000/gpio@50000 shares the 4 KiB page "
		     "0x9050000 with Bulkhead's SMMU /smmuv3@9050000");
	/* RAM over a device nobody is given. */
	expect_error(
		"&memory { reg = <0 0x40000000 0 0x80000000 0 0x9030000 0 0x1000>; };",
		PART("p0", "cpu0", "0x48000000"),
		"/memory@40000000: reg: RAM 0x9030000-0x9030fff overlaps device /pl061@9030000 "
		"(0x9030000-0x9030fff)");
	/* An SPI of Bulkhead's console. */
	expect_error(
		"/ { d: gpio@9100000 { compatible = \"arm,pl061\"; reg = <0 0x9100000 0 0x1000>;"
		" interrupts = <0 1 4>; }; };",
		PART_X("p0", "cpu0", "0x48000000", "devices = <&d>;"),
		"/chosen/bulkhead/p0: devices: /gpio@9100000: INTID 33 is Bulkhead's (its console "
		"UART /pl011@9000000)");
}

static void test_dma_rules(void **state)
{
	expect_error("", PART_X("p0", "cpu0", "0x48000000", "devices = <&virtio_mmio0>;"),
		     "/chosen/bulkhead/p0: devices: /virtio_mmio@a000000 can master DMA and has no "
		     "SMMU stream ID");
	expect_error(
		"",
		PART_X("p0", "cpu0", "0x48000000",
		       "devices = <&virtio_mmio0>; dma-unconfined = <&virtio_mmio0>;"),
		"/chosen/bulkhead/p0: dma-unconfined: /virtio_mmio@a000000 is an unconfined DMA "
		"master: the partition's memory must be identity-mapped");
}

static void test_print_map(void **state)
{
	struct fixture f;

	load(&f);
	fix_print_clear();
	layout_print_map(f.l, fix_print_sink);
	assert_printed("  0x0000000000000000-0x0000000007ffffff  hole      -");
	assert_printed("  0x0000000040200000-0x00000000411fffff  bulkhead  bulkhead"
		       "        /chosen/bulkhead reg 0\n");
	assert_printed("  0x0000000050000000-0x0000000051ffffff  part-ram  p0"
		       "              /chosen/bulkhead/p0 memory 1 -> ipa 0x44000000\n");
	assert_printed("  0x000000000a000200-0x000000000a0003ff  part-dev  p1"
		       "              /virtio_mmio@a000200 reg 0\n");
	assert_printed("unassigned RAM\n");
	assert_printed("    33  bulkhead        /pl011@9000000 (console UART)\n");
	assert_printed("  MPIDR 0x2  p1              /cpus/cpu@2 (vCPU 0)\n");
	fix_free(&f);
}

static void test_short_path(void **state)
{
	struct fixture f;
	char buf[LAYOUT_PATH_MAX];
	int node;

	assert_int_equal(fix_load(&f,
				  "/ { a-rather-long-bus-name-number-one { "
				  "b-rather-long-bus-name-number-two {"
				  " c-rather-long-bus-name-number-three { the-device@1234 { }; }; "
				  "}; }; };\n" BH_HEAD PART("p0", "cpu0", "0x48000000") BH_TAIL),
			 0);
	node = fdt_path_offset(f.fdt,
			       "/a-rather-long-bus-name-number-one/b-rather-long-bus-name-"
			       "number-two/c-rather-long-bus-name-number-three/the-device@1234");
	assert_true(node > 0);
	dt_path(f.fdt, node, buf, sizeof(buf));
	assert_int_equal(strlen(buf), sizeof(buf) - 1);
	assert_memory_equal(buf, "/a-rather-long-bus-name-number...", 33);
	assert_string_equal(buf + strlen(buf) - 16, "/the-device@1234");
	dt_path(f.fdt, 0, buf, sizeof(buf));
	assert_string_equal(buf, "/");
	dt_path(f.fdt, -1, buf, sizeof(buf));
	assert_string_equal(buf, "(no node)");
	fix_free(&f);
}

/* layout_check_file(): the bytes of a file, with the header's totalsize checked first. */
static int check_bytes(struct fixture *f, const void *src, size_t size)
{
	void *buf = malloc(size + 1);
	int err;

	memcpy(buf, src, size);
	memset(&f->d, 0, sizeof(f->d));
	f->d.report = fix_report;
	f->d.ctx = f;
	f->nmsgs = 0;
	err = layout_check_file(f->l, buf, size, &f->d);
	free(buf);
	return err;
}

static void test_check_file(void **state)
{
	struct fixture f;
	size_t total;
	uint8_t *big;

	load(&f);
	total = fdt_totalsize(f.fdt);
	assert_int_equal(check_bytes(&f, f.fdt, total), 0);
	assert_int_not_equal(check_bytes(&f, f.fdt, total - 1), 0);
	assert_error(&f, "/: -: not a valid flattened device tree: the header's totalsize is");
	assert_int_not_equal(check_bytes(&f, f.fdt, 20), 0);
	assert_error(&f, "/: -: not a valid flattened device tree (shorter than its header)");
	big = calloc(1, total + 64); /* trailing bytes after the tree: accepted */
	memcpy(big, f.fdt, total);
	assert_int_equal(check_bytes(&f, big, total + 64), 0);
	((fdt32_t *)(void *)big)[1] = cpu_to_fdt32((uint32_t)total + 65); /* totalsize lies */
	assert_int_not_equal(check_bytes(&f, big, total + 64), 0);
	assert_error(&f, "the file has");
	free(big);
	fix_free(&f);
}

/*
 * Every property of a valid tree, its length set to one that reaches past
 * the structure block (the first wraps libfdt 1.6.1's int offset back to the
 * tag itself: fdt_check_full looped for ever on it): each is refused with the
 * offset named, and promptly -- the walk is dt_struct_check()'s, not libfdt's.
 */
static void test_prop_length_past_block(void **state)
{
	static const uint32_t lens[] = {0xfffffff4U, 0xfffffff0U, 0xffffffffU,
					0x80000000U, 0x7ffffffcU, 0x00100000U};
	struct fixture f;
	uint8_t *copy;
	size_t total;
	int off = 0, next, nprops = 0;

	(void)state;
	load(&f);
	total = fdt_totalsize(f.fdt);
	copy = malloc(total);
	assert_non_null(copy);
	for (uint32_t tag; (tag = fdt_next_tag(f.fdt, off, &next)) != FDT_END; off = next) {
		uint32_t at = fdt_off_dt_struct(f.fdt) + (uint32_t)off + 4U;

		if (tag != FDT_PROP)
			continue;
		nprops++;
		for (size_t k = 0; k < sizeof(lens) / sizeof(lens[0]); k++) {
			memcpy(copy, f.fdt, total);
			*(fdt32_t *)(void *)(copy + at) = cpu_to_fdt32(lens[k]);
			assert_int_not_equal(check_bytes(&f, copy, total), 0);
			assert_error(&f, "/: -: not a valid flattened device tree: its structure "
					 "block is malformed at offset 0x");
		}
	}
	assert_true(nprops > 50);
	free(copy);
	fix_free(&f);
}

/* Nodes that do not nest under one root, refused before libfdt walks them. */
static void test_struct_nesting(void **state)
{
	struct fixture f;
	uint8_t *copy;
	size_t total;
	uint32_t st, last;

	(void)state;
	load(&f);
	total = fdt_totalsize(f.fdt);
	st = fdt_off_dt_struct(f.fdt);
	last = st + fdt_size_dt_struct(f.fdt) - 8U; /* the root's FDT_END_NODE, then FDT_END */
	copy = malloc(total);
	assert_non_null(copy);
	memcpy(copy, f.fdt, total);
	assert_int_equal(fdt32_to_cpu(*(fdt32_t *)(void *)(copy + last)), FDT_END_NODE);
	assert_int_equal(check_bytes(&f, copy, total), 0);
	/* A block that starts with FDT_END: no node at all (fdt_check_full passes it). */
	*(fdt32_t *)(void *)(copy + st) = cpu_to_fdt32(FDT_END);
	assert_int_not_equal(check_bytes(&f, copy, total), 0);
	assert_error(&f, "its structure block is malformed at offset 0x0 ");
	/* The root never closed. */
	memcpy(copy, f.fdt, total);
	*(fdt32_t *)(void *)(copy + last) = cpu_to_fdt32(FDT_NOP);
	assert_int_not_equal(check_bytes(&f, copy, total), 0);
	assert_error(&f, "its structure block is malformed at offset");
	/* One FDT_END_NODE too many: the root closes early, a second top-level node follows. */
	memcpy(copy, f.fdt, total);
	for (uint32_t o = st + 8U; o < last; o += 4U)
		if (fdt32_to_cpu(*(fdt32_t *)(void *)(copy + o)) == FDT_END_NODE) {
			/* the first node's end: make its FDT_BEGIN_NODE's successor close the root */
			*(fdt32_t *)(void *)(copy + o + 4U) = cpu_to_fdt32(FDT_END_NODE);
			break;
		}
	assert_int_not_equal(check_bytes(&f, copy, total), 0);
	assert_error(&f, "not a valid flattened device tree");
	free(copy);
	fix_free(&f);
}

static void test_names(void **state)
{
	(void)state;
	assert_true(strict_name("linux", 5));
	assert_true(strict_name("a0_-z", 5));
	assert_true(strict_name("abcdefghijklmno", 15));
	assert_false(strict_name("abcdefghijklmnop", 16));
	assert_false(strict_name("", 0));
	assert_false(strict_name("none", 4));
	assert_false(strict_name("Linux", 5));
	assert_false(strict_name("1x", 2));
	assert_false(strict_name("a.b", 3));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_contents),
		cmocka_unit_test(test_one_owner_per_page),
		cmocka_unit_test(test_warning_for_unconfined_dma),
		cmocka_unit_test(test_conflicts),
		cmocka_unit_test(test_dma_rules),
		cmocka_unit_test(test_print_map),
		cmocka_unit_test(test_short_path),
		cmocka_unit_test(test_check_file),
		cmocka_unit_test(test_prop_length_past_block),
		cmocka_unit_test(test_struct_nesting),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
