// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness: guest device-tree generation (partitions/guest_dt.c) for
 * layouts that validate. The input is a system DTB followed by two bytes that
 * pick the size of the output buffer (from a few hundred bytes up to
 * CONFIG_GUEST_DTB_SIZE), allocated to its exact size so that ASan sees any
 * write past it.
 *
 * Oracles: guest_dt_build either fails or produces a tree that passes
 * fdt_check_full() and says what the layout says: one /memory node with the
 * partition's guest RAM, one cpu node per vCPU, the GIC, the emulated
 * watchdog, bootargs when given, and a node for each of its devices.
 */
#include <partitions/layout.h>

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void quiet(struct layout_diag *d, const char *msg)
{
	(void)d;
	(void)msg;
}

static void __attribute__((noreturn)) wrong(uint32_t part, const char *what)
{
	fprintf(stderr, "guest DT of partition %u: %s\n", part, what);
	abort();
}

static uint64_t cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 32 | fdt32_to_cpu(p[i]);
	return v;
}

static void check(const struct layout_partition *p, uint32_t idx, const void *dt)
{
	int root_ac = fdt_address_cells(dt, 0), root_sc = fdt_size_cells(dt, 0);
	int node, len, cpus = 0, cpus_node;
	const fdt32_t *reg;
	uint64_t ram = 0;
	const char *args;

	for (uint32_t i = 0; i < p->nmem; i++)
		ram += p->mem[i].size;
	node = fdt_node_offset_by_prop_value(dt, -1, "device_type", "memory", 7);
	if (node < 0)
		wrong(idx, "no memory node");
	reg = fdt_getprop(dt, node, "reg", &len);
	if (!reg || root_ac < 1 || root_sc < 1 || len < 4 * (root_ac + root_sc))
		wrong(idx, "memory node without reg");
	if (cells(reg, root_ac) != p->mem[0].ipa || cells(reg + root_ac, root_sc) != ram)
		wrong(idx, "memory node does not match the partition's RAM");
	cpus_node = fdt_path_offset(dt, "/cpus");
	if (cpus_node < 0)
		wrong(idx, "no /cpus");
	fdt_for_each_subnode(node, dt, cpus_node)
	{
		const char *type = fdt_getprop(dt, node, "device_type", NULL);

		cpus += type && strcmp(type, "cpu") == 0;
	}
	if (cpus != (int)p->ncpus)
		wrong(idx, "cpu nodes differ from the partition's cores");
	if (fdt_node_offset_by_compatible(dt, -1, "arm,gic-v3") < 0)
		wrong(idx, "no GICv3 node");
	if (fdt_node_offset_by_compatible(dt, -1, "arm,sbsa-gwdt") < 0)
		wrong(idx, "no watchdog node");
	node = fdt_path_offset(dt, "/chosen");
	args = node < 0 ? NULL : fdt_getprop(dt, node, "bootargs", &len);
	if (p->bootargs[0] && (!args || strcmp(args, p->bootargs) != 0))
		wrong(idx, "bootargs differ");
	for (uint32_t k = 0; k < p->ndevices; k++) {
		char name[32];

		snprintf(name, sizeof(name), "@%llx",
			 (unsigned long long)p->devices[k].regs[0].base);
		for (node = fdt_next_node(dt, -1, NULL); node >= 0;
		     node = fdt_next_node(dt, node, NULL)) {
			const char *n = fdt_get_name(dt, node, NULL);

			if (n && strstr(n, name) && strlen(strstr(n, name)) == strlen(name))
				break;
		}
		if (node < 0)
			wrong(idx, "a device has no node");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct layout_diag d = {.report = quiet};
	struct layout *l;
	void *fdt;
	size_t total, out;

	if (size < sizeof(struct fdt_header) + 2 || size > CONFIG_MAX_DTB_SIZE + 2)
		return 0;
	fdt = malloc(size);
	memcpy(fdt, data, size);
	total = fdt_totalsize(fdt);
	if (fdt_check_header(fdt) != 0 || total + 2 > size) {
		free(fdt);
		return -1;
	}
	out = 256 + (size_t)(data[total] | data[total + 1] << 8) % CONFIG_GUEST_DTB_SIZE;
	if (out > CONFIG_GUEST_DTB_SIZE)
		out = CONFIG_GUEST_DTB_SIZE;
	l = calloc(1, sizeof(*l));
	if (layout_check(l, fdt, NULL, NULL, NULL, &d) == 0 && d.errors == 0) {
		for (uint32_t i = 0; i < l->nparts; i++) {
			void *buf = malloc(out);

			if (guest_dt_build(l, &l->parts[i], buf, out) == 0) {
				if (fdt_check_full(buf, out) != 0)
					wrong(i, "not a valid device tree");
				check(&l->parts[i], i, buf);
			}
			free(buf);
		}
	}
	free(l);
	free(fdt);
	return 0;
}
