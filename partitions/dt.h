/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internal helpers of partitions/: reading the flattened device tree with
 * libfdt (cells, paths, address translation, interrupt parents). Not part of
 * the layout interface: only the sources in partitions/ include it.
 */
#ifndef PARTITIONS_DT_H
#define PARTITIONS_DT_H

#include <partitions/dt_index.h>
#include <partitions/layout.h>

/*
 * libfdt.h is included through this header only. In the image there is no C
 * library limits.h behind GCC's own: _LIBC_LIMITS_H_ tells GCC's limits.h not
 * to chain to one (it then defines INT_MAX & co. itself). libfdt.h's inline
 * helpers are not -Wconversion clean: silence that for the include only.
 */
#if defined(__BULKHEAD__) && !defined(_LIBC_LIMITS_H_)
#define _LIBC_LIMITS_H_
#endif
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#include <libfdt.h>
#pragma GCC diagnostic pop

/* For %llx: uint64_t is "unsigned long" on some hosts, "unsigned long long" on others. */
#define X64(x) ((unsigned long long)(x))

/* Inclusive end of a non-empty range that does not wrap (for messages). */
#define RANGE_END(base, size) X64((base) + (size)-1)

/* Try a libfdt call; return its (negative FDT_ERR_*) error (the guest tree writers). */
#define DT_TRY(x)                                                                                  \
	do {                                                                                       \
		int err_ = (x);                                                                    \
		if (err_ < 0)                                                                      \
			return err_;                                                               \
	} while (0)

/* Clock providers copied into one guest tree, and cells of one rewritten clocks. */
#define DT_MAX_CLOCKS	   8
#define DT_MAX_CLOCK_CELLS 16

/* A 2 MiB block: stage-2 block size and arm64 Image base alignment. */
#define LAYOUT_BLOCK_2M 0x200000ULL

/* Value of @n (1 or 2) big-endian cells at @p. */
uint64_t dt_cells(const fdt32_t *p, uint32_t n);

/*
 * Node path into @buf. A path longer than @size - 1 keeps its start and its
 * end (the node's own name) with "..." between, e.g. "/soc/bu...@9000000".
 */
void dt_path(const void *fdt, int node, char *buf, size_t size);

/* True if @node has no status, or status "okay" / "ok" (Devicetree spec 2.3.4). */
bool dt_status_okay(const void *fdt, int node);

/* True if @node lists @compat in its compatible property. */
bool dt_compatible(const void *fdt, int node, const char *compat);

/* True if string property @prop of @node equals @value. */
bool dt_prop_is(const void *fdt, int node, const char *prop, const char *value);

/* One-cell property @prop of @node into @v: 0, -ENOENT if absent, -EINVAL if not one cell. */
int dt_u32(const void *fdt, int node, const char *prop, uint32_t *v);

/* @prop of @node as one number of @n cells into *@v: 0, -ENOENT or -EINVAL (wrong size). */
int dt_prop_cells(const void *fdt, int node, const char *prop, uint32_t n, uint64_t *v);

/* True if @node is @ancestor or lies below it. */
bool dt_is_below(const void *fdt, int node, int ancestor);

/*
 * Translates @addr (a bus address in @node's parent's space, @size bytes)
 * through every ancestor's ranges to a CPU physical address. Returns 0,
 * -ENOENT (a parent has no ranges: not memory-mapped), -ERANGE (no ranges
 * entry covers it) or -EINVAL (malformed or unsupported cells).
 */
int dt_translate(const void *fdt, int node, uint64_t *addr, uint64_t size);

/*
 * Reads entry @index of @node's reg (parent's cells) and translates it.
 * Returns 0, -ENOENT if there is no such entry, or dt_translate's errors.
 */
int dt_reg(const void *fdt, int node, uint32_t index, struct layout_range *r);

/* dt_reg() for a node whose parent is known (@parent: saves a walk of the tree). */
int dt_reg_at(const void *fdt, int node, int parent, uint32_t index, struct layout_range *r)
	__attribute__((warn_unused_result));

/* Number of reg entries of @node, or a negative errno if reg is malformed. */
int dt_reg_count(const void *fdt, int node);

/*
 * One entry of @node's interrupt-map (@map, @n cells), starting at cell @i:
 * child unit address (@node's #address-cells) and child specifier (@node's
 * #interrupt-cells), then the parent's phandle, unit address (the parent's
 * #address-cells, 0 if absent) and specifier (its #interrupt-cells).
 */
struct dt_irq_map_entry {
	uint32_t child_cells; /* unit address + specifier cells of the child */
	int parent;	      /* the interrupt parent's node */
	uint32_t spec;	      /* index of the parent specifier's first cell in @map */
	uint32_t spec_cells;  /* its length: the parent's #interrupt-cells */
	uint32_t next;	      /* index of the next entry */
};

/* Fills @e: 0, or -EINVAL (truncated, no such parent, parent cells unusable). */
int dt_irq_map_entry(const void *fdt, int node, const fdt32_t *map, uint32_t n, uint32_t i,
		     struct dt_irq_map_entry *e);

/* The interrupt parent of @node (interrupt-parent here or on an ancestor), or -1. */
int dt_irq_parent(const void *fdt, int node);

/* Copies the node name of @node up to any '@' into @buf; returns its length. */
size_t dt_base_name(const void *fdt, int node, char *buf, size_t size);

/* True if [@base, @base + @size) lies inside one /memory range (validate.c). */
bool layout_in_ram(const struct layout *l, uint64_t base, uint64_t size);

