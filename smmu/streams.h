/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DMA stream IDs in the partition layout (implemented in partitions/streams.c,
 * compiled for the image and the host like the rest of partitions/). The
 * prototypes live here, with the SMMU's limits, until the lead moves them
 * into partitions/layout.h.
 */
#ifndef SMMU_STREAMS_H
#define SMMU_STREAMS_H

#include <partitions/layout.h>
#include <smmu/smmu_limits.h>

/*
 * Fills l->smmu_node/smmu_base/smmu_size/smmu_evtq_intid/smmu_gerror_intid
 * from the first "arm,smmu-v3" node (reg; interrupts picked by
 * interrupt-names "eventq" and "gerror", or "combined" for both; SPI n is
 * INTID 32 + n) and, for every device of every partition, nstreams/streams[]
 * from its "iommus = <&smmu sid>..." (#iommu-cells = 1) and/or
 * "iommu-map = <rid-base &smmu sid-base length>..." (PCI host bridges).
 * Consecutive stream IDs are merged into one range. Reports problems of the
 * SMMU node itself; entries it cannot resolve are skipped silently here and
 * reported by layout_validate_streams(). Idempotent. Needs l->gic_node and the
 * partitions' devices: call it at the end of layout_parse().
 * Returns 0 or -EINVAL.
 */
int layout_parse_streams(struct layout *l, struct layout_diag *d);

/*
 * Rules (each error names the device node and "iommus"/"iommu-map"):
 *  - every iommus / iommu-map entry resolves: it points at the SMMU Bulkhead
 *    drives, with #iommu-cells = 1, non-empty, within the first
 *    2^SMMU_MAX_SID_BITS stream IDs, at most LAYOUT_MAX_DEV_STREAMS ranges;
 *  - a PCI host bridge (device_type "pci") has an iommu-map: otherwise its
 *    devices' DMA cannot be confined ("DMA-capable device has no stream IDs");
 *  - no stream ID belongs to two partitions.
 * Call it from layout_validate(). Returns 0 or -EINVAL.
 */
int layout_validate_streams(const struct layout *l, struct layout_diag *d);

#endif /* SMMU_STREAMS_H */
