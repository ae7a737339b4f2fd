/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stage-2 translation of a partition (IPA -> PA) and the attribute and
 * control-register values of Bulkhead's own EL2 stage-1 map.
 *
 * Stage 2: 40-bit IPA (VTCR_EL2.T0SZ = 24), 4 KiB granule, walks start at
 * level 1. One level-1 table resolves IPA[38:30], i.e. 512 GiB; the 40th bit
 * selects one of TWO concatenated level-1 tables (8 KiB, 8 KiB aligned), so
 * root entry IPA[39:30] (0..1023) runs across both pages (Arm ARM DDI 0487K.a,
 * D8.2, "Concatenated translation tables" for the stage-2 initial lookup).
 */
#ifndef ARCH_ARM64_STAGE2_H
#define ARCH_ARM64_STAGE2_H

#include <arch/arm64/pgtable.h>
#include <lib/bits.h>

#include <stdint.h>

/*
 * Stage-2 block and page attributes (D8.3.1 descriptor fields; D8.4 "Memory
 * access control" for S2AP/XN; D8.5 "Memory region attributes", stage-2
 * MemAttr with FEAT_S2FWB disabled).
 */
#define S2_MEMATTR_SHIFT	2
#define S2_MEMATTR_MASK		GENMASK(5, 2)
#define S2_MEMATTR_NORMAL_WB	(0xfULL << 2) /* Normal, outer and inner Write-Back */
#define S2_MEMATTR_DEVICE_NGNRE (0x1ULL << 2) /* Device-nGnRE */
#define S2_MEMATTR_NORMAL_NC	(0x5ULL << 2) /* Normal, outer and inner Non-cacheable */
#define S2_AP_MASK		GENMASK(7, 6)
#define S2_AP_NONE		(0x0ULL << 6)
#define S2_AP_RO		(0x1ULL << 6)
#define S2_AP_WO		(0x2ULL << 6)
#define S2_AP_RW		(0x3ULL << 6)
#define S2_SH_MASK		GENMASK(9, 8)
#define S2_SH_INNER		(0x3ULL << 8) /* Inner Shareable */
#define S2_AF			BIT(10)	      /* access flag: set, no AF faults */
#define S2_XN			BIT(54)	      /* execute-never at EL1 and EL0 */

#define S2_NORMAL (S2_MEMATTR_NORMAL_WB | S2_SH_INNER | S2_AF)
#define S2_DEVICE (S2_MEMATTR_DEVICE_NGNRE | S2_AF | S2_XN)

#define S2_NORMAL_RWX (S2_NORMAL | S2_AP_RW)
#define S2_NORMAL_RW  (S2_NORMAL | S2_AP_RW | S2_XN)
#define S2_NORMAL_RX  (S2_NORMAL | S2_AP_RO)
#define S2_NORMAL_RO  (S2_NORMAL | S2_AP_RO | S2_XN)
#define S2_DEVICE_RW  (S2_DEVICE | S2_AP_RW)
#define S2_DEVICE_RO  (S2_DEVICE | S2_AP_RO)

/* Channels with a PCI endpoint (partitions/channel.h channel_uncached()). */
#define S2_NORMAL_NC	(S2_MEMATTR_NORMAL_NC | S2_SH_INNER | S2_AF)
#define S2_NORMAL_NC_RW (S2_NORMAL_NC | S2_AP_RW | S2_XN)
#define S2_NORMAL_NC_RO (S2_NORMAL_NC | S2_AP_RO | S2_XN)

#define S2_IPA_BITS    40 /* = LAYOUT_IPA_BITS (checked in stage2.c) */
#define S2_START_LEVEL 1
#define S2_ROOT_TABLES 2    /* 2^(40 - 39) concatenated level-1 tables */
#define S2_VMID_MAX    0xff /* VTCR_EL2.VS = 0: 8-bit VMID */

struct s2_table {
	uint64_t *root; /* S2_ROOT_TABLES contiguous pages */
	uint16_t vmid;
};

