// SPDX-License-Identifier: GPL-2.0-only
/* Device-tree look-ups with libfdt: see dt.h. */
#include <guests/lib/dt.h>
#include <guests/lib/rt.h>

#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

extern char _head[];

/* Cells of a reg-like property: 1 or 2 per number. */
static uint64_t read_cells(const fdt32_t *c, int n)
{
	uint64_t v = fdt32_ld(c);

	return n == 2 ? (v << 32) | fdt32_ld(c + 1) : v;
}

int dt_reg(const void *fdt, int node, int index, struct dt_range *r)
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

int dt_compatible_reg(const void *fdt, const char *compat, int index, struct dt_range *r)
{
	int node = fdt ? fdt_node_offset_by_compatible(fdt, -1, compat) : -1;

	return node < 0 ? -1 : dt_reg(fdt, node, index, r);
}

static bool is_uart(const void *fdt, int node, bool *sbsa)
{
	bool s = fdt_node_check_compatible(fdt, node, "arm,sbsa-uart") == 0;

	if (sbsa)
		*sbsa = s;
	return s || fdt_node_check_compatible(fdt, node, "arm,pl011") == 0;
}

int dt_stdout_uart(const void *fdt, struct dt_range *r, bool *sbsa)
{
	int chosen, node = -1;
	const char *path;

	if (!fdt)
		return -1;
	chosen = fdt_path_offset(fdt, "/chosen");
	path = chosen >= 0 ? fdt_getprop(fdt, chosen, "stdout-path", NULL) : NULL;
	if (path) {
		const char *colon = strchr(path, ':');
		size_t n = colon ? (size_t)(colon - path) : strlen(path);

		node = fdt_path_offset_namelen(fdt, path, (int)n);
	}
	if (node < 0 || !is_uart(fdt, node, sbsa)) {
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,pl011");
		if (node < 0)
			node = fdt_node_offset_by_compatible(fdt, -1, "arm,sbsa-uart");
		if (node < 0 || !is_uart(fdt, node, sbsa))
			return -1;
	}
	return dt_reg(fdt, node, 0, r);
}

/* The memory range holding the image (device_type = "memory" nodes). */
static int find_ram(const void *fdt, struct dt_platform *p)
{
	uint64_t here = (uintptr_t)_head;
	int node = -1;

	while ((node = fdt_node_offset_by_prop_value(fdt, node, "device_type", "memory",
						     sizeof("memory"))) >= 0) {
		struct dt_range r;

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
static int find_gic(const void *fdt, struct dt_platform *p)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
	const fdt32_t *nr;

	if (node < 0 || dt_reg(fdt, node, 0, &p->gicd))
		return -1;
	nr = fdt_getprop(fdt, node, "#redistributor-regions", NULL);
	p->ngicr = nr ? fdt32_ld(nr) : 1;
	if (p->ngicr == 0 || p->ngicr > DT_MAX_GICR)
		return -1;
	for (uint32_t i = 0; i < p->ngicr; i++)
		if (dt_reg(fdt, node, (int)i + 1, &p->gicr[i]))
			return -1;
	return 0;
}

/* Timer interrupts: secure phys, non-secure phys, virtual, hyp; we want the 3rd. */
static int find_timer(const void *fdt, struct dt_platform *p)
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

static enum psci_conduit find_psci(const void *fdt)
{
	static const char *const compat[] = {"arm,psci-1.0", "arm,psci-0.2", "arm,psci"};
	const char *method = NULL;

	for (unsigned int i = 0; i < sizeof(compat) / sizeof(compat[0]) && !method; i++) {
		int node = fdt_node_offset_by_compatible(fdt, -1, compat[i]);

		if (node >= 0)
			method = fdt_getprop(fdt, node, "method", NULL);
	}
	if (method && strcmp(method, "hvc") == 0)
		return PSCI_CONDUIT_HVC;
	if (method && strcmp(method, "smc") == 0)
		return PSCI_CONDUIT_SMC;
	return PSCI_CONDUIT_NONE;
}

static const char *chosen_bootargs(const void *fdt)
{
	int chosen = fdt ? fdt_path_offset(fdt, "/chosen") : -1;
	const char *args;
	int len;

	if (chosen < 0)
		return "";
	args = fdt_getprop(fdt, chosen, "bootargs", &len);
	if (!args || len < 1 || args[len - 1] != '\0')
		return "";
	return args;
}

int dt_platform(const void *fdt, struct dt_platform *p)
{
	memset(p, 0, sizeof(*p));
	p->bootargs = "";
	if (!fdt || fdt_check_header(fdt))
		p->error = "no valid device tree in x0";
	else if (dt_stdout_uart(fdt, &p->uart, &p->uart_sbsa))
		p->error = "no PL011 / SBSA UART (stdout-path or arm,pl011)";
	else if (find_ram(fdt, p))
		p->error = "no memory node holds the image";
	else if (find_gic(fdt, p))
		p->error = "no usable arm,gic-v3 node";
	else if (find_timer(fdt, p))
		p->error = "no arm,armv8-timer node with a virtual timer PPI";
	if (p->error)
		return -1;
	p->psci = find_psci(fdt);
	p->bootargs = chosen_bootargs(fdt);
	return 0;
}

const void *rt_fdt(void)
{
	return rt_boot()->fdt;
}

const char *rt_bootargs(void)
{
	return chosen_bootargs(rt_fdt());
}

bool rt_memory(uint64_t *base, uint64_t *size)
{
	const void *fdt = rt_fdt();
	struct dt_range r;
	int node;

	if (!fdt)
		return false;
	node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", sizeof("memory"));
	if (node < 0 || dt_reg(fdt, node, 0, &r))
		return false;
	*base = r.base;
	*size = r.size;
	return true;
}

/* Finds "key=" at the start of a space-separated word; returns the value. */
static const char *find_arg(const char *args, const char *key, size_t *len)
{
	size_t klen = strlen(key);
	const char *p = args;

	while (*p) {
		const char *end;

		while (*p == ' ')
			p++;
		end = p;
		while (*end && *end != ' ')
			end++;
		if ((size_t)(end - p) > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
			*len = (size_t)(end - p) - klen - 1;
			return p + klen + 1;
		}
		p = end;
	}
	return NULL;
}

bool rt_arg(const char *args, const char *key, char *buf, size_t size)
{
	size_t len;
	const char *v = find_arg(args, key, &len);

	if (!v)
		return false;
	if (size) {
		if (len > size - 1)
			len = size - 1;
		memcpy(buf, v, len);
		buf[len] = '\0';
	}
	return true;
}

bool rt_arg_u64(const char *args, const char *key, uint64_t *value)
{
	char buf[24];
	char *end;

	if (!rt_arg(args, key, buf, sizeof(buf)) || !buf[0])
		return false;
	*value = strtoul(buf, &end, 0);
	return *end == '\0';
}
