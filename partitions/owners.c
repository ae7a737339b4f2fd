// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ownership map (owners.h): built from the parsed layout, then the
 * isolation invariants are checked on the whole table:
 *
 *   one owner per byte   no two owned ranges overlap (paged ones by whole
 *                        4 KiB pages); reported on the range created later
 *                        (Bulkhead's first, then modules, then every
 *                        partition's RAM, then their devices, partitions in
 *                        order), naming the earlier one;
 *   RAM is not a device  no memory-mapped board node (status okay, outside
 *                        /chosen, /cpus, /memory, /reserved-memory) overlaps
 *                        a /memory range; reported on the RAM node;
 *   one owner per SPI    Bulkhead's SPIs (console UART, SMMU) and each
 *                        partition's are disjoint.
 *
 * Whether a range lies in RAM at all is checked where it is parsed
 * (validate.c): Bulkhead's reg, modules, partition memory.
 */
#include <partitions/dt.h>

#include <errno.h>
#include <lib/bits.h>
#include <lib/format.h>
#include <string.h>

#define GIC_SPI_BASE  32
#define DT_WALK_DEPTH 32 /* deeper nodes find their parent the slow way */

/* Inclusive last byte, and the page-rounded extent of a paged range. */
static uint64_t last_byte(const struct owner_range *r)
{
	return r->base + (r->size - 1);
}

static uint64_t extent_first(const struct owner_range *r)
{
	return r->paged ? ALIGN_DOWN(r->base, LAYOUT_PAGE_SIZE) : r->base;
}

static uint64_t extent_last(const struct owner_range *r)
{
	return r->paged ? last_byte(r) | (LAYOUT_PAGE_SIZE - 1) : last_byte(r);
}

static bool paged_kind(uint32_t kind)
{
	return kind == OWN_GICD || kind == OWN_GICR || kind == OWN_GIC_CHILD ||
	       kind == OWN_GIC_OTHER || kind == OWN_SMMU || kind == OWN_CONSOLE ||
	       kind == OWN_PART_DEV;
}

/* Appends one range; sizes 0 and wrapping ranges are left out (reported elsewhere). */
static struct owner_range *add(struct owner_map *m, uint32_t kind, int32_t owner, int node,
			       uint64_t base, uint64_t size, uint32_t index)
{
	struct owner_range *r;

	if (!size || base + size < base || m->n == OWNER_MAP_MAX)
		return NULL;
	r = &m->r[m->n];
	*r = (struct owner_range){.base = base,
				  .size = size,
				  .ipa = base,
				  .owner = owner,
				  .kind = (uint16_t)kind,
				  .index = (uint16_t)index,
				  .node = node,
				  .seq = m->n,
				  .paged = paged_kind(kind)};
	m->n++;
	return r;
}

static bool inside(uint64_t base, uint64_t size, const struct layout_range *r)
{
	return r->size && base >= r->base && base - r->base < r->size &&
	       size <= r->size - (base - r->base);
}

/* The GIC: distributor, one entry per redistributor frame of a described core, the rest. */
static void add_gic(const struct layout *l, struct owner_map *m)
{
	uint64_t frames = l->gicr_size / OWNER_GICR_FRAME, done = 0;
	uint32_t kept = 0;
	int child;

	add(m, OWN_GICD, OWNER_BULKHEAD, l->gic_node, l->gicd_base, l->gicd_size, 0);
	for (uint32_t k = 0; k < l->ncpus && k < frames; k++, done += OWNER_GICR_FRAME)
		add(m, OWN_GICR, OWNER_BULKHEAD, l->gic_node, l->gicr_base + done, OWNER_GICR_FRAME,
		    k);
	add(m, OWN_GICR, OWNER_BULKHEAD, l->gic_node, l->gicr_base + done, l->gicr_size - done,
	    0xffff);
	if (l->gic_node < 0)
		return;
	/* reg 2..: more redistributor regions, or GICv2-compatible CPU/hypervisor/vCPU interfaces. */
	for (uint32_t i = 2; i < OWNER_MAX_GIC_REGS + 2; i++) {
		struct layout_range r;

		if (dt_reg(l->fdt, l->gic_node, i, &r) != 0)
			break;
		add(m, OWN_GIC_OTHER, OWNER_BULKHEAD, l->gic_node, r.base, r.size, i);
	}
	fdt_for_each_subnode(child, l->fdt, l->gic_node)
	{
		struct layout_range r;

		for (uint32_t i = 0; kept < OWNER_MAX_GIC_CHILD_RANGES; i++) {
			if (dt_reg(l->fdt, child, i, &r) != 0)
				break;
			if (add(m, OWN_GIC_CHILD, OWNER_BULKHEAD, child, r.base, r.size, i))
				kept++;
		}
	}
}

