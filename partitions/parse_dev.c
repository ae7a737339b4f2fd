// SPDX-License-Identifier: GPL-2.0-only
/*
 * Devices of a partition: everything comes from the board's device node the
 * devices phandle names. MMIO is its reg translated through the parents'
 * ranges; interrupts are its GIC specifiers (interrupts or interrupts-extended).
 * A PCI host bridge (device_type "pci") also has its bus windows (its ranges:
 * where the guest puts its devices' BARs) and the SPIs of its interrupt-map
 * (INTx): the partition owns those too.
 *
 * GIC specifiers (3 cells: type, number, flags): type 0 is an SPI, INTID
 * 32 + number; type 1 is a PPI, banked per core (INTIDs 16..31), which can
 * never belong to one partition.
 */
#include <partitions/dt.h>

#include <errno.h>
#include <string.h>

#define GIC_SPI	     0
#define GIC_PPI	     1
#define GIC_SPI_BASE 32
#define GIC_SPI_MAX  987 /* INTIDs 32..1019 */

/*
 * Whether @node lies where the ownership map's board walk (owners.c
 * owners_for_each_board_range: RAM is never a device) does not look, or NULL:
 * inside a memory node or /reserved-memory (RAM, not a device), or NOT_RAM.
 * A node in a disabled subtree is refused by add_device (disabled_ancestor).
 */
enum ram_subtree { NOT_RAM, IN_MEMORY_NODE, IN_RESERVED_MEMORY };

static enum ram_subtree in_ram_subtree(const struct layout *l, int node, char *buf, size_t size)
{
	for (int a = node; a > 0; a = dt_parent(l->fdt, a)) {
		const char *name = fdt_get_name(l->fdt, a, NULL);

		if ((a != node) && dt_prop_is(l->fdt, a, "device_type", "memory")) {
			dt_path(l->fdt, a, buf, size);
			return IN_MEMORY_NODE;
		}
		if ((dt_parent(l->fdt, a) == 0) && (name != NULL) &&
		    strcmp(name, "reserved-memory") == 0)
			return IN_RESERVED_MEMORY;
	}
	return NOT_RAM;
}

/* The nearest disabled ancestor of @node (its path in @buf), or -1. */
static int disabled_ancestor(const struct layout *l, int node, char *buf, size_t size)
{
	for (int a = dt_parent(l->fdt, node); a > 0; a = dt_parent(l->fdt, a)) {
		if (!dt_status_okay(l->fdt, a)) {
			dt_path(l->fdt, a, buf, size);
			return a;
		}
	}
	return -1;
}

/* Why @node is Bulkhead's own and cannot be given away, or NULL. */
static const char *bulkhead_owned(const struct layout *l, int node)
{
	int cpus = dt_path_offset(l->fdt, "/cpus");
	int chosen = dt_path_offset(l->fdt, "/chosen");

	if (node == 0)
		return "the root node";
	if (node == l->gic_node)
		return "the interrupt controller";
	if (l->gic_node >= 0 && dt_is_below(l->fdt, node, l->gic_node))
		return "part of the interrupt controller (ITS)";
	if (dt_compatible(l->fdt, node, "arm,smmu-v3"))
		return "the SMMU";
	if (node == l->uart_node)
		return fdt_getprop(l->fdt, chosen, "stdout-path", NULL)
			       ? "its console (stdout-path)"
			       : "its console (no stdout-path: the early UART, "
				 "CONFIG_EARLY_UART_BASE)";
	if (dt_prop_is(l->fdt, node, "device_type", "memory"))
		return "RAM (give RAM with the memory property)";
	if (cpus >= 0 && dt_is_below(l->fdt, node, cpus))
		return "a core node (give cores with the cpus property)";
	if (chosen >= 0 && dt_is_below(l->fdt, node, chosen))
		return "configuration, not a device";
	return NULL;
}

/* Rule: a device has reg, translatable to physical addresses, non-empty, not wrapping. */
static int parse_regs(const struct layout *l, const struct layout_partition *p,
		      struct layout_device *dev, struct layout_diag *d)
{
	int n = dt_reg_count(l->fdt, dev->node);

