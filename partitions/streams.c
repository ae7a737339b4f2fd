// SPDX-License-Identifier: GPL-2.0-only
/*
 * DMA stream IDs of partition devices, and the SMMU Bulkhead drives, from the
 * system device tree (owner: smmu/; see smmu/streams.h and docs/smmu.md).
 *
 * Bindings read (Linux's iommu and pci-iommu bindings):
 *   smmu: smmuv3@... { compatible = "arm,smmu-v3"; #iommu-cells = <1>;
 *                      reg = <...>;  interrupts = <...>;
 *                      interrupt-names = "eventq", "priq", "cmdq-sync", "gerror"; };
 *     ("combined" instead: one interrupt for everything)
 *   a platform device:  iommus = <&smmu sid> [, <&smmu sid> ...];
 *   a PCI host bridge:  iommu-map = <rid-base &smmu sid-base length> [...];
 *     every stream ID the map names belongs to the partition that owns the
 *     bridge (iommu-map-mask only changes which requester IDs share them).
 */
#include <partitions/dt.h>
#include <smmu/streams.h>

#include <errno.h>
#include <lib/bits.h>
#include <lib/format.h>
#include <lib/trace.h>
#include <stdarg.h>
#include <string.h>

#define SMMU_COMPAT  "arm,smmu-v3"
#define SMMU_MIN_REG 0x20000ULL /* two 64 KiB register pages */
#define GIC_SPI	     0
#define GIC_SPI_BASE 32
#define GIC_SPI_MAX  987

/* One device's stream IDs being collected; errors reported only if d is set. */
struct walk {
	const struct layout *l;
	int node;
	const char *path;
	struct layout_diag *d;
	uint32_t n;
	struct layout_stream_range r[LAYOUT_MAX_DEV_STREAMS];
	bool full_reported;
};

