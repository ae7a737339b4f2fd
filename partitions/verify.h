/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Verification of built translation tables against the layout (docs/
 * reliability.md, "Table verification"): plain data only, no arch/ or smmu/.
 * Whoever walks a table (arch/arm64/s2_walk.c for stage 2, smmu/smmu_walk.c
 * for the SMMU's stage 1) turns each leaf into a struct vmap and feeds it
 * here; this checks it against what the layout gives the partition:
 *
 *   - its RAM: every byte of mem[], ipa -> phys exactly as mem[] says,
 *     Normal Write-Back, readable and writable (executable or not);
 *   - its flash banks' modules (stage 2 only, partitions/firmware.c): the
 *     module's pages at the bank's base, Normal Write-Back, read-only and
 *     executable -- never writable;
 *   - its devices' MMIO (stage 2 only: the SMMU maps RAM only): every reg and
 *     bus window, page-rounded, identity (ipa = phys), Device memory,
 *     readable and writable, never executable;
 *   - its channels' regions (stage 2 only), at each endpoint's ipa: Normal
 *     Write-Back (Non-cacheable if an endpoint is a PCI function), never executable; the header page read-only, the payload
 *     read/write, or read-only for an endpoint with access "ro"; the
 *     doorbell page after it is never mapped (it traps);
 *   - NOTHING else: no page of Bulkhead, of another partition, of a module,
 *     of the GIC, the SMMU or the console UART, and no other address.
 *
 * Every mismatch is reported through the layout_diag sink, naming the
 * partition, the address and what was expected; the first
 * VERIFY_MAX_REPORTS of one table are reported in full, the rest counted.
 */
#ifndef PARTITIONS_VERIFY_H
#define PARTITIONS_VERIFY_H

#include <partitions/layout.h>

#include <stdbool.h>
#include <stdint.h>

/* One valid leaf of a built table, decoded by its walker. */
struct vmap {
	uint64_t ia;	  /* input address: guest-physical (IPA) */
	uint64_t oa;	  /* output address: physical */
	uint64_t size;	  /* bytes */
	bool normal_wb;	  /* Normal memory, inner and outer Write-Back */
	bool normal_nc;	  /* Normal memory, inner and outer Non-cacheable (stage 2 only) */
	bool device;	  /* Device memory (any of nGnRnE..GRE) */
	bool read;	  /* data reads allowed */
	bool write;	  /* data writes allowed */
	bool exec;	  /* instruction fetches allowed */
	bool extra;	  /* attribute bits the builder never sets, or access flag clear */
	const char *type; /* memory type as the walker names it, for messages */
};

#define VERIFY_MAX_EXPECT                                                                          \
	(LAYOUT_MAX_MEM + LAYOUT_MAX_FLASH +                                                       \
	 LAYOUT_MAX_DEVICES * (LAYOUT_MAX_DEV_REGS + LAYOUT_MAX_DEV_WINDOWS) +                     \
	 2 * LAYOUT_MAX_CHANNELS)
#define VERIFY_FLASH	   (-2) /* verify_expect.dev of a flash bank's module pages */
#define VERIFY_MAX_REPORTS 8

/* What the layout gives one partition: a range it must find mapped. */
struct verify_expect {
	uint64_t ipa;
	uint64_t phys;
	uint64_t size;
	uint64_t covered; /* bytes of it found mapped as expected */
	uint64_t next;	  /* leaves come in address order: where the next should start */
	uint64_t hole;	  /* first address found not mapped as expected, if gap */
	bool gap;
	int dev;  /* index in devices[], -1 for RAM or a channel, VERIFY_FLASH for a flash bank */
	int chan; /* index in layout.channels, -1 if not a channel */
	bool ro;  /* a channel page the endpoint may only read */
	bool nc;  /* a channel page mapped Normal Non-cacheable (channel_uncached) */
	uint32_t index; /* mem[] index, or reg / window index of the device */
};

/*
 * One table being verified. Filled by layout_verify_begin(), owned by the
 * caller for one walk, no locking (a walk is single-threaded).
 */
struct layout_verify {
	const struct layout *l;
	const struct layout_partition *p;
	const char *what; /* "stage-2", "SMMU stage-1": in every message */
	bool devices;	  /* its devices' MMIO is expected (stage 2) */
	struct layout_diag *d;
	uint32_t nexp;
	struct verify_expect exp[VERIFY_MAX_EXPECT];
	bool overlap;	     /* some ranges overlap: no fast path */
	uint32_t hint;	     /* the range the last leaf was found in */
	uint64_t pages;	     /* 4 KiB pages found mapped as expected */
	uint32_t leaves;     /* leaves checked */
	uint32_t mismatches; /* problems found (reported or not) */
};

/* Start verifying one table of partition @p. */
void layout_verify_begin(struct layout_verify *v, const struct layout *l,
			 const struct layout_partition *p, const char *what, bool devices,
			 struct layout_diag *d);

/*
 * Check one leaf. Leaves of one table never overlap and come in increasing
 * input-address order (a walk yields each once, in order).
 */
void layout_verify_map(struct layout_verify *v, const struct vmap *m);

/* A malformed entry found by the walker at input address @ia. */
void layout_verify_bad(struct layout_verify *v, uint64_t ia, unsigned level, uint64_t desc,
		       const char *why);

/* Any other problem of this table, already formatted (e.g. a wrong VMID). */
void layout_verify_fail(struct layout_verify *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Coverage: every byte the layout gives must have been found mapped as
 * expected. Returns 0, or -EINVAL if any mismatch was found in this table.
 */
int layout_verify_end(struct layout_verify *v) __attribute__((warn_unused_result));

#endif /* PARTITIONS_VERIFY_H */
