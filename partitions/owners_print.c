// SPDX-License-Identifier: GPL-2.0-only
/*
 * layout_print_map(): the ownership map as bulkhead-check --map prints it.
 * Physical ranges sorted by address, each with its kind, its owner and where
 * it comes from, RAM ranges as the layer the rest lies on, and the holes
 * between owned ranges ("unassigned RAM" inside RAM, "unassigned" outside);
 * then interrupts, SMMU stream IDs and cores with their owners.
 */
#include <partitions/dt.h>

#include <lib/bits.h>
#include <lib/format.h>
#include <smmu/streams.h>
#include <stdarg.h>

#define MAP_LINE_MAX 256

struct out {
	void (*puts)(const char *line);
	char buf[MAP_LINE_MAX];
};

static void line(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void line(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(o->buf, sizeof(o->buf), fmt, ap);
	va_end(ap);
	o->puts(o->buf);
}

static const char *owner_name(const struct layout *l, int32_t owner)
{
	if (owner == OWNER_BULKHEAD)
		return "bulkhead";
	if (owner >= 0 && (uint32_t)owner < l->nparts)
		return l->parts[owner].name;
	return "-";
}

static void print_range(const struct layout *l, const struct owner_range *r, struct out *o)
{
	char path[LAYOUT_PATH_MAX] = "";
	char what[LAYOUT_PATH_MAX + 64];

	if (r->node >= 0)
		dt_path(l->fdt, r->node, path, sizeof(path));
	switch (r->kind) {
	case OWN_PART_RAM:
		fmt_snprintf(what, sizeof(what), "%s memory %u -> ipa 0x%llx", path, r->index,
			     X64(r->ipa));
		break;
	case OWN_PART_DEV:
		fmt_snprintf(what, sizeof(what), "%s %s %u", path, r->window ? "window" : "reg",
			     r->index);
		break;
	case OWN_GICR:
		if (r->index == 0xffff)
			fmt_snprintf(what, sizeof(what), "%s reg 1 (frames of no described core)",
				     path);
		else
			fmt_snprintf(what, sizeof(what), "%s reg 1 frame %u", path, r->index);
		break;
	case OWN_HYP_IMAGE:
		fmt_snprintf(what, sizeof(what), "the running image (outside reg)");
		break;
	case OWN_CONSOLE:
		fmt_snprintf(what, sizeof(what), "%s%s", r->node >= 0 ? path : "early UART",
			     r->node >= 0 ? " reg 0 (console)" : " (no stdout-path)");
		break;
	case OWN_MODULE:
		fmt_snprintf(what, sizeof(what), "%s reg%s", path,
			     r->size == 1 ? " (size 0: set at load; its first byte)" : "");
		break;
	default:
		fmt_snprintf(what, sizeof(what), "%s reg %u", path, r->index);
		break;
	}
	line(o, "  0x%016llx-0x%016llx  %-8s  %-15s %s", X64(r->base), RANGE_END(r->base, r->size),
	     owner_kind_name(r->kind), owner_name(l, r->owner), what);
}

/* [lo, hi] (inclusive) is nobody's: one line per piece inside or outside RAM. */
static void print_holes(const struct layout *l, uint64_t lo, uint64_t hi, struct out *o)
{
	while (lo <= hi) {
		uint64_t end = hi;
		bool ram = false;

		for (uint32_t k = 0; k < l->nram; k++) {
			uint64_t b = l->ram[k].base, e = l->ram[k].base + (l->ram[k].size - 1);

			if (lo >= b && lo <= e) {
				ram = true;
				end = MIN(end, e);
			} else if (b > lo && b - 1 < end) {
				end = b - 1;
			}
		}
		line(o, "  0x%016llx-0x%016llx  %-8s  %-15s %s", X64(lo), X64(end), "hole", "-",
		     ram ? "unassigned RAM" : "unassigned");
		if (end == UINT64_MAX)
			return;
		lo = end + 1;
	}
}

static void print_ranges(const struct layout *l, struct out *o)
{
	const struct owner_map *m = &l->owners;
	uint64_t next = 0, top = 0; /* first address not yet printed */
	bool done = false;	    /* next wrapped: everything printed */

	line(o, "ownership map (physical; device MMIO owns the whole 4 KiB pages it touches):");
	for (uint32_t i = 0; i < m->n; i++) {
		const struct owner_range *r = &m->r[i];
		uint64_t first = r->paged ? ALIGN_DOWN(r->base, LAYOUT_PAGE_SIZE) : r->base;
		uint64_t last = r->base + (r->size - 1);

		if (r->paged)
			last |= LAYOUT_PAGE_SIZE - 1;
		if (!done && first > next)
			print_holes(l, next, first - 1, o);
		print_range(l, r, o);
		if (r->kind == OWN_RAM) {
			top = MAX(top, last);
			if (!done && first > next)
				next = first;
			continue;
		}
		top = MAX(top, last);
		if (!done && last >= next) {
			done = last == UINT64_MAX;
			next = last + 1;
		}
	}
	if (!done && m->n && top >= next)
		print_holes(l, next, top, o);
}

/* A board device range nobody owns (its node is in no owned range of the map). */
static void print_unowned(const struct layout *l, int node, uint32_t index,
			  const struct layout_range *r, void *ctx)
{
	const struct owner_map *m = &l->owners;
	char path[LAYOUT_PATH_MAX];

	for (uint32_t i = 0; i < m->n; i++)
		if (m->r[i].node == node && m->r[i].kind != OWN_RAM)
			return;
	dt_path(l->fdt, node, path, sizeof(path));
	line(ctx, "  0x%016llx-0x%016llx  %-8s  %-15s %s reg %u", X64(r->base),
	     RANGE_END(r->base, r->size), "device", "-", path, index);
}

static void print_irqs(const struct layout *l, struct out *o)
{
	uint32_t own[OWNERS_MAX_HYP_SPIS];
	int node[OWNERS_MAX_HYP_SPIS];
	uint32_t n = owners_bulkhead_spis(l, own, node, OWNERS_MAX_HYP_SPIS);
	char path[LAYOUT_PATH_MAX];

	line(o, "interrupts (INTIDs; PPIs 16-31 are per core: Bulkhead's and the vCPUs'):");
	for (uint32_t i = 0; i < n; i++) {
		dt_path(l->fdt, node[i], path, sizeof(path));
		line(o, "  %4u  %-15s %s (%s)", own[i], "bulkhead", path,
		     node[i] == l->smmu_node ? "SMMU" : "console UART");
	}
	for (uint32_t i = 0; i < l->nparts; i++)
		for (uint32_t k = 0; k < l->parts[i].ndevices; k++) {
			const struct layout_device *dev = &l->parts[i].devices[k];

			for (uint32_t x = 0; x < dev->nirqs; x++)
				line(o, "  %4u  %-15s %s", dev->irqs[x], l->parts[i].name,
				     dev->path);
		}
}

static void print_streams_cores(const struct layout *l, struct out *o)
{
	char path[LAYOUT_PATH_MAX];

	line(o, "SMMU stream IDs (every other stream aborts):");
	for (uint32_t i = 0; i < l->nparts; i++)
		for (uint32_t k = 0; k < l->parts[i].ndevices; k++) {
			const struct layout_device *dev = &l->parts[i].devices[k];

			for (uint32_t s = 0; s < dev->nstreams; s++)
				line(o, "  0x%x-0x%x  %-15s %s", dev->streams[s].base,
				     dev->streams[s].base + dev->streams[s].count - 1,
				     l->parts[i].name, dev->path);
		}
	line(o, "cores:");
	for (uint32_t c = 0; c < l->ncpus; c++) {
		const struct layout_cpu *cpu = &l->cpus[c];

		dt_path(l->fdt, cpu->node, path, sizeof(path));
		if (cpu->partition >= 0)
			line(o, "  MPIDR 0x%llx  %-15s %s (vCPU %u)", X64(cpu->mpidr),
			     l->parts[cpu->partition].name, path, cpu->vcpu);
		else
			line(o, "  MPIDR 0x%llx  %-15s %s", X64(cpu->mpidr), "-", path);
	}
}

void layout_print_map(const struct layout *l, void (*puts)(const char *line))
{
	struct out o = {.puts = puts};

	print_ranges(l, &o);
	line(&o, "board devices given to nobody (mapped nowhere, in the holes above; tree order):");
	owners_for_each_board_range(l, print_unowned, &o);
	print_irqs(l, &o);
	print_streams_cores(l, &o);
}
