// SPDX-License-Identifier: GPL-2.0-only
/*
 * dt_struct_check() and dt_tree_check() (dt_index.h): the structure block of
 * an untrusted tree walked tag by tag with checked arithmetic before libfdt
 * walks it. Kept apart from the index, which trusts what this walk checked.
 *
 * dt_tree_check() is what layout_parse() runs instead of libfdt's
 * fdt_check_full() (which cost 2-3 k instructions per node at boot: every tag
 * through fdt_next_tag/fdt_offset_ptr, every property name through
 * fdt_get_string): the same checks of libfdt 1.6.1 in one linear pass, plus
 * the structural rules fdt_check_full lacks (one root, nodes nested, FDT_END
 * after it). tests/unit/test_dt_check.c compares the two, accept for accept,
 * on the fuzz corpora and on mutated real trees.
 */
#include <partitions/dt.h>

#include <errno.h>
#include <string.h>

const char *dt_blob(const void *fdt)
{
	return (const char *)fdt;
}

/* A big-endian word of the block, byte by byte (no alignment assumed). */
static uint32_t be32(const char *p)
{
	return ((uint32_t)(uint8_t)p[0] << 24) | ((uint32_t)(uint8_t)p[1] << 16) |
	       ((uint32_t)(uint8_t)p[2] << 8) | (uint32_t)(uint8_t)p[3];
}

/*
 * The size of the tag at @o of block @st (@size bytes) with its payload; 0 if
 * it does not fit. @pre16: a tree older than version 16, whose property values
 * of 8 bytes or more start 8-byte aligned (4 bytes of padding before them when
 * the value would not be), as libfdt's fdt_next_tag() reads them.
 */
static uint64_t tag_size(const char *st, uint32_t size, uint32_t o, bool pre16)
{
	uint32_t left = size - o - 4U;
	uint32_t n;
	uint32_t pad;

	switch (be32(&st[o])) {
	case FDT_BEGIN_NODE:
		n = (uint32_t)strnlen(&st[o + 4U], left);
		return (n < left) ? (4U + (((uint64_t)n + 4U) & ~3ULL)) : 0U;
	case FDT_PROP:
		if (left < 8U)
			return 0U;
		n = be32(&st[o + 4U]);
		pad = 0U;
		if (pre16 && (n >= 8U) && (((o + 12U) % 8U) != 0U))
			pad = 4U;
		return (((uint64_t)n + pad) <= (left - 8U))
			       ? (12U + (((uint64_t)n + pad + 3U) & ~3ULL))
			       : 0U;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		return 4U;
	default:
		return 0U;
	}
}

/* The nesting seen so far by dt_struct_check(). */
struct tag_walk {
	uint32_t depth;
	uint32_t roots;
	bool done; /* FDT_END reached */
};

/*
 * Rule: one root node, nodes nested (every FDT_END_NODE closes an open node),
 * properties inside a node, FDT_END only after the root closed. libfdt's
 * walkers trust all of it (a second top-level node made fdt_get_path write
 * before its buffer; a block that starts with FDT_END left no node to index).
 */
static bool tag_nests(uint32_t tag, struct tag_walk *w)
{
	switch (tag) {
	case FDT_BEGIN_NODE:
		if (w->depth == 0U)
			w->roots++;
		w->depth++;
		return w->roots == 1U;
	case FDT_END_NODE:
		if (w->depth == 0U)
			return false;
		w->depth--;
		return true;
	case FDT_PROP:
		return w->depth != 0U;
	case FDT_END:
		w->done = true;
		return (w->depth == 0U) && (w->roots == 1U);
	default: /* FDT_NOP: tag_size() knows no other */
		return true;
	}
}

/* What the property name check needs, read from the header once; the names already checked. */
struct names {
	const char *blob;
	uint64_t total;	    /* totalsize */
	uint64_t strings;   /* off_dt_strings */
	uint32_t size;	    /* size_dt_strings, from version 17 */
	bool sized;	    /* version 17 or later */
	uint32_t known[16]; /* name offsets found good (most trees use a few dozen names) */
};

static void names_init(struct names *nm, const void *fdt)
{
	nm->blob = dt_blob(fdt);
	nm->total = fdt_totalsize(fdt);
	nm->strings = fdt_off_dt_strings(fdt);
	nm->size = fdt_size_dt_strings(fdt);
	nm->sized = fdt_version(fdt) >= 17U;
	for (uint32_t i = 0U; i < 16U; i++)
		nm->known[i] = 0xffffffffU; /* never a good offset (below) */
}

