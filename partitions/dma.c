// SPDX-License-Identifier: GPL-2.0-only
/*
 * DMA masters are confined or refused (docs/binding.md "DMA masters").
 *
 * A device can master DMA unless its compatible is on the short list below
 * of devices known not to (they have no bus-master interface): unknown means
 * DMA-capable, so a new device is refused until it is confined or listed.
 * virtio,mmio is DMA-capable (the device reads and writes its rings and
 * buffers in guest memory).
 *
 * A DMA-capable device must have SMMU stream IDs (iommus / iommu-map,
 * streams.c): its accesses then go through the partition's stage-2 tables.
 * Otherwise the partition must list it in dma-unconfined, an explicit opt-in
 * (in the spirit of Xen's xen,force-assign-without-iommu), and be
 * identity-mapped (guest-physical = physical for all its RAM), or the device
 * would DMA to guest-physical addresses taken as physical ones. Even then it
 * can reach any physical byte: bulkhead-check prints a warning.
 */
#include <partitions/dt.h>

#include <lib/format.h>
#include <string.h>

static const char *const no_dma[] = {
	"arm,pl011",	 /* UART; DMA only through a separate DMA controller (dmas) */
	"arm,sbsa-uart", /* the same */
	"arm,pl031",	 /* RTC */
	"arm,pl061",	 /* GPIO */
	"arm,sp805",	 /* watchdog */
	"arm,sbsa-gwdt", /* watchdog */
	"arm,sp804",	 /* timer */
	"ns16550a",	 /* UART */
	"cfi-flash",	 /* NOR flash: a memory the CPU reads, not a master */
	"gpio-keys",	 /* no bus interface at all */
	"fixed-clock",	 /* the same */
	NULL,
};

bool dma_capable(const struct layout *l, int node)
{
	for (const char *const *c = no_dma; *c; c++)
		if (dt_compatible(l->fdt, node, *c))
			return false;
	return true;
}

/* dma-unconfined = <&dev ...>: each one of the partition's devices. */
void parse_dma_unconfined(struct layout *l, struct layout_partition *p, struct layout_diag *d)
{
	const char *prop = "dma-unconfined";
	int len;
	const fdt32_t *ph = fdt_getprop(l->fdt, p->node, prop, &len);

	if (!ph)
		return;
	if (len <= 0 || len % 4) {
		layout_error(d, p->path, prop, "must be a list of phandles (devices of %s)",
			     "the partition");
		return;
	}
	for (int i = 0; i < len / 4; i++) {
		int node = parse_phandle(l, p->path, prop, fdt32_to_cpu(ph[i]), d);
		char path[LAYOUT_PATH_MAX];
		uint32_t k;

		if (node < 0)
			continue;
		for (k = 0; k < p->ndevices && p->devices[k].node != node; k++)
			;
		if (k < p->ndevices) {
			p->devices[k].dma_unconfined = true;
			continue;
		}
		dt_path(l->fdt, node, path, sizeof(path));
		layout_error(d, p->path, prop, "%s is not one of the partition's devices", path);
	}
}

/* True if every memory range of @p is seen at its own physical address. */
static bool identity_mapped(const struct layout_partition *p)
{
	for (uint32_t k = 0; k < p->nmem; k++)
		if (p->mem[k].ipa != p->mem[k].phys)
			return false;
	return p->nmem > 0;
}

/* Rule: a DMA master has SMMU streams, or is an identity-mapped partition's opt-in. */
static void check_device(const struct layout *l, const struct layout_partition *p,
			 const struct layout_device *dev, struct layout_diag *d)
{
	/* iommus / iommu-map that do not resolve, a bridge without one: streams.c. */
	bool described = fdt_getprop(l->fdt, dev->node, "iommus", NULL) ||
			 fdt_getprop(l->fdt, dev->node, "iommu-map", NULL) ||
			 dt_prop_is(l->fdt, dev->node, "device_type", "pci");

	if (dev->nstreams || described) {
		if (dev->dma_unconfined)
			layout_error(d, p->path, "dma-unconfined",
				     "%s has SMMU stream IDs: its DMA is confined, remove it "
				     "from dma-unconfined",
				     dev->path);
		return;
	}
	if (!dev->dma_capable)
		return;
	if (!dev->dma_unconfined) {
		layout_error(d, p->path, "devices",
			     "%s can master DMA and has no SMMU stream ID (iommus): its DMA "
			     "cannot be confined (list it in dma-unconfined to accept that, "
			     "with identity-mapped memory)",
			     dev->path);
		return;
	}
	if (!identity_mapped(p)) {
		layout_error(d, p->path, "dma-unconfined",
			     "%s is an unconfined DMA master: the partition's memory must be "
			     "identity-mapped (guest-address = the first range's address, "
			     "ranges back to back)",
			     dev->path);
		return;
	}
	layout_warning(d, p->path, "dma-unconfined",
		       "%s can master DMA and has no SMMU stream: its DMA is not confined "
		       "(it can reach any physical address)",
		       dev->path);
}

void validate_dma(const struct layout *l, struct layout_diag *d)
{
	for (uint32_t i = 0; i < l->nparts; i++)
		for (uint32_t k = 0; k < l->parts[i].ndevices; k++)
			check_device(l, &l->parts[i], &l->parts[i].devices[k], d);
}
