// SPDX-License-Identifier: GPL-2.0-only
/*
 * layout_parse(): the system device tree to a struct layout. This file reads
 * the board (RAM, cores, GIC, console) and /chosen/bulkhead with its modules;
 * parse_part.c reads each partition node, parse_dev.c its devices.
 *
 * Parsing never stops at the first problem: each one is reported through the
 * diag sink with the node and property at fault, and whatever could be read
 * is kept so that layout_validate() can still check the rest.
 */
#include <partitions/channel.h>
#include <partitions/dt.h>
#include <smmu/streams.h>

#include <errno.h>
#include <lib/trace.h>
#include <string.h>

static void layout_reset(struct layout *l, const void *fdt)
{
	memset(l, 0, sizeof(*l));
	l->fdt = fdt;
	l->root = -1;
	l->gic_node = -1;
	l->uart_node = -1;
	l->root_acells = (uint32_t)dt_address_cells(fdt, 0);
	l->root_scells = (uint32_t)dt_size_cells(fdt, 0);
}

/* Rule: RAM is the reg of every device_type "memory" node. */
static void parse_ram(struct layout *l, struct layout_diag *d)
{
	char path[LAYOUT_PATH_MAX];
	int node = -1;

	while ((node = dt_next_prop_value(l->fdt, node, "device_type", "memory",
					  sizeof("memory"))) >= 0) {
		int n = dt_reg_count(l->fdt, node);

		dt_path(l->fdt, node, path, sizeof(path));
		if (n <= 0) {
			layout_error(d, path, "reg", "missing or malformed RAM ranges");
			continue;
		}
		for (uint32_t i = 0; i < (uint32_t)n; i++) {
			struct layout_range r;

			if (l->nram == LAYOUT_MAX_RAM) {
				layout_error(d, path, "reg", "more than %d RAM ranges",
					     LAYOUT_MAX_RAM);
				break;
			}
			if (dt_reg(l->fdt, node, i, &r) != 0 || !r.size)
				continue;
			if (r.base + r.size < r.base) {
				layout_error(d, path, "reg", "RAM 0x%llx + 0x%llx wraps around",
					     X64(r.base), X64(r.size));
				continue;
			}
			l->ram_node[l->nram] = node;
			l->ram[l->nram++] = r;
		}
	}
	if (!l->nram)
		layout_error(d, "/memory", "reg", "no RAM (no node with device_type \"memory\")");
}

/* One core: a /cpus child with device_type "cpu"; its reg is the MPIDR affinity. */
static void parse_board_cpu(struct layout *l, int node, uint32_t ac, struct layout_diag *d)
{
	char path[LAYOUT_PATH_MAX];
	int len;
	const fdt32_t *reg = fdt_getprop(l->fdt, node, "reg", &len);

	dt_path(l->fdt, node, path, sizeof(path));
	if (l->ncpus == LAYOUT_MAX_CPUS) {
		layout_error(d, path, "-", "more than %d cores", LAYOUT_MAX_CPUS);
		return;
	}
	if (!reg || ac < 1 || ac > 2 || (uint32_t)len != ac * 4) {
		layout_error(d, path, "reg", "must be one MPIDR value of #address-cells cells");
		return;
	}
	/*
	 * Rule: reg is MPIDR_EL1's affinity fields only (Aff3 [39:32], Aff2..Aff0
	 * [23:0]; the arm,cpus binding): PSCI CPU_ON, the GIC's routing and the
	 * boot core's lookup compare affinities, so 0x80000000 would be core 0
	 * again, passing the duplicate check below.
	 */
	if ((dt_cells(reg, ac) & ~LAYOUT_MPIDR_AFF_MASK) != 0U) {
		layout_error(d, path, "reg",
			     "0x%llx has bits outside the MPIDR affinity fields (Aff3 [39:32], "
			     "Aff2..Aff0 [23:0])",
			     X64(dt_cells(reg, ac)));
		return;
	}
	/* Rule: one core per MPIDR (PSCI CPU_ON and the GIC's routing name cores by it). */
	for (uint32_t i = 0; i < l->ncpus; i++) {
		if (l->cpus[i].mpidr == dt_cells(reg, ac)) {
			char other[LAYOUT_PATH_MAX];

			dt_path(l->fdt, l->cpus[i].node, other, sizeof(other));
			layout_error(d, path, "reg", "MPIDR 0x%llx is also the MPIDR of %s",
				     X64(dt_cells(reg, ac)), other);
			return;
		}
	}
	l->cpus[l->ncpus++] = (struct layout_cpu){
		.node = node, .mpidr = dt_cells(reg, ac), .partition = -1, .vcpu = 0};
}

