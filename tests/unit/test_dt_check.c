// SPDX-License-Identifier: GPL-2.0-only
/*
 * partitions/dt_struct.c's dt_tree_check() against libfdt 1.6.1's
 * fdt_check_full(), the check it replaced at boot (partitions/parse.c): the
 * same accept/reject on every tree of the fuzz corpora (tests/fuzz/corpus/)
 * and of dts/, and on mutants of them (bytes, tags, lengths, property name
 * offsets, header fields, the reservation map, the strings block), with a
 * fixed seed.
 *
 * The reference is dt_struct_check() && fdt_check_full(): fdt_check_full
 * alone loops for ever on a property length that wraps its int offset (it is
 * never called on a tree dt_struct_check() refuses), and accepts trees with
 * no node, several roots or properties outside any node, which
 * dt_struct_check() refuses on purpose (dt_index.h, docs/binding.md). A tree
 * is compared only when fdt_check_header() accepts it and its totalsize fits
 * the buffer, as at boot and in bulkhead-check.
 */
#include "layout_fixture.h"

#include <partitions/dt.h>

#include <dirent.h>
#include <errno.h>

struct tally {
	unsigned long compared, accepted, rejected, by_struct;
};

/* xorshift64: the mutations are the same on every run. */
static uint64_t rnd_state = 0x9e3779b97f4a7c15ULL;

static uint32_t rnd(uint32_t n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return n ? (uint32_t)(rnd_state % n) : 0U;
}

