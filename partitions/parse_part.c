// SPDX-License-Identifier: GPL-2.0-only
/*
 * One partition node under /chosen/bulkhead: its name, cores, memory,
 * guest-address, kernel/initrd modules, bootargs and fault policy (devices:
 * parse_dev.c).
 */
#include <partitions/dt.h>

#include <errno.h>
#include <lib/format.h>
#include <string.h>

int parse_phandle(const struct layout *l, const char *path, const char *prop, uint32_t phandle,
		  struct layout_diag *d)
{
	int node = -1;

	/* 0 and ~0 are never valid phandles. */
	if (phandle != 0 && phandle != ~0U)
		node = dt_node_by_phandle(l->fdt, phandle);
	if (node < 0)
		layout_error(d, path, prop, "dangling phandle 0x%x (no node has it)", phandle);
	return node < 0 ? -1 : node;
}

/*
 * Rule: the partition name is the node name before '@': 1 to 15 characters
 * of [a-z0-9_-], starting with a letter, not "none" (strict.c).
 */
static void parse_name(struct layout *l, struct layout_partition *p, struct layout_diag *d)
{
	char name[LAYOUT_PATH_MAX];
	size_t n = dt_base_name(l->fdt, p->node, name, sizeof(name));

	if (n >= LAYOUT_NAME_MAX)
		layout_error(d, p->path, "-", "name '%s' is longer than %d characters", name,
			     LAYOUT_NAME_MAX - 1);
	else if (!strict_name(name, n))
		layout_error(d, p->path, "-",
			     "name '%s' is not a partition name: 1 to %d characters of a-z, 0-9, "
			     "'_' and '-', starting with a letter, not \"none\"",
			     name, LAYOUT_NAME_MAX - 1);
	fmt_snprintf(p->name, sizeof(p->name), "%s", name);
}

static int cpu_index(const struct layout *l, int node)
{
	for (uint32_t i = 0; i < l->ncpus; i++)
		if (l->cpus[i].node == node)
			return (int)i;
	return -1;
}

/* Rule: each cpus phandle names a board core, listed once per partition. */
static void add_cpu(struct layout *l, struct layout_partition *p, int node, struct layout_diag *d)
{
	char target[LAYOUT_PATH_MAX];
	int c = cpu_index(l, node);

	dt_path(l->fdt, node, target, sizeof(target));
	if (c < 0) {
		layout_error(d, p->path, "cpus",
			     "%s is not a cpu (a /cpus node with device_type \"cpu\")", target);
		return;
	}
	for (uint32_t k = 0; k < p->ncpus; k++) {
		if (p->cpus[k] == (uint32_t)c) {
			layout_error(d, p->path, "cpus", "%s is listed twice", target);
			return;
		}
	}
	if (p->ncpus == LAYOUT_MAX_CPUS) {
		layout_error(d, p->path, "cpus", "more than %d cores", LAYOUT_MAX_CPUS);
		return;
	}
	if (l->cpus[c].partition < 0) {
		l->cpus[c].partition = (int)p->id;
		l->cpus[c].vcpu = p->ncpus;
	}
	p->cpus[p->ncpus++] = (uint32_t)c;
}

/* Rule: cpus is a non-empty list of phandles; the first core boots. */
static void parse_cpus(struct layout *l, struct layout_partition *p, struct layout_diag *d)
{
	int len;
	const fdt32_t *ph = fdt_getprop(l->fdt, p->node, "cpus", &len);

	if (!ph || len <= 0) {
		layout_error(d, p->path, "cpus", "empty partition: no core assigned");
		return;
	}
	if (len % 4) {
		layout_error(d, p->path, "cpus", "must be a list of phandles");
		return;
	}
	for (int i = 0; i < len / 4; i++) {
		int node = parse_phandle(l, p->path, "cpus", fdt32_to_cpu(ph[i]), d);

		if (node >= 0)
			add_cpu(l, p, node, d);
	}
}