/* Bulkhead's console: the stdout-path node's first reg, or the early UART's page. */
static void add_console(const struct layout *l, struct owner_map *m)
{
	struct layout_range r = {.base = l->uart_base, .size = LAYOUT_PAGE_SIZE};

	if (l->uart_node >= 0 && dt_reg(l->fdt, l->uart_node, 0, &r) != 0)
		return; /* a console without a usable reg: nothing to own */
	if (l->uart_node >= 0 || l->uart_base)
		add(m, OWN_CONSOLE, OWNER_BULKHEAD, l->uart_node, r.base, r.size, 0);
}

static void add_bulkhead(const struct layout *l, const struct layout_range *img,
			 struct owner_map *m)
{
	add(m, OWN_HYP, OWNER_BULKHEAD, l->root, l->hyp.base, l->hyp.size, 0);
	/* The image normally lies in reg (checked by validate.c); if not, it is owned too. */
	if (img && img->size && !inside(img->base, img->size, &l->hyp))
		add(m, OWN_HYP_IMAGE, OWNER_BULKHEAD, l->root, img->base, img->size, 0);
	add_gic(l, m);
	if (l->smmu_node >= 0)
		add(m, OWN_SMMU, OWNER_BULKHEAD, l->smmu_node, l->smmu_base, l->smmu_size, 0);
	add_console(l, m);
	for (uint32_t i = 0; i < l->nmodules; i++) {
		const struct layout_image *mod = &l->modules[i];

		/* A module of size 0 (set by boot.scr) counts as its first byte. */
		if (mod->has_reg)
			add(m, OWN_MODULE, OWNER_BULKHEAD, mod->node, mod->addr,
			    mod->size ? mod->size : 1, i);
	}
}

static void add_partition_ram(const struct layout_partition *p, struct owner_map *m)
{
	for (uint32_t k = 0; k < p->nmem; k++) {
		struct owner_range *r = add(m, OWN_PART_RAM, (int32_t)p->id, p->node,
					    p->mem[k].phys, p->mem[k].size, k);

		if (r)
			r->ipa = p->mem[k].ipa;
	}
}

static void add_partition_devices(const struct layout_partition *p, struct owner_map *m)
{
	for (uint32_t k = 0; k < p->ndevices; k++) {
		const struct layout_device *dev = &p->devices[k];

		for (uint32_t i = 0; i < dev->nregs; i++) {
			bool window = i >= dev->nregs - dev->nwindows;
			struct owner_range *r = add(m, OWN_PART_DEV, (int32_t)p->id, dev->node,
						    dev->regs[i].base, dev->regs[i].size,
						    window ? i - (dev->nregs - dev->nwindows) : i);

			if (r) {
				r->dev = k;
				r->window = window;
			}
		}
	}
}

/*
 * Sorted by the first byte of the extent (the base, or its page for a paged
 * range), RAM before what lies in it, then creation order (insertion sort).
 */
