// SPDX-License-Identifier: GPL-2.0-only
/*
 * Rule: the clocks a device names resolve. guest_dt.c copies into the guest
 * tree every clock provider the device (and its subnodes) names in "clocks",
 * and theirs in turn; here each reference is checked first, so that a
 * dangling phandle, a provider without a usable #clock-cells or a truncated
 * specifier is reported with its node and property -- not as a guest tree
 * that "does not fit", and never as a loop without end.
 */
#include <partitions/dt.h>

#include <errno.h>

struct clk_walk {
	const struct layout *l;
	struct layout_diag *d;
	uint32_t n;
	int seen[DT_MAX_CLOCKS]; /* providers met: each checked once */
};

static int check_clocks_of(struct clk_walk *w, int node);

static bool seen(struct clk_walk *w, int node)
{
	for (uint32_t i = 0; i < w->n; i++)
		if (w->seen[i] == node)
			return true;
	return false;
}

/* One provider: once, within DT_MAX_CLOCKS, then its own clocks. */
static int check_provider(struct clk_walk *w, int clk, const char *path)
{
	if (seen(w, clk))
		return 0;
	if (w->n == DT_MAX_CLOCKS) {
		layout_error(w->d, path, "clocks",
			     "more than %d clock providers (a device's and theirs, with its "
			     "subnodes')",
			     DT_MAX_CLOCKS);
		return -EINVAL;
	}
	w->seen[w->n++] = clk;
	return check_clocks_of(w, clk);
}

/* clocks = <&provider args...>...: #clock-cells of each provider, bounded. */
static int check_clocks_of(struct clk_walk *w, int node)
{
	const struct layout *l = w->l;
	char path[LAYOUT_PATH_MAX], clk_path[LAYOUT_PATH_MAX];
	int len;
	const fdt32_t *c = fdt_getprop(l->fdt, node, "clocks", &len);
	uint32_t n;

	if (!c)
		return 0;
	dt_path(l->fdt, node, path, sizeof(path));
	if (len <= 0 || len % 4 || (uint32_t)len / 4 > DT_MAX_CLOCK_CELLS) {
		layout_error(w->d, path, "clocks",
			     "must be 1 to %d cells of <phandle specifier> entries",
			     DT_MAX_CLOCK_CELLS);
		return -EINVAL;
	}
	n = (uint32_t)len / 4;
	for (uint32_t i = 0, k = 0; i < n; k++) {
		uint32_t ph = fdt32_to_cpu(c[i]), cells;
		int clk = dt_node_by_phandle(l->fdt, ph);

		if (clk < 0) {
			layout_error(w->d, path, "clocks",
				     "entry %u: dangling phandle 0x%x (no node has it)", k, ph);
			return -EINVAL;
		}
		dt_path(l->fdt, clk, clk_path, sizeof(clk_path));
		if (dt_u32(l->fdt, clk, "#clock-cells", &cells) || cells > LAYOUT_MAX_CELLS) {
			layout_error(w->d, path, "clocks",
				     "entry %u: %s is not a clock provider (#clock-cells missing, "
				     "not one cell or above %d)",
				     k, clk_path, LAYOUT_MAX_CELLS);
			return -EINVAL;
		}
		if (cells > n - i - 1) {
			layout_error(w->d, path, "clocks",
				     "entry %u is truncated: %s needs %u cell(s) after the phandle",
				     k, clk_path, cells);
			return -EINVAL;
		}
		if (check_provider(w, clk, path))
			return -EINVAL;
		i += 1 + cells;
	}
	return 0;
}

int parse_clocks(const struct layout *l, int node, struct layout_diag *d)
{
	struct clk_walk w = {.l = l, .d = d, .n = 0};
	int depth = 0;

	/* The device and every node below it (guest_dt.c copies subnodes too). */
	do {
		if (check_clocks_of(&w, node))
			return -EINVAL;
		node = dt_next_node(l->fdt, node, &depth);
	} while (node >= 0 && depth > 0);
	return 0;
}
