// SPDX-License-Identifier: GPL-2.0-only
/*
 * dt_struct_check() (dt_index.h): the structure block of an untrusted tree
 * walked tag by tag with checked arithmetic before libfdt walks it. Kept
 * apart from the index, which trusts what this walk checked.
 */
#include <partitions/dt.h>

#include <errno.h>
#include <string.h>

/* A big-endian word of the block, byte by byte (no alignment assumed). */
static uint32_t be32(const char *p)
{
	return ((uint32_t)(uint8_t)p[0] << 24) | ((uint32_t)(uint8_t)p[1] << 16) |
	       ((uint32_t)(uint8_t)p[2] << 8) | (uint32_t)(uint8_t)p[3];
}

/* The size of the tag at @o of block @st (@size bytes) with its payload; 0 if it does not fit. */
static uint64_t tag_size(const char *st, uint32_t size, uint32_t o)
{
	uint32_t left = size - o - 4U;
	uint32_t n;

	switch (be32(&st[o])) {
	case FDT_BEGIN_NODE:
		n = (uint32_t)strnlen(&st[o + 4U], left);
		return (n < left) ? (4U + (((uint64_t)n + 4U) & ~3ULL)) : 0U;
	case FDT_PROP:
		if (left < 8U)
			return 0U;
		n = be32(&st[o + 4U]);
		return (n <= (left - 8U)) ? (12U + (((uint64_t)n + 3U) & ~3ULL)) : 0U;
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

int dt_struct_check(const void *fdt, uint32_t *bad)
{
	uint64_t off = fdt_off_dt_struct(fdt);
	uint64_t total = fdt_totalsize(fdt);
	uint64_t size = total - off;
	const char *st = dt_struct_block(fdt);
	struct tag_walk w = {0U, 0U, false};
	uint32_t o = 0U;
	bool ok;

	*bad = 0U;
	if (fdt_version(fdt) >= 17U)
		size = fdt_size_dt_struct(fdt);
	ok = (off <= total) && (size <= (total - off));
	while (ok && !w.done && (size >= 4U) && (o <= (size - 4U))) {
		uint64_t n = tag_size(st, (uint32_t)size, o);

		/* unknown, its aligned end past the block's, or out of place */
		ok = (n != 0U) && (n <= (size - o)) && tag_nests(be32(&st[o]), &w);
		if (ok)
			o += (uint32_t)n;
	}
	if (ok && w.done)
		return 0;
	*bad = o;
	return -EINVAL;
}