static bool before(const struct owner_range *a, const struct owner_range *b)
{
	if (extent_first(a) != extent_first(b))
		return extent_first(a) < extent_first(b);
	if ((a->kind == OWN_RAM) != (b->kind == OWN_RAM))
		return a->kind == OWN_RAM;
	return a->seq < b->seq;
}

static void sort_map(struct owner_map *m)
{
	for (uint32_t i = 1; i < m->n; i++) {
		struct owner_range v = m->r[i];
		uint32_t j = i;

		for (; j > 0 && before(&v, &m->r[j - 1]); j--)
			m->r[j] = m->r[j - 1];
		m->r[j] = v;
	}
}

/* Node and property a range is reported on, and how it is named there. */
struct who {
	char node[LAYOUT_PATH_MAX];
	const char *prop;
	char subject[LAYOUT_PATH_MAX + 24]; /* before its range: "range ", "<dev> " */
	char object[LAYOUT_PATH_MAX + 64];  /* as the other party: "partition 'p'" */
	const char *object_prefix;	    /* before the other's range in parentheses */
};

static void describe_bulkhead(const struct owner_range *r, const char *path, struct who *w)
{
	static const char *const what[OWN_KIND_COUNT] = {
		[OWN_GICD] = "Bulkhead's GIC distributor",
		[OWN_GICR] = "Bulkhead's GIC redistributors",
		[OWN_GIC_CHILD] = "Bulkhead's interrupt controller (ITS)",
		[OWN_GIC_OTHER] = "Bulkhead's interrupt controller",
		[OWN_SMMU] = "Bulkhead's SMMU",
		[OWN_CONSOLE] = "Bulkhead's console UART",
	};

	w->prop = "reg";
	if (r->kind == OWN_HYP) {
		fmt_snprintf(w->object, sizeof(w->object), "Bulkhead's own memory");
		w->object_prefix = LAYOUT_ROOT_PATH " reg ";
	} else if (r->kind == OWN_HYP_IMAGE) {
		fmt_snprintf(w->object, sizeof(w->object), "the running Bulkhead image");
	} else if (r->kind == OWN_MODULE) {
		fmt_snprintf(w->object, sizeof(w->object), "module %s", path);
	} else if (r->kind == OWN_CONSOLE && r->node < 0) {
		fmt_snprintf(w->object, sizeof(w->object), "%s (the early UART)", what[r->kind]);
		fmt_snprintf(w->node, sizeof(w->node), "/chosen");
		w->prop = "stdout-path";
	} else {
		fmt_snprintf(w->object, sizeof(w->object), "%s %s", what[r->kind], path);
	}
}

static void describe(const struct layout *l, const struct owner_range *r, int32_t viewer,
		     struct who *w)
{
	char path[LAYOUT_PATH_MAX] = "";
	const struct layout_partition *p;

	memset(w, 0, sizeof(*w));
	w->object_prefix = "";
	if (r->node >= 0)
		dt_path(l->fdt, r->node, path, sizeof(path));
	fmt_snprintf(w->node, sizeof(w->node), "%s", path);
	if (r->owner < 0) {
		describe_bulkhead(r, path, w);
		return;
	}
	p = &l->parts[r->owner];
	fmt_snprintf(w->node, sizeof(w->node), "%s", p->path);
	if (r->kind == OWN_PART_RAM) {
		w->prop = "memory";
		fmt_snprintf(w->subject, sizeof(w->subject), "range ");
		if (viewer == r->owner)
			fmt_snprintf(w->object, sizeof(w->object), "this partition's range");
		else
			fmt_snprintf(w->object, sizeof(w->object), "partition '%s'", p->name);
		return;
	}
	w->prop = "devices";
	if (r->window)
		fmt_snprintf(w->subject, sizeof(w->subject), "%s window %u ", path, r->index);
	else
		fmt_snprintf(w->subject, sizeof(w->subject), "%s ", path);
	if (viewer == r->owner)
		fmt_snprintf(w->object, sizeof(w->object), "%s of this partition", path);
	else
		fmt_snprintf(w->object, sizeof(w->object), "%s of partition '%s'", path, p->name);
}

