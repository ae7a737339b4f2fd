// SPDX-License-Identifier: GPL-2.0-only
/*
 * layout_validate(): every rule of the binding that involves more than one
 * node -- Bulkhead's region, modules, names, cores, memory ranges. Guest map
 * and device rules are in validate_dev.c. Conflicts between two partitions
 * are reported once, on the later one, naming the earlier.
 */
#include <partitions/channel.h>
#include <partitions/dt.h>
#include <smmu/streams.h>

#include <errno.h>
#include <lib/bits.h>
#include <lib/trace.h>
#include <libfdt.h>
#include <string.h>

/* Non-empty and not wrapping: the only ranges the overlap rules compare. */
static bool range_ok(uint64_t base, uint64_t size)
{
	return size && base + size > base;
}

bool layout_in_ram(const struct layout *l, uint64_t base, uint64_t size)
{
	for (uint32_t i = 0; i < l->nram; i++) {
		const struct layout_range *r = &l->ram[i];

		if (base >= r->base && base - r->base < r->size &&
		    size <= r->size - (base - r->base))
			return true;
	}
	return false;
}

/* A module's size is 0 until boot.scr sets it (host check): count its first byte. */
static uint64_t module_extent(const struct layout_image *m)
{
	return m->size ? m->size : 1;
}

/* Rule: Bulkhead's region is page aligned, in RAM, and holds the running image. */
static void check_hyp(const struct layout *l, const struct layout_range *img, struct layout_diag *d)
{
	const struct layout_range *h = &l->hyp;

	if (!range_ok(h->base, h->size))
		return; /* missing or size 0: reported by the parser */
	if (!IS_ALIGNED(h->base | h->size, LAYOUT_PAGE_SIZE))
		layout_error(d, LAYOUT_ROOT_PATH, "reg", "0x%llx-0x%llx is not 4 KiB aligned",
			     X64(h->base), RANGE_END(h->base, h->size));
	if (!layout_in_ram(l, h->base, h->size))
		layout_error(d, LAYOUT_ROOT_PATH, "reg", "0x%llx-0x%llx is outside RAM",
			     X64(h->base), RANGE_END(h->base, h->size));
	if (img && img->size &&
	    !(img->base >= h->base && img->base - h->base < h->size &&
	      img->size <= h->size - (img->base - h->base)))
		layout_error(d, LAYOUT_ROOT_PATH, "reg",
			     "the running image 0x%llx-0x%llx does not fit in 0x%llx-0x%llx",
			     X64(img->base), RANGE_END(img->base, img->size), X64(h->base),
			     RANGE_END(h->base, h->size));
}

/* Rule: a module lies in RAM, clear of Bulkhead's region and of other modules. */
static void check_module(const struct layout *l, uint32_t i, const struct layout_range *img,
			 struct layout_diag *d)
{
	const struct layout_image *m = &l->modules[i];
	uint64_t size = module_extent(m);

	if (!m->has_reg)
		return;
	if (!range_ok(m->addr, size)) {
		layout_error(d, m->path, "reg", "0x%llx + 0x%llx wraps around", X64(m->addr),
			     X64(m->size));
		return;
	}
	if (!layout_in_ram(l, m->addr, size))
		layout_error(d, m->path, "reg", "0x%llx-0x%llx is outside RAM", X64(m->addr),
			     RANGE_END(m->addr, size));
	/* Overlaps with Bulkhead and other modules: the ownership map (owners.c). */
	(void)img;
}

/* Rule: partition names are unique. */
static void check_name(const struct layout *l, uint32_t i, struct layout_diag *d)
{
	const struct layout_partition *p = &l->parts[i];

	for (uint32_t j = 0; j < i; j++)
		if (strcmp(p->name, l->parts[j].name) == 0)
			layout_error(d, p->path, "-", "name '%s' is already used by %s", p->name,
				     l->parts[j].path);
}

/* Rule: a core belongs to one partition, and Bulkhead is built to run it. */
static void check_cores(const struct layout *l, uint32_t i, struct layout_diag *d)
{
	const struct layout_partition *p = &l->parts[i];
	char path[LAYOUT_PATH_MAX];

	for (uint32_t k = 0; k < p->ncpus; k++) {
		int owner = layout_cpu_owner(l, p->cpus[k]);

		dt_path(l->fdt, l->cpus[p->cpus[k]].node, path, sizeof(path));
		if (owner >= 0 && (uint32_t)owner < i)
			layout_error(d, p->path, "cpus", "core %s is already in partition '%s'",
				     path, l->parts[owner].name);
#ifdef CONFIG_MAX_CPUS
		if (p->cpus[k] >= CONFIG_MAX_CPUS)
			layout_error(d, p->path, "cpus",
				     "core %s: Bulkhead is built for %d cores "
				     "(CONFIG_MAX_CPUS)",
				     path, CONFIG_MAX_CPUS);
#endif
	}
}

