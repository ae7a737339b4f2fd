// SPDX-License-Identifier: GPL-2.0-only
/*
 * bulkhead-check: checks a system device tree's partition layout on the host
 * with the very code the hypervisor runs at boot (partitions/), and prints the
 * partition table or the ownership map.
 *
 *   bulkhead-check [--quiet] [--map] [--svg FILE.svg] [--plan FILE.json] system.dtb
 *
 * Exit status: 0 the layout is valid (table printed unless --quiet; with
 * --map the ownership map: every physical range with its owner, sorted by
 * address, holes included, then interrupts, stream IDs and cores); 1 it is
 * not (every problem printed as "error: <node>: <property>: <message>", then
 * a summary line); 2 usage error or unreadable file. Warnings ("warning: ...",
 * e.g. an unconfined DMA master) do not change the status.
 *
 * --svg: also draws the ownership map of a valid layout into FILE.svg
 * (tools/svg.c); 2 if it cannot be written.
 *
 * --plan: also checks the load-plan rules and writes the load plan (what
 * U-Boot loads where, the DTB fix-ups: tools/plan.h), written even for an
 * invalid layout (listing its errors); 2 if it cannot be written.
 *
 * The whole check is layout_check_file() (partitions/check_file.c), which the
 * layout fuzz harness calls too. Images are not in memory here: modules whose
 * size is still 0 (boot.scr sets it) have an unknown size, and arm64 Image
 * headers are not read.
 */
#include <partitions/layout.h>
#include <tools/plan.h>
#include <tools/pool_check.h>
#include <tools/svg.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE_SIZE (64u << 20)

static void report(struct layout_diag *d, const char *msg)
{
	(void)d;
	printf("error: %s\n", msg);
}

static void warn(struct layout_diag *d, const char *msg)
{
	(void)d;
	printf("warning: %s\n", msg);
}

static void print_line(const char *line)
{
	printf("%s\n", line);
}

static int usage(void)
{
	fprintf(stderr,
		"usage: bulkhead-check [--quiet] [--map] [--svg FILE.svg] [--plan FILE.json] "
		"system.dtb\n");
	return 2;
}

/*
 * The whole file into a buffer of exactly its size (so that a read past it is
 * a read past the allocation); NULL (with a message) on failure.
 */
static void *read_file(const char *name, size_t *size)
{
	FILE *f = fopen(name, "rb");
	long len = -1;
	void *buf = NULL;

	*size = 0;
	if (f && fseek(f, 0, SEEK_END) == 0)
		len = ftell(f);
	if (f && len > 0 && (unsigned long)len < MAX_FILE_SIZE && fseek(f, 0, SEEK_SET) == 0)
		buf = malloc((size_t)len);
	if (buf && fread(buf, 1, (size_t)len, f) == (size_t)len) {
		*size = (size_t)len;
	} else {
		fprintf(stderr, "bulkhead-check: cannot read %s%s\n", name,
			len == 0		     ? " (empty)"
			: len >= (long)MAX_FILE_SIZE ? " (too large)"
						     : "");
		free(buf);
		buf = NULL;
	}
	if (f)
		fclose(f);
	return buf;
}

static int check(const char *name, const void *fdt, size_t size, int quiet, int map,
		 const char *svg)
{
	struct layout *l = calloc(1, sizeof(*l));
	struct layout_diag d = {.report = report, .warn = warn};
	int ret = 1;

	if (!l)
		return 2;
	if (layout_check_file(l, fdt, size, &d) != 0 || d.errors ||
	    layout_check_table_pool(l, &d) != 0 || d.errors) {
		printf("bulkhead-check: %s: %u error(s), layout rejected\n", name, d.errors);
	} else {
		if (map)
			layout_print_map(l, print_line);
		else if (!quiet)
			layout_print(l, print_line);
		if (!quiet || map)
			printf("bulkhead-check: %s: layout OK, %u partition(s)%s\n", name,
			       l->nparts, d.warnings ? ", with warnings" : "");
		ret = 0;
		if (svg && layout_write_svg(l, svg, name) != 0) {
			fprintf(stderr, "bulkhead-check: cannot write %s\n", svg);
			ret = 2;
		}
	}
	free(l);
	return ret;
}

int main(int argc, char **argv)
{
	int quiet = 0, map = 0, ret;
	const char *name = NULL, *plan = NULL, *svg = NULL;
	size_t size;
	void *fdt;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0)
			quiet = 1;
		else if (strcmp(argv[i], "--map") == 0)
			map = 1;
		else if (strcmp(argv[i], "--plan") == 0 && i + 1 < argc)
			plan = argv[++i];
		else if (strcmp(argv[i], "--svg") == 0 && i + 1 < argc)
			svg = argv[++i];
		else if (argv[i][0] == '-' || name)
			return usage();
		else
			name = argv[i];
	}
	if (!name)
		return usage();
	fdt = read_file(name, &size);
	if (!fdt)
		return 2;
	ret = check(name, fdt, size, quiet, map, svg);
	if (plan) {
		int n = plan_emit(plan, name, fdt); /* load plan (tools/plan.c) */

		ret = n < 0 ? 2 : (n > 0 && ret == 0 ? 1 : ret);
	}
	free(fdt);
	return ret;
}