/*
 * Rule (one owner per byte): @b, created after @a, must not overlap it.
 */
static void check_pair(const struct layout *l, const struct owner_range *a,
		       const struct owner_range *b, struct layout_diag *d)
{
	struct who wa, wb;
	/* Two paged ranges: say which page (stage 2 maps pages, not bytes). */
	bool exact = !(a->paged && b->paged) && a->base <= last_byte(b) && b->base <= last_byte(a);

	/*
	 * Two device ranges of one node (its reg entries and windows, or the node
	 * given twice: validate_devices() says so), or of one partition (e.g.
	 * eight virtio-mmio nodes in one page): not two owners.
	 */
	if (a->kind == OWN_PART_DEV && b->kind == OWN_PART_DEV &&
	    (a->node == b->node || a->owner == b->owner))
		return;
	describe(l, b, b->owner, &wb);
	describe(l, a, b->owner, &wa);
	if (exact)
		layout_error(d, wb.node, wb.prop, "%s0x%llx-0x%llx overlaps %s (%s0x%llx-0x%llx)",
			     wb.subject, X64(b->base), X64(last_byte(b)), wa.object,
			     wa.object_prefix, X64(a->base), X64(last_byte(a)));
	else
		layout_error(d, wb.node, wb.prop, "%sshares the 4 KiB page 0x%llx with %s",
			     wb.subject, X64(MAX(extent_first(a), extent_first(b))), wa.object);
}

static void check_one_owner(const struct layout *l, const struct owner_map *m,
			    struct layout_diag *d)
{
	for (uint32_t i = 0; i < m->n; i++) {
		const struct owner_range *a = &m->r[i];

		if (a->kind == OWN_RAM)
			continue;
		/* Sorted by extent_first: the ranges after the first one past a cannot meet it. */
		for (uint32_t j = i + 1; j < m->n && extent_first(&m->r[j]) <= extent_last(a);
		     j++) {
			const struct owner_range *b = &m->r[j];

			if (b->kind == OWN_RAM || extent_first(a) > extent_last(b))
				continue;
			if (a->seq < b->seq)
				check_pair(l, a, b, d);
			else
				check_pair(l, b, a, d);
		}
	}
}

/* Top-level nodes whose subtrees are not devices: configuration, cores, RAM carve-outs. */
static bool not_devices(const struct layout *l, int node)
{
	const char *name = fdt_get_name(l->fdt, node, NULL);

	return !name || strcmp(name, "chosen") == 0 || strcmp(name, "cpus") == 0 ||
	       strcmp(name, "reserved-memory") == 0;
}

/* Rule (RAM is not a device): reg entry @r of board node @node overlaps no RAM range. */
static void check_node_ram(const struct layout *l, int node, const struct layout_range *r,
			   struct layout_diag *d)
{
	char dev[LAYOUT_PATH_MAX], ram[LAYOUT_PATH_MAX];

	for (uint32_t k = 0; k < l->nram; k++) {
		const struct layout_range *x = &l->ram[k];

		if (!ranges_overlap(r->base, r->size, x->base, x->size))
			continue;
		dt_path(l->fdt, node, dev, sizeof(dev));
		dt_path(l->fdt, l->ram_node[k], ram, sizeof(ram));
		layout_error(d, ram, "reg", "RAM 0x%llx-0x%llx overlaps device %s (0x%llx-0x%llx)",
			     X64(x->base), RANGE_END(x->base, x->size), dev, X64(r->base),
			     RANGE_END(r->base, r->size));
	}
}

