// SPDX-License-Identifier: GPL-2.0-only
/*
 * bulkhead-check: checks a system device tree's partition layout on the host
 * with the very code the hypervisor runs at boot (partitions/), and prints the
 * partition table.
 *
 *   bulkhead-check [--quiet] [--plan FILE.json] system.dtb
 *
 * Exit status: 0 the layout is valid (table printed unless --quiet); 1 it is
 * not (every problem printed as "error: <node>: <property>: <message>", then
 * a summary line); 2 usage error or unreadable file.
 *
 * --plan: also checks the load-plan rules and writes the load plan (what
 * U-Boot loads where, the DTB fix-ups: tools/plan.h), written even for an
 * invalid layout (listing its errors); 2 if it cannot be written.
 *
 * Images are not in memory here: modules whose size is still 0 (boot.scr sets
 * it) have an unknown size, and arm64 Image headers are not read.
 */
#include <partitions/layout.h>
#include <tools/plan.h>

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE_SIZE (64u << 20)

static void report(struct layout_diag *d, const char *msg)
{
	(void)d;
	printf("error: %s\n", msg);
}

static void print_line(const char *line)
{
	printf("%s\n", line);
}

static int usage(void)
{
	fprintf(stderr, "usage: bulkhead-check [--quiet] [--plan FILE.json] system.dtb\n");
	return 2;
}

/* Whole file into a malloc'd buffer; NULL (with a message) on failure. */
static void *read_file(const char *name, size_t *size)
{
	FILE *f = fopen(name, "rb");
	void *buf = malloc(MAX_FILE_SIZE);

	*size = 0;
	if (f && buf)
		*size = fread(buf, 1, MAX_FILE_SIZE, f);
	if (!f || !buf || ferror(f) || *size == 0 || *size == MAX_FILE_SIZE) {
		fprintf(stderr, "bulkhead-check: cannot read %s\n", name);
		free(buf);
		buf = NULL;
	}
	if (f)
		fclose(f);
	return buf;
}

/* Rule: the tree fits what Bulkhead accepts at boot (CONFIG_MAX_DTB_SIZE). */
static void check_size(const void *fdt, size_t size, struct layout_diag *d)
{
	if (size >= sizeof(struct fdt_header) && fdt_magic(fdt) == FDT_MAGIC &&
	    fdt_totalsize(fdt) > CONFIG_MAX_DTB_SIZE)
		layout_error(d, "/", "-",
			     "the tree is %u bytes; Bulkhead accepts %u (CONFIG_MAX_DTB_SIZE)",
			     fdt_totalsize(fdt), (unsigned int)CONFIG_MAX_DTB_SIZE);
}

/* Rule: each guest DTB is generated and fits CONFIG_GUEST_DTB_SIZE, as at boot. */
static void check_guest_dts(const struct layout *l, struct layout_diag *d)
{
	void *buf = malloc(CONFIG_GUEST_DTB_SIZE);

	for (uint32_t i = 0; buf && i < l->nparts; i++)
		if (guest_dt_build(l, &l->parts[i], buf, CONFIG_GUEST_DTB_SIZE) != 0)
			layout_error(d, l->parts[i].path, "-",
				     "guest device tree does not fit in %u bytes "
				     "(CONFIG_GUEST_DTB_SIZE)",
				     (unsigned int)CONFIG_GUEST_DTB_SIZE);
	free(buf);
}

static int check(const char *name, const void *fdt, size_t size, int quiet)
{
	struct layout *l = calloc(1, sizeof(*l));
	struct layout_diag d = {.report = report};
	int ret;

	if (!l)
		return 2;
	check_size(fdt, size, &d);
	if (layout_check(l, fdt, NULL, NULL, NULL, &d) == 0 && d.errors == 0)
		check_guest_dts(l, &d);
	if (d.errors) {
		printf("bulkhead-check: %s: %u error(s), layout rejected\n", name, d.errors);
		ret = 1;
	} else {
		if (!quiet) {
			layout_print(l, print_line);
			printf("bulkhead-check: %s: layout OK, %u partition(s)\n", name, l->nparts);
		}
		ret = 0;
	}
	free(l);
	return ret;
}

int main(int argc, char **argv)
{
	int quiet = 0, ret;
	const char *name = NULL, *plan = NULL;
	size_t size;
	void *fdt;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0)
			quiet = 1;
		else if (strcmp(argv[i], "--plan") == 0 && i + 1 < argc)
			plan = argv[++i];
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
	ret = check(name, fdt, size, quiet);
	if (plan) {
		int n = plan_emit(plan, name, fdt); /* load plan (tools/plan.c) */

		ret = n < 0 ? 2 : (n > 0 && ret == 0 ? 1 : ret);
	}
	free(fdt);
	return ret;
}
