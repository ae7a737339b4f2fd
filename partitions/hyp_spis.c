// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bulkhead's own SPIs (partitions/dt.h owners_bulkhead_spis): every SPI of its
 * console UART and of the SMMU, from their interrupts or interrupts-extended.
 * The ownership map (owners.c) refuses a partition device that names one.
 */
#include <partitions/dt.h>

#define GIC_SPI_BASE 32U

/* One GIC specifier (type, number, flags) of Bulkhead's @from: its SPI, if it is one. */
static void add_hyp_spi(const fdt32_t *spec, int from, uint32_t *intid, int *node, uint32_t *n,
			uint32_t max)
{
	if ((*n == max) || (fdt32_to_cpu(spec[0]) != 0U) || (fdt32_to_cpu(spec[1]) > 987U))
		return; /* not an SPI (or no room) */
	intid[*n] = GIC_SPI_BASE + fdt32_to_cpu(spec[1]);
	node[*n] = from;
	*n += 1U;
}

/*
 * interrupts-extended (<phandle specifier> entries) of @from: the GIC's
 * entries. It is the node's interrupts when present (as for a partition's
 * devices, parse_dev.c): a console UART described this way kept its SPI out
 * of Bulkhead's list, and a partition could be given it (attack review).
 */
static void add_hyp_spis_ext(const struct layout *l, int from, uint32_t gic_cells, uint32_t *intid,
			     int *node, uint32_t *n, uint32_t max)
{
	int len;
	const fdt32_t *spec = fdt_getprop(l->fdt, from, "interrupts-extended", &len);
	uint32_t cells = 0;
	uint32_t total = ((spec != NULL) && (len > 0)) ? ((uint32_t)len / 4U) : 0U;

	for (uint32_t i = 0; i < total; i += 1U + cells) {
		int ctrl = dt_node_by_phandle(l->fdt, fdt32_to_cpu(spec[i]));

		if ((ctrl < 0) || (dt_u32(l->fdt, ctrl, "#interrupt-cells", &cells) != 0) ||
		    (cells > (uint32_t)LAYOUT_MAX_CELLS) || ((total - i - 1U) < cells))
			return; /* malformed: its size is unknown, stop */
		if ((ctrl == l->gic_node) && (cells == gic_cells))
			add_hyp_spi(&spec[i + 1U], from, intid, node, n, max);
	}
}

uint32_t owners_bulkhead_spis(const struct layout *l, uint32_t *intid, int *node, uint32_t max)
{
	const int nodes[2] = {l->uart_node, l->smmu_node};
	uint32_t n = 0;
	uint32_t cells;

	if ((l->gic_node < 0) || (dt_u32(l->fdt, l->gic_node, "#interrupt-cells", &cells) != 0) ||
	    (cells < 3U) || (cells > (uint32_t)LAYOUT_MAX_CELLS))
		return 0;
	for (uint32_t k = 0; k < 2U; k++) {
		int len;
		const fdt32_t *spec;

		if (nodes[k] < 0)
			continue;
		if (fdt_getprop(l->fdt, nodes[k], "interrupts-extended", NULL) != NULL) {
			add_hyp_spis_ext(l, nodes[k], cells, intid, node, &n, max);
			continue;
		}
		spec = fdt_getprop(l->fdt, nodes[k], "interrupts", &len);
		if ((spec == NULL) || (len < 0) || (dt_irq_parent(l->fdt, nodes[k]) != l->gic_node))
			continue;
		for (uint32_t i = 0; (i + cells) <= ((uint32_t)len / 4U); i += cells)
			add_hyp_spi(&spec[i], nodes[k], intid, node, &n, max);
	}
	return n;
}