/* Rule: a range is not empty, does not wrap, is page aligned and lies in RAM. */
static bool check_range_alone(const struct layout *l, const struct layout_partition *p, uint32_t k,
			      struct layout_diag *d)
{
	const struct layout_mem *m = &p->mem[k];

	if (!m->size) {
		layout_error(d, p->path, "memory", "range %u at 0x%llx has size 0", k,
			     X64(m->phys));
		return false;
	}
	if (!range_ok(m->phys, m->size)) {
		layout_error(d, p->path, "memory", "range 0x%llx + 0x%llx wraps around",
			     X64(m->phys), X64(m->size));
		return false;
	}
	if (!IS_ALIGNED(m->phys | m->size, LAYOUT_PAGE_SIZE))
		layout_error(d, p->path, "memory", "range 0x%llx-0x%llx is not 4 KiB aligned",
			     X64(m->phys), RANGE_END(m->phys, m->size));
	if (!layout_in_ram(l, m->phys, m->size))
		layout_error(d, p->path, "memory",
			     "range 0x%llx-0x%llx is outside RAM (/memory reg)", X64(m->phys),
			     RANGE_END(m->phys, m->size));
	return true;
}

static void check_partition(const struct layout *l, uint32_t i, struct layout_diag *d)
{
	const struct layout_partition *p = &l->parts[i];

	check_name(l, i, d);
	check_cores(l, i, d);
	for (uint32_t k = 0; k < p->nmem; k++) {
		check_range_alone(l, p, k, d); /* overlaps: the ownership map (owners.c) */
	}
	validate_guest_map(l, i, d);
	validate_devices(l, i, d);
}

/*
 * console-input (optional string on /chosen/bulkhead): the partition that has
 * the console input at boot, or "none" (input only after Ctrl-] <n>). It must
 * name a partition that gets the emulated PL011.
 */
static void check_console_input(const struct layout *l, struct layout_diag *d)
{
	int len, idx;
	const char *name = fdt_getprop(l->fdt, l->root, "console-input", &len);

	if (!name)
		return;
	if (len < 1 || name[len - 1] != '\0') {
		layout_error(d, LAYOUT_ROOT_PATH, "console-input", "must be a string");
		return;
	}
	if (strcmp(name, "none") == 0)
		return;
	idx = layout_find_partition(l, name);
	if (idx < 0)
		layout_error(d, LAYOUT_ROOT_PATH, "console-input",
			     "no partition named '%s' (or \"none\")", name);
	else if (!l->parts[idx].virtual_uart)
		layout_error(
			d, LAYOUT_ROOT_PATH, "console-input",
			"partition '%s' owns its UART: it gets no emulated console to type into",
			name);
}

int layout_validate(struct layout *l, const struct layout_range *hyp_image, struct layout_diag *d)
{
	unsigned int before = d->errors;

	if (l->root < 0)
		return trace_error(-EINVAL); /* no /chosen/bulkhead: reported by the parser */
#ifdef CONFIG_MAX_PARTITIONS
	if (l->nparts > CONFIG_MAX_PARTITIONS)
		layout_error(d, LAYOUT_ROOT_PATH, "-",
			     "%u partitions: Bulkhead is built for %d (CONFIG_MAX_PARTITIONS)",
			     l->nparts, CONFIG_MAX_PARTITIONS);
#endif
	check_hyp(l, hyp_image, d);
	for (uint32_t m = 0; m < l->nmodules; m++)
		check_module(l, m, hyp_image, d);
	for (uint32_t i = 0; i < l->nparts; i++)
		check_partition(l, i, d);
	layout_validate_streams(l, d); /* DMA: stream IDs resolve, one owner each */
	validate_dma(l, d);	       /* DMA masters confined, or opted in and identity-mapped */
	validate_channels(l, d);       /* placement and guest map of channels (channel.c) */
	validate_owners(l, hyp_image, d); /* one owner per byte and per SPI (owners.c) */
	for (uint32_t i = 0; i < l->nparts; i++)
		validate_firmware(l, i, d); /* flash banks: needs the ownership map */
	check_console_input(l, d);
	validate_irq_delivery(l, d); /* interrupt-delivery (irq_delivery.c) */
	return d->errors > before ? trace_error(-EINVAL) : 0;
}
