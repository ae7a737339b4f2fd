// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device-tree reading helpers for the partition binding: cells, paths, address
 * translation through bus ranges, interrupt parents. libfdt only.
 */
#include <partitions/dt.h>

#include <errno.h>
#include <lib/format.h>
#include <string.h>

uint64_t dt_cells(const fdt32_t *p, uint32_t n)
{
	uint64_t v = 0;

	for (uint32_t i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

/* Deepest node whose full path dt_path() can spell; deeper ones keep their tail. */
#define DT_PATH_DEPTH 32

/* Names of the nodes at @offs (@depth of them) into @names and @lens: @depth, or -1. */
static int path_names(const void *fdt, const int *offs, int depth, const char **names, int *lens)
{
	for (int i = 0; i < depth; i++) {
		names[i] = fdt_get_name(fdt, offs[i], &lens[i]);
		if (!names[i] || lens[i] < 0)
			return -1;
	}
	return depth;
}

/* Names of @node's ancestors and itself, root excluded, into @names (index or one walk). */
static int path_components(const void *fdt, int node, const char **names, int *lens)
{
	int offs[DT_PATH_DEPTH];
	int off = 0, depth = dt_ancestors(fdt, node, offs, DT_PATH_DEPTH);

	if (depth >= 0)
		return path_names(fdt, offs, depth, names, lens);
	depth = 0; /* not indexed: walk from the root */
	while (off >= 0 && off != node) {
		off = fdt_next_node(fdt, off, &depth);
		if (off >= 0 && depth > 0 && depth <= DT_PATH_DEPTH)
			offs[depth - 1] = off;
	}
	if (off != node)
		return -1;
	if (depth > DT_PATH_DEPTH)
		return -1;
	return path_names(fdt, offs, depth, names, lens);
}

/* Character @k of "/" names[0] "/" names[1] ... */
static char path_char(const char *const *names, const int *lens, int n, size_t k)
{
	for (int i = 0; i < n; i++) {
		if (k == 0)
			return '/';
		k--;
		if (k < (size_t)lens[i])
			return names[i][k];
		k -= (size_t)lens[i];
	}
	return '\0';
}

void dt_path(const void *fdt, int node, char *buf, size_t size)
{
	const char *names[DT_PATH_DEPTH];
	int lens[DT_PATH_DEPTH];
	int n = node > 0 ? path_components(fdt, node, names, lens) : 0;
	size_t total = 0, head, tail, o = 0;

	if (!size)
		return;
	if (node < 0 || n < 0) {
		fmt_snprintf(buf, size, "%s", node < 0 ? "(no node)" : "(a node too deep to name)");
		return;
	}
	for (int i = 0; i < n; i++)
		total += 1 + (size_t)lens[i];
	if (total == 0) {
		fmt_snprintf(buf, size, "/");
		return;
	}
	/* Too long: keep the start and the end (the node's own name), "..." between. */
	if (total < size) {
		head = total;
		tail = 0;
	} else if (size < 8) {
		head = size - 1;
		tail = 0;
	} else {
		head = (size - 4) / 3;
		tail = size - 4 - head;
	}
	for (size_t k = 0; k < head; k++)
		buf[o++] = path_char(names, lens, n, k);
	if (tail) {
		memcpy(buf + o, "...", 3);
		o += 3;
		for (size_t k = total - tail; k < total; k++)
			buf[o++] = path_char(names, lens, n, k);
	}
	buf[o < size ? o : size - 1] = '\0';
}

bool dt_status_okay(const void *fdt, int node)
{
	int len, ok = dt_index_status_ok(fdt, node);
	const char *s;

	if (ok >= 0)
		return ok;
	s = fdt_getprop(fdt, node, "status", &len);
	return !s || dt_prop_is(fdt, node, "status", "okay") ||
	       dt_prop_is(fdt, node, "status", "ok");
}

bool dt_compatible(const void *fdt, int node, const char *compat)
{
	int len;
	const char *c;

	if (!dt_indexed(fdt))
		return fdt_node_check_compatible(fdt, node, compat) == 0;
	c = dt_getprop(fdt, node, "compatible", &len);
	return c && fdt_stringlist_contains(c, len, compat);
}

bool dt_prop_is(const void *fdt, int node, const char *prop, const char *value)
{
	int len;
	const char *s = dt_getprop(fdt, node, prop, &len);

	return s && len > 0 && strnlen(s, (size_t)len) == (size_t)len - 1 && strcmp(s, value) == 0;
}

int dt_u32(const void *fdt, int node, const char *prop, uint32_t *v)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, prop, &len);

	if (!p)
		return -ENOENT;
	if (len != 4)
		return -EINVAL;
	*v = fdt32_to_cpu(*p);
	return 0;
}

int dt_prop_cells(const void *fdt, int node, const char *prop, uint32_t n, uint64_t *v)
{
	int len;
	const fdt32_t *c = dt_getprop(fdt, node, prop, &len);

	if (!c)
		return -ENOENT;
	if ((uint32_t)len != n * 4)
		return -EINVAL;
	*v = dt_cells(c, n);
	return 0;
}

bool dt_is_below(const void *fdt, int node, int ancestor)
{
	while (node > 0 && node != ancestor)
		node = dt_parent(fdt, node);
	return node == ancestor;
}

/* #address-cells / #size-cells of a bus node, limited to what we translate (<= 2). */
static int bus_cells(const void *fdt, int bus, uint32_t *ac, uint32_t *sc)
{
	int a = dt_address_cells(fdt, bus);
	int s = dt_size_cells(fdt, bus);

	if (a < 1 || a > 2 || s < 0 || s > 2)
		return -EINVAL;
	*ac = (uint32_t)a;
	*sc = (uint32_t)s;
	return 0;
}