/* Allocate the empty concatenated root; -EINVAL for a VMID over 255, -ENOMEM. */
int s2_init(struct s2_table *t, struct pt_pool *pool, uint16_t vmid);

/* pt_map semantics over the 40-bit IPA space; @attrs from the S2_* values above. */
int s2_map(struct s2_table *t, struct pt_pool *pool, uint64_t ipa, uint64_t pa, uint64_t size,
	   uint64_t attrs);

/* pt_unmap semantics (partition restart). The caller then does TLBI VMALLS12E1IS. */
int s2_unmap(struct s2_table *t, struct pt_pool *pool, uint64_t ipa, uint64_t size);

/* pt_walk semantics: 0, -ENOENT if @ipa is not mapped, -EINVAL if out of range. */
int s2_walk(const struct s2_table *t, uint64_t ipa, uint64_t *pa, uint64_t *attrs, unsigned *level);

/* VTTBR_EL2: VMID in [55:48], BADDR = the root (8 KiB aligned), CnP = 0. */
uint64_t s2_vttbr(const struct s2_table *t);

/*
 * VTCR_EL2 for these tables: T0SZ = 24, SL0 = 1 (level 1), IRGN0/ORGN0 =
 * Write-Back Write-Allocate, SH0 = Inner Shareable, TG0 = 4 KiB, PS from
 * @pa_range (ID_AA64MMFR0_EL1.PARange; capped at 48 bits, the most these
 * descriptors hold), VS = 0, RES1 bit 31. A CPU whose PARange is under 40 bits
 * cannot use a 40-bit IPA space: the board must not have one.
 */
uint64_t s2_vtcr(unsigned pa_range);

/*
 * EL2 stage-1 (HCR_EL2.E2H = 0, one VA range, TTBR0_EL2): leaf attributes
 * (D8.3.1 lower/upper attributes; D8.4.1 "For a stage 1 translation that
 * supports one Exception level, AP[1] is RES1"; AP[2] = 0 is read/write).
 * AttrIndx selects a byte of MAIR_EL2: 0 = Normal WB, 1 = Device-nGnRE.
 */
#define S1_ATTRIDX(n)	  (((uint64_t)(n)&7) << 2)
#define S1_AP1_RES1	  BIT(6)
#define S1_AP_RO	  BIT(7) /* AP[2] */
#define S1_SH_INNER	  (0x3ULL << 8)
#define S1_AF		  BIT(10)
#define S1_XN		  BIT(54)
#define S1_MAIR_NORMAL	  0 /* MAIR_EL2 index */
#define S1_MAIR_DEVICE	  1
#define MAIR_NORMAL_WB	  0xffULL /* Normal, inner/outer Write-Back non-transient, RA WA */
#define MAIR_DEVICE_NGNRE 0x04ULL

#define S1_EL2_MAIR                                                                                \
	((MAIR_NORMAL_WB << (8 * S1_MAIR_NORMAL)) | (MAIR_DEVICE_NGNRE << (8 * S1_MAIR_DEVICE)))
#define S1_EL2_NORMAL (S1_ATTRIDX(S1_MAIR_NORMAL) | S1_AP1_RES1 | S1_SH_INNER | S1_AF)
#define S1_EL2_DEVICE (S1_ATTRIDX(S1_MAIR_DEVICE) | S1_AP1_RES1 | S1_AF | S1_XN)

#define S1_EL2_START_LEVEL 1 /* T0SZ = 25: 39-bit VA, one 4 KiB root at level 1 */

/*
 * TCR_EL2 (E2H = 0): T0SZ = 25, IRGN0/ORGN0 = Write-Back Write-Allocate,
 * SH0 = Inner Shareable, TG0 = 4 KiB, PS from @pa_range (capped at 48 bits),
 * RES1 bits 31 and 23.
 */
uint64_t s1_el2_tcr(unsigned pa_range);

#endif /* ARCH_ARM64_STAGE2_H */
