// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device-tree index (dt_index.h). libfdt keeps no state: its parent,
 * phandle and path lookups walk the structure block from the root, tag by
 * tag, so a parser that asks them for every device costs O(nodes^2) and
 * grows with every node of the board's tree, wherever it sits. One pass
 * here (fdt_next_node) records each node; afterwards:
 *   parent         binary search of the node's offset (offsets grow in tree order)
 *   phandle        open-addressing hash probe
 *   path -> node   walk of the named children, level by level
 *   node -> path   walk up the parents
 *   by compatible  scan of the recorded offsets, no tag walk
 *
 * State: one index, of the tree the last layout_parse() was given. It is
 * written only by dt_index_build()/dt_index_drop(), called from layout_parse()
 * -- on the boot core before any other core runs, or on the host tool's one
 * thread -- and read-only afterwards (guest_dt_build() may read it on any core
 * at a restart, with no lock: nothing writes it then).
 */
#include <partitions/dt.h>

#include <errno.h>
#include <string.h>

/* One node: offsets are libfdt's; parent, child and next are indices, -1 for none. */
struct dt_index_node {
	int32_t off;
	int32_t parent;
	int32_t child;
	int32_t next;
	uint32_t phandle;
	/* Kept properties (K_*): value offset in the structure block (-1: none), length. */
	int32_t kept[DT_INDEX_KEPT];
	uint32_t kept_len[DT_INDEX_KEPT];
	int16_t depth;	/* the root's is 0 */
	int8_t acells;	/* fdt_address_cells() of the node: cells or a libfdt error */
	int8_t scells;	/* fdt_size_cells() */
	bool status_ok; /* dt_status_okay(): no status, or "okay" / "ok" */
};

/* Phandle hash: twice as many slots as nodes (load <= 1/2), each an index + 1 (0: empty). */
#define DT_INDEX_HASH_SLOTS (2 * DT_INDEX_MAX_NODES)

static struct {
	const void *fdt; /* the indexed tree, NULL if none */
	uint32_t size;	 /* its totalsize, checked with the address */
	int32_t n;
	struct dt_index_node node[DT_INDEX_MAX_NODES];
	uint16_t ph_slot[DT_INDEX_HASH_SLOTS];
	uint16_t off_slot[DT_INDEX_HASH_SLOTS]; /* node offset -> index + 1 (0: empty) */
} idx;

static uint32_t ph_hash(uint32_t ph)
{
	return (ph * 2654435761U) % DT_INDEX_HASH_SLOTS; /* Knuth's multiplicative hash */
}

/* First node in tree order with phandle @ph wins, as with libfdt's search. */
#define OFF_SLOTS (2U * (uint32_t)DT_INDEX_MAX_NODES) /* DT_INDEX_HASH_SLOTS */

/* Node offsets are 4-aligned: consecutive words land in consecutive slots. */
static uint32_t off_hash(int32_t off)
{
	return (((uint32_t)off / 4U) * 2654435761U) % OFF_SLOTS;
}

static void off_insert(int32_t i, int32_t off)
{
	uint32_t s = off_hash(off), slot;

	while (idx.off_slot[s] != 0U)
		s = (s + 1U) % OFF_SLOTS;
	slot = (uint32_t)i + 1U;
	idx.off_slot[s] = (uint16_t)slot;
}

static void ph_insert(int32_t i, uint32_t ph)
{
	uint32_t s = ph_hash(ph);

	while (idx.ph_slot[s]) {
		if (idx.node[idx.ph_slot[s] - 1].phandle == ph)
			return;
		s = (s + 1) % DT_INDEX_HASH_SLOTS;
	}
	idx.ph_slot[s] = (uint16_t)(i + 1);
}

void dt_index_drop(void)
{
	idx.fdt = NULL;
}

bool dt_indexed(const void *fdt)
{
	return fdt && idx.fdt == fdt && idx.size == fdt_totalsize(fdt);
}