void owners_for_each_board_range(const struct layout *l, owners_range_fn fn, void *ctx)
{
	int node = 0, depth = 0, skip = 0; /* skip: depth of a subtree left out, 0 if none */
	int parent[DT_WALK_DEPTH + 1] = {0};

	while ((node = fdt_next_node(l->fdt, node, &depth)) >= 0 && depth > 0) {
		struct layout_range r;

		if (depth <= DT_WALK_DEPTH)
			parent[depth] = node;
		if (skip && depth > skip)
			continue;
		skip = 0;
		if ((depth == 1 && not_devices(l, node)) || !dt_status_okay(l->fdt, node) ||
		    dt_prop_is(l->fdt, node, "device_type", "memory")) {
			skip = depth;
			continue;
		}
		if (!fdt_getprop(l->fdt, node, "reg", NULL))
			continue;
		for (uint32_t i = 0; i < LAYOUT_MAX_DEV_REGS * 4; i++) {
			int err = depth <= DT_WALK_DEPTH
					  ? dt_reg_at(l->fdt, node, parent[depth - 1], i, &r)
					  : dt_reg(l->fdt, node, i, &r);

			if (err)
				break;
			if (r.size && r.base + r.size > r.base)
				fn(l, node, i, &r, ctx);
		}
	}
}

static void ram_not_device(const struct layout *l, int node, uint32_t index,
			   const struct layout_range *r, void *ctx)
{
	(void)index;
	check_node_ram(l, node, r, ctx);
}

/*
 * Every memory-mapped board node's reg (and a PCI host bridge's windows)
 * against RAM.
 */
static void check_ram_not_device(const struct layout *l, struct layout_diag *d)
{
	owners_for_each_board_range(l, ram_not_device, d);
	/* PCI windows of the partitions' host bridges (unassigned bridges: not mapped). */
	for (uint32_t i = 0; i < l->nparts; i++)
		for (uint32_t k = 0; k < l->parts[i].ndevices; k++) {
			const struct layout_device *dev = &l->parts[i].devices[k];

			for (uint32_t w = dev->nregs - dev->nwindows; w < dev->nregs; w++)
				check_node_ram(l, dev->node, &dev->regs[w], d);
		}
}

uint32_t owners_bulkhead_spis(const struct layout *l, uint32_t *intid, int *node, uint32_t max)
{
	const int nodes[2] = {l->uart_node, l->smmu_node};
	uint32_t n = 0, cells;

	if (l->gic_node < 0 || dt_u32(l->fdt, l->gic_node, "#interrupt-cells", &cells) ||
	    cells < 3 || cells > LAYOUT_MAX_CELLS)
		return 0;
	for (uint32_t k = 0; k < 2; k++) {
		int len;
		const fdt32_t *spec =
			nodes[k] >= 0 ? fdt_getprop(l->fdt, nodes[k], "interrupts", &len) : NULL;

		if (!spec || len < 0 || dt_irq_parent(l->fdt, nodes[k]) != l->gic_node)
			continue;
		for (uint32_t i = 0; i + cells <= (uint32_t)len / 4 && n < max; i += cells) {
			if (fdt32_to_cpu(spec[i]) != 0 || fdt32_to_cpu(spec[i + 1]) > 987)
				continue; /* not an SPI */
			intid[n] = GIC_SPI_BASE + fdt32_to_cpu(spec[i + 1]);
			node[n++] = nodes[k];
		}
	}
	return n;
}

/* Rule (one owner per SPI): against Bulkhead's, then against earlier partitions'. */
static void check_irq(const struct layout *l, uint32_t i, const struct layout_device *a,
		      uint32_t intid, const uint32_t *own, const int *own_node, uint32_t nown,
		      struct layout_diag *d)
{
	const struct layout_partition *p = &l->parts[i];
	char path[LAYOUT_PATH_MAX];