static void put32(void *fdt, uint32_t off, uint32_t v)
{
	uint8_t *p = (uint8_t *)fdt + off;

	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Compare the two checks on @fdt, a buffer of @size bytes. */
static void compare(const void *fdt, size_t size, struct tally *t)
{
	uint32_t bad;
	bool ref, mine;

	if (size < sizeof(struct fdt_header) || fdt_check_header(fdt) != 0 ||
	    fdt_totalsize(fdt) > size)
		return;
	t->compared++;
	mine = dt_tree_check(fdt, &bad) == 0;
	if (dt_struct_check(fdt, &bad) != 0) {
		t->by_struct++; /* fdt_check_full may hang: dt_struct_check's rules decide */
		assert_false(mine);
		t->rejected++;
		return;
	}
	ref = fdt_check_full(fdt, fdt_totalsize(fdt)) == 0;
	if (ref != mine)
		fail_msg("dt_tree_check %s a tree fdt_check_full %s (totalsize %u, version %u)",
			 mine ? "accepts" : "refuses", ref ? "accepts" : "refuses",
			 fdt_totalsize(fdt), fdt_version(fdt));
	if (mine)
		t->accepted++;
	else
		t->rejected++;
}

/* Every node of a checked tree. */
#define fdt_for_each_node(fdt, node)                                                               \
	for ((node) = 0; (node) >= 0; (node) = fdt_next_node((fdt), (node), NULL))

/* The offset in the struct block of a random FDT_PROP of @fdt, or -1 (walks the checked tree). */
static int random_prop(const void *fdt)
{
	int offs[256], n = 0, node, prop;

	fdt_for_each_node(fdt, node)
	{
		fdt_for_each_property_offset(prop, fdt, node)
		{
			if (n < 256)
				offs[n++] = prop;
		}
	}
	return n ? offs[rnd((uint32_t)n)] : -1;
}

static const uint32_t interesting[] = {
	0,    1,	  2,	      3,	  4,	      9,	  8,
	0x10, 0xfffffffc, 0xffffffff, 0x7fffffff, 0x80000000, 0x7ffffffc, 0x100000,
};

/* One mutant of the valid tree @orig (@size bytes) into @buf. */
static void mutate(const uint8_t *orig, uint8_t *buf, size_t size)
{
	uint32_t st = fdt_off_dt_struct(orig), sts = fdt_size_dt_struct(orig);
	uint32_t ss = fdt_off_dt_strings(orig), sss = fdt_size_dt_strings(orig);
	uint32_t rsv = fdt_off_mem_rsvmap(orig);
	int prop;

	memcpy(buf, orig, size);
	switch (rnd(10)) {
	case 0: /* any byte of the structure block, often the root's name */
		buf[st + (rnd(4) == 0U ? 4U + rnd(4) : rnd(sts))] = (uint8_t)rnd(256);
		break;
	case 1: /* an aligned word of it (a tag or a length), often one of the last three */
		put32(buf, st + 4U * (rnd(4) == 0U ? sts / 4U - 1U - rnd(3) : rnd(sts / 4U)),
		      interesting[rnd(sizeof(interesting) / sizeof(interesting[0]))]);
		break;
	case 2: /* a property's length */
		prop = random_prop(orig);
		if (prop >= 0)
			put32(buf, st + (uint32_t)prop + 4U,
			      rnd(2) ? sts - (uint32_t)prop - 16U + rnd(8) : interesting[rnd(14)]);
		break;
	case 3: /* a property's name offset */
		prop = random_prop(orig);
		if (prop >= 0)
			put32(buf, st + (uint32_t)prop + 8U,
			      rnd(2) ? sss - 2U + rnd(5) : interesting[rnd(14)]);
		break;
	case 4: /* the strings block shorter, longer or moved */
		put32(buf, offsetof(struct fdt_header, size_dt_strings),
		      sss - 1U - rnd(sss / 2U + 1U));
		if (rnd(3) == 0)
			put32(buf, offsetof(struct fdt_header, off_dt_strings), ss + rnd(9) - 4U);
		break;
	case 5: /* a byte of the strings block (a NUL lost) */
		buf[ss + rnd(sss)] = rnd(2) ? 'x' : 0;
		break;
	case 6: /* the reservation map: no terminator, or moved */
		if (rnd(2))
			put32(buf, rsv + 12U + 16U * rnd(2), 1U);
		else
			put32(buf, offsetof(struct fdt_header, off_mem_rsvmap),
			      (uint32_t)size - 16U * rnd(3) - rnd(16));
		break;
	case 7: /* the structure block's size, or the total */
		if (rnd(2))
			put32(buf, offsetof(struct fdt_header, size_dt_struct), sts - 4U * rnd(8));
		else
			put32(buf, offsetof(struct fdt_header, totalsize),
			      (uint32_t)size - rnd(64));
		break;
	case 8: /* an older version (16, or 3..15: no size of the structure block) */
		put32(buf, offsetof(struct fdt_header, version), rnd(2) ? 16U : 3U + rnd(13));
		put32(buf, offsetof(struct fdt_header, last_comp_version), 2U);
		if (rnd(2))
			buf[st + rnd(sts)] = (uint8_t)rnd(256);
		break;
	default: /* two mutations */
		mutate(orig, buf, size);
		buf[st + rnd(sts)] ^= (uint8_t)(1U << rnd(8));
		break;
	}
}

static void run_tree(const uint8_t *fdt, size_t size, unsigned mutants, struct tally *t)
{
	uint8_t *buf = malloc(size);

	assert_non_null(buf);
	compare(fdt, size, t);
	if (fdt_check_header(fdt) == 0 && fdt_totalsize(fdt) <= size && fdt_version(fdt) >= 17U) {
		uint32_t bad;

		/* Mutate only trees libfdt's walks may read (random_prop walks them). */
		if (dt_tree_check(fdt, &bad) == 0)
			for (unsigned i = 0; i < mutants; i++) {
				mutate(fdt, buf, size);
				compare(buf, size, t);
			}
	}
	free(buf);
}

/* A blob file: the tree at the first offset 0..3 with the FDT magic (fuzz inputs may lead with a byte). */
static void run_file(const char *path, unsigned mutants, struct tally *t)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	data = malloc((size_t)n + 1U);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	for (long k = 0; k < 4 && k + 40 <= n; k++) {
		if (memcmp(data + k, "\xd0\x0d\xfe\xed", 4) == 0) {
			uint8_t *copy = malloc((size_t)(n - k));

			assert_non_null(copy);
			memcpy(copy, data + k, (size_t)(n - k));
			run_tree(copy, (size_t)(n - k), mutants, t);
			free(copy);
			break;
		}
	}
	free(data);
}