	if (n == -ENOENT) {
		layout_error(d, dev->path, "reg",
			     "missing: not a memory-mapped device (partition '%s')", p->name);
		return -EINVAL;
	}
	if (n <= 0 || n > LAYOUT_MAX_DEV_REGS) {
		layout_error(d, dev->path, "reg",
			     "must be 1 to %d (address, size) entries in the "
			     "parent's cells (at most 2 each)",
			     LAYOUT_MAX_DEV_REGS);
		return -EINVAL;
	}
	for (uint32_t i = 0; i < (uint32_t)n; i++) {
		struct layout_range *r = &dev->regs[i];
		int err = dt_reg(l->fdt, dev->node, i, r);

		if (err) {
			layout_error(d, dev->path, "reg", "entry %u has no physical address (%s)",
				     i,
				     err == -ENOENT ? "a parent bus has no ranges"
						    : "no parent ranges entry covers it");
			return -EINVAL;
		}
		if (!r->size || r->base + r->size < r->base) {
			layout_error(d, dev->path, "reg", "entry %u: size 0 or wraps around", i);
			return -EINVAL;
		}
	}
	dev->nregs = (uint32_t)n;
	return 0;
}

/*
 * Rule: a PCI host bridge's ranges (child: 3 cells, space code in phys.hi
 * [25:24]; parent address; size) translate to CPU-physical windows; each is
 * mapped like reg. At most LAYOUT_MAX_DEV_WINDOWS, non-empty, not wrapping.
 */
static int parse_pci_windows(const struct layout *l, struct layout_device *dev,
			     struct layout_diag *d)
{
	int len, parent = dt_parent(l->fdt, dev->node);
	int ac = dt_address_cells(l->fdt, dev->node), sc = dt_size_cells(l->fdt, dev->node);
	int pac = parent >= 0 ? dt_address_cells(l->fdt, parent) : -1;
	const fdt32_t *r = dt_getprop(l->fdt, dev->node, "ranges", &len);
	uint32_t entry, n;

	if (!dt_prop_is(l->fdt, dev->node, "device_type", "pci") || !r || len == 0)
		return 0; /* not a host bridge, or no windows (configuration space only) */
	if (ac != 3 || sc < 1 || sc > 2 || pac < 1 || pac > 2) {
		layout_error(d, dev->path, "ranges",
			     "a PCI host bridge needs #address-cells = 3, #size-cells 1 or 2 and a "
			     "parent with 1 or 2 address cells");
		return -EINVAL;
	}
	entry = (uint32_t)(ac + pac + sc);
	if (len < 0 || (uint32_t)len % (entry * 4)) {
		layout_error(d, dev->path, "ranges", "length is not a multiple of %u cells", entry);
		return -EINVAL;
	}
	n = (uint32_t)len / (entry * 4);
	if (n > LAYOUT_MAX_DEV_WINDOWS) {
		layout_error(d, dev->path, "ranges", "more than %d windows",
			     LAYOUT_MAX_DEV_WINDOWS);
		return -EINVAL;
	}
	for (uint32_t i = 0; i < n; i++, r += entry) {
		struct layout_range *w = &dev->regs[dev->nregs + i];
		int err;

		w->base = dt_cells(r + ac, (uint32_t)pac);
		w->size = dt_cells(r + ac + pac, (uint32_t)sc);
		if (!w->size || w->base + w->size < w->base) {
			layout_error(d, dev->path, "ranges", "window %u: size 0 or wraps around",
				     i);
			return -EINVAL;
		}
		err = dt_translate(l->fdt, dev->node, &w->base, w->size);
		if (err) {
			layout_error(d, dev->path, "ranges",
				     "window %u has no physical address (%s)", i,
				     err == -ENOENT ? "a parent bus has no ranges"
						    : "no parent ranges entry covers it");
			return -EINVAL;
		}
	}
	dev->nwindows = n;
	dev->nregs += n;
	return 0;
}

/* Cells per specifier of @ctrl if it is the GIC; 0 (reported) otherwise. */
static uint32_t gic_cells(const struct layout *l, const struct layout_device *dev, int ctrl,
			  const char *prop, struct layout_diag *d)
{
	char path[LAYOUT_PATH_MAX];
	uint32_t cells;

	if (ctrl < 0) {
		layout_error(d, dev->path, prop, "no interrupt parent");
		return 0;
	}
	if (ctrl != l->gic_node) {
		dt_path(l->fdt, ctrl, path, sizeof(path));
		layout_error(d, dev->path, prop,
			     "interrupt parent %s is not the GIC: only SPIs can be assigned", path);
		return 0;
	}
	if (dt_u32(l->fdt, ctrl, "#interrupt-cells", &cells) || cells < 3 || cells > 4) {
		layout_error(d, dev->path, prop, "the GIC's #interrupt-cells must be 3 or 4");
		return 0;
	}
	return cells;
}

