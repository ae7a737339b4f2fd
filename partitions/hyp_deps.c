// SPDX-License-Identifier: GPL-2.0-only
/*
 * The providers Bulkhead's own devices depend on: the nodes that the console
 * UART, the SMMU and the GIC name in clocks, resets and power-domains, and
 * the pin controller of their pinctrl-0 configurations. A
 * partition given one of them (a clock and reset controller, a power
 * controller) could gate the console's clock, hold the SMMU in reset or power
 * the GIC down: Bulkhead's devices are only Bulkhead's if what they run on is.
 * So such a provider cannot be given (found by the attack review: a partition
 * was given the clock controller of the console UART).
 */
#include <partitions/dt.h>

#include <string.h>

/* A phandle list and the provider's cells property that sizes each entry. */
static const struct {
	const char *prop;
	const char *cells;
	const char *what;
} dep_props[] = {
	{"clocks", "#clock-cells", "clocks"},
	{"resets", "#reset-cells", "resets"},
	{"power-domains", "#power-domain-cells", "power domains"},
	/* Pin configurations: each entry one phandle to a node below the pin controller. */
	{"pinctrl-0", NULL, "pins"},
};

/*
 * Whether @prop of @user names @node as a provider. A malformed list stops
 * the walk where its size becomes unknown (clocks are reported by
 * parse_clocks; a malformed list names nothing past that point).
 */
static bool names_provider(const struct layout *l, int user, uint32_t k, int node)
{
	int len;
	const fdt32_t *c = fdt_getprop(l->fdt, user, dep_props[k].prop, &len);
	uint32_t n = ((c != NULL) && (len > 0)) ? ((uint32_t)len / 4U) : 0U;
	uint32_t cells = 0;
	bool pins = dep_props[k].cells == NULL;

	for (uint32_t i = 0; i < n; i += 1U + cells) {
		int prov = dt_node_by_phandle(l->fdt, fdt32_to_cpu(c[i]));

		if (prov < 0)
			return false;
		if ((prov == node) || (pins && dt_is_below(l->fdt, prov, node)))
			return true;
		if (pins || (dt_u32(l->fdt, prov, dep_props[k].cells, &cells) != 0))
			cells = 0; /* #power-domain-cells may be absent: 0 */
		if (cells > (uint32_t)LAYOUT_MAX_CELLS)
			return false;
	}
	return false;
}

const char *hyp_dependency(const struct layout *l, int node, int *user)
{
	/* Devices are parsed before the SMMU (layout_parse_streams): find it here. */
	const int users[3] = {l->uart_node,
			      fdt_node_offset_by_compatible(l->fdt, -1, "arm,smmu-v3"),
			      l->gic_node};

	/* A provider without registers (a fixed-clock) gives a partition nothing to act on. */
	if (fdt_getprop(l->fdt, node, "reg", NULL) == NULL)
		return NULL;
	for (uint32_t u = 0; u < 3U; u++) {
		if (users[u] < 0)
			continue;
		for (uint32_t k = 0; k < (uint32_t)(sizeof(dep_props) / sizeof(dep_props[0]));
		     k++) {
			if (names_provider(l, users[u], k, node)) {
				*user = users[u];
				return dep_props[k].what;
			}
		}
	}
	return NULL;
}