static void parse_board_cpus(struct layout *l, struct layout_diag *d)
{
	int cpus = dt_path_offset(l->fdt, "/cpus");
	int node;

	if (cpus < 0) {
		layout_error(d, "/cpus", "-", "missing: the board's cores are not described");
		return;
	}
	fdt_for_each_subnode(node, l->fdt, cpus)
	{
		if (dt_prop_is(l->fdt, node, "device_type", "cpu"))
			parse_board_cpu(l, node, (uint32_t)dt_address_cells(l->fdt, cpus), d);
	}
}

/* Bulkhead drives a GICv3: the root's interrupt parent, or the first "arm,gic-v3". */
static void parse_gic(struct layout *l, struct layout_diag *d)
{
	char path[LAYOUT_PATH_MAX];
	struct layout_range r;
	int gic = dt_irq_parent(l->fdt, 0);

	if (gic < 0)
		gic = dt_next_compatible(l->fdt, -1, "arm,gic-v3");
	if (gic < 0 || !dt_compatible(l->fdt, gic, "arm,gic-v3")) {
		layout_error(d, "/", "interrupt-parent", "no \"arm,gic-v3\" interrupt controller");
		return;
	}
	l->gic_node = gic;
	dt_path(l->fdt, gic, path, sizeof(path));
	if (dt_reg(l->fdt, gic, 0, &r)) {
		layout_error(d, path, "reg", "must give the distributor and the redistributors");
		return;
	}
	/*
	 * Sizes the ownership map can own: a distributor of size 0 was nobody's,
	 * and a device over it was given (attack review). GICv3 (IHI 0069)
	 * 12.9: the distributor is 64 KiB; 12.10: a redistributor 128 KiB.
	 */
	if ((r.size < 0x10000U) || ((r.base + r.size) < r.base)) {
		layout_error(d, path, "reg",
			     "distributor 0x%llx + 0x%llx: must be at least 64 KiB and not wrap",
			     X64(r.base), X64(r.size));
		return;
	}
	l->gicd_base = r.base;
	l->gicd_size = r.size;
	if (dt_reg(l->fdt, gic, 1, &r)) {
		layout_error(d, path, "reg", "must give the distributor and the redistributors");
		return;
	}
	if ((r.size < OWNER_GICR_FRAME) || ((r.base + r.size) < r.base)) {
		layout_error(d, path, "reg",
			     "redistributors 0x%llx + 0x%llx: must be at least one 128 KiB frame "
			     "and not wrap",
			     X64(r.base), X64(r.size));
		return;
	}
	l->gicr_base = r.base;
	l->gicr_size = r.size;
}

/*
 * Without stdout-path Bulkhead keeps printing on the board's early UART
 * (CONFIG_EARLY_UART_BASE): that UART is its console all the same. Its node
 * is the first "arm,pl011" whose reg holds that address (or none: the map
 * still owns that page).
 */
static void parse_early_console(struct layout *l)
{
#ifdef CONFIG_EARLY_UART_BASE
	int node = -1;

	l->uart_base = CONFIG_EARLY_UART_BASE;
	while ((node = dt_next_compatible(l->fdt, node, "arm,pl011")) >= 0) {
		struct layout_range r;

		if (dt_reg(l->fdt, node, 0, &r) == 0 && r.base <= CONFIG_EARLY_UART_BASE &&
		    CONFIG_EARLY_UART_BASE - r.base < r.size) {
			l->uart_node = node;
			return;
		}
	}
#else
	(void)l;
#endif
}

/* Bulkhead's console is the board's: /chosen stdout-path (options after ':' ignored). */
static void parse_console(struct layout *l, struct layout_diag *d)
{
	struct layout_range r;
	int len, node;
	int chosen = dt_path_offset(l->fdt, "/chosen");
	const char *s = chosen >= 0 ? fdt_getprop(l->fdt, chosen, "stdout-path", &len) : NULL;
	const char *colon;

	if (!s) {
		parse_early_console(l);
		return;
	}
	if (len < 1 || strnlen(s, (size_t)len) != (size_t)len - 1) {
		layout_error(d, "/chosen", "stdout-path", "must be a string (a node path)");
		return;
	}
	colon = strchr(s, ':');
	node = dt_path_offset_namelen(l->fdt, s, colon ? (int)(colon - s) : len - 1);
	if (node < 0) {
		layout_error(d, "/chosen", "stdout-path", "'%s' names no node", s);
		return;
	}
	l->uart_node = node;
	/*
	 * Without a usable reg (no physical address, or 0, which means "none" to
	 * boot.c) Bulkhead would stay on the early UART while the ownership map
	 * owned something else: that UART could then be given to a partition.
	 */
	if ((dt_reg(l->fdt, node, 0, &r) != 0) || (r.base == 0U) || (r.size == 0U) ||
	    ((r.base + r.size) < r.base)) {
		layout_error(d, "/chosen", "stdout-path",
			     "'%s' has no usable reg (a non-zero physical address): Bulkhead's "
			     "console must be a memory-mapped UART",
			     s);
		return;
	}
	l->uart_base = r.base;
	/* The emulated PL011 copies its first clock: reported here if it is unusable. */
	if (parse_clocks(l, node, d))
		return;
}