/* Rule: only SPIs can be owned; a PPI is per-core. Records INTID and trigger flags. */
static int add_irq(const struct layout_partition *p, struct layout_device *dev, const fdt32_t *spec,
		   const char *prop, struct layout_diag *d)
{
	uint32_t type = fdt32_to_cpu(spec[0]), num = fdt32_to_cpu(spec[1]);

	if (type == GIC_PPI) {
		layout_error(d, dev->path, prop,
			     "PPI %u is per-core: it cannot be assigned to partition '%s'", num,
			     p->name);
		return -EINVAL;
	}
	if (type != GIC_SPI || num > GIC_SPI_MAX) {
		layout_error(d, dev->path, prop, "interrupt type %u number %u is not a valid SPI",
			     type, num);
		return -EINVAL;
	}
	if (dev->nirqs == LAYOUT_MAX_DEV_IRQS) {
		layout_error(d, dev->path, prop, "more than %d interrupts", LAYOUT_MAX_DEV_IRQS);
		return -EINVAL;
	}
	dev->irqs[dev->nirqs] = GIC_SPI_BASE + num;
	dev->irq_flags[dev->nirqs++] = fdt32_to_cpu(spec[2]);
	return 0;
}

/* interrupts: specifiers of the (inherited) interrupt parent. */
static int parse_interrupts(const struct layout *l, const struct layout_partition *p,
			    struct layout_device *dev, const fdt32_t *spec, uint32_t n,
			    struct layout_diag *d)
{
	uint32_t cells = gic_cells(l, dev, dt_irq_parent(l->fdt, dev->node), "interrupts", d);
	int err = 0;

	if (!cells)
		return -EINVAL;
	if (n % cells) {
		layout_error(d, dev->path, "interrupts", "length is not a multiple of %u cells",
			     cells);
		return -EINVAL;
	}
	for (uint32_t i = 0; i < n; i += cells)
		err |= add_irq(p, dev, spec + i, "interrupts", d);
	return err ? -EINVAL : 0;
}

/* interrupts-extended: <phandle specifier...> pairs, each naming its controller. */
static int parse_interrupts_ext(const struct layout *l, const struct layout_partition *p,
				struct layout_device *dev, const fdt32_t *spec, uint32_t n,
				struct layout_diag *d)
{
	const char *prop = "interrupts-extended";
	int err = 0;

	for (uint32_t i = 0, k = 0; i < n; k++) {
		int ctrl = dt_node_by_phandle(l->fdt, fdt32_to_cpu(spec[i]));
		uint32_t cells;

		if (ctrl < 0) {
			layout_error(d, dev->path, prop, "entry %u: phandle 0x%x names no node", k,
				     fdt32_to_cpu(spec[i]));
			return -EINVAL;
		}
		cells = gic_cells(l, dev, ctrl, prop, d);
		if (!cells)
			return -EINVAL;
		if (n - i - 1 < cells) {
			layout_error(d, dev->path, prop, "truncated specifier");
			return -EINVAL;
		}
		err |= add_irq(p, dev, spec + i + 1, prop, d);
		i += 1 + cells;
	}
	return err ? -EINVAL : 0;
}

/*
 * Rule: every interrupt-map entry (a PCI host bridge's INTx routing) points at
 * the GIC, with an SPI; the distinct SPIs are the partition's, after the
 * device's own interrupts.
 */
static int parse_irq_map(const struct layout *l, const struct layout_partition *p,
			 struct layout_device *dev, struct layout_diag *d)
{
	const char *prop = "interrupt-map";
	uint32_t first = dev->nirqs;
	int len;
	const fdt32_t *map = fdt_getprop(l->fdt, dev->node, prop, &len);
	uint32_t n;

	if (!map)
		return 0;
	if (len <= 0 || len % 4) {
		layout_error(d, dev->path, prop, "must be a non-empty list of cells");
		return -EINVAL;
	}
	n = (uint32_t)len / 4;
	for (uint32_t i = 0, k = 0; i < n; k++) {
		struct dt_irq_map_entry e;
		bool seen = false;

		if (dt_irq_map_entry(l->fdt, dev->node, map, n, i, &e)) {
			layout_error(
				d, dev->path, prop,
				"entry %u is malformed (cells, #interrupt-cells or the parent's "
				"phandle)",
				k);
			return -EINVAL;
		}
		if (!gic_cells(l, dev, e.parent, prop, d))
			return -EINVAL;
		for (uint32_t j = first; j < dev->nirqs; j++)
			seen |= dev->irqs[j] == GIC_SPI_BASE + fdt32_to_cpu(map[e.spec + 1]) &&
				fdt32_to_cpu(map[e.spec]) == GIC_SPI;
		if (!seen && add_irq(p, dev, map + e.spec, prop, d))
			return -EINVAL;
		i = e.next;
	}
	dev->nmap_irqs = dev->nirqs - first;
	return 0;
}