/*
 * Rule (libfdt's fdt_get_string, as fdt_check_full applies it to every
 * property): the name offset lies in the strings block (below its size from
 * version 17, below the blob's end before) and a NUL ends the name there.
 * Offsets of 2^31 and more are refused, as libfdt's int offset is negative.
 */
static bool prop_name_ok(struct names *nm, uint32_t nameoff)
{
	uint64_t abs = nm->strings + nameoff;
	uint64_t len;
	bool ok;

	if (nameoff >= 0x80000000U)
		return false; /* also keeps the empty slots' value from matching */
	if (nm->known[nameoff % 16U] == nameoff)
		return true;
	if (abs >= nm->total)
		return false;
	len = nm->total - abs;
	if (nm->sized) {
		if (nameoff >= nm->size)
			return false;
		if (((uint64_t)nm->size - nameoff) < len)
			len = (uint64_t)nm->size - nameoff;
	}
	ok = memchr(&nm->blob[abs], 0, (size_t)len) != NULL;
	if (ok)
		nm->known[nameoff % 16U] = nameoff;
	return ok;
}

/*
 * Rule (libfdt's fdt_num_mem_rsv): the memory reservation map ends, with an
 * entry whose size is 0, before the end of the blob. Its bounds against the
 * header were checked by fdt_check_header().
 */
static bool rsvmap_ends(const void *fdt)
{
	const char *b = dt_blob(fdt);
	uint64_t total = fdt_totalsize(fdt);

	for (uint64_t o = fdt_off_mem_rsvmap(fdt); (o + 16U) <= total; o += 16U)
		if ((be32(&b[o + 8U]) == 0U) && (be32(&b[o + 12U]) == 0U))
			return true;
	return false;
}

/*
 * Rules of libfdt 1.6.1's fdt_check_full that dt_struct_check() leaves out
 * (dt_tree_check() only): the root node's name is empty (from version 16;
 * before, a path ending in '/': fdt_get_name() returns NULL for a name without
 * '/' and fdt_check_full then reads through it), and nothing but FDT_END
 * follows the root's FDT_END_NODE, not even FDT_NOP.
 */
static bool full_rules_ok(const char *st, uint32_t o, uint32_t tag, const struct tag_walk *w,
			  bool pre16)
{
	if ((w->roots == 1U) && (w->depth == 0U))
		return tag == FDT_END; /* the root has closed */
	if ((tag == FDT_BEGIN_NODE) && (w->depth == 0U)) {
		const char *name = &st[o + 4U];
		size_t n = strlen(name); /* NUL-terminated in the block: tag_size() checked */

		if (!pre16)
			return n == 0U;
		return (n > 0U) && (name[n - 1U] == '/');
	}
	return true;
}

/* The walk of both checks; @names: each property's name checked too. */
static int struct_walk(const void *fdt, bool names, uint32_t *bad)
{
	uint64_t off = fdt_off_dt_struct(fdt);
	uint64_t total = fdt_totalsize(fdt);
	uint64_t size = total - off;
	const char *st = dt_struct_block(fdt);
	struct tag_walk w = {0U, 0U, false};
	bool pre16 = fdt_version(fdt) < 16U;
	uint32_t o = 0U;
	struct names nm;
	bool ok;

	*bad = 0U;
	names_init(&nm, fdt);
	if (fdt_version(fdt) >= 17U)
		size = fdt_size_dt_struct(fdt);
	ok = (off <= total) && (size <= (total - off));
	while (ok && !w.done && (size >= 4U) && (o <= (size - 4U))) {
		uint64_t n = tag_size(st, (uint32_t)size, o, pre16);
		uint32_t tag = be32(&st[o]);

		/* unknown, its aligned end past the block's, or out of place */
		ok = (n != 0U) && (n <= (size - o)) &&
		     (!names || full_rules_ok(st, o, tag, &w, pre16)) && tag_nests(tag, &w);
		if (ok && names && (tag == FDT_PROP))
			ok = prop_name_ok(&nm, be32(&st[o + 8U]));
		if (ok)
			o += (uint32_t)n;
	}
	if (ok && w.done)
		return 0;
	*bad = o;
	return -EINVAL;
}

int dt_struct_check(const void *fdt, uint32_t *bad)
{
	return struct_walk(fdt, false, bad);
}

int dt_tree_check(const void *fdt, uint32_t *bad)
{
	*bad = 0U;
	if (!rsvmap_ends(fdt))
		return -ERANGE;
	return struct_walk(fdt, true, bad);
}
