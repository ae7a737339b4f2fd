/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Limits of Bulkhead's SMMUv3 stream table, shared by the driver (smmu/) and
 * the layout validator (partitions/streams.c) so that a layout the validator
 * accepts is one the driver can build. Nothing else: no dependency on arch/.
 */
#ifndef SMMU_SMMU_LIMITS_H
#define SMMU_SMMU_LIMITS_H

/*
 * Stream IDs 0 .. 2^SMMU_MAX_SID_BITS - 1 can be given to partitions (16 bits:
 * a whole PCI segment's requester IDs). Larger IDs are outside the stream table
 * (SMMU_STRTAB_BASE_CFG.LOG2SIZE) and always abort.
 */
#define SMMU_MAX_SID_BITS 16

#endif /* SMMU_SMMU_LIMITS_H */