	for (uint32_t k = 0; k < nown; k++) {
		if (own[k] != intid)
			continue;
		dt_path(l->fdt, own_node[k], path, sizeof(path));
		layout_error(d, p->path, "devices", "%s: INTID %u is Bulkhead's (%s %s)", a->path,
			     intid, own_node[k] == l->smmu_node ? "the SMMU" : "its console UART",
			     path);
	}
	for (uint32_t j = 0; j < i; j++) {
		const struct layout_partition *q = &l->parts[j];

		for (uint32_t n = 0; n < q->ndevices; n++) {
			const struct layout_device *b = &q->devices[n];

			if (b->node == a->node)
				continue; /* the device itself in two partitions: validate_dev.c */
			for (uint32_t x = 0; x < b->nirqs; x++)
				if (b->irqs[x] == intid)
					layout_error(d, p->path, "devices",
						     "%s: INTID %u is also used by %s of partition "
						     "'%s'",
						     a->path, intid, b->path, q->name);
		}
	}
}

static void check_irqs(const struct layout *l, struct layout_diag *d)
{
	uint32_t own[OWNERS_MAX_HYP_SPIS];
	int own_node[OWNERS_MAX_HYP_SPIS];
	uint32_t nown = owners_bulkhead_spis(l, own, own_node, OWNERS_MAX_HYP_SPIS);

	for (uint32_t i = 0; i < l->nparts; i++)
		for (uint32_t k = 0; k < l->parts[i].ndevices; k++) {
			const struct layout_device *a = &l->parts[i].devices[k];

			for (uint32_t x = 0; x < a->nirqs; x++)
				check_irq(l, i, a, a->irqs[x], own, own_node, nown, d);
		}
}

void validate_owners(struct layout *l, const struct layout_range *img, struct layout_diag *d)
{
	struct owner_map *m = &l->owners;

	m->n = 0;
	m->built = false;
	for (uint32_t i = 0; i < l->nram; i++)
		add(m, OWN_RAM, OWNER_NONE, l->ram_node[i], l->ram[i].base, l->ram[i].size, i);
	add_bulkhead(l, img, m);
	/* Every partition's RAM before any device: a device over RAM is the device's fault. */
	for (uint32_t i = 0; i < l->nparts; i++)
		add_partition_ram(&l->parts[i], m);
	for (uint32_t i = 0; i < l->nparts; i++)
		add_partition_devices(&l->parts[i], m);
	sort_map(m);
	check_one_owner(l, m, d);
	check_ram_not_device(l, d);
	check_irqs(l, d);
	m->built = true;
}

const struct owner_range *owner_map_lookup(const struct owner_map *m, uint64_t phys)
{
	for (uint32_t i = 0; i < m->n; i++) {
		const struct owner_range *r = &m->r[i];

		if (r->kind != OWN_RAM && phys >= extent_first(r) && phys <= extent_last(r))
			return r;
	}
	return NULL;
}

bool owner_map_in_ram(const struct owner_map *m, uint64_t base, uint64_t size)
{
	for (uint32_t i = 0; i < m->n; i++) {
		const struct owner_range *r = &m->r[i];
		const struct layout_range ram = {r->base, r->size};

		if (r->kind == OWN_RAM && inside(base, size, &ram))
			return true;
	}
	return false;
}

const char *owner_kind_name(uint32_t kind)
{
	static const char *const names[OWN_KIND_COUNT] = {
		[OWN_RAM] = "ram",	     [OWN_HYP] = "bulkhead",
		[OWN_HYP_IMAGE] = "image",   [OWN_MODULE] = "module",
		[OWN_GICD] = "gicd",	     [OWN_GICR] = "gicr",
		[OWN_GIC_CHILD] = "gic-its", [OWN_GIC_OTHER] = "gic",
		[OWN_SMMU] = "smmu",	     [OWN_CONSOLE] = "console",
		[OWN_PART_RAM] = "part-ram", [OWN_PART_DEV] = "part-dev",
		[OWN_HOLE] = "hole",
	};

	return kind < OWN_KIND_COUNT && names[kind] ? names[kind] : "?";
}