/* Records node @off at @depth; @last[d] is the last node seen at depth d. */
static int record(int off, int depth, int32_t *last)
{
	int32_t i = idx.n;
	struct dt_index_node *e;

	if (i == DT_INDEX_MAX_NODES || depth < 0 || depth >= DT_INDEX_MAX_DEPTH)
		return -ENOSPC;
	e = &idx.node[i];
	e->off = off;
	e->depth = (int16_t)depth;
	e->parent = depth ? last[depth - 1] : -1;
	e->child = -1;
	e->next = -1;
	e->phandle = 0;
	/* A node's first child follows it; a later one follows its previous sibling. */
	if (depth && last[depth] >= 0)
		idx.node[last[depth]].next = i;
	else if (depth)
		idx.node[e->parent].child = i;
	last[depth] = i;
	if (depth + 1 < DT_INDEX_MAX_DEPTH)
		last[depth + 1] = -1;
	off_insert(i, off);
	idx.n++;
	return 0;
}

/* Structure-block items are padded to 4 bytes. */
static uint32_t tag_align(uint32_t n)
{
	return (n + 3U) & ~3U;
}

static uint32_t be32_at(const char *p)
{
	const uint8_t *b = (const uint8_t *)p;

	return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

/*
 * The properties of one node the index answers for, each as libfdt's
 * fdt_getprop() would find it: the first property of that name.
 */
enum {
	P_REG, /* the kept ones first, in dt_index_kept's order */
	P_RANGES,
	P_DEVICE_TYPE,
	P_COMPATIBLE,
	P_PHANDLE,
	P_LINUX_PHANDLE,
	P_ACELLS,
	P_SCELLS,
	P_STATUS,
	P_NUM
};
static const char *const prop_names[P_NUM] = {
	"reg",		 "ranges",	   "device_type", "compatible", "phandle",
	"linux,phandle", "#address-cells", "#size-cells", "status",
};

struct props_seen {
	const char *val[P_NUM]; /* NULL: not seen */
	uint32_t len[P_NUM];
};

/* Which of prop_names[] @name is, or P_NUM. */
static int prop_kind(const char *name)
{
	for (int k = 0; k < P_NUM; k++)
		if (name[0] == prop_names[k][0] && strcmp(name, prop_names[k]) == 0)
			return k;
	return P_NUM;
}

/*
 * prop_kind() of the last names by their offset in the strings block: a tree
 * names its properties with a few dozen strings, shared (dtc writes each once).
 */
struct kind_cache {
	uint32_t off[32];
	int8_t kind[32];
};

static int prop_kind_at(struct kind_cache *c, const char *strs, uint32_t nameoff)
{
	uint32_t s = nameoff % 32U;

	if (c->off[s] != nameoff) {
		c->off[s] = nameoff;
		c->kind[s] = (int8_t)prop_kind(&strs[nameoff]);
	}
	return c->kind[s];
}

static void prop_seen(struct props_seen *ps, int k, const char *val, uint32_t len)
{
	if (k < P_NUM && !ps->val[k]) {
		ps->val[k] = val;
		ps->len[k] = len;
	}
}

/* fdt_get_phandle()'s choice: a 4-byte "phandle", else a 4-byte "linux,phandle". */
static uint32_t ph_of(const struct props_seen *ps)
{
	if (ps->val[P_PHANDLE] && ps->len[P_PHANDLE] == 4)
		return be32_at(ps->val[P_PHANDLE]);
	if (ps->val[P_LINUX_PHANDLE] && ps->len[P_LINUX_PHANDLE] == 4)
		return be32_at(ps->val[P_LINUX_PHANDLE]);
	return 0;
}

/* libfdt's fdt_cells(): the value, or -FDT_ERR_NOTFOUND / -FDT_ERR_BADNCELLS. */
static int cells_of(const struct props_seen *ps, int k)
{
	uint32_t v;

	if (!ps->val[k])
		return -FDT_ERR_NOTFOUND;
	v = be32_at(ps->val[k]);
	if (ps->len[k] != 4 || v > FDT_MAX_NCELLS)
		return -FDT_ERR_BADNCELLS;
	return (int)v;
}

/* dt_prop_is() on the recorded status: a NUL-terminated string equal to @s. */
static bool status_is(const struct props_seen *ps, const char *s)
{
	const char *v = ps->val[P_STATUS];
	uint32_t len = ps->len[P_STATUS];

	return len > 0 && strnlen(v, len) == len - 1 && strcmp(v, s) == 0;
}

/* Fills node @i's fields from its properties, as libfdt's getters would answer. */
static void node_done(int32_t i, const struct props_seen *ps, const char *st)
{
	struct dt_index_node *e = &idx.node[i];
	int ac = cells_of(ps, P_ACELLS), sc = cells_of(ps, P_SCELLS);

	e->phandle = ph_of(ps);
	e->acells = (int8_t)(ac == 0 ? -FDT_ERR_BADNCELLS : ac == -FDT_ERR_NOTFOUND ? 2 : ac);
	e->scells = (int8_t)(sc == -FDT_ERR_NOTFOUND ? 1 : sc);
	for (int k = 0; k < DT_INDEX_KEPT; k++) {
		e->kept[k] = ps->val[k] ? (int32_t)(ps->val[k] - st) : -1;
		e->kept_len[k] = ps->len[k];
	}
	e->status_ok = !ps->val[P_STATUS] || status_is(ps, "okay") || status_is(ps, "ok");
}

/* The structure block of @fdt (its header checked). */
const char *dt_struct_block(const void *fdt)
{
	return &dt_blob(fdt)[fdt_off_dt_struct(fdt)];
}

/*
 * The one pass: the structure block read tag by tag (Devicetree spec 5.4),
 * each FDT_BEGIN_NODE recorded, the phandle of the node whose properties are
 * being read noted from its FDT_PROPs (which precede its subnodes). The tree
 * passed dt_tree_check(); offsets are still bounded by the block's size.
 * Returns 0, -ENOSPC (too large or deep) or -EINVAL (not a v17 structure).
 */
static int scan(const void *fdt)
{
	const char *st = dt_struct_block(fdt);
	const char *strs = &dt_blob(fdt)[fdt_off_dt_strings(fdt)];
	uint32_t size = fdt_size_dt_struct(fdt), ssize = fdt_size_dt_strings(fdt), o = 0;
	int32_t last[DT_INDEX_MAX_DEPTH], cur = -1;
	struct props_seen ps = {0};
	struct kind_cache kc;
	int depth = -1;

	if (fdt_version(fdt) < 17)
		return -EINVAL;
	(void)memset(kc.off, 0xff, sizeof(kc.off)); /* no name offset is ~0 (below ssize) */
	for (int d = 0; d < DT_INDEX_MAX_DEPTH; d++)
		last[d] = -1;
	while (size >= 4 && o <= size - 4) {
		uint32_t tag = be32_at(&st[o]), at = o, len, nameoff;

		o += 4;
		if (tag == FDT_BEGIN_NODE || tag == FDT_END_NODE || tag == FDT_END) {
			if (cur >= 0)
				node_done(cur, &ps, st);
			ps = (struct props_seen){0};
			cur = -1;
		}
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (record((int)at, ++depth, last))
				return -ENOSPC;
			cur = idx.n - 1;
			o += tag_align((uint32_t)strnlen(&st[o], size - o) + 1);
			break;
		case FDT_END_NODE:
			if (--depth < 0)
				return 0; /* the root's end: anything after it is not indexed */
			break;
		case FDT_PROP:
			if (size - o < 8)
				return -EINVAL;
			len = be32_at(&st[o]);
			nameoff = be32_at(&st[o + 4]);
			o += 8;
			if (len > size - o || nameoff >= ssize)
				return -EINVAL;
			/* dt_tree_check() checked that every name is a string in the block. */
			if (cur >= 0)
				prop_seen(&ps, prop_kind_at(&kc, strs, nameoff), &st[o], len);
			o += tag_align(len);
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			return (idx.n > 0) ? 0 : -EINVAL; /* dt_struct_check() refuses it too */
		default:
			return -EINVAL;
		}
	}
	return -EINVAL;
}