/* Rule: #address-cells and #size-cells of /chosen/bulkhead are present and 1 or 2. */
static int parse_root_cell(struct layout *l, const char *prop, uint32_t *v, struct layout_diag *d)
{
	int err = dt_u32(l->fdt, l->root, prop, v);

	if (err == 0 && (*v == 1 || *v == 2))
		return 0;
	if (err == -ENOENT)
		layout_error(d, LAYOUT_ROOT_PATH, prop, "missing (must be 1 or 2)");
	else if (err)
		layout_error(d, LAYOUT_ROOT_PATH, prop, "must be one cell, 1 or 2");
	else
		layout_error(d, LAYOUT_ROOT_PATH, prop, "must be 1 or 2, not %u", *v);
	return -EINVAL;
}

/* One (address, size) pair in /chosen/bulkhead's cells: 0, -ENOENT or -EINVAL. */
static int parse_pair(const struct layout *l, int node, const char *prop, struct layout_range *r)
{
	int len;
	const fdt32_t *p = fdt_getprop(l->fdt, node, prop, &len);

	if (!p)
		return -ENOENT;
	if ((uint32_t)len != (l->acells + l->scells) * 4)
		return -EINVAL;
	r->base = dt_cells(p, l->acells);
	r->size = dt_cells(p + l->acells, l->scells);
	return 0;
}

/* Rule: /chosen/bulkhead reg is Bulkhead's own memory: one non-empty range. */
static void parse_hyp_reg(struct layout *l, struct layout_diag *d)
{
	int err = parse_pair(l, l->root, "reg", &l->hyp);

	if (err == -ENOENT)
		layout_error(d, LAYOUT_ROOT_PATH, "reg", "missing: Bulkhead's own memory range");
	else if (err)
		layout_error(d, LAYOUT_ROOT_PATH, "reg",
			     "must be one (address, size) pair of %u cells", l->acells + l->scells);
	else if (!l->hyp.size)
		layout_error(d, LAYOUT_ROOT_PATH, "reg", "size 0");
	else if (l->hyp.base + l->hyp.size < l->hyp.base)
		layout_error(d, LAYOUT_ROOT_PATH, "reg", "0x%llx + 0x%llx wraps around",
			     X64(l->hyp.base), X64(l->hyp.size));
}

/* Rule: /chosen/bulkhead exists, is "bulkhead,hypervisor", has valid cells and reg. */
static int parse_root(struct layout *l, struct layout_diag *d)
{
	int err;

	l->root = dt_path_offset(l->fdt, LAYOUT_ROOT_PATH);
	if (l->root < 0) {
		layout_error(d, LAYOUT_ROOT_PATH, "-",
			     "missing: no partition layout in this device tree");
		return -ENOENT;
	}
	if (!dt_compatible(l->fdt, l->root, LAYOUT_COMPAT_HYP))
		layout_error(d, LAYOUT_ROOT_PATH, "compatible",
			     "must be \"" LAYOUT_COMPAT_HYP "\"");
	err = parse_root_cell(l, "#address-cells", &l->acells, d);
	err |= parse_root_cell(l, "#size-cells", &l->scells, d);
	if (err)
		return -EINVAL; /* nothing below can be read with wrong cells */
	parse_hyp_reg(l, d);
	strict_root(l, d);
	return 0;
}

/* A module: an image U-Boot loads at reg (size set by boot.scr), file bulkhead,file. */
static void parse_module(struct layout *l, int node, struct layout_diag *d)
{
	struct layout_image *m;
	struct layout_range r;
	int err, len;

	if (l->nmodules == LAYOUT_MAX_MODULES) {
		char path[LAYOUT_PATH_MAX];

		dt_path(l->fdt, node, path, sizeof(path));
		layout_error(d, path, "-", "too many modules (at most %d)", LAYOUT_MAX_MODULES);
		return;
	}
	m = &l->modules[l->nmodules++];
	m->present = true;
	m->node = node;
	dt_path(l->fdt, node, m->path, sizeof(m->path));
	strict_module(l, node, m->path, d);
	m->file = fdt_getprop(l->fdt, node, "bulkhead,file", &len);
	if (!m->file || len < 1 || strnlen(m->file, (size_t)len) != (size_t)len - 1)
		m->file = "";
	err = parse_pair(l, node, "reg", &r);
	if (err == -ENOENT) {
		layout_error(d, m->path, "reg", "missing: the image's load address and size");
	} else if (err) {
		layout_error(d, m->path, "reg", "must be one (address, size) pair of %u cells",
			     l->acells + l->scells);
	} else {
		m->addr = r.base;
		m->size = r.size;
		m->has_reg = true;
	}
}

