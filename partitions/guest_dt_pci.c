// SPDX-License-Identifier: GPL-2.0-only
/*
 * The emulated PCI host bridge in a partition's guest tree (channel.h,
 * interface = "pci"; core/vpci.c emulates it):
 *
 *   pci@b100000 {
 *           compatible = "pci-host-ecam-generic";
 *           device_type = "pci";
 *           reg = <ECAM 1 MiB>;  bus-range = <0 0>;  linux,pci-domain = <N>;
 *           #address-cells = <3>; #size-cells = <2>; #interrupt-cells = <1>;
 *           ranges = per function: a 32-bit memory window = its BAR0 (doorbell
 *                    page), a 64-bit prefetchable one = its BAR2 (region);
 *           interrupt-map-mask = <0xf800 0 0 7>;
 *           interrupt-map = per function: INTA -> its doorbell SPI, level high;
 *   };
 *
 * and /chosen gets linux,pci-probe-only = <1>: Linux keeps the BARs where
 * they are (the addresses are fixed) instead of assigning its own
 * (pci_host_common_probe() -> of_pci_check_probe_only(), pci_host_probe():
 * pci_bus_claim_resources()). The channel node of such an endpoint (guest_dt.c)
 * has no "interrupts" (the interrupt is the function's INTA) and names its
 * device: bulkhead,pci-device = <n>.
 */
#include <partitions/channel.h>
#include <partitions/dt.h>

#include <lib/format.h>
#include <string.h>

#define PCI_SPACE_MEM32	   0x02000000U /* phys.hi: 32-bit memory space */
#define PCI_SPACE_MEM64_PF 0x43000000U /* phys.hi: 64-bit memory space, prefetchable */
#define IRQ_LEVEL_HIGH	   4U

static int append_u64(void *fdt, int node, const char *name, uint64_t v)
{
	DT_TRY(fdt_appendprop_u32(fdt, node, name, (uint32_t)(v >> 32)));
	return fdt_appendprop_u32(fdt, node, name, (uint32_t)v);
}

/* One ranges entry: PCI address = CPU address (1:1). */
static int add_range(void *fdt, int node, uint32_t space, uint64_t base, uint64_t size)
{
	DT_TRY(fdt_appendprop_u32(fdt, node, "ranges", space));
	DT_TRY(append_u64(fdt, node, "ranges", base));
	DT_TRY(append_u64(fdt, node, "ranges", base));
	return append_u64(fdt, node, "ranges", size);
}

/* interrupt-map: <devfn 0 0 INTA  gic  0 spi level-high> (the GIC has #address-cells 0). */
static int add_intx(void *fdt, int node, uint32_t gic, const struct layout_endpoint *e)
{
	const uint32_t cells[8] = {e->pci_dev << 11, 0, 0, 1, gic, 0, e->spi, IRQ_LEVEL_HIGH};

	for (uint32_t i = 0; i < 8U; i++)
		DT_TRY(fdt_appendprop_u32(fdt, node, "interrupt-map", cells[i]));
	return 0;
}

/* linux,pci-domain: the first from CHANNEL_PCI_DOMAIN_MIN none of @p's devices claims. */
static uint32_t pick_domain(const struct layout *l, const struct layout_partition *p)
{
	uint32_t dom = CHANNEL_PCI_DOMAIN_MIN;
	bool taken = true;

	while (taken) {
		taken = false;
		for (uint32_t k = 0; k < p->ndevices; k++) {
			int len = 0;
			const fdt32_t *v =
				fdt_getprop(l->fdt, p->devices[k].node, "linux,pci-domain", &len);

			if ((v != NULL) && (len == 4) && (fdt32_to_cpu(*v) == dom))
				taken = true;
		}
		dom += taken ? 1U : 0U;
	}
	return dom;
}

static int add_functions(const struct layout *l, const struct layout_partition *p, void *fdt,
			 int node)
{
	int len = 0;
	const fdt32_t *gic = fdt_getprop(fdt, 0, "interrupt-parent", &len);

	if ((gic == NULL) || (len != 4))
		return -FDT_ERR_NOTFOUND;
	for (uint32_t i = 0; i < l->nchannels; i++) {
		const struct layout_channel *c = &l->channels[i];
		const struct layout_endpoint *e = channel_endpoint(c, p->id, NULL);

		if ((e == NULL) || !e->pci)
			continue;
		DT_TRY(add_range(fdt, node, PCI_SPACE_MEM32, e->ipa + c->size,
				 CHANNEL_DOORBELL_SIZE));
		DT_TRY(add_range(fdt, node, PCI_SPACE_MEM64_PF, e->ipa, c->size));
		DT_TRY(add_intx(fdt, node, fdt32_to_cpu(*gic), e));
	}
	return 0;
}

int guest_dt_pci(const struct layout *l, const struct layout_partition *p, void *fdt)
{
	const uint64_t reg[2] = {CHANNEL_PCI_ECAM_IPA, CHANNEL_PCI_ECAM_SIZE};
	const uint32_t mask[4] = {0xf800, 0, 0, 7};
	char name[32];
	int node;
	int chosen;

	if (!p->vpci)
		return 0;
	chosen = fdt_path_offset(fdt, "/chosen");
	DT_TRY(chosen);
	DT_TRY(fdt_setprop_u32(fdt, chosen, "linux,pci-probe-only", 1));
	(void)fmt_snprintf(name, sizeof(name), "pci@%llx", X64(CHANNEL_PCI_ECAM_IPA));
	node = fdt_add_subnode(fdt, 0, name);
	DT_TRY(node);
	DT_TRY(fdt_setprop(fdt, node, "compatible", "pci-host-ecam-generic",
			   (int)sizeof("pci-host-ecam-generic")));
	DT_TRY(fdt_setprop(fdt, node, "device_type", "pci", (int)sizeof("pci")));
	DT_TRY(append_u64(fdt, node, "reg", reg[0]));
	DT_TRY(append_u64(fdt, node, "reg", reg[1]));
	DT_TRY(fdt_setprop_u32(fdt, node, "bus-range", 0));
	DT_TRY(fdt_appendprop_u32(fdt, node, "bus-range", 0));
	DT_TRY(fdt_setprop_u32(fdt, node, "linux,pci-domain", pick_domain(l, p)));
	DT_TRY(fdt_setprop_u32(fdt, node, "#address-cells", 3));
	DT_TRY(fdt_setprop_u32(fdt, node, "#size-cells", 2));
	DT_TRY(fdt_setprop_u32(fdt, node, "#interrupt-cells", 1));
	for (uint32_t i = 0; i < 4U; i++)
		DT_TRY(fdt_appendprop_u32(fdt, node, "interrupt-map-mask", mask[i]));
	return add_functions(l, p, fdt, node);
}