int dt_index_build(const void *fdt)
{
	int err;

	idx.fdt = NULL;
	idx.n = 0;
	memset(idx.ph_slot, 0, sizeof(idx.ph_slot));
	(void)memset(idx.off_slot, 0, sizeof(idx.off_slot));
	err = scan(fdt);
	if (err)
		return err;
	/* Tree order, so that the first of duplicated phandles wins as in libfdt. */
	for (int32_t i = 0; i < idx.n; i++) {
		if (idx.node[i].phandle && idx.node[i].phandle != (uint32_t)-1)
			ph_insert(i, idx.node[i].phandle);
	}
	idx.fdt = fdt;
	idx.size = fdt_totalsize(fdt);
	return 0;
}

/*
 * The node the last lookup found: callers ask several questions about one
 * node in a row (status, reg, cells, parent). Only a hint, checked against
 * the index before use, so a stale or raced value costs a search, never a
 * wrong answer: relaxed atomics, no lock.
 */
static int32_t last_hit;

/* Index of node offset @off, or -1 (not indexed, or not a node's offset). */
static int32_t find(const void *fdt, int off)
{
	int32_t h;
	uint32_t s;

	if (!dt_indexed(fdt))
		return -1;
	h = __atomic_load_n(&last_hit, __ATOMIC_RELAXED);
	if (h >= 0 && h < idx.n && idx.node[h].off == off)
		return h;
	/* The offset's hash slot, probed linearly (off_insert): O(1), not a search of the nodes. */
	for (s = off_hash(off); idx.off_slot[s] != 0U; s = (s + 1U) % OFF_SLOTS) {
		h = (int32_t)idx.off_slot[s] - 1;
		if (idx.node[h].off == off) {
			__atomic_store_n(&last_hit, h, __ATOMIC_RELAXED);
			return h;
		}
	}
	return -1;
}