/*
 * interrupts-extended, when present, is the device's interrupts (never a
 * silent fall back to interrupts when it is malformed).
 */
static int parse_own_irqs(const struct layout *l, const struct layout_partition *p,
			  struct layout_device *dev, struct layout_diag *d)
{
	int len;
	const fdt32_t *spec = fdt_getprop(l->fdt, dev->node, "interrupts-extended", &len);

	if (spec) {
		if (len <= 0 || len % 4) {
			layout_error(d, dev->path, "interrupts-extended",
				     "must be a non-empty list of <phandle specifier> cells");
			return -EINVAL;
		}
		return parse_interrupts_ext(l, p, dev, spec, (uint32_t)len / 4, d);
	}
	spec = fdt_getprop(l->fdt, dev->node, "interrupts", &len);
	if (!spec)
		return 0;
	if (len % 4) {
		layout_error(d, dev->path, "interrupts", "must be a list of cells");
		return -EINVAL;
	}
	return parse_interrupts(l, p, dev, spec, (uint32_t)len / 4, d);
}

static int parse_irqs(const struct layout *l, const struct layout_partition *p,
		      struct layout_device *dev, struct layout_diag *d)
{
	int err = parse_own_irqs(l, p, dev, d);

	return err ? err : parse_irq_map(l, p, dev, d);
}

/* Rule: a device is not Bulkhead's own, listed once, within LAYOUT_MAX_DEVICES. */
static void add_device(struct layout *l, struct layout_partition *p, int node,
		       struct layout_diag *d)
{
	struct layout_device *dev = &p->devices[p->ndevices];
	char path[LAYOUT_PATH_MAX];
	const char *why = bulkhead_owned(l, node);
	char other[LAYOUT_PATH_MAX];
	const char *dep;
	int err, user;

	dt_path(l->fdt, node, path, sizeof(path));
	if (why) {
		layout_error(d, p->path, "devices", "%s belongs to Bulkhead: %s", path, why);
		return;
	}
	dep = hyp_dependency(l, node, &user);
	if (dep != NULL) {
		dt_path(l->fdt, user, other, sizeof(other));
		layout_error(d, p->path, "devices",
			     "%s belongs to Bulkhead: it provides %s to Bulkhead's %s", path, dep,
			     other);
		return;
	}
	switch (in_ram_subtree(l, node, other, sizeof(other))) {
	case IN_MEMORY_NODE:
		layout_error(d, p->path, "devices",
			     "%s belongs to Bulkhead: RAM (inside memory node %s)", path, other);
		return;
	case IN_RESERVED_MEMORY:
		layout_error(d, p->path, "devices",
			     "%s belongs to Bulkhead: RAM (a /reserved-memory carve-out, not a "
			     "device)",
			     path);
		return;
	case NOT_RAM:
	default:
		break;
	}
	if (!dt_status_okay(l->fdt, node)) {
		layout_error(d, p->path, "devices",
			     "%s is not enabled (status is not \"okay\"): it cannot be given",
			     path);
		return;
	}
	if (disabled_ancestor(l, node, other, sizeof(other)) >= 0) {
		layout_error(d, p->path, "devices",
			     "%s is not enabled (its parent %s is disabled): it cannot be given",
			     path, other);
		return;
	}
	for (uint32_t k = 0; k < p->ndevices; k++) {
		if (p->devices[k].node == node) {
			layout_error(d, p->path, "devices", "%s is listed twice", path);
			return;
		}
	}
	if (p->ndevices == LAYOUT_MAX_DEVICES) {
		layout_error(d, p->path, "devices", "more than %d devices", LAYOUT_MAX_DEVICES);
		return;
	}
	memset(dev, 0, sizeof(*dev));
	dev->node = node;
	memcpy(dev->path, path, sizeof(path));
	err = parse_regs(l, p, dev, d);
	if (!err)
		err = parse_pci_windows(l, dev, d);
	err |= parse_irqs(l, p, dev, d);
	err |= parse_clocks(l, node, d);
	dev->dma_capable = dma_capable(l, node);
	if (!err)
		p->ndevices++;
}

/* Rule: devices is a list of phandles to board device nodes. */
void parse_devices(struct layout *l, struct layout_partition *p, struct layout_diag *d)
{
	int len;
	const fdt32_t *ph = fdt_getprop(l->fdt, p->node, "devices", &len);

	if (!ph)
		return;
	if (len % 4) {
		layout_error(d, p->path, "devices", "must be a list of phandles");
		return;
	}
	for (int i = 0; i < len / 4; i++) {
		int node = parse_phandle(l, p->path, "devices", fdt32_to_cpu(ph[i]), d);

		if (node >= 0)
			add_device(l, p, node, d);
	}
}
