// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness: the partition binding on arbitrary bytes, through the
 * entry point bulkhead-check uses for a file -- layout_check_file()
 * (partitions/check_file.c): the header's totalsize against the bytes really
 * there and CONFIG_MAX_DTB_SIZE, fdt_check_full, parse, validate (ownership
 * map included), place, every guest DTB. The input is copied into a buffer of
 * exactly its size, so a read past the file is a heap overflow (ASan). Each
 * input is also checked cut short (its last 1..64 bytes gone, as a truncated
 * file), and, when the header is sane and bytes follow the tree, once more as
 * at boot: layout_check() with those bytes standing for physical memory
 * (layout_place() reads the modules' arm64 Image headers from there).
 *
 * Oracles: no memory error or undefined behaviour (ASan, UBSan), no hang
 * (-timeout); a rejected layout reports at least one error and an accepted
 * one none; every message names a node path and a property
 * ("/<path>: <prop>: <message>"; dt_path() always spells a path); a tree fdt_check_full()
 * refuses is refused as not a device tree; for an accepted layout the table
 * and the ownership map print and every guest tree passes fdt_check_full().
 */
#include <partitions/dt_index.h>
#include <partitions/layout.h>

#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct phys {
	const uint8_t *p;
	size_t n;
};

static bool rejected_as_not_a_tree;

static void report(struct layout_diag *d, const char *msg)
{
	(void)d;
	if (strncmp(msg, "/: -: not a valid flattened device tree", 39) == 0 ||
	    strncmp(msg, "/: -: the tree is ", 18) == 0)
		rejected_as_not_a_tree = true;
	/* "<path>: <prop>: <message>": the node is a path (dt_path never gives up). */
	if (msg[0] != '/' || !strstr(msg, ": ") || !strstr(strstr(msg, ": ") + 2, ": ")) {
		fprintf(stderr, "malformed message: '%s'\n", msg);
		abort();
	}
}

static void print_line(const char *line)
{
	(void)line;
}

static int read_phys(void *ctx, uint64_t phys, void *buf, size_t len)
{
	const struct phys *m = ctx;

	for (size_t i = 0; i < len; i++)
		((uint8_t *)buf)[i] = m->p[(phys + i) % m->n];
	return 0;
}

/*
 * The ownership invariants of an accepted layout, checked apart from
 * owners.c: ranges of two owners never share a 4 KiB page (RAM, Bulkhead's
 * reg and modules are page aligned or page-rounded here: a stricter test),
 * and every partition's RAM lies in RAM.
 */
static void check_owners(const struct layout *l)
{
	const struct owner_map *m = &l->owners;

	if (!m->built) {
		fprintf(stderr, "accepted layout without an ownership map\n");
		abort();
	}
	for (uint32_t i = 0; i < m->n; i++) {
		const struct owner_range *a = &m->r[i];
		uint64_t a0 = a->base & ~0xfffULL, a1 = (a->base + (a->size - 1)) | 0xfff;

		if (a->kind == OWN_PART_RAM && !owner_map_in_ram(m, a->base, a->size)) {
			fprintf(stderr, "partition RAM 0x%llx outside RAM\n",
				(unsigned long long)a->base);
			abort();
		}
		for (uint32_t j = i + 1; j < m->n && a->kind != OWN_RAM; j++) {
			const struct owner_range *b = &m->r[j];
			uint64_t b0 = b->base & ~0xfffULL, b1 = (b->base + (b->size - 1)) | 0xfff;
			bool paged = a->paged || b->paged;

			if (b->kind == OWN_RAM || a->owner == b->owner)
				continue;
			if (paged ? a0 <= b1 && b0 <= a1
				  : a->base <= b->base + (b->size - 1) &&
					    b->base <= a->base + (a->size - 1)) {
				fprintf(stderr, "owners %d and %d share 0x%llx\n", a->owner,
					b->owner, (unsigned long long)(a0 > b0 ? a0 : b0));
				abort();
			}
		}
	}
}

/* The oracles shared by both entry points. */
static void check_result(struct layout *l, const void *fdt, size_t size, int err,
			 const struct layout_diag *d)
{
	uint32_t bad;

	if ((err != 0) != (d->errors != 0)) {
		fprintf(stderr, "returned %d with %u error(s) reported\n", err, d->errors);
		abort();
	}
	/*
	 * libfdt's walkers are not safe on a malformed structure block (with
	 * several top-level nodes fdt_get_path writes before its buffer), so
	 * such a tree must be refused before it is walked. fdt_check_full itself
	 * loops for ever on a property length that wraps libfdt 1.6.1's offset:
	 * dt_struct_check() first.
	 */
	if (size >= sizeof(struct fdt_header) && fdt_magic(fdt) == FDT_MAGIC &&
	    fdt_totalsize(fdt) <= size && !rejected_as_not_a_tree &&
	    (fdt_check_header(fdt) != 0 || dt_struct_check(fdt, &bad) != 0 ||
	     fdt_check_full(fdt, size) != 0)) {
		fprintf(stderr, "a tree fdt_check_full() refuses was parsed\n");
		abort();
	}
	if (err)
		return;
	check_owners(l);
	layout_print(l, print_line);
	layout_print_map(l, print_line);
}

/* The file entry point, on a buffer of exactly @size bytes. */
static void check_file(const uint8_t *data, size_t size, struct layout *l)
{
	struct layout_diag d = {.report = report};
	uint8_t *buf = malloc(size ? size : 1);
	int err;

	memcpy(buf, data, size);
	rejected_as_not_a_tree = false;
	err = layout_check_file(l, buf, size, &d);
	check_result(l, buf, size, err, &d);
	free(buf);
}

/* As at boot: the tree, then "physical memory" after it. */
static void check_boot(const uint8_t *data, size_t size, struct layout *l)
{
	struct layout_diag d = {.report = report};
	struct layout_range self = {.base = 0x40200000, .size = 0x100000};
	struct phys mem;
	size_t total = fdt_totalsize((const void *)data);
	void *fdt;
	int err;

	if (total >= size || total > CONFIG_MAX_DTB_SIZE)
		return;
	fdt = malloc(total);
	memcpy(fdt, data, total);
	mem.p = data + total;
	mem.n = size - total;
	rejected_as_not_a_tree = false;
	err = layout_check(l, fdt, &self, read_phys, &mem, &d);
	check_result(l, fdt, total, err, &d);
	if (!err) {
		void *guest = malloc(CONFIG_GUEST_DTB_SIZE);

		for (uint32_t i = 0; i < l->nparts; i++)
			if (guest_dt_build(l, &l->parts[i], guest, CONFIG_GUEST_DTB_SIZE) == 0 &&
			    fdt_check_full(guest, CONFIG_GUEST_DTB_SIZE) != 0) {
				fprintf(stderr, "guest DT of partition %u is not valid\n", i);
				abort();
			}
		free(guest);
	}
	free(fdt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct layout *l;

	if (size > 2 * CONFIG_MAX_DTB_SIZE)
		return -1;
	l = calloc(1, sizeof(*l));
	check_file(data, size, l);
	if (size > 1)
		check_file(data, size - 1 - data[size - 1] % (size < 64 ? size - 1 : 64), l);
	if (size >= sizeof(struct fdt_header) && fdt_magic((const void *)data) == FDT_MAGIC &&
	    fdt_check_header(data) == 0)
		check_boot(data, size, l);
	free(l);
	return 0;
}
