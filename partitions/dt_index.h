/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The device-tree index (dt_index.c): one pass over the system device tree
 * records every node's offset, parent, first child, next sibling and phandle,
 * so that the questions libfdt answers by walking the tree from its start
 * (parent of a node, node of a phandle, node of a path, path of a node) cost
 * a binary search, a hash probe or a walk up the node's own ancestors. The
 * parser, the validator and guest DT generation ask them through these
 * functions, on the host and in the image alike.
 *
 * Every lookup takes the tree it is asked about and checks that it is the
 * indexed one (same address and total size); for any other tree (a guest DT
 * being generated, a test's blob), for a tree larger than the index holds or
 * for an offset that is not a node it falls back to libfdt, with libfdt's
 * answer. Only internal to partitions/ (included through dt.h).
 */
#ifndef PARTITIONS_DT_INDEX_H
#define PARTITIONS_DT_INDEX_H

#include <lib/compiler.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Nodes the index holds; a larger tree is read with libfdt's walks (slower, same answers). */
#define DT_INDEX_MAX_NODES 2048
/* Deepest node the index holds (a deeper tree is not indexed). */
#define DT_INDEX_MAX_DEPTH 32

/*
 * Walk @fdt's structure block tag by tag with checked arithmetic: every tag,
 * node name and property value lies inside the block, the nodes nest under
 * one root, and the walk reaches FDT_END. libfdt 1.6.1 does not check all of
 * it: fdt_next_tag adds a property's length to an int offset, and a length
 * near 4 GiB wraps the offset backwards so that fdt_check_full() loops for
 * ever; a block that starts with FDT_END passes fdt_check_full() with no node
 * at all (tests/fuzz/corpus/verify/regress-*). Call it before any libfdt walk
 * of an untrusted tree; the header was checked with fdt_check_header().
 * Returns 0, or -EINVAL with *@bad the offset in the structure block of the
 * first tag that is malformed or out of place.
 */
int __must_check dt_struct_check(const void *fdt, uint32_t *bad);

/*
 * Everything libfdt 1.6.1's fdt_check_full(@fdt, its totalsize) checks after
 * fdt_check_header(), in one linear pass (dt_struct.c), with
 * dt_struct_check()'s rules: the memory reservation map ends inside the blob
 * (else -ERANGE), and the structure block passes dt_struct_check() with every
 * property's name a NUL-terminated string of the strings block (else -EINVAL,
 * *@bad the offset of the tag). 0 when all hold. The header must have passed
 * fdt_check_header().
 */
int __must_check dt_tree_check(const void *fdt, uint32_t *bad);

/* @fdt's bytes (the one conversion from the blob's void pointer: MISRA 11.5). */
const char *dt_blob(const void *fdt);

/* The first byte of @fdt's structure block (its header checked). */
const char *dt_struct_block(const void *fdt);

/*
 * Index @fdt (already checked with dt_tree_check). Returns 0, or -ENOSPC
 * when the tree is too large or too deep: it is then not indexed and every
 * lookup uses libfdt. Called by layout_parse() for each tree it parses.
 */
int __must_check dt_index_build(const void *fdt);

/* Forget the index (a tree about to be changed in place). */
void dt_index_drop(void);

/* True if @fdt is the indexed tree. */
bool dt_indexed(const void *fdt);

/* fdt_parent_offset(): the parent's offset, or a negative libfdt error. */
int dt_parent(const void *fdt, int node);

/* fdt_node_offset_by_phandle(): the first node with phandle @ph in tree order. */
int dt_node_by_phandle(const void *fdt, uint32_t ph);

/* fdt_path_offset_namelen() / fdt_path_offset() for absolute paths without aliases. */
int dt_path_offset_namelen(const void *fdt, const char *path, int len);
int dt_path_offset(const void *fdt, const char *path);

/* fdt_node_offset_by_compatible(): the next node after @start (-1: from the root) with @compat. */
int dt_next_compatible(const void *fdt, int start, const char *compat);

/* fdt_next_node(): the next node in tree order, @depth moved by the change of depth. */
int dt_next_node(const void *fdt, int node, int *depth);

/* fdt_address_cells() / fdt_size_cells() of @node. */
int dt_address_cells(const void *fdt, int node);
int dt_size_cells(const void *fdt, int node);

/* Properties whose place the index keeps: reg, ranges, device_type, compatible. */
#define DT_INDEX_KEPT 4

/* fdt_getprop(): without a walk of the node's properties for the kept ones. */
const void *dt_getprop(const void *fdt, int node, const char *name, int *len);

/* fdt_node_offset_by_prop_value(): the next node after @start with property @name == @val. */
int dt_next_prop_value(const void *fdt, int start, const char *name, const void *val, int len);

/* fdt_getprop(fdt, node, "reg", len). */
const void *dt_reg_prop(const void *fdt, int node, int *len);

/* Whether @node's status is okay (1) or not (0), or -1 if the index cannot say. */
int dt_index_status_ok(const void *fdt, int node);

/*
 * The offsets of @node's ancestors below the root and of @node itself, root
 * first, into @offs (at most @max). Returns their number (0 for the root),
 * or -1 if @node is not a node or is deeper than @max.
 */
int dt_ancestors(const void *fdt, int node, int *offs, int max);

#endif /* PARTITIONS_DT_INDEX_H */
