// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness: the partition binding's parser and validator
 * (partitions/ sources: layout_check, as at boot and in bulkhead-check) on
 * arbitrary device-tree blobs. Like the boot path, only blobs whose header
 * libfdt accepts (fdt_check_header) and that fit CONFIG_MAX_DTB_SIZE are
 * parsed. Bytes after the tree stand for physical memory: layout_place()
 * reads arm64 Image headers of the modules from there.
 *
 * Oracles: no memory error or undefined behaviour (ASan, UBSan); a tree whose
 * structure fdt_check_full() refuses is refused as not a device tree, before
 * anything walks it; a rejected
 * layout reports at least one error and an accepted one none; every message
 * names a node and a property ("<node>: <prop>: <message>"); for an accepted
 * layout the table prints and every partition's guest device tree builds into
 * CONFIG_GUEST_DTB_SIZE bytes and passes fdt_check_full().
 */
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
	if (strcmp(msg, "/: -: not a valid flattened device tree") == 0)
		rejected_as_not_a_tree = true;
	/* The node: its path, or "<node N>" when libfdt cannot give one. */
	if ((msg[0] != '/' && strncmp(msg, "<node ", 6) != 0) || !strstr(msg, ": ") ||
	    !strstr(strstr(msg, ": ") + 2, ": ")) {
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct layout_diag d = {.report = report};
	struct phys mem;
	struct layout *l;
	void *fdt, *guest;
	size_t total;
	int err;

	if (size < sizeof(struct fdt_header) || size > 2 * CONFIG_MAX_DTB_SIZE)
		return 0;
	fdt = malloc(size);
	memcpy(fdt, data, size);
	total = fdt_totalsize(fdt);
	if (fdt_check_header(fdt) != 0 || total > size || total > CONFIG_MAX_DTB_SIZE) {
		free(fdt);
		return -1; /* not worth keeping in the corpus */
	}
	mem.p = data + total;
	mem.n = size - total;
	l = calloc(1, sizeof(*l));
	rejected_as_not_a_tree = false;
	err = layout_check(l, fdt, NULL, mem.n ? read_phys : NULL, &mem, &d);
	/*
	 * libfdt's walkers are not safe on a malformed structure block (with
	 * several top-level nodes fdt_get_path writes before its buffer), so
	 * such a tree must be refused before it is walked.
	 */
	if (fdt_check_full(fdt, total) != 0 && !rejected_as_not_a_tree) {
		fprintf(stderr, "a tree fdt_check_full() refuses was parsed\n");
		abort();
	}
	if ((err != 0) != (d.errors != 0)) {
		fprintf(stderr, "layout_check returned %d with %u error(s) reported\n", err,
			d.errors);
		abort();
	}
	if (!err) {
		layout_print(l, print_line);
		guest = malloc(CONFIG_GUEST_DTB_SIZE);
		for (uint32_t i = 0; i < l->nparts; i++) {
			if (guest_dt_build(l, &l->parts[i], guest, CONFIG_GUEST_DTB_SIZE) != 0)
				continue; /* too big: bulkhead-check reports it */
			if (fdt_check_full(guest, CONFIG_GUEST_DTB_SIZE) != 0) {
				fprintf(stderr, "guest DT of partition %u is not valid\n", i);
				abort();
			}
		}
		free(guest);
	}
	free(l);
	free(fdt);
	return 0;
}