int dt_parent(const void *fdt, int node)
{
	int32_t i = find(fdt, node);

	if (i < 0)
		return fdt_parent_offset(fdt, node);
	return idx.node[i].parent >= 0 ? idx.node[idx.node[i].parent].off : -FDT_ERR_NOTFOUND;
}

int dt_node_by_phandle(const void *fdt, uint32_t ph)
{
	uint32_t s;

	if (!dt_indexed(fdt))
		return fdt_node_offset_by_phandle(fdt, ph);
	if (ph == 0 || ph == (uint32_t)-1)
		return -FDT_ERR_BADPHANDLE;
	for (s = ph_hash(ph); idx.ph_slot[s]; s = (s + 1) % DT_INDEX_HASH_SLOTS) {
		if (idx.node[idx.ph_slot[s] - 1].phandle == ph)
			return idx.node[idx.ph_slot[s] - 1].off;
	}
	return -FDT_ERR_NOTFOUND;
}

/*
 * libfdt's node-name match: "name@unit" equals "name@unit", and "name" if it
 * has no '@'. The name is read in place (it follows the FDT_BEGIN_NODE tag;
 * the scan bounded it), without fdt_get_name()'s re-check of the tag.
 */
static bool name_eq(const void *fdt, int off, const char *s, int len)
{
	const char *name = (const char *)fdt + fdt_off_dt_struct(fdt) + off + FDT_TAGSIZE;

	if (name[0] != s[0] || strncmp(name, s, (size_t)len) != 0)
		return false;
	return name[len] == '\0' || (name[len] == '@' && !memchr(s, '@', (size_t)len));
}

/* The child of index @parent named @s (@len bytes), or -1. */
static int32_t child_named(const void *fdt, int32_t parent, const char *s, int len)
{
	for (int32_t c = idx.node[parent].child; c >= 0; c = idx.node[c].next) {
		if (name_eq(fdt, idx.node[c].off, s, len))
			return c;
	}
	return -1;
}

int dt_path_offset_namelen(const void *fdt, const char *path, int len)
{
	const char *p = path, *end = path + len, *q;
	int32_t i = 0;

	if (!dt_indexed(fdt) || len < 1 || *path != '/')
		return fdt_path_offset_namelen(fdt, path, len); /* aliases: libfdt */
	while (p < end) {
		while (p < end && *p == '/')
			p++;
		if (p == end)
			break;
		q = memchr(p, '/', (size_t)(end - p));
		if (!q)
			q = end;
		i = child_named(fdt, i, p, (int)(q - p));
		if (i < 0)
			return -FDT_ERR_NOTFOUND;
		p = q;
	}
	return idx.node[i].off;
}