/* One step: @addr in @bus's child space to @bus's parent space, using bus's ranges. */
static int translate_one(const void *fdt, int bus, uint64_t *addr, uint64_t size)
{
	uint32_t cac, csc, pac, psc;
	int len;
	const fdt32_t *r = dt_getprop(fdt, bus, "ranges", &len);
	uint32_t entry;

	if (!r)
		return -ENOENT;
	if (len == 0)
		return 0; /* empty ranges: identity */
	if (bus_cells(fdt, bus, &cac, &csc) || bus_cells(fdt, dt_parent(fdt, bus), &pac, &psc))
		return -EINVAL;
	entry = cac + pac + csc;
	if (csc == 0 || (size_t)len % (entry * 4) != 0)
		return -EINVAL;
	for (uint32_t i = 0; i < (uint32_t)len / 4; i += entry) {
		uint64_t child = dt_cells(r + i, cac);
		uint64_t parent = dt_cells(r + i + cac, pac);
		uint64_t rsize = dt_cells(r + i + cac + pac, csc);

		if (*addr >= child && *addr - child < rsize && size <= rsize - (*addr - child)) {
			*addr = parent + (*addr - child);
			return 0;
		}
	}
	return -ERANGE;
}

/* Translation from bus @bus (the node's parent) up to the root. */
static int translate_from(const void *fdt, int bus, uint64_t *addr, uint64_t size)
{
	/* Walk up to the root: every bus in between must map its children. */
	while (bus > 0) {
		int err = translate_one(fdt, bus, addr, size);

		if (err)
			return err;
		bus = dt_parent(fdt, bus);
	}
	return bus < 0 ? -EINVAL : 0;
}

int dt_translate(const void *fdt, int node, uint64_t *addr, uint64_t size)
{
	return translate_from(fdt, dt_parent(fdt, node), addr, size);
}

/* Number of reg entries of @node under @parent, and its cells. */
static int reg_count(const void *fdt, int node, int parent, uint32_t *ac, uint32_t *sc,
		     const fdt32_t **reg)
{
	int len;

	*reg = dt_reg_prop(fdt, node, &len);
	if (!*reg)
		return -ENOENT;
	if (bus_cells(fdt, parent, ac, sc) || *sc == 0)
		return -EINVAL;
	if (len < 0 || (size_t)len % ((*ac + *sc) * 4) != 0)
		return -EINVAL;
	return len / (int)((*ac + *sc) * 4);
}

int dt_reg_count(const void *fdt, int node)
{
	uint32_t ac, sc;
	const fdt32_t *reg;

	return reg_count(fdt, node, dt_parent(fdt, node), &ac, &sc, &reg);
}

int dt_reg_at(const void *fdt, int node, int parent, uint32_t index, struct layout_range *r)
{
	uint32_t ac = 0, sc = 0;
	const fdt32_t *reg;
	int n = reg_count(fdt, node, parent, &ac, &sc, &reg);

	if (n < 0)
		return n;
	if (index >= (uint32_t)n)
		return -ENOENT;
	reg += index * (ac + sc);
	r->base = dt_cells(reg, ac);
	r->size = dt_cells(reg + ac, sc);
	return translate_from(fdt, parent, &r->base, r->size);
}

int dt_reg(const void *fdt, int node, uint32_t index, struct layout_range *r)
{
	return dt_reg_at(fdt, node, dt_parent(fdt, node), index, r);
}

int dt_irq_parent(const void *fdt, int node)
{
	uint32_t ph;

	/* interrupt-parent is inherited from the nearest ancestor that has one. */
	for (; node >= 0; node = dt_parent(fdt, node)) {
		if (dt_u32(fdt, node, "interrupt-parent", &ph) == 0) {
			int ctrl = dt_node_by_phandle(fdt, ph);

			return ctrl >= 0 ? ctrl : -1;
		}
		if (node == 0)
			break;
	}
	return -1;
}

int dt_irq_map_entry(const void *fdt, int node, const fdt32_t *map, uint32_t n, uint32_t i,
		     struct dt_irq_map_entry *e)
{
	int ac = dt_address_cells(fdt, node);
	uint32_t ic, pac = 0, pic;

	if (ac < 0 || ac > 3 || dt_u32(fdt, node, "#interrupt-cells", &ic) || ic < 1 || ic > 4)
		return -EINVAL;
	e->child_cells = (uint32_t)ac + ic;
	if (i >= n || n - i < e->child_cells + 1)
		return -EINVAL;
	e->parent = dt_node_by_phandle(fdt, fdt32_to_cpu(map[i + e->child_cells]));
	if (e->parent < 0)
		return -EINVAL;
	if (dt_u32(fdt, e->parent, "#address-cells", &pac) == -EINVAL || pac > 3 ||
	    dt_u32(fdt, e->parent, "#interrupt-cells", &pic) || pic < 1 || pic > 4)
		return -EINVAL;
	e->spec = i + e->child_cells + 1 + pac;
	e->spec_cells = pic;
	if (e->spec > n || n - e->spec < pic)
		return -EINVAL;
	e->next = e->spec + pic;
	return 0;
}

size_t dt_base_name(const void *fdt, int node, char *buf, size_t size)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	size_t n = 0;

	if (!name)
		name = "";
	while (name[n] && name[n] != '@')
		n++;
	for (size_t i = 0; i < size; i++)
		buf[i] = i < n && i + 1 < size ? name[i] : '\0';
	return n;
}