bool parse_address(const struct layout *l, int node, const char *path, const char *prop,
		   uint64_t *v, struct layout_diag *d)
{
	int err = dt_prop_cells(l->fdt, node, prop, l->acells, v);

	if (err == -EINVAL)
		layout_error(d, path, prop, "must be one address of %u cell(s)", l->acells);
	return err == 0;
}

/* Rule: guest-address, if present, is one address in /chosen/bulkhead's cells. */
static uint64_t parse_guest_address(struct layout *l, struct layout_partition *p,
				    struct layout_diag *d)
{
	uint64_t ipa = LAYOUT_DEFAULT_RAM_IPA;

	(void)parse_address(l, p->node, p->path, "guest-address", &ipa, d);
	return ipa;
}

/* Rule: memory is (address, size) pairs; the guest sees them contiguously. */
static void parse_memory(struct layout *l, struct layout_partition *p, struct layout_diag *d)
{
	uint32_t cells = l->acells + l->scells;
	int len;
	const fdt32_t *m = fdt_getprop(l->fdt, p->node, "memory", &len);
	uint64_t ipa;

	p->ram_ipa = parse_guest_address(l, p, d);
	if (!m) {
		layout_error(d, p->path, "memory", "missing: the partition has no RAM");
		return;
	}
	if (len == 0 || (uint32_t)len % (cells * 4)) {
		layout_error(d, p->path, "memory",
			     "length %d is not a multiple of (address, size) pairs of %u cells",
			     len, cells);
		return;
	}
	p->nmem = (uint32_t)len / (cells * 4);
	if (p->nmem > LAYOUT_MAX_MEM) {
		layout_error(d, p->path, "memory", "more than %d ranges", LAYOUT_MAX_MEM);
		p->nmem = LAYOUT_MAX_MEM;
	}
	ipa = p->ram_ipa;
	for (uint32_t i = 0; i < p->nmem; i++, m += cells) {
		uint64_t size = dt_cells(m + l->acells, l->scells);

		p->mem[i] = (struct layout_mem){
			.phys = dt_cells(m, l->acells), .ipa = ipa, .size = size};
		ipa += size;
		/* Saturate: layout_validate() reports sizes that do not fit. */
		p->ram_size = p->ram_size + size < p->ram_size ? UINT64_MAX : p->ram_size + size;
	}
}

const struct layout_image *layout_find_module(const struct layout *l, int node)
{
	for (uint32_t i = 0; i < l->nmodules; i++)
		if (l->modules[i].node == node)
			return &l->modules[i];
	return NULL;
}

/* Rule: kernel (required) and initrd (optional) are one phandle to a module. */
static void parse_image(struct layout *l, struct layout_partition *p, const char *prop,
			struct layout_image *img, struct layout_diag *d)
{
	char target[LAYOUT_PATH_MAX];
	const struct layout_image *m;
	int len, node;
	const fdt32_t *ph = fdt_getprop(l->fdt, p->node, prop, &len);

	if (!ph) {
		if (img == &p->kernel && !p->nflash) /* flash: firmware.c */
			layout_error(d, p->path, prop, "missing: phandle to the module to boot");
		return;
	}
	if (len != 4) {
		layout_error(d, p->path, prop, "must be one phandle");
		return;
	}
	node = parse_phandle(l, p->path, prop, fdt32_to_cpu(*ph), d);
	if (node < 0)
		return;
	m = layout_find_module(l, node);
	if (!m) {
		dt_path(l->fdt, node, target, sizeof(target));
		layout_error(d, p->path, prop,
			     "%s is not a module (\"" LAYOUT_COMPAT_MODULE
			     "\" under " LAYOUT_ROOT_PATH ")",
			     target);
		return;
	}
	*img = *m;
}

static void parse_bootargs(struct layout *l, struct layout_partition *p, struct layout_diag *d)
{
	int len;
	const char *s = fdt_getprop(l->fdt, p->node, "bootargs", &len);

	p->bootargs = "";
	if (!s)
		return;
	if (len < 1 || strnlen(s, (size_t)len) != (size_t)len - 1) {
		layout_error(d, p->path, "bootargs", "must be a string");
		return;
	}
	p->bootargs = s;
}