int dt_path_offset(const void *fdt, const char *path)
{
	return dt_path_offset_namelen(fdt, path, (int)strlen(path));
}

int dt_next_compatible(const void *fdt, int start, const char *compat)
{
	int32_t i = start < 0 ? -1 : find(fdt, start);

	if (!dt_indexed(fdt) || (start >= 0 && i < 0))
		return fdt_node_offset_by_compatible(fdt, start, compat);
	for (i++; i < idx.n; i++) {
		const struct dt_index_node *e = &idx.node[i];
		const char *c = (const char *)fdt + fdt_off_dt_struct(fdt) + e->kept[P_COMPATIBLE];

		if (e->kept[P_COMPATIBLE] >= 0 &&
		    fdt_stringlist_contains(c, (int)e->kept_len[P_COMPATIBLE], compat))
			return e->off;
	}
	return -FDT_ERR_NOTFOUND;
}

int dt_ancestors(const void *fdt, int node, int *offs, int max)
{
	int32_t i = find(fdt, node);
	int n = 0;

	if (i < 0)
		return -1;
	for (int32_t a = i; idx.node[a].parent >= 0; a = idx.node[a].parent)
		n++;
	if (n > max)
		return -1;
	for (int k = n - 1; k >= 0; k--, i = idx.node[i].parent)
		offs[k] = idx.node[i].off;
	return n;
}

int dt_address_cells(const void *fdt, int node)
{
	int32_t i = find(fdt, node);

	return i < 0 ? fdt_address_cells(fdt, node) : idx.node[i].acells;
}

int dt_size_cells(const void *fdt, int node)
{
	int32_t i = find(fdt, node);

	return i < 0 ? fdt_size_cells(fdt, node) : idx.node[i].scells;
}

const void *dt_getprop(const void *fdt, int node, const char *name, int *len)
{
	int32_t i = find(fdt, node);
	int k = 0;

	while (k < DT_INDEX_KEPT && (i < 0 || strcmp(name, prop_names[k]) != 0))
		k++;
	if (k == DT_INDEX_KEPT)
		return fdt_getprop(fdt, node, name, len);
	if (idx.node[i].kept[k] < 0) {
		if (len)
			*len = -FDT_ERR_NOTFOUND;
		return NULL;
	}
	if (len)
		*len = (int)idx.node[i].kept_len[k];
	return (const char *)fdt + fdt_off_dt_struct(fdt) + idx.node[i].kept[k];
}

const void *dt_reg_prop(const void *fdt, int node, int *len)
{
	return dt_getprop(fdt, node, "reg", len);
}

int dt_index_status_ok(const void *fdt, int node)
{
	int32_t i = find(fdt, node);

	return i < 0 ? -1 : idx.node[i].status_ok;
}

int dt_next_prop_value(const void *fdt, int start, const char *name, const void *val, int len)
{
	int32_t i = start < 0 ? -1 : find(fdt, start);
	int k = 0;

	while (k < DT_INDEX_KEPT && strcmp(name, prop_names[k]) != 0)
		k++;
	if (!dt_indexed(fdt) || k == DT_INDEX_KEPT || (start >= 0 && i < 0))
		return fdt_node_offset_by_prop_value(fdt, start, name, val, len);
	for (i++; i < idx.n; i++) {
		const struct dt_index_node *e = &idx.node[i];

		if (e->kept[k] >= 0 && e->kept_len[k] == (uint32_t)len &&
		    memcmp((const char *)fdt + fdt_off_dt_struct(fdt) + e->kept[k], val,
			   (size_t)len) == 0)
			return e->off;
	}
	return -FDT_ERR_NOTFOUND;
}

int dt_next_node(const void *fdt, int node, int *depth)
{
	int32_t i = find(fdt, node);

	if (i < 0)
		return fdt_next_node(fdt, node, depth);
	if (i + 1 >= idx.n)
		return -FDT_ERR_NOTFOUND;
	if (depth)
		*depth += idx.node[i + 1].depth - idx.node[i].depth;
	return idx.node[i + 1].off;
}