static void walk_error(struct walk *w, const char *prop, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void walk_error(struct walk *w, const char *prop, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	if (!w->d)
		return;
	va_start(ap, fmt);
	fmt_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	layout_error(w->d, w->path, prop, "%s", msg);
}

/* Adds [base, base + count), merged with any range it touches. */
static void walk_add(struct walk *w, const char *prop, uint32_t entry, uint32_t base,
		     uint32_t count)
{
	uint64_t lo = base, hi = (uint64_t)base + count;

	if (!count) {
		walk_error(w, prop, "entry %u: stream ID range of length 0", entry);
		return;
	}
	if (hi > (1ULL << SMMU_MAX_SID_BITS)) {
		walk_error(w, prop,
			   "entry %u: stream IDs 0x%x-0x%llx: Bulkhead's stream table covers "
			   "stream IDs 0-0x%x only",
			   entry, base, X64(hi - 1), (1U << SMMU_MAX_SID_BITS) - 1);
		return;
	}
	for (uint32_t i = 0; i < w->n;) {
		uint64_t b = w->r[i].base, e = b + w->r[i].count;

		if (lo <= e && b <= hi) { /* overlapping or adjacent: take it in */
			lo = MIN(lo, b);
			hi = MAX(hi, e);
			w->r[i] = w->r[--w->n];
			i = 0;
			continue;
		}
		i++;
	}
	if (w->n == LAYOUT_MAX_DEV_STREAMS) {
		if (!w->full_reported)
			walk_error(w, prop, "more than %d separate stream ID ranges",
				   LAYOUT_MAX_DEV_STREAMS);
		w->full_reported = true;
		return;
	}
	w->r[w->n].base = (uint32_t)lo;
	w->r[w->n].count = (uint32_t)(hi - lo);
	w->n++;
}

/* Cells of the iommu specifier for entry @entry pointing at phandle @ph: 1, or 0 (reported). */
static uint32_t walk_target(struct walk *w, const char *prop, uint32_t entry, uint32_t ph)
{
	const struct layout *l = w->l;
	char path[LAYOUT_PATH_MAX], smmu[LAYOUT_PATH_MAX];
	int node = dt_node_by_phandle(l->fdt, ph);
	uint32_t cells;

	if (node < 0) {
		walk_error(w, prop, "entry %u: phandle 0x%x names no node", entry, ph);
		return 0;
	}
	dt_path(l->fdt, node, path, sizeof(path));
	if (l->smmu_node < 0) {
		walk_error(w, prop,
			   "entry %u: %s is not an SMMUv3 (\"" SMMU_COMPAT "\"): Bulkhead cannot "
			   "confine this device's DMA",
			   entry, path);
		return 0;
	}
	if (node != l->smmu_node) {
		dt_path(l->fdt, l->smmu_node, smmu, sizeof(smmu));
		walk_error(w, prop, "entry %u: %s is not the SMMU Bulkhead drives (%s)", entry,
			   path, smmu);
		return 0;
	}
	if (dt_u32(l->fdt, node, "#iommu-cells", &cells) || cells != 1) {
		walk_error(w, prop, "entry %u: %s: #iommu-cells must be 1 (one stream ID)", entry,
			   path);
		return 0;
	}
	return cells;
}

/* iommus = <phandle sid> ...: one stream ID per entry. */
static void walk_iommus(struct walk *w)
{
	int len;
	const fdt32_t *c = fdt_getprop(w->l->fdt, w->node, "iommus", &len);
	uint32_t n;

	if (!c)
		return;
	if (len <= 0 || len % 4) {
		walk_error(w, "iommus", "must be a non-empty list of <phandle stream-id> entries");
		return;
	}
	n = (uint32_t)len / 4;
	for (uint32_t i = 0, entry = 0; i < n; entry++) {
		uint32_t cells = walk_target(w, "iommus", entry, fdt32_to_cpu(c[i]));

		if (!cells)
			return; /* the entry's size is unknown: stop */
		if (n - i - 1 < cells) {
			walk_error(w, "iommus", "entry %u is truncated", entry);
			return;
		}
		walk_add(w, "iommus", entry, fdt32_to_cpu(c[i + 1]), 1);
		i += 1 + cells;
	}
}

/* iommu-map = <rid-base phandle sid-base length> ...: length stream IDs per entry. */
static void walk_iommu_map(struct walk *w)
{
	int len;
	const fdt32_t *c = fdt_getprop(w->l->fdt, w->node, "iommu-map", &len);
	uint32_t n;

	if (!c)
		return;
	if (len <= 0 || len % 4) {
		walk_error(w, "iommu-map",
			   "must be a non-empty list of <rid-base phandle stream-id-base length> "
			   "entries");
		return;
	}
	n = (uint32_t)len / 4;
	for (uint32_t i = 0, entry = 0; i < n; entry++) {
		uint32_t cells;

		if (n - i < 2) {
			walk_error(w, "iommu-map", "entry %u is truncated", entry);
			return;
		}
		cells = walk_target(w, "iommu-map", entry, fdt32_to_cpu(c[i + 1]));
		if (!cells)
			return;
		if (n - i < 3 + cells) {
			walk_error(w, "iommu-map", "entry %u is truncated", entry);
			return;
		}
		walk_add(w, "iommu-map", entry, fdt32_to_cpu(c[i + 2]),
			 fdt32_to_cpu(c[i + 2 + cells]));
		i += 3 + cells;
	}
}

static void walk_device(struct walk *w, const struct layout *l, const struct layout_device *dev,
			struct layout_diag *d)
{
	memset(w, 0, sizeof(*w));
	w->l = l;
	w->node = dev->node;
	w->path = dev->path;
	w->d = d;
	walk_iommus(w);
	walk_iommu_map(w);
}

/* The interrupt named @name of the SMMU node: 0 and *intid, -ENOENT, or -EINVAL (reported). */
static int smmu_irq(const struct layout *l, int node, const char *path, const char *name,
		    uint32_t *intid, struct layout_diag *d)
{
	int idx = fdt_stringlist_search(l->fdt, node, "interrupt-names", name);
	int ctrl = dt_irq_parent(l->fdt, node), len;
	const fdt32_t *spec;
	uint32_t cells, type, num;

	if (idx < 0)
		return -ENOENT;
	if (ctrl < 0 || ctrl != l->gic_node) {
		layout_error(d, path, "interrupts", "the SMMU's interrupt parent must be the GIC");
		return -EINVAL;
	}
	if (dt_u32(l->fdt, ctrl, "#interrupt-cells", &cells) || cells < 3 || cells > 4) {
		layout_error(d, path, "interrupts", "the GIC's #interrupt-cells must be 3 or 4");
		return -EINVAL;
	}
	spec = fdt_getprop(l->fdt, node, "interrupts", &len);
	if (!spec || len % 4 || ((uint32_t)idx + 1) * cells > (uint32_t)len / 4) {
		layout_error(d, path, "interrupts",
			     "no specifier for \"%s\" (interrupt-names entry %d)", name, idx);
		return -EINVAL;
	}
	spec += (uint32_t)idx * cells;
	type = fdt32_to_cpu(spec[0]);
	num = fdt32_to_cpu(spec[1]);
	if (type != GIC_SPI || num > GIC_SPI_MAX) {
		layout_error(d, path, "interrupts", "\"%s\" must be an SPI (type %u number %u)",
			     name, type, num);
		return -EINVAL;
	}
	*intid = GIC_SPI_BASE + num;
	return 0;
}

/* l->smmu_*: the first "arm,smmu-v3" node; reg must cover both register pages. */
static void parse_smmu(struct layout *l, struct layout_diag *d)
{
	char path[LAYOUT_PATH_MAX];
	struct layout_range r;
	uint32_t combined = 0;
	int node = dt_next_compatible(l->fdt, -1, SMMU_COMPAT);

	l->smmu_node = -1;
	l->smmu_base = l->smmu_size = 0;
	l->smmu_evtq_intid = l->smmu_gerror_intid = 0;
	if (node < 0)
		return;
	l->smmu_node = node;
	dt_path(l->fdt, node, path, sizeof(path));
	if (dt_reg(l->fdt, node, 0, &r)) {
		layout_error(d, path, "reg",
			     "missing or not translatable: Bulkhead cannot drive the SMMU");
	} else if (r.size < SMMU_MIN_REG) {
		layout_error(d, path, "reg",
			     "0x%llx bytes: must cover both 64 KiB register pages (0x%llx bytes)",
			     X64(r.size), X64(SMMU_MIN_REG));
	} else {
		l->smmu_base = r.base;
		l->smmu_size = r.size;
	}
	smmu_irq(l, node, path, "eventq", &l->smmu_evtq_intid, d);
	smmu_irq(l, node, path, "gerror", &l->smmu_gerror_intid, d);
	if (smmu_irq(l, node, path, "combined", &combined, d) == 0) {
		if (!l->smmu_evtq_intid)
			l->smmu_evtq_intid = combined;
		if (!l->smmu_gerror_intid)
			l->smmu_gerror_intid = combined;
	}
}

int layout_parse_streams(struct layout *l, struct layout_diag *d)
{
	unsigned int before = d ? d->errors : 0;

	if (!l->fdt)
		return trace_error(-EINVAL);
	parse_smmu(l, d);
	for (uint32_t i = 0; i < l->nparts; i++) {
		struct layout_partition *p = &l->parts[i];

		for (uint32_t k = 0; k < p->ndevices; k++) {
			struct layout_device *dev = &p->devices[k];
			struct walk w;

			walk_device(&w, l, dev, NULL); /* silent: validation reports */
			dev->nstreams = w.n;
			memcpy(dev->streams, w.r, sizeof(dev->streams));
		}
	}
	return d && d->errors > before ? trace_error(-EINVAL) : 0;
}

/* The property a device's stream IDs come from, for messages. */
static const char *stream_prop(const struct layout *l, int node)
{
	return fdt_getprop(l->fdt, node, "iommu-map", NULL) ? "iommu-map" : "iommus";
}

/* Rule: a stream ID belongs to one partition (reported on the later one). */
static void check_overlaps(const struct layout *l, uint32_t i, const struct layout_device *a,
			   struct layout_diag *d)
{
	for (uint32_t j = 0; j < i; j++) {
		const struct layout_partition *q = &l->parts[j];

		for (uint32_t n = 0; n < q->ndevices; n++) {
			const struct layout_device *b = &q->devices[n];

			if (b->node == a->node)
				continue; /* one device in two partitions: reported by validate_devices */
			for (uint32_t x = 0; x < a->nstreams; x++) {
				for (uint32_t y = 0; y < b->nstreams; y++) {
					const struct layout_stream_range *ra = &a->streams[x];
					const struct layout_stream_range *rb = &b->streams[y];

					if (!ranges_overlap(ra->base, ra->count, rb->base,
							    rb->count))
						continue;
					layout_error(
						d, a->path, stream_prop(l, a->node),
						"stream IDs 0x%x-0x%x of partition '%s' overlap "
						"stream IDs 0x%x-0x%x of %s (partition '%s')",
						ra->base, ra->base + ra->count - 1,
						l->parts[i].name, rb->base,
						rb->base + rb->count - 1, b->path, q->name);
				}
			}
		}
	}
}

int layout_validate_streams(const struct layout *l, struct layout_diag *d)
{
	unsigned int before = d->errors;

	if (!l->fdt)
		return trace_error(-EINVAL);
	for (uint32_t i = 0; i < l->nparts; i++) {
		const struct layout_partition *p = &l->parts[i];

		for (uint32_t k = 0; k < p->ndevices; k++) {
			const struct layout_device *a = &p->devices[k];
			bool has_map = fdt_getprop(l->fdt, a->node, "iommu-map", NULL) != NULL;
			bool has_iommus = fdt_getprop(l->fdt, a->node, "iommus", NULL) != NULL;
			unsigned int errors = d->errors;
			struct walk w;

			walk_device(&w, l, a, d); /* reports every entry that does not resolve */
			if (!has_map && !has_iommus &&
			    dt_prop_is(l->fdt, a->node, "device_type", "pci"))
				layout_error(
					d, a->path, "iommu-map",
					"DMA-capable device has no stream IDs: a PCI host bridge "
					"needs an iommu-map to the SMMU, or its devices' DMA "
					"cannot be confined (partition '%s')",
					p->name);
			else if ((has_map || has_iommus) && !w.n && d->errors == errors)
				layout_error(d, a->path, stream_prop(l, a->node),
					     "DMA-capable device has no stream IDs");
			check_overlaps(l, i, a, d);
		}
	}
	return d->errors > before ? trace_error(-EINVAL) : 0;
}
