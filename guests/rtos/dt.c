// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device-tree discovery with libfdt: RAM, GICv3, console UART, timer PPI, PSCI
 * conduit and bootargs. Bindings: Documentation/devicetree/bindings of Linux
 * (arm,gic-v3, arm,armv8-timer, arm,psci, arm,pl011, arm,sbsa-uart).
 */
#include <guests/rtos/platform.h>

#include <libfdt.h>
#include <string.h>

extern char _head[];

/* Cells of a reg-like property: 1 or 2 per number. */
static uint64_t read_cells(const fdt32_t *c, int n)
{
	uint64_t v = fdt32_ld(c);

	return n == 2 ? (v << 32) | fdt32_ld(c + 1) : v;
}

/* The index-th (address, size) pair of node's reg, in its parent's cells. */
static int dt_reg(const void *fdt, int node, int index, struct mem_range *r)
{
	int parent = fdt_parent_offset(fdt, node);
	int ac = parent >= 0 ? fdt_address_cells(fdt, parent) : 2;
	int sc = parent >= 0 ? fdt_size_cells(fdt, parent) : 1;
	int len, stride = ac + sc;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

	if (!reg || ac < 1 || ac > 2 || sc < 1 || sc > 2 || len < (index + 1) * stride * 4)
		return -1;
	reg += index * stride;
	r->base = read_cells(reg, ac);
	r->size = read_cells(reg + ac, sc);
	return 0;
}

static bool is_uart(const void *fdt, int node, bool *sbsa)
{
	*sbsa = fdt_node_check_compatible(fdt, node, "arm,sbsa-uart") == 0;
	return *sbsa || fdt_node_check_compatible(fdt, node, "arm,pl011") == 0;
}

/* /chosen/stdout-path (a path or an alias, options after ':'), else the first UART. */
static int find_uart(const void *fdt, struct platform *p)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path = chosen >= 0 ? fdt_getprop(fdt, chosen, "stdout-path", NULL) : NULL;
	int node = -1;

	if (path) {
		const char *colon = strchr(path, ':');
		size_t n = colon ? (size_t)(colon - path) : strlen(path);

		node = fdt_path_offset_namelen(fdt, path, (int)n);
	}
	if (node < 0 || !is_uart(fdt, node, &p->uart_sbsa)) {
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,pl011");
		if (node < 0)
			node = fdt_node_offset_by_compatible(fdt, -1, "arm,sbsa-uart");
		if (node < 0 || !is_uart(fdt, node, &p->uart_sbsa))
			return -1;
	}
	return dt_reg(fdt, node, 0, &p->uart);
}

/* The memory range holding the image (device_type = "memory" nodes). */
static int find_ram(const void *fdt, struct platform *p)
{
	uint64_t here = (uintptr_t)_head;
	int node = -1;

	while ((node = fdt_node_offset_by_prop_value(fdt, node, "device_type", "memory",
						     sizeof("memory"))) >= 0) {
		struct mem_range r;

		for (int i = 0; dt_reg(fdt, node, i, &r) == 0; i++) {
			if (here >= r.base && here - r.base < r.size) {
				p->ram = r;
				return 0;
			}
		}
	}
	return -1;
}

/* reg = <GICD>, <GICR region> * #redistributor-regions, then GICC/GICH/GICV (unused). */
static int find_gic(const void *fdt, struct platform *p)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
	const fdt32_t *nr;

	if (node < 0 || dt_reg(fdt, node, 0, &p->gicd))
		return -1;
	nr = fdt_getprop(fdt, node, "#redistributor-regions", NULL);
	p->ngicr = nr ? fdt32_ld(nr) : 1;
	if (p->ngicr == 0 || p->ngicr > PLAT_MAX_GICR)
		return -1;
	for (uint32_t i = 0; i < p->ngicr; i++)
		if (dt_reg(fdt, node, (int)i + 1, &p->gicr[i]))
			return -1;
	return 0;
}

/* Timer interrupts: secure phys, non-secure phys, virtual, hyp; we want the 3rd. */
static int find_timer(const void *fdt, struct platform *p)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-timer");
	int gic = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
	const fdt32_t *cells, *freq;
	uint32_t ncells = 3, type, num;
	int len;

	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv7-timer");
	if (node < 0)
		return -1;
	cells = gic >= 0 ? fdt_getprop(fdt, gic, "#interrupt-cells", NULL) : NULL;
	if (cells)
		ncells = fdt32_ld(cells);
	cells = fdt_getprop(fdt, node, "interrupts", &len);
	if (!cells || ncells < 2 || len < (int)(3 * ncells * 4))
		return -1;
	type = fdt32_ld(cells + 2 * ncells);
	num = fdt32_ld(cells + 2 * ncells + 1);
	if (type != 1 || num > 15)
		return -1; /* must be a PPI */
	p->vtimer_intid = 16 + num;
	freq = fdt_getprop(fdt, node, "clock-frequency", NULL);
	p->timer_freq = freq ? fdt32_ld(freq) : 0;
	return 0;
}

static void find_psci(const void *fdt, struct platform *p)
{
	static const char *const compat[] = {"arm,psci-1.0", "arm,psci-0.2", "arm,psci"};
	const char *method = NULL;

	for (unsigned int i = 0; i < sizeof(compat) / sizeof(compat[0]) && !method; i++) {
		int node = fdt_node_offset_by_compatible(fdt, -1, compat[i]);

		if (node >= 0)
			method = fdt_getprop(fdt, node, "method", NULL);
	}
	if (method && strcmp(method, "hvc") == 0)
		p->psci = PSCI_HVC;
	else if (method && strcmp(method, "smc") == 0)
		p->psci = PSCI_SMC;
	else
		p->psci = PSCI_NONE;
}

static const char *find_bootargs(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *args = chosen >= 0 ? fdt_getprop(fdt, chosen, "bootargs", NULL) : NULL;

	return args ? args : "";
}

int platform_probe(const void *fdt, struct platform *p)
{
	memset(p, 0, sizeof(*p));
	p->bootargs = "";
	if (fdt_check_header(fdt))
		p->error = "no valid device tree in x0";
	else if (find_uart(fdt, p))
		p->error = "no PL011 / SBSA UART (stdout-path or arm,pl011)";
	else if (find_ram(fdt, p))
		p->error = "no memory node holds the image";
	else if (find_gic(fdt, p))
		p->error = "no usable arm,gic-v3 node";
	else if (find_timer(fdt, p))
		p->error = "no arm,armv8-timer node with a virtual timer PPI";
	if (p->error)
		return -1;
	find_psci(fdt, p);
	p->bootargs = find_bootargs(fdt);
	return 0;
}