/* Children of /chosen/bulkhead: modules first (partitions point at them). */
static void parse_children(struct layout *l, struct layout_diag *d)
{
	char path[LAYOUT_PATH_MAX];
	int node;

	fdt_for_each_subnode(node, l->fdt, l->root)
	{
		if (dt_compatible(l->fdt, node, LAYOUT_COMPAT_MODULE))
			parse_module(l, node, d);
	}
	fdt_for_each_subnode(node, l->fdt, l->root)
	{
		if (dt_compatible(l->fdt, node, LAYOUT_COMPAT_PARTITION)) {
			parse_partition(l, node, d);
		} else if (!dt_compatible(l->fdt, node, LAYOUT_COMPAT_MODULE) &&
			   !dt_compatible(l->fdt, node, LAYOUT_COMPAT_CHANNEL)) {
			dt_path(l->fdt, node, path, sizeof(path));
			layout_error(d, path, "compatible",
				     "must be \"" LAYOUT_COMPAT_PARTITION
				     "\", \"" LAYOUT_COMPAT_MODULE "\" or \"" LAYOUT_COMPAT_CHANNEL
				     "\"");
		}
	}
	/* Channels last: their endpoints name partitions (partitions/channel.c). */
	fdt_for_each_subnode(node, l->fdt, l->root)
	{
		if (dt_compatible(l->fdt, node, LAYOUT_COMPAT_CHANNEL))
			parse_channel(l, node, d);
	}
	if (!l->nparts)
		layout_error(d, LAYOUT_ROOT_PATH, "-",
			     "no partition (no child with compatible \"" LAYOUT_COMPAT_PARTITION
			     "\")");
}

/*
 * Rule: the blob is a whole, well-formed tree; 0, or -EINVAL (reported, @l
 * emptied). dt_tree_check() (dt_struct.c) is libfdt's fdt_check_full() in one
 * bounded pass, without its faults: fdt_check_full (libfdt 1.6.1) loops for
 * ever on a property length that wraps its int offset, and passes a block
 * with no node or several roots (found by fuzz_verify and fuzz_layout). It
 * replaced fdt_check_full here, which cost 2-3 k instructions per node at
 * boot; tests/unit/test_dt_check.c keeps the two in agreement.
 */
static int check_tree(struct layout *l, const void *fdt, struct layout_diag *d)
{
	uint32_t bad = 0U;
	bool header_ok = (fdt_check_header(fdt) == 0);
	int err = header_ok ? dt_tree_check(fdt, &bad) : -EINVAL;

	if (err == 0)
		return 0;
	(void)memset(l, 0, sizeof(*l));
	l->root = -1;
	if (header_ok && (err == -ERANGE))
		layout_error(d, "/", "-",
			     "not a valid flattened device tree: its memory reservation map has "
			     "no terminating entry inside the blob");
	else if (header_ok)
		layout_error(
			d, "/", "-",
			"not a valid flattened device tree: its structure block is "
			"malformed at offset 0x%x (a tag, a length past the block, nodes "
			"that do not nest under one unnamed root, or a property name outside the "
			"strings block)",
			(unsigned int)bad);
	else
		layout_error(d, "/", "-", "not a valid flattened device tree");
	return -EINVAL;
}

int layout_parse(struct layout *l, const void *fdt, struct layout_diag *d)
{
	unsigned int before = d->errors;

	/*
	 * The whole structure, not only the header: libfdt's walkers trust the
	 * nesting of the structure block. With nodes after the root's END_NODE
	 * (several top-level nodes), fdt_get_path (libfdt 1.6.1) scans and writes
	 * before the buffer it is given (found by tests/fuzz/fuzz_layout).
	 */
	dt_index_drop();
	if (check_tree(l, fdt, d) != 0)
		return trace_error(-EINVAL);
	/* One pass builds the node index every lookup below uses (dt_index.c). */
	if (dt_index_build(fdt))
		(void)trace_error(-ENOSPC); /* too large to index: libfdt's walks, same answers */
	layout_reset(l, fdt);
	parse_ram(l, d);
	parse_board_cpus(l, d);
	parse_gic(l, d);
	parse_console(l, d);
	if (parse_root(l, d) == 0)
		parse_children(l, d);
	layout_parse_streams(l, d); /* the SMMU and the devices' DMA stream IDs */
	return d->errors > before ? trace_error(-EINVAL) : 0;
}
