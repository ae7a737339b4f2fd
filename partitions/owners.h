/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ownership map: every physical range the layout names, each with exactly
 * one owner (Bulkhead, one partition, or nobody for plain RAM) and a kind.
 * Built by layout_validate() (partitions/owners.c) into layout.owners, sorted
 * by address; the isolation invariants are checked on the whole table, not
 * one attack at a time (docs/reliability.md "Ownership invariants"):
 *
 *  - one owner per byte: no two owned ranges overlap. Ranges that are mapped
 *    with 4 KiB pages (device MMIO: the GIC, the SMMU, the console UART, a
 *    partition's devices) count as the whole pages they touch;
 *  - RAM is never a device: no memory-mapped node of the board (the GIC and
 *    its ITS, the SMMU, the UART, every device, given or not) overlaps a RAM
 *    range of /memory;
 *  - what is carved out of RAM (Bulkhead, modules, partitions' RAM) lies in
 *    RAM (the per-range rules of validate.c);
 *  - interrupts, SMMU stream IDs and cores follow the same discipline
 *    (owners.c, streams.c, parse.c).
 *
 * The stage-2 and SMMU table walkers check what was really built against
 * this map (owner_map_lookup()).
 */
#ifndef PARTITIONS_OWNERS_H
#define PARTITIONS_OWNERS_H

#include <stdbool.h>
#include <stdint.h>

/* What a range of the map is. */
enum owner_kind {
	OWN_RAM = 0,   /* a /memory range: the layer everything RAM-like is carved from */
	OWN_HYP,       /* Bulkhead's own memory (/chosen/bulkhead reg) */
	OWN_HYP_IMAGE, /* the running image, when it lies outside reg (an error) */
	OWN_MODULE,    /* an image U-Boot loaded (module node) */
	OWN_GICD,      /* the GIC distributor */
	OWN_GICR,      /* one redistributor frame (or the rest of the region) */
	OWN_GIC_CHILD, /* a node below the GIC (the ITS) */
	OWN_GIC_OTHER, /* the GIC's other reg entries (redistributor regions, GICC/H/V) */
	OWN_SMMU,      /* the SMMUv3 Bulkhead drives */
	OWN_CONSOLE,   /* Bulkhead's console UART */
	OWN_PART_RAM,  /* one memory range of a partition */
	OWN_PART_DEV,  /* one MMIO range (reg or PCI window) of a partition's device */
	OWN_CHANNEL,   /* a channel's shared memory (owner OWNER_CHANNEL, index = channel) */
	OWN_HOLE,      /* only in printed tables: nobody's */
	OWN_KIND_COUNT,
};

#define OWNER_BULKHEAD (-1) /* owner of Bulkhead's ranges */
#define OWNER_NONE     (-2) /* RAM ranges and holes */
#define OWNER_CHANNEL  (-3) /* a channel's memory: shared by its endpoints, nobody's alone */

/* Redistributor frame of a GICv3 without VLPIs: RD_base + SGI_base (GICv3 12.10). */
#define OWNER_GICR_FRAME 0x20000ULL
/* Nodes below the GIC (ITS) kept in the map, reg entries each. */
#define OWNER_MAX_GIC_CHILD_RANGES 8
/* The GIC's own reg entries after the distributor and the first redistributor region. */
#define OWNER_MAX_GIC_REGS 8

struct owner_range {
	uint64_t base, size; /* physical, exact (size > 0, no wrap) */
	uint64_t ipa;	     /* OWN_PART_RAM: guest-physical of base; OWN_PART_DEV: = base */
	int32_t owner;	     /* partition index, OWNER_BULKHEAD or OWNER_NONE */
	uint16_t kind;	     /* enum owner_kind */
	uint16_t index;	     /* reg entry / memory range / frame / PCI window */
	int node;	     /* the device-tree node it comes from, -1 if none */
	uint32_t dev;	     /* OWN_PART_DEV: index in the partition's devices */
	uint32_t seq;	     /* creation order: a conflict is reported on the later */
	bool paged;	     /* mapped by 4 KiB pages: owns every page it touches */
	bool window;	     /* OWN_PART_DEV: a PCI host bridge window (ranges), not reg */
};

/* Upper bound of the map's entries with the layout's limits (layout.h). */
#define OWNER_MAP_MAX                                                                              \
	(LAYOUT_MAX_RAM + 2 + LAYOUT_MAX_MODULES + LAYOUT_MAX_CHANNELS + 2 + LAYOUT_MAX_CPUS +     \
	 OWNER_MAX_GIC_CHILD_RANGES + OWNER_MAX_GIC_REGS + 2 +                                     \
	 LAYOUT_MAX_PARTITIONS * (LAYOUT_MAX_MEM + LAYOUT_MAX_DEVICES * (LAYOUT_MAX_DEV_REGS +     \
									 LAYOUT_MAX_DEV_WINDOWS)))

/* Filled by layout_validate(); read-only afterwards (like the rest of the layout). */
struct owner_map {
	uint32_t n;
	bool built;			     /* layout_validate() ran to the end of the map */
	struct owner_range r[OWNER_MAP_MAX]; /* sorted by base, then kind */
};

#endif /* PARTITIONS_OWNERS_H */