/* A string property of @p: 0 and *@s, -ENOENT if absent, -EINVAL if not one string. */
static int string_prop(const struct layout *l, const struct layout_partition *p, const char *prop,
		       const char **s)
{
	int len;
	const char *v = fdt_getprop(l->fdt, p->node, prop, &len);

	if (!v)
		return -ENOENT;
	if (len < 1 || strnlen(v, (size_t)len) != (size_t)len - 1)
		return -EINVAL;
	*s = v;
	return 0;
}

/* One-cell property of the partition node; reports a wrong size. Returns true if given. */
static bool restart_prop(const struct layout *l, const struct layout_partition *p, const char *prop,
			 uint32_t *v, struct layout_diag *d)
{
	int err = dt_u32(l->fdt, p->node, prop, v);

	if (err == -EINVAL)
		layout_error(d, p->path, prop, "must be one cell (a 32-bit number)");
	return err != -ENOENT;
}

/*
 * Rule: fault-policy is "stop" (the default) or "restart"; restart-limit and
 * restart-window-ms are one cell each and only go with "restart".
 */
static void parse_fault_policy(struct layout *l, struct layout_partition *p, struct layout_diag *d)
{
	const char *policy = "stop";
	int err = string_prop(l, p, "fault-policy", &policy);
	bool known = true, limit, window;

	p->fault_policy = LAYOUT_FAULT_STOP;
	if (err == -EINVAL) {
		layout_error(d, p->path, "fault-policy",
			     "must be a string, \"stop\" or \"restart\"");
		known = false;
	} else if (strcmp(policy, "restart") == 0) {
		p->fault_policy = LAYOUT_FAULT_RESTART;
	} else if (strcmp(policy, "stop") != 0) {
		layout_error(d, p->path, "fault-policy",
			     "unknown policy '%s' (must be \"stop\" or \"restart\")", policy);
		known = false;
	}
	limit = restart_prop(l, p, "restart-limit", &p->restart_limit, d);
	window = restart_prop(l, p, "restart-window-ms", &p->restart_window_ms, d);
	if (p->fault_policy == LAYOUT_FAULT_RESTART)
		return;
	if (known && limit)
		layout_error(d, p->path, "restart-limit",
			     "given without fault-policy = \"restart\" (the policy is \"stop\")");
	if (known && window)
		layout_error(d, p->path, "restart-window-ms",
			     "given without fault-policy = \"restart\" (the policy is \"stop\")");
	p->restart_limit = 0;
	p->restart_window_ms = 0;
}

/* A partition that owns no PL011 gets an emulated one (at LAYOUT_VIRT_UART_IPA). */
static bool owns_pl011(const struct layout *l, const struct layout_partition *p)
{
	for (uint32_t i = 0; i < p->ndevices; i++)
		if (dt_compatible(l->fdt, p->devices[i].node, "arm,pl011"))
			return true;
	return false;
}

void parse_partition(struct layout *l, int node, struct layout_diag *d)
{
	struct layout_partition *p;

	if (l->nparts == LAYOUT_MAX_PARTITIONS) {
		char path[LAYOUT_PATH_MAX];

		dt_path(l->fdt, node, path, sizeof(path));
		layout_error(d, path, "-", "too many partitions (at most %d)",
			     LAYOUT_MAX_PARTITIONS);
		return;
	}
	p = &l->parts[l->nparts];
	p->id = l->nparts++;
	p->node = node;
	dt_path(l->fdt, node, p->path, sizeof(p->path));
	strict_partition(l, node, p->path, d);
	parse_name(l, p, d);
	parse_cpus(l, p, d);
	parse_memory(l, p, d);
	parse_devices(l, p, d);
	parse_dma_unconfined(l, p, d);
	parse_firmware(l, p, d); /* before kernel: flash makes it optional */
	parse_image(l, p, "kernel", &p->kernel, d);
	parse_image(l, p, "initrd", &p->initrd, d);
	parse_bootargs(l, p, d);
	parse_fault_policy(l, p, d);
	parse_irq_delivery(l, p, d);
	parse_exec_state(l, p, d); /* exec_state.c */
	p->virtual_uart = !owns_pl011(l, p);
}