static void run_dir(const char *dir, unsigned mutants, struct tally *t)
{
	const char *top = getenv("BULKHEAD_TOP") ? getenv("BULKHEAD_TOP") : ".";
	char path[1024];
	DIR *d;
	struct dirent *e;

	snprintf(path, sizeof(path), "%s/%s", top, dir);
	d = opendir(path);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/%s", top, dir, e->d_name);
		run_file(path, mutants, t);
	}
	closedir(d);
}

static void report(const char *what, const struct tally *t)
{
	printf("  %s: %lu trees compared, %lu accepted by both, %lu refused by both (%lu by "
	       "dt_struct_check's rules)\n",
	       what, t->compared, t->accepted, t->rejected, t->by_struct);
}

/* Every corpus input, and mutants of those that are valid trees. */
static void test_fuzz_corpora(void **state)
{
	static const char *const dirs[] = {"tests/fuzz/corpus/layout", "tests/fuzz/corpus/verify",
					   "tests/fuzz/corpus/guest_dt"};
	struct tally t = {0};

	(void)state;
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		run_dir(dirs[i], 2000, &t);
	report("fuzz corpora", &t);
	/* The comparison means something only if both answers occur, often. */
	assert_true(t.accepted >= 100);
	assert_true(t.rejected - t.by_struct >= 100);
}

/* Real trees: the layouts of dts/ with the board's tree, and their mutants. */
static void test_real_trees(void **state)
{
	static const char *const files[] = {"dts/demo.dts", "dts/bench.dts", "dts/channel.dts",
					    "dts/bench-linux.dts"};
	struct tally t = {0};

	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		void *fdt = fix_compile_file(files[i]);

		assert_non_null(fdt);
		run_tree(fdt, fdt_totalsize(fdt), 5000, &t);
		free(fdt);
	}
	report("dts/ trees", &t);
	assert_true(t.accepted >= 200);
	assert_true(t.rejected - t.by_struct >= 200);
}

/* What only dt_tree_check sees, each on its own: the checks must be able to fail. */
static void test_each_rule(void **state)
{
	void *orig = fix_compile_file("dts/demo.dts");
	size_t size;
	uint8_t *buf;
	uint32_t bad;
	int prop;

	(void)state;
	assert_non_null(orig);
	size = fdt_totalsize(orig);
	buf = malloc(size);
	assert_non_null(buf);
	assert_int_equal(dt_tree_check(orig, &bad), 0);

	/* A property name offset at the end of the strings block. */
	memcpy(buf, orig, size);
	prop = random_prop(orig);
	put32(buf, fdt_off_dt_struct(orig) + (uint32_t)prop + 8U, fdt_size_dt_strings(orig));
	assert_int_equal(dt_tree_check(buf, &bad), -EINVAL);
	assert_int_equal(bad, (uint32_t)prop);
	assert_int_not_equal(fdt_check_full(buf, size), 0);

	/* The strings block's last NUL gone. */
	memcpy(buf, orig, size);
	buf[fdt_off_dt_strings(orig) + fdt_size_dt_strings(orig) - 1U] = 'x';
	assert_int_equal(dt_struct_check(buf, &bad), 0);
	assert_int_equal(dt_tree_check(buf, &bad) == 0, fdt_check_full(buf, size) == 0);

	/* No terminating reservation entry before the blob's end. */
	memcpy(buf, orig, size);
	put32(buf, offsetof(struct fdt_header, off_mem_rsvmap), (uint32_t)size - 8U);
	if (fdt_check_header(buf) == 0) {
		assert_int_equal(dt_tree_check(buf, &bad), -ERANGE);
		assert_int_not_equal(fdt_check_full(buf, size), 0);
	}
	free(buf);
	free(orig);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_rule),
		cmocka_unit_test(test_fuzz_corpora),
		cmocka_unit_test(test_real_trees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