/* Index of the partition that owns core index @cpu (first one listing it), or -1. */
int layout_cpu_owner(const struct layout *l, uint32_t cpu);

/* Internal steps of layout_parse() (parse_part.c, parse_dev.c). */
/*
 * @prop of @node as one address in /chosen/bulkhead's cells: true and *@v if
 * given; a wrong size is reported ("<path>: <prop>: must be one address ...").
 */
bool parse_address(const struct layout *l, int node, const char *path, const char *prop,
		   uint64_t *v, struct layout_diag *d);
/* The module (under /chosen/bulkhead) at node offset @node, or NULL. */
const struct layout_image *layout_find_module(const struct layout *l, int node);
void parse_partition(struct layout *l, int node, struct layout_diag *d);
/* The node phandle @phandle names, or -1 (reported: "<path>: <prop>: dangling phandle"). */
int parse_phandle(const struct layout *l, const char *path, const char *prop, uint32_t phandle,
		  struct layout_diag *d);
void parse_devices(struct layout *l, struct layout_partition *p, struct layout_diag *d);

/* The strict binding (strict.c): unknown properties and children, names. */
void strict_root(const struct layout *l, struct layout_diag *d);
void strict_module(const struct layout *l, int node, const char *path, struct layout_diag *d);
void strict_partition(const struct layout *l, int node, const char *path, struct layout_diag *d);
void strict_channel(const struct layout *l, int node, const char *path, struct layout_diag *d);
void strict_endpoint(const struct layout *l, int node, const char *path, struct layout_diag *d);
bool strict_name(const char *name, size_t len);

/*
 * The execution state (exec_state.c): the execution-state property, the
 * zImage header (returns the kernel's offset in RAM), the 4 GiB rule.
 */
void parse_exec_state(struct layout *l, struct layout_partition *p, struct layout_diag *d);
uint64_t place_exec_state(const struct layout *l, struct layout_partition *p,
			  struct layout_diag *d);
void check_exec_state(const struct layout_partition *p, struct layout_diag *d);

/*
 * Clock references of @node (a device, or the console UART whose first clock
 * the emulated PL011 copies) and its subnodes (clocks.c): 0 or -EINVAL.
 */
int parse_clocks(const struct layout *l, int node, struct layout_diag *d)
	__attribute__((warn_unused_result));

/* DMA masters (dma.c): capability at parse time, the confinement rule at validation. */
bool dma_capable(const struct layout *l, int node);

/*
 * Whether @node, memory-mapped, provides clocks, resets or power domains to
 * one of Bulkhead's own devices (console UART, SMMU, GIC): what it provides
 * ("clocks", ...) and that device in *@user, or NULL (partitions/hyp_deps.c).
 */
const char *hyp_dependency(const struct layout *l, int node, int *user);
void parse_dma_unconfined(struct layout *l, struct layout_partition *p, struct layout_diag *d);
void validate_dma(const struct layout *l, struct layout_diag *d);

/* interrupt-delivery (irq_delivery.c). */
void parse_irq_delivery(struct layout *l, struct layout_partition *p, struct layout_diag *d);
void validate_irq_delivery(const struct layout *l, struct layout_diag *d);

/*
 * Bulkhead's own SPIs: every SPI of its console UART and of the SMMU (their
 * interrupts, with the GIC as parent), at most @max, into @intid and the
 * node each comes from into @node. Returns how many.
 */
#define OWNERS_MAX_HYP_SPIS 16
uint32_t owners_bulkhead_spis(const struct layout *l, uint32_t *intid, int *node, uint32_t max);

/*
 * Calls @fn for every reg entry of every memory-mapped board node that could
 * be a device: enabled (status okay), outside /chosen, /cpus and
 * /reserved-memory, not a RAM node (nor below one that is skipped), its
 * reg translated to a CPU physical address, non-empty and not wrapping.
 * One walk of the tree (owners.c).
 */
typedef void (*owners_range_fn)(const struct layout *l, int node, uint32_t index,
				const struct layout_range *r, void *ctx);
void owners_for_each_board_range(const struct layout *l, owners_range_fn fn, void *ctx);

/* The ownership map and its invariants (owners.c), from layout_validate(). */
void validate_owners(struct layout *l, const struct layout_range *img, struct layout_diag *d);

/*
 * Firmware and fixed placement (firmware.c): flash, flash-address,
 * kernel-address, dtb-address. firmware_place() replaces place.c's placement
 * for a partition when firmware_placement() says it uses any of them.
 */
void parse_firmware(struct layout *l, struct layout_partition *p, struct layout_diag *d);
void validate_firmware(const struct layout *l, uint32_t i, struct layout_diag *d);
bool firmware_placement(const struct layout_partition *p);
void firmware_place(const struct layout *l, struct layout_partition *p, struct layout_diag *d);

/* Internal steps of layout_validate() (validate_dev.c). */
void validate_devices(const struct layout *l, uint32_t i, struct layout_diag *d);
void validate_guest_map(const struct layout *l, uint32_t i, struct layout_diag *d);

/* A window Bulkhead emulates in a partition's guest-physical space (validate_dev.c). */
#define GUEST_WINDOWS_MAX 5
struct guest_window {
	const char *what; /* "the guest's GIC distributor", ... */
	uint64_t base, size;
};

/* The windows Bulkhead emulates for @p, into @w (GUEST_WINDOWS_MAX): how many. */
uint32_t guest_windows(const struct layout_partition *p, struct guest_window *w);

#endif /* PARTITIONS_DT_H */
